"""The Dask learning pass and cleaning with memory give what the CLI gives, whatever the partitioning."""

from __future__ import annotations

import json
import subprocess
import sys

import dask
import dask.bag as db

from cleaner.dask import clean_bag, learn_bag
from tests.test_memory import dump
from tests.test_memory_cli import records


def test_learning_and_cleaning_with_dask_match_the_cli(tmp_path) -> None:
    recs = records(8)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    cli_db = str(tmp_path / "cli.db")
    subprocess.run([sys.executable, "-m", "cleaner.cli", "learn", str(src), "--memory", cli_db, "-q"], check=True)
    out = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(src), "--memory", cli_db, "-o", "-", "-q"],
                         capture_output=True, text=True, check=True).stdout
    cli = [json.loads(line) for line in out.splitlines()]
    assert any("evidence" in r["cleaner"] for r in cli)
    for n in (1, 3, 7):
        path = str(tmp_path / f"dask{n}.db")
        bag = db.from_sequence(recs[::-1], npartitions=n)  # another order too
        with dask.config.set(scheduler="processes", num_workers=2):
            assert learn_bag(bag, path) == len(recs)
        assert dump(path) == dump(cli_db), n
        copies = [dict(r) for r in recs]  # (clean_records writes the clean text into the dicts it is given)
        got = clean_bag(db.from_sequence(copies, npartitions=n), memory=path).compute(scheduler="synchronous")
        assert got == cli
