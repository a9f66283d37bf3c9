"""Batch cleaning for ``cleaner clean``: read documents lazily, clean them in worker processes, write the
results in input order, and resume an interrupted run.

The shape of a run::

    find_inputs(args) ─► iter_chunks(sources, skip) ─► clean_chunks(chunks, job, jobs) ─► sink.write(...)
       (files, folders,     (raw 128 KiB blocks of         (workers: parse, clean,          (one write +
        stdin)               whole lines; file paths)       serialize; ordered results)      flush a chunk)

Why it is built this way:

* **The parent stays cheap.** It reads fixed-size blocks, cuts them at the last newline and ships the raw
  bytes; it never parses or serializes a record. Workers split lines, parse with orjson, clean, and send
  back finished output bytes. That is what lets ``--jobs 2`` run close to twice as fast as ``--jobs 1``.
* **Bounded memory.** At most ``IN_FLIGHT_PER_WORKER`` chunks per worker are queued; a record longer
  than ``max_bytes`` is never held whole by anyone (the parent skims past it and the worker emits an
  error record naming its size).
* **Deterministic output.** A record's output line depends only on the record and the options, and
  results are written in input order, so the bytes are identical for any ``--jobs``.
* **Resumable.** Every non-blank input line (and every ``.txt``/``.html`` file) yields exactly one
  output line, bad records included, and the output is written a whole chunk at a time. After a crash
  (even ``kill -9``) :func:`open_sink` with ``resume=True`` drops a torn last line, counts the complete
  lines *n*, and :func:`iter_chunks` skips the first *n* input records, so the finished file is
  byte-identical to an uninterrupted run. Blank input lines are skipped (they are not records) — the
  same rule in the worker and in the resume count.
* **Near-duplicates** (``--near-duplicates``) are decided where the order is known: workers sign each clean
  text and end its line with ``"near_duplicate_of":null``; the parent (:class:`NearDupMarker`) decides in
  input order and writes the id in; a resumed run first rebuilds its index from the output.
* **Exact fields.** Lines are parsed with orjson; one that holds a float, a ``-0`` or JSON orjson refuses
  (``1e400``, an integer over 64 bits) is parsed again keeping those numbers' literal text, and written back
  verbatim, so no input field changes.

Bad input never stops a batch: a line that is not JSON, not an object, lacks the document field, holds
a non-string or broken UTF-8, or is too long becomes ``{"<id field>": id?, "cleaner": {"error":
"line 7: …", "raw": "<first 1000 characters>"}}`` in its place (with ``--no-metadata`` too: an error is
never silent); when ``raw`` is not the whole line, ``"raw_truncated": true, "raw_bytes": <line length>``
follow it. A gzip input cut short or corrupt keeps everything decoded before the damage and ends with one
such record (``"<file>: truncated gzip after N records …"``), which a resumed run counts like any other.

Example:
    >>> import io
    >>> from cleaner import Cleaner
    >>> job = Job(Cleaner(detect_language=False), Options(lang="en"))
    >>> src = io.BytesIO(b'{"id": 1, "text": "Login\\\\nThe mayor opened the new library on Saturday."}\\n[]\\n')
    >>> out = b"".join(payload for payload, _ in clean_chunks(iter_chunks([Source.stream_of(src)]), job, 1))
    >>> print(out.decode().splitlines()[1])
    {"cleaner":{"error":"line 2: not a JSON object but a list","raw":"[]"}}
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import signal
import sys
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson

from cleaner.result import CleanResult

if TYPE_CHECKING:  # the pipeline is imported by whoever builds the Cleaner; `cleaner --help` stays fast
    from cleaner.pipeline import Cleaner

#: Size of one raw block of JSONL input sent to a worker (cut at the last newline in it). About 50-1000
#: records: big enough that shipping it costs nothing next to cleaning it, small enough to keep the
#: workers evenly busy and to make progress (and a resume point) every fraction of a second.
BLOCK_BYTES = 128 * 1024
#: ``.txt``/``.html`` files per chunk (workers read the files themselves).
FILES_PER_CHUNK = 32
#: Chunks queued or running per worker: enough to never starve a worker, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 3
#: Default limit on one record (a JSONL line or a file): a news article is far smaller; a 50 MB line is
#: an error record, not a crash or a minute of work.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
#: How much of a bad record is kept in its error record's ``raw``.
RAW_CHARS = 1000
#: How much of the start of a bad record is kept: its error record's ``raw`` (at most 4 bytes per character)
#: and, for an oversized record, where its id is looked for.
HEAD_BYTES = RAW_CHARS * 4
#: File suffixes read as one document each, and whether they are HTML.
DOC_SUFFIXES: dict[str, bool] = {".txt": False, ".html": True, ".htm": True}
#: Suffixes of JSON-lines files picked up when recursing into a folder.
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".jsonl.gz")
#: Metadata keys of the ``cleaner`` object, in output order.
META_KEYS: tuple[str, ...] = (
    "title", "date", "dateline", "authors", "tags", "language", "input", "removed", "warnings", "error",
)


class BatchError(Exception):
    """A problem that stops the batch: a missing or unreadable input, an output that cannot be resumed.

    The CLI prints it and exits with status 2.
    """


# ---------------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a JSON-lines file (maybe gzipped), a single document file, or a byte stream (stdin).

    Attributes:
        label: how messages name it (the path, or ``<stdin>``).
        path: the file; None for a stream.
        kind: ``"jsonl"`` or ``"doc"``.
        doc_id: for a document file, its id: the path relative to the folder given, or the file name.
        html: for a document file, whether it is HTML.
        stream: for ``path=None``, the binary stream to read.
        problem: for a document file that is not read (a symbolic link out of the folder given, or a
            broken one), why: it gets an error record in its place.
    """

    label: str
    path: Path | None = None
    kind: str = "jsonl"
    doc_id: str | None = None
    html: bool = False
    stream: IO[bytes] | None = field(default=None, compare=False)
    problem: str | None = None

    @classmethod
    def stream_of(cls, stream: IO[bytes], label: str = "<stdin>") -> Source:
        """A JSON-lines byte stream (stdin)."""
        return cls(label=label, stream=stream)

    def open(self) -> IO[bytes]:
        """Open the JSONL input for reading bytes (gzip-decoded when the name ends in ``.gz``)."""
        if self.path is None:
            assert self.stream is not None
            return self.stream
        if self.path.name.lower().endswith(".gz"):
            return gzip.open(self.path, "rb")  # type: ignore[return-value]
        return open(self.path, "rb")


def _link_problem(link: Path, root: Path) -> str | None:
    """Why a symbolic link found in an input folder is not read, or None to read it: a link is followed
    only to a file inside the folder (a link to /etc/passwd is not data of the crawl), and a broken one
    is reported rather than dropped."""
    target = Path(os.path.realpath(link))
    if not target.exists():
        return "a broken symbolic link: nothing to read"
    if not target.is_relative_to(root):
        return f"a symbolic link to {target}, outside the input folder: not followed"
    return None


def _classify(path: Path) -> tuple[str, bool] | None:
    """``("doc", is_html)`` or ``("jsonl", False)`` for a file found in a folder; None to ignore it."""
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl", False
    suffix = path.suffix.lower()
    if suffix in DOC_SUFFIXES:
        return "doc", DOC_SUFFIXES[suffix]
    return None


