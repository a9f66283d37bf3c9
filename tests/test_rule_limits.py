"""What a rule file may cost is bounded: a hostile or mistaken file is refused, quickly and in little
memory, with the file, the line, the rule id and the limit (issue #13, items 1 and 10).

Everything that could take gigabytes on unbounded code runs in a subprocess under a memory limit.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cleaner import ruleset
from cleaner.ruleset import RuleError, load_rules, load_rules_file, load_rules_text

ROOT = Path(__file__).resolve().parent.parent
LIMIT_BYTES = 1 << 30  # 1 GiB of address space for the child: the unbounded code needs several


def rule(pattern: str, rid: str = "big-repeat", remove: str = "x") -> str:
    return textwrap.dedent(f'''
        [[rule]]
        id = "{rid}"
        kind = "ui_chrome"
        description = "A rule whose pattern costs too much."
        pattern = \'\'\'{pattern}\'\'\'
        examples.remove = ["{remove}"]
        ''')


def run_limited(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter with at most LIMIT_BYTES of address space."""
    prelude = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({LIMIT_BYTES}, {LIMIT_BYTES}))\n"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-c", prelude + code, *args], capture_output=True, text=True, timeout=timeout, env=env
    )


LOAD = textwrap.dedent("""
    import sys, time
    from cleaner.ruleset import RuleError, load_rules_file
    t = time.perf_counter()
    try:
        load_rules_file(sys.argv[1])
    except RuleError as e:
        print(f"REFUSED {(time.perf_counter() - t) * 1000:.0f} ms: {e}")
    else:
        print("LOADED")
""")


@pytest.mark.parametrize(
    ("pattern", "needle"),
    [
        ("(?:a{4000}){4000}", "nested repeat counts multiply to 16,000,000"),
        ("a{1000000}", "repeat count 1,000,000"),
        ("(?:(?:(?:a{100}){100}){100}){100}", "nested repeat counts multiply to"),
        ("(?:" * 2000 + "a" + ")" * 2000, "groups nested 2,000 deep"),
    ],
    ids=["nested-4000x4000", "one-million", "four-deep", "deep-groups"],
)
def test_costly_pattern_is_refused_fast_and_small(tmp_path, pattern, needle):
    p = tmp_path / "costly.toml"
    p.write_text(rule(pattern), encoding="utf-8")
    out = run_limited(LOAD, str(p))
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("REFUSED"), out.stdout
    assert needle in out.stdout
    assert f"{p}:6: rule 'big-repeat':" in out.stdout  # file, the pattern's line, the rule id
    assert "the limit is" in out.stdout
    assert int(out.stdout.split()[1]) < 1000  # milliseconds


def test_costly_rule_file_exits_2_from_the_cli(tmp_path):
    p = tmp_path / "costly.toml"
    p.write_text(rule("(?:a{4000}){4000}"), encoding="utf-8")
    code = "import sys; from cleaner.cli import main; sys.exit(main(['rules', 'check', sys.argv[1]]))"
    out = run_limited(code, str(p))
    assert out.returncode == 2, (out.returncode, out.stderr[-2000:])
    assert "Traceback" not in out.stderr
    assert "costly.toml:6: rule 'big-repeat':" in out.stderr


def test_long_pattern_is_refused():
    text = rule("(?:" + "|".join(f"word{i}" for i in range(3000)) + ")")
    with pytest.raises(RuleError, match=r"pattern is [\d,]+ characters long; the limit is 10,000") as ei:
        load_rules_text(text, "user.toml", probe=False)
    assert (ei.value.line, ei.value.rule_id) == (6, "big-repeat")


def test_bounded_repeats_the_bundled_rules_use_still_load():
    text = rule(r"(?:\w+\s){0,12}\d{4}-\d{2}-\d{2}(?=.{0,900}$).*", remove="x 2024-05-09 y")
    assert load_rules_text(text, "user.toml")[0].id == "big-repeat"


def test_compile_errors_of_any_kind_are_rule_errors(monkeypatch):
    for exc in (MemoryError(), RecursionError("too deep"), OverflowError("too big")):
        def boom(*a, exc=exc, **k):
            raise exc

        monkeypatch.setattr(ruleset, "compile_pattern", boom)
        with pytest.raises(RuleError, match="pattern does not compile") as ei:
            load_rules_text(rule("abc"), "user.toml", probe=False)
        assert (ei.value.line, ei.value.rule_id) == (6, "big-repeat")


# -- the file itself ---------------------------------------------------------------------------------


def test_dev_zero_is_refused_without_reading_it():
    out = run_limited(LOAD, "/dev/zero", timeout=30)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("REFUSED") and "not a regular file" in out.stdout, out.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_named_toml_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "x.toml"
    os.mkfifo(fifo)
    out = run_limited(LOAD, str(fifo), timeout=20)  # the unbounded code waits for a writer forever
    assert out.stdout.startswith("REFUSED") and "not a regular file" in out.stdout, out.stdout
    # a folder of rule files that holds one is refused too, not hung on
    code = "import sys; from cleaner.cli import main; sys.exit(main(['rules', 'check', sys.argv[1]]))"
    out = run_limited(code, str(tmp_path), timeout=20)
    assert out.returncode == 2 and "not a regular file" in out.stderr, out.stderr[-2000:]


def test_directory_named_toml_is_refused(tmp_path):
    d = tmp_path / "rules.toml"
    d.mkdir()
    with pytest.raises(RuleError, match="not a regular file"):
        load_rules_file(d)
    with pytest.raises(RuleError, match="not a regular file"):
        load_rules([tmp_path], defaults=False)


