"""Batched, idempotent writes with provenance: one transaction per plan, UNWIND per batch.

A ``WritePlan`` holds the nodes and relationships of one unit of work (a document, the seed
data). The writer MERGEs nodes on their canonical ``id`` and relationships on their endpoints
plus optional key properties, so writing the same plan twice changes nothing. Every node and
relationship records the ids of the sources that support it in ``sources``. Labels and types
are checked against the ontology before any Cypher is built.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import neo4j
from pydantic import BaseModel, ConfigDict, Field

from graph import queries
from ontology.model import OntologyModel

DEFAULT_BATCH_SIZE = 20_000  # rows per transaction of `twin ingest` (bench/ingest.py)
Scalar = str | int | float | bool | None
PropValue = Scalar | list[str] | list[float] | list[int]


class NodeRow(BaseModel):
    """A node to MERGE: its most specific class, canonical id, properties and source.

    ``create_props`` are set only when the node is created (e.g. ``ingestedAt``), so that
    writing the same node again changes nothing.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    id: str = Field(min_length=1)
    props: dict[str, PropValue] = Field(default_factory=dict)
    create_props: dict[str, PropValue] = Field(default_factory=dict)
    source: str


class RelationshipRow(BaseModel):
    """A relationship to MERGE between two nodes that exist (or are in the same plan)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str
    source: str
    source_label: str
    target: str
    target_label: str
    key: dict[str, Scalar] = Field(default_factory=dict)
    props: dict[str, PropValue] = Field(default_factory=dict)
    provenance: str
    span: str | None = None  # "<document id>#<start>-<end>": the evidence in that document


@dataclass
class WritePlan:
    """Everything one unit of work writes, in one transaction."""

    nodes: list[NodeRow] = field(default_factory=list)
    relationships: list[RelationshipRow] = field(default_factory=list)
    # (label, id, surface): names under which a document mentions an existing node
    aliases: list[tuple[str, str, str]] = field(default_factory=list)
    # (document id, kind): documents whose facts are retracted before anything is written
    retract: list[tuple[str, str]] = field(default_factory=list)
    # (document id, URI): where a document was read from, added or no longer there
    uris_added: list[tuple[str, str]] = field(default_factory=list)
    uris_dropped: list[tuple[str, str]] = field(default_factory=list)

    def extend(self, other: WritePlan) -> None:
        self.nodes.extend(other.nodes)
        self.relationships.extend(other.relationships)
        self.aliases.extend(other.aliases)
        self.retract.extend(other.retract)
        self.uris_added.extend(other.uris_added)
        self.uris_dropped.extend(other.uris_dropped)

    @property
    def rows(self) -> int:
        """How many rows the plan writes (its size for batching)."""
        return (
            len(self.nodes)
            + len(self.relationships)
            + len(self.aliases)
            + len(self.uris_added)
            + len(self.uris_dropped)
            + 10 * len(self.retract)
        )


@dataclass(frozen=True)
class WriteResult:
    """Counters reported by the server for one plan."""

    nodes_created: int
    relationships_created: int
    properties_set: int
    labels_added: int
    queries: int
    relationships_missing_endpoint: int
    nodes_deleted: int = 0
    relationships_deleted: int = 0


def merge_label(model: OntologyModel, label: str) -> str:
    """The label a node of class ``label`` is MERGEd on: its most general concrete class, so
    that a node can move to a more specific class (Stakeholder → Police) in place."""
    concrete = [lbl for lbl in model.lineage(label) if not model.cls(lbl).abstract]
    return concrete[-1]


Shape = tuple[str, str, str, tuple[str, ...]]  # type, source label, target label, key names
Statement = tuple[str, list[dict[str, Any]]]


def grouped_statements(
    model: OntologyModel,
    nodes: Iterable[tuple[str, dict[str, Any]]],
    relationships: Iterable[tuple[Shape, dict[str, Any]]],
) -> list[Statement]:
    """(Cypher, rows) per node class and per relationship shape, nodes first: one UNWIND
    statement serves every row of its group. Rows for the same node (or the same
    relationship) are combined first — sources and spans united, later properties winning —
    because rows of one UNWIND do not see each other's writes."""
    by_label: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for label, row in nodes:
        _combine(by_label[label], row["id"], row)
    by_shape: dict[Shape, dict[Any, dict[str, Any]]] = defaultdict(dict)
    for (rel_type, src, tgt, keys), row in relationships:
        model.rel(rel_type)
        # endpoints are found by id on the class they are MERGEd on: fewer distinct statements
        # (Stakeholder, not each of its fifteen subclasses), so fewer query plans to make
        shape = (rel_type, _match_label(model, src), _match_label(model, tgt), keys)
        key = (row["source"], row["target"], tuple(sorted(row.get("key", {}).items())))
        _combine(by_shape[shape], key, row)
    statements: list[Statement] = []
    for label, by_id in by_label.items():
        rows = list(by_id.values())
        merge_on = merge_label(model, label)
        extra = [lbl for lbl in model.node_labels(label) if lbl != merge_on]
        statements.append((queries.merge_nodes(merge_on, extra), rows))
    for (rel_type, src, tgt, keys), by_key in by_shape.items():
        statements.append(
            (queries.merge_relationships(rel_type, src, tgt, keys), list(by_key.values()))
        )
    return statements


def _match_label(model: OntologyModel, label: str) -> str:
    """The label a relationship's endpoint is found by: its merge label, or the label itself
    for an abstract class (an RDF import may only know that an endpoint is a Place)."""
    if model.cls(label).abstract:
        return label
    return merge_label(model, label)


