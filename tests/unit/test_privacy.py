"""The privacy filter: every identifier type, the protections, and a leak test per language."""

from __future__ import annotations

import re

import pytest

from nlp.privacy import (
    PrivacyFilter,
    Redacted,
    bsn_valid,
    default_filter,
    iban_valid,
    placeholder,
)

PROTECTED_NAMES = [
    "Weller",
    "Buurtteam Heerlen Noord",
    "Politie Limburg",
    "Maria Gewanden",
    "Heerlen",
    "Heerlen-Noord",
    "Hoensbroek",
    "Gemeente Heerlen",
    "Openbaar Ministerie",
    "Wonen Limburg",
]


@pytest.fixture(scope="module")
def rules() -> PrivacyFilter:
    """Rules only (no deduce, no spaCy): fast, and what every language gets."""
    return PrivacyFilter(PROTECTED_NAMES, backends={})


@pytest.fixture(scope="module")
def full() -> PrivacyFilter:
    """The production filter: the ontology's and reference data's names, deduce and spaCy fr."""
    return default_filter()


def kinds(result: Redacted) -> list[str]:
    return [r.type for r in result.redactions]


def assert_offsets(result: Redacted) -> None:
    for redaction in result.redactions:
        assert result.text[redaction.start : redaction.end] == placeholder(redaction.type)
    assert len(result.redactions) == result.text.count("[") - result.text.count("[[")


# --- identifiers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "mail jan.jansen@weller.nl vandaag",
        "E-mail: m.dupont+wijk@example.co.uk.",
        "contact: info@buurtteam-heerlen.nl",
    ],
)
def test_email(rules: PrivacyFilter, text: str) -> None:
    result = rules.redact(text, "nl")
    assert "@" not in result.text
    assert kinds(result) == ["EMAIL"]
    assert_offsets(result)


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 1234 5678",
        "0612345678",
        "+31 6 1234 5678",
        "+31 (0)45 123 4567",
        "0031 45 123 4567",
        "045-1234567",
        "045 - 123 45 67",
        "(045) 123 45 67",
        "0800-1234",
        "0900-1234567",
        "+32 470 12 34 56",
        "+33 1 23 45 67 89",
        "+33 6 12 34 56 78",
        "01 23 45 67 89",
        "06.12.34.56.78",
        "+49 30 1234567",
        "+44 20 7946 0958",
    ],
)
def test_phone(rules: PrivacyFilter, phone: str) -> None:
    result = rules.redact(f"Bel {phone} voor meer.", "nl")
    assert result.text == "Bel [PHONE] voor meer."
    assert_offsets(result)


@pytest.mark.parametrize(
    "text",
    [
        "In 2018 en 2019 daalde het aantal.",
        "Buurt BU09171000 en wijk WK091710 van GM0917.",
        "De postcode 6411 AB hoort bij het centrum.",
        "Het kostte € 1.200 of 1.200.000 euro.",
        "Op 12-03-2021 om 10:00 uur, van 09.00-17.00 uur.",
        "Tussen 1 januari 2020 en 31 december 2023 (45%).",
        "Ruim 12.345 inwoners, 0,5 procent, 87.654.321 m2.",
    ],
)
def test_numbers_that_are_not_personal_survive(rules: PrivacyFilter, text: str) -> None:
    result = rules.redact(text, "nl")
    assert result.text == text, result.text


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "111.222.333"])
def test_bsn(rules: PrivacyFilter, bsn: str) -> None:
    result = rules.redact(f"BSN {bsn} van de bewoner.", "nl")
    assert result.text == "BSN [BSN] van de bewoner."


def test_bsn_needs_the_eleven_proof(rules: PrivacyFilter) -> None:
    assert bsn_valid("111222333")
    assert not bsn_valid("123456789")
    assert rules.redact("Nummer 123456789.", "nl").text == "Nummer 123456789."


@pytest.mark.parametrize(
    "iban",
    [
        "NL91 ABNA 0417 1643 00",
        "NL91ABNA0417164300",
        "BE68 5390 0754 7034",
        "FR14 2004 1010 0505 0001 3M02 606",
        "DE89 3704 0044 0532 0130 00",
    ],
)
def test_iban(rules: PrivacyFilter, iban: str) -> None:
    result = rules.redact(f"Rekening {iban} op naam.", "nl")
    assert result.text == "Rekening [IBAN] op naam."


def test_iban_checksum() -> None:
    assert iban_valid("NL91ABNA0417164300")
    assert not iban_valid("NL92ABNA0417164300")


