"""The `twin` command line against the test server: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from loaders.reference import seed_plan
from tests.conftest import count
from tests.integration.test_ingest import SAMPLES
from twin.cli import main

pytestmark = pytest.mark.integration


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_status_reports_the_running_test_server(runner: CliRunner, driver: neo4j.Driver) -> None:
    result = runner.invoke(main, ["neo4j", "status"])
    assert result.exit_code == 0, result.output
    assert "running" in result.output and "5.26." in result.output
    status = json.loads(runner.invoke(main, ["neo4j", "status", "--json"]).output)
    assert status["running"] is True and status["browser"] is True
    assert status["data_dir"].endswith("neo4j-test/data")


def test_schema_seed_ingest_stats(
    runner: CliRunner, empty_db: neo4j.Driver, tmp_path: Path
) -> None:
    assert "0 created, 0 replaced" in runner.invoke(main, ["schema", "apply"]).output
    first = runner.invoke(main, ["seed"])
    plan = seed_plan()
    expected = f"({len(plan.nodes)} nodes and {len(plan.relationships)} relationships new)"
    assert first.exit_code == 0 and expected in first.output
    again = runner.invoke(main, ["seed"])
    assert "(0 nodes and 0 relationships new)" in again.output
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(main, ["ingest", str(SAMPLES), str(tmp_path / "empty.txt")])
    assert result.exit_code == 1  # one file was bad
    assert "4 files: 3 new, 1 failed;" in result.output
    assert "empty.txt: the file is empty" in result.output
    assert count(empty_db, "MATCH (d:Document {kind: 'document'}) RETURN count(d)") == 3
    stats = runner.invoke(main, ["stats"]).output
    assert "Neighbourhood" in stats and "MENTIONS" in stats


def test_extract_json_follows_the_contract(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", "--json", str(SAMPLES / "gms-safety-note.md")])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) == {"document", "entities", "relations", "redactions"}
    assert doc["document"]["lang"] == "en" and doc["document"]["id"].startswith("doc:")
    entity = next(e for e in doc["entities"] if e["id"] == "BU09173202")
    assert entity["type"] == "Neighbourhood" and entity["classes"] == ["Neighbourhood", "Place"]
    assert doc["document"]["text"][entity["start"] : entity["end"]] == "Meezenbroek"
    assert set(entity) == {"type", "classes", "text", "start", "end", "id", "name", "confidence"}


def test_extract_json_relations_and_redactions_follow_the_contract(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "nota.txt"
    path.write_text(
        "Het programma Veilige Buurt van Weller richt zich op Terschuren en pakt inbraken aan. "
        "Projectleider Marieke Lemmens (m.lemmens@example.nl) coördineert.",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["extract", "--json", str(path)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    text = doc["document"]["text"]
    ids = {e["id"] for e in doc["entities"]}
    assert "Lemmens" not in result.output and "m.lemmens" not in result.output
    for relation in doc["relations"]:
        assert set(relation) == {"type", "source", "target", "start", "end", "confidence"}
        assert {relation["source"], relation["target"]} <= ids
        assert 0 <= relation["start"] < relation["end"] <= len(text)
        assert 0 < relation["confidence"] <= 1
    found = {(r["type"], r["source"], r["target"]) for r in doc["relations"]}
    assert {
        ("TARGETS", "programme:veilige-buurt", "BU09171001"),
        ("ADDRESSES", "programme:veilige-buurt", "incident-type:burglary"),
    } <= found
    programme = next(e for e in doc["entities"] if e["id"] == "programme:veilige-buurt")
    assert programme["classes"] == ["Programme"] and programme["name"] == "Veilige Buurt"
    for red in doc["redactions"]:
        assert set(red) == {"type", "start", "end"}
        assert text[red["start"] : red["end"]] == f"[{red['type']}]"
    assert {r["type"] for r in doc["redactions"]} == {"PERSON", "EMAIL"}


def test_taken_port_is_one_red_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        monkeypatch.setenv("TWIN_STATE_DIR", str(tmp_path))
        monkeypatch.setenv("TWIN_INSTANCE", "clash")
        monkeypatch.setenv("TWIN_NEO4J_BOLT_PORT", str(port))
        monkeypatch.setenv("TWIN_NEO4J_HTTP_PORT", str(port + 1))
        result = runner.invoke(main, ["neo4j", "start"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and f"port {port} (Bolt) is already taken" in lines[0]


def test_unreachable_server_is_one_clear_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    result = runner.invoke(main, ["seed"])
    assert result.exit_code == 1
    assert "error: Neo4j does not answer at bolt://127.0.0.1:9" in result.output


def test_extract_json_stdout_is_only_json_in_a_fresh_process(tmp_path: Path) -> None:
    """deduce configures logging to stdout when imported; nothing of that may reach stdout."""
    path = tmp_path / "brief.txt"
    path.write_text("Wethouder Jan Jansen bezocht Terschuren met de politie.", encoding="utf-8")
    twin = Path(sys.executable).with_name("twin")
    done = subprocess.run(
        [str(twin), "extract", "--json", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert "Jansen" not in done.stdout and "BU09171001" in {e["id"] for e in doc["entities"]}
