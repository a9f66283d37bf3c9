"""The short form of ``make fuzz`` (benchmarks/fuzz.py): generated inputs through the library and the
CLI's record reader, with no crash and no hang. The long form checks a million inputs."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import fuzz


def test_generated_inputs_neither_crash_nor_hang() -> None:
    out = fuzz.run(1200, seed=7, jobs=1, limit=10.0)
    assert out.count == 1200
    assert out.crashes == [] and out.hangs == []


def test_the_generator_is_reproducible() -> None:
    fuzz._init()
    assert fuzz._STATE is not None
    gen = fuzz._STATE[3]
    assert [gen.make(3, i) for i in range(50)] == [gen.make(3, i) for i in range(50)]
    kinds = {type(gen.make(3, i)).__name__ for i in range(50)}
    assert kinds == {"str", "bytes"}


def test_a_crash_is_reported_with_its_seed_and_index(monkeypatch) -> None:
    fuzz._init()
    assert fuzz._STATE is not None

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(fuzz._STATE[0], "clean", boom)
    problem = fuzz.check_one(5, 0, 10.0)  # index 0: the library path
    assert problem is not None and problem.startswith("crash 5:0:") and "boom" in problem
