"""Do no harm: articles of the shapes cleaner is most tempted to damage must come through whole.

Each ``tests/fixtures/harm/KIND-NAME.txt`` is one document written for these tests (no text of any
benchmark or dev set), one *kind* of failure per file: table rows holding the article's data,
hard-wrapped text, a lead cut off from its body by a photo box or a teaser, articles of short lines
(listicles, Q&A, lyrics, code, steps), forum threads, paragraphs repeated on purpose, short Title Case
subheadings and list items that look like menus or related headlines, extractor output with short
lines, and non-news pages (product, documentation, listing, service).

A fixture opens with ``# key: value`` header lines (``kind``, ``input``: ``page`` for a naive full-page
scrape or ``extract`` for extractor output, ``why``: what the failure kind is), a blank line, then the
document, each line behind a two-character marker:

- ``+ `` an article line that must survive cleaning untouched (no cut on it, whole or partial);
- ``- `` residue a good cleaner should cut (menu, footer, share line …): reported, not asserted;
- two spaces: a line not asserted on (a headline that goes to ``title``, a byline, a date line);
- an empty line: a blank line of the document (hard-wrapped text separates paragraphs with them).

Fixtures that cleaner damages today are listed in :data:`KNOWN_DAMAGE` with the stage that cuts them;
they are ``xfail(strict=True)``, so fixing the stage turns the xfail into an error that says to remove
the name from the set.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cleaner import Cleaner, CleanResult

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "harm"
PATHS = sorted(FIXTURES.glob("*.txt"))
KINDS = frozenset(
    {"table-rows", "hard-wrap", "lead-separated", "short-lines", "forum", "repeats", "subheadings", "extract", "non-news"}
)
INPUTS = frozenset({"page", "extract"})
MARKERS = ("+ ", "- ", "  ")

#: fixtures cleaner damages today -> the rule or heuristic ids that cut their article lines. Each is
#: xfail(strict=True): when a change stops the damage the test XPASSes, which fails the run; then take
#: the name out of this dict.
KNOWN_DAMAGE: dict[str, str] = {
    "forum-thread-bikes": "heuristic.page.outside-article: the block is one post (Reply/user/date lines isolate each), "
    "the other posts are cut around it",
    "non-news-listing": "heuristic.navigation.label-run, heuristic.page.outside-article, heuristic.title and "
    "heuristic.tag-list (salary lines): the block is one job's summary",
    "non-news-service-fr": "heuristic.navigation.label-run, heuristic.related.headline-run and "
    "heuristic.page.outside-article: the block is the intro paragraph",
    "repeats-placeholder": "heuristic.navigation.label-run: the programme's last line joins the footer's label run",
    "repeats-product-entries": "heuristic.repeated-line: a feature line two products share",
    "repeats-refrain-de": "heuristic.repeated-line: the refrain's second copy (two copies, under the template count)",
}


@dataclass(frozen=True)
class Line:
    marker: str  # "+", "-", " " (not asserted) or "" (a blank line of the document)
    text: str  # the line as it goes into the document (indentation kept)
    start: int  # offsets of the stripped text in the document
    end: int


@dataclass(frozen=True)
class Fixture:
    name: str
    header: dict[str, str]
    doc: str
    lines: tuple[Line, ...]

    def marked(self, marker: str) -> list[Line]:
        return [ln for ln in self.lines if ln.marker == marker]


def parse(path: Path) -> Fixture:
    """Read a fixture: its header, and the document built from the marked lines."""
    raw = path.read_text(encoding="utf-8").split("\n")
    header: dict[str, str] = {}
    i = 0
    while i < len(raw) and raw[i].startswith("#"):
        key, sep, value = raw[i][1:].partition(":")
        assert sep, f"{path.name}:{i + 1}: header line without 'key: value'"
        header[key.strip()] = value.strip()
        i += 1
    assert i < len(raw) and raw[i] == "", f"{path.name}:{i + 1}: a blank line must follow the header"
    body = raw[i + 1 :]
    while body and body[-1] == "":
        body.pop()
    lines: list[Line] = []
    pos = 0
    for n, row in enumerate(body, start=i + 2):
        if row == "":
            marker, text = "", ""
        else:
            assert row[:2] in MARKERS and len(row) > 2, f"{path.name}:{n}: a line must start with '+ ', '- ' or two spaces"
            marker, text = row[0], row[2:]
            assert text.strip(), f"{path.name}:{n}: a marked line without text"
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        lines.append(Line(marker, text, pos + lead, pos + lead + len(stripped)))
        pos += len(text) + 1
    doc = "\n".join(ln.text for ln in lines) + "\n"
    return Fixture(path.stem, header, doc, tuple(lines))


@functools.cache
def _cleaned(cleaner: Cleaner, name: str) -> tuple[Fixture, CleanResult]:
    fx = parse(FIXTURES / f"{name}.txt")
    return fx, cleaner.clean(fx.doc, html=False)


@pytest.fixture(scope="module")
def load(cleaner: Cleaner) -> Callable[[str], tuple[Fixture, CleanResult]]:
    """The fixture and what cleaner makes of it (text mode), cleaned once for all the tests.

    The Cleaner is the session's (``conftest.py``): a fresh one would spend 0.6-4 s building its rule
    groups and the rule engine's plans, against 30 ms to clean every fixture once they are built.
    """
    return functools.partial(_cleaned, cleaner)


def _touching(result: CleanResult, ln: Line) -> list[str]:
    """The cuts that touch a line: ``rule (kind)``, whole-line or partial."""
    return [f"{r.rule} ({r.kind})" for r in result.removed if r.start < ln.end and r.end > ln.start]


def _fold(text: str) -> str:
    return " ".join(text.split())


def _params() -> list:
    out = []
    for p in PATHS:
        marks = []
        if p.stem in KNOWN_DAMAGE:
            reason = f"known damage (once fixed, take it out of KNOWN_DAMAGE): {KNOWN_DAMAGE[p.stem]}"
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        out.append(pytest.param(p.stem, marks=marks, id=p.stem))
    return out


def test_fixtures_are_well_formed() -> None:
    # (the upper bound catches a glob gone wrong; each fixture cleans in milliseconds)
    assert 20 <= len(PATHS) <= 80, len(PATHS)
    names = {p.stem for p in PATHS}
    assert set(KNOWN_DAMAGE) <= names, f"KNOWN_DAMAGE names no fixture: {set(KNOWN_DAMAGE) - names}"
    seen_kinds = set()
    for p in PATHS:
        fx = parse(p)
        kind = fx.header.get("kind")
        assert kind in KINDS, f"{p.name}: kind {kind!r} not one of {sorted(KINDS)}"
        assert p.stem.startswith(kind + "-"), f"{p.name}: the name must start with its kind"
        assert fx.header.get("input") in INPUTS, f"{p.name}: input must be one of {sorted(INPUTS)}"
        assert fx.header.get("why"), f"{p.name}: say why in a '# why:' line"
        assert len(fx.marked("+")) >= 5, f"{p.name}: too few article lines"
        seen_kinds.add(kind)
    assert seen_kinds == KINDS, f"kinds without a fixture: {KINDS - seen_kinds}"


@pytest.mark.parametrize("name", _params())
def test_article_lines_survive(load: Callable[[str], tuple[Fixture, CleanResult]], name: str) -> None:
    """Every ``+`` line comes through untouched: no cut on it, its text a line of the output."""
    fx, result = load(name)
    out_lines = result.text.split("\n")
    lost = []
    for ln in fx.marked("+"):
        cuts = _touching(result, ln)
        text = _fold(ln.text)
        if cuts or not (text in out_lines or any(text in o for o in out_lines)):
            lost.append(f"  {text[:90]!r} <- {', '.join(cuts) or 'missing from the output'}")
    total = len(fx.marked("+"))
    assert not lost, f"{name}: {len(lost)} of {total} article lines damaged:\n" + "\n".join(lost)


@pytest.mark.parametrize("name", [p.stem for p in PATHS])
def test_residue_share(
    load: Callable[[str], tuple[Fixture, CleanResult]], name: str, record_property: Callable[[str, object], None]
) -> None:
    """Softer: the share of ``-`` lines cut is reported (``-rA`` or the JUnit XML), not asserted; the
    output is never longer than the input."""
    fx, result = load(name)
    residue = fx.marked("-")
    cut = sum(1 for ln in residue if _touching(result, ln))
    record_property("residue_lines", len(residue))
    if residue:
        record_property("residue_cut_share", round(cut / len(residue), 3))
        print(f"{name}: {cut}/{len(residue)} residue lines cut ({cut / len(residue):.0%})")
    else:
        print(f"{name}: no residue lines")
    assert len(result.text) <= len(fx.doc)


@pytest.mark.rule_id("heuristic.title")
def test_an_extracts_heading_over_a_listing_is_not_taken_for_a_headline() -> None:
    """A headline stands over an article. An extract whose first line heads one paragraph and a list (a
    listing's, a service's or a product's page) keeps that line: it is the page's heading, its content."""
    intro = "Hal offers more than a dozen training programs, from novice to advanced, for every kind of runner."
    items = "\n".join(f"Novice {i} Marathon Program" for i in range(1, 8))
    r = Cleaner().clean(f"Marathon Training Programs\n{intro}\n{items}", input="extract")
    assert r.text.startswith("Marathon Training Programs")
    story = "The council approved the budget on Tuesday after a debate that lasted most of the day."
    r = Cleaner().clean(f"Council approves budget\n{story}\n{story.replace('council', 'board')}", input="extract")
    assert r.title == "Council approves budget"
