"""Line shape: cheap, language-independent measures the zone heuristics share.

What it gives: the word count of a line as its cleaned form will have it (a stutter such as
``“end “end any`` counts once, so a line reads the same before and after cleaning), the share of its
words that start with a capital (menus and headlines are Title Case, sentences are not; in a script
without case and spaces, how the line ends tells instead: see :func:`initials`), and whether it opens
with a list marker (``-``, ``•``, ``1.``, ``a)``).

Why: heuristics decide by thresholds on these measures; computing them in one place keeps the
decisions consistent between stages and between a first and a second cleaning (idempotence).

Example:
    >>> words("Pakistan needs to “end “end any support"), words("Home News"), words("the the the")
    (6, 2, 1)
    >>> title_share("Weight Loss Tips"), title_share("Lower fees for savers")
    (1.0, 0.25)
    >>> bool(LIST_MARK.match("1) Lego Star Wars")), bool(LIST_MARK.match("10 things to know"))
    (True, False)
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise
from operator import itemgetter

import regex

from cleaner.dates import MONTH_PATTERN
from cleaner.document import CLOSERS, UNSPACED_RUN, Doc, Line, measure_unspaced

_FIRST = itemgetter(0)
#: how running text ends a line in a script without spaces: a sentence end or a clause mark, perhaps
#: before closing quotes or brackets
_TEXT_ENDS = frozenset(".!?。！？｡．,;:，、；：")
#: a list item's opening: a bullet or dash, ``1.``, ``1)``, ``(1)``, ``a)`` followed by a space
LIST_MARK = regex.compile(r"(?:[-–—•·*▪►✓✔]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z]\))\s")
# a word written twice in a row (what heuristics.stutter may cut), case-insensitive, quotes allowed
_DOUBLED = regex.compile(r"(?<![\w'’-])(\p{L}[\p{L}'’]*)(?:\s+[“\"‘'(\[«]?\1){1,3}(?![\w'’-])", regex.IGNORECASE)


# a date, a time or an age: what a listing prints under each teaser, a comment under each name
_DATE_BITS = regex.compile(
    rf"""\b(?:\d{{1,2}}\.?\s+(?:de\s+)?{MONTH_PATTERN}|{MONTH_PATTERN}\s+\d{{1,2}}\b|\d{{4}}-\d{{2}}-\d{{2}}|
        \d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\d{{1,2}}:\d{{2}}|
        \d+\s+(?:min|mins|minutes?|hours?|hrs?|days?|weeks?|months?)\s+ago)""",
    regex.VERBOSE | regex.IGNORECASE,
)
#: A necessary condition for _DATE_BITS that is quick to rule out: each of its alternatives holds a digit,
#: and this keeps, next to one of them, only what that alternative needs there (a month name after it,
#: or before it in a look-behind; a separator and a digit; an age's unit). The regex then tries the
#: month names only next to digits, where _DATE_BITS tries them at every position of the line.
_DATE_HINT = regex.compile(
    rf"""\d(?:[-./:]\d|\.?\s+(?:de\s+)?{MONTH_PATTERN}|\s+(?:min|mins|minutes?|hours?|hrs?|days?|weeks?|months?)\s+ago)
        |\d(?<={MONTH_PATTERN}\s+\d)""",
    regex.VERBOSE | regex.IGNORECASE,
)
#: a date line has at most this many words, and at most one word beside its date and time words
DATE_LINE_WORDS = 8
_DATE_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur fri sat sun
    am pm a.m. p.m. at on updated published posted by et est edt pst pdt gmt utc cet cest
    montag dienstag mittwoch donnerstag freitag samstag sonntag um uhr am aktualisiert veröffentlicht
    lundi mardi mercredi jeudi vendredi samedi dimanche le à mis jour publié
    lunes martes miércoles jueves viernes sábado domingo el de a las actualizado publicado
    """.split()
)


