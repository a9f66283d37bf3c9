"""The review report: ``cleaner report OUT.jsonl`` turns a cleaned batch into one HTML page to read in a browser.

Nobody reads 100,000 JSON records, and a team that puts cleaner in front of a crawl has to trust it. The
report reads the JSON lines that ``cleaner clean`` wrote once, from start to end, and shows:

* **Summary**: records, documents, errors, unreadable lines, warnings and safety-net firings; characters
  removed in all and by kind; a histogram of the share removed per document; languages; input kinds.
* **Rules**: every rule and heuristic that fired (cuts, documents, characters, example lines), each with its
  description from the rule files and the heuristics' registry, and the documents it touched.
* **Documents**: a sample of the documents, sortable and filterable, and a view of each one with every cut
  highlighted in its source (kind and rule on hover), its metadata and its warnings.

Why it is built this way:

* **Bounded memory, one pass.** Counts are aggregated over every record; only a sample of documents is
  kept whole: the ``top`` documents with the largest share removed (a heap; ties go to the earlier record),
  the first ``per_rule`` documents each rule or heuristic cut, the first ``per_warning`` documents with each
  class of warning, and the first ``first`` documents of the batch. That is the same sample for the same
  input, and its size does not grow with the batch. The page says that it sampled, and how.
* **Nothing from the data is trusted.** The data is embedded as JSON in a ``<script type="application/json">``
  with every ``<`` escaped, and the page's script renders it with ``textContent`` only: a document holding
  ``<script>`` shows it as text.
* **One file, no network.** CSS, script and plots (inline SVG drawn by the script) are in the page; it opens
  from ``file://``.
* **Deterministic.** The same input gives the same bytes: no clock, no path but the input's file name.
* **Cuts in context need the source.** A record written with ``cleaner clean --keep-source`` carries
  ``cleaner.source``, the text its cuts' offsets index; the document view then shows that text with each cut
  highlighted. A record without it shows the kept text and the list of cuts, and the page says to clean
  with ``--keep-source`` to see them in context.

Input lines that cannot be read (not JSON, not an object, a gzip file cut short) are counted and listed,
never fatal; error records (``cleaner.error``) are counted and listed.

Example:
    >>> agg = Aggregator(top=2)
    >>> src = "Share\\nThe council met on Tuesday."
    >>> rec = {"id": "a", "text": "The council met on Tuesday.", "cleaner": {"language": "en", "input": "extract",
    ...        "removed": [{"kind": "ui_chrome", "rule": "share-prompt", "start": 0, "end": 5, "text": "Share"}],
    ...        "warnings": [], "error": None, "source": src}}
    >>> agg.add_line(orjson.dumps(rec), 1)
    >>> agg.add_line(b'{"id": "b", "text": ', 2)
    >>> data = agg.finish()
    >>> data["totals"]["documents"], data["totals"]["bad_lines"], data["rules"][0]["id"], data["rules"][0]["cuts"]
    (1, 1, 'share-prompt', 1)
    >>> data["docs"][0]["segments"]
    [0, '\\nThe council met on Tuesday.']
"""

from __future__ import annotations

import argparse
import heapq
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from cleaner import __version__, batch

#: Documents with the largest share removed kept whole in the report (``--top``).
DEFAULT_TOP = 100
#: The first documents each rule or heuristic cut, kept whole (``--per-rule``).
DEFAULT_PER_RULE = 3
#: The first documents with each class of warning, kept whole.
DEFAULT_PER_WARNING = 5
#: The first documents of the batch, kept whole (so that a batch with few cuts still shows some).
DEFAULT_FIRST = 10
#: A kept document's source (or kept text) is shown up to this many characters; the rest is left out.
DEFAULT_MAX_DOC_CHARS = 100_000
#: Example lines kept per rule, and how long each may be.
EXAMPLES_PER_RULE = 3
EXAMPLE_CHARS = 200
#: Error records and unreadable lines listed (all are counted).
LISTED_PROBLEMS = 50
#: Distinct rule ids, languages and warning classes tracked; past that they count as ``(other)``, so a
#: damaged batch full of made-up ids cannot grow the report without end.
MAX_KEYS = 5_000
#: A line longer than this is not parsed (counted as unreadable): a cleaned record with its source is a
#: few times its input, which ``clean`` caps at 4 MiB.
MAX_LINE_BYTES = 256 * 1024 * 1024
#: Bytes read at a time.
READ_BLOCK = 1 << 20
#: Bins of the histogram of the share removed (besides "no cut").
HIST_BINS = 20
OTHER = "(other)"
UNKNOWN = "(unknown)"

_SAFETY_FIRED = re.compile(r"^safety: .*\bline\(s\)(?: of (?:lists|teasers))? kept$")
_WARNING_CLASS = re.compile(r"^([a-z][a-z -]{0,24}):")
_DECODING = re.compile(r"decod|UTF-8|charset|byte order mark|NUL characters|mixed encodings")


def warning_class(warning: str) -> str:
    """The class of a warning, for counting and filtering: the word before its colon (``safety``, ``empty``,
    ``fallback``), ``safety-net`` for the safety net taking cuts back, ``rule timeout`` or ``decoding``.

    >>> warning_class("safety: the cuts would have kept 3% of the document's prose; 12 prose line(s) kept")
    'safety-net'
    >>> warning_class("safety: the cuts took 61% of the document's prose")
    'safety'
    >>> warning_class("rule 'x' (en.toml:3) took over 1000 ms on line 4; skipped for this document")
    'rule timeout'
    >>> warning_class("decoded as windows-1252 (detected)")
    'decoding'
    """
    if _SAFETY_FIRED.match(warning):
        return "safety-net"
    m = _WARNING_CLASS.match(warning)
    if m:
        return m.group(1)
    if warning.startswith("rule ") and " took over " in warning:
        return "rule timeout"
    if _DECODING.search(warning):
        return "decoding"
    return "other"


