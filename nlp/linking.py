"""Which known entity a mention names, when the surface alone does not tell.

- ``choose``: several entities share a surface ("De Koumen" is a district and a
  neighbourhood, "politie" an organisation's alias and a class word). A name beats an
  ontology word; among names the nearest cue word decides: a one-word label of a
  candidate's class (or its plural) among the 3 words before the mention, else among the 3
  words after it (nl "wijk" → District, "buurt" → Neighbourhood; en "district",
  "neighbourhood"/"neighborhood"; fr "quartier" → District). Other mentions, commas and
  "en/and/et/of/or/ou" are skipped when counting, so in "de wijken Heksenberg en De Koumen"
  both are districts; a cue word right after another mention (before this one) or right
  before another mention (after this one) belongs to that other mention. Without a cue the
  documented default decides: the larger kind of place first (``TYPE_ORDER``: Municipality,
  Area, District, Neighbourhood, Street, then the rest), then the id. The choice is reported
  with full confidence.
- ``FuzzyNames``: a capitalised span that is one edit (insertion, deletion, substitution or
  swap of neighbours) away from a known name links to it, when the name's key
  (``nlp.normalise.key``) has at least ``MIN_FUZZY_LETTERS`` (8) letters and starts with the
  same letter; names of 20 letters or more allow two edits. "Versilienbosh" → Versiliënbosch
  (1 edit), "Heksenbreg" → Heksenberg (a swap); "Versilienbos" (2 edits from a 14-letter
  name) and "Passrt" (too short) do not link.
- ``link_new``: an entity found by a pattern (an organisation, programme, facility or
  street, id ``<class-kebab>:<slug>``) whose name has the key of a known name (for
  organisations also: the same name without a legal form, "Stichting"/"B.V." ...), or is one
  fuzzy edit from it, and whose type is compatible (one is a subclass of the other) gets
  the known entity's id, type and name; so does one whose id is already known (the node a
  pattern created from an earlier document, or "Politie Limburg", which is a Police node).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

from rapidfuzz.distance import OSA

from nlp.extraction import Entity, GazetteerEntry
from nlp.gazetteer import CLASS_ID_PREFIX, is_ontology_word
from nlp.normalise import fold, key
from nlp.patterns import LEGAL_SUFFIXES
from ontology.model import OntologyModel

TYPE_ORDER = ("Municipality", "Area", "District", "Neighbourhood", "Street")
CUE_WINDOW = 3
CONNECTORS = frozenset({"en", "and", "et", "of", "or", "ou"})
MIN_FUZZY_LETTERS = 8
TWO_EDIT_LETTERS = 20
FUZZY_CONFIDENCE = {1: 0.8, 2: 0.7}

_CONTEXT_TOKEN = re.compile(r"[^\W_]+|[.!?;]")
_STOP = frozenset(".!?;")
_CONTEXT_CHARS = 200


def _max_edits(letters: int) -> int:
    if letters >= TWO_EDIT_LETTERS:
        return 2
    return 1 if letters >= MIN_FUZZY_LETTERS else 0


# ------------------------------------------------------------------ context and choice


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def context_words(
    text: str, start: int, end: int, mentions: Sequence[tuple[int, int]] = ()
) -> tuple[list[str], list[str]]:
    """The (folded) words nearest to ``text[start:end]``: up to ``CUE_WINDOW`` before it
    (nearest first) and after it, within its sentence, skipping ``mentions`` and connectors.
    A word that directly follows (before the mention) or precedes (after it) another mention
    is left out: it is that mention's cue ("De Koumen (buurt) en De Koumen")."""
    low = max(0, start - _CONTEXT_CHARS)
    high = min(len(text), end + _CONTEXT_CHARS)
    others = [(s, e) for s, e in mentions if e > low and s < high and (s, e) != (start, end)]
    before: list[str] = []
    found = list(_CONTEXT_TOKEN.finditer(text, low, start))
    for i in range(len(found) - 1, -1, -1):
        word = found[i].group(0)
        if word in _STOP or len(before) >= CUE_WINDOW:
            break
        if _inside(found[i].start(), others) or fold(word) in CONNECTORS:
            continue
        preceding = found[i - 1].start() if i else -1
        before.append("" if _inside(preceding, others) else fold(word))
    after: list[str] = []
    found = list(_CONTEXT_TOKEN.finditer(text, end, high))
    for i, match in enumerate(found):
        word = match.group(0)
        if word in _STOP or len(after) >= CUE_WINDOW:
            break
        if _inside(match.start(), others) or fold(word) in CONNECTORS:
            continue
        following = found[i + 1].start() if i + 1 < len(found) else -1
        after.append("" if _inside(following, others) else fold(word))
    return before, after


