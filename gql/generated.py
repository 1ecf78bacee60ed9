"""GraphQL types, filters and root connections generated from the ontology model.

Nothing here names a class. For every ontology class the generator makes:

- an object type (an interface for abstract classes such as ``Place``) whose fields are the
  datatype properties that apply to it (``model.properties_of``), typed by their XSD range;
- its relationship fields (``gql.filters.declared_relations``): one per relationship type
  whose domain is the class (``partOf``, ``measures``); navigation fields from the OWL
  restrictions (``Neighbourhood PART_OF exactly 1 District`` gives ``Neighbourhood.district``
  and ``District.neighbourhoods``); and one per relationship type whose range is the class,
  incoming, named ``<domain plural>Via<Type>`` (``Programme.stakeholdersViaPartnerIn``);
- ``<Class>Where`` (every single-valued property by its range, ``id``, ``AND``/``OR``/``NOT``,
  ``<relationship field>: {some, none, all}``, ``within`` for classes that can be located,
  ``typename`` for classes with subclasses), ``<Class>Sort`` (``{field | count | related,
  direction}``) and a root connection named by the class's plural. ``gql.filters`` documents
  the semantics and compiles them into one Cypher statement per page.

Every type implements ``Entity`` (id, the properties without a domain such as ``name`` and
``sources``, ``mentions``, ``documents`` and ``supportingDocuments`` for provenance).
Relations are loaded per request with DataLoaders (``gql.context``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info
from strawberry.types.unset import UNSET

from gql import edges
from gql.compiled import Compiler, converter
from gql.concepts import CONCEPT_FIELD, Scheme, scheme_enum, schemes
from gql.connection import (
    DEFAULT_FIRST,
    FILTERS,
    AggregateFunction,
    Connection,
    PageInfo,
    SortDirection,
    build_connection,
    prefetched,
)
from gql.context import Context, Item
from gql.edges import edge_properties
from gql.filters import (
    DOCUMENT_CLASS,
    ENTITY,
    MENTIONS,
    FilterSpec,
    declared_relations,
    filter_spec,
)
from gql.projection import CONNECTION_SUFFIX, Shapes
from gql.scalars import SCALARS, annotation, coerce
from gql.timeline import AS_OF_KEY, Timeline, ingested_by, timeline
from ontology.model import DataProperty, OntologyModel

Ctx = Info[Context, None]
_MODULE = sys.modules[__name__]


@dataclass(frozen=True)
class Registry:
    """The generated types by class label, and the helpers resolvers need."""

    model: OntologyModel
    types: dict[str, Any]
    timeline: Timeline | None = None
    _classes: dict[tuple[str, ...], str | None] = field(default_factory=dict)
    _props: dict[str, dict[str, DataProperty]] = field(default_factory=dict)

    def concrete(self, labels: Sequence[str]) -> str | None:
        """The most specific ontology class among ``labels``; None when that class is
        abstract or there is none."""
        key = tuple(labels)
        best = self._classes.get(key, "")
        if best == "":
            known = [lbl for lbl in key if lbl in self.model.classes]
            chosen = max(known, key=lambda lbl: len(self.model.lineage(lbl))) if known else None
            best = None if chosen is None or self.model.cls(chosen).abstract else chosen
            self._classes[key] = best
        return best

    def wrap(self, data: Item) -> Any:
        """The object of the most specific generated type for a node dict with ``labels``:
        its property fields are plain attributes (strawberry resolves them without a resolver
        call), set from the dict's keys; properties the dict lacks read as null (or [])."""
        best = self.concrete(data.get("labels", ()))
        if best is None:
            return None
        props = self._props.get(best)
        if props is None:
            props = {p.name: p for p in self.model.properties_of(best) if p.name != "id"}
            self._props[best] = props
        obj = object.__new__(self.types[best])
        values = obj.__dict__
        values["_data"] = data
        values["id"] = strawberry.ID(str(data["id"]))
        for key, value in data.items():
            prop = props.get(key)
            if prop is not None:
                values[f"p_{key}"] = coerce(value, prop)
        return obj


def _property_field(prop: DataProperty) -> tuple[Any, Any]:
    """The annotation and field of a property: a plain attribute (default null, or an empty
    list when multi-valued) that ``Registry.wrap`` sets."""
    default: Any = () if prop.multi_valued else None
    description = prop.labels.get("en")
    return annotation(prop), strawberry.field(
        name=prop.name, description=description, default=default
    )


