"""Site memory: learn each site's boilerplate from its other pages, then cut it with that evidence.

The strongest evidence that a line is boilerplate is that its site prints it on page after page (a menu,
a footer, a newsletter box, a "More from ..." header). :class:`Learner` counts, per site, in how many
distinct *stories* each normalised line occurs; :class:`SiteMemory` hands those counts to a
:class:`~cleaner.Cleaner` (``Cleaner(memory=...)``), whose ``site`` stage cuts a line (kind
``site_boilerplate``, rule ``site.repeated-line``) when its site printed it in at least
``min_articles`` stories and a share ``min_share`` of them. Each such cut carries its evidence
(:attr:`cleaner.result.Removal.evidence`: ``{"articles": seen, "of": stories of the site}``).

**What is learned.** The text the clean pass sees: the text field, or for HTML the extracted text.
Each line is normalised as CCNet does (:func:`normalize`: case folded, every digit mapped to 0,
punctuation and symbols dropped, white space folded; Unicode-aware) and hashed (64 bits). Lines of more
than :data:`MAX_LEARN_WORDS` words are not learned, nor paragraphs (prose) of more than
:data:`MAX_PROSE_WORDS`: the clean pass never cuts one (a paragraph of the article is not cut because it
repeats), and most of an article's lines are such paragraphs.

**Stories, not documents.** Versions of one story (updates, syndicated copies, live-blog snapshots)
are not separate evidence. Each document gets a one-permutation MinHash signature (:func:`minhash`:
:data:`NUM_PERM` bins, densified with fixed probes) of the :data:`SHINGLE_BYTES`-byte windows that start
at each word of its *prose* lines (the site's menus would make all its pages alike), read from their
:func:`light` bytes (ASCII case-folded, digits 0, punctuation a space), cut into :data:`BANDS` bands;
documents of a site that share a band are one story
(union-find over the shared bands: connected components, so a chain of snapshots is one story). A
document with fewer than :data:`MIN_SHINGLES` distinct shingles of prose (a listing, a gallery) is a
story of its own. A line's count is the number of distinct stories holding it. With 12 bands of 5 rows,
two documents whose prose is 90 % alike (Jaccard of shingles) are joined with probability 0.9999, 75 %
alike 0.96, 50 % alike 0.32, 35 % alike 0.06 (each value agrees with probability the Jaccard, as with
NUM_PERM permutations; a test checks it): the approximation is that a heavily rewritten version counts as a
new story, and that two distinct stories sharing a long standard text are (rarely) joined. One sort of a
document's shingles replaces NUM_PERM permutations of each: learning costs a fraction of cleaning.

**Order-free.** The memory is a set: each document is keyed by the hash of its light text (its lines,
ASCII case-folded, digits 0, punctuation a space: :func:`light`), and
the tables hold (site, line, document) and (site, document, bands) rows. Learning A then B, B then A,
or A and B together (in any partitioning, with any number of workers) inserts the same rows; learning a
page twice changes nothing. Stories are computed from all a site's documents when learning ends
(:meth:`Learner.finalize`, only for the sites that got new pages), so they are the same too.

**Schema** (SQLite, WAL; ``site`` and ``line`` and ``doc`` are signed 64-bit hashes)::

    meta(key TEXT PRIMARY KEY, value TEXT)                       -- schema version, normalisation
    sites(site INTEGER PRIMARY KEY, name TEXT, docs INTEGER,     -- per site: documents and stories
          stories INTEGER, dirty INTEGER)                        --   dirty: pages added since finalize
    docs(site INTEGER, doc INTEGER, bands BLOB,                  -- per document: its band hashes
         PRIMARY KEY (site, doc)) WITHOUT ROWID
    line_docs(site INTEGER, line INTEGER, doc INTEGER,           -- which documents hold which line
              PRIMARY KEY (site, line, doc)) WITHOUT ROWID
    line_text(site INTEGER, line INTEGER, text TEXT,             -- the normalised text of every line
              PRIMARY KEY (site, line)) WITHOUT ROWID            --   seen in two documents or more
    site_lines(site INTEGER, line INTEGER, stories INTEGER,      -- finalize: lines in two stories or
               docs INTEGER, PRIMARY KEY (site, line)) WITHOUT ROWID  -- more, with their counts

Example:
    >>> normalize("  © 2024 The Daily Star — All rights reserved. ")
    '0000 the daily star all rights reserved'
    >>> site_of("https://WWW.Example.com:8080/news/1"), site_of("not a url")
    ('example.com', None)
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import struct
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import regex

from cleaner.minhash import fmix32

#: The id and kind of a cut made on the evidence of site memory.
RULE_ID = "site.repeated-line"
KIND = "site_boilerplate"
SCHEMA_VERSION = "1"
#: Lines longer than this are not learned, and never cut by site memory.
MAX_LEARN_WORDS = 40
#: Defaults measured on the dev sets (README, "Site memory"): a line is the site's boilerplate when it
#: is in at least this many stories of the site, and in at least this share of them. A site's chrome is
#: on nearly every page; the template of one kind of page (a shop's notice on its item pages, a product
#: page's "Specifications") only on that kind's. At a share of 0.5 memory raised the pages of the dev
#: sites that lose 20 % of their gold from 26 to 30; at every share from 0.75 to 1.0, not at all.
DEFAULT_MIN_ARTICLES = 3
DEFAULT_MIN_SHARE = 0.75
#: A prose line (a paragraph) is cut on site evidence only when it is this short.
MAX_PROSE_WORDS = 25
#: Inside the article block, a sentence of this many words is cut on site evidence alone; a shorter line
#: only in a run of such lines
MIN_BOX_WORDS = 4
#: a box of the site's furniture: this many site lines in a row on a page, and more in an extract (an
#: extractor kept them inside what it chose: a pair there is as often a section's header and its first
#: line, which the site prints on every page of the kind, as furniture)
MIN_BOX_LINES = 2
MIN_EXTRACT_BOX_LINES = 3
#: the one-permutation MinHash of a document's prose: bins, bands (of NUM_PERM // BANDS rows), the seed of
#: the probe bins that fill an empty bin (PROBES each)
NUM_PERM = 60
BANDS = 12
SEED = 1
PROBES = 64
#: the window of this many bytes from each word start of the prose is a shingle; a document with fewer
#: than MIN_SHINGLES distinct ones is a story of its own
SHINGLE_BYTES = 16
MIN_SHINGLES = 20
#: documents buffered by a Learner before their rows are written (peak memory does not grow with more)
FLUSH_DOCS = 2000
#: sites finalized in one transaction (a site stays dirty until its transaction commits)
FINALIZE_SITES = 256
#: documents whose story signatures :func:`sketches` computes at once (the vector operations are shared
#: by the batch; a few hundred KB of arrays), and texts a Learner gathers before sketching them
SKETCH_DOCS = 64

_DIGIT = regex.compile(r"\d")
_PUNCT = regex.compile(r"[\p{P}\p{S}\p{C}]+")


def normalize(line: str) -> str:
    """A line as site memory compares it (as CCNet does): case folded, digits mapped to 0, punctuation,
    symbols and control characters dropped, white space folded.

    >>> normalize("Sign up for our NEWSLETTER!"), normalize("Ελάτε  στις 9:30")
    ('sign up for our newsletter', 'ελάτε στισ 0 00')
    """
    s = _DIGIT.sub("0", line.casefold())
    s = _PUNCT.sub(" ", s)
    return " ".join(s.split())


def _ascii_map() -> bytes:
    """A ``bytes.translate`` table doing :func:`normalize` on each ASCII character (``\\n`` kept: it parts
    lines); bytes 128 to 255 (UTF-8 of other characters) are left alone."""
    table = bytearray(range(256))
    for i in range(128):
        if i != 10:
            out = _PUNCT.sub(" ", _DIGIT.sub("0", chr(i).casefold()))
            table[i] = ord(out)  # (one character each: a space, "0", a lower-case letter or the character)
    return bytes(table)


_ASCII_MAP = _ascii_map()
_SPACES = re.compile(rb"  +")
_RUNS: dict[bytes, bytes] = {}
#: runs of non-ASCII characters whose mapping is remembered (curly quotes, dashes, accented words)
_MAX_RUNS = 1 << 16


def _map_run(run: bytes) -> bytes:
    """:func:`normalize` of a run of non-ASCII characters (UTF-8), white space made a plain space."""
    out = _RUNS.get(run)
    if out is None:
        text = _PUNCT.sub(" ", _DIGIT.sub("0", run.decode("utf-8", "surrogatepass").casefold()))
        out = "".join(" " if c.isspace() else c for c in text).encode("utf-8", "surrogatepass")
        if len(_RUNS) < _MAX_RUNS:
            _RUNS[run] = out
    return out


def _map_non_ascii(data: bytes) -> bytes:
    """``data`` (UTF-8) with each run of non-ASCII characters mapped by :func:`_map_run`. The runs are found
    with numpy (bytes of 128 or more: whole UTF-8 sequences), three times faster than a regex scan."""
    import numpy as np

    high = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) >= 128)
    gaps = np.flatnonzero(np.diff(high) != 1)
    starts = [int(high[0]), *(high[gaps + 1].tolist())]
    ends = [*(high[gaps] + 1).tolist(), int(high[-1]) + 1]
    out: list[bytes] = []
    pos = 0
    for start, end in zip(starts, ends, strict=True):
        out.append(data[pos:start])
        out.append(_map_run(data[start:end]))
        pos = end
    out.append(data[pos:])
    return b"".join(out)


def normalize_lines(lines: list[str]) -> list[str]:
    """:func:`normalize` of each of ``lines`` (which hold no ``\\n``), the same strings, in one pass over
    the document rather than a few regex passes per line: learning normalises every line of every page.

    Every step of :func:`normalize` but the folding of white space works character by character
    (case folding, digits, punctuation to a space), so the document's UTF-8 is mapped with a byte
    table for ASCII and a memo per run of other characters, then runs of spaces are folded and each line
    stripped. A test checks it against :func:`normalize` on every code point and on odd text.

    >>> normalize_lines(["  Sign up — it’s FREE!  ", "", "Ελάτε  στις 9:30"])
    ['sign up it s free', '', 'ελάτε στισ 0 00']
    """
    data = "\n".join(lines).encode("utf-8", "surrogatepass").translate(_ASCII_MAP)
    if not data.isascii():
        data = _map_non_ascii(data)
    # (a strip per line: cheaper than two bytes.replace passes for the spaces around the line breaks)
    out = [line.strip(" ") for line in _SPACES.sub(b" ", data).decode("utf-8", "surrogatepass").split("\n")]
    if len(out) != len(lines):  # a line held a line break after all
        return [normalize(ln) for ln in lines]
    return out


_UNPACK = struct.Struct("<q").unpack


def _h64(data: bytes) -> int:
    return _UNPACK(hashlib.blake2b(data, digest_size=8).digest())[0]


def line_key(norm: str) -> int:
    """The 64-bit (signed, for SQLite) hash of a normalised line."""
    return _h64(norm.encode("utf-8", "surrogatepass"))


def site_of(url: object) -> str | None:
    """The site of a page address: its host, lowercased, ``www.`` dropped; None when there is none.

    >>> site_of("http://www.bbc.co.uk/news"), site_of("//cdn.x.org/a"), site_of(42)
    ('bbc.co.uk', 'cdn.x.org', None)
    """
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") and len(host) > 4 else host


def site_key(site: str) -> int:
    """The 64-bit hash a site is stored under."""
    return _h64(b"site\0" + site.encode("utf-8", "surrogatepass"))


# ---------------------------------------------------------------------------------------------------
# What one document contributes
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sketch:
    """What learning keeps of one document: its site, its key (the hash of its normalised text), the
    band hashes of its prose's MinHash (empty: a story of its own) and its short lines (hash -> normalised
    text). Plain data: cheap to send from a worker process."""

    site: str
    doc: int
    bands: bytes
    lines: tuple[tuple[int, str], ...]


_LETTERS = regex.compile(r"\p{L}{2}")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DIGIT_ANY = regex.compile(r"\d")


def _worded(norm: str) -> bool:
    """Whether a normalised line holds a word (two letters running): a price, a date or a count alone is
    data, and with digits mapped to 0 every such line would look alike.

    >>> _worded("000 00"), _worded("0 comments")
    (False, True)
    """
    return _LETTERS.search(norm) is not None


def eligible(text: str, norm: str) -> bool:
    """Whether a line may be learned and cut: it holds a word, and no number but a year. With digits
    mapped to 0, ``(11) 11 reviews, average 4.2 of 5`` on one product card and ``(86) 86 reviews, average
    4.3`` on the next look alike, but each card's figures are its data (a copyright's year is not).

    >>> eligible("© 2025 The Courier", "0000 the courier"), eligible("(11) 11 reviews", "0 0 reviews")
    (True, False)
    """
    # every digit of the text is a "0" of its normalised form: without one, only the word matters
    return _worded(norm) and ("0" not in norm or _DIGIT_ANY.search(_YEAR.sub("", text)) is None)


#: the shingle hash: the window's two 8-byte halves (little-endian), each times an odd constant, xor-ed
#: and mixed; the high 32 bits are kept
_K1 = 0x9E3779B97F4A7C15
_K2 = 0xC2B2AE3D27D4EB4F


def light(text: str) -> bytes:
    """``text`` as UTF-8 with :func:`normalize`'s mapping of ASCII (case folded, digits to 0, punctuation
    and symbols to a space; other characters and runs of spaces left as they are): what a document's key
    and the shingles of its prose are computed on. A byte table does it, at the cost of a copy.

    >>> light("Sign-up: 24 “Hours”")
    b'sign up  00 \\xe2\\x80\\x9chours\\xe2\\x80\\x9d'
    """
    return text.encode("utf-8", "surrogatepass").translate(_ASCII_MAP)


#: the bytes deleted to see whether light bytes hold an ASCII letter or digit
_NOT_ASCII_WORD = b" \n" + bytes(range(128, 256))


def _shingles(data: bytes, *, keep: bool = False) -> Any:
    """The 32-bit hashes of the SHINGLE_BYTES-byte windows of ``data`` that start where a word starts
    (after a space, none at the very start), in text order, repeats kept: a uint32 numpy array.

    A window from each word start is a shingle of about three words (w-shingling), found with a few
    vector operations: the windows' two 8-byte halves are read through a byte-strided uint64 view.
    With ``keep``, (the windows' offsets, their hashes).
    """
    import numpy as np

    n = len(data)
    if n < SHINGLE_BYTES + 1:
        return (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint32)) if keep else np.zeros(0, dtype=np.uint32)
    raw = np.frombuffer(data, dtype=np.uint8)
    # a space followed by a word, with a whole window after it
    starts = np.flatnonzero((raw[: n - SHINGLE_BYTES] == 32) & (raw[1 : n - SHINGLE_BYTES + 1] != 32))
    starts += 1
    halves = np.ndarray((n - 7,), dtype="<u8", buffer=data, strides=(1,))  # the 8 bytes from each offset
    with np.errstate(over="ignore"):
        h = halves[starts] * np.uint64(_K1)
        h ^= halves[starts + 8] * np.uint64(_K2)
        h ^= h >> np.uint64(29)
        h *= np.uint64(_K1)
    h = (h >> np.uint64(32)).astype(np.uint32)
    return (starts, h) if keep else h


@lru_cache(maxsize=1)
def _bins() -> tuple[Any, Any, Any]:
    """The one-permutation MinHash's tables: the lowest hash of each of the NUM_PERM bins (bin ``k`` holds
    the 32-bit hashes from ``k * 2**32 // NUM_PERM`` up to the next bin's), the next bin's lowest (2**32 for
    the last; uint64), and each bin's PROBES probe bins for densification (drawn with SEED)."""
    import numpy as np

    low = (np.arange(NUM_PERM + 1, dtype=np.uint64) << np.uint64(32)) // np.uint64(NUM_PERM)
    probes = np.random.RandomState(SEED).randint(0, NUM_PERM, (NUM_PERM, PROBES))
    return low[:-1].astype(np.uint32), low[1:], probes


