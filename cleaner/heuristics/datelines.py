"""Dateline: the place / date / agency opening of a news story (``Washington, May 9 (IANS)``).

What it catches: the opening of the first body paragraph when it is a dateline. It stays in ``text`` (it
is part of the story) and is recorded in ``dateline``.

Why: pipelines want the place and the agency as metadata, and a dateline is easy to mistake for a stray
header; recognising it keeps the header rules away from it.

Example:
    >>> find_dateline("Washington, May 9 (IANS) US President Donald Trump wants calm.")
    'Washington, May 9 (IANS)'
    >>> find_dateline("NEW DELHI (Reuters) - India said on Friday it would respond.")
    'NEW DELHI (Reuters)'
    >>> find_dateline("New Delhi, May 10 – As tensions rise, the US urged talks.")
    'New Delhi, May 10'
    >>> find_dateline("Washington wants calm, officials said on May 9.") is None
    True
"""

from __future__ import annotations

import regex

from cleaner.dates import MONTH_PATTERN

_PLACE = r"\p{Lu}[\p{L}'’.-]*(?:[ -]\p{Lu}[\p{L}'’.-]*){0,3}(?:,\s*\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,2})?"
_CAPS_PLACE = r"\p{Lu}[\p{Lu}'’.-]+(?:[ -]\p{Lu}[\p{Lu}'’.-]+){0,3}(?:,\s*\p{Lu}[\p{L}'’.-]+(?:\s\p{Lu}[\p{L}'’.-]+){0,2})?"
_AGENCY = r"\((?:\p{Lu}[\p{L}&.\s/-]{0,30})\)"
_DATE = rf"(?:{MONTH_PATTERN}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\.?\s+{MONTH_PATTERN}(?:\s+\d{{4}})?)"
_DATELINE_RE = regex.compile(
    rf"""
    (?P<dl>
        {_PLACE},\s+{_DATE}(?:\s*{_AGENCY})?          # Washington, May 9 (IANS)
      | {_CAPS_PLACE}(?:,\s+{_DATE})?\s*{_AGENCY}     # NEW DELHI (Reuters)
      | {_CAPS_PLACE}(?=\s*[-–—]\s)                   # WASHINGTON —
    )
    (?=\s*[-–—:]\s|\s+\S)
    """,
    regex.VERBOSE,
)


def find_dateline(text: str) -> str | None:
    """The dateline that opens ``text``, or None."""
    m = _DATELINE_RE.match(text)
    if not m:
        return None
    dl = m.group("dl").strip()
    return dl if len(dl) <= 80 else None
