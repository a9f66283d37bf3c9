"""Navigation: menus, breadcrumbs and section lists, found by line shape and context.

What it catches:
- in a full page (see :mod:`cleaner.heuristics.page`), runs of three or more short label-like lines (at
  most five words, no sentence end, no list marker: ``- 165 votes`` is an item of the article's list)
  before or after the article block — a menu scraped one item per line;
- anywhere in a full page, runs of eight or more such lines, most of them capitalised words without
  figures: a list that long of bare labels is a menu or a tag cloud, while the short lines of an
  article (a list of ingredients, an info box with venue, hours and prices) stay. The same test inside
  and outside the block keeps a second cleaning from cutting a run the first left when the block moves.
  In an extractor's output the extractor has already dropped the menus: runs of short lines there are
  the content's lists and headings (measured: the runs it cut in extracts damaged 12 pages and helped
  4), so only breadcrumb lines and the menu tree below are cut;
- in a document judged no page (an extractor's output, or a scrape with few interface lines the rules
  name), a run of twenty or more distinct menu labels in its opening, above the article block: a site's
  menu tree (its own stage, ``menu-tree``, :func:`find_menu_tree`); and such a run between the block and
  the page's legal line (a copyright, a privacy link): the footer's sitemap;
- a single line of four or more short items joined by ``|``, ``›``, ``»``, ``/`` or ``>`` around the
  article (``Home › World › Asia``);
- in a full page, outside the article block, a menu whose labels the scraper ran into one line: sixteen
  words or more in Title Case, with no sentence mark and no figure (``World Politics Business Markets
  Technology Science …``; a headline is shorter, a shop's titles carry figures);
- in any document, outside the article block, a run of six or more labels that each carry a count in
  brackets (``Novembro (113)``, ``Community Post (4824)``), with the years that head an archive's months
  above and between them, or with its labels in alphabetical order: a blog's archive or category widget,
  whose counts are of the site's posts. A run in another order (a tally of seats by count, a shop's
  categories as it shelves them) stays.

- in a full page, a table of contents: a header (``Table of contents``, ``In this article``,
  ``Inhaltsverzeichnis``, ``Sommaire``, ``Índice`` …) over two or more short lines each of which the
  document prints again further down (its numbering aside): the entries repeat the article's own
  headings, which stay where the article has them. An extractor drops a page's table of links; the
  tables left in its output are the author's own (a trip report's chapters), which the golds keep.

Why: menus are the bulk of full-page residue. Their shape — many consecutive tiny lines — is what
gives them away, whatever the site or language; a word list alone would not.

Example:
    >>> from cleaner.document import Doc
    >>> from cleaner.heuristics.zones import find_article_block
    >>> body = "The central bank raised its rates again on Thursday, surprising the markets."
    >>> d = Doc("Home\\nWorld\\nBusiness\\nSport\\nCulture\\n" + body)
    >>> _ = find_article_block(d)
    >>> find_navigation(d)
    >>> [ln.cut.kind if ln.cut else None for ln in d.lines]
    ['navigation', 'navigation', 'navigation', 'navigation', 'navigation', None]
"""

from __future__ import annotations

from itertools import pairwise

import regex

from cleaner.document import Doc, Line
from cleaner.heuristics.page import page_shaped
from cleaner.heuristics.shape import has_digit, list_item, table_row, title_share, undoubled, words
from cleaner.heuristics.zones import table_cells

