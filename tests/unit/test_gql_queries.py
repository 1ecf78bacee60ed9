"""GraphQL helpers: keyset cursors, the page query and its allow-listed names."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import neo4j.time
import pytest
from graphql import GraphQLError

from gql.connection import decode_cursor, encode_cursor, page_query
from gql.filters import SortKey, filter_spec
from gql.queries import connection_page
from ontology import load_model


def test_cursor_round_trip() -> None:
    when = neo4j.time.DateTime(2026, 11, 25, 23, 33, 23, 21670000, tzinfo=UTC)
    for values in ([], [3460.0, "Maria"], [None, 0, True], [when], [datetime(2024, 1, 1)]):
        cursor = decode_cursor(encode_cursor("sig", values, "BU09171000"))
        assert cursor.signature == "sig" and cursor.id == "BU09171000"
        assert len(cursor.values) == len(values)
    assert decode_cursor(encode_cursor("s", [when], "x")).values == (
        {"t": "datetime", "v": "2026-11-25T23:33:23.021670000+00:00"},
    )
    assert decode_cursor(encode_cursor("s", [3460.0, None], "x")).values == (3460.0, None)


def _b64(data: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "xyz",
        "b2Zmc2V0OjE=",  # an old offset cursor
        "bm9wZQ==",
        _b64([1, 2]),
        _b64({"s": "x", "k": [], "id": 3}),
        _b64({"s": "x", "k": [{"t": "apoc", "v": "1"}], "id": "a"}),
        _b64({"s": "x", "k": [[1]], "id": "a"}),
    ],
)
def test_foreign_cursors_are_refused(bad: str) -> None:
    with pytest.raises(GraphQLError, match="invalid cursor"):
        decode_cursor(bad)


def test_page_query_is_one_statement_with_parameters() -> None:
    spec = filter_spec(load_model())
    cypher, params, sig = page_query(
        spec,
        "Neighbourhood",
        {"code": {"in": ["BU1", "BU2"]}},
        [{"count": "documents", "direction": "DESC"}],
        None,
    )
    assert cypher.startswith("MATCH (n:Neighbourhood) WHERE n.code IN $w0 WITH n, COUNT {")
    assert "ORDER BY k0 IS NULL, k0 DESC, n.id ASC" in cypher
    assert "WITH rows, rows AS rest" in cypher and "rest[0..$limit]" in cypher
    assert params == {"w0": ["BU1", "BU2"]}
    after = encode_cursor(sig, [2], "BU1")
    cypher, params, _ = page_query(
        spec,
        "Neighbourhood",
        None,
        [{"count": "documents", "direction": "DESC"}],
        after,
    )
    assert "[r IN rows WHERE ((r.k[0] IS NULL OR r.k[0] < $c0)) OR" in cypher
    assert params == {"c0": 2, "c1": "BU1"}
    with pytest.raises(GraphQLError, match="another sort"):
        page_query(spec, "Neighbourhood", None, [{"field": "name"}], after)

    def by_value_in(period: str) -> list[dict[str, Any]]:
        where = {"period": {"eq": period}}
        return [{"related": {"observations": {"field": "value", "where": where}}}]

    sig_2019 = page_query(spec, "Neighbourhood", None, by_value_in("2019"), None)[2]
    with pytest.raises(GraphQLError, match="another sort"):  # same keys, other parameters
        page_query(
            spec, "Neighbourhood", None, by_value_in("2020"), encode_cursor(sig_2019, [1.0], "B")
        )
    page_query(
        spec, "Neighbourhood", None, by_value_in("2019"), encode_cursor(sig_2019, [1.0], "B")
    )
    with pytest.raises(GraphQLError, match="cannot be filtered"):
        page_query(spec, "Neighbourhood", {"nope": {"eq": 1}}, None, None)


def test_names_are_checked_and_values_are_parameters() -> None:
    cypher = connection_page("Neighbourhood", "n.code IN $w0", [SortKey("n.name", "DESC")])
    assert "WHERE n.code IN $w0 WITH n, n.name AS k0" in cypher
    assert "ORDER BY k0 IS NULL, k0 DESC, n.id ASC" in cypher
    assert "MATCH (n:Neighbourhood) WITH n ORDER BY n.id ASC" in connection_page(
        "Neighbourhood", "", []
    )
    with pytest.raises(ValueError, match="not an identifier"):
        connection_page("Neighbourhood) DETACH DELETE (n", "", [])
    with pytest.raises(ValueError, match="cannot sort"):
        connection_page("Neighbourhood", "", [SortKey("n.name", "ASC; DROP")])


def test_an_uncounted_page_sorts_top_k_after_the_cursor() -> None:
    from gql.queries import connection_page_light

    cypher = connection_page_light(
        "Neighbourhood", "n.code IN $w0", [SortKey("n.name", "DESC")], "(r.id > $c0)", "n {.id}"
    )
    assert cypher.startswith(
        "MATCH (n:Neighbourhood) WHERE n.code IN $w0 WITH n, {k: [n.name], id: n.id} AS r "
        "WHERE (r.id > $c0) WITH n, r ORDER BY r.k[0] IS NULL, r.k[0] DESC, r.id ASC "
        "LIMIT $limit + 1"
    )
    assert "node: n {.id}" in cypher and "size(" in cypher
    with pytest.raises(ValueError, match="cannot sort"):
        connection_page_light("Neighbourhood", "", [SortKey("n.name", "UP")])
