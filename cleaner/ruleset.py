r"""Rule files: load, validate and compile the TOML rules under ``rules/``.

A rule describes one *kind* of residue as a regular expression matched against a whole line::

    [[rule]]
    id = "login-link"
    kind = "ui_chrome"
    description = "A lone log-in / sign-in link left over from the page header."
    pattern = '''(?:log|sign)[ -]?in'''
    where = "anywhere"                 # head | tail | anywhere (default)
    menu = true                        # optional: the line is a menu's item or control
    examples.remove = ["Login", "Sign in"]
    examples.keep = ["Login problems hit thousands of bank customers on Monday."]

A pattern that contains a group named ``cut`` removes only that group (it must start or end at a word
boundary), so a stray header glued to the first sentence can go while the sentence stays.

A long pattern may be written over several lines with ``verbose = true``: white space and ``#`` comments
to the end of the line are layout, dropped when the rule loads (:func:`compact_pattern`), so every
alternative can sit on its own line under a comment that says what it matches::

    verbose = true
    pattern = '''
    (?:
        # a bare log-in link
        (?:log|sign)[ -]?in
        # "my account", "mein Konto"
      | (?:my|mein)\s+(?:account|konto)
    )'''

Inside ``[...]`` and after a backslash nothing is layout: write a space as ``\ ``, ``[ ]`` or ``\s`` and
a hash as ``\#`` or ``[#]``. A bare space between two letters (``read more``) is refused, since it would
silently become ``readmore``. Everything past loading (``Rule.pattern``, the engine, ``rules show``)
sees only the compact one-line pattern.

Why TOML: literal strings keep regexes readable, ``tomllib`` is in the standard library, and parse errors
carry line numbers. Every error here names the file, the line, the rule id and the allowed values.

Example:
    >>> rs = load_rules_text('''
    ... [[rule]]
    ... id = "print-link"
    ... kind = "ui_chrome"
    ... description = "A lone print link."
    ... pattern = "print(?: this article)?"
    ... examples.remove = ["Print"]
    ... examples.keep = ["Print newspapers lost readers again this year."]
    ... ''', "demo.toml")
    >>> [r.id for r in rs]
    ['print-link']
    >>> bool(rs[0].regex.fullmatch("Print this article"))
    True
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import regex

from cleaner.document import HEURISTIC_PREFIX

#: The kinds of residue a rule may name. Heuristic-only kinds are listed too, so that user rules can
#: reuse them.
KINDS: tuple[str, ...] = (
    "ui_chrome",
    "navigation",
    "related_headlines",
    "tag_list",
    "date_header",
    "title",
    "byline",
    "duplicated_word",
    "legal_footer",
    "caption",
    "duplicate_line",
    "boilerplate",
)
WHERES: tuple[str, ...] = ("head", "tail", "anywhere")
RULE_FIELDS: tuple[str, ...] = (
    "id",
    "kind",
    "description",
    "pattern",
    "where",
    "lang",
    "examples",
    "case_sensitive",
    "max_chars",
    "keep_closing",
    "keep_opening",
    "menu",
    "max_per_doc",
    "verbose",
)
REQUIRED_FIELDS: tuple[str, ...] = ("id", "kind", "description", "pattern")
FILE_FIELDS: tuple[str, ...] = ("lang", "description", "rule")
EXAMPLE_FIELDS: tuple[str, ...] = ("remove", "keep")
DEFAULT_MAX_CHARS = 400
_ID_RE = regex.compile(r"[a-z0-9][a-z0-9_.-]{1,63}")
_LANG_RE = regex.compile(r"[a-z]{2}")
#: Time a single pattern may take on one probe string when the rule is loaded.
PROBE_TIMEOUT = 0.05
#: Strings that make badly written patterns backtrack catastrophically; a rule that needs more than
#: PROBE_TIMEOUT on any of them is refused when it loads, so it never reaches a batch.
_PROBES: tuple[str, ...] = (
    "a" * 64 + "!",
    " " * 64 + "!",
    "ab" * 48 + "!",
    "a " * 48 + "!",
    "A a. " * 30 + "!",
    "1" * 64 + "x",
    "a, " * 40 + "!",
    "x" * 300 + "\u2026",
    "Share Share Share " * 10 + "?",
)

# What a rule file may cost. A pattern's bounded repeats are unrolled when it compiles (``a{1000000}``
# takes ~300 MB, ``(?:a{4000}){4000}`` 4 GB), and every rule is tried on every line, so a file that is
# too big or holds too many rules slows every document. Each limit is at least 7 times what the bundled
# rules need (tests/test_rule_limits.py checks a factor of 5); the README's "Rules" section lists them.
#: bytes in one rule file (bundled: 51 KB at most)
MAX_FILE_BYTES = 1_000_000
#: rules in one file (bundled: 37) and in all the files loaded together, the bundled ones too (235)
MAX_RULES_PER_FILE = 500
MAX_RULES_TOTAL = 2_000
#: characters in a pattern, once compacted (bundled: 1,385)
MAX_PATTERN_CHARS = 10_000
#: the count of one bounded repeat ``{m,n}``: the larger of m and n (bundled: 1,400)
MAX_REPEAT = 10_000
#: the product of the counts of repeats nested in each other, ``(?:a{m}){n}`` -> m*n (bundled: 1,400)
MAX_NESTED_REPEAT = 10_000
#: the pattern's items once its bounded repeats are unrolled (bundled: 8,498), ~260 bytes each compiled
MAX_PATTERN_SIZE = 100_000
#: groups open inside each other (bundled: 5); thousands overflow the compiler's recursion
MAX_GROUP_DEPTH = 50
#: unrolled items of all the patterns of one file (bundled: at most 44,020, rules/en.toml) and of all files
#: loaded (bundled: 231,130)
MAX_FILE_PATTERN_SIZE = 500_000
MAX_TOTAL_PATTERN_SIZE = 2_000_000


class VerbosePatternError(ValueError):
    """A verbose pattern cannot be compacted; ``line`` (1-based) and ``column`` point into its text."""

    def __init__(self, line: int, column: int, message: str) -> None:
        self.line = line
        self.column = column
        self.message = message
        super().__init__(f"line {line}, column {column}: {message}")


class RuleError(ValueError):
    """A rule file is malformed. ``str(err)`` reads ``file:line: rule 'id': what is wrong``."""

    def __init__(self, file: str, line: int | None, rule_id: str | None, message: str) -> None:
        self.file = file
        self.line = line
        self.rule_id = rule_id
        self.message = message
        where = f"{file}:{line}" if line else file
        who = f" rule {rule_id!r}:" if rule_id else ""
        super().__init__(f"{where}:{who} {message}")


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled rule. ``regex`` is matched with ``fullmatch`` against a stripped line."""

    id: str
    kind: str
    description: str
    pattern: str
    where: str = "anywhere"
    langs: tuple[str, ...] = ()  # empty: every language
    examples_remove: tuple[str, ...] = ()
    examples_keep: tuple[str, ...] = ()
    case_sensitive: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    #: not applied to the document's last line when a paragraph comes right before it: there the line
    #: closes the story (a wire service's copyright under its report), it is not the page's footer
    keep_closing: bool = False
    #: not applied to the document's first paragraph: there the line opens the story (a profile's lead,
    #: ``Maria Chen is the founder of a bakery in Leeds.``), it is not the bio under its end
    keep_opening: bool = False
    #: the line is an item or control of a site menu (a menu button, a legal link among the footer's):
    #: a "Latest" or "Trending" header between such lines is a menu's link, not a teaser list's header
    menu: bool = False
    #: at most this many lines of one document (0: no limit); a document where the rule matches more
    #: holds them as its data (a column of scores, not the counters under a share button): all stay
    max_per_doc: int = 0
    file: str = ""
    line: int = 0
    regex: regex.Pattern[str] = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    has_cut: bool = False

    @property
    def location(self) -> str:
        """``file:line`` of the rule's ``[[rule]]`` header."""
        return f"{self.file}:{self.line}"


