"""The GraphQL schema's root fields carry the ontology's names and the connection contract."""

from __future__ import annotations

from graphql import GraphQLNonNull, GraphQLObjectType

from gql.schema import ROOT_CONNECTIONS, build_schema
from ontology import load_model


def test_root_connections_are_named_by_the_ontology() -> None:
    model = load_model()
    query = build_schema()._schema.query_type
    assert query is not None
    expected = {model.cls(label).plural for label, *_ in ROOT_CONNECTIONS}
    assert {"neighbourhoods", "districts"} <= expected
    assert expected | {"place"} == set(query.fields)


def test_connections_follow_the_design_contract() -> None:
    query = build_schema()._schema.query_type
    assert query is not None
    field = query.fields["neighbourhoods"]
    assert set(field.args) == {"where", "sort", "first", "after"}
    connection = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    assert isinstance(connection, GraphQLObjectType)
    assert set(connection.fields) == {"totalCount", "edges", "pageInfo"}
    sdl = str(build_schema())
    assert "hasNextPage: Boolean!" in sdl and "endCursor: String" in sdl
    assert "interface Place" in sdl and "type Neighbourhood implements Place" in sdl
