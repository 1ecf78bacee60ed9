"""The ingest pipeline: read → extract → plan → write, one transaction per document.

A file that cannot be read or stored is reported and skipped; the rest of the batch is stored,
and a failed document leaves nothing half-written (its plan is one transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import neo4j

from graph.reads import gazetteer
from graph.writer import GraphWriter, NodeRow, PropValue, RelationshipRow, WritePlan
from loaders.documents import SourceDocument, discover, read
from nlp.extraction import Extraction, Extractor
from nlp.gazetteer import CLASS_ID_PREFIX, ontology_entries
from nlp.pipeline import RedactingExtractor, build_extractor
from ontology.model import OntologyModel
from twin.errors import IngestError


@dataclass
class IngestReport:
    """What happened to each file."""

    stored: list[tuple[str, str, int]] = field(default_factory=list)  # path, doc id, mentions
    failed: list[tuple[str, str]] = field(default_factory=list)  # path, reason
    nodes_created: int = 0
    relationships_created: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


EVIDENCE_CHARS = 400  # the redacted sentence a relation was read from, kept on the relationship


def document_plan(
    doc: SourceDocument, extraction: Extraction, model: OntologyModel | None = None
) -> WritePlan:
    """The Document node and its MENTIONS, each with offsets and provenance; with the ontology
    ``model``, the forms under which places, organisations and programmes are mentioned join
    their ``aliases`` (the ontology's own concepts keep their labels).

    The text is stored only when it went through the privacy filter (``redactedText``, with
    the number of redactions); mention offsets refer to that text.
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
                "mediaType": doc.media_type,
                "language": extraction.lang,
                "sha256": doc.sha256,
                "characters": len(extraction.text),
                **text_props,
            },
            create_props={"ingestedAt": datetime.now(UTC).isoformat(timespec="seconds")},
        )
    )
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
    """The privacy filter, then the names and aliases in the graph and the ontology's words."""
    return build_extractor(gazetteer(driver, model, database) + ontology_entries(model), model)


def ingest(
    paths: Iterable[Path],
    extractor: Extractor,
    writer: GraphWriter,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest every file under ``paths``; report per file, never stop at the first bad one."""
    report = IngestReport()
    redact_uri: Callable[[str], str] | None = getattr(extractor, "redact_uri", None)
    for path in discover(paths):
        try:
            doc = read(path)
            if redact_uri is not None:
                # a file name can name a person ("verslag gesprek Jan Jansen.txt")
                doc = replace(doc, source_uri=redact_uri(doc.source_uri))
            extraction = extractor.extract(doc.text)
            plan = document_plan(doc, extraction, writer.model)
            result = writer.write(plan)
        except IngestError as exc:
            report.failed.append((str(path), exc.one_line()))
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            report.failed.append((str(path), f"{path}: Neo4j refused the write: {exc}"))
        else:
            report.stored.append((str(path), doc.id, len(extraction.entities)))
            report.nodes_created += result.nodes_created
            report.relationships_created += result.relationships_created
        if progress is not None:
            progress(str(path))
    return report


__all__ = ["IngestReport", "document_plan", "extractor_for", "ingest"]
