"""Every example query of the dashboard runs without errors on the seeded twin (with the sample
documents) and returns data; the dashboard links each one into GraphiQL."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

import neo4j
import pytest
from starlette.testclient import TestClient

from gql.app import create_app
from gql.examples import EXAMPLES, MAINTAINER_EXAMPLES, graphiql_link
from ontology import OntologyModel
from tests.integration.test_ingest import SAMPLES, _ingest
from twin.settings import Settings

pytestmark = pytest.mark.integration


ANALYST, MAINTAINER = "analyst-key-for-examples-01", "maintainer-key-for-examples-01"


@pytest.fixture
def client(seeded_db: neo4j.Driver, model: OntologyModel) -> Iterator[TestClient]:
    _ingest(seeded_db, model, SAMPLES)
    keys = f"{ANALYST}:analyst,{MAINTAINER}:maintainer"
    with TestClient(create_app(Settings(_env_file=None, TWIN_API_KEYS=keys))) as test_client:
        yield test_client


def test_every_example_runs_and_the_dashboard_links_it(client: TestClient) -> None:
    page = client.get("/").text
    assert MAINTAINER_EXAMPLES, "the mutations should have an example"
    for title, query in EXAMPLES.items():
        key = MAINTAINER if title in MAINTAINER_EXAMPLES else ANALYST
        body = client.post("/graphql", json={"query": query}, headers={"X-API-Key": key}).json()
        assert "errors" not in body, (title, body.get("errors"))
        assert all(value is not None for value in body["data"].values()), title
        assert unquote(graphiql_link(query)).endswith(query)
        assert graphiql_link(query).replace("&", "&amp;") in page or graphiql_link(query) in page
