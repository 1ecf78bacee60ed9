"""The seed plan built from the bundled reference data."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from loaders.reference import DATA_DIR, DATASETS, cbs_indicators, concept_plan, seed_plan, slug
from ontology import load_model


def test_places_and_hierarchy() -> None:
    plan = seed_plan()
    labels = Counter(n.label for n in plan.nodes)
    cbs_places = Counter(n.label for n in plan.nodes if n.source == "dataset:cbs-kwb-heerlen")
    assert cbs_places["Municipality"] == 1
    assert labels["District"] == 23
    assert labels["Neighbourhood"] == 57
    assert labels["Indicator"] == len(load_model().concepts_of("Indicator"))
    assert len(cbs_indicators(load_model())) == 6
    parents = Counter(
        r.source
        for r in plan.relationships
        if r.type == "PART_OF" and r.source_label == "Neighbourhood"
    )
    assert len(parents) == 57 and set(parents.values()) == {1}
    assert all(
        r.target_label == "District"
        for r in plan.relationships
        if r.type == "PART_OF" and r.source_label == "Neighbourhood"
    )


def test_every_place_keeps_its_code_status() -> None:
    places = [
        n
        for n in seed_plan().nodes
        if n.label in {"Municipality", "District", "Neighbourhood"}
        and n.source == "dataset:cbs-kwb-heerlen"
    ]
    statuses = Counter(str(n.props["codeStatus"]) for n in places)
    assert set(statuses) == {
        "official",
        "verified",
        "derived-from-cbs-label",
        "listed-code-name-by-row-order",
        "inferred-from-numbering-pattern",
    }
    assert statuses["derived-from-cbs-label"] == 23


def test_observations_with_value_period_and_no_empty_cells() -> None:
    plan = seed_plan()
    obs = {n.id: n for n in plan.nodes if n.label == "Observation"}
    maria = obs["observation:inhabitants:BU09171000:2020"]
    assert maria.props["value"] == 3460.0 and maria.props["period"] == "2020"
    assert obs["observation:burglary-per-1000:BU09171001:2018"].props["value"] == 11.0
    # Terworm (BU09173600) has only inhabitants and households published.
    terworm = sorted(i for i in obs if ":BU09173600:" in i)
    assert terworm == [
        "observation:households:BU09173600:2020",
        "observation:inhabitants:BU09173600:2020",
    ]
    about = Counter(r.source for r in plan.relationships if r.type == "ABOUT")
    measures = Counter(r.source for r in plan.relationships if r.type == "MEASURES")
    assert set(about) == set(measures) == set(obs)


def test_informal_areas_and_organisations() -> None:
    plan = seed_plan()
    areas = {n.id: n for n in plan.nodes if n.label == "Area"}
    assert {"area:heerlen-noord", "area:gms", "area:msp"} <= set(areas)
    covers = [r for r in plan.relationships if r.type == "COVERS" and r.source == "area:gms"]
    assert [(r.target, r.props["confidenceLevel"]) for r in covers] == [("WK091731", "high")]
    model = load_model()
    orgs = {n.props["name"]: n for n in plan.nodes if model.is_a(n.label, "Stakeholder")}
    heerlen = [n for n in orgs.values() if n.source == "dataset:heerlen-organisations"]
    assert len(heerlen) == 15 and len(orgs) > 40
    assert orgs["Weller"].label == "HousingCorporation"
    assert orgs["Politie Limburg"].label == "Police"
    assert orgs["Gemeente Heerlen"].label == "LocalGovernment"
    assert orgs["Weller"].props["aliases"] == ["Weller Wonen"]
    assert "Université de Maastricht" in orgs["Maastricht University"].props["aliases"]  # type: ignore[operator]


def test_every_fact_cites_a_dataset_document() -> None:
    plan = seed_plan()
    datasets = {n.id for n in plan.nodes if n.label == "Document"}
    assert "dataset:social-twin-ontology" in datasets
    assert {n.source for n in plan.nodes} <= datasets
    assert {r.provenance for r in plan.relationships} <= datasets
    cbs = next(n for n in plan.nodes if n.id == "dataset:cbs-kwb-heerlen")
    assert cbs.props["attribution"] == "Bron: CBS" and cbs.props["licence"] == "CC BY 4.0"


def test_slug() -> None:
    assert slug("Zorg- en Veiligheidshuis Parkstad") == "zorg-en-veiligheidshuis-parkstad"
    assert slug("Université de Maastricht") == "universite-de-maastricht"


def test_places_outside_heerlen_have_a_country_and_no_invented_cbs_code() -> None:
    model = load_model()
    plan = seed_plan(model)
    region = [
        n for n in plan.nodes if n.source == "dataset:region-places" and n.label != "Document"
    ]
    assert {n.label for n in region} == {"Municipality", "Area"}
    by_name = {n.props["name"]: n for n in region}
    assert by_name["Liège"].id == "municipality:liege"
    assert {"Luik", "Lüttich"} <= set(by_name["Liège"].props["aliases"])  # type: ignore[arg-type]
    assert by_name["Kerkrade"].props["country"] == "NL"
    assert all("code" not in n.props for n in region)
    programmes = {n.props["name"] for n in plan.nodes if n.label == "Programme"}
    assert "Nationaal Programma Heerlen-Noord" in programmes


# ------------------------------------------------------------------ the mappings are the old code

# The seed was hand-written Python before the bundled tables got mapping files. This is that
# code in short, as the specification the mappings must meet: the same nodes and relationships
# (the mapping adds only ``sourceRow`` to relationships).
_LEVEL = {"municipality": "Municipality", "district": "District", "neighbourhood": "Neighbourhood"}
_KIND = {
    "municipality": "LocalGovernment",
    "police": "Police",
    "public prosecution": "JusticeOrganisation",
    "neighbourhood team": "NeighbourhoodTeam",
    "youth-care cooperative": "YouthCareProvider",
    "housing corporation": "HousingCorporation",
    "research campus": "ResearchInstitute",
    "university": "ResearchInstitute",
    "research institute": "ResearchInstitute",
    "statistics office": "StatisticsOffice",
    "foundation": "Foundation",
    "safety house": "CareAndSafetyNetwork",
    "province": "LocalGovernment",
    "regional partnership": "Partnership",
    "partnership": "Partnership",
    "safety region": "LocalGovernment",
    "public health service": "CareProvider",
    "care provider": "CareProvider",
    "welfare organisation": "CareProvider",
    "charity": "Foundation",
    "justice organisation": "JusticeOrganisation",
    "business": "Business",
    "school board": "SchoolBoard",
}
_CONFIDENCE = {"high": 0.9, "medium": 0.7, "low": 0.5}


def _csv(name: str) -> list[dict[str, str]]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _legacy_seed() -> tuple[list[Any], list[Any]]:
    """(label, id, props, source) and (type, source, source label, target, target label,
    props, provenance) as the hand-written seed made them."""
    model = load_model()
    nodes: list[Any] = []
    rels: list[Any] = []

    def rel(
        kind: str,
        src: tuple[str, str],
        tgt: tuple[str, str],
        ds: str,
        conf: float = 1.0,
        **extra: Any,
    ) -> None:
        props = {"extractor": "twin.seed", "extractorVersion": "0.1.0", "confidence": conf, **extra}
        rels.append((kind, src[1], src[0], tgt[1], tgt[0], props, ds))

    cbs = "dataset:cbs-kwb-heerlen"
    for row in _csv("heerlen_cbs_areas.csv"):
        label, code = _LEVEL[row["level"]], row["cbs_code"]
        props = {"code": code, "name": row["name"], "codeStatus": row["code_status"], "aliases": []}
        nodes.append((label, code, props, cbs))
        if row["parent_code"]:
            parent = "Municipality" if row["parent_code"].startswith("GM") else "District"
            rel("PART_OF", (label, code), (parent, row["parent_code"]), cbs)
        for indicator in cbs_indicators(model):
            raw = row[str(indicator.values["cbsColumn"])].strip()
            if raw:
                period = str(indicator.values.get("referencePeriod", ""))
                obs = f"observation:{indicator.id.split(':', 1)[1]}:{code}:{period}"
                unit = str(indicator.values.get("unit", ""))
                nodes.append(
                    ("Observation", obs, {"value": float(raw), "period": period, "unit": unit}, cbs)
                )
                rel("MEASURES", ("Observation", obs), ("Indicator", indicator.id), cbs)
                rel("ABOUT", ("Observation", obs), (label, code), cbs)
    informal = "dataset:heerlen-informal-areas"
    for row in _csv("heerlen_informal_areas.csv"):
        area = ("Area", f"area:{slug(row['name'])}")
        props = {"name": row["name"], "kind": row["kind"], "note": row["note"], "aliases": []}
        nodes.append((*area, props, informal))
        rel("PART_OF", area, ("Municipality", "GM0917"), informal)
        for district in _split(row["member_district_codes"]):
            conf = _CONFIDENCE.get(row["confidence"], 0.5)
            rel(
                "COVERS",
                area,
                ("District", district),
                informal,
                conf,
                confidenceLevel=row["confidence"],
            )
    for ds, name in (
        ("dataset:heerlen-organisations", "heerlen_organisations_partial.csv"),
        ("dataset:known-organisations", "organisations_nl.csv"),
    ):
        for row in _csv(name):
            props = {
                "name": row["name"],
                "kind": row["kind"],
                "aliases": _split(row["aliases"]),
                "note": row["note"],
            }
            label = _KIND.get(row["kind"], "Stakeholder")
            nodes.append((label, f"stakeholder:{slug(row['name'])}", props, ds))
    for row in _csv("region_places.csv"):
        props = {
            "name": row["name"],
            "country": row["country"],
            "aliases": _split(row["aliases"]),
            "note": row["note"],
        }
        node_id = f"{row['class'].lower()}:{slug(row['name'])}"
        nodes.append((row["class"], node_id, props, "dataset:region-places"))
    for row in _csv("programmes_nl.csv"):
        props = {"name": row["name"], "aliases": _split(row["aliases"]), "note": row["note"]}
        node_id = f"programme:{slug(row['name'])}"
        nodes.append(("Programme", node_id, props, "dataset:known-programmes"))
    return nodes, rels


def _canonical(items: Iterable[Any]) -> list[str]:
    return sorted(json.dumps(item, sort_keys=True, ensure_ascii=False) for item in items)


def test_the_mappings_plan_what_the_hand_written_seed_planned() -> None:
    model = load_model()
    plan = seed_plan(model)
    concepts = concept_plan(model)
    concept_ids = {n.id for n in concepts.nodes}
    nodes = [
        (n.label, n.id, n.props, n.source)
        for n in plan.nodes
        if n.label != "Document" and n.id not in concept_ids
    ]
    assert all(not n.create_props for n in plan.nodes)
    rels = []
    for r in plan.relationships:
        if r.provenance == "dataset:social-twin-ontology":
            continue
        props = dict(r.props)
        assert isinstance(props.pop("sourceRow"), int)
        rels.append(
            (r.type, r.source, r.source_label, r.target, r.target_label, props, r.provenance)
        )
    expected_nodes, expected_rels = _legacy_seed()
    assert _canonical(nodes) == _canonical(expected_nodes)
    assert _canonical(rels) == _canonical(expected_rels)
    assert len(plan.relationships) - len(rels) == len(concepts.relationships)


def test_every_bundled_dataset_has_a_mapping_and_a_document() -> None:
    datasets = {d.id: d for d in DATASETS}
    assert set(datasets) == {
        "dataset:cbs-kwb-heerlen",
        "dataset:heerlen-informal-areas",
        "dataset:heerlen-organisations",
        "dataset:region-places",
        "dataset:known-organisations",
        "dataset:known-programmes",
    }
    assert {d.file for d in DATASETS} == {p.name for p in DATA_DIR.glob("*.csv")}
    documents = {n.id: n for n in seed_plan().nodes if n.label == "Document"}
    for dataset in DATASETS:
        doc = documents[dataset.id]
        assert doc.props == {
            "kind": "dataset",
            "title": dataset.title,
            "publisher": dataset.publisher,
            "licence": dataset.licence,
            "attribution": dataset.attribution,
            "sourceUri": f"twin:loaders/data/{dataset.file}",
        }
    seed_relationships = seed_plan().relationships
    assert {r.props["extractor"] for r in seed_relationships} == {"twin.seed"}
