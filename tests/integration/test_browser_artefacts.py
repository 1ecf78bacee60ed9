"""The API serves the ontology reference, the Browser style and guide; the guide's queries run."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import neo4j
import pytest
from starlette.testclient import TestClient

from gql.app import create_app
from ontology import artefacts
from ontology.model import OntologyModel
from tests.integration.test_ingest import SAMPLES, _ingest
from twin.settings import Settings

pytestmark = pytest.mark.integration

BROWSER_ORIGIN = "http://127.0.0.1:7474"


@pytest.fixture
def client(seeded_db: neo4j.Driver, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_ontology_page_is_served(client: TestClient, model: OntologyModel) -> None:
    response = client.get("/ontology")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    for label in model.classes:
        assert f'id="class-{label}"' in response.text


@pytest.mark.parametrize(
    ("path", "media_type", "marker"),
    [
        (artefacts.STYLE_PATH, "text/plain", "node.Neighbourhood {"),
        (artefacts.GUIDE_PATH, "text/html", "<slide"),
    ],
)
def test_browser_can_fetch_style_and_guide_cross_origin(
    client: TestClient, path: str, media_type: str, marker: str
) -> None:
    response = client.get(path, headers={"Origin": BROWSER_ORIGIN, "Cache-Control": "no-cache"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["content-type"].startswith(media_type)
    assert marker in response.text
    # Browser fetches guides with Pragma/Cache-Control headers, so it sends a preflight first
    preflight = client.options(
        path,
        headers={
            "Origin": BROWSER_ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "pragma,cache-control",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "GET" in preflight.headers["access-control-allow-methods"]


def test_guide_links_to_the_api_of_the_settings(client: TestClient, settings: Settings) -> None:
    guide = client.get(artefacts.GUIDE_PATH).text
    base = artefacts.api_base_url(settings.host, settings.port)
    assert f"style {base}{artefacts.STYLE_PATH}" in guide
    assert f"{base}{artefacts.REFERENCE_PATH}" in guide


def test_guide_queries_run_and_find_something(
    seeded_db: neo4j.Driver, settings: Settings, model: OntologyModel
) -> None:
    _ingest(seeded_db, model, SAMPLES)  # documents with mentions, as after `make run`
    rows = {}
    for query in artefacts.example_queries(model):
        records, summary, _ = seeded_db.execute_query(
            query.cypher, database_=settings.neo4j_database
        )
        assert summary.query_type == "r", query.title  # read-only, safe to click
        rows[query.title] = len(records)
    assert len(rows) == len(artefacts.EXAMPLES)
    assert all(count > 0 for count in rows.values()), rows


def test_every_clickable_query_of_the_guide_runs(
    seeded_db: neo4j.Driver, settings: Settings, model: OntologyModel
) -> None:
    page = artefacts.guide(model, "http://127.0.0.1:8000")
    queries = [html.unescape(q) for q in re.findall(r'data-populate="([^"]*)"', page)]
    assert len(queries) >= len(model.classes) + len(model.relationships)
    for cypher in queries:
        _, summary, _ = seeded_db.execute_query(cypher, database_=settings.neo4j_database)
        assert summary.query_type == "r", cypher
