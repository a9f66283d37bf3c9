"""The ``cleaner`` command line: ``clean`` a batch, ``explain`` one document, list/show/check ``rules``.

Every command has ``--help`` with examples. Exit status: 0 fine, 1 some records had errors (``clean``) or
some rule examples failed (``rules check``), 2 a usage error, an unreadable input or a bad rule file,
130 interrupted. The heavy modules (the pipeline, the rules) are imported only by the command that
needs them, so ``cleaner --help`` is instant.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cleaner import __version__, batch, memory_cli

#: ``--input`` choices: :data:`cleaner.pipeline.INPUTS` (not imported here: the pipeline loads on use)
INPUTS = ("page", "extract", "article")
#: ``--max-html-chars`` default: :data:`cleaner.pipeline.DEFAULT_MAX_HTML_CHARS` (likewise not imported)
DEFAULT_MAX_HTML_CHARS = 5_000_000

_F = argparse.RawDescriptionHelpFormatter

MAIN_EPILOG = """\
examples:
  cleaner clean articles.jsonl -o clean.jsonl        clean a JSON-lines file (field "text")
  cat articles.jsonl | cleaner clean > clean.jsonl   stdin to stdout
  cleaner clean pages/ -o out/                       a folder of .txt/.html files to a folder
  cleaner explain page.txt                           see what was cut from one document, and why
  cleaner rules list                                 the rules, one per line
  cleaner rules check my-rules.toml                  validate your own rule file
  cleaner report clean.jsonl -o report.html          review a cleaned batch in a browser

Run `cleaner COMMAND --help` for the options of each command.
"""

CLEAN_DESCRIPTION = """\
Clean documents in bulk and record every cut.

INPUT is any number of files and folders, or - (or nothing) for stdin:
  *.jsonl, *.jsonl.gz   one JSON object per line; the document is in --text-field (or --html-field)
  *.txt, *.html, *.htm  one document per file (read as bytes, decoded robustly); its id is the path
                        relative to the folder given (or the file name)
Folders are searched recursively for those files (hidden ones skipped), in sorted order. A symbolic link
is followed only to a file inside the folder; one that leads out of it, or nowhere, gets an error record.
Stdin is JSON lines (or one document: --format). Blank JSONL lines are not records and are skipped.

OUTPUT is a .jsonl or .jsonl.gz file, - (or nothing) for stdout, or a folder (an existing one, or a path
ending in /) that gets NAME.txt (the clean text) and NAME.json (metadata) per document.

Each output record keeps every input field in order; the clean text replaces the text field (HTML
input: it goes to --text-field, "text" by default) and a "cleaner" object holds title, date, dateline,
authors, tags, language, removed [{kind, rule, start, end, text}] (offsets into the decoded input text;
for HTML into the text extracted from the page), warnings and error (null).

A bad record (not JSON, not an object, no such field, not a string, broken UTF-8, over --max-bytes)
never stops the batch: it becomes {"id": ..., "cleaner": {"error": "line 7: ...", "raw": "..."}} in its
place (also with --no-metadata, so no error is silent), and the exit status is 1.

Output order is input order and the bytes are the same for any --jobs. Output is written a chunk of
whole lines at a time, so after an interruption (even kill -9) --resume continues it: a torn last line
is dropped, the complete lines are counted, that many input records are skipped, and the final file is
byte-identical to an uninterrupted run. A .jsonl.gz output is resumed by recompressing its complete
lines into a fresh file first; a folder output is simply cleaned again. A JSONL output OUT gets
OUT.manifest.json (cleaner's version, the inputs' paths, sizes and digests, the options that change the
output, the rule files' digests); --resume refuses (exit 2) an output whose manifest differs from the
run asked for, naming what differs, and one without a manifest unless given as --resume-unchecked.

Near-duplicates (--near-duplicates): each record ends with "near_duplicate_of": the id of the first
record (in input order) of the cluster of near-duplicates it belongs to, or null. Texts are compared
after cleaning, by MinHash of their 5-word shingles: a pair whose shingles are --near-duplicate-threshold
alike (Jaccard, default 0.7) is found half the time, 0.1 more alike almost always (99.7 %), 0.1 less
alike rarely (1 %). A text under about 24 words and an error record are never near-duplicates.
--drop-near-duplicates leaves them out instead: the one exception to one output record per input
record (and such an output cannot be --resumed). README: "Near-duplicates".

A new OUTPUT with no extension is refused (say out.jsonl or out/). With --html-field, a record that
already has the --text-field gets an error record (its line kept in raw) unless --overwrite-text-field
is given.
"""

CLEAN_EPILOG = """\
examples:
  cleaner clean articles.jsonl -o clean.jsonl
  cleaner clean scraped.jsonl.gz -o clean.jsonl.gz --jobs 8
  cat articles.jsonl | cleaner clean --quiet > clean.jsonl
  cleaner clean pages.jsonl --html-field html -o clean.jsonl      # HTML in the "html" field
  cleaner clean pages/ -o out/                                   # .txt/.html files to a folder
  cleaner clean big.jsonl -o clean.jsonl --resume                # continue after a crash
  cleaner clean articles.jsonl --rules my-rules.toml --lang de -o clean.jsonl
  cleaner clean crawl.jsonl.gz --near-duplicates -o clean.jsonl.gz   # mark versions of one story
"""

EXPLAIN_EPILOG = """\
examples:
  cleaner explain page.txt
  cleaner explain page.html --no-color | less
  pbpaste | cleaner explain -
  cleaner explain page.txt --rules my-rules.toml      # does my rule fire?

Cut text is shown struck through in red with a [kind rule] tag on a terminal, and as
[-cut text-]{kind rule} otherwise (or with --no-color); the metadata follows the document.
"""

RULES_EPILOG = """\
examples:
  cleaner rules list
  cleaner rules list --kind ui_chrome --lang en
  cleaner rules show login-link
  cleaner rules show heuristic.related.truncated
  cleaner rules check                       # the bundled rules and the heuristics' examples
  cleaner rules check my-rules.toml         # your file, together with the bundled rules
"""

CHECK_DESCRIPTION = """\
Validate rule files: load them (a broken file is reported as file:line: rule id: problem, exit 2), then
run every rule's examples. A remove example must match the pattern and, placed in its zone in a small
realistic document (next to two prose paragraphs), be cut by that very rule; a keep example must not be.
Failures print as file:line: rule 'id': ...; exit 1 when there are any.

Without PATH the bundled rules are checked, and the heuristics' example documents run (the lines marked
with a scissors sign must be cut by that heuristic and no other line; a keep document must come through
without a cut by it). With PATH (files or folders of *.toml) only the rules in
them are checked, loaded together with the bundled rules as `cleaner clean --rules` would load them.
"""


# ---------------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------------


def _err(msg: object) -> None:
    print(f"cleaner: error: {msg}", file=sys.stderr)


def _size(text: str) -> int:
    """``4M``, ``512k``, ``1G`` or a number of bytes."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use e.g. 4M, 512K or 1000000)")
    scale = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2).lower()]
    n = int(float(m.group(1)) * scale)
    if n < 1:
        raise argparse.ArgumentTypeError("the size must be at least 1 byte")
    return n


