"""The compiled path of a root connection: when the projection (``gql.projection``) already
holds everything a request selects, the response is shaped straight from the Cypher rows,
without graphql-core resolving every field of every node.

A plan is made per request from the selection (``plan``). It covers the connection fields
(``totalCount``, ``pageInfo``, ``edges { cursor node }``), and on nodes ``__typename``,
``id``, the property fields, ``concept`` and the relationship fields (lists and single nodes)
of the class, nested as deep as the projection goes. Anything else — ``mentions``,
``documents``, ``supportingDocuments``, relationship connections, fragments on another type,
``@skip``/``@include``, a response key used twice — makes the plan ``None`` and the request
takes the ordinary path, which answers the same. Leaf values go through the same coercion
(``gql.scalars.coerce``) and the same GraphQL serialisation as on the ordinary path, and a
value that fails there also sends the request down the ordinary path, which reports it as a
field error.

The shaped data travels as :class:`Precompiled`; the execution context
(:class:`CompiledExecutionContext`) puts it in the response as it is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLString,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from gql.concepts import CONCEPT_FIELD, Scheme
from gql.filters import FilterSpec
from gql.projection import MAX_LEVELS, PREFETCHED
from gql.scalars import SCALARS
from ontology.model import DataProperty, OntologyModel

TYPENAME = "__typename"
_SERIALIZE: dict[type, Callable[[Any], Any]] = {
    str: GraphQLString.serialize,
    int: GraphQLInt.serialize,
    float: GraphQLFloat.serialize,
    bool: GraphQLBoolean.serialize,
}


@dataclass(frozen=True)
class Precompiled:
    """A field's complete response value, already shaped."""

    data: Any


class CompiledExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, which takes :class:`Precompiled` values as they are."""

    def complete_value(self, return_type: Any, *args: Any) -> Any:
        result = args[3] if len(args) > 3 else None
        if type(result) is Precompiled:
            return result.data
        return super().complete_value(return_type, *args)


class NotCompiledError(Exception):
    """The selection (or a value) needs the ordinary path."""


Shape = Callable[[Mapping[str, Any]], Any]


@dataclass(frozen=True)
class Compiler:
    """What plans need to know of the ontology and the generated types."""

    model: OntologyModel
    spec: FilterSpec
    schemes: Mapping[str, Scheme]
    concrete: Callable[[Sequence[str]], str | None]  # most specific concrete class of labels
    converters: Callable[[DataProperty], Callable[[Any], Any]]

    def node_plan(self, label: str, selections: Iterable[Any], level: int) -> Shape:
        """The shaper of a node of class ``label`` (an interface when abstract)."""
        fields: list[tuple[str, Any]] = []
        props = {p.name: p for p in self.model.properties_of(label) if p.name != "id"}
        relations = self.spec.of(label).relations
        for key, sel in _fields(selections, label):
            name = sel.name
            if name == TYPENAME:
                fields.append((key, self._typename))
            elif name == "id":
                fields.append((key, _ID))
            elif name in props:
                fields.append((key, self._prop(props[name])))
            elif name == CONCEPT_FIELD and label in self.schemes:
                fields.append((key, self._concept(self.schemes[label])))
            elif name in relations and relations[name].typed and level < MAX_LEVELS:
                rel = relations[name]
                assert rel.target is not None
                inner = self.node_plan(rel.target, sel.selections or (), level + 1)
                leaf = not self.spec.of(rel.target).typenames
                fields.append((key, self._relation(name, rel.single, inner, leaf)))
            else:
                raise NotCompiledError(name)
        return _object(fields)

    def _typename(self, node: Mapping[str, Any]) -> Any:
        found = self.concrete(node.get("labels") or ())
        if found is None:
            raise NotCompiledError(TYPENAME)
        return found

    def _prop(self, prop: DataProperty) -> tuple[str, type | None, Callable[[Any], Any]]:
        """A property field: its name, the Python type whose values pass as they are (a text
        stays a text; finite floats and 32-bit ints too, checked in :func:`_object`) and the
        full conversion for everything else."""
        base = SCALARS.get(prop.range or "string", str)
        fast = None if prop.multi_valued or base is bool else base
        return (prop.name, fast, self.converters(prop))

    @staticmethod
    def _concept(scheme: Scheme) -> Shape:
        members = {value: member for member, value in scheme.members.items()}

        def shape(node: Mapping[str, Any]) -> Any:
            return members.get(str(node.get("id")))

        return shape

    def _relation(self, name: str, single: bool, inner: Shape, leaf: bool) -> Shape:
        """A relationship field; ``leaf``: its target class has no subclasses (its nodes are
        all of that concrete class, nothing to filter)."""
        concrete = self.concrete

        def shape(node: Mapping[str, Any]) -> Any:
            found = node.get(PREFETCHED)
            rows = None if found is None else found.get(name)
            if rows is None:
                raise NotCompiledError(name)
            # gql.projection.row_node, inlined: this runs once per related node
            nodes = [r if "labels" in r else r["node"] for r in rows]
            if leaf:
                shaped = [inner(n) for n in nodes]
            else:
                shaped = [inner(n) for n in nodes if concrete(n.get("labels") or ())]
            if single:
                return shaped[0] if shaped else None
            return shaped

        return shape


_ID = ("id", None, None)  # the id field: always a text
_INT_RANGE = range(-(2**31), 2**31)


def _object(fields: Sequence[tuple[str, Any]]) -> Shape:
    """The shaper of an object from its fields: a property ``(name, fast type, convert)``
    (``_ID`` for the id), or any other shaper of the node."""

    def shape(node: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        get = node.get
        for key, field in fields:
            if type(field) is not tuple:
                out[key] = field(node)
                continue
            name, fast, convert = field
            if convert is None:
                out[key] = GraphQLID.serialize(str(node["id"]))
                continue
            value: Any = get(name)
            kind = type(value)
            usual = value is not None and kind is fast
            if usual and kind is float:
                usual = math.isfinite(value)
            elif usual and kind is int:
                usual = value in _INT_RANGE
            out[key] = value if usual else convert(value)
        return out

    return shape


def _fields(selections: Iterable[Any], type_name: str) -> list[tuple[str, Any]]:
    """(response key, selected field) of a selection on ``type_name``, fragments on that type
    looked through; :class:`NotCompiledError` for anything else."""
    found: list[tuple[str, Any]] = []
    for sel in selections or ():
        if getattr(sel, "directives", None):
            raise NotCompiledError("directives")
        kind = type(sel).__name__
        if kind in ("InlineFragment", "FragmentSpread"):
            condition = getattr(sel, "type_condition", None)
            if condition not in (None, type_name):
                raise NotCompiledError(f"fragment on {condition}")
            found += _fields(sel.selections, type_name)
        else:
            found.append((getattr(sel, "alias", None) or sel.name, sel))
    keys = [key for key, _ in found]
    if len(keys) != len(set(keys)):
        raise NotCompiledError("a response key used twice")
    return found


def converter(prop: DataProperty, coerce: Callable[[Any, DataProperty], Any]) -> Shape:
    """The value of ``prop`` as the ordinary path returns it: coerced, then serialised as its
    GraphQL scalar (lists item by item)."""
    serialize = _SERIALIZE[SCALARS.get(prop.range or "string", str)]
    if prop.multi_valued:

        def many(value: Any) -> Any:
            return [None if v is None else serialize(v) for v in coerce(value, prop)]

        return many

    def one(value: Any) -> Any:
        coerced = coerce(value, prop)
        return None if coerced is None else serialize(coerced)

    return one


@dataclass(frozen=True)
class ConnectionPlan:
    """The shaper of a root connection's response."""

    fields: tuple[tuple[str, str, Any], ...]  # (key, field, sub-plan)

    @property
    def cursors(self) -> bool:
        """Whether the response shows cursors (of edges, or start/end in pageInfo)."""
        for _, name, sub in self.fields:
            if name == "pageInfo" and any(n in ("startCursor", "endCursor") for _, n in sub):
                return True
            if name == "edges" and any(n == "cursor" for _, n, _ in sub):
                return True
        return False

    def shape(
        self,
        total: int,
        edges: Sequence[tuple[str, Mapping[str, Any]]],
        page_info: Mapping[str, Any],
        type_names: Mapping[str, str],
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, name, sub in self.fields:
            if name == TYPENAME:
                out[key] = type_names["connection"]
            elif name == "totalCount":
                out[key] = total
            elif name == "pageInfo":
                out[key] = {
                    k: type_names["pageInfo"] if n == TYPENAME else page_info[n] for k, n in sub
                }
            else:  # edges
                out[key] = [_edge(sub, cursor, node, type_names["edge"]) for cursor, node in edges]
        return out


def _edge(
    fields: Sequence[tuple[str, str, Any]], cursor: str, node: Mapping[str, Any], edge_type: str
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, name, shape in fields:
        if name == TYPENAME:
            out[key] = edge_type
        elif name == "cursor":
            out[key] = cursor
        else:
            out[key] = shape(node)
    return out


PAGE_INFO_FIELDS = frozenset({"hasNextPage", "hasPreviousPage", "startCursor", "endCursor"})


def connection_plan(
    compiler: Compiler, label: str, selections: Iterable[Any], type_names: Mapping[str, str]
) -> ConnectionPlan | None:
    """The plan of a root connection of ``label`` for ``selections`` (its selected fields), or
    ``None`` when the ordinary path must answer."""
    try:
        fields: list[tuple[str, str, Any]] = []
        for key, sel in _fields(selections, type_names["connection"]):
            name = sel.name
            if name in (TYPENAME, "totalCount"):
                fields.append((key, name, None))
            elif name == "pageInfo":
                info = [(k, s.name) for k, s in _fields(sel.selections, type_names["pageInfo"])]
                if any(n not in PAGE_INFO_FIELDS | {TYPENAME} for _, n in info):
                    return None
                fields.append((key, name, info))
            elif name == "edges":
                edge: list[tuple[str, str, Any]] = []
                for ekey, esel in _fields(sel.selections, type_names["edge"]):
                    if esel.name in (TYPENAME, "cursor"):
                        edge.append((ekey, esel.name, None))
                    elif esel.name == "node":
                        edge.append((ekey, "node", compiler.node_plan(label, esel.selections, 1)))
                    else:
                        return None
                fields.append((key, name, edge))
            else:
                return None
        return ConnectionPlan(tuple(fields))
    except NotCompiledError:
        return None


def shape_plain(value: Any, selections: Iterable[Any], name_of: Callable[[Any], str]) -> Any:
    """The response of ``value`` — plain strawberry objects (fields without resolvers), lists,
    scalars and enums — for ``selections``, as field-by-field execution would give it;
    :class:`NotCompiledError` for anything else (a resolver, a fragment on another type, a
    directive). ``name_of`` gives a field definition's GraphQL name."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [shape_plain(v, selections, name_of) for v in value]
    definition = getattr(value, "__strawberry_definition__", None)
    if definition is None:
        raise NotCompiledError(type(value).__name__)
    fields = {name_of(f): f for f in definition.fields}
    out: dict[str, Any] = {}
    for key, sel in _fields(selections, definition.name):
        if sel.name == TYPENAME:
            out[key] = definition.name
            continue
        field = fields.get(sel.name)
        if field is None or field.base_resolver is not None or sel.arguments:
            raise NotCompiledError(sel.name)
        item = getattr(value, field.python_name)
        if sel.selections:
            out[key] = shape_plain(item, sel.selections, name_of)
        else:
            out[key] = _leaf(item)
    return out


def _leaf(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Enum):
        return value.name
    serialize = _SERIALIZE.get(type(value))
    if serialize is None:
        raise NotCompiledError(type(value).__name__)
    return serialize(value)


__all__ = [
    "CompiledExecutionContext",
    "Compiler",
    "ConnectionPlan",
    "NotCompiledError",
    "Precompiled",
    "connection_plan",
    "converter",
    "shape_plain",
]
