"""Aggregates per ontology class: how many, and min/max/avg/sum of a numeric property, in
groups keyed by related nodes, the class, the year or a text property.

Every root class of the ontology (one without a parent: ``Incident``, ``Observation``,
``Place``, ``Stakeholder`` ...) gets a root field ``<plural>Aggregate``::

    incidentsAggregate(where: {district: ["WK091710"]},
                       groupBy: [INCIDENT_TYPE, DISTRICT, YEAR]) {
      count suppressed
      groups { key { incidentType { id name } district { id name } year } count suppressed }
    }
    observationsAggregate(where: {indicator: ["indicator:inhabitants"]}, groupBy: [DISTRICT]) {
      count min max avg sum
      groups { key { district { name } } sum }
    }

The group-by keys (enum ``<Class>GroupBy``) come from the ontology (:func:`dimensions`):

- one per relationship from the class (or a subclass) to another class, named by the target
  class in UPPER_SNAKE (``OF_TYPE`` → ``IncidentType`` gives ``INCIDENT_TYPE``), and, when the
  target class has subclasses, one for their class (``FACILITY_CLASS``). A relationship to a
  place gives ``PLACE`` (the place itself), ``PLACE_CLASS`` (its class) and one key per
  concrete place class, reached by following ``PART_OF`` up (and ``COVERS`` back to informal
  areas): an incident in a street counts for its neighbourhood, district, municipality and
  the areas that cover them. When two relationships reach the same class, their keys are
  prefixed by the relationship type (``RUNS_PROGRAMME``, ``PARTNER_IN_PROGRAMME``);
- ``CLASS``: the most specific class, for classes with subclasses;
- ``YEAR``: the year of the class's own xsd:date/dateTime/gYear property. Incidents have none in
  the ontology: their year is that of the ISO date their id ends with (the extraction mints
  ``incident:<type>-<place>-<YYYY-MM-DD|undated>``, nlp/relations.py); undated ones have none;
- one per single-valued text property of the class's own that is not free text
  (``st:searchable``): ``PERIOD`` for observations, ``LANGUAGE`` for documents.

``where`` takes, per key, the values to keep (node ids for node keys); ``of`` names the numeric
property that min/max/avg/sum are about (default: the class's only numeric property of its
own, so ``value`` for observations). A node related to several values of a key (an incident
in two districts) counts once in each of their groups and once in the overall ``count``; a
node related to none has null in that key. Observations are about places of every level, so
that a district's group holds the district's own observations and its neighbourhoods':
``where: {placeClass: ["Neighbourhood"]}`` keeps one level.

Small counts: for the ``public`` role every count below :data:`SUPPRESS_BELOW` is null and
``suppressed`` true, and so are that group's statistics; a row, column or table of groups
that would hide exactly one count hides its smallest visible group too
(:func:`secondary_suppression`), so that subtraction from a total gives nothing back.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from types import GenericAlias
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from gql.compiled import NotCompiledError, Precompiled, shape_plain
from gql.context import Context
from gql.timeline import AS_OF, Timeline, timeline
from ontology.model import DataProperty, OntologyModel

Ctx = Info[Context, None]
PUBLIC_ROLE = "public"
DEFAULT_ROLE = "analyst"
SUPPRESS_BELOW = 5
MAX_GROUP_KEYS = 4
MAX_CONTAINMENT_DEPTH = 6

# The relationship types of containment (documented in the module docstring; checked against
# the model, and left out when an ontology lacks them).
PART_OF = "PART_OF"
COVERS = "COVERS"
# Classes whose ids end in the ISO date of the event (the extraction's id scheme), for YEAR.
DATED_BY_ID = ("Incident",)
DATED_ID_PATTERN = r".*\d{4}-\d{2}-\d{2}"
TEMPORAL_RANGES = frozenset({"date", "dateTime", "gYear", "gYearMonth"})
NUMERIC_RANGES = frozenset(
    {"decimal", "double", "float", "integer", "int", "nonNegativeInteger", "long"}
)
TEXT_RANGES = frozenset({"string", None})

NODE, CLASS, YEAR, PROPERTY = "node", "class", "year", "property"


@dataclass(frozen=True)
class Dimension:
    """One way to group (and filter) the nodes of a class.

    Attributes:
        key: the GroupBy enum member (``INCIDENT_TYPE``, ``DISTRICT``, ``YEAR``, ``CLASS``).
        kind: ``node`` (related nodes), ``class`` (the most specific class of the node, or of
            its related nodes when there are ``patterns``), ``year`` or ``property``.
        patterns: Cypher patterns from the node ``n`` to its related nodes ``x``.
        classes: for class keys, the classes to tell apart, most specific first.
        prop: the property read (text keys, and YEAR from a date property).
    """

    key: str
    kind: str
    patterns: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    prop: str | None = None

    @property
    def field(self) -> str:
        """Its field in ``<Class>GroupKey`` and ``<Class>AggregateWhere``."""
        return lower_camel(self.key)

    @property
    def many(self) -> bool:
        """True when a node has a list of values (its related nodes or their classes)."""
        return bool(self.patterns)


@dataclass(frozen=True)
class Containment:
    """How places lie in each other: ``part_of`` (PART_OF) leads from a place up to the place
    that holds it (``place``: its domain, the class of all places); ``covers`` (COVERS) from
    an informal area down to a place it covers."""

    part_of: str
    place: str
    covers: str | None = None


# ------------------------------------------------------------------ Cypher
# Labels, relationship types and property names come from the ontology model (which only
# admits safe identifiers); the values a filter keeps are parameters ($f0, $f1 ...).


def node_map(var: str) -> str:
    """A node as the map the GraphQL layer wraps: its properties and labels."""
    return f"{var} {{.*, labels: labels({var})}}"


def related_pattern(rel_type: str, target: str) -> str:
    """From the node ``n`` along ``rel_type`` (``r``) to a related node ``x:target``."""
    return f"(n)-[r:{rel_type}]->(x:{target})"


def holding_patterns(places: Containment, rel_type: str, via: str, target: str) -> tuple[str, ...]:
    """From ``n`` along ``rel_type`` (``r``) to a place (``via``), then to the places
    ``x:target`` that hold it (itself included): up PART_OF (the list ``h``), and from there
    back along COVERS (``c``)."""
    start = f"(n)-[r:{rel_type}]->(:{via})"
    hops = f"[h:{places.part_of}*0..{MAX_CONTAINMENT_DEPTH}]"
    found = [f"{start}-{hops}->(x:{target})"]
    if places.covers:
        found.append(f"{start}-{hops}->(:{places.place})<-[c:{places.covers}]-(x:{target})")
    return tuple(found)


def pattern_condition(pattern: str, known: Timeline | None = None) -> str:
    """What a pattern of :func:`related_pattern` or :func:`holding_patterns` may cross: no
    relationship a maintainer rejected and, with ``known`` (``asOf``), nothing the twin did not
    know yet at ``$asOf`` (``gql.timeline``)."""
    singles = [v for v in ("r", "c") if f"[{v}:" in pattern]
    lists = [v for v in ("h",) if f"[{v}:" in pattern]
    conds = [f"{v}.rejected IS NULL" for v in singles]
    conds += [f"all(s IN {v} WHERE s.rejected IS NULL)" for v in lists]
    if known is not None:
        conds += [known.relationship(v) for v in singles]
        conds += [f"all(s IN {v} WHERE {known.relationship('s')})" for v in lists]
        conds.append(known.node("x", None))
    return " AND ".join(conds)


def _comprehension(pattern: str, value: str, known: Timeline | None) -> str:
    cond = pattern_condition(pattern, known)
    return f"[{pattern}{f' WHERE {cond}' if cond else ''} | {value}]"


def dimension_value(dim: Dimension, known: Timeline | None = None) -> str:
    """The Cypher expression of a dimension's value (or list of values) for ``n`` (related
    nodes as the twin knew them at ``$asOf`` when ``known`` is given)."""
    if dim.kind == NODE:
        return " + ".join(_comprehension(p, "x", known) for p in dim.patterns)
    if dim.kind == CLASS:
        classes = ", ".join(f"'{c}'" for c in dim.classes)
        if not dim.patterns:
            return f"head([c IN [{classes}] WHERE c IN labels(n)])"
        return " + ".join(
            _comprehension(p, f"head([k IN [{classes}] WHERE k IN labels(x)])", known)
            for p in dim.patterns
        )
    if dim.kind == YEAR and dim.prop is None:
        return "CASE WHEN n.id =~ $datedId THEN toInteger(substring(n.id, size(n.id) - 10, 4)) END"
    if dim.kind == YEAR:
        return f"toInteger(left(toString(n.{dim.prop}), 4))"
    return f"n.{dim.prop}"


def dimension_condition(dim: Dimension, value: str, allowed: str) -> str:
    """The Cypher condition that a dimension's value (the variable ``value``) is one of
    ``allowed`` (a parameter); for lists, that one of them is."""
    if dim.kind == NODE:
        return f"any(x IN {value} WHERE x.id IN {allowed})"
    if dim.many:
        return f"any(v IN {value} WHERE v IN {allowed})"
    return f"{value} IN {allowed}"


def _stats(value: str, measure: str | None) -> str:
    """min/max/avg/sum of ``value`` (the measure, read once per node into the rows)."""
    if measure is None:
        return "null AS min, null AS max, null AS avg, null AS sum"
    return f"min({value}) AS min, max({value}) AS max, avg({value}) AS avg, sum({value}) AS sum"


def _groups(grouped: Sequence[tuple[str, Dimension]], measure: str | None) -> str:
    """The subquery that splits ``rows`` into groups: node keys unwound (no related node: one
    null group), each node once per group."""
    unwind = [
        f"UNWIND CASE WHEN size(r.{d}) = 0 THEN [null] ELSE r.{d} END AS g{i}"
        for i, (d, dim) in enumerate(grouped)
        if dim.many
    ]
    keep = [f"g{i}" if dim.many else f"r.{d} AS g{i}" for i, (d, dim) in enumerate(grouped)]
    names = [f"g{i}" for i in range(len(grouped))]
    order = [
        part
        for i, (_, dim) in enumerate(grouped)
        for part in ((f"g{i}.name", f"g{i}.id") if dim.kind == NODE else (f"g{i}",))
    ]
    key = [
        f"CASE WHEN g{i} IS NULL THEN null ELSE g{i} {{.id, .name, labels: labels(g{i})}} END"
        if dim.kind == NODE
        else f"g{i}"
        for i, (_, dim) in enumerate(grouped)
    ]
    return (
        "CALL (rows) { UNWIND rows AS r "
        + "".join(f"{u} " for u in unwind)
        + f"WITH DISTINCT r.n AS n, r.v AS v, {', '.join(keep)} "
        + f"WITH {', '.join(names)}, count(n) AS count, {_stats('v', measure)} "
        + f"ORDER BY {', '.join(order)} "
        + f"RETURN collect({{key: [{', '.join(key)}], count: count, min: min, max: max, "
        "avg: avg, sum: sum}) AS groups }"
    )


def aggregate_query(
    root: str,
    computed: Sequence[Dimension],
    grouped: Sequence[Dimension],
    filtered: Sequence[Dimension],
    measure: str | None,
    known: Timeline | None = None,
) -> str:
    """Count the nodes of ``root`` that pass the filters, with min/max/avg/sum of ``measure``,
    overall and per group, in one query.

    ``computed`` lists every dimension used, as ``d<i>`` by position (node dimensions are lists
    of related nodes, the others single values); ``grouped`` and ``filtered`` are subsets of
    it, and the values a filtered dimension keeps are the parameter ``$f<i>``. ``measure`` is
    a property name from the ontology; ``$datedId`` serves a YEAR read from ids. With
    ``known``, only what the twin knew at ``$asOf`` counts (``gql.timeline``). Returns one
    row: ``count, min, max, avg, sum, groups`` with each group
    ``{key: [a value per grouped dimension], count, min, max, avg, sum}``."""
    index = {d.key: i for i, d in enumerate(computed)}
    if any(d.key not in index for d in (*grouped, *filtered)):
        raise ValueError("grouped and filtered dimensions must be computed")
    parts = [f"MATCH (n:{root})"]
    if known is not None:
        parts.append(f"WHERE {known.node('n', root)}")
    if computed:
        values = ", ".join(f"{dimension_value(d, known)} AS d{i}" for i, d in enumerate(computed))
        parts.append(f"WITH n, {values}")
    conditions = [dimension_condition(d, f"d{index[d.key]}", f"$f{index[d.key]}") for d in filtered]
    if conditions:
        parts.append("WHERE " + " AND ".join(conditions))
    measured = f"n.{measure}" if measure is not None else "null"
    row = ", ".join(["n: n", f"v: {measured}", *(f"d{i}: d{i}" for i in range(len(computed)))])
    parts.append(f"WITH collect({{{row}}}) AS rows")
    parts.append(
        f"CALL (rows) {{ UNWIND rows AS r RETURN count(r) AS count, {_stats('r.v', measure)} }}"
    )
    if grouped:
        parts.append(_groups([(f"d{index[d.key]}", d) for d in grouped], measure))
        parts.append("RETURN count, min, max, avg, sum, groups")
    else:
        parts.append("RETURN count, min, max, avg, sum, [] AS groups")
    return " ".join(parts)


# ------------------------------------------------------------------ dimensions


def upper_snake(name: str) -> str:
    """``IncidentType`` → ``INCIDENT_TYPE``, ``referencePeriod`` → ``REFERENCE_PERIOD``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


