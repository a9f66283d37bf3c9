"""Zones: find the article block, the dense run of prose that every page's residue sits around.

What it catches: the head (everything before the article's first paragraph: menus, headline, date and
byline lines) and the tail (everything after its last paragraph: tags, teasers, footers), so that rules
and heuristics can be strict in the body and bolder around it.

Why: an article is one contiguous block of long, sentence-ending lines; page furniture is short lines
and stray blocks of prose (a cookie notice, an "about us" blurb, teaser cards) separated from it by
short lines. The block is the maximum-sum run of line scores (Kadane):

- a paragraph scores its word count, half of it when it stands alone between non-sentences (a teaser's
  summary under its headline, author and date; an article's paragraphs follow one another);
- a line that reads like article text without being a paragraph (a short sentence, a list item, a
  table row, a sentence-case fragment, the items of a list announced by a colon) costs little;
- any other line (a label, a Title Case headline, a date, a truncated teaser, a line a rule already cut)
  costs more the longer the run of such lines it sits in: one short line between two paragraphs is a
  subheading, a stack of them is a menu, a teaser card or a widget.

The block's end is then carried over what continues the article without being prose: a list it
announced, list items, short closing sentences (``Colombia had lost to Belgium on Monday.``), a paragraph
whose last sentence lost its end to a hashtag or a link.

Example:
    >>> from cleaner.document import Doc
    >>> d = Doc("Home\\nWorld\\nSport\\n" + "A long enough paragraph of real prose that ends here. " * 2 + "\\nShare")
    >>> find_article_block(d)
    (3, 3)
    >>> [d.zone(ln) for ln in d.lines]
    ['head', 'head', 'head', 'body', 'tail']
"""

from __future__ import annotations

import bisect

import regex

from cleaner.document import INNER_END_RE, PROSE_MIN_WORDS, Doc, Line
from cleaner.heuristics.registry import takes_prose
from cleaner.heuristics.shape import (
    ASCII_DIGITS,
    DATE_LINE_WORDS,
    initials,
    is_date_line,
    list_item,
    program_lines,
    ranked_runs,
    row_runs,
    series_runs,
    table_row,
    table_runs,
    title_share,
)

#: cost of a barrier line, times its rank in the run of barrier lines it sits in: short lines
#: (subheadings) are cheap, headline-like lines dearer, dates and truncated teaser lines dearest.
SHORT_COST = 3
LONG_COST = 6
ELLIPSIS_COST = 10
#: no single line of a gap costs more than this
MAX_GAP_LINE_COST = 24
MAX_PROSE_SCORE = 80
#: a paragraph with no article text on either side counts this share of its words
ISOLATED_WEIGHT = 0.5
#: a line that reads like article text without being a full paragraph costs this, whatever the gap
CONTENT_COST = 1
#: a line ending with a colon announces a list: this many lines after it count as content
MAX_LIST_ITEMS = 15
#: a fragment with this share of capitalised words or more is a headline or a label, not text
_TITLE_SHARE = 0.7
_TITLE_SHARE_HEAD = 0.75
#: a truncated paragraph this long right after the block is the article's end behind a fold
FOLD_MIN_WORDS = 20
#: the block's end may step over this many non-text lines to reach more text
MAX_BRIDGE = 2
_BRIDGE_WORDS = 12
#: times the pipeline zones a document (the first, then again while its cuts move the zones)
MAX_ZONE_PASSES = 3
#: what a table's cell scores (data is article matter, each cell far less than a paragraph's word)
TABLE_CELL_SCORE = 0.25
_NO_CELLS: frozenset[int] = frozenset()


_ATTRIBUTION_WORDS = 6


def _attribution(ln: Line) -> bool:
    """A quote's signature on the line under it: an en or em dash and a name (``– Jane D.``, ``—Ali***``)."""
    return ln.text[:1] in "–—" and ln.n_words <= _ATTRIBUTION_WORDS and not ln.terminal and not ln.ellipsis


def _contentish(ln: Line) -> bool:
    """A non-prose line that still reads like article text (short sentence, list item, fragment)."""
    if ln.ellipsis:
        return False
    if ln.terminal and ln.n_words >= 4:
        return True
    text = ln.text
    if list_item(text):
        return ln.n_words >= 3
    if text[0] == "|" and table_row(text):  # (a lone test first: the call is dearer, few lines are rows)
        return True
    if ln.n_words < 4:
        return False
    # three words or more that start with a letter, and title_share(text) < _TITLE_SHARE: one split
    letters = initials(text)
    return len(letters) >= 3 and sum(map(str.isupper, letters)) / len(letters) < _TITLE_SHARE


