"""Site memory on the dev sets: token F1, worse and lost20 with and without it, text and post modes.

Usage::

    python benchmarks/memory_quality.py [DATA ...] [--jobs N] [--min-articles K] [--min-share P] [--worst K]

For each set, the memory is learned from the set's own pages (the scraped text for *text* mode,
trafilatura's output for *post* mode: the text the clean pass then sees), one memory per mode, and the
same pages are then cleaned with it. Learning on the pages it then cleans is legitimate here: learning
is unsupervised (gold is never read) and in production the memory is learned from the same crawl it
cleans (``cleaner clean --learn``). The site is the page's host (``www.`` folded).

Prints the figures of :mod:`benchmarks.quality` (token F1, ``worse``: pages more than 0.02 below the
baseline, ``lost20``: pages that lost 20 % of the gold the given text held) for the pages of sites with
at least ``--min-pages`` pages in the set (the pages site memory can act on) and for the whole set,
without and with memory; then the pages memory changed most.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.quality import DEFAULT_DATA, given_for, load_set  # noqa: E402
from cleaner import Cleaner  # noqa: E402
from cleaner.evaluate import BASELINE_OF, LOST_SHARE, WORSE_MARGIN, Report, evaluate, lost_share  # noqa: E402
from cleaner.memory import DEFAULT_MIN_ARTICLES, DEFAULT_MIN_SHARE, Learner, SiteMemory, site_of  # noqa: E402


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class SiteCleaner:
    """A Cleaner with memory, handed each text's site: the harness calls ``clean(text, html=None)`` only,
    so the site is looked up by the text (the page's scraped text or trafilatura output)."""

    def __init__(self, cleaner: Cleaner, sites: dict[str, str]) -> None:
        self.cleaner = cleaner
        self.sites = sites

    def clean(self, text: str, html: bool | None = None) -> Any:
        return self.cleaner.clean(text, html=html, site=self.sites.get(_key(text)))


def _slice(report: Report, mode: str, ids: set[str] | None) -> tuple[int, float, float, int, int]:
    pages = report.modes[mode].pages
    base = report.modes[BASELINE_OF[mode]].pages
    sel = [i for i, p in enumerate(pages) if ids is None or p.id in ids]
    if not sel:
        return 0, 0.0, 0.0, 0, 0
    f1 = sum(pages[i].token_f1 for i in sel) / len(sel)
    bf1 = sum(base[i].token_f1 for i in sel) / len(sel)
    worse = sum(1 for i in sel if pages[i].token_f1 < base[i].token_f1 - WORSE_MARGIN)
    lost = sum(1 for i in sel if lost_share(pages[i], base[i]) >= LOST_SHARE)
    return len(sel), f1, bf1, worse, lost


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="*", type=Path, default=list(DEFAULT_DATA))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--min-articles", type=int, default=DEFAULT_MIN_ARTICLES)
    ap.add_argument("--min-share", type=float, default=DEFAULT_MIN_SHARE)
    ap.add_argument("--min-pages", type=int, default=3, help="the slice: sites with at least this many pages")
    ap.add_argument("--modes", default="text,post")
    ap.add_argument("--worst", type=int, default=0, metavar="K", help="list the K pages memory changed most")
    args = ap.parse_args(argv)
    modes = tuple(m for m in args.modes.split(",") if m)
    paths = [p for p in args.data if p.is_file()]
    if not paths:
        print("no dev set found; nothing to measure")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="memory-quality-"))
    plain = Cleaner()
    rows = []
    changed: list[tuple[float, str, str, str, float, float]] = []
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for path in paths:
            records = load_set(path)
            given = given_for(path, records, pool)
            sites = {r["id"]: site_of(r.get("url")) for r in records}
            per_site: dict[str | None, int] = {}
            for s in sites.values():
                per_site[s] = per_site.get(s, 0) + 1
            ids = {r["id"] for r in records if sites[r["id"]] and per_site[sites[r["id"]]] >= args.min_pages}
            slim = [{k: v for k, v in r.items() if k != "html"} for r in records]
            texts = {"text": [r.get("scraped") or "" for r in records],
                     "post": [g.trafilatura or "" for g in given]}
            for mode in modes:
                db = tmp / f"{path.name.split('.')[0]}-{mode}.db"
                t1 = time.perf_counter()
                with Learner(db) as learner:
                    for r, text in zip(records, texts[mode], strict=True):
                        learner.add_text(text, sites[r["id"]])
                learn_s = time.perf_counter() - t1
                memory = SiteMemory(db, min_articles=args.min_articles, min_share=args.min_share)
                by_text = {_key(t): sites[r["id"]] for r, t in zip(records, texts[mode], strict=True) if sites[r["id"]]}
                off = evaluate(slim, modes=(mode,), cleaner=plain, given=given, executor=pool)
                on = evaluate(slim, modes=(mode,), cleaner=SiteCleaner(Cleaner(memory=memory), by_text), given=given,
                              executor=pool)
                for name, sel in ((f"sites >= {args.min_pages} pages", ids), ("all pages", None)):
                    a, b = _slice(off, mode, sel), _slice(on, mode, sel)
                    rows.append((path.name.split(".")[0], name, mode, a, b))
                pa, pb = off.modes[mode].pages, on.modes[mode].pages
                base = off.modes[BASELINE_OF[mode]].pages
                for x, y, g in zip(pa, pb, base, strict=True):
                    if x.token_f1 != y.token_f1:
                        changed.append((y.token_f1 - x.token_f1, mode, x.id[:12], x.host, lost_share(x, g), lost_share(y, g)))
                print(f"{path.name} {mode}: learned {len(records)} pages in {learn_s:.1f}s "
                      f"({len(records) / max(learn_s, 1e-9):.0f} docs/s)", file=sys.stderr)
    print(f"site memory: min_articles={args.min_articles}, min_share={args.min_share} "
          f"({time.perf_counter() - t0:.0f}s)\n")
    print("| set | pages | n | mode | baseline F1 | F1 without | F1 with | change | worse without / with "
          "| lost20 without / with |")
    print("|---|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for d, name, mode, a, b in rows:
        if not a[0]:
            continue
        print(f"| {d} | {name} | {a[0]} | {mode} | {a[2]:.3f} | {a[1]:.3f} | {b[1]:.3f} | {b[1] - a[1]:+.3f} "
              f"| {a[3]} / {b[3]} | {a[4]} / {b[4]} |")
    if args.worst:
        changed.sort()
        print(f"\npages memory changed: {len(changed)}; worst and best {args.worst}:")
        for delta, mode, pid, host, la, lb in changed[: args.worst] + changed[-args.worst :]:
            print(f"  {delta:+.3f} {mode} {pid} {host} lost {la:.0%} -> {lb:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
