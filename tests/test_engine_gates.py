"""The clause gate of a rule plan finds its strings in one Aho-Corasick pass: it must let through exactly
the steps the plain ``in`` tests would (``_Substrings``), on prose, chrome, folded and unencodable text."""

from __future__ import annotations

import random

import pytest

import cleaner.engine as engine
from cleaner import Cleaner
from cleaner.engine import fold

LINES = [
    "Share this article",
    "© 2025 The Daily Chronicle. All rights reserved.",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "Photo: AP",
    "(AP Photo/Evan Vucci)",
    "For more information, the ministry said, readers may contact the office for a fee.",
    "Officials said the bridge would reopen on Monday after repairs, according to a statement.",
    "Subscribe to our newsletter for the latest news delivered to your inbox",
    "ſHARE İT ON FACEBOOK",
    "Written by: MARIA LÓPEZ | Updated 3 hours ago",
    "Kommentare: Die Redaktion behält sich vor, Kommentare zu löschen.",
    "lone surrogate \ud800 in a cookie line ©",
]


def _mutations(lines: list[str]) -> list[str]:
    rng = random.Random(7)
    out = list(lines)
    for t in lines:
        out += [t.upper(), t.title(), t + " " + rng.choice(lines), t[: len(t) // 2]]
    return out


@pytest.fixture(scope="module")
def groups():
    c = Cleaner()
    return [getattr(c._groups(lang), where) for lang in (None, "en", "de") for where in ("anywhere", "head", "tail")]


def test_gate_matcher_agrees_with_substring_tests(groups, monkeypatch):
    lines = _mutations(LINES)
    fast = [[g._match(t, len(t), set(), 1.0, False) for t in lines] for g in groups]
    fast_steps = [[g._plan(len(t), t[:1]).pick(fold(t), t[-1:]) for t in lines] for g in groups]
    monkeypatch.setattr(engine, "_AhoCorasick", None)
    monkeypatch.setattr(engine, "_MATCHERS", {})
    for g, want, want_steps in zip(groups, fast, fast_steps, strict=True):
        g._plans.clear()
        got = [g._match(t, len(t), set(), 1.0, False) for t in lines]
        got_steps = [g._plan(len(t), t[:1]).pick(fold(t), t[-1:]) for t in lines]
        assert [None if h is None else (h[0].id, h[1].span()) for h in got] == [
            None if h is None else (h[0].id, h[1].span()) for h in want]
        assert [[s[0].id for s in x] for x in got_steps] == [[s[0].id for s in x] for x in want_steps]
        g._plans.clear()


def test_a_lone_surrogate_goes_through_the_plain_tests(groups):
    g = groups[0]
    hit = g.match("© 2025 Chronicle \ud800 All rights reserved.", set(), 1.0)
    assert hit is not None and hit[0].kind == "legal_footer"


SKIP_RULES = '''
[[rule]]
id = "closing-notice"
kind = "legal_footer"
description = "A notice."
pattern = "all rights reserved"

[[rule]]
id = "any-three-words"
kind = "ui_chrome"
description = "Any three words (a broad rule after a narrow one)."
pattern = "\\\\w+ \\\\w+ \\\\w+"
'''


def test_skipped_rules_are_passed_over_without_being_disabled():
    from cleaner.engine import RuleGroup
    from cleaner.ruleset import load_rules_text

    g = RuleGroup(load_rules_text(SKIP_RULES))
    skip = frozenset({"closing-notice"})
    disabled: set[str] = set()
    # not memoised yet: the skipped rule is passed over, the next one answers, nothing is memoised
    assert g.match("All rights reserved", disabled, 1.0, skip=skip)[0].id == "any-three-words"
    assert not g._memo and not disabled
    # memoised verdict naming the skipped rule: worked out again without it
    assert g.match("All rights reserved", disabled, 1.0)[0].id == "closing-notice"
    assert g.match("All rights reserved", disabled, 1.0, skip=skip)[0].id == "any-three-words"
    # memoised verdicts naming another rule, or none, answer as they are
    assert g.match("Share this page", disabled, 1.0)[0].id == "any-three-words"
    assert g.match("Share this page", disabled, 1.0, skip=skip)[0].id == "any-three-words"
    assert g.match("Share", disabled, 1.0) is None
    assert g.match("Share", disabled, 1.0, skip=skip) is None
    assert not disabled


def _reference(group, text):
    """The full scan the prefilter stands in for: the first rule, in load order, that fullmatches (a rule
    applies to lines of at most its ``max_chars``)."""
    for rule in group.rules:
        m = rule.regex.fullmatch(text, timeout=5.0) if len(text) <= rule.max_chars else None
        if m:
            return rule.id, m.span()
    return None


def _spacings(lines: list[str]) -> list[str]:
    """Each line as written, with its spaces doubled, with a no-break space, and in capitals (the prefilter
    reads single-spaced lines with sharper literals, the rest without them)."""
    out = []
    for t in lines:
        out += [t, t.replace(" ", "  "), t.replace(" ", "\u00a0", 1), t.upper()]
    return out


def test_the_prefilter_gives_the_full_scan_answer_on_every_spacing(groups):
    """Whatever the prefilter skips (by length, first and last character, prefix, literal), the answer is
    the full scan's: on every rule's own examples, the seeds' lines and the gate lines above, written
    single-spaced (where ``do\\s+not`` is read as the literal ``"do not"``) and otherwise."""
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    lines = list(LINES)
    for path in sorted(seeds.glob("*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for g in groups:
        for r in g.rules:
            lines += [*r.examples_remove, *r.examples_keep]
    texts = sorted(set(_spacings(lines)))
    assert sum(engine.single_spaced(t) for t in texts) > len(texts) // 3  # both kinds are well represented
    for g in groups[:3]:  # every language's rules (the others are subsets)
        got = [g._match(t, len(t), set(), 5.0, False) for t in texts if len(t) <= g.max_chars]
        want = [_reference(g, t) for t in texts if len(t) <= g.max_chars]
        assert [None if h is None else (h[0].id, h[1].span()) for h in got] == want


def test_lines_starting_with_thousands_of_characters_share_their_plans(groups, monkeypatch):
    """A Chinese page's lines start with thousands of distinct characters that no rule names; only the
    rules' class tests (``\\p{Lu}``, ``\\d``...) tell them apart, so the prefilter must not work out
    every rule's fits for each of them (the engine once built a plan per first character: 152 s on the
    first sight of 20,000 such lines, 0.9 s now). The answers stay the full scan's."""
    from cleaner.engine import RuleGroup

    calls = [0]
    starts = engine._starts

    def counted(first, char):
        calls[0] += 1
        return starts(first, char)

    monkeypatch.setattr(engine, "_starts", counted)
    g = RuleGroup(groups[0].rules)  # no plans yet
    lines = [chr(0x4E00 + i) + f" item {i} of the list" for i in range(3000)]
    lines += [chr(0x4E00 + i) + "Share" for i in range(50)] + ["中国 Share this article", "© 2025 新华社 All rights reserved"]
    got = [g.match(t, set(), 5.0) for t in lines]
    # per new character: one look-up by its class-test answers, not a _starts call for each of the
    # group's distinct first characters (over a hundred: 300,000 calls here); plans built: a few
    assert calls[0] < 2 * len(lines)
    assert len(g._shared) <= 12
    sample = lines[::97] + lines[-52:]
    want = [_reference(g, t) for t in sample]
    assert [None if h is None else (h[0].id, h[1].span()) for h in [got[lines.index(t)] for t in sample]] == want


WEAK_PREFIX_RULES = '''
[[rule]]
id = "cookie-is-set"
kind = "ui_chrome"
description = "A consent dialog's line about one cookie."
pattern = '(?:the|this)\\s+(?:[\\w.\\-]+\\s+)?cookie\\s+is\\s+set\\b.{0,200}'
examples.remove = ["This cookie is set by the consent plugin.", "The _ga cookie is set by Google Analytics."]
'''


def test_a_sentences_first_word_does_not_open_a_rule_gated_by_a_rarer_word(monkeypatch):
    """Every match of ``(?:the|this) … cookie is set …`` starts with "the" or "this" and contains
    "cookie". Gated by its first word, the rule met every sentence opening "The" (2,621 regex runs, none
    matching, on 1,500 generated articles: 5 % of their cleaning time); gated by "cookie", none of them.
    Either gate is exact, so the answers stay the full scan's."""
    from cleaner.engine import RuleGroup
    from cleaner.ruleset import load_rules_text

    rules = load_rules_text(WEAK_PREFIX_RULES)
    runs = [0]

    class Counted:
        def __init__(self, rx):
            self.rx = rx

        def fullmatch(self, *a, **k):
            runs[0] += 1
            return self.rx.fullmatch(*a, **k)

    object.__setattr__(rules[0], "regex", Counted(rules[0].regex))
    g = RuleGroup(rules)
    runs[0] = 0  # building the group checks the rule's examples
    prose = ["The statement comes on the day the ministry launched a second review of the plan.",
             "This outreach comes amid coordinated efforts to speak with both sides.",
             "The  message he conveyed also stressed the need to de-escalate."]
    assert [g.match(t, set(), 1.0) for t in prose] == [None, None, None]
    assert runs[0] == 0
    hit = g.match("This cookie is set by the consent plugin.", set(), 1.0)
    assert hit is not None and hit[0].id == "cookie-is-set"
    hit = g.match("The  _ga cookie is set by Google Analytics.", set(), 1.0)
    assert hit is not None and hit[0].id == "cookie-is-set"
    assert g.match("The cookie jar is set on the table.", set(), 1.0) is None
    monkeypatch.setattr(engine, "_weak", lambda prefixes, clause: False)  # the old gate: the first word
    monkeypatch.setattr(engine, "_ANALYSED", {})
    g = RuleGroup(load_rules_text(WEAK_PREFIX_RULES))
    object.__setattr__(g.rules[0], "regex", Counted(g.rules[0].regex))
    runs[0] = 0
    assert [g.match(t, set(), 1.0) for t in prose] == [None, None, None]
    assert runs[0] == 3
