"""Run a rule's own examples, the way ``cleaner rules check`` and the test suite do.

Every rule carries ``examples.remove`` (lines it must cut) and ``examples.keep`` (look-alike prose it
must leave). An example is checked twice:

1. **Pattern**: a remove example fullmatches the rule's pattern within ``max_chars``; a keep example
   does not (or is longer than ``max_chars``, so the rule never sees it).
2. **In context**: the example is placed in a small realistic document — in the rule's zone next to two
   prose paragraphs (first for ``head``, last for ``tail``, between them for ``anywhere``) in the rule's
   language — and cleaned with :meth:`Cleaner.clean`. A remove example must then be cut *by that rule*
   (its ``cut`` group only, for a partial rule); a keep example must not be cut by it. This catches what
   the pattern alone cannot: an earlier rule that always wins the line, a zone that never sees it.
3. **Either apostrophe**: a remove example written with ``'`` must also match written with ``’`` (and
   the other way): scraped pages print both, and a pattern with ``'?`` alone misses half of them.

Example:
    >>> from cleaner import Cleaner
    >>> c = Cleaner()
    >>> rule = next(r for r in c.rules if r.id == "advertisement-label")
    >>> check_rule(c, rule)
    []
    >>> text, span = example_document(rule, "Advertisement")
    >>> text.splitlines()[0][:40], text[span[0]:span[1]]
    ('The committee met for six hours on Tuesd', 'Advertisement')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cleaner.heuristics.registry import CUT_MARK, Heuristic, parse_example
from cleaner.pipeline import Cleaner
from cleaner.ruleset import Rule

#: Two ordinary news paragraphs per language, around which examples are placed.
PROSE: dict[str, tuple[str, str]] = {
    "en": (
        "The committee met for six hours on Tuesday and agreed to publish its findings next month.",
        "Officials said the decision would not affect the budget, which was approved earlier this year.",
    ),
    "de": (
        "Der Ausschuss tagte am Dienstag sechs Stunden lang und will seine Ergebnisse im nächsten Monat vorlegen.",
        "Die Entscheidung habe keine Auswirkungen auf den Haushalt, der Anfang des Jahres beschlossen wurde, hieß es.",
    ),
    "fr": (
        "La commission s'est réunie mardi pendant six heures et publiera ses conclusions le mois prochain.",
        "Selon les responsables, la décision n'aura pas d'effet sur le budget adopté au début de l'année.",
    ),
    "es": (
        "La comisión se reunió el martes durante seis horas y publicará sus conclusiones el próximo mes.",
        "Según los responsables, la decisión no afectará al presupuesto aprobado a principios de este año.",
    ),
}


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    """One example that does not behave as its rule says. ``str()`` reads ``file:line: rule 'id': …``."""

    rule: Rule
    which: str  # "remove" or "keep"
    example: str
    problem: str

    def __str__(self) -> str:
        return f"{self.rule.location}: rule {self.rule.id!r}: {self.which} example {self.example!r}: {self.problem}"


def rule_language(rule: Rule) -> str:
    """The language an example is checked in: the rule's first, or English for a rule of every language."""
    return rule.langs[0] if rule.langs else "en"


def example_document(rule: Rule, example: str) -> tuple[str, tuple[int, int]]:
    """A small document with ``example`` on a line of its own in the rule's zone, and the example's span."""
    a, b = PROSE.get(rule_language(rule), PROSE["en"])
    if rule.where == "head":
        return f"{example}\n{a}\n{b}", (0, len(example))
    if rule.where == "tail":
        start = len(a) + len(b) + 2
        return f"{a}\n{b}\n{example}", (start, start + len(example))
    start = len(a) + 1
    return f"{a}\n{example}\n{b}", (start, start + len(example))


_STRAIGHT, _TYPOGRAPHIC = "'", "\u2019"


def apostrophe_twin(text: str) -> str | None:
    """``text`` with its apostrophes written the other way (``'`` and ``’`` swapped), or None when it has
    none. Pages write ``Editor’s Picks`` as often as ``Editor's Picks``; a remove example's twin must
    match too, or the rule misses half of what it names.

    >>> apostrophe_twin("Editors' Picks"), apostrophe_twin("Don’t miss"), apostrophe_twin("Related")
    ('Editors’ Picks', "Don't miss", None)
    """
    if _STRAIGHT not in text and _TYPOGRAPHIC not in text:
        return None
    return text.translate({ord(_STRAIGHT): _TYPOGRAPHIC, ord(_TYPOGRAPHIC): _STRAIGHT})


