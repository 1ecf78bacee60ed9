"""The bundled Heerlen reference data as one write plan: places, indicators, observations,
informal areas and organisations, each fact citing the dataset it comes from."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from graph.writer import NodeRow, RelationshipRow, WritePlan

EXTRACTOR = "twin.seed"
EXTRACTOR_VERSION = "0.1.0"
LEVEL_CLASS = {
    "municipality": "Municipality",
    "district": "District",
    "neighbourhood": "Neighbourhood",
}
CONFIDENCE = {"high": 0.9, "medium": 0.7, "low": 0.5}


@dataclass(frozen=True)
class Dataset:
    id: str
    file: str
    title: str
    publisher: str
    licence: str
    attribution: str


CBS_AREAS = Dataset(
    "dataset:cbs-kwb-heerlen",
    "heerlen_cbs_areas.csv",
    "Kerncijfers wijken en buurten, Heerlen (inhabitants 2020, crime and income 2018)",
    "CBS",
    "CC BY 4.0",
    "Bron: CBS",
)
INFORMAL_AREAS = Dataset(
    "dataset:heerlen-informal-areas",
    "heerlen_informal_areas.csv",
    "Informal areas of Heerlen (project reference list)",
    "Social Digital Twin project",
    "CC BY 4.0",
    "Compiled by the Social Digital Twin project from public descriptions",
)
ORGANISATIONS = Dataset(
    "dataset:heerlen-organisations",
    "heerlen_organisations_partial.csv",
    "Organisations active on safety and liveability in Heerlen (partial list)",
    "Social Digital Twin project",
    "CC BY 4.0",
    "Compiled by the Social Digital Twin project from public sources",
)
DATASETS = (CBS_AREAS, INFORMAL_AREAS, ORGANISATIONS)


@dataclass(frozen=True)
class IndicatorSpec:
    key: str
    column: str
    period: str
    unit: str
    name_en: str
    name_nl: str


INDICATORS = (
    IndicatorSpec("inhabitants", "inhabitants_2020", "2020", "count", "Inhabitants", "Inwoners"),
    IndicatorSpec("households", "households_2020", "2020", "count", "Households", "Huishoudens"),
    IndicatorSpec(
        "low-income-households-pct",
        "pct_low_income_households",
        "2018",
        "%",
        "Share of households with a low income",
        "Huishoudens met een laag inkomen",
    ),
    IndicatorSpec(
        "burglary-per-1000",
        "burglary_per_1000",
        "2018",
        "per 1,000 inhabitants",
        "Registered burglaries (theft from a dwelling) per 1,000 inhabitants",
        "Diefstallen uit woning per 1.000 inwoners",
    ),
    IndicatorSpec(
        "vandalism-public-order-per-1000",
        "vandalism_public_order_per_1000",
        "2018",
        "per 1,000 inhabitants",
        "Registered vandalism and public-order offences per 1,000 inhabitants",
        "Vernielingen en misdrijven tegen de openbare orde per 1.000 inwoners",
    ),
    IndicatorSpec(
        "violent-sexual-offences-per-1000",
        "violent_sexual_offences_per_1000",
        "2018",
        "per 1,000 inhabitants",
        "Registered violent and sexual offences per 1,000 inhabitants",
        "Geweld- en seksuele misdrijven per 1.000 inwoners",
    ),
)


def slug(text: str) -> str:
    """A stable, readable id part: ASCII, lower case, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _rows(dataset: Dataset) -> Iterator[dict[str, str]]:
    text = resources.files("loaders").joinpath("data", dataset.file).read_text(encoding="utf-8")
    yield from csv.DictReader(text.splitlines())


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _rel(
    rel_type: str,
    source: tuple[str, str],
    target: tuple[str, str],
    dataset: Dataset,
    confidence: float = 1.0,
    **props: str | float,
) -> RelationshipRow:
    return RelationshipRow(
        type=rel_type,
        source=source[1],
        source_label=source[0],
        target=target[1],
        target_label=target[0],
        provenance=dataset.id,
        props={
            "extractor": EXTRACTOR,
            "extractorVersion": EXTRACTOR_VERSION,
            "confidence": confidence,
            **props,
        },
    )


