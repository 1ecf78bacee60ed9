"""Declarative mappings: a YAML file says how the rows of a table (CSV, XLSX, GeoJSON) become
nodes, relationships and observations of the ontology. docs/mappings.md is the reference.

A mapping names the dataset (for its Document node), the source file and its format options,
and one or more node templates. Each template gives the node's class (fixed, from a column
through a value map, or from the prefix of its id), an id template (``"{cbs_code}"``,
``"stakeholder:{name|slug}"``), properties from columns, constants or templates, conditions
(``when``), relationships to other nodes, and observations of indicators.

``plan_from_mapping`` checks the mapping against the ontology first (classes exist and are
concrete, relationship types exist, domain and range fit, the columns are in the table) and
raises ``MappingError`` naming the mapping file and the field; then it turns every row into
``NodeRow``/``RelationshipRow`` entries of one ``WritePlan``. Every node cites ``source_id``;
every relationship carries the extractor, its version, a confidence and the row number
(``sourceRow``). With ``redact``, every value read from a column passes through it before it
is stored or used in an id, except the columns that a ``verbatim: true`` property reads.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NoReturn

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from graph.writer import NodeRow, PropValue, RelationshipRow, WritePlan
from loaders.tables import Cell, Row, Table, TableFormat, read_table, representative_point
from ontology.model import Concept, OntologyModel
from twin.errors import IngestError

MAPPING_EXTRACTOR = "twin.mapping"
EXTRACTOR_VERSION = "0.1.0"
FROM_ONTOLOGY = "from-ontology"
INDICATOR_COLUMN = "cbsColumn"  # the Indicator property naming its column in CBS tables
EACH = "each"  # the placeholder of one item of a relationship's ``for_each`` column
GEOMETRY_PROPERTIES = ("geometry", "longitude", "latitude")
RESERVED_PROPERTIES = frozenset({"id", "sources"})
PROVENANCE_PROPERTIES = frozenset({"extractor", "extractorVersion", "confidence", "sourceRow"})
MAPPING_SUFFIXES = (".mapping.yaml", ".mapping.yml")
TRUE_WORDS = frozenset({"true", "yes", "y", "1", "ja", "j", "waar", "oui", "vrai"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "nee", "onwaar", "non", "faux"})
_PROPERTY_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_DELIMITER_WORDS = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t"}


class MappingError(IngestError):
    """A mapping file is invalid, does not fit the ontology or the table, or a row does not
    fit the mapping. The message names the mapping file and the field."""


def slug(text: str) -> str:
    """A stable, readable id part: ASCII, lower case, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


FILTERS: dict[str, Callable[[str], str]] = {
    "slug": slug,
    "lower": str.lower,
    "upper": str.upper,
    "strip": str.strip,
}


# ------------------------------------------------------------------ templates


