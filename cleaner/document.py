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
import re
from typing import NamedTuple

import regex

#: The ids of everything a heuristic (not a rule file) cuts start with this; rule ids may not.
HEURISTIC_PREFIX = "heuristic."


class Cut(NamedTuple):
    """A proposal to cut a whole line: the kind of residue, the id of the rule or heuristic that
    proposes it, and whether that rule names a menu's item or control (``menu = true`` in its record).

    >>> c = Cut("ui_chrome", "menu-control", menu=True)
    >>> c.kind, c.by_heuristic, Cut("navigation", "heuristic.navigation.label-run").by_heuristic
    ('ui_chrome', False, True)
    """

    kind: str
    rule: str
    menu: bool = False

    @property
    def by_heuristic(self) -> bool:
        """Made by a heuristic of :mod:`cleaner.heuristics`, not by a rule of a rule file."""
        return self.rule.startswith(HEURISTIC_PREFIX)


class Part(NamedTuple):
    """A proposal to cut part of a line: ``source[start:end]``, its kind and the id that proposes it."""

    start: int
    end: int
    kind: str
    rule: str

#: Line boundaries: exactly the characters :meth:`str.splitlines` splits on, so segmentation and
#: rendering agree.
LINE_RE = regex.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
#: A sentence end: . ! ? and the full stops and question marks of other scripts (CJK, Greek, Arabic,
#: Devanagari, Armenian, Ethiopic, Myanmar, Khmer), optionally followed by closing quotes or brackets
#: (CJK ones included: ``。」``). A Greek line's ``;`` is its question mark (see :meth:`Line.end_with`).
TERMINAL_RE = regex.compile(r"[.!?。！？｡．\u037e؟۔।॥։።။។][\"'”’»)\]」』）】〕〗〙〉》＂＇]*$")
ELLIPSIS_RE = regex.compile(r"(?:…|\.\.\.|⋯)[\"'”’»)\]」』）】〕〗〙〉》＂＇]*$")
#: Characters rendering treats as white space besides str.split()'s: C0/C1 controls and zero-width
#: spaces. They are never in the article and would otherwise glue or split tokens invisibly. \x1f is
#: white space to str.split() (so to rendering) but not to the rules' ``\s``: the lines' view makes it
#: a space too, so that rules see what the output will show.
INVISIBLE_RE = regex.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff]")
#: A line with this many words and a sentence end is prose.
PROSE_MIN_WORDS = 10
#: A line this long holding this many sentence ends is prose whatever it ends with (a link, a name, an
#: arrow glued after its last sentence): no menu, teaser or label is made of three sentences and 60 words.
LONG_PARAGRAPH_WORDS = 60
LONG_PARAGRAPH_SENTENCES = 3
#: a sentence end inside a line: ``. T``, ``?” A`` (the zones count them too)
INNER_END_RE = regex.compile(r"[.!?。！？][\"'”’»)\]]*\s+[\"“‘«(]*\p{Lu}")
#: What TERMINAL_RE and ELLIPSIS_RE look for, tested with ``str`` methods (a regex scans the whole line).
CLOSERS = "\"'”’»)]」』）】〕〗〙〉》＂＇"
_TERMINALS = frozenset(".!?。！？｡．\u037e؟۔।॥։።။។")
#: Greek letters (basic and extended): before a ``;`` they make it a question mark
_GREEK = ("\u0370", "\u03ff", "\u1f00", "\u1fff")

