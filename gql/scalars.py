"""How ontology datatype properties become GraphQL values: the Python type of each XSD range,
the field annotation of a property, and the conversion of a stored value (Neo4j temporal
values become ISO 8601 strings)."""

from __future__ import annotations

from typing import Any

from ontology.model import DataProperty

SCALARS: dict[str, type] = {
    "string": str,
    "anyURI": str,
    "decimal": float,
    "double": float,
    "float": float,
    "integer": int,
    "int": int,
    "nonNegativeInteger": int,
    "boolean": bool,
    "date": str,
    "dateTime": str,
}


def annotation(prop: DataProperty) -> Any:
    """The field type of ``prop``: its range's Python type (a list when multi-valued), nullable."""
    base = SCALARS.get(prop.range or "string", str)
    return list[base] | None if prop.multi_valued else base | None  # type: ignore[valid-type]


def coerce(value: Any, prop: DataProperty) -> Any:
    """A stored value of ``prop`` as its field returns it."""
    if value is None:
        return [] if prop.multi_valued else None
    if prop.multi_valued:
        return list(value) if isinstance(value, list | tuple) else [value]
    base = SCALARS.get(prop.range or "string", str)
    if base is str and not isinstance(value, str):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    if base in (int, float) and isinstance(value, int | float):
        return base(value)
    return value


__all__ = ["SCALARS", "annotation", "coerce"]
