"""The working document: source text split into lines with offsets, shape features and proposed cuts.

Stages never edit text. They look at :class:`Line` objects and *propose* cuts on a :class:`Doc`
(``cut_line`` for a whole line, ``cut_span`` for part of one); :mod:`cleaner.pipeline` resolves them and
renders the result in one place, so every cut is recorded with offsets into the source.

Example:
    >>> d = Doc("Headline here\\n\\n  A first paragraph that is long enough to be prose, it ends here.  ")
    >>> [(ln.start, ln.end, ln.text) for ln in d.lines]
    [(0, 13, 'Headline here'), (17, 81, 'A first paragraph that is long enough to be prose, it ends here.')]
    >>> [ln.prose for ln in d.lines]
    [False, True]
"""

from __future__ import annotations

import bisect

import regex

#: Line boundaries: exactly the characters :meth:`str.splitlines` splits on, so segmentation and
#: rendering agree.
LINE_RE = regex.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
#: A sentence end: . ! ? (and CJK equivalents), optionally followed by closing quotes or brackets.
TERMINAL_RE = regex.compile(r"[.!?。！？][\"'”’»)\]]*$")
ELLIPSIS_RE = regex.compile(r"(?:…|\.\.\.)[\"'”’»)\]]*$")
#: Characters rendering treats as white space besides str.split()'s: C0/C1 controls and zero-width
#: spaces. They are never in the article and would otherwise glue or split tokens invisibly. \x1f is
#: white space to str.split() (so to rendering) but not to the rules' ``\s``: the lines' view makes it
#: a space too, so that rules see what the output will show.
INVISIBLE_RE = regex.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff]")
#: A line with this many words and a sentence end is prose.
PROSE_MIN_WORDS = 10
#: What TERMINAL_RE and ELLIPSIS_RE look for, tested with ``str`` methods (a regex scans the whole line).
_CLOSERS = "\"'”’»)]"
_TERMINALS = frozenset(".!?。！？")
#: The characters of INVISIBLE_RE one by one: an ``in`` test per character (a tight C loop each) is
#: several times faster than one regex scan; the ASCII ones come first, they are all an ASCII text needs.
_INVISIBLE_ASCII = tuple(chr(c) for c in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F))
_INVISIBLE_CHARS = _INVISIBLE_ASCII + tuple(chr(c) for c in (*range(0x80, 0x85), *range(0x86, 0xA0), 0x200B, 0x2060, 0xFEFF))


def has_invisible(text: str) -> bool:
    """Whether ``text`` holds a character of INVISIBLE_RE.

    >>> has_invisible("a\\u200bb"), has_invisible("a b\\n")
    (True, False)
    """
    for c in _INVISIBLE_ASCII if text.isascii() else _INVISIBLE_CHARS:
        if c in text:
            return True
    return False


