"""GraphQL object types of the twin and their relation fields (resolved through DataLoaders).

Labels and relationship types are checked against the ontology when this module is imported,
so a renamed class or relationship fails loudly instead of returning empty lists.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from gql.context import Context, Item
from ontology.model import load_model

_MODEL = load_model()


def _label(name: str) -> str:
    return _MODEL.cls(name).label


def _rel(name: str) -> str:
    return _MODEL.rel(name).type


PLACE, MUNICIPALITY, DISTRICT, NEIGHBOURHOOD, AREA = (
    _label(n) for n in ("Place", "Municipality", "District", "Neighbourhood", "Area")
)
STAKEHOLDER, INDICATOR, OBSERVATION, DOCUMENT = (
    _label(n) for n in ("Stakeholder", "Indicator", "Observation", "Document")
)
PART_OF, COVERS, MEASURES, ABOUT, MENTIONS = (
    _rel(n) for n in ("PART_OF", "COVERS", "MEASURES", "ABOUT", "MENTIONS")
)

Ctx = Info[Context, None]


def _str(data: Item, key: str) -> str | None:
    value = data.get(key)
    return None if value is None else str(value)


async def _related(
    info: Ctx, source_label: str, node_id: str, rel_type: str, outgoing: bool, target_label: str
) -> list[Item]:
    loader = info.context.related(source_label, rel_type, outgoing, target_label)
    return await loader.load(node_id)


@strawberry.type(description="A source: a text document or a dataset that facts come from.")
class Document:
    id: strawberry.ID
    kind: str | None
    title: str | None
    source_uri: str | None
    media_type: str | None
    language: str | None
    ingested_at: str | None
    publisher: str | None
    licence: str | None
    attribution: str | None

    @classmethod
    def from_data(cls, data: Item) -> Document:
        return cls(
            id=strawberry.ID(str(data["id"])),
            kind=_str(data, "kind"),
            title=_str(data, "title"),
            source_uri=_str(data, "sourceUri"),
            media_type=_str(data, "mediaType"),
            language=_str(data, "language"),
            ingested_at=_str(data, "ingestedAt"),
            publisher=_str(data, "publisher"),
            licence=_str(data, "licence"),
            attribution=_str(data, "attribution"),
        )


@strawberry.type(description="Where a document names an entity: character offsets and surface.")
class Mention:
    document: Document
    start: int
    end: int
    text: str | None
    confidence: float | None
    extractor: str | None


@strawberry.type(description="A measurable quantity about a place.")
class Indicator:
    id: strawberry.ID
    name: str
    name_nl: str | None
    unit: str | None

    @classmethod
    def from_data(cls, data: Item) -> Indicator:
        return cls(
            id=strawberry.ID(str(data["id"])),
            name=str(data.get("name", "")),
            name_nl=_str(data, "nameNl"),
            unit=_str(data, "unit"),
        )


@strawberry.type(description="The value of an indicator for a place and period.")
class Observation:
    id: strawberry.ID
    value: float
    period: str | None
    unit: str | None

    @classmethod
    def from_data(cls, data: Item) -> Observation:
        return cls(
            id=strawberry.ID(str(data["id"])),
            value=float(data["value"]),
            period=_str(data, "period"),
            unit=_str(data, "unit"),
        )

    @strawberry.field(description="The indicator this observation is a value of.")
    async def indicator(self, info: Ctx) -> Indicator | None:
        items = await _related(info, OBSERVATION, self.id, MEASURES, True, INDICATOR)
        return Indicator.from_data(items[0]["node"]) if items else None

    @strawberry.field(description="The place this observation is about.")
    async def place(self, info: Ctx) -> Place | None:
        items = await _related(info, OBSERVATION, self.id, ABOUT, True, PLACE)
        return place_from_data(items[0]["node"]) if items else None


async def _observations(
    info: Ctx, label: str, node_id: str, indicator: list[str] | None
) -> list[Observation]:
    items = await _related(info, label, node_id, ABOUT, False, OBSERVATION)
    observations = [Observation.from_data(i["node"]) for i in items]
    if indicator:
        wanted = set(indicator)
        kept = []
        for obs in observations:
            ind = await obs.indicator(info)
            if ind is not None and ind.id in wanted:
                kept.append(obs)
        return kept
    return observations


async def _mentions(info: Ctx, label: str, node_id: str) -> list[Mention]:
    items = await _related(info, label, node_id, MENTIONS, False, DOCUMENT)
    return [
        Mention(
            document=Document.from_data(i["node"]),
            start=int(i["rel"].get("start", 0)),
            end=int(i["rel"].get("end", 0)),
            text=i["rel"].get("text"),
            confidence=i["rel"].get("confidence"),
            extractor=i["rel"].get("extractor"),
        )
        for i in items
    ]


def _documents(mentions: list[Mention]) -> list[Document]:
    seen: dict[str, Document] = {}
    for mention in mentions:
        seen.setdefault(mention.document.id, mention.document)
    return list(seen.values())


@strawberry.interface(description="A geographic unit: administrative area, informal area, street.")
class Place:
    id: strawberry.ID
    name: str
    code: str | None = strawberry.field(description="The CBS code (GM/WK/BU) of CBS areas.")
    code_status: str | None = strawberry.field(
        description="How sure the CBS code is (official, verified, derived-from-cbs-label, "
        "listed-code-name-by-row-order, inferred-from-numbering-pattern)."
    )

    _label: strawberry.Private[str]

    @strawberry.field(
        description="Values of indicators for this place (optionally only the "
        "indicators with these ids)."
    )
    async def observations(
        self, info: Ctx, indicator: list[str] | None = None
    ) -> list[Observation]:
        return await _observations(info, self._label, self.id, indicator)

    @strawberry.field(description="Where documents name this place.")
    async def mentions(self, info: Ctx) -> list[Mention]:
        return await _mentions(info, self._label, self.id)

    @strawberry.field(description="The documents that name this place.")
    async def documents(self, info: Ctx) -> list[Document]:
        return _documents(await _mentions(info, self._label, self.id))


def _place_kwargs(data: Item) -> dict[str, Any]:
    return {
        "id": strawberry.ID(str(data["id"])),
        "name": str(data.get("name", "")),
        "code": _str(data, "code"),
        "code_status": _str(data, "codeStatus"),
    }


@strawberry.type(description="A municipality (CBS GMxxxx).")
class Municipality(Place):
    @classmethod
    def from_data(cls, data: Item) -> Municipality:
        return cls(**_place_kwargs(data), _label=MUNICIPALITY)

    @strawberry.field(description="The CBS districts of this municipality.")
    async def districts(self, info: Ctx) -> list[District]:
        items = await _related(info, MUNICIPALITY, self.id, PART_OF, False, DISTRICT)
        return [District.from_data(i["node"]) for i in items]


@strawberry.type(description="A CBS district (wijk, WKxxxxxx).")
class District(Place):
    @classmethod
    def from_data(cls, data: Item) -> District:
        return cls(**_place_kwargs(data), _label=DISTRICT)

    @strawberry.field(description="The municipality this district is part of.")
    async def municipality(self, info: Ctx) -> Municipality | None:
        items = await _related(info, DISTRICT, self.id, PART_OF, True, MUNICIPALITY)
        return Municipality.from_data(items[0]["node"]) if items else None

    @strawberry.field(description="The CBS neighbourhoods of this district.")
    async def neighbourhoods(self, info: Ctx) -> list[Neighbourhood]:
        items = await _related(info, DISTRICT, self.id, PART_OF, False, NEIGHBOURHOOD)
        return [Neighbourhood.from_data(i["node"]) for i in items]

    @strawberry.field(description="Informal areas that cover this district.")
    async def areas(self, info: Ctx) -> list[Area]:
        items = await _related(info, DISTRICT, self.id, COVERS, False, AREA)
        return [Area.from_data(i["node"]) for i in items]


@strawberry.type(description="A CBS neighbourhood (buurt, BUxxxxxxxx).")
class Neighbourhood(Place):
    @classmethod
    def from_data(cls, data: Item) -> Neighbourhood:
        return cls(**_place_kwargs(data), _label=NEIGHBOURHOOD)

    @strawberry.field(description="The district this neighbourhood is part of.")
    async def district(self, info: Ctx) -> District | None:
        items = await _related(info, NEIGHBOURHOOD, self.id, PART_OF, True, DISTRICT)
        return District.from_data(items[0]["node"]) if items else None


@strawberry.type(description="An informal area that is not a CBS unit (Heerlen-Noord, GMS).")
class Area(Place):
    kind: str | None
    note: str | None

    @classmethod
    def from_data(cls, data: Item) -> Area:
        return cls(
            **_place_kwargs(data), kind=_str(data, "kind"), note=_str(data, "note"), _label=AREA
        )

    @strawberry.field(description="The CBS districts this area covers.")
    async def covers(self, info: Ctx) -> list[District]:
        items = await _related(info, AREA, self.id, COVERS, True, DISTRICT)
        return [District.from_data(i["node"]) for i in items]


@strawberry.type(description="An organisation or partnership. Never a person.")
class Stakeholder:
    id: strawberry.ID
    name: str
    kind: str | None
    aliases: list[str]
    note: str | None

    @classmethod
    def from_data(cls, data: Item) -> Stakeholder:
        return cls(
            id=strawberry.ID(str(data["id"])),
            name=str(data.get("name", "")),
            kind=_str(data, "kind"),
            aliases=list(data.get("aliases") or []),
            note=_str(data, "note"),
        )

    @strawberry.field(description="Where documents name this organisation.")
    async def mentions(self, info: Ctx) -> list[Mention]:
        return await _mentions(info, STAKEHOLDER, self.id)


_PLACE_TYPES: dict[str, Any] = {
    MUNICIPALITY: Municipality,
    DISTRICT: District,
    NEIGHBOURHOOD: Neighbourhood,
    AREA: Area,
}


def place_from_data(data: Item) -> Place | None:
    """The most specific place type for a node dict carrying ``labels``."""
    for label in data.get("labels", []):
        if label in _PLACE_TYPES:
            result: Place = _PLACE_TYPES[label].from_data(data)
            return result
    return None


__all__ = [
    "Area",
    "District",
    "Document",
    "Indicator",
    "Mention",
    "Municipality",
    "Neighbourhood",
    "Observation",
    "Place",
    "Stakeholder",
    "place_from_data",
]
