"""GraphQL types, filters and root connections generated from the ontology model.

Nothing here names a class. For every ontology class the generator makes:

- an object type (an interface for abstract classes such as ``Place``) whose fields are the
  datatype properties that apply to it (``model.properties_of``), typed by their XSD range;
- a field per outgoing relationship type whose domain is the class (``partOf``, ``measures``);
- navigation fields from the OWL restrictions: ``Neighbourhood PART_OF exactly 1 District``
  gives ``Neighbourhood.district`` and ``District.neighbourhoods``;
- a ``<Class>Where`` filter input over its single-valued text properties, a sort enum, and a
  root connection named by the class's plural.

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

from gql.connection import Connection, StringFilter, build_connection
from gql.context import Context, Item
from ontology.model import DataProperty, OntologyModel, Restriction, plural

Ctx = Info[Context, None]
_SCALARS: dict[str, type] = {
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
DOCUMENT_CLASS = "Document"
MENTIONS = "MENTIONS"


def _lower(label: str) -> str:
    return label[0].lower() + label[1:]


def _scalar(prop: DataProperty) -> Any:
    base = _SCALARS.get(prop.range or "string", str)
    return list[base] | None if prop.multi_valued else base | None  # type: ignore[valid-type]


def _coerce(value: Any, prop: DataProperty) -> Any:
    if value is None:
        return [] if prop.multi_valued else None
    if prop.multi_valued:
        return list(value) if isinstance(value, list | tuple) else [value]
    base = _SCALARS.get(prop.range or "string", str)
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
        label = self._label
        loader = info.context.related(label, MENTIONS, False, DOCUMENT_CLASS)
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


def _navigation(model: OntologyModel, label: str) -> list[tuple[Restriction, bool]]:
    """Restrictions that give ``label`` a navigation field: (restriction, forward?)."""
    found = [(r, True) for r in model.restrictions if r.cls == label]
    found += [(r, False) for r in model.restrictions if r.target == label]
    return found


def _class_namespace(model: OntologyModel, label: str, ref: list[Registry]) -> dict[str, Any]:
    cls = model.cls(label)
    namespace: dict[str, Any] = {"_label": label}
    for prop in model.properties.values():
        if prop.domain == label:
            namespace[f"p_{prop.name}"] = _property_field(prop)
    used = {prop.name for prop in model.properties.values()}
    for rel in model.relationships.values():
        if rel.domain == label and rel.name not in used:
            target = rel.range if rel.range in model.classes else None
            if target is None:
                continue
            namespace[f"r_{rel.name}"] = _relation_field(
                ref, label, rel.type, True, target, False, rel.name, rel.labels.get("en", "")
            )
            used.add(rel.name)
    for restriction, forward in _navigation(model, label):
        if forward:
            other = restriction.target
            single = restriction.max is not None and restriction.max <= 1
            name = _lower(other) if single else plural(other)
        else:
            other, single = restriction.cls, False
            name = model.cls(other).plural
        if name in used:
            name = f"{name}Via{restriction.type.title().replace('_', '')}"
        used.add(name)
        namespace[f"n_{name}"] = _relation_field(
            ref,
            label,
            restriction.type,
            forward,
            other,
            single,
            name,
            f"{'→' if forward else '←'} {restriction.type} {other}",
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


def _where_input(model: OntologyModel, label: str) -> tuple[Any, list[str]]:
    props = [
        p.name
        for p in model.properties_of(label)
        if not p.multi_valued and _SCALARS.get(p.range or "string", str) is str
    ]
    annotations = dict.fromkeys(props, StringFilter | None)
    namespace: dict[str, Any] = {"__annotations__": annotations}
    namespace.update(dict.fromkeys(props))
    where = type(f"{label}Where", (), namespace)
    where.__module__ = __name__
    return strawberry.input(where, description=f"Filter {label} nodes."), props


def _sort_input(label: str, props: list[str]) -> Any:
    members = {re.sub(r"(?<!^)(?=[A-Z])", "_", p).upper(): p for p in props}
    enum = Enum(f"{label}SortField", members)  # type: ignore[misc]
    field_enum = strawberry.enum(enum)
    direction = _direction_enum()
    sort = type(
        f"{label}Sort",
        (),
        {
            "__annotations__": {"field": field_enum, "direction": direction},
            "direction": direction.ASC,
        },
    )
    sort.__module__ = __name__
    return strawberry.input(sort)


_DIRECTION: list[Any] = []


def _direction_enum() -> Any:
    if not _DIRECTION:

        class SortDirection(Enum):
            ASC = "ASC"
            DESC = "DESC"

        _DIRECTION.append(strawberry.enum(SortDirection))
    return _DIRECTION[0]


def root_fields(model: OntologyModel, registry: Registry) -> dict[str, Any]:
    """One connection field per class, named by its plural, plus ``node(id:)``."""
    fields: dict[str, Any] = {}
    for label, cls in model.classes.items():
        where_type, filterable = _where_input(model, label)
        sort_type = _sort_input(label, filterable)
        fields[cls.plural] = _connection_field(
            label, registry, where_type, sort_type, filterable, cls.definition or ""
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
    where_type: Any,
    sort_type: Any,
    filterable: list[str],
    description: str,
) -> Any:
    wrap: Callable[[Item], Any] = registry.wrap

    async def resolve(
        info: Ctx,
        where: Any = None,
        sort: Any = None,
        first: int = 20,
        after: str | None = None,
    ) -> Any:
        order = [(s.field.value, s.direction.value) for s in sort or []]
        return await build_connection(info, label, wrap, where, filterable, order, first, after)

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


__all__ = ["Registry", "build_types", "root_fields"]
