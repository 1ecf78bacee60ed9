"""Artefacts generated from the ontology for people: a Neo4j Browser style, a Browser guide and
an HTML reference page.

Everything here is a pure function of the model (``ontology.model``) and, for alignments and
scheme labels, of the rdflib graph of the ontology; nothing names a class by hand except the
example queries of the guide, which look their labels and types up in the model (and so fail
loudly if the ontology drops them).

- :func:`grass` writes a GraSS style sheet in the CSS-like form that Neo4j Browser 5 parses
  (``:style <url>`` and drag-and-drop): no comments, single-quoted captions, no ``:`` inside
  values, general rules before specific ones because Browser applies every matching rule in
  order (a ``Neighbourhood`` node also carries the ``Place`` label).
- :func:`guide` writes a remote guide for ``:play <url>`` / ``:guide <url>``: HTML whose
  ``<slide>`` elements become the carousel; ``pre.code.runnable`` blocks are clickable.
- :func:`reference_html` writes a self-contained page for ontology maintainers.
"""

from __future__ import annotations

import colorsys
import hashlib
import html
import ipaddress
import itertools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import OWL, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from ontology.model import (
    LANGUAGES,
    ONTOLOGY_IRI,
    ST,
    Concept,
    DataProperty,
    OntologyClass,
    OntologyModel,
    Relationship,
    bundled_graph,
    load_model,
)

STYLE_PATH = "/neo4j/style.grass"
GUIDE_PATH = "/neo4j/guide.html"
REFERENCE_PATH = "/ontology"
FILES = {"reference": "ontology.html", "style": "style.grass", "guide": "guide.html"}

NAME_PROPERTY = "name"
ID_PROPERTY = "id"
BROADER = "BROADER"
NAMING_TERMS = frozenset(
    {str(RDFS.label), str(SKOS.prefLabel), str(DCTERMS.title), "https://schema.org/name"}
)
RESULT_TERMS = frozenset({"http://www.w3.org/ns/sosa/hasSimpleResult"})
IDENTIFIER_TERMS = frozenset({str(DCTERMS.identifier)})

# Well separated base colours for the top classes; subclasses get shades of their top class.
PALETTE = (
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#E15759",
    "#76B7B2",
    "#EDC948",
    "#B07AA1",
    "#FF9DA7",
    "#9C755F",
    "#17BECF",
    "#BCBD22",
    "#6B5B95",
)
HUE_STEP, LIGHTNESS_STEP, SATURATION_STEP = 0.03, 0.09, 0.35
MIN_DIAMETER, MAX_DIAMETER = 40, 80
DARK_TEXT, LIGHT_TEXT = "#2A2C34", "#FFFFFF"
DEFAULT_NODE = {
    "diameter": "50px",
    "color": "#A5ABB6",
    "border-color": "#9AA1AC",
    "border-width": "2px",
    "text-color-internal": LIGHT_TEXT,
    "font-size": "10px",
}
DEFAULT_RELATIONSHIP = {
    "color": "#A5ABB6",
    "shaft-width": "1px",
    "font-size": "8px",
    "padding": "3px",
    "text-color-external": "#000000",
    "text-color-internal": LIGHT_TEXT,
    "caption": "'<type>'",
}

# Names of the public vocabularies the ontology aligns with, by namespace.
VOCABULARIES = {
    "http://www.opengis.net/ont/geosparql#": "GeoSPARQL",
    "http://www.w3.org/ns/org#": "W3C ORG",
    "http://www.w3.org/ns/prov#": "PROV-O",
    "http://www.w3.org/ns/sosa/": "SOSA",
    "http://www.w3.org/ns/ssn/": "SSN",
    "http://purl.org/linked-data/cube#": "RDF Data Cube",
    "https://saref.etsi.org/saref4city/": "SAREF4CITY",
    "https://saref.etsi.org/core/": "SAREF",
    "https://schema.org/": "schema.org",
    "http://schema.org/": "schema.org",
    "http://www.w3.org/2006/time#": "OWL-Time",
    "http://www.w3.org/2004/02/skos/core#": "SKOS",
    "http://xmlns.com/foaf/0.1/": "FOAF",
    "http://purl.org/dc/terms/": "Dublin Core",
    "http://www.w3.org/ns/dcat#": "DCAT",
    "http://www.w3.org/ns/oa#": "Web Annotation",
    "http://www.w3.org/2006/vcard/ns#": "vCard",
    "http://purl.org/linked-data/sdmx/2009/attribute#": "SDMX",
    "http://purl.org/linked-data/sdmx/2009/measure#": "SDMX",
    "http://purl.org/linked-data/sdmx/2009/dimension#": "SDMX",
    "http://www.w3.org/2000/01/rdf-schema#": "RDF Schema",
    "http://www.w3.org/2002/07/owl#": "OWL",
}
ALIGNMENT_PREDICATES = (
    (RDFS.subClassOf, "subclass of"),
    (OWL.equivalentClass, "equivalent to"),
    (RDFS.subPropertyOf, "subproperty of"),
    (OWL.equivalentProperty, "equivalent to"),
    (SKOS.exactMatch, "exact match"),
    (SKOS.closeMatch, "close match"),
    (SKOS.broadMatch, "broad match"),
    (SKOS.narrowMatch, "narrow match"),
    (SKOS.relatedMatch, "related match"),
    (OWL.disjointWith, "disjoint with"),
)


@dataclass(frozen=True)
class Artefacts:
    """The three generated documents, as text."""

    reference: str
    style: str
    guide: str


def build(
    model: OntologyModel | None = None, graph: Graph | None = None, base_url: str | None = None
) -> Artefacts:
    """Generate all three artefacts (default: the shipped ontology).

    ``base_url`` is the twin API as the user's web browser reaches it; the guide links to the
    style and the reference page there (the links are left out without it).
    """
    model = model or load_model()
    graph = graph if graph is not None else bundled_graph()
    return Artefacts(
        reference=reference_html(model, graph),
        style=grass(model, graph),
        guide=guide(model, base_url),
    )


