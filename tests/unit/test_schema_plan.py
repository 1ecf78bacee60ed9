"""The Neo4j schema is derived from the ontology, not listed by hand."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from graph.schema import FULLTEXT_INDEX, plan
from ontology.model import load_model


def test_one_unique_id_constraint_per_concrete_class() -> None:
    model = load_model()
    items = plan(model)
    constrained = {i.labels[0] for i in items if i.kind == "constraint"}
    assert constrained == {c.label for c in model.concrete_classes}
    assert "Place" not in constrained
    statements = [i.cypher() for i in items if i.kind == "constraint"]
    assert (
        "CREATE CONSTRAINT neighbourhood_id_unique IF NOT EXISTS "
        "FOR (n:Neighbourhood) REQUIRE n.id IS UNIQUE"
    ) in statements


def test_fulltext_index_over_names_aliases_and_document_text() -> None:
    items = {i.name: i for i in plan(load_model())}
    fulltext = items[FULLTEXT_INDEX]
    # the st:searchable properties: names and aliases of every mentionable class, and the
    # title and text of documents (the domain of those two)
    assert set(fulltext.properties) == {"name", "aliases", "title", "redactedText"}
    assert "Stakeholder" in fulltext.labels and "Neighbourhood" in fulltext.labels
    assert "Document" in fulltext.labels
    assert "Observation" not in fulltext.labels and "Indicator" not in fulltext.labels
    assert "Place" not in fulltext.labels  # abstract: its subclasses' nodes carry it anyway
    assert fulltext.cypher().startswith("CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:")
    assert items["place_code"].cypher() == (
        "CREATE INDEX place_code IF NOT EXISTS FOR (n:Place) ON (n.code)"
    )


def test_a_new_class_in_the_ontology_gets_its_constraint(tmp_path: Path) -> None:
    source = resources.files("ontology").joinpath("social_twin.ttl").read_text(encoding="utf-8")
    source += """
st:CommunityGarden a owl:Class ; rdfs:subClassOf st:Place ;
    st:neo4jLabel "CommunityGarden" ; st:graphqlPlural "communityGardens" ;
    rdfs:label "buurttuin"@nl , "community garden"@en , "jardin partagé"@fr .
"""
    path = tmp_path / "extended.ttl"
    path.write_text(source, encoding="utf-8")
    items = {i.name: i for i in plan(load_model(path))}
    assert items["community_garden_id_unique"].labels == ("CommunityGarden",)
    assert "CommunityGarden" in items[FULLTEXT_INDEX].labels
