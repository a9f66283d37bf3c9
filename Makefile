# Quick start: `make run` cleans the bundled seeds; `make test` runs the whole suite.
# Both set themselves up: a .venv with the package (editable) and, for tests, the test extras.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= ../shared/eval/scrapinghub.jsonl.gz

.PHONY: run test bench quality lint clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/cleaner clean seeds/*.txt --quiet -o - | $(BIN)/python -m cleaner.show

test: $(STAMP)
	$(BIN)/ruff check cleaner tests benchmarks
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pytest benchmarks -p no:cacheprovider --benchmark-only --benchmark-columns=mean,ops,rounds -q

quality: $(STAMP)
	$(BIN)/python benchmarks/quality.py $(DATA)

lint: $(STAMP)
	$(BIN)/ruff check cleaner tests benchmarks

clean-venv:
	rm -rf $(VENV)
