"""Proof that the ontology drives everything: a class added only in a fixture ontology gets a
constraint, is found by the extractors and has a GraphQL connection that returns its nodes —
with no code change."""

from __future__ import annotations

import asyncio
import shutil
from typing import Any

import neo4j
import pytest
import spacy

from gql.context import Context
from gql.schema import build_schema
from graph import schema
from graph.connection import async_driver
from graph.reads import counts
from graph.writer import GraphWriter, NodeRow, WritePlan
from nlp.extraction import AliasExtractor
from nlp.gazetteer import class_id, ontology_entries, ruler_patterns
from ontology.model import OntologyModel, bundled_root, load_model, ontology_files
from twin.settings import Settings

pytestmark = pytest.mark.integration

NEW_CLASS = """
@prefix st: <https://w3id.org/social-twin/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

st:CommunityGarden a owl:Class ;
    rdfs:subClassOf st:Facility ;
    rdfs:label "buurttuin"@nl , "community garden"@en , "jardin partagé"@fr ;
    skos:altLabel "moestuin"@nl , "jardin communautaire"@fr ;
    skos:definition "A garden tended together by residents."@en .
"""


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> OntologyModel:
    folder = tmp_path_factory.mktemp("ontology")
    root = bundled_root()
    for path in ontology_files(root):
        target = folder / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    (folder / "vocab" / "community_garden.ttl").write_text(NEW_CLASS, encoding="utf-8")
    return load_model(folder)


def test_the_shipped_ontology_does_not_have_the_class() -> None:
    assert "CommunityGarden" not in load_model().classes


def test_new_class_gets_a_constraint_on_an_existing_database(
    seeded_db: neo4j.Driver, extended: OntologyModel
) -> None:
    before = counts(seeded_db)
    result = schema.apply(seeded_db, extended)
    assert result.created == ["community_garden_id_unique"]
    assert "entity_names" in result.replaced  # the fulltext index now covers the new class
    names = {c["name"] for c in schema.describe(seeded_db)["constraints"]}
    assert "community_garden_id_unique" in names
    assert counts(seeded_db) == before  # the data is untouched


def test_extractors_find_the_new_word(extended: OntologyModel) -> None:
    text = "De bewoners openen volgend jaar een Buurttuin naast het wijkcentrum."
    found = AliasExtractor(ontology_entries(extended), extended).extract(text)
    garden = [e for e in found.entities if e.type == "CommunityGarden"]
    assert [(e.text, e.id) for e in garden] == [("Buurttuin", class_id("CommunityGarden"))]
    assert garden[0].classes == ("CommunityGarden", "Facility")

    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(ruler_patterns(extended, "nl"))  # type: ignore[attr-defined]
    doc = nlp("In de moestuin achter de school groeit van alles.")
    assert [(ent.text, ent.label_) for ent in doc.ents if ent.label_ == "CommunityGarden"] == [
        ("moestuin", "CommunityGarden")
    ]


def test_graphql_serves_the_new_class(
    empty_db: neo4j.Driver, extended: OntologyModel, settings: Settings
) -> None:
    schema.apply(empty_db, extended)
    GraphWriter(empty_db, extended).write(
        WritePlan(
            nodes=[
                NodeRow(
                    label="CommunityGarden",
                    id="community-garden:de-kas",
                    source="test",
                    props={"name": "De Kas"},
                )
            ]
        )
    )
    gql_schema = build_schema(extended)
    query = """{ communityGardens(where: {name: {eq: "De Kas"}}) { totalCount
        edges { node { __typename id name } } }
        facilities { totalCount } }"""

    async def run() -> Any:
        driver = async_driver(settings)
        try:
            context = Context(driver=driver, database=None, labels=list(extended.classes))
            return await gql_schema.execute(query, context_value=context)
        finally:
            await driver.close()

    result = asyncio.run(run())
    assert result.errors is None, result.errors
    assert result.data == {
        "communityGardens": {
            "totalCount": 1,
            "edges": [
                {
                    "node": {
                        "__typename": "CommunityGarden",
                        "id": "community-garden:de-kas",
                        "name": "De Kas",
                    }
                }
            ],
        },
        "facilities": {"totalCount": 1},  # a community garden is a facility
    }
    assert "communityGardens" not in str(build_schema())  # the shipped schema is unchanged


def test_spacy_patterns_cover_three_languages(extended: OntologyModel) -> None:
    for lang, word in (("nl", "buurttuin"), ("en", "community garden"), ("fr", "jardin partagé")):
        patterns = [p for p in ruler_patterns(extended, lang) if p["label"] == "CommunityGarden"]
        assert [t["LOWER"] for t in patterns[0]["pattern"]] == word.split()
