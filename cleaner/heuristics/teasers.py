"""Related headlines: teaser blocks about other stories, after the article or under a "Related" header.

What it catches:
- a line in the tail cut off with an ellipsis (``Prime Minister Narendra Modi on Monday reaffirmed their…``),
  except, in an extracted article, a single long one right after the block: that is the article's own
  last paragraph cut short by a paywall or a "read more" fold; and except when the block holds less than
  90 % of the document's prose (:func:`~cleaner.heuristics.page.block_is_the_article`): then the tail may be the
  rest of the content, a listing's excerpts; and except, in an extracted article, when the truncated lines
  are paragraphs cut short and hold EXCERPT_SHARE of the words of the block's prose or more (a
  catalogue's entries under its intro);
- in a full page (see :mod:`cleaner.heuristics.page`), a run of two or more headline-like lines in the
  tail (several words, no sentence end); in an extracted article such a run is more often a list that
  belongs to it (products, steps, results), so it stays;
- headline-like lines right after a header such as ``Related``, ``Also read``, ``More from …`` (those
  headers are rules of kind ``related_headlines``), up to the next paragraph of prose; a short paragraph
  between one of those headlines and the next is the teaser's summary and the list goes on. A question
  in Title Case is a headline there (``Did the Mayor Divert $2 Million?``); one in sentence case is
  the article's prose.

Why: news pages list other stories under the article; a scraper keeps them as if they were its last
paragraphs. A truncated line is never the end of a finished article.

Example:
    >>> from cleaner.document import Doc
    >>> from cleaner.heuristics.zones import find_article_block
    >>> body = "The talks resumed on Friday after a week of tension, officials said."
    >>> d = Doc(body + "\\nFans await the sequel of the hit film, titled…\\nEclipse will occur on March 3,…")
    >>> _ = find_article_block(d)
    >>> find_related_headlines(d)
    >>> [ln.cut.kind if ln.cut else None for ln in d.lines]
    [None, 'related_headlines', 'related_headlines']
"""

from __future__ import annotations

import regex

from cleaner.document import CLOSERS, Doc, Line
from cleaner.heuristics.page import block_is_the_article, page_shaped
from cleaner.heuristics.shape import LIST_MARK

RULE_TRUNCATED = "heuristic.related.truncated"
RULE_RUN = "heuristic.related.headline-run"
RULE_AFTER_HEADER = "heuristic.related.after-header"
RULE_TRAILING = "heuristic.related.trailing-links"
#: headline-like lines that end an extracted article behind a cut widget: a related-links list
MIN_TRAILING = 3
#: a lone truncated line this long right after the block of an extracted article is its folded end
FOLD_MIN_WORDS = 20
#: in an extract, truncated lines holding this share of the words of the block's prose are a listing's excerpts
EXCERPT_SHARE = 0.5
#: under a related header, a paragraph this short between two teaser headlines is the first one's summary
MAX_SUMMARY_WORDS = 45
#: under a related header, this many short lines in a row that are no headline end the teasers: a teaser
#: carries a line to three of its own (a date, a section, a count), a table written a cell a line more
MAX_TEASER_GAP = 4
#: an inline related link has a headline of at least this many words after its label
INLINE_MIN_WORDS = 3
#: a hard-wrapped line and the line it goes on in have at least this many words
WRAPPED_WORDS = 6
#: ... and at least this many characters, the shorter at least this share of the longer (one width)
WRAPPED_CHARS = 40
WRAPPED_WIDTH = 0.6
#: under a related header, a question written in Title Case is a teaser's headline, not the article's prose
#: (``Did the Mayor Divert $2 Million from the Schools Fund?``): of its words of QUESTION_LONG_WORD letters or
#: more (Title Case leaves the short ones, ``the``, ``to``, in lower case), at least QUESTION_MIN_LONG, and
#: QUESTION_TITLE_SHARE of them capitalised
QUESTION_TITLE_SHARE = 0.75
QUESTION_LONG_WORD = 4
QUESTION_MIN_LONG = 3


def _headline_like(ln: Line) -> bool:
    return not ln.prose and not ln.terminal and 3 <= ln.n_words <= 30 and not ln.parts


