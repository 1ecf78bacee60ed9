"""Gazetteer entries and spaCy entity-ruler patterns, generated from the ontology and data.

- ``ontology_entries``: every concept's labels and alt labels in nl/en/fr (incident types,
  themes, indicators, CPTED principles: ``inbraak`` → ``incident-type:burglary``) and every
  class's labels (``speeltuin`` → the class Playground). These match in any case.
- ``ruler_patterns``: the same ontology words as spaCy ``EntityRuler`` token patterns per
  language, for the spaCy pipelines.

- ``word_languages``, ``class_words``, ``ontology_words`` and ``cue_words``: what the matcher
  needs to know about these words (their languages, to inflect them; the class words, which
  a name may write in lower case and which are ordinary words; the words that name a class
  near a mention, to tell a district from a neighbourhood of the same name).

A class-level mention (a word for a kind of thing, not a named thing) gets the id
``class:<Label>``; it is reported by extraction but not linked to a node.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from nlp.extraction import GazetteerEntry
from nlp.lemmas import inflections
from nlp.normalise import fold, tokens
from ontology.model import LANGUAGES, OntologyModel

CLASS_ID_PREFIX = "class:"


def class_id(label: str) -> str:
    return f"{CLASS_ID_PREFIX}{label}"


def _words(
    labels: dict[str, str], alt_labels: dict[str, tuple[str, ...]], lang: str | None
) -> list[str]:
    langs = [lang] if lang else list(LANGUAGES)
    found = [labels[lg] for lg in langs if lg in labels]
    found += [alt for lg in langs for alt in alt_labels.get(lg, ())]
    return list(dict.fromkeys(found))


def ontology_entries(model: OntologyModel, lang: str | None = None) -> list[GazetteerEntry]:
    """Case-insensitive entries for every concept and every mentionable class."""
    entries: list[GazetteerEntry] = []
    for concept in model.concepts.values():
        if not model.cls(concept.cls).mentionable:
            continue
        name = concept.labels.get("en") or concept.id
        entries += [
            GazetteerEntry(
                surface=w, id=concept.id, type=concept.cls, name=name, case_sensitive=False
            )
            for w in _words(concept.labels, concept.alt_labels, lang)
        ]
    for cls in model.classes.values():
        if cls.abstract or not cls.mentionable:
            continue
        name = cls.labels.get("en") or cls.label
        entries += [
            GazetteerEntry(
                surface=w, id=class_id(cls.label), type=cls.label, name=name, case_sensitive=False
            )
            for w in _words(cls.labels, cls.alt_labels, lang)
        ]
    return entries


def ruler_patterns(model: OntologyModel, lang: str) -> list[dict[str, Any]]:
    """spaCy EntityRuler patterns (lower-case token sequences) for one language."""
    patterns: list[dict[str, Any]] = []
    for entry in ontology_entries(model, lang):
        tokens = [{"LOWER": token.lower()} for token in entry.surface.split()]
        patterns.append({"label": entry.type, "pattern": tokens, "id": entry.id})
    return patterns


def is_ontology_word(entry: GazetteerEntry, model: OntologyModel) -> bool:
    """A word for a concept or a class (matched in any case), not the name of a thing. The
    graph's gazetteer lists concepts as case-sensitive names; they are ontology words too."""
    return (
        not entry.case_sensitive
        or entry.id.startswith(CLASS_ID_PREFIX)
        or entry.id in model.concepts
    )


def _labelled(model: OntologyModel) -> Iterator[tuple[str, str, str]]:
    """(class label, language, word) for every label and alt label of classes and concepts;
    a concept's words count for its class."""
    for cls in model.classes.values():
        for lang, word in cls.labels.items():
            yield cls.label, lang, word
        for lang, alts in cls.alt_labels.items():
            for word in alts:
                yield cls.label, lang, word
    for concept in model.concepts.values():
        for lang, word in concept.labels.items():
            yield concept.cls, lang, word
        for lang, alts in concept.alt_labels.items():
            for word in alts:
                yield concept.cls, lang, word


def word_languages(model: OntologyModel) -> dict[str, frozenset[str]]:
    """The languages each ontology word (folded) is a label in."""
    langs: dict[str, set[str]] = defaultdict(set)
    for _, lang, word in _labelled(model):
        langs[fold(" ".join(word.split()))].add(lang)
    return {word: frozenset(found) for word, found in langs.items()}


def class_words(model: OntologyModel) -> frozenset[str]:
    """The one-word labels of the classes (folded): "gemeente", "stichting", "politie",
    "wijkcentrum". A name may write them in lower case ("gemeente Heerlen")."""
    return frozenset(
        fold(w)
        for cls in model.classes.values()
        for w in [*cls.labels.values(), *(a for alts in cls.alt_labels.values() for a in alts)]
        if len(tokens(w)) == 1
    )


def ontology_words(model: OntologyModel) -> frozenset[str]:
    """Every one-word label of a class or concept (folded): ordinary words of the domain."""
    return frozenset(fold(w) for _, _, w in _labelled(model) if len(tokens(w)) == 1)


# cue words the ontology's labels lack: the US spelling, and the Dutch word for a town district
EXTRA_CUES = {"Neighbourhood": (("en", "neighborhood"),), "Area": (("nl", "stadsdeel"),)}


def cue_words(model: OntologyModel) -> dict[str, frozenset[str]]:
    """Per class, the one-word labels (and their plurals) that say a nearby name is of that
    class: "wijk"/"wijken"/"district"/"quartier" → District, "buurt"/"neighbourhood" →
    Neighbourhood. Concept labels are not cues."""
    cues: dict[str, set[str]] = defaultdict(set)
    for cls in model.classes.values():
        words = [(lang, w) for lang, w in cls.labels.items()]
        words += [(lang, a) for lang, alts in cls.alt_labels.items() for a in alts]
        words += EXTRA_CUES.get(cls.label, ())
        for lang, word in words:
            if len(tokens(word)) != 1:
                continue
            cues[cls.label].add(fold(word))
            cues[cls.label] |= {fold(f) for f in inflections(word, lang)}
    return {label: frozenset(words) for label, words in cues.items()}


__all__ = [
    "CLASS_ID_PREFIX",
    "EXTRA_CUES",
    "class_id",
    "class_words",
    "cue_words",
    "is_ontology_word",
    "ontology_entries",
    "ontology_words",
    "ruler_patterns",
    "word_languages",
]
