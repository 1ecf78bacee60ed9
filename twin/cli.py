"""The ``twin`` command line: manage Neo4j, apply the schema, seed, ingest, extract and serve.

Errors the user can act on are printed as one line (``error: ...``) with a non-zero exit code.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import click
import neo4j

from twin import __version__
from twin.errors import TwinError
from twin.settings import Settings, get_settings

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int = 1) -> None:
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(code)


def _settings() -> Settings:
    try:
        return get_settings()
    except ValueError as exc:
        _fail(f"invalid configuration: {exc}", 2)
        raise  # unreachable; keeps type checkers content


@contextmanager
def _driver(settings: Settings) -> Iterator[neo4j.Driver]:
    """A driver to the configured server, with one clear error if it does not answer."""
    from graph.connection import driver, target

    drv = driver(settings)
    try:
        drv.verify_connectivity()
    except (neo4j.exceptions.ServiceUnavailable, OSError):
        drv.close()
        hint = (
            "start it with `twin neo4j start`"
            if settings.managed
            else "check NEO4J_URI and that the server runs"
        )
        _fail(f"Neo4j does not answer at {target(settings).uri}; {hint}")
    except neo4j.exceptions.AuthError:
        drv.close()
        _fail(
            f"Neo4j at {target(settings).uri} refused the login; check NEO4J_USER / NEO4J_PASSWORD"
        )
    try:
        yield drv
    finally:
        drv.close()


def _handles_errors(func: F) -> F:
    """Turn TwinError and Neo4j errors into one red line and exit code 1."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TwinError as exc:
            _fail(exc.one_line())
        except neo4j.exceptions.Neo4jError as exc:
            _fail(f"Neo4j refused the request: {exc.message or exc}")
        return None

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="twin")
def main() -> None:
    """Social Digital Twin: a people-free knowledge graph of a city's neighbourhoods.

    Without NEO4J_URI every command uses the managed local Neo4j (start it with
    `twin neo4j start`). Settings come from the environment and a .env file; see the README.
    """


# ------------------------------------------------------------------ neo4j


@main.group("neo4j")
def neo4j_group() -> None:
    """Start, stop and inspect the managed Neo4j server."""


@neo4j_group.command("start")
@_handles_errors
def neo4j_start() -> None:
    """Resolve Neo4j from Maven Central (once), then start it and wait for Bolt."""
    from graph import server

    settings = _settings()
    status = server.start(settings, echo=click.echo)
    for line in status.lines():
        click.echo(line)
    if settings.managed:
        click.echo(f"Login:    {settings.neo4j_user} / {server.managed_password(settings)}")


@neo4j_group.command("stop")
@_handles_errors
def neo4j_stop() -> None:
    """Stop the managed server cleanly (SIGTERM; SIGKILL only if it hangs)."""
    from graph import server

    server.stop(_settings(), echo=click.echo)


@neo4j_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@_handles_errors
def neo4j_status(as_json: bool) -> None:
    """Print version, addresses, data folder, pid and whether Browser is served.

    Exits 3 when the server is not running.
    """
    from graph import server

    status = server.status(_settings())
    if as_json:
        click.echo(json.dumps(asdict(status), default=str))
    else:
        for line in status.lines():
            click.echo(line)
    if not status.running:
        sys.exit(3)


# ------------------------------------------------------------------ ontology


@main.group("ontology")
def ontology_group() -> None:
    """Check the ontology, write its documentation, compare versions."""


# ontology commands are added below this line, one function each (check, docs, diff).


@ontology_group.command("check")
@click.option(
    "--ontology",
    "ontology_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A Turtle file or folder to check instead of the shipped ontology (repeatable: "
    "the files are merged).",
)
@click.option(
    "--shapes",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The SHACL shapes (default: shapes.ttl of the ontology folder, else the shipped one).",
)
@click.option(
    "--data",
    "data_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="RDF instance data to validate instead of the seed data (repeatable).",
)
@click.option("--no-reasoner", is_flag=True, help="Skip the HermiT reasoner.")
def ontology_check(
    ontology_paths: tuple[Path, ...],
    shapes: Path | None,
    data_paths: tuple[Path, ...],
    no_reasoner: bool,
) -> None:
    """Parse the ontology, run the HermiT reasoner, check nl/en/fr labels and shape coverage,
    and validate the seed data against the SHACL shapes. Exit code 1 on any error."""
    from ontology.check import run_check

    report = run_check(
        list(ontology_paths) or None, shapes, list(data_paths), reasoner=not no_reasoner
    )
    colours = {"error": "red", "warning": "yellow"}
    for finding in report.findings:
        click.secho(finding.line(), fg=colours.get(finding.severity))
    for line in report.summary():
        click.echo(line)
    if not report.ok:
        sys.exit(1)


