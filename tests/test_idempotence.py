"""Cleaning is idempotent given what the first cleaning found: ``clean(r.text, title=r.title)`` is ``r.text``.

The dev sets check it on every page in every mode (``make quality``, column "changed again"); these are
the kinds of document that once changed on a second cleaning, kept as regression tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner

BODY = (
    "The council approved the budget on Tuesday after a debate that lasted most of the day, officials said.\n"
    "The vote ends a year of talks between the city and the unions over pay and pensions for its staff."
)
HTML = (
    "<html><head><title>Council approves budget | The Example Times</title></head><body><article>"
    "<h1>Council approves budget</h1><p>A year of talks ends with a vote</p>"
    + "".join(f"<p>{p}</p>" for p in BODY.split("\n"))
    + "</article></body></html>"
)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.mark.rule_id("heuristic.title.known")
def test_a_known_title_cuts_only_the_line_that_carries_it(cleaner: Cleaner) -> None:
    r = cleaner.clean("Council approves budget\n" + BODY, title="Council approves budget | The Example Times")
    assert r.title == "Council approves budget"
    assert [x.rule for x in r.removed] == ["heuristic.title.known"]
    # a headline-shaped first line that is not the known title stays: it is the article's own line
    r = cleaner.clean("A year of talks ends with a vote\n" + BODY, title="Council approves budget")
    assert r.removed == ()
    assert r.title == "Council approves budget"


@pytest.mark.rule_id("heuristic.title")
def test_without_a_title_a_headline_shaped_first_line_is_taken_as_the_headline(cleaner: Cleaner) -> None:
    r = cleaner.clean("A year of talks ends with a vote\n" + BODY)
    assert r.title == "A year of talks ends with a vote"


def test_html_output_cleaned_again_with_its_title_is_unchanged(cleaner: Cleaner) -> None:
    """The standfirst under a page's headline is headline-shaped: with the title known it stays, and it
    must stay on a second cleaning too."""
    r = cleaner.clean(HTML, html=True)
    assert r.text.startswith("A year of talks ends with a vote")
    assert cleaner.clean(r.text, title=r.title, html=False).text == r.text


def test_a_given_title_replaces_the_pages_own(cleaner: Cleaner) -> None:
    r = cleaner.clean(HTML, html=True, title="A year of talks ends with a vote")
    assert r.title == "A year of talks ends with a vote"
    assert [x.text for x in r.removed] == ["A year of talks ends with a vote"]
    assert r.text.startswith("Council approves budget\nThe council approved")


@pytest.mark.rule_id("counter-line")
def test_a_rule_over_its_limit_decides_the_same_on_its_survivors(cleaner: Cleaner) -> None:
    """counter-line (max_per_doc 3) keeps a column of numbers; when other stages cut some of them the
    survivors are what a second cleaning sees, so the first cleaning settles them the same way."""
    scores = "\n".join(f"Player {i}\n{9 - i}.{i}" for i in range(6))
    once = cleaner.clean("The season's ratings, as the league published them on Sunday night after the final.\n" + scores)
    assert cleaner.clean(once.text, title=once.title).text == once.text
    assert "9.0" in once.text.split("\n")


@pytest.mark.rule_id("heuristic.title.known")
def test_a_lead_sentence_that_retells_the_title_is_not_the_title(cleaner: Cleaner) -> None:
    """Once the headline is cut, the lead often retells it as a sentence; with the title known, a second
    cleaning must not take the lead for the headline."""
    title = "Actor eliminated from dance show after family news"
    text = "Actor eliminated from dance show after family news\nActor has been eliminated from dance show after family news.\n" + BODY
    once = cleaner.clean(text, title=title)
    assert once.text.startswith("Actor has been eliminated")
    assert cleaner.clean(once.text, title=once.title).text == once.text


def test_title_field_in_the_cli_and_the_dask_step(tmp_path) -> None:
    """``--title-field`` hands each record's known headline to the cleaner, as ``title=`` does: the
    standfirst under it stays; without it, it is taken as the headline."""
    import json
    import subprocess
    import sys

    from cleaner.dask import clean_records

    text = "A year of talks ends with a vote\n" + BODY
    rec = {"id": 1, "headline": "Council approves budget", "text": text}
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    for extra, first in (([], "The council approved"), (["--title-field", "headline"], "A year of talks")):
        out = tmp_path / "out.jsonl"
        r = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(src), "-o", str(out), "--quiet", *extra],
                           capture_output=True, timeout=120)
        assert r.returncode == 0, r.stderr
        got = json.loads(out.read_text(encoding="utf-8"))
        assert got["text"].startswith(first)
        assert got["headline"] == rec["headline"]
    assert clean_records([dict(rec)], title_field="headline")[0]["text"].startswith("A year of talks")


@pytest.mark.rule_id("heuristic.title.known")
def test_a_headline_repeated_under_the_byline_goes_on_the_first_cleaning(cleaner: Cleaner) -> None:
    """A page header (headline, byline) over the headline again: the header stage takes the first copy,
    and the second copy, at the top of what is left, must go on the first cleaning, not the second."""
    text = ("Kyle Howells\nBlog\nPorting a Parser to Swift\nBy Kyle Howells\nPorting a Parser to Swift\n" + BODY + "\n" + BODY)
    once = cleaner.clean(text)
    assert cleaner.clean(once.text, title=once.title).text == once.text


FIXTURES = sorted(
    p for p in (Path(__file__).parent / "fixtures").rglob("*.txt") if not p.name.endswith(".expected.txt")
)


@pytest.mark.parametrize("given", [None, "extract", "page"])
@pytest.mark.parametrize("path", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_every_fixture_is_a_fixed_point_given_its_title(cleaner: Cleaner, path: Path, given: str | None) -> None:
    """Every page of our own (full pages, pages cleaner once damaged, other scripts), cleaned as it comes,
    as an extract and as a page: cleaning the output again with the same options and its title changes
    nothing. (A full page said to be an extract keeps its menus; cleaned again without saying so, it is
    found to be a page and loses them: the caller's options are part of the contract.)"""
    once = cleaner.clean(path.read_text(encoding="utf-8"), html=False, input=given)
    assert cleaner.clean(once.text, title=once.title, html=False, input=given).text == once.text


@pytest.mark.rule_id("symbol-only-line")
def test_rules_judge_a_line_as_the_output_shows_it(cleaner: Cleaner) -> None:
    """A line with runs of spaces is matched folded, as the output shows it: a box drawing of 43
    characters (39 once folded, under symbol-only-line's 40) goes the first time, not on a second
    cleaning; and a partial cut on such a line lands on the line's own offsets (replay gives the text)."""
    from cleaner import replay

    box = "┌─────────────────┐     ┌─────────────────┐"
    after = "Work on the new bridge starts in the spring, and the mayor expects it to open within two years."
    once = cleaner.clean(BODY + "\n" + box + "\n" + after, input="extract")
    assert [x.rule for x in once.removed] == ["symbol-only-line"]
    assert "┌" not in once.text
    assert cleaner.clean(once.text, title=once.title, input="extract").text == once.text
    src = " date  2025-05-09   Washington, May 9 (IANS)  The council approved the budget on Tuesday after a long debate.\n" + BODY
    r = cleaner.clean(src)
    assert r.text.startswith("Washington, May 9 (IANS) The council approved")
    assert replay(r.source, r.removed) == r.text
    assert r.date == "2025-05-09"
