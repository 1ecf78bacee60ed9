"""Relay-style connections: filter inputs, keyset cursors, pages (one Cypher query each).

A page is one query: the ``where`` and ``sort`` of the request compiled by ``gql.filters``,
the keyset condition of ``after`` and ``$limit`` (``first``, at most 100) in one statement that
also counts every match (``totalCount`` respects the filter, not the cursor) — unless the
request selects neither ``totalCount`` nor ``hasPreviousPage``: then nothing is counted and a
top-k sort fetches ``first + 1`` rows after the cursor (``hasNextPage`` from the extra row).

Cursors are opaque and keyset-stable: each encodes the signature of its ordering, the sort key
values of its node and the node id, and ``after`` resumes *after that position*, not after an
offset, so nodes added or removed meanwhile neither repeat nor push others out of the walk. A
cursor of another ordering (other sort keys or parameters) is refused; one from another
``where`` is accepted. ``hasPreviousPage`` is true when matches lie before the cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry
from graphql import GraphQLError, GraphQLObjectType, get_named_type
from strawberry.types import Info

from gql import filters, queries
from gql.compiled import (
    Compiler,
    ConnectionPlan,
    NotCompiledError,
    Precompiled,
    connection_plan,
)
from gql.context import Context, Item
from gql.projection import PREFETCHED, Shapes, below, project, row_node, wanted
from gql.timeline import AS_OF_KEY, AsOfError, checked

T = TypeVar("T")
MAX_FIRST = 100
DEFAULT_FIRST = 20


@strawberry.input(description="Conditions on a text field; all given conditions must hold.")
class StringFilter:
    eq: str | None = None
    in_: list[str] | None = strawberry.field(default=None, name="in")
    contains: str | None = strawberry.field(default=None, description="Case-insensitive.")
    starts_with: str | None = strawberry.field(default=None, name="startsWith")
    ends_with: str | None = strawberry.field(default=None, name="endsWith")


@strawberry.input(description="Conditions on an integer field; all given conditions must hold.")
class IntFilter:
    eq: int | None = None
    in_: list[int] | None = strawberry.field(default=None, name="in")
    gt: int | None = None
    gte: int | None = None
    lt: int | None = None
    lte: int | None = None


@strawberry.input(description="Conditions on a decimal field; all given conditions must hold.")
class FloatFilter:
    eq: float | None = None
    in_: list[float] | None = strawberry.field(default=None, name="in")
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None


@strawberry.input(
    description="Conditions on a date field (ISO 8601, 2024-05-31); all given conditions hold."
)
class DateFilter:
    eq: str | None = None
    in_: list[str] | None = strawberry.field(default=None, name="in")
    gt: str | None = None
    gte: str | None = None
    lt: str | None = None
    lte: str | None = None


@strawberry.input(
    description="Conditions on a date-time field (ISO 8601, 2024-05-31T12:00:00Z); all given "
    "conditions must hold."
)
class DateTimeFilter:
    eq: str | None = None
    in_: list[str] | None = strawberry.field(default=None, name="in")
    gt: str | None = None
    gte: str | None = None
    lt: str | None = None
    lte: str | None = None


@strawberry.input(description="A condition on a true/false field.")
class BooleanFilter:
    eq: bool | None = None


FILTERS: dict[filters.Kind, type] = {
    "string": StringFilter,
    "int": IntFilter,
    "float": FloatFilter,
    "date": DateFilter,
    "datetime": DateTimeFilter,
    "boolean": BooleanFilter,
}


@strawberry.enum(description="Ascending (missing values last) or descending (also last).")
class SortDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.enum(description="How the values of related nodes become one sort key.")
class AggregateFunction(Enum):
    COUNT = "COUNT"
    MIN = "MIN"
    MAX = "MAX"
    AVG = "AVG"
    SUM = "SUM"


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    total_count: int
    edges: list[Edge[T]]
    page_info: PageInfo


def encode_cursor(sig: str, values: Sequence[Any], node_id: str) -> str:
    """The opaque cursor of a node at sort key ``values`` in the ordering ``sig``."""
    return filters.encode_cursor(sig, values, node_id)


def decode_cursor(cursor: str) -> filters.Cursor:
    """The position in a cursor; a GraphQL error for anything that is not one of ours."""
    try:
        return filters.decode_cursor(cursor)
    except filters.FilterError as exc:
        raise GraphQLError(str(exc)) from None


def page_query(
    spec: filters.FilterSpec,
    label: str,
    where: Mapping[str, Any] | None,
    sort: Sequence[Mapping[str, Any]] | None,
    after: str | None,
    as_of: str | None = None,
    projection: str | None = None,
    light: bool = False,
) -> tuple[str, dict[str, Any], str]:
    """The Cypher of one page, its parameters (without ``$limit``) and the ordering's
    signature; invalid input becomes a GraphQL error naming the problem. With ``as_of`` (an
    ISO date) only what the twin knew that day (``gql.timeline``)."""
    try:
        condition, params = filters.compile_where(spec, label, where, as_of=as_of)
        keys, sort_params = filters.compile_sort(spec, label, sort, as_of=as_of)
        params.update(sort_params)
        sig = filters.signature(label, keys, sort_params)
        after_condition = None
        if after is not None:
            cursor = filters.decode_cursor(after)
            if cursor.signature != sig:
                raise filters.FilterError("invalid cursor: it belongs to another sort")
            after_condition, cursor_params = filters.keyset_after(keys, cursor)
            params.update(cursor_params)
    except filters.FilterError as exc:
        raise GraphQLError(str(exc)) from None
    page = queries.connection_page_light if light else queries.connection_page
    cypher = page(label, condition, keys, after_condition, projection)
    return cypher, params, sig


def prefetched(data: Item, field_name: str) -> list[Item] | None:
    """The items ``{node, rel}`` of a relation field that were loaded with the page, if they
    were (rows that are just the node's map get an empty ``rel``)."""
    found: dict[str, list[Item]] | None = data.get(PREFETCHED)
    rows = None if found is None else found.get(field_name)
    if rows is None:
        return None
    return [{"node": r, "rel": {}} if row_node(r) is r else r for r in rows]


def _type_names(info: Info[Context, None]) -> dict[str, str]:
    """The GraphQL names of a root connection's type, its edge type and PageInfo."""
    connection = get_named_type(info._raw_info.return_type)
    assert isinstance(connection, GraphQLObjectType)
    edge = get_named_type(connection.fields["edges"].type)
    page_info = get_named_type(connection.fields["pageInfo"].type)
    return {"connection": connection.name, "edge": edge.name, "pageInfo": page_info.name}


def _shaped(
    plan: ConnectionPlan,
    compiler: Compiler,
    sig: str,
    page: Sequence[Mapping[str, Any]],
    items: Sequence[Item],
    total: int,
    row: Mapping[str, Any],
    names: Mapping[str, str],
) -> Precompiled | None:
    """The response of a compiled page; None when a value needs the ordinary path."""
    try:
        edges = []
        cursors = plan.cursors
        for item, data in zip(page, items, strict=True):
            if compiler.concrete(data.get("labels") or ()) is None:
                return None
            cursor = encode_cursor(sig, item["keys"], str(item["id"])) if cursors else ""
            edges.append((cursor, data))
        page_info = {
            "hasNextPage": int(row["remaining"]) > len(edges),
            "hasPreviousPage": int(row["before"]) > 0,
            "startCursor": edges[0][0] if edges else None,
            "endCursor": edges[-1][0] if edges else None,
        }
        return Precompiled(plan.shape(total, edges, page_info, names))
    except (NotCompiledError, GraphQLError, TypeError, ValueError):
        return None


def _item(node: Any) -> Item:
    """A Neo4j node as the dict the generated types wrap: its properties and ``labels``."""
    return {**dict(node.items()), "labels": list(node.labels)}


async def build_connection(
    info: Info[Context, None],
    spec: filters.FilterSpec,
    label: str,
    make: Callable[[Item], Any],
    where: Mapping[str, Any] | None,
    sort: Sequence[Mapping[str, Any]] | None,
    first: int,
    after: str | None,
    as_of: str | None = None,
    shapes: Shapes | None = None,
    compiler: Compiler | None = None,
) -> Connection[Any] | Precompiled:
    """Count the matching nodes of ``label`` and return the page after ``after`` (as the twin
    knew it at ``as_of``, if given; the nodes carry that date to their nested fields).

    With ``shapes`` the page's nodes come as the projection of the selection
    (``gql.projection``): the selected properties and, nested, the selected relationship
    fields of every level, in the same statement. Without, whole nodes, and their relation
    fields through the DataLoaders. With ``compiler`` too, a selection the projection covers
    entirely is shaped straight from the rows (``gql.compiled``)."""
    if first < 0 or first > MAX_FIRST:
        raise GraphQLError(f"first must be between 0 and {MAX_FIRST}, got {first}")
    if as_of is not None:
        try:
            as_of = checked(as_of)
        except AsOfError as exc:
            raise GraphQLError(str(exc)) from None
    projection = None
    if shapes is not None and info.selected_fields:
        nodes = below(info.selected_fields[0].selections, "edges", "node")
        want = wanted(spec, label, nodes, shapes)
        known = None if as_of is None else spec.timeline
        projection = project(spec, label, "n", want, known)
    light = False
    if info.selected_fields:
        selections = info.selected_fields[0].selections
        fields = {sel.name for sel in below(selections)}
        before = {sel.name for sel in below(selections, "pageInfo")}
        light = "totalCount" not in fields and "hasPreviousPage" not in before
    plan, names = None, {}
    if projection is not None and compiler is not None:
        names = _type_names(info)
        plan = connection_plan(compiler, label, info.selected_fields[0].selections, names)
    cypher, params, sig = page_query(spec, label, where, sort, after, as_of, projection, light)
    records = await info.context.read(cypher, **params, limit=first)
    row: Mapping[str, Any] = records[0] if records else {"total": 0, "before": 0, "remaining": 0}
    if light:  # not counted: totalCount and hasPreviousPage are not selected
        row = {"total": 0, "before": 0, "remaining": row["remaining"], "page": row["page"]}
    total = int(row["total"])
    page = sorted(row.get("page") or [], key=lambda item: int(item.get("i", 0)))[:first]
    items = [dict(item["node"]) if projection else _item(item["node"]) for item in page]
    if as_of is not None:
        for data in items:
            data[AS_OF_KEY] = as_of
    if plan is not None and compiler is not None:
        shaped = _shaped(plan, compiler, sig, page, items, total, row, names)
        if shaped is not None:
            return shaped
    edges = [
        Edge(cursor=encode_cursor(sig, item["keys"], str(item["id"])), node=make(data))
        for item, data in zip(page, items, strict=True)
    ]
    return Connection(
        total_count=total,
        edges=edges,
        page_info=PageInfo(
            has_next_page=int(row["remaining"]) > len(edges),
            has_previous_page=int(row["before"]) > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )


__all__ = [
    "DEFAULT_FIRST",
    "PREFETCHED",
    "FILTERS",
    "MAX_FIRST",
    "AggregateFunction",
    "BooleanFilter",
    "Connection",
    "DateFilter",
    "DateTimeFilter",
    "Edge",
    "FloatFilter",
    "IntFilter",
    "PageInfo",
    "SortDirection",
    "StringFilter",
    "build_connection",
    "decode_cursor",
    "encode_cursor",
    "page_query",
    "prefetched",
]
