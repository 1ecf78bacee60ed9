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


@dataclass
class WritePlan:
    """Everything one unit of work writes, in one transaction."""

    nodes: list[NodeRow] = field(default_factory=list)
    relationships: list[RelationshipRow] = field(default_factory=list)
    # (label, id, surface): names under which a document mentions an existing node
    aliases: list[tuple[str, str, str]] = field(default_factory=list)

    def extend(self, other: WritePlan) -> None:
        self.nodes.extend(other.nodes)
        self.relationships.extend(other.relationships)
        self.aliases.extend(other.aliases)


@dataclass(frozen=True)
class WriteResult:
    """Counters reported by the server for one plan."""

    nodes_created: int
    relationships_created: int
    properties_set: int
    labels_added: int
    queries: int
    relationships_missing_endpoint: int


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
    statement serves every row of its group."""
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for label, row in nodes:
        by_label[label].append(row)
    by_shape: dict[Shape, list[dict[str, Any]]] = defaultdict(list)
    for shape, row in relationships:
        model.rel(shape[0])
        by_shape[shape].append(row)
    statements: list[Statement] = []
    for label, rows in by_label.items():
        merge_on = merge_label(model, label)
        extra = [lbl for lbl in model.node_labels(label) if lbl != merge_on]
        statements.append((queries.merge_nodes(merge_on, extra), rows))
    for (rel_type, src, tgt, keys), rows in by_shape.items():
        statements.append((queries.merge_relationships(rel_type, src, tgt, keys), rows))
    return statements


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
    return WriteResult(
        totals["nodes"],
        totals["rels"],
        totals["props"],
        totals["labels"],
        totals["queries"],
        totals["missing"],
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

    def write(self, plan: WritePlan) -> WriteResult:
        """Write the plan in one transaction; on any error nothing of it remains."""
        self._check(plan)
        now = datetime.now(UTC).isoformat()
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
                    },
                )
                for rel in plan.relationships
            ],
        )

        statements += self._alias_statements(plan)

        def work(tx: neo4j.ManagedTransaction) -> WriteResult:
            return run_statements(tx, statements, self._batch_size, now)

        with self._driver.session(database=self._database) as session:
            return session.execute_write(work)


__all__ = [
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
