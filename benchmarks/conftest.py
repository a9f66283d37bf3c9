"""Fixtures for the throughput benchmarks, and the summary table printed at the end of ``make bench``.

Every benchmark records in ``benchmark.extra_info`` what it measured (``corpus``, ``role``, ``docs``,
``bytes``); :func:`pytest_terminal_summary` reads the results of the same run and prints documents per
second and the ratios the performance targets are about: cleaner over the floor (a plain Python pass:
NFC, split lines, collapse white space, strip, drop exact duplicates), HTML mode over trafilatura,
a 10x / 100x longer document over a normal one, and microseconds per KB on adversarial inputs.

Times are the best round (``min``): on a shared machine the other rounds measure the neighbours.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from cleaner import Cleaner

#: Seed-like documents per round (about 7 MB of text).
SEED_LIKE_DOCS = 2000


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    """The default cleaner (full rule set, language detection on), warmed up on a few documents."""
    c = Cleaner()
    for doc in corpus.seed_like_docs(50, seed=1):
        c.clean(doc)
    return c


@pytest.fixture(scope="session")
def seed_like() -> list[str]:
    return corpus.seed_like_docs(SEED_LIKE_DOCS)


@pytest.fixture(scope="session")
def dev_set() -> tuple[dict, ...]:
    records = corpus.dev_set()
    if records is None:
        pytest.skip(f"dev set not found at {corpus.DEV_SET} (set CLEANER_DEV_SET to its path)")
    return records


def describe(benchmark: Any, corpus_name: str, role: str, docs: list[str]) -> None:
    """Record what a benchmark measures, for the summary."""
    benchmark.extra_info.update(
        corpus=corpus_name, role=role, docs=len(docs), bytes=sum(len(d.encode("utf-8")) for d in docs)
    )


def _results(config: pytest.Config) -> dict[tuple[str, str], Any]:
    session = getattr(config, "_benchmarksession", None)
    out = {}
    for bench in getattr(session, "benchmarks", None) or []:
        info = bench.extra_info
        if "corpus" in info and bench.stats and bench.stats.rounds:
            out[info["corpus"], info["role"]] = bench
    return out


def _rate(bench: Any) -> float:
    return bench.extra_info["docs"] / bench.stats.min


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    results = _results(config)
    if not results:
        return
    w = terminalreporter
    w.section("throughput (best round of this run)")
    w.line(f"{'corpus':<12} {'docs':>6} {'KB/doc':>7} {'cleaner docs/s':>15} {'floor docs/s':>13} {'ratio':>6}  target")
    for name in ("seed-like", "dev"):
        c, f = results.get((name, "cleaner")), results.get((name, "floor"))
        if c is None or f is None:
            continue
        kb = c.extra_info["bytes"] / c.extra_info["docs"] / 1024
        ratio = _rate(c) / _rate(f)
        w.line(f"{name:<12} {c.extra_info['docs']:>6} {kb:>7.1f} {_rate(c):>15,.0f} {_rate(f):>13,.0f} {ratio:>6.3f}  >= 0.5")
    cold, warm = results.get(("dev", "cold")), results.get(("dev", "cleaner"))
    if cold is not None and warm is not None:
        w.line(f"cold start: a new process cleans the {cold.extra_info['docs']} dev pages in {cold.stats.min:.2f} s "
               f"(warm: {warm.stats.min:.2f} s; the difference is start-up and first sight of the rules' plans)")
    c = results.get(("html", "cleaner"))
    if c is not None and c.extra_info.get("trafilatura_best"):
        t_best = c.extra_info["trafilatura_best"]
        w.line(
            f"HTML mode: cleaner {_rate(c):,.1f} pages/s, trafilatura.extract {c.extra_info['docs'] / t_best:,.1f} "
            f"pages/s (alternating rounds); time ratio cleaner/trafilatura {c.stats.min / t_best:.3f} (target <= 1.10)"
        )
    one = results.get(("growth", "1x"))
    if one is not None:
        per_doc = one.stats.min / one.extra_info["docs"]
        for k in ("10x", "100x"):
            b = results.get(("growth", k))
            if b is not None:
                ratio = b.stats.min / b.extra_info["docs"] / per_doc
                w.line(f"growth: a {k} longer document takes {ratio:.1f}x the time (linear: {k[:-1]}x)")
    base = results.get(("seed-like", "cleaner"))
    adversarial = sorted(k for k in results if k[0] == "adversarial")
    if adversarial:
        ref = base.stats.min / (base.extra_info["bytes"] / 1024) * 1e6 if base is not None else None
        parts = []
        for key in adversarial:
            b = results[key]
            per_kb = b.stats.min / (b.extra_info["bytes"] / 1024) * 1e6
            parts.append(f"{key[1]} {per_kb:,.0f}")
        w.line("adversarial, us/KB: " + ", ".join(parts)
               + (f" (seed-like articles: {ref:,.0f} us/KB)" if ref is not None else ""))
