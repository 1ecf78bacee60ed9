"""Killing Neo4j in the middle of `twin ingest`: the run fails with a clear message, and after
a restart the same command completes and the graph is identical to that of an uninterrupted
run (counts and properties; times aside)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import pytest

from graph import queries, server
from graph.resolution import resolve
from graph.writer import GraphWriter
from loaders.ingest import extractor_for, ingest
from loaders.reference import seed_plan
from ontology import OntologyModel
from tests.conftest import count
from tests.integration.snapshot import graph_snapshot
from twin.settings import Settings

pytestmark = pytest.mark.integration
CORPUS = Path(__file__).resolve().parents[2] / "eval" / "corpus"
TWIN = str(Path(sys.executable).parent / "twin")
FILES = 60
BATCH = 400  # rows per transaction: a few files each, so the kill lands between batches
DOCS = "MATCH (d:Document {kind: 'document'}) RETURN count(d)"


def _corpus(folder: Path) -> Path:
    texts = sorted(p.read_text("utf-8") for p in CORPUS.rglob("*.txt"))
    folder.mkdir()
    for i in range(FILES):
        (folder / f"note-{i:03d}.txt").write_text(f"{texts[i % len(texts)]}\n\nVersie {i}.\n")
    return folder


def _reset(drv: neo4j.Driver, settings: Settings, model: OntologyModel) -> None:
    with drv.session(database=settings.neo4j_database) as session:
        session.run(queries.WIPE).consume()
    GraphWriter(drv, model, database=settings.neo4j_database).write(seed_plan(model))


def test_killing_neo4j_mid_ingest_then_running_again_gives_the_same_graph(
    seeded_db: neo4j.Driver, settings: Settings, model: OntologyModel, tmp_path: Path
) -> None:
    if not settings.managed:
        pytest.fail("this test kills the managed test server; unset TWIN_TEST_NEO4J_URI")
    folder = _corpus(tmp_path / "notes")
    command = [TWIN, "ingest", str(folder), "--batch-size", str(BATCH), "--json"]

    # the uninterrupted run, in this process (as `twin ingest` runs it: same batches, then
    # entity resolution), saves loading the language models a third time
    whole = ingest(
        [folder],
        extractor_for(seeded_db, model),
        GraphWriter(seeded_db, model, batch_size=BATCH),
        batch_size=BATCH,
    )
    assert whole.ok and whole.count("new") == FILES
    resolve(seeded_db, model)
    expected = graph_snapshot(seeded_db)

    _reset(seeded_db, settings, model)
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 600
    while count(seeded_db, DOCS) < 8:
        assert run.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    pid = server.status(settings).pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    out, err = run.communicate(timeout=300)
    assert run.returncode == 1
    assert "Neo4j stopped answering" in err and "run the same command" in err
    assert json.loads(out)["aborted"]

    server.start(settings)
    stored = count(seeded_db, DOCS)
    assert 8 <= stored < FILES
    # nothing half-written: every stored document has its mentions
    assert (
        count(
            seeded_db,
            "MATCH (d:Document {kind: 'document'}) WHERE NOT (d)-[:MENTIONS]->() RETURN count(d)",
        )
        == 0
    )

    again = subprocess.run(command, check=False, capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr[-2000:]
    statuses = json.loads(again.stdout)["statuses"]
    assert statuses["unchanged"] == stored and statuses["new"] == FILES - stored
    assert graph_snapshot(seeded_db) == expected
