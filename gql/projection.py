"""Compile a GraphQL selection into one Cypher projection: only the selected properties, and the
selected relationship fields as nested ``COLLECT`` subqueries, level after level.

A root connection's page is then one statement however deep the request goes through the
relationship fields of the class (``districts { neighbourhoods { observations { indicator } } }``
is one query). What the projection cannot see stays with the DataLoaders (``gql.context``):
relationship fields that only a fragment on a subclass selects, and the fields of nodes that
other root fields return.

The projection of a node is a map ``{.id, .<selected properties>, labels, _prefetched}``:
``_prefetched`` holds, per relationship field name, the rows the resolvers would otherwise
load (``gql.connection.prefetched``): ``{node, rel}`` with the relationship properties the
selection needs (``start`` for the order and the cursors, the edge fields of
``<field>Connection``, the offsets and surface of ``mentions``), or just the node's map when
it needs none (:func:`row_node`). Temporal properties, the
costliest values to bring into Python, travel only when selected.

Labels, types and property names come from the ontology (``gql.filters.FilterSpec``); the
only parameter is ``$asOf`` when the request has one (``gql.timeline``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gql.filters import (
    DOCUMENT_CLASS,
    MENTIONS,
    FilterSpec,
    RelationField,
    check_name,
)
from gql.timeline import Timeline

PREFETCHED = "_prefetched"  # in a node map: relation field name → its rows
MENTIONS_FIELD = "mentions"  # the Entity fields read from MENTIONS: mentions, documents
DOCUMENTS_FIELD = "documents"
SUPPORTING_FIELD = "supportingDocuments"  # reads the node's ``sources``
SOURCES = "sources"
MENTION_PROPERTIES = ("start", "end", "text", "confidence", "extractor")
ORDER_PROPERTY = "start"  # rows are ordered by it, and relationship cursors encode it
CONNECTION_SUFFIX = "Connection"
MAX_LEVELS = 8  # deeper selections are left to the DataLoaders


@dataclass
class Wanted:
    """What a selection needs of the nodes of one class at one level."""

    props: set[str] = field(default_factory=set)
    relations: dict[str, Wanted] = field(default_factory=dict)
    rel_props: dict[str, set[str]] = field(default_factory=dict)

    def relation(self, name: str) -> Wanted:
        return self.relations.setdefault(name, Wanted())

    def needs(self, name: str, props: Iterable[str]) -> None:
        """The relation field ``name`` is selected and its rows need ``props`` of the
        relationship (none: the rows carry no ``rel``)."""
        self.rel_props.setdefault(name, set()).update(props)


def _flat(selections: Iterable[Any]) -> list[Any]:
    """The fields of a selection list, fragments looked through."""
    found: list[Any] = []
    for sel in selections or ():
        if type(sel).__name__ in ("InlineFragment", "FragmentSpread"):
            found += _flat(getattr(sel, "selections", None) or ())
        else:
            found.append(sel)
    return found


def below(selections: Iterable[Any], *path: str) -> list[Any]:
    """The fields selected at ``path`` below ``selections``."""
    level = _flat(selections)
    for name in path:
        level = _flat(s for sel in level if sel.name == name for s in (sel.selections or ()))
    return level


@dataclass(frozen=True)
class Shapes:
    """The property names of nodes and of relationships (from the ontology)."""

    node_props: frozenset[str]
    edge_props: frozenset[str]


def wanted(
    spec: FilterSpec,
    label: str | None,
    selections: Iterable[Any],
    shapes: Shapes,
    level: int = 1,
) -> Wanted:
    """What ``selections`` (strawberry selected fields on nodes of ``label``) need."""
    want = Wanted()
    relations = spec.of(label).relations
    for sel in _flat(selections):
        name = sel.name
        base = relation_of(name) if name.endswith(CONNECTION_SUFFIX) else None
        subs = sel.selections or ()
        if name in (MENTIONS_FIELD, DOCUMENTS_FIELD):
            if level >= MAX_LEVELS:
                continue
            docs = subs if name == DOCUMENTS_FIELD else below(subs, "document")
            nested = wanted(spec, DOCUMENT_CLASS, docs, shapes, level + 1)
            _merge(want.relation(MENTIONS_FIELD), nested)
            want.needs(MENTIONS_FIELD, MENTION_PROPERTIES if name == MENTIONS_FIELD else ())
        elif name in relations and relations[name].typed:
            if level < MAX_LEVELS:
                target = relations[name].target
                nested = wanted(spec, target, subs, shapes, level + 1)
                _merge(want.relation(name), nested)
                want.needs(name, ())
        elif base and base in relations and relations[base].typed:
            if level < MAX_LEVELS:
                target = relations[base].target
                nodes = below(subs, "edges", "node")
                nested = wanted(spec, target, nodes, shapes, level + 1)
                _merge(want.relation(base), nested)
                edge_fields = {s.name for s in below(subs, "edges")}
                want.needs(base, {ORDER_PROPERTY} | (edge_fields & shapes.edge_props))
        elif name == SUPPORTING_FIELD:
            want.props.add(SOURCES)
        elif name in shapes.node_props:
            want.props.add(name)
    return want


def _merge(into: Wanted, more: Wanted) -> None:
    into.props |= more.props
    for name, sub in more.relations.items():
        _merge(into.relation(name), sub)
    for name, props in more.rel_props.items():
        into.needs(name, props)


def _relation_of(spec: FilterSpec, label: str | None, name: str) -> RelationField:
    if name == MENTIONS_FIELD:
        return RelationField(MENTIONS_FIELD, MENTIONS, False, DOCUMENT_CLASS)
    return spec.of(label).relations[name]


def project(
    spec: FilterSpec,
    label: str | None,
    var: str,
    want: Wanted,
    known: Timeline | None = None,
    level: int = 1,
) -> str:
    """The Cypher map of node ``var`` (of ``label``) that ``want`` needs, with its relation
    rows nested (``COLLECT`` subqueries; rejected relationships hidden and, with ``known``,
    what the twin did not know at ``$asOf``)."""
    check_name(var)
    props = sorted({"id"} | want.props)
    parts = [f".{check_name(p)}" for p in props] + [f"labels: {_labels(spec, label, var)}"]
    rows = []
    for name, sub in sorted(want.relations.items()):
        rel = _relation_of(spec, label, name)
        m, r = f"m{level}", f"r{level}"
        arrow = f"-[{r}:{check_name(rel.type)}]->" if rel.outgoing else f"<-[{r}:{rel.type}]-"
        node = f"({m}:{check_name(rel.target)})" if rel.target else f"({m})"
        conds = [f"{r}.rejected IS NULL"]
        if known is not None:
            conds += [known.relationship(r), known.node(m, rel.target)]
        rel_props = sorted(want.rel_props.get(name, ()))
        rel_map = ", ".join(f".{check_name(p)}" for p in rel_props)
        inner = project(spec, rel.target, m, sub, known, level + 1)
        # the order of gql.queries.related: by offset (only mentions have one), then id
        order = f"coalesce({r}.{ORDER_PROPERTY}, 0), {m}.id" if rel.type == MENTIONS else f"{m}.id"
        # a row is {node, rel} when the relationship's properties are needed, else the node
        row = f"{{node: {inner}, rel: {r} {{{rel_map}}}}}" if rel_props else inner
        rows.append(
            f"`{check_name(name)}`: COLLECT {{ MATCH ({var}){arrow}{node} "
            f"WHERE {' AND '.join(conds)} "
            f"WITH {m}, {r} ORDER BY {order} "
            f"RETURN {row} }}"
        )
    if rows:
        parts.append(f"`{PREFETCHED}`: {{{', '.join(rows)}}}")
    return f"{var} {{{', '.join(parts)}}}"


def relation_of(name: str) -> str:
    """The relation field a selected field reads: ``districtConnection`` reads ``district``."""
    if name.endswith(CONNECTION_SUFFIX) and len(name) > len(CONNECTION_SUFFIX):
        return name[: -len(CONNECTION_SUFFIX)]
    return name


def row_node(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """The node of a prefetched row: the row itself when it is a node's map (those always
    carry ``labels``), else the ``node`` of ``{node, rel}``."""
    return row if "labels" in row else row["node"]


def _labels(spec: FilterSpec, label: str | None, var: str) -> str:
    """The labels of ``var`` as the wrapping needs them: a constant for a class without
    subclasses (its nodes are of that class), ``labels(var)`` otherwise."""
    if label is not None and not spec.of(label).typenames:
        return f"['{check_name(label)}']"
    return f"labels({var})"


__all__ = [
    "MAX_LEVELS",
    "PREFETCHED",
    "Shapes",
    "CONNECTION_SUFFIX",
    "below",
    "relation_of",
    "row_node",
    "Wanted",
    "project",
    "wanted",
]
