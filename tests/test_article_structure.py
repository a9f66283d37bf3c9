"""Zone heuristics on the structure of full scraped pages: what continues an article without being prose.

Each case is a hand-written page of the kind, and a look-alike that must stay as it was.
"""

from __future__ import annotations

import pytest

from cleaner import clean

MENU = "\n".join(["Home", "News", "Music", "Movies", "Politics", "Culture", "Video"])
FOOTER = "\n".join(["About Us", "Contact", "Advertise", "Privacy Policy", "Terms of Use", "© 2024 Example Media. All rights reserved."])
ARTICLE = (
    "The band announced on Monday that it will tour North America next summer for its anniversary.\n"
    "The singer, who rejoined the group last year, said the shows would cover every album they made.\n"
    "Tickets go on sale Friday through the band's website, and a second leg is planned for the autumn.\n"
)


def test_tour_dates_after_the_article_stay() -> None:
    rows = [
        "June 9 – Tampa, FL @ Amalie Arena",
        "June 10 – Miami, FL @ Bayfront Park Amphitheatre",
        "June 12 – Atlanta, GA @ State Farm Arena (rescheduled)",
        "June 14 – Nashville, TN @ Bridgestone Arena",
        "June 17 – Charlotte, NC @ Spectrum Center",
        "June 19 – Raleigh, NC @ Coastal Music Park",
    ]
    page = f"{MENU}\nBand Announces Anniversary Tour\n{ARTICLE}Anniversary Tour Dates\n" + "\n".join(rows) + f"\n{FOOTER}"
    text = clean(page).text
    for row in rows:
        assert row in text
    assert "Privacy Policy" not in text and "Music" not in text.split("\n")


def test_teaser_headlines_with_separators_still_go() -> None:
    # headlines of other stories, each with a source and a date: fields too long to be a table's cells
    teasers = [
        "Singer cancels the rest of her world tour after a fall on stage – Music News, June 3",
        "Festival organisers apologise to fans stuck for hours in the rain – Live Report, June 4",
        "Veteran guitarist releases his first solo album in twenty years – Album Review, June 5",
        "Stadium concerts return to the capital after a long renovation – City Desk, June 6",
    ]
    page = f"{MENU}\nBand Announces Anniversary Tour\n{ARTICLE}" + "\n".join(teasers) + f"\n{FOOTER}"
    text = clean(page).text
    assert ARTICLE.strip().split("\n")[-1] in text
    for teaser in teasers:
        assert teaser not in text


QUOTE_ROWS = ["HD", "HOME DEPOT INC.", "225.86", "-12.99", "-5.44%", "LOW", "LOWE'S COMPANIES INC.", "113.40", "-1.62", "-1.41%"]
MARKETS = (
    "Shares of the retailer fell more than five percent on Tuesday after its quarterly sales missed estimates.\n"
    "{table}"
    "The company earned $2.8 billion in the quarter, as revenue rose 3.5 percent from a year earlier.\n"
    "Its chief executive said the results reflected broad growth, though sales fell short of the plan.\n"
)


def test_a_two_row_quote_table_under_its_header_stays() -> None:
    table = "\n".join(["Ticker", "Security", "Last", "Change", "Change %", *QUOTE_ROWS]) + "\n"
    page = f"{MENU}\nRetailer Misses Sales Estimates\n" + MARKETS.format(table=table) + FOOTER
    text = clean(page).text
    first = MARKETS.split("\n")[0]
    assert first in text and "LOWE'S COMPANIES INC." in text and "-5.44%" in text


def test_two_rows_of_figures_without_a_header_are_no_table() -> None:
    # the same cells with no header row: the table test does not claim them
    from cleaner.document import Doc
    from cleaner.heuristics.shape import table_runs

    assert table_runs(Doc("\n".join(QUOTE_ROWS)).lines) == []
    assert table_runs(Doc("\n".join(["Ticker", "Security", "Last", "Change", "Change %", *QUOTE_ROWS])).lines) == [(0, 14)]


def test_a_sentence_leading_into_the_article_with_a_colon_stays() -> None:
    lead = "On Friday the former ambassador told the committee in a written statement the following:"
    body = (
        "“I have never held assets of that size, and the figures that circulate online are invented,” she wrote.\n"
        "Those who spread the claim offered a wide range of numbers, none of them backed by any public record.\n"
        "Financial disclosure forms filed over the past decade show savings far below the amounts cited.\n"
    )
    page = f"{MENU}\nAmbassador Denies Holding a Fortune\n{lead}\n{body}{FOOTER}"
    text = clean(page).text
    assert text.startswith(lead)


