"""Compile the GraphQL ``where`` and ``sort`` inputs into Cypher: pure functions, no Neo4j.

The inputs arrive as plain dicts keyed by their GraphQL names (``gql.generated`` converts the
strawberry objects); the compiler returns Cypher text and a dict of parameters. Labels,
relationship types and property names come only from the ontology model (through a
:class:`FilterSpec`); every value a client sends travels as a parameter, never as Cypher text.

``where`` (the names follow the nested style of @neo4j/graphql 7)::

    { name: { contains: "gewanden" }, code: { in: ["BU09171000"] } }     # fields: AND-ed
    { value: { gt: 100, lte: 5000 } }                                      # numbers, dates
    { AND: [...], OR: [...], NOT: { ... } }                                # combinators
    { documents: { some: { mentions: { some: { id: { eq: "incident-type:explosion" } } } } } }
    { observations: { none: {...} } }  { partOf: { all: {...} } }        # relationships
    { within: "WK091710" }              # located in that place, transitively, or that place
    { typename: [Police, CareProvider] }                       # abstract classes and Entity

- Text properties take ``eq, in, contains`` (case-insensitive), ``startsWith, endsWith``;
  numbers, dates and date-times ``eq, in, gt, gte, lt, lte`` (dates as ISO strings);
  booleans ``eq``. Only single-valued properties are filterable. A ``null`` operand is ignored
  (as if absent). Conditions given together in one object must all hold.
- A relationship filter is ``<field>: { some | none | all: <TargetWhere> }`` for every
  relationship field of the class (:func:`relation_fields`): ``some`` — at least one related
  node matches (``EXISTS {}``), ``none`` — no related node matches, ``all`` — every related
  node matches (``NOT EXISTS { ... WHERE NOT ... }``, true when there is none). On ``Document``,
  ``mentions`` filters the entities the document mentions (``EntityWhere``).
- ``within`` exists on every class that can be located: the node is the place with that id
  (CBS areas have their code as id: ``GM0917``, ``WK091710``, ``BU09171000``) or reaches it
  over at most :data:`MAX_HOPS` relationships of the *locating* types (:func:`within_types`:
  the object properties that are sub-properties of ``geo:sfWithin``, ``prov:atLocation`` or
  ``sosa:hasFeatureOfInterest``, or close matches of ``schema:areaServed`` — in the shipped
  ontology PART_OF, LOCATED_IN, OCCURRED_IN, ABOUT, TARGETS and ACTIVE_IN; not ADJACENT_TO).
  An informal area (the domain of COVERS, e.g. ``area:heerlen-noord``) holds what lies in the
  places it covers: ``within: "area:heerlen-noord"`` keeps those too.
- At most :data:`MAX_DEPTH` nested levels (each AND/OR/NOT item and each relationship filter
  is one level) and :data:`MAX_CONDITIONS` conditions per argument.

``sort`` is a list of keys, each ``{field | count | related, direction}``; later keys break
ties of earlier ones, the node id breaks the remaining ties, and missing values sort last in
both directions::

    { field: NAME, direction: DESC }                     # a property of the node
    { count: DOCUMENTS, direction: DESC }                # number of distinct related nodes
    { related: { observations: { field: VALUE, function: MAX,          # an aggregate of the
        where: { indicator: { some: { id: { eq: "indicator:inhabitants" } } } } } },
      direction: DESC }                                  # related nodes that match ``where``

``function`` is one of COUNT, MIN, MAX, AVG, SUM (default MAX with a field, COUNT without).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from rdflib import RDFS, Graph, URIRef
from rdflib.namespace import GEO, PROV, SDO, SKOS, SOSA

from gql.concepts import CONCEPT_FIELD, schemes
from gql.timeline import AS_OF, AsOfError, Timeline, checked, timeline
from ontology.model import OntologyModel, bundled_graph, plural

MAX_DEPTH = 5
MAX_CONDITIONS = 100
MAX_HOPS = 6
ENTITY = "Entity"  # the GraphQL name of "any ontology class" (targets of range-less relations)
DOCUMENT_CLASS = "Document"
MENTIONS = "MENTIONS"
COVERS = "COVERS"  # from an informal area to the places it covers (``within`` follows it)
DOCUMENTS_FIELD = "documents"
WITHIN_SUPER_PROPERTIES = frozenset(
    {URIRef(GEO.sfWithin), URIRef(PROV.atLocation), URIRef(SOSA.hasFeatureOfInterest)}
)
WITHIN_MATCHES = frozenset({URIRef(SDO.areaServed)})

Kind = Literal["string", "int", "float", "boolean", "date", "datetime"]
KINDS: dict[str, Kind] = {
    "string": "string",
    "anyURI": "string",
    "decimal": "float",
    "double": "float",
    "float": "float",
    "integer": "int",
    "int": "int",
    "nonNegativeInteger": "int",
    "boolean": "boolean",
    "date": "date",
    "dateTime": "datetime",
}
OPERATORS: dict[Kind, tuple[str, ...]] = {
    "string": ("eq", "in", "contains", "startsWith", "endsWith"),
    "int": ("eq", "in", "gt", "gte", "lt", "lte"),
    "float": ("eq", "in", "gt", "gte", "lt", "lte"),
    "date": ("eq", "in", "gt", "gte", "lt", "lte"),
    "datetime": ("eq", "in", "gt", "gte", "lt", "lte"),
    "boolean": ("eq",),
}
RELATION_OPERATORS = ("some", "none", "all")
AGGREGATES = ("COUNT", "MIN", "MAX", "AVG", "SUM")
DIRECTIONS = ("ASC", "DESC")
_COMPARE = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class FilterError(ValueError):
    """A ``where``, ``sort`` or cursor the compiler refuses; the message is for the client."""


# ------------------------------------------------------------------ the spec, from the model


@dataclass(frozen=True)
class RelationField:
    """A relationship field of a class: ``(node)-[:type]->(target)`` or ``<-`` if incoming.

    ``target`` is ``None`` for relationships without a range (a document MENTIONS any entity).
    ``typed`` is False for fields that exist only in filters and sorts, not on the object type.
    """

    name: str
    type: str
    outgoing: bool
    target: str | None
    single: bool = False
    description: str = ""
    typed: bool = True

    def pattern(self, source: str, var: str, known: Timeline | None = None) -> str:
        """``(source)-[:TYPE]->(var:Target)``; relationships a maintainer rejected
        (``rejectFact``) do not count, nor, with ``known`` (``asOf``), what the twin did not
        know yet (``gql.timeline``)."""
        rel_cond = f"{var}_r.rejected IS NULL"
        node_cond = ""
        if known is not None:
            node_cond = f" WHERE {known.node(var, self.target)}"
            rel_cond += f" AND {known.relationship(f'{var}_r')}"
        node = f"({var}:{self.target}{node_cond})" if self.target else f"({var}{node_cond})"
        rel = f"[{var}_r:{self.type} WHERE {rel_cond}]"
        arrow = f"-{rel}->" if self.outgoing else f"<-{rel}-"
        return f"({source}){arrow}{node}"


@dataclass(frozen=True)
class ClassFilters:
    """What ``where`` and ``sort`` may name for one class (or for ``Entity``)."""

    name: str
    label: str | None
    properties: dict[str, Kind]
    relations: dict[str, RelationField]
    typenames: tuple[str, ...] = ()
    locatable: bool = False
    concept: bool = False  # filterable by its concept scheme's enum (gql.concepts)


@dataclass(frozen=True)
class FilterSpec:
    """The filterable surface of every class, derived once from the ontology model."""

    classes: dict[str, ClassFilters]
    within_types: tuple[str, ...] = ()
    within_label: str | None = None
    covers: tuple[str, str] | None = None  # (COVERS, Area): informal areas and what they cover
    timeline: Timeline | None = None
    max_depth: int = MAX_DEPTH
    max_conditions: int = MAX_CONDITIONS
    max_hops: int = MAX_HOPS

    def of(self, label: str | None) -> ClassFilters:
        name = label or ENTITY
        try:
            return self.classes[name]
        except KeyError:
            raise FilterError(f"no filters for class {name!r}") from None


def _camel(rel_type: str) -> str:
    return rel_type.title().replace("_", "")


def _lower(label: str) -> str:
    return label[0].lower() + label[1:]


def declared_relations(model: OntologyModel, label: str) -> list[RelationField]:
    """The relationship fields a class declares itself (its subclasses inherit them):

    - one per relationship type whose domain is the class, named by the object property
      (``partOf``); without a range it only exists in filters (``Document.mentions``);
    - navigation from the restrictions, both directions: ``Neighbourhood PART_OF exactly 1
      District`` gives ``Neighbourhood.district`` and ``District.neighbourhoods``;
    - one per relationship type whose range is the class, incoming, named
      ``<domain plural>Via<Type>`` (``Programme.stakeholdersViaPartnerIn``) unless a
      navigation field already covers it (``Place.observations``).

    A name that is taken gets ``Via<Type>`` appended (``neighbourhoodsViaPartOf``).
    """
    used = set(model.properties)
    fields: list[RelationField] = []
    for rel in model.relationships.values():
        if rel.domain != label or rel.name in used:
            continue
        target = rel.range  # None: any class (a document MENTIONS any entity)
        description = rel.labels.get("en", "")
        fields.append(
            RelationField(rel.name, rel.type, True, target, False, description, target is not None)
        )
        used.add(rel.name)
    covered: set[tuple[str, str]] = set()
    for restriction in model.restrictions:
        if restriction.cls == label:
            other = restriction.target
            single = restriction.max is not None and restriction.max <= 1
            name = _lower(other) if single else plural(other)
            forward = True
        elif restriction.target == label:
            other, single, forward = restriction.cls, False, False
            name = model.cls(other).plural
            covered.add((restriction.type, other))
        else:
            continue
        if name in used:
            name = f"{name}Via{_camel(restriction.type)}"
        used.add(name)
        arrow = "→" if forward else "←"
        description = f"{arrow} {restriction.type} {other}"
        fields.append(RelationField(name, restriction.type, forward, other, single, description))
    for rel in model.relationships.values():
        if rel.range != label or rel.domain not in model.classes:
            continue
        if (rel.type, rel.domain) in covered:
            continue
        name = f"{model.cls(rel.domain).plural}Via{_camel(rel.type)}"
        if name in used:
            continue
        used.add(name)
        description = f"← {rel.type} {rel.domain}: {rel.labels.get('en', '')}".rstrip(": ")
        fields.append(RelationField(name, rel.type, False, rel.domain, False, description))
    return fields


def entity_relations(model: OntologyModel) -> list[RelationField]:
    """Relationship fields every class has: ``documents`` (the documents that mention it)."""
    if DOCUMENT_CLASS not in model.classes or MENTIONS not in model.relationships:
        return []
    return [
        RelationField(
            DOCUMENTS_FIELD, MENTIONS, False, DOCUMENT_CLASS, False, "The documents that name it."
        )
    ]


def relation_fields(model: OntologyModel, label: str | None) -> dict[str, RelationField]:
    """Every relationship field of a class: its own, its superclasses' and ``documents``."""
    found = {f.name: f for f in entity_relations(model)}
    if label is not None:
        for cls in reversed(model.lineage(label)):
            found.update((f.name, f) for f in declared_relations(model, cls))
    return found