def _lang(text: str) -> str:
    if not re.fullmatch(r"[a-z]{2}", text):
        raise argparse.ArgumentTypeError(f"not an ISO 639-1 code: {text!r} (two lowercase letters, e.g. en, de)")
    return text


def _jobs(text: str) -> int:
    try:
        return _count(text)
    except argparse.ArgumentTypeError as e:
        raise argparse.ArgumentTypeError(str(e).replace("must be", "--jobs must be")) from None


def _add_rule_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", action="append", default=[], metavar="PATH",
                   help="an extra rule file or folder of *.toml (repeatable); loaded after the bundled rules")
    p.add_argument("--no-default-rules", action="store_true", help="do not load the bundled rules")


def whole_number(text: str, low: int = 1, why: str = "") -> int:
    """An option's whole number of at least ``low`` (``1_000`` and ``1,000`` are read as 1000); ``why``
    follows the refusal. The one parser of whole numbers of every command (argparse ``type=``)."""
    try:
        n = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < low:
        raise argparse.ArgumentTypeError(f"must be at least {low}{why}")
    return n


def number_between(text: str, low: float, high: float) -> float:
    """An option's number from ``low`` to ``high`` (argparse ``type=``, through a small wrapper)."""
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not low <= v <= high:
        raise argparse.ArgumentTypeError(f"must be between {low} and {high}")
    return v


def _count(text: str) -> int:
    return whole_number(text)


def _threshold(text: str) -> float:
    from cleaner.neardup import MAX_THRESHOLD, MIN_THRESHOLD

    return number_between(text, MIN_THRESHOLD, MAX_THRESHOLD)


def _add_near_duplicate_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("near-duplicates (README: Near-duplicates)")
    g.add_argument("--near-duplicates", action="store_true",
                   help='end each record with "near_duplicate_of": the id of the first record (in input order) of '
                   "its cluster of near-duplicates (versions of one story: updates, syndicated copies), else null")
    g.add_argument("--drop-near-duplicates", action="store_true",
                   help="leave near-duplicates out of the output (implies --near-duplicates): the one exception "
                   "to one output record per input record, so such an output cannot be --resumed")
    g.add_argument("--near-duplicate-threshold", type=_threshold, metavar="J",
                   help="the Jaccard similarity of the cleaned texts' 5-word shingles from which they are near-"
                   "duplicates (0.5-0.95; default 0.7: pairs 0.8 alike are found 99.7%% of the time, 0.6 alike 1%%)")


def _add_html_limit(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-html-chars", type=_count, default=DEFAULT_MAX_HTML_CHARS, metavar="N",
                   help="largest HTML page extracted, in characters (default: %(default)s; extraction takes "
                   "about a second per million); a larger one is an error record (clean) or exit 2 (explain)")


