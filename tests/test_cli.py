"""The ``cleaner`` command, end to end: every test runs the installed console script in a subprocess.

Covers ``clean`` (seeds, pipes, bad records, --jobs, kill -9 and --resume, folders, .txt/.html, gzip,
--html-field, --no-metadata, --rules), ``explain``, ``rules list/show/check``, ``--version`` and ``--help``.

The 200,000-document kill/resume run is opt-in (``CLEANER_BIG_TESTS=1``, also marked slow); the default
suite runs the same scenario on 12,000 documents.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_SCRIPT = Path(sys.executable).with_name("cleaner")
CLEANER: list[str] = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "cleaner.cli"]


def cleaner(*args: str | Path, stdin: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    """Run ``cleaner ARGS`` and capture its output (bytes)."""
    return subprocess.run([*CLEANER, *map(str, args)], input=stdin, capture_output=True, timeout=timeout)


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as f:
        return [json.loads(line) for line in f]


def seed_names() -> list[str]:
    return sorted(p.stem for p in SEEDS.glob("*.txt"))


def write_seeds_jsonl(path: Path) -> list[str]:
    names = seed_names()
    with open(path, "w", encoding="utf-8") as f:
        for n in names:
            f.write(json.dumps({"id": n, "text": (SEEDS / f"{n}.txt").read_text(encoding="utf-8")}) + "\n")
    return names


#: Residue lines mixed into the synthetic documents: each is something the cleaner cuts.
RESIDUE = ["Advertisement", "Share", "Login", "Subscribe now", "Follow us on Twitter", "Tags: India, Pakistan, US",
           "© 2025 Example Media. All rights reserved."]


def synthetic_docs(n: int, seed: int = 7) -> bytes:
    """``n`` small documents as JSON lines: 1-3 lines of two seed sentences each, 0-2 residue lines."""
    sentences = []
    for p in sorted(SEEDS.glob("*.txt")):
        for line in p.read_text(encoding="utf-8").splitlines():
            sentences += [s for s in re.split(r"(?<=[.!?])\s+", line.strip()) if len(s.split()) >= 8]
    r = random.Random(seed)
    out = []
    for i in range(n):
        lines = [" ".join(r.sample(sentences, 2)) for _ in range(r.randint(1, 3))]
        for _ in range(r.randint(0, 2)):
            lines.insert(r.randint(0, len(lines)), r.choice(RESIDUE))
        out.append(json.dumps({"id": f"doc-{i:06d}", "text": "\n".join(lines)}, ensure_ascii=False))
    return ("\n".join(out) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------------
# clean: seeds, pipes, bad records, jobs
# ---------------------------------------------------------------------------------------------------


def test_seeds_through_the_cli_equal_the_expected_files(tmp_path: Path) -> None:
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    names = write_seeds_jsonl(src)
    p = cleaner("clean", src, "-o", dst, "--text-field", "text")
    assert p.returncode == 0, p.stderr
    # " (N docs/s)" follows the time when the run took a second or more (a loaded machine, a cold start)
    summary = (rb"cleaned 5 documents \(0 errors\) in \d+\.\d s(?: \([\d,]+ docs/s\))?; "
               rb"removed \d+\.\d% of characters; top kinds: .+\n")
    assert re.fullmatch(summary, p.stderr)
    out = read_jsonl(dst)
    assert [o["id"] for o in out] == names
    for name, o in zip(names, out, strict=True):
        exp = json.loads((SEEDS / "expected" / f"{name}.json").read_text(encoding="utf-8"))
        meta = o["cleaner"]
        assert o["text"] == exp["text"], name
        for key in ("title", "date", "dateline", "tags", "language"):
            assert meta[key] == exp[key], (name, key)
        assert [(r["kind"], r["text"]) for r in meta["removed"]] == [(r["kind"], r["text"]) for r in exp["removed"]], name
        assert meta["error"] is None and isinstance(meta["warnings"], list) and isinstance(meta["authors"], list)
        src_text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
        assert all(src_text[r["start"] : r["end"]] == r["text"] for r in meta["removed"])  # offsets index the input


def test_stdin_to_stdout_through_a_shell_pipe(tmp_path: Path) -> None:
    src = tmp_path / "x.jsonl"
    names = write_seeds_jsonl(src)
    out = tmp_path / "y.jsonl"
    cmd = f"cat {shlex.quote(str(src))} | {shlex.join(CLEANER)} clean --quiet > {shlex.quote(str(out))}"
    p = subprocess.run(cmd, shell=True, capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stderr == b""  # --quiet: nothing on stderr
    recs = read_jsonl(out)
    assert [r["id"] for r in recs] == names
    for name, rec in zip(names, recs, strict=True):
        assert rec["text"] == json.loads((SEEDS / "expected" / f"{name}.json").read_text(encoding="utf-8"))["text"]
    # `-` is stdin too; the summary goes to stderr, never into the data
    p = subprocess.run(f"{shlex.join(CLEANER)} clean - < {shlex.quote(str(src))}", shell=True, capture_output=True, timeout=120)
    assert p.stdout == out.read_bytes() and p.stderr.startswith(b"cleaned 5 documents")


GOOD = "Share\nThe council approved the budget on Tuesday after a long debate about schools and roads, officials said."


def test_bad_records_become_error_records_in_place(tmp_path: Path) -> None:
    def good(i: int) -> bytes:
        return (json.dumps({"id": f"good{i}", "text": GOOD}) + "\n").encode()

    bad = {
        2: b"{not json\n",
        4: b"[1, 2, 3]\n",
        5: b"42\n",
        6: b'{"id": "nofield", "body": "x"}\n',
        8: b'{"id": "num", "text": 5}\n',
        9: b'{"id": "utf", "text": "caf\xc3\xa9 \xff\xfe broken"}\n',
        10: b"{}\n",
        11: b"[" * 5000 + b"]" * 5000 + b"\n",
        12: b'{"id": "nul", "text": "a\x00b\x00c"}\n',
        14: b'{"id": "big", "text": "' + b"x" * (5 * 1024 * 1024) + b'"}\n',
    }
    lines, n_good = [], 0
    for lineno in range(1, 16):
        if lineno in bad:
            lines.append(bad[lineno])
        elif lineno == 13:
            lines.append(b"\n")  # a blank line is not a record
        else:
            lines.append(good(n_good))
            n_good += 1
    src, dst = tmp_path / "bad.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(b"".join(lines))
    p = cleaner("clean", src, "-o", dst)
    assert p.returncode == 1, p.stderr
    assert b"(10 errors)" in p.stderr
    out = read_jsonl(dst)
    assert len(out) == 14  # 15 lines, one blank
    expected_lines = [n for n in range(1, 16) if n != 13]
    goods = 0
    for lineno, rec in zip(expected_lines, out, strict=True):
        meta = rec["cleaner"]
        if lineno in bad:
            assert meta["error"].startswith(f"line {lineno}: "), (lineno, meta["error"])
            assert isinstance(meta["raw"], str) and len(meta["raw"]) <= 1000
        else:
            assert rec["id"] == f"good{goods}" and meta["error"] is None
            assert rec["text"] == GOOD.split("\n")[1]
            goods += 1
    errors = {n: out[expected_lines.index(n)]["cleaner"]["error"] for n in bad}
    assert "not valid JSON" in errors[2] and "not a JSON object but a list" in errors[4]
    assert "no 'text' field" in errors[6] and out[expected_lines.index(6)]["id"] == "nofield"  # the id is kept
    assert "is a number, not a string" in errors[8]
    assert "not valid UTF-8" in errors[9]
    assert "over the limit" in errors[14]


def test_jobs_1_and_jobs_2_give_identical_bytes(tmp_path: Path) -> None:
    src = tmp_path / "docs.jsonl"
    src.write_bytes(synthetic_docs(1500, seed=3) + b"not json\n" + synthetic_docs(500, seed=4))
    outs = []
    for jobs in ("1", "2"):
        dst = tmp_path / f"out{jobs}.jsonl"
        # small blocks: many chunks, so the two workers really interleave
        p = cleaner("clean", src, "-o", dst, "--jobs", jobs, "--block-bytes", "16K", "--lang", "en", "--quiet")
        assert p.returncode == 1, p.stderr
        outs.append(dst.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0].count(b"\n") == 2001


# ---------------------------------------------------------------------------------------------------
# kill -9, then --resume
# ---------------------------------------------------------------------------------------------------


def _kill_and_resume(tmp_path: Path, n_docs: int, output_name: str) -> dict[str, float]:
    src = tmp_path / "docs.jsonl"
    src.write_bytes(synthetic_docs(n_docs))
    args = ["clean", str(src), "--jobs", "2", "--lang", "en", "--quiet"]
    ref = tmp_path / f"ref-{output_name}"
    t0 = time.perf_counter()
    p = cleaner(*args, "-o", ref, timeout=1800)
    full_s = time.perf_counter() - t0
    assert p.returncode == 0, p.stderr
    ref_size = ref.stat().st_size

    out = tmp_path / output_name
    proc = subprocess.Popen([*CLEANER, *args, "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 600
    # gzip output grows in compressed steps; plain output must be well under way but not finished
    want = ref_size // 4
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.stat().st_size >= want:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()  # type: ignore[union-attr]
    killed_size = out.stat().st_size
    assert 0 < killed_size < ref_size

    t0 = time.perf_counter()
    p = cleaner(*args, "-o", out, "--resume", timeout=1800)
    resume_s = time.perf_counter() - t0
    assert p.returncode == 0, p.stderr
    assert out.read_bytes() == ref.read_bytes()
    return {"full_s": full_s, "resume_s": resume_s, "killed_at": killed_size / ref_size}


def test_kill_9_then_resume_is_byte_identical(tmp_path: Path) -> None:
    _kill_and_resume(tmp_path, 12_000, "out.jsonl")


def test_resume_gzip_output_cut_short(tmp_path: Path) -> None:
    # What kill -9 leaves of a .jsonl.gz: a prefix of the stream (no trailer, a torn line inside).
    # Producing it with kill -9 takes a third run; test_batch cuts the stream at several places too.
    src = tmp_path / "docs.jsonl"
    src.write_bytes(synthetic_docs(3_000))
    args = ["clean", str(src), "--jobs", "2", "--lang", "en", "--quiet"]
    ref, out = tmp_path / "ref.jsonl.gz", tmp_path / "out.jsonl.gz"
    assert cleaner(*args, "-o", ref).returncode == 0
    out.write_bytes(ref.read_bytes()[: ref.stat().st_size * 2 // 5])
    # the manifest of the run that made it (--resume refuses an output without one)
    shutil.copy(tmp_path / "ref.jsonl.gz.manifest.json", tmp_path / "out.jsonl.gz.manifest.json")
    p = cleaner(*args, "-o", out, "--resume")
    assert p.returncode == 0, p.stderr
    assert out.read_bytes() == ref.read_bytes()


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("CLEANER_BIG_TESTS"), reason="200k documents take minutes: set CLEANER_BIG_TESTS=1")
def test_kill_9_then_resume_200k_documents(tmp_path: Path) -> None:
    t = _kill_and_resume(tmp_path, 200_000, "out.jsonl")
    print(f"\n200k documents: uninterrupted {t['full_s']:.1f} s; killed at {t['killed_at']:.0%}; resume {t['resume_s']:.1f} s")


def test_resume_needs_an_output_file(tmp_path: Path) -> None:
    src = tmp_path / "x.jsonl"
    write_seeds_jsonl(src)
    p = cleaner("clean", src, "--resume")
    assert p.returncode == 2 and b"--resume needs an output file" in p.stderr


# ---------------------------------------------------------------------------------------------------
# clean: folders, files, gzip, fields, rules
# ---------------------------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="en"><head><title>Council approves budget</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Council approves budget</h1>
<p>The city council approved the annual budget on Tuesday after a long debate about schools, roads and the library.</p>
<p>The mayor said the compromise was fair and that work on the new bridge would start in the spring, officials said.</p>
</article><footer>© 2025 Example Media. All rights reserved.</footer></body></html>
"""


