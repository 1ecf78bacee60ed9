"""The extraction contract and the minimal extractor: exact alias matching against a gazetteer.

The full spaCy pipeline (privacy filter, patterns, linking, relations) plugs in behind the same
``Extractor`` protocol: ``extract(text)`` returns an ``Extraction`` whose offsets refer to the
text it returns, which is the text that may be stored.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from nlp.language import detect
from ontology.model import OntologyModel


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


def _squash(text: str) -> str:
    """Collapse runs of whitespace (line breaks inside a name) to one space."""
    return " ".join(text.split())


class AliasExtractor:
    """Finds whole-word occurrences of known names and aliases.

    Names of places and organisations match exactly (case-sensitive); the ontology's words
    for concepts and classes (``inbraak``, ``speeltuin``) match in any case. Whitespace
    inside a name may be any run of spaces or line breaks.

    At one position the longest surface wins. A surface shared by several entities (the
    district and the neighbourhood both called "De Koumen") links to each of them with the
    confidence divided among them.
    """

    name = "twin.alias-match"
    version = "0.2.0"

    def __init__(self, entries: Iterable[GazetteerEntry], model: OntologyModel) -> None:
        self._model = model
        self._exact: dict[str, list[GazetteerEntry]] = defaultdict(list)
        self._folded: dict[str, list[GazetteerEntry]] = defaultdict(list)
        surfaces: set[str] = set()
        for entry in entries:
            surface = _squash(entry.surface)
            if not surface:
                continue
            table, key = (
                (self._exact, surface)
                if entry.case_sensitive
                else (self._folded, surface.casefold())
            )
            if entry not in table[key]:
                table[key].append(entry)
                surfaces.add(surface)
        ordered = sorted(surfaces, key=lambda s: (-len(s), s))
        alternatives = "|".join(r"\s+".join(map(re.escape, s.split(" "))) for s in ordered)
        self._pattern = (
            re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if ordered else None
        )

    def _candidates(self, surface: str) -> list[GazetteerEntry]:
        found: dict[str, GazetteerEntry] = {}
        for entry in [*self._exact.get(surface, []), *self._folded.get(surface.casefold(), [])]:
            found.setdefault(entry.id, entry)
        return list(found.values())

    def extract(self, text: str) -> Extraction:
        entities: list[Entity] = []
        if self._pattern is not None:
            for match in self._pattern.finditer(text):
                candidates = self._candidates(_squash(match.group(0)))
                if not candidates:
                    continue  # a case-sensitive name in the wrong case
                confidence = round(1.0 / len(candidates), 3)
                for entry in candidates:
                    entities.append(
                        Entity(
                            type=entry.type,
                            classes=self._model.lineage(entry.type),
                            text=match.group(0),
                            start=match.start(),
                            end=match.end(),
                            id=entry.id,
                            name=entry.name,
                            confidence=confidence,
                        )
                    )
        return Extraction(
            text=text,
            lang=detect(text),
            entities=entities,
            extractor=self.name,
            extractor_version=self.version,
        )


__all__ = [
    "AliasExtractor",
    "Entity",
    "Extraction",
    "Extractor",
    "GazetteerEntry",
    "Redaction",
    "Relation",
]
