"""GraphQL limits and roles without a database: cost estimates, the role rules, masking of
unexpected errors, API keys and batching."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import strawberry
from graphql import GraphQLError, parse

from gql.app import secured_schema
from gql.auth import (
    ANALYST,
    MAINTAINER,
    PUBLIC,
    PUBLIC_DENIED,
    AuthError,
    ConfigError,
    Keyring,
    keyring,
    role_rule,
)
from gql.limits import (
    DEFAULT_LIST_SIZE,
    MASKED_MESSAGE,
    MAX_TOKENS,
    batching_config,
    operation_costs,
    security_extensions,
)
from gql.schema import build_schema
from twin.settings import Settings

ANALYST_KEY = "analyst-key-0123456789"
MAINTAINER_KEY = "maintainer-key-0123456789"


def settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


def cost(query: str, variables: dict[str, Any] | None = None) -> int:
    costs = operation_costs(build_schema()._schema, parse(query), variables)
    assert len(costs) == 1
    return next(iter(costs.values()))


# ------------------------------------------------------------------ cost


def test_cost_counts_objects_with_first_and_list_sizes() -> None:
    assert cost("{ neighbourhoods { totalCount } }") == 1
    # 1 (connection) + 20 edges x (1 edge + 1 node) + 1 pageInfo
    assert cost("{ neighbourhoods { edges { node { code } } pageInfo { hasNextPage } } }") == 42
    assert cost("{ neighbourhoods(first: 5) { edges { node { code } } } }") == 11
    # a plain list of objects counts DEFAULT_LIST_SIZE items
    nested = "{ neighbourhoods(first: 1) { edges { node { observations { indicator { id } } } } } }"
    assert cost(nested) == 1 + 1 * (1 + 1 + DEFAULT_LIST_SIZE * (1 + 1))
    # single objects count 1, leaves and introspection nothing
    assert cost('{ node(id: "x") { id __typename } }') == 1
    assert cost("{ __typename __schema { types { name fields { name } } } }") == 0


def test_cost_reads_variables_defaults_and_clamps_first() -> None:
    query = "query($n: Int = 5) { neighbourhoods(first: $n) { edges { node { code } } } }"
    assert cost(query) == 11
    assert cost(query, {"n": 50}) == 101
    assert cost(query, {"n": None}) == 41  # null: the argument's default, 20
    # beyond 100 the resolver refuses; the estimate counts 100
    assert cost("{ neighbourhoods(first: 5000) { edges { node { code } } } }") == 201


def test_cost_follows_fragments_once_and_survives_fragment_bombs() -> None:
    query = """{ ...A } fragment A on Query { ...B ...B }
               fragment B on Query { neighbourhoods { edges { node { id } } } }"""
    assert cost(query) == 2 * 41
    inline = '{ node(id: "x") { ... on District { neighbourhoods { code } } } }'
    assert cost(inline) == 1 + DEFAULT_LIST_SIZE
    levels = 60  # 2**60 expansions without memoisation
    bomb = "{ ...F0 } " + " ".join(
        f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    )
    bomb += f" fragment F{levels} on Query {{ districts {{ totalCount }} }}"
    assert cost(bomb) == 2**levels


def test_cost_of_each_named_operation() -> None:
    document = parse(
        "query A { neighbourhoods { totalCount } } query B { districts(first: 2) "
        "{ edges { node { id } } } }"
    )
    assert operation_costs(build_schema()._schema, document) == {"A": 1, "B": 5}


def execute(schema: strawberry.Schema, query: str, role: str | None, **variables: Any) -> Any:
    context = Ctx(role) if role is not None else None
    return schema.execute_sync(query, variable_values=variables, context_value=context)


@dataclass
class Ctx:
    role: str


def test_cost_limit_refuses_with_cost_and_limit() -> None:
    schema = secured_schema(settings(TWIN_GRAPHQL_MAX_COST=50))
    result = execute(schema, "{ neighbourhoods { edges { node { district { id } } } } }", ANALYST)
    assert result.data is None
    message = result.errors[0].message
    assert "too expensive" in message and "61" in message and "50" in message
    query = "query($n: Int!) { neighbourhoods(first: $n) { edges { node { code } } } }"
    result = execute(schema, query, ANALYST, n=100)
    assert "estimated cost is 201" in result.errors[0].message


def test_token_limit() -> None:
    schema = secured_schema(settings())
    query = "{ " + " ".join(["__typename"] * (MAX_TOKENS + 1)) + " }"
    result = execute(schema, query, ANALYST)
    assert result.errors and "token" in result.errors[0].message.lower()


# ------------------------------------------------------------------ roles


@strawberry.interface
class Entity:
    name: str


@strawberry.type
class Thing(Entity):
    redacted_text: str

    @strawberry.field
    def parts(self) -> list[Thing]:
        return [Thing(name="part", redacted_text="secret")]


@strawberry.type
class Sample:
    label: str
    redacted_text: str


@strawberry.type
class ThingAggregate:
    count: int
    example: Sample
    biggest: Thing


@strawberry.type
class MiniQuery:
    @strawberry.field
    def things(self) -> list[Thing]:
        return [Thing(name="a", redacted_text="secret")]

    @strawberry.field
    def thing_aggregate(self) -> ThingAggregate:
        return ThingAggregate(
            count=7,
            example=Sample(label="a", redacted_text="secret"),
            biggest=Thing(name="a", redacted_text="secret"),
        )

    @strawberry.field
    def aggregate_things(self) -> int:
        return 7

    @strawberry.field
    def broken(self) -> int:
        raise RuntimeError("password=hunter2 at bolt://internal:7687")

    @strawberry.field
    def refused(self) -> int:
        raise GraphQLError("invalid cursor 'x'")


@strawberry.type
class MiniMutation:
    @strawberry.mutation
    def upsert_thing(self, name: str) -> Thing:
        return Thing(name=name, redacted_text="")


def mini_schema(**values: Any) -> strawberry.Schema:
    return strawberry.Schema(
        query=MiniQuery,
        mutation=MiniMutation,
        extensions=security_extensions(settings(**values)),
    )


def messages(result: Any) -> list[str]:
    return [e.message for e in result.errors or []]


def test_public_sees_aggregates_and_introspection_only() -> None:
    schema = mini_schema()
    ok = execute(schema, "{ thingAggregate { count } aggregateThings __typename }", PUBLIC)
    assert ok.errors is None and ok.data["thingAggregate"] == {"count": 7}
    ok = execute(schema, "{ __schema { queryType { name } } }", PUBLIC)
    assert ok.errors is None
    denied = execute(schema, "{ things { name } }", PUBLIC)
    assert denied.data is None
    assert messages(denied) == [f"{PUBLIC_DENIED}: things needs an API key (analyst or maintainer)"]
    # fragments on Query are checked too
    denied = execute(schema, "{ ...F } fragment F on MiniQuery { things { name } }", PUBLIC)
    assert denied.errors and PUBLIC_DENIED in messages(denied)[0]


def test_public_never_sees_document_text_even_inside_aggregates() -> None:
    schema = mini_schema()
    denied = execute(schema, "{ thingAggregate { example { label redactedText } } }", PUBLIC)
    assert denied.data is None
    assert messages(denied) == [f"{PUBLIC_DENIED}, without document text: redactedText is refused"]
    ok = execute(schema, "{ thingAggregate { count example { label } } }", PUBLIC)
    assert ok.errors is None
    ok = execute(schema, "{ things { name redactedText parts { redactedText } } }", ANALYST)
    assert ok.errors is None and ok.data["things"][0]["redactedText"] == "secret"


def test_public_gets_no_entities_even_inside_aggregates() -> None:
    schema = mini_schema()
    denied = execute(schema, "{ thingAggregate { biggest { name } } }", PUBLIC)
    assert messages(denied) == [
        f"{PUBLIC_DENIED}: biggest returns entities (Thing), not aggregates"
    ]
    ok = execute(schema, "{ thingAggregate { biggest { name parts { name } } } }", ANALYST)
    assert ok.errors is None


def test_mutations_need_the_maintainer_role() -> None:
    schema = mini_schema()
    mutation = 'mutation { upsertThing(name: "x") { name } }'
    for role in (PUBLIC, ANALYST):
        result = execute(schema, mutation, role)
        assert result.data is None
        assert messages(result) == [
            f"upsertThing needs the maintainer role (this request runs as {role})"
        ]
    result = execute(schema, mutation, MAINTAINER)
    assert result.errors is None and result.data == {"upsertThing": {"name": "x"}}


def test_without_a_twin_context_the_role_is_public() -> None:
    schema = secured_schema(settings())
    result = execute(schema, '{ neighbourhoods { totalCount } node(id: "x") { id } }', None)
    assert [m.split(":")[0] for m in messages(result)] == [PUBLIC_DENIED, PUBLIC_DENIED]
    assert execute(schema, "{ __typename }", None).errors is None
    assert role_rule("root") is role_rule(PUBLIC)


# ------------------------------------------------------------------ masking


def test_production_masks_unexpected_errors_and_keeps_deliberate_ones() -> None:
    schema = mini_schema(TWIN_ENV="production")
    result = execute(schema, "{ broken }", ANALYST)
    assert messages(result) == [MASKED_MESSAGE]
    assert "hunter2" not in str(result.errors)
    assert messages(execute(schema, "{ refused }", ANALYST)) == ["invalid cursor 'x'"]
    invalid = messages(execute(schema, "{ nope }", ANALYST))
    assert invalid == ["Cannot query field 'nope' on type 'MiniQuery'."]
    assert PUBLIC_DENIED in messages(execute(schema, "{ things { name } }", PUBLIC))[0]


def test_development_shows_the_error() -> None:
    schema = mini_schema()
    assert messages(execute(schema, "{ broken }", ANALYST)) == [
        "password=hunter2 at bolt://internal:7687"
    ]


# ------------------------------------------------------------------ keys, batching


def test_keyring_roles_from_headers() -> None:
    ring = keyring(settings(TWIN_API_KEYS=f"{ANALYST_KEY}:analyst,{MAINTAINER_KEY}:maintainer"))
    assert ring.role_for_headers({}) == PUBLIC
    assert ring.role_for_headers({"x-api-key": ANALYST_KEY}) == ANALYST
    assert ring.role_for_headers({"authorization": f"Bearer {MAINTAINER_KEY}"}) == MAINTAINER
    assert ring.role_for_headers({"authorization": f"bearer  {MAINTAINER_KEY} "}) == MAINTAINER
    both = {"x-api-key": ANALYST_KEY, "authorization": f"Bearer {ANALYST_KEY}"}
    assert ring.role_for_headers(both) == ANALYST
    for headers, message in [
        ({"x-api-key": "not-a-key-0123456789"}, "unknown API key"),
        ({"x-api-key": ANALYST_KEY[:-1]}, "unknown API key"),
        ({"x-api-key": ""}, "the API key is empty"),
        ({"authorization": f"Basic {ANALYST_KEY}"}, "must be 'Bearer <API key>'"),
        ({"authorization": "Bearer"}, "must be 'Bearer <API key>'"),
        (
            {"x-api-key": ANALYST_KEY, "authorization": f"Bearer {MAINTAINER_KEY}"},
            "two different API keys",
        ),
    ]:
        with pytest.raises(AuthError, match=message):
            ring.role_for_headers(headers)


def test_without_keys_development_runs_as_analyst_and_production_refuses() -> None:
    ring = keyring(settings())
    assert ring.is_open and ring.role_for_headers({}) == ANALYST
    with pytest.raises(AuthError, match="unknown API key"):
        ring.role_for_headers({"x-api-key": ANALYST_KEY})
    with pytest.raises(ConfigError, match="TWIN_ENV=production needs API keys"):
        keyring(settings(TWIN_ENV="production"))
    ring = keyring(settings(TWIN_ENV="production", TWIN_API_KEYS=f"{ANALYST_KEY}:analyst"))
    assert isinstance(ring, Keyring) and ring.role_for_headers({}) == PUBLIC


def test_batching_is_off_unless_configured() -> None:
    assert batching_config(settings()) is None
    assert batching_config(settings(TWIN_GRAPHQL_MAX_BATCH=5)) == {"max_operations": 5}
    assert secured_schema(settings()).config.batching_config is None
