"""The Cypher of the GraphQL layer: connection pages and batched relation look-ups.

Labels, relationship types and property names come from the ontology model (through
``gql.filters``, which compiles ``where`` and ``sort``); filter values, cursor values, page
sizes and ids always travel as parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

from gql.filters import SortKey, check_name
from gql.timeline import Timeline


def _check_page(label: str, keys: Sequence[SortKey]) -> None:
    """``label`` is an identifier and every sort key runs ASC or DESC (spliced into Cypher)."""
    check_name(label)
    for key in keys:
        if key.direction not in ("ASC", "DESC"):
            raise ValueError(f"cannot sort {key.direction!r}")


def connection_page(
    label: str,
    where: str,
    keys: Sequence[SortKey],
    after: str | None = None,
    projection: str | None = None,
) -> str:
    """Count the nodes of ``label`` that match ``where`` and return one page, in one query.

    ``where`` and ``keys`` are compiled by ``gql.filters`` (conditions and ORDER BY
    expressions over ``n``); ``after`` is the keyset condition over a row ``r`` (its sort key
    values ``r.k`` and id ``r.id``) that keeps the rows after the cursor. Missing key values
    sort last in both directions; the node id breaks ties. Returns ``total`` (all matches),
    ``before`` (matches up to the cursor), ``remaining`` (matches after it) and ``page``:
    the first ``$limit`` of those, each ``{node, keys, id}``: ``node`` the Neo4j node, or,
    with ``projection`` (a map expression over ``n``, ``gql.projection``), that map.
    """
    _check_page(label, keys)
    names = [f"k{i}" for i in range(len(keys))]
    computed = "".join(f", {k.expression} AS {name}" for k, name in zip(keys, names, strict=True))
    order = "".join(
        f"{name} IS NULL, {name} {k.direction}, " for k, name in zip(keys, names, strict=True)
    )
    carried = "".join(f", {name}" for name in names)
    return (
        f"MATCH (n:{label}) "
        + (f"WHERE {where} " if where else "")
        + (f"WITH n{computed} " if keys else "")
        + f"WITH n{carried} ORDER BY {order}n.id ASC "
        f"WITH collect({{node: n, k: [{', '.join(names)}], id: n.id}}) AS rows "
        + (
            f"WITH rows, [r IN rows WHERE {after}] AS rest "
            if after
            else "WITH rows, rows AS rest "
        )
        + (
            "CALL (rest) { WITH rest[0..$limit] AS chosen "
            "UNWIND range(0, size(chosen) - 1) AS i WITH i, chosen[i] AS r "
            f"WITH i, r, r.node AS n RETURN collect({{i: i, node: {projection}, "
            "keys: r.k, id: r.id}) AS page } "
            if projection
            else "WITH rows, rest, "
            "[r IN rest[0..$limit] | {node: r.node, keys: r.k, id: r.id}] AS page "
        )
        + "RETURN size(rows) AS total, size(rows) - size(rest) AS before, "
        "size(rest) AS remaining, page"
    )


def _known(rel_type: str, target: str | None, known: Timeline | None) -> str:
    """The ``asOf`` conditions on ``r`` and ``m`` (``""`` without ``known``)."""
    if known is None:
        return ""
    conds = [known.relationship("r"), known.node("m", target)]
    return "".join(f" AND {c}" for c in conds if c != "true")


def connection_page_light(
    label: str,
    where: str,
    keys: Sequence[SortKey],
    after: str | None = None,
    projection: str | None = None,
) -> str:
    """One page of the nodes of ``label`` that match ``where``, without counting them: the
    keyset condition ``after`` (over ``r.k`` and ``r.id``, as in :func:`connection_page`)
    filters before a top-k sort, and ``$limit + 1`` rows come back, so that the caller knows
    whether more follow. For requests that select neither ``totalCount`` nor
    ``hasPreviousPage``. Returns ``remaining`` (rows found, at most ``$limit + 1``) and
    ``page`` (each ``{i, node, keys, id}``)."""
    _check_page(label, keys)
    values = ", ".join(k.expression for k in keys)
    order = "".join(f"r.k[{i}] IS NULL, r.k[{i}] {k.direction}, " for i, k in enumerate(keys))
    node = projection or "n"
    return (
        f"MATCH (n:{label}) "
        + (f"WHERE {where} " if where else "")
        + f"WITH n, {{k: [{values}], id: n.id}} AS r "
        + (f"WHERE {after} " if after else "")
        + f"WITH n, r ORDER BY {order}r.id ASC LIMIT $limit + 1 "
        "WITH collect({n: n, r: r}) AS chosen "
        "CALL (chosen) { UNWIND range(0, size(chosen) - 1) AS i WITH i, chosen[i] AS c "
        f"WITH i, c, c.n AS n RETURN collect({{i: i, node: {node}, keys: c.r.k, id: c.r.id}}) "
        "AS page } "
        "RETURN size(chosen) AS remaining, page"
    )


def related(
    source_label: str,
    rel_type: str,
    outgoing: bool,
    target_label: str,
    known: Timeline | None = None,
) -> str:
    """For each id in ``$ids``, the related nodes with the relationship's properties
    (relationships a maintainer rejected are hidden; with ``known``, what the twin did not
    know at ``$asOf`` too)."""
    pattern = f"-[r:{rel_type}]->" if outgoing else f"<-[r:{rel_type}]-"
    return (
        "UNWIND $ids AS id "
        f"MATCH (n:{source_label} {{id: id}}){pattern}(m:{target_label}) "
        f"WHERE r.rejected IS NULL{_known(rel_type, target_label, known)} "
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


__all__ = ["connection_page", "connection_page_light", "nodes_by_id", "related"]
