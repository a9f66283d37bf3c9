"""The cleaning pipeline: normalise → segment → detect language → find cuts → resolve → render.

Stages read top to bottom in :meth:`Cleaner.clean`. Rules and heuristics only *propose* cuts on the
working :class:`~cleaner.document.Doc`; :func:`_resolve` turns them into :class:`Removal` records and
:func:`_render_lines` renders the text those records leave: what :func:`replay` (the function a user
calls to audit a result) gives for them, read off the lines instead of rebuilding the whole text, so a
result always replays to itself.

Example:
    >>> from cleaner import Cleaner
    >>> c = Cleaner()
    >>> r = c.clean("Advertisement\\nOfficials said the bridge would reopen on Monday after repairs.")
    >>> r.text, [x.rule for x in r.removed]
    ('Officials said the bridge would reopen on Monday after repairs.', ['advertisement-label'])
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from cleaner.dates import parse_date
from cleaner.document import INVISIBLE_RE as _INVISIBLE
from cleaner.document import Doc, Line, has_invisible, shown
from cleaner.engine import RuleGroup, RuleTimeout, needs_fold
from cleaner.heuristics.bylines import names_from_byline
from cleaner.heuristics.comments import find_comment_section
from cleaner.heuristics.datelines import find_dateline
from cleaner.heuristics.headline import find_known_title
from cleaner.heuristics.navigation import find_menu_tree, find_navigation
from cleaner.heuristics.page import find_page_boilerplate, looks_like_page
from cleaner.heuristics.registry import HEURISTICS, needs_article, takes_prose
from cleaner.heuristics.repeats import find_repeated_lines
from cleaner.heuristics.stutter import find_duplicated_words
from cleaner.heuristics.tags import find_tag_lists, split_tags
from cleaner.heuristics.teasers import find_related_headlines
from cleaner.heuristics.title import find_header, find_title
from cleaner.heuristics.zones import MAX_ZONE_PASSES, find_article_block, find_tables, find_tables_again, rezone
from cleaner.memory import RULE_ID as SITE_RULE
from cleaner.memory import find_site_lines
from cleaner.result import CleanResult, Removal, new_removal
from cleaner.ruleset import Rule, load_rules

if TYPE_CHECKING:
    from cleaner.html import HtmlExtraction
    from cleaner.memory import SiteMemory

#: The largest HTML page extracted (trafilatura takes about a second per MB).
DEFAULT_MAX_HTML_CHARS = 5_000_000
#: Time one rule may spend on one line before it is skipped for the rest of the document: a last-resort
#: guard against a hung document, not a speed limit. Rules are probed for catastrophic backtracking when
#: they load and see lines of at most max_chars; a real rule takes microseconds to a millisecond a line.
#: The guard is wall-clock, so it must stay far above that: at 50 ms, threads sharing a machine under
#: load skipped slow-but-sound rules and the output depended on the load (issue #13).
DEFAULT_RULE_TIMEOUT = 1.0
#: Safety: when the cuts would keep less than this share of a document's prose, the prose is kept.
SAFETY_MIN_KEPT = 0.15
SAFETY_MIN_PROSE_CHARS = 200
#: What a document can be (``Cleaner.clean(input=...)``): a naive scrape of a whole page, an extractor's
#: output, or the article alone. Only a page has the surroundings of its article cut as furniture.
INPUTS: tuple[str, ...] = ("page", "extract", "article")
#: Rounds of the zone heuristics before giving up on a fixed point.
MAX_ROUNDS = 4
#: The stages of :meth:`Cleaner.clean` that propose cuts, in pipeline order, with what each one finds.
#: ``Cleaner(skip=[...])`` switches stages off by these names: the ablation in ``make quality`` measures
#: what each stage gains and what it damages that way.
STAGES: dict[str, str] = {
    "rules": "rules that apply anywhere (rules/*.toml, where = anywhere)",
    "repeats": "paragraphs repeated verbatim (heuristic.repeated-line)",
    "comments": "readers' comment sections (heuristic.comments.section)",
    "tables": "tables scraped one cell per line: protects their cells",
    "zones": "the article block: splits the document into head, body and tail",
    "rules-head": "rules for the head (where = head)",
    "rules-tail": "rules for the tail (where = tail)",
    "menu-tree": "a site's menu tree opening a document that is no page (heuristic.navigation.head-menu)",
    "navigation": "menus on pages, and breadcrumbs (heuristic.navigation.label-run, .separated-items)",
    "tags": "tag lists and tag boxes (heuristic.tag-list)",
    "related": "related-headline blocks and teasers (heuristic.related.*)",
    "title": "the headline on the first line (heuristic.title*)",
    "header": "kicker, headline and standfirst above a byline (heuristic.title.header)",
    "page-furniture": "what surrounds the article block of a full page (heuristic.page.outside-article)",
    "site": "lines the site prints on page after page (site.repeated-line; with Cleaner(memory=...) only)",
    "stutter": "words doubled by a bad scrape (heuristic.duplicated-word)",
    "safety-net": "keeps the prose when the cuts would take nearly all of it, and a page's lists when no article was found",
}
#: the stages of the run heuristics, which tell a menu or a list from content by its shape beside an
#: article (their records say ``needs_article``): with no article found, they are switched off
RUN_STAGES = frozenset({"navigation", "tags", "related", "page-furniture"})
_WORD_CHAR = regex.compile(r"\w")
_START = attrgetter("start")


def render(text: str) -> str:
    """The documented normalisation: one paragraph per line, runs of white space (and control or
    zero-width characters) folded to one space, lines stripped, blank lines dropped.

    >>> render("  a  b \\n\\n\\tc\\r\\n")
    'a b\\nc'
    """
    out = []
    for line in text.splitlines():
        # Most lines are already single-spaced; then only the ends need stripping. (Every white-space
        # character but the space is unprintable, so a printable line without "  " has no other.)
        if line.isprintable() and "  " not in line:
            line = line.strip(" ")
        else:
            # Invisible characters are unprintable, and none is a line break: replacing them line by
            # line gives the lines of the whole text replaced at once.
            if has_invisible(line):
                line = _INVISIBLE.sub(" ", line)
            line = " ".join(line.split())
        if line:
            out.append(line)
    return "\n".join(out)


def replay(source: str, removed: Iterable[Removal]) -> str:
    """Apply recorded removals to ``source`` and render: gives back ``CleanResult.text``.

    >>> from cleaner import clean
    >>> src = "Share\\nThe council approved the budget on Tuesday after a long debate."
    >>> r = clean(src)
    >>> replay(src, r.removed) == r.text
    True
    """
    pieces: list[str] = []
    pos = 0
    for r in sorted(removed, key=_START):
        if r.start < pos:
            raise ValueError(f"removals overlap at offset {r.start}")
        pieces.append(source[pos : r.start])
        pos = r.end
    pieces.append(source[pos:])
    return render("".join(pieces))


class _Groups:
    """The rule groups for one language: anywhere, head and tail."""

    __slots__ = ("anywhere", "head", "tail")

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.anywhere = RuleGroup([r for r in rules if r.where == "anywhere"])
        self.head = RuleGroup([r for r in rules if r.where == "head"])
        self.tail = RuleGroup([r for r in rules if r.where == "tail"])


class Cleaner:
    """A reusable cleaner: loads and compiles the rules once, then cleans any number of documents.

    Args:
        rules: extra rule files (or folders of ``*.toml``) to load after the bundled ones.
        defaults: load the bundled rules (``rules/*.toml``); set False to use only your own.
        rule_timeout: seconds one rule may spend on one line (a guard against a pattern that hangs, far
            above what any sound rule takes, so that the output does not depend on the machine's load);
            a rule that runs out is skipped for the rest of that document and a warning says so.
        detect_language: run language detection (else ``lang`` must be given or stays unknown, and the
            rules of every language apply).
        max_html_chars: the largest HTML page to extract; trafilatura needs about a second per MB, so a
            larger page is refused with a ValueError (the CLI records it and goes on).
        skip: names of stages (:data:`STAGES`) to switch off, to see what a stage does by its absence.
        memory: a :class:`~cleaner.memory.SiteMemory` (or the path of one) learned from the sites' other
            pages: a line its site prints on page after page is cut (``site.repeated-line``); the site
            comes from ``clean(url=...)`` or ``clean(site=...)``.

    A Cleaner holds no per-document state, so one instance may serve many threads; it pickles by its
    arguments (workers recompile the rules), so it can be shipped to worker processes.

    Example:
        >>> c = Cleaner()
        >>> c.clean("Login\\nThe mayor opened the new library on Saturday with a short speech.").text
        'The mayor opened the new library on Saturday with a short speech.'
    """

    def __init__(
        self,
        rules: Iterable[str | Path] = (),
        *,
        defaults: bool = True,
        rule_timeout: float = DEFAULT_RULE_TIMEOUT,
        detect_language: bool = True,
        max_html_chars: int = DEFAULT_MAX_HTML_CHARS,
        skip: Iterable[str] = (),
        memory: SiteMemory | str | Path | None = None,
    ) -> None:
        skip = frozenset(skip)
        unknown = sorted(skip - STAGES.keys())
        if unknown:
            raise ValueError(f"unknown stage(s) {unknown} in skip; stages: {', '.join(STAGES)}")
        self.skip = skip
        if isinstance(rules, (str, Path)):
            rules = [rules]
        self._rule_paths: tuple[str, ...] = tuple(str(p) for p in rules)
        self._defaults = defaults
        self.rule_timeout = rule_timeout
        self.detect_language = detect_language
        self.max_html_chars = max_html_chars
        if memory is not None and not hasattr(memory, "lines_for"):
            from cleaner.memory import SiteMemory

            memory = SiteMemory(memory)
        #: the site memory the "site" stage reads (None: every document is judged alone)
        self.memory: SiteMemory | None = memory  # type: ignore[assignment]
        self.rules: tuple[Rule, ...] = tuple(load_rules(self._rule_paths, defaults=defaults))
        self._langs = frozenset(lang for r in self.rules for lang in r.langs)
        #: the rule groups per language, built when a document of that language first comes (analysing
        #: the rules is most of the start-up time, and a crawl seldom needs every language's rules):
        #: None for a language unknown (every rule), "" for a language with no rules of its own
        self._built: dict[str | None, _Groups] = {}
        self._keep_closing = frozenset(r.id for r in self.rules if r.keep_closing)
        self._keep_opening = frozenset(r.id for r in self.rules if r.keep_opening)
        self._by_id = {r.id: r for r in self.rules}
        self._limits = {r.id: r.max_per_doc for r in self.rules if r.max_per_doc}
        #: set to a Counter to add up the seconds each stage takes (benchmarks/profile_stages.py)
        self.stage_times: Counter[str] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (self._rule_paths, self._defaults, self.rule_timeout, self.detect_language, self.max_html_chars,
             tuple(sorted(self.skip)), self.memory),
        )

    def __repr__(self) -> str:
        return f"Cleaner({len(self.rules)} rules, extra={list(self._rule_paths)!r})"

    def clear_memo(self) -> None:
        """Forget the rules' memoised verdicts on short lines (see :data:`cleaner.engine.MEMO_SIZE`).

        Output never depends on the memo; this is for measuring cold throughput (the benchmarks clear it
        before every round, so a round does not reuse what the previous round saw) or to free memory.

        >>> c = Cleaner()
        >>> c.clean("Share\\nThe council approved the budget on Tuesday after a long debate.").text
        'The council approved the budget on Tuesday after a long debate.'
        >>> c.clear_memo()
        """
        for groups in list(self._built.values()):
            for group in (groups.anywhere, groups.head, groups.tail):
                group.clear_memo()

    def stage_of(self, rule_id: str) -> str | None:
        """The pipeline stage (a key of :data:`STAGES`) that makes the cuts of ``rule_id``: a heuristic's
        record says it; a rule is applied by ``rules``, ``rules-head`` or ``rules-tail`` as its ``where``
        says. None for an id this cleaner does not know.

        >>> c = Cleaner()
        >>> c.stage_of("heuristic.related.truncated"), c.stage_of("login-link"), c.stage_of("nope")
        ('related', 'rules', None)
        """
        h = HEURISTICS.get(rule_id)
        if h is not None:
            return h.stage
        if rule_id == SITE_RULE:
            return "site"
        rule = self._by_id.get(rule_id)
        if rule is None:
            return None
        return "rules" if rule.where == "anywhere" else f"rules-{rule.where}"

    def _groups(self, lang: str | None) -> _Groups:
        key = lang if lang is None or lang in self._langs else ""
        groups = self._built.get(key)
        if groups is None:  # two threads may both build it: the same groups, either one kept
            if key is None:
                rules = list(self.rules)
            else:
                rules = [r for r in self.rules if not r.langs or key in r.langs]
            groups = self._built[key] = _Groups(rules)
        return groups

    # -- the pipeline -------------------------------------------------------------------------
    def clean(
        self,
        text: str | bytes,
        *,
        html: bool | None = None,
        lang: str | None = None,
        url: str | None = None,
        input: str | None = None,
        title: str | None = None,
        site: str | None = None,
    ) -> CleanResult:
        """Clean one document (plain text or HTML, ``str`` or ``bytes``) and say what was cut.

        Args:
            text: the scraped text or page.
            html: True to treat ``text`` as HTML, False as plain text, None to detect.
            lang: ISO 639-1 code to force the language (skips detection).
            url: the page's address, passed to the HTML extractor; with site memory, its host names the site.
            input: what the text is, one of :data:`INPUTS`: ``"page"`` (a naive scrape of a whole page),
                ``"extract"`` (an extractor's output) or ``"article"`` (the article alone); None to
                detect (HTML is always ``"extract"`` once cleaner has extracted it). The result's
                ``input`` says what was used: a page found to hold no article beside its lists is cleaned
                as an extract, and a warning says why.
            title: the document's headline when the caller knows it (a scraper's title field; for HTML it
                replaces the page's own ``<title>``): the first line is then cut as the headline only if
                it carries the title's words, instead of when it merely looks like a headline. This is
                also how to clean a result again: ``clean(r.text, title=r.title)`` returns ``r.text``
                (without it, a text whose first line reads like a headline over prose has that line taken
                as its headline: nothing in the text says that one was taken before).
            site: the site the document belongs to, for site memory (default: the host of ``url``).

        Raises:
            TypeError: when ``text`` is neither ``str`` nor ``bytes``.
            ValueError: when an HTML page is longer than ``max_html_chars``, or ``input`` is not one of
                :data:`INPUTS`.
        """
        if input is not None and input not in INPUTS:
            raise ValueError(f"input must be one of {', '.join(INPUTS)} or None, not {input!r}")
        warnings: list[str] = []
        if isinstance(text, (bytes, bytearray, memoryview)):
            from cleaner.decode import decode_bytes

            text, warning = decode_bytes(bytes(text))
            if warning:
                warnings.append(warning)
        elif not isinstance(text, str):
            raise TypeError(f"clean() takes str or bytes, not {type(text).__name__}")
        page_meta: dict[str, Any] = {}
        if self.memory is not None:
            from cleaner.memory import site_of

            page_meta["site_lines"] = self.memory.lines_for(site or site_of(url))
        if html is None:
            from cleaner.decode import looks_like_html

            html = looks_like_html(text)
        if html:
            from cleaner.html import extract_html

            if len(text) > self.max_html_chars:
                raise ValueError(
                    f"HTML page of {len(text):,} characters is over max_html_chars={self.max_html_chars:,}; "
                    "raise the limit (Cleaner(max_html_chars=N), CLI --max-html-chars N; extraction takes about "
                    "a second per million characters) or clean its text with html=False"
                )

            ext = extract_html(text, url=url)
            if not ext.text.strip() and len(text) >= NEARLY_EMPTY_MIN_CHARS:
                warnings.append(f"empty: the HTML extractor found no article text in a page of {len(text)} characters")
            if title is not None:
                ext = dataclasses.replace(ext, title=title)
            return self._clean_extraction(ext, lang=lang, warnings=warnings, site_lines=page_meta.get("site_lines"))
        if title is not None:
            page_meta["title"] = title
        return self._clean_text(text, lang, warnings, page_meta, input)

    def clean_many(
        self,
        texts: Iterable[str | bytes],
        *,
        jobs: int = 1,
        html: bool | None = None,
        lang: str | None = None,
        input: str | None = None,
        errors: str = "raise",
        chunk: int = 16,
    ) -> Iterator[CleanResult | Exception]:
        """Clean a stream of documents, yielding one result per document in input order.

        Memory stays bounded whatever the stream's length: at most ``4 * jobs`` chunks of ``chunk``
        documents are read ahead. With ``jobs > 1`` the documents are cleaned in worker processes that
        rebuild this cleaner from its arguments (as the CLI's ``--jobs`` does); the results are the same
        for any ``jobs``. ``errors="raise"`` raises a document's ``TypeError``/``ValueError`` (a value
        that is not text, an HTML page over ``max_html_chars``) when its turn comes; ``"return"`` yields the
        exception in its place and goes on.

        >>> c = Cleaner()
        >>> [r.text for r in c.clean_many(["Login\\nThe mayor opened the new bridge on Monday.", "Share"])]
        ['The mayor opened the new bridge on Monday.', '']
        >>> [type(r).__name__ for r in c.clean_many([42, "ok"], errors="return")]
        ['TypeError', 'CleanResult']
        """
        if errors not in ("raise", "return"):
            raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
        if jobs < 1 or chunk < 1:
            raise ValueError("jobs and chunk must be at least 1")
        kwargs = {"html": html, "lang": lang, "input": input}
        batches = _batches(texts, chunk)
        if jobs == 1:
            results: Iterator[list[CleanResult | Exception]] = (_clean_batch(self, b, kwargs) for b in batches)
        else:
            results = _clean_batches_in_workers(self, batches, kwargs, jobs)
        for batch in results:
            for r in batch:
                if isinstance(r, Exception) and errors == "raise":
                    raise r
                yield r

    def _clean_extraction(self, ext: HtmlExtraction, *, lang: str | None = None,
                          warnings: list[str] | None = None, site_lines: dict[int, Any] | None = None) -> CleanResult:
        """Clean what :func:`cleaner.html.extract_html` read from a page (HTML mode after extraction;
        the quality harness calls it on extractions it has kept, to score HTML mode without extracting
        every page again)."""
        page_meta = {"title": ext.title, "date": ext.date, "authors": ext.authors, "tags": ext.tags,
                     "language": ext.language}
        if site_lines:
            page_meta["site_lines"] = site_lines
        warnings = [] if warnings is None else warnings
        warnings.extend(ext.warnings)  # e.g. the extractor found nothing and the page's visible text was taken
        return self._clean_text(ext.text, lang, warnings, page_meta, "extract")

    def _clean_text(self, source: str, lang: str | None, warnings: list[str],
                    page_meta: dict[str, Any], given: str | None = None) -> CleanResult:
        doc = Doc(source)
        given_warnings = list(warnings)
        doc.warnings = warnings
        rules_lang = lang
        if lang is None and self.detect_language and doc.lines:
            from cleaner.lang import detect_language

            # Read the language off the prose: it survives cleaning, so a second cleaning of the output
            # sees the same language and the same rules. With no prose, every language's rules apply.
            prose = [ln.text for ln in doc.lines if ln.prose]
            lang = detect_language("\n".join(prose) if prose else source)
            rules_lang = lang if prose else None
        doc.lang = lang
        run = Run(self, self._groups(rules_lang), rules_lang is not None and rules_lang in self._langs, page_meta, given,
                  no_prose=rules_lang is None)
        run_stages(PIPELINE, doc, run)
        while run.again is not None:  # no article beside the lists: cleaned again (see _safety_net)
            given, off, warning = run.again
            run = Run(self, run.groups, run.own_rules, page_meta, given, no_prose=run.no_prose, off=off)
            doc = Doc(source)
            doc.lang = lang
            doc.warnings = [*given_warnings, warning]
            run_stages(PIPELINE, doc, run)
        removed = _resolve(doc)
        text = _render_lines(doc, removed)
        if "safety-net" not in self.skip:
            _warn_losses(doc, text)
        return CleanResult(
            text=text,
            removed=removed,
            language=lang or page_meta.get("language"),
            warnings=tuple(doc.warnings),
            input=doc.input,
            source=source,
            evidence=_evidence(doc, removed) if doc.evidence else (),
            **_metadata(doc, removed, text, page_meta),
        )

    def _apply(self, doc: Doc, group: RuleGroup, lines: Sequence[Line], disabled: set[str],
               skip: frozenset[str] = frozenset()) -> None:
        """Cut the lines a rule of ``group`` matches (all of a line, or its ``cut`` group). A rule that
        times out joins ``disabled`` for the rest of the document; ``skip``: rules not tried here."""
        if not group.rules:
            return
        for ln in lines:
            if ln.cut is not None or ln.parts:
                continue
            # a rule judges the line as the output will show it: runs of white space folded to one space
            text, where = (ln.text, None) if ln.spaced else _folded(ln.text)
            if not text:
                continue
            hit = self._match_line(doc, group, ln, text, disabled, skip)
            if hit is None:
                continue
            rule, m = hit
            if rule.has_cut and m.start("cut") >= 0:
                s, e = m.span("cut")
                if s == e:
                    continue
                # A partial cut must not glue two words together.
                if 0 < s and e < len(text) and _WORD_CHAR.match(text[s - 1]) and _WORD_CHAR.match(text[e]):
                    continue
                if s == 0 and e == len(text):
                    doc.cut_line(ln, rule.kind, rule.id, menu=rule.menu)
                else:
                    if where is not None:  # back to the line's own offsets
                        s, e = where[s], where[e - 1] + 1
                    doc.cut_span(ln, ln.start + s, ln.start + e, rule.kind, rule.id)
            else:
                doc.cut_line(ln, rule.kind, rule.id, menu=rule.menu)


    def _match_line(self, doc: Doc, group: RuleGroup, ln: Line, text: str, disabled: set[str],
                    skip: frozenset[str] = frozenset()) -> tuple[Rule, regex.Match[str]] | None:
        """The first rule of ``group`` that matches ``text`` (line ``ln`` as the output shows it), with
        its match. A rule that times out joins ``disabled`` for the rest of the document, with a warning,
        and the line is tried again without it."""
        if doc.fold_free is None:  # one look at the whole document instead of one per line
            doc.fold_free = not needs_fold(doc.source)
        while True:
            try:
                return group.match(text, disabled, self.rule_timeout, plain=doc.fold_free, skip=skip, spaced=True)
            except RuleTimeout as t:
                disabled.add(t.rule.id)
                doc.warnings.append(
                    f"rule {t.rule.id!r} ({t.rule.location}) took over {self.rule_timeout * 1000:.0f} ms "
                    f"on line {ln.idx + 1}; skipped for this document"
                )


_CUT = attrgetter("cut")
#: what the output folds to one space: white space and the invisible characters (see :func:`render`)
_GAP = regex.compile(r"(?:\s|" + _INVISIBLE.pattern + r")+")


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` as :func:`render` shows it (runs of white space and invisible characters one space, ends
    stripped), and for each of its characters the offset it comes from in ``text``.

    >>> _folded("  a \\t b\\u200b c ")
    ('a b c', [2, 5, 6, 8, 9])
    """
    out: list[str] = []
    where: list[int] = []
    pos = 0
    for m in _GAP.finditer(text):
        if m.start() > pos:
            if out:
                out.append(" ")
                where.append(pos - 1)
            out.append(text[pos : m.start()])
            where.extend(range(pos, m.start()))
        pos = m.end()
    if pos < len(text):
        if out:
            out.append(" ")
            where.append(pos - 1)
        out.append(text[pos:])
        where.extend(range(pos, len(text)))
    return "".join(out), where


def _count_cuts(doc: Doc) -> int:
    lines = doc.lines
    return len(lines) - list(map(_CUT, lines)).count(None)


def _rebuild(paths: tuple[str, ...], defaults: bool, timeout: float, detect: bool, max_html: int,
             skip: tuple[str, ...] = (), memory: SiteMemory | None = None) -> Cleaner:
    return Cleaner(paths, defaults=defaults, rule_timeout=timeout, detect_language=detect, max_html_chars=max_html,
                   skip=skip, memory=memory)


def _ends_after_cuts(doc: Doc) -> None:
    """Re-judge how a line ends when a rule cut its end (``… by Mexican authorities. PTI``): the zones
    then see the sentence end the output shows, as a second cleaning of the output will."""
    src = doc.source
    for ln in doc.lines:
        if ln.parts and ln.cut is None and ln.parts[-1].end == ln.end:
            ln.end_with(src[ln.start : ln.parts[-1].start].rstrip())


#: A page with no article (see :func:`_keep_lists`): the run heuristics cut this many times the text that
#: is left, and what is left holds at most NO_ARTICLE_MAX_PARAGRAPHS paragraphs.
NO_ARTICLE_RUN_FACTOR = 4
#: the same for an extract or an article alone: the extractor has already taken the page's menus and
#: footers, so run cuts that outweigh what is left of its choice are its content, not its surroundings
NO_ARTICLE_EXTRACT_FACTOR = 1
NO_ARTICLE_MAX_PARAGRAPHS = 1


def _keep_lists(doc: Doc) -> bool:
    """Safety net: a page with no article keeps its lists.

    Menus, headline runs, tag lists and page furniture (the heuristics whose record says
    ``needs_article``, :mod:`cleaner.heuristics.registry`) are told from content by their shape *beside
    an article*. When those heuristics cut NO_ARTICLE_RUN_FACTOR times more text than is left and
    what is left holds at most one paragraph, there was no article to stand beside: a listing or a shop's
    shelf under an introduction, a thread of short posts, a page of code. The lists they took may be the
    content, so their cuts are taken back, and a warning says so. What rules named (log-in, cookie and
    legal lines), repeats and comment sections stay cut. On the dev sets in text mode it brought the
    non-article pages that lost 20 % of their content from 166 to 150 (of 608), and those made worse
    than the scrape from 113 to 103; the price is a few short articles on pages heavy with teasers, left
    with their menus (ScrapingHub text F1 0.932 to 0.928). An extract (or an article alone) has lost its
    page's furniture to the extractor already, so there the run cuts need only outweigh what is left
    (NO_ARTICLE_EXTRACT_FACTOR): on the dev sets in post mode, listing pages made worse than trafilatura
    went from 8 to 7 and those that lost 20 % from 3 to 2, with no article page changed.

    >>> intro = "Our most popular phones this month, based on what readers bought; updated every hour."
    >>> d = Doc("\\n".join(["Best sellers", intro] + [f"Phone case model {i}" for i in range(40)]))
    >>> for ln in d.lines[2:]: d.cut_line(ln, "navigation", "heuristic.navigation.label-run")
    >>> _keep_lists(d), sum(ln.cut is None for ln in d.lines), d.warnings[0][:45]
    (True, 42, 'safety: the run heuristics cut 7.7 times what')
    """
    kept = runs = paragraphs = total = 0
    for ln in doc.lines:
        n = ln.end - ln.start
        total += n
        if ln.cut is None:
            kept += n
            paragraphs += ln.prose
        elif needs_article(ln.cut.rule):
            runs += n
    factor = NO_ARTICLE_RUN_FACTOR if doc.input == "page" else NO_ARTICLE_EXTRACT_FACTOR
    if total < NEARLY_EMPTY_MIN_CHARS or runs <= factor * kept:
        return False
    if paragraphs > NO_ARTICLE_MAX_PARAGRAPHS:
        return False
    restored = 0
    for ln in doc.lines:
        if ln.cut is not None and needs_article(ln.cut.rule):
            ln.cut = None
            restored += 1
    doc.warnings.append(
        f"safety: the run heuristics cut {runs / max(kept, 1):.1f} times what was left, and no article was "
        f"found; {restored} line(s) of lists kept"
    )
    return True


def _keep_teasers(doc: Doc) -> bool:
    """Safety net: an extract with no article keeps its teasers.

    The teaser heuristics (``heuristic.related.*``) take headlines and summaries that stand beside an
    article. On an extract that holds at most NO_ARTICLE_MAX_PARAGRAPHS paragraphs, counting those they
    cut, there is none: the teasers are a listing's entries, and they are given back (with a warning).
    Unlike :func:`_keep_lists` it does not weigh what they cut, so that what it gives back on a
    listing's first cleaning, a second cleaning (which sees fewer teasers) gives back too.

    >>> teasers = [f"Hotel {i} opens in Nairobi with 99 rooms and a spa…" for i in range(9)]
    >>> d = Doc("\\n".join(["Latest hotels", *teasers]))
    >>> d.input = "extract"
    >>> for ln in d.lines[1:]: d.cut_line(ln, "related", "heuristic.related.truncated")
    >>> _keep_teasers(d), sum(ln.cut is None for ln in d.lines), d.warnings[0][:40]
    (True, 10, 'safety: no article beside the teasers; 9')
    """
    total = paragraphs = 0
    teasers: list[Line] = []
    for ln in doc.lines:
        total += ln.end - ln.start
        cut = ln.cut
        if cut is None or needs_article(cut.rule):
            paragraphs += ln.prose
            if cut is not None and cut.rule.startswith(_TEASER_PREFIX):
                teasers.append(ln)
    if not teasers or total < NEARLY_EMPTY_MIN_CHARS or paragraphs > NO_ARTICLE_MAX_PARAGRAPHS:
        return False
    for ln in teasers:
        ln.cut = None
    doc.warnings.append(f"safety: no article beside the teasers; {len(teasers)} line(s) of teasers kept")
    return True


_TEASER_PREFIX = "heuristic.related."


def _keep_prose(doc: Doc) -> None:
    """Safety net: never let the cuts eat the article.

    When the document has article-like prose and the cuts would keep less than SAFETY_MIN_KEPT of it,
    every cut prose line is restored and a warning says so. Readers' comments are not counted: a
    comment section is recognised by its header and the marks of comments, not by shape, and a long
    thread often holds most of a page's prose.
    """
    total = kept = 0
    for ln in doc.lines:
        if ln.prose and (ln.cut is None or not takes_prose(ln.cut.rule)):
            n = ln.end - ln.start
            total += n
            if ln.cut is None:
                kept += n
    if total >= SAFETY_MIN_PROSE_CHARS and kept < SAFETY_MIN_KEPT * total:
        restored = 0
        for ln in doc.lines:
            if ln.prose and ln.cut is not None and not takes_prose(ln.cut.rule):
                ln.cut = None
                restored += 1
        doc.warnings.append(
            f"safety: the cuts would have kept {kept / total:.0%} of the document's prose; "
            f"{restored} prose line(s) kept"
        )


#: warn when a document with this many characters of text comes back shorter than NEARLY_EMPTY_SHARE
NEARLY_EMPTY_MIN_CHARS = 200
NEARLY_EMPTY_SHARE = 0.05
#: warn when the cuts take more than this share of the document's prose (the safety net restores it
#: below SAFETY_MIN_KEPT; between the two the cut stands, and the user is told)
PROSE_CUT_WARN = 0.5


def _warn_losses(doc: Doc, text: str) -> None:
    """Say so when the output is empty or nearly empty, or the cuts took most of the document's prose:
    a pipeline must be able to find the documents where cleaning may have taken the article.

    >>> d = Doc("A paragraph long enough to be prose, which the cuts took away from us. " * 5)
    >>> d.cut_line(d.lines[0], "boilerplate", "x")
    >>> _warn_losses(d, ""); d.warnings
    ['empty: nothing is left of 354 characters of text']
    """
    total = sum(ln.end - ln.start for ln in doc.lines)
    if total >= NEARLY_EMPTY_MIN_CHARS and len(text) < NEARLY_EMPTY_SHARE * total:
        what = "nothing is left" if not text else f"{len(text)} characters are left"
        doc.warnings.append(f"empty: {what} of {total} characters of text")
        return
    prose = cut = 0
    for ln in doc.lines:
        if ln.prose:
            n = ln.end - ln.start
            prose += n
            if ln.cut is not None and not takes_prose(ln.cut.rule):
                cut += n
    if prose >= SAFETY_MIN_PROSE_CHARS and cut > PROSE_CUT_WARN * prose:
        doc.warnings.append(f"safety: the cuts took {cut / prose:.0%} of the document's prose")


def _evidence(doc: Doc, removed: Sequence[Removal]) -> tuple[tuple[int, int, int], ...]:
    """(index in ``removed``, stories with the line, stories of the site) of each site-memory cut that stands."""
    at = {doc.lines[i].start: ev for i, ev in doc.evidence.items()}
    return tuple((i, *at[r.start]) for i, r in enumerate(removed) if r.rule == SITE_RULE and r.start in at)


def _resolve(doc: Doc) -> tuple[Removal, ...]:
    """Turn the proposals on each line into Removal records, in source order."""
    src = doc.source
    out: list[Removal] = []
    add = out.append
    for ln in doc.lines:
        cut = ln.cut
        if cut is not None:
            s, e = ln.start, ln.end
            add(new_removal(cut.kind, cut.rule, s, e, src[s:e]))
        elif ln.parts:
            for s, e, kind, rule in sorted(ln.parts):
                add(new_removal(kind, rule, s, e, src[s:e]))
    return tuple(out)


def _render_lines(doc: Doc, removed: Sequence[Removal]) -> str:
    """``replay(doc.source, removed)`` for the records :func:`_resolve` made, read off the lines.

    Every record lies inside one line (a whole line's stripped text, or part of it), so the source's
    line breaks all survive and rendering goes line by line: a cut line shows nothing, a line with
    partial cuts shows its pieces rendered, and any other line shows its text with white space folded.
    That is ``ln.text`` itself when it is printable and single-spaced (the common case, no copy made).
    The lines' text comes from the view in which invisible characters are spaces, which is what
    :func:`render` makes of them too. A part outside its line (never made by ``Doc.cut_span``) leaves it
    to :func:`replay`.
    """
    src = doc.source
    out: list[str] = []
    add = out.append
    for ln in doc.lines:
        if ln.cut is not None:
            continue
        text = ln.text
        if ln.parts:
            pieces: list[str] = []
            pos = ln.start
            for s, e, _, _ in sorted(ln.parts):
                if s < pos or e > ln.end:
                    return replay(src, removed)
                pieces.append(src[pos:s])
                pos = e
            pieces.append(src[pos : ln.end])
            text = render("".join(pieces))
            if text:
                add(text)
        elif ln.printable and "  " not in text:
            add(text)
        else:
            add(" ".join(text.split()))
    return "\n".join(out)


def _metadata(doc: Doc, removed: Sequence[Removal], text: str, page: dict[str, Any]) -> dict[str, Any]:
    title = date = None
    authors: list[str] = []
    tags: list[str] = []
    for r in removed:
        if r.kind == "title" and title is None:
            title = " ".join(r.text.split())
        elif r.kind == "date_header" and date is None:
            date = parse_date(r.text, doc.lang)
        elif r.kind == "tag_list":
            tags.extend(t for t in split_tags(r.text) if t not in tags)
        elif r.kind == "byline":
            authors.extend(a for a in names_from_byline(r.text) if a not in authors)
    first = text.split("\n", 1)[0] if text else ""
    dateline = find_dateline(first) if first else None
    return {
        "title": title or page.get("title") or None,
        "date": date or page.get("date") or None,
        "dateline": dateline,
        "authors": authors or list(page.get("authors") or []),
        "tags": tags or list(page.get("tags") or []),
    }


_DEFAULT: Cleaner | None = None


def clean(
    text: str | bytes,
    *,
    html: bool | None = None,
    lang: str | None = None,
    input: str | None = None,
    title: str | None = None,
) -> CleanResult:
    """Clean one document with the bundled rules (a shared default :class:`Cleaner`).

    Example:
        >>> r = clean("Subscribe\\nThe storm left thousands without power across the region overnight.")
        >>> r.text
        'The storm left thousands without power across the region overnight.'
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT.clean(text, html=html, lang=lang, input=input, title=title)


def _batches(texts: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for t in texts:
        batch.append(t)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _clean_batch(cleaner: Cleaner, batch: list[Any], kwargs: dict[str, Any]) -> list[CleanResult | Exception]:
    out: list[CleanResult | Exception] = []
    for t in batch:
        try:
            out.append(cleaner.clean(t, **kwargs))
        except (TypeError, ValueError) as e:
            out.append(e)
    return out


_WORKER: Cleaner | None = None


def _init_many(cleaner: Cleaner) -> None:
    global _WORKER
    _WORKER = cleaner


def _clean_in_worker(batch: list[Any], kwargs: dict[str, Any]) -> list[CleanResult | Exception]:
    assert _WORKER is not None
    return _clean_batch(_WORKER, batch, kwargs)


def _clean_batches_in_workers(cleaner: Cleaner, batches: Iterator[list[Any]], kwargs: dict[str, Any],
                              jobs: int) -> Iterator[list[CleanResult | Exception]]:
    """The batches cleaned in ``jobs`` processes, in order, with at most ``4 * jobs`` in flight."""
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    from cleaner.batch import mp_context  # the CLI's workers' start method (fork where there is one)

    window: deque[Any] = deque()
    with ProcessPoolExecutor(jobs, mp_context=mp_context(), initializer=_init_many, initargs=(cleaner,)) as pool:
        for batch in batches:
            window.append(pool.submit(_clean_in_worker, batch, kwargs))
            if len(window) >= 4 * jobs:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


# ---------------------------------------------------------------------------------------------------
# the declared pipeline
# ---------------------------------------------------------------------------------------------------
class Run:
    """What the stages of one :meth:`Cleaner.clean` call share besides the document: the cleaner (its
    rules, its ``skip``), the rule groups of the document's language, the page's metadata (HTML), what
    the caller said the text is, and the rules that timed out."""

    __slots__ = ("again", "cleaner", "closing", "disabled", "given", "groups", "held", "no_prose", "off", "opened",
                 "opening", "own_rules", "page_meta", "stage_times")

    def __init__(self, cleaner: Cleaner, groups: _Groups, own_rules: bool, page_meta: dict[str, Any],
                 given: str | None, *, no_prose: bool = False, off: frozenset[str] = frozenset()) -> None:
        self.cleaner = cleaner
        self.groups = groups
        #: the document's language has rule files of its own (else no rule names interface lines)
        self.own_rules = own_rules
        #: the document has no prose to read a language off: every language's rules apply
        self.no_prose = no_prose
        self.page_meta = page_meta
        self.given = given
        #: rules that timed out on this document, skipped for the rest of it
        self.disabled: set[str] = set()
        #: the last line was left as closing the story (see the "rules" stage)
        self.closing = False
        #: the first paragraph, left to the keep_opening rules as opening the story (see the "rules" stage)
        self.opened: Line | None = None
        #: per rule over its ``max_per_doc``: the lines it matched, left in (see :func:`_hold_over_limit`)
        self.held: dict[str, list[Line]] = {}
        #: the line up to which the head rules last looked (see :func:`_rules_head_again`)
        self.opening = -1
        #: the safety net found no article beside the lists the run heuristics cut: clean the document
        #: again as this input, with these stages off, and say why (see :func:`_safety_net`)
        self.again: tuple[str, frozenset[str], str] | None = None
        #: stages switched off for this document (by the safety net, on top of the cleaner's ``skip``)
        self.off = off
        #: seconds per stage name, when the cleaner's ``stage_times`` is set (profiling)
        self.stage_times = cleaner.stage_times


class Stage:
    """One named step of the pipeline: ``run(doc, run)`` proposes cuts (or decides something the later
    stages read). ``name`` is what ``Cleaner(skip=[name])`` switches off; ``repeat_of`` names the stage
    a pass belongs to when it runs again for idempotence (switched off with it)."""

    __slots__ = ("func", "name", "pass_of", "what")

    def __init__(self, name: str, what: str, func: Callable[[Doc, Run], None], *, pass_of: str | None = None) -> None:
        self.name = name
        self.what = what
        self.func = func
        self.pass_of = pass_of

    @property
    def switch(self) -> str:
        """The name ``skip`` knows this step by."""
        return self.pass_of or self.name

    def __call__(self, doc: Doc, run: Run) -> bool:
        """Run the step unless it is switched off; whether it ran."""
        if self.switch in run.cleaner.skip or self.switch in run.off:
            return False
        times = run.stage_times
        if times is None:
            self.func(doc, run)
        else:
            start = time.perf_counter()
            self.func(doc, run)
            times[self.name] += time.perf_counter() - start
        return True

    def __repr__(self) -> str:
        return f"Stage({self.name!r})"


class UntilStable:
    """Stages that treat each other's cuts as absent (a menu broken by a teaser is still one menu): run
    in turn until a round cuts nothing more, at most ``rounds`` times."""

    __slots__ = ("name", "rounds", "stages")

    def __init__(self, name: str, stages: Sequence[Stage], rounds: int) -> None:
        self.name = name
        self.stages = tuple(stages)
        self.rounds = rounds

    def __call__(self, doc: Doc, run: Run) -> bool:
        for _ in range(self.rounds):
            before = _count_cuts(doc)
            for stage in self.stages:
                stage(doc, run)
            if _count_cuts(doc) == before:
                break
        return True


class ZonePasses:
    """The stages that read the article block: run once, then again on the new zones whenever the lines
    they cut move a line between head, body and tail as a second cleaning of the output would see them
    (:func:`~cleaner.heuristics.zones.rezone`), at most ``passes`` times: the output is then stable."""

    __slots__ = ("name", "passes", "stages")

    def __init__(self, name: str, stages: Sequence[Stage | UntilStable], passes: int) -> None:
        self.name = name
        self.stages = tuple(stages)
        self.passes = passes

    def __call__(self, doc: Doc, run: Run) -> bool:
        for _ in range(self.passes):
            for stage in self.stages:
                stage(doc, run)
            if "zones" in run.cleaner.skip or not rezone(doc):
                break
        return True


Step = Stage | UntilStable | ZonePasses


def run_stages(stages: Sequence[Step], doc: Doc, run: Run) -> None:
    """Run the pipeline's steps on ``doc`` in order."""
    for stage in stages:
        stage(doc, run)


def iter_stages(stages: Sequence[Step] | None = None) -> Iterator[Stage]:
    """Every :class:`Stage` of the pipeline in the order it first runs, passes included.

    >>> [s.name for s in iter_stages()][:5]
    ['rules', 'repeats', 'comments', 'tables', 'zones']
    """
    for step in PIPELINE if stages is None else stages:
        if isinstance(step, Stage):
            yield step
        else:
            yield from iter_stages(step.stages)


# -- what each stage does ------------------------------------------------------------------------------
def _rules_anywhere(doc: Doc, run: Run) -> None:
    """Rules that apply anywhere, before zoning, so that zones (and a second cleaning) see what the
    output shows. Rules marked keep_closing leave the last line when a paragraph precedes it: it closes
    the story. Rules marked keep_opening leave the first paragraph when another follows it: it opens the
    story."""
    c, lines, group = run.cleaner, doc.lines, run.groups.anywhere
    run.closing = bool(c._keep_closing) and len(lines) > 1 and lines[-2].prose
    body = lines[:-1] if run.closing else lines
    opening = _opening_paragraph(lines) if c._keep_opening else None
    if opening is None:
        _cut_by_rules(doc, run, group, body)
    else:
        _cut_by_rules(doc, run, group, [ln for ln in body if ln is not opening])  # (never the last line)
        _cut_by_rules(doc, run, group, [opening], skip=c._keep_opening)
        run.opened = opening
    if run.closing:
        _cut_by_rules(doc, run, group, lines[-1:], skip=c._keep_closing)
    _ends_after_cuts(doc)  # a line whose end a rule cut ends as the output will show it


def _opening_paragraph(lines: Sequence[Line]) -> Line | None:
    """The document's first paragraph when the next line is a paragraph too: the story's opening (a bio
    under a byline, above the page's buttons, opens nothing)."""
    first = next((ln for ln in lines if ln.prose), None)
    if first is None or first.idx + 1 >= len(lines) or not lines[first.idx + 1].prose:
        return None
    return first


def _rules_head(doc: Doc, run: Run) -> None:
    """Rules for the head (``where = "head"``), up to the block's first surviving line: a glued header
    sits there. With no article, everywhere."""
    opening = _opening(doc)
    run.opening = opening
    _cut_by_rules(doc, run, run.groups.head, doc.lines[: opening + 1])


def _opening(doc: Doc) -> int:
    """The index of the article block's first surviving line (past the end with no block)."""
    first, last = doc.block
    if last < first:
        return len(doc.lines)
    return next((ln.idx for ln in doc.lines[first:] if ln.cut is None), first)


def _rules_head_again(doc: Doc, run: Run) -> None:
    """The head rules once more when a later stage cut the block's opening line (the headline, most
    often): the line under it now opens what is left, and a second cleaning judges it by the head rules
    (``Last updated: …`` under a headline)."""
    for _ in range(MAX_ROUNDS):
        if run.opening < 0 or _opening(doc) <= run.opening:
            return
        _rules_head(doc, run)


def _rules_tail(doc: Doc, run: Run) -> None:
    """Rules for the tail (``where = "tail"``), after the block."""
    _cut_by_rules(doc, run, run.groups.tail, doc.lines[doc.block[1] + 1 :])


def _input(doc: Doc, run: Run) -> None:
    """What the document is: as the caller said, or decided once, on the first zones (furniture around
    the block and interface lines the rules named); the stages treat a page and an extract differently."""
    if run.given is None:
        if run.own_rules:
            page = looks_like_page(doc)
        elif run.no_prose:  # every language's rules applied: they name interface lines, if not a footer
            page = looks_like_page(doc, footer=False)
        else:  # a language with no rules of its own: only the rules for every language name its interface
            page = looks_like_page(doc, min_ui=1)
        run.given = "page" if page else "extract"
    doc.input = run.given


def _title(doc: Doc, run: Run) -> None:
    """The headline: the page's own title when HTML gave one, else a headline-shaped first line."""
    title = run.page_meta.get("title")
    if title:
        find_known_title(doc, title)
    else:
        find_title(doc)  # it looks at what follows the first surviving line


def _site(doc: Doc, run: Run) -> None:
    """Lines the document's site prints on page after page (site memory's evidence, :mod:`cleaner.memory`);
    the safety net below judges these cuts like any other."""
    lines = run.page_meta.get("site_lines")
    if lines:
        find_site_lines(doc, lines)


def _title_again(doc: Doc, run: Run) -> None:
    """The headline found (or the page's own title) looked for again once the other stages are done, as
    a second cleaning given that title does (``clean(r.text, title=r.title)``): a copy of it at the top
    of what is left (a headline repeated under the byline) goes too, and cleaning stays idempotent."""
    title = next((ln.text for ln in doc.lines if ln.cut is not None and ln.cut.kind == "title"), None)
    title = title or run.page_meta.get("title")
    if not title:
        return
    for _ in range(MAX_ROUNDS):
        cuts = _count_cuts(doc)
        find_known_title(doc, title)
        if _count_cuts(doc) == cuts:
            return


def _page_furniture(doc: Doc, run: Run) -> None:
    if doc.input == "page":
        find_page_boilerplate(doc)


def _closing_again(doc: Doc, run: Run) -> None:
    """The last line was left as closing the story; if what preceded it has been cut, a second cleaning
    sees it under a non-paragraph and cuts it: judge it by the surviving line now."""
    lines = doc.lines
    if run.closing and lines[-1].cut is None:
        prev = next((ln for ln in reversed(lines[:-1]) if ln.cut is None), None)
        if prev is None or not prev.prose:
            _cut_by_rules(doc, run, run.groups.anywhere, lines[-1:])


def _opening_again(doc: Doc, run: Run) -> None:
    """The first paragraph was left to the keep_opening rules as opening the story; if the paragraph
    under it has been cut, a second cleaning sees it over a non-paragraph and cuts it: judge it by the
    surviving line now."""
    ln = run.opened
    if ln is None or ln.cut is not None:
        return
    following = next((x for x in doc.lines[ln.idx + 1 :] if x.cut is None), None)
    if following is None or not following.prose:
        _cut_by_rules(doc, run, run.groups.anywhere, [ln])


def _rules_on_rest(doc: Doc, run: Run) -> None:
    """A line with a part cut (a doubled word, a glued label) shows less than the rules judged: what it
    shows is judged again, as a second cleaning of the output does, and goes when a rule takes all of it
    (``search Search`` shows ``Search``, a lone menu control)."""
    group = run.groups.anywhere
    if not group.rules:
        return
    for ln in [ln for ln in doc.lines if ln.parts and ln.cut is None]:
        text = shown(doc.source, ln)
        hit = run.cleaner._match_line(doc, group, ln, text, run.disabled) if text else None
        if hit is None:
            continue
        rule, m = hit
        if rule.has_cut and m.start("cut") >= 0 and m.span("cut") != (0, len(text)):
            continue
        doc.cut_line(ln, rule.kind, rule.id, menu=rule.menu)
    _hold_over_limit(doc, run)


def _cut_by_rules(doc: Doc, run: Run, group: RuleGroup, lines: Sequence[Line],
                  skip: frozenset[str] = frozenset()) -> None:
    """Every rule stage cuts through here: the rules of ``group`` on ``lines``, then a rule over its
    ``max_per_doc`` gives its lines back (:func:`_hold_over_limit`), whichever pass took it over."""
    run.cleaner._apply(doc, group, lines, run.disabled, skip)
    _hold_over_limit(doc, run)


def _hold_over_limit(doc: Doc, run: Run) -> None:
    """A rule that has cut more lines than its ``max_per_doc`` gives them back at once, and is tried no
    more on this document: so many lines of one shape are the document's data (a column of scores), not
    the few counters or labels the rule is about, and the zones must see them as the text they are."""
    limits = run.cleaner._limits
    if not limits:
        return
    counts: Counter[str] = Counter(ln.cut.rule for ln in doc.lines if ln.cut is not None and ln.cut.rule in limits)
    for rule_id, n in counts.items():
        if n > limits[rule_id]:
            run.disabled.add(rule_id)
            held = run.held.setdefault(rule_id, [])
            for ln in doc.lines:
                if ln.cut is not None and ln.cut.rule == rule_id:
                    ln.cut = None
                    held.append(ln)


def _rule_limits(doc: Doc, run: Run) -> None:
    """Settle the lines a rule gave back for being over its ``max_per_doc``: when the other stages have
    cut all but ``max_per_doc`` or fewer of them, those are cut by the rule after all. A second cleaning
    of the output sees only the survivors, and must take the same decision (cleaning is idempotent).

    >>> c = Cleaner()
    >>> c.clean("Share\\n12\\nThe mayor opened the new library on Saturday with a short speech.").text
    'The mayor opened the new library on Saturday with a short speech.'
    >>> table = "\\n".join(f"Team {i}\\n{90 - i}" for i in range(6))
    >>> "90" in c.clean("The final table of the season, as published by the league on Sunday night.\\n" + table).text
    True
    """
    for rule_id, lines in run.held.items():
        left = [ln for ln in lines if ln.cut is None]
        rule = run.cleaner._by_id[rule_id]
        if len(left) <= rule.max_per_doc:
            for ln in left:
                doc.cut_line(ln, rule.kind, rule.id, menu=rule.menu)


def _safety_net(doc: Doc, run: Run) -> None:
    """The safety nets. When no article stands beside the lists the run heuristics cut, the document is
    cleaned again (:meth:`Cleaner._clean_text`) rather than given its lines back here: the stages after the
    runs (headline, stutter, the head rules) judged the lines with the lists cut, and a second cleaning of
    the output, which holds the lists, would judge them again. A page with no article is all content but
    its furniture, as an extractor's output is, and is cleaned as one; an extract keeps its lists, and one
    with no article keeps its teasers (a listing's entries: a second cleaning must not take them)."""
    page = doc.input == "page"
    if not run.off & RUN_STAGES and _keep_lists(doc):
        run.again = ("extract", frozenset() if page else RUN_STAGES, doc.warnings[-1])
        return
    if not page and "related" not in run.off and _keep_teasers(doc):
        run.again = ("extract", run.off | {"related"}, doc.warnings[-1])
        return
    _keep_prose(doc)


def _doc_only(func: Callable[[Doc], object]) -> Callable[[Doc, Run], None]:
    def call(doc: Doc, run: Run) -> None:
        func(doc)

    call.__name__ = call.__qualname__ = func.__name__
    return call


#: The pipeline, read top to bottom. Each :class:`Stage`'s name is a key of :data:`STAGES`, which
#: ``Cleaner(skip=[...])``, the ablation in ``make quality`` and ``benchmarks/profile_stages.py`` use.
PIPELINE: tuple[Step, ...] = (
    # 1. cuts that do not depend on position
    Stage("rules", STAGES["rules"], _rules_anywhere),
    Stage("repeats", STAGES["repeats"], _doc_only(find_repeated_lines)),  # not a list's repeated items
    Stage("comments", STAGES["comments"], _doc_only(find_comment_section)),  # prose, but not the article
    # 2. zones, then what is judged by where it lies
    Stage("tables", STAGES["tables"], _doc_only(find_tables)),  # data, whatever the rules made of a cell
    Stage("zones", STAGES["zones"], _doc_only(find_article_block)),
    ZonePasses("zone passes", (
        Stage("rules-head", STAGES["rules-head"], _rules_head),
        Stage("rules-tail", STAGES["rules-tail"], _rules_tail),
        Stage("input", "what the document is: a page, an extract or an article (not switched off)", _input),
        Stage("menu-tree", STAGES["menu-tree"], _doc_only(find_menu_tree)),  # not a run stage: no article needed
        # 3. heuristics, most specific first
        UntilStable("runs", (
            Stage("navigation", STAGES["navigation"], _doc_only(find_navigation)),
            Stage("tags", STAGES["tags"], _doc_only(find_tag_lists)),
            Stage("related", STAGES["related"], _doc_only(find_related_headlines)),
        ), MAX_ROUNDS),
        Stage("title", STAGES["title"], _title),
        Stage("header", STAGES["header"], _doc_only(find_header)),  # above a byline the block starts below
        Stage("page-furniture", STAGES["page-furniture"], _page_furniture),  # on a page only
    ), MAX_ZONE_PASSES),
    # the site's furniture, once the zones are settled: cutting it earlier moved the article block on pages
    # whose furniture outweighed the article, and the zone stages then took article lines
    Stage("site", STAGES["site"], _site),
    Stage("title (again)", "the headline found looked for again at the top of what is left", _title_again,
          pass_of="title"),
    Stage("rules-head (again)", "the head rules on the lines that open what is left, when the opening was cut",
          _rules_head_again, pass_of="rules-head"),
    # 4. passes kept for idempotence: a line written three times may be the article's template and stay;
    #    once a zone stage has cut a copy, a second cleaning would count fewer and cut one as a repeat
    Stage("repeats (again)", "the survivors judged again after the zone stages", _doc_only(find_repeated_lines),
          pass_of="repeats"),
    Stage("rules (closing line)", "the closing line judged again once what preceded it is cut", _closing_again,
          pass_of="rules"),
    Stage("rules (opening line)", "the opening paragraph judged again once what followed it is cut",
          _opening_again, pass_of="rules"),
    Stage("stutter", STAGES["stutter"], _doc_only(find_duplicated_words)),
    Stage("rules (what is left)", "the rules on what a line shows once a part of it is cut (search Search)",
          _rules_on_rest, pass_of="rules"),
    Stage("rules (limits)", "a rule's cuts taken back where it cut more lines than its max_per_doc", _rule_limits,
          pass_of="rules"),
    Stage("tables (again)", "what was taken back from a table's cells cut again where no table is left",
          _doc_only(find_tables_again), pass_of="tables"),
    # 5. safety, before the cuts are resolved and rendered
    Stage("safety-net", STAGES["safety-net"], _safety_net),
)
