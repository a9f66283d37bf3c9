"""The safety nets of the pipeline (cleaner.pipeline._keep_lists): what they take back, and when not."""

from __future__ import annotations

import pytest

from cleaner.document import Doc
from cleaner.pipeline import NO_ARTICLE_EXTRACT_FACTOR, NO_ARTICLE_RUN_FACTOR, _keep_lists

INTRO = "Our most popular phones this month, based on what readers bought; updated every hour of the day."


def _listing(items: int, given: str) -> Doc:
    """An introduction over ``items`` product lines that a run heuristic cut as a menu."""
    doc = Doc("\n".join([INTRO] + [f"Phone case model {i:02d} in blue" for i in range(items)]))
    doc.input = given
    for ln in doc.lines[1:]:
        doc.cut_line(ln, "navigation", "heuristic.navigation.label-run")
    return doc


def _ratio(doc: Doc) -> float:
    cut = sum(ln.end - ln.start for ln in doc.lines if ln.cut is not None)
    kept = sum(ln.end - ln.start for ln in doc.lines if ln.cut is None)
    return cut / kept


@pytest.mark.rule_id("heuristic.navigation.label-run")
@pytest.mark.parametrize("given", ["extract", "article"])
def test_an_extract_keeps_lists_that_outweigh_what_is_left(given: str) -> None:
    doc = _listing(4, given)
    assert NO_ARTICLE_EXTRACT_FACTOR < _ratio(doc) < NO_ARTICLE_RUN_FACTOR
    _keep_lists(doc)
    assert all(ln.cut is None for ln in doc.lines)
    assert doc.warnings and doc.warnings[0].startswith("safety: the run heuristics cut")


@pytest.mark.rule_id("heuristic.navigation.label-run")
def test_a_page_needs_far_more_before_its_runs_are_taken_back() -> None:
    """On a full page menus around a short text are expected: the same cuts stand."""
    doc = _listing(4, "page")
    _keep_lists(doc)
    assert all(ln.cut is not None for ln in doc.lines[1:])
    assert not doc.warnings
    doc = _listing(20, "page")  # far more than NO_ARTICLE_RUN_FACTOR times what is left
    assert _ratio(doc) > NO_ARTICLE_RUN_FACTOR
    _keep_lists(doc)
    assert all(ln.cut is None for ln in doc.lines)


def test_rules_cuts_are_never_taken_back() -> None:
    """What a rule named (log-in, cookie and legal lines) stays cut: only the run heuristics'."""
    doc = _listing(8, "extract")
    doc.lines[1].cut = None
    doc.cut_line(doc.lines[1], "ui_chrome", "login-link")
    _keep_lists(doc)
    assert doc.lines[1].cut is not None and doc.lines[1].cut.rule == "login-link"
    assert all(ln.cut is None for ln in doc.lines[2:])
