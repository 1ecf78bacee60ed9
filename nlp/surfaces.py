"""The surface table of the alias matcher: every way of writing every known entity, compiled
into one regular expression over folded text (``nlp.normalise.fold``).

Two kinds of entries:

- ontology words (concepts, class words; ``nlp.gazetteer.is_ontology_word``) match in any
  case and without diacritics, with their inflected forms (``nlp.lemmas``; not for the
  abstract concepts in ``UNINFLECTED``, whose plurals mean something else: "werk" →
  "werken", "travail" → "travaux"). A hyphen in them may be left out ("autoinbraak") but is
  not a space ("hold up" is not "hold-up"); a space may be a hyphen;
- names of places, organisations and the entities patterns created: their variants
  (``nlp.normalise.name_variants``), without diacritics, with a space, a hyphen or nothing
  between words, an optional dot after an abbreviation and an optional apostrophe ("t Loon"),
  and the case rule of ``nlp.normalise.case_requirements`` (a leading article may be lower
  case, unless the rest is itself a known name: "de Beitel" is the neighbourhood Beitel, not
  the district De Beitel). A name whose capitalised words are all ordinary words (the
  ontology's one-word labels, and words of the spaCy lexicons up to ``COMMON_WORD_LETTERS``
  letters, of any length when the name has lower-case words: "Ziekenhuis", "Beitel",
  "De Hei", "'t Loon", "Verspreide huizen") needs evidence that it is used as a name: a
  capital that is not the first letter of a sentence or line, no capitalised word right
  before or after it (that would make it part of a longer name: "Zuyderland Ziekenhuis"),
  and no article right before it ("het Ziekenhuis" is the hospital).

A generated form or variant never takes a surface that the list gives to another entity.
The regular expression is a trie: one pass over the text, fast however many surfaces.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from nlp.extraction import GazetteerEntry
from nlp.gazetteer import class_words, is_ontology_word, ontology_words, word_languages
from nlp.lemmas import inflections, is_common_word
from nlp.linking import FuzzyNames
from nlp.normalise import (
    ARTICLES,
    CAPITAL,
    CASE_FREE,
    EXACT,
    FREE,
    case_requirements,
    fold,
    key,
    name_variants,
    squash,
    tokens,
)
from nlp.patterns import STREET_SUFFIXES
from ontology.model import OntologyModel

UNINFLECTED = frozenset({"Theme", "CptedPrinciple"})
COMMON_WORD_LETTERS = 7
_ANY_LENGTH = 1_000

# separators in the trie, each a character no surface contains
_NAME_SEP, _DOT, _APOS, _WORD_SPACE, _WORD_HYPHEN = "\x01", "\x02", "\x03", "\x04", "\x05"
_H = r"[ \t\r]*"
_REGEX = {
    _NAME_SEP: rf"{_H}(?:-{_H})?(?:\n{_H})?",  # space, hyphen, line break or nothing
    _DOT: r"\.?",
    _APOS: r"'?",
    _WORD_SPACE: rf"(?:[ \t\r]+(?:\n{_H})?|\n{_H}|{_H}-{_H})",  # space or hyphen
    _WORD_HYPHEN: r"(?:-(?:\n[ \t\r]*)?)?",  # hyphen or nothing
}
_NAME_SEPARATORS = re.compile(r"[\s-]+")


def _name_trie_text(surface: str) -> str:
    text = _NAME_SEPARATORS.sub(_NAME_SEP, fold(surface).strip(" -"))
    return text.replace(".", _DOT).replace("'", _APOS)


def _word_trie_text(surface: str) -> str:
    text = " ".join(fold(surface).split())
    for written, separators in (
        (" - ", _WORD_SPACE),
        ("- ", _WORD_HYPHEN + _WORD_SPACE),
        (" -", _WORD_SPACE + _WORD_HYPHEN),
        ("-", _WORD_HYPHEN),
        (" ", _WORD_SPACE),
    ):
        text = text.replace(written, separators)
    return text


Trie = dict[str, "Trie"]


def _trie_regex(texts: Iterable[str]) -> str:
    """One regular expression for all ``texts``, branching character by character."""
    root: Trie = {}
    for text in texts:
        node = root
        for char in text:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: Trie) -> str:
        branches = [
            _REGEX.get(char, re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@dataclass(frozen=True)
class Surface:
    """One way of writing one entity, with what a match of it must satisfy."""

    entry: GazetteerEntry
    confidence: float
    requirements: tuple[int, ...] | None  # None: an ontology word, any case
    needs_evidence: bool = False

    def accepts(self, text: str, start: int, end: int) -> bool:
        """Does ``text[start:end]`` (which has this surface's key) satisfy the case rule?"""
        if self.requirements is None:
            return True
        words = tokens(text[start:end])
        reqs = self.requirements
        if len(words) != len(reqs):  # words written together: "Heerlerheidekom"
            if EXACT in reqs:
                return False
            pairs = [(words[0], max(reqs))] if words else []
        else:
            pairs = list(zip(words, reqs, strict=True))
        for word, req in pairs:
            if (req == CAPITAL and not word[:1].isupper()) or (req == EXACT and not word.isupper()):
                return False
        return not self.needs_evidence or _name_evidence(text, start, end, pairs)


_LINE_OR_SENTENCE_END = frozenset("\n.!?")
_OPENING = frozenset(" \t\r\"'“”‘’«»([{*#•·-–—>")


def sentence_start(text: str, pos: int) -> bool:
    """Is ``pos`` the first word of a sentence, a line or the text?"""
    i = pos - 1
    while i >= 0 and text[i] in _OPENING:
        i -= 1
    return i < 0 or text[i] in _LINE_OR_SENTENCE_END


# articles before a common-word name make it the common noun ("de" is left out: it is also
# the French preposition, "les habitants de Beitel")
_NOUN_ARTICLES = frozenset({"het", "een", "the", "a", "an", "le", "la", "les", "un", "une"})
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’]*)[ \t]*-?[ \t]*$")
_WORD_AFTER = re.compile(r"[ \t]*-?[ \t]*([^\W\d_])")


