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
    roots = {c.plural for c in model.classes.values() if c.parent is None}
    aggregates = {f"{plural}Aggregate" for plural in roots}
    assert set(_query().fields) == expected | aggregates | {"node", "search", "path", "profile"}


def test_connections_follow_the_design_contract() -> None:
    field = _query().fields["neighbourhoods"]
    assert set(field.args) == {"where", "sort", "first", "after", "asOf"}
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


def test_where_sort_and_relationship_inputs_are_generated() -> None:
    schema = build_schema()._schema

    def fields(name: str) -> set[str]:
        return set(schema.get_type(name).fields)  # type: ignore[union-attr]

    hood = fields("NeighbourhoodWhere")
    assert {"AND", "OR", "NOT", "within", "documents", "district", "observations"} <= hood
    assert str(schema.get_type("NeighbourhoodWhere").fields["AND"].type) == (  # type: ignore[union-attr]
        "[NeighbourhoodWhere!]"
    )
    assert fields("ObservationRelationshipFilter") == {"some", "none", "all"}
    assert {"value", "within", "indicator", "measures", "about"} <= fields("ObservationWhere")
    assert str(schema.get_type("ObservationWhere").fields["value"].type) == "FloatFilter"  # type: ignore[union-attr]
    assert fields("FloatFilter") == {"eq", "in", "gt", "gte", "lt", "lte"}
    assert fields("StringFilter") == {"eq", "in", "contains", "startsWith", "endsWith"}
    assert "within" not in fields("DocumentWhere")  # documents cannot be located
    assert str(schema.get_type("DocumentWhere").fields["mentions"].type) == (  # type: ignore[union-attr]
        "EntityRelationshipFilter"
    )
    assert "typename" in fields("EntityWhere") and "typename" in fields("StakeholderWhere")
    assert {"field", "count", "related", "direction"} == fields("NeighbourhoodSort")
    assert {"field", "function", "where"} == fields("ObservationSortAggregate")
    assert "stakeholdersViaPartnerIn" in fields("ProgrammeRelatedSort")
    programme = schema.get_type("Programme")
    assert str(programme.fields["stakeholdersViaPartnerIn"].type) == "[Stakeholder!]!"  # type: ignore[union-attr]
    field = _query().fields["neighbourhoods"]
    assert str(field.args["where"].type) == "NeighbourhoodWhere"
    assert str(field.args["sort"].type) == "[NeighbourhoodSort!]"
