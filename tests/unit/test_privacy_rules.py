"""The privacy filter's rules one by one: name contexts, the organisation and street names that
are kept, identifiers in more formats, the word classifier, and how the back-ends are called
(only on sentences with an undecided capitalised word, once per document and language)."""

from __future__ import annotations

import pytest

from nlp.privacy import PrivacyFilter, Span
from nlp.privacy_backends import clean_span, run_on_windows, sentence_windows
from nlp.privacy_lexicon import (
    WordClass,
    first_names,
    is_compound_of_common_words,
    surnames,
    weak_first_names,
    word_class,
)

PROTECTED = ["Weller", "Heerlen", "Politie Limburg", "Buurtteam Heerlen Noord", "Maria Gewanden"]


@pytest.fixture(scope="module")
def rules() -> PrivacyFilter:
    return PrivacyFilter(PROTECTED, backends={})


def redact(rules: PrivacyFilter, text: str, lang: str = "nl") -> str:
    return rules.redact(text, lang).text


class Recorder:
    """A fake back-end: records its input and returns the spans of given words."""

    def __init__(self, *words: str) -> None:
        self.words = words
        self.calls: list[str] = []

    def __call__(self, text: str) -> list[Span]:
        self.calls.append(text)
        found = []
        for word in self.words:
            start = text.find(word)
            while start >= 0:
                found.append(Span("PERSON", start, start + len(word)))
                start = text.find(word, start + 1)
        return found


# --- contexts that make a run of capitalised words a person's name ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles and roles, with a comma, colon, party tag or apposition
        ("wethouder Jansen (PvdA) opende", "wethouder [PERSON] (PvdA) opende"),
        ("Voorzitter: R. Bemelmans", "Voorzitter: [PERSON]"),
        ("de burgemeester van Heerlen, Roel Wever, zei", "de burgemeester van Heerlen, [PERSON],"),
        ("Oud-wethouder Thijs Brouns", "Oud-wethouder [PERSON]"),
        ("wijkagent De Groot is er", "wijkagent [PERSON] is er"),
        ("wethouder Financiën Jansen", "wethouder Financiën [PERSON]"),
        # initials, also French "M."
        ("een brief van A.B. Jansen", "een brief van [PERSON]"),
        ("M. Dupont est venu", "M. [PERSON] est venu"),
        ("ir. M. (Martijn) Dassen", "ir. M. ([PERSON]) [PERSON]"),
        # quoting words before, speech verbs and ages after
        ("Volgens Ramakers is het rustig.", "Volgens [PERSON] is het rustig."),
        ("Selon Dubois, tout va bien.", "Selon [PERSON], tout va bien."),
        ("Creemers zei dat het goed ging.", "[PERSON] zei dat het goed ging."),
        ("Garnier a ajouté que", "[PERSON] a ajouté que"),
        ("Sprenkels (Alcander) zei nee.", "[PERSON] (Alcander) zei nee."),
        ("Nwachukwu, a local shopkeeper, agreed.", "[PERSON], a local shopkeeper, agreed."),
        # a listed surname after a preposition, even when it is an ordinary word too
        ("het plan van Bakker werd aangenomen", "het plan van [PERSON] werd aangenomen"),
        # a capitalised surname particle inside a sentence
        ("met Thewissen en Op de Kamp", "met [PERSON] en [PERSON]"),
        # coordination with a person
        ("written by Kerckhoffs and Sprenkels.", "written by [PERSON] and [PERSON]."),
        ("Jansen, P.J. (Weller)", "[PERSON], P.J. (Weller)"),
    ],
)
def test_name_contexts(rules: PrivacyFilter, text: str, expected: str) -> None:
    assert expected in redact(rules, text, "fr" if "Dupont" in text else "nl")


def test_first_names_alone_and_ambiguous_first_names(rules: PrivacyFilter) -> None:
    assert redact(rules, "Daarna sprak Sanne.") == "Daarna sprak [PERSON]."
    assert redact(rules, "Roos Jansen en Will Smith kwamen.") == "[PERSON] en [PERSON] kwamen."
    text = "Will the approach work? May brought fewer incidents than April. Roos bloeit."
    assert redact(rules, text, "en") == text


