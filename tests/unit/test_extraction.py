"""The alias extractor: known names and ontology words as documents write them, one entity per
mention; and language detection."""

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


def test_a_shared_name_is_reported_once_as_the_district_by_default(
    extractor: AliasExtractor,
) -> None:
    found = extractor.extract("Overlast in De Koumen neemt af.")
    assert [(e.id, e.type, e.confidence) for e in found.entities] == [("WK091714", "District", 1.0)]


def test_a_shared_name_follows_the_class_word_before_it(extractor: AliasExtractor) -> None:
    found = extractor.extract("Overlast in de buurt De Koumen neemt af.")
    assert [(e.id, e.confidence) for e in found.entities] == [("BU09171400", 1.0)]


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


# ---------------------------------------------------------------- the reference gazetteer


@pytest.fixture(scope="module")
def reference() -> AliasExtractor:
    from loaders.reference import gazetteer_entries
    from nlp.gazetteer import ontology_entries

    model = load_model()
    return AliasExtractor([*gazetteer_entries(model), *ontology_entries(model)], model)


def _found(extractor: AliasExtractor, text: str) -> list[tuple[str, str]]:
    found = extractor.extract(text)
    for e in found.entities:
        assert text[e.start : e.end] == e.text
    return [(e.text, e.id) for e in found.entities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # case and diacritics
        ("In Versilienbosch.", [("Versilienbosch", "BU09172003")]),
        ("IN VERSILIËNBOSCH.", [("VERSILIËNBOSCH", "BU09172003")]),
        # hyphen, space or nothing
        ("Naar Heerlerheide-Kom.", [("Heerlerheide-Kom", "BU09172101")]),
        ("Naar HeerlerheideKom.", [("HeerlerheideKom", "BU09172101")]),
        ("Naar Nieuw Einde.", [("Nieuw Einde", "BU09172002")]),
        ("Naar Maria-Gewanden.", [("Maria-Gewanden", "BU09171000")]),
        ("Naar Heerlerheide\nKom.", [("Heerlerheide\nKom", "BU09172101")]),
        # 't / het
        ("Naar het Loon.", [("het Loon", "BU09173302")]),
        ("Naar ’t Loon.", [("’t Loon", "BU09173302")]),
        # the centre family
        ("Het centrum van Heerlen.", [("centrum van Heerlen", "WK091733")]),
        ("In Heerlen centrum.", [("Heerlen centrum", "WK091733")]),
        ("In Hoensbroek Centrum.", [("Hoensbroek Centrum", "BU09171200")]),
        ("The Heerlen town centre.", [("Heerlen town centre", "WK091733")]),
        ("The centre of Hoensbroek.", [("centre of Hoensbroek", "BU09171200")]),
        ("Le centre de Heerlen.", [("centre de Heerlen", "WK091733")]),
        # compass points
        ("In Noord-Heerlen.", [("Noord-Heerlen", "area:heerlen-noord")]),
        ("In Heerlen North.", [("Heerlen North", "area:heerlen-noord")]),
        ("In Heerlen noord.", [("Heerlen noord", "area:heerlen-noord")]),
        # "en omgeving"
        ("In De Dem.", [("De Dem", "BU09171201")]),
        ("In De Dem e.o.", [("De Dem e.o.", "BU09171201")]),
        ("In Egstraat e.o.", [("Egstraat e.o.", "BU09174100")]),
        # organisations
        ("De gemeente Heerlen besluit.", [("gemeente Heerlen", "stakeholder:gemeente-heerlen")]),
        ("GEMEENTE HEERLEN", [("GEMEENTE HEERLEN", "stakeholder:gemeente-heerlen")]),
        (
            "Politie en politie.",
            [("Politie", "stakeholder:politie-limburg")] * 0
            + [
                ("Politie", "stakeholder:politie-limburg"),
                ("politie", "stakeholder:politie-limburg"),
            ],
        ),
        (
            "Het OM en de UM.",
            [
                ("OM", "stakeholder:openbaar-ministerie"),
                ("UM", "stakeholder:maastricht-university"),
            ],
        ),
    ],
)
def test_names_as_documents_write_them(
    reference: AliasExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(reference, text) == expected


def test_variants_carry_their_confidence(reference: AliasExtractor) -> None:
    text = "Heerlen-Centrum, centrum van Heerlen, De Dem e.o., De Dem en Versilienbosh."
    assert [e.confidence for e in reference.extract(text).entities] == [1.0, 0.9, 0.95, 0.8, 0.8]


def _names(extractor: AliasExtractor, text: str) -> list[tuple[str, str]]:
    """Only the named things: no class words, no concepts."""
    words = ("class:", "incident-type:", "theme:", "cpted-principle:")
    return [(t, i) for t, i in _found(extractor, text) if not i.startswith(words)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("heerlen en versiliënbosch en passart in kleine letters.", []),
        ("In Heerlerheide kom je veel tegen.", [("Heerlerheide", "area:heerlerheide")]),
        ("Om de overlast te beperken.", []),  # "OM" only in capitals
        ("Beitel is een stuk gereedschap.", []),  # an ordinary word starting a sentence
        # "Ziekenhuis" next to another capitalised word is part of a longer name
        ("Het Zuyderland Ziekenhuis.", [("Zuyderland", "stakeholder:zuyderland")]),
        ("Zij ligt in het Ziekenhuis.", []),  # an article makes it the common noun
        ("Verspreide huizen zijn er niet.", []),
        ("Aan de Egstraat.", []),  # a street alone is the street, not the neighbourhood
        ("Hold up the line; they break in.", []),  # a hyphen in an ontology word is no space
    ],
)
def test_no_name_where_there_is_none(
    reference: AliasExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _names(reference, text) == expected


def test_a_common_word_name_needs_evidence_it_is_a_name(reference: AliasExtractor) -> None:
    assert _found(reference, "Ziekenhuis Zuyderland ligt in Ziekenhuis.") == [
        ("Ziekenhuis", "class:Hospital"),
        ("Zuyderland", "stakeholder:zuyderland"),
        ("Ziekenhuis", "BU09173602"),
    ]
    # a second capitalised word is evidence, even at the start of a sentence
    assert _found(reference, "De Beitel en Nieuw-Einde.") == [
        ("De Beitel", "WK091742"),
        ("Nieuw-Einde", "BU09172002"),
    ]


def test_a_lower_case_article_gives_way_to_a_known_name(reference: AliasExtractor) -> None:
    # "de Beitel" is the neighbourhood Beitel after "de", not the district De Beitel
    assert _found(reference, "Les habitants de Beitel.") == [("Beitel", "BU09174200")]
    assert _names(reference, "Wonen in de Koumen.") == [("de Koumen", "WK091714")]


def test_a_failed_longer_match_gives_way_to_a_shorter_one(reference: AliasExtractor) -> None:
    # "gemeente heerlen": the name fails the case rule, the class word does not
    assert _found(reference, "de gemeente heerlen") == [("gemeente", "class:Municipality")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Inbraken", "incident-type:burglary"),
        ("woninginbraken", "incident-type:burglary"),
        ("bedrijfsinbraken", "incident-type:burglary"),
        ("EXPLOSIES", "incident-type:explosion"),
        ("schietpartijen", "incident-type:shooting"),
        ("insluipingen", "incident-type:burglary"),
        ("cambriolages", "incident-type:burglary"),
        ("incendies criminels", "incident-type:arson"),
        ("vols de vélo", "incident-type:bicycle-theft"),
        ("burglaries", "incident-type:burglary"),
        ("thefts from a vehicle", "incident-type:theft-from-vehicle"),
        ("house burglaries", "incident-type:burglary"),
        ("het illegale vuurwerk", "incident-type:fireworks-nuisance"),
        ("autoinbraak", "incident-type:theft-from-vehicle"),
        ("de wijken", "class:District"),
        ("les quartiers", "class:District"),
        ("speeltuinen", "class:Playground"),
        ("securite", "theme:safety"),
    ],
)
def test_ontology_words_inflected(reference: AliasExtractor, text: str, expected: str) -> None:
    assert [i for _, i in _found(reference, text)] == [expected]


