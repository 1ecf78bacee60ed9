"""search, path, profile and the aggregates over the seeded graph and the real Neo4j."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from starlette.testclient import TestClient

from gql.app import create_app
from gql.context import Context
from gql.schema import build_schema
from graph.connection import async_driver
from graph.writer import GraphWriter, NodeRow, RelationshipRow, WritePlan
from ontology import OntologyModel
from tests.integration.test_ingest import SAMPLES, _ingest
from twin.settings import Settings

pytestmark = pytest.mark.integration

MARIA = "BU09171000"  # Maria Gewanden, in district WK091710
TERSCHUREN = "BU09171001"  # the other neighbourhood of WK091710
GMS = "WK091731"  # a district of Heerlen-Noord
PREVENTIE = "programme:preventie-met-gezag"
NPHN = "programme:nationaal-programma-heerlen-noord"
POLITIE = "stakeholder:politie-limburg"
WELLER = "stakeholder:weller"
CENTRE = "community-centre:wijkcentrum-de-bron"
SOURCE = "test:explore"

# (type, place, date): five burglaries in Maria Gewanden in 2023 and a few single events
INCIDENTS = [
    *[("burglary", MARIA, f"2023-0{m}-1{m}") for m in range(1, 6)],
    ("burglary", TERSCHUREN, "2024-01-10"),
    ("vandalism", MARIA, "2024-02-01"),
    ("youth-nuisance", MARIA, None),
    ("burglary", GMS, "2023-06-01"),
]


def _rel(rel_type: str, source: str, source_label: str, target: str, target_label: str) -> Any:
    return RelationshipRow(
        type=rel_type,
        source=source,
        source_label=source_label,
        target=target,
        target_label=target_label,
        props={"confidence": 0.9},
        provenance=SOURCE,
    )


def _facts() -> WritePlan:
    plan = WritePlan()
    for kind, place, date in INCIDENTS:
        incident = f"incident:{kind}-{place.lower()}-{date or 'undated'}"
        plan.nodes.append(
            NodeRow(label="Incident", id=incident, source=SOURCE, props={"name": incident})
        )
        plan.relationships += [
            _rel("OCCURRED_IN", incident, "Incident", place, "Place"),
            _rel("OF_TYPE", incident, "Incident", f"incident-type:{kind}", "IncidentType"),
        ]
    plan.nodes.append(
        NodeRow(label="CommunityCentre", id=CENTRE, source=SOURCE, props={"name": "De Bron"})
    )
    plan.relationships += [
        _rel("LOCATED_IN", CENTRE, "CommunityCentre", MARIA, "Neighbourhood"),
        _rel("TARGETS", PREVENTIE, "Programme", MARIA, "Neighbourhood"),
        _rel("TARGETS", NPHN, "Programme", "area:heerlen-noord", "Area"),
        _rel("RUNS", POLITIE, "Stakeholder", PREVENTIE, "Programme"),
        _rel("ACTIVE_IN", WELLER, "Stakeholder", MARIA, "Neighbourhood"),
    ]
    return plan


@pytest.fixture
def graph(seeded_db: neo4j.Driver, model: OntologyModel) -> neo4j.Driver:
    """The reference data plus incidents, a facility, targets, RUNS and ACTIVE_IN."""
    result = GraphWriter(seeded_db, model).write(_facts())
    assert result.relationships_missing_endpoint == 0
    return seeded_db


@pytest.fixture
def client(graph: neo4j.Driver, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def gql(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def data(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    body = gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]
    return result


def run_as(
    role: str, settings: Settings, model: OntologyModel, query: str, **variables: Any
) -> dict[str, Any]:
    """Execute ``query`` with a context whose ``role`` attribute is ``role``."""
    schema = build_schema(model)

    async def run() -> Any:
        driver = async_driver(settings)
        try:
            context = Context(driver=driver, database=None, labels=list(model.classes))
            context.role = role
            return await schema.execute(query, variable_values=variables, context_value=context)
        finally:
            await driver.close()

    result = asyncio.run(run())
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


# ------------------------------------------------------------------ search

SEARCH = """query($text: String!, $types: [String!], $first: Int! = 10) {
  search(text: $text, types: $types, first: $first) {
    score exact highlight node { __typename id ... on Entity { name } } } }"""


def test_search_puts_the_exact_name_first(client: TestClient) -> None:
    hits = data(client, SEARCH, text="Heerlen-Noord")["search"]
    area = {"__typename": "Area", "id": "area:heerlen-noord", "name": "Heerlen-Noord"}
    assert hits[0]["node"] == area
    assert hits[0]["exact"] is True
    assert hits[0]["highlight"] == "<em>Heerlen</em>-<em>Noord</em>"
    # the programme named after the area scores higher in Lucene, and still comes after it
    programme = next(h for h in hits if h["node"]["id"] == NPHN)
    assert programme["score"] > hits[0]["score"] and programme["exact"] is False
    assert all(not h["exact"] for h in hits[1:])
    # an alias is an exact match too ("Jeugd en Samenleving" is JENS)
    hits = data(client, SEARCH, text="jeugd en samenleving", first=3)["search"]
    assert hits[0]["node"]["id"] == "stakeholder:jens" and hits[0]["exact"] is True
    assert hits[0]["highlight"] == "<em>Jeugd</em> <em>en</em> <em>Samenleving</em>"


def test_search_filters_on_ontology_classes(client: TestClient) -> None:
    hits = data(client, SEARCH, text="Heerlen", types=["Place"])["search"]
    assert hits[0]["node"] == {"__typename": "Municipality", "id": "GM0917", "name": "Heerlen"}
    places = {"Municipality", "District", "Neighbourhood", "Area", "Street"}
    assert hits and {h["node"]["__typename"] for h in hits} <= places
    hits = data(client, SEARCH, text="Heerlen", types=["Document"])["search"]
    assert hits and {h["node"]["__typename"] for h in hits} == {"Document"}
    assert any("<em>Heerlen</em>" in (h["highlight"] or "") for h in hits)
    hits = data(client, SEARCH, text="politie", types=["Police", "Programme"])["search"]
    assert {h["node"]["__typename"] for h in hits} == {"Police"}

    body = gql(client, SEARCH, text="Heerlen", types=["Place", "Nope"])
    assert body["data"] is None
    assert body["errors"][0]["message"].startswith("unknown class 'Nope' in types; known: Area")
    body = gql(client, SEARCH, text="Heerlen", types=["Observation"])
    assert "Observation is not searchable" in body["errors"][0]["message"]
    body = gql(client, SEARCH, text="Heerlen", first=101)
    assert "first must be between 0 and 100" in body["errors"][0]["message"]
    assert data(client, SEARCH, text="Heerlen", first=0)["search"] == []
    assert len(data(client, SEARCH, text="Heerlen", first=3)["search"]) == 3


def test_search_escapes_lucene_syntax(client: TestClient) -> None:
    for text in [
        "foo AND (",
        '"',
        '"Heerlen',
        "Heerlen-Noord)",
        "NOT",
        "OR Heerlen AND",
        "a:b",
        "*",
        "?",
        "\\",
        "~2",
        "[1 TO 5]",
        "{x}",
        "/regex/",
        "&& || !",
        "^3",
        "   ",
        "",
        "Маріа 🏠",
    ]:
        body = gql(client, SEARCH, text=text)
        assert "errors" not in body, (text, body)
    # the words still count: a parenthesis or operator around a name does not hide it
    hits = data(client, SEARCH, text="(Terschuren) AND")["search"]
    assert hits[0]["node"]["id"] == TERSCHUREN
    assert data(client, SEARCH, text="*")["search"] == []  # no wildcard for everything


def test_search_finds_document_text(client: TestClient, graph: neo4j.Driver, model: Any) -> None:
    _ingest(graph, model, SAMPLES)
    hits = data(client, SEARCH, text="jongerenwerkproject")["search"]
    assert [h["node"]["__typename"] for h in hits] == ["Document"]
    assert "<em>jongerenwerkproject</em>" in hits[0]["highlight"]
    assert hits[0]["highlight"].startswith("…")  # a window of the text, not all of it
    titled = data(client, SEARCH, text="wijkoverleg", types=["Document"])["search"]
    assert titled[0]["highlight"] == "Verslag <em>wijkoverleg</em> Heerlen-Noord (voorbeeld)"


# ------------------------------------------------------------------ path

PATH = """query($from: ID!, $to: ID!, $hops: Int! = 4, $mentions: Boolean! = false) {
  path(from: $from, to: $to, maxHops: $hops, includeMentions: $mentions) {
    nodes { __typename id }
    relationships { type from to confidence sources } } }"""


def test_path_between_a_neighbourhood_and_a_programme_and_a_stakeholder(
    client: TestClient,
) -> None:
    path = data(client, PATH, **{"from": MARIA, "to": PREVENTIE})["path"]
    assert [n["id"] for n in path["nodes"]] == [MARIA, PREVENTIE]
    assert path["relationships"] == [
        {"type": "TARGETS", "from": PREVENTIE, "to": MARIA, "confidence": 0.9, "sources": [SOURCE]}
    ]
    path = data(client, PATH, **{"from": MARIA, "to": POLITIE})["path"]
    assert [n["id"] for n in path["nodes"]] == [MARIA, PREVENTIE, POLITIE]
    assert [n["__typename"] for n in path["nodes"]] == ["Neighbourhood", "Programme", "Police"]
    assert [(r["type"], r["from"], r["to"]) for r in path["relationships"]] == [
        ("TARGETS", PREVENTIE, MARIA),
        ("RUNS", POLITIE, PREVENTIE),
    ]
    # through the district: Maria Gewanden → WK091710 ← Terschuren
    path = data(client, PATH, **{"from": MARIA, "to": TERSCHUREN})["path"]
    assert [n["id"] for n in path["nodes"]] == [MARIA, "WK091710", TERSCHUREN]
    assert {r["type"] for r in path["relationships"]} == {"PART_OF"}


def test_path_limits_and_missing_paths(client: TestClient) -> None:
    assert data(client, PATH, **{"from": MARIA, "to": POLITIE, "hops": 1})["path"] is None
    assert data(client, PATH, **{"from": MARIA, "to": "nope:nothing"})["path"] is None
    same = data(client, PATH, **{"from": MARIA, "to": MARIA})["path"]
    assert same == {"nodes": [{"__typename": "Neighbourhood", "id": MARIA}], "relationships": []}
    body = gql(client, PATH, **{"from": MARIA, "to": POLITIE, "hops": 7})
    assert "maxHops must be between 1 and 6" in body["errors"][0]["message"]


def test_path_skips_mentions_unless_asked(
    client: TestClient, graph: neo4j.Driver, model: Any
) -> None:
    _ingest(graph, model, SAMPLES)
    records, _, _ = graph.execute_query(
        "MATCH (d:Document)-[:MENTIONS]->(:Neighbourhood {id: $id}) RETURN d.id AS id", id=MARIA
    )
    document = records[0]["id"]
    assert data(client, PATH, **{"from": document, "to": MARIA})["path"] is None
    path = data(client, PATH, **{"from": document, "to": MARIA, "mentions": True})["path"]
    assert [r["type"] for r in path["relationships"]] == ["MENTIONS"]


# ------------------------------------------------------------------ profile

PROFILE = """query($id: ID!) { profile(id: $id) {
  place { __typename id } name class parents { id } childrenCount
  latestObservations { indicator { id } value period unit observation { id } }
  incidents { count suppressed byType { type { id } count suppressed } }
  programmes { id } facilities { id name } stakeholders { id } documentCount } }"""


def test_profile_of_a_neighbourhood(client: TestClient, graph: neo4j.Driver, model: Any) -> None:
    _ingest(graph, model, SAMPLES)
    profile = data(client, PROFILE, id=MARIA)["profile"]
    assert profile["place"] == {"__typename": "Neighbourhood", "id": MARIA}
    assert (profile["name"], profile["class"]) == ("Maria Gewanden", "Neighbourhood")
    assert [p["id"] for p in profile["parents"]] == ["WK091710", "GM0917"]
    assert profile["childrenCount"] == 0
    latest = {o["indicator"]["id"]: o for o in profile["latestObservations"]}
    assert len(latest) == 6
    inhabitants = latest["indicator:inhabitants"]
    assert (inhabitants["value"], inhabitants["period"], inhabitants["unit"]) == (
        3460.0,
        "2020",
        "count",
    )
    assert profile["incidents"]["count"] == 7 and profile["incidents"]["suppressed"] is False
    by_type = {t["type"]["id"]: t["count"] for t in profile["incidents"]["byType"]}
    assert by_type == {
        "incident-type:burglary": 5,
        "incident-type:vandalism": 1,
        "incident-type:youth-nuisance": 1,
    }
    assert profile["programmes"] == [{"id": PREVENTIE}]
    assert profile["facilities"] == [{"id": CENTRE, "name": "De Bron"}]
    assert profile["stakeholders"] == [{"id": WELLER}]
    assert profile["documentCount"] == 1  # the Heerlen-Noord meeting notes


def test_profile_counts_the_places_within(client: TestClient) -> None:
    district = data(client, PROFILE, id="WK091710")["profile"]
    assert district["class"] == "District" and district["childrenCount"] == 2
    assert [p["id"] for p in district["parents"]] == ["GM0917"]
    assert district["incidents"]["count"] == 8  # Maria Gewanden's seven and Terschuren's one
    assert district["programmes"] == [{"id": PREVENTIE}]
    # an informal area holds the districts it covers
    area = data(client, PROFILE, id="area:heerlen-noord")["profile"]
    assert area["incidents"]["count"] == 9
    assert {p["id"] for p in area["programmes"]} == {NPHN, PREVENTIE}
    assert data(client, PROFILE, id="stakeholder:jens")["profile"] is None  # not a place
    assert data(client, PROFILE, id="nope")["profile"] is None


def test_profile_suppresses_small_incident_counts_for_the_public(
    graph: neo4j.Driver, settings: Settings, model: OntologyModel
) -> None:
    incidents = run_as("public", settings, model, PROFILE, id=MARIA)["profile"]["incidents"]
    assert (incidents["count"], incidents["suppressed"]) == (7, False)
    by_type = {t["type"]["id"]: (t["count"], t["suppressed"]) for t in incidents["byType"]}
    assert by_type == {
        "incident-type:burglary": (5, False),
        "incident-type:vandalism": (None, True),
        "incident-type:youth-nuisance": (None, True),
    }


# ------------------------------------------------------------------ aggregates

INCIDENTS_BY = """query($where: IncidentAggregateWhere) {
  incidentsAggregate(where: $where, groupBy: [INCIDENT_TYPE, DISTRICT, YEAR]) {
    count suppressed
    groups { key { incidentType { id class } district { id name } year } count suppressed } } }"""


def _groups(aggregate: dict[str, Any]) -> dict[tuple[Any, ...], Any]:
    return {
        (
            g["key"]["incidentType"]["id"],
            g["key"]["district"]["id"] if g["key"]["district"] else None,
            g["key"]["year"],
        ): g["count"]
        for g in aggregate["groups"]
    }


def test_incidents_per_type_district_and_year(client: TestClient) -> None:
    aggregate = data(client, INCIDENTS_BY)["incidentsAggregate"]
    assert (aggregate["count"], aggregate["suppressed"]) == (9, False)
    assert _groups(aggregate) == {
        ("incident-type:burglary", "WK091710", 2023): 5,
        ("incident-type:burglary", "WK091710", 2024): 1,
        ("incident-type:burglary", GMS, 2023): 1,
        ("incident-type:vandalism", "WK091710", 2024): 1,
        ("incident-type:youth-nuisance", "WK091710", None): 1,  # undated
    }
    first = aggregate["groups"][0]["key"]
    assert first["incidentType"]["class"] == "IncidentType"
    assert first["district"]["name"] == "Maria Gewanden en Terschuren"
    where = {"district": ["WK091710"], "year": [2024]}
    aggregate = data(client, INCIDENTS_BY, where=where)["incidentsAggregate"]
    assert aggregate["count"] == 2
    assert set(_groups(aggregate)) == {
        ("incident-type:burglary", "WK091710", 2024),
        ("incident-type:vandalism", "WK091710", 2024),
    }
    # a group per informal area that covers the district: Heerlen-Noord and Hoensbroek
    body = data(
        client,
        """{ incidentsAggregate(where: {incidentType: ["incident-type:burglary"]},
             groupBy: [AREA]) { count groups { key { area { id } } count } } }""",
    )["incidentsAggregate"]
    assert body["count"] == 7
    areas = {g["key"]["area"]["id"]: g["count"] for g in body["groups"]}
    assert areas == {"area:heerlen-noord": 7, "area:hoensbroek": 6, "area:gms": 1}


def test_observation_statistics_per_indicator_and_district(
    client: TestClient, graph: neo4j.Driver
) -> None:
    body = data(
        client,
        """{ observationsAggregate(groupBy: [INDICATOR]) { count
             groups { key { indicator { id } } count min max avg sum } } }""",
    )["observationsAggregate"]
    records, _, _ = graph.execute_query(
        "MATCH (o:Observation)-[:MEASURES]->(i:Indicator) RETURN i.id AS id, count(o) AS n, "
        "min(o.value) AS min, max(o.value) AS max, sum(o.value) AS sum"
    )
    expected = {r["id"]: (r["n"], r["min"], r["max"], r["sum"]) for r in records}
    found = {
        g["key"]["indicator"]["id"]: (g["count"], g["min"], g["max"], g["sum"])
        for g in body["groups"]
    }
    assert found.keys() == expected.keys()
    for indicator, values in expected.items():
        assert found[indicator] == pytest.approx(values)
    assert body["count"] == sum(n for n, *_ in expected.values())

    # inhabitants of the neighbourhoods (not of the districts themselves) per district
    body = data(
        client,
        """{ observationsAggregate(
               where: {indicator: ["indicator:inhabitants"], placeClass: ["Neighbourhood"]},
               groupBy: [DISTRICT]) { count sum groups { key { district { id } } count sum } } }""",
    )["observationsAggregate"]
    records, _, _ = graph.execute_query(
        "MATCH (i:Indicator {id: 'indicator:inhabitants'})<-[:MEASURES]-(o)-[:ABOUT]->"
        "(:Neighbourhood)-[:PART_OF]->(d:District) "
        "RETURN d.id AS id, count(o) AS n, sum(o.value) AS sum"
    )
    expected = {r["id"]: (r["n"], r["sum"]) for r in records}
    assert {g["key"]["district"]["id"]: (g["count"], g["sum"]) for g in body["groups"]} == expected
    assert body["count"] == 57
    maria = data(
        client,
        """{ observationsAggregate(where: {place: ["BU09171000"]}, groupBy: [PERIOD])
             { count groups { key { period } count } } }""",
    )["observationsAggregate"]
    assert maria["count"] == 6
    assert {g["key"]["period"]: g["count"] for g in maria["groups"]} == {"2018": 4, "2020": 2}


def test_aggregate_of_a_class_with_subclasses(client: TestClient) -> None:
    body = data(
        client,
        """{ placesAggregate(groupBy: [CLASS]) { count groups { key { class } count } }
             facilitiesAggregate(groupBy: [CLASS, NEIGHBOURHOOD]) { count
               groups { key { class neighbourhood { id } } count } } }""",
    )
    places = {g["key"]["class"]: g["count"] for g in body["placesAggregate"]["groups"]}
    assert places["Neighbourhood"] == 57 and sum(places.values()) == 169
    facilities = body["facilitiesAggregate"]
    assert facilities["count"] == 1
    assert facilities["groups"] == [
        {"key": {"class": "CommunityCentre", "neighbourhood": {"id": MARIA}}, "count": 1}
    ]
    body = gql(client, '{ placesAggregate(where: {class: ["Observation"]}) { count } }')
    assert "class: 'Observation' is not one of Area, District" in body["errors"][0]["message"]
    body = gql(
        client,
        "{ incidentsAggregate(groupBy: [PLACE, AREA, DISTRICT, INCIDENT_TYPE, YEAR]) { count } }",
    )
    assert "groupBy takes at most 4 keys, got 5" in body["errors"][0]["message"]


def test_public_role_gets_small_counts_suppressed(
    graph: neo4j.Driver, settings: Settings, model: OntologyModel
) -> None:
    public = run_as("public", settings, model, INCIDENTS_BY)["incidentsAggregate"]
    assert (public["count"], public["suppressed"]) == (9, False)
    # burglary in WK091710 in 2023 (5) is hidden too: it is the only visible cell of the line
    # burglary x WK091710 across years, whose total (grouping by type and district) minus 5
    # would give back the hidden 2024 count (secondary suppression)
    assert _groups(public) == {
        ("incident-type:burglary", "WK091710", 2023): None,
        ("incident-type:burglary", "WK091710", 2024): None,
        ("incident-type:burglary", GMS, 2023): None,
        ("incident-type:vandalism", "WK091710", 2024): None,
        ("incident-type:youth-nuisance", "WK091710", None): None,
    }
    assert [g["suppressed"] for g in public["groups"]].count(True) == 5
    analyst_cells = _groups(run_as("analyst", settings, model, INCIDENTS_BY)["incidentsAggregate"])
    assert analyst_cells[("incident-type:burglary", "WK091710", 2023)] == 5
    small = run_as(
        "public",
        settings,
        model,
        """{ incidentsAggregate(where: {neighbourhood: ["BU09171001"]}) {
             count suppressed min max avg sum } }""",
    )["incidentsAggregate"]
    assert small == {
        "count": None,
        "suppressed": True,
        "min": None,
        "max": None,
        "avg": None,
        "sum": None,
    }
    analyst = run_as("analyst", settings, model, INCIDENTS_BY)["incidentsAggregate"]
    assert None not in _groups(analyst).values()
    # observations: statistics of a suppressed group are hidden with its count
    query = """{ observationsAggregate(where: {place: ["BU09171000"]}, groupBy: [INDICATOR]) {
                 count groups { count suppressed min max avg sum } } }"""
    groups = run_as("public", settings, model, query)["observationsAggregate"]["groups"]
    assert groups and all(g["suppressed"] and g["sum"] is None for g in groups)
