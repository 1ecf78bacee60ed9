"""The twin as it was known at a date: the Cypher conditions behind ``asOf`` (pure text, no
Neo4j).

``asOf: "2025-06-30"`` on a root field keeps, through every level of the answer (the page,
its filters and sorts, nested relationship fields and their connections, aggregates):

- a document if it was ingested on or before that day (its ingest time: the property that
  is a close match of ``prov:generatedAtTime``, ``ingestedAt``; else its ``firstSeen``);
- every other node and every relationship if the twin first stored it (``firstSeen``) on or
  before that day; nodes and relationships without ``firstSeen`` count as always known;
- an observation, in addition, only if its period had begun by that day (the property that
  is a close match of ``sosa:phenomenonTime``, ``period``: ``2018`` begins on 2018-01-01,
  ``2024-05`` on 2024-05-01, a full date on that date; other forms count from ``firstSeen``):
  a figure about a period still to come (a target, a forecast) was not a fact yet.

So ``asOf`` before the twin stored anything answers with nothing: it shows what the twin
knew, not what was true. Sort by ``period`` (or group aggregates by ``PERIOD``) for the
figures of past years.

``lastSeen`` is the last time a new source confirmed a fact, not the end of its validity, so
it does not hide anything. Facts the twin retracted (a document replaced or forgotten,
docs/provenance.md) are deleted, not end-dated: ``asOf`` cannot bring them back.

The classes and properties come from the ontology (:func:`timeline`): observations are the
subclasses of ``sosa:Observation``. The date always travels as the parameter ``$asOf``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from rdflib import RDFS, Graph, URIRef
from rdflib.namespace import PROV, SKOS, SOSA

from ontology.model import OntologyModel, bundled_graph

AS_OF = "asOf"  # the parameter name, and the argument name in GraphQL
AS_OF_KEY = "_asOf"  # in a node dict: the date its answer is as of (nested fields follow it)
FIRST_SEEN = "firstSeen"
OBSERVATION = URIRef(SOSA.Observation)
PERIOD_MATCH = URIRef(SOSA.phenomenonTime)
INGESTED_MATCH = URIRef(PROV.generatedAtTime)
_END = f"datetime(${AS_OF}) + duration('P1D')"  # the first instant after that day


class AsOfError(ValueError):
    """An ``asOf`` that is not an ISO date."""


def checked(value: str) -> str:
    """``value`` if it is an ISO 8601 date (``2025-06-30``); :class:`AsOfError` otherwise."""
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise AsOfError(f"asOf must be a date such as 2025-06-30, not {value!r}") from None


@dataclass(frozen=True)
class Timeline:
    """Which classes are dated otherwise than by ``firstSeen``.

    ``periods``: observation class → its period property; ``ingested``: class → its ingest
    time property (both including subclasses); ``subclasses``: each class and those below."""

    periods: dict[str, str]
    ingested: dict[str, str]
    subclasses: dict[str, tuple[str, ...]]

    def node(self, var: str, label: str | None) -> str:
        """The condition that node ``var`` (of class ``label``; ``None``: any class) was known."""
        if label is not None and (label in self.ingested or label in self.periods):
            return self._node_rule(var, label)
        below = None if label is None else set(self.subclasses.get(label, ()))
        specific = [
            (cls, self._node_rule(var, cls))
            for cls in (*self.ingested, *self.periods)
            if below is None or cls in below
        ]
        if not specific:
            return first_seen(var)
        cases = " ".join(f"WHEN {var}:{cls} THEN {rule}" for cls, rule in specific)
        return f"CASE {cases} ELSE {first_seen(var)} END"

    def _node_rule(self, var: str, cls: str) -> str:
        if cls in self.periods:
            start = period_start(f"{var}.{self.periods[cls]}")
            begun = f"coalesce({start}, date({var}.{FIRST_SEEN}), date(${AS_OF}))"
            return f"{begun} <= date(${AS_OF}) AND {first_seen(var)}"
        prop = self.ingested[cls]
        return f"coalesce(datetime({var}.{prop}), {var}.{FIRST_SEEN}, datetime(${AS_OF})) < {_END}"

    def relationship(self, var: str) -> str:
        """The condition that relationship ``var`` was known."""
        return first_seen(var)


def first_seen(var: str) -> str:
    """``var`` was first stored on or before the day, or has no ``firstSeen``."""
    return f"({var}.{FIRST_SEEN} IS NULL OR {var}.{FIRST_SEEN} < {_END})"


def period_start(expr: str) -> str:
    """The first day of a period written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD...`` (null for
    anything else)."""
    year, month, day = r"[0-9]{4}", "(0[1-9]|1[0-2])", "(0[1-9]|[12][0-9]|3[01])"
    return (
        f"CASE WHEN {expr} =~ '{year}-{month}-{day}([^0-9].*)?' THEN date(left({expr}, 10)) "
        f"WHEN {expr} =~ '{year}-{month}([^0-9].*)?' THEN date(left({expr}, 7) + '-01') "
        f"WHEN {expr} =~ '{year}([^0-9].*)?' THEN date(left({expr}, 4) + '-01-01') END"
    )


def ingested_by(document: Mapping[str, Any], as_of: str, prop: str | None) -> bool:
    """Whether a document (a node's properties; ``prop``: its ingest time property) was stored
    by the end of the day ``as_of``: the Python twin of the Cypher rule, for documents loaded
    by id."""
    stamp = (document.get(prop) if prop else None) or document.get(FIRST_SEEN)
    if stamp is None:
        return True
    if hasattr(stamp, "to_native"):  # a neo4j.time.DateTime
        stamp = stamp.to_native()
    try:
        moment = stamp if isinstance(stamp, datetime) else datetime.fromisoformat(str(stamp))
    except ValueError:
        return True
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    end = datetime.combine(date.fromisoformat(as_of), time.min, UTC) + timedelta(days=1)
    return moment < end


def timeline(model: OntologyModel, graph: Graph | None = None) -> Timeline:
    """The :class:`Timeline` of ``model`` (``graph``: the ontology as RDF, for the mappings to
    SOSA and PROV the model does not keep; default the shipped ontology)."""
    graph = bundled_graph() if graph is None else graph
    observed: list[str] = []
    for label, cls in model.classes.items():
        supers = set(graph.transitive_objects(URIRef(cls.iri), RDFS.subClassOf))
        if OBSERVATION in supers:
            observed.append(label)
    periods: dict[str, str] = {}
    ingested: dict[str, str] = {}
    for prop in model.properties.values():
        if prop.domain is None or prop.domain not in model.classes:
            continue
        matches = set(graph.objects(URIRef(prop.iri), SKOS.closeMatch)) | set(
            graph.objects(URIRef(prop.iri), SKOS.exactMatch)
        )
        for sub in model.subclasses(prop.domain):
            if PERIOD_MATCH in matches and sub in observed:
                periods[sub] = prop.name
            if INGESTED_MATCH in matches:
                ingested[sub] = prop.name
    subclasses = {label: tuple(model.subclasses(label)) for label in model.classes}
    return Timeline(periods=periods, ingested=ingested, subclasses=subclasses)


__all__ = [
    "AS_OF",
    "AS_OF_KEY",
    "AsOfError",
    "Timeline",
    "checked",
    "first_seen",
    "ingested_by",
    "period_start",
    "timeline",
]
