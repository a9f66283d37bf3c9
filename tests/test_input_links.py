"""Symbolic links in an input folder: followed only to files inside it; the others, and broken ones,
get an error record in their place (nothing vanishes, nothing outside the crawl is read)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TEXT = "Share\nThe council approved the budget on Tuesday after a long debate.\n"


def _clean(folder: Path, out: Path) -> tuple[int, list[dict]]:
    p = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(folder), "-o", str(out), "-q"],
                       capture_output=True, timeout=120)
    return p.returncode, [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]


def test_links_inside_are_followed_outside_and_broken_are_error_records(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    crawl = tmp_path / "crawl"
    (crawl / "sub").mkdir(parents=True)
    (crawl / "a.txt").write_text(TEXT, encoding="utf-8")
    (crawl / "sub" / "b.txt").symlink_to(crawl / "a.txt")  # inside the folder: read
    (crawl / "c.txt").symlink_to(outside)  # outside: not followed
    (crawl / "d.txt").symlink_to(tmp_path / "gone.txt")  # broken
    code, recs = _clean(crawl, tmp_path / "out.jsonl")
    by_id = {r["id"]: r for r in recs}
    assert sorted(by_id) == ["a.txt", "c.txt", "d.txt", "sub/b.txt"]  # one record each, none vanished
    assert by_id["a.txt"]["text"] == by_id["sub/b.txt"]["text"] == TEXT.splitlines()[1]
    assert "outside the input folder" in by_id["c.txt"]["cleaner"]["error"]
    assert "root:x" not in json.dumps(recs)
    assert "broken symbolic link" in by_id["d.txt"]["cleaner"]["error"]
    assert code == 1  # some records had errors
