"""Each kind of residue, on real-looking documents beyond the seeds, with look-alikes that must stay."""

from __future__ import annotations

import pytest

P1 = "The central bank raised its main interest rate by a quarter point on Thursday, its third increase this year."
P2 = "Economists had expected the move, although several warned that higher borrowing costs could slow hiring."
P3 = "The bank's governor told reporters that further increases would depend on how quickly inflation eased."
BODY = f"{P1}\n{P2}\n{P3}"


def kinds(r, kind):
    return [x.text for x in r.removed if x.kind == kind]


# -- ui_chrome ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    ["Login", "Sign in", "Register", "Subscribe", "Share", "Print", "Comments", "Advertisement", "Skip to content",
     "We use cookies to give you the best experience. By continuing you agree to our use of cookies.",
     "Sign up for our newsletter", "Follow us on Instagram", "Download the app"],
)
def test_ui_chrome_lines_go_anywhere(cleaner, line):
    r = cleaner.clean(f"{P1}\n{line}\n{P2}\n{P3}")
    assert r.text == BODY
    assert kinds(r, "ui_chrome") == [line]


@pytest.mark.parametrize(
    "line",
    ["Share prices tumbled after the announcement, dragging the main index to its lowest level since March.",
     "Subscribers will pay more from June, the company said in a statement on Monday evening.",
     "Print media revenues fell again last year as readers moved online, the report found.",
     "Comments made by the minister on Friday were widely criticised by the opposition."],
)
def test_ui_words_inside_prose_stay(cleaner, line):
    r = cleaner.clean(f"{P1}\n{line}\n{P2}")
    assert line in r.text.split("\n")
    assert r.removed == ()


# -- navigation ----------------------------------------------------------------------------------------
def test_menu_runs_around_the_article_go(cleaner):
    # a page scrape: a menu above, the site's links and legal footer below (without them it could be an
    # extractor's output, whose short lines cleaner leaves alone)
    doc = "Home\nWorld\nBusiness\nMarkets\nOpinion\n" + BODY + "\nAbout\nCareers team\nHelp centre\nSite index\nPrivacy policy\nTerms of use"
    r = cleaner.clean(doc)
    assert r.text == BODY
    assert set(kinds(r, "navigation")) >= {"World", "Business", "Markets", "Opinion", "Careers team"}
    assert kinds(r, "ui_chrome") == ["Home"]  # a known control label: the rule names it first


def test_breadcrumb_line_goes(cleaner):
    r = cleaner.clean("Home › Business › Economy › Rates\n" + BODY)
    assert r.text == BODY and kinds(r, "navigation") == ["Home › Business › Economy › Rates"]


def test_short_list_inside_an_article_stays(cleaner):
    doc = f"{P1}\nThe measures include:\nLower fees\nFaster refunds\nMore branches\n{P2}\n{P3}"
    r = cleaner.clean(doc)
    assert "Lower fees\nFaster refunds\nMore branches" in r.text


# -- related_headlines ------------------------------------------------------------------------------------
def test_trailing_truncated_teasers_go(cleaner):
    teasers = ["Fans await the sequel after the film broke box-office records across the country…",
               "The first total lunar eclipse of the year will occur on March 3,…"]
    r = cleaner.clean(BODY + "\n" + "\n".join(teasers))
    assert r.text == BODY and kinds(r, "related_headlines") == teasers


def test_headlines_under_a_related_header_go(cleaner):
    heads = ["Oil prices slip as demand fears grow", "Five things to know before markets open", "Why the housing market is cooling"]
    r = cleaner.clean(BODY + "\nRelated Stories\n" + "\n".join(heads))
    assert r.text == BODY
    assert kinds(r, "related_headlines") == ["Related Stories", *heads]


def test_inline_also_read_goes_but_a_final_quote_with_ellipsis_inside_body_stays(cleaner):
    doc = f"{P1}\nAlso read: Markets rally as inflation cools in May\n{P2}\n“We will see…” she said, before leaving.\n{P3}"
    r = cleaner.clean(doc)
    assert "Also read" not in r.text
    assert "“We will see…” she said, before leaving." in r.text


# -- tag_list ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "tags"),
    [("Tags: Interest Rates, Central Bank, Inflation", ["Interest Rates", "Central Bank", "Inflation"]),
     ("Interest Rates, Central Bank, Inflation, Economy,", ["Interest Rates", "Central Bank", "Inflation", "Economy"]),
     ("#Rates #CentralBank #Inflation", ["Rates", "CentralBank", "Inflation"]),
     ("Economy | Banking | Inflation", ["Economy", "Banking", "Inflation"])],
)
def test_tag_lists_go_to_metadata(cleaner, line, tags):
    r = cleaner.clean(f"{BODY}\n{line}")
    assert r.text == BODY and r.tags == tags


def test_sentence_that_lists_places_stays(cleaner):
    line = "Flights resumed in Delhi, Mumbai, Chennai, Kolkata and Bengaluru on Saturday."
    r = cleaner.clean(f"{P1}\n{line}\n{P2}")
    assert line in r.text and r.tags == []


