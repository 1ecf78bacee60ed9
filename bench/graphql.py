"""GraphQL benchmark: our API against @neo4j/graphql 7 on the same database, same run.

    .venv/bin/python bench/graphql.py [--requests 50] [--per-worker 20] [--concurrency 16]
                                      [--quick] [--keep] [--reuse] [--docs 200]

Six typical queries, each written for both APIs and returning the same data:

1. ``profile``: one neighbourhood (``--profile-id``, default BU09171000) with its district, its
   observations with their indicator and the documents that mention it;
2. ``list``: neighbourhoods whose name contains "e" and that have an observation with a value
   above 1000, sorted by name, first 20, with the total count;
3. ``two-hop``: the first 20 districts by name, their neighbourhoods, and their observations;
4. ``search``: full-text search for "Nieuw Lotbroek" among neighbourhoods, best 10;
5. ``aggregate``: count, min, max and average of the observation values per indicator;
6. ``deep-page``: documents sorted by title, the 20 after the 100th, from a cursor (fetched
   before the timing, from a first page of 100).

For every query and concurrency (1 and ``--concurrency``) both servers get the same number of
requests over HTTP with keep-alive (httpx2): at concurrency 1 ``--requests`` in a row, at
``--concurrency`` that many workers with ``--per-worker`` requests each, in ABBA blocks (ours,
theirs, theirs, ours) so that drift hits both alike. Each side first answers every query
``--warmup`` times (and each query again before its timing). One JSON line per query and
concurrency with p50/p95 of both, ``ratio_p50`` (theirs / ours: above 1 means we are faster),
the response sizes and, where /proc allows, the CPU time per request of each server process
and of Neo4j while it served that side (``*_cpu_ms``, ``*_neo4j_cpu_ms``: where the time goes);
then a summary line. Target: our p50 ≤ theirs on every query.

Setup: the benchmark runs its own managed Neo4j instance (``bench-graphql``, ports
37887/37674, data in .state/neo4j-bench-graphql) unless ``TWIN_INSTANCE`` says otherwise, wipes
it, applies the schema, seeds the reference data (``twin seed``), and ingests the eval corpus
repeated to ``--docs`` unique documents as ``twin ingest`` does (entity resolution included).
Our API runs under uvicorn in a subprocess as ``twin serve`` builds it (development mode
without API keys: every request is an analyst), without access log. Theirs is
``bench/neo4j-graphql/server.mjs``: @neo4j/graphql 7 with type definitions generated from the
ontology by ``bench/neo4j_graphql_typedefs.py``, on a plain Node ``http`` server that caches
parsed and validated documents (as Apollo Server and GraphQL Yoga do by default), with
``NODE_ENV=production`` and no logging; ``npm ci`` runs there first if node_modules is missing.
Neither server answers introspection on the hot path. The instance is stopped at the end
unless ``--keep``.

Before timing, the answers of both servers are compared on the essentials (same ids, counts,
values); the benchmark stops if they differ. Deliberate differences, all in their dialect:

- our root fields are connections; theirs are lists (``neighbourhoods``, ``districts`` with
  ``limit``) or ``<plural>Connection`` where a count or a cursor is asked for. The same
  selections otherwise, except ``sort``: ``[{field: NAME}]`` for us, ``[{name: ASC}]`` for them;
- our ``contains`` ignores case, theirs does not: the list filter uses a lower-case letter
  that gives the same neighbourhoods in both (checked);
- their nested lists have no defined order (ours: by relationship offset, then id), so nested
  lists are compared as sets (both list a document that mentions a place several times once);
  their pages need an explicit ``{id: ASC}`` tie-breaker where ours adds the id itself; their
  cursors are offsets, ours keyset;
- search: ours is ``search(text:, types: ["Neighbourhood"])`` (Lucene syntax escaped, phrase
  and prefix added, exact names first); theirs is the generated ``neighbourhoodsSearch`` on
  the same ``entity_names`` index, sent the Lucene query ours builds from the text
  (``gql.explore.lucene_query``) and sorted by score: the hits are compared as a set;
- aggregate: ours is one ``observationsAggregate(groupBy: [INDICATOR])``; theirs has no
  group-by over a relationship, so it asks every indicator for the aggregate of its
  observations (``indicators { observationsConnection { aggregate } }``), which also lists
  the indicators without observations (left out of the comparison);
- their schema has no ``mentions`` with offsets, no ``supportingDocuments`` and no rejected-fact
  filtering (ours hides relationships a maintainer rejected; the bench database has none).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import importlib.metadata
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# This file is named graphql.py: its folder must not shadow graphql-core for what we import.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TWIN_INSTANCE", "bench-graphql")
os.environ.setdefault("TWIN_NEO4J_BOLT_PORT", "37887")
os.environ.setdefault("TWIN_NEO4J_HTTP_PORT", "37674")
os.environ.setdefault("TWIN_ENV_FILE", "")
for _name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
    os.environ.pop(_name, None)

import httpx2  # noqa: E402
import neo4j  # noqa: E402

from bench.corpus import corpus  # noqa: E402
from bench.neo4j_graphql_typedefs import fulltext_query, typedefs  # noqa: E402
from graph import queries, schema, server  # noqa: E402
from graph.connection import driver as make_driver  # noqa: E402
from graph.connection import target  # noqa: E402
from graph.resolution import resolve  # noqa: E402
from graph.writer import GraphWriter  # noqa: E402
from loaders.ingest import extractor_for, ingest  # noqa: E402
from loaders.reference import seed_plan  # noqa: E402
from ontology import load_model  # noqa: E402
from twin.settings import Settings, get_settings  # noqa: E402

NODE_DIR = HERE / "neo4j-graphql"
HOST = "127.0.0.1"
READY_TIMEOUT = 180.0  # seconds: their schema takes a few seconds to build
REQUEST_TIMEOUT = 60.0
SEARCH_TEXT = "Nieuw Lotbroek"
LIST_CONTAINS = "e"
LIST_MIN_VALUE = 1000
PAGE_SIZE = 20
PAGE_AFTER = 100
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
OUR_SERVER = """\
import sys