def _default_rank(entry: GazetteerEntry) -> tuple[int, int, str]:
    is_class_word = entry.id.startswith(CLASS_ID_PREFIX)
    order = TYPE_ORDER.index(entry.type) if entry.type in TYPE_ORDER else len(TYPE_ORDER)
    return (int(is_class_word), order, entry.id)


def choose(
    candidates: Sequence[GazetteerEntry],
    before: Sequence[str],
    after: Sequence[str],
    cues: Mapping[str, frozenset[str]],
    is_word: Callable[[GazetteerEntry], bool] = lambda _: False,
) -> tuple[GazetteerEntry, str]:
    """The candidate a mention names (module docstring) and why: "only", "cue" or
    "default"."""
    if len({c.id for c in candidates}) == 1:
        return candidates[0], "only"
    names = [c for c in candidates if not is_word(c)] or list(candidates)
    if len({c.id for c in names}) == 1:
        return names[0], "default"
    for words in (before, after):
        for word in words:
            hits = [c for c in names if word and word in cues.get(c.type, ())]
            if hits:
                return min(hits, key=_default_rank), "cue"
    return min(names, key=_default_rank), "default"


# ------------------------------------------------------------------ fuzzy names


class FuzzyNames:
    """Known names, found again from a misspelling (module docstring)."""

    def __init__(self, entries: Iterable[GazetteerEntry]) -> None:
        self._buckets: dict[tuple[str, int], list[tuple[str, GazetteerEntry]]] = defaultdict(list)
        for entry in entries:
            name_key = key(entry.surface)
            if len(name_key) >= MIN_FUZZY_LETTERS:
                self._buckets[(name_key[0], len(name_key))].append((name_key, entry))

    def find(self, name: str) -> tuple[list[GazetteerEntry], int]:
        """The known entries nearest to ``name`` and their distance in edits (1 or 2); no
        entries when none is near enough. An exact key is not a fuzzy match."""
        span_key = key(name)
        limit = _max_edits(len(span_key))
        if not limit:
            return [], 0
        best: list[GazetteerEntry] = []
        best_distance = limit + 1
        for size in range(len(span_key) - limit, len(span_key) + limit + 1):
            for known_key, entry in self._buckets.get((span_key[0], size), ()):
                allowed = min(limit, _max_edits(len(known_key)))
                distance = OSA.distance(span_key, known_key, score_cutoff=allowed)
                if distance == 0 or distance > allowed:
                    continue
                if distance < best_distance:
                    best, best_distance = [entry], distance
                elif distance == best_distance and entry not in best:
                    best.append(entry)
        return best, (best_distance if best else 0)


_UPPER = r"[A-ZÀ-ÖØ-Þ]"
_NAME_WORD = rf"{_UPPER}[\w'’]*"
_PARTICLE = r"(?:de|het|van|der|den|ten|ter|in|op|en|'t|’t|la|le|du|des|of|the)"
_NAME_RUN = re.compile(
    rf"(?<!\w){_NAME_WORD}(?:(?:[ \t]*-[ \t]*|[ \t]+)(?:{_PARTICLE}[ \t]+)*{_NAME_WORD})*"
)
_RUN_WORD = re.compile(rf"{_NAME_WORD}|{_PARTICLE}(?!\w)")
MAX_SPAN_WORDS = 5


