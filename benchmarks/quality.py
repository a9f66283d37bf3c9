"""Accuracy of the cleaner on the ScrapingHub dev set, next to its baselines.

Usage::

    python benchmarks/quality.py [DATA] [--modes text,post,html] [--jobs N] [--worst K] [--json OUT]
    python benchmarks/quality.py --identity      # check the harness itself: text mode == scraped

DATA defaults to ``../shared/eval/scrapinghub.jsonl.gz`` next to the repository; when it is absent the
script says so and exits 0 (the data is not shipped with the repository, so CI without it passes).

Prints a markdown table (cleaner token F1/P/R and shingle F1 per mode, beside the baseline it should
beat: ``scraped`` for text, ``trafilatura`` for post and html), then with ``--worst K`` the K worst
pages of each mode, the pages made worse than the baseline (the count for *post* is the guard: cleaning
trafilatura's output must not make any page worse by more than a trace), and the elapsed time. The
metrics are defined in :mod:`cleaner.evaluate`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere, installed or not
    sys.path.insert(0, str(ROOT))

from cleaner.evaluate import (  # noqa: E402
    BASELINE_OF,
    MODES,
    WORSE_MARGIN,
    Report,
    evaluate,
    load_records,
)

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "scrapinghub.jsonl.gz"


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


def format_table(report: Report, modes: tuple[str, ...]) -> str:
    """The summary table, one row per mode, in markdown."""
    lines = [
        "| mode | cleaner token F1 | P | R | shingle F1 | baseline | baseline token F1"
        " | baseline shingle F1 | pages worse |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for mode in modes:
        ms = report.modes[mode]
        base = report.baseline(mode)
        row = (
            f"| {mode} | {ms.token_f1:.3f} | {ms.token_precision:.3f} | {ms.token_recall:.3f} "
            f"| {ms.shingle_f1:.3f} "
        )
        if base is None:
            row += "| - | - | - | - |"
        else:
            worse = len(report.worse_than_baseline(mode))
            row += f"| {base.name} | {base.token_f1:.3f} | {base.shingle_f1:.3f} | {worse} |"
        lines.append(row)
    return "\n".join(lines)


def format_worst(report: Report, modes: tuple[str, ...], k: int) -> str:
    """The ``k`` lowest-token-F1 pages of each mode, with the baseline's F1 on the same page."""
    out: list[str] = []
    for mode in modes:
        ms = report.modes[mode]
        base = report.baseline(mode)
        base_f1 = {p.id: p.token_f1 for p in base.pages} if base else {}
        out.append(f"\nworst {k} pages, {mode} mode (baseline: {BASELINE_OF[mode]}):")
        out.append("| id | host | F1 | P | R | baseline F1 | error |")
        out.append("|---|---|---:|---:|---:|---:|---|")
        for p in ms.worst(k):
            bf = f"{base_f1[p.id]:.3f}" if p.id in base_f1 else "-"
            err = (p.error or "")[:60].replace("|", "/")
            out.append(
                f"| {p.id[:10]} | {p.host} | {p.token_f1:.3f} | {p.token_precision:.3f} "
                f"| {p.token_recall:.3f} | {bf} | {err} |"
            )
    return "\n".join(out)


def format_worse(report: Report, modes: tuple[str, ...], k: int) -> str:
    """Pages each mode made worse than its baseline (token F1 drop > WORSE_MARGIN), biggest drop first."""
    out: list[str] = []
    for mode in modes:
        if report.baseline(mode) is None:
            continue
        pairs = report.worse_than_baseline(mode)
        out.append(
            f"\n{mode}: {len(pairs)} of {report.n_pages} pages made worse than {BASELINE_OF[mode]} "
            f"(token F1 lower by > {WORSE_MARGIN})"
        )
        for ours, theirs in pairs[:k]:
            out.append(
                f"  {ours.id[:10]} {ours.host:<30} {ours.token_f1:.3f} vs {theirs.token_f1:.3f} "
                f"(P {ours.token_precision:.3f} vs {theirs.token_precision:.3f}, "
                f"R {ours.token_recall:.3f} vs {theirs.token_recall:.3f})"
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="JSON-lines dev set (.gz ok)")
    ap.add_argument("--modes", type=_parse_modes, default=MODES, help="comma list of text,post,html")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (same figures for any N)")
    ap.add_argument("--worst", type=int, default=0, metavar="K", help="list the K worst pages per mode")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write every score (no page text) as JSON")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N pages (quick checks)")
    ap.add_argument(
        "--identity", action="store_true", help="score an identity cleaner (checks the harness, no pipeline)"
    )
    args = ap.parse_args(argv)

    if not args.data.is_file():
        print(f"dev set not found at {args.data}; skipping")
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

    t0 = time.perf_counter()
    records = list(load_records(args.data))
    if args.limit:
        records = records[: args.limit]
    # scraped and trafilatura are scored in every run, whatever the modes, so the table always has both
    report = evaluate(
        records, modes=args.modes, cleaner=cleaner, baselines=("scraped", "trafilatura"), jobs=args.jobs
    )
    elapsed = time.perf_counter() - t0

    who = "identity cleaner" if args.identity else "cleaner"
    print(f"{report.n_pages} pages from {args.data} ({who}, jobs={args.jobs})\n")
    print(format_table(report, args.modes))
    for mode in args.modes:
        errors = report.modes[mode].errors
        if errors:
            print(
                f"\n{mode}: the cleaner raised on {len(errors)} page(s), scored as empty; first: "
                f"{errors[0].id[:10]} {errors[0].error}"
            )
    if args.worst:
        print(format_worst(report, args.modes, args.worst))
    worse = format_worse(report, args.modes, args.worst)
    if worse:
        print(worse)
    timing = ", ".join(f"{name} {ms.seconds:.1f}s" for name, ms in report.modes.items())
    print(f"\nelapsed {elapsed:.1f}s (time per mode, summed over workers: {timing})")

    if args.json:
        import orjson

        args.json.write_bytes(orjson.dumps(report.to_dict(), option=orjson.OPT_INDENT_2))
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
