"""HTML main content, Word .docx and PDF text, titles, and clear errors for files that are not
what they say."""

from __future__ import annotations

import contextlib
import io
import logging
import random
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from loaders import formats
from loaders.documents import discover, read
from loaders.formats import (
    FormatError,
    docx_content,
    docx_text,
    html_content,
    html_text,
    html_title,
    pdf_content,
    pdf_text,
)
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


@pytest.mark.parametrize(
    ("markup", "title"),
    [
        (PAGE, "x"),
        (
            "<html><head><title>\n  Wijkagenda\n  Passart </title></head><body>b</body></html>",
            "Wijkagenda Passart",
        ),
        # an SVG's <title> names the icon, not the page
        (
            "<body><svg><title>icoon</title></svg><main><h1>Buurt<b>preventie</b></h1></main>",
            "Buurtpreventie",
        ),
        ("<title> </title><h1>Na een lege titel</h1>", "Na een lege titel"),
        ("<body><header><h1>Gemeente</h1></header><p>tekst</p></body>", None),  # boilerplate
        ("<body><p>geen kop</p></body>", None),
        ("<title>nooit gesloten", "nooit gesloten"),
    ],
)
def test_html_title_is_the_title_else_the_first_h1(markup: str, title: str | None) -> None:
    assert html_title(markup) == title
    assert html_content(markup) == (html_text(markup), title)


# ------------------------------------------------------------------------------------- docx

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(
    paragraphs: list[str], styles: dict[int, str] | None = None, styles_xml: str | None = None
) -> bytes:
    """A minimal .docx: paragraph i gets style id ``styles[i]``; ``styles_xml`` is
    word/styles.xml as given."""
    styles = styles or {}
    body = "".join(
        "<w:p>"
        + (f'<w:pPr><w:pStyle w:val="{styles[i]}"/></w:pPr>' if i in styles else "")
        + f"<w:r><w:t>{p}</w:t></w:r></w:p>"
        for i, p in enumerate(paragraphs)
    )
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", xml)
        if styles_xml is not None:
            archive.writestr("word/styles.xml", styles_xml)
    return buffer.getvalue()


def _styles(**names: str) -> str:
    """word/styles.xml naming style ids: ``_styles(Kop1="heading 1")``."""
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/></w:style>'
        for sid, name in names.items()
    )
    return f'<?xml version="1.0"?><w:styles xmlns:w="{_W}">{styles}</w:styles>'


def test_docx_paragraphs_in_order() -> None:
    assert docx_text(_docx(["Verslag", "Bewoners van Passart", ""])) == (
        "Verslag\n\nBewoners van Passart"
    )


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # a Dutch Word names its heading styles Kop1…, their names stay "heading 1"
        (
            _docx(
                ["Inleiding", "Wijkplan Passart", "tekst"], {1: "Kop1"}, _styles(Kop1="heading 1")
            ),
            "Wijkplan Passart",
        ),
        (_docx(["Jaarverslag", "tekst"], {0: "Title"}), "Jaarverslag"),  # no styles.xml: the id
        (_docx(["tekst", "Bijlage"], {0: "Normal", 1: "Heading2"}), "Bijlage"),
        (_docx(["tekst", "meer tekst"], {0: "Normal"}, _styles(Normal="Normal")), None),
        (_docx(["Kop", "tekst"], {0: "Kop1"}, "<not xml"), "Kop"),  # broken styles: by the id
    ],
)
def test_docx_title_is_the_first_title_or_heading_paragraph(raw: bytes, title: str | None) -> None:
    content = docx_content(raw)
    assert content.title == title
    assert content.text == docx_text(raw)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"PK\x03\x04 not really a zip", "not a valid .docx"),
        (b"plain text with a .docx name", "not a valid .docx"),
        (_zip({"xl/workbook.xml": b"<workbook/>"}), "not a valid .docx"),  # an .xlsx renamed
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old Word .doc, or a password"),
        (_zip({"word/document.xml": b"<w:document"}), "not well-formed XML"),
        (
            _zip({"word/document.xml": b'<!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'}),
            "DOCTYPE or entities",
        ),
    ],
)
def test_broken_docx_is_a_format_error(raw: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        docx_text(raw)


def test_docx_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "MAX_DOCX_XML_BYTES", 1000)
    with pytest.raises(FormatError, match=r"word/document.xml unpacks to more than"):
        docx_text(_docx(["Heerlen " * 500]))


