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
    nothing is written when every form is known already). Forms learnt from documents are
    also listed in ``learnedAliases``: they help search but are not fed back into extraction,
    so that what a document yields never depends on which documents came before it."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (n:{label} {{id: row.id}}) "
        "WITH n, [a IN row.aliases WHERE NOT a IN coalesce(n.aliases, []) "
        "AND a <> coalesce(n.name, '')] AS new "
        "WHERE size(new) > 0 "
        "SET n.aliases = coalesce(n.aliases, []) + new, "
        "n.learnedAliases = coalesce(n.learnedAliases, []) + new"
    )


def merge_nodes(label: str, extra_labels: Sequence[str]) -> str:
    """MERGE nodes of one class by id. ``row.createProps`` are set only on creation,
    ``row.props`` always; each id in ``row.sources`` joins the node's ``sources`` once, and
    ``lastSeen`` moves only when a new source joins (to ``row.props.lastSeen`` when an
    import brings it, else now).
    Used by the writer and by the RDF import (which passes ``firstSeen`` in ``props``)."""
    more = "".join(f":{lbl}" for lbl in extra_labels)
    set_labels = f", n{more}" if more else ""
    return (
        "UNWIND $rows AS row "
        f"MERGE (n:{label} {{id: row.id}}) "
        "ON CREATE SET n.firstSeen = datetime($now), n += row.createProps "
        "WITH n, row, coalesce(n.sources, []) AS known "
        "WITH n, row, known, [s IN row.sources WHERE NOT s IN known] AS new "
        f"SET n += row.props{set_labels}, n.sources = known + new, "
        "n.lastSeen = CASE WHEN size(new) > 0 "
        "THEN coalesce(row.props.lastSeen, datetime($now)) ELSE n.lastSeen END"
    )


def merge_relationships(
    rel_type: str, source_label: str, target_label: str, key_props: Sequence[str]
) -> str:
    """MERGE relationships between existing nodes; ``key_props`` tell parallel ones apart;
    each id in ``row.sources`` joins the relationship's ``sources`` once, and each span in
    ``row.spans`` (``<document id>#<start>-<end>``) its ``evidenceSpans``. ``lastSeen`` moves
    only when a new source joins, so writing the same row again changes nothing. Returns how
    many rows found both endpoints."""
    key = ", ".join(f"{p}: row.key.{p}" for p in key_props)
    key_map = f" {{{key}}}" if key else ""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{source_label} {{id: row.source}}) "
        f"MATCH (b:{target_label} {{id: row.target}}) "
        f"MERGE (a)-[r:{rel_type}{key_map}]->(b) "
        "ON CREATE SET r.firstSeen = datetime($now) "
        "WITH r, row, coalesce(r.sources, []) AS known, coalesce(r.evidenceSpans, []) AS spans "
        "WITH r, row, known, spans, [s IN row.sources WHERE NOT s IN known] AS new "
        "SET r += row.props, r.sources = known + new, "
        "r.evidenceSpans = CASE WHEN size(coalesce(row.spans, [])) = 0 THEN r.evidenceSpans "
        "ELSE spans + [s IN row.spans WHERE NOT s IN spans] END, "
        "r.lastSeen = CASE WHEN size(new) > 0 "
        "THEN coalesce(row.props.lastSeen, datetime($now)) ELSE r.lastSeen END "
        "RETURN count(r) AS written"
    )


# A document's own facts: a new version of a file, ``twin forget`` and re-extraction retract
# the old document. Facts it alone supported disappear; facts other sources support lose it
# from their ``sources`` (and their evidence moves to another supporting span).

