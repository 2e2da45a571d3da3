# One command sets up and serves the site, one sets up and runs every check.
# Both work on a fresh machine: they create .venv and install pinned packages.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build validate practice translation hooks permalinks lint format test test-fast browser audit bench clean

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

serve: setup
	$(BIN)/python -m kb serve --engine $(ENGINE) --port 8000

# Validate, generate, render (ENGINE=mkdocs, properdocs or zensical), check and index: site/.
ENGINE ?= mkdocs
build: setup
	$(BIN)/python -m kb build --engine $(ENGINE)

validate: setup
	$(BIN)/python scripts/validate.py

# Start a new practice: asks for its fields and writes docs/practices/<id>.md.
practice: setup
	$(BIN)/python scripts/new_practice.py

# Start a translation: make translation ENTRY=practices/<id> LANGUAGE=de writes
# docs/translations/de/practices/<id>.md with the text to translate.
translation: setup
	$(BIN)/python scripts/new_translation.py $(ENTRY) --language $(LANGUAGE)

# Check staged files before each commit (.pre-commit-config.yaml).
hooks: setup
	$(BIN)/pre-commit install

# After adding an entry: record its new pages and files as published, for good.
permalinks: setup
	$(BIN)/python scripts/permalinks.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

browser:
	sh scripts/ensure_chromium.sh
	sh scripts/ensure_print_tools.sh

# Known vulnerabilities in the pinned packages: a report, never a failure
# (AUDIT_FLAGS=--strict makes it fail when one is found).
audit: setup
	$(BIN)/python scripts/audit.py $(AUDIT_FLAGS)

# Everything a contribution must pass: lint, types, content, unit, build and browser tests.
test: setup browser lint validate audit
	$(BIN)/pytest

# The same without the browser, for a quick loop while editing.
test-fast: setup validate
	$(BIN)/pytest -m "not browser"

# Speed at scale (issue 7): N synthetic practices, every figure against a baseline run in the same process.
N ?= 1000
bench: setup browser
	$(BIN)/python scripts/bench.py --practices $(N)

clean:
	rm -rf $(VENV) site build .pytest_cache .mypy_cache .ruff_cache