def _relation_field(
    registry_ref: list[Registry],
    source_label: str,
    rel_type: str,
    outgoing: bool,
    target_label: str,
    single: bool,
    name: str,
    description: str,
) -> Any:
    def resolve(self: Any, info: Ctx) -> Any:
        registry = registry_ref[0]

        def finish(items: list[Item]) -> Any:
            objects = [o for o in (registry.wrap(i["node"]) for i in items) if o is not None]
            if single:
                return objects[0] if objects else None
            return objects

        return _with_items(self, info, registry, rel_type, outgoing, target_label, name, finish)

    target = f"_T_{target_label}"
    resolve.__annotations__ = {
        "info": Ctx,
        "return": f"{target} | None" if single else f"list[{target}]",
    }
    resolve.__module__ = __name__
    return strawberry.field(resolver=resolve, name=name, description=description)


def _with_items(
    parent: Any,
    info: Ctx,
    registry: Registry,
    rel_type: str,
    outgoing: bool,
    target_label: str,
    name: str,
    finish: Callable[[list[Item]], Any],
) -> Any:
    """``finish`` of the ``{node, rel}`` rows of a relation field of ``parent``, as of the
    parent's ``asOf`` date (which the related nodes carry on to their own fields).

    Rows prefetched with the page (``gql.projection``) are finished at once, without a
    coroutine (most fields of a compiled request resolve synchronously); otherwise the
    result is a coroutine that asks this request's DataLoader first."""
    as_of = parent._data.get(AS_OF_KEY)

    def stamped(items: list[Item]) -> Any:
        if as_of is not None:
            for item in items:
                item["node"][AS_OF_KEY] = as_of
        return finish(items)

    items = prefetched(parent._data, name)
    if items is not None:
        return stamped(items)

    async def load() -> Any:
        loader = info.context.related(
            parent._label, rel_type, outgoing, target_label, as_of, registry.timeline
        )
        return stamped(await loader.load(str(parent._data["id"])))

    return load()


def _relation_connection_field(
    registry_ref: list[Registry],
    rel_type: str,
    outgoing: bool,
    target_label: str,
    name: str,
    description: str,
) -> Any:
    """``<name>Connection(first, after)``: the relation field as a page of edges that carry
    the relationships' provenance (``gql.edges``)."""

    def resolve(self: Any, info: Ctx, first: int = DEFAULT_FIRST, after: str | None = None) -> Any:
        registry = registry_ref[0]

        def finish(items: list[Item]) -> Any:
            shown = [i for i in items if registry.wrap(i["node"]) is not None]
            rows, before, total = edges.page(name, shown, first, after)
            edge_cls = getattr(_MODULE, f"_EDGE_{target_label}")
            made = [
                edge_cls(cursor=cursor, node=registry.wrap(item["node"]), _rel=item["rel"])
                for cursor, item in rows
            ]
            return getattr(_MODULE, f"_RCONN_{target_label}")(
                total_count=total,
                edges=made,
                page_info=PageInfo(
                    has_next_page=before + len(made) < total,
                    has_previous_page=before > 0,
                    start_cursor=rows[0][0] if rows else None,
                    end_cursor=rows[-1][0] if rows else None,
                ),
            )

        return _with_items(self, info, registry, rel_type, outgoing, target_label, name, finish)

    resolve.__annotations__ = {
        "info": Ctx,
        "first": int,
        "after": str | None,
        "return": f"_RCONN_{target_label}",
    }
    resolve.__module__ = __name__
    return strawberry.field(
        resolver=resolve,
        name=f"{name}{CONNECTION_SUFFIX}",
        description=f"{description} — as a connection whose edges carry the provenance of "
        "each relationship.".lstrip(" —"),
    )


def _mention_type() -> Any:
    """The Mention type of one schema (its ``document`` field returns that schema's Document)."""

    def document(self: Any) -> Any:
        return self.document_value

    document.__annotations__ = {"return": "_T_Document"}
    document.__module__ = __name__
    namespace: dict[str, Any] = {
        "__annotations__": {
            "start": int,
            "end": int,
            "text": str | None,
            "confidence": float | None,
            "extractor": str | None,
            "document_value": strawberry.Private[Any],  # type: ignore[misc]
        },
        "document": strawberry.field(
            resolver=document, description="The document that names the entity."
        ),
    }
    cls = type("Mention", (), namespace)
    cls.__module__ = __name__
    return strawberry.type(
        cls, description="Where a document names an entity: character offsets and surface."
    )