def test_wrapped_name_continues_on_the_next_line(rules: PrivacyFilter) -> None:
    result = redact(rules, "Bewoner Emily\nHargreaves en wethouder Adriaan\nHoogstraten.", "en")
    assert "Hargreaves" not in result and "Hoogstraten" not in result
    assert result.count("\n") == 2  # placeholders never swallow a line break


def test_signature_lines(rules: PrivacyFilter) -> None:
    text = "Met vriendelijke groet,\n\nnamens het buurtteam,\nMarieke Lemmens\nProjectleider"
    assert redact(rules, text).endswith("namens het buurtteam,\n[PERSON]\nProjectleider")
    assert redact(rules, "Groet, Kerckhoffs") == "Groet, [PERSON]"
    for kept in ("Met vriendelijke groet,\nGemeente Heerlen", "Kind regards,\nThe Safety Team"):
        assert redact(rules, kept) == kept


def test_speaker_labels_and_header_labels(rules: PrivacyFilter) -> None:
    text = "2. Mededelingen\nBaggen: er zijn drie inbraken.\n- Pleunis (Weller): akkoord."
    assert (
        redact(rules, text)
        == "2. Mededelingen\n[PERSON]: er zijn drie inbraken.\n- [PERSON] (Weller): akkoord."
    )
    headers = "Besluit: akkoord.\nNamespace: st.\nWijkschouw: dinsdag.\nHeerlen: rustig."
    assert redact(rules, headers) == headers


def test_attendance_lists(rules: PrivacyFilter) -> None:
    inline = "Aanwezig: Kleuskens, mevr. Lardenoije, Pleunis (Weller) en het Buurtteam.\nDe rest"
    assert redact(rules, inline) == (
        "Aanwezig: [PERSON], mevr. [PERSON], [PERSON] (Weller) en het Buurtteam.\nDe rest"
    )
    block = "Afwezig:\n- Starmans\n- Pepels, secretaris\n\nZuyderland opent een kliniek."
    assert redact(rules, block) == (
        "Afwezig:\n- [PERSON]\n- [PERSON], secretaris\n\nZuyderland opent een kliniek."
    )
    # an inline list ends with its line: the next line is no list item
    assert "Zuyderland" in redact(rules, "Aanwezig: Kleuskens\nZuyderland opent een kliniek.")


# --- what is kept -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "De Stichting Jan Smeets Fonds steunt buurtprojecten.",
        "Stichting Jan Smeets opende een inloop.",
        "De Sint Jan en de Jan van Eyckstraat liggen hier.",
        "Het Anne Frank Huis en het Prins Bernhard Cultuurfonds.",
        "Ook Frituur Sjeng en Bakkerij Lemmens doen mee.",
        "La réunion a lieu rue Victor Hugo, près du lycée Jean Moulin.",
        "Stichting Thuis in de Wijk en het programma Samen Sterk in de Wijk.",
        "Mevrouw zei dat de directeur Bedrijfsvoering belde.",
    ],
)
def test_names_of_organisations_places_and_streets_after_persons_are_kept(
    rules: PrivacyFilter, text: str
) -> None:
    assert redact(rules, text, "fr" if "rue" in text else "nl") == text


def test_a_person_with_the_same_name_elsewhere_is_still_redacted(rules: PrivacyFilter) -> None:
    result = redact(rules, "Wethouder Jan Smeets opende het Jan Smeets Fonds.")
    assert "Smeets" not in result  # privacy wins over the organisation's name


def test_a_person_from_a_street_is_no_street_name(rules: PrivacyFilter) -> None:
    result = redact(rules, "Aanmelden bij Sjef en Mariëlle van de Kerkstraat 7.")
    assert result == "Aanmelden bij [PERSON] en [PERSON] van de Kerkstraat [HOUSE_NUMBER]."


