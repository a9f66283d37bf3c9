"""Unit tests of the batch machinery (cleaner/batch.py), in-process and with a stand-in cleaner.

The stand-in upper-cases the text and "cuts" a line reading ``Share``, so these tests check reading,
chunking, error records, resuming and the sinks without the cost (or the changes) of the real rules.
The end-to-end behaviour through the ``cleaner`` command is in test_cli.py.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import orjson
import pytest

from cleaner import batch
from cleaner.result import CleanResult, Removal


class UpperCleaner:
    """Upper-cases the text; a ``Share`` line is cut (kind ui_chrome). Raises on a text saying BOOM."""

    def clean(self, text: str | bytes, *, html: bool | None = None, lang: str | None = None,
              url: str | None = None) -> CleanResult:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if "BOOM" in text:
            raise RuntimeError("kaboom")
        removed = []
        pos = 0
        for line in text.split("\n"):
            if line == "Share":
                removed.append(Removal("ui_chrome", "share-prompt", pos, pos + len(line), line))
            pos += len(line) + 1
        kept = "\n".join(ln.upper() for ln in text.split("\n") if ln != "Share")
        return CleanResult(text=kept, removed=tuple(removed), language=lang or "en", source=text)


def job(**kw: object) -> batch.Job:
    return batch.Job(UpperCleaner(), batch.Options(**kw))  # type: ignore[arg-type]


def jsonl(*recs: object) -> bytes:
    return b"".join(orjson.dumps(r) + b"\n" for r in recs)


def run_bytes(data: bytes, skip: int = 0, block_bytes: int = batch.BLOCK_BYTES, **kw: object) -> tuple[bytes, batch.Stats]:
    j = job(**kw)
    total = batch.Stats()
    out = []
    chunks = batch.iter_chunks([batch.Source.stream_of(io.BytesIO(data))], skip, max_bytes=j.options.max_bytes,
                               block_bytes=block_bytes)
    for payload, st in batch.clean_chunks(chunks, j, 1):
        out.append(payload)
        total.add(st)
    return b"".join(out), total  # type: ignore[arg-type]


def records(out: bytes) -> list[dict]:
    return [orjson.loads(x) for x in out.splitlines()]


DOCS = [{"id": i, "text": f"Share\nline {i} of the story", "n": i} for i in range(40)]
DATA = jsonl(*DOCS)


def test_records_keep_their_fields_in_order_and_get_the_metadata() -> None:
    out, st = run_bytes(jsonl({"id": "a", "text": "Share\nhello", "extra": [1, 2]}))
    (rec,) = records(out)
    assert list(rec) == ["id", "text", "extra", "cleaner"]
    assert rec["text"] == "HELLO"
    assert list(rec["cleaner"]) == list(batch.META_KEYS)
    assert rec["cleaner"]["removed"] == [{"kind": "ui_chrome", "rule": "share-prompt", "start": 0, "end": 5, "text": "Share"}]
    assert rec["cleaner"]["error"] is None
    assert (st.docs, st.errors, st.chars, st.removed_chars, dict(st.kinds)) == (1, 0, 11, 5, {"ui_chrome": 1})


@pytest.mark.parametrize("block_bytes", [1, 7, 64, 1 << 20])
def test_output_does_not_depend_on_block_size(block_bytes: int) -> None:
    data = DATA.replace(b"\n", b"\n\n", 3)  # some blank lines too
    assert run_bytes(data, block_bytes=block_bytes)[0] == run_bytes(DATA)[0]


def test_last_line_without_newline_and_crlf() -> None:
    data = jsonl(DOCS[0]).replace(b"\n", b"\r\n") + orjson.dumps(DOCS[1])
    assert records(run_bytes(data)[0]) == records(run_bytes(jsonl(DOCS[0], DOCS[1]))[0])


def test_blank_lines_are_skipped_but_line_numbers_count_them() -> None:
    out, st = run_bytes(b"\n  \n" + jsonl(DOCS[0]) + b"\t\r\n" + b"nope\n")
    recs = records(out)
    assert len(recs) == 2 and st.docs == 2 and st.errors == 1
    assert recs[1]["cleaner"]["error"].startswith("line 5: not valid JSON")


@pytest.mark.parametrize("skip", [0, 1, 13, 39, 40])
@pytest.mark.parametrize("block_bytes", [5, 100, 1 << 20])
def test_skip_passes_over_records_not_lines(skip: int, block_bytes: int) -> None:
    data = b"\n" + DATA.replace(b"}\n", b"}\n\n")  # blank lines everywhere: they are not records
    full = run_bytes(data)[0].splitlines(keepends=True)
    rest = run_bytes(data, skip=skip, block_bytes=block_bytes)[0]
    assert rest == b"".join(full[skip:])


def test_skipping_more_records_than_the_input_has_is_refused() -> None:
    with pytest.raises(batch.BatchError, match="holds 41 records but the input has only 40"):
        run_bytes(DATA, skip=41)


def test_oversized_lines_are_error_records_without_being_held() -> None:
    big = b'{"id": "big", "text": "' + b"x" * 5000 + b'"}\n'
    data = jsonl(DOCS[0]) + big + jsonl(DOCS[1]) + b"y" * 3000  # the last one has no newline
    for block_bytes in (100, 1 << 20):  # skimmed by the parent, or caught by the worker
        recs = records(run_bytes(data, max_bytes=1000, block_bytes=block_bytes)[0])
        assert [r.get("id") for r in recs] == [0, "big", 1, None]  # the id is read from the line's start (#13)
        assert recs[1]["cleaner"]["error"] == "line 2: record is 5,025 bytes, over the limit of 1,000 (--max-bytes); not cleaned"
        assert recs[1]["cleaner"]["raw"].startswith('{"id": "big", "text": "xxx')
        assert len(recs[1]["cleaner"]["raw"]) == batch.RAW_CHARS
        assert recs[3]["cleaner"]["error"].startswith("line 4: record is 3,000 bytes")


@pytest.mark.parametrize("block_bytes", [100, 1 << 20])
def test_an_oversized_blank_line_is_a_record_whoever_sees_it(block_bytes: int) -> None:
    # the parent skims a long line without seeing all of it, so "blank" cannot depend on its content
    data = jsonl(DOCS[0]) + b" " * 3000 + b"\n" + jsonl(DOCS[1])
    out = run_bytes(data, max_bytes=1000, block_bytes=block_bytes)[0]
    assert [r.get("id") for r in records(out)] == [0, None, 1]
    assert run_bytes(data, skip=2, max_bytes=1000, block_bytes=block_bytes)[0] == out.splitlines(keepends=True)[2]


def test_a_byte_order_mark_is_not_an_error() -> None:
    assert records(run_bytes(b"\xef\xbb\xbf" + jsonl(DOCS[0]))[0])[0]["cleaner"]["error"] is None


def test_error_records_name_the_problem_and_keep_the_id() -> None:
    lines = [
        b'{"id": 1, "text": 5}',
        b'{"id": "x", "body": "b"}',
        b'"just a string"',
        b'{"id": 2, "text": "BOOM"}',
        b'{"id": {"a": 1}, "text": null}',
    ]
    recs = records(run_bytes(b"\n".join(lines))[0])
    assert [r["cleaner"]["error"] for r in recs] == [
        "line 1: field 'text' is a number, not a string",
        "line 2: no 'text' field (fields: 'id', 'body')",
        "line 3: not a JSON object but a string",
        "line 4: cleaning failed: RuntimeError: kaboom",
        "line 5: field 'text' is null, not a string",
    ]
    assert [r.get("id") for r in recs] == [1, "x", None, 2, None]


def test_no_metadata_drops_the_object_from_good_records_only() -> None:
    recs = records(run_bytes(jsonl(DOCS[0]) + b"oops\n", metadata=False)[0])
    assert recs[0] == {"id": 0, "text": "LINE 0 OF THE STORY", "n": 0}
    assert recs[1]["cleaner"]["error"].startswith("line 2: not valid JSON")


def test_html_field_reads_html_and_writes_the_text_field() -> None:
    recs = records(run_bytes(jsonl({"id": 1, "html": "<p>x</p>", "url": "u"}), html_field="html")[0])
    assert list(recs[0]) == ["id", "html", "url", "text", "cleaner"]
    assert recs[0]["html"] == "<p>x</p>" and recs[0]["text"] == "<P>X</P>"


def test_several_inputs_name_the_input_in_errors(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    a.write_bytes(jsonl(DOCS[0]))
    b.write_bytes(gzip.compress(b"[]\n"))
    j = job(name_sources=True)
    out = b"".join(p for p, _ in batch.clean_chunks(batch.iter_chunks(batch.find_inputs([str(a), str(b)])), j, 1))
    assert records(out)[1]["cleaner"]["error"] == f"{b} line 1: not a JSON object but a list"  # type: ignore[arg-type]


def test_find_inputs_recurses_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.html", "a/y.jsonl", "a.txt", ".hidden/x.txt", "c.md", "d.jsonl.gz", "e.htm"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    got = [(s.kind, s.doc_id or Path(s.label).name) for s in batch.find_inputs([str(tmp_path)])]
    assert got == [("doc", "a.txt"), ("jsonl", "y.jsonl"), ("doc", "a/z.html"), ("doc", "b.txt"), ("jsonl", "d.jsonl.gz"),
                   ("doc", "e.htm")]
    with pytest.raises(batch.BatchError, match="no such file or folder: nope"):
        batch.find_inputs(["nope"])


def test_safe_name() -> None:
    assert batch.safe_name("a/b c.txt") == "a_b_c"
    assert batch.safe_name(17) == "17"
    assert batch.safe_name("...") is None and batch.safe_name(None) is None
    assert len(batch.safe_name("x" * 500) or "") == 120


# ---------------------------------------------------------------------------------------------------
# sinks and resume
# ---------------------------------------------------------------------------------------------------


def _write_all(sink: batch.JsonlSink | batch.GzipSink, lines: list[bytes]) -> None:
    for i in range(0, len(lines), 7):
        sink.write(b"".join(lines[i : i + 7]))
    sink.close()


LINES = [orjson.dumps({"i": i, "s": "é" * (i % 13)}) + b"\n" for i in range(200)]


@pytest.mark.parametrize("cut", [0, 1, 57, 600, len(b"".join(LINES)) - 1])
def test_jsonl_resume_drops_a_torn_line_and_counts_whole_ones(tmp_path: Path, cut: int) -> None:
    full = b"".join(LINES)
    p = tmp_path / "out.jsonl"
    p.write_bytes(full[:cut])
    sink = batch.JsonlSink(p, resume=True)
    done = sink.done
    assert done == full[:cut].count(b"\n")
    assert p.read_bytes() == b"".join(LINES[:done])
    _write_all(sink, LINES[done:])
    assert p.read_bytes() == full


def test_jsonl_resume_of_a_missing_file_starts_fresh(tmp_path: Path) -> None:
    sink = batch.JsonlSink(tmp_path / "new.jsonl", resume=True)
    assert sink.done == 0
    sink.close()


def test_gzip_output_is_deterministic_and_resumes_byte_identically(tmp_path: Path) -> None:
    ref = tmp_path / "ref.jsonl.gz"
    _write_all(batch.GzipSink(ref), LINES)
    again = tmp_path / "again.jsonl.gz"
    _write_all(batch.GzipSink(again), LINES)
    assert ref.read_bytes() == again.read_bytes()
    assert gzip.decompress(ref.read_bytes()) == b"".join(LINES)
    # a crash: the file holds a prefix of the stream (no trailer, maybe a torn line)
    ref_bytes = ref.read_bytes()
    for cut in (0, 5, 300, len(ref_bytes) // 2, len(ref_bytes) - 3):
        p = tmp_path / f"cut{cut}.jsonl.gz"
        p.write_bytes(ref_bytes[:cut])
        sink = batch.GzipSink(p, resume=True)
        _write_all(sink, LINES[sink.done :])
        assert p.read_bytes() == ref_bytes, cut


def test_gzip_resume_refuses_a_file_that_is_not_gzip(tmp_path: Path) -> None:
    p = tmp_path / "out.jsonl.gz"
    p.write_bytes(b'{"a": 1}\n')
    with pytest.raises(batch.BatchError, match="not a gzip file"):
        batch.GzipSink(p, resume=True)
    assert p.read_bytes() == b'{"a": 1}\n'  # untouched


def test_folder_sink_names_files_by_id_and_numbers_the_rest(tmp_path: Path) -> None:
    data = jsonl({"id": "a/b", "text": "x"}, {"id": "a b", "text": "y"}, {"text": "z"}) + b"bad\n"
    j = job(folder=True)
    sink = batch.FolderSink(tmp_path / "out")
    for payload, _ in batch.clean_chunks(batch.iter_chunks([batch.Source.stream_of(io.BytesIO(data))]), j, 1):
        sink.write(payload)  # type: ignore[arg-type]
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["000003.json", "000003.txt", "000004.json", "a_b-2.json", "a_b-2.txt", "a_b.json", "a_b.txt"]
    assert (tmp_path / "out" / "a_b-2.txt").read_text() == "Y\n"
    meta = orjson.loads((tmp_path / "out" / "a_b.json").read_bytes())
    assert list(meta) == ["id", "cleaner"] and meta["id"] == "a/b"
    assert orjson.loads((tmp_path / "out" / "000004.json").read_bytes())["cleaner"]["error"].startswith("line 4:")


def test_output_kind() -> None:
    assert [batch.output_kind(x) for x in (None, "-", "o/", "o.jsonl", "o.JSONL.GZ", ".")] == [
        "stdout", "stdout", "folder", "jsonl", "gzip", "folder"]


def test_summary_line() -> None:
    st = batch.Stats(docs=5, errors=0, chars=1000, removed_chars=71)
    st.kinds.update({"related_headlines": 6, "title": 2, "tag_list": 1})
    assert st.summary(0.3) == ("cleaned 5 documents (0 errors) in 0.3 s; removed 7.1% of characters; "
                               "top kinds: related_headlines 6, title 2, tag_list 1")
