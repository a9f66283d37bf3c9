"""The public surface: types, errors, pickling, threads, bytes, determinism."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import pickle
import tomllib
from concurrent.futures import ThreadPoolExecutor

import pytest

import cleaner as pkg
from cleaner import Cleaner, CleanResult, Removal, clean, replay
from tests.conftest import ROOT, load_seeds

SEEDS = load_seeds()


def test_public_surface():
    assert set(pkg.__all__) == {"CleanResult", "Cleaner", "Removal", "__version__", "clean", "replay"}


def test_version_is_the_packages():
    # __version__ is written by hand in cleaner/__init__.py: it must follow pyproject.toml, and the
    # installed distribution's metadata (what pip and importlib.metadata report) must agree
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert pkg.__version__ == project["version"]
    assert pkg.__version__ == importlib.metadata.version("cleaner")


def test_result_is_frozen_and_serialisable():
    r = clean(SEEDS[4].text)
    assert isinstance(r, CleanResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.text = "x"  # type: ignore[misc]
    d = r.to_dict()
    assert set(d) == {"text", "title", "date", "dateline", "authors", "tags", "language", "removed", "warnings", "input"}
    assert d["removed"][0] == {"kind": "title", "rule": "heuristic.title", "start": 1, "end": 85,
                               "text": r.removed[0].text}
    assert isinstance(r.removed[0], Removal) and isinstance(r.tags, list)
    assert "source" in r.to_dict(include_source=True)


def test_wrong_type_is_a_clear_error():
    with pytest.raises(TypeError, match="str or bytes, not int"):
        clean(42)  # type: ignore[arg-type]


def test_cleaner_pickles_and_gives_the_same_results():
    c = Cleaner()
    c2 = pickle.loads(pickle.dumps(c))
    for s in SEEDS:
        assert c2.clean(s.text) == c.clean(s.text)


def test_cleaner_is_thread_safe():
    c = Cleaner()
    docs = [s.text for s in SEEDS] * 20
    expected = [c.clean(d) for d in docs]
    with ThreadPoolExecutor(8) as ex:
        got = list(ex.map(c.clean, docs))
    assert got == expected


def test_lang_can_be_forced_and_detected():
    r = clean(SEEDS[2].text, lang="de")
    assert r.language == "de"
    assert clean(SEEDS[2].text).language == "en"


def test_bytes_with_bom_and_broken_utf8():
    text = SEEDS[1].text
    assert clean(b"\xef\xbb\xbf" + text.encode()).text == clean(text).text
    r = clean(text.encode() + b"\xff\xfe\x80 tail")
    assert r.text.startswith("In the wake of rising tensions")


def test_replay_refuses_overlapping_removals():
    with pytest.raises(ValueError, match="overlap"):
        replay("abcdef", [Removal("ui_chrome", "x", 0, 3, "abc"), Removal("ui_chrome", "y", 2, 4, "cd")])


def test_empty_and_blank_documents():
    assert clean("").text == ""
    assert clean("  \n\t\n").text == ""
    assert clean("").removed == ()


def test_oversized_html_is_a_clear_error_not_a_hang():
    c = Cleaner(max_html_chars=1000)
    page = "<html><body>" + "<p>The council met on Tuesday and approved the budget.</p>" * 100 + "</body></html>"
    with pytest.raises(ValueError, match="over max_html_chars=1,000"):
        c.clean(page)
    assert "council" in c.clean(page, html=False).text  # its text can still be cleaned
    assert pickle.loads(pickle.dumps(c)).max_html_chars == 1000