def write(output: Path, artefacts: Artefacts) -> list[Path]:
    """Write the artefacts into ``output`` (created if needed); return the paths written."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for attribute, filename in FILES.items():
        path = output / filename
        path.write_text(getattr(artefacts, attribute), encoding="utf-8")
        written.append(path)
    return written


# ------------------------------------------------------------------ Browser settings


def api_base_url(host: str, port: int) -> str:
    """The API's URL as a web browser on this machine reaches it (wildcard binds → loopback)."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return f"http://{host}:{port}"
    if address.is_unspecified:
        return f"http://127.0.0.1:{port}"
    return f"http://[{host}]:{port}" if address.version == 6 else f"http://{host}:{port}"


def browser_post_connect_cmd(base_url: str) -> str:
    """``browser.post_connect_cmd``: apply the twin's style and open its guide after login.

    Browser splits the value on ``;`` and runs each part as ``:<part>``.
    """
    return f"style {base_url}{STYLE_PATH}; play {base_url}{GUIDE_PATH}"


def browser_content_allowlist(base_url: str) -> str:
    """The hosts Browser may fetch remote styles and guides from (it compares host names only,
    without the port): Neo4j's defaults plus the host of the twin API."""
    hosts = ["guides.neo4j.com", "localhost"]
    host = urlsplit(base_url).hostname or ""
    if host and host not in hosts:
        hosts.append(host)
    return ",".join(hosts)


# ------------------------------------------------------------------ hierarchy helpers


def class_tree(model: OntologyModel) -> list[tuple[OntologyClass, int]]:
    """Every class with its depth, parents before children, siblings by label."""
    children: dict[str | None, list[str]] = {}
    for cls in model.classes.values():
        children.setdefault(cls.parent, []).append(cls.label)

    def walk(parent: str | None, depth: int) -> Iterator[tuple[OntologyClass, int]]:
        for label in sorted(children.get(parent, [])):
            yield model.classes[label], depth
            yield from walk(label, depth + 1)

    return list(walk(None, 0))


def _children(model: OntologyModel, label: str | None) -> list[str]:
    return sorted(c.label for c in model.classes.values() if c.parent == label)


def _english(labels: dict[str, str], fallback: str) -> str:
    return labels.get("en") or next(iter(labels.values()), fallback)


# ------------------------------------------------------------------ colours and sizes


@dataclass(frozen=True)
class NodeStyle:
    """The GraSS properties of one node label."""

    label: str
    color: str
    border_color: str
    text_color: str
    diameter: int
    caption: str

    def rule(self) -> dict[str, str]:
        return {
            "color": self.color,
            "border-color": self.border_color,
            "text-color-internal": self.text_color,
            "diameter": f"{self.diameter}px",
            "caption": f"'{self.caption}'",
        }


def _hex_to_hls(colour: str) -> tuple[float, float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)


def _hls_to_hex(h: float, lightness: float, s: float) -> str:
    r, g, b = colorsys.hls_to_rgb(h % 1.0, min(max(lightness, 0.0), 1.0), min(max(s, 0.0), 1.0))
    return "#{:02X}{:02X}{:02X}".format(*(round(v * 255) for v in (r, g, b)))


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def _top_colours(labels: list[str]) -> dict[str, str]:
    """A palette colour per top class: its hashed slot, or the next free one; past the
    palette, hashed hues."""
    colours: dict[str, str] = {}
    free = list(range(len(PALETTE)))
    for label in sorted(labels):
        wanted = _stable_hash(label) % len(PALETTE)
        if free:
            slot = min(free, key=lambda i: (i - wanted) % len(PALETTE))
            free.remove(slot)
            colours[label] = PALETTE[slot]
        else:
            colours[label] = _hls_to_hex(_stable_hash(label) % 360 / 360, 0.55, 0.55)
    return colours


def colour_distance(first: str, second: str) -> float:
    """A perceptual distance between two ``#RRGGBB`` colours ("redmean" weighting)."""
    r1, g1, b1 = (int(first[i : i + 2], 16) for i in (1, 3, 5))
    r2, g2, b2 = (int(second[i : i + 2], 16) for i in (1, 3, 5))
    mean = (r1 + r2) / 2
    return math.sqrt(
        (2 + mean / 256) * (r1 - r2) ** 2
        + 4 * (g1 - g2) ** 2
        + (2 + (255 - mean) / 256) * (b1 - b2) ** 2
    )


def _shade(parent: str, step: tuple[int, int, int], depth: int) -> str:
    """``parent`` moved by whole steps of hue, lightness and saturation (smaller when deeper)."""
    h, lightness, s = _hex_to_hls(parent)
    scale = 1.0 / depth
    return _hls_to_hex(
        h + step[0] * HUE_STEP * scale,
        min(max(lightness + step[1] * LIGHTNESS_STEP * scale, 0.22), 0.82),
        s * (1 + step[2] * SATURATION_STEP * scale),
    )


def _shades(parent: str, count: int, depth: int, taken: list[str]) -> list[str]:
    """``count`` shades of ``parent``, each as far as possible from the colours taken so far
    (greedy, so the first shades do not depend on how many follow). Lightness varies most,
    hue least, so that the shades stay one family."""
    if not count:
        return []
    reach = 2
    while 3 * (2 * reach + 1) * 3 - 1 < count:
        reach += 1
    candidates: list[str] = []
    for step in itertools.product((-1, 0, 1), range(-reach, reach + 1), (-1, 0, 1)):
        colour = _shade(parent, step, depth)
        if any(step) and colour not in candidates:
            candidates.append(colour)
    nearest = {c: min(colour_distance(c, t) for t in [parent, *taken]) for c in candidates}
    chosen: list[str] = []
    for _ in range(min(count, len(candidates))):
        best = max(candidates, key=nearest.__getitem__)
        candidates.remove(best)
        chosen.append(best)
        for c in candidates:
            nearest[c] = min(nearest[c], colour_distance(c, best))
    return chosen + [parent] * (count - len(chosen))


