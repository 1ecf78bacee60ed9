"""Scores an extractor against the project's annotated corpus (``eval/corpus``).

The gold format and the annotation rules are in ``eval/README.md``. In short: per document, a
set of entities ``(class, key)`` and relations ``(type, source key, target key)``, where a key
is a canonical id (CBS code, ``stakeholder:…``, ``incident-type:…``) or the slug of a proper
name; an ``Incident`` is keyed by its incident type. Plus the personal data seeded in the text,
which must not survive redaction.

Scoring is at document level: a gold entity is found when some extracted entity of the gold
class (or a subclass) has that key (its id, the part of its id after ``:``, or the slug of its
name); an extracted entity that matches no gold entity is a false positive of the evaluation
class it falls under. Relations likewise, with the endpoints matched by key. A leak is a
personal item that survives in the redacted text (see ``leaks``).

Run ``twin eval`` (or ``python -m nlp.evaluation --check DIR`` to validate gold files only).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nlp.extraction import Entity, Extraction, Extractor
from nlp.patterns import slug
from ontology.model import OntologyModel

# The classes the corpus is annotated with; a system type is scored under the first it is a
# kind of (most specific first).
EVAL_CLASSES = (
    "Municipality",
    "District",
    "Neighbourhood",
    "Area",
    "Street",
    "Facility",
    "Stakeholder",
    "Programme",
    "Incident",
    "IncidentType",
    "Theme",
)
RELATION_TYPES = (
    "TARGETS",
    "ADDRESSES",
    "RUNS",
    "PARTNER_IN",
    "OCCURRED_IN",
    "OF_TYPE",
    "LOCATED_IN",
    "OPERATES",
    "ACTIVE_IN",
)
# words of a name form that are not names themselves (particles, titles, role words)
_NOT_NAME_WORDS = frozenset(
    """
    de den der van von ten ter te het 't la le les du des d l di da dos del bin al el
    mevrouw meneer mevr mw dhr heer drs dr ir mr prof ing mrs ms mr mme mlle madame monsieur
    herr frau sir
    """.split()
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’]*", re.UNICODE)


class CorpusError(Exception):
    """A gold file that cannot be read or breaks the annotation rules."""


@dataclass(frozen=True)
class GoldDocument:
    path: Path
    text: str
    lang: str
    entities: frozenset[tuple[str, str]]  # (class, key)
    relations: frozenset[tuple[str, str, str]]  # (type, source key, target key)
    names: tuple[str, ...]
    contacts: tuple[str, ...]


def gold_key(item: dict[str, str]) -> str:
    """The key of a gold entity: its id, else the slug of its name."""
    if item.get("id"):
        return item["id"]
    return slug(item.get("name", ""))


def _relation_key(value: str, keys: set[str], by_name: dict[str, str]) -> str:
    """A relation end: an entity key itself, an entity's name, else the slug of the value."""
    return value if value in keys else by_name.get(value, slug(value))


def load_document(gold_path: Path) -> GoldDocument:
    """One document and its gold file; ``CorpusError`` names the file and the problem."""
    text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
    try:
        text = text_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CorpusError(f"{text_path}: cannot read the document ({exc.strerror})") from exc
    try:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{gold_path}: not a readable JSON gold file ({exc})") from exc
    entities: set[tuple[str, str]] = set()
    by_name: dict[str, str] = {}
    for item in data.get("entities", []):
        cls = item.get("class", "")
        if cls not in EVAL_CLASSES:
            raise CorpusError(
                f"{gold_path}: entity {item} has class {cls!r}, not one of "
                f"{', '.join(EVAL_CLASSES)}"
            )
        key = gold_key(item)
        if not key:
            raise CorpusError(f"{gold_path}: entity {item} has neither id nor name")
        entities.add((cls, key))
        if item.get("name"):
            by_name[item["name"]] = key
    keys = {key for _, key in entities}
    relations: set[tuple[str, str, str]] = set()
    for item in data.get("relations", []):
        rtype = item.get("type", "")
        if rtype not in RELATION_TYPES:
            raise CorpusError(f"{gold_path}: relation {item} has an unknown type {rtype!r}")
        source = _relation_key(item.get("source", ""), keys, by_name)
        target = _relation_key(item.get("target", ""), keys, by_name)
        for end in (source, target):
            if end not in keys:
                raise CorpusError(
                    f"{gold_path}: relation {item} refers to {end!r}, which is not an entity "
                    "key of this file"
                )
        relations.add((rtype, source, target))
    # an Incident is keyed by its type, so its OF_TYPE relation is implied by the entity
    relations |= {("OF_TYPE", key, key) for cls, key in entities if cls == "Incident"}
    personal = data.get("personal", {})
    names = tuple(personal.get("names", []))
    contacts = tuple(personal.get("contacts", []))
    for item in (*names, *contacts):
        if item not in text:
            raise CorpusError(f"{gold_path}: personal item {item!r} does not occur in the text")
    return GoldDocument(
        path=text_path,
        text=text,
        lang=data.get("lang", ""),
        entities=frozenset(entities),
        relations=frozenset(relations),
        names=names,
        contacts=contacts,
    )