def _name_evidence(text: str, start: int, end: int, pairs: list[tuple[str, int]]) -> bool:
    at_start = sentence_start(text, start)
    telling = [
        w
        for i, (w, req) in enumerate(pairs)
        if req != FREE and w[:1].isupper() and not (len(w) > 1 and w.isupper())
        if not (i == 0 and at_start)
    ]
    if not telling:
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 60), start)
    if before and fold(before.group(1)) in _NOUN_ARTICLES:
        return False  # "het Ziekenhuis": the word, not the neighbourhood
    if before and before.group(1)[:1].isupper() and not sentence_start(text, before.start(1)):
        return False
    after = _WORD_AFTER.match(text, end)
    return not (after and after.group(1).isupper())


class SurfaceTable:
    """Every surface of every entry, by key, and the one pattern that finds them."""

    def __init__(self, entries: Iterable[GazetteerEntry], model: OntologyModel) -> None:
        entries = [e for e in entries if squash(e.surface)]
        self.model = model
        langs = word_languages(model)
        free = class_words(model)
        common = ontology_words(model)
        owners: dict[str, set[str]] = defaultdict(set)  # key → ids the list gives it to
        for entry in entries:
            owners[key(entry.surface)].add(entry.id)
        self.by_key: dict[str, list[Surface]] = defaultdict(list)
        trie_texts: set[str] = set()
        names: list[GazetteerEntry] = []
        self._name_surfaces: set[str] = set()
        for entry in entries:
            surface = squash(entry.surface)
            if is_ontology_word(entry, self.model):
                forms = {surface}
                if entry.type not in UNINFLECTED:
                    for lang in sorted(langs.get(fold(surface), ())):
                        forms |= inflections(surface, lang)
                for form in sorted(forms):
                    if self._add(owners, entry, form, Surface(entry, 1.0, None)):
                        trie_texts.add(_word_trie_text(form))
                continue
            for variant in name_variants(surface, STREET_SUFFIXES):
                words = tokens(variant.surface)
                reqs = case_requirements(variant.surface, free)
                if (
                    len(words) > 1
                    and fold(words[0]) in ARTICLES
                    and owners.get(key(" ".join(words[1:])), {entry.id}) - {entry.id}
                ):
                    # "De Beitel" (district) is not "de Beitel" (the neighbourhood Beitel)
                    reqs = (CAPITAL, *reqs[1:])
                capitals = [w for w, r in zip(words, reqs, strict=True) if r == CAPITAL]
                # "Verspreide huizen": lower-case content words make it read as a phrase,
                # so even a long first word counts as an ordinary word
                phrase = any(w.islower() and fold(w) not in CASE_FREE for w in words)
                longest = _ANY_LENGTH if phrase else COMMON_WORD_LETTERS
                needs_evidence = (
                    bool(capitals)
                    and EXACT not in reqs
                    and all(fold(w) in common or is_common_word(w, longest) for w in capitals)
                )
                found = Surface(entry, variant.confidence, reqs, needs_evidence)
                if self._add(owners, entry, variant.surface, found):
                    trie_texts.add(_name_trie_text(variant.surface))
                    self._name_surfaces.add(variant.surface)
                if variant.family == "name" and not needs_evidence and any(reqs):
                    names.append(GazetteerEntry(variant.surface, entry.id, entry.type, entry.name))
        self.pattern = (
            re.compile(rf"(?<!\w){_trie_regex(sorted(trie_texts))}(?!\w)") if trie_texts else None
        )
        self.fuzzy = FuzzyNames(names)

    def _add(
        self, owners: dict[str, set[str]], entry: GazetteerEntry, form: str, surface: Surface
    ) -> bool:
        form_key = key(form)
        if not form_key:
            return False
        if owners.get(form_key, {entry.id}) - {entry.id} and form_key != key(entry.surface):
            return False  # the list gives this surface to another entity
        listed = self.by_key[form_key]
        for i, other in enumerate(listed):
            if other.entry.id == entry.id and other.requirements == surface.requirements:
                if other.confidence < surface.confidence:
                    listed[i] = surface
                return True
        listed.append(surface)
        return True

    def candidates(self, folded_span: str) -> list[Surface]:
        return self.by_key.get(key(folded_span), [])

    def name_surfaces(self) -> list[str]:
        """Every variant of every name, as written in the variant (for the privacy filter:
        a name it protects stays a name however a document writes it)."""
        return sorted(self._name_surfaces)


__all__ = ["UNINFLECTED", "Surface", "SurfaceTable", "sentence_start"]
