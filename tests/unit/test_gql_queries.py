"""GraphQL helpers: cursors and the allow-listed Cypher builders."""

from __future__ import annotations

import pytest
from graphql import GraphQLError

from gql.connection import decode_cursor, encode_cursor
from gql.queries import Condition, connection_page


def test_cursor_round_trip() -> None:
    for offset in (0, 1, 56, 10_000):
        assert decode_cursor(encode_cursor(offset)) == offset


@pytest.mark.parametrize("bad", ["", "xyz", "b2Zmc2V0Oi0x", "Zm9vOjE="])
def test_foreign_cursors_are_refused(bad: str) -> None:
    with pytest.raises(GraphQLError, match="invalid cursor"):
        decode_cursor(bad)


def test_values_are_parameters_and_names_are_allow_listed() -> None:
    allowed = {"id", "code", "name"}
    cypher = connection_page(
        "Neighbourhood", [Condition("code", "in", "w_code_in")], [("name", "DESC")], allowed
    )
    assert "n.code IN $w_code_in" in cypher
    assert "ORDER BY n.name DESC, n.id ASC" in cypher
    with pytest.raises(ValueError, match="cannot filter"):
        Condition("secret", "eq", "p").cypher(allowed)
    with pytest.raises(ValueError, match="cannot sort"):
        connection_page("Neighbourhood", [], [("name; DROP", "ASC")], allowed)
