"""Bylines: turn a cut byline line into author names.

The byline *lines* are found by rules (kind ``byline``, e.g. ``By Jane Doe``, ``Written by …``,
``Reporter: …``, ``Von …``, ``Par …``, ``Por …``); this module reads the names out of them for
``CleanResult.authors``. Agencies, desks and wire credits are not authors and are left out.

Example:
    >>> names_from_byline("By Jane Doe and John Roe, Reuters")
    ['Jane Doe', 'John Roe']
    >>> names_from_byline("Written by: MARIA LÓPEZ | Updated 3 hours ago")
    ['Maria López']
    >>> names_from_byline("Ein Kommentar von Anna Schmidt")
    ['Anna Schmidt']
    >>> names_from_byline("Von Max Mustermann, Berlin")
    ['Max Mustermann']
    >>> names_from_byline("Reporting by Jane Doe; Editing by John Roe")
    ['Jane Doe']
    >>> names_from_byline("Mit Material von dpa und KNA")
    []
"""

from __future__ import annotations

import regex

#: the last of these words (or a colon) before the names starts them
_LEAD_RE = regex.compile(
    r"(?:^|\s)(?:by|von|par|por|de|di|door|av|af|przez)\s*:?\s+(?=\p{Lu})|"
    r"(?:^|\s)(?:scritto|a\s+cura)\s+d[ai]\s+(?=\p{Lu})|"
    r"(?:^|\s)(?:author|authors|autor|autora|autorin|autoren|auteur|auteure|autore|autrice|reporter|writer|text|"
    r"texto|testo|tekst|reportagem|reportage|redakteur|redakteurin|correspondent|korrespondent)\s*:\s*",
    regex.IGNORECASE,
)
#: wire credits ("with material from"), not bylines of people
_CREDIT_RE = regex.compile(
    r"\b(?:mit\s+material\s+von|con\s+información\s+de|com\s+informaç(?:ão|ões)\s+d|met\s+informatie\s+van|"
    r"avec\s+(?:l')?(?:afp|reuters|ap)\b|with\s+inputs?\s+from|"
    r"inputs?\s+from|agency\s+inputs?|quelle\s*:|source\s*:|fuente\s*:)",
    regex.IGNORECASE,
)
_STOP_RE = regex.compile(
    r"\s*(?:[|•·]|\s[-–—]\s|\bupdated\b|\bpublished\b|\baktualisiert\b|\bpublié\b|\bpublicado\b|"
    r"\bon\s+\w+day\b|\d).*$",
    regex.IGNORECASE,
)
_PAREN_RE = regex.compile(r"\s*\([^)]*\)")
_SPLIT_RE = regex.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bog\b|\bi\b)\s*", regex.IGNORECASE)
_AGENCIES = frozenset(
    """reuters ap afp ians pti ani dpa efe epd kna apa sda ansa adnkronos lusa belga anp bloomberg staff agencies
    agencias agences agências xinhua redacción redaccion rédaction redaktion redazione redação redacao redactie
    newsroom desk""".split()
) | {
    "da redação", "da redacao", "estadão conteúdo", "agência brasil", "agência lusa", "agenzia nova",
    "associated press", "press trust of india", "news desk", "staff writer", "staff reporter", "europa press",
    "agencia efe", "agence france-presse", "agence france presse", "la redacción", "la rédaction", "the editors",
    "web desk", "online desk", "news agencies", "wire services",
}
_ROLE_RE = regex.compile(
    r"\b(?:correspondent|editor|reporter|writer|columnist|contributor|analyst|staff|senior|chief|bureau|"
    r"korrespondent(?:in)?|redakteur(?:in)?|correspondant(?:e)?|envoyée?|rédacteur|rédactrice|corresponsal|redactora?|"
    r"periodista|journalist(?:in|e)?)\b",
    regex.IGNORECASE,
)
_NAME_RE = regex.compile(
    r"\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|da|del|der|den|la|le|du|dos|das|bin|al|ter)){0,4}"
)


def names_from_byline(text: str) -> list[str]:
    """Author names in a byline, in order, without agencies; ALL-CAPS names are title-cased."""
    if _CREDIT_RE.search(text):
        return []
    body = text
    lead = _LEAD_RE.search(body)
    if lead:
        body = body[lead.end() :]
    body = body.split(";", 1)[0]  # "Reporting by A; Editing by B": B edited, A wrote
    body = _PAREN_RE.sub("", body)
    body = _STOP_RE.sub("", body)
    parts = [p.strip(" .:;") for p in _SPLIT_RE.split(body)]
    parts = [p for p in parts if p]
    names: list[str] = []
    for i, part in enumerate(parts):
        if part.lower() in _AGENCIES or (part.isupper() and len(part) <= 5):  # an agency code (KNA, epd)
            continue
        if part.isupper():
            part = part.title()
        # A one-word item after a name is a place or a desk ("Von Max Mustermann, Berlin").
        if i > 0 and " " not in part and names:
            continue
        if _ROLE_RE.search(part):
            continue
        if _NAME_RE.fullmatch(part) and part not in names:
            names.append(part)
    return names
