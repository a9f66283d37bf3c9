"""Every output of the benchmark corpora, for checking that a speed change changes nothing.

Usage::

    python benchmarks/snapshot.py OUT.jsonl      # then, after the change: ... NEW.jsonl; cmp OUT.jsonl NEW.jsonl

Cleans the seed-like documents (:func:`corpus.seed_like_docs`, 2,000) and the dev set's ``scraped`` pages
(when present) with ``Cleaner()`` and writes one line per document: ``CleanResult.to_dict()`` (text,
metadata, and every removal's kind, rule, offsets and text) as JSON with sorted keys; prints a digest.
A speed change must leave the file byte-identical. Rule files and heuristics may change under you in a
shared tree: compare two snapshots made from copies of the same tree (``PYTHONPATH=copy``), one with
the change and one without, rather than against an old file.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from cleaner import Cleaner


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    docs = corpus.seed_like_docs(2000)
    records = corpus.dev_set()
    if records is not None:
        docs += [r["scraped"] for r in records]
    c = Cleaner()
    digest = hashlib.sha256()
    with open(argv[0], "w", encoding="utf-8") as f:
        for doc in docs:
            line = json.dumps(c.clean(doc, html=False).to_dict(), sort_keys=True, ensure_ascii=False)
            f.write(line + "\n")
            digest.update(line.encode())
    print(f"{argv[0]}: {len(docs)} documents, sha256 {digest.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
