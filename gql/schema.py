"""The GraphQL schema: one Relay-style connection per ontology class, plus ``node(id:)``.

Root fields are named by the ontology's ``st:graphqlPlural`` and take ``where`` (``eq``, ``in``,
``contains``, ``startsWith`` on ``id``/``code``/``name``), ``sort``, ``first`` (at most 100)
and ``after`` (an opaque cursor), returning ``{ totalCount edges { cursor node } pageInfo }``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter

from gql import queries
from gql.context import Item
from gql.types import (
    _MODEL,
    AREA,
    DISTRICT,
    DOCUMENT,
    INDICATOR,
    MUNICIPALITY,
    NEIGHBOURHOOD,
    STAKEHOLDER,
    Area,
    Ctx,
    District,
    Document,
    Indicator,
    Municipality,
    Neighbourhood,
    Place,
    Stakeholder,
    place_from_data,
)

T = TypeVar("T")
MAX_FIRST = 100
DEFAULT_FIRST = 20


@strawberry.input(description="Conditions on a text field; all given conditions must hold.")
class StringFilter:
    eq: str | None = None
    in_: list[str] | None = strawberry.field(default=None, name="in")
    contains: str | None = strawberry.field(default=None, description="Case-insensitive.")
    starts_with: str | None = None


@strawberry.input(description="Filter places by id, CBS code or name.")
class PlaceWhere:
    id: StringFilter | None = None
    code: StringFilter | None = None
    name: StringFilter | None = None


@strawberry.input(description="Filter by id or name.")
class EntityWhere:
    id: StringFilter | None = None
    name: StringFilter | None = None


@strawberry.enum
class SortField(Enum):
    ID = "id"
    CODE = "code"
    NAME = "name"


@strawberry.enum
class SortDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.input
class Sort:
    field: SortField
    direction: SortDirection = SortDirection.ASC


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


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    """The offset in a cursor; a GraphQL error for anything that is not one of ours."""
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        offset = int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise GraphQLError(f"invalid cursor {cursor!r}") from None
    if kind != "offset" or offset < 0:
        raise GraphQLError(f"invalid cursor {cursor!r}")
    return offset


def _conditions(
    where: PlaceWhere | EntityWhere | None,
) -> tuple[list[queries.Condition], dict[str, Any]]:
    conditions: list[queries.Condition] = []
    params: dict[str, Any] = {}
    if where is None:
        return conditions, params
    for prop in queries.FILTERABLE:
        flt: StringFilter | None = getattr(where, prop, None)
        if flt is None:
            continue
        for op, value in (
            ("eq", flt.eq),
            ("in", flt.in_),
            ("contains", flt.contains),
            ("startsWith", flt.starts_with),
        ):
            if value is None:
                continue
            name = f"w_{prop}_{op}"
            conditions.append(queries.Condition(prop, op, name))
            params[name] = value
    return conditions, params


async def _connection(
    info: Ctx,
    label: str,
    make: Callable[[Item], T],
    where: PlaceWhere | EntityWhere | None,
    sort: list[Sort] | None,
    first: int,
    after: str | None,
) -> Connection[T]:
    if first < 0 or first > MAX_FIRST:
        raise GraphQLError(f"first must be between 0 and {MAX_FIRST}, got {first}")
    skip = decode_cursor(after) + 1 if after else 0
    conditions, params = _conditions(where)
    order = [(s.field.value, s.direction.value) for s in sort or []]
    cypher = queries.connection_page(label, conditions, order)
    records = await info.context.read(cypher, skip=skip, limit=first, **params)
    total = int(records[0]["total"]) if records else 0
    page = records[0]["page"] if records else []
    edges = [Edge(cursor=encode_cursor(skip + i), node=make(data)) for i, data in enumerate(page)]
    return Connection(
        total_count=total,
        edges=edges,
        page_info=PageInfo(
            has_next_page=skip + len(edges) < total,
            has_previous_page=skip > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )


_FIRST = strawberry.argument(description=f"Page size, at most {MAX_FIRST}.")


def _plural(label: str) -> str:
    return _MODEL.cls(label).plural


@strawberry.type
class Query:
    @strawberry.field(name=_plural(NEIGHBOURHOOD), description="CBS neighbourhoods (buurten).")
    async def neighbourhoods(
        self,
        info: Ctx,
        where: PlaceWhere | None = None,
        sort: list[Sort] | None = None,
        first: int = DEFAULT_FIRST,
        after: str | None = None,
    ) -> Connection[Neighbourhood]:
        return await _connection(
            info, NEIGHBOURHOOD, Neighbourhood.from_data, where, sort, first, after
        )

    @strawberry.field(name=_plural(DISTRICT), description="CBS districts (wijken).")
    async def districts(
        self,
        info: Ctx,
        where: PlaceWhere | None = None,
        sort: list[Sort] | None = None,
        first: int = DEFAULT_FIRST,
        after: str | None = None,
    ) -> Connection[District]:
        return await _connection(info, DISTRICT, District.from_data, where, sort, first, after)

    @strawberry.field(name=_plural(MUNICIPALITY), description="Municipalities.")
    async def municipalities(
        self,
        info: Ctx,
        where: PlaceWhere | None = None,
        sort: list[Sort] | None = None,
        first: int = DEFAULT_FIRST,
        after: str | None = None,
    ) -> Connection[Municipality]:
        return await _connection(
            info, MUNICIPALITY, Municipality.from_data, where, sort, first, after
        )

    @strawberry.field(name=_plural(AREA), description="Informal areas (Heerlen-Noord, GMS).")
    async def areas(
        self,
        info: Ctx,
        where: PlaceWhere | None = None,
        sort: list[Sort] | None = None,
        first: int = DEFAULT_FIRST,
        after: str | None = None,
    ) -> Connection[Area]:
        return await _connection(info, AREA, Area.from_data, where, sort, first, after)

    @strawberry.field(name=_plural(STAKEHOLDER), description="Organisations and partnerships.")
    async def stakeholders(
        self,
        info: Ctx,
        where: EntityWhere | None = None,
        sort: list[Sort] | None = None,
        first: int = DEFAULT_FIRST,
        after: str | None = None,
    ) -> Connection[Stakeholder]:
        return await _connection(
            info, STAKEHOLDER, Stakeholder.from_data, where, sort, first, after
        )

    @strawberry.field(name=_plural(INDICATOR), description="Indicators such as CBS key figures.")
    async def indicators(
        self,
        info: Ctx,
        where: EntityWhere | None = None,
        sort: list[Sort] | None = None,
        first: int = DEFAULT_FIRST,
        after: str | None = None,
    ) -> Connection[Indicator]:
        return await _connection(info, INDICATOR, Indicator.from_data, where, sort, first, after)

    @strawberry.field(name=_plural(DOCUMENT), description="Documents and datasets.")
    async def documents(
        self,
        info: Ctx,
        where: EntityWhere | None = None,
        sort: list[Sort] | None = None,
        first: int = DEFAULT_FIRST,
        after: str | None = None,
    ) -> Connection[Document]:
        return await _connection(info, DOCUMENT, Document.from_data, where, sort, first, after)

    @strawberry.field(description="A place by its id (the CBS code for CBS areas).")
    async def place(self, info: Ctx, id: strawberry.ID) -> Place | None:
        records = await info.context.read(queries.NODE_BY_ID, id=str(id))
        return place_from_data(records[0]["node"]) if records else None


def build_schema() -> strawberry.Schema:
    """The schema with depth and alias limits on."""
    return strawberry.Schema(
        query=Query,
        types=[Municipality, District, Neighbourhood, Area],
        extensions=[
            lambda: QueryDepthLimiter(max_depth=10),
            lambda: MaxAliasesLimiter(max_alias_count=30),
        ],
    )


__all__ = ["MAX_FIRST", "Connection", "Query", "build_schema", "decode_cursor", "encode_cursor"]
