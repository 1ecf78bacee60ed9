"""Tables through mapping files with `twin ingest` against the real Neo4j: CSV, XLSX and
GeoJSON rows become nodes and relationships citing the table and its row; personal data in
cells is redacted; a changed table replaces its old version's facts; forgetting it removes
them; and its entities join the gazetteer extraction uses."""

from __future__ import annotations

import json
from pathlib import Path

import neo4j
import pytest
from openpyxl import Workbook

from graph.reads import gazetteer
from graph.writer import GraphWriter
from loaders.ingest import extractor_for, forget, ingest
from ontology import OntologyModel
from tests.conftest import count
from tests.integration.snapshot import graph_snapshot

pytestmark = pytest.mark.integration

MAPPING = """\
dataset:
  id: dataset:buurthuizen-test
  title: Buurthuizen in Heerlen (test table)
  publisher: Gemeente Heerlen
  licence: CC BY 4.0
nodes:
  facility:
    class: CommunityCentre
    id: "facility:{naam|slug}"
    properties:
      name: naam
      note: opmerking
    relationships:
      - type: LOCATED_IN
        target: {id: "{buurt}", class: Neighbourhood}
"""
ROWS = [
    ("naam", "buurt", "opmerking"),
    ("Buurthuis De Molenberg", "BU09173100", "open op dinsdag"),
    ("Wijkcentrum Terschuren", "BU09171001", "contact: Jan Jansen"),
]


def _csv(folder: Path, rows: list[tuple[str, ...]]) -> Path:
    path = folder / "buurthuizen.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", "utf-8")
    (folder / "buurthuizen.csv.mapping.yaml").write_text(MAPPING, "utf-8")
    return path


def _run(drv: neo4j.Driver, model: OntologyModel, *paths: Path):  # type: ignore[no-untyped-def]
    return ingest(list(paths), extractor_for(drv, model), GraphWriter(drv, model))


def test_a_csv_becomes_facilities_with_provenance_and_no_person(
    seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path
) -> None:
    report = _run(seeded_db, model, _csv(tmp_path, ROWS))
    assert report.ok, report.failed
    (result,) = report.files
    assert result.status == "new" and result.doc_id and result.doc_id.startswith("dataset:")
    records, _, _ = seeded_db.execute_query(
        "MATCH (f:Facility)-[r:LOCATED_IN]->(n:Neighbourhood) "
        "RETURN f.id AS id, f.note AS note, f.sources AS sources, n.id AS place, "
        "r.sourceRow AS row, r.extractor AS extractor ORDER BY id"
    )
    assert [(r["id"], r["place"], r["row"]) for r in records] == [
        ("facility:buurthuis-de-molenberg", "BU09173100", 2),
        ("facility:wijkcentrum-terschuren", "BU09171001", 3),
    ]
    assert all(
        r["sources"] == [result.doc_id] and r["extractor"] == "twin.mapping" for r in records
    )
    assert "Jansen" not in records[1]["note"] and "[PERSON]" in records[1]["note"]
    # the table is reference data: extraction now knows its facilities
    ids = {e.id for e in gazetteer(seeded_db, model)}
    assert "facility:wijkcentrum-terschuren" in ids
    again = _run(seeded_db, model, tmp_path / "buurthuizen.csv")
    assert [f.status for f in again.files] == ["unchanged"]


def test_a_changed_table_replaces_its_facts_and_forget_removes_them(
    seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path
) -> None:
    before = graph_snapshot(seeded_db)
    path = _csv(tmp_path, ROWS)
    _run(seeded_db, model, path)
    _csv(tmp_path, ROWS[:2])  # Wijkcentrum Terschuren is gone from the new version
    report = _run(seeded_db, model, path)
    assert [f.status for f in report.files] == ["changed"]
    assert count(seeded_db, "MATCH (f:Facility) RETURN count(f)") == 1
    assert (
        count(
            seeded_db,
            "MATCH (d:Document {kind: 'dataset'}) WHERE d.sourceUri STARTS WITH 'file:' "
            "RETURN count(d)",
        )
        == 1
    )
    assert forget(seeded_db, model, [str(path)])[str(path)] == [report.files[0].doc_id]
    assert graph_snapshot(seeded_db) == before


def test_xlsx_and_geojson_through_their_mappings(
    seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in ROWS:
        sheet.append(list(row))
    book.save(tmp_path / "buurthuizen.xlsx")
    (tmp_path / "buurthuizen.xlsx.mapping.yaml").write_text(MAPPING, "utf-8")
    features = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [5.9812, 50.8873]},
                "properties": {"naam": "Speeltuin Molenberg", "buurt": "BU09173100"},
            }
        ],
    }
    (tmp_path / "speeltuinen.geojson").write_text(json.dumps(features), "utf-8")
    (tmp_path / "speeltuinen.geojson.mapping.yaml").write_text(
        MAPPING.replace("CommunityCentre", "Playground")
        .replace("    properties:", "    geometry: true\n    properties:")
        .replace("      note: opmerking\n", ""),
        "utf-8",
    )
    report = _run(seeded_db, model, tmp_path)
    assert report.ok, report.failed
    assert sorted(Path(f.path).name for f in report.files) == [
        "buurthuizen.xlsx",
        "speeltuinen.geojson",
    ]
    records, _, _ = seeded_db.execute_query(
        "MATCH (p:Playground)-[:LOCATED_IN]->(:Neighbourhood {id: 'BU09173100'}) "
        "RETURN p.latitude AS lat, p.longitude AS lon, p.geometry AS geometry"
    )
    assert [(r["lat"], r["lon"]) for r in records] == [(50.8873, 5.9812)]
    assert json.loads(records[0]["geometry"])["type"] == "Point"
    assert count(seeded_db, "MATCH (f:CommunityCentre) RETURN count(f)") == 2


def test_a_table_without_a_mapping_is_a_clear_failure(
    seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path
) -> None:
    (tmp_path / "loose.csv").write_text("a,b\n1,2\n", "utf-8")
    report = _run(seeded_db, model, tmp_path / "loose.csv")
    ((_path, reason),) = report.failed
    assert "no mapping file" in reason and "loose.csv.mapping.yaml" in reason
