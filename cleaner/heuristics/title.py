"""Title: a headline on the document's first line goes to ``title`` and out of ``text``.

What it catches: the first surviving line when it reads like a headline (a few words, no sentence end,
not a list) and the article's prose follows it. Not a line in capitals only (``BAAR, SWITZERLAND``, ``CLICK
FOR FULL RESULTS``: a dateline, a kicker or a button label standing alone), nor a line of labelled fields
(``Tested by: Jane Doe RRP: £40 More info: …``): a headline is written in sentence or title case and says
one thing. Nor a line the document writes again further down: that is a line of the article's template
(the question put to each interviewee), and the repeats stage keeps all of its copies.

Why: scrapers put the headline above the body; the body must not start with it, and the headline is
worth keeping as metadata. Subheadings further down stay: only the first line can be the title.

Example:
    >>> from cleaner.document import Doc
    >>> from cleaner.heuristics.zones import find_article_block
    >>> d = Doc("Rubio Urges Calm in Standoff\\nThe secretary of state spoke to both leaders on Friday, officials said.")
    >>> _ = find_article_block(d)
    >>> find_title(d)
    >>> d.lines[0].cut
    ('title', 'heuristic.title')
    >>> d = Doc("LONDON, ENGLAND\\nThe secretary of state spoke to both leaders on Friday, officials said.")
    >>> _ = find_article_block(d)
    >>> find_title(d)
    >>> d.lines[0].cut is None
    True
"""

from __future__ import annotations

from cleaner.document import Doc

RULE_ID = "heuristic.title"
MAX_WORDS = 30
MAX_CHARS = 300
_LISTY = (",", "|", "•", "·", "#")


def find_title(doc: Doc) -> None:
    """Cut the first surviving line as the title when it looks like a headline over prose."""
    alive = (ln for ln in doc.lines if ln.cut is None)
    first, nxt = next(alive, None), next(alive, None)
    if first is None or nxt is None:
        return
    if first.parts or doc.zone(first) != "head":
        return
    if first.prose or first.ellipsis or first.text.endswith((":", ";", ",", ".")):
        return
    if not 2 <= first.n_words <= MAX_WORDS or len(first.text) > MAX_CHARS:
        return
    if sum(first.text.count(c) for c in _LISTY) >= 3:
        return
    if sum(1 for w in first.text.split() if any(c.isalpha() for c in w)) < 2:
        return
    if first.text.isupper() or first.text.count(":") >= 2:  # capitals only; labelled fields
        return
    if not (nxt.prose or (nxt.terminal and nxt.n_words >= 6)):
        return
    text = first.text
    if any(ln.text == text for ln in doc.lines[first.idx + 1 :] if ln.cut is None):
        return
    doc.cut_line(first, "title", RULE_ID)
