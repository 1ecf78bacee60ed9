"""Throughput of the extraction pipeline: words/s for the privacy filter alone and for the whole
pipeline (privacy filter → entities → linking → relations), in one process and in two.

The corpus is synthetic and varied: documents assembled by a seeded random generator from
sentence templates in Dutch, English and French, the places, organisations and incident words
of the twin's own reference data and ontology, and invented person names and contact details
(which the filter must remove). Nothing is downloaded.

Run:  .venv/bin/python bench/extract.py [--words 200000] [--repeat 3]
Each benchmark prints one JSON line: name, words, the median seconds of the passes after the
first (warm), words_per_second, cold_words_per_second (the first pass) and, for two processes,
the speed-up over one.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

TEMPLATES = {
    "nl": [
        "In {place} meldden bewoners {incident} rond het winkelcentrum.",
        "{org} en {org2} spraken af om samen op te trekken in {place}.",
        "Wijkagent {person} ({age}) is bereikbaar via {email} of {phone}.",
        "De gemeente wil de aanpak van {incident} in {place} in 2025 uitbreiden.",
        "Mevrouw {person} van de {street} {number} vroeg om betere verlichting.",
        "Het project wordt uitgevoerd door {org} in samenwerking met {org2}.",
        "Volgens de cijfers van het CBS ligt het aantal inbraken in {place} hoger dan gemiddeld.",
        "Het programma {programme} richt zich op {place} en pakt {incident} aan.",
        "Partners zijn {org}, {org2} en Stichting {programme}.",
        "Op 3 maart 2024 vond een explosie plaats aan de {street} in {place}.",
    ],
    "en": [
        "Residents of {place} reported {incident} near the station.",
        "{org} will work with {org2} on the approach in {place}.",
        "Officer {person} can be reached at {email} or {phone}.",
        "The municipality plans to expand its work on {incident} in {place}.",
        "Mr {person} of {number} {street} asked for more street lighting.",
        "The {programme} programme, led by {org} together with {org2}, targets {place}.",
    ],
    "fr": [
        "Les habitants de {place} signalent {incident} près de la gare.",
        "{org} travaille avec {org2} dans le quartier de {place}.",
        "Madame {person} est joignable au {phone} ou par courriel {email}.",
        "La commune veut renforcer la prévention de {incident} à {place}.",
        "Le programme {programme} est porté par {org} en partenariat avec {org2}.",
    ],
}
FIRST = ["Jan", "Sanne", "Mohamed", "Anna", "Pieter", "Fatima", "Sophie", "Luc", "Emma", "Kevin"]
LAST = ["de Vries", "Jansen", "El Amrani", "Bakker", "Lefèvre", "Hendriks", "Yilmaz", "Peeters"]
PROGRAMMES = ["Samen Sterk", "Veilige Buurt", "Wijk in Balans", "Heerlen Helpt", "Buurtkracht"]
STREETS = ["Akerstraat", "Geleenstraat", "Kloosterweg", "Pancratiusplein", "Schelsberg"]


def corpus(words: int, seed: int = 17) -> list[str]:
    """Documents of about 300 words each, together at least ``words`` words."""
    from loaders.reference import gazetteer_entries
    from nlp.gazetteer import ontology_entries
    from ontology import load_model

    model = load_model()
    places = [e.surface for e in gazetteer_entries(model) if model.is_a(e.type, "Place")]
    orgs = [e.surface for e in gazetteer_entries(model) if model.is_a(e.type, "Stakeholder")]
    incidents = [e.surface for e in ontology_entries(model) if e.type == "IncidentType"]
    rng = random.Random(seed)
    docs: list[str] = []
    total = 0
    while total < words:
        lang = rng.choice(("nl", "nl", "en", "fr"))
        sentences = []
        while sum(len(s.split()) for s in sentences) < 300:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            sentences.append(
                rng.choice(TEMPLATES[lang]).format(
                    place=rng.choice(places),
                    org=rng.choice(orgs),
                    org2=rng.choice(orgs),
                    incident=rng.choice(incidents),
                    person=f"{first} {last}",
                    age=rng.randint(19, 70),
                    email=f"{first.lower()}.{last.split()[-1].lower()}@example.nl",
                    phone=f"06-{rng.randint(10_000_000, 99_999_999)}",
                    street=rng.choice(STREETS),
                    programme=rng.choice(PROGRAMMES),
                    number=rng.randint(1, 180),
                )
            )
        doc = "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))
        docs.append(doc)
        total += len(doc.split())
    return docs


def _build(kind: str) -> Callable[[str], Any]:
    from loaders.reference import gazetteer_entries
    from nlp.gazetteer import ontology_entries
    from nlp.language import paragraphs
    from nlp.pipeline import build_extractor
    from ontology import load_model

    model = load_model()
    extractor = build_extractor(gazetteer_entries(model) + ontology_entries(model), model)
    if kind == "privacy":
        privacy = extractor._privacy
        return lambda text: privacy.redact(text, paragraphs(text))
    return extractor.extract


_WORKER: Callable[[str], Any] | None = None


def _init_worker(kind: str) -> None:
    global _WORKER  # noqa: PLW0603 - one pipeline per worker process
    _WORKER = _build(kind)


def _run_in_worker(text: str) -> int:
    assert _WORKER is not None
    _WORKER(text)
    return len(text.split())


def _timed(run: Callable[[], None], repeat: int) -> tuple[float, float]:
    """(cold, warm): the first pass over the corpus, and the median of the passes after it
    (the name finders cache per word, so text they have not seen yet is slower)."""
    times = []
    for _ in range(max(repeat, 2)):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times[0], statistics.median(times[1:])


def bench(docs: Sequence[str], repeat: int) -> list[dict[str, Any]]:
    words = sum(len(d.split()) for d in docs)
    results = []
    single: dict[str, float] = {}
    for kind in ("privacy", "pipeline"):
        fn = _build(kind)
        fn(docs[0])  # warm up: load deduce, the French model, compile patterns
        cold, seconds = _timed(lambda fn=fn: [fn(d) for d in docs] and None, repeat)
        single[kind] = seconds
        results.append(
            {
                "name": f"extract.{kind}.1proc",
                "words": words,
                "seconds": round(seconds, 3),
                "words_per_second": round(words / seconds),
                "cold_words_per_second": round(words / cold),
            }
        )
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2, initializer=_init_worker, initargs=("pipeline",)) as pool:
        pool.map(_run_in_worker, docs[:4])  # warm up both workers
        cold, seconds = _timed(lambda: pool.map(_run_in_worker, docs, chunksize=8) and None, repeat)
    results.append(
        {
            "name": "extract.pipeline.2proc",
            "words": words,
            "seconds": round(seconds, 3),
            "words_per_second": round(words / seconds),
            "cold_words_per_second": round(words / cold),
            "speedup_vs_1proc": round(single["pipeline"] / seconds, 2),
        }
    )
    return results


def bench_real_text(corpus_dir: Path, repeat: int) -> dict[str, Any]:
    """The whole pipeline on the annotated corpus (hand-written documents, less repetitive
    than the generated corpus): median of ``repeat`` passes after a first one."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.rglob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    fn = _build("pipeline")
    cold, seconds = _timed(lambda: [fn(t) for t in texts] and None, repeat)
    return {
        "name": "extract.pipeline.eval_corpus.1proc",
        "documents": len(texts),
        "words": words,
        "seconds": round(seconds, 3),
        "words_per_second": round(words / seconds),
        "cold_words_per_second": round(words / cold),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000, help="corpus size in words")
    parser.add_argument("--repeat", type=int, default=3, help="runs per benchmark (median)")
    args = parser.parse_args()
    docs = corpus(args.words)
    for line in bench(docs, args.repeat):
        print(json.dumps(line))
    real = Path(__file__).resolve().parents[1] / "eval" / "corpus"
    if real.is_dir():
        print(json.dumps(bench_real_text(real, args.repeat)))


if __name__ == "__main__":
    main()
