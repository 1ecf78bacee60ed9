"""Declarative YAML mappings: validation against the ontology and the table, templates and
filters, conditions, relationships, observations, geometry, redaction."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from graph.writer import WritePlan
from loaders.mapping import (
    MappingError,
    find_mapping,
    load_mapping,
    parse_template,
    plan_for_file,
    plan_from_mapping,
    read_source,
)
from ontology import load_model
from ontology.model import OntologyModel
from twin.errors import IngestError

DATASET = """\
dataset:
  id: dataset:test
  title: A test table
  publisher: Gemeente Heerlen
  licence: CC BY 4.0
  attribution: "Bron: test"
"""


@pytest.fixture(scope="module")
def model() -> OntologyModel:
    return load_model()


def _write(tmp_path: Path, data_name: str, data: str, mapping: str, source: str = "") -> Path:
    """The data file and its sidecar mapping (``source`` adds options to ``source:``)."""
    (tmp_path / data_name).write_text(data, encoding="utf-8")
    path = tmp_path / f"{data_name}.mapping.yaml"
    options = f"  {source}\n" if source else ""
    body = f"{DATASET}source:\n  file: {data_name}\n{options}{textwrap.dedent(mapping)}"
    path.write_text(body, encoding="utf-8")
    return path


def _plan(
    tmp_path: Path,
    data: str,
    mapping: str,
    model: OntologyModel,
    redact: Callable[[str], str] | None = None,
) -> WritePlan:
    path = _write(tmp_path, "t.csv", textwrap.dedent(data), mapping)
    spec = load_mapping(path)
    table = read_source(spec)
    return plan_from_mapping(spec, table, model, source_id="dataset:test", redact=redact)


# ------------------------------------------------------------------ templates


def test_templates_and_filters() -> None:
    template = parse_template("stakeholder:{ name | slug }-{code|upper}{{x}}")
    assert template.columns == ("name", "code")
    values = {"name": "Zorg- en Veiligheidshuis Parkstad", "code": "ab"}
    assert template.render(values.__getitem__) == (
        "stakeholder:zorg-en-veiligheidshuis-parkstad-AB{x}"
    )
    assert parse_template("{a|strip|lower}").render(lambda _: "  Heerlen ") == "heerlen"
    with pytest.raises(ValueError, match="unknown filter 'title'"):
        parse_template("{name|title}")
    with pytest.raises(ValueError, match="stray"):
        parse_template("area:{name")


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (
            "nodes:\n  place:\n    class: Buurt\n    id: '{code}'\n",
            r"t\.csv\.mapping\.yaml: nodes\.place\.class: 'Buurt' is not a class of the ontology",
        ),
        (
            "nodes:\n  place:\n    class: Place\n    id: '{code}'\n",
            r"nodes\.place\.class: Place is abstract: nodes need a concrete class",
        ),
        (
            "nodes:\n  p:\n    class: Programme\n    id: 'programme:{code}'\n"
            "    relationships:\n      - type: PART_OF\n"
            "        target: {id: GM0917, class: Municipality}\n",
            r"nodes\.p\.relationships\[0\]: PART_OF starts at a Place; Programme is not one",
        ),
        (
            "nodes:\n  p:\n    class: Programme\n    id: 'programme:{code}'\n"
            "    relationships:\n      - type: TARGETS\n"
            "        target: {id: '{code}', class: Programme}\n",
            r"TARGETS ends at a Place; Programme is not one",
        ),
        (
            "nodes:\n  p:\n    class: Area\n    id: 'area:{code}'\n"
            "    relationships:\n      - type: LIES_IN\n"
            "        target: {id: GM0917, class: Municipality}\n",
            r"nodes\.p\.relationships\[0\]\.type: 'LIES_IN' is not a relationship type",
        ),
        (
            "nodes:\n  p:\n    class: Area\n    id: 'area:{code}'\n"
            "    properties:\n      name: naam\n",
            r"nodes\.p\.properties\.name: column 'naam' is not in t\.csv",
        ),
        (
            "nodes:\n  p:\n    class: {column: kind, map: {x: Police}, kind_of: Place}\n"
            "    id: 'area:{code}'\n",
            r"nodes\.p\.class: Police is not a kind of Place",
        ),
        (
            "nodes:\n  p:\n    class: Area\n    id: 'area:{code}'\n    propertes: {}\n",
            r"nodes\.p\.propertes: Extra inputs are not permitted",
        ),
        (
            "nodes:\n  p:\n    class: {column: kind, prefix: {GM: Municipality}}\n"
            "    id: '{code}'\n",
            r"nodes\.p\.class: class needs exactly one of name, column, prefix",
        ),
        (
            "nodes:\n  p:\n    class: Area\n    id: 'area:{code|title}'\n",
            r"nodes\.p\.id: unknown filter 'title'",
        ),
        (
            "nodes:\n  p:\n    class: Area\n    id: 'area:{code}'\n"
            "    observations:\n      indicators:\n"
            "        - {column: code, indicator: indicator:x}\n",
            r"observations\.indicators\[0\]\.indicator: 'indicator:x' is not an indicator",
        ),
        (
            "nodes:\n  p:\n    class: Area\n    id: 'area:{code}'\n"
            "    relationships:\n      - type: PART_OF\n"
            "        target: {id: GM0917, class: Municipality}\n"
            "        properties: {confidence: kind}\n",
            r"relationships\[0\]\.properties\.confidence: the twin sets 'confidence' itself",
        ),
    ],
)
def test_invalid_mappings_name_the_file_and_field(
    tmp_path: Path, model: OntologyModel, mapping: str, message: str
) -> None:
    with pytest.raises(MappingError, match=message) as info:
        _plan(tmp_path, "code,kind\nGM0917,x\n", mapping, model)
    assert isinstance(info.value, IngestError)


def test_yaml_errors_and_missing_parts(tmp_path: Path) -> None:
    path = tmp_path / "bad.mapping.yaml"
    path.write_text("dataset: [unclosed\n", encoding="utf-8")
    with pytest.raises(MappingError, match=r"bad\.mapping\.yaml is not valid YAML at line 2"):
        load_mapping(path)
    path.write_text("dataset: {id: dataset:x}\n", encoding="utf-8")
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert "dataset.title: Field required" in info.value.message
    assert "nodes: Field required" in info.value.message


def test_row_errors_name_the_row(tmp_path: Path, model: OntologyModel) -> None:
    mapping = """\
    nodes:
      org:
        class: {column: kind, kind_of: Stakeholder}
        id: "stakeholder:{name|slug}"
    """
    with pytest.raises(
        MappingError, match=r"nodes\.org\.class: t\.csv row 3: Area is not a kind of Stakeholder"
    ):
        _plan(tmp_path, "name,kind\nPolitie,Police\nNoord,Area\n", mapping, model)
    with pytest.raises(MappingError, match=r"t\.csv row 2: .*needs a value in column 'name'"):
        _plan(tmp_path, "name,kind\n,Police\n", mapping, model)


# ------------------------------------------------------------------ planning


def test_classes_properties_and_conditions(tmp_path: Path, model: OntologyModel) -> None:
    data = """\
    naam;soort;aliassen;leden;actief;sinds;opmerking
    Politie Limburg;police;politie| wijkagent;120;ja;2012;
    Stichting Buurtkracht;stichting;;8;nee;2019,5;klein
    Geen soort;;;;;;
    """
    mapping = """\
    nodes:
      org:
        when: soort
        class:
          column: soort
          map: {police: Police}
          default: Stakeholder
          kind_of: Stakeholder
        id: "stakeholder:{naam|slug}"
        properties:
          name: naam
          kind: {column: soort, map: {police: politie}, default: anders}
          aliases: {column: aliassen, type: list, separator: "|"}
          members: {column: leden, type: int}
          active: {column: actief, type: bool}
          since: {column: sinds, type: float}
          note: {column: opmerking, omit_empty: true}
          country: {value: NL}
          label: {template: "{naam} ({soort|upper})"}
      police_only:
        when: {column: soort, equals: police}
        class: Area
        id: "area:{naam|slug}-district"
      empty_kind:
        when: {column: soort, empty: true}
        class: Area
        id: "area:{naam|slug}"
    """
    plan = _plan(tmp_path, data, mapping, model)
    nodes = {n.id: n for n in plan.nodes}
    assert set(nodes) == {
        "stakeholder:politie-limburg",
        "stakeholder:stichting-buurtkracht",
        "area:politie-limburg-district",
        "area:geen-soort",
    }
    police = nodes["stakeholder:politie-limburg"]
    assert police.label == "Police" and police.source == "dataset:test"
    assert police.props == {
        "name": "Politie Limburg",
        "kind": "politie",
        "aliases": ["politie", "wijkagent"],
        "members": 120,
        "active": True,
        "since": 2012.0,
        "country": "NL",
        "label": "Politie Limburg (POLICE)",
    }
    foundation = nodes["stakeholder:stichting-buurtkracht"]
    assert foundation.label == "Stakeholder"
    assert foundation.props["kind"] == "anders" and foundation.props["aliases"] == []
    assert foundation.props["since"] == 2019.5 and foundation.props["active"] is False
    assert foundation.props["note"] == "klein"


def test_relationships_carry_provenance(tmp_path: Path, model: OntologyModel) -> None:
    data = """\
    name,districts,sure,parent,operator
    GMS,WK091731,high,GM0917,Buurtteams Heerlen
    Zuid,WK091733; WK091734,unsure,,
    """
    mapping = """\
    nodes:
      area:
        class: Area
        id: "area:{name|slug}"
        properties:
          name: name
        relationships:
          - type: PART_OF
            when: parent
            target: {id: "{parent}", class: {prefix: {GM: Municipality, WK: District}}}
          - type: COVERS
            for_each: districts
            target: {id: "{each}", class: District}
            confidence: {column: sure, map: {high: 0.9}, default: 0.5}
            properties:
              confidenceLevel: sure
              district: {template: "district {each}"}
          - type: ACTIVE_IN
            direction: in
            target: {node: team}
      team:
        when: operator
        class: NeighbourhoodTeam
        id: "stakeholder:{operator|slug}"
        properties:
          name: operator
    """
    plan = _plan(tmp_path, data, mapping, model)
    rels = [
        (r.type, r.source, r.target, r.source_label, r.target_label) for r in plan.relationships
    ]
    assert rels == [
        ("PART_OF", "area:gms", "GM0917", "Area", "Municipality"),
        ("COVERS", "area:gms", "WK091731", "Area", "District"),
        ("ACTIVE_IN", "stakeholder:buurtteams-heerlen", "area:gms", "NeighbourhoodTeam", "Area"),
        ("COVERS", "area:zuid", "WK091733", "Area", "District"),
        ("COVERS", "area:zuid", "WK091734", "Area", "District"),
    ]
    covers = plan.relationships[1]
    assert covers.provenance == "dataset:test"
    assert covers.props == {
        "extractor": "twin.mapping",
        "extractorVersion": "0.1.0",
        "confidence": 0.9,
        "confidenceLevel": "high",
        "district": "district WK091731",
        "sourceRow": 2,
    }
    assert plan.relationships[4].props["confidence"] == 0.5
    assert plan.relationships[4].props["sourceRow"] == 3


def test_observations_from_the_ontology(tmp_path: Path, model: OntologyModel) -> None:
    columns = {
        str(c.values["cbsColumn"]): c
        for c in model.concepts_of("Indicator")
        if "cbsColumn" in c.values
    }
    header = ",".join(["code", *columns])
    values = ",".join(["BU09171000", *("" if i == 1 else f"{i}.5" for i in range(len(columns)))])
    mapping = """\
    nodes:
      place:
        class: {prefix: {GM: Municipality, WK: District, BU: Neighbourhood}}
        id: "{code}"
        observations: from-ontology
    """
    path = _write(tmp_path, "kwb.csv", f"{header}\n{values}\n", mapping)
    spec = load_mapping(path)
    plan = plan_from_mapping(spec, read_source(spec), model, source_id="dataset:test")
    observations = {n.id: n for n in plan.nodes if n.label == "Observation"}
    assert len(observations) == len(columns) - 1  # the empty cell has no observation
    first_column, first = next(iter(columns.items()))
    key = first.id.split(":", 1)[1]
    period = first.values["referencePeriod"]
    obs = observations[f"observation:{key}:BU09171000:{period}"]
    assert obs.props == {"value": 0.5, "period": period, "unit": first.values["unit"]}
    about = [r for r in plan.relationships if r.type == "ABOUT"]
    measures = [r for r in plan.relationships if r.type == "MEASURES"]
    assert {r.target for r in about} == {"BU09171000"}
    assert {r.target_label for r in about} == {"Neighbourhood"}
    assert {r.target for r in measures} <= {c.id for c in columns.values()}
    assert first_column in header


def test_explicit_indicators_with_a_period_column(tmp_path: Path, model: OntologyModel) -> None:
    data = """\
    wijk,jaar,inwoners,score
    WK091710,2022,3940,.
    WK091710,2023,3950,7.1
    """
    mapping = """\
    nodes:
      district:
        class: District
        id: "{wijk}"
        observations:
          indicators:
            - {column: inwoners, indicator: "indicator:inhabitants", period: "{jaar}"}
            - column: score
              indicator: indicator:veiligheidsmonitor-liveability-mark
              period: "{jaar}"
              unit: mark 1-10
    """
    path = _write(tmp_path, "t.csv", textwrap.dedent(data), mapping, 'missing: ["."]')
    spec = load_mapping(path)
    plan = plan_from_mapping(spec, read_source(spec), model, source_id="dataset:test")
    observations = sorted(n.id for n in plan.nodes if n.label == "Observation")
    assert observations == [
        "observation:inhabitants:WK091710:2022",
        "observation:inhabitants:WK091710:2023",
        "observation:veiligheidsmonitor-liveability-mark:WK091710:2023",
    ]
    mark = next(n for n in plan.nodes if n.id.startswith("observation:veilig"))
    assert mark.props == {"value": 7.1, "period": "2023", "unit": "mark 1-10"}
    assert sum(1 for n in plan.nodes if n.label == "District") == 2  # one per row, same id


def test_geojson_with_geometry(tmp_path: Path, model: OntologyModel) -> None:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [5.9812, 50.8873]},
            "properties": {"naam": "Speeltuin Molenberg", "buurt": "BU09173100"},
        },
        {
            "type": "Feature",
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[5.97, 50.88], [5.99, 50.88], [5.99, 50.9], [5.97, 50.88]]],
            },
            "properties": {"naam": "Park Molenberg", "buurt": "BU09173100"},
        },
    ]
    geojson = json.dumps({"type": "FeatureCollection", "features": features})
    mapping = """\
    nodes:
      facility:
        class: Playground
        id: "facility:{naam|slug}"
        geometry: true
        properties:
          name: naam
        relationships:
          - type: LOCATED_IN
            target: {id: "{buurt}", class: Neighbourhood}
    """
    data_path = tmp_path / "speelplekken.geojson"
    _write(tmp_path, data_path.name, geojson, mapping)
    assert find_mapping(data_path) == tmp_path / "speelplekken.geojson.mapping.yaml"
    plan, spec, rows = plan_for_file(
        data_path, model, source_id="doc:abc", source_uri="file:///x.geojson"
    )
    assert rows == 2 and spec.dataset.title == "A test table"
    document, point, polygon = plan.nodes
    assert (document.label, document.id, document.props["sourceUri"]) == (
        "Document",
        "doc:abc",
        "file:///x.geojson",
    )
    assert document.props["kind"] == "dataset" and document.props["publisher"] == "Gemeente Heerlen"
    assert point.props["longitude"] == 5.9812 and point.props["latitude"] == 50.8873
    assert json.loads(str(point.props["geometry"])) == features[0]["geometry"]
    assert " " not in str(point.props["geometry"])
    assert polygon.props["longitude"] == pytest.approx(5.98)
    assert polygon.props["latitude"] == pytest.approx(50.89)
    assert {n.source for n in plan.nodes} == {"doc:abc"}
    assert [r.props["sourceRow"] for r in plan.relationships] == [1, 2]


def test_xlsx_through_a_mapping(tmp_path: Path, model: OntologyModel) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Partners"
    sheet.append(["Organisatie", "Type"])
    sheet.append(["Woonpunt", "housing corporation"])
    data_path = tmp_path / "partners.xlsx"
    book.save(data_path)
    (tmp_path / "partners.mapping.yaml").write_text(
        DATASET
        + textwrap.dedent(
            """\
            source: {sheet: Partners}
            nodes:
              org:
                class: {column: Type, map: {housing corporation: HousingCorporation}}
                id: "stakeholder:{Organisatie|slug}"
                properties: {name: Organisatie}
            """
        ),
        encoding="utf-8",
    )
    assert find_mapping(data_path) == tmp_path / "partners.mapping.yaml"
    plan, _, rows = plan_for_file(data_path, model, source_id="doc:x")
    assert rows == 1
    assert [(n.label, n.id) for n in plan.nodes[1:]] == [
        ("HousingCorporation", "stakeholder:woonpunt")
    ]
    assert find_mapping(tmp_path / "other.csv") is None
    with pytest.raises(MappingError, match=r"no mapping file for other\.csv"):
        plan_for_file(tmp_path / "other.csv", model, source_id="doc:y")


def test_redact_applies_to_values_but_not_to_verbatim_columns(
    tmp_path: Path, model: OntologyModel
) -> None:
    data = """\
    code,name,note,contact
    WK091710,Wijk van Jan Jansen,gebeld met Jan Jansen,Jan Jansen
    """
    mapping = """\
    nodes:
      district:
        class: District
        id: "{code}"
        properties:
          code: {column: code, verbatim: true}
          name: name
          note: note
          kind: {value: Jan Jansen}
        relationships:
          - type: ACTIVE_IN
            direction: in
            target: {id: "stakeholder:{contact|slug}", class: Stakeholder}
    """

    def redact(text: str) -> str:
        return text.replace("Jan Jansen", "[PERSOON]").replace("WK", "XX")

    plan = _plan(tmp_path, data, mapping, model, redact=redact)
    (node,) = plan.nodes
    assert node.id == "WK091710" and node.props["code"] == "WK091710"
    assert node.props["name"] == "Wijk van [PERSOON]"
    assert node.props["note"] == "gebeld met [PERSOON]"
    assert node.props["kind"] == "Jan Jansen"  # the mapping's own constant
    (rel,) = plan.relationships
    assert rel.source == "stakeholder:persoon"
    unredacted = _plan(tmp_path, data, mapping, model)
    assert unredacted.nodes[0].props["note"] == "gebeld met Jan Jansen"


def test_only_true_and_false_are_yaml_booleans(tmp_path: Path, model: OntologyModel) -> None:
    mapping = """\
    nodes:
      place:
        when: {column: active, equals: yes}
        class: Municipality
        id: "municipality:{name|slug}"
        geometry: false
        properties:
          name: name
          country: {column: country, map: {NO: Norway, NL: Netherlands}}
    """
    plan = _plan(tmp_path, "name,country,active\nOslo,NO,yes\nBergen,NO,no\n", mapping, model)
    (oslo,) = plan.nodes
    assert oslo.props["country"] == "Norway"
