"""Entity resolution against the real Neo4j: duplicates written by two documents end as one
node with both documents' mentions, context and class keep look-alikes apart, reference data
survives, every merge is recorded and undoing it restores the graph exactly."""

from __future__ import annotations

import json
from typing import Any

import neo4j
import pytest

from graph.resolution import (
    AlreadyUndoneError,
    MergeNotFoundError,
    ResolutionError,
    find_candidates,
    list_merges,
    merge,
    resolve,
    unmerge,
)
from graph.writer import GraphWriter, NodeRow, RelationshipRow, WritePlan
from ontology import OntologyModel
from twin.settings import Settings

pytestmark = pytest.mark.integration

DOC1 = "doc:" + "1" * 64
DOC2 = "doc:" + "2" * 64
DATASET = "dataset:test-reference"


def _value(expr: str) -> str:
    """Temporal values as Neo4j's text plus their type, other values as they are."""
    return (
        f"CASE WHEN {expr} IS :: ZONED DATETIME OR {expr} IS :: DATE "
        f"THEN toString({expr}) + ' ' + valueType({expr}) ELSE {expr} END"
    )


SNAPSHOT_NODES = (
    "MATCH (n) WHERE NOT n:EntityMerge "
    f"RETURN labels(n) AS labels, [k IN keys(n) | [k, {_value('n[k]')}]] AS props"
)
SNAPSHOT_RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) "
    "RETURN type(r) AS type, a.id AS source, b.id AS target, "
    f"[k IN keys(r) | [k, {_value('r[k]')}]] AS props"
)


def _snapshot(driver: neo4j.Driver, settings: Settings) -> tuple[list[str], list[str]]:
    """Every node (labels, properties) but the merge records, and every relationship, as
    sorted JSON texts; temporal values as Neo4j's text with their type, so that a datetime
    with an offset and one with a zone id differ."""
    nodes, _, _ = driver.execute_query(SNAPSHOT_NODES, database_=settings.neo4j_database)
    rels, _, _ = driver.execute_query(SNAPSHOT_RELATIONSHIPS, database_=settings.neo4j_database)
    return (
        sorted(
            json.dumps([sorted(r["labels"]), sorted(r["props"])], sort_keys=True) for r in nodes
        ),
        sorted(
            json.dumps([r["type"], r["source"], r["target"], sorted(r["props"])], sort_keys=True)
            for r in rels
        ),
    )


def _document(doc_id: str) -> NodeRow:
    return NodeRow(
        label="Document",
        id=doc_id,
        source=doc_id,
        props={"kind": "document", "language": "nl", "characters": 500},
    )


def _entity(label: str, node_id: str, name: str, doc_id: str) -> NodeRow:
    return NodeRow(
        label=label,
        id=node_id,
        source=doc_id,
        props={"name": name},
        create_props={"aliases": [name]},
    )


def _mention(doc_id: str, label: str, node_id: str, start: int, text: str) -> RelationshipRow:
    return RelationshipRow(
        type="MENTIONS",
        source=doc_id,
        source_label="Document",
        target=node_id,
        target_label=label,
        key={"start": start, "end": start + len(text)},
        provenance=doc_id,
        props={"text": text, "confidence": 0.9, "extractor": "test", "extractorVersion": "1"},
    )


def _rel(
    rel_type: str, source: tuple[str, str], target: tuple[str, str], provenance: str
) -> RelationshipRow:
    return RelationshipRow(
        type=rel_type,
        source=source[1],
        source_label=source[0],
        target=target[1],
        target_label=target[0],
        provenance=provenance,
        props={"confidence": 0.8, "evidence": "test sentence", "extractor": "test"},
    )


def _write(driver: neo4j.Driver, model: OntologyModel, settings: Settings, plan: WritePlan) -> None:
    GraphWriter(driver, model, database=settings.neo4j_database).write(plan)


def _rows(driver: neo4j.Driver, settings: Settings, cypher: str, **params: Any) -> list[Any]:
    records, _, _ = driver.execute_query(cypher, params, database_=settings.neo4j_database)
    return records


