"""``twin ingest``, ``twin forget`` and the entity-resolution commands (``resolve``,
``merges``, ``unmerge``), registered on the main ``twin`` group."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from graph.writer import DEFAULT_BATCH_SIZE
from twin.cli import _driver, _fail, _handles_errors, _settings, main


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="Only files matching this glob (name or path under the directory; repeatable).",
)
@click.option(
    "--exclude", multiple=True, metavar="GLOB", help="Skip files matching this glob (repeatable)."
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Mapping file for .csv/.xlsx/.geojson tables (default: <file>.mapping.yaml beside it).",
)
@click.option(
    "--batch-size",
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    type=click.IntRange(min=1),
    help="Rows per transaction: the plans of several files are written together.",
)
@click.option("--dry-run", is_flag=True, help="Read and extract, write nothing; report as usual.")
@click.option("--force", is_flag=True, help="Extract unchanged files again.")
@click.option(
    "--resolve/--no-resolve",
    default=True,
    show_default=True,
    help="Merge duplicate entities afterwards (recorded; `twin unmerge` undoes a merge).",
)
@click.option("--json", "as_json", is_flag=True, help="A machine-readable report on stdout.")
@_handles_errors
def ingest_cmd(
    paths: tuple[Path, ...],
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    mapping: Path | None,
    batch_size: int,
    dry_run: bool,
    force: bool,
    resolve: bool,
    as_json: bool,
) -> None:
    """Store documents and tables (directories recursively) in the twin.

    Texts (.txt .md .html .pdf .docx) become Document nodes with their redacted text, MENTIONS
    of places, organisations and programmes, and the relations read from them; tables (.csv
    .xlsx .geojson) go through a mapping file. Ingesting the same file again changes nothing;
    a changed file replaces the facts of its old version. A bad file is reported and skipped,
    the rest is stored; exit code 1 if any file failed or Neo4j stopped answering (run the
    same command again to resume).
    """
    from rich.console import Console

    from graph.writer import GraphWriter
    from loaders.documents import discover
    from loaders.ingest import IngestAbortedError, extractor_for, ingest
    from ontology import load_model
    from twin.ingest_view import IngestProgress, summary_line, summary_table

    settings = _settings()
    model = load_model()
    files = list(discover(paths, include=include, exclude=exclude))
    err = Console(stderr=True)
    out = Console()
    aborted: str | None = None
    merges: list[dict[str, object]] = []
    with _driver(settings) as drv:
        with err.status("Loading the extractor (names, privacy filter, language models)…"):
            extractor = extractor_for(drv, model, settings.neo4j_database)
        writer = (
            None
            if dry_run
            else GraphWriter(drv, model, database=settings.neo4j_database, batch_size=batch_size)
        )
        with IngestProgress(len(files), err) as progress:
            try:
                report = ingest(
                    files,
                    extractor,
                    writer,
                    progress,
                    driver=drv,
                    database=settings.neo4j_database,
                    batch_size=batch_size,
                    force=force,
                    mapping=mapping,
                )
            except IngestAbortedError as exc:
                report = exc.report  # type: ignore[attr-defined]
                aborted = exc.one_line()
        if resolve and not dry_run and aborted is None:
            merges = _resolve(drv, model, settings.neo4j_database)
    if as_json:
        data = report.as_dict()
        data["merges"] = merges
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        out.print(summary_table(report))
        out.print(summary_line(report), soft_wrap=True, highlight=False)
        for merge in merges:
            out.print(
                f"merged {', '.join(merge['merged'])} into {merge['survivor']} "  # type: ignore[arg-type]
                f"({merge['reason']}; undo: twin unmerge {merge['id']})",
                soft_wrap=True,
                highlight=False,
            )
    if aborted is not None:
        _fail(aborted)
    if not report.ok:
        sys.exit(1)


def _resolve(drv: object, model: object, database: str | None) -> list[dict[str, object]]:
    from graph.resolution import resolve

    return [
        {
            "id": m.id,
            "survivor": m.survivor,
            "merged": m.merged,
            "reason": m.reason,
        }
        for m in resolve(drv, model, database)  # type: ignore[arg-type]
    ]


@main.command("forget")
@click.argument("sources", nargs=-1, required=True)
@_handles_errors
def forget_cmd(sources: tuple[str, ...]) -> None:
    """Remove documents from the twin by file path, file:// URI or document id. Facts only
    they supported go with them; facts other documents also support stay. Exit code 1 if a
    source is unknown."""
    from loaders.ingest import forget
    from ontology import load_model

    settings = _settings()
    model = load_model()
    with _driver(settings) as drv:

        def redact_uri(uri: str) -> str:  # ingest removed person names from file names
            from loaders.ingest import extractor_for

            return extractor_for(drv, model, settings.neo4j_database).redact_uri(uri)

        done = forget(drv, model, list(sources), settings.neo4j_database, redact_uri)
    unknown = [given for given, ids in done.items() if not ids]
    for given, ids in done.items():
        if ids:
            click.echo(f"forgot {given}: {', '.join(ids)}")
    if unknown:
        _fail(f"no document at {', '.join(unknown)}")


@main.command("resolve")
@click.option("--dry-run", is_flag=True, help="List the merges without doing them.")
@_handles_errors
def resolve_cmd(dry_run: bool) -> None:
    """Merge nodes that are the same organisation, programme, facility, street or area under
    different spellings; each merge is recorded (`twin merges`) and can be undone."""
    from graph.resolution import find_candidates, resolve
    from ontology import load_model

    settings = _settings()
    model = load_model()
    with _driver(settings) as drv:
        if dry_run:
            for c in find_candidates(drv, model, settings.neo4j_database):
                click.echo(f"would merge {', '.join(c.merged)} into {c.survivor} ({c.reason})")
            return
        done = resolve(drv, model, settings.neo4j_database)
    for m in done:
        click.echo(f"{m.id}: merged {', '.join(m.merged)} into {m.survivor} ({m.reason})")
    click.echo(f"{len(done)} merges.")


@main.command("merges")
@_handles_errors
def merges_cmd() -> None:
    """List the recorded merges (newest first), with whether they were undone."""
    from graph.resolution import list_merges

    settings = _settings()
    with _driver(settings) as drv:
        for m in list_merges(drv, settings.neo4j_database):
            undone = " (undone)" if m.undone_at else ""
            click.echo(f"{m.id}  {m.at}  {', '.join(m.merged)} → {m.survivor}  {m.reason}{undone}")


@main.command("unmerge")
@click.argument("merge_id")
@_handles_errors
def unmerge_cmd(merge_id: str) -> None:
    """Undo a recorded merge: the merged node comes back with its relationships."""
    from graph.resolution import unmerge
    from ontology import load_model

    settings = _settings()
    with _driver(settings) as drv:
        unmerge(drv, load_model(), merge_id, settings.neo4j_database)
    click.echo(f"undid {merge_id}")
