"""`twin ontology check`: the shipped ontology passes every check, and each broken fixture
makes its check fail with a message naming the offending term (and the CLI exit non-zero)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from loaders.reference import seed_plan
from ontology.check import CheckReport, run_check
from ontology.model import LANGUAGES, OntologyModel, bundled_root
from ontology.rdf import plan_to_rdf
from twin.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ontology"


@pytest.fixture(scope="module")
def shipped() -> CheckReport:
    return run_check()


def test_the_shipped_ontology_passes_every_check(
    shipped: CheckReport, model: OntologyModel
) -> None:
    assert shipped.ok, "\n".join(f.line() for f in shipped.errors)
    assert shipped.reasoner_seconds is not None and shipped.reasoner_seconds > 0
    assert shipped.classes == len(model.classes)
    assert shipped.concepts == len(model.concepts)
    assert shipped.datatype_properties >= len(model.properties)
    assert shipped.object_properties >= len(model.relationships)
    assert shipped.terms >= shipped.classes + shipped.concepts
    assert all(shipped.labelled[lang] == shipped.terms for lang in LANGUAGES)
    assert shipped.validated_triples == len(plan_to_rdf(seed_plan(model), model))


def test_the_summary_gives_counts_coverage_and_reasoner_time(shipped: CheckReport) -> None:
    text = "\n".join(shipped.summary())
    assert f"{shipped.classes} classes" in text and f"{shipped.concepts} concepts" in text
    for lang in LANGUAGES:
        assert f"{lang} {shipped.terms}/{shipped.terms} (100%)" in text
    assert "reasoner: HermiT" in text and text.endswith(
        f"0 errors, {len(shipped.warnings)} warnings"
    )


def test_the_cli_exits_0_on_the_shipped_ontology() -> None:
    result = CliRunner().invoke(main, ["ontology", "check"])
    assert result.exit_code == 0, result.output
    assert "error:" not in result.output
    assert "reasoner: HermiT" in result.output and "ok: 0 errors" in result.output


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("syntax_error.ttl", "syntax_error.ttl: cannot parse: line 8: Bad syntax"),
        (
            "inconsistent.ttl",
            "st:FixtureMayor: the ontology is inconsistent: this individual is an instance of "
            "the disjoint classes st:Stakeholder and foaf:Person",
        ),
        (
            "unsatisfiable.ttl",
            "st:FixtureImpossiblePlace: unsatisfiable class, nothing can be an instance of it: "
            "it is a subclass of the disjoint classes st:Place and foaf:Person",
        ),
        (
            "not_owl_dl.ttl",
            "st:fixtureWithin: HermiT refused the ontology: Non-simple property "
            "'st:fixtureWithin' or its inverse appears in the cardinality restriction",
        ),
        (
            "missing_french_label.ttl",
            "st:FixtureBusShelter: class has no French label (rdfs:label or skos:prefLabel @fr)",
        ),
    ],
)
def test_each_broken_ontology_fails_its_check(fixture: str, expected: str) -> None:
    args = ["ontology", "check", "--ontology", str(bundled_root())]
    result = CliRunner().invoke(main, [*args, "--ontology", str(FIXTURES / fixture)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert any(expected in line for line in errors), result.output
    assert "failed:" in result.output


def test_data_violating_the_shapes_fails_naming_each_node() -> None:
    data = FIXTURES / "shape_violations.ttl"
    report = run_check(data=[data], reasoner=False)
    assert not report.ok
    lines = {f.line() for f in report.errors if f.check == "shapes"}
    assert lines == {
        "error: BU09990101: st:partOf: a neighbourhood is PART_OF exactly one district",
        "error: BU09990102: st:id: every node has exactly one id (st:id, a non-empty string)",
        "error: stakeholder:fixture-foundation: schema:email: "
        "an e-mail address (schema:email) is never stored",
        "error: person:jan-jansen: rdf:type: a person is never stored in the twin "
        "(typed as a person)",
        "error: person:jan-jansen: foaf:name: a person's name (foaf:name) is never stored",
    }
    cli = CliRunner().invoke(main, ["ontology", "check", "--no-reasoner", "--data", str(data)])
    assert cli.exit_code == 1 and "error: BU09990101: st:partOf" in cli.output


def test_a_class_no_shape_covers_is_an_error(tmp_path: Path, model: OntologyModel) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n", encoding="utf-8")
    report = run_check(shapes=shapes, reasoner=False)
    uncovered = {f.term for f in report.errors if f.check == "coverage"}
    assert uncovered == {f"st:{label}" for label in model.classes}


def test_checks_in_one_process_do_not_interfere() -> None:
    broken = run_check([bundled_root(), FIXTURES / "inconsistent.ttl"])
    assert any(f.check == "reasoner" for f in broken.errors)
    again = run_check()
    assert again.ok, "\n".join(f.line() for f in again.errors)


def test_a_missing_ontology_path_is_reported(tmp_path: Path) -> None:
    report = run_check([tmp_path / "nowhere.ttl"], reasoner=False)
    assert [f.line() for f in report.errors] == [
        f"error: ontology: {tmp_path / 'nowhere.ttl'}: no such file or folder"
    ]