_COLONS = ":："
#: a line of this many words and sentence ends inside it is a paragraph, even when it does not end
#: like a sentence (a hashtag, a link, an emoji or a signature after its last sentence)
UNENDED_MIN_WORDS = 30
UNENDED_MIN_SENTENCES = 3
#: what took the place of the last sentence's end: a hashtag, a handle, a link, an emoji or a symbol
_LOST_END = regex.compile(r"[#@]\w|https?:|www\.|\w\.\w+/\w|[\p{So}\p{Sk}]\W*$")
_LOST_END_CHARS = 60
#: a sentence end followed by emoji or symbols only: ``We hope to see you soon! 🙂``
_EMOJI_END = regex.compile(r"[.!?。！？][\"'”’»)\]]*[\s\p{So}\p{Sk}\uFE0F\u200D]+$")


def _ends_sentence(ln: Line) -> bool:
    """The line ends like a sentence, an emoji or a symbol after its full stop included."""
    return ln.terminal or (not ln.ellipsis and _EMOJI_END.search(ln.text[-12:]) is not None)


def _unended_paragraph(ln: Line) -> bool:
    """A paragraph whose last sentence lost its end: several sentences, the last one closed by a hashtag,
    a handle, a link or an emoji instead of a full stop (``… on Tuesday. #TodayInPlenary``). A caption's
    photo credit or a quote's signature is no such end: the line then stays what it is.

    >>> from cleaner.document import Doc
    >>> text = "The motion passed. Members stood in silence. The session then resumed with the budget debate "
    >>> [_unended_paragraph(ln) for ln in Doc(text * 2 + "pic.twitter.com/x1\\n" + text * 2 + "Jane Doe").lines]
    [True, False]
    """
    return (
        not ln.terminal
        and not ln.ellipsis
        and ln.n_words >= UNENDED_MIN_WORDS
        and len(INNER_END_RE.findall(ln.text)) >= UNENDED_MIN_SENTENCES - 1
        and _LOST_END.search(ln.text[-_LOST_END_CHARS:]) is not None
    )
_HAS_DIGIT = regex.compile(r"\d").search


def _has_digit(text: str) -> bool:
    """Whether ``\\d`` finds a digit in ``text`` (every date has one). In ASCII text that is 0-9: a set
    test spares the regex call on the short lines of a page, which are most of its lines."""
    if text.isascii():
        return not ASCII_DIGITS.isdisjoint(text)
    return _HAS_DIGIT(text) is not None


def _announces(ln: Line) -> bool:
    return ln.cut is None and ln.n_words >= 2 and ln.text.endswith((":", "："))


def _sentence_neighbours(lines: list[Line], glued: frozenset[int] = _NO_CELLS) -> tuple[list[bool], list[bool]]:
    """For each line: whether the nearest surviving line before it, and after it, is a sentence (lines a
    rule cut, such as a caption or an ad label between two paragraphs, are looked through). Looking
    back, a paragraph of FOLD_MIN_WORDS or more that trails off right after a sentence counts as one: it
    leads into a quote or was cut short, a teaser's summary follows a headline."""
    n = len(lines)
    before = [False] * n
    last = False
    for i, ln in enumerate(lines):
        before[i] = last
        if ln.cut is None and not (ln.text[:1] in "–—" and _attribution(ln)):  # a signature is looked through
            last = not ln.ellipsis and (ln.prose or (ln.terminal and ln.n_words >= 4)) and not (glued and ln.idx in glued)
    after = [False] * n
    last = False
    for i in range(n - 1, -1, -1):
        after[i] = last
        ln = lines[i]
        if ln.cut is None and not (ln.text[:1] in "–—" and _attribution(ln)):
            if ln.ellipsis:  # a long paragraph trailing off right after a paragraph still reads as one
                last = ln.n_words >= FOLD_MIN_WORDS and before[i]
            else:
                last = (ln.prose or (ln.terminal and ln.n_words >= 4)) and not (glued and ln.idx in glued)
    return before, after


def line_score(line: Line) -> int:
    """How much a line argues for being inside the article block, alone (rank 1 in its gap)."""
    if line.cut is not None:
        return -SHORT_COST
    if line.prose:
        return min(line.n_words, MAX_PROSE_SCORE)
    # (is_date_line's own first tests come first: most lines fail them, and the regex is dearer)
    if line.ellipsis or (
        line.n_words <= DATE_LINE_WORDS and not line.terminal and _has_digit(line.text) and is_date_line(line)
    ):
        return -ELLIPSIS_COST
    if _contentish(line):
        return -CONTENT_COST
    return -SHORT_COST if line.n_words <= 8 else -LONG_COST


