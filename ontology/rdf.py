"""The mapping between the twin's property graph and RDF with the ontology's IRIs.

Both directions are pure functions of their input and the ontology model; the Neo4j side (read
everything, write a plan in one transaction) lives in ``graph/rdf_io.py``.

Nodes
    A concept node (one with an ``iri`` property: an individual the ontology defines, such as an
    indicator) is named by that IRI; every other node by
    ``https://w3id.org/social-twin/id/<url-quoted id>``. Its ``rdf:type`` is the IRI of its most
    specific ontology class (superclasses follow from the ontology). Every property becomes a
    ``st:<name>`` literal, including ``st:id``; the ``iri`` property is the node's IRI itself.

Literals
    Strings are plain literals (``xsd:string``); integers ``xsd:integer``; floats
    ``xsd:decimal`` where the ontology declares that range (``st:value``) and ``xsd:double``
    otherwise; booleans ``xsd:boolean``; Neo4j date-times ``xsd:dateTime`` (with nanoseconds
    when there are any), dates ``xsd:date``, times ``xsd:time``, durations ``xsd:duration``.
    A list gives one triple per item. RDF keeps neither the order of repeated values nor empty
    lists: on import a property is a list when the ontology marks it ``st:multiValued`` or when
    it has more than one value; list items come back sorted, and an empty list is absent.

Relationships
    Each relationship ``(a)-[:TYPE]->(b)`` is the triple ``a <object property> b``. Its
    properties (provenance: ``extractor``, ``extractorVersion``, ``confidence``, ``firstSeen``,
    ``sources``, and the span ``start``/``end``/``text`` of a mention) are kept with standard RDF
    reification, no RDF-star: an ``rdf:Statement`` with ``rdf:subject``, ``rdf:predicate``,
    ``rdf:object`` and one ``st:<name>`` literal per property. The statement's IRI is
    ``https://w3id.org/social-twin/id/statement/<sha-256>`` of the subject, predicate and object
    IRIs and the relationship's key properties (``start`` and ``end``, which tell the parallel
    mentions of one document apart), so that exporting the same graph twice gives the same
    triples and export → import → export is isomorphic. Relationships that share endpoints, type
    and key (the writer never makes two) are numbered by their sorted properties.

Import
    ``rdf_to_plan`` turns every IRI typed with a twin class into a node and every triple (or
    statement) whose predicate is a relationship of the ontology into a relationship. Predicates
    outside ``st:`` (``rdfs:label``, ``schema:email`` ...) are never stored; they are counted in
    ``ImportPlan.skipped``. A node or relationship without ``st:sources`` cites the import itself.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from urllib.parse import quote, unquote

import neo4j.time
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from graph.writer import WritePlan
from ontology.model import ST, OntologyClass, OntologyModel, Relationship

ID = Namespace("https://w3id.org/social-twin/id/")
STATEMENT = Namespace(f"{ID}statement/")
KEY_PROPERTIES = ("start", "end")
IMPORT_SOURCE = "dataset:rdf-import"
PREFIXES = {"st": ST, "id": ID, "xsd": XSD, "rdf": RDF}

_INTEGER_RANGES = frozenset(
    {"integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"}
)
_FLOAT_RANGES = frozenset({"decimal", "double", "float"})
_STRING_RANGES = frozenset({"anyURI", "token", "normalizedString", "language"})


class RdfMappingError(ValueError):
    """Data that cannot be mapped between the property graph and RDF."""


@dataclass(frozen=True)
class NodeRecord:
    """A node as Neo4j returns it: its labels and its properties (``id`` among them)."""

    labels: tuple[str, ...]
    props: Mapping[str, Any]


@dataclass(frozen=True)
class RelationshipRecord:
    """A relationship as Neo4j returns it: type, the ids of its endpoints, its properties."""

    type: str
    source: str
    target: str
    props: Mapping[str, Any]


@dataclass(frozen=True)
class ImportNode:
    """A node to MERGE on ``id``: its most specific class, properties and sources."""

    label: str
    id: str
    props: dict[str, Any]
    sources: list[str]


@dataclass(frozen=True)
class ImportRelationship:
    """A relationship to MERGE on its endpoints and ``key`` (span offsets of mentions)."""

    type: str
    source: str
    source_label: str
    target: str
    target_label: str
    key: dict[str, Any]
    props: dict[str, Any]
    sources: list[str]


@dataclass
class ImportPlan:
    """What ``rdf_to_plan`` found in an RDF graph, ready for the importer."""

    nodes: list[ImportNode] = field(default_factory=list)
    relationships: list[ImportRelationship] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # predicate IRI → triples ignored


# ------------------------------------------------------------------ names


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the prefixes the twin's RDF uses (``st:``, ``id:``, ``xsd:``, ``rdf:``)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def node_iri(node_id: str, iri: str | None = None) -> URIRef:
    """The IRI of a node: its concept IRI if it has one, else the id namespace + quoted id."""
    return URIRef(iri) if iri else ID[quote(node_id, safe=":")]


def id_from_iri(iri: Node) -> str | None:
    """The node id inside an IRI of the id namespace, or None."""
    text = str(iri)
    if not isinstance(iri, URIRef) or not text.startswith(str(ID)) or text.startswith(STATEMENT):
        return None
    return unquote(text[len(str(ID)) :])


def most_specific_class(labels: Iterable[str], model: OntologyModel) -> OntologyClass:
    """The ontology class among ``labels`` whose lineage contains all the others."""
    given = list(labels)
    known = [label for label in given if label in model.classes]
    if not known:
        raise RdfMappingError(f"no ontology class among the labels {sorted(given)}")
    best = max(known, key=lambda label: len(model.lineage(label)))
    unrelated = [label for label in known if label not in model.lineage(best)]
    if unrelated:
        raise RdfMappingError(
            f"labels {best} and {', '.join(unrelated)} are not in one class lineage"
        )
    return model.classes[best]


def _property_iri(name: str) -> URIRef:
    if not name.isidentifier():
        raise RdfMappingError(f"property name {name!r} cannot be an IRI local name")
    return ST[name]


# ------------------------------------------------------------------ literals


def to_literal(name: str, value: Any, model: OntologyModel) -> Literal:
    """The RDF literal of one property value (see the module docstring for the datatypes)."""
    declared = model.properties.get(name)
    range_ = declared.range if declared else None
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD[range_] if range_ in _INTEGER_RANGES else XSD.integer)
    if isinstance(value, float):
        if range_ == "decimal" and math.isfinite(value):
            return Literal(format(Decimal(repr(value)), "f"), datatype=XSD.decimal)
        return Literal(value, datatype=XSD[range_] if range_ in _FLOAT_RANGES else XSD.double)
    if isinstance(value, str):
        return Literal(value, datatype=XSD[range_]) if range_ in _STRING_RANGES else Literal(value)
    return _temporal_literal(name, value)


def _temporal_literal(name: str, value: Any) -> Literal:
    if isinstance(value, neo4j.time.DateTime):
        if value.nanosecond % 1000 == 0:
            return Literal(value.to_native(), datatype=XSD.dateTime)
        return Literal(value.iso_format(), datatype=XSD.dateTime, normalize=False)
    if isinstance(value, datetime):
        return Literal(value, datatype=XSD.dateTime)
    if isinstance(value, neo4j.time.Date | date):
        native = value.to_native() if isinstance(value, neo4j.time.Date) else value
        return Literal(native, datatype=XSD.date)
    if isinstance(value, neo4j.time.Time):
        return Literal(value.iso_format(), datatype=XSD.time)
    if isinstance(value, time):
        return Literal(value.isoformat(), datatype=XSD.time)
    if isinstance(value, neo4j.time.Duration):
        return Literal(value.iso_format(), datatype=XSD.duration)
    raise RdfMappingError(
        f"property {name!r} holds a {type(value).__name__}, which has no RDF mapping"
    )


def from_literal(literal: Literal) -> Any:
    """The property value of a literal: the inverse of ``to_literal``."""
    datatype = literal.datatype
    lexical = str(literal)
    xsd = str(XSD._NS)
    kind = str(datatype)[len(xsd) :] if datatype and str(datatype).startswith(xsd) else ""
    if kind in _INTEGER_RANGES:
        return int(lexical)
    if kind in _FLOAT_RANGES:
        return float(lexical)
    if kind == "boolean":
        return lexical.strip() in ("true", "1")
    if kind == "dateTime":
        return neo4j.time.DateTime.from_iso_format(lexical.replace("Z", "+00:00"))
    if kind == "date":
        return neo4j.time.Date.from_iso_format(lexical)
    if kind == "time":
        return neo4j.time.Time.from_iso_format(lexical)
    return lexical


def _canonical(value: Any) -> str:
    """A stable text of a property map or value, for hashing and ordering."""
    if isinstance(value, Mapping):
        return json.dumps({k: _canonical(v) for k, v in sorted(value.items())}, sort_keys=True)
    if isinstance(value, list | tuple):
        return json.dumps([_canonical(v) for v in value])
    if isinstance(value, neo4j.time.DateTime | neo4j.time.Date | neo4j.time.Duration):
        return value.iso_format()
    return json.dumps(value, default=str)


# ------------------------------------------------------------------ property graph → RDF


def _add_properties(
    graph: Graph, subject: URIRef, props: Mapping[str, Any], model: OntologyModel
) -> None:
    for name, value in sorted(props.items()):
        if value is None:
            continue
        predicate = _property_iri(name)
        for item in value if isinstance(value, list | tuple) else [value]:
            graph.add((subject, predicate, to_literal(name, item, model)))


def statement_iri(
    subject: URIRef, predicate: URIRef, obj: URIRef, key: Mapping[str, Any]
) -> URIRef:
    """The deterministic IRI of the reified statement of one relationship."""
    text = "\n".join([str(subject), str(predicate), str(obj), _canonical(dict(key))])
    return STATEMENT[hashlib.sha256(text.encode("utf-8")).hexdigest()]


def _node_iris(nodes: Sequence[NodeRecord], model: OntologyModel) -> dict[str, URIRef]:
    iris: dict[str, URIRef] = {}
    for node in nodes:
        node_id = node.props.get("id")
        if not isinstance(node_id, str) or not node_id:
            raise RdfMappingError(f"a node with labels {list(node.labels)} has no id")
        iri = node.props.get("iri")
        iris[node_id] = node_iri(node_id, iri if isinstance(iri, str) else None)
    return iris


def _endpoint(node_id: str, iris: Mapping[str, URIRef], model: OntologyModel) -> URIRef:
    if node_id in iris:
        return iris[node_id]
    concept = model.concepts.get(node_id)
    return node_iri(node_id, concept.iri if concept else None)


def records_to_rdf(
    nodes: Iterable[NodeRecord], relationships: Iterable[RelationshipRecord], model: OntologyModel
) -> Graph:
    """The RDF graph of nodes and relationships read from Neo4j (or built from a plan)."""
    node_list = list(nodes)
    iris = _node_iris(node_list, model)
    graph = bind_prefixes(Graph())
    for node in node_list:
        subject = iris[str(node.props["id"])]
        graph.add((subject, RDF.type, URIRef(most_specific_class(node.labels, model).iri)))
        own_iri = node.props.get("iri")
        props = {k: v for k, v in node.props.items() if not (k == "iri" and v == own_iri)}
        _add_properties(graph, subject, props, model)

    grouped: dict[URIRef, list[tuple[URIRef, URIRef, URIRef, Mapping[str, Any]]]] = defaultdict(
        list
    )
    for rel in relationships:
        predicate = URIRef(model.rel(rel.type).iri)
        subject = _endpoint(rel.source, iris, model)
        obj = _endpoint(rel.target, iris, model)
        graph.add((subject, predicate, obj))
        props = {k: v for k, v in rel.props.items() if v is not None}
        if props:
            key = {k: props[k] for k in KEY_PROPERTIES if k in props}
            grouped[statement_iri(subject, predicate, obj, key)].append(
                (subject, predicate, obj, props)
            )
    for base, group in grouped.items():
        group.sort(key=lambda item: _canonical(item[3]))
        for number, (subject, predicate, obj, rel_props) in enumerate(group, start=1):
            statement = base if number == 1 else URIRef(f"{base}-{number}")
            graph.add((statement, RDF.type, RDF.Statement))
            graph.add((statement, RDF.subject, subject))
            graph.add((statement, RDF.predicate, predicate))
            graph.add((statement, RDF.object, obj))
            _add_properties(graph, statement, rel_props, model)
    return graph


def _append_sources(props: dict[str, Any], source: str) -> None:
    sources = props.setdefault("sources", [])
    if source not in sources:
        sources.append(source)


def plan_to_records(
    plan: WritePlan, model: OntologyModel
) -> tuple[list[NodeRecord], list[RelationshipRecord]]:
    """What writing ``plan`` into an empty database stores (without ``firstSeen``)."""
    nodes: dict[str, tuple[str, dict[str, Any]]] = {}
    for row in plan.nodes:
        if row.id not in nodes:
            nodes[row.id] = (row.label, {"id": row.id, **row.create_props})
        props = nodes[row.id][1]
        props.update({k: v for k, v in row.props.items() if k != "sources"})
        _append_sources(props, row.source)
    rels: dict[tuple[str, str, str, str], tuple[str, str, str, dict[str, Any]]] = {}
    for rel in plan.relationships:
        identity = (rel.type, rel.source, rel.target, _canonical(rel.key))
        if identity not in rels:
            rels[identity] = (rel.type, rel.source, rel.target, dict(rel.key))
        props = rels[identity][3]
        props.update({k: v for k, v in rel.props.items() if k != "sources"})
        _append_sources(props, rel.provenance)
    return (
        [NodeRecord(tuple(model.node_labels(label)), props) for label, props in nodes.values()],
        [RelationshipRecord(t, s, o, props) for t, s, o, props in rels.values()],
    )


def plan_to_rdf(plan: WritePlan, model: OntologyModel) -> Graph:
    """The RDF graph of a write plan, without a database (used to validate the seed data)."""
    nodes, relationships = plan_to_records(plan, model)
    return records_to_rdf(nodes, relationships, model)


# ------------------------------------------------------------------ RDF → property graph


def _classes_by_iri(model: OntologyModel) -> dict[URIRef, OntologyClass]:
    return {URIRef(c.iri): c for c in model.classes.values()}


def _typed_nodes(graph: Graph, model: OntologyModel) -> dict[URIRef, OntologyClass]:
    """Every IRI typed with a twin class, with its most specific (concrete) class."""
    by_iri = _classes_by_iri(model)
    types: dict[URIRef, list[str]] = defaultdict(list)
    for subject, type_iri in graph.subject_objects(RDF.type):
        if isinstance(type_iri, URIRef) and type_iri in by_iri:
            if not isinstance(subject, URIRef):
                raise RdfMappingError(
                    f"a blank node is typed {by_iri[type_iri].label}; twin nodes need an IRI"
                )
            types[subject].append(by_iri[type_iri].label)
    found: dict[URIRef, OntologyClass] = {}
    for subject, labels in types.items():
        try:
            cls = most_specific_class(labels, model)
        except RdfMappingError as exc:
            raise RdfMappingError(f"{subject}: {exc}") from None
        if cls.abstract:
            raise RdfMappingError(f"{subject} is typed only with the abstract class {cls.label}")
        found[subject] = cls
    return found


_STRUCTURE = frozenset({RDF.type, RDF.subject, RDF.predicate, RDF.object})


def _literal_values(
    graph: Graph, subject: Node, relationship_iris: set[URIRef], skipped: dict[str, int]
) -> dict[str, list[Any]]:
    """The ``st:`` literals of a node or statement by property name; other predicates are
    counted in ``skipped`` (relationships and the structure of statements aside)."""
    values: dict[str, list[Any]] = defaultdict(list)
    for predicate, obj in graph.predicate_objects(subject):
        if predicate in relationship_iris or predicate in _STRUCTURE:
            continue
        if str(predicate).startswith(str(ST)) and isinstance(obj, Literal):
            values[str(predicate)[len(str(ST)) :]].append(from_literal(obj))
        else:
            skipped[str(predicate)] = skipped.get(str(predicate), 0) + 1
    return values


def _shape_values(values: dict[str, list[Any]], model: OntologyModel) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for name, items in sorted(values.items()):
        declared = model.properties.get(name)
        if (declared is not None and declared.multi_valued) or len(items) > 1:
            props[name] = sorted(items, key=_canonical)
        else:
            props[name] = items[0]
    return props


def _concept_index(model: OntologyModel) -> dict[str, tuple[str, str]]:
    """Concept IRI → (node id, class label)."""
    return {c.iri: (c.id, c.cls) for c in model.concepts.values()}


def _node_id(
    subject: URIRef, props: dict[str, Any], concepts: Mapping[str, tuple[str, str]]
) -> str:
    given = props.pop("id", None)
    if isinstance(given, str) and given:
        return given
    from_iri = id_from_iri(subject)
    if from_iri:
        return from_iri
    if str(subject) in concepts:
        return concepts[str(subject)][0]
    raise RdfMappingError(f"{subject} has no st:id and is not in the id namespace")


def _sources(props: dict[str, Any], default_source: str) -> list[str]:
    given = props.pop("sources", None)
    if given is None:
        return [default_source]
    return [str(s) for s in (given if isinstance(given, list) else [given])]


def _import_nodes(
    graph: Graph, model: OntologyModel, default_source: str, plan: ImportPlan
) -> dict[Node, ImportNode]:
    relationship_iris = {URIRef(r.iri) for r in model.relationships.values()}
    concepts = _concept_index(model)
    nodes: dict[Node, ImportNode] = {}
    for subject, cls in sorted(_typed_nodes(graph, model).items()):
        values = _literal_values(graph, subject, relationship_iris, plan.skipped)
        props = _shape_values(values, model)
        node_id = _node_id(subject, props, concepts)
        if id_from_iri(subject) is None:
            props["iri"] = str(subject)
        nodes[subject] = ImportNode(cls.label, node_id, props, _sources(props, default_source))
    plan.nodes.extend(nodes.values())
    return nodes


def _endpoint_node(
    iri: Node,
    implied_label: str | None,
    nodes: Mapping[Node, ImportNode],
    concepts: Mapping[str, tuple[str, str]],
) -> tuple[str, str]:
    """Id and label of a relationship endpoint: typed in the data, a concept of the ontology,
    or a node IRI whose class the relationship's domain or range implies."""
    if iri in nodes:
        return nodes[iri].id, nodes[iri].label
    if str(iri) in concepts:
        return concepts[str(iri)]
    node_id = id_from_iri(iri)
    if node_id is None or implied_label is None:
        raise RdfMappingError(
            f"a relationship points at {iri}, which is neither typed in the data nor a node IRI "
            "whose class the ontology implies"
        )
    return node_id, implied_label


