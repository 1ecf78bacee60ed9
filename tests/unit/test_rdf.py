"""The property graph ↔ RDF mapping: IRIs, types, datatypes, reified provenance, round trips."""

from __future__ import annotations

from datetime import UTC
from typing import Any

import neo4j.time
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from graph.writer import NodeRow, RelationshipRow, WritePlan
from loaders.reference import seed_plan
from ontology.check import validate_instance_data
from ontology.model import ST, OntologyModel
from ontology.rdf import (
    ID,
    NodeRecord,
    RdfMappingError,
    RelationshipRecord,
    id_from_iri,
    most_specific_class,
    node_iri,
    plan_to_rdf,
    rdf_to_plan,
    records_to_rdf,
    statement_iri,
)

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's XSD warns when pytest inspects it
FIRST_SEEN = neo4j.time.DateTime(2024, 5, 1, 10, 11, 12, 123456000, tzinfo=UTC)


@pytest.fixture(scope="module")
def seed_rdf(model: OntologyModel) -> Graph:
    return plan_to_rdf(seed_plan(model), model)


def _mention(start: int, end: int, text: str) -> RelationshipRecord:
    return RelationshipRecord(
        "MENTIONS",
        "doc:abc",
        "BU09171000",
        {
            "start": start,
            "end": end,
            "text": text,
            "confidence": 0.9,
            "extractor": "twin.alias",
            "extractorVersion": "0.1.0",
            "sources": ["doc:abc"],
            "firstSeen": FIRST_SEEN,
        },
    )


def _sample(model: OntologyModel) -> tuple[list[NodeRecord], list[RelationshipRecord]]:
    indicator = next(iter(model.concepts_of("Indicator")))
    nodes = [
        NodeRecord(
            ("Neighbourhood", "Place"),
            {
                "id": "BU09171000",
                "code": "BU09171000",
                "name": "Maria Gewanden",
                "aliases": ["Maria-Gewanden", "MG"],
                "sources": ["dataset:cbs-kwb-heerlen"],
                "firstSeen": FIRST_SEEN,
            },
        ),
        NodeRecord(
            ("Document",),
            {
                "id": "doc:abc",
                "characters": 120,
                "sources": ["doc:abc"],
                "firstSeen": FIRST_SEEN,
            },
        ),
        NodeRecord(
            ("Observation",),
            {"id": "observation:x", "value": 12.3, "period": "2018", "sources": ["dataset:x"]},
        ),
        NodeRecord(
            ("Indicator",),
            {"id": indicator.id, "iri": indicator.iri, "name": "x", "sources": ["dataset:x"]},
        ),
    ]
    rels = [
        _mention(10, 24, "Maria Gewanden"),
        _mention(80, 94, "Maria Gewanden"),
        RelationshipRecord(
            "MEASURES", "observation:x", indicator.id, {"confidence": 1.0, "sources": ["d"]}
        ),
        RelationshipRecord("ABOUT", "observation:x", "BU09171000", {}),
    ]
    return nodes, rels


# ------------------------------------------------------------------ names and types


def test_node_iris_quote_the_id_and_concepts_keep_their_iri() -> None:
    assert node_iri("BU09171000") == URIRef(f"{ID}BU09171000")
    assert node_iri("doc:a b/c") == URIRef(f"{ID}doc:a%20b%2Fc")
    assert id_from_iri(node_iri("doc:a b/c")) == "doc:a b/c"
    assert node_iri("indicator:x", str(ST.X)) == ST.X
    assert id_from_iri(ST.X) is None


def test_the_most_specific_class_wins(model: OntologyModel) -> None:
    assert most_specific_class(["Place", "Neighbourhood"], model).label == "Neighbourhood"
    with pytest.raises(RdfMappingError, match="no ontology class"):
        most_specific_class(["Person"], model)
    with pytest.raises(RdfMappingError, match="not in one class lineage"):
        most_specific_class(["Neighbourhood", "Document"], model)


