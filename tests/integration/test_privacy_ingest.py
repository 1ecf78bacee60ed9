"""No persons in the graph: ingestion stores only redacted text, and no stored string anywhere
in the database holds a person's name or contact details."""

from __future__ import annotations

import json
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from graph.writer import GraphWriter
from loaders.ingest import extractor_for, ingest
from ontology import OntologyModel
from twin.cli import main

pytestmark = pytest.mark.integration

LETTER = """Verslag buurtoverleg Terschuren

Aanwezig: wethouder Jan-Willem Hendriks, wijkagent Sanne de Bruijn, mevrouw A. van der Heijden
en dhr. Mohamed El Amrani (bewonerscommissie). Weller en Politie Limburg schuiven aan.

Mevrouw Van der Heijden (Akerstraat 12) meldt inbraken in schuren; zij is bereikbaar via
a.vanderheijden@example.nl of 06-12345678. Hendriks zegt toe dat de gemeente de verlichting
controleert.
"""
SECRETS = [
    "Jan-Willem",
    "Hendriks",
    "Sanne",
    "Bruijn",
    "Heijden",
    "Mohamed",
    "Amrani",
    "vanderheijden@example.nl",
    "12345678",
    "Akerstraat 12",
]
KEPT = ["Terschuren", "Weller", "Politie Limburg", "Akerstraat", "inbraken"]


def _all_strings(drv: neo4j.Driver) -> list[str]:
    records, _, _ = drv.execute_query(
        "MATCH (n) RETURN properties(n) AS p UNION ALL MATCH ()-[r]->() RETURN properties(r) AS p"
    )
    found: list[str] = []
    for record in records:
        for value in record["p"].values():
            values = value if isinstance(value, list) else [value]
            found += [v for v in values if isinstance(v, str)]
    return found


def test_ingest_stores_redacted_text_and_no_person(
    seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path
) -> None:
    path = tmp_path / "verslag.txt"
    path.write_text(LETTER, encoding="utf-8")
    report = ingest([path], extractor_for(seeded_db, model), GraphWriter(seeded_db, model))
    assert report.ok
    records, _, _ = seeded_db.execute_query(
        "MATCH (d:Document {kind: 'document'}) RETURN d.redactedText AS text, "
        "d.redactionCount AS n, [(d)-[m:MENTIONS]->(e) | [m.start, m.end, m.text, e.id]] AS ms"
    )
    text = records[0]["text"]
    assert records[0]["n"] >= 8
    for secret in SECRETS:
        assert secret not in text
    for kept in KEPT:
        assert kept in text
    assert "[PERSON]" in text and "[EMAIL]" in text and "[PHONE]" in text
    for start, end, surface, _ in records[0]["ms"]:
        assert text[start:end] == surface
    assert {"stakeholder:weller", "BU09171001"} <= {m[3] for m in records[0]["ms"]}
    stored = "\n".join(_all_strings(seeded_db))
    for secret in SECRETS:
        assert secret not in stored, secret


def test_extract_json_returns_only_redacted_text(tmp_path: Path) -> None:
    path = tmp_path / "verslag.txt"
    path.write_text(LETTER, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--json", str(path)])
    assert result.exit_code == 0, result.output
    for secret in SECRETS:
        assert secret not in result.output
    doc = json.loads(result.output)
    text = doc["document"]["text"]
    kinds = {r["type"] for r in doc["redactions"]}
    assert {"PERSON", "EMAIL", "PHONE", "HOUSE_NUMBER"} <= kinds
    for red in doc["redactions"]:
        assert text[red["start"] : red["end"]] == f"[{red['type']}]"


def test_mixed_language_note_uses_each_paragraph_language(
    seeded_db: neo4j.Driver, model: OntologyModel
) -> None:
    note = (
        "Overleg met wijkagent Pieter Bakker over overlast in Terschuren.\n\n"
        "Lors de la réunion, Sophie Lefèvre a présenté le plan de la commune de Heerlen avec "
        "la police.\n\nBakker en Lefèvre spreken opnieuw af."
    )
    found = extractor_for(seeded_db, model).extract(note)
    for secret in ("Pieter", "Bakker", "Sophie", "Lefèvre"):
        assert secret not in found.text, secret
    assert "Terschuren" in found.text and "commune de Heerlen" in found.text
    for red in found.redactions:
        assert found.text[red.start : red.end] == f"[{red.type}]"


def test_a_person_in_the_file_name_never_reaches_the_graph(
    seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path
) -> None:
    folder = tmp_path / "dossier Marieke Lemmens"
    folder.mkdir()
    path = folder / "gesprek_met_Jan_Jansen_over_Terschuren.txt"
    path.write_text(LETTER, encoding="utf-8")
    report = ingest([path], extractor_for(seeded_db, model), GraphWriter(seeded_db, model))
    assert report.ok, report.failed
    records, _, _ = seeded_db.execute_query(
        "MATCH (d:Document {kind: 'document'}) RETURN d.sourceUri AS uri"
    )
    uri = records[0]["uri"]
    assert uri.startswith("file://") and "Terschuren" in uri and "gesprek" in uri
    stored = "\n".join(_all_strings(seeded_db))
    for secret in ("Marieke", "Lemmens", "Jan_", "Jansen"):
        assert secret not in stored, secret
    # the same file ingested again gets the same (redacted) URI: nothing new is written
    again = ingest([path], extractor_for(seeded_db, model), GraphWriter(seeded_db, model))
    assert (again.nodes_created, again.relationships_created) == (0, 0)


def test_relations_are_stored_with_evidence_and_provenance(
    seeded_db: neo4j.Driver, model: OntologyModel, tmp_path: Path
) -> None:
    path = tmp_path / "programma.txt"
    path.write_text(
        "De gemeente start het programma Veilige Buurt in Terschuren, samen met Weller. "
        "Wethouder Jan-Willem Hendriks opende het programma.",
        encoding="utf-8",
    )
    report = ingest([path], extractor_for(seeded_db, model), GraphWriter(seeded_db, model))
    assert report.ok, report.failed
    records, _, _ = seeded_db.execute_query(
        "MATCH (a)-[r:TARGETS|PARTNER_IN]->(b) "
        "RETURN type(r) AS type, a.id AS a, b.id AS b, r.sources AS sources, "
        "r.evidence AS evidence, r.confidence AS confidence"
    )
    found = {(r["type"], r["a"], r["b"]): r for r in records}
    targets = found[("TARGETS", "programme:veilige-buurt", "BU09171001")]
    partner = found[("PARTNER_IN", "stakeholder:weller", "programme:veilige-buurt")]
    for rel in (targets, partner):
        assert len(rel["sources"]) == 1 and rel["sources"][0].startswith("doc:")
        assert "Veilige Buurt" in rel["evidence"] and 0 < rel["confidence"] <= 1
        assert "Hendriks" not in rel["evidence"]
