"""Schema and seed against the real server: idempotent, exact counts, atomic."""

from __future__ import annotations

import neo4j
import pytest

from graph import schema
from graph.reads import counts
from graph.writer import GraphWriter, NodeRow, RelationshipRow, WritePlan
from loaders.reference import seed_plan
from ontology import OntologyModel
from tests.conftest import count
from twin.settings import Settings

pytestmark = pytest.mark.integration


def test_schema_apply_twice_gives_the_same_constraints(
    empty_db: neo4j.Driver, model: OntologyModel
) -> None:
    first = schema.describe(empty_db)
    result = schema.apply(empty_db, model)
    assert result.created == [] and result.replaced == []
    assert schema.describe(empty_db) == first
    constrained = {
        c["labelsOrTypes"][0]
        for c in first["constraints"]  # type: ignore[index]
        if c["type"] == "UNIQUENESS"
    }
    assert constrained == {c.label for c in model.concrete_classes}
    fulltext = [i for i in first["indexes"] if i["type"] == "FULLTEXT"]
    assert [i["name"] for i in fulltext] == [schema.FULLTEXT_INDEX]


def test_unique_id_is_enforced(empty_db: neo4j.Driver) -> None:
    empty_db.execute_query("CREATE (:Neighbourhood {id: 'BU1'})")
    with pytest.raises(neo4j.exceptions.ConstraintError):
        empty_db.execute_query("CREATE (:Neighbourhood {id: 'BU1'})")


def test_changed_fulltext_index_is_replaced(empty_db: neo4j.Driver, model: OntologyModel) -> None:
    empty_db.execute_query(f"DROP INDEX {schema.FULLTEXT_INDEX}")
    empty_db.execute_query(
        f"CREATE FULLTEXT INDEX {schema.FULLTEXT_INDEX} FOR (n:Stakeholder) ON EACH [n.name]"
    )
    result = schema.apply(empty_db, model)
    assert result.replaced == [schema.FULLTEXT_INDEX]
    assert schema.apply(empty_db, model).replaced == []