def _quiet_broken_pipe() -> int:
    """The reader went away (``| head``): stop quietly, as Unix tools do."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError:  # pragma: no cover
        pass
    return 141


def _color_wanted(flag_off: bool, stream: Any) -> bool:
    return not flag_off and not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


# ---------------------------------------------------------------------------------------------------
# clean
# ---------------------------------------------------------------------------------------------------

#: The manifest of a JSONL output ``OUT`` is ``OUT`` + this: what the output was made from (see
#: :func:`build_manifest`); ``--resume`` refuses to continue an output whose manifest does not match.
MANIFEST_SUFFIX = ".manifest.json"
#: An input file up to twice this size is digested whole; a larger one by its first and last block.
DIGEST_EDGE = 1 << 20
#: The options that change what the output holds: Options field -> the flag that sets it.
OUTPUT_OPTIONS = {
    "text_field": "--text-field", "html_field": "--html-field", "id_field": "--id-field", "url_field": "--url-field",
    "lang": "--lang", "input": "--input", "metadata": "--no-metadata", "max_bytes": "--max-bytes",
    "keep_source": "--keep-source", "site_field": "--site-field", "title_field": "--title-field",
}


def _file_digest(path: Path, size: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        if size <= 2 * DIGEST_EDGE:
            h.update(f.read())
        else:
            h.update(f.read(DIGEST_EDGE))
            f.seek(size - DIGEST_EDGE)
            h.update(f.read(DIGEST_EDGE))
    return "sha256:" + h.hexdigest()


def _rule_files(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """(name in the manifest, file) of every rule file loaded: the bundled ones by name, the others by path."""
    from cleaner.ruleset import default_rule_files

    out = [] if args.no_default_rules else [(f"(bundled) {f.name}", f) for f in default_rule_files()]
    return out + [(str(f.resolve()), f) for p in args.rules for f in _toml_files(p)]


def build_manifest(sources: Sequence[batch.Source], options: batch.Options, args: argparse.Namespace) -> dict[str, Any]:
    """What an output is made from: cleaner's version, the inputs (path, size, digest), the options that
    change the output and the rule files (digests). ``.txt``/``.html`` inputs are one entry: how many,
    and a digest of their paths and sizes."""
    inputs: list[dict[str, Any]] = []
    docs, n_docs = hashlib.sha256(), 0
    for s in sources:
        if s.path is None:
            inputs.append({"path": s.label})
            continue
        if s.kind == "doc" and s.problem is not None:  # a link not followed: its place, not a target's size
            n_docs += 1
            docs.update(f"{s.path.absolute()}\0{s.problem}\n".encode("utf-8", "surrogateescape"))
            continue
        size = s.path.stat().st_size
        if s.kind == "doc":
            n_docs += 1
            docs.update(f"{s.path.resolve()}\0{size}\n".encode("utf-8", "surrogateescape"))
            continue
        inputs.append({"path": str(s.path.resolve()), "size": size, "digest": _file_digest(s.path, size),
                       "digest_of": "whole file" if size <= 2 * DIGEST_EDGE else "first and last MiB"})
    if n_docs:
        inputs.append({"path": f"{n_docs} .txt/.html files", "size": n_docs, "digest": "sha256:" + docs.hexdigest(),
                       "digest_of": "paths and sizes"})
    opts = {k: getattr(options, k) for k in OUTPUT_OPTIONS}
    opts["max_html_chars"] = args.max_html_chars
    opts["default_rules"] = not args.no_default_rules
    if getattr(args, "memory", None):  # site memory changes the output: its file and thresholds
        opts["memory"] = f"{memory_cli.memory_digest(args.memory)} k={args.min_articles} p={args.min_share}"
    if options.near_duplicates is not None:  # recorded only when on: older manifests stay comparable
        opts["near_duplicates"] = options.near_duplicates
        opts["drop_near_duplicates"] = options.drop_near_duplicates
    rules = [{"path": name, "digest": _file_digest(f, f.stat().st_size)} for name, f in _rule_files(args)]
    return {"cleaner": __version__, "inputs": inputs, "options": opts, "rules": rules}


def write_manifest(output: str, manifest: dict[str, Any]) -> None:
    """Write ``OUTPUT.manifest.json`` atomically (a temporary file renamed over it)."""
    path = Path(output + MANIFEST_SUFFIX)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _shown(flag: str, value: object) -> str:
    if flag in ("--no-metadata", "--no-default-rules"):  # stored as metadata / default_rules: True = not given
        return "not given" if value else "given"
    if isinstance(value, bool):  # a switch such as --keep-source
        return "given" if value else "not given"
    return "not given" if value is None else repr(value) if isinstance(value, str) else f"{value:,}" if isinstance(
        value, int) else str(value)


def manifest_differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between the manifest of an output and the one of this run, one line each."""
    diffs: list[str] = []
    if old.get("cleaner") != new["cleaner"]:
        diffs.append(f"cleaner version: the output was made by {old.get('cleaner')}, this is {new['cleaner']}")
    old_opts = old.get("options", {})
    flags = {**OUTPUT_OPTIONS, "max_html_chars": "--max-html-chars", "default_rules": "--no-default-rules",
             "near_duplicates": "--near-duplicates (threshold)", "drop_near_duplicates": "--drop-near-duplicates"}
    for key, value in new["options"].items():
        if key not in old_opts or old_opts[key] != value:
            flag = flags.get(key, key)
            was = _shown(flag, old_opts[key]) if key in old_opts else "not recorded"
            diffs.append(f"{flag}: {was} then, {_shown(flag, value)} now")
    for key in sorted(old_opts.keys() - new["options"].keys()):  # an option recorded only when on (--memory)
        if old_opts[key] is None or old_opts[key] is False:
            continue
        diffs.append(f"{flags.get(key, key)}: {_shown(flags.get(key, key), old_opts[key])} then, not given now")
    old_in = [i for i in old.get("inputs", []) if isinstance(i, dict)]
    old_paths, new_paths = [str(i.get("path")) for i in old_in], [i["path"] for i in new["inputs"]]
    if old_paths != new_paths:  # a list, not a set: the same file twice is another input
        diffs.append(f"inputs: {', '.join(old_paths) or 'none'} then, {', '.join(new_paths) or 'none'} now")
    else:
        for o, i in zip(old_in, new["inputs"], strict=True):
            path = i["path"]
            if o.get("size") != i.get("size"):
                diffs.append(f"input {path}: size {_shown('', o.get('size'))} then, {_shown('', i.get('size'))} now")
            elif o.get("digest") != i.get("digest"):
                diffs.append(f"input {path}: same size but the content changed")
    old_rules = {r.get("path"): r.get("digest") for r in old.get("rules", [])}
    new_rules = {r["path"]: r["digest"] for r in new["rules"]}
    for path in old_rules.keys() - new_rules.keys():
        diffs.append(f"rule file {path}: loaded then, not now")
    for path, digest in new_rules.items():
        if path not in old_rules:
            diffs.append(f"rule file {path}: not loaded then, loaded now")
        elif old_rules[path] != digest:
            diffs.append(f"rule file {path}: changed since")
    return diffs


def check_resume(output: str, manifest: dict[str, Any], *, unchecked: bool) -> str | None:
    """Why ``output`` cannot be resumed by the run described by ``manifest``; None when it can."""
    path = Path(output + MANIFEST_SUFFIX)
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if unchecked:
            return None
        return (f"cannot resume {output}: it has no manifest ({path.name}: made by an older cleaner, or by "
                "another program), so nothing says it was made from these inputs and options; rerun without "
                "--resume to start over, or with --resume-unchecked if you are sure they are the same")
    except (OSError, ValueError) as e:
        return f"cannot resume {output}: cannot read its manifest {path}: {e}; rerun without --resume to start over"
    diffs = manifest_differences(old if isinstance(old, dict) else {}, manifest)
    if not diffs:
        return None
    return (f"cannot resume {output}: it was made from other inputs or options ({path.name}):\n  "
            + "\n  ".join(diffs) + "\nrerun with the same ones, or without --resume to start over")


def _near_duplicates(args: argparse.Namespace, resume: bool) -> float | int | None:
    """The near-duplicate threshold asked for (None: off), or exit status 2 after saying what is wrong."""
    from cleaner.neardup import DEFAULT_THRESHOLD

    on = args.near_duplicates or args.drop_near_duplicates
    if not on:
        if args.near_duplicate_threshold is not None:
            _err("--near-duplicate-threshold needs --near-duplicates (or --drop-near-duplicates)")
            return 2
        return None
    if args.drop_near_duplicates and resume:
        _err("--resume cannot continue an output made with --drop-near-duplicates: the records left out are "
             "not in it, so it does not say how far the input was read; rerun without --resume, or mark them "
             "with --near-duplicates (resumable) and filter on near_duplicate_of")
        return 2
    return DEFAULT_THRESHOLD if args.near_duplicate_threshold is None else args.near_duplicate_threshold


def _stdin_is_one_document(fmt: str) -> bool:
    """Whether stdin holds one plain-text (or HTML) document rather than JSON lines: as ``--format``
    says, or, for ``auto``, by its first character that is not white space (a JSON-lines record is an
    object: ``{``). Looks without consuming."""
    if fmt != "auto":
        return fmt == "text"
    stdin = sys.stdin.buffer
    head = stdin.peek(4096)[:4096] if hasattr(stdin, "peek") else b""
    stripped = head.lstrip(b" \t\r\n\xef\xbb\xbf")  # white space, and a UTF-8 byte-order mark
    return bool(stripped) and not stripped.startswith(b"{")