@pytest.mark.parametrize(
    "plate", ["12-ABC-3", "AB-123-C", "1-ABC-23", "XX-99-99", "99-XX-99", "GBK-12-Z", "4-TFL-24"]
)
def test_licence_plate(rules: PrivacyFilter, plate: str) -> None:
    result = rules.redact(f"Een auto met kenteken {plate} reed weg.", "nl")
    assert result.text == "Een auto met kenteken [LICENCE_PLATE] reed weg."


@pytest.mark.parametrize(
    ("text", "expected", "lang"),
    [
        ("geboren op 3 mei 1985 in", "geboren op [DATE_OF_BIRTH] in", "nl"),
        ("(geb. 03-05-1985)", "(geb. [DATE_OF_BIRTH])", "nl"),
        ("geboortedatum: 1985-05-03", "geboortedatum: [DATE_OF_BIRTH]", "nl"),
        ("born on 3 May 1985.", "born on [DATE_OF_BIRTH].", "en"),
        ("date of birth: May 3, 1985.", "date of birth: [DATE_OF_BIRTH].", "en"),
        ("née le 3 mai 1985 à Lille", "née le [DATE_OF_BIRTH] à Lille", "fr"),
        ("date de naissance : 03/05/1985", "date de naissance : [DATE_OF_BIRTH]", "fr"),
    ],
)
def test_date_of_birth(rules: PrivacyFilter, text: str, expected: str, lang: str) -> None:
    assert rules.redact(text, lang).text == expected


def test_other_dates_survive(rules: PrivacyFilter) -> None:
    text = "Op 3 mei 1985 opende het wijkcentrum; de raad besloot op 03-05-2021."
    assert rules.redact(text, "nl").text == text


@pytest.mark.parametrize(
    ("text", "expected", "lang"),
    [
        ("woont aan de Akerstraat 12.", "woont aan de Akerstraat [HOUSE_NUMBER].", "nl"),
        ("Akerstraat 12a, 6411 AB Heerlen", "Akerstraat [HOUSE_NUMBER], 6411 AB Heerlen", "nl"),
        ("Akerstraat 12-3 boven", "Akerstraat [HOUSE_NUMBER]", "nl"),
        ("Pancratiusplein 5 bus 2.", "Pancratiusplein [HOUSE_NUMBER].", "nl"),
        (
            "op de Burgemeester de Hesselleplein 31",
            "op de Burgemeester de Hesselleplein [HOUSE_NUMBER]",
            "nl",
        ),
        ("Van Grunsvenplein 2, Heerlen", "Van Grunsvenplein [HOUSE_NUMBER], Heerlen", "nl"),
        ("postcode 6411 AB 12", "postcode 6411 AB [HOUSE_NUMBER]", "nl"),
        ("au 12 rue de la Paix", "au [HOUSE_NUMBER] rue de la Paix", "fr"),
        ("3, avenue Foch à Paris", "[HOUSE_NUMBER], avenue Foch à Paris", "fr"),
        ("at 10 Downing Street.", "at [HOUSE_NUMBER] Downing Street.", "en"),
        ("221B Baker Street", "[HOUSE_NUMBER] Baker Street", "en"),
    ],
)
def test_house_number(rules: PrivacyFilter, text: str, expected: str, lang: str) -> None:
    result = rules.redact(text, lang)
    assert result.text == expected
    assert_offsets(result)


@pytest.mark.parametrize(
    "text",
    [
        "De Akerstraat is afgesloten.",
        "Op de Kerstmarkt 2019 was het druk.",
        "Langs de Akerstraat staan 12 bomen? Nee, de Akerstraat telt 40 procent leegstand.",
    ],
)
def test_streets_without_numbers_survive(rules: PrivacyFilter, text: str) -> None:
    assert rules.redact(text, "nl").text == text


def test_known_street_from_reference_data() -> None:
    result = PrivacyFilter(streets=["Geleenstraat"], backends={}).redact("geleenstraat 7", "nl")
    assert result.text == "geleenstraat [HOUSE_NUMBER]"


