"""Page furniture: in full-page text, what lies outside the article block and no other stage claimed.

What it catches: sidebars, footers, widget text and stray blurbs of a scraped *page* — lines before or
after the article block — once the document is clearly a whole page rather than an extracted article:
a menu above the article (a run of short label-like lines before the block), or plenty of furniture
around it (many lines outside the block, among them interface lines the rules cut and short labels).

Why: a naive scraper keeps every visible block of a page; around the article sit dozens of lines no
single rule names. An extracted article starts with its text and has at most a few lines around its
block (a title, a byline, a table, a list the block did not reach), and those are left to the specific
stages, so clean articles are never cut here.

Example:
    >>> from cleaner.document import Doc
    >>> from cleaner.heuristics.zones import find_article_block
    >>> menu = "\\n".join(["Home", "World", "Business", "Sport", "Culture", "Travel"])
    >>> body = "The council approved the budget on Tuesday after a debate that lasted most of the day."
    >>> d = Doc(menu + "\\n" + body + "\\nA widget line about something else entirely")
    >>> _ = find_article_block(d)
    >>> is_full_page(d)
    True
    >>> find_page_boilerplate(d)
    >>> sum(1 for ln in d.lines if ln.cut), d.lines[6].cut, d.lines[7].cut[0]
    (7, None, 'boilerplate')
"""

from __future__ import annotations

from cleaner.document import Doc, Line
from cleaner.heuristics.shape import words

RULE_ID = "heuristic.page.outside-article"
#: consecutive label-like lines (a menu) before the article block that make a document a full page
PAGE_MIN_HEAD_LABELS = 5
#: or: this many lines outside the block, of which this many were cut by rules and this many are labels
PAGE_MIN_OUTSIDE_LINES = 10
PAGE_MIN_RULE_CUTS = 5
PAGE_MIN_LABELS = 8
_LABEL_WORDS = 5
_CACHE_KEY = "_zones_full_page"


def _label(ln: Line) -> bool:
    # words() never exceeds n_words, so the stutter-aware count is only needed for longer lines
    return not ln.terminal and (ln.n_words <= _LABEL_WORDS or (ln.n_words <= 3 * _LABEL_WORDS and words(ln) <= _LABEL_WORDS))


def is_full_page(doc: Doc) -> bool:
    """True when ``doc`` reads as a whole scraped page (menus and furniture around its article).

    The answer depends on the block and on what the rules cut, both settled before the heuristics
    run, so it is computed once per block and kept in ``doc.meta``.
    """
    cached = doc.meta.get(_CACHE_KEY)
    if isinstance(cached, tuple) and cached[0] == doc.block:
        return bool(cached[1])
    answer = _full_page(doc)
    doc.meta[_CACHE_KEY] = (doc.block, answer)
    return answer


def _full_page(doc: Doc) -> bool:
    first, last = doc.block
    if last < first:
        return False
    run = 0  # a menu: consecutive label lines (lines a rule cut do not break it)
    for ln in doc.lines[:first]:
        if _label(ln):
            run += 1
            if run >= PAGE_MIN_HEAD_LABELS:
                return True
        elif ln.cut is None:
            run = 0
    outside = doc.lines[:first] + doc.lines[last + 1 :]
    if len(outside) < PAGE_MIN_OUTSIDE_LINES:
        return False
    rule_cuts = sum(1 for ln in outside if ln.cut is not None and not ln.cut[1].startswith("heuristic."))
    return rule_cuts >= PAGE_MIN_RULE_CUTS and sum(1 for ln in outside if _label(ln)) >= PAGE_MIN_LABELS


def find_page_boilerplate(doc: Doc) -> None:
    """Cut every surviving line outside the article block when the document is a full page."""
    if not is_full_page(doc):
        return
    first, last = doc.block
    for ln in doc.lines:
        if (ln.idx < first or ln.idx > last) and ln.cut is None:
            doc.cut_line(ln, "boilerplate", RULE_ID)
