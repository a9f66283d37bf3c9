"""Cleaner.clean_many: a stream of documents in, results in input order out, bounded memory, any jobs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parent


def _documents() -> list[str]:
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT.parent / "seeds").glob("*.txt"))]
    for p in sorted((ROOT / "fixtures" / "harm").glob("*.txt")):
        docs.append("\n".join(ln[2:] for ln in p.read_text(encoding="utf-8").splitlines() if ln[:2] in ("+ ", "- ", "  ")))
    return docs


def _key(r):
    return r.text, r.removed, r.title, r.warnings, r.input


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_in_input_order_and_the_same_as_clean(cleaner: Cleaner, jobs: int) -> None:
    docs = _documents() * 2
    expected = [_key(cleaner.clean(d)) for d in docs]
    got = [_key(r) for r in cleaner.clean_many(docs, jobs=jobs, chunk=3)]
    assert got == expected


@pytest.mark.parametrize(("jobs", "chunk"), [(1, 4), (2, 4)])
def test_reads_ahead_a_bounded_window(cleaner: Cleaner, jobs: int, chunk: int) -> None:
    pulled = 0

    def stream() -> Iterator[str]:
        nonlocal pulled
        for i in range(100_000):
            pulled += 1
            yield f"Login\nThe council met on day {i} and approved the budget after a long debate."

    it = cleaner.clean_many(stream(), jobs=jobs, chunk=chunk)
    first = next(it)
    assert first.text.startswith("The council met on day 0 ")
    assert pulled <= (4 * jobs + 1) * chunk  # not the whole stream
    for _ in range(50):
        next(it)
    assert pulled <= 51 + (4 * jobs + 1) * chunk
    it.close()


def test_errors_raise_in_turn_or_are_returned(cleaner: Cleaner) -> None:
    docs = ["Share\nThe mayor opened the bridge on Monday after two years of work.", b"\xff\xfe junk", 42, "ok"]
    out = list(cleaner.clean_many(docs, errors="return"))
    assert [type(x).__name__ for x in out] == ["CleanResult", "CleanResult", "TypeError", "CleanResult"]
    it = cleaner.clean_many(docs)
    assert next(it).text.startswith("The mayor")
    next(it)
    with pytest.raises(TypeError):
        next(it)


def test_bad_arguments_are_refused(cleaner: Cleaner) -> None:
    with pytest.raises(ValueError):
        list(cleaner.clean_many(["x"], jobs=0))
    with pytest.raises(ValueError):
        list(cleaner.clean_many(["x"], errors="ignore"))