# --- person names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Gisteren sprak burgemeester Roel Wever over de wijk.", "nl"),
        ("Wethouder Pieters opende het plein.", "nl"),
        ("Volgens wijkagent De Groot is het rustig.", "nl"),
        ("Officier van justitie Bakkers eiste straf.", "nl"),
        ("mevrouw J. de Vries (45) belde.", "nl"),
        ("dhr. Van der Meulen en mw. Hendriks kwamen.", "nl"),
        ("Een brief van A.B. Jansen en J.P.M. van der Heijden.", "nl"),
        ("Kees Bakker (45) uit Heerlen.", "nl"),
        ("prof. dr. ir. K. Schouten sprak.", "nl"),
        ("Mayor Smith and councillor O'Brien met Mrs Patel.", "en"),
        ("Dr. Okafor, spokesperson Lindqvist and Prof. Nakamura spoke.", "en"),
        ("Officer Kowalski (34) responded.", "en"),
        ("Le maire Dupont et Mme Lefèvre ont rencontré M. Garnier.", "fr"),
        ("La porte-parole Bernadette Rousseau-Leclerc a parlé.", "fr"),
        ("Selon le préfet Marchand, tout va bien.", "fr"),
    ],
)
def test_triggered_names(rules: PrivacyFilter, text: str, lang: str) -> None:
    result = rules.redact(text, lang)
    names = re.findall(
        r"Roel|Wever|Pieters|Groot|Bakkers?|Vries|Meulen|Hendriks|Jansen|Heijden|Schouten|"
        r"Smith|Brien|Patel|Okafor|Lindqvist|Nakamura|Kowalski|Dupont|Lefèvre|Garnier|"
        r"Bernadette|Rousseau|Leclerc|Marchand",
        result.text,
    )
    assert not names, result.text
    assert "PERSON" in kinds(result)
    assert_offsets(result)


def test_titles_and_roles_stay(rules: PrivacyFilter) -> None:
    result = rules.redact("Burgemeester Roel Wever en mevrouw De Vries.", "nl")
    assert result.text == "Burgemeester [PERSON] en mevrouw [PERSON]."


def test_first_name_list(rules: PrivacyFilter) -> None:
    result = rules.redact("Daarna spraken Sanne Verbeek, JOHN O'NEILL en Marie-Claire.", "nl")
    assert result.text == "Daarna spraken [PERSON], [PERSON] en [PERSON]."


def test_repeated_and_possessive_mentions(rules: PrivacyFilter) -> None:
    result = rules.redact("Wethouder Verbeek zei dat. Verbeeks plan en VERBEEK's idee.", "nl")
    assert "erbeek" not in result.text.casefold()


def test_saint_and_street_names_are_not_persons(rules: PrivacyFilter) -> None:
    text = "De Sint Jan en de Jan van Eyckstraat liggen bij de Willemstraat."
    assert rules.redact(text, "nl").text == text


@pytest.mark.parametrize(
    "text",
    [
        "Weller en Buurtteam Heerlen Noord werken samen met Politie Limburg.",
        "In Maria Gewanden (BU09171000) en Heerlen-Noord.",
        "Directeur Weller? Nee: de directeur van Wonen Limburg.",
        "WELLER en de Gemeente Heerlen",
    ],
)
def test_protected_names_survive(rules: PrivacyFilter, text: str) -> None:
    result = rules.redact(text, "nl")
    for name in PROTECTED_NAMES:
        assert text.count(name) == result.text.count(name)
    assert "WELLER" not in text or "WELLER" in result.text


def test_person_next_to_protected_name(rules: PrivacyFilter) -> None:
    result = rules.redact("Weller. Piet Jansen van Weller en burgemeester Wever van Heerlen.", "nl")
    assert result.text == "Weller. [PERSON] van Weller en burgemeester [PERSON] van Heerlen."


def test_contact_details_inside_protected_names_never_survive() -> None:
    result = PrivacyFilter(["Weller info@weller.nl"], backends={}).redact(
        "Weller info@weller.nl of 045-1234567", "nl"
    )
    assert result.text == "Weller [EMAIL] of [PHONE]"


def test_deterministic(rules: PrivacyFilter) -> None:
    text = NL_PARAGRAPH
    assert rules.redact(text, "nl") == rules.redact(text, "nl")


# --- leak tests -------------------------------------------------------------------------------