def lower_camel(key: str) -> str:
    """``INCIDENT_TYPE`` → ``incidentType``."""
    first, *rest = key.lower().split("_")
    return first + "".join(part.title() for part in rest)


def containment(model: OntologyModel) -> Containment | None:
    """The containment relationships of ``model``, or None when it has no ``PART_OF``."""
    part_of = model.relationships.get(PART_OF)
    if part_of is None or part_of.domain is None:
        return None
    covers = model.relationships.get(COVERS)
    return Containment(PART_OF, part_of.domain, COVERS if covers and covers.domain else None)


def _own(model: OntologyModel, root: str) -> list[DataProperty]:
    """Single-valued node properties whose domain is ``root`` or one of its subclasses."""
    subtree = set(model.subclasses(root))
    return [
        p
        for p in model.properties.values()
        if p.domain in subtree and not p.on_relationships and not p.multi_valued
    ]


def _related(model: OntologyModel, root: str) -> list[tuple[str, str, Dimension]]:
    """(relationship type, target, dimension without its key) for each key that a
    relationship of ``root`` (or a subclass) to another class gives."""
    subtree = model.subclasses(root)
    places = containment(model)
    found: list[tuple[str, str, Dimension]] = []
    for rel in model.relationships.values():
        if rel.domain not in subtree or rel.range not in model.classes:
            continue
        direct = (related_pattern(rel.type, rel.range),)
        concrete = [c for c in model.subclasses(rel.range) if not model.cls(c).abstract]
        rollup = places is not None and model.is_a(rel.range, places.place)
        if not (rollup and rel.range in concrete):
            found.append((rel.type, rel.range, Dimension("", NODE, patterns=direct)))
        if len(model.subclasses(rel.range)) > 1:
            classes = tuple(most_specific_first(model, rel.range))
            found.append(
                (rel.type, f"{rel.range}Class", Dimension("", CLASS, direct, classes=classes))
            )
        if rollup and places is not None:
            for cls in model.subclasses(places.place):
                if not model.cls(cls).abstract:
                    patterns = holding_patterns(places, rel.type, rel.range, cls)
                    found.append((rel.type, cls, Dimension("", NODE, patterns=patterns)))
    return found