def test_a_short_label_with_a_colon_before_the_article_still_goes() -> None:
    body = (
        "The council approved the new budget on Tuesday after a debate that lasted most of the day.\n"
        "Members voted eleven to four, and the mayor said the plan would be published next week in full.\n"
    )
    page = f"{MENU}\nCouncil Approves Budget\nMore on this story:\n{body}{FOOTER}"
    assert "More on this story:" not in clean(page).text


UNENDED = (
    "The leader of the chamber moved the motion on Tuesday and members stood for a minute of silence. "
    "The session then resumed with a debate on the budget. Members are due to vote on it next week, "
    "the clerk said #TodayInPlenary"
)


def test_a_last_paragraph_that_ends_with_a_hashtag_stays() -> None:
    page = f"{MENU}\nChamber Honours Late Members\n{ARTICLE}{UNENDED}\n{FOOTER}"
    assert UNENDED in clean(page).text


def test_a_blurb_that_ends_with_a_hashtag_away_from_the_article_still_goes() -> None:
    page = f"{MENU}\nChamber Honours Late Members\n{ARTICLE}Share\nTweet\nEmail\nMore Stories\n{UNENDED}\n{FOOTER}"
    text = clean(page).text
    assert ARTICLE.split("\n")[0] in text and UNENDED not in text


def test_a_closing_sentence_with_an_emoji_after_its_end_stays() -> None:
    page = f"{MENU}\nBand Announces Anniversary Tour\n{ARTICLE}See you all at the shows! 🙂\n{FOOTER}"
    assert "See you all at the shows! 🙂" in clean(page).text


def test_a_label_with_an_emoji_after_the_article_still_goes() -> None:
    page = f"{MENU}\nBand Announces Anniversary Tour\n{ARTICLE}Follow us on social media 👍\n{FOOTER}"
    assert "Follow us on social media" not in clean(page).text


@pytest.mark.rule_id("heuristic.related.after-header")
def test_a_table_under_an_inline_related_link_is_no_teaser_list() -> None:
    """An inline "RELATED: …" link, then the article's training plan written one cell a line: the rows'
    headline-shaped cells are not teasers, since a teaser carries at most a few short lines of its own."""
    lead = ("A marathon plan builds mileage slowly, with rest days between the hard sessions, coaches say. "
            "Follow along with the plans below to get through the weeks without skipping a beat.")
    table = ["Week", "Monday", "Tuesday", "Wednesday", "Thursday", "1", "Rest",
             "Walk/Run Easy 10x (Walk 2 min / Run Easy 1 min)", "Rest", "Optional Non-Impact Cardio 30 min",
             "2", "Rest", "Walk/Run Easy 15x (Walk 1 min / Run Easy 1 min)", "Rest", "Run Easy 30 min"]
    text = clean("\n".join([lead, "RELATED: Workout of the Week: The Hill-Tempo Sandwich", *table, lead]),
                 input="extract").text
    for cell in ("Walk/Run Easy 10x (Walk 2 min / Run Easy 1 min)", "Run Easy 30 min", "Optional Non-Impact Cardio 30 min"):
        assert cell in text.split("\n")


#: an extractor's rendering of a consent tool's cookie declaration under an article
COOKIE_TABLE = [
    "| Cookie | Duration | Description |",
    "|---|---|---|",
    "| consent-analytics | 11 months | This cookie is set by the consent plugin to store the user's choice for analytics. |",
    "| viewed_cookie_policy | 11 months | The cookie is set by the consent plugin to store whether the user has consented. |",
]


@pytest.mark.rule_id("cookie-declaration")
def test_a_table_every_row_of_which_a_rule_names_goes() -> None:
    result = clean(ARTICLE + "\n".join(COOKIE_TABLE), input="extract")
    assert result.text.strip() == ARTICLE.strip()
    assert {r.rule for r in result.removed} == {"cookie-declaration", "symbol-only-line"}


def test_a_data_table_keeps_a_row_a_rule_names() -> None:
    # one row of a results table reads as a cookie declaration, the others are data: the table keeps it
    rows = [
        "| Recipe | Baking time | Note |",
        "|---|---|---|",
        "| Shortbread | 20 minutes | The dough should rest overnight. |",
        "| macarons | 12 minutes | Store each cookie in a tin for the user who bakes ahead. |",
        "| Brownies | 25 minutes | Cut them once they are cold. |",
    ]
    result = clean(ARTICLE + "\n".join(rows), input="extract")
    for row in rows[2:]:
        assert row in result.text