def class_colours(model: OntologyModel) -> dict[str, str]:
    """A stable colour per class; subclasses get shades of their top class's colour."""
    colours = _top_colours(_children(model, None))
    for cls, depth in class_tree(model):
        kids = _children(model, cls.label)
        shades = _shades(colours[cls.label], len(kids), depth + 1, list(colours.values()))
        colours.update(zip(kids, shades, strict=True))
    return colours


def _border(colour: str) -> str:
    h, lightness, s = _hex_to_hls(colour)
    return _hls_to_hex(h, lightness - 0.12, s)


def _text_colour(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return DARK_TEXT if luminance > 0.6 else LIGHT_TEXT


def centrality(model: OntologyModel, label: str) -> int:
    """How many relationship ends the class (or a superclass) takes in the ontology."""
    lineage = set(model.lineage(label))
    return sum(
        (rel.domain in lineage) + (rel.range in lineage) for rel in model.relationships.values()
    )


def _diameters(model: OntologyModel) -> dict[str, int]:
    degrees = {label: centrality(model, label) for label in model.classes}
    top = max(degrees.values()) or 1
    span = MAX_DIAMETER - MIN_DIAMETER
    return {
        label: MIN_DIAMETER + 5 * round(span * degree / top / 5)
        for label, degree in degrees.items()
    }


def _aligned(graph: Graph, prop: DataProperty, terms: frozenset[str]) -> bool:
    return any(a.iri in terms for a in alignments(graph, prop.iri) if a.relation != "disjoint with")


def caption_property(model: OntologyModel, graph: Graph, label: str) -> str:
    """The property that names a node of the class in Browser, chosen by alignment.

    In order: the class's own naming property (aligned with rdfs:label, skos:prefLabel,
    schema:name or dct:title, e.g. a document's title); its own result (sosa:hasSimpleResult,
    an observation's value); the general name, for classes that documents name and for
    concepts; its own identifier (dct:identifier); else the id.
    """
    cls = model.cls(label)
    lineage = model.lineage(label)
    own = sorted(
        (p for p in model.properties.values() if p.domain in lineage),
        key=lambda p: (lineage.index(p.domain or ""), p.name),
    )
    for terms in (NAMING_TERMS, RESULT_TERMS):
        if hits := [p.name for p in own if _aligned(graph, p, terms)]:
            return hits[0]
    if cls.mentionable or model.concepts_of(label):
        general = [
            p.name
            for p in model.properties.values()
            if p.domain is None and _aligned(graph, p, NAMING_TERMS)
        ]
        if general or NAME_PROPERTY in model.properties:
            return (general or [NAME_PROPERTY])[0]
    if hits := [p.name for p in own if _aligned(graph, p, IDENTIFIER_TERMS)]:
        return hits[0]
    return ID_PROPERTY


def node_styles(model: OntologyModel, graph: Graph) -> list[NodeStyle]:
    """One style per class, parents before children (the order Browser must apply them in)."""
    colours = class_colours(model)
    diameters = _diameters(model)
    return [
        NodeStyle(
            label=cls.label,
            color=colours[cls.label],
            border_color=_border(colours[cls.label]),
            text_color=_text_colour(colours[cls.label]),
            diameter=diameters[cls.label],
            caption="{" + caption_property(model, graph, cls.label) + "}",
        )
        for cls, _ in class_tree(model)
    ]


def relationship_rules(model: OntologyModel) -> dict[str, dict[str, str]]:
    """One rule per relationship type, coloured like the class it starts from."""
    colours = class_colours(model)
    rules = {}
    for rel in model.relationships.values():
        colour = colours.get(rel.domain or "", DEFAULT_RELATIONSHIP["color"])
        rules[f"relationship.{rel.type}"] = {
            "color": colour,
            "shaft-width": "2px",
            "font-size": "8px",
            "text-color-external": DARK_TEXT,
            "text-color-internal": LIGHT_TEXT,
            "caption": "'<type>'",
        }
    return rules


def grass_rules(model: OntologyModel, graph: Graph) -> dict[str, dict[str, str]]:
    """All rules, in the order Browser must apply them: defaults, classes, relationships."""
    rules = {"node": dict(DEFAULT_NODE), "relationship": dict(DEFAULT_RELATIONSHIP)}
    rules.update({f"node.{s.label}": s.rule() for s in node_styles(model, graph)})
    rules.update(relationship_rules(model))
    return rules


def grass(model: OntologyModel, graph: Graph) -> str:
    """The GraSS style sheet (no comments: Browser's parser does not know them)."""
    blocks = []
    for selector, props in grass_rules(model, graph).items():
        body = "".join(f"  {key}: {value};\n" for key, value in props.items())
        blocks.append(f"{selector} {{\n{body}}}\n")
    return "\n".join(blocks)


# ------------------------------------------------------------------ the Browser guide


@dataclass(frozen=True)
class ExampleQuery:
    """A runnable Cypher example of the guide."""

    title: str
    explanation: str
    cypher: str


def _pick_first(model: OntologyModel, label: str, order: str) -> str:
    """Cypher that picks one node of a class, to keep examples free of data values."""
    return f"MATCH (x:{model.cls(label).label})\nWITH x ORDER BY x.{order} LIMIT 1"


def _counts_query(model: OntologyModel) -> ExampleQuery:
    place = model.cls("Place").label
    return ExampleQuery(
        "What the graph holds",
        "Nodes per label. A node carries its class and every superclass, so places are "
        f"counted under their own label and under {place}.",
        "MATCH (n)\nUNWIND labels(n) AS label\n"
        "RETURN label, count(*) AS nodes\nORDER BY nodes DESC, label",
    )


def _district_graph_query(model: OntologyModel) -> ExampleQuery:
    district = model.cls("District").label
    observation, indicator = model.cls("Observation").label, model.cls("Indicator").label
    part_of, about = model.rel("PART_OF").type, model.rel("ABOUT").type
    return ExampleQuery(
        "Neighbourhoods of a district, with their observations",
        "The first district by CBS code; to choose another, replace the first two lines "
        f"by <code>MATCH (x:{district} {{name: '...'}})</code>. Switch between Graph and "
        "Table to see the values.",
        f"{_pick_first(model, district, 'code')}\n"
        f"MATCH part = (n:{model.cls('Neighbourhood').label})-[:{part_of}]->(x)\n"
        f"OPTIONAL MATCH obs = (:{indicator})<-[:{model.rel('MEASURES').type}]-"
        f"(:{observation})-[:{about}]->(n)\nRETURN part, obs",
    )


def _district_table_query(model: OntologyModel) -> ExampleQuery:
    observation, indicator = model.cls("Observation").label, model.cls("Indicator").label
    return ExampleQuery(
        "The same as a table",
        "One row per neighbourhood and observation, with the indicator's name and unit.",
        f"{_pick_first(model, 'District', 'code')}\n"
        f"MATCH (n:{model.cls('Neighbourhood').label})-[:{model.rel('PART_OF').type}]->(x)\n"
        f"OPTIONAL MATCH (o:{observation})-[:{model.rel('ABOUT').type}]->(n)\n"
        f"OPTIONAL MATCH (o)-[:{model.rel('MEASURES').type}]->(i:{indicator})\n"
        "RETURN x.name AS district, n.code AS code, n.name AS neighbourhood,\n"
        "       i.name AS indicator, o.period AS period, o.value AS value, o.unit AS unit\n"
        "ORDER BY code, indicator, period",
    )


def _mentions_query(model: OntologyModel) -> ExampleQuery:
    document, place = model.cls("Document").label, model.cls("Place").label
    return ExampleQuery(
        "Documents that mention a place",
        "Each mention keeps the character offsets in the document as read and the text it matched.",
        f"MATCH (doc:{document})-[m:{model.rel('MENTIONS').type}]->(p:{place})\n"
        "RETURN p.name AS place, coalesce(doc.title, doc.sourceUri, doc.id) AS document,\n"
        "       m.text AS text, m.start AS start, m.end AS end, m.confidence AS confidence\n"
        "ORDER BY place, document, start\nLIMIT 100",
    )


def _incident_types_query(model: OntologyModel) -> ExampleQuery:
    incident_type = model.cls("IncidentType").label
    if BROADER not in model.relationships:
        return ExampleQuery(
            "Incident types",
            "The incident-type concepts of the ontology.",
            f"MATCH (t:{incident_type})\nRETURN t.name AS incidentType, t.id AS id\n"
            "ORDER BY incidentType",
        )
    broader = model.rel(BROADER).type
    return ExampleQuery(
        "The incident-type hierarchy",
        "Each broader type with the narrower types below it (SKOS broader/narrower). For the "
        "picture, run "
        + _populate(f"MATCH p = (:{incident_type})-[:{broader}]->() RETURN p")
        + ".",
        f"MATCH (t:{incident_type})\nOPTIONAL MATCH (t)-[:{broader}]->(b:{incident_type})\n"
        "WITH coalesce(b.name, '(top level)') AS broader, t.name AS narrower\n"
        "ORDER BY narrower\n"
        "RETURN broader, collect(narrower) AS narrower\nORDER BY broader",
    )


def _provenance_query(model: OntologyModel) -> ExampleQuery:
    neighbourhood, district = model.cls("Neighbourhood").label, model.cls("District").label
    return ExampleQuery(
        "Why does the twin say this? Provenance of a relationship",
        "Every relationship lists the documents or datasets that support it in "
        "<code>sources</code>, with the extractor, its version, a confidence and when it "
        "was first seen.",
        f"MATCH (a:{neighbourhood})-[r:{model.rel('PART_OF').type}]->(b:{district})\n"
        "WITH a, r, b ORDER BY a.code LIMIT 5\n"
        f"OPTIONAL MATCH (src:{model.cls('Document').label}) WHERE src.id IN r.sources\n"
        "RETURN a.name AS from, type(r) AS relationship, b.name AS to,\n"
        "       r.extractor AS extractor, r.extractorVersion AS version,\n"
        "       r.confidence AS confidence, r.firstSeen AS firstSeen,\n"
        "       collect(coalesce(src.title, src.sourceUri, src.id)) AS sources",
    )


EXAMPLES = (
    _counts_query,
    _district_graph_query,
    _district_table_query,
    _mentions_query,
    _incident_types_query,
    _provenance_query,
)


def example_queries(model: OntologyModel) -> list[ExampleQuery]:
    """The guide's examples. Labels and types are looked up in the model; an example whose
    class or relationship type the ontology lacks is left out."""
    found = []
    for example in EXAMPLES:
        try:
            found.append(example(model))
        except KeyError:
            continue
    return found


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


_CELL = "padding:2px 16px 2px 4px;vertical-align:top;text-align:left"


def _guide_table(headers: list[str], rows: list[tuple[int, list[str]]]) -> str:
    """A table for a guide slide (inline styles: a guide cannot bring a style sheet);
    each row is (indent of its first cell in px, cells as HTML)."""
    head = "".join(f'<th style="{_CELL}">{_e(h)}</th>' for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="{_CELL}{f";padding-left:{indent}px" if i == 0 else ""}">{cell}</td>'
            for i, cell in enumerate(cells)
        )
        + "</tr>"
        for indent, cells in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _populate(query: str, text: str | None = None) -> str:
    """Code that puts ``query`` into Browser's editor when clicked (its ▶ icon runs it)."""
    style = ' style="white-space:nowrap;word-break:keep-all"' if text is not None else ""
    return f'<code data-populate="{_e(query)}"{style}>{_e(query if text is None else text)}</code>'


def _guide_classes(model: OntologyModel) -> str:
    rows = []
    for cls, depth in class_tree(model):
        name = _populate(f"MATCH (n:{cls.label}) RETURN n LIMIT 25", cls.label)
        note = "<br><small>(groups the classes below)</small>" if cls.abstract else ""
        labels = " · ".join(
            f"{_e(cls.labels[lang])} <small>({lang})</small>"
            for lang in LANGUAGES
            if lang in cls.labels
        )
        about = f"{labels}<br><small>{_e(cls.definition or '')}</small>"
        rows.append((4 + depth * 16, [name + note, about]))
    return _guide_table(["class", "labels and meaning"], rows)


def _guide_relationships(model: OntologyModel) -> str:
    rows = []
    for rel in model.relationships.values():
        query = f"MATCH p = ()-[:{rel.type}]->() RETURN p LIMIT 25"
        ends = f"{_e(rel.domain or 'any')} → {_e(rel.range or 'any')}"
        cells = [
            _populate(query, rel.type),
            ends,
            _e(_english(rel.labels, rel.type)),
        ]
        rows.append((4, cells))
    return _guide_table(["type", "from → to", "meaning"], rows)


def _slide(title: str, body: str) -> str:
    return (
        f'<slide class="row-fluid">\n<div class="col-sm-12">\n<h3>{_e(title)}</h3>\n'
        f"{body}\n</div>\n</slide>\n"
    )


def _runnable(cypher: str) -> str:
    return f'<pre class="code runnable">{_e(cypher)}</pre>'


def _intro_slide(model: OntologyModel, base_url: str | None) -> str:
    links = ""
    if base_url:
        style = f"style {base_url}{STYLE_PATH}"
        sidebar = f"guide {base_url}{GUIDE_PATH}"
        links = (
            f"<p>The twin's style (colour, size and caption per class) is applied when you "
            f'connect; to apply it again, click <a data-exec="{_e(style)}">:style</a>. '
            f'To keep this guide beside your work, open it in the sidebar: <a data-exec="'
            f'{_e(sidebar)}">:guide</a>. The ontology reference is at <a href="'
            f'{_e(base_url + REFERENCE_PATH)}" target="_blank" rel="noopener">'
            f"{_e(base_url + REFERENCE_PATH)}</a>.</p>"
        )
    return _slide(
        "The social digital twin",
        "<p>A knowledge graph of a city's neighbourhoods: places, facilities, incidents as "
        "events, programmes, stakeholder organisations, indicators with their observations, "
        "and the documents every fact comes from.</p>"
        "<p><b>No persons, ever.</b> The graph holds no natural person, no name of a person, no "
        "contact details and no house-number address.</p>"
        f"<p>Ontology version <b>{_e(model.version)}</b>: {len(model.classes)} classes, "
        f"{len(model.relationships)} relationship types, {len(model.concepts)} concepts. Click "
        "a grey code block to put it in the editor, or its ▶ icon to run it at once.</p>"
        f"{links}",
    )


def guide(model: OntologyModel, base_url: str | None = None) -> str:
    """The Browser guide for analysts (``:play <url>`` or ``:guide <url>``)."""
    slides = [
        _intro_slide(model, base_url),
        _slide(
            "What the twin holds",
            "<p>The classes, their labels in Dutch, English and French, and what they mean. "
            "Click a class to list some of its nodes.</p>" + _guide_classes(model),
        ),
        _slide(
            "How things connect",
            "<p>Relationship types and the classes they link. Click a type to see some.</p>"
            + _guide_relationships(model),
        ),
        *(
            _slide(q.title, f"<p>{q.explanation}</p>{_runnable(q.cypher)}")
            for q in example_queries(model)
        ),
        _slide(
            "Your own style",
            "<p>Change colours and sizes by clicking a label above a result, or edit the "
            "sheet with <code>:style</code>. <code>:style reset</code> brings back Browser's "
            "defaults; the twin applies its own again at the next connect.</p>",
        ),
    ]
    title = "Social digital twin: a guide for analysts"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(title)}</title>\n</head>\n<body>\n"
        '<article class="guide">\n<carousel class="deck container-fluid">\n'
        + "".join(slides)
        + "</carousel>\n</article>\n</body>\n</html>\n"
    )


