"""Identifiers the privacy filter removes wherever they occur, also inside protected names.

* e-mail addresses;
* phone numbers: Dutch (``045-5604040``, ``06-12345678``, ``06 1234 5678``, ``(045) 571 22 33``,
  ``0800-…``), international (``+31 6 1234 5678``, ``+31 (0)45 560 40 40``, ``0032 11 234567``,
  ``+33 6 12 34 56 78``, ``0049 241 123456``) and Belgian nine-digit numbers when written in
  groups (``011 23 45 67``);
* BSN (nine digits passing the 11-proof, also ``123.456.782`` and ``123 456 782`` after "BSN");
* IBAN (mod-97 checked, with or without spaces);
* licence plates: Dutch side codes 1-14, Belgian ``1-ABC-234``, French ``AB-123-CD`` and
  German ``AC-AB 123``;
* dates of birth after a birth marker ("geboren op", "geb.", "born on", "date of birth",
  "né(e) le", "°"), also a bare year after "geboren in" / "born in" / "né en";
* house numbers: after a street name ("Akerstraat 112", "Geleenstraat 12a", "Kloosterweg 4-6",
  "Hoofdstraat 23 bus 2", "Aachener Str. 5"), before it ("112 Akerstraat", "10 Downing Street",
  "12 rue de la Paix"), after a French or Belgian street ("Rue Haute 15"), after a postcode
  ("6411 AB 12") and after "huisnummer" or "nummer 12 van de Akerstraat". The street stays.

A four-digit number from 1900 to 2099 after a street name is taken for a year ("Kerstmarkt
2019") unless a postcode follows; a postcode alone covers a street segment and stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from nlp.privacy_lexicon import LOWER, UPPER

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


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text to replace by the placeholder of ``type``."""

    type: str
    start: int
    end: int


def _spans(pattern: re.Pattern[str], text: str, kind: str, group: int | str = 0) -> Iterator[Span]:
    for match in pattern.finditer(text):
        yield Span(kind, match.start(group), match.end(group))


# --- e-mail ----------------------------------------------------------------------------------

_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")

# --- phone numbers ---------------------------------------------------------------------------

_PHONE_CANDIDATE_RE = re.compile(
    r"(?<![\w+@/.,-])(?:\+[ \t]?|00)?(?:\(\+?\d{1,4}\)|\d+)"
    r"(?:(?:[ \t]|[ \t]?[-./][ \t]?)?(?:\(0\)|\(\d{1,4}\)|\d+))*"
)
_DATE_SHAPE_RE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?:\s|$)")
_GROUP_END_RE = re.compile(r"\d(?=\D|$)|\)(?=\D|$)")
_NON_DIGIT_RE = re.compile(r"\D")
# Country code -> the number of digits after "+" (or "00") a valid number has.
_INTERNATIONAL_LENGTHS: dict[str, tuple[int, ...]] = {
    "31": (11,),
    "32": (10, 11),
    "33": (11,),
    "44": (12,),
    "352": (9, 10, 11, 12),
    "49": tuple(range(9, 15)),
}


def _phone_digits_valid(chunk: str) -> bool:
    """Whether a run of digits and separators has the length of a phone number."""
    international = chunk.startswith(("+", "00"))
    digits = _NON_DIGIT_RE.sub("", chunk.replace("(0)", ""))
    if international:
        digits = digits[2:] if chunk.startswith("00") else digits
        for prefix, sizes in _INTERNATIONAL_LENGTHS.items():
            if digits.startswith(prefix):
                return len(digits) in sizes
        return 9 <= len(digits) <= 15
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    if digits.startswith(("0800", "0900", "0906", "0909")):
        return chunk.startswith(digits[:4]) and len(digits) in (8, 11)
    if len(digits) == 10:
        return True
    # Belgian land lines have nine digits, German numbers up to eleven: only when written in
    # groups, as a bare run of digits that long is more often something else.
    grouped = any(not c.isdigit() for c in chunk)
    return grouped and len(digits) in (9, 11)


