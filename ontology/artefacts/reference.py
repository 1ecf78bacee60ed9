"""The self-contained HTML reference page of the ontology for maintainers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from ontology.artefacts.common import (
    BROADER,
    Alignment,
    _children,
    _e,
    _english,
    alignments,
    class_tree,
)
from ontology.artefacts.style import NodeStyle, node_styles
from ontology.model import (
    LANGUAGES,
    ONTOLOGY_IRI,
    Concept,
    DataProperty,
    OntologyClass,
    OntologyModel,
    Relationship,
)

# ------------------------------------------------------------------ the reference page


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
