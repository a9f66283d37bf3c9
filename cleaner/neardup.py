"""Near-duplicate documents: which cleaned texts are versions of an earlier one (an update, a syndicated copy,
a re-scrape of the same page), decided in input order.

**The signature** (:func:`signature`) of a cleaned text is a pure function of the text: the text is
case folded and cut into tokens (runs of letters, digits and marks; each Chinese, Japanese, Thai, Lao,
Khmer or Burmese character is a token of its own, those scripts do not space words); every run of
:data:`SHINGLE_WORDS` tokens is a shingle, hashed to 32 bits (CRC-32 of the tokens, a fixed mix); the
distinct shingles get a MinHash (datasketch, ``BANDS * rows`` permutations of seed :data:`SEED`, scheme
:data:`SCHEME`), cut into :data:`BANDS` bands of ``rows`` values, and each band is hashed to 8 bytes
(BLAKE2b, salted with the band's number). So a signature is ``BANDS * 8`` = 128 bytes. A text with fewer
than :data:`MIN_SHINGLES` distinct shingles (about 24 words) has no signature (``b""``): it is never a
near-duplicate, nor the original of one (a caption, a "page not found", a gallery's one line say too
little to tell versions of a story from pages that merely look alike).

**The threshold.** Two documents are near-duplicates when their signatures share a band. For texts
whose shingles have Jaccard similarity *s*, that happens with probability ``1 - (1 - s**rows)**BANDS``
(:func:`probability`); ``rows`` is chosen from the threshold *J* so that this is one half at *s* = *J*
(:func:`rows_for`). At the default *J* = :data:`DEFAULT_THRESHOLD` (9 rows of 16 bands, 144
permutations) a pair 90 % alike is found with probability 0.9996, 80 % alike 0.90, 70 % 0.52, 60 % 0.15,
50 % 0.03, 40 % 0.004. A paragraph added to a story of ten keeps about 85 % of its shingles; a
syndicated copy whose boilerplate cleaner cut is the same text.

**In input order** (:class:`NearDuplicates`). Each document with a signature is compared with every
earlier one; when it shares a band with some, it joins the earliest *cluster* among them and its
``near_duplicate_of`` is that cluster's first member; otherwise it starts a cluster of its own. A band
belongs to the cluster of the first document that had it. So when B matches A and C matches B but not A,
C is a near-duplicate of A (it reached A's cluster through B), and when D matches clusters A and X, it
is a near-duplicate of whichever started first. The answer for a document depends only on the documents
before it, in input order: never on ``--jobs``, chunking or timing.

**Memory.** The index keeps, per band not seen before, its 8-byte hash and a 4-byte cluster number in
sorted numpy arrays (recent ones in a small dict, merged in batches), and, per cluster, the reference
later near-duplicates get (the id, as JSON). A document that starts a cluster costs 16 x 12 = 192
bytes plus its id; a near-duplicate only its bands not seen before. About 220 bytes a document for
ids of 20 characters: 220 MB for a million distinct documents, with a peak of about twice the arrays
while a batch is merged (:attr:`NearDuplicates.nbytes` says what it holds).

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
import math
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import orjson
import regex

#: Tokens per shingle.
SHINGLE_WORDS = 5
#: A text needs this many distinct shingles (about 24 words) for a signature; a shorter one is never a
#: near-duplicate.
MIN_SHINGLES = 20
#: Bands of the signature (8 bytes each); a pair sharing any band is a near-duplicate.
BANDS = 16
#: Default Jaccard threshold of shingles: found with probability 1/2 there (see the module's docstring).
DEFAULT_THRESHOLD = 0.7
#: Thresholds accepted: below 0.5 pages of one site that merely share a template start to match; above
#: 0.95 the signature needs over a thousand permutations.
MIN_THRESHOLD, MAX_THRESHOLD = 0.5, 0.95
#: The MinHash's seed and datasketch's permutation scheme, named so that a new default of the library
#: does not change the signatures.
SEED = 14
SCHEME = "affine32"
#: The output field.
FIELD = "near_duplicate_of"

_SPACELESS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
_TOKEN = regex.compile(rf"(?V1)[{_SPACELESS}]|[[\p{{L}}\p{{N}}\p{{M}}]--[{_SPACELESS}]]+")
_M32 = np.uint64(0xFFFFFFFF)


def rows_for(threshold: float) -> int:
    """Rows per band for a Jaccard threshold: the number that makes a pair at ``threshold`` found with
    probability closest to one half.

    >>> rows_for(0.7), rows_for(0.8), rows_for(0.9)
    (9, 14, 30)
    """
    if not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD:
        raise ValueError(f"the near-duplicate threshold must be between {MIN_THRESHOLD} and {MAX_THRESHOLD}, "
                         f"not {threshold}")
    target = math.log(1 - 0.5 ** (1 / BANDS))  # s**rows at the point found with probability 1/2
    best = max(1, math.floor(target / math.log(threshold)))
    return min((best, best + 1), key=lambda r: abs(probability(threshold, r) - 0.5))


def probability(similarity: float, rows: int) -> float:
    """The chance that two texts whose shingles have this Jaccard similarity share a band.

    >>> round(probability(0.9, 9), 4), round(probability(0.5, 9), 3)
    (0.9996, 0.031)
    """
    return 1 - (1 - similarity**rows) ** BANDS


def shingles(text: str) -> Any:
    """The distinct 32-bit hashes of the shingles of ``text`` (a numpy array), as the module says.

    >>> len(shingles("One two three four five six")), len(shingles("One, TWO three four five."))
    (2, 1)
    """
    toks = _TOKEN.findall(text.casefold())
    n = len(toks) - SHINGLE_WORDS + 1
    if n < 1:
        return np.zeros(0, dtype=np.uint64)
    th = np.fromiter((zlib.crc32(t.encode("utf-8", "surrogatepass")) for t in toks), dtype=np.uint64, count=len(toks))
    h = np.zeros(n, dtype=np.uint64)
    for i in range(SHINGLE_WORDS):
        h = (h * np.uint64(0x01000193) + th[i : i + n]) & _M32
    h = (h * np.uint64(0x9E3779B1)) & _M32
    return np.unique(h ^ (h >> np.uint64(15)))


_PERMUTATIONS: dict[int, Any] = {}


def signature(text: str, threshold: float = DEFAULT_THRESHOLD) -> bytes:
    """The near-duplicate signature of a cleaned text: ``BANDS`` band hashes of 8 bytes, or ``b""`` when
    the text has fewer than ``MIN_SHINGLES`` shingles. The same text and threshold always give the same
    bytes, in any process.

    >>> len(signature("The council approved the budget for the new bridge on Tuesday after a long debate "
    ...               "that ran past midnight, and work is expected to start in the spring."))
    128
    """
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return b""
    from datasketch import MinHash

    rows = rows_for(threshold)
    num_perm = rows * BANDS
    perms = _PERMUTATIONS.get(num_perm)
    if perms is None:
        perms = _PERMUTATIONS[num_perm] = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations
    m = MinHash(num_perm=num_perm, seed=SEED, hashfunc=int, permutations=perms, scheme=SCHEME)
    m.update_batch(sh.tolist())
    values = m.hashvalues
    return b"".join(
        hashlib.blake2b(values[i * rows : (i + 1) * rows].tobytes(), digest_size=8, salt=i.to_bytes(2, "little")).digest()
        for i in range(BANDS)
    )


class NearDuplicates:
    """The index of a batch, fed in input order: :meth:`add` answers, for each document, the reference of
    the first member of the earliest cluster it is a near-duplicate of, or None (see the module's
    docstring for what a cluster is and what the index costs).

    References are what later near-duplicates are told: usually the document's id. They are kept as
    JSON; :meth:`add_json` takes and gives the JSON bytes (what ``cleaner clean`` splices into its lines).

    >>> nd = NearDuplicates()
    >>> sig = signature("Storms closed the coast road and three schools on Monday, officials said, "
    ...                   "and the ferry to the islands will not sail again before Thursday morning.")
    >>> [nd.add(sig, i) for i in (7, 8, 9)], len(nd)
    ([None, 7, 7], 3)
    """

    #: most bands kept in the dict before they are merged into the sorted arrays (bounds its size)
    MERGE_AT = 1 << 18

    def __init__(self) -> None:
        self._keys = np.zeros(0, dtype=np.uint64)  # sorted band hashes
        self._vals = np.zeros(0, dtype=np.uint32)  # their clusters
        self._recent: dict[int, int] = {}  # band hash -> cluster, not merged yet
        self._refs = bytearray()  # the clusters' references (JSON), end to end
        self._ends: list[int] = []  # where each cluster's reference ends in _refs
        self._docs = 0
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
        """About how many bytes the index holds (arrays, references, and the dict at ~100 bytes a band)."""
        return (self._keys.nbytes + self._vals.nbytes + len(self._refs) + 8 * len(self._ends)
                + 100 * len(self._recent))

    def add(self, sig: bytes, ref: object) -> Any:
        """Add the next document (its :func:`signature`, and what its near-duplicates should be told,
        e.g. its id: anything JSON can hold); the reference of the first member of its cluster when it is a
        near-duplicate of an earlier document, else None."""
        got = self.add_json(sig, orjson.dumps(ref))
        return None if got is None else orjson.loads(got)

    def add_json(self, sig: bytes, ref_json: bytes) -> bytes | None:
        """:meth:`add` with the reference as JSON bytes, kept and returned verbatim."""
        self._docs += 1
        if not sig:
            return None
        keys = np.frombuffer(sig, dtype="<u8")
        cluster = -1
        found = np.zeros(len(keys), dtype=bool)
        if len(self._keys):
            pos = np.searchsorted(self._keys, keys)
            pos[pos >= len(self._keys)] = 0
            found = self._keys[pos] == keys
            if found.any():
                cluster = int(self._vals[pos[found]].min())
        klist = keys.tolist()
        for i, k in enumerate(klist):
            c = self._recent.get(k)
            if c is not None:
                found[i] = True
                if cluster < 0 or c < cluster:
                    cluster = c
        if cluster < 0:
            cluster = len(self._ends)
            self._refs += ref_json
            self._ends.append(len(self._refs))
            answer = None
        else:
            self.duplicates += 1
            start = self._ends[cluster - 1] if cluster else 0
            answer = bytes(self._refs[start : self._ends[cluster]])
        for i, k in enumerate(klist):  # a band belongs to the first cluster that had it
            if not found[i]:
                self._recent.setdefault(k, cluster)
        if len(self._recent) >= self.MERGE_AT:
            self._merge()
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
    rows_for(threshold)  # a bad threshold fails here, before the first record
    index = NearDuplicates()
    for n, rec in enumerate(records, 1):
        text = rec.get(text_field)
        meta = rec.get("cleaner")
        bad = isinstance(meta, dict) and meta.get("error")
        sig = signature(text, threshold) if isinstance(text, str) and not bad else b""
        doc_id = rec.get(id_field)
        ref = n if doc_id is None or isinstance(doc_id, (dict, list)) else doc_id
        got = index.add(sig, ref)
        if got is not None and drop:
            continue
        rec.pop(FIELD, None)
        rec[FIELD] = got
        yield rec


def find(texts: Iterable[str], threshold: float = DEFAULT_THRESHOLD) -> list[int | None]:
    """For each text, the index of the first member of the earliest earlier cluster it is a
    near-duplicate of, or None: the plain form of :class:`NearDuplicates` for a list of texts.

    >>> story = ("Storms closed the coast road and three schools on Monday, officials said, "
    ...          "and the ferry to the islands will not sail again before Thursday morning.")
    >>> find([story, "Too short.", story + "More later.", story])
    [None, None, 0, 0]
    """
    index = NearDuplicates()
    return [index.add(signature(t, threshold), i) for i, t in enumerate(texts)]
