"""Entity resolution: find nodes that are the same thing, merge them, and undo merges.

Documents create a node for every organisation, programme, facility, street or area they name
that the linker did not know, so two documents can create ``Stichting Buurtkracht`` and
``BuurtKracht`` as two nodes. Resolution finds such duplicates and merges each into one
survivor, recording every merge as an ``EntityMerge`` node so that it can be listed and undone.

Finding candidates (``find_candidates``)
    Only nodes of the same merge class (``graph.writer.merge_label``) are compared, among
    ``Stakeholder`` (and its subclasses), ``Programme``, ``Facility``, ``Street`` and ``Area``;
    nodes of the ontology's own concepts never take part. Two nodes match when their names or
    aliases share a ``resolution_key``, or when two keys of at least ``FUZZY_MIN_LENGTH``
    characters that hold the same digits score at least ``FUZZY_THRESHOLD`` with rapidfuzz's
    ``fuzz.ratio``. Matches are joined into groups strongest first; a match is refused when the
    two groups would then hold nodes in different places (a place of one is neither a place of
    the other nor PART_OF it, or one node is PART_OF / LOCATED_IN the other), or two nodes of
    reference data (which the data set keeps apart on purpose, and which re-seeding would
    bring back). The survivor of a group is its reference node, else the oldest ``firstSeen``,
    else the smallest id (``choose_survivor``).

Merging (``merge``), in one transaction
    Every relationship of the merged node moves to the survivor (both directions, MENTIONS with
    their ``start``/``end``). When the survivor already has the same relationship (type,
    direction, other endpoint and key properties) only its ``sources`` gain the merged one's;
    otherwise a copy with the same properties is created. A relationship between the two nodes
    (or a loop on the merged node) would become a loop on the survivor and is dropped. The
    survivor keeps its labels and properties; its ``aliases`` gain the merged node's name and
    aliases and its ``sources`` the merged node's. The merged node is deleted. An
    ``EntityMerge`` node records what was done, as properties only (no relationship to the
    survivor, so that later merges, which move relationships, never touch the record):
    ``id``, ``at``, ``reason``, ``label``, ``survivor``, ``merged``, ``mergedLabels``,
    ``mergedProps`` (JSON), ``relationships`` (JSON: for each relationship of the merged node
    its type, direction, other endpoint id and class, key, properties, ``outcome`` created /
    merged / dropped and ``sourcesAdded``), ``survivorBefore`` and ``survivorAdded`` (JSON:
    the survivor's ``aliases`` and ``sources`` before the merge and what the merge added), and
    ``sources``. Temporal property values are stored as ``{"$type": "datetime", "value": ...}``
    with Neo4j's own text, so that undoing restores them exactly (same offset or zone).

Undoing (``unmerge``), in one transaction
    The merged node comes back with its labels and properties, and its relationships to every
    endpoint that still exists; the relationships the merge created on the survivor are deleted,
    those it merged into lose the sources it added, and the survivor loses the aliases and
    sources it added. The record stays, marked with ``undoneAt``.

Relationship types read from the database are checked against the ontology before they are
used; node labels in Cypher come from the ontology only; everything else is a parameter.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import neo4j
import neo4j.time
from rapidfuzz import fuzz, process

from graph.writer import merge_label
from ontology.model import OntologyModel

# ------------------------------------------------------------------ settings

RESOLVED_CLASSES = ("Stakeholder", "Programme", "Facility", "Street", "Area")
PLACE_RELATIONSHIPS = ("LOCATED_IN", "PART_OF")  # what places a node is in
PART_OF = "PART_OF"  # how places nest
MERGE_CLASS = "EntityMerge"
MERGE_SOURCE = "twin.resolution"
DOCUMENT_SOURCE_PREFIX = "doc:"
KEY_PROPERTIES = ("start", "end")  # tell parallel relationships apart (a document's mentions)
FUZZY_THRESHOLD = 92
FUZZY_MIN_LENGTH = 8
MIN_KEY_LENGTH = 2
MAX_PLACE_DEPTH = 8
MAX_ROUNDS = 5

# Words that name a legal form, not the organisation, where they stand: before the name
# (Stichting X, ASBL X) or after it (X B.V., X e.V.). Dotted spellings (B.V., e.V., a.s.b.l.)
# lose their dots first. Kept small on purpose: every word here makes more names equal, and a
# word after a name is often part of it ("Rabobank Foundation" is not "Rabobank").
LEGAL_FORMS_BEFORE = frozenset(
    {
        "stichting",  # nl foundation
        "vereniging",  # nl association
        "foundation",
        "vzw",  # be non-profit (nl)
        "asbl",  # be non-profit (fr)
    }
)
LEGAL_FORMS_AFTER = frozenset(
    {
        "bv",  # nl private company (B.V.)
        "nv",  # nl / be public company (N.V.)
        "vzw",
        "asbl",
        "gmbh",  # de company
        "ggmbh",  # de non-profit company
        "ev",  # de registered association (e.V.)
    }
)
LEGAL_FORMS = LEGAL_FORMS_BEFORE | LEGAL_FORMS_AFTER
# Articles dropped at the start of a name (``l'`` becomes the word ``l``).
LEADING_ARTICLES = frozenset({"de", "het", "the", "la", "le", "les", "l"})

# ------------------------------------------------------------------ Cypher

_TEMPORAL_TYPES = (
    ("datetime", "ZONED DATETIME"),
    ("localdatetime", "LOCAL DATETIME"),
    ("date", "DATE"),
    ("time", "ZONED TIME"),
    ("localtime", "LOCAL TIME"),
    ("duration", "DURATION"),
)


def _encoded(var: str) -> str:
    """An expression listing the properties of node or relationship ``var`` as
    ``{k, t, v}`` maps: temporal values as Neo4j's text with their type ``t``, so that they can
    be stored as JSON and restored exactly (the driver would turn ``Z`` into ``[UTC]``)."""
    kinds = " ".join(f"WHEN {var}[k] IS :: {t} THEN '{name}'" for name, t in _TEMPORAL_TYPES)
    temporal = " OR ".join(f"{var}[k] IS :: {t}" for _, t in _TEMPORAL_TYPES)
    return (
        f"[k IN keys({var}) | {{k: k, t: CASE {kinds} ELSE null END, "
        f"v: CASE WHEN {temporal} THEN toString({var}[k]) ELSE {var}[k] END}}]"
    )


def _restore(var: str, rows: str) -> str:
    """Set the temporal properties listed in ``rows`` (``{k, t, v}``) on ``var``."""
    cases = " ".join(f"WHEN '{name}' THEN {name}(t.v)" for name, _ in _TEMPORAL_TYPES)
    return f"FOREACH (t IN {rows} | SET {var}[t.k] = CASE t.t {cases} END)"


def candidate_nodes(label: str, place_types: Sequence[str], part_of: str) -> str:
    """Every node of one merge class with its names, provenance and the places it is in
    (each with the places that place is PART_OF)."""
    places = "|".join(place_types)
    return (
        f"MATCH (n:{label}) WHERE n.id IS NOT NULL "
        "RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.aliases AS aliases, "
        "coalesce(n.sources, []) AS sources, n.firstSeen AS firstSeen, "
        f"[(n)-[:{places}]->(p) WHERE p.id IS NOT NULL | "
        f"{{id: p.id, up: [(p)-[:{part_of}*1..{MAX_PLACE_DEPTH}]->(a) | a.id]}}] AS places "
        "ORDER BY id"
    )


def find_nodes(labels: Sequence[str]) -> str:
    """The nodes with the given ``$ids``, looked up by index on each merge class."""
    branches = " UNION ".join(f"MATCH (n:{label} {{id: wanted}}) RETURN n" for label in labels)
    return (
        "UNWIND $ids AS wanted "
        f"CALL (wanted) {{ {branches} }} "
        "RETURN wanted AS id, elementId(n) AS element, labels(n) AS labels, "
        f"properties(n) AS props, {_encoded('n')} AS encoded"
    )


MERGED_RELATIONSHIPS = (
    "MATCH (m) WHERE elementId(m) = $merged "
    "MATCH (m)-[r]-(o) "
    "RETURN DISTINCT elementId(r) AS rel, type(r) AS type, startNode(r) = m AS outgoing, "
    "elementId(o) AS other, o.id AS otherId, labels(o) AS otherLabels, "
    f"coalesce(r.sources, []) AS sources, {_encoded('r')} AS encoded"
)
SURVIVOR_RELATIONSHIPS = (
    "MATCH (s) WHERE elementId(s) = $survivor "
    "MATCH (s)-[r]-(o) WHERE elementId(o) IN $others "
    "RETURN DISTINCT elementId(r) AS rel, type(r) AS type, startNode(r) = s AS outgoing, "
    "elementId(o) AS other, coalesce(r.sources, []) AS sources, "
    "r.sources IS NOT NULL AS hadSources, [k IN $keyNames | r[k]] AS key"
)
# Relationship types are dynamic ($(row.type)) but checked against the ontology first.
COPY_RELATIONSHIPS = (
    "UNWIND $rows AS row "
    "MATCH ()-[old]->() WHERE elementId(old) = row.rel "
    "MATCH (s) WHERE elementId(s) = $survivor "
    "MATCH (o) WHERE elementId(o) = row.other "
    "CALL (s, o, old, row) { WITH * WHERE row.outgoing "
    "CREATE (s)-[r:$(row.type)]->(o) SET r = properties(old) } "
    "CALL (s, o, old, row) { WITH * WHERE NOT row.outgoing "
    "CREATE (o)-[r:$(row.type)]->(s) SET r = properties(old) }"
)
ADD_RELATIONSHIP_SOURCES = (
    "UNWIND $rows AS row "
    "MATCH ()-[r]->() WHERE elementId(r) = row.rel "
    "SET r.sources = coalesce(r.sources, []) + row.added"
)
SET_SURVIVOR = "MATCH (s) WHERE elementId(s) = $survivor SET s += $props"
DELETE_NODE = "MATCH (m) WHERE elementId(m) = $merged DETACH DELETE m"


def create_merge_record(labels: Sequence[str]) -> str:
    return (
        f"CREATE (e:{':'.join(labels)} {{id: $id}}) "
        "SET e += $props, e.at = datetime($now), e.firstSeen = datetime($now)"
    )


def read_merge_record(label: str) -> str:
    return f"MATCH (e:{label} {{id: $id}}) RETURN properties(e) AS props"


def list_merge_records(label: str) -> str:
    return f"MATCH (e:{label}) RETURN properties(e) AS props ORDER BY e.at, e.id"


def mark_undone(label: str) -> str:
    return f"MATCH (e:{label} {{id: $id}}) SET e.undoneAt = datetime($now)"


def active_merges_of(label: str) -> str:
    """Merges, not undone, that removed one of ``$ids``."""
    return (
        f"MATCH (e:{label}) WHERE e.undoneAt IS NULL AND any(x IN e.merged WHERE x IN $ids) "
        "RETURN e.id AS id ORDER BY e.at DESC"
    )


RECREATE_NODE = (
    "CREATE (m:$($labels)) SET m = $plain "
    f"{_restore('m', '$temporal')} "
    "RETURN elementId(m) AS element"
)


def restore_relationships(other_label: str) -> str:
    """Recreate relationships of the recreated node ``$merged`` to existing nodes of one class;
    returns how many were recreated."""
    return (
        "UNWIND $rows AS row "
        "MATCH (m) WHERE elementId(m) = $merged "
        f"MATCH (o:{other_label} {{id: row.other}}) "
        "CALL (m, o, row) { WITH * WHERE row.outgoing "
        "CREATE (m)-[r:$(row.type)]->(o) SET r = row.plain "
        f"{_restore('r', 'row.temporal')} }} "
        "CALL (m, o, row) { WITH * WHERE NOT row.outgoing "
        "CREATE (o)-[r:$(row.type)]->(m) SET r = row.plain "
        f"{_restore('r', 'row.temporal')} }} "
        "RETURN count(*) AS restored"
    )


_SAME_RELATIONSHIP = (
    "MATCH (s)-[r]-(o) WHERE type(r) = row.type AND (startNode(r) = s) = row.outgoing "
    "AND all(k IN $keyNames WHERE (r[k] IS NULL AND row.key[k] IS NULL) OR r[k] = row.key[k]) "
    "WITH r LIMIT 1 "
)


def delete_created(other_label: str) -> str:
    """Delete the survivor's relationships that a merge created (one per row)."""
    return (
        "UNWIND $rows AS row "
        "MATCH (s) WHERE elementId(s) = $survivor "
        f"MATCH (o:{other_label} {{id: row.other}}) "
        f"CALL (s, o, row) {{ {_SAME_RELATIONSHIP}DELETE r }}"
    )


