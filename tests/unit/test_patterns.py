"""Names in no list: organisations, programmes, facilities and streets found by patterns."""

from __future__ import annotations

import pytest

from nlp.patterns import PatternFinder
from ontology import load_model


@pytest.fixture(scope="module")
def finder() -> PatternFinder:
    return PatternFinder(load_model())


def _found(finder: PatternFinder, text: str) -> list[tuple[str, str]]:
    return [(e.type, e.name) for e in finder.entities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Het programma Samen Sterk wordt uitgevoerd door Stichting Thuis in de Wijk en Weller.",
            [("Stakeholder", "Stichting Thuis in de Wijk"), ("Programme", "Samen Sterk")],
        ),
        ('Het project "Veilige Buurt" start in maart.', [("Programme", "Veilige Buurt")]),
        ("De Buurtgerichte-aanpak werkt.", [("Programme", "Buurtgerichte-aanpak")]),
        ("The Safe Streets programme targets GMS.", [("Programme", "Safe Streets")]),
        ("La commune lance le programme Quartiers Sûrs.", [("Programme", "Quartiers Sûrs")]),
        (
            "Brightlands B.V. en Zorggroep Parkstad doen mee.",
            [("Stakeholder", "Zorggroep Parkstad"), ("Stakeholder", "Brightlands B.V.")],
        ),
        (
            "Wijkcentrum De Nieuwe Nor ligt aan de Kloosterweg.",
            [("CommunityCentre", "Wijkcentrum De Nieuwe Nor"), ("Street", "Kloosterweg")],
        ),
    ],
)
def test_names_in_no_list(
    finder: PatternFinder, text: str, expected: list[tuple[str, str]]
) -> None:
    assert sorted(_found(finder, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Stichting [PERSON] zegt dat de straat veilig is.",
        "Het project wordt volgend jaar geëvalueerd.",
        "De aanpak van [PERSON] werkt.",
        "Bewoners van de straat zijn tevreden.",
    ],
)
def test_no_names_from_placeholders_or_common_words(finder: PatternFinder, text: str) -> None:
    assert _found(finder, text) == []


def test_ids_are_stable_type_and_normalised_name(finder: PatternFinder) -> None:
    first = finder.entities("Het programma Samen  Sterk start.")[0]
    second = finder.entities("Het programma Samen Sterk start.")[0]
    assert first.id == second.id == "programme:samen-sterk"
    assert first.classes == ("Programme",)
