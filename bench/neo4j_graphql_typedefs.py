"""Type definitions for @neo4j/graphql 7, generated from the ontology model like our schema.

``bench/graphql.py`` serves the same database through @neo4j/graphql to compare latencies; its
type definitions are derived here from the same sources ``gql.generated`` reads, so that the
same query text (or as close as their dialect allows) works on both:

- one ``type <Class> @node @plural(value: "<plural>")`` per concrete class (root fields
  ``neighbourhoods`` / ``neighbourhoodsConnection``), an ``interface`` per abstract class
  (``Place``), implemented by the classes below it;
- ``id: ID!`` and one field per datatype property of the class (``model.properties_of``),
  typed by its XSD range (``date`` and ``dateTime`` as ``Date`` / ``DateTime``, which is what
  the database stores; ours serves them as ISO strings); list-valued ones as ``[T!]``;
- one field per relationship field of ``gql.filters.relation_fields`` (the class's own
  ``declared_relations``, its superclasses' and ``documents``), named as ours, with
  ``@relationship(type:, direction: OUT|IN)`` (``@declareRelationship`` on interfaces, as
  @neo4j/graphql requires); single ones (``Neighbourhood.district``) stay single (nullable);
  fields that exist only in our filters (untyped: ``Document.mentions``, whose targets are any
  class) are left out. @neo4j/graphql refuses two fields of one type with the same target
  type, relationship type and direction unless all but one are ``@deprecated``; ours has such
  pairs (``Observation.place`` and ``.about``, ``.indicator`` and ``.measures``,
  ``District.areas`` and ``.areasViaCovers``), so the field declared by the more specific class
  (single before list) stays and the others are marked deprecated, and all still answer;
- ``@fulltext`` with the existing index ``entity_names`` (``graph.schema.FULLTEXT_INDEX``) on
  every class the index covers (``graph.schema.fulltext_labels``), as the query
  ``<plural>Search``; @neo4j/graphql only accepts ``String``/``ID`` fields in the directive, so
  the list-valued ``aliases`` is not named there, but the index (and so the search) covers it.

Nothing here creates or changes an index or a constraint.
"""

from __future__ import annotations

from collections.abc import Iterable

from gql.filters import RelationField, declared_relations, relation_fields
from graph.schema import FULLTEXT_INDEX, fulltext_labels
from ontology.model import DataProperty, OntologyModel

SCALARS: dict[str, str] = {
    "string": "String",
    "anyURI": "String",
    "decimal": "Float",
    "double": "Float",
    "float": "Float",
    "integer": "Int",
    "int": "Int",
    "nonNegativeInteger": "Int",
    "long": "Int",
    "boolean": "Boolean",
    "date": "Date",
    "dateTime": "DateTime",
}
FULLTEXT_SUFFIX = "Search"


def scalar(prop: DataProperty) -> str:
    """The GraphQL type of a datatype property (lists as ``[T!]``)."""
    base = SCALARS.get(prop.range or "string", "String")
    return f"[{base}!]" if prop.multi_valued else base


def fulltext_query(model: OntologyModel, label: str) -> str:
    """The root field of @neo4j/graphql's fulltext query of a class (``neighbourhoodsSearch``)."""
    return f"{model.cls(label).plural}{FULLTEXT_SUFFIX}"


def _properties(model: OntologyModel, label: str) -> list[DataProperty]:
    return [p for p in model.properties_of(label) if p.name != "id"]


def relations(model: OntologyModel, label: str) -> list[tuple[RelationField, str | None]]:
    """The relationship fields of a class on our object types, by name, each with the field
    it duplicates (same target, type and direction) or None: of such a group the field
    declared by the most specific class (then a single one, then the first by name) is the
    one that is not a duplicate."""
    found = {n: r for n, r in relation_fields(model, label).items() if r.typed}
    lineage = model.lineage(label)
    declared_at: dict[str, int] = {}
    for depth, cls in enumerate(lineage):
        for rel in declared_relations(model, cls):
            declared_at.setdefault(rel.name, depth)
    groups: dict[tuple[str | None, str, bool], list[RelationField]] = {}
    for name in sorted(found):
        rel = found[name]
        groups.setdefault((rel.target, rel.type, rel.outgoing), []).append(rel)
    kept: dict[str, str | None] = {}
    for group in groups.values():
        group.sort(key=lambda r: (declared_at.get(r.name, len(lineage)), not r.single, r.name))
        kept[group[0].name] = None
        kept.update((r.name, group[0].name) for r in group[1:])
    return [(found[name], kept[name]) for name in sorted(found)]


def relationship_field(rel: RelationField, interface: bool, duplicate_of: str | None = None) -> str:
    """One relationship field: ``name: [Target!]! @relationship(type:, direction:)``
    (``@declareRelationship`` on interfaces; ``@deprecated`` when it duplicates another)."""
    target = rel.target or ""
    kind = target if rel.single else f"[{target}!]!"
    if interface:
        directive = "@declareRelationship"
    else:
        direction = "OUT" if rel.outgoing else "IN"
        directive = f'@relationship(type: "{rel.type}", direction: {direction})'
    if duplicate_of is not None:
        directive += f' @deprecated(reason: "the same relationships as {duplicate_of}")'
    return f"{rel.name}: {kind} {directive}"


def _interfaces(model: OntologyModel, label: str) -> list[str]:
    """The abstract classes above ``label`` (the interfaces its type implements)."""
    return [c for c in model.lineage(label)[1:] if model.cls(c).abstract]


def _fulltext(model: OntologyModel, label: str, indexed: Iterable[str]) -> str:
    if label not in indexed:
        return ""
    fields = [
        p.name
        for p in _properties(model, label)
        if p.name in model.searchable_properties and not p.multi_valued
    ]
    names = ", ".join(f'"{f}"' for f in fields)
    return (
        f' @fulltext(indexes: [{{indexName: "{FULLTEXT_INDEX}", '
        f'queryName: "{fulltext_query(model, label)}", fields: [{names}]}}])'
    )


def type_definition(model: OntologyModel, label: str, indexed: Iterable[str] = ()) -> str:
    """The SDL of one class: an interface for abstract classes, else a ``@node`` type."""
    cls = model.cls(label)
    interface = cls.abstract
    lines = ["  id: ID!"]
    lines += [f"  {p.name}: {scalar(p)}" for p in _properties(model, label)]
    lines += [f"  {relationship_field(r, interface, dup)}" for r, dup in relations(model, label)]
    parents = _interfaces(model, label)
    implements = f" implements {' & '.join(parents)}" if parents else ""
    description = (cls.definition or cls.labels.get("en") or label).replace('"""', "'''")
    if interface:
        head = f"interface {label}{implements}"
    else:
        head = (
            f'type {label}{implements} @node @plural(value: "{cls.plural}")'
            f"{_fulltext(model, label, indexed)}"
        )
    return f'"""{description}"""\n{head} {{\n' + "\n".join(lines) + "\n}\n"


def typedefs(model: OntologyModel) -> str:
    """The type definitions of every class of ``model`` (interfaces first)."""
    indexed = set(fulltext_labels(model))
    order = sorted(model.classes, key=lambda lbl: (not model.cls(lbl).abstract, lbl))
    header = (
        "# Generated from the ontology by bench/neo4j_graphql_typedefs.py for @neo4j/graphql 7.\n"
    )
    return header + "\n".join(type_definition(model, label, indexed) for label in order)


__all__ = [
    "FULLTEXT_SUFFIX",
    "SCALARS",
    "fulltext_query",
    "relations",
    "relationship_field",
    "scalar",
    "type_definition",
    "typedefs",
]
