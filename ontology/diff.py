"""Compare two versions of the ontology: added, removed and changed classes, relationship
types, properties and concepts (``twin ontology diff OLD NEW``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ontology.model import OntologyModel


@dataclass(frozen=True)
class Change:
    """One difference: ``kind`` is ``added``, ``removed`` or ``changed``."""

    kind: str
    section: str  # class | relationship | property | concept
    name: str
    details: tuple[str, ...] = ()

    def line(self) -> str:
        mark = {"added": "+", "removed": "-", "changed": "~"}[self.kind]
        text = f"{mark} {self.section} {self.name}"
        return text + (": " + "; ".join(self.details) if self.details else "")


def _fields(value: Any) -> dict[str, Any]:
    return {k: v for k, v in asdict(value).items() if not k.startswith("_")}


def _details(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
    found = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if isinstance(before, dict) and isinstance(after, dict):
            for sub in sorted(set(before) | set(after)):
                if before.get(sub) != after.get(sub):
                    found.append(f"{key}.{sub}: {before.get(sub)!r} → {after.get(sub)!r}")
        else:
            found.append(f"{key}: {before!r} → {after!r}")
    return tuple(found)


def _compare(section: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    changes = [Change("added", section, name) for name in sorted(set(new) - set(old))]
    changes += [Change("removed", section, name) for name in sorted(set(old) - set(new))]
    for name in sorted(set(old) & set(new)):
        details = _details(_fields(old[name]), _fields(new[name]))
        if details:
            changes.append(Change("changed", section, name, details))
    return changes


def diff(old: OntologyModel, new: OntologyModel) -> list[Change]:
    """Every difference between two models, classes first."""
    changes = _compare("class", old.classes, new.classes)
    changes += _compare("relationship", old.relationships, new.relationships)
    changes += _compare("property", old.properties, new.properties)
    changes += _compare("concept", old.concepts, new.concepts)
    if old.version != new.version:
        changes.insert(
            0, Change("changed", "ontology", "version", (f"{old.version} → {new.version}",))
        )
    return changes


__all__ = ["Change", "diff"]
