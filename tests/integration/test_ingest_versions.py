"""Versioned, idempotent ingestion against the real Neo4j: unchanged files are skipped, a
changed file replaces its old version's facts, copies share one document, ``forget`` removes
a document and the facts only it supported, batches isolate a bad file, dry runs write
nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import neo4j
import pytest

from graph.writer import GraphWriter
from loaders.ingest import ingest
from loaders.reference import gazetteer_entries
from nlp.extraction import Entity, Extraction
from nlp.gazetteer import ontology_entries
from nlp.pipeline import RedactingExtractor, build_extractor
from ontology import OntologyModel
from tests.conftest import count
from tests.integration.snapshot import graph_snapshot

pytestmark = pytest.mark.integration

V1 = (
    "Het programma Samen Sterk wordt in Terschuren uitgevoerd door Stichting Buurtkracht "
    "Heerlerbaan en Weller. In Terschuren werd vorige week ingebroken in drie woningen."
)
V2 = "Weller renoveert woningen in Terschuren. Er was overlast van jongeren in Terschuren."
OTHER = "Stichting Buurtkracht Heerlerbaan opent een kantoor in Heerlerbaan."


@pytest.fixture(scope="module")
def extractor(model: OntologyModel) -> RedactingExtractor:
    """The pipeline with the seeded reference data as its gazetteer (what the graph holds
    right after `twin seed`)."""
    return build_extractor(gazetteer_entries(model) + ontology_entries(model), model)


def _run(drv: neo4j.Driver, model: OntologyModel, extractor: object, *paths: Path, **kw: object):  # type: ignore[no-untyped-def]
    return ingest(list(paths), extractor, GraphWriter(drv, model), **kw)  # type: ignore[arg-type]


def _has(drv: neo4j.Driver, node_id: str) -> bool:
    return count(drv, "MATCH (n {id: $id}) RETURN count(n)", id=node_id) == 1


def test_ingesting_unchanged_files_again_changes_nothing_at_all(
    seeded_db: neo4j.Driver, model: OntologyModel, extractor: RedactingExtractor, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(V1, "utf-8")
    (tmp_path / "b.md").write_text(OTHER, "utf-8")
    first = _run(seeded_db, model, extractor, tmp_path)
    assert [f.status for f in first.files] == ["new", "new"]
    before = graph_snapshot(seeded_db, keep_times=True)
    again = _run(seeded_db, model, extractor, tmp_path)
    assert [f.status for f in again.files] == ["unchanged", "unchanged"]
    assert (again.nodes_created, again.relationships_created, again.transactions) == (0, 0, 0)
    assert graph_snapshot(seeded_db, keep_times=True) == before  # properties and times too


def test_a_changed_file_replaces_the_facts_of_its_old_version(
    seeded_db: neo4j.Driver, model: OntologyModel, extractor: RedactingExtractor, tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text(V1, "utf-8")
    (tmp_path / "other.txt").write_text(OTHER, "utf-8")
    first = _run(seeded_db, model, extractor, tmp_path)
    old_id = next(f.doc_id for f in first.files if f.path.endswith("note.txt"))
    assert _has(seeded_db, "programme:samen-sterk")
    buurtkracht = "stakeholder:stichting-buurtkracht-heerlerbaan"
    assert count(seeded_db, "MATCH (i:Incident) RETURN count(i)") == 1

    note.write_text(V2, "utf-8")
    second = _run(seeded_db, model, extractor, note)
    (result,) = second.files
    assert result.status == "changed" and result.replaced == [old_id]
    assert not _has(seeded_db, old_id)
    # facts only the old version supported are gone ...
    assert not _has(seeded_db, "programme:samen-sterk")
    assert (
        count(
            seeded_db,
            "MATCH (i:Incident)-[:OF_TYPE]->({id: 'incident-type:burglary'}) RETURN count(i)",
        )
        == 0
    )
    assert (
        count(seeded_db, "MATCH ()-[r]->() WHERE $id IN r.sources RETURN count(r)", id=old_id) == 0
    )
    assert count(seeded_db, "MATCH (n) WHERE $id IN n.sources RETURN count(n)", id=old_id) == 0
    # ... facts another document also supports stay, citing only that one
    records, _, _ = seeded_db.execute_query(
        "MATCH (s {id: $id}) RETURN s.sources AS sources", id=buurtkracht
    )
    assert len(records) == 1 and old_id not in records[0]["sources"]
    # the reference data is untouched and the new version's facts are there
    assert _has(seeded_db, "stakeholder:weller")
    assert (
        count(
            seeded_db,
            "MATCH (:Document {id: $id})-[:MENTIONS]->() RETURN count(*)",
            id=result.doc_id,
        )
        >= 3
    )
    records, _, _ = seeded_db.execute_query(
        "MATCH (d:Document {id: $id}) RETURN d.sourceUris AS uris", id=result.doc_id
    )
    assert records[0]["uris"] == [note.resolve().as_uri()]


def test_forget_removes_a_document_and_only_its_facts(
    seeded_db: neo4j.Driver, model: OntologyModel, extractor: RedactingExtractor, tmp_path: Path
) -> None:
    from loaders.ingest import forget

    (tmp_path / "a.txt").write_text(V1, "utf-8")
    (tmp_path / "b.txt").write_text(OTHER, "utf-8")
    seed_only = graph_snapshot(seeded_db)
    _run(seeded_db, model, extractor, tmp_path / "b.txt")
    with_b = graph_snapshot(seeded_db)
    report = _run(seeded_db, model, extractor, tmp_path / "a.txt")
    a_id = report.files[0].doc_id
    done = forget(seeded_db, model, [str(tmp_path / "a.txt"), str(tmp_path / "nothing.txt")])
    assert done == {str(tmp_path / "a.txt"): [a_id], str(tmp_path / "nothing.txt"): []}
    # everything a.txt added is gone; b.txt's facts are as they were (aliases a.txt taught
    # stay: see docs/provenance.md)
    assert _without_aliases(graph_snapshot(seeded_db)) == _without_aliases(with_b)
    forget(seeded_db, model, [(tmp_path / "b.txt").resolve().as_uri()])
    assert _without_aliases(graph_snapshot(seeded_db)) == _without_aliases(seed_only)


def _without_aliases(snapshot: dict[str, object]) -> dict[str, object]:
    nodes = [
        (labels, {k: v for k, v in props.items() if k not in ("aliases", "learnedAliases")})
        for labels, props in snapshot["nodes"]  # type: ignore[attr-defined]
    ]
    return {"nodes": nodes, "relationships": snapshot["relationships"]}


def test_a_copy_shares_one_document_with_both_places(
    seeded_db: neo4j.Driver, model: OntologyModel, extractor: RedactingExtractor, tmp_path: Path
) -> None:
    from loaders.ingest import forget

    (tmp_path / "a.txt").write_text(V1, "utf-8")
    (tmp_path / "copy.txt").write_text(V1, "utf-8")
    report = _run(seeded_db, model, extractor, tmp_path)
    assert [f.status for f in report.files] == ["new", "copy"]
    assert report.files[0].doc_id == report.files[1].doc_id
    records, _, _ = seeded_db.execute_query(
        "MATCH (d:Document {kind: 'document'}) RETURN d.id AS id, d.sourceUris AS uris"
    )
    assert len(records) == 1 and len(records[0]["uris"]) == 2
    forget(seeded_db, model, [str(tmp_path / "a.txt")])
    records, _, _ = seeded_db.execute_query(
        "MATCH (d:Document {kind: 'document'}) RETURN d.sourceUris AS uris"
    )
    assert [r["uris"] for r in records] == [[(tmp_path / "copy.txt").resolve().as_uri()]]
    assert _has(seeded_db, "programme:samen-sterk")


def test_a_new_extractor_version_reads_unchanged_files_again(
    seeded_db: neo4j.Driver, model: OntologyModel, extractor: RedactingExtractor, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(V1, "utf-8")
    _run(seeded_db, model, extractor, tmp_path)
    before = graph_snapshot(seeded_db)
    forced = _run(seeded_db, model, extractor, tmp_path, force=True)
    assert [f.status for f in forced.files] == ["re-extracted"]
    assert graph_snapshot(seeded_db) == before  # same extractor: the same facts again


class _BadOnSecond:
    """Wraps the pipeline; the document containing BAD gets an entity of an abstract class,
    which the writer refuses."""

    def __init__(self, inner: RedactingExtractor) -> None:
        self.inner = inner
        self.name = inner.name

    def extract(self, text: str) -> Extraction:
        found = self.inner.extract(text)
        if "BAD" not in text:
            return found
        bogus = Entity(
            type="Place",
            classes=("Place",),
            text="BAD",
            start=0,
            end=3,
            id="place:bad",
            name="BAD",
            confidence=1.0,
        )
        return replace(
            found, entities=[bogus, *found.entities], new_ids=(*found.new_ids, "place:bad")
        )


def test_a_batch_that_fails_stores_its_other_files(
    seeded_db: neo4j.Driver, model: OntologyModel, extractor: RedactingExtractor, tmp_path: Path
) -> None:
    (tmp_path / "1.txt").write_text(V1, "utf-8")
    (tmp_path / "2.txt").write_text("BAD note about Terschuren.", "utf-8")
    (tmp_path / "3.txt").write_text(OTHER, "utf-8")
    report = _run(seeded_db, model, _BadOnSecond(extractor), tmp_path, batch_size=100_000)
    assert [f.status for f in report.files] == ["new", "new", "failed"] or sorted(
        f.status for f in report.files
    ) == ["failed", "new", "new"]
    (failed,) = [f for f in report.files if f.status == "failed"]
    assert failed.path.endswith("2.txt") and "abstract" in (failed.reason or "")
    assert count(seeded_db, "MATCH (d:Document {kind: 'document'}) RETURN count(d)") == 2
    assert count(seeded_db, "MATCH (d:Document {id: $id}) RETURN count(d)", id=failed.doc_id) == 0
    assert not report.ok


def test_dry_run_writes_nothing_and_reports_what_it_would_do(
    seeded_db: neo4j.Driver, model: OntologyModel, extractor: RedactingExtractor, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(V1, "utf-8")
    before = graph_snapshot(seeded_db, keep_times=True)
    report = ingest([tmp_path], extractor, None, driver=seeded_db)
    assert report.dry_run and [f.status for f in report.files] == ["new"]
    assert report.files[0].entities >= 4 and report.files[0].relations >= 1
    assert graph_snapshot(seeded_db, keep_times=True) == before