def find_inputs(args: Sequence[str], stdin: IO[bytes] | None = None) -> list[Source]:
    """Turn command-line inputs into sources, in order; a folder contributes its matching files, sorted.

    Folders are walked recursively for ``*.txt``, ``*.html``, ``*.htm``, ``*.jsonl`` and ``*.jsonl.gz``,
    skipping hidden files and folders (names starting with a dot). A file named explicitly is a document
    when it ends in ``.txt``/``.html``/``.htm`` and JSON lines otherwise (``.gz``: gzipped). ``-`` or no
    input at all is stdin, read as JSON lines.

    Raises:
        BatchError: an input does not exist, or stdin is named twice.
    """
    if not args:
        args = ["-"]
    out: list[Source] = []
    seen_stdin = False
    for arg in args:
        if arg == "-":
            if seen_stdin:
                raise BatchError("stdin ('-') can be read only once")
            seen_stdin = True
            out.append(Source.stream_of(stdin if stdin is not None else sys.stdin.buffer))
            continue
        p = Path(arg)
        if p.is_dir():
            root = p.resolve()
            found = []
            for f in p.rglob("*"):
                rel = f.relative_to(p)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                problem = _link_problem(f, root) if f.is_symlink() else None
                if problem is None and not f.is_file():
                    continue  # a folder (a linked one is not walked), or a link to one
                c = _classify(f)
                if c is not None:
                    found.append((rel.as_posix(), f, c, problem))
            for rel_id, f, (kind, html), problem in sorted(found, key=lambda t: t[0]):
                if problem is not None:  # reported in its place, as a document, whatever its suffix says
                    kind = "doc"
                out.append(Source(label=str(f), path=f, kind=kind, doc_id=rel_id if kind == "doc" else None, html=html,
                                  problem=problem))
        elif p.is_file():
            suffix = p.suffix.lower()
            if suffix in DOC_SUFFIXES:
                out.append(Source(label=str(p), path=p, kind="doc", doc_id=p.name, html=DOC_SUFFIXES[suffix]))
            else:
                out.append(Source(label=str(p), path=p))
        elif p.exists():
            raise BatchError(f"not a file or folder: {arg}")
        else:
            raise BatchError(f"no such file or folder: {arg}")
    return out


# ---------------------------------------------------------------------------------------------------
# Chunks: what the parent sends to workers
# ---------------------------------------------------------------------------------------------------
# A chunk is a plain tuple (cheap to pickle):
#   ("lines", label, first_line_number, block)      raw whole lines of a JSONL input
#   ("big", label, line_number, head, size)         one line over max_bytes: its first bytes and its size
#   ("broken", label, problem, torn_head, torn_size) where a compressed input broke off (its torn last line)
#   ("docs", [(doc_id, path, is_html, problem), ...]) document files; the worker reads them (problem: why not)
Chunk = tuple[Any, ...]


def _is_record(line: bytes, max_bytes: int) -> bool:
    """Whether a JSONL line is a record: anything but empty or ASCII-white-space lines (which are skipped),
    and always a line over ``max_bytes`` (an error record; the parent may not have seen all of it). The one
    rule for workers and for the resume count.
    """
    return len(line) > max_bytes or not (not line or line.isspace())


class _Skip:
    """How many input records a resumed run must still pass over."""

    __slots__ = ("max_bytes", "n")

    def __init__(self, n: int, max_bytes: int) -> None:
        self.n = n
        self.max_bytes = max_bytes

    def lines(self, block: bytes) -> tuple[bytes, int]:
        """Pass over up to ``n`` records at the start of ``block``: (the rest of it, lines passed)."""
        pos = lines = 0
        while self.n and pos < len(block):
            nl = block.find(b"\n", pos)
            end = len(block) if nl < 0 else nl + 1
            if _is_record(block[pos:end].rstrip(b"\n"), self.max_bytes):
                self.n -= 1
            lines += 1
            pos = end
        return block[pos:], lines


class _Broken(Exception):
    """A compressed input stops making sense part-way (cut short, or corrupt); raised after every byte that
    decoded before the damage has been handed out.
    """

    def __init__(self, message: str, *, truncated: bool) -> None:
        super().__init__(message)
        self.truncated = truncated


def _read_blocks(src: Source, block_bytes: int) -> Iterator[bytes]:
    """The bytes of a JSONL input in pieces of at most about ``block_bytes``, gunzipped for a ``.gz`` file.

    A gzip stream is decoded here rather than with :func:`gzip.open` so that a truncated or corrupt file
    yields every byte that decoded before the damage, whatever the block size, and then raises
    :class:`_Broken`. Several members (``cat a.gz b.gz``) and zero padding after a member are
    read as :mod:`gzip` reads them.

    Raises:
        _Broken: the gzip stream is cut short or corrupt.
        OSError: the file cannot be opened or read.
    """
    if src.path is None:
        assert src.stream is not None
        while data := src.stream.read(block_bytes):
            yield data
        return
    with open(src.path, "rb") as f:
        if not src.path.name.lower().endswith(".gz"):
            while data := f.read(block_bytes):
                yield data
            return
        yield from _gunzip(f, block_bytes)


def _gunzip(f: IO[bytes], block_bytes: int) -> Iterator[bytes]:
    """Decode a gzip file (one or more members) in pieces of at most ``block_bytes``; see :func:`_read_blocks`."""
    d = zlib.decompressobj(wbits=31)
    between = True  # before the first member or after the end of one: only zero padding or a new member
    pending = b""  # compressed bytes not yet fed to ``d``
    while True:
        if not pending:
            pending = f.read(block_bytes)
            if not pending:
                if between:
                    return
                try:
                    out = d.flush()  # what zlib still holds for the bytes it was given
                except zlib.error as e:
                    raise _Broken(str(e), truncated=False) from None
                if out:
                    yield out
                if d.eof:
                    return
                raise _Broken("the file ends in the middle of the compressed stream", truncated=True)
        if between:
            pending = pending.lstrip(b"\x00")
            if not pending:
                continue
            between = False
        try:
            out = d.decompress(pending, block_bytes)  # capped: a small bomb cannot fill the memory
        except zlib.error as e:
            raise _Broken(str(e), truncated=False) from None
        if out:
            yield out
        if d.eof:  # the end of a member: what follows is padding or the next member
            pending = d.unused_data
            d = zlib.decompressobj(wbits=31)
            between = True
        else:
            pending = d.unconsumed_tail


_WHITE = (b"\n", b" ", b"\r", b"\t", b"\x0b", b"\x0c")


def _count_records(block: bytes, max_bytes: int) -> int:
    """How many records a block of whole lines holds (the worker's rule, :func:`_is_record`)."""
    n = block.count(b"\n") + (0 if block.endswith(b"\n") else 1)
    if block[:1].isspace() or any(b"\n" + c in block for c in _WHITE):  # a blank line, maybe: look closer
        n = sum(1 for line in block.split(b"\n") if _is_record(line, max_bytes))
    return n


