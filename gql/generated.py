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
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info
from strawberry.types.unset import UNSET

from gql.connection import (
    DEFAULT_FIRST,
    FILTERS,
    AggregateFunction,
    Connection,
    SortDirection,
    build_connection,
    prefetched,
)
from gql.context import Context, Item
from gql.filters import (
    DOCUMENT_CLASS,
    ENTITY,
    MENTIONS,
    FilterSpec,
    declared_relations,
    filter_spec,
)
from ontology.model import DataProperty, OntologyModel

Ctx = Info[Context, None]
SCALARS: dict[str, type] = {
    "string": str,
    "anyURI": str,
    "decimal": float,
    "double": float,
    "float": float,
    "integer": int,
    "int": int,
    "nonNegativeInteger": int,
    "boolean": bool,
    "date": str,
    "dateTime": str,
}
_MODULE = sys.modules[__name__]


def _scalar(prop: DataProperty) -> Any:
    base = SCALARS.get(prop.range or "string", str)
    return list[base] | None if prop.multi_valued else base | None  # type: ignore[valid-type]


def _coerce(value: Any, prop: DataProperty) -> Any:
    if value is None:
        return [] if prop.multi_valued else None
    if prop.multi_valued:
        return list(value) if isinstance(value, list | tuple) else [value]
    base = SCALARS.get(prop.range or "string", str)
    if base is str and not isinstance(value, str):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    if base in (int, float) and isinstance(value, int | float):
        return base(value)
    return value


@dataclass(frozen=True)
class Registry:
    """The generated types by class label, and the helpers resolvers need."""

    model: OntologyModel
    types: dict[str, Any]

    def wrap(self, data: Item) -> Any:
        """The object of the most specific generated type for a node dict with ``labels``."""
        labels = [lbl for lbl in data.get("labels", []) if lbl in self.model.classes]
        if not labels:
            return None
        best = max(labels, key=lambda lbl: len(self.model.lineage(lbl)))
        cls = self.types[best]
        if self.model.cls(best).abstract:
            return None
        return cls(_data=data)


def _property_field(prop: DataProperty) -> Any:
    def resolve(self: Any) -> Any:
        return _coerce(self._data.get(prop.name), prop)

    resolve.__annotations__ = {"return": _scalar(prop)}
    description = prop.labels.get("en")
    return strawberry.field(resolver=resolve, name=prop.name, description=description)


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
    async def resolve(self: Any, info: Ctx) -> Any:
        items = prefetched(self._data, name)
        if items is None:
            loader = info.context.related(source_label, rel_type, outgoing, target_label)
            items = await loader.load(str(self._data["id"]))
        registry = registry_ref[0]
        objects = [o for o in (registry.wrap(i["node"]) for i in items) if o is not None]
        if single:
            return objects[0] if objects else None
        return objects

    target = f"_T_{target_label}"
    resolve.__annotations__ = {
        "info": Ctx,
        "return": f"{target} | None" if single else f"list[{target}]",
    }
    resolve.__module__ = __name__
    return strawberry.field(resolver=resolve, name=name, description=description)


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
    namespace: dict[str, Any] = {
        "__annotations__": {"_data": strawberry.Private[Item]},
    }

    def resolve_id(self: Any) -> strawberry.ID:
        return strawberry.ID(str(self._data["id"]))

    resolve_id.__module__ = __name__
    namespace["id"] = strawberry.field(resolver=resolve_id, name="id")
    for prop in model.properties.values():
        if prop.domain is None and not prop.on_relationships and prop.name != "id":
            namespace[f"p_{prop.name}"] = _property_field(prop)

    async def mentions(self: Any, info: Ctx) -> list[_T_Mention]:  # type: ignore[name-defined]  # noqa: F821
        items = prefetched(self._data, "mentions")
        if items is None:
            loader = info.context.related(self._label, MENTIONS, False, DOCUMENT_CLASS)
            items = await loader.load(str(self._data["id"]))
        return [
            mention_type(
                start=int(i["rel"].get("start", 0)),
                end=int(i["rel"].get("end", 0)),
                text=i["rel"].get("text"),
                confidence=i["rel"].get("confidence"),
                extractor=i["rel"].get("extractor"),
                document_value=ref[0].wrap(i["node"]),
            )
            for i in items
        ]

    async def documents(self: Any, info: Ctx) -> list[_T_Document]:  # type: ignore[name-defined]  # noqa: F821
        seen: dict[str, Any] = {}
        for mention in await mentions(self, info):
            document = mention.document_value
            seen.setdefault(str(document._data["id"]), document)
        return list(seen.values())

    async def supporting_documents(self: Any, info: Ctx) -> list[_T_Document]:  # type: ignore[name-defined]  # noqa: F821
        ids = [str(i) for i in self._data.get("sources") or []]
        found = await info.context.nodes_by_id(DOCUMENT_CLASS).load_many(ids)
        return [ref[0].wrap(d) for d in found if d is not None]

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
    namespace: dict[str, Any] = {"_label": label}
    for prop in model.properties.values():
        if prop.domain == label:
            namespace[f"p_{prop.name}"] = _property_field(prop)
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
    namespace["__doc__"] = cls.definition or cls.labels.get("en", label)
    return namespace


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
    registry = Registry(model=model, types=types)
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


def root_fields(model: OntologyModel, registry: Registry) -> dict[str, Any]:
    """One connection field per class, named by its plural, plus ``node(id:)``."""
    spec = filter_spec(model)
    inputs = build_inputs(spec)
    fields: dict[str, Any] = {}
    for label, cls in model.classes.items():
        where_type, sort_type = inputs[label]
        fields[cls.plural] = _connection_field(
            label, registry, spec, where_type, sort_type, cls.definition or ""
        )

    async def node(info: Ctx, id: strawberry.ID) -> _T_Entity | None:  # type: ignore[name-defined]  # noqa: F821
        found = await info.context.nodes_by_id(None).load(str(id))
        return registry.wrap(found) if found else None

    node.__module__ = __name__
    fields["node"] = strawberry.field(resolver=node, description="Any entity by its id.")
    return fields


def _connection_field(
    label: str,
    registry: Registry,
    spec: FilterSpec,
    where_type: Any,
    sort_type: Any,
    description: str,
) -> Any:
    wrap: Callable[[Item], Any] = registry.wrap

    async def resolve(
        info: Ctx,
        where: Any = None,
        sort: Any = None,
        first: int = DEFAULT_FIRST,
        after: str | None = None,
    ) -> Any:
        return await build_connection(
            info, spec, label, wrap, plain(where), plain(sort), first, after
        )

    resolve.__annotations__ = {
        "info": Ctx,
        "where": where_type | None,
        "sort": list[sort_type] | None,
        "first": int,
        "after": str | None,
        "return": Connection[registry.types[label]],  # type: ignore[name-defined]
    }
    return strawberry.field(
        resolver=resolve, name=registry.model.cls(label).plural, description=description
    )


__all__ = ["SCALARS", "Registry", "build_inputs", "build_types", "plain", "root_fields"]