def test_folder_in_folder_out_with_txt_and_html(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "world").mkdir(parents=True)
    seed = seed_names()[1]
    shutil.copy(SEEDS / f"{seed}.txt", src / "a.txt")
    (src / "world" / "page.html").write_text(PAGE, encoding="utf-8")
    (src / "notes.md").write_text("not a document")
    out = tmp_path / "out"
    p = cleaner("clean", src, "-o", f"{out}/")
    assert p.returncode == 0, p.stderr
    assert sorted(x.name for x in out.iterdir()) == ["a.json", "a.txt", "world_page.json", "world_page.txt"]
    exp = json.loads((SEEDS / "expected" / f"{seed}.json").read_text(encoding="utf-8"))
    assert (out / "a.txt").read_text(encoding="utf-8") == exp["text"] + "\n"
    meta = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert meta["id"] == "a.txt" and "text" not in meta and meta["cleaner"]["error"] is None
    page = (out / "world_page.txt").read_text(encoding="utf-8")
    assert "approved the annual budget" in page and "Home" not in page and "©" not in page
    page_meta = json.loads((out / "world_page.json").read_text(encoding="utf-8"))
    assert page_meta["id"] == "world/page.html" and page_meta["cleaner"]["title"] == "Council approves budget"


def test_gzip_in_and_out_and_no_metadata(tmp_path: Path) -> None:
    plain = tmp_path / "in.jsonl"
    names = write_seeds_jsonl(plain)
    gz = tmp_path / "in.jsonl.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    out = tmp_path / "out.jsonl.gz"
    assert cleaner("clean", gz, "-o", out, "-q").returncode == 0
    assert out.read_bytes()[:2] == b"\x1f\x8b"
    full = read_jsonl(out)
    assert [r["id"] for r in full] == names and all(r["cleaner"]["error"] is None for r in full)
    bare = tmp_path / "bare.jsonl"
    p = cleaner("clean", gz, "-o", bare, "--no-metadata", "-q")
    assert p.returncode == 0
    recs = read_jsonl(bare)
    assert [list(r) for r in recs] == [["id", "text"]] * 5
    assert [r["text"] for r in recs] == [r["text"] for r in full]