def find_tables(doc: Doc) -> frozenset[int]:
    """Find the tables scraped one cell per line (:func:`~cleaner.heuristics.shape.table_runs`), keep
    their cells in ``doc.memo`` for the zone stages, and take back the cuts rules made in them.

    What it catches: a table of figures (standings, statistics, prices) that a naive scraper wrote one
    cell per line, a time series written a value a line (:func:`~cleaner.heuristics.shape.series_runs`),
    and, as data that no stage judges by its shape, a recipe's items (:func:`recipe_lines`) and a program
    printed a line a line (:func:`~cleaner.heuristics.shape.code_lines`).
    Why: a figure alone on a line is a share counter to the rules and a run of names is
    a menu to the navigation stage, but cells repeating the same pattern row after row are data; the
    article block then reaches over the table like over any other part of the article.

    >>> from cleaner.document import Doc
    >>> rows = "".join(f"{i}\\nDriver {i}\\n{5000 - i * 7}\\n{i % 3}\\n" for i in range(1, 5))
    >>> d = Doc("The standings after the final race of the season are below.\\n" + rows)
    >>> d.cut_line(d.lines[1], "ui_chrome", "counter-line")
    >>> cells = find_tables(d)
    >>> len(cells), d.lines[1].cut
    (16, None)
    """
    cells: set[int] = set()
    lines = doc.lines
    taken_back = doc.memo.table_taken_back
    piped = pipe_tables(lines)
    for first, last in [*table_runs(lines), *piped, *series_runs(lines), *ranked_runs(lines)]:  # pipe tables: |---| and all
        named = (first, last) in piped and _named_by_rules(lines[first : last + 1])
        for ln in lines[first : last + 1]:
            cells.add(ln.idx)
            if ln.cut is not None and not named and not takes_prose(ln.cut.rule):
                taken_back[ln.idx] = ln.cut
                ln.cut = None
    for first, last in row_runs(lines):  # rows written one a line: no rule cut them
        cells.update(ln.idx for ln in lines[first : last + 1])
    cells.update(recipe_lines(lines))
    cells.update(program_lines(doc))
    found = frozenset(cells) if cells else _NO_CELLS
    doc.memo.table_cells = found
    return found


def _named_by_rules(rows: list[Line]) -> bool:
    """Whether a rule cut every row of a table written between pipes (its ``|---|`` line aside): the
    table is then that rule's kind of residue (a consent tool's cookie declaration), not data."""
    body = [ln for ln in rows if any(c.isalnum() for c in ln.text)]
    return bool(body) and all(ln.cut is not None and not ln.cut.by_heuristic for ln in body)


#: rounds of :func:`find_tables_again` (a cut it makes may break another table)
_AGAIN_ROUNDS = 4


def find_tables_again(doc: Doc) -> None:
    """Cut again what :func:`find_tables` took back from cells that are no table's once the other stages
    have cut around them: a second cleaning sees only what is left, and there a header row's ``%`` or a
    ``Show more`` under a menu of filters cut as a menu is no table's cell, but the line the rules cut.

    >>> rows = "".join(f"{i}\\nDriver {i}\\n{5000 - i * 7}\\n{i % 3}\\n" for i in range(1, 5))
    >>> d = Doc("The standings after the final race of the season are below.\\n" + rows)
    >>> d.cut_line(d.lines[1], "ui_chrome", "counter-line")
    >>> _ = find_tables(d)
    >>> for ln in d.lines[2:]: d.cut_line(ln, "boilerplate", "heuristic.page.outside-article")
    >>> find_tables_again(d); d.lines[1].cut.rule
    'counter-line'
    """
    taken_back = doc.memo.table_taken_back
    if not taken_back:  # the usual case: no cut was taken back
        return
    for _ in range(_AGAIN_ROUNDS):
        left = [ln for ln in doc.lines if ln.cut is None]
        if not any(ln.idx in taken_back for ln in left):
            return
        cells = {left[i].idx for first, last in [*table_runs(left), *pipe_tables(left)] for i in range(first, last + 1)}
        again = [ln for ln in left if ln.idx in taken_back and ln.idx not in cells]
        if not again:
            return
        for ln in again:
            ln.cut = taken_back.pop(ln.idx)


#: a table written as text needs this many rows of cells between pipes
PIPE_TABLE_MIN_ROWS = 2