def test_facility_names_are_protected_in_the_whole_document() -> None:
    recorder = Recorder("Kroon", "Bovendeert")  # a back-end that also takes "Kroon" for a name
    privacy = PrivacyFilter(backends={"nl": (recorder,)})
    text = "Wijkcentrum De Kroon is open. Iedereen is welkom in De Kroon, zegt Bovendeert."
    assert privacy.redact(text, "nl").text == (
        "Wijkcentrum De Kroon is open. Iedereen is welkom in De Kroon, zegt [PERSON]."
    )


# --- identifiers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "+31 (0)45 560 40 40",
        "(045) 571 22 33",
        "045 - 560 40 40",
        "06 - 12 34 56 78",
        "+31(0)6 1234 5678",
        "0031-6-12345678",
        "+32 11 23 45 67",
        "0032 11 234567",
        "011 23 45 67",
        "0049 241 123456",
        "0800-0123456",
    ],
)
def test_more_phone_formats(rules: PrivacyFilter, phone: str) -> None:
    assert redact(rules, f"Bel {phone} of mail.") == "Bel [PHONE] of mail."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Akerstraat 112-A", "Akerstraat [HOUSE_NUMBER]"),
        ("Akerstraat nr. 112", "Akerstraat nr. [HOUSE_NUMBER]"),
        ("Akerstraat, nummer 114", "Akerstraat, nummer [HOUSE_NUMBER]"),
        ("Kloosterweg 4-6", "Kloosterweg [HOUSE_NUMBER]"),
        ("nummer 12 van de Akerstraat", "nummer [HOUSE_NUMBER] van de Akerstraat"),
        ("zij woont op nummer 24.", "zij woont op nummer [HOUSE_NUMBER]."),
        ("huisnummer 7b", "huisnummer [HOUSE_NUMBER]"),
        ("112 Akerstraat", "[HOUSE_NUMBER] Akerstraat"),
        ("Rue Haute 15 à Bruxelles", "Rue Haute [HOUSE_NUMBER] à Bruxelles"),
        ("Aachener Str. 5", "Aachener Str. [HOUSE_NUMBER]"),
        ("6411 AB, 12", "6411 AB, [HOUSE_NUMBER]"),
    ],
)
def test_more_house_numbers(rules: PrivacyFilter, text: str, expected: str) -> None:
    assert redact(rules, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Op nummer 1 van de ranglijst staat Heerlen.",
        "De Akerstraat telt 40 woningen en 12% leegstand.",
        "In 2023 waren er 12 inbraken op 3 plekken.",
        "Rue de la Paix en 2019.",
    ],
)
def test_numbers_that_are_no_house_numbers(rules: PrivacyFilter, text: str) -> None:
    assert redact(rules, text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kenteken 1-ABC-234", "kenteken [LICENCE_PLATE]"),
        ("plaque AB-123-CD", "plaque [LICENCE_PLATE]"),
        ("Kennzeichen AC-AB 123", "Kennzeichen [LICENCE_PLATE]"),
        ("Geboren: 12 januari 1975.", "Geboren: [DATE_OF_BIRTH]."),
        ("geboren in 1987 te Heerlen", "geboren in [DATE_OF_BIRTH] te Heerlen"),
        ("Jean (° 12/03/1950)", "[PERSON] (° [DATE_OF_BIRTH])"),
        ("née le 1er mai 1990", "née le [DATE_OF_BIRTH]"),
        ("DOB 04/07/1979", "DOB [DATE_OF_BIRTH]"),
        ("BSN: 111 222 333", "BSN: [BSN]"),
        ("nl91abna0417164300", "[IBAN]"),
    ],
)
def test_more_identifiers(rules: PrivacyFilter, text: str, expected: str) -> None:
    assert redact(rules, text) == expected


# --- the word classifier ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Sanne", WordClass.FIRST),
        ("Jean-Pierre", WordClass.FIRST),
        ("Yıldırım", WordClass.SURNAME),
        ("Creemers", WordClass.SURNAME),
        ("Janssen-Smeets", WordClass.SURNAME),
        ("Will", WordClass.WEAK_FIRST),
        ("Burgemeester", WordClass.TITLE),
        ("Jongerenwerker", WordClass.TITLE),
        ("Oud-wethouder", WordClass.TITLE),
        ("Buurtteam", WordClass.ORGANISATION),
        ("Akerstraat", WordClass.STREET),
        ("Sint", WordClass.SAINT),
        ("Volgens", WordClass.CUE),
        ("Dinsdag", WordClass.OTHER),
        ("RIEC", WordClass.OTHER),
        ("JOHN", WordClass.FIRST),
    ],
)
def test_word_class(word: str, kind: WordClass) -> None:
    assert word_class(word) == kind


