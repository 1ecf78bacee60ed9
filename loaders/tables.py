"""Structured sources read as tables: CSV, Excel (.xlsx) and GeoJSON feature collections.

Every reader returns a ``Table``: the column names and the data rows, each row with the
number a spreadsheet shows for it, so that a fact in the graph can point back at its row:

- **CSV**: UTF-8 (a byte-order mark is fine; another encoding can be named). The delimiter
  (``,``, ``;`` or tab) is the one that occurs most often, outside quotes, in the header
  line, unless it is given. Rows are numbered like a spreadsheet numbers them: the header row
  (normally row 1) and blank lines count, so the first data row is normally row 2.
- **XLSX**: the first sheet or a named one, read with openpyxl (read-only, cached formula
  values). Row numbers are the sheet's row numbers. Dates become ISO 8601 text.
- **GeoJSON**: a ``FeatureCollection``; each feature's ``properties`` are a row (the feature's
  ``id``, if it has one, is column ``id`` unless a property is called that), numbered from 1
  in file order, with the feature's geometry. Nested property values become compact JSON text.

Blank rows are skipped. Columns without a header are ignored; two columns with the same header
are an error. Anything unreadable raises ``TableError`` (an ``IngestError``) naming the file.

``representative_point`` gives one longitude/latitude for a geometry: a Point's own position,
otherwise **the centre of the bounding box of all its coordinates** (cheap, deterministic and
defined for every geometry type; for an L-shaped or ring-shaped area it may lie outside it).
"""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal

from twin.errors import IngestError

Cell = str | int | float | bool | None
TableFormat = Literal["csv", "xlsx", "geojson"]
DELIMITERS = (",", ";", "\t")
SUFFIX_FORMATS: dict[str, TableFormat] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".geojson": "geojson",
    ".json": "geojson",
}
GEOMETRY_TYPES = frozenset(
    {
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
    }
)


class TableError(IngestError):
    """A table file cannot be read: wrong format, broken file, bad header or row."""


@dataclass(frozen=True)
class Row:
    """One data row: its spreadsheet row number (1-based), its cells by column name, and for
    a GeoJSON feature its geometry (``None`` otherwise or when the feature has none)."""

    number: int
    values: dict[str, Cell]
    geometry: dict[str, Any] | None = None

    def __getitem__(self, column: str) -> Cell:
        return self.values[column]

    def get(self, column: str, default: Cell = None) -> Cell:
        return self.values.get(column, default)


@dataclass(frozen=True)
class Table:
    """The rows of one table file and its column names in file order."""

    name: str
    format: TableFormat
    columns: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


# ------------------------------------------------------------------ helpers


def format_for(path: Path) -> TableFormat:
    """The table format a file name stands for; ``TableError`` for other files."""
    suffix = path.suffix.lower()
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    if suffix == ".xls":
        raise TableError(
            f"{path.name} is an old-style .xls workbook", "save it as .xlsx and try again"
        )
    known = ", ".join(sorted(SUFFIX_FORMATS))
    raise TableError(f"{path.name} is not a table file this twin reads", f"use one of {known}")


def _blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header(cells: Iterable[Cell], name: str, number: int) -> list[str | None]:
    """Column names (None for a column without a header); duplicates are an error."""
    names: list[str | None] = []
    seen: set[str] = set()
    for cell in cells:
        text = "" if cell is None else str(cell).strip()
        if text in seen:
            raise TableError(
                f"{name}: column {text!r} appears twice in the header (row {number})",
                "give every column its own name",
            )
        if text:
            seen.add(text)
        names.append(text or None)
    if not seen:
        raise TableError(f"{name}: the header row (row {number}) is empty", "set header_row")
    return names


def _row(
    header: list[str | None], cells: list[Cell], name: str, number: int
) -> dict[str, Cell] | None:
    """The cells of one row by column name; None for a blank row."""
    if all(_blank(c) for c in cells):
        return None
    extra = [c for c in cells[len(header) :] if not _blank(c)]
    if extra:
        raise TableError(
            f"{name}: row {number} has {len(cells)} cells but the header only "
            f"{len(header)} columns",
            "check the delimiter and the quoting of cells that contain it",
        )
    values: dict[str, Cell] = {}
    for index, column in enumerate(header):
        if column is not None:
            values[column] = cells[index] if index < len(cells) else None
    return values


