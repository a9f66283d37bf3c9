"""The command line of site memory: ``cleaner learn``, ``cleaner memory show|sites`` and the options it adds
to ``cleaner clean`` and ``cleaner explain`` (``--memory``, ``--learn``, ``--site-field``, ...).

Kept apart from :mod:`cleaner.cli`, which only calls :func:`add_commands`, :func:`add_clean_options`,
:func:`memory_for_clean` and :func:`show_rule`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from cleaner import batch
from cleaner.memory import DEFAULT_MIN_ARTICLES, DEFAULT_MIN_SHARE, RULE_RECORD, site_of

__all__ = ["RULE_RECORD", "add_clean_options", "add_commands", "memory_for_clean", "show_rule", "site_of"]

LEARN_DESCRIPTION = """\
Learn each site's boilerplate from its pages into a site-memory file (SQLite), for `cleaner clean --memory`.

Per site (the host of --url-field, www. folded, or --site-field), it counts in how many stories each
normalised line occurs (case folded, digits mapped to 0, punctuation and spacing folded); versions of
one story (near-duplicate pages) count once. The text learned is the one the clean pass will see: the
text field, or for --html-field the text cleaner extracts from the page. Records without a site are
skipped. Learning adds to an existing file: a new crawl's pages update the counts, and the result is
the same whatever the order of the pages, the files or --jobs. With no INPUT it only finalizes the file
(after an interrupted learn).
"""

LEARN_EPILOG = """\
examples:
  cleaner learn crawl-*.jsonl.gz --memory site.db
  cleaner learn pages.jsonl --html-field html --memory site.db
  cleaner clean crawl.jsonl --memory site.db -o clean.jsonl
  cleaner clean crawl.jsonl --learn --memory site.db -o clean.jsonl    # both passes
  cleaner memory show example.com --memory site.db
"""


def _share(text: str) -> float:
    from cleaner.cli import number_between

    return number_between(text, 0.0, 1.0)


def _articles(text: str) -> int:
    from cleaner.cli import whole_number

    return whole_number(text, 2, " (a line on one page is no evidence)")


def add_thresholds(p: argparse.ArgumentParser) -> None:
    p.add_argument("--min-articles", type=_articles, default=DEFAULT_MIN_ARTICLES, metavar="K",
                   help="site memory cuts a line seen in at least K stories of its site (default: %(default)s)...")
    p.add_argument("--min-share", type=_share, default=DEFAULT_MIN_SHARE, metavar="P",
                   help="...and in at least this share of them (default: %(default)s)")


def add_clean_options(p: argparse.ArgumentParser) -> None:
    """``cleaner clean``'s site-memory options."""
    g = p.add_argument_group("site memory (README: Site memory)")
    g.add_argument("--memory", metavar="FILE", help="cut lines each site prints on page after page, as learned "
                   "in FILE by `cleaner learn` (records need --url-field or --site-field)")
    g.add_argument("--learn", action="store_true", help="learn the inputs into --memory first (a temporary file "
                   "without it), then clean them: two passes, so not for stdin")
    g.add_argument("--site-field", metavar="F", help="JSONL field naming the site (default: the host of --url-field)")
    add_thresholds(g)  # type: ignore[arg-type]


def add_commands(sub: Any, formatter: Any) -> None:
    """The ``learn`` and ``memory`` commands."""
    from cleaner.batch import DEFAULT_MAX_BYTES

    p = sub.add_parser("learn", help="learn each site's boilerplate into a site-memory file",
                       description=LEARN_DESCRIPTION, epilog=LEARN_EPILOG, formatter_class=formatter)
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="JSON-lines files or folders (not stdin)")
    p.add_argument("--memory", required=True, metavar="FILE", help="the site-memory file, created or added to")
    p.add_argument("--text-field", default="text", metavar="F", help="JSONL field with the text (default: text)")
    p.add_argument("--html-field", metavar="F", help="JSONL field with HTML instead (its extracted text is learned)")
    p.add_argument("--url-field", default="url", metavar="F", help="JSONL field with the page address (default: url)")
    p.add_argument("--site-field", metavar="F", help="JSONL field naming the site (default: the host of --url-field)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help=argparse.SUPPRESS)
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="worker processes")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=cmd_learn)

    p = sub.add_parser("memory", help="what a site-memory file holds", description="Show what a site-memory "
                       "file learned: `memory sites` lists the sites, `memory show HOST` a site's repeated lines "
                       "with their counts (normalised text), those over the thresholds marked *.",
                       epilog=LEARN_EPILOG, formatter_class=formatter)
    msub = p.add_subparsers(dest="memory_command", metavar="SUBCOMMAND")
    p.set_defaults(func=lambda a: (p.print_help(sys.stderr), 2)[1])
    q = msub.add_parser("show", help="a site's learned lines with their counts")
    q.add_argument("host", metavar="HOST")
    q.add_argument("--memory", required=True, metavar="FILE")
    q.add_argument("--limit", type=int, default=0, metavar="N", help="at most N lines")
    add_thresholds(q)
    q.set_defaults(func=cmd_memory_show)
    q = msub.add_parser("sites", help="the sites learned, with their documents and stories")
    q.add_argument("--memory", required=True, metavar="FILE")
    q.set_defaults(func=cmd_memory_sites)


