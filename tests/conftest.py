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


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="session")
def seeds() -> list[Seed]:
    return load_seeds()