def dimensions(model: OntologyModel, root: str) -> list[Dimension]:
    """The group-by keys of ``root`` (see the module docstring), in a stable order."""
    found = _related(model, root)
    targets = [target for _, target, _ in found]
    dims = [
        replace(
            dim,
            key=upper_snake(target)
            if targets.count(target) == 1
            else f"{rel_type}_{upper_snake(target)}",
        )
        for rel_type, target, dim in found
    ]
    if len(model.subclasses(root)) > 1:
        dims.append(Dimension("CLASS", CLASS, classes=tuple(most_specific_first(model, root))))
    own = _own(model, root)
    dated = sorted(p.name for p in own if p.range in TEMPORAL_RANGES)
    if dated:
        dims.append(Dimension("YEAR", YEAR, prop=dated[0]))
    elif root in DATED_BY_ID:
        dims.append(Dimension("YEAR", YEAR))
    taken = {d.key for d in dims}
    for prop in sorted(own, key=lambda p: p.name):
        key = upper_snake(prop.name)
        if prop.range in TEXT_RANGES and not prop.searchable and key not in taken:
            dims.append(Dimension(key, PROPERTY, prop=prop.name))
            taken.add(key)
    return dims


def measures(model: OntologyModel, root: str) -> list[str]:
    """The numeric single-valued properties of ``root`` and its subclasses, sorted."""
    subtree = model.subclasses(root)
    names = {
        p.name
        for label in subtree
        for p in model.properties_of(label)
        if p.range in NUMERIC_RANGES and not p.multi_valued
    }
    return sorted(names)


