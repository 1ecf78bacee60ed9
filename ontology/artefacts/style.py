"""The Neo4j Browser GraSS style sheet: a colour, size and caption per class."""

from __future__ import annotations

import colorsys
import hashlib
import itertools
import math
from dataclasses import dataclass

from rdflib import Graph

from ontology.artefacts.common import (
    DARK_TEXT,
    DEFAULT_NODE,
    DEFAULT_RELATIONSHIP,
    HUE_STEP,
    ID_PROPERTY,
    IDENTIFIER_TERMS,
    LIGHT_TEXT,
    LIGHTNESS_STEP,
    MAX_DIAMETER,
    MIN_DIAMETER,
    NAME_PROPERTY,
    NAMING_TERMS,
    PALETTE,
    RESULT_TERMS,
    SATURATION_STEP,
    _children,
    alignments,
    class_tree,
)
from ontology.model import (
    DataProperty,
    OntologyModel,
)

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
