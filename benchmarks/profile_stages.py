"""Where the time goes per document: the pipeline's stages timed inside ``Cleaner.clean``.

Usage::

    python benchmarks/profile_stages.py [seed-like|dev] [--docs N] [--rounds R]

The stages of the declared pipeline (:data:`cleaner.pipeline.PIPELINE`) time themselves when the
cleaner's ``stage_times`` is a Counter (no monkeypatching): the corpus is cleaned once to warm up (rule
plans, caches) and then ``R`` more times; the table gives microseconds per document per stage and the
share of the total; "(rest)" is what runs outside the stages (segmenting the document, language
detection, resolving and rendering the cuts, metadata). For a function-level profile of the same run
use ``--cprofile``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from cleaner import Cleaner


def _wrap(module: Any, name: str, acc: Counter[str], label: str | None = None) -> None:
    func = getattr(module, name)
    label = label or name

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            acc[label] += time.perf_counter() - start

    setattr(module, name, timed)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", nargs="?", default="seed-like", choices=("seed-like", "dev"))
    p.add_argument("--docs", type=int, default=2000, help="seed-like documents (default 2000)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--cprofile", action="store_true", help="print cProfile's top functions instead")
    a = p.parse_args(argv)
    if a.corpus == "dev":
        records = corpus.dev_set()
        if records is None:
            print(f"dev set not found at {corpus.DEV_SET}")
            return 0
        docs = [r["scraped"] for r in records]
    else:
        docs = corpus.seed_like_docs(a.docs)
    c = Cleaner()
    for doc in docs:
        c.clean(doc, html=False)
    if a.cprofile:
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(a.rounds):
            c.clear_memo()  # each round cold, as in a crawl's first sight of these lines
            for doc in docs:
                c.clean(doc, html=False)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return 0
    c.stage_times = acc = Counter()  # the pipeline's stages time themselves (cleaner.pipeline.PIPELINE)
    start = time.perf_counter()
    for _ in range(a.rounds):
        c.clear_memo()  # each round cold, as in a crawl's first sight of these lines
        for doc in docs:
            c.clean(doc, html=False)
    total = time.perf_counter() - start
    n = len(docs) * a.rounds
    print(f"{a.corpus}: {len(docs)} docs x {a.rounds} rounds, {total / n * 1e6:,.0f} us/doc ({n / total:,.0f} docs/s)")
    for name, seconds in acc.most_common():
        print(f"  {name:32s} {seconds / n * 1e6:9.1f} us/doc {seconds / total:7.1%}")
    print(f"  {'(rest: Doc, language, resolve, render, metadata)':32s} {(total - sum(acc.values())) / n * 1e6:9.1f} us/doc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
