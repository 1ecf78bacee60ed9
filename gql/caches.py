"""Per-process caches of the request pipeline: parsed documents, and the outcome of validation
per (query text, role, variables).

Validation in this API depends on more than the query text: the role decides what may be
selected and the variables feed the cost estimate (``gql.limits.RequestRules``). The outcome is
therefore remembered per schema, query text, role and variables, never per text alone, and a
request that differs in any of them is validated afresh. The schema's other rules (depth,
aliases, tokens) depend on the text alone. Both caches are bounded LRU maps.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterator
from threading import Lock
from typing import Any, ClassVar
from weakref import WeakKeyDictionary

from graphql import GraphQLError
from strawberry.extensions import ParserCache, SchemaExtension

from gql.auth import PUBLIC

MAX_ENTRIES = 512
Key = tuple[str, str, str]  # query text, role, variables (JSON)


class ValidationMemo(SchemaExtension):
    """Skip validation for a (schema, query, role, variables) seen before: reuse its errors."""

    # one LRU map per schema object (weakly held: a schema that goes away takes its outcomes)
    _memos: ClassVar[WeakKeyDictionary[Any, OrderedDict[Key, tuple[GraphQLError, ...]]]] = (
        WeakKeyDictionary()
    )
    _lock: ClassVar[Lock] = Lock()
    max_entries: ClassVar[int] = MAX_ENTRIES

    def _key(self) -> Key | None:
        execution = self.execution_context
        if execution.query is None:
            return None
        role = str(getattr(execution.context, "role", PUBLIC))
        try:
            variables = json.dumps(execution.variables or {}, sort_keys=True, default=repr)
        except (TypeError, ValueError):
            return None
        return (execution.query, role, variables)

    def on_validate(self) -> Iterator[None]:
        execution = self.execution_context
        key = self._key()
        with self._lock:
            memo = self._memos.setdefault(execution.schema, OrderedDict())
        found = None
        if key is not None:
            with self._lock:
                found = memo.get(key)
                if found is not None:
                    memo.move_to_end(key)
            if found is not None:
                execution.pre_execution_errors = list(found)
                yield
                return
        yield
        if key is not None and execution.pre_execution_errors is not None:
            with self._lock:
                memo[key] = tuple(execution.pre_execution_errors)
                while len(memo) > self.max_entries:
                    memo.popitem(last=False)


def cache_extensions() -> list[Callable[[], SchemaExtension]]:
    """The extensions that cache parsing and validation (added by the app)."""
    return [lambda: ParserCache(maxsize=MAX_ENTRIES), ValidationMemo]


def memo_size(schema: Any) -> int:
    """How many validation outcomes are remembered for ``schema`` (for tests)."""
    return len(ValidationMemo._memos.get(schema, ()))


__all__ = ["MAX_ENTRIES", "ValidationMemo", "cache_extensions", "memo_size"]
