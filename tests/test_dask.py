"""The Dask step gives exactly what the CLI gives, whatever the partitioning."""

from __future__ import annotations

import json
import subprocess
import sys

import dask
import dask.bag as db

from cleaner.dask import clean_bag, clean_records
from tests.conftest import load_seeds

SEEDS = load_seeds()
RECORDS = [{"id": s.name, "text": s.text, "source": "seed"} for s in SEEDS] + [
    {"id": "bad-type", "text": 42},
    {"id": "no-field", "body": "x"},
    ["not", "a", "dict"],
]


def test_clean_records_keeps_fields_and_marks_bad_records():
    out = clean_records(RECORDS)
    assert len(out) == len(RECORDS)
    for rec, seed in zip(out, SEEDS, strict=False):
        assert rec["id"] == seed.name and rec["source"] == "seed"
        assert rec["text"] == seed.expected["text"]
        assert rec["cleaner"]["title"] == seed.expected["title"] and rec["cleaner"]["error"] is None
    assert "field 'text' is" in out[5]["cleaner"]["error"] and out[5]["id"] == "bad-type"
    assert "no 'text' field" in out[6]["cleaner"]["error"]
    assert "not a JSON object but" in out[7]["cleaner"]["error"]


def test_bag_output_does_not_depend_on_partitions_or_scheduler():
    good = RECORDS[:5] * 4
    expected = clean_records(good)
    for n in (1, 3, 7):
        bag = db.from_sequence(good, npartitions=n)
        with dask.config.set(scheduler="processes", num_workers=2):
            got = clean_bag(bag).compute()
        assert [r["text"] for r in got] == [r["text"] for r in expected]
        assert [r["cleaner"] for r in got] == [r["cleaner"] for r in expected]


def test_bag_matches_the_cli_record_for_record(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in RECORDS[:5]), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(src), "-o", "-", "--quiet"],
                         capture_output=True, text=True, check=True).stdout
    cli = [json.loads(line) for line in out.splitlines()]
    got = clean_bag(db.from_sequence(RECORDS[:5], npartitions=2)).compute(scheduler="synchronous")
    assert got == cli


def test_clean_records_leaves_the_callers_records_as_they_came():
    import copy

    records = [{"id": 1, "text": "Login\nThe mayor opened the new bridge on Monday morning, officials said."}]
    before = copy.deepcopy(records)
    assert clean_records(records)[0]["text"].startswith("The mayor")
    assert records == before
