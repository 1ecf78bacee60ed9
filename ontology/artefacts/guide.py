"""The Neo4j Browser guide for analysts (``:play <url>``), with runnable example queries."""

from __future__ import annotations

from dataclasses import dataclass

from ontology.artefacts.common import (
    BROADER,
    GUIDE_PATH,
    REFERENCE_PATH,
    STYLE_PATH,
    _e,
    _english,
    class_tree,
)
from ontology.model import (
    LANGUAGES,
    OntologyModel,
)

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
