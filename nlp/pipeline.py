"""The extraction pipeline as ingestion and ``twin extract`` use it: language (per paragraph) →
privacy filter → entities on the redacted text (known names first, then patterns for names in
no list).

The privacy filter runs first, so nothing downstream (entities, offsets, the stored text) ever
sees a person's name or contact details; every offset refers to the redacted text, which is the
only text the twin stores or returns.
"""

from __future__ import annotations

from collections.abc import Iterable

from nlp.extraction import AliasExtractor, Entity, Extraction, GazetteerEntry
from nlp.gazetteer import CLASS_ID_PREFIX
from nlp.language import detect, paragraphs
from nlp.patterns import PatternFinder
from nlp.privacy import PrivacyFilter
from ontology.model import OntologyModel


class RedactingExtractor:
    """Redacts personal data, then finds entities in what is left."""

    version = "0.1.0"

    def __init__(
        self, privacy: PrivacyFilter, inner: AliasExtractor, patterns: PatternFinder | None = None
    ) -> None:
        self._privacy = privacy
        self._inner = inner
        self._patterns = patterns
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
            taken = [(e.start, e.end) for e in entities if not e.id.startswith(CLASS_ID_PREFIX)]
            new = [
                e
                for e in self._patterns.entities(redacted_text)
                if not any(e.start < end and start < e.end for start, end in taken)
            ]
            entities = [
                e
                for e in entities
                if not (
                    e.id.startswith(CLASS_ID_PREFIX)
                    and any(n.start <= e.start and e.end <= n.end for n in new)
                )
            ]
        return Extraction(
            text=redacted_text,
            lang=lang,
            entities=sorted([*entities, *new], key=lambda e: (e.start, e.end)),
            new_ids=tuple(dict.fromkeys(e.id for e in new)),
            redactions=redactions,
            extractor=self.name,
            extractor_version=f"{found.extractor_version}+{self.version}",
            redacted=True,
        )


def build_extractor(entries: Iterable[GazetteerEntry], model: OntologyModel) -> RedactingExtractor:
    """The pipeline for a gazetteer: its names are protected from redaction and linked, and
    its streets tell the filter where a number is a house number."""
    entries = list(entries)
    privacy = PrivacyFilter(
        protected=dict.fromkeys(e.surface for e in entries),
        streets=[e.surface for e in entries if model.is_a(e.type, "Street")],
    )
    return RedactingExtractor(privacy, AliasExtractor(entries, model), PatternFinder(model))


__all__ = ["RedactingExtractor", "build_extractor"]