def test_abstract_themes_are_not_inflected(reference: AliasExtractor) -> None:
    # "werken" and "works" are verbs here, not the theme work; "travaux" are roadworks
    assert _found(reference, "We werken samen, it works, les travaux.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de wijk De Koumen", "WK091714"),
        ("de buurt De Koumen", "BU09171400"),
        ("the district Heksenberg", "WK091722"),
        ("the neighbourhood Heksenberg", "BU09172200"),
        ("the neighborhood Heksenberg", "BU09172200"),
        ("le quartier Heksenberg", "WK091722"),
        ("Heksenberg is een buurt in Heerlerheide", "BU09172200"),
        ("De Koumen", "WK091714"),
        ("Heerlen-Centrum", "WK091733"),
        ("de buurt Heerlen-Centrum", "BU09173300"),
    ],
)
def test_homonyms_by_their_cue_word(reference: AliasExtractor, text: str, expected: str) -> None:
    places = [i for _, i in _found(reference, text) if not i.startswith(("class:", "area:"))]
    assert places == [expected]


def test_cue_words_reach_across_enumerations(reference: AliasExtractor) -> None:
    text = "De buurten Passart, Heksenberg en De Koumen, en de wijken Heksenberg en De Koumen."
    places = [i for _, i in _found(reference, text) if not i.startswith("class:")]
    assert places == ["BU09172100", "BU09172200", "BU09171400", "WK091722", "WK091714"]
    # a cue word right after another name is that name's
    assert [i for _, i in _found(reference, "De Koumen (buurt) en De Koumen.")][::2] == [
        "BU09171400",
        "WK091714",
    ]


