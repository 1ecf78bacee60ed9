"""start / status / stop of a managed Neo4j, on a throw-away instance with its own ports."""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from graph import server
from twin.errors import ServerError
from twin.settings import Settings

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Settings]:
    settings = Settings(
        TWIN_STATE_DIR=tmp_path,
        TWIN_INSTANCE="lifecycle",
        TWIN_NEO4J_BOLT_PORT=_free_port(),
        TWIN_NEO4J_HTTP_PORT=_free_port(),
        TWIN_NEO4J_HEAP="256m",
        TWIN_NEO4J_PAGECACHE="64m",
    )
    yield settings
    server.stop(settings)


def test_start_status_restart_stop(scratch: Settings) -> None:
    started = server.start(scratch)
    assert started.running and started.managed
    assert started.version is not None and started.version.startswith("5.26.")
    assert started.edition == "community"
    assert started.browser
    assert started.data_dir == server.instance_for(scratch).data_dir
    with urllib.request.urlopen(f"{started.http_url}/browser/", timeout=10) as resp:
        assert resp.status == 200
    with urllib.request.urlopen(f"{started.http_url}/", timeout=10) as resp:
        assert b'"neo4j_edition":"community"' in resp.read()

    password = server.managed_password(scratch)
    uri = f"bolt://127.0.0.1:{scratch.bolt_port}"
    with (
        neo4j.GraphDatabase.driver(uri, auth=("neo4j", "neo4j")) as drv,
        pytest.raises(neo4j.exceptions.AuthError),
    ):
        drv.verify_connectivity()  # the initial password was replaced on first start
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", password)) as drv:
        drv.execute_query("CREATE (:Probe {id: 'persisted'})")

    assert server.start(scratch).pid == started.pid  # idempotent: already running
    assert server.stop(scratch)
    stopped = server.status(scratch)
    assert not stopped.running and stopped.pid is None
    assert (
        "clean shutdown" in server.instance_for(scratch).console_log.read_text()
        or "Stopped." in server.instance_for(scratch).console_log.read_text()
    )

    again = server.start(scratch)  # the data folder persists across restarts
    assert again.running and again.pid != started.pid
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", password)) as drv:
        records, _, _ = drv.execute_query("MATCH (p:Probe) RETURN p.id AS id")
    assert [r["id"] for r in records] == ["persisted"]
    assert not server.stop(Settings(TWIN_STATE_DIR=scratch.state_dir, TWIN_INSTANCE="absent"))


def test_server_that_does_not_come_up_is_reported_and_cleaned(scratch: Settings) -> None:
    hasty = scratch.model_copy(update={"start_timeout": 0.5})
    with pytest.raises(ServerError, match="did not answer") as info:
        server.start(hasty)
    assert info.value.log == server.instance_for(scratch).console_log
    assert not server.status(scratch).running