def remove_added_sources(other_label: str) -> str:
    """Take the sources a merge added off the survivor's relationships it merged into."""
    return (
        "UNWIND $rows AS row "
        "MATCH (s) WHERE elementId(s) = $survivor "
        f"MATCH (o:{other_label} {{id: row.other}}) "
        f"CALL (s, o, row) {{ {_SAME_RELATIONSHIP}"
        "WITH r, [x IN coalesce(r.sources, []) WHERE NOT x IN row.added] AS rest "
        "SET r.sources = CASE WHEN size(rest) = 0 AND NOT row.hadSources "
        "THEN null ELSE rest END }"
    )


# ------------------------------------------------------------------ errors and records


class ResolutionError(Exception):
    """A merge or unmerge that cannot be done; nothing was written."""


class MergeNotFoundError(ResolutionError, KeyError):
    """No EntityMerge with that id."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "merge not found"


class AlreadyUndoneError(ResolutionError):
    """The merge was undone before."""


@dataclass(frozen=True)
class Candidate:
    """A group of nodes that are one thing: the survivor, the ids merged into it, and why."""

    survivor: str
    merged: tuple[str, ...]
    reason: str
    label: str = ""


@dataclass(frozen=True)
class MergeRecord:
    """One merge: done (``id`` set), proposed by a dry run (``id`` None), or undone."""

    id: str | None
    survivor: str
    merged: tuple[str, ...]
    reason: str
    label: str = ""
    merged_names: tuple[str, ...] = ()
    at: datetime | None = None
    undone_at: datetime | None = None
    relationships_created: int = 0
    relationships_merged: int = 0
    relationships_dropped: int = 0
    relationships_not_restored: int = 0  # on unmerge: the other endpoint no longer exists


@dataclass(frozen=True)
class Place:
    """A place a node is LOCATED_IN or PART_OF, with the places it is PART_OF in turn."""

    id: str
    up: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Entity:
    """What resolution knows about one node."""

    id: str
    name: str | None = None
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    first_seen: datetime | None = None
    places: tuple[Place, ...] = ()
    label: str = ""

    @property
    def reference(self) -> bool:
        """Backed by reference data (a data set or the ontology), not only by documents."""
        return any(not s.startswith(DOCUMENT_SOURCE_PREFIX) for s in self.sources)

    @property
    def keys(self) -> tuple[str, ...]:
        """The resolution keys of its name and aliases, each once, name first."""
        found: dict[str, None] = {}
        for text in (self.name, *self.aliases):
            if text:
                key = resolution_key(text)
                if len(key) >= MIN_KEY_LENGTH:
                    found.setdefault(key, None)
        return tuple(found)

    @property
    def within(self) -> frozenset[str]:
        """Every place it is in, directly or through PART_OF."""
        return frozenset(p.id for p in self.places).union(*(p.up for p in self.places))


# ------------------------------------------------------------------ keys and matching

_DOTTED = re.compile(r"(?<![^\W\d_])([^\W\d_])\.")  # the dot after a one-letter word: b.v.
_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def resolution_key(name: str) -> str:
    """The comparison key of a name: case-folded, without diacritics, punctuation, hyphens or
    spaces, without legal-form words before or after the name (``LEGAL_FORMS_BEFORE``,
    ``LEGAL_FORMS_AFTER``) and without one leading article (``LEADING_ARTICLES``).
    ``Stichting Buurtkracht``, ``BuurtKracht`` and ``Buurt-kracht B.V.`` all give
    ``buurtkracht``. A name that is nothing but such words keeps them (``Stichting`` gives
    ``stichting``)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _DOTTED.sub(r"\1", text)
    words = _NON_WORD.sub(" ", text).split()
    kept = list(words)
    while kept and kept[-1] in LEGAL_FORMS_AFTER:
        kept.pop()
    while kept and kept[0] in LEGAL_FORMS_BEFORE:
        kept.pop(0)
    if len(kept) > 1 and kept[0] in LEADING_ARTICLES:
        kept.pop(0)
    while kept and kept[0] in LEGAL_FORMS_BEFORE:  # "De Stichting X"
        kept.pop(0)
    return "".join(kept or words)