# written by the first document in one transaction: same firstSeen, the smaller id survives
BUURTKRACHT = ("Stakeholder", "stakeholder:buurtkracht")
STICHTING = ("Stakeholder", "stakeholder:stichting-buurtkracht")
CAMEL = ("Foundation", "stakeholder:buurtkracht-2")  # the second document's
PROGRAMME = ("Programme", "programme:wijkaanpak")
HEERLEN = ("Municipality", "GM0917")


def _buurtkracht_documents(driver: neo4j.Driver, model: OntologyModel, settings: Settings) -> None:
    """Two documents: the first names 'Stichting Buurtkracht' and 'Buurtkracht' (the linker
    did not see they are one), the second 'BuurtKracht' (a new node again) and 'Buurtkracht'."""
    _write(
        driver,
        model,
        settings,
        WritePlan(
            nodes=[
                NodeRow(
                    label="Municipality", id=HEERLEN[1], source=DATASET, props={"name": "Heerlen"}
                ),
                _document(DOC1),
                _entity("Stakeholder", STICHTING[1], "Stichting Buurtkracht", DOC1),
                _entity("Stakeholder", BUURTKRACHT[1], "Buurtkracht", DOC1),
                _entity("Programme", PROGRAMME[1], "Wijkaanpak", DOC1),
            ],
            relationships=[
                _mention(DOC1, "Stakeholder", STICHTING[1], 0, "Stichting Buurtkracht"),
                _mention(DOC1, "Stakeholder", BUURTKRACHT[1], 40, "Buurtkracht"),
                _mention(DOC1, "Programme", PROGRAMME[1], 60, "Wijkaanpak"),
                _rel("RUNS", STICHTING, PROGRAMME, DOC1),
                _rel("RUNS", BUURTKRACHT, PROGRAMME, DOC1),
            ],
        ),
    )
    _write(
        driver,
        model,
        settings,
        WritePlan(
            nodes=[
                _document(DOC2),
                _entity("Foundation", CAMEL[1], "BuurtKracht", DOC2),
                _entity("Programme", PROGRAMME[1], "Wijkaanpak", DOC2),
            ],
            relationships=[
                _mention(DOC2, "Foundation", CAMEL[1], 5, "BuurtKracht"),
                _mention(DOC2, "Stakeholder", BUURTKRACHT[1], 90, "Buurtkracht"),
                _mention(DOC2, "Programme", PROGRAMME[1], 120, "Wijkaanpak"),
                _rel("RUNS", CAMEL, PROGRAMME, DOC2),
                _rel("ACTIVE_IN", CAMEL, HEERLEN, DOC2),
            ],
        ),
    )


# ------------------------------------------------------------------ finding and merging


