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

import dataclasses
import gzip
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

__all__ = [
    "BASELINE_OF",
    "LOST_SHARE",
    "MODES",
    "WORSE_MARGIN",
    "Given",
    "Harm",
    "ModeScore",
    "PageScore",
    "Report",
    "evaluate",
    "gold_hits",
    "load_records",
    "lost_share",
    "prepare",
    "prepare_record",
    "shingle_counts",
    "shingle_prf",
    "snippets_found",
    "token_prf",
]

#: The cleaner modes :func:`evaluate` knows, in display order.
MODES: tuple[str, ...] = ("text", "post", "html")
#: The baseline each cleaner mode is compared with.
BASELINE_OF: dict[str, str] = {"text": "scraped", "post": "trafilatura", "html": "trafilatura"}

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
# Harm: what a cleaner took from the article, and the benchmark's snippets
# --------------------------------------------------------------------------------------------------

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def gold_hits(pred: str, gold: str) -> int:
    """How many of ``gold``'s tokens ``pred`` holds (multiset intersection of lowercase ``\\w+`` tokens).

    Comparing it for the cleaner's output and for the text the cleaner was given says how much of the
    article cleaning lost (:attr:`Report.lost`).

    >>> gold_hits("the cat sat", "the cat the end")
    2
    """
    return (_tokens(pred) & _tokens(gold)).total()


def _snippet_key(text: str) -> str:
    return " " + " ".join(_WORD_RE.findall(text.lower().translate(_QUOTES))) + " "


def snippets_found(snippets: Sequence[str], text: str) -> int:
    """How many of ``snippets`` occur in ``text``, compared as runs of lowercase ``\\w+`` tokens (so
    punctuation, curly quotes and line breaks do not matter).

    >>> snippets_found(["the cat sat", "no such words"], "Yes: the CAT\\nsat down.")
    1
    """
    key = _snippet_key(text)
    return sum(1 for s in snippets if _snippet_key(s).strip() and _snippet_key(s) in key)


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's scores in one mode. ``error`` is set when the cleaner raised (the page then scores as
    an empty prediction).

    ``gold_hits`` is :func:`gold_hits` of the prediction; ``must_have`` and ``must_not_have`` are
    ``(found, total)`` counts of the benchmark's snippets in the prediction (``(0, 0)`` when the record
    has none). ``dataset`` and ``page_type`` come from the record (``meta.page_type``, else article).
    """

    id: str
    url: str
    token_precision: float
    token_recall: float
    token_f1: float
    shingles: TpFpFn
    error: str | None = None
    dataset: str = ""
    page_type: str = "article"
    gold_hits: int = 0
    must_have: tuple[int, int] = (0, 0)
    must_not_have: tuple[int, int] = (0, 0)
    #: whether cleaning the output again (with the title the first cleaning found) left it unchanged;
    #: None when not checked (a baseline, or a cleaner without ``title``)
    stable: bool | None = None

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
            "dataset": self.dataset,
            "page_type": self.page_type,
            "token_precision": self.token_precision,
            "token_recall": self.token_recall,
            "token_f1": self.token_f1,
            "shingle_tp_fp_fn": list(self.shingles),
            "shingle_precision": sp,
            "shingle_recall": sr,
            "gold_hits": self.gold_hits,
            "must_have": list(self.must_have),
            "must_not_have": list(self.must_not_have),
            "stable": self.stable,
            "error": self.error,
        }


@dataclass(frozen=True, slots=True)
class ModeScore:
    """Aggregate and per-page scores of one mode (or baseline) over the whole record set.

    ``token_*`` are macro averages of :func:`token_prf` (``token_f1`` is the mean of per-page F1s);
    ``shingle_*`` are :func:`shingle_prf`. ``seconds`` is the time spent producing the predictions,
    summed over pages (and workers, so it is not wall time): the cleaner calls for a cleaner mode (for
    *post* and *html* without the extraction), the extraction for *trafilatura*, nothing for *scraped*.
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


