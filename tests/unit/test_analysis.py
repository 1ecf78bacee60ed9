"""spaCy pipelines per language: tokens, the project's sentence rules, lemmas."""

from __future__ import annotations

from nlp.analysis import sentences


def _lemmas(text: str, lang: str) -> list[list[tuple[str, str]]]:
    return [[(t["text"], t["lemma"]) for t in s] for s in sentences(text, lang)]


def test_dutch_lookup_lemmas_and_sentences_that_survive_abbreviations() -> None:
    found = _lemmas("Bewoners melden o.a. explosies bij woningen. Het programma loopt.", "nl")
    assert len(found) == 2
    assert ("explosies", "explosie") in found[0] and ("woningen", "woning") in found[0]
    assert ("o.a.", "o.a.") in found[0]


def test_english_and_french_lemmas() -> None:
    english = _lemmas("The programmes target neighbourhoods.", "en")[0]
    assert ("programmes", "programme") in english and ("neighbourhoods", "neighbourhood") in english
    french = _lemmas("Les habitants signalent des cambriolages. Puis ils partent.", "fr")
    assert len(french) == 2
    assert ("cambriolages", "cambriolage") in french[0]


def test_offsets_point_into_the_text() -> None:
    text = "Het project [PERSON] start.\n\n- item een\n- item twee"
    for sentence in sentences(text, "nl"):
        for token in sentence:
            assert text[token["start"] : token["end"]] == token["text"]
    assert len(sentences(text, "nl")) == 3
