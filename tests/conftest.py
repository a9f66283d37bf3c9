"""Shared fixtures: one Cleaner for the session (rules compile once) and the bundled seeds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@dataclass(frozen=True)
class Seed:
    name: str
    text: str
    expected: dict


def load_seeds() -> list[Seed]:
    out = []
    for p in sorted(SEEDS.glob("*.txt")):
        exp = json.loads((SEEDS / "expected" / f"{p.stem}.json").read_text(encoding="utf-8"))
        out.append(Seed(p.stem, p.read_text(encoding="utf-8"), exp))
    return out


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``pytest -k ID`` with the exact id of a rule or heuristic runs that id's tests only.

    ``-k`` matches substrings, so ``-k login-link`` would also run the tests of ``de-login-link`` and
    ``-k heuristic.title`` those of ``heuristic.title.header``. Tests about one rule or heuristic carry
    ``@pytest.mark.rule_id(ID)``; when the keyword expression is exactly a known id, the others go.
    """
    expr = (config.getoption("keyword") or "").strip()
    if not expr or any(c in expr for c in " ()"):  # an expression, not an id
        return
    from cleaner.heuristics.registry import HEURISTICS
    from cleaner.ruleset import load_rules

    if expr not in HEURISTICS and expr not in {r.id for r in load_rules()}:
        return
    keep, drop = [], []
    for item in items:
        mark = item.get_closest_marker("rule_id")
        (keep if mark is not None and mark.args[0] == expr else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="session")
def seeds() -> list[Seed]:
    return load_seeds()