# ------------------------------------------------------------------ CSV


def sniff_delimiter(line: str) -> str:
    """The delimiter among ``, ; tab`` that occurs most often outside double quotes in a
    header line; a comma when none occurs (a one-column table) or on a tie."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return best if counts[best] else ","


def parse_csv(
    text: str,
    *,
    delimiter: str | None = None,
    header_row: int = 1,
    name: str = "<csv>",
) -> Table:
    """A table from CSV text (see the module docstring)."""
    text = text.removeprefix("\ufeff")
    if delimiter is None:
        lines = text.splitlines()
        delimiter = sniff_delimiter(lines[header_row - 1]) if len(lines) >= header_row else ","
    header: list[str | None] | None = None
    rows: list[Row] = []
    try:
        for number, record in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1
        ):
            if number < header_row:
                continue
            cells: list[Cell] = [cell.strip() for cell in record]
            if header is None:
                header = _header(cells, name, number)
                continue
            values = _row(header, cells, name, number)
            if values is not None:
                rows.append(Row(number, {k: "" if v is None else v for k, v in values.items()}))
    except csv.Error as exc:
        raise TableError(f"{name} is not readable CSV: {exc}") from exc
    if header is None:
        raise TableError(f"{name} has no header row", "the first row must name the columns")
    return Table(name, "csv", tuple(c for c in header if c is not None), rows)


def read_csv(
    path: Path,
    *,
    delimiter: str | None = None,
    header_row: int = 1,
    encoding: str = "utf-8",
) -> Table:
    """A table from a CSV file in ``encoding`` (UTF-8 by default, with or without BOM)."""
    raw = _read_bytes(path)
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in {"utf-8", "utf8"} else encoding
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise TableError(
            f"{path.name} is not {encoding} text (undecodable byte at offset {exc.start})",
            "save it as UTF-8 or name its encoding in the mapping (source.encoding: cp1252)",
        ) from exc
    except LookupError as exc:
        raise TableError(f"unknown text encoding {encoding!r} for {path.name}") from exc
    return parse_csv(text, delimiter=delimiter, header_row=header_row, name=path.name)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TableError(f"cannot read {path}: {exc.strerror or exc}") from exc


# ------------------------------------------------------------------ XLSX


def _xlsx_cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def read_xlsx(
    source: Path | bytes,
    *,
    sheet: str | None = None,
    header_row: int = 1,
    name: str | None = None,
) -> Table:
    """A table from one sheet of an Excel workbook (the first unless ``sheet`` names one)."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    name = name or (source.name if isinstance(source, Path) else "<xlsx>")
    if isinstance(source, Path):
        source = _read_bytes(source)
    try:
        workbook = load_workbook(io.BytesIO(source), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TableError(
            f"{name} is not a readable .xlsx workbook ({type(exc).__name__}: {exc})",
            "open it in a spreadsheet program and save it again as .xlsx",
        ) from exc
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise TableError(
                f"{name} has no sheet {sheet!r}",
                f"its sheets are: {', '.join(workbook.sheetnames)}",
            )
        header: list[str | None] | None = None
        rows: list[Row] = []
        for number, record in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if number < header_row:
                continue
            cells = [_xlsx_cell(v) for v in record]
            if header is None:
                if all(_blank(c) for c in cells):
                    continue  # the header is the first non-blank row from header_row on
                header = _header(cells, name, number)
                continue
            values = _row(header, cells, name, number)
            if values is not None:
                rows.append(Row(number, values))
    finally:
        workbook.close()
    if header is None:
        raise TableError(f"{name} has no header row", "the first row must name the columns")
    return Table(name, "xlsx", tuple(c for c in header if c is not None), rows)


# ------------------------------------------------------------------ GeoJSON


def _positions(coordinates: object, where: str) -> Iterator[tuple[float, float]]:
    """Every (lon, lat) position in a GeoJSON coordinates array, however deeply nested."""
    if (
        isinstance(coordinates, list)
        and len(coordinates) >= 2
        and all(isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates)
    ):
        lon, lat = float(coordinates[0]), float(coordinates[1])
        if not (math.isfinite(lon) and math.isfinite(lat)):
            raise TableError(f"{where}: coordinates must be finite numbers")
        yield lon, lat
    elif isinstance(coordinates, list):
        for item in coordinates:
            yield from _positions(item, where)
    else:
        raise TableError(f"{where}: coordinates must be arrays of numbers")


def _all_positions(geometry: Mapping[str, Any], where: str) -> Iterator[tuple[float, float]]:
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        raise TableError(f"{where}: {kind!r} is not a GeoJSON geometry type")
    if kind == "GeometryCollection":
        parts = geometry.get("geometries")
        if not isinstance(parts, list):
            raise TableError(f"{where}: a GeometryCollection needs a list of geometries")
        for part in parts:
            if not isinstance(part, dict):
                raise TableError(f"{where}: a GeometryCollection member is not an object")
            yield from _all_positions(part, where)
    else:
        yield from _positions(geometry.get("coordinates"), where)


def representative_point(
    geometry: Mapping[str, Any] | None, where: str = "geometry"
) -> tuple[float, float] | None:
    """(longitude, latitude) standing for a geometry: a Point's position, otherwise the
    centre of the bounding box of all its coordinates; None for no geometry or no
    coordinates. Coordinates must be WGS 84 longitude/latitude (RFC 7946)."""
    if geometry is None:
        return None
    points = list(_all_positions(geometry, where))
    if not points:
        return None
    if geometry.get("type") == "Point":
        lon, lat = points[0]
    else:
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        lon, lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise TableError(
            f"{where}: ({lon}, {lat}) is not a longitude/latitude",
            "GeoJSON needs WGS 84 degrees (RFC 7946); reproject e.g. RD New (EPSG:28992) first",
        )
    return lon, lat


def _property_cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def parse_geojson(text: str, *, name: str = "<geojson>") -> Table:
    """A table from GeoJSON text: one row per feature of a FeatureCollection."""
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise TableError(
            f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from exc
    kind = data.get("type") if isinstance(data, dict) else type(data).__name__
    if kind != "FeatureCollection":
        raise TableError(
            f"{name} is not a GeoJSON FeatureCollection (its type is {kind!r})",
            'wrap the features in {"type": "FeatureCollection", "features": [...]}',
        )
    features = data.get("features")
    if not isinstance(features, list):
        raise TableError(f"{name}: 'features' must be a list")
    columns: dict[str, None] = {}
    rows: list[Row] = []
    for number, feature in enumerate(features, start=1):
        where = f"{name}: feature {number}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise TableError(f"{where} is not a GeoJSON Feature")
        props = feature.get("properties") or {}
        geometry = feature.get("geometry")
        if not isinstance(props, dict):
            raise TableError(f"{where}: 'properties' must be an object")
        if geometry is not None and not isinstance(geometry, dict):
            raise TableError(f"{where}: 'geometry' must be an object or null")
        if geometry is not None:
            representative_point(geometry, where)  # fail early on broken coordinates
        values = {str(k).strip(): _property_cell(v) for k, v in props.items()}
        if "id" in feature and "id" not in values:
            values["id"] = _property_cell(feature["id"])
        columns.update(dict.fromkeys(values))
        rows.append(Row(number, values, geometry))
    for row in rows:
        for column in columns:
            row.values.setdefault(column, None)
    return Table(name, "geojson", tuple(columns), rows)


def read_geojson(path: Path) -> Table:
    """A table from a GeoJSON file (UTF-8)."""
    try:
        text = _read_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TableError(f"{path.name} is not UTF-8 text", "GeoJSON must be UTF-8") from exc
    return parse_geojson(text, name=path.name)


# ------------------------------------------------------------------ any table


def read_table(
    path: Path,
    *,
    format: TableFormat | None = None,
    sheet: str | None = None,
    delimiter: str | None = None,
    header_row: int = 1,
    encoding: str = "utf-8",
) -> Table:
    """A table from a file; the format comes from the file name unless it is given."""
    kind = format or format_for(path)
    if kind == "csv":
        return read_csv(path, delimiter=delimiter, header_row=header_row, encoding=encoding)
    if kind == "xlsx":
        return read_xlsx(path, sheet=sheet, header_row=header_row)
    return read_geojson(path)


__all__ = [
    "Cell",
    "DELIMITERS",
    "Row",
    "SUFFIX_FORMATS",
    "Table",
    "TableError",
    "TableFormat",
    "format_for",
    "parse_csv",
    "parse_geojson",
    "read_csv",
    "read_geojson",
    "read_table",
    "read_xlsx",
    "representative_point",
    "sniff_delimiter",
]
