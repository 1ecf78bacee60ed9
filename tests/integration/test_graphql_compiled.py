"""The compiled path (gql.projection + gql.compiled) answers exactly as field-by-field
execution does, in one Cypher statement; selections it does not cover fall back. Against the
real Neo4j, with the sample documents ingested."""

from __future__ import annotations

import json
from typing import Any

import neo4j
import pytest
import strawberry

from gql import connection
from gql.schema import build_schema
from ontology import OntologyModel
from tests.integration.graphql_client import execute
from tests.integration.test_ingest import SAMPLES, _ingest
from twin.settings import Settings

pytestmark = pytest.mark.integration

COMPILED = [
    """{ districts(first: 30, sort: [{field: NAME}]) { totalCount
         pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }
         edges { __typename cursor node { __typename id name code codeStatus aliases
           neighbourhoods { id name firstSeen sources
             observations { id value period unit indicator { id name concept unit } } }
           municipality { id name } } } } }""",
    """{ places(first: 50, sort: [{field: NAME, direction: DESC}]) {
         edges { node { __typename id name ... on Place { code latitude } } } } }""",
    """{ a: neighbourhoods(first: 5, where: {within: "WK091710"}) {
           edges { node { x: name y: id z: district { w: name } } } }
         b: incidentTypes(first: 60, sort: [{field: ID}]) {
           totalCount edges { node { id concept name measuredBy { concept } } } } }""",
    """query($after: String) { documents(first: 2, after: $after, sort: [{field: TITLE}]) {
         edges { cursor node { id title language words redactionCount } }
         pageInfo { hasNextPage endCursor } } }""",
    """{ observations(first: 40, asOf: "2999-01-01", sort: [{field: VALUE, direction: DESC}]) {
         edges { node { id value period place { __typename id name } } } } }""",
    """{ districts(first: 3) { edges { node { ...D n: name } } } }
       fragment D on District { id name }""",
]
AGGREGATES = [
    """{ observationsAggregate(groupBy: [INDICATOR, DISTRICT]) { __typename count avg
         groups { key { __typename indicator { id name class } district { id } } count min
         max avg sum suppressed } } }""",
    """{ incidentsAggregate(groupBy: [INCIDENT_TYPE, YEAR]) { count suppressed
         groups { key { incidentType { name } year } count } }
       placesAggregate(groupBy: [CLASS]) { count groups { key { class } count } } }""",
]
FALLBACK = [  # selections the compiled path leaves to field-by-field execution
    """{ neighbourhoods(first: 10) { edges { node { name documents { title }
         mentions { start end text document { id } } supportingDocuments { id } } } } }""",
    """{ neighbourhoods(first: 5) { edges { node { districtConnection { totalCount
         edges { sources confidence node { name } } } } } } }""",
    """query($skip: Boolean!) { districts(first: 5) { edges { node { name @skip(if: $skip)
         id } } } }""",
    """{ places(first: 20) { edges { node { id
         ... on Neighbourhood { district { name } } } } } }""",
    """{ districts(first: 3) { edges { node { name name } } } }""",
]


@pytest.fixture(scope="module")
def schemas(model: OntologyModel) -> tuple[strawberry.Schema, strawberry.Schema]:
    return build_schema(model), build_schema(model, compiled=False)


@pytest.fixture
def db(seeded_db: neo4j.Driver, model: OntologyModel) -> neo4j.Driver:
    _ingest(seeded_db, model, SAMPLES)
    return seeded_db


def _answer(
    schema: strawberry.Schema, settings: Settings, model: OntologyModel, query: str, **vars: Any
) -> tuple[str, list[str], int]:
    result, sent = execute(schema, settings, model, query, **vars)
    errors = [e.message for e in result.errors or []]
    return json.dumps(result.data, sort_keys=False), errors, sent


def test_aggregates_answer_alike(
    db: neo4j.Driver,
    schemas: tuple[strawberry.Schema, strawberry.Schema],
    settings: Settings,
    model: OntologyModel,
) -> None:
    fast, slow = schemas
    for query in AGGREGATES:
        compiled, ordinary = (_answer(s, settings, model, query) for s in (fast, slow))
        assert compiled == ordinary and not compiled[1], compiled[1]
        assert json.loads(compiled[0]), query


@pytest.mark.parametrize("query", COMPILED + FALLBACK)
def test_both_paths_answer_alike(
    db: neo4j.Driver,
    schemas: tuple[strawberry.Schema, strawberry.Schema],
    settings: Settings,
    model: OntologyModel,
    query: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fast, slow = schemas
    shaped: list[Any] = []
    original = connection._shaped

    def counting(*args: Any) -> Any:
        found = original(*args)
        shaped.append(found)
        return found

    monkeypatch.setattr(connection, "_shaped", counting)
    variables = {"skip": True} if "$skip" in query else {}
    compiled = _answer(fast, settings, model, query, **variables)
    ordinary = _answer(slow, settings, model, query, **variables)
    assert compiled[:2] == ordinary[:2]
    assert not compiled[1], compiled[1]
    data = json.loads(compiled[0])
    assert any(v and v.get("edges") for v in data.values()), "the query should find something"
    if query in COMPILED:
        assert shaped and all(s is not None for s in shaped)
        assert compiled[2] == len(data)  # one statement per root field, however deep
    else:
        assert not any(s is not None for s in shaped)


def test_pages_of_the_compiled_path_follow_each_other(
    db: neo4j.Driver,
    schemas: tuple[strawberry.Schema, strawberry.Schema],
    settings: Settings,
    model: OntologyModel,
) -> None:
    query = COMPILED[3]
    fast, slow = schemas
    seen: list[str] = []
    after = None
    while True:
        text, errors, _ = _answer(fast, settings, model, query, after=after)
        assert (text, errors) == _answer(slow, settings, model, query, after=after)[:2]
        page = json.loads(text)["documents"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) >= 3


def test_uncounted_pages_walk_like_counted_ones(
    db: neo4j.Driver,
    schemas: tuple[strawberry.Schema, strawberry.Schema],
    settings: Settings,
    model: OntologyModel,
) -> None:
    """Without totalCount and hasPreviousPage the page query does not count (a top-k sort
    after the keyset condition): the same walk, in the same order."""
    fast, _ = schemas
    walks = []
    for extra in ("", "totalCount pageInfo { hasPreviousPage }"):
        query = (
            "query($after: String) { neighbourhoods(first: 7, after: $after, "
            "sort: [{field: NAME, direction: DESC}]) { " + extra + " "
            "edges { node { id } } pageInfo { hasNextPage endCursor } } }"
        )
        seen, after = [], None
        while True:
            text, errors, _ = _answer(fast, settings, model, query, after=after)
            assert not errors, errors
            page = json.loads(text)["neighbourhoods"]
            seen.append([e["node"]["id"] for e in page["edges"]])
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        walks.append(seen)
    assert walks[0] == walks[1] and len(walks[0]) >= 3
    assert all(len(p) == 7 for p in walks[0][:-1])