def default_measure(model: OntologyModel, root: str) -> str | None:
    """The property min/max/avg/sum are about when ``of`` is not given: the class's only
    numeric property of its own (``value`` of observations), else none."""
    own = [p.name for p in _own(model, root) if p.range in NUMERIC_RANGES]
    return own[0] if len(own) == 1 else None


def root_classes(model: OntologyModel) -> list[str]:
    """The classes without a parent in the ontology (each gets an aggregate field)."""
    return [c.label for c in model.classes.values() if c.parent is None]


def most_specific_first(model: OntologyModel, root: str) -> list[str]:
    """``root`` and its subclasses, deepest first (for the CLASS key)."""
    return sorted(model.subclasses(root), key=lambda c: (-len(model.lineage(c)), c))


# ------------------------------------------------------------------ results


def suppressed(count: int | None, role: str) -> bool:
    """True when ``count`` must not be shown to ``role`` (small counts, public role)."""
    return role == PUBLIC_ROLE and count is not None and count < SUPPRESS_BELOW


def secondary_suppression(cells: Sequence[tuple[Sequence[Any], int]]) -> set[int]:
    """The cells (indices) to hide besides those below the threshold, so that no hidden count
    can be recovered by subtraction.

    ``cells`` are the groups as (key values, count). A line is a set of cells that agree on all
    keys but one (and the set of all cells): its total is known (the overall count, or the
    groups of a query with one key fewer), so a line must not hide exactly one cell. While one
    does, the smallest visible cell of that line is hidden too."""
    hidden = {i for i, (_, count) in enumerate(cells) if count < SUPPRESS_BELOW}
    if not hidden:
        return set()
    width = len(cells[0][0]) if cells else 0
    lines: list[list[int]] = [list(range(len(cells)))]
    for j in range(width):
        by_rest: dict[str, list[int]] = {}
        for i, (key, _) in enumerate(cells):
            rest = [_key_id(v) for n, v in enumerate(key) if n != j]
            by_rest.setdefault(repr(rest), []).append(i)
        lines.extend(by_rest.values())
    changed = True
    while changed:
        changed = False
        for line in lines:
            inside = [i for i in line if i in hidden]
            visible = [i for i in line if i not in hidden]
            if len(inside) == 1 and visible:
                hidden.add(min(visible, key=lambda i: (cells[i][1], i)))
                changed = True
    return hidden - {i for i, (_, count) in enumerate(cells) if count < SUPPRESS_BELOW}


