"""The validation memo remembers outcomes per query, role and variables, never per text alone:
over HTTP through the real app and the real Neo4j."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest
from starlette.testclient import TestClient

from gql.app import create_app
from gql.auth import PUBLIC_DENIED
from gql.caches import memo_size
from tests.integration.test_graphql_roles import AS_ANALYST, app_settings, messages, post

pytestmark = pytest.mark.integration

PAGE = "query($n: Int!) { neighbourhoods(first: $n) { edges { node { code } } } }"
NESTED = (
    "query($n: Int!) { districts(first: $n) { edges { node { neighbourhoods { "
    "observations { value } } } } } }"
)


@pytest.fixture
def client(seeded_db: neo4j.Driver) -> Iterator[TestClient]:
    settings = app_settings(TWIN_GRAPHQL_MAX_COST="2000")
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _schema(client: TestClient) -> object:
    for route in client.app.routes:  # type: ignore[attr-defined]
        app = getattr(route, "app", None)
        if app is not None and hasattr(app, "schema"):
            return app.schema
    raise AssertionError("no GraphQL route")


def test_the_same_text_is_judged_per_role_and_per_variables(client: TestClient) -> None:
    schema = _schema(client)
    before = memo_size(schema)
    for _ in range(2):  # the second round comes from the memo and must answer the same
        assert PUBLIC_DENIED in messages(post(client, PAGE, n=3))[0]
        body = post(client, PAGE, AS_ANALYST, n=3)
        assert "errors" not in body and len(body["data"]["neighbourhoods"]["edges"]) == 3
        small = post(client, NESTED, AS_ANALYST, n=1)
        assert "errors" not in small, small
        large = post(client, NESTED, AS_ANALYST, n=100)  # 100 x 20 x 20 objects: over 2,000
        assert any("cost" in m for m in messages(large)), large
    assert memo_size(schema) == before + 4