# Scripts written without spaces between words. A line mostly in them is measured by its characters:
# about this many make one word's worth of text (what an English word carries, so that the thresholds
# on words hold for them too): a Han character (Chinese, Japanese kanji; most words are one or two) 1.7;
# hiragana, which writes particles and endings, 2; katakana, which writes loanwords and names (スポーツ,
# プライバシー), 4; a character of Thai, Lao, Khmer or Myanmar (vowel and tone marks are characters) 4.
_HAN = "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HIRAGANA = "\u3041-\u309f"
_KATAKANA = "\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9d"  # (not ・, a punctuation mark)
_THAI_LAO = "\u0e01-\u0e5b\u0e81-\u0edf"
_KHMER_MYANMAR = "\u1000-\u109f\u1780-\u17f9"
HAN_CHARS_PER_WORD = 1.7
HIRAGANA_CHARS_PER_WORD = 2.0
KATAKANA_CHARS_PER_WORD = 4.0
SOUTHEAST_ASIAN_CHARS_PER_WORD = 4.0
_UNSPACED = f"{_HAN}{_HIRAGANA}{_KATAKANA}{_THAI_LAO}{_KHMER_MYANMAR}"
#: a run of characters of those scripts
UNSPACED_RUN = re.compile(f"[{_UNSPACED}]+")
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")  # (a search for one is three times faster)
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HIRAGANA_RUN = re.compile(f"[{_HIRAGANA}]+")
_KATAKANA_RUN = re.compile(f"[{_KATAKANA}]+")
_THAI_LAO_RUN = re.compile(f"[{_THAI_LAO}]+")
#: a line is measured by its characters when at least this share of them are of those scripts
UNSPACED_SHARE = 0.25
_ALNUM = re.compile(r"[^\W_]").search
#: Thai and Lao mark no sentence end: a line in them, this long and ending in a letter or a digit of
#: theirs, is prose (twice PROSE_MIN_WORDS: a headline is written without punctuation too)
UNPUNCTUATED_PROSE_WORDS = 2 * PROSE_MIN_WORDS
_THAI_LAO_END = re.compile(r"[\u0e01-\u0e4e\u0e50-\u0e59\u0e81-\u0ecd\u0ed0-\u0ed9]")
#: The characters of INVISIBLE_RE one by one: an ``in`` test per character (a tight C loop each) is
#: several times faster than one regex scan; the ASCII ones come first, they are all an ASCII text needs.
_INVISIBLE_ASCII = tuple(chr(c) for c in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F))
_INVISIBLE_CHARS = _INVISIBLE_ASCII + tuple(chr(c) for c in (*range(0x80, 0x85), *range(0x86, 0xA0), 0x200B, 0x2060, 0xFEFF))


def unspaced_words(text: str) -> int | None:
    """The words of ``text`` when UNSPACED_SHARE of its characters or more are of a script written
    without spaces: its runs of those characters counted by their length (``*_CHARS_PER_WORD``), the
    rest by its tokens that hold a letter or a digit (``iPhone``, ``2024``, not ``|``). None for other
    text, which is counted by its spaces.

    >>> unspaced_words("东江市今年将新开十二条公交线路"), unspaced_words("据 IDC 数据，2023 年出货量为 7,363 万台。")
    (9, 9)
    >>> unspaced_words("The character 水 means water."), unspaced_words("Главная страница")
    (None, None)
    """
    measured = None if text.isascii() else measure_unspaced(text)
    return None if measured is None else measured[0]


