"""Page furniture: in full-page text, what lies outside the article block and no other stage claimed.

What it catches: sidebars, footers, widget text and stray blurbs of a scraped *page* — lines before or
after the article block — once the document is clearly a whole page rather than an extracted article:
a menu above the article (a run of short label-like lines before the block), or plenty of furniture
around it (many lines outside the block, among them interface lines the rules cut and short labels).

Why: a naive scraper keeps every visible block of a page; around the article sit dozens of lines no
single rule names. An extracted article starts with its text and has at most a few lines around its
block (a title, a byline, a table, a list the block did not reach), and those are left to the specific
stages, so clean articles are never cut here.

A cut here removes many lines at once on the strength of one decision, so it needs evidence twice:

- the document is a page (:func:`looks_like_page`): furniture around the block, and interface lines the
  rules named (a log-in link, share buttons, legal links). An extractor's output of a listing or a forum
  is many short lines too, but it has lost the interface; measured on the dev sets, cutting outside the
  block of an extractor's output took five times more article than residue.
- the block is the article (:data:`MIN_BLOCK_SHARE`): it holds most of the document's prose. When prose
  of the same weight stands outside it (the other posts of a forum thread, the entries of a listing, a
  lead paragraph split from the body by a photo box), the block is one piece of the content among
  several, not *the* article, and doubt keeps the lines.

Example:
    >>> from cleaner.document import Doc
    >>> from cleaner.heuristics.zones import find_article_block
    >>> menu = "\\n".join(["Home", "World", "Business", "Sport", "Culture", "Travel"])
    >>> body = "The council approved the budget on Tuesday after a debate that lasted most of the day."
    >>> d = Doc(menu + "\\n" + body + "\\nA widget line about something else entirely")
    >>> _ = find_article_block(d)
    >>> is_full_page(d)
    True
    >>> find_page_boilerplate(d)
    >>> sum(1 for ln in d.lines if ln.cut), d.lines[6].cut, d.lines[7].cut.kind
    (7, None, 'boilerplate')
"""

from __future__ import annotations

from cleaner.document import Doc, Line
from cleaner.heuristics.shape import words
from cleaner.heuristics.zones import dated_teasers, glued_teasers, pipe_tables, summary_cards

RULE_ID = "heuristic.page.outside-article"
#: consecutive label-like lines (a menu) before the article block that make a document a full page
PAGE_MIN_HEAD_LABELS = 5
#: or: this many lines outside the block, of which this many were cut by rules and this many are labels
PAGE_MIN_OUTSIDE_LINES = 10
PAGE_MIN_RULE_CUTS = 5
PAGE_MIN_LABELS = 8
#: interface lines cut by rules (ui_chrome, legal_footer, navigation) that make a document a page
PAGE_MIN_UI_CUTS = 4
#: a page with no legal line still shows its footer and its header: interface lines of this many kinds
#: (rule ids) after the article block, and of this many above the document's first paragraph
PAGE_FOOTER_KINDS = 3
PAGE_HEADER_KINDS = 2
#: the article block must hold this share of the document's prose for what lies outside it to be cut
MIN_BLOCK_SHARE = 0.9
_UI_KINDS = frozenset(("ui_chrome", "legal_footer", "navigation"))
_LABEL_WORDS = 5


def _label(ln: Line) -> bool:
    # words() never exceeds n_words, so the stutter-aware count is only needed for longer lines
    return not ln.terminal and (ln.n_words <= _LABEL_WORDS or (ln.n_words <= 3 * _LABEL_WORDS and words(ln) <= _LABEL_WORDS))


def is_full_page(doc: Doc) -> bool:
    """True when ``doc`` reads as a whole scraped page (menus and furniture around its article).

    The answer depends on the block and on what the rules cut, both settled before the heuristics
    run, so it is computed once per block and kept in ``doc.memo``.
    """
    cached = doc.memo.full_page
    if cached is not None and cached[0] == doc.block:
        return cached[1]
    answer = _full_page(doc)
    doc.memo.full_page = (doc.block, answer)
    return answer


def _full_page(doc: Doc) -> bool:
    first, last = doc.block
    if last < first:
        return False
    run = 0  # a menu: consecutive label lines (lines a rule cut do not break it)
    for ln in doc.lines[:first]:
        if _label(ln):
            run += 1
            if run >= PAGE_MIN_HEAD_LABELS:
                return True
        elif ln.cut is None:
            run = 0
    outside = doc.lines[:first] + doc.lines[last + 1 :]
    if len(outside) < PAGE_MIN_OUTSIDE_LINES:
        return False
    rule_cuts = sum(1 for ln in outside if ln.cut is not None and not ln.cut.by_heuristic)
    return rule_cuts >= PAGE_MIN_RULE_CUTS and sum(1 for ln in outside if _label(ln)) >= PAGE_MIN_LABELS