def test_seed_twice_gives_exact_counts(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    writer = GraphWriter(empty_db, model, database=settings.neo4j_database)
    first = writer.write(seed_plan())
    assert first.relationships_missing_endpoint == 0
    before = counts(empty_db)
    props_before = empty_db.execute_query(
        "MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id"
    ).records
    second = writer.write(seed_plan())
    assert (second.nodes_created, second.relationships_created) == (0, 0)
    assert counts(empty_db) == before
    assert (
        empty_db.execute_query(
            "MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id"
        ).records
        == props_before
    )

    assert (
        count(empty_db, "MATCH (n:Municipality) WHERE n.code STARTS WITH 'GM' RETURN count(n)") == 1
    )
    assert count(empty_db, "MATCH (n:District) RETURN count(n)") == 23
    assert count(empty_db, "MATCH (n:Neighbourhood) RETURN count(n)") == 57
    assert (
        count(
            empty_db,
            "MATCH (b:Neighbourhood) WHERE COUNT { (b)-[:PART_OF]->(:District) } = 1 "
            "RETURN count(b)",
        )
        == 57
    )
    assert count(empty_db, "MATCH (:Neighbourhood)-[r:PART_OF]->() RETURN count(r)") == 57
    assert (
        count(
            empty_db,
            "MATCH (d:District)-[:PART_OF]->(:Municipality {id: 'GM0917'}) RETURN count(d)",
        )
        == 23
    )
    assert (
        count(
            empty_db,
            "MATCH (p:Place) WHERE p.code IS NOT NULL AND p.codeStatus IS NULL RETURN count(p)",
        )
        == 0
    )
    assert count(empty_db, "MATCH (n:Neighbourhood:Place) RETURN count(n)") == 57


def test_seeded_facts_carry_provenance(seeded_db: neo4j.Driver) -> None:
    records, _, _ = seeded_db.execute_query(
        "MATCH (o:Observation)-[:ABOUT]->(b:Neighbourhood {code: 'BU09171000'}), "
        "(o)-[m:MEASURES]->(i:Indicator {id: 'indicator:inhabitants'}) "
        "RETURN o.value AS value, o.period AS period, o.sources AS sources, "
        "m.extractor AS extractor, m.sources AS rel_sources"
    )
    assert len(records) == 1
    row = records[0]
    assert (row["value"], row["period"]) == (3460.0, "2020")
    assert row["sources"] == ["dataset:cbs-kwb-heerlen"] == row["rel_sources"]
    assert row["extractor"] == "twin.seed"
    assert (
        count(
            seeded_db,
            "MATCH ()-[r]->() WHERE r.sources IS NULL OR r.confidence IS NULL RETURN count(r)",
        )
        == 0
    )
    aliases = seeded_db.execute_query(
        "MATCH (s:Stakeholder {name: 'Weller'}) RETURN s.aliases AS a"
    ).records[0]["a"]
    assert aliases == ["Weller Wonen"]
    hits = seeded_db.execute_query(
        "CALL db.index.fulltext.queryNodes('entity_names', 'Jeugd') YIELD node "
        "RETURN node.name AS name"
    ).records
    names = [h["name"] for h in hits]
    assert "JENS" in names  # via its alias "Jeugd en Samenleving"
    assert "youth" in names  # the theme, via its Dutch label "jeugd"


def test_a_failing_plan_leaves_nothing_behind(empty_db: neo4j.Driver, model: OntologyModel) -> None:
    writer = GraphWriter(empty_db, model)
    plan = WritePlan(
        nodes=[
            NodeRow(label="Area", id="area:a", source="s", props={"name": "A"}),
            NodeRow(label="Area", id="area:b", source="s", props={"name": "B"}),
        ]
    )
    # The second statement fails inside the transaction on a property Neo4j cannot store
    # (a mixed list); model_construct bypasses the validation that would otherwise stop it.
    plan.relationships.append(
        RelationshipRow.model_construct(
            type="COVERS",
            source="area:a",
            source_label="Area",
            target="area:b",
            target_label="Area",
            key={},
            provenance="s",
            props={"confidence": [1, "mixed"]},
        )
    )
    with pytest.raises(neo4j.exceptions.Neo4jError):
        writer.write(plan)
    assert count(empty_db, "MATCH (n) RETURN count(n)") == 0


def test_unknown_types_are_refused_before_writing(
    empty_db: neo4j.Driver, model: OntologyModel
) -> None:
    writer = GraphWriter(empty_db, model)
    with pytest.raises(KeyError, match="Person"):
        writer.write(WritePlan(nodes=[NodeRow(label="Person", id="p", source="s")]))
    with pytest.raises(ValueError, match="abstract"):
        writer.write(WritePlan(nodes=[NodeRow(label="Place", id="p", source="s")]))
    assert count(empty_db, "MATCH (n) RETURN count(n)") == 0


def test_prune_drops_what_the_ontology_no_longer_has(
    empty_db: neo4j.Driver, model: OntologyModel
) -> None:
    empty_db.execute_query(
        "CREATE CONSTRAINT stale_id IF NOT EXISTS FOR (n:Stale) REQUIRE n.id IS UNIQUE"
    )
    empty_db.execute_query("CREATE INDEX stale_name IF NOT EXISTS FOR (n:Stale) ON (n.name)")
    assert schema.apply(empty_db, model).dropped == []  # without prune nothing is dropped
    result = schema.apply(empty_db, model, prune=True)
    assert result.dropped == ["stale_id", "stale_name"]
    names = {c["name"] for c in schema.describe(empty_db)["constraints"]}
    assert "stale_id" not in names and "neighbourhood_id_unique" in names


def test_a_node_can_move_to_a_more_specific_class(
    empty_db: neo4j.Driver, model: OntologyModel
) -> None:
    writer = GraphWriter(empty_db, model)
    writer.write(WritePlan(nodes=[NodeRow(label="Stakeholder", id="stakeholder:x", source="a")]))
    writer.write(WritePlan(nodes=[NodeRow(label="Police", id="stakeholder:x", source="b")]))
    records, _, _ = empty_db.execute_query(
        "MATCH (n {id: 'stakeholder:x'}) RETURN labels(n) AS labels, n.sources AS sources"
    )
    assert len(records) == 1
    assert set(records[0]["labels"]) == {"Stakeholder", "Police"}
    assert records[0]["sources"] == ["a", "b"]
