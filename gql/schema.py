"""The GraphQL schema, assembled from the types and root fields generated from the ontology.

Root connections are named by the ontology's plurals and take ``where`` (``eq``, ``in``,
``contains``, ``startsWith`` on the class's text properties), ``sort``, ``first`` (at most 100)
and ``after`` (an opaque cursor), returning ``{ totalCount edges { cursor node } pageInfo }``;
``node(id:)`` returns any entity.
"""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter

from gql.generated import build_types, root_fields
from ontology.model import OntologyModel, load_model


def build_schema(model: OntologyModel | None = None) -> strawberry.Schema:
    """The schema for ``model`` (default: the shipped ontology) with depth and alias limits."""
    model = model or load_model()
    registry = build_types(model)
    query_cls = type("Query", (), root_fields(model, registry))
    query_cls.__module__ = "gql.generated"
    query = strawberry.type(query_cls, description="The social twin, by ontology class.")
    return strawberry.Schema(
        query=query,
        types=list(registry.types.values()),
        extensions=[
            lambda: QueryDepthLimiter(max_depth=10),
            lambda: MaxAliasesLimiter(max_alias_count=30),
        ],
    )


__all__ = ["build_schema"]
