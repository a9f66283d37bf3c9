"""Fuzz the library and the CLI's record reader: millions of generated inputs, no crash, no hang.

Usage::

    python benchmarks/fuzz.py [--count 1000000] [--jobs 2] [--seed 1] [--limit 2.0]

Each generated input goes through

one of (by turns)

* the library: ``Cleaner.clean(x)`` on the input as ``str`` or as ``bytes`` (HTML detected), which must
  return a result whose cuts replay to its text (:func:`cleaner.replay`), and raise nothing;
* the CLI's record reader: ``Job.line`` on a JSON-lines record built around it (valid records with the
  input in the text or HTML field, and broken ones: cut short, bytes flipped, wrong types, huge or exotic
  numbers), which must return exactly one line of JSON whatever the record, and raise nothing.

The inputs are drawn from a seeded generator (the same seed gives the same inputs): random bytes and
code points from every plane, documents assembled from real residue lines (the rules' own examples),
prose, HTML fragments and JSON, then mutated (words doubled, lines cut with an ellipsis, tags left open,
bytes flipped). An input that takes more than ``--limit`` seconds is a hang (a worker's alarm stops
it). The run prints the count, the rate, and every crash or hang with the seed and index that replay
it (``--replay SEED:INDEX``); it exits 1 if there was any. ``tests/test_fuzz.py`` runs a short form.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cleaner import Cleaner, replay  # noqa: E402
from cleaner.batch import Job, Options, Stats  # noqa: E402

PROSE = (
    "The council approved the new budget on Tuesday after a debate that lasted most of the day.",
    "Officials said the plan would not raise taxes, which were increased last year.",
    "Der Ausschuss tagte am Dienstag sechs Stunden lang und will seine Ergebnisse vorlegen.",
    "La commission s'est réunie mardi pendant six heures et publiera ses conclusions.",
    "委员会周二开会六个小时，并同意下个月公布调查结果。",
    "Комитет заседал во вторник шесть часов и опубликует выводы в следующем месяце.",
    "Η επιτροπή συνεδρίασε την Τρίτη για έξι ώρες και θα δημοσιεύσει τα πορίσματα;",
    "คณะกรรมการประชุมเป็นเวลาหกชั่วโมงในวันอังคาร",
    "Pakistan needs to “end “end any support, the the minister said.",
    " date 2025-05-09 Washington, May 9 (IANS) The talks resumed.",
)
TAGS = ("p", "div", "span", "script", "style", "a", "article", "h1", "li", "table", "td", "br", "!--", "title")
CHARS = (
    "\x00\x01\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u200b\u200d\ufeff\u202e\u00ad\ufffd"
    "…“”‘’«»—–·•|›»/<>&#;:,.!?()[]{}\\\"'\t\r\n "
    # digits, and characters that are digits to str.isdigit() but no int() (superscripts, circled)
    "0123456789²³¹①⑩Ⅻ٣१"
)


def _residue() -> list[str]:
    c = Cleaner()
    lines = [ex for r in c.rules for ex in (*r.examples_remove, *r.examples_keep)]
    return sorted(set(lines))


@dataclass
class Outcome:
    count: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)


class Generator:
    """Inputs for one (seed, index): the same pair gives the same input."""

    def __init__(self, residue: list[str]) -> None:
        self.residue = residue

    def make(self, seed: int, index: int) -> str | bytes:
        rng = random.Random(seed * 1_000_003 + index)
        kind = rng.randrange(8)
        if kind == 0:
            return rng.randbytes(rng.randrange(400))
        if kind == 1:
            return "".join(self._char(rng) for _ in range(rng.randrange(300)))
        if kind == 2:
            return self._html(rng)
        text = self._document(rng)
        if kind == 3:
            return self._mutate_bytes(rng, text.encode("utf-8", "surrogatepass"))
        if kind == 4:
            return text * rng.randrange(1, 4)
        return text

    @staticmethod
    def _char(rng: random.Random) -> str:
        r = rng.random()
        if r < 0.5:
            return rng.choice(CHARS)
        if r < 0.8:
            return chr(rng.randrange(32, 0x3000))
        cp = rng.randrange(0x110000)
        return "\ufffd" if 0xD800 <= cp < 0xE000 else chr(cp)

    def _document(self, rng: random.Random) -> str:
        lines = []
        for _ in range(rng.randrange(1, 16)):
            r = rng.random()
            if r < 0.45:
                line = rng.choice(self.residue)
            elif r < 0.8:
                line = rng.choice(PROSE)
            else:
                line = "".join(self._char(rng) for _ in range(rng.randrange(60)))
            m = rng.random()
            if m < 0.1:
                words = line.split()
                if words:
                    i = rng.randrange(len(words))
                    words.insert(i, words[i])
                    line = " ".join(words)
            elif m < 0.2:
                line = line[: rng.randrange(len(line) + 1)] + "…"
            elif m < 0.25:
                line = line * rng.randrange(2, 8)
            elif m < 0.3:
                line = " " * rng.randrange(10) + line + "\t" * rng.randrange(3)
            lines.append(line)
            if rng.random() < 0.1:
                lines.append("")
        return rng.choice(("\n", "\r\n", "\n\n", "\u2028")).join(lines)

    def _html(self, rng: random.Random) -> str:
        out = [rng.choice(("", "<!doctype html>", "<html><head><title>T | Site</title></head><body>"))]
        for _ in range(rng.randrange(1, 12)):
            tag = rng.choice(TAGS)
            inner = rng.choice(self.residue) if rng.random() < 0.5 else rng.choice(PROSE)
            close = f"</{tag}>" if rng.random() < 0.8 else ""
            attrs = ' class="x"' if rng.random() < 0.3 else ""
            out.append(f"<{tag}{attrs}>{inner}{close}")
        return "".join(out)

    @staticmethod
    def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
        b = bytearray(data)
        for _ in range(rng.randrange(1, 8)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)

    def record(self, rng: random.Random, x: str | bytes) -> bytes:
        """A JSON-lines record around ``x``: valid or broken."""
        text = x.decode("utf-8", "replace") if isinstance(x, bytes) else x
        kind = rng.randrange(8)
        if kind == 0:
            return x if isinstance(x, bytes) else x.encode("utf-8", "surrogatepass")  # not JSON at all
        rec: dict[str, object] = {"id": rng.randrange(10**6), "text": text}
        if kind == 1:
            rec["text"] = rng.choice([None, 42, 1.5, [text], {"t": text}, True])
        elif kind == 2:
            rec = {"id": text, "html": text} if rng.random() < 0.5 else {"title": text}
        raw = json.dumps(rec, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
        if kind == 3:
            raw = raw.replace(b'"id": ', b'"id": 123456789012345678901234567890, "n": 1e400, "z": -0.0, "k": ', 1)
        elif kind == 4:
            raw = raw[: rng.randrange(len(raw) + 1)]
        elif kind == 5:
            raw = self._mutate_bytes(rng, raw)
        return raw


_STATE: tuple[Cleaner, Job, Job, Generator] | None = None


def _init() -> None:
    global _STATE
    cleaner = Cleaner()
    # warm up: each language's rule groups and the engine's plans are built on first sight (seconds),
    # which is start-up, not a hang
    for text in PROSE:
        cleaner.clean("Login\n" + text + "\n" + text)
    cleaner.clean("<html><body><p>" + PROSE[0] + "</p></body></html>")
    _STATE = (cleaner, Job(cleaner, Options()), Job(cleaner, Options(html_field="html")), Generator(_residue()))


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


def check_one(seed: int, index: int, limit: float) -> str | None:
    """The problem with one generated input, or None."""
    assert _STATE is not None
    cleaner, job, html_job, gen = _STATE
    x = gen.make(seed, index)
    rng = random.Random(seed * 7919 + index)
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        target = index % 4  # each input takes one path: the library on str or bytes, or the record reader
        if target < 2:
            if target == 1:
                x = x.decode("utf-8", "replace") if isinstance(x, bytes) else x.encode("utf-8", "surrogatepass")
            r = cleaner.clean(x)
            if replay(r.source, r.removed) != r.text:
                return f"crash {seed}:{index}: replay differs from the text"
        else:
            out = (job if target == 2 else html_job).line(gen.record(rng, x), "fuzz", Stats())
            if not isinstance(out, bytes) or out.count(b"\n") != 1 or not out.endswith(b"\n"):
                return f"crash {seed}:{index}: the record reader gave {out[:80]!r}, not one line"
            json.loads(out)
    except _Hang:
        return f"hang {seed}:{index}: over {limit} s"
    except Exception:  # any exception is what we look for
        return f"crash {seed}:{index}: {traceback.format_exc(limit=-3)}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return None


def _check_range(args: tuple[int, int, int, float]) -> Outcome:
    seed, start, stop, limit = args
    out = Outcome()
    for i in range(start, stop):
        problem = check_one(seed, i, limit)
        out.count += 1
        if problem is not None:
            (out.hangs if problem.startswith("hang") else out.crashes).append(problem)
    return out


def run(count: int, *, seed: int = 1, jobs: int = 2, limit: float = 2.0, chunk: int = 2000) -> Outcome:
    """Check ``count`` inputs of ``seed`` in ``jobs`` processes; the crashes and hangs found."""
    total = Outcome()
    ranges = [(seed, s, min(s + chunk, count), limit) for s in range(0, count, chunk)]
    if jobs == 1:
        _init()
        parts: Iterator[Outcome] = map(_check_range, ranges)
        for part in parts:
            _merge(total, part)
        return total
    with ProcessPoolExecutor(jobs, initializer=_init) as pool:
        for part in pool.map(_check_range, ranges):
            _merge(total, part)
    return total


def _merge(total: Outcome, part: Outcome) -> None:
    total.count += part.count
    total.crashes += part.crashes
    total.hangs += part.hangs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=float, default=2.0, help="seconds one input may take before it is a hang")
    ap.add_argument("--replay", metavar="SEED:INDEX", help="check one input and print it")
    a = ap.parse_args(argv)
    if a.replay:
        seed, index = (int(x) for x in a.replay.split(":"))
        _init()
        assert _STATE is not None
        print(repr(_STATE[3].make(seed, index))[:2000])
        print(check_one(seed, index, a.limit) or "ok")
        return 0
    start = time.perf_counter()
    out = run(a.count, seed=a.seed, jobs=a.jobs, limit=a.limit)
    took = time.perf_counter() - start
    for p in out.crashes[:20] + out.hangs[:20]:
        print(p)
    print(f"fuzz: {out.count:,} inputs (seed {a.seed}; a quarter each through clean() as str, as bytes, and the "
          f"record reader with a text or an HTML field): {len(out.crashes)} crashes, {len(out.hangs)} hangs; "
          f"{took:.0f} s, {out.count / took:,.0f} inputs/s")
    return 1 if out.crashes or out.hangs else 0


if __name__ == "__main__":
    sys.exit(main())
