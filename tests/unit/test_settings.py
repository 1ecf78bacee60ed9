"""Settings: instances get their own ports and folders; NEO4J_URI switches to an external server."""

from __future__ import annotations

from pathlib import Path

import pytest

from twin.settings import Settings, get_settings


def test_instances_have_separate_ports_and_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TWIN_NEO4J_BOLT_PORT", raising=False)
    monkeypatch.delenv("TWIN_NEO4J_HTTP_PORT", raising=False)
    default = Settings(TWIN_INSTANCE="default")
    test = Settings(TWIN_INSTANCE="test")
    assert (default.bolt_port, default.http_port) == (7687, 7474)
    assert (test.bolt_port, test.http_port) == (17687, 17474)
    assert default.instance_dir != test.instance_dir
    assert test.instance_dir.name == "neo4j-test"


def test_external_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    assert not Settings().managed
    monkeypatch.delenv("NEO4J_URI")
    assert Settings().managed


def test_invalid_values_are_refused() -> None:
    with pytest.raises(ValueError, match="must differ"):
        Settings(TWIN_NEO4J_BOLT_PORT=7000, TWIN_NEO4J_HTTP_PORT=7000)
    with pytest.raises(ValueError):
        Settings(TWIN_NEO4J_HEAP="lots")
    with pytest.raises(ValueError):
        Settings(TWIN_INSTANCE="../elsewhere")


def test_env_file_is_read_unless_switched_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("NEO4J_URI=bolt://users-real-server:7687\n", "utf-8")
    monkeypatch.setenv("TWIN_ENV_FILE", "")  # what the test suite and `make test` set
    assert get_settings().managed
    monkeypatch.setenv("TWIN_ENV_FILE", ".env")
    assert get_settings().neo4j_uri == "bolt://users-real-server:7687"
