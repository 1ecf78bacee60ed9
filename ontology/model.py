"""Load the Turtle ontology with rdflib into one immutable in-memory model.

Every other package (graph schema, GraphQL, extraction, seeding) asks this model for labels,
relationship types, properties, concepts and class hierarchies instead of spelling them out as
string literals.

The ontology is every ``*.ttl`` file of this package except ``shapes.ttl`` (the core file and
the vocabularies under ``vocab/``). Conventions, all in the ``st:`` namespace:

- every ``owl:Class`` in the namespace is a class of the twin; its Neo4j label is
  ``st:neo4jLabel`` or else its local name, its GraphQL root field ``st:graphqlPlural`` or else
  the derived lower-camel plural (``Playground`` → ``playgrounds``, ``Facility`` →
  ``facilities``);
- every ``owl:ObjectProperty`` with ``st:neo4jType`` is a relationship type;
- every ``owl:DatatypeProperty`` is a node property (``st:searchable``, ``st:indexed``);
- every individual typed with a twin class that is a ``skos:Concept`` subclass (or typed
  ``skos:Concept`` and a twin class) is a concept: incident types, themes, indicators, CPTED
  principles; it becomes a node with id ``<class-kebab>:<local-name-kebab>`` unless it states
  ``st:graphId``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

ST = Namespace("https://w3id.org/social-twin/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/social-twin/ontology")
LANGUAGES = ("nl", "en", "fr")
SHAPES_FILE = "shapes.ttl"
ANNOTATIONS = frozenset(
    ST[n]
    for n in (
        "abstract",
        "neo4jLabel",
        "neo4jType",
        "graphqlPlural",
        "searchable",
        "indexed",
        "mentionable",
        "graphId",
        "multiValued",
    )
)


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
        alt_labels: alternative names by language (skos:altLabel), for extraction.
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
    alt_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Relationship:
    """An object property and its Neo4j relationship type."""

    iri: str
    type: str
    labels: dict[str, str]
    domain: str | None
    range: str | None
    name: str = ""


@dataclass(frozen=True)
class DataProperty:
    """A datatype property: a node property in Neo4j, a field in GraphQL."""

    iri: str
    name: str
    labels: dict[str, str]
    domain: str | None
    range: str | None  # XSD local name: string, decimal, integer, boolean, date, dateTime
    searchable: bool
    indexed: bool
    functional: bool
    multi_valued: bool = False
    on_relationships: bool = False  # domain rdf:Statement: a property of relationships only


@dataclass(frozen=True)
class Restriction:
    """``cls`` is linked by relationship ``type`` to ``target`` between ``min`` and ``max``
    times (an OWL qualified cardinality or someValuesFrom restriction on ``cls``).

    Restrictions give the graph its shape: a Neighbourhood is PART_OF exactly one District,
    so GraphQL offers ``Neighbourhood.district`` and ``District.neighbourhoods``.
    """

    cls: str
    type: str
    target: str
    min: int
    max: int | None


@dataclass(frozen=True)
class Concept:
    """An individual the ontology defines: an incident type, theme, indicator, principle.

    Attributes:
        iri: the individual's IRI.
        id: its node id in the graph.
        cls: the Neo4j label of its twin class (e.g. ``IncidentType``).
        labels: skos:prefLabel (or rdfs:label) by language.
        alt_labels: skos:altLabel by language.
        definition: skos:definition (English first).
        scheme: the local name of its skos:inScheme, if any.
        links: other concepts it points at, by relationship type (BROADER → [ids]).
        values: its datatype property values (unit, period, cbsColumn ...).
        matches: IRIs of skos:closeMatch / exactMatch in other vocabularies.
    """

    iri: str
    id: str
    cls: str
    labels: dict[str, str]
    alt_labels: dict[str, tuple[str, ...]]
    definition: str | None
    scheme: str | None
    links: dict[str, tuple[str, ...]]
    values: dict[str, str | float | int | bool]
    matches: tuple[str, ...]


@dataclass(frozen=True)
class OntologyModel:
    """The whole ontology, indexed for the other packages."""

    version: str
    classes: dict[str, OntologyClass]
    relationships: dict[str, Relationship]
    searchable_properties: tuple[str, ...]
    indexed_properties: tuple[tuple[str, str], ...]
    properties: dict[str, DataProperty] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)
    restrictions: tuple[Restriction, ...] = ()
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

    def subclasses(self, label: str) -> list[str]:
        """``label`` and every class below it, in a stable order."""
        return [c for c in self.classes if label in self._ancestors[c]]

    def is_a(self, label: str, ancestor: str) -> bool:
        return ancestor in self.lineage(label)

    def properties_of(self, label: str) -> list[DataProperty]:
        """Datatype properties whose domain is the class or one of its superclasses, or that
        have no domain (name, aliases ...)."""
        lineage = set(self.lineage(label))
        return [
            p
            for p in self.properties.values()
            if not p.on_relationships and (p.domain is None or p.domain in lineage)
        ]

    def concepts_of(self, label: str) -> list[Concept]:
        """Concepts of the class or its subclasses."""
        below = set(self.subclasses(label))
        return [c for c in self.concepts.values() if c.cls in below]


# ------------------------------------------------------------------ naming helpers

_LABEL_RE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_TYPE_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_PROP_RE = re.compile(r"^[a-z][A-Za-z0-9]*$")


def _identifier(value: str, pattern: re.Pattern[str], what: str) -> str:
    """Refuse names that are not safe Neo4j identifiers: they are spliced into Cypher."""
    if not pattern.match(value):
        raise OntologyError(f"{what} {value!r} is not a valid identifier ({pattern.pattern})")
    return value


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def kebab(name: str) -> str:
    """``IncidentType`` → ``incident-type``, ``BurglaryPer1000`` → ``burglary-per-1000``."""
    parts = re.findall(r"[A-Z]+(?=[A-Z][a-z]|\d|$)|[A-Z]?[a-z]+|[A-Z]+|\d+", name)
    return "-".join(p.lower() for p in parts)


def plural(label: str) -> str:
    """The lower-camel English plural of a class label."""
    base = label[0].lower() + label[1:]
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", base):
        return base + "es"
    return base + "s"


# ------------------------------------------------------------------ parsing


def _localised(graph: Graph, subject: Node, *predicates: URIRef) -> dict[str, str]:
    labels: dict[str, str] = {}
    for predicate in predicates:
        for obj in graph.objects(subject, predicate):
            if isinstance(obj, Literal) and obj.language in LANGUAGES:
                labels.setdefault(obj.language, str(obj))
    return labels


def _alt_labels(graph: Graph, subject: Node) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for obj in graph.objects(subject, SKOS.altLabel):
        if isinstance(obj, Literal) and obj.language in LANGUAGES:
            found.setdefault(obj.language, []).append(str(obj))
    return {lang: tuple(sorted(values)) for lang, values in sorted(found.items())}


def _text(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    value = graph.value(subject, predicate)
    return None if value is None else str(value)


def _definition(graph: Graph, subject: Node) -> str | None:
    by_lang = _localised(graph, subject, SKOS.definition)
    if "en" in by_lang:
        return by_lang["en"]
    plain = [str(o) for o in graph.objects(subject, SKOS.definition) if isinstance(o, Literal)]
    return plain[0] if plain else next(iter(by_lang.values()), None)


def _flag(graph: Graph, subject: Node, predicate: URIRef) -> bool:
    value = graph.value(subject, predicate)
    return isinstance(value, Literal) and bool(value.toPython())


def _in_namespace(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(ST))


def _parse_classes(graph: Graph) -> tuple[dict[str, OntologyClass], dict[URIRef, str]]:
    iri_to_label: dict[URIRef, str] = {}
    for subject in graph.subjects(RDF.type, OWL.Class):
        if not _in_namespace(subject):
            continue
        assert isinstance(subject, URIRef)
        label = _text(graph, subject, ST.neo4jLabel) or local_name(str(subject))
        iri_to_label[subject] = _identifier(label, _LABEL_RE, "Neo4j label")
    if not iri_to_label:
        raise OntologyError("the ontology declares no class in the st: namespace")

    classes: dict[str, OntologyClass] = {}
    for iri, label in iri_to_label.items():
        if label in classes:
            raise OntologyError(f"two classes share the Neo4j label {label}")
        parents = sorted(
            iri_to_label[p]
            for p in graph.objects(iri, RDFS.subClassOf)
            if isinstance(p, URIRef) and p in iri_to_label
        )
        if len(parents) > 1:
            raise OntologyError(
                f"class {label} has more than one parent inside the ontology: {parents}"
            )
        mention_flag = graph.value(iri, ST.mentionable)
        classes[label] = OntologyClass(
            iri=str(iri),
            label=label,
            plural=_text(graph, iri, ST.graphqlPlural) or plural(label),
            labels=_localised(graph, iri, RDFS.label, SKOS.prefLabel),
            alt_labels=_alt_labels(graph, iri),
            definition=_definition(graph, iri),
            parent=parents[0] if parents else None,
            abstract=_flag(graph, iri, ST.abstract),
            mentionable=mention_flag is None or _flag(graph, iri, ST.mentionable),
        )
    plurals: dict[str, str] = {}
    for cls in classes.values():
        if cls.plural in plurals:
            raise OntologyError(
                f"classes {plurals[cls.plural]} and {cls.label} share the plural {cls.plural}"
            )
        plurals[cls.plural] = cls.label
    return dict(sorted(classes.items())), iri_to_label


def _ancestors(classes: dict[str, OntologyClass]) -> dict[str, tuple[str, ...]]:
    ancestors: dict[str, tuple[str, ...]] = {}
    for label in classes:
        chain = [label]
        while (parent := classes[chain[-1]].parent) is not None:
            if parent in chain:
                raise OntologyError(f"class hierarchy has a cycle through {parent}")
            chain.append(parent)
        ancestors[label] = tuple(chain)
    return ancestors


def _parse_relationships(graph: Graph, iri_to_label: dict[URIRef, str]) -> dict[str, Relationship]:
    relationships: dict[str, Relationship] = {}
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        rel_type = _text(graph, prop, ST.neo4jType)
        if not rel_type or not isinstance(prop, URIRef):
            continue
        _identifier(rel_type, _TYPE_RE, "relationship type")
        if rel_type in relationships:
            raise OntologyError(f"two object properties share the relationship type {rel_type}")
        domain = graph.value(prop, RDFS.domain)
        range_ = graph.value(prop, RDFS.range)
        relationships[rel_type] = Relationship(
            iri=str(prop),
            type=rel_type,
            name=local_name(str(prop)),
            labels=_localised(graph, prop, RDFS.label),
            domain=iri_to_label.get(domain) if isinstance(domain, URIRef) else None,
            range=iri_to_label.get(range_) if isinstance(range_, URIRef) else None,
        )
    return dict(sorted(relationships.items()))


def _parse_properties(graph: Graph, iri_to_label: dict[URIRef, str]) -> dict[str, DataProperty]:
    properties: dict[str, DataProperty] = {}
    for prop in graph.subjects(RDF.type, OWL.DatatypeProperty):
        if not _in_namespace(prop):
            continue
        assert isinstance(prop, URIRef)
        name = _identifier(local_name(str(prop)), _PROP_RE, "property")
        domain = graph.value(prop, RDFS.domain)
        range_ = graph.value(prop, RDFS.range)
        indexed = _flag(graph, prop, ST.indexed)
        if indexed and (not isinstance(domain, URIRef) or domain not in iri_to_label):
            raise OntologyError(f"indexed property {name} needs a domain class of the ontology")
        properties[name] = DataProperty(
            iri=str(prop),
            name=name,
            labels=_localised(graph, prop, RDFS.label),
            domain=iri_to_label.get(domain) if isinstance(domain, URIRef) else None,
            range=local_name(str(range_)) if isinstance(range_, URIRef) else None,
            searchable=_flag(graph, prop, ST.searchable),
            indexed=indexed,
            functional=(prop, RDF.type, OWL.FunctionalProperty) in graph,
            multi_valued=_flag(graph, prop, ST.multiValued),
            on_relationships=domain == RDF.Statement,
        )
    return dict(sorted(properties.items()))


def _parse_concepts(
    graph: Graph,
    classes: dict[str, OntologyClass],
    iri_to_label: dict[URIRef, str],
    relationships: dict[str, Relationship],
    properties: dict[str, DataProperty],
) -> dict[str, Concept]:
    rel_by_iri: dict[Node, str] = {URIRef(r.iri): r.type for r in relationships.values()}
    prop_by_iri: dict[Node, str] = {URIRef(p.iri): p.name for p in properties.values()}
    found: dict[URIRef, tuple[str, str]] = {}
    for cls_iri, label in iri_to_label.items():
        for individual in graph.subjects(RDF.type, cls_iri):
            if not isinstance(individual, URIRef) or individual in iri_to_label:
                continue
            if individual in found and found[individual][0] != label:
                raise OntologyError(
                    f"{local_name(str(individual))} is typed with two twin classes "
                    f"({found[individual][0]}, {label})"
                )
            if classes[label].abstract:
                raise OntologyError(
                    f"{local_name(str(individual))} is an instance of the abstract class {label}"
                )
            node_id = _text(graph, individual, ST.graphId) or (
                f"{kebab(label)}:{kebab(local_name(str(individual)))}"
            )
            found[individual] = (label, node_id)
    id_by_iri: dict[Node, str] = {iri: node_id for iri, (_, node_id) in found.items()}

    concepts: dict[str, Concept] = {}
    for iri, (label, node_id) in sorted(found.items(), key=lambda item: item[1][1]):
        if node_id in concepts:
            raise OntologyError(f"two individuals share the graph id {node_id}")
        links: dict[str, list[str]] = {}
        values: dict[str, str | float | int | bool] = {}
        for predicate, obj in graph.predicate_objects(iri):
            if predicate in rel_by_iri and obj in id_by_iri:
                links.setdefault(rel_by_iri[predicate], []).append(id_by_iri[obj])
            elif predicate in prop_by_iri and isinstance(obj, Literal):
                value = obj.toPython()
                if isinstance(value, str | float | int | bool):
                    values[prop_by_iri[predicate]] = value
                else:
                    values[prop_by_iri[predicate]] = str(obj)
        if (broader := [o for o in graph.objects(iri, SKOS.broader) if o in id_by_iri]) and (
            "BROADER" in relationships
        ):
            links.setdefault("BROADER", []).extend(id_by_iri[o] for o in broader)
        scheme = graph.value(iri, SKOS.inScheme)
        concepts[node_id] = Concept(
            iri=str(iri),
            id=node_id,
            cls=label,
            labels=_localised(graph, iri, SKOS.prefLabel, RDFS.label),
            alt_labels=_alt_labels(graph, iri),
            definition=_definition(graph, iri),
            scheme=local_name(str(scheme)) if isinstance(scheme, URIRef) else None,
            links={k: tuple(sorted(set(v))) for k, v in sorted(links.items())},
            values=dict(sorted(values.items())),
            matches=tuple(
                sorted(
                    str(o)
                    for p in (SKOS.closeMatch, SKOS.exactMatch)
                    for o in graph.objects(iri, p)
                )
            ),
        )
    return concepts


def _int(graph: Graph, subject: Node, predicate: URIRef) -> int | None:
    value = graph.value(subject, predicate)
    return int(value.toPython()) if isinstance(value, Literal) else None


def _parse_restrictions(
    graph: Graph, iri_to_label: dict[URIRef, str], relationships: dict[str, Relationship]
) -> tuple[Restriction, ...]:
    rel_by_iri: dict[Node, str] = {URIRef(r.iri): r.type for r in relationships.values()}
    found: list[Restriction] = []
    for cls_iri, label in iri_to_label.items():
        for node in graph.objects(cls_iri, RDFS.subClassOf):
            if (node, RDF.type, OWL.Restriction) not in graph:
                continue
            rel_type = rel_by_iri.get(graph.value(node, OWL.onProperty))  # type: ignore[arg-type]
            target = graph.value(node, OWL.onClass) or graph.value(node, OWL.someValuesFrom)
            if rel_type is None or not isinstance(target, URIRef) or target not in iri_to_label:
                continue
            exact = _int(graph, node, OWL.qualifiedCardinality)
            low = _int(graph, node, OWL.minQualifiedCardinality)
            high = _int(graph, node, OWL.maxQualifiedCardinality)
            some = graph.value(node, OWL.someValuesFrom) is not None
            found.append(
                Restriction(
                    cls=label,
                    type=rel_type,
                    target=iri_to_label[target],
                    min=exact if exact is not None else (low or (1 if some else 0)),
                    max=exact if exact is not None else high,
                )
            )
    return tuple(sorted(found, key=lambda r: (r.cls, r.type, r.target)))


def parse_model(graph: Graph) -> OntologyModel:
    """Build the model from an rdflib graph holding the ontology."""
    classes, iri_to_label = _parse_classes(graph)
    relationships = _parse_relationships(graph, iri_to_label)
    properties = _parse_properties(graph, iri_to_label)
    concepts = _parse_concepts(graph, classes, iri_to_label, relationships, properties)
    version = _text(graph, ONTOLOGY_IRI, OWL.versionInfo) or "unversioned"
    return OntologyModel(
        version=version,
        classes=classes,
        relationships=relationships,
        searchable_properties=tuple(sorted(p.name for p in properties.values() if p.searchable)),
        indexed_properties=tuple(
            sorted((p.domain, p.name) for p in properties.values() if p.indexed and p.domain)
        ),
        properties=properties,
        concepts=concepts,
        restrictions=_parse_restrictions(graph, iri_to_label, relationships),
        _ancestors=_ancestors(classes),
    )


def ontology_files(root: Path) -> list[Path]:
    """The Turtle files that make up the ontology under ``root`` (shapes excluded)."""
    return sorted(p for p in root.rglob("*.ttl") if p.name != SHAPES_FILE)


def load_graph(paths: Iterable[Path]) -> Graph:
    """Parse Turtle files (or every ontology file of a directory) into one rdflib graph."""
    graph = Graph()
    for path in paths:
        for file in ontology_files(path) if path.is_dir() else [path]:
            try:
                graph.parse(file, format="turtle")
            except Exception as exc:  # rdflib raises many parser-specific types
                raise OntologyError(f"cannot parse ontology {file}: {exc}") from exc
    return graph


def bundled_root() -> Path:
    """The folder of the shipped ontology."""
    return Path(str(resources.files("ontology")))


def load_model(path: Path | None = None) -> OntologyModel:
    """Parse the ontology at ``path`` (a Turtle file or a folder; default: the shipped one)."""
    if path is None:
        return _bundled_model()
    return parse_model(load_graph([path]))


@functools.cache
def _bundled_model() -> OntologyModel:
    return parse_model(load_graph([bundled_root()]))


@functools.cache
def bundled_graph() -> Graph:
    """The shipped ontology as an rdflib graph (cached; do not modify it)."""
    return load_graph([bundled_root()])


__all__ = [
    "ANNOTATIONS",
    "LANGUAGES",
    "ONTOLOGY_IRI",
    "ST",
    "Concept",
    "DataProperty",
    "OntologyClass",
    "OntologyError",
    "OntologyModel",
    "Relationship",
    "Restriction",
    "bundled_graph",
    "bundled_root",
    "kebab",
    "load_graph",
    "load_model",
    "local_name",
    "parse_model",
    "plural",
]