def within_types(model: OntologyModel, graph: Graph | None = None) -> tuple[str, ...]:
    """The relationship types ``within`` follows, read from the ontology graph (the model
    does not keep super-properties): sub-properties of geo:sfWithin, prov:atLocation or
    sosa:hasFeatureOfInterest, and close or exact matches of schema:areaServed."""
    graph = bundled_graph() if graph is None else graph
    found = []
    for rel in model.relationships.values():
        iri = URIRef(rel.iri)
        supers = set(graph.transitive_objects(iri, RDFS.subPropertyOf)) - {iri}
        matches = set(graph.objects(iri, SKOS.closeMatch)) | set(
            graph.objects(iri, SKOS.exactMatch)
        )
        if supers & WITHIN_SUPER_PROPERTIES or matches & WITHIN_MATCHES:
            found.append(rel.type)
    return tuple(sorted(found))


def _properties(model: OntologyModel, label: str | None) -> dict[str, Kind]:
    props = (
        model.properties_of(label)
        if label is not None
        else [p for p in model.properties.values() if p.domain is None and not p.on_relationships]
    )
    return {p.name: KINDS.get(p.range or "string", "string") for p in props if not p.multi_valued}


def filter_spec(model: OntologyModel, graph: Graph | None = None) -> FilterSpec:
    """The :class:`FilterSpec` of ``model`` (``graph``: the ontology as RDF, for
    :func:`within_types`; default the shipped ontology)."""
    if ENTITY in model.classes:
        raise FilterError(f"the ontology has a class named {ENTITY}, a reserved GraphQL name")
    types = within_types(model, graph)
    ranges = {model.rel(t).range for t in types}
    within_label = next(iter(ranges)) if len(ranges) == 1 else None
    located: set[str] = set()
    for t in types:
        rel = model.rel(t)
        for end in (rel.domain, rel.range):
            if end in model.classes:
                located.update(model.subclasses(end))
    classes: dict[str, ClassFilters] = {}
    with_scheme = set(schemes(model))
    for label in model.classes:
        below = model.subclasses(label)
        properties = _properties(model, label)
        relations = relation_fields(model, label)
        classes[label] = ClassFilters(
            name=label,
            label=label,
            properties=properties,
            relations=relations,
            typenames=tuple(below) if len(below) > 1 else (),
            locatable=label in located,
            concept=label in with_scheme and CONCEPT_FIELD not in {*properties, *relations},
        )
    classes[ENTITY] = ClassFilters(
        name=ENTITY,
        label=None,
        properties=_properties(model, None),
        relations=relation_fields(model, None),
        typenames=tuple(model.classes),
        locatable=False,
    )
    covers = model.relationships.get(COVERS)
    return FilterSpec(
        classes=classes,
        within_types=types,
        within_label=within_label,
        covers=(COVERS, covers.domain) if covers is not None and covers.domain else None,
        timeline=timeline(model, graph),
    )


