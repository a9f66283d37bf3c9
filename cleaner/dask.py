"""cleaner as a Dask step: clean a bag of records across processes or machines.

When one machine is not enough, a pipeline that already holds its documents in a ``dask.bag.Bag`` of
dicts (one per JSONL record) cleans them with :func:`clean_bag`. Each output record is exactly what
``cleaner clean`` writes for that record — every input field kept, the cleaned text in the text field, a
``cleaner`` object with the metadata and the cuts, or ``cleaner.error`` for a bad record — and order and
content do not depend on the partitioning or the number of workers.

Each partition builds its :class:`~cleaner.Cleaner` once per worker process (cached by its arguments),
so the rules compile once per process, not once per partition.

Example (``pip install 'cleaner[dask]'``)::

    import json
    import dask.bag as db
    from cleaner.dask import clean_bag

    bag = db.read_text("crawl-*.jsonl.gz").map(json.loads)
    clean_bag(bag, html_field="html").map(json.dumps).to_textfiles("clean-*.jsonl.gz")

:func:`clean_records` is the same step on any iterable of dicts, without Dask.

Site memory (:mod:`cleaner.memory`) at scale: :func:`learn_bag` runs the learning pass — each partition
turns its records into sketches (:func:`sketch_records`), which are written into one SQLite file; the rows
are a set, so the result does not depend on the partitioning — and ``clean_bag(bag, memory=path)``
then cleans with it, giving the records ``cleaner clean --memory path`` gives::

    learn_bag(bag, "site.db")
    clean_bag(bag, memory="site.db").map(json.dumps).to_textfiles("clean-*.jsonl.gz")

Near-duplicates (:mod:`cleaner.neardup`) at scale: :func:`near_duplicates_bag` signs the cleaned records
in the workers, decides on the client in bag order (sequential by nature: 256 bytes a record travel), and
gives each record ``near_duplicate_of`` as ``cleaner clean --near-duplicates`` does (or drops them)::

    clean = clean_bag(bag).persist()     # it is read twice: sign, then mark
    near_duplicates_bag(clean).map(json.dumps).to_textfiles("clean-*.jsonl.gz")

    >>> out = clean_records([{"id": 1, "text": "Login\\nThe mayor opened the new bridge on Monday morning."}])
    >>> out[0]["text"], out[0]["cleaner"]["removed"][0]["rule"]
    ('The mayor opened the new bridge on Monday morning.', 'login-link')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cleaner.batch import DEFAULT_MAX_BYTES, Job, Options, Stats
from cleaner.pipeline import Cleaner

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag


@lru_cache(maxsize=8)
def _job(rules: tuple[str, ...], defaults: bool, options: Options, memory: tuple[str, int, float] | None = None) -> Job:
    mem = None
    if memory is not None:
        from cleaner.memory import SiteMemory

        mem = SiteMemory(memory[0], min_articles=memory[1], min_share=memory[2])
    return Job(Cleaner(rules, defaults=defaults, memory=mem), options)


def clean_records(
    records: Iterable[Any],
    *,
    text_field: str = "text",
    html_field: str | None = None,
    id_field: str = "id",
    url_field: str = "url",
    lang: str | None = None,
    metadata: bool = True,
    rules: Sequence[str] = (),
    defaults: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    overwrite_text_field: bool = False,
    keep_source: bool = False,
    memory: str | None = None,
    site_field: str | None = None,
    min_articles: int | None = None,
    min_share: float | None = None,
    title_field: str | None = None,
) -> list[dict[str, Any]]:
    """Clean records (dicts) as ``cleaner clean`` does; one output dict per input record, in order.

    The arguments mirror the CLI's flags (``--text-field``, ``--html-field``, ``--id-field``,
    ``--url-field``, ``--lang``, ``--no-metadata``, ``--rules``, ``--no-default-rules``,
    ``--max-bytes``, ``--overwrite-text-field``, ``--keep-source``, ``--memory``, ``--site-field``,
    ``--min-articles``, ``--min-share``, ``--title-field``). A record that is not a dict, lacks the field, holds a
    non-string, or is longer than ``max_bytes`` gets ``cleaner.error`` in its place: the same decision and
    the same error record as the CLI's, made by the same code (:meth:`cleaner.batch.Job.record`), with the record measured as the
    compact JSON line the CLI would read. An error record's ``raw`` is that line (its start).
    """
    options = Options(
        text_field=text_field, html_field=html_field, id_field=id_field, url_field=url_field, lang=lang,
        metadata=metadata, records=True, max_bytes=max_bytes, overwrite_text_field=overwrite_text_field,
        keep_source=keep_source, site_field=site_field, title_field=title_field,
    )
    mem = None
    if memory is not None:
        from cleaner.memory import DEFAULT_MIN_ARTICLES, DEFAULT_MIN_SHARE

        mem = (str(memory), min_articles or DEFAULT_MIN_ARTICLES, DEFAULT_MIN_SHARE if min_share is None else min_share)
    job = _job(tuple(str(r) for r in rules), defaults, options, mem)
    st = Stats()
    # a copy of each record: the caller's dicts (a Dask bag may hand the same objects to other steps) keep
    # their fields as they came
    return [job.record(dict(rec) if isinstance(rec, dict) else rec, f"record {i}", st) for i, rec in enumerate(records, 1)]


def clean_bag(bag: dask.bag.Bag, **kwargs: Any) -> dask.bag.Bag:
    """A bag of cleaned records: :func:`clean_records` mapped over each partition.

    Takes the keyword arguments of :func:`clean_records`. Error messages name the record's position
    within its partition.
    """
    return bag.map_partitions(clean_records, **kwargs)


def sketch_records(
    records: Iterable[Any],
    *,
    text_field: str = "text",
    html_field: str | None = None,
    url_field: str = "url",
    site_field: str | None = None,
) -> list[Any]:
    """The learning pass on one partition: the :class:`~cleaner.memory.Sketch` of each record that has a
    site and a text (the same decision as ``cleaner learn``'s, :class:`cleaner.learn.LearnJob`).

    >>> [s.site for s in sketch_records([{"url": "https://www.x.org/1", "text": "Home"}, {"text": "no url"}])]
    ['x.org']
    """
    from cleaner.learn import LearnJob
    from cleaner.memory import sketches

    job = LearnJob(Options(text_field=text_field, html_field=html_field, url_field=url_field, site_field=site_field))
    got = [job.text_of(rec) for rec in records]
    return [s for s in sketches([g for g in got if g is not None]) if s is not None]


def learn_bag(bag: dask.bag.Bag, memory: str, **kwargs: Any) -> int:
    """Learn a bag of records into the site-memory file ``memory`` (created or added to) and finalize it;
    the number of documents learned. Partitions are sketched in the workers (the costly part); the
    sketches are written here, partition by partition, into the one file (order does not matter).

    Takes the keyword arguments of :func:`sketch_records`.
    """
    from cleaner.memory import Learner

    n = 0
    with Learner(memory) as learner:
        for part in bag.map_partitions(sketch_records, **kwargs).to_delayed():
            for s in part.compute():
                learner.add(s)
                n += 1
    return n


def signature_records(
    records: Iterable[Any], *, text_field: str = "text", id_field: str = "id", threshold: float | None = None
) -> list[tuple[bytes, bool, Any]]:
    """Per cleaned record: its near-duplicate signature (``b""`` for an error record), whether it has an
    id, and the id: the parallel half of :func:`near_duplicates_bag`.

    >>> signature_records([{"id": 3, "text": "short"}, {"cleaner": {"error": "bad"}}])
    [(b'', True, 3), (b'', False, None)]
    """
    from cleaner.neardup import DEFAULT_THRESHOLD, record_ref, record_signature

    t = DEFAULT_THRESHOLD if threshold is None else threshold
    out = []
    for rec in records:
        ref = record_ref(rec, id_field, -1)
        has_id = isinstance(rec, dict) and ref is rec.get(id_field)
        out.append((record_signature(rec, text_field, t), has_id, ref if has_id else None))
    return out


def _set_near(records: Iterable[Any], answers: list[Any], drop: bool) -> list[Any]:
    from cleaner.neardup import FIELD

    out = []
    for rec, (dup, ref) in zip(records, answers, strict=True):
        if dup and drop:
            continue
        if isinstance(rec, dict):
            rec = dict(rec)
            rec.pop(FIELD, None)
            rec[FIELD] = ref if dup else None
        out.append(rec)
    return out


def near_duplicates_bag(
    bag: dask.bag.Bag,
    *,
    text_field: str = "text",
    id_field: str = "id",
    threshold: float | None = None,
    drop: bool = False,
) -> dask.bag.Bag:
    """A bag of cleaned records (as :func:`clean_bag` gives them) with ``near_duplicate_of`` on each, as
    :func:`cleaner.neardup.mark` gives it for the records in bag order (partition by partition); with
    ``drop``, without the near-duplicates. The signatures are computed in the workers; the decisions, in
    order, on the client (the bag is computed a second time to apply them: persist it first). The result
    does not depend on the partitioning.
    """
    import dask
    import dask.bag as db

    from cleaner.neardup import DEFAULT_THRESHOLD, NearDuplicates

    t = DEFAULT_THRESHOLD if threshold is None else threshold
    index = NearDuplicates(t)
    signed = bag.map_partitions(signature_records, text_field=text_field, id_field=id_field, threshold=t)
    answers: list[list[tuple[bool, Any]]] = []
    n = 0
    for part in signed.to_delayed():
        got = []
        for sig, has_id, doc_id in part.compute():
            n += 1
            answer = index.add(sig, doc_id if has_id else n)
            got.append((answer is not None, answer))
        answers.append(got)
    parts = bag.to_delayed()
    return db.from_delayed([dask.delayed(_set_near)(p, a, drop) for p, a in zip(parts, answers, strict=True)])