import uvicorn

from gql.app import create_app
from twin.settings import get_settings

uvicorn.run(
    create_app(get_settings()),
    host=sys.argv[1],
    port=int(sys.argv[2]),
    log_level="warning",
    access_log=False,
)
"""

Json = dict[str, Any]
Essentials = Callable[[Json], Any]


def emit(name: str, **figures: object) -> None:
    print(json.dumps({"benchmark": f"graphql.{name}", **figures}), flush=True)


def lucene_query(text: str) -> str:
    """The Lucene query our ``search`` builds from ``text`` (imported when called: importing
    the GraphQL layer here would make type checkers take this file for graphql-core)."""
    build: Callable[[str], str | None] = importlib.import_module("gql.explore").lucene_query
    query = build(text)
    if query is None:
        raise ValueError(f"no words to search in {text!r}")
    return query


# ------------------------------------------------------------------ the six queries


@dataclass
class BenchQuery:
    """One query in both dialects, with what must agree between the two answers."""

    name: str
    ours: str
    theirs: str
    ours_essentials: Essentials
    theirs_essentials: Essentials
    ours_variables: Json = field(default_factory=dict)
    theirs_variables: Json = field(default_factory=dict)

    def body(self, side: str) -> bytes:
        query, variables = (
            (self.ours, self.ours_variables)
            if side == "ours"
            else (self.theirs, self.theirs_variables)
        )
        payload: Json = {"query": query}
        if variables:
            payload["variables"] = variables
        return json.dumps(payload).encode()


def _id(node: Json | None) -> str | None:
    return None if node is None else str(node["id"])


def _profile(node: Json) -> Json:
    return {
        "id": node["id"],
        "name": node["name"],
        "codeStatus": node["codeStatus"],
        "district": _id(node["district"]),
        "observations": sorted(
            (o["id"], float(o["value"]), o["period"], o["unit"], _id(o["indicator"]))
            for o in node["observations"]
        ),
        "documents": sorted({d["id"] for d in node["documents"]}),
    }


def _districts(nodes: Sequence[Json]) -> list[Any]:
    return [
        (
            d["id"],
            d["name"],
            sorted(
                (
                    n["id"],
                    sorted((o["id"], float(o["value"]), o["period"]) for o in n["observations"]),
                )
                for n in d["neighbourhoods"]
            ),
        )
        for d in nodes
    ]


def _stats(count: int, low: Any, high: Any, mean: Any) -> tuple[int, float, float, float]:
    return count, float(low), float(high), round(float(mean), 6)


PROFILE_SELECTION = """
      id name codeStatus
      district { id code name }
      observations { id value period unit indicator { id name } }
      documents { id title sourceUri language }"""
TWO_HOP_SELECTION = "id name neighbourhoods { id name observations { id value period } }"
PAGE_SELECTION = "edges { node { id title language words } } pageInfo { hasNextPage endCursor }"


def bench_queries(profile_id: str) -> list[BenchQuery]:
    """The six queries (the deep page still needs its cursors: :func:`set_cursors`)."""
    code = json.dumps(profile_id)
    where = (
        f'{{name: {{contains: "{LIST_CONTAINS}"}}, '
        f"observations: {{some: {{value: {{gt: {LIST_MIN_VALUE}}}}}}}}}"
    )
    phrase = json.dumps(lucene_query(SEARCH_TEXT))
    search_field = fulltext_query(load_model(), "Neighbourhood")
    made = [
        BenchQuery(
            "profile",
            f"{{ neighbourhoods(where: {{code: {{eq: {code}}}}}) {{ edges {{ node {{"
            f"{PROFILE_SELECTION} }} }} }} }}",
            f"{{ neighbourhoods(where: {{code: {{eq: {code}}}}}) {{{PROFILE_SELECTION} }} }}",
            lambda d: [_profile(e["node"]) for e in d["neighbourhoods"]["edges"]],
            lambda d: [_profile(n) for n in d["neighbourhoods"]],
        ),
        BenchQuery(
            "list",
            f"{{ neighbourhoods(where: {where}, sort: [{{field: NAME}}], first: {PAGE_SIZE}) "
            "{ totalCount edges { node { id code name } } } }",
            f"{{ neighbourhoodsConnection(where: {where}, sort: [{{name: ASC}}], "
            f"first: {PAGE_SIZE}) {{ totalCount edges {{ node {{ id code name }} }} }} }}",
            lambda d: (
                d["neighbourhoods"]["totalCount"],
                [(e["node"]["id"], e["node"]["name"]) for e in d["neighbourhoods"]["edges"]],
            ),
            lambda d: (
                d["neighbourhoodsConnection"]["totalCount"],
                [
                    (e["node"]["id"], e["node"]["name"])
                    for e in d["neighbourhoodsConnection"]["edges"]
                ],
            ),
        ),
        BenchQuery(
            "two-hop",
            f"{{ districts(first: {PAGE_SIZE}, sort: [{{field: NAME}}]) {{ edges {{ node {{ "
            f"{TWO_HOP_SELECTION} }} }} }} }}",
            f"{{ districts(limit: {PAGE_SIZE}, sort: [{{name: ASC}}]) {{ {TWO_HOP_SELECTION} }} }}",
            lambda d: _districts([e["node"] for e in d["districts"]["edges"]]),
            lambda d: _districts(d["districts"]),
        ),
        BenchQuery(
            "search",
            f'{{ search(text: {json.dumps(SEARCH_TEXT)}, types: ["Neighbourhood"], first: 10) '
            "{ score node { id ... on Neighbourhood { name code } } } }",
            f"{{ {search_field}(phrase: {phrase}, sort: [{{score: DESC}}], first: 10) "
            "{ edges { score node { id name code } } } }",
            lambda d: sorted((h["node"]["id"], round(h["score"], 3)) for h in d["search"]),
            lambda d: sorted(
                (e["node"]["id"], round(e["score"], 3)) for e in d[search_field]["edges"]
            ),
        ),
        BenchQuery(
            "aggregate",
            "{ observationsAggregate(groupBy: [INDICATOR]) { count "
            "groups { key { indicator { id name } } count min max avg } } }",
            "{ indicators { id name observationsConnection { aggregate { count { nodes } "
            "node { value { min max average } } } } } }",
            lambda d: {
                g["key"]["indicator"]["id"]: _stats(g["count"], g["min"], g["max"], g["avg"])
                for g in d["observationsAggregate"]["groups"]
                if g["key"]["indicator"] is not None
            },
            lambda d: {
                i["id"]: _stats(
                    a["count"]["nodes"],
                    a["node"]["value"]["min"],
                    a["node"]["value"]["max"],
                    a["node"]["value"]["average"],
                )
                for i in d["indicators"]
                if (a := i["observationsConnection"]["aggregate"])["count"]["nodes"] > 0
            },
        ),
        BenchQuery(
            "deep-page",
            "query Page($after: String) { documents(first: "
            f"{PAGE_SIZE}, after: $after, sort: [{{field: TITLE}}]) {{ {PAGE_SELECTION} }} }}",
            "query Page($after: String) { documentsConnection(first: "
            f"{PAGE_SIZE}, after: $after, sort: [{{title: ASC}}, {{id: ASC}}]) "
            f"{{ {PAGE_SELECTION} }} }}",
            lambda d: _page(d["documents"]),
            lambda d: _page(d["documentsConnection"]),
        ),
    ]
    if tuple(q.name for q in made) != QUERY_NAMES:
        raise RuntimeError("QUERY_NAMES must list the queries of bench_queries()")
    return made


QUERY_NAMES = ("profile", "list", "two-hop", "search", "aggregate", "deep-page")


def _page(connection: Json) -> tuple[list[str], bool]:
    ids = [e["node"]["id"] for e in connection["edges"]]
    return ids, bool(connection["pageInfo"]["hasNextPage"])


CURSOR_QUERIES = {
    "ours": (
        "documents",
        f"{{ documents(first: {PAGE_AFTER}, sort: [{{field: TITLE}}]) "
        "{ pageInfo { endCursor } } }",
    ),
    "theirs": (
        "documentsConnection",
        f"{{ documentsConnection(first: {PAGE_AFTER}, sort: [{{title: ASC}}, {{id: ASC}}]) "
        "{ pageInfo { endCursor } } }",
    ),
}


# ------------------------------------------------------------------ the database


def graph_counts(drv: neo4j.Driver, database: str) -> tuple[int, int, int]:
    records = drv.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
        "CALL () { MATCH (d:Document) RETURN count(d) AS docs } "
        "RETURN nodes, rels, docs",
        database_=database,
    ).records
    row = records[0]
    return int(row["nodes"]), int(row["rels"]), int(row["docs"])


def prepare(settings: Settings, docs: int, reuse: bool) -> Json:
    """Schema, reference data and ``docs`` ingested documents in a wiped database (with
    ``reuse``: what a previous run left, if it holds documents)."""
    model = load_model()
    database = settings.neo4j_database
    t0 = time.perf_counter()
    with make_driver(settings) as drv:
        schema.apply(drv, model, database)
        if reuse and graph_counts(drv, database)[2] > 0:
            nodes, rels, documents = graph_counts(drv, database)
            return {"reused": True, "nodes": nodes, "relationships": rels, "documents": documents}
        with drv.session(database=database) as session:
            session.run(queries.WIPE).consume()
        writer = GraphWriter(drv, model, database=database)
        writer.write(seed_plan(model))
        extractor = extractor_for(drv, model, database)
        with tempfile.TemporaryDirectory(prefix="bench-graphql-") as tmp:
            report = ingest(corpus(Path(tmp), docs), extractor, writer, driver=drv)
            if not report.ok:
                raise RuntimeError(f"ingest failed: {report.failed}")
        merges = resolve(drv, model, database)
        nodes, rels, documents = graph_counts(drv, database)
    return {
        "reused": False,
        "docs": docs,
        "nodes": nodes,
        "relationships": rels,
        "documents": documents,
        "merges": len(merges),
        "seconds": round(time.perf_counter() - t0, 1),
    }


# ------------------------------------------------------------------ the two servers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Process:
    """A server subprocess and its log file."""

    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    url: str

    def tail(self, lines: int = 30) -> str:
        text = self.log.read_text("utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()


def _spawn(name: str, command: list[str], cwd: Path, env: dict[str, str], log: Path) -> Process:
    port = int(env["PORT"])
    with log.open("wb") as out:
        popen = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Process(name, popen, log, f"http://{HOST}:{port}")


def start_ours(folder: Path) -> Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TWIN_API_KEYS")}
    env.update(TWIN_ENV="development", PORT=str(free_port()))
    command = [sys.executable, "-c", OUR_SERVER, HOST, env["PORT"]]
    return _spawn("ours", command, ROOT, env, folder / "ours.log")


def node_versions() -> tuple[str, str]:
    """The versions of Node and of the installed @neo4j/graphql."""
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    package = NODE_DIR / "node_modules" / "@neo4j" / "graphql" / "package.json"
    library = json.loads(package.read_text("utf-8"))["version"]
    return node.stdout.strip(), str(library)


def ensure_node_modules() -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise RuntimeError("node and npm are needed for the @neo4j/graphql side (Node 20+)")
    if (NODE_DIR / "node_modules" / "@neo4j" / "graphql").exists():
        return
    lock = (NODE_DIR / "package-lock.json").exists()
    command = ["npm", "ci" if lock else "install", "--no-audit", "--no-fund"]
    print(f"running {' '.join(command)} in {NODE_DIR}", file=sys.stderr, flush=True)
    subprocess.run(command, cwd=NODE_DIR, check=True, stdout=sys.stderr)


def start_theirs(folder: Path, settings: Settings) -> Process:
    sdl = folder / "typedefs.graphql"
    sdl.write_text(typedefs(load_model()), "utf-8")
    t = target(settings)
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "NODE_OPTIONS")}
    env.update(
        NODE_ENV="production",
        NEO4J_URI=t.uri,
        NEO4J_USER=t.user,
        NEO4J_PASSWORD=t.password,
        NEO4J_DATABASE=t.database,
        BENCH_TYPEDEFS=str(sdl),
        HOST=HOST,
        PORT=str(free_port()),
    )
    return _spawn("theirs", ["node", "server.mjs"], NODE_DIR, env, folder / "theirs.log")


def wait_ready(processes: Sequence[Process]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    waiting = list(processes)
    with httpx2.Client(timeout=5) as client:
        while waiting:
            for proc in list(waiting):
                if proc.popen.poll() is not None:
                    raise RuntimeError(f"{proc.name} server exited:\n{proc.tail()}")
                with contextlib.suppress(httpx2.HTTPError):
                    if client.get(f"{proc.url}/healthz").status_code == 200:
                        waiting.remove(proc)
            if waiting and time.monotonic() > deadline:
                names = ", ".join(p.name for p in waiting)
                raise RuntimeError(f"{names} not ready after {READY_TIMEOUT:g} s")
            if waiting:
                time.sleep(0.25)


@contextlib.contextmanager
def servers(settings: Settings) -> Iterator[dict[str, Process]]:
    with tempfile.TemporaryDirectory(prefix="bench-graphql-servers-") as tmp:
        folder = Path(tmp)
        ensure_node_modules()
        started: dict[str, Process] = {}
        try:
            started["ours"] = start_ours(folder)
            started["theirs"] = start_theirs(folder, settings)
            wait_ready(list(started.values()))
            yield started
        finally:
            for proc in started.values():
                proc.stop()


# ------------------------------------------------------------------ measuring


def percentile(values: Sequence[float], q: int) -> float:
    """The ``q``-th percentile (inclusive method; the median for 50)."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU seconds of a process so far (Linux /proc; None elsewhere)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text("ascii").rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