def fuzzy_score(a: str, b: str) -> float:
    """The fuzzy similarity of two keys (0 when either is too short to compare fuzzily or
    they hold different numbers: ``Heerlen-Noord 1`` is not ``Heerlen-Noord 2``)."""
    if min(len(a), len(b)) < FUZZY_MIN_LENGTH or _DIGITS.findall(a) != _DIGITS.findall(b):
        return 0.0
    return float(fuzz.ratio(a, b))


def _compatible(a: Place, b: Place) -> bool:
    return a.id == b.id or a.id in b.up or b.id in a.up


def conflict(a: Entity, b: Entity) -> bool:
    """True when context tells the two apart: one is in (LOCATED_IN / PART_OF) the other, or
    a place of one and a place of the other are different and neither is PART_OF the other."""
    if a.id in b.within or b.id in a.within:
        return True
    return any(not _compatible(p, q) for p in a.places for q in b.places)


def _sort_time(entity: Entity) -> datetime:
    return entity.first_seen or datetime.max.replace(tzinfo=UTC)


def choose_survivor(entities: Iterable[Entity]) -> Entity:
    """The node a group is merged into: one backed by reference data first, then the oldest
    ``firstSeen`` (nodes without one last), then the smallest id."""
    return min(entities, key=lambda e: (not e.reference, _sort_time(e), e.id))