def lost_share(ours: PageScore, given: PageScore) -> float:
    """The share of the gold tokens the given text held (``given.gold_hits``) that the output lost.

    >>> p = lambda hits: PageScore("x", "", 0.0, 0.0, 0.0, (0.0, 0.0, 0.0), gold_hits=hits)
    >>> lost_share(p(60), p(100)), lost_share(p(120), p(100)), lost_share(p(0), p(0))
    (0.4, 0.0, 0.0)
    """
    if given.gold_hits <= 0:
        return 0.0
    return max(0.0, 1.0 - ours.gold_hits / given.gold_hits)


@dataclass(frozen=True, slots=True)
class Harm:
    """One group's figures for one mode (:meth:`Report.harm`): averages beside the harm counts.

    ``worse``: pages whose token F1 fell more than :data:`WORSE_MARGIN` below the baseline's; ``lost20``:
    pages that lost at least :data:`LOST_SHARE` of the gold tokens the given text held; ``must_have`` and
    ``must_not_have``: the snippets found in the output, and in the baseline, as shares of all snippets;
    ``unstable``: pages whose output changes when it is cleaned again (with the title found the first
    time: ``clean(r.text, title=r.title)``), None when not checked.
    """

    mode: str
    n: int
    token_f1: float
    token_precision: float
    token_recall: float
    baseline_f1: float
    worse: int
    lost20: int
    must_have: float | None
    must_have_baseline: float | None
    must_not_have: float | None
    must_not_have_baseline: float | None
    unstable: int | None = None


#: A page counts as made worse when the cleaner's token F1 is below the baseline's by more than this.
WORSE_MARGIN = 0.02
#: A page "lost its article" when the output lost at least this share of the gold tokens it was given.
LOST_SHARE = 0.2


def _share(pages: Sequence[PageScore], which: str) -> float | None:
    found = sum(getattr(p, which)[0] for p in pages)
    total = sum(getattr(p, which)[1] for p in pages)
    return found / total if total else None


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
        :data:`BASELINE_OF` ``[mode]``: the text the cleaner was given.

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

    def lost(self, mode: str, share: float = LOST_SHARE) -> list[tuple[PageScore, float]]:
        """Pages on which ``mode`` lost at least ``share`` of the gold tokens its given text held, with
        the share lost, largest first (:func:`lost_share`)."""
        ours = self.modes[mode]
        theirs = self.modes[BASELINE_OF[mode]]
        found = [(a, lost_share(a, b)) for a, b in zip(ours.pages, theirs.pages, strict=True)]
        return sorted(((a, x) for a, x in found if x >= share), key=lambda ax: (-ax[1], ax[0].id))

    def groups(self) -> list[tuple[str, str]]:
        """The ``(dataset, page_type)`` pairs of the pages, in first-seen order."""
        any_mode = next(iter(self.modes.values()), None)
        return list(dict.fromkeys((p.dataset, p.page_type) for p in any_mode.pages)) if any_mode else []

    def harm(self, mode: str, dataset: str | None = None, page_type: str | None = None) -> Harm:
        """Averages and harm counts of ``mode`` on the pages of one dataset and page type (None: all)."""
        ours, theirs = self.modes[mode], self.modes[BASELINE_OF[mode]]
        pairs = [
            (a, b)
            for a, b in zip(ours.pages, theirs.pages, strict=True)
            if (dataset is None or a.dataset == dataset) and (page_type is None or a.page_type == page_type)
        ]
        n = len(pairs)
        mine = [a for a, _ in pairs]
        base = [b for _, b in pairs]

        def mean(xs: Iterable[float]) -> float:
            return sum(xs) / n if n else 0.0

        return Harm(
            mode=mode,
            n=n,
            token_f1=mean(a.token_f1 for a in mine),
            token_precision=mean(a.token_precision for a in mine),
            token_recall=mean(a.token_recall for a in mine),
            baseline_f1=mean(b.token_f1 for b in base),
            worse=sum(1 for a, b in pairs if a.token_f1 < b.token_f1 - WORSE_MARGIN),
            lost20=sum(1 for a, b in pairs if lost_share(a, b) >= LOST_SHARE),
            must_have=_share(mine, "must_have"),
            must_have_baseline=_share(base, "must_have"),
            must_not_have=_share(mine, "must_not_have"),
            must_not_have_baseline=_share(base, "must_not_have"),
            unstable=sum(a.stable is False for a in mine) if any(a.stable is not None for a in mine) else None,
        )

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


