"""Line shape: cheap, language-independent measures the zone heuristics share.

What it gives: the word count of a line as its cleaned form will have it (a stutter such as
``“end “end any`` counts once, so a line reads the same before and after cleaning), the share of its
words that start with a capital (menus and headlines are Title Case, sentences are not), and whether it
opens with a list marker (``-``, ``•``, ``1.``, ``a)``).

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

import regex

from cleaner.dates import MONTH_PATTERN
from cleaner.document import Line

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
    if ln.n_words > DATE_LINE_WORDS or ln.terminal or _DATE_BITS.search(ln.text) is None:
        return False
    rest = _DATE_BITS.sub(" ", ln.text)
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


def table_row(text: str) -> bool:
    """A row of a table rendered as text, cells between pipes (``| 1 | Kyle Busch | 5040 |``).

    >>> table_row("| Pos | Player | Plays |"), table_row("Home | World | Sport")
    (True, False)
    """
    return len(text) > 2 and text.startswith("|") and text.endswith("|")


def title_share(text: str) -> float:
    """Share of the alphabetic words of ``text`` that start with a capital letter (0.0 with none)."""
    ws = [w for w in text.split() if w[:1].isalpha()]
    if not ws:
        return 0.0
    return sum(1 for w in ws if w[:1].isupper()) / len(ws)