def test_name_lists() -> None:
    assert {"mehmet", "fatima", "agnieszka", "priscilla", "oluwaseun"} <= first_names()
    assert {"will", "may", "roos"} <= weak_first_names()
    assert not weak_first_names() & first_names()
    assert {"creemers", "huntjens", "yilmaz", "kowalski", "doekhie"} <= surnames()
    assert not {"van", "de", "der"} & surnames()


def test_compounds_of_ordinary_words() -> None:
    assert is_compound_of_common_words("Wijkschouw")
    assert not is_compound_of_common_words("Kerckhoffs")


# --- back-ends -------------------------------------------------------------------------------


def test_backends_see_only_sentences_with_undecided_words() -> None:
    recorder = Recorder("Bovendeert")  # in no name list: the rules leave it open
    privacy = PrivacyFilter(PROTECTED, backends={"nl": (recorder,)})
    text = (
        "Weller en Politie Limburg werken samen. Wethouder Jan Smeets opende.\n\n"
        "Gisteren kwam Bovendeert langs. De Akerstraat is dicht."
    )
    result = privacy.redact(text, "nl")
    assert recorder.calls == ["Gisteren kwam Bovendeert langs. "]
    assert "Bovendeert" not in result.text and "Akerstraat" in result.text


def test_backends_are_not_called_when_the_rules_decided_everything() -> None:
    recorder = Recorder()
    privacy = PrivacyFilter(PROTECTED, backends={"nl": (recorder,)})
    privacy.redact("Wethouder Jan Smeets en Weller. In Heerlen is het rustig.", "nl")
    assert recorder.calls == []


def test_one_backend_call_per_language_with_sections() -> None:
    dutch, french = Recorder(), Recorder()
    privacy = PrivacyFilter(backends={"nl": (dutch,), "fr": (french,)})
    text = "Bovendeert kwam.\n\nMordang ging.\n\nZwakhalen signale un dépôt."
    first, second = text.index("Mordang"), text.index("Zwakhalen")
    sections = [(0, first, "nl"), (first, second, "nl"), (second, len(text), "fr")]
    privacy.redact(text, sections)
    assert len(dutch.calls) == len(french.calls) == 1
    assert "Bovendeert" in dutch.calls[0] and "Mordang" in dutch.calls[0]
    assert french.calls[0].startswith("Zwakhalen")


def test_backend_spans_are_trimmed_and_protected() -> None:
    privacy = PrivacyFilter(
        PROTECTED, backends={"nl": (Recorder("Volgens wijkagent Kerkhofs", "Weller"),)}
    )
    result = privacy.redact("Volgens wijkagent Kerkhofs en Weller.", "nl").text
    assert result == "Volgens wijkagent [PERSON] en Weller."
    text = "Volgens de Politie Kerkhofs"
    assert clean_span(text, Span("PERSON", 0, 18)) is None
    trimmed = clean_span(text, Span("PERSON", 0, len(text)))
    assert trimmed is not None and text[trimmed.start : trimmed.end] == "Kerkhofs"


def test_windows_and_offsets() -> None:
    text = "Eerste zin. Tweede zin met Kerkhofs.\nDerde regel, dhr. J. Vossen."
    windows = sentence_windows(text, [(27, 35), (56, 62)], 0, len(text))
    assert [text[s:e] for s, e in windows] == [
        "Tweede zin met Kerkhofs.\n",
        "Derde regel, dhr. J. Vossen.",
    ]
    spans = run_on_windows(Recorder("Kerkhofs", "Vossen"), text, windows)
    assert [text[s.start : s.end] for s in spans] == ["Kerkhofs", "Vossen"]