def pipe_tables(lines: list[Line]) -> list[tuple[int, int]]:
    """Positions ``[first, last]`` of tables written as text, one row a line with cells between pipes
    (``| Pos | Driver | Points |``), as an extractor renders an HTML table: PIPE_TABLE_MIN_ROWS rows or
    more, the ``|---|---|`` line under the header included.

    What it catches: a table that holds the article's figures. Why: its separator line is symbols only,
    which a rule cuts as an interface line; the article block then stops there and the rows below fall
    into the tail, where they read as tag lists and link lists.

    >>> from cleaner.document import Doc
    >>> d = Doc("Results were close.\\n| Team | Points |\\n|---|---|\\n| Lions | 12 |\\n| Tigers | 11 |\\nShare")
    >>> pipe_tables(d.lines)
    [(1, 4)]
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if not table_row(lines[i].text):
            i += 1
            continue
        j = i
        while j + 1 < n and table_row(lines[j + 1].text):
            j += 1
        rows = sum(1 for ln in lines[i : j + 1] if any(c.isalnum() for c in ln.text))
        if rows >= PIPE_TABLE_MIN_ROWS:
            spans.append((i, j))
        i = j + 1
    return spans


#: a recipe card's section labels, alone on their line, in the languages we ship
_INGREDIENTS = regex.compile(
    r"(?:ingredients?|what\s+you(?:'|’)?ll\s+need|you\s+will\s+need|zutaten|ingrédients|ingredientes|ingredienti|"
    r"ingrediënten)\s*:?",
    regex.IGNORECASE,
)
_STEPS = regex.compile(
    r"(?:instructions|directions|method|preparation|steps|zubereitung|préparation|preparación|modo\s+de\s+preparo|"
    r"preparo|preparazione|procedimento|bereiding(?:swijze)?)\s*:?",
    regex.IGNORECASE,
)
#: an ingredient is short; a step is at most a paragraph
_INGREDIENT_WORDS = 15
_STEP_WORDS = 80
MAX_RECIPE_LINES = 80


def recipe_lines(lines: list[Line]) -> set[int]:
    """The lines of recipe cards scraped one item per line: an ``Ingredients`` label over two or more
    short items, then perhaps an ``Instructions`` label over the steps.

    What it catches: the ingredient list and method of a recipe. Why: items such as ``1 tsp nutmeg`` or
    ``Ingredients`` alone read as menu labels and teaser headlines, so the navigation and teaser stages
    would cut the recipe the article is about; the labels say what they are, in any zone.

    >>> from cleaner.document import Doc
    >>> d = Doc("Ingredients\\n8 ripe pears\\n1 tsp cinnamon\\nMethod\\nCore and cube the pears.\\nBoil for 10 minutes.\\nMore")
    >>> sorted(recipe_lines(d.lines))
    [0, 1, 2, 3, 4, 5]
    """
    found: set[int] = set()
    i, n = 0, len(lines)
    while i < n:
        ln = lines[i]
        if ln.n_words > 5 or not _INGREDIENTS.fullmatch(ln.text):
            i += 1
            continue
        j = i + 1
        while j < n and j - i <= MAX_RECIPE_LINES and _ingredient(lines[j]):
            j += 1
        if j - i - 1 < 2:  # a label over fewer than two items is a heading, not a list
            i = j
            continue
        found.update(range(i, j))
        if j < n and lines[j].n_words <= 3 and _STEPS.fullmatch(lines[j].text):
            k = j + 1
            while k < n and k - j <= MAX_RECIPE_LINES and _step(lines[k]):
                k += 1
            if k > j + 1:
                found.update(range(j, k))
            j = k
        i = j
    return {lines[k].idx for k in found}


def _ingredient(ln: Line) -> bool:
    return (
        ln.cut is None
        and not ln.ellipsis
        and ln.n_words <= _INGREDIENT_WORDS
        and not _STEPS.fullmatch(ln.text)
        and (any(c.isdigit() for c in ln.text) or "½" in ln.text or "¼" in ln.text or ln.n_words <= 4)
    )


def _step(ln: Line) -> bool:
    return ln.cut is None and not ln.ellipsis and ln.n_words <= _STEP_WORDS and (ln.terminal or list_item(ln.text))


def table_cells(doc: Doc) -> frozenset[int]:
    """The indices of the table cells :func:`find_tables` found (none before it ran)."""
    cells = doc.memo.table_cells
    return _NO_CELLS if cells is None else cells


#: a headline glued to the summary under it: ``…Deals In DetroitIn the market…``, ``…On The Rise?Violence is…``
#: (one pass over the paragraphs finds the capitals glued to a letter or a sentence end; ASCII letters only)
_GLUE = regex.compile(r"(?<=[a-z0-9.!?)\"”’])(?:[A-Z][a-z]|[AI] (?=[a-z0-9]))")
#: a glued headline ending in a word of three letters has at least this many words
_LONG_HEADLINE = 5
#: glued headlines come as a list of teasers: fewer in a document are camelCase names (``McKinley``)
MIN_GLUED = 3
#: teaser lists are page furniture: documents with fewer lines are not looked at
GLUE_MIN_LINES = 40


def glued_teasers(doc: Doc) -> frozenset[int]:
    """The indices of the lines that are a teaser's Title Case headline glued to its summary sentence
    (``Harvick Fails To Rally In NASCAR FinaleFord v Toyota flopped for the blue oval at the track.``),
    when a scraped page has MIN_GLUED or more.

    What it catches: teaser cards whose headline and summary a naive scraper joined without a space.
    Why: such a line ends like a sentence and is long, so it would score as a paragraph of the article;
    a run of them next to the real article can win the article block. A name written in camelCase
    (``iPhone``, ``McKinley``, ``LeBron``) glues no whole Title Case headline to a sentence-case summary.

    >>> from cleaner.document import Doc
    >>> t = "Storm Hits The Coast Hard TonightResidents were told to stay home until the wind drops."
    >>> name = "The new MacBook Pro features a redesigned keyboard, Apple says."
    >>> sorted(glued_teasers(Doc("\\n".join([t] * 3 + [name] * 40))))
    [0, 1, 2]

    The summary may open with ``A`` or ``I``, and the headline end in a figure or a bracket:

    >>> a = "Diners Leave Without Paying $690 Bill At Troy SteakhouseA party of six left before the bill came."
    >>> b = "State To Mail Panel Applications To 250,000The state will mail the forms to voters chosen at random."
    >>> sorted(glued_teasers(Doc("\\n".join([a, b, a] + [name] * 40))))
    [0, 1, 2]

    The headline may end in a compound or a word of three letters:

    >>> c = "Coach Praises Star Student-AthleteA 19-year-old forward scored twice in the final on Sunday."
    >>> d = "Mayor Ends Long Campaign RunMaria Lopez said she would not stand again after two terms in office."
    >>> sorted(glued_teasers(Doc("\\n".join([c, d, c] + [name] * 40))))
    [0, 1, 2]
    """
    cached = doc.memo.glued_teasers
    if cached is not None:
        return cached
    found = _NO_CELLS
    lines = doc.lines
    if len(lines) >= GLUE_MIN_LINES:
        prose = [ln for ln in lines if ln.prose]  # a glued line that is no paragraph is not in the way
        joined = "\n".join([ln.text for ln in prose])
        hits = [m.start() for m in _GLUE.finditer(joined)]
        if len(hits) >= MIN_GLUED:
            starts, pos = [], 0
            for ln in prose:
                starts.append(pos)
                pos += len(ln.text) + 1
            glued: set[int] = set()
            for hit in hits:
                k = bisect.bisect_right(starts, hit) - 1
                ln = prose[k]
                if ln.idx not in glued and _glued(ln.text, hit - starts[k]):
                    glued.add(ln.idx)
            if len(glued) >= MIN_GLUED:
                found = frozenset(glued)
    doc.memo.glued_teasers = found
    return found


#: a teaser's age in the short form news sites print under it (``32M ago``, ``1H ago``, ``updated 16m ago``),
#: which :func:`~cleaner.heuristics.shape.is_date_line` does not read: a unit of one letter
_SHORT_AGE = regex.compile(r"^(?:updated\s+)?\d{1,2}\s?[mhd]\s+ago\b", regex.IGNORECASE)
#: a card's summary is a paragraph of at most this many words (a video's description runs long)
CARD_MAX_WORDS = 120
#: cards come as a list: fewer in a document are a dated paragraph of the content
MIN_CARDS = 3
_CARD_HEAD_WORDS = (3, 25)


def _dated(ln: Line) -> bool:
    return is_date_line(ln) or (ln.n_words <= 4 and _SHORT_AGE.match(ln.text) is not None)


def dated_teasers(doc: Doc) -> frozenset[int]:
    """The indices of the paragraphs that are the summary of a dated teaser card, when a document has
    MIN_CARDS or more: a headline above the paragraph (no sentence end, 3 to 25 words) and a date or
    an age under it (``7H ago``, ``Nov 18``), or above the headline; or the date right above the
    paragraph, under the headline or under the headline's byline.

    What it catches: the "More from ..." cards of a news page, each a headline, a sentence and an age.
    Why: their summaries are paragraphs, so a page with a dozen of them beside its article looks like one
    whose prose is spread over several pieces of content, and doubt would keep all its furniture. A card
    is known by its frame (headline, summary, date), which an article's paragraphs do not repeat.

    >>> from cleaner.document import Doc
    >>> card = "Storm hits the coast overnight\\nResidents were told to stay home until the wind drops tonight.\\n7H ago"
    >>> sorted(dated_teasers(Doc("\\n".join([card] * 3))))
    [1, 4, 7]
    """
    cached = doc.memo.dated_teasers
    if cached is not None:
        return cached
    lines = doc.lines
    found: set[int] = set()
    low, high = _CARD_HEAD_WORDS
    for ln in lines:
        i = ln.idx
        if not ln.prose or ln.n_words > CARD_MAX_WORDS or not 0 < i < len(lines) - 1:
            continue
        head = lines[i - 1]
        if _dated(head):
            # the date right above the summary, the headline over it or over its byline
            if any(not h.terminal and low <= h.n_words <= high and not _dated(h) for h in lines[max(0, i - 3):i - 1]):
                found.add(i)
            continue
        if head.terminal or not low <= head.n_words <= high:
            continue
        if _dated(lines[i + 1]) or (i >= 2 and _dated(lines[i - 2])):
            found.add(i)
    result = frozenset(found) if len(found) >= MIN_CARDS else _NO_CELLS
    doc.memo.dated_teasers = result
    return result


#: a card's headline (or a menu's label) over a one-paragraph summary of at most this many words
SUMMARY_MAX_WORDS = 40
SUMMARY_HEAD_MAX_WORDS = 20
#: cards come as a list: each summary at most this many lines after the one before (a kicker, a byline, an
#: ad label between two cards), with no other paragraph between them, and at least this many of them
#: (without a date, a card's frame is weaker evidence than a dated card's: three were a service page's
#: testimonials, role over quote)
SUMMARY_GAP = 12
SUMMARY_MIN_CARDS = 4


def _opens_upper(text: str) -> bool:
    first = next((ch for ch in text if ch.isalnum()), "")
    return first.isupper()


def summary_cards(doc: Doc) -> frozenset[int]:
    """The indices of the paragraphs after the article block that are a teaser card's summary or a menu
    item's blurb: a headline or label line (up to SUMMARY_HEAD_MAX_WORDS words, opening with a capital, no
    sentence end, no date, no list item) right above one paragraph of at most SUMMARY_MAX_WORDS words that
    opens with a capital and stands alone (no paragraph under it); SUMMARY_MIN_CARDS or more of them in a
    row, each within SUMMARY_GAP lines of the one before with no other paragraph between them, and fewer
    words in all than the block's own prose.

    What it catches: the "More from the section" lists under an article, each card a headline and the
    story's standfirst (``Paramount shakes up distribution ranks`` / ``Chris Aronson, previously at 20th
    Century Fox Film, replaces …``), and the mega-menus and product grids of a page's footer, each link a
    label and its blurb (``Data Analytics`` / ``Generate instant insights from data at any scale …``), with
    neither a date nor a headline glued to the summary.
    Why: their summaries are paragraphs, so a page with a dozen of them under its article looks like one
    whose prose is spread over several pieces of content, and doubt would keep all its furniture. An
    article's own sections under subheadings run to several paragraphs; a Q&A's answers follow a question,
    which ends with a question mark; a reference's entries are named in lower case (``error``,
    ``message``); a news listing's items are headed by their dates; a lesson's hard-wrapped lines open in
    lower case. Only :func:`~cleaner.heuristics.page.block_share` counts them: nothing is cut for being one.

    >>> from cleaner.document import Doc
    >>> story = "The council approved the budget on Tuesday after a debate that lasted most of the day."
    >>> card = "Storm number {} hits the coast overnight\\nResidents were told to stay home until the wind drops."
    >>> cards = [card.format(i) for i in range(4)]
    >>> d = Doc("\\n".join([story] * 4 + cards + ["Most read"]))
    >>> d.block = (0, 3)
    >>> sorted(summary_cards(d))
    [5, 7, 9, 11]
    """
    first, last = doc.block
    lines = doc.lines
    found: list[int] = []
    for ln in lines[last + 1 : -1]:
        i = ln.idx
        if not ln.prose or ln.cut is not None or ln.n_words > SUMMARY_MAX_WORDS or list_item(ln.text):
            continue
        head, under = lines[i - 1], lines[i + 1]
        if head.prose or head.terminal or head.ellipsis or head.n_words > SUMMARY_HEAD_MAX_WORDS:
            continue
        if (under.prose and under.cut is None) or not _opens_upper(ln.text) or not _opens_upper(head.text):
            continue
        if not list_item(head.text) and not is_date_line(head):
            found.append(i)
    cards: list[int] = []
    run: list[int] = []
    for i in [*found, None]:
        if run and (
            i is None
            or i - run[-1] > SUMMARY_GAP
            or any(ln.prose and ln.cut is None for ln in lines[run[-1] + 1 : i])
        ):
            if len(run) >= SUMMARY_MIN_CARDS:
                cards += run
            run = []
        if i is not None:
            run.append(i)
    if not cards:
        return _NO_CELLS
    inside = sum(ln.n_words for ln in lines[first : last + 1] if ln.prose and ln.cut is None)
    if sum(lines[i].n_words for i in cards) >= inside:
        return _NO_CELLS  # more summaries than article: a listing under its introduction
    return frozenset(cards)


def _glued(text: str, cut: int) -> bool:
    """``text[:cut]`` is a Title Case headline and ``text[cut:]`` a sentence-case summary."""
    head, tail = text[:cut].split(), text[cut:].split()
    if len(head) < 3 or len(tail) < 5:
        return False
    # glued letter to letter, the headline's last word is a whole word (not ``Le`` of ``LeBron``); of a
    # compound, its last part (``Student-Athlete``). A word of three letters is weaker evidence (``Air`` of
    # ``AirPods``): the headline must then be a long one.
    last = head[-1].rsplit("-", 1)[-1]
    long_enough = len(last) >= 4 or (len(last) == 3 and len(head) >= _LONG_HEADLINE)
    if last[-1:].isalpha() and not (long_enough and last[0].isupper() and last[1:].islower()):
        return False
    return title_share(" ".join(head)) >= _TITLE_SHARE_HEAD and title_share(" ".join(tail)) < 0.5


def find_article_block(doc: Doc, *, cuts_absent: bool = False) -> tuple[int, int]:
    """Set and return ``doc.block``: the first and last line index of the maximum-sum run, its end
    carried over what continues the article.

    With ``cuts_absent``, lines already cut are left out, as they will be when the output is cleaned
    again (see :func:`rezone`). With no prose at all there is no block: ``(0, -1)``, every line is
    outside it.
    """
    lines = [ln for ln in doc.lines if ln.cut is None] if cuts_absent else doc.lines
    span = _block(lines, table_cells(doc), glued_teasers(doc))
    if span is None:  # no article: every line is outside it (and counts as tail)
        doc.block = (0, -1)
    else:
        doc.block = (lines[span[0]].idx, lines[span[1]].idx)
    return doc.block


def rezone(doc: Doc) -> bool:
    """Zone the surviving lines again, as a second cleaning of the output will, and say whether that
    moves any of them between head, body and tail (``doc.block`` is then the new block).

    The zone stages decide by zone, so when a first cleaning's cuts move the block, the pipeline runs
    them again on the new zones: cleaning is then idempotent.

    >>> from cleaner.document import Doc
    >>> d = Doc("Home\\nThe council approved the new budget for the city on Tuesday night.")
    >>> _ = find_article_block(d)
    >>> rezone(d)
    False
    """
    old = doc.block
    new = find_article_block(doc, cuts_absent=True)
    (a, b), (c, d) = old, new

    def zone(i: int, first: int, last: int) -> int:
        return 0 if i < first else (2 if i > last else 1)

    moved = any(zone(ln.idx, a, b) != zone(ln.idx, c, d) for ln in doc.lines if ln.cut is None)
    if not moved:
        doc.block = old
    return moved


def _block(lines: list[Line], cells: frozenset[int] = _NO_CELLS, glued: frozenset[int] = _NO_CELLS) -> tuple[int, int] | None:
    """Positions in ``lines`` of the block's first and last line, or None when there is no prose."""
    best, best_span = 0, None
    run, run_start = 0, 0
    gap = 0  # rank of the current line in the run of barrier lines it belongs to
    listed = 0  # lines left in a list announced by a line ending with a colon
    before, after = _sentence_neighbours(lines, glued)
    for i, ln in enumerate(lines):
        if glued and ln.idx in glued and ln.cut is None:
            s = -ELLIPSIS_COST  # a teaser: a headline glued to its summary
        elif ln.prose and ln.cut is None:  # the common case, inlined
            s = ln.n_words if ln.n_words < MAX_PROSE_SCORE else MAX_PROSE_SCORE
        elif ln.ellipsis and ln.cut is None and before[i] and ln.n_words >= (PROSE_MIN_WORDS if after[i] else FOLD_MIN_WORDS):
            s = -CONTENT_COST  # a paragraph trailing off into the next one (a quote follows), not a teaser
        elif cells and ln.idx in cells and ln.cut is None:
            s = TABLE_CELL_SCORE  # a table's cell: data, neither for nor against the article
        elif ln.cut is None and before[i] and ln.text[:1] in "–—" and _attribution(ln):
            s = -CONTENT_COST  # the signature under a quote
        else:
            s = line_score(ln)
        if s > 0:
            listed = 0
            if not (before[i] or after[i]):
                s = max(1, int(s * ISOLATED_WEIGHT))
                gap //= 2  # a lone paragraph only half ends a gap: teaser cards keep widening it
            else:
                gap = 0
        elif listed and ln.cut is None and not ln.ellipsis:
            listed -= 1
            s = -CONTENT_COST
        elif s < -CONTENT_COST:
            gap += 1
            s = max(s * gap, -MAX_GAP_LINE_COST)
        if run <= 0:
            run, run_start = s, i
        else:
            run += s
        if run > best:
            best, best_span = run, (run_start, i)
        if ln.text[-1] in _COLONS and _announces(ln):
            listed = MAX_LIST_ITEMS
    if best_span is None:
        return None
    last = _extend_tail(lines, best_span[1], cells)
    if _folded_end(lines, last):
        last += 1
    return _extend_head(lines, best_span[0]), last