def _err(msg: object) -> None:
    print(f"cleaner: error: {msg}", file=sys.stderr)


def _open(args: argparse.Namespace) -> Any:
    from cleaner.memory import SiteMemory, SiteMemoryError

    try:
        return SiteMemory(args.memory, min_articles=args.min_articles, min_share=args.min_share)
    except SiteMemoryError as e:
        _err(e)
        return None


def _options(args: argparse.Namespace) -> batch.Options:
    return batch.Options(text_field=args.text_field, html_field=args.html_field, url_field=args.url_field,
                         site_field=args.site_field, max_bytes=args.max_bytes)


def _learn(args: argparse.Namespace, inputs: list[str], memory: str) -> int:
    from cleaner.learn import learn_sources
    from cleaner.memory import SiteMemoryError

    if not inputs or "-" in inputs:
        if "-" in inputs or not getattr(args, "allow_empty", False):
            _err("learning reads its inputs, and clean --learn reads them again: stdin cannot be read twice; "
                 "give files or folders (or learn first: cleaner learn FILE --memory M, then clean - --memory M)")
            return 2
    try:
        sources = batch.find_inputs(inputs) if inputs else []
        learned, skipped = learn_sources(sources, memory, _options(args), jobs=args.jobs,
                                         max_html_chars=getattr(args, "max_html_chars", 5_000_000))
    except (batch.BatchError, SiteMemoryError) as e:
        _err(e)
        return 2
    if not args.quiet:
        print(f"cleaner: learned {learned:,} documents into {memory}"
              + (f"; {skipped:,} skipped (no site, no text, or not a record)" if skipped else ""), file=sys.stderr)
    return 0


def cmd_learn(args: argparse.Namespace) -> int:
    """``cleaner learn``: see LEARN_DESCRIPTION."""
    args.allow_empty = True  # no input: finalize only
    return _learn(args, list(args.inputs), args.memory)


def memory_for_clean(args: argparse.Namespace) -> Any:
    """For ``cleaner clean``: the SiteMemory to clean with (learned first with ``--learn``), None without
    one, or an exit status after saying what is wrong."""
    if args.learn:
        if args.inputs in ([], ["-"]) or "-" in args.inputs:
            _err("--learn reads the inputs twice (learn, then clean), and stdin cannot be read twice: give "
                 "files or folders, or learn first (cleaner learn FILE --memory M) and clean stdin with --memory M")
            return 2
        if not args.memory:
            args.memory = os.path.join(tempfile.mkdtemp(prefix="cleaner-memory-"), "site.db")
        elif args.resume or args.resume_unchecked:
            _err("--learn with --resume would learn the inputs again; resume with --memory alone")
            return 2
        status = _learn(args, list(args.inputs), args.memory)
        if status:
            return status
    if not args.memory:
        return None
    memory = _open(args)
    return 2 if memory is None else memory  # (said why)


def memory_digest(path: str) -> str:
    """What the manifest records of a memory file: its size and modification time (a file of hashes
    rewritten by every learn; a digest of a large one would cost a read of it)."""
    st = Path(path).stat()
    return f"{Path(path).resolve()} size={st.st_size} mtime_ns={st.st_mtime_ns}"


def cmd_memory_show(args: argparse.Namespace) -> int:
    mem = _open(args)
    if mem is None:
        return 2
    host = args.host.lower().removeprefix("www.")
    n = mem.stories(host)
    if not n:
        _err(f"no site {host!r} in {args.memory}; see `cleaner memory sites --memory {args.memory}`")
        return 2
    rows = list(mem.show(host, limit=args.limit))
    out = [f"{host}: {n} stories learned; lines in two stories or more: {len(rows)} "
           f"(* = cut: in >= {mem.min_articles} stories and >= {mem.min_share:.0%} of them)",
           "   STORIES   DOCS  TEXT (normalised)"]
    out += [f"{'*' if over else ' '} {s:>4}/{of:<4} {d:>5}  {text if text is not None else '(text not kept)'}"
            for s, d, of, over, text in rows]
    try:
        print("\n".join(out))
    except BrokenPipeError:
        return 141
    return 0


def cmd_memory_sites(args: argparse.Namespace) -> int:
    args.min_articles, args.min_share = DEFAULT_MIN_ARTICLES, DEFAULT_MIN_SHARE
    mem = _open(args)
    if mem is None:
        return 2
    rows = mem.sites()
    print("\n".join([f"{'SITE':<40} {'DOCS':>7} {'STORIES':>7}"] + [f"{n:<40} {d:>7} {s:>7}" for n, d, s in rows]))
    return 0


def show_rule() -> int:
    """``cleaner rules show site.repeated-line``."""
    r = RULE_RECORD
    print("\n".join([
        f"id:           {r['id']}",
        f"kind:         {r['kind']}",
        "evidence:     site memory (cleaner learn; cleaner clean --memory FILE): the site's other pages",
        f"stage:        {r['stage']}   (Cleaner(skip=['site']) switches it off)",
        f"code:         {r['code']}",
        f"catches:      {r['catches']}",
        f"why:          {r['why']}",
        f"example:      {r['example']}",
        "see also:     cleaner memory show HOST --memory FILE (a site's learned lines and counts)",
    ]))
    return 0