def _key_id(value: Any) -> Any:
    return value.get("id") if isinstance(value, Mapping) else value


def specific_class(model: OntologyModel, labels: Iterable[str]) -> str | None:
    """The most specific ontology class among ``labels``."""
    known = [lbl for lbl in labels if lbl in model.classes]
    return max(known, key=lambda lbl: len(model.lineage(lbl))) if known else None


@strawberry.type(description="A node a group stands for: its id, name and most specific class.")
class GroupNode:
    id: strawberry.ID
    name: str | None
    class_: str | None = strawberry.field(name="class")


def key_values(
    model: OntologyModel, grouped: Sequence[Dimension], values: Sequence[Any]
) -> dict[str, Any]:
    """The group key of one result row: a value per grouped dimension, by its key (node keys
    as :class:`GroupNode`, years as int, the rest as text)."""
    found: dict[str, Any] = {}
    for dim, value in zip(grouped, values, strict=True):
        if value is None:
            found[dim.key] = None
        elif dim.kind == NODE:
            found[dim.key] = GroupNode(
                id=strawberry.ID(str(value["id"])),
                name=value.get("name"),
                class_=specific_class(model, value.get("labels", [])),
            )
        elif dim.kind == YEAR:
            found[dim.key] = int(value)
        else:
            found[dim.key] = str(value)
    return found


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def stats(row: Any, role: str) -> dict[str, Any]:
    """count, suppressed, min, max, avg and sum of a result row, suppressed for ``role``."""
    count = int(row["count"])
    if suppressed(count, role):
        return dict.fromkeys(("count", "min", "max", "avg", "sum")) | {"suppressed": True}
    return {
        "count": count,
        "suppressed": False,
        "min": _number(row["min"]),
        "max": _number(row["max"]),
        "avg": _number(row["avg"]),
        "sum": _number(row["sum"]) if row["min"] is not None else None,
    }


