"""The ontology's content: facility types, stakeholder kinds, themes, incident types,
indicators, CPTED principles, provenance, labels in three languages, and no persons."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from rdflib import OWL, RDFS, URIRef

from ontology.model import (
    LANGUAGES,
    ONTOLOGY_IRI,
    Concept,
    OntologyModel,
    bundled_graph,
    load_model,
    local_name,
)

FACILITY_TYPES = {
    "CommunityCentre",
    "School",
    "PoliceStation",
    "SafetyHouse",
    "YouthHub",
    "Park",
    "Playground",
    "SportsFacility",
    "HealthCentre",
    "Station",
    "ShoppingArea",
    "HousingComplex",
    "ReligiousBuilding",
    "Library",
    "NightlifeVenue",
}
STAKEHOLDER_KINDS = {
    "LocalGovernment",
    "Police",
    "JusticeOrganisation",
    "YouthCareProvider",
    "NeighbourhoodTeam",
    "HousingCorporation",
    "TenantOrganisation",
    "ResidentsAssociation",
    "SchoolBoard",
    "ResearchInstitute",
    "Business",
    "Foundation",
    "Partnership",
    "StatisticsOffice",
}
THEMES = {
    "housing",
    "work",
    "education",
    "safety",
    "health",
    "youth",
    "poverty",
    "social-cohesion",
    "prevention",
    "enforcement",
}
CPTED_PRINCIPLES = {
    "natural-surveillance",
    "natural-access-control",
    "territorial-reinforcement",
    "maintenance",
}
CBS_INDICATORS = {
    "indicator:inhabitants": "inhabitants_2020",
    "indicator:households": "households_2020",
    "indicator:low-income-households-pct": "pct_low_income_households",
    "indicator:burglary-per-1000": "burglary_per_1000",
    "indicator:vandalism-public-order-per-1000": "vandalism_public_order_per_1000",
    "indicator:violent-sexual-offences-per-1000": "violent_sexual_offences_per_1000",
}
LEEFBAAROMETER = {
    "indicator:leefbaarometer-score",
    "indicator:leefbaarometer-housing-stock",
    "indicator:leefbaarometer-physical-environment",
    "indicator:leefbaarometer-amenities",
    "indicator:leefbaarometer-social-cohesion",
    "indicator:leefbaarometer-nuisance-insecurity",
}
BURGLARY = "incident-type:burglary"
VANDALISM = "incident-type:vandalism"
VIOLENT = "incident-type:violent-crime"
VANDALISM_INDICATOR = "indicator:vandalism-public-order-per-1000"
VIOLENT_INDICATOR = "indicator:violent-sexual-offences-per-1000"
TOP_LEVEL = {
    "Place",
    "Facility",
    "Stakeholder",
    "Programme",
    "Incident",
    "IncidentType",
    "Indicator",
    "Observation",
    "Document",
    "Theme",
    "CptedPrinciple",
    "ExtractionActivity",
    "EvidenceSpan",
}
PERSONAL_DATA = re.compile(
    r"e_?mail|phone|birth|first_?name|last_?name|person_?name|surname|given_?name|"
    r"family_?name|house_?number|home_?address",
    re.IGNORECASE,
)
FOAF_PERSON = URIRef("http://xmlns.com/foaf/0.1/Person")
SCHEMA_PERSON = URIRef("https://schema.org/Person")


@pytest.fixture(scope="module")
def model() -> OntologyModel:
    return load_model()


def _incident_types(model: OntologyModel) -> dict[str, Concept]:
    return {c.id: c for c in model.concepts_of("IncidentType")}


def _surfaces(labels: dict[str, str], alt_labels: dict[str, tuple[str, ...]]) -> set[str]:
    return {w.casefold() for w in labels.values()} | {
        w.casefold() for words in alt_labels.values() for w in words
    }


# ------------------------------------------------------------------ classes


def test_facility_types_are_labelled_subclasses_of_facility(model: OntologyModel) -> None:
    below = set(model.subclasses("Facility")) - {"Facility"}
    assert len(below) >= 15
    assert below >= FACILITY_TYPES
    for label in below:
        cls = model.cls(label)
        assert cls.parent == "Facility", label
        assert not cls.abstract and cls.mentionable, label
        assert set(cls.alt_labels) == set(LANGUAGES), label
    playground = model.cls("Playground")
    assert playground.plural == "playgrounds"
    assert playground.labels == {"nl": "speeltuin", "en": "playground", "fr": "aire de jeux"}
    assert "buurthuis" in model.cls("CommunityCentre").alt_labels["nl"]
    assert {"basisschool", "middelbare school"} <= set(model.cls("School").alt_labels["nl"])
    assert "JOP" in model.cls("YouthHub").alt_labels["nl"]


def test_stakeholder_kinds_are_organisations(model: OntologyModel) -> None:
    below = set(model.subclasses("Stakeholder")) - {"Stakeholder"}
    assert below >= STAKEHOLDER_KINDS
    assert "Municipality" not in below  # the municipality as a place is a Place
    assert model.lineage("LocalGovernment") == ("LocalGovernment", "Stakeholder")
    assert model.cls("Police").plural == "policeOrganisations"
    for label in below:
        cls = model.cls(label)
        assert set(cls.alt_labels) == set(LANGUAGES), label
        assert "Stakeholder" in model.lineage(label)


def test_every_class_has_three_labels_and_a_definition(model: OntologyModel) -> None:
    for cls in model.classes.values():
        assert set(cls.labels) == set(LANGUAGES), cls.label
        assert cls.definition, cls.label


def test_class_and_individual_names_are_unique(model: OntologyModel) -> None:
    individuals = {local_name(c.iri) for c in model.concepts.values()}
    assert not individuals & {local_name(c.iri) for c in model.classes.values()}
    assert len(individuals) == len(model.concepts)


# ------------------------------------------------------------------ relationships, properties


def test_new_relationship_types_link_the_vocabularies(model: OntologyModel) -> None:
    assert model.rel("BROADER").name == "broader"
    assert (model.rel("HAS_THEME").domain, model.rel("HAS_THEME").range) == ("Programme", "Theme")
    helps = model.rel("HELPS_PREVENT")
    assert (helps.domain, helps.range) == ("CptedPrinciple", "IncidentType")
    measured = model.rel("MEASURED_BY")
    assert (measured.domain, measured.range) == ("IncidentType", "Indicator")


def test_every_relationship_and_property_has_three_labels(model: OntologyModel) -> None:
    for rel in model.relationships.values():
        assert set(rel.labels) == set(LANGUAGES), rel.type
    for prop in model.properties.values():
        assert set(prop.labels) == set(LANGUAGES), prop.name


def test_provenance_classes_and_properties(model: OntologyModel) -> None:
    for label in ("ExtractionActivity", "EvidenceSpan"):
        cls = model.cls(label)
        assert cls.parent is None and not cls.mentionable, label
    props = model.properties
    assert (props["startOffset"].domain, props["endOffset"].domain) == (
        "EvidenceSpan",
        "EvidenceSpan",
    )
    assert (props["confidence"].domain, props["confidence"].range) == ("EvidenceSpan", "decimal")
    assert props["extractorName"].domain == "ExtractionActivity"
    assert props["extractorVersion"].domain == "ExtractionActivity"
    assert model.rel("IN_DOCUMENT").range == "Document"
    assert model.rel("GENERATED_BY").range == "ExtractionActivity"


# ------------------------------------------------------------------ concepts


def test_every_concept_has_three_labels_and_a_definition(model: OntologyModel) -> None:
    for concept in model.concepts.values():
        assert set(concept.labels) == set(LANGUAGES), concept.id
        assert concept.definition, concept.id


def test_ten_themes(model: OntologyModel) -> None:
    themes = model.concepts_of("Theme")
    assert {c.id for c in themes} == {f"theme:{name}" for name in THEMES}
    assert {c.scheme for c in themes} == {"ThemeScheme"}
    assert model.concepts["theme:social-cohesion"].labels["nl"] == "sociale samenhang"


def test_incident_types_form_a_hierarchy(model: OntologyModel) -> None:
    types = _incident_types(model)
    assert len(types) >= 25
    assert {c.scheme for c in types.values()} == {"IncidentTypeScheme"}
    narrower = [c for c in types.values() if c.links.get("BROADER")]
    assert len(narrower) >= 20
    for concept in narrower:
        assert set(concept.links["BROADER"]) <= set(types), concept.id
    for concept in types.values():  # every chain of BROADER ends at a top concept
        seen, todo = set(), [concept.id]
        while todo:
            current = todo.pop()
            assert current not in seen, f"BROADER cycle through {current}"
            seen.add(current)
            todo.extend(types[current].links.get("BROADER", ()))
    assert types["incident-type:drug-lab"].links["BROADER"] == ("incident-type:drug-production",)
    assert types["incident-type:graffiti"].links["BROADER"] == (VANDALISM,)


def test_incident_types_have_alt_labels_in_three_languages(model: OntologyModel) -> None:
    for concept in _incident_types(model).values():
        assert set(concept.alt_labels) == set(LANGUAGES), concept.id


def test_burglary_in_three_languages(model: OntologyModel) -> None:
    burglary = model.concepts[BURGLARY]
    assert burglary.labels == {"nl": "inbraak", "en": "burglary", "fr": "cambriolage"}
    assert "woninginbraak" in burglary.alt_labels["nl"]
    assert {"break-in", "break-ins"} <= set(burglary.alt_labels["en"])
    assert "cambriolages" in burglary.alt_labels["fr"]
    assert burglary.links["MEASURED_BY"] == ("indicator:burglary-per-1000",)


def test_incident_types_map_to_cbs_registered_crime(model: OntologyModel) -> None:
    types = _incident_types(model)
    for concept in types.values():
        for target in concept.links.get("MEASURED_BY", ()):
            assert target in CBS_INDICATORS, (concept.id, target)
    assert types[VANDALISM].links["MEASURED_BY"] == (VANDALISM_INDICATOR,)
    for concept in types.values():
        if VANDALISM in concept.links.get("BROADER", ()):
            assert concept.links["MEASURED_BY"] == (VANDALISM_INDICATOR,), concept.id
    assert types[VIOLENT].links["MEASURED_BY"] == (VIOLENT_INDICATOR,)
    assert types["incident-type:sexual-offence"].links["MEASURED_BY"] == (VIOLENT_INDICATOR,)


def test_indicators_cbs_leefbaarometer_and_veiligheidsmonitor(model: OntologyModel) -> None:
    indicators = {c.id: c for c in model.concepts_of("Indicator")}
    seeded = {i: c.values["cbsColumn"] for i, c in indicators.items() if "cbsColumn" in c.values}
    assert seeded == CBS_INDICATORS
    assert set(indicators) >= LEEFBAAROMETER
    for indicator_id in LEEFBAAROMETER:
        assert indicators[indicator_id].values["publisher"] == "BZK"
    monitor = {i: c for i, c in indicators.items() if i.startswith("indicator:veiligheidsmonitor-")}
    assert len(monitor) >= 8
    assert "indicator:veiligheidsmonitor-feeling-unsafe" in monitor
    assert {c.values["publisher"] for c in monitor.values()} == {"CBS"}
    for concept in indicators.values():
        assert concept.values.get("unit"), concept.id


def test_four_cpted_principles_prevent_incident_types(model: OntologyModel) -> None:
    principles = {c.id: c for c in model.concepts_of("CptedPrinciple")}
    assert set(principles) == {f"cpted-principle:{name}" for name in CPTED_PRINCIPLES}
    types = _incident_types(model)
    for concept in principles.values():
        prevents = concept.links.get("HELPS_PREVENT", ())
        assert prevents, concept.id
        assert set(prevents) <= set(types), concept.id
    surveillance = principles["cpted-principle:natural-surveillance"]
    assert surveillance.labels["nl"] == "natuurlijk toezicht"
    assert BURGLARY in surveillance.links["HELPS_PREVENT"]


def test_words_for_the_extractor_name_one_thing_each(model: OntologyModel) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for concept in model.concepts.values():
        if model.cls(concept.cls).mentionable:
            for word in _surfaces(concept.labels, concept.alt_labels):
                owners[word].add(concept.id)
    for cls in model.classes.values():
        if cls.mentionable and not cls.abstract:
            for word in _surfaces(cls.labels, cls.alt_labels):
                owners[word].add(f"class:{cls.label}")
    shared = {word: ids for word, ids in owners.items() if len(ids) > 1}
    assert not shared


# ------------------------------------------------------------------ no persons


def test_no_property_can_hold_personal_data(model: OntologyModel) -> None:
    names = [p.name for p in model.properties.values()] + [
        r.name for r in model.relationships.values()
    ]
    assert not [name for name in names if PERSONAL_DATA.search(name)]


def test_top_level_classes_are_disjoint_with_persons(model: OntologyModel) -> None:
    graph = bundled_graph()
    top = {c.label for c in model.classes.values() if c.parent is None}
    assert top >= TOP_LEVEL  # a new top-level class must be disjoint with persons too
    for label in top:
        iri = URIRef(model.cls(label).iri)
        disjoint = set(graph.objects(iri, OWL.disjointWith))
        assert {FOAF_PERSON, SCHEMA_PERSON} <= disjoint, label
    comments = " ".join(str(c) for c in graph.objects(ONTOLOGY_IRI, RDFS.comment))
    assert "person" in comments.lower()