def minhash(shingles: Any) -> Any:
    """The one-permutation MinHash (NUM_PERM uint32 values) of the 32-bit ``shingles`` (at least one).

    Each shingle is mixed (MurmurHash3's 32-bit finalizer, a bijection) and falls in the bin of its
    range; a bin's value is the least mixed hash in it: one sort instead of NUM_PERM permutations of
    every shingle, and two sets' values of a bin agree with probability their Jaccard similarity. A bin
    no shingle fell in takes the value of the first filled bin among its PROBES fixed probe bins
    ("optimal densification", Shrivastava 2017; a bin's values lie in its own range, so a borrowed value
    never equals a filled bin's), or, if none is filled, of the next filled bin.
    """
    return _bin_values(_mixed(shingles))


def _mixed(shingles: Any) -> Any:
    """The shingles through MurmurHash3's 32-bit finalizer (a bijection: as many distinct values), sorted."""
    import numpy as np

    g = fmix32(np.array(shingles, dtype=np.uint32))
    g.sort()
    return g


def _bin_values(g: Any) -> Any:
    """:func:`minhash` of the sorted mixed hashes ``g``."""
    import numpy as np

    low, high, _ = _bins()
    at = np.searchsorted(g, low)
    values = g[np.minimum(at, len(g) - 1)]
    filled = (at < len(g)) & (values < high)
    return values if filled.all() else _densify(values, filled)


