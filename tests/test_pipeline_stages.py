"""The declared pipeline: a list of named stages that skip, timing and explain all read."""

from __future__ import annotations

from collections import Counter

import pytest

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.pipeline import PIPELINE, STAGES, Stage, UntilStable, ZonePasses, iter_stages

PAGE = "\n".join([
    "Login", "World", "Business", "Sport", "Culture", "Travel", "Science",
    "Council approves budget after long debate",
    "The council approved the new budget on Tuesday after a debate that lasted most of the day.",
    "Officials said the spending plan would not raise local taxes, which were increased last year.",
    "Officials said the spending plan would not raise local taxes, which were increased last year.",
    "Opposition members said the figures were optimistic and asked for an independent review of them.",
    "About us", "Contact", "Privacy policy", "Terms of use", "Cookie settings",
])


def test_every_switch_is_a_stage_of_the_pipeline_and_back() -> None:
    switches = {s.switch for s in iter_stages()} - {"input"}
    assert switches == set(STAGES)


def test_passes_for_idempotence_are_named_and_switched_with_their_stage() -> None:
    passes = {s.name: s.pass_of for s in iter_stages() if s.pass_of}
    assert passes == {"repeats (again)": "repeats", "rules (closing line)": "rules", "rules (limits)": "rules",
                      "rules (opening line)": "rules",
                      "rules (what is left)": "rules", "rules-head (again)": "rules-head",
                      "tables (again)": "tables", "title (again)": "title"}


def test_the_pipeline_reads_as_a_list() -> None:
    assert all(isinstance(step, (Stage, UntilStable, ZonePasses)) for step in PIPELINE)
    names = [s.name for s in iter_stages()]
    assert names.index("rules") < names.index("zones") < names.index("navigation") < names.index("safety-net")
    assert names[-1] == "safety-net"


@pytest.mark.parametrize("name", list(STAGES))
def test_a_switched_off_stage_does_not_run(name: str) -> None:
    c = Cleaner(skip=[name])
    c.stage_times = Counter()
    c.clean(PAGE)
    ran = set(c.stage_times)
    assert not any(s.switch == name for s in iter_stages() if s.name in ran)


def test_stage_times_name_the_stages_that_ran() -> None:
    c = Cleaner()
    c.stage_times = Counter()
    c.clean(PAGE)
    assert {"rules", "zones", "navigation", "safety-net", "repeats (again)"} <= set(c.stage_times)
    assert all(t >= 0 for t in c.stage_times.values())


def test_the_repeats_stage_is_what_cuts_the_repeat() -> None:
    on = Cleaner().clean(PAGE)
    off = Cleaner(skip=["repeats"]).clean(PAGE)
    assert [r.rule for r in on.removed].count("heuristic.repeated-line") == 1
    assert "heuristic.repeated-line" not in [r.rule for r in off.removed]


def test_stage_of_knows_rules_and_heuristics() -> None:
    c = Cleaner()
    assert c.stage_of("login-link") == "rules"
    assert c.stage_of("heuristic.navigation.label-run") == "navigation"
    assert c.stage_of("heuristic.page.outside-article") == "page-furniture"
    assert c.stage_of("no-such-rule") is None
    heads = [r.id for r in c.rules if r.where == "head"]
    assert heads and c.stage_of(heads[0]) == "rules-head"


def test_explain_counts_the_cuts_of_each_stage(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    assert main(["explain", str(f), "--no-color"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("stages:"))
    counts = {name: int(n) for name, n in (part.rsplit(" ", 1) for part in line[len("stages:"):].strip().split(", "))}
    assert counts["rules"] >= 1 and counts["navigation"] >= 5 and counts["repeats"] == 1
    assert list(counts) == [s for s in STAGES if s in counts], "in pipeline order"
