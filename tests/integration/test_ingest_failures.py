"""Failure safety of `twin ingest` against the real Neo4j: every kind of bad file gets a clear
line in the report, the other files are stored, nothing of a bad file is written, and the
exit code is 1. Also the JSON report and the dry run of the command."""

from __future__ import annotations

import json
import os
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from graph.writer import GraphWriter
from loaders.ingest import extractor_for, ingest
from nlp.extraction import Extraction
from ontology import OntologyModel
from tests.conftest import count
from tests.integration.snapshot import graph_snapshot
from tests.unit.test_formats import _pdf
from twin.cli import main

pytestmark = pytest.mark.integration
DOCS = "MATCH (d:Document {kind: 'document'}) RETURN count(d)"
GOOD = "Weller en Stichting Buurtkracht Heerlerbaan werken samen in Terschuren."


def _bad_and_good(folder: Path) -> dict[str, str]:
    """Files of every bad kind next to good ones; returns {bad file name: expected words}."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, "utf-8")
    (folder / "good.pdf").write_bytes(_pdf([GOOD, "Er was overlast in Heerlerbaan."], "Notitie"))
    deep = "<div>" * 5000 + "Overlast in Hoensbroek." + "</div>" * 5000
    (folder / "scripts-and-nesting.html").write_text(
        "<html><head><title>Wijkbericht</title><script>var x = 'Heerlerbaan';</script></head>"
        f"<body><nav>Menu Hoensbroek</nav>{deep}<script>alert(1)</script></body></html>",
        "utf-8",
    )
    (folder / "latin1.txt").write_bytes("Café in Terschuren, overlast gemeld.".encode("cp1252"))
    (folder / "corrupt.pdf").write_bytes(_pdf([GOOD])[:300])
    (folder / "junk.txt").write_bytes(os.urandom(4096))
    (folder / "empty.md").write_bytes(b"")
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(100_000_000)  # sparse: 100 MB without writing them
    (folder / "wrong-encoding.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    return {
        "corrupt.pdf": "PDF",
        "junk.txt": "binary",
        "empty.md": "empty",
        "huge.txt": "MB",
        "wrong-encoding.txt": "",
    }


def test_every_bad_file_is_reported_and_the_others_are_stored(
    seeded_db: neo4j.Driver, tmp_path: Path
) -> None:
    bad = _bad_and_good(tmp_path / "in")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    by_name = {Path(r["path"]).name: r for r in report["results"]}
    assert {n for n, r in by_name.items() if r["status"] == "failed"} == set(bad)
    for name, words in bad.items():
        error = by_name[name]["error"]
        assert error.startswith(str(tmp_path / "in" / name)) and words in error
    stored = {n for n, r in by_name.items() if r["status"] == "new"}
    assert stored == {"good.txt", "good.pdf", "scripts-and-nesting.html", "latin1.txt"}
    assert count(seeded_db, DOCS) == 4
    # main content only, no scripts or navigation; the PDF's text layer and title; cp1252 read
    records, _, _ = seeded_db.execute_query(
        "MATCH (d:Document {kind: 'document'}) "
        "RETURN d.mediaType AS media, d.title AS title, d.redactedText AS text, "
        "d.encoding AS encoding"
    )
    by_media = {(r["media"], r["encoding"]): r for r in records}
    html = by_media[("text/html", "utf-8")]
    assert html["title"] == "Wijkbericht" and "Overlast in Hoensbroek." in html["text"]
    assert not any(junk in html["text"] for junk in ("var x", "alert", "Menu"))
    pdf = by_media[("application/pdf", "n/a")]
    assert pdf["title"] == "Notitie" and "Heerlerbaan" in pdf["text"]
    assert by_media[("text/plain", "cp1252")]["text"].startswith("Café in Terschuren")
    # nothing of a failed file reached the graph
    assert (
        count(seeded_db, "MATCH (d:Document) WHERE d.sourceUri CONTAINS 'junk' RETURN count(d)")
        == 0
    )


def test_a_file_that_disappears_mid_run_is_reported(
    seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path
) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"{GOOD} ({name})", "utf-8")
    pipeline = extractor_for(seeded_db, model)

    class Vanishing:
        """The pipeline; while a.txt is being extracted, b.txt is deleted."""

        name = pipeline.name

        def extract(self, text: str) -> Extraction:
            if "(a.txt)" in text:
                (tmp_path / "b.txt").unlink()
            return pipeline.extract(text)

    report = ingest([tmp_path], Vanishing(), GraphWriter(seeded_db, model))
    assert [f.status for f in report.files] == ["new", "failed", "new"]
    assert "no such file" in (report.files[1].reason or "")
    assert count(seeded_db, DOCS) == 2 and not report.ok


def test_dry_run_reports_and_writes_nothing(seeded_db: neo4j.Driver, tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text(GOOD, "utf-8")
    before = graph_snapshot(seeded_db, keep_times=True)
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dryRun"] and report["statuses"]["new"] == 1
    assert report["results"][0]["entities"] >= 3
    assert graph_snapshot(seeded_db, keep_times=True) == before


def test_include_and_exclude_globs(seeded_db: neo4j.Driver, tmp_path: Path) -> None:
    (tmp_path / "keep").mkdir()
    (tmp_path / "archive").mkdir()
    (tmp_path / "keep" / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "keep" / "b.md").write_text(GOOD + " (b)", "utf-8")
    (tmp_path / "archive" / "c.txt").write_text(GOOD + " (c)", "utf-8")
    result = CliRunner().invoke(
        main,
        ["ingest", str(tmp_path), "--include", "*.txt", "--exclude", "archive", "--json"],
    )
    assert result.exit_code == 0, result.output
    assert [Path(r["path"]).name for r in json.loads(result.stdout)["results"]] == ["a.txt"]
