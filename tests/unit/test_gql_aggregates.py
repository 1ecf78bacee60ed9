"""Pure helpers of the aggregates, search, path and profile fields (gql.aggregates, gql.explore):
group keys from the ontology, the Cypher they build, suppression, Lucene escaping, highlights."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import GraphQLObjectType

from gql.aggregates import (
    CLASS,
    NODE,
    PROPERTY,
    YEAR,
    Dimension,
    aggregate_query,
    containment,
    default_measure,
    dimensions,
    key_values,
    lower_camel,
    measures,
    root_classes,
    stats,
    suppressed,
    upper_snake,
)
from gql.explore import (
    best_highlight,
    escape_lucene,
    highlight,
    lucene_query,
    path_query,
    profile_classes,
    search_query,
)
from gql.schema import build_schema
from ontology import OntologyModel, load_model
from ontology.model import bundled_root, ontology_files


@pytest.fixture(scope="module")
def model() -> OntologyModel:
    return load_model()


def _keys(model: OntologyModel, root: str) -> dict[str, Dimension]:
    return {d.key: d for d in dimensions(model, root)}


# ------------------------------------------------------------------ group keys


def test_names() -> None:
    assert upper_snake("IncidentType") == "INCIDENT_TYPE"
    assert upper_snake("referencePeriod") == "REFERENCE_PERIOD"
    assert upper_snake("sha256") == "SHA256"
    assert lower_camel("INCIDENT_TYPE") == "incidentType"
    assert lower_camel("PLACE_CLASS") == "placeClass" and lower_camel("YEAR") == "year"


def test_incident_keys_come_from_the_ontology(model: OntologyModel) -> None:
    keys = _keys(model, "Incident")
    assert list(keys) == [
        "PLACE",
        "PLACE_CLASS",
        "AREA",
        "DISTRICT",
        "MUNICIPALITY",
        "NEIGHBOURHOOD",
        "STREET",
        "INCIDENT_TYPE",
        "YEAR",
    ]
    assert keys["INCIDENT_TYPE"].kind == NODE
    assert keys["INCIDENT_TYPE"].patterns == ("(n)-[r:OF_TYPE]->(x:IncidentType)",)
    assert keys["PLACE"].patterns == ("(n)-[r:OCCURRED_IN]->(x:Place)",)
    # a place key climbs PART_OF from the place the incident occurred in, and COVERS back
    assert keys["DISTRICT"].patterns == (
        "(n)-[r:OCCURRED_IN]->(:Place)-[h:PART_OF*0..6]->(x:District)",
        "(n)-[r:OCCURRED_IN]->(:Place)-[h:PART_OF*0..6]->(:Place)<-[c:COVERS]-(x:District)",
    )
    assert keys["PLACE_CLASS"].kind == CLASS and keys["PLACE_CLASS"].many
    assert keys["PLACE_CLASS"].classes[-1] == "Place"  # most specific first
    assert keys["YEAR"] == Dimension("YEAR", YEAR)  # from the id: no date property
    assert keys["DISTRICT"].field == "district" and keys["INCIDENT_TYPE"].field == "incidentType"


def test_other_classes_keys(model: OntologyModel) -> None:
    observation = _keys(model, "Observation")
    assert {"INDICATOR", "PLACE", "DISTRICT", "NEIGHBOURHOOD", "PERIOD"} <= set(observation)
    assert observation["PERIOD"] == Dimension("PERIOD", PROPERTY, prop="period")
    assert "YEAR" not in observation and "CLASS" not in observation  # no date, no subclasses
    stakeholder = _keys(model, "Stakeholder")
    # two relationships to programmes: the keys say which
    assert {"RUNS_PROGRAMME", "PARTNER_IN_PROGRAMME", "FACILITY", "FACILITY_CLASS"} <= set(
        stakeholder
    )
    assert "PROGRAMME" not in stakeholder
    assert stakeholder["CLASS"].classes[-1] == "Stakeholder"
    assert stakeholder["CLASS"].classes.index("NeighbourhoodWatch") < stakeholder[
        "CLASS"
    ].classes.index("ResidentsAssociation")
    document = _keys(model, "Document")
    assert {"LANGUAGE", "MEDIA_TYPE"} <= set(document)
    assert "TITLE" not in document and "REDACTED_TEXT" not in document  # free text
    assert "SOURCE_URIS" not in document  # lists are not keys
    place = _keys(model, "Place")
    assert {"PART_OF_DISTRICT", "ADJACENT_TO_DISTRICT", "COVERS_DISTRICT", "CLASS"} <= set(place)


def test_measures_and_roots(model: OntologyModel) -> None:
    assert "value" in measures(model, "Observation")
    assert default_measure(model, "Observation") == "value"
    assert default_measure(model, "Document") is None  # characters, words, redactionCount
    assert {"characters", "words"} <= set(measures(model, "Document"))
    roots = root_classes(model)
    assert {"Incident", "Observation", "Place", "Stakeholder", "Facility"} <= set(roots)
    assert "Neighbourhood" not in roots and "Police" not in roots


def test_a_new_relationship_gives_a_new_key(tmp_path: Path) -> None:
    for path in ontology_files(bundled_root()):
        target = tmp_path / path.relative_to(bundled_root())
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    (tmp_path / "vocab" / "extra.ttl").write_text(
        """@prefix st: <https://w3id.org/social-twin/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