def _continues(lines: list[Line], i: int, in_list: bool, cells: frozenset[int] = _NO_CELLS) -> bool:
    """Line ``i``, after the block, carries on the article: a paragraph (one whose last sentence lost its
    end too), a list item, a table row, a short sentence, or a line announcing a list that follows
    (``Share this:`` over share buttons a rule cut announces nothing)."""
    ln = lines[i]
    if ln.cut is not None or ln.ellipsis:
        return False
    if in_list or ln.prose or (cells and ln.idx in cells) or _unended_paragraph(ln):
        return True
    if _announces(ln):
        return i + 1 < len(lines) and lines[i + 1].cut is None
    return (
        (list_item(ln.text) and ln.n_words >= 2)
        or table_row(ln.text)
        or (ln.n_words >= 3 and _ends_sentence(ln))
    )


def _folded_end(lines: list[Line], last: int) -> bool:
    """The line after the block is the article's last paragraph cut short by a paywall or a "read more"
    fold: a long sentence-case line trailing off, right after a paragraph, and the only line of the
    tail that trails off (teasers for other stories come several at a time)."""
    if last + 1 >= len(lines) or not lines[last].prose:
        return False
    ln = lines[last + 1]
    if ln.cut is not None or not ln.ellipsis or ln.n_words < FOLD_MIN_WORDS or title_share(ln.text) >= _TITLE_SHARE:
        return False
    return not any(x.ellipsis and x.cut is None for x in lines[last + 2 :])


