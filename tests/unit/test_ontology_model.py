"""The ontology loads into a model that drives the rest, and broken ontologies fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest

from ontology.model import LANGUAGES, OntologyError, load_model

CORE_CLASSES = {
    "Place",
    "Municipality",
    "District",
    "Neighbourhood",
    "Area",
    "Street",
    "Facility",
    "Stakeholder",
    "Programme",
    "Incident",
    "IncidentType",
    "Indicator",
    "Observation",
    "Document",
}
CORE_RELATIONSHIPS = {
    "PART_OF",
    "ADJACENT_TO",
    "LOCATED_IN",
    "OCCURRED_IN",
    "OF_TYPE",
    "TARGETS",
    "ADDRESSES",
    "RUNS",
    "PARTNER_IN",
    "OPERATES",
    "ACTIVE_IN",
    "MEASURES",
    "ABOUT",
    "MENTIONS",
}
PREFIXES = """
@prefix st: <https://w3id.org/social-twin/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


def test_core_classes_and_relationships_of_design() -> None:
    model = load_model()
    assert set(model.classes) >= CORE_CLASSES
    assert set(model.relationships) >= CORE_RELATIONSHIPS
    assert model.version == "0.2.0"


def test_every_class_and_relationship_has_three_labels() -> None:
    model = load_model()
    for cls in model.classes.values():
        assert set(cls.labels) == set(LANGUAGES), cls.label
    for rel in model.relationships.values():
        assert set(rel.labels) == set(LANGUAGES), rel.type


def test_hierarchy_and_plurals() -> None:
    model = load_model()
    assert model.lineage("Neighbourhood") == ("Neighbourhood", "Place")
    assert model.node_labels("Stakeholder") == ["Stakeholder"]
    assert model.cls("Place").abstract
    assert "Place" not in {c.label for c in model.concrete_classes}
    plurals = {c.label: c.plural for c in model.classes.values()}
    assert plurals["Neighbourhood"] == "neighbourhoods"
    assert plurals["Facility"] == "facilities"
    assert plurals["IncidentType"] == "incidentTypes"
    assert model.rel("PART_OF").domain == "Place"
    assert model.rel("MEASURES").range == "Indicator"


def test_unknown_names_raise_with_the_known_ones() -> None:
    model = load_model()
    with pytest.raises(KeyError, match="Neighbourhood"):
        model.cls("Neighborhood")
    with pytest.raises(KeyError, match="PART_OF"):
        model.rel("PARTOF")


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "broken.ttl"
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


def test_unsafe_label_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path, 'st:X a owl:Class ; st:neo4jLabel "X) DETACH DELETE (n" ; st:graphqlPlural "xs" .'
    )
    with pytest.raises(OntologyError, match="not a valid identifier"):
        load_model(path)


def test_hierarchy_cycle_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
st:A a owl:Class ; rdfs:subClassOf st:B ; st:neo4jLabel "A" ; st:graphqlPlural "as" .
st:B a owl:Class ; rdfs:subClassOf st:A ; st:neo4jLabel "B" ; st:graphqlPlural "bs" .""",
    )
    with pytest.raises(OntologyError, match="cycle"):
        load_model(path)


def test_labels_and_plurals_default_from_the_local_name(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
st:Playground a owl:Class .
st:Facility a owl:Class .
st:Bus a owl:Class .""",
    )
    model = load_model(path)
    assert {c.label: c.plural for c in model.classes.values()} == {
        "Bus": "buses",
        "Facility": "facilities",
        "Playground": "playgrounds",
    }


def test_shared_plural_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'st:A a owl:Class ; st:graphqlPlural "xs" .\nst:B a owl:Class ; st:graphqlPlural "xs" .',
    )
    with pytest.raises(OntologyError, match="share the plural"):
        load_model(path)


def test_concepts_get_ids_labels_and_values() -> None:
    model = load_model()
    burglary = model.concepts["indicator:burglary-per-1000"]
    assert burglary.cls == "Indicator"
    assert set(burglary.labels) == set(LANGUAGES)
    assert burglary.values["cbsColumn"] == "burglary_per_1000"
    assert burglary.values["referencePeriod"] == "2018"


def test_unparsable_turtle_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "st:A a owl:Class ; ;; this is not turtle")
    with pytest.raises(OntologyError, match="broken.ttl"):
        load_model(path)