def _clean_one_document(args: argparse.Namespace) -> int:
    """``printf 'Share\\nThe council ...' | cleaner clean``: one document in, its clean text out (or, with
    ``--json``, one JSON object: the text and the ``cleaner`` metadata a record would get)."""
    from cleaner.pipeline import Cleaner
    from cleaner.ruleset import RuleError

    if args.output not in (None, "-") or args.resume or args.resume_unchecked:
        _err("one document on stdin is printed to stdout: drop -o/--resume, or give JSON lines")
        return 2
    if args.near_duplicates or args.drop_near_duplicates:
        _err("--near-duplicates compares the records of a batch: one document on stdin has nothing to compare "
             "with (give JSON lines)")
        return 2
    data = sys.stdin.buffer.read(args.max_bytes + 1)
    if len(data) > args.max_bytes:
        _err(f"the document on stdin is over --max-bytes ({args.max_bytes:,} bytes)")
        return 2
    try:
        cleaner = Cleaner(args.rules, defaults=not args.no_default_rules, max_html_chars=args.max_html_chars)
        res = cleaner.clean(data, lang=args.lang, input=args.input)
    except RuleError as e:
        _err(e)
        return 2
    except ValueError as e:
        _err(e)  # an HTML page over --max-html-chars: the message names the flag
        return 2
    if args.json:
        import orjson

        d = res.to_dict()
        meta = {k: d.get(k) for k in batch.META_KEYS}  # as a record's cleaner object
        out = orjson.dumps({"text": res.text, "cleaner": meta}).decode() + "\n"
    else:
        out = res.text + "\n" if res.text else ""
    try:
        sys.stdout.write(out)
        sys.stdout.flush()
    except BrokenPipeError:
        return _quiet_broken_pipe()
    if not args.quiet:
        for w in res.warnings:
            print(f"cleaner: warning: {w}", file=sys.stderr)
    return 0


def _manifest_allows(args: argparse.Namespace, sources: list[Any], options: batch.Options, resume: bool,
                     prepare: Any = None) -> bool:
    """What a JSONL output is made from, checked by ``--resume`` and then (re)written before the output is
    opened (an old manifest never stands next to a new output); False after saying what is wrong.
    ``prepare()``, when given, runs between the check and the write, and may refuse (False): the manifest
    is then left as it was."""
    try:
        manifest = build_manifest(sources, options, args)
    except OSError as e:
        _err(f"cannot read {e.filename}: {e.strerror or e}")
        return False
    if resume and Path(args.output).exists():
        problem = check_resume(args.output, manifest, unchecked=args.resume_unchecked)
        if problem:
            _err(problem)
            return False
    if prepare is not None and not prepare():
        return False
    try:
        write_manifest(args.output, manifest)
    except OSError as e:
        _err(f"cannot write {args.output}{MANIFEST_SUFFIX}: {e.strerror or e}")
        return False
    return True


def _input_size(sources: list[Any]) -> int | None:
    """The bytes the inputs hold, for the progress bar's total and ETA; None when unknown (stdin) or not
    what the bar counts (a gzipped input is counted uncompressed)."""
    if any(s.path is None or s.path.name.lower().endswith(".gz") for s in sources):
        return None
    try:
        return sum(s.path.stat().st_size for s in sources if s.problem is None)
    except OSError:
        return None


def _run_batch(args: argparse.Namespace, sources: list[Any], sink: Any, job: batch.Job, total: batch.Stats,
               marker: batch.NearDupMarker | None = None) -> int:
    """Run the batch with a progress bar on a terminal; 0, 2 (a BatchError, said) or 130 (interrupted)."""
    bar = None
    show_bar = not args.quiet and sys.stderr.isatty()
    size = _input_size(sources)
    if show_bar:  # a word at once: the first chunk may take a second (workers start, rules compile)
        what = f" ({size / 2**20:,.1f} MiB)" if size else ""
        print(f"cleaner: cleaning {len(sources):,} input{'' if len(sources) == 1 else 's'}{what}…", file=sys.stderr)

    def progress(st: batch.Stats) -> None:
        nonlocal bar
        if not show_bar:
            return
        if bar is None:  # created after the workers are forked, so they inherit no tqdm state
            from tqdm import tqdm

            tqdm.monitor_interval = 0
            bar = tqdm(desc="cleaning", total=size, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                       dynamic_ncols=True, smoothing=0.3)
        # (a last line with no newline is counted one byte over: the bar stops at its total)
        bar.update(min(st.bytes_in, bar.total - bar.n) if bar.total else st.bytes_in)
        bar.set_postfix(docs=total.docs, errors=total.errors, refresh=False)

    status = 0
    try:
        batch.run(sources, sink, job, jobs=args.jobs, stats=total, on_chunk=progress, block_bytes=args.block_bytes,
                  marker=marker)
    except batch.BatchError as e:
        _err(e)
        status = 2
    except KeyboardInterrupt:
        status = 130
    finally:
        if bar is not None:
            bar.close()
        sink.close()
    return status


