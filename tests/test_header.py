"""The page's header above a byline: headline to ``title``, kicker and standfirst cut (heuristics.title.find_header)."""

from __future__ import annotations

from cleaner import clean

BODY = [
    "WASHINGTON – Two officers were charged on Tuesday with falsifying records, prosecutors said in a filing.",
    "The officers signed forms saying they had made their rounds, according to the charges filed in court.",
    "Both pleaded not guilty at a brief hearing and were released on bail until the trial in the spring.",
]


def test_header_above_byline_is_cut_and_headline_kept_as_title() -> None:
    page = "\n".join(
        [
            "U.S. news",
            "Two officers charged with falsifying prison records",
            "The two face up to five years in prison if convicted. Both were on duty that night.",
            "Breaking News Emails",
            "Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings.",
            "By Jane Doe",
            *BODY,
        ]
    )
    res = clean(page, lang="en")
    assert res.text.splitlines() == BODY
    assert res.title == "Two officers charged with falsifying prison records"
    cut = {r.text: (r.kind, r.rule) for r in res.removed}
    assert cut["U.S. news"] == ("boilerplate", "heuristic.title.header")
    assert cut["The two face up to five years in prison if convicted. Both were on duty that night."][0] == "boilerplate"


def test_banner_in_capitals_is_not_taken_for_the_headline() -> None:
    page = "\n".join(
        [
            "Welcome to the Example Network’s EUROPEAN UNION EXPERIENCE",
            "Officers charged with falsifying records",
            "Jane Doe and John Roe Example Times",
            "Published 7:07 PM EST Nov 19, 2019",
            *BODY,
        ]
    )
    res = clean(page, lang="en")
    assert res.text.splitlines() == BODY
    assert res.title == "Officers charged with falsifying records"


def test_lead_paragraph_above_the_byline_stays() -> None:
    # the article's first paragraph comes before the byline: the block starts above it, nothing is a header
    lead = "The city council voted on Tuesday to close the old library, ending a fight that lasted two years."
    page = "\n".join(["Library to close after council vote", lead, "By Jane Doe", *BODY])
    res = clean(page, lang="en")
    assert res.text.splitlines() == [lead, *BODY]
    assert res.title == "Library to close after council vote"


def test_too_many_lines_above_the_byline_are_not_a_header() -> None:
    above = [f"Short line number {i} of a list" for i in range(8)]
    page = "\n".join([*above, "By Jane Doe", *BODY])
    res = clean(page, lang="en")
    assert not any(r.rule == "heuristic.title.header" for r in res.removed)


def test_paragraph_above_a_date_line_without_a_headline_is_no_header() -> None:
    # no headline-like line above the date and no title found: nothing there is taken for a header
    lead = "The two face up to five years in prison if convicted, prosecutors said in a statement on Friday night."
    page = "\n".join([lead, "Published 7:07 PM EST Nov 19, 2019", "Officers Say", *BODY])
    res = clean(page, lang="en")
    assert not any(r.rule == "heuristic.title.header" for r in res.removed)
    assert lead in res.text


def test_teaser_above_a_reading_time_line_is_no_header_and_cleaning_is_idempotent() -> None:
    # found by the random search: a teaser trailing off, '5 min read', a subheading, then the quote
    quote = (
        '"This is something the Secretary of State has been involved in. The President wants this to '
        'de-escalate as quickly as possible," Leavitt said. "He has good relations with the leaders of both."'
    )
    doc = "\n".join([
        "After the massive success of the film, fans have been eagerly awaiting its sequel. Titled Part Two:…",
        "5 min read",
        "Diplomatic Conversations with India and Pakistan",
        quote,
    ])
    once = clean(doc, lang="en")
    assert not any(r.rule == "heuristic.title.header" for r in once.removed)
    assert clean(once.text, lang="en").text == once.text
