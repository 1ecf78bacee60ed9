"""The extractor on the project's annotated corpus (eval/corpus): the quality targets of the
extraction issue, asserted. Needs no database; it runs the same pipeline as `twin eval`."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.reference import gazetteer_entries
from nlp.evaluation import GoldDocument, Report, evaluate, load_corpus
from nlp.gazetteer import ontology_entries
from nlp.pipeline import RedactingExtractor, build_extractor
from ontology import load_model

CORPUS = Path(__file__).resolve().parents[2] / "eval" / "corpus"

# The targets of the extraction issue (README "Extraction quality" has the measured scores).
ENTITY_F1 = 0.90
RELATION_F1 = 0.75


@pytest.fixture(scope="module")
def corpus() -> list[GoldDocument]:
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def extractor() -> RedactingExtractor:
    model = load_model()
    return build_extractor(gazetteer_entries(model) + ontology_entries(model), model)


@pytest.fixture(scope="module")
def report(corpus: list[GoldDocument], extractor: RedactingExtractor) -> Report:
    return evaluate(corpus, extractor, load_model())


def test_the_corpus_is_as_large_and_varied_as_promised(corpus: list[GoldDocument]) -> None:
    langs = {doc.lang for doc in corpus}
    assert len(corpus) >= 30 and langs == {"nl", "en", "fr"}
    assert all(sum(d.lang == lang for d in corpus) >= 10 for lang in langs)
    assert sum(len(d.names) for d in corpus) >= 150
    assert sum(len(d.contacts) for d in corpus) >= 50


def test_no_personal_data_survives(report: Report) -> None:
    assert report.leaks == []


def test_entity_f1(report: Report) -> None:
    total = Report.total(report.entities)
    assert total.f1 >= ENTITY_F1, report.as_json()["entities"]


def test_relation_f1(report: Report) -> None:
    total = Report.total(report.relations)
    assert total.f1 >= RELATION_F1, report.as_json()["relations"]


def test_held_out_documents_leak_nothing_and_keep_entity_quality(
    extractor: RedactingExtractor,
) -> None:
    """eval/heldout was written after the rules and never used to develop them: no leak is
    tolerated there either, and entity F1 must hold; its relation F1 is reported (README)."""
    report = evaluate(load_corpus(CORPUS.parent / "heldout"), extractor, load_model())
    assert report.documents >= 6
    assert report.leaks == []
    assert Report.total(report.entities).f1 >= ENTITY_F1
