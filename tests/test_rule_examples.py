"""Every example in every bundled rule file runs as a test whose id starts with the rule id.

``pytest -k login-link`` runs exactly one rule's examples (each test is marked ``rule_id``, and
``tests/conftest.py`` keeps only that id's tests when ``-k`` is exactly an id: not ``de-login-link``'s). Each example is checked the way
``cleaner rules check`` checks user files (:mod:`cleaner.checks`): against the pattern alone, and in a
small document in the rule's zone and language, where a remove example must be cut *by that rule* and a
keep example must not be.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.checks import check_example
from cleaner.ruleset import load_rules

RULES = load_rules()


def _cases(which: str) -> list:
    out = []
    for rule in RULES:
        examples = rule.examples_remove if which == "remove" else rule.examples_keep
        for i, ex in enumerate(examples):
            out.append(pytest.param(rule, ex, id=f"{rule.id}-{which}-{i}", marks=pytest.mark.rule_id(rule.id)))
    return out


@pytest.fixture(scope="module")
def cleaner_() -> Cleaner:
    return Cleaner()


@pytest.mark.parametrize(("rule", "example"), _cases("remove"))
def test_remove_example(cleaner_, rule, example):
    problem = check_example(cleaner_, rule, example, "remove")
    assert problem is None, f"{rule.location}: rule {rule.id!r}: {problem}"


@pytest.mark.parametrize(("rule", "example"), _cases("keep"))
def test_keep_example(cleaner_, rule, example):
    problem = check_example(cleaner_, rule, example, "keep")
    assert problem is None, f"{rule.location}: rule {rule.id!r}: {problem}"


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.id, marks=pytest.mark.rule_id(r.id)) for r in RULES])
def test_rule_is_documented(rule):
    """Like ruff's rule docs: every bundled rule says what it removes and shows both sides."""
    assert rule.description.endswith(".") and "\n" not in rule.description, f"{rule.location}: description should be one sentence"
    assert rule.examples_remove, f"{rule.location}: no remove example"
    assert rule.examples_keep, f"{rule.location}: no keep example (a look-alike that must stay)"


def test_a_remove_example_must_match_with_either_apostrophe(cleaner_):
    """A rule that names ``Editor's Picks`` misses ``Editor’s Picks`` unless its pattern takes both."""
    from cleaner.ruleset import load_rules_text

    rule_text = '''
[[rule]]
id = "my-picks"
kind = "related_headlines"
description = "A picks header."
pattern = "editor'?s\\\\s+picks"
examples.remove = ["Editor's Picks"]
examples.keep = ["The editor picks the stories."]
'''
    (narrow,) = load_rules_text(rule_text)
    problem = check_example(cleaner_, narrow, "Editor's Picks", "remove")
    assert problem is not None and "other apostrophe" in problem and "Editor’s Picks" in problem
    (wide,) = load_rules_text(rule_text.replace("editor'?s", "editor['’]?s"))
    assert "apostrophe" not in (check_example(cleaner_, wide, "Editor's Picks", "remove") or "")
