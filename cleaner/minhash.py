"""MinHash in numpy, with datasketch's values, for near-duplicates.

:mod:`cleaner.neardup` (which cleaned documents are near-duplicates) signs a set of 32-bit shingle
hashes with datasketch's ``affine32`` MinHash scheme. Computing it here, in a few numpy operations,
gives exactly datasketch's values (the tests check it) without building a ``datasketch.MinHash`` per
document, whose per-value Python calls were slow, and without importing datasketch, and with it scipy
(57 MB a worker). (Site memory's stories use a one-permutation MinHash, :func:`cleaner.memory.minhash`:
one sort per page instead of a permutation of every shingle each.)

Example:
    >>> import numpy as np
    >>> v = minhash(np.array([1, 2, 3], dtype=np.uint32), num_perm=8, seed=1)
    >>> v.shape, v.dtype.name
    ((8,), 'uint32')
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: shingles hashed at a time: a long text needs no (permutations x all shingles) matrix
BLOCK = 4096


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[Any, Any]:
    """The (a, b) of the ``num_perm`` affine permutations ``h -> a * h + b`` mod 2**32 (``a`` odd) of
    ``seed``, drawn as ``datasketch.MinHash(num_perm=num_perm, seed=seed, scheme="affine32")`` draws them."""
    import numpy as np

    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def fmix32(g: Any) -> Any:
    """MurmurHash3's 32-bit finalizer (a bijection) on the uint32 array ``g``, in place (returned): how
    datasketch pre-mixes its "affine32" input, and how site memory's one-permutation MinHash spreads its
    shingles over its bins.

    >>> import numpy as np
    >>> fmix32(np.array([0, 1], dtype=np.uint32)).tolist()
    [0, 1364076727]
    """
    import numpy as np

    g ^= g >> np.uint32(16)
    g *= np.uint32(0x85EBCA6B)
    g ^= g >> np.uint32(13)
    g *= np.uint32(0xC2B2AE35)
    g ^= g >> np.uint32(16)
    return g


def minhash(hashes: Any, *, num_perm: int, seed: int) -> Any:
    """The MinHash values (``num_perm`` uint32) of a set of 32-bit ``hashes``: MurmurHash3's 32-bit
    finalizer on each (as datasketch pre-mixes its "affine32" input), then ``a * h + b`` modulo 2**32 for
    each permutation, the least of each. Equal to datasketch's ``MinHash(num_perm, seed, scheme="affine32",
    hashfunc=int).update_batch(hashes)``."""
    import numpy as np

    a, b = permutations(num_perm, seed)
    h = fmix32(np.asarray(hashes, dtype=np.uint64).astype(np.uint32))
    out = np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    for i in range(0, len(h), BLOCK):  # a row per permutation: the least of each row is a contiguous reduce
        block = a[:, None] * h[None, i : i + BLOCK]
        block += b[:, None]
        np.minimum(out, block.min(axis=1), out=out)
    return out