# ------------------------------------------------------------------ GraphQL


_STATS: dict[str, Any] = {
    "count": int | None,
    "suppressed": bool,
    "min": float | None,
    "max": float | None,
    "avg": float | None,
    "sum": float | None,
}
_STATS_DOC = (
    "count: how many; min/max/avg/sum of the numeric property named by `of`. For the public "
    f"role, counts below {SUPPRESS_BELOW} are null and suppressed is true."
)


def _make(name: str, fields: dict[str, tuple[Any, str]], description: str, *, input_: bool) -> Any:
    """A strawberry type (or input) named ``name`` with fields ``{python name: (annotation,
    GraphQL name)}``, all optional."""
    namespace: dict[str, Any] = {"__annotations__": {k: t for k, (t, _) in fields.items()}}
    for attr, (_, graphql_name) in fields.items():
        namespace[attr] = strawberry.field(name=graphql_name, default=None)
    cls = type(name, (), namespace)
    cls.__module__ = __name__
    if input_:
        return strawberry.input(cls, description=description)
    return strawberry.type(cls, description=description)


def _stats_type(name: str, key: Any, after: dict[str, Any], description: str) -> Any:
    """A type with ``key`` (unless None), the statistics, then the fields ``after``."""
    annotations = {**({"key": key} if key is not None else {}), **_STATS, **after}
    cls = type(name, (), {"__annotations__": annotations})
    cls.__module__ = __name__
    return strawberry.type(cls, description=f"{description} {_STATS_DOC}")


def list_of(item: Any) -> Any:
    """``list[item]`` for a type made at run time."""
    return GenericAlias(list, (item,))


def _enum(name: str, members: dict[str, str], description: str) -> Any:
    """A GraphQL enum made at run time."""
    made: Any = Enum(name, members)  # type: ignore[misc]
    return strawberry.enum(made, description=description)


def _where_annotation(dim: Dimension) -> Any:
    if dim.kind == NODE:
        return list[strawberry.ID] | None
    if dim.kind == YEAR:
        return list[int] | None
    return list[str] | None


def _key_annotation(dim: Dimension) -> Any:
    if dim.kind == NODE:
        return GroupNode | None
    if dim.kind == YEAR:
        return int | None
    return str | None


@dataclass(frozen=True)
class _Spec:
    """What one aggregate field needs at run time."""

    model: OntologyModel
    root: str
    dims: dict[str, Dimension]
    attrs: dict[str, str]  # Python attribute of each key in the key and where types
    measures: tuple[str, ...]
    default_measure: str | None
    timeline: Timeline | None = None

    @property
    def plural(self) -> str:
        return self.model.cls(self.root).plural


