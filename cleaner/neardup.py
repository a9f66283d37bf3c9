"""Near-duplicate documents: which cleaned texts are versions of an earlier one (an update, a syndicated copy,
a re-scrape of the same page), decided in input order.

**The signature** (:func:`signature`) of a cleaned text is a pure function of the text: the text is
case folded and cut into tokens (runs of letters, digits and marks; each Chinese, Japanese, Thai, Lao,
Khmer or Burmese character is a token of its own, those scripts do not space words); every run of
:data:`SHINGLE_WORDS` tokens is a shingle, hashed to 32 bits (polynomials of code points modulo 2**64,
for all tokens at once in numpy: :func:`token_hashes`); the distinct shingles get a MinHash
(:data:`NUM_PERM` permutations of seed :data:`SEED`: datasketch's ``affine32`` scheme, computed in numpy,
:func:`minhash`). The signature is :data:`BANDS` band hashes (8
bytes each: BLAKE2b of ``rows`` consecutive MinHash values, salted with the band's number) followed by
the *sketch*, the low byte of each MinHash value: 128 + 128 = 256 bytes. A text with fewer than
:data:`MIN_SHINGLES` distinct shingles (about 24 words) has no signature (``b""``): it is never a
near-duplicate, nor the original of one (a caption, a "page not found", a gallery's one line say too
little to tell versions of a story from pages that merely look alike).

**The threshold** *J* (default :data:`DEFAULT_THRESHOLD`) is a Jaccard similarity of the two texts'
shingle sets. Documents that share a band are *candidates* (``rows`` per band is chosen from *J* so that
a pair at *J* is a candidate with probability :data:`CANDIDATE_RECALL`, :func:`rows_for`); a candidate is
a near-duplicate when the share of equal sketch bytes, corrected for the 1 in 256 equal by chance,
estimates its similarity at *J* or more (:func:`similarity`; within about 0.04). The chance that a
pair is found (:func:`found_probability`), at the default *J* = 0.7: similarity 0.6: 1 %, 0.65: 12 %,
0.7: 52 %, 0.75: 91 %, 0.8: 99.7 %, 0.85 and over: 100 %; 0.5: two in a million. A paragraph
added to a story of ten keeps about 85 % of its shingles; a syndicated copy whose boilerplate cleaner
cut is the same text; two stories of one site that share leftover boilerplate are 0.2-0.5 alike.

**In input order** (:class:`NearDuplicates`). Each document with a signature is compared with the
earlier ones it shares a band with (for each band, the first document that had it); when some of them
are near-duplicates of it, it joins the earliest *cluster* among theirs and its ``near_duplicate_of`` is
that cluster's first member; otherwise it starts a cluster of its own. So when B matches A and C
matches B but not A, C is a near-duplicate of A (it reached A's cluster through B), and when D matches
members of clusters A and X, it joins whichever started first (the clusters are not merged: what was
written for X's members stands). The answer for a document depends only on the documents before it, in
input order: never on ``--jobs``, chunking or timing.

**Memory.** The index keeps, per band not seen before, its 8-byte hash and a 4-byte document number, in
sorted numpy arrays (recent ones in a dict, merged in batches: :attr:`NearDuplicates.MERGE_AT`); per
document with a signature, its sketch (128 bytes) and cluster (4 bytes); per cluster, the reference
later near-duplicates get (the id as JSON, and 8 bytes). A document that starts a cluster costs
16 x 12 + 132 + 8 = 332 bytes plus its id; a near-duplicate 132 bytes plus its bands not seen before.
Measured on a million distinct documents with 18-byte ids: :attr:`NearDuplicates.nbytes` 392 bytes a
document (with the dict of recent bands), and the process grew by 526 MB (with the copies made while a
batch of bands is merged into the arrays, and the allocator's slack).

Example:
    >>> story = ("The council approved the budget for the new bridge on Tuesday after a long debate. "
    ...          "Work on the crossing is expected to take two years and will close the old ferry route.")
    >>> nd = NearDuplicates()
    >>> nd.add(signature(story), "a"), nd.add(signature(story + "Work starts in May."), "b")
    (None, 'a')
    >>> signature("Too short to judge."), nd.add(b"", "c")
    (b'', None)
"""

