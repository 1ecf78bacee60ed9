"""``twin ontology check``: is the ontology well-formed, consistent, labelled and obeyed?

Checks, in order (a later one is skipped when what it needs is broken):

1. **syntax** — every ontology file and the shapes parse with rdflib (file and rdflib message);
2. **model** — the twin can build its model from the ontology (``ontology.model``);
3. **labels** — every ``st:`` class, object property, datatype property and concept has an
   ``rdfs:label`` or ``skos:prefLabel`` in nl, en and fr (a missing definition is a warning);
4. **reasoner** — the ontology, converted to RDF/XML, is loaded into a fresh owlready2 ``World``
   and classified by HermiT on the machine's Java; inconsistency and unsatisfiable classes are
   errors, explained where the asserted types show two disjoint classes;
5. **coverage** — every class is the target (itself or through a superclass) of a SHACL shape;
   relationships whose domain shape does not constrain their target class are warnings;
6. **shapes** — the seed data (``loaders.reference.seed_plan`` → ``ontology.rdf.plan_to_rdf``),
   or the given data files, validated with pySHACL against the shapes, the ontology as
   ``ont_graph``; each result names the focus node, the path and the message.

``run_check`` returns a ``CheckReport`` of findings with a severity; the CLI prints them one per
line and exits non-zero when any is an error.
"""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from typing import Literal as TypingLiteral

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS
from rdflib.term import BNode, Node
from rdflib.util import guess_format

from ontology.model import (
    LANGUAGES,
    SHAPES_FILE,
    ST,
    OntologyError,
    OntologyModel,
    bundled_root,
    ontology_files,
    parse_model,
)
from ontology.rdf import id_from_iri, plan_to_rdf

SH = Namespace("http://www.w3.org/ns/shacl#")
LANGUAGE_NAMES = {"nl": "Dutch", "en": "English", "fr": "French"}
Severity = TypingLiteral["error", "warning", "info"]
_SEVERITY: dict[Node | None, Severity] = {
    SH.Violation: "error",
    SH.Warning: "warning",
    SH.Info: "info",
}


@dataclass(frozen=True)
class Finding:
    """One result of a check: how bad, which check, the term it is about, what is wrong."""

    severity: Severity
    check: str
    term: str
    message: str

    def line(self) -> str:
        return f"{self.severity}: {self.term}: {self.message}"


