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


def _plural(label: str) -> str:
    return _MODEL.cls(label).plural


# The classes served as root connections: (class, GraphQL type, filter input, description).
# Field names are the ontology's st:graphqlPlural.
ROOT_CONNECTIONS: tuple[tuple[str, Any, Any, str], ...] = (
    (NEIGHBOURHOOD, Neighbourhood, PlaceWhere, "CBS neighbourhoods (buurten)."),
    (DISTRICT, District, PlaceWhere, "CBS districts (wijken)."),
    (MUNICIPALITY, Municipality, PlaceWhere, "Municipalities."),
    (AREA, Area, PlaceWhere, "Informal areas (Heerlen-Noord, GMS)."),
    (STAKEHOLDER, Stakeholder, EntityWhere, "Organisations and partnerships."),
    (INDICATOR, Indicator, EntityWhere, "Indicators such as the CBS key figures."),
    (DOCUMENT, Document, EntityWhere, "Documents and datasets."),
)


def connection_field(label: str, node_type: Any, where_type: Any, description: str) -> Any:
    """A root connection field over the nodes of ``label``, built for any served class."""

    async def resolve(
        info: Ctx,
        where: Any = None,
        sort: list[Sort] | None = None,
        first: int = DEFAULT_FIRST,
        after: str | None = None,
    ) -> Any:
        return await _connection(info, label, node_type.from_data, where, sort, first, after)

    # Real objects, not strings: strawberry reads these to build the arguments and the type.
    resolve.__annotations__ = {
        "info": Ctx,
        "where": where_type | None,
        "sort": list[Sort] | None,
        "first": int,
        "after": str | None,
        "return": Connection[node_type],
    }
    return strawberry.field(resolver=resolve, name=_plural(label), description=description)


async def _place(info: Ctx, id: strawberry.ID) -> Place | None:
    records = await info.context.read(queries.NODE_BY_ID, id=str(id))
    return place_from_data(records[0]["node"]) if records else None


Query = strawberry.type(
    type(
        "Query",
        (),
        {
            **{
                _plural(label): connection_field(label, node_type, where_type, description)
                for label, node_type, where_type, description in ROOT_CONNECTIONS
            },
            "place": strawberry.field(
                resolver=_place, description="A place by its id (the CBS code for CBS areas)."
            ),
        },
    )
)


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
