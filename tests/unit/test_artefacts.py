"""The Browser style, the Browser guide and the HTML reference are generated from the ontology."""

from __future__ import annotations

import colorsys
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from ontology import artefacts
from ontology.model import ST, OntologyModel, bundled_graph, load_graph, load_model, parse_model
from twin.cli import main

MIN_COLOUR_DISTANCE = 20.0
FACILITY_KINDS = (
    "CommunityCentre School PoliceStation SafetyHouse YouthHub Park Playground SportsFacility "
    "HealthCentre Station ShoppingArea HousingComplex Church Library NightlifeVenue"
).split()


@pytest.fixture(scope="module")
def model() -> OntologyModel:
    return load_model()


@pytest.fixture(scope="module")
def graph() -> Graph:
    return bundled_graph()


def parse_grass_like_browser(text: str) -> dict[str, dict[str, str]]:
    """A port of Neo4j Browser 5's ``parseGrassCSS`` (src/shared/services/grassUtils.ts)."""
    inside_string = inside_props = inside_binding = False
    keyword, props = "", ""
    raw: dict[str, str] = {}
    for char in text:
        skip = True
        if char == "{":
            if inside_string:
                skip = False
            elif inside_props:
                inside_binding = True
            else:
                inside_props = True
        elif char == "}":
            if inside_string:
                skip = False
            elif inside_binding:
                inside_binding = False
            else:
                inside_props = False
                raw[keyword], keyword, props = props, "", ""
        elif char in "'\"":
            inside_string = not inside_string
        else:
            skip = False
        if skip:
            continue
        if inside_props:
            props += char
        elif not char.isspace():
            keyword += char
    rules: dict[str, dict[str, str]] = {}
    for selector, body in raw.items():
        rules[selector] = {}
        for prop in body.split(";"):
            parts = prop.split(":")
            if len(parts) == 2:
                rules[selector][parts[0].strip()] = parts[1].strip()
    return rules


def with_facility_kinds(count: int) -> tuple[OntologyModel, Graph]:
    """The shipped ontology plus ``count`` Facility subclasses (as issue 3 asks for)."""
    graph = Graph()
    graph += bundled_graph()
    for name in FACILITY_KINDS[:count]:
        if (ST[name], RDF.type, OWL.Class) not in graph:
            graph.add((ST[name], RDF.type, OWL.Class))
            graph.add((ST[name], RDFS.subClassOf, ST.Facility))
    return parse_model(graph), graph


# ------------------------------------------------------------------ GraSS


def test_browser_parses_the_sheet_into_one_rule_per_class_and_type(
    model: OntologyModel, graph: Graph
) -> None:
    rules = parse_grass_like_browser(artefacts.grass(model, graph))
    assert list(rules)[:2] == ["node", "relationship"]
    for cls in model.concrete_classes:
        rule = rules[f"node.{cls.label}"]
        assert re.fullmatch(r"#[0-9A-F]{6}", rule["color"]), rule
        assert re.fullmatch(r"#[0-9A-F]{6}", rule["border-color"]), rule
        assert rule["text-color-internal"] in {artefacts.DARK_TEXT, artefacts.LIGHT_TEXT}
        assert re.fullmatch(r"\d+px", rule["diameter"])
        assert re.fullmatch(r"\{[a-z][A-Za-z0-9]*\}", rule["caption"]), rule
        assert rule["caption"].strip("{}") in model.properties
    for rel in model.relationships.values():
        assert rules[f"relationship.{rel.type}"]["caption"] == "<type>"


def test_superclass_rules_come_before_their_subclasses(model: OntologyModel, graph: Graph) -> None:
    order = list(artefacts.grass_rules(model, graph))
    for cls in model.classes.values():
        if cls.parent:
            assert order.index(f"node.{cls.parent}") < order.index(f"node.{cls.label}")


def _assert_distinct(styles: list[artefacts.NodeStyle], model: OntologyModel) -> None:
    concrete = [s for s in styles if not model.classes[s.label].abstract]
    for first, second in itertools.combinations(concrete, 2):
        distance = artefacts.colour_distance(first.color, second.color)
        assert distance >= MIN_COLOUR_DISTANCE, (first, second, distance)


def test_concrete_classes_get_distinct_colours(model: OntologyModel, graph: Graph) -> None:
    _assert_distinct(artefacts.node_styles(model, graph), model)


def _hue(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)[0] * 360


