"""Parse the dates written in news headers into ISO 8601.

Covers what stray date headers actually hold: ISO dates and datetimes, ``May 9, 2025``,
``9 May 2025``, ``Friday, 9 May 2025 14:30``, numeric ``09.05.2025`` / ``05/09/2025`` (day-first unless
the language is English), and month names in English, German, French, Spanish, Italian, Portuguese and
Dutch. Small and deterministic on purpose: a general date parser is slow and guesses.

Example:
    >>> parse_date("date 2025-05-09")
    '2025-05-09'
    >>> parse_date("Published: May 9, 2025 at 2:30 pm")
    '2025-05-09T14:30:00'
    >>> parse_date("Updated 3:45 PM ET, Fri May 9, 2025")
    '2025-05-09T15:45:00'
    >>> parse_date("Aktualisiert am 9. Mai 2025")
    '2025-05-09'
    >>> parse_date("Zuletzt aktualisiert: Freitag, 9. Mai 2025 - 14:30 Uhr")
    '2025-05-09T14:30:00'
    >>> parse_date("Publié le 9 mai 2025 à 14 h 30")
    '2025-05-09T14:30:00'
    >>> parse_date("Veröffentlicht: 09.05.25, 14:30 Uhr")
    '2025-05-09T14:30:00'
    >>> parse_date("5 min read") is None
    True
"""

from __future__ import annotations

import datetime as _dt

import regex

_MONTHS: dict[str, int] = {}
for _names in (
    # en
    "january february march april may june july august september october november december",
    # de
    "januar februar märz april mai juni juli august september oktober november dezember",
    # fr
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    # es
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    # it
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    # pt
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    # nl
    "januari februari maart april mei juni juli augustus september oktober november december",
):
    for _i, _n in enumerate(_names.split(), 1):
        _MONTHS.setdefault(_n, _i)
for _abbr, _i in {
    "jan": 1, "feb": 2, "febr": 2, "mar": 3, "mär": 3, "mrz": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "set": 9, "oct": 10, "okt": 10, "out": 10, "nov": 11, "dec": 12, "dez": 12,
    "dic": 12, "ene": 1, "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "déc": 12, "mai": 5,
    "may": 5, "fev": 2, "abr": 4, "ago": 8, "dez.": 12, "gen": 1, "mag": 5, "giu": 6, "lug": 7,
    "ott": 10, "mei": 5, "okt.": 10,
}.items():
    _MONTHS.setdefault(_abbr, _i)

_MONTH_ALT = "|".join(sorted((regex.escape(m) for m in _MONTHS), key=len, reverse=True))
#: Month-name alternation, for other modules' patterns (datelines).
MONTH_PATTERN = rf"(?i:{_MONTH_ALT})\.?"

_TIME = (
    r"(?:(?:at|um|à|a las|às|om|alle)\s+)?(?P<h>\d{1,2})(?::|\s?h\s?|\.)(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    r"\s*(?P<ap>[ap]\.?m\.?)?"
)
#: what may stand between a date and its time: "May 9, 2025 - 14:30", "9. Mai 2025, 14:30 Uhr"
_TO_TIME = r"(?:\s*[,|\-–—]\s*|\s+)"
_ISO_RE = regex.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"
    r"(?:[T\s](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\.\d+)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_DMY_NAME_RE = regex.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?(?P<mon>{_MONTH_ALT})\.?,?\s+(?:de\s+)?"
    rf"(?P<y>(?:19|20)\d{{2}})(?!\d)(?:{_TO_TIME}{_TIME})?",
    regex.IGNORECASE,
)
_MDY_NAME_RE = regex.compile(
    rf"(?<![\w])(?P<mon>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d)"
    rf"(?:{_TO_TIME}{_TIME})?",
    regex.IGNORECASE,
)
_LONE_TIME_RE = regex.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?(?![\d:])", regex.IGNORECASE)
_NUMERIC_RE = regex.compile(
    r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2}|(?<=\.)\d{2})(?![\d.])"
    rf"(?:{_TO_TIME}{_TIME})?"
)


def _iso(y: int, m: int, d: int, h: str | None = None, mi: str | None = None, s: str | None = None,
         ap: str | None = None, tz: str | None = None) -> str | None:
    try:
        day = _dt.date(y, m, d)
    except ValueError:
        return None
    if h is None or mi is None:
        return day.isoformat()
    hour = int(h)
    if ap:
        ap = ap.lower().replace(".", "")
        if not 1 <= hour <= 12:
            return day.isoformat()
        hour = hour % 12 + (12 if ap == "pm" else 0)
    try:
        t = _dt.time(hour, int(mi), int(s or 0))
    except ValueError:
        return day.isoformat()
    out = f"{day.isoformat()}T{t.isoformat()}"
    if tz:
        out += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
    return out


def parse_date(text: str, lang: str | None = None) -> str | None:
    """The first date written in ``text`` as ISO 8601, with the time when one follows it; else None.

    ``lang`` decides numeric dates like ``05/09/2025``: month first for English, day first otherwise
    (a first number above 12 is always a day).
    """
    if len(text) > 400:
        text = text[:400]
    m = _ISO_RE.search(text)
    if m:
        return _iso(int(m["y"]), int(m["m"]), int(m["d"]), m["h"], m["mi"], m["s"], None, m["tz"])
    for rx in (_MDY_NAME_RE, _DMY_NAME_RE):
        m = rx.search(text)
        if m:
            mon = _MONTHS.get(m["mon"].lower().rstrip("."))
            if mon:
                h, mi, s, ap = m["h"], m["mi"], m["s"], m["ap"]
                if h is None:  # "Updated 3:45 PM ET, Fri May 9, 2025": the time may come first
                    times = _LONE_TIME_RE.findall(text[: m.start()])
                    if len(times) == 1:
                        h, mi, s, ap = times[0]
                return _iso(int(m["y"]), mon, int(m["d"]), h, mi, s or None, ap or None)
    m = _NUMERIC_RE.search(text)
    if m:
        a, b = int(m["a"]), int(m["b"])
        month_first = (lang == "en" and m["sep"] == "/") and a <= 12
        if a > 12:
            month_first = False
        elif b > 12:
            month_first = True
        mon, day = (a, b) if month_first else (b, a)
        year = int(m["y"])
        if year < 100:  # "09.05.25": two-digit years only in dotted dd.mm.yy dates, read as 20xx
            if len(m["a"]) != 2 or len(m["b"]) != 2:
                return None
            year += 2000
        return _iso(year, mon, day, m["h"], m["mi"], m["s"], m["ap"])
    return None
