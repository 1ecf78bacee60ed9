"""HTML main content and Word .docx text, and clear errors for files that are not what they say."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from loaders.documents import discover, read
from loaders.formats import FormatError, docx_text, html_text
from twin.errors import IngestError

PAGE = """<!doctype html><html><head><title>x</title><style>p {color: red}</style>
<script>var tracking = "Jan Jansen";</script></head><body>
<div id="cookie-banner">Wij gebruiken cookies. <button>Akkoord</button></div>
<header><nav><ul><li>Home</li><li>Nieuws</li></ul></nav></header>
<main><h1>Explosie aan de Kloosterweg</h1>
<p>In de nacht van 3 op 4 maart ontplofte een explosief bij een woning in <b>Heerlerheide</b>.</p>
<div class="share-buttons">Deel op Facebook</div>
<p>De politie &amp; de gemeente onderzoeken de zaak.</p></main>
<footer>© Gemeente Heerlen</footer></body></html>"""


def test_html_keeps_the_main_content_only() -> None:
    text = html_text(PAGE)
    assert text.startswith("Explosie aan de Kloosterweg")
    assert "ontplofte een explosief bij een woning in Heerlerheide." in text
    assert "De politie & de gemeente onderzoeken de zaak." in text
    for noise in ("cookies", "Akkoord", "Nieuws", "Facebook", "tracking", "color", "©"):
        assert noise not in text
    assert "\n\n" in text  # headings and paragraphs stay apart


def test_html_without_main_uses_the_body_and_survives_deep_nesting() -> None:
    deep = "<div>" * 5000 + "Diep in Passart." + "</div>" * 5000
    assert html_text(f"<html><body><nav>menu</nav>{deep}</body></html>") == "Diep in Passart."
    assert html_text("<p>open <b>tags <i>everywhere") == "open tags everywhere"


def _docx(paragraphs: list[str]) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def test_docx_paragraphs_in_order() -> None:
    assert docx_text(_docx(["Verslag", "Bewoners van Passart", ""])) == (
        "Verslag\n\nBewoners van Passart"
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"PK\x03\x04 not really a zip", "not a valid .docx"),
        (b"plain text with a .docx name", "not a valid .docx"),
    ],
)
def test_broken_docx_is_a_format_error(raw: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        docx_text(raw)


def test_read_and_discover_take_html_and_docx(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "note.docx").write_bytes(_docx(["Het programma Samen Sterk."]))
    (tmp_path / "broken.docx").write_bytes(b"junk")
    (tmp_path / "empty.html").write_text("<html><script>x()</script></html>", encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == [
        "broken.docx",
        "empty.html",
        "note.docx",
        "page.html",
    ]
    page = read(tmp_path / "page.html")
    assert page.media_type == "text/html" and "Kloosterweg" in page.text
    assert "cookies" not in page.text
    note = read(tmp_path / "note.docx")
    assert note.text == "Het programma Samen Sterk." and note.media_type.endswith("document")
    with pytest.raises(IngestError, match="broken.docx: not a valid .docx"):
        read(tmp_path / "broken.docx")
    with pytest.raises(IngestError, match="empty.html: the file holds no readable text"):
        read(tmp_path / "empty.html")
