"""Relationship fields as connections whose edges carry the relationship's provenance.

Every relationship field ``<field>`` of a generated type (``Neighbourhood.district``,
``District.neighbourhoods``, ``Programme.stakeholdersViaPartnerIn`` ...) has a twin
``<field>Connection(first, after)``::

    districtConnection { totalCount
      edges { cursor node { code name } sources confidence firstSeen lastSeen extractor }
      pageInfo { hasNextPage endCursor } }

The edge fields are the properties a relationship carries, read from the ontology: the
``sh:path`` of every SHACL shape that targets ``rdf:Statement`` (the relationship record:
``sources``, ``extractor``, ``confidence``, ``firstSeen``, ``lastSeen`` ...) and every property
whose domain is ``rdf:Statement`` (``evidence``, ``evidenceSpans``, ``sourceRow`` ...), typed
by their ranges. The edges come in the order of the list field (by mention offset, then node
id); cursors are keyset positions in that order (stable when relationships come and go), and
a connection reads the same prefetched rows or DataLoader batch as its list field, so it costs
no extra query.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import strawberry
from graphql import GraphQLError
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from gql import filters
from gql.connection import MAX_FIRST, PageInfo
from gql.context import Item
from gql.scalars import annotation, coerce
from ontology.model import SHAPES_FILE, DataProperty, OntologyModel, bundled_root

_MODULE = sys.modules[__name__]
EDGE_SIGNATURE = "edge:"  # cursors of a relationship connection: "edge:<field>"


def shapes_graph() -> Graph:
    """The shipped SHACL shapes."""
    graph = Graph()
    graph.parse(bundled_root() / SHAPES_FILE, format="turtle")
    return graph


def edge_properties(model: OntologyModel, shapes: Graph | None = None) -> list[DataProperty]:
    """The properties a relationship carries (see the module docstring), in model order."""
    shapes = shapes_graph() if shapes is None else shapes
    paths: set[str] = set()
    for shape in shapes.subjects(SH.targetClass, RDF.Statement):
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if isinstance(path, URIRef):
                paths.add(str(path))
    return [p for p in model.properties.values() if p.on_relationships or p.iri in paths]


def _edge_field(prop: DataProperty) -> Any:
    def resolve(self: Any) -> Any:
        return coerce(self._rel.get(prop.name), prop)

    resolve.__annotations__ = {"return": annotation(prop)}
    resolve.__module__ = __name__
    return strawberry.field(resolver=resolve, name=prop.name, description=prop.labels.get("en"))


def edge_type(target: str, node_type: Any, props: Sequence[DataProperty]) -> Any:
    """``<target>RelationshipEdge``: a related node, its cursor and the relationship's
    provenance."""
    namespace: dict[str, Any] = {
        "__annotations__": {
            "cursor": str,
            "node": node_type,
            "_rel": strawberry.Private[Item],
        },
    }
    for prop in props:
        namespace[f"p_{prop.name}"] = _edge_field(prop)
    cls = type(f"{target}RelationshipEdge", (), namespace)
    cls.__module__ = __name__
    return strawberry.type(
        cls,
        description=f"A related {target} and the provenance of the relationship that leads to it.",
    )


def connection_type(target: str, edge: Any) -> Any:
    """``<target>RelationshipConnection``: one page of a relationship field."""
    namespace: dict[str, Any] = {
        "__annotations__": {"total_count": int, "edges": list[edge], "page_info": PageInfo},
    }
    cls = type(f"{target}RelationshipConnection", (), namespace)
    cls.__module__ = __name__
    return strawberry.type(
        cls, description=f"The related {target} nodes of a relationship field, page by page."
    )


def _position(item: Item) -> list[Any]:
    start = item["rel"].get("start")
    return [int(start) if isinstance(start, int) else 0]


def page(
    field_name: str,
    items: Sequence[Item],
    first: int,
    after: str | None,
) -> tuple[list[tuple[str, Item]], int, int]:
    """The rows after ``after`` (at most ``first``) with their cursors, the number of rows
    before the cursor and the total. ``items`` are ``{node, rel}`` in the field's order."""
    if first < 0 or first > MAX_FIRST:
        raise GraphQLError(f"first must be between 0 and {MAX_FIRST}, got {first}")
    sig = f"{EDGE_SIGNATURE}{field_name}"
    rows = list(items)
    start = 0
    if after is not None:
        try:
            cursor = filters.decode_cursor(after)
        except filters.FilterError as exc:
            raise GraphQLError(str(exc)) from None
        if (
            cursor.signature != sig
            or len(cursor.values) != 1
            or not isinstance(cursor.values[0], int)
            or isinstance(cursor.values[0], bool)
        ):
            raise GraphQLError(f"invalid cursor: it belongs to another field than {field_name}")
        mark = (cursor.values[0], cursor.id)
        start = next(
            (
                i
                for i, item in enumerate(rows)
                if (_position(item)[0], str(item["node"]["id"])) > mark
            ),
            len(rows),
        )
    chosen = rows[start : start + first]
    found = [
        (filters.encode_cursor(sig, _position(item), str(item["node"]["id"])), item)
        for item in chosen
    ]
    return found, start, len(rows)


__all__ = [
    "EDGE_SIGNATURE",
    "connection_type",
    "edge_properties",
    "edge_type",
    "page",
    "shapes_graph",
]