def _opens(ln: Line) -> bool:
    """A line before the block that reads as the article's opening sentence (not a headline in Title
    Case ending with a question or exclamation mark)."""
    return (
        ln.cut is None
        and not ln.ellipsis
        and ln.n_words >= 4
        and _ends_sentence(ln)
        and not is_date_line(ln)
        and (ln.text.endswith(".") or title_share(ln.text) < _TITLE_SHARE)
    )


def _leads_in(ln: Line) -> bool:
    """A line before the block that introduces it: a sentence ending with a colon (``On Nov. 15, the
    ambassador told the committee:``) over a quote or a list the block opens with."""
    return ln.cut is None and ln.n_words >= PROSE_MIN_WORDS and ln.text[-1] in _COLONS


def _extend_head(lines: list[Line], first: int) -> int:
    """The block's new first line: carried back over the sentences that open the article, and over
    a sentence that leads into it with a colon."""
    while first > 0 and (_opens(lines[first - 1]) or _leads_in(lines[first - 1])):
        first -= 1
    return first


def _bridgeable(ln: Line, in_items: bool) -> bool:
    if ln.cut is not None:  # between two items of a list: a link or a label a rule cut
        return in_items and not ln.cut.by_heuristic
    return not ln.ellipsis and ln.n_words <= _BRIDGE_WORDS and not is_date_line(ln)


