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


KEY_A = "analyst-key-0123456789"
KEY_M = "maintainer-key-0123456789"


def test_api_keys_from_the_environment_and_a_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TWIN_API_KEYS", f" {KEY_A}:analyst , {KEY_M}:maintainer ")
    found = Settings(_env_file=None)
    assert found.api_key_roles == {KEY_A: "analyst", KEY_M: "maintainer"}
    assert KEY_A not in repr(found) and KEY_A not in str(found.model_dump())
    monkeypatch.delenv("TWIN_API_KEYS")
    keys = tmp_path / "keys"
    keys.write_text(f"# the team's keys\n{KEY_A}:analyst\n\n{KEY_M}:maintainer  # ops\n", "utf-8")
    monkeypatch.setenv("TWIN_API_KEYS_FILE", str(keys))
    assert Settings(_env_file=None).api_key_roles == {KEY_A: "analyst", KEY_M: "maintainer"}
    monkeypatch.delenv("TWIN_API_KEYS_FILE")
    assert Settings(_env_file=None).api_key_roles == {}


def test_security_defaults_and_production() -> None:
    default = Settings(_env_file=None)
    assert default.env == "development" and not default.production
    assert default.graphql_timeout == 10.0 and default.graphql_max_cost == 20_000
    assert default.graphql_max_batch == 0
    assert Settings(_env_file=None, TWIN_ENV="production").production


def test_bad_api_keys_are_refused_without_echoing_them(tmp_path: Path) -> None:
    for value, message in [
        (f"{KEY_A}", "is not 'key:role'"),
        (f"{KEY_A}:admin", "role 'admin'"),
        (f"{KEY_A}:public", "role 'public'"),
        ("short:analyst", "shorter than 16"),
        (f"{KEY_A}:analyst,{KEY_A}:maintainer", "given twice"),
    ]:
        with pytest.raises(ValueError, match=message) as caught:
            Settings(_env_file=None, TWIN_API_KEYS=value)
        assert KEY_A not in str(caught.value) and "short:" not in str(caught.value)
    with pytest.raises(ValueError, match="cannot read"):
        Settings(_env_file=None, TWIN_API_KEYS_FILE=str(tmp_path / "missing"))
    with pytest.raises(ValueError):
        Settings(_env_file=None, TWIN_ENV="staging")
    with pytest.raises(ValueError):
        Settings(_env_file=None, TWIN_GRAPHQL_TIMEOUT=0)
