"""find_duplicated_words: its pre-tests (a byte-level pair scan, then the regex only where a pair starts;
:func:`_may_stutter` for lines beyond Latin-1) never change what the regex alone finds.

The reference is the slow, obvious version: :func:`find_stutters` on every surviving line.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.document import Doc
from cleaner.heuristics.stutter import RULE_ID, find_duplicated_words, find_stutters


def _cuts(text: str, cut: frozenset[int] = frozenset(), reference: bool = False) -> list:
    doc = Doc(text)
    for ln in doc.lines:
        if ln.idx in cut:
            doc.cut_line(ln, "x", "x")
    if reference:
        for ln in doc.lines:
            if ln.cut is None:
                for s, e in find_stutters(ln.text):
                    doc.cut_span(ln, ln.start + s, ln.start + e, "duplicated_word", RULE_ID)
    else:
        find_duplicated_words(doc)
    return [(ln.cut, ln.parts) for ln in doc.lines]


# Words whose case-insensitive matching is special (ſ, K, µ, ß, İ, ǅ, final sigma...), Latin-1 and beyond,
# legitimate repeats, apostrophes; separators and punctuation that the pre-tests map (typography, line
# separators, invisible characters, a literal "?", which stands for "beyond Latin-1").
_WORDS = ["end", "End", "END", "the", "The", "had", "that", "a", "ab", "été", "Été", "ÉTÉ", "straße", "STRASSE",
          "ǅemal", "ǆemal", "день", "ДЕНЬ", "ſhare", "share", "Kelvin", "kelvin", "µm", "Μm", "don't", "don’t",
          "l'end", "ÿes", "Ÿes", "œuvre", "Œuvre", "İs", "is", "ﬁne", "fine", "Σ", "σ", "ς", "x1", "e\u0301t"]
_SEPARATORS = [" ", " ", " ", " ", "  ", "\t", "\xa0", "\u2009", "\u200b", "\u2060", "\ufeff", "\x85", "\u2028",
               "\n", "\r\n", "\x0b", "\x1c", "\x1f", "\x00", "\x02", "\x7f", "\x81", "\u3000"]
_MARKS = ["", "", "", "“", "”", '"', "‘", "'", "(", "[", "«", "»", "„", "?", "!", ",", "…", "–", "-", "›", "©", "¿",
          "²", "€", "\u0301"]
_token = st.builds(lambda a, w, b: a + w + b, st.sampled_from(_MARKS), st.sampled_from(_WORDS), st.sampled_from(_MARKS))
def _runs(word_and_copies: tuple[str, list]) -> str:
    word, copies = word_and_copies
    return " ".join([word, *(f(word) for f in copies)])


# a token, then (often) copies of it with other case or marks: stutters, legitimate repeats, near misses
_text = st.lists(
    st.tuples(
        st.one_of(
            st.tuples(_token, st.lists(st.sampled_from([str, str.upper, str.capitalize, str.lower,
                                                        lambda s: "“" + s, lambda s: "'" + s, lambda s: s + ","]),
                                       max_size=3)).map(_runs),
            _token,
            st.text(max_size=12),
        ),
        st.sampled_from(_SEPARATORS),
    ),
    max_size=30,
).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=1500, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_text, st.frozensets(st.integers(0, 8), max_size=4))
def test_same_cuts_as_the_regex_on_every_line(text, cut):
    assert _cuts(text, cut) == _cuts(text, cut, reference=True)


@pytest.mark.parametrize(
    "text",
    [
        "He said the the plan",  # ASCII
        "Pakistan needs to “end “end any support",  # typography
        "Le ministre a dit que l'été été difficile, très très",  # Latin-1 (très très)
        "Der Plan der der Regierung, sagte er",  # a legitimate repeat
        "Он сказал, что что план",  # beyond Latin-1
        "Straße straße und Öl ÖL öl",  # Latin-1 case
        "the\u200bthe end",  # an invisible character is a space in the lines' view
        "end end\u200b\nend end\u2028the the",  # ... also where the line is stripped; line separators
        "and and? and and",  # a literal "?"
        "ſhare share, Kelvin kelvin, µm Μm",  # case folding beyond Latin-1
        " ".join(["the"] * 300),  # many tries in one line: the regex scans it whole
        "first line ends with word\nword starts the next",  # a pair across lines is none
    ],
)
def test_examples_match_the_reference(text):
    assert _cuts(text) == _cuts(text, reference=True)
    assert _cuts(text, frozenset({0})) == _cuts(text, frozenset({0}), reference=True)


def test_examples_are_found():
    doc = Doc("He said the the plan would fail.\nOn a new line: très très bien, что что")
    find_duplicated_words(doc)
    assert [[doc.source[s:e] for s, e, *_ in ln.parts] for ln in doc.lines] == [["the "], ["très ", "что "]]


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        # every token a pair: each line keeps its last "the"
        ("\n".join(" ".join(["the"] * 400) for _ in range(100)), ["the " * 399] * 100),
        (" ".join(["the"] * 40_000), ["the " * 39_999]),  # one long line of pairs
        (" ".join(["that"] * 40_000), []),  # legitimate repeats
        ("“" * 40_000 + " end end", ["end "]),
        (("end " * 20 + "\u200b") * 2000, [("end " * 20 + "\u200b") * 1999 + "end " * 19]),  # non-Latin-1 tokens
        ("день день " * 20_000, ["день день " * 19_999 + "день "]),
    ],
    ids=["pairs-by-line", "one-line", "legitimate", "quotes", "beyond-latin-1", "cyrillic"],
)
def test_adversarial_input(text, cut):
    # the cuts on these bounded inputs are asserted, not the time taken (speed: benchmarks/, whose
    # adversarial "repeats" document is the first case through the whole cleaner)
    doc = Doc(text)
    find_duplicated_words(doc)
    assert [doc.source[s:e] for ln in doc.lines for s, e, *_ in ln.parts] == cut
    assert _cuts(text) == _cuts(text, reference=True)


def test_languages_that_double_words_by_grammar_keep_their_doubles():
    """Indonesian doubles words for plurals and emphasis; the same text read as English is a stutter."""
    from cleaner import Cleaner

    text = ("Dari sekedar kritik yang santun, hingga penghinaan yang amat amat keji terhadap para sahabat "
            "Nabi, semuanya tercatat dalam kitab kitab mereka sejak dahulu kala.")
    c = Cleaner()
    r = c.clean(text, html=False)
    assert r.language == "id"
    assert r.text == text and not r.removed
    assert c.clean(text, html=False, lang="en").text != text  # the same doubles in English are cut


def test_word_repeated_to_open_a_parenthesis_is_the_writers() -> None:
    text = "you have access to your games (games you paid for) only as long as they are online"
    assert find_stutters(text) == []
    assert Cleaner().clean(text, lang="en").text == text
