"""Ingesting text files: Document nodes, MENTIONS with offsets, idempotence, bad files skipped."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from graph.reads import counts
from graph.writer import GraphWriter
from loaders.ingest import extractor_for, ingest
from ontology import OntologyModel
from tests.conftest import count

pytestmark = pytest.mark.integration
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "documents"


def _ingest(drv: neo4j.Driver, model: OntologyModel, *paths: Path):  # type: ignore[no-untyped-def]
    return ingest(list(paths), extractor_for(drv, model), GraphWriter(drv, model))


def test_samples_become_documents_with_mentions(
    seeded_db: neo4j.Driver, model: OntologyModel
) -> None:
    report = _ingest(seeded_db, model, SAMPLES)
    assert report.ok and len(report.stored) == 3
    assert count(seeded_db, "MATCH (d:Document {kind: 'document'}) RETURN count(d)") == 3
    records, _, _ = seeded_db.execute_query(
        "MATCH (d:Document)-[m:MENTIONS]->(e) RETURN d.sourceUri AS uri, d.language AS lang, "
        "m.start AS start, m.end AS end, m.text AS text, e.id AS id, m.extractor AS extractor"
    )
    assert {r["lang"] for r in records} == {"nl", "en", "fr"}
    texts = {
        r["uri"]: Path(r["uri"].removeprefix("file://")).read_text(encoding="utf-8")
        for r in records
    }
    for r in records:
        assert texts[r["uri"]][r["start"] : r["end"]] == r["text"]
        assert r["extractor"] == "twin.alias-match+privacy"
    ids = {r["id"] for r in records}
    assert {"BU09171000", "stakeholder:weller", "area:heerlen-noord", "WK091720"} <= ids
    # only the redacted text is stored, and mention offsets refer to it
    records, _, _ = seeded_db.execute_query(
        "MATCH (d:Document {kind: 'document'})-[m:MENTIONS]->() "
        "RETURN d.redactedText AS text, m.start AS start, m.end AS end, m.text AS surface"
    )
    assert records and all(r["text"][r["start"] : r["end"]] == r["surface"] for r in records)


def test_ingesting_again_changes_nothing(seeded_db: neo4j.Driver, model: OntologyModel) -> None:
    _ingest(seeded_db, model, SAMPLES)
    before = counts(seeded_db)
    snapshot = seeded_db.execute_query(
        "MATCH (d:Document)-[m]->(e) RETURN properties(d) AS d, properties(m) AS m, e.id AS e "
        "ORDER BY d.id, m.start, e"
    ).records
    report = _ingest(seeded_db, model, SAMPLES)
    assert (report.nodes_created, report.relationships_created) == (0, 0)
    assert counts(seeded_db) == before
    assert (
        seeded_db.execute_query(
            "MATCH (d:Document)-[m]->(e) RETURN properties(d) AS d, properties(m) AS m, e.id AS e "
            "ORDER BY d.id, m.start, e"
        ).records
        == snapshot
    )


def test_bad_files_are_reported_and_the_rest_is_stored(
    seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path
) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(b"\x00\xff\x00 binary")
    (tmp_path / "good.txt").write_text("Weller en JENS werken samen in Terschuren.", "utf-8")
    report = _ingest(seeded_db, model, tmp_path, tmp_path / "absent.txt")
    assert [Path(p).name for p, _, _ in report.stored] == ["good.txt"]
    reasons = " | ".join(reason for _, reason in report.failed)
    assert "empty" in reasons and "binary" in reasons and "no such file" in reasons
    assert len(report.failed) == 3
    assert count(seeded_db, "MATCH (d:Document {kind: 'document'}) RETURN count(d)") == 1
    assert (
        count(seeded_db, "MATCH (:Document {kind: 'document'})-[m:MENTIONS]->() RETURN count(m)")
        == 3
    )


def test_names_in_no_list_become_nodes_once(
    seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(
        "Het programma Samen Sterk wordt uitgevoerd door Stichting Buurtkracht Heerlerbaan "
        "en Weller in Terschuren.",
        "utf-8",
    )
    (tmp_path / "b.txt").write_text("Stichting Buurtkracht Heerlerbaan opent een kantoor.", "utf-8")
    _ingest(seeded_db, model, tmp_path)
    before = counts(seeded_db)
    records, _, _ = seeded_db.execute_query(
        "MATCH (s:Stakeholder {id: 'stakeholder:stichting-buurtkracht-heerlerbaan'}) "
        "RETURN s.name AS name, size(s.sources) AS sources, "
        "COUNT { (:Document)-[:MENTIONS]->(s) } AS m"
    )
    assert [(r["name"], r["sources"], r["m"]) for r in records] == [
        ("Stichting Buurtkracht Heerlerbaan", 2, 2)
    ]
    assert count(seeded_db, "MATCH (p:Programme {name: 'Samen Sterk'}) RETURN count(p)") == 1
    _ingest(seeded_db, model, tmp_path)
    assert counts(seeded_db) == before


def test_aliases_accumulate_once_per_form(
    seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path
) -> None:
    path = tmp_path / "verslag.txt"
    path.write_text(
        "Bewoners van Heerlerheide-Kom en het centrum van Hoensbroek melden overlast. "
        "In Heerlerheide-Kom is het rustiger.",
        encoding="utf-8",
    )

    def aliases(node_id: str) -> list[str]:
        records, _, _ = seeded_db.execute_query(
            "MATCH (n {id: $id}) RETURN n.aliases AS aliases", id=node_id
        )
        return list(records[0]["aliases"] or [])

    def concept_aliases() -> list[object]:
        records, _, _ = seeded_db.execute_query(
            "MATCH (c:IncidentType) RETURN c.id AS id, c.aliases AS aliases ORDER BY id"
        )
        return [tuple(r.values()) for r in records]

    concepts_before = concept_aliases()
    before = aliases("BU09172101")
    first = ingest([path], extractor_for(seeded_db, model), GraphWriter(seeded_db, model))
    assert first.ok, first.failed
    after = aliases("BU09172101")
    assert after == [*before, "Heerlerheide-Kom"]
    assert "centrum van Hoensbroek" in aliases("BU09171200")
    # the ontology's concepts keep their labels: no concept gained an alias
    assert concept_aliases() == concepts_before
    again = ingest([path], extractor_for(seeded_db, model), GraphWriter(seeded_db, model))
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert aliases("BU09172101") == after
