"""``cleaner report``: the aggregation (counts, a bounded and deterministic sample, damaged input) and the page
itself, opened in headless Chromium: the rules table sorts and its counts are the JSONL's, a rule's view
describes it, and a document view highlights exactly the text each cut removed, without running any script
the data holds.

The browser tests need Chromium, its driver and selenium (``.ci/run`` installs the Debian packages
``chromium`` and ``chromium-driver``; selenium is in the ``test`` extra); they are skipped, saying so, only
where no browser can be had.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from cleaner import Cleaner, batch, cli
from cleaner.report import Aggregator, build_report, embed_json, render_html

ROOT = Path(__file__).resolve().parent.parent
PROSE = ("The council approved the new budget on Tuesday after a debate that lasted most of the day, and "
         "officials said the spending plan would not raise local taxes this year.")
XSS = ("Login\n<script>window.__pwned = 1</script>\n</script><img src=x onerror=\"window.__pwned = 2\">\n"
       + PROSE + "\n" + PROSE.replace("Tuesday", "Monday") + "\nShare this article")


# ---------------------------------------------------------------------------------------------------
# A small batch as `cleaner clean --keep-source` writes it, with the damage a real one may hold
# ---------------------------------------------------------------------------------------------------


def _out_line(job: batch.Job, rec: dict[str, Any], n: int) -> bytes:
    out = job.line(orjson.dumps(rec), f"line {n}", batch.Stats())
    assert isinstance(out, bytes)
    return out


@pytest.fixture(scope="module")
def batch_file(tmp_path_factory: pytest.TempPathFactory, cleaner: Cleaner) -> Path:
    """The seeds, a document holding markup, one cleaned without --keep-source, an error record, and two
    lines that are no record."""
    keep = batch.Job(cleaner, batch.Options(keep_source=True))
    plain = batch.Job(cleaner, batch.Options(keep_source=False))
    lines = [_out_line(keep, {"id": p.name, "text": p.read_text(encoding="utf-8")}, i)
             for i, p in enumerate(sorted((ROOT / "seeds").glob("*.txt")), 1)]
    lines.append(_out_line(keep, {"id": "xss", "text": XSS}, 6))
    lines.append(_out_line(plain, {"id": "no-source", "text": "Login\n" + PROSE + "\nShare this article"}, 7))
    lines.append(_out_line(keep, {"id": "broken", "text": 5}, 8))
    lines += [b"this line is not JSON\n", b"[1, 2]\n", b"\n"]
    path = tmp_path_factory.mktemp("report") / "clean.jsonl"
    path.write_bytes(b"".join(lines))
    return path


def _records(path: Path) -> list[dict[str, Any]]:
    out = []
    for line in path.read_bytes().splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if isinstance(rec, dict):
            out.append(rec)
    return out


def _expected_rules(path: Path) -> dict[str, dict[str, int]]:
    """Cuts, documents and characters per rule, computed straight from the JSONL."""
    cuts: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for rec in _records(path):
        meta = rec.get("cleaner") or {}
        if meta.get("error"):
            continue
        for r in meta["removed"]:
            cuts[r["rule"]] += 1
            chars[r["rule"]] += r["end"] - r["start"]
        for rid in {r["rule"] for r in meta["removed"]}:
            docs[rid] += 1
    return {rid: {"cuts": cuts[rid], "docs": docs[rid], "chars": chars[rid]} for rid in cuts}


def _data(path: Path, **kw: Any) -> dict[str, Any]:
    return build_report(str(path), **kw).data


# ---------------------------------------------------------------------------------------------------
# Aggregation
# ---------------------------------------------------------------------------------------------------


def test_counts_are_those_of_the_jsonl(batch_file: Path) -> None:
    data = _data(batch_file)
    t = data["totals"]
    assert (t["records"], t["documents"], t["errors"], t["bad_lines"]) == (10, 7, 1, 2)
    assert t["with_source"] == 6
    got = {r["id"]: {k: r[k] for k in ("cuts", "docs", "chars")} for r in data["rules"]}
    assert got == _expected_rules(batch_file)
    assert "login-link" in got and t["cuts"] == sum(v["cuts"] for v in got.values())
    assert sum(data["hist"]) == t["documents"]
    assert data["registry"]["login-link"]["type"] == "rule" and data["registry"]["heuristic.title"]["type"] == "heuristic"
    assert {r["id"] for r in data["rules"]} == set(data["registry"])  # every id that fired is described
    assert [e["id"] for e in data["errors"]] == ["broken"]
    assert [b["where"] for b in data["bad"]] == ["line 9", "line 10"]


def test_a_record_without_source_still_shows_its_text_and_cuts(batch_file: Path) -> None:
    doc = next(d for d in _data(batch_file)["docs"] if d["id"] == "no-source")
    rec = next(r for r in _records(batch_file) if r.get("id") == "no-source")
    assert doc["has_source"] is False and doc["segments"] is None
    assert doc["text"] == rec["text"]
    assert [c[4] for c in doc["cuts"]] == [r["text"] for r in rec["cleaner"]["removed"]]
    assert doc["chars"] == len(rec["text"]) + sum(r["end"] - r["start"] for r in rec["cleaner"]["removed"])


def test_segments_rebuild_the_source(batch_file: Path) -> None:
    for doc in _data(batch_file)["docs"]:
        if doc["segments"] is None:
            continue
        rec = next(r for r in _records(batch_file) if r.get("id") == doc["id"])
        text = "".join(s if isinstance(s, str) else doc["cuts"][s][4] for s in doc["segments"])
        assert text == rec["cleaner"]["source"]


def test_gzip_input_and_a_gzip_cut_short(batch_file: Path, tmp_path: Path) -> None:
    gz = tmp_path / "clean.jsonl.gz"
    gz.write_bytes(gzip.compress(batch_file.read_bytes(), mtime=0))
    plain, zipped = _data(batch_file), _data(gz)
    plain.pop("meta"), zipped.pop("meta")
    assert plain == zipped
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gz.read_bytes()[: len(gz.read_bytes()) * 2 // 3])
    data = _data(cut)
    assert data["totals"]["bad_lines"] >= 1 and any("truncated gzip" in b["problem"] for b in data["bad"])
    assert 0 < data["totals"]["documents"] < 7


def _synthetic(n: int, seed: int = 7, rules: int = 4) -> Iterator[bytes]:
    """Cleaned records of made-up documents: ``n`` of them, shares removed drawn with many ties."""
    rnd = random.Random(seed)
    for i in range(n):
        size = 100
        cut = rnd.choice([0, 10, 10, 20, 50, 50, 90])
        source = "x" * size
        removed = [{"kind": "navigation", "rule": f"rule-{i % rules}", "start": 0, "end": cut, "text": "x" * cut}] if cut else []
        warnings = ["safety: the cuts took 90% of the document's prose"] if cut == 90 else []
        yield orjson.dumps({"id": i, "text": "x" * (size - cut), "cleaner": {
            "title": None, "language": rnd.choice(["en", "de"]), "input": "page", "removed": removed,
            "warnings": warnings, "error": None, "source": source}})


def _aggregate_lines(lines: Iterator[bytes], **kw: Any) -> dict[str, Any]:
    agg = Aggregator(**kw)
    for n, line in enumerate(lines, 1):
        agg.add_line(line, n)
    return agg.finish()


def test_the_sample_is_the_top_by_share_then_the_earlier_record() -> None:
    data = _aggregate_lines(_synthetic(3000), top=25, per_rule=2, first=3, per_warning=4)
    shares = [orjson.loads(x)["cleaner"]["removed"] for x in _synthetic(3000)]
    share = [(r[0]["end"] / 100 if r else 0.0) for r in shares]
    expected = sorted(range(1, 3001), key=lambda n: (-share[n - 1], n))[:25]
    got = [d["n"] for d in sorted((d for d in data["docs"] if d["top"]), key=lambda d: d["top"])]
    assert got == expected
    for r in data["rules"]:  # the first documents each rule cut, in record order
        firsts = [n for n in range(1, 3001) if shares[n - 1] and shares[n - 1][0]["rule"] == r["id"]][:2]
        assert r["sampled"] == firsts
    assert [d["n"] for d in data["docs"]][:3] == [1, 2, 3]
    assert data["docs"] == sorted(data["docs"], key=lambda d: d["n"])


def test_same_input_same_bytes(batch_file: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    for out in (a, b):
        assert cli.main(["report", str(batch_file), "-o", str(out), "-q"]) == 0
    assert a.read_bytes() == b.read_bytes()
    lines = list(_synthetic(500))
    assert render_html(_aggregate_lines(iter(lines), top=10)) == render_html(_aggregate_lines(iter(lines), top=10))


def test_the_documents_kept_are_capped_however_many_records_go_in() -> None:
    kw = {"top": 10, "per_rule": 2, "per_warning": 3, "first": 5}
    cap = 10 + 2 * 4 + 3 * 1 + 5  # top + per_rule x 4 rules + per_warning x 1 class + first

    def peak(n: int) -> tuple[int, int]:
        tracemalloc.start()
        try:
            data = _aggregate_lines(_synthetic(n), **kw)
            return len(data["docs"]), tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small_docs, small_peak = peak(2_000)
    big_docs, big_peak = peak(20_000)
    assert small_docs <= cap and big_docs <= cap
    assert big_peak < small_peak * 2  # ten times the records, not ten times the memory


def test_made_up_rule_ids_cannot_grow_the_report_without_end(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.report as report

    monkeypatch.setattr(report, "MAX_KEYS", 20)
    data = _aggregate_lines(_synthetic(500, rules=200), top=5, per_rule=1)
    ids = [r["id"] for r in data["rules"]]
    assert len(ids) == 21 and "(other)" in ids
    assert sum(r["cuts"] for r in data["rules"]) == data["totals"]["cuts"]


def test_embedded_json_cannot_close_the_script() -> None:
    data = {"t": "</script><script>alert(1)</script><!--<script>", "u": "\u2028"}
    raw = embed_json(data)
    assert b"<" not in raw and json.loads(raw) == data
    page = render_html(_aggregate_lines(iter([orjson.dumps({"id": "</script>", "text": "a", "cleaner": {
        "removed": [], "warnings": [], "error": None}})])))
    assert page.count(b"</script>") == 2  # the data's and the code's own ends, nothing from the data


def test_the_cli_takes_the_fields_from_the_manifest(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"key": "k1", "body": "Login\n" + PROSE}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(src), "--text-field", "body", "--id-field", "key", "--keep-source", "-j", "1",
                     "-q", "-o", str(out)]) == 0
    assert cli.main(["report", str(out), "-q"]) == 0
    page = (tmp_path / "out.report.html").read_bytes()
    data = json.loads(page.split(b'id="data">', 1)[1].split(b"</script>", 1)[0])
    assert data["meta"]["text_field"] == "body" and data["docs"][0]["id"] == "k1"
    assert data["docs"][0]["snippet"].startswith("The council")


def test_cli_errors_and_help(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["report", "--help"])
    assert "--keep-source" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------------
# In a browser
# ---------------------------------------------------------------------------------------------------


def _browser_paths() -> tuple[str, str] | str:
    """(chromium, chromedriver), or why there is no browser."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    chrome = next((p for p in (os.environ.get("CHROME_BIN"), "/usr/lib/chromium/chromium", shutil.which("chromium"),
                               shutil.which("chromium-browser"), shutil.which("google-chrome")) if p and os.path.exists(p)), None)
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if not chrome or not driver:
        return "no Chromium or chromedriver here (apt-get install chromium chromium-driver)"
    return chrome, driver


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    found = _browser_paths()
    if isinstance(found, str):
        pytest.skip(f"browser tests skipped: {found}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = found[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--allow-file-access-from-files"):
        opts.add_argument(arg)
    try:
        driver = webdriver.Chrome(service=Service(executable_path=found[1]), options=opts)
    except Exception as e:  # a browser that does not start is a failure where one is installed
        pytest.fail(f"Chromium is installed but did not start: {e}")
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page(batch_file: Path) -> str:
    out = batch_file.with_name("clean.report.html")
    assert cli.main(["report", str(batch_file), "-o", str(out), "-q"]) == 0
    return out.as_uri()


