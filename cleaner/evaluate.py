"""Accuracy harness: score cleaned text against a gold article body.

Two metrics, both computed for every page:

* **token P/R/F1** (:func:`token_prf`): lowercase ``\\w+`` tokens compared as multisets, per page, then
  macro-averaged over pages (the mean of per-page precision, recall and F1). Cheap, easy to reason
  about, and the figure quoted in the dev set's README.
* **shingle P/R/F1** (:func:`shingle_counts`, :func:`shingle_prf`): the ScrapingHub
  article-extraction-benchmark's own metric, reproduced from its ``evaluate.py`` so our figures are
  comparable with the published table: 4-token shingles, per-page TP/FP/FN normalised to sum to 1,
  precision and recall averaged over pages, F1 from those two averages.

:func:`evaluate` runs a cleaner over records (``id``, ``url``, ``html``, ``gold``, ``scraped``) in up to
three modes and scores the baselines in the same run:

=========== =====================================================================================
mode        prediction
=========== =====================================================================================
text        ``clean(record["scraped"]).text``
post        ``clean(trafilatura.extract(html, include_comments=False) or "").text``
html        ``clean(html, html=True).text``
scraped     baseline: ``record["scraped"]`` as is (compared with *text*)
trafilatura baseline: ``trafilatura.extract(html, include_comments=False)`` (compared with *post*
            and *html*)
=========== =====================================================================================

Example:
    >>> token_prf("the cat sat", "The cat sat down")
    (1.0, 0.75, 0.8571428571428571)
    >>> class Identity:
    ...     def clean(self, text, html=None):
    ...         return text
    >>> recs = [{"id": "a", "url": "https://x.org/1", "gold": "one two", "scraped": "menu\\none two"}]
    >>> rep = evaluate(recs, modes=("text",), cleaner=Identity())
    >>> round(rep.modes["text"].token_f1, 3), rep.modes["scraped"].token_f1 == rep.modes["text"].token_f1
    (0.8, True)
"""

from __future__ import annotations

import gzip
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

__all__ = [
    "BASELINE_OF",
    "MODES",
    "ModeScore",
    "PageScore",
    "Report",
    "evaluate",
    "load_records",
    "shingle_counts",
    "shingle_prf",
    "token_prf",
]

#: The cleaner modes :func:`evaluate` knows, in display order.
MODES: tuple[str, ...] = ("text", "post", "html")
#: The baseline each cleaner mode is compared with.
BASELINE_OF: dict[str, str] = {"text": "scraped", "post": "trafilatura", "html": "trafilatura"}
#: A page counts as "made worse" when the cleaner's token F1 is below the baseline's by more than this.
WORSE_MARGIN = 0.005

TpFpFn = tuple[float, float, float]


# --------------------------------------------------------------------------------------------------
# Token metric
# --------------------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"\w+")  # str patterns are Unicode-aware in `re`: "café", "東京" are words


def _tokens(text: str) -> Counter[str]:
    return Counter(_WORD_RE.findall(text.lower()))


