"""Regression tests for issue #13 ("Reliability: what broke when cleaner was abused"), the batch part:

* 3: a truncated or damaged gzip input keeps what was read, marks the break with an error record, goes on
  to the next input, and writes the same bytes for any ``--jobs``;
* 4: every input field comes out exactly as it went in (big integers, ``1e400``, ``1E5``, ``-0`` ...);
* 9: the Dask step and the CLI decide oversized records the same way, with the same error record;
* 10a: error records keep the id when it can be read and say when ``raw`` was cut.

The batch machinery runs in-process with the stand-in cleaner of test_batch.py; a few checks go through
the ``cleaner`` command itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from cleaner import batch
from tests.test_batch import job, jsonl, records, run_bytes


def _docs(prefix: str, n: int) -> list[dict]:
    return [{"id": f"{prefix}{i}", "text": f"Share\nstory {prefix} {i} " + "x" * (i % 50)} for i in range(n)]



# ---------------------------------------------------------------------------------------------------
# 4. Fields come out exactly as they went in
# ---------------------------------------------------------------------------------------------------

EXACT_FIELDS = (
    b'{"id":123456789012345678901234567890,"a":1e400,"b":-0.0,"c":1.0,"d":1E5,"e":-0,"f":1.10,'
    b'"g":-9223372036854775809,"h":18446744073709551616,"i":2.5E-400,"j":0.1,'
    b'"n":{"x":[1.5e-7,18446744073709551615,{"y":2E+3,"z":null}],"w":true}'
)


def test_numbers_are_written_exactly_as_read() -> None:
    line = EXACT_FIELDS + b',"text":"Share\\nhello"}'
    out = run_bytes(line + b"\n")[0]
    assert out.startswith(EXACT_FIELDS + b',"text":"HELLO","cleaner":{'), out[:400]
    assert orjson.loads(out.split(b',"text":')[1].split(b',"cleaner":')[0]) == "HELLO"
    assert json.loads(out)["cleaner"]["error"] is None


def test_a_huge_integer_and_a_digit_string_over_pythons_int_limit() -> None:
    digits = b"9" * 5000
    out = run_bytes(b'{"id":' + digits + b',"text":"x"}\n')[0]
    assert out.startswith(b'{"id":' + digits + b',"text":"X"')


def test_strings_keep_their_value_unicode_escapes_included() -> None:
    line = b'{"id":"caf\\u00e9","u":"\\ud83d\\ude00 \\u0000 \\"q\\" \\/","s":"\\udc00 lone","text":"t\\u00e9"}'
    out = run_bytes(line + b"\n")[0]
    got = json.loads(out)
    want = json.loads(line)
    assert got["id"] == want["id"] and got["u"] == want["u"] and got["s"] == want["s"]
    assert got["text"] == "T\u00c9" and got["cleaner"]["error"] is None


def test_ordinary_records_are_still_written_by_orjson() -> None:
    rec = {"id": 7, "text": "hello", "score": 3, "tags": ["a", "b"], "when": "2025-05-01"}
    out = run_bytes(jsonl(rec))[0]
    got = orjson.loads(out)
    assert out == orjson.dumps(got) + b"\n" and got["score"] == 3 and got["when"] == "2025-05-01"


def test_nan_and_infinity_are_still_not_json() -> None:
    for bad in (b'{"text":"x","a":NaN}', b'{"text":"x","a":-Infinity}', b'{"text":"x","a":01}'):
        rec = records(run_bytes(bad + b"\n")[0])[0]
        assert rec["cleaner"]["error"].startswith("line 1: not valid JSON"), bad


def test_exact_numbers_in_a_folder_output(tmp_path: Path) -> None:
    j = job(folder=True)
    sink = batch.FolderSink(tmp_path / "out")
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id":"d1","big":123456789012345678901234567890,"f":1E5,"text":"hi"}\n')
    batch.run(batch.find_inputs([str(src)]), sink, j)
    meta = (tmp_path / "out" / "d1.json").read_bytes()
    assert b'"big": 123456789012345678901234567890' in meta and b'"f": 1E5' in meta
    assert json.loads(meta)["id"] == "d1"


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
