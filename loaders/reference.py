"""The bundled Heerlen reference data as one write plan: the ontology's concepts, and every
table under ``loaders/data`` that a mapping file in ``loaders/data/mappings`` describes
(CBS places and figures, informal areas, organisations, region places, programmes), each
fact citing the dataset it comes from.

There is no dataset-specific code here: a new bundled table needs only its CSV and a mapping
file (docs/mappings.md).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from graph.writer import NodeRow, PropValue, RelationshipRow, WritePlan
from loaders.mapping import (
    MappingSpec,
    dataset_node,
    load_mapping,
    ontology_indicators,
    plan_from_mapping,
    read_source,
    slug,
)
from nlp.extraction import GazetteerEntry
from ontology.model import Concept, OntologyModel, load_model

EXTRACTOR = "twin.seed"
ONTOLOGY_SOURCE = "dataset:social-twin-ontology"
EXTRACTOR_VERSION = "0.1.0"
DATA_DIR = Path(__file__).resolve().parent / "data"
MAPPINGS_DIR = DATA_DIR / "mappings"
SOURCE_URI_PREFIX = "twin:loaders/data/"


@dataclass(frozen=True)
class Dataset:
    """A bundled dataset as its mapping file describes it."""

    id: str
    file: str
    title: str
    publisher: str | None
    licence: str | None
    attribution: str | None
    mapping: str


@functools.cache
def bundled_mappings() -> tuple[MappingSpec, ...]:
    """Every mapping file of the bundled data (``loaders/data/mappings/*.yaml``), in file
    name order."""
    return tuple(load_mapping(path) for path in sorted(MAPPINGS_DIR.glob("*.yaml")))


def _source_file(spec: MappingSpec) -> str:
    path = spec.source_path
    assert path is not None, f"{spec.name} names no source file"
    return path.relative_to(DATA_DIR).as_posix()


def _dataset(spec: MappingSpec) -> Dataset:
    meta = spec.dataset
    return Dataset(
        id=meta.id,
        file=_source_file(spec),
        title=meta.title,
        publisher=meta.publisher,
        licence=meta.licence,
        attribution=meta.attribution,
        mapping=spec.name,
    )


DATASETS = tuple(_dataset(spec) for spec in bundled_mappings())


def dataset_nodes() -> list[NodeRow]:
    """A Document node (kind ``dataset``) per bundled dataset."""
    return [
        dataset_node(spec, source_uri=SOURCE_URI_PREFIX + _source_file(spec))
        for spec in bundled_mappings()
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
    """The indicators the ontology maps to columns of CBS tables (``cbsColumn``)."""
    return ontology_indicators(model)


def mapping_plan(spec: MappingSpec, model: OntologyModel) -> WritePlan:
    """The plan of one bundled table through its mapping, citing the mapping's dataset."""
    return plan_from_mapping(
        spec,
        read_source(spec),
        model,
        source_id=spec.dataset.id,
        extractor=EXTRACTOR,
        extractor_version=EXTRACTOR_VERSION,
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
    plan.extend(concept_plan(model))
    for spec in bundled_mappings():
        plan.extend(mapping_plan(spec, model))
    return plan


__all__ = [
    "DATASETS",
    "Dataset",
    "bundled_mappings",
    "cbs_indicators",
    "concept_plan",
    "dataset_nodes",
    "gazetteer_entries",
    "mapping_plan",
    "seed_plan",
    "slug",
]
