"""Maintainer mutations against the real Neo4j: upsert by canonical id (idempotent, values
stored verbatim), mergeEntities (recorded), rejectFact (kept with its reason) and
ingestDocument (the whole pipeline, versioned)."""

from __future__ import annotations

import asyncio
from typing import Any

import neo4j
import pytest
import strawberry

from gql.context import Context
from gql.generated import build_types, root_fields
from gql.mutations import mutation_type
from graph.connection import async_driver
from ontology import OntologyModel
from tests.conftest import count
from twin.settings import Settings

pytestmark = pytest.mark.integration
NASTY = "'); MATCH (n) DETACH DELETE n // \"}]->(x) ü 名前"


@pytest.fixture(scope="module")
def schema(model: OntologyModel) -> strawberry.Schema:
    registry = build_types(model)
    query = type("Query", (), root_fields(model, registry))
    query.__module__ = "gql.generated"
    return strawberry.Schema(
        query=strawberry.type(query),
        mutation=mutation_type(model, registry),
        types=list(registry.types.values()),
    )


def run(
    schema: strawberry.Schema, settings: Settings, model: OntologyModel, query: str, **vars: Any
) -> dict[str, Any]:
    async def go() -> Any:
        drv = async_driver(settings)
        try:
            ctx = Context(driver=drv, database=settings.neo4j_database, labels=list(model.classes))
            return await schema.execute(query, variable_values=vars, context_value=ctx)
        finally:
            await drv.close()

    result = asyncio.run(go())
    assert result.errors is None, result.errors
    data: dict[str, Any] = result.data or {}
    return data


UPSERT = """
mutation($id: ID!, $name: String!, $aliases: [String!]) {
  upsertProgramme(input: {id: $id, name: $name, aliases: $aliases}) { id name aliases sources }
}"""


def test_upsert_creates_then_changes_nothing_and_stores_values_verbatim(
    seeded_db: neo4j.Driver, settings: Settings, model: OntologyModel, schema: strawberry.Schema
) -> None:
    before = count(seeded_db, "MATCH (n) RETURN count(n)")
    data = run(schema, settings, model, UPSERT, id="programme:test", name=NASTY, aliases=["T"])
    node = data["upsertProgramme"]
    assert node == {
        "id": "programme:test",
        "name": NASTY,
        "aliases": ["T"],
        "sources": ["maintainer"],
    }
    assert count(seeded_db, "MATCH (n) RETURN count(n)") == before + 1
    run(schema, settings, model, UPSERT, id="programme:test", name=NASTY, aliases=["T"])
    assert count(seeded_db, "MATCH (n) RETURN count(n)") == before + 1
    records, _, _ = seeded_db.execute_query(
        "MATCH (p:Programme {id: 'programme:test'}) RETURN p.name AS name"
    )
    assert records[0]["name"] == NASTY


def test_reject_fact_keeps_it_with_the_reason(
    seeded_db: neo4j.Driver, settings: Settings, model: OntologyModel, schema: strawberry.Schema
) -> None:
    data = run(
        schema,
        settings,
        model,
        'mutation { rejectFact(source: "BU09171000", type: "PART_OF", target: "WK091710", '
        'reason: "wrong district") { rejected reason } }',
    )
    assert data["rejectFact"] == {"rejected": 1, "reason": "wrong district"}
    records, _, _ = seeded_db.execute_query(
        "MATCH ({id: 'BU09171000'})-[r:PART_OF]->({id: 'WK091710'}) "
        "RETURN r.rejected AS rejected, r.rejectedReason AS reason"
    )
    assert [(r["rejected"], r["reason"]) for r in records] == [(True, "wrong district")]


def test_merge_entities_is_recorded(
    seeded_db: neo4j.Driver, settings: Settings, model: OntologyModel, schema: strawberry.Schema
) -> None:
    run(schema, settings, model, UPSERT, id="programme:a", name="Samen Sterk", aliases=[])
    run(schema, settings, model, UPSERT, id="programme:b", name="Samen-Sterk", aliases=[])
    data = run(
        schema,
        settings,
        model,
        'mutation { mergeEntities(survivor: "programme:a", merged: "programme:b", '
        'reason: "same programme") { id survivor merged } }',
    )
    merge = data["mergeEntities"]
    assert merge["survivor"] == "programme:a" and merge["merged"] == ["programme:b"]
    assert count(seeded_db, "MATCH (n {id: 'programme:b'}) RETURN count(n)") == 0
    assert count(seeded_db, "MATCH (m:EntityMerge {id: $id}) RETURN count(m)", id=merge["id"]) == 1


def test_ingest_document_runs_the_pipeline_and_is_versioned(
    seeded_db: neo4j.Driver, settings: Settings, model: OntologyModel, schema: strawberry.Schema
) -> None:
    query = """
    mutation($text: String!) {
      ingestDocument(text: $text, source: "api:test/note-1") { id status language entities }
    }"""
    text = (
        "Weller en de wijkagent van Politie Limburg bespraken overlast in Terschuren "
        "met Jan Jansen."
    )
    first = run(schema, settings, model, query, text=text)["ingestDocument"]
    assert first["status"] == "new" and first["language"] == "nl" and first["entities"] >= 3
    again = run(schema, settings, model, query, text=text)["ingestDocument"]
    assert again["status"] == "unchanged" and again["id"] == first["id"]
    records, _, _ = seeded_db.execute_query(
        "MATCH (d:Document {id: $id}) RETURN d.redactedText AS text", id=first["id"]
    )
    assert "Jansen" not in records[0]["text"]