# ------------------------------------------------------------------ compiling


@dataclass
class Compiler:
    """Collects parameters (``$<prefix><n>``) and fresh variable names while compiling."""

    spec: FilterSpec
    prefix: str = "w"
    params: dict[str, Any] = field(default_factory=dict)
    as_of: bool = False  # keep only what the twin knew at ``$asOf`` (gql.timeline)
    _vars: int = 0
    _conditions: int = 0

    def param(self, value: Any) -> str:
        name = f"{self.prefix}{len(self.params)}"
        self.params[name] = value
        return f"${name}"

    @property
    def known(self) -> Timeline | None:
        """The timeline conditions to apply, when compiling ``asOf``."""
        if not self.as_of:
            return None
        if self.spec.timeline is None:
            raise FilterError("this schema has no timeline; asOf is not available")
        return self.spec.timeline

    def var(self) -> str:
        self._vars += 1
        return f"{self.prefix}_{self._vars}"

    def count(self) -> None:
        self._conditions += 1
        if self._conditions > self.spec.max_conditions:
            raise FilterError(
                f"too many conditions: at most {self.spec.max_conditions} in one argument"
            )

    # -------------------------------------------------------------- where

    def where(self, cls: ClassFilters, var: str, where: Mapping[str, Any], depth: int = 1) -> str:
        """The condition on ``var`` (a node of ``cls``); ``"true"`` for an empty filter."""
        if depth > self.spec.max_depth:
            raise FilterError(
                f"where is nested too deeply: at most {self.spec.max_depth} levels of "
                "AND/OR/NOT and relationship filters"
            )
        if not isinstance(where, Mapping):
            raise FilterError(f"a filter of {cls.name} must be an object")
        parts: list[str] = []
        for key, value in where.items():
            if value is None:
                continue
            if key in ("AND", "OR"):
                items = self._list(value, key)
                subs = [self.where(cls, var, item, depth + 1) for item in items]
                subs = [s for s in subs if s != "true"] if key == "AND" else subs
                if key == "OR" and "true" in subs:
                    continue
                joined = f" {key} ".join(f"({s})" for s in subs)
                parts.append(joined or ("true" if key == "AND" else "false"))
            elif key == "NOT":
                parts.append(f"NOT ({self.where(cls, var, value, depth + 1)})")
            elif key == "within" and cls.locatable:
                parts.append(self.within(var, value))
            elif key == "typename" and cls.typenames:
                parts.append(self.typename(cls, var, value))
            elif key == CONCEPT_FIELD and cls.concept:
                parts.extend(self.concept(var, value))
            elif key in cls.properties:
                parts.extend(self.property(var, key, cls.properties[key], value))
            elif key in cls.relations:
                parts.extend(self.relation(cls.relations[key], var, value, depth))
            else:
                raise FilterError(f"{cls.name} cannot be filtered on {key!r}")
        parts = [p for p in parts if p != "true"]
        if not parts:
            return "true"
        return parts[0] if len(parts) == 1 else " AND ".join(f"({p})" for p in parts)

    @staticmethod
    def _list(value: Any, what: str) -> list[Any]:
        if not isinstance(value, list | tuple):
            raise FilterError(f"{what} takes a list")
        return list(value)

    def property(self, var: str, name: str, kind: Kind, ops: Any) -> list[str]:
        if not isinstance(ops, Mapping):
            raise FilterError(f"the filter of {name} must be an object of operators")
        found = []
        for op, value in ops.items():
            if value is None:
                continue
            if op not in OPERATORS[kind]:
                raise FilterError(f"{name} ({kind}) has no operator {op!r}")
            self.count()
            found.append(self._compare(f"{var}.{name}", name, kind, op, value))
        return found

    def _compare(self, target: str, name: str, kind: Kind, op: str, value: Any) -> str:
        if op == "in":
            values = [_checked(name, kind, v) for v in self._list(value, f"{name}.in")]
            param = self.param(values)
            if kind in ("date", "datetime"):
                return f"{target} IN [x IN {param} | {kind}(x)]"
            return f"{target} IN {param}"
        param = self.param(_checked(name, kind, value))
        operand = f"{kind}({param})" if kind in ("date", "datetime") else param
        if op == "eq":
            return f"{target} = {operand}"
        if op == "contains":
            return f"toLower({target}) CONTAINS toLower({operand})"
        if op == "startsWith":
            return f"{target} STARTS WITH {operand}"
        if op == "endsWith":
            return f"{target} ENDS WITH {operand}"
        return f"{target} {_COMPARE[op]} {operand}"

    def relation(self, rel: RelationField, var: str, ops: Any, depth: int) -> list[str]:
        if not isinstance(ops, Mapping):
            raise FilterError(f"the filter of {rel.name} must be {{some, none, all}}")
        target = self.spec.of(rel.target)
        found = []
        for op, sub in ops.items():
            if sub is None:
                continue
            if op not in RELATION_OPERATORS:
                raise FilterError(f"{rel.name} has no operator {op!r} (some, none, all)")
            self.count()
            inner = self.var()
            cond = self.where(target, inner, sub, depth + 1)
            pattern = rel.pattern(var, inner, self.known)
            if op == "all":
                if cond != "true":
                    found.append(f"NOT EXISTS {{ MATCH {pattern} WHERE NOT ({cond}) }}")
                continue
            where = "" if cond == "true" else f" WHERE {cond}"
            exists = f"EXISTS {{ MATCH {pattern}{where} }}"
            found.append(exists if op == "some" else f"NOT {exists}")
        return found

    def within(self, var: str, place: Any) -> str:
        """``var`` is the place or reaches it over at most ``max_hops`` locating relationships
        (a quantified path; the types travel as a parameter, so that a database without, say,
        incidents yet answers without "unknown relationship type" warnings)."""
        if not isinstance(place, str) or not place:
            raise FilterError("within takes the id (or CBS code) of a place")
        self.count()
        target = self.param(place)
        if not self.spec.within_types:
            return f"{var}.id = {target}"
        inner, step = self.var(), self.var()
        node = f"({inner}:{self.spec.within_label})" if self.spec.within_label else f"({inner})"
        types = self.param(list(self.spec.within_types))
        hops = f"{{0,{self.spec.max_hops}}}"
        known = self.known
        step_cond = f"type({step}) IN {types} AND {step}.rejected IS NULL"
        if known is not None:
            reached = self.var()
            step_cond += f" AND {known.relationship(step)} AND {known.node(reached, None)}"
            path = f"({var})(()-[{step}]->({reached}) WHERE {step_cond}){hops}{node}"
        else:
            path = f"({var})(()-[{step}]->() WHERE {step_cond}){hops}{node}"
        reached_target = f"{inner}.id = {target}"
        if self.spec.covers is not None:
            covers, area = self.spec.covers
            a, c = self.var(), self.var()
            conds = [f"{c}.rejected IS NULL"]
            if known is not None:
                conds += [known.relationship(c), known.node(a, area)]
            reached_target += (
                f" OR EXISTS {{ MATCH ({a}:{area} {{id: {target}}})-[{c}:{covers}]->({inner}) "
                f"WHERE {' AND '.join(conds)} }}"
            )
        return f"EXISTS {{ MATCH {path} WHERE {reached_target} }}"

    def concept(self, var: str, ops: Any) -> list[str]:
        """``concept: {eq, in}``: the node is that concept of its scheme (values: the enum
        members' concept ids)."""
        if not isinstance(ops, Mapping):
            raise FilterError(f"the filter of {CONCEPT_FIELD} must be an object of operators")
        found = []
        for op, value in ops.items():
            if value is None:
                continue
            if op not in ("eq", "in"):
                raise FilterError(f"{CONCEPT_FIELD} has no operator {op!r} (eq, in)")
            self.count()
            found.append(self._compare(f"{var}.id", CONCEPT_FIELD, "string", op, value))
        return found

    def typename(self, cls: ClassFilters, var: str, names: Any) -> str:
        names = self._list(names, "typename")
        unknown = [n for n in names if n not in cls.typenames]
        if unknown:
            raise FilterError(f"typename of {cls.name} cannot be {unknown}")
        self.count()
        return f"any(l IN labels({var}) WHERE l IN {self.param(list(names))})"

    # -------------------------------------------------------------- sort

    def sort_key(self, cls: ClassFilters, var: str, key: Mapping[str, Any]) -> SortKey:
        direction = key.get("direction") or "ASC"
        if direction not in DIRECTIONS:
            raise FilterError(f"direction must be ASC or DESC, not {direction!r}")
        given = [k for k in ("field", "count", "related") if key.get(k) is not None]
        unknown = set(key) - {"field", "count", "related", "direction"}
        if len(given) != 1 or unknown:
            raise FilterError("each sort key names exactly one of field, count or related")
        kind = given[0]
        if kind == "field":
            name = key["field"]
            if name not in cls.properties:
                raise FilterError(f"{cls.name} cannot be sorted by {name!r}")
            return SortKey(f"{var}.{name}", direction)
        if kind == "count":
            rel = self._relation(cls, key["count"])
            inner = self.var()
            return SortKey(
                f"COUNT {{ MATCH {rel.pattern(var, inner, self.known)} RETURN DISTINCT {inner} }}",
                direction,
            )
        related = key["related"]
        if not isinstance(related, Mapping) or len([v for v in related.values() if v]) != 1:
            raise FilterError("related names exactly one relationship field")
        name, spec = next((k, v) for k, v in related.items() if v)
        rel = self._relation(cls, name)
        return SortKey(self.aggregate(rel, var, spec), direction)

    def _relation(self, cls: ClassFilters, name: Any) -> RelationField:
        if name not in cls.relations:
            raise FilterError(f"{cls.name} has no relationship field {name!r}")
        return cls.relations[name]

    def aggregate(self, rel: RelationField, var: str, spec: Mapping[str, Any]) -> str:
        target = self.spec.of(rel.target)
        prop: str | None = spec.get("field")
        function = spec.get("function") or ("MAX" if prop else "COUNT")
        if function not in AGGREGATES:
            raise FilterError(f"unknown aggregate {function!r} ({', '.join(AGGREGATES)})")
        if prop is not None and prop not in target.properties:
            raise FilterError(f"{target.name} has no sortable field {prop!r}")
        if prop is None and function != "COUNT":
            raise FilterError(f"{function} needs a field of {target.name}")
        numeric = prop is not None and target.properties[prop] in ("int", "float")
        if function in ("AVG", "SUM") and not numeric:
            raise FilterError(f"{function} needs a numeric field, {prop} is not one")
        inner = self.var()
        cond = self.where(target, inner, spec.get("where") or {})
        conds = [] if cond == "true" else [f"({cond})"]
        if prop is not None:
            conds.append(f"{inner}.{prop} IS NOT NULL")
        where = f" WHERE {' AND '.join(conds)}" if conds else ""
        match = f"MATCH {rel.pattern(var, inner, self.known)}{where}"
        if function == "COUNT":
            return f"COUNT {{ {match} RETURN DISTINCT {inner} }}"
        value = f"{inner}.{prop}"
        return (
            f"COLLECT {{ {match} WITH DISTINCT {inner} "
            f"RETURN {function.lower()}({value}) AS v }}[0]"
        )