def cmd_clean(args: argparse.Namespace) -> int:
    """``cleaner clean``: see CLEAN_DESCRIPTION."""
    from cleaner.pipeline import Cleaner
    from cleaner.ruleset import RuleError

    kind = batch.output_kind(args.output)
    resume = args.resume or args.resume_unchecked
    if resume and kind == "stdout":  # before the rules load: a usage error should be instant
        _err("--resume needs an output file (-o out.jsonl): stdout cannot be continued")
        return 2
    if kind == "jsonl" and not Path(args.output).suffix and not Path(args.output).exists():
        out = args.output
        _err(f"say what the output {out!r} is: {out}.jsonl (or {out}.jsonl.gz) for a JSON-lines file, "
             f"{out}/ for a folder of .txt/.json files")
        return 2
    if args.inputs in ([], ["-"]) and args.learn:
        return int(memory_cli.memory_for_clean(args))  # refused, saying why: stdin cannot be read twice
    if args.inputs in ([], ["-"]) and _stdin_is_one_document(args.format):
        if args.memory:
            _err("--memory needs each document's site: give JSON lines with --url-field or --site-field "
                 "(or use `cleaner explain - --memory FILE --site HOST` for one document)")
            return 2
        return _clean_one_document(args)
    if args.json:
        _err("--json is for one plain-text document on stdin; JSON-lines input gives JSON lines")
        return 2
    near = _near_duplicates(args, resume)
    if isinstance(near, int):
        return near
    try:
        sources = batch.find_inputs(args.inputs)
    except batch.BatchError as e:
        _err(e)
        return 2
    if kind in ("jsonl", "gzip") and Path(args.output).exists():
        out = Path(args.output)
        if any(s.path is not None and s.path.exists() and os.path.samefile(s.path, out) for s in sources):
            _err(f"the output {args.output} is also an input; it would be overwritten while it is read")
            return 2
    if not sources and not args.quiet:
        print("cleaner: warning: no documents found (.txt, .html, .htm, .jsonl, .jsonl.gz)", file=sys.stderr)
    memory = memory_cli.memory_for_clean(args)
    if isinstance(memory, int):
        return memory
    try:
        cleaner = Cleaner(args.rules, defaults=not args.no_default_rules, max_html_chars=args.max_html_chars,
                          memory=memory)
    except RuleError as e:
        _err(e)
        return 2
    if resume and kind == "folder" and not args.quiet:
        print("cleaner: note: --resume with a folder output cleans every document again (same result)", file=sys.stderr)
    options = batch.Options(
        text_field=args.text_field,
        html_field=args.html_field,
        id_field=args.id_field,
        url_field=args.url_field,
        lang=args.lang,
        input=args.input,
        metadata=not args.no_metadata,
        max_bytes=args.max_bytes,
        folder=kind == "folder",
        name_sources=sum(s.kind == "jsonl" for s in sources) > 1,
        overwrite_text_field=args.overwrite_text_field,
        keep_source=args.keep_source,
        site_field=args.site_field,
        title_field=args.title_field,
        near_duplicates=near,
        drop_near_duplicates=args.drop_near_duplicates,
    )
    marker = batch.NearDupMarker(options) if near is not None else None

    def rebuild() -> bool:
        """The near-duplicate index of the records already written, before the sink truncates or
        recompresses them (and before the manifest is rewritten: a refused output keeps its own)."""
        if marker is None or not resume or kind == "folder" or not Path(args.output).exists():
            return True
        try:
            marker.rebuild(batch.output_lines(Path(args.output)), jobs=args.jobs)
        except (batch.BatchError, OSError) as e:
            _err(e)
            return False
        return True

    if kind in ("jsonl", "gzip") and not _manifest_allows(args, sources, options, resume, rebuild):
        return 2
    try:
        sink = batch.open_sink(args.output, resume=resume and kind != "folder")
    except batch.BatchError as e:
        _err(e)
        return 2
    if marker is not None and marker.n != sink.done:  # pragma: no cover - the same lines, read twice
        _err(f"cannot resume {args.output}: read {marker.n:,} records for near-duplicates but {sink.done:,} to skip")
        return 2
    if sink.done and not args.quiet:
        print(f"cleaner: resuming: {sink.done:,} records already in {args.output}", file=sys.stderr)

    total = batch.Stats()
    t0 = time.perf_counter()
    try:
        status = _run_batch(args, sources, sink, batch.Job(cleaner, options), total, marker)
    except BrokenPipeError:
        return _quiet_broken_pipe()
    if status == 130:
        print(f"\ncleaner: interrupted after {total.docs:,} documents; rerun with --resume to continue", file=sys.stderr)
    if not args.quiet:
        line = total.summary(time.perf_counter() - t0)
        if near is not None:
            line += f"; {total.near_duplicates:,} near-duplicates " + ("dropped" if args.drop_near_duplicates else "marked")
        print(line, file=sys.stderr)
    if status:
        return status
    return 1 if total.errors else 0


# ---------------------------------------------------------------------------------------------------
# explain
# ---------------------------------------------------------------------------------------------------

_RED_STRIKE = "\x1b[9;31m"
_TAG = "\x1b[2;33m"
_RESET = "\x1b[0m"


def mark_cuts(source: str, removed: Sequence[Any], *, color: bool) -> str:
    """``source`` with every cut marked: ``[-text-]{kind rule}``, or struck red with a dim tag in colour.

    >>> from cleaner.result import Removal
    >>> mark_cuts("Share\\nBody.", [Removal("ui_chrome", "share-prompt", 0, 5, "Share")], color=False)
    '[-Share-]{ui_chrome share-prompt}\\nBody.'
    """
    pieces: list[str] = []
    pos = 0
    for r in sorted(removed, key=lambda r: r.start):
        pieces.append(source[pos : r.start])
        cut = source[r.start : r.end]
        if color:
            pieces.append(f"{_RED_STRIKE}{cut}{_RESET}{_TAG}[{r.kind} {r.rule}]{_RESET}")
        else:
            pieces.append(f"[-{cut}-]{{{r.kind} {r.rule}}}")
        pos = r.end
    pieces.append(source[pos:])
    lines = [ln.rstrip() for ln in "".join(pieces).splitlines()]
    out: list[str] = []
    for ln in lines:  # no runs of blank lines
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip("\n")


def _stage_line(cleaner: Any, removed: Sequence[Any]) -> str:
    """``stages:`` and how many cuts each stage of the pipeline made, in pipeline order."""
    from collections import Counter

    from cleaner.pipeline import STAGES

    per = Counter(cleaner.stage_of(r.rule) or "?" for r in removed)
    order = [name for name in STAGES if per[name]] + (["?"] if per["?"] else [])
    return "stages:   " + (", ".join(f"{name} {per[name]}" for name in order) or "no cuts")


def _pick_record(args: argparse.Namespace) -> tuple[str, bool | None] | int:
    """``explain --id ID`` / ``--line N`` on a JSON-lines file: the record's text (or HTML) and whether it
    is HTML; or the exit status after saying what went wrong."""
    import gzip

    path = Path(args.file)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            for n, raw in enumerate(fh, 1):
                if args.line is not None and n != args.line:
                    continue
                if args.id is not None and args.id.encode() not in raw:  # cheap: most lines are not it
                    continue
                try:
                    rec = batch.loads_record(raw)  # as `clean` reads it (1e400, integers over 64 bits)
                except ValueError as e:
                    if args.line is not None:
                        _err(f"{args.file}:{n}: not a JSON record: {e}")
                        return 2
                    continue
                if not isinstance(rec, dict):
                    if args.line is not None:
                        _err(f"{args.file}:{n}: not a JSON object")
                        return 2
                    continue
                if args.id is not None and str(rec.get(args.id_field)) != args.id:
                    continue
                args.record_site = memory_cli.site_of(rec.get("url"))  # for --memory
                field = args.html_field or args.text_field
                value = rec.get(field)
                if not isinstance(value, str):
                    _err(f"{args.file}:{n}: the record has no text in field {field!r}")
                    return 2
                return value, (True if args.html_field or args.html else None)
    except (OSError, EOFError) as e:
        _err(f"cannot read {args.file}: {getattr(e, 'strerror', None) or e}")
        return 2
    what = f"line {args.line}" if args.line is not None else f"record with {args.id_field} = {args.id!r}"
    _err(f"{args.file}: no {what}")
    return 2


