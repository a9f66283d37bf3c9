"""Accuracy and harm of the cleaner on the dev sets, next to its baselines, with a per-stage ablation.

Usage::

    python benchmarks/quality.py [DATA ...] [--modes text,post,html] [--jobs N] [--ablation] [--worst K]
    python benchmarks/quality.py --identity      # check the harness itself: text mode == scraped
    python benchmarks/quality.py --unruled       # every page as a language with no rule file of its own

DATA defaults to both dev sets next to the repository (``../shared/eval/scrapinghub.jsonl.gz`` and
``wcxb_dev.jsonl.gz``); a missing file is skipped with a note (the data is not shipped with the
repository, so CI without it passes). Records flagged in ``meta.flags`` (empty gold, gold not in the
page) are left out of scoring, as the sets' README says.

Prints, per set, page type and mode: token F1, P, R; the baseline (the text cleaner was given: the raw
scrape for *text*, trafilatura's output for *post* and *html*) and the change against it; ``worse``
(pages whose F1 fell more than 0.02 below the baseline) and ``lost20`` (pages that lost at least 20 % of
the gold tokens the given text held); the WCXB snippets kept (``must_have``) and leaked
(``must_not_have``), beside the baseline's; ``changed again``: pages whose output changes when it is
cleaned a second time (idempotence, with the title the first cleaning found). With ``--ablation``, one
more run per stage with that stage alone switched off (``Cleaner(skip=[stage])``): what the stage gains
(F1 with it minus without it), the pages it helps and the pages it damages (F1 better or worse with it
by more than 0.02), and the pages it alone makes lose 20 % of their article. The metrics are defined in
:mod:`cleaner.evaluate`.

Extractions (trafilatura's output, cleaner's own HTML extraction) do not depend on the rules, so they are
kept in ``.cache/quality/`` (keyed by the data file, trafilatura's version and ``cleaner/html.py``) and a
second run only cleans: about a minute for both sets and three modes on two cores.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import pickle
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere, installed or not
    sys.path.insert(0, str(ROOT))

from cleaner.evaluate import (  # noqa: E402
    BASELINE_OF,
    LOST_SHARE,
    MODES,
    WORSE_MARGIN,
    Given,
    Report,
    evaluate,
    load_records,
    lost_share,
    prepare,
)

EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_DATA = (EVAL / "scrapinghub.jsonl.gz", EVAL / "wcxb_dev.jsonl.gz")
CACHE = ROOT / ".cache" / "quality"


#: a language code with no rule file (``--unruled``): only the rules for every language apply
UNRULED = "xx"


class UnruledCleaner:
    """A :class:`cleaner.Cleaner` that takes every document for one in a language with no rule file of its
    own (``lang=UNRULED``), so that only the rules for every language (``rules/common.toml``) name its
    interface. The dev sets are nearly all English; the held-out sets are not, and this shows what the
    pipeline's shapes and decisions do where no rule names a log-in link or a legal footer."""

    def __init__(self) -> None:
        from cleaner import Cleaner

        self.cleaner = Cleaner()

    def clean(self, text: str, **kw: Any) -> Any:
        kw["lang"] = UNRULED
        return self.cleaner.clean(text, **kw)

    def _clean_extraction(self, ext: Any) -> Any:
        return self.cleaner._clean_extraction(ext, lang=UNRULED)


class IdentityCleaner:
    """Returns its input unchanged: scores the harness and the raw inputs, not the cleaner."""

    def clean(self, text: str, html: bool | None = None) -> str:
        return text


def _parse_modes(value: str) -> tuple[str, ...]:
    modes = tuple(m.strip() for m in value.split(",") if m.strip())
    bad = [m for m in modes if m not in MODES]
    if bad or not modes:
        raise argparse.ArgumentTypeError(f"modes must be a comma list of {', '.join(MODES)}; got {value!r}")
    return modes


def load_set(path: Path) -> list[dict[str, Any]]:
    """The scorable records of one set: flagged ones left out, ``dataset`` set from the file name."""
    name = path.name.split(".")[0]
    out = []
    for r in load_records(path):
        if (r.get("meta") or {}).get("flags"):
            continue
        r["dataset"] = name
        out.append(r)
    return out


