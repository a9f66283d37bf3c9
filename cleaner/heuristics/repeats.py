"""Repeated lines: a paragraph printed again later in the document, but not a list's repeated items.

What it catches: like :mod:`cleaner.heuristics.duplicates`, a later verbatim repeat (after white-space
folding) of an earlier surviving line of four words or more — a pull quote printed twice, a teaser of
the article itself, a menu scraped twice (desktop and mobile), a block scraped twice. It leaves:

- list items (``- Easy setup for all your Apple devices``, ``1) …``) and table rows (``| Pos | Player |``):
  product features, steps, ingredients and table headers repeat legitimately within an article;
- sentences written three times or more in a new context (``What inspired you to start cooking?`` asked
  of each of twenty interviewees, each time after a different name and before a different answer): a
  template the article follows. A scraping accident repeats whole blocks, so there the line comes back
  with the same neighbour as the first time.

Why: repeats inflate the text and bias anything counted on it; the first occurrence carries all the
information. But an article's own structure repeats lines too, and cutting those loses its content.

Example:
    >>> from cleaner.document import Doc
    >>> d = Doc("The minister resigned on Monday.\\nShe cited health reasons.\\nThe minister resigned on Monday.")
    >>> find_repeated_lines(d)
    >>> [ln.cut for ln in d.lines]
    [None, None, ('duplicate_line', 'heuristic.repeated-line')]
    >>> d = Doc("- Easy setup for all devices\\n- Long battery life\\n- Easy setup for all devices")
    >>> find_repeated_lines(d)
    >>> [ln.cut for ln in d.lines]
    [None, None, None]
"""

from __future__ import annotations

from collections import Counter

from cleaner.document import Doc
from cleaner.heuristics.shape import LIST_MARK

RULE_ID = "heuristic.repeated-line"
MIN_WORDS = 4
#: a sentence found this many times is a template line of the article
TEMPLATE_COUNT = 3


def find_repeated_lines(doc: Doc) -> None:
    """Cut later verbatim repeats of surviving lines, except list items and template sentences."""
    keys: list[str | None] = []
    counts: Counter[str] = Counter()
    for ln in doc.lines:
        if ln.cut is not None or ln.parts or ln.n_words < MIN_WORDS:
            keys.append(None)
            continue
        key = " ".join(ln.text.split())
        keys.append(key)
        counts[key] += 1
    long = [i for i, k in enumerate(keys) if k is not None]
    first_context: dict[str, tuple[str | None, str | None]] = {}
    for j, i in enumerate(long):
        ln, key = doc.lines[i], keys[i]
        assert key is not None
        context = (keys[long[j - 1]] if j > 0 else None, keys[long[j + 1]] if j + 1 < len(long) else None)
        if key not in first_context:
            first_context[key] = context
            continue
        if LIST_MARK.match(key) or (key.startswith("|") and key.endswith("|")):
            continue
        if ln.terminal and counts[key] >= TEMPLATE_COUNT:
            before, after = first_context[key]
            if (before is None or context[0] != before) and (after is None or context[1] != after):
                continue
        doc.cut_line(ln, "duplicate_line", RULE_ID)
