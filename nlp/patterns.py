"""Entities that are in no list, found by patterns in nl, en and fr on the redacted text.

- organisations by their legal or institutional form: "Stichting Thuis in de Wijk",
  "Coöperatie X", "Vereniging X", "X B.V.", "Hogeschool Zuyd", "Universiteit X",
  "University of X", "Université de X", "Association X";
- programmes by their introducing word: "het programma Samen Sterk", "project Veilige Buurt",
  "de Buurtaanpak"-style "X-aanpak", "the X programme", "approach X", "l'approche X",
  "le programme X", and quoted names after those words;
- facilities by a facility word of the ontology followed by a proper name: "wijkcentrum De
  Nieuwe Nor", "basisschool De Regenboog", "community centre The Hub";
- streets by their Dutch street-name suffix: "Akerstraat", "Kloosterweg" (never with a house
  number: the privacy filter has removed those).

A name is a run of capitalised words, optionally joined by short lower-case particles
("in de", "van", "of", "de la"). Nothing that contains a privacy placeholder ("[PERSON]") is
ever taken as a name. New entities get the stable id ``<class-kebab>:<slug of the name>``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from nlp.extraction import Entity
from ontology.model import OntologyModel, kebab

_UPPER = r"[A-ZÀ-ÖØ-Þ]"
_WORD = rf"(?:{_UPPER}[\w'’&.-]*|\d+)"
_PARTICLE = r"(?:in|de|het|van|der|den|voor|the|for|la|le|les|des|du|d'|l')"
NAME = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD}){{0,5}}"
_QUOTED = r"[\"“‘'](?P<quoted>[^\"”’'\n]{3,60})[\"”’']"

ORGANISATION_FORMS = (
    "Stichting",
    "Coöperatie",
    "Cooperatie",
    "Vereniging",
    "Hogeschool",
    "Universiteit",
    "Woningcorporatie",
    "Woningstichting",
    "Zorggroep",
    "Zorgcentrum",
    "Association",
    "Fondation",
    "Université",
    "University",
    "Foundation",
    "Coopérative",
)
LEGAL_SUFFIXES = ("B.V.", "BV", "N.V.", "NV", "V.O.F.", "Ltd", "S.A.", "SARL")
PROGRAMME_WORDS = {
    "nl": ("programma", "project", "aanpak", "pilot", "actieplan", "initiatief"),
    "en": ("programme", "program", "project", "approach", "initiative", "pilot"),
    "fr": ("programme", "projet", "approche", "plan", "initiative"),
}
STREET_SUFFIXES = (
    "straat",
    "weg",
    "laan",
    "plein",
    "singel",
    "gracht",
    "dijk",
    "kade",
    "steeg",
    "pad",
    "dreef",
    "plantsoen",
    "boulevard",
    "markt",
    "ring",
    "baan",
    "hof",
    "erf",
    "wal",
)


@dataclass(frozen=True)
class Found:
    type: str
    name: str
    start: int
    end: int
    confidence: float


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _longest_first(found: list[Found]) -> list[Found]:
    """Drop finds that overlap a longer one (two patterns naming the same span)."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if not any(f.start < k.end and k.start < f.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


class PatternFinder:
    """Finds organisations, programmes, facilities and streets that no gazetteer lists."""

    def __init__(self, model: OntologyModel) -> None:
        self._model = model
        forms = _alternation(ORGANISATION_FORMS)
        self._organisation = re.compile(rf"(?<!\w)(?P<name>(?:{forms})[ \t]+{NAME})")
        self._university_of = re.compile(rf"(?<!\w)(?P<name>University[ \t]+of[ \t]+{NAME})")
        suffixes = _alternation(LEGAL_SUFFIXES)
        self._legal = re.compile(rf"(?<!\w)(?P<name>{NAME}[ \t]+(?:{suffixes}))(?!\w)")
        words = _alternation(w for ws in PROGRAMME_WORDS.values() for w in ws)
        self._programme_before = re.compile(
            rf"(?<!\w)(?i:{words})[ \t]+(?:(?P<name>{NAME})|{_QUOTED})"
        )
        self._programme_after = re.compile(
            rf"(?<!\w)(?i:the|de|het|la|le)[ \t]+(?P<name>{NAME})[ \t-]+"
            rf"(?:programme|program|project|aanpak|approach)(?!\w)"
        )
        self._aanpak = re.compile(rf"(?<!\w)(?P<name>{_UPPER}[\w]+-aanpak)(?!\w)")
        facility_words = self._facility_words()
        self._facility = (
            re.compile(
                rf"(?<!\w)(?P<kind>(?i:{_alternation(facility_words)}))[ \t]+(?P<name>{NAME})"
            )
            if facility_words
            else None
        )
        self._facility_class = {w.lower(): cls for w, cls in facility_words.items()}
        street = _alternation(STREET_SUFFIXES)
        self._street = re.compile(
            rf"(?<!\w)(?P<name>{_UPPER}[a-zà-ÿ]+(?:-{_UPPER}[a-zà-ÿ]+)*(?:{street}))(?!\w)"
        )

    def _facility_words(self) -> dict[str, str]:
        words: dict[str, str] = {}
        for label in self._model.subclasses("Facility"):
            cls = self._model.cls(label)
            for word in [
                *cls.labels.values(),
                *(a for alts in cls.alt_labels.values() for a in alts),
            ]:
                if len(word) >= 4:
                    words.setdefault(word, label)
        return words

    def find(self, text: str) -> list[Found]:
        found: list[Found] = []
        for pattern in (self._organisation, self._university_of, self._legal):
            found += self._matches(pattern, text, "Stakeholder", 0.7)
        for pattern in (self._programme_before, self._programme_after, self._aanpak):
            found += self._matches(pattern, text, "Programme", 0.6)
        if self._facility is not None:
            for match in self._facility.finditer(text):
                label = self._facility_class.get(match.group("kind").lower(), "Facility")
                found += self._named(match, text, label, 0.7, whole=True)
        found += self._matches(self._street, text, "Street", 0.8)
        return _longest_first(found)

    def _matches(
        self, pattern: re.Pattern[str], text: str, label: str, confidence: float
    ) -> list[Found]:
        result: list[Found] = []
        for match in pattern.finditer(text):
            result += self._named(match, text, label, confidence)
        return result

    def _named(
        self, match: re.Match[str], text: str, label: str, confidence: float, whole: bool = False
    ) -> list[Found]:
        group = "quoted" if "quoted" in match.re.groupindex and match.group("quoted") else "name"
        start, end = (match.start(), match.end()) if whole else match.span(group)
        name = text[start:end].strip().rstrip(",;:")
        if name.endswith(".") and not name.endswith(LEGAL_SUFFIXES):
            name = name[:-1]
        end = start + len(name)
        if not name or "[" in name or "]" in name or len(name) < 3:
            return []  # never build a name around a privacy placeholder
        return [Found(label, name, start, end, confidence)]

    def entities(self, text: str) -> list[Entity]:
        """The found names as entities with stable ids (type + normalised name)."""
        return [
            Entity(
                type=f.type,
                classes=self._model.lineage(f.type),
                text=f.name,
                start=f.start,
                end=f.end,
                id=f"{kebab(f.type)}:{slug(f.name)}",
                name=" ".join(f.name.split()),
                confidence=f.confidence,
            )
            for f in self.find(text)
        ]


__all__ = ["NAME", "Found", "PatternFinder", "slug"]
