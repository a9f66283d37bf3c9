"""Zones: find the article block, the dense run of prose that every page's residue sits around.

What it catches: the head (everything before the article's first paragraph: menus, headline, date and
byline lines) and the tail (everything after its last paragraph: tags, teasers, footers), so that rules
and heuristics can be strict in the body and bolder around it.

Why: an article is one contiguous block of long, sentence-ending lines; page furniture is short lines
and stray blocks of prose (a cookie notice, an "about us" blurb, teaser cards) separated from it by
short lines. The block is the maximum-sum run of line scores (Kadane):

- a paragraph scores its word count, half of it when it stands alone between non-sentences (a teaser's
  summary under its headline, author and date; an article's paragraphs follow one another);
- a line that reads like article text without being a paragraph (a short sentence, a list item, a
  table row, a sentence-case fragment, the items of a list announced by a colon) costs little;
- any other line (a label, a Title Case headline, a date, a truncated teaser, a line a rule already cut)
  costs more the longer the run of such lines it sits in: one short line between two paragraphs is a
  subheading, a stack of them is a menu, a teaser card or a widget.

The block's end is then carried over what continues the article without being prose: a list it
announced, list items, short closing sentences (``Colombia had lost to Belgium on Monday.``).

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
from cleaner.heuristics.shape import LIST_MARK, is_date_line, table_row, title_share

#: cost of a barrier line, times its rank in the run of barrier lines it sits in: short lines
#: (subheadings) are cheap, headline-like lines dearer, dates and truncated teaser lines dearest.
SHORT_COST = 3
LONG_COST = 6
ELLIPSIS_COST = 10
#: no single line of a gap costs more than this
MAX_GAP_LINE_COST = 24
MAX_PROSE_SCORE = 80
#: a paragraph with no article text on either side counts this share of its words
ISOLATED_WEIGHT = 0.5
#: a line that reads like article text without being a full paragraph costs this, whatever the gap
CONTENT_COST = 1
#: a line ending with a colon announces a list: this many lines after it count as content
MAX_LIST_ITEMS = 15
#: a fragment with this share of capitalised words or more is a headline or a label, not text
_TITLE_SHARE = 0.7
#: the block's end may step over this many non-text lines to reach more text
MAX_BRIDGE = 2
_BRIDGE_WORDS = 12


def _contentish(ln: Line) -> bool:
    """A non-prose line that still reads like article text (short sentence, list item, fragment)."""
    if ln.ellipsis:
        return False
    if ln.terminal and ln.n_words >= 4:
        return True
    if LIST_MARK.match(ln.text):
        return ln.n_words >= 3
    if table_row(ln.text):
        return True
    if ln.n_words < 4:
        return False
    return title_share(ln.text) < _TITLE_SHARE and sum(1 for w in ln.text.split() if w[:1].isalpha()) >= 3


def _sentence(ln: Line) -> bool:
    """A surviving paragraph or short sentence: text a paragraph of the article may sit next to."""
    return ln.cut is None and not ln.ellipsis and (ln.prose or (ln.terminal and ln.n_words >= 4))


_COLONS = ":："
_HAS_DIGIT = regex.compile(r"\d").search


def _announces(ln: Line) -> bool:
    return ln.cut is None and ln.n_words >= 2 and ln.text.endswith((":", "："))


def _sentence_neighbours(lines: list[Line]) -> list[bool]:
    """For each line: whether the nearest surviving line before or after it is a sentence (lines a
    rule cut, such as a caption or an ad label between two paragraphs, are looked through)."""
    n = len(lines)
    out = [False] * n
    last = False
    for i, ln in enumerate(lines):
        out[i] = last
        if ln.cut is None:
            last = not ln.ellipsis and (ln.prose or (ln.terminal and ln.n_words >= 4))
    last = False
    for i in range(n - 1, -1, -1):
        if last:
            out[i] = True
        ln = lines[i]
        if ln.cut is None:
            last = not ln.ellipsis and (ln.prose or (ln.terminal and ln.n_words >= 4))
    return out


def line_score(line: Line) -> int:
    """How much a line argues for being inside the article block, alone (rank 1 in its gap)."""
    if line.cut is not None:
        return -SHORT_COST
    if line.prose:
        return min(line.n_words, MAX_PROSE_SCORE)
    if line.ellipsis or (_HAS_DIGIT(line.text) and is_date_line(line)):
        return -ELLIPSIS_COST
    if _contentish(line):
        return -CONTENT_COST
    return -SHORT_COST if line.n_words <= 8 else -LONG_COST


def find_article_block(doc: Doc) -> tuple[int, int]:
    """Set and return ``doc.block``: the first and last line index of the maximum-sum run, its end
    carried over what continues the article.

    With no prose at all there is no block: ``(0, -1)``, every line is outside it.
    """
    lines = doc.lines
    best, best_span = 0, None
    run, run_start = 0, 0
    gap = 0  # rank of the current line in the run of barrier lines it belongs to
    listed = 0  # lines left in a list announced by a line ending with a colon
    sentence = _sentence_neighbours(lines)
    for i, ln in enumerate(lines):
        if ln.prose and ln.cut is None:  # the common case, inlined
            s = ln.n_words if ln.n_words < MAX_PROSE_SCORE else MAX_PROSE_SCORE
        else:
            s = line_score(ln)
        if s > 0:
            listed = 0
            if not sentence[i]:
                s = max(1, int(s * ISOLATED_WEIGHT))
                gap //= 2  # a lone paragraph only half ends a gap: teaser cards keep widening it
            else:
                gap = 0
        elif listed and ln.cut is None and not ln.ellipsis:
            listed -= 1
            s = -CONTENT_COST
        elif s < -CONTENT_COST:
            gap += 1
            s = max(s * gap, -MAX_GAP_LINE_COST)
        if run <= 0:
            run, run_start = s, i
        else:
            run += s
        if run > best:
            best, best_span = run, (run_start, i)
        if ln.text[-1] in _COLONS and _announces(ln):
            listed = MAX_LIST_ITEMS
    if best_span is None:  # no article: every line is outside it (and counts as tail)
        doc.block = (0, -1)
    else:
        doc.block = (_extend_head(doc, best_span[0]), _extend_tail(doc, best_span[1]))
    return doc.block


def _continues(lines: list[Line], i: int, in_list: bool) -> bool:
    """Line ``i``, after the block, carries on the article: a paragraph, a list item, a table row, a
    short sentence, or a line announcing a list that follows (``Share this:`` over share buttons a rule
    cut announces nothing)."""
    ln = lines[i]
    if ln.cut is not None or ln.ellipsis:
        return False
    if in_list or ln.prose:
        return True
    if _announces(ln):
        return i + 1 < len(lines) and lines[i + 1].cut is None
    return (
        (LIST_MARK.match(ln.text) is not None and ln.n_words >= 2)
        or table_row(ln.text)
        or (ln.terminal and ln.n_words >= 3)
    )


def _opens(ln: Line) -> bool:
    """A line before the block that reads as the article's opening sentence."""
    return ln.cut is None and not ln.ellipsis and ln.terminal and ln.n_words >= 4 and not is_date_line(ln)


def _extend_head(doc: Doc, first: int) -> int:
    """The block's new first line: carried back over the sentences that open the article."""
    lines = doc.lines
    while first > 0 and _opens(lines[first - 1]):
        first -= 1
    return first


def _bridgeable(ln: Line) -> bool:
    return ln.cut is None and not ln.ellipsis and ln.n_words <= _BRIDGE_WORDS and not is_date_line(ln)


def _extend_tail(doc: Doc, last: int) -> int:
    """The block's new last line: carried over a list the block announced with a colon, list items
    and short sentences, and over up to MAX_BRIDGE short lines between them (a question, a label)."""
    lines = doc.lines
    in_list = _announces(lines[last])
    i = last + 1
    while i < len(lines):
        if _continues(lines, i, in_list):
            in_list = in_list or _announces(lines[i])
            last = i
            i += 1
            continue
        j = i
        while j < len(lines) and j - i < MAX_BRIDGE and _bridgeable(lines[j]) and not _continues(lines, j, in_list):
            j += 1
        if j == i or j >= len(lines) or not _continues(lines, j, in_list):
            break
        last = j
        i = j + 1
    return last
