"""Zones: find the article block, the dense run of prose that every page's residue sits around.

What it catches: the head (everything before the article's first paragraph: menus, headline, date and
byline lines) and the tail (everything after its last paragraph: tags, teasers, footers), so that rules
and heuristics can be strict in the body and bolder around it.

Why: an article is one contiguous block of long, sentence-ending lines; page furniture is short lines
and stray blocks of prose (a cookie notice, an "about us" blurb, teaser cards) separated from it by
short lines. The block is the maximum-sum run of line scores (Kadane): prose lines score their word
count; other lines cost more the longer the gap they sit in (one short line between two paragraphs is
a subheading, a stack of three is a teaser card or a widget); lines already cut are transparent.

Example:
    >>> from cleaner.document import Doc
    >>> d = Doc("Home\\nWorld\\nSport\\n" + "A long enough paragraph of real prose that ends here. " * 2 + "\\nShare")
    >>> find_article_block(d)
    (3, 3)
    >>> [d.zone(ln) for ln in d.lines]
    ['head', 'head', 'head', 'body', 'tail']
"""

from __future__ import annotations

import regex

from cleaner.document import Doc, Line

#: cost of a non-prose line inside the block, times its rank in the gap it sits in: short lines
#: (subheadings) are cheap, headline-like lines dearer, truncated teaser lines dearest.
SHORT_COST = 3
LONG_COST = 6
ELLIPSIS_COST = 10
#: no single line of a gap costs more than this
MAX_GAP_LINE_COST = 24
MAX_PROSE_SCORE = 80
#: a line that reads like part of an article without being a full paragraph: a short sentence, a list
#: item, a sentence-case fragment. It costs little and does not widen the gap.
CONTENT_COST = 1
#: a line ending with a colon announces a list: this many lines after it count as content
MAX_LIST_ITEMS = 15
_LIST_MARK = regex.compile(r"^(?:[-–—•·*▪►✓✔]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)])\s")
_TITLE_SHARE = 0.7


def _contentish(ln: Line) -> bool:
    """A non-prose line that still reads like article text (short sentence, list item, fragment)."""
    if ln.ellipsis:
        return False
    if ln.terminal and ln.n_words >= 4:
        return True
    if _LIST_MARK.match(ln.text):
        return ln.n_words >= 3
    if ln.n_words < 4:
        return False
    words = [w for w in ln.text.split() if w[:1].isalpha()]
    if len(words) < 3:
        return False
    capped = sum(1 for w in words if w[:1].isupper())
    return capped < _TITLE_SHARE * len(words)


def line_score(line: Line) -> int:
    """How much a line argues for being inside the article block, alone (rank 1 in its gap)."""
    if line.cut is not None:
        return -SHORT_COST
    if line.prose:
        return min(line.n_words, MAX_PROSE_SCORE)
    if line.ellipsis:
        return -ELLIPSIS_COST
    if _contentish(line):
        return -CONTENT_COST
    return -SHORT_COST if line.n_words <= 8 else -LONG_COST


def find_article_block(doc: Doc) -> tuple[int, int]:
    """Set and return ``doc.block``: the first and last line index of the maximum-sum run.

    With no prose at all there is no block: ``(0, -1)``, every line is outside it.
    """
    best, best_span = 0, None
    run, run_start = 0, 0
    gap = 0  # rank of the current line in the run of barrier lines it belongs to
    listed = 0  # lines left in a list announced by a line ending with a colon
    for ln in doc.lines:
        s = line_score(ln)
        if s > 0:
            gap = listed = 0
        elif listed and ln.cut is None and not ln.ellipsis:
            listed -= 1
            s = -CONTENT_COST
        elif s < -CONTENT_COST:
            gap += 1
            s = max(s * gap, -MAX_GAP_LINE_COST)
        if run <= 0:
            run, run_start = s, ln.idx
        else:
            run += s
        if run > best:
            best, best_span = run, (run_start, ln.idx)
        if ln.cut is None and ln.text.endswith((":", "：")) and ln.n_words >= 2:
            listed = MAX_LIST_ITEMS
    if best_span is None:  # no article: every line is outside it (and counts as tail)
        doc.block = (0, -1)
    else:
        doc.block = best_span
    return doc.block
