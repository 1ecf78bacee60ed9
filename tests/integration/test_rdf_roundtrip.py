"""RDF interop against the real Neo4j: Neo4j → RDF → empty Neo4j → RDF is isomorphic, keeps
every node, relationship and property (provenance and firstSeen included), and conforms to
the shapes; `twin export` and `twin import-rdf` do the same through files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from graph import queries, schema
from graph.rdf_io import export_graph, import_graph, read_rdf, read_records
from graph.writer import GraphWriter
from loaders.ingest import extractor_for, ingest
from ontology import OntologyModel
from ontology.check import validate_instance_data
from tests.integration.test_ingest import SAMPLES
from twin.cli import main
from twin.settings import Settings

pytestmark = pytest.mark.integration


def _wipe(driver: neo4j.Driver, settings: Settings, model: OntologyModel) -> None:
    with driver.session(database=settings.neo4j_database) as session:
        session.run(queries.WIPE).consume()
    schema.apply(driver, model, settings.neo4j_database)


def _comparable(props: dict[str, Any]) -> dict[str, Any]:
    """RDF keeps neither the order of repeated values nor empty lists."""
    return {k: sorted(v) if isinstance(v, list) else v for k, v in props.items() if v != []}


def _snapshot(driver: neo4j.Driver, settings: Settings) -> tuple[dict[str, Any], list[Any]]:
    nodes, rels = read_records(driver, settings.neo4j_database)
    by_id = {n.props["id"]: (sorted(n.labels), _comparable(dict(n.props))) for n in nodes}
    edges = sorted(
        (r.type, r.source, r.target, sorted(_comparable(dict(r.props)).items(), key=str))
        for r in rels
    )
    return by_id, edges


@pytest.fixture
def twin_db(seeded_db: neo4j.Driver, model: OntologyModel) -> neo4j.Driver:
    """The seed data plus the sample documents (MENTIONS with offsets)."""
    report = ingest([SAMPLES], extractor_for(seeded_db, model), GraphWriter(seeded_db, model))
    assert report.ok and report.stored
    return seeded_db


def test_neo4j_rdf_empty_neo4j_rdf_is_isomorphic(
    twin_db: neo4j.Driver, settings: Settings, model: OntologyModel
) -> None:
    db = settings.neo4j_database
    before_nodes, before_edges = _snapshot(twin_db, settings)
    first = export_graph(twin_db, model, db)
    assert first.nodes == len(before_nodes) and first.relationships == len(before_edges)
    assert any(edge[0] == "MENTIONS" for edge in before_edges)

    _wipe(twin_db, settings, model)
    result = import_graph(twin_db, model, first.graph, db)
    assert (result.nodes_created, result.relationships_created) == (
        first.nodes,
        first.relationships,
    )
    assert result.missing_endpoints == 0 and result.skipped == {}

    second = export_graph(twin_db, model, db)
    assert isomorphic(first.graph, second.graph)
    assert (second.nodes, second.relationships) == (first.nodes, first.relationships)
    after_nodes, after_edges = _snapshot(twin_db, settings)
    assert after_nodes == before_nodes  # labels and properties, firstSeen and sources included
    assert after_edges == before_edges

    errors = [f.line() for f in validate_instance_data(second.graph) if f.severity == "error"]
    assert errors == []

    again = import_graph(twin_db, model, second.graph, db)
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert _snapshot(twin_db, settings) == (before_nodes, before_edges)


@pytest.mark.parametrize(("fmt", "suffix"), [("turtle", ".ttl"), ("jsonld", ".jsonld")])
def test_cli_export_and_import_rdf_through_a_file(
    twin_db: neo4j.Driver,
    settings: Settings,
    model: OntologyModel,
    tmp_path: Path,
    fmt: str,
    suffix: str,
) -> None:
    runner = CliRunner()
    before = _snapshot(twin_db, settings)
    out = tmp_path / f"twin{suffix}"
    exported = runner.invoke(main, ["export", "--format", fmt, "--output", str(out)])
    assert exported.exit_code == 0, exported.output
    assert f"Exported {len(before[0])} nodes and {len(before[1])} relationships" in (
        exported.output
    )

    _wipe(twin_db, settings, model)
    imported = runner.invoke(main, ["import-rdf", str(out)])
    assert imported.exit_code == 0, imported.output
    assert f"({len(before[0])} nodes and {len(before[1])} relationships new)" in imported.output
    assert _snapshot(twin_db, settings) == before
    assert isomorphic(read_rdf(out), export_graph(twin_db, model, settings.neo4j_database).graph)


def test_cli_export_to_stdout_is_ntriples(seeded_db: neo4j.Driver) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "ntriples"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    assert lines and all(ln.endswith(" .") for ln in lines)
    assert len(Graph().parse(data=result.stdout, format="nt")) == len(lines)


def test_import_rdf_refuses_data_that_violates_the_shapes(
    empty_db: neo4j.Driver, tmp_path: Path
) -> None:
    bad = tmp_path / "person.ttl"
    bad.write_text(
        "@prefix st: <https://w3id.org/social-twin/ontology#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "<https://w3id.org/social-twin/id/stakeholder:x> a st:Stakeholder ;\n"
        '    st:id "stakeholder:x" ; st:name "X" ; st:sources "dataset:t" ;\n'
        '    schema:email "someone@example.org" .\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["import-rdf", str(bad)])
    assert result.exit_code == 1
    assert "stakeholder:x: schema:email" in result.output
    assert "nothing was imported" in result.output
    records, _, _ = empty_db.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] == 0


def test_import_rdf_rolls_back_when_an_endpoint_is_missing(
    empty_db: neo4j.Driver, tmp_path: Path
) -> None:
    dangling = tmp_path / "dangling.ttl"
    dangling.write_text(
        "@prefix st: <https://w3id.org/social-twin/ontology#> .\n"
        "@prefix id: <https://w3id.org/social-twin/id/> .\n"
        'id:WK099901 a st:District ; st:id "WK099901" ; st:code "WK099901" ;\n'
        '    st:name "W" ; st:sources "dataset:t" ; st:partOf id:GM0999 .\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["import-rdf", "--no-validate", str(dangling)])
    assert result.exit_code == 1
    assert "1 relationships point at nodes that are neither in the file nor in the database" in (
        result.output
    )
    records, _, _ = empty_db.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] == 0
