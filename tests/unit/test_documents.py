"""Reading files: ids are content hashes, bad input gets a clear IngestError."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from loaders.documents import discover, read
from twin.errors import IngestError


def test_id_is_the_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Overleg\nIn Heerlen.", encoding="utf-8")
    doc = read(path)
    assert doc.id == "doc:" + hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.media_type == "text/markdown"
    assert doc.source_uri == path.resolve().as_uri()


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes("Café in Hoensbroek – overleg".encode("cp1252"))
    assert read(path).text == "Café in Hoensbroek – overleg"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\n", "only whitespace"),
        ("junk.txt", b"\x00\x01\x02binary", "binary"),
        ("report.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_bad_files_raise_a_clear_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message) as info:
        read(path)
    assert name in info.value.one_line()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read(tmp_path / "absent.txt")


def test_discover_walks_directories_for_text_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.md", "sub/b.txt", "sub/c.png"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.md", "sub/b.txt"]
