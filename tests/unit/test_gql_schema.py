"""The GraphQL schema is generated from the ontology: names, fields, navigation, contract."""

from __future__ import annotations

from graphql import GraphQLNonNull, GraphQLObjectType

from gql.schema import build_schema
from ontology import load_model


def _query() -> GraphQLObjectType:
    query = build_schema()._schema.query_type
    assert query is not None
    return query


def test_one_root_connection_per_ontology_class() -> None:
    model = load_model()
    expected = {c.plural for c in model.classes.values()}
    assert {"neighbourhoods", "districts", "facilities", "incidentTypes", "places"} <= expected
    assert set(_query().fields) == expected | {"node"}


def test_connections_follow_the_design_contract() -> None:
    field = _query().fields["neighbourhoods"]
    assert set(field.args) == {"where", "sort", "first", "after"}
    connection = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    assert isinstance(connection, GraphQLObjectType)
    assert set(connection.fields) == {"totalCount", "edges", "pageInfo"}
    sdl = str(build_schema())
    assert "hasNextPage: Boolean!" in sdl and "endCursor: String" in sdl


def test_types_follow_the_class_hierarchy_and_restrictions() -> None:
    schema = build_schema()._schema
    neighbourhood = schema.get_type("Neighbourhood")
    district = schema.get_type("District")
    assert isinstance(neighbourhood, GraphQLObjectType)
    assert isinstance(district, GraphQLObjectType)
    assert {i.name for i in neighbourhood.interfaces} == {"Place", "Entity"}
    # properties from the ontology, by domain
    assert {"code", "codeStatus", "name", "aliases", "sources"} <= set(neighbourhood.fields)
    # navigation from "Neighbourhood PART_OF exactly 1 District" and "Observation ABOUT 1 Place"
    assert str(neighbourhood.fields["district"].type) == "District"
    assert str(district.fields["neighbourhoods"].type) == "[Neighbourhood!]!"
    assert str(neighbourhood.fields["observations"].type) == "[Observation!]!"
    observation = schema.get_type("Observation")
    assert isinstance(observation, GraphQLObjectType)
    assert str(observation.fields["indicator"].type) == "Indicator"
    assert str(observation.fields["value"].type) == "Float"
    assert "supportingDocuments" in neighbourhood.fields


def test_filters_are_the_class_text_properties() -> None:
    schema = build_schema()._schema
    where = schema.get_type("NeighbourhoodWhere")
    assert where is not None
    assert {"id", "code", "name", "codeStatus"} <= set(where.fields)  # type: ignore[attr-defined]
    assert "aliases" not in where.fields  # type: ignore[attr-defined]