def test_heerlen_and_heerlerheide_homonyms_by_longest_match(reference: AliasExtractor) -> None:
    text = "Heerlen, Heerlen-Centrum, Heerlerheide, Heerlerheide-Passart en Heerlerheide Kom."
    assert [i for _, i in _found(reference, text)] == [
        "GM0917",
        "WK091733",
        "area:heerlerheide",
        "WK091721",
        "BU09172101",
    ]


def test_a_name_beats_a_class_word_of_the_same_surface(reference: AliasExtractor) -> None:
    found = reference.extract("De politie en de police.")
    assert [(e.id, e.confidence) for e in found.entities] == [
        ("stakeholder:politie-limburg", 1.0),
        ("stakeholder:politie-limburg", 1.0),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In Versilienbosh.", [("Versilienbosh", "BU09172003")]),  # one letter left out
        ("In Heksenbreg.", [("Heksenbreg", "WK091722")]),  # two letters swapped
        ("Gisteren Heerlerheid-Kom bezocht.", [("Heerlerheid-Kom", "BU09172101")]),
        ("In Versilienbos.", []),  # two edits from a 14-letter name
        ("In Passrt.", []),  # too short to guess
        ("In Schaesberg.", []),  # another place, far from Schaesbergerveld
        ("In versilienbosh.", []),  # not capitalised: no name
    ],
)
def test_fuzzy_names(reference: AliasExtractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(reference, text) == expected


def test_alias_extractor_offers_its_names_for_linking(reference: AliasExtractor) -> None:
    assert "stakeholder:politie-limburg" in reference.known
    assert "incident-type:burglary" not in reference.known  # a concept, not a name


def test_name_surfaces_list_the_variants(reference: AliasExtractor) -> None:
    surfaces = reference.name_surfaces()
    assert {"Heerlen-Centrum", "centrum van Heerlen", "het Loon", "De Dem e.o."} <= set(surfaces)
    assert "inbraken" not in surfaces  # ontology words are no names
