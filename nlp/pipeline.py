"""The extraction pipeline as ingestion, ``twin extract`` and ``twin eval`` use it:
language (per paragraph) → privacy filter → entities on the redacted text (known names first,
then patterns for names in no list, linked to known entities where they name one) → relations.

The privacy filter runs first, so nothing downstream (entities, relations, offsets, the stored
text) ever sees a person's name or contact details; every offset refers to the redacted text,
which is the only text the twin stores or returns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import quote, unquote

from nlp.extraction import AliasExtractor, Entity, Extraction, GazetteerEntry, Relation
from nlp.gazetteer import CLASS_ID_PREFIX
from nlp.language import UNDETERMINED, detect, paragraphs
from nlp.linking import link_new
from nlp.patterns import PatternFinder
from nlp.privacy import PrivacyFilter
from nlp.relations import RelationFinder
from nlp.spans import SpanIndex
from ontology.model import OntologyModel

_FILE_NAME_SEPARATORS = re.compile(r"[_.+]")


def _unified(found: list[Entity]) -> list[Entity]:
    """One entity per name in a document: a name found in a shorter form elsewhere in the same
    text ("Nachtwacht" after "Project Nachtwacht", "Buurtkracht" after "Stichting
    Buurtkracht") takes the id and name of the fuller form of the same type."""
    fuller: dict[tuple[str, str], Entity] = {}
    for entity in found:
        words = entity.name.split()
        for k in range(1, len(words)):
            tail = " ".join(words[k:])
            key = (entity.type, tail)
            if len(tail) >= 4 and (key not in fuller or len(fuller[key].name) < len(entity.name)):
                fuller[key] = entity
    result = []
    for entity in found:
        longer = fuller.get((entity.type, entity.name))
        result.append(entity if longer is None else replace(entity, id=longer.id, name=longer.name))
    return result


def _repeated(text: str, found: list[Entity], taken: list[Entity]) -> list[Entity]:
    """Later (or earlier) uses of a name a pattern found once in this document: "het project
    Straatwijs ... Straatwijs richt zich op ..." (one sense per document). Only names with a
    capital, of four characters or more, as whole words, where nothing else was found."""
    by_surface: dict[str, Entity] = {}
    for entity in found:
        surface = " ".join(entity.text.split())
        if len(surface) >= 4 and any(ch.isupper() for ch in surface) and "[" not in surface:
            by_surface.setdefault(surface, entity)
    if not by_surface:
        return []
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(
            r"\s+".join(map(re.escape, s.split()))
            for s in sorted(by_surface, key=len, reverse=True)
        )
        + r")(?![\w-])"
    )
    spans = SpanIndex((e.start, e.end) for e in taken)
    extra: list[Entity] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if spans.overlaps(start, end):
            continue
        origin = by_surface[" ".join(match.group(0).split())]
        extra.append(
            replace(
                origin,
                text=match.group(0),
                start=start,
                end=end,
                confidence=round(origin.confidence * 0.9, 3),
            )
        )
        spans.add(start, end)
    return extra


class RedactingExtractor:
    """Redacts personal data, then finds entities and relations in what is left."""

    version = "0.2.0"

    def __init__(
        self,
        privacy: PrivacyFilter,
        inner: AliasExtractor,
        patterns: PatternFinder | None = None,
        relations: RelationFinder | None = None,
    ) -> None:
        self._privacy = privacy
        self._inner = inner
        self._patterns = patterns
        self._relations = relations
        self.name = f"{inner.name}+privacy"

    def extract(self, text: str) -> Extraction:
        lang = detect(text)
        # each paragraph's names are found with its own language's back-end (a French
        # paragraph in a Dutch note gets the French model)
        redacted = self._privacy.redact(text, paragraphs(text, default=lang))
        redacted_text, redactions = redacted.text, list(redacted.redactions)
        found = self._inner.extract(redacted_text)
        entities = list(found.entities)
        new: list[Entity] = []
        if self._patterns is not None:
            # a pattern entity counts only where no known name was found; it replaces the
            # class words inside it ("Stichting" in "Stichting Buurtkracht")
            known = [e for e in entities if not e.id.startswith(CLASS_ID_PREFIX)]
            # a name a pattern found may name a known entity ("Politie Limburg")
            new = [
                link_new(e, self._inner.known)
                for e in self._patterns.entities(redacted_text, known)
            ]
            # words inside a found name are part of it: "Stichting" in "Stichting Buurtkracht",
            # "Heerlen" in "Stichting Centrummanagement Heerlen"
            found_names = SpanIndex((n.start, n.end) for n in new)
            entities = [
                e
                for e in entities
                if not any(
                    span != (e.start, e.end) for span in found_names.containing(e.start, e.end)
                )
            ]
        new = _unified(new)
        new += _repeated(redacted_text, new, [*entities, *new])
        entities = sorted([*entities, *new], key=lambda e: (e.start, e.end))
        relations: list[Relation] = []
        incidents: list[Entity] = []
        if self._relations is not None:
            relations, incidents = self._relations.find(redacted_text, entities, lang)
            entities = sorted([*entities, *incidents], key=lambda e: (e.start, e.end))
        return Extraction(
            text=redacted_text,
            lang=lang,
            entities=entities,
            relations=relations,
            new_ids=tuple(
                dict.fromkeys(e.id for e in [*new, *incidents] if e.id not in self._inner.known)
            ),
            redactions=redactions,
            extractor=self.name,
            extractor_version=f"{found.extractor_version}+{self.version}",
            redacted=True,
        )

    def redact_text(self, text: str) -> str:
        """A short text (a title, a table cell) without personal data."""
        lang = detect(text, min_hits=1)
        return self._privacy.redact(text, "nl" if lang == UNDETERMINED else lang).text

    def redact_name(self, name: str) -> str:
        """A file or directory name without personal data ("verslag_Jan_Jansen.txt" →
        "verslag_[PERSON].txt"); unchanged when there is none."""
        spaced = _FILE_NAME_SEPARATORS.sub(" ", name)
        lang = detect(spaced, min_hits=1)
        redacted = self._privacy.redact(spaced, "nl" if lang == UNDETERMINED else lang)
        if not redacted.redactions:
            return name
        return redacted.text.replace(" ", "_")

    def redact_uri(self, uri: str) -> str:
        """A ``file:`` URI whose path components went through ``redact_name``."""
        scheme, sep, path = uri.partition("://")
        if not sep:
            return uri
        parts = []
        for part in path.split("/"):
            plain = unquote(part)
            safe = self.redact_name(plain)
            parts.append(part if safe == plain else quote(safe, safe=""))
        return f"{scheme}{sep}{'/'.join(parts)}"


def build_extractor(entries: Iterable[GazetteerEntry], model: OntologyModel) -> RedactingExtractor:
    """The pipeline for a gazetteer: its names are protected from redaction and linked, and
    its streets tell the filter where a number is a house number."""
    entries = list(entries)
    inner = AliasExtractor(entries, model)
    privacy = PrivacyFilter(
        protected=dict.fromkeys([*(e.surface for e in entries), *inner.name_surfaces()]),
        streets=[e.surface for e in entries if model.is_a(e.type, "Street")],
    )
    return RedactingExtractor(privacy, inner, PatternFinder(model), RelationFinder(model))


__all__ = ["RedactingExtractor", "build_extractor"]
