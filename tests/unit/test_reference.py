"""The seed plan built from the bundled reference data."""

from __future__ import annotations

from collections import Counter

from loaders.reference import cbs_indicators, seed_plan, slug
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