def is_date_line(ln: Line) -> bool:
    """A short line that holds a date, a time or an age (``Wednesday November 20, 2019``, ``7 hours
    ago``, ``| November 18, 2019 12:01 PM``), and no sentence.

    >>> from cleaner.document import Doc
    >>> text = "Tuesday November 19, 2019\\n7 hours ago\\nHe left on May 5.\\nJune 9 – Tampa, FL @ MidFlorida Amphitheatre"
    >>> [is_date_line(x) for x in Doc(text + "\\nViernes, 24 de mayo de 2024").lines]
    [True, True, False, False, True]
    """
    if ln.n_words > DATE_LINE_WORDS or ln.terminal or _DATE_HINT.search(ln.text) is None:
        return False
    rest, found = _DATE_BITS.subn(" ", ln.text)
    if not found:
        return False
    return sum(1 for w in rest.split() if w[:1].isalpha() and w.lower().rstrip(",.:") not in _DATE_WORDS) <= 1


def words(text: str | Line) -> int:
    """Words in a line, counting a word written twice in a row once."""
    if isinstance(text, Line):
        n, text = text.n_words, text.text
    else:
        n = len(text.split())
    if n < 2 or _DOUBLED.search(text) is None:
        return n
    return n - sum(len(m.group().split()) - 1 for m in _DOUBLED.finditer(text))


def undoubled(text: str) -> str:
    """``text`` with a word written twice in a row written once, as the stutter stage leaves it (its
    last copy): what a stage that runs before that one must judge, for a second cleaning to agree.

    >>> undoubled("search Search all UC Davis Health"), undoubled("Home")
    ('Search all UC Davis Health', 'Home')
    """
    if _DOUBLED.search(text) is None:
        return text
    return _DOUBLED.sub(lambda m: m.group().split()[-1], text)


def list_item(text: str) -> bool:
    """Whether ``text`` opens with a list marker (:data:`LIST_MARK`).

    No opening LIST_MARK knows (a bullet, a digit, a bracket, a lowercase letter) is a capital, and
    most lines that are not list items open with one: a ``str`` test then spares the regex.

    >>> list_item("- 165 votes"), list_item("a) first"), list_item("Home")
    (True, True, False)
    """
    return not text[:1].isupper() and LIST_MARK.match(text) is not None


def table_row(text: str) -> bool:
    """A row of a table rendered as text, cells between pipes (``| 1 | Kyle Busch | 5040 |``).

    >>> table_row("| Pos | Player | Plays |"), table_row("Home | World | Sport")
    (True, False)
    """
    return len(text) > 2 and text.startswith("|") and text.endswith("|")


#: the verbs that attribute a comment or a quote to its writer (``joe123 says:``, ``Jane wrote:``, ``Ann a dit :``)
SAYS = (
    r"says|said|wrote|writes|sagt|schrieb|schreibt|dit|a\s+dit|écrit|dice|dijo|escribió|disse|scrive|"
    r"ha\s+scritto|пишет|написал[аи]?"
)


#: the marks of a line of code: a call (``f(1, 2)``), brackets, an assignment or a comparison, a statement's
#: closing semicolon, a comment (``//``, ``# `` then a space: a hashtag has none), an arrow, a generic type
#: (``Result<T, E>``), an import or a definition (``from x import y``, ``def f``, ``class C(``), an SQL
#: statement in capitals as a database's log prints it (``INSERT INTO t (a) VALUES (?)``, ``SELECT a FROM t``).
#: A table row that opens with a pipe shares a tag list's pipes, so it is named too.
_CODE = regex.compile(
    r"\w\(|[\[\]{}]|[^=!<>]=|;\s*$|//|[=-]>|^\s*#\s|^\||\w<[\w'&]"
    r"|^\s*(?:from\s+[\w.]+\s+import|import\s+[\w.]+\s*$|(?:def|fn|func|function)\s+\w+\s*\(|class\s+\w+\s*[(:{])"
    r"|^\s*(?:SELECT\s.*\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\S+\s+SET\s|DELETE\s+FROM\s|(?:CREATE|ALTER|DROP)\s+TABLE\s)"
)


#: a line of code holds one of these characters, or opens with one of these words (a quick test first; a
#: line that opens with one may end like a sentence, ``SELECT a FROM t WHERE id = ?``)
_CODE_CHARS = "([{}]=;/<>#|"
CODE_STARTS = ("from ", "import ", "def ", "fn ", "func ", "function ", "class ", "SELECT ", "INSERT ", "UPDATE ",
                "DELETE ", "CREATE ", "ALTER ", "DROP ")


