"""The learning pass of site memory over the CLI's inputs: ``cleaner learn`` and ``cleaner clean --learn``.

It reads the inputs as ``cleaner clean`` does (:func:`cleaner.batch.iter_chunks`, the same worker pool),
and each worker turns its records into :class:`~cleaner.memory.Sketch` es: the record's site (``--site-field``,
else the host of ``--url-field``) and the text the clean pass will see — the text field, or for
``--html-field`` the text cleaner extracts from the page (the same extraction, so the same lines; it is
the cost of learning HTML, as it is of cleaning it). The parent writes them into the SQLite file; the
rows are a set, so what is learned does not depend on the order, the chunking or ``--jobs``.

A record that cannot be read, lacks the field, or has no site is not learned (counted as skipped); a
``.txt``/``.html`` file has no address, so no site, and is skipped too.

Example:
    >>> import io, os, tempfile
    >>> from cleaner.batch import Options, Source, iter_chunks
    >>> data = b"".join(b'{"url": "https://x.org/%d", "text": "Home\\\\nStory %d."}\\n' % (i, i) for i in range(3))
    >>> path = os.path.join(tempfile.mkdtemp(), "m.db")
    >>> learn_sources([Source.stream_of(io.BytesIO(data))], path, Options())
    (3, 0)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cleaner.batch import DEFAULT_MAX_BYTES, BatchError, Chunk, Options, Stats, clean_chunks, iter_chunks, loads_record
from cleaner.memory import Learner, Sketch, site_of, sketches


def record_site(rec: dict[str, Any], options: Options) -> str | None:
    """The site of a parsed record: its ``site_field`` when given (a string), else the host of its URL field.

    >>> record_site({"url": "https://www.x.org/a"}, Options()), record_site({"s": "Y.org"}, Options(site_field="s"))
    ('x.org', 'y.org')
    """
    if options.site_field:
        value = rec.get(options.site_field)
        return value.strip().lower() or None if isinstance(value, str) else None
    return site_of(rec.get(options.url_field))


class LearnJob:
    """What a worker of the learning pass needs: the options and the HTML size limit. ``chunk`` has the
    shape of :meth:`cleaner.batch.Job.chunk`, so the CLI's worker pool runs it."""

    def __init__(self, options: Options, max_html_chars: int = 5_000_000) -> None:
        self.options = options
        self.max_html_chars = max_html_chars

    def text_of(self, rec: object) -> tuple[str, str] | None:
        """(text, site) of a record to learn, or None to skip it."""
        o = self.options
        if not isinstance(rec, dict):
            return None
        site = record_site(rec, o)
        value = rec.get(o.html_field or o.text_field)
        if not site or not isinstance(value, str):
            return None
        if o.html_field:
            if len(value) > self.max_html_chars:
                return None
            from cleaner.html import extract_html

            url = rec.get(o.url_field)
            value = extract_html(value, url=url if isinstance(url, str) else None).text
        return value, site

    def chunk(self, chunk: Chunk) -> tuple[list[Sketch], Stats]:
        """The sketches of a chunk's records; ``Stats.docs`` counts those learned, ``errors`` those skipped."""
        st = Stats()
        out: list[Sketch] = []
        if chunk[0] == "lines":
            block = chunk[3]
            st.bytes_in = len(block) + 1
            todo: list[tuple[str, str]] = []
            for line in block.split(b"\n"):
                if not line.strip():
                    continue
                if len(line) > self.options.max_bytes:
                    st.errors += 1
                    continue
                try:
                    got = self.text_of(loads_record(line[3:] if line.startswith(b"\xef\xbb\xbf") else line))
                except ValueError:
                    got = None
                if got is None:
                    st.errors += 1
                else:
                    todo.append(got)
            for s in sketches(todo):  # (the chunk's story signatures in one batch)
                if s is None:
                    st.errors += 1
                else:
                    st.docs += 1
                    out.append(s)
        elif chunk[0] == "docs":
            st.errors += len(chunk[1])  # a file has no address: no site
        else:
            st.errors += 1
        return out, st


def learn_sources(sources: list[Any], memory: str | Path, options: Options, *, jobs: int = 1,
                  max_html_chars: int = 5_000_000) -> tuple[int, int]:
    """Learn every record of ``sources`` into the site-memory file ``memory`` and finalize it: (documents
    learned, records skipped).

    Raises:
        BatchError: an input cannot be read (or stdin was given: it cannot be read twice by clean --learn,
            which the caller checks).
    """
    job = LearnJob(options, max_html_chars)
    learned = skipped = 0
    with Learner(memory) as learner:
        chunks = iter_chunks(sources, 0, max_bytes=options.max_bytes or DEFAULT_MAX_BYTES)
        for sketches, st in clean_chunks(chunks, job, jobs):  # type: ignore[arg-type]
            for s in sketches:  # type: ignore[union-attr]
                learner.add(s)
            learned += st.docs
            skipped += st.errors
    return learned, skipped


__all__ = ["BatchError", "LearnJob", "learn_sources", "record_site"]