def _entity_interface(model: OntologyModel, ref: list[Registry]) -> Any:
    """The interface every generated type implements."""
    mention_type = _mention_type()
    _MODULE._T_Mention = mention_type  # type: ignore[attr-defined]
    annotations: dict[str, Any] = {"_data": strawberry.Private[Item], "id": strawberry.ID}
    namespace: dict[str, Any] = {"__annotations__": annotations}
    namespace["id"] = strawberry.field(name="id", default=strawberry.ID(""))
    for prop in model.properties.values():
        if prop.domain is None and not prop.on_relationships and prop.name != "id":
            annotations[f"p_{prop.name}"], namespace[f"p_{prop.name}"] = _property_field(prop)

    def as_mentions(items: list[Item]) -> list[Any]:
        return [
            mention_type(
                start=int(i["rel"].get("start") or 0),
                end=int(i["rel"].get("end") or 0),
                text=i["rel"].get("text"),
                confidence=i["rel"].get("confidence"),
                extractor=i["rel"].get("extractor"),
                document_value=ref[0].wrap(i["node"]),
            )
            for i in items
        ]

    def as_documents(items: list[Item]) -> list[Any]:
        seen: dict[str, Any] = {}
        for item in items:
            document = ref[0].wrap(item["node"])
            if document is not None:
                seen.setdefault(str(item["node"]["id"]), document)
        return list(seen.values())

    def mentions(self: Any, info: Ctx) -> list[_T_Mention]:  # type: ignore[name-defined]  # noqa: F821
        return _with_items(  # type: ignore[no-any-return]
            self, info, ref[0], MENTIONS, False, DOCUMENT_CLASS, "mentions", as_mentions
        )

    def documents(self: Any, info: Ctx) -> list[_T_Document]:  # type: ignore[name-defined]  # noqa: F821
        return _with_items(  # type: ignore[no-any-return]
            self, info, ref[0], MENTIONS, False, DOCUMENT_CLASS, "mentions", as_documents
        )

    async def supporting_documents(self: Any, info: Ctx) -> list[_T_Document]:  # type: ignore[name-defined]  # noqa: F821
        ids = [str(i) for i in self._data.get("sources") or []]
        found = await info.context.nodes_by_id(DOCUMENT_CLASS).load_many(ids)
        as_of = self._data.get(AS_OF_KEY)
        prop = ref[0].timeline.ingested.get(DOCUMENT_CLASS) if ref[0].timeline else None
        kept = [
            d for d in found if d is not None and (as_of is None or ingested_by(d, as_of, prop))
        ]
        return [ref[0].wrap({**d, AS_OF_KEY: as_of} if as_of else d) for d in kept]

    for func in (mentions, documents, supporting_documents):
        func.__module__ = __name__
    namespace["mentions"] = strawberry.field(
        resolver=mentions, description="Where documents name this entity (character offsets)."
    )
    namespace["documents"] = strawberry.field(
        resolver=documents, description="The documents that name this entity."
    )
    namespace["supporting_documents"] = strawberry.field(
        resolver=supporting_documents,
        description="The documents and datasets this entity comes from (its provenance).",
    )
    cls = type("Entity", (), namespace)
    cls.__module__ = __name__
    return strawberry.interface(cls, description="Anything the twin stores. Never a person.")


def _class_namespace(model: OntologyModel, label: str, ref: list[Registry]) -> dict[str, Any]:
    cls = model.cls(label)
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"_label": label, "__annotations__": annotations}
    for prop in model.properties.values():
        if prop.domain == label:
            annotations[f"p_{prop.name}"], namespace[f"p_{prop.name}"] = _property_field(prop)
    for rel in declared_relations(model, label):
        if rel.typed and rel.target is not None:
            namespace[f"r_{rel.name}"] = _relation_field(
                ref,
                label,
                rel.type,
                rel.outgoing,
                rel.target,
                rel.single,
                rel.name,
                rel.description,
            )
            namespace[f"rc_{rel.name}"] = _relation_connection_field(
                ref, rel.type, rel.outgoing, rel.target, rel.name, rel.description
            )
    scheme = schemes(model).get(label)
    if scheme is not None and CONCEPT_FIELD not in {p.name for p in model.properties_of(label)}:
        namespace["c_concept"] = _concept_field(label, scheme)
    namespace["__doc__"] = cls.definition or cls.labels.get("en", label)
    return namespace


