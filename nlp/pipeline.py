"""The extraction pipeline as ingestion and ``twin extract`` use it: language (per paragraph) →
privacy filter → entities on the redacted text.

The privacy filter runs first, so nothing downstream (entities, offsets, the stored text) ever
sees a person's name or contact details; every offset refers to the redacted text, which is the
only text the twin stores or returns.
"""

from __future__ import annotations

from collections.abc import Iterable

from nlp.extraction import AliasExtractor, Extraction, GazetteerEntry
from nlp.language import detect, paragraphs
from nlp.privacy import PrivacyFilter, reference_streets
from ontology.model import OntologyModel


class RedactingExtractor:
    """Redacts personal data, then finds entities in what is left."""

    version = "0.1.0"

    def __init__(self, privacy: PrivacyFilter, inner: AliasExtractor) -> None:
        self._privacy = privacy
        self._inner = inner
        self.name = f"{inner.name}+privacy"

    def extract(self, text: str) -> Extraction:
        lang = detect(text)
        # each paragraph's names are found with its own language's back-end (a French
        # paragraph in a Dutch note gets the French model)
        redacted = self._privacy.redact(text, paragraphs(text, default=lang))
        redacted_text, redactions = redacted.text, list(redacted.redactions)
        found = self._inner.extract(redacted_text)
        return Extraction(
            text=redacted_text,
            lang=lang,
            entities=found.entities,
            redactions=redactions,
            extractor=self.name,
            extractor_version=f"{found.extractor_version}+{self.version}",
            redacted=True,
        )


def build_extractor(entries: Iterable[GazetteerEntry], model: OntologyModel) -> RedactingExtractor:
    """The pipeline for a gazetteer: its names are protected from redaction and linked."""
    entries = list(entries)
    privacy = PrivacyFilter(
        protected=dict.fromkeys(e.surface for e in entries), streets=reference_streets(model)
    )
    return RedactingExtractor(privacy, AliasExtractor(entries, model))


__all__ = ["RedactingExtractor", "build_extractor"]
