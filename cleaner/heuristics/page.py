"""Page furniture: in full-page text, what lies outside the article block and no other stage claimed.

What it catches: sidebars, footers, widget text and stray blurbs of a scraped *page* — lines before or
after the article block — once the document is clearly a whole page (many lines outside the block)
rather than an extracted article.

Why: a naive scraper keeps every visible block of a page; around the article sit dozens of lines no
single rule names. An extracted article has at most a few lines around its block (a title, a byline,
a tag line), and those are left to the specific stages, so clean articles are never cut here.

Example:
    >>> from cleaner.document import Doc
    >>> from cleaner.heuristics.zones import find_article_block
    >>> menu = "\\n".join(f"Section {i} of the site, with a longer label" for i in range(12))
    >>> body = "The council approved the budget on Tuesday after a debate that lasted most of the day."
    >>> d = Doc(menu + "\\n" + body)
    >>> _ = find_article_block(d)
    >>> find_page_boilerplate(d)
    >>> sum(1 for ln in d.lines if ln.cut), d.lines[-1].cut
    (12, None)
"""

from __future__ import annotations

from cleaner.document import Doc

RULE_ID = "heuristic.page.outside-article"
#: A document with at least this many lines outside the article block is a full page.
PAGE_MIN_OUTSIDE_LINES = 10


def find_page_boilerplate(doc: Doc) -> None:
    """Cut every surviving line outside the article block when the document is a full page."""
    first, last = doc.block
    if last < first:  # no article block: nothing to measure against
        return
    outside = [ln for ln in doc.lines if ln.idx < first or ln.idx > last]
    if len(outside) < PAGE_MIN_OUTSIDE_LINES:
        return
    for ln in outside:
        if ln.cut is None:
            doc.cut_line(ln, "boilerplate", RULE_ID)