@dataclass
class Side:
    """One server as a client sees it."""

    name: str
    client: httpx2.AsyncClient
    pid: int | None = None

    async def post(self, body: bytes) -> tuple[float, httpx2.Response]:
        t0 = time.perf_counter()
        response = await self.client.post(
            "/graphql", content=body, headers={"Content-Type": "application/json"}
        )
        return time.perf_counter() - t0, response


def _data(side: str, query: str, response: httpx2.Response) -> Json:
    if response.status_code != 200:
        raise RuntimeError(f"{side} {query}: HTTP {response.status_code}: {response.text[:500]}")
    payload = response.json()
    if payload.get("errors"):
        raise RuntimeError(f"{side} {query}: {json.dumps(payload['errors'])[:1000]}")
    data: Json = payload["data"]
    return data


async def run_block(
    side: Side, query: BenchQuery, concurrency: int, per_worker: int
) -> tuple[list[float], list[bytes]]:
    """``concurrency`` workers sending ``per_worker`` requests each; latencies in seconds and
    the distinct response bodies (checked after the block, outside the timing)."""
    body = query.body(side.name)
    latencies: list[float] = []
    bodies: dict[int, bytes] = {}

    async def worker() -> None:
        for _ in range(per_worker):
            seconds, response = await side.post(body)
            latencies.append(seconds)
            if response.status_code != 200:
                raise RuntimeError(f"{side.name} {query.name}: HTTP {response.status_code}")
            bodies.setdefault(hash(response.content), response.content)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    for content in bodies.values():
        payload = json.loads(content)
        if payload.get("errors"):
            raise RuntimeError(f"{side.name} {query.name}: {json.dumps(payload['errors'])[:500]}")
    return latencies, list(bodies.values())