def test_html_field_and_a_bad_record_without_metadata(tmp_path: Path) -> None:
    src = tmp_path / "pages.jsonl"
    src.write_text(json.dumps({"id": "p1", "url": "https://example.com/a", "html": PAGE}) + "\n"
                   + json.dumps({"id": "p2", "html": None}) + "\n", encoding="utf-8")
    dst = tmp_path / "out.jsonl"
    p = cleaner("clean", src, "-o", dst, "--html-field", "html", "--no-metadata")
    assert p.returncode == 1
    good, bad = read_jsonl(dst)
    assert list(good) == ["id", "url", "html", "text"] and good["html"] == PAGE
    assert "approved the annual budget" in good["text"] and "Home" not in good["text"]
    assert bad == {"id": "p2", "cleaner": {"error": "line 2: field 'html' is null, not a string",
                                            "raw": json.dumps({"id": "p2", "html": None})}}


USER_RULES = '''lang = "en"

[[rule]]
id = "sponsor-note"
kind = "boilerplate"
description = "A sponsor line under a story."
pattern = 'brought to you by [a-z ]+'
examples.remove = ["Brought to you by ACME Widgets"]
examples.keep = ["Brought to you by the same team that built the bridge, the new tunnel opened on Monday."]
'''


def test_user_rules_cut_and_a_bad_rule_file_is_exit_2(tmp_path: Path) -> None:
    rules = tmp_path / "mine.toml"
    rules.write_text(USER_RULES, encoding="utf-8")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 1, "text": GOOD.split("\n")[1] + "\nBrought to you by ACME Widgets"}) + "\n")
    dst = tmp_path / "out.jsonl"
    p = cleaner("clean", src, "-o", dst, "--rules", rules)
    assert p.returncode == 0, p.stderr
    (rec,) = read_jsonl(dst)
    assert [(r["kind"], r["rule"], r["text"]) for r in rec["cleaner"]["removed"]] == [
        ("boilerplate", "sponsor-note", "Brought to you by ACME Widgets")]

    broken = tmp_path / "broken.toml"
    broken.write_text(USER_RULES.replace('kind = "boilerplate"', 'kind = "junk"'), encoding="utf-8")
    dst.unlink()
    p = cleaner("clean", src, "-o", dst, "--rules", broken)
    assert p.returncode == 2
    assert f"{broken}:5: rule 'sponsor-note': unknown kind 'junk'".encode() in p.stderr
    assert not dst.exists()  # nothing written on a usage error


