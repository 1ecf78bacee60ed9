"""The whole extraction pipeline on small texts: one entity per name in a document, repeated
names found again, pattern names linked to known entities, file names without persons."""

from __future__ import annotations

import pytest

from loaders.reference import gazetteer_entries
from nlp.gazetteer import ontology_entries
from nlp.pipeline import RedactingExtractor, build_extractor
from ontology import load_model


@pytest.fixture(scope="module")
def extractor() -> RedactingExtractor:
    model = load_model()
    return build_extractor(gazetteer_entries(model) + ontology_entries(model), model)


def test_a_short_form_of_a_name_is_the_same_entity(extractor: RedactingExtractor) -> None:
    found = extractor.extract(
        'De gemeente start "Project Nachtwacht". Project Nachtwacht richt zich op Passart. '
        "Later volgt het project Nachtwacht ook in Heksenberg."
    )
    programmes = {(e.id, e.name) for e in found.entities if e.type == "Programme"}
    assert programmes == {("programme:project-nachtwacht", "Project Nachtwacht")}
    mentions = [e for e in found.entities if e.type == "Programme"]
    assert len(mentions) == 3


def test_a_name_found_once_is_found_wherever_it_recurs(extractor: RedactingExtractor) -> None:
    found = extractor.extract(
        "Het jongerenproject Straatwijs start in maart. Straatwijs richt zich op Passart."
    )
    spans = [(e.start, e.text) for e in found.entities if e.id == "programme:straatwijs"]
    assert [text for _, text in spans] == ["Straatwijs", "Straatwijs"]
    assert ("TARGETS", "programme:straatwijs", "BU09172100") in {
        (r.type, r.source, r.target) for r in found.relations
    }


def test_a_pattern_name_that_is_known_gets_the_known_id(extractor: RedactingExtractor) -> None:
    found = extractor.extract("De Stichting Veilig Ontwerp en Beheer adviseert de gemeente.")
    ids = {e.id for e in found.entities}
    assert "stakeholder:stichting-veilig-ontwerp-en-beheer" in ids
    assert not found.new_ids


def test_file_names_lose_person_names_and_keep_the_rest(extractor: RedactingExtractor) -> None:
    uri = "file:///data/dossier%20Marieke%20Lemmens/gesprek_Jan_Jansen_Terschuren.txt"
    safe = extractor.redact_uri(uri)
    assert "Lemmens" not in safe and "Jansen" not in safe and "Marieke" not in safe
    assert safe.startswith("file:///data/") and "Terschuren" in safe and "gesprek" in safe
    plain = "file:///data/wijkanalyse_heksenberg_2024.txt"
    assert extractor.redact_uri(plain) == plain
