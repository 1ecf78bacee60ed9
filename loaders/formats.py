"""Text out of the document formats people publish: HTML (the main content only) and Word .docx
(paragraphs in order), with the standard library only.

HTML: the text of ``<main>`` or ``<article>`` when the page has one, else of ``<body>``; never
scripts, styles, navigation, headers, footers, asides, forms, or blocks whose id or class says
cookie/consent/banner/menu/nav/breadcrumb/share/social. Block elements end a line, headings and
paragraphs a paragraph. Nesting depth is not limited by recursion (the parser is a flat loop).

DOCX: ``word/document.xml`` read as XML; each ``w:p`` is a paragraph, ``w:tab`` a tab, ``w:br`` a
line break. A file that is not a valid .docx raises ``FormatError``.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from io import BytesIO
from xml.etree import ElementTree

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
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class FormatError(ValueError):
    """The file is not what its extension says."""


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {"main": [], "body": []}
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped) of open elements
        self._skip_depth = 0
        self._main_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            if tag in ("br", "hr"):
                self._emit("\n")
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("id", "class", "role"))
        skipped = tag in SKIPPED_TAGS or bool(marker and BOILERPLATE.search(marker))
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
                del self._stack[i:]
                break
        if tag in BLOCK_TAGS:
            self._emit("\n\n" if tag in PARAGRAPH_TAGS else "\n")

    def handle_data(self, data: str) -> None:
        if self._skip_depth == 0:
            if not data.strip():
                self._emit(" ")
                return
            lead = " " if data[0].isspace() else ""
            trail = " " if data[-1].isspace() else ""
            self._emit(lead + " ".join(data.split()) + trail)

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


def html_text(markup: str) -> str:
    """The readable main content of an HTML page (see the module docstring)."""
    parser = _MainText()
    parser.feed(markup)
    parser.close()
    main = _tidy(parser.parts["main"])
    return main if main else _tidy(parser.parts["body"])


def docx_text(raw: bytes) -> str:
    """The paragraphs of a Word .docx file, one per line, blank lines between."""
    try:
        with zipfile.ZipFile(BytesIO(raw)) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise FormatError("not a valid .docx file (no word/document.xml in a zip archive)") from exc
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise FormatError("its word/document.xml declares a DOCTYPE or entities (refused)")
    try:
        # no DOCTYPE, hence no entity expansion: the standard parser is safe here
        root = ElementTree.fromstring(xml)  # noqa: S314
    except ElementTree.ParseError as exc:
        raise FormatError(f"its word/document.xml is not well-formed XML ({exc})") from exc
    paragraphs = []
    for paragraph in root.iter(f"{_W}p"):
        pieces = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                pieces.append(node.text)
            elif node.tag == f"{_W}tab":
                pieces.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                pieces.append("\n")
        paragraphs.append("".join(pieces).strip())
    return "\n\n".join(p for p in paragraphs if p)


__all__ = ["FormatError", "docx_text", "html_text"]
