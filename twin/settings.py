"""Configuration from the environment and an optional ``.env`` file, in one typed place.

Without ``NEO4J_URI`` the twin uses its managed local Neo4j server; ``TWIN_INSTANCE=test``
selects a second managed server with its own ports and data folder, which the test suite uses
so that it never touches the data of ``make run``.

The GraphQL API's security settings (API keys and roles, ``TWIN_ENV``, limits, the Neo4j
transaction timeout) are described in docs/graphql-security.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, PrivateAttr, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_DEFAULT_PORTS = {"default": (7687, 7474), "test": (17687, 17474)}
KEY_ROLES = ("analyst", "maintainer")  # the roles an API key can carry (no key: "public")
MIN_KEY_LENGTH = 16
_KEY_HINT = 'make one with: python -c "import secrets; print(secrets.token_urlsafe(32))"'


def parse_api_keys(text: str, source: str) -> dict[str, str]:
    """``key:role`` entries separated by commas or new lines (``#`` starts a comment).

    Raises ValueError, naming ``source`` but never a key, for a malformed entry, an unknown
    role, a key shorter than 16 characters or a key given twice with different roles."""
    found: dict[str, str] = {}
    for number, raw in enumerate(text.replace(",", "\n").splitlines(), start=1):
        entry = raw.split("#", 1)[0].strip()
        if not entry:
            continue
        key, sep, role = entry.rpartition(":")
        key, role = key.strip(), role.strip()
        if not sep or not key:
            raise ValueError(f"{source}: entry {number} is not 'key:role'")
        if role not in KEY_ROLES:
            raise ValueError(
                f"{source}: entry {number} has role {role!r}; use one of {', '.join(KEY_ROLES)}"
            )
        if len(key) < MIN_KEY_LENGTH or any(c.isspace() for c in key):
            raise ValueError(
                f"{source}: the key of entry {number} is shorter than {MIN_KEY_LENGTH} "
                f"characters or has spaces; {_KEY_HINT}"
            )
        if found.get(key, role) != role:
            raise ValueError(f"{source}: the key of entry {number} is given twice, with two roles")
        found[key] = role
    return found


class Settings(BaseSettings):
    """All settings of the twin.

    Attributes:
        neo4j_uri: an external Neo4j (``bolt://``, ``neo4j://``, ``neo4j+s://``); unset means
            the managed local server.
        neo4j_user / neo4j_password / neo4j_database: credentials and database name. For the
            managed server the password, if unset, is generated on first start and kept in
            the instance's state folder.
        instance: name of the managed server instance (``default`` for ``make run``,
            ``test`` for ``make test``); each has its own ports and data folder.
        state_dir: where managed instances keep config, data, logs and password.
        cache_dir: where the Neo4j jars resolved from Maven Central are kept (shared by all
            instances and clones).
        bolt_port / http_port: ports of the managed server (default by instance).
        env: ``development`` (default) or ``production``. Production serves GraphQL only with
            API keys configured and masks unexpected errors ("Unexpected error.").
        api_keys / api_keys_file: API keys of the GraphQL API as ``key:role`` entries (roles
            ``analyst`` and ``maintainer``), comma-separated in ``TWIN_API_KEYS`` or one a line
            in the file ``TWIN_API_KEYS_FILE``; both may be used. Requests without a key run as
            ``public``; without any key configured (development only) they run as ``analyst``.
        graphql_max_cost: the largest estimated cost of one GraphQL operation (``gql.limits``).
        graphql_timeout: seconds a Neo4j read of the GraphQL API may take.
        graphql_max_batch: operations per batched GraphQL request; 0 (default) turns batching
            off.
    """

    # hide_input_in_errors: a validation error would otherwise print every setting it was given,
    # API keys and NEO4J_PASSWORD included.
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", populate_by_name=True, hide_input_in_errors=True
    )

    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER")
    neo4j_password: str | None = Field(default=None, validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", validation_alias="NEO4J_DATABASE")

    instance: str = Field(
        default="default", validation_alias="TWIN_INSTANCE", pattern=r"^[a-z0-9-]+$"
    )
    state_dir: Path = Field(default=Path(".state"), validation_alias="TWIN_STATE_DIR")
    cache_dir: Path = Field(
        default=Path.home() / ".cache" / "social-twin",
        validation_alias=AliasChoices("TWIN_CACHE_DIR"),
    )
    neo4j_version: str = Field(default="5.26.30", validation_alias="TWIN_NEO4J_VERSION")
    browser_version: str = Field(default="5.24.0", validation_alias="TWIN_NEO4J_BROWSER_VERSION")
    apoc_version: str = Field(default="5.26.19", validation_alias="TWIN_APOC_VERSION")
    bolt_port: int = Field(default=0, validation_alias="TWIN_NEO4J_BOLT_PORT", ge=0, le=65535)
    http_port: int = Field(default=0, validation_alias="TWIN_NEO4J_HTTP_PORT", ge=0, le=65535)
    heap: str = Field(default="1g", validation_alias="TWIN_NEO4J_HEAP", pattern=r"^\d+[mMgG]$")
    pagecache: str = Field(
        default="512m", validation_alias="TWIN_NEO4J_PAGECACHE", pattern=r"^\d+[mMgG]$"
    )
    start_timeout: float = Field(default=120.0, validation_alias="TWIN_NEO4J_START_TIMEOUT", gt=0)

    host: str = Field(default="127.0.0.1", validation_alias="TWIN_HOST")
    port: int = Field(default=8000, validation_alias="TWIN_PORT", ge=1, le=65535)

    env: Literal["development", "production"] = Field(
        default="development", validation_alias="TWIN_ENV"
    )
    api_keys: SecretStr | None = Field(default=None, validation_alias="TWIN_API_KEYS")
    api_keys_file: Path | None = Field(default=None, validation_alias="TWIN_API_KEYS_FILE")
    graphql_max_cost: int = Field(default=20_000, validation_alias="TWIN_GRAPHQL_MAX_COST", ge=1)
    graphql_timeout: float = Field(
        default=10.0, validation_alias="TWIN_GRAPHQL_TIMEOUT", gt=0, le=3600
    )
    graphql_max_batch: int = Field(
        default=0, validation_alias="TWIN_GRAPHQL_MAX_BATCH", ge=0, le=100
    )
    _api_key_roles: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _instance_ports(self) -> Settings:
        bolt, http = _DEFAULT_PORTS.get(self.instance, (7687, 7474))
        if self.bolt_port == 0:
            self.bolt_port = bolt
        if self.http_port == 0:
            self.http_port = http
        if self.bolt_port == self.http_port:
            raise ValueError("TWIN_NEO4J_BOLT_PORT and TWIN_NEO4J_HTTP_PORT must differ")
        return self

    @model_validator(mode="after")
    def _read_api_keys(self) -> Settings:
        roles: dict[str, str] = {}
        if self.api_keys is not None:
            roles = parse_api_keys(self.api_keys.get_secret_value(), "TWIN_API_KEYS")
        if self.api_keys_file is not None:
            try:
                text = self.api_keys_file.read_text(encoding="utf-8")
            except OSError as exc:
                raise ValueError(
                    f"TWIN_API_KEYS_FILE: cannot read {self.api_keys_file}: {exc.strerror}"
                ) from None
            for key, role in parse_api_keys(
                text, f"TWIN_API_KEYS_FILE {self.api_keys_file}"
            ).items():
                if roles.get(key, role) != role:
                    raise ValueError(
                        "a key is in TWIN_API_KEYS and TWIN_API_KEYS_FILE with two roles"
                    )
                roles[key] = role
        self._api_key_roles = roles
        return self

    @property
    def managed(self) -> bool:
        """True when the twin talks to its own managed server (no ``NEO4J_URI``)."""
        return not self.neo4j_uri

    @property
    def production(self) -> bool:
        """True when ``TWIN_ENV=production``."""
        return self.env == "production"

    @property
    def api_key_roles(self) -> dict[str, str]:
        """The configured API keys and their roles (a copy; never log it)."""
        return dict(self._api_key_roles)

    @property
    def instance_dir(self) -> Path:
        """The managed instance's folder: conf, data, logs, run, password."""
        return (self.state_dir / f"neo4j-{self.instance}").resolve()


def get_settings() -> Settings:
    """Read the settings afresh from the environment and the env file.

    The env file is ``.env`` in the working directory unless ``TWIN_ENV_FILE`` names another
    one; ``TWIN_ENV_FILE=`` (empty) reads none, which the test suite uses so that a user's
    ``.env`` can never point the tests at real data.
    """
    env_file = os.environ.get("TWIN_ENV_FILE", ".env") or None
    return Settings(_env_file=env_file)


__all__ = ["Settings", "get_settings"]
