"""The GraphQL API (strawberry) over the twin, its ASGI app and the dashboard page."""

from __future__ import annotations
