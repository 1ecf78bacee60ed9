"""GraphQL enums from the ontology's SKOS concept schemes.

Each ``skos:ConceptScheme`` whose concepts are all of one class (``st:IncidentTypeScheme`` →
``IncidentType``, ``ThemeScheme`` → ``Theme``, ``IndicatorScheme`` → ``Indicator``,
``CptedScheme`` → ``CptedPrinciple``) becomes an enum named after the scheme; its members are
the concepts, in UPPER_SNAKE case after their graph ids (``incident-type:explosion`` →
``EXPLOSION``, ``indicator:burglary-per-1000`` → ``BURGLARY_PER_1000``), described by their
English label and definition. The member's value is the concept's node id.

The class then gets a field ``concept`` (the node's member; null for nodes outside the scheme,
such as an incident type a maintainer added) and a filter ``concept: {eq, in}`` in its
``where`` (compiled to a condition on the id, ``gql.filters``)::

    incidents(where: {incidentType: {some: {concept: {in: [EXPLOSION, ARSON]}}}}) { totalCount }
    incidentTypes(where: {concept: {eq: EXPLOSION}}) { edges { node { name concept } } }
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

import strawberry

from ontology.model import Concept, OntologyModel

CONCEPT_FIELD = "concept"
_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Scheme:
    """A concept scheme the API turns into an enum.

    Attributes:
        name: the enum name (the scheme's local name, ``IncidentTypeScheme``).
        cls: the class every concept of the scheme belongs to (``IncidentType``).
        members: enum member → concept id, in id order.
        descriptions: enum member → its description.
    """

    name: str
    cls: str
    members: dict[str, str]
    descriptions: dict[str, str]


def member_name(concept_id: str) -> str:
    """``incident-type:explosion`` → ``EXPLOSION`` (the part after the class prefix)."""
    local = concept_id.split(":", 1)[-1]
    name = re.sub(r"[^A-Za-z0-9]+", "_", local).strip("_").upper()
    if not name or not _NAME_RE.match(name):
        name = f"C_{name}"
    return name


def _description(concept: Concept) -> str:
    label = concept.labels.get("en") or next(iter(concept.labels.values()), concept.id)
    return f"{label}: {concept.definition}" if concept.definition else label


def schemes(model: OntologyModel) -> dict[str, Scheme]:
    """The schemes to turn into enums, by class (schemes spread over several classes, and
    classes with concepts from several schemes, get none: there would be no single field)."""
    by_scheme: dict[str, list[Concept]] = {}
    for concept in model.concepts.values():
        if concept.scheme:
            by_scheme.setdefault(concept.scheme, []).append(concept)
    found: dict[str, Scheme] = {}
    taken: set[str] = set(model.classes)
    clashing: set[str] = set()
    for name, concepts in sorted(by_scheme.items()):
        classes = {c.cls for c in concepts}
        if len(classes) != 1 or name in taken or not _NAME_RE.match(name):
            continue
        cls = classes.pop()
        if cls in found:
            clashing.add(cls)
            continue
        members: dict[str, str] = {}
        descriptions: dict[str, str] = {}
        for concept in sorted(concepts, key=lambda c: c.id):
            member = member_name(concept.id)
            if member in members:
                raise ValueError(
                    f"{name}: {concept.id} and {members[member]} share the enum member {member}"
                )
            members[member] = concept.id
            descriptions[member] = _description(concept)
        found[cls] = Scheme(name, cls, members, descriptions)
    return {cls: scheme for cls, scheme in found.items() if cls not in clashing}


def scheme_enum(scheme: Scheme) -> Any:
    """The strawberry enum of ``scheme`` (values: concept ids)."""
    make: Any = Enum  # the functional API, with a computed name
    python_enum = make(
        scheme.name,
        {
            member: strawberry.enum_value(value, description=scheme.descriptions[member])
            for member, value in scheme.members.items()
        },
    )
    return strawberry.enum(
        python_enum,
        description=f"The concepts of the {scheme.name} concept scheme ({scheme.cls} nodes).",
    )


__all__ = ["CONCEPT_FIELD", "Scheme", "member_name", "scheme_enum", "schemes"]