def find_phones(text: str) -> Iterator[Span]:
    for match in _PHONE_CANDIDATE_RE.finditer(text):
        chunk = match.group()
        if len(chunk) < 8 or sum(c.isdigit() for c in chunk) < 8 or _DATE_SHAPE_RE.match(chunk):
            continue
        # The candidate may run on into a following number: try the longest valid prefix
        # that ends at a group boundary.
        ends = [m.end() for m in _GROUP_END_RE.finditer(chunk)]
        for end in reversed(ends):
            prefix = chunk[:end]
            if _phone_digits_valid(prefix) and not _DATE_SHAPE_RE.match(prefix):
                yield Span(PHONE, match.start(), match.start() + end)
                break


# --- BSN -------------------------------------------------------------------------------------

_BSN_RE = re.compile(
    r"(?<![\w.,€$-])(\d{9}|\d{3}\.\d{3}\.\d{3}|\d{4}\.\d{2}\.\d{3})(?![\w-]|[.,]\d)"
)
_BSN_MARKED_RE = re.compile(
    r"(?i:bsn|burgerservicenummer|sofi-?nummer|citizen service number)[ \t]*(?:nr\.?|nummer)?"
    r"[ \t]*:?[ \t]*(\d{3}[ .]?\d{3}[ .]?\d{3}|\d{4}[ .]\d{2}[ .]\d{3})(?![\w-]|[.,]\d)"
)
_MONEY_BEFORE_RE = re.compile(r"(?:€|EUR|eur|\$|£)[ \t]*$")


def bsn_valid(digits: str) -> bool:
    """The Dutch 11-proof for citizen service numbers."""
    if len(digits) != 9 or not digits.isdigit() or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def find_bsns(text: str) -> Iterator[Span]:
    for match in _BSN_RE.finditer(text):
        before = text[max(0, match.start() - 6) : match.start()]
        if not _MONEY_BEFORE_RE.search(before) and bsn_valid(match.group(1).replace(".", "")):
            yield Span(BSN, match.start(1), match.end(1))
    for match in _BSN_MARKED_RE.finditer(text):
        if bsn_valid(re.sub(r"\D", "", match.group(1))):
            yield Span(BSN, match.start(1), match.end(1))


# --- IBAN ------------------------------------------------------------------------------------

_IBAN_RE = re.compile(
    r"(?<![\w])[A-Z]{2}\d{2}(?:[ \t]?[A-Z0-9]{4}){2,7}(?:[ \t]?[A-Z0-9]{1,3})?(?!\w)"
)
_IBAN_COMPACT_RE = re.compile(r"(?<![\w])(?i:[A-Z]{2}\d{2}[A-Z0-9]{11,30})(?!\w)")
_NON_SPACE_RE = re.compile(r"\S+")
IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "LU": 20, "GB": 22, "ES": 24, "IT": 27, "AT": 20,
    "CH": 21, "PL": 28, "PT": 25, "IE": 22, "DK": 18, "SE": 24, "NO": 15, "FI": 18, "TR": 26,
}  # fmt: skip


def iban_valid(candidate: str) -> bool:
    """Country length (where known) and the ISO 13616 mod-97 check."""
    iban = candidate.replace(" ", "").replace("\t", "").upper()
    expected = IBAN_LENGTHS.get(iban[:2])
    if (expected and len(iban) != expected) or not 15 <= len(iban) <= 34:
        return False
    rearranged = iban[4:] + iban[:4]
    try:
        number = "".join(str(int(c, 36)) for c in rearranged)
    except ValueError:
        return False
    return int(number) % 97 == 1


def find_ibans(text: str) -> Iterator[Span]:
    for pattern in (_IBAN_RE, _IBAN_COMPACT_RE):
        for match in pattern.finditer(text):
            chunk = match.group()
            ends = [m.end() for m in _NON_SPACE_RE.finditer(chunk)]
            for end in reversed(ends):
                if iban_valid(chunk[:end]):
                    yield Span(IBAN, match.start(), match.start() + end)
                    break


