"""Zones: find the article block, the dense run of prose that every page's residue sits around.

What it catches: the head (everything before the article's first paragraph: menus, headline, date and
byline lines) and the tail (everything after its last paragraph: tags, teasers, footers), so that rules
and heuristics can be strict in the body and bolder around it.

Why: an article is one contiguous block of long, sentence-ending lines; page furniture is short lines
and stray blocks of prose (a cookie notice, an "about us" blurb) separated from it by many short lines.
The block is the maximum-sum run of line scores (Kadane): prose lines score their word count, other lines
cost a little, lines already cut score nothing.

Example:
    >>> from cleaner.document import Doc
    >>> d = Doc("Home\\nWorld\\nSport\\n" + "A long enough paragraph of real prose that ends here. " * 2 + "\\nShare")
    >>> find_article_block(d)
    (3, 3)
    >>> [d.zone(ln) for ln in d.lines]
    ['head', 'head', 'head', 'body', 'tail']
"""

from __future__ import annotations

from cleaner.document import Doc, Line

#: cost of a non-prose line inside the block: short lines (subheadings) are cheap, headline-like
#: lines dearer, truncated teaser lines dearest.
SHORT_COST = 3
LONG_COST = 6
ELLIPSIS_COST = 10
MAX_PROSE_SCORE = 80


def line_score(line: Line) -> int:
    """How much a line argues for being inside the article block."""
    if line.cut is not None:
        return 0
    if line.prose:
        return min(line.n_words, MAX_PROSE_SCORE)
    if line.ellipsis:
        return -ELLIPSIS_COST
    if line.terminal and line.n_words >= 6:  # a short sentence: neutral
        return 0
    return -SHORT_COST if line.n_words <= 8 else -LONG_COST


def find_article_block(doc: Doc) -> tuple[int, int]:
    """Set and return ``doc.block``: the first and last line index of the maximum-sum run.

    With no prose at all there is no block: ``(0, -1)``, every line is outside it.
    """
    best, best_span = 0, None
    run, run_start = 0, 0
    for ln in doc.lines:
        s = line_score(ln)
        if run <= 0:
            run, run_start = s, ln.idx
        else:
            run += s
        if run > best:
            best, best_span = run, (run_start, ln.idx)
    if best_span is None:  # no article: every line is outside it (and counts as tail)
        doc.block = (0, -1)
    else:
        first, last = best_span
        lines = doc.lines
        while first < last and lines[first].cut is not None:  # trim cut lines at the edges
            first += 1
        while last > first and lines[last].cut is not None:
            last -= 1
        doc.block = (first, last)
    return doc.block
