"""Per-request context: the async driver and DataLoaders that batch relation look-ups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j
from strawberry.dataloader import DataLoader

from gql import queries

Item = dict[str, Any]
RelKey = tuple[str, str, bool, str]


@dataclass
class Context:
    """What every resolver gets: the driver, the database and this request's loaders."""

    driver: neo4j.AsyncDriver
    database: str | None
    labels: list[str] = field(default_factory=list)
    _loaders: dict[RelKey, DataLoader[str, list[Item]]] = field(default_factory=dict)
    _by_id: dict[str | None, DataLoader[str, Item | None]] = field(default_factory=dict)
    queries_sent: int = 0

    async def read(self, cypher: str, **params: Any) -> list[neo4j.Record]:
        self.queries_sent += 1
        records, _, _ = await self.driver.execute_query(
            cypher, params, database_=self.database, routing_=neo4j.RoutingControl.READ
        )
        return records

    def related(
        self, source_label: str, rel_type: str, outgoing: bool, target_label: str
    ) -> DataLoader[str, list[Item]]:
        """The loader of ``(source)-[rel_type]-(target)`` for this request (created once)."""
        key = (source_label, rel_type, outgoing, target_label)
        if key not in self._loaders:
            cypher = queries.related(*key)

            async def load(ids: Sequence[str]) -> list[list[Item]]:
                records = await self.read(cypher, ids=list(ids))
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


__all__ = ["Context", "Item"]
