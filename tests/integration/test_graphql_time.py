"""asOf, relationship connections with provenance on their edges, and concept-scheme enums,
against the real Neo4j.

The history is made by hand: the seeded reference data is dated 2025-01-15, the link of one
neighbourhood to its district was learnt on 2025-03-01, one observation is about July 2025,
a programme arrived on 2025-06-10 and a note is ingested now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j
import pytest
import strawberry

from gql.schema import build_schema
from gql.timeline import period_start
from graph.writer import GraphWriter
from loaders.ingest import extractor_for, ingest
from ontology import OntologyModel
from tests.integration.graphql_client import errors, execute, ids, run
from twin.settings import Settings

pytestmark = pytest.mark.integration

NOTE = """# Buurtnotitie

In Maria Gewanden was vorige week een explosie bij een portiek. Ook in Terschuren maken
bewoners zich zorgen over overlast.
"""
MARIA, DISTRICT = "BU09171000", "WK091710"
FUTURE_OBSERVATION = "observation:inhabitants:BU09171000:2020"


@pytest.fixture(scope="module")
def schema(model: OntologyModel) -> strawberry.Schema:
    return build_schema(model)


@pytest.fixture
def history(seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path) -> neo4j.Driver:
    drv = seeded_db
    drv.execute_query("MATCH (n) SET n.firstSeen = datetime('2025-01-15T10:00:00Z')")
    drv.execute_query("MATCH ()-[r]->() SET r.firstSeen = datetime('2025-01-15T10:00:00Z')")
    drv.execute_query(
        "MATCH (:Neighbourhood {id: $n})-[r:PART_OF]->(:District {id: $d}) "
        "SET r.firstSeen = datetime('2025-03-01T08:00:00Z')",
        n=MARIA,
        d=DISTRICT,
    )
    found, _, _ = drv.execute_query(
        "MATCH (o:Observation {id: $id}) SET o.period = '2025-07' RETURN count(o) AS c",
        id=FUTURE_OBSERVATION,
    )
    assert found[0]["c"] == 1
    drv.execute_query(
        "MERGE (p:Programme {id: 'programme:test-later'}) SET p.name = 'Later', "
        "p.firstSeen = datetime('2025-06-10T09:00:00Z') "
        "WITH p MATCH (n:Neighbourhood {id: $n}) "
        "MERGE (p)-[r:TARGETS]->(n) SET r.firstSeen = datetime('2025-06-10T09:00:00Z')",
        n=MARIA,
    )
    (tmp_path / "explosie.md").write_text(NOTE, encoding="utf-8")
    report = ingest([tmp_path], extractor_for(drv, model), GraphWriter(drv, model))
    assert report.ok
    return drv


# ------------------------------------------------------------------ asOf


def test_as_of_hides_what_the_twin_did_not_know_yet(
    history: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    query = """query($d: Date) {
      neighbourhoods(asOf: $d, where: {code: {eq: "BU09171000"}}) { totalCount edges { node {
        district { id }
        districtConnection { totalCount edges { firstSeen } }
        observations { id }
        documents { id }
        programmesViaTargets { id }
      } } }
      districts(asOf: $d, where: {id: {eq: "WK091710"}}) {
        edges { node { neighbourhoods { id } } } }
      inDistrict: neighbourhoods(asOf: $d,
          where: {district: {some: {id: {eq: "WK091710"}}}}) { totalCount }
      programmes(asOf: $d) { totalCount }
      documents(asOf: $d, where: {kind: {eq: "document"}}) { totalCount }
      observationsAggregate(asOf: $d) { count }
      node(id: "BU09171000", asOf: $d) { id }
    }"""
    before = run(schema, settings, model, query, d="2024-12-31")
    assert before["neighbourhoods"]["totalCount"] == 0
    assert before["node"] is None and before["programmes"]["totalCount"] == 0
    assert before["observationsAggregate"]["count"] == 0

    seeded = run(schema, settings, model, query, d="2025-02-01")
    maria = seeded["neighbourhoods"]["edges"][0]["node"]
    assert maria["district"] is None  # the PART_OF was learnt on 2025-03-01
    assert maria["districtConnection"]["totalCount"] == 0
    assert MARIA not in ids_of(seeded["districts"]["edges"][0]["node"]["neighbourhoods"])
    assert FUTURE_OBSERVATION not in ids_of(maria["observations"])  # about July 2025
    assert maria["documents"] == [] and maria["programmesViaTargets"] == []
    assert seeded["node"] == {"id": MARIA}

    later = run(schema, settings, model, query, d="2025-07-01")
    maria_later = later["neighbourhoods"]["edges"][0]["node"]
    assert maria_later["district"] == {"id": DISTRICT}
    assert maria_later["districtConnection"]["edges"][0]["firstSeen"].startswith("2025-03-01")
    assert MARIA in ids_of(later["districts"]["edges"][0]["node"]["neighbourhoods"])
    assert later["inDistrict"]["totalCount"] == seeded["inDistrict"]["totalCount"] + 1
    assert FUTURE_OBSERVATION in ids_of(maria_later["observations"])
    assert later["observationsAggregate"]["count"] == seeded["observationsAggregate"]["count"] + 1
    assert maria_later["programmesViaTargets"] == [{"id": "programme:test-later"}]
    assert later["programmes"]["totalCount"] == seeded["programmes"]["totalCount"] + 1
    assert maria_later["documents"] == [] and later["documents"]["totalCount"] == 0

    now = run(schema, settings, model, query, d=None)  # no asOf: everything
    today = run(schema, settings, model, query, d="2999-01-01")
    assert today == now
    assert len(now["neighbourhoods"]["edges"][0]["node"]["documents"]) == 1
    assert now["documents"]["totalCount"] == 1


def ids_of(items: list[dict[str, Any]]) -> list[str]:
    return [i["id"] for i in items]


def test_as_of_applies_to_sorts_and_within(
    history: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    query = """query($d: Date) {
      districts(asOf: $d, first: 1, where: {id: {eq: "WK091710"}},
                sort: [{count: NEIGHBOURHOODS, direction: DESC}]) { totalCount }
      within: neighbourhoods(asOf: $d, where: {within: "WK091710"}) { totalCount }
    }"""
    early = run(schema, settings, model, query, d="2025-02-01")
    late = run(schema, settings, model, query, d="2025-07-01")
    assert late["within"]["totalCount"] == early["within"]["totalCount"] + 1
    assert late["districts"]["totalCount"] == early["districts"]["totalCount"] == 1


def test_as_of_refuses_what_is_not_a_date(
    history: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    messages = errors(
        schema, settings, model, '{ neighbourhoods(asOf: "2025-13-01") { totalCount } }'
    )
    assert any("Date" in m or "date" in m for m in messages)


@pytest.mark.parametrize(
    ("period", "start"),
    [
        ("2018", "2018-01-01"),
        ("2024-05", "2024-05-01"),
        ("2024-05-17", "2024-05-17"),
        ("2024-05-17T10:00:00Z", "2024-05-17"),
        ("2024-Q1", "2024-01-01"),
        ("2022-2023", "2022-01-01"),
        ("2024-13", "2024-01-01"),
        ("last year", None),
        ("", None),
    ],
)
def test_periods_begin_where_their_text_says(
    driver: neo4j.Driver, period: str, start: str | None
) -> None:
    records, _, _ = driver.execute_query(
        f"WITH $p AS p RETURN toString({period_start('p')}) AS start", p=period
    )
    assert records[0]["start"] == start


# ------------------------------------------------------------------ relationship connections


def test_relationship_edges_carry_provenance(
    history: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    data = run(
        schema,
        settings,
        model,
        """{ neighbourhoods(where: {code: {eq: "BU09171000"}}) { edges { node {
          districtConnection { totalCount edges {
            node { id } sources confidence firstSeen lastSeen extractor sourceRow } }
        } } }
        incidents(where: {ofType: {some: {concept: {eq: EXPLOSION}}}}) { edges { node {
          occurredInConnection { edges {
            node { id } sources confidence extractor evidence evidenceDocument evidenceSpans
          } }
        } } }
        documents(where: {kind: {eq: "document"}}) { edges { node { id } } } }""",
    )
    edge = data["neighbourhoods"]["edges"][0]["node"]["districtConnection"]["edges"][0]
    assert edge["node"] == {"id": DISTRICT}
    assert edge["sources"] == ["dataset:cbs-kwb-heerlen"]
    assert edge["confidence"] == 1.0 and edge["extractor"] == "twin.seed"
    assert isinstance(edge["sourceRow"], int)
    assert edge["firstSeen"].startswith("2025-03-01") and edge["lastSeen"]
    document = data["documents"]["edges"][0]["node"]["id"]
    incidents = data["incidents"]["edges"]
    assert incidents, "the note's explosion should be an incident"
    places = incidents[0]["node"]["occurredInConnection"]["edges"]
    assert [p["node"]["id"] for p in places] == [MARIA]
    read = places[0]
    assert read["sources"] == [document] and read["evidenceDocument"] == document
    assert "explosie" in read["evidence"] and 0 < read["confidence"] < 1
    assert read["extractor"] and read["evidenceSpans"]


def test_relationship_connections_page_with_cursors(
    history: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    query = """query($after: String) { districts(where: {id: {eq: "WK091710"}}) { edges { node {
      neighbourhoods { id }
      neighbourhoodsConnection(first: 1, after: $after) {
        totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor }
      } } } } }"""
    seen: list[str] = []
    after = None
    while True:
        node = run(schema, settings, model, query, after=after)["districts"]["edges"][0]["node"]
        conn = node["neighbourhoodsConnection"]
        assert conn["totalCount"] == len(node["neighbourhoods"]) >= 2
        assert conn["pageInfo"]["hasPreviousPage"] == (after is not None)
        seen += ids(conn)
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert seen == ids_of(node["neighbourhoods"])  # same order, nothing twice or missed
    other = run(
        schema,
        settings,
        model,
        "{ neighbourhoods(first: 1) { edges { cursor } } }",
    )["neighbourhoods"]["edges"][0]["cursor"]
    messages = errors(schema, settings, model, query, after=other)
    assert any("another field" in m for m in messages)
    messages = errors(schema, settings, model, query, after="not-a-cursor")
    assert any("invalid cursor" in m for m in messages)


def test_connections_cost_no_extra_queries(
    history: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    nested = """{ neighbourhoods(first: 50) { edges { node {
      id district { id } districtConnection { edges { sources node { id } } }
      observationsConnection(first: 3) { totalCount edges { firstSeen node { value } } }
      documents { id }
    } } } }"""
    result, sent = execute(schema, settings, model, nested)
    assert result.errors is None, result.errors
    assert sent <= 3, f"{sent} queries"
    for edge in result.data["neighbourhoods"]["edges"]:
        node = edge["node"]
        linked = [e["node"] for e in node["districtConnection"]["edges"]]
        assert linked == ([node["district"]] if node["district"] else [])


# ------------------------------------------------------------------ concept schemes


def test_concept_enums_name_and_filter_the_schemes(
    history: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    data = run(
        schema,
        settings,
        model,
        """{ incidentTypes(where: {concept: {in: [EXPLOSION, ARSON]}}, sort: [{field: ID}]) {
             edges { node { id concept } } }
           themes(where: {NOT: {concept: {eq: SAFETY}}}) { totalCount }
           allThemes: themes { totalCount }
           indicators(where: {concept: {eq: INHABITANTS}}) { edges { node { id concept } } } }""",
    )
    assert [e["node"] for e in data["incidentTypes"]["edges"]] == [
        {"id": "incident-type:arson", "concept": "ARSON"},
        {"id": "incident-type:explosion", "concept": "EXPLOSION"},
    ]
    assert data["themes"]["totalCount"] == data["allThemes"]["totalCount"] - 1
    assert data["indicators"]["edges"][0]["node"] == {
        "id": "indicator:inhabitants",
        "concept": "INHABITANTS",
    }
    messages = errors(
        schema,
        settings,
        model,
        "{ incidentTypes(where: {concept: {eq: NOT_A_TYPE}}) { totalCount } }",
    )
    assert any("NOT_A_TYPE" in m for m in messages)


def test_search_path_and_profile_follow_as_of(
    history: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    query = """query($d: Date) {
      search(text: "Maria Gewanden", asOf: $d, first: 5) { node { id } }
      path(from: "BU09171000", to: "WK091710", maxHops: 1, asOf: $d) { nodes { id } }
      same: path(from: "BU09171000", to: "BU09171000", asOf: $d) { nodes { id } }
      district: profile(id: "WK091710", asOf: $d) { childrenCount }
      maria: profile(id: "BU09171000", asOf: $d) {
        documentCount parents { id } latestObservations { observation { id } }
        programmes { id }
      }
    }"""
    before = run(schema, settings, model, query, d="2024-12-31")
    assert before["search"] == [] and before["path"] is None and before["same"] is None
    assert before["maria"] is None and before["district"] is None

    early = run(schema, settings, model, query, d="2025-02-01")
    assert MARIA in [h["node"]["id"] for h in early["search"]]
    assert early["path"] is None  # the PART_OF was learnt on 2025-03-01
    assert early["same"] == {"nodes": [{"id": MARIA}]}
    assert DISTRICT not in ids_of(early["maria"]["parents"])
    assert early["maria"]["programmes"] == []
    early_latest = [o["observation"]["id"] for o in early["maria"]["latestObservations"]]
    assert FUTURE_OBSERVATION not in early_latest

    later = run(schema, settings, model, query, d="2025-07-01")
    assert ids_of(later["path"]["nodes"]) == [MARIA, DISTRICT]
    assert later["district"]["childrenCount"] == early["district"]["childrenCount"] + 1
    assert DISTRICT in ids_of(later["maria"]["parents"])
    assert later["maria"]["programmes"] == [{"id": "programme:test-later"}]
    later_latest = [o["observation"]["id"] for o in later["maria"]["latestObservations"]]
    assert FUTURE_OBSERVATION in later_latest and later["maria"]["documentCount"] == 0

    now = run(schema, settings, model, query, d=None)
    assert now["maria"]["documentCount"] == 1


def test_rejected_relationships_are_no_path_and_no_part_of_a_profile(
    history: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    query = """{ path(from: "BU09171000", to: "WK091710", maxHops: 1) { nodes { id } }
      profile(id: "WK091710") { childrenCount }
      observationsAggregate(where: {district: ["WK091710"]}) { count } }"""
    kept = run(schema, settings, model, query)
    assert kept["path"] is not None
    history.execute_query(
        "MATCH (:Neighbourhood {id: $n})-[r:PART_OF]->(:District {id: $d}) "
        "SET r.rejected = 'test: wrong district'",
        n=MARIA,
        d=DISTRICT,
    )
    dropped = run(schema, settings, model, query)
    assert dropped["path"] is None
    assert dropped["profile"]["childrenCount"] == kept["profile"]["childrenCount"] - 1
    assert dropped["observationsAggregate"]["count"] < kept["observationsAggregate"]["count"]