@dataclass(frozen=True)
class Placeholder:
    column: str
    filters: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    """``"stakeholder:{name|slug}"``: literal text and ``{column|filter|...}`` placeholders;
    ``{{`` and ``}}`` are literal braces."""

    text: str
    parts: tuple[str | Placeholder, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(p.column for p in self.parts if isinstance(p, Placeholder))

    def render(self, value: Callable[[str], str]) -> str:
        """The text with each placeholder replaced by ``value(column)`` put through its
        filters; ``EmptyPlaceholderError`` when a placeholder comes out empty."""
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            text = value(part.column)
            for name in part.filters:
                text = FILTERS[name](text)
            if not text:
                raise EmptyPlaceholderError(part.column)
            out.append(text)
        return "".join(out)


class EmptyPlaceholderError(Exception):
    """A template placeholder has no value in this row."""

    def __init__(self, column: str) -> None:
        super().__init__(column)
        self.column = column


_TEMPLATE_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def parse_template(text: str) -> Template:
    """Parse a template; ValueError for a stray brace, an empty placeholder or an unknown
    filter."""
    parts: list[str | Placeholder] = []
    position = 0
    for match in _TEMPLATE_TOKEN.finditer(text):
        literal = text[position : match.start()]
        token = match.group(0)
        if token in ("{{", "}}"):
            literal += token[0]
        elif token in ("{", "}"):
            raise ValueError(f"stray {token!r} in template {text!r} (write {token * 2} for it)")
        if literal:
            if parts and isinstance(parts[-1], str):
                parts[-1] += literal
            else:
                parts.append(literal)
        if match.group(1) is not None:
            column, *filters = (piece.strip() for piece in match.group(1).split("|"))
            if not column:
                raise ValueError(f"empty placeholder in template {text!r}")
            unknown = [f for f in filters if f not in FILTERS]
            if unknown:
                known = ", ".join(FILTERS)
                raise ValueError(f"unknown filter {unknown[0]!r} in {text!r} (known: {known})")
            parts.append(Placeholder(column, tuple(filters)))
        position = match.end()
    if position < len(text):
        rest = text[position:]
        if parts and isinstance(parts[-1], str):
            parts[-1] += rest
        else:
            parts.append(rest)
    return Template(text, tuple(parts))


def _check_template(value: str | None) -> str | None:
    if value is not None:
        parse_template(value)
    return value


# ------------------------------------------------------------------ the mapping file


class _Spec(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, coerce_numbers_to_str=True
    )


def _only(values: dict[str, Any], names: Iterable[str], what: str) -> None:
    given = [n for n in names if values.get(n) is not None]
    if len(given) != 1:
        raise ValueError(f"{what} needs exactly one of {', '.join(names)} (has: {given or 'none'})")


class DatasetSpec(_Spec):
    """Who publishes the table and under which licence: the dataset's Document node."""

    id: str = Field(min_length=1, pattern=r"^\S+$")
    title: str = Field(min_length=1)
    publisher: str | None = None
    licence: str | None = None
    attribution: str | None = None


class SourceSpec(_Spec):
    """The table file (relative to the mapping file) and how to read it."""

    file: str | None = None
    format: TableFormat | None = None
    sheet: str | None = None
    delimiter: str | None = None
    header_row: int = Field(default=1, ge=1)
    encoding: str = "utf-8"
    missing: tuple[str, ...] = ()  # cell texts that mean "no value", e.g. "." or "-"

    @field_validator("delimiter")
    @classmethod
    def _delimiter(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = _DELIMITER_WORDS.get(value.lower(), value)
        if value not in (",", ";", "\t"):
            raise ValueError("delimiter must be ',', ';' or 'tab'")
        return value


class Condition(_Spec):
    """``when``: the cell of ``column`` is not empty (the default), is empty
    (``empty: true``), equals a text, or is one of several texts (``in``)."""

    column: str = Field(min_length=1)
    equals: str | None = None
    in_: tuple[str, ...] | None = Field(default=None, alias="in")
    empty: bool = False

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"column": data} if isinstance(data, str) else data


def _conditions(data: Any) -> Any:
    return [data] if isinstance(data, str | dict) else data


class ClassSpec(_Spec):
    """The class of a node: ``name`` (fixed), from a ``column`` (its value, or through
    ``map``), or from the ``prefix`` of the node's id; ``default`` for values the map or the
    prefixes do not cover; ``kind_of`` restricts the classes to one branch of the ontology."""

    name: str | None = None
    column: str | None = None
    map: dict[str, str] = Field(default_factory=dict)
    prefix: dict[str, str] = Field(default_factory=dict)
    default: str | None = None
    kind_of: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _one_way(self) -> ClassSpec:
        _only(
            {"name": self.name, "column": self.column, "prefix": self.prefix or None},
            ("name", "column", "prefix"),
            "class",
        )
        if self.map and not self.column:
            raise ValueError("class: 'map' needs 'column'")
        return self


class ValueSpec(_Spec):
    """A property: from a ``column``, a constant ``value`` or a ``template``; typed."""

    column: str | None = None
    value: str | int | float | bool | list[str] | list[int] | list[float] | None = None
    template: str | None = None
    type: Literal["string", "int", "float", "bool", "list"] = "string"
    separator: str = Field(default=";", min_length=1)
    map: dict[str, str] | None = None
    default: str | None = None
    verbatim: bool = False
    omit_empty: bool = False

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"column": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _one_source(self) -> ValueSpec:
        given = {
            "column": self.column,
            "value": True if "value" in self.model_fields_set else None,
            "template": self.template,
        }
        _only(given, ("column", "value", "template"), "a property")
        if self.default is not None and self.map is None:
            raise ValueError("'default' goes with 'map'")
        return self

    _template = field_validator("template")(_check_template)


class ConfidenceSpec(_Spec):
    """A relationship's confidence: a constant, or a column's value (a number, or a word
    through ``map`` with a ``default``)."""

    value: float | None = Field(default=None, ge=0, le=1)
    column: str | None = None
    map: dict[str, float] | None = None
    default: float | None = Field(default=None, ge=0, le=1)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"value": data} if isinstance(data, int | float) else data

    @model_validator(mode="after")
    def _one_source(self) -> ConfidenceSpec:
        _only({"value": self.value, "column": self.column}, ("value", "column"), "confidence")
        if self.map and any(not 0 <= v <= 1 for v in self.map.values()):
            raise ValueError("confidence values must lie between 0 and 1")
        return self


class TargetSpec(_Spec):
    """The other end of a relationship: another ``node`` template of the same row, or an
    ``id`` template with its ``class``."""

    node: str | None = None
    id: str | None = None
    class_: ClassSpec | None = Field(default=None, alias="class")

    _id = field_validator("id")(_check_template)

    @model_validator(mode="after")
    def _one_way(self) -> TargetSpec:
        _only({"node": self.node, "id": self.id}, ("node", "id"), "target")
        if self.id is not None and self.class_ is None:
            raise ValueError("a target 'id' needs a 'class'")
        if self.node is not None and self.class_ is not None:
            raise ValueError("a target 'node' has its own class; drop 'class'")
        return self