def code_like(text: str) -> bool:
    """Whether ``text`` carries a mark of code or opens like a table row: documentation's and data's own
    lines, which share a tag list's commas and come back as often as the program needs them.

    >>> code_like("impl<T, E> Result<Result<T, E>, E>"), code_like("from pydantic import BaseModel, Field")
    (True, True)
    >>> code_like("return { body: msg };"), code_like("Politics, Sport, Tech"), code_like("import duties, tariffs, trade")
    (True, False, False)
    >>> code_like("INSERT INTO address (email, user_id) VALUES (?, ?)"), code_like("SELECT the best seats from the map")
    (True, False)
    """
    if not any(c in text for c in _CODE_CHARS):  # most lines: no mark but perhaps an opening keyword
        return text.lstrip().startswith(CODE_STARTS) and _CODE.search(text) is not None
    return _CODE.search(text) is not None


#: the marks of a program's line, stricter than :func:`~cleaner.heuristics.shape.code_like`, whose marks a
#: documentation site's menu of names shares (``calc()``, ``<table>``, ``Array.prototype.map()``): a
#: statement's or a block's end (``{``, ``}``, ``;``, a call's open ``(``; a literal's ``,`` after a dot, a quote, a
#: bracket, a colon or an operator), a line that closes a block, an
#: assignment or a comparison between spaces, a statement's keyword followed by a bracket, an operator or a
#: comma (``return 0, err``; not ``return to top``, nor a price ``from 28,33 €``)
_PROGRAM = regex.compile(
    r"[{(\[};]\s*$|^(?=.*?[.\"'():=\[\]{}<>]).*,\s*$|^\s*[})\]]|\s(?:=|:=|==|!=|=>|->|\+=|-=|\|\||&&)\s"
    r"|^\s*(?:return|if|for|while|def|func|function|var|let|const|package|class)\b(?=.*?[(){}\[\]=;:,\"'])"
    r"|^\s*(?:from\s+[\w.]+\s+import|#include)\b"
)
#: a program's lines: at least CODE_MIN_MARKED lines with a mark, at most CODE_GAP lines apart (``return``,
#: ``i++``, ``defer f.Close()`` between them), no paragraph among them
CODE_MIN_MARKED = 2
CODE_GAP = 3


def code_lines(lines: list[Line]) -> set[int]:
    """The lines of the programs a page prints a line a line: from a line with a mark of a program
    (:data:`_PROGRAM`) to the last such line after it, with at most CODE_GAP lines between two of them
    and no paragraph; when a paragraph follows within CODE_GAP lines, the lines before it close the
    program (``this.handleStatusChange`` before the call's cut ``);``). Lines already cut (a lone ``}`` is
    a line of symbols to the rules) are not counted, as a second cleaning of the output would not see them.

    What it catches: the code examples of a technical article or a documentation page. Why: their
    short lines (``return``, ``src.Close()``, ``"Cookie"``) read as menu labels and teaser headlines, so
    the navigation and teaser stages would cut the program the article explains, and the article block
    would stop at it; its marks say what it is, in any zone. A documentation site's menu of names
    (``calc()``, ``<table>``) has none of these marks. A line ending in a semicolon marks one too, so an
    enumeration written an item a line (``Norman Haworth;``) is kept the same way; a comma at the end
    marks a line only beside a mark of code in it (``this.props.id,``, ``"Default": "Warning",``): a text
    broken a word a line (``said,``) or a poem's verse is not a program.

    >>> from cleaner.document import Doc
    >>> d = Doc("Home\\nfunc main() {\\nx := 1\\ndefer f.Close()\\nreturn x\\n}\\nThat is all the program does, in the end.")
    >>> sorted(code_lines(d.lines))
    [1, 2, 3, 4, 5]
    """
    found: set[int] = set()
    lines = [ln for ln in lines if ln.cut is None]  # what the output shows: a second cleaning sees no more
    start = last = -1
    marked = 0
    for i, ln in enumerate(lines):
        if ln.prose:
            if marked >= CODE_MIN_MARKED:  # the explanation resumes: the lines since the last mark close it
                found.update(range(start, i))
            start, marked = -1, 0
            continue
        if _PROGRAM.search(ln.text):
            if start < 0 or i - last > CODE_GAP + 1:
                if marked >= CODE_MIN_MARKED:
                    found.update(range(start, last + 1))
                start, marked = i, 0
            marked += 1
            last = i
        elif start >= 0 and i - last > CODE_GAP:  # too far from the last mark: a program ended there
            if marked >= CODE_MIN_MARKED:
                found.update(range(start, last + 1))
            start, marked = -1, 0
    if marked >= CODE_MIN_MARKED:
        found.update(range(start, last + 1))
    return {lines[k].idx for k in found}