@dataclass
class _Groups:
    """Union-find over entities that refuses unions that context forbids."""

    entities: list[Entity]
    parent: list[int] = field(default_factory=list)
    members: dict[int, list[int]] = field(default_factory=dict)
    reasons: dict[int, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.parent = list(range(len(self.entities)))
        self.members = {i: [i] for i in range(len(self.entities))}
        self.reasons = {i: [] for i in range(len(self.entities))}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, reason: str) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        left = [self.entities[k] for k in self.members[a]]
        right = [self.entities[k] for k in self.members[b]]
        if any(x.reference for x in left) and any(y.reference for y in right):
            return
        if any(conflict(x, y) for x in left for y in right):
            return
        self.parent[b] = a
        self.members[a] += self.members.pop(b)
        self.reasons[a] += [r for r in self.reasons.pop(b) if r not in self.reasons[a]]
        if reason not in self.reasons[a]:
            self.reasons[a].append(reason)

    def groups(self) -> list[tuple[list[Entity], list[str]]]:
        return [
            ([self.entities[k] for k in members], self.reasons[root])
            for root, members in self.members.items()
            if len(members) > 1
        ]


def _matches(entities: Sequence[Entity]) -> list[tuple[int, int, str]]:
    """Pairs of entities whose keys are equal, then pairs whose keys are fuzzily equal
    (strongest first), each with its reason."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, entity in enumerate(entities):
        for key in entity.keys:
            by_key[key].append(i)
    exact: list[tuple[int, int, str]] = []
    for key in sorted(by_key):
        holders = by_key[key]
        exact += [
            (a, b, f"same key {key!r}") for n, a in enumerate(holders) for b in holders[n + 1 :]
        ]
    keys = sorted(k for k in by_key if len(k) >= FUZZY_MIN_LENGTH)
    fuzzy: list[tuple[float, str, str]] = []
    for n, key in enumerate(keys):
        for other, score, _ in process.extract(
            key, keys[n + 1 :], scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=None
        ):
            if fuzzy_score(key, other) >= FUZZY_THRESHOLD:  # same numbers
                fuzzy.append((score, key, other))
    fuzzy.sort(key=lambda item: (-item[0], item[1], item[2]))
    pairs = list(exact)
    for score, a_key, b_key in fuzzy:
        reason = f"fuzzy {round(score)} {a_key!r}~{b_key!r}"
        pairs += [(a, b, reason) for a in by_key[a_key] for b in by_key[b_key] if a != b]
    return pairs


def group_entities(entities: Sequence[Entity]) -> list[Candidate]:
    """Candidates among entities of one merge class (pure: ``find_candidates`` reads them)."""
    groups = _Groups(list(entities))
    for a, b, reason in _matches(entities):
        groups.join(a, b, reason)
    candidates: list[Candidate] = []
    for members, reasons in groups.groups():
        survivor = choose_survivor(members)
        merged = tuple(sorted(e.id for e in members if e.id != survivor.id))
        candidates.append(Candidate(survivor.id, merged, "; ".join(reasons), survivor.label))
    return sorted(candidates, key=lambda c: (c.label, c.survivor))


# ------------------------------------------------------------------ reading


def _native(value: Any) -> datetime | None:
    if isinstance(value, neo4j.time.DateTime):
        native = value.to_native()
        return native.astimezone(UTC) if native.tzinfo else native.replace(tzinfo=UTC)
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _session(driver: neo4j.Driver, database: str | None) -> neo4j.Session:
    """A session that does not warn about labels and types no node uses yet (a graph without
    LOCATED_IN, or without any EntityMerge)."""
    return driver.session(
        database=database,
        notifications_disabled_classifications=[
            neo4j.NotificationDisabledClassification.UNRECOGNIZED
        ],
    )


def resolved_labels(model: OntologyModel) -> list[str]:
    """The merge classes that resolution compares within."""
    return sorted({merge_label(model, label) for label in RESOLVED_CLASSES})


def _mergeable_labels(model: OntologyModel) -> list[str]:
    """The merge classes of everything documents can name: what ``merge`` accepts."""
    return sorted({merge_label(model, c.label) for c in model.concrete_classes if c.mentionable})


def read_entities(
    driver: neo4j.Driver, model: OntologyModel, label: str, database: str | None = None
) -> list[Entity]:
    """The nodes of one merge class as resolution sees them."""
    place_types = [model.rel(t).type for t in PLACE_RELATIONSHIPS]
    cypher = candidate_nodes(model.cls(label).label, place_types, model.rel(PART_OF).type)
    with _session(driver, database) as session:
        records = session.execute_read(lambda tx: list(tx.run(cypher)))
    return [
        Entity(
            id=rec["id"],
            name=rec["name"] if isinstance(rec["name"], str) else None,
            aliases=_strings(rec["aliases"]),
            sources=_strings(rec["sources"]),
            first_seen=_native(rec["firstSeen"]),
            places=tuple(Place(p["id"], frozenset(str(u) for u in p["up"])) for p in rec["places"]),
            label=label,
        )
        for rec in records
        if rec["id"] not in model.concepts
    ]


def find_candidates(
    driver: neo4j.Driver, model: OntologyModel, database: str | None = None
) -> list[Candidate]:
    """Groups of nodes that are the same thing (see the module docstring), survivor first."""
    candidates: list[Candidate] = []
    for label in resolved_labels(model):
        candidates += group_entities(read_entities(driver, model, label, database))
    return candidates


# ------------------------------------------------------------------ property encoding


def _props_json(encoded: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """``{k, t, v}`` entries as a JSON-ready map; temporal values tagged with ``$type``."""
    props: dict[str, Any] = {}
    for entry in sorted(encoded, key=lambda e: str(e["k"])):
        value = entry["v"]
        props[entry["k"]] = {"$type": entry["t"], "value": value} if entry["t"] else value
    return props


def _split_props(props: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The inverse of ``_props_json``: plain values, and temporal ones as ``{k, t, v}``."""
    plain: dict[str, Any] = {}
    temporal: list[dict[str, Any]] = []
    for key, value in props.items():
        if isinstance(value, dict):
            temporal.append({"k": key, "t": value["$type"], "v": value["value"]})
        else:
            plain[key] = value
    return plain, temporal


