# The two commands of the README: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TWIN := $(BIN)/twin
SAMPLES := samples/documents

.PHONY: run test setup lint check neo4j-stop clean help

help:
	@echo "make run    set up everything (venv, deps, Neo4j, schema, seed, samples) and serve"
	@echo "make test   the same set-up on a separate test instance, then lint, types and pytest"
	@echo "make lint   ruff and mypy only"

$(BIN)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(BIN)/.installed

run: setup
	$(TWIN) neo4j start
	$(TWIN) schema apply
	$(TWIN) seed
	$(TWIN) ingest $(SAMPLES)
	$(TWIN) serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The test instance has its own ports (17687/17474) and data folder (.state/neo4j-test); it is
# stopped afterwards if this target started it. NEO4J_URI is ignored here on purpose: tests
# never touch the server of `make run` or a user's server, and no .env file is read
# (TWIN_TEST_NEO4J_URI points them elsewhere explicitly).
test: setup lint
	@set -euo pipefail; \
	export TWIN_INSTANCE=test TWIN_ENV_FILE= TWIN_NEO4J_HEAP=$${TWIN_NEO4J_HEAP:-512m} \
	       TWIN_NEO4J_PAGECACHE=$${TWIN_NEO4J_PAGECACHE:-256m}; \
	unset NEO4J_URI NEO4J_USER NEO4J_PASSWORD NEO4J_DATABASE; \
	if [ -n "$${TWIN_TEST_NEO4J_URI:-}" ]; then \
	  export NEO4J_URI="$$TWIN_TEST_NEO4J_URI" NEO4J_USER="$${TWIN_TEST_NEO4J_USER:-neo4j}" \
	         NEO4J_PASSWORD="$${TWIN_TEST_NEO4J_PASSWORD:-}"; started=0; \
	elif $(TWIN) neo4j status >/dev/null 2>&1; then started=0; else started=1; fi; \
	$(TWIN) neo4j start; \
	stop() { if [ "$$started" = 1 ]; then $(TWIN) neo4j stop; fi; }; trap stop EXIT; \
	$(TWIN) schema apply; \
	$(TWIN) seed; \
	$(TWIN) ingest $(SAMPLES); \
	$(BIN)/pytest

neo4j-stop: setup
	$(TWIN) neo4j stop

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
