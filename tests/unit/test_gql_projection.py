"""The projection compiler (gql.projection): what a selection needs, and the Cypher map it
becomes. Pure text; the Cypher runs in tests/integration/test_graphql_compiled.py."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.types.nodes import InlineFragment, SelectedField

from gql.edges import edge_properties
from gql.filters import FilterSpec, filter_spec
from gql.projection import MAX_LEVELS, Shapes, project, wanted
from gql.timeline import timeline
from ontology import OntologyModel


def f(name: str, *subs: Any, alias: str | None = None) -> SelectedField:
    return SelectedField(name=name, directives={}, arguments={}, selections=list(subs), alias=alias)


@pytest.fixture(scope="module")
def spec(model: OntologyModel) -> FilterSpec:
    return filter_spec(model)


@pytest.fixture(scope="module")
def shapes(model: OntologyModel) -> Shapes:
    return Shapes(
        node_props=frozenset(p.name for p in model.properties.values() if not p.on_relationships),
        edge_props=frozenset(p.name for p in edge_properties(model)),
    )


def test_only_selected_properties_and_relations_travel(spec: FilterSpec, shapes: Shapes) -> None:
    selection = [
        f("name"),
        f("__typename"),
        f("district", f("code"), f("name", alias="label")),
        InlineFragment(type_condition=None, selections=[f("codeStatus")], directives={}),
        f("observations", f("value"), f("indicator", f("name"))),
        f("supportingDocuments", f("title")),
    ]
    want = wanted(spec, "Neighbourhood", selection, shapes)
    assert want.props == {"name", "codeStatus", "sources"}
    assert set(want.relations) == {"district", "observations"}
    assert want.relations["district"].props == {"code", "name"}
    assert want.rel_props == {"district": set(), "observations": set()}  # no rel maps
    cypher = project(spec, "Neighbourhood", "n", want)
    assert cypher.startswith("n {.codeStatus, .id, .name, .sources, labels: ['Neighbourhood']")
    assert "COLLECT { MATCH (n)-[r1:PART_OF]->(m1:District) WHERE r1.rejected IS NULL" in cypher
    assert "MATCH (m1)-[r2:MEASURES]->(m2:Indicator)" in cypher  # two levels down
    assert "firstSeen" not in cypher and "rel:" not in cypher  # rows are the nodes' maps
    assert "RETURN m2 {.id, .name, labels: ['Indicator']} }" in cypher


def test_connections_and_mentions_bring_their_relationship_properties(
    spec: FilterSpec, shapes: Shapes
) -> None:
    selection = [
        f("districtConnection", f("edges", f("sources"), f("confidence"), f("node", f("name")))),
        f("mentions", f("start"), f("document", f("title"))),
        f("documents", f("language")),
    ]
    want = wanted(spec, "Neighbourhood", selection, shapes)
    assert want.rel_props["district"] == {"start", "sources", "confidence"}
    assert want.rel_props["mentions"] == {"start", "end", "text", "confidence", "extractor"}
    assert want.relations["mentions"].props == {"title", "language"}
    cypher = project(spec, "Neighbourhood", "n", want)
    assert "rel: r1 {.confidence, .sources, .start}" in cypher
    assert "ORDER BY coalesce(r1.start, 0), m1.id" in cypher  # mentions: by offset
    assert "(n)<-[r1:MENTIONS]-(m1:Document)" in cypher


def test_abstract_targets_read_their_labels(spec: FilterSpec, shapes: Shapes) -> None:
    want = wanted(spec, "Observation", [f("place", f("name"))], shapes)
    assert "labels: labels(m1)" in project(spec, "Observation", "n", want)


def test_as_of_reaches_every_level(model: OntologyModel, spec: FilterSpec, shapes: Shapes) -> None:
    want = wanted(spec, "District", [f("neighbourhoods", f("observations", f("value")))], shapes)
    cypher = project(spec, "District", "n", want, timeline(model))
    assert cypher.count("$asOf") >= 4  # two relationships and two nodes


def test_depth_is_bounded(spec: FilterSpec, shapes: Shapes) -> None:
    inner = f("name")
    for _ in range(MAX_LEVELS + 3):
        inner = f("district", f("neighbourhoods", inner))
    want = wanted(spec, "Neighbourhood", [inner], shapes)
    assert project(spec, "Neighbourhood", "n", want).count("COLLECT") < MAX_LEVELS