def token_prf(pred: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``pred``'s lowercase ``\\w+`` tokens against ``gold``'s, as multisets.

    A token that occurs 3 times in ``pred`` and once in ``gold`` counts 1 hit and 2 false positives, so
    repeated boilerplate is penalised. Edge cases follow the benchmark's ``precision_score`` /
    ``recall_score`` applied to the raw counts:

    * both empty (no tokens): ``(1.0, 1.0, 1.0)`` -- nothing to find, nothing wrongly kept;
    * ``pred`` empty, ``gold`` not: ``(0.0, 0.0, 0.0)`` -- an empty output is a total miss, not an
      "undefined" precision (unlike the shingle average, the token macro-average keeps such pages, so
      a cleaner that deletes a whole article is charged for it);
    * ``gold`` empty, ``pred`` not: ``(0.0, 0.0, 0.0)`` -- everything kept is noise.

    Example:
        >>> token_prf("Ad Ad the cat", "the cat")
        (0.5, 1.0, 0.6666666666666666)
        >>> token_prf("", "")
        (1.0, 1.0, 1.0)
        >>> token_prf("", "the cat")
        (0.0, 0.0, 0.0)
    """
    p, g = _tokens(pred), _tokens(gold)
    n_pred, n_gold = p.total(), g.total()
    if n_pred == 0 and n_gold == 0:
        return 1.0, 1.0, 1.0
    tp = (p & g).total()
    if tp == 0:
        return 0.0, 0.0, 0.0
    precision, recall = tp / n_pred, tp / n_gold
    return precision, recall, 2 * precision * recall / (precision + recall)


# --------------------------------------------------------------------------------------------------
# Shingle metric -- the ScrapingHub benchmark's, reproduced exactly
# --------------------------------------------------------------------------------------------------
# Source: github.com/scrapinghub/article-extraction-benchmark, evaluate.py (commit 11b407d4; the same
# code is used at 4a3bc979, the dev set's commit): `string_shingle_matching`, `_all_shingles`,
# `_ngrams`, `_tokenize`, `precision_score`, `recall_score`, `metrics_from_tp_fp_fns`. Details kept:
# * tokens are `re.findall(r"\w+", text)` -- the benchmark passes re.IGNORECASE, which does not change
#   what `\w+` matches, and it does NOT lowercase, so shingles are case-sensitive (unlike token_prf);
# * shingles are consecutive 4-token tuples, counted as a multiset; a text with 1-3 tokens yields one
#   short shingle (all its tokens), a text with none yields no shingle;
# * per page, TP/FP/FN are divided by their sum (when > 0) "so that longer texts do not have more
#   weight";
# * precision is averaged over the pages with TP+FP > 0 only (an empty prediction does not lower
#   precision, it only costs recall); recall over the pages with TP+FN > 0 (an empty gold is skipped);
# * F1 = 2PR/(P+R) from the two averages, not a mean of per-page F1s.
# Additions (the benchmark would raise instead): no page qualifying for an average gives 1.0 for that
# average (vacuously perfect), and P+R == 0 gives F1 0.0.

_SHINGLE_N = 4


def _shingles(text: str, n: int = _SHINGLE_N) -> Counter[tuple[str, ...]]:
    tokens = _WORD_RE.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_counts(pred: str, gold: str, n: int = _SHINGLE_N) -> TpFpFn:
    """The benchmark's per-page ``(tp, fp, fn)`` over ``n``-token shingles, normalised to sum to 1.

    All zeros only when neither text has a token.

    Example:
        >>> shingle_counts("a b c d e", "a b c d")  # pred shingles: (a b c d), (b c d e)
        (0.5, 0.5, 0.0)
        >>> shingle_counts("", "")
        (0.0, 0.0, 0.0)
    """
    p, g = _shingles(pred, n), _shingles(gold, n)
    tp = float((p & g).total())
    fp = float((p - g).total())
    fn = float((g - p).total())
    s = tp + fp + fn
    if s > 0:
        return tp / s, fp / s, fn / s
    return tp, fp, fn


def shingle_page_pr(counts: TpFpFn) -> tuple[float, float]:
    """The benchmark's per-page ``precision_score`` and ``recall_score`` of one page's counts.

    Example:
        >>> shingle_page_pr((0.5, 0.5, 0.0))
        (0.5, 1.0)
    """
    tp, fp, fn = counts
    if fp == fn == 0:
        return 1.0, 1.0
    precision = 0.0 if tp == fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == fn == 0 else tp / (tp + fn)
    return precision, recall


def shingle_prf(pages: Iterable[TpFpFn]) -> tuple[float, float, float]:
    """Benchmark precision, recall and F1 over pages' :func:`shingle_counts` (``metrics_from_tp_fp_fns``).

    Example:
        >>> shingle_prf([(0.5, 0.5, 0.0), (0.0, 0.0, 1.0)])  # 2nd page: empty prediction
        (0.5, 0.5, 0.5)
    """
    pages = list(pages)
    precisions = [shingle_page_pr(c)[0] for c in pages if c[0] + c[1] > 0]
    recalls = [shingle_page_pr(c)[1] for c in pages if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 1.0
    recall = statistics.mean(recalls) if recalls else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return precision, recall, f1


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's scores in one mode. ``error`` is set when the cleaner raised (the page then scores as
    an empty prediction)."""

    id: str
    url: str
    token_precision: float
    token_recall: float
    token_f1: float
    shingles: TpFpFn
    error: str | None = None

    @property
    def host(self) -> str:
        """The URL's host name, for listings (``"www.wsj.com"``)."""
        return urlsplit(self.url).hostname or ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (no page text, only ids and scores)."""
        sp, sr = shingle_page_pr(self.shingles)
        return {
            "id": self.id,
            "url": self.url,
            "token_precision": self.token_precision,
            "token_recall": self.token_recall,
            "token_f1": self.token_f1,
            "shingle_tp_fp_fn": list(self.shingles),
            "shingle_precision": sp,
            "shingle_recall": sr,
            "error": self.error,
        }


@dataclass(frozen=True, slots=True)
class ModeScore:
    """Aggregate and per-page scores of one mode (or baseline) over the whole record set.

    ``token_*`` are macro averages of :func:`token_prf` (``token_f1`` is the mean of per-page F1s);
    ``shingle_*`` are :func:`shingle_prf`. ``seconds`` is the time spent producing the predictions,
    summed over pages (and workers, so it is not wall time): the cleaner calls for a cleaner mode (for
    *post* without the trafilatura extraction, which is the *trafilatura* baseline's time), the
    extraction for *trafilatura*, nothing for *scraped*.
    """

    name: str
    pages: tuple[PageScore, ...]
    seconds: float = 0.0
    token_precision: float = field(init=False)
    token_recall: float = field(init=False)
    token_f1: float = field(init=False)
    shingle_precision: float = field(init=False)
    shingle_recall: float = field(init=False)
    shingle_f1: float = field(init=False)

    def __post_init__(self) -> None:
        n = len(self.pages)

        def mean(values: Iterable[float]) -> float:
            return sum(values) / n if n else 0.0

        setattr_ = object.__setattr__  # frozen dataclass: derived fields are set once, here
        setattr_(self, "token_precision", mean(p.token_precision for p in self.pages))
        setattr_(self, "token_recall", mean(p.token_recall for p in self.pages))
        setattr_(self, "token_f1", mean(p.token_f1 for p in self.pages))
        sp, sr, sf = shingle_prf(p.shingles for p in self.pages)
        setattr_(self, "shingle_precision", sp)
        setattr_(self, "shingle_recall", sr)
        setattr_(self, "shingle_f1", sf)

    @property
    def errors(self) -> list[PageScore]:
        """Pages on which the cleaner raised."""
        return [p for p in self.pages if p.error is not None]

    def worst(self, k: int) -> list[PageScore]:
        """The ``k`` pages with the lowest token F1 (ties by id, so the listing is stable)."""
        return sorted(self.pages, key=lambda p: (p.token_f1, p.id))[:k]

    def summary(self) -> dict[str, float]:
        """The six aggregate figures, by name."""
        return {
            "token_precision": self.token_precision,
            "token_recall": self.token_recall,
            "token_f1": self.token_f1,
            "shingle_precision": self.shingle_precision,
            "shingle_recall": self.shingle_recall,
            "shingle_f1": self.shingle_f1,
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the summary, the timing and every page's scores."""
        return {
            "name": self.name,
            **self.summary(),
            "seconds": self.seconds,
            "pages": [p.to_dict() for p in self.pages],
        }


@dataclass(frozen=True, slots=True)
class Report:
    """What :func:`evaluate` returns: one :class:`ModeScore` per cleaner mode and per baseline.

    ``modes`` is keyed by name (``"text"``, ``"post"``, ``"html"``, ``"scraped"``, ``"trafilatura"``);
    every :class:`ModeScore` lists the pages in record order, so page ``i`` of two modes is the same
    record.
    """

    modes: dict[str, ModeScore]
    n_pages: int
    seconds: float

    def baseline(self, mode: str) -> ModeScore | None:
        """The baseline scored alongside ``mode`` (``scraped`` for text, ``trafilatura`` otherwise)."""
        return self.modes.get(BASELINE_OF.get(mode, ""))

    def worse_than_baseline(
        self, mode: str, baseline: str | None = None, margin: float = WORSE_MARGIN
    ) -> list[tuple[PageScore, PageScore]]:
        """Pages where ``mode``'s token F1 is below ``baseline``'s by more than ``margin``.

        Returns ``(cleaner page, baseline page)`` pairs, biggest drop first. The default baseline is
        :data:`BASELINE_OF` ``[mode]``; "post" vs "trafilatura" is the one that matters: cleaning
        trafilatura's output should never make a page worse by more than a trace.

        Example:
            >>> p = lambda f: PageScore("x", "", f, f, f, (0.0, 0.0, 0.0))
            >>> r = Report({"post": ModeScore("post", (p(0.9),)),
            ...             "trafilatura": ModeScore("trafilatura", (p(0.95),))}, 1, 0.0)
            >>> [(a.token_f1, b.token_f1) for a, b in r.worse_than_baseline("post")]
            [(0.9, 0.95)]
        """
        ours = self.modes[mode]
        theirs = self.modes[baseline or BASELINE_OF[mode]]
        pairs = [
            (a, b) for a, b in zip(ours.pages, theirs.pages, strict=True) if a.token_f1 < b.token_f1 - margin
        ]
        return sorted(pairs, key=lambda ab: (ab[0].token_f1 - ab[1].token_f1, ab[0].id))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of everything, plus the made-worse counts of each cleaner mode."""
        return {
            "n_pages": self.n_pages,
            "seconds": self.seconds,
            "worse_than_baseline": {
                m: len(self.worse_than_baseline(m))
                for m in MODES
                if m in self.modes and BASELINE_OF[m] in self.modes
            },
            "modes": {name: ms.to_dict() for name, ms in self.modes.items()},
        }


# --------------------------------------------------------------------------------------------------
# Running a cleaner
# --------------------------------------------------------------------------------------------------


class SupportsClean(Protocol):
    """Anything with ``.clean(text, html=...)`` returning a result with ``.text`` (or a ``str``)."""

    def clean(self, text: str, html: bool | None = ...) -> Any: ...


class _DefaultCleaner:
    """Adapter for the module-level :func:`cleaner.clean`; picklable, so it can go to worker processes."""

    def __init__(self) -> None:
        import cleaner.pipeline  # noqa: F401  -- fail here, once, if the pipeline is not importable

    def clean(self, text: str, html: bool | None = None) -> Any:
        from cleaner import clean

        return clean(text, html=html)


def _result_text(result: Any) -> str:
    if result is None:
        return ""
    if isinstance(result, str):
        return result
    return result.text


def _trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def _page(record: dict[str, Any], pred: str, error: str | None = None) -> PageScore:
    gold = record.get("gold") or ""
    p, r, f = token_prf(pred, gold)
    return PageScore(
        id=str(record.get("id", "")),
        url=str(record.get("url", "")),
        token_precision=p,
        token_recall=r,
        token_f1=f,
        shingles=shingle_counts(pred, gold),
        error=error,
    )


def _score_record(
    record: dict[str, Any], modes: Sequence[str], baselines: Sequence[str], cleaner: SupportsClean
) -> dict[str, tuple[PageScore, float]]:
    """Score one record in every mode and baseline: ``{name: (page score, seconds)}``.

    Module-level so :class:`ProcessPoolExecutor` can pickle it. The trafilatura extraction is done at
    most once and shared by the *trafilatura* baseline and the *post* mode.
    """
    out: dict[str, tuple[PageScore, float]] = {}
    html = record.get("html") or ""
    extracted: str | None = None
    t_extract = 0.0
    if "trafilatura" in baselines or "post" in modes:
        t0 = time.perf_counter()
        extracted = _trafilatura(html)
        t_extract = time.perf_counter() - t0
    if "scraped" in baselines:
        out["scraped"] = (_page(record, record.get("scraped") or ""), 0.0)
    if "trafilatura" in baselines:
        out["trafilatura"] = (_page(record, extracted or ""), t_extract)
    for mode in modes:
        if mode == "text":
            source, is_html = record.get("scraped") or "", None
        elif mode == "post":
            source, is_html = extracted or "", None
        else:  # "html"; evaluate() has rejected anything else
            source, is_html = html, True
        t0 = time.perf_counter()
        try:
            pred, error = _result_text(cleaner.clean(source, html=is_html)), None
        except Exception as exc:  # one failing page must not sink a 181-page run; it is reported
            pred, error = "", f"{type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - t0
        out[mode] = (_page(record, pred, error), seconds)
    return out


def evaluate(
    records: Iterable[dict[str, Any]],
    modes: Sequence[str] = MODES,
    cleaner: SupportsClean | None = None,
    *,
    baselines: Sequence[str] | None = None,
    jobs: int = 1,
) -> Report:
    """Run ``cleaner`` over ``records`` in ``modes`` and score it and the baselines against ``gold``.

    Args:
        records: dicts with ``id``, ``url``, ``gold`` and, as the modes need them, ``scraped`` and
            ``html`` (see :func:`load_records`).
        modes: any of ``"text"``, ``"post"``, ``"html"`` (see the module docstring).
        cleaner: an object with ``.clean(text, html=...)`` returning something with ``.text`` (a plain
            ``str`` is accepted too); default: :func:`cleaner.clean`. Lets callers score a configured
            :class:`cleaner.Cleaner`, or an identity cleaner to check the harness itself.
        baselines: which of ``"scraped"``, ``"trafilatura"`` to score; default: those the modes are
            compared with (text -> scraped, post/html -> trafilatura).
        jobs: worker processes (:class:`ProcessPoolExecutor`); pages are scored independently and
            aggregated in record order, so any ``jobs`` gives the same figures as ``jobs=1``. With
            ``jobs > 1`` the cleaner must be picklable.

    A cleaner exception on a page is caught: the page scores as an empty prediction and the message is
    kept in :attr:`PageScore.error`. Import failure of the default pipeline is raised at once.
    """
    modes = tuple(modes)
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        raise ValueError(f"unknown mode(s) {unknown}; expected some of {MODES}")
    if baselines is None:
        baselines = tuple(dict.fromkeys(BASELINE_OF[m] for m in modes))
    baselines = tuple(baselines)
    bad = [b for b in baselines if b not in ("scraped", "trafilatura")]
    if bad:
        raise ValueError(f"unknown baseline(s) {bad}; expected 'scraped' and/or 'trafilatura'")
    if cleaner is None:
        cleaner = _DefaultCleaner() if modes else None  # type: ignore[assignment]

    t0 = time.perf_counter()
    records = list(records)
    names = (*modes, *baselines)
    if jobs > 1 and len(records) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            chunk = max(1, len(records) // (jobs * 8))
            n = len(records)
            results = list(
                pool.map(_score_record, records, [modes] * n, [baselines] * n, [cleaner] * n, chunksize=chunk)
            )
    else:
        results = [_score_record(r, modes, baselines, cleaner) for r in records]  # type: ignore[arg-type]

    scores = {
        name: ModeScore(
            name=name,
            pages=tuple(res[name][0] for res in results),
            seconds=sum(res[name][1] for res in results),
        )
        for name in names
    }
    return Report(modes=scores, n_pages=len(records), seconds=time.perf_counter() - t0)


def load_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a JSON-lines file, gzip-compressed (``.gz``) or not; blank lines skipped.

    Example:
        >>> import tempfile, os
        >>> with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        ...     _ = f.write('{"id": "a", "gold": "x"}\\n\\n')
        >>> [r["id"] for r in load_records(f.name)]
        ['a']
        >>> os.unlink(f.name)
    """
    import orjson

    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        for line in fh:
            if line.strip():
                yield orjson.loads(line)
