"""where / sort / pagination of the root connections against the real Neo4j: numeric filters,
AND/OR/NOT, some/none/all, within a CBS area, sorting by related counts and by observation
values, and keyset pages that neither repeat nor skip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j
import pytest
import strawberry

from gql.schema import build_schema
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
INHABITANTS = {"indicator": {"some": {"id": {"eq": "indicator:inhabitants"}}}}
BY_INHABITANTS = {"related": {"observations": {"field": "VALUE", "where": INHABITANTS}}}


@pytest.fixture(scope="module")
def schema(model: OntologyModel) -> strawberry.Schema:
    return build_schema(model)


@pytest.fixture
def db(seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path) -> neo4j.Driver:
    """The reference data, a note that mentions an explosion, and two programmes with
    partners (one with three, one with one)."""
    (tmp_path / "explosie.md").write_text(NOTE, encoding="utf-8")
    report = ingest([tmp_path], extractor_for(seeded_db, model), GraphWriter(seeded_db, model))
    assert report.ok
    seeded_db.execute_query(
        "UNWIND $rows AS row MERGE (p:Programme {id: row.id}) SET p.name = row.name "
        "WITH p, row UNWIND row.partners AS sid MATCH (s:Stakeholder {id: sid}) "
        "MERGE (s)-[:PARTNER_IN]->(p)",
        rows=[
            {"id": "programme:test-wide", "name": "Wide", "partners": _stakeholders(seeded_db, 3)},
            {"id": "programme:test-narrow", "name": "Narrow", "partners": []},
            {"id": "programme:test-one", "name": "One", "partners": _stakeholders(seeded_db, 1)},
        ],
    )
    return seeded_db


def _stakeholders(drv: neo4j.Driver, n: int) -> list[str]:
    records, _, _ = drv.execute_query(
        "MATCH (s:Stakeholder) RETURN s.id AS id ORDER BY id LIMIT $n", n=n
    )
    return [r["id"] for r in records]


def cypher_ids(drv: neo4j.Driver, cypher: str, **params: Any) -> list[str]:
    records, _, _ = drv.execute_query(cypher, params)
    return [r[0] for r in records]


# ------------------------------------------------------------------ where


def test_numeric_filters_on_observations(
    db: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    result, sent = execute(
        schema,
        settings,
        model,
        """query($low: Float!) { observations(first: 100, where: {value: {gt: $low, lte: 3500},
            indicator: {some: {id: {eq: "indicator:inhabitants"}}}}) { totalCount
            edges { node { id ... on Observation { value } } } } }""",
        low=3000.0,
    )
    assert result.errors is None, result.errors
    assert sent == 1  # one query for the whole connection
    conn = result.data["observations"]
    expected = cypher_ids(
        db,
        "MATCH (o:Observation)-[:MEASURES]->(:Indicator {id: 'indicator:inhabitants'}) "
        "WHERE o.value > 3000 AND o.value <= 3500 RETURN o.id ORDER BY o.id",
    )
    assert expected and conn["totalCount"] == len(expected)
    assert ids(conn) == expected
    assert all(3000 < e["node"]["value"] <= 3500 for e in conn["edges"])


def test_and_or_not(
    db: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    data = run(
        schema,
        settings,
        model,
        """{ either: neighbourhoods(where: {OR: [{name: {eq: "Terschuren"}},
                                               {code: {eq: "BU09171000"}}]}) { totalCount }
             neither: neighbourhoods(where: {NOT: {OR: [{name: {eq: "Terschuren"}},
                                               {code: {eq: "BU09171000"}}]}}) { totalCount }
             both: neighbourhoods(where: {AND: [{name: {eq: "Terschuren"}},
                                               {code: {eq: "BU09171000"}}]}) { totalCount }
             ends: neighbourhoods(where: {code: {endsWith: "00", startsWith: "BU0917"},
                                          name: {contains: "CENTRUM"}}) {
               edges { node { name } } } }""",
    )
    assert data["either"]["totalCount"] == 2
    assert data["neither"]["totalCount"] == 55
    assert data["both"]["totalCount"] == 0
    names = [e["node"]["name"] for e in data["ends"]["edges"]]
    assert names and all("centrum" in n.lower() for n in names)


def test_some_none_all(
    db: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    data = run(
        schema,
        settings,
        model,
        """{ all: districts(first: 100, where: {neighbourhoods: {all: {name: {contains: "a"}}}})
               { totalCount edges { node { id } } }
             none: neighbourhoods(first: 100, where: {observations: {none: {value: {gt: 3000}}}})
               { totalCount }
             some: neighbourhoods(first: 100, where: {observations: {some: {value: {gt: 3000}}}})
               { totalCount }
             partners: programmes(where: {stakeholdersViaPartnerIn: {some: {}}})
               { edges { node { id } } } }""",
    )
    expected_all = cypher_ids(
        db,
        "MATCH (d:District) WHERE all(x IN [(d)<-[:PART_OF]-(b:Neighbourhood) | b] "
        "WHERE toLower(x.name) CONTAINS 'a') RETURN d.id ORDER BY d.id",
    )
    assert ids(data["all"]) == expected_all
    some = cypher_ids(
        db,
        "MATCH (b:Neighbourhood) WHERE EXISTS { (b)<-[:ABOUT]-(o:Observation) "
        "WHERE o.value > 3000 } RETURN b.id",
    )
    assert 0 < data["some"]["totalCount"] == len(some)
    assert data["none"]["totalCount"] == 57 - len(some)
    assert ids(data["partners"]) == ["programme:test-one", "programme:test-wide"]


def test_neighbourhoods_where_a_mentioning_document_mentions_an_explosion(
    db: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    data = run(
        schema,
        settings,
        model,
        """{ neighbourhoods(where: {documents: {some: {mentions: {some: {
                 typename: [IncidentType], name: {eq: "explosion"}}}}}}) {
               edges { node { id } } }
             quiet: neighbourhoods(where: {documents: {some: {}, none: {mentions: {some: {
                 id: {eq: "incident-type:explosion"}}}}}}) { totalCount } }""",
    )
    assert ids(data["neighbourhoods"]) == ["BU09171000", "BU09171001"]
    expected = cypher_ids(
        db,
        "MATCH (b:Neighbourhood) WHERE EXISTS { (b)<-[:MENTIONS]-(:Document) } AND NOT EXISTS { "
        "(b)<-[:MENTIONS]-(:Document)-[:MENTIONS]->(:IncidentType {id: 'incident-type:explosion'})"
        " } RETURN b.id",
    )
    assert data["quiet"]["totalCount"] == len(expected)


def test_within_a_district_or_municipality(
    db: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    data = run(
        schema,
        settings,
        model,
        """{ wk: neighbourhoods(where: {within: "WK091710"}) { edges { node { id } } }
             places: places(where: {within: "WK091710"}) { edges { node { id } } }
             gm: observations(where: {within: "GM0917"}) { totalCount }
             incidents(where: {within: "WK091710"}) { edges { node { id } } }
             elsewhere: incidents(where: {within: "WK091711"}) { totalCount }
             nothing: neighbourhoods(where: {within: "BU99999999"}) { totalCount } }""",
    )
    assert ids(data["wk"]) == cypher_ids(
        db,
        "MATCH (b:Neighbourhood)-[:PART_OF]->(:District {id: 'WK091710'}) "
        "RETURN b.id ORDER BY b.id",
    )
    assert ids(data["places"]) == [*ids(data["wk"]), "WK091710"]
    under_gm = cypher_ids(
        db,
        "MATCH (o:Observation)-[:ABOUT]->(p:Place) WHERE p.id = 'GM0917' OR "
        "EXISTS { (p)-[:PART_OF*1..3]->(:Municipality {id: 'GM0917'}) } RETURN o.id",
    )
    assert data["gm"]["totalCount"] == len(under_gm) > 0
    assert ids(data["incidents"]) == ["incident:explosion-bu09171000-undated"]
    assert data["elsewhere"]["totalCount"] == 0
    assert data["nothing"]["totalCount"] == 0


# ------------------------------------------------------------------ sort


def test_sort_by_related_count(
    db: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    data = run(
        schema,
        settings,
        model,
        """{ programmes(where: {id: {startsWith: "programme:test-"}},
                        sort: [{count: STAKEHOLDERS_VIA_PARTNER_IN, direction: DESC}]) {
               edges { node { id ... on Programme { stakeholdersViaPartnerIn { id } } } } }
             neighbourhoods(first: 5, sort: [{count: DOCUMENTS, direction: DESC}, {field: NAME}])
               { edges { node { id name documents { id } } } } }""",
    )
    programmes = [e["node"] for e in data["programmes"]["edges"]]
    assert [p["id"] for p in programmes] == [
        "programme:test-wide",
        "programme:test-one",
        "programme:test-narrow",
    ]
    assert [len(p["stakeholdersViaPartnerIn"]) for p in programmes] == [3, 1, 0]
    hoods = [e["node"] for e in data["neighbourhoods"]["edges"]]
    counts = [len(h["documents"]) for h in hoods]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 1
    ties = [h["name"] for h in hoods if len(h["documents"]) == counts[0]]
    assert ties == sorted(ties)


def test_sort_by_an_observation_value(
    db: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    data = run(
        schema,
        settings,
        model,
        """query($sort: [NeighbourhoodSort!]) { neighbourhoods(first: 100, sort: $sort) {
             edges { node { id } } } }""",
        sort=[{**BY_INHABITANTS, "direction": "DESC"}],
    )
    expected = cypher_ids(
        db,
        "MATCH (b:Neighbourhood) OPTIONAL MATCH (b)<-[:ABOUT]-(o:Observation)-[:MEASURES]->"
        "(:Indicator {id: 'indicator:inhabitants'}) WITH b, max(o.value) AS v "
        "RETURN b.id ORDER BY v IS NULL, v DESC, b.id",
    )
    assert ids(data["neighbourhoods"]) == expected
    ascending = run(
        schema,
        settings,
        model,
        """query($sort: [NeighbourhoodSort!]) { neighbourhoods(first: 100, sort: $sort) {
             edges { node { id } } } }""",
        sort=[{**BY_INHABITANTS, "direction": "ASC"}],
    )
    assert ids(ascending["neighbourhoods"]) == cypher_ids(
        db,
        "MATCH (b:Neighbourhood) OPTIONAL MATCH (b)<-[:ABOUT]-(o:Observation)-[:MEASURES]->"
        "(:Indicator {id: 'indicator:inhabitants'}) WITH b, max(o.value) AS v "
        "RETURN b.id ORDER BY v IS NULL, v ASC, b.id",
    )  # missing values last in both directions


# ------------------------------------------------------------------ pagination


PAGE = """query($after: String, $where: NeighbourhoodWhere, $sort: [NeighbourhoodSort!]) {
  neighbourhoods(first: 7, after: $after, where: $where, sort: $sort) {
    totalCount edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""


def walk(
    schema: strawberry.Schema,
    settings: Settings,
    model: OntologyModel,
    where: dict[str, Any],
    sort: list[dict[str, Any]],
    between: Any = None,
) -> tuple[list[str], list[int]]:
    found: list[str] = []
    totals: list[int] = []
    after = None
    while True:
        conn = run(schema, settings, model, PAGE, after=after, where=where, sort=sort)[
            "neighbourhoods"
        ]
        totals.append(conn["totalCount"])
        assert conn["pageInfo"]["hasPreviousPage"] is (after is not None)
        if conn["edges"]:
            assert conn["pageInfo"]["startCursor"] == conn["edges"][0]["cursor"]
            assert conn["pageInfo"]["endCursor"] == conn["edges"][-1]["cursor"]
        found += ids(conn)
        if between is not None and len(totals) == 1:
            between()
        if not conn["pageInfo"]["hasNextPage"]:
            return found, totals
        after = conn["pageInfo"]["endCursor"]


def test_pages_with_a_filter_and_a_sort_neither_repeat_nor_skip(
    db: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    where = {"within": "GM0917", "NOT": {"name": {"startsWith": "Heerlerh"}}}
    sort = [{**BY_INHABITANTS, "direction": "DESC"}, {"field": "NAME"}]
    everything = run(
        schema, settings, model, PAGE.replace("first: 7", "first: 100"), where=where, sort=sort
    )
    expected = ids(everything["neighbourhoods"])
    assert 7 < len(expected) < 57
    found, totals = walk(schema, settings, model, where, sort)
    assert found == expected and len(set(found)) == len(found)
    assert set(totals) == {len(expected)}
    # the same walk by count of documents and a descending name
    sort = [{"count": "DOCUMENTS", "direction": "DESC"}, {"field": "NAME", "direction": "DESC"}]
    everything = run(
        schema, settings, model, PAGE.replace("first: 7", "first: 100"), where=where, sort=sort
    )
    found, _ = walk(schema, settings, model, where, sort)
    assert found == ids(everything["neighbourhoods"])


def test_keyset_cursors_survive_changes_between_pages(
    db: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    sort = [{"field": "CODE"}]
    before = ids(
        run(schema, settings, model, PAGE.replace("first: 7", "first: 100"), sort=sort)[
            "neighbourhoods"
        ]
    )

    def change() -> None:  # two nodes already seen removed, one added at the end
        db.execute_query(
            "MATCH (b:Neighbourhood) WHERE b.id IN $ids DETACH DELETE b", ids=before[:2]
        )
        db.execute_query(
            "CREATE (:Neighbourhood:Place {id: 'BU99999999', code: 'BU99999999', name: 'Nieuw'})"
        )

    found, totals = walk(schema, settings, model, {}, sort, between=change)
    # nothing repeated, nothing skipped (offsets would skip two), the new node at the end
    assert found == [*before, "BU99999999"]
    assert totals[0] == 57 and set(totals[1:]) == {56}


def test_errors_are_clear(
    db: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    deep = '{name: {eq: "x"}}'
    for _ in range(5):
        deep = f"{{NOT: {deep}}}"
    messages = errors(
        schema, settings, model, f"{{ neighbourhoods(where: {deep}) {{ totalCount }} }}"
    )
    assert "nested too deeply: at most 5" in messages[0]
    first = run(schema, settings, model, PAGE, sort=[{"field": "CODE"}])["neighbourhoods"]
    messages = errors(
        schema,
        settings,
        model,
        PAGE,
        after=first["pageInfo"]["endCursor"],
        sort=[{"field": "NAME"}],
    )
    assert "invalid cursor: it belongs to another sort" in messages[0]
    messages = errors(
        schema,
        settings,
        model,
        "{ neighbourhoods(sort: [{field: NAME, count: DOCUMENTS}]) { totalCount } }",
    )
    assert "exactly one of field, count or related" in messages[0]
    messages = errors(
        schema,
        settings,
        model,
        '{ observations(where: {firstSeen: {gt: "last tuesday"}}) { totalCount } }',
    )
    assert "firstSeen needs a datetime value" in messages[0]


def test_within_an_informal_area_keeps_what_lies_in_the_places_it_covers(
    db: neo4j.Driver, schema: strawberry.Schema, settings: Settings, model: OntologyModel
) -> None:
    area = "area:heerlen-noord"
    covered = cypher_ids(db, "MATCH (:Area {id: $a})-[:COVERS]->(p) RETURN p.id", a=area)
    assert len(covered) >= 2
    query = (
        "query($p: String) { neighbourhoods(first: 100, where: {within: $p}) "
        "{ edges { node { id } } } }"
    )
    by_area = set(ids(run(schema, settings, model, query, p=area)["neighbourhoods"]))
    by_places: set[str] = set()
    for place in covered:
        by_places |= set(ids(run(schema, settings, model, query, p=place)["neighbourhoods"]))
    assert by_area == by_places and by_area
    db.execute_query(
        "MATCH (:Area {id: $a})-[c:COVERS]->() SET c.rejected = true", a=area
    )  # a maintainer rejected what the area covers: nothing is within it any more
    assert ids(run(schema, settings, model, query, p=area)["neighbourhoods"]) == []
