"""Configuration from the environment and an optional ``.env`` file, in one typed place.

Without ``NEO4J_URI`` the twin uses its managed local Neo4j server; ``TWIN_INSTANCE=test``
selects a second managed server with its own ports and data folder, which the test suite uses
so that it never touches the data of ``make run``.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_DEFAULT_PORTS = {"default": (7687, 7474), "test": (17687, 17474)}


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
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

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

    @property
    def managed(self) -> bool:
        """True when the twin talks to its own managed server (no ``NEO4J_URI``)."""
        return not self.neo4j_uri

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
