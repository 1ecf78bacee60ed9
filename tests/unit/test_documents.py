"""Reading files: ids are content hashes, encodings are detected and recorded, titles found,
bad input gets a clear IngestError (never another exception); discovering files in
directories."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import random
import re
from pathlib import Path
from typing import Any

import pytest

from loaders.documents import (
    MAX_BYTES,
    STRUCTURED_SUFFIXES,
    SourceDocument,
    discover,
    read,
)
from twin.errors import IngestError

DUTCH = (
    "Op dinsdag kwamen de bewoners van Heerlerheide bijeen in het buurthuis. De coördinator "
    "legde uit hoe de financiële steun werkt. Een café-eigenaar vroeg naar de ruïne; er werden "
    "ideeën verzameld en de gemeente reageert binnen één maand.\n"
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


_HIGH_BYTES = random.Random(3).randbytes(6000).translate(bytes(range(128, 256)) * 2)[:3000]


def test_id_is_the_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Overleg\nIn Heerlen.", encoding="utf-8")
    doc = read(path)
    assert doc.id == "doc:" + hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.sha256 == doc.id.removeprefix("doc:")
    assert doc.media_type == "text/markdown"
    assert doc.source_uri == path.resolve().as_uri()
    assert (doc.title, doc.encoding) == ("Overleg", "utf-8")


def test_source_document_keeps_its_positional_fields() -> None:
    doc = SourceDocument("doc:x", "file:///x.txt", "text/plain", "tekst", "x")
    assert (doc.title, doc.encoding) == (None, "utf-8")


# ---------------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("raw", "text", "encoding"),
    [
        ("Café in Hoensbroek – overleg".encode("cp1252"), "Café in Hoensbroek – overleg", "cp1252"),
        (DUTCH.encode("latin-1"), DUTCH, "cp1252"),  # ISO-8859-1 reads the same
        ("“Zo’n plan” kost € 1.200".encode("cp1252"), "“Zo’n plan” kost € 1.200", "cp1252"),
        (DUTCH.replace("maand", "maand (€ 5)").encode("iso8859-15"), None, "iso8859-15"),
        (codecs.BOM_UTF8 + DUTCH.encode(), DUTCH, "utf-8"),  # the mark is not part of the text
        (DUTCH.encode("utf-16"), DUTCH, "utf-16"),
        (codecs.BOM_UTF16_BE + DUTCH.encode("utf-16-be"), DUTCH, "utf-16"),
        (DUTCH.encode("utf-32"), DUTCH, "utf-32"),
        # UTF-16 without a byte-order mark: told by where its NUL bytes are
        (DUTCH.encode("utf-16-le"), DUTCH, "utf-16-le"),
        (DUTCH.encode("utf-16-be"), DUTCH, "utf-16-be"),
        # other legacy encodings: charset_normalizer's guess, when it reads cleanly
        (
            "これはヘールレンの近所についての日本語のテキストです。".encode("shift_jis"),
            "これはヘールレンの近所についての日本語のテキストです。",
            "shift_jis",
        ),
        (
            "Mieszkańcy dzielnicy spotkali się we wtorek. Zgłoszono pomysły dotyczące placu "
            "zabaw, oświetlenia i bezpieczeństwa.".encode("cp1250"),
            None,
            "cp1250",
        ),
        ("Привет, это текст о районе Херлен и его жителях.".encode("cp1251"), None, "cp1251"),
    ],
)
def test_the_text_encoding_is_detected_and_recorded(
    tmp_path: Path, raw: bytes, text: str | None, encoding: str
) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(raw)
    doc = read(path)
    assert doc.encoding == encoding
    assert doc.text == (text if text is not None else raw.decode(encoding))
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()  # of the bytes, whatever the encoding


def test_html_in_a_legacy_encoding(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(f"<title>Ideeën</title><main><p>{DUTCH}</p></main>".encode("cp1252"))
    doc = read(path)
    assert (doc.title, doc.encoding, doc.text) == ("Ideeën", "cp1252", DUTCH.strip())


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (random.Random(1).randbytes(5000), r"looks binary, not text \(NUL bytes\)"),
        (
            random.Random(2).randbytes(5000).replace(b"\x00", b"x"),
            r"looks binary, not text \(control characters\)",
        ),
        (PNG, r"looks binary, not text \(a PNG image\)"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(200), r"looks binary, not text \(a program\)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", r"looks binary, not text \(a PDF: name it .pdf"),
        (b"PK\x03\x04\x14\x00\x06\x00", r"looks binary, not text \(a zip archive"),
        (b"\x00\x01\x02binary", "looks binary"),
        ("UTF-32 zonder markering".encode("utf-32-le"), r"looks binary, not text \(NUL bytes\)"),
        (b"tekst\x00met een NUL" * 10, "NUL bytes"),
        (codecs.BOM_UTF16_LE + "oneven".encode("utf-16-le") + b"!", "not valid UTF-16 text"),
        (codecs.BOM_UTF16_LE + b"\x01\x00" * 20, r"looks binary, not text \(control characters\)"),
        (_HIGH_BYTES, r"cannot tell the text encoding"),
    ],
)
def test_binary_or_undecidable_bytes_are_refused(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(raw)
    with pytest.raises(IngestError, match=message) as info:
        read(path)
    assert "junk.txt" in info.value.one_line()
    if "encoding" in message:
        assert info.value.hint == "save it as UTF-8"


# ------------------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("name", "content", "title"),
    [
        ("a.txt", "\n\n   \n  Verslag   wijkoverleg  \nTekst.", "Verslag wijkoverleg"),
        ("b.txt", "---\n" + "Lang " * 100, ("Lang " * 40).strip()),  # cut to 200 characters
        ("c.md", "Datum: maart\n\n# Wijkplan *Passart* #\n\n## Doel\n", "Wijkplan *Passart*"),
        ("d.md", "```\n# geen kop\n```\n\nVeiligheid\n==========\n", "Veiligheid"),
        ("e.md", "## Alleen een subkop\n\ntekst", "Alleen een subkop"),
        ("f.md", "#hashtag is geen kop\n", "hashtag is geen kop"),
        ("g.html", "<title>Buurt | Heerlen</title><h1>Kop</h1>", "Buurt | Heerlen"),
    ],
)
def test_title(tmp_path: Path, name: str, content: str, title: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert read(path).title == title


# --------------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b" \n\t\n", "only whitespace"),
        ("blank16.txt", "  \n ".encode("utf-16"), "only whitespace"),
        ("junk.txt", b"\x00\x01\x02binary", "binary"),
        ("report.odt", b"PK\x03\x04", r"unsupported file type \.odt; supported: \.docx, \.htm"),
        ("README", b"tekst", r"unsupported file type \(none\)"),
        ("report.pdf", b"%PDF-1.4", "not a readable PDF"),
        ("random.pdf", random.Random(9).randbytes(2000), r"not a PDF \(no %PDF- header"),
        ("blank.docx", b"", "the file is empty"),
        ("data.csv", b"a,b\n1,2\n", "structured data file .*mapping loader"),
        ("areas.geojson", b"{}", "mapping loader"),
    ],
)
def test_bad_files_raise_a_clear_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as info:
        read(path)
    assert re.search(message, info.value.one_line())
    assert name in info.value.one_line()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read(tmp_path / "absent.txt")


def test_a_file_removed_after_discover(tmp_path: Path) -> None:
    path = tmp_path / "weg.txt"
    path.write_text("tekst", encoding="utf-8")
    (found,) = discover([tmp_path])
    path.unlink()
    with pytest.raises(IngestError, match="weg.txt: no such file"):
        read(found)


def test_broken_symlink_directory_and_fifo(tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(IngestError, match="link.txt: a broken symbolic link"):
        read(tmp_path / "link.txt")
    (tmp_path / "map.txt").mkdir()
    with pytest.raises(IngestError, match="map.txt: is a directory, not a file"):
        read(tmp_path / "map.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(IngestError, match="pipe.txt: not a regular file"):
        read(tmp_path / "pipe.txt")  # refused from its stat: reading would block


def _forbid_open(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", fail)
    monkeypatch.setattr(Path, "read_bytes", fail)


def test_a_huge_file_is_refused_from_its_size_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100_000_000)  # sparse: no disk space, no bytes to read
    _forbid_open(monkeypatch)
    with pytest.raises(IngestError, match=r"huge.txt: 100.0 MB is larger than the 20.0 MB"):
        read(path)
    assert MAX_BYTES == 20_000_000


def test_max_bytes_is_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("twaalf bytes", encoding="utf-8")
    with pytest.raises(IngestError, match="12 bytes is larger than the 11 bytes allowed"):
        read(path, max_bytes=11)
    assert read(path, max_bytes=12).text == "twaalf bytes"


def _on_open(monkeypatch: pytest.MonkeyPatch, before: Any) -> None:
    """Run ``before(path)`` when read() opens a file: a race between its stat and its read."""
    original = Path.open

    def patched(self: Path, *args: Any, **kwargs: Any) -> Any:
        before(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", patched)


def test_a_file_that_disappears_between_stat_and_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "vluchtig.txt"
    path.write_text("tekst", encoding="utf-8")
    _on_open(monkeypatch, Path.unlink)
    with pytest.raises(IngestError, match="vluchtig.txt: disappeared before it could be read"):
        read(path)


def test_a_file_that_grows_or_empties_between_stat_and_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "groeit.txt"
    path.write_text("tekst", encoding="utf-8")
    _on_open(monkeypatch, lambda p: os.truncate(p, 50))
    with pytest.raises(IngestError, match="grew while it was read, to more than the 10 bytes"):
        read(path, max_bytes=10)
    monkeypatch.undo()
    path.write_text("tekst", encoding="utf-8")
    _on_open(monkeypatch, lambda p: os.truncate(p, 0))
    with pytest.raises(IngestError, match="groeit.txt: the file is empty"):
        read(path)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), r"cannot be read \(permission denied"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "is a directory, not a file"),
        (OSError(errno.EIO, "Input/output error"), r"cannot be read \(Input/output error\)"),
    ],
)
def test_os_errors_on_read_are_ingest_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, message: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("tekst", encoding="utf-8")

    def fail(_: Path) -> None:
        raise error

    _on_open(monkeypatch, fail)
    with pytest.raises(IngestError, match=f"a.txt: {message}"):
        read(path)


def test_a_stat_error_is_an_ingest_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(IngestError, match=r"a.txt/b.txt: cannot be read \(Not a directory\)"):
        read(tmp_path / "a.txt" / "b.txt")


# ------------------------------------------------------------------------------------ discover


def _tree(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def _found(root: Path, **kwargs: Any) -> list[str]:
    return [p.relative_to(root).as_posix() for p in discover([root], **kwargs)]


def test_discover_walks_directories_for_supported_files(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        "a.md",
        "sub/b.txt",
        "sub/c.png",
        "sub/deep/D.PDF",
        "data/wijken.csv",
        "data/kaart.geojson",
        "data/cijfers.xlsx",
        "B.htm",
        "page.html",
        "note.docx",
        "notes.markdown",
        "noext",
    )
    assert _found(tmp_path) == [
        "B.htm",
        "a.md",
        "data/cijfers.xlsx",
        "data/kaart.geojson",
        "data/wijken.csv",
        "note.docx",
        "notes.markdown",
        "page.html",
        "sub/b.txt",
        "sub/deep/D.PDF",
    ]
    assert {".csv", ".xlsx", ".geojson"} == STRUCTURED_SUFFIXES


def test_discover_skips_hidden_and_temporary_files(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        "keep.txt",
        ".hidden.txt",
        ".git/config.txt",
        "sub/.cache/x.md",
        "~$rapport.docx",
        "rapport.docx~",
        "#notities.md#",
        "sub/keep.md",
    )
    assert _found(tmp_path) == ["keep.txt", "sub/keep.md"]
    # a hidden directory named explicitly is walked (only what is below it is checked)
    assert _found(tmp_path / ".git") == ["config.txt"]


def test_discover_include_and_exclude(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        "plan.pdf",
        "verslag.txt",
        "archive/oud.pdf",
        "archive/2019/ouder.pdf",
        "wijk/archive/niet-top.pdf",
        "wijk/notulen.txt",
        "wijk/BRIEF.PDF",
    )
    assert _found(tmp_path, include=["*.pdf"]) == [
        "archive/2019/ouder.pdf",
        "archive/oud.pdf",
        "plan.pdf",
        "wijk/BRIEF.PDF",  # patterns ignore case
        "wijk/archive/niet-top.pdf",
    ]
    assert _found(tmp_path, include=["*.pdf"], exclude=["archive/**"]) == [
        "plan.pdf",
        "wijk/BRIEF.PDF",
        "wijk/archive/niet-top.pdf",  # relative to the walked directory
    ]
    assert _found(tmp_path, exclude=["archive"]) == [  # a directory name prunes it anywhere
        "plan.pdf",
        "verslag.txt",
        "wijk/BRIEF.PDF",
        "wijk/notulen.txt",
    ]
    assert _found(tmp_path, include=["wijk/*"], exclude=["*.txt", "*/archive/*"]) == [
        "wijk/BRIEF.PDF"
    ]
    assert _found(tmp_path, include=["verslag.txt"], exclude=["verslag.*"]) == []  # exclude wins
    assert _found(tmp_path, exclude=["./archive/**", "wijk\\*"]) == ["plan.pdf", "verslag.txt"]
    assert _found(tmp_path, include="*.txt") == ["verslag.txt", "wijk/notulen.txt"]  # one pattern


def test_discover_yields_each_file_once_in_a_fixed_order(tmp_path: Path) -> None:
    _tree(tmp_path, "b.txt", "a.txt", "sub/c.txt")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)  # not followed
    found = list(
        discover([tmp_path / "sub", tmp_path, tmp_path / "a.txt", tmp_path / "sub" / "c.txt"])
    )
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["sub/c.txt", "a.txt", "b.txt"]
    assert found == list(discover([tmp_path / "sub", tmp_path]))


def test_files_named_explicitly_are_always_yielded(tmp_path: Path) -> None:
    _tree(tmp_path, "foto.png", ".verborgen.txt", "oud.pdf", "~$tmp.docx")
    named = [
        tmp_path / "foto.png",
        tmp_path / ".verborgen.txt",
        tmp_path / "oud.pdf",
        tmp_path / "~$tmp.docx",
        tmp_path / "ontbreekt.txt",
    ]
    assert list(discover(named, include=["*.txt"], exclude=["*.pdf"])) == named
    with pytest.raises(IngestError, match="foto.png: unsupported file type .png"):
        read(named[0])
    with pytest.raises(IngestError, match="ontbreekt.txt: no such file"):
        read(named[-1])


def test_a_directory_that_cannot_be_listed_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, "a.txt", "geheim/b.txt")
    locked = tmp_path / "geheim"
    original = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return original(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert _found(tmp_path) == ["a.txt", "geheim"]
    with pytest.raises(IngestError, match=r"geheim: a directory that cannot be listed \(Perm"):
        read(locked)
