"""A known title (the page's own, from HTML or given by the caller) is cut from the top of an article only.

Over an extract with fewer than ``MIN_PARAGRAPHS`` paragraphs, the first line is the heading of a listing,
a product page or a form, which is their content: it stays in the text (the title is still reported), as
a title guessed by shape does. On the dev sets in html mode this took the pages made worse than
trafilatura's output from 20 to 15, and those losing a fifth of their content from 5 to 3.
"""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.heuristics.title import MIN_PARAGRAPHS
from tests.test_teaser_cards import ARTICLE as CARD_ARTICLE

HEADING = "Remote Software Engineer Jobs"
TITLE = "Remote Software Engineer Jobs | Example Careers"
JOBS = [
    "Senior Backend Engineer - Acme Payments - Remote (EU)",
    "Frontend Developer, React - Northwind Travel - Remote (US)",
    "Site Reliability Engineer - Contoso Cloud - Remote",
    "Data Engineer - Fabrikam Health - Remote (UK)",
    "Mobile Engineer, iOS - Tailspin Toys - Remote",
]
PARAGRAPHS = CARD_ARTICLE[1:3]  # two paragraphs of the harbour story the teaser-card tests use


def test_a_listings_heading_stays_under_a_known_title() -> None:
    result = Cleaner().clean("\n".join([HEADING, *JOBS]), html=False, input="extract", title=TITLE)
    assert result.text.split("\n")[0] == HEADING
    assert result.title == TITLE


def test_an_articles_headline_goes_to_the_title() -> None:
    assert len(PARAGRAPHS) >= MIN_PARAGRAPHS
    headline = "Harbour pilots win pay deal after month-long dispute"
    result = Cleaner().clean("\n".join([headline, *PARAGRAPHS]), html=False, input="extract", title=headline)
    assert result.text.split("\n")[0] == PARAGRAPHS[0]
    assert [r.kind for r in result.removed] == ["title"]
