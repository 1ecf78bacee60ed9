"""RDF export and import of the Neo4j graph (``twin export``, ``twin import-rdf``).

Export reads every node (labels and properties) and every relationship (type, endpoint ids,
properties) in one read transaction and maps them with ``ontology.rdf.records_to_rdf``.
Import maps an RDF graph with ``ontology.rdf.rdf_to_plan`` and writes it in one write
transaction, in UNWIND batches of MERGE on ``id`` (nodes) and on endpoints plus key properties
(relationships), so importing the same file twice changes nothing. The mapping itself (IRIs,
datatypes, reification of relationship properties) is described in ``ontology/rdf.py``; the
Cypher is in ``graph/queries.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import neo4j
from rdflib import Graph

from graph import queries
from graph.writer import Statement, grouped_statements, run_statements
from ontology.model import OntologyModel
from ontology.rdf import (
    IMPORT_SOURCE,
    PREFIXES,
    ImportPlan,
    NodeRecord,
    RdfMappingError,
    RelationshipRecord,
    rdf_to_plan,
    records_to_rdf,
)
from twin.errors import TwinError

FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt"}
SUFFIXES = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".nt": "nt",
    ".ntriples": "nt",
}


class RdfError(TwinError):
    """RDF that cannot be read, mapped or written."""


@dataclass(frozen=True)
class Export:
    """The exported graph and what it holds."""

    graph: Graph
    nodes: int
    relationships: int


@dataclass
class ImportResult:
    """What an import wrote (counters reported by the server) and what it left out."""

    nodes: int = 0
    relationships: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    missing_endpoints: int = 0
    skipped: dict[str, int] = field(default_factory=dict)


# ------------------------------------------------------------------ export


def read_records(
    driver: neo4j.Driver, database: str | None = None
) -> tuple[list[NodeRecord], list[RelationshipRecord]]:
    """Every node and relationship of the database, read in one transaction."""

    def work(
        tx: neo4j.ManagedTransaction,
    ) -> tuple[list[NodeRecord], list[RelationshipRecord]]:
        nodes = [
            NodeRecord(tuple(rec["labels"]), dict(rec["props"]))
            for rec in tx.run(queries.EXPORT_NODES)
        ]
        rels = [
            RelationshipRecord(rec["type"], rec["source"], rec["target"], dict(rec["props"]))
            for rec in tx.run(queries.EXPORT_RELATIONSHIPS)
        ]
        return nodes, rels

    with driver.session(database=database) as session:
        return session.execute_read(work)


def export_graph(driver: neo4j.Driver, model: OntologyModel, database: str | None = None) -> Export:
    """The whole Neo4j graph as RDF with the ontology's IRIs."""
    nodes, rels = read_records(driver, database)
    try:
        graph = records_to_rdf(nodes, rels, model)
    except (RdfMappingError, KeyError) as exc:
        raise RdfError(
            f"cannot export the graph as RDF: {exc}",
            "check that every node has an id and a label of the ontology",
        ) from exc
    return Export(graph, len(nodes), len(rels))


def serialize(graph: Graph, fmt: str) -> str:
    """The graph as ``turtle``, ``jsonld`` or ``ntriples`` text."""
    if fmt not in FORMATS:
        raise RdfError(f"unknown RDF format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    if fmt == "jsonld":  # compact IRIs with the twin's prefixes
        context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, auto_compact=True)
    return graph.serialize(format=FORMATS[fmt])


# ------------------------------------------------------------------ import


def read_rdf(path: Path, fmt: str | None = None) -> Graph:
    """Parse an RDF file; the format comes from ``fmt`` or the file's suffix."""
    rdflib_format = FORMATS.get(fmt, fmt) if fmt else SUFFIXES.get(path.suffix.lower())
    if rdflib_format is None:
        raise RdfError(
            f"{path}: cannot tell the RDF format from the suffix {path.suffix!r}",
            f"name the file .ttl, .jsonld or .nt, or pass --format ({', '.join(FORMATS)})",
        )
    graph = Graph()
    try:
        graph.parse(path, format=rdflib_format)
    except OSError as exc:
        raise RdfError(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
    except Exception as exc:  # rdflib raises parser-specific types
        message = " ".join(str(exc).split())
        raise RdfError(f"{path}: not valid {rdflib_format}: {message}") from exc
    return graph


def plan_for(graph: Graph, model: OntologyModel, default_source: str = IMPORT_SOURCE) -> ImportPlan:
    """The import plan of an RDF graph, with mapping errors as one-line twin errors."""
    try:
        return rdf_to_plan(graph, model, default_source)
    except (RdfMappingError, KeyError) as exc:
        raise RdfError(f"cannot import the RDF: {exc}") from exc


def _statements(plan: ImportPlan, model: OntologyModel) -> list[Statement]:
    """(Cypher, rows) per node class and per relationship shape, nodes first."""
    return grouped_statements(
        model,
        [
            (
                node.label,
                {"id": node.id, "props": node.props, "createProps": {}, "sources": node.sources},
            )
            for node in plan.nodes
        ],
        [
            (
                (rel.type, rel.source_label, rel.target_label, tuple(sorted(rel.key))),
                {
                    "source": rel.source,
                    "target": rel.target,
                    "key": rel.key,
                    "props": rel.props,
                    "sources": rel.sources,
                },
            )
            for rel in plan.relationships
        ],
    )


def write_plan(
    driver: neo4j.Driver,
    model: OntologyModel,
    plan: ImportPlan,
    database: str | None = None,
    batch_size: int = 1000,
) -> ImportResult:
    """Write an import plan in one transaction; on any error (a relationship whose endpoint
    is missing among them) nothing of it remains."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    statements = _statements(plan, model)
    now = datetime.now(UTC).isoformat()

    def work(tx: neo4j.ManagedTransaction) -> ImportResult:
        counters = run_statements(tx, statements, batch_size, now)
        result = ImportResult(
            nodes=len(plan.nodes),
            relationships=len(plan.relationships),
            nodes_created=counters.nodes_created,
            relationships_created=counters.relationships_created,
            properties_set=counters.properties_set,
            missing_endpoints=counters.relationships_missing_endpoint,
            skipped=plan.skipped,
        )
        if result.missing_endpoints:
            raise RdfError(
                f"{result.missing_endpoints} relationships point at nodes that are neither in "
                "the file nor in the database; nothing was imported",
                "import the nodes they point at first, or add them to the file",
            )
        return result

    with driver.session(database=database) as session:
        return session.execute_write(work)


def import_graph(
    driver: neo4j.Driver,
    model: OntologyModel,
    graph: Graph,
    database: str | None = None,
    batch_size: int = 1000,
    default_source: str = IMPORT_SOURCE,
) -> ImportResult:
    """Map an RDF graph onto the twin and write it (idempotent, one transaction)."""
    return write_plan(driver, model, plan_for(graph, model, default_source), database, batch_size)


__all__ = [
    "FORMATS",
    "Export",
    "ImportResult",
    "RdfError",
    "export_graph",
    "import_graph",
    "plan_for",
    "read_rdf",
    "read_records",
    "serialize",
    "write_plan",
]
