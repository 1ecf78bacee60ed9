"""The managed server's pure parts and its clear errors (no server is started here)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from graph import server
from twin.errors import ServerError
from twin.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        TWIN_STATE_DIR=tmp_path / "state",
        TWIN_CACHE_DIR=tmp_path / "cache",
        TWIN_INSTANCE="unit",
        TWIN_NEO4J_BOLT_PORT=0,
        TWIN_NEO4J_HTTP_PORT=0,
    )


def test_pom_names_server_browser_and_apoc(settings: Settings) -> None:
    pom = server._pom(settings)
    assert "<artifactId>neo4j-server</artifactId><version>5.26.30</version>" in pom
    assert "<artifactId>neo4j-browser</artifactId><version>5.24.0</version>" in pom
    assert "<artifactId>apoc-core</artifactId>" in pom
    no_apoc = settings.model_copy(update={"apoc_version": ""})
    assert "apoc" not in server._pom(no_apoc)


def test_command_line_passes_the_jvm_flags_itself(settings: Settings) -> None:
    dist = server.distribution_for(settings)
    inst = server.instance_for(settings)
    cmd = server.java_command(settings, dist, inst, "/usr/bin/java")
    assert cmd[:3] == ["/usr/bin/java", f"-Xms{settings.heap}", f"-Xmx{settings.heap}"]
    assert "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED" in cmd
    classpath = cmd[cmd.index("-cp") + 1]
    assert classpath == f"{dist.plugins}/*:{inst.conf_dir}/*:{dist.lib}/*"
    assert cmd[cmd.index("-cp") + 2] == server.MAIN_CLASS
    assert "--console-mode" in cmd


def test_config_uses_instance_folders_and_ports(settings: Settings) -> None:
    inst = server.instance_for(settings)
    conf = server.write_config(settings, server.distribution_for(settings), inst).read_text()
    assert f"server.bolt.listen_address=:{settings.bolt_port}" in conf
    assert f"server.directories.data={inst.data_dir}" in conf
    assert "dbms.security.auth_enabled=true" in conf
    assert "server.default_listen_address=127.0.0.1" in conf
    # Browser applies the twin's style and plays its guide, fetched from the API, after login
    api = f"http://127.0.0.1:{settings.port}"
    assert (
        f"browser.post_connect_cmd=style {api}/neo4j/style.grass; play {api}/neo4j/guide.html"
    ) in conf
    assert "browser.remote_content_hostname_whitelist=guides.neo4j.com,localhost,127.0.0.1" in conf


def test_password_is_generated_once_and_kept_private(settings: Settings) -> None:
    first = server.managed_password(settings)
    assert len(first) >= 8 and first == server.managed_password(settings)
    assert server.instance_for(settings).password_file.stat().st_mode & 0o077 == 0


def test_missing_java_is_one_clear_error(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk"))
    with pytest.raises(ServerError, match="Java is not installed") as info:
        server.start(settings)
    assert "install Java 17" in info.value.one_line()


def test_missing_maven_is_one_clear_error(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server.shutil, "which", lambda _name: None)
    with pytest.raises(ServerError, match="Maven"):
        server.resolve_distribution(settings)


def test_maven_failure_names_the_log(settings: Settings) -> None:
    broken = settings.model_copy(update={"neo4j_version": "0.0.0-does-not-exist"})
    with pytest.raises(ServerError, match="could not resolve") as info:
        server.resolve_distribution(broken)
    assert info.value.log is not None and info.value.log.exists()
    assert not server.distribution_for(broken).marker.exists()


def test_taken_port_is_one_clear_error(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    real = server.resolve_distribution(Settings())  # the shared cache: resolved at most once
    monkeypatch.setattr(server, "resolve_distribution", lambda *_a, **_k: real)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        taken = settings.model_copy(update={"bolt_port": port, "http_port": port + 1})
        with pytest.raises(ServerError, match=f"port {port} \\(Bolt\\) is already taken"):
            server.start(taken)
