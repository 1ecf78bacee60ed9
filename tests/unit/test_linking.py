"""Mention → canonical id: normal forms and variants of names, inflected ontology words, the
choice among entities sharing a surface, fuzzy names and linking pattern entities."""

from __future__ import annotations

import pytest

from nlp.extraction import Entity, GazetteerEntry
from nlp.gazetteer import cue_words, word_languages
from nlp.lemmas import inflections, is_common_word
from nlp.linking import FuzzyNames, KnownNames, choose, context_words, core_key, link_new
from nlp.normalise import (
    CAPITAL,
    EXACT,
    FREE,
    case_requirements,
    fold,
    key,
    name_variants,
)
from nlp.patterns import slug
from ontology import load_model
from ontology.model import OntologyModel, kebab


@pytest.fixture(scope="module")
def model() -> OntologyModel:
    return load_model()


# ---------------------------------------------------------------- normal forms


def test_fold_keeps_offsets() -> None:
    text = "VERSILIËNBOSCH – ’t Loon\u00a0Ça"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "versilienbosch - 't loon ca"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Versiliënbosch", "versilienbosch"),
        ("Heerlerheide Kom", "Heerlerheide-Kom"),
        ("Heerlerheide Kom", "HeerlerheideKom"),
        ("Nieuw-Einde", "Nieuw\nEinde"),
        ("'t Loon", "het Loon"),
        ("’t Loon", "t Loon"),
        ("St. Pancratius", "Sint Pancratius"),
        ("Dr. Nolensplein", "Dr Nolensplein"),
    ],
)
def test_keys_equal(a: str, b: str) -> None:
    assert key(a) == key(b)


def test_keys_differ() -> None:
    assert key("Heerlen-Noord") != key("Heerlen-Zuid")
    assert key("De Beitel") != key("Beitel")  # the article is part of the name


def _variants(name: str) -> dict[str, tuple[float, str]]:
    return {v.surface: (v.confidence, v.family) for v in name_variants(name, ("straat",))}


def test_centre_variants() -> None:
    found = _variants("Heerlen-Centrum")
    assert found["Heerlen-Centrum"] == (1.0, "name")
    for text in ("centrum van Heerlen", "Heerlen town centre", "centre of Heerlen"):
        assert found[text] == (0.9, "centre")
    assert "centre de Heerlen" in found and "centre-ville de Heerlen" in found


def test_compass_variants() -> None:
    found = _variants("Nieuw Lotbroek-Noord")
    assert {"Noord-Nieuw Lotbroek", "Nieuw Lotbroek North", "Nieuw Lotbroek-Nord"} <= set(found)
    assert "Zuid-Nieuw Lotbroek" not in found


def test_surroundings_variants() -> None:
    found = _variants("De Dem en omgeving")
    assert found["De Dem e.o."] == (0.95, "surroundings")
    assert found["omgeving De Dem"] == (0.9, "surroundings")
    assert found["De Dem"] == (0.8, "surroundings")
    street = _variants("Egstraat en omgeving")
    assert "Egstraat e.o." in street and "Egstraat" not in street


def test_spelling_variants() -> None:
    assert {"'t Loon", "het Loon"} <= set(_variants("'t Loon"))
    assert {"Sint Jan", "St. Jan"} <= set(_variants("Sint Jan"))
    assert _variants("Passart") == {"Passart": (1.0, "name")}


@pytest.mark.parametrize(
    ("surface", "free", "expected"),
    [
        ("Passart", (), (CAPITAL,)),
        ("Gemeente Heerlen", ("gemeente",), (FREE, CAPITAL)),
        ("De Koumen", (), (FREE, CAPITAL)),
        ("Heerlen-Centrum", (), (CAPITAL, FREE)),
        ("Heerlerheide Kom", (), (CAPITAL, CAPITAL)),
        ("ZVH Parkstad", (), (EXACT, CAPITAL)),
        ("politie", (), (FREE,)),
        ("Ziekenhuis", ("ziekenhuis",), (CAPITAL,)),  # never all free
        ("In de Cramer", (), (FREE, FREE, CAPITAL)),
    ],
)
def test_case_requirements(surface: str, free: tuple[str, ...], expected: tuple[int, ...]) -> None:
    assert case_requirements(surface, free) == expected


# ---------------------------------------------------------------- inflections