@ontology_group.command("docs")
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs/generated"),
    show_default=True,
    help="Folder to write ontology.html, style.grass and guide.html into.",
)
def ontology_docs(output: Path) -> None:
    """Write the ontology reference page, the Neo4j Browser style (GraSS) and the Browser
    guide for analysts, all generated from the ontology."""
    from ontology import artefacts
    from ontology.model import OntologyError, bundled_graph, load_model

    settings = _settings()
    base_url = artefacts.api_base_url(settings.host, settings.port)
    try:
        generated = artefacts.build(load_model(), bundled_graph(), base_url=base_url)
        paths = artefacts.write(output, generated)
    except OntologyError as exc:
        _fail(str(exc), 2)
        return
    except OSError as exc:
        _fail(f"cannot write to {output}: {exc.strerror or exc}")
        return
    for path in paths:
        click.echo(str(path))


@ontology_group.command("diff")
@click.argument("old", type=click.Path(exists=True, path_type=Path))
@click.argument("new", type=click.Path(exists=True, path_type=Path), required=False)
def ontology_diff(old: Path, new: Path | None) -> None:
    """List added (+), removed (-) and changed (~) classes, relationship types, properties
    and concepts between OLD and NEW (Turtle files or folders; NEW defaults to the shipped
    ontology). Exits 1 when they differ, like diff."""
    from ontology.diff import diff
    from ontology.model import OntologyError, load_model

    try:
        changes = diff(load_model(old), load_model(new))
    except OntologyError as exc:
        _fail(str(exc), 2)
        return
    for change in changes:
        click.echo(change.line())
    counts = {k: sum(c.kind == k for c in changes) for k in ("added", "removed", "changed")}
    click.echo(", ".join(f"{n} {k}" for k, n in counts.items()) if changes else "no differences")
    sys.exit(1 if changes else 0)


# ------------------------------------------------------------------ schema, seed


@main.group("schema")
def schema_group() -> None:
    """Neo4j constraints and indexes derived from the ontology."""


@schema_group.command("apply")
@click.option(
    "--prune", is_flag=True, help="Also drop constraints and indexes the ontology no longer has."
)
@_handles_errors
def schema_apply(prune: bool) -> None:
    """Create the constraints and indexes the ontology asks for (idempotent)."""
    from graph import schema
    from ontology import load_model

    settings = _settings()
    with _driver(settings) as drv:
        result = schema.apply(drv, load_model(), settings.neo4j_database, prune=prune)
    click.echo(
        f"Schema: {len(result.created)} created, {len(result.replaced)} replaced, "
        f"{len(result.unchanged)} unchanged, {len(result.dropped)} dropped."
    )
    for name in result.created:
        click.echo(f"  + {name}")
    for name in result.replaced:
        click.echo(f"  ~ {name}")
    for name in result.dropped:
        click.echo(f"  - {name}")


@schema_group.command("show")
@_handles_errors
def schema_show() -> None:
    """List the constraints and indexes as the server reports them."""
    from graph import schema

    settings = _settings()
    with _driver(settings) as drv:
        found = schema.describe(drv, settings.neo4j_database)
    for kind, rows in found.items():
        click.echo(f"{kind}:")
        for row in rows:
            labels = "|".join(row.get("labelsOrTypes") or [])  # type: ignore[arg-type]
            props = ", ".join(row.get("properties") or [])  # type: ignore[arg-type]
            click.echo(f"  {row['name']:<32} {row['type']:<18} ({labels}) [{props}]")