def test_fifteen_facility_kinds_are_distinct_shades_of_facility() -> None:
    model, graph = with_facility_kinds(len(FACILITY_KINDS))
    styles = artefacts.node_styles(model, graph)
    _assert_distinct(styles, model)
    colours = {s.label: s.color for s in styles}
    for kind in model.subclasses("Facility"):
        gap = abs(_hue(colours[kind]) - _hue(colours["Facility"]))
        assert min(gap, 360 - gap) <= 30, (kind, colours[kind])


def test_colours_are_stable_when_a_subclass_is_added() -> None:
    few = {s.label: s.color for s in artefacts.node_styles(*with_facility_kinds(3))}
    more = {s.label: s.color for s in artefacts.node_styles(*with_facility_kinds(4))}
    assert all(more[label] == colour for label, colour in few.items() if label != "Facility")


def test_places_are_drawn_larger_than_observations(model: OntologyModel, graph: Graph) -> None:
    size = {s.label: s.diameter for s in artefacts.node_styles(model, graph)}
    for place in model.subclasses("Place"):
        assert size[place] > size["Observation"]
    assert all(artefacts.MIN_DIAMETER <= d <= artefacts.MAX_DIAMETER for d in size.values())


def test_captions_follow_the_properties_of_each_class(model: OntologyModel, graph: Graph) -> None:
    assert artefacts.caption_property(model, graph, "Observation") == "value"
    for place in model.subclasses("Place"):
        assert artefacts.caption_property(model, graph, place) == "name"
    for concept in model.concepts.values():
        assert artefacts.caption_property(model, graph, concept.cls) == "name"


# ------------------------------------------------------------------ Browser settings


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000"),
        ("0.0.0.0", "http://127.0.0.1:8000"),
        ("::", "http://127.0.0.1:8000"),
        ("::1", "http://[::1]:8000"),
        ("twin.example.org", "http://twin.example.org:8000"),
    ],
)
def test_api_url_is_what_a_web_browser_can_reach(host: str, expected: str) -> None:
    assert artefacts.api_base_url(host, 8000) == expected


def test_post_connect_command_applies_the_style_and_plays_the_guide() -> None:
    cmd = artefacts.browser_post_connect_cmd("http://127.0.0.1:8000")
    # Browser splits on ";" and runs each part as ":<part>"
    assert [part.strip() for part in cmd.split(";")] == [
        "style http://127.0.0.1:8000/neo4j/style.grass",
        "play http://127.0.0.1:8000/neo4j/guide.html",
    ]
    hosts = artefacts.browser_content_allowlist("http://127.0.0.1:8000").split(",")
    assert hosts == ["guides.neo4j.com", "localhost", "127.0.0.1"]


# ------------------------------------------------------------------ guide


def _balanced(text: str) -> bool:
    text = re.sub(r"'[^']*'", "''", text)
    stack: list[str] = []
    pairs = {")": "(", "]": "[", "}": "{"}
    for char in text:
        if char in "([{":
            stack.append(char)
        elif char in pairs and (not stack or stack.pop() != pairs[char]):
            return False
    return not stack and text.count('"') % 2 == 0


def test_guide_queries_are_well_formed_and_use_the_models_names(model: OntologyModel) -> None:
    queries = artefacts.example_queries(model)
    assert len(queries) == len(artefacts.EXAMPLES)
    for query in queries:
        cypher = query.cypher
        assert _balanced(cypher), cypher
        assert re.match(r"^(MATCH|OPTIONAL MATCH|CALL|WITH)\b", cypher)
        assert re.search(r"\bRETURN\b", cypher)
        labels = re.findall(r"\(\w*:(\w+)", cypher)
        types = re.findall(r"\[\w*:(\w+)", cypher)
        assert set(labels) <= set(model.classes), (set(labels) - set(model.classes), cypher)
        assert set(types) <= set(model.relationships), cypher
    assert sum(bool(re.search(r"\(\w*:\w+", q.cypher)) for q in queries) >= len(queries) - 1


def test_guide_has_slides_runnable_queries_and_every_class(model: OntologyModel) -> None:
    page = artefacts.guide(model, "http://127.0.0.1:8000")
    queries = artefacts.example_queries(model)
    assert page.count("<slide") == page.count("</slide>") == len(queries) + 4
    assert page.count('<pre class="code runnable">') == len(queries)
    for query in queries:
        assert artefacts._e(query.cypher) in page
    for label in model.classes:
        assert f">{label}</code>" in page
    assert 'data-exec="style http://127.0.0.1:8000/neo4j/style.grass"' in page
    assert "<script" not in page


# ------------------------------------------------------------------ reference page


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: set[str] = set()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        href = values.get("href") or ""
        if href.startswith("#"):
            self.links.add(href[1:])