@dataclass
class Figures:
    """The latencies of one query at one concurrency, both sides, and the CPU seconds their
    server processes and Neo4j spent meanwhile (None without /proc)."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: {"ours": [], "theirs": []})
    size: dict[str, int] = field(default_factory=dict)
    cpu: dict[str, float | None] = field(default_factory=dict)

    def ms(self, side: str, q: int) -> float:
        return round(percentile(self.latencies[side], q) * 1000, 2)

    def cpu_ms(self, key: str, side: str) -> float | None:
        spent = self.cpu.get(key)
        return None if spent is None else round(spent * 1000 / len(self.latencies[side]), 2)

    def add_cpu(self, key: str, before: float | None, after: float | None) -> None:
        if before is None or after is None or (key in self.cpu and self.cpu[key] is None):
            self.cpu[key] = None
        else:
            self.cpu[key] = (self.cpu.get(key) or 0.0) + after - before


async def measure(
    sides: dict[str, Side],
    query: BenchQuery,
    concurrency: int,
    per_worker: int,
    warmup: int,
    neo4j_pid: int | None,
) -> Figures:
    """ABBA blocks of ``per_worker`` // 2 requests per worker each, after a warm-up."""
    figures = Figures()
    for name in ("ours", "theirs"):
        await run_block(sides[name], query, concurrency, max(1, warmup // concurrency))
    half = max(1, per_worker // 2)
    for name in ("ours", "theirs", "theirs", "ours"):
        side = sides[name]
        before = cpu_seconds(side.pid), cpu_seconds(neo4j_pid)
        latencies, bodies = await run_block(side, query, concurrency, half)
        after = cpu_seconds(side.pid), cpu_seconds(neo4j_pid)
        figures.latencies[name] += latencies
        figures.size[name] = max(len(b) for b in bodies)
        figures.add_cpu(f"{name}_cpu_ms", before[0], after[0])
        figures.add_cpu(f"{name}_neo4j_cpu_ms", before[1], after[1])
    return figures


async def agree(sides: dict[str, Side], query: BenchQuery) -> None:
    """Both answers must agree on the essentials of ``query``."""
    found = {}
    for name, essentials in (("ours", query.ours_essentials), ("theirs", query.theirs_essentials)):
        _, response = await sides[name].post(query.body(name))
        found[name] = essentials(_data(name, query.name, response))
    if found["ours"] != found["theirs"]:
        raise RuntimeError(
            f"{query.name}: the answers differ\n ours:   {found['ours']!r}\n"
            f" theirs: {found['theirs']!r}"
        )
    if not found["ours"]:
        raise RuntimeError(f"{query.name}: both answers are empty; nothing is measured")


async def set_cursors(sides: dict[str, Side], page: BenchQuery) -> None:
    """The cursor after the first ``PAGE_AFTER`` documents, per side (outside the timing)."""
    for name, (root, text) in CURSOR_QUERIES.items():
        _, response = await sides[name].post(json.dumps({"query": text}).encode())
        cursor = _data(name, "cursor", response)[root]["pageInfo"]["endCursor"]
        variables = {"after": cursor}
        if name == "ours":
            page.ours_variables = variables
        else:
            page.theirs_variables = variables


async def run(
    processes: dict[str, Process], args: argparse.Namespace, neo4j_pid: int | None
) -> list[Json]:
    limits = httpx2.Limits(
        max_connections=args.concurrency, max_keepalive_connections=args.concurrency
    )
    lines: list[Json] = []
    async with contextlib.AsyncExitStack() as stack:
        sides = {
            name: Side(
                name,
                await stack.enter_async_context(
                    httpx2.AsyncClient(base_url=proc.url, timeout=REQUEST_TIMEOUT, limits=limits)
                ),
                proc.popen.pid,
            )
            for name, proc in processes.items()
        }
        chosen = bench_queries(args.profile_id)
        if args.only:
            chosen = [q for q in chosen if q.name in args.only]
        for query in chosen:
            if query.name == "deep-page":
                await set_cursors(sides, query)
            await agree(sides, query)
        for _ in range(args.warmup):  # every query on both sides, before any timing
            for query in chosen:
                for side in sides.values():
                    await side.post(query.body(side.name))
        for query in chosen:
            for concurrency, per_worker in (
                (1, args.requests),
                (args.concurrency, args.per_worker),
            ):
                figures = await measure(
                    sides, query, concurrency, per_worker, args.query_warmup, neo4j_pid
                )
                ours_p50, theirs_p50 = figures.ms("ours", 50), figures.ms("theirs", 50)
                line: Json = {
                    "benchmark": f"graphql.{query.name}",
                    "concurrency": concurrency,
                    "ours_p50_ms": ours_p50,
                    "ours_p95_ms": figures.ms("ours", 95),
                    "theirs_p50_ms": theirs_p50,
                    "theirs_p95_ms": figures.ms("theirs", 95),
                    "ratio_p50": round(theirs_p50 / ours_p50, 2),
                    "requests": len(figures.latencies["ours"]),
                    "ours_bytes": figures.size["ours"],
                    "theirs_bytes": figures.size["theirs"],
                    **{
                        key: figures.cpu_ms(key, key.split("_", 1)[0])
                        for key in (
                            "ours_cpu_ms",
                            "theirs_cpu_ms",
                            "ours_neo4j_cpu_ms",
                            "theirs_neo4j_cpu_ms",
                        )
                    },
                }
                print(json.dumps(line), flush=True)
                lines.append(line)
    return lines


# ------------------------------------------------------------------ main


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--requests", type=int, default=50, help="requests per side and query at concurrency 1"
    )
    parser.add_argument(
        "--per-worker", type=int, default=20, help="requests per worker at --concurrency"
    )
    parser.add_argument("--concurrency", type=int, default=16, help="the concurrent workers")
    parser.add_argument(
        "--warmup", type=int, default=20, help="rounds of every query on both sides before timing"
    )
    parser.add_argument(
        "--query-warmup", type=int, default=16, help="requests per side before each measurement"
    )
    parser.add_argument("--docs", type=int, default=200, help="documents to ingest")
    parser.add_argument(
        "--profile-id", default="BU09171000", help="the neighbourhood of the profile query"
    )
    parser.add_argument(
        "--only", nargs="+", metavar="QUERY", help="measure only these queries (names as printed)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke test: few requests, few warm-ups"
    )
    parser.add_argument("--keep", action="store_true", help="leave the Neo4j instance running")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure on the data a previous run left in the instance (if it holds documents) "
        "instead of wiping, seeding and ingesting again",
    )
    args = parser.parse_args(argv)
    unknown = set(args.only or ()) - set(QUERY_NAMES)
    if unknown:
        parser.error(f"unknown queries {sorted(unknown)}; choose from {', '.join(QUERY_NAMES)}")
    if args.quick:
        args.requests, args.per_worker, args.warmup, args.query_warmup = 6, 2, 2, 4
    for name in ("requests", "per_worker", "concurrency"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    settings = get_settings()
    started_server = not server.status(settings).running
    server.start(settings)
    try:
        setup = prepare(settings, args.docs, args.reuse)
        ensure_node_modules()
        node, library = node_versions()
        emit(
            "setup",
            **setup,
            neo4j_graphql=library,
            node=node,
            strawberry=importlib.metadata.version("strawberry-graphql"),
            neo4j=settings.neo4j_version,
        )
        with servers(settings) as processes:
            lines = asyncio.run(run(processes, args, server.status(settings).pid))
        slower = [
            f"{line['benchmark'].removeprefix('graphql.')}@{line['concurrency']}"
            for line in lines
            if line["ours_p50_ms"] > line["theirs_p50_ms"]
        ]
        emit(
            "summary",
            queries=len({line["benchmark"] for line in lines}),
            measurements=len(lines),
            target="ours_p50 <= theirs_p50 on every query and concurrency",
            met=not slower,
            ours_slower=slower,
            geomean_ratio_p50=round(
                statistics.geometric_mean([line["ratio_p50"] for line in lines]), 2
            ),
            wall_seconds=round(time.perf_counter() - STARTED, 1),
        )
    finally:
        if started_server and not args.keep:
            server.stop(settings)


if __name__ == "__main__":
    main()