RULE_RUN = "heuristic.navigation.label-run"
RULE_CRUMBS = "heuristic.navigation.separated-items"
RULE_HEAD_MENU = "heuristic.navigation.head-menu"
RULE_COUNTS = "heuristic.navigation.count-list"
RULE_FOOTER_MENU = "heuristic.navigation.footer-menu"
RULE_GLUED = "heuristic.navigation.glued-labels"
RULE_CONTENTS = "heuristic.navigation.contents"
#: a table of contents' header, in the languages of the rule files (a show/hide control may follow it)
_CONTENTS_WORDS = (
    r"table\s+of\s+contents|contents|in\s+this\s+(?:article|post|guide|page)|on\s+this\s+page|jump\s+to(?:\s+section)?"
    r"|article\s+contents|inhaltsverzeichnis|inhalt|in\s+diesem\s+artikel|sommaire|table\s+des\s+mati[eè]res"
    r"|dans\s+cet\s+article|[íi]ndice|contenidos?|tabla\s+de\s+contenidos?|en\s+este\s+art[íi]culo|sommario"
    r"|in\s+questo\s+articolo|inhoud(?:sopgave)?|in\s+dit\s+artikel|conte[úu]dos?|neste\s+artigo"
)
_CONTENTS_HEADER = regex.compile(
    rf"(?:{_CONTENTS_WORDS})\s*:?(?:\s*[\[(]?\s*(?:hide|show|toggle|ausblenden|masquer|ocultar|nascondi)\s*[\])]?)?",
    regex.IGNORECASE,
)
#: an entry of the table: a short line (its numbering, ``1.`` or ``2.3``, set aside when it is compared)
CONTENTS_ENTRY_WORDS = 14
CONTENTS_MIN_ENTRIES = 2
_ENTRY_NUMBER = regex.compile(r"^(?:[-–•*·]\s*|\d{1,2}(?:\.\d{1,2})*[.)]?\s+)")
#: a menu's labels scraped onto one line (``World Politics Business Markets Technology Science …``):
#: at least this many words, no sentence mark, no figure, and GLUED_TITLE_SHARE of them capitalised
GLUED_MIN_WORDS = 16
GLUED_TITLE_SHARE = 0.85
#: ... of its words (split on spaces), this share or more start with a letter (``&`` joins two labels)
GLUED_WORD_SHARE = 0.9
_SENTENCE_MARK = regex.compile(r"[.,;:!?。、，！？]")
MAX_LABEL_WORDS = 5
MAX_LABEL_CHARS = 40
OUTSIDE_RUN = 3
#: a run this long goes wherever it is, in any document, when most of its lines are menu labels
ANY_RUN = 8
MENU_SHARE = 0.8
#: in a document judged no page, a run this long in its opening goes when most of its lines are menu
#: labels and most are distinct (a site's menu tree, not a table's column of ``Yes``)
HEAD_MENU_RUN = 20
HEAD_MENU_DISTINCT = 0.6
#: the document's opening, where a menu tree is looked for, ends at its first line longer than this (or
#: prose, or a teaser cut off with an ellipsis): below it, a run of labels may be a listing's
HEAD_SHORT_WORDS = 8
_CRUMB_MIN_CHARS = 12  # four items and three separators
_CRUMB_CHARS = "|›»>/•·"
_CRUMB_SEP = regex.compile(r"\s(?:[|›»>/•·])\s")
#: a widget's entry: a label of a few words and the count of the posts under it, in brackets
#: (or in full-width brackets: ``2019年11月（12）``)
_COUNTED_LABEL = regex.compile(r"(?=[^(（]*\p{L})[\p{L}\d][\p{L}\d\s.,&'’/-]{0,40}?\s*[(（]\d{1,6}[)）]")
_COUNT = regex.compile(r"\s*[(（]\d{1,6}[)）]$")
_IN_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: a widget's order: on the dev scrapes, category widgets had 0.92 to 1.0 of their neighbours in alphabetical
#: order, the shops' categories in their gold 0.67 and 0.75 (other shops' 0.58 to 0.69)
SORTED_SHARE = 0.9
ARCHIVE_SHARE = 0.8
#: a year heading an archive's months (``2019`` over ``Novembro (113)``), inside a run of counted labels
_YEAR = regex.compile(r"(?:19|20)\d\d(?:\s*年)?")
#: counted labels a run needs: on the dev scrapes, runs of six or more were in no article's gold (11 runs)
#: and in one collection page's (its shop's categories: inside the block, where the run is not cut); with
#: four, that page's categories outside the block went too (-0.16). A widget lists its labels by date
#: (years between the months) or by name; a run in another order (a tally of seats or votes by count, a
#: shop's categories as it shelves them) stays
COUNT_RUN = 6


