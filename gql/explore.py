"""Root fields that explore the graph across classes: search, paths and place profiles.

``search(text: String!, types: [String!], first: Int = 10): [SearchHit!]!``
    Ranked hits of the fulltext index (``graph.schema.FULLTEXT_INDEX``) over the ontology's
    ``st:searchable`` properties: names and aliases of every mentionable class, title and text
    of documents. The text is searched as plain words: Lucene syntax in it has no effect (its
    characters are escaped, and the operator words AND, OR, NOT next to other words are left
    out: ``foo AND (`` looks for "foo"); several words also score as a phrase, and the last
    word as a prefix. A node whose name (then: one of whose aliases) is the whole text comes first,
    then the Lucene score decides. ``types`` keeps nodes of these classes (or their
    subclasses); ``first`` is at most 100. Among the first :data:`SEARCH_CANDIDATES` index
    hits only. ``highlight`` is an HTML fragment: the best matching name, alias, title or text
    window, escaped, with the matched words in ``<em>``.

``path(from: ID!, to: ID!, maxHops: Int = 4, includeMentions: Boolean = false): Path``
    A shortest path between two nodes over the ontology's relationship types, in either
    direction, of at most ``maxHops`` (≤ 6) relationships; null when there is none. MENTIONS
    (document → entity) is left out unless ``includeMentions``: a document naming both ends
    would otherwise be the answer to most questions. Each relationship keeps its stored
    direction (``from``/``to``), confidence and sources.

``profile(id: ID!): PlaceProfile``
    One place at a glance: name, class, the places it lies in (PART_OF up, nearest first), how
    many places lie directly in it, the latest observation per indicator (by period), the
    incidents that occurred in it or in a place within it (PART_OF down, and the places an
    informal area COVERS) counted per incident type, and the programmes targeting, facilities
    located in and stakeholders active in it or a place within it; how many documents mention
    the place itself. Null when no place has the id. Incident counts are suppressed for the
    public role like aggregates (``gql.aggregates``).

The classes these fields name come from the domains and ranges of the relationship types they
use, which must exist in the ontology (``profile`` is left out of a schema whose ontology lacks
one of them).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from gql.aggregates import (
    DEFAULT_ROLE,
    MAX_CONTAINMENT_DEPTH,
    Containment,
    containment,
    list_of,
    node_map,
    specific_class,
    suppressed,
)
from gql.context import Context, Item
from gql.generated import AS_OF_TEXT, Registry, known_at, timeline_of
from gql.timeline import AS_OF, AS_OF_KEY, Timeline
from graph.schema import FULLTEXT_INDEX, fulltext_labels
from ontology.model import OntologyModel

Ctx = Info[Context, None]
MAX_SEARCH_FIRST = 100
SEARCH_CANDIDATES = 1000
PHRASE_BOOST = 2
PREFIX_MIN_LENGTH = 3
HIGHLIGHT_WIDTH = 160
MAX_HOPS = 6
MENTIONS = "MENTIONS"
# The relationship types the profile reads (their domains and ranges name the classes).
ABOUT, MEASURES = "ABOUT", "MEASURES"
OCCURRED_IN, OF_TYPE = "OCCURRED_IN", "OF_TYPE"
TARGETS, LOCATED_IN, ACTIVE_IN = "TARGETS", "LOCATED_IN", "ACTIVE_IN"
PERIOD = "period"  # the observation property whose greatest value is the latest
OBSERVATION_VALUES = ("value", PERIOD, "unit")  # what the profile shows of an observation

# ------------------------------------------------------------------ Cypher


class Guard:
    """The conditions a pattern's parts must meet: relationships not rejected by a maintainer
    and, with ``known`` (``asOf``), nodes and relationships the twin knew at ``$asOf``."""

    def __init__(self, known: Timeline | None = None) -> None:
        self.known = known

    def rels(self, *names: str) -> list[str]:
        conds = [f"{v}.rejected IS NULL" for v in names]
        if self.known is not None:
            conds += [self.known.relationship(v) for v in names]
        return conds

    def chain(self, name: str) -> list[str]:
        """A variable-length relationship list ``name``."""
        inner = " AND ".join(self.rels("s"))
        return [f"all(s IN {name} WHERE {inner})"]

    def node(self, var: str, label: str | None) -> list[str]:
        return [] if self.known is None else [self.known.node(var, label)]

    @staticmethod
    def where(conds: Sequence[str]) -> str:
        return f" WHERE {' AND '.join(conds)}" if conds else ""


def search_query(names: Sequence[tuple[str, bool]], known: Timeline | None = None) -> str:
    """Hits of the fulltext index ``$index`` for the Lucene ``$query``, of the classes in
    ``$types`` (all when null), best ``$first``: exact names first (a single-valued name
    property equal to ``$exact``, then a list-valued one such as aliases), then by score;
    with ``known``, only nodes the twin knew at ``$asOf``.

    ``names`` are the searchable properties without a domain, with whether they hold lists."""
    single = [f"toLower(node.{p}) = $exact" for p, multi in names if not multi]
    multi = [
        f"any(a IN coalesce(node.{p}, []) WHERE toLower(a) = $exact)" for p, many in names if many
    ]
    cases = [f"WHEN {' OR '.join(c)} THEN {rank}" for c, rank in ((single, 2), (multi, 1)) if c]
    exact = f"CASE {' '.join(cases)} ELSE 0 END" if cases else "0"
    return (
        "CALL db.index.fulltext.queryNodes($index, $query, {limit: $candidates}) "
        "YIELD node, score "
        "WHERE ($types IS NULL OR any(l IN labels(node) WHERE l IN $types))"
        + "".join(f" AND {c}" for c in Guard(known).node("node", None))
        + f" WITH node, score, {exact} AS exact "
        "ORDER BY exact DESC, score DESC, node.id LIMIT $first "
        f"RETURN {node_map('node')} AS node, score, exact"
    )


def path_query(rel_types: Sequence[str], max_hops: int, known: Timeline | None = None) -> str:
    """A shortest path of at most ``max_hops`` relationships of ``rel_types`` (either
    direction) between the nodes with ids ``$source`` and ``$target`` (of the classes in
    ``$labels``), over no rejected relationship and, with ``known``, only over what the twin
    knew at ``$asOf``."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"max_hops must be between 1 and {MAX_HOPS}")
    guard = Guard(known)
    conds = [
        *guard.chain("relationships(p)"),
        *[f"all(x IN nodes(p) WHERE {c})" for c in guard.node("x", None)],
    ]
    return (
        "MATCH (a {id: $source}) WHERE any(l IN labels(a) WHERE l IN $labels) "
        "MATCH (b {id: $target}) WHERE any(l IN labels(b) WHERE l IN $labels) "
        f"MATCH p = shortestPath((a)-[:{'|'.join(rel_types)}*..{max_hops}]-(b))"
        f"{guard.where(conds)} "
        "RETURN [x IN nodes(p) | x {.*, labels: labels(x)}] AS nodes, "
        "[r IN relationships(p) | {type: type(r), source: startNode(r).id, "
        "target: endNode(r).id, confidence: r.confidence, sources: r.sources}] AS rels "
        "LIMIT 1"
    )