def _concept_field(label: str, scheme: Scheme) -> Any:
    """``concept``: the node as a member of its concept scheme's enum (``gql.concepts``)."""
    enum = _register("CE", label, scheme_enum(scheme))
    by_id = {value: enum[member] for member, value in scheme.members.items()}

    def resolve(self: Any) -> Any:
        return by_id.get(str(self._data.get("id")))

    resolve.__annotations__ = {"return": enum | None}
    resolve.__module__ = __name__
    return strawberry.field(
        resolver=resolve,
        name=CONCEPT_FIELD,
        description=f"This {label} as a member of {scheme.name} (null outside the scheme).",
    )


def build_types(model: OntologyModel) -> Registry:
    """Generate one GraphQL type per ontology class (interfaces for abstract classes)."""
    ref: list[Registry] = []
    entity = _entity_interface(model, ref)
    _MODULE._T_Entity = entity  # type: ignore[attr-defined]
    types: dict[str, Any] = {}
    for label in sorted(model.classes, key=lambda lbl: len(model.lineage(lbl))):
        cls = model.cls(label)
        parent = types[cls.parent] if cls.parent else entity
        namespace = _class_namespace(model, label, ref)
        python_cls = type(label, (parent,), namespace)
        python_cls.__module__ = __name__
        description = namespace["__doc__"]
        if cls.abstract:
            types[label] = strawberry.interface(python_cls, description=description)
        else:
            types[label] = strawberry.type(python_cls, description=description)
        setattr(_MODULE, f"_T_{label}", types[label])
    props = edge_properties(model)
    for label, made in types.items():
        edge = edges.edge_type(label, made, props)
        _register("EDGE", label, edge)
        _register("RCONN", label, edges.connection_type(label, edge))
    registry = Registry(model=model, types=types, timeline=timeline(model))
    ref.append(registry)
    return registry


# ------------------------------------------------------------------ root connections


