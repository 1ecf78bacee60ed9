"""Per-request context: the async driver, the caller's role, and the DataLoaders that batch
relation look-ups.

Every read runs in a Neo4j transaction with a timeout (``TWIN_GRAPHQL_TIMEOUT``, default 10 s);
a read that takes longer, or a database that does not answer, becomes a GraphQL error with a
clear message (kept in production, where other unexpected errors are masked).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j
from graphql import GraphQLError
from strawberry.dataloader import DataLoader

from gql import queries
from gql.timeline import AS_OF, Timeline

Item = dict[str, Any]
RelKey = tuple[str, str, bool, str, str | None]
DEFAULT_TIMEOUT = 10.0  # seconds


def _timed_out(error: neo4j.exceptions.Neo4jError) -> bool:
    code = error.code or ""
    return "TransactionTimedOut" in code or code.endswith("Transaction.Terminated")


@dataclass
class Context:
    """What every resolver gets: the driver, the database, the caller's role (``public``,
    ``analyst`` or ``maintainer``; see ``gql.auth``), the read timeout in seconds and this
    request's loaders. Built directly (tests, scripts) it runs as ``analyst``; the HTTP app
    sets the role from the request's API key."""

    driver: neo4j.AsyncDriver
    database: str | None
    labels: list[str] = field(default_factory=list)
    role: str = "analyst"
    timeout: float = DEFAULT_TIMEOUT
    _loaders: dict[RelKey, DataLoader[str, list[Item]]] = field(default_factory=dict)
    _by_id: dict[str | None, DataLoader[str, Item | None]] = field(default_factory=dict)
    queries_sent: int = 0

    async def read(self, cypher: str, **params: Any) -> list[neo4j.Record]:
        """Run a read query (auto-commit, with the timeout) and return its records."""
        self.queries_sent += 1
        query = neo4j.Query(cypher, timeout=self.timeout)
        try:
            # an auto-commit read: one round trip (RUN and PULL pipelined), where a managed
            # transaction adds BEGIN and COMMIT
            async with self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS
            ) as session:
                result = await session.run(query, params)
                records = [record async for record in result]
        except neo4j.exceptions.Neo4jError as exc:
            if _timed_out(exc):
                raise GraphQLError(
                    f"the query took longer than {self.timeout:g} s and was stopped; ask for "
                    "less (a smaller `first`, fewer nested lists or a narrower `where`)"
                ) from exc
            raise
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as exc:
            raise GraphQLError("the database does not answer; try again later") from exc
        return records

    def related(
        self,
        source_label: str,
        rel_type: str,
        outgoing: bool,
        target_label: str,
        as_of: str | None = None,
        known: Timeline | None = None,
    ) -> DataLoader[str, list[Item]]:
        """The loader of ``(source)-[rel_type]-(target)`` for this request (created once per
        relation and ``asOf`` date; ``known`` gives the conditions of ``as_of``)."""
        key = (source_label, rel_type, outgoing, target_label, as_of)
        if as_of is not None and known is None:
            raise ValueError("asOf needs the timeline conditions")
        if key not in self._loaders:
            known = None if as_of is None else known
            cypher = queries.related(source_label, rel_type, outgoing, target_label, known)
            dated = {} if as_of is None else {AS_OF: as_of}

            async def load(ids: Sequence[str]) -> list[list[Item]]:
                records = await self.read(cypher, ids=list(ids), **dated)
                found = {r["id"]: r["items"] for r in records}
                return [found.get(i, []) for i in ids]

            self._loaders[key] = DataLoader(load_fn=load)
        return self._loaders[key]

    def nodes_by_id(self, label: str | None) -> DataLoader[str, Item | None]:
        """The loader of nodes by id, of one class or (``None``) of any ontology class."""
        if label not in self._by_id:
            cypher = queries.nodes_by_id(label)

            async def load(ids: Sequence[str]) -> list[Item | None]:
                records = await self.read(cypher, ids=list(ids), labels=self.labels)
                found = {r["id"]: r["node"] for r in records}
                return [found.get(i) for i in ids]

            self._by_id[label] = DataLoader(load_fn=load)
        return self._by_id[label]


__all__ = ["DEFAULT_TIMEOUT", "Context", "Item"]