@dataclass(frozen=True)
class ProfileClasses:
    """The classes a place profile reads, from the domains and ranges of its relationships."""

    place: str
    observation: str
    indicator: str
    incident: str
    incident_type: str
    programme: str
    facility: str
    stakeholder: str
    document: str


def profile_classes(model: OntologyModel) -> ProfileClasses | None:
    """The profile's classes in ``model``; None when a relationship or class is missing."""
    ends: dict[str, str] = {}
    for name, rel_type, end in (
        ("observation", ABOUT, "domain"),
        ("indicator", MEASURES, "range"),
        ("incident", OCCURRED_IN, "domain"),
        ("incident_type", OF_TYPE, "range"),
        ("programme", TARGETS, "domain"),
        ("facility", LOCATED_IN, "domain"),
        ("stakeholder", ACTIVE_IN, "domain"),
        ("document", MENTIONS, "domain"),
    ):
        rel = model.relationships.get(rel_type)
        label = getattr(rel, end, None) if rel else None
        if label is None:
            return None
        ends[name] = label
    places = containment(model)
    if places is None or any(p not in model.properties for p in OBSERVATION_VALUES):
        return None
    return ProfileClasses(place=places.place, **ends)


def profile_query(c: ProfileClasses, places: Containment, known: Timeline | None = None) -> str:
    """The profile of the place with id ``$id`` in one query (no row: no such place), over no
    rejected relationship and, with ``known``, as the twin knew it at ``$asOf``."""
    depth = MAX_CONTAINMENT_DEPTH
    g = Guard(known)
    part_of = places.part_of
    down = f"<-[h:{part_of}*0..{depth}]-"
    inside = g.chain("h") + g.node("x", c.place)
    within = f"MATCH (p){down}(x:{c.place}){g.where(inside)} RETURN x"
    if places.covers:
        covered = g.rels("cv") + g.node("q", c.place) + inside
        within += (
            f" UNION MATCH (p)-[cv:{places.covers}]->(q:{c.place}){down}(x:{c.place})"
            f"{g.where(covered)} RETURN x"
        )

    def in_place(label: str, rel_type: str) -> str:
        conds = g.rels("ip") + g.node("y", label)
        return (
            f"COLLECT {{ UNWIND within AS x MATCH (y:{label})-[ip:{rel_type}]->(x)"
            f"{g.where(conds)} WITH DISTINCT y "
            f"ORDER BY y.name, y.id RETURN {node_map('y')} }}"
        )

    occurred = g.rels("oi") + g.node("e", c.incident)
    parents = g.chain("h") + g.node("up", c.place)
    children = g.rels("ch") + g.node("k", c.place)
    observed = g.rels("ab", "me") + g.node("o", c.observation) + g.node("i", c.indicator)
    typed = g.rels("ot") + g.node("t", c.incident_type)
    mentioned = g.rels("mn") + g.node("d", c.document)
    return (
        f"MATCH (p:{c.place} {{id: $id}}){g.where(g.node('p', c.place))} "
        f"WITH p, COLLECT {{ {within} }} AS within "
        "WITH p, within, COLLECT { UNWIND within AS x "
        f"MATCH (e:{c.incident})-[oi:{OCCURRED_IN}]->(x){g.where(occurred)} "
        "RETURN DISTINCT e } AS incidents "
        f"RETURN {node_map('p')} AS place, "
        f"COLLECT {{ MATCH chain = (p)-[h:{part_of}*1..{depth}]->(up:{c.place})"
        f"{g.where(parents)} "
        f"WITH up, min(length(chain)) AS d ORDER BY d, up.id RETURN {node_map('up')} }} "
        "AS parents, "
        f"COUNT {{ MATCH (p)<-[ch:{part_of}]-(k:{c.place}){g.where(children)} }} AS children, "
        f"COLLECT {{ MATCH (o:{c.observation})-[ab:{ABOUT}]->(p), "
        f"(o)-[me:{MEASURES}]->(i:{c.indicator}){g.where(observed)} "
        f"WITH i, o ORDER BY o.{PERIOD} DESC, o.id "
        f"WITH i, head(collect(o)) AS o ORDER BY i.name, i.id "
        f"RETURN {{indicator: {node_map('i')}, observation: {node_map('o')}}} }} AS latest, "
        "size(incidents) AS incidentCount, "
        "COLLECT { UNWIND incidents AS e "
        f"OPTIONAL MATCH (e)-[ot:{OF_TYPE}]->(t:{c.incident_type}){g.where(typed)} "
        "WITH t, count(DISTINCT e) AS n ORDER BY t.name, t.id "
        f"RETURN {{type: CASE WHEN t IS NULL THEN null ELSE {node_map('t')} END, count: n}} }} "
        "AS incidentTypes, "
        f"{in_place(c.programme, TARGETS)} AS programmes, "
        f"{in_place(c.facility, LOCATED_IN)} AS facilities, "
        f"{in_place(c.stakeholder, ACTIVE_IN)} AS stakeholders, "
        f"COUNT {{ MATCH (d:{c.document})-[mn:{MENTIONS}]->(p){g.where(mentioned)} "
        "RETURN DISTINCT d } AS documents"
    )


