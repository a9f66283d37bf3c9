"""Duplicate lines: a paragraph repeated verbatim later in the same document (the first stays).

What it catches: an exact repeat (after white-space folding) of an earlier surviving line of four
words or more — pull quotes printed twice, a teaser of the article itself, a block scraped twice.

Why: repeats inflate the text and bias anything counted on it; the first occurrence carries all the
information.

Example:
    >>> from cleaner.document import Doc
    >>> d = Doc("The minister resigned on Monday.\\nShe cited health reasons.\\nThe minister resigned on Monday.")
    >>> find_duplicate_lines(d)
    >>> [ln.cut for ln in d.lines]
    [None, None, ('duplicate_line', 'heuristic.duplicate-line')]
"""

from __future__ import annotations

from cleaner.document import Doc

RULE_ID = "heuristic.duplicate-line"
MIN_WORDS = 4


def find_duplicate_lines(doc: Doc) -> None:
    """Cut every later verbatim repeat of a surviving line of MIN_WORDS words or more."""
    seen: set[str] = set()
    for ln in doc.lines:
        if ln.cut is not None or ln.parts or ln.n_words < MIN_WORDS:
            continue
        key = " ".join(ln.text.split())
        if key in seen:
            doc.cut_line(ln, "duplicate_line", RULE_ID)
        else:
            seen.add(key)