def _rule_lines(text: str) -> list[int]:
    """1-based line numbers of every ``[[rule]]`` header, in order (tomllib keeps no positions)."""
    return [i for i, ln in enumerate(text.splitlines(), 1) if ln.strip().replace(" ", "") == "[[rule]]"]


def _field_line(text: str, start: int, name: str) -> int:
    """Line of ``name = …`` in the rule block whose ``[[rule]]`` header is on line ``start``.

    Falls back to ``start`` itself when the field is not written on a line of its own.
    """
    pat = regex.compile(rf"\s*(?:examples\.)?{regex.escape(name)}\s*=")
    lines = text.splitlines()
    for i in range(start, len(lines)):  # lines[start] is the line after the header
        if lines[i].strip().replace(" ", "") == "[[rule]]":
            break
        if pat.match(lines[i]):
            return i + 1
    return start


def _pattern_line(text: str, start: int) -> int:
    """Line of the first line of the ``pattern`` value in the rule block that starts on line ``start``.

    A multi-line string that opens with a line break starts on the next line (TOML drops that break).
    """
    ln = _field_line(text, start, "pattern")
    src = text.splitlines()[ln - 1] if 0 < ln <= len(text.splitlines()) else ""
    return ln + 1 if regex.fullmatch(r'\s*pattern\s*=\s*(?:\x27{3}|"{3})', src) else ln


