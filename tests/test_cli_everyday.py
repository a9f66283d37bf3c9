"""Everyday use of the command line: one plain-text document on stdin, one record of a JSONL file explained."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

DOC = "Share\nThe council approved the budget on Tuesday after a long debate.\n"
CLEAN = "The council approved the budget on Tuesday after a long debate."


def _run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cleaner.cli", *args], input=stdin, capture_output=True, timeout=120)


def test_plain_text_on_stdin_is_one_document() -> None:
    r = _run("clean", stdin=DOC.encode())
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode() == CLEAN + "\n"


def test_plain_text_on_stdin_as_json() -> None:
    r = _run("clean", "--json", stdin=DOC.encode())
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["text"] == CLEAN
    assert [x["rule"] for x in out["cleaner"]["removed"]] == ["share-prompt"]
    assert list(out["cleaner"])[:3] == ["title", "date", "dateline"]  # a record's cleaner object


def test_json_lines_on_stdin_are_still_records() -> None:
    rec = {"id": 7, "text": DOC}
    r = _run("clean", "--quiet", stdin=(json.dumps(rec) + "\n").encode())
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["id"] == 7 and out["text"] == CLEAN


def test_format_forces_the_reading() -> None:
    r = _run("clean", "--format", "jsonl", "--quiet", stdin=DOC.encode())
    assert r.returncode == 1  # each line is a record that is not JSON: error records
    assert r.stdout.count(b"\n") == 2 and b'"error"' in r.stdout
    r = _run("clean", "--format", "text", stdin=b'{"looks": "like json"}\n')
    assert r.returncode == 0 and r.stdout.strip() == b'{"looks": "like json"}'


def test_one_document_goes_to_stdout_only() -> None:
    r = _run("clean", "-o", "out.jsonl", stdin=DOC.encode())
    assert r.returncode == 2 and b"stdout" in r.stderr


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    p = tmp_path / "recs.jsonl.gz"
    recs = [{"id": "a", "text": "Nothing here."}, {"id": "b", "text": DOC}, {"id": 3, "html": f"<p>{CLEAN}</p>"}]
    with gzip.open(p, "wt", encoding="utf-8") as f:
        f.write("\n".join(json.dumps(r) for r in recs) + "\n")
    return p


@pytest.mark.parametrize("pick", [["--id", "b"], ["--line", "2"]])
def test_explain_picks_one_record(jsonl: Path, pick: list[str]) -> None:
    r = _run("explain", str(jsonl), *pick, "--no-color")
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert out.startswith("[-Share-]{ui_chrome share-prompt}\n" + CLEAN)


def test_explain_picks_an_html_field_by_a_numeric_id(jsonl: Path) -> None:
    r = _run("explain", str(jsonl), "--id", "3", "--html-field", "html", "--no-color")
    assert r.returncode == 0, r.stderr
    assert CLEAN in r.stdout.decode()


@pytest.mark.parametrize(("pick", "message"), [(["--id", "zz"], b"no record with id = 'zz'"),
                                               (["--line", "9"], b"no line 9"),
                                               (["--line", "1", "--text-field", "body"], b"no text in field 'body'")])
def test_explain_says_what_it_could_not_find(jsonl: Path, pick: list[str], message: bytes) -> None:
    r = _run("explain", str(jsonl), *pick)
    assert r.returncode == 2 and message in r.stderr


def test_progress_on_a_terminal_has_a_total_and_says_something_at_once(tmp_path: Path) -> None:
    import fcntl
    import os
    import pty
    import struct
    import termios

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": DOC}) + "\n" for i in range(400)), encoding="utf-8")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    p = subprocess.Popen([sys.executable, "-m", "cleaner.cli", "clean", str(src), "-o", str(tmp_path / "out.jsonl")],
                         stderr=slave, stdout=subprocess.DEVNULL)
    os.close(slave)
    out = b""
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
    assert p.wait(timeout=120) == 0
    lines = [x for x in out.decode("utf-8", "replace").replace("\r", "\n").split("\n") if x.strip()]
    assert lines[0].startswith("cleaner: cleaning 1 input (") and "MiB" in lines[0]  # before the first chunk
    bars = [x for x in lines if x.startswith("cleaning:")]
    assert bars and "100%" in bars[-1] and "docs=400" in bars[-1]


def test_explain_reads_a_record_as_clean_does(tmp_path: Path) -> None:
    # numbers orjson refuses (an integer over 64 bits, 1e400) are JSON all the same: clean reads them
    p = tmp_path / "big.jsonl"
    p.write_text('{"id": 123456789012345678901234567890, "n": 1e400, "text": ' + json.dumps(DOC) + "}\n", encoding="utf-8")
    r = _run("explain", str(p), "--line", "1", "--no-color")
    assert r.returncode == 0, r.stderr
    assert CLEAN in r.stdout.decode()
