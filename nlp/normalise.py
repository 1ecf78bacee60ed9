"""Normal forms of names, for matching them however a document writes them.

- ``fold``: lower case without diacritics, typographic dashes, apostrophes and spaces made
  plain, one character for one character (offsets in the folded text are offsets in the
  original): "Versiliënbosch" → "versilienbosch", "'t Loon" → "'t loon" (with a typographic
  apostrophe too).
- ``key``: the comparison key of a name: folded, every separator (space, hyphen, line break,
  dot, apostrophe) dropped, "'t" read as "het" and "St." as "Sint": "Heerlerheide Kom",
  "Heerlerheide-Kom" and "HeerlerheideKom" share the key "heerlerheidekom".
- ``name_variants``: the other ways documents write a place or organisation name (see
  ``name_variants`` for the families and their confidence).
- ``case_requirements``: which words of a name must be capitalised in the text, so a name
  never matches an ordinary lower-case word (see ``case_requirements`` for the rule).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        low = char.lower()
        if len(low) != 1:
            continue
        parts = unicodedata.normalize("NFKD", low)
        base = parts[0] if all(unicodedata.combining(p) for p in parts[1:]) else low
        folded = base if base.isascii() and base.isalpha() else low
        if folded != char:
            table[code] = folded
    for dash in "\u2010\u2011\u2012\u2013\u2014\u2212":
        table[ord(dash)] = "-"
    for apostrophe in "\u2018\u2019\u02bc\u0060\u00b4":
        table[ord(apostrophe)] = "'"
    for space in "\u00a0\u2007\u2009\u202f":
        table[ord(space)] = " "
    return table


_FOLD = _fold_table()
_TOKEN = re.compile(r"[^\W_]+")
# tokens read as another token in keys: "'t Loon" = "het Loon", "St. Jan" = "Sint Jan"
_KEY_SYNONYMS = {"t": "het", "st": "sint"}


def fold(text: str) -> str:
    """Lower case, no diacritics, plain dashes/apostrophes/spaces; same length as ``text``."""
    return text.translate(_FOLD)


def tokens(text: str) -> list[str]:
    """The words of a text (letters and digits; separators and punctuation dropped)."""
    return _TOKEN.findall(text)


def key(text: str) -> str:
    """The comparison key of a name (module docstring)."""
    return "".join(_KEY_SYNONYMS.get(t, t) for t in _TOKEN.findall(fold(text)))


def squash(text: str) -> str:
    """Collapse runs of whitespace (line breaks inside a name) to one space."""
    return " ".join(text.split())


def is_acronym(token: str) -> bool:
    """ "GMS", "OM", "BSSC": written in capitals, matched only in capitals."""
    return len(token) >= 2 and token.isupper()


# Words of a name that a document may write in lower case ("gemeente Heerlen", "de Koumen",
# "Heerlen centrum", "Mariarade noord"): articles, particles and the generic words of the
# name families below. Every other capitalised word of a name must be capitalised.
ARTICLES = frozenset({"de", "het", "t", "the", "la", "le", "les", "l"})
CASE_FREE = frozenset(
    {
        *ARTICLES,
        *("een", "a"),
        *("van", "der", "den", "ten", "ter", "in", "op", "en", "and", "et", "of", "du", "des"),
        *("centrum", "centre", "center", "city", "town", "ville", "omgeving", "eo", "e", "o"),
        *("noord", "zuid", "oost", "west", "north", "south", "east", "nord", "sud", "est"),
        "ouest",
    }
)
FREE, CAPITAL, EXACT = 0, 1, 2


def case_requirements(surface: str, free: Iterable[str] = ()) -> tuple[int, ...]:
    """Per word of ``surface``: FREE (any case), CAPITAL (first letter upper case) or EXACT
    (an acronym: all capitals).

    A word written in lower case in the surface is FREE ("politie", the alias); so are the
    words in ``CASE_FREE`` and in ``free`` (the caller passes the ontology's class words, so
    "gemeente Heerlen", "stichting Veilig Ontwerp en Beheer" match). A name all of whose
    capitalised words would be free keeps its first capitalised word CAPITAL, so the
    neighbourhood "Ziekenhuis" never matches the word "ziekenhuis".
    """
    free_words = CASE_FREE | {fold(f) for f in free}
    words = tokens(surface)
    reqs = [
        EXACT
        if is_acronym(w)
        else CAPITAL
        if w[:1].isupper() and fold(w) not in free_words
        else FREE
        for w in words
    ]
    if not any(reqs):
        first = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
        if first is not None:
            reqs[first] = CAPITAL
    return tuple(reqs)


@dataclass(frozen=True)
class Variant:
    """A way of writing a name, and how sure a match of it names the entity."""

    surface: str
    confidence: float
    family: str  # "name", "spelling", "centre", "compass", "surroundings"


_CENTRE = {"centrum", "centre", "center"}
_COMPASS = {
    "noord": ("Noord", "North", "Nord"),
    "zuid": ("Zuid", "South", "Sud"),
    "oost": ("Oost", "East", "Est"),
    "west": ("West", "West", "Ouest"),
}
_LAST_WORD = re.compile(r"^(?P<rest>.+?)[ \t]*[- ][ \t]*(?P<last>[^\s-]+)$")
_SURROUNDINGS = re.compile(r"^(?P<rest>.+?)\s+en\s+omgeving$", re.IGNORECASE)
_T_HET = (re.compile(r"(?<!\w)['’]t(?!\w)"), "het")
_HET_T = (re.compile(r"(?<!\w)[Hh]et(?!\w)"), "'t")
_ST_SINT = (re.compile(r"(?<!\w)St\.?(?=[\s-])"), "Sint")
_SINT_ST = (re.compile(r"(?<!\w)Sint(?=[\s-])"), "St.")


def _spellings(surface: str) -> set[str]:
    """ "'t Loon" ↔ "het Loon", "St. Jan" ↔ "Sint Jan"."""
    found = {surface}
    for pattern, replacement in (_T_HET, _HET_T, _ST_SINT, _SINT_ST):
        found |= {pattern.sub(replacement, s) for s in found}
    return found


def name_variants(name: str, street_suffixes: Iterable[str] = ()) -> list[Variant]:
    """The name and the other ways documents write it, each with a confidence.

    Every variant also matches with any case of its free words, without diacritics, and
    with a space, a hyphen or nothing between its words (``fold``/``key`` and the matcher):
    those need no variant of their own. The families:

    - spelling (1.0): "'t" ↔ "het", "St." ↔ "Sint";
    - centre (0.9), for "X-Centrum": "centrum van X", "X town centre", "X city centre",
      "centre of X", "center of X", "centre de X", "centre-ville de X" (and "X centrum",
      "X Centre" through the separators and free words);
    - compass (0.9), for "X-Noord" and the other compass points: "Noord-X", "X North",
      "North X", "X-Nord" (Dutch, English, French);
    - surroundings, for "X en omgeving": "X e.o." (0.95), "omgeving X" (0.9) and X alone
      (0.8), except when X is a street name (it ends in one of ``street_suffixes``): alone,
      "Egstraat" names the street, not the neighbourhood around it.
    """
    base = squash(name)
    found: dict[str, Variant] = {}

    def add(surface: str, confidence: float, family: str) -> None:
        for spelling in _spellings(surface):
            current = found.get(spelling)
            if current is None or current.confidence < confidence:
                found[spelling] = Variant(spelling, confidence, family)

    add(base, 1.0, "name")
    parts = _LAST_WORD.match(base)
    if parts:
        rest, last = parts.group("rest"), parts.group("last").casefold()
        if last in _CENTRE:
            for text in (
                f"centrum van {rest}",
                f"{rest} town centre",
                f"{rest} city centre",
                f"{rest} town center",
                f"{rest} city center",
                f"centre of {rest}",
                f"center of {rest}",
                f"centre de {rest}",
                f"centre-ville de {rest}",
            ):
                add(text, 0.9, "centre")
        if last in _COMPASS:
            nl, en, fr = _COMPASS[last]
            for text in (f"{nl}-{rest}", f"{rest} {en}", f"{en} {rest}", f"{rest}-{fr}"):
                add(text, 0.9, "compass")
    tail = _SURROUNDINGS.match(base)
    if tail:
        rest = tail.group("rest")
        add(f"{rest} e.o.", 0.95, "surroundings")
        add(f"omgeving {rest}", 0.9, "surroundings")
        is_street = fold(rest).endswith(tuple(fold(s) for s in street_suffixes))
        if not is_street and len(key(rest)) >= 4:
            add(rest, 0.8, "surroundings")
    return list(found.values())


__all__ = [
    "ARTICLES",
    "CAPITAL",
    "CASE_FREE",
    "EXACT",
    "FREE",
    "Variant",
    "case_requirements",
    "fold",
    "is_acronym",
    "key",
    "name_variants",
    "squash",
    "tokens",
]
