"""Maintainer mutations, generated from the ontology: ``upsert<Class>`` per concrete class
(MERGE on the canonical id), ``mergeEntities`` (a recorded, undoable merge), ``rejectFact``
(hidden from queries, kept for audit with its reason) and ``ingestDocument`` (a text through
the whole pipeline: privacy filter, extraction, versioned write).

Who may call them is decided by the role checks of the app (maintainers only). Writes use a
synchronous driver in a worker thread: the writer, resolution and the ingest pipeline are
synchronous code shared with the CLI.
"""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime
from typing import Any

import neo4j
import strawberry
from graphql import GraphQLError

from gql.context import Context
from gql.generated import SCALARS, Registry
from graph import queries as graph_queries
from graph.writer import merge_label
from ontology.model import DataProperty, OntologyModel

MAINTAINER_SOURCE = "maintainer"  # the source id of facts a maintainer states
# the ranges an input offers: those of the generated types, without dates and date-times
_SCALARS = {r: t for r, t in SCALARS.items() if r not in ("date", "dateTime")}
# properties the writer and the pipeline own: a maintainer does not set them by hand
_RESERVED = frozenset(
    {"id", "sources", "firstSeen", "lastSeen", "learnedAliases", "redactedText", "ingestedAt"}
)
_NOT_UPSERTED = frozenset({"Document", "EntityMerge"})  # sources and records, not facts

REJECT_FACT = (
    "MATCH (a {id: $source})-[r]->(b {id: $target}) "
    "WHERE type(r) = $type AND any(l IN labels(a) WHERE l IN $labels) "
    "SET r.rejected = true, r.rejectedReason = $reason, r.rejectedAt = datetime($now) "
    "RETURN count(r) AS rejected"
)
NODE_BY_ID = (
    "MATCH (n {id: $id}) WHERE any(l IN labels(n) WHERE l IN $labels) "
    "RETURN n {.*, labels: labels(n)} AS node"
)


@strawberry.type(description="A merge of two nodes, recorded and undoable (`twin unmerge`).")
class MergeResult:
    id: str
    survivor: str
    merged: list[str]
    reason: str


@strawberry.type(description="What happened to a document sent to `ingestDocument`.")
class IngestResult:
    id: str | None
    status: str
    language: str | None
    entities: int
    relations: int
    error: str | None


@strawberry.type(description="How many relationships were rejected.")
class RejectResult:
    rejected: int
    reason: str


