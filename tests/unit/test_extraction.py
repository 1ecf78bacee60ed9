"""The minimal extractor: exact alias matching, and language detection."""

from __future__ import annotations

import itertools

import pytest

from nlp.extraction import AliasExtractor, GazetteerEntry
from nlp.language import detect
from ontology import load_model

ENTRIES = [
    GazetteerEntry("Heerlen", "GM0917", "Municipality", "Heerlen"),
    GazetteerEntry("Heerlen-Noord", "area:heerlen-noord", "Area", "Heerlen-Noord"),
    GazetteerEntry(
        "Buurtteams Heerlen", "stakeholder:buurtteams-heerlen", "Stakeholder", "Buurtteams Heerlen"
    ),
    GazetteerEntry("De Koumen", "WK091714", "District", "De Koumen"),
    GazetteerEntry("De Koumen", "BU09171400", "Neighbourhood", "De Koumen"),
    GazetteerEntry("Weller", "stakeholder:weller", "Stakeholder", "Weller"),
    GazetteerEntry("Weller Wonen", "stakeholder:weller", "Stakeholder", "Weller"),
]


@pytest.fixture
def extractor() -> AliasExtractor:
    return AliasExtractor(ENTRIES, load_model())


def test_longest_match_wins_and_offsets_point_at_the_text(extractor: AliasExtractor) -> None:
    text = "De Buurtteams Heerlen werken in Heerlen-Noord en in Heerlen met Weller Wonen."
    found = extractor.extract(text)
    assert [(e.id, e.text) for e in found.entities] == [
        ("stakeholder:buurtteams-heerlen", "Buurtteams Heerlen"),
        ("area:heerlen-noord", "Heerlen-Noord"),
        ("GM0917", "Heerlen"),
        ("stakeholder:weller", "Weller Wonen"),
    ]
    for e in found.entities:
        assert text[e.start : e.end] == e.text
    assert found.entities[1].classes == ("Area", "Place")


def test_whole_words_and_case_only(extractor: AliasExtractor) -> None:
    found = extractor.extract("Hellerweg, heerlen and Wellerstraat are not names we know.")
    assert found.entities == []


def test_names_broken_over_lines(extractor: AliasExtractor) -> None:
    found = extractor.extract("Samen met de Buurtteams\nHeerlen gaan we door.")
    assert [e.id for e in found.entities] == ["stakeholder:buurtteams-heerlen"]
    assert found.entities[0].text == "Buurtteams\nHeerlen"


def test_shared_names_link_to_each_candidate_with_split_confidence(
    extractor: AliasExtractor,
) -> None:
    found = extractor.extract("Overlast in De Koumen neemt af.")
    assert sorted((e.id, e.confidence) for e in found.entities) == [
        ("BU09171400", 0.5),
        ("WK091714", 0.5),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("De gemeente en de politie werken samen aan de veiligheid in de wijk.", "nl"),
        ("The municipality and the police work together on safety in the district.", "en"),
        ("La commune et la police travaillent ensemble pour la sécurité dans le quartier.", "fr"),
        ("Heerlen 2024", "und"),
    ],
)
def test_language(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_ontology_words_match_in_any_case_names_only_exactly() -> None:
    model = load_model()
    entries = [
        *ENTRIES,
        GazetteerEntry(
            "inwoners", "indicator:inhabitants", "Indicator", "inhabitants", case_sensitive=False
        ),
    ]
    found = AliasExtractor(entries, model).extract("Inwoners van heerlen en Heerlen: INWONERS.")
    assert [(e.text, e.id) for e in found.entities] == [
        ("Inwoners", "indicator:inhabitants"),
        ("Heerlen", "GM0917"),
        ("INWONERS", "indicator:inhabitants"),
    ]


def test_class_words_are_reported_but_not_linked() -> None:
    from loaders.documents import SourceDocument
    from loaders.ingest import document_plan
    from nlp.gazetteer import class_id, ontology_entries

    model = load_model()
    text = "De gemeente en Weller Wonen overleggen."
    found = AliasExtractor([*ENTRIES, *ontology_entries(model)], model).extract(text)
    ids = [e.id for e in found.entities]
    assert class_id("Municipality") in ids and "stakeholder:weller" in ids
    doc = SourceDocument("doc:x", "file:///x.txt", "text/plain", text, "x")
    targets = [r.target for r in document_plan(doc, found).relationships]
    assert targets == ["stakeholder:weller"]


def test_paragraph_languages_cover_the_text() -> None:
    from nlp.language import paragraphs

    text = (
        "Verslag\n\nDe gemeente en de politie werken samen aan de veiligheid in de wijk.\n\n"
        "La commune et la police travaillent ensemble pour la sécurité dans le quartier."
    )
    found = paragraphs(text)
    assert [lang for _, _, lang in found] == ["nl", "nl", "fr"]  # the heading takes the default
    assert found[0][0] == 0 and found[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(found))