@main.command("seed")
@click.option("--batch-size", default=1000, show_default=True, help="Rows per UNWIND batch.")
@_handles_errors
def seed(batch_size: int) -> None:
    """Load the bundled Heerlen reference data (CBS areas and figures, informal areas,
    organisations) in one transaction. Idempotent."""
    from graph.writer import GraphWriter
    from loaders.reference import seed_plan
    from ontology import load_model

    settings = _settings()
    plan = seed_plan()
    with _driver(settings) as drv:
        writer = GraphWriter(
            drv, load_model(), database=settings.neo4j_database, batch_size=batch_size
        )
        result = writer.write(plan)
    click.echo(
        f"Seeded {len(plan.nodes)} nodes and {len(plan.relationships)} relationships "
        f"({result.nodes_created} nodes and {result.relationships_created} relationships "
        f"new) in {result.queries} queries."
    )
    if result.relationships_missing_endpoint:
        _fail(f"{result.relationships_missing_endpoint} relationships point at unknown nodes")


# ------------------------------------------------------------------ ingest, extract


def _reference_extractor() -> Any:
    """The pipeline with the bundled reference data and the ontology as its gazetteer."""
    from loaders.reference import gazetteer_entries
    from nlp.gazetteer import ontology_entries
    from nlp.pipeline import build_extractor
    from ontology import load_model

    model = load_model()
    return build_extractor(gazetteer_entries(model) + ontology_entries(model), model)


@main.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file (DESIGN.md).")
@click.option(
    "--tokens",
    is_flag=True,
    help="Also show the sentences, tokens and lemmas of the redacted text (spaCy); with --json "
    'as an extra "sentences" key.',
)
def extract_cmd(files: tuple[Path, ...], as_json: bool, tokens: bool) -> None:
    """Show what the extractor finds in FILES, without a database. Personal data is redacted
    first; the text and all offsets are those of the redacted text.

    The gazetteer is the bundled reference data (places and organisations) and the ontology's
    words for concepts and classes; names in no list are found by patterns. Without --json a
    table per file: entities (offsets, most specific class, canonical id, text), then
    relations (type, source id, target id, confidence, evidence)."""
    from loaders.documents import read
    from nlp.analysis import sentences

    extractor = _reference_extractor()
    failed = 0
    for path in files:
        try:
            doc = read(path)
        except TwinError as exc:
            click.secho(f"error: {exc.one_line()}", fg="red", err=True)
            failed += 1
            continue
        found = extractor.extract(doc.text)
        analysed = sentences(found.text, found.lang) if tokens else None
        if as_json:
            record: dict[str, Any] = {
                "document": {"id": doc.id, "lang": found.lang, "text": found.text},
                "entities": [{**asdict(e), "classes": list(e.classes)} for e in found.entities],
                "relations": [asdict(r) for r in found.relations],
                "redactions": [asdict(r) for r in found.redactions],
            }
            if analysed is not None:
                record["sentences"] = analysed
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        click.secho(
            f"{path} ({found.lang}): {len(found.entities)} entities, "
            f"{len(found.relations)} relations, {len(found.redactions)} redactions",
            bold=True,
        )
        for e in found.entities:
            surface = " ".join(e.text.split())
            click.echo(f"  {e.start:>6}-{e.end:<6} {e.type:<18} {e.id:<40} {surface}")
        for r in found.relations:
            evidence = " ".join(found.text[r.start : r.end].split())
            if len(evidence) > 70:
                evidence = evidence[:67] + "..."
            click.echo(
                f'  {r.type:<12} {r.source} -> {r.target} ({r.confidence:.2f})  "{evidence}"'
            )
    if failed:
        sys.exit(1)


