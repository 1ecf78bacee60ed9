"""API keys, roles, limits, timeouts and error masking of the GraphQL API, over HTTP through the
real ASGI app and against the real Neo4j."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from starlette.testclient import TestClient

from gql import queries
from gql.app import create_app
from gql.auth import PUBLIC_DENIED, ConfigError
from gql.context import Context
from gql.limits import MASKED_MESSAGE
from graph.connection import async_driver
from twin.settings import Settings

pytestmark = pytest.mark.integration

ANALYST_KEY = "analyst-key-for-tests-0123"
MAINTAINER_KEY = "maintainer-key-for-tests-0123"
KEYS = f"{ANALYST_KEY}:analyst,{MAINTAINER_KEY}:maintainer"
AS_ANALYST = {"X-API-Key": ANALYST_KEY}
CONNECTION = "{ neighbourhoods(first: 3) { totalCount edges { node { code } } } }"
SLOW = "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS n"
SLOW_PAGE = (  # what a connection page returns, slowly
    "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS total, [] AS page"
)


def app_settings(**values: Any) -> Settings:
    """The test instance's settings (from the environment) with security settings on top."""
    return Settings(_env_file=None, **{"TWIN_API_KEYS": KEYS, **values})


@pytest.fixture
def client(seeded_db: neo4j.Driver) -> Iterator[TestClient]:
    with TestClient(create_app(app_settings())) as test_client:
        yield test_client


@pytest.fixture
def production(seeded_db: neo4j.Driver) -> Iterator[TestClient]:
    with TestClient(create_app(app_settings(TWIN_ENV="production"))) as test_client:
        yield test_client


def post(
    client: TestClient, query: str, headers: dict[str, str] | None = None, **variables: Any
) -> dict[str, Any]:
    response = client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers or {}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def messages(body: dict[str, Any]) -> list[str]:
    return [e["message"] for e in body.get("errors", [])]


def test_public_gets_introspection_but_no_connections(client: TestClient) -> None:
    body = post(client, "{ __typename __schema { queryType { name } } }")
    assert "errors" not in body
    assert body["data"] == {"__typename": "Query", "__schema": {"queryType": {"name": "Query"}}}
    body = post(client, CONNECTION)
    assert body["data"] is None
    assert messages(body) == [
        f"{PUBLIC_DENIED}: neighbourhoods needs an API key (analyst or maintainer)"
    ]
    body = post(client, '{ node(id: "WK091714") { id } }')
    assert PUBLIC_DENIED in messages(body)[0]
    body = post(client, '{ search(text: "Heerlen") { __typename } }')
    assert PUBLIC_DENIED in messages(body)[0]


def test_public_runs_aggregates_with_small_counts_suppressed(client: TestClient) -> None:
    query = """{ stakeholdersAggregate(groupBy: [CLASS]) { count suppressed
                 groups { key { class } count suppressed } } }"""
    public = post(client, query)
    assert "errors" not in public, public
    analyst = post(client, query, AS_ANALYST)
    assert "errors" not in analyst, analyst
    total = analyst["data"]["stakeholdersAggregate"]["count"]
    assert total >= 5 and public["data"]["stakeholdersAggregate"]["count"] == total
    shown = {g["key"]["class"]: g for g in public["data"]["stakeholdersAggregate"]["groups"]}
    small = [g for g in analyst["data"]["stakeholdersAggregate"]["groups"] if g["count"] < 5]
    assert small, "the seed data has stakeholder classes with fewer than five members"
    for group in small:  # the aggregate resolvers read the role from the context
        assert shown[group["key"]["class"]] == {**group, "count": None, "suppressed": True}


def test_public_never_gets_document_text(client: TestClient) -> None:
    body = post(client, "{ documents { edges { node { id redactedText } } } }")
    assert body["data"] is None
    found = messages(body)
    assert any("redactedText is refused" in m for m in found), found
    body = post(
        client, "{ documents(first: 1) { edges { node { id redactedText } } } }", AS_ANALYST
    )
    assert "errors" not in body and len(body["data"]["documents"]["edges"]) == 1


def test_analyst_and_maintainer_keys_open_the_connections(client: TestClient) -> None:
    for headers in (
        AS_ANALYST,
        {"Authorization": f"Bearer {ANALYST_KEY}"},
        {"authorization": f"bearer {MAINTAINER_KEY}"},
    ):
        body = post(client, CONNECTION, headers)
        assert "errors" not in body, body
        assert body["data"]["neighbourhoods"]["totalCount"] == 57
        assert len(body["data"]["neighbourhoods"]["edges"]) == 3