def _label_shape(ln: Line) -> bool:
    """A line that reads like a menu label by its text and how it ends (short, no sentence end, no
    list marker). A label also has no partial cut; that part may change between calls, this one not."""
    return (
        len(ln.text) <= MAX_LABEL_CHARS
        and not ln.terminal
        and not ln.ellipsis
        and (ln.n_words <= MAX_LABEL_WORDS or words(ln) <= MAX_LABEL_WORDS)
        and not list_item(ln.text)
    )


def _label_shapes(doc: Doc) -> list[bool]:
    """:func:`_label_shape` of every line: verdicts on the lines' text and ends, settled before the
    heuristics run, so computed once per document (``doc.memo``)."""
    shapes = doc.memo.label_shapes
    if shapes is None or len(shapes) != len(doc.lines):
        shapes = doc.memo.label_shapes = [_label_shape(ln) for ln in doc.lines]
    return shapes


def _entry_key(text: str) -> str:
    return _ENTRY_NUMBER.sub("", text).strip().casefold()


def find_contents(doc: Doc) -> None:
    """Cut a table of contents: a header line (``Table of contents``) over CONTENTS_MIN_ENTRIES or more
    short lines, each printed again further down the document, its numbering aside. Lines a rule already
    cut (a ``Toggle`` control) are passed over; the first line that is no entry ends the table. The
    navigation stage runs it on full pages only (see the module docstring).

    >>> from cleaner.document import Doc
    >>> p = "The council approved the budget on Tuesday after a long debate in the chamber."
    >>> d = Doc(f"In this article\\n1. Budget\\n2. Debate\\n{p}\\nBudget\\n{p}\\nDebate\\n{p}")
    >>> find_contents(d)
    >>> [ln.cut.rule if ln.cut else None for ln in d.lines][:5]
    ['heuristic.navigation.contents', 'heuristic.navigation.contents', 'heuristic.navigation.contents', None, None]
    """
    lines = doc.lines
    found = doc.memo.contents_headers
    if found is None:  # line text is settled: the headers are found once, on the short lines alone (a
        # regex search of the whole text for one at a line's start tries every position: 25 times dearer)
        found = doc.memo.contents_headers = tuple(
            ln.idx for ln in lines if len(ln.text) <= 40 and _CONTENTS_HEADER.fullmatch(ln.text))
    if not found:
        return
    headers = [lines[i] for i in found]
    keys = [_entry_key(ln.text) for ln in lines]
    last_seen: dict[str, int] = {}
    for i, k in enumerate(keys):
        last_seen[k] = i
    for header in headers:
        entries: list[Line] = []
        for ln in lines[header.idx + 1 :]:
            if ln.cut is not None and not ln.cut.by_heuristic:
                continue  # a control a rule named, between the entries
            key = keys[ln.idx]
            if not key or ln.n_words > CONTENTS_ENTRY_WORDS or ln.prose or last_seen.get(key, -1) <= ln.idx:
                break
            entries.append(ln)
        if len(entries) < CONTENTS_MIN_ENTRIES:
            continue
        for ln in (header, *entries):
            if ln.cut is None:
                doc.cut_line(ln, "navigation", RULE_CONTENTS)