from __future__ import annotations

import hashlib
import json
import math
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import regex

from cleaner import minhash as _mh

#: Tokens per shingle.
SHINGLE_WORDS = 5
#: A text needs this many distinct shingles (about 24 words) for a signature; a shorter one is never a
#: near-duplicate.
MIN_SHINGLES = 20
#: MinHash permutations: the sketch keeps the low byte of each (a pair's share of equal bytes estimates
#: its Jaccard similarity within about 0.04)
NUM_PERM = 128
#: Bands of the signature (8 bytes each, hashes of the first ``BANDS * rows`` MinHash values); a pair
#: sharing a band is a candidate, compared by its sketches.
BANDS = 16
#: How likely a pair exactly at the threshold is to become a candidate (:func:`rows_for`).
CANDIDATE_RECALL = 0.98
#: Default Jaccard threshold of shingles: found with probability 1/2 there (see the module's docstring).
DEFAULT_THRESHOLD = 0.7
#: Thresholds accepted: below 0.5 pages of one site that merely share leftover boilerplate match (the dev
#: sets' one false pair was 0.54 alike); above 0.95 the sketch (within about 0.04) cannot tell.
MIN_THRESHOLD, MAX_THRESHOLD = 0.5, 0.95
#: The MinHash's seed, and the datasketch permutation scheme it reproduces (:func:`minhash`).
SEED = 14
SCHEME = "affine32"
#: The output field.
FIELD = "near_duplicate_of"

_SPACELESS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"


def rows_for(threshold: float) -> int:
    """Rows per band for a Jaccard threshold: the most (at most ``NUM_PERM // BANDS``) with which a pair
    exactly at ``threshold`` still shares a band with probability :data:`CANDIDATE_RECALL`: the bands only
    propose candidates, the sketch decides.

    >>> rows_for(0.5), rows_for(0.7), rows_for(0.8), rows_for(0.9)
    (2, 4, 6, 8)
    """
    if not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD:
        raise ValueError(f"the near-duplicate threshold must be between {MIN_THRESHOLD} and {MAX_THRESHOLD}, "
                         f"not {threshold}")
    rows = 1
    while rows < NUM_PERM // BANDS and probability(threshold, rows + 1) >= CANDIDATE_RECALL:
        rows += 1
    return rows


def probability(similarity: float, rows: int) -> float:
    """The chance that two texts whose shingles have this Jaccard similarity share a band (and so are
    compared).

    >>> round(probability(0.7, 4), 3), round(probability(0.3, 4), 3)
    (0.988, 0.122)
    """
    return 1 - (1 - similarity**rows) ** BANDS


def similarity(a: bytes, b: bytes) -> float:
    """The Jaccard similarity of two texts' shingles as their signatures estimate it (the share of equal
    sketch bytes, corrected for the 1 in 256 that are equal by chance); 0.0 when either has none.

    >>> text = ("Storms closed the coast road and three schools on Monday, officials said, and the ferry "
    ...         "to the islands will not sail again before Thursday morning")
    >>> a, b = signature(text + "."), signature(text + ", the port said.")  # 21 shingles of 24 alike: 0.875
    >>> similarity(a, a), round(similarity(a, b), 2), similarity(a, b"")
    (1.0, 0.89, 0.0)
    """
    if not a or not b:
        return 0.0
    x = np.frombuffer(a, dtype=np.uint8, offset=BANDS * 8)
    y = np.frombuffer(b, dtype=np.uint8, offset=BANDS * 8)
    return _estimate(int(np.count_nonzero(x == y)))


