"""Names in no list: organisations, programmes, facilities and streets found by patterns."""

from __future__ import annotations

import pytest

from nlp.extraction import Entity
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Het jongerenproject Straatwijs en het team Analyse en Onderzoek werken samen.",
            [("Programme", "Straatwijs"), ("Stakeholder", "team Analyse en Onderzoek")],
        ),
        (
            "De Omgevingsdienst Zuid-Limburg en de Ondernemersvereniging Hoensbroek tekenden.",
            [
                ("Stakeholder", "Omgevingsdienst Zuid-Limburg"),
                ("Stakeholder", "Ondernemersvereniging Hoensbroek"),
            ],
        ),
        (
            "Het programma Veilig en Leefbaar Centrum loopt tot 2026.",
            [("Programme", "Veilig en Leefbaar Centrum")],
        ),
        ("Dit past binnen de Vroeg Eropaf-aanpak.", [("Programme", "Vroeg Eropaf-aanpak")]),
        (
            "Het sluit aan bij het Nationaal Programma Heerlen-Noord.",
            [("Programme", "Nationaal Programma Heerlen-Noord")],
        ),
        ("De brief ging naar Palemigerboord [HOUSE_NUMBER].", [("Street", "Palemigerboord")]),
        (
            "L'asbl Jeunes Ensemble se trouve rue de la Fontaine, près de l'avenue Blonden.",
            [
                ("Stakeholder", "asbl Jeunes Ensemble"),
                ("Street", "rue de la Fontaine"),
                ("Street", "avenue Blonden"),
            ],
        ),
        (
            "Football at De Regenboog primary school and in buurthuis 't Zeswegske.",
            [
                ("School", "De Regenboog primary school"),
                ("CommunityCentre", "buurthuis 't Zeswegske"),
            ],
        ),
        ("Better schools help. Nieuw jongerencentrum open.", []),
        (
            "La zone de police Basse-Meuse et la Politiezone Carma coopèrent.",
            [("Stakeholder", "zone de police Basse-Meuse"), ("Stakeholder", "Politiezone Carma")],
        ),
    ],
)
def test_compounds_teams_connectors_and_house_numbers(
    finder: PatternFinder, text: str, expected: list[tuple[str, str]]
) -> None:
    assert sorted(_found(finder, text)) == sorted(expected)


def test_a_defined_acronym_names_the_organisation_wherever_it_is_used(
    finder: PatternFinder,
) -> None:
    text = "Het Regionaal Informatie- en Expertise Centrum (RIEC) adviseert. Het RIEC meldt dat."
    found = [(e.type, e.name, e.text) for e in finder.entities(text)]
    name = "Regionaal Informatie- en Expertise Centrum"
    assert found == [("Stakeholder", name, name), ("Stakeholder", name, "RIEC")]


def _known(text: str, surface: str, type_: str, id_: str) -> list[Entity]:
    start = text.index(surface)
    model = load_model()
    return [Entity(type_, model.lineage(type_), surface, start, start + len(surface), id_, "", 1)]


@pytest.mark.parametrize(
    ("text", "known", "expected"),
    [
        # a joining word before a known name ends the found name there
        (
            "Het programma Samen Sterk van de Gemeente Heerlen loopt.",
            ("Gemeente Heerlen", "LocalGovernment", "stakeholder:gemeente-heerlen"),
            [("Programme", "Samen Sterk")],
        ),
        # a known place right after a capitalised word is part of the name
        (
            "Stichting Centrummanagement Heerlen doet mee.",
            ("Heerlen", "Municipality", "GM0917"),
            [("Stakeholder", "Stichting Centrummanagement Heerlen")],
        ),
        # quotes fix the extent whatever is inside
        (
            'Het project "Wijkdata voor Heerlerheide" start.',
            ("Heerlerheide", "Area", "area:heerlerheide"),
            [("Programme", "Wijkdata voor Heerlerheide")],
        ),
        # a form word alone is no name: the place after it names the body
        (
            "Un accord avec la Ville de Verviers.",
            ("Verviers", "Municipality", "municipality:verviers"),
            [("Stakeholder", "Ville de Verviers")],
        ),
        (
            "Onderzoekers van de Université de Liège.",
            ("Liège", "Municipality", "municipality:liege"),
            [("Stakeholder", "Université de Liège")],
        ),
        # a find that starts with a known name is that name, not a new one
        (
            "Het programma Heerlerheide is klaar.",
            ("Heerlerheide", "Area", "area:heerlerheide"),
            [],
        ),
    ],
)
def test_finds_are_cut_or_kept_around_known_names(
    finder: PatternFinder, text: str, known: tuple[str, str, str], expected: list[object]
) -> None:
    found = finder.entities(text, _known(text, *known))
    assert [(e.type, e.name) for e in found] == expected