# ------------------------------------------------------------------ the reference page


@dataclass(frozen=True)
class Alignment:
    """A link from an ontology term to a term of another vocabulary."""

    relation: str
    iri: str
    curie: str
    vocabulary: str


def vocabulary_of(iri: str) -> str:
    """The public vocabulary an IRI belongs to (its host name when unknown)."""
    for namespace, name in VOCABULARIES.items():
        if iri.startswith(namespace):
            return name
    return urlsplit(iri).hostname or iri


def alignments(graph: Graph, iri: str) -> list[Alignment]:
    """External superclasses, equivalents, matches and disjointness of one term."""
    found = []
    for predicate, relation in ALIGNMENT_PREDICATES:
        for obj in sorted(graph.objects(URIRef(iri), predicate), key=str):
            if not isinstance(obj, URIRef) or str(obj).startswith(str(ST)):
                continue
            found.append(
                Alignment(
                    relation=relation,
                    iri=str(obj),
                    curie=graph.namespace_manager.normalizeUri(obj),
                    vocabulary=vocabulary_of(str(obj)),
                )
            )
    return found


def _literals(graph: Graph, subject: Node, *predicates: URIRef) -> dict[str, str]:
    found: dict[str, str] = {}
    for predicate in predicates:
        for obj in graph.objects(subject, predicate):
            if isinstance(obj, Literal):
                found.setdefault(obj.language or "", str(obj))
    return found