def name_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of capitalised words (joined by spaces, hyphens and particles such as "de",
    "van") and every part of such a run that starts and ends with a capitalised word,
    longest first: the places where a misspelt name can be."""
    for run in _NAME_RUN.finditer(text):
        words = [m.span() for m in _RUN_WORD.finditer(text, run.start(), run.end()) if m.group(0)]
        caps = [i for i, (s, _) in enumerate(words) if text[s].isupper()]
        spans = [
            (words[i][0], words[j][1])
            for i in caps
            for j in caps
            if i <= j and j - i < MAX_SPAN_WORDS
        ]
        yield from sorted(spans, key=lambda s: (s[0] - s[1], s[0]))


# ------------------------------------------------------------------ new entities


LEGAL_FORMS = ("Stichting", "Vereniging", "Coöperatie", "Foundation", "Fondation", "Association")
_LEGAL_FORM = re.compile(rf"^(?:{'|'.join(LEGAL_FORMS)})\s+", re.IGNORECASE)
_LEGAL_SUFFIX = re.compile(
    rf"\s+(?:{'|'.join(re.escape(s) for s in LEGAL_SUFFIXES)})$", re.IGNORECASE
)
MIN_CORE_LETTERS = 4


def core_key(name: str) -> str:
    """The key of an organisation's name without its legal form ("Stichting Buurtkracht",
    "Buurtkracht B.V." → "buurtkracht"); empty when too little is left."""
    core = key(_LEGAL_SUFFIX.sub("", _LEGAL_FORM.sub("", " ".join(name.split()))))
    return core if len(core) >= MIN_CORE_LETTERS else ""


class KnownNames:
    """The names of known entities, to link entities found by patterns to them."""

    def __init__(self, entries: Iterable[GazetteerEntry], model: OntologyModel) -> None:
        self.model = model
        names = [e for e in entries if not is_ontology_word(e, model)]
        self._ids = {e.id: e for e in names}
        self._by_key: dict[str, list[GazetteerEntry]] = defaultdict(list)
        self._by_core: dict[str, list[GazetteerEntry]] = defaultdict(list)
        for entry in names:
            self._by_key[key(entry.surface)].append(entry)
            if model.is_a(entry.type, "Stakeholder") and (core := core_key(entry.surface)):
                self._by_core[core].append(entry)
        self.fuzzy = FuzzyNames(names)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._ids

    def by_id(self, entity_id: str) -> GazetteerEntry | None:
        return self._ids.get(entity_id)

    def compatible(self, a: str, b: str) -> bool:
        """Types that can name the same thing: equal, or one a subclass of the other."""
        return self.model.is_a(a, b) or self.model.is_a(b, a)

    def match(self, name: str, type_: str) -> tuple[GazetteerEntry | None, int]:
        """The known entry of a compatible type with the same key as ``name`` (distance 0),
        else the nearest fuzzy one (distance 1 or 2); ``(None, 0)`` when there is none.
        Several candidates: the same type first, then the most specific, then the id."""
        exact = [e for e in self._by_key.get(key(name), ()) if self.compatible(e.type, type_)]
        if exact:
            return self._best(exact, type_), 0
        if self.model.is_a(type_, "Stakeholder") and (core := core_key(name)):
            same = [e for e in self._by_core.get(core, ()) if self.compatible(e.type, type_)]
            if same:
                return self._best(same, type_), 0
        near, distance = self.fuzzy.find(name)
        near = [e for e in near if self.compatible(e.type, type_)]
        return (self._best(near, type_), distance) if near else (None, 0)

    def _best(self, entries: list[GazetteerEntry], type_: str) -> GazetteerEntry:
        return min(
            entries,
            key=lambda e: (e.type != type_, -len(self.model.lineage(e.type)), e.id),
        )


def link_new(entity: Entity, known: KnownNames) -> Entity:
    """``entity`` with the id, type and name of the known entity it names, if any (module
    docstring); otherwise ``entity`` unchanged. A link by key (with or without the legal
    form) raises the confidence to at
    least 0.9; a fuzzy link keeps the pattern's confidence, at most ``FUZZY_CONFIDENCE``."""
    found, distance = known.by_id(entity.id), 0
    if found is None or not known.compatible(found.type, entity.type):
        found, distance = known.match(entity.name, entity.type)
    if found is None:
        return entity
    confidence = (
        max(entity.confidence, 0.9)
        if distance == 0
        else min(entity.confidence, FUZZY_CONFIDENCE[distance])
    )
    return replace(
        entity,
        id=found.id,
        type=found.type,
        classes=known.model.lineage(found.type),
        name=found.name,
        confidence=confidence,
    )


__all__ = [
    "CONNECTORS",
    "CUE_WINDOW",
    "FUZZY_CONFIDENCE",
    "MIN_FUZZY_LETTERS",
    "TYPE_ORDER",
    "LEGAL_FORMS",
    "FuzzyNames",
    "KnownNames",
    "choose",
    "context_words",
    "core_key",
    "link_new",
    "name_spans",
]