def _densify(values: Any, filled: Any) -> Any:
    """``values`` (one per bin) with each bin not ``filled`` given the value of the first filled bin among
    its probe bins, or, if none is, of the next filled bin (circularly)."""
    import numpy as np

    _, _, probes = _bins()
    rows = np.arange(NUM_PERM)
    hit = filled[probes]
    first = hit.argmax(axis=1)
    source = probes[rows, first]
    missed = ~hit[rows, first]
    if missed.any():  # (with MIN_SHINGLES shingles, about once in a billion bins)
        full = np.flatnonzero(filled)
        source[missed] = full[np.searchsorted(full, rows[missed]) % len(full)]
    return np.where(filled, values, values[source])


def band_hashes(shingles: Any) -> bytes:
    """The BANDS band hashes (8 bytes each, concatenated) of the MinHash (:func:`minhash`) of ``shingles``;
    b"" for fewer than MIN_SHINGLES distinct ones.

    A fixed seed and fixed shingle hashes: the same set always gives the same bands.
    """
    import numpy as np

    return _band_hashes_of(np.asarray(shingles, dtype=np.uint32), np.zeros(len(shingles), dtype=np.int64),
                           np.array([len(shingles)]))[0]


def _story_bands(prose: list[bytes]) -> list[bytes]:
    """``band_hashes(_shingles(p))`` of each of ``prose`` (light bytes), the same values, computed
    together: the documents' bytes are joined (by a line break, which starts no word) and the windows
    that do not end in their own document are dropped."""
    import numpy as np

    data = b"\n".join(prose)
    ends = np.cumsum(np.fromiter(map(len, prose), dtype=np.int64, count=len(prose))) + np.arange(len(prose))
    sh = _shingles(data, keep=True)
    starts, sh = sh[0], sh[1]
    doc = np.searchsorted(ends, starts)  # (a window at the break after a document is its own, and too long)
    inside = starts + SHINGLE_BYTES <= ends[doc]
    doc, sh = doc[inside], sh[inside]
    sizes = np.bincount(doc, minlength=len(prose))
    return _band_hashes_of(sh, doc, sizes)