def _str_list(value: object) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


#: White space that is layout in a verbose pattern (the set Python's ``re.VERBOSE`` ignores). Other
#: spaces (no-break, thin) are copied like any character.
_LAYOUT = frozenset(" \t\n\r\f\v")
_POSIX_CLASS = regex.compile(r"\[:[^\[\]:\n]*:\]")


def _escape_end(text: str, i: int) -> int:
    """End of the backslash escape at ``text[i]``: ``\\x`` is two characters, ``\\p{...}`` runs to its brace."""
    if text.startswith("{", i + 2) and text[i + 1 : i + 2] in ("p", "P", "N"):
        close = text.find("}", i + 3)
        return len(text) if close < 0 else close + 1
    return min(i + 2, len(text))


def _class_end(text: str, i: int) -> int:
    """End of the character class opening at ``text[i] == '['``; ``[]x]`` and ``[^]x]`` hold a ``]``."""
    j = i + 1
    if text.startswith("^", j):
        j += 1
    if text.startswith("]", j):
        j += 1
    while j < len(text) and text[j] != "\n":
        if text[j] == "]":
            return j + 1
        if text[j] == "\\":
            j = _escape_end(text, j)
        elif m := _POSIX_CLASS.match(text, j):
            j = m.end()
        else:
            j += 1
    line = text.count("\n", 0, i) + 1
    raise VerbosePatternError(
        line, i - text.rfind("\n", 0, i), "character class '[' is not closed on its line; close it with ']'"
    )


def compact_pattern(text: str) -> str:
    r"""Turn a verbose pattern into the one-line pattern the engine runs.

    Outside character classes, unescaped white space and ``#`` comments to the end of the line are
    dropped; a character class ``[...]`` and a backslash escape (``\ ``, ``\#``, ``\p{L}``) are copied
    as written. Raises :class:`VerbosePatternError` for a class left open at the end of a line and for a
    bare space between two letters or digits, which the author surely meant as a space.

    >>> print(compact_pattern(r'''
    ... (?:read\ more      # "Read more"
    ...   | [#@ ]?tags?    # "#Tags", "@ tag"
    ... )'''))
    (?:read\ more|[#@ ]?tags?)
    """
    out: list[str] = []
    i, n = 0, len(text)
    after_word = False  # the last character kept is a bare letter or digit on the current line
    while i < n:
        c = text[i]
        if c == "\n":
            i, after_word = i + 1, False
            continue
        if c == "#":  # a comment, to the end of the line
            end = text.find("\n", i)
            i, after_word = (n if end < 0 else end), False
            continue
        if c in _LAYOUT:
            j = i
            while j < n and text[j] in _LAYOUT and text[j] != "\n":
                j += 1
            if after_word and j < n and (text[j].isalnum() or text[j] == "_"):
                before = regex.search(r"\w+$", text[:i]).group()  # type: ignore[union-attr]
                word = regex.match(r"\w+", text[j:]).group()  # type: ignore[union-attr]
                raise VerbosePatternError(
                    text.count("\n", 0, i) + 1,
                    i - text.rfind("\n", 0, i),
                    f"bare space between {before!r} and {word!r} is layout and would be dropped; "
                    "write a space as '\\ ', '[ ]' or '\\s'",
                )
            i = j
            continue
        if c == "\\":
            j = _escape_end(text, i)
        elif c == "[":
            j = _class_end(text, i)
        else:
            j = i + 1
        out.append(text[i:j])
        after_word = j == i + 1 and (c.isalnum() or c == "_")
        i = j
    return "".join(out)


