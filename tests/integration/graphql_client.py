"""Run GraphQL queries against the real Neo4j in integration tests: the result, the number of
Cypher queries sent, and the two common assertions (no errors / some errors)."""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry

from gql.context import Context
from graph.connection import async_driver
from ontology import OntologyModel
from twin.settings import Settings


def execute(
    schema: strawberry.Schema, settings: Settings, model: OntologyModel, query: str, **vars: Any
) -> tuple[Any, int]:
    """The result of ``query`` (as an analyst) and the number of Cypher queries it sent."""

    async def go() -> tuple[Any, int]:
        drv = async_driver(settings)
        try:
            ctx = Context(driver=drv, database=settings.neo4j_database, labels=list(model.classes))
            result = await schema.execute(query, variable_values=vars, context_value=ctx)
            return result, ctx.queries_sent
        finally:
            await drv.close()

    return asyncio.run(go())


def run(
    schema: strawberry.Schema, settings: Settings, model: OntologyModel, query: str, **vars: Any
) -> Any:
    """The data of ``query``, which must have no errors."""
    result, _ = execute(schema, settings, model, query, **vars)
    assert result.errors is None, result.errors
    return result.data


def errors(
    schema: strawberry.Schema, settings: Settings, model: OntologyModel, query: str, **vars: Any
) -> list[str]:
    """The error messages of ``query``, which must have some."""
    result, _ = execute(schema, settings, model, query, **vars)
    assert result.errors, result.data
    return [e.message for e in result.errors]


def ids(conn: dict[str, Any]) -> list[str]:
    """The node ids of a connection's edges."""
    return [e["node"]["id"] for e in conn["edges"]]