def _spec(model: OntologyModel, root: str, known: Timeline | None = None) -> _Spec:
    dims = dimensions(model, root)
    return _Spec(
        timeline=known,
        model=model,
        root=root,
        dims={d.key: d for d in dims},
        attrs={d.key: f"f_{d.key.lower()}" for d in dims},
        measures=tuple(measures(model, root)),
        default_measure=default_measure(model, root),
    )


def _chosen(spec: _Spec, group_by: list[Any] | None) -> list[Dimension]:
    keys = list(dict.fromkeys(g.value for g in group_by or []))
    if len(keys) > MAX_GROUP_KEYS:
        raise GraphQLError(f"groupBy takes at most {MAX_GROUP_KEYS} keys, got {len(keys)}")
    return [spec.dims[k] for k in keys]


def _filters(spec: _Spec, where: Any) -> list[tuple[Dimension, list[Any]]]:
    found: list[tuple[Dimension, list[Any]]] = []
    for key, dim in spec.dims.items():
        values = None if where is None else getattr(where, spec.attrs[key], None)
        if values is None:
            continue
        if dim.kind == CLASS:
            unknown = [v for v in values if v not in dim.classes]
            if unknown:
                raise GraphQLError(
                    f"{dim.field}: {unknown[0]!r} is not one of {', '.join(sorted(dim.classes))}"
                )
        found.append((dim, [int(v) if dim.kind == YEAR else str(v) for v in values]))
    return found


async def _run(
    info: Ctx,
    spec: _Spec,
    where: Any,
    group_by: list[Any] | None,
    of: Any,
    as_of: date | None = None,
) -> tuple[dict[str, Any], list[tuple[dict[str, Any], dict[str, Any]]]]:
    """The overall statistics, and each group's key (by dimension key) and statistics (as
    the twin knew them at the end of ``as_of``, if given)."""
    grouped = _chosen(spec, group_by)
    filters = _filters(spec, where)
    prop = of.value if of is not None else spec.default_measure
    computed = list({d.key: d for d in (*grouped, *(d for d, _ in filters))}.values())
    index = {d.key: i for i, d in enumerate(computed)}
    known = None if as_of is None else spec.timeline
    cypher = aggregate_query(spec.root, computed, grouped, [d for d, _ in filters], prop, known)
    params: dict[str, Any] = {f"f{index[d.key]}": values for d, values in filters}
    if as_of is not None:
        params[AS_OF] = as_of.isoformat()
    records = await info.context.read(cypher, datedId=DATED_ID_PATTERN, **params)
    role = str(getattr(info.context, "role", DEFAULT_ROLE))
    # nothing of the class yet (or nothing passes the filters): no row comes back
    empty: dict[str, Any] = {"count": 0, "min": None, "max": None, "avg": None, "sum": None}
    empty["groups"] = []
    row = records[0] if records else empty
    groups = [(key_values(spec.model, grouped, g["key"]), stats(g, role)) for g in row["groups"]]
    if role == PUBLIC_ROLE:
        cells = [(list(g["key"]), int(g["count"])) for g in row["groups"]]
        for i in secondary_suppression(cells):
            groups[i] = (groups[i][0], _hidden())
    return stats(row, role), groups


def _hidden() -> dict[str, Any]:
    return dict.fromkeys(("count", "min", "max", "avg", "sum")) | {"suppressed": True}


def _resolver(
    run: Callable[..., Awaitable[Any]], arguments: dict[str, Any], returns: Any
) -> Callable[..., Awaitable[Any]]:
    """A resolver with exactly ``arguments`` (name → annotation, all optional) that calls
    ``run(info, **arguments)``."""

    async def resolve(info: Ctx, **kwargs: Any) -> Any:
        return await run(info, **kwargs)

    keyword = inspect.Parameter.KEYWORD_ONLY
    resolve.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("info", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Ctx),
            *(
                inspect.Parameter(n, keyword, default=None, annotation=a)
                for n, a in arguments.items()
            ),
        ],
        return_annotation=returns,
    )
    resolve.__annotations__ = {"info": Ctx, **arguments, "return": returns}
    return resolve