def _checked(name: str, kind: Kind, value: Any) -> Any:
    """``value`` if it fits ``kind`` (dates must be ISO 8601 strings)."""
    ok: bool
    if kind == "string":
        ok = isinstance(value, str)
    elif kind == "boolean":
        ok = isinstance(value, bool)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    else:
        ok = isinstance(value, str) and _iso(value, kind)
    if not ok:
        raise FilterError(f"{name} needs a {kind} value, not {value!r}")
    return value


def _iso(value: str, kind: Kind) -> bool:
    try:
        (date.fromisoformat if kind == "date" else datetime.fromisoformat)(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class SortKey:
    """One ORDER BY expression over the node variable and its direction."""

    expression: str
    direction: str


def compile_where(
    spec: FilterSpec,
    label: str,
    where: Mapping[str, Any] | None,
    var: str = "n",
    as_of: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """The Cypher condition (``""`` for none) of ``where`` on ``var``, and its parameters.

    With ``as_of`` (an ISO date) ``var`` and everything the condition reaches must have been
    known to the twin that day (``gql.timeline``); the date is the parameter ``$asOf``."""
    compiler = Compiler(spec, "w", as_of=as_of is not None)
    cond = compiler.where(spec.of(label), var, where or {})
    if as_of is not None:
        known = compiler.known
        assert known is not None
        own = known.node(var, label if label != ENTITY else None)
        cond = own if cond == "true" else f"({own}) AND ({cond})"
        compiler.params[AS_OF] = _as_of(as_of)
    return ("" if cond == "true" else cond), compiler.params


def _as_of(value: str) -> str:
    try:
        return checked(value)
    except AsOfError as exc:
        raise FilterError(str(exc)) from None


def compile_sort(
    spec: FilterSpec,
    label: str,
    sort: Sequence[Mapping[str, Any]] | None,
    var: str = "n",
    as_of: str | None = None,
) -> tuple[list[SortKey], dict[str, Any]]:
    """The ORDER BY keys of ``sort`` (before the id tie-breaker) and their parameters (aggregates
    over related nodes count only what was known at ``as_of``, if given)."""
    compiler = Compiler(spec, "s", as_of=as_of is not None)
    cls = spec.of(label)
    keys = [compiler.sort_key(cls, var, key) for key in sort or []]
    if as_of is not None and any(f"${AS_OF}" in k.expression for k in keys):
        compiler.params[AS_OF] = _as_of(as_of)  # part of the ordering: in its signature
    return keys, compiler.params


# ------------------------------------------------------------------ keyset cursors


@dataclass(frozen=True)
class Cursor:
    """A position in one ordering: the sort key values and the id of the last node seen."""

    signature: str
    values: tuple[Any, ...]
    id: str


_TEMPORAL = ("date", "datetime", "localdatetime", "time", "localtime", "duration")


def signature(label: str, keys: Sequence[SortKey], params: Mapping[str, Any]) -> str:
    """A short digest of an ordering: cursors of another ordering are refused."""
    text = json.dumps(
        [label, [(k.expression, k.direction) for k in keys], sorted(params.items())],
        default=str,
    )
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _encode_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    kind = type(value).__name__.lower()
    if kind in _TEMPORAL and hasattr(value, "iso_format"):
        return {"t": kind, "v": value.iso_format()}
    if isinstance(value, datetime | date):
        return {"t": "datetime" if isinstance(value, datetime) else "date", "v": value.isoformat()}
    return str(value)


def encode_cursor(sig: str, values: Sequence[Any], node_id: str) -> str:
    """The opaque cursor of a row: its ordering's signature, sort key values and id."""
    data = {"s": sig, "k": [_encode_value(v) for v in values], "id": node_id}
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode()


def decode_cursor(cursor: str) -> Cursor:
    """The :class:`Cursor` in ``cursor``; :class:`FilterError` for anything not one of ours."""
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise FilterError(f"invalid cursor {cursor!r}") from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("s"), str)
        or not isinstance(data.get("k"), list)
        or not isinstance(data.get("id"), str)
        or not all(_valid_value(v) for v in data["k"])
    ):
        raise FilterError(f"invalid cursor {cursor!r}")
    return Cursor(data["s"], tuple(data["k"]), data["id"])