def _open(browser: Any, url: str) -> None:
    browser.get("about:blank")
    browser.get(url)


def _wait(browser: Any, css: str) -> Any:
    """The element once the page shows it (a click changes the hash; the view is drawn on hashchange)."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, 10).until(lambda b: b.find_element("css selector", css))


def _js(browser: Any, script: str) -> Any:
    return browser.execute_script(script)


def _rows(browser: Any) -> list[dict[str, Any]]:
    return _js(browser, """return [...document.querySelectorAll('#rules-table tbody tr')].map((tr) => {
        const td = tr.querySelectorAll('td');
        const n = (i) => Number(td[i].textContent.replace(/,/g, ''));
        return {id: td[0].textContent, cuts: n(2), docs: n(3), chars: n(4)}; });""")


def test_browser_summary(browser: Any, page: str) -> None:
    _open(browser, page + "#summary")
    assert browser.find_element("id", "t-documents").text == "7"
    assert browser.find_element("id", "t-errors").text == "1"
    assert browser.find_element("id", "t-bad").text == "2"
    assert "sample of" in browser.find_element("id", "sampling").text
    assert "--keep-source" in browser.find_element("id", "source-note").text
    bars = _js(browser, "return [...document.querySelectorAll('#hist rect')].map((r) => Number(r.dataset.count));")
    assert len(bars) == 21 and sum(bars) == 7
    assert browser.find_elements("css selector", "#kinds-chart rect")


def test_browser_rules_table_sorts_and_counts(browser: Any, page: str, batch_file: Path) -> None:
    expected = _expected_rules(batch_file)
    _open(browser, page + "#rules")
    rows = _rows(browser)
    assert {r["id"]: {k: r[k] for k in ("cuts", "docs", "chars")} for r in rows} == expected
    assert [r["chars"] for r in rows] == sorted((r["chars"] for r in rows), reverse=True)
    head = browser.find_element("css selector", "#rules-table th[data-key=cuts]")
    head.click()
    assert head.get_attribute("aria-sort") == "descending"
    assert [r["cuts"] for r in _rows(browser)] == sorted((v["cuts"] for v in expected.values()), reverse=True)
    head.click()
    assert head.get_attribute("aria-sort") == "ascending"
    assert [r["cuts"] for r in _rows(browser)] == sorted(v["cuts"] for v in expected.values())
    browser.find_element("css selector", "#rules-table th[data-key=id]").click()
    assert [r["id"] for r in _rows(browser)] == sorted(expected)


def test_browser_rule_view(browser: Any, page: str, batch_file: Path) -> None:
    from cleaner.ruleset import load_rules

    expected = _expected_rules(batch_file)["login-link"]
    _open(browser, page + "#rules")
    browser.find_element("css selector", "#rules-table a.rule-link[href='#rule/login-link']").click()
    _wait(browser, "#rule-id")
    assert browser.find_element("id", "rule-id").text == "login-link"
    assert browser.find_element("id", "rule-cuts").text == str(expected["cuts"])
    assert browser.find_element("id", "rule-docs").text == str(expected["docs"])
    description = next(r.description for r in load_rules() if r.id == "login-link")
    assert description in browser.find_element("id", "rule-desc").text
    linked = browser.find_elements("css selector", "#rule-doc-list a")
    assert {a.text for a in linked} >= {"xss", "no-source"}


def test_browser_document_view_highlights_each_cut(browser: Any, page: str, batch_file: Path) -> None:
    records = {r.get("id"): r for r in _records(batch_file)}
    _open(browser, page + "#docs")
    for doc_id in ("004_56bf569e7975ecb5.txt", "xss"):
        browser.get(page + "#docs")
        link = next(a for a in browser.find_elements("css selector", "#docs-table a.doc-link") if a.text == doc_id)
        link.click()
        _wait(browser, "#doc-source")
        marks = _js(browser, "return [...document.querySelectorAll('#doc-source mark.cut')].map((m) => "
                    "[Number(m.dataset.i), m.textContent, m.title]);")
        removed = records[doc_id]["cleaner"]["removed"]
        assert len(marks) == len(removed) > 0
        for i, text, title in marks:
            assert text == removed[i]["text"]
            assert title == f"{removed[i]['kind']} · {removed[i]['rule']}"
        shown = _js(browser, "return document.getElementById('doc-source').textContent;")
        assert shown == records[doc_id]["cleaner"]["source"]
    assert _js(browser, "return [typeof window.__pwned, document.querySelectorAll('main img, main script').length];") == [
        "undefined", 0]
    assert "<script>window.__pwned = 1</script>" in browser.find_element("id", "doc-source").text


def test_browser_document_without_source(browser: Any, page: str, batch_file: Path) -> None:
    rec = next(r for r in _records(batch_file) if r.get("id") == "no-source")
    _open(browser, page + "#doc/7")
    assert "--keep-source" in browser.find_element("id", "no-source").text
    assert _js(browser, "return document.getElementById('doc-text').textContent;") == rec["text"]
    cut_texts = [td.text for td in browser.find_elements("css selector", "#doc-cuts td.cut-text")]
    assert cut_texts == [r["text"] for r in rec["cleaner"]["removed"]]


def test_browser_document_list_filters(browser: Any, page: str, batch_file: Path) -> None:
    from selenium.webdriver.support.ui import Select

    by_rule: dict[str, set[str]] = defaultdict(set)
    for rec in _records(batch_file):
        for r in (rec.get("cleaner") or {}).get("removed") or []:
            by_rule[r["rule"]].add(rec["id"])
    _open(browser, page + "#docs")
    ids = lambda: {a.text for a in browser.find_elements("css selector", "#docs-table a.doc-link")}  # noqa: E731
    assert len(ids()) == 7
    Select(browser.find_element("id", "f-rule")).select_by_value("login-link")
    assert ids() == by_rule["login-link"]
    assert "rule=login-link" in browser.current_url
    Select(browser.find_element("id", "f-rule")).select_by_value("")
    box = browser.find_element("id", "f-q")
    box.send_keys("window.__pwned")
    assert ids() == {"xss"}
    box.clear()
    box.send_keys(" ")  # an input event with an empty needle: everything again
    assert len(ids()) == 7
    browser.find_element("css selector", "#docs-table th[data-key=share]").click()  # descending -> ascending
    values = [float(td.text.rstrip("%")) for td in browser.find_elements("css selector", "#docs-table td:nth-child(4)")]
    assert values == sorted(values)


def test_safety_net_warnings_are_told_from_other_safety_warnings() -> None:
    """The report counts the safety net's firings by the wording of the warnings the pipeline writes: tied here
    to the code that writes them, so a change of wording cannot make the count silently zero."""
    from cleaner.document import Doc
    from cleaner.pipeline import _keep_lists, _keep_prose, _keep_teasers, _warn_losses
    from cleaner.report import warning_class

    intro = "Our most popular phones this month, based on what readers bought; updated every hour."
    d = Doc("\n".join(["Best sellers", intro] + [f"Phone case model {i}" for i in range(40)]))
    for ln in d.lines[2:]:
        d.cut_line(ln, "navigation", "heuristic.navigation.label-run")
    _keep_lists(d)
    t = Doc("\n".join(["Latest hotels"] + [f"Hotel {i} opens in Nairobi with 99 rooms and a spa…" for i in range(9)]))
    t.input = "extract"
    for ln in t.lines[1:]:
        t.cut_line(ln, "related", "heuristic.related.truncated")
    _keep_teasers(t)
    prose = " ".join([PROSE] * 3)
    p = Doc("\n".join([prose, prose, "Short line"]))
    for ln in p.lines:
        p.cut_line(ln, "boilerplate", "some-rule")
    _keep_prose(p)
    w = Doc("\n".join([prose, prose, prose, "Short line"]))
    for ln in w.lines[:2]:
        w.cut_line(ln, "boilerplate", "some-rule")
    _warn_losses(w, "x" * 400)
    assert [warning_class(x) for x in (*d.warnings, *t.warnings, *p.warnings)] == ["safety-net"] * 3
    assert [warning_class(x) for x in w.warnings] == ["safety"]
