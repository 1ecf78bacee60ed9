"""The extraction contract and the alias extractor: known names and ontology words from a gazetteer.

The full spaCy pipeline (privacy filter, patterns, linking, relations) plugs in behind the same
``Extractor`` protocol: ``extract(text)`` returns an ``Extraction`` whose offsets refer to the
text it returns, which is the text that may be stored.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from nlp.language import detect
from ontology.model import OntologyModel

if TYPE_CHECKING:
    from collections.abc import Callable

    from nlp.surfaces import Surface


@dataclass(frozen=True)
class GazetteerEntry:
    """A known entity and one surface form that names it."""

    surface: str
    id: str
    type: str
    name: str
    case_sensitive: bool = True


@dataclass(frozen=True)
class Entity:
    """A mention of an ontology entity in the text (DESIGN.md extraction contract)."""

    type: str
    classes: tuple[str, ...]
    text: str
    start: int
    end: int
    id: str
    name: str
    confidence: float


@dataclass(frozen=True)
class Redaction:
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class Relation:
    """A relationship between two mentioned entities (DESIGN.md extraction contract).

    ``source`` and ``target`` are canonical entity ids; ``start``/``end`` delimit the evidence
    (usually the sentence) in the returned text.
    """

    type: str
    source: str
    target: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class Extraction:
    """What an extractor found in one text; ``text`` is what may be stored."""

    text: str
    lang: str
    entities: list[Entity] = field(default_factory=list)
    redactions: list[Redaction] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    extractor: str = ""
    extractor_version: str = ""
    redacted: bool = False  # True when ``text`` went through the privacy filter
    new_ids: tuple[str, ...] = ()  # entities found by patterns, not (yet) in any gazetteer


class Extractor(Protocol):
    name: str
    version: str

    def extract(self, text: str) -> Extraction: ...


class AliasExtractor:
    """Finds the known names and the ontology's words in a text, and the entity each names.

    - Ontology words (``inbraak``, ``speeltuin``) match in any case, without diacritics and
      inflected ("inbraken", "cambriolages", "burglaries"): ``nlp.lemmas``.
    - Names of places and organisations match as written and as documents vary them (case of
      their free words, diacritics, space/hyphen/nothing between words, "'t"/"het",
      "St."/"Sint", "centrum van X", "Noord-X", "X e.o."): ``nlp.normalise``; their
      capitalised words must be capitalised, and a name that is also an ordinary word
      needs evidence that it is used as a name: ``nlp.surfaces``.
    - At one position the longest surface wins ("Heerlen-Centrum", not "Heerlen"); one that
      fails the case rule gives way to the longest shorter one that passes.
    - A surface shared by several entities ("De Koumen": district and neighbourhood) is
      reported once, as the entity its context names ("buurt De Koumen"), else as the
      documented default (the district): ``nlp.linking.choose``.
    - A capitalised span one edit away from a long known name links to it with lower
      confidence ("Versilienbosh"): ``nlp.linking.FuzzyNames``.

    ``known`` indexes the names for ``nlp.linking.link_new`` (entities found by patterns).
    One pass of one compiled pattern over the folded text finds every surface.
    """

    name = "twin.alias-match"
    version = "0.3.0"

    def __init__(self, entries: Iterable[GazetteerEntry], model: OntologyModel) -> None:
        # imported here: these modules build on nlp.gazetteer, which imports this module
        from nlp.gazetteer import cue_words, is_ontology_word
        from nlp.linking import KnownNames
        from nlp.surfaces import SurfaceTable

        entries = list(entries)
        self._model = model
        self._table = SurfaceTable(entries, model)
        self._cues = cue_words(model)
        self._is_word: Callable[[GazetteerEntry], bool] = lambda e: is_ontology_word(e, model)
        self.known = KnownNames(entries, model)
        self._fuzzy_cache: dict[str, tuple[list[GazetteerEntry], int]] = {}

    def name_surfaces(self) -> list[str]:
        """The names and their variants as the matcher knows them ("Heerlen-Centrum",
        "centrum van Heerlen", "het Loon"), e.g. for the privacy filter's protected names."""
        return self._table.name_surfaces()

    def _accepted(self, text: str, folded: str, start: int, end: int) -> tuple[int, list[Surface]]:
        """The end of the longest match at ``start`` whose surfaces accept the text there,
        and those surfaces; ``(start, [])`` when none does."""
        pattern = self._table.pattern
        assert pattern is not None
        while end > start:
            accepted = [
                s for s in self._table.candidates(folded[start:end]) if s.accepts(text, start, end)
            ]
            if accepted:
                return end, accepted
            shorter = pattern.match(folded, start, end - 1)
            # a match cut short by ``endpos`` may end inside a word: not a whole-word match
            while shorter is not None and _word_char(folded, shorter.end()):
                shorter = pattern.match(folded, start, shorter.end() - 1)
            end = shorter.end() if shorter is not None else start
        return start, []

    def _fuzzy(
        self, text: str, taken: list[tuple[int, int]]
    ) -> list[tuple[int, int, list[Surface]]]:
        from nlp.linking import FUZZY_CONFIDENCE, MIN_FUZZY_LETTERS, name_spans
        from nlp.surfaces import Surface

        found: list[tuple[int, int, list[Surface]]] = []
        starts = [s for s, _ in taken]
        for start, end in name_spans(text):
            if end - start < MIN_FUZZY_LETTERS:
                continue
            i = bisect.bisect_left(starts, end)
            if (i and taken[i - 1][1] > start) or any(start < e and s < end for s, e, _ in found):
                continue
            span = text[start:end]
            if span not in self._fuzzy_cache:
                if len(self._fuzzy_cache) > _FUZZY_CACHE_SIZE:
                    self._fuzzy_cache.clear()
                self._fuzzy_cache[span] = self._table.fuzzy.find(span)
            entries, distance = self._fuzzy_cache[span]
            if entries:
                confidence = FUZZY_CONFIDENCE[distance]
                found.append((start, end, [Surface(e, confidence, None) for e in entries]))
        return found

    def extract(self, text: str) -> Extraction:
        from nlp.linking import choose, context_words
        from nlp.normalise import fold

        mentions: list[tuple[int, int, list[Surface]]] = []
        pattern = self._table.pattern
        if pattern is not None:
            folded = fold(text)
            pos = 0
            while (match := pattern.search(folded, pos)) is not None:
                end, accepted = self._accepted(text, folded, match.start(), match.end())
                if accepted:
                    mentions.append((match.start(), end, accepted))
                    pos = end
                else:
                    pos = match.start() + 1
        taken = [(s, e) for s, e, _ in mentions]
        mentions = sorted([*mentions, *self._fuzzy(text, taken)], key=lambda m: m[0])
        # other names are skipped when looking for cue words; ontology words are the cues
        names = [
            (s, e) for s, e, found in mentions if any(not self._is_word(x.entry) for x in found)
        ]
        entities: list[Entity] = []
        for start, end, accepted in mentions:
            best: dict[str, Surface] = {}
            for surface in accepted:
                current = best.get(surface.entry.id)
                if current is None or surface.confidence > current.confidence:
                    best[surface.entry.id] = surface
            candidates = [s.entry for s in best.values()]
            if len(candidates) > 1:
                before, after = context_words(text, start, end, names)
                entry, _ = choose(candidates, before, after, self._cues, self._is_word)
            else:
                entry = candidates[0]
            entities.append(
                Entity(
                    type=entry.type,
                    classes=self._model.lineage(entry.type),
                    text=text[start:end],
                    start=start,
                    end=end,
                    id=entry.id,
                    name=entry.name,
                    confidence=best[entry.id].confidence,
                )
            )
        return Extraction(
            text=text,
            lang=detect(text),
            entities=entities,
            extractor=self.name,
            extractor_version=self.version,
        )


_FUZZY_CACHE_SIZE = 50_000


def _word_char(text: str, pos: int) -> bool:
    return pos < len(text) and (text[pos].isalnum() or text[pos] == "_")


__all__ = [
    "AliasExtractor",
    "Entity",
    "Extraction",
    "Extractor",
    "GazetteerEntry",
    "Redaction",
    "Relation",
]
