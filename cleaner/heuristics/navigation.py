"""Navigation: menus, breadcrumbs and section lists, found by line shape and context.

What it catches:
- runs of three or more short label-like lines (at most five words, no sentence end, no list marker:
  ``- 165 votes`` is an item of the article's list) before or after the article block of a full page
  (see :mod:`cleaner.heuristics.page`) — a menu scraped one item per line; in an extracted article, only
  runs of eight or more, since a few short lines after its text are usually an info box (venue, hours,
  prices);
- inside the block, only longer runs (six or more) of very short labels, since a short list can be
  part of an article;
- a single line of four or more short items joined by ``|``, ``›``, ``»``, ``/`` or ``>`` around the
  article (``Home › World › Asia``).

Why: menus are the bulk of full-page residue. Their shape — many consecutive tiny lines — is what
gives them away, whatever the site or language; a word list alone would not.

Example:
    >>> from cleaner.document import Doc
    >>> from cleaner.heuristics.zones import find_article_block
    >>> body = "The central bank raised its rates again on Thursday, surprising the markets."
    >>> d = Doc("Home\\nWorld\\nBusiness\\nSport\\nCulture\\n" + body)
    >>> _ = find_article_block(d)
    >>> find_navigation(d)
    >>> [ln.cut[0] if ln.cut else None for ln in d.lines]
    ['navigation', 'navigation', 'navigation', 'navigation', 'navigation', None]
"""

from __future__ import annotations

import regex

from cleaner.document import Doc, Line
from cleaner.heuristics.page import is_full_page
from cleaner.heuristics.shape import LIST_MARK, table_row, words

RULE_RUN = "heuristic.navigation.label-run"
RULE_CRUMBS = "heuristic.navigation.separated-items"
MAX_LABEL_WORDS = 5
MAX_LABEL_CHARS = 40
OUTSIDE_RUN = 3
#: in an extracted article (not a full page) short lines after the text are more often an info box (venue,
#: hours, prices) than a menu: only longer runs go
EXTRACTED_RUN = 8
INSIDE_RUN = 6
_CRUMB_MIN_CHARS = 12  # four items and three separators
_CRUMB_CHARS = "|›»>/•·"
_CRUMB_SEP = regex.compile(r"\s(?:[|›»>/•·])\s")


def _label_like(ln: Line) -> bool:
    return (
        len(ln.text) <= MAX_LABEL_CHARS
        and not ln.terminal
        and not ln.ellipsis
        and not ln.parts
        and (ln.n_words <= MAX_LABEL_WORDS or words(ln) <= MAX_LABEL_WORDS)
        and not LIST_MARK.match(ln.text)
    )


def find_navigation(doc: Doc) -> None:
    """Cut menu runs and breadcrumb lines (see the module docstring)."""
    first_body = doc.block[0]
    outside_run = OUTSIDE_RUN if is_full_page(doc) else EXTRACTED_RUN
    run: list[Line] = []
    for ln in [*doc.lines, None]:
        if ln is not None and ln.cut is not None:
            continue
        if ln is not None and _label_like(ln):
            run.append(ln)
            continue
        _flush(doc, run, first_body, outside_run)
        run = []
    source = doc.source
    if not any(sep in source for sep in _CRUMB_CHARS):  # no separator anywhere: no breadcrumb to look for
        return
    first, last = doc.block
    for ln in doc.lines:
        if ln.cut is not None or first <= ln.idx <= last or len(ln.text) < _CRUMB_MIN_CHARS:
            continue
        if len(_CRUMB_SEP.findall(ln.text)) >= 3 and not table_row(ln.text):
            items = _CRUMB_SEP.split(ln.text)
            if max(len(i.split()) for i in items) <= MAX_LABEL_WORDS:
                doc.cut_line(ln, "navigation", RULE_CRUMBS)


def _flush(doc: Doc, run: list[Line], first_body: int, outside_run: int) -> None:
    if not run:
        return
    inside = [ln for ln in run if doc.zone(ln) == "body"]
    outside = [ln for ln in run if doc.zone(ln) != "body"]
    # The line right above the article may be its headline: leave it to the title heuristic.
    if outside and outside[-1].idx == first_body - 1 and words(outside[-1]) >= 3:
        outside = outside[:-1]
    if len(outside) >= outside_run:
        for ln in outside:
            doc.cut_line(ln, "navigation", RULE_RUN)
    if len(inside) >= INSIDE_RUN and all(words(ln) <= 3 for ln in inside):
        for ln in inside:
            doc.cut_line(ln, "navigation", RULE_RUN)
