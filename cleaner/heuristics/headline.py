"""Known headline: when the page's own title is known (HTML metadata), cut the first line only if it is
that title.

What it catches: the headline an extractor repeats as the first line of the article text, recognised by
its words: the first surviving line carries the title's words (``Nadal keeps Spain alive against
Russia in Davis Cup Finals`` under a ``<title>`` of ``Nadal keeps Spain alive against Russia in Davis
Cup Finals | Tennis``), in any case and punctuation.

Why: with the title in hand, guessing from shape (a short line over prose) is needless and wrong on
articles that open with a short line of their own (``Tested by: John Milbank``, ``CLICK FOR FULL
RESULTS``); comparing words is exact. The line goes to ``title`` like a guessed headline.

Example:
    >>> from cleaner.document import Doc
    >>> d = Doc("Nadal keeps Spain alive at the Davis Cup\\nMADRID — Rafael Nadal kept Spain's hopes alive on Tuesday.")
    >>> find_known_title(d, "Nadal keeps Spain alive at the Davis Cup | Tennis News")
    >>> d.lines[0].cut
    ('title', 'heuristic.title.known')
    >>> d = Doc("Tested by: John Milbank\\nThe 180 page book is a pleasure to read from the first page.")
    >>> find_known_title(d, "Bike & Style book review")
    >>> d.lines[0].cut is None
    True
"""

from __future__ import annotations

import regex

from cleaner.document import Doc

RULE_ID = "heuristic.title.known"
#: share of the first line's words that must be words of the title
MIN_SHARE = 0.8
MAX_WORDS = 40
_WORD = regex.compile(r"\w+")


def find_known_title(doc: Doc, title: str) -> None:
    """Cut the first surviving line when its words are (almost all) words of ``title``."""
    first = next((ln for ln in doc.lines if ln.cut is None), None)
    if first is None or first.parts or first.n_words > MAX_WORDS or first.idx + 1 >= len(doc.lines):
        return
    words = _WORD.findall(first.text.lower())
    if not words:
        return
    known = set(_WORD.findall(title.lower()))
    if sum(1 for w in words if w in known) >= MIN_SHARE * len(words):
        doc.cut_line(first, "title", RULE_ID)
