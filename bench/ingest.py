"""Ingest benchmark: the batched writer against a naive one (one transaction per fact).

    .venv/bin/python bench/ingest.py [--docs 200] [--batch-size 20000]

Input: the annotated evaluation corpus (eval/corpus) repeated to ``--docs`` documents, each
made unique by a numbered closing line. Steps, each printing one JSON line:

1. ``extract``: the whole pipeline (privacy filter, entities, relations) over every document,
   after loading the language models (timed apart);
2. ``batched``: the plans written with ``GraphWriter`` (UNWIND per statement group, one
   transaction per ``--batch-size`` rows) into a freshly seeded database;
3. ``naive``: the same plans, same Cypher, one transaction per node or relationship row,
   into a freshly seeded database; the graphs of 2 and 3 are compared (they must be equal);
4. ``end-to-end``: ``ingest()`` as ``twin ingest`` runs it (read, decide, extract, write),
   models loaded, query plans warm;
5. ``ratio``: naive seconds / batched seconds (target ≥ 20).

The benchmark runs its own managed Neo4j instance (``bench``, ports 37787/37574, data in
.state/neo4j-bench) unless ``TWIN_INSTANCE`` says otherwise; it wipes that database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# bench/graphql.py would shadow graphql-core: import from the project root, not this folder
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TWIN_INSTANCE", "bench")
os.environ.setdefault("TWIN_NEO4J_BOLT_PORT", "37787")
os.environ.setdefault("TWIN_NEO4J_HTTP_PORT", "37574")
os.environ.setdefault("TWIN_ENV_FILE", "")
for _name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
    os.environ.pop(_name, None)

import neo4j  # noqa: E402

from bench.corpus import corpus  # noqa: E402
from graph import queries, schema, server  # noqa: E402
from graph.connection import driver as make_driver  # noqa: E402
from graph.writer import GraphWriter, WritePlan, run_statements  # noqa: E402
from loaders.documents import read  # noqa: E402
from loaders.ingest import DEFAULT_BATCH_SIZE, document_plan, extractor_for, ingest  # noqa: E402
from loaders.reference import seed_plan  # noqa: E402
from ontology import load_model  # noqa: E402
from twin.settings import get_settings  # noqa: E402


def emit(name: str, **figures: object) -> None:
    print(json.dumps({"benchmark": f"ingest.{name}", **figures}), flush=True)


def reset(drv: neo4j.Driver, model: object, database: str | None) -> None:
    with drv.session(database=database) as session:
        session.run(queries.WIPE).consume()
    GraphWriter(drv, model, database=database).write(seed_plan(model))  # type: ignore[arg-type]


def graph_counts(drv: neo4j.Driver) -> tuple[int, int]:
    nodes = drv.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
    rels = drv.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"]
    return int(nodes), int(rels)


def write_batched(writer: GraphWriter, plans: list[WritePlan], batch_size: int) -> int:
    """As the ingest writes: plans gathered until ``batch_size`` rows, one transaction each."""
    transactions, pending = 0, WritePlan()
    for plan in plans:
        pending.extend(plan)
        if pending.rows >= batch_size:
            writer.write(pending)
            transactions, pending = transactions + 1, WritePlan()
    if pending.rows:
        writer.write(pending)
        transactions += 1
    return transactions


def write_naive(drv: neo4j.Driver, writer: GraphWriter, plans: list[WritePlan]) -> int:
    """The same statements, one transaction per row (per node, relationship, alias)."""
    transactions = 0
    with drv.session() as session:
        for plan in plans:
            for cypher, rows in writer.statements(plan):
                for row in rows:
                    now = datetime.now(UTC).isoformat()
                    session.execute_write(
                        lambda tx, c=cypher, r=row, n=now: run_statements(tx, [(c, [r])], 1, n)
                    )
                    transactions += 1
    return transactions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--repeat", type=int, default=3, help="batched-writer repetitions")
    parser.add_argument("--keep-server", action="store_true", help="leave Neo4j running")
    args = parser.parse_args()

    settings = get_settings()
    started_server = not server.status(settings).running
    server.start(settings)
    model = load_model()
    database = settings.neo4j_database
    try:
        with make_driver(settings) as drv:
            schema.apply(drv, model, database)
            reset(drv, model, database)
            extractor = extractor_for(drv, model, database)
            with tempfile.TemporaryDirectory() as tmp:
                paths = corpus(Path(tmp), args.docs)
                docs = [read(p) for p in paths]
                words = sum(len(d.text.split()) for d in docs)

                t0 = time.perf_counter()
                for doc in docs[:40]:  # every corpus text once: loads deduce and the French model
                    extractor.extract(doc.text)
                warm_up_s = time.perf_counter() - t0
                t0 = time.perf_counter()
                extractions = [extractor.extract(d.text) for d in docs]
                extract_s = time.perf_counter() - t0
                emit(
                    "extract",
                    docs=len(docs),
                    words=words,
                    model_loading_seconds=round(warm_up_s, 3),
                    seconds=round(extract_s, 3),
                    docs_per_s=round(len(docs) / extract_s, 1),
                    words_per_s=round(words / extract_s),
                )
                plans = [document_plan(d, e, model) for d, e in zip(docs, extractions, strict=True)]
                rows = sum(p.rows for p in plans)

                writer = GraphWriter(drv, model, database=database, batch_size=args.batch_size)
                runs = []
                for _ in range(args.repeat):
                    reset(drv, model, database)
                    before = graph_counts(drv)
                    t0 = time.perf_counter()
                    transactions = write_batched(writer, plans, args.batch_size)
                    runs.append(time.perf_counter() - t0)
                after = graph_counts(drv)
                written = (after[0] - before[0]) + (after[1] - before[1])
                batched_s = statistics.median(runs)
                batched_graph = after
                emit(
                    "batched",
                    docs=len(docs),
                    rows=rows,
                    transactions=transactions,
                    batch_size=args.batch_size,
                    nodes_and_relationships=written,
                    seconds=round(batched_s, 3),
                    runs=[round(r, 3) for r in runs],
                    docs_per_s=round(len(docs) / batched_s, 1),
                    words_per_s=round(words / batched_s),
                    writes_per_s=round(written / batched_s),
                )

                reset(drv, model, database)
                t0 = time.perf_counter()
                naive_transactions = write_naive(drv, writer, plans)
                naive_s = time.perf_counter() - t0
                naive_graph = graph_counts(drv)
                emit(
                    "naive",
                    docs=len(docs),
                    rows=rows,
                    transactions=naive_transactions,
                    nodes_and_relationships=written,
                    seconds=round(naive_s, 3),
                    docs_per_s=round(len(docs) / naive_s, 2),
                    words_per_s=round(words / naive_s),
                    writes_per_s=round(written / naive_s),
                    same_graph=naive_graph == batched_graph,
                )

                reset(drv, model, database)
                t0 = time.perf_counter()
                report = ingest(
                    paths,
                    extractor,
                    GraphWriter(drv, model, database=database, batch_size=args.batch_size),
                    batch_size=args.batch_size,
                )
                e2e_s = time.perf_counter() - t0
                assert report.ok, report.failed
                emit(
                    "end-to-end",
                    docs=len(docs),
                    words=words,
                    seconds=round(e2e_s, 3),
                    transactions=report.transactions,
                    docs_per_s=round(len(docs) / e2e_s, 1),
                    words_per_s=round(words / e2e_s),
                    writes_per_s=round(
                        (report.nodes_created + report.relationships_created) / e2e_s
                    ),
                )
                emit(
                    "ratio",
                    naive_over_batched=round(naive_s / batched_s, 1),
                    target=20,
                    met=naive_s / batched_s >= 20,
                )
    finally:
        if started_server and not args.keep_server:
            server.stop(settings)


if __name__ == "__main__":
    main()