# --- licence plates --------------------------------------------------------------------------

_PLATE_SIDE_CODES = (
    # the Netherlands, side codes 1-14
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
    "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
    # Belgium since 2010, France since 2009
    "D-LLL-DDD", "LL-DDD-LL",
)  # fmt: skip


def _side_code_pattern(code: str) -> str:
    return "".join("[A-Z]" if c == "L" else r"\d" if c == "D" else "-" for c in code)


_PLATE_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(_side_code_pattern(c) for c in _PLATE_SIDE_CODES)
    # Germany: district, dash, one or two letters, space, up to four digits (E/H suffix)
    + r"|[A-ZÄÖÜ]{1,3}-[A-Z]{1,2}[ \t]\d{1,4}[EH]?"
    + r")(?![\w-])"
)

# --- dates of birth --------------------------------------------------------------------------

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|"
    "january|february|march|may|june|july|august|october|"
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "januar|februar|märz|oktober|dezember"
)
_DATE = (
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:e|er|ste|de|st|nd|rd|th)?\.?[ \t]+(?i:{_MONTHS})\.?[ \t]+\d{{4}}"
    rf"|(?i:{_MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}})"
)
_DOB_RE = re.compile(
    r"(?<!\w)(?i:geboren(?:[ \t]+(?:op|am))?|geb\.(?:[ \t]+op)?|geboortedatum|born(?:[ \t]+on)?|"
    r"date[ \t]+of[ \t]+birth|birth[ \t]?date|d\.?o\.?b\.?|née?(?:\(e\))?(?:[ \t]+le)?|"
    r"date[ \t]+de[ \t]+naissance|geburtsdatum)"
    rf"[ \t]*:?[ \t]*(?P<date>{_DATE})"
    rf"|°[ \t]?(?P<date2>{_DATE}|(?:19|20)\d\d)(?!\d)"
    r"|(?<!\w)(?i:geboren[ \t]+in|born[ \t]+in|née?[ \t]+en|geboortejaar:?"
    r"|year[ \t]+of[ \t]+birth:?|année[ \t]+de[ \t]+naissance[ \t]*:?)"
    r"[ \t]+(?P<year>(?:19|20)\d\d)(?!\d)"
)
_DOB_MARKERS = ("geb", "born", "birth", "né", "naissance", "d.o.b", "dob", "°")


def find_dates_of_birth(text: str) -> Iterator[Span]:
    lowered = text.casefold()
    if not any(marker in lowered for marker in _DOB_MARKERS):
        return
    for match in _DOB_RE.finditer(text):
        group = next(g for g in ("date", "date2", "year") if match.group(g))
        yield Span(DATE_OF_BIRTH, match.start(group), match.end(group))


# --- house numbers ---------------------------------------------------------------------------

