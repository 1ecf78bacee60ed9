"""Every Cypher statement of the graph package, parameterised.

Static queries are UPPER_CASE constants; queries that need a label or relationship type (which
Cypher cannot take as parameters) are builder functions whose names come from the ontology model,
which only admits safe identifiers. User input always travels as parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

# ------------------------------------------------------------------ schema

SHOW_CONSTRAINTS = (
    "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
    "RETURN name, type, labelsOrTypes, properties ORDER BY name"
)
SHOW_INDEXES = (
    "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint "
    "WHERE owningConstraint IS NULL AND type <> 'LOOKUP' "
    "RETURN name, type, labelsOrTypes, properties ORDER BY name"
)
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


def create_unique_id_constraint(name: str, label: str) -> str:
    return f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


def create_range_index(name: str, label: str, prop: str) -> str:
    return f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"


def create_fulltext_index(name: str, labels: Sequence[str], props: Sequence[str]) -> str:
    label_list = "|".join(labels)
    prop_list = ", ".join(f"n.{p}" for p in props)
    return f"CREATE FULLTEXT INDEX {name} IF NOT EXISTS FOR (n:{label_list}) ON EACH [{prop_list}]"


def drop_index(name: str) -> str:
    return f"DROP INDEX `{name}` IF EXISTS"


def drop_constraint(name: str) -> str:
    return f"DROP CONSTRAINT `{name}` IF EXISTS"


# ------------------------------------------------------------------ writes


def add_aliases(label: str) -> str:
    """Add each row's new surface forms to an existing node's ``aliases`` (set semantics;
    nothing is written when every form is known already)."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (n:{label} {{id: row.id}}) "
        "WITH n, [a IN row.aliases WHERE NOT a IN coalesce(n.aliases, []) "
        "AND a <> coalesce(n.name, '')] AS new "
        "WHERE size(new) > 0 "
        "SET n.aliases = coalesce(n.aliases, []) + new"
    )


def merge_nodes(label: str, extra_labels: Sequence[str]) -> str:
    """MERGE nodes of one class by id. ``row.createProps`` are set only on creation,
    ``row.props`` always; each id in ``row.sources`` joins the node's ``sources`` once.
    Used by the writer and by the RDF import (which passes ``firstSeen`` in ``props``)."""
    more = "".join(f":{lbl}" for lbl in extra_labels)
    set_labels = f", n{more}" if more else ""
    return (
        "UNWIND $rows AS row "
        f"MERGE (n:{label} {{id: row.id}}) "
        "ON CREATE SET n.firstSeen = datetime($now), n += row.createProps "
        "WITH n, row, coalesce(n.sources, []) AS known "
        f"SET n += row.props{set_labels}, "
        "n.sources = known + [s IN row.sources WHERE NOT s IN known]"
    )


def merge_relationships(
    rel_type: str, source_label: str, target_label: str, key_props: Sequence[str]
) -> str:
    """MERGE relationships between existing nodes; ``key_props`` tell parallel ones apart;
    each id in ``row.sources`` joins the relationship's ``sources`` once. Returns how many
    rows found both endpoints."""
    key = ", ".join(f"{p}: row.key.{p}" for p in key_props)
    key_map = f" {{{key}}}" if key else ""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{source_label} {{id: row.source}}) "
        f"MATCH (b:{target_label} {{id: row.target}}) "
        f"MERGE (a)-[r:{rel_type}{key_map}]->(b) "
        "ON CREATE SET r.firstSeen = datetime($now) "
        "WITH r, row, coalesce(r.sources, []) AS known "
        "SET r += row.props, r.sources = known + [s IN row.sources WHERE NOT s IN known] "
        "RETURN count(r) AS written"
    )


# ------------------------------------------------------------------ reads

COUNT_BY_LABEL = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count"
GAZETTEER = (
    "MATCH (n) WHERE n.name IS NOT NULL AND any(l IN labels(n) WHERE l IN $labels) "
    "RETURN n.id AS id, labels(n) AS labels, n.name AS name, coalesce(n.aliases, []) AS aliases"
)
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
EXPORT_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
EXPORT_RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) "
    "RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props"
)

__all__ = [
    "AWAIT_INDEXES",
    "COUNT_BY_LABEL",
    "COUNT_RELATIONSHIPS",
    "EXPORT_NODES",
    "EXPORT_RELATIONSHIPS",
    "GAZETTEER",
    "SHOW_CONSTRAINTS",
    "SHOW_INDEXES",
    "WIPE",
    "create_fulltext_index",
    "create_range_index",
    "create_unique_id_constraint",
    "drop_constraint",
    "drop_index",
    "merge_nodes",
    "merge_relationships",
]