def test_nodes_are_typed_with_their_most_specific_class_only(
    seed_rdf: Graph, model: OntologyModel
) -> None:
    place = node_iri("BU09171000")
    assert set(seed_rdf.objects(place, RDF.type)) == {URIRef(model.cls("Neighbourhood").iri)}
    assert (place, ST.id, Literal("BU09171000")) in seed_rdf
    indicator = next(iter(model.concepts_of("Indicator")))
    assert (URIRef(indicator.iri), RDF.type, URIRef(model.cls("Indicator").iri)) in seed_rdf
    assert (URIRef(indicator.iri), ST.iri, None) not in seed_rdf  # the IRI is the node itself


# ------------------------------------------------------------------ literals


def test_datatypes_follow_the_values_and_the_ontology(model: OntologyModel) -> None:
    graph = records_to_rdf(*_sample(model), model)
    place, doc, obs = node_iri("BU09171000"), node_iri("doc:abc"), node_iri("observation:x")
    assert graph.value(place, ST.name) == Literal("Maria Gewanden")  # plain xsd:string
    assert set(graph.objects(place, ST.aliases)) == {Literal("Maria-Gewanden"), Literal("MG")}
    first_seen = graph.value(place, ST.firstSeen)
    assert isinstance(first_seen, Literal) and first_seen.datatype == XSD.dateTime
    assert str(first_seen) == "2024-05-01T10:11:12.123456+00:00"
    assert graph.value(doc, ST.characters) == Literal(120, datatype=XSD.integer)
    value = graph.value(obs, ST.value)
    assert isinstance(value, Literal) and value.datatype == XSD[model.properties["value"].range]


def test_nanoseconds_survive(model: OntologyModel) -> None:
    precise = neo4j.time.DateTime(2024, 5, 1, 10, 11, 12, 123456789, tzinfo=UTC)
    nodes = [NodeRecord(("Document",), {"id": "doc:x", "firstSeen": precise, "sources": ["s"]})]
    plan = rdf_to_plan(records_to_rdf(nodes, [], model), model)
    assert plan.nodes[0].props["firstSeen"] == precise


def test_values_without_rdf_mapping_are_refused(model: OntologyModel) -> None:
    nodes = [NodeRecord(("Document",), {"id": "doc:x", "where": object()})]
    with pytest.raises(RdfMappingError, match="'where' holds a object"):
        records_to_rdf(nodes, [], model)


# ------------------------------------------------------------------ relationships


def test_relationship_properties_are_reified_deterministically(model: OntologyModel) -> None:
    graph = records_to_rdf(*_sample(model), model)
    doc, place = node_iri("doc:abc"), node_iri("BU09171000")
    mentions = URIRef(model.rel("MENTIONS").iri)
    assert (doc, mentions, place) in graph
    statements = set(graph.subjects(RDF.predicate, mentions))
    assert statements == {
        statement_iri(doc, mentions, place, {"start": 10, "end": 24}),
        statement_iri(doc, mentions, place, {"start": 80, "end": 94}),
    }
    record = statement_iri(doc, mentions, place, {"start": 80, "end": 94})
    assert (record, RDF.type, RDF.Statement) in graph
    assert graph.value(record, RDF.subject) == doc and graph.value(record, RDF.object) == place
    assert graph.value(record, ST.extractor) == Literal("twin.alias")
    assert graph.value(record, ST.start) == Literal(80)
    about = URIRef(model.rel("ABOUT").iri)
    assert not set(graph.subjects(RDF.predicate, about))  # no properties, no record
    again = records_to_rdf(*reversed_sample(model), model)
    assert isomorphic(graph, again) and set(graph) == set(again)


def reversed_sample(model: OntologyModel) -> tuple[list[NodeRecord], list[RelationshipRecord]]:
    nodes, rels = _sample(model)
    return list(reversed(nodes)), list(reversed(rels))


# ------------------------------------------------------------------ back to a plan


def _comparable(props: dict[str, Any]) -> dict[str, Any]:
    """Lists as sets: RDF keeps neither the order of repeated values nor empty lists."""
    return {
        k: sorted(v, key=str) if isinstance(v, list) else v for k, v in props.items() if v != []
    }