def test_unknown_or_malformed_keys_get_401_with_a_json_error(client: TestClient) -> None:
    for headers, message in [
        ({"X-API-Key": "not-a-key-of-this-twin"}, "unknown API key"),
        ({"Authorization": f"Bearer {ANALYST_KEY}x"}, "unknown API key"),
        ({"Authorization": f"Token {ANALYST_KEY}"}, "must be 'Bearer <API key>'"),
        ({"X-API-Key": ANALYST_KEY, "Authorization": f"Bearer {MAINTAINER_KEY}"}, "two different"),
    ]:
        response = client.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
        assert response.status_code == 401, response.text
        assert response.headers["content-type"].startswith("application/json")
        assert response.headers["www-authenticate"].startswith("Bearer")
        error = response.json()["errors"][0]
        assert message in error["message"] and error["extensions"]["code"] == "UNAUTHENTICATED"
        assert ANALYST_KEY not in response.text and MAINTAINER_KEY not in response.text
    repeated = [("X-API-Key", ANALYST_KEY), ("X-API-Key", MAINTAINER_KEY)]
    response = client.post("/graphql", json={"query": "{ __typename }"}, headers=repeated)
    assert response.status_code == 401
    # GraphiQL itself needs no key
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200


def test_without_keys_development_runs_everyone_as_analyst(seeded_db: neo4j.Driver) -> None:
    with TestClient(create_app(app_settings(TWIN_API_KEYS=None))) as open_client:
        body = post(open_client, CONNECTION)
        assert body["data"]["neighbourhoods"]["totalCount"] == 57
        response = open_client.post(
            "/graphql", json={"query": CONNECTION}, headers={"X-API-Key": ANALYST_KEY}
        )
        assert response.status_code == 401


def test_production_needs_keys(neo4j_server: Settings) -> None:
    with pytest.raises(ConfigError, match="TWIN_ENV=production needs API keys"):
        create_app(app_settings(TWIN_API_KEYS=None, TWIN_ENV="production"))


def test_cost_and_depth_limits_are_clear_errors(client: TestClient) -> None:
    with TestClient(create_app(app_settings(TWIN_GRAPHQL_MAX_COST=500))) as limited:
        ok = post(limited, "{ neighbourhoods(first: 100) { edges { node { code } } } }", AS_ANALYST)
        assert "errors" not in ok and len(ok["data"]["neighbourhoods"]["edges"]) == 57
        body = post(
            limited,
            "{ neighbourhoods(first: 100) { edges { node { observations { value } } } } }",
            AS_ANALYST,
        )
        assert body["data"] is None
        assert messages(body) == [
            "the query is too expensive: its estimated cost is 2201, the limit is 500 (a "
            "connection counts `first` items, default 20; other lists 20); ask for fewer items "
            "or fewer nested lists"
        ]
    deep = "{ neighbourhoods(first: 1) { edges { node { " + "district { neighbourhoods { " * 5
    deep += "code" + " } }" * 5 + " } } } }"
    body = post(client, deep, AS_ANALYST)
    assert body["data"] is None
    assert any("exceeds maximum operation depth" in m for m in messages(body)), body


