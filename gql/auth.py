"""Who is asking: API keys, roles, and what each role may select.

Roles, from least to most: ``public`` (no key), ``analyst`` and ``maintainer`` (a key). A key
travels in ``X-API-Key: <key>`` or ``Authorization: Bearer <key>``; keys are configured with
``TWIN_API_KEYS`` / ``TWIN_API_KEYS_FILE`` (``twin.settings``) and compared in constant time.
An unknown key is refused (HTTP 401) rather than downgraded to ``public``, so that a client
with a mistyped key learns it at once.

Without any key configured, a development instance runs every request without a key as
``analyst`` (the convenience of ``make run``); ``TWIN_ENV=production`` refuses to serve
without keys (:func:`keyring`).

What a role may select is checked before execution by :func:`role_rule`, a graphql-core
validation rule: ``public`` sees aggregates only (root fields named ``*Aggregate`` or
``aggregate*``, and introspection), no field that returns entities (types implementing
``Entity``) and no document text anywhere; root fields of the Mutation type need
``maintainer``.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLOutputType,
    ValidationRule,
    get_named_type,
)

from twin.errors import TwinError
from twin.settings import Settings

PUBLIC = "public"
ANALYST = "analyst"
MAINTAINER = "maintainer"
ROLES = (PUBLIC, ANALYST, MAINTAINER)  # in increasing order of what they may do
API_KEY_HEADER = "x-api-key"
PUBLIC_DENIED = "the public role sees aggregates only"
# Fields that carry document text; hidden from the public role wherever they appear.
DOCUMENT_TEXT_FIELDS = frozenset({"redactedText", "evidence", "evidenceSpans"})
# Types whose every field is document text (a quoted span, a mention's surface form).
DOCUMENT_TEXT_TYPES = frozenset({"EvidenceSpan", "Mention"})
ENTITY_INTERFACE = "Entity"  # implemented by every type of a stored node (gql.generated)


class AuthError(Exception):
    """A request whose credentials are refused (HTTP 401); the message says why."""


class ConfigError(TwinError):
    """The app cannot be served with these settings."""


def at_least(role: str, needed: str) -> bool:
    """True when ``role`` may do what ``needed`` may."""
    return ROLES.index(role) >= ROLES.index(needed)


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


@dataclass(frozen=True)
class Keyring:
    """The configured keys (as SHA-256 digests) and their roles."""

    entries: tuple[tuple[bytes, str], ...]

    @property
    def is_open(self) -> bool:
        """No key configured: requests without a key run as analyst (development only)."""
        return not self.entries

    @property
    def anonymous_role(self) -> str:
        """The role of a request without a key."""
        return ANALYST if self.is_open else PUBLIC

    def role_of(self, key: str) -> str | None:
        """The role of ``key``, or None. Every configured key is compared, in constant time,
        so that the time taken tells nothing about which keys exist or how close a guess is."""
        digest = _digest(key)
        found: str | None = None
        for known, role in self.entries:
            if hmac.compare_digest(digest, known):
                found = role
        return found

    def role_for_headers(self, headers: Mapping[str, str]) -> str:
        """The role of a request with these (lower-case) headers; AuthError for a key that is
        not configured, a malformed ``Authorization`` header or two different keys."""
        keys: list[str] = []
        if API_KEY_HEADER in headers:
            keys.append(headers[API_KEY_HEADER].strip())
        authorization = headers.get("authorization")
        if authorization is not None:
            scheme, _, token = authorization.strip().partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise AuthError(
                    "the Authorization header must be 'Bearer <API key>' "
                    "(or send the key in X-API-Key)"
                )
            keys.append(token.strip())
        if not keys:
            return self.anonymous_role
        if len(set(keys)) > 1:
            raise AuthError("X-API-Key and Authorization name two different API keys")
        if not keys[0]:
            raise AuthError("the API key is empty")
        role = self.role_of(keys[0])
        if role is None:
            raise AuthError("unknown API key")
        return role


def keyring(settings: Settings) -> Keyring:
    """The keyring of ``settings``; ConfigError in production without keys."""
    roles = settings.api_key_roles
    if settings.production and not roles:
        raise ConfigError(
            "TWIN_ENV=production needs API keys",
            hint="set TWIN_API_KEYS='<key>:analyst,<key>:maintainer' or TWIN_API_KEYS_FILE "
            "(see docs/graphql-security.md)",
        )
    return Keyring(tuple(sorted((_digest(k), r) for k, r in roles.items())))


def _is_aggregate(name: str) -> bool:
    return name.endswith("Aggregate") or name.startswith("aggregate")


class RoleRule(ValidationRule):
    """Refuses the selections the request's role may not make (see the module docstring).

    :func:`role_rule` makes the subclass for one role; graphql-core instantiates it per
    validation."""

    role: ClassVar[str] = PUBLIC
    _refused_root: FieldNode | None = None  # inside it, entities need not be refused again

    def leave_field(self, node: FieldNode, *_args: Any) -> None:
        if node is self._refused_root:
            self._refused_root = None

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        name = node.name.value
        if name.startswith("__"):
            return
        parent = self.context.get_parent_type()
        schema = self.context.schema
        if parent is not None and parent is schema.mutation_type:
            if not at_least(self.role, MAINTAINER):
                self.report_error(
                    GraphQLError(
                        f"{name} needs the maintainer role (this request runs as {self.role})",
                        node,
                    )
                )
            return
        if self.role != PUBLIC:
            return
        if parent is not None and parent in (schema.query_type, schema.subscription_type):
            if not _is_aggregate(name):
                self._refused_root = node
                self.report_error(
                    GraphQLError(
                        f"{PUBLIC_DENIED}: {name} needs an API key (analyst or maintainer)",
                        node,
                    )
                )
            return
        field_type = self.context.get_type()
        if _document_text(parent, name, field_type):
            self.report_error(
                GraphQLError(f"{PUBLIC_DENIED}, without document text: {name} is refused", node)
            )
        elif self._refused_root is None and (entity := _entity(field_type)):
            self.report_error(
                GraphQLError(
                    f"{PUBLIC_DENIED}: {name} returns entities ({entity}), not aggregates", node
                )
            )


def _entity(field_type: GraphQLOutputType | None) -> str | None:
    """The name of the returned type when it is the ``Entity`` interface or implements it
    (the type of every stored node); None otherwise."""
    if field_type is None:
        return None
    named: GraphQLNamedType = get_named_type(field_type)
    name: str = named.name
    if name == ENTITY_INTERFACE:
        return name
    if isinstance(named, GraphQLObjectType | GraphQLInterfaceType) and any(
        i.name == ENTITY_INTERFACE for i in named.interfaces
    ):
        return name
    return None


def _document_text(parent: GraphQLNamedType | None, name: str, field_type: Any) -> bool:
    returned = get_named_type(field_type) if field_type is not None else None
    return (
        name in DOCUMENT_TEXT_FIELDS
        or (parent is not None and parent.name in DOCUMENT_TEXT_TYPES)
        or (returned is not None and returned.name in DOCUMENT_TEXT_TYPES)
    )


_RULES: dict[str, type[RoleRule]] = {
    role: type(f"{role.title()}RoleRule", (RoleRule,), {"role": role}) for role in ROLES
}


def role_rule(role: str) -> type[RoleRule]:
    """The validation rule for ``role``; an unknown role is treated as ``public``."""
    return _RULES.get(role, _RULES[PUBLIC])


__all__ = [
    "ANALYST",
    "API_KEY_HEADER",
    "MAINTAINER",
    "PUBLIC",
    "PUBLIC_DENIED",
    "ROLES",
    "AuthError",
    "ConfigError",
    "Keyring",
    "RoleRule",
    "at_least",
    "keyring",
    "role_rule",
]