def _aggregate_field(
    model: OntologyModel, root: str, known: Timeline | None = None, compiled: bool = True
) -> Any:
    spec = _spec(model, root, known)
    plural = spec.plural
    arguments: dict[str, Any] = {}
    description = f"How many {root} nodes"
    if spec.measures:
        measure = _enum(
            f"{root}Measure",
            {upper_snake(m): m for m in spec.measures},
            f"The numeric properties of {plural}.",
        )
        arguments["of"] = measure | None
        default = f", default {upper_snake(spec.default_measure)}" if spec.default_measure else ""
        description += f", and min/max/avg/sum of a numeric property (`of`{default})"
    group_type: Any = None
    key_type: Any = None
    extra: dict[str, Any] = {}
    if spec.dims:
        key_type = _make(
            f"{root}GroupKey",
            {spec.attrs[d.key]: (_key_annotation(d), d.field) for d in spec.dims.values()},
            f"The key of a group of {plural}: a value per group-by key (null when not grouped "
            "by it, or when a node has no value for it).",
            input_=False,
        )
        arguments["where"] = (
            _make(
                f"{root}AggregateWhere",
                {spec.attrs[d.key]: (_where_annotation(d), d.field) for d in spec.dims.values()},
                f"Keep the {plural} that have one of the given values for every key given "
                "(node keys: ids).",
                input_=True,
            )
            | None
        )
        group_by = _enum(
            f"{root}GroupBy",
            {key: key for key in spec.dims},
            f"The keys {plural} can be grouped by (see gql.aggregates).",
        )
        arguments["group_by"] = list_of(group_by) | None
        group_type = _stats_type(f"{root}Group", key_type, {}, f"One group of {plural}.")
        extra = {"groups": list_of(group_type)}
        description += ", overall and per group (`groupBy`), of those `where` keeps"
    aggregate_type = _stats_type(f"{root}Aggregate", None, extra, f"Aggregates of {plural}.")

    arguments["as_of"] = date | None
    description += "; `asOf` gives them as the twin knew them at the end of that day"

    async def run(
        info: Ctx,
        where: Any = None,
        group_by: list[Any] | None = None,
        of: Any = None,
        as_of: date | None = None,
    ) -> Any:
        overall, found = await _run(info, spec, where, group_by, of, as_of)
        if group_type is None:
            return _precompiled(info, aggregate_type(**overall), compiled)
        groups = [
            group_type(key=key_type(**{spec.attrs[k]: v for k, v in key.items()}), **values)
            for key, values in found
        ]
        return _precompiled(info, aggregate_type(groups=groups, **overall), compiled)

    return strawberry.field(
        resolver=_resolver(run, arguments, aggregate_type),
        name=f"{plural}Aggregate",
        description=description + ".",
    )


def _precompiled(info: Ctx, result: Any, compiled: bool = True) -> Any:
    """``result`` shaped for the response at once (plain values: gql.compiled.shape_plain),
    or as it is when the selection needs field-by-field execution (or ``compiled`` is off)."""
    if not compiled:
        return result
    try:
        converter = info.schema.config.name_converter
        selections = info.selected_fields[0].selections
        return Precompiled(shape_plain(result, selections, converter.from_field))
    except NotCompiledError:
        return result


def aggregate_fields(model: OntologyModel, compiled: bool = True) -> dict[str, Any]:
    """One ``<plural>Aggregate`` root field per root class of ``model``."""
    known = timeline(model)
    return {
        f"aggregate_{model.cls(root).plural}": _aggregate_field(model, root, known, compiled)
        for root in root_classes(model)
    }


__all__ = [
    "COVERS",
    "DATED_BY_ID",
    "MAX_GROUP_KEYS",
    "PART_OF",
    "PUBLIC_ROLE",
    "SUPPRESS_BELOW",
    "Containment",
    "Dimension",
    "GroupNode",
    "aggregate_fields",
    "aggregate_query",
    "containment",
    "dimension_condition",
    "dimension_value",
    "default_measure",
    "dimensions",
    "holding_patterns",
    "key_values",
    "list_of",
    "lower_camel",
    "measures",
    "node_map",
    "pattern_condition",
    "related_pattern",
    "root_classes",
    "secondary_suppression",
    "specific_class",
    "stats",
    "suppressed",
    "upper_snake",
]
