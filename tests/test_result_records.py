"""Removal records built by the pipeline's fast constructor are ordinary frozen Removals."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from cleaner import clean
from cleaner.result import Removal, new_removal


def test_new_removal_is_a_frozen_removal():
    r = new_removal("ui_chrome", "login-link", 7, 12, "Login")
    want = Removal("ui_chrome", "login-link", 7, 12, "Login")
    assert type(r) is Removal and r == want and hash(r) == hash(want) and repr(r) == repr(want)
    assert pickle.loads(pickle.dumps(r)) == want
    assert dataclasses.asdict(r) == r.to_dict() == want.to_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.start = 0  # type: ignore[misc]


def test_clean_returns_removal_records():
    r = clean("Login\nThe minister said on Friday that talks would resume next week.")
    assert [type(x) for x in r.removed] == [Removal]
    assert r.removed[0] == Removal("ui_chrome", "login-link", 0, 5, "Login")
