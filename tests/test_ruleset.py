"""Rule files: malformed ones are refused with file, line and rule id; hanging rules never hang a batch."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.ruleset import _FLAGS, RuleError, load_rules, load_rules_file, load_rules_text

GOOD = '''
[[rule]]
id = "lone-tip-line"
kind = "ui_chrome"
description = "A lone 'Send us a tip' link."
pattern = "send us a tip"
examples.remove = ["Send us a tip"]
examples.keep = ["Send us a tip, the editor wrote, and we will look into every one of them carefully."]
'''


def _err(text: str) -> RuleError:
    with pytest.raises(RuleError) as ei:
        load_rules_text(text, "user.toml")
    return ei.value


def test_good_file_loads_and_user_rules_apply(tmp_path):
    p = tmp_path / "mine.toml"
    p.write_text(GOOD, encoding="utf-8")
    c = Cleaner(rules=[p])
    r = c.clean("The mayor said the new bridge would open in the spring of next year.\nSend us a tip")
    assert [(x.rule, x.text) for x in r.removed] == [("lone-tip-line", "Send us a tip")]


@pytest.mark.parametrize(
    ("text", "line", "rule_id", "needle"),
    [
        (GOOD.replace('kind = "ui_chrome"', 'kind = "ui_chrom"'), 4, "lone-tip-line", "unknown kind 'ui_chrom'; allowed kinds: ui_chrome"),
        (GOOD.replace("description =", "descripton ="), 5, "lone-tip-line", "unknown field 'descripton'; allowed fields"),
        (GOOD.replace('pattern = "send us a tip"', 'pattern = "send (us"'), 6, "lone-tip-line", "pattern does not compile"),
        (GOOD.replace('pattern = "send us a tip"', 'pattern = "(x+x+)+y"'), 6, "lone-tip-line", "backtracks catastrophically"),
        (GOOD.replace('pattern = "send us a tip"', 'pattern = "(.*?,){11}P"'), 6, "lone-tip-line", "backtracks catastrophically"),
        (GOOD.replace('pattern = "send us a tip"', 'pattern = "(?:q|qq)+\\\\d"'), 6, "lone-tip-line", "backtracks catastrophically"),
        (GOOD.replace('id = "lone-tip-line"', 'id = "Bad Id"'), 3, "Bad Id", "bad id"),
        (GOOD.replace('[[rule]]\n', '[[rule]]\nwhere = "middle"\n'), 3, "lone-tip-line", "bad where 'middle'; allowed: head, tail, anywhere"),
        (GOOD.replace('description = "A lone \'Send us a tip\' link."\n', ""), 2, "lone-tip-line", "missing required field 'description'"),
        (GOOD.replace("examples.keep", "examples.kept"), 8, "lone-tip-line", "unknown examples field 'kept'"),
        (GOOD + GOOD, 10, "lone-tip-line", "duplicate id"),
        (GOOD.replace('kind = "ui_chrome"', 'kind = "ui_chrome'), 4, None, "not valid TOML"),
        ("title = 'x'\n" + GOOD, 1, None, "unknown top-level key 'title'"),
        (GOOD.replace('[[rule]]\n', '[[rule]]\nmax_chars = -3\n'), 3, "lone-tip-line", "max_chars must be"),
        (GOOD.replace('[[rule]]\n', '[[rule]]\nmax_per_doc = 0\n'), 3, "lone-tip-line", "max_per_doc must be"),
        (GOOD.replace('[[rule]]\n', '[[rule]]\nmax_per_doc = "3"\n'), 3, "lone-tip-line", "max_per_doc must be"),
    ],
    ids=["typo-kind", "typo-field", "bad-regex", "catastrophic-nested", "catastrophic-lazy", "catastrophic-own-letters", "bad-id", "bad-where",
         "missing-field", "typo-examples", "duplicate-id", "broken-toml", "unknown-top-key", "bad-max-chars",
         "zero-max-per-doc", "string-max-per-doc"],
)
def test_bad_rule_files_name_file_line_and_rule(text, line, rule_id, needle):
    if needle == "duplicate id":
        # duplicates are found across files by load_rules, within one file too
        with pytest.raises(RuleError) as ei:
            _load_twice(text)
        e = ei.value
    else:
        e = _err(text)
    assert needle in str(e)
    assert e.file.endswith("user.toml")
    assert e.line == line
    assert e.rule_id == rule_id
    assert str(e).startswith(f"{e.file}:{line}:")


def _load_twice(text: str):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "user.toml"
        p.write_text(text, encoding="utf-8")
        return load_rules([p], defaults=False)


def test_duplicate_of_a_bundled_id_is_refused(tmp_path):
    p = tmp_path / "mine.toml"
    p.write_text(GOOD.replace("lone-tip-line", "login-link"), encoding="utf-8")
    with pytest.raises(RuleError, match=r"duplicate id; first defined at .*en\.toml:\d+"):
        Cleaner(rules=[p])


def test_missing_and_non_utf8_files_are_rule_errors(tmp_path):
    with pytest.raises(RuleError, match="cannot read"):
        load_rules_file(tmp_path / "nope.toml")
    p = tmp_path / "latin.toml"
    p.write_bytes(b"# caf\xe9\n")
    with pytest.raises(RuleError, match="not UTF-8"):
        load_rules_file(p)


def test_rule_that_hangs_at_run_time_is_skipped_with_a_warning(tmp_path):
    """A pattern that passes the load-time probes but backtracks on one document's line."""
    p = tmp_path / "slow.toml"
    p.write_text(
        GOOD.replace('pattern = "send us a tip"', 'pattern = "(?:qr|q|r)+\\\\d"').replace('"Send us a tip"]', '"qr1"]'),
        encoding="utf-8",
    )
    c = Cleaner(rules=[p], rule_timeout=0.02)
    doc = "The mayor said the new bridge would open in the spring of next year.\n" + "qr" * 30 + "\nSend us a tip\n" + "qr" * 31
    r = c.clean(doc, lang="en")
    assert any("lone-tip-line" in w and "skipped" in w for w in r.warnings)
    assert "qr" * 30 in r.text  # the line is kept, not lost
    # the other rules still ran on every line
    assert c.clean("Login\n" + "qr" * 30, lang="en").removed[0].rule == "login-link"


