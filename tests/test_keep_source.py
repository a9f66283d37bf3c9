"""--keep-source: a JSONL result of HTML mode carries the text its offsets index, so it can be replayed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cleaner import replay
from cleaner.dask import clean_records

BODY = "".join(f"<p>The council approved the budget on day {i} after a long and heated debate.</p>" for i in range(4))
PAGE = f"<html><head><title>Budget</title></head><body><nav>Home | News</nav><article>{BODY}</article></body></html>"


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cleaner.cli", *args], capture_output=True, timeout=120)


def test_html_results_replay_with_keep_source(tmp_path: Path) -> None:
    src = tmp_path / "pages.jsonl"
    src.write_text(json.dumps({"id": 1, "html": PAGE}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _run("clean", str(src), "--html-field", "html", "--keep-source", "-o", str(out), "-q").returncode == 0
    rec = json.loads(out.read_text(encoding="utf-8"))
    meta = rec["cleaner"]
    assert meta["source"] != PAGE and "council approved" in meta["source"]  # the extracted text, not the page
    from cleaner.result import Removal

    removed = [Removal(**r) for r in meta["removed"]]
    assert replay(meta["source"], removed) == rec["text"]


def test_without_the_flag_there_is_no_source(tmp_path: Path) -> None:
    src = tmp_path / "pages.jsonl"
    src.write_text(json.dumps({"id": 1, "html": PAGE}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _run("clean", str(src), "--html-field", "html", "-o", str(out), "-q").returncode == 0
    assert "source" not in json.loads(out.read_text(encoding="utf-8"))["cleaner"]


def test_dask_step_keeps_the_source_too() -> None:
    rec = clean_records([{"id": 1, "text": "Login\nThe mayor opened the bridge on Monday morning."}], keep_source=True)[0]
    assert rec["cleaner"]["source"] == "Login\nThe mayor opened the bridge on Monday morning."
