"""The rule engine's memo of per-line verdicts: same answers as without it, bounded, never stale."""

from __future__ import annotations

import cleaner.engine as engine
from cleaner.engine import RuleGroup
from cleaner.ruleset import load_rules_text

RULES = load_rules_text('''
[[rule]]
id = "share-link"
kind = "ui_chrome"
description = "A lone share link."
pattern = "share(?: this)?"

[[rule]]
id = "any-short-label"
kind = "ui_chrome"
description = "Any one or two words (a broad rule after a narrow one)."
pattern = "\\\\w+(?: \\\\w+)?"
''')


def _ids(hit):
    return None if hit is None else hit[0].id


def test_memoised_verdicts_equal_fresh_ones():
    lines = ["Share", "Share this", "Weather today", "Prices rose on Monday after the vote.", "word " * 60, "Share"] * 3
    memo_group = RuleGroup(RULES)
    got = [_ids(memo_group.match(t, set(), 1.0)) for t in lines]
    want = [_ids(RuleGroup(RULES).match(t, set(), 1.0)) for t in lines]  # a fresh group each time: no memo
    assert got == want == ["share-link", "share-link", "any-short-label", None, None, "share-link"] * 3
    # the match object is the rule's own (the pipeline reads its groups)
    rule, m = memo_group.match("Share this", set(), 1.0)
    assert m.group() == "Share this" and m.re is rule.regex


def test_disabled_rules_bypass_the_memo():
    g = RuleGroup(RULES)
    assert _ids(g.match("Share", set(), 1.0)) == "share-link"  # now memoised
    # with the first rule disabled (it timed out on this document) the next rule answers, and the
    # memo neither answers nor learns that verdict
    assert _ids(g.match("Share", {"share-link"}, 1.0)) == "any-short-label"
    assert _ids(g.match("Share", set(), 1.0)) == "share-link"


def test_long_lines_are_not_memoised_and_the_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(engine, "MEMO_SIZE", 10)
    g = RuleGroup(RULES)
    g.match("a" * (engine.MEMO_MAX_CHARS + 1), set(), 1.0)
    assert not g._memo
    for i in range(25):
        g.match(f"word{i}", set(), 1.0)
        assert len(g._memo) <= 10
    assert _ids(g.match("word3", set(), 1.0)) == "any-short-label"
