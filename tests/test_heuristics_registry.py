"""The registry of heuristics: every heuristic id has a record, and its examples run as tests.

``pytest -k heuristic.related.truncated`` runs exactly that heuristic's tests (marked ``rule_id``; see
``tests/conftest.py``), as ``pytest -k login-link`` does for a rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.checks import check_heuristic_example
from cleaner.cli import main
from cleaner.document import HEURISTIC_PREFIX
from cleaner.heuristics.registry import CUT_MARK, HEURISTICS, Heuristic, needs_article, parse_example, takes_prose
from cleaner.pipeline import STAGES
from cleaner.ruleset import KINDS, RuleError, load_rules_text

HEURISTICS_DIR = Path(__file__).resolve().parents[1] / "cleaner" / "heuristics"


def _cases(which: str) -> list:
    out = []
    for h in HEURISTICS.values():
        for i, ex in enumerate(h.remove if which == "remove" else h.keep):
            out.append(pytest.param(h, ex, id=f"{h.id}-{which}-{i}", marks=pytest.mark.rule_id(h.id)))
    return out


def _each() -> list:
    return [pytest.param(h, id=h.id, marks=pytest.mark.rule_id(h.id)) for h in HEURISTICS.values()]


@pytest.mark.parametrize(("h", "example"), _cases("remove"))
def test_remove_example(cleaner: Cleaner, h: Heuristic, example: str) -> None:
    problem = check_heuristic_example(cleaner, h, example, "remove")
    assert problem is None, f"{h.location}: {h.id}: {problem}"


@pytest.mark.parametrize(("h", "example"), _cases("keep"))
def test_keep_example(cleaner: Cleaner, h: Heuristic, example: str) -> None:
    problem = check_heuristic_example(cleaner, h, example, "keep")
    assert problem is None, f"{h.location}: {h.id}: {problem}"


@pytest.mark.parametrize(("h", "example"), _cases("remove"))
def test_remove_example_needs_its_stage(h: Heuristic, example: str) -> None:
    # the examples can fail: with the heuristic's stage switched off, nothing cuts the marked lines by its id
    off = Cleaner(skip=[h.stage])
    assert check_heuristic_example(off, h, example, "remove") is not None


@pytest.mark.parametrize("h", _each())
def test_record_is_complete(h: Heuristic) -> None:
    assert h.id.startswith(HEURISTIC_PREFIX)
    assert h.kind in KINDS
    assert h.stage in STAGES
    assert callable(h.function), h.code
    assert h.catches.endswith(".") and h.why.endswith("."), "catches and why are sentences"
    assert h.example and h.remove and h.keep, "an example, a document it cuts and a look-alike it leaves"
    for ex in h.remove:
        assert CUT_MARK in ex, f"a remove example marks the lines to cut with {CUT_MARK!r}"
    assert re.fullmatch(r"[\w/.-]+\.py:\d+", h.location)


def test_every_heuristic_id_in_the_code_has_a_record() -> None:
    found: dict[str, str] = {}
    for path in sorted(HEURISTICS_DIR.glob("*.py")):
        if path.name == "registry.py":
            continue
        for m in re.finditer(r'^[A-Z_]+ = "(heuristic\.[a-z.-]+)"', path.read_text(encoding="utf-8"), re.M):
            found[m.group(1)] = path.name
    assert set(found) == set(HEURISTICS), "ids in the code and records in the registry differ"
    for hid, file in found.items():  # and the record points at the module that defines the id
        assert HEURISTICS[hid].code.split(":")[0] == f"cleaner.heuristics.{file[:-3]}", hid


def test_record_properties_replace_id_tests() -> None:
    runs = {h for h in HEURISTICS if needs_article(h)}
    assert "heuristic.navigation.label-run" in runs and "heuristic.page.outside-article" in runs
    assert "heuristic.repeated-line" not in runs and not needs_article("login-link")
    assert [h for h in HEURISTICS if takes_prose(h)] == ["heuristic.comments.section"]


def test_parse_example() -> None:
    assert parse_example(f"a\n{CUT_MARK}b\nc") == ("a\nb\nc", (1,))
    assert parse_example("no marks") == ("no marks", ())


def test_a_rule_may_not_take_a_heuristic_id() -> None:
    toml = '[[rule]]\nid = "heuristic.mine"\nkind = "ui_chrome"\ndescription = "x."\npattern = "x"\n'
    with pytest.raises(RuleError, match="heuristic"):
        load_rules_text(toml, "mine.toml")


# -- the command line --------------------------------------------------------------------------------
def test_rules_show_prints_a_heuristic_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", "heuristic.related.truncated"]) == 0
    out = capsys.readouterr().out
    assert "kind:         related_headlines" in out
    assert "stage:        related" in out
    assert "cleaner/heuristics/teasers.py:" in out
    assert "✂ Fans await the sequel of the hit film, titled…" in out


@pytest.mark.parametrize("h", _each())
def test_rules_show_knows_every_heuristic(h: Heuristic, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", h.id]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"id:           {h.id}\n") and h.catches in out


def test_rules_list_shows_heuristics_beside_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--kind", "related_headlines"]) == 0
    out = capsys.readouterr().out
    assert "heuristic.related.headline-run" in out and "stage:related" in out
    assert "related-header" in out
    assert main(["rules", "list", "--rules-only"]) == 0
    assert "heuristic." not in capsys.readouterr().out


def test_rules_check_runs_the_heuristics_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "check"]) == 0
    assert f"{len(HEURISTICS)} heuristics" in capsys.readouterr().err