@main.command("eval")
@click.argument(
    "corpus", required=False, default=Path("eval/corpus"), type=click.Path(path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="The scores as one JSON object.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list every miss and false hit.")
def eval_cmd(corpus: Path, as_json: bool, show_errors: bool) -> None:
    """Score the extractor on an annotated CORPUS (default eval/corpus; format in
    eval/README.md): precision, recall and F1 per entity class and relation type, and the
    number of personal-data leaks. Exits 1 when anything leaked."""
    from nlp.evaluation import CorpusError, evaluate, format_report, load_corpus
    from ontology import load_model

    try:
        docs = load_corpus(corpus)
    except CorpusError as exc:
        _fail(str(exc))
    report = evaluate(docs, _reference_extractor(), load_model())
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        click.echo(format_report(report))
    if show_errors:
        for doc, kind, item in report.errors:
            click.echo(f"{doc}: {kind}: {item}")
    if report.leaks:
        sys.exit(1)


# ------------------------------------------------------------------ RDF export, import

RDF_FORMATS = ("turtle", "jsonld", "ntriples")


@main.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(RDF_FORMATS), default="turtle", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@_handles_errors
def export_cmd(fmt: str, output: Path | None) -> None:
    """Write the Neo4j graph as RDF with the ontology's IRIs (relationship provenance as
    reified statements). The summary goes to standard error."""
    from graph.rdf_io import export_graph, serialize
    from ontology import load_model

    settings = _settings()
    with _driver(settings) as drv:
        exported = export_graph(drv, load_model(), settings.neo4j_database)
    text = serialize(exported.graph, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror or exc}")
    where = f" to {output}" if output else ""
    click.echo(
        f"Exported {exported.nodes} nodes and {exported.relationships} relationships as "
        f"{len(exported.graph)} triples{where}.",
        err=True,
    )


@main.command("import-rdf")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(RDF_FORMATS), default=None, help="Default: by suffix."
)
@click.option("--no-validate", is_flag=True, help="Do not check the data against the shapes.")
@click.option("--batch-size", default=1000, show_default=True, help="Rows per UNWIND batch.")
@_handles_errors
def import_rdf_cmd(file: Path, fmt: str | None, no_validate: bool, batch_size: int) -> None:
    """Load RDF instance data (as `twin export` writes it) into Neo4j in one transaction.
    The data is first validated against the SHACL shapes; idempotent."""
    from graph.rdf_io import import_graph, read_rdf
    from ontology import load_model
    from ontology.check import validate_instance_data

    graph = read_rdf(file, fmt)
    if not no_validate:
        errors = [f for f in validate_instance_data(graph) if f.severity == "error"]
        for finding in errors:
            click.secho(finding.line(), fg="red", err=True)
        if errors:
            _fail(f"{file} violates the shapes in {len(errors)} places; nothing was imported")
    settings = _settings()
    with _driver(settings) as drv:
        result = import_graph(
            drv, load_model(), graph, settings.neo4j_database, batch_size=batch_size
        )
    click.echo(
        f"Imported {result.nodes} nodes and {result.relationships} relationships "
        f"({result.nodes_created} nodes and {result.relationships_created} relationships new) "
        f"from {file}."
    )
    for predicate, count in result.skipped.items():
        click.secho(f"ignored {count} triples of {predicate} (not in the ontology)", fg="yellow")


# ------------------------------------------------------------------ serve, stats


@main.command("serve")
@click.option("--host", default=None, help="Interface to bind (default TWIN_HOST, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default TWIN_PORT, 8000).")
@click.option(
    "--production",
    is_flag=True,
    help="Run as TWIN_ENV=production: API keys required, unexpected errors masked, "
    "no Neo4j password printed.",
)
@_handles_errors
def serve(host: str | None, port: int | None, production: bool) -> None:
    """Serve GraphQL (GraphiQL on GET /graphql) and the dashboard. Roles and API keys:
    docs/graphql-security.md."""
    import uvicorn

    from gql.app import create_app
    from graph.connection import target

    settings = _settings()
    if production:
        settings = settings.model_copy(update={"env": "production"})
    host = host or settings.host
    port = port or settings.port
    with _driver(settings):
        pass  # fail early and clearly if Neo4j does not answer
    base = f"http://{host}:{port}"
    click.echo(f"GraphiQL:       {base}/graphql")
    click.echo(f"Dashboard:      {base}/")
    t = target(settings)
    if settings.managed:
        login = f"login {t.user} / {t.password}" if settings.env != "production" else "login"
        click.echo(
            f"Neo4j Browser:  http://127.0.0.1:{settings.http_port}/browser/  "
            f"(connect to {t.uri}, {login})"
        )
    else:
        click.echo(f"Neo4j:          {t.uri}")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@main.command("stats")
@_handles_errors
def stats() -> None:
    """Count nodes per label and relationships per type."""
    from graph.reads import counts

    settings = _settings()
    with _driver(settings) as drv:
        found = counts(drv, settings.neo4j_database)
    for section, values in found.items():
        click.echo(f"{section}:")
        for name, count in sorted(values.items()):
            click.echo(f"  {name:<24} {count:>7}")


# the ingest, forget and entity-resolution commands live in their own module
from twin import cli_ingest  # noqa: E402,F401

if __name__ == "__main__":
    main()
