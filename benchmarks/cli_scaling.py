"""CLI throughput: ``cleaner clean --jobs 2`` against ``--jobs 1``, and peak memory on a large batch.

Usage::

    python benchmarks/cli_scaling.py [--docs 40000] [--big-mb 300] [--workdir DIR] [--skip-memory]

1. Writes ``--docs`` seed-like documents (:mod:`corpus`, seeded) as JSON lines, cleans them through the
   CLI with ``--jobs 1`` and with ``--jobs 2``, alternating, ``--rounds`` times each, and reports every
   wall time, the speed-up of the best rounds (target: at least 1.8x on two cores) and whether the
   outputs are byte-identical (they must be). On a shared VM a single pair of runs moves by 15 % or
   more from one minute to the next (the same ``--jobs 1`` run took 22.7 and 26.2 s ten minutes
   apart); alternating and keeping each side's best round is fair to both.
2. Writes a JSONL of about ``--big-mb`` MB (seed-like documents) and cleans it with ``--jobs 2`` while
   polling ``/proc`` every 20 ms for the memory of the whole process tree (the CLI and its workers):
   the peak of the summed RSS (counts pages the workers share with the parent once per process, so it
   overstates) and of the summed PSS (shares them out; the fair figure). Target: at most 300 MB.

Linux only (``/proc``). Slow: a few minutes; not part of ``make bench``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

CLEANER = [sys.executable, "-m", "cleaner.cli"]


def write_jsonl(path: Path, n: int, seed: int = corpus.RANDOM_SEED) -> int:
    """``n`` seed-like documents as ``{"id", "text"}`` lines; returns the file size in bytes."""
    with path.open("w", encoding="utf-8") as fh:
        for i, doc in enumerate(corpus.seed_like_docs(n, seed=seed)):
            fh.write(json.dumps({"id": i, "text": doc}, ensure_ascii=False) + "\n")
    return path.stat().st_size


def write_big_jsonl(path: Path, megabytes: int) -> tuple[int, int]:
    """About ``megabytes`` MB of seed-like documents (batches of 10,000 with different seeds)."""
    target = megabytes * 1024 * 1024
    docs = size = batch = 0
    with path.open("w", encoding="utf-8") as fh:
        while size < target:
            for doc in corpus.seed_like_docs(10_000, seed=corpus.RANDOM_SEED + batch):
                line = json.dumps({"id": docs, "text": doc}, ensure_ascii=False) + "\n"
                fh.write(line)
                size += len(line.encode("utf-8"))
                docs += 1
                if size >= target:
                    break
            batch += 1
    return docs, path.stat().st_size


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    seen, todo = [], [pid]
    while todo:
        p = todo.pop()
        seen.append(p)
        todo.extend(_children(p))
    return seen


def _kb(path: str, key: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(args: list[str], poll_memory: bool = False) -> tuple[float, int, int]:
    """Run the CLI; return (wall seconds, peak tree RSS KB, peak tree PSS KB)."""
    start = time.perf_counter()
    proc = subprocess.Popen([*CLEANER, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        if poll_memory:
            pids = _tree(proc.pid)
            peak_rss = max(peak_rss, sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids))
            peak_pss = max(peak_pss, sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids))
        time.sleep(0.02)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"cleaner clean {' '.join(args)} failed ({proc.returncode}):\n{err}")
    return wall, peak_rss, peak_pss


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--docs", type=int, default=40_000)
    p.add_argument("--big-mb", type=int, default=300)
    p.add_argument("--workdir", type=Path)
    p.add_argument("--skip-memory", action="store_true")
    p.add_argument("--rounds", type=int, default=2, help="alternating runs of each --jobs (default 2)")
    a = p.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=a.workdir) as tmp:
        d = Path(tmp)
        src = d / "seed_like.jsonl"
        size = write_jsonl(src, a.docs)
        print(f"input: {a.docs:,} seed-like documents, {size / 1e6:.1f} MB")
        best: dict[int, float] = {}
        digests: set[str] = set()
        for r in range(max(1, a.rounds)):
            for jobs in (1, 2):
                out = d / f"out{jobs}.jsonl"
                wall, _, _ = run(["clean", str(src), "-o", str(out), "--jobs", str(jobs), "--quiet"])
                best[jobs] = min(wall, best.get(jobs, wall))
                digests.add(digest(out))
                print(f"round {r + 1}, --jobs {jobs}: {wall:6.1f} s  {a.docs / wall:7,.0f} docs/s")
        for jobs in (1, 2):
            print(f"--jobs {jobs}: best {best[jobs]:6.1f} s  {a.docs / best[jobs]:7,.0f} docs/s")
        speedup = best[1] / best[2]
        same = len(digests) == 1
        print(f"speed-up --jobs 2 vs 1: {speedup:.2f}x (target >= 1.8); identical output bytes: {same}")
        if not a.skip_memory:
            big = d / "big.jsonl"
            docs, size = write_big_jsonl(big, a.big_mb)
            wall, rss, pss = run(["clean", str(big), "-o", str(d / "big_out.jsonl"), "--jobs", "2", "--quiet"],
                                 poll_memory=True)
            print(f"memory: {size / 2**20:.0f} MB JSONL ({docs:,} docs) with --jobs 2 in {wall:.0f} s: "
                  f"peak tree PSS {pss / 1024:.0f} MB, peak tree RSS (shared pages counted per process) "
                  f"{rss / 1024:.0f} MB (target <= 300 MB)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
