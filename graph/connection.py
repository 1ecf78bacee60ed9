"""Connection details and drivers for the configured Neo4j (managed or ``NEO4J_URI``)."""

from __future__ import annotations

from dataclasses import dataclass

import neo4j

from graph.server import managed_password
from twin.settings import Settings


@dataclass(frozen=True)
class Target:
    """Where to connect: URI, credentials and database."""

    uri: str
    user: str
    password: str
    database: str


def target(settings: Settings) -> Target:
    """The server every command talks to: ``NEO4J_URI`` if set, else the managed instance."""
    if settings.neo4j_uri:
        return Target(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password or "",
            settings.neo4j_database,
        )
    return Target(
        f"bolt://127.0.0.1:{settings.bolt_port}",
        settings.neo4j_user,
        managed_password(settings),
        settings.neo4j_database,
    )


RETRY_SECONDS = 10.0  # how long a transaction is retried when the server stops answering


def driver(settings: Settings) -> neo4j.Driver:
    """A synchronous driver (close it, or use it as a context manager). A transaction that
    cannot reach the server is retried for ``RETRY_SECONDS``, then fails."""
    t = target(settings)
    return neo4j.GraphDatabase.driver(
        t.uri, auth=(t.user, t.password), max_transaction_retry_time=RETRY_SECONDS
    )


def async_driver(settings: Settings) -> neo4j.AsyncDriver:
    """An asynchronous driver for the GraphQL server."""
    t = target(settings)
    return neo4j.AsyncGraphDatabase.driver(
        t.uri, auth=(t.user, t.password), notifications_min_severity="OFF"
    )


__all__ = ["Target", "async_driver", "driver", "target"]