NL_PARAGRAPH = """\
Verslag buurtoverleg Heerlen-Noord, 12 maart 2024.
Aanwezig: burgemeester Roel Wever, wethouder Adriaan Hoogstraten, wijkagent Marco Kessels,
mevrouw J. de Vries-Ramakers (Weller), dhr. P. van der Linden (Buurtteam Heerlen Noord),
jongerenwerker Yusuf Demir, A.B. Jansen en Ingrid Schoonbrood van Politie Limburg.
Bewoonster Fatma Yilmaz (52) uit Maria Gewanden meldt overlast bij de familie Peeters in de
Akerstraat 112b. Ze belde 06-12345678 en mailde f.yilmaz@gmail.com. Ook Henk Brouwers en
Sanne Lemmens ondertekenden. Mw. Janssen-Kurvers en ir. T. Houben (Gemeente Heerlen) zegden
hulp toe; volgens Lemmens en Brouwers' buren is het rustig. Contact via HENK BROUWERS,
(045) 560 40 00 of +31 6 2345 6789. Rapporteur: Jeroen van 't Hof. Kessels' auto, kenteken
12-ABC-3, stond op het Pancratiusplein 5 bus 2. Officier van justitie Ten Brinke besluit.
"""
NL_NAMES = [
    "Roel", "Wever", "Hoogstraten", "Marco", "Kessels", "Vries", "Ramakers", "Linden",
    "Yusuf", "Demir", "Jansen", "Ingrid", "Schoonbrood", "Fatma", "Yilmaz", "Peeters",
    "Henk", "Brouwers", "Sanne", "Lemmens", "Janssen", "Kurvers", "Houben", "HENK",
    "BROUWERS", "Jeroen", "Brinke", "12345678", "yilmaz", "560 40 00", "2345 6789", "112b",
    "12-ABC-3",
]  # fmt: skip
NL_PROTECTED = [
    "Heerlen-Noord", "Weller", "Buurtteam Heerlen Noord", "Politie Limburg", "Maria Gewanden",
    "Akerstraat", "Pancratiusplein", "Gemeente Heerlen", "12 maart 2024",
]  # fmt: skip

EN_PARAGRAPH = """\
Minutes of the Heerlen safety meeting. Present: Mayor Roel Wever, Alderman Sarah Whitfield,
Officer Daniel O'Connor, Dr. A. Okafor (Weller), Mrs Priya Raghunathan, Prof. Hans Vogel,
councillor McAllister, spokesperson Lindqvist and youth worker Tom Becker. Resident Emily
Hargreaves (67) of 14 Baker Street reported nuisance; her neighbour Gareth Pryce-Jones agreed.
Contact Emily at emily.hargreaves@example.org or +44 20 7946 0958. J. R. Whitaker and
Margaret van Dijk signed for Politie Limburg. Mr Thompson's letter and WHITAKER's reply were
read. Chair Kowalczyk closed; David Mensah, born on 4 July 1990, will report in 2025.
"""
EN_NAMES = [
    "Wever", "Sarah", "Whitfield", "Daniel", "Connor", "Okafor", "Priya", "Raghunathan",
    "Hans", "Vogel", "McAllister", "Lindqvist", "Tom", "Becker", "Emily", "Hargreaves",
    "Gareth", "Pryce", "Jones", "hargreaves", "7946", "Whitaker", "WHITAKER", "Margaret",
    "Dijk", "Thompson", "Kowalczyk", "David", "Mensah", "14 Baker", "1990",
]  # fmt: skip
EN_PROTECTED = ["Heerlen", "Weller", "Politie Limburg", "Baker Street", "2025"]

FR_PARAGRAPH = """\
Compte rendu de la réunion à Heerlen. Étaient présents : le maire Roel Wever, l'adjointe
Claire Fontaine, Mme Sophie Lefèvre, M. Jean-Baptiste Moreau, le commissaire Laurent Girard,
Mlle Chloé Bernard, le Dr Antoine Lambert et la porte-parole Nathalie Rousseau (Weller).
Le préfet Marchand et Jacques Dubois-Petit, éducateur, ont parlé avec Amina Benali (34),
habitante du 12 rue de la Paix. Contact : amina.benali@orange.fr ou 06 12 34 56 78, ou
+33 1 23 45 67 89. Pierre Garnier, né le 3 mai 1985, et Isabelle Faure de Politie Limburg
ont signé. La lettre de M. GIRARD et celle de Julien d'Aubigny ont été lues. Maria Gewanden.
"""
FR_NAMES = [
    "Wever", "Claire", "Fontaine", "Sophie", "Lefèvre", "Jean-Baptiste", "Moreau", "Laurent",
    "Girard", "Chloé", "Bernard", "Antoine", "Lambert", "Nathalie", "Rousseau", "Marchand",
    "Jacques", "Dubois", "Petit", "Amina", "Benali", "benali", "12 34 56 78", "45 67 89",
    "Pierre", "Garnier", "1985", "Isabelle", "Faure", "GIRARD", "Julien", "Aubigny",
    "12 rue",
]  # fmt: skip
FR_PROTECTED = ["Heerlen", "Weller", "Politie Limburg", "rue de la Paix", "Maria Gewanden"]


