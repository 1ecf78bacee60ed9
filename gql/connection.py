"""Relay-style connections: filters, cursors, pages (one Cypher query per connection)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from gql import queries
from gql.context import Context, Item

T = TypeVar("T")
MAX_FIRST = 100
DEFAULT_FIRST = 20


@strawberry.input(description="Conditions on a text field; all given conditions must hold.")
class StringFilter:
    eq: str | None = None
    in_: list[str] | None = strawberry.field(default=None, name="in")
    contains: str | None = strawberry.field(default=None, description="Case-insensitive.")
    starts_with: str | None = None


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


def conditions(
    where: Any, filterable: Sequence[str]
) -> tuple[list[queries.Condition], dict[str, Any]]:
    """The Cypher conditions and parameters of a ``where`` input."""
    found: list[queries.Condition] = []
    params: dict[str, Any] = {}
    if where is None:
        return found, params
    for prop in filterable:
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
            found.append(queries.Condition(prop, op, name))
            params[name] = value
    return found, params


async def build_connection(
    info: Info[Context, None],
    label: str,
    make: Callable[[Item], Any],
    where: Any,
    filterable: Sequence[str],
    order: Sequence[tuple[str, str]],
    first: int,
    after: str | None,
) -> Connection[Any]:
    """Count the matching nodes of ``label`` and return one page of them."""
    if first < 0 or first > MAX_FIRST:
        raise GraphQLError(f"first must be between 0 and {MAX_FIRST}, got {first}")
    skip = decode_cursor(after) + 1 if after else 0
    found, params = conditions(where, filterable)
    cypher = queries.connection_page(label, found, order, allowed=set(filterable) | {"id"})
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


__all__ = [
    "DEFAULT_FIRST",
    "MAX_FIRST",
    "Connection",
    "Edge",
    "PageInfo",
    "StringFilter",
    "build_connection",
    "conditions",
    "decode_cursor",
    "encode_cursor",
]
