"""Find and read text, Markdown, HTML, Word (.docx) and PDF files into ``SourceDocument``s, with a
clear ``IngestError`` for every kind of bad input.

``discover`` walks directories for the supported files (also the structured ``.csv``, ``.xlsx``
and ``.geojson`` files, which the ingest reads through a mapping loader, not ``read``); hidden
files and directories and editor temp files are skipped, ``include``/``exclude`` glob patterns
filter; files named explicitly are always yielded, so that ``read`` reports what is wrong.

``read`` checks before it reads (a missing, unreadable, special, empty or too large file is
refused from its ``stat``, without reading), reads at most ``max_bytes``, and turns every
operating-system error and format error into ``IngestError``.

Text encodings (``.txt``, ``.md``, ``.html``): a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
else UTF-8 when the bytes are valid UTF-8; else Windows-1252 when that reads as Western-European
text (the legacy encoding of Dutch files); else the best sensible guess of charset_normalizer;
else an error. UTF-16 without a byte-order mark is recognised by its NUL bytes (ASCII-range text
has one in every pair); other NUL bytes, control characters and the signatures of common binary
formats mean "looks binary, not text". ``SourceDocument.encoding`` records the encoding used
("n/a" for .docx and .pdf, which carry no text encoding of their own).

Titles: the HTML ``<title>`` (else first ``<h1>``), the Markdown first ``# heading``, the PDF
``/Title``, the first .docx paragraph styled Title or Heading; else the first line with a letter
or digit; whitespace collapsed, at most ``TITLE_CHARS`` characters. The title is not redacted
here: whoever stores it must put it through the privacy filter.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from charset_normalizer import from_bytes

from loaders.formats import ExtractedText, FormatError, docx_content, html_content, pdf_content
from twin.errors import IngestError

PLAIN_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
DOCX_SUFFIXES = frozenset({".docx"})
PDF_SUFFIXES = frozenset({".pdf"})
TEXT_SUFFIXES = PLAIN_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES | PDF_SUFFIXES
STRUCTURED_SUFFIXES = frozenset({".csv", ".xlsx", ".geojson"})
MEDIA_TYPES = {
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}
MAX_BYTES = 20_000_000
TITLE_CHARS = 200
NO_ENCODING = "n/a"  # SourceDocument.encoding of .docx and .pdf
MAX_CHAOS = 0.1  # charset_normalizer's "mess" of a guess we still accept (0 clean … 1 noise)

_BOMS = (  # UTF-32 LE first: it begins with the UTF-16 LE mark
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF: name it .pdf"),
    (b"PK\x03\x04", "a zip archive, e.g. a .docx or .xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file, e.g. a .doc or .xls"),
    (b"\x7fELF", "a program"),
    (b"\x1f\x8b", "gzip-compressed"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)
_SAMPLE_BYTES = 8192  # what the binary checks look at
_GUESS_BYTES = 262_144  # what charset_normalizer looks at
# control characters that do not occur in text (tab, newlines, form feed, ESC, Ctrl-Z do)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x19\x1c-\x1f\x7f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_WHITESPACE = re.compile(r"\s")
# between two letters in real Windows-1252 text: apostrophes, acute, middle dot, soft hyphen, dashes
_MIDWORD_OK = frozenset("\u2019\u2018\u00b4\u00b7\u00ad\u2013\u2014")
_ODD_ANYWHERE = frozenset("\u00a4ðþÐÞ")
_CHECK_CHARS = 1_000_000  # what the wrong-encoding checks look at
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
# the name to record when several encodings give the same text (charset_normalizer's spelling)
_USUAL_ENCODINGS = (
    "cp1252",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1257",
    "mac_roman",
    "cp850",
    "cp437",
    "shift_jis",
    "cp932",
    "euc_jp",
    "gb2312",
    "gbk",
    "gb18030",
    "big5",
    "euc_kr",
)
_MARKDOWN_H1 = re.compile(r" {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")
_SETEXT_H1 = re.compile(r" {0,3}=+[ \t]*")
_FENCE = re.compile(r" {0,3}(?:```|~~~)")


@dataclass(frozen=True)
class SourceDocument:
    """A document as read from its source, before extraction."""

    id: str
    source_uri: str
    media_type: str
    text: str
    sha256: str
    title: str | None = None
    encoding: str = "utf-8"  # the text encoding read ("n/a" for .docx and .pdf)


# ------------------------------------------------------------------------------- discover


def discover(
    paths: Iterable[Path], include: Iterable[str] = (), exclude: Iterable[str] = ()
) -> Iterator[Path]:
    """The files to ingest, each once, in a fixed order.

    A directory is walked recursively for the supported files (``TEXT_SUFFIXES`` and
    ``STRUCTURED_SUFFIXES``), in sorted order of their path below it; hidden files and
    directories (``.name``) and editor temp files (``~$name``, ``name~``, ``#name#``) are
    skipped, and so are symbolic links to directories. ``include`` and ``exclude`` are glob
    patterns (``*`` also matches ``/``; case-insensitive) matched against the path relative to
    the walked directory and against the file name; ``exclude`` also prunes the directories it
    matches and wins over ``include``. A file named in ``paths`` is yielded as it is, whatever
    its type and the patterns (``read`` says what is wrong with it); so is a directory that
    cannot be listed. Paths come in the order given, a directory's files sorted.
    """
    includes = _patterns(include)
    excludes = _patterns(exclude)
    seen: set[Path] = set()
    for path in paths:
        found = _walk(path, includes, excludes) if _is_dir(path) else [path]
        for file in found:
            key = _identity(file)
            if key not in seen:
                seen.add(key)
                yield file


def _patterns(patterns: Iterable[str]) -> tuple[str, ...]:
    if isinstance(patterns, str):  # one pattern, not its characters
        patterns = (patterns,)
    cleaned = (p.strip().replace("\\", "/").lower() for p in patterns)
    return tuple(p.removeprefix("./") for p in cleaned if p)


def _walk(root: Path, includes: tuple[str, ...], excludes: tuple[str, ...]) -> list[Path]:
    found: list[tuple[str, Path]] = []

    def unlistable(error: OSError) -> None:  # let read() say why
        if error.filename:
            where = Path(os.fsdecode(error.filename))
            found.append((_relative(where, root), where))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlistable):
        here = Path(dirpath)
        below = PurePosixPath(_relative(here, root))
        dirnames[:] = [
            name
            for name in dirnames
            if not _hidden_or_temp(name) and not _matches((below / name).as_posix(), name, excludes)
        ]
        for name in filenames:
            if _hidden_or_temp(name):
                continue
            if Path(name).suffix.lower() not in TEXT_SUFFIXES | STRUCTURED_SUFFIXES:
                continue
            relative = (below / name).as_posix()
            if _matches(relative, name, excludes):
                continue
            if includes and not _matches(relative, name, includes):
                continue
            found.append((relative, here / name))
    return [path for _, path in sorted(found)]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _hidden_or_temp(name: str) -> bool:
    return (
        name.startswith((".", "~$"))
        or name.endswith("~")
        or (len(name) > 1 and name.startswith("#") and name.endswith("#"))
    )


def _matches(relative: str, name: str, patterns: tuple[str, ...]) -> bool:
    relative, name = relative.lower(), name.lower()
    return any(fnmatchcase(relative, p) or fnmatchcase(name, p) for p in patterns)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


# ----------------------------------------------------------------------------------- read


def read(path: Path, max_bytes: int = MAX_BYTES) -> SourceDocument:
    """Read one file; raise IngestError saying what is wrong with it (never anything else for
    bad input)."""
    size = _check_before_reading(path, max_bytes)
    raw = _read_bytes(path, size, max_bytes)
    suffix = path.suffix.lower()
    encoding = NO_ENCODING
    try:
        if suffix in DOCX_SUFFIXES:
            content = docx_content(raw)
        elif suffix in PDF_SUFFIXES:
            content = pdf_content(raw)
        else:
            text, encoding = _decode(path, raw)
            if suffix in HTML_SUFFIXES:
                content = html_content(text)
            elif suffix in MARKDOWN_SUFFIXES:
                content = ExtractedText(text, _markdown_title(text))
            else:
                content = ExtractedText(text, None)
    except FormatError as exc:
        raise IngestError(f"{path}: {exc}") from None
    except (ValueError, LookupError, RecursionError) as exc:  # a parser tripped on hostile input
        raise IngestError(
            f"{path}: cannot be read as {suffix} ({type(exc).__name__}: {exc})"
        ) from None
    text = content.text
    if not text.strip():
        what = "only whitespace" if suffix in PLAIN_SUFFIXES else "no readable text"
        raise IngestError(f"{path}: the file holds {what}")
    first_line = _first_line(text, markdown=suffix in MARKDOWN_SUFFIXES)
    digest = hashlib.sha256(raw).hexdigest()
    return SourceDocument(
        id=f"doc:{digest}",
        source_uri=path.resolve().as_uri(),
        media_type=MEDIA_TYPES.get(suffix, "text/plain"),
        text=text,
        sha256=digest,
        title=_title(content.title) or _title(first_line),
        encoding=encoding,
    )


def _check_before_reading(path: Path, max_bytes: int) -> int:
    """The file's size, once its stat shows a regular, supported, non-empty, small file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if _is_symlink(path):
            raise IngestError(f"{path}: a broken symbolic link (no file at its target)") from None
        raise IngestError(f"{path}: no such file") from None
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({_reason(exc)})") from None
    if stat.S_ISDIR(info.st_mode):
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            raise IngestError(
                f"{path}: a directory that cannot be listed ({_reason(exc)})"
            ) from None
        raise IngestError(f"{path}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(f"{path}: not a regular file (a device, pipe or socket)")
    suffix = path.suffix.lower()
    if suffix in STRUCTURED_SUFFIXES:
        raise IngestError(
            f"{path}: a structured data file ({suffix}), not a document",
            "it is read through a mapping loader, not as a document",
        )
    if suffix not in TEXT_SUFFIXES:
        raise IngestError(
            f"{path}: unsupported file type {path.suffix or '(none)'}",
            f"supported: {', '.join(sorted(TEXT_SUFFIXES))}",
        )
    if info.st_size == 0:
        raise IngestError(f"{path}: the file is empty")
    if info.st_size > max_bytes:
        raise IngestError(
            f"{path}: {_size(info.st_size)} is larger than the {_size(max_bytes)} allowed"
        )
    return info.st_size


def _read_bytes(path: Path, size: int, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes: a file that grew after its stat is still refused."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise IngestError(
            f"{path}: disappeared before it could be read (moved or deleted)"
        ) from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise IngestError(
            f"{path}: cannot be read (permission denied)", "check the file's permissions"
        ) from None
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({_reason(exc)})") from None
    if len(raw) > max_bytes:
        raise IngestError(
            f"{path}: grew while it was read, to more than the {_size(max_bytes)} allowed"
        )
    if not raw:
        raise IngestError(f"{path}: the file is empty (emptied after {size:,} bytes were seen)")
    return raw


def _is_symlink(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:
        return False


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _size(count: int) -> str:
    return f"{count / 1e6:,.1f} MB" if count >= 100_000 else f"{count:,} bytes"


# --------------------------------------------------------------------------------- decode


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    """The text and the name of its encoding; IngestError when it is not text or cannot be
    told (see the module docstring)."""
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                raise IngestError(
                    f"{path}: starts with a {name} byte-order mark but is not valid {name} text"
                ) from None
            label = "utf-8" if codec == "utf-8-sig" else codec
            return _checked(path, text), label
    sample = raw[:_SAMPLE_BYTES]
    for signature, kind in _SIGNATURES:
        if sample.startswith(signature):
            raise IngestError(f"{path}: looks binary, not text ({kind})")
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(raw)
        if utf16 is None:
            raise IngestError(f"{path}: looks binary, not text (NUL bytes)")
        return _checked(path, utf16[0]), utf16[1]
    if len(_CONTROL_BYTES.findall(sample)) > max(2, len(sample) // 100):
        raise IngestError(f"{path}: looks binary, not text (control characters)")
    try:
        return _checked(path, raw.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        western: str | None = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_as_western(western):
        return _checked(path, western), "cp1252"
    if not _C1_BYTES.search(raw):  # Windows-1252 would have read those: not ISO-8859-15 then
        latin9 = raw.decode("iso8859-15")  # every byte is a character
        if _reads_as_western(latin9):
            return _checked(path, latin9), "iso8859-15"
    guess = _guess(raw, rejected=western)
    if guess is not None:
        return _checked(path, guess[0]), guess[1]
    raise IngestError(
        f"{path}: cannot tell the text encoding (not UTF-8, not Western-European Windows-1252, "
        "no confident guess)",
        "save it as UTF-8",
    )


def _checked(path: Path, text: str) -> str:
    if len(_CONTROL_CHARS.findall(text)) > max(2, len(text) // 100) or "\x00" in text:
        raise IngestError(f"{path}: looks binary, not text (control characters)")
    return text


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark: its ASCII-range characters put a NUL byte in
    every other position (odd ones little-endian, even ones big-endian), never in the others."""
    if len(raw) % 2:
        return None
    sample = raw[:_SAMPLE_BYTES]
    pairs = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.3 * pairs and even <= 0.02 * pairs:
        codec = "utf-16-le"
    elif even >= 0.3 * pairs and odd <= 0.02 * pairs:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or len(_CONTROL_CHARS.findall(text)) > max(2, len(text) // 100):
        return None
    # the NUL bytes were ASCII characters' high bytes: most of the text must then be ASCII
    # (b"\x00\xff\x00 binary" has NULs in even places but decodes to CJK — junk)
    if sum(1 for ch in text if ch < "\x80") < 0.6 * len(text):
        return None
    return text, codec


def _reads_as_western(text: str) -> bool:
    """Whether Windows-1252 gave Western-European text, not the look of another encoding: few
    accented letters among the letters (Cyrillic, Greek or CJK bytes make nearly all of them
    accented), mostly ASCII, and no odd characters (see ``_odd_characters``)."""
    sample = text[:_CHECK_CHARS]
    non_ascii = [found.group() for found in _NON_ASCII.finditer(sample)]
    accented = sum(1 for char in non_ascii if char.isalpha())
    letters = len(_ASCII_LETTER.findall(sample)) + accented
    visible = len(sample) - len(_WHITESPACE.findall(sample))
    return (
        accented <= 0.25 * letters
        and len(non_ascii) <= max(3, 0.3 * visible)
        and _odd_characters(sample) == 0
    )


def _odd_characters(text: str) -> int:
    """How many characters look like text read in the wrong encoding: a symbol inside a Latin
    word (Central-European ą ł ż as Windows-1252 become ¹ ³ ¿, DOS ë becomes ‰), an accented
    capital right after a small letter (Mac é becomes Ž), and characters that hardly occur in
    Western text (¤ for an ISO-8859-15 €, ð þ for Turkish ğ ş, spacing modifier letters)."""
    odd = 0
    last = len(text) - 1
    for found in _NON_ASCII.finditer(text):
        char, at = found.group(), found.start()
        before = text[at - 1] if at > 0 else " "
        after = text[at + 1] if at < last else " "
        if char in _ODD_ANYWHERE or "\u02b0" <= char <= "\u02ff":
            odd += 1
        elif char.isalpha():
            odd += char.isupper() and before.islower() and _is_latin(before)
        elif char not in _MIDWORD_OK and _is_latin(before) and _is_latin(after):
            odd += 1
    return odd


def _is_latin(char: str) -> bool:
    return char < "\u0250" and char.isalpha()


def _guess(raw: bytes, rejected: str | None) -> tuple[str, str] | None:
    """charset_normalizer's best sensible guess: little chaos, decodes the whole file, no odd
    characters, not a UTF-16/32 guess without a byte-order mark, not the Windows-1252 reading
    already ``rejected``."""
    sample = raw[:_GUESS_BYTES]
    if len(raw) > _GUESS_BYTES and b"\n" in sample:  # cut at a line end, not inside a character
        sample = sample[: sample.rindex(b"\n") + 1]
    for match in from_bytes(sample):
        if match.chaos > MAX_CHAOS:
            continue
        try:
            name = codecs.lookup(match.encoding).name
            text = raw.decode(match.encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        if name.startswith(("utf-16", "utf-32", "utf-7")) or text == rejected:
            continue
        if _odd_characters(text[:_CHECK_CHARS]):
            continue
        preferred = [e for e in _USUAL_ENCODINGS if e in match.could_be_from_charset]
        return text, codecs.lookup(preferred[0]).name if preferred else name
    return None


# --------------------------------------------------------------------------------- titles


def _markdown_title(text: str) -> str | None:
    """The first level-1 heading (``# Title`` or ``Title`` underlined with ``=``), outside code
    blocks."""
    lines = text.splitlines()
    in_code = False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        heading = _MARKDOWN_H1.fullmatch(line)
        if heading and heading.group(1).strip():
            return heading.group(1)
        following = lines[number + 1] if number + 1 < len(lines) else ""
        indented = line.startswith(("    ", "\t"))
        if line.strip() and not indented and _SETEXT_H1.fullmatch(following):
            return line
    return None


def _first_line(text: str, *, markdown: bool = False) -> str | None:
    """The first line with a letter or a digit (Markdown: without its leading # > - * marks)."""
    for line in text.splitlines():
        if any(char.isalnum() for char in line):
            return re.sub(r"^[\s#>*+-]+", "", line) if markdown else line
    return None


def _title(title: str | None) -> str | None:
    if not title:
        return None
    return " ".join(title.split())[:TITLE_CHARS].rstrip() or None


def from_text(text: str, source_uri: str, title: str | None = None) -> SourceDocument:
    """A document given as text (e.g. sent to the API): its id is the hash of its UTF-8 bytes,
    as if it had been read from a UTF-8 file."""
    if not text.strip():
        raise IngestError(f"{source_uri}: the text is empty")
    raw = text.encode("utf-8")
    digest = hashlib.sha256(raw).hexdigest()
    first = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return SourceDocument(
        id=f"doc:{digest}",
        source_uri=source_uri,
        media_type="text/plain",
        text=text,
        sha256=digest,
        title=title or (first[:TITLE_CHARS] if first else None),
        encoding="utf-8",
    )


__all__ = [
    "from_text",
    "MAX_BYTES",
    "MEDIA_TYPES",
    "STRUCTURED_SUFFIXES",
    "TEXT_SUFFIXES",
    "TITLE_CHARS",
    "SourceDocument",
    "discover",
    "read",
]
