"""Site memory on the command line: learn, clean --memory, clean --learn, memory show, explain, rules show."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from cleaner.cli import main
from tests.test_memory import MENU, NEWSLETTER, SITE, dump, page, story


def records(n: int, start: int = 0) -> list[dict]:
    out = [{"id": f"a{i}", "url": f"https://www.{SITE}/2025/{i}", "text": page(i)} for i in range(start, start + n)]
    out += [{"id": f"b{i}", "url": f"https://other.example/{i}", "text": "\n".join(story(i + 500))}
            for i in range(start, start + 2)]
    return out


def write(path: Path, recs: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return str(path)


@pytest.fixture
def crawl(tmp_path: Path) -> tuple[str, str]:
    recs = records(8)
    random.Random(3).shuffle(recs)
    return write(tmp_path / "a.jsonl", recs[:5]), write(tmp_path / "b.jsonl", recs[5:])


def run(argv: list[str]) -> int:
    return main(argv)


def test_learn_then_clean_cuts_the_site_lines_with_evidence(tmp_path, crawl, capsys) -> None:
    db = str(tmp_path / "site.db")
    assert run(["learn", *crawl, "--memory", db, "--jobs", "1"]) == 0
    assert "learned 10 documents" in capsys.readouterr().err
    out = tmp_path / "out.jsonl"
    assert run(["clean", *crawl, "--memory", db, "-o", str(out), "--quiet", "--jobs", "1"]) == 0
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    site = [r for r in recs if r["id"].startswith("a")]
    assert all(NEWSLETTER not in r["text"] for r in site)
    for r in site:
        ev = r["cleaner"]["evidence"]
        assert ev and all(r["cleaner"]["removed"][e["cut"]]["rule"] == "site.repeated-line" for e in ev)
        assert all(e["of"] == 8 and 3 <= e["articles"] <= 8 for e in ev)
    others = [r for r in recs if r["id"].startswith("b")]
    assert all("evidence" not in r["cleaner"] for r in others)


def test_output_is_the_same_for_any_jobs_order_and_learn_mode(tmp_path, crawl) -> None:
    a, b = crawl
    db1, db2 = str(tmp_path / "1.db"), str(tmp_path / "2.db")
    assert run(["learn", a, b, "--memory", db1, "--jobs", "1", "-q"]) == 0
    assert run(["learn", b, "--memory", db2, "--jobs", "2", "-q"]) == 0  # in two runs, the other order
    assert run(["learn", a, "--memory", db2, "--jobs", "2", "-q"]) == 0
    assert dump(db1) == dump(db2)
    outs = []
    for jobs, db in (("1", db1), ("2", db2)):
        out = tmp_path / f"out{jobs}.jsonl"
        assert run(["clean", a, b, "--memory", db, "-o", str(out), "-q", "--jobs", jobs, "--block-bytes", "2000"]) == 0
        outs.append(out.read_bytes())
    out = tmp_path / "learned.jsonl"
    assert run(["clean", a, b, "--learn", "-o", str(out), "-q", "--jobs", "2"]) == 0  # a temporary memory
    assert outs[0] == outs[1] == out.read_bytes()


def test_learn_on_stdin_is_refused(capsys, monkeypatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"text": "x"}\n')))
    assert run(["clean", "--learn", "-q"]) == 2
    assert "stdin cannot be read twice" in capsys.readouterr().err
    assert run(["clean", "-", "--learn", "--memory", "m.db"]) == 2


def test_a_bad_memory_file_is_a_clear_error(tmp_path, crawl, capsys) -> None:
    assert run(["clean", crawl[0], "--memory", str(tmp_path / "none.db"), "-o", "-", "-q"]) == 2
    assert "no site memory" in capsys.readouterr().err
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"x" * 5000)
    assert run(["clean", crawl[0], "--memory", str(junk), "-o", "-", "-q"]) == 2
    assert "not a site memory" in capsys.readouterr().err


def test_memory_show_sites_explain_and_rules_show(tmp_path, crawl, capsys) -> None:
    db = str(tmp_path / "site.db")
    assert run(["learn", *crawl, "--memory", db, "-q", "--jobs", "1"]) == 0
    capsys.readouterr()
    assert run(["memory", "show", f"www.{SITE}", "--memory", db]) == 0
    out = capsys.readouterr().out
    assert f"{SITE}: 8 stories" in out and "*    8/8" in out and "contact the newsroom" in out
    assert run(["memory", "sites", "--memory", db]) == 0
    assert SITE in capsys.readouterr().out
    assert run(["memory", "show", "nowhere.example", "--memory", db]) == 2
    doc = tmp_path / "p.txt"
    doc.write_text(page(77), encoding="utf-8")
    assert run(["explain", str(doc), "--memory", db, "--site", SITE, "--no-color"]) == 0
    out = capsys.readouterr().out
    assert "{site_boilerplate site.repeated-line}" in out and "stories of the site]" in out
    assert run(["rules", "show", "site.repeated-line"]) == 0
    assert "site_boilerplate" in capsys.readouterr().out
    assert run(["rules", "list", "--kind", "site_boilerplate"]) == 0
    assert "site.repeated-line" in capsys.readouterr().out


def test_site_field_names_the_site(tmp_path, capsys) -> None:
    recs = [{"id": i, "source": "Courier", "text": page(i)} for i in range(6)]
    src = write(tmp_path / "in.jsonl", recs)
    db = str(tmp_path / "m.db")
    assert run(["learn", src, "--memory", db, "--site-field", "source", "-q", "--jobs", "1"]) == 0
    assert run(["clean", src, "--memory", db, "--site-field", "source", "-o", "-", "-q", "--jobs", "1"]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert all(MENU[1] not in r["text"].split("\n") for r in out)
