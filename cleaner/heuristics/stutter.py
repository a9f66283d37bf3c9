"""Duplicated words: scraping stutters such as ``needs to “end “end any support`` or ``the the``.

What it catches: the same lowercase word written twice (or more) in a row, possibly with an opening
quote before the repeat. Everything from the first copy up to the last is cut, so ``“end “end any``
becomes ``“end any``.

What it leaves: repeats that are grammar or names — ``had had``, ``that that``, ``bye bye``,
``Sirhan Sirhan``, German ``die die``, French ``nous nous`` — repeats across punctuation (``New York,
New York``), and a word repeated to open a parenthesis that explains it (``your games (games you paid
for)``): a writer does that on purpose, a scraper's stutter does not open a bracket.

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

import re
from bisect import bisect_right
from itertools import compress, count, islice, repeat
from operator import not_

import regex

from cleaner.document import Doc
from cleaner.engine import fold, needs_fold

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
    r"(?<![\w'’-])(?P<w>\p{Ll}[\p{Ll}'’]*+)(?=(?P<gap>\s+[“\"‘'«]?)(?P=w)(?![\w'’-]))",
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


def _stutters_at(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """:func:`find_stutters` of ``text``, given sorted offsets that include every place where
    ``_PAIR_RE`` matches: the pattern is tried there only (its look-behind still sees the text before)."""
    out: list[tuple[int, int]] = []
    run_start = run_next = -1
    first = ""
    match = _PAIR_RE.match
    for p in starts:
        m = match(text, p)
        if m is None:
            continue
        if p == run_next:
            run_next = m.end("gap")
            continue
        _flush(out, text, run_start, run_next, first)
        run_start, run_next = p, m.end("gap")
        first = m.group("w")
    _flush(out, text, run_start, run_next, first)
    return out


# A cheap, exact pre-test: the regex above takes tens of microseconds a line, and it is only run
# where the text allows a stutter.
#
# A stutter is two whitespace-separated tokens whose word-character runs [\w'’-]+ end and start with
# the same word, equal under the regex's case-insensitive matching. The document is written as bytes,
# one byte a character (so offsets are the source's): Latin-1 word characters (ASCII letters, digits,
# "_'-", the accented letters) lowercased, every other Latin-1 character a space, and every character
# beyond Latin-1 \x02. Then the usual typography is mapped first (’ is an apostrophe, white space and
# line separators are spaces, quotes and dashes separators), so that most English, French, German...
# text is Latin-1. Within Latin-1, two letters match case-insensitively exactly when their lowercase
# forms are equal, and in a line without \x02 the two copies of a stutter are two equal neighbouring
# tokens of those bytes, the second one maybe behind an apostrophe used as an opening quote (which is
# blanked too when it follows a space). One ``re`` scan of the whole document finds every such pair
# (pairs across two lines are found too, which only adds places to try); in those lines the regex is
# only tried where a pair of a word it could report starts. A line with a \x02 goes to
# :func:`_may_stutter`, which reads any script.
_TYPOGRAPHY = (("’", "'"), ("“", " "), ("”", " "), ("‘", " "), ("«", " "), ("»", " "), ("–", " "), ("—", " "),
               ("…", " "), ("›", " "), ("‹", " "), ("„", " "), ("•", " "),
               ("\x85", " "), ("\u2028", " "), ("\u2029", " "),
               # and every other white space that is not ASCII, and the invisible characters the lines'
               # view makes spaces: lines are stripped of them, so they must not stick to a token
               *((chr(c), " ") for c in (0xA0, 0x1680, *range(0x2000, 0x200C), 0x202F, 0x205F, 0x2060, 0x3000,
                                         0xFEFF)))
_LATIN1_WORD = regex.compile(r"[\w'’-]")
#: Latin-1 byte -> lowercase word byte or space (line breaks included); "?" stands for what is not
#: Latin-1 (``str.encode``'s replacement character: a literal "?" is made a "!" first), it becomes \x02.
_TO_WORDS = bytes(
    0x02 if c == 0x3F else ord(chr(c).lower()) if _LATIN1_WORD.match(chr(c)) else 0x20 for c in range(256)
)
_NOT_LATIN1 = b"\x02"
#: a token followed by a copy of itself (the copy is only looked at, so every pair of a run is found)
_BYTE_PAIR_RE = re.compile(rb" ([^ ]{2,}+)(?= +\1 )")
_LEGIT_BYTES = frozenset(w.encode("latin-1") for w in LEGIT_REPEATS)
#: What may open the second copy (the regex's [“"‘'«]), and a token's trailing word run.
_OPENERS = "“\"‘'«"
_TAIL_RUN = regex.compile(r"[\w'’-]+$")
_PUNCTUATION = frozenset(",.;:!?)]}\"”»…")
#: A line with more places to try than this (plus one per 64 characters) is scanned whole instead.
_MAX_TRIES = 4


def _typography(text: str) -> str:
    if text.isascii():
        return text
    for a, b in _TYPOGRAPHY:
        if a in text:
            text = text.replace(a, b)
    return text


def _words(text: str) -> bytes:
    """``text`` (the source) as the bytes described above, with a space before and after (so the byte at
    offset ``i + 1`` stands for ``text[i]``)."""
    text = _typography(text)
    if "?" in text:
        text = text.replace("?", "!")
    return b"".join((b" ", text.encode("latin-1", "replace"), b" ")).translate(_TO_WORDS).replace(b" '", b"  ")


def _may_stutter(text: str, exotic: bool = True) -> bool:
    r"""False when ``text`` (any script) cannot hold a stutter find_stutters reports.

    The first copy of a stutter is the trailing word run ([\w'’-]+) of a whitespace-separated token and
    the second copy starts the next token, behind at most one opening quote or bracket; both fold to the
    same string. A token made only of letters is its own trailing run, so for those a C-level
    ``startswith`` over all neighbouring pairs decides; the other tokens are looked at one by one.
    ``exotic`` is False when the document has no character :func:`cleaner.engine.needs_fold` sees.
    """
    tokens = (fold(text) if exotic else text.lower()).split()
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


#: Between lines joined for one :func:`_may_stutter` call: a token that pairs with no other.
_LINE_GLUE = " \x00 "


#: languages whose grammar doubles whole words (Indonesian and Malay ``orang orang``, ``amat amat``;
#: Tagalog ``araw araw``): there a doubled word is the author's, not the scraper's
REDUPLICATING = frozenset({"id", "ms", "tl", "jv", "su"})


def find_duplicated_words(doc: Doc) -> None:
    """Propose partial cuts for stutters in every surviving line (none in a language that doubles
    words by grammar, see REDUPLICATING)."""
    if doc.lang in REDUPLICATING:
        return
    lines = doc.lines
    blocks: list[tuple[int, int]] = []  # runs of surviving lines: [first, last + 1)
    first = -1
    for ln in lines:
        if ln.cut is None:
            if first < 0:
                first = ln.idx
        elif first >= 0:
            blocks.append((first, ln.idx))
            first = -1
    if first >= 0:
        blocks.append((first, len(lines)))
    if not blocks:
        return
    words = _words(doc.source)
    # Offsets (+ 1) of the first copy of each pair of a word that can make a stutter: not a legitimate
    # repeat (it makes a run of its own, which find_stutters drops), and Latin-1 (other lines go to
    # _may_stutter); and of the characters beyond Latin-1, all in the surviving lines.
    pairs: list[int] = []
    others: list[tuple[int, int]] = []  # (the first one, the end of its block)
    for a, b in blocks:
        lo, hi = lines[a].start, lines[b - 1].end + 2  # with the space before and after
        pairs += [m.start(1) for m in _BYTE_PAIR_RE.finditer(words, lo, hi)
                  if m.group(1) not in _LEGIT_BYTES and _NOT_LATIN1 not in m.group(1)]
        other = words.find(_NOT_LATIN1, lo, hi)
        if other >= 0:
            others.append((other, hi))
    if not pairs and not others:
        return
    starts = [ln.start + 1 for ln in lines]
    tries: dict[int, list[int]] = {}  # line -> offsets in it where to try the regex
    for p in pairs:
        i = bisect_right(starts, p) - 1
        tries.setdefault(i, []).append(p - starts[i])
    exotic_lines: list[int] = []  # surviving lines with a character beyond Latin-1
    for other, hi in others:
        while other >= 0:
            i = bisect_right(starts, other) - 1
            exotic_lines.append(i)
            other = words.find(_NOT_LATIN1, max(lines[i].end + 1, other + 1), hi)  # (always the former)
    whole: set[int] = set()  # lines the regex scans whole
    if exotic_lines:
        exotic = needs_fold(doc.source) if doc.fold_free is None else not doc.fold_free  # the engine may know
        texts = [lines[i].text for i in exotic_lines]
        if _may_stutter(_LINE_GLUE.join(texts), exotic):  # one call for all: usually, none of them may
            whole.update(i for i, text in zip(exotic_lines, texts, strict=True) if _may_stutter(text, exotic))
        whole.update(i for i in exotic_lines if i in tries)
    for i in sorted(whole.union(tries)):
        ln = lines[i]
        at = tries.get(i)
        if i in whole or len(at) > _MAX_TRIES + len(ln.text) // 64:
            found = find_stutters(ln.text)
        else:
            found = _stutters_at(ln.text, at)
        for s, e in found:
            doc.cut_span(ln, ln.start + s, ln.start + e, "duplicated_word", RULE_ID)