def check_example(cleaner: Cleaner, rule: Rule, example: str, which: str) -> str | None:
    """The problem with one example (``which`` is ``"remove"`` or ``"keep"``), or None when it behaves."""
    line = example.strip()
    m = rule.regex.fullmatch(line)
    fits = len(line) <= rule.max_chars  # the engine never tries a rule on a longer line
    if which == "keep" and m and fits:
        return "the pattern matches it"
    if which == "remove" and not m:
        return "the pattern does not match it"
    if which == "remove" and (twin := apostrophe_twin(line)) is not None and not rule.regex.fullmatch(twin):
        return f"the pattern does not match it written with the other apostrophe ({twin!r}): scrapes hold both"
    if which == "remove" and not fits:
        return f"it is longer than the rule's max_chars ({len(line)} > {rule.max_chars})"
    text, (s, e) = example_document(rule, example)
    res = cleaner.clean(text, html=False, lang=rule_language(rule))
    here = [r for r in res.removed if r.start < e and s < r.end]
    mine = [r for r in here if r.rule == rule.id]
    if which == "keep":
        return f"cut by this rule: {mine[0].text!r}" if mine else None
    if not mine:
        if here:
            others = ", ".join(f"{r.rule!r} ({r.kind})" for r in here)
            return f"cut by {others} instead (this rule never gets the line)"
        return "not cut in a document (the rule does not fire in its zone)"
    assert m is not None
    expected = m.group("cut") if rule.has_cut and m.start("cut") >= 0 else line
    if mine[0].text != expected:
        return f"cut {mine[0].text!r}, expected {expected!r}"
    return None


def check_rule(cleaner: Cleaner, rule: Rule) -> list[ExampleFailure]:
    """Every example of ``rule`` checked with ``cleaner`` (which should hold the rule): the failures."""
    out: list[ExampleFailure] = []
    for which, examples in (("remove", rule.examples_remove), ("keep", rule.examples_keep)):
        for ex in examples:
            problem = check_example(cleaner, rule, ex, which)
            if problem:
                out.append(ExampleFailure(rule, which, ex, problem))
    return out


def check_rules(cleaner: Cleaner, rules: Iterable[Rule]) -> list[ExampleFailure]:
    """:func:`check_rule` over several rules, in order."""
    return [f for rule in rules for f in check_rule(cleaner, rule)]


# -- heuristics ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HeuristicFailure:
    """One example document a heuristic does not treat as its record says."""

    heuristic: Heuristic
    which: str  # "remove" or "keep"
    example: str
    problem: str

    def __str__(self) -> str:
        first = self.example.strip().split("\n", 1)[0][:60]
        return (f"{self.heuristic.location}: heuristic {self.heuristic.id!r}: {self.which} example "
                f"{first!r}…: {self.problem}")


def _html_marks(page: str) -> tuple[str, list[str]]:
    """An HTML example without its marks, and the marked texts (from the mark to the next tag)."""
    texts = []
    for piece in page.split(CUT_MARK)[1:]:
        texts.append(piece.split("<", 1)[0].strip())
    return page.replace(CUT_MARK, ""), texts


def check_heuristic_example(cleaner: Cleaner, h: Heuristic, example: str, which: str) -> str | None:
    """The problem with one example document of a heuristic, or None when it behaves: in a remove example
    the lines marked ``✂`` are cut by the heuristic and no other line is; a keep example has no cut by it."""
    if h.html:
        page, wanted = _html_marks(example)
        res = cleaner.clean(page, html=True)
        got = [r.text for r in res.removed if r.rule == h.id]
        if which == "keep":
            return f"cut by this heuristic: {got[0]!r}" if got else None
        return None if got == wanted else f"cut {got!r}, expected {wanted!r}"
    text, marked = parse_example(example)
    res = cleaner.clean(text, html=False, input=h.input)
    lines = text.split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    hit = sorted({i for r in res.removed if r.rule == h.id for i in range(len(lines))
                  if r.start < starts[i] + len(lines[i]) and starts[i] < r.end})
    if which == "keep":
        return f"cut by this heuristic: {lines[hit[0]]!r}" if hit else None
    missed = [i for i in marked if i not in hit]
    extra = [lines[i] for i in hit if i not in marked]
    if missed:
        i = missed[0]
        others = sorted({r.rule for r in res.removed if r.start < starts[i] + len(lines[i]) and starts[i] < r.end})
        return f"not cut by it: {lines[i]!r}" + (f" (cut by {', '.join(others)} instead)" if others else "")
    if extra:
        return f"also cut a line not marked: {extra[0]!r}"
    return None


def check_heuristic(cleaner: Cleaner, h: Heuristic) -> list[HeuristicFailure]:
    """Every example document of the heuristic ``h``, checked with ``cleaner``: the failures."""
    out: list[HeuristicFailure] = []
    for which, examples in (("remove", h.remove), ("keep", h.keep)):
        for ex in examples:
            problem = check_heuristic_example(cleaner, h, ex, which)
            if problem:
                out.append(HeuristicFailure(h, which, ex, problem))
    return out
