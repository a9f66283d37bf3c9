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
    >>> find_stutters("the the the the end")
    [(0, 12)]
    >>> find_stutters("She had had enough; New York, New York.")
    []
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from itertools import compress, count, islice, repeat
from operator import eq, not_

import regex

from cleaner.document import INVISIBLE_RE as _INVISIBLE
from cleaner.document import Doc, has_invisible
from cleaner.engine import _FOLD, needs_fold

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
#: a word followed by a copy of itself (the copy is only looked at, so runs are found pair by pair)
_PAIR_RE = regex.compile(
    r"(?<![\w'’-])(?P<w>\p{Ll}[\p{Ll}'’]*+)(?=(?P<gap>\s+[“\"‘'(\[«]?)(?P=w)(?![\w'’-]))",
    regex.IGNORECASE,
)


def find_stutters(text: str) -> list[tuple[int, int]]:
    """Spans (relative to ``text``) to cut: from the first copy of a doubled word up to the last copy
    (or, when the first copy is capitalised, from its end through the last copy).

    Pairs are found with a look-ahead and chained in Python, so a run of any length costs linear time
    and memory.
    """
    out: list[tuple[int, int]] = []
    run_start = run_next = -1
    first = ""
    for m in _PAIR_RE.finditer(text):
        if m.start() == run_next:  # this pair continues the run: its first word is the last copy
            run_next = m.end("gap")
            continue
        _flush(out, text, run_start, run_next, first)
        run_start, run_next = m.start(), m.end("gap")
        first = m.group("w")
    _flush(out, text, run_start, run_next, first)
    return out


def _flush(out: list[tuple[int, int]], text: str, start: int, last_copy: int, first: str) -> None:
    """Record the run of ``first`` from ``start`` whose last copy begins at ``last_copy``."""
    if start < 0 or first.lower() in LEGIT_REPEATS or len(first) < 2:
        return
    if first[:1].isupper():
        if text[last_copy : last_copy + 1].isupper():
            return  # Title Title: a name or a band, not a stutter
        out.append((start + len(first), last_copy + len(first)))  # "The the": keep the capital
    else:
        out.append((start, last_copy))


