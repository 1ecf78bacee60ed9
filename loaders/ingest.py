"""The ingest pipeline: discover → read → extract → plan → write in batched transactions.

Each file is a document identified by the hash of its content. What the graph already holds
decides what happens to it (see ``docs/provenance.md``):

- ``new``: never seen — extracted and written;
- ``unchanged``: the same content at the same place, read by the same extractor version —
  skipped, so ingesting again changes nothing;
- ``changed``: different content at a place the graph knows — the old version's facts are
  retracted (facts other sources support stay) and the new version written, in one transaction;
- ``copy``: content the graph knows, at a new place — the place is added to the document;
- ``re-extracted``: the same content read by another extractor version (or ``force``) —
  retracted and extracted again.

Plans of several files are written together, one transaction per batch of about
``batch_size`` rows. If a batch fails, its files are written one by one so that a single bad
file is reported and skipped while the others are stored; a failed file leaves nothing
half-written. If Neo4j stops answering, the run stops with ``IngestAbortedError``: every batch
written before is complete, and running the same command again resumes (stored files are
``unchanged``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import neo4j

from graph import queries
from graph.reads import gazetteer
from graph.writer import (
    DEFAULT_BATCH_SIZE,
    GraphWriter,
    NodeRow,
    PropValue,
    RelationshipRow,
    WritePlan,
)
from loaders.documents import STRUCTURED_SUFFIXES, SourceDocument, discover, read
from nlp.extraction import Extraction, Extractor
from nlp.gazetteer import CLASS_ID_PREFIX, ontology_entries
from nlp.pipeline import RedactingExtractor, build_extractor
from ontology.model import OntologyModel
from twin.errors import IngestError, TwinError

EVIDENCE_CHARS = 400  # the redacted sentence a relation was read from, kept on the relationship
CONNECTION_ERRORS = (
    neo4j.exceptions.ServiceUnavailable,
    neo4j.exceptions.SessionExpired,
    neo4j.exceptions.IncompleteCommit,
    OSError,
)


class IngestAbortedError(TwinError):
    """Neo4j stopped answering in the middle of a run."""


@dataclass
class FileResult:
    """What happened to one file."""

    path: str
    status: str  # new | changed | unchanged | copy | re-extracted | failed
    doc_id: str | None = None
    title: str | None = None
    lang: str | None = None
    words: int = 0
    entities: int = 0
    relations: int = 0
    replaced: list[str] = field(default_factory=list)  # ids of the versions it replaced
    reason: str | None = None


@dataclass
class IngestReport:
    """What happened to each file, and what the writes did to the graph."""

    files: list[FileResult] = field(default_factory=list)
    nodes_created: int = 0
    relationships_created: int = 0
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    transactions: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    aborted: str | None = None

    @property
    def stored(self) -> list[tuple[str, str, int]]:
        """(path, document id, entities) of every file that is in the graph after the run."""
        return [
            (f.path, f.doc_id or "", f.entities)
            for f in self.files
            if f.status != "failed" and f.doc_id is not None
        ]

    @property
    def failed(self) -> list[tuple[str, str]]:
        return [(f.path, f.reason or "failed") for f in self.files if f.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed and self.aborted is None

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def words(self) -> int:
        return sum(f.words for f in self.files if f.status != "failed")

    def as_dict(self) -> dict[str, object]:
        """The machine-readable report (``twin ingest --json``)."""
        statuses = ("new", "changed", "unchanged", "copy", "re-extracted", "failed")
        return {
            "ok": self.ok,
            "dryRun": self.dry_run,
            "aborted": self.aborted,
            "seconds": round(self.seconds, 3),
            "files": len(self.files),
            "statuses": {s: self.count(s) for s in statuses},
            "words": self.words,
            "entities": sum(f.entities for f in self.files),
            "relations": sum(f.relations for f in self.files),
            "nodesCreated": self.nodes_created,
            "relationshipsCreated": self.relationships_created,
            "nodesDeleted": self.nodes_deleted,
            "relationshipsDeleted": self.relationships_deleted,
            "transactions": self.transactions,
            "results": [
                {
                    "path": f.path,
                    "status": f.status,
                    "id": f.doc_id,
                    "title": f.title,
                    "language": f.lang,
                    "words": f.words,
                    "entities": f.entities,
                    "relations": f.relations,
                    "replaced": f.replaced,
                    "error": f.reason,
                }
                for f in self.files
            ],
        }


# told about each file once it is planned, and again if its write then fails (progress bar)
Progress = Callable[[FileResult], None]


@dataclass
class KnownDocuments:
    """The documents the graph holds: id → (kind, URIs, extractor version), and which
    documents each URI has (an index, so that deciding a file costs no scan)."""

    kinds: dict[str, str] = field(default_factory=dict)
    uris: dict[str, list[str]] = field(default_factory=dict)
    versions: dict[str, str | None] = field(default_factory=dict)
    _by_uri: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, driver: neo4j.Driver, database: str | None = None) -> KnownDocuments:
        records, _, _ = driver.execute_query(queries.DOCUMENT_STATE, database_=database)
        known = cls()
        for rec in records:
            for uri in rec["uris"]:
                known.add(rec["id"], rec["kind"], uri, rec["version"])
            if not rec["uris"]:
                known.kinds[rec["id"]] = rec["kind"]
                known.uris[rec["id"]] = []
                known.versions[rec["id"]] = rec["version"]
        return known

    def at(self, uri: str) -> list[str]:
        """The documents read from ``uri`` (normally one: its current version)."""
        return sorted(self._by_uri.get(uri, ()))

    def forget_uri(self, doc_id: str, uri: str) -> bool:
        """Drop ``uri`` from the document; True when it has no place left (retract it)."""
        left = [u for u in self.uris.get(doc_id, []) if u != uri]
        self.uris[doc_id] = left
        self._by_uri.get(uri, set()).discard(doc_id)
        if left:
            return False
        self.remove(doc_id)
        return True

    def remove(self, doc_id: str) -> None:
        for uri in self.uris.get(doc_id, []):
            self._by_uri.get(uri, set()).discard(doc_id)
        self.kinds.pop(doc_id, None)
        self.uris.pop(doc_id, None)
        self.versions.pop(doc_id, None)

    def add(self, doc_id: str, kind: str, uri: str, version: str | None) -> None:
        self.kinds[doc_id] = kind
        uris = self.uris.setdefault(doc_id, [])
        if uri not in uris:
            uris.append(uri)
        self._by_uri.setdefault(uri, set()).add(doc_id)
        self.versions[doc_id] = version


def document_plan(
    doc: SourceDocument,
    extraction: Extraction,
    model: OntologyModel | None = None,
    *,
    title: str | None = None,
) -> WritePlan:
    """The Document node and its MENTIONS, each with offsets and provenance; with the ontology
    ``model``, the forms under which places, organisations and programmes are mentioned join
    their ``aliases`` (the ontology's own concepts keep their labels).

    The text is stored only when it went through the privacy filter (``redactedText``, with
    the number of redactions); mention offsets refer to that text. ``title`` must already be
    free of personal data.
    """
    plan = WritePlan()
    text_props: dict[str, PropValue] = (
        {"redactedText": extraction.text, "redactionCount": len(extraction.redactions)}
        if extraction.redacted
        else {}
    )
    plan.nodes.append(
        NodeRow(
            label="Document",
            id=doc.id,
            source=doc.id,
            props={
                "kind": "document",
                "sourceUri": doc.source_uri,
                "title": title,
                "mediaType": doc.media_type,
                "encoding": doc.encoding,
                "language": extraction.lang,
                "sha256": doc.sha256,
                "characters": len(extraction.text),
                "words": len(extraction.text.split()),
                "extractor": extraction.extractor,
                "extractorVersion": extraction.extractor_version,
                **text_props,
            },
            create_props={"ingestedAt": datetime.now(UTC).isoformat(timespec="seconds")},
        )
    )
    plan.uris_added.append((doc.id, doc.source_uri))
    types = {ent.id: ent.type for ent in extraction.entities}
    new_ids = set(extraction.new_ids)
    for ent in extraction.entities:
        if ent.id.startswith(CLASS_ID_PREFIX):
            continue  # a word for a kind of thing, not a thing the graph holds
        if ent.id in new_ids:
            new_ids.discard(ent.id)  # one node per new entity, cited by this document
            plan.nodes.append(
                NodeRow(
                    label=ent.type,
                    id=ent.id,
                    source=doc.id,
                    props={"name": ent.name},
                    create_props={"aliases": [ent.name]},
                )
            )
        surface = " ".join(ent.text.split())
        if model is not None and surface != ent.name and ent.id not in model.concepts:
            plan.aliases.append((ent.type, ent.id, surface))  # aliases accumulate
        plan.relationships.append(
            RelationshipRow(
                type="MENTIONS",
                source=doc.id,
                source_label="Document",
                target=ent.id,
                target_label=ent.type,
                key={"start": ent.start, "end": ent.end},
                provenance=doc.id,
                props={
                    "text": ent.text,
                    "confidence": ent.confidence,
                    "extractor": extraction.extractor,
                    "extractorVersion": extraction.extractor_version,
                },
            )
        )
    for rel in extraction.relations:
        if rel.source not in types or rel.target not in types:
            continue
        evidence = " ".join(extraction.text[rel.start : rel.end].split())
        plan.relationships.append(
            RelationshipRow(
                type=rel.type,
                source=rel.source,
                source_label=types[rel.source],
                target=rel.target,
                target_label=types[rel.target],
                provenance=doc.id,
                span=f"{doc.id}#{rel.start}-{rel.end}",
                props={
                    "confidence": rel.confidence,
                    "evidence": evidence[:EVIDENCE_CHARS],
                    "evidenceDocument": doc.id,
                    "evidenceStart": rel.start,
                    "evidenceEnd": rel.end,
                    "extractor": extraction.extractor,
                    "extractorVersion": extraction.extractor_version,
                },
            )
        )
    return plan


def extractor_for(
    driver: neo4j.Driver, model: OntologyModel, database: str | None = None
) -> RedactingExtractor:
    """The privacy filter, then the names and aliases of the reference data in the graph and
    the ontology's words."""
    return build_extractor(gazetteer(driver, model, database) + ontology_entries(model), model)


def extractor_version(extractor: Extractor) -> str:
    """The version an extractor writes on the documents it reads."""
    return extractor.extract("Heerlen.").extractor_version


@dataclass
class _Pending:
    """A planned file waiting for its batch to be written."""

    result: FileResult
    plan: WritePlan


class Ingestor:
    """One ingest run: decides per file, batches the plans, writes, reports."""

    def __init__(
        self,
        extractor: Extractor,
        writer: GraphWriter | None,
        known: KnownDocuments,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        force: bool = False,
        progress: Progress | None = None,
        mapping: Path | None = None,
    ) -> None:
        self.extractor = extractor
        self.writer = writer  # None: a dry run
        self.known = known
        self.batch_size = batch_size
        self.force = force
        self.progress = progress
        self.mapping = mapping
        self.report = IngestReport(dry_run=writer is None)
        self.version = extractor_version(extractor)
        self._pending: list[_Pending] = []
        self._redact_uri: Callable[[str], str] | None = getattr(extractor, "redact_uri", None)
        self._redact_text: Callable[[str], str] | None = getattr(extractor, "redact_text", None)

    # ---------------------------------------------------------------- per file

    def add(self, path: Path) -> None:
        """Read, decide, extract and plan one file (writing when a batch is full)."""
        try:
            pending = self._plan(path)
        except IngestError as exc:
            self._done(FileResult(str(path), "failed", reason=exc.one_line()))
            return
        self._done(pending.result)  # reported now; a refused write changes it to failed
        if pending.plan.rows == 0:  # unchanged: nothing to write
            return
        self._pending.append(pending)
        if sum(p.plan.rows for p in self._pending) >= self.batch_size:
            self.flush()

    def add_document(self, doc: SourceDocument, label: str) -> FileResult:
        """Decide, extract and plan a document that does not come from a file (a text sent to
        the API); ``label`` names it in the report. Call ``flush`` to write."""
        try:
            pending = self._plan_document(doc, label)
        except IngestError as exc:
            result = FileResult(label, "failed", reason=exc.one_line())
            self._done(result)
            return result
        self._done(pending.result)
        if pending.plan.rows:
            self._pending.append(pending)
        return pending.result

    def _plan(self, path: Path) -> _Pending:
        if path.suffix.lower() in STRUCTURED_SUFFIXES:
            return self._plan_table(path)
        return self._plan_document(read(path), str(path))

    def _plan_document(self, doc: SourceDocument, label: str) -> _Pending:
        uri = self._redact_uri(doc.source_uri) if self._redact_uri else doc.source_uri
        doc = SourceDocument(
            id=doc.id,
            source_uri=uri,
            media_type=doc.media_type,
            text=doc.text,
            sha256=doc.sha256,
            title=doc.title,
            encoding=doc.encoding,
        )
        result = FileResult(label, "new", doc_id=doc.id, words=len(doc.text.split()))
        plan = WritePlan()
        if self._settled(doc.id, uri, result, plan, self.version):
            return _Pending(result, plan)
        extraction = self.extractor.extract(doc.text)
        title = doc.title
        if title and self._redact_text is not None:
            title = self._redact_text(title)
        plan.extend(document_plan(doc, extraction, _model(self.writer), title=title))
        result.title, result.lang = title, extraction.lang
        result.entities = len(extraction.entities)
        result.relations = len(extraction.relations)
        self.known.add(doc.id, "document", uri, extraction.extractor_version)
        return _Pending(result, plan)

    def _settled(
        self, doc_id: str, uri: str, result: FileResult, plan: WritePlan, version: str
    ) -> bool:
        """Decide the file's status from what the graph holds; True when nothing needs to be
        extracted (``unchanged``, or a ``copy`` that only adds its place)."""
        status = self._replace_versions(doc_id, uri, result, plan, version)
        if status is not None:
            result.status = status
        return status in ("unchanged", "copy")

    def _replace_versions(
        self, doc_id: str, uri: str, result: FileResult, plan: WritePlan, version: str
    ) -> str | None:
        """Plan what happens to the versions the graph holds; the status when it is not
        ``new``/``changed`` (which the caller extracts)."""
        status = None
        for old in self.known.at(uri):
            if old == doc_id:
                continue
            result.replaced.append(old)
            kind = self.known.kinds.get(old, "document")
            if self.known.forget_uri(old, uri):
                plan.retract.append((old, kind))
            else:
                plan.uris_dropped.append((old, uri))
            status = "changed"
        if doc_id in self.known.kinds:
            stale = self.force or self.known.versions.get(doc_id) != version
            if stale:  # read again from scratch, keeping the other places it was read from
                plan.retract.append((doc_id, self.known.kinds[doc_id]))
                plan.uris_added += [(doc_id, u) for u in self.known.uris[doc_id] if u != uri]
                self.known.remove(doc_id)
                return "re-extracted"
            if uri in self.known.uris.get(doc_id, []):
                return "unchanged" if status is None else status
            plan.uris_added.append((doc_id, uri))
            self.known.add(doc_id, self.known.kinds[doc_id], uri, version)
            return "copy"
        return status

    def _plan_table(self, path: Path) -> _Pending:
        from loaders.mapping import find_mapping, plan_for_file

        mapping = self.mapping or find_mapping(path)
        if mapping is None:
            raise IngestError(
                f"{path}: no mapping file for this table",
                f"put {path.name}.mapping.yaml beside it or pass --mapping (docs/mappings.md)",
            )
        try:
            raw = path.read_bytes()
            # the mapping decides what the table means: a changed mapping reads it again
            version = "twin.mapping+" + hashlib.sha256(mapping.read_bytes()).hexdigest()[:16]
        except OSError as exc:
            raise IngestError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        # a table is reference data: ``dataset:`` ids, so that its entities join the gazetteer
        # (only ``doc:`` sources are texts) and win when duplicates are merged
        doc_id = f"dataset:{hashlib.sha256(raw).hexdigest()}"
        uri = path.resolve().as_uri()
        if self._redact_uri is not None:
            uri = self._redact_uri(uri)
        result = FileResult(str(path), "new", doc_id=doc_id)
        plan = WritePlan()
        if self._settled(doc_id, uri, result, plan, version):
            return _Pending(result, plan)
        table_plan, spec, rows = plan_for_file(
            path,
            _model_or_load(self.writer),
            mapping_path=mapping,
            source_id=doc_id,
            source_uri=uri,
            redact=self._redact_text,
        )
        for i, node in enumerate(table_plan.nodes):
            if node.id == doc_id:  # the dataset's Document: version-aware like a text
                props = dict(node.props)
                props["extractorVersion"] = version
                table_plan.nodes[i] = node.model_copy(update={"props": props})
        plan.extend(table_plan)
        plan.uris_added.append((doc_id, uri))
        result.title = spec.dataset.title
        result.words = rows
        result.entities = len(table_plan.nodes)
        result.relations = len(table_plan.relationships)
        self.known.add(doc_id, "dataset", uri, version)
        return _Pending(result, plan)

    # ---------------------------------------------------------------- writing

    def flush(self) -> None:
        """Write the pending plans in one transaction; on failure, one by one."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        if self.writer is None:
            return
        combined = WritePlan()
        for p in pending:
            combined.extend(p.plan)
        try:
            self._write(combined)
        except CONNECTION_ERRORS as exc:
            self._abort(pending, exc)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, ValueError):
            for p in pending:  # find the file the batch failed on; store the others
                self._write_one(p)

    def _write_one(self, pending: _Pending) -> None:
        try:
            self._write(pending.plan)
        except CONNECTION_ERRORS as exc:
            self._abort([pending], exc)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, ValueError) as exc:
            pending.result.status = "failed"
            pending.result.reason = f"{pending.result.path}: Neo4j refused the write: {exc}"
            if pending.result.doc_id:
                self.known.remove(pending.result.doc_id)
            self._changed(pending.result)

    def _write(self, plan: WritePlan) -> None:
        assert self.writer is not None
        result = self.writer.write(plan)
        self.report.transactions += 1
        self.report.nodes_created += result.nodes_created
        self.report.relationships_created += result.relationships_created
        self.report.nodes_deleted += result.nodes_deleted
        self.report.relationships_deleted += result.relationships_deleted

    def _abort(self, pending: Sequence[_Pending], exc: BaseException) -> None:
        for p in pending:
            p.result.status = "failed"
            p.result.reason = f"{p.result.path}: not stored: Neo4j stopped answering"
            self._changed(p.result)
        stored = len(self.report.stored)
        raise IngestAbortedError(
            f"Neo4j stopped answering during the ingest ({type(exc).__name__}); {stored} "
            "files were stored completely, the batch in flight was not written",
            "start Neo4j again and run the same command: stored files are skipped",
        )

    def _done(self, result: FileResult) -> None:
        """A file is read, decided and planned (or failed): report it once."""
        self.report.files.append(result)
        if self.progress is not None:
            self.progress(result)

    def _changed(self, result: FileResult) -> None:
        """A reported file's write failed after all: tell the progress again."""
        if self.progress is not None:
            self.progress(result)


def _model(writer: GraphWriter | None) -> OntologyModel | None:
    return writer.model if writer is not None else None


def _model_or_load(writer: GraphWriter | None) -> OntologyModel:
    if writer is not None:
        return writer.model
    from ontology import load_model

    return load_model()


def ingest(
    paths: Iterable[Path],
    extractor: Extractor,
    writer: GraphWriter | None,
    progress: Progress | None = None,
    *,
    known: KnownDocuments | None = None,
    driver: neo4j.Driver | None = None,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    force: bool = False,
    mapping: Path | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> IngestReport:
    """Ingest every file under ``paths``; report per file, never stop at the first bad one
    (only when Neo4j stops answering: ``IngestAbortedError``, with the report so far attached as
    ``.report``). ``writer=None`` is a dry run: everything is extracted and planned, nothing
    written. What the graph holds comes from ``known``, else from ``driver`` (or the writer's
    driver)."""
    started = time.perf_counter()
    if known is None:
        source = driver if driver is not None else (writer.driver if writer else None)
        if writer is not None and database is None:
            database = writer.database
        known = KnownDocuments.load(source, database) if source is not None else KnownDocuments()
    run = Ingestor(
        extractor,
        writer,
        known,
        batch_size=batch_size,
        force=force,
        progress=progress,
        mapping=mapping,
    )
    order: dict[str, int] = {}
    try:
        for path in discover(paths, include=include, exclude=exclude):
            order.setdefault(str(path), len(order))
            run.add(path)
        run.flush()
    except IngestAbortedError as exc:
        _finish(run.report, order, started)
        run.report.aborted = exc.one_line()
        exc.report = run.report  # type: ignore[attr-defined]
        raise
    _finish(run.report, order, started)
    return run.report


def _finish(report: IngestReport, order: dict[str, int], started: float) -> None:
    """Files in the order they were found (a batch reports its files when it is written)."""
    report.files.sort(key=lambda f: order.get(f.path, len(order)))
    report.seconds = time.perf_counter() - started


def forget(
    driver: neo4j.Driver,
    model: OntologyModel,
    uris: Sequence[str],
    database: str | None = None,
    redact_uri: Callable[[str], str] | None = None,
) -> dict[str, list[str]]:
    """Remove documents by URI (``file:`` URI or path) or id; facts only they supported go
    with them, in one transaction. ``redact_uri`` is what ingest applied to URIs (person
    names in file names). Returns {given: [document ids]}; unknown ones map to []."""
    known = KnownDocuments.load(driver, database)
    plan = WritePlan()
    done: dict[str, list[str]] = {}
    for given in uris:
        uri = _as_uri(given)
        ids = known.at(uri) if uri is not None else []
        if uri is not None and not ids and redact_uri is not None:
            uri = redact_uri(uri)
            ids = known.at(uri)
        if given in known.kinds:  # an id
            ids, uri = [given], None
        done[given] = ids
        for doc_id in ids:
            kind = known.kinds.get(doc_id, "document")
            if uri is None or known.forget_uri(doc_id, uri):
                plan.retract.append((doc_id, kind))
                known.remove(doc_id)
            else:
                plan.uris_dropped.append((doc_id, uri))
    if plan.rows:
        GraphWriter(driver, model, database=database).write(plan)
    return done


def _as_uri(given: str) -> str | None:
    if "://" in given:
        return given
    if given.startswith("doc:") or given.startswith("dataset:"):
        return None
    return Path(given).resolve().as_uri()


__all__ = [
    "DEFAULT_BATCH_SIZE",
    "FileResult",
    "IngestAbortedError",
    "IngestReport",
    "Ingestor",
    "KnownDocuments",
    "document_plan",
    "extractor_for",
    "extractor_version",
    "forget",
    "ingest",
]
