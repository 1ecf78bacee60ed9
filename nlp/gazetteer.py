"""Gazetteer entries and spaCy entity-ruler patterns, generated from the ontology and data.

- ``ontology_entries``: every concept's labels and alt labels in nl/en/fr (incident types,
  themes, indicators, CPTED principles: ``inbraak`` → ``incident-type:burglary``) and every
  class's labels (``speeltuin`` → the class Playground). These match in any case.
- ``ruler_patterns``: the same ontology words as spaCy ``EntityRuler`` token patterns per
  language, for the spaCy pipelines.

A class-level mention (a word for a kind of thing, not a named thing) gets the id
``class:<Label>``; it is reported by extraction but not linked to a node.
"""

from __future__ import annotations

from typing import Any

from nlp.extraction import GazetteerEntry
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


__all__ = [
    "CLASS_ID_PREFIX",
    "class_id",
    "ontology_entries",
    "ruler_patterns",
]
