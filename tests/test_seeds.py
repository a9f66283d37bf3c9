"""The five seed articles reproduce seeds/expected exactly, and their removals replay."""

from __future__ import annotations

import pytest

from cleaner import clean, replay
from tests.conftest import load_seeds

SEEDS = load_seeds()


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_seed_matches_expected(cleaner, seed):
    r = cleaner.clean(seed.text)
    e = seed.expected
    assert r.text == e["text"]
    assert r.title == e["title"]
    assert r.date == e["date"]
    assert r.dateline == e["dateline"]
    assert r.tags == e["tags"]
    assert r.language == e["language"]
    assert [(x.kind, x.text) for x in r.removed] == [(x["kind"], x["text"]) for x in e["removed"]]


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_seed_removals_replay_and_point_into_source(cleaner, seed):
    r = cleaner.clean(seed.text)
    assert replay(seed.text, r.removed) == r.text
    for x in r.removed:
        assert seed.text[x.start : x.end] == x.text


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_seed_bytes_input_gives_same_result(cleaner, seed):
    assert cleaner.clean(seed.text.encode("utf-8")).text == cleaner.clean(seed.text).text


def test_clean_prose_seed_passes_unchanged():
    seed = next(s for s in SEEDS if s.name.startswith("002"))
    r = clean(seed.text)
    assert r.removed == ()
    assert r.text == "\n".join(line.strip() for line in seed.text.splitlines() if line.strip())


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_seed_cleaning_is_idempotent(cleaner, seed):
    once = cleaner.clean(seed.text).text
    assert cleaner.clean(once).text == once
