"""Extraction: language detection, entity mentions and (later) relations and the privacy filter."""

from __future__ import annotations
