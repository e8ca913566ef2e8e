# Two commands do everything from a fresh clone:
#   make run   - set up, then start the local web app on http://127.0.0.1:8000 (embedded SQLite)
#   make test  - set up, then run the whole suite (lint, types, architecture, tests)
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.twitchwise-installed

.PHONY: run test setup system-deps lint typecheck architecture pytest bench clean

setup: $(STAMP)

$(STAMP): requirements/all.lock pyproject.toml scripts/setup.sh scripts/install-system-deps.sh
	bash scripts/setup.sh
	touch $(STAMP)

run: setup
	$(BIN)/twitchwise web --host 127.0.0.1 --port 8000

lint: setup
	$(BIN)/ruff check src tests bench

typecheck: setup
	$(BIN)/mypy

architecture: setup
	$(BIN)/lint-imports

pytest: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile

test: setup lint typecheck architecture pytest

bench: setup
	for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