def compile_pattern(pattern: str, case_sensitive: bool = False) -> regex.Pattern[str]:
    """Compile a rule pattern the way the engine runs it (V0 semantics, Unicode, optional IGNORECASE)."""
    flags = regex.V0 | regex.UNICODE | (0 if case_sensitive else regex.IGNORECASE)
    return regex.compile(pattern, flags)


@dataclass(frozen=True, slots=True)
class PatternCost:
    """What a pattern will cost to compile, read from its text (see :func:`pattern_cost`)."""

    max_repeat: int = 0  #: the largest count of one bounded repeat
    nested_repeat: int = 1  #: the largest product of the counts of repeats nested in each other
    size: int = 0  #: items once every bounded repeat is unrolled (alternatives add up)
    depth: int = 0  #: groups open inside each other


_QUANT = regex.compile(r"\{(\d*)(?:,(\d*))?\}")
#: what opens a group before its first item: (?:  (?P<name>  (?=  (?<!  (?i:  ... or a whole (?i) or (?P=name)
_GROUP_HEAD = regex.compile(r"\(\?(?:P?<\w+>|'\w+'|P=\w+\)|<[=!]|[:=!>|]|[a-zA-Z^-]*[:)])")
_COST_CAP = 10**18  # counts past this are "too many" anyway; keeps the arithmetic small


def pattern_cost(pattern: str) -> PatternCost:
    r"""Read the cost of ``pattern`` from its text, without compiling it: one pass, linear time.

    Every escape, character class and other character is one item; a bounded repeat ``{m,n}``
    multiplies the item or group before it by ``max(m, n)`` (``*``, ``+`` and ``?`` cost nothing).

    >>> pattern_cost(r"(?:a{4000}){4000}")
    PatternCost(max_repeat=4000, nested_repeat=16000000, size=16000000, depth=1)
    >>> pattern_cost(r"\d{4}-\d{2}(?i)(?P<cut>\s+[a-z]{1,3})?")
    PatternCost(max_repeat=4, nested_repeat=4, size=11, depth=1)
    """
    # one frame per open group: [size so far, largest nested product inside, last item (size, product)]
    stack: list[list] = [[0, 1, None]]
    max_repeat, nested, depth, max_depth = 0, 1, 0, 0
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        frame = stack[-1]
        if c == "\\":
            j = i + 2
            if pattern[i + 1 : i + 2] in ("p", "P", "N", "x", "u", "U") and pattern.startswith("{", j):
                close = pattern.find("}", j)
                j = n if close < 0 else close + 1
        elif c == "[":
            j = i + 1 + pattern.startswith("^", i + 1)
            j += pattern.startswith("]", j)
            while j < n and pattern[j] != "]":
                if pattern[j] == "\\":
                    j += 2
                elif pattern.startswith("[:", j) and (close := pattern.find(":]", j + 2)) >= 0:
                    j = close + 2
                else:
                    j += 1
            j += 1
        elif c == "(":
            if pattern.startswith("(?#", i):
                close = pattern.find(")", i)
                i = n if close < 0 else close + 1
                continue
            head = _GROUP_HEAD.match(pattern, i)
            if head and head.group().endswith(")"):  # inline flags (?i) or a back-reference (?P=name)
                if head.group().startswith("(?P="):
                    frame[0] += 1
                    frame[2] = (1, 1)
                i = head.end()
                continue
            stack.append([0, 1, None])
            depth += 1
            max_depth = max(max_depth, depth)
            i = head.end() if head else i + 1
            continue
        elif c == ")":
            if len(stack) > 1:
                size, prod, _ = stack.pop()
                depth -= 1
                outer = stack[-1]
                outer[0] = min(_COST_CAP, outer[0] + size)
                outer[1] = max(outer[1], prod)
                outer[2] = (size, prod)
            i += 1
            continue
        elif c == "{" and frame[2] and (m := _QUANT.match(pattern, i)) and (m.group(1) or m.group(2)):
            count = max(int(m.group(1) or 0), int(m.group(2) or 0), 1)
            size, prod = frame[2]
            max_repeat = max(max_repeat, count)
            prod = min(_COST_CAP, prod * count)
            frame[1] = max(frame[1], prod)
            nested = max(nested, prod)
            frame[0] = min(_COST_CAP, frame[0] + size * (count - 1))
            frame[2] = None
            i = m.end()
            continue
        elif c in "|*+":
            frame[2] = None
            i += 1
            continue
        elif c == "?":
            i += 1
            continue
        else:
            j = i + 1
        frame[0] += 1
        frame[2] = (1, 1)
        i = j
    return PatternCost(max_repeat, nested, stack[0][0], max_depth)


