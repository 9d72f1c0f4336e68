# First Stop — the commands a fresh machine needs. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck contracts pytest bench system-deps clean

$(STAMP): pyproject.toml
	@# Python 3.11 and, on Debian, python3.11-venv (installed when run as root).
	@build/dev/python-deps.sh $(PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

## system-deps: the system libraries Qt needs (installed when run as root); Xvfb and the
## AT-SPI registry for the screen-reader test, which is skipped without them.
system-deps:
	@build/dev/qt-deps.sh
	@build/dev/a11y-deps.sh || echo "(without them the screen-reader test is skipped)" >&2

## demo: run the whole system on its embedded defaults (SQLite, demo council, a kiosk).
demo: system-deps $(STAMP)
	$(BIN)/firststop demo

## test: every gate — format, lint, types, layering contracts, then the tests.
test: system-deps $(STAMP) lint typecheck contracts pytest

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy .

contracts: $(STAMP)
	$(BIN)/lint-imports

## pytest: the tests; the 25 slowest are named at the end, so one grown slow is seen.
pytest: $(STAMP)
	@url="$${FIRSTSTOP_TEST_POSTGRESQL_URL:-}"; \
	if [ -z "$$url" ]; then url=$$(build/dev/postgres.sh url 2>/dev/null || true); fi; \
	if [ -z "$$url" ]; then echo "No PostgreSQL server: the PostgreSQL variants will be skipped (run as root, or set FIRSTSTOP_TEST_POSTGRESQL_URL)."; fi; \
	$(BIN)/python -m pytest --durations=25 $${url:+--postgresql-url=$$url}

## bench: benchmarks; figures go to build/bench/*.json.
bench: $(STAMP)
	@url="$${FIRSTSTOP_TEST_POSTGRESQL_URL:-}"; \
	if [ -z "$$url" ]; then url=$$(build/dev/postgres.sh url 2>/dev/null || true); fi; \
	$(BIN)/python -m tests.perf $${url:+--postgresql-url=$$url}

## bundle: the kiosk and staff desk as one-folder programs, build/dist/firststop-{kiosk,desk}/
## (PyInstaller; build/bundle/). `make bundle BUNDLES=kiosk` builds one.
.PHONY: bundle
BUNDLES ?= kiosk desk
BUNDLE_STAMP := $(VENV)/.bundle-installed
$(BUNDLE_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev,bundle]'
	@touch $@

bundle: system-deps $(BUNDLE_STAMP)
	PYTHON=$(BIN)/python build/bundle/build.sh $(BUNDLES)

clean:
	rm -rf $(VENV) build/bench .mypy_cache .ruff_cache .pytest_cache