class Line:
    """One non-blank line of the source. ``start``/``end`` bound the stripped text in the source."""

    __slots__ = (
        "cut",
        "ellipsis",
        "end",
        "idx",
        "n_words",
        "parts",
        "printable",
        "prose",
        "spaced",
        "start",
        "terminal",
        "text",
    )

    def __init__(self, idx: int, start: int, end: int, text: str) -> None:
        self.idx = idx
        self.start = start
        self.end = end
        self.text = text
        #: no character but printable ones and the space: no other white space, no invisible character
        self.printable = printable = text.isprintable()
        # Words: a printable line without a double space has no white space but single spaces (every
        # other white-space character is unprintable), so counting spaces gives len(text.split()).
        #: single-spaced (:func:`cleaner.engine.single_spaced`): the rule engine's sharper prefilter applies
        self.spaced = spaced = printable and "  " not in text
        n = text.count(" ") + 1 if spaced else len(text.split())
        if n * 12 < len(text):  # scripts written without spaces (CJK, Thai): about 3 chars a word
            n = max(n, len(text) // 3)
        self.n_words = n
        self.end_with(text)
        #: (kind, rule) when the whole line is cut
        self.cut: tuple[str, str] | None = None
        #: partial cuts: (start, end, kind, rule) in source offsets
        self.parts: list[tuple[int, int, str, str]] = []

    def end_with(self, text: str) -> None:
        """Judge the line's end (``terminal``, ``ellipsis``, ``prose``) on ``text``: the line's own text,
        or what the output will show of it once a cut at its end (a wire service's sign-off after the
        last full stop) is made.

        >>> ln = Line(0, 0, 70, "The ministry confirmed the figures on Monday after a long review. PTI")
        >>> ln.terminal
        False
        >>> ln.end_with(ln.text[:-4]); ln.terminal, ln.prose
        (True, True)
        """
        bare = text.rstrip(_CLOSERS)  # what TERMINAL_RE and ELLIPSIS_RE look at: the end before closers
        self.terminal = bare[-1:] in _TERMINALS
        self.ellipsis = bare.endswith(("…", "..."))
        self.prose = self.terminal and self.n_words >= PROSE_MIN_WORDS and not self.ellipsis

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        state = f" cut={self.cut}" if self.cut else ""
        return f"<Line {self.idx} {self.text[:40]!r}{state}>"


def split_lines(source: str) -> list[Line]:
    """Non-blank lines of ``source`` with the offsets of their stripped text.

    The pieces of :meth:`str.splitlines` are the runs of LINE_RE with their line breaks, which
    ``strip`` removes with the other white space.

    >>> [(ln.start, ln.text) for ln in split_lines(" a \\r\\n\\n\\u2028 b")]
    [(1, 'a'), (8, 'b')]
    """
    out: list[Line] = []
    pos = 0
    for piece in source.splitlines(True):
        text = piece.strip()
        if text:
            start = pos + len(piece) - len(piece.lstrip())
            out.append(Line(len(out), start, start + len(text), text))
        pos += len(piece)
    return out


class Doc:
    """A document being cleaned: its lines, the article block, proposed cuts and metadata found."""

    __slots__ = ("block", "fold_free", "lang", "lines", "meta", "source", "warnings")

    def __init__(self, source: str) -> None:
        self.source = source
        # Lines are read from a same-length view in which invisible characters are spaces, so rules see
        # what rendering will show (and offsets stay those of the source). No invisible character is
        # white space or a line break, so each stays in its line's text, which is then unprintable: the
        # lines tell whether the view is needed (cheaper than a look for 60 characters through the
        # whole source, as most lines are printable).
        lines = split_lines(source)
        for ln in lines:
            if not ln.printable and has_invisible(ln.text):
                lines = split_lines(INVISIBLE_RE.sub(" ", source))
                break
        self.lines = lines
        self.lang: str | None = None
        #: [first, last] line indices of the article block (set by zones.find_article_block)
        self.block: tuple[int, int] = (0, len(self.lines) - 1)
        self.meta: dict[str, object] = {}
        self.warnings: list[str] = []
        #: whether the source has no character that ``str.lower`` and the rules' case folding tell
        #: apart (set by the rule engine on first use: None until then)
        self.fold_free: bool | None = None

    def alive(self) -> list[Line]:
        """Lines not cut as a whole, in order."""
        return [ln for ln in self.lines if ln.cut is None]

    def zone(self, line: Line) -> str:
        """``head`` (before the article block), ``body`` or ``tail`` (after it)."""
        first, last = self.block
        if line.idx < first:
            return "head"
        if line.idx > last:
            return "tail"
        return "body"

    @staticmethod
    def cut_line(line: Line, kind: str, rule: str) -> None:
        """Propose cutting the whole line (the first proposal wins)."""
        if line.cut is None:
            line.cut = (kind, rule)
            line.parts.clear()

    @staticmethod
    def cut_span(line: Line, start: int, end: int, kind: str, rule: str) -> None:
        """Propose cutting ``source[start:end]``, part of ``line``; overlapping proposals are dropped.

        ``line.parts`` stays sorted, and a proposal is checked against its two neighbours only, so a
        line with thousands of cuts costs n log n, not n².
        """
        if line.cut is not None or start >= end:
            return
        parts = line.parts
        i = bisect.bisect_left(parts, (start,))
        if i > 0 and parts[i - 1][1] > start:
            return
        if i < len(parts) and parts[i][0] < end:
            return
        parts.insert(i, (start, end, kind, rule))