def _dumps(value: Any, what: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise ResolutionError(f"cannot record {what}: {exc}") from exc


def _ontology_type(model: OntologyModel, rel_type: str) -> str:
    """A relationship type read from the graph or a record, refused unless the ontology has it
    (it is then used in Cypher)."""
    try:
        return model.rel(rel_type).type
    except KeyError as exc:
        raise ResolutionError(f"relationship type {rel_type!r} is not in the ontology") from exc


def _ontology_label(model: OntologyModel, label: str) -> str:
    try:
        return model.cls(label).label
    except KeyError as exc:
        raise ResolutionError(f"label {label!r} is not a class of the ontology") from exc


def _class_of(model: OntologyModel, labels: Iterable[str], what: str) -> str:
    """The most specific ontology class among a node's labels."""
    known = [label for label in labels if label in model.classes]
    if not known:
        raise ResolutionError(f"{what} has no ontology class among its labels {sorted(labels)}")
    return max(known, key=lambda label: len(model.lineage(label)))


# ------------------------------------------------------------------ merge


@dataclass(frozen=True)
class _Node:
    id: str
    element: str
    labels: tuple[str, ...]
    props: dict[str, Any]
    encoded: list[dict[str, Any]]


def _nodes(tx: neo4j.ManagedTransaction, model: OntologyModel, ids: list[str]) -> dict[str, _Node]:
    found: dict[str, list[_Node]] = defaultdict(list)
    for rec in tx.run(find_nodes(_mergeable_labels(model)), ids=ids):
        found[rec["id"]].append(
            _Node(rec["id"], rec["element"], tuple(rec["labels"]), rec["props"], rec["encoded"])
        )
    for node_id, nodes in found.items():
        if len(nodes) > 1:
            raise ResolutionError(f"more than one node has the id {node_id!r}")
    return {node_id: nodes[0] for node_id, nodes in found.items()}


def _key(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: props[k] for k in KEY_PROPERTIES if props.get(k) is not None}


def _added(names: Iterable[str], known: Iterable[str], exclude: str | None = None) -> list[str]:
    seen = set(known)
    added: list[str] = []
    for name in names:
        if name and name != exclude and name not in seen:
            seen.add(name)
            added.append(name)
    return added


_Identity = tuple[str, bool, str, tuple[Any, ...]]  # type, outgoing, other element, key


def _existing(
    tx: neo4j.ManagedTransaction, survivor: _Node, others: list[str]
) -> dict[_Identity, dict[str, Any]]:
    """The survivor's relationships to the merged node's neighbours, by identity."""
    existing: dict[_Identity, dict[str, Any]] = {}
    for rec in tx.run(
        SURVIVOR_RELATIONSHIPS, survivor=survivor.element, others=others, keyNames=KEY_PROPERTIES
    ):
        identity = (rec["type"], rec["outgoing"], rec["other"], tuple(rec["key"]))
        existing.setdefault(identity, rec.data())
    return existing


def _move_relationships(
    tx: neo4j.ManagedTransaction, model: OntologyModel, survivor: _Node, merged: _Node
) -> list[dict[str, Any]]:
    """Move the merged node's relationships to the survivor; return what was done with each
    (the ``relationships`` of the record)."""
    rels = tx.run(MERGED_RELATIONSHIPS, merged=merged.element).data()
    for rel in rels:
        _ontology_type(model, rel["type"])
        if not isinstance(rel["otherId"], str):
            raise ResolutionError(f"a {rel['type']} of {merged.id!r} ends at a node without id")
    loops = {merged.element, survivor.element}
    existing = _existing(tx, survivor, sorted({r["other"] for r in rels} - loops))
    records: list[dict[str, Any]] = []
    copies: list[dict[str, Any]] = []
    additions: list[dict[str, Any]] = []
    for rel in sorted(rels, key=lambda r: (r["type"], r["otherId"], not r["outgoing"], r["rel"])):
        rel_props = _props_json(rel["encoded"])
        key = _key(rel_props)
        record: dict[str, Any] = {
            "type": rel["type"],
            "direction": "out" if rel["outgoing"] else "in",
            "other": rel["otherId"],
            "otherLabel": merge_label(model, _class_of(model, rel["otherLabels"], rel["otherId"])),
            "key": key,
            "props": rel_props,
            "sourcesAdded": [],
        }
        identity = (rel["type"], rel["outgoing"], rel["other"], tuple(map(key.get, KEY_PROPERTIES)))
        if rel["other"] in loops:
            record["outcome"] = "dropped"  # it would become a loop on the survivor
        elif identity in existing:
            target = existing[identity]
            added = _added(rel["sources"], target["sources"])
            record.update(outcome="merged", sourcesAdded=added, hadSources=target["hadSources"])
            if added:
                additions.append({"rel": target["rel"], "added": added})
                target["sources"] = [*target["sources"], *added]
        else:
            record["outcome"] = "created"
            copies.append({k: rel[k] for k in ("rel", "type", "outgoing", "other")})
        records.append(record)
    if copies:
        tx.run(COPY_RELATIONSHIPS, rows=copies, survivor=survivor.element).consume()
    if additions:
        tx.run(ADD_RELATIONSHIP_SOURCES, rows=additions).consume()
    return records


def _extend_survivor(
    tx: neo4j.ManagedTransaction, survivor: _Node, merged: _Node
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Add the merged node's name, aliases and sources to the survivor's; return the
    survivor's values before and what was added."""
    before = {name: survivor.props.get(name) for name in ("aliases", "sources")}
    name = survivor.props.get("name")
    names = [merged.props.get("name"), *_strings(merged.props.get("aliases"))]
    added = {
        "aliases": _added(
            (n for n in names if isinstance(n, str)),
            _strings(before["aliases"]),
            name if isinstance(name, str) else None,
        ),
        "sources": _added(_strings(merged.props.get("sources")), _strings(before["sources"])),
    }
    changes = {k: [*_strings(before[k]), *extra] for k, extra in added.items() if extra}
    if changes:
        tx.run(SET_SURVIVOR, survivor=survivor.element, props=changes).consume()
    return before, added


def _merge_tx(
    tx: neo4j.ManagedTransaction,
    model: OntologyModel,
    survivor_id: str,
    merged_id: str,
    reason: str,
    merge_id: str,
    now: str,
) -> MergeRecord:
    nodes = _nodes(tx, model, [survivor_id, merged_id])
    for node_id in (survivor_id, merged_id):
        if node_id not in nodes:
            raise ResolutionError(f"no node with id {node_id!r} that documents can name")
        if node_id in model.concepts:
            raise ResolutionError(f"{node_id!r} is a concept of the ontology: it is not merged")
    survivor, merged = nodes[survivor_id], nodes[merged_id]
    label = merge_label(model, _class_of(model, survivor.labels, survivor_id))
    merged_label = merge_label(model, _class_of(model, merged.labels, merged_id))
    if label != merged_label:
        raise ResolutionError(
            f"{merged_id!r} ({merged_label}) and {survivor_id!r} ({label}) are of different "
            "classes: nodes of different classes are never merged"
        )
    merged_props = _dumps(_props_json(merged.encoded), f"the properties of {merged_id!r}")
    records = _move_relationships(tx, model, survivor, merged)
    before, added = _extend_survivor(tx, survivor, merged)
    tx.run(DELETE_NODE, merged=merged.element).consume()
    record_props: dict[str, Any] = {
        "reason": reason,
        "label": label,
        "survivor": survivor_id,
        "merged": [merged_id],
        "mergedLabels": sorted(merged.labels),
        "mergedProps": merged_props,
        "relationships": _dumps(records, f"the relationships of {merged_id!r}"),
        "survivorBefore": _dumps(before, "the survivor's names"),
        "survivorAdded": _dumps(added, "the survivor's names"),
        "sources": [MERGE_SOURCE],
    }
    cypher = create_merge_record(model.node_labels(MERGE_CLASS))
    tx.run(cypher, id=merge_id, props=record_props, now=now).consume()
    return _record({**record_props, "id": merge_id, "at": datetime.fromisoformat(now)})


def merge_record(
    driver: neo4j.Driver,
    model: OntologyModel,
    survivor_id: str,
    merged_id: str,
    reason: str,
    database: str | None = None,
) -> MergeRecord:
    """``merge``, returning the whole record."""
    if survivor_id == merged_id:
        raise ResolutionError(f"cannot merge {survivor_id!r} into itself")
    merge_id = f"merge:{uuid.uuid4().hex}"
    now = datetime.now(UTC).isoformat()

    def work(tx: neo4j.ManagedTransaction) -> MergeRecord:
        return _merge_tx(tx, model, survivor_id, merged_id, reason, merge_id, now)

    with _session(driver, database) as session:
        return session.execute_write(work)


def merge(
    driver: neo4j.Driver,
    model: OntologyModel,
    survivor_id: str,
    merged_id: str,
    reason: str,
    database: str | None = None,
) -> str:
    """Merge node ``merged_id`` into ``survivor_id`` in one transaction (see the module
    docstring) and return the id of the ``EntityMerge`` that records it."""
    record = merge_record(driver, model, survivor_id, merged_id, reason, database)
    assert record.id is not None
    return record.id


# ------------------------------------------------------------------ records and undo


def _record(props: Mapping[str, Any], not_restored: int = 0) -> MergeRecord:
    rels = json.loads(props.get("relationships") or "[]")
    outcomes = [r.get("outcome") for r in rels]
    merged_props = json.loads(props.get("mergedProps") or "{}")
    name = merged_props.get("name")
    return MergeRecord(
        id=props["id"],
        survivor=props.get("survivor", ""),
        merged=tuple(_strings(props.get("merged"))),
        reason=props.get("reason", ""),
        label=props.get("label", ""),
        merged_names=(name,) if isinstance(name, str) else (),
        at=_native(props.get("at")),
        undone_at=_native(props.get("undoneAt")),
        relationships_created=outcomes.count("created"),
        relationships_merged=outcomes.count("merged"),
        relationships_dropped=outcomes.count("dropped"),
        relationships_not_restored=not_restored,
    )


def list_merges(
    driver: neo4j.Driver, database: str | None = None, *, model: OntologyModel | None = None
) -> list[MergeRecord]:
    """Every recorded merge, oldest first, undone ones included (``undone_at`` set). The label
    is ``MERGE_CLASS``; with ``model`` it is checked against the ontology first."""
    label = model.cls(MERGE_CLASS).label if model is not None else MERGE_CLASS
    cypher = list_merge_records(label)
    with _session(driver, database) as session:
        records = session.execute_read(lambda tx: list(tx.run(cypher)))
    return [_record(rec["props"]) for rec in records]


def _without(current: Any, added: Sequence[str], before: Any) -> Any:
    """A list property without what a merge added; absent again if it was absent before."""
    if not added:
        return current
    rest = [x for x in _strings(current) if x not in added]
    return None if before is None and not rest else rest


def _undo_relationships(
    tx: neo4j.ManagedTransaction,
    model: OntologyModel,
    rels: list[dict[str, Any]],
    survivor: str,
    merged: str,
) -> int:
    """Take off the survivor what the merge added to its relationships and recreate the
    merged node's (``merged`` is the recreated node); return how many were recreated."""
    restore: dict[str, list[dict[str, Any]]] = defaultdict(list)
    created: dict[str, list[dict[str, Any]]] = defaultdict(list)
    merged_into: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in rels:
        _ontology_type(model, rel["type"])
        other_label = _ontology_label(model, rel["otherLabel"])
        plain, temporal = _split_props(rel["props"])
        row = {
            "type": rel["type"],
            "outgoing": rel["direction"] == "out",
            "other": rel["other"],
            "key": rel["key"],
        }
        restore[other_label].append({**row, "plain": plain, "temporal": temporal})
        if rel["outcome"] == "created":
            created[other_label].append(row)
        elif rel["outcome"] == "merged" and rel["sourcesAdded"]:
            merged_into[other_label].append(
                {**row, "added": rel["sourcesAdded"], "hadSources": rel.get("hadSources", True)}
            )
    for other_label, rows in created.items():
        cypher = delete_created(other_label)
        tx.run(cypher, rows=rows, survivor=survivor, keyNames=KEY_PROPERTIES).consume()
    for other_label, rows in merged_into.items():
        cypher = remove_added_sources(other_label)
        tx.run(cypher, rows=rows, survivor=survivor, keyNames=KEY_PROPERTIES).consume()
    restored = 0
    for other_label, rows in restore.items():
        result = tx.run(restore_relationships(other_label), rows=rows, merged=merged)
        restored += int(result.single(strict=True)["restored"])
    return restored


def _unmerge_tx(
    tx: neo4j.ManagedTransaction, model: OntologyModel, merge_id: str, now: str
) -> MergeRecord:
    merge_cls = model.cls(MERGE_CLASS).label
    found = tx.run(read_merge_record(merge_cls), id=merge_id).single()
    if found is None:
        raise MergeNotFoundError(f"no merge {merge_id!r}")
    props: dict[str, Any] = found["props"]
    if props.get("undoneAt") is not None:
        raise AlreadyUndoneError(f"merge {merge_id!r} was undone already, at {props['undoneAt']}")
    survivor_id: str = props["survivor"]
    merged_ids = _strings(props.get("merged"))
    nodes = _nodes(tx, model, [survivor_id, *merged_ids])
    if survivor_id not in nodes:
        later = tx.run(active_merges_of(merge_cls), ids=[survivor_id]).value("id")
        hint = f"; undo {', '.join(later)} first" if later else ""
        raise ResolutionError(f"the survivor {survivor_id!r} no longer exists{hint}")
    back = [i for i in merged_ids if i in nodes]
    if back:
        raise ResolutionError(f"a node with id {back[0]!r} exists again: cannot undo {merge_id!r}")
    if len(merged_ids) != 1:
        raise ResolutionError(f"merge {merge_id!r} names {len(merged_ids)} merged nodes, not one")
    survivor = nodes[survivor_id]

    labels = _strings(props.get("mergedLabels"))
    for label in labels:
        _ontology_label(model, label)  # only ontology labels are recreated
    plain, temporal = _split_props(json.loads(props["mergedProps"]))
    element = tx.run(RECREATE_NODE, labels=list(labels), plain=plain, temporal=temporal).single(
        strict=True
    )["element"]

    rels: list[dict[str, Any]] = json.loads(props["relationships"])
    restored = _undo_relationships(tx, model, rels, survivor.element, element)

    before = json.loads(props["survivorBefore"])
    added = json.loads(props["survivorAdded"])
    changes = {
        name: _without(survivor.props.get(name), added.get(name, []), before.get(name))
        for name in ("aliases", "sources")
        if added.get(name)
    }
    if changes:
        tx.run(SET_SURVIVOR, survivor=survivor.element, props=changes).consume()
    tx.run(mark_undone(merge_cls), id=merge_id, now=now).consume()
    props["undoneAt"] = datetime.fromisoformat(now)
    return _record(props, not_restored=len(rels) - restored)


def unmerge(
    driver: neo4j.Driver, model: OntologyModel, merge_id: str, database: str | None = None
) -> MergeRecord:
    """Undo merge ``merge_id`` in one transaction (see the module docstring); the record is
    kept and marked ``undoneAt``. Raises ``MergeNotFoundError`` for an unknown id,
    ``AlreadyUndoneError`` when it was undone before, ``ResolutionError`` when the graph no
    longer allows it (the survivor was merged away since, or the merged id exists again)."""
    now = datetime.now(UTC).isoformat()

    def work(tx: neo4j.ManagedTransaction) -> MergeRecord:
        return _unmerge_tx(tx, model, merge_id, now)

    with _session(driver, database) as session:
        return session.execute_write(work)


# ------------------------------------------------------------------ resolve


def resolve(
    driver: neo4j.Driver,
    model: OntologyModel,
    database: str | None = None,
    dry_run: bool = False,
) -> list[MergeRecord]:
    """Find candidates and merge every one, each merge in its own transaction; repeat while
    merges make new candidates (merged places can make their contents match), at most
    ``MAX_ROUNDS`` times. With ``dry_run`` nothing is written and the records (without ids)
    say what would be merged in the first round."""
    done: list[MergeRecord] = []
    for _ in range(MAX_ROUNDS):
        candidates = find_candidates(driver, model, database)
        if dry_run:
            return [
                MergeRecord(None, c.survivor, (merged,), c.reason, c.label)
                for c in candidates
                for merged in c.merged
            ]
        if not candidates:
            break
        for candidate in candidates:
            for merged in candidate.merged:
                done.append(
                    merge_record(
                        driver, model, candidate.survivor, merged, candidate.reason, database
                    )
                )
    return done


__all__ = [
    "FUZZY_MIN_LENGTH",
    "FUZZY_THRESHOLD",
    "LEADING_ARTICLES",
    "LEGAL_FORMS",
    "LEGAL_FORMS_AFTER",
    "LEGAL_FORMS_BEFORE",
    "RESOLVED_CLASSES",
    "AlreadyUndoneError",
    "Candidate",
    "Entity",
    "MergeNotFoundError",
    "MergeRecord",
    "Place",
    "ResolutionError",
    "choose_survivor",
    "conflict",
    "find_candidates",
    "fuzzy_score",
    "group_entities",
    "list_merges",
    "merge",
    "merge_record",
    "read_entities",
    "resolution_key",
    "resolve",
    "unmerge",
]