def find_navigation(doc: Doc) -> None:
    """Cut menu runs and breadcrumb lines (see the module docstring)."""
    first_body = doc.block[0]
    page = page_shaped(doc)
    if page:
        find_contents(doc)
    cells = table_cells(doc)  # a table's cells are data, not menu labels
    lines = doc.lines
    shapes = _label_shapes(doc)
    menu = doc.memo.menu_labels
    run: list[Line] = []
    for ln in lines:
        if ln.cut is not None:
            continue
        if shapes[ln.idx] and not ln.parts and not (cells and ln.idx in cells):
            run.append(ln)
            continue
        if run:
            _flush(doc, run, first_body, page, menu)
            run = []
    if run:
        _flush(doc, run, first_body, page, menu)
    _count_lists(doc)
    if page:
        _glued_labels(doc)
    source = doc.source
    if not any(sep in source for sep in _CRUMB_CHARS):  # no separator anywhere: no breadcrumb to look for
        return
    first, last = doc.block
    crumbs = doc.memo.crumbs
    for ln in lines:
        if ln.cut is not None or first <= ln.idx <= last or len(ln.text) < _CRUMB_MIN_CHARS:
            continue
        crumb = crumbs.get(ln.idx)
        if crumb is None:
            crumb = crumbs[ln.idx] = _crumbs(ln.text)
        if crumb:
            doc.cut_line(ln, "navigation", RULE_CRUMBS)


def _glued_labels(doc: Doc) -> None:
    """In a full page, outside the block: a line of GLUED_MIN_WORDS words or more in Title Case with no
    sentence mark and no figure, a menu whose labels the scraper ran into one line. A headline is
    shorter; a listing's or a shop's titles carry figures (``Ultra 4K``, ``80hrs``)."""
    first, last = doc.block
    if last < first:
        return
    for ln in doc.lines:
        if ln.cut is not None or first <= ln.idx <= last or ln.n_words < GLUED_MIN_WORDS or ln.parts:
            continue
        text = ln.text
        if _SENTENCE_MARK.search(text) or has_digit(text) or title_share(text) < GLUED_TITLE_SHARE:
            continue
        tokens = text.split()  # (n_words counts a long token as several: a path, a code line)
        if len(tokens) < GLUED_MIN_WORDS or sum(t[0].isalpha() or t == "&" for t in tokens) < GLUED_WORD_SHARE * len(tokens):
            continue  # a line of code or of options: brackets, bars, dashes
        doc.cut_line(ln, "navigation", RULE_GLUED)


def _count_lists(doc: Doc) -> None:
    """Cut, outside the block, each run of COUNT_RUN or more counted labels (and the years between them).

    >>> from cleaner.document import Doc
    >>> months = ["2019"] + [f"{m} ({n})" for m, n in zip(["Novembro", "Outubro", "Setembro", "Agosto",
    ...           "Julho", "Junho"], [113, 217, 193, 183, 155, 170])]
    >>> d = Doc("\\n".join(["The council approved the new budget on Tuesday after a long debate."] + months))
    >>> d.block = (0, 0)
    >>> _count_lists(d)
    >>> [ln.cut.rule if ln.cut else None for ln in d.lines][:3]
    [None, 'heuristic.navigation.count-list', 'heuristic.navigation.count-list']
    """
    first, last = doc.block
    if last < first:
        return  # no article: the lists may be the page's content (a shop's categories)
    found = doc.memo.counted_labels
    if found is None:  # line text is settled: which lines are candidates is worked out once
        found = doc.memo.counted_labels = {}
        if "(" in doc.source or "（" in doc.source:
            for ln in doc.lines:
                text = ln.text
                if len(text) <= 6 and _YEAR.fullmatch(text):
                    found[ln.idx] = True
                elif text.endswith((")", "）")) and _COUNTED_LABEL.fullmatch(text):
                    found[ln.idx] = False
    if sum(1 for year in found.values() if not year) < COUNT_RUN:
        return
    run: list[Line] = []
    for ln in [*doc.lines, None]:
        if ln is not None and ln.cut is not None:
            continue  # a line another stage cut does not end the widget
        if ln is not None and ln.idx in found:
            run.append(ln)
            continue
        if not run:
            continue
        while run and found[run[-1].idx]:
            run.pop()  # a year under the widget heads what follows it
        if _widget(run):
            for x in run:
                if not first <= x.idx <= last:
                    doc.cut_line(x, "navigation", RULE_COUNTS)
        run = []


