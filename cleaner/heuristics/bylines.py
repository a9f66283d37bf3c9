"""Bylines: turn a cut byline line into author names.

The byline *lines* are found by rules (kind ``byline``, e.g. ``By Jane Doe``, ``Written by …``,
``Reporter: …``, ``Von …``, ``Par …``, ``Por …``); this module reads the names out of them for
``CleanResult.authors``.

Example:
    >>> names_from_byline("By Jane Doe and John Roe, Reuters")
    ['Jane Doe', 'John Roe']
    >>> names_from_byline("Written by: MARIA LÓPEZ | Updated 3 hours ago")
    ['Maria López']
    >>> names_from_byline("Von Max Mustermann und Erika Musterfrau")
    ['Max Mustermann', 'Erika Musterfrau']
"""

from __future__ import annotations

import regex

_PREFIX_RE = regex.compile(
    r"^\s*(?:(?:written|posted|reported|edited|compiled|published)\s+by|by|reporter|author|authors|"
    r"autor(?:in|en)?|auteur|von|par|por|de)\b\s*[:\-–—]?\s*",
    regex.IGNORECASE,
)
_STOP_RE = regex.compile(r"\s*(?:[|•·]|\s[-–—]\s|\bupdated\b|\bpublished\b|\bon\s+\w+day\b|\d).*$",
                         regex.IGNORECASE)
_SPLIT_RE = regex.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", regex.IGNORECASE)
_AGENCIES = {"reuters", "ap", "afp", "ians", "pti", "ani", "dpa", "efe", "bloomberg", "staff", "agencies",
             "associated press", "press trust of india", "news desk", "staff writer", "staff reporter"}
_NAME_RE = regex.compile(r"\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|da|del|der|la|le|bin|al)){0,4}")


def names_from_byline(text: str) -> list[str]:
    """Author names in a byline, in order, without agencies; ALL-CAPS names are title-cased."""
    body = _PREFIX_RE.sub("", text, count=1)
    body = _STOP_RE.sub("", body)
    names: list[str] = []
    for part in _SPLIT_RE.split(body):
        part = part.strip(" .:;")
        if not part or part.lower() in _AGENCIES:
            continue
        if part.isupper():
            part = part.title()
        m = _NAME_RE.fullmatch(part)
        if m and part not in names:
            names.append(part)
    return names