@dataclass(frozen=True, slots=True)
class Given:
    """What one record's cleaner modes are given, made once and reusable (:func:`prepare`): the
    trafilatura baseline's text (the *post* mode's input) and, for the *html* mode, what
    :func:`cleaner.html.extract_html` read from the page (None: the page is cleaned from its HTML)."""

    trafilatura: str | None = None
    trafilatura_seconds: float = 0.0
    extraction: Any = None


def prepare_record(record: dict[str, Any], modes: Sequence[str] = MODES) -> Given:
    """The extractions one record's modes need (trafilatura's default output; cleaner's own extraction
    for *html*). They do not depend on the cleaning rules, so a harness can keep them between runs."""
    html = record.get("html") or ""
    t0 = time.perf_counter()
    extracted = _trafilatura(html)
    seconds = time.perf_counter() - t0
    extraction = None
    if "html" in modes:
        from cleaner.html import extract_html

        extraction = extract_html(html, url=record.get("url") or None)
    return Given(extracted, seconds, extraction)


def _page(record: dict[str, Any], pred: str, error: str | None = None) -> PageScore:
    gold = record.get("gold") or ""
    p, r, f = token_prf(pred, gold)
    must = record.get("must_have") or ()
    must_not = record.get("must_not_have") or ()
    meta = record.get("meta") or {}
    return PageScore(
        id=str(record.get("id", "")),
        url=str(record.get("url", "")),
        token_precision=p,
        token_recall=r,
        token_f1=f,
        shingles=shingle_counts(pred, gold),
        error=error,
        dataset=str(record.get("dataset") or ""),
        page_type=str(meta.get("page_type") or "article"),
        gold_hits=gold_hits(pred, gold),
        must_have=(snippets_found(must, pred), len(must)) if must else (0, 0),
        must_not_have=(snippets_found(must_not, pred), len(must_not)) if must_not else (0, 0),
    )


_WORKER_CLEANERS: dict[bytes, Any] = {}


def _cleaner_of(blob: bytes) -> Any:
    """A worker's cleaner, unpickled once per worker (a real Cleaner compiles its rules when built)."""
    c = _WORKER_CLEANERS.get(blob)
    if c is None:
        import pickle

        c = _WORKER_CLEANERS[blob] = pickle.loads(blob)
    return c


def _score_record(
    record: dict[str, Any],
    modes: Sequence[str],
    baselines: Sequence[str],
    cleaner: SupportsClean | bytes,
    given: Given | None = None,
) -> dict[str, tuple[PageScore, float]]:
    """Score one record in every mode and baseline: ``{name: (page score, seconds)}``.

    Module-level so :class:`ProcessPoolExecutor` can pickle it. ``given`` (see :func:`prepare_record`)
    is made here when the caller has not kept it; a cleaner with ``_clean_extraction`` (a
    :class:`cleaner.Cleaner`) cleans the kept extraction in *html* mode instead of the page.
    """
    if isinstance(cleaner, bytes):
        cleaner = _cleaner_of(cleaner)
    out: dict[str, tuple[PageScore, float]] = {}
    html = record.get("html") or ""
    if given is None and ("trafilatura" in baselines or "post" in modes):
        given = prepare_record(record, modes=())
    if "scraped" in baselines:
        out["scraped"] = (_page(record, record.get("scraped") or ""), 0.0)
    if "trafilatura" in baselines and given is not None:
        out["trafilatura"] = (_page(record, given.trafilatura or ""), given.trafilatura_seconds)
    for mode in modes:
        t0 = time.perf_counter()
        try:
            if mode == "text":
                result = cleaner.clean(record.get("scraped") or "", html=None)
            elif mode == "post":
                result = cleaner.clean((given.trafilatura if given else "") or "", html=None)
            elif given is not None and given.extraction is not None and hasattr(cleaner, "_clean_extraction"):
                result = cleaner._clean_extraction(given.extraction)
            else:  # "html"; evaluate() has rejected anything else
                result = cleaner.clean(html, html=True)
            pred, error = _result_text(result), None
        except Exception as exc:  # one failing page must not sink a whole run; it is reported
            pred, error = "", f"{type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - t0
        page = _page(record, pred, error)
        if error is None and hasattr(cleaner, "_clean_extraction"):  # a real Cleaner: is its output a fixed point?
            again = cleaner.clean(pred, html=False, title=getattr(result, "title", None))
            page = dataclasses.replace(page, stable=_result_text(again) == pred)
        out[mode] = (page, seconds)
    return out