Triple = tuple[Node, Node, Node]


def _statements(graph: Graph, relationship_iris: set[URIRef]) -> dict[Triple, list[Node]]:
    """The reified statements about relationships, by the triple they describe."""
    found: dict[Triple, list[Node]] = defaultdict(list)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        predicate = graph.value(statement, RDF.predicate)
        if predicate is None or predicate not in relationship_iris:
            continue
        subject = graph.value(statement, RDF.subject)
        obj = graph.value(statement, RDF.object)
        if subject is None or obj is None:
            raise RdfMappingError(f"statement {statement} lacks rdf:subject or rdf:object")
        found[(subject, predicate, obj)].append(statement)
    return found


def _import_relationships(
    graph: Graph,
    model: OntologyModel,
    nodes: Mapping[Node, ImportNode],
    default_source: str,
    plan: ImportPlan,
) -> None:
    rel_by_iri: dict[Node, Relationship] = {URIRef(r.iri): r for r in model.relationships.values()}
    concepts = _concept_index(model)
    statements = _statements(graph, {URIRef(r.iri) for r in model.relationships.values()})
    triples: set[Triple] = {t for p in rel_by_iri for t in graph.triples((None, p, None))}
    for triple in sorted(triples | set(statements), key=lambda t: tuple(map(str, t))):
        subject, predicate, obj = triple
        rel = rel_by_iri[predicate]
        source = _endpoint_node(subject, rel.domain, nodes, concepts)
        target = _endpoint_node(obj, rel.range, nodes, concepts)
        records: list[Node | None] = [*sorted(statements.get(triple, []), key=str)] or [None]
        for statement in records:
            values = _literal_values(graph, statement, set(), plan.skipped) if statement else {}
            props = _shape_values(values, model)
            sources = _sources(props, default_source)
            key = {k: props[k] for k in KEY_PROPERTIES if k in props}
            plan.relationships.append(
                ImportRelationship(
                    rel.type, source[0], source[1], target[0], target[1], key, props, sources
                )
            )


def rdf_to_plan(
    graph: Graph, model: OntologyModel, default_source: str = IMPORT_SOURCE
) -> ImportPlan:
    """The nodes and relationships an RDF graph holds, as the importer writes them."""
    plan = ImportPlan()
    nodes = _import_nodes(graph, model, default_source, plan)
    _import_relationships(graph, model, nodes, default_source, plan)
    plan.skipped = dict(sorted(plan.skipped.items()))
    return plan


__all__ = [
    "ID",
    "IMPORT_SOURCE",
    "KEY_PROPERTIES",
    "PREFIXES",
    "STATEMENT",
    "ImportNode",
    "ImportPlan",
    "ImportRelationship",
    "NodeRecord",
    "RdfMappingError",
    "RelationshipRecord",
    "bind_prefixes",
    "from_literal",
    "id_from_iri",
    "most_specific_class",
    "node_iri",
    "plan_to_rdf",
    "plan_to_records",
    "rdf_to_plan",
    "records_to_rdf",
    "statement_iri",
    "to_literal",
]
