"""Shared by the generated artefacts: vocabularies, palette, alignments, the class tree."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from rdflib import OWL, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ontology.model import (
    ST,
    OntologyClass,
    OntologyModel,
)

STYLE_PATH = "/neo4j/style.grass"
GUIDE_PATH = "/neo4j/guide.html"
REFERENCE_PATH = "/ontology"
FILES = {"reference": "ontology.html", "style": "style.grass", "guide": "guide.html"}

NAME_PROPERTY = "name"
ID_PROPERTY = "id"
BROADER = "BROADER"
NAMING_TERMS = frozenset(
    {str(RDFS.label), str(SKOS.prefLabel), str(DCTERMS.title), "https://schema.org/name"}
)
RESULT_TERMS = frozenset({"http://www.w3.org/ns/sosa/hasSimpleResult"})
IDENTIFIER_TERMS = frozenset({str(DCTERMS.identifier)})

# Well separated base colours for the top classes; subclasses get shades of their top class.
PALETTE = (
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#E15759",
    "#76B7B2",
    "#EDC948",
    "#B07AA1",
    "#FF9DA7",
    "#9C755F",
    "#17BECF",
    "#BCBD22",
    "#6B5B95",
)
HUE_STEP, LIGHTNESS_STEP, SATURATION_STEP = 0.03, 0.09, 0.35
MIN_DIAMETER, MAX_DIAMETER = 40, 80
DARK_TEXT, LIGHT_TEXT = "#2A2C34", "#FFFFFF"
DEFAULT_NODE = {
    "diameter": "50px",
    "color": "#A5ABB6",
    "border-color": "#9AA1AC",
    "border-width": "2px",
    "text-color-internal": LIGHT_TEXT,
    "font-size": "10px",
}
DEFAULT_RELATIONSHIP = {
    "color": "#A5ABB6",
    "shaft-width": "1px",
    "font-size": "8px",
    "padding": "3px",
    "text-color-external": "#000000",
    "text-color-internal": LIGHT_TEXT,
    "caption": "'<type>'",
}

# Names of the public vocabularies the ontology aligns with, by namespace.
VOCABULARIES = {
    "http://www.opengis.net/ont/geosparql#": "GeoSPARQL",
    "http://www.w3.org/ns/org#": "W3C ORG",
    "http://www.w3.org/ns/prov#": "PROV-O",
    "http://www.w3.org/ns/sosa/": "SOSA",
    "http://www.w3.org/ns/ssn/": "SSN",
    "http://purl.org/linked-data/cube#": "RDF Data Cube",
    "https://saref.etsi.org/saref4city/": "SAREF4CITY",
    "https://saref.etsi.org/core/": "SAREF",
    "https://schema.org/": "schema.org",
    "http://schema.org/": "schema.org",
    "http://www.w3.org/2006/time#": "OWL-Time",
    "http://www.w3.org/2004/02/skos/core#": "SKOS",
    "http://xmlns.com/foaf/0.1/": "FOAF",
    "http://purl.org/dc/terms/": "Dublin Core",
    "http://www.w3.org/ns/dcat#": "DCAT",
    "http://www.w3.org/ns/oa#": "Web Annotation",
    "http://www.w3.org/2006/vcard/ns#": "vCard",
    "http://purl.org/linked-data/sdmx/2009/attribute#": "SDMX",
    "http://purl.org/linked-data/sdmx/2009/measure#": "SDMX",
    "http://purl.org/linked-data/sdmx/2009/dimension#": "SDMX",
    "http://www.w3.org/2000/01/rdf-schema#": "RDF Schema",
    "http://www.w3.org/2002/07/owl#": "OWL",
}
ALIGNMENT_PREDICATES = (
    (RDFS.subClassOf, "subclass of"),
    (OWL.equivalentClass, "equivalent to"),
    (RDFS.subPropertyOf, "subproperty of"),
    (OWL.equivalentProperty, "equivalent to"),
    (SKOS.exactMatch, "exact match"),
    (SKOS.closeMatch, "close match"),
    (SKOS.broadMatch, "broad match"),
    (SKOS.narrowMatch, "narrow match"),
    (SKOS.relatedMatch, "related match"),
    (OWL.disjointWith, "disjoint with"),
)


# ------------------------------------------------------------------ hierarchy helpers


def class_tree(model: OntologyModel) -> list[tuple[OntologyClass, int]]:
    """Every class with its depth, parents before children, siblings by label."""
    children: dict[str | None, list[str]] = {}
    for cls in model.classes.values():
        children.setdefault(cls.parent, []).append(cls.label)

    def walk(parent: str | None, depth: int) -> Iterator[tuple[OntologyClass, int]]:
        for label in sorted(children.get(parent, [])):
            yield model.classes[label], depth
            yield from walk(label, depth + 1)

    return list(walk(None, 0))


def _children(model: OntologyModel, label: str | None) -> list[str]:
    return sorted(c.label for c in model.classes.values() if c.parent == label)


def _english(labels: dict[str, str], fallback: str) -> str:
    return labels.get("en") or next(iter(labels.values()), fallback)


def _e(text: object) -> str:
    """Escape text for HTML (attributes included)."""
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Alignment:
    """A link from an ontology term to a term of another vocabulary."""

    relation: str
    iri: str
    curie: str
    vocabulary: str


def vocabulary_of(iri: str) -> str:
    """The public vocabulary an IRI belongs to (its host name when unknown)."""
    for namespace, name in VOCABULARIES.items():
        if iri.startswith(namespace):
            return name
    return urlsplit(iri).hostname or iri


def alignments(graph: Graph, iri: str) -> list[Alignment]:
    """External superclasses, equivalents, matches and disjointness of one term."""
    found = []
    for predicate, relation in ALIGNMENT_PREDICATES:
        for obj in sorted(graph.objects(URIRef(iri), predicate), key=str):
            if not isinstance(obj, URIRef) or str(obj).startswith(str(ST)):
                continue
            found.append(
                Alignment(
                    relation=relation,
                    iri=str(obj),
                    curie=graph.namespace_manager.normalizeUri(obj),
                    vocabulary=vocabulary_of(str(obj)),
                )
            )
    return found
