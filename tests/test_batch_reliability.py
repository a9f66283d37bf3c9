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
import subprocess
import sys
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


# ---------------------------------------------------------------------------------------------------
# 9. Dask and the CLI decide oversized records alike
# ---------------------------------------------------------------------------------------------------

def test_dask_and_cli_agree_on_an_oversized_record(tmp_path: Path) -> None:
    from cleaner.dask import clean_records

    rec = {"id": "big-1", "text": "The mayor opened the new library. " * 60, "source": "s"}
    small = {"id": "ok-2", "text": "The mayor opened the new library on Saturday morning."}
    src = tmp_path / "in.jsonl"
    src.write_bytes(orjson.dumps(rec) + b"\n" + orjson.dumps(small) + b"\n")
    p = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(src), "-o", "-", "--quiet", "--lang", "en",
                        "--max-bytes", "1000"], capture_output=True, check=False)
    assert p.returncode == 1, p.stderr
    cli = records(p.stdout)
    dask = clean_records([rec, small], lang="en", max_bytes=1000)
    assert cli[0]["cleaner"]["error"].startswith("line 1: record is ")
    assert dask[0]["cleaner"]["error"] == cli[0]["cleaner"]["error"].replace("line 1:", "record 1:", 1)
    assert dask[0]["cleaner"]["raw_bytes"] == cli[0]["cleaner"]["raw_bytes"] == len(orjson.dumps(rec))
    assert {k: v for k, v in dask[0].items() if k != "cleaner"} == {k: v for k, v in cli[0].items() if k != "cleaner"}
    assert {k: v for k, v in dask[0]["cleaner"].items() if k != "error"} == \
        {k: v for k, v in cli[0]["cleaner"].items() if k != "error"}
    assert dask[1] == cli[1] and cli[1]["cleaner"]["error"] is None


# ---------------------------------------------------------------------------------------------------
# 10a. Error records keep the id and say when raw was cut
# ---------------------------------------------------------------------------------------------------

def test_broken_utf8_keeps_the_id() -> None:
    rec = records(run_bytes(b'{"id": "a1", "n": 2, "text": "caf\xe9 au lait"}\n')[0])[0]
    assert rec["id"] == "a1" and rec["cleaner"]["error"].startswith("line 1: not valid UTF-8")
    assert "raw_truncated" not in rec["cleaner"]


@pytest.mark.parametrize("block_bytes", [64, 1 << 20])  # the parent skims the line / a worker sees it whole
def test_oversized_lines_keep_the_id_and_say_raw_was_cut(block_bytes: int) -> None:
    big = b'{"id": "big-7", "meta": {"id": "inner"}, "text": "' + b"x" * 5000 + b'"}'
    tail = b'{"text": "' + b"y" * 5000 + b'", "id": "late"}'
    recs = records(run_bytes(big + b"\n" + tail + b"\n", max_bytes=1000, block_bytes=block_bytes)[0])
    assert recs[0]["id"] == "big-7"
    assert recs[0]["cleaner"]["raw_truncated"] is True and recs[0]["cleaner"]["raw_bytes"] == len(big)
    assert len(recs[0]["cleaner"]["raw"]) == batch.RAW_CHARS
    assert "id" not in recs[1]  # the id is past the scanned start of the line
    assert recs[1]["cleaner"]["raw_bytes"] == len(tail)


def test_oversized_numeric_id_and_no_id() -> None:
    lines = [b'{"id": 12345678901234567890123, "text": "' + b"x" * 3000 + b'"}',
             b'{"id": {"a": 1}, "text": "' + b"x" * 3000 + b'"}',
             b'["id", "' + b"x" * 3000 + b'"]']
    recs = [json.loads(x) for x in run_bytes(b"\n".join(lines), max_bytes=1000)[0].splitlines()]
    assert [r.get("id") for r in recs] == [12345678901234567890123, None, None]


def test_a_long_bad_line_under_the_limit_says_raw_was_cut() -> None:
    line = b"not json " + b"z" * 3000
    rec = records(run_bytes(line + b"\n")[0])[0]
    assert rec["cleaner"]["raw_truncated"] is True and rec["cleaner"]["raw_bytes"] == len(line)
    short = records(run_bytes(b"[]\n")[0])[0]
    assert short == {"cleaner": {"error": "line 1: not a JSON object but a list", "raw": "[]"}}


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