def measure_unspaced(text: str) -> tuple[int, float, bool] | None:
    """For a non-ASCII ``text`` that :func:`unspaced_words` measures by its characters: its words, the
    words a character of its unspaced runs makes on average, and whether half of it or more is Thai or
    Lao (which mark no sentence end). None for other text.
    """
    n = len(text)
    # A character of those scripts takes three bytes or more in UTF-8: one C pass rules out most lines
    # of other scripts before the scans (curly quotes and dashes take three bytes too, but are few).
    if len(text.encode("utf-8", "surrogatepass")) - n < 2 * UNSPACED_SHARE * n or not _UNSPACED_CHAR.search(text):
        return None
    chars = sum(map(len, UNSPACED_RUN.findall(text)))
    if chars < UNSPACED_SHARE * n:
        return None
    # each script's count, the last one (Khmer and Myanmar) by difference; most lines need one or two scans
    counts = [0, 0, 0, 0]
    left = chars
    for i, run in enumerate((_HAN_RUN, _HIRAGANA_RUN, _KATAKANA_RUN, _THAI_LAO_RUN)):
        if left:
            counts[i] = found = sum(map(len, run.findall(text)))
            left -= found
    han, hiragana, katakana, thai_lao = counts
    unspaced = (
        han / HAN_CHARS_PER_WORD
        + hiragana / HIRAGANA_CHARS_PER_WORD
        + katakana / KATAKANA_CHARS_PER_WORD
        + (thai_lao + left) / SOUTHEAST_ASIAN_CHARS_PER_WORD
    )
    rest = sum(1 for token in UNSPACED_RUN.sub(" ", text).split() if _ALNUM(token))
    return max(1, int(rest + unspaced + 0.5)), unspaced / chars, thai_lao * 2 >= n


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
        "unpunctuated",
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
        #: half of the line or more is Thai or Lao, which mark no sentence end
        self.unpunctuated = False
        # A line mostly in a script written without spaces (CJK, Thai) is measured by its characters.
        measured = None if text.isascii() else measure_unspaced(text)
        if measured is not None:
            n, _, self.unpunctuated = measured
        elif n * 12 < len(text):  # a long token (a link, a run of symbols): about 3 chars a word
            n = max(n, len(text) // 3)
        self.n_words = n
        self.end_with(text)
        #: the proposal that cuts the whole line, if any
        self.cut: Cut | None = None
        #: proposals that cut part of the line, in source offsets, sorted
        self.parts: list[Part] = []

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
        bare = text.rstrip(CLOSERS)  # what TERMINAL_RE and ELLIPSIS_RE look at: the end before closers
        last = bare[-1:]
        self.terminal = terminal = last in _TERMINALS or (last == ";" and _greek(bare[:-1].rstrip(CLOSERS)[-1:]))
        self.ellipsis = ellipsis = bare.endswith(("…", "...", "⋯"))  # (a literal tuple: a constant)
        if terminal:
            self.prose = self.n_words >= PROSE_MIN_WORDS and not ellipsis
        else:
            # Thai and Lao end a sentence with a space or a line break only: a long line is a paragraph.
            # A long line of several sentences is one whatever its end (a "Read more »" glued to the last).
            self.prose = (
                self.unpunctuated and self.n_words >= UNPUNCTUATED_PROSE_WORDS and _THAI_LAO_END.match(last) is not None
            ) or (
                self.n_words >= LONG_PARAGRAPH_WORDS
                and not ellipsis
                and len(INNER_END_RE.findall(text)) >= LONG_PARAGRAPH_SENTENCES
            )

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        state = f" cut={self.cut}" if self.cut else ""
        return f"<Line {self.idx} {self.text[:40]!r}{state}>"


def _greek(char: str) -> bool:
    """Whether ``char`` is a Greek letter (a ``;`` after it is a question mark)."""
    return _GREEK[0] <= char <= _GREEK[1] or _GREEK[2] <= char <= _GREEK[3]


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


def line_texts(source: str) -> list[str]:
    """The text of each line of ``Doc(source).lines``: non-blank, stripped, invisible characters made
    spaces (a line holding one is read from the same view :class:`Doc` reads it from).

    >>> line_texts("Home\\n\\n  Sport \\r\\nNews\\u200bletter\\n\\u200b")
    ['Home', 'Sport', 'News letter']
    """
    texts = [t for t in (piece.strip() for piece in source.splitlines()) if t]
    for text in texts:
        if not text.isprintable() and has_invisible(text):
            return [t for t in (piece.strip() for piece in INVISIBLE_RE.sub(" ", source).splitlines()) if t]
    return texts


def shapes_of(texts: list[str]) -> list[tuple[int, bool]]:
    """``(n_words, prose)`` of each of ``texts`` (lines from :func:`line_texts`), as :class:`Line` measures
    them: for site memory's learning pass, which needs no more of a line and sees every line of every page.

    A page is mostly short lines (menus, links, labels): a line under PROSE_MIN_WORDS words cannot be
    prose (every branch of :meth:`Line.end_with` needs that many words, or Thai or Lao). A line not in a
    script written without spaces (:func:`measure_unspaced`: ASCII, or a Latin line with curly quotes) has
    its words counted as :class:`Line` counts them and its end judged as :meth:`Line.end_with` judges it,
    without building one; lines of those scripts are measured by :class:`Line` itself. A test checks the
    values against :class:`Doc`'s lines.

    >>> shapes_of(["Home", "The mayor opened the new bridge on Monday after two years of work."])
    [(1, False), (13, True)]
    """
    out: list[tuple[int, bool]] = []
    append = out.append
    for text in texts:
        if not text.isascii() and measure_unspaced(text) is not None:
            ln = Line(0, 0, len(text), text)
            append((ln.n_words, ln.prose))
            continue
        # Line.__init__ and Line.end_with for a line measured by its spaces (so never "unpunctuated")
        n = text.count(" ") + 1 if "  " not in text and text.isprintable() else len(text.split())
        if n * 12 < len(text):
            n = max(n, len(text) // 3)
        if n < PROSE_MIN_WORDS:
            append((n, False))
            continue
        bare = text.rstrip(CLOSERS)
        last = bare[-1:]
        ellipsis = bare.endswith(("…", "...", "⋯"))
        if last in _TERMINALS or (last == ";" and _greek(bare[:-1].rstrip(CLOSERS)[-1:])):
            append((n, not ellipsis))
        else:
            append((n, n >= LONG_PARAGRAPH_WORDS and not ellipsis
                    and len(INNER_END_RE.findall(text)) >= LONG_PARAGRAPH_SENTENCES))
    return out


def line_shapes(source: str) -> list[tuple[str, int, bool]]:
    """``(text, n_words, prose)`` of each line of ``Doc(source).lines``, the same values
    (:func:`line_texts`, :func:`shapes_of`).

    >>> line_shapes("Home\\n\\n  Sport \\r\\nThe mayor opened the new bridge on Monday after two years of work.")
    [('Home', 1, False), ('Sport', 1, False), ('The mayor opened the new bridge on Monday after two years of work.', 13, True)]
    """
    texts = line_texts(source)
    return [(t, n, prose) for t, (n, prose) in zip(texts, shapes_of(texts), strict=True)]


class Memo:
    """What the stages work out once per document and share, typed (no string keys): each field belongs
    to the stage that fills it, and the others only read it through that stage's functions.

    Line text and line ends are settled before the heuristics run, and the heuristics run up to
    MAX_ROUNDS times in each zone pass: verdicts that depend on them alone are computed once.
    """

    __slots__ = ("contents_headers", "counted_labels", "crumbs", "dated_teasers", "full_page", "glued_teasers",
                 "label_shapes", "menu_labels", "program_lines", "table_cells", "table_taken_back", "tag_labels",
                 "tag_lines")

    def __init__(self) -> None:
        #: zones.find_tables: indices of the lines that are a table's cells
        self.table_cells: frozenset[int] | None = None
        #: zones.find_tables: the cuts it took back from table cells (see zones.find_tables_again)
        self.table_taken_back: dict[int, Cut] = {}
        #: zones.glued_teasers: indices of the lines that are a teaser's headline glued to its summary
        self.glued_teasers: frozenset[int] | None = None
        #: zones.dated_teasers: indices of the paragraphs that are a dated teaser card's summary
        self.dated_teasers: frozenset[int] | None = None
        #: page.is_full_page: the block it was answered for, and the answer
        self.full_page: tuple[tuple[int, int], bool] | None = None
        #: navigation: each line's label shape, and verdicts per line index on menu labels and crumbs
        self.label_shapes: list[bool] | None = None
        self.menu_labels: dict[int, bool] = {}
        self.crumbs: dict[int, bool] = {}
        #: navigation: the indices of the lines that are a counted label (``Politics (23)``) or a year,
        #: and whether each is a year (a count-list widget's candidates)
        self.counted_labels: dict[int, bool] | None = None
        #: navigation: the indices of the lines that read as a table of contents' header
        self.contents_headers: tuple[int, ...] | None = None
        #: shape.program_lines: indices of the lines of the programs the document prints a line a line
        self.program_lines: frozenset[int] | None = None
        #: tags: verdicts per line index on tag-list lines, and the lines that are a label alone
        self.tag_lines: dict[int, bool] = {}
        self.tag_labels: list[Line] | None = None


class Doc:
    """A document being cleaned: its lines, the article block, proposed cuts and metadata found."""

    __slots__ = ("block", "evidence", "fold_free", "input", "lang", "lines", "memo", "source", "warnings")

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
        #: what the document is: "page", "extract" or "article" (set by the pipeline, given or detected
        #: on the first zones; None until then)
        self.input: str | None = None
        #: [first, last] line indices of the article block (set by zones.find_article_block)
        self.block: tuple[int, int] = (0, len(self.lines) - 1)
        #: what the stages work out once and share
        self.memo = Memo()
        self.warnings: list[str] = []
        #: whether the source has no character that ``str.lower`` and the rules' case folding tell
        #: apart (set by the rule engine on first use: None until then)
        self.fold_free: bool | None = None
        #: line index -> (stories of the site printing the line, stories of the site): the evidence of the
        #: cuts site memory proposed (:mod:`cleaner.memory`)
        self.evidence: dict[int, tuple[int, int]] = {}

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
    def cut_line(line: Line, kind: str, rule: str, *, menu: bool = False) -> None:
        """Propose cutting the whole line (the first proposal wins)."""
        if line.cut is None:
            line.cut = Cut(kind, rule, menu)
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
        if i > 0 and parts[i - 1].end > start:
            return
        if i < len(parts) and parts[i].start < end:
            return
        parts.insert(i, Part(start, end, kind, rule))


def shown(source: str, ln: Line) -> str:
    """What a line with partial cuts shows in the output (white space folded).

    >>> d = Doc("search Search")
    >>> d.cut_span(d.lines[0], 0, 7, "duplicate_word", "heuristic.duplicated-word")
    >>> shown(d.source, d.lines[0])
    'Search'
    """
    pieces, pos = [], ln.start
    for part in ln.parts:
        pieces.append(source[pos : part.start])
        pos = part.end
    pieces.append(source[pos : ln.end])
    return " ".join(" ".join(pieces).split())