def _jsonl_chunks(src: Source, skip: _Skip, max_bytes: int, block_bytes: int) -> Iterator[Chunk]:
    """Raw blocks of whole lines of one JSONL input; lines over ``max_bytes`` become ``big`` chunks."""
    label = src.label
    lineno = 1  # number of the first line not yet sent or skipped
    carry: list[bytes] = []  # pieces of a line whose newline has not been read yet
    carry_len = 0
    big: list[Any] | None = None  # [head, size] while skimming past an oversized line

    def emit_block(block: bytes) -> Iterator[Chunk]:
        nonlocal lineno
        if skip.n:
            block, passed = skip.lines(block)
            lineno += passed
        if block:
            yield ("lines", label, lineno, block)
            lineno += block.count(b"\n")

    def emit_big() -> Iterator[Chunk]:
        nonlocal lineno, big
        assert big is not None
        if skip.n:
            skip.n -= 1
        else:
            yield ("big", label, lineno, big[0], big[1])
        lineno += 1
        big = None

    nrec = 0  # records of this input read so far (sent or skipped), for the message at a break
    try:
        for data in _read_blocks(src, block_bytes):
            if big is not None:
                nl = data.find(b"\n")
                if nl < 0:
                    big[1] += len(data)
                    continue
                big[1] += nl
                nrec += 1
                yield from emit_big()
                data = data[nl + 1 :]
                if not data:
                    continue
            nl = data.rfind(b"\n")
            if nl < 0:
                carry.append(data)
                carry_len += len(data)
                if carry_len > max_bytes:
                    head = b"".join(carry)[:HEAD_BYTES]
                    big = [head, carry_len]
                    carry, carry_len = [], 0
                continue
            block = data[: nl + 1]
            if carry:
                carry.append(block)
                block = b"".join(carry)
            rest = data[nl + 1 :]
            carry, carry_len = ([rest], len(rest)) if rest else ([], 0)
            nrec += _count_records(block, max_bytes)
            yield from emit_block(block)
        if big is not None:
            yield from emit_big()
        elif carry:
            yield from emit_block(b"".join(carry))
    except _Broken as e:
        # Everything before the break has been sent; the torn line (if any) is the error record's raw, and
        # the record stands in for the rest of the file (one output line, so a resumed run counts it).
        if big is not None:
            torn, torn_size = big[0], big[1]
        else:
            torn_size = carry_len
            torn = b"".join(carry)[:HEAD_BYTES]
        if skip.n:
            skip.n -= 1
        else:
            what = "truncated" if e.truncated else "damaged"
            problem = (f"{what} gzip after {nrec:,} records (at line {lineno}): {e}; the rest of the file is lost")
            yield ("broken", label, problem, torn or None, torn_size)
    except OSError as e:
        raise BatchError(f"{label}: cannot read: {e.strerror or e}") from None


def iter_chunks(
    sources: Iterable[Source],
    skip: int = 0,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    block_bytes: int = BLOCK_BYTES,
) -> Iterator[Chunk]:
    """The work, in input order, as chunks; the first ``skip`` records (already in a resumed output) are
    passed over.

    Raises:
        BatchError: an input cannot be read (a corrupt gzip stream, a read error), or a resumed output
            holds more records than the input has (it belongs to another input).
    """
    sk = _Skip(skip, max_bytes)
    docs: list[tuple[str, str, bool, str | None]] = []
    for src in sources:
        if src.kind == "doc":
            if sk.n:
                sk.n -= 1
                continue
            docs.append((src.doc_id or src.label, str(src.path), src.html, src.problem))
            if len(docs) >= FILES_PER_CHUNK:
                yield ("docs", docs)
                docs = []
            continue
        if docs:
            yield ("docs", docs)
            docs = []
        yield from _jsonl_chunks(src, sk, max_bytes, block_bytes)
    if docs:
        yield ("docs", docs)
    if sk.n:
        raise BatchError(
            f"the output already holds {skip} records but the input has only {skip - sk.n}: "
            "it was not written from this input (run without --resume to start over)"
        )


# ---------------------------------------------------------------------------------------------------
# Workers: parse, clean, serialize
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Options:
    """What ``cleaner clean`` does with each record.

    Attributes:
        text_field: JSONL field holding the text; the cleaned text is written back to it (also for HTML).
        html_field: JSONL field holding HTML instead (the cleaned text then goes to ``text_field``).
        id_field: JSONL field holding the id (kept in error records, names files in a folder output).
        url_field: JSONL field with the page address, given to the HTML extractor.
        lang: ISO 639-1 code to force for every document; None to detect.
        input: what every document is (``page``, ``extract`` or ``article``); None to detect per document.
        metadata: add the ``cleaner`` object to good records (bad ones always get ``cleaner.error``).
        max_bytes: longest record (JSONL line or file) cleaned; longer ones become error records.
        folder: produce per-document ``(name, text, metadata)`` triples instead of JSONL lines.
        records: produce the output records as dicts instead of JSONL lines (the Dask step).
        name_sources: prefix error messages with the input's name (several JSONL inputs).
        keep_source: add ``cleaner.source``, the text the cuts' offsets index (the extracted text in HTML
            mode), so that a result can be replayed: ``replay(source, removed) == text``.
        overwrite_text_field: with ``html_field``, replace a ``text_field`` the record already has; when
            False such a record gets an error record that says so, rather than lose the field silently.
        site_field: JSONL field naming the record's site for site memory; None: the host of ``url_field``.
        title_field: JSONL field with the document's known headline (a scraper's title): the first line
            is then cut as the title only when it carries the title's words (``clean(..., title=)``).
        near_duplicates: the Jaccard threshold of near-duplicate detection (:mod:`cleaner.neardup`); None:
            off. On, every record ends with ``"near_duplicate_of": null`` (an input's own field of that name
            is replaced) and a chunk's result carries each record's reference and signature, for the
            parent to decide in input order (:class:`NearDupMarker`).
        drop_near_duplicates: with ``near_duplicates``, the parent leaves the near-duplicates out.
    """

    text_field: str = "text"
    html_field: str | None = None
    id_field: str = "id"
    url_field: str = "url"
    lang: str | None = None
    input: str | None = None
    metadata: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    folder: bool = False
    records: bool = False
    name_sources: bool = False
    overwrite_text_field: bool = False
    keep_source: bool = False
    site_field: str | None = None
    title_field: str | None = None
    near_duplicates: float | None = None
    drop_near_duplicates: bool = False


