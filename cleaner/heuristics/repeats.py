"""Repeated lines: a paragraph printed again later in the document, but not a list's repeated items.

What it catches (kind ``duplicate_line``): a later verbatim repeat (after white-space folding) of an
earlier surviving line of four words or more — a pull quote printed twice, a teaser of
the article itself, a menu scraped twice (desktop and mobile), a block scraped twice. It leaves:

- list items (``- Easy setup for all your Apple devices``, ``1) …``), table rows (``| Pos | Player |``) and
  lines of figures (``Eat every 2–3 hours``, ``Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp.``): product features,
  steps, quantities, times and table headers repeat legitimately within an article (a date stamp
  written again is a listing's metadata, and goes);
- short sentences written three times or more with something new between most pairs of successive
  copies (``What inspired you to start cooking?`` asked of each of twenty interviewees, ``Drink during
  your workout`` under each day of a meal plan): a template the article follows. A scraping accident
  repeats whole blocks, so between two copies there is nothing that is written only once. A sentence
  here is a line with a sentence end or one written in sentence case (an instruction). A Title Case
  line written three times is a template's heading when every copy heads a line written only once (``Why
  We Chose This School`` over each school's write-up); otherwise (``Most Popular Stories`` over the same
  headlines) it is a heading of the page, and goes;
- a field of a listing's records: a line ``Label: value`` whose label opens lines with three values or
  more in the document (``Office Location: Chicago, Illinois`` in a directory of studios, two of which
  share a city), unless it is a date stamp (``Joined: Sun Dec 17, 2023``, a forum's user card);
- a forum reply's quote of an earlier post, under its attribution (``Jane said:``, ``Jane wrote:``,
  ``Quote``): a thread prints the quoted words again on purpose;
- a field's label (``Daily Hire Price -``) and a line of code (``from x import y``, or any line of a program
  printed a line a line: :func:`~cleaner.heuristics.shape.code_lines`), which a listing's cards and a
  program's examples repeat.

A short line (not a paragraph) written again counts as a repeat only as part of a repeated block, a
neighbour repeated with it: alone, a refrain's line, a product's feature, a form's field or a line of
code comes back as often as the content needs it (on the dev sets' extractor output, 796 of the 1,810
lines this stage cut were written twice in the gold article itself).

Why: repeats inflate the text and bias anything counted on it; the first occurrence carries all the
information. But an article's own structure repeats lines too, and cutting those loses its content.

Example:
    >>> p = "The minister resigned on Monday, citing health reasons, after six years in the post."
    >>> d = Doc(p + "\\nShe will stay on until a successor is chosen.\\n" + p)
    >>> find_repeated_lines(d)
    >>> [ln.cut.rule if ln.cut else None for ln in d.lines]
    [None, None, 'heuristic.repeated-line']
    >>> d = Doc("Fold the dough twice\\nLet it rest for an hour\\nFold the dough twice")
    >>> find_repeated_lines(d)
    >>> [ln.cut for ln in d.lines]
    [None, None, None]
    >>> d = Doc("- Easy setup for all devices\\n- Long battery life\\n- Easy setup for all devices")
    >>> find_repeated_lines(d)
    >>> [ln.cut for ln in d.lines]
    [None, None, None]
    >>> day = "Drink during your workout\\n{} with rice and beans, one plate"
    >>> d = Doc("\\n".join(day.format(m) for m in ("Chicken", "Tofu", "Salmon")))
    >>> find_repeated_lines(d)
    >>> [ln.cut for ln in d.lines if ln.cut]
    []
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import regex

from cleaner.document import Doc, Line, shown
from cleaner.heuristics.shape import CODE_STARTS, LIST_MARK, SAYS, code_like, is_date_line, program_lines, table_row

RULE_ID = "heuristic.repeated-line"
_NUMBERS = regex.compile(r"\d+(?:[.,]\d+)*").findall
#: a field's label is this short (a sentence that ends on a colon, ``Strategies include:``, is no label)
LABEL_WORDS = 5
#: the end of a field's label, its value on the next line (``Individual Rental Price -``, ``Ingredients:``)
_LABEL_END = regex.compile(r"(?::|\s[-–—])$")
#: a forum quote's attribution on the line above the quote (``36 minutes ago, Jane said:``, ``Quote``) and
#: glued before it (``Jane Doe wrote:Travis, what are …``)
_ATTRIBUTION = regex.compile(rf"(?:\b(?:{SAYS})\s*:|^\s*quote\s*:?|^\s*originally\s+posted\s+by\b.*)\s*$",
                             regex.IGNORECASE)
_ATTRIBUTED = regex.compile(rf"\s*(?:\p{{Lu}}[\p{{L}}'’.-]*\s+){{0,3}}\p{{Lu}}[\p{{L}}'’.-]*\s+(?:{SAYS})\s*:")
MIN_WORDS = 4
#: a sentence found this many times is a template line of the article
TEMPLATE_COUNT = 3
#: a template line is short (a question, an instruction), not a paragraph; the headline stage never takes a
#: line written again further down, so that a second cleaning sees as many copies as the first
TEMPLATE_MAX_WORDS = 25
#: a record's field: a label of at most FIELD_LABEL_WORDS words, a colon, its value (``Office Location:
#: Atlanta, Georgia``, ``BOOK: By Dec 31, 2025``); a label given TEMPLATE_COUNT values or more names a field
#: of the records a listing repeats, and a record may share a value with another
FIELD_LABEL_WORDS = 4
_FIELD = regex.compile(r"\s*(\p{L}[^:\n]{0,39}?)\s*:\s+\S")


def _data(ln: Line, key: str) -> bool:
    """A line of figures: a short line with a number, or any line with three or more."""
    return len(_NUMBERS(key)) >= 3 if ln.prose else _NUMBERS(key) != []


def _sentence(ln: Line) -> bool:
    """A sentence: a paragraph, a line with a sentence end, or one in sentence case (after its first word,
    most words start in lower case: ``Drink during your workout``, not ``Most Popular Stories``)."""
    if ln.prose or ln.terminal:
        return True
    words = [w for w in ln.text.split()[1:] if w[:1].isalpha()]
    return sum(w[:1].islower() for w in words) * 2 > len(words) > 0


def _template(positions: list[int], once_before: list[int]) -> bool:
    """Three or more occurrences, most consecutive pairs separated by at least one line written only once
    (two sections of a template may hold the same content: a meal plan's days)."""
    if len(positions) < TEMPLATE_COUNT:
        return False
    separated = sum(once_before[b] > once_before[a] for a, b in pairwise(positions))
    return 2 * separated >= len(positions) - 1


def _record_fields(long: list[Line], keys: list[str | None]) -> set[str]:
    """The labels (casefolded) of the fields a listing's records share: the labels (:data:`_FIELD`) that
    open lines with TEMPLATE_COUNT values or more. A menu printed twice holds titles and their subtitles
    (``Boot Camp: People Management``) with fewer values under one title: two, on the dev pages.

    >>> d = Doc("Office: Atlanta, Georgia\\nOffice: New York, NY\\nOffice: Atlanta, Georgia\\nOffice: Lima, Peru\\n"
    ...         "Boot Camp: Leadership\\nBoot Camp: Sales\\nBoot Camp: Leadership")
    >>> sorted(_record_fields(d.lines, [ln.text for ln in d.lines]))
    ['office']
    """
    values: dict[str, set[str]] = {}
    for ln in long:
        key = keys[ln.idx]
        m = _FIELD.match(key) if key is not None else None
        if m is not None and len(m[1].split()) <= FIELD_LABEL_WORDS:
            values.setdefault(m[1].casefold(), set()).add(m.string[m.end(1) :])
    return {label for label, seen in values.items() if len(seen) >= TEMPLATE_COUNT}


def _rest(source: str, ln: Line) -> str | None:
    """What a line with partial cuts will show, or None when that is under MIN_WORDS: a paragraph whose
    glued header was cut is compared by what the output holds."""
    text = shown(source, ln)
    return text if len(text.split()) >= MIN_WORDS else None


def _quoted_runs(doc: Doc, long: list[Line], repeat: list[bool]) -> set[int]:
    """Positions (in ``long``) of the repeats that a forum reply quotes: each run of repeats in a row whose
    first line opens with, or comes right under (among the lines not cut), a quote's attribution (``Jane
    said:``, ``Jane wrote:``, ``Quote``, ``Originally posted by Jane``). A thread prints the quoted post
    again on purpose."""
    out: set[int] = set()
    j = 0
    while j < len(long):
        if not repeat[j]:
            j += 1
            continue
        end = j
        while end + 1 < len(long) and repeat[end + 1]:
            end += 1
        first = long[j]
        # the line the output shows above the run: once another stage has cut the attribution (a page's
        # menu stage takes ``Jane said:`` for a label), the quote reads as a repeat, and a second cleaning
        # would cut it as one
        k = first.idx - 1
        while k >= 0 and doc.lines[k].cut is not None:
            k -= 1
        above = doc.lines[k].text if k >= 0 else ""
        if _ATTRIBUTION.search(above) or _ATTRIBUTED.match(first.text):
            out.update(range(j, end + 1))
        j = end + 1
    return out


def find_repeated_lines(doc: Doc) -> None:
    """Cut later verbatim repeats of surviving lines, except list items, table rows and template lines."""
    keys: list[str | None] = [
        None if ln.cut is not None or ln.n_words < MIN_WORDS else _rest(doc.source, ln) if ln.parts else ln.text
        for ln in doc.lines
    ]
    # fold white space as rendering will (a no-break space or a tab is white space too: a line copied
    # with one in place of a space is the same line to the reader, and to a second cleaning)
    keys = [k if k is None or (k.isprintable() and "  " not in k) else " ".join(k.split()) for k in keys]
    present = [k for k in keys if k is not None]
    if len(set(present)) == len(present):  # nothing written twice: the usual case
        return
    counts = Counter(present)
    # positions of each key among the long lines, and how many lines written once precede each position
    where: dict[str, list[int]] = {}
    once_before: list[int] = []
    once = 0
    long = [ln for ln, k in zip(doc.lines, keys, strict=True) if k is not None]
    for j, ln in enumerate(long):
        key = keys[ln.idx]
        assert key is not None
        where.setdefault(key, []).append(j)
        once_before.append(once)
        once += counts[key] == 1
    seen: set[str] = set()
    repeat = [False] * len(long)  # a later copy: its key came before
    for j, ln in enumerate(long):
        key = keys[ln.idx]
        assert key is not None
        repeat[j] = key in seen
        seen.add(key)
    quoted = _quoted_runs(doc, long, repeat)
    fields = _record_fields(long, keys)
    program = program_lines(doc)  # a program's lines (``this.props.id,``) come back as it needs them
    # whether the line after each long line (among the long ones) is written once: a heading a listing's
    # records share (``Why We Chose This School``) heads something new in each of them
    heads_once = [j + 1 < len(long) and counts[keys[long[j + 1].idx]] == 1 for j in range(len(long))]
    for j, ln in enumerate(long):
        if not repeat[j] or j in quoted:
            continue
        key = keys[ln.idx]
        assert key is not None
        if not ln.prose and not ((j > 0 and repeat[j - 1]) or (j + 1 < len(long) and repeat[j + 1])):
            continue  # a short line written again alone: a refrain, a feature, a field, a line of code
        if (
            LIST_MARK.match(key)
            or table_row(key)
            or (ln.n_words <= LABEL_WORDS and _LABEL_END.search(key))
            # (a paragraph is no line of code, unless it opens like one: the test is the costly one)
            or ((not ln.prose or key.lstrip().startswith(CODE_STARTS)) and code_like(key))
            or ln.idx in program
        ):
            continue  # an item, a row, a line of code, a field's label (its value on the next line)
        if _data(ln, key) and not is_date_line(ln):
            continue
        if fields and not ln.prose and (m := _FIELD.match(key)) is not None and m[1].casefold() in fields:
            if not is_date_line(ln):  # (a date stamp written again, ``Joined: Sun Dec 17, 2023``, goes)
                continue  # a field of a listing's records (a label, a short value), two of which share a value
        if (
            ln.n_words <= TEMPLATE_MAX_WORDS
            and (_sentence(ln) or all(heads_once[p] for p in where[key]))
            and _template(where[key], once_before)
        ):
            continue
        doc.cut_line(ln, "duplicate_line", RULE_ID)
