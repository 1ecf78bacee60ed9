# ruff: noqa: E501  (expected Cypher strings are compared whole)
"""The where/sort compiler (gql.filters): Cypher text and parameters, without Neo4j."""

from __future__ import annotations

from typing import Any

import pytest

from gql.filters import (
    ENTITY,
    MAX_DEPTH,
    ClassFilters,
    Cursor,
    FilterError,
    FilterSpec,
    SortKey,
    compile_sort,
    compile_where,
    filter_spec,
    keyset_after,
    relation_fields,
    within_types,
)
from ontology import OntologyModel, load_model

EVIL = [
    "') OR 1=1 //",
    '"}]->(x) DETACH DELETE x',
    "x` DETACH DELETE n //",
    "$limit } MATCH (m) DETACH DELETE m",
    "MATCH (n) DETACH DELETE n",
]


@pytest.fixture(scope="module")
def model() -> OntologyModel:
    return load_model()


@pytest.fixture(scope="module")
def spec(model: OntologyModel) -> FilterSpec:
    return filter_spec(model)


def where(spec: FilterSpec, label: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return compile_where(spec, label, data)


# ------------------------------------------------------------------ derived from the ontology


def test_within_follows_the_locating_properties_of_the_ontology(
    model: OntologyModel, spec: FilterSpec
) -> None:
    assert within_types(model) == (
        "ABOUT",
        "ACTIVE_IN",
        "LOCATED_IN",
        "OCCURRED_IN",
        "PART_OF",
        "TARGETS",
    )
    assert spec.within_label == "Place"
    locatable = {name for name, c in spec.classes.items() if c.locatable}
    assert {"Neighbourhood", "District", "Place", "Observation", "Facility", "School"} <= locatable
    assert {"Incident", "Programme", "Stakeholder", "Police"} <= locatable
    assert not {"Document", "Indicator", "IncidentType", ENTITY} & locatable


def test_relationship_fields_cover_outgoing_navigation_incoming_and_documents(
    model: OntologyModel,
) -> None:
    neighbourhood = relation_fields(model, "Neighbourhood")
    assert {"documents", "partOf", "district", "observations", "streets"} <= set(neighbourhood)
    assert neighbourhood["district"].single and neighbourhood["district"].outgoing
    assert neighbourhood["observations"].type == "ABOUT"
    assert not neighbourhood["observations"].outgoing
    programme = relation_fields(model, "Programme")
    partners = programme["stakeholdersViaPartnerIn"]
    assert (partners.type, partners.outgoing, partners.target) == (
        "PARTNER_IN",
        False,
        "Stakeholder",
    )
    assert {"targets", "addresses", "hasTheme", "stakeholdersViaRuns"} <= set(programme)
    document = relation_fields(model, "Document")
    assert document["mentions"].target is None and not document["mentions"].typed
    assert document["documents"].type == "MENTIONS"
    assert relation_fields(model, "Indicator")["observations"].type == "MEASURES"


def test_properties_are_typed_by_range_and_single_valued(spec: FilterSpec) -> None:
    obs = spec.of("Observation").properties
    assert obs["value"] == "float" and obs["period"] == "string" and obs["id"] == "string"
    assert obs["firstSeen"] == "datetime"
    assert spec.of("Document").properties["words"] == "int"
    assert "aliases" not in spec.of("Neighbourhood").properties  # multi-valued
    assert "Stakeholder" in spec.of("Stakeholder").typenames
    assert "Police" in spec.of("Stakeholder").typenames
    assert spec.of("Neighbourhood").typenames == ()


# ------------------------------------------------------------------ operators


@pytest.mark.parametrize(
    ("op", "value", "cypher"),
    [
        ("eq", "Terschuren", "n.name = $w0"),
        ("in", ["a", "b"], "n.name IN $w0"),
        ("contains", "gewand", "toLower(n.name) CONTAINS toLower($w0)"),
        ("startsWith", "Ter", "n.name STARTS WITH $w0"),
        ("endsWith", "ren", "n.name ENDS WITH $w0"),
    ],
)
def test_string_operators(spec: FilterSpec, op: str, value: Any, cypher: str) -> None:
    assert where(spec, "Neighbourhood", {"name": {op: value}}) == (cypher, {"w0": value})


@pytest.mark.parametrize(
    ("op", "value", "cypher"),
    [
        ("eq", 3460.0, "n.value = $w0"),
        ("in", [1, 2.5], "n.value IN $w0"),
        ("gt", 100, "n.value > $w0"),
        ("gte", 100, "n.value >= $w0"),
        ("lt", 5.5, "n.value < $w0"),
        ("lte", 0, "n.value <= $w0"),
    ],
)
def test_number_operators(spec: FilterSpec, op: str, value: Any, cypher: str) -> None:
    assert where(spec, "Observation", {"value": {op: value}}) == (cypher, {"w0": value})


def test_dates_booleans_and_several_operators(spec: FilterSpec) -> None:
    cypher, params = where(
        spec, "Observation", {"firstSeen": {"gte": "2024-01-01", "lt": "2025-01-01T00:00:00Z"}}
    )
    assert cypher == "(n.firstSeen >= datetime($w0)) AND (n.firstSeen < datetime($w1))"
    assert params == {"w0": "2024-01-01", "w1": "2025-01-01T00:00:00Z"}
    cypher, _ = where(spec, "Observation", {"firstSeen": {"in": ["2024-01-01"]}})
    assert cypher == "n.firstSeen IN [x IN $w0 | datetime(x)]"
    with pytest.raises(FilterError, match="needs a datetime value"):
        where(spec, "Observation", {"firstSeen": {"gt": "yesterday"}})
    with pytest.raises(FilterError, match="has no operator 'contains'"):
        where(spec, "Observation", {"value": {"contains": "1"}})
    with pytest.raises(FilterError, match="needs a float value"):
        where(spec, "Observation", {"value": {"gt": "100"}})
    with pytest.raises(FilterError, match="needs a int value"):
        where(spec, "Document", {"words": {"gt": 1.5}})
    with pytest.raises(FilterError, match="cannot be filtered on 'secret'"):
        where(spec, "Observation", {"secret": {"eq": 1}})


def test_booleans_take_eq_only() -> None:
    spec = FilterSpec(
        classes={"Thing": ClassFilters("Thing", "Thing", {"open": "boolean"}, {})},
    )
    assert compile_where(spec, "Thing", {"open": {"eq": False}}) == ("n.open = $w0", {"w0": False})
    with pytest.raises(FilterError, match="has no operator 'gt'"):
        compile_where(spec, "Thing", {"open": {"gt": True}})
    with pytest.raises(FilterError, match="needs a boolean value"):
        compile_where(spec, "Thing", {"open": {"eq": "yes"}})
    with pytest.raises(FilterError, match="cannot be filtered on 'within'"):
        compile_where(spec, "Thing", {"within": "GM0917"})  # not locatable


def test_null_operands_and_empty_filters_add_nothing(spec: FilterSpec) -> None:
    assert where(spec, "Neighbourhood", {}) == ("", {})
    assert where(spec, "Neighbourhood", {"name": {"eq": None}, "AND": []}) == ("", {})
    assert where(spec, "Neighbourhood", {"OR": []}) == ("false", {})
    assert where(spec, "Neighbourhood", {"NOT": {}}) == ("NOT (true)", {})


def test_and_or_not(spec: FilterSpec) -> None:
    cypher, params = where(
        spec,
        "Observation",
        {
            "OR": [{"value": {"gt": 1000}}, {"NOT": {"period": {"eq": "2020"}}}],
            "AND": [{"unit": {"eq": "count"}}, {"id": {"startsWith": "observation:"}}],
        },
    )
    assert cypher == (
        "((n.value > $w0) OR (NOT (n.period = $w1))) AND "
        "((n.unit = $w2) AND (n.id STARTS WITH $w3))"
    )
    assert params == {"w0": 1000, "w1": "2020", "w2": "count", "w3": "observation:"}


def test_relationship_filters(spec: FilterSpec) -> None:
    some, params = where(spec, "Neighbourhood", {"district": {"some": {"name": {"eq": "Hrl"}}}})
    assert (
        some
        == "EXISTS { MATCH (n)-[w_1_r:PART_OF WHERE w_1_r.rejected IS NULL]->(w_1:District) WHERE w_1.name = $w0 }"
    )
    assert params == {"w0": "Hrl"}
    none, _ = where(spec, "Neighbourhood", {"observations": {"none": {"value": {"gt": 5}}}})
    assert none == (
        "NOT EXISTS { MATCH (n)<-[w_1_r:ABOUT WHERE w_1_r.rejected IS NULL]-(w_1:Observation) WHERE w_1.value > $w0 }"
    )
    every, _ = where(spec, "District", {"neighbourhoods": {"all": {"name": {"contains": "a"}}}})
    assert every == (
        "NOT EXISTS { MATCH (n)<-[w_1_r:PART_OF WHERE w_1_r.rejected IS NULL]-(w_1:Neighbourhood) "
        "WHERE NOT (toLower(w_1.name) CONTAINS toLower($w0)) }"
    )
    anything, _ = where(spec, "Programme", {"stakeholdersViaPartnerIn": {"some": {}}})
    assert (
        anything
        == "EXISTS { MATCH (n)<-[w_1_r:PARTNER_IN WHERE w_1_r.rejected IS NULL]-(w_1:Stakeholder) }"
    )
    assert where(spec, "Programme", {"targets": {"all": {}}}) == ("", {})
    with pytest.raises(FilterError, match="no operator 'single'"):
        where(spec, "Programme", {"targets": {"single": {}}})


def test_neighbourhoods_where_a_mentioning_document_mentions_explosions(spec: FilterSpec) -> None:
    cypher, params = where(
        spec,
        "Neighbourhood",
        {
            "documents": {
                "some": {
                    "mentions": {
                        "some": {
                            "typename": ["IncidentType"],
                            "name": {"contains": "explosion"},
                        }
                    }
                }
            }
        },
    )
    assert cypher == (
        "EXISTS { MATCH (n)<-[w_1_r:MENTIONS WHERE w_1_r.rejected IS NULL]-(w_1:Document) WHERE EXISTS { MATCH "
        "(w_1)-[w_2_r:MENTIONS WHERE w_2_r.rejected IS NULL]->(w_2) WHERE (any(l IN labels(w_2) WHERE l IN $w0)) AND "
        "(toLower(w_2.name) CONTAINS toLower($w1)) } }"
    )
    assert params == {"w0": ["IncidentType"], "w1": "explosion"}
    with pytest.raises(FilterError, match="typename of Stakeholder cannot be"):
        where(spec, "Stakeholder", {"typename": ["Neighbourhood"]})


def test_within_a_place(spec: FilterSpec) -> None:
    cypher, params = where(spec, "Observation", {"within": "WK091710"})
    assert cypher == (
        "EXISTS { MATCH (n)(()-[w_2]->() WHERE type(w_2) IN $w1 AND w_2.rejected IS NULL){0,6}(w_1:Place) "
        "WHERE w_1.id = $w0 OR EXISTS { MATCH (w_3:Area {id: $w0})-[w_4:COVERS]->(w_1) "
        "WHERE w_4.rejected IS NULL } }"
    )  # or an informal area that covers a place it reaches
    assert params == {"w0": "WK091710", "w1": list(spec.within_types)}
    with pytest.raises(FilterError, match="cannot be filtered on 'within'"):
        where(spec, "Document", {"within": "GM0917"})
    with pytest.raises(FilterError, match="within takes"):
        where(spec, "Neighbourhood", {"within": ""})


def test_nesting_depth_is_limited(spec: FilterSpec) -> None:
    data: dict[str, Any] = {"name": {"eq": "x"}}
    for _ in range(MAX_DEPTH - 1):
        data = {"NOT": data}
    where(spec, "Neighbourhood", data)  # exactly the limit
    with pytest.raises(FilterError, match=f"nested too deeply: at most {MAX_DEPTH}"):
        where(spec, "Neighbourhood", {"AND": [data]})
    deep: dict[str, Any] = {}
    for _ in range(MAX_DEPTH):
        deep = {"partOf": {"some": deep}}
    with pytest.raises(FilterError, match="nested too deeply"):
        where(spec, "Neighbourhood", deep)


def test_the_number_of_conditions_is_limited(spec: FilterSpec) -> None:
    with pytest.raises(FilterError, match="too many conditions"):
        where(spec, "Neighbourhood", {"OR": [{"name": {"eq": str(i)}} for i in range(101)]})


@pytest.mark.parametrize("evil", EVIL)
def test_injection_strings_stay_parameters(spec: FilterSpec, evil: str) -> None:
    data = {
        "name": {"eq": evil, "in": [evil], "contains": evil, "startsWith": evil},
        "within": evil,
        "OR": [{"code": {"endsWith": evil}}],
        "documents": {"some": {"mentions": {"none": {"id": {"eq": evil}}}}},
    }
    cypher, params = where(spec, "Neighbourhood", data)
    assert evil not in cypher
    assert "DETACH" not in cypher and "1=1" not in cypher
    assert sum(evil in (v if isinstance(v, list) else [v]) for v in params.values()) == 7
    keys, sort_params = compile_sort(
        spec,
        "Neighbourhood",
        [{"related": {"observations": {"field": "value", "where": {"period": {"eq": evil}}}}}],
    )
    assert evil not in keys[0].expression and sort_params == {"s0": evil}


def test_names_outside_the_ontology_are_refused(spec: FilterSpec) -> None:
    for bad in ["name) DETACH DELETE n //", "n.name", "labels"]:
        with pytest.raises(FilterError):
            where(spec, "Neighbourhood", {bad: {"eq": 1}})
        with pytest.raises(FilterError):
            compile_sort(spec, "Neighbourhood", [{"field": bad}])
        with pytest.raises(FilterError):
            compile_sort(spec, "Neighbourhood", [{"count": bad}])
    with pytest.raises(FilterError, match="no filters for class"):
        where(spec, "Person", {})


# ------------------------------------------------------------------ sort


def test_sort_by_field_count_and_aggregate(spec: FilterSpec) -> None:
    keys, params = compile_sort(
        spec,
        "Neighbourhood",
        [
            {"field": "name", "direction": "DESC"},
            {"count": "documents", "direction": "DESC"},
            {
                "related": {
                    "observations": {
                        "field": "value",
                        "function": "MAX",
                        "where": {"indicator": {"some": {"id": {"eq": "indicator:inhabitants"}}}},
                    }
                }
            },
        ],
    )
    assert keys[0] == SortKey("n.name", "DESC")
    assert keys[1] == SortKey(
        "COUNT { MATCH (n)<-[s_1_r:MENTIONS WHERE s_1_r.rejected IS NULL]-(s_1:Document) RETURN DISTINCT s_1 }",
        "DESC",
    )
    assert keys[2] == SortKey(
        "COLLECT { MATCH (n)<-[s_2_r:ABOUT WHERE s_2_r.rejected IS NULL]-(s_2:Observation) WHERE (EXISTS { MATCH "
        "(s_2)-[s_3_r:MEASURES WHERE s_3_r.rejected IS NULL]->(s_3:Indicator) WHERE s_3.id = $s0 }) AND s_2.value IS NOT NULL "
        "WITH DISTINCT s_2 RETURN max(s_2.value) AS v }[0]",
        "ASC",
    )
    assert params == {"s0": "indicator:inhabitants"}
    keys, _ = compile_sort(spec, "Programme", [{"count": "stakeholdersViaPartnerIn"}])
    assert keys[0].expression == (
        "COUNT { MATCH (n)<-[s_1_r:PARTNER_IN WHERE s_1_r.rejected IS NULL]-(s_1:Stakeholder) RETURN DISTINCT s_1 }"
    )
    keys, _ = compile_sort(
        spec, "District", [{"related": {"neighbourhoods": {"where": {"name": {"eq": "x"}}}}}]
    )
    assert keys[0].expression == (
        "COUNT { MATCH (n)<-[s_1_r:PART_OF WHERE s_1_r.rejected IS NULL]-(s_1:Neighbourhood) WHERE (s_1.name = $s0) "
        "RETURN DISTINCT s_1 }"
    )


def test_bad_sort_keys_are_clear_errors(spec: FilterSpec) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"field": "name", "count": "documents"}, "exactly one of"),
        ({}, "exactly one of"),
        ({"field": "name", "direction": "SIDEWAYS"}, "ASC or DESC"),
        ({"related": {"observations": {"field": "period", "function": "SUM"}}}, "numeric"),
        ({"related": {"observations": {"function": "AVG"}}}, "needs a field"),
        ({"related": {"observations": {"field": "value", "function": "MEDIAN"}}}, "unknown"),
        ({"related": {"observations": {"field": "nope"}}}, "no sortable field"),
        ({"related": {}}, "exactly one relationship"),
        ({"count": "nope"}, "no relationship field"),
    ]
    for key, message in cases:
        with pytest.raises(FilterError, match=message):
            compile_sort(spec, "Neighbourhood", [key])