ADD_DOCUMENT_URIS = (
    "UNWIND $rows AS row MATCH (d:Document {id: row.id}) "
    "WITH d, row, coalesce(d.sourceUris, []) AS known "
    "WITH d, known, [u IN row.uris WHERE NOT u IN known] AS new "
    "WHERE size(new) > 0 SET d.sourceUris = known + new"
)
DROP_DOCUMENT_URIS = (
    "UNWIND $rows AS row MATCH (d:Document {id: row.id}) "
    "SET d.sourceUris = [u IN coalesce(d.sourceUris, []) WHERE NOT u IN row.uris]"
)
# Relationships a text document supports connect entities it MENTIONS; a dataset's facts are
# found by scanning (datasets are few and large, forgetting one is rare). Each row is
# ``{id: <document id>}``.
RETRACT_DOCUMENT_RELATIONSHIPS = (
    "UNWIND $rows AS row MATCH (d:Document {id: row.id})-[:MENTIONS]->(e) "
    "WITH DISTINCT row.id AS doc, e "
    "MATCH (e)-[r]-() WHERE type(r) <> 'MENTIONS' AND doc IN coalesce(r.sources, []) "
    "WITH DISTINCT doc, r SET r.sources = [s IN r.sources WHERE s <> doc], "
    "r.evidenceSpans = [s IN coalesce(r.evidenceSpans, []) WHERE NOT s STARTS WITH doc + '#'] "
    "WITH r WHERE size(r.sources) = 0 DELETE r"
)
RETRACT_DATASET_RELATIONSHIPS = (
    "UNWIND $rows AS row MATCH ()-[r]->() WHERE row.id IN coalesce(r.sources, []) "
    "SET r.sources = [s IN r.sources WHERE s <> row.id] "
    "WITH r WHERE size(r.sources) = 0 DELETE r"
)
# Relationships whose evidence came from the retracted document take the next supporting span.
MOVE_EVIDENCE = (
    "UNWIND $rows AS row MATCH (d:Document {id: row.id})-[:MENTIONS]->(e) "
    "WITH DISTINCT row.id AS doc, e "
    "MATCH (e)-[r]-() WHERE r.evidenceDocument = doc WITH DISTINCT r "
    "WITH r, head(coalesce(r.evidenceSpans, [])) AS span "
    "WITH r, span, split(coalesce(span, ''), '#') AS parts "
    "WITH r, span, parts[0] AS other, split(coalesce(parts[1], '0-0'), '-') AS range "
    "OPTIONAL MATCH (o:Document {id: other}) "
    "SET r.evidenceDocument = CASE WHEN span IS NULL THEN null ELSE other END, "
    "r.evidenceStart = CASE WHEN span IS NULL THEN null ELSE toInteger(range[0]) END, "
    "r.evidenceEnd = CASE WHEN span IS NULL THEN null ELSE toInteger(range[1]) END, "
    "r.evidence = CASE WHEN o.redactedText IS NULL THEN null ELSE "
    "substring(o.redactedText, toInteger(range[0]), "
    "toInteger(range[1]) - toInteger(range[0])) END"
)
RETRACT_DOCUMENT_NODES = (
    "UNWIND $rows AS row MATCH (d:Document {id: row.id})-[:MENTIONS]->(e) "
    "WHERE row.id IN coalesce(e.sources, []) "
    "WITH DISTINCT row.id AS doc, e SET e.sources = [s IN e.sources WHERE s <> doc] "
    "WITH e WHERE size(e.sources) = 0 DETACH DELETE e"
)
RETRACT_DATASET_NODES = (
    "UNWIND $rows AS row MATCH (e) WHERE row.id IN coalesce(e.sources, []) AND e.id <> row.id "
    "SET e.sources = [s IN e.sources WHERE s <> row.id] "
    "WITH e WHERE size(e.sources) = 0 DETACH DELETE e"
)
DELETE_DOCUMENT = "UNWIND $rows AS row MATCH (d:Document {id: row.id}) DETACH DELETE d"
DOCUMENT_STATE = (
    "MATCH (d:Document) WHERE d.kind IN ['document', 'dataset'] "
    "RETURN d.id AS id, d.kind AS kind, "
    "coalesce(d.sourceUris, CASE WHEN d.sourceUri IS NULL THEN [] ELSE [d.sourceUri] END) "
    "AS uris, d.extractorVersion AS version"
)


# ------------------------------------------------------------------ reads

COUNT_BY_LABEL = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count"
# The gazetteer is what reference data, the ontology and maintainers say: entities only
# documents support, and aliases learnt from documents, are left out, so a document's
# extraction does not depend on the order in which documents arrive (see docs/provenance.md).
GAZETTEER = (
    "MATCH (n) WHERE n.name IS NOT NULL AND any(l IN labels(n) WHERE l IN $labels) "
    "AND (n.sources IS NULL OR any(s IN n.sources WHERE NOT s STARTS WITH 'doc:')) "
    "RETURN n.id AS id, labels(n) AS labels, n.name AS name, "
    "[a IN coalesce(n.aliases, []) WHERE NOT a IN coalesce(n.learnedAliases, [])] AS aliases"
)
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
EXPORT_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
EXPORT_RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) "
    "RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props"
)

__all__ = [
    "ADD_DOCUMENT_URIS",
    "AWAIT_INDEXES",
    "COUNT_BY_LABEL",
    "COUNT_RELATIONSHIPS",
    "DELETE_DOCUMENT",
    "DOCUMENT_STATE",
    "DROP_DOCUMENT_URIS",
    "EXPORT_NODES",
    "EXPORT_RELATIONSHIPS",
    "GAZETTEER",
    "MOVE_EVIDENCE",
    "RETRACT_DATASET_NODES",
    "RETRACT_DATASET_RELATIONSHIPS",
    "RETRACT_DOCUMENT_NODES",
    "RETRACT_DOCUMENT_RELATIONSHIPS",
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