@dataclass(slots=True)
class Stats:
    """Counts over the documents of a chunk or a run, for the progress bar and the summary line."""

    docs: int = 0
    errors: int = 0
    chars: int = 0
    removed_chars: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    #: input bytes the chunk covered (uncompressed), for the progress bar
    bytes_in: int = 0
    #: records found to be near-duplicates of an earlier one (marked, or dropped)
    near_duplicates: int = 0

    def add(self, other: Stats) -> None:
        """Fold another chunk's counts into these."""
        self.bytes_in += other.bytes_in
        self.docs += other.docs
        self.errors += other.errors
        self.chars += other.chars
        self.removed_chars += other.removed_chars
        self.kinds.update(other.kinds)
        self.near_duplicates += other.near_duplicates

    def add_result(self, res: CleanResult) -> None:
        self.docs += 1
        self.chars += len(res.source)
        for r in res.removed:
            self.removed_chars += r.end - r.start
            self.kinds[r.kind] += 1

    def summary(self, seconds: float, *, top: int = 5) -> str:
        """``cleaned 5 documents (0 errors) in 0.3 s; removed 7.1% of characters; top kinds: title 2, ...``."""
        docs = f"{self.docs:,} document" + ("" if self.docs == 1 else "s")
        errs = f"{self.errors:,} error" + ("" if self.errors == 1 else "s")
        rate = f" ({self.docs / seconds:,.0f} docs/s)" if seconds >= 1 and self.docs else ""
        share = self.removed_chars / self.chars if self.chars else 0.0
        kinds = ", ".join(f"{k} {n:,}" for k, n in sorted(self.kinds.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
        return (
            f"cleaned {docs} ({errs}) in {seconds:.1f} s{rate}; removed {share:.1%} of characters; "
            f"top kinds: {kinds or 'none'}"
        )


#: (name from the id or None, clean text + newline or None for an error, metadata JSON)
FolderDoc = tuple[str | None, bytes | None, bytes]
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_BOM = b"\xef\xbb\xbf"
_JSON_POS = re.compile(r":? line \d+ column (\d+) \(char \d+\)$")


def safe_name(doc_id: object) -> str | None:
    """A file name for a document id: letters, digits, ``.``, ``_`` and ``-`` only, at most 120 characters.

    >>> safe_name("world/2025/05/Trump calls.html"), safe_name("../../etc/passwd"), safe_name("..")
    ('world_2025_05_Trump_calls', 'etc_passwd', None)
    """
    if doc_id is None or isinstance(doc_id, bool):
        return None
    s = str(doc_id)
    low = s.lower()
    for suffix in DOC_SUFFIXES:
        if low.endswith(suffix):
            s = s[: -len(suffix)]
            break
    name = _UNSAFE_NAME.sub("_", s).strip("._-")[:120].rstrip("._-")
    return name or None


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float, _Num)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


# ---------------------------------------------------------------------------------------------------
# Exact JSON: every input field comes out as it went in
# ---------------------------------------------------------------------------------------------------
# orjson is the fast path, but it reads an integer over 64 bits as a float, refuses 1e400, and writes 1E5
# back as 100000.0 and -0 as 0. A record holding a float, a "-0", or anything orjson refuses is read again
# with the standard json module, keeping every float (and the rare integer orjson cannot write) as its
# literal text, and written back with that text verbatim.


class _Num:
    """A JSON number kept as written (``1E5``, ``1e400``, ``-0``), written back verbatim."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"_Num({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Num) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def _exact_int(text: str) -> int | _Num:
    if text == "-0":
        return _Num(text)
    try:
        return int(text)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        return _Num(text)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _loads_exact(text: str) -> Any:
    """Parse JSON with every float (and ``-0``, and an integer too long for Python) kept as a :class:`_Num`."""
    return json.loads(text, parse_float=_Num, parse_int=_exact_int, parse_constant=_no_constant)


_NEG_ZERO = re.compile(rb"-0(?![0-9.eE])")


def _has_float(obj: Any) -> bool:
    stack = [obj]
    while stack:
        v = stack.pop()
        if isinstance(v, float):
            return True
        if isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


def loads_record(line: bytes) -> Any:
    """Parse one JSONL line so that writing it back changes no field.

    Raises:
        orjson.JSONDecodeError: the line is not JSON (orjson's message, which names the problem).
    """
    try:
        rec = orjson.loads(line)
    except orjson.JSONDecodeError:
        try:  # 1e400, a lone surrogate escape: JSON that orjson refuses
            return _loads_exact(line.decode("utf-8"))
        except (ValueError, RecursionError):  # not JSON for json either (or not UTF-8): orjson's message
            pass
        raise
    if _has_float(rec) or (b"-0" in line and _NEG_ZERO.search(line)):
        try:
            return _loads_exact(line.decode("utf-8"))
        except (ValueError, RecursionError):  # pragma: no cover - json refuses what orjson read (nesting)
            return rec
    return rec


def _fragment(value: Any) -> Any:
    if isinstance(value, _Num):
        return orjson.Fragment(value.text)
    raise TypeError


def _fragment_or_str(value: Any) -> Any:
    return orjson.Fragment(value.text) if isinstance(value, _Num) else str(value)


def _dumps(obj: Any, *, indent: bool = False, lenient: bool = False) -> bytes:
    """Serialize like ``orjson.dumps`` (compact, or ``OPT_INDENT_2``), writing :class:`_Num` verbatim and
    also what orjson cannot write (an integer over 64 bits, a string with a lone surrogate).
    ``lenient``: write anything else that is not JSON as its ``str()`` (the Dask step's records).
    """
    default = _fragment_or_str if lenient else _fragment
    try:
        return orjson.dumps(obj, default=default, option=orjson.OPT_INDENT_2 if indent else 0)
    except TypeError:
        parts: list[str] = []
        _write_slow(obj, parts, 0 if indent else None, default)
        return "".join(parts).encode("utf-8")


def _write_slow(v: Any, out: list[str], level: int | None, default: Callable[[Any], Any]) -> None:
    """The rare path of :func:`_dumps`, in orjson's layout."""
    if isinstance(v, str):
        try:
            out.append(orjson.dumps(v).decode("utf-8"))
        except TypeError:  # a lone surrogate: escaped as \udXXX
            out.append(json.dumps(v))
    elif isinstance(v, _Num):
        out.append(v.text)
    elif v is None or isinstance(v, (bool, float)):
        out.append(orjson.dumps(v).decode("ascii"))
    elif isinstance(v, int):
        out.append(str(v))
    elif isinstance(v, (dict, list, tuple)):
        items = list(v.items()) if isinstance(v, dict) else list(v)
        close = "}" if isinstance(v, dict) else "]"
        out.append("{" if isinstance(v, dict) else "[")
        if items:
            inner = None if level is None else level + 1
            for i, item in enumerate(items):
                if i:
                    out.append(",")
                if inner is not None:
                    out.append("\n" + "  " * inner)
                if isinstance(v, dict):
                    k, item = item
                    _write_slow(str(k), out, None, default)
                    out.append(": " if inner is not None else ":")
                _write_slow(item, out, inner, default)
            if level is not None:
                out.append("\n" + "  " * level)
        out.append(close)
    else:
        _write_slow(default(v), out, level, default)  # its str() (lenient), else TypeError: no JSON form


def _id_of_bad_line(line: bytes, id_field: str) -> object:
    """The id of a line that cannot be cleaned, when it can still be read: a line with broken UTF-8 is
    read with the bad bytes replaced, and an id that was not itself damaged is kept.
    """
    try:
        rec = _loads_exact(line.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(rec, dict):
        return None
    doc_id = rec.get(id_field)
    if isinstance(doc_id, (dict, list)) or (isinstance(doc_id, str) and "\ufffd" in doc_id):
        return None
    return doc_id


_ID_TOKEN = re.compile(rb'\s*(?:("(?:[^"\\]|\\.)*")|([{}\[\]:,])|([^\s{}\[\]:,"]+))', re.S)


def _scan_id(head: bytes, id_field: str) -> object:
    """The id of an oversized record from its first bytes, without reading the rest: the value of the
    top-level field ``id_field`` when that field *starts and ends* within ``head`` (a news record puts its
    id before the text; one written after the text is not found, and the error record has no id).
    Objects and lists as ids are dropped, as for any record.
    """
    if head.startswith(_BOM):
        head = head[3:]
    pos, depth, want, key = 0, 0, "open", None
    while True:
        m = _ID_TOKEN.match(head, pos)
        if m is None:
            return None
        pos = m.end()
        string, punct, scalar = m.groups()
        if punct in (b"{", b"["):
            if depth == 0 and punct != b"{":
                return None
            if depth == 1 and want == "value":
                if key == id_field:
                    return None
                want = "comma"
            depth += 1
            if depth == 1:
                want = "key"
        elif punct in (b"}", b"]"):
            depth -= 1
            if depth < 1:
                return None
        elif depth != 1:
            continue
        elif punct == b":":
            want = "value" if want == "colon" else "bad"
        elif punct == b",":
            want = "key"
        elif want == "key" and string is not None:
            try:
                key = _loads_exact(string.decode("utf-8"))
            except ValueError:
                key = None
            want = "colon"
        elif want == "value":
            if key == id_field:
                if scalar is not None and pos >= len(head):
                    return None  # a number cut off where the head ends
                try:
                    value = _loads_exact((string or scalar).decode("utf-8"))
                except (ValueError, AttributeError):
                    return None
                return value
            want = "comma"
        else:
            return None


def _json_problem(line: bytes, err: orjson.JSONDecodeError) -> str:
    """Say what is wrong with a line orjson refused, with a column that means something for this line."""
    msg = str(err)
    if "UTF-8" in msg:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as u:
            return f"not valid UTF-8: byte 0x{line[u.start]:02x} at column {u.start + 1}"
    m = _JSON_POS.search(msg)
    if m:
        msg = f"{msg[: m.start()]} (column {m.group(1)})"
    return f"not valid JSON: {msg}"


def _raw_text(raw: bytes, size: int) -> tuple[str, bool]:
    """The first ``RAW_CHARS`` characters of a bad record (``raw`` is all or, for ``size`` > len, the start of
    it) and whether that is less than the whole record.
    """
    piece = raw[:HEAD_BYTES]
    text = piece.decode("utf-8", "replace")
    cut = size > len(piece)
    if len(text) > RAW_CHARS:
        text, cut = text[:RAW_CHARS], True
    return text.rstrip("\r\n"), cut


def _too_big(size: int, limit: int) -> str:
    return f"record is {size:,} bytes, over the limit of {limit:,} (--max-bytes); not cleaned"


class Job:
    """Everything a worker needs: the cleaner and the options. One per worker process (or the parent
    with ``--jobs 1``); turns raw chunks into output bytes (or folder documents) and counts.
    """

    def __init__(self, cleaner: Cleaner, options: Options) -> None:
        self.cleaner = cleaner
        self.options = options
        #: with near-duplicates on, while a chunk is cleaned: per record emitted, (reference, signature)
        self._marks: list[tuple[bytes | None, bytes]] | None = None

    def _note(self, rec: dict[str, Any], doc_id: object, text: str | None) -> None:
        """With near-duplicates on: end the record with ``near_duplicate_of: null`` (the parent fills it in)
        and note its reference (its id as JSON; None: no usable id) and the signature of its clean text
        (``b""`` for an error record: never a near-duplicate)."""
        threshold = self.options.near_duplicates
        if threshold is None:
            return
        from cleaner import neardup

        rec.pop(neardup.FIELD, None)
        rec[neardup.FIELD] = None
        if self._marks is not None:
            ref = None if doc_id is None or isinstance(doc_id, (dict, list)) else _dumps(doc_id)
            sig = neardup.signature(text, threshold) if text is not None else b""
            self._marks.append((ref, sig))

    # -- outputs ---------------------------------------------------------------------------------
    def _meta(self, res: CleanResult) -> dict[str, Any]:
        d = res.to_dict(include_source=self.options.keep_source)
        meta = {k: d.get(k) for k in META_KEYS}
        if "evidence" in d:  # site memory's cuts (only then: other records keep their keys)
            meta["evidence"] = d["evidence"]
        if self.options.keep_source:  # what the offsets index: the extracted text in HTML mode
            meta["source"] = d["source"]
        return meta

    def _emit_good(self, rec: dict[str, Any], res: CleanResult, doc_id: object) -> Any:
        o = self.options
        rec[o.text_field] = res.text
        if o.metadata:
            rec["cleaner"] = self._meta(res)
        self._note(rec, doc_id, res.text)
        if o.records:
            return rec
        if not o.folder:
            return _dumps(rec) + b"\n"
        meta = {k: v for k, v in rec.items() if k != o.text_field and k != o.html_field}
        return safe_name(doc_id), res.text.encode("utf-8") + b"\n", _dumps(meta, indent=True) + b"\n"

    def _emit_error(
        self, st: Stats, where: str, problem: str, raw: bytes | None, doc_id: object, raw_size: int | None = None
    ) -> Any:
        """The error record put in a bad record's place. ``raw`` is the record as read (or its start, when
        ``raw_size`` says it was longer); when ``raw`` in the record is cut, ``raw_truncated`` and
        ``raw_bytes`` (the size of the whole record) say so.
        """
        st.docs += 1
        st.errors += 1
        rec: dict[str, Any] = {}
        if doc_id is not None:
            rec[self.options.id_field] = doc_id
        meta: dict[str, Any] = {"error": f"{where}: {problem}", "raw": None}
        if raw is not None:
            size = len(raw) if raw_size is None else raw_size
            meta["raw"], cut = _raw_text(raw, size)
            if cut:
                meta["raw_truncated"] = True
                meta["raw_bytes"] = size
        rec["cleaner"] = meta
        self._note(rec, doc_id, None)
        if self.options.records:
            return rec
        if not self.options.folder:
            return _dumps(rec) + b"\n"
        return safe_name(doc_id), None, _dumps(rec, indent=True) + b"\n"

    def _emit_too_big(self, st: Stats, where: str, head: bytes, size: int) -> Any:
        """The error record of a record over ``max_bytes`` (a JSONL line, or a Dask record measured as the
        line the CLI would read): the one decision for both. Only ``head``, the record's first bytes, is
        looked at: the id is kept when it is a top-level field that starts there (:func:`_scan_id`).
        """
        doc_id = _scan_id(head, self.options.id_field)
        return self._emit_error(st, where, _too_big(size, self.options.max_bytes), head[:HEAD_BYTES], doc_id, size)

    def _clean(self, value: str | bytes, html: bool, url: str | None, site: str | None = None,
               title: str | None = None) -> CleanResult:
        # the optional arguments only when they are given: a duck-typed cleaner need not know them
        extra: dict[str, Any] = {}
        if self.options.input is not None:
            extra["input"] = self.options.input
        if getattr(self.cleaner, "memory", None) is not None:  # site memory: the record's site too
            extra["site"] = site
        if title is not None:
            extra["title"] = title
        return self.cleaner.clean(value, html=html, lang=self.options.lang, url=url, **extra)

    # -- one record ------------------------------------------------------------------------------
    def line(self, line: bytes, where: str, st: Stats) -> bytes | FolderDoc:
        """Clean one JSONL record (a raw line); a bad one gives an error record in its place."""
        if len(line) > self.options.max_bytes:
            return self._emit_too_big(st, where, line[:HEAD_BYTES], len(line))
        if line.startswith(_BOM):  # written by some Windows tools at the start of the file
            line = line[3:]
        try:
            rec = loads_record(line)
        except orjson.JSONDecodeError as e:
            return self._emit_error(st, where, _json_problem(line, e), line, _id_of_bad_line(line, self.options.id_field))
        return self.record(rec, where, st, line)

    def record(self, rec: object, where: str, st: Stats, raw: bytes | None = None) -> Any:
        """Clean one parsed record (what a JSONL line holds); a bad one gives an error record in its place.

        ``raw`` is the record as read, kept in an error record. The Dask step passes None: the record is
        then serialized as the CLI would read it, and that is measured against ``max_bytes`` and kept.
        """
        o = self.options
        if raw is None:
            raw = _dumps(rec, lenient=True)
            if len(raw) > o.max_bytes:
                return self._emit_too_big(st, where, raw[:HEAD_BYTES], len(raw))
        if not isinstance(rec, dict):
            return self._emit_error(st, where, f"not a JSON object but {_type_name(rec)}", raw, None)
        doc_id = rec.get(o.id_field)
        if isinstance(doc_id, (dict, list)):
            doc_id = None
        if o.html_field and o.html_field != o.text_field and not o.overwrite_text_field and o.text_field in rec:
            # an error record says why it was not cleaned (raw keeps the line); the batch goes on
            return self._emit_error(
                st, where, f"refusing to overwrite the record's {o.text_field!r} field with the clean text of "
                f"--html-field {o.html_field!r}; give --text-field NAME to write it to another field, or "
                "--overwrite-text-field to replace it", raw, doc_id)
        name = o.html_field or o.text_field
        value = rec.get(name)
        problem = None
        if name not in rec:
            fields = ", ".join(repr(k) for k in list(rec)[:8]) or "none"
            problem = f"no {name!r} field (fields: {fields})"
        elif not isinstance(value, str):
            problem = f"field {name!r} is {_type_name(value)}, not a string"
        if problem:
            return self._emit_error(st, where, problem, raw, doc_id)
        url = rec.get(o.url_field) if o.html_field else None
        site = None
        if getattr(self.cleaner, "memory", None) is not None:
            from cleaner.learn import record_site

            site = record_site(rec, o)
        title = rec.get(o.title_field) if o.title_field else None
        try:
            res = self._clean(value, bool(o.html_field), url if isinstance(url, str) else None, site,
                              title if isinstance(title, str) and title.strip() else None)
        except Exception as e:  # one broken document must not sink the batch; it is reported in its place
            return self._emit_error(st, where, f"cleaning failed: {type(e).__name__}: {e}", raw, doc_id)
        st.add_result(res)
        return self._emit_good(rec, res, doc_id)

    def file(self, doc_id: str, path: str, html: bool, st: Stats, problem: str | None = None) -> bytes | FolderDoc:
        """Clean one ``.txt``/``.html`` file, read as bytes (the cleaner decodes them robustly); a file that
        is not to be read (``problem``: a symbolic link out of the folder, a broken one) gets an error record."""
        o = self.options
        if problem is not None:
            return self._emit_error(st, doc_id, problem, None, doc_id)
        try:
            size = os.stat(path).st_size
            st.bytes_in += size
            if size > o.max_bytes:
                return self._emit_error(st, doc_id, _too_big(size, o.max_bytes), None, doc_id)
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            return self._emit_error(st, doc_id, f"cannot read: {e.strerror or e}", None, doc_id)
        try:
            res = self._clean(data, html, None)
        except Exception as e:  # reported in its place, like a bad JSONL record
            return self._emit_error(st, doc_id, f"cleaning failed: {type(e).__name__}: {e}", None, doc_id)
        st.add_result(res)
        return self._emit_good({o.id_field: doc_id}, res, doc_id)

    # -- one chunk -------------------------------------------------------------------------------
    def chunk(self, chunk: Chunk) -> tuple[Any, Stats]:
        """Clean a chunk: JSONL output bytes (or folder documents) and the chunk's counts. With
        near-duplicates on, the output is a :data:`Marked` triple instead, for :class:`NearDupMarker`."""
        if self.options.near_duplicates is not None:
            self._marks = []
            try:
                out, st = self._chunk(chunk)
                return ("marked", out, self._marks), st
            finally:
                self._marks = None
        return self._chunk(chunk)

    def _chunk(self, chunk: Chunk) -> tuple[Any, Stats]:
        st = Stats()
        out: list[Any] = []
        kind = chunk[0]
        if kind == "lines":
            _, label, first, block = chunk
            st.bytes_in = len(block) + 1
            prefix = f"{label} line " if self.options.name_sources else "line "
            max_bytes = self.options.max_bytes
            for i, line in enumerate(block.split(b"\n")):
                if _is_record(line, max_bytes):
                    out.append(self.line(line, f"{prefix}{first + i}", st))
        elif kind == "big":
            _, label, lineno, head, size = chunk
            st.bytes_in = size
            where = f"{label} line {lineno}" if self.options.name_sources else f"line {lineno}"
            out.append(self._emit_too_big(st, where, head, size))
        elif kind == "broken":  # a compressed input broke off: always named, it is about the file
            _, label, problem, torn, torn_size = chunk
            out.append(self._emit_error(st, label, problem, torn, None, torn_size))
        else:
            for doc_id, path, html, problem in chunk[1]:
                out.append(self.file(doc_id, path, html, st, problem))
        if self.options.folder or self._marks is not None:
            return out, st
        return b"".join(out), st


_JOB: Job | None = None


def _init_worker(job: Job) -> None:
    """Worker initializer: keep the job (inherited, not pickled, under ``fork``), ignore Ctrl-C (the
    parent handles it), and die with the parent even when it is SIGKILLed (Linux ``PR_SET_PDEATHSIG``),
    so that no orphan keeps cleaning after ``kill -9``.
    """
    global _JOB
    _JOB = job
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - not glibc; the pipe closing still ends us
            pass
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


def _run_chunk(chunk: Chunk) -> tuple[bytes | list[FolderDoc], Stats]:
    assert _JOB is not None
    return _JOB.chunk(chunk)


def mp_context() -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    # fork: workers start in milliseconds and share the parent's compiled rules copy-on-write.
    for m in ("fork", "forkserver"):
        if m in methods:
            return multiprocessing.get_context(m)
    return multiprocessing.get_context()


def clean_chunks(
    chunks: Iterable[Chunk], job: Job, jobs: int
) -> Iterator[tuple[bytes | list[FolderDoc], Stats]]:
    """Clean chunks in ``jobs`` worker processes (in this process when ``jobs == 1`` or when there is only
    one chunk), yielding results in input order with at most ``jobs * IN_FLIGHT_PER_WORKER`` in flight.

    Raises:
        BatchError: a worker process died (killed, out of memory); the output so far is whole and can
            be resumed. Or ``chunks`` raised it (an input cannot be read): it is raised again after the
            results of every chunk before it, so the output is the same for any ``jobs``.
    """
    it = iter(chunks)
    first = next(it, None)
    if first is None:
        return
    try:
        second = next(it, None) if jobs > 1 else None
    except BatchError:  # an input failed after the first chunk: write what --jobs 1 writes, then stop
        yield job.chunk(first)
        raise
    if second is None:  # no pool: one worker's worth of work, or --jobs 1
        yield job.chunk(first)
        for c in it:
            yield job.chunk(c)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=mp_context(), initializer=_init_worker, initargs=(job,))
    window: deque[Future[tuple[bytes | list[FolderDoc], Stats]]] = deque()
    limit = jobs * IN_FLIGHT_PER_WORKER
    ok = False
    stop: BatchError | None = None
    try:
        for c in (first, second):
            window.append(pool.submit(_run_chunk, c))
        try:
            for c in it:
                if len(window) >= limit:
                    yield window.popleft().result()
                window.append(pool.submit(_run_chunk, c))
        except BatchError as e:  # an input failed: first finish and yield the work before it, as --jobs 1 does
            stop = e
        while window:
            yield window.popleft().result()
        ok = True
        if stop is not None:
            raise stop
    except BrokenProcessPool:
        raise BatchError("a worker process died (killed, or out of memory?); the output so far is whole: "
                         "rerun with --resume to continue") from None
    finally:
        if ok:
            pool.shutdown(wait=True)
        else:  # interrupted or failed: do not wait for queued or running work
            for p in list((getattr(pool, "_processes", None) or {}).values()):
                with contextlib.suppress(Exception):
                    p.kill()
            pool.shutdown(wait=True, cancel_futures=True)  # quick now; leaves nothing for the exit hooks


# ---------------------------------------------------------------------------------------------------
# Outputs
# ---------------------------------------------------------------------------------------------------


class JsonlSink:
    """JSON lines to a file or stdout, a whole chunk per write, flushed at once.

    With ``resume`` and an existing file, a torn last line is cut off and :attr:`done` says how many
    records are already there.
    """

    def __init__(self, path: Path | None, *, resume: bool = False) -> None:
        self.path = path
        self.done = 0
        self._own = path is not None
        if path is None:
            self.f: IO[bytes] = sys.stdout.buffer
        elif resume and path.exists():
            self.done = _recover_jsonl(path)
            self.f = open(path, "ab")
        else:
            self.f = open(path, "wb")

    def write(self, payload: bytes) -> None:
        self.f.write(payload)
        self.f.flush()

    def close(self) -> None:
        if self._own:
            self.f.close()
        else:
            with contextlib.suppress(BrokenPipeError, ValueError):
                self.f.flush()


def _recover_jsonl(path: Path) -> int:
    """Cut a torn last line off ``path``; return how many complete lines it holds."""
    with open(path, "r+b") as f:
        size = f.seek(0, os.SEEK_END)
        pos, end = size, 0
        while pos > 0:
            step = min(1 << 16, pos)
            pos -= step
            f.seek(pos)
            i = f.read(step).rfind(b"\n")
            if i >= 0:
                end = pos + i + 1
                break
        if end < size:
            f.truncate(end)
        f.seek(0)
        n, left = 0, end
        while left:
            data = f.read(min(1 << 20, left))
            if not data:
                break
            left -= len(data)
            n += data.count(b"\n")
    return n


class GzipSink:
    """JSON lines into a ``.gz`` file: one gzip member, no name and mtime 0 in the header, so the bytes
    are the same on every run.

    Resume rewrites: a gzip stream cut by a crash cannot be appended to, so the complete lines that can
    still be decompressed are recompressed into a new file (replacing the old one at once), and the run
    continues in it. Deflate's output does not depend on how its input was split into writes, so the
    result is byte-identical to an uninterrupted run. The compressor is never sync-flushed (that would
    change the stream); only the file buffer is flushed per chunk, so a crash loses at most what zlib
    still held.
    """

    def __init__(self, path: Path, *, resume: bool = False) -> None:
        self.path = path
        self.done = 0
        if resume and path.exists():
            tmp = path.with_name(path.name + ".resume")
            self.raw: IO[bytes] = open(tmp, "wb")
            self.gz = self._open(self.raw)
            self.done = self._copy_complete_lines(path)
            self.raw.flush()
            os.replace(tmp, path)
        else:
            self.raw = open(path, "wb")
            self.gz = self._open(self.raw)

    @staticmethod
    def _open(raw: IO[bytes]) -> gzip.GzipFile:
        return gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0)

    def _copy_complete_lines(self, old: Path) -> int:
        d = zlib.decompressobj(wbits=31)
        n = 0
        pending = b""
        with open(old, "rb") as f:
            magic = f.read(2)
            if magic and magic != b"\x1f\x8b"[: len(magic)]:
                raise BatchError(f"{old}: not a gzip file; cannot resume it")
            f.seek(0)
            while not d.eof:
                data = f.read(1 << 20)
                if not data:
                    break
                try:
                    out = pending + d.decompress(data)
                except zlib.error:  # a damaged tail: keep what decoded
                    break
                nl = out.rfind(b"\n")
                if nl < 0:
                    pending = out
                    continue
                self.gz.write(out[: nl + 1])
                n += out.count(b"\n", 0, nl + 1)
                pending = out[nl + 1 :]
        return n

    def write(self, payload: bytes) -> None:
        self.gz.write(payload)
        self.raw.flush()

    def close(self) -> None:
        self.gz.close()
        self.raw.close()


class FolderSink:
    """A folder: ``NAME.txt`` (the clean text) and ``NAME.json`` (the rest of the record and the
    ``cleaner`` metadata) per document; an error record gets only its ``.json``.

    NAME is the sanitised id (:func:`safe_name`), else the record's number (``000042``); a repeated name
    gets ``-2``, ``-3``, … in input order. ``--resume`` cleans everything again: the files are simply
    overwritten, which gives the same folder as an uninterrupted run.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.done = 0
        path.mkdir(parents=True, exist_ok=True)
        self._used: set[str] = set()
        self._n = 0

    def write(self, payload: list[FolderDoc]) -> None:
        for hint, text, meta in payload:
            self._n += 1
            base = hint or f"{self._n:06d}"
            name, k = base, 1
            while name.lower() in self._used:
                k += 1
                name = f"{base}-{k}"
            self._used.add(name.lower())
            txt = self.path / f"{name}.txt"
            if text is None:
                txt.unlink(missing_ok=True)
            else:
                txt.write_bytes(text)
            (self.path / f"{name}.json").write_bytes(meta)

    def close(self) -> None:
        pass


Sink = JsonlSink | GzipSink | FolderSink


# ---------------------------------------------------------------------------------------------------
# Near-duplicates: decided in the parent, in input order
# ---------------------------------------------------------------------------------------------------
#: What a chunk gives with near-duplicates on: ("marked", its records (JSONL lines or folder documents),
#: per record (reference as JSON or None, signature)).
Marked = tuple[str, list[Any], list[tuple[bytes | None, bytes]]]
_NULL_LINE = b'"near_duplicate_of":null}\n'  # how a JSONL record ends with near-duplicates on
_NULL_META = b'"near_duplicate_of": null\n}\n'  # ... and a folder document's metadata


class NearDupMarker:
    """The parent's side of ``--near-duplicates``: takes each chunk's records with their references and
    signatures (computed by the workers), decides in input order which are near-duplicates of an earlier
    record (:class:`cleaner.neardup.NearDuplicates`), and writes the answer into the record's last field
    (``"near_duplicate_of": null`` becomes the reference), or drops the record with ``--drop-near-duplicates``.

    A record's reference is its id as the output writes it, or, when it has none (or an object or list),
    its number in the input (1-based, over all inputs): what a later near-duplicate is told.

    ``--resume`` first :meth:`rebuild` s the index from the records already written, so that the rest of
    the run decides what an uninterrupted one would.

    >>> from cleaner import neardup
    >>> story = ("Storms closed the coast road and three schools on Monday, officials said, "
    ...          "and the ferry to the islands will not sail again before Thursday morning.")
    >>> sig = neardup.signature(story)
    >>> m = NearDupMarker(Options(near_duplicates=0.7))
    >>> m.apply(("marked", [b'{"id":1,"near_duplicate_of":null}\\n', b'{"near_duplicate_of":null}\\n'],
    ...          [(b"1", sig), (None, sig)]), Stats()).decode()
    '{"id":1,"near_duplicate_of":null}\\n{"near_duplicate_of":1}\\n'
    """

    def __init__(self, options: Options) -> None:
        from cleaner.neardup import NearDuplicates

        assert options.near_duplicates is not None
        self.options = options
        self.index = NearDuplicates(options.near_duplicates)
        #: records seen so far (the input number of the last one)
        self.n = 0

    def _decide(self, ref: bytes | None, sig: bytes) -> bytes | None:
        self.n += 1
        return self.index.add_json(sig, ref if ref is not None else str(self.n).encode())

    def apply(self, payload: Marked, st: Stats) -> Any:
        """A chunk's output for the sink, the near-duplicates marked (or left out); counts them in ``st``."""
        _, records, marks = payload
        drop = self.options.drop_near_duplicates
        folder = self.options.folder
        out: list[Any] = []
        for rec, (ref, sig) in zip(records, marks, strict=True):
            got = self._decide(ref, sig)
            if got is not None:
                st.near_duplicates += 1
                if drop:
                    continue
                if folder:
                    hint, text, meta = rec
                    assert meta.endswith(_NULL_META)
                    rec = (hint, text, meta[:-7] + got + b"\n}\n")  # null\n}\n
                else:
                    assert rec.endswith(_NULL_LINE)
                    rec = rec[:-6] + got + b"}\n"
            out.append(rec)
        return out if folder else b"".join(out)

    def rebuild(self, lines: Iterable[bytes], *, jobs: int = 1) -> int:
        """Feed the index the records of an output being resumed (its complete lines, in order), as the
        run that wrote them did: the signature of each record's text field, its id as reference. Returns
        how many records were read.

        Raises:
            BatchError: a line is not a record this option wrote (no ``near_duplicate_of`` field).
        """
        for ref, sig in _ordered_map(_rebuild_marks, _batches(lines), self.options, jobs):
            self._decide(ref, sig)
        return self.n


def _batches(lines: Iterable[bytes], size: int = 256) -> Iterator[list[bytes]]:
    batch: list[bytes] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _rebuild_marks(lines: list[bytes], options: Options) -> list[tuple[bytes | None, bytes]]:
    """(reference, signature) of each record of an output, as the worker that wrote it noted them."""
    from cleaner.neardup import FIELD, signature

    out: list[tuple[bytes | None, bytes]] = []
    for line in lines:
        try:
            rec = loads_record(line)
        except ValueError:
            rec = None
        if not isinstance(rec, dict) or FIELD not in rec:
            raise BatchError(f"cannot resume with --near-duplicates: the output holds a record without "
                             f"{FIELD!r} (was it made without --near-duplicates?): {line[:200]!r}")
        text = rec.get(options.text_field)
        meta = rec.get("cleaner")
        if isinstance(meta, dict) and meta.get("error") is not None:
            text = None
        doc_id = rec.get(options.id_field)
        ref = None if doc_id is None or isinstance(doc_id, (dict, list)) else _dumps(doc_id)
        out.append((ref, signature(text, options.near_duplicates or 0.0) if isinstance(text, str) else b""))
    return out


def _ordered_map(fn: Callable[..., list[Any]], batches: Iterable[Any], arg: Any, jobs: int) -> Iterator[Any]:
    """``fn(batch, arg)`` of each batch, flattened, in order; in ``jobs`` processes with a bounded window."""
    if jobs <= 1:
        for b in batches:
            yield from fn(b, arg)
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=mp_context()) as pool:
        window: deque[Future[list[Any]]] = deque()
        for b in batches:
            if len(window) >= jobs * IN_FLIGHT_PER_WORKER:
                yield from window.popleft().result()
            window.append(pool.submit(fn, b, arg))
        while window:
            yield from window.popleft().result()


def output_lines(path: Path) -> Iterator[bytes]:
    """The complete lines (without their newline) of a JSONL output, ``.gz`` or not, as a resume keeps
    them: a torn last line, or what follows damage in a gzip stream, is not among them."""
    gz = path.name.lower().endswith(".gz")
    d = zlib.decompressobj(wbits=31) if gz else None
    pending = b""
    with open(path, "rb") as f:
        while True:
            data = f.read(1 << 20)
            if not data:
                break
            if d is not None:
                try:
                    data = d.decompress(data)
                except zlib.error:
                    break
            data = pending + data
            nl = data.rfind(b"\n")
            if nl < 0:
                pending = data
                continue
            yield from data[:nl].split(b"\n")
            pending = data[nl + 1 :]
            if d is not None and d.eof:
                break


def output_kind(output: str | None) -> str:
    """``"stdout"``, ``"folder"`` (an existing folder or a path ending in ``/``), ``"gzip"`` or ``"jsonl"``."""
    if output is None or output == "-":
        return "stdout"
    if output.endswith(("/", os.sep)) or Path(output).is_dir():
        return "folder"
    if output.lower().endswith(".gz"):
        return "gzip"
    return "jsonl"


def open_sink(output: str | None, *, resume: bool = False) -> Sink:
    """Open the output named on the command line (see :func:`output_kind`).

    Raises:
        BatchError: resuming to stdout, or the output cannot be opened.
    """
    kind = output_kind(output)
    if resume and kind == "stdout":
        raise BatchError("--resume needs an output file (-o out.jsonl): stdout cannot be continued")
    try:
        if kind == "stdout":
            return JsonlSink(None)
        assert output is not None
        if kind == "folder":
            return FolderSink(Path(output))
        if kind == "gzip":
            return GzipSink(Path(output), resume=resume)
        return JsonlSink(Path(output), resume=resume)
    except OSError as e:
        raise BatchError(f"cannot write {output}: {e.strerror or e}") from None


def run(
    sources: Sequence[Source],
    sink: Sink,
    job: Job,
    *,
    jobs: int = 1,
    stats: Stats | None = None,
    on_chunk: Callable[[Stats], None] | None = None,
    block_bytes: int = BLOCK_BYTES,
    marker: NearDupMarker | None = None,
) -> Stats:
    """Clean every source into ``sink``, continuing after the ``sink.done`` records already there.

    With near-duplicates on (``job.options.near_duplicates``) the parent decides them in input order with
    ``marker`` (a new one by default; for a resumed output, one :meth:`NearDupMarker.rebuild` from it).

    Counts go into ``stats`` (a fresh :class:`Stats` by default) as each chunk is written, so a caller
    that is interrupted still knows how far it got; ``on_chunk`` sees each chunk's counts (progress bar).
    The workers are stopped on the way out, however the loop ends.
    """
    total = stats if stats is not None else Stats()
    if job.options.near_duplicates is not None:
        if marker is None:
            marker = NearDupMarker(job.options)
        if marker.n != sink.done:
            raise BatchError(f"near-duplicates: the index holds {marker.n:,} records but the output "
                             f"{sink.done:,}; rebuild it from the output first (NearDupMarker.rebuild)")
    chunks = iter_chunks(sources, sink.done, max_bytes=job.options.max_bytes, block_bytes=block_bytes)
    results = clean_chunks(chunks, job, jobs)
    with contextlib.closing(results):
        for payload, st in results:
            if marker is not None:
                payload = marker.apply(payload, st)  # type: ignore[arg-type]
            sink.write(payload)  # type: ignore[arg-type]
            total.add(st)
            if on_chunk is not None:
                on_chunk(st)
    return total
