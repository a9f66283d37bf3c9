"""Teaser cards framed headline, byline, date and summary under an article on a full page.

The summaries are paragraphs, so the page reads as prose spread over several pieces of content unless
the cards are known by their frame (:func:`cleaner.heuristics.zones.dated_teasers`). The article's own
lead sits under its headline, byline and date, the same frame: that one card in the article block does
not make the block a listing of cards.
"""

from __future__ import annotations

from cleaner import clean
from cleaner.document import Doc
from cleaner.heuristics.zones import dated_teasers

MENU = ["Home", "News", "Politics", "Opinion", "Business", "Sport", "Sign in"]
HEADER = ["Harbour traders sign a new lease after a long dispute", "by Anne Lowe", "November 18, 2019 12:01 PM"]
BODY = [
    "The harbour board signed a ten-year lease with the fish traders on Tuesday, ending a dispute that had "
    "closed half of the market stalls since the spring and cost the town its busiest season.",
    "Traders will pay a fixed rent for the first three years, after which it rises with inflation, the board "
    "said in a statement after a vote that followed four hours of debate in the town hall.",
    "The market reopens fully on Saturday morning, with the old stalls repainted, a new cold store and a "
    "ramp for the delivery vans that had blocked the quay every morning for years.",
    "The board's chairman said the lease was the fairest the town had offered in a generation, and the "
    "traders' spokesman said they would hold the board to every line of it.",
]
CARDS = [
    ("Council delays the vote on the new bridge", "Tom Rogan",
     "The council put off its vote on the river bridge again on Monday, saying the costs were still unclear."),
    ("Schools plan a longer day from next autumn", "Tiana Lowe",
     "Head teachers backed a plan to add half an hour to the school day, with the time given to reading."),
    ("Ferry fares rise for the second time this year", "Kaylee McGhee",
     "The ferry company raised its fares by four percent, blaming fuel prices and the cost of new engines."),
    ("Museum reopens its harbour gallery after repairs", "Quin Hillyer",
     "The harbour gallery reopened on Sunday after two years of repairs to its roof and its old timber floors."),
]
FOOTER = ["Privacy Policy", "Terms of Use", "© 2019 The Valley Courier"]


def page() -> str:
    cards = [line for h, by, summary in CARDS for line in (h, by, "Tuesday November 19, 2019", summary)]
    return "\n".join([*MENU, *HEADER, *BODY, "More from Opinion", *cards, *FOOTER])


def test_cards_with_the_date_above_the_summary_are_dated_teasers() -> None:
    doc = Doc(page())
    summaries = {ln.idx for ln in doc.lines if ln.text in {c[2] for c in CARDS}}
    assert summaries <= dated_teasers(doc)


def test_the_cards_go_and_the_article_stays_though_its_lead_has_a_cards_frame() -> None:
    result = clean(page())
    assert result.input == "page"
    kept = result.text.split("\n")
    for para in BODY:
        assert para in kept
    for headline, _, summary in CARDS:
        assert headline not in kept and summary not in kept
