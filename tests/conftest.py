"""Shared fixtures: the test Neo4j instance (never the server of `make run`) and clean states.

The suite always uses the managed ``test`` instance (ports 17687/17474, data in
.state/neo4j-test), or the server named by ``TWIN_TEST_NEO4J_URI``; ``NEO4J_URI`` is ignored so
that tests never touch a user's data. If the instance is not running, the session starts it and
stops it again at the end. Nothing is skipped when Neo4j is missing: the fixture fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import neo4j
import pytest

from graph import queries, schema, server
from graph.connection import driver as make_driver
from graph.writer import GraphWriter
from loaders.reference import seed_plan
from ontology import OntologyModel, load_model
from twin.settings import Settings, get_settings

for _name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
    os.environ.pop(_name, None)
# TWIN_TEST_INSTANCE lets parallel developers each use an instance of their own (with their own
# TWIN_NEO4J_BOLT_PORT / TWIN_NEO4J_HTTP_PORT); `make test` uses "test".
os.environ["TWIN_INSTANCE"] = os.environ.get("TWIN_TEST_INSTANCE", "test")
os.environ["TWIN_ENV_FILE"] = ""  # never read a user's .env (it may name a real server)
os.environ.setdefault("TWIN_NEO4J_HEAP", "512m")
os.environ.setdefault("TWIN_NEO4J_PAGECACHE", "256m")
if os.environ.get("TWIN_TEST_NEO4J_URI"):
    os.environ["NEO4J_URI"] = os.environ["TWIN_TEST_NEO4J_URI"]
    os.environ["NEO4J_USER"] = os.environ.get("TWIN_TEST_NEO4J_USER", "neo4j")
    os.environ["NEO4J_PASSWORD"] = os.environ.get("TWIN_TEST_NEO4J_PASSWORD", "")


@pytest.fixture(scope="session")
def settings() -> Settings:
    return get_settings()


@pytest.fixture(scope="session")
def model() -> OntologyModel:
    return load_model()


@pytest.fixture(scope="session")
def neo4j_server(settings: Settings) -> Iterator[Settings]:
    """The test server, running for the whole session."""
    started = False
    if settings.managed and not server.status(settings).running:
        server.start(settings)
        started = True
    yield settings
    if started:
        server.stop(settings)


@pytest.fixture(scope="session")
def driver(neo4j_server: Settings) -> Iterator[neo4j.Driver]:
    drv = make_driver(neo4j_server)
    drv.verify_connectivity()
    yield drv
    drv.close()


@pytest.fixture
def empty_db(driver: neo4j.Driver, settings: Settings, model: OntologyModel) -> neo4j.Driver:
    """No data, exactly the shipped ontology's schema (what other tests added is dropped)."""
    with driver.session(database=settings.neo4j_database) as session:
        session.run(queries.WIPE).consume()  # CALL ... IN TRANSACTIONS needs an auto-commit tx
    schema.apply(driver, model, settings.neo4j_database, prune=True)
    return driver


@pytest.fixture
def seeded_db(empty_db: neo4j.Driver, settings: Settings, model: OntologyModel) -> neo4j.Driver:
    """The reference data seeded once."""
    GraphWriter(empty_db, model, database=settings.neo4j_database).write(seed_plan())
    return empty_db


def count(drv: neo4j.Driver, cypher: str, **params: object) -> int:
    records, _, _ = drv.execute_query(cypher, params)
    return int(records[0][0])