def _definition(graph: Graph, iri: str) -> str:
    texts = _literals(graph, URIRef(iri), SKOS.definition, RDFS.comment)
    return texts.get("en") or texts.get("") or next(iter(texts.values()), "")


def _external_link(iri: str, text: str) -> str:
    if urlsplit(iri).scheme in {"http", "https"}:
        return f'<a href="{_e(iri)}">{_e(text)}</a>'
    return _e(text)


def _alignment_items(items: Iterable[Alignment], via: str | None = None) -> list[str]:
    note = f' <span class="muted">(via {_class_link(via)})</span>' if via else ""
    return [
        f"<li>{_e(a.relation)} {_external_link(a.iri, a.curie)} "
        f'<span class="vocab">{_e(a.vocabulary)}</span>{note}</li>'
        for a in items
    ]


def _anchor(kind: str, name: str) -> str:
    return kind + "-" + re.sub(r"\s", "_", name)


def _class_link(label: str | None) -> str:
    if label is None:
        return '<span class="muted">any class</span>'
    return f'<a href="#{_e(_anchor("class", label))}">{_e(label)}</a>'


def _rel_link(rel_type: str) -> str:
    return f'<a href="#{_e(_anchor("rel", rel_type))}"><code>{_e(rel_type)}</code></a>'