# A cheap, exact pre-test (the regex above takes tens of microseconds a line). A stutter is two
# whitespace-separated tokens whose word-character runs [\w'’-]+ end and start with the same word. In
# ASCII text with the word characters kept (lowercased) and every other character made a space, those
# runs are tokens of their own, the second one maybe behind an apostrophe used as an opening quote
# (which is blanked too when it follows a space): so without two equal neighbouring tokens there is no
# stutter. The usual typographic punctuation is mapped first (’ is an apostrophe, the rest separators),
# so that most English text is ASCII; a line that is not goes to the regex. Over a whole document,
# tokens of two lines meet: that only adds pairs, so no pair there means no stutter in any ASCII line,
# and where there are pairs, only the lines where such a pair starts go to the regex.
_TYPOGRAPHY = (("’", "'"), ("“", " "), ("”", " "), ("‘", " "), ("«", " "), ("»", " "), ("–", " "), ("—", " "),
               ("…", " "), ("\x85", "\n"), ("\u2028", "\n"), ("\u2029", "\n"),
               # and every other white space that is not ASCII: lines are stripped of it
               *((chr(c), " ") for c in (0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)))
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'-\x02")
_BREAK_BYTES = frozenset(b"\n\r\x0b\x0c\x1c\x1d\x1e")
_TO_WORDS = bytes(c if c in _WORD_BYTES else 10 if c in _BREAK_BYTES else 32 for c in range(256)).translate(
    bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz"))
#: a token between lines, so that the last word of a line and the first of the next are no pair
_BREAK = b" \x01 "
_LEGIT_BYTES = frozenset(w.encode() for w in LEGIT_REPEATS)
#: What may open the second copy (the regex's [“"‘'(\[«]), and a token's trailing word run.
_OPENERS = "“\"‘'([«"
_TAIL_RUN = regex.compile(r"[\w'’-]+$")
_PUNCTUATION = frozenset(",.;:!?)]}\"”»…")
#: Encoding error handler: a character that is not ASCII becomes one \x02 byte (same offsets).
_NON_ASCII = "cleaner.stutter.non-ascii"
codecs.register_error(_NON_ASCII, lambda err: ("\x02" * (err.end - err.start), err.end))
#: Doubled words looked up one by one over the whole document at most (each lookup is a scan of it).
_MAX_LOOKUPS = 4


def _typography(text: str) -> str:
    for a, b in _TYPOGRAPHY:
        if a in text:
            text = text.replace(a, b)
    return text


def _words(text: str) -> bytes:
    """``text`` (after :func:`_typography`, without invisible characters) as lowercase word runs between
    spaces, with a _BREAK token for each line break; a character that is not ASCII becomes \x02, a word
    character (so that "20 руб 20" is no pair), and its lines go to :func:`_may_stutter`."""
    return text.encode("ascii", _NON_ASCII).translate(_TO_WORDS).replace(b" '", b"  ").replace(b"\n", _BREAK)


def _doubled(words: bytes) -> set[bytes]:
    """The ASCII words of :func:`_words` output written twice in a row that a stutter could be made of."""
    tokens = words.split()
    return {w for w in compress(tokens, map(eq, tokens, islice(tokens, 1, None)))
            if len(w) >= 2 and w not in _LEGIT_BYTES and b"\x02" not in w}


def _may_stutter(text: str, exotic: bool = True) -> bool:
    r"""False when ``text`` (any script) cannot hold a stutter find_stutters reports.

    The first copy of a stutter is the trailing word run ([\w'’-]+) of a whitespace-separated token and
    the second copy starts the next token, behind at most one opening quote or bracket; both fold to the
    same string. A token made only of letters is its own trailing run, so for those a C-level
    ``startswith`` over all neighbouring pairs decides; the other tokens are looked at one by one.
    ``exotic`` is False when the document has no character :func:`cleaner.engine.needs_fold` sees.
    """
    tokens = (text.translate(_FOLD).lower() if exotic else text.lower()).split()  # fold(text)
    if len(tokens) < 2:
        return False
    # the legitimate repeats are told on str.lower(): only the same as fold() without exotic letters
    legit = frozenset() if exotic else LEGIT_REPEATS
    firsts = tokens[:-1]
    seconds = list(map(str.lstrip, islice(tokens, 1, None), repeat(_OPENERS)))
    for i in compress(count(), map(str.startswith, seconds, firsts)):
        w = firsts[i]
        if w.isalpha() and len(w) >= 2 and w not in legit:
            return True
    for i in compress(count(), map(not_, map(str.isalpha, firsts))):
        if firsts[i][-1] in _PUNCTUATION:  # no trailing word run
            continue
        run = _TAIL_RUN.search(firsts[i])
        if run is not None:
            w = run.group()
            if len(w) >= 2 and seconds[i].startswith(w) and w not in legit:
                return True
    return False


def _pair_starts(words: bytes, doubled: set[bytes]) -> list[int]:
    """Offsets in the text (not in ``words``) where a doubled word and its repeat begin."""
    out = []
    extra = len(_BREAK) - 1
    for w in doubled:
        pair = re.compile(rb"(?<![^ ])" + re.escape(w) + rb"(?= +" + re.escape(w) + rb"(?![^ ]))")  # overlapping
        breaks = last = 0
        for m in pair.finditer(words):
            p = m.start()
            breaks += words.count(b"\x01", last, p)  # counted from the previous match: linear overall
            last = p
            out.append(p - extra * breaks)
    return out


def find_duplicated_words(doc: Doc) -> None:
    """Propose partial cuts for stutters in every surviving line."""
    # The lines' view (invisible characters are spaces), typography mapped: same length and offsets as
    # the source, every replacement is one character for one.
    source = doc.source
    typo = _typography(_INVISIBLE.sub(" ", source) if has_invisible(source) else source)
    words = _words(typo)
    doubled = _doubled(words)
    if not doubled and typo.isascii():
        return
    exotic = needs_fold(source) if doc.fold_free is None else not doc.fold_free  # the rule engine may know
    lines = doc.lines
    todo: set[int] = set()
    if len(doubled) > _MAX_LOOKUPS:  # many doubled words (a page of word salad): test line by line
        for ln in lines:
            piece = typo[ln.start : ln.end]
            if _doubled(_words(piece)) if piece.isascii() else _may_stutter(ln.text, exotic):
                todo.add(ln.idx)
    else:
        if doubled:  # the ASCII lines where a pair starts
            starts = [ln.start for ln in lines]
            todo.update(bisect_right(starts, p) - 1 for p in _pair_starts(words, doubled))
        if not typo.isascii():  # and the lines that are not ASCII, when their words allow a stutter
            todo.update(ln.idx for ln in lines
                        if not typo[ln.start : ln.end].isascii() and _may_stutter(ln.text, exotic))
    for i in sorted(todo):
        ln = lines[i]
        if i < 0 or ln.cut is not None:
            continue
        for s, e in find_stutters(ln.text):
            doc.cut_span(ln, ln.start + s, ln.start + e, "duplicated_word", RULE_ID)