def check_pattern_cost(pattern: str) -> str | None:
    """What makes ``pattern`` too costly to compile (naming the limit), or None when it is within them."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"pattern is {len(pattern):,} characters long; the limit is {MAX_PATTERN_CHARS:,}"
    cost = pattern_cost(pattern)
    if cost.depth > MAX_GROUP_DEPTH:
        return f"pattern has groups nested {cost.depth:,} deep; the limit is {MAX_GROUP_DEPTH:,}"
    if cost.max_repeat > MAX_REPEAT:
        return f"pattern has a repeat count {cost.max_repeat:,}; the limit is {MAX_REPEAT:,}"
    if cost.nested_repeat > MAX_NESTED_REPEAT:
        return (
            f"pattern's nested repeat counts multiply to {cost.nested_repeat:,}; the limit is {MAX_NESTED_REPEAT:,}"
        )
    if cost.size > MAX_PATTERN_SIZE:
        return (
            f"pattern unrolls to {cost.size:,} items once its repeats {{m,n}} are expanded; "
            f"the limit is {MAX_PATTERN_SIZE:,}"
        )
    return None


_LITERAL_CHARS = regex.compile(r"(?<!\\)[a-z0-9]", regex.IGNORECASE)


def _probes_for(pattern: str) -> list[str]:
    """The generic probes plus runs of the pattern's own literal characters (``(?:q|qq)+`` needs q's)."""
    chars = sorted(set(_LITERAL_CHARS.findall(pattern)))[:24]
    return [*_PROBES, *(c * 40 + "\x00" for c in chars)]


def _check_backtracking(rx: regex.Pattern[str]) -> str | None:
    """Return the probe that makes ``rx`` time out, or None when it is well behaved."""
    for probe in _probes_for(rx.pattern):
        for s in (probe, probe[:-1]):
            try:
                rx.fullmatch(s, timeout=PROBE_TIMEOUT)
                rx.search(s, timeout=PROBE_TIMEOUT)
            except TimeoutError:
                return s
    return None


#: the optional fields that are true or false (false when absent)
_FLAGS: tuple[str, ...] = ("case_sensitive", "keep_closing", "keep_opening", "menu", "verbose")


def _build_rule(raw: dict, file: str, text: str, line: int, file_langs: tuple[str, ...], probe: bool) -> Rule:
    """One ``[[rule]]`` table checked field by field and compiled: a RuleError names the first problem."""
    rid = raw.get("id") if isinstance(raw.get("id"), str) else None

    def fail(msg: str, fieldname: str | None = None) -> RuleError:
        ln = _field_line(text, line, fieldname) if fieldname else line
        return RuleError(file, ln, rid, msg)

    _check_fields(raw, fail)
    langs = file_langs
    if "lang" in raw:
        got = _str_list(raw["lang"])
        if got is None or not all(_LANG_RE.fullmatch(x) for x in got):
            raise fail("lang must be an ISO 639-1 code or a list of them, e.g. 'en' or ['de', 'fr']", "lang")
        langs = got
    flags = {name: raw.get(name, False) for name in _FLAGS}
    for name, value in flags.items():
        if not isinstance(value, bool):
            raise fail(f"{name} must be true or false", name)
    pattern = raw["pattern"]
    if flags["verbose"]:
        try:
            pattern = compact_pattern(pattern)
        except VerbosePatternError as e:
            raise RuleError(
                file, _pattern_line(text, line) + e.line - 1, rid, f"verbose pattern: {e.message}"
            ) from None
        if not pattern:
            raise fail("verbose pattern is empty once its comments and white space are dropped", "pattern")
    max_chars = raw.get("max_chars", DEFAULT_MAX_CHARS)
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or not 1 <= max_chars <= 100_000:
        raise fail("max_chars must be a whole number from 1 to 100000", "max_chars")
    max_per_doc = raw.get("max_per_doc", 0)
    if not isinstance(max_per_doc, int) or isinstance(max_per_doc, bool) or not 1 <= max_per_doc <= 1000:
        if "max_per_doc" in raw:
            raise fail("max_per_doc must be a whole number from 1 to 1000", "max_per_doc")
    ex = _examples(raw, fail)
    rx = _compile_checked(pattern, flags["case_sensitive"], probe, fail)
    if "cut" in rx.groupindex:
        _check_cut_boundaries(rx, ex["remove"], fail)
    return Rule(
        id=raw["id"],
        kind=raw["kind"],
        description=raw["description"].strip(),
        pattern=pattern,
        where=raw.get("where", "anywhere"),
        langs=langs,
        examples_remove=ex["remove"],
        examples_keep=ex["keep"],
        case_sensitive=flags["case_sensitive"],
        max_chars=max_chars,
        keep_closing=flags["keep_closing"],
        keep_opening=flags["keep_opening"],
        menu=flags["menu"],
        max_per_doc=max_per_doc,
        file=file,
        line=line,
        regex=rx,
        has_cut="cut" in rx.groupindex,
    )


_WORD = regex.compile(r"\w")


def _check_cut_boundaries(rx: regex.Pattern[str], removes: tuple[str, ...], fail: Callable[..., RuleError]) -> None:
    """Refuse a ``cut`` group that, on a remove example, falls inside a word on both sides.

    The engine never makes such a cut (taking ``Share this`` out of ``councilShare thisapproved`` would
    glue ``councilapproved``): it skips the line, so the rule would silently cut nothing there.
    """
    for example in removes:
        line = example.strip()
        m = rx.fullmatch(line, timeout=PROBE_TIMEOUT * 10)
        if not m or m.start("cut") < 0:
            continue
        s, e = m.span("cut")
        if 0 < s and e < len(line) and _WORD.match(line[s - 1]) and _WORD.match(line[e]):
            before = ("…" if s > 24 else "") + line[max(0, s - 24) : s]
            after = line[e : e + 24] + ("…" if e + 24 < len(line) else "")
            raise fail(
                f"examples.remove {example!r}: the cut group falls inside a word on both sides "
                f"({before + '|' + line[s:e] + '|' + after!r}); the engine never cuts there, since that "
                "would glue two words together, so the rule would cut nothing: start or end the cut group "
                "at a word boundary (a space, punctuation or the line's start or end next to it)",
                "remove",
            )


def _check_fields(raw: dict, fail: Callable[..., RuleError]) -> None:
    """The field names, the required fields, the id, the kind and where."""
    unknown = sorted(set(raw) - set(RULE_FIELDS))
    if unknown:
        raise fail(f"unknown field {unknown[0]!r}; allowed fields: {', '.join(RULE_FIELDS)}", unknown[0])
    for name in REQUIRED_FIELDS:
        if name not in raw:
            raise fail(f"missing required field {name!r}")
        if not isinstance(raw[name], str) or not raw[name].strip():
            raise fail(f"field {name!r} must be a non-empty string", name)
    if not _ID_RE.fullmatch(raw["id"]):
        raise fail(f"bad id {raw['id']!r}: use lowercase letters, digits, '-', '_' or '.', 2 to 64 characters", "id")
    if raw["id"].startswith(HEURISTIC_PREFIX):
        raise fail(f"bad id {raw['id']!r}: ids starting with {HEURISTIC_PREFIX!r} are the heuristics'", "id")
    if raw["kind"] not in KINDS:
        raise fail(f"unknown kind {raw['kind']!r}; allowed kinds: {', '.join(KINDS)}", "kind")
    where = raw.get("where", "anywhere")
    if where not in WHERES:
        raise fail(f"bad where {where!r}; allowed: {', '.join(WHERES)}", "where")


def _examples(raw: dict, fail: Callable[..., RuleError]) -> dict[str, tuple[str, ...]]:
    """``examples.remove`` and ``examples.keep``, each a list of strings."""
    examples = raw.get("examples", {})
    if not isinstance(examples, dict):
        raise fail("examples must be a table with 'remove' and/or 'keep' lists", "examples")
    bad = sorted(set(examples) - set(EXAMPLE_FIELDS))
    if bad:
        raise fail(f"unknown examples field {bad[0]!r}; allowed: remove, keep", bad[0])
    ex: dict[str, tuple[str, ...]] = {}
    for name in EXAMPLE_FIELDS:
        got = _str_list(examples.get(name, []))
        if got is None:
            raise fail(f"examples.{name} must be a list of strings", name)
        ex[name] = got
    return ex


def _compile_checked(pattern: str, case_sensitive: bool, probe: bool, fail: Callable[..., RuleError]) -> regex.Pattern[str]:
    """The compiled pattern; refused when it does not compile or (``probe``) backtracks catastrophically."""
    too_costly = check_pattern_cost(pattern)
    if too_costly:
        raise fail(too_costly, "pattern")
    try:
        rx = compile_pattern(pattern, case_sensitive)
    except (regex.error, ValueError) as e:
        raise fail(f"pattern does not compile: {e}", "pattern") from None
    except (OverflowError, RecursionError, MemoryError) as e:  # what the limits above did not foresee
        raise fail(f"pattern does not compile: {type(e).__name__} {e}".rstrip(), "pattern") from None
    bad = _check_backtracking(rx) if probe else None
    if bad is not None:
        raise fail(
            f"pattern backtracks catastrophically (over {PROBE_TIMEOUT * 1000:.0f} ms on {bad[:24]!r}…); "
            "remove nested quantifiers such as (a+)+ or (\\w+\\s?)*",
            "pattern",
        )
    return rx


def load_rules_text(text: str, file: str = "<string>", *, probe: bool = True) -> list[Rule]:
    """Parse and compile the rules in one TOML document; ``file`` names it in errors.

    ``probe`` runs every pattern on strings that make badly written patterns backtrack
    catastrophically, and refuses those that time out (about 10 ms a rule). The bundled rules skip it:
    the test suite probes them once.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        line = None
        m = regex.search(r"line (\d+)", str(e))
        if m:
            line = int(m.group(1))
        raise RuleError(file, line, None, f"not valid TOML: {e}") from None
    unknown = sorted(set(data) - set(FILE_FIELDS))
    if unknown:
        raise RuleError(
            file,
            _field_line(text, 1, unknown[0]),
            None,
            f"unknown top-level key {unknown[0]!r}; allowed: {', '.join(FILE_FIELDS)}",
        )
    file_langs: tuple[str, ...] = ()
    if "lang" in data:
        got = _str_list(data["lang"])
        if got is None or not all(_LANG_RE.fullmatch(x) for x in got):
            raise RuleError(file, _field_line(text, 1, "lang"), None, "lang must be an ISO 639-1 code")
        file_langs = got
    raws = data.get("rule", [])
    if not isinstance(raws, list):
        raise RuleError(file, None, None, "rules must be written as [[rule]] tables")
    lines = _rule_lines(text)
    rules: list[Rule] = []
    size = 0
    for i, raw in enumerate(raws):
        line = lines[i] if i < len(lines) else 0
        if not isinstance(raw, dict):
            raise RuleError(file, line or None, None, "each [[rule]] must be a table")
        if i >= MAX_RULES_PER_FILE:
            rid = raw.get("id") if isinstance(raw.get("id"), str) else None
            raise RuleError(
                file, line or None, rid,
                f"more than {MAX_RULES_PER_FILE:,} rules in one file; the limit is {MAX_RULES_PER_FILE:,}",
            )
        rules.append(rule := _build_rule(raw, file, text, line, file_langs, probe))
        size += pattern_cost(rule.pattern).size
        if size > MAX_FILE_PATTERN_SIZE:
            raise RuleError(
                file, line or None, rule.id,
                f"the file's patterns unroll to more than {MAX_FILE_PATTERN_SIZE:,} items once their repeats "
                f"{{m,n}} are expanded; the limit is {MAX_FILE_PATTERN_SIZE:,}",
            )
    return rules


