"""The fast paths of site memory's learning pass give the very values of the plain ones.

Learning normalises the lines it learns in one pass per document (:func:`normalize_lines`), hashes the
shingles with vector operations (:func:`_shingles`) and computes a one-permutation MinHash with numpy
(:func:`minhash`). The clean pass looks lines up by :func:`normalize` of the lines of
:class:`cleaner.document.Doc`, and files learned before must keep their meaning: each fast path is
checked here against the plain definition, on every code point and on odd text.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import Doc, line_shapes
from cleaner.memory import (
    MAX_LEARN_WORDS,
    MAX_PROSE_WORDS,
    MIN_SHINGLES,
    NUM_PERM,
    PROBES,
    SEED,
    SHINGLE_BYTES,
    _bin_values,
    _shingles,
    band_hashes,
    eligible,
    line_key,
    minhash,
    normalize,
    normalize_lines,
    sketch,
)

#: line breaks: str.splitlines parts lines on them, so no line holds one
BREAKS = set("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
ODD = [
    "  Sign up\u00a0for our  NEWSLETTER!  ",
    "a\u200bb\u2060c\ufeffd\x00e\x1ff\x7fg\x85h",
    "Tab\tseparated\x0bvertical\x0cfeed\rreturn",
    "ÉTÉ 2024 — Straße ﬁnal Ⅻ ٣٤ ⁵ K Σίσυφος ΣΑΣ",
    "東京で 3 人が…「速報」",
    "\ud800 lone surrogate \udfff",
    "(11) 11 reviews, average 4.2 of 5",
    "© 2025 The Courier",
    "",
    "   ",
    "\u200b\u200b",
]


def test_normalize_lines_every_code_point():
    lines = []
    for start in range(0, 0x110000, 48):
        chars = [chr(c) for c in range(start, min(start + 48, 0x110000)) if chr(c) not in BREAKS]
        lines.append("Ab " + "x".join(chars) + " 9Z")
    assert normalize_lines(lines) == [normalize(ln) for ln in lines]


def test_normalize_lines_odd_text():
    assert normalize_lines(ODD) == [normalize(ln) for ln in ODD]
    assert normalize_lines([]) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_characters=sorted(BREAKS)), max_size=40), max_size=8))
def test_normalize_lines_property(lines):
    assert normalize_lines(lines) == [normalize(ln) for ln in lines]


def _learned_keys(text: str) -> set[int]:
    """What the clean pass would look up for the learnable lines of ``text`` (Doc lines, normalize)."""
    keys = set()
    for ln in Doc(text).lines:
        norm = normalize(ln.text)
        if ln.prose and ln.n_words > MAX_PROSE_WORDS:  # (find_site_lines never looks one up)
            continue
        if norm and ln.n_words <= MAX_LEARN_WORDS and eligible(ln.text, norm):
            keys.add(line_key(norm))
    return keys


@pytest.mark.parametrize("text", [
    "\n".join(ODD),
    "Home\r\nSport\r\n\r\n  The mayor opened the bridge on Monday after two years of work.  \r\nContact us",
    "Menu\u2028World\u2029Business\x85Culture\x0cTravel\x1cJobs",
    "Sub\u200bscribe\nNews\x00letter\n\ufeffHome\n\u200b\n\t\tSport \u00a0 \n",
    "Ελάτε στις 9:30\nΣυνδρομή\n東京の天気。今日は晴れです。\nสมัครสมาชิก\n",
])
def test_sketch_keys_are_the_clean_pass_keys(text):
    s = sketch(text, "x.org")
    assert s is not None
    assert {h for h, _ in s.lines} == _learned_keys(text)
    assert all(line_key(t) == h for h, t in s.lines)


def _shingles_plain(data: bytes) -> np.ndarray:
    """The definition: the SHINGLE_BYTES bytes from each word start (after a space), their two 8-byte
    halves (little-endian) times two odd constants, xor-ed, mixed, the high 32 bits."""
    k1, k2, mask = 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, (1 << 64) - 1
    out = []
    for i in range(1, len(data) - SHINGLE_BYTES + 1):
        if data[i - 1] == 32 and data[i] != 32:
            h = (int.from_bytes(data[i : i + 8], "little") * k1) & mask
            h ^= (int.from_bytes(data[i + 8 : i + 16], "little") * k2) & mask
            h ^= h >> 29
            out.append(((h * k1) & mask) >> 32)
    return np.array(out, dtype=np.uint32)


@pytest.mark.parametrize("data", [b"", b"short", b" exactly sixteen!", b" exactly sixteen", b"  two  spaces  x" * 3,
                                  b"the mayor opened the bridge " * 30, " ελάτε στισ 0 00 東京で 0 人が速報 ".encode() * 3,
                                  b"x" * 5000, b" " * 40])
def test_shingles_are_the_word_windows(data):
    assert np.array_equal(_shingles(data), _shingles_plain(data))


def _mix(x: int) -> int:
    """MurmurHash3's 32-bit finalizer."""
    x ^= x >> 16
    x = (x * 0x85EBCA6B) & 0xFFFFFFFF
    x ^= x >> 13
    x = (x * 0xC2B2AE35) & 0xFFFFFFFF
    return x ^ (x >> 16)


