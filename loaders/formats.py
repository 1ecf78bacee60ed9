"""Text out of the document formats people publish: HTML (the main content only), Word .docx
(paragraphs in order) and PDF (the text layer, with pypdf), each with a title where the format
has one.

HTML: the text of ``<main>`` or ``<article>`` when the page has one, else of ``<body>``; never
scripts, styles, navigation, headers, footers, asides, forms, or blocks whose id or class says
cookie/consent/banner/menu/nav/breadcrumb/share/social. Block elements end a line, headings and
paragraphs a paragraph. Nesting depth is not limited by recursion (the parser is a flat loop).
The title is the ``<title>`` (outside SVG), else the first ``<h1>`` outside boilerplate.

DOCX: ``word/document.xml`` read as XML; each ``w:p`` is a paragraph, ``w:tab`` a tab, ``w:br`` a
line break. The title is the first paragraph styled Title or Heading N (by the style's name in
``word/styles.xml``, else its id, also the Dutch ids ``Titel``/``KopN``). A file that is not a
valid .docx raises ``FormatError``; so does a ``document.xml`` larger than
``MAX_DOCX_XML_BYTES`` once unpacked (a zip bomb).

PDF: the text layer of each page (pypdf), pages joined by blank lines; the title is the
``/Title`` of the document information. A damaged, truncated or password-protected PDF, one
without a text layer (a scan), one with more than ``MAX_PDF_PAGES`` pages or more than
``MAX_PDF_CHARS`` characters of text raises ``FormatError``. pypdf's own warnings are silenced
while it reads: the error says what is wrong.

Titles are returned as found (whitespace collapsed), or ``None``; callers pick a fallback.
"""

from __future__ import annotations

import logging
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from io import BytesIO
from typing import NamedTuple
from xml.etree import ElementTree

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, PyPdfError

SKIPPED_TAGS = frozenset(
    "script style noscript template nav header footer aside form button select svg iframe "
    "canvas object".split()
)
BOILERPLATE = re.compile(
    r"cookie|consent|banner|gdpr|\bmenu|\bnav|breadcrumb|share|social|skip-link|newsletter-signup",
    re.IGNORECASE,
)
BLOCK_TAGS = frozenset(
    "p div section article main li ul ol table tr td th blockquote pre h1 h2 h3 h4 h5 h6 dl dt dd "
    "figure figcaption address br hr".split()
)
PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote pre table section article".split())
VOID_TAGS = frozenset("br hr img input meta link area base col embed source track wbr".split())
MAX_PDF_PAGES = 2_000
MAX_PDF_CHARS = 10_000_000
MAX_DOCX_XML_BYTES = 100_000_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TITLE_CHARS = 1_000  # what a title capture keeps at most (callers cut further)
_TITLE_STYLE = re.compile(r"title|titel|heading ?\d|kop ?\d", re.IGNORECASE)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_ERRORS = (  # what zipfile raises on a damaged archive (FormatError is a ValueError too)
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    ValueError,
    zlib.error,
)


class FormatError(ValueError):
    """The file is not what its extension says."""