@dataclass
class CheckReport:
    """All findings and the figures of one check run."""

    findings: list[Finding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    classes: int = 0
    object_properties: int = 0
    datatype_properties: int = 0
    concepts: int = 0
    labelled: dict[str, int] = field(default_factory=dict)  # language → terms with a label
    terms: int = 0
    reasoner_seconds: float | None = None
    validated_triples: int | None = None
    skipped: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> list[str]:
        """Readable figures: counts, label coverage per language, reasoner time, outcome."""
        lines = [f"ontology: {len(self.files)} files"]
        if self.classes:
            lines[0] += (
                f", {self.classes} classes, {self.object_properties} object properties, "
                f"{self.datatype_properties} datatype properties, {self.concepts} concepts"
            )
        if self.terms:
            coverage = ", ".join(
                f"{lang} {self.labelled.get(lang, 0)}/{self.terms} "
                f"({100 * self.labelled.get(lang, 0) / self.terms:.0f}%)"
                for lang in LANGUAGES
            )
            lines.append(f"labels: {coverage}")
        if self.reasoner_seconds is not None:
            lines.append(f"reasoner: HermiT {self.reasoner_seconds:.2f} s")
        if self.validated_triples is not None:
            lines.append(f"shapes: {self.validated_triples} data triples validated")
        lines.extend(f"skipped: {reason}" for reason in self.skipped)
        lines.append(
            f"{'ok' if self.ok else 'failed'}: {len(self.errors)} errors, "
            f"{len(self.warnings)} warnings"
        )
        return lines


# ------------------------------------------------------------------ naming


def _term(node: Node, graph: Graph | None = None) -> str:
    """A short readable name: ``st:Place``, a node id, or the IRI."""
    text = str(node)
    if isinstance(node, URIRef):
        node_id = id_from_iri(node)
        if node_id is not None:
            return node_id
        if text.startswith(str(ST)):
            return f"st:{text[len(str(ST)) :]}"
        if graph is not None:
            with contextlib.suppress(ValueError, KeyError):
                return graph.namespace_manager.curie(text, generate=False)
    return text


# ------------------------------------------------------------------ 1. syntax


def _expand(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(ontology_files(path))
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return files


def _parse(file: Path, graph: Graph, report: CheckReport) -> bool:
    try:
        graph.parse(file, format=guess_format(str(file)) or "turtle")
    except Exception as exc:  # rdflib raises parser-specific types
        report.findings.append(
            Finding("error", "syntax", str(file), f"cannot parse: {_parser_message(exc)}")
        )
        return False
    return True


def _parser_message(exc: Exception) -> str:
    """rdflib's message without the byte dump of the context: ``line 8: Bad syntax (...)``."""
    message = " ".join(str(exc).split())
    found = re.match(r"at line (\d+) of <[^>]*>:\s*(.*?)(?: at \^ in:.*)?$", message)
    if found:
        return f"line {found.group(1)}: {found.group(2)}"
    return message if len(message) <= 300 else message[:300] + "…"


def _default_shapes(ontology: Sequence[Path]) -> Path:
    for path in ontology:
        if path.is_dir() and (path / SHAPES_FILE).exists():
            return path / SHAPES_FILE
    return bundled_root() / SHAPES_FILE


# ------------------------------------------------------------------ 3. labels


def _terms(graph: Graph, model: OntologyModel | None) -> list[tuple[str, URIRef]]:
    """(kind, IRI) of every st: class, object property, datatype property and concept."""
    found: list[tuple[str, URIRef]] = []
    for kind, rdf_type in (
        ("class", OWL.Class),
        ("object property", OWL.ObjectProperty),
        ("datatype property", OWL.DatatypeProperty),
    ):
        found.extend(
            (kind, s)
            for s in sorted(graph.subjects(RDF.type, rdf_type), key=str)
            if isinstance(s, URIRef) and str(s).startswith(str(ST))
        )
    if model is not None:
        found.extend(("concept", URIRef(c.iri)) for c in model.concepts.values())
    return found


def _labels(graph: Graph, model: OntologyModel | None, report: CheckReport) -> None:
    terms = _terms(graph, model)
    report.terms = len(terms)
    report.labelled = dict.fromkeys(LANGUAGES, 0)
    for kind, iri in terms:
        languages = {
            o.language
            for p in (RDFS.label, SKOS.prefLabel)
            for o in graph.objects(iri, p)
            if isinstance(o, Literal)
        }
        for lang in LANGUAGES:
            if lang in languages:
                report.labelled[lang] += 1
                continue
            report.findings.append(
                Finding(
                    "error",
                    "labels",
                    _term(iri),
                    f"{kind} has no {LANGUAGE_NAMES[lang]} label "
                    f"(rdfs:label or skos:prefLabel @{lang})",
                )
            )
        if graph.value(iri, SKOS.definition) is None:
            report.findings.append(
                Finding("warning", "labels", _term(iri), f"{kind} has no skos:definition")
            )


# ------------------------------------------------------------------ 4. reasoner


def _superclasses(graph: Graph, cls: Node) -> set[Node]:
    """The class and its named superclasses (rdfs:subClassOf, owl:equivalentClass)."""
    seen: set[Node] = set()
    todo = [cls]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo.extend(o for o in graph.objects(current, RDFS.subClassOf) if isinstance(o, URIRef))
        todo.extend(o for o in graph.objects(current, OWL.equivalentClass) if isinstance(o, URIRef))
        todo.extend(
            s for s in graph.subjects(OWL.equivalentClass, current) if isinstance(s, URIRef)
        )
    return seen


def _disjoint_pairs(graph: Graph) -> list[tuple[Node, Node]]:
    pairs = [(a, b) for a, b in graph.subject_objects(OWL.disjointWith)]
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = graph.value(axiom, OWL.members)
        if members is not None:
            items = list(Collection(graph, members))
            pairs.extend((a, b) for i, a in enumerate(items) for b in items[i + 1 :])
    return pairs


def _disjoint_in(graph: Graph, classes: Iterable[Node]) -> tuple[Node, Node] | None:
    """Two disjoint classes among the named superclasses of ``classes``, if any."""
    closure: set[Node] = set()
    for cls in classes:
        closure |= _superclasses(graph, cls)
    for a, b in _disjoint_pairs(graph):
        if a in closure and b in closure:
            return a, b
    return None


def _explain_inconsistency(graph: Graph) -> list[Finding]:
    """Individuals whose asserted types include two disjoint classes."""
    skip = {OWL.NamedIndividual, OWL.Class, OWL.Thing}
    findings: list[Finding] = []
    for individual in sorted(set(graph.subjects(RDF.type, None)), key=str):
        types = [t for t in graph.objects(individual, RDF.type) if t not in skip]
        if not all(isinstance(t, URIRef) for t in types) or len(types) < 2:
            continue
        pair = _disjoint_in(graph, types)
        if pair:
            findings.append(
                Finding(
                    "error",
                    "reasoner",
                    _term(individual, graph),
                    "the ontology is inconsistent: this individual is an instance of the "
                    f"disjoint classes {_term(pair[0], graph)} and {_term(pair[1], graph)}",
                )
            )
    return findings


def _java_error(message: str, graph: Graph) -> Finding:
    lines = [ln.strip() for ln in message.splitlines() if ln.strip()]
    cause = next((ln for ln in lines if "Exception" in ln), lines[-1] if lines else message)
    cause = re.sub(r"^.*?Exception(?: in thread \"\w+\")?[^:]*:\s*", "", cause)
    iris = re.findall(r"<([^>]+)>", cause)
    term = _term(URIRef(iris[0]), graph) if iris else "ontology"
    readable = re.sub(r"<([^>]+)>", lambda m: _term(URIRef(m.group(1)), graph), cause)
    return Finding("error", "reasoner", term, f"HermiT refused the ontology: {readable}")


def _load(world: Any, graph: Graph, folder: Path, report: CheckReport) -> None:
    """Load the ontology into ``world`` as RDF/XML; owlready2's warnings become findings."""
    path = folder / "ontology.owl"
    graph.serialize(destination=path, format="xml")
    noise = io.StringIO()
    with contextlib.redirect_stderr(noise), contextlib.redirect_stdout(noise):
        world.get_ontology(path.as_uri()).load()
    for line in noise.getvalue().splitlines():
        if "WARNING" in line:
            text = line.split("WARNING:", 1)[-1].strip()
            report.findings.append(Finding("warning", "reasoner", "owlready2", text))


def _classify(owlready2: Any, world: Any, graph: Graph, report: CheckReport) -> None:
    """Run HermiT on ``world``; report inconsistency, refusal or unsatisfiable classes."""
    start = time.perf_counter()
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        report.findings.extend(
            _explain_inconsistency(graph)
            or [
                Finding(
                    "error",
                    "reasoner",
                    "ontology",
                    "the ontology is inconsistent (HermiT); no individual is typed with two "
                    "disjoint classes, look at restrictions and property axioms",
                )
            ]
        )
    except owlready2.OwlReadyJavaError as exc:
        report.findings.append(_java_error(str(exc), graph))
    except OSError as exc:
        report.findings.append(
            Finding("error", "reasoner", "java", f"cannot run HermiT on Java: {exc}")
        )
    else:
        _unsatisfiable(world, graph, report)
    finally:
        report.reasoner_seconds = time.perf_counter() - start


def _reason(graph: Graph, report: CheckReport) -> None:
    """Classify the ontology with HermiT in a fresh owlready2 World (no shared state)."""
    import owlready2  # type: ignore[import-untyped]

    world = owlready2.World()
    try:
        with tempfile.TemporaryDirectory(prefix="twin-owl-") as tmp:
            _load(world, graph, Path(tmp), report)
            _classify(owlready2, world, graph, report)
    finally:
        world.close()


def _unsatisfiable(world: Any, graph: Graph, report: CheckReport) -> None:
    for cls in world.inconsistent_classes():
        iri = URIRef(cls.iri)
        if iri == OWL.Nothing:
            continue
        pair = _disjoint_in(graph, [iri])
        why = (
            f": it is a subclass of the disjoint classes {_term(pair[0], graph)} and "
            f"{_term(pair[1], graph)}"
            if pair
            else ""
        )
        report.findings.append(
            Finding(
                "error",
                "reasoner",
                _term(iri, graph),
                f"unsatisfiable class, nothing can be an instance of it{why}",
            )
        )


# ------------------------------------------------------------------ 5. coverage


def _shape_targets(shapes: Graph) -> dict[Node, list[Node]]:
    """Target class → the shapes that target it."""
    targets: dict[Node, list[Node]] = {}
    for shape, cls in shapes.subject_objects(SH.targetClass):
        targets.setdefault(cls, []).append(shape)
    return targets


def _constrained_classes(shapes: Graph, shape: Node, path: URIRef) -> set[Node]:
    """The sh:class values a shape's property shapes on ``path`` require."""
    found: set[Node] = set()
    for prop in shapes.objects(shape, SH.property):
        if (prop, SH.path, path) not in shapes:
            continue
        found.update(shapes.objects(prop, SH["class"]))
        for qualified in shapes.objects(prop, SH.qualifiedValueShape):
            found.update(shapes.objects(qualified, SH["class"]))
    return found


def _coverage(model: OntologyModel, shapes: Graph, report: CheckReport) -> None:
    targets = _shape_targets(shapes)
    for cls in model.classes.values():
        if not any(URIRef(model.classes[a].iri) in targets for a in model.lineage(cls.label)):
            report.findings.append(
                Finding(
                    "error",
                    "coverage",
                    _term(URIRef(cls.iri)),
                    "no SHACL shape targets this class or a superclass; add it to the "
                    f"sh:targetClass of a shape in {SHAPES_FILE}",
                )
            )
    for rel in model.relationships.values():
        if rel.domain is None or rel.range is None:
            continue
        allowed: set[Node] = set()
        for ancestor in model.lineage(rel.domain):
            for shape in targets.get(URIRef(model.classes[ancestor].iri), []):
                allowed |= _constrained_classes(shapes, shape, URIRef(rel.iri))
        if not allowed:
            report.findings.append(
                Finding(
                    "warning",
                    "coverage",
                    _term(URIRef(rel.iri)),
                    f"no shape of {rel.domain} says what {rel.type} may point at "
                    f"(sh:class st:{rel.range})",
                )
            )
    declared = {URIRef(p.iri) for p in model.properties.values()} | {
        URIRef(r.iri) for r in model.relationships.values()
    }
    for path in sorted(set(shapes.objects(None, SH.path)), key=str):
        if isinstance(path, URIRef) and str(path).startswith(str(ST)) and path not in declared:
            report.findings.append(
                Finding(
                    "warning",
                    "coverage",
                    _term(path),
                    "a shape constrains this property, which the ontology does not declare",
                )
            )


# ------------------------------------------------------------------ 6. shapes


def _path_text(shapes: Graph, path: Node | None) -> str:
    if path is None:
        return "(node)"
    if isinstance(path, BNode):
        inverse = shapes.value(path, SH.inversePath)
        if inverse is not None:
            return f"^{_term(inverse, shapes)}"
    return _term(path, shapes)


def _focus_text(data: Graph, focus: Node) -> str:
    """A node id, or ``source -TYPE-> target`` for a relationship record."""
    if (focus, RDF.type, RDF.Statement) in data:
        subject = data.value(focus, RDF.subject)
        predicate = data.value(focus, RDF.predicate)
        obj = data.value(focus, RDF.object)
        if subject is not None and predicate is not None and obj is not None:
            return f"{_term(subject, data)} -{_term(predicate, data)}-> {_term(obj, data)}"
    return _term(focus, data)


def validate_data(data: Graph, shapes: Graph, ontology: Graph) -> list[Finding]:
    """Validate instance data against the shapes; one finding per SHACL result."""
    import pyshacl

    _conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        allow_warnings=True,
        allow_infos=True,
    )
    assert isinstance(results, Graph)
    findings: list[Finding] = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        severity = _SEVERITY.get(results.value(result, SH.resultSeverity), "error")
        path = _path_text(results, results.value(result, SH.resultPath))
        value = results.value(result, SH.value)
        text = str(message) if message is not None else "does not conform"
        if value is not None and isinstance(value, Literal):
            text += f" (value {str(value)!r})"
        findings.append(
            Finding(
                severity,
                "shapes",
                _focus_text(data, focus) if focus is not None else "data",
                f"{path}: {text}",
            )
        )
    return sorted(findings, key=lambda f: (f.term, f.message))


def validate_instance_data(data: Graph, shapes: Path | None = None) -> list[Finding]:
    """Validate RDF instance data against the shipped shapes and ontology (for imports)."""
    from ontology.model import bundled_graph

    shapes_graph = Graph().parse(shapes or bundled_root() / SHAPES_FILE, format="turtle")
    return validate_data(data, shapes_graph, bundled_graph())


def _seed_data(model: OntologyModel, report: CheckReport) -> Graph | None:
    from loaders.reference import seed_plan

    try:
        return plan_to_rdf(seed_plan(model), model)
    except (KeyError, ValueError) as exc:
        report.findings.append(
            Finding("error", "shapes", "seed", f"cannot build the seed data as RDF: {exc}")
        )
        return None


# ------------------------------------------------------------------ the whole check


def _parse_all(
    files: Sequence[Path], shapes_file: Path, data_files: Sequence[Path], report: CheckReport
) -> tuple[Graph, Graph, Graph]:
    ontology, shapes, data = Graph(), Graph(), Graph()
    for file in files:
        _parse(file, ontology, report)
    _parse(shapes_file, shapes, report)
    for file in data_files:
        _parse(file, data, report)
    return ontology, shapes, data


def _counts(graph: Graph, model: OntologyModel | None, report: CheckReport) -> None:
    def count(rdf_type: URIRef) -> int:
        return sum(1 for s in set(graph.subjects(RDF.type, rdf_type)) if str(s).startswith(str(ST)))

    report.classes = count(OWL.Class)
    report.object_properties = count(OWL.ObjectProperty)
    report.datatype_properties = count(OWL.DatatypeProperty)
    report.concepts = len(model.concepts) if model else 0


def run_check(
    ontology: Sequence[Path] | None = None,
    shapes: Path | None = None,
    data: Sequence[Path] = (),
    reasoner: bool = True,
) -> CheckReport:
    """Run every check on the ontology (default: the shipped one) and return the findings.

    Args:
        ontology: Turtle files or folders (every ``*.ttl`` but shapes); several are merged, so
            a small file can add a term to the shipped ontology.
        shapes: the SHACL file; default ``shapes.ttl`` of the first ontology folder that has
            one, else the shipped shapes.
        data: RDF instance files to validate instead of the seed data.
        reasoner: False skips HermiT (for quick runs); the check then says so.
    """
    paths = list(ontology) if ontology else [bundled_root()]
    report = CheckReport()
    try:
        report.files = _expand(paths)
    except FileNotFoundError as exc:
        report.findings.append(Finding("error", "syntax", "ontology", str(exc)))
        return report
    shapes_file = shapes or _default_shapes(paths)
    graph, shapes_graph, data_graph = _parse_all(report.files, shapes_file, data, report)
    if report.errors:
        report.skipped.append("model, labels, reasoner, coverage and shapes: fix the syntax first")
        return report

    model: OntologyModel | None = None
    try:
        model = parse_model(graph)
    except OntologyError as exc:
        report.findings.append(Finding("error", "model", "ontology", str(exc)))
    _counts(graph, model, report)
    _labels(graph, model, report)
    if reasoner:
        _reason(graph, report)
    else:
        report.skipped.append("reasoner (--no-reasoner)")
    if model is None:
        report.skipped.append("coverage and shapes: the model could not be built")
        return report
    _coverage(model, shapes_graph, report)
    if not data:
        seed = _seed_data(model, report)
        data_graph = seed if seed is not None else Graph()
    report.validated_triples = len(data_graph)
    report.findings.extend(validate_data(data_graph, shapes_graph, graph))
    return report


__all__ = [
    "CheckReport",
    "Finding",
    "run_check",
    "validate_data",
    "validate_instance_data",
]