def _member(name: str) -> str:
    """``codeStatus`` → ``CODE_STATUS`` (enum members of sort fields and relationship fields)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def _enum(name: str, values: list[str], description: str, keep: bool = False) -> Any:
    """An enum of ``values``; members in UPPER_SNAKE case unless ``keep`` (type names)."""
    members: dict[str, str] = {}
    for value in values:
        member = value if keep else _member(value)
        if member in members:
            raise ValueError(f"{name}: {value} and {members[member]} share the member {member}")
        members[member] = value
    make: Any = Enum  # the functional API, with a computed name
    return strawberry.enum(make(name, members), description=description)


def _input(name: str, fields: dict[str, tuple[Any, Any]], description: str) -> Any:
    """A strawberry input ``name`` with ``fields``: python name → (annotation, field)."""
    namespace: dict[str, Any] = {"__annotations__": {k: v[0] for k, v in fields.items()}}
    namespace.update({k: v[1] for k, v in fields.items()})
    cls = type(name, (), namespace)
    cls.__module__ = __name__
    made = strawberry.input(cls, description=description)
    return made


def _opt(name: str, description: str | None = None, default: Any = None) -> Any:
    return strawberry.field(default=default, name=name, description=description)


def _register(prefix: str, name: str, value: Any) -> Any:
    setattr(_MODULE, f"_{prefix}_{name}", value)
    return value


def build_inputs(spec: FilterSpec) -> dict[str, tuple[Any, Any]]:
    """The ``where`` and ``sort`` input types of every class (and of ``Entity``, the target of
    relationships without a range), by class name: ``(<C>Where, <C>Sort)``."""
    for cf in spec.classes.values():
        n = cf.name
        _register("SF", n, _enum(f"{n}SortField", list(cf.properties), f"Fields of {n}."))
        if cf.relations:
            _register(
                "RE",
                n,
                _enum(f"{n}RelationField", list(cf.relations), f"Relationship fields of {n}."),
            )
        if cf.typenames:
            _register(
                "TN", n, _enum(f"{n}Typename", list(cf.typenames), f"Classes of {n}.", keep=True)
            )
    made: dict[str, tuple[Any, Any]] = {}
    for cf in spec.classes.values():
        n = cf.name
        where: dict[str, tuple[Any, Any]] = {}
        for prop, kind in cf.properties.items():
            where[f"p_{prop}"] = (FILTERS[kind] | None, _opt(prop))
        for rel in cf.relations.values():
            target = rel.target or ENTITY
            text = f"{rel.description or rel.type}: some, none or all related {target} nodes."
            where[f"r_{rel.name}"] = (f"_RF_{target} | None", _opt(rel.name, text))
        if cf.locatable:
            where["within"] = (
                str | None,
                _opt(
                    "within",
                    "The id (CBS code for CBS areas) of a place this lies in (within "
                    f"{spec.max_hops} steps of {', '.join(spec.within_types)}), or that place.",
                ),
            )
        if cf.typenames:
            where["typename"] = (f"list[_TN_{n}] | None", _opt("typename", "Of these classes."))
        if cf.concept:
            scheme: Any = getattr(_MODULE, f"_CE_{n}")
            concept_filter = _input(
                f"{n}ConceptFilter",
                {
                    "eq": (scheme | None, _opt("eq")),
                    "in_": (list[scheme] | None, _opt("in")),
                },
                f"Which concepts of {n}: all given conditions must hold.",
            )
            where["concept"] = (concept_filter | None, _opt("concept", "Which concept it is."))
        where["AND"] = (f"list[_W_{n}] | None", _opt("AND", "All of these hold."))
        where["OR"] = (f"list[_W_{n}] | None", _opt("OR", "At least one of these holds."))
        where["NOT"] = (f"_W_{n} | None", _opt("NOT", "This does not hold."))
        _register("W", n, _input(f"{n}Where", where, f"Filter {n} nodes."))
        _register(
            "RF",
            n,
            _input(
                f"{n}RelationshipFilter",
                {
                    "some": (f"_W_{n} | None", _opt("some", "At least one related node matches.")),
                    "none": (f"_W_{n} | None", _opt("none", "No related node matches.")),
                    "all": (f"_W_{n} | None", _opt("all", "Every related node matches.")),
                },
                f"A condition on the related {n} nodes.",
            ),
        )
        _register(
            "AG",
            n,
            _input(
                f"{n}SortAggregate",
                {
                    "field": (f"_SF_{n} | None", _opt("field", "The field to aggregate.")),
                    "function": (
                        AggregateFunction | None,
                        _opt("function", "Default MAX with a field, COUNT without."),
                    ),
                    "where": (f"_W_{n} | None", _opt("where", "Only related nodes that match.")),
                },
                f"One value from the related {n} nodes (distinct), to sort by.",
            ),
        )
    for cf in spec.classes.values():
        n = cf.name
        sort: dict[str, tuple[Any, Any]] = {
            "field": (f"_SF_{n} | None", _opt("field", "Sort by this field.")),
        }
        if cf.relations:
            related = {
                f"r_{rel.name}": (f"_AG_{rel.target or ENTITY} | None", _opt(rel.name))
                for rel in cf.relations.values()
            }
            _register(
                "RS",
                n,
                _input(f"{n}RelatedSort", related, "An aggregate of one relationship field."),
            )
            sort["count"] = (
                f"_RE_{n} | None",
                _opt("count", "Sort by the number of distinct related nodes."),
            )
            sort["related"] = (
                f"_RS_{n} | None",
                _opt("related", "Sort by an aggregate over related nodes."),
            )
        sort["direction"] = (SortDirection, _opt("direction", default=SortDirection.ASC))
        sort_type = _input(
            f"{n}Sort",
            sort,
            "One sort key: exactly one of field, count, related. Missing values sort last; "
            "the id breaks ties.",
        )
        _register("S", n, sort_type)
        made[n] = (getattr(_MODULE, f"_W_{n}"), sort_type)
    return made


def plain(value: Any) -> Any:
    """A strawberry input value as plain data keyed by GraphQL names (enums by value)."""
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    definition = getattr(value, "__strawberry_definition__", None)
    if definition is None:
        return value
    found: dict[str, Any] = {}
    for f in definition.fields:
        item = getattr(value, f.python_name)
        if item is None or item is UNSET:
            continue
        found[f.graphql_name or f.python_name] = plain(item)
    return found


def root_fields(model: OntologyModel, registry: Registry, compiled: bool = True) -> dict[str, Any]:
    """One connection field per class, named by its plural, plus ``node(id:)``; with
    ``compiled``, connections whose selection the projection covers skip field-by-field
    execution (``gql.compiled``; off only to compare the two paths)."""
    spec = filter_spec(model)
    inputs = build_inputs(spec)
    shapes = Shapes(
        node_props=frozenset(p.name for p in model.properties.values() if not p.on_relationships),
        edge_props=frozenset(p.name for p in edge_properties(model)),
    )
    with_concept = {
        label: scheme
        for label, scheme in schemes(model).items()
        if CONCEPT_FIELD not in {p.name for p in model.properties_of(label)}
    }
    compiler = (
        None
        if not compiled
        else Compiler(
            model=model,
            spec=spec,
            schemes=with_concept,
            concrete=registry.concrete,
            converters=lambda prop: converter(prop, coerce),
        )
    )
    fields: dict[str, Any] = {}
    for label, cls in model.classes.items():
        where_type, sort_type = inputs[label]
        fields[cls.plural] = _connection_field(
            label, registry, spec, where_type, sort_type, cls.definition or "", shapes, compiler
        )

    async def node(
        info: Ctx,
        id: strawberry.ID,
        as_of: Annotated[
            date | None, strawberry.argument(name="asOf", description=AS_OF_TEXT)
        ] = None,
    ) -> _T_Entity | None:  # type: ignore[name-defined]  # noqa: F821
        found = await info.context.nodes_by_id(None).load(str(id))
        if found is None:
            return None
        if as_of is not None:
            day = as_of.isoformat()
            if not await known_at(info, registry, str(id), day):
                return None
            found = {**found, AS_OF_KEY: day}
        return registry.wrap(found)

    node.__module__ = __name__
    fields["node"] = strawberry.field(resolver=node, description="Any entity by its id.")
    return fields


AS_OF_TEXT = (
    "The twin as it knew things at the end of that day: documents ingested by then, "
    "observations whose period had begun, other nodes and relationships first seen by then "
    "(gql.timeline). Nested fields follow the same date."
)


def timeline_of(registry: Registry) -> Timeline:
    """The registry's timeline (a GraphQL error if the schema has none)."""
    if registry.timeline is None:
        raise GraphQLError("this schema has no timeline; asOf is not available")
    return registry.timeline