def dataset_nodes() -> list[NodeRow]:
    return [
        NodeRow(
            label="Document",
            id=d.id,
            source=d.id,
            props={
                "kind": "dataset",
                "title": d.title,
                "publisher": d.publisher,
                "licence": d.licence,
                "attribution": d.attribution,
                "sourceUri": f"twin:loaders/data/{d.file}",
            },
        )
        for d in DATASETS
    ]


def cbs_plan() -> WritePlan:
    """Places with PART_OF, indicators, and an observation per published figure."""
    plan = WritePlan()
    for spec in INDICATORS:
        plan.nodes.append(
            NodeRow(
                label="Indicator",
                id=f"indicator:{spec.key}",
                source=CBS_AREAS.id,
                props={
                    "name": spec.name_en,
                    "nameNl": spec.name_nl,
                    "unit": spec.unit,
                    "publisher": "CBS",
                },
            )
        )
    for row in _rows(CBS_AREAS):
        label = LEVEL_CLASS[row["level"]]
        code = row["cbs_code"]
        plan.nodes.append(
            NodeRow(
                label=label,
                id=code,
                source=CBS_AREAS.id,
                props={
                    "code": code,
                    "name": row["name"],
                    "codeStatus": row["code_status"],
                    "aliases": [],
                },
            )
        )
        if row["parent_code"]:
            parent_label = "Municipality" if row["parent_code"].startswith("GM") else "District"
            plan.relationships.append(
                _rel("PART_OF", (label, code), (parent_label, row["parent_code"]), CBS_AREAS)
            )
        for spec in INDICATORS:
            raw = row[spec.column].strip()
            if not raw:
                continue  # CBS published no figure here
            obs_id = f"observation:{spec.key}:{code}:{spec.period}"
            plan.nodes.append(
                NodeRow(
                    label="Observation",
                    id=obs_id,
                    source=CBS_AREAS.id,
                    props={"value": float(raw), "period": spec.period, "unit": spec.unit},
                )
            )
            plan.relationships.append(
                _rel(
                    "MEASURES",
                    ("Observation", obs_id),
                    ("Indicator", f"indicator:{spec.key}"),
                    CBS_AREAS,
                )
            )
            plan.relationships.append(
                _rel("ABOUT", ("Observation", obs_id), (label, code), CBS_AREAS)
            )
    return plan


def informal_areas_plan(municipality: str = "GM0917") -> WritePlan:
    plan = WritePlan()
    for row in _rows(INFORMAL_AREAS):
        area_id = f"area:{slug(row['name'])}"
        confidence = CONFIDENCE.get(row["confidence"], 0.5)
        plan.nodes.append(
            NodeRow(
                label="Area",
                id=area_id,
                source=INFORMAL_AREAS.id,
                props={
                    "name": row["name"],
                    "kind": row["kind"],
                    "note": row["note"],
                    "aliases": [],
                },
            )
        )
        plan.relationships.append(
            _rel("PART_OF", ("Area", area_id), ("Municipality", municipality), INFORMAL_AREAS)
        )
        for district in _split(row["member_district_codes"]):
            plan.relationships.append(
                _rel(
                    "COVERS",
                    ("Area", area_id),
                    ("District", district),
                    INFORMAL_AREAS,
                    confidence,
                    confidenceLevel=row["confidence"],
                )
            )
    return plan


def organisations_plan() -> WritePlan:
    plan = WritePlan()
    for row in _rows(ORGANISATIONS):
        plan.nodes.append(
            NodeRow(
                label="Stakeholder",
                id=f"stakeholder:{slug(row['name'])}",
                source=ORGANISATIONS.id,
                props={
                    "name": row["name"],
                    "kind": row["kind"],
                    "aliases": _split(row["aliases"]),
                    "note": row["note"],
                },
            )
        )
    return plan


def seed_plan() -> WritePlan:
    """The whole reference data set as one plan."""
    plan = WritePlan(nodes=dataset_nodes())
    for part in (cbs_plan(), informal_areas_plan(), organisations_plan()):
        plan.extend(part)
    return plan


__all__ = [
    "DATASETS",
    "INDICATORS",
    "cbs_plan",
    "informal_areas_plan",
    "organisations_plan",
    "seed_plan",
    "slug",
]
