"""Turn sources into documents or records: the bundled Heerlen reference data and text files."""

from __future__ import annotations