_NAME_WORD = rf"[{UPPER}][{LOWER}'’-]*"
HOUSE_NO = (
    r"\d{1,5}(?:[ \t]?-?[ \t]?[a-zA-Z](?![\w]))?"
    r"(?:[ \t]?[-/][ \t]?\d{1,4}[a-zA-Z]?(?!\w))?"
    r"(?:[ \t]+(?i:bus|bis|ter|hs|huis|boven|bov|rd|i{1,3})(?:[ \t]?\d{1,4})?(?!\w))?"
)
_NOT_A_HOUSE_NUMBER_AFTER = (
    r"(?![\w,.]\d|[ \t]*(?:%|€|euro|procent|per ?cent|pour ?cent|jaar|ans|years|m2|m²|meter|"
    r"km|uur|keer|x\b))"
)
STREET_SUFFIXES = (
    "straat|straatje|weg|laan|plein|singel|gracht|dijk|kade|steeg|pad|hof|dreef|park|"
    "plantsoen|boulevard|markt|ring|baan|veld|wal|dam|haven|erf|oord|allee|promenade|"
    "passage|kwartier|hoven|gaard|berg|dal|broek|rade|heide|lei|dries|stede|vest|burcht|"
    "poort|kamp|donk|akker|hoek|weide|bosch|bos|rijk|hagen|straße|strasse|str\\.|gasse|platz|"
    "damm|ufer|chaussee"
)
# Each pattern below is tried at a run of digits: the ones ending in \Z on the text before it,
# the others from its start. Looking from the digits is much faster than scanning the text
# for street names.
_STREET_BEFORE_RE = re.compile(
    rf"(?<![\w-])(?:[{UPPER}][\w'’-]*?(?i:{STREET_SUFFIXES})|Str\.)"
    r"(?:,?[ \t]+(?i:nr\.?|nummer|no\.?|n°|number|numéro))?[ \t]+\Z"
)
_POSTCODE_BEFORE_RE = re.compile(r"(?<![\w])\d{4}[ \t]?[A-Z]{2}[ \t]*[,-]?[ \t]+\Z")
_POSTCODE_AFTER_RE = re.compile(r",?[ \t]*\d{4}[ \t]?[A-Z]{2}\b")
_FR_STREET = (
    r"(?i:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|quai|route|cours|square|"
    r"passage|rond-point|voie|chaussée|sentier|drève|galerie|clos|résidence)"
)
# "Rue Haute 15", "rue de la Paix 12" (Belgian order)
_FR_STREET_BEFORE_RE = re.compile(
    rf"(?<![\w-]){_FR_STREET}(?:[ \t]+(?i:de[ \t]+la|de[ \t]+l['’]|du|des|de|d['’]|la|le|les))?"
    rf"[ \t]*(?:{_NAME_WORD}[ \t]+){{1,3}}\Z"
)
# "huisnummer 12", "woont op nummer 24"
_NUMBER_WORD_BEFORE_RE = re.compile(
    r"(?<![\w])(?i:huisnummer|huisnr\.?|house[ \t]+number|(?:woon|woont|wonen|woonde|wonend|"
    r"wonende|lives|living|lived|habite|habitant)[ \t]+(?:op|at|au)[ \t]+(?:huis)?(?:nummer|"
    r"number|numéro|nr\.?|no\.?))[ \t]*:?[ \t]*\Z"
)
# "nummer 12 van de Akerstraat"
_NUMBER_OF_STREET_BEFORE_RE = re.compile(
    r"(?<![\w])(?i:nummer|nr\.?|no\.?|n°|numéro|number)[ \t]*\Z"
)
_STREET_FOLLOWS_RE = re.compile(
    rf"\d+[a-zA-Z]?[ \t]+(?:(?i:van|in|aan|op|de|du|of|on|in|the|het|la|le|l['’]|d['’])[ \t]+)"
    rf"{{0,3}}[{UPPER}][\w'’-]*(?i:{STREET_SUFFIXES}|street|road|avenue|lane)"
)
# "112 Akerstraat", "10 Downing Street", "12 rue de la Paix", "3, avenue Foch"
_STREET_AFTER_RE = re.compile(
    r"\d{1,4}(?:[ \t]?(?i:bis|ter)|[a-zA-Z])?(?!\w),?[ \t]+"
    rf"(?:{_FR_STREET}(?!\w)(?=[ \t]+(?:d[eu]s?[ \t]|d['’]|la[ \t]|le[ \t]|l['’]|[{UPPER}]))"
    rf"|(?:{_NAME_WORD}[ \t]+){{1,3}}"
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Close|Way|Place|Square|Court|"
    r"Crescent|Terrace|Gardens|Boulevard|Row|Grove|Walk|Mews|Parade|Hill)(?!\w)"
    rf"|[{UPPER}][\w'’-]*(?i:straat|weg|laan|plein|singel|gracht|steeg|dreef|markt|kade)(?!\w))"
)
_HOUSE_NO_RE = re.compile(HOUSE_NO + _NOT_A_HOUSE_NUMBER_AFTER)
_SHORT_NUMBER_RE = re.compile(
    r"\d{1,4}(?:[ \t]?(?i:bis|ter)(?!\w)|[a-zA-Z](?!\w))?(?!\w|[.,]\d)" + _NOT_A_HOUSE_NUMBER_AFTER
)
_POSTCODE_NUMBER_RE = re.compile(r"\d{1,5}[a-z]?(?!\w|[.,]\d)")
_DIGITS_RE = re.compile(r"\d+")