def load_rules_file(path: str | Path, *, probe: bool = True) -> list[Rule]:
    """Load one rule file. Raises :class:`RuleError` (never a bare exception) on any problem."""
    p = Path(path)
    try:
        data = _read_regular_file(p, MAX_FILE_BYTES)
    except OSError as e:
        raise RuleError(str(p), None, None, f"cannot read: {e.strerror or e}") from None
    if isinstance(data, str):
        raise RuleError(str(p), None, None, data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise RuleError(str(p), None, None, f"not UTF-8 text: {e}") from None
    return load_rules_text(text, str(p), probe=probe)


def _read_regular_file(path: Path, limit: int) -> bytes | str:
    """The bytes of ``path``, or what is wrong with it: not a regular file, or over ``limit`` bytes.

    The file is opened without blocking (a FIFO would wait for a writer) and checked with ``fstat``
    before a byte is read, so ``/dev/zero``, a FIFO or a folder named ``*.toml`` is never read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = "a folder" if stat.S_ISDIR(st.st_mode) else "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device or socket"
            return f"not a regular file ({what}); a rule file must be a plain TOML file"
        if st.st_size > limit:
            return f"file is {st.st_size:,} bytes; the limit is {limit:,}"
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:  # grew since fstat
        return f"file is over {limit:,} bytes; the limit is {limit:,}"
    return data


def default_rule_files() -> list[Path]:
    """The bundled rule files: ``common.toml``, ``en.toml`` (the deepest set, so its rules name a line
    first when the language is unknown and every file applies), then the others by name."""
    try:
        root = resources.files("cleaner._rules")
        files = [Path(str(f)) for f in root.iterdir() if f.name.endswith(".toml")]
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):  # running from a bare checkout
        files = list((Path(__file__).resolve().parent.parent / "rules").glob("*.toml"))
    return sorted(files, key=lambda f: (f.name != "common.toml", f.name != "en.toml", f.name))


def load_rules(paths: Iterable[str | Path] = (), *, defaults: bool = True) -> list[Rule]:
    """Load the bundled rules (when ``defaults``) and the user's files; ids must be unique across all."""
    # (file, probe): the bundled files are trusted, the suite probes them (tests/test_ruleset.py)
    files: list[tuple[Path, bool]] = [(f, False) for f in default_rule_files()] if defaults else []
    for p in paths:
        pp = Path(p)
        if pp.is_dir():
            files.extend((f, True) for f in sorted(pp.glob("*.toml")))
        else:
            files.append((pp, True))
    seen: dict[str, Rule] = {}
    out: list[Rule] = []
    size = 0
    for f, probe in files:
        for rule in load_rules_file(f, probe=probe):
            if len(out) >= MAX_RULES_TOTAL:
                raise RuleError(
                    rule.file, rule.line, rule.id,
                    f"more than {MAX_RULES_TOTAL:,} rules in all; the limit is {MAX_RULES_TOTAL:,}",
                )
            size += pattern_cost(rule.pattern).size
            if size > MAX_TOTAL_PATTERN_SIZE:
                raise RuleError(
                    rule.file, rule.line, rule.id,
                    f"the patterns of all rule files unroll to more than {MAX_TOTAL_PATTERN_SIZE:,} items once "
                    f"their repeats {{m,n}} are expanded; the limit is {MAX_TOTAL_PATTERN_SIZE:,}",
                )
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleError(
                    rule.file, rule.line, rule.id, f"duplicate id; first defined at {first.location}"
                )
            seen[rule.id] = rule
            out.append(rule)
    return out
