"""The ASGI app: GraphQL (GraphiQL on GET) at /graphql, the dashboard at /, health at /healthz."""

from __future__ import annotations

import contextlib
import html
from collections.abc import AsyncIterator
from importlib import resources
from typing import Any

import neo4j
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL

from gql.context import Context
from gql.schema import build_schema
from graph.connection import async_driver
from ontology.model import load_model
from twin.settings import Settings


class TwinGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI handler with a fresh context (and DataLoaders) per request."""

    def __init__(self, driver: neo4j.AsyncDriver, database: str | None) -> None:
        super().__init__(build_schema(), graphql_ide="graphiql")
        self._labels = list(load_model().classes)
        self._driver = driver
        self._database = database

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(driver=self._driver, database=self._database, labels=self._labels)


def create_app(settings: Settings, driver: neo4j.AsyncDriver | None = None) -> Starlette:
    """Build the app; it owns (and closes) a driver unless one is passed in."""
    own_driver = driver is None
    drv = driver or async_driver(settings)
    graphql = TwinGraphQL(drv, settings.neo4j_database)
    browser_url = f"http://127.0.0.1:{settings.http_port}/browser/" if settings.managed else ""
    page = resources.files("gql").joinpath("dashboard.html").read_text(encoding="utf-8")
    page = page.replace("{{NEO4J_BROWSER_URL}}", html.escape(browser_url, quote=True))

    async def dashboard(_: Request) -> Response:
        return HTMLResponse(page)

    async def healthz(_: Request) -> Response:
        try:
            await drv.verify_connectivity()
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError) as exc:
            return JSONResponse({"status": "unavailable", "neo4j": str(exc)}, status_code=503)
        return JSONResponse({"status": "ok"})

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        if own_driver:
            await drv.close()

    return Starlette(
        routes=[
            Route("/", dashboard),
            Route("/healthz", healthz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
        ],
        lifespan=lifespan,
    )


__all__ = ["create_app"]
