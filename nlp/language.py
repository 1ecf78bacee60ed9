"""Language detection for nl, en and fr by function-word counts (no model download needed)."""

from __future__ import annotations

import itertools
import re

UNDETERMINED = "und"
_STOPWORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        "de het een en van in is op te dat met voor niet zijn er aan ook als bij door wordt "
        "worden naar om uit maar dan nog wij we hun deze die dit over heeft hebben werd zich "
        "tot onder tussen".split()
    ),
    "en": frozenset(
        "the a an and of in is on to that with for not are be it as at by from this which or "
        "have has was were been their its into than also will would can our we they".split()
    ),
    "fr": frozenset(
        "le la les un une et de des du en est dans que qui pour pas sur au aux avec par ce "
        "cette sont être ont plus ne se son sa ses leur nous il elle ils été".split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words:
        _LANGS_OF[_w] = (*_LANGS_OF.get(_w, ()), _lang)


def detect(text: str, min_hits: int = 3) -> str:
    """Return ``nl``, ``en``, ``fr``, or ``und`` when the text has too few function words."""
    counts = dict.fromkeys(_STOPWORDS, 0)
    langs_of = _LANGS_OF
    for word in _WORD.findall(text.lower()):
        for lang in langs_of.get(word, ()):
            counts[lang] += 1
    best = max(counts, key=lambda lang: counts[lang])
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] < min_hits or ranked[0] == ranked[1]:
        return UNDETERMINED
    return best


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(text: str, default: str | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, lang)`` for each paragraph (blocks between blank lines) of ``text``.

    A paragraph too short to tell (a heading) takes the language of the next paragraph that
    tells, else ``default`` (by default the whole text's language). The spans cover the whole
    text: each paragraph keeps the blank lines after it.
    """
    bounds = [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text))]
    if bounds[-1] < len(text) or len(bounds) == 1:
        bounds.append(len(text))
    spans = list(itertools.pairwise(bounds))
    langs = [detect(text[start:end]) for start, end in spans]
    # a short paragraph (a heading, a list item) takes the language of the next one that
    # tells, else the default or the whole text's language
    fallback = default or detect(text)
    following = fallback
    for i in reversed(range(len(langs))):
        if langs[i] == UNDETERMINED:
            langs[i] = following if following != UNDETERMINED else fallback
        else:
            following = langs[i]
    return [(start, end, lang) for (start, end), lang in zip(spans, langs, strict=True)]


__all__ = ["UNDETERMINED", "detect", "paragraphs"]