def program_lines(doc: Doc) -> frozenset[int]:
    """:func:`code_lines` of the document, found once (``doc.memo``) when a stage first asks, after the
    rules' cuts (the repeats stage, then the tables stage and the repeats stage's second pass): the
    stages that ask all see the same programs."""
    found = doc.memo.program_lines
    if found is None:
        found = doc.memo.program_lines = frozenset(code_lines(doc.lines))
    return found


def initials(text: str) -> list[str]:
    """The first characters of the words of ``text`` that start with a letter.

    Each step is a C-level ``map`` or ``filter``: the heuristics call this tens of thousands of times a
    second, and a loop written in Python costs several times more.

    A line written mostly in a script without spaces (:func:`~cleaner.document.unspaced_words`: Chinese,
    Japanese, Thai) has no case, so case cannot tell its text from its labels and headlines; its end
    can. When it ends like running text, with a sentence end or a clause mark (``。``, ``，``, ``、``), a
    run of that script gives as many caseless initials as it makes words (as ``Line.n_words`` counts
    them): the line reads as sentence text. Otherwise (a label, a headline: nothing at its end) its runs
    give none, and only its words in a cased script count (``Kindle`` in ``Kindle 电子书``): the line is
    no sentence text for want of case, nor Title Case for want of capitals. Thai and Lao mark neither
    sentence nor clause ends, but put spaces between phrases: the phrases count as words.

    >>> initials("Top 10 tips for 2024"), initials("据 IDC 数据显示，"), initials("首页 新闻 国内 国际")
    (['T', 't', 'f'], ['I', '据', '数', '数'], [])
    """
    measured = None if text.isascii() else measure_unspaced(text)
    if measured is None or measured[2]:  # (Thai and Lao mark no ends: their phrases count as words)
        return list(filter(str.isalpha, map(_FIRST, text.split())))
    letters = list(filter(str.isalpha, map(_FIRST, UNSPACED_RUN.sub(" ", text).split())))
    if text.rstrip(CLOSERS)[-1:] in _TEXT_ENDS:
        per_char = measured[1]
        for run in UNSPACED_RUN.findall(text):
            letters += [run[0]] * max(1, int(len(run) * per_char + 0.5))
    return letters


def title_share(text: str) -> float:
    """Share of the alphabetic words of ``text`` that start with a capital letter (0.0 with none)."""
    letters = initials(text)
    if not letters:
        return 0.0
    return sum(map(str.isupper, letters)) / len(letters)


#: the digits of ASCII text, to :meth:`str.isdigit` and to the regexes' ``\d`` alike
ASCII_DIGITS = frozenset("0123456789")


def has_digit(text: str) -> bool:
    """Whether a character of ``text`` is a digit to :meth:`str.isdigit` (``²`` and ``٣`` included).

    An ASCII text's only digits are 0-9: one C-level set test instead of a call a character.

    >>> has_digit("Top 10"), has_digit("Weight Loss"), has_digit("x²")
    (True, False, True)
    """
    if text.isascii():
        return not ASCII_DIGITS.isdisjoint(text)
    return any(map(str.isdigit, text))


#: a cell of a table scraped one cell per line that holds a figure: ``5040``, ``85%``, ``$139.00``, ``3-1``
_FIGURE_CELL = regex.compile(r"[-+−–]?[$€£¥]?\d[\d.,:/'’×x–-]*\s?(?:%|[KkMm]|[$€£¥])?")
_FIGURE_CHARS = frozenset("0123456789-+−–$€£¥")
#: a table: at least this many rows of 3 to 12 cells, each row with two figures and a text cell
TABLE_MIN_ROWS = 3
#: or this many under a header row
TABLE_MIN_HEADED_ROWS = 2
TABLE_MIN_COLS = 3
TABLE_MAX_COLS = 12
TABLE_CELL_WORDS = 25
TABLE_MAX_HEADER_ROWS = 2
_TABLE_RUNS = [
    regex.compile(rf"([nt]{{{p}}})\1{{{TABLE_MIN_ROWS - 1},}}") for p in range(TABLE_MIN_COLS, TABLE_MAX_COLS + 1)
]
#: a shorter table counts only under a header row (``Ticker / Security / Last / Change / Change %``)
_SHORT_TABLE_RUNS = [
    regex.compile(rf"([nt]{{{p}}})\1{{{TABLE_MIN_HEADED_ROWS - 1}}}") for p in range(TABLE_MIN_COLS, TABLE_MAX_COLS + 1)
]


