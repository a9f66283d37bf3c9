"""Verbose rule patterns: written over several lines with comments, compacted exactly when they load."""

from __future__ import annotations

import tomllib

import pytest

from cleaner.ruleset import (
    RuleError,
    VerbosePatternError,
    compact_pattern,
    compile_pattern,
    default_rule_files,
    load_rules_file,
    load_rules_text,
)


@pytest.mark.parametrize(
    ("text", "compact"),
    [
        # layout: spaces, tabs and line breaks between tokens go
        ("(?: a\n  | b\t)", "(?:a|b)"),
        ("\n(?:\n    foo\n  | bar\n)\n", "(?:foo|bar)"),
        # comments run to the end of the line, wherever they start
        ("a  # the letter a\n| b # and b", "a|b"),
        ("# only a comment first\nx", "x"),
        ("x # a comment with [ and \\ and 'quotes'", "x"),
        # escapes are copied whole: an escaped space, hash, backslash, property
        (r"read\ more", r"read\ more"),
        (r"tag\#1", r"tag\#1"),
        ("a\\\\ b", "a\\\\b"),  # an escaped backslash, then layout
        (r"\p{Lu} \p{Ll}", r"\p{Lu}\p{Ll}"),
        (r"\p{Letter Mark}", r"\p{Letter Mark}"),
        # classes are copied verbatim: spaces and hashes in them are literal
        ("[ #]", "[ #]"),
        ("x[ .'-]{1,40} # tail", "x[ .'-]{1,40}"),
        ("[?#] z", "[?#]z"),
        # a ']' first in a class (or first after '^') is a literal and does not close it
        ("[] #]x", "[] #]x"),
        ("[^] #] y", "[^] #]y"),
        ("[\\] #] y", "[\\] #]y"),
        ("[[:alpha:] #] y", "[[:alpha:] #]y"),
        # other spaces than ASCII layout are characters, and a compact pattern is left as it is
        ("a\u00a0b", "a\u00a0b"),
        (r"(?:©|\(c\))\s*.{0,200}", r"(?:©|\(c\))\s*.{0,200}"),
    ],
)
def test_compact_pattern(text: str, compact: str) -> None:
    assert compact_pattern(text) == compact


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("read more", 1, ("'read'", "'more'")),
        ("(?:\n  | sign\tup\n)", 2, ("'sign'", "'up'")),
        ("a\n(?:x|copy link)", 2, ("'copy'", "'link'")),
    ],
)
def test_bare_space_between_words_is_refused(text: str, line: int, words: tuple[str, str]) -> None:
    with pytest.raises(VerbosePatternError) as err:
        compact_pattern(text)
    assert err.value.line == line
    assert all(w in err.value.message for w in words)
    assert "'\\ ', '[ ]' or '\\s'" in err.value.message


@pytest.mark.parametrize("text", ["x [a b\n]", "[abc", "(?:[^\n])"])
def test_class_left_open_on_its_line_is_refused(text: str) -> None:
    with pytest.raises(VerbosePatternError, match="not closed on its line"):
        compact_pattern(text)


_RULE = """lang = "en"

[[rule]]
id = "demo-newsletter"
kind = "ui_chrome"
description = "A newsletter box title or its field label."
verbose = {verbose}
pattern = '''
(?:
    # the box's title: "Newsletter", "Daily briefing"
    newsletters?
  | (?:daily|weekly)\\s+(?:newsletter|briefing)
    # the field label, with a literal '#': "Email #1"
  | e-?mail\\ \\#\\d
){tail}
'''
examples.remove = ["Newsletter", "Daily briefing", "Email #1"]
examples.keep = ["The newsletter business grew fast last year, the report said."]
"""


def test_verbose_rule_loads_to_the_compact_pattern() -> None:
    [rule] = load_rules_text(_RULE.format(verbose="true", tail=""), "demo.toml")
    assert rule.pattern == r"(?:newsletters?|(?:daily|weekly)\s+(?:newsletter|briefing)|e-?mail\ \#\d)"
    assert rule.regex.pattern == rule.pattern
    assert rule.regex.fullmatch("Daily  briefing")
    assert rule.regex.fullmatch("Email #1")
    assert not rule.regex.fullmatch("Emai l#1")


def test_without_verbose_the_pattern_is_taken_as_written() -> None:
    [rule] = load_rules_text(_RULE.format(verbose="false", tail=""), "demo.toml")
    assert rule.pattern.startswith("(?:\n    # the box's title")
    assert not rule.regex.fullmatch("Newsletter")


def test_stray_space_names_the_file_line_and_rule() -> None:
    text = _RULE.format(verbose="true", tail="\n  | sign up")
    with pytest.raises(RuleError) as err:
        load_rules_text(text, "demo.toml")
    e = err.value
    assert (e.file, e.rule_id) == ("demo.toml", "demo-newsletter")
    assert text.splitlines()[e.line - 1] == "  | sign up"
    assert str(e).startswith(f"demo.toml:{e.line}: rule 'demo-newsletter': verbose pattern: bare space")


def test_stray_space_line_when_the_pattern_starts_on_the_field_line() -> None:
    text = _RULE.format(verbose="true", tail="").replace("pattern = '''\n", "pattern = '''x\n| read more\n")
    with pytest.raises(RuleError) as err:
        load_rules_text(text, "demo.toml")
    assert text.splitlines()[err.value.line - 1] == "| read more"


def test_verbose_pattern_of_only_comments_is_refused() -> None:
    text = (
        '[[rule]]\nid = "empty-one"\nkind = "ui_chrome"\ndescription = "x"\n'
        "verbose = true\npattern = '''\n# nothing but a comment\n'''\n"
    )
    with pytest.raises(RuleError, match="verbose pattern is empty"):
        load_rules_text(text, "demo.toml")


def _bundled_verbose() -> list[tuple[str, str, str]]:
    out = []
    for f in default_rule_files():
        for raw in tomllib.loads(f.read_text(encoding="utf-8"))["rule"]:
            if raw.get("verbose"):
                out.append((f.name, raw["id"], raw["pattern"]))
    return out


BUNDLED_VERBOSE = _bundled_verbose()


def test_the_longest_bundled_patterns_are_verbose() -> None:
    ids = {rid for _, rid, _ in BUNDLED_VERBOSE}
    assert {
        "pt-newsletter-prompt",
        "related-header",
        "newsletter-prompt",
        "share-prompt",
        "de-related-header",
        "de-cookie-consent",
        "de-paywall-prompt",
        "fr-related-header",
        "nl-paywall-prompt",
        "it-newsletter-prompt",
        "nl-newsletter-prompt",
        "pt-paywall-prompt",
    } <= ids


@pytest.mark.parametrize(("file", "rid", "text"), BUNDLED_VERBOSE, ids=[r for _, r, _ in BUNDLED_VERBOSE])
def test_bundled_verbose_pattern_compiles(file: str, rid: str, text: str) -> None:
    assert "\n" in text and "#" in text  # written over several lines, with comments
    compact = compact_pattern(text)
    assert "\n" not in compact
    compile_pattern(compact)
    loaded = {r.id: r for r in load_rules_file(next(f for f in default_rule_files() if f.name == file))}
    assert loaded[rid].pattern == compact