class _Pipeline:
    """The sync driver and the (slow to build) extractor, made once per process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._driver: neo4j.Driver | None = None
        self._extractor: Any = None

    def driver(self) -> neo4j.Driver:
        with self._lock:
            if self._driver is None:
                from graph.connection import driver
                from twin.settings import get_settings

                self._driver = driver(get_settings())
            return self._driver

    def extractor(self, model: OntologyModel, database: str | None) -> Any:
        drv = self.driver()
        with self._lock:
            if self._extractor is None:
                from loaders.ingest import extractor_for

                self._extractor = extractor_for(drv, model, database)
            return self._extractor


PIPELINE = _Pipeline()


def _input_type(model: OntologyModel, label: str) -> tuple[Any, list[DataProperty]]:
    props = [
        p
        for p in model.properties_of(label)
        if p.name not in _RESERVED and (p.multi_valued or (p.range or "string") in _SCALARS)
    ]
    annotations: dict[str, Any] = {"id": strawberry.ID}
    for prop in props:
        base = _SCALARS.get(prop.range or "string", str)
        annotations[prop.name] = list[str] | None if prop.multi_valued else base | None
    namespace: dict[str, Any] = {"__annotations__": annotations}
    namespace.update({p.name: None for p in props})
    cls = type(f"{label}Input", (), namespace)
    cls.__module__ = __name__
    return strawberry.input(cls, description=f"A {label} to create or update by id."), props


def _upsert_field(model: OntologyModel, registry: Registry, label: str) -> Any:
    input_type, props = _input_type(model, label)
    merge_on = merge_label(model, label)
    extra = [lbl for lbl in model.node_labels(label) if lbl != merge_on]
    cypher = graph_queries.merge_nodes(merge_on, extra)

    async def resolve(info: strawberry.Info[Context, None], input: Any) -> Any:
        values = {p.name: getattr(input, p.name) for p in props}
        row = {
            "id": str(input.id),
            "props": {k: v for k, v in values.items() if v is not None},
            "createProps": {},
            "sources": [MAINTAINER_SOURCE],
        }
        ctx = info.context
        now = datetime.now(UTC).isoformat()
        async with ctx.driver.session(database=ctx.database) as session:
            await session.execute_write(_run, cypher, {"rows": [row], "now": now})
        records = await ctx.read(NODE_BY_ID, id=row["id"], labels=ctx.labels)
        return registry.wrap(records[0]["node"]) if records else None

    resolve.__annotations__ = {
        "info": strawberry.Info[Context, None],
        "input": input_type,
        "return": registry.types[label] | None,
    }
    return strawberry.field(
        resolver=resolve,
        name=f"upsert{label}",
        description=f"Create or update a {label} by its canonical id (MERGE); the maintainer "
        "becomes one of its sources.",
    )


async def _run(tx: neo4j.AsyncManagedTransaction, cypher: str, params: dict[str, Any]) -> None:
    result = await tx.run(cypher, params)
    await result.consume()


def mutation_type(model: OntologyModel, registry: Registry) -> Any:
    """The Mutation type: an upsert per concrete class, and the three maintenance fields."""
    fields: dict[str, Any] = {}
    for concrete in model.concrete_classes:
        if concrete.label in _NOT_UPSERTED or concrete.label not in registry.types:
            continue
        fields[f"upsert{concrete.label}"] = _upsert_field(model, registry, concrete.label)

    async def merge_entities(
        info: strawberry.Info[Context, None],
        survivor: strawberry.ID,
        merged: strawberry.ID,
        reason: str,
    ) -> MergeResult:
        from graph.resolution import ResolutionError, merge_record

        database = info.context.database
        try:
            record = await asyncio.to_thread(
                merge_record, PIPELINE.driver(), model, str(survivor), str(merged), reason, database
            )
        except (ResolutionError, KeyError, ValueError) as exc:
            raise GraphQLError(str(exc)) from None
        return MergeResult(
            id=str(record.id), survivor=record.survivor, merged=list(record.merged), reason=reason
        )

    async def reject_fact(
        info: strawberry.Info[Context, None],
        source: strawberry.ID,
        type: str,
        target: strawberry.ID,
        reason: str,
    ) -> RejectResult:
        try:
            model.rel(type)
        except KeyError:
            raise GraphQLError(f"{type!r} is not a relationship type of the ontology") from None
        if not reason.strip():
            raise GraphQLError("a rejection needs a reason")
        ctx = info.context
        params = {
            "source": str(source),
            "target": str(target),
            "type": type,
            "reason": reason,
            "labels": ctx.labels,
            "now": datetime.now(UTC).isoformat(),
        }
        async with ctx.driver.session(database=ctx.database) as session:
            count = await session.execute_write(_count, REJECT_FACT, params)
        if count == 0:
            raise GraphQLError(f"no {type} relationship from {source} to {target}")
        return RejectResult(rejected=count, reason=reason)

    async def ingest_document(
        info: strawberry.Info[Context, None], text: str, source: str, title: str | None = None
    ) -> IngestResult:
        database = info.context.database
        return await asyncio.to_thread(_ingest_text, model, database, text, source, title)

    for func in (merge_entities, reject_fact, ingest_document):
        func.__module__ = __name__
    fields["merge_entities"] = strawberry.field(
        resolver=merge_entities,
        description="Merge node `merged` into `survivor` (recorded; `twin unmerge` undoes it).",
    )
    fields["reject_fact"] = strawberry.field(
        resolver=reject_fact,
        description="Reject the relationships of a type between two nodes: hidden from "
        "queries, kept for audit with the reason.",
    )
    fields["ingest_document"] = strawberry.field(
        resolver=ingest_document,
        description="Store a text as a document: privacy filter, extraction, versioned write "
        "(the same text again changes nothing).",
    )
    mutation = type("Mutation", (), fields)
    mutation.__module__ = __name__
    return strawberry.type(mutation, description="Changes to the twin (maintainers only).")


async def _count(tx: neo4j.AsyncManagedTransaction, cypher: str, params: dict[str, Any]) -> int:
    result = await tx.run(cypher, params)
    record = await result.single()
    return int(record["rejected"]) if record else 0


def _ingest_text(
    model: OntologyModel, database: str | None, text: str, source: str, title: str | None
) -> IngestResult:
    from graph.writer import GraphWriter
    from loaders.documents import from_text
    from loaders.ingest import IngestAbortedError, Ingestor, KnownDocuments
    from twin.errors import IngestError

    drv = PIPELINE.driver()
    extractor = PIPELINE.extractor(model, database)
    try:
        doc = from_text(text, source, title)
    except IngestError as exc:
        raise GraphQLError(exc.one_line()) from None
    run = Ingestor(
        extractor,
        GraphWriter(drv, model, database=database),
        KnownDocuments.load(drv, database),
    )
    try:
        result = run.add_document(doc, source)
        run.flush()
    except IngestAbortedError as exc:
        raise GraphQLError(exc.one_line()) from None
    return IngestResult(
        id=result.doc_id,
        status=result.status,
        language=result.lang,
        entities=result.entities,
        relations=result.relations,
        error=result.reason,
    )


__all__ = ["MAINTAINER_SOURCE", "PIPELINE", "mutation_type"]