# -- date_header ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "date"),
    [("Published: May 9, 2025", "2025-05-09"), ("Updated 3:45 PM ET, Fri May 9, 2025", "2025-05-09T15:45:00"),
     ("Last modified on 2025-05-09", "2025-05-09"), ("date 2025-05-09", "2025-05-09"), ("5 min read", None)],
)
def test_date_headers_go_and_give_the_date(cleaner, line, date):
    r = cleaner.clean(f"{line}\n{BODY}")
    assert r.text == BODY
    assert kinds(r, "date_header") == [line]
    assert r.date == date


def test_date_in_a_sentence_stays(cleaner):
    line = "Published on May 9, 2025, the report found that rents had risen in every region of the country."
    r = cleaner.clean(f"{line}\n{BODY}")
    assert r.text.startswith(line) and r.date is None


# -- title / dateline / byline ------------------------------------------------------------------------------
def test_title_and_byline(cleaner):
    r = cleaner.clean(f"Central Bank Raises Rates Again\nBy Jane Doe and John Roe\n{BODY}")
    assert r.title == "Central Bank Raises Rates Again"
    assert r.authors == ["Jane Doe", "John Roe"]
    assert r.text == BODY


def test_subheadings_stay(cleaner):
    doc = f"Central Bank Raises Rates Again\n{P1}\nWhat Comes Next\n{P2}\n{P3}"
    r = cleaner.clean(doc)
    assert r.title == "Central Bank Raises Rates Again"
    assert "What Comes Next" in r.text.split("\n")


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [("NEW DELHI (Reuters) - India said on Friday", "NEW DELHI (Reuters)"),
     ("Washington, May 9 (IANS) US officials said", "Washington, May 9 (IANS)"),
     ("LONDON — The government said", "LONDON")],
)
def test_datelines_stay_in_text_and_are_recorded(cleaner, opening, dateline):
    first = f"{opening} it would review the rules for energy companies after a sharp rise in prices."
    r = cleaner.clean(f"{first}\n{P2}")
    assert r.dateline == dateline and r.text.startswith(first)


def test_by_in_a_sentence_is_not_a_byline(cleaner):
    line = "By Friday, the rebels had taken the airport and most of the northern districts of the city."
    r = cleaner.clean(f"{line}\n{P2}")
    assert r.text.startswith(line) and r.authors == []


# -- duplicated_word ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "fixed"),
    [("Pakistan needs to “end “end any support for militant groups, the statement said on Friday.",
      "Pakistan needs to “end any support for militant groups, the statement said on Friday."),
     ("The the minister said the plan would be announced in the coming weeks after consultations.",
      "The minister said the plan would be announced in the coming weeks after consultations."),
     ("He said that the the committee would meet again on Monday to review the the figures.",
      "He said that the committee would meet again on Monday to review the figures.")],
)
def test_stutters_are_repaired(cleaner, line, fixed):
    r = cleaner.clean(f"{line}\n{P2}")
    assert r.text.split("\n")[0] == fixed
    assert kinds(r, "duplicated_word")


@pytest.mark.parametrize(
    "line",
    ["She had had enough of the delays, she told the committee on Tuesday afternoon in Brussels.",
     "He argued that that decision was wrong and should be reversed by the appeals court soon.",
     "The crowd sang New York, New York as the team paraded through the streets on Sunday.",
     "Fans waved bye bye to the departing coach as the bus pulled away from the stadium gates."],
)
def test_legitimate_repeats_stay(cleaner, line):
    r = cleaner.clean(f"{line}\n{P2}")
    assert r.text.split("\n")[0] == line and r.removed == ()


# -- legal_footer / caption / duplicate_line ------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    ["© 2025 Example Media. All rights reserved.", "Terms of Use | Privacy Policy | Contact Us",
     "This material may not be published, broadcast, rewritten or redistributed."],
)
def test_legal_footers_go(cleaner, line):
    # page furniture follows: a copyright notice that closes the document right under the last paragraph
    # is the story's own (tests/test_keep_closing.py)
    r = cleaner.clean(f"{BODY}\n{line}\nShare")
    assert r.text == BODY and kinds(r, "legal_footer") == [line]


@pytest.mark.parametrize("line", ["(Photo: Reuters)", "Image credit: NASA", "File photo", "(AP Photo/Evan Vucci)"])
def test_captions_go(cleaner, line):
    r = cleaner.clean(f"{P1}\n{line}\n{P2}\n{P3}")
    assert r.text == BODY and kinds(r, "caption") == [line]


def test_repeated_paragraph_goes_first_stays(cleaner):
    r = cleaner.clean(f"{P1}\n{P2}\n{P1}\n{P3}")
    assert r.text == BODY and kinds(r, "duplicate_line") == [P1]


# -- safety -------------------------------------------------------------------------------------------------------
def test_safety_keeps_prose_when_rules_would_take_everything(tmp_path):
    from cleaner import Cleaner

    p = tmp_path / "greedy.toml"
    p.write_text(
        '[[rule]]\nid = "everything"\nkind = "boilerplate"\ndescription = "Too broad."\npattern = ".{20,}"\nmax_chars = 1000\n',
        encoding="utf-8",
    )
    r = Cleaner(rules=[p]).clean(BODY)
    assert r.text == BODY
    assert any(w.startswith("safety:") for w in r.warnings)
