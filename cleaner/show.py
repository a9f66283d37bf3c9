"""Print cleaned JSON lines for a human: ``cleaner clean seeds -o - | python -m cleaner.show``.

Each document prints as a header (id), its metadata (title, date, dateline, authors, tags, language),
the clean text, and every cut as ``- kind (rule): text`` — the quickest way to eyeball a batch. ``make
run`` uses it. Records without a ``cleaner`` object (``--no-metadata``) show the text only; error
records show the error and the start of the raw line.

Usage::

    python -m cleaner.show [FILE ...]        # JSON lines from the files, or stdin

Example:
    >>> rec = {"id": "a", "text": "Body line.", "cleaner": {"title": "Head", "language": "en",
    ...        "removed": [{"kind": "title", "rule": "title", "start": 0, "end": 4, "text": "Head"}]}}
    >>> print(format_record(rec))
    ══ a ══
    title:    Head
    date:     -
    dateline: -
    authors:  -
    tags:     -
    language: en
    <BLANKLINE>
    Body line.
    <BLANKLINE>
    cuts (1):
    - title (title): Head
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import orjson

#: Cut text longer than this is shortened in listings.
CUT_WIDTH = 160


def _value(v: Any) -> str:
    if v is None or v == [] or v == "":
        return "-"
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    return str(v)


def _short(text: str, width: int = CUT_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_metadata(meta: dict[str, Any]) -> list[str]:
    """The metadata lines of a ``cleaner`` object (also used by ``cleaner explain``)."""
    lines = [
        f"{name + ':':<9} {_value(meta.get(name))}"
        for name in ("title", "date", "dateline", "authors", "tags", "language")
    ]
    if meta.get("input"):  # what the text was taken to be (older records do not say)
        lines.append(f"input:    {meta['input']}")
    lines += [f"warning:  {w}" for w in meta.get("warnings") or ()]
    return lines


def format_cuts(removed: Sequence[dict[str, Any]], evidence: Sequence[dict[str, Any]] | None = None) -> list[str]:
    """``cuts (N):`` and one ``- kind (rule): text`` line per cut; a cut made on site memory's evidence
    says it: ``[in 7 of 9 stories of the site]``.

    >>> format_cuts([{"kind": "site_boilerplate", "rule": "site.repeated-line", "text": "Home"}],
    ...             [{"cut": 0, "articles": 7, "of": 9}])[1]
    '- site_boilerplate (site.repeated-line): Home  [in 7 of 9 stories of the site]'
    """
    if not removed:
        return ["cuts: none"]
    ev = {e.get("cut"): e for e in evidence or () if isinstance(e, dict)}
    lines = [f"- {r.get('kind')} ({r.get('rule')}): {_short(str(r.get('text', '')))}"
             + (f"  [in {ev[i].get('articles')} of {ev[i].get('of')} stories of the site]" if i in ev else "")
             for i, r in enumerate(removed)]
    return [f"cuts ({len(removed)}):", *lines]


def format_record(rec: dict[str, Any], *, text_field: str = "text", id_field: str = "id") -> str:
    """One cleaned record, readably."""
    meta = rec.get("cleaner")
    head = f"══ {rec.get(id_field, '(no id)')} ══"
    if isinstance(meta, dict) and meta.get("error"):
        raw = meta.get("raw")
        return "\n".join([head, f"error:    {meta['error']}"] + ([f"raw:      {_short(raw)}"] if raw else []))
    out = [head]
    if isinstance(meta, dict):
        out += format_metadata(meta)
    out += ["", str(rec.get(text_field) or "(empty)")]
    if isinstance(meta, dict):
        out += ["", *format_cuts(meta.get("removed") or [], meta.get("evidence"))]
    return "\n".join(out)


def iter_records(lines: Iterable[bytes]) -> Iterable[dict[str, Any]]:
    """The JSON objects among ``lines``; anything else is shown as a note rather than stopping the listing."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError as e:
            rec = {"id": f"line {n}", "cleaner": {"error": f"not JSON: {e}", "raw": line[:200].decode("utf-8", "replace")}}
        if not isinstance(rec, dict):
            rec = {"id": f"line {n}", "cleaner": {"error": "not a JSON object"}}
        yield rec


def main(argv: Sequence[str] | None = None) -> int:
    """Print every record of the files named (or stdin), separated by blank lines."""
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in args):
        print(__doc__.split("Example:")[0].rstrip())
        return 0
    streams = [open(a, "rb") for a in args] if args else [sys.stdin.buffer]
    first = True
    try:
        for s in streams:
            for rec in iter_records(s):
                if not first:
                    sys.stdout.write("\n")
                first = False
                sys.stdout.write(format_record(rec) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head`: the reader has seen enough; keep the exit flush quiet
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        for s in streams:
            if s is not sys.stdin.buffer:
                s.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