class ExtractedText(NamedTuple):
    """The text of a document and its title, if the format has one (whitespace collapsed)."""

    text: str
    title: str | None


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {"main": [], "body": []}
        self.titles: dict[str, str] = {}  # "title" / "h1" → the first non-blank one
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped) of open elements
        self._skip_depth = 0
        self._main_depth = 0
        self._capturing: str | None = None  # "title" or "h1" while inside the first one
        self._captured: list[str] = []
        self._captured_chars = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            if tag in ("br", "hr"):
                self._emit("\n")
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("id", "class", "role"))
        skipped = tag in SKIPPED_TAGS or bool(marker and BOILERPLATE.search(marker))
        if (
            tag in ("title", "h1")
            and tag not in self.titles
            and self._capturing is None
            and not skipped
            and not self._skip_depth
        ):
            self._capturing, self._captured, self._captured_chars = tag, [], 0
        self._stack.append((tag, skipped))
        if skipped:
            self._skip_depth += 1
        if tag in ("main", "article") or "main" in marker.split():
            self._main_depth += 1
        if tag in BLOCK_TAGS:
            self._emit("\n\n" if tag in PARAGRAPH_TAGS else "\n")

    def handle_endtag(self, tag: str) -> None:
        # close up to the matching open tag (HTML in the wild leaves tags open)
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                for open_tag, skipped in reversed(self._stack[i:]):
                    if skipped:
                        self._skip_depth -= 1
                    if open_tag in ("main", "article"):
                        self._main_depth = max(0, self._main_depth - 1)
                    if open_tag == self._capturing:
                        self._end_capture()
                del self._stack[i:]
                break
        if tag in BLOCK_TAGS:
            self._emit("\n\n" if tag in PARAGRAPH_TAGS else "\n")

    def handle_data(self, data: str) -> None:
        if self._capturing and not self._skip_depth and self._captured_chars < _TITLE_CHARS:
            self._captured.append(data)
            self._captured_chars += len(data)
        if self._skip_depth == 0:
            if not data.strip():
                self._emit(" ")
                return
            lead = " " if data[0].isspace() else ""
            trail = " " if data[-1].isspace() else ""
            self._emit(lead + " ".join(data.split()) + trail)

    def close(self) -> None:
        super().close()
        if self._capturing is not None:
            self._end_capture()

    def _end_capture(self) -> None:
        title = _one_line("".join(self._captured))
        if title and self._capturing:
            self.titles[self._capturing] = title
        self._capturing, self._captured, self._captured_chars = None, [], 0

    def _emit(self, text: str) -> None:
        if self._skip_depth:
            return
        self.parts["body"].append(text)
        if self._main_depth:
            self.parts["main"].append(text)


def _tidy(parts: list[str]) -> str:
    text = "".join(parts)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())[:_TITLE_CHARS]


def html_content(markup: str) -> ExtractedText:
    """The readable main content of an HTML page and its ``<title>`` (else first ``<h1>``)."""
    parser = _MainText()
    parser.feed(markup)
    parser.close()
    main = _tidy(parser.parts["main"])
    text = main if main else _tidy(parser.parts["body"])
    return ExtractedText(text, parser.titles.get("title") or parser.titles.get("h1"))


def html_text(markup: str) -> str:
    """The readable main content of an HTML page (see the module docstring)."""
    return html_content(markup).text


def html_title(markup: str) -> str | None:
    """The page's ``<title>``, else its first ``<h1>``, else ``None``."""
    return html_content(markup).title


# ------------------------------------------------------------------------------------ docx


def docx_content(raw: bytes) -> ExtractedText:
    """The paragraphs of a Word .docx file (blank lines between) and the first paragraph styled
    as a title or heading."""
    if raw.startswith(_OLE_MAGIC):
        raise FormatError(
            "not a valid .docx file (an old Word .doc, or a password-protected document): "
            "save it as .docx without a password"
        )
    not_docx = "not a valid .docx file (no word/document.xml in a zip archive)"
    try:
        archive = zipfile.ZipFile(BytesIO(raw))
    except _ZIP_ERRORS as exc:
        raise FormatError(not_docx) from exc
    with archive:
        try:
            xml = _zip_member(archive, "word/document.xml")
        except KeyError as exc:
            raise FormatError(not_docx) from exc
        except FormatError:
            raise
        except _ZIP_ERRORS as exc:  # a damaged member, an unknown compression, encryption
            raise FormatError(
                f"not a valid .docx file (its zip archive is damaged: {exc})"
            ) from exc
        try:
            style_names = _style_names(
                _parse_docx_xml(_zip_member(archive, "word/styles.xml"), "word/styles.xml")
            )
        except (KeyError, *_ZIP_ERRORS):  # missing or damaged styles cost the title only
            style_names = {}
    root = _parse_docx_xml(xml, "word/document.xml")
    paragraphs: list[str] = []
    title: str | None = None
    for paragraph in root.iter(f"{_W}p"):
        pieces = []
        style = ""
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                pieces.append(node.text)
            elif node.tag == f"{_W}tab":
                pieces.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                pieces.append("\n")
            elif node.tag == f"{_W}pStyle" and not style:
                style_id = node.get(f"{_W}val", "")
                style = style_names.get(style_id, style_id)
        text = "".join(pieces).strip()
        if not text:
            continue
        paragraphs.append(text)
        if title is None and style and _TITLE_STYLE.fullmatch(style.strip()):
            title = _one_line(text) or None
    return ExtractedText("\n\n".join(paragraphs), title)


def docx_text(raw: bytes) -> str:
    """The paragraphs of a Word .docx file, one per line, blank lines between."""
    return docx_content(raw).text