def _prop_link(name: str) -> str:
    return f'<a href="#{_e(_anchor("prop", name))}"><code>{_e(name)}</code></a>'


def _concept_link(model: OntologyModel, concept_id: str) -> str:
    concept = model.concepts.get(concept_id)
    text = _english(concept.labels, concept_id) if concept else concept_id
    return f'<a href="#{_e(_anchor("concept", concept_id))}">{_e(text)}</a>'


def _labels_table(labels: dict[str, str], alt: dict[str, tuple[str, ...]]) -> str:
    rows = "".join(
        f"<tr><th>{lang}</th><td>{_e(labels.get(lang, '—'))}</td>"
        f'<td class="alt">{_e(", ".join(alt.get(lang, ())))}</td></tr>'
        for lang in LANGUAGES
    )
    return (
        '<table class="labels"><thead><tr><th></th><th>label</th><th>alternative labels</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _swatch(style: NodeStyle) -> str:
    return f'<span class="swatch" style="background:{_e(style.color)}"></span>'


def _tree_html(model: OntologyModel, styles: dict[str, NodeStyle]) -> str:
    items = []
    for cls, depth in class_tree(model):
        extra = ' <span class="badge">abstract</span>' if cls.abstract else ""
        items.append(
            f'<li style="padding-left:{depth * 1.2}em">{_swatch(styles[cls.label])}'
            f"{_class_link(cls.label)}"
            f' <span class="muted">{_e(_english(cls.labels, ""))}</span>{extra}</li>'
        )
    return f'<ul class="tree">{"".join(items)}</ul>'


def _section(title: str, body: str) -> str:
    return f"<h4>{_e(title)}</h4>{body}" if body else ""


def _class_alignments(model: OntologyModel, graph: Graph, cls: OntologyClass) -> str:
    items = _alignment_items(alignments(graph, cls.iri))
    for ancestor in model.lineage(cls.label)[1:]:
        items += _alignment_items(alignments(graph, model.cls(ancestor).iri), via=ancestor)
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _class_properties(model: OntologyModel, cls: OntologyClass) -> str:
    props = model.properties_of(cls.label)
    rows = [
        f"<tr><td>{_prop_link(p.name)}</td><td>{_e(_english(p.labels, ''))}</td>"
        f"<td>{_e(p.range or '')}</td><td>{_class_link(p.domain)}</td></tr>"
        for p in props
        if p.domain is not None
    ]
    table = (
        "<table><thead><tr><th>property</th><th>label</th><th>datatype</th><th>declared on</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        if rows
        else ""
    )
    general = ", ".join(_prop_link(p.name) for p in props if p.domain is None)
    if general:
        general = f'<p class="muted">and, like every node: {general}</p>'
    return table + general


def _class_relationships(model: OntologyModel, cls: OntologyClass) -> str:
    lineage = set(model.lineage(cls.label))
    out = [r for r in model.relationships.values() if r.domain in lineage]
    into = [r for r in model.relationships.values() if r.range in lineage]
    rows = [
        f"<tr><td>outgoing</td><td>{_rel_link(r.type)}</td><td>→ {_class_link(r.range)}</td>"
        f"<td>{_e(_english(r.labels, ''))}</td></tr>"
        for r in out
    ] + [
        f"<tr><td>incoming</td><td>{_rel_link(r.type)}</td><td>← {_class_link(r.domain)}</td>"
        f"<td>{_e(_english(r.labels, ''))}</td></tr>"
        for r in into
    ]
    if not rows:
        return ""
    return (
        "<table><thead><tr><th>direction</th><th>type</th><th>other end</th><th>label</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _class_section(model: OntologyModel, graph: Graph, cls: OntologyClass, style: NodeStyle) -> str:
    lineage = " ⊂ ".join(_class_link(label) for label in model.lineage(cls.label))
    subclasses = ", ".join(_class_link(k) for k in _children(model, cls.label))
    concepts = ", ".join(_concept_link(model, c.id) for c in model.concepts_of(cls.label))
    facts = [
        f"<tr><th>IRI</th><td><code>{_e(cls.iri)}</code></td></tr>",
        f"<tr><th>hierarchy</th><td>{lineage}</td></tr>",
        f"<tr><th>GraphQL field</th><td><code>{_e(cls.plural)}</code></td></tr>",
        f"<tr><th>Browser style</th><td>{_swatch(style)}<code>{_e(style.color)}</code>, "
        f"{style.diameter} px, caption <code>{_e(style.caption)}</code></td></tr>",
    ]
    if subclasses:
        facts.append(f"<tr><th>subclasses</th><td>{subclasses}</td></tr>")
    flags = [("abstract: no nodes of its own", cls.abstract)]
    flags.append(("not named in documents", not cls.mentionable))
    notes = "; ".join(text for text, on in flags if on)
    if notes:
        facts.append(f"<tr><th>notes</th><td>{_e(notes)}</td></tr>")
    return (
        f'<section class="term" id="{_e(_anchor("class", cls.label))}">'
        f"<h3>{_swatch(style)}{_e(cls.label)} "
        f'<span class="muted">{_e(_english(cls.labels, ""))}</span></h3>'
        f'<p class="definition">{_e(cls.definition or "No definition.")}</p>'
        f'<table class="facts">{"".join(facts)}</table>'
        + _labels_table(cls.labels, cls.alt_labels)
        + _section("Alignments", _class_alignments(model, graph, cls))
        + _section("Datatype properties", _class_properties(model, cls))
        + _section("Relationships", _class_relationships(model, cls))
        + _section("Concepts", f"<p>{concepts}</p>" if concepts else "")
        + "</section>"
    )


def _term_alignments(graph: Graph, iri: str) -> str:
    items = _alignment_items(alignments(graph, iri))
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _stacked_labels(labels: dict[str, str]) -> str:
    return "<br>".join(
        f'<span class="lbl"><span class="lang">{lang}</span> {_e(labels.get(lang, "—"))}</span>'
        for lang in LANGUAGES
    )


def _relationship_row(graph: Graph, rel: Relationship) -> str:
    return (
        f'<tr id="{_e(_anchor("rel", rel.type))}"><td><code>{_e(rel.type)}</code><br>'
        f'<small class="muted">{_e(rel.name)}</small></td>'
        f"<td>{_class_link(rel.domain)} → {_class_link(rel.range)}</td>"
        f"<td>{_stacked_labels(rel.labels)}</td><td>{_e(_definition(graph, rel.iri))}"
        f"{_term_alignments(graph, rel.iri)}</td></tr>"
    )


def _relationships_table(model: OntologyModel, graph: Graph) -> str:
    rows = "".join(_relationship_row(graph, r) for r in model.relationships.values())
    return (
        "<table><thead><tr><th>type</th><th>from → to</th><th>labels</th>"
        f"<th>definition, alignments</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _property_flags(prop: DataProperty) -> str:
    flags = [
        ("functional", prop.functional),
        ("full-text searchable", prop.searchable),
        ("range index", prop.indexed),
    ]
    return ", ".join(text for text, on in flags if on)


def _property_row(graph: Graph, prop: DataProperty) -> str:
    flags = _property_flags(prop)
    return (
        f'<tr id="{_e(_anchor("prop", prop.name))}"><td><code>{_e(prop.name)}</code>'
        + (f'<br><small class="muted">{_e(flags)}</small>' if flags else "")
        + f"</td><td>{_class_link(prop.domain)}<br><small>{_e(prop.range or '')}</small></td>"
        f"<td>{_stacked_labels(prop.labels)}</td>"
        f"<td>{_e(_definition(graph, prop.iri))}{_term_alignments(graph, prop.iri)}</td></tr>"
    )


def _properties_table(model: OntologyModel, graph: Graph) -> str:
    rows = "".join(_property_row(graph, p) for p in model.properties.values())
    return (
        "<table><thead><tr><th>property</th><th>domain, datatype</th><th>labels</th>"
        f"<th>definition, alignments</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _concept_item(model: OntologyModel, concept: Concept) -> str:
    title = _english(concept.labels, concept.id)
    others = " · ".join(
        f'<span class="lbl"><span class="lang">{lang}</span> {_e(concept.labels[lang])}</span>'
        for lang in LANGUAGES
        if lang in concept.labels and lang != "en"
    )
    details = [f"<b>{_e(title)}</b> <code>{_e(concept.id)}</code>", others]
    alt = "; ".join(
        f"{lang}: {_e(', '.join(values))}" for lang, values in concept.alt_labels.items()
    )
    if alt:
        details.append(f'<span class="alt">also: {alt}</span>')
    if concept.definition:
        details.append(f'<span class="definition">{_e(concept.definition)}</span>')
    for rel_type, targets in concept.links.items():
        if rel_type != BROADER:
            links = ", ".join(_concept_link(model, t) for t in targets)
            details.append(f"{_rel_link(rel_type)} {links}")
    if concept.values:
        values = " · ".join(f"{_e(k)}: {_e(v)}" for k, v in concept.values.items())
        details.append(f'<small class="muted">{values}</small>')
    if concept.matches:
        matches = ", ".join(_external_link(m, m) for m in concept.matches)
        details.append(f"<small>matches {matches}</small>")
    return "<br>".join(part for part in details if part)


def _concept_tree(model: OntologyModel, concepts: list[Concept]) -> str:
    ids = {c.id for c in concepts}
    below: dict[str | None, list[Concept]] = {}
    for concept in concepts:
        parents: list[str | None] = [p for p in concept.links.get(BROADER, ()) if p in ids]
        for parent in parents or [None]:
            below.setdefault(parent, []).append(concept)

    def walk(parent: str | None, seen: frozenset[str]) -> str:
        items = []
        for concept in sorted(below.get(parent, []), key=lambda c: c.id):
            if concept.id in seen:
                continue
            inner = walk(concept.id, seen | {concept.id})
            items.append(
                f'<li id="{_e(_anchor("concept", concept.id))}">'
                f"{_concept_item(model, concept)}{inner}</li>"
            )
        return f'<ul class="concepts">{"".join(items)}</ul>' if items else ""

    return walk(None, frozenset())


def _scheme_title(graph: Graph, model: OntologyModel, concepts: list[Concept]) -> str:
    first = concepts[0]
    scheme = graph.value(URIRef(first.iri), SKOS.inScheme)
    if scheme is not None:
        labels = _literals(graph, scheme, RDFS.label, SKOS.prefLabel)
        label = labels.get("en") or labels.get("") or str(first.scheme)
        return f"{label} ({first.scheme})"
    return f"{_english(model.cls(first.cls).labels, first.cls)} (no scheme)"


def _concept_groups(model: OntologyModel) -> dict[str, list[Concept]]:
    """Concepts by scheme (or by class, for concepts outside any scheme), sorted by key."""
    groups: dict[str, list[Concept]] = {}
    for concept in model.concepts.values():
        groups.setdefault(concept.scheme or f"class:{concept.cls}", []).append(concept)
    return dict(sorted(groups.items()))


def _schemes_html(model: OntologyModel, graph: Graph) -> str:
    parts = []
    for key, concepts in _concept_groups(model).items():
        classes = ", ".join(_class_link(c) for c in sorted({c.cls for c in concepts}))
        parts.append(
            f'<section class="term" id="{_e(_anchor("scheme", key))}">'
            f"<h3>{_e(_scheme_title(graph, model, concepts))}</h3>"
            f'<p class="muted">{len(concepts)} concepts of {classes}</p>'
            f"{_concept_tree(model, concepts)}</section>"
        )
    return "".join(parts) or "<p>No concepts.</p>"


_CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;
background:#f6f8fa}
header{background:#24292f;color:#fff;padding:18px 28px}
header h1{margin:0;font-size:22px;font-weight:600}
header p{margin:4px 0 0;color:#d0d7de}
.layout{display:flex;align-items:flex-start}
nav{position:sticky;top:0;width:300px;flex:none;max-height:100vh;overflow-y:auto;
overflow-x:hidden;padding:16px 12px 24px 20px;border-right:1px solid #d0d7de;background:#fff}
nav h2{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:#57606a;
margin:14px 0 6px}
main{flex:1;min-width:0;padding:8px 32px 48px}
main>h2{margin-top:28px;padding-bottom:4px;border-bottom:2px solid #d0d7de}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
ul.tree{list-style:none;padding:0;margin:0}
ul.tree li{margin:1px 0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.4em;
vertical-align:-.05em;border:1px solid rgba(0,0,0,.25)}
.badge{font-size:11px;padding:0 6px;border-radius:8px;background:#eaeef2;color:#57606a}
.term{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:6px 18px 14px;
margin:14px 0;scroll-margin-top:8px}
.term h3{margin:10px 0 4px;font-size:19px}
.term h4{margin:14px 0 4px;font-size:14px;color:#57606a}
.term ul{margin:4px 0;padding-left:20px}
.definition{margin:4px 0 8px}
.muted{color:#6e7781;font-weight:normal}
.vocab{display:inline-block;font-size:11px;padding:0 6px;border-radius:8px;
background:#ddf4ff;color:#0550ae}
.wide{overflow-x:auto}
table{border-collapse:collapse;margin:6px 0;background:#fff;font-size:14px}
th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top;
overflow-wrap:break-word}
td:first-child code{white-space:nowrap}
thead th{background:#f6f8fa}
table.facts th{background:#f6f8fa;width:130px}
td.alt,.alt{color:#57606a;font-size:13px}
.lbl{white-space:nowrap}
.lang{display:inline-block;width:1.6em;color:#6e7781;font-size:12px}
code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f6f8fa;
padding:0 3px;border-radius:3px}
tr:target,li:target{background:#fff8c5}
ul.concepts{list-style:none;padding-left:18px;border-left:2px solid #eaeef2}
ul.concepts>li{margin:6px 0}
main>section>ul.concepts{padding-left:0;border:0}
"""


def _page_header(model: OntologyModel, graph: Graph) -> str:
    names = _literals(graph, ONTOLOGY_IRI, RDFS.label)
    title = names.get("en") or "Social Digital Twin ontology"
    descriptions = _literals(graph, ONTOLOGY_IRI, DCTERMS.description)
    description = descriptions.get("en") or ""
    counts = (
        f"version {model.version} · {len(model.classes)} classes · "
        f"{len(model.relationships)} relationship types · {len(model.properties)} datatype "
        f"properties · {len(model.concepts)} concepts"
    )
    return f"<header><h1>{_e(title)}</h1><p>{_e(counts)}</p><p>{_e(description)}</p></header>"


def _nav(model: OntologyModel, graph: Graph, styles: dict[str, NodeStyle]) -> str:
    schemes = "".join(
        f'<li><a href="#{_e(_anchor("scheme", key))}">'
        f"{_e(_scheme_title(graph, model, concepts))}</a></li>"
        for key, concepts in _concept_groups(model).items()
    )
    return (
        '<nav><h2><a href="#classes">Classes</a></h2>'
        + _tree_html(model, styles)
        + '<h2><a href="#relationships">Relationship types</a></h2>'
        + '<h2><a href="#properties">Datatype properties</a></h2>'
        + '<h2><a href="#schemes">Concept schemes</a></h2>'
        + f'<ul class="tree">{schemes}</ul></nav>'
    )


def reference_html(model: OntologyModel, graph: Graph) -> str:
    """The self-contained HTML reference of the ontology for maintainers."""
    styles = {s.label: s for s in node_styles(model, graph)}
    classes = "".join(
        _class_section(model, graph, cls, styles[cls.label]) for cls, _ in class_tree(model)
    )
    main = (
        '<main><h2 id="classes">Classes</h2>'
        '<p class="muted">Generated from the ontology by <code>twin ontology docs</code>; '
        "every node carries the Neo4j label of its class and of each superclass.</p>"
        f"{classes}"
        '<h2 id="relationships">Relationship types</h2>'
        f'<div class="wide">{_relationships_table(model, graph)}</div>'
        '<h2 id="properties">Datatype properties</h2>'
        f'<div class="wide">{_properties_table(model, graph)}</div>'
        f'<h2 id="schemes">Concept schemes</h2>{_schemes_html(model, graph)}</main>'
    )
    title = f"Ontology reference {model.version}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{_page_header(model, graph)}\n"
        f'<div class="layout">{_nav(model, graph, styles)}{main}</div>\n</body>\n</html>\n'
    )


__all__ = [
    "Alignment",
    "Artefacts",
    "ExampleQuery",
    "GUIDE_PATH",
    "NodeStyle",
    "REFERENCE_PATH",
    "STYLE_PATH",
    "alignments",
    "api_base_url",
    "browser_content_allowlist",
    "browser_post_connect_cmd",
    "build",
    "caption_property",
    "class_colours",
    "class_tree",
    "example_queries",
    "grass",
    "grass_rules",
    "guide",
    "node_styles",
    "reference_html",
    "write",
]
