"""Inflected forms of the ontology's words in Dutch, English and French, computed once.

The matcher knows "inbraken", "woninginbraken", "explosies", "cambriolages" and "burglaries"
because ``inflections`` adds them to the word list before any document is read: nothing is
lemmatised per document. The forms come from

1. spaCy's lookup data (``spacy-lookups-data``): the per-part-of-speech exception tables
   (irregular and stem-changing noun plurals such as "inbraak" → "inbraken", "stad" →
   "steden", "travail" → "travaux"), and the lemma index as a lexicon;
2. simple suffix rules per language, because the tables miss many regular plurals:
   - nl: -heid → -heden; -ie/-ee → +s, +ën; -e → +s, +n; -el/-em/-en/-er → +s; -um → -a,
     +s; a final vowel → +'s, +s; -ing → +en; a long vowel before the last consonant is
     written single ("inbraak" → "inbraken"), f/s become v/z after a long vowel or a
     diphthong ("bedrijf" → "bedrijven"); after a short vowel both "+Cen" and "+en"
     ("diefstal" → "diefstallen"); otherwise +en. An attributive adjective gets its -e
     form ("illegaal vuurwerk" → "illegale vuurwerk");
   - en: -y → -ies, -s/-x/-z/-ch/-sh → +es, -man → -men, -f/-fe → -ves (and +s), else +s;
   - fr: -s/-x/-z unchanged, -eau/-au/-eu → +x, -al → -aux (and +s), else +s.

Where a phrase is inflected: in Dutch and English the word before the first preposition, else
the last word ("diefstal uit woning" → "diefstallen uit woning", "house burglary" → "house
burglaries"); in French every word before the first preposition or article ("incendie
criminel" → "incendies criminels", "vol de vélo" → "vols de vélo").

Safety: a single word is only inflected when it has at least 4 letters, and no form shorter
than that is added. Forms that are no word at all ("diefstalen") are harmless: no text
contains them. What the rules cannot see is a plural that is another word with another
meaning ("werk" → "werken", "work" → "works", "travail" → "travaux"): the caller does not
inflect the words of such abstract concepts (themes), ``UNCOUNTABLE`` words get no plural
("polices" are fonts or insurance policies), and a generated form never replaces a word the
ontology lists for something else.

``is_common_word`` uses the same lexicons to tell whether a name is also an ordinary word.
The tables are read once per process (about a second), on first use.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import Any

LANGUAGES = ("nl", "en", "fr")
MIN_LETTERS = 4
_VOWELS = "aeiouy"
_POS = ("noun", "verb", "adj", "adv", "adp", "det")
_ENDINGS = ("e", "en")
_DIPHTHONGS = ("ij", "ei", "ui", "ie", "oe", "eu", "ou", "au")
_PREPOSITIONS = {
    "nl": frozenset(
        "van uit door met op in tegen bij voor aan vanaf tot om naar over onder".split()
    ),
    "en": frozenset("of from by with in on for to against through at into".split()),
    "fr": frozenset(
        "de d du des à au aux en sur dans par pour avec contre la le les l sans entre chez".split()
    ),
}


class _Tables:
    """The spaCy lookup tables of one language, as the rules need them."""

    def __init__(self, lang: str) -> None:
        from spacy.lookups import load_lookups

        lookups = load_lookups(lang, ["lemma_index", "lemma_exc"])
        index = lookups.get_table("lemma_index")  # keys are hashed: look them up by name
        exc = lookups.get_table("lemma_exc")
        pos_words: dict[str, Any] = {pos: index.get(pos, []) for pos in _POS}
        self.adjectives: frozenset[str] = frozenset(pos_words["adj"])
        self.lexicon: frozenset[str] = frozenset(
            word for words in pos_words.values() for word in words
        ) | frozenset(form for pos in _POS for form in exc.get(pos, {}))
        plurals: dict[str, set[str]] = defaultdict(set)
        singulars: dict[str, set[str]] = defaultdict(set)
        nouns: dict[str, list[str]] = exc.get("noun", {})
        for form, lemmas in nouns.items():
            for lemma in lemmas:
                if form != lemma:
                    plurals[lemma].add(form)
                    singulars[form].add(lemma)
        self.plurals = {k: frozenset(v) for k, v in plurals.items()}
        self.singulars = {k: frozenset(v) for k, v in singulars.items()}


@cache
def tables(lang: str) -> _Tables:
    return _Tables(lang)


def _long_vowel_stem(word: str) -> str | None:
    """ "inbraak" → "inbrak", "straat" → "strat": a double vowel before the last consonant
    is written single before a vowel ending; ``None`` when the word has none."""
    if (
        len(word) >= 4
        and word[-1] not in _VOWELS
        and word[-2] in "aeou"
        and word[-3] == word[-2]
        and word[-4] != word[-2]
    ):
        return word[:-3] + word[-2] + word[-1]
    return None


def _voiced(stem: str) -> str:
    """f → v and s → z before a vowel ending ("bedrijf" → "bedrijv", "huis" → "huiz")."""
    if stem.endswith("f"):
        return stem[:-1] + "v"
    if stem.endswith("s") and not stem.endswith(("ss", "sch")):
        return stem[:-1] + "z"
    return stem


def _nl_plurals(word: str) -> set[str]:
    if word.endswith("heid"):
        return {word[:-4] + "heden"}
    if word.endswith(("ie", "ee")):
        return {word + "s", word + "ën"}
    if word.endswith("e"):
        return {word + "s", word + "n"}
    if word.endswith("um"):
        return {word[:-2] + "a", word + "s"}
    if word[-2:-1] == "e" and word[-1] in "lmnr" and word[-3:-2] != "e":
        return {word + "s"}
    if word.endswith("ij"):
        return {word + "en"}
    if word[-1] in "aiouyé":
        return {word + "'s", word + "s"}
    if word.endswith("ing"):
        return {word + "en"}
    stem = _long_vowel_stem(word)
    if stem is not None:
        return {_voiced(stem) + "en"}
    if word.endswith(tuple(d + word[-1] for d in _DIPHTHONGS)):
        return {_voiced(word) + "en"}
    if word[-2] in _VOWELS and word[-3:-2] not in tuple(_VOWELS) and word[-1] not in "xw":
        return {word + word[-1] + "en", word + "en"}
    return {word + "en"}


def _nl_attributive(word: str) -> str:
    """The -e form of a Dutch adjective ("illegaal" → "illegale", "zwaar" → "zware")."""
    if word.endswith("e"):
        return word
    if word.endswith(("ig", "lijk", "isch", "ief")):
        return _voiced(word) + "e"
    stem = _long_vowel_stem(word)
    if stem is not None:
        return _voiced(stem) + "e"
    vowel_groups = sum(
        1 for i, c in enumerate(word) if c in _VOWELS and (i == 0 or word[i - 1] not in _VOWELS)
    )
    if vowel_groups == 1 and word[-2] in _VOWELS and word[-3:-2] not in tuple(_VOWELS):
        return word + word[-1] + "e"
    return _voiced(word) + "e"


def _en_plurals(word: str) -> set[str]:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return {word + "es"}
    if word.endswith("y") and word[-2:-1] not in tuple(_VOWELS):
        return {word[:-1] + "ies"}
    if word.endswith("man"):
        return {word[:-3] + "men"}
    if word.endswith("fe"):
        return {word[:-2] + "ves", word + "s"}
    if word.endswith("f") and not word.endswith("ff"):
        return {word[:-1] + "ves", word + "s"}
    return {word + "s"}


def _fr_plurals(word: str) -> set[str]:
    if word.endswith(("s", "x", "z")):
        return set()
    if word.endswith(("eau", "au", "eu")):
        return {word + "x"}
    if word.endswith("al"):
        return {word[:-2] + "aux", word + "s"}
    return {word + "s"}


_RULES = {"nl": _nl_plurals, "en": _en_plurals, "fr": _fr_plurals}


# words whose plural means something else ("polices": fonts, insurance policies)
UNCOUNTABLE = frozenset({"police", "politie", "justice", "justitie"})


def word_forms(word: str, lang: str) -> set[str]:
    """The other number of one (lower-case) noun: plurals by table and rules, and the
    singular when the table knows ``word`` as an irregular plural."""
    if len(word) < 2 or (not word.isalpha() and "-" not in word) or word in UNCOUNTABLE:
        return set()
    table = tables(lang)
    head = word.rsplit("-", 1)[-1]
    prefix = word[: len(word) - len(head)]
    forms = {prefix + f for f in _RULES[lang](head)} if head else set()
    # the table knows irregular plurals of the word or of the head of a compound
    # ("woninginbraak" → "woninginbraken" through "inbraak" → "inbraken")
    for size in range(len(head), 2, -1):
        tail = head[-size:]
        if tail in table.plurals:
            forms |= {prefix + head[:-size] + p for p in table.plurals[tail]}
            break
    forms |= table.singulars.get(word, frozenset())
    forms.discard(word)
    return forms


def _inflect_at(words: list[str], lang: str) -> list[int]:
    """The positions of ``words`` that take the plural (module docstring)."""
    preps = _PREPOSITIONS[lang]
    first_prep = next(
        (i for i, w in enumerate(words) if i > 0 and (w in preps or w.startswith(("d'", "l'")))),
        len(words),
    )
    if lang == "fr":
        return list(range(first_prep))
    return [first_prep - 1]


def inflections(surface: str, lang: str) -> set[str]:
    """Other forms of an ontology word or phrase in ``lang`` (module docstring), in lower
    case; the surface itself is not included."""
    if lang not in _RULES:
        return set()
    words = surface.casefold().split()
    if not words:
        return set()
    table = tables(lang)
    single = len(words) == 1
    if single and len(words[0]) < MIN_LETTERS:
        return set()
    variants: list[list[str]] = [words]
    if lang == "nl" and not single and words[0] in table.adjectives:
        variants.append([_nl_attributive(words[0]), *words[1:]])
    found: set[str] = set()
    for base in variants:
        positions = _inflect_at(base, lang)
        options = [{w, *word_forms(w, lang)} if i in positions else {w} for i, w in enumerate(base)]
        combos: list[list[str]] = [[]]
        for choice in options:
            combos = [[*c, w] for c in combos for w in sorted(choice)]
        found |= {" ".join(c) for c in combos}
    found.discard(" ".join(words))
    if single:
        found = {f for f in found if len(f) >= MIN_LETTERS}
    return found


def is_common_word(word: str, max_letters: int = 7) -> bool:
    """A short ordinary word of nl, en or fr ("beitel", "hei", "loon", "verspreide"); the
    lexicons list many rare compounds, so longer words do not count (``max_letters``)."""
    folded = word.casefold()
    if len(folded) > max_letters:
        return False
    if any(folded in tables(lang).lexicon for lang in LANGUAGES):
        return True
    # the Dutch lexicon lists lemmas: also try the word without an inflection ending
    stripped = {folded[: -len(end)] for end in _ENDINGS if folded.endswith(end)}
    return any(form in tables("nl").lexicon for form in stripped)


__all__ = ["LANGUAGES", "UNCOUNTABLE", "inflections", "is_common_word", "tables", "word_forms"]