def evaluate(
    records: Iterable[dict[str, Any]],
    modes: Sequence[str] = MODES,
    cleaner: SupportsClean | None = None,
    *,
    baselines: Sequence[str] | None = None,
    jobs: int = 1,
    given: Sequence[Given] | None = None,
    executor: Executor | None = None,
) -> Report:
    """Run ``cleaner`` over ``records`` in ``modes`` and score it and the baselines against ``gold``.

    Args:
        records: dicts with ``id``, ``url``, ``gold`` and, as the modes need them, ``scraped`` and
            ``html`` (see :func:`load_records`); optional ``dataset``, ``meta.page_type``,
            ``must_have`` and ``must_not_have`` are carried into the scores.
        modes: any of ``"text"``, ``"post"``, ``"html"`` (see the module docstring).
        cleaner: an object with ``.clean(text, html=...)`` returning something with ``.text`` (a plain
            ``str`` is accepted too); default: :func:`cleaner.clean`. Lets callers score a configured
            :class:`cleaner.Cleaner`, or an identity cleaner to check the harness itself.
        baselines: which of ``"scraped"``, ``"trafilatura"`` to score; default: those the modes are
            compared with (text -> scraped, post/html -> trafilatura).
        jobs: worker processes (:class:`ProcessPoolExecutor`); pages are scored independently and
            aggregated in record order, so any ``jobs`` gives the same figures as ``jobs=1``. With
            ``jobs > 1`` the cleaner must be picklable.
        given: the records' extractions, made once by :func:`prepare` (else each run extracts again).
        executor: a pool to run in instead of one made for this call (several runs share it).

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
    n = len(records)
    kept: Sequence[Given | None] = given if given is not None else [None] * n
    if len(kept) != n:
        raise ValueError(f"given holds {len(kept)} extractions for {n} records")
    names = (*modes, *baselines)
    if (jobs > 1 or executor is not None) and n > 1:
        import pickle

        blob = pickle.dumps(cleaner)  # unpickled once per worker, not once per chunk
        slim = [{k: v for k, v in r.items() if k != "html"} if g is not None else r for r, g in zip(records, kept, strict=True)]
        workers = jobs if executor is None else 2
        chunk = max(1, n // (max(workers, 1) * 8))
        args = (slim, [modes] * n, [baselines] * n, [blob] * n, kept)
        if executor is not None:
            results = list(executor.map(_score_record, *args, chunksize=chunk))
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results = list(pool.map(_score_record, *args, chunksize=chunk))
    else:
        results = [_score_record(r, modes, baselines, cleaner, g) for r, g in zip(records, kept, strict=True)]  # type: ignore[arg-type]

    scores = {
        name: ModeScore(
            name=name,
            pages=tuple(res[name][0] for res in results),
            seconds=sum(res[name][1] for res in results),
        )
        for name in names
    }
    return Report(modes=scores, n_pages=n, seconds=time.perf_counter() - t0)


def prepare(
    records: Sequence[dict[str, Any]], modes: Sequence[str] = MODES, *, jobs: int = 1,
    executor: Executor | None = None,
) -> list[Given]:
    """:func:`prepare_record` for every record, in record order (in ``jobs`` processes)."""
    if (jobs > 1 or executor is not None) and len(records) > 1:
        n = len(records)
        if executor is not None:
            return list(executor.map(prepare_record, records, [tuple(modes)] * n, chunksize=4))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(prepare_record, records, [tuple(modes)] * n, chunksize=4))
    return [prepare_record(r, modes) for r in records]


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
