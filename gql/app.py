"""The ASGI app: GraphQL (GraphiQL on GET) at /graphql, the dashboard at /, health at /healthz.

Also the ontology reference at /ontology, and Neo4j Browser's style (/neo4j/style.grass) and
guide (/neo4j/guide.html), which the managed server's Browser loads after login.

GraphQL requests carry an API key in ``X-API-Key`` or ``Authorization: Bearer``; its role
(``gql.auth``) goes on the Context, an unknown key is answered with HTTP 401 and a JSON error.
The schema gets the extensions of ``gql.limits`` (roles, cost, tokens, and in production error
masking); see docs/graphql-security.md.
"""

from __future__ import annotations

import contextlib
import gc
import html
from collections.abc import AsyncIterator, Awaitable, Callable
from importlib import resources
from typing import Any

import neo4j
import orjson
import strawberry
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from gql.auth import AuthError, Keyring, keyring
from gql.caches import cache_extensions
from gql.context import Context
from gql.examples import examples_html
from gql.limits import batching_config, security_extensions
from gql.schema import build_schema
from graph.connection import async_driver
from ontology import artefacts
from ontology.model import bundled_graph, load_model
from twin.settings import Settings

ROLE_SCOPE_KEY = "twin_role"


def secured_schema(settings: Settings) -> strawberry.Schema:
    """``build_schema()`` with the security extensions and the batching of ``settings``."""
    schema = build_schema()
    schema.extensions = (
        *schema.extensions,
        *security_extensions(settings),
        *cache_extensions(),
    )
    schema.config.batching_config = batching_config(settings)
    return schema


class TwinGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI handler: the caller's role from its API key, and a fresh context (and
    DataLoaders) per request."""

    def __init__(self, driver: neo4j.AsyncDriver, settings: Settings) -> None:
        self._keyring: Keyring = keyring(settings)  # refuses production without keys
        super().__init__(secured_schema(settings), graphql_ide="graphiql")
        self._labels = list(load_model().classes)
        self._driver = driver
        self._database = settings.neo4j_database
        self._timeout = settings.graphql_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers: dict[str, str] = {}
            for raw_name, raw_value in scope["headers"]:
                # a repeated header is joined (as HTTP does), so two keys are never one known key
                name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
                headers[name] = f"{headers[name]}, {value}" if name in headers else value
            try:
                role = self._keyring.role_for_headers(headers)
            except AuthError as exc:
                response = JSONResponse(
                    {"errors": [{"message": str(exc), "extensions": {"code": "UNAUTHENTICATED"}}]},
                    status_code=401,
                    headers={"WWW-Authenticate": 'Bearer realm="social-twin"'},
                )
                await response(scope, receive, send)
                return
            scope.setdefault("state", {})[ROLE_SCOPE_KEY] = role
        await super().__call__(scope, receive, send)

    def encode_json(self, data: object) -> str | bytes:
        """The response body: orjson (several times faster than json on large answers), the
        standard library for what orjson refuses (integers beyond 64 bits)."""
        try:
            return orjson.dumps(data)
        except TypeError:
            return super().encode_json(data)

    async def get_context(self, request: Any, response: Any) -> Context:
        role = request.scope.get("state", {}).get(ROLE_SCOPE_KEY, "public")
        return Context(
            driver=self._driver,
            database=self._database,
            labels=self._labels,
            role=role,
            timeout=self._timeout,
        )


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
    """Build the app; it owns (and closes) a driver unless one is passed in.

    Raises ``gql.auth.ConfigError`` for ``TWIN_ENV=production`` without API keys."""
    keyring(settings)  # fail before a driver is made
    own_driver = driver is None
    drv = driver or async_driver(settings)
    graphql = TwinGraphQL(drv, settings)
    browser_url = f"http://127.0.0.1:{settings.http_port}/browser/" if settings.managed else ""
    page = resources.files("gql").joinpath("dashboard.html").read_text(encoding="utf-8")
    page = page.replace("{{NEO4J_BROWSER_URL}}", html.escape(browser_url, quote=True))
    page = page.replace("{{EXAMPLES}}", examples_html())
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
        # The schema, the ontology graphs and the language data are built once and live as
        # long as the server: keep them out of the garbage collector's generations, so that
        # its full collections (pauses in the middle of requests) walk only what requests made.
        gc.collect()
        gc.freeze()
        yield
        gc.unfreeze()
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


__all__ = ["TwinGraphQL", "create_app", "secured_schema"]
