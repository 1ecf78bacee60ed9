"""What ``twin ingest`` shows: a live progress bar (files, words/s, entities, failures) and a
summary table at the end, with rich; the JSON report is ``IngestReport.as_dict``."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from loaders.ingest import FileResult, IngestReport

STATUS_STYLE = {
    "new": "green",
    "changed": "cyan",
    "re-extracted": "cyan",
    "copy": "blue",
    "unchanged": "dim",
    "failed": "red",
}


class IngestProgress:
    """A progress bar over ``total`` files; call it with each FileResult."""

    def __init__(self, total: int, console: Console, *, label: str = "Ingesting") -> None:
        self._console = console
        self._started = time.perf_counter()
        self._words = 0
        self._entities = 0
        self._failures = 0
        self._seen: set[str] = set()
        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:>8} words/s"),
            TextColumn("{task.fields[entities]:>6} entities"),
            TextColumn("[red]{task.fields[failures]} failed"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self._task = self._bar.add_task(label, total=total, rate="-", entities=0, failures=0)

    def __enter__(self) -> IngestProgress:
        self._bar.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._bar.stop()

    def __call__(self, result: FileResult) -> None:
        again = result.path in self._seen  # a planned file whose write failed
        self._seen.add(result.path)
        if result.status == "failed":
            self._failures += 1
            self._console.print(
                f"[yellow]skipped[/] {result.reason}", highlight=False, soft_wrap=True
            )
        elif not again:
            self._words += result.words
            self._entities += result.entities
        elapsed = max(time.perf_counter() - self._started, 1e-6)
        self._bar.update(
            self._task,
            advance=0 if again else 1,
            rate=f"{self._words / elapsed:,.0f}",
            entities=self._entities,
            failures=self._failures,
        )


def summary_table(report: IngestReport, *, limit: int = 50) -> Table:
    """One row per file (the first ``limit``), then the totals in the caption."""
    title = "Ingest (dry run: nothing written)" if report.dry_run else "Ingest"
    table = Table(title=title, show_lines=False, expand=False)
    table.add_column("file", overflow="fold", max_width=60)
    table.add_column("status")
    table.add_column("lang")
    table.add_column("words", justify="right")
    table.add_column("entities", justify="right")
    table.add_column("relations", justify="right")
    table.add_column("document / error", overflow="fold", max_width=60)
    for f in report.files[:limit]:
        style = STATUS_STYLE.get(f.status, "")
        detail = f.reason if f.status == "failed" else (f.doc_id or "")[:20]
        table.add_row(
            f.path,
            f"[{style}]{f.status}[/]" if style else f.status,
            f.lang or "",
            f"{f.words:,}",
            str(f.entities),
            str(f.relations),
            detail or "",
        )
    if len(report.files) > limit:
        table.add_row(f"… {len(report.files) - limit} more (see --json)", "", "", "", "", "", "")
    return table


def summary_line(report: IngestReport) -> str:
    """The totals in one line: statuses, words and speed, what the writes did."""
    counts = ", ".join(
        f"{report.count(s)} {s}"
        for s in ("new", "changed", "re-extracted", "copy", "unchanged", "failed")
        if report.count(s)
    )
    rate = report.words / report.seconds if report.seconds else 0.0
    writes = (
        f"{report.nodes_created} nodes and {report.relationships_created} relationships new, "
        f"{report.nodes_deleted} nodes and {report.relationships_deleted} relationships removed "
        f"in {report.transactions} transactions"
        if not report.dry_run
        else "dry run: nothing written"
    )
    return (
        f"{len(report.files)} files: {counts or 'none'}; {report.words:,} words in "
        f"{report.seconds:.1f} s ({rate:,.0f} words/s); {writes}."
    )


__all__ = ["IngestProgress", "summary_line", "summary_table"]
