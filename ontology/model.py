"""Load the Turtle ontology with rdflib into one immutable in-memory model.

Every other package (graph schema, GraphQL, extraction, seeding) asks this model for labels,
relationship types and class hierarchies instead of spelling them out as string literals.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

ST = Namespace("https://w3id.org/social-twin/ontology#")
LANGUAGES = ("nl", "en", "fr")
DEFAULT_SOURCE = "social_twin.ttl"


class OntologyError(ValueError):
    """The ontology file is unreadable or lacks something the twin needs."""


@dataclass(frozen=True)
class OntologyClass:
    """One class of the ontology as the rest of the twin sees it.

    Attributes:
        iri: the class IRI.
        label: the Neo4j node label (also the GraphQL type name).
        plural: the GraphQL root connection field (lower-camel plural).
        labels: human labels by language code (nl, en, fr).
        definition: the English definition, if any.
        parent: the Neo4j label of the direct superclass inside the ontology, if any.
        abstract: True for classes that only group others and get no nodes of their own.
        mentionable: False for classes that documents do not name (indicators, documents).
    """

    iri: str
    label: str
    plural: str
    labels: dict[str, str]
    definition: str | None
    parent: str | None
    abstract: bool
    mentionable: bool = True


@dataclass(frozen=True)
class Relationship:
    """An object property and its Neo4j relationship type."""

    iri: str
    type: str
    labels: dict[str, str]
    domain: str | None
    range: str | None


@dataclass(frozen=True)
class OntologyModel:
    """The whole ontology, indexed for the other packages."""

    version: str
    classes: dict[str, OntologyClass]
    relationships: dict[str, Relationship]
    searchable_properties: tuple[str, ...]
    indexed_properties: tuple[tuple[str, str], ...]
    _ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def cls(self, label: str) -> OntologyClass:
        """Return the class with Neo4j label ``label``; raise KeyError naming the known ones."""
        try:
            return self.classes[label]
        except KeyError:
            known = ", ".join(sorted(self.classes))
            raise KeyError(f"no ontology class {label!r}; known classes: {known}") from None

    def rel(self, rel_type: str) -> Relationship:
        """Return the relationship with Neo4j type ``rel_type``."""
        try:
            return self.relationships[rel_type]
        except KeyError:
            known = ", ".join(sorted(self.relationships))
            raise KeyError(f"no relationship type {rel_type!r}; known: {known}") from None

    @property
    def concrete_classes(self) -> list[OntologyClass]:
        """Classes that get nodes of their own, in a stable order."""
        return [c for c in self.classes.values() if not c.abstract]

    def lineage(self, label: str) -> tuple[str, ...]:
        """The class and all its superclasses inside the ontology, most specific first."""
        self.cls(label)
        return self._ancestors[label]

    def node_labels(self, label: str) -> list[str]:
        """The Neo4j labels a node of class ``label`` carries (itself and its superclasses)."""
        return list(self.lineage(label))


_LABEL_RE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_TYPE_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_PROP_RE = re.compile(r"^[a-z][A-Za-z0-9]*$")


def _identifier(value: str, pattern: re.Pattern[str], what: str) -> str:
    """Refuse names that are not safe Neo4j identifiers: they are spliced into Cypher."""
    if not pattern.match(value):
        raise OntologyError(f"{what} {value!r} is not a valid identifier ({pattern.pattern})")
    return value


def _localised(graph: Graph, subject: URIRef) -> dict[str, str]:
    labels: dict[str, str] = {}
    for obj in graph.objects(subject, RDFS.label):
        if isinstance(obj, Literal) and obj.language in LANGUAGES:
            labels[obj.language] = str(obj)
    return labels


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    value = graph.value(subject, predicate)
    return None if value is None else str(value)


def _flag(graph: Graph, subject: URIRef, predicate: URIRef) -> bool:
    value = graph.value(subject, predicate)
    return isinstance(value, Literal) and bool(value.toPython())


def parse_model(graph: Graph) -> OntologyModel:
    """Build the model from an rdflib graph holding the ontology."""
    iri_to_label: dict[URIRef, str] = {}
    for subject in graph.subjects(RDF.type, OWL.Class):
        if isinstance(subject, URIRef) and (label := _text(graph, subject, ST.neo4jLabel)):
            iri_to_label[subject] = _identifier(label, _LABEL_RE, "Neo4j label")
    if not iri_to_label:
        raise OntologyError("the ontology declares no class with an st:neo4jLabel")

    classes: dict[str, OntologyClass] = {}
    for iri, label in iri_to_label.items():
        parents = [
            iri_to_label[p]
            for p in graph.objects(iri, RDFS.subClassOf)
            if isinstance(p, URIRef) and p in iri_to_label
        ]
        if len(parents) > 1:
            raise OntologyError(f"class {label} has more than one parent inside the ontology")
        plural = _text(graph, iri, ST.graphqlPlural)
        if not plural:
            raise OntologyError(f"class {label} has no st:graphqlPlural")
        classes[label] = OntologyClass(
            iri=str(iri),
            label=label,
            plural=plural,
            labels=_localised(graph, iri),
            definition=_text(graph, iri, SKOS.definition),
            parent=parents[0] if parents else None,
            abstract=_flag(graph, iri, ST.abstract),
            mentionable=graph.value(iri, ST.mentionable) is None
            or _flag(graph, iri, ST.mentionable),
        )

    ancestors: dict[str, tuple[str, ...]] = {}
    for label in classes:
        chain = [label]
        while (parent := classes[chain[-1]].parent) is not None:
            if parent in chain:
                raise OntologyError(f"class hierarchy has a cycle through {parent}")
            chain.append(parent)
        ancestors[label] = tuple(chain)

    relationships: dict[str, Relationship] = {}
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        rel_type = _text(graph, prop, ST.neo4jType) if isinstance(prop, URIRef) else None
        if not rel_type or not isinstance(prop, URIRef):
            continue
        domain = graph.value(prop, RDFS.domain)
        range_ = graph.value(prop, RDFS.range)
        _identifier(rel_type, _TYPE_RE, "relationship type")
        relationships[rel_type] = Relationship(
            iri=str(prop),
            type=rel_type,
            labels=_localised(graph, prop),
            domain=iri_to_label.get(domain) if isinstance(domain, URIRef) else None,
            range=iri_to_label.get(range_) if isinstance(range_, URIRef) else None,
        )

    searchable: list[str] = []
    indexed: list[tuple[str, str]] = []
    for prop in graph.subjects(RDF.type, OWL.DatatypeProperty):
        if not isinstance(prop, URIRef):
            continue
        name = _identifier(str(prop).rsplit("#", 1)[-1], _PROP_RE, "property")
        if _flag(graph, prop, ST.searchable):
            searchable.append(name)
        if _flag(graph, prop, ST.indexed):
            domain = graph.value(prop, RDFS.domain)
            if not isinstance(domain, URIRef) or domain not in iri_to_label:
                raise OntologyError(f"indexed property {name} needs a domain class of the ontology")
            indexed.append((iri_to_label[domain], name))
    version = _text(graph, URIRef(str(ST).rstrip("#")), OWL.versionInfo) or "unversioned"
    return OntologyModel(
        version=version,
        classes=dict(sorted(classes.items())),
        relationships=dict(sorted(relationships.items())),
        searchable_properties=tuple(sorted(searchable)),
        indexed_properties=tuple(sorted(indexed)),
        _ancestors=ancestors,
    )


def load_model(path: Path | None = None) -> OntologyModel:
    """Parse the Turtle file at ``path`` (default: the bundled ontology) into the model."""
    if path is None:
        return _bundled_model()
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser-specific types
        raise OntologyError(f"cannot parse ontology {path}: {exc}") from exc
    return parse_model(graph)


@functools.cache
def _bundled_model() -> OntologyModel:
    source = resources.files("ontology").joinpath(DEFAULT_SOURCE)
    graph = Graph()
    graph.parse(data=source.read_text(encoding="utf-8"), format="turtle")
    return parse_model(graph)


__all__ = [
    "LANGUAGES",
    "ST",
    "OntologyClass",
    "OntologyError",
    "OntologyModel",
    "Relationship",
    "load_model",
    "parse_model",
]
