"""Duplicated words: scraping stutters such as ``needs to “end “end any support`` or ``the the``.

What it catches: the same lowercase word written twice (or more) in a row, possibly with an opening
quote or bracket before the repeat. Everything from the first copy up to the last is cut, so
``“end “end any`` becomes ``“end any``.

What it leaves: repeats that are grammar or names — ``had had``, ``that that``, ``bye bye``,
``Sirhan Sirhan``, German ``die die``, French ``nous nous`` — and repeats across punctuation
(``New York, New York``).

Example:
    >>> find_stutters("Pakistan needs to “end “end any support")
    [(19, 24)]
    >>> find_stutters("The the minister")
    [(3, 7)]
    >>> find_stutters("She had had enough; New York, New York.")
    []
"""

from __future__ import annotations

import regex

from cleaner.document import Doc

RULE_ID = "heuristic.duplicated-word"
#: words whose doubling is grammatical or idiomatic in some language
LEGIT_REPEATS = frozenset(
    """
    had that is do bye no yes very so ha haha ho hey knock well now many far night pretty tut yeah oh
    go blah hush chop dum la wait bang boo never more again round really too bla hip hurray ding dong
    tick tock tsk there bit long little ever over on off out up down away back slowly
    nous vous die der das den dem des sie es er wir ihr que se si le la les
    """.split()
)
_STUTTER_RE = regex.compile(
    r"(?<![\w'’-])(?P<w>\p{Ll}[\p{Ll}'’]*)(?:\s+[“\"‘'(\[«]?(?P=w)){1,3}(?![\w'’-])",
    regex.IGNORECASE,
)
_LAST_WORD = regex.compile(r"\w[\w'’]*$")


def find_stutters(text: str) -> list[tuple[int, int]]:
    """Spans (relative to ``text``) to cut: from the first copy of a doubled word up to the last copy
    (or, when the first copy is capitalised, from its end through the last copy)."""
    out: list[tuple[int, int]] = []
    for m in _STUTTER_RE.finditer(text):
        w = m.group("w")
        if w.lower() in LEGIT_REPEATS or len(w) < 2:
            continue
        span = m.group()
        copies = span.split()
        if copies[0][:1].isupper() and copies[-1].lstrip("“\"‘'([«")[:1].isupper():
            continue  # Title Title: a name or a band, not a stutter
        last = _LAST_WORD.search(span)
        assert last is not None
        if copies[0][:1].isupper():  # "The the minister": keep the capital, cut the repeats after it
            out.append((m.start() + len(w), m.end()))
        else:
            out.append((m.start(), m.start() + last.start()))
    return out


def find_duplicated_words(doc: Doc) -> None:
    """Propose partial cuts for stutters in every surviving line."""
    for ln in doc.lines:
        if ln.cut is not None:
            continue
        for s, e in find_stutters(ln.text):
            doc.cut_span(ln, ln.start + s, ln.start + e, "duplicated_word", RULE_ID)