def test_docx_with_a_damaged_member_is_a_format_error() -> None:
    raw = bytearray(_docx(["Heerlen " * 200]))
    at = raw.index(b"word/document.xml") + len("word/document.xml") + 20
    raw[at : at + 40] = bytes(40)  # the deflated data of document.xml
    with pytest.raises(FormatError, match=r"not a valid .docx file \(its zip archive is damaged"):
        docx_text(bytes(raw))


# -------------------------------------------------------------------------------------- pdf


def _pdf(pages: list[str | None], title: str | None = None) -> bytes:
    """A minimal PDF: per page a Helvetica (WinAnsi) text line, or for ``None`` only an image
    and a filled rectangle (no text layer); ``title`` as the /Title of the document info."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream",
    }
    kids = []
    number = 5
    for text in pages:
        if text is None:
            content = b"q 0 0 1 rg 72 72 200 200 re f Q q 100 0 0 100 72 400 cm /Im1 Do Q"
        else:
            line = text.encode("cp1252")
            for char in (b"\\", b"(", b")"):
                line = line.replace(char, b"\\" + char)
            content = b"BT /F1 12 Tf 72 720 Td (" + line + b") Tj ET"
        objects[number] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> "
            b"/Contents %d 0 R >>" % (number + 1)
        )
        objects[number + 1] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
        kids.append(b"%d 0 R" % number)
        number += 2
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    info = b""
    if title is not None:
        objects[number] = b"<< /Title (" + title.encode("latin-1") + b") >>"
        info = b" /Info %d 0 R" % number
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, objects[num])
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[num] for num in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, info, xref)
    return bytes(out)


def _encrypted(raw: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_text_joins_the_pages_with_blank_lines() -> None:
    raw = _pdf(["Wijkschouw Passart (maart)", None, "Ideeën voor het café – € 2.500"])
    assert pdf_text(raw) == "Wijkschouw Passart (maart)\n\nIdeeën voor het café – € 2.500"


def test_pdf_title_is_the_document_title() -> None:
    assert pdf_content(_pdf(["tekst"], title="Veiligheidsplan Heerlen")).title == (
        "Veiligheidsplan Heerlen"
    )
    assert pdf_content(_pdf(["tekst"])).title is None
    assert pdf_content(_pdf(["tekst"], title="  ")).title is None


def test_encrypted_pdf_opens_with_an_empty_password_only() -> None:
    raw = _pdf(["Vertrouwelijk overleg"])
    assert pdf_text(_encrypted(raw, user_password="")) == "Vertrouwelijk overleg"
    with pytest.raises(FormatError, match="protected by a password"):
        pdf_text(_encrypted(raw, user_password="geheim"))


_GOOD = _pdf(["Eerste pagina", "Tweede pagina"])


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (_GOOD[: len(_GOOD) // 2], r"not a readable PDF, damaged or truncated"),
        (b"%PDF-1.7\n" + random.Random(3).randbytes(3000), "not a readable PDF"),
        (random.Random(4).randbytes(3000), r"not a PDF \(no %PDF- header"),
        (b"Dit is gewoon tekst.", "not a PDF"),
        (b"", "not a PDF"),
        (_pdf([None, None]), r"no text layer \(scanned\?\)"),
        (_pdf([" "]), r"no text layer \(scanned\?\)"),
    ],
)
def test_bad_pdfs_are_a_clear_format_error(
    raw: bytes, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    before = logging.getLogger("pypdf").level
    with caplog.at_level(logging.DEBUG), pytest.raises(FormatError, match=message):
        pdf_text(raw)
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]  # no log spam
    assert logging.getLogger("pypdf").level == before


def test_pdf_limits_pages_and_characters() -> None:
    raw = _pdf(["Eerste pagina", "Tweede pagina"])
    with pytest.raises(FormatError, match="has 2 pages, more than the 1 allowed"):
        pdf_text(raw, max_pages=1)
    with pytest.raises(FormatError, match="more than 20 characters of text"):
        pdf_text(raw, max_chars=20)
    assert pdf_text(raw, max_pages=2, max_chars=26) == "Eerste pagina\n\nTweede pagina"


def test_pdf_on_hostile_input_raises_only_format_errors() -> None:
    rng = random.Random(11)
    for _ in range(40):
        raw = bytearray(_GOOD)
        for _ in range(rng.randrange(1, 20)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        with contextlib.suppress(FormatError):
            pdf_text(bytes(raw))


# ------------------------------------------------------------------------- read and discover


def test_read_and_discover_take_html_docx_and_pdf(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "note.docx").write_bytes(_docx(["Het programma Samen Sterk."]))
    (tmp_path / "broken.docx").write_bytes(b"junk")
    (tmp_path / "empty.html").write_text("<html><script>x()</script></html>", encoding="utf-8")
    (tmp_path / "plan.pdf").write_bytes(_pdf(["Veiligheid in Heerlen-Noord"], title="Wijkplan"))
    (tmp_path / "scan.pdf").write_bytes(_pdf([None]))
    assert [p.name for p in discover([tmp_path])] == [
        "broken.docx",
        "empty.html",
        "note.docx",
        "page.html",
        "plan.pdf",
        "scan.pdf",
    ]
    page = read(tmp_path / "page.html")
    assert page.media_type == "text/html" and "Kloosterweg" in page.text
    assert "cookies" not in page.text
    assert (page.title, page.encoding) == ("x", "utf-8")
    note = read(tmp_path / "note.docx")
    assert note.text == "Het programma Samen Sterk." and note.media_type.endswith("document")
    assert (note.title, note.encoding) == ("Het programma Samen Sterk.", "n/a")
    plan = read(tmp_path / "plan.pdf")
    assert plan.text == "Veiligheid in Heerlen-Noord"
    assert (plan.media_type, plan.title, plan.encoding) == ("application/pdf", "Wijkplan", "n/a")
    with pytest.raises(IngestError, match="broken.docx: not a valid .docx"):
        read(tmp_path / "broken.docx")
    with pytest.raises(IngestError, match="empty.html: the file holds no readable text"):
        read(tmp_path / "empty.html")
    with pytest.raises(IngestError, match=r"scan.pdf: the PDF has no text layer \(scanned\?\)"):
        read(tmp_path / "scan.pdf")
    (tmp_path / "leeg.docx").write_bytes(_docx(["", " "]))
    with pytest.raises(IngestError, match="leeg.docx: the file holds no readable text"):
        read(tmp_path / "leeg.docx")


@pytest.mark.parametrize(
    ("name", "raw", "title"),
    [
        ("untitled.pdf", _pdf(["", "  Rapport leefbaarheid  ", "tekst"]), "Rapport leefbaarheid"),
        ("heading.docx", _docx(["Datum: 3 maart", "Verslag", "tekst"], {1: "Title"}), "Verslag"),
        ("first.docx", _docx(["-", "Datum: 3 maart", "tekst"]), "Datum: 3 maart"),
        ("h1.html", b"<main><h1>Buurtgesprek</h1><p>tekst</p></main>", "Buurtgesprek"),
        ("plain.html", b"<body><p>\n\n  Alleen   tekst\n</p></body>", "Alleen tekst"),
    ],
)
def test_read_gives_a_title(tmp_path: Path, name: str, raw: bytes, title: str) -> None:
    (tmp_path / name).write_bytes(raw)
    assert read(tmp_path / name).title == title


def test_read_never_lets_a_parser_error_escape(tmp_path: Path) -> None:
    rng = random.Random(5)
    samples = [_GOOD, _docx(["Heerlen " * 50]), PAGE.encode()]
    for number in range(60):
        raw = bytearray(samples[number % 3])
        for _ in range(rng.randrange(1, 30)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        path = tmp_path / f"f{number}{('.pdf', '.docx', '.html')[number % 3]}"
        path.write_bytes(bytes(raw))
        with contextlib.suppress(IngestError):
            read(path)


def test_pypdf_is_quiet_on_stderr(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    logging.getLogger().addHandler(handler := logging.StreamHandler())  # a CLI's logging
    try:
        path = tmp_path / "cut.pdf"
        path.write_bytes(_GOOD[:-30])  # no %%EOF: pypdf warns and recovers
        with contextlib.suppress(IngestError):
            read(path)
    finally:
        logging.getLogger().removeHandler(handler)
    assert capfd.readouterr().err == ""  # pypdf warns "EOF marker not found" unless silenced