# ------------------------------------------------------------------ Lucene and highlights

LUCENE_SPECIAL = frozenset('+-&|!(){}[]^"~*?:\\/')
LUCENE_OPERATORS = frozenset({"AND", "OR", "NOT", "TO"})
_WORD = re.compile(r"\w+")


def escape_lucene(word: str) -> str:
    """``word`` with every character of Lucene's query syntax escaped by a backslash, and an
    operator word (``AND``, ``OR``, ``NOT``, ``TO``) escaped so that it is searched as a
    word."""
    escaped = "".join(f"\\{c}" if c in LUCENE_SPECIAL else c for c in word)
    return f"\\{escaped}" if word in LUCENE_OPERATORS else escaped


def lucene_query(text: str) -> str | None:
    """The Lucene query for a user's ``text``: its words (escaped) as alternatives, the whole
    text as a phrase (boosted) when it has several, and the last word also as a prefix; None
    when the text has no word to search. Upper-case operator words (``AND``, ``OR``, ``NOT``,
    ``TO``) are Lucene syntax, not content: they are left out next to other words (and
    searched as words, escaped, when there is nothing else)."""
    words = [w for w in text.split() if _WORD.search(w)]
    if any(w not in LUCENE_OPERATORS for w in words):
        words = [w for w in words if w not in LUCENE_OPERATORS]
    if not words:
        return None
    terms = [escape_lucene(w) for w in words]
    clauses = list(terms)
    if len(terms) > 1:
        clauses.insert(0, f'"{" ".join(terms)}"^{PHRASE_BOOST}')
    last = words[-1]
    if last.isalnum() and len(last) >= PREFIX_MIN_LENGTH and last not in LUCENE_OPERATORS:
        clauses.append(f"{last}*")
    return " OR ".join(clauses)


