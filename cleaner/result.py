"""The public result types: what :func:`cleaner.clean` returns.

A :class:`CleanResult` is the article plus everything that was cut from it. Every cut is a
:class:`Removal` that names the rule which proposed it and the exact span of the *source* text it
covers, so a user can audit a result and replay it (:func:`cleaner.replay`).

Example:
    >>> from cleaner import clean
    >>> r = clean("Login\\nThe minister said on Friday that talks would resume next week.")
    >>> r.text
    'The minister said on Friday that talks would resume next week.'
    >>> [(x.kind, x.text) for x in r.removed]
    [('ui_chrome', 'Login')]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Removal:
    """One cut: ``source[start:end] == text`` was removed because rule ``rule`` of kind ``kind`` said so.

    Offsets index into :attr:`CleanResult.source` (the input itself when the input was a ``str``).
    """

    kind: str
    rule: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``{"kind", "rule", "start", "end", "text"}``."""
        return {"kind": self.kind, "rule": self.rule, "start": self.start, "end": self.end, "text": self.text}


class _NewRemoval:
    """Builds a :class:`Removal` four times faster than its frozen ``__init__`` (whose ``object.__setattr__``
    per field costs about 1.3 us a record; a full page has 150 of them): the fields are stored through
    this class's identical slots, then the object becomes a ``Removal`` (``__class__`` assignment between
    classes of the same layout). Only :func:`cleaner.pipeline._resolve` uses it; the result is an ordinary,
    frozen ``Removal``.

    >>> new_removal("ui_chrome", "login-link", 7, 12, "Login") == Removal("ui_chrome", "login-link", 7, 12, "Login")
    True
    """

    __slots__ = ("end", "kind", "rule", "start", "text")

    def __init__(self, kind: str, rule: str, start: int, end: int, text: str) -> None:
        self.kind = kind
        self.rule = rule
        self.start = start
        self.end = end
        self.text = text
        self.__class__ = Removal  # type: ignore[assignment]


new_removal: Callable[[str, str, int, int, str], Removal] = _NewRemoval  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class CleanResult:
    """The cleaned article, its metadata, and every cut.

    Attributes:
        text: the article, one paragraph per line, no blank lines, each line stripped and its runs of
            white space folded to one space (see :func:`cleaner.replay`).
        title: the headline when the document opens with one (it is not part of ``text``).
        date: ISO ``YYYY-MM-DD``, or a full ISO datetime when the time is known.
        dateline: the place/date/agency opening of the story (``"Washington, May 9 (IANS)"``); it stays
            in ``text``.
        authors: names from bylines, in order of appearance.
        tags: the article's tags, from a tag list.
        language: ISO 639-1 code of the text, or ``None`` when it cannot be told.
        removed: the cuts, in source order.
        warnings: things the user should know (a rule skipped for timing out, a safety fallback).
        input: what the document was taken to be: ``"page"`` (a naive scrape of a whole page, menus and
            footers around the article), ``"extract"`` (an extractor's output, or HTML cleaner extracted)
            or ``"article"`` (the article alone); given by the caller or detected. Only a page has its
            surroundings cut as page furniture.
        source: the text the ``removed`` offsets index into: the input itself for ``str`` input, the
            decoded text for ``bytes``, the text extracted from the page for HTML.
        evidence: for each cut made on site memory's evidence (rule ``site.repeated-line``): (its index in
            ``removed``, stories of the site that print the line, stories of the site learned).
    """

    text: str
    title: str | None = None
    date: str | None = None
    dateline: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    removed: tuple[Removal, ...] = ()
    warnings: tuple[str, ...] = ()
    input: str | None = None
    source: str = field(default="", repr=False, compare=False)
    evidence: tuple[tuple[int, int, int], ...] = ()

    def to_dict(self, *, include_source: bool = False) -> dict[str, Any]:
        """A JSON-ready dict of every field (``source`` only when ``include_source``)."""
        d: dict[str, Any] = {
            "text": self.text,
            "title": self.title,
            "date": self.date,
            "dateline": self.dateline,
            "authors": list(self.authors),
            "tags": list(self.tags),
            "language": self.language,
            "removed": [r.to_dict() for r in self.removed],
            "warnings": list(self.warnings),
            "input": self.input,
        }
        if self.evidence:  # only then: a result without site-memory cuts has the same keys as ever
            d["evidence"] = [{"cut": i, "articles": a, "of": n} for i, a, n in self.evidence]
        if include_source:
            d["source"] = self.source
        return d
