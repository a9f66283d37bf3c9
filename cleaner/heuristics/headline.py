"""Known headline: when the page's own title is known (HTML metadata), cut the first line only if it is
that title.

What it catches: the headline an extractor repeats as the first line of the article text, recognised by
its words: the first surviving line carries the title's words (``Nadal keeps Spain alive against
Russia in Davis Cup Finals`` under a ``<title>`` of ``Nadal keeps Spain alive against Russia in Davis
Cup Finals | Tennis``), in any case and punctuation.

An extractor sometimes puts the headline under the story's opening paragraph (``Hong Kong (CNN Business)
A muddled view …`` then the headline): a line among the first ``LOOK_AHEAD`` surviving ones whose words
are exactly the title's, in order, is the headline too.

Why: with the title in hand, guessing from shape (a short line over prose) is needless and wrong on
articles that open with a short line of their own (``Tested by: John Milbank``, ``CLICK FOR FULL
RESULTS``); comparing words is exact. The line goes to ``title`` like a guessed headline. As a guessed
headline is, in an extract or an article alone it is looked for only over two paragraphs or more
(:data:`cleaner.heuristics.title.MIN_PARAGRAPHS`): over fewer, the heading is a listing's, a product
page's or a form's, and their content.

Example:
    >>> from cleaner.document import Doc
    >>> d = Doc("Nadal keeps Spain alive at the Davis Cup\\nMADRID — Rafael Nadal kept Spain's hopes alive on Tuesday.")
    >>> find_known_title(d, "Nadal keeps Spain alive at the Davis Cup | Tennis News")
    >>> d.lines[0].cut.rule
    'heuristic.title.known'
    >>> d = Doc("LONDON (Reuters) - Rafael Nadal kept Spain's hopes alive on Tuesday.\\nNadal keeps Spain alive"
    ...         "\\nThe world number one won in straight sets, and the tie went to a deciding doubles match.")
    >>> find_known_title(d, "Nadal keeps Spain alive | Tennis News")
    >>> [ln.cut.rule if ln.cut else None for ln in d.lines]
    [None, 'heuristic.title.known', None]
    >>> d = Doc("Tested by: John Milbank\\nThe 180 page book is a pleasure to read from the first page.")
    >>> find_known_title(d, "Bike & Style book review")
    >>> d.lines[0].cut is None
    True
"""

from __future__ import annotations

import regex

from cleaner.document import Doc
from cleaner.heuristics.title import MIN_PARAGRAPHS, paragraphs_at_least

RULE_ID = "heuristic.title.known"
#: share of the first line's words that must be words of the title
MIN_SHARE = 0.8
MAX_WORDS = 40
#: how far down (surviving lines) a line with exactly the title's words is looked for
LOOK_AHEAD = 3
_WORD = regex.compile(r"\w+")
_CLOSERS = "\"'”’»)]"
#: a site name after the headline in a page title: ``Headline | Site``, ``Headline - Site``
_SITE_SUFFIX = regex.compile(r"\s+[|–—-]\s+[^|–—-]{1,60}$")


def find_known_title(doc: Doc, title: str) -> None:
    """Cut the first surviving line when its words are (almost all) words of ``title``; else a line among
    the next few whose words are exactly the title's."""
    first = next((ln for ln in doc.lines if ln.cut is None), None)
    if first is None or first.parts or first.n_words > MAX_WORDS or first.idx + 1 >= len(doc.lines):
        return
    if doc.input in ("extract", "article") and not paragraphs_at_least(doc, MIN_PARAGRAPHS):
        return  # a listing's, a product page's or a form's heading: their content
    words = _WORD.findall(first.text.lower())
    if len(words) < 2:  # one word (``Photos``, ``Video``) is a section label, even when the page calls
        return  # itself by it
    known = set(_WORD.findall(title.lower()))
    exact = {tuple(_WORD.findall(t.lower())) for t in (title, _SITE_SUFFIX.sub("", title))}
    if sum(1 for w in words if w in known) >= MIN_SHARE * len(words):
        # a sentence that retells the headline (the lead: ``X has been eliminated from Y.``) is the
        # article's first paragraph; a line ending like a sentence is the title only word for word
        if not (first.prose and first.text.rstrip(_CLOSERS).endswith(".")) or tuple(words) in exact:
            doc.cut_line(first, "title", RULE_ID)
        return
    # the exact title (with or without the site's name after it) a little further down
    seen = 1
    for ln in doc.lines[first.idx + 1 :]:
        if seen >= LOOK_AHEAD:
            break
        if ln.cut is not None:
            continue
        seen += 1
        if not ln.parts and 3 <= ln.n_words <= MAX_WORDS and tuple(_WORD.findall(ln.text.lower())) in exact:
            doc.cut_line(ln, "title", RULE_ID)
            return