def _short(text: str, width: int = EXAMPLE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _str_or_none(v: object) -> str | None:
    return v if isinstance(v, str) else None


def _str_list(v: object) -> list[str]:
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []


def _id_text(v: object) -> str | None:
    if v is None or isinstance(v, (dict, list)):
        return None
    return str(v)


@dataclass(slots=True)
class RuleStat:
    """What one rule or heuristic did over the batch."""

    kind: str
    cuts: int = 0
    docs: int = 0
    chars: int = 0
    examples: list[str] = field(default_factory=list)
    #: record numbers of the first documents it cut (the sample for this rule)
    picked: list[int] = field(default_factory=list)


#: One cut as the report holds it: (kind, rule, start, end, text). A plain tuple: a page has a hundred
#: cuts and a batch millions of pages, so this is the loop that sets the report's speed.
_Cut = tuple[str, str, int, int, str]


def _cuts_of(removed: object) -> tuple[list[_Cut], int]:
    """The well-formed cuts of a record's ``removed`` list, and how many entries were not.

    >>> _cuts_of([{"kind": "k", "rule": "r", "start": 0, "end": 2, "text": "ab"}, {"kind": "k"}, 3])
    ([('k', 'r', 0, 2, 'ab')], 2)
    """
    if not isinstance(removed, list):
        return [], 0 if removed is None else 1
    out: list[_Cut] = []
    bad = 0
    for r in removed:
        try:
            c = (r["kind"], r["rule"], r["start"], r["end"], r["text"])
        except (TypeError, KeyError, IndexError):
            bad += 1
            continue
        if (type(c[0]) is str and type(c[1]) is str and type(c[4]) is str and type(c[2]) is int and type(c[3]) is int
                and 0 <= c[2] <= c[3]):
            out.append(c)
        else:
            bad += 1
    return out, bad


def _segments(source: str, cuts: Sequence[_Cut], limit: int) -> tuple[list[str | int], bool] | None:
    """``source`` as kept text (strings) and cuts (their index in ``cuts``), in order, up to ``limit``
    characters (and whether it was shortened); None when the cuts do not index this source (offsets out of
    it, overlapping, or text that differs), so the page does not show a cut where there was none.

    >>> _segments("ab cd", [("k", "r", 0, 2, "ab")], 100)
    ([0, ' cd'], False)
    """
    out: list[str | int] = []
    pos = 0
    for i, (_, _, start, end, text) in sorted(enumerate(cuts), key=lambda ic: (ic[1][2], ic[0])):
        if start < pos or end > len(source) or source[start:end] != text:
            return None
        if start >= limit:
            break
        if start > pos:
            out.append(source[pos:start])
        out.append(i)
        pos = end
    truncated = len(source) > limit
    if pos < len(source) and pos < limit:
        out.append(source[pos:limit])
    return out, truncated


class _Bounded(Counter[str]):
    """A counter of at most MAX_KEYS keys; new keys past that count as ``(other)``."""

    def bump(self, key: str, n: int = 1) -> None:
        if key not in self and len(self) >= MAX_KEYS:
            key = OTHER
        self[key] += n


def _ranked(c: Counter[str]) -> list[list[Any]]:
    """``[[key, count], ...]``, most first, then by key: the same order for the same counts."""
    return [[k, v] for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]


class Aggregator:
    """Counts over every record of a cleaned batch and a bounded, deterministic sample of its documents.

    Feed it lines in order (:meth:`add_line`), or records (:meth:`add_record`), then call :meth:`finish`
    for the report's data (JSON-ready). Memory holds the counts and at most ``top + per_rule x rules
    + per_warning x warning classes + first`` documents, each shortened to ``max_doc_chars``.
    """

    def __init__(
        self,
        *,
        text_field: str = "text",
        id_field: str = "id",
        top: int = DEFAULT_TOP,
        per_rule: int = DEFAULT_PER_RULE,
        per_warning: int = DEFAULT_PER_WARNING,
        first: int = DEFAULT_FIRST,
        max_doc_chars: int = DEFAULT_MAX_DOC_CHARS,
    ) -> None:
        self.text_field = text_field
        self.id_field = id_field
        self.top = top
        self.per_rule = per_rule
        self.per_warning = per_warning
        self.first = first
        self.max_doc_chars = max_doc_chars
        self.records = self.documents = self.errors = self.bad_lines = self.no_metadata = 0
        self.with_source = self.bad_cuts = self.offset_mismatch = 0
        self.docs_with_warnings = self.warnings = self.safety_net = 0
        self.docs_without_cuts = 0
        self.chars = self.removed_chars = 0
        self.estimated_chars = 0  # documents without source: their length is the kept text plus the cuts
        self.kind_cuts: _Bounded = _Bounded()
        self.kind_chars: _Bounded = _Bounded()
        self.kind_docs: _Bounded = _Bounded()
        self.languages: _Bounded = _Bounded()
        self.inputs: _Bounded = _Bounded()
        self.warning_classes: _Bounded = _Bounded()
        self.warning_picked: dict[str, list[int]] = {}
        self.hist = [0] * (HIST_BINS + 1)  # [no cut, (0-5%], ...]
        self.rules: dict[str, RuleStat] = {}
        self.error_list: list[dict[str, Any]] = []
        self.bad_list: list[dict[str, Any]] = []
        self._first: list[int] = []
        self._kept: dict[int, dict[str, Any]] = {}  # sampled for a rule, a warning or as one of the first
        self._heap: list[tuple[float, int, dict[str, Any]]] = []  # (share, -record number, doc): the top

    # -- input -------------------------------------------------------------------------------------
    def add_bad(self, where: int | str, problem: str, raw: bytes | str | None = None) -> None:
        """Count a line that is no record (not JSON, not an object, torn); list the first few."""
        self.bad_lines += 1
        if len(self.bad_list) < LISTED_PROBLEMS:
            head = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
            self.bad_list.append({"where": str(where), "problem": problem, "raw": _short(head or "", 300)})

    def add_line(self, line: bytes, n: int) -> None:
        """One JSONL line (record number ``n``, its line number in the file); blank lines are skipped."""
        if not line.strip():
            return
        # orjson alone on the common path: the report needs no number written back exactly, and
        # batch.loads_record's walk for floats costs more than the parse. What orjson refuses (1e400, a lone
        # surrogate escape) is read as clean reads it, so a record clean wrote is never "unreadable" here.
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError:
            try:
                rec = batch.loads_record(line)
            except ValueError as e:  # orjson.JSONDecodeError is one
                self.add_bad(f"line {n}", f"not JSON: {e}", line[:1200])
                return
        if not isinstance(rec, dict):
            self.add_bad(f"line {n}", "not a JSON object", line[:1200])
            return
        self.add_record(rec, n)

    def add_record(self, rec: dict[str, Any], n: int) -> None:
        """One parsed record: an error record, a record without ``cleaner`` metadata, or a document."""
        self.records += 1
        meta = rec.get("cleaner")
        if not isinstance(meta, dict):
            self.no_metadata += 1
            return
        if meta.get("error"):
            self.errors += 1
            if len(self.error_list) < LISTED_PROBLEMS:
                self.error_list.append({"n": n, "id": _id_text(rec.get(self.id_field)), "error": str(meta["error"]),
                                        "raw": _short(str(meta.get("raw") or ""), 300)})
            return
        self._add_document(rec, meta, n)

    def _add_document(self, rec: dict[str, Any], meta: dict[str, Any], n: int) -> None:
        self.documents += 1
        cuts, bad = _cuts_of(meta.get("removed"))
        self.bad_cuts += bad
        source = _str_or_none(meta.get("source"))
        text = _str_or_none(rec.get(self.text_field)) or ""
        # per document first, then into the totals: one dict update per rule, not per cut
        rule_cuts: dict[str, list[Any]] = {}  # rule -> [cuts, chars, kind]
        kind_cuts: Counter[str] = Counter()
        kind_chars: Counter[str] = Counter()
        removed = 0
        for kind, rule, start, end, _ in cuts:
            size = end - start
            removed += size
            kind_cuts[kind] += 1
            kind_chars[kind] += size
            e = rule_cuts.get(rule)
            if e is None:
                rule_cuts[rule] = [1, size, kind]
            else:
                e[0] += 1
                e[1] += size
        if source is not None:
            self.with_source += 1
            total = len(source)
        else:
            total = len(text) + removed
            self.estimated_chars += total
        self.chars += total
        self.removed_chars += removed
        share = min(removed / total, 1.0) if total else 0.0
        if cuts:
            self.hist[1 + min(int(share * HIST_BINS), HIST_BINS - 1)] += 1
        else:
            self.hist[0] += 1
            self.docs_without_cuts += 1
        lang = _str_or_none(meta.get("language")) or UNKNOWN
        self.languages.bump(lang)
        self.inputs.bump(_str_or_none(meta.get("input")) or UNKNOWN)
        warnings = _str_list(meta.get("warnings"))
        classes = sorted({warning_class(w) for w in warnings})
        if warnings:
            self.docs_with_warnings += 1
            self.warnings += len(warnings)
            self.safety_net += sum(1 for w in warnings if _SAFETY_FIRED.match(w))
        for c in classes:
            self.warning_classes.bump(c)

        for k, cnt in kind_cuts.items():
            self.kind_cuts.bump(k, cnt)
            self.kind_chars.bump(k, kind_chars[k])
            self.kind_docs.bump(k)
        seen_rules: set[str] = set()
        for rule, (cnt, size, kind) in rule_cuts.items():
            st = self.rules.get(rule)
            if st is None:
                rid = rule if len(self.rules) < MAX_KEYS else OTHER
                st = self.rules.get(rid)
                if st is None:
                    st = self.rules[rid] = RuleStat(kind=kind)
            st.cuts += cnt
            st.chars += size
            if len(st.examples) < EXAMPLES_PER_RULE:  # the first distinct lines it cut, in batch order
                for c in cuts:
                    if c[1] == rule and len(st.examples) < EXAMPLES_PER_RULE:
                        ex = _short(c[4])
                        if ex and ex not in st.examples:
                            st.examples.append(ex)
            seen_rules.add(rule if rule in self.rules else OTHER)

        # The sample: build the document's data only when some reason keeps it.
        reasons: list[str] = []
        if self.documents <= self.first:
            self._first.append(n)
            reasons.append("first")
        for rid in sorted(seen_rules):
            st = self.rules[rid]
            st.docs += 1
            if len(st.picked) < self.per_rule:
                st.picked.append(n)
                reasons.append("rule")
        for c in classes:
            picked = self.warning_picked.setdefault(c, []) if c in self.warning_classes else []
            if len(picked) < self.per_warning:
                picked.append(n)
                reasons.append("warning")
        key = (share, -n)
        in_top = self.top > 0 and (len(self._heap) < self.top or key > self._heap[0][:2])
        if not reasons and not in_top:
            return
        doc = self._doc(rec, meta, n, cuts, source, text, share, total, removed, warnings, classes)
        if reasons:
            self._kept[n] = doc
        if in_top:
            if len(self._heap) < self.top:
                heapq.heappush(self._heap, (share, -n, doc))
            else:
                heapq.heapreplace(self._heap, (share, -n, doc))

    def _doc(self, rec: dict[str, Any], meta: dict[str, Any], n: int, cuts: list[_Cut], source: str | None, text: str,
             share: float, total: int, removed: int, warnings: list[str], classes: list[str]) -> dict[str, Any]:
        """The data of one document shown in the report."""
        segs = _segments(source, cuts, self.max_doc_chars) if source is not None else None
        if source is not None and segs is None:
            self.offset_mismatch += 1
        doc: dict[str, Any] = {
            "n": n,
            "id": _id_text(rec.get(self.id_field)),
            "url": _str_or_none(rec.get("url")),
            "title": _str_or_none(meta.get("title")),
            "date": _str_or_none(meta.get("date")),
            "dateline": _str_or_none(meta.get("dateline")),
            "authors": _str_list(meta.get("authors")),
            "tags": _str_list(meta.get("tags")),
            "language": _str_or_none(meta.get("language")),
            "input": _str_or_none(meta.get("input")),
            "warnings": warnings,
            "wclasses": classes,
            "share": round(share, 6),
            "chars": total,
            "removed_chars": removed,
            "kinds": sorted({c[0] for c in cuts}),
            "rules": sorted({c[1] for c in cuts}),
            "cuts": [list(c) for c in cuts],
            "has_source": source is not None,
            "segments": segs[0] if segs else None,
            "truncated": bool(segs and segs[1]) or (segs is None and len(text) > self.max_doc_chars),
            "text": None if segs else text[: self.max_doc_chars],
            "snippet": _short(text, 160),
        }
        return doc

    # -- output ------------------------------------------------------------------------------------
    def finish(self, registry: dict[str, Any] | None = None) -> dict[str, Any]:
        """The report's data: totals, counts, rules (with ``registry`` descriptions) and the sampled documents."""
        top = sorted(self._heap, key=lambda t: (-t[0], -t[1]))
        docs: dict[int, dict[str, Any]] = dict(self._kept)
        for rank, (_, neg_n, doc) in enumerate(top, 1):
            docs[-neg_n] = doc
            doc["top"] = rank
        why: dict[int, list[str]] = {n: [] for n in docs}
        for rid, st in self.rules.items():
            for n in st.picked:
                why[n].append(f"one of the first {self.per_rule} documents cut by {rid}")
        for c, picked in self.warning_picked.items():
            for n in picked:
                why[n].append(f"one of the first {self.per_warning} documents with a {c} warning")
        for n in self._first:
            why[n].append(f"one of the first {self.first} documents of the batch")
        for n, doc in docs.items():
            doc.setdefault("top", None)
            if doc["top"]:
                why[n].insert(0, f"#{doc['top']} of the {self.top} documents with the largest share removed")
            doc["why"] = why[n]
        rules = []
        for rid, st in sorted(self.rules.items(), key=lambda kv: (-kv[1].chars, kv[0])):
            rules.append({"id": rid, "kind": st.kind, "cuts": st.cuts, "docs": st.docs, "chars": st.chars,
                          "examples": st.examples, "sampled": st.picked})
        reg = registry or {}
        return {
            "totals": {
                "records": self.records + self.bad_lines,
                "documents": self.documents,
                "errors": self.errors,
                "bad_lines": self.bad_lines,
                "no_metadata": self.no_metadata,
                "with_source": self.with_source,
                "docs_with_warnings": self.docs_with_warnings,
                "warnings": self.warnings,
                "safety_net": self.safety_net,
                "docs_without_cuts": self.docs_without_cuts,
                "chars": self.chars,
                "removed_chars": self.removed_chars,
                "estimated_chars": self.estimated_chars,
                "cuts": sum(self.kind_cuts.values()),
                "bad_cuts": self.bad_cuts,
                "offset_mismatch": self.offset_mismatch,
            },
            "kinds": [{"kind": k, "cuts": self.kind_cuts[k], "chars": n, "docs": self.kind_docs[k]}
                      for k, n in _ranked(self.kind_chars)],
            "hist": self.hist,
            "languages": _ranked(self.languages),
            "inputs": _ranked(self.inputs),
            "warning_classes": _ranked(self.warning_classes),
            "rules": rules,
            "registry": {r["id"]: reg[r["id"]] for r in rules if r["id"] in reg},
            "docs": [docs[n] for n in sorted(docs)],
            "errors": self.error_list,
            "bad": self.bad_list,
            "sampling": {"top": self.top, "per_rule": self.per_rule, "per_warning": self.per_warning,
                         "first": self.first, "max_doc_chars": self.max_doc_chars, "shown": len(docs)},
        }


# ---------------------------------------------------------------------------------------------------
# Reading the batch
# ---------------------------------------------------------------------------------------------------


def iter_lines(
    source: batch.Source, max_line: int = MAX_LINE_BYTES, block_bytes: int = READ_BLOCK
) -> Iterator[tuple[int, bytes | None, str | None]]:
    """``(line number, line, None)`` for every line of a JSONL input (gunzipped for ``.gz``), or
    ``(line number, None, problem)`` for a line over ``max_line`` bytes (skimmed, never held whole) and for
    where a gzip file breaks off, after every line decoded before the damage.

    The bytes come from the block reader of ``cleaner clean`` (:func:`cleaner.batch._read_blocks`: several
    gzip members, a stream cut short or corrupt); the lines are split here rather than by
    :func:`cleaner.batch.iter_chunks`, whose resume bookkeeping (counting blank lines in every block) took
    half of a report's time.

    >>> import io
    >>> list(iter_lines(batch.Source.stream_of(io.BytesIO(b'{"a": 1}\\n' + b"x" * 50 + b"\\n{}")), max_line=20))
    [(1, b'{"a": 1}', None), (2, None, 'a line of 50 bytes, over the limit of 20: not read'), (3, b'{}', None)]

    Raises:
        batch.BatchError: the input cannot be read.
    """
    lineno = 1
    carry: list[bytes] = []  # the start of a line whose newline is still to come
    carry_len = 0
    big = -1  # while skimming past a line over max_line: its length so far

    def too_long(size: int) -> str:
        return f"a line of {size:,} bytes, over the limit of {max_line:,}: not read"

    try:
        for data in batch._read_blocks(source, block_bytes):
            parts = data.split(b"\n")
            for piece in parts[:-1]:  # each ends a line
                if big >= 0:
                    yield lineno, None, too_long(big + len(piece))
                    big = -1
                else:
                    if carry:
                        carry.append(piece)
                        piece = b"".join(carry)
                        carry, carry_len = [], 0
                    yield (lineno, None, too_long(len(piece))) if len(piece) > max_line else (lineno, piece, None)
                lineno += 1
            rest = parts[-1]
            if big >= 0:
                big += len(rest)
            elif rest:
                carry.append(rest)
                carry_len += len(rest)
                if carry_len > max_line:
                    big, carry, carry_len = carry_len, [], 0
        if big >= 0:
            yield lineno, None, too_long(big)
        elif carry:
            line = b"".join(carry)
            yield (lineno, None, too_long(len(line))) if len(line) > max_line else (lineno, line, None)
    except batch._Broken as e:
        what = "truncated" if e.truncated else "damaged"
        yield lineno, None, f"{source.label}: {what} gzip at line {lineno}: {e}; the rest of the file is lost"
    except OSError as e:
        raise batch.BatchError(f"{source.label}: cannot read: {e.strerror or e}") from None


def read_manifest(path: str) -> dict[str, Any]:
    """The options of ``cleaner clean`` from ``OUTPUT.manifest.json`` beside an output (text and id fields,
    rule files); ``{}`` when there is none or it cannot be read."""
    try:
        m = json.loads(Path(path + ".manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return m if isinstance(m, dict) else {}


def rule_registry(ids: Iterable[str], extra_rules: Sequence[str | Path] = (), *, defaults: bool = True) -> dict[str, Any]:
    """What each rule or heuristic in ``ids`` is, for the report: a rule's description, pattern and examples
    from the rule files (bundled, and ``extra_rules``), a heuristic's record from the registry. Ids that are
    neither are left out (the page says so). A rule file that cannot be loaded is skipped.

    >>> rule_registry(["heuristic.title", "no-such-rule"])["heuristic.title"]["type"]
    'heuristic'
    """
    from cleaner.heuristics.registry import HEURISTICS
    from cleaner.ruleset import RuleError, load_rules

    wanted = set(ids)
    out: dict[str, Any] = {}
    for rid in sorted(wanted & HEURISTICS.keys()):
        h = HEURISTICS[rid]
        out[rid] = {"type": "heuristic", "kind": h.kind, "description": h.description, "catches": h.catches,
                    "why": h.why, "stage": h.stage, "code": h.code, "example": h.example}
    if not wanted - out.keys():
        return out
    try:
        rules = load_rules(list(extra_rules), defaults=defaults)
    except RuleError:
        try:
            rules = load_rules([], defaults=defaults)
        except RuleError:  # pragma: no cover - the bundled rules load
            rules = []
    for r in rules:
        if r.id in wanted and r.id not in out:
            out[r.id] = {"type": "rule", "kind": r.kind, "description": r.description, "where": r.where,
                         "langs": list(r.langs), "pattern": r.pattern, "file": f"{Path(r.file).name}:{r.line}",
                         "remove": list(r.examples_remove), "keep": list(r.examples_keep)}
    return dict(sorted(out.items()))


def aggregate(source: batch.Source, agg: Aggregator) -> Aggregator:
    """Stream one JSONL input through ``agg``; unreadable lines are counted, not raised."""
    for n, line, problem in iter_lines(source):
        if line is None:
            agg.add_bad(f"line {n}", problem or "unreadable")
        else:
            agg.add_line(line, n)
    return agg


# ---------------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------------


def embed_json(data: Any) -> bytes:
    """JSON for a ``<script type="application/json">``: every ``<`` written as ``\\u003c``, so no text in
    it can close the element or open a comment, and ``JSON.parse`` gives the data back unchanged.

    >>> embed_json({"t": "</script><!--"})
    b'{"t":"\\\\u003c/script>\\\\u003c!--"}'
    """
    return orjson.dumps(data).replace(b"<", b"\\u003c")


def render_html(data: dict[str, Any]) -> bytes:
    """The whole report page: inline CSS, the data as JSON, and the script that renders it."""
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">\n"
        "<title>cleaner report</title>\n<style>\n" + _CSS + "</style>\n</head>\n<body>\n"
        '<header><h1 id="heading">cleaner report</h1><nav id="nav"></nav></header>\n'
        '<main id="main"><p>This report needs JavaScript to show its data.</p></main>\n'
        '<script type="application/json" id="data">'
    )
    tail = "</script>\n<script>\n" + _JS + "</script>\n</body>\n</html>\n"
    return head.encode() + embed_json(data) + tail.encode()


@dataclass(slots=True)
class Built:
    """What :func:`build_report` made: the page and the counts the command prints."""

    html: bytes
    data: dict[str, Any]


def build_report(
    path: str,
    *,
    text_field: str | None = None,
    id_field: str | None = None,
    rules: Sequence[str] = (),
    default_rules: bool = True,
    top: int = DEFAULT_TOP,
    per_rule: int = DEFAULT_PER_RULE,
    max_doc_chars: int = DEFAULT_MAX_DOC_CHARS,
    stdin: Any = None,
) -> Built:
    """Read a cleaned batch (``path``: a ``.jsonl`` or ``.jsonl.gz`` file, or ``-`` for ``stdin``) and build
    its report. Fields and rule files not given are taken from ``path``'s manifest when it has one.

    Raises:
        batch.BatchError: the input cannot be opened or read.
    """
    manifest = read_manifest(path) if path != "-" else {}
    opts = manifest.get("options") if isinstance(manifest.get("options"), dict) else {}
    text_field = text_field or _str_or_none(opts.get("text_field")) or "text"
    id_field = id_field or _str_or_none(opts.get("id_field")) or "id"
    extra = list(rules)
    if not rules:  # the --rules files the batch was cleaned with, when they are still there
        for r in manifest.get("rules") or []:
            p = r.get("path") if isinstance(r, dict) else None
            if isinstance(p, str) and not p.startswith("(bundled)") and Path(p).is_file():
                extra.append(p)
    if path == "-":
        src = batch.Source.stream_of(stdin if stdin is not None else sys.stdin.buffer)
    else:
        p = Path(path)
        if not p.is_file():
            raise batch.BatchError(f"no such file: {path}")
        src = batch.Source(label=path, path=p)
    agg = aggregate(src, Aggregator(text_field=text_field, id_field=id_field, top=top, per_rule=per_rule,
                                    max_doc_chars=max_doc_chars))
    registry = rule_registry(agg.rules.keys(), extra, defaults=default_rules)
    data = agg.finish(registry)
    data["meta"] = {"input": Path(path).name if path != "-" else "<stdin>", "cleaner": __version__,
                    "text_field": text_field, "id_field": id_field,
                    "cleaned_by": _str_or_none(manifest.get("cleaner"))}
    return Built(render_html(data), data)


REPORT_DESCRIPTION = """\
Build one self-contained HTML page (no network; open it from file://) to review a batch that
`cleaner clean` wrote: a summary (documents, errors, warnings, safety-net firings, characters removed by
kind, a histogram of the share removed, languages, input kinds), every rule and heuristic that fired (with
its description, example lines and the documents it cut), and a sample of the documents with every cut
highlighted in its source.

The input is read once, in bounded memory, however many records it holds: counts cover every record; the
documents shown are a deterministic sample: the --top documents with the largest share removed, the first
--per-rule documents each rule cut, the first 5 with each class of warning and the first 10 of the batch.
Unreadable lines (not JSON, a gzip file cut short) are counted and listed, never fatal.

To see cuts in context the records need cleaner.source: clean with --keep-source. Without it a document
shows its kept text and the list of its cuts. The text and id fields, and any --rules files, are read from
OUTPUT.manifest.json when the batch has one; say them with --text-field/--id-field/--rules otherwise.
The same input gives the same bytes.
"""

REPORT_EPILOG = """\
examples:
  cleaner clean crawl.jsonl.gz --keep-source -o clean.jsonl.gz
  cleaner report clean.jsonl.gz -o report.html
  cleaner report clean.jsonl --top 500 --per-rule 10        # show more documents
"""


def default_output(path: str) -> str:
    """``clean.jsonl.gz`` -> ``clean.report.html`` (beside it); ``-`` -> ``report.html``.

    >>> default_output("out/clean.jsonl.gz"), default_output("-")
    ('out/clean.report.html', 'report.html')
    """
    if path == "-":
        return "report.html"
    name = Path(path).name
    for suffix in (".jsonl.gz", ".jsonl", ".gz", ".json"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return str(Path(path).with_name(name + ".report.html"))


def run_command(args: argparse.Namespace) -> int:
    """``cleaner report``: build the page, write it, print one line of counts; 2 when the input is unreadable."""
    t0 = time.perf_counter()
    try:
        built = build_report(args.input, text_field=args.text_field, id_field=args.id_field, rules=args.rules,
                             default_rules=not args.no_default_rules, top=args.top, per_rule=args.per_rule,
                             max_doc_chars=args.max_doc_chars)
    except batch.BatchError as e:
        print(f"cleaner: error: {e}", file=sys.stderr)
        return 2
    out = args.output or default_output(args.input)
    try:
        if out == "-":
            sys.stdout.buffer.write(built.html)
            sys.stdout.flush()
        else:
            Path(out).write_bytes(built.html)
    except OSError as e:
        print(f"cleaner: error: cannot write {out}: {e.strerror or e}", file=sys.stderr)
        return 2
    if not args.quiet:
        t = built.data["totals"]
        print(f"cleaner: report of {t['records']:,} records ({t['documents']:,} documents, {t['errors']:,} errors, "
              f"{t['bad_lines']:,} unreadable lines), {built.data['sampling']['shown']:,} documents shown: "
              f"{out if out != '-' else 'stdout'} ({len(built.html) / 2**20:,.1f} MiB) in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
    return 0


_CSS = r""":root { --fg: #1d2430; --muted: #5b6472; --line: #d9dee6; --bg: #fbfcfd; --accent: #1f5fbf; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); }
header { position: sticky; top: 0; z-index: 2; display: flex; gap: 24px; align-items: baseline; padding: 10px 24px;
  background: #fff; border-bottom: 1px solid var(--line); }
header h1 { font-size: 18px; margin: 0; }
nav a { margin-right: 16px; color: var(--accent); text-decoration: none; font-weight: 500; }
nav a.active { color: var(--fg); border-bottom: 2px solid var(--accent); }
main { padding: 16px 24px 48px; max-width: 1400px; }
h2 { font-size: 20px; margin: 8px 0 12px; }
h3 { font-size: 15px; margin: 20px 0 8px; }
a { color: var(--accent); }
.note { background: #fff7e0; border: 1px solid #f0d890; padding: 8px 12px; border-radius: 4px; }
.muted { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin: 12px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.card .v { font-size: 20px; font-weight: 600; }
.card .l { color: var(--muted); font-size: 12px; }
.card.bad .v { color: #b42318; }
.row { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
table { border-collapse: collapse; background: #fff; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f1f4f8; position: sticky; top: 49px; }
th.sortable { cursor: pointer; user-select: none; white-space: nowrap; }
th.sortable::after { content: " \2195"; color: #98a2b3; }
th[aria-sort="ascending"]::after { content: " \25B2"; color: var(--fg); }
th[aria-sort="descending"]::after { content: " \25BC"; color: var(--fg); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.ex { font-size: 12px; color: var(--muted); max-width: 520px; overflow-wrap: anywhere; }
.ex + .ex { border-top: 1px dotted var(--line); }
.sw { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.controls { display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 10px; align-items: center; }
.controls input, .controls select { font: inherit; padding: 3px 6px; }
.controls input { width: 260px; }
.share { display: inline-block; width: 60px; height: 8px; background: #eef1f5; margin-right: 6px; vertical-align: middle; }
.share > span { display: block; height: 100%; background: #d9534f; }
pre.doc { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid var(--line); padding: 12px;
  font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin-top: 0; }
mark.cut { color: inherit; border-radius: 2px; text-decoration: line-through rgba(0,0,0,.35); cursor: help; }
mark.cut:hover { outline: 2px solid #333; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 10px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.legend span { margin-right: 14px; white-space: nowrap; }
.desc { max-width: 900px; }
pre.pattern { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 8px; font-size: 12px; }
svg text { font: 11px system-ui, sans-serif; fill: var(--fg); }
#docs-table td:nth-child(2) { max-width: 240px; overflow-wrap: anywhere; font-size: 12px; }
#docs-table td:nth-child(3) { min-width: 340px; }
.clip { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.docview { display: grid; grid-template-columns: minmax(0, 1fr) 360px; gap: 24px; align-items: start; }
.docview aside { position: sticky; top: 60px; max-height: calc(100vh - 70px); overflow: auto; }
.docview aside h3:first-child, .docview > div > h3:first-child { margin-top: 0; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
"""

_JS = r""""use strict";
const D = JSON.parse(document.getElementById("data").textContent);
const main = document.getElementById("main");
const T = D.totals;
const PALETTE = new Map([["ui_chrome", "#f4a3a3"], ["navigation", "#f7c98b"], ["related_headlines", "#f3e38a"],
  ["tag_list", "#7fd67f"], ["date_header", "#9fe0c9"], ["title", "#9cd3f0"], ["byline", "#b3b8f5"],
  ["duplicated_word", "#ff7f50"], ["legal_footer", "#f2add5"], ["caption", "#d9c7a7"], ["duplicate_line", "#c9c9c9"],
  ["boilerplate", "#d6bff5"]]);
const EXTRA = ["#a7d8d8", "#e0a0a0", "#b0d0a0", "#d0b0e0", "#e8d090", "#a0b8e0"];
const DOCS = new Map(D.docs.map((d) => [d.n, d]));
const RULES = new Map(D.rules.map((r) => [r.id, r]));
const REG = new Map(Object.entries(D.registry));

function color(kind) {
  if (PALETTE.has(kind)) return PALETTE.get(kind);
  let h = 0;
  for (const ch of kind) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return EXTRA[h % EXTRA.length];
}
function num(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
function plural(n, word) { return `${num(n)} ${word}${n === 1 ? "" : "s"}`; }
function pct(x) { return (100 * x).toFixed(1) + "%"; }
function ratio(a, b) { return b ? a / b : 0; }
// Every element is made here; text from the data only ever goes in through append (text nodes) or setAttribute.
function el(tag, props, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") e.textContent = String(v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid !== null && kid !== undefined && kid !== false) e.append(kid instanceof Node ? kid : String(kid));
  }
  return e;
}
const SVGNS = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  for (const kid of kids.flat(Infinity)) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : String(kid));
  return e;
}
function swatch(kind) { return el("span", {class: "sw", style: "background:" + color(kind)}); }
function ruleHref(id) { return "#rule/" + encodeURIComponent(id); }
function docHref(n) { return "#doc/" + n; }
function docsHref(params) { return "#docs?" + new URLSearchParams(params).toString(); }
function card(label, value, id, bad) {
  return el("div", {class: bad ? "card bad" : "card"}, el("div", {class: "v", id: id}, value), el("div", {class: "l"}, label));
}

// A table whose headers sort it: cols = [{key, label, num, get, cell}], rows = data objects.
function sortableTable(id, cols, rows, sort) {
  const table = el("table", {id: id});
  const tbody = el("tbody");
  const heads = cols.map((c) => el("th", {class: (c.get ? "sortable" : "") + (c.num ? " num" : ""), "data-key": c.key},
    c.label));
  table.append(el("thead", {}, el("tr", {}, heads)), tbody);
  function draw() {
    const col = cols.find((c) => c.key === sort.key);
    const sorted = rows.slice().sort((a, b) => {
      const x = col.get(a), y = col.get(b);
      const c = x < y ? -1 : x > y ? 1 : 0;
      return c * sort.dir || (a._order - b._order);
    });
    heads.forEach((h, i) => {
      if (cols[i].key === sort.key) h.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
      else h.removeAttribute("aria-sort");
    });
    tbody.replaceChildren(...sorted.map((r) => el("tr", {"data-key": r._key}, cols.map((c) => {
      const td = el("td", {class: c.num ? "num" : null});
      td.append(c.cell ? c.cell(r) : String(c.get(r)));
      return td;
    }))));
  }
  heads.forEach((h, i) => {
    if (!cols[i].get) return;
    h.addEventListener("click", () => {
      if (sort.key === cols[i].key) sort.dir = -sort.dir;
      else { sort.key = cols[i].key; sort.dir = cols[i].num ? -1 : 1; }
      draw();
    });
  });
  table.redraw = (newRows) => { if (newRows) rows = newRows; draw(); };
  draw();
  return table;
}

// The histogram of the share removed: a "none" bar (documents without a cut), a gap, then 5% bins.
function niceStep(max) {
  const raw = Math.max(1, max / 4);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw && Number.isInteger(s)) || 10 * p;
}
function barsVertical(id, labels, values, title) {
  const W = 660, H = 230, left = 52, bottom = 40, top = 10;
  const step = niceStep(Math.max(...values));
  const ticks = Math.max(1, Math.ceil(Math.max(...values) / step));
  const max = ticks * step;
  const bw = (W - left - 24) / (values.length + 0.5);
  const xOf = (i) => left + (i === 0 ? 0 : (i + 0.5) * bw);
  const g = svg("svg", {id: id, width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": title});
  g.append(svg("title", {}, title));
  for (let t = 0; t <= ticks; t++) {
    const y = top + (H - top - bottom) * (1 - t / ticks);
    g.append(svg("line", {x1: left, x2: W - 24, y1: y, y2: y, stroke: "#e3e7ed"}));
    g.append(svg("text", {x: left - 6, y: y + 4, "text-anchor": "end"}, num(step * t)));
  }
  values.forEach((v, i) => {
    const h = (H - top - bottom) * v / max;
    g.append(svg("rect", {x: xOf(i) + 1, y: H - bottom - h, width: Math.max(1, bw - 2), height: h,
      fill: i === 0 ? "#9aa4b2" : "#d9534f", "data-count": v}, svg("title", {}, `${labels[i]}: ${num(v)} documents`)));
  });
  g.append(svg("text", {x: xOf(0) + bw / 2, y: H - bottom + 14, "text-anchor": "middle"}, "none"));
  for (let b = 0; b <= values.length - 1; b += 2) {
    g.append(svg("text", {x: xOf(b + 1), y: H - bottom + 14, "text-anchor": "middle"}, `${b * 5}%`));
  }
  g.append(svg("text", {x: left + (W - left) / 2, y: H - 6, "text-anchor": "middle"}, "share of the document removed"));
  return g;
}

function barsHorizontal(id, items, title) {
  const rowH = 20, left = 150, W = 600, H = items.length * rowH + 10;
  const max = Math.max(1, ...items.map((it) => it.value));
  const g = svg("svg", {id: id, width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": title});
  g.append(svg("title", {}, title));
  items.forEach((it, i) => {
    const y = 5 + i * rowH;
    const w = (W - left - 130) * it.value / max;
    g.append(svg("text", {x: left - 6, y: y + 13, "text-anchor": "end"}, it.label));
    g.append(svg("rect", {x: left, y: y + 2, width: Math.max(1, w), height: rowH - 6, fill: color(it.label)},
      svg("title", {}, `${it.label}: ${it.text}`)));
    g.append(svg("text", {x: left + w + 6, y: y + 13}, it.text));
  });
  return g;
}

function countTable(id, head, pairs, link) {
  const total = pairs.reduce((s, p) => s + p[1], 0);
  return el("table", {id: id}, el("thead", {}, el("tr", {}, el("th", {}, head), el("th", {class: "num"}, "documents"),
    el("th", {class: "num"}, "share"))), el("tbody", {}, pairs.map(([k, v]) => el("tr", {},
    el("td", {}, link ? el("a", {href: link(k)}, k) : k), el("td", {class: "num"}, num(v)),
    el("td", {class: "num"}, pct(ratio(v, total)))))));
}

function samplingNote() {
  const s = D.sampling;
  return el("p", {class: "note", id: "sampling"},
    `Counts cover all ${num(T.records)} records. The documents shown are a sample of ${num(s.shown)}: ` +
    `the ${num(s.top)} with the largest share removed, the first ${num(s.per_rule)} each rule or heuristic cut, ` +
    `the first ${num(s.per_warning)} with each class of warning and the first ${num(s.first)} of the batch ` +
    `(each document once; ties go to the earlier record). Texts longer than ${num(s.max_doc_chars)} characters ` +
    "are shown up to there.");
}

function viewSummary() {
  const m = D.meta;
  const out = [el("h2", {}, "Summary"),
    el("p", {class: "muted"}, `${m.input}` + (m.cleaned_by ? `, cleaned by cleaner ${m.cleaned_by}` : "") +
      `; text field "${m.text_field}", id field "${m.id_field}".`),
    samplingNote()];
  if (T.with_source < T.documents) {
    out.push(el("p", {class: "note", id: "source-note"}, `${num(T.documents - T.with_source)} of ${num(T.documents)} ` +
      "documents carry no cleaner.source, so their cuts cannot be shown in context (their size is estimated as the " +
      "kept text plus the cuts): run cleaner clean with --keep-source to see them."));
  }
  out.push(el("div", {class: "cards"},
    card("records read", num(T.records), "t-records"),
    card("documents", num(T.documents), "t-documents"),
    card("error records", num(T.errors), "t-errors", T.errors > 0),
    card("unreadable lines", num(T.bad_lines), "t-bad", T.bad_lines > 0),
    card("documents with warnings", num(T.docs_with_warnings), "t-warned", T.docs_with_warnings > 0),
    card("safety-net firings", num(T.safety_net), "t-safety", T.safety_net > 0),
    card("cuts", num(T.cuts), "t-cuts"),
    card("characters", num(T.chars), "t-chars"),
    card("characters removed", `${num(T.removed_chars)} (${pct(ratio(T.removed_chars, T.chars))})`, "t-removed"),
    card("documents without a cut", num(T.docs_without_cuts), "t-nocut")));
  if (T.no_metadata) out.push(el("p", {class: "muted"}, `${num(T.no_metadata)} records have no cleaner object ` +
    "(cleaned with --no-metadata?): counted as records, not documents."));
  if (T.bad_cuts || T.offset_mismatch) out.push(el("p", {class: "note"}, `${num(T.bad_cuts)} malformed cuts skipped; ` +
    `${num(T.offset_mismatch)} shown documents whose cuts do not index their cleaner.source.`));
  const labels = ["none"].concat(D.hist.slice(1).map((_, i) => `${i * 5}–${(i + 1) * 5}%`));
  out.push(el("div", {class: "row"},
    el("div", {}, el("h3", {}, "Share removed per document"), barsVertical("hist", labels, D.hist,
      "Histogram of the share of each document removed")),
    el("div", {}, el("h3", {}, "Characters removed by kind"), barsHorizontal("kinds-chart", D.kinds.map((k) => ({
      label: k.kind, value: k.chars, text: `${num(k.chars)} (${pct(ratio(k.chars, T.chars))})`})),
      "Characters removed by kind"))));
  out.push(el("h3", {}, "By kind"), el("table", {id: "kinds"}, el("thead", {}, el("tr", {},
    ["kind", "cuts", "documents", "characters removed", "of all characters"].map((h, i) =>
      el("th", {class: i ? "num" : null}, h)))), el("tbody", {}, D.kinds.map((k) => el("tr", {},
    el("td", {}, swatch(k.kind), el("a", {href: docsHref({kind: k.kind})}, k.kind)),
    el("td", {class: "num"}, num(k.cuts)), el("td", {class: "num"}, num(k.docs)),
    el("td", {class: "num"}, num(k.chars)), el("td", {class: "num"}, pct(ratio(k.chars, T.chars))))))));
  out.push(el("div", {class: "row"},
    el("div", {}, el("h3", {}, "Languages"), countTable("languages", "language", D.languages,
      (k) => docsHref({lang: k}))),
    el("div", {}, el("h3", {}, "Input kinds"), countTable("inputs", "taken as", D.inputs)),
    el("div", {}, el("h3", {}, "Warnings"), D.warning_classes.length ? countTable("warning-classes", "class",
      D.warning_classes, (k) => docsHref({warn: k})) : el("p", {class: "muted"}, "none"))));
  return out;
}

function viewRules() {
  const rows = D.rules.map((r, i) => Object.assign({_order: i, _key: r.id}, r));
  const cols = [
    {key: "id", label: "rule or heuristic", get: (r) => r.id, cell: (r) => {
      const reg = REG.get(r.id);
      return el("a", {class: "rule-link", href: ruleHref(r.id), title: reg ? reg.description : "no description"}, r.id);
    }},
    {key: "kind", label: "kind", get: (r) => r.kind, cell: (r) => el("span", {}, swatch(r.kind), r.kind)},
    {key: "cuts", label: "lines cut", num: true, get: (r) => r.cuts, cell: (r) => num(r.cuts)},
    {key: "docs", label: "documents", num: true, get: (r) => r.docs, cell: (r) => num(r.docs)},
    {key: "chars", label: "characters removed", num: true, get: (r) => r.chars, cell: (r) => num(r.chars)},
    {key: "examples", label: "example lines", cell: (r) => el("div", {}, r.examples.map((x) => el("div", {class: "ex"}, x)))},
    {key: "shown", label: "shown", cell: (r) => el("a", {class: "rule-docs", href: docsHref({rule: r.id})},
      plural(D.docs.filter((d) => d.rules.includes(r.id)).length, "document"))},
  ];
  return [el("h2", {}, `Rules and heuristics that fired (${num(D.rules.length)})`),
    el("p", {class: "muted"}, "Click a column to sort; an id for its description and the documents it cut."),
    sortableTable("rules-table", cols, rows, {key: "chars", dir: -1})];
}

function viewRule(id) {
  const r = RULES.get(id);
  if (!r) return [el("h2", {}, "No such rule"), el("p", {}, `Nothing in this batch was cut by ${id}.`)];
  const reg = REG.get(id);
  const out = [el("h2", {id: "rule-id"}, id), el("dl", {class: "meta"},
    el("dt", {}, "kind"), el("dd", {}, swatch(r.kind), r.kind),
    el("dt", {}, "lines cut"), el("dd", {id: "rule-cuts"}, num(r.cuts)),
    el("dt", {}, "documents"), el("dd", {id: "rule-docs"}, num(r.docs)),
    el("dt", {}, "characters removed"), el("dd", {id: "rule-chars"}, num(r.chars)))];
  const desc = el("div", {class: "desc", id: "rule-desc"});
  if (!reg) {
    desc.append(el("p", {class: "note"}, "No description: this id is neither a loaded rule nor a heuristic. Was the " +
      "batch cleaned with --rules? Give the same files to cleaner report --rules."));
  } else if (reg.type === "heuristic") {
    desc.append(el("p", {}, el("strong", {}, "Heuristic"), ` (stage ${reg.stage}, ${reg.code})`),
      el("p", {}, reg.catches), el("p", {}, el("em", {}, "Why: "), reg.why), el("p", {class: "muted"}, "e.g. " + reg.example));
  } else {
    desc.append(el("p", {}, el("strong", {}, "Rule"), ` in ${reg.file}, applies ${reg.where}` +
      (reg.langs.length ? ` (languages: ${reg.langs.join(", ")})` : " (any language)")),
      el("p", {}, reg.description), el("div", {class: "muted"}, "pattern"), el("pre", {class: "pattern"}, reg.pattern));
    const list = (xs) => el("ul", {}, xs.map((x) => el("li", {}, x)));
    if (reg.remove.length) desc.append(el("div", {class: "muted"}, "cuts, e.g."), list(reg.remove));
    if (reg.keep.length) desc.append(el("div", {class: "muted"}, "keeps, e.g."), list(reg.keep));
  }
  out.push(desc, el("h3", {}, "Example lines it cut"), el("ul", {}, r.examples.map((x) => el("li", {class: "ex"}, x))));
  const shown = D.docs.filter((d) => d.rules.includes(id));
  out.push(el("h3", {}, `Documents it cut: ${num(shown.length)} of ${num(r.docs)} are in the sample`),
    el("ul", {id: "rule-doc-list"}, shown.map((d) => el("li", {}, el("a", {href: docHref(d.n)}, d.id || `line ${d.n}`),
      " ", el("span", {class: "muted"}, `${pct(d.share)} removed, ${d.cuts.filter((c) => c[1] === id).length} cut(s) by it`)))),
    el("p", {}, el("a", {href: docsHref({rule: id})}, "Show them in the document list")));
  return out;
}

function searchText(d) {
  if (d._search === undefined) {
    const parts = [d.id, d.title, d.url, d.text].concat(d.segments ? d.segments.filter((s) => typeof s === "string") : [],
      d.cuts.map((c) => c[4]));
    d._search = parts.filter((x) => x).join("\n").toLowerCase();
  }
  return d._search;
}

function viewDocs(params) {
  const f = {q: params.get("q") || "", kind: params.get("kind") || "", rule: params.get("rule") || "",
    lang: params.get("lang") || "", warn: params.get("warn") || ""};
  const options = (values, all) => [el("option", {value: ""}, all)].concat(values.map((v) => el("option", {value: v}, v)));
  const uniq = (get) => [...new Set(D.docs.flatMap(get))].sort();
  const q = el("input", {id: "f-q", type: "search", placeholder: "search id, title, text…", value: f.q});
  const sel = (id, values, all, key) => {
    const s = el("select", {id: id}, options(values, all));
    s.value = f[key];
    if (s.value !== f[key]) { s.append(el("option", {value: f[key]}, f[key])); s.value = f[key]; }
    s.addEventListener("change", () => { f[key] = s.value; update(); });
    return s;
  };
  const count = el("span", {id: "docs-count", class: "muted"});
  const rows = D.docs.map((d, i) => Object.assign(d, {_order: i, _key: String(d.n)}));
  const cols = [
    {key: "n", label: "line", num: true, get: (d) => d.n, cell: (d) => String(d.n)},
    {key: "id", label: "id", get: (d) => d.id || "", cell: (d) => el("a", {class: "doc-link", href: docHref(d.n)},
      d.id || `(line ${d.n})`)},
    {key: "title", label: "title (or the start of the text)", get: (d) => d.title || "", cell: (d) => el("div", {class: "clip"},
      d.title || d.snippet)},
    {key: "share", label: "share removed", num: true, get: (d) => d.share, cell: (d) => el("span", {},
      el("span", {class: "share"}, el("span", {style: `width:${(100 * d.share).toFixed(1)}%`})), pct(d.share))},
    {key: "cuts", label: "cuts", num: true, get: (d) => d.cuts.length, cell: (d) => num(d.cuts.length)},
    {key: "chars", label: "characters", num: true, get: (d) => d.chars, cell: (d) => num(d.chars)},
    {key: "language", label: "lang", get: (d) => d.language || "", cell: (d) => d.language || "?"},
    {key: "input", label: "input", get: (d) => d.input || "", cell: (d) => d.input || "?"},
    {key: "warnings", label: "warnings", num: true, get: (d) => d.warnings.length, cell: (d) => num(d.warnings.length)},
  ];
  const table = sortableTable("docs-table", cols, rows, {key: "share", dir: -1});
  function update() {
    const needle = f.q.trim().toLowerCase();
    const keep = rows.filter((d) => (!f.kind || d.kinds.includes(f.kind)) && (!f.rule || d.rules.includes(f.rule)) &&
      (!f.lang || (d.language || "(unknown)") === f.lang) && (!f.warn || d.wclasses.includes(f.warn)) &&
      (!needle || searchText(d).includes(needle)));
    table.redraw(keep);
    count.textContent = `${num(keep.length)} of ${num(rows.length)} sampled documents`;
    const p = {};
    for (const k of Object.keys(f)) if (f[k]) p[k] = f[k];
    history.replaceState(null, "", Object.keys(p).length ? docsHref(p) : "#docs");
  }
  q.addEventListener("input", () => { f.q = q.value; update(); });
  const controls = el("div", {class: "controls"}, q,
    sel("f-kind", uniq((d) => d.kinds), "any kind", "kind"),
    sel("f-rule", uniq((d) => d.rules), "any rule", "rule"),
    sel("f-lang", uniq((d) => [d.language || "(unknown)"]), "any language", "lang"),
    sel("f-warn", uniq((d) => d.wclasses), "any warning", "warn"), count);
  update();
  return [el("h2", {}, "Documents"), samplingNote(), controls, table];
}

function viewDoc(n) {
  const d = DOCS.get(n);
  if (!d) return [el("h2", {}, "Not in the sample"), el("p", {}, `The document on line ${n} is not among those shown.`)];
  const i = D.docs.indexOf(d);
  const nav = el("p", {}, el("a", {href: "#docs"}, "← documents"),
    i > 0 ? el("a", {href: docHref(D.docs[i - 1].n), style: "margin-left:16px"}, "previous") : null,
    i + 1 < D.docs.length ? el("a", {href: docHref(D.docs[i + 1].n), style: "margin-left:16px"}, "next") : null);
  const meta = [["id", d.id], ["line", String(d.n)], ["url", d.url], ["title", d.title], ["date", d.date],
    ["dateline", d.dateline], ["authors", d.authors.join("; ")], ["tags", d.tags.join(", ")], ["language", d.language],
    ["input", d.input], ["characters", num(d.chars) + (d.has_source ? "" : " (estimated: no source)")],
    ["removed", `${num(d.removed_chars)} characters (${pct(d.share)}) in ${num(d.cuts.length)} cuts`]];
  // the document (and its cuts) on the left, what is known of it on the right
  const side = [el("h3", {}, "Metadata"), el("dl", {class: "meta", id: "doc-meta"}, meta.map(([k, v]) => [el("dt", {}, k),
      el("dd", {"data-field": k}, v || "–")])),
    el("h3", {}, "Warnings"), d.warnings.length ? el("ul", {id: "doc-warnings"}, d.warnings.map((w) => el("li", {}, w)))
      : el("p", {class: "muted", id: "doc-warnings"}, "none"),
    el("h3", {}, "Why it is shown"), el("ul", {class: "muted", id: "doc-why"}, d.why.map((w) => el("li", {}, w)))];
  const out = [];
  const kinds = [...new Set(d.cuts.map((c) => c[0]))].sort();
  out.push(el("h3", {}, "The document"), el("p", {class: "legend"}, kinds.map((k) => el("span", {}, swatch(k), k)),
    kinds.length ? el("span", {class: "muted"}, "(hover a cut for its rule)") : "no cuts"));
  if (d.segments) {
    const pre = el("pre", {class: "doc", id: "doc-source"});
    for (const s of d.segments) {
      if (typeof s === "string") { pre.append(s); continue; }
      const c = d.cuts[s];
      pre.append(el("mark", {class: "cut", "data-i": s, "data-kind": c[0], "data-rule": c[1], title: `${c[0]} · ${c[1]}`,
        style: "background:" + color(c[0])}, c[4]));
    }
    out.push(pre);
    if (d.truncated) out.push(el("p", {class: "note"}, `Shown up to ${num(D.sampling.max_doc_chars)} characters.`));
  } else {
    out.push(el("p", {class: "note", id: "no-source"}, d.has_source
      ? "The cuts' offsets do not match this record's cleaner.source, so they are listed below, not shown in place."
      : "This record has no cleaner.source, so its cuts cannot be shown in context: run cleaner clean with " +
        "--keep-source to see them. Here are the kept text and the list of cuts."),
      el("h3", {}, "Kept text"), el("pre", {class: "doc", id: "doc-text"}, d.text || ""));
  }
  out.push(el("h3", {}, "Cuts"), el("table", {id: "doc-cuts"}, el("thead", {}, el("tr", {},
    ["#", "kind", "rule", "offsets", "text"].map((h) => el("th", {}, h)))), el("tbody", {}, d.cuts.map((c, j) =>
    el("tr", {"data-i": j}, el("td", {}, String(j)), el("td", {}, swatch(c[0]), c[0]),
      el("td", {}, el("a", {href: ruleHref(c[1])}, c[1])), el("td", {}, `${c[2]}–${c[3]}`),
      el("td", {class: "cut-text"}, c[4]))))));
  return [nav, el("h2", {id: "doc-heading"}, d.title || d.id || `line ${d.n}`),
    el("div", {class: "docview"}, el("div", {}, out), el("aside", {}, side))];
}

function viewProblems() {
  const out = [el("h2", {}, "Problems")];
  const first = (n, listed) => (n > listed ? `, the first ${listed}` : "");
  out.push(el("h3", {}, `Error records: ${num(T.errors)}` + first(T.errors, D.errors.length)),
    el("table", {id: "errors"}, el("tbody", {}, D.errors.map((e) => el("tr", {}, el("td", {}, `line ${e.n}`),
      el("td", {}, e.id || ""), el("td", {}, e.error), el("td", {class: "ex"}, e.raw))))));
  out.push(el("h3", {}, `Unreadable lines: ${num(T.bad_lines)}` + first(T.bad_lines, D.bad.length)),
    el("table", {id: "bad-lines"}, el("tbody", {}, D.bad.map((b) => el("tr", {}, el("td", {}, b.where),
      el("td", {}, b.problem), el("td", {class: "ex"}, b.raw))))));
  return out;
}

function route() {
  const raw = location.hash.slice(1);
  const qi = raw.indexOf("?");
  const path = qi < 0 ? raw : raw.slice(0, qi);
  const params = new URLSearchParams(qi < 0 ? "" : raw.slice(qi + 1));
  const slash = path.indexOf("/");
  const view = slash < 0 ? path : path.slice(0, slash);
  let arg = slash < 0 ? "" : path.slice(slash + 1);
  try { arg = decodeURIComponent(arg); } catch (e) { arg = ""; }
  let content, tab = view;
  if (view === "rules") content = viewRules();
  else if (view === "rule") { content = viewRule(arg); tab = "rules"; }
  else if (view === "docs") content = viewDocs(params);
  else if (view === "doc") { content = viewDoc(Number(arg)); tab = "docs"; }
  else if (view === "problems") content = viewProblems();
  else { content = viewSummary(); tab = "summary"; }
  main.replaceChildren(...content, el("footer", {}, `cleaner report ${D.meta.cleaner} of ${D.meta.input}.`));
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.tab === tab);
  document.body.dataset.view = view || "summary";
  window.scrollTo(0, 0);
}

document.getElementById("heading").textContent = "cleaner report: " + D.meta.input;
document.title = "cleaner report: " + D.meta.input;
document.getElementById("nav").append(...[
  el("a", {href: "#summary", "data-tab": "summary"}, "Summary"),
  el("a", {href: "#rules", "data-tab": "rules"}, `Rules (${num(D.rules.length)})`),
  el("a", {href: "#docs", "data-tab": "docs"}, `Documents (${num(D.docs.length)} of ${num(T.documents)})`),
  T.errors || T.bad_lines ? el("a", {href: "#problems", "data-tab": "problems"}, `Problems (${num(T.errors + T.bad_lines)})`)
    : null].filter((x) => x));
window.addEventListener("hashchange", route);
route();
"""
