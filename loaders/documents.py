"""Read text, Markdown, HTML and Word (.docx) files into ``SourceDocument``s, with clear errors
for bad input."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from loaders.formats import FormatError, docx_text, html_text
from twin.errors import IngestError

PLAIN_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
DOCX_SUFFIXES = frozenset({".docx"})
TEXT_SUFFIXES = PLAIN_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES
MEDIA_TYPES = {
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class SourceDocument:
    """A document as read from its source, before extraction."""

    id: str
    source_uri: str
    media_type: str
    text: str
    sha256: str


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """The files to ingest: given files as they are, directories recursively (text files only)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
        else:
            yield path


def read(path: Path) -> SourceDocument:
    """Read one file; raise IngestError saying what is wrong with it."""
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise IngestError(
            f"{path}: unsupported file type {path.suffix or '(none)'}",
            f"supported: {', '.join(sorted(TEXT_SUFFIXES))}",
        )
    size = path.stat().st_size
    if size == 0:
        raise IngestError(f"{path}: the file is empty")
    if size > MAX_BYTES:
        raise IngestError(f"{path}: {size / 1e6:.0f} MB is larger than {MAX_BYTES / 1e6:.0f} MB")
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        try:
            text = docx_text(raw)
        except FormatError as exc:
            raise IngestError(f"{path}: {exc}") from None
    else:
        text = _decode(path, raw)
        if suffix in HTML_SUFFIXES:
            text = html_text(text)
    if not text.strip():
        what = "only whitespace" if suffix in PLAIN_SUFFIXES else "no readable text"
        raise IngestError(f"{path}: the file holds {what}")
    digest = hashlib.sha256(raw).hexdigest()
    media = MEDIA_TYPES.get(suffix, "text/plain")
    return SourceDocument(
        id=f"doc:{digest}",
        source_uri=path.resolve().as_uri(),
        media_type=media,
        text=text,
        sha256=digest,
    )


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise IngestError(f"{path}: looks binary (NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        if _is_cp1252(raw):
            return raw.decode("cp1252")
        raise IngestError(f"{path}: neither UTF-8 nor Windows-1252 text") from None


def _is_cp1252(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


__all__ = ["MAX_BYTES", "TEXT_SUFFIXES", "SourceDocument", "discover", "read"]