def test_oversized_file_is_refused(tmp_path):
    p = tmp_path / "big.toml"
    p.write_text("# padding\n" * 150_000, encoding="utf-8")
    with pytest.raises(RuleError, match=r"1,500,000 bytes; the limit is 1,000,000") as ei:
        load_rules_file(p)
    assert ei.value.file == str(p)


def test_too_many_rules_in_a_file(tmp_path):
    text = "".join(rule(f"word{i}", rid=f"r{i:05d}") for i in range(501))
    with pytest.raises(RuleError, match=r"more than 500 rules in one file; the limit is 500") as ei:
        load_rules_text(text, "user.toml", probe=False)
    assert ei.value.rule_id == "r00500"
    assert ei.value.line == text.count("\n", 0, text.index('id = "r00500"'))  # its [[rule]] header


def test_too_many_rules_in_total(tmp_path, monkeypatch):
    """Counted over every file loaded, the bundled ones too (lowered here so that the test stays fast)."""
    monkeypatch.setattr(ruleset, "MAX_RULES_TOTAL", 250)
    bundled = len(load_rules())
    for n in range(2):
        (tmp_path / f"f{n}.toml").write_text(
            "".join(rule(f"word{i}", rid=f"r{n}-{i:03d}") for i in range(20)), encoding="utf-8"
        )
    assert bundled + 40 > 250 > bundled
    with pytest.raises(RuleError, match=r"more than 250 rules in all; the limit is 250") as ei:
        load_rules([tmp_path])
    assert ei.value.file.endswith(".toml") and ei.value.rule_id and ei.value.line


def test_patterns_of_a_file_and_of_all_files_add_up(tmp_path, monkeypatch):
    """Each rule within its limits, together over them: 500 rules of 100,000 items would take ~13 GB.
    (The limits are lowered here so that the test compiles little.)"""
    monkeypatch.setattr(ruleset, "MAX_FILE_PATTERN_SIZE", 50_000)
    many = "".join(rule("(?:abcdefghij){900}", rid=f"r{i:03d}", remove="a") for i in range(6))  # 9,000 each
    with pytest.raises(RuleError, match=r"the file's patterns unroll to more than 50,000 items") as ei:
        load_rules_text(many, "user.toml", probe=False)
    assert ei.value.rule_id == "r005"
    bundled = sum(ruleset.pattern_cost(r.pattern).size for r in load_rules())  # ~220,000
    limit = bundled + 5_000  # the bundled rules fit; with 9,000 more items they do not
    monkeypatch.setattr(ruleset, "MAX_TOTAL_PATTERN_SIZE", limit)
    (tmp_path / "mine.toml").write_text(rule("(?:abcdefghij){900}", remove="a"), encoding="utf-8")
    with pytest.raises(RuleError, match=rf"the patterns of all rule files unroll to more than {limit:,} items") as ei:
        load_rules([tmp_path / "mine.toml"])
    assert ei.value.rule_id == "big-repeat" and ei.value.line == 2


def test_bundled_rules_are_far_inside_the_limits():
    """Every bundled rule passes each limit with a wide margin (a factor of 5 at least)."""
    from cleaner.ruleset import default_rule_files, pattern_cost

    total = size = 0
    for f in default_rule_files():
        assert f.stat().st_size * 5 < ruleset.MAX_FILE_BYTES
        rules = load_rules_file(f, probe=False)
        total += len(rules)
        assert len(rules) * 5 < ruleset.MAX_RULES_PER_FILE
        for r in rules:
            cost = pattern_cost(r.pattern)
            assert len(r.pattern) * 5 < ruleset.MAX_PATTERN_CHARS, r.location
            assert cost.max_repeat * 5 < ruleset.MAX_REPEAT, r.location
            assert cost.nested_repeat * 5 < ruleset.MAX_NESTED_REPEAT, r.location
            assert cost.size * 5 < ruleset.MAX_PATTERN_SIZE, r.location
            assert cost.depth * 5 < ruleset.MAX_GROUP_DEPTH, r.location
        assert sum(pattern_cost(r.pattern).size for r in rules) * 5 < ruleset.MAX_FILE_PATTERN_SIZE
        size += sum(pattern_cost(r.pattern).size for r in rules)
    assert total * 5 < ruleset.MAX_RULES_TOTAL
    assert size * 5 < ruleset.MAX_TOTAL_PATTERN_SIZE


# -- item 10: a cut group that would glue two words ----------------------------------------------------


def test_cut_group_inside_a_word_is_refused_at_load_time():
    """The engine never makes a cut that would glue two words together, so such a rule cut nothing and
    said nothing; now its remove example shows it when the rule loads."""
    text = textwrap.dedent('''
        [[rule]]
        id = "glued-cut"
        kind = "ui_chrome"
        description = "A share bar glued into a sentence."
        pattern = \'\'\'.*\\w(?P<cut>share\\s+this)\\w.*\'\'\'
        examples.remove = ["The councilShare thisapproved the budget on Tuesday."]
        ''')
    with pytest.raises(RuleError) as ei:
        load_rules_text(text, "user.toml")
    e = ei.value
    assert (e.line, e.rule_id) == (7, "glued-cut")
    assert "cut group" in e.message and "word boundary" in e.message
    assert "'The council|Share this|approved the budget" in e.message  # where the cut would fall


def test_cut_group_on_a_word_boundary_loads():
    text = textwrap.dedent('''
        [[rule]]
        id = "good-cut"
        kind = "ui_chrome"
        description = "A share bar glued to a sentence."
        pattern = \'\'\'.*\\w\\s(?P<cut>share\\s+this)\\s\\w.*\'\'\'
        examples.remove = ["The council Share this approved the budget on Tuesday."]
        ''')
    assert load_rules_text(text, "user.toml")[0].has_cut
