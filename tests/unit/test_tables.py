"""Table readers: CSV (delimiters, BOM, header row), XLSX (openpyxl) and GeoJSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from loaders.tables import (
    TableError,
    format_for,
    parse_csv,
    parse_geojson,
    read_csv,
    read_table,
    read_xlsx,
    representative_point,
    sniff_delimiter,
)
from twin.errors import IngestError


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("code,name,value\nBU1,Noord,3\n", ","),
        ("code;name;value\nBU1;Noord;3,5\n", ";"),
        ("code\tname\tvalue\nBU1\tNoord\t3\n", "\t"),
        ('"code;x",name,value\n"a;b",Noord,3\n', ","),  # a quoted delimiter does not count
    ],
)
def test_csv_delimiter_is_sniffed_from_the_header(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text.splitlines()[0]) == delimiter
    table = parse_csv(text)
    assert table.columns[1:] == ("name", "value")
    assert table.rows[0]["name"] == "Noord"
    assert table.rows[0].number == 2


def test_csv_one_column_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_bytes("\ufeffcode\r\nGM0917\r\n\r\nBU09171000\r\n".encode())
    table = read_csv(path)
    assert table.columns == ("code",)
    # the blank line is skipped but counted, like a spreadsheet counts it
    assert [(r.number, r["code"]) for r in table.rows] == [(2, "GM0917"), (4, "BU09171000")]
    assert table.format == "csv" and table.name == "codes.csv"


def test_csv_header_row_and_padding() -> None:
    text = "Kerncijfers 2020\nBron: CBS\nnaam;aantal;noot\nNoord;12\nZuid;7;oud\n"
    table = parse_csv(text, header_row=3)
    assert table.columns == ("naam", "aantal", "noot")
    assert [r.values for r in table.rows] == [
        {"naam": "Noord", "aantal": "12", "noot": ""},
        {"naam": "Zuid", "aantal": "7", "noot": "oud"},
    ]
    assert [r.number for r in table.rows] == [4, 5]


def test_csv_errors_name_the_file_and_row(tmp_path: Path) -> None:
    with pytest.raises(TableError, match=r"t\.csv: row 3 has 3 cells but the header only 2"):
        parse_csv("a,b\n1,2\n1,2,3\n", name="t.csv")
    with pytest.raises(TableError, match="column 'a' appears twice"):
        parse_csv("a,b,a\n1,2,3\n")
    path = tmp_path / "latin.csv"
    path.write_bytes("naam\nCaf\xe9\n".encode("cp1252"))
    with pytest.raises(IngestError, match="not utf-8 text") as info:
        read_csv(path)
    assert info.value.hint is not None and "encoding" in info.value.hint
    assert read_csv(path, encoding="cp1252").rows[0]["naam"] == "Café"


def _workbook(path: Path) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Toelichting"
    first["A1"] = "see the other sheet"
    sheet = book.create_sheet("Buurten")
    sheet.append(["Kerncijfers"])
    sheet.append([])
    sheet.append(["code", "naam", "inwoners", "peildatum", None])
    sheet.append(["BU09171000", "Maria Gewanden", 3460, date(2020, 1, 1), None])
    sheet.append([None, None, None, None, None])
    sheet.append(["BU09171001", "Terschuren", 475.5, None, None])
    book.save(path)


def test_xlsx_named_sheet_and_header_row(tmp_path: Path) -> None:
    path = tmp_path / "kwb.xlsx"
    _workbook(path)
    table = read_xlsx(path, sheet="Buurten", header_row=3)
    assert table.columns == ("code", "naam", "inwoners", "peildatum")
    assert [r.number for r in table.rows] == [4, 6]
    first, second = table.rows
    assert first.values == {
        "code": "BU09171000",
        "naam": "Maria Gewanden",
        "inwoners": 3460,
        "peildatum": "2020-01-01T00:00:00",
    }
    assert second["inwoners"] == 475.5 and second["peildatum"] is None
    assert read_table(path).columns == ("see the other sheet",)  # the first sheet by default


def test_xlsx_errors(tmp_path: Path) -> None:
    path = tmp_path / "kwb.xlsx"
    _workbook(path)
    with pytest.raises(TableError, match="has no sheet 'Wijken'") as info:
        read_xlsx(path, sheet="Wijken")
    assert info.value.hint == "its sheets are: Toelichting, Buurten"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(TableError, match=r"broken\.xlsx is not a readable \.xlsx workbook"):
        read_table(broken)
    with pytest.raises(TableError, match=r"old-style \.xls"):
        format_for(Path("old.xls"))
    with pytest.raises(TableError, match="not a table file"):
        format_for(Path("notes.docx"))


def _collection(*features: object) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def test_geojson_points_and_polygons() -> None:
    point = {
        "type": "Feature",
        "id": "f1",
        "geometry": {"type": "Point", "coordinates": [5.98, 50.88]},
        "properties": {"name": "Speeltuin", "tags": ["play", "park"]},
    }
    square = {
        "type": "Feature",
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[5.9, 50.8], [6.0, 50.8], [6.0, 50.9], [5.9, 50.9], [5.9, 50.8]]],
        },
        "properties": {"name": "Vlak", "area": 12.5},
    }
    empty = {"type": "Feature", "geometry": None, "properties": None}
    table = parse_geojson(_collection(point, square, empty), name="f.geojson")
    assert table.columns == ("name", "tags", "id", "area")
    first, second, third = table.rows
    assert first.values == {
        "name": "Speeltuin",
        "tags": '["play","park"]',
        "id": "f1",
        "area": None,
    }
    assert representative_point(first.geometry) == (5.98, 50.88)
    lon, lat = representative_point(second.geometry) or (0, 0)
    assert lon == pytest.approx(5.95) and lat == pytest.approx(50.85)
    assert third.geometry is None and representative_point(None) is None
    assert [r.number for r in table.rows] == [1, 2, 3]


def test_geojson_errors() -> None:
    with pytest.raises(TableError, match=r"x\.geojson is not valid JSON: .* line 1"):
        parse_geojson("{not json", name="x.geojson")
    with pytest.raises(TableError, match="not a GeoJSON FeatureCollection .*'Feature'"):
        parse_geojson(json.dumps({"type": "Feature", "properties": {}}))
    with pytest.raises(TableError, match="not a GeoJSON FeatureCollection .*'list'"):
        parse_geojson("[]")
    rd_new = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [194000.0, 320000.0]},
        "properties": {},
    }
    with pytest.raises(TableError, match="feature 1: .* is not a longitude/latitude") as info:
        parse_geojson(_collection(rd_new))
    assert info.value.hint is not None and "EPSG:28992" in info.value.hint
    bad = {"type": "Feature", "geometry": {"type": "Circle", "coordinates": [1, 2]}}
    with pytest.raises(TableError, match="'Circle' is not a GeoJSON geometry type"):
        parse_geojson(_collection(bad))