def figure_cell(ln: Line) -> bool:
    """A line that is one figure: a table cell (or a counter), not text.

    >>> from cleaner.document import Doc
    >>> [figure_cell(x) for x in Doc("5040\\n85%\\n$139.00\\n2019 was a good year").lines]
    [True, True, True, False]
    """
    t = ln.text
    return len(t) <= 12 and t[0] in _FIGURE_CHARS and _FIGURE_CELL.fullmatch(t) is not None


#: a time series written a value a line needs this many (date, figure) rows in a row
SERIES_MIN_ROWS = 6


def series_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """Positions ``[first, last]`` in ``lines`` of time series scraped one value per line: a date, then its
    figure, row after row, SERIES_MIN_ROWS rows or more (a chart's data, ``1/1/2013`` / ``+13.1%``).

    A date alone on its line is a stray date header to the rules and a figure alone a counter, but a run
    of dates each with its figure is the data the article charts. A list of dates alone (an archive) or of
    figures alone (a pager) does not qualify, nor a date over a headline (teaser cards).

    >>> from cleaner.document import Doc
    >>> rows = "".join(f"{m}/1/2024\\n+{m}.5%\\n" for m in range(1, 8))
    >>> series_runs(Doc("Prices rose again in the spring, the index shows.\\n" + rows + "The end.").lines)
    [(1, 14)]
    """
    out: list[tuple[int, int]] = []
    n = len(lines)
    i = 0
    while i + 1 < n:
        j = i
        while j + 1 < n and _series_row(lines[j], lines[j + 1]):
            j += 2
        if (j - i) // 2 >= SERIES_MIN_ROWS:
            out.append((i, j - 1))
            i = j
        else:
            i += 1
    return out


def _series_row(date: Line, value: Line) -> bool:
    # (the cheap tests first: most lines are neither a short date nor a figure)
    return (date.n_words <= 4 and value.n_words <= 2 and value.text[0] in _FIGURE_CHARS and figure_cell(value)
            and is_date_line(date) and not is_date_line(value))


#: a ranked table written a cell a line needs this many rows, each opening with its rank (1, 2, 3 ...)
RANKED_MIN_ROWS = 5
#: ... and the lines of a row (its rank and its cells) between these bounds
RANKED_MIN_ROW_LINES = 3
RANKED_MAX_ROW_LINES = 14


def ranked_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """Positions ``[first, last]`` in ``lines`` of ranked tables scraped one cell per line: RANKED_MIN_ROWS
    rows or more, each opening with its rank alone on a line, 1, 2, 3 ... in order, and holding two to
    thirteen cells after it (``1 / Silverback Strategies / 2007 / Washington DC / 4.8 / Yes``), with the
    header row of short labels right above it (no more of them than the widest row has lines).

    The cells of such a table vary from row to row (an empty cell is no line at all), so the repeated
    pattern of :func:`table_runs` misses them, and its short cells read as a menu; the ranks in order,
    each over a row of cells, are the table's own frame. A "most read" box (a rank and a headline: one
    cell a row) and a pager or a carousel's dots (ranks on consecutive lines) do not qualify.

    >>> from cleaner.document import Doc
    >>> rows = "".join(f"{i}\\nAgency {i}\\n{2000 + i}\\nBoston, MA\\n" + "Yes\\n" * (i % 2) for i in range(1, 7))
    >>> ranked_runs(Doc("The agencies we reviewed, ranked by client score.\\nRank\\nAgency\\n" + rows + "The end.").lines)
    [(1, 29)]
    """
    ranks = [(i, int(ln.text)) for i, ln in enumerate(lines) if len(ln.text) <= 3 and ln.text.isdecimal()]
    positions = [i for i, _ in ranks]
    twos = [i for i, v in ranks if v == 2]
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(ranks):
        start, value = ranks[k]
        second = bisect_right(twos, start + RANKED_MIN_ROW_LINES - 1)
        if value != 1 or second == len(twos) or twos[second] > start + RANKED_MAX_ROW_LINES:
            k += 1  # (no rank 2 a row below: no table starts here, and no need to walk the ranks)
            continue
        chain = [start]
        for j in range(k + 1, len(ranks)):  # (no copy of the list, no skipping: lines of "1" are no table either)
            i, v = ranks[j]
            gap = i - chain[-1]
            if gap > RANKED_MAX_ROW_LINES:
                break
            if v == len(chain) + 1:
                if gap < RANKED_MIN_ROW_LINES:
                    break  # ranks close together: a pager, a carousel's dots, a rating's stars
                chain.append(i)
        if len(chain) >= RANKED_MIN_ROWS:
            end = chain[-1]  # the last row: as long as the one above at most, up to a sentence
            for j in range(chain[-1] + 1, min(len(lines), chain[-1] + chain[-1] - chain[-2])):
                if lines[j].terminal or lines[j].prose:
                    break
                end = j
            widest = max(b - a for a, b in pairwise(chain))
            head = start  # a header row right above: short labels, no more than a row holds
            while head > 0 and start - head < widest and _header_cell(lines[head - 1]):
                head -= 1
            out.append((head, end))
            k = bisect_right(positions, end)
        else:
            k += 1
    return out