def test_missing_input_is_exit_2(tmp_path: Path) -> None:
    p = cleaner("clean", tmp_path / "nope.jsonl", "-o", tmp_path / "out.jsonl")
    assert p.returncode == 2 and b"no such file or folder" in p.stderr


# ---------------------------------------------------------------------------------------------------
# explain, rules, version, help
# ---------------------------------------------------------------------------------------------------


def test_explain_marks_the_cuts_and_prints_the_metadata(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("Advertisement\n" + GOOD.split("\n")[1] + "\nShare\n", encoding="utf-8")
    p = cleaner("explain", doc)
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode()
    assert "[-Advertisement-]{ui_chrome advertisement-label}" in out
    assert "[-Share-]{ui_chrome share-prompt}" in out
    assert "\x1b[" not in out  # not a terminal: no colour
    assert re.search(r"^language: en$", out, re.M) and re.search(r"^title:\s+-$", out, re.M)
    assert "- ui_chrome (advertisement-label): Advertisement" in out
    # stdin works too, with forced language
    p2 = cleaner("explain", "-", "--lang", "en", "--no-color", stdin=doc.read_bytes())
    assert p2.returncode == 0 and "[-Share-]{ui_chrome share-prompt}" in p2.stdout.decode()


def test_rules_list_and_show(tmp_path: Path) -> None:
    p = cleaner("rules", "list")
    assert p.returncode == 0
    lines = p.stdout.decode().splitlines()
    assert lines[0].split()[:5] == ["ID", "KIND", "WHERE", "LANGS", "DESCRIPTION"]
    assert any(ln.startswith("login-link ") for ln in lines)
    p = cleaner("rules", "show", "login-link")
    assert p.returncode == 0
    out = p.stdout.decode()
    assert "kind:         ui_chrome" in out and "pattern:" in out and "remove examples:" in out
    assert re.search(r"defined at:\s+\S*rules/en\.toml:\d+", out)
    p = cleaner("rules", "show", "login-lnk")
    assert p.returncode == 2 and b"did you mean login-link" in p.stderr


def test_rules_check(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(USER_RULES, encoding="utf-8")
    p = cleaner("rules", "check", good)
    assert p.returncode == 0, p.stdout + p.stderr
    assert b"checked 1 rules in 1 files, 2 examples: 0 failures" in p.stderr

    failing = tmp_path / "failing.toml"
    failing.write_text(USER_RULES.replace('"Brought to you by ACME Widgets"', '"Sponsored by ACME"'), encoding="utf-8")
    p = cleaner("rules", "check", failing)
    assert p.returncode == 1
    assert f"{failing.name}:3: rule 'sponsor-note': remove example 'Sponsored by ACME': the pattern does not match it".encode() \
        in p.stdout

    broken = tmp_path / "broken.toml"
    broken.write_text(USER_RULES.replace("pattern = ", "patern = "), encoding="utf-8")
    p = cleaner("rules", "check", broken)
    assert p.returncode == 2 and f"{broken}:7: rule 'sponsor-note': unknown field 'patern'".encode() in p.stderr


def test_version_and_help() -> None:
    from cleaner import __version__

    p = cleaner("--version")
    assert p.returncode == 0 and p.stdout.decode().strip() == f"cleaner {__version__}"
    for cmd in ([], ["clean"], ["explain"], ["rules"], ["rules", "list"], ["rules", "show"], ["rules", "check"]):
        p = cleaner(*cmd, "--help")
        assert p.returncode == 0, cmd
        assert b"examples:" in p.stdout, cmd
    p = cleaner()
    assert p.returncode == 2 and b"usage: cleaner" in p.stderr