def _is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099


def find_house_numbers(text: str, streets: re.Pattern[str] | None = None) -> Iterator[Span]:
    """House numbers by the street, postcode or word around each run of digits."""
    for digits in _DIGITS_RE.finditer(text):
        start = digits.start()
        previous = text[start - 1] if start else " "
        if previous.isalnum() or previous in "_+":
            continue
        before = text[max(0, start - 60) : start]
        if previous in " \t:":
            found = _house_number_after_street(text, start, before, streets)
            if found is not None:
                yield found
                continue
        if previous in ".,/-" or _is_year(digits.group()):
            continue  # "12.5", "1/2", a year
        if _STREET_AFTER_RE.match(text, start):
            number = _SHORT_NUMBER_RE.match(text, start)
            if number is not None:
                yield Span(HOUSE_NUMBER, start, number.end())


def _house_number_after_street(
    text: str, start: int, before: str, streets: re.Pattern[str] | None
) -> Span | None:
    if _STREET_BEFORE_RE.search(before) or (streets is not None and streets.search(before)):
        number = _HOUSE_NO_RE.match(text, start)
        if number is None:
            return None
        if _is_year(number.group()) and not _POSTCODE_AFTER_RE.match(text, number.end()):
            return None
        return Span(HOUSE_NUMBER, start, number.end())
    if _POSTCODE_BEFORE_RE.search(before) or _NUMBER_WORD_BEFORE_RE.search(before):
        number = _POSTCODE_NUMBER_RE.match(text, start)
        return Span(HOUSE_NUMBER, start, number.end()) if number else None
    if _FR_STREET_BEFORE_RE.search(before) or (
        _NUMBER_OF_STREET_BEFORE_RE.search(before) and _STREET_FOLLOWS_RE.match(text, start)
    ):
        number = _SHORT_NUMBER_RE.match(text, start)
        if number is None or _is_year(number.group()):
            return None
        return Span(HOUSE_NUMBER, start, number.end())
    return None


def street_pattern(streets: list[str]) -> re.Pattern[str] | None:
    """Known street names (any case) at the end of the text before a number."""
    cleaned = sorted({" ".join(s.split()) for s in streets if len(s) >= 3}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, s.split(" "))) for s in cleaned)
    return re.compile(rf"(?<!\w)(?:{alternatives})[ \t]+\Z", re.IGNORECASE)


def find_identifiers(text: str, streets: re.Pattern[str] | None = None) -> list[Span]:
    """Every non-name identifier: these are removed even inside protected names."""
    found: list[Span] = []
    if "@" in text:
        found += _spans(_EMAIL_RE, text, EMAIL)
    found += find_ibans(text)
    found += find_phones(text)
    found += find_bsns(text)
    found += _spans(_PLATE_RE, text, LICENCE_PLATE)
    found += find_dates_of_birth(text)
    found += find_house_numbers(text, streets)
    return found


__all__ = [
    "BSN",
    "DATE_OF_BIRTH",
    "EMAIL",
    "HOUSE_NUMBER",
    "IBAN",
    "LICENCE_PLATE",
    "PERSON",
    "PHONE",
    "PRIORITY",
    "Span",
    "bsn_valid",
    "find_identifiers",
    "iban_valid",
    "street_pattern",
]