def _zip_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member of the archive, refusing one that unpacks to more than MAX_DOCX_XML_BYTES."""
    with archive.open(name) as member:
        data = member.read(MAX_DOCX_XML_BYTES + 1)
    if len(data) > MAX_DOCX_XML_BYTES:
        raise FormatError(
            f"its {name} unpacks to more than {MAX_DOCX_XML_BYTES / 1e6:.0f} MB (refused)"
        )
    return data


def _parse_docx_xml(xml: bytes, name: str) -> ElementTree.Element:
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise FormatError(f"its {name} declares a DOCTYPE or entities (refused)")
    try:
        # no DOCTYPE, hence no entity expansion: the standard parser is safe here
        return ElementTree.fromstring(xml)  # noqa: S314
    except ElementTree.ParseError as exc:
        raise FormatError(f"its {name} is not well-formed XML ({exc})") from exc


def _style_names(styles: ElementTree.Element) -> dict[str, str]:
    """Style id → style name ("Kop1" → "heading 1" in a Dutch Word)."""
    names = {}
    for style in styles.iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        style_id = style.get(f"{_W}styleId")
        if style_id and name is not None and name.get(f"{_W}val"):
            names[style_id] = name.get(f"{_W}val", "")
    return names


# ------------------------------------------------------------------------------------- pdf


def pdf_content(
    raw: bytes, *, max_pages: int = MAX_PDF_PAGES, max_chars: int = MAX_PDF_CHARS
) -> ExtractedText:
    """The text layer of a PDF, page texts joined by blank lines, and its ``/Title``."""
    if b"%PDF-" not in raw[:1024]:
        raise FormatError("not a PDF (no %PDF- header at the start)")
    with _quiet_pypdf():
        try:
            return _read_pdf(raw, max_pages, max_chars)
        except FormatError:
            raise
        except DependencyError as exc:
            raise FormatError(
                f"the PDF is encrypted in a way that cannot be opened here ({exc})"
            ) from exc
        except PyPdfError as exc:
            raise FormatError(f"not a readable PDF, damaged or truncated ({exc})") from exc
        except Exception as exc:  # pypdf on hostile input raises all sorts
            raise FormatError(
                f"not a readable PDF, damaged or truncated ({type(exc).__name__}: {exc})"
            ) from exc


def pdf_text(raw: bytes, *, max_pages: int = MAX_PDF_PAGES, max_chars: int = MAX_PDF_CHARS) -> str:
    """The text layer of a PDF, page texts joined by blank lines (see the module docstring)."""
    return pdf_content(raw, max_pages=max_pages, max_chars=max_chars).text


def _read_pdf(raw: bytes, max_pages: int, max_chars: int) -> ExtractedText:
    reader = PdfReader(BytesIO(raw), strict=False)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise FormatError("the PDF is protected by a password (it does not open without one)")
    count = len(reader.pages)
    if count == 0:
        raise FormatError("the PDF has no pages")
    if count > max_pages:
        raise FormatError(f"the PDF has {count:,} pages, more than the {max_pages:,} allowed")
    texts = []
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text().replace("\x00", "").strip()
        except Exception as exc:
            raise FormatError(
                f"page {number} of the PDF cannot be read ({type(exc).__name__}: {exc})"
            ) from exc
        total += len(text)
        if total > max_chars:
            raise FormatError(f"the PDF holds more than {max_chars:,} characters of text")
        if text:
            texts.append(text)
    if not texts:
        raise FormatError("the PDF has no text layer (scanned?): run OCR on it first")
    return ExtractedText("\n\n".join(texts), _pdf_title(reader))


def _pdf_title(reader: PdfReader) -> str | None:
    try:
        metadata = reader.metadata
        title = metadata.title if metadata is not None else None
    except Exception:  # a damaged /Info dictionary costs the title, not the document
        return None
    if not title:
        return None
    return _one_line(str(title)) or None


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs (and warns about) every oddity of a damaged file; the FormatError says it."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


__all__ = [
    "MAX_DOCX_XML_BYTES",
    "MAX_PDF_CHARS",
    "MAX_PDF_PAGES",
    "ExtractedText",
    "FormatError",
    "docx_content",
    "docx_text",
    "html_content",
    "html_text",
    "html_title",
    "pdf_content",
    "pdf_text",
]
