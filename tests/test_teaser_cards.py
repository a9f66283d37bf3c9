"""Dated teaser cards (headline, summary, age) beside an article are furniture; a listing of them is content.

The summaries of "More from ..." cards are paragraphs, so a page with several of them looked like one whose
prose is spread over several pieces of content, and the page-furniture stage kept everything outside the
article (doubt keeps the line). A card is known by its frame: a headline over the paragraph and a date or
an age (``7H ago``, ``Nov 18``) under it (:func:`cleaner.heuristics.zones.dated_teasers`). A page made of
such cards, with no article beside them, is a listing, and its cards stay.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.document import Doc
from cleaner.heuristics.zones import dated_teasers

MENU = ["Home", "World", "U.S.", "Politics", "Business", "Sport", "Health", "Science", "Log In", "Subscribe"]
ARTICLE = [
    "Harbour pilots win pay deal after month-long dispute",
    "The harbour pilots who guide cargo ships into the port of Westhaven agreed a new pay deal on Tuesday, "
    "ending a dispute that had delayed deliveries for a month.",
    "Under the agreement, pilots will receive a raise of four percent this year and three percent next year, "
    "and the port will hire six more pilots by the spring.",
    "The union said the deal addressed its main complaint, that too few pilots were covering too many ships, "
    "which it said had become a safety risk at night.",
    "Shipping companies had diverted about a dozen vessels to other ports during the dispute, and some "
    "retailers warned of empty shelves before the holidays.",
    "The port authority said traffic would return to normal within a week, once the ships waiting offshore "
    "had been brought in.",
    "Share on Facebook",
    "Share on Twitter",
]
CARDS = [
    ("Town council approves new cycle lanes", "The lanes will run along the river and connect the two bridges by next summer.", "2H ago"),
    ("Museum reopens after roof repairs", "Visitors can see the restored gallery of maps for the first time since the storm.", "5H ago"),
    ("Farmers count cost of the wet autumn", "Many fields were too waterlogged to plant winter wheat, growers told the county show.", "7h ago"),
    ("Schools prepare for the new term timetable", "Head teachers say the later start will give pupils more time for breakfast clubs.", "Nov 18"),
]
FOOTER = ["Privacy Policy", "Terms of Use", "Cookie Settings", "© 2025 Westhaven Courier. All rights reserved."]


def _cards(cards: list[tuple[str, str, str]]) -> list[str]:
    return [line for card in cards for line in card]


@pytest.mark.rule_id("heuristic.page.outside-article")
def test_dated_cards_beside_an_article_are_cut_and_the_article_kept() -> None:
    page = "\n".join(MENU + ARTICLE + ["More from World", *_cards(CARDS), *FOOTER])
    result = Cleaner().clean(page)
    assert result.input == "page"
    for paragraph in ARTICLE[1:6]:
        assert paragraph in result.text
    for _, summary, age in CARDS:
        assert summary not in result.text
        assert age not in result.text.splitlines()


def test_a_listing_of_dated_cards_keeps_its_cards() -> None:
    more = [(h + " again", s.replace("the", "a"), a) for h, s, a in CARDS]
    listing = "\n".join([*MENU, "Latest news", *_cards(CARDS + more), *FOOTER])
    result = Cleaner().clean(listing)
    for _, summary, _ in CARDS:
        assert summary in result.text


def test_cards_need_their_frame_and_their_number() -> None:
    framed = "\n".join(_cards(CARDS))
    assert sorted(dated_teasers(Doc(framed))) == [1, 4, 7, 10]
    # without the date line under them, or with fewer than three, they are paragraphs like any other
    assert dated_teasers(Doc("\n".join(line for card in CARDS for line in card[:2]))) == frozenset()
    assert dated_teasers(Doc("\n".join(_cards(CARDS[:2])))) == frozenset()