def test_three_spellings_end_as_one_node_with_both_documents(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    db = settings.neo4j_database
    _buurtkracht_documents(empty_db, model, settings)
    candidates = find_candidates(empty_db, model, db)
    assert [(c.survivor, c.merged, c.label) for c in candidates] == [
        (BUURTKRACHT[1], (CAMEL[1], STICHTING[1]), "Stakeholder")
    ]
    assert candidates[0].reason == "same key 'buurtkracht'"

    done = resolve(empty_db, model, db)
    assert {(r.survivor, r.merged) for r in done} == {
        (BUURTKRACHT[1], (STICHTING[1],)),
        (BUURTKRACHT[1], (CAMEL[1],)),
    }
    [node] = _rows(
        empty_db,
        settings,
        "MATCH (n:Stakeholder) RETURN n.id AS id, n.aliases AS aliases, "
        "n.sources AS sources, labels(n) AS labels",
    )
    assert node["id"] == BUURTKRACHT[1]
    assert set(node["aliases"]) == {"Stichting Buurtkracht", "Buurtkracht", "BuurtKracht"}
    assert node["sources"] == [DOC1, DOC2]
    mentions = _rows(
        empty_db,
        settings,
        "MATCH (d:Document)-[m:MENTIONS]->(:Stakeholder {id: $id}) "
        "RETURN d.id AS doc, m.start AS start, m.text AS text ORDER BY doc, start",
        id=BUURTKRACHT[1],
    )
    assert [(m["doc"], m["start"], m["text"]) for m in mentions] == [
        (DOC1, 0, "Stichting Buurtkracht"),
        (DOC1, 40, "Buurtkracht"),
        (DOC2, 5, "BuurtKracht"),
        (DOC2, 90, "Buurtkracht"),
    ]
    # three RUNS became one, citing both documents; ACTIVE_IN moved with it
    runs = _rows(
        empty_db,
        settings,
        "MATCH (s:Stakeholder)-[r:RUNS]->(p:Programme) RETURN s.id AS s, r.sources AS sources",
    )
    assert [(r["s"], r["sources"]) for r in runs] == [(BUURTKRACHT[1], [DOC1, DOC2])]
    active = _rows(
        empty_db,
        settings,
        "MATCH (s {id: $id})-[:ACTIVE_IN]->(p) RETURN p.id AS p",
        id=BUURTKRACHT[1],
    )
    assert [r["p"] for r in active] == [HEERLEN[1]]


def test_resolve_is_idempotent(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    db = settings.neo4j_database
    _buurtkracht_documents(empty_db, model, settings)
    assert len(resolve(empty_db, model, db)) == 2
    after = _snapshot(empty_db, settings)
    assert resolve(empty_db, model, db) == []
    assert find_candidates(empty_db, model, db) == []
    assert _snapshot(empty_db, settings) == after


def test_dry_run_writes_nothing(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    db = settings.neo4j_database
    _buurtkracht_documents(empty_db, model, settings)
    before = _snapshot(empty_db, settings)
    planned = resolve(empty_db, model, db, dry_run=True)
    assert sorted(r.merged[0] for r in planned) == [CAMEL[1], STICHTING[1]]
    assert all(r.id is None and r.survivor == BUURTKRACHT[1] for r in planned)
    assert _snapshot(empty_db, settings) == before
    assert list_merges(empty_db, db) == []


def test_programme_and_stakeholder_of_one_name_stay_apart(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    _write(
        empty_db,
        model,
        settings,
        WritePlan(
            nodes=[
                _document(DOC1),
                _entity("Programme", "programme:buurtkracht", "Buurtkracht", DOC1),
                _entity("Stakeholder", "stakeholder:buurtkracht", "Buurtkracht", DOC1),
            ]
        ),
    )
    assert find_candidates(empty_db, model, settings.neo4j_database) == []
    with pytest.raises(ResolutionError, match="different classes"):
        merge(
            empty_db,
            model,
            "stakeholder:buurtkracht",
            "programme:buurtkracht",
            "by hand",
            settings.neo4j_database,
        )


def test_streets_in_different_municipalities_stay_apart(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    """Kerkstraat in Heerlen and Kerkstraat in Kerkrade are two streets; 'Kerk-straat' in a
    neighbourhood of Heerlen is the Heerlen one."""
    kerkrade = ("Municipality", "GM0928")
    buurt = ("Neighbourhood", "BU09170001")
    heerlen_street = ("Street", "street:kerkstraat")
    kerkrade_street = ("Street", "street:kerkstraat-kerkrade")
    buurt_street = ("Street", "street:kerk-straat")
    reference = [
        NodeRow(label="Municipality", id=HEERLEN[1], source=DATASET, props={"name": "Heerlen"}),
        NodeRow(label="Municipality", id=kerkrade[1], source=DATASET, props={"name": "Kerkrade"}),
        NodeRow(label="Neighbourhood", id=buurt[1], source=DATASET, props={"name": "Centrum"}),
    ]
    first = WritePlan(
        nodes=[*reference, _document(DOC1), _entity(*heerlen_street, "Kerkstraat", DOC1)],
        relationships=[
            _rel("PART_OF", buurt, HEERLEN, DATASET),
            _rel("LOCATED_IN", heerlen_street, HEERLEN, DOC1),
        ],
    )
    second = WritePlan(
        nodes=[
            _document(DOC2),
            _entity(*kerkrade_street, "Kerkstraat", DOC2),
            _entity(*buurt_street, "Kerk-straat", DOC2),
        ],
        relationships=[
            _rel("LOCATED_IN", kerkrade_street, kerkrade, DOC2),
            _rel("PART_OF", buurt_street, buurt, DOC2),
        ],
    )
    _write(empty_db, model, settings, first)
    _write(empty_db, model, settings, second)
    db = settings.neo4j_database
    candidates = find_candidates(empty_db, model, db)
    assert [(c.survivor, c.merged) for c in candidates] == [(heerlen_street[1], (buurt_street[1],))]
    resolve(empty_db, model, db)
    streets = _rows(empty_db, settings, "MATCH (s:Street) RETURN s.id AS id ORDER BY id")
    assert [s["id"] for s in streets] == [heerlen_street[1], kerkrade_street[1]]
    assert resolve(empty_db, model, db) == []


def test_reference_node_survives_an_older_document_duplicate(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    db = settings.neo4j_database
    doc_node = ("Stakeholder", "stakeholder:ggd-zuid-limburg")
    _write(
        empty_db,
        model,
        settings,
        WritePlan(
            nodes=[_document(DOC1), _entity(*doc_node, "GGD Zuid-Limburg", DOC1)],
            relationships=[_mention(DOC1, *doc_node, 3, "GGD Zuid-Limburg")],
        ),
    )
    reference = NodeRow(
        label="CareProvider",
        id="stakeholder:ggd-zuid-limburg-ref",
        source=DATASET,
        props={"name": "GGD Zuid Limburg", "aliases": ["GGD ZL"], "kind": "public health service"},
    )
    _write(empty_db, model, settings, WritePlan(nodes=[reference]))
    [candidate] = find_candidates(empty_db, model, db)
    assert candidate.survivor == reference.id  # newer, but reference data
    [record] = resolve(empty_db, model, db)
    assert record.merged == (doc_node[1],)
    [node] = _rows(
        empty_db,
        settings,
        "MATCH (n:Stakeholder) RETURN n.id AS id, n.aliases AS aliases, n.sources AS sources, "
        "labels(n) AS labels, n.kind AS kind",
    )
    assert node["id"] == reference.id
    assert node["aliases"] == ["GGD ZL", "GGD Zuid-Limburg"]
    assert node["sources"] == [DATASET, DOC1]
    assert set(node["labels"]) == {"CareProvider", "Stakeholder"}  # the survivor's own labels
    assert node["kind"] == "public health service"


def test_two_reference_nodes_are_never_merged(
    seeded_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    """The reference data set keeps its organisations apart on purpose (and re-seeding would
    bring a merged one back): resolution proposes nothing on the seeded graph, and a
    document-created duplicate of a seeded organisation merges into it."""
    db = settings.neo4j_database
    assert find_candidates(seeded_db, model, db) == []
    [seeded] = _rows(
        seeded_db,
        settings,
        "MATCH (n:Stakeholder) WHERE n.name IS NOT NULL RETURN n.id AS id, n.name AS name "
        "ORDER BY n.id LIMIT 1",
    )
    duplicate = ("Stakeholder", "stakeholder:from-a-document")
    _write(
        seeded_db,
        model,
        settings,
        WritePlan(
            nodes=[_document(DOC1), _entity(*duplicate, f"Stichting {seeded['name']}", DOC1)],
            relationships=[_mention(DOC1, *duplicate, 0, seeded["name"])],
        ),
    )
    [candidate] = find_candidates(seeded_db, model, db)
    assert (candidate.survivor, candidate.merged) == (seeded["id"], (duplicate[1],))


# ------------------------------------------------------------------ records and undo


def test_merge_record_says_what_when_why_and_from_which_ids(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    db = settings.neo4j_database
    _buurtkracht_documents(empty_db, model, settings)
    merge_id = merge(empty_db, model, STICHTING[1], CAMEL[1], "checked by hand", db)
    assert merge_id.startswith("merge:")
    [row] = _rows(
        empty_db, settings, "MATCH (e:EntityMerge {id: $id}) RETURN properties(e) AS p", id=merge_id
    )
    record = row["p"]
    assert record["reason"] == "checked by hand"
    assert record["survivor"] == STICHTING[1]
    assert record["merged"] == [CAMEL[1]]
    assert record["label"] == "Stakeholder"
    assert set(record["mergedLabels"]) == {"Foundation", "Stakeholder"}
    assert record["sources"] == ["twin.resolution"]
    assert isinstance(record["at"], neo4j.time.DateTime)
    assert "undoneAt" not in record
    merged_props = json.loads(record["mergedProps"])
    assert merged_props["name"] == "BuurtKracht"
    assert merged_props["sources"] == [DOC2]
    assert merged_props["firstSeen"]["$type"] == "datetime"
    rels = {(r["type"], r["direction"], r["other"]): r for r in json.loads(record["relationships"])}
    assert set(rels) == {
        ("MENTIONS", "in", DOC2),
        ("RUNS", "out", PROGRAMME[1]),
        ("ACTIVE_IN", "out", HEERLEN[1]),
    }
    assert rels["MENTIONS", "in", DOC2]["key"] == {"start": 5, "end": 16}
    assert rels["MENTIONS", "in", DOC2]["outcome"] == "created"
    assert rels["MENTIONS", "in", DOC2]["props"]["text"] == "BuurtKracht"
    assert rels["ACTIVE_IN", "out", HEERLEN[1]]["outcome"] == "created"
    assert rels["RUNS", "out", PROGRAMME[1]]["outcome"] == "merged"
    assert rels["RUNS", "out", PROGRAMME[1]]["sourcesAdded"] == [DOC2]
    assert json.loads(record["survivorBefore"]) == {
        "aliases": ["Stichting Buurtkracht"],
        "sources": [DOC1],
    }
    assert json.loads(record["survivorAdded"]) == {"aliases": ["BuurtKracht"], "sources": [DOC2]}

    [listed] = list_merges(empty_db, db)
    assert (listed.id, listed.survivor, listed.merged) == (
        merge_id,
        STICHTING[1],
        (CAMEL[1],),
    )
    assert listed.merged_names == ("BuurtKracht",)
    assert (listed.relationships_created, listed.relationships_merged) == (2, 1)
    assert listed.at is not None and listed.undone_at is None


def test_unmerge_restores_the_graph_exactly(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    db = settings.neo4j_database
    _buurtkracht_documents(empty_db, model, settings)
    before = _snapshot(empty_db, settings)
    done = resolve(empty_db, model, db)
    assert _snapshot(empty_db, settings) != before
    for record in reversed(done):
        assert record.id is not None
        undone = unmerge(empty_db, model, record.id, db)
        assert undone.undone_at is not None
        assert undone.relationships_not_restored == 0
    assert _snapshot(empty_db, settings) == before
    listed = list_merges(empty_db, db, model=model)
    assert len(listed) == 2 and all(m.undone_at is not None for m in listed)


def test_unmerge_restores_links_between_the_two_and_loops(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    """A merge by hand of two areas, one PART_OF the other (resolution would keep them
    apart): the link between them is dropped, not turned into a loop, and comes back."""
    db = settings.neo4j_database
    noord = ("Area", "area:heerlen-noord")
    noord_2 = ("Area", "area:heerlen-noord-2")
    _write(
        empty_db,
        model,
        settings,
        WritePlan(
            nodes=[
                NodeRow(
                    label="Municipality", id=HEERLEN[1], source=DATASET, props={"name": "Heerlen"}
                ),
                NodeRow(
                    label="Area",
                    id=noord[1],
                    source=DATASET,
                    props={"name": "Heerlen-Noord", "aliases": []},
                ),
                _document(DOC1),
                _entity("Area", noord_2[1], "Heerlen Noord", DOC1),
            ],
            relationships=[
                _rel("PART_OF", noord, HEERLEN, DATASET),
                _rel("PART_OF", noord_2, HEERLEN, DOC1),
                _rel("PART_OF", noord_2, noord, DOC1),
                _rel("ADJACENT_TO", noord_2, noord_2, DOC1),
                _mention(DOC1, *noord_2, 10, "Heerlen Noord"),
            ],
        ),
    )
    assert find_candidates(empty_db, model, db) == []  # one is PART_OF the other
    before = _snapshot(empty_db, settings)
    merge_id = merge(empty_db, model, noord[1], noord_2[1], "by hand", db)
    loops = _rows(empty_db, settings, "MATCH (a)-[r]->(a) RETURN count(r) AS n")
    assert loops[0]["n"] == 0
    [survivor] = _rows(
        empty_db, settings, "MATCH (n:Area {id: $id}) RETURN n.aliases AS a", id=noord[1]
    )
    assert survivor["a"] == ["Heerlen Noord"]
    part_of = _rows(
        empty_db,
        settings,
        "MATCH (:Area {id: $id})-[r:PART_OF]->(m) RETURN m.id AS m, r.sources AS s",
        id=noord[1],
    )
    assert [(r["m"], r["s"]) for r in part_of] == [(HEERLEN[1], [DATASET, DOC1])]
    record = unmerge(empty_db, model, merge_id, db)
    assert record.relationships_dropped == 2
    assert _snapshot(empty_db, settings) == before


def test_unmerge_twice_and_unknown_merges_fail_clearly(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    db = settings.neo4j_database
    _buurtkracht_documents(empty_db, model, settings)
    merge_id = merge(empty_db, model, STICHTING[1], BUURTKRACHT[1], "same key", db)
    unmerge(empty_db, model, merge_id, db)
    after_first = _snapshot(empty_db, settings)
    with pytest.raises(AlreadyUndoneError, match="undone already"):
        unmerge(empty_db, model, merge_id, db)
    with pytest.raises(MergeNotFoundError, match="no merge"):
        unmerge(empty_db, model, "merge:does-not-exist", db)
    assert _snapshot(empty_db, settings) == after_first


def test_unmerge_refuses_when_the_survivor_was_merged_away(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    db = settings.neo4j_database
    _buurtkracht_documents(empty_db, model, settings)
    first = merge(empty_db, model, BUURTKRACHT[1], CAMEL[1], "same key", db)
    second = merge(empty_db, model, STICHTING[1], BUURTKRACHT[1], "same key", db)
    with pytest.raises(ResolutionError, match=f"undo {second} first"):
        unmerge(empty_db, model, first, db)
    unmerge(empty_db, model, second, db)
    unmerge(empty_db, model, first, db)
    assert len(_rows(empty_db, settings, "MATCH (n:Stakeholder) RETURN n")) == 3


def test_relationship_types_outside_the_ontology_are_refused(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    db = settings.neo4j_database
    _buurtkracht_documents(empty_db, model, settings)
    _rows(
        empty_db,
        settings,
        "MATCH (a {id: $a}), (b {id: $b}) CREATE (a)-[:NOT_IN_THE_ONTOLOGY]->(b)",
        a=BUURTKRACHT[1],
        b=PROGRAMME[1],
    )
    before = _snapshot(empty_db, settings)
    with pytest.raises(ResolutionError, match="'NOT_IN_THE_ONTOLOGY' is not in the ontology"):
        merge(empty_db, model, STICHTING[1], BUURTKRACHT[1], "same key", db)
    assert _snapshot(empty_db, settings) == before
    assert list_merges(empty_db, db) == []


def test_unmerge_skips_relationships_to_nodes_deleted_since(
    empty_db: neo4j.Driver, model: OntologyModel, settings: Settings
) -> None:
    db = settings.neo4j_database
    _buurtkracht_documents(empty_db, model, settings)
    merge_id = merge(empty_db, model, BUURTKRACHT[1], CAMEL[1], "same key", db)
    _rows(empty_db, settings, "MATCH (m:Municipality {id: $id}) DETACH DELETE m", id=HEERLEN[1])
    record = unmerge(empty_db, model, merge_id, db)
    assert record.relationships_not_restored == 1  # its ACTIVE_IN Heerlen
    back = _rows(
        empty_db,
        settings,
        "MATCH (n:Foundation {id: $id})-[r]-(o) RETURN type(r) AS t, o.id AS o ORDER BY t",
        id=CAMEL[1],
    )
    assert [(r["t"], r["o"]) for r in back] == [("MENTIONS", DOC2), ("RUNS", PROGRAMME[1])]