def _widget(run: list[Line]) -> bool:
    """Whether a run of counted labels and years is a CMS widget: COUNT_RUN labels or more, in the order a
    widget gives them, by date (an archive: years between the months, or in ARCHIVE_SHARE of the labels) or
    by name (categories, tags: SORTED_SHARE of the pairs of neighbours in alphabetical order).

    >>> from cleaner.document import Doc
    >>> _widget(Doc("Arts (12)\\nBooks (3)\\nCities (40)\\nFood (7)\\nHealth (19)\\nSport (2)").lines)
    True
    >>> _widget(Doc("Radios (4)\\nPower Banks (158)\\nCables (9)\\nCameras (44)\\nTablets (10)\\nToys (3)").lines)
    False
    """
    labels = [ln.text for ln in run if not _YEAR.fullmatch(ln.text)]
    if len(labels) < COUNT_RUN:
        return False
    if len(labels) < len(run) or sum(1 for t in labels if _IN_YEAR.search(t)) >= ARCHIVE_SHARE * len(labels):
        return True  # an archive: years head its months, or each month carries its year
    names = [_COUNT.sub("", t).strip().casefold() for t in labels]
    return sum(a <= b for a, b in pairwise(names)) >= SORTED_SHARE * (len(names) - 1)


def _crumbs(text: str) -> bool:
    """A line of four or more short items joined by separators (``Home › World › Asia``)."""
    if len(_CRUMB_SEP.findall(text)) >= 3 and not table_row(text):
        items = _CRUMB_SEP.split(text)
        return max(len(i.split()) for i in items) <= MAX_LABEL_WORDS
    return False


def _menu_label(ln: Line) -> bool:
    """A label as menus write them: capitalised words, no figures (``Weight Loss``, not ``2 eggs``). A
    word the scrape doubled (``search Search``) counts once, as the output will show it."""
    return title_share(undoubled(ln.text)) >= 0.6 and not has_digit(ln.text)


def _mostly_menu_labels(run: list[Line], menu: dict[int, bool]) -> bool:
    """Whether MENU_SHARE of the lines of ``run`` or more are menu labels (``menu``: memo of
    :func:`_menu_label` by line index). Stops as soon as the count is settled either way."""
    need = MENU_SHARE * len(run)
    hits = 0
    left = len(run)
    for ln in run:
        label = menu.get(ln.idx)
        if label is None:
            label = menu[ln.idx] = _menu_label(ln)
        left -= 1
        hits += label
        if hits >= need:
            return True
        if hits + left < need:
            return False
    return hits >= need


def find_menu_tree(doc: Doc) -> None:
    """Cut the runs of label lines in the opening of a document judged no page (the short lines above
    its first longer one), when they are a site's menu tree (:func:`_head_menu`). Its own stage, outside
    the run heuristics: a menu at the top of a page is one whether or not an article follows, so it goes
    on a listing cleaned again without them too.

    >>> from cleaner.document import Doc
    >>> from cleaner.heuristics.zones import find_article_block
    >>> menu = [f"Section {chr(65 + i)}" for i in range(24)]
    >>> body = "The council approved the budget on Tuesday after a debate that lasted most of the day."
    >>> d = Doc("\\n".join([*menu, body, body]))
    >>> _ = find_article_block(d)
    >>> d.input = "extract"  # as the pipeline judged it: too few interface lines for a page
    >>> find_menu_tree(d)
    >>> sum(1 for ln in d.lines if ln.cut), d.lines[24].cut
    (24, None)
    """
    if page_shaped(doc):  # a page's menus are the navigation stage's
        return
    shapes = _label_shapes(doc)
    cells = table_cells(doc)
    first_body = doc.block[0]
    run: list[Line] = []
    for ln in doc.lines[:first_body]:
        if ln.cut is not None:
            continue
        if shapes[ln.idx] and not ln.parts and not (cells and ln.idx in cells):
            run.append(ln)
            continue
        _cut_menu_tree(doc, run)
        run = []
        if ln.prose or ln.ellipsis or ln.n_words > HEAD_SHORT_WORDS:  # the opening ends
            break
    else:
        _cut_menu_tree(doc, run)
    _footer_menus(doc, shapes, cells)