def _combine(rows: dict[Any, dict[str, Any]], key: Any, row: dict[str, Any]) -> None:
    """Fold ``row`` into the row already planned for the same node or relationship."""
    seen = rows.get(key)
    if seen is None:
        rows[key] = row
        return
    combined = dict(seen)
    combined["props"] = {**seen.get("props", {}), **row.get("props", {})}
    if "createProps" in seen:
        combined["createProps"] = {**row.get("createProps", {}), **seen["createProps"]}
    for field_name in ("sources", "spans"):
        if field_name in seen:
            combined[field_name] = list(
                dict.fromkeys([*seen[field_name], *row.get(field_name, [])])
            )
    rows[key] = combined


def run_statements(
    tx: neo4j.ManagedTransaction, statements: Sequence[Statement], batch_size: int, now: str
) -> WriteResult:
    """Run each statement over its rows in UNWIND batches inside one transaction and add up
    the server's counters; relationship rows whose endpoints were not found are counted."""
    totals: defaultdict[str, int] = defaultdict(int)
    for cypher, rows in statements:
        for batch in batched(rows, batch_size):
            result = tx.run(cypher, rows=list(batch), now=now)
            written = sum(r["written"] for r in result) if "RETURN" in cypher else len(batch)
            counters = result.consume().counters
            totals["nodes"] += counters.nodes_created
            totals["rels"] += counters.relationships_created
            totals["props"] += counters.properties_set
            totals["labels"] += counters.labels_added
            totals["queries"] += 1
            totals["missing"] += len(batch) - written
            totals["nodes_deleted"] += counters.nodes_deleted
            totals["rels_deleted"] += counters.relationships_deleted
    return WriteResult(
        totals["nodes"],
        totals["rels"],
        totals["props"],
        totals["labels"],
        totals["queries"],
        totals["missing"],
        totals["nodes_deleted"],
        totals["rels_deleted"],
    )


def batched(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class GraphWriter:
    """Writes plans; construction does no I/O."""

    def __init__(
        self,
        driver: neo4j.Driver,
        model: OntologyModel,
        *,
        database: str | None = None,
        batch_size: int = 1000,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._driver = driver
        self._model = model
        self._database = database
        self._batch_size = batch_size

    def _check(self, plan: WritePlan) -> None:
        for node in plan.nodes:
            if self._model.cls(node.label).abstract:
                raise ValueError(f"class {node.label} is abstract: nodes need a concrete class")
        for rel in plan.relationships:
            self._model.rel(rel.type)
            self._model.cls(rel.source_label)
            self._model.cls(rel.target_label)

    @property
    def model(self) -> OntologyModel:
        return self._model

    @property
    def driver(self) -> neo4j.Driver:
        return self._driver

    @property
    def database(self) -> str | None:
        return self._database

    def _alias_statements(self, plan: WritePlan) -> list[Statement]:
        by_label: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for label, node_id, surface in plan.aliases:
            forms = by_label[merge_label(self._model, label)][node_id]
            if surface not in forms:
                forms.append(surface)
        return [
            (
                queries.add_aliases(label),
                [{"id": node_id, "aliases": forms} for node_id, forms in rows.items()],
            )
            for label, rows in by_label.items()
        ]

    def statements(self, plan: WritePlan) -> list[Statement]:
        """The (Cypher, rows) the plan needs, in order: retractions, nodes, relationships,
        aliases, document places. Checks the plan against the ontology first."""
        self._check(plan)
        statements = grouped_statements(
            self._model,
            [
                (
                    node.label,
                    {
                        "id": node.id,
                        "props": node.props,
                        "createProps": node.create_props,
                        "sources": [node.source],
                    },
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
                        "sources": [rel.provenance],
                        "spans": [rel.span] if rel.span else [],
                    },
                )
                for rel in plan.relationships
            ],
        )

        return (
            self._retract_statements(plan)
            + statements
            + self._alias_statements(plan)
            + self._uri_statements(plan.uris_added, queries.ADD_DOCUMENT_URIS)
        )

    def write(self, plan: WritePlan) -> WriteResult:
        """Write the plan in one transaction; on any error nothing of it remains."""
        statements = self.statements(plan)
        now = datetime.now(UTC).isoformat()

        def work(tx: neo4j.ManagedTransaction) -> WriteResult:
            return run_statements(tx, statements, self._batch_size, now)

        with self._driver.session(database=self._database) as session:
            return session.execute_write(work)

    def _uri_statements(self, pairs: list[tuple[str, str]], cypher: str) -> list[Statement]:
        by_doc: dict[str, list[str]] = defaultdict(list)
        for doc_id, uri in pairs:
            if uri not in by_doc[doc_id]:
                by_doc[doc_id].append(uri)
        rows = [{"id": doc_id, "uris": uris} for doc_id, uris in by_doc.items()]
        return [(cypher, rows)] if rows else []

    def _retract_statements(self, plan: WritePlan) -> list[Statement]:
        """URIs a document no longer has, then the facts of each retracted document."""
        statements = self._uri_statements(plan.uris_dropped, queries.DROP_DOCUMENT_URIS)
        for doc_id, kind in plan.retract:
            steps = (
                [
                    queries.RETRACT_DOCUMENT_RELATIONSHIPS,
                    queries.MOVE_EVIDENCE,
                    queries.RETRACT_DOCUMENT_NODES,
                ]
                if kind == "document"
                else [queries.RETRACT_DATASET_RELATIONSHIPS, queries.RETRACT_DATASET_NODES]
            )
            statements += [(cypher, [{"id": doc_id}]) for cypher in steps]
            statements.append((queries.DELETE_DOCUMENT, [{"id": doc_id}]))
        return statements


__all__ = [
    "DEFAULT_BATCH_SIZE",
    "GraphWriter",
    "NodeRow",
    "RelationshipRow",
    "WritePlan",
    "WriteResult",
    "batched",
    "grouped_statements",
    "merge_label",
    "run_statements",
]
