"""`twin ontology diff`: what changed between two versions of the ontology."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from ontology.diff import diff
from ontology.model import bundled_root, load_model, ontology_files
from twin.cli import main

EXTRA = """
@prefix st: <https://w3id.org/social-twin/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
st:CommunityGarden a owl:Class ; rdfs:subClassOf st:Facility ;
    rdfs:label "buurttuin"@nl , "community garden"@en , "jardin partagé"@fr .
"""


def _copy(tmp_path: Path) -> Path:
    root = bundled_root()
    for path in ontology_files(root):
        target = tmp_path / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    return tmp_path


def test_added_removed_and_changed_terms(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "vocab" / "extra.ttl").write_text(EXTRA, encoding="utf-8")
    indicators = folder / "vocab" / "indicators.ttl"
    text = indicators.read_text(encoding="utf-8")
    indicators.write_text(text.replace('"habitants"@fr', '"population"@fr'), encoding="utf-8")
    changes = {(c.kind, c.section, c.name): c for c in diff(load_model(), load_model(folder))}
    assert ("added", "class", "CommunityGarden") in changes
    changed = changes[("changed", "concept", "indicator:inhabitants")]
    assert changed.details == ("labels.fr: 'habitants' → 'population'",)
    reverse = {(c.kind, c.section, c.name) for c in diff(load_model(folder), load_model())}
    assert ("removed", "class", "CommunityGarden") in reverse
    assert diff(load_model(), load_model()) == []


def test_cli_exit_codes(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    runner = CliRunner()
    same = runner.invoke(main, ["ontology", "diff", str(folder)])
    assert same.exit_code == 0 and "no differences" in same.output
    (folder / "vocab" / "extra.ttl").write_text(EXTRA, encoding="utf-8")
    differ = runner.invoke(main, ["ontology", "diff", str(bundled_root()), str(folder)])
    assert differ.exit_code == 1
    assert "+ class CommunityGarden" in differ.output and "1 added" in differ.output
    (folder / "broken.ttl").write_text("this is not turtle", encoding="utf-8")
    broken = runner.invoke(main, ["ontology", "diff", str(folder)])
    assert broken.exit_code == 2 and "cannot parse ontology" in broken.output