def load_corpus(root: Path) -> list[GoldDocument]:
    """Every ``*.gold.json`` under ``root`` (sorted), with its document."""
    files = sorted(root.rglob("*.gold.json"))
    if not files:
        raise CorpusError(f"{root}: no *.gold.json files found")
    return [load_document(path) for path in files]


def check_ids(docs: Iterable[GoldDocument], known: set[str]) -> list[str]:
    """Gold ids that name no known entity (ids contain ``:`` or are CBS codes)."""
    problems = []
    for doc in docs:
        for cls, key in sorted(doc.entities):
            looks_like_id = ":" in key or re.fullmatch(r"(GM|WK|BU)\d+", key)
            if looks_like_id and key not in known:
                problems.append(f"{doc.path}: {cls} id {key!r} is not a known entity id")
    return problems


# ------------------------------------------------------------------ leaks


def _name_words(form: str) -> list[str]:
    words = []
    for match in _NAME_WORD.finditer(form):
        for word in match.group(0).split("-"):
            bare = word.strip("'’")
            if len(bare) >= 2 and bare.casefold().rstrip(".") not in _NOT_NAME_WORDS:
                words.append(bare)
    return words


def _contact_pattern(item: str) -> re.Pattern[str]:
    digits = re.sub(r"\D", "", item)
    if len(digits) >= 6:
        return re.compile(r"(?<!\d)" + r"[\s().+/-]*".join(digits) + r"(?!\d)")
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, item.split())) + r"(?!\w)")


def leaks(doc: GoldDocument, redacted: str) -> list[str]:
    """The personal items of ``doc`` that survive in ``redacted``: a name form any of whose
    name words (not particles or titles) is still there as a whole word, a contact item whose
    text (or, with six digits or more, whose digits in any layout) is still there."""
    found = []
    for form in doc.names:
        surviving = [
            w for w in _name_words(form) if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", redacted)
        ]
        if surviving:
            found.append(f"name {form!r} ({', '.join(surviving)})")
    for item in doc.contacts:
        if _contact_pattern(item).search(redacted):
            found.append(f"contact {item!r}")
    return found


# ------------------------------------------------------------------ scoring


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class Report:
    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    leaks: list[tuple[str, str]] = field(default_factory=list)  # (document, item)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (doc, kind, item)
    documents: int = 0
    words: int = 0
    names: int = 0
    contacts: int = 0

    @staticmethod
    def total(table: dict[str, Counts]) -> Counts:
        total = Counts()
        for counts in table.values():
            total.add(counts)
        return total

    def as_json(self) -> dict[str, object]:
        def rows(table: dict[str, Counts]) -> dict[str, dict[str, float]]:
            return {
                name: {
                    "tp": c.tp,
                    "fp": c.fp,
                    "fn": c.fn,
                    "precision": round(c.precision, 3),
                    "recall": round(c.recall, 3),
                    "f1": round(c.f1, 3),
                }
                for name, c in [*sorted(table.items()), ("ALL", self.total(table))]
            }

        return {
            "documents": self.documents,
            "words": self.words,
            "personal_names": self.names,
            "personal_contacts": self.contacts,
            "entities": rows(self.entities),
            "relations": rows(self.relations),
            "leaks": len(self.leaks),
            "leaked": [f"{doc}: {item}" for doc, item in self.leaks],
        }


def eval_class(model: OntologyModel, type_: str) -> str | None:
    for cls in EVAL_CLASSES:
        if model.is_a(type_, cls):
            return cls
    return None


def _keys(entity: Entity) -> set[str]:
    keys = {entity.id, slug(entity.name), slug(entity.text)}
    if ":" in entity.id:
        keys.add(entity.id.split(":", 1)[1])
    return keys


