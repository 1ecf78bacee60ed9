"""The GraphQL schema, assembled from the types and root fields generated from the ontology.

Root connections are named by the ontology's plurals and take ``where`` (``eq``, ``in``,
``contains``, ``startsWith`` on the class's text properties), ``sort``, ``first`` (at most 100)
and ``after`` (an opaque cursor), returning ``{ totalCount edges { cursor node } pageInfo }``;
``node(id:)`` returns any entity. ``search``, ``path`` and ``profile`` explore across classes
(``gql.explore``); ``<plural>Aggregate`` counts and summarises each root class in groups
(``gql.aggregates``). Mutations (``upsert<Class>``, ``mergeEntities``, ``rejectFact``,
``ingestDocument``; maintainers only) come from ``gql.mutations``.
"""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter

from gql.aggregates import aggregate_fields
from gql.compiled import CompiledExecutionContext
from gql.explore import explore_fields
from gql.generated import build_types, root_fields
from gql.mutations import mutation_type
from ontology.model import OntologyModel, load_model


def build_schema(model: OntologyModel | None = None, compiled: bool = True) -> strawberry.Schema:
    """The schema for ``model`` (default: the shipped ontology) with depth and alias limits
    (``compiled=False`` turns the compiled path of ``gql.compiled`` off, for comparisons)."""
    model = model or load_model()
    registry = build_types(model)
    fields = root_fields(model, registry, compiled)
    for more in (explore_fields(model, registry), aggregate_fields(model, compiled)):
        clash = sorted(set(fields) & set(more))
        if clash:
            raise ValueError(f"root fields defined twice: {clash}")
        fields.update(more)
    query_cls = type("Query", (), fields)
    query_cls.__module__ = "gql.generated"
    query = strawberry.type(query_cls, description="The social twin, by ontology class.")
    return strawberry.Schema(
        query=query,
        mutation=mutation_type(model, registry),
        types=list(registry.types.values()),
        execution_context_class=CompiledExecutionContext,
        extensions=[
            lambda: QueryDepthLimiter(max_depth=10),
            lambda: MaxAliasesLimiter(max_alias_count=30),
        ],
    )


__all__ = ["build_schema"]
