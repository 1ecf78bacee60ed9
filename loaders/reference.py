"""The bundled Heerlen reference data as one write plan: places, indicators, observations,
informal areas and organisations, each fact citing the dataset it comes from."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from graph.writer import NodeRow, PropValue, RelationshipRow, WritePlan
from nlp.extraction import GazetteerEntry
from ontology.model import Concept, OntologyModel, load_model

EXTRACTOR = "twin.seed"
ONTOLOGY_SOURCE = "dataset:social-twin-ontology"
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
REGION_PLACES = Dataset(
    "dataset:region-places",
    "region_places.csv",
    "Municipalities and regions around Heerlen (NL, BE, DE) and major cities, with exonyms",
    "Social Digital Twin project",
    "CC BY 4.0",
    "Compiled by the Social Digital Twin project from general public knowledge",
)
KNOWN_ORGANISATIONS = Dataset(
    "dataset:known-organisations",
    "organisations_nl.csv",
    "Public organisations in safety, care and liveability in Limburg, the Netherlands and "
    "across the border",
    "Social Digital Twin project",
    "CC BY 4.0",
    "Compiled by the Social Digital Twin project from general public knowledge",
)
KNOWN_PROGRAMMES = Dataset(
    "dataset:known-programmes",
    "programmes_nl.csv",
    "Named public programmes relevant to Heerlen",
    "Social Digital Twin project",
    "CC BY 4.0",
    "Compiled by the Social Digital Twin project from general public knowledge",
)
DATASETS = (
    CBS_AREAS,
    INFORMAL_AREAS,
    ORGANISATIONS,
    REGION_PLACES,
    KNOWN_ORGANISATIONS,
    KNOWN_PROGRAMMES,
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


def ontology_document(model: OntologyModel) -> NodeRow:
    """The ontology itself as a source: concepts it defines cite it."""
    return NodeRow(
        label="Document",
        id=ONTOLOGY_SOURCE,
        source=ONTOLOGY_SOURCE,
        props={
            "kind": "ontology",
            "title": "Social Digital Twin ontology",
            "version": model.version,
            "publisher": "Social Digital Twin project",
            "licence": "CC BY 4.0",
            "sourceUri": "twin:ontology",
        },
    )


def concept_plan(model: OntologyModel) -> WritePlan:
    """Every individual the ontology defines (incident types, indicators, themes ...) as a
    node, with its labels in three languages, and the links between them (BROADER ...)."""
    plan = WritePlan(nodes=[ontology_document(model)])
    for concept in model.concepts.values():
        names = concept.labels
        aliases = sorted(
            set(names.values()) | {alt for alts in concept.alt_labels.values() for alt in alts}
        )
        props: dict[str, PropValue] = {
            "name": names.get("en") or next(iter(names.values()), concept.id),
            "nameNl": names.get("nl"),
            "nameFr": names.get("fr"),
            "aliases": aliases,
            "definition": concept.definition,
            "iri": concept.iri,
            "scheme": concept.scheme,
            **concept.values,
        }
        plan.nodes.append(
            NodeRow(label=concept.cls, id=concept.id, source=ONTOLOGY_SOURCE, props=props)
        )
        for rel_type, targets in concept.links.items():
            for target in targets:
                plan.relationships.append(
                    RelationshipRow(
                        type=rel_type,
                        source=concept.id,
                        source_label=concept.cls,
                        target=target,
                        target_label=model.concepts[target].cls,
                        provenance=ONTOLOGY_SOURCE,
                        props={
                            "extractor": EXTRACTOR,
                            "extractorVersion": EXTRACTOR_VERSION,
                            "confidence": 1.0,
                        },
                    )
                )
    return plan


def cbs_indicators(model: OntologyModel) -> list[Concept]:
    """The indicators the ontology maps to columns of the bundled CBS table."""
    return [c for c in model.concepts_of("Indicator") if "cbsColumn" in c.values]


def cbs_plan(model: OntologyModel) -> WritePlan:
    """Places with PART_OF and an observation per published figure of each CBS indicator."""
    plan = WritePlan()
    indicators = cbs_indicators(model)
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
        for indicator in indicators:
            raw = row[str(indicator.values["cbsColumn"])].strip()
            if not raw:
                continue  # CBS published no figure here
            period = str(indicator.values.get("referencePeriod", ""))
            key = indicator.id.split(":", 1)[1]
            obs_id = f"observation:{key}:{code}:{period}"
            plan.nodes.append(
                NodeRow(
                    label="Observation",
                    id=obs_id,
                    source=CBS_AREAS.id,
                    props={
                        "value": float(raw),
                        "period": period,
                        "unit": str(indicator.values.get("unit", "")),
                    },
                )
            )
            plan.relationships.append(
                _rel(
                    "MEASURES",
                    ("Observation", obs_id),
                    ("Indicator", indicator.id),
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


# The kinds used in heerlen_organisations_partial.csv, mapped to the ontology's stakeholder
# classes; an unknown kind stays a plain Stakeholder.
KIND_CLASS = {
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


def organisations_plan(model: OntologyModel) -> WritePlan:
    plan = WritePlan()
    for dataset, row in [
        *((ORGANISATIONS, r) for r in _rows(ORGANISATIONS)),
        *((KNOWN_ORGANISATIONS, r) for r in _rows(KNOWN_ORGANISATIONS)),
    ]:
        label = KIND_CLASS.get(row["kind"], "Stakeholder")
        if not model.is_a(label, "Stakeholder"):
            raise ValueError(f"{label} is not a kind of Stakeholder in the ontology")
        plan.nodes.append(
            NodeRow(
                label=label,
                id=f"stakeholder:{slug(row['name'])}",
                source=dataset.id,
                props={
                    "name": row["name"],
                    "kind": row["kind"],
                    "aliases": _split(row["aliases"]),
                    "note": row["note"],
                },
            )
        )
    return plan


def region_places_plan(model: OntologyModel) -> WritePlan:
    """Municipalities and regions outside Heerlen that documents about it name (neighbouring
    towns, cross-border partners, regions). Ids are ``municipality:<slug>``/``area:<slug>``:
    CBS codes are not part of this list."""
    plan = WritePlan()
    for row in _rows(REGION_PLACES):
        label = row["class"]
        if not model.is_a(label, "Place"):
            raise ValueError(f"{REGION_PLACES.file}: {label} is not a kind of Place")
        plan.nodes.append(
            NodeRow(
                label=label,
                id=f"{label.lower()}:{slug(row['name'])}",
                source=REGION_PLACES.id,
                props={
                    "name": row["name"],
                    "country": row["country"],
                    "aliases": _split(row["aliases"]),
                    "note": row["note"],
                },
            )
        )
    return plan


def programmes_plan() -> WritePlan:
    """Named public programmes (national, EU) that documents refer to."""
    return WritePlan(
        nodes=[
            NodeRow(
                label="Programme",
                id=f"programme:{slug(row['name'])}",
                source=KNOWN_PROGRAMMES.id,
                props={"name": row["name"], "aliases": _split(row["aliases"]), "note": row["note"]},
            )
            for row in _rows(KNOWN_PROGRAMMES)
        ]
    )


def gazetteer_entries(model: OntologyModel) -> list[GazetteerEntry]:
    """Exact-match entries for the places and organisations of the bundled reference data,
    for extraction without a database (``twin extract``)."""
    entries: list[GazetteerEntry] = []
    for node in seed_plan(model).nodes:
        if node.id in model.concepts or not model.cls(node.label).mentionable:
            continue
        name = node.props.get("name")
        aliases = node.props.get("aliases")
        if not isinstance(name, str):
            continue
        surfaces = (
            [name, *(a for a in aliases if isinstance(a, str))]
            if isinstance(aliases, list)
            else [name]
        )
        entries += [
            GazetteerEntry(surface=s, id=node.id, type=node.label, name=name) for s in surfaces
        ]
    return entries


def seed_plan(model: OntologyModel | None = None) -> WritePlan:
    """The ontology's concepts and the whole reference data set as one plan."""
    model = model or load_model()
    plan = WritePlan(nodes=dataset_nodes())
    parts = (
        concept_plan(model),
        cbs_plan(model),
        informal_areas_plan(),
        organisations_plan(model),
        region_places_plan(model),
        programmes_plan(),
    )
    for part in parts:
        plan.extend(part)
    return plan


__all__ = [
    "DATASETS",
    "cbs_indicators",
    "concept_plan",
    "gazetteer_entries",
    "cbs_plan",
    "informal_areas_plan",
    "organisations_plan",
    "programmes_plan",
    "region_places_plan",
    "seed_plan",
    "slug",
]
