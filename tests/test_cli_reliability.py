"""``cleaner`` abused (issue #13): resume guarded by a manifest, large HTML, ambiguous outputs, fields that
would be overwritten, unknown rule kinds, and output piped into ``head``.

Every test runs the command in a subprocess, like tests/test_cli.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SCRIPT = Path(sys.executable).with_name("cleaner")
CLEANER: list[str] = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "cleaner.cli"]

DOCS = [
    {"id": f"d{i}", "text": f"Login\nThe mayor opened library number {i} on Saturday with a short speech about books."}
    for i in range(6)
]


def cleaner(*args: str | Path, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*CLEANER, *map(str, args)], input=stdin, capture_output=True, timeout=300, cwd=cwd)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def cut_to(path: Path, n_lines: int) -> None:
    """Leave the first ``n_lines`` lines of ``path`` and half of the next one (a crash mid-write)."""
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:n_lines]) + lines[n_lines][: len(lines[n_lines]) // 2])


# ---------------------------------------------------------------------------------------------------
# --resume checks what the output was made from
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def half_done(tmp_path: Path) -> tuple[Path, Path]:
    """An input and an output that a run with ``--lang en`` left half written."""
    src = write_jsonl(tmp_path / "in.jsonl", DOCS)
    out = tmp_path / "out.jsonl"
    p = cleaner("clean", src, "-o", out, "--lang", "en", "-j", "1", "-q")
    assert p.returncode == 0, p.stderr
    cut_to(out, 3)
    return src, out


def test_a_run_writes_a_manifest_next_to_its_output(half_done: tuple[Path, Path]) -> None:
    src, out = half_done
    man = json.loads(out.with_name("out.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert man["options"]["lang"] == "en" and man["options"]["metadata"] is True
    assert [i["path"] for i in man["inputs"]] == [str(src.resolve())] and man["inputs"][0]["size"] == src.stat().st_size
    assert man["cleaner"] and man["rules"]


def test_resume_with_the_same_inputs_and_options_continues(half_done: tuple[Path, Path], tmp_path: Path) -> None:
    src, out = half_done
    p = cleaner("clean", src, "-o", out, "--lang", "en", "-j", "1", "-q", "--resume")
    assert p.returncode == 0, p.stderr
    whole = tmp_path / "whole.jsonl"
    assert cleaner("clean", src, "-o", whole, "--lang", "en", "-j", "1", "-q").returncode == 0
    assert out.read_bytes() == whole.read_bytes()


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--lang", "en", "--no-metadata"], "--no-metadata"),
        (["--lang", "de"], "--lang"),
        ([], "--lang"),
        (["--lang", "en", "--input", "article"], "--input"),
        (["--lang", "en", "--max-bytes", "100k"], "--max-bytes"),
    ],
)
def test_resume_with_other_options_is_refused(half_done: tuple[Path, Path], extra: list[str], named: str) -> None:
    src, out = half_done
    before = out.read_bytes()
    p = cleaner("clean", src, "-o", out, "-j", "1", "-q", "--resume", *extra)
    assert p.returncode == 2, p.stderr
    assert b"cannot resume" in p.stderr and named.encode() in p.stderr
    assert out.read_bytes() == before  # not even the torn line was touched


def test_resume_with_extra_rules_is_refused(half_done: tuple[Path, Path], tmp_path: Path) -> None:
    src, out = half_done
    rules = tmp_path / "mine.toml"
    rules.write_text('lang = "en"\n', encoding="utf-8")
    p = cleaner("clean", src, "-o", out, "--lang", "en", "-j", "1", "-q", "--resume", "--rules", rules)
    assert p.returncode == 2 and b"mine.toml" in p.stderr and b"rule" in p.stderr


def test_resume_with_a_changed_rule_file_is_refused(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", DOCS)
    rules = tmp_path / "mine.toml"
    rules.write_text('lang = "en"\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cleaner("clean", src, "-o", out, "-q", "-j", "1", "--rules", rules).returncode == 0
    cut_to(out, 2)
    rules.write_text('lang = "en"\n# edited\n', encoding="utf-8")
    p = cleaner("clean", src, "-o", out, "-q", "-j", "1", "--rules", rules, "--resume")
    assert p.returncode == 2 and b"mine.toml" in p.stderr and b"changed" in p.stderr


def test_resume_with_another_input_of_the_same_size_is_refused(half_done: tuple[Path, Path]) -> None:
    src, out = half_done
    data = src.read_bytes()
    src.write_bytes(data.replace(b"number 5", b"number 7"))  # same length, other content
    assert len(src.read_bytes()) == len(data)
    p = cleaner("clean", src, "-o", out, "--lang", "en", "-j", "1", "-q", "--resume")
    assert p.returncode == 2 and b"in.jsonl" in p.stderr and b"content" in p.stderr


def test_resume_with_another_input_file_is_refused(half_done: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = half_done
    other = write_jsonl(tmp_path / "other.jsonl", DOCS[::-1])
    p = cleaner("clean", other, "-o", out, "--lang", "en", "-j", "1", "-q", "--resume")
    assert p.returncode == 2 and b"other.jsonl" in p.stderr


def test_resume_of_an_output_without_a_manifest_needs_a_flag(half_done: tuple[Path, Path], tmp_path: Path) -> None:
    src, out = half_done
    out.with_name("out.jsonl.manifest.json").unlink()
    p = cleaner("clean", src, "-o", out, "--lang", "en", "-j", "1", "-q", "--resume")
    assert p.returncode == 2 and b"no manifest" in p.stderr and b"--resume-unchecked" in p.stderr
    p = cleaner("clean", src, "-o", out, "--lang", "en", "-j", "1", "-q", "--resume-unchecked")
    assert p.returncode == 0, p.stderr
    whole = tmp_path / "whole.jsonl"
    assert cleaner("clean", src, "-o", whole, "--lang", "en", "-j", "1", "-q").returncode == 0
    assert out.read_bytes() == whole.read_bytes()
    assert out.with_name("out.jsonl.manifest.json").exists()  # the next resume is checked


def test_resume_gzip_output_with_other_options_is_refused(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", DOCS)
    out = tmp_path / "out.jsonl.gz"
    assert cleaner("clean", src, "-o", out, "-q", "-j", "1").returncode == 0
    assert (tmp_path / "out.jsonl.gz.manifest.json").exists()
    p = cleaner("clean", src, "-o", out, "-q", "-j", "1", "--resume", "--no-metadata")
    assert p.returncode == 2 and b"--no-metadata" in p.stderr


# ---------------------------------------------------------------------------------------------------
# large HTML
# ---------------------------------------------------------------------------------------------------

PAGE = ("<html><body><article><h1>Budget</h1>"
        "<p>The city council approved the annual budget on Tuesday after a long debate about schools.</p>"
        "<!-- {pad} --></article></body></html>")


def big_page(chars: int) -> str:
    return PAGE.replace("{pad}", "x" * (chars - len(PAGE) + len("{pad}")))


def test_explain_a_page_over_the_limit_is_one_line_and_exit_2(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_text(big_page(3000), encoding="utf-8")
    p = cleaner("explain", page, "--max-html-chars", "1000")
    assert p.returncode == 2, p.stderr
    assert b"Traceback" not in p.stderr and len(p.stderr.decode().strip().splitlines()) == 1
    assert b"--max-html-chars" in p.stderr
    p = cleaner("explain", page, "--max-html-chars", "10000", "--no-color")
    assert p.returncode == 0 and b"approved the annual budget" in p.stdout


def test_explain_default_limit_gives_no_traceback(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    page.write_text(big_page(5_000_100), encoding="utf-8")
    p = cleaner("explain", page)
    assert p.returncode == 2 and b"Traceback" not in p.stderr and b"--max-html-chars" in p.stderr


def test_clean_max_html_chars_flag_and_message(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "pages.jsonl", [{"id": "p", "html": big_page(3000)}])
    out = tmp_path / "out.jsonl"
    p = cleaner("clean", src, "--html-field", "html", "-o", out, "--max-html-chars", "1000", "-q")
    assert p.returncode == 1
    err = json.loads(out.read_text(encoding="utf-8"))["cleaner"]["error"]
    assert "--max-html-chars" in err and "3,000" in err
    p = cleaner("clean", src, "--html-field", "html", "-o", out, "--max-html-chars", "10000", "-q")
    assert p.returncode == 0 and "approved the annual budget" in json.loads(out.read_text(encoding="utf-8"))["text"]


def test_readme_says_what_clean_raises() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "ValueError" in readme and "max_html_chars" in readme and "--max-html-chars" in readme


# ---------------------------------------------------------------------------------------------------
# everyday use: output names, fields, rule kinds, pipes
# ---------------------------------------------------------------------------------------------------


def test_an_output_with_no_extension_is_refused(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", DOCS)
    p = cleaner("clean", src, "-o", "out", "-q", cwd=tmp_path)
    assert p.returncode == 2 and b"out.jsonl" in p.stderr and b"out/" in p.stderr
    assert not (tmp_path / "out").exists()
    assert cleaner("clean", src, "-o", "out/", "-q", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out").is_dir()


def test_html_field_does_not_silently_overwrite_the_text_field(tmp_path: Path) -> None:
    rec = {"id": "p", "text": "the original text, kept by the scraper", "html": big_page(600)}
    src = write_jsonl(tmp_path / "pages.jsonl", [rec])
    out = tmp_path / "out.jsonl"
    p = cleaner("clean", src, "--html-field", "html", "-o", out, "-q")
    assert p.returncode == 1  # an error record in its place, and the batch goes on
    err = json.loads(out.read_text(encoding="utf-8"))
    assert err["id"] == "p" and "'text'" in err["cleaner"]["error"] and "--overwrite-text-field" in err["cleaner"]["error"]
    p = cleaner("clean", src, "--html-field", "html", "--text-field", "clean", "-o", out, "-q")
    assert p.returncode == 0
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["text"] == rec["text"] and "approved the annual budget" in got["clean"]
    p = cleaner("clean", src, "--html-field", "html", "--overwrite-text-field", "-o", out, "-q")
    assert p.returncode == 0
    assert "approved the annual budget" in json.loads(out.read_text(encoding="utf-8"))["text"]


def test_rules_list_unknown_kind_is_refused() -> None:
    p = cleaner("rules", "list", "--kind", "ui_chrom")
    assert p.returncode == 2 and b"ui_chrome" in p.stderr and b"unknown kind" in p.stderr
    assert p.stdout == b""
    p = cleaner("rules", "list", "--kind", "ui_chrome")
    assert p.returncode == 0 and b"ui_chrome" in p.stdout


def test_rules_list_lang_without_rules_says_so() -> None:
    p = cleaner("rules", "list", "--lang", "zz")
    assert p.returncode == 0 and b"no rule is specific to 'zz'" in p.stderr


@pytest.mark.parametrize(
    "args",
    [["rules", "show", "login-link"], ["rules", "show", "heuristic.related.truncated"], ["rules", "list"],
     ["--help"], ["clean", "--help"]],
)
def test_output_into_a_closed_pipe_exits_quietly(args: list[str]) -> None:
    """``cleaner ... | head``: the reader is gone before we write; no traceback, no 'Exception ignored'."""
    proc = subprocess.Popen([*CLEANER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # as `head` does when it has enough
    err = proc.stderr.read()
    proc.wait(timeout=300)
    assert b"Traceback" not in err and b"BrokenPipe" not in err and b"Exception ignored" not in err, err.decode()
    assert proc.returncode in (0, 1, 141)


def test_the_cli_default_html_limit_is_the_library_default() -> None:
    from cleaner import cli, pipeline

    assert cli.DEFAULT_MAX_HTML_CHARS == pipeline.DEFAULT_MAX_HTML_CHARS


def test_resume_with_an_input_given_twice_is_refused(half_done: tuple[Path, Path]) -> None:
    src, out = half_done
    p = cleaner("clean", src, src, "-o", out, "--lang", "en", "-j", "1", "-q", "--resume")
    assert p.returncode == 2 and b"inputs:" in p.stderr
