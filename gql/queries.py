"""The Cypher of the GraphQL layer: connection pages and batched relation look-ups.

Labels, relationship types and property names come from the ontology model or from fixed
allow-lists in this module; filter values, offsets and ids always travel as parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

FILTERABLE = ("id", "code", "name")
SORTABLE = ("id", "code", "name")


@dataclass(frozen=True)
class Condition:
    """``n.<prop> <op> $param``, with an allow-listed property and operator."""

    prop: str
    op: str  # eq | in | contains | startsWith
    param: str

    def cypher(self) -> str:
        if self.prop not in FILTERABLE:
            raise ValueError(f"cannot filter on {self.prop!r}")
        if self.op == "eq":
            return f"n.{self.prop} = ${self.param}"
        if self.op == "in":
            return f"n.{self.prop} IN ${self.param}"
        if self.op == "contains":
            return f"toLower(n.{self.prop}) CONTAINS toLower(${self.param})"
        if self.op == "startsWith":
            return f"n.{self.prop} STARTS WITH ${self.param}"
        raise ValueError(f"unknown operator {self.op!r}")


def connection_page(
    label: str, conditions: Sequence[Condition], order: Sequence[tuple[str, str]]
) -> str:
    """Count the matching nodes and return one page (``$skip``, ``$limit``) in one query."""
    where = " AND ".join(c.cypher() for c in conditions)
    order_parts = []
    for prop, direction in (*order, ("id", "ASC")):
        if prop not in SORTABLE or direction not in ("ASC", "DESC"):
            raise ValueError(f"cannot sort on {prop} {direction}")
        order_parts.append(f"n.{prop} {direction}")
    return (
        f"MATCH (n:{label}) "
        + (f"WHERE {where} " if where else "")
        + f"WITH n ORDER BY {', '.join(order_parts)} "
        "WITH collect(n) AS nodes "
        "RETURN size(nodes) AS total, "
        "[x IN nodes[$skip..($skip + $limit)] | x {.*, labels: labels(x)}] AS page"
    )


def related(source_label: str, rel_type: str, outgoing: bool, target_label: str) -> str:
    """For each id in ``$ids``, the related nodes with the relationship's properties."""
    pattern = f"-[r:{rel_type}]->" if outgoing else f"<-[r:{rel_type}]-"
    return (
        "UNWIND $ids AS id "
        f"MATCH (n:{source_label} {{id: id}}){pattern}(m:{target_label}) "
        "WITH id, m, r ORDER BY coalesce(r.start, 0), m.id "
        "RETURN id, collect({node: m {.*, labels: labels(m)}, rel: properties(r)}) AS items"
    )


NODE_BY_ID = "MATCH (n {id: $id}) RETURN n {.*, labels: labels(n)} AS node LIMIT 1"

__all__ = ["FILTERABLE", "NODE_BY_ID", "SORTABLE", "Condition", "connection_page", "related"]
