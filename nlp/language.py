"""Language detection for nl, en and fr by function-word counts (no model download needed)."""

from __future__ import annotations

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


def detect(text: str, min_hits: int = 3) -> str:
    """Return ``nl``, ``en``, ``fr``, or ``und`` when the text has too few function words."""
    counts = dict.fromkeys(_STOPWORDS, 0)
    for match in _WORD.finditer(text.lower()):
        word = match.group(0)
        for lang, words in _STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    best = max(counts, key=lambda lang: counts[lang])
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] < min_hits or ranked[0] == ranked[1]:
        return UNDETERMINED
    return best


__all__ = ["UNDETERMINED", "detect"]