def cmd_explain(args: argparse.Namespace) -> int:
    """``cleaner explain``: one document with its cuts marked, then its metadata."""
    from cleaner.pipeline import Cleaner
    from cleaner.ruleset import RuleError
    from cleaner.show import format_cuts, format_metadata

    html: bool | None = True if args.html else None
    if args.id is not None or args.line is not None:
        picked = _pick_record(args)
        if isinstance(picked, int):
            return picked
        data, html = picked
    elif args.file == "-":
        data = sys.stdin.buffer.read()
    else:
        p = Path(args.file)
        try:
            data = p.read_bytes()
        except OSError as e:
            _err(f"cannot read {args.file}: {e.strerror or e}")
            return 2
        if html is None:
            suffix = p.suffix.lower()
            html = True if suffix in (".html", ".htm") else False if suffix == ".txt" else None
    memory = memory_cli._open(args) if args.memory else None
    if args.memory and memory is None:
        return 2
    try:
        cleaner = Cleaner(args.rules, defaults=not args.no_default_rules, max_html_chars=args.max_html_chars,
                          memory=memory)
    except RuleError as e:
        _err(e)
        return 2
    site = args.site or getattr(args, "record_site", None)
    try:
        res = cleaner.clean(data, html=html, lang=args.lang, input=args.input, **({"site": site} if memory else {}))
    except ValueError as e:  # an HTML page over --max-html-chars: the message names the flag
        _err(f"{args.file}: {e}")
        return 2
    color = _color_wanted(args.no_color, sys.stdout)
    meta = res.to_dict()
    kept = len(res.text.splitlines()) if res.text else 0
    rule = "─" * 60
    out = [mark_cuts(res.source, res.removed, color=color), "", rule, *format_metadata(meta)]
    out += [f"kept:     {kept} lines, {len(res.text):,} of {len(res.source):,} characters"]
    out += [_stage_line(cleaner, res.removed), "", *format_cuts(meta["removed"], meta.get("evidence"))]
    try:
        sys.stdout.write("\n".join(out) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        return _quiet_broken_pipe()
    return 0


# ---------------------------------------------------------------------------------------------------
# rules
# ---------------------------------------------------------------------------------------------------


def _load_rules(args: argparse.Namespace, paths: Sequence[str] = ()) -> list[Any] | None:
    from cleaner.ruleset import RuleError, load_rules

    try:
        return load_rules([*args.rules, *paths], defaults=not args.no_default_rules)
    except RuleError as e:
        _err(e)
        return None


def _short_path(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return path


def cmd_rules_list(args: argparse.Namespace) -> int:
    """``cleaner rules list``: a table of id, kind, where, langs and description; the heuristics follow
    the rules, with ``stage:NAME`` where a rule says where it applies."""
    from cleaner.heuristics.registry import HEURISTICS
    from cleaner.ruleset import KINDS

    rules = _load_rules(args)
    if rules is None:
        return 2
    heuristics = list(HEURISTICS.values())
    if args.kind and args.kind not in KINDS and args.kind != memory_cli.RULE_RECORD["kind"]:
        _err(f"unknown kind {args.kind!r}; the kinds are: {', '.join(KINDS)}")
        return 2
    langs = {lang for r in rules for lang in r.langs}
    if args.lang and args.lang not in langs:
        print(f"cleaner: note: no rule is specific to {args.lang!r} (languages with rules of their own: "
              f"{', '.join(sorted(langs)) or 'none'}); these are the rules for any language", file=sys.stderr)
    if args.kind:
        rules = [r for r in rules if r.kind == args.kind]
        heuristics = [h for h in heuristics if h.kind == args.kind]
    if args.lang:
        rules = [r for r in rules if not r.langs or args.lang in r.langs]
    rows = [(r.id, r.kind, r.where, ",".join(r.langs) or "*", r.description) for r in rules]
    if not args.rules_only:
        rows += [(h.id, h.kind, f"stage:{h.stage}", "*", h.catches) for h in heuristics]
        site = memory_cli.RULE_RECORD
        if not args.kind or args.kind == site["kind"]:
            rows.append((site["id"], site["kind"], "stage:site", "*", site["catches"]))
            heuristics.append(site)  # type: ignore[arg-type]
    head = ("ID", "KIND", "WHERE", "LANGS", "DESCRIPTION")
    widths = [max(len(x[i]) for x in [head, *rows]) for i in range(4)]
    width = os.get_terminal_size().columns if sys.stdout.isatty() else 0
    lines = []
    for row in [head, *rows]:
        line = "  ".join(c.ljust(w) for c, w in zip(row[:4], widths, strict=True)) + "  " + row[4]
        if width and len(line) > width:
            line = line[: width - 1] + "…"
        lines.append(line)
    n_h = 0 if args.rules_only else len(heuristics)
    lines.append(f"({len(rows) - n_h} rules, {n_h} heuristics)")
    try:
        print("\n".join(lines))
    except BrokenPipeError:
        return _quiet_broken_pipe()
    return 0


def cmd_rules_show(args: argparse.Namespace) -> int:
    """``cleaner rules show ID``: everything about one rule."""
    import difflib

    from cleaner.heuristics.registry import HEURISTICS

    rules = _load_rules(args)
    if rules is None:
        return 2
    if args.id in HEURISTICS:
        return _show_heuristic(HEURISTICS[args.id])
    if args.id == memory_cli.RULE_RECORD["id"]:
        return memory_cli.show_rule()
    by_id = {r.id: r for r in rules}
    r = by_id.get(args.id)
    if r is None:
        near = difflib.get_close_matches(args.id, [*by_id, *HEURISTICS], n=3)
        _err(f"no rule {args.id!r}" + (f"; did you mean {', '.join(near)}?" if near else "; see `cleaner rules list`"))
        return 2
    out = [
        f"id:           {r.id}",
        f"kind:         {r.kind}",
        f"description:  {r.description}",
        f"where:        {r.where}",
        f"lang:         {', '.join(r.langs) or 'any'}",
        f"defined at:   {_short_path(r.file)}:{r.line}",
        f"case:         {'sensitive' if r.case_sensitive else 'insensitive'}",
        f"max_chars:    {r.max_chars}",
        *([f"max_per_doc:  {r.max_per_doc} (a document with more such lines keeps them all)"] if r.max_per_doc else []),
        *([f"flags:        {', '.join(n for n in ('keep_closing', 'keep_opening', 'menu') if getattr(r, n))}"]
          if r.keep_closing or r.keep_opening or r.menu else []),
        f"partial cut:  {'yes (the cut group only)' if r.has_cut else 'no (the whole line)'}",
        "pattern:",
        f"    {r.pattern}",
        "remove examples:",
        *[f"  - {x}" for x in r.examples_remove or ["(none)"]],
        "keep examples:",
        *[f"  - {x}" for x in r.examples_keep or ["(none)"]],
    ]
    print("\n".join(out))
    return 0


def _show_heuristic(h: Any) -> int:
    """``cleaner rules show`` for a heuristic: its record (:mod:`cleaner.heuristics.registry`)."""
    from cleaner.heuristics.registry import parse_example

    def doc(example: str) -> list[str]:
        if h.html:
            return [f"    {example}"]
        text, marked = parse_example(example)
        return [f"  {'✂' if i in marked else ' '} {line}" for i, line in enumerate(text.split("\n"))]

    out = [
        f"id:           {h.id}",
        f"kind:         {h.kind}",
        "heuristic:    yes (code, not a rule file)",
        f"stage:        {h.stage}   (Cleaner(skip=[{h.stage!r}]) switches it off)",
        f"code:         {h.code}",
        f"defined at:   {h.location}",
        f"catches:      {h.catches}",
        f"why:          {h.why}",
        f"example:      {h.example}",
        f"needs an article beside its cuts: {'yes' if h.needs_article else 'no'}",
    ]
    if h.takes_prose:
        out.append("takes prose on purpose: yes (not counted as the article's prose lost)")
    if h.input:
        out.append(f"examples are: {h.input}")
    out.append("remove examples (lines marked ✂ must be cut by it):")
    for ex in h.remove:
        out += [*doc(ex), ""]
    out.append("keep examples (nothing may be cut by it):")
    for ex in h.keep:
        out += [*doc(ex), ""]
    try:
        print("\n".join(out).rstrip())
    except BrokenPipeError:
        return _quiet_broken_pipe()
    return 0


def cmd_rules_check(args: argparse.Namespace) -> int:
    """``cleaner rules check``: load rule files and run their examples (see CHECK_DESCRIPTION)."""
    from cleaner.checks import check_rules
    from cleaner.pipeline import Cleaner
    from cleaner.ruleset import RuleError, default_rule_files

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        _err(f"no such file or folder: {missing[0]}")
        return 2
    # A bundled file named on the command line (`rules check rules/en.toml`) is already loaded: naming it
    # again would only report its ids as duplicates.
    bundled = [f.resolve() for f in default_rule_files()] if not args.no_default_rules else []
    extra = [f for p in [*args.rules, *args.paths] for f in _toml_files(p) if f.resolve() not in bundled]
    try:
        cleaner = Cleaner(extra, defaults=not args.no_default_rules)
    except RuleError as e:
        _err(e)
        return 2
    targets = list(cleaner.rules)
    if args.paths:
        wanted = {f.resolve() for p in args.paths for f in _toml_files(p)}
        targets = [r for r in targets if Path(r.file).resolve() in wanted]
    failures = check_rules(cleaner, targets)
    for f in failures:
        print(f"{_short_path(f.rule.file)}:{f.rule.line}: rule {f.rule.id!r}: {f.which} example {f.example!r}: {f.problem}")
    n_examples = sum(len(r.examples_remove) + len(r.examples_keep) for r in targets)
    files = len({r.file for r in targets})
    summary = f"checked {len(targets)} rules in {files} files, {n_examples} examples"
    n_failed = len(failures)
    if not args.paths:  # the bundled set: the heuristics' examples too, with these rules loaded
        from cleaner.checks import check_heuristic
        from cleaner.heuristics.registry import HEURISTICS

        h_failures = [f for h in HEURISTICS.values() for f in check_heuristic(cleaner, h)]
        for hf in h_failures:
            print(hf)
        n_h = sum(len(h.remove) + len(h.keep) for h in HEURISTICS.values())
        summary += f"; {len(HEURISTICS)} heuristics, {n_h} example documents"
        n_failed += len(h_failures)
    print(f"{summary}: {n_failed} failure{'' if n_failed == 1 else 's'}", file=sys.stderr)
    return 1 if n_failed else 0


def cmd_report(args: argparse.Namespace) -> int:
    """``cleaner report``: one HTML page to review a cleaned batch (see :mod:`cleaner.report`)."""
    from cleaner.report import run_command

    return run_command(args)


def _toml_files(path: str) -> list[Path]:
    p = Path(path)
    return sorted(p.glob("*.toml")) if p.is_dir() else [p]


# ---------------------------------------------------------------------------------------------------
# the parser
# ---------------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command (tests and docs use it too)."""
    from cleaner.batch import BLOCK_BYTES, DEFAULT_MAX_BYTES

    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Strip boilerplate from scraped news (text or HTML) and record every cut: what, where, which rule.",
        epilog=MAIN_EPILOG,
        formatter_class=_F,
    )
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    # clean
    p = sub.add_parser("clean", help="clean files, folders or stdin in bulk", description=CLEAN_DESCRIPTION,
                       epilog=CLEAN_EPILOG, formatter_class=_F)
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="files or folders; - or nothing for stdin (JSON lines, or one plain-text document: --format)")
    p.add_argument("--format", choices=("auto", "jsonl", "text"), default="auto",
                   help="what stdin holds: JSON lines, or one document of plain text or HTML; auto (default): "
                        "JSON lines when it starts with '{', else one document")
    p.add_argument("--json", action="store_true",
                   help="with a plain-text document on stdin: print the result as one JSON object (text, cleaner)")
    p.add_argument("-o", "--output", metavar="OUTPUT",
                   help="a .jsonl or .jsonl.gz file, a folder (ending in / or existing), or - for stdout (default)")
    p.add_argument("--text-field", default="text", metavar="F",
                   help="JSONL field with the text; the clean text is written back to it (default: text)")
    p.add_argument("--html-field", metavar="F", help="JSONL field with HTML instead; the clean text goes to --text-field")
    p.add_argument("--id-field", default="id", metavar="F", help="JSONL field with the document id (default: id)")
    p.add_argument("--url-field", default="url", metavar="F", help="JSONL field with the page address, for HTML (default: url)")
    p.add_argument("--title-field", metavar="F",
                   help="JSONL field with the document's known headline (a scraper's title): the first line is cut as "
                   "the title only when it carries the title's words, not when it merely looks like a headline")
    p.add_argument("--lang", type=_lang, metavar="CODE", help="force the language (ISO 639-1) instead of detecting it")
    p.add_argument("--input", choices=INPUTS, help="what the texts are: page (a naive scrape of a whole page), extract "
                   "(an extractor's output) or article; default: detected per document (HTML is always extract)")
    p.add_argument("--no-metadata", action="store_true",
                   help='leave the "cleaner" object out of good records (error records keep cleaner.error and .raw)')
    p.add_argument("--keep-source", action="store_true",
                   help="add cleaner.source, the text the cuts' offsets index (in HTML mode the extracted text), so "
                   "that a record can be replayed")
    _add_rule_options(p)
    p.add_argument("-j", "--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N",
                   help="worker processes (default: all cores, %(default)s here); 1 cleans in this process")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run into the same OUTPUT; refused (exit 2) unless OUTPUT"
                   f"{MANIFEST_SUFFIX} shows the same inputs, options, rule files and cleaner version")
    p.add_argument("--resume-unchecked", action="store_true",
                   help=f"--resume an OUTPUT that has no {MANIFEST_SUFFIX} (written by an older cleaner); "
                   "a manifest that differs is still refused")
    p.add_argument("--overwrite-text-field", action="store_true",
                   help="with --html-field: replace a --text-field the record already has (else an error record)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary line")
    p.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
                   help="longest record cleaned, e.g. 4M (default); a longer one becomes an error record")
    _add_html_limit(p)
    memory_cli.add_clean_options(p)
    _add_near_duplicate_options(p)
    p.add_argument("--block-bytes", type=_size, default=BLOCK_BYTES, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_clean)

    # explain
    p = sub.add_parser("explain", help="show one document with its cuts marked, and its metadata",
                       description="Show why each part of one document was cut: the document with every cut marked "
                                   "and tagged with its kind and rule, followed by the metadata found.",
                       epilog=EXPLAIN_EPILOG, formatter_class=_F)
    p.add_argument("file", metavar="FILE", help="a .txt or .html file, a .jsonl(.gz) file with --id or --line, or - for stdin")
    pick = p.add_mutually_exclusive_group()
    pick.add_argument("--id", metavar="ID", help="in a JSON-lines file: the record whose --id-field is ID")
    pick.add_argument("--line", type=int, metavar="N", help="in a JSON-lines file: the record on line N (from 1)")
    p.add_argument("--text-field", default="text", metavar="F", help="with --id/--line: the field with the text (default: text)")
    p.add_argument("--html-field", metavar="F", help="with --id/--line: the field with HTML instead")
    p.add_argument("--id-field", default="id", metavar="F", help="with --id: the field with the id (default: id)")
    p.add_argument("--html", action="store_true", help="the input is HTML (default: by file name, else detected)")
    p.add_argument("--lang", type=_lang, metavar="CODE", help="force the language (ISO 639-1)")
    p.add_argument("--input", choices=INPUTS, help="what the text is: page, extract or article (default: detected)")
    p.add_argument("--no-color", action="store_true", help="plain [-cut-]{kind rule} markers even on a terminal")
    p.add_argument("--memory", metavar="FILE", help="with a site memory (cleaner learn): its cuts and their evidence")
    p.add_argument("--site", metavar="HOST", help="with --memory: the document's site (default: the record's url)")
    memory_cli.add_thresholds(p)
    _add_html_limit(p)
    _add_rule_options(p)
    p.set_defaults(func=cmd_explain)

    memory_cli.add_commands(sub, _F)  # learn, memory

    # rules
    p = sub.add_parser("rules", help="list, show and check rules", description="List, show and check cleaning rules.",
                       epilog=RULES_EPILOG, formatter_class=_F)
    rsub = p.add_subparsers(dest="rules_command", metavar="SUBCOMMAND")
    p.set_defaults(func=lambda a: _usage(p))
    q = rsub.add_parser("list", help="a table of the rules and heuristics", description="A table of the rules: "
                        "id, kind, where, languages (* for any) and description; then the heuristics (the code that "
                        "cuts by shape and context), with the pipeline stage that runs each.", epilog=RULES_EPILOG,
                        formatter_class=_F)
    q.add_argument("--kind", help="only rules of this kind")
    q.add_argument("--lang", type=_lang, metavar="CODE", help="only rules that apply to this language")
    q.add_argument("--rules-only", action="store_true", help="leave out the heuristics")
    _add_rule_options(q)
    q.set_defaults(func=cmd_rules_list)
    q = rsub.add_parser("show", help="everything about one rule or heuristic", description="Show one rule: "
                        "description, pattern, where, language, file:line and its examples; or one heuristic "
                        "(heuristic.*): kind, stage, code and file:line, what it catches and why, and its example "
                        "documents.", epilog=RULES_EPILOG, formatter_class=_F)
    q.add_argument("id", metavar="ID")
    _add_rule_options(q)
    q.set_defaults(func=cmd_rules_show)
    q = rsub.add_parser("check", help="validate rule files and run their examples", description=CHECK_DESCRIPTION,
                        epilog=RULES_EPILOG, formatter_class=_F)
    q.add_argument("paths", nargs="*", metavar="PATH", help="rule files or folders (default: the bundled rules)")
    _add_rule_options(q)
    q.set_defaults(func=cmd_rules_check)

    # report
    from cleaner.report import DEFAULT_MAX_DOC_CHARS, DEFAULT_PER_RULE, DEFAULT_TOP, REPORT_DESCRIPTION, REPORT_EPILOG

    p = sub.add_parser("report", help="one HTML page to review a cleaned batch in a browser",
                       description=REPORT_DESCRIPTION, epilog=REPORT_EPILOG, formatter_class=_F)
    p.add_argument("input", metavar="OUTPUT", help="what cleaner clean wrote: a .jsonl or .jsonl.gz file, or - for stdin")
    p.add_argument("-o", "--output", metavar="HTML",
                   help="the page to write (default: OUTPUT's name with .report.html; - for stdout)")
    p.add_argument("--text-field", metavar="F", help="field with the clean text (default: from the manifest, else text)")
    p.add_argument("--id-field", metavar="F", help="field with the document id (default: from the manifest, else id)")
    p.add_argument("--top", type=_count, default=DEFAULT_TOP, metavar="N",
                   help="show the N documents with the largest share removed (default: %(default)s)")
    p.add_argument("--per-rule", type=_count, default=DEFAULT_PER_RULE, metavar="N",
                   help="show the first N documents each rule or heuristic cut (default: %(default)s)")
    p.add_argument("--max-doc-chars", type=_count, default=DEFAULT_MAX_DOC_CHARS, metavar="N",
                   help="show a document's text up to N characters (default: %(default)s)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    _add_rule_options(p)
    p.set_defaults(func=cmd_report)
    return parser


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cleaner`` console script; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)  # (--help prints)
        if not getattr(args, "func", None):
            return _usage(parser)
        status = int(args.func(args))
        sys.stdout.flush()  # here, not at exit, where a closed pipe would be reported as an ignored exception
        return status
    except BrokenPipeError:  # `cleaner ... | head`: the reader has what it wanted
        return _quiet_broken_pipe()
    except KeyboardInterrupt:  # while loading rules or reading stdin; a batch reports its own progress
        print("\ncleaner: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