@pytest.mark.parametrize(
    ("word", "lang", "forms"),
    [
        ("inbraak", "nl", {"inbraken"}),
        ("woninginbraak", "nl", {"woninginbraken"}),
        ("explosie", "nl", {"explosies"}),
        ("diefstal", "nl", {"diefstallen"}),
        ("vernieling", "nl", {"vernielingen"}),
        ("schietpartij", "nl", {"schietpartijen"}),
        ("bedrijf", "nl", {"bedrijven"}),
        ("huis", "nl", {"huizen"}),
        ("gemeente", "nl", {"gemeenten", "gemeentes"}),
        ("veiligheid", "nl", {"veiligheden"}),
        ("wijkcentrum", "nl", {"wijkcentra"}),
        ("stad", "nl", {"steden"}),  # the spaCy exception table
        ("diefstal uit woning", "nl", {"diefstallen uit woning"}),
        ("illegaal vuurwerk", "nl", {"illegale vuurwerk"}),
        ("burglary", "en", {"burglaries"}),
        ("break-in", "en", {"break-ins"}),
        ("theft from a vehicle", "en", {"thefts from a vehicle"}),
        ("woman", "en", {"women"}),
        ("cambriolage", "fr", {"cambriolages"}),
        ("incendie criminel", "fr", {"incendies criminels"}),
        ("vol de vélo", "fr", {"vols de vélo"}),
        ("journal", "fr", {"journaux"}),
    ],
)
def test_inflections(word: str, lang: str, forms: set[str]) -> None:
    assert forms <= inflections(word, lang)


def test_inflections_are_safe() -> None:
    assert inflections("rel", "nl") == set()  # too short to inflect
    assert "rel" not in inflections("rellen", "nl")  # nor to be a form
    assert inflections("tapage", "xx") == set()  # an unknown language
    assert "vol de vélos" not in inflections("vol de vélo", "fr")  # only before "de"
    assert inflections("inbraak", "nl") == {"inbraken"}


def test_common_words() -> None:
    assert is_common_word("Beitel") and is_common_word("hei")
    assert is_common_word("verspreide", max_letters=20)  # through its lemma "verspreid"
    assert not is_common_word("Passart") and not is_common_word("Heksenberg")
    assert not is_common_word("Molenberg")  # a long lexicon word is no everyday word
    assert is_common_word("Molenberg", max_letters=20)


def test_ontology_word_languages_and_cues(model: OntologyModel) -> None:
    langs = word_languages(model)
    assert langs["inbraak"] == {"nl"} and langs["cambriolage"] == {"fr"}
    cues = cue_words(model)
    assert {"wijk", "wijken", "district", "quartier"} <= cues["District"]
    assert {"buurt", "buurten", "neighbourhood", "neighborhood"} <= cues["Neighbourhood"]
    assert "buurt" not in cues["District"]


# ---------------------------------------------------------------- the choice among candidates

DISTRICT = GazetteerEntry("De Koumen", "WK091714", "District", "De Koumen")
NEIGHBOURHOOD = GazetteerEntry("De Koumen", "BU09171400", "Neighbourhood", "De Koumen")
POLICE = GazetteerEntry("politie", "stakeholder:politie-limburg", "Police", "Politie Limburg")
POLICE_WORD = GazetteerEntry("politie", "class:Police", "Police", "police", case_sensitive=False)


@pytest.mark.parametrize(
    ("before", "after", "expected", "why"),
    [
        (["buurt", "de"], [], "BU09171400", "cue"),
        (["wijk"], ["buurt"], "WK091714", "cue"),  # before wins over after
        (["de", "in", "overlast"], ["is", "een", "buurt"], "BU09171400", "cue"),
        (["de", "in", "overlast"], [], "WK091714", "default"),
        (["neighborhood", "the"], [], "BU09171400", "cue"),
        (["quartier", "le"], [], "WK091714", "cue"),
    ],
)
def test_choose_by_cue_words(
    model: OntologyModel, before: list[str], after: list[str], expected: str, why: str
) -> None:
    chosen, reason = choose([NEIGHBOURHOOD, DISTRICT], before, after, cue_words(model))
    assert (chosen.id, reason) == (expected, why)


def test_a_name_beats_an_ontology_word(model: OntologyModel) -> None:
    chosen, _ = choose(
        [POLICE_WORD, POLICE], [], [], cue_words(model), lambda e: not e.case_sensitive
    )
    assert chosen.id == "stakeholder:politie-limburg"


def test_context_words_skip_other_names_and_connectors() -> None:
    text = "De buurten Passart, Heksenberg en De Koumen liggen in de wijk. Buurt."
    mentions = [(11, 18), (20, 30), (34, 43)]
    before, after = context_words(text, 34, 43, mentions)
    assert before == ["buurten", "de"]
    assert after == ["liggen", "in", "de"]  # stops at the sentence's end, 3 words


