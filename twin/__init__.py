"""Social Digital Twin: the command line and the settings shared by every package."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
