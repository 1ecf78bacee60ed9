"""One round trip per level: a page of 50 neighbourhoods with their districts, observations
(with indicators) and documents costs at most 3 queries to Neo4j, and gives the same answer as
resolving every field on its own."""

from __future__ import annotations

import asyncio
from typing import Any

import neo4j
import pytest

from gql.context import Context
from gql.schema import build_schema
from graph.connection import async_driver
from ontology import OntologyModel
from tests.integration.test_ingest import SAMPLES, _ingest
from twin.settings import Settings

pytestmark = pytest.mark.integration

FIELDS = """
      id name
      district { id name }
      observations { value period indicator { id name } }
      documents { id language }
      mentions { start end text }
"""
NESTED = "{ neighbourhoods(first: 50) { totalCount edges { node { " + FIELDS + "} } } }"


def _execute(settings: Settings, model: OntologyModel, query: str) -> tuple[Any, int]:
    schema = build_schema(model)

    async def go() -> tuple[Any, int]:
        drv = async_driver(settings)
        try:
            ctx = Context(driver=drv, database=settings.neo4j_database, labels=list(model.classes))
            result = await schema.execute(query, context_value=ctx)
            assert result.errors is None, result.errors
            return result.data, ctx.queries_sent
        finally:
            await drv.close()

    return asyncio.run(go())


def test_a_nested_page_of_50_costs_at_most_3_queries(
    seeded_db: neo4j.Driver, settings: Settings, model: OntologyModel
) -> None:
    _ingest(seeded_db, model, SAMPLES)
    data, sent = _execute(settings, model, NESTED)
    edges = data["neighbourhoods"]["edges"]
    assert len(edges) == 50
    assert sent <= 3, f"{sent} queries for one nested page"
    maria = next(e["node"] for e in edges if e["node"]["id"] == "BU09171000")
    assert maria["district"] == {"id": "WK091710", "name": "Maria Gewanden en Terschuren"}
    assert len(maria["observations"]) >= 5 and all(o["indicator"] for o in maria["observations"])
    # node(id:) resolves every field through its DataLoader: the same answer
    alone, _ = _execute(
        settings, model, '{ node(id: "BU09171000") { ... on Neighbourhood { ' + FIELDS + "} } }"
    )
    assert alone["node"] == maria
    assert any(e["node"]["documents"] for e in edges)  # the samples mention some of them