def test_context_words_leave_another_names_cue_to_it() -> None:
    text = "De Koumen (buurt) en De Koumen"
    before, _ = context_words(text, 21, 30, [(0, 9), (21, 30)])
    assert before == [""]  # "buurt" follows the other De Koumen


# ---------------------------------------------------------------- fuzzy names

PLACES = [
    GazetteerEntry("Versiliënbosch", "BU09172003", "Neighbourhood", "Versiliënbosch"),
    GazetteerEntry("Heksenberg", "WK091722", "District", "Heksenberg"),
    GazetteerEntry("Passart", "BU09172100", "Neighbourhood", "Passart"),
    GazetteerEntry(
        "Meezenbroek-Schaesbergerveld", "WK091732", "District", "Meezenbroek-Schaesbergerveld"
    ),
]


@pytest.mark.parametrize(
    ("span", "expected", "edits"),
    [
        ("Versilienbosh", "BU09172003", 1),  # a letter left out
        ("Versilienbossch", "BU09172003", 1),  # a letter too many
        ("Heksenbreg", "WK091722", 1),  # two letters swapped
        ("Heksenburg", "WK091722", 1),  # a letter replaced
        ("Meezenbrook-Schaesbergervelt", "WK091732", 2),  # a long name allows two edits
        ("Versilienbos", None, 0),  # two edits from a 14-letter name
        ("Heksnbreg", None, 0),  # two edits from a 10-letter name
        ("Passrt", None, 0),  # too short to guess
        ("Passart", None, 0),  # an exact key is no fuzzy match
        ("Geksenberg", None, 0),  # the first letter must agree
    ],
)
def test_fuzzy_thresholds(span: str, expected: str | None, edits: int) -> None:
    found, distance = FuzzyNames(PLACES).find(span)
    assert ([e.id for e in found], distance) == (([expected], edits) if expected else ([], 0))


# ---------------------------------------------------------------- pattern entities


def _pattern_entity(model: OntologyModel, type_: str, name: str, id_: str) -> Entity:
    return Entity(type_, model.lineage(type_), name, 0, len(name), id_, name, 0.7)


KNOWN = [
    GazetteerEntry("Politie Limburg", "stakeholder:politie-limburg", "Police", "Politie Limburg"),
    GazetteerEntry("politie", "stakeholder:politie-limburg", "Police", "Politie Limburg"),
    GazetteerEntry(
        "Stichting Buurtkracht",
        "stakeholder:stichting-buurtkracht",
        "Stakeholder",
        "Stichting Buurtkracht",
    ),
    GazetteerEntry("Egstraat en omgeving", "BU09174100", "Neighbourhood", "Egstraat en omgeving"),
    GazetteerEntry("inbraak", "incident-type:burglary", "IncidentType", "burglary"),
]


@pytest.mark.parametrize(
    ("type_", "name", "expected_id", "expected_type", "confidence"),
    [
        # created from document 1, found again by the pattern in document 2
        ("Stakeholder", "Stichting Buurtkracht", "stakeholder:stichting-buurtkracht", None, 0.9),
        ("Stakeholder", "stichting BuurtKracht", "stakeholder:stichting-buurtkracht", None, 0.9),
        ("Stakeholder", "Buurtkracht B.V.", "stakeholder:stichting-buurtkracht", None, 0.9),
        ("Stakeholder", "Stichting Buurtkrackt", "stakeholder:stichting-buurtkracht", None, 0.7),
        # a pattern's generic type links to the known, more specific one
        ("Stakeholder", "Politie Limburg", "stakeholder:politie-limburg", "Police", 0.9),
        # incompatible types, or nothing near: unchanged
        ("Street", "Egstraat en omgeving", None, None, 0.7),
        ("Programme", "Politie Limburg", None, None, 0.7),
        ("Stakeholder", "Stichting Buurtmacht", None, None, 0.7),
    ],
)
def test_link_new(
    model: OntologyModel,
    type_: str,
    name: str,
    expected_id: str | None,
    expected_type: str | None,
    confidence: float,
) -> None:
    pattern_id = f"{kebab(type_)}:{slug(name)}"
    linked = link_new(_pattern_entity(model, type_, name, pattern_id), KnownNames(KNOWN, model))
    expected = (expected_id or pattern_id, expected_type or type_, confidence)
    assert (linked.id, linked.type, linked.confidence) == expected
    assert linked.classes == model.lineage(linked.type)


def test_known_names_hold_names_not_words(model: OntologyModel) -> None:
    known = KnownNames(KNOWN, model)
    assert "stakeholder:politie-limburg" in known
    assert "incident-type:burglary" not in known
    assert core_key("Stichting OM") == ""  # too little left to compare
