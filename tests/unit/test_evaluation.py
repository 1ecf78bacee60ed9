"""The evaluation's gold loading, matching and leak counting, on small hand-made cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.evaluation import CorpusError, GoldDocument, Report, leaks, load_corpus, score_document
from nlp.extraction import Entity, Extraction, Relation
from ontology import load_model

MODEL = load_model()


def _write(root: Path, text: str, gold: dict[str, object]) -> Path:
    (root / "nl").mkdir(parents=True, exist_ok=True)
    (root / "nl" / "01-x.txt").write_text(text, encoding="utf-8")
    path = root / "nl" / "01-x.gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def _entity(type_: str, id_: str, name: str, start: int = 0) -> Entity:
    return Entity(type_, MODEL.lineage(type_), name, start, start + len(name), id_, name, 1.0)


TEXT = "Het programma Samen Sterk in Heerlerheide Kom. Wethouder Jan Smeets: 06-12345678."
GOLD = {
    "lang": "nl",
    "entities": [
        {"class": "Programme", "name": "Samen Sterk"},
        {"class": "Neighbourhood", "id": "BU09172101", "name": "Heerlerheide Kom"},
        {"class": "Incident", "id": "incident-type:explosion"},
    ],
    "relations": [
        {"type": "TARGETS", "source": "Samen Sterk", "target": "BU09172101"},
        {"type": "OCCURRED_IN", "source": "incident-type:explosion", "target": "Heerlerheide Kom"},
    ],
    "personal": {"names": ["Jan Smeets", "Smeets"], "contacts": ["06-12345678"]},
}


def test_gold_relations_accept_ids_and_names(tmp_path: Path) -> None:
    _write(tmp_path, TEXT, GOLD)
    (doc,) = load_corpus(tmp_path)
    assert doc.relations == {
        ("TARGETS", "samen-sterk", "BU09172101"),
        ("OCCURRED_IN", "incident-type:explosion", "BU09172101"),
        ("OF_TYPE", "incident-type:explosion", "incident-type:explosion"),  # implied
    }
    assert ("Programme", "samen-sterk") in doc.entities


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"entities": [{"class": "Person", "name": "x"}]}, "class 'Person'"),
        ({"relations": [{"type": "TARGETS", "source": "A", "target": "B"}]}, "not an entity key"),
        ({"relations": [{"type": "LIKES", "source": "A", "target": "B"}]}, "unknown type"),
        ({"personal": {"names": ["Piet Paulusma"]}}, "does not occur"),
    ],
)
def test_broken_gold_files_are_reported_with_the_file(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    path = _write(tmp_path, TEXT, {**GOLD, **change})
    with pytest.raises(CorpusError, match=message) as info:
        load_corpus(tmp_path)
    assert str(path) in str(info.value)


def test_a_missing_corpus_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no \\*.gold.json"):
        load_corpus(tmp_path)


def _doc(names: tuple[str, ...] = (), contacts: tuple[str, ...] = ()) -> GoldDocument:
    return GoldDocument(Path("x.txt"), "", "nl", frozenset(), frozenset(), names, contacts)


def test_a_partly_redacted_name_is_a_leak_and_particles_or_titles_are_not() -> None:
    doc = _doc(names=("mevrouw Anna de Vries", "Jean-Pierre Dubois"))
    assert leaks(doc, "Mevrouw [PERSON] de en [PERSON] zeiden") == []
    found = leaks(doc, "[PERSON] de Vries en Jean-[PERSON] zeiden")
    assert found == ["name 'mevrouw Anna de Vries' (Vries)", "name 'Jean-Pierre Dubois' (Jean)"]


def test_a_phone_number_leaks_in_any_layout_and_a_house_number_only_with_its_street() -> None:
    doc = _doc(contacts=("06-12345678", "Akerstraat 112"))
    assert leaks(doc, "bel [PHONE] aan de Akerstraat [HOUSE_NUMBER]; 112 meldingen") == []
    assert leaks(doc, "bel 06 12 34 56 78 of Akerstraat  112") == [
        "contact '06-12345678'",
        "contact 'Akerstraat 112'",
    ]


def test_scoring_matches_by_key_and_class_and_keys_incidents_by_their_type(
    tmp_path: Path,
) -> None:
    _write(tmp_path, TEXT, GOLD)
    (doc,) = load_corpus(tmp_path)
    incident = _entity("Incident", "incident:explosion-bu09172101-undated", "explosie")
    extraction = Extraction(
        text="Het programma Samen Sterk in Heerlerheide Kom. Wethouder [PERSON]: [PHONE].",
        lang="nl",
        entities=[
            _entity("Programme", "programme:samen-sterk", "Samen Sterk"),
            _entity("Neighbourhood", "BU09172101", "Heerlerheide Kom"),
            _entity("District", "WK091721", "Heerlerheide-Passart"),  # not in the gold
            _entity("IncidentType", "incident-type:explosion", "explosie"),  # not in the gold
            incident,
            _entity("Playground", "class:Playground", "speeltuin"),  # a class word: ignored
        ],
        relations=[
            Relation("TARGETS", "programme:samen-sterk", "BU09172101", 0, 40, 0.9),
            Relation("OF_TYPE", incident.id, "incident-type:explosion", 0, 40, 0.9),
            Relation("OCCURRED_IN", incident.id, "WK091721", 0, 40, 0.9),  # wrong place
        ],
    )
    report = Report()
    score_document(doc, extraction, MODEL, report)
    assert (report.entities["Programme"].tp, report.entities["Neighbourhood"].tp) == (1, 1)
    assert report.entities["Incident"].tp == 1
    assert report.entities["District"].fp == 1
    assert report.entities["IncidentType"].fp == 1
    assert "Playground" not in report.entities and "Facility" not in report.entities
    assert report.relations["TARGETS"].tp == 1
    assert (report.relations["OCCURRED_IN"].fn, report.relations["OCCURRED_IN"].fp) == (1, 1)
    assert report.relations["OF_TYPE"].tp == 1  # implied by the gold Incident
    assert report.leaks == []
    total = Report.total(report.entities)
    assert (total.tp, total.fp, total.fn) == (3, 2, 0)
    assert total.precision == pytest.approx(0.6)