def found_probability(similarity: float, threshold: float = DEFAULT_THRESHOLD) -> float:
    """The chance that a pair of texts with this Jaccard similarity of shingles is found to be
    near-duplicates at ``threshold``: it is a candidate (:func:`probability`) and its sketches agree enough.

    >>> [round(found_probability(s), 3) for s in (0.5, 0.6, 0.7, 0.8, 0.9)]
    [0.0, 0.01, 0.518, 0.997, 1.0]
    """
    p = similarity + (1 - similarity) / 256  # a sketch byte is equal when the MinHash value is, or by chance
    need = next(m for m in range(NUM_PERM + 1) if _estimate(m) >= threshold)
    tail = sum(math.comb(NUM_PERM, m) * p**m * (1 - p) ** (NUM_PERM - m) for m in range(need, NUM_PERM + 1))
    return probability(similarity, rows_for(threshold)) * tail


def _estimate(equal: int) -> float:
    return max(0.0, (equal / NUM_PERM - 1 / 256) / (1 - 1 / 256))


_P = np.uint64(0x100000001B3)  # odd: invertible modulo 2**64
_P_INV = np.uint64(pow(0x100000001B3, -1, 1 << 64))
_MIX = np.uint64(0x9E3779B97F4A7C15)
_ASCII_CLASS = np.array([1 if chr(c).isalnum() else 0 for c in range(128)], dtype=np.uint8)
_WORD_CHAR = regex.compile(r"[\p{L}\p{N}\p{M}]")
_SPACELESS_CHAR = regex.compile(rf"[{_SPACELESS}]")
#: Code points hashed at a time (a longer text is cut, between tokens, into pieces of at most this many):
#: the tables of powers stay small, and so does the memory a huge text needs.
_SEGMENT = 1 << 16
with np.errstate(over="ignore"):
    _PW = np.cumprod(np.concatenate(([np.uint64(1)], np.full(_SEGMENT, _P, dtype=np.uint64))))  # P**i
    _PINV = np.cumprod(np.concatenate(([np.uint64(1)], np.full(_SEGMENT, _P_INV, dtype=np.uint64))))  # P**-i


def _classes(cps: Any) -> Any:
    """Per code point: 0 between tokens, 1 in a word, 2 a token of its own (a script without spaces)."""
    cls = np.zeros(len(cps), dtype=np.uint8)
    ascii_ = cps < 128
    cls[ascii_] = _ASCII_CLASS[cps[ascii_]]
    if not ascii_.all():
        uniq = np.unique(cps[~ascii_])
        table = np.array([2 if _SPACELESS_CHAR.match(c) else 1 if _WORD_CHAR.match(c) else 0
                          for c in map(chr, uniq.tolist())], dtype=np.uint8)
        cls[~ascii_] = table[np.searchsorted(uniq, cps[~ascii_])]
    return cls


def token_hashes(text: str) -> Any:
    """The 64-bit hashes of the tokens of ``text``, in order (a numpy array): each token's code points,
    case folded, as a polynomial modulo 2**64, computed for all tokens at once.

    >>> t = token_hashes("Café, CAFÉ! 東京")
    >>> len(t), bool(t[0] == t[1]), bool(t[2] == t[3])
    (4, True, False)
    """
    cps = np.frombuffer(text.casefold().encode("utf-32-le", "surrogatepass"), dtype="<u4")
    cls = _classes(cps)
    pieces = []
    start = 0
    while start < len(cps):
        end = min(start + _SEGMENT, len(cps))
        if end < len(cps):  # cut between tokens: at the last code point of the piece outside a word
            gaps = np.flatnonzero(cls[start:end] != 1)
            if len(gaps) and gaps[-1] > 0:
                end = start + int(gaps[-1])
        pieces.append(_hash_tokens(cps[start:end], cls[start:end]))
        start = end
    return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.uint64)