def _predicted(
    extraction: Extraction, model: OntologyModel
) -> tuple[dict[str, tuple[str, set[str]]], set[tuple[str, str, str]]]:
    """Unique extracted entities by id → (eval class, keys), and relations by id."""
    incident_type = {r.source: r.target for r in extraction.relations if r.type == "OF_TYPE"}
    entities: dict[str, tuple[str, set[str]]] = {}
    for entity in extraction.entities:
        cls = eval_class(model, entity.type)
        if cls is None or entity.id.startswith("class:"):
            continue
        keys = _keys(entity)
        if cls == "Incident":
            if entity.id not in incident_type:
                continue
            keys = {incident_type[entity.id]}
        previous = entities.get(entity.id)
        entities[entity.id] = (cls, keys | (previous[1] if previous else set()))
    relations = {(r.type, r.source, r.target) for r in extraction.relations}
    return entities, relations


def score_document(
    doc: GoldDocument, extraction: Extraction, model: OntologyModel, report: Report
) -> None:
    entities, relations = _predicted(extraction, model)
    name = doc.path.name
    matched: set[str] = set()
    for cls, key in sorted(doc.entities):
        hits = [eid for eid, (pcls, keys) in entities.items() if pcls == cls and key in keys]
        if hits:
            report.entities[cls].tp += 1
            matched.update(hits)
        else:
            report.entities[cls].fn += 1
            report.errors.append((name, "missed entity", f"{cls} {key}"))
    for eid, (pcls, _) in sorted(entities.items()):
        if eid not in matched:
            report.entities[pcls].fp += 1
            report.errors.append((name, "spurious entity", f"{pcls} {eid}"))
    matched_relations: set[tuple[str, str, str]] = set()
    for rtype, source, target in sorted(doc.relations):
        found = {
            r
            for r in relations
            if r[0] == rtype
            and r[1] in entities
            and r[2] in entities
            and source in entities[r[1]][1]
            and target in entities[r[2]][1]
        }
        if found:
            report.relations[rtype].tp += 1
            matched_relations |= found
        else:
            report.relations[rtype].fn += 1
            report.errors.append((name, "missed relation", f"{rtype} {source} -> {target}"))
    for relation in sorted(relations - matched_relations):
        if relation[0] in RELATION_TYPES:
            report.relations[relation[0]].fp += 1
            report.errors.append((name, "spurious relation", " ".join(relation)))
    for item in leaks(doc, extraction.text):
        report.leaks.append((name, item))
    report.documents += 1
    report.words += len(doc.text.split())
    report.names += len(doc.names)
    report.contacts += len(doc.contacts)


def evaluate(docs: Sequence[GoldDocument], extractor: Extractor, model: OntologyModel) -> Report:
    report = Report()
    for doc in docs:
        score_document(doc, extractor.extract(doc.text), model, report)
    return report


def format_report(report: Report) -> str:
    """The tables ``twin eval`` prints."""
    lines = [
        f"{report.documents} documents, {report.words} words, {report.names} person-name "
        f"forms and {report.contacts} contact items seeded",
        "",
    ]
    for title, table in (("entity class", report.entities), ("relation", report.relations)):
        lines.append(f"{title:<14} {'gold':>5} {'found':>6} {'P':>6} {'R':>6} {'F1':>6}")
        for name, c in [*sorted(table.items()), ("ALL (micro)", Report.total(table))]:
            lines.append(
                f"{name:<14} {c.tp + c.fn:>5} {c.tp + c.fp:>6} {c.precision:>6.3f} "
                f"{c.recall:>6.3f} {c.f1:>6.3f}"
            )
        lines.append("")
    lines.append(f"personal-data leaks: {len(report.leaks)}")
    lines += [f"  {doc}: {item}" for doc, item in report.leaks]
    return "\n".join(lines)


def _main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate the gold files of a corpus.")
    parser.add_argument("--check", type=Path, required=True, help="corpus directory")
    args = parser.parse_args(argv)
    from loaders.reference import gazetteer_entries
    from nlp.gazetteer import ontology_entries
    from ontology import load_model

    model = load_model()
    known = {e.id for e in [*gazetteer_entries(model), *ontology_entries(model)]}
    try:
        docs = load_corpus(args.check)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    problems = check_ids(docs, known)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    totals: Counter[str] = Counter()
    for doc in docs:
        totals["documents"] += 1
        totals["words"] += len(doc.text.split())
        totals["names"] += len(doc.names)
        totals["contacts"] += len(doc.contacts)
        totals.update(f"entity {cls}" for cls, _ in doc.entities)
        totals.update(f"relation {r[0]}" for r in doc.relations)
    print(json.dumps(dict(totals), ensure_ascii=False, indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(_main())


__all__ = [
    "EVAL_CLASSES",
    "RELATION_TYPES",
    "CorpusError",
    "GoldDocument",
    "Report",
    "evaluate",
    "format_report",
    "leaks",
    "load_corpus",
]
