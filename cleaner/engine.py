"""Run compiled rules over lines fast, and never let one rule hang a batch.

Most lines match no rule, and a rule's regular expression is slow to say so: patterns such as
``.{0,150}?(?:©|\\(c\\))…`` try every position of a long line. So each rule is first *analysed* once, when
its group is built: its pattern is split into top-level alternatives, and for each alternative the
engine works out the range of line lengths it can match, the characters a match can start with, and a
few literal strings one of which any match must contain (``©``, ``rights``, ``cookie``…). A line then
meets only the rules that one of whose alternatives fits its length and first character and whose
literals it contains (a ``str`` substring test on the lowercased line); only those rules run their
``fullmatch``, in file order, and the first that matches names the cut — exactly the rule the full scan
would have found, since a rule whose every alternative was ruled out cannot match. The lists of rules to
try are built per (length range, first character) and memoised, so on a typical line the prefilter is a
``bisect``, a dict look-up and a few substring tests. Most lines hold no white space but single spaces
(:func:`single_spaced`); in them every ``\\s+`` matches one space, so a second analysis lets literals
and prefixes run across words (``"do not sell"`` rather than ``"do"``), and such lines get its plans.

The analysis is conservative: it reads the pattern with Python's own regular-expression parser (after
turning the ``regex``-only ``\\p{…}`` classes into ``\\w``), and any construct it does not understand
makes the rule "always try" within its ``max_chars``. Case-insensitive matching is mirrored by comparing
lowercased text with lowercased literals; the few characters that ``regex`` folds together although
``str.lower`` tells them apart (``ſ``/``s``, ``ı``/``i``, ``µ``/``μ``…) are mapped to one character first.
Every rule's ``examples.remove`` that the rule fullmatches is checked to pass its own prefilter when the
group is built; a rule that fails (an analysis bug) is always tried.

Every match runs under the ``regex`` package's timeout; a rule that times out is skipped for the rest of
the document and reported.

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

import re._constants as _sc
import re._parser as _sp
import threading
import warnings
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache, wraps
from typing import Any, TypeVar

import regex

from cleaner.ruleset import Rule

try:  # one pass over a line for all of a gate's strings (see _Plan); the `in` tests otherwise
    from ahocorasick_rs import AhoCorasick as _AhoCorasick
except ImportError:  # pragma: no cover - a dependency, but the engine does not need it to be exact
    _AhoCorasick = None

#: Characters the ``regex`` package matches to each other under IGNORECASE (its simple case folding)
#: although ``str.lower`` keeps them apart; found by testing every code point against every cased one
#: with ``regex`` itself. Each group is mapped to one character before lowercasing (see :func:`fold`).
_FOLD_GROUPS = (
    "Iiıİ", "Ssſ", "µΜμ", "ßẞ\U0001df95", "ͅΙιι", "ΐΐ", "Ββϐ", "Εεϵ", "Θθϑϴ", "Κκϰ", "Ππϖ", "Ρρϱ", "Σςσ",
    "Φφϕ", "ΰΰ", "Ввᲀ", "Ддᲁ", "Ооᲂ", "Ссᲃ", "Ттᲄᲅ", "Ъъᲆ", "Ѣѣᲇ", "ᲈꙊꙋ", "Ṡṡẛ", "ﬅﬆ",
)


def _fold_table() -> dict[int, str]:
    """Each character whose ``str.lower`` is not its group's canonical character (the lowercase form most
    of the group has), mapped to it; ``Σ`` too, whose ``lower()`` depends on its context."""
    table: dict[int, str] = {}
    for group in _FOLD_GROUPS:
        lowers = [c.lower() for c in group if len(c.lower()) == 1]
        # the lowercase most of the group already has (so that most text needs no translation)
        canon = min(lowers, key=lambda c: (-lowers.count(c), not c.isascii(), c))
        for c in group:
            if c.lower() != canon or c == "Σ":
                table[ord(c)] = canon
    return table


_FOLD = _fold_table()


_FOLDED_CHARS = tuple(chr(c) for c in sorted(_FOLD) if c > 127)


def needs_fold(text: str) -> bool:
    """Whether ``text`` has a character for which :func:`fold` differs from ``str.lower`` (one ``in``
    test per character: a C loop each, several times faster than a regex scan).

    >>> needs_fold("Straße"), needs_fold("Iſt")
    (False, True)
    """
    if text.isascii():
        return False
    for c in _FOLDED_CHARS:
        if c in text:
            return True
    return False


def fold(text: str) -> str:
    """Lowercase ``text`` so that two characters ``regex`` matches case-insensitively become equal.

    Length-preserving, character by character (``İ``, whose ``lower()`` is two characters, and final
    sigma, which ``lower()`` treats by context, are mapped before lowercasing).

    >>> fold("ſHARE İt"), fold("Share it")
    ('share it', 'share it')
    """
    if needs_fold(text):
        return text.translate(_FOLD).lower()
    return text.lower()


# -- pattern analysis --------------------------------------------------------------------------------
#: One alternative of a rule: min and max length, first characters (None: any), prefixes (strings one of
#: which a match starts with; None: unknown) and clauses — each a tuple of strings one of which a match
#: contains (empty: nothing known); last, what a match can end with (None: anything).
_Alt = tuple[int, int, "_First | None", "tuple[str, ...] | None", "tuple[tuple[str, ...], ...]", "_First | None"]

_ESCAPE = regex.compile(r"\\(?:[pP](?:\{[^}]*\}|[A-Za-z])|.)", regex.DOTALL)
#: ``regex``-only syntax that Python's parser would read as literals rather than reject.
_FOREIGN = regex.compile(r"\[:\^?\w+:\]|[\U000f0000-\U000fffff]")
_BRACE = regex.compile(r"\\.|\{", regex.DOTALL)
_QUANTIFIER = regex.compile(r"\{(?:\d+(?:,\d*)?|,\d+)\}")
#: ``\p{…}`` classes are handed to Python's parser as private-use characters from here on.
_PLACEHOLDER = 0xF0000
_REPEATS = (_sc.MAX_REPEAT, _sc.MIN_REPEAT, getattr(_sc, "POSSESSIVE_REPEAT", _sc.MAX_REPEAT))
_ZERO_WIDTH = (_sc.AT, _sc.ASSERT, _sc.ASSERT_NOT)
_CATEGORIES = {
    _sc.CATEGORY_DIGIT: r"\d", _sc.CATEGORY_NOT_DIGIT: r"\D", _sc.CATEGORY_SPACE: r"\s",
    _sc.CATEGORY_NOT_SPACE: r"\S", _sc.CATEGORY_WORD: r"\w", _sc.CATEGORY_NOT_WORD: r"\W",
}
_MAX_ALTS = 256
_MAX_SET = 6
#: Clauses kept per alternative, and alternatives whose every clause is tested before a rule runs.
_MAX_CLAUSES = 3
_MAX_FULL = 16
#: Prefixes worked out per alternative at most, and the length at which a prefix stops growing (a
#: longer one would sharpen the gate little and cost start-up time: a pattern spelt out word by word).
_MAX_PREFIXES = 64
_PREFIX_CHARS = 10


def _braces_ok(pattern: str) -> bool:
    """Every unescaped ``{`` opens a plain quantifier (fuzzy ``{e<=1}`` and literal braces do not)."""
    for m in _BRACE.finditer(pattern):
        if m.group() == "{" and not _QUANTIFIER.match(pattern, m.start()):
            return False
    return True


class _Tree:
    """A pattern as Python's parser reads it, with its ``\\p{…}`` classes set aside."""

    __slots__ = ("classes", "data", "state")

    def __init__(self, parsed: Any, classes: list[str]) -> None:
        self.data = list(parsed)
        self.state = parsed.state
        self.classes = classes


def _parse(pattern: str) -> _Tree | None:
    """Python's parse tree of ``pattern``, or None when it may read it differently from ``regex``."""
    if _FOREIGN.search(pattern):
        return None
    classes: list[str] = []

    def swap(m: regex.Match[str]) -> str:
        if m.group()[1] not in "pP":
            return m.group()
        classes.append(m.group())
        return f"\\U{_PLACEHOLDER + len(classes) - 1:08x}"

    sre = _ESCAPE.sub(swap, pattern)
    if not _braces_ok(sre):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _Tree(_sp.parse(sre), classes)
    except (_sc.error, ValueError, OverflowError, RecursionError, IndexError, TypeError):
        return None


def _ignorecase(ci: bool, av: Any) -> bool:
    """Whether a group with flags ``av`` (a SUBPATTERN's) matches ignoring case, in a context ``ci``."""
    add, drop = av[1], av[2]
    return (ci or bool(add & _sc.SRE_FLAG_IGNORECASE)) and not drop & _sc.SRE_FLAG_IGNORECASE


@lru_cache(maxsize=65536)
def _folded(code: int) -> str:
    """:func:`fold` of one code point (the analysis asks for the same few hundred again and again)."""
    return fold(chr(code))


def _char(op: Any, av: Any) -> str | None:
    """The one (folded) character a node matches, when it is a literal or a set of case variants."""
    if op is _sc.LITERAL:
        return None if av >= _PLACEHOLDER else _folded(av)
    if op is _sc.IN and av and all(o is _sc.LITERAL and a < _PLACEHOLDER for o, a in av):
        chars = {_folded(a) for _, a in av}
        if len(chars) == 1:
            return chars.pop()
    return None


def _literal_set(op: Any, av: Any) -> frozenset[str] | None:
    """The (folded) characters of a set made only of literals, e.g. ``[(\\[]``."""
    if op is _sc.IN and av and all(o is _sc.LITERAL and a < _PLACEHOLDER for o, a in av):
        return frozenset(_folded(a) for _, a in av)
    return None


def _class_test(op: Any, av: Any, classes: list[str], ci: bool = True) -> regex.Pattern[str] | None:
    """A pattern matching (at least) every character a one-character node matches, or None for "any";
    ``ci``: the node matches ignoring case."""
    if op is _sc.LITERAL:  # only placeholders get here
        body = classes[av - _PLACEHOLDER]
    elif op is _sc.IN:
        parts = []
        for o, a in av:
            if o is _sc.LITERAL:
                parts.append(classes[a - _PLACEHOLDER] if a >= _PLACEHOLDER else regex.escape(chr(a)))
            elif o is _sc.RANGE and a[1] < _PLACEHOLDER:
                parts.append(f"{regex.escape(chr(a[0]))}-{regex.escape(chr(a[1]))}")
            elif o is _sc.CATEGORY and a in _CATEGORIES:
                parts.append(_CATEGORIES[a])
            else:  # NEGATE (a negated set is no superset under IGNORECASE), or unknown
                return None
        body = f"[{''.join(parts)}]"
    else:
        return None
    try:  # with the node's own case sensitivity: exactly the characters it matches
        return regex.compile(body, regex.V0 | regex.UNICODE | (regex.IGNORECASE if ci else 0))
    except (regex.error, ValueError, OverflowError):  # pragma: no cover - defensive
        return None


def _space(op: Any, av: Any) -> bool:
    """Whether a node matches only white space (``\\s``, ``[ \\t]``, a literal space)."""
    if op is _sc.LITERAL:
        return av < _PLACEHOLDER and chr(av).isspace()
    return op is _sc.IN and bool(av) and all(
        (o is _sc.CATEGORY and a is _sc.CATEGORY_SPACE) or (o is _sc.LITERAL and a < _PLACEHOLDER and chr(a).isspace())
        for o, a in av)


def _one_space(op: Any, av: Any, spaced: bool) -> bool:
    """In a single-spaced line (see :func:`single_spaced`), whether the node matches exactly one space:
    a white-space node, or one repeated at least once (``\\s+``): no line holds two spaces in a row."""
    if not spaced:
        return False
    if op in _REPEATS:
        return av[0] == 1 and len(av[2]) == 1 and _space(*av[2][0])
    return _space(op, av)


#: While a rule is analysed: results of _literals and _prefixes per (function, sub-pattern, spaced). A
#: rule spelt out in many alternatives repeats the same groups in each (the same parse-tree objects),
#: so most of them are worked out once. Per thread: Cleaner() may be built in several at once.
_ANALYSIS = threading.local()
_T = TypeVar("_T")


def _per_analysis(fn: Callable[[Any, bool], _T]) -> Callable[[Any, bool], _T]:
    """Memoise ``fn(seq, spaced)`` by the identity of ``seq`` while :func:`_analyse_both` runs (the memo
    holds ``seq``, so its id cannot be reused meanwhile); results are shared and never mutated."""

    @wraps(fn)
    def memoised(seq: Any, spaced: bool = False) -> _T:
        memo = getattr(_ANALYSIS, "memo", None)
        if memo is None:
            return fn(seq, spaced)
        key = (fn, id(seq), spaced)
        hit = memo.get(key)
        if hit is not None and hit[0] is seq:
            return hit[1]  # type: ignore[no-any-return]
        out = fn(seq, spaced)
        memo[key] = (seq, out)
        return out

    return memoised


@_per_analysis
def _literals(seq: Any, spaced: bool = False) -> list[frozenset[str]]:
    """Clauses every match of ``seq`` satisfies: each is a set of (folded) strings one of which the match
    contains. Most selective first; empty when nothing is known. ``spaced``: for single-spaced lines,
    where ``do\\s+not`` contains ``"do not"``."""
    clauses: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in seq:
        ch = _char(op, av)
        if ch is None and spaced and _one_space(op, av, spaced):
            ch = " "
        if ch is not None:
            run.append(ch)
            continue
        if op in _ZERO_WIDTH:  # the text on both sides is contiguous
            if op is _sc.ASSERT:  # what a look-ahead or look-behind must see is in the line too
                clauses.extend(_literals(av[1], spaced))
            continue
        if run:
            clauses.append(frozenset(["".join(run)]))
            run = []
        if op is _sc.SUBPATTERN:
            clauses.extend(_literals(av[-1], spaced))
        elif op is getattr(_sc, "ATOMIC_GROUP", None):
            clauses.extend(_literals(av, spaced))
        elif op is _sc.BRANCH:
            best = [_literals(b, spaced) for b in av[1]]
            if best and all(best):
                clauses.append(frozenset().union(*(b[0] for b in best)))
        elif op in _REPEATS:
            if av[0] >= 1:
                clauses.extend(_literals(av[2], spaced))
        elif (chars := _literal_set(op, av)) is not None and len(chars) <= _MAX_SET:
            clauses.append(chars)
    if run:
        clauses.append(frozenset(["".join(run)]))
    # the most selective first: longest shortest string, then fewest strings; a clause implied by a
    # stronger one (one of its strings is in every string of the other) is left out
    clauses = sorted(set(clauses), key=lambda c: (-min(map(len, c)), len(c), sorted(c)))
    out: list[frozenset[str]] = []
    for c in clauses:
        if not any(all(any(x in y for x in c) for y in o) for o in out):
            out.append(c)
    return out


#: What a match can start with: (folded) characters, and patterns one of which the first character
#: matches. None: anything.
_First = tuple["frozenset[str]", "tuple[regex.Pattern[str], ...]"]


def _first(seq: Any, classes: list[str], ci: bool = True, last: bool = False) -> tuple[_First | None, bool]:
    """(What a match of ``seq`` can start with — or end with, when ``last`` —, whether it can be empty);
    ``ci``: ``seq`` matches ignoring case."""
    chars: set[str] = set()
    tests: list[regex.Pattern[str]] = []
    for op, av in reversed(list(seq)) if last else seq:
        if op in _ZERO_WIDTH:
            continue
        f: _First | None
        if op is _sc.LITERAL or op is _sc.IN:
            ch, lits = _char(op, av), _literal_set(op, av)
            if ch is not None or lits is not None:
                f, empty = (frozenset([ch]) if ch is not None else lits, ()), False  # type: ignore[assignment]
            else:
                test = _class_test(op, av, classes, ci)
                if test is None:
                    return None, False
                f, empty = (frozenset(), (test,)), False
        elif op is _sc.SUBPATTERN:
            f, empty = _first(av[-1], classes, _ignorecase(ci, av), last)
        elif op is getattr(_sc, "ATOMIC_GROUP", None):
            f, empty = _first(av, classes, ci, last)
        elif op is _sc.BRANCH:
            fc: set[str] = set()
            ft: list[regex.Pattern[str]] = []
            empty = False
            for b in av[1]:
                bf, be = _first(b, classes, ci, last)
                if bf is None:
                    return None, False
                fc.update(bf[0])
                ft.extend(bf[1])
                empty = empty or be
            f = (frozenset(fc), tuple(ft))
        elif op in _REPEATS:
            f, empty = _first(av[2], classes, ci, last)
            empty = empty or av[0] == 0
        else:
            return None, False
        if f is None:
            return None, False
        chars.update(f[0])
        tests.extend(t for t in f[1] if t not in tests)
        if not empty:
            return (frozenset(chars), tuple(tests)), False
    return (frozenset(chars), tuple(tests)), True


def _starts(first: _First | None, char: str) -> bool:
    """Whether a match described by ``first`` can start with ``char`` (the raw first character)."""
    folded = _folded(ord(char)) if len(char) == 1 else fold(char)
    return first is None or folded in first[0] or any(t.fullmatch(char) for t in first[1])


def _expand_once(seq: list[Any]) -> list[list[Any]] | None:
    """The alternatives of ``seq``'s first alternation (looking into groups), or None when it has none."""
    for i, (op, av) in enumerate(seq):
        if op is _sc.BRANCH:
            return [seq[:i] + list(b) + seq[i + 1 :] for b in av[1]]
        if op is _sc.SUBPATTERN:
            inner = _expand_once(list(av[-1]))
            if inner is not None:
                _, add, drop, body = av
                if not add and not drop:
                    return [seq[:i] + x + seq[i + 1 :] for x in inner]
                # a group with flags ((?-i:...)) stays a group, so that its case sensitivity is known
                return [[*seq[:i], (op, (None, add, drop, _sp.SubPattern(body.state, x))), *seq[i + 1 :]]
                        for x in inner]
    return None


def _expand(seq: list[Any]) -> list[list[Any]]:
    """Split a sequence into alternatives, its alternations spelt out a level at a time while there are at
    most ``_MAX_ALTS`` of them (the outermost first: they decide lengths and first characters)."""
    alts = [seq]
    while True:
        out: list[list[Any]] = []
        for alt in alts:
            out.extend(_expand_once(alt) or [alt])
        if len(out) == len(alts) or len(out) > _MAX_ALTS:
            return alts
        alts = out


def _ambiguous(branch: Any, classes: list[str]) -> bool:
    """Whether two alternatives of an alternation can start alike (``qr|q|r``)."""
    seen: set[str] = set()
    for alt in branch:
        first, empty = _first(alt, classes)
        if first is None or empty or first[1] or seen & first[0]:
            return True
        seen |= first[0]
    return False


def _nested(seq: Any, classes: list[str], inside: bool = False) -> bool:
    """Whether ``seq`` repeats an alternation whose alternatives can start alike (``(?:qr|q|r)+``): the
    shape that backtracks badly on some line although it passed the load-time probes."""
    for op, av in seq:
        if op in _REPEATS:
            if _nested(av[2], classes, inside or av[1] > 1):
                return True
        elif op is _sc.BRANCH:
            if inside and _ambiguous(av[1], classes):
                return True
            if any(_nested(b, classes, inside) for b in av[1]):
                return True
        elif op is _sc.SUBPATTERN:
            if _nested(av[-1], classes, inside):
                return True
        elif op is getattr(_sc, "ATOMIC_GROUP", None):
            if _nested(av, classes, inside):
                return True
        elif op in (_sc.ASSERT, _sc.ASSERT_NOT) and _nested(av[-1], classes, inside):
            return True
    return False


def _prefix_options(op: Any, av: Any, spaced: bool = False) -> set[tuple[str, bool]]:
    """What one node can match, as (folded string, whether that is all of it) pairs; see :func:`_prefixes`."""
    ch = _char(op, av)
    if ch is not None:
        return {(ch, True)}
    if spaced and _one_space(op, av, spaced):
        return {(" ", True)}
    chars = _literal_set(op, av)
    if chars is not None and len(chars) <= _MAX_SET:
        return {(c, True) for c in chars}
    if op is _sc.SUBPATTERN:
        return _prefixes(av[-1], spaced)
    if op is getattr(_sc, "ATOMIC_GROUP", None):
        return _prefixes(av, spaced)
    if op is _sc.BRANCH:
        return set().union(*(_prefixes(b, spaced) for b in av[1]))
    if op in _REPEATS:
        lo, hi, item = av
        if hi == 0:
            return {("", True)}
        if spaced and lo == 0 and len(item) == 1 and _space(*item[0]):  # \s*: nothing, or one space
            return {("", True), (" ", True)}
        inner = _prefixes(item, spaced)
        if lo == hi == 1:
            return inner
        if lo == 0 and hi == 1:
            return {("", True)} | inner
        if lo == 0:
            return {("", False)} | {(p, False) for p, _ in inner}
        return {(p, False) for p, _ in inner}
    return {("", False)}


@_per_analysis
def _prefixes(seq: Any, spaced: bool = False) -> set[tuple[str, bool]]:
    """(Folded) strings every match of ``seq`` starts with, as (string, whether it is the whole match);
    ``spaced``: of a single-spaced line."""
    cur = {("", True)}
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue
        if not any(whole for _, whole in cur):
            break
        options = _prefix_options(op, av, spaced)
        new: set[tuple[str, bool]] = set()
        for a, whole in cur:
            if not whole:
                new.add((a, False))
                continue
            for b, b_whole in options:
                ab = a + b
                new.add((ab, b_whole and len(ab) < _PREFIX_CHARS))
        if len(new) > _MAX_PREFIXES:
            return {(a, False) for a, _ in cur}
        cur = new
    return cur


def _minimal_prefixes(seq: Any, spaced: bool = False) -> tuple[str, ...] | None:
    """The shortest set of (folded) strings one of which every match of ``seq`` starts with, or None."""
    found = {a for a, _ in _prefixes(seq, spaced)}
    if "" in found:
        return None
    return tuple(sorted(p for p in found if not any(p != q and p.startswith(q) for q in found)))


def analyse(rule: Rule, spaced: bool = False) -> list[_Alt]:
    """The alternatives of ``rule``: (min length, max length, first characters, prefixes, literal clauses).

    ``spaced``: what holds of the matches in single-spaced lines (:func:`single_spaced`), where every
    ``\\s+`` is one space, so that prefixes and literals run on across it (``"do not sell"``, not ``"do"``).

    >>> from cleaner.ruleset import load_rules_text
    >>> r = load_rules_text('[[rule]]\\nid = "x1"\\nkind = "ui_chrome"\\ndescription = "d"\\n'
    ...                     'pattern = "(?:log|sign)\\\\\\\\s?in|.{0,50}©.{0,9}rights"')[0]
    >>> for alt in sorted(analyse(r), key=lambda a: a[:2]): print(alt[:2], alt[3], alt[4])
    (5, 6) ('log',) (('log',), ('in',))
    (6, 7) ('sign',) (('sign',), ('in',))
    (7, 66) None (('rights',), ('©',))
    """
    return _analyse_both(rule)[spaced]


#: every distinct "first characters" value the analysis has made, interned (kept alive: ids are stable)
_FIRSTS: dict[_First, _First] = {}


def _analyse_both(rule: Rule) -> tuple[list[_Alt], list[_Alt]]:
    """:func:`analyse` of ``rule`` for any line and for single-spaced lines, in one pass: the parse, the
    alternatives, their lengths and first and last characters are the same for both."""
    unknown: list[_Alt] = [(0, rule.max_chars, None, None, (), None)]
    tree = _parse(rule.pattern)
    if tree is None:
        return unknown, unknown
    alts: list[_Alt] = []
    spaced_alts: list[_Alt] = []
    _ANALYSIS.memo = {}
    try:
        risky = _nested(tree.data, tree.classes)
        for seq in _expand(tree.data):
            lo, hi = _sp.SubPattern(tree.state, seq).getwidth()
            if lo > rule.max_chars:
                continue
            ci = not rule.case_sensitive
            first, empty = _first(seq, tree.classes, ci)
            # A pattern that repeats an ambiguous alternation may backtrack badly on some line: it is
            # not kept from lines by their ending alone, so that a hang is reported (and the rule
            # skipped for the document) rather than hidden until a line it could end on comes.
            last = None if risky else _first(seq, tree.classes, ci, last=True)[0]
            if first is not None:  # one object per distinct value: plans cache _starts by its id
                first = _FIRSTS.setdefault(first, first)
            for spaced, out in ((False, alts), (True, spaced_alts)):
                rarest = sorted(_literals(seq, spaced), key=lambda c: (_odds(c), sorted(c)))[:_MAX_CLAUSES]
                clauses = tuple(tuple(sorted(c, key=lambda x: (-len(x), x))) for c in rarest)
                prefixes = _minimal_prefixes(seq, spaced)
                if prefixes is not None and clauses and _weak(prefixes, clauses[0]):
                    prefixes = None  # its literals gate it: a line's first word says too little
                out.append((lo, min(hi, rule.max_chars), None if empty else first,
                            prefixes, clauses, None if empty else last))
    except (RecursionError, TypeError, ValueError, IndexError, AttributeError, OverflowError):
        return unknown, unknown
    finally:
        _ANALYSIS.memo = None
    return alts or unknown, spaced_alts or unknown


class RuleTimeout(Exception):
    """A rule took longer than the time allowed on one line."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule.id)
        self.rule = rule


#: Rough frequencies of characters in news prose (letters: English), to tell a clause that any sentence
#: satisfies (``"."``, ``"be"``) from one that few do (``"©"``, ``"cookies"``). Only the order matters.
_FREQ = dict(zip("etaoinshrdlcumwfgypbvkjxqz", (
    0.10, 0.075, 0.065, 0.06, 0.058, 0.056, 0.052, 0.049, 0.048, 0.034, 0.032, 0.022, 0.022, 0.02, 0.019, 0.018,
    0.016, 0.016, 0.015, 0.012, 0.008, 0.006, 0.0012, 0.0012, 0.0008, 0.0006), strict=True))
_FREQ.update({" ": 0.16, ".": 0.01, ",": 0.01, "-": 0.003, "'": 0.002, "’": 0.002, '"': 0.002, "(": 0.001,
              ")": 0.001, ":": 0.001, "“": 0.001, "”": 0.001})


#: Short strings that are (or often are part of) common words of the bundled languages.
_COMMON = frozenset("""
    a an as at be by do he if in is it me my no of on or so to up us we de la le el en et un je il da di
    der die das und ist im zu les des une que se ne los las por con y
""".split())


@lru_cache(maxsize=65536)
def _odds(strings: tuple[str, ...]) -> float:
    """Roughly how many times a line of news prose (200 characters) holds one of ``strings``."""
    total = 0.0
    for x in strings:
        if x in _COMMON:
            total += 1.0
            continue
        p = 200.0
        for c in x:
            p *= _FREQ.get(c, 0.005 if c.isdigit() or c.isalpha() else 0.0005 if c.isascii() else 0.00005)
        total += p
    return total


def _weak(prefixes: tuple[str, ...], clause: tuple[str, ...]) -> bool:
    """Whether an alternative's ``prefixes`` say less than its rarest literal ``clause``: each prefix is
    a short word that sentences start with (``the``, ``this ``), and the clause's strings are words as
    long or longer (``cookie``) and rarer. A line meets an alternative with prefixes when it starts with one,
    whatever it contains, so ``(?:the|this) cookie is set …`` sent every sentence opening "The" to its
    regex; gated by ``cookie``, it meets almost none. Either test is exact: every match starts with one
    of the prefixes and contains one of the clause's strings.

    >>> _weak(("the", "this"), ("cookie",)), _weak(("share",), ("share",)), _weak(("by",), ("by",))
    (True, False, False)
    """
    return (max(len(p.rstrip()) for p in prefixes) <= _WEAK_PREFIX and min(map(len, clause)) >= _WEAK_PREFIX
            and _odds(clause) < _odds(prefixes))


#: A prefix this long or shorter is a word's start that prose lines open with.
_WEAK_PREFIX = 4


@lru_cache(maxsize=65536)
def _cost(strings: tuple[str, ...]) -> float:
    """Expected cost (in ``in`` tests) of testing a clause on a line of prose: one test per string, and
    when it holds, the rest of the rule's tests and its regex (about 30)."""
    return len(strings) + 30 * _odds(strings)


def _union(clauses: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """One clause that holds when any of ``clauses`` does, without strings that contain another."""
    kept: list[str] = []  # shortest first: a string holding a dropped one holds what dropped it
    for x in sorted(set().union(*clauses), key=len):
        if not any(y in x for y in kept):
            kept.append(x)
    return tuple(sorted(kept, key=lambda x: (-len(x), x)))


def _holds(clauses: Sequence[tuple[str, ...]], low: str) -> bool:
    """Whether the folded line ``low`` satisfies every clause."""
    for clause in clauses:
        for x in clause:
            if x in low:
                break
        else:
            return False
    return True


@lru_cache(maxsize=4096)
def _merge(alts: tuple[tuple[tuple[str, ...], ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Clauses that hold whenever all the clauses of one of ``alts`` hold, the cheapest to test first.

    (a1 and b1) or (a2 and b2) or c3 implies (a1 or a2 or c3) and (b1 or b2 or c3), whichever clause of
    each alternative is picked for each merged one. The first merged clause is chosen greedily to be
    cheap to test (few strings) and rarely true in prose: starting from each alternative's cheapest
    clause, a clause many alternatives share (``":"``) replaces their picks while that lowers the cost.
    The others take the alternatives' clauses position by position.
    """
    picks = [min(c, key=lambda x: (_cost(x), x)) for c in alts]
    best = _union(picks)
    # only a clause two alternatives share can lower the cost (each pick is already its alternative's
    # cheapest): trying the others made plans of rules spelt out in many alternatives slow to build
    counts = Counter(x for c in alts for x in set(c))
    shared = sorted(x for x, k in counts.items() if k > 1)
    improved = True
    while improved:
        improved = False
        for clause in shared:
            trial = [clause if clause in c else p for c, p in zip(alts, picks, strict=True)]
            merged = _union(trial)
            if _cost(merged) < _cost(best):
                picks, best, improved = trial, merged, True
    rest = {_union([c[min(k, len(c) - 1)] for c in alts]) for k in range(max(map(len, alts)))} - {best}
    return (best, *sorted(rest, key=lambda c: (_cost(c), c)))


#: How a line of some length and first character meets a rule: ``(rule, prefixes, contains, tested,
#: ends)``.
#: The rule may match when the line starts with one of ``prefixes`` (None: no alternative with known
#: prefixes fits), or when ``contains`` holds: None, no other alternative fits; ``()``, one fits with
#: nothing to test; else ``(quick, full)``: the line satisfies every clause of ``quick`` and, unless
#: ``full`` is None, every clause of one of the alternatives in ``full``. ``ends``, when not None, says
#: what the line must end with. ``tested`` is False when the rule must simply run.
_Step = tuple[Rule, "tuple[str, ...] | None", Any, bool, Any]


def _step(rule: Rule, alts: list[_Alt], n: int, first: str, starts: dict[int, bool] | None = None,
          ) -> _Step | None:
    """How a line of length ``n`` starting with ``first`` meets ``rule``; None when it cannot match.

    ``starts``: :func:`_starts` answers for ``first`` by ``id`` of the alternative's first characters,
    shared by the rules of a plan (the analysis interns them: a few hundred distinct ones among the tens
    of thousands of alternatives, so a plan tests each once; building plans is most of a cold start)."""
    if starts is None:
        starts = {}
    fitting = []
    for a in alts:
        if a[0] <= n <= a[1]:
            if first and a[2] is not None:
                ok = starts.get(id(a[2]))
                if ok is None:
                    ok = starts[id(a[2])] = _starts(a[2], first)
                if not ok:
                    continue
            fitting.append(a)
    if not fitting:
        return None
    ends: Any = None
    if all(a[5] is not None for a in fitting):  # what the line must end with
        ends = (frozenset().union(*(a[5][0] for a in fitting)),  # type: ignore[index]
                tuple(dict.fromkeys(t for a in fitting for t in a[5][1])))  # type: ignore[index]
    prefixed = [a[3] for a in fitting if a[3] is not None]
    prefixes = tuple(sorted(set().union(*prefixed))) if prefixed else None
    others = [a[4] for a in fitting if a[3] is None]
    contains: Any = None
    if others:
        if not all(others):  # an alternative with nothing to look for
            return rule, None, (), False, ends
        alts_clauses = tuple(sorted(set(others)))
        full = alts_clauses if 1 < len(alts_clauses) <= _MAX_FULL else None
        contains = (_merge(alts_clauses), full)
    return rule, prefixes, contains, True, ends


def _ends(ends: Any, last: str) -> bool:
    """Whether a match described by ``ends`` (chars, tests) can end with ``last``."""
    folded = _folded(ord(last)) if len(last) == 1 else fold(last)
    return folded in ends[0] or any(t.fullmatch(last) for t in ends[1])


def _passes(step: _Step, low: str) -> bool:
    """Whether the folded line ``low`` passes the step's prefix and literal tests (its ending is
    tested by :meth:`_Plan.pick`)."""
    _, prefixes, contains, _, _ = step
    if prefixes is not None and low.startswith(prefixes):
        return True
    if contains is None:
        return False
    if not contains:
        return True
    quick, full = contains
    return _holds(quick, low) and (full is None or any(_holds(c, low) for c in full))


class _Substrings:
    """The ``in`` tests that :class:`ahocorasick_rs.AhoCorasick` makes in one pass, with its method: one
    ``(index, -1, -1)`` per pattern the text contains. Used when that package is missing or the text
    cannot be encoded (a lone surrogate), and by the tests as the reference."""

    __slots__ = ("patterns",)

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)

    def find_matches_as_indexes(self, haystack: str, overlapping: bool = False) -> list[tuple[int, int, int]]:
        return [(i, -1, -1) for i, x in enumerate(self.patterns) if x in haystack]


#: the gate matchers, by their strings: many plans share one gate (bounded like the plans)
_MATCHERS: dict[tuple[str, ...], Any] = {}


def _matcher(strings: tuple[str, ...]) -> Any:
    """A matcher for ``strings`` (Aho-Corasick in Rust when installed: one pass over the line finds every
    string it contains, where an ``in`` test per string scans the line once each)."""
    m = _MATCHERS.get(strings)
    if m is None:
        m = _AhoCorasick(list(strings)) if _AhoCorasick is not None else _Substrings(strings)
        if len(_MATCHERS) >= _MAX_PLANS:
            _MATCHERS.clear()
        _MATCHERS[strings] = m
    return m


class _Plan:
    """The steps for one (length range, first character), and two gates that skip most of them at once:
    one ``startswith`` for the prefixes of every step, and one pass of a multi-string matcher for the
    rarest clause of every step with clauses, which opens only the steps whose clause the line holds
    (``"for"`` is in a third of long prose lines: it opens the one rule that needs it). A step is kept
    when bit ``i`` of ``keep`` is set: ``base`` (steps to try whatever the gates say), ``|= pref`` when
    the prefix gate holds, ``|= masks[j]`` for each gate string ``j`` the line contains. A step kept
    still passes its own tests (:func:`_passes`) before its regex runs: the gates only skip steps that
    would fail them."""

    __slots__ = ("base", "masks", "matcher", "memo", "pref", "prefixes", "steps", "strings")

    def __init__(self, steps: list[_Step]) -> None:
        prefixes = {p for s in steps if s[1] is not None for p in s[1]}
        self.prefixes = tuple(sorted(prefixes)) if prefixes else None
        opens: dict[str, int] = {}
        base = pref = 0
        for i, s in enumerate(steps):
            bit = 1 << i
            if s[3] and s[1] is not None:
                pref |= bit
            if not s[3]:
                base |= bit
            elif s[2] is not None:
                # the clause least often true in prose: the fewest steps opened, the fewest hits to read
                best = min(s[2][0], key=lambda c: (_odds(c), c)) if s[2] else None
                if best and "" not in best:
                    for x in best:
                        opens[x] = opens.get(x, 0) | bit
                else:
                    base |= bit
        self.steps = tuple(steps)
        self.base, self.pref = base, pref
        self.strings = tuple(sorted(opens))
        self.masks = tuple(opens[x] for x in self.strings)
        self.matcher = _matcher(self.strings) if self.strings else None
        #: (kept steps, last character) -> the steps left once their endings are checked
        self.memo: dict[tuple[int, str], tuple[_Step, ...]] = {}

    def pick(self, low: str, last: str) -> tuple[_Step, ...]:
        """The steps the gates let through for the folded line ``low`` ending with ``last`` (as written)
        and that can end with it."""
        keep = self.base
        if self.prefixes is not None and low.startswith(self.prefixes):
            keep |= self.pref
        if self.matcher is not None:
            masks = self.masks
            try:
                found = self.matcher.find_matches_as_indexes(low, True)
            except UnicodeEncodeError:  # a lone surrogate: Rust takes UTF-8
                found = _Substrings(self.strings).find_matches_as_indexes(low)
            for m in found:
                keep |= masks[m[0]]
        steps = self.memo.get((keep, last))
        if steps is None:
            if len(self.memo) >= _MAX_ENDINGS:
                self.memo.clear()
            steps = self.memo[keep, last] = tuple(
                s for i, s in enumerate(self.steps) if keep >> i & 1 and (s[4] is None or _ends(s[4], last)))
        return steps


def _admits(rule: Rule, alts: list[_Alt], text: str) -> bool:
    """Whether the prefilter lets ``text`` through to ``rule``'s regex (as :meth:`RuleGroup.match` does)."""
    step = _step(rule, alts, len(text), text[:1])
    if step is None:
        return False
    # what _Plan.pick would keep, without building a plan (and its automaton) per example: a step's
    # gates (its prefixes, its rarest clause) are implied by _passes, so only its ending is left to test
    if step[4] is not None and not _ends(step[4], text[-1:]):
        return False
    return not step[3] or _passes(step, fold(text))


#: Memoised (gates, last character) selections per plan before that memo is cleared.
_MAX_ENDINGS = 1024
#: Memoised plans per group before the memo is cleared (bounds memory on odd inputs).
_MAX_PLANS = 20_000
#: Verdicts memoised per group: lines up to MEMO_MAX_CHARS long, at most MEMO_SIZE of them before the memo
#: is cleared. Boilerplate repeats across the pages of a site (menus, footers, share bars: in the dev set
#: 39% of the lines of a page were already seen on an earlier page) and is short; article prose is long
#: and unique, so the length cap keeps the memo for what repeats (a few MB per group at most).
MEMO_MAX_CHARS = 200
MEMO_SIZE = 8192
_MISS = object()


def single_spaced(text: str) -> bool:
    """Whether the only white space in ``text`` is single spaces: no tab, no no-break space, no two spaces
    in a row (every other white-space character is unprintable). Most lines of a page are; in them
    ``\\s+`` matches exactly one space, which sharpens the prefilter (:func:`analyse`'s ``spaced``).

    >>> single_spaced("Do not sell my personal information"), single_spaced("Do  not"), single_spaced("Do\tnot")
    (True, False, False)
    """
    return text.isprintable() and "  " not in text


#: analyses (any line, single-spaced lines) by (pattern, case sensitivity, length bound, remove examples):
#: all the analysis reads
_ANALYSED: dict[tuple[str, bool, int, tuple[str, ...]], tuple[list[_Alt], list[_Alt]]] = {}


def _checked_alts(rule: Rule, spaced: bool = False) -> list[_Alt]:
    """:func:`analyse` of ``rule``, or "always try" when one of its remove examples that it matches (and
    that is single-spaced, for a ``spaced`` analysis) would not pass the prefilter (an analysis bug).
    Memoised by what the analysis reads: a rule sits in the groups of every language it applies to, and
    is analysed once (``Cleaner()`` starts 2x faster)."""
    key = (rule.pattern, rule.case_sensitive, rule.max_chars, tuple(rule.examples_remove))
    both = _ANALYSED.get(key)
    if both is None:
        checked = []
        for mode, alts in enumerate(_analyse_both(rule)):
            for ex in rule.examples_remove:
                if mode and not single_spaced(ex):
                    continue
                if rule.regex.fullmatch(ex) and not _admits(rule, alts, ex):  # pragma: no cover - an analysis bug
                    alts = [(0, rule.max_chars, None, None, (), None)]
                    break
            checked.append(alts)
        both = (checked[0], checked[1])
        if len(_ANALYSED) < 65536:
            _ANALYSED[key] = both
    return both[spaced]


class RuleGroup:
    """Rules applied together, each behind the prefilter worked out by :func:`analyse`."""

    __slots__ = ("_alts", "_bounds", "_by_tests", "_firsts", "_fits", "_memo", "_named", "_plans", "_shared",
                 "_spaced", "_steps", "_tests", "max_chars", "rules")

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self.max_chars = max((r.max_chars for r in self.rules), default=0)
        self._alts: list[list[_Alt]] = [_checked_alts(r) for r in self.rules]
        #: the analyses for single-spaced lines (the same lengths as ``_alts``, sharper literals)
        self._spaced: list[list[_Alt]] = [_checked_alts(r, True) for r in self.rules]
        bounds = {0}
        for alts in (*self._alts, *self._spaced):
            for a in alts:
                bounds.update((a[0], a[1] + 1))
        #: lengths at which some alternative starts or stops fitting: within a range, the same ones fit
        self._bounds = sorted(bounds)
        #: per analysis (any line, single-spaced), per rule: its alternatives' distinct first characters
        self._firsts = tuple([tuple({id(a[2]): a[2] for a in alts if a[2] is not None}.values()) for alts in every]
                             for every in (self._alts, self._spaced))
        #: (length range, first character, spaced) -> plan; building plans is most of a cold start, so
        #: plans are shared by the first characters that fit the same first characters of every rule
        #: (``_fits``), and steps by the rules' (length range, first characters that fit)
        self._plans: dict[tuple[int, str, bool], _Plan] = {}
        self._fits: dict[tuple[str, bool], tuple[int, ...]] = {}
        self._shared: dict[tuple[int, tuple[int, ...], bool], _Plan] = {}
        self._steps: dict[tuple[int, bool, int, int], _Step | None] = {}
        # A character no alternative names as its first (a Han character, most symbols) is told from
        # another only by the alternatives' class tests (\p{Lu}, \d...): its fits are looked up by the
        # answers to those tests, so text whose lines start with thousands of distinct characters (a
        # Chinese page) does not work out every rule's fits for each of them.
        distinct = list({id(f): f for every in self._firsts for firsts in every for f in firsts}.values())
        self._named: frozenset[str] = frozenset().union(*(f[0] for f in distinct))
        self._tests = tuple({id(t): t for f in distinct for t in f[1]}.values())
        self._by_tests: dict[tuple[bool, tuple[bool, ...]], tuple[int, ...]] = {}
        #: line -> verdict, for short lines (see MEMO_MAX_CHARS)
        self._memo: dict[str, tuple[Rule, regex.Match[str]] | None] = {}

    def clear_memo(self) -> None:
        """Forget the memoised verdicts."""
        self._memo.clear()

    def _plan(self, n: int, first: str, spaced: bool = False) -> _Plan:
        """The plan for lines of length ``n`` (or any in its range) that start with ``first`` (and are
        single-spaced, when ``spaced``)."""
        bucket = bisect_right(self._bounds, n)
        starts: dict[int, bool] = {}
        fits = self._fits.get((first, spaced))
        sig = None
        if fits is None and first and _folded(ord(first)) not in self._named:
            sig = (spaced, tuple([t.fullmatch(first) is not None for t in self._tests]))
            fits = self._by_tests.get(sig)
        if fits is None:  # which of each rule's first characters ``first`` fits (all, for an empty line)
            masks = []
            for firsts in self._firsts[spaced]:
                fit = -1
                if first:
                    fit = 0
                    for j, f in enumerate(firsts):
                        ok = starts.get(id(f))
                        if ok is None:
                            ok = starts[id(f)] = _starts(f, first)
                        if ok:
                            fit |= 1 << j
                masks.append(fit)
            fits = tuple(masks)
            if sig is not None:
                self._by_tests[sig] = fits
        self._fits[first, spaced] = fits
        # Characters that every rule treats alike share the plan ("T" and "W" open the same rules).
        plan = self._shared.get((bucket, fits, spaced))
        if plan is not None:
            return plan
        every = self._spaced if spaced else self._alts
        cache = self._steps
        steps = []
        for i, (r, alts, fit) in enumerate(zip(self.rules, every, fits, strict=True)):
            key = (i, spaced, bucket, fit)
            step = cache.get(key, _MISS)
            if step is _MISS:
                step = cache[key] = _step(r, alts, n, first, starts)
            if step is not None:
                steps.append(step)
        plan = self._shared[bucket, fits, spaced] = _Plan(steps)
        return plan

    def match(self, text: str, disabled: set[str], timeout: float, *, plain: bool = False,
              skip: frozenset[str] | set[str] = frozenset(), spaced: bool | None = None,
              ) -> tuple[Rule, regex.Match[str]] | None:
        """The first rule (in load order) whose pattern fullmatches ``text``, with its match.

        ``plain`` says that ``text`` needs no folding beyond ``str.lower`` (:func:`needs_fold` is false
        for it, or for the whole document it comes from). ``spaced``: whether :func:`single_spaced` holds
        of ``text`` (None: find out); it only chooses the prefilter, never the answer. Raises
        :class:`RuleTimeout` naming the rule that ran out of time; the caller disables it. ``skip``: rules
        passed over on this line only (a ``keep_closing`` rule on a story's closing line), unlike
        ``disabled`` ones, which have timed out on the document.

        The verdict depends on the line alone, so for short lines it is memoised (a verdict is not
        memoised when some rules are disabled or skipped, and a timeout is raised, never memoised): a
        line met again, such as a site's menu item on its next page, costs one dict look-up. With rules
        to skip, a memoised verdict still answers when it names none of them (the first rule that
        matches is then also the first that is not skipped).
        """
        n = len(text)
        if n > self.max_chars or not self.rules:
            return None
        if skip:
            hit = self._memo.get(text, _MISS) if n <= MEMO_MAX_CHARS and not disabled else _MISS
            if hit is None or (hit is not _MISS and hit[0].id not in skip):  # type: ignore[index]
                return hit  # type: ignore[return-value]
            return self._match(text, n, set(disabled).union(skip), timeout, plain, spaced)
        if n > MEMO_MAX_CHARS or disabled:
            return self._match(text, n, disabled, timeout, plain, spaced)
        memo = self._memo
        hit = memo.get(text, _MISS)
        if hit is _MISS:
            hit = self._match(text, n, disabled, timeout, plain, spaced)
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[text] = hit
        return hit  # type: ignore[return-value]

    def _match(self, text: str, n: int, disabled: set[str], timeout: float, plain: bool,
               spaced: bool | None = None) -> tuple[Rule, regex.Match[str]] | None:
        low = text.translate(_FOLD).lower() if not plain and needs_fold(text) else text.lower()
        if spaced is None:
            spaced = single_spaced(text)
        key = (bisect_right(self._bounds, n), text[:1], spaced)
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) >= _MAX_PLANS:  # bounds memory on odd inputs (every first character)
                for memo in (self._plans, self._shared, self._fits, self._steps, self._by_tests):
                    memo.clear()
            plan = self._plans[key] = self._plan(n, text[:1], spaced)
        for step in plan.pick(low, text[-1:]):
            if step[3] and not _passes(step, low):
                continue
            rule = step[0]
            if disabled and rule.id in disabled:
                continue
            try:
                # positional arguments: ``timeout=`` as a keyword costs a microsecond a call
                m = rule.regex.fullmatch(text, None, None, None, False, timeout)
            except TimeoutError:
                raise RuleTimeout(rule) from None
            if m:
                return rule, m
        return None