@pytest.mark.parametrize(
    ("paragraph", "lang", "names", "protected"),
    [
        (NL_PARAGRAPH, "nl", NL_NAMES, NL_PROTECTED),
        (EN_PARAGRAPH, "en", EN_NAMES, EN_PROTECTED),
        (FR_PARAGRAPH, "fr", FR_NAMES, FR_PROTECTED),
    ],
)
@pytest.mark.parametrize("engine", ["rules", "full"])
def test_no_leaks(
    request: pytest.FixtureRequest,
    engine: str,
    paragraph: str,
    lang: str,
    names: list[str],
    protected: list[str],
) -> None:
    privacy: PrivacyFilter = request.getfixturevalue(engine)
    result = privacy.redact(paragraph, lang)
    leaks = [name for name in names if name in result.text]
    assert not leaks, result.text
    lost = [name for name in protected if name not in result.text]
    assert not lost, result.text
    assert_offsets(result)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Aanwezig: Peters, Smeets, Hermans en Vossen.",
            "nl",
            "Aanwezig: [PERSON], [PERSON], [PERSON] en [PERSON].",
        ),
        (
            "Volgens Brouwers is het rustig. Dat zei Smeets gisteren.",
            "nl",
            "Volgens [PERSON] is het rustig. Dat zei [PERSON] gisteren.",
        ),
        (
            "Marleen Hoenen, directeur van Weller, en Thijs van Mulken van het Buurtteam.",
            "nl",
            "[PERSON], directeur van Weller, en [PERSON] van het Buurtteam.",
        ),
        (
            "Sarah said the mayor, Mr. Wever, agreed. Tom's bike was stolen.",
            "en",
            "[PERSON] said the mayor, Mr. [PERSON], agreed. [PERSON]'s bike was stolen.",
        ),
        (
            "Selon Mme Durand et son fils Kevin, M. et Mme Lambert ont déménagé.",
            "fr",
            "Selon Mme [PERSON] et son fils [PERSON], M. et Mme [PERSON] ont déménagé.",
        ),
        (
            "Le témoignage de Jean-Marc Vasseur (41 ans) et de Fatoumata Diallo.",
            "fr",
            "Le témoignage de [PERSON] (41 ans) et de [PERSON].",
        ),
    ],
)
def test_backends(full: PrivacyFilter, text: str, lang: str, expected: str) -> None:
    result = full.redact(text, lang)
    assert result.text == expected
    assert_offsets(result)


POLICY_TEXT = {
    "nl": "Het programma in Heerlen-Noord richt zich op ondermijning. De gemeente Heerlen werkt "
    "samen met Weller, Wonen Limburg, Politie Limburg, het Openbaar Ministerie en Buurtteam "
    "Heerlen Noord. In Maria Gewanden en Vrieheide werden in 2023 veertig inbraken gemeld (CBS, "
    "BU09171000). Het Veiligheidshuis en de RIEC Limburg ondersteunen de aanpak. De Akerstraat "
    "en het Pancratiusplein krijgen camera's. Op Koningsdag is er extra toezicht; de Hogeschool "
    "Zuyd evalueert. Meer informatie via www.heerlen.nl of 14 045. Het Sint-Jansgeleen loopt "
    "langs de Wilhelminastraat in Hoensbroek.",
    "en": "The Heerlen North programme targets drug dealing. The municipality works with the "
    "police, Weller and the Public Prosecution Service. In March 2024 the council approved the "
    "plan; Maastricht University will evaluate it. Crime fell by 12% in Vrieheide. Will the "
    "approach work? May brought fewer incidents than April.",
    "fr": "Le programme de prévention à Heerlen vise le trafic de drogue. La municipalité de "
    "Heerlen travaille avec la police, Weller et le parquet. En mars 2024, le conseil a approuvé "
    "le plan ; l'Université de Maastricht l'évaluera. À Hoensbroek, le centre social accueille "
    "les jeunes.",
}


@pytest.mark.parametrize("lang", ["nl", "en", "fr"])
def test_texts_without_persons_are_untouched(full: PrivacyFilter, lang: str) -> None:
    text = POLICY_TEXT[lang]
    assert full.redact(text, lang).text == text