def test_reference_names_every_term_and_its_links_resolve(
    model: OntologyModel, graph: Graph
) -> None:
    page = artefacts.reference_html(model, graph)
    parser = _Anchors()
    parser.feed(page)
    assert parser.links <= parser.ids, parser.links - parser.ids
    assert f"version {model.version}" in page
    for cls in model.classes.values():
        assert f"class-{cls.label}" in parser.ids
        for label in cls.labels.values():
            assert artefacts._e(label) in page
    for rel in model.relationships:
        assert f"rel-{rel}" in parser.ids
    for prop in model.properties:
        assert f"prop-{prop}" in parser.ids
    for concept_id in model.concepts:
        assert f"concept-{concept_id}" in parser.ids


def _section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</section>", start)]


def test_reference_lists_alignments_with_their_vocabulary(
    model: OntologyModel, graph: Graph
) -> None:
    page = artefacts.reference_html(model, graph)
    place = _section(page, "class-Place")
    assert "geo:Feature" in place and "GeoSPARQL" in place
    neighbourhood = _section(page, "class-Neighbourhood")
    assert "geo:Feature" in neighbourhood and "(via" in neighbourhood
    assert "disjoint with" in place and "foaf:Person" in place
    found = artefacts.alignments(graph, model.cls("Place").iri)
    assert any(a.iri == "http://www.opengis.net/ont/geosparql#Feature" for a in found)


HOSTILE = """
@prefix st:   <https://w3id.org/social-twin/ontology#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/social-twin/ontology> a owl:Ontology ; owl:versionInfo "9.9.9" .
st:Place a owl:Class ; st:abstract true ;
    rdfs:label "plaats"@nl , "place <script>alert(1)</script>"@en , "lieu"@fr ;
    skos:definition "A \\"place\\" & <b>more</b>."@en .
st:Neighbourhood a owl:Class ; rdfs:subClassOf st:Place ;
    rdfs:label "buurt"@nl , "neighbourhood"@en , "voisinage"@fr ;
    skos:altLabel "<img src=x onerror=alert(1)>"@en .
st:IncidentType a owl:Class ;
    rdfs:label "incidenttype"@nl , "incident type"@en , "type d'incident"@fr .
st:name a owl:DatatypeProperty ; rdfs:range xsd:string ;
    rdfs:label "naam"@nl , "name</td><script>x()</script>"@en , "nom"@fr .
st:partOf a owl:ObjectProperty ; st:neo4jType "PART_OF" ;
    rdfs:domain st:Place ; rdfs:range st:Place ;
    rdfs:label "deel van"@nl , "part of"@en , "partie de"@fr .
st:Burglary a st:IncidentType ;
    skos:prefLabel "inbraak"@nl , "burglary <script>"@en , "cambriolage"@fr ;
    skos:closeMatch <javascript:alert(1)> .
"""


def test_text_from_the_ontology_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "hostile.ttl"
    path.write_text(HOSTILE, encoding="utf-8")
    graph = load_graph([path])
    model = parse_model(graph)
    page = artefacts.reference_html(model, graph)
    assert "<script" not in page and "<img" not in page and "<b>more" not in page
    assert "&lt;b&gt;more&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page
    assert "concept-incident-type:burglary" in page
    guide = artefacts.guide(model, "http://127.0.0.1:8000")
    assert "<script" not in guide and "&lt;script&gt;" in guide


# ------------------------------------------------------------------ CLI


def test_cli_writes_the_three_documents(tmp_path: Path) -> None:
    output = tmp_path / "generated"
    result = CliRunner().invoke(main, ["ontology", "docs", "--output", str(output)])
    assert result.exit_code == 0, result.output
    written = {Path(line).name for line in result.output.split()}
    assert written == {"ontology.html", "style.grass", "guide.html"}
    assert (output / "ontology.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "node.Neighbourhood {" in (output / "style.grass").read_text(encoding="utf-8")
    assert "<slide" in (output / "guide.html").read_text(encoding="utf-8")


def test_cli_reports_an_unwritable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["ontology", "docs", "--output", str(blocker / "x")])
    assert result.exit_code == 1
    assert "cannot write" in result.output


def test_build_defaults_to_the_shipped_ontology() -> None:
    built = artefacts.build()
    assert "node.Neighbourhood" in built.style
    assert URIRef(ST.Neighbourhood) in set(bundled_graph().subjects())
    assert Literal("buurt", lang="nl") in set(bundled_graph().objects(ST.Neighbourhood))
