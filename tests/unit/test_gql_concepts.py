"""Enums from the ontology's concept schemes (gql.concepts) and the concept filter."""

from __future__ import annotations

import pytest

from gql.concepts import member_name, scheme_enum, schemes
from gql.filters import FilterError, compile_where, filter_spec
from ontology import OntologyModel


def test_every_scheme_of_one_class_becomes_an_enum(model: OntologyModel) -> None:
    found = schemes(model)
    assert {cls: s.name for cls, s in found.items()} == {
        "CptedPrinciple": "CptedScheme",
        "IncidentType": "IncidentTypeScheme",
        "Indicator": "IndicatorScheme",
        "Theme": "ThemeScheme",
    }
    incident_types = found["IncidentType"]
    ids = {c.id for c in model.concepts.values() if c.scheme == "IncidentTypeScheme"}
    assert set(incident_types.members.values()) == ids
    assert incident_types.members["EXPLOSION"] == "incident-type:explosion"
    assert incident_types.descriptions["EXPLOSION"].startswith("explosion")


@pytest.mark.parametrize(
    ("concept_id", "member"),
    [
        ("incident-type:explosion", "EXPLOSION"),
        ("indicator:burglary-per-1000", "BURGLARY_PER_1000"),
        ("theme:social-cohesion", "SOCIAL_COHESION"),
        ("indicator:18-plus", "C_18_PLUS"),
    ],
)
def test_member_names(concept_id: str, member: str) -> None:
    assert member_name(concept_id) == member


def test_the_enum_values_are_concept_ids(model: OntologyModel) -> None:
    enum = scheme_enum(schemes(model)["Theme"])
    assert enum["SAFETY"].value == "theme:safety"


def test_the_concept_filter_compiles_to_ids(model: OntologyModel) -> None:
    spec = filter_spec(model)
    assert spec.of("IncidentType").concept and not spec.of("Neighbourhood").concept
    cond, params = compile_where(
        spec, "IncidentType", {"concept": {"in": ["incident-type:arson"], "eq": None}}
    )
    assert cond == "n.id IN $w0" and params == {"w0": ["incident-type:arson"]}
    with pytest.raises(FilterError, match="no operator 'contains'"):
        compile_where(spec, "IncidentType", {"concept": {"contains": "x"}})
    with pytest.raises(FilterError, match="cannot be filtered on 'concept'"):
        compile_where(spec, "Neighbourhood", {"concept": {"eq": "x"}})
