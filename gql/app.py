"""The ASGI app: GraphQL (GraphiQL on GET) at /graphql, the dashboard at /, health at /healthz.

Also the ontology reference at /ontology, and Neo4j Browser's style (/neo4j/style.grass) and
guide (/neo4j/guide.html), which the managed server's Browser loads after login.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import AsyncIterator, Awaitable, Callable
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
from ontology import artefacts
from ontology.model import bundled_graph, load_model
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


# Neo4j Browser fetches the style and the guide from its own origin: allow any origin, and the
# preflight its no-cache headers trigger.
BROWSER_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "*",
}


def _for_browser(body: str, media_type: str) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers=BROWSER_CORS)
        return Response(body, media_type=media_type, headers=BROWSER_CORS)

    return endpoint


def create_app(settings: Settings, driver: neo4j.AsyncDriver | None = None) -> Starlette:
    """Build the app; it owns (and closes) a driver unless one is passed in."""
    own_driver = driver is None
    drv = driver or async_driver(settings)
    graphql = TwinGraphQL(drv, settings.neo4j_database)
    browser_url = f"http://127.0.0.1:{settings.http_port}/browser/" if settings.managed else ""
    page = resources.files("gql").joinpath("dashboard.html").read_text(encoding="utf-8")
    page = page.replace("{{NEO4J_BROWSER_URL}}", html.escape(browser_url, quote=True))
    docs = artefacts.build(
        load_model(), bundled_graph(), artefacts.api_base_url(settings.host, settings.port)
    )

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
            Route(artefacts.REFERENCE_PATH, _for_browser(docs.reference, "text/html")),
            Route(
                artefacts.STYLE_PATH,
                _for_browser(docs.style, "text/plain"),
                methods=["GET", "OPTIONS"],
            ),
            Route(
                artefacts.GUIDE_PATH,
                _for_browser(docs.guide, "text/html"),
                methods=["GET", "OPTIONS"],
            ),
        ],
        lifespan=lifespan,
    )


__all__ = ["create_app"]
