"""A comparable picture of the whole graph: every node's labels and properties and every
relationship's type, endpoints and properties, sorted; times left out unless asked for (two
runs at different moments must compare equal)."""

from __future__ import annotations

from typing import Any

import neo4j

TIME_PROPS = frozenset({"firstSeen", "lastSeen", "ingestedAt", "at", "undoneAt"})


def _clean(props: dict[str, Any], keep_times: bool) -> dict[str, Any]:
    out = {}
    for key, value in props.items():
        if not keep_times and key in TIME_PROPS:
            continue
        out[key] = str(value) if hasattr(value, "iso_format") else value
    return out


def graph_snapshot(driver: neo4j.Driver, *, keep_times: bool = False) -> dict[str, Any]:
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props"
    )
    node_rows = sorted(
        ((sorted(r["labels"]), _clean(r["props"], keep_times)) for r in nodes),
        key=lambda row: (str(row[1].get("id")), repr(row)),
    )
    rel_rows = sorted(
        ((r["type"], r["a"], r["b"], _clean(r["props"], keep_times)) for r in rels),
        key=repr,
    )
    return {"nodes": node_rows, "relationships": rel_rows}


__all__ = ["TIME_PROPS", "graph_snapshot"]
