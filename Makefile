# The two commands in the README: `make demo` and `make test`. Both work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

.PHONY: demo test lint typecheck system-deps install clean bench

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

demo: $(STAMP)
	rm -rf out && mkdir -p out
	$(BIN)/tacitus brief examples --db sqlite:///out/tacitus.db -o out
	$(BIN)/tacitus events --db sqlite:///out/tacitus.db --format csv -o out/events.csv
	$(BIN)/tacitus events --db sqlite:///out/tacitus.db --format plover -o out/events.plover.jsonl
	$(BIN)/tacitus events --db sqlite:///out/tacitus.db --format gdelt -o out/events.gdelt.tsv
	$(BIN)/tacitus docs --db sqlite:///out/tacitus.db
	$(BIN)/tacitus docs --db sqlite:///out/tacitus.db --json > out/documents.json
	$(BIN)/tacitus events --db sqlite:///out/tacitus.db --type CONSULT --format csv
	$(BIN)/tacitus stories --db sqlite:///out/tacitus.db
	@echo "open out/briefing.html in a browser (it works offline)"

# Installs PostgreSQL (for the store tests) where the machine allows it; never fails the build.
system-deps:
	-bash scripts/install-system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: $(STAMP) system-deps lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest_ecbplus.py
	$(BIN)/python benchmarks/extract_ecbplus.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
