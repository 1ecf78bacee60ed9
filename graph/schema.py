"""Neo4j constraints and indexes derived from the ontology model, applied idempotently."""

from __future__ import annotations

import re
from dataclasses import dataclass

import neo4j

from graph import queries
from ontology.model import OntologyModel

FULLTEXT_INDEX = "entity_names"


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@dataclass(frozen=True)
class SchemaItem:
    """One constraint or index the ontology asks for."""

    kind: str  # "constraint" | "range" | "fulltext"
    name: str
    labels: tuple[str, ...]
    properties: tuple[str, ...]

    def cypher(self) -> str:
        if self.kind == "constraint":
            return queries.create_unique_id_constraint(self.name, self.labels[0])
        if self.kind == "range":
            return queries.create_range_index(self.name, self.labels[0], self.properties[0])
        return queries.create_fulltext_index(self.name, self.labels, self.properties)


def fulltext_labels(model: OntologyModel) -> tuple[str, ...]:
    """The classes the fulltext index covers: every mentionable concrete class (their names and
    aliases), and every concrete class below the domain of a searchable property that has one
    (documents, for their title and text), in the model's order."""
    domains = {p.domain for p in model.properties.values() if p.searchable and p.domain}
    return tuple(
        c.label
        for c in model.concrete_classes
        if c.mentionable or any(model.is_a(c.label, d) for d in domains)
    )


def plan(model: OntologyModel) -> list[SchemaItem]:
    """What the ontology asks for: a unique ``id`` per concrete class, range indexes on
    ``st:indexed`` properties, and one fulltext index over the ``st:searchable`` properties
    of the classes of :func:`fulltext_labels`."""
    items = [
        SchemaItem("constraint", f"{_snake(c.label)}_id_unique", (c.label,), ("id",))
        for c in model.concrete_classes
    ]
    items += [
        SchemaItem("range", f"{_snake(label)}_{_snake(prop)}", (label,), (prop,))
        for label, prop in model.indexed_properties
    ]
    searchable_labels = fulltext_labels(model)
    if model.searchable_properties and searchable_labels:
        items.append(
            SchemaItem("fulltext", FULLTEXT_INDEX, searchable_labels, model.searchable_properties)
        )
    return items


@dataclass(frozen=True)
class ApplyResult:
    created: list[str]
    replaced: list[str]
    unchanged: list[str]
    dropped: list[str]


def _existing_indexes(session: neo4j.Session) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    result = session.run(queries.SHOW_INDEXES)
    return {
        r["name"]: (tuple(r["labelsOrTypes"] or ()), tuple(r["properties"] or ())) for r in result
    }


def _existing_constraints(session: neo4j.Session) -> set[str]:
    return {r["name"] for r in session.run(queries.SHOW_CONSTRAINTS)}


def apply(
    driver: neo4j.Driver, model: OntologyModel, database: str | None = None, *, prune: bool = False
) -> ApplyResult:
    """Create what is missing; replace an index whose labels or properties changed; with
    ``prune``, drop the constraints and indexes the ontology no longer asks for."""
    created: list[str] = []
    dropped: list[str] = []
    replaced: list[str] = []
    unchanged: list[str] = []
    with driver.session(database=database) as session:
        constraints = _existing_constraints(session)
        indexes = _existing_indexes(session)
        for item in plan(model):
            if item.kind == "constraint":
                if item.name in constraints:
                    unchanged.append(item.name)
                    continue
                session.run(item.cypher()).consume()
                created.append(item.name)
                continue
            found = indexes.get(item.name)
            if found is not None and (set(found[0]), set(found[1])) == (
                set(item.labels),
                set(item.properties),
            ):
                unchanged.append(item.name)
                continue
            if found is not None:
                session.run(queries.drop_index(item.name)).consume()
                replaced.append(item.name)
            else:
                created.append(item.name)
            session.run(item.cypher()).consume()
        if prune:
            wanted = {item.name for item in plan(model)}
            for name in sorted(constraints - wanted):
                session.run(queries.drop_constraint(name)).consume()
                dropped.append(name)
            for name in sorted(set(indexes) - wanted):
                session.run(queries.drop_index(name)).consume()
                dropped.append(name)
        session.run(queries.AWAIT_INDEXES).consume()
    return ApplyResult(created=created, replaced=replaced, unchanged=unchanged, dropped=dropped)


def describe(
    driver: neo4j.Driver, database: str | None = None
) -> dict[str, list[dict[str, object]]]:
    """The constraints and indexes as the server reports them (for tests and `schema show`)."""
    with driver.session(database=database) as session:
        return {
            "constraints": [dict(r) for r in session.run(queries.SHOW_CONSTRAINTS)],
            "indexes": [dict(r) for r in session.run(queries.SHOW_INDEXES)],
        }


__all__ = [
    "FULLTEXT_INDEX",
    "ApplyResult",
    "SchemaItem",
    "apply",
    "describe",
    "fulltext_labels",
    "plan",
]
