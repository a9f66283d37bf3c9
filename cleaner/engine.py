"""Run compiled rules over lines fast, and never let one rule hang a batch.

Rules that apply together (same language, same zone) are combined into one alternation that serves as a
prefilter: most lines match nothing, and one ``fullmatch`` of the combined pattern tells so. Only when it
matches are the member rules tried, in file order, to name the one that fired. Every match runs under the
``regex`` package's timeout; a rule that times out is skipped for the rest of the document and reported.

Example:
    >>> from cleaner.ruleset import load_rules_text
    >>> rules = load_rules_text('''
    ... [[rule]]
    ... id = "share-link"
    ... kind = "ui_chrome"
    ... description = "A lone share link."
    ... pattern = "share(?: this)?"
    ... ''')
    >>> g = RuleGroup(rules)
    >>> hit = g.match("Share this", set(), 0.1)
    >>> hit[0].id, hit[1].group()
    ('share-link', 'Share this')
    >>> g.match("Share prices rose on Monday.", set(), 0.1) is None
    True
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleaner.ruleset import Rule

_UNCOMBINABLE = regex.compile(r"\\[1-9]|\(\?P=|\\g<|\(\?[a-zA-Z]+\)")


class RuleTimeout(Exception):
    """A rule took longer than the time allowed on one line."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule.id)
        self.rule = rule


class RuleGroup:
    """Rules applied together, with a combined prefilter pattern."""

    __slots__ = ("combined", "max_chars", "rules", "solo")

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self.max_chars = max((r.max_chars for r in self.rules), default=0)
        combinable = [r for r in self.rules if not _UNCOMBINABLE.search(r.pattern)]
        self.solo = [r for r in self.rules if _UNCOMBINABLE.search(r.pattern)]
        self.combined: regex.Pattern[str] | None = None
        if combinable:
            alts = "|".join(f"(?{'' if r.case_sensitive else 'i'}:{r.pattern})" for r in combinable)
            try:
                self.combined = regex.compile(alts, regex.V0 | regex.UNICODE)
            except (regex.error, ValueError, OverflowError):  # pragma: no cover - defensive
                self.solo = self.rules

    def _each(self, rules: Sequence[Rule], text: str, disabled: set[str], timeout: float
              ) -> tuple[Rule, regex.Match[str]] | None:
        n = len(text)
        for r in rules:
            if r.id in disabled or n > r.max_chars:
                continue
            try:
                m = r.regex.fullmatch(text, timeout=timeout)
            except TimeoutError:
                raise RuleTimeout(r) from None
            if m:
                return r, m
        return None

    def match(self, text: str, disabled: set[str], timeout: float) -> tuple[Rule, regex.Match[str]] | None:
        """The first rule (in load order) whose pattern fullmatches ``text``, with its match.

        Raises :class:`RuleTimeout` naming the rule that ran out of time; the caller disables it.
        """
        if len(text) > self.max_chars or not self.rules:
            return None
        if self.combined is not None and not disabled:
            try:
                hit = self.combined.fullmatch(text, timeout=timeout)
            except TimeoutError:
                hit = True  # find the culprit one rule at a time
            if hit:
                return self._each(self.rules, text, disabled, timeout)
            return self._each(self.solo, text, disabled, timeout) if self.solo else None
        return self._each(self.rules, text, disabled, timeout)
