"""Small read helpers used by the CLI and the ingest pipeline (Cypher lives in queries.py)."""

from __future__ import annotations

import neo4j

from graph import queries
from nlp.extraction import GazetteerEntry
from ontology.model import OntologyModel


def gazetteer(
    driver: neo4j.Driver, model: OntologyModel, database: str | None = None
) -> list[GazetteerEntry]:
    """Every name and alias of the mentionable entities in the graph."""
    mentionable = [c.label for c in model.concrete_classes if c.mentionable]
    records, _, _ = driver.execute_query(queries.GAZETTEER, labels=mentionable, database_=database)
    entries: list[GazetteerEntry] = []
    for rec in records:
        known = [lbl for lbl in rec["labels"] if lbl in mentionable]
        specific = max(known, key=lambda lbl: len(model.lineage(lbl)))
        for surface in [rec["name"], *rec["aliases"]]:
            entries.append(
                GazetteerEntry(surface=surface, id=rec["id"], type=specific, name=rec["name"])
            )
    return entries


def counts(driver: neo4j.Driver, database: str | None = None) -> dict[str, dict[str, int]]:
    """Node counts per label and relationship counts per type."""
    labels, _, _ = driver.execute_query(queries.COUNT_BY_LABEL, database_=database)
    rels, _, _ = driver.execute_query(queries.COUNT_RELATIONSHIPS, database_=database)
    return {
        "nodes": {r["label"]: r["count"] for r in labels},
        "relationships": {r["type"]: r["count"] for r in rels},
    }


__all__ = ["counts", "gazetteer"]