async def known_at(info: Ctx, registry: Registry, node_id: str, day: str | None) -> bool:
    """Whether the twin knew the node ``node_id`` at the end of ``day`` (always without)."""
    if day is None:
        return True
    condition = timeline_of(registry).node("n", None)
    rows = await info.context.read(
        "MATCH (n {id: $id}) WHERE any(l IN labels(n) WHERE l IN $labels) "
        f"AND {condition} RETURN n.id AS id LIMIT 1",
        id=node_id,
        labels=list(registry.model.classes),
        asOf=day,
    )
    return bool(rows)


def _connection_field(
    label: str,
    registry: Registry,
    spec: FilterSpec,
    where_type: Any,
    sort_type: Any,
    description: str,
    shapes: Shapes,
    compiler: Compiler | None,
) -> Any:
    wrap: Callable[[Item], Any] = registry.wrap

    async def resolve(
        info: Ctx,
        where: Any = None,
        sort: Any = None,
        first: int = DEFAULT_FIRST,
        after: str | None = None,
        as_of: date | None = None,
    ) -> Any:
        day = None if as_of is None else as_of.isoformat()
        return await build_connection(
            info, spec, label, wrap, plain(where), plain(sort), first, after, day, shapes, compiler
        )

    resolve.__annotations__ = {
        "info": Ctx,
        "where": where_type | None,
        "sort": list[sort_type] | None,
        "first": int,
        "after": str | None,
        "as_of": Annotated[date | None, strawberry.argument(name="asOf", description=AS_OF_TEXT)],
        "return": Connection[registry.types[label]],  # type: ignore[name-defined]
    }
    return strawberry.field(
        resolver=resolve, name=registry.model.cls(label).plural, description=description
    )


__all__ = ["SCALARS", "Registry", "build_inputs", "build_types", "plain", "root_fields"]
