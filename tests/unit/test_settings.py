"""Settings: instances get their own ports and folders; NEO4J_URI switches to an external server."""

from __future__ import annotations

import pytest

from twin.settings import Settings


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