# ------------------------------------------------------------------ keyset cursors


def test_keyset_condition_puts_missing_values_last() -> None:
    keys = [SortKey("n.value", "DESC"), SortKey("n.name", "ASC")]
    cypher, params = keyset_after(keys, Cursor("sig", (3460.0, "Maria"), "BU1"))
    assert cypher == (
        "((r.k[0] IS NULL OR r.k[0] < $c0)) OR "
        "(r.k[0] = $c0 AND (r.k[1] IS NULL OR r.k[1] > $c1)) OR "
        "(r.k[0] = $c0 AND r.k[1] = $c1 AND r.id > $c2)"
    )
    assert params == {"c0": 3460.0, "c1": "Maria", "c2": "BU1"}
    cypher, params = keyset_after(keys, Cursor("sig", (None, "Maria"), "BU1"))
    assert cypher == (
        "(r.k[0] IS NULL AND (r.k[1] IS NULL OR r.k[1] > $c0)) OR "
        "(r.k[0] IS NULL AND r.k[1] = $c0 AND r.id > $c1)"
    )
    cypher, params = keyset_after([], Cursor("sig", (), "BU1"))
    assert (cypher, params) == ("(r.id > $c0)", {"c0": "BU1"})
    cypher, params = keyset_after(
        [SortKey("n.firstSeen", "ASC")],
        Cursor("sig", ({"t": "datetime", "v": "2026-01-01T00:00:00Z"},), "x"),
    )
    assert "r.k[0] > datetime($c0)" in cypher and params["c0"] == "2026-01-01T00:00:00Z"
    with pytest.raises(FilterError, match="another sort"):
        keyset_after(keys, Cursor("sig", (1,), "x"))
