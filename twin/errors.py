"""The twin's error types: each carries what happened, what to do, and where the log is.

The CLI prints them as one line (``error: <what>; <what to do> (log: <path>)``) and exits
non-zero, so that users see a clear message instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path


class TwinError(Exception):
    """A failure the user can act on."""

    def __init__(self, message: str, hint: str | None = None, log: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.log = log

    def one_line(self) -> str:
        """The message, the hint and the log path on one line."""
        text = self.message
        if self.hint:
            text += f"; {self.hint}"
        if self.log:
            text += f" (log: {self.log})"
        return text


class ServerError(TwinError):
    """The managed Neo4j server could not be resolved, started or reached."""


class IngestError(TwinError):
    """A source could not be read or stored."""


__all__ = ["IngestError", "ServerError", "TwinError"]
