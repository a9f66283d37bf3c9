"""Regression tests for issue #13 ("Reliability: what broke when cleaner was abused"), the batch part.

The batch machinery runs in-process with the stand-in cleaner of test_batch.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import batch
from tests.test_batch import job, jsonl


def _docs(prefix: str, n: int) -> list[dict]:
    return [{"id": f"{prefix}{i}", "text": f"Share\nstory {prefix} {i} " + "x" * (i % 50)} for i in range(n)]


def test_an_input_that_vanishes_stops_the_batch_after_the_same_output_for_any_jobs(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_bytes(jsonl(*_docs("a", 400)))
    b.write_bytes(jsonl(*_docs("b", 5)))
    sources = batch.find_inputs([str(a), str(b)])
    b.unlink()  # gone between finding the inputs and reading them: the batch stops (exit 2)
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"o{jobs}.jsonl"
        sink = batch.open_sink(str(out))
        with pytest.raises(batch.BatchError, match="cannot read"):
            batch.run(sources, sink, job(), jobs=jobs, block_bytes=1024)
        sink.close()
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and len(outs[0].splitlines()) == 400