def _band_hashes_of(shingles: Any, doc: Any, sizes: Any) -> list[bytes]:
    """:func:`band_hashes` of the shingles of each document: ``shingles`` (uint32), the index of the
    document of each (non-decreasing) and the number per document. Computed together: each document's
    mixed shingles (:func:`cleaner.minhash.fmix32`) are prefixed with its index in 64 bits and all are sorted
    at once, so that one search finds every document's bins (:func:`_bin_values`, row by row)."""
    import numpy as np

    out = [b""] * len(sizes)
    use = np.flatnonzero(sizes >= MIN_SHINGLES)
    if not len(use):
        return out
    keep = (sizes >= MIN_SHINGLES)[doc]
    rank = np.cumsum(sizes >= MIN_SHINGLES) - 1  # a document's row among those used
    sizes = sizes[use]
    g = fmix32(shingles[keep].astype(np.uint32)).astype(np.uint64)
    g |= rank[doc[keep]].astype(np.uint64) << np.uint64(32)
    g.sort()
    # the distinct values of each document: its first, and each that differs from the one before
    new = np.empty(len(g), dtype=np.int64)
    new[0] = 1
    np.not_equal(g[1:], g[:-1], out=new[1:])
    starts = np.zeros(len(use), dtype=np.int64)
    np.cumsum(sizes[:-1], out=starts[1:])
    distinct = np.add.reduceat(new, starts)
    low, high, _ = _bins()
    rows = np.arange(len(use), dtype=np.uint64)[:, None] << np.uint64(32)
    at = np.searchsorted(g, rows | low.astype(np.uint64))
    found = g[np.minimum(at, len(g) - 1)]
    filled = (at < len(g)) & (found < (rows + high))
    values = found & np.uint64(0xFFFFFFFF)
    for row in np.flatnonzero(~filled.all(axis=1)).tolist():
        values[row] = _densify(values[row], filled[row])
    # each band's hash: its values times fixed odd 64-bit constants, summed modulo 2**64, then mixed
    # (Murmur3's 64-bit finalizer): 8 bytes little-endian each
    with np.errstate(over="ignore"):
        h = (values.reshape(len(use), BANDS, NUM_PERM // BANDS) * _band_weights()).sum(axis=2, dtype=np.uint64)
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xFF51AFD7ED558CCD)
        h ^= h >> np.uint64(33)
    data = h.astype("<u8")
    for row, i in enumerate(use.tolist()):
        if distinct[row] >= MIN_SHINGLES:
            out[i] = data[row].tobytes()
    return out


@lru_cache(maxsize=1)
def _band_weights() -> Any:
    """The odd 64-bit constants a band's values are weighted by (drawn with SEED)."""
    import numpy as np

    rng = np.random.RandomState(SEED)
    return rng.randint(0, 1 << 62, NUM_PERM // BANDS, dtype=np.uint64) * np.uint64(4) + np.uint64(1)


#: what learning found of a line it saw before: text -> (prose, normalised text or None when the line is
#: not learned, its line key or None when it is not learned or not eligible). A site prints its menus,
#: footers and boxes on every page: each such line is measured, normalised and hashed once. At most
#: _MAX_SEEN lines of at most _SEEN_CHARS characters (paragraphs rarely repeat); a pure function's memo,
#: so nothing learned depends on it.
_SEEN: dict[str, tuple[bool, str | None, int | None]] = {}
_MAX_SEEN = 1 << 16
_SEEN_CHARS = 300


def _line_info(texts: list[str]) -> dict[str, tuple[bool, str | None, int | None]]:
    """The :data:`_SEEN` entries of the distinct ``texts``."""
    from cleaner.document import shapes_of

    shapes = shapes_of(texts)
    # never cut by find_site_lines, so not learned: over MAX_LEARN_WORDS words, or prose over MAX_PROSE_WORDS
    learn = [t for t, (n, prose) in zip(texts, shapes, strict=True)
             if n <= MAX_LEARN_WORDS and (n <= MAX_PROSE_WORDS or not prose)]
    norms = dict(zip(learn, normalize_lines(learn), strict=True))
    out: dict[str, tuple[bool, str | None, int | None]] = {}
    blake2b, unpack = hashlib.blake2b, _UNPACK
    for t, (_, prose) in zip(texts, shapes, strict=True):
        norm = norms.get(t)
        key = None
        if norm and eligible(t, norm):  # (line_key, inlined: a call less per line)
            key = unpack(blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).digest())[0]
        out[t] = (prose, norm, key)
    return out


def _parts(text: str) -> tuple[int, tuple[tuple[int, str], ...], bytes] | None:
    """A document's key, its learned lines and the :func:`light` bytes of its prose; None when it has
    no line with a word or a number."""
    from cleaner.document import line_texts

    texts = line_texts(text)
    if not texts:
        return None
    seen = _SEEN
    infos = [seen.get(t) for t in texts]
    if None in infos:
        new = _line_info(list(dict.fromkeys(t for t, info in zip(texts, infos, strict=True) if info is None)))
        infos = [info or new[t] for t, info in zip(texts, infos, strict=True)]
        if len(seen) + len(new) > _MAX_SEEN:
            seen.clear()
        seen.update((t, info) for t, info in new.items() if len(t) <= _SEEN_CHARS)
    lines: dict[int, str] = {}
    prose: list[str] = []
    words = False
    for t, (is_prose, norm, key) in zip(texts, infos, strict=True):
        if is_prose:
            prose.append(t)
        if norm:
            words = True
            if key is not None:
                lines.setdefault(key, norm)
    whole = light("\n".join(texts))
    # a word or a number somewhere (an ASCII one survives in the light bytes), or the text is only
    # punctuation and symbols: nothing to learn
    if not words and not whole.translate(None, _NOT_ASCII_WORD) and not any(normalize_lines(texts)):
        return None
    return _h64(whole), tuple(sorted(lines.items())), light(" ".join(prose))


def sketch(text: str, site: str | None) -> Sketch | None:
    """What learning takes from one document's text (split into lines as the cleaner splits it); None
    when there is no site or no text (:func:`sketches` of one document).

    >>> s = sketch("Home\\nSport\\nThe mayor opened the bridge.", "example.com")
    >>> s.site, len(s.lines), s.bands
    ('example.com', 3, b'')
    """
    return sketches([(text, site)])[0]


def sketches(items: Iterable[tuple[str, str | None]]) -> list[Sketch | None]:
    """:func:`sketch` of each (text, site), the same values: the documents' story signatures are computed
    together (:func:`_story_bands`), a few vector operations for the batch instead of for each document.

    The lines to learn are normalised (:func:`normalize_lines`; a line seen before is looked up in
    :data:`_SEEN`); the document's key and the shingles of its prose are taken from its :func:`light`
    bytes, which need no pass per line.
    """
    out: list[Sketch | None] = []
    todo: list[tuple[int, str, int, tuple[tuple[int, str], ...], bytes]] = []

    def sign() -> None:
        for (i, site, key, lines, _), bands in zip(todo, _story_bands([t[4] for t in todo]), strict=True):
            out[i] = Sketch(site, key, bands, lines)
        todo.clear()

    for text, site in items:
        got = _parts(text) if site else None
        out.append(None)
        if got is not None:
            todo.append((len(out) - 1, site, *got))  # type: ignore[arg-type]
            if len(todo) >= SKETCH_DOCS:  # (the batch's arrays stay a few hundred KB)
                sign()
    if todo:
        sign()
    return out


# ---------------------------------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS sites(site INTEGER PRIMARY KEY, name TEXT NOT NULL, docs INTEGER NOT NULL DEFAULT 0,
    stories INTEGER NOT NULL DEFAULT 0, dirty INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS docs(site INTEGER, doc INTEGER, bands BLOB, PRIMARY KEY (site, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS line_docs(site INTEGER, line INTEGER, doc INTEGER,
    PRIMARY KEY (site, line, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS line_text(site INTEGER, line INTEGER, text TEXT, PRIMARY KEY (site, line)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS site_lines(site INTEGER, line INTEGER, stories INTEGER, docs INTEGER,
    PRIMARY KEY (site, line)) WITHOUT ROWID;
"""
_META = {"schema": SCHEMA_VERSION, "normalize": "casefold,digits->0,drop \\p{P}\\p{S}\\p{C},fold space",
         "sketch": f"one-permutation minhash {NUM_PERM} bins, {PROBES} probes seed {SEED}, "
                   f"{BANDS} bands (weighted sums, fmix64), {SHINGLE_BYTES}-byte windows from word starts of light "
                   "prose, doc key of light text, "
                   f"min {MIN_SHINGLES}; lines <= {MAX_LEARN_WORDS} words, prose <= {MAX_PROSE_WORDS}"}


class SiteMemoryError(ValueError):
    """A site-memory file that cannot be used: not one, another schema, or pages learned but not finalized."""


def _connect(path: str | Path, *, write: bool) -> sqlite3.Connection:
    path = Path(path)
    if not write:
        if not path.is_file():
            raise SiteMemoryError(f"no site memory at {path}: make one with `cleaner learn INPUT... --memory {path}`")
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        con = sqlite3.connect(path, check_same_thread=False)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
    try:
        if write:
            con.executescript(_SCHEMA)
            for k, v in _META.items():
                row = con.execute("SELECT value FROM meta WHERE key=?", (k,)).fetchone()
                if row is None:
                    con.execute("INSERT INTO meta VALUES (?, ?)", (k, v))
                elif row[0] != v:
                    raise SiteMemoryError(f"{path} was learned with another {k} ({row[0]!r}); learn into a new file")
            con.commit()
        else:
            row = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None or row[0] != SCHEMA_VERSION:
                raise SiteMemoryError(f"{path} is a site memory of another schema ({row and row[0]!r}); learn it again")
    except sqlite3.DatabaseError as e:
        con.close()
        if isinstance(e, SiteMemoryError):
            raise
        raise SiteMemoryError(f"{path} is not a site memory ({e})") from None
    except SiteMemoryError:
        con.close()
        raise
    return con


class Learner:
    """Adds documents to a site-memory file; :meth:`finalize` (also on ``with`` exit) computes the stories.

    Rows are buffered for FLUSH_DOCS documents, then written in one transaction, so memory stays flat
    however many documents come; insertion is idempotent (a set), so the order does not matter. Texts
    given to :meth:`add_text` are sketched SKETCH_DOCS at a time (:func:`sketches`).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "site.db")
    >>> with Learner(path) as learner:
    ...     for town in ("Leeds", "York", "Hull", "Bath"):
    ...         learner.add_text(f"Home\\nThe mayor of {town} opened a bridge.", "x.org")
    >>> mem = SiteMemory(path)
    >>> mem.lines_for("x.org")[line_key("home")], mem.stories("x.org")
    ((4, 4), 4)
    """

    def __init__(self, path: str | Path, *, flush_docs: int = FLUSH_DOCS) -> None:
        self.path = Path(path)
        self.con = _connect(self.path, write=True)
        self.flush_docs = flush_docs
        self._buf: list[Sketch] = []
        self._texts: list[tuple[str, str | None]] = []
        self._added = 0

    @property
    def added(self) -> int:
        """The documents added so far (with a site and a word)."""
        self._sketch_texts()
        return self._added

    def add(self, s: Sketch | None) -> None:
        """Add one document's sketch (None is ignored: no site, or no text)."""
        if s is None:
            return
        self._buf.append(s)
        self._added += 1
        if len(self._buf) >= self.flush_docs:
            self.flush()

    def add_text(self, text: str, site: str | None) -> None:
        """Add one document by its text (what the clean pass will see) and its site."""
        self._texts.append((text, site))
        if len(self._texts) >= SKETCH_DOCS:
            self._sketch_texts()

    def _sketch_texts(self) -> None:
        texts, self._texts = self._texts, []
        for s in sketches(texts):
            self.add(s)

    def flush(self) -> None:
        """Write the buffered documents in one transaction."""
        self._sketch_texts()
        if not self._buf:
            return
        con = self.con
        with con:
            con.execute("CREATE TEMP TABLE IF NOT EXISTS batch(site INTEGER, line INTEGER, text TEXT)")
            con.execute("DELETE FROM batch")
            keys = {n: site_key(n) for n in sorted({s.site for s in self._buf})}  # (a hash each, once)
            con.executemany("INSERT OR IGNORE INTO sites(site, name) VALUES (?, ?)", sorted((k, n) for n, k in keys.items()))
            con.executemany("UPDATE sites SET dirty=1 WHERE site=?", [(k,) for k in keys.values()])
            con.executemany("INSERT OR IGNORE INTO docs VALUES (?, ?, ?)",
                            [(keys[s.site], s.doc, s.bands) for s in self._buf])
            rows = [(keys[s.site], h, s.doc) for s in self._buf for h, _ in s.lines]
            con.executemany("INSERT OR IGNORE INTO line_docs VALUES (?, ?, ?)", rows)
            texts = {(keys[s.site], h): t for s in self._buf for h, t in s.lines}
            con.executemany("INSERT INTO batch VALUES (?, ?, ?)", [(k[0], k[1], t) for k, t in texts.items()])
            # the text of every line now in two documents or more: the normalised text is a function of the
            # line's hash, so whichever batch writes it, it is the same (order-free)
            con.execute(
                "INSERT OR IGNORE INTO line_text SELECT b.site, b.line, b.text FROM batch b WHERE "
                "(SELECT count(*) FROM (SELECT 1 FROM line_docs d WHERE d.site=b.site AND d.line=b.line LIMIT 2)) >= 2"
            )
        self._buf.clear()

    def finalize(self) -> int:
        """Compute the stories of every site that got new documents, and the per-line counts; the number
        of sites updated."""
        self.flush()
        con = self.con
        dirty = [r[0] for r in con.execute("SELECT site FROM sites WHERE dirty=1 ORDER BY site")]
        for i in range(0, len(dirty), FINALIZE_SITES):  # (a commit per site cost more than a small site's counts)
            with con:
                for site in dirty[i : i + FINALIZE_SITES]:
                    _finalize_site(con, site)
        return len(dirty)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Learner:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.finalize()
        finally:
            self.close()


def _finalize_site(con: sqlite3.Connection, site: int) -> None:
    """Stories of one site (connected components of documents sharing a band), then per line the number
    of distinct stories and of documents holding it (kept for lines in two stories or more)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    bucket: dict[tuple[int, bytes], int] = {}
    for doc, bands in con.execute("SELECT doc, bands FROM docs WHERE site=?", (site,)):
        parent.setdefault(doc, doc)
        for i in range(0, len(bands or b""), 8):
            key = (i, bands[i : i + 8])
            other = bucket.setdefault(key, doc)
            if other != doc:
                a, b = find(doc), find(other)
                if a != b:  # the smaller key is the root: the components' names do not depend on order
                    parent[max(a, b)] = min(a, b)
    story = {d: find(d) for d in parent}
    # the counts in SQL, over line_docs in its key order: a document's story is its own key unless the
    # temporary table names another (the documents joined to a smaller one)
    con.execute("CREATE TEMP TABLE IF NOT EXISTS story(doc INTEGER PRIMARY KEY, story INTEGER)")
    con.execute("DELETE FROM story")
    con.executemany("INSERT INTO story VALUES (?, ?)", sorted((d, s) for d, s in story.items() if d != s))
    con.execute("DELETE FROM site_lines WHERE site=?", (site,))
    con.execute(
        "INSERT INTO site_lines SELECT ?1, l.line, count(DISTINCT coalesce(s.story, l.doc)) AS n, count(*) "
        "FROM line_docs l LEFT JOIN story s ON s.doc=l.doc WHERE l.site=?1 GROUP BY l.line HAVING n >= 2",
        (site,),
    )
    con.execute("UPDATE sites SET docs=?, stories=?, dirty=0 WHERE site=?", (len(story), len(set(story.values())), site))


# ---------------------------------------------------------------------------------------------------
# Reading it
# ---------------------------------------------------------------------------------------------------

#: sites whose lines a SiteMemory keeps in memory at once (output never depends on it)
CACHE_SITES = 256


class SiteMemory:
    """A learned site-memory file, read-only, with the thresholds the clean pass applies.

    It pickles by its path and thresholds (each worker process opens the file itself), so a
    ``Cleaner(memory=SiteMemory(path))`` still ships to workers.

    Args:
        path: the SQLite file ``cleaner learn`` (or :class:`Learner`) wrote.
        min_articles: a line is cut when it is in at least this many stories of its site...
        min_share: ...and in at least this share of the site's stories.

    Raises:
        ValueError: the file is missing, not a site memory, or has pages learned but not finalized.
    """

    def __init__(self, path: str | Path, *, min_articles: int = DEFAULT_MIN_ARTICLES,
                 min_share: float = DEFAULT_MIN_SHARE) -> None:
        if min_articles < 2:
            raise ValueError("min_articles must be at least 2: a line on one page is no evidence")
        if not 0.0 <= min_share <= 1.0:
            raise ValueError("min_share must be between 0 and 1")
        self.path = str(Path(path).resolve())
        self.min_articles = min_articles
        self.min_share = min_share
        self._con: sqlite3.Connection | None = None
        self._pid = 0
        self._cache: OrderedDict[str, dict[int, tuple[int, int]]] = OrderedDict()
        #: one Cleaner may serve many threads: its memory's connection and cache are used under this lock
        self._lock = threading.Lock()
        con = self._connection()
        row = con.execute("SELECT count(*) FROM sites WHERE dirty=1").fetchone()
        if row[0]:
            raise SiteMemoryError(f"{path}: {row[0]} site(s) got pages that were not finalized (an interrupted "
                               f"learn?); run `cleaner learn --memory {path}` with no input to finalize them")

    def __reduce__(self) -> tuple[Any, ...]:
        return (SiteMemory, (self.path,), {"min_articles": self.min_articles, "min_share": self.min_share})

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.min_articles = state["min_articles"]
        self.min_share = state["min_share"]

    def __repr__(self) -> str:
        return f"SiteMemory({self.path!r}, min_articles={self.min_articles}, min_share={self.min_share})"

    def _connection(self) -> sqlite3.Connection:
        if self._con is None or self._pid != os.getpid():  # a forked worker opens its own
            self._con = _connect(self.path, write=False)
            self._pid = os.getpid()
            self._cache = OrderedDict()
        return self._con

    def stories(self, site: str) -> int:
        """The stories (clusters of near-duplicate documents) learned for ``site``."""
        row = self._connection().execute("SELECT stories FROM sites WHERE site=?", (site_key(site),)).fetchone()
        return row[0] if row else 0

    def lines_for(self, site: str | None) -> dict[int, tuple[int, int]]:
        """The site's boilerplate lines: line hash -> (stories seen with it, stories of the site), for the
        lines over both thresholds; empty for a site not learned."""
        if not site:
            return {}
        with self._lock:
            return self._lines_for(site)

    def _lines_for(self, site: str) -> dict[int, tuple[int, int]]:
        con = self._connection()
        got = self._cache.get(site)
        if got is not None:
            self._cache.move_to_end(site)
            return got
        n = self.stories(site)
        need = max(self.min_articles, self.min_share * n)
        got = {}
        if n >= self.min_articles:
            for line, stories in con.execute("SELECT line, stories FROM site_lines WHERE site=? AND stories>=?",
                                             (site_key(site), need)):
                got[line] = (stories, n)
        self._cache[site] = got
        if len(self._cache) > CACHE_SITES:
            self._cache.popitem(last=False)
        return got

    def show(self, site: str, *, limit: int = 0) -> Iterator[tuple[int, int, int, bool, str | None]]:
        """The site's lines seen in two stories or more, most frequent first: (stories, documents, stories
        of the site, whether it is over the thresholds, its normalised text)."""
        con = self._connection()
        n = self.stories(site)
        need = max(self.min_articles, self.min_share * n)
        sql = ("SELECT l.stories, l.docs, t.text FROM site_lines l LEFT JOIN line_text t ON t.site=l.site AND "
               "t.line=l.line WHERE l.site=? ORDER BY l.stories DESC, l.docs DESC, t.text")
        for i, (stories, docs, text) in enumerate(con.execute(sql, (site_key(site),))):
            if limit and i >= limit:
                break
            yield stories, docs, n, stories >= need and n >= self.min_articles, text

    def sites(self) -> list[tuple[str, int, int]]:
        """Every site learned: (name, documents, stories), by name."""
        return [tuple(r) for r in self._connection().execute("SELECT name, docs, stories FROM sites ORDER BY name")]


def learn_texts(path: str | Path, items: Iterable[tuple[str, str | None]]) -> int:
    """Learn (text, site) pairs into ``path`` and finalize; the number of documents with a site.

    >>> import tempfile, os
    >>> learn_texts(os.path.join(tempfile.mkdtemp(), "m.db"), [("Home\\nA story.", "x.org"), ("B", None)])
    1
    """
    with Learner(path) as learner:
        for text, site in items:
            learner.add_text(text, site)
        return learner.added


# ---------------------------------------------------------------------------------------------------
# The clean pass's stage
# ---------------------------------------------------------------------------------------------------


def find_site_lines(doc: Any, lines: dict[int, tuple[int, int]]) -> None:
    """Cut the surviving lines of ``doc`` that its site prints on page after page (``lines``, from
    :meth:`SiteMemory.lines_for`), and note the evidence per line index in ``doc.evidence``.

    Doubt keeps the line: a line over MAX_LEARN_WORDS words is never cut, nor a paragraph (prose) over
    MAX_PROSE_WORDS, nor a line without a word or with a number (:func:`eligible`). Inside the article
    block a label (no sentence end, or fewer than MIN_BOX_WORDS words) is cut only on a full page and
    as part of a run of two or more such lines (a box of the site's furniture): one alone there is more
    likely the site's template for its articles (``Warranty``, ``Ingredients``), which the article
    needs; a sentence the site prints in story after story (a newsletter pitch) is not the article's.
    In an extract, a line the extractor kept outside the block goes only in a run of three or more
    (MIN_EXTRACT_BOX_LINES): alone, it is as likely a shop's standing notice that its pages show as
    content (``Seller assumes all responsibility for this listing.``), and a pair is as often a section's
    header and its control (``Related advice articles``, ``Sort: Best Match``) as furniture. The safety
    nets of the pipeline run after and take cuts back when they would eat the article.

    >>> from cleaner.document import Doc
    >>> d = Doc("Home\\nThe mayor opened the bridge on Monday after two years of work on it.")
    >>> d.block, d.input = (1, 1), "page"
    >>> find_site_lines(d, {line_key("home"): (5, 6)})
    >>> [(ln.cut.rule if ln.cut else None) for ln in d.lines], d.evidence
    (['site.repeated-line', None], {0: (5, 6)})
    """
    if not lines:
        return
    first, last = doc.block
    hits: dict[int, tuple[int, int]] = {}
    alive = [ln for ln in doc.lines if ln.cut is None]
    for ln in alive:
        if ln.parts or ln.n_words > MAX_LEARN_WORDS or (ln.prose and ln.n_words > MAX_PROSE_WORDS):
            continue
        norm = normalize(ln.text)
        seen = lines.get(line_key(norm)) if eligible(ln.text, norm) else None
        if seen is not None:
            hits[ln.idx] = seen
    # the length of the run of site lines (surviving lines in a row) each line belongs to
    run = [0] * len(alive)
    j = 0
    while j < len(alive):
        end = j
        while end < len(alive) and alive[end].idx in hits:
            end += 1
        for k in range(j, end):
            run[k] = end - j
        j = end + 1 if end == j else end
    page = doc.input == "page"
    for j, ln in enumerate(alive):
        seen = hits.get(ln.idx)
        if seen is None:
            continue
        boxed = run[j] >= (MIN_BOX_LINES if page else MIN_EXTRACT_BOX_LINES)
        if first <= ln.idx <= last and not (ln.terminal and ln.n_words >= MIN_BOX_WORDS):
            # in the article block a label may be the site's template for its articles: in an extract (the
            # block is what an extractor chose) it stays; on a page only a run of them goes
            if not page or not boxed:
                continue
        elif not page and not boxed and not first <= ln.idx <= last:
            continue  # an extract: what the extractor kept outside its block goes only as a box of site lines
        doc.cut_line(ln, KIND, RULE_ID)
        doc.evidence[ln.idx] = seen


RULE_RECORD = {
    "id": RULE_ID,
    "kind": KIND,
    "stage": "site",
    "code": "cleaner.memory:find_site_lines",
    "catches": "A line (normalised: case, digits, punctuation and spacing folded) that the document's site prints "
    f"in at least {DEFAULT_MIN_ARTICLES} of its stories and a share of {DEFAULT_MIN_SHARE:.0%} of them (defaults; "
    "--min-articles, --min-share), as learned by `cleaner learn` into a site memory (`--memory FILE`).",
    "why": "A menu, a footer, a newsletter box or a 'More from ...' header is printed on page after page of its "
    "site; an article's sentences are not. Versions of one story (updates, syndicated copies) count once, "
    f"so a story's own lines are not evidence; a paragraph over {MAX_PROSE_WORDS} words and a line over "
    f"{MAX_LEARN_WORDS} words are never cut, and the safety net takes cuts back when they would eat the article. "
    "Each cut carries its evidence: {'articles': stories with the line, 'of': stories of the site}.",
    "example": "Sign up for our newsletter (in 41 of 50 stories of the site)",
}