def _question_headline(ln: Line) -> bool:
    """A headline that asks a question, in Title Case (a sentence asks in sentence case; a script without
    case has no Title Case, and its questions stay prose).

    >>> from cleaner.document import Doc
    >>> d = Doc("Did the Mayor Divert $2 Million from the Schools Fund?\\nHow do I reset my password?")
    >>> [_question_headline(ln) for ln in d.lines]
    [True, False]
    """
    if not (ln.text.rstrip(CLOSERS).endswith("?") and 3 <= ln.n_words <= 30 and not ln.parts):
        return False
    initials = [w[0] for w in ln.text.split() if len(w) >= QUESTION_LONG_WORD and w[0].isalpha()]
    return len(initials) >= QUESTION_MIN_LONG and sum(map(str.isupper, initials)) >= QUESTION_TITLE_SHARE * len(initials)


def _trailing_links(doc: Doc) -> None:
    """In an extracted article: the last lines of the document, when they are MIN_TRAILING or more
    headline-like lines or list items after the block and at least one line a rule cut (a newsletter box, a
    "read more" header) stands between them and the block: a related-links list the extractor kept."""
    lines = doc.lines
    last = doc.block[1]
    run: list[Line] = []
    for ln in reversed(lines[last + 1 :]):
        if ln.cut is not None:
            if run and not ln.cut.by_heuristic:
                break
            continue
        if not (5 <= ln.n_words <= 30 and not ln.parts and (_headline_like(ln) or LIST_MARK.match(ln.text))):
            return
        run.append(ln)
    else:
        return  # reached the block: nothing was cut between it and the run
    if len(run) >= MIN_TRAILING:
        for ln in run:
            doc.cut_line(ln, "related_headlines", RULE_TRAILING)


def _folded_end(doc: Doc, ln: Line) -> bool:
    """A long truncated paragraph with nothing but cut lines between it and the block."""
    last = doc.block[1]
    return ln.n_words >= FOLD_MIN_WORDS and all(x.cut is not None for x in doc.lines[last + 1 : ln.idx])


def _excerpts(doc: Doc, truncated: list[Line]) -> bool:
    """The truncated lines are paragraphs cut short (FOLD_MIN_WORDS words each on average, not headlines)
    and weigh at least EXCERPT_SHARE of the block's prose (in words): excerpts that are the page's content
    (a catalogue, an archive), not teasers after an article. A short news brief followed by a few
    truncated headlines is not one: headlines are shorter.

    On the dev sets' extracts the rule fired on 23 pages; one is past both bounds, a listing of 14
    programs whose excerpts the gold keeps (13 of 14); on no other did the cuts the rule made move."""
    words = sum(ln.n_words for ln in truncated)
    if words < FOLD_MIN_WORDS * len(truncated):
        return False
    first, last = doc.block
    block = sum(ln.n_words for ln in doc.lines[first : last + 1] if ln.cut is None and ln.prose)
    return words >= EXCERPT_SHARE * block


def _list_goes_on(lines: list[Line], i: int) -> bool:
    """After line ``i`` (a teaser's summary) comes the next teaser's headline: the teaser list goes on.
    An article that resumes under an inline "Related" box goes on with prose, or ends there."""
    for ln in lines[i + 1 :]:
        if ln.cut is None:
            return (_headline_like(ln) or _question_headline(ln)) and not ln.ellipsis
    return False


def _menuish(ln: Line) -> bool:
    cut = ln.cut
    return cut is not None and (cut.kind == "navigation" or cut.menu)


def _menu_item(lines: list[Line], i: int) -> bool:
    """The header at ``i`` sits inside a menu (a menu control or link above it, a menu run below it): a
    section link such as ``Latest`` or ``Trending``, not the header of a teaser list."""
    if not 0 < i < len(lines) - 1:
        return False
    below = lines[i + 1].cut
    return _menuish(lines[i - 1]) and below is not None and below[0] == "navigation"


#: the separator after an inline link's label: "Also read: <headline>", "LIRE AUSSI | <titre>"
_INLINE_SEP = regex.compile(r"[:|–—]|\s-\s")


def _inline_link(text: str) -> bool:
    """A related link written inline, its label and its headline on one line (``Also read: How to install
    it``, ``READ MORE: The new rules explained``): the teaser itself, not a header over a list of them, so
    what follows it is the article again. A header ends at its separator or has none (``Related``,
    ``More from Sport``, ``Related coverage from Money Matters:``).

    >>> _inline_link("Also read: How to Install OpenShift on Bare Metal"), _inline_link("Related coverage from Example News:")
    (True, False)
    """
    m = _INLINE_SEP.search(text)
    return m is not None and len(text[m.end() :].split()) >= INLINE_MIN_WORDS