def _header_cell(ln: Line) -> bool:
    return ln.n_words <= 4 and not ln.terminal and not ln.prose and not ln.text.isdigit()


def table_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """Positions ``[first, last]`` in ``lines`` of tables scraped one cell per line: runs of at least
    TABLE_MIN_ROWS rows whose cells repeat the same pattern of figures and short texts, a row holding
    two figures or more and a text (``1 / Kyle Busch / 5040 / 5 / 1 / 17 / 27``). A header row of short
    labels right above is part of the table; under one, TABLE_MIN_HEADED_ROWS rows are enough (a quote
    box of two stocks: ``Ticker / Security / Last / Change`` over ``HD / HOME DEPOT / 225.86 / -12.99``).

    A menu (texts only), a pager (figures only), a share bar (a name and a count: two cells), a ranked
    list (a number and a headline, repeated) and teaser cards (a headline, a date, counters) do not
    qualify.

    >>> from cleaner.document import Doc
    >>> rows = "Pos\\nDriver\\nPoints\\nWins\\n" + "".join(f"{i}\\nDriver {i}\\n{5000 - i * 7}\\n{i % 3}\\n" for i in range(1, 5))
    >>> table_runs(Doc("A sentence that opens the article about standings.\\n" + rows + "The end.").lines)
    [(1, 20)]
    """
    figures = [i for i, ln in enumerate(lines) if ln.n_words <= 2 and ln.text[0] in _FIGURE_CHARS and figure_cell(ln)]
    if len(figures) < 2 * TABLE_MIN_HEADED_ROWS:
        return []  # the common case: not enough figures for a table
    # A table's figures are never more than a row apart: look only at such clusters of figures.
    spans: list[tuple[int, int]] = []
    first = prev = figures[0]
    count = 0
    for i in [*figures, len(lines) + TABLE_MAX_COLS]:
        if i - prev >= TABLE_MAX_COLS:
            if count >= 2 * TABLE_MIN_HEADED_ROWS:
                _tables_in(lines, figures, first, prev, spans)
            first, count = i, 0
        prev = i
        count += 1
    if len(spans) < 2:
        return spans
    spans.sort()
    merged = [spans[0]]
    for s, e in spans[1:]:
        if s <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _tables_in(lines: list[Line], figures: list[int], first: int, last: int, spans: list[tuple[int, int]]) -> None:
    """Add to ``spans`` the tables among ``lines[first - header : last + 1 + a row]`` (a cluster of figures)."""
    lo = max(0, first - (TABLE_MAX_HEADER_ROWS + 1) * TABLE_MAX_COLS)
    hi = min(len(lines), last + TABLE_MAX_COLS)
    figs = {i for i in figures if lo <= i < hi}
    cells = "".join(
        "n" if i in figs else ("t" if lines[i].n_words <= TABLE_CELL_WORDS else "x") for i in range(lo, hi)
    )
    for run, short in [*((r, False) for r in _TABLE_RUNS), *((r, True) for r in _SHORT_TABLE_RUNS)]:
        for m in run.finditer(cells):
            row = m.group(1)
            if row.count("n") < 2 or "t" not in row or row in (row + row)[1:-1]:
                continue  # too few figures or no text; or a shorter row repeated (a ranked list)
            start, end, p = lo + m.start(), lo + m.end() - 1, len(row)
            if any(c == "t" and is_date_line(ln) for c, ln in zip(row, lines[start : start + p], strict=True)):
                continue  # a date in every row: teaser cards (headline, author, date, counters)
            for _ in range(TABLE_MAX_HEADER_ROWS):  # header rows: short labels, one a column
                head = lines[start - p : start] if start - p >= lo else []
                if not head or any(i in figs or ln.n_words > 4 for i, ln in enumerate(head, start - p)):
                    break
                start -= p
            if short and (start == lo + m.start() or any(a <= end and start <= b for a, b in spans)):
                continue  # two rows and no header, or rows of a table already found
            spans.append((start, end))


