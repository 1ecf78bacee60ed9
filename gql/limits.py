"""Limits of the GraphQL API beyond depth and aliases (``gql.schema``): query cost, tokens,
batching, roles and error masking, as strawberry extensions the app adds to the schema.

**Cost** is an estimate of the objects an operation returns, computed before execution:

- a leaf field (a scalar or an enum, or a list of them) costs nothing;
- a connection (an object field with a ``first`` argument) costs 1 plus its selections, in
  which the list of edges counts ``first`` items (default 20; values above 100 count as 100,
  the resolver refuses them anyway); a list field with ``first`` counts ``first`` items;
- any other list of objects counts :data:`DEFAULT_LIST_SIZE` (20) items, each costing 1 plus
  its selections; a single object costs 1 plus its selections;
- introspection (``__schema``, ``__type``, ``__typename``) costs nothing;
- fragments are counted where they are spread, and the selections of every type condition
  are added (an over-estimate for unions and interfaces).

An operation above ``TWIN_GRAPHQL_MAX_COST`` is refused with the cost and the limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    get_named_type,
    is_leaf_type,
    value_from_ast,
    value_from_ast_untyped,
)
from graphql.pyutils import Undefined
from strawberry.extensions import MaskErrors, MaxTokensLimiter, SchemaExtension
from strawberry.schema.config import BatchingConfig

from gql.auth import PUBLIC, role_rule
from gql.connection import DEFAULT_FIRST, MAX_FIRST
from twin.settings import Settings

DEFAULT_LIST_SIZE = 20
MAX_TOKENS = 5_000  # tokens in one GraphQL document; GraphiQL's introspection has ~300
MASKED_MESSAGE = "Unexpected error."


# ------------------------------------------------------------------ cost


class _Cost:
    """The cost of the operations of one document, with fragments counted once each."""

    def __init__(
        self, schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any]
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self._memo: dict[tuple[str, int | None], int] = {}
        self._active: set[str] = set()

    def operation(self, operation: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return 0
        variables = dict(self.variables)
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if name not in variables and definition.default_value is not None:
                variables[name] = value_from_ast_untyped(definition.default_value)
        previous, self.variables = self.variables, variables
        try:
            return self.selections(root, operation.selection_set, None)
        finally:
            self.variables = previous

    def selections(
        self, parent: GraphQLNamedType | None, selection_set: SelectionSetNode, page: int | None
    ) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(parent, selection, page)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selections(target, selection.selection_set, page)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.spread(selection.name.value, page)
        return total

    def spread(self, name: str, page: int | None) -> int:
        fragment = self.fragments.get(name)
        if fragment is None or name in self._active:
            return 0  # unknown fragments and cycles are reported by the standard rules
        key = (name, page)
        if key not in self._memo:
            self._active.add(name)
            try:
                target = self.schema.get_type(fragment.type_condition.name.value)
                self._memo[key] = self.selections(target, fragment.selection_set, page)
            finally:
                self._active.discard(name)
        return self._memo[key]

    def field(self, parent: GraphQLNamedType | None, node: FieldNode, page: int | None) -> int:
        name = node.name.value
        if name.startswith("__") or not isinstance(
            parent, GraphQLObjectType | GraphQLInterfaceType
        ):
            return 0
        definition = parent.fields.get(name)
        if definition is None or node.selection_set is None:
            return 0
        named = get_named_type(definition.type)
        if is_leaf_type(named):
            return 0
        first = self.first(node, definition) if "first" in definition.args else None
        if first is not None and not _is_list(definition.type):
            return 1 + self.selections(named, node.selection_set, first)  # a connection
        items = 1
        if _is_list(definition.type):
            items = next(n for n in (first, page, DEFAULT_LIST_SIZE) if n is not None)
        return items * (1 + self.selections(named, node.selection_set, None))

    def first(self, node: FieldNode, definition: GraphQLField) -> int:
        argument = definition.args["first"]
        value: Any = Undefined
        for given in node.arguments or ():
            if given.name.value == "first":
                value = value_from_ast(given.value, argument.type, dict(self.variables))
        if not isinstance(value, int) or isinstance(value, bool):
            default = argument.default_value
            value = default if isinstance(default, int) else DEFAULT_FIRST
        return max(0, min(int(value), MAX_FIRST))


def _is_list(type_: Any) -> bool:
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


def operation_costs(
    schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any] | None = None
) -> dict[str | None, int]:
    """The estimated cost of each operation of ``document`` (by name; None if anonymous)."""
    cost = _Cost(schema, document, variables or {})
    return {
        d.name.value if d.name else None: cost.operation(d)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    }


class CostRule(ValidationRule):
    """Refuses operations above ``max_cost``; :func:`cost_rule` makes it for one request."""

    max_cost: ClassVar[int] = 0
    variables: ClassVar[Mapping[str, Any]] = {}

    def enter_document(self, node: DocumentNode, *_args: Any) -> None:
        for name, cost in operation_costs(self.context.schema, node, self.variables).items():
            if cost > self.max_cost:
                label = f"operation {name}" if name else "the query"
                self.report_error(
                    GraphQLError(
                        f"{label} is too expensive: its estimated cost is {cost}, the limit is "
                        f"{self.max_cost} (a connection counts `first` items, default "
                        f"{DEFAULT_FIRST}; other lists {DEFAULT_LIST_SIZE}); ask for fewer "
                        "items or fewer nested lists"
                    )
                )


def cost_rule(max_cost: int, variables: Mapping[str, Any] | None) -> type[CostRule]:
    """The cost rule for one request (its variables decide the value of ``first: $n``)."""
    return type(
        "RequestCostRule", (CostRule,), {"max_cost": max_cost, "variables": dict(variables or {})}
    )


# ------------------------------------------------------------------ extensions


class RequestRules(SchemaExtension):
    """Adds the validation rules that depend on the request: its role and its variables.

    The role is ``info.context.role``; a request without a twin Context runs as ``public``.
    (Do not add a validation cache keyed by the query text alone: these rules differ per
    request.)"""

    max_cost: ClassVar[int] = 20_000

    def on_operation(self) -> Iterator[None]:
        execution = self.execution_context
        role = getattr(execution.context, "role", PUBLIC)
        rules = (role_rule(str(role)), cost_rule(self.max_cost, execution.variables))
        execution.validation_rules = (*execution.validation_rules, *rules)
        yield


def should_mask(error: GraphQLError) -> bool:
    """Mask unexpected exceptions; keep the GraphQLErrors raised on purpose and the errors of
    parsing, validation and variables (which have no original exception)."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


def security_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """The extensions the app adds to ``build_schema()``'s: tokens, roles and cost, and in
    production the masking of unexpected errors."""
    rules = type("SettingsRequestRules", (RequestRules,), {"max_cost": settings.graphql_max_cost})
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        rules,
    ]
    if settings.production:
        extensions.append(
            lambda: MaskErrors(should_mask_error=should_mask, error_message=MASKED_MESSAGE)
        )
    return extensions


def batching_config(settings: Settings) -> BatchingConfig | None:
    """Strawberry's batching configuration: None (batching off) unless
    ``TWIN_GRAPHQL_MAX_BATCH`` allows that many operations per request."""
    if settings.graphql_max_batch <= 0:
        return None
    return BatchingConfig(max_operations=settings.graphql_max_batch)


__all__ = [
    "DEFAULT_LIST_SIZE",
    "MASKED_MESSAGE",
    "MAX_TOKENS",
    "CostRule",
    "RequestRules",
    "batching_config",
    "cost_rule",
    "operation_costs",
    "security_extensions",
    "should_mask",
]