class RelationshipSpec(_Spec):
    """A relationship from the node (``direction: out``, the default) or to it (``in``)."""

    type: str = Field(min_length=1)
    target: TargetSpec
    direction: Literal["out", "in"] = "out"
    when: tuple[Condition, ...] = ()
    for_each: str | None = None
    separator: str = Field(default=";", min_length=1)
    confidence: ConfidenceSpec = Field(default_factory=lambda: ConfidenceSpec(value=1.0))
    properties: dict[str, ValueSpec] = Field(default_factory=dict)

    _when = field_validator("when", mode="before")(_conditions)

    @model_validator(mode="after")
    def _each(self) -> RelationshipSpec:
        if self.for_each is not None and self.target.id is None:
            raise ValueError("'for_each' needs a target 'id' template using {each}")
        return self


class IndicatorSpec(_Spec):
    """One observed indicator: its column, the ontology's indicator id, the period and unit
    (by default the indicator's referencePeriod and unit)."""

    column: str = Field(min_length=1)
    indicator: str = Field(min_length=1)
    period: str | None = None
    unit: str | None = None

    _period = field_validator("period")(_check_template)


class ObservationsSpec(_Spec):
    """One Observation per indicator column: ``indicators: from-ontology`` (every Indicator
    concept of the ontology with a cbsColumn) or a list of ``IndicatorSpec``."""

    indicators: Literal["from-ontology"] | tuple[IndicatorSpec, ...]

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"indicators": data} if isinstance(data, str) else data


class NodeSpec(_Spec):
    """A node made from each row (that meets ``when``)."""

    class_: ClassSpec = Field(alias="class")
    id: str = Field(min_length=1)
    when: tuple[Condition, ...] = ()
    properties: dict[str, ValueSpec] = Field(default_factory=dict)
    geometry: bool = False
    relationships: tuple[RelationshipSpec, ...] = ()
    observations: ObservationsSpec | None = None

    _id = field_validator("id")(_check_template)
    _when = field_validator("when", mode="before")(_conditions)


class MappingSpec(_Spec):
    """A whole mapping file."""

    dataset: DatasetSpec
    source: SourceSpec = Field(default_factory=SourceSpec)
    nodes: dict[str, NodeSpec] = Field(min_length=1)
    _path: Path | None = PrivateAttr(default=None)

    @property
    def path(self) -> Path | None:
        """The mapping file, when it was loaded from one."""
        return self._path

    @property
    def name(self) -> str:
        """The mapping file's name, for messages."""
        return self._path.name if self._path else "<mapping>"

    @property
    def source_path(self) -> Path | None:
        """The table file named by ``source.file``, relative to the mapping file."""
        if self.source.file is None:
            return None
        file = Path(self.source.file)
        base = self._path.parent if self._path else Path()
        return file if file.is_absolute() else (base / file).resolve()


