"""Inputs for the throughput benchmarks, built deterministically (a seeded :class:`random.Random`).

- :func:`seed_like_docs`: the bundled seeds with residue lines inserted at random places (UI chrome,
  bylines, dates, share links, menus, tag lines, copyright lines, repeated paragraphs, stutters), about
  3.4 KB a document — the shape of the articles cleaner is built for.
- :func:`dev_set`: the ScrapingHub dev set (``../shared/eval/scrapinghub.jsonl.gz`` next to the
  repository, or ``$CLEANER_DEV_SET``); ``None`` when it is absent. It is read in place, never copied.
- :func:`adversarial_docs`: inputs that make badly written rules or heuristics go quadratic.
- :func:`floor`: the plain Python pass every cleaner has to beat at least half of: NFC, split lines,
  collapse white space, strip, drop exact duplicate lines.

Run as a script, it writes seed-like documents as JSON lines (``python benchmarks/corpus.py N OUT``).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DEV_SET = Path(os.environ.get("CLEANER_DEV_SET", ROOT.parent / "shared" / "eval" / "scrapinghub.jsonl.gz"))
#: The seed used for every generated corpus: same documents in every run and on every machine.
RANDOM_SEED = 20250509

#: Residue a scraper leaves in article text. Most of it is what the bundled rules are meant to cut;
#: some of it (menu labels, a lone section name) is left to the heuristics or kept.
RESIDUE: tuple[str, ...] = (
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Share",
    "Share this article",
    "Print",
    "Email this story",
    "3 Comments",
    "Login",
    "Sign in",
    "Subscribe",
    "Subscribe to our newsletter",
    "Skip to main content",
    "Back to top",
    "Read more",
    "Also read: India, Pakistan agree to ceasefire after four days of hostilities",
    "By Jane Doe, Reuters",
    "Written by: MARIA LÓPEZ | Updated 3 hours ago",
    "Published: May 9, 2025 at 2:30 pm",
    "Updated 3:45 PM ET, Fri May 9, 2025",
    "5 min read",
    "Photo: AP",
    "© 2025 The Daily Chronicle. All rights reserved.",
    "Facebook Twitter WhatsApp LinkedIn",
    "Home",
    "World",
    "Business",
    "Home › World › Asia › India",
    "Tags: India, Pakistan, Diplomacy, Marco Rubio",
    "https://example.com/news/2025/05/09/story",
    "***",
    "12K",
    "Click here to read the full story",
    "Follow us on Twitter",
    "Related",
)

#: Short clauses glued into a prose line to make a stutter (``the the``) the heuristic should find.
_STUTTERS = ("the the", "to to", "“end “end", "and and")


def load_seeds() -> list[str]:
    """The bundled seed articles, in name order."""
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def _stutter(rng: random.Random, line: str) -> str:
    words = line.split(" ")
    if len(words) < 8:
        return line
    i = rng.randrange(1, len(words) - 1)
    return " ".join([*words[:i], rng.choice(_STUTTERS), *words[i:]])


def seed_like(rng: random.Random, seeds: list[str]) -> str:
    """One document: a seed with 2-6 residue lines inserted at random places, maybe a repeated paragraph
    and a stutter, and sometimes messy white space."""
    lines = rng.choice(seeds).splitlines()
    for _ in range(rng.randint(2, 6)):
        lines.insert(rng.randint(0, len(lines)), rng.choice(RESIDUE))
    prose = [i for i, ln in enumerate(lines) if len(ln) > 120]
    if prose and rng.random() < 0.3:
        lines.insert(rng.randint(0, len(lines)), lines[rng.choice(prose)])
    if prose and rng.random() < 0.3:
        i = rng.choice(prose)
        lines[i] = _stutter(rng, lines[i])
    if rng.random() < 0.2:
        lines = [f"  {ln}\t " if rng.random() < 0.3 else ln for ln in lines]
    sep = "\r\n" if rng.random() < 0.1 else "\n"
    return sep.join(lines)


def seed_like_docs(n: int, seed: int = RANDOM_SEED) -> list[str]:
    """``n`` seed-like documents, the same ones for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    seeds = load_seeds()
    return [seed_like(rng, seeds) for _ in range(n)]


@lru_cache(maxsize=1)
def _dev_records() -> tuple[dict, ...] | None:
    if not DEV_SET.is_file():
        return None
    with gzip.open(DEV_SET, "rb") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def dev_set() -> tuple[dict, ...] | None:
    """The dev set's records (``id``, ``url``, ``html``, ``scraped``, ``gold``…), or None when absent."""
    return _dev_records()


def adversarial_docs() -> dict[str, str]:
    """Inputs that would expose a pathological rule or heuristic (each 0.3-1 MB)."""
    rng = random.Random(RANDOM_SEED)
    seeds = load_seeds()
    prose = " ".join(" ".join(s.split()) for s in seeds)
    words = prose.split()
    return {
        # one line of a megabyte, no newline at all: the rules' max_chars must skip it cheaply
        "1mb-one-line": (prose + " ") * (1_000_000 // (len(prose) + 1)),
        # long lines just under and over the rules' limits
        "long-lines": "\n".join(" ".join(rng.choices(words, k=rng.randint(40, 900))) for _ in range(300)),
        # punctuation runs: what backtracking rules choke on
        "ellipses": "\n".join("." * rng.randint(3, 3000) + " …" * rng.randint(1, 200) for _ in range(300)),
        "commas": "\n".join(", " * rng.randint(10, 1500) + "a" for _ in range(300)),
        "punctuation": "\n".join("".join(rng.choices("!?.,;:-–—|/•·*#()[]\"'“”«» ", k=rng.randint(50, 2000)))
                                 for _ in range(300)),
        # many short lines: menus, one-word lines, what line-by-line heuristics walk
        "short-lines": "\n".join(rng.choice(RESIDUE) if rng.random() < 0.5 else rng.choice(words)
                                 for _ in range(60_000)),
        # the same word over and over (stutter heuristic)
        "repeats": "\n".join(" ".join(["the"] * rng.randint(2, 400)) for _ in range(800)),
        # lines that start with 20,000 distinct characters (a Chinese page's): the rule engine's plans are
        # per first character, and none of these is one a rule names
        "first-characters": "\n".join(chr(0x4E00 + i) + "".join(chr(0x4E00 + rng.randrange(20_000)) for _ in range(12))
                                      + "。" for i in range(20_000)),
    }


def floor(text: str) -> str:
    """The floor: NFC-normalise, split lines, collapse white space, strip, drop exact duplicate lines."""
    text = unicodedata.normalize("NFC", text)
    seen: set[str] = set()
    out: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line and line not in seen:
            seen.add(line)
            out.append(line)
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """``corpus.py N OUT``: write ``N`` seed-like documents as JSON lines ``{"id", "text"}`` to OUT."""
    if len(argv) != 2:
        print("usage: python benchmarks/corpus.py N OUT.jsonl", file=sys.stderr)
        return 2
    n, out = int(argv[0]), Path(argv[1])
    with out.open("w", encoding="utf-8") as fh:
        for i, doc in enumerate(seed_like_docs(n)):
            fh.write(json.dumps({"id": i, "text": doc}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
