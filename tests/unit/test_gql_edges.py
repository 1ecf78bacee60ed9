"""Relationship connections (gql.edges): which properties edges carry, and keyset pages over
a relation field's rows."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLError

from gql.edges import edge_properties, page
from gql.filters import encode_cursor
from ontology import OntologyModel


def test_edges_carry_the_relationship_record_of_the_shapes(model: OntologyModel) -> None:
    names = {p.name for p in edge_properties(model)}
    assert {"sources", "confidence", "firstSeen", "lastSeen", "extractor"} <= names
    assert {"evidence", "evidenceSpans", "sourceRow", "extractorVersion"} <= names
    assert not names & {"name", "aliases", "code", "redactedText"}


def _rows(*specs: tuple[int | None, str]) -> list[dict[str, Any]]:
    return [{"node": {"id": i}, "rel": {} if s is None else {"start": s}} for s, i in specs]


def test_pages_walk_every_row_once() -> None:
    rows = _rows((None, "a"), (None, "b"), (3, "a"), (7, "c"))
    seen, after = [], None
    while True:
        found, before, total = page("x", rows, 1, after)
        assert total == 4 and before == len(seen)
        if not found:
            break
        seen.append(found[0][1])
        after = found[0][0]
    assert seen == rows


def test_a_cursor_survives_the_removal_of_its_row() -> None:
    rows = _rows((None, "a"), (None, "b"), (None, "c"))
    cursor = page("x", rows, 2, None)[0][1][0]  # the cursor of b
    found, _, _ = page("x", [rows[0], rows[2]], 5, cursor)
    assert [item["node"]["id"] for _, item in found] == ["c"]


@pytest.mark.parametrize(
    "cursor",
    ["nonsense", encode_cursor("edge:y", [0], "a"), encode_cursor("edge:x", ["0"], "a")],
)
def test_foreign_cursors_are_refused(cursor: str) -> None:
    with pytest.raises(GraphQLError):
        page("x", _rows((None, "a")), 1, cursor)


def test_first_is_bounded() -> None:
    with pytest.raises(GraphQLError, match="first must be between 0 and 100"):
        page("x", [], 101, None)
