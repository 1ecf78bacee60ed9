"""The @neo4j/graphql type definitions of bench/graphql.py are generated from the ontology: a
``@node`` type per concrete class, an interface per abstract one, and relationship fields that
match ours (``gql.filters``). Pure: neither Node nor Neo4j is needed."""

from __future__ import annotations

from typing import Any

from graphql import (
    DirectiveNode,
    FieldDefinitionNode,
    InterfaceTypeDefinitionNode,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    TypeNode,
    parse,
    value_from_ast_untyped,
)

from bench.neo4j_graphql_typedefs import fulltext_query, relations, scalar, typedefs
from gql.filters import relation_fields
from graph.schema import FULLTEXT_INDEX, fulltext_labels
from ontology import OntologyModel

Definition = ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode


def _definitions(model: OntologyModel) -> dict[str, Definition]:
    document = parse(typedefs(model))
    return {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode)
    }


def _directive(node: Definition | FieldDefinitionNode, name: str) -> dict[str, Any] | None:
    found: DirectiveNode | None = next(
        (d for d in node.directives or () if d.name.value == name), None
    )
    if found is None:
        return None
    return {a.name.value: value_from_ast_untyped(a.value) for a in found.arguments or ()}


def _inner(node: TypeNode) -> tuple[str, bool]:
    """The named type of a field and whether it is a list."""
    is_list = False
    while not isinstance(node, NamedTypeNode):
        is_list = is_list or isinstance(node, ListTypeNode)
        assert isinstance(node, NonNullTypeNode | ListTypeNode)
        node = node.type
    return node.name.value, is_list


def _fields(definition: Definition) -> dict[str, FieldDefinitionNode]:
    return {f.name.value: f for f in definition.fields or ()}


def test_a_node_type_per_concrete_class_and_an_interface_per_abstract_one(
    model: OntologyModel,
) -> None:
    found = _definitions(model)
    concrete = {c.label for c in model.concrete_classes}
    abstract = {c.label for c in model.classes.values() if c.abstract}
    assert abstract, "the shipped ontology has abstract classes (Place)"
    assert {n for n, d in found.items() if isinstance(d, ObjectTypeDefinitionNode)} == concrete
    assert {n for n, d in found.items() if isinstance(d, InterfaceTypeDefinitionNode)} == abstract
    for label in concrete:
        definition = found[label]
        assert _directive(definition, "node") == {}
        assert _directive(definition, "plural") == {"value": model.cls(label).plural}
        parents = {c for c in model.lineage(label)[1:] if c in abstract}
        assert {i.name.value for i in definition.interfaces or ()} == parents


def test_relationship_fields_match_ours(model: OntologyModel) -> None:
    found = _definitions(model)
    for label in model.classes:
        fields = _fields(found[label])
        interface = model.cls(label).abstract
        expected = {n: r for n, r in relation_fields(model, label).items() if r.typed}
        with_directive = {
            name
            for name, f in fields.items()
            if _directive(f, "relationship") is not None
            or _directive(f, "declareRelationship") is not None
        }
        assert with_directive == set(expected), label
        for name, rel in expected.items():
            field = fields[name]
            assert _inner(field.type) == (rel.target, not rel.single), (label, name)
            if interface:
                assert _directive(field, "declareRelationship") == {}
                continue
            direction = "OUT" if rel.outgoing else "IN"
            assert _directive(field, "relationship") == {"type": rel.type, "direction": direction}


def test_at_most_one_live_field_per_relationship(model: OntologyModel) -> None:
    """@neo4j/graphql refuses two fields of a type with the same target, type and direction
    unless the others are deprecated; each duplicate names the field it stands for."""
    found = _definitions(model)
    duplicates = 0
    for label in (c.label for c in model.concrete_classes):
        fields = _fields(found[label])
        live: set[tuple[str, Any, Any]] = set()
        for name, rel in ((r.name, r) for r, _ in relations(model, label)):
            field = fields[name]
            key = (_inner(field.type)[0], rel.type, rel.outgoing)
            deprecated = _directive(field, "deprecated")
            if deprecated is None:
                assert key not in live, (label, name)
                live.add(key)
            else:
                duplicates += 1
                assert "same relationships as" in deprecated["reason"]
        kept = {r.name for r, dup in relations(model, label) if dup is None}
        assert all(dup in kept for _, dup in relations(model, label) if dup is not None)
    assert duplicates > 0, "the shipped ontology has such pairs (Observation.place / about)"


def test_properties_are_typed_by_their_range(model: OntologyModel) -> None:
    found = _definitions(model)
    for cls in model.concrete_classes:
        fields = _fields(found[cls.label])
        assert _inner(fields["id"].type) == ("ID", False)
        for prop in model.properties_of(cls.label):
            if prop.name == "id":
                continue
            named, is_list = _inner(fields[prop.name].type)
            assert (named, is_list) == (scalar(prop).strip("[]!"), prop.multi_valued)
    observation = _fields(found["Observation"])
    assert _inner(observation["value"].type) == ("Float", False)
    assert _inner(_fields(found["Neighbourhood"])["aliases"].type) == ("String", True)


def test_fulltext_queries_use_the_existing_index(model: OntologyModel) -> None:
    found = _definitions(model)
    indexed = set(fulltext_labels(model))
    for cls in model.concrete_classes:
        directive = _directive(found[cls.label], "fulltext")
        if cls.label not in indexed:
            assert directive is None, cls.label
            continue
        assert directive is not None, cls.label
        (index,) = directive["indexes"]
        assert index["indexName"] == FULLTEXT_INDEX
        assert index["queryName"] == fulltext_query(model, cls.label)
        fields = _fields(found[cls.label])
        assert index["fields"], cls.label
        for name in index["fields"]:
            assert name in model.searchable_properties
            assert _inner(fields[name].type) == ("String", False)
    assert fulltext_query(model, "Neighbourhood") == "neighbourhoodsSearch"