def _footer_menus(doc: Doc, shapes: list[bool], cells: frozenset[int]) -> None:
    """Cut, between the block and the page's legal line (a copyright or a privacy link a rule named), each
    run of label lines that is a site's menu tree by the head menu's test (:func:`_menu_tree`): the
    footer's sitemap.

    The legal line is the evidence that the run is the page's footer: an extract's own index of
    categories (a catalogue's A to Z under its two lines of introduction) has the same shape, but no
    legal line under it (on the dev sets in post mode, without it, a listing lost 0.73 of its F1).
    """
    first, last = doc.block
    legal = max((ln.idx for ln in doc.lines if ln.cut is not None and ln.cut.kind == "legal_footer"
                 and not ln.cut.by_heuristic and ln.idx > last), default=-1)
    if last < first or legal < 0:
        return
    menu = doc.memo.menu_labels
    run: list[Line] = []
    for ln in [*doc.lines[last + 1 : legal], None]:
        if ln is not None and ln.cut is not None:
            continue
        if ln is not None and shapes[ln.idx] and not ln.parts and not (cells and ln.idx in cells):
            run.append(ln)
            continue
        if _menu_tree(run, menu):
            for x in run:
                doc.cut_line(x, "navigation", RULE_FOOTER_MENU)
        run = []


def _cut_menu_tree(doc: Doc, run: list[Line]) -> None:
    for ln in _head_menu(run, doc.block[0], doc.memo.menu_labels):
        doc.cut_line(ln, "navigation", RULE_HEAD_MENU)


def _head_menu(run: list[Line], first_body: int, menu: dict[int, bool]) -> list[Line]:
    """The lines of ``run`` (label lines in a row in the document's opening, above the block) that make a
    site's menu tree: all of them when they are HEAD_MENU_RUN or more, most of them menu labels and most
    of them distinct; none otherwise. The line right above the block may be the article's headline, and
    is left to the title stage.

    An extractor keeps lists and headings, but not a hundred section names above the article; a scrape
    with few interface lines a rule can name (a site in a language with few rules, a town hall's pages)
    is judged no page, and kept its whole menu. A table written a cell a line repeats its values (``Yes``,
    ``Yes``, ``No``): that is no menu."""
    head = run[:-1] if run and run[-1].idx == first_body - 1 and words(run[-1]) >= 3 else run
    return head if _menu_tree(head, menu) else []


def _menu_tree(run: list[Line], menu: dict[int, bool]) -> bool:
    """HEAD_MENU_RUN label lines or more, HEAD_MENU_DISTINCT of them distinct and MENU_SHARE menu labels."""
    return (
        len(run) >= HEAD_MENU_RUN
        and len({ln.text.casefold() for ln in run}) >= HEAD_MENU_DISTINCT * len(run)
        and _mostly_menu_labels(run, menu)
    )


def _flush(doc: Doc, run: list[Line], first_body: int, page: bool, menu: dict[int, bool]) -> None:
    if not run or not page:  # in an extractor's output, runs of short lines are its lists and headings
        return
    if len(run) >= ANY_RUN and _mostly_menu_labels(run, menu):
        for ln in run:
            doc.cut_line(ln, "navigation", RULE_RUN)
        return
    outside = [ln for ln in run if doc.zone(ln) != "body"]
    # The line right above the article may be its headline: leave it to the title heuristic.
    if outside and outside[-1].idx == first_body - 1 and words(outside[-1]) >= 3:
        outside = outside[:-1]
    if len(outside) >= OUTSIDE_RUN:
        for ln in outside:
            doc.cut_line(ln, "navigation", RULE_RUN)