def test_production_masks_internal_errors_but_keeps_deliberate_ones(
    production: TestClient, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = post(production, '{ neighbourhoods(after: "bm9wZQ==") { totalCount } }', AS_ANALYST)
    assert messages(body) == ["invalid cursor 'bm9wZQ=='"]
    body = post(production, "{ neighbourhoods(first: 500) { totalCount } }", AS_ANALYST)
    assert "first must be between 0 and 100" in messages(body)[0]
    body = post(production, "{ neighbourhoods { nope } }", AS_ANALYST)
    assert "Cannot query field 'nope'" in messages(body)[0]
    assert PUBLIC_DENIED in messages(post(production, CONNECTION))[0]

    async def broken(self: Context, cypher: str, **params: Any) -> list[neo4j.Record]:
        raise RuntimeError("connection string bolt://neo4j:secret@10.0.0.7 failed")

    monkeypatch.setattr(Context, "read", broken)
    response = production.post("/graphql", json={"query": CONNECTION}, headers=AS_ANALYST)
    assert response.status_code == 200
    assert messages(response.json()) == [MASKED_MESSAGE]
    assert "secret" not in response.text and "10.0.0.7" not in response.text
    # development shows what went wrong
    body = post(client, CONNECTION, AS_ANALYST)
    assert messages(body) == ["connection string bolt://neo4j:secret@10.0.0.7 failed"]


def test_bad_requests_are_never_a_500(production: TestClient) -> None:
    for content, expected in [
        (b"{ not json", 400),
        (b'{"variables": {}}', 400),
        (b'{"query": "{ neighbourhoods { "}', 200),
        (b'{"query": "{ neighbourhoods(first: \\"x\\") { totalCount } }"}', 200),
        (b'{"query": "query($n: Int!) { neighbourhoods(first: $n) { totalCount } }"}', 200),
    ]:
        response = production.post(
            "/graphql",
            content=content,
            headers={**AS_ANALYST, "content-type": "application/json"},
        )
        assert response.status_code == expected, (content, response.text)
        if expected == 200:
            assert response.json()["errors"][0]["message"] != MASKED_MESSAGE


def test_batching_is_off_by_default_and_limited_when_on(
    client: TestClient, seeded_db: neo4j.Driver
) -> None:
    batch = [{"query": "{ __typename }"}, {"query": CONNECTION}, {"query": "{ __typename }"}]
    response = client.post("/graphql", json=batch, headers=AS_ANALYST)
    assert response.status_code == 400 and "Batching is not enabled" in response.text
    with TestClient(create_app(app_settings(TWIN_GRAPHQL_MAX_BATCH=2))) as batching:
        response = batching.post("/graphql", json=batch, headers=AS_ANALYST)
        assert response.status_code == 400 and "Too many operations" in response.text
        response = batching.post("/graphql", json=batch[:2], headers=AS_ANALYST)
        assert response.status_code == 200
        results = response.json()
        assert results[1]["data"]["neighbourhoods"]["totalCount"] == 57
        response = batching.post("/graphql", json=batch[:2])  # the role holds for each one
        assert PUBLIC_DENIED in response.json()[1]["errors"][0]["message"]


def test_a_read_that_takes_too_long_is_stopped_with_a_clear_error(
    neo4j_server: Settings,
) -> None:
    async def go() -> str:
        drv = async_driver(neo4j_server)
        try:
            context = Context(driver=drv, database=neo4j_server.neo4j_database, timeout=0.5)
            try:
                await context.read(SLOW)
            except Exception as exc:  # the type is part of what is checked
                return f"{type(exc).__name__}: {exc}"
            return "finished"
        finally:
            await drv.close()

    outcome = asyncio.run(go())
    assert outcome.startswith("GraphQLError: the query took longer than 0.5 s and was stopped")


def test_timeout_over_http_in_production_is_a_clear_error(
    seeded_db: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "connection_page", lambda *_args, **_kwargs: SLOW_PAGE)
    settings = app_settings(TWIN_ENV="production", TWIN_GRAPHQL_TIMEOUT=0.5)
    with TestClient(create_app(settings)) as slow:
        response = slow.post(
            "/graphql", json={"query": "{ neighbourhoods { totalCount } }"}, headers=AS_ANALYST
        )
    assert response.status_code == 200
    found = messages(response.json())
    assert len(found) == 1 and found[0].startswith("the query took longer than 0.5 s"), found


def test_public_tables_hide_no_count_that_subtraction_would_give_back(
    client: TestClient,
) -> None:
    body = post(
        client,
        "{ observationsAggregate(groupBy: [INDICATOR, DISTRICT]) { count "
        "groups { key { indicator { id } district { id } } count suppressed } } }",
    )
    assert "errors" not in body, body
    groups = body["data"]["observationsAggregate"]["groups"]
    assert any(g["suppressed"] for g in groups) and any(not g["suppressed"] for g in groups)
    for axis in ("indicator", "district"):
        other = "district" if axis == "indicator" else "indicator"
        lines: dict[str, list[bool]] = {}
        for g in groups:
            key = g["key"][other]
            lines.setdefault(str(key and key["id"]), []).append(g["suppressed"])
        for hidden in lines.values():
            assert hidden.count(True) != 1 or len(hidden) == 1
    assert [g["suppressed"] for g in groups].count(True) != 1
    for g in groups:
        assert (g["count"] is None) == g["suppressed"]