def _ends_list(lines: list[Line], i: int, opened: int) -> bool:
    """Line ``i`` ends the list the line ``opened`` announced with a colon: a bare date under its first
    item. A list's items are what it announced (``See more photos:`` over captions); a date under one of
    them is a teaser card's (headline, date, headline, date …), and the cards are no part of it. A list
    that opens with a date (``Key dates:`` over a timeline) is a list of dates."""
    ln = lines[i]
    if i <= opened + 1 or ln.cut is not None or ln.prose or not _has_digit(ln.text) or not is_date_line(ln):
        return False
    first = lines[opened + 1]
    return not (_has_digit(first.text) and is_date_line(first))


def _extend_tail(lines: list[Line], last: int, cells: frozenset[int] = _NO_CELLS) -> int:
    """The block's new last line: carried over a list the block announced with a colon (up to a teaser
    card's date, :func:`_ends_list`), list items and short sentences, and over up to MAX_BRIDGE short
    lines between them (a question, a label)."""
    in_list = _announces(lines[last])
    opened = last
    i = last + 1
    while i < len(lines):
        if in_list and _ends_list(lines, i, opened):
            break
        if _continues(lines, i, in_list, cells):
            if not in_list and _announces(lines[i]):
                in_list, opened = True, i
            last = i
            i += 1
            continue
        j = i
        items = list_item(lines[last].text)
        while j < len(lines) and j - i < MAX_BRIDGE and _bridgeable(lines[j], items) and not _continues(lines, j, in_list, cells):
            j += 1
        if j == i or j >= len(lines) or not _continues(lines, j, in_list, cells):
            break
        if items and any(x.cut is not None for x in lines[i:j]) and not list_item(lines[j].text):
            break
        last = j
        i = j + 1
    return last
