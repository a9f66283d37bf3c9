# Quick start: `make run` cleans the bundled seeds; `make test` runs the whole suite.
# Both set themselves up: a .venv with the package (editable) and, for tests, the test extras.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= ../shared/eval/scrapinghub.jsonl.gz

.PHONY: run test bench quality fuzz lint clean-venv

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

# Throughput on one core (see benchmarks/README.md); about two minutes. The CLI scaling figures
# (--jobs 2 vs 1, peak memory) are a separate, slower run: `$(BIN)/python benchmarks/cli_scaling.py`.
bench: $(STAMP)
	CLEANER_DEV_SET=$(DATA) $(BIN)/python -m pytest benchmarks -p no:cacheprovider --benchmark-only \
		--benchmark-columns=min,median,mean,rounds --benchmark-sort=name -q

# Accuracy and harm on both dev sets (../shared/eval), every mode and page type, and the per-stage
# ablation: a few minutes on two cores the first time (extractions are then kept in .cache/quality). Then
# every page again as a language with no rule file of its own (the held-out sets have seven languages).
quality: $(STAMP)
	$(BIN)/python benchmarks/quality.py --ablation --worst 5
	$(BIN)/python benchmarks/quality.py --unruled --modes text,post

# A million generated inputs through the library and the CLI's record reader: no crash, no hang (about
# half an hour on two cores, 600+ inputs a second; `tests/test_fuzz.py` runs a short form in `make test`).
fuzz: $(STAMP)
	$(BIN)/python benchmarks/fuzz.py --count 1000000 --jobs 2

lint: $(STAMP)
	$(BIN)/ruff check cleaner tests benchmarks

clean-venv:
	rm -rf $(VENV)