def test_bundled_rules_pass_the_backtracking_probes():
    """Loading skips the probes for the bundled files (start-up time); they are checked here instead."""
    from cleaner.ruleset import _check_backtracking, default_rule_files

    for f in default_rule_files():
        for rule in load_rules_file(f, probe=False):
            assert _check_backtracking(rule.regex) is None, f"{rule.location}: rule {rule.id!r} backtracks"


def test_bundled_rules_load_with_unique_ids():
    rules = load_rules()
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids)) and len(ids) > 20


LIMITED = """
[[rule]]
id = "lone-score"
kind = "ui_chrome"
description = "A bare number."
pattern = '\\d{1,3}'
max_per_doc = 2
"""


def test_max_per_doc_cuts_a_few_and_keeps_a_column_of_data(tmp_path):
    """A rule with max_per_doc cuts up to that many lines; a document where it matches more keeps them
    all (a column of scores is data), and the rule is not tried again in the later passes."""
    p = tmp_path / "mine.toml"
    p.write_text(LIMITED, encoding="utf-8")
    c = Cleaner(rules=[p], defaults=False)
    body = "The league published its final table of the season on Sunday night, after the last games."
    few = c.clean(f"{body}\n12\n{body} Again.\n7")
    assert [x.text for x in few.removed] == ["12", "7"]
    many = c.clean(body + "\n" + "\n".join(f"Team {i}\n{90 - i}" for i in range(5)))
    assert many.removed == ()
    assert all(str(90 - i) in many.text.split("\n") for i in range(5))

@pytest.mark.parametrize("value", ["1", '"yes"'])
@pytest.mark.parametrize("flag", _FLAGS)
def test_every_flag_must_be_a_boolean(flag: str, value: str) -> None:
    """One check guards every flag (``case_sensitive``, ``keep_closing``, ``keep_opening``, ``menu``,
    ``verbose``): a number or a string is refused with the file, the flag's line and the rule id."""
    text = (
        '[[rule]]\nid = "x-flag"\nkind = "ui_chrome"\ndescription = "A flag."\n'
        f"pattern = '''notice'''\n{flag} = {value}\n"
    )
    e = _err(text)
    assert f"{flag} must be true or false" in str(e)
    assert (e.file, e.line, e.rule_id) == ("user.toml", 6, "x-flag")
