"""The benchmarks' document set: the annotated evaluation corpus (eval/corpus) repeated to any
number of documents, each made unique by a numbered closing line."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(folder: Path, docs: int) -> list[Path]:
    """Write ``docs`` unique documents into ``folder`` and return their paths."""
    texts = sorted(p.read_text("utf-8") for p in (ROOT / "eval" / "corpus").rglob("*.txt"))
    paths = []
    for i in range(docs):
        path = folder / f"doc-{i:04d}.txt"
        path.write_text(f"{texts[i % len(texts)]}\n\nVersie {i}.\n", "utf-8")
        paths.append(path)
    return paths
