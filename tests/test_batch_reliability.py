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

import gzip
import hashlib
import json
import subprocess
import sys
import zlib
from pathlib import Path

import orjson
import pytest

from cleaner import batch
from tests.test_batch import job, jsonl, records, run_bytes

# ---------------------------------------------------------------------------------------------------
# 3. Truncated / damaged gzip inputs
# ---------------------------------------------------------------------------------------------------

def _docs(prefix: str, n: int) -> list[dict]:
    return [{"id": f"{prefix}{i}", "text": f"Share\nstory {prefix} {i} " + "x" * (i % 50)} for i in range(n)]


def _complete_lines_of_truncated_gzip(data: bytes) -> int:
    """How many whole lines a perfect reader gets out of a cut gzip stream."""
    out = zlib.decompressobj(wbits=31).decompress(data)
    return out.count(b"\n")


def _run_files(paths: list[Path], out: Path, jobs: int, **kw: object) -> batch.Stats:
    j = job(name_sources=True, **kw)
    sink = batch.open_sink(str(out))
    try:
        return batch.run(batch.find_inputs([str(p) for p in paths]), sink, j, jobs=jobs, block_bytes=2048)
    finally:
        sink.close()


@pytest.fixture
def broken_inputs(tmp_path: Path) -> tuple[list[Path], int]:
    good = tmp_path / "a-good.jsonl"
    good.write_bytes(jsonl(*_docs("g", 300)))
    bad = tmp_path / "b-bad.jsonl.gz"
    whole = gzip.compress(jsonl(*_docs("b", 3000)), mtime=0)
    cut = whole[: len(whole) * 3 // 5]
    bad.write_bytes(cut)
    after = tmp_path / "c-after.jsonl"
    after.write_bytes(jsonl(*_docs("c", 50)))
    return [good, bad, after], _complete_lines_of_truncated_gzip(cut)


def test_truncated_gzip_keeps_what_was_read_and_goes_on(tmp_path: Path, broken_inputs) -> None:
    paths, n_read = broken_inputs
    out1, out2 = tmp_path / "j1.jsonl", tmp_path / "j2.jsonl"
    st1 = _run_files(paths, out1, 1)
    st2 = _run_files(paths, out2, 2)
    assert out1.read_bytes() == out2.read_bytes()  # the same bytes for any --jobs
    assert (st1.docs, st1.errors) == (st2.docs, st2.errors) == (300 + n_read + 1 + 50, 1)
    recs = records(out1.read_bytes())
    assert [r["id"] for r in recs[:300]] == [f"g{i}" for i in range(300)]
    assert [r["id"] for r in recs[300 : 300 + n_read]] == [f"b{i}" for i in range(n_read)]
    assert all(r["cleaner"]["error"] is None for r in recs[: 300 + n_read])
    err = recs[300 + n_read]
    assert err["cleaner"]["error"].startswith(f"{paths[1]}: truncated gzip after {n_read:,} records")
    assert f"line {n_read + 1}" in err["cleaner"]["error"]
    assert [r["id"] for r in recs[301 + n_read :]] == [f"c{i}" for i in range(50)]  # the batch went on


@pytest.mark.parametrize("block_bytes", [7, 2048, 1 << 20])
def test_whole_gzip_files_read_as_gzip_reads_them(tmp_path: Path, block_bytes: int) -> None:
    one, two = jsonl(*_docs("m", 300)), jsonl(*_docs("n", 7))
    cases = {
        "members": gzip.compress(one, mtime=0) + gzip.compress(two, mtime=0),  # cat a.gz b.gz
        "padded": gzip.compress(one, mtime=0) + b"\0" * 100,
        "empty-member": gzip.compress(b"", mtime=0),
        "bomb": gzip.compress(b"\n" * 3_000_000 + one, mtime=0),  # decoded in capped pieces
    }
    for name, data in cases.items():
        f = tmp_path / f"{name}.jsonl.gz"
        f.write_bytes(data)
        assert b"".join(batch._read_blocks(batch.Source(label=name, path=f), block_bytes)) == gzip.decompress(data)
        assert max(map(len, batch._read_blocks(batch.Source(label=name, path=f), block_bytes)), default=0) <= block_bytes


def test_damaged_gzip_is_an_error_record_too(tmp_path: Path) -> None:
    whole = bytearray(gzip.compress(jsonl(*_docs("b", 500)), mtime=0))
    whole[len(whole) // 2] ^= 0xFF  # a flipped byte: bad deflate data or a CRC mismatch
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(bytes(whole))
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"o{jobs}.jsonl"
        st = _run_files([bad], out, jobs)
        assert st.errors == 1
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    last = records(outs[0])[-1]
    assert "damaged gzip after" in last["cleaner"]["error"] or "truncated gzip after" in last["cleaner"]["error"]


def test_a_resumed_run_counts_the_break_as_a_record(tmp_path: Path, broken_inputs) -> None:
    paths, n_read = broken_inputs
    j = job(name_sources=True)
    full = b"".join(p for p, _ in batch.clean_chunks(batch.iter_chunks(batch.find_inputs([str(p) for p in paths]),
                                                                          block_bytes=2048), j, 1))
    lines = full.splitlines(keepends=True)
    for skip in (299, 300, 300 + n_read - 1, 300 + n_read, 300 + n_read + 1, len(lines)):
        chunks = batch.iter_chunks(batch.find_inputs([str(p) for p in paths]), skip, block_bytes=2048)
        assert b"".join(p for p, _ in batch.clean_chunks(chunks, j, 1)) == b"".join(lines[skip:]), skip


def test_truncated_gzip_through_the_cli_exits_1_and_is_the_same_for_any_jobs(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl.gz"
    docs = [{"id": i, "text": f"The council met on Monday to discuss item {i} of the budget."} for i in range(400)]
    whole = gzip.compress(jsonl(*docs), mtime=0)
    bad.write_bytes(whole[: len(whole) // 2])
    good = tmp_path / "good.jsonl"
    good.write_bytes(jsonl(*docs[:20]))
    outs = []
    for jobs in ("1", "2"):
        p = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(bad), str(good), "-o", "-", "--quiet",
                            "--lang", "en", "-j", jobs], capture_output=True)
        assert p.returncode == 1, p.stderr
        outs.append(p.stdout)
    assert outs[0] == outs[1]
    recs = records(outs[0])
    assert sum(r["cleaner"]["error"] is not None for r in recs) == 1 and [r["id"] for r in recs[-20:]] == list(range(20))
    assert hashlib.sha256(outs[0]).hexdigest() == hashlib.sha256(outs[1]).hexdigest()


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