def _hash_tokens(cps: Any, cls: Any) -> Any:
    """:func:`token_hashes` of a piece of at most ``_SEGMENT`` code points."""
    word = cls == 1
    edge = np.diff(np.concatenate(([False], word, [False])).astype(np.int8))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    own = np.flatnonzero(cls == 2)
    if len(own):
        starts, ends = np.concatenate((starts, own)), np.concatenate((ends, own + 1))
        order = np.argsort(starts, kind="stable")
        starts, ends = starts[order], ends[order]
    with np.errstate(over="ignore"):
        acc = np.concatenate(([np.uint64(0)], np.cumsum((cps.astype(np.uint64) + np.uint64(1)) * _PINV[: len(cps)])))
        return (acc[ends] - acc[starts]) * _PW[ends - 1]


def shingles(text: str) -> Any:
    """The distinct 32-bit hashes of the shingles of ``text`` (a numpy array), as the module says.

    >>> len(shingles("One two three four five six")), len(shingles("One, TWO three four five."))
    (2, 1)
    """
    th = token_hashes(text)
    n = len(th) - SHINGLE_WORDS + 1
    if n < 1:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(SHINGLE_WORDS):
            h = h * _P + th[i : i + n]
        h = (h * _MIX) >> np.uint64(32)
    return np.unique(h)


def permutations() -> Any:
    """The (a, b) of the ``NUM_PERM`` affine permutations: those of ``datasketch.MinHash(num_perm=NUM_PERM,
    seed=SEED, scheme="affine32")`` (:func:`cleaner.minhash.permutations`)."""
    return _mh.permutations(NUM_PERM, SEED)


def minhash(hashes: Any) -> Any:
    """The MinHash values (``NUM_PERM`` uint32) of a set of 32-bit hashes: datasketch's ``affine32`` scheme,
    computed in numpy (:func:`cleaner.minhash.minhash`) so that a worker does not import datasketch.

    >>> minhash(np.array([1, 2, 3], dtype=np.uint64)).shape
    (128,)
    """
    return _mh.minhash(hashes, num_perm=NUM_PERM, seed=SEED)


def signature(text: str, threshold: float = DEFAULT_THRESHOLD) -> bytes:
    """The near-duplicate signature of a cleaned text: ``BANDS`` band hashes of 8 bytes then the sketch
    (``NUM_PERM`` bytes), or ``b""`` when the text has fewer than ``MIN_SHINGLES`` shingles. The same text
    and threshold always give the same bytes, in any process.

    >>> len(signature("The council approved the budget for the new bridge on Tuesday after a long debate "
    ...               "that ran past midnight, and work is expected to start in the spring."))
    256
    """
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return b""
    rows = rows_for(threshold)
    values = minhash(sh).astype("<u4")
    bands = b"".join(
        hashlib.blake2b(values[i * rows : (i + 1) * rows].tobytes(), digest_size=8, salt=i.to_bytes(2, "little")).digest()
        for i in range(BANDS)
    )
    return bands + (values & 0xFF).astype(np.uint8).tobytes()