def _valid_value(value: Any) -> bool:
    if isinstance(value, dict):
        return value.get("t") in _TEMPORAL and isinstance(value.get("v"), str) and len(value) == 2
    return value is None or isinstance(value, bool | int | float | str)


def keyset_after(
    keys: Sequence[SortKey], cursor: Cursor, row: str = "r"
) -> tuple[str, dict[str, Any]]:
    """The condition "``row`` comes after ``cursor``" over ``row.k`` (the sort key values, in
    order; missing values last in both directions) and ``row.id`` (ascending tie-breaker)."""
    if len(cursor.values) != len(keys):
        raise FilterError("invalid cursor: it belongs to another sort")
    compiler_params: dict[str, Any] = {}

    def param(value: Any) -> str:
        name = f"c{len(compiler_params)}"
        if isinstance(value, dict):
            compiler_params[name] = value["v"]
            return f"{value['t']}(${name})"
        compiler_params[name] = value
        return f"${name}"

    ors: list[str] = []
    equal: list[str] = []
    for i, (key, value) in enumerate(zip(keys, cursor.values, strict=True)):
        slot = f"{row}.k[{i}]"
        if value is None:
            equal.append(f"{slot} IS NULL")  # nothing but other missing values comes after
            continue
        operand = param(value)
        op = ">" if key.direction == "ASC" else "<"
        ors.append(" AND ".join([*equal, f"({slot} IS NULL OR {slot} {op} {operand})"]))
        equal.append(f"{slot} = {operand}")
    ors.append(" AND ".join([*equal, f"{row}.id > {param(cursor.id)}"]))
    return " OR ".join(f"({o})" for o in ors), compiler_params


def check_name(name: str) -> str:
    """``name`` if it is a plain identifier (labels, types, properties spliced into Cypher)."""
    if not _NAME_RE.match(name):
        raise FilterError(f"not an identifier: {name!r}")
    return name


__all__ = [
    "AGGREGATES",
    "ENTITY",
    "MAX_CONDITIONS",
    "MAX_DEPTH",
    "MAX_HOPS",
    "OPERATORS",
    "ClassFilters",
    "Compiler",
    "Cursor",
    "FilterError",
    "FilterSpec",
    "RelationField",
    "SortKey",
    "check_name",
    "compile_sort",
    "compile_where",
    "declared_relations",
    "decode_cursor",
    "encode_cursor",
    "entity_relations",
    "filter_spec",
    "keyset_after",
    "relation_fields",
    "signature",
    "within_types",
]
