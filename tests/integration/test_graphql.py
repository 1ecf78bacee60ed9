"""The GraphQL API over the seeded graph, through the real ASGI app and the real Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from starlette.testclient import TestClient

from gql.app import create_app
from ontology import load_model
from tests.integration.test_ingest import SAMPLES, _ingest
from twin.settings import Settings

pytestmark = pytest.mark.integration

MARIA = """
query($code: String!) {
  neighbourhoods(where: {code: {eq: $code}}) {
    totalCount
    edges { cursor node {
      id code name codeStatus
      district { code name municipality { code name } }
      observations { value period unit indicator { id name } }
      documents { id language sourceUri }
      mentions { start end text }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""


@pytest.fixture
def client(seeded_db: neo4j.Driver, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def gql(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_neighbourhood_with_district_observations_and_documents(
    client: TestClient, seeded_db: neo4j.Driver, model: Any
) -> None:
    _ingest(seeded_db, model, SAMPLES)
    body = gql(client, MARIA, code="BU09171000")
    assert "errors" not in body
    conn = body["data"]["neighbourhoods"]
    assert conn["totalCount"] == 1 and conn["pageInfo"]["hasNextPage"] is False
    node = conn["edges"][0]["node"]
    assert node["name"] == "Maria Gewanden"
    assert node["codeStatus"] == "verified"
    assert node["district"]["code"] == "WK091710"
    assert node["district"]["municipality"] == {"code": "GM0917", "name": "Heerlen"}
    inhabitants = [
        o for o in node["observations"] if o["indicator"]["id"] == "indicator:inhabitants"
    ]
    assert [(o["value"], o["period"]) for o in inhabitants] == [(3460.0, "2020")]
    assert len(node["observations"]) == 6
    assert [d["language"] for d in node["documents"]] == ["nl"]
    assert Path(node["documents"][0]["sourceUri"]).name == "wijkoverleg-heerlen-noord.md"
    assert [m["text"] for m in node["mentions"]] == ["Maria Gewanden"]


def test_paging_walks_every_neighbourhood_once(client: TestClient) -> None:
    query = """query($after: String) { neighbourhoods(first: 10, after: $after,
                 sort: [{field: CODE}]) { totalCount edges { cursor node { code } }
                 pageInfo { hasNextPage endCursor } } }"""
    codes: list[str] = []
    after = None
    pages = 0
    while True:
        conn = gql(client, query, after=after)["data"]["neighbourhoods"]
        assert conn["totalCount"] == 57
        codes += [e["node"]["code"] for e in conn["edges"]]
        pages += 1
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert pages == 6 and len(codes) == 57 and len(set(codes)) == 57
    assert codes == sorted(codes)


def test_filters_in_and_name_and_sort(client: TestClient) -> None:
    body = gql(
        client,
        """{ districts(where: {code: {in: ["WK091710", "WK091731", "WK000000"]}},
                 sort: [{field: NAME, direction: DESC}]) { totalCount edges { node { code name
                 neighbourhoods { code } areas { name } } } } }""",
    )
    conn = body["data"]["districts"]
    assert conn["totalCount"] == 2
    names = [e["node"]["name"] for e in conn["edges"]]
    assert names == sorted(names, reverse=True)
    gms = next(e["node"] for e in conn["edges"] if e["node"]["code"] == "WK091731")
    assert {a["name"] for a in gms["areas"]} == {"GMS", "Heerlen-Noord"}
    body = gql(
        client,
        '{ neighbourhoods(where: {name: {eq: "Terschuren"}}) '
        "{ totalCount edges { node { code district { code } } } } }",
    )
    assert body["data"]["neighbourhoods"]["edges"][0]["node"] == {
        "code": "BU09171001",
        "district": {"code": "WK091710"},
    }


def test_injection_strings_are_just_values(client: TestClient) -> None:
    for evil in ["' OR 1=1 //", 'x"}) DETACH DELETE n //', "Маріа 🏠", "$code"]:
        body = gql(
            client,
            "query($v: String!) { neighbourhoods(where: {name: {eq: $v}}) { totalCount } }",
            v=evil,
        )
        assert body["data"]["neighbourhoods"]["totalCount"] == 0
    assert (
        gql(client, "{ neighbourhoods { totalCount } }")["data"]["neighbourhoods"]["totalCount"]
        == 57
    )


def test_limits_and_bad_cursors_are_clear_errors(client: TestClient) -> None:
    body = gql(client, "{ neighbourhoods(first: 500) { totalCount } }")
    assert "first must be between 0 and 100" in body["errors"][0]["message"]
    body = gql(client, '{ neighbourhoods(after: "bm9wZQ==") { totalCount } }')
    assert "invalid cursor" in body["errors"][0]["message"]


def test_other_connections_and_place_lookup(client: TestClient) -> None:
    body = gql(
        client,
        """{ stakeholders(where: {name: {contains: "politie"}}) { totalCount
        edges { node { name aliases } } }
        indicators { totalCount }
        areas(where: {name: {eq: "GMS"}}) { edges { node { name kind covers { code } } } }
        documents(where: {id: {startsWith: "dataset:"}}) { totalCount edges { node {
          attribution licence } } }
        node(id: "WK091714") { __typename ... on District { name neighbourhoods { name } } } }""",
    )
    assert "errors" not in body, body
    data = body["data"]
    assert {e["node"]["name"] for e in data["stakeholders"]["edges"]} == {
        "Politie Limburg",
        "Nationale Politie",
    }
    assert data["indicators"]["totalCount"] == len(load_model().concepts_of("Indicator"))
    assert data["areas"]["edges"][0]["node"]["covers"] == [{"code": "WK091731"}]
    assert data["documents"]["totalCount"] == 7  # six reference datasets and the ontology
    assert data["node"] == {
        "__typename": "District",
        "name": "De Koumen",
        "neighbourhoods": [{"name": "De Koumen"}],
    }


def test_graphiql_dashboard_and_health(client: TestClient, settings: Settings) -> None:
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    dashboard = client.get("/")
    assert dashboard.status_code == 200 and "neighbourhoods(" in dashboard.text
    if settings.managed:
        assert f'href="http://127.0.0.1:{settings.http_port}/browser/"' in dashboard.text
    assert client.get("/healthz").json() == {"status": "ok"}