def looks_like_page(doc: Doc, min_ui: int = PAGE_MIN_UI_CUTS, *, footer: bool = True) -> bool:
    """Whether ``doc`` is a naive scrape of a whole page rather than an extractor's output or an article:
    furniture around the article block (:func:`is_full_page`), at least PAGE_MIN_UI_CUTS interface
    lines (log-in, share, cookie, legal links, menu controls) that rules cut, and among them a legal
    line (privacy, terms, copyright) after the block: the page's footer, which extractors drop.

    A page whose footer has no legal line (a blog's, a small newspaper's) still shows both ends of the
    page: interface lines of PAGE_FOOTER_KINDS kinds or more after the block (share buttons, a newsletter
    box, a comment form, a cookie banner) and of PAGE_HEADER_KINDS kinds or more above the document's
    first paragraph (log-in, menu control, skip link). An extractor keeps a share row or a forum's
    ``Reply``/``Copy link`` under each post, which are one or two kinds, and drops the page's header.

    In a language with no rules of its own only the rules for every language name them (a copyright
    line, a row of share buttons), and the legal line after the block must be among them (``min_ui=1``):
    an extractor's output of a listing or a manual has as many short lines around its block as a page.
    A document without prose has no language to go by: every language's rules name its interface lines,
    but a shop's shelf or a listing may have no legal footer to name (``footer=False``).

    >>> from cleaner.document import Doc
    >>> from cleaner.heuristics.zones import find_article_block
    >>> d = Doc("\\n".join(["Home", "World", "Business", "Sport", "Culture", "Travel"]) + "\\nThe council met.")
    >>> _ = find_article_block(d)
    >>> looks_like_page(d)  # a menu, but no interface line a rule named
    False
    """
    if not is_full_page(doc):
        return False
    if min_ui <= 0:
        return True
    last = doc.block[1]
    head = next((ln.idx for ln in doc.lines if ln.prose and ln.cut is None), doc.block[0])
    ui = legal = 0
    above: set[str] = set()  # the rules that named interface lines above the first paragraph (the header)
    after: set[str] = set()  # and after the block (the footer)
    for ln in doc.lines:
        cut = ln.cut
        if cut is not None and cut.kind in _UI_KINDS and not cut.by_heuristic:
            ui += 1
            if ln.idx > last:
                legal += cut.kind == "legal_footer"
                after.add(cut.rule)
            elif ln.idx < head:
                above.add(cut.rule)
    header_and_footer = len(after) >= PAGE_FOOTER_KINDS and len(above) >= PAGE_HEADER_KINDS
    return ui >= min_ui and (legal >= 1 or not footer or header_and_footer)


def page_shaped(doc: Doc) -> bool:
    """Whether the stages should treat ``doc`` as a full page: what the pipeline decided
    (``doc.input``), or, for a stage run on its own, :func:`is_full_page`."""
    return doc.input == "page" if doc.input is not None else is_full_page(doc)


def block_share(doc: Doc) -> float:
    """The share of the document's surviving prose (in words) that lies in the article block. Teasers
    whose headline is glued to their summary (:func:`~cleaner.heuristics.zones.glued_teasers`) read as
    paragraphs but are known for what they are, and do not count; nor do the summaries of dated teaser
    cards (:func:`~cleaner.heuristics.zones.dated_teasers`) when none is in the block (a block of cards is
    a listing's, and its other cards are the listing too), nor those of the list of headline-and-summary
    cards under the block (:func:`~cleaner.heuristics.zones.summary_cards`).

    >>> from cleaner.document import Doc
    >>> p = "A paragraph of the article that is long enough to count as prose here."
    >>> d = Doc("\\n".join([p, p, "Home", "News", "About", "Jobs", p]))
    >>> d.block = (0, 1)
    >>> round(block_share(d), 2)
    0.67
    """
    first, last = doc.block
    glued = glued_teasers(doc)
    cards = dated_teasers(doc)
    # cards in the block make it a listing of them, unless the only one is the first paragraph of a
    # block of several: the article's own lead under its headline, byline and date has a card's frame
    in_block = [i for i in cards if first <= i <= last]
    lead = in_block == [first] and sum(1 for ln in doc.lines[first : last + 1] if ln.prose and ln.cut is None) > 1
    if cards and (not in_block or lead):
        glued = glued | (cards - {first})
    summaries = summary_cards(doc)
    if summaries:
        glued = glued | summaries
    inside = total = 0
    for ln in doc.lines:
        if ln.prose and ln.cut is None and ln.idx not in glued:
            total += ln.n_words
            if first <= ln.idx <= last:
                inside += ln.n_words
    return inside / total if total else 0.0


def block_is_the_article(doc: Doc) -> bool:
    """Whether the article block holds MIN_BLOCK_SHARE of the document's prose (:func:`block_share`):
    then what lies outside it is the page around the article, and the stages that cut there in bulk
    (page furniture, teaser headline runs, truncated teasers) may; otherwise the rest may be content."""
    return block_share(doc) >= MIN_BLOCK_SHARE


def find_page_boilerplate(doc: Doc) -> None:
    """Cut every surviving line outside the article block of a full page, when the block holds
    MIN_BLOCK_SHARE of the page's prose (the pipeline runs it on pages only: :func:`looks_like_page`).

    A table written as ``| cell | cell |`` rows stays: an extractor (or a Markdown converter) writes
    those, and what it kept as a table is the page's data (a shop's product details above the reviews
    the block chose), not furniture. Rows a rule named (a consent tool's cookie table) are cut already."""
    if not is_full_page(doc) or not block_is_the_article(doc):
        return
    first, last = doc.block
    rows = {i for a, b in pipe_tables(doc.lines) for i in range(a, b + 1)}
    for ln in doc.lines:
        if (ln.idx < first or ln.idx > last) and ln.cut is None and ln.idx not in rows:
            doc.cut_line(ln, "boilerplate", RULE_ID)
