"""The Cypher of the GraphQL layer: connection pages and batched relation look-ups.

Labels, relationship types and property names come from the ontology model or from fixed
allow-lists in this module; filter values, offsets and ids always travel as parameters.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Condition:
    """``n.<prop> <op> $param``, with an allow-listed property and operator."""

    prop: str
    op: str  # eq | in | contains | startsWith
    param: str

    def cypher(self, allowed: Collection[str]) -> str:
        if self.prop not in allowed:
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
    label: str,
    conditions: Sequence[Condition],
    order: Sequence[tuple[str, str]],
    allowed: Collection[str],
) -> str:
    """Count the matching nodes and return one page (``$skip``, ``$limit``) in one query.

    ``allowed`` is the allow-list of property names for filters and sorting (the class's
    properties from the ontology)."""
    where = " AND ".join(c.cypher(allowed) for c in conditions)
    order_parts = []
    for prop, direction in (*order, ("id", "ASC")):
        if prop not in allowed or direction not in ("ASC", "DESC"):
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


def nodes_by_id(label: str | None) -> str:
    """The nodes with the ids in ``$ids`` (of one class, or of any class the ontology knows,
    through the ``$labels`` list so that the id constraints' indexes are used)."""
    match = (
        f"MATCH (n:{label} {{id: id}})"
        if label
        else ("MATCH (n {id: id}) WHERE any(l IN labels(n) WHERE l IN $labels)")
    )
    return f"UNWIND $ids AS id {match} RETURN id, n {{.*, labels: labels(n)}} AS node"


__all__ = ["Condition", "connection_page", "nodes_by_id", "related"]