def _minhash_plain(values: list[int], *, mixed: bool = False) -> list[int]:
    """The definition: each mixed value in the bin of its range, the least of each bin; an empty bin takes
    the value of the first filled bin among its probe bins, else of the next filled bin (circularly)."""
    low = [(k << 32) // NUM_PERM for k in range(NUM_PERM + 1)]
    bins: list[int | None] = [None] * NUM_PERM
    for g in values if mixed else map(_mix, values):
        k = max(i for i in range(NUM_PERM) if low[i] <= g)
        bins[k] = g if bins[k] is None else min(bins[k], g)
    probes = np.random.RandomState(SEED).randint(0, NUM_PERM, (NUM_PERM, PROBES)).tolist()
    out = []
    for k in range(NUM_PERM):
        if bins[k] is not None:
            out.append(bins[k])
            continue
        src = next((j for j in probes[k] if bins[j] is not None), None)
        if src is None:
            src = next(j % NUM_PERM for j in range(k, k + NUM_PERM) if bins[j % NUM_PERM] is not None)
        out.append(bins[src])
    return out


def test_minhash_is_the_one_permutation_definition():
    rng = random.Random(3)
    for n in (1, 2, MIN_SHINGLES, 500, 40_000):
        values = [rng.getrandbits(32) for _ in range(n)]
        assert minhash(np.array(values, dtype=np.uint32)).tolist() == _minhash_plain(values)
    # mixed values on the bins' edges: each bin's lowest value, and the one below it (the bin before's highest)
    edges = [(k << 32) // NUM_PERM for k in range(0, NUM_PERM, 3)]
    g = sorted({*edges, *(e - 1 for e in edges[1:]), 0xFFFFFFFF})
    assert _bin_values(np.array(g, dtype=np.uint32)).tolist() == _minhash_plain(g, mixed=True)


def test_minhash_agrees_as_often_as_the_sets_are_alike():
    """Two sets of Jaccard similarity J agree in about J of the values (what the bands rely on)."""
    rng = random.Random(5)
    for n, share in ((30, 0.5), (200, 0.5), (800, 0.75), (800, 0.35)):
        agree = 0.0
        for _ in range(40):
            common = [rng.getrandbits(32) for _ in range(round(n * 2 * share / (1 + share)))]
            a = common + [rng.getrandbits(32) for _ in range(n - len(common))]
            b = common + [rng.getrandbits(32) for _ in range(n - len(common))]
            jaccard = len(set(a) & set(b)) / len(set(a) | set(b))
            ma, mb = minhash(np.array(a, dtype=np.uint32)), minhash(np.array(b, dtype=np.uint32))
            agree += float((ma == mb).mean()) - jaccard
        assert abs(agree / 40) < 0.05, (n, share, agree / 40)


def test_bands_need_distinct_shingles():
    assert band_hashes(np.array([4] * 100, dtype=np.uint32)) == b""
    assert len(band_hashes(np.arange(0, 4 * MIN_SHINGLES, 4, dtype=np.uint32))) == 8 * 12


SHAPE_TEXTS = [
    "\n".join(ODD),
    "Home\r\nSport\r\n\r\n  The mayor opened the bridge on Monday after two years of work.  \r\nContact us",
    "Menu\u2028World\u2029Business\x85Culture\x0cTravel\x1cJobs\x1d\x1e",
    "Sub\u200bscribe\nNews\x00letter\n\ufeffHome\n\u200b\n\t\tSport \u00a0 \n",
    "A  line  with  double  spaces  that  runs  on  for  well  over  ten  words  and  ends.",
    "https://example.com/a/very/long/link/that/is/one/token/and/nothing/else/at/all/really/x",
    "Nine words here and they end with a stop.\nTen words here and they do end with a stop.",
    "He said: \"It ends in a quote.\" And then some more words follow here to be long.\u201d",
    "One. Two three four five six seven eight nine ten eleven twelve. " * 8 + "Read more \u00bb",
    "Wait for it... and it goes on with ten words or more here...",
    "\u0e2a\u0e21\u0e31\u0e04\u0e23\u0e2a\u0e21\u0e32\u0e0a\u0e34\u0e01 " * 12,
    "\u6771\u4eac\u306e\u5929\u6c17\u3002\u4eca\u65e5\u306f\u6674\u308c\u3067\u3059\u3002" * 3,
    "\u03a4\u03b9 \u03ba\u03ac\u03bd\u03b5\u03b9\u03c2 \u03c3\u03ae\u03bc\u03b5\u03c1\u03b1 \u03c6\u03af\u03bb\u03b5 \u03bc\u03bf\u03c5 "
    "\u03ba\u03b1\u03b9 \u03c0\u03ce\u03c2 \u03c0\u03ac\u03b5\u03b9 \u03b7 \u03b4\u03bf\u03c5\u03bb\u03b5\u03b9\u03ac \u03c3\u03bf\u03c5 "
    "\u03c3\u03ae\u03bc\u03b5\u03c1\u03b1;",
]


@pytest.mark.parametrize("text", SHAPE_TEXTS)
def test_line_shapes_are_the_doc_lines(text):
    assert line_shapes(text) == [(ln.text, ln.n_words, ln.prose) for ln in Doc(text).lines]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=30), st.sampled_from(["word", "Word.", " ", "\u200b", "\r\n", "\t", "...",
                                                                  "\u00a0", "\u2028", "\u3002", "x" * 40])), max_size=40))