def _wrapped(lines: list[Line], i: int) -> bool:
    """A line of hard-wrapped prose (sentences broken over lines of about the same width: e-mails,
    RFC-style and documentation pages): it and the next line are long and of about one width, and the
    next goes on with a word in lower case. A teaser's headline is followed by the next headline, a
    summary or a byline, which open in upper case or are short (``by Jane Doe``); a comment written in
    lower case breaks its lines where its writer did, at any width.

    >>> from cleaner.document import Doc
    >>> d = Doc("All form classes are created as subclasses of either Form\\nor ModelForm. You can think of a ModelForm as"
    ...         "\\na subclass of Form. Both inherit from a private class,\\nbut this is rarely important.")
    >>> [_wrapped(d.lines, i) for i in range(4)]
    [True, True, False, False]
    """
    if i + 1 >= len(lines) or lines[i].n_words < WRAPPED_WORDS:
        return False
    below = lines[i + 1]
    first = below.text.split(None, 1)[0]
    if below.n_words < WRAPPED_WORDS or not (first.isalpha() and first.islower()):  # (not ``iPhone 17 review``)
        return False
    short, long = sorted((len(lines[i].text), len(below.text)))
    return short >= WRAPPED_CHARS and short >= WRAPPED_WIDTH * long


def find_related_headlines(doc: Doc) -> None:
    """Cut teaser lines (see the module docstring)."""
    lines = doc.lines
    page = page_shaped(doc)
    # 1. truncated lines in the tail
    truncated = [ln for ln in lines if ln.cut is None and ln.ellipsis and doc.zone(ln) == "tail" and not ln.parts]
    if len(truncated) == 1 and not page and _folded_end(doc, truncated[0]):
        truncated = []
    elif truncated and not block_is_the_article(doc):  # the tail may hold the content: excerpts
        truncated = []
    elif truncated and not page and _excerpts(doc, truncated):
        truncated = []
    for ln in truncated:
        doc.cut_line(ln, "related_headlines", RULE_TRUNCATED)
    # 2. after a related header, anywhere: headline-like lines up to the next prose; a teaser's
    #    one-paragraph summary right under its headline, with the next teaser's headline under it, does
    #    not end the list (the last teaser's summary stays: it may be the article's last words)
    under_header = False
    summary_next = False  # the previous surviving line was a teaser headline cut under the header
    others = 0  # surviving lines in a row under the header that are neither prose nor headline-like
    for ln in lines:
        if ln.cut is not None:
            if ln.cut.kind == "related_headlines" and not ln.cut.by_heuristic:
                # an inline link is a teaser itself: it goes on with a list of teasers, but opens none
                inline = _inline_link(ln.text)
                under_header = (under_header or not inline) and not _menu_item(lines, ln.idx)
                others = 0
            continue
        if ln.prose and not (under_header and _question_headline(ln)):
            if under_header and summary_next and ln.n_words <= MAX_SUMMARY_WORDS and _list_goes_on(lines, ln.idx):
                doc.cut_line(ln, "related_headlines", RULE_AFTER_HEADER)
            else:
                under_header = False
            summary_next = False
        elif under_header and _wrapped(lines, ln.idx):  # the article's prose, broken over lines
            under_header = summary_next = False
        elif under_header and (_headline_like(ln) or ln.ellipsis or _question_headline(ln)):
            doc.cut_line(ln, "related_headlines", RULE_AFTER_HEADER)
            summary_next = not ln.ellipsis
            others = 0
        else:
            summary_next = False
            others += 1
            if others >= MAX_TEASER_GAP:  # a table's cells or a list of short items: not teasers
                under_header = False
    # 3. runs of two or more headline-like lines in the tail of a page; in an extracted article, only a
    #    run that ends the document behind a widget a rule cut
    if not page:
        _trailing_links(doc)
        return
    if not block_is_the_article(doc):  # the tail may hold the rest of the content: its headings stay
        return
    run: list[Line] = []
    for ln in [*lines, None]:
        if ln is not None and ln.cut is not None:
            continue
        if ln is not None and doc.zone(ln) == "tail" and _headline_like(ln) and ln.n_words >= 5:
            run.append(ln)
            continue
        if len(run) >= 2:
            for r in run:
                doc.cut_line(r, "related_headlines", RULE_RUN)
        run = []