def _field(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def parse_mapping(data: Any, *, path: Path | None = None) -> MappingSpec:
    """Validate parsed YAML as a mapping; ``MappingError`` lists what is wrong where."""
    name = path.name if path else "<mapping>"
    if not isinstance(data, dict):
        raise MappingError(f"{name}: a mapping file must be a YAML mapping (dataset, nodes ...)")
    try:
        spec = MappingSpec.model_validate(data)
    except ValidationError as exc:
        problems = [
            f"{_field(tuple(e['loc']))}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        ]
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise MappingError(
            f"{name}: " + "; ".join(problems[:5]) + more, "see docs/mappings.md"
        ) from None
    spec._path = path
    return spec


class _YamlLoader(yaml.SafeLoader):
    """YAML as people write it: only ``true``/``false`` are booleans, so that the country
    code ``NO`` or the answers ``yes``/``no``/``on``/``off`` in a value map stay text."""


_BOOL_TAG = "tag:yaml.org,2002:bool"
_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_YamlLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_mapping(path: Path) -> MappingSpec:
    """Read and validate a mapping file (YAML)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(f"cannot read the mapping file {path}: {exc}") from exc
    try:
        data = yaml.load(text, Loader=_YamlLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise MappingError(f"{path.name} is not valid YAML{where}: {problem}") from exc
    return parse_mapping(data, path=path)


def find_mapping(data_path: Path) -> Path | None:
    """The mapping beside a data file: ``<file name>.mapping.yaml`` (``kwb.csv.mapping.yaml``)
    or ``<stem>.mapping.yaml`` (``kwb.mapping.yaml``); ``.yml`` works too."""
    for base in (data_path.name, data_path.stem):
        for suffix in MAPPING_SUFFIXES:
            candidate = data_path.with_name(base + suffix)
            if candidate.is_file():
                return candidate
    return None


def read_source(spec: MappingSpec, data_path: Path | None = None) -> Table:
    """The mapping's table: ``data_path`` if given, else its ``source.file``."""
    path = data_path or spec.source_path
    if path is None:
        raise MappingError(
            f"{spec.name}: source.file: the mapping names no table file",
            "add source.file, or give the data file to read",
        )
    source = spec.source
    return read_table(
        path,
        format=source.format,
        sheet=source.sheet,
        delimiter=source.delimiter,
        header_row=source.header_row,
        encoding=source.encoding,
    )


def dataset_node(
    spec: MappingSpec, *, source_id: str | None = None, source_uri: str | None = None
) -> NodeRow:
    """The dataset's Document node (kind ``dataset``) from the mapping's metadata."""
    meta = spec.dataset
    props: dict[str, PropValue] = {"kind": "dataset", "title": meta.title}
    for key in ("publisher", "licence", "attribution"):
        value = getattr(meta, key)
        if value is not None:
            props[key] = value
    if source_uri is not None:
        props["sourceUri"] = source_uri
    return NodeRow(
        label="Document", id=source_id or meta.id, source=source_id or meta.id, props=props
    )


def ontology_indicators(model: OntologyModel) -> list[Concept]:
    """The Indicator concepts that name their column in CBS tables (``cbsColumn``)."""
    return [c for c in model.concepts_of("Indicator") if INDICATOR_COLUMN in c.values]


# ------------------------------------------------------------------ planning


@dataclass(frozen=True)
class _Indicator:
    column: str
    concept: Concept
    period_field: str | None  # the field of its period template, if it has one
    default_period: str
    unit: str


class _Omit:
    """No value: the property is left out."""


_OMIT = _Omit()
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class _Planner:
    """Checks a mapping against the ontology and the table, then plans rows."""

    def __init__(
        self,
        spec: MappingSpec,
        model: OntologyModel,
        *,
        source_id: str,
        redact: Callable[[str], str] | None,
        extractor: str,
        extractor_version: str,
    ) -> None:
        self.spec = spec
        self.model = model
        self.source_id = source_id
        self.redact = redact
        self.extractor = extractor
        self.extractor_version = extractor_version
        self.table = "the table"
        self.missing = frozenset(m.strip() for m in spec.source.missing)
        self.templates: dict[str, Template] = {}
        self.columns: list[tuple[str, str]] = []  # (column, field) for the table check
        self.indicators: dict[str, list[_Indicator]] = {}
        self.verbatim: set[str] = set()
        self.checked: set[tuple[str, ...]] = set()
        self._check()

    # -------------------------------------------------------------- errors

    def fail(
        self, field: str, problem: str, hint: str | None = None, row: Row | None = None
    ) -> NoReturn:
        where = f"{self.table} row {row.number}: " if row is not None else ""
        raise MappingError(f"{self.spec.name}: {field}: {where}{problem}", hint)

    # -------------------------------------------------------------- static checks

    def _template(self, text: str, field: str, each: bool = False) -> Template:
        template = parse_template(text)
        self.templates[field] = template
        for column in template.columns:
            if not (each and column == EACH):
                self.columns.append((column, field))
        return template

    def _class_ok(
        self, label: str, field: str, kind_of: str | None, row: Row | None = None
    ) -> None:
        if ("class", label, kind_of or "") in self.checked:
            return
        if label not in self.model.classes:
            self.fail(
                field,
                f"{label!r} is not a class of the ontology",
                f"known classes: {', '.join(sorted(self.model.classes))}",
                row,
            )
        if self.model.cls(label).abstract:
            concrete = [
                c
                for c in self.model.subclasses(label)
                if c != label and not self.model.cls(c).abstract
            ]
            self.fail(
                field,
                f"{label} is abstract: nodes need a concrete class",
                f"use one of {', '.join(concrete)}" if concrete else None,
                row,
            )
        if kind_of is not None and not self.model.is_a(label, kind_of):
            self.fail(field, f"{label} is not a kind of {kind_of}", None, row)
        self.checked.add(("class", label, kind_of or ""))

    def _possible(self, spec: ClassSpec, field: str) -> list[str] | None:
        """The classes a class spec can give (checked), or None when a column decides."""
        if spec.kind_of is not None and spec.kind_of not in self.model.classes:
            self.fail(f"{field}.kind_of", f"{spec.kind_of!r} is not a class of the ontology")
        if spec.column is not None:
            self.columns.append((spec.column, f"{field}.column"))
            if not spec.map:
                if spec.default is not None:
                    self._class_ok(spec.default, f"{field}.default", spec.kind_of)
                return None
        labels = [spec.name] if spec.name else [*spec.map.values(), *spec.prefix.values()]
        if spec.default is not None:
            labels.append(spec.default)
        for label in dict.fromkeys(labels):
            self._class_ok(label, field, spec.kind_of)
        return list(dict.fromkeys(labels))

    def _rel_ok(
        self, rel_type: str, source: str, target: str, field: str, row: Row | None = None
    ) -> None:
        if ("rel", rel_type, source, target) in self.checked:
            return
        rel = self.model.rel(rel_type)
        if rel.domain is not None and not self.model.is_a(source, rel.domain):
            self.fail(field, f"{rel_type} starts at a {rel.domain}; {source} is not one", None, row)
        if rel.range is not None and not self.model.is_a(target, rel.range):
            self.fail(field, f"{rel_type} ends at a {rel.range}; {target} is not one", None, row)
        self.checked.add(("rel", rel_type, source, target))

    def _values(self, specs: dict[str, ValueSpec], field: str, each: bool | None = None) -> None:
        """Check the properties of a node (``each`` None) or of a relationship."""
        reserved = RESERVED_PROPERTIES | (PROVENANCE_PROPERTIES if each is not None else set())
        for name, value in specs.items():
            where = f"{field}.{name}"
            if not _PROPERTY_NAME.match(name):
                self.fail(where, f"{name!r} cannot be a property name", "use letters and digits")
            if name in reserved:
                self.fail(where, f"the twin sets {name!r} itself", "choose another name")
            if value.column is not None:
                self.columns.append((value.column, where))
                if value.verbatim:
                    self.verbatim.add(value.column)
            if value.template is not None:
                template = self._template(value.template, where, bool(each))
                if value.verbatim:
                    self.verbatim.update(template.columns)

    def _check(self) -> None:
        spec = self.spec
        for name, node in spec.nodes.items():
            field = f"nodes.{name}"
            possible = self._possible(node.class_, f"{field}.class")
            self._template(node.id, f"{field}.id")
            for i, cond in enumerate(node.when):
                self.columns.append((cond.column, f"{field}.when[{i}]"))
            self._values(node.properties, f"{field}.properties")
            if node.geometry:
                clash = [p for p in GEOMETRY_PROPERTIES if p in node.properties]
                if clash:
                    self.fail(f"{field}.properties.{clash[0]}", "geometry: true sets it already")
            for i, rel in enumerate(node.relationships):
                self._check_relationship(rel, f"{field}.relationships[{i}]", possible)
            if node.observations is not None:
                self._check_observations(name, node.observations, f"{field}.observations")
                for label in possible or ():
                    self._rel_ok("ABOUT", "Observation", label, f"{field}.observations")

    def _check_relationship(self, rel: RelationshipSpec, field: str, own: list[str] | None) -> None:
        if rel.type not in self.model.relationships:
            self.fail(
                f"{field}.type",
                f"{rel.type!r} is not a relationship type of the ontology",
                f"known types: {', '.join(self.model.relationships)}",
            )
        for i, cond in enumerate(rel.when):
            self.columns.append((cond.column, f"{field}.when[{i}]"))
        if rel.for_each is not None:
            self.columns.append((rel.for_each, f"{field}.for_each"))
        if rel.confidence.column is not None:
            self.columns.append((rel.confidence.column, f"{field}.confidence.column"))
        each = rel.for_each is not None
        self._values(rel.properties, f"{field}.properties", each)
        target = rel.target
        if target.node is not None:
            if target.node not in self.spec.nodes:
                self.fail(
                    f"{field}.target.node",
                    f"there is no node template {target.node!r}",
                    f"templates: {', '.join(self.spec.nodes)}",
                )
            other = self.spec.nodes[target.node].class_
            targets = self._possible(other, f"nodes.{target.node}.class")
        else:
            assert target.id is not None and target.class_ is not None
            self._template(target.id, f"{field}.target.id", each)
            targets = self._possible(target.class_, f"{field}.target.class")
        for source in own or ():
            for other_end in targets or ():
                pair = (source, other_end) if rel.direction == "out" else (other_end, source)
                self._rel_ok(rel.type, *pair, field)

    def _check_observations(self, name: str, spec: ObservationsSpec, field: str) -> None:
        self._class_ok("Observation", field, None)
        for rel_type in ("MEASURES", "ABOUT"):
            if rel_type not in self.model.relationships:
                self.fail(field, f"the ontology has no {rel_type} relationship for observations")
        found: list[_Indicator] = []
        if isinstance(spec.indicators, str):  # from-ontology
            for concept in ontology_indicators(self.model):
                column = str(concept.values[INDICATOR_COLUMN])
                found.append(self._indicator(concept, column, None, None))
                self.columns.append((column, f"{field}.indicators ({concept.id})"))
        else:
            for i, item in enumerate(spec.indicators):
                where = f"{field}.indicators[{i}]"
                named = self.model.concepts.get(item.indicator)
                if named is None or not self.model.is_a(named.cls, "Indicator"):
                    known = ", ".join(c.id for c in self.model.concepts_of("Indicator"))
                    self.fail(
                        f"{where}.indicator",
                        f"{item.indicator!r} is not an indicator of the ontology",
                        f"known indicators: {known}",
                    )
                period = None
                if item.period is not None:
                    period = f"{where}.period"
                    self._template(item.period, period)
                found.append(self._indicator(named, item.column, period, item.unit))
                self.columns.append((item.column, f"{where}.column"))
        for indicator in found:
            self._rel_ok("MEASURES", "Observation", indicator.concept.cls, field)
        self.indicators[name] = found

    @staticmethod
    def _indicator(
        concept: Concept, column: str, period_field: str | None, unit: str | None
    ) -> _Indicator:
        return _Indicator(
            column=column,
            concept=concept,
            period_field=period_field,
            default_period=str(concept.values.get("referencePeriod", "")),
            unit=unit if unit is not None else str(concept.values.get("unit", "")),
        )

    def check_table(self, table: Table) -> None:
        """Every column the mapping reads is in the table."""
        self.table = table.name
        present = set(table.columns)
        missing = [(c, f) for c, f in self.columns if c not in present]
        if missing:
            column, field = missing[0]
            also = sorted({c for c, _ in missing[1:]} - {column})
            self.fail(
                field,
                f"column {column!r} is not in {table.name}"
                + (f" (nor are {', '.join(map(repr, also))})" if also else ""),
                f"its columns are: {', '.join(table.columns)}",
            )

    # -------------------------------------------------------------- cells

    def cell(self, row: Row, column: str, field: str) -> Cell:
        if column not in row.values:
            self.fail(field, f"column {column!r} is not in the table", None, row)
        return row.values[column]

    def text(self, row: Row, column: str, field: str) -> str:
        """The cell as text, stripped; "" for an empty cell or a ``missing`` marker."""
        text = _cell_text(self.cell(row, column, field))
        return "" if text in self.missing else text

    def stored(self, text: str, column: str | None) -> str:
        """A text read from a column as it may be stored: redacted unless verbatim."""
        if self.redact is None or not text or (column is not None and column in self.verbatim):
            return text
        return self.redact(text)

    def render(
        self, field: str, row: Row, *, each: str | None = None, required: bool = True
    ) -> str:
        template = self.templates[field]

        def value(column: str) -> str:
            if each is not None and column == EACH:
                return each  # stored (redacted) when the for_each cell was split
            return self.stored(self.text(row, column, field), column)

        try:
            return template.render(value)
        except EmptyPlaceholderError as exc:
            if not required:
                return ""
            self.fail(
                field,
                f"{template.text!r} needs a value in column {exc.column!r}",
                "leave such rows out with 'when'",
                row,
            )

    def holds(self, conditions: Iterable[Condition], row: Row, field: str) -> bool:
        for i, cond in enumerate(conditions):
            text = self.text(row, cond.column, f"{field}.when[{i}]")
            if cond.equals is not None:
                ok = text == cond.equals
            elif cond.in_ is not None:
                ok = text in cond.in_
            else:
                ok = (text == "") if cond.empty else (text != "")
            if not ok:
                return False
        return True

    def resolve_class(self, spec: ClassSpec, row: Row, field: str, node_id: str) -> str:
        if spec.name is not None:
            return spec.name
        label: str | None = None
        if spec.column is not None:
            text = self.text(row, spec.column, field)
            label = spec.map.get(text) if spec.map else (text or None)
        else:
            matches = [p for p in spec.prefix if node_id.startswith(p)]
            if matches:
                label = spec.prefix[max(matches, key=len)]
        label = label or spec.default
        if label is None:
            what = (
                f"the value {self.text(row, spec.column, field)!r} of column {spec.column!r}"
                if spec.column is not None
                else f"the id {node_id!r}"
            )
            self.fail(field, f"{what} gives no class", "add it to the map or set a default", row)
        self._class_ok(label, field, spec.kind_of, row)
        return label

    def number(self, row: Row, column: str, field: str) -> float | None:
        cell = self.cell(row, column, field)
        text = self.text(row, column, field)
        if not text:
            return None
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            return float(cell)
        value = _number(text)
        if value is None:
            self.fail(field, f"{text!r} in column {column!r} is not a number", None, row)
        return value

    def typed(
        self, spec: ValueSpec, row: Row, field: str, each: str | None = None
    ) -> PropValue | _Omit:
        """The value of one property for a row, or ``_OMIT``."""
        if spec.column is None and spec.template is None:
            return spec.value
        if spec.column is not None:
            cell = self.cell(row, spec.column, field)
            text = self.text(row, spec.column, field)
        else:
            cell = None
            text = self.render(field, row, each=each, required=False)
        mapped = False
        if spec.map is not None and text and (text in spec.map or spec.default is not None):
            text, mapped, cell = spec.map.get(text, spec.default or ""), True, None
        # template placeholders are redacted one by one in ``render``; mapped values are the
        # mapping author's words
        keep = mapped or spec.verbatim or spec.template is not None
        if spec.type == "string":
            if not text and spec.omit_empty:
                return _OMIT
            return text if keep else self.stored(text, spec.column)
        if spec.type == "list":
            items = [part.strip() for part in text.split(spec.separator) if part.strip()]
            if not items and spec.omit_empty:
                return _OMIT
            return items if keep else [self.stored(item, spec.column) for item in items]
        if not text:
            return _OMIT
        if spec.type == "bool":
            if isinstance(cell, bool):
                return cell
            if text.lower() in TRUE_WORDS | FALSE_WORDS:
                return text.lower() in TRUE_WORDS
            self.fail(field, f"{text!r} is not yes/no (true, false, ja, nee, 1, 0)", None, row)
        number = (
            float(cell)
            if isinstance(cell, int | float) and not isinstance(cell, bool)
            else _number(text)
        )
        if number is None:
            self.fail(field, f"{text!r} is not a number", None, row)
        if spec.type == "float":
            return number
        if not number.is_integer():
            self.fail(field, f"{text!r} is not a whole number", None, row)
        return int(number)

    def props(
        self, specs: dict[str, ValueSpec], row: Row, field: str, each: str | None = None
    ) -> dict[str, PropValue]:
        out: dict[str, PropValue] = {}
        for name, spec in specs.items():
            value = self.typed(spec, row, f"{field}.{name}", each)
            if not isinstance(value, _Omit):
                out[name] = value
        return out

    def confidence(self, spec: ConfidenceSpec, row: Row, field: str) -> float:
        if spec.column is None:
            assert spec.value is not None
            return spec.value
        text = self.text(row, spec.column, field)
        value: float | None
        if spec.map is not None:
            value = spec.map.get(text, spec.default)
        else:
            value = _number(text) if text else spec.default
        if value is None or not 0 <= value <= 1:
            self.fail(field, f"{text!r} gives no confidence between 0 and 1", None, row)
        return value

    # -------------------------------------------------------------- rows

    def relationship(
        self,
        rel_type: str,
        source: tuple[str, str],
        target: tuple[str, str],
        confidence: float,
        row: Row,
        extra: dict[str, PropValue] | None = None,
    ) -> RelationshipRow:
        return RelationshipRow(
            type=rel_type,
            source=source[1],
            source_label=source[0],
            target=target[1],
            target_label=target[0],
            provenance=self.source_id,
            props={
                "extractor": self.extractor,
                "extractorVersion": self.extractor_version,
                "confidence": confidence,
                **(extra or {}),
                "sourceRow": row.number,
            },
        )

    def plan_row(self, row: Row, plan: WritePlan) -> None:
        made: dict[str, tuple[str, str]] = {}
        for name, node in self.spec.nodes.items():
            field = f"nodes.{name}"
            if not self.holds(node.when, row, field):
                continue
            node_id = self.render(f"{field}.id", row)
            label = self.resolve_class(node.class_, row, f"{field}.class", node_id)
            props = self.props(node.properties, row, f"{field}.properties")
            if node.geometry and row.geometry is not None:
                point = representative_point(row.geometry, f"{self.table} feature {row.number}")
                props["geometry"] = json.dumps(
                    row.geometry, separators=(",", ":"), ensure_ascii=False
                )
                if point is not None:
                    props["longitude"], props["latitude"] = point
            plan.nodes.append(NodeRow(label=label, id=node_id, source=self.source_id, props=props))
            made[name] = (label, node_id)
        for name, node in self.spec.nodes.items():
            if name not in made:
                continue
            for i, rel in enumerate(node.relationships):
                self.plan_relationship(
                    rel, f"nodes.{name}.relationships[{i}]", made[name], row, made, plan
                )
            if node.observations is not None:
                self.plan_observations(name, made[name], row, plan)

    def plan_relationship(
        self,
        rel: RelationshipSpec,
        field: str,
        own: tuple[str, str],
        row: Row,
        made: dict[str, tuple[str, str]],
        plan: WritePlan,
    ) -> None:
        if not self.holds(rel.when, row, field):
            return
        confidence = self.confidence(rel.confidence, row, f"{field}.confidence")
        ends: list[tuple[tuple[str, str], str | None]] = []
        if rel.target.node is not None:
            if rel.target.node not in made:
                return
            ends.append((made[rel.target.node], None))
        else:
            assert rel.target.class_ is not None
            items: list[str | None] = [None]
            if rel.for_each is not None:
                text = self.text(row, rel.for_each, f"{field}.for_each")
                items = [
                    self.stored(p.strip(), rel.for_each)
                    for p in text.split(rel.separator)
                    if p.strip()
                ]
            for each in items:
                target_id = self.render(f"{field}.target.id", row, each=each)
                label = self.resolve_class(
                    rel.target.class_, row, f"{field}.target.class", target_id
                )
                ends.append(((label, target_id), each))
        for other, each in ends:
            source, target = (own, other) if rel.direction == "out" else (other, own)
            self._rel_ok(rel.type, source[0], target[0], field, row)
            extra = self.props(rel.properties, row, f"{field}.properties", each)
            plan.relationships.append(
                self.relationship(rel.type, source, target, confidence, row, extra)
            )

    def plan_observations(
        self, name: str, place: tuple[str, str], row: Row, plan: WritePlan
    ) -> None:
        field = f"nodes.{name}.observations"
        self._rel_ok("ABOUT", "Observation", place[0], field, row)
        for item in self.indicators[name]:
            value = self.number(row, item.column, f"{field} ({item.concept.id})")
            if value is None:
                continue  # no figure published for this place
            period = item.default_period
            if item.period_field is not None:
                period = self.render(item.period_field, row)
            key = item.concept.id.split(":", 1)[-1]
            obs_id = f"observation:{key}:{place[1]}:{period}"
            plan.nodes.append(
                NodeRow(
                    label="Observation",
                    id=obs_id,
                    source=self.source_id,
                    props={"value": value, "period": period, "unit": item.unit},
                )
            )
            observation = ("Observation", obs_id)
            plan.relationships.append(
                self.relationship(
                    "MEASURES", observation, (item.concept.cls, item.concept.id), 1.0, row
                )
            )
            plan.relationships.append(self.relationship("ABOUT", observation, place, 1.0, row))


def _cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        if cell.is_integer() and abs(cell) < 1e15:
            return str(int(cell))
        return repr(cell)
    return str(cell).strip()


def _number(text: str) -> float | None:
    """A number from text; a decimal comma (``12,5``) is accepted when there is no point."""
    text = text.strip().replace("\u2212", "-")
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def plan_from_mapping(
    spec: MappingSpec,
    rows: Table | Iterable[Row],
    model: OntologyModel,
    *,
    source_id: str,
    redact: Callable[[str], str] | None = None,
    extractor: str = MAPPING_EXTRACTOR,
    extractor_version: str = EXTRACTOR_VERSION,
) -> WritePlan:
    """The nodes, relationships and observations a mapping makes of the rows of a table.

    The mapping is checked against the ontology (and, given a ``Table``, against its columns)
    before any row is read; ``MappingError`` names the mapping file, the field and the row.
    Nodes cite ``source_id``; relationships carry ``extractor``, ``extractorVersion``,
    ``confidence`` and ``sourceRow``. ``redact`` is applied to every value read from a column
    that no ``verbatim: true`` property reads. The dataset's Document node is not part of the
    plan (see ``dataset_node``)."""
    planner = _Planner(
        spec,
        model,
        source_id=source_id,
        redact=redact,
        extractor=extractor,
        extractor_version=extractor_version,
    )
    if isinstance(rows, Table):
        planner.check_table(rows)
    plan = WritePlan()
    for row in rows:
        planner.plan_row(row, plan)
    return plan


def plan_for_file(
    data_path: Path,
    model: OntologyModel,
    *,
    mapping_path: Path | None = None,
    source_id: str,
    source_uri: str | None = None,
    redact: Callable[[str], str] | None = None,
) -> tuple[WritePlan, MappingSpec, int]:
    """Plan a table file with its mapping (``mapping_path``, else the one ``find_mapping``
    finds beside it): the plan, the mapping and the number of rows read. The plan starts with
    the file's Document node (``source_id``, kind ``dataset``, the mapping's dataset metadata
    and ``source_uri``), which every node and relationship of the plan cites."""
    mapping_path = mapping_path or find_mapping(data_path)
    if mapping_path is None:
        raise MappingError(
            f"no mapping file for {data_path.name}",
            f"write {data_path.name}.mapping.yaml beside it (see docs/mappings.md)",
        )
    spec = load_mapping(mapping_path)
    table = read_source(spec, data_path)
    plan = WritePlan(nodes=[dataset_node(spec, source_id=source_id, source_uri=source_uri)])
    plan.extend(plan_from_mapping(spec, table, model, source_id=source_id, redact=redact))
    return plan, spec, len(table)


__all__ = [
    "EXTRACTOR_VERSION",
    "FILTERS",
    "FROM_ONTOLOGY",
    "MAPPING_EXTRACTOR",
    "ClassSpec",
    "Condition",
    "ConfidenceSpec",
    "DatasetSpec",
    "IndicatorSpec",
    "MappingError",
    "MappingSpec",
    "NodeSpec",
    "ObservationsSpec",
    "RelationshipSpec",
    "SourceSpec",
    "TargetSpec",
    "Template",
    "ValueSpec",
    "dataset_node",
    "find_mapping",
    "load_mapping",
    "ontology_indicators",
    "parse_mapping",
    "parse_template",
    "plan_for_file",
    "plan_from_mapping",
    "read_source",
    "slug",
]