def test_line_shapes_property(parts):
    text = " ".join(parts)
    assert line_shapes(text) == [(ln.text, ln.n_words, ln.prose) for ln in Doc(text).lines]


def test_sketch_is_the_same_whatever_the_memo_of_lines_holds(monkeypatch):
    """Lines seen before are looked up in memory._SEEN: a cold, a warm and an often cleared memo give the
    same sketches."""
    from cleaner import memory

    texts = [*SHAPE_TEXTS, "Home\nSport\n" + SHAPE_TEXTS[6], "Sport\nHome\n" + SHAPE_TEXTS[1], "\u2014 \u00a9 !!"]
    monkeypatch.setattr(memory, "_SEEN", {})
    cold = []
    for text in texts:
        memory._SEEN.clear()
        cold.append(sketch(text, "x.org"))
    warm = [sketch(text, "x.org") for text in texts + texts]
    monkeypatch.setattr(memory, "_MAX_SEEN", 3)
    tiny = [sketch(text, "x.org") for text in texts]
    assert warm == cold + cold and tiny == cold
    assert cold[-1] is None  # nothing but punctuation and symbols


def test_story_bands_of_a_batch_are_each_documents_own():
    """sketches() computes the bands of a batch of documents together: the same as one by one."""
    from cleaner.memory import _story_bands, light

    rng = random.Random(11)
    words = "the mayor opened a new bridge over river on monday after two years of work".split()
    prose = [b"", b"short", b"x" * 40, light(" ".join(SHAPE_TEXTS))]
    for _ in range(30):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 120)))
        prose.append(light(text + rng.choice(["", " ", "  ", " \u201cquoted\u201d "])))
    one_by_one = [band_hashes(_shingles(p)) for p in prose]
    assert _story_bands(prose) == one_by_one
    for a, b in ((0, 5), (3, 4), (5, 17), (17, len(prose))):
        assert _story_bands(prose[a:b]) == one_by_one[a:b]
    assert sum(1 for b in one_by_one if b) > 10