st:reportedBy a owl:ObjectProperty ; rdfs:domain st:Incident ; rdfs:range st:Stakeholder ;
    st:neo4jType "REPORTED_BY" ;
    rdfs:label "gemeld door"@nl , "reported by"@en , "signalé par"@fr .
st:occurredOn a owl:DatatypeProperty ; rdfs:domain st:Incident ; rdfs:range xsd:date ;
    rdfs:label "datum"@nl , "date"@en , "date"@fr .
""",
        encoding="utf-8",
    )
    extended = load_model(tmp_path)
    keys = _keys(extended, "Incident")
    assert keys["STAKEHOLDER"].patterns == ("(n)-[r:REPORTED_BY]->(x:Stakeholder)",)
    assert "STAKEHOLDER_CLASS" in keys
    assert keys["YEAR"] == Dimension("YEAR", YEAR, prop="occurredOn")  # the date wins
    sdl = str(build_schema(extended))
    assert "STAKEHOLDER_CLASS" in sdl and "stakeholder: GroupNode" in sdl


def test_containment_and_profile_classes(model: OntologyModel) -> None:
    places = containment(model)
    assert places is not None
    assert (places.part_of, places.place, places.covers) == ("PART_OF", "Place", "COVERS")
    classes = profile_classes(model)
    assert classes is not None
    assert (classes.place, classes.incident, classes.incident_type) == (
        "Place",
        "Incident",
        "IncidentType",
    )
    assert (classes.programme, classes.facility, classes.stakeholder) == (
        "Programme",
        "Facility",
        "Stakeholder",
    )
    assert (classes.observation, classes.indicator, classes.document) == (
        "Observation",
        "Indicator",
        "Document",
    )


# ------------------------------------------------------------------ Cypher


def test_aggregate_query_groups_and_filters(model: OntologyModel) -> None:
    keys = _keys(model, "Incident")
    kind, district, year = keys["INCIDENT_TYPE"], keys["DISTRICT"], keys["YEAR"]
    cypher = aggregate_query("Incident", [kind, district, year], [kind, year], [district], None)
    assert cypher.startswith(
        "MATCH (n:Incident) WITH n, "
        "[(n)-[r:OF_TYPE]->(x:IncidentType) WHERE r.rejected IS NULL | x]"
    )
    assert "WHERE any(x IN d1 WHERE x.id IN $f1)" in cypher
    assert "UNWIND CASE WHEN size(r.d0) = 0 THEN [null] ELSE r.d0 END AS g0" in cypher
    assert "WITH DISTINCT r.n AS n, r.v AS v, g0, r.d2 AS g1" in cypher
    assert "ORDER BY g0.name, g0.id, g1" in cypher
    assert "null AS min" in cypher  # no measure
    assert "$datedId" in cypher
    plain = aggregate_query("Observation", [], [], [], "value")
    assert plain == (
        "MATCH (n:Observation) WITH collect({n: n, v: n.value}) AS rows "
        "CALL (rows) { UNWIND rows AS r "
        "RETURN count(r) AS count, min(r.v) AS min, max(r.v) AS max, "
        "avg(r.v) AS avg, sum(r.v) AS sum } "
        "RETURN count, min, max, avg, sum, [] AS groups"
    )
    with pytest.raises(ValueError, match="must be computed"):
        aggregate_query("Incident", [kind], [district], [], None)


def test_class_keys_compare_with_literal_class_lists(model: OntologyModel) -> None:
    place_class = _keys(model, "Incident")["PLACE_CLASS"]
    cypher = aggregate_query("Incident", [place_class], [], [place_class], None)
    assert "head([k IN ['Area', 'District'" in cypher
    assert "WHERE any(v IN d0 WHERE v IN $f0)" in cypher
    own = _keys(model, "Stakeholder")["CLASS"]
    cypher = aggregate_query("Stakeholder", [own], [own], [own], None)
    assert "WHERE d0 IN $f0" in cypher and "r.d0 AS g0" in cypher


def test_search_and_path_queries() -> None:
    cypher = search_query([("aliases", True), ("name", False)])
    assert "CASE WHEN toLower(node.name) = $exact THEN 2 " in cypher
    assert "WHEN any(a IN coalesce(node.aliases, []) WHERE toLower(a) = $exact) THEN 1" in cypher
    assert "queryNodes($index, $query, {limit: $candidates})" in cypher
    assert "ORDER BY exact DESC, score DESC, node.id LIMIT $first" in cypher
    assert "ELSE 0 END" not in search_query([])
    path = path_query(["PART_OF", "TARGETS"], 3)
    assert "shortestPath((a)-[:PART_OF|TARGETS*..3]-(b))" in path
    assert "$source" in path and "$target" in path
    for hops in (0, 7):
        with pytest.raises(ValueError, match="between 1 and 6"):
            path_query(["PART_OF"], hops)


# ------------------------------------------------------------------ results


def test_key_values(model: OntologyModel) -> None:
    keys = _keys(model, "Incident")
    grouped = [keys["INCIDENT_TYPE"], keys["DISTRICT"], keys["YEAR"], keys["PLACE_CLASS"]]
    values = key_values(
        model,
        grouped,
        [
            {"id": "incident-type:burglary", "name": "burglary", "labels": ["IncidentType"]},
            None,
            2023,
            "Neighbourhood",
        ],
    )
    kind = values["INCIDENT_TYPE"]
    assert (kind.id, kind.name, kind.class_) == (
        "incident-type:burglary",
        "burglary",
        "IncidentType",
    )
    assert values["DISTRICT"] is None
    assert values["YEAR"] == 2023 and values["PLACE_CLASS"] == "Neighbourhood"
    district = key_values(
        model, [keys["DISTRICT"]], [{"id": "WK1", "name": "W", "labels": ["Place", "District"]}]
    )["DISTRICT"]
    assert district.class_ == "District"


def test_small_counts_are_suppressed_for_the_public_role() -> None:
    assert [suppressed(n, "public") for n in (0, 1, 4, 5, 100)] == [True, True, True, False, False]
    assert not suppressed(1, "analyst") and not suppressed(1, "maintainer")
    row = {"count": 3, "min": 1, "max": 4, "avg": 2.5, "sum": 7}
    assert stats(row, "public") == {
        "count": None,
        "suppressed": True,
        "min": None,
        "max": None,
        "avg": None,
        "sum": None,
    }
    assert stats(row, "analyst") == {
        "count": 3,
        "suppressed": False,
        "min": 1.0,
        "max": 4.0,
        "avg": 2.5,
        "sum": 7.0,
    }
    # without a measure the server's sum is 0: no values, no sum
    empty = {"count": 8, "min": None, "max": None, "avg": None, "sum": 0}
    assert stats(empty, "public")["sum"] is None and stats(empty, "public")["count"] == 8


# ------------------------------------------------------------------ Lucene and highlights


def test_escape_lucene() -> None:
    assert escape_lucene("foo") == "foo"
    assert escape_lucene('a+b-c&&d||e!(f){g}[h]^"i"~j*k?l:m\\n/o') == (
        'a\\+b\\-c\\&\\&d\\|\\|e\\!\\(f\\)\\{g\\}\\[h\\]\\^\\"i\\"\\~j\\*k\\?l\\:m\\\\n\\/o'
    )
    assert escape_lucene("AND") == "\\AND" and escape_lucene("NOT") == "\\NOT"
    assert escape_lucene("and") == "and"  # only upper-case words are operators


def test_lucene_query() -> None:
    assert lucene_query("Terschuren") == "Terschuren OR Terschuren*"
    assert lucene_query("Maria Gew") == '"Maria Gew"^2 OR Maria OR Gew OR Gew*'
    assert lucene_query("Heerlen-Noord") == "Heerlen\\-Noord"  # no prefix for escaped words
    assert lucene_query("foo AND (") == "foo OR foo*"  # operators and bare syntax left out
    assert lucene_query("NOT") == "\\NOT"  # nothing else: searched as a word
    assert lucene_query('"') is None and lucene_query("  ") is None and lucene_query("") is None
    assert lucene_query("a:b") == "a\\:b"
    assert lucene_query('say "hi') == '"say \\"hi"^2 OR say OR \\"hi'


def test_highlight() -> None:
    assert highlight("Heerlen-Noord", "heerlen noord") == "<em>Heerlen</em>-<em>Noord</em>"
    assert highlight("Maria Gewanden", "gew") == "Maria <em>Gewanden</em>"  # word prefixes
    assert highlight("Maria Gewanden", "anden") is None  # not inside words
    assert highlight("a <b> & Heerlen", "heerlen") == "a &lt;b&gt; &amp; <em>Heerlen</em>"
    assert highlight("x", "!!") is None
    text = " ".join(["woord"] * 60) + "\n\n Terschuren " + " ".join(["eind"] * 60)
    window = highlight(text, "terschuren", width=60)
    assert window is not None
    assert window.startswith("…") and window.endswith("…") and "\n" not in window
    assert "<em>Terschuren</em>" in window and len(window) < 90
    node = {
        "name": "Nationaal Programma Heerlen-Noord",
        "aliases": ["NPHN", "Programme national Heerlen-Nord"],
        "redactedText": None,
    }
    assert best_highlight(node, ["aliases", "name", "redactedText"], "Heerlen-Noord") == (
        "Nationaal Programma <em>Heerlen</em>-<em>Noord</em>"  # most words matched
    )
    assert best_highlight(node, ["aliases", "name"], "nphn") == "<em>NPHN</em>"
    assert best_highlight(node, ["name"], "zzz") is None


# ------------------------------------------------------------------ schema


def test_schema_has_the_explore_and_aggregate_fields() -> None:
    schema = build_schema()._schema
    query = schema.query_type
    assert query is not None
    fields = set(query.fields)
    assert {"search", "path", "profile", "incidentsAggregate", "observationsAggregate"} <= fields
    assert "neighbourhoodsAggregate" not in fields  # placesAggregate(where: {class: ...})
    assert set(query.fields["search"].args) == {"text", "types", "first", "asOf"}
    assert set(query.fields["path"].args) == {"from", "to", "maxHops", "includeMentions", "asOf"}
    assert set(query.fields["profile"].args) == {"id", "asOf"}
    assert set(query.fields["incidentsAggregate"].args) == {"where", "groupBy", "of", "asOf"}
    assert set(query.fields["themesAggregate"].args) == {"of", "asOf"}  # nothing to group by
    aggregate = schema.get_type("IncidentAggregate")
    assert isinstance(aggregate, GraphQLObjectType)
    assert set(aggregate.fields) == {"count", "suppressed", "min", "max", "avg", "sum", "groups"}
    group = schema.get_type("IncidentGroup")
    assert isinstance(group, GraphQLObjectType)
    assert str(group.fields["count"].type) == "Int" and str(group.fields["suppressed"].type) == (
        "Boolean!"
    )
    assert str(schema.get_type("IncidentGroupKey").fields["year"].type) == "Int"  # type: ignore[union-attr]
    assert str(schema.get_type("PlaceProfile").fields["parents"].type) == "[Place!]!"  # type: ignore[union-attr]


def test_secondary_suppression_leaves_no_line_with_one_hidden_cell() -> None:
    from gql.aggregates import secondary_suppression

    # one key: a single small group would be total minus the others
    assert secondary_suppression([(["a"], 10), (["b"], 3), (["c"], 7), (["d"], 20)]) == {2}
    assert secondary_suppression([(["a"], 10), (["b"], 3), (["c"], 2)]) == set()
    assert secondary_suppression([(["a"], 10), (["b"], 12)]) == set()
    # two keys: every row, every column and the whole table keep 0 or at least 2 hidden
    cells = [
        ([{"id": "t1"}, "d1"], 9),
        ([{"id": "t1"}, "d2"], 2),
        ([{"id": "t1"}, "d3"], 30),
        ([{"id": "t2"}, "d1"], 8),
        ([{"id": "t2"}, "d2"], 40),
        ([{"id": "t2"}, "d3"], 6),
    ]
    extra = secondary_suppression(cells)
    hidden = extra | {1}
    for j in (0, 1):
        lines: dict[str, list[int]] = {}
        for i, (key, _) in enumerate(cells):
            rest = [v if isinstance(v, str) else v["id"] for n, v in enumerate(key) if n != j]
            lines.setdefault(repr(rest), []).append(i)
        for line in lines.values():
            assert len([i for i in line if i in hidden]) != 1, (line, hidden)
    assert extra and len(hidden) < len(cells)  # something more, but not the whole table
