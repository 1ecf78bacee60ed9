"""Sentence boundaries for relation extraction, in nl, en and fr, without a trained model.

A sentence ends at ``.``, ``!`` or ``?`` followed by white space and an upper-case letter, a
digit, a quote or a bracket, or at a blank line or a line that looks like a list item or
heading. Common abbreviations ("o.a.", "bijv.", "e.g.", "Dr.", "M.", "B.V.") and initials do
not end a sentence.
"""

from __future__ import annotations

import itertools
import re

_ABBREVIATIONS = frozenset(
    """
    o.a a.s b.v bijv d.w.z e.d enz etc i.p.v i.s.m m.b.t n.a.v t.a.v t.b.v t.o.v v.d z.g.a
    mr dr drs ir ing prof dhr mevr mw st nr no e.g i.e vs mrs ms mt jr sr cf
    m mme mlle mm av bd env p.ex c.-à-d cie b.v n.v v.o.f
    """.split()
)
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-ZÀ-ÖØ-Þ0-9])")
_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*•–]|\d+[.)])[ \t])|\n(?=[ \t]*#)")


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in '(["“':
        start -= 1
    word = text[start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, leading and trailing white space excluded."""
    cuts = {0, len(text)}
    for match in _END.finditer(text):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        cuts.add(match.end())
    for match in _BREAK.finditer(text):
        cuts.add(match.start())
    spans: list[tuple[int, int]] = []
    bounds = sorted(cuts)
    for left, right in itertools.pairwise(bounds):
        start, end = left, right
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


__all__ = ["sentence_spans"]