class NearDuplicates:
    """The index of a batch, fed in input order: :meth:`add` answers, for each document, the reference of
    the first member of the earliest cluster it is a near-duplicate of, or None (see the module's
    docstring for what a cluster is and what the index costs).

    References are what later near-duplicates are told: usually the document's id. They are kept as
    JSON; :meth:`add_json` takes and gives the JSON bytes (what ``cleaner clean`` splices into its lines).

    >>> nd = NearDuplicates()
    >>> sig = signature("Storms closed the coast road and three schools on Monday, officials said, "
    ...                 "and the ferry to the islands will not sail again before Thursday morning.")
    >>> [nd.add(sig, i) for i in (7, 8, 9)], len(nd), nd.clusters
    ([None, 7, 7], 3, 1)
    """

    #: bands kept in the dict before they are merged into the sorted arrays: this many, or 1/32 of the
    #: arrays when that is more (up to 2**20 bands, about 100 MB), so that a big index is not copied too often
    MERGE_AT = 1 << 18

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        rows_for(threshold)  # a bad threshold fails here
        self.threshold = threshold
        self._keys = np.zeros(0, dtype=np.uint64)  # sorted band hashes
        self._vals = np.zeros(0, dtype=np.uint32)  # the first document (with a signature) that had each
        self._recent: dict[int, int] = {}  # band hash -> document, not merged yet
        self._sketches = bytearray()  # NUM_PERM bytes per document with a signature
        self._cluster = array("I")  # per document with a signature: its cluster
        self._refs = bytearray()  # the clusters' references (JSON), end to end
        self._ends = array("Q")  # where each cluster's reference ends in _refs
        self._docs = 0
        #: documents found to be near-duplicates of an earlier one
        self.duplicates = 0

    def __len__(self) -> int:
        """Documents added (with a signature or not)."""
        return self._docs

    @property
    def clusters(self) -> int:
        """Clusters started: documents with a signature that were not near-duplicates."""
        return len(self._ends)

    @property
    def nbytes(self) -> int:
        """About how many bytes the index holds (arrays, sketches, references, and the dict at ~100 bytes
        a band)."""
        return (self._keys.nbytes + self._vals.nbytes + len(self._sketches) + 4 * len(self._cluster)
                + len(self._refs) + 8 * len(self._ends) + 100 * len(self._recent))

    def add(self, sig: bytes, ref: object) -> Any:
        """Add the next document (its :func:`signature`, and what its near-duplicates should be told,
        e.g. its id: anything JSON can hold); the reference of the first member of its cluster when it is a
        near-duplicate of an earlier document, else None."""
        got = self.add_json(sig, json.dumps(ref, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        return None if got is None else json.loads(got)  # (json, not orjson: an id may be over 64 bits)

    def add_json(self, sig: bytes, ref_json: bytes) -> bytes | None:
        """:meth:`add` with the reference as JSON bytes, kept and returned verbatim."""
        self._docs += 1
        if not sig:
            return None
        if len(sig) != BANDS * 8 + NUM_PERM:
            raise ValueError(f"not a near-duplicate signature: {len(sig)} bytes")
        keys = np.frombuffer(sig, dtype="<u8", count=BANDS)
        sketch = np.frombuffer(sig, dtype=np.uint8, offset=BANDS * 8)
        candidates: set[int] = set()
        found = [False] * BANDS
        if len(self._keys):
            pos = np.searchsorted(self._keys, keys)
            pos[pos >= len(self._keys)] = 0
            hit = self._keys[pos] == keys
            if hit.any():
                found = hit.tolist()
                candidates.update(self._vals[pos[hit]].tolist())
        klist = keys.tolist()
        for i, k in enumerate(klist):
            d = self._recent.get(k)
            if d is not None:
                found[i] = True
                candidates.add(d)
        cluster = -1
        for d in candidates:  # the sketches decide: at least `threshold` alike
            other = np.frombuffer(self._sketches, dtype=np.uint8, count=NUM_PERM, offset=d * NUM_PERM)
            if _estimate(int(np.count_nonzero(other == sketch))) >= self.threshold:
                c = self._cluster[d]
                if cluster < 0 or c < cluster:
                    cluster = c
            del other  # (a view: the bytearray cannot grow while one is alive)
        if cluster < 0:
            cluster = len(self._ends)
            self._refs += ref_json
            self._ends.append(len(self._refs))
            answer = None
        else:
            self.duplicates += 1
            start = self._ends[cluster - 1] if cluster else 0
            answer = bytes(self._refs[start : self._ends[cluster]])
        doc = len(self._cluster)
        self._cluster.append(cluster)
        self._sketches += sig[BANDS * 8 :]
        for i, k in enumerate(klist):  # a band points to the first document that had it
            if not found[i]:
                self._recent.setdefault(k, doc)
        if len(self._recent) >= max(self.MERGE_AT, min(len(self._keys) // 32, 1 << 20)):
            self._merge()  # (in batches that grow with the arrays: the copying stays linear-ish)
        return answer

    def _merge(self) -> None:
        """Move the dict's bands into the sorted arrays (one pass of copying, not a sort of everything)."""
        k = np.fromiter(self._recent.keys(), dtype=np.uint64, count=len(self._recent))
        v = np.fromiter(self._recent.values(), dtype=np.uint32, count=len(self._recent))
        order = np.argsort(k, kind="stable")
        k, v = k[order], v[order]
        pos = np.searchsorted(self._keys, k)
        self._keys = np.insert(self._keys, pos, k)
        self._vals = np.insert(self._vals, pos, v)
        self._recent = {}


def mark(
    records: Iterable[dict[str, Any]],
    *,
    text_field: str = "text",
    id_field: str = "id",
    threshold: float = DEFAULT_THRESHOLD,
    drop: bool = False,
) -> Iterator[dict[str, Any]]:
    """Give each cleaned record (as :func:`cleaner.dask.clean_records` or ``cleaner clean`` makes them, in
    input order) ``near_duplicate_of``: the id of its cluster's first member, or None; with ``drop``, leave
    the near-duplicates out instead. A record without a text (an error record: ``cleaner.error``) is
    never a near-duplicate. A first member without an id (none, or an object or list) is named by its
    number in ``records`` (1-based), as ``cleaner clean`` does. The records are changed in place.

    >>> story = ("Storms closed the coast road and three schools on Monday, officials said, "
    ...          "and the ferry to the islands will not sail again before Thursday morning.")
    >>> recs = [{"id": "a", "text": story}, {"id": "b", "text": "Unrelated and short."}, {"id": "c", "text": story}]
    >>> [r["near_duplicate_of"] for r in mark(recs)]
    [None, None, 'a']
    >>> [r["id"] for r in mark([dict(r) for r in recs], drop=True)]
    ['a', 'b']
    """
    index = NearDuplicates(threshold)  # a bad threshold fails here, before the first record
    for n, rec in enumerate(records, 1):
        got = index.add(record_signature(rec, text_field, threshold), record_ref(rec, id_field, n))
        if got is not None and drop:
            continue
        rec.pop(FIELD, None)
        rec[FIELD] = got
        yield rec


def record_signature(rec: object, text_field: str = "text", threshold: float = DEFAULT_THRESHOLD) -> bytes:
    """The signature of a cleaned record's text; ``b""`` for an error record (``cleaner.error``), or a
    record without a text.

    >>> record_signature({"id": 1, "cleaner": {"error": "line 1: not JSON"}}), record_signature([1])
    (b'', b'')
    """
    if not isinstance(rec, dict):
        return b""
    text = rec.get(text_field)
    meta = rec.get("cleaner")
    if not isinstance(text, str) or (isinstance(meta, dict) and meta.get("error") is not None):
        return b""
    return signature(text, threshold)


def record_ref(rec: object, id_field: str, number: int) -> object:
    """What a record's near-duplicates are told: its id, or, when it has none (or an object or list), its
    ``number`` (1-based, in input order).

    >>> record_ref({"id": "a"}, "id", 7), record_ref({"id": None}, "id", 7), record_ref("x", "id", 8)
    ('a', 7, 8)
    """
    doc_id = rec.get(id_field) if isinstance(rec, dict) else None
    return number if doc_id is None or isinstance(doc_id, (dict, list)) else doc_id


def find(texts: Iterable[str], threshold: float = DEFAULT_THRESHOLD) -> list[int | None]:
    """For each text, the index of the first member of the earliest earlier cluster it is a
    near-duplicate of, or None: the plain form of :class:`NearDuplicates` for a list of texts.

    >>> story = ("Storms closed the coast road and three schools on Monday, officials said, "
    ...          "and the ferry to the islands will not sail again before Thursday morning.")
    >>> find([story, "Too short.", story + "More later.", story])
    [None, None, 0, 0]
    """
    index = NearDuplicates(threshold)
    return [index.add(signature(t, threshold), i) for i, t in enumerate(texts)]