def _matcher(text: str) -> re.Pattern[str] | None:
    """Words of ``value`` that start with a word of ``text`` (case-insensitive)."""
    words = sorted({w.lower() for w in _WORD.findall(text)}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.I)


def highlight(value: str, text: str, width: int = HIGHLIGHT_WIDTH) -> str | None:
    """A window of at most ``width`` characters of ``value`` around its first word that
    starts with a word of ``text``, whitespace collapsed, HTML-escaped, with every such word
    in ``<em>``; None when no word matches."""
    value = " ".join(value.split())
    pattern = _matcher(text)
    first = pattern.search(value) if pattern else None
    if pattern is None or first is None:
        return None
    start = max(0, min(first.start() - width // 3, len(value) - width))
    end = min(len(value), start + width)
    if start > 0 and (space := value.find(" ", start, first.start())) != -1:
        start = space + 1
    if end < len(value) and (space := value.rfind(" ", first.end(), end)) != -1:
        end = space
    window = value[start:end]
    pieces: list[str] = []
    position = 0
    for match in pattern.finditer(window):
        pieces.append(html.escape(window[position : match.start()]))
        pieces.append(f"<em>{html.escape(match.group())}</em>")
        position = match.end()
    pieces.append(html.escape(window[position:]))
    return ("…" if start > 0 else "") + "".join(pieces) + ("…" if end < len(value) else "")


def best_highlight(node: Item, props: Sequence[str], text: str) -> str | None:
    """The highlight of the value of ``props`` (names, aliases, titles, texts) of ``node``
    that matches the most words of ``text`` (the shortest of those)."""
    pattern = _matcher(text)
    if pattern is None:
        return None
    values: list[str] = []
    for prop in props:
        value = node.get(prop)
        if isinstance(value, str):
            values.append(value)
        elif isinstance(value, list):
            values.extend(v for v in value if isinstance(v, str))
    scored = [(len({m.group().lower() for m in pattern.finditer(v)}), -len(v), v) for v in values]
    best = max(scored, default=None)
    return highlight(best[2], text) if best and best[0] > 0 else None


# ------------------------------------------------------------------ GraphQL types


@strawberry.type(description="A relationship on a path, in its stored direction.")
class PathRelationship:
    type: str
    from_: strawberry.ID = strawberry.field(name="from")
    to: strawberry.ID
    confidence: float | None
    sources: list[str]


def _type(
    name: str, annotations: dict[str, Any], description: str, names: dict[str, str] | None = None
) -> Any:
    """A strawberry type with these fields (``names``: GraphQL names that differ)."""
    namespace: dict[str, Any] = {"__annotations__": annotations}
    for attr, graphql_name in (names or {}).items():
        namespace[attr] = strawberry.field(name=graphql_name)
    cls = type(name, (), namespace)
    cls.__module__ = __name__
    return strawberry.type(cls, description=description)


def _entity(registry: Registry) -> Any:
    """The ``Entity`` interface every generated type implements."""
    some = next(iter(registry.types.values()))
    return next(c for c in some.__mro__ if c.__name__ == "Entity")


def _check_first(first: int) -> None:
    if first < 0 or first > MAX_SEARCH_FIRST:
        raise GraphQLError(f"first must be between 0 and {MAX_SEARCH_FIRST}, got {first}")


def _search_field(model: OntologyModel, registry: Registry) -> Any:
    entity = _entity(registry)
    hit = _type(
        "SearchHit",
        {"score": float, "exact": bool, "node": entity, "highlight": str | None},
        "A search hit: the Lucene score, whether the text is the node's name or an alias, and "
        "the best matching name, alias, title or text window (HTML, matches in <em>).",
    )
    indexed = set(fulltext_labels(model))
    searchable = [p for p in model.searchable_properties if p in model.properties]
    names = [
        (p, model.properties[p].multi_valued) for p in searchable if not model.properties[p].domain
    ]
    cypher = search_query(names)
    dated_cypher = search_query(names, registry.timeline) if registry.timeline else cypher

    async def search(
        info: Ctx,
        text: str,
        types: list[str] | None = None,
        first: int = 10,
        as_of: date | None = None,
    ) -> Any:
        _check_first(first)
        for label in types or []:
            if label not in model.classes:
                raise GraphQLError(
                    f"unknown class {label!r} in types; known: {', '.join(sorted(model.classes))}"
                )
            if not indexed & set(model.subclasses(label)):
                raise GraphQLError(f"{label} is not searchable (its nodes have no searchable text)")
        query = lucene_query(text)
        if query is None or first == 0:
            return []
        dated = _dated(registry, as_of)
        records = await info.context.read(
            cypher if as_of is None else dated_cypher,
            **dated,
            index=FULLTEXT_INDEX,
            query=query,
            candidates=SEARCH_CANDIDATES,
            types=types,
            exact=" ".join(text.split()).lower(),
            first=first,
        )
        hits = []
        for record in records:
            node = registry.wrap(_stamped(record["node"], dated))
            if node is not None:
                hits.append(
                    hit(
                        score=float(record["score"]),
                        exact=record["exact"] > 0,
                        node=node,
                        highlight=best_highlight(record["node"], searchable, text),
                    )
                )
        return hits

    search.__annotations__ = {
        "info": Ctx,
        "text": str,
        "types": list[str] | None,
        "first": int,
        "as_of": _AS_OF_ARG,
        "return": list_of(hit),
    }
    return strawberry.field(
        resolver=search,
        description="Nodes whose names, aliases or document text match `text`, best first.",
    )


def _path_field(model: OntologyModel, registry: Registry) -> Any:
    entity = _entity(registry)
    path_type = _type(
        "Path",
        {"nodes": list_of(entity | None), "relationships": list[PathRelationship]},
        "A shortest path: its nodes from `from` to `to`, and the relationships between them.",
    )
    labels = list(model.classes)
    every = [t for t in model.relationships if t != MENTIONS]

    async def path(
        info: Ctx,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: strawberry.ID,
        max_hops: int = 4,
        include_mentions: bool = False,
        as_of: date | None = None,
    ) -> Any:
        if not 1 <= max_hops <= MAX_HOPS:
            raise GraphQLError(f"maxHops must be between 1 and {MAX_HOPS}, got {max_hops}")
        dated = _dated(registry, as_of)
        known = None if as_of is None else timeline_of(registry)
        if str(from_) == str(to):
            found = await info.context.nodes_by_id(None).load(str(from_))
            if found is None or not await known_at(info, registry, str(from_), dated.get(AS_OF)):
                return None
            return path_type(nodes=[registry.wrap(_stamped(found, dated))], relationships=[])
        types = (
            [*every, MENTIONS] if include_mentions and MENTIONS in model.relationships else every
        )
        records = await info.context.read(
            path_query(types, max_hops, known),
            source=str(from_),
            target=str(to),
            labels=labels,
            **dated,
        )
        if not records:
            return None
        return path_type(
            nodes=[registry.wrap(_stamped(n, dated)) for n in records[0]["nodes"]],
            relationships=[
                PathRelationship(
                    type=r["type"],
                    from_=strawberry.ID(str(r["source"])),
                    to=strawberry.ID(str(r["target"])),
                    confidence=None if r["confidence"] is None else float(r["confidence"]),
                    sources=list(r["sources"] or []),
                )
                for r in records[0]["rels"]
            ],
        )

    path.__annotations__ = {
        "info": Ctx,
        "from_": Annotated[strawberry.ID, strawberry.argument(name="from")],
        "to": strawberry.ID,
        "max_hops": int,
        "include_mentions": bool,
        "as_of": _AS_OF_ARG,
        "return": path_type | None,
    }
    return strawberry.field(
        resolver=path,
        description=f"A shortest path between two nodes (at most {MAX_HOPS} hops; MENTIONS "
        "only with includeMentions); null when there is none.",
    )


def _profile_field(model: OntologyModel, registry: Registry) -> Any:
    c = profile_classes(model)
    places = containment(model)
    if c is None or places is None:
        return None
    types = registry.types
    cypher = profile_query(c, places)
    dated_cypher = profile_query(c, places, registry.timeline) if registry.timeline else cypher
    latest = _type(
        "LatestObservation",
        {
            "indicator": types[c.indicator] | None,
            "observation": types[c.observation],
            "value": float | None,
            "period": str | None,
            "unit": str | None,
        },
        "The latest observation (greatest period) of one indicator for a place.",
    )
    type_count = _type(
        "IncidentTypeCount",
        {"type": types[c.incident_type] | None, "count": int | None, "suppressed": bool},
        "The incidents of one type (null: of no known type) in a place and the places in it; "
        "for the public role a count below 5 is null and suppressed.",
    )
    incidents = _type(
        "PlaceIncidents",
        {"count": int | None, "suppressed": bool, "by_type": list_of(type_count)},
        "The incidents that occurred in a place or in a place within it.",
    )
    plural = {k: model.cls(getattr(c, k)).plural for k in ("programme", "facility", "stakeholder")}
    profile = _type(
        "PlaceProfile",
        {
            "place": types[c.place],
            "name": str | None,
            "class_": str,
            "parents": list_of(types[c.place]),
            "children_count": int,
            "latest_observations": list_of(latest),
            "incidents": incidents,
            "programmes": list_of(types[c.programme]),
            "facilities": list_of(types[c.facility]),
            "stakeholders": list_of(types[c.stakeholder]),
            "document_count": int,
        },
        "A place at a glance (see the `profile` field).",
        names={
            "class_": "class",
            "programmes": plural["programme"],
            "facilities": plural["facility"],
            "stakeholders": plural["stakeholder"],
        },
    )

    async def resolve(info: Ctx, id: strawberry.ID, as_of: date | None = None) -> Any:
        dated = _dated(registry, as_of)

        def wrap(item: Item) -> Any:
            return registry.wrap(_stamped(item, dated))

        def wrap_all(items: Sequence[Item]) -> list[Any]:
            return [o for o in (wrap(i) for i in items) if o is not None]

        records = await info.context.read(
            cypher if as_of is None else dated_cypher, id=str(id), **dated
        )
        if not records:
            return None
        r = records[0]
        role = str(getattr(info.context, "role", DEFAULT_ROLE))
        place = r["place"]
        count = int(r["incidentCount"])
        hidden = suppressed(count, role)
        by_type = []
        for item in r["incidentTypes"]:
            n = int(item["count"])
            small = suppressed(n, role)
            kind = wrap(item["type"]) if item["type"] is not None else None
            by_type.append(type_count(type=kind, count=None if small else n, suppressed=small))
        return profile(
            place=wrap(place),
            name=place.get("name"),
            class_=specific_class(model, place.get("labels", [])) or c.place,
            parents=wrap_all(r["parents"]),
            children_count=int(r["children"]),
            latest_observations=[
                latest(
                    indicator=wrap(item["indicator"]),
                    observation=wrap(item["observation"]),
                    **_observation_values(item["observation"]),
                )
                for item in r["latest"]
            ],
            incidents=incidents(
                count=None if hidden else count, suppressed=hidden, by_type=by_type
            ),
            programmes=wrap_all(r["programmes"]),
            facilities=wrap_all(r["facilities"]),
            stakeholders=wrap_all(r["stakeholders"]),
            document_count=int(r["documents"]),
        )

    resolve.__annotations__ = {
        "info": Ctx,
        "id": strawberry.ID,
        "as_of": _AS_OF_ARG,
        "return": profile | None,
    }
    return strawberry.field(
        resolver=resolve,
        name="profile",
        description="A place at a glance: parents, children, latest indicators, incidents, "
        "programmes, facilities, stakeholders and documents; null when no place has the id.",
    )


_AS_OF_ARG = Annotated[date | None, strawberry.argument(name="asOf", description=AS_OF_TEXT)]


def _dated(registry: Registry, as_of: date | None) -> dict[str, str]:
    """The ``$asOf`` parameter of a dated request (none without ``as_of``)."""
    if as_of is None:
        return {}
    timeline_of(registry)  # a clear error when the schema has no timeline
    return {AS_OF: as_of.isoformat()}


def _stamped(item: Item, dated: dict[str, str]) -> Item:
    """A node dict that carries the request's ``asOf`` date to its nested fields."""
    return {**item, AS_OF_KEY: dated[AS_OF]} if dated else item


def _observation_values(observation: Item) -> dict[str, Any]:
    value = observation.get("value")
    period = observation.get("period")
    unit = observation.get("unit")
    return {
        "value": float(value) if isinstance(value, int | float) else None,
        "period": None if period is None else str(period),
        "unit": None if unit is None else str(unit),
    }


RESERVED = ("search", "path", "profile")


def explore_fields(model: OntologyModel, registry: Registry) -> dict[str, Any]:
    """The root fields ``search``, ``path`` and (when the ontology has what it reads)
    ``profile``."""
    clash = sorted({c.plural for c in model.classes.values()} & set(RESERVED))
    if clash:
        raise ValueError(f"class plurals {clash} clash with the root fields {RESERVED}")
    fields = {"search": _search_field(model, registry), "path": _path_field(model, registry)}
    profile = _profile_field(model, registry)
    if profile is not None:
        fields["profile"] = profile
    return fields


__all__ = [
    "MAX_HOPS",
    "MAX_SEARCH_FIRST",
    "ProfileClasses",
    "best_highlight",
    "escape_lucene",
    "explore_fields",
    "highlight",
    "lucene_query",
    "path_query",
    "profile_classes",
    "profile_query",
    "search_query",
]
