"""Every example in every bundled rule file runs as a test whose id starts with the rule id.

``pytest -k login-link`` runs exactly one rule's examples. Each example is checked twice: against the
pattern alone (a remove example matches, a keep example does not) and in context — placed in a small
document in the rule's zone and cleaned — where a remove example must be cut *by that rule* and a keep
example must not be.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.ruleset import Rule, load_rules

RULES = load_rules()
_PROSE = {
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


def _doc(rule: Rule, line: str) -> tuple[str, str]:
    lang = rule.langs[0] if rule.langs else "en"
    a, b = _PROSE.get(lang, _PROSE["en"])
    if rule.where == "head":
        return f"{line}\n{a}\n{b}", lang
    if rule.where == "tail":
        return f"{a}\n{b}\n{line}", lang
    return f"{a}\n{line}\n{b}", lang


def _cases(which: str) -> list:
    out = []
    for rule in RULES:
        examples = rule.examples_remove if which == "remove" else rule.examples_keep
        for i, ex in enumerate(examples):
            out.append(pytest.param(rule, ex, id=f"{rule.id}-{which}-{i}"))
    return out


@pytest.fixture(scope="module")
def cleaner_() -> Cleaner:
    return Cleaner()


@pytest.mark.parametrize(("rule", "example"), _cases("remove"))
def test_remove_example(cleaner_, rule, example):
    m = rule.regex.fullmatch(example)
    assert m, f"{rule.location}: pattern does not match its remove example"
    doc, lang = _doc(rule, example)
    r = cleaner_.clean(doc, lang=lang)
    hits = [x for x in r.removed if x.rule == rule.id]
    assert hits, f"{rule.location}: not cut in context; cuts were {[(x.rule, x.text) for x in r.removed]}"
    expected = m.group("cut") if rule.has_cut and m.start("cut") >= 0 else example
    assert hits[0].text == expected


@pytest.mark.parametrize(("rule", "example"), _cases("keep"))
def test_keep_example(cleaner_, rule, example):
    assert not rule.regex.fullmatch(example), f"{rule.location}: pattern matches its keep example"
    doc, lang = _doc(rule, example)
    r = cleaner_.clean(doc, lang=lang)
    assert not [x for x in r.removed if x.rule == rule.id]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_documented(rule):
    """Like ruff's rule docs: every bundled rule says what it removes and shows both sides."""
    assert rule.description.endswith("."), f"{rule.location}: description should be a sentence"
    assert rule.examples_remove, f"{rule.location}: no remove example"
    assert rule.examples_keep, f"{rule.location}: no keep example (a look-alike that must stay)"