def _cache_key(path: Path) -> str:
    import trafilatura

    h = hashlib.sha256()
    st = path.stat()
    h.update(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{trafilatura.__version__}|".encode())
    h.update((ROOT / "cleaner" / "html.py").read_bytes())
    return h.hexdigest()[:16]


def given_for(path: Path, records: list[dict[str, Any]], pool: Any) -> list[Given]:
    """The records' extractions, from the cache when it has them (made and kept otherwise)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    file = CACHE / f"{path.name.split('.')[0]}-{_cache_key(path)}.pkl"
    if file.is_file():
        kept = pickle.loads(file.read_bytes())
        if len(kept) == len(records):
            return kept
    kept = prepare(records, MODES, executor=pool)
    file.write_bytes(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
    return kept


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def format_harm(report: Report, modes: tuple[str, ...]) -> str:
    """The per set, page type and mode table, in markdown."""
    lines = [
        "| set | page type | pages | mode | F1 | P | R | baseline | baseline F1 | change | worse | lost20"
        " | must_have kept % (baseline) | must_not_have leaked % (baseline) | changed again |",
        "|---|---|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    groups = report.groups()
    sets = list(dict.fromkeys(d for d, _ in groups))
    rows: list[tuple[str, str | None]] = []
    for d in sets:
        types = [t for dd, t in groups if dd == d]
        rows += [(d, t) for t in types]
        if len(types) > 1:
            rows.append((d, None))
    for d, t in rows:
        for mode in modes:
            h = report.harm(mode, d, t)
            if not h.n:
                continue
            mh = f"{_pct(h.must_have)} ({_pct(h.must_have_baseline)})" if h.must_have is not None else "-"
            mn = f"{_pct(h.must_not_have)} ({_pct(h.must_not_have_baseline)})" if h.must_not_have is not None else "-"
            lines.append(
                f"| {d} | {t or '**all**'} | {h.n} | {mode} | {h.token_f1:.3f} | {h.token_precision:.3f} "
                f"| {h.token_recall:.3f} | {BASELINE_OF[mode]} | {h.baseline_f1:.3f} | {h.token_f1 - h.baseline_f1:+.3f} "
                f"| {h.worse} | {h.lost20} | {mh} | {mn} | {'-' if h.unstable is None else h.unstable} |"
            )
    return "\n".join(lines)


def format_damage(report: Report, modes: tuple[str, ...], k: int) -> str:
    """The pages each mode made worse or stripped of their article, biggest loss first."""
    out: list[str] = []
    for mode in modes:
        lost = report.lost(mode)
        worse = report.worse_than_baseline(mode)
        out.append(f"\n{mode}: {len(lost)} pages lost >= {LOST_SHARE:.0%} of their article, "
                   f"{len(worse)} made worse than {BASELINE_OF[mode]} by > {WORSE_MARGIN}")
        for page, share in lost[:k]:
            out.append(f"  lost {share:.0%}  {page.dataset}/{page.page_type} {page.id[:12]} {page.host}  F1 {page.token_f1:.3f}")
        for ours, theirs in worse[:k]:
            out.append(f"  worse {ours.token_f1:.3f} vs {theirs.token_f1:.3f}  {ours.dataset}/{ours.page_type} "
                       f"{ours.id[:12]} {ours.host}")
    return "\n".join(out)


def ablation_rows(full: Report, off: Report, mode: str, dataset: str | None, kinds: str) -> tuple[float, int, int, int]:
    """For one stage: F1 gained (with minus without), pages helped, pages damaged, pages it makes lose
    LOST_SHARE of their article (lost20 with it but not without it)."""
    a_pages = full.modes[mode].pages
    b_pages = off.modes[mode].pages
    given = full.modes[BASELINE_OF[mode]].pages
    sel = [
        i for i, p in enumerate(a_pages)
        if (dataset is None or p.dataset == dataset) and (kinds == "all" or (p.page_type == "article") == (kinds == "article"))
    ]
    if not sel:
        return 0.0, 0, 0, 0
    gain = sum(a_pages[i].token_f1 - b_pages[i].token_f1 for i in sel) / len(sel)
    helped = sum(1 for i in sel if a_pages[i].token_f1 > b_pages[i].token_f1 + WORSE_MARGIN)
    damaged = sum(1 for i in sel if a_pages[i].token_f1 < b_pages[i].token_f1 - WORSE_MARGIN)
    lost = sum(
        1 for i in sel
        if lost_share(a_pages[i], given[i]) >= LOST_SHARE and lost_share(b_pages[i], given[i]) < LOST_SHARE
    )
    return gain, helped, damaged, lost


def format_ablation(full: Report, offs: dict[str, Report], modes: tuple[str, ...]) -> str:
    """One table per mode: a row per stage, for each slice of the sets ``gain / helped / damaged / lost20``."""
    sets = list(dict.fromkeys(p.dataset for p in next(iter(full.modes.values())).pages))
    slices: list[tuple[str, str | None, str]] = []
    for d in sets:
        types = {p.page_type for p in full.modes[modes[0]].pages if p.dataset == d}
        if types == {"article"}:
            slices.append((d, d, "all"))
        else:
            slices += [(f"{d} articles", d, "article"), (f"{d} other types", d, "other")]
    out = []
    for mode in modes:
        out.append(f"\n{mode} mode: F1 the stage gains / pages it helps / pages it damages / pages it makes lose "
                   f"{LOST_SHARE:.0%} of their article")
        out.append("| stage | " + " | ".join(name for name, _, _ in slices) + " |")
        out.append("|---|" + "---:|" * len(slices))
        for stage, rep in offs.items():
            cells = []
            for _, d, kinds in slices:
                g, h, dmg, lost = ablation_rows(full, rep, mode, d, kinds)
                cells.append(f"{g:+.4f} / {h} / {dmg} / {lost}")
            out.append(f"| {stage} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="*", type=Path, default=list(DEFAULT_DATA), help="JSON-lines dev sets (.gz ok)")
    ap.add_argument("--modes", type=_parse_modes, default=MODES, help="comma list of text,post,html")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (same figures for any N)")
    ap.add_argument("--worst", type=int, default=0, metavar="K", help="list K damaged pages per mode")
    ap.add_argument("--ablation", action="store_true", help="switch each stage off in turn and compare")
    ap.add_argument("--stages", default="", help="with --ablation: a comma list of stages (default: all)")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write every score (no page text) as JSON")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N pages of each set")
    ap.add_argument("--type", default="", help="score only pages of this page type")
    ap.add_argument(
        "--identity", action="store_true", help="score an identity cleaner (checks the harness, no pipeline)"
    )
    ap.add_argument("--unruled", action="store_true",
                    help="clean every page as a language with no rule file of its own (see UnruledCleaner)")
    args = ap.parse_args(argv)

    paths = [p for p in args.data if p.is_file()]
    for p in args.data:
        if not p.is_file():
            print(f"dev set not found at {p}; skipping")
    if not paths:
        return 0

    cleaner: Any = None
    if args.identity:
        cleaner = IdentityCleaner()
    else:
        try:
            importlib.import_module("cleaner.pipeline")
        except ImportError as exc:
            print(f"cannot import the cleaner pipeline ({exc}); use --identity to check the harness alone")
            return 2
        from cleaner import Cleaner
        from cleaner.pipeline import STAGES

        cleaner = UnruledCleaner() if args.unruled else Cleaner()

    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        records: list[dict[str, Any]] = []
        given: list[Given] = []
        for path in paths:
            recs = load_set(path)
            kept = given_for(path, recs, pool)
            pairs = list(zip(recs, kept, strict=True))
            if args.type:
                pairs = [(r, g) for r, g in pairs if ((r.get("meta") or {}).get("page_type") or "article") == args.type]
            if args.limit:
                pairs = pairs[: args.limit]
            records += [r for r, _ in pairs]
            given += [g for _, g in pairs]
        t_prep = time.perf_counter() - t0
        # the page itself is not needed any more: the workers get the records without it
        slim = [{k: v for k, v in r.items() if k != "html"} for r in records]
        report = evaluate(slim, modes=args.modes, cleaner=cleaner, baselines=("scraped", "trafilatura"),
                          given=given, executor=pool)
        offs: dict[str, Report] = {}
        if args.ablation and not (args.identity or args.unruled):
            stages = [s for s in args.stages.split(",") if s] or list(STAGES)
            for stage in stages:
                offs[stage] = evaluate(slim, modes=args.modes, cleaner=Cleaner(skip=[stage]),
                                       baselines=("scraped", "trafilatura"), given=given, executor=pool)
    elapsed = time.perf_counter() - t0

    who = "identity cleaner" if args.identity else f"cleaner, as language {UNRULED!r}" if args.unruled else "cleaner"
    print(f"{report.n_pages} pages from {', '.join(p.name for p in paths)} ({who}, jobs={args.jobs})\n")
    print(format_harm(report, args.modes))
    for mode in args.modes:
        errors = report.modes[mode].errors
        if errors:
            print(f"\n{mode}: the cleaner raised on {len(errors)} page(s), scored as empty; first: "
                  f"{errors[0].id[:10]} {errors[0].error}")
    if args.worst:
        print(format_damage(report, args.modes, args.worst))
    if offs:
        print("\nAblation: each stage alone switched off (Cleaner(skip=[stage])).")
        print(format_ablation(report, offs, args.modes))
    timing = ", ".join(f"{name} {ms.seconds:.1f}s" for name, ms in report.modes.items())
    print(f"\nelapsed {elapsed:.1f}s (extractions {t_prep:.1f}s; time per mode, summed over workers: {timing})")

    if args.json:
        import orjson

        data = report.to_dict()
        data["ablation"] = {s: r.to_dict() for s, r in offs.items()}
        args.json.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
