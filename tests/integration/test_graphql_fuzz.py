"""1,000 queries generated from the schema (hypothesis-graphql) against the real app and the
seeded twin, in production mode as an analyst: never an HTTP 500, never an unexpected
(masked) error — every failure is a GraphQL error the API meant to give (a limit, a bad
argument)."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis_graphql import queries
from starlette.testclient import TestClient

from gql.app import create_app
from gql.sdl import schema_sdl
from twin.settings import Settings

pytestmark = pytest.mark.integration
KEY = "fuzzing-analyst-key-0123456789"
MASKED = "Unexpected error."


@pytest.fixture(scope="module")
def app_client(driver: neo4j.Driver, settings: Settings) -> Iterator[TestClient]:
    """The production app (errors masked) over the seeded test database."""
    from graph.writer import GraphWriter
    from loaders.reference import seed_plan
    from ontology import load_model

    GraphWriter(driver, load_model(), database=settings.neo4j_database).write(seed_plan())
    production = Settings(_env_file=None, TWIN_API_KEYS=f"{KEY}:analyst", TWIN_ENV="production")
    with TestClient(create_app(production)) as client:
        yield client


SCHEMA = schema_sdl()


def test_generated_queries_never_fail_unexpectedly(app_client: TestClient) -> None:
    seen = {"ok": 0, "errors": 0}

    @settings(
        max_examples=1000,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(query=queries(SCHEMA))
    def check(query: str) -> None:
        response = app_client.post("/graphql", json={"query": query}, headers={"X-API-Key": KEY})
        assert response.status_code in (200, 400), (response.status_code, query)
        body = response.json()
        messages = [e.get("message", "") for e in body.get("errors") or []]
        assert MASKED not in messages, (query, body)
        seen["errors" if messages else "ok"] += 1

    check()
    assert seen["ok"] + seen["errors"] >= 1000
    assert seen["ok"] > 100  # most generated queries are answered, not refused
