"""The GraphQL schema as SDL, checked in as ``gql/schema.graphql`` for clients and reviews.

``python -m gql.sdl`` writes the file from the ontology-generated schema; ``python -m gql.sdl
--check`` exits 1 when the file is stale (after a change to the ontology or to ``gql``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from strawberry.printer import print_schema

from gql.schema import build_schema

SDL_PATH = Path(__file__).with_name("schema.graphql")
REGENERATE = "python -m gql.sdl"


def schema_sdl() -> str:
    """The SDL of ``build_schema()`` (the shipped ontology), ending with a new line."""
    return print_schema(build_schema()).rstrip("\n") + "\n"


def is_current(path: Path = SDL_PATH) -> bool:
    """True when ``path`` holds exactly the current SDL."""
    try:
        return path.read_text(encoding="utf-8") == schema_sdl()
    except FileNotFoundError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gql.sdl", description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the file is stale instead of writing it"
    )
    parser.add_argument("--output", type=Path, default=SDL_PATH, help="default: %(default)s")
    args = parser.parse_args(argv)
    path: Path = args.output
    if args.check:
        if is_current(path):
            print(f"{path} is up to date")
            return 0
        print(f"{path} is stale; regenerate it with: {REGENERATE}", file=sys.stderr)
        return 1
    path.write_text(schema_sdl(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


__all__ = ["REGENERATE", "SDL_PATH", "is_current", "main", "schema_sdl"]

if __name__ == "__main__":
    sys.exit(main())