#: what separates the cells of a table row written on one line: ``June 9 – Tampa, FL @ Amalie Arena``
_ROW_SEP = regex.compile(r"[:()\[\]@|/•·,;–—]|(?<=\s)--?(?=\s)")
#: rows: at least this many consecutive lines, each with at least ROW_MIN_SEPS separators, the first
#: ROW_MIN_SEPS of them the same in every row, and short cells (a list of fields, not of sentences)
ROW_MIN_ROWS = 4
ROW_MIN_SEPS = 2
ROW_MIN_WORDS = 3
ROW_MAX_WORDS = 25
#: the longest cell of a typical row has at most this many words (the median row of the run)
ROW_MAX_CELL_WORDS = 4
#: the separators that key a row are looked for in its first characters (a row's first cells are short)
_ROW_KEY_CHARS = 80


def _row_key(ln: Line) -> str | None:
    """The first separators of a line that may be a table row, or None."""
    if not ROW_MIN_WORDS <= ln.n_words <= ROW_MAX_WORDS or ln.prose or ln.cut is not None or ln.ellipsis:
        return None
    seps = _ROW_SEP.findall(ln.text, 0, _ROW_KEY_CHARS)
    return "".join(seps[:ROW_MIN_SEPS]) if len(seps) >= ROW_MIN_SEPS else None


def row_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """Positions ``[first, last]`` in ``lines`` of tables scraped one row per line: ROW_MIN_ROWS or more
    consecutive lines whose fields are separated alike (``June 9 – Tampa, FL @ Amalie Arena``, ``England
    (Group A): 10th appearance``) and short: tour dates, a schedule, a list of qualifiers or of companies
    and their towns, that an article gives after its text.

    Headlines of teasers are not cut into fields, a menu's labels have no separators, and a repeated
    interface line (``Click to share on Facebook (Opens in new window)``) or a list of sources
    (``Email interview with Jane Doe, professor of economics, May 2019``) has longer fields.

    >>> from cleaner.document import Doc
    >>> dates = "June 9 – Tampa, FL @ Amalie Arena\\nJune 10 – Miami, FL @ Bayfront Park\\n"
    >>> dates += "June 12 – Atlanta, GA @ State Farm Arena (rescheduled)\\nJune 14 – Nashville, TN @ Bridgestone Arena"
    >>> row_runs(Doc("Tour dates\\n" + dates).lines)
    [(1, 4)]
    >>> share = "\\n".join(f"Click to share on {s} (Opens in new window)" for s in ["Facebook", "Twitter", "Reddit", "Email"])
    >>> row_runs(Doc(share).lines)
    []
    """
    # A run of ROW_MIN_ROWS lines holds a line whose position is a multiple of ROW_MIN_ROWS: only those
    # are keyed first, and the run is grown from them.
    spans: list[tuple[int, int]] = []
    n = len(lines)
    done = -1  # the last position of the last run found
    for anchor in range(0, n, ROW_MIN_ROWS):
        if anchor <= done:
            continue
        key = _row_key(lines[anchor])
        if key is None:
            continue
        first = last = anchor
        while first - 1 > done and _row_key(lines[first - 1]) == key:
            first -= 1
        while last + 1 < n and _row_key(lines[last + 1]) == key:
            last += 1
        if last - first + 1 >= ROW_MIN_ROWS:
            done = last
            cells = sorted(max(len(c.split()) for c in _ROW_SEP.split(ln.text)) for ln in lines[first : last + 1])
            if cells[len(cells) // 2] <= ROW_MAX_CELL_WORDS:
                spans.append((first, last))
    return spans