def test_records_come_back_from_rdf(model: OntologyModel) -> None:
    nodes, rels = _sample(model)
    plan = rdf_to_plan(records_to_rdf(nodes, rels, model), model)
    got = {n.id: (n.label, _comparable({**n.props, "sources": n.sources})) for n in plan.nodes}
    want = {
        str(n.props["id"]): (
            most_specific_class(n.labels, model).label,
            _comparable({k: v for k, v in n.props.items() if k != "id"}),
        )
        for n in nodes
    }
    assert got == want
    mentions = sorted(
        (r for r in plan.relationships if r.type == "MENTIONS"), key=lambda r: r.key["start"]
    )
    assert [r.key for r in mentions] == [{"start": 10, "end": 24}, {"start": 80, "end": 94}]
    assert mentions[0].props["firstSeen"] == FIRST_SEEN and mentions[0].sources == ["doc:abc"]
    assert (mentions[0].source_label, mentions[0].target_label) == ("Document", "Neighbourhood")
    about = next(r for r in plan.relationships if r.type == "ABOUT")
    assert about.props == {} and about.sources == ["dataset:rdf-import"]


def test_single_item_lists_stay_lists_when_the_ontology_says_so(model: OntologyModel) -> None:
    assert model.properties["aliases"].multi_valued
    nodes = [NodeRecord(("Area", "Place"), {"id": "area:x", "name": "X", "aliases": ["Y"]})]
    plan = rdf_to_plan(records_to_rdf(nodes, [], model), model)
    assert plan.nodes[0].props["aliases"] == ["Y"] and plan.nodes[0].props["name"] == "X"


def test_foreign_predicates_are_never_imported(model: OntologyModel) -> None:
    graph = Graph().parse(
        data="""
        @prefix st: <https://w3id.org/social-twin/ontology#> .
        @prefix schema: <https://schema.org/> .
        <https://w3id.org/social-twin/id/stakeholder:x> a st:Stakeholder ;
            st:name "X" ; schema:email "someone@example.org" .
        """,
        format="turtle",
    )
    plan = rdf_to_plan(graph, model)
    assert plan.nodes[0].id == "stakeholder:x" and "email" not in plan.nodes[0].props
    assert plan.skipped == {"https://schema.org/email": 1}


def test_a_dangling_relationship_without_implied_class_is_refused(model: OntologyModel) -> None:
    graph = Graph()
    doc = node_iri("doc:x")
    graph.add((doc, RDF.type, URIRef(model.cls("Document").iri)))
    graph.add((doc, URIRef(model.rel("MENTIONS").iri), URIRef("https://example.org/thing")))
    with pytest.raises(RdfMappingError, match="neither typed in the data"):
        rdf_to_plan(graph, model)


# ------------------------------------------------------------------ the seed data


def test_the_seed_data_as_rdf_conforms_to_the_shapes(seed_rdf: Graph) -> None:
    errors = [f.line() for f in validate_instance_data(seed_rdf) if f.severity == "error"]
    assert errors == []


def test_the_seed_plan_maps_to_rdf_and_back(seed_rdf: Graph, model: OntologyModel) -> None:
    seed = seed_plan(model)
    plan = rdf_to_plan(seed_rdf, model)
    assert {n.id for n in plan.nodes} == {n.id for n in seed.nodes}
    assert len(plan.relationships) == len(seed.relationships)
    assert plan.skipped == {}


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt"])
def test_serialised_rdf_parses_back_isomorphic(seed_rdf: Graph, fmt: str) -> None:
    parsed = Graph().parse(data=seed_rdf.serialize(format=fmt), format=fmt)
    assert isomorphic(parsed, seed_rdf)


def test_a_plan_with_a_repeated_node_merges_it(model: OntologyModel) -> None:
    plan = WritePlan(
        nodes=[
            NodeRow(label="Area", id="area:x", source="s1", props={"name": "X"}),
            NodeRow(label="Area", id="area:x", source="s2", props={"kind": "informal"}),
            NodeRow(label="Municipality", id="GM0001", source="s1", props={"name": "M"}),
        ],
        relationships=[
            RelationshipRow(
                type="PART_OF",
                source="area:x",
                source_label="Area",
                target="GM0001",
                target_label="Municipality",
                provenance="s1",
            )
        ],
    )
    graph = plan_to_rdf(plan, model)
    area = node_iri("area:x")
    assert set(graph.objects(area, ST.sources)) == {Literal("s1"), Literal("s2")}
    assert graph.value(area, ST.kind) == Literal("informal")
    assert (area, URIRef(model.rel("PART_OF").iri), node_iri("GM0001")) in graph
