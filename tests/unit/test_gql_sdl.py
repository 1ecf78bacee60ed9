"""The checked-in SDL (gql/schema.graphql) is the schema the code generates."""

from __future__ import annotations

from pathlib import Path

from gql.sdl import REGENERATE, SDL_PATH, is_current, main, schema_sdl


def test_checked_in_sdl_is_current() -> None:
    assert SDL_PATH.exists(), f"{SDL_PATH} is missing; generate it with: {REGENERATE}"
    assert SDL_PATH.read_text(encoding="utf-8") == schema_sdl(), (
        f"{SDL_PATH} is stale (the ontology or the gql package changed); regenerate it with: "
        f"{REGENERATE}"
    )


def test_sdl_names_the_contract() -> None:
    sdl = schema_sdl()
    assert "type Query" in sdl
    for field in ("neighbourhoods(", "documents(", "node(\n    id: ID!"):
        assert field in sdl


def test_check_and_write(tmp_path: Path) -> None:
    target = tmp_path / "schema.graphql"
    assert main(["--check", "--output", str(target)]) == 1  # missing
    target.write_text("type Query { stale: Int }\n", encoding="utf-8")
    assert not is_current(target)
    assert main(["--check", "--output", str(target)]) == 1
    assert main(["--output", str(target)]) == 0
    assert is_current(target)
    assert main(["--check", "--output", str(target)]) == 0
