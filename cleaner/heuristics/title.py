"""Title: a headline on the document's first line goes to ``title`` and out of ``text``.

What it catches: the first surviving line when it reads like a headline (a few words, no sentence end,
not a list) and the article's prose follows it. Not a line in capitals only (``BAAR, SWITZERLAND``, ``CLICK
FOR FULL RESULTS``: a dateline, a kicker or a button label standing alone), nor a line of labelled fields
(``Tested by: Jane Doe RRP: £40 More info: …``): a headline is written in sentence or title case and says
one thing. Nor a line the document writes again further down: that is a line of the article's template
(the question put to each interviewee), and the repeats stage keeps all of its copies.

Why: scrapers put the headline above the body; the body must not start with it, and the headline is
worth keeping as metadata. Subheadings further down stay: only the first line can be the title. In an
extract, only above an article (MIN_PARAGRAPHS paragraphs): a listing's or a form's heading is theirs.

Example:
    >>> from cleaner.document import Doc
    >>> from cleaner.heuristics.zones import find_article_block
    >>> d = Doc("Rubio Urges Calm in Standoff\\nThe secretary of state spoke to both leaders on Friday, officials said.")
    >>> _ = find_article_block(d)
    >>> find_title(d)
    >>> d.lines[0].cut.rule
    'heuristic.title'
    >>> d = Doc("LONDON, ENGLAND\\nThe secretary of state spoke to both leaders on Friday, officials said.")
    >>> _ = find_article_block(d)
    >>> find_title(d)
    >>> d.lines[0].cut is None
    True
"""

from __future__ import annotations

from cleaner.document import Cut, Doc

RULE_ID = "heuristic.title"
MAX_WORDS = 30
MAX_CHARS = 300
_LISTY = (",", "|", "•", "·", "#")


#: an extract (or an article alone) needs this many paragraphs for its first line to be an article's
#: headline: above fewer, it is the heading of a listing, a form or a product page, which is their content
#: (on the dev sets in post mode: listing pages 0.6027 to 0.6039, pages made worse than trafilatura 35 to
#: 32, ScrapingHub unchanged; at 3, ScrapingHub lost a two-paragraph story's headline)
MIN_PARAGRAPHS = 2


def find_title(doc: Doc) -> None:
    """Cut the first surviving line as the title when it looks like a headline over prose."""
    alive = (ln for ln in doc.lines if ln.cut is None)
    first, nxt = next(alive, None), next(alive, None)
    if first is None or nxt is None:
        return
    if doc.input in ("extract", "article") and not paragraphs_at_least(doc, MIN_PARAGRAPHS):
        return
    if first.parts or doc.zone(first) != "head":
        return
    if first.prose or first.ellipsis or first.text.endswith((":", ";", ",", ".")):
        return
    if not 2 <= first.n_words <= MAX_WORDS or len(first.text) > MAX_CHARS:
        return
    if sum(first.text.count(c) for c in _LISTY) >= 3:
        return
    if sum(1 for w in first.text.split() if any(c.isalpha() for c in w)) < 2:
        return
    if first.text.isupper() or first.text.count(":") >= 2:  # capitals only; labelled fields
        return
    if not (nxt.prose or (nxt.terminal and nxt.n_words >= 6)):
        return
    text = first.text
    if any(ln.text == text for ln in doc.lines[first.idx + 1 :] if ln.cut is None):
        return
    doc.cut_line(first, "title", RULE_ID)


def paragraphs_at_least(doc: Doc, n: int) -> bool:
    """Whether ``doc`` keeps ``n`` paragraphs (prose lines not cut) or more."""
    for ln in doc.lines:
        if ln.prose and ln.cut is None:
            n -= 1
            if n <= 0:
                return True
    return False


HEADER_RULE_ID = "heuristic.title.header"
#: at most this many surviving lines above the byline make a page's header (kicker, headline, standfirst,
#: a caption, a banner); more than that is not a header but a page the block did not start where it should
MAX_HEADER_LINES = 6
MAX_HEADER_WORDS = 120
_META_KINDS = ("byline", "date_header")


def find_header(doc: Doc) -> None:
    """Cut the lines above the byline or dateline when the article starts below it: the page's header.

    What it catches: a scraped page opens with the article's header, then its byline or date line, then
    the body: a section label (``World``), the headline, a standfirst that sums the story up in a sentence
    or two, a banner. The byline and the date are cut by rules; what sits above them is no part of the
    body, however much the standfirst reads like prose.

    Why: the headline is kept as ``title`` metadata, the rest is the page's framing. Only when a rule cut
    a byline or date line in the head *and* the article block starts below it, and only a few lines: an
    article whose first paragraph comes before its byline starts the block above it and is left alone.
    The headline is the first line of three words or more that does not end like a sentence and is not
    shouted in capitals (a kicker is shorter, the byline comes after it); lines above a byline with no
    such line and no title already found are left alone (a paragraph, a teaser: no header).

    >>> from cleaner.document import Doc
    >>> from cleaner.heuristics.zones import find_article_block
    >>> body = "The council approved the budget on Tuesday after a debate that lasted most of the day."
    >>> d = Doc("World\\nCouncil approves budget after long debate\\nThe vote ends a year of talks.\\n"
    ...         "By Jane Doe\\n" + body + "\\n" + body)
    >>> d.cut_line(d.lines[3], "byline", "by-author")
    >>> _ = find_article_block(d)
    >>> find_header(d)
    >>> [ln.cut.kind if ln.cut else None for ln in d.lines]
    ['boilerplate', 'title', 'boilerplate', 'byline', None, None]
    """
    first, last = doc.block
    if last < first:
        return
    meta = next((ln for ln in doc.lines[:first] if _rule_meta(ln.cut)), None)
    if meta is None:
        return
    header = [ln for ln in doc.lines[: meta.idx] if ln.cut is None and not ln.parts]
    if not header or len(header) > MAX_HEADER_LINES or sum(ln.n_words for ln in header) > MAX_HEADER_WORDS:
        return
    if any(ln.cut is None and ln.prose for ln in doc.lines[meta.idx + 1 : first]):
        return  # prose between the byline and the block: the block did not start the article
    headline = next(
        (ln for ln in header if not ln.terminal and not ln.ellipsis and ln.n_words >= 3 and not _shouted(ln.text)),
        None,
    )
    has_title = any(ln.cut is not None and ln.cut.kind == "title" for ln in doc.lines[: meta.idx])
    if headline is None and not has_title:
        return  # a header has a headline; lines above a byline without one are no header we know
    for ln in header:
        if ln is headline and not has_title:
            doc.cut_line(ln, "title", RULE_ID)
            has_title = True
        else:
            doc.cut_line(ln, "boilerplate", HEADER_RULE_ID)


def _rule_meta(cut: Cut | None) -> bool:
    """A byline or date line that a rule (not a heuristic) cut."""
    return cut is not None and cut.kind in _META_KINDS and not cut.by_heuristic


def _shouted(text: str) -> bool:
    """Three or more words in capitals (a banner, a kicker), or the whole line in capitals."""
    return text.isupper() or sum(1 for w in text.split() if len(w) > 1 and w.isupper()) >= 3
