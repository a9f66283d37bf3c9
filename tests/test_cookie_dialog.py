"""A consent tool's cookie dialog printed under an article (rule ``cookie-dialog``), and an article about
cookies, which keeps its sentences.

A dialog's text is more than its banner: each category of cookies says what it does for the site, each
cookie what it is set for, and the consent platform names its partners. A scraper that keeps the page's
hidden layers keeps them all; they are never the article.
"""

from __future__ import annotations

import pytest

from cleaner import clean

ARTICLE = [
    "Harbour traders sign new lease",
    "The harbour board signed a ten-year lease with the fish traders on Tuesday, ending a dispute that had "
    "closed half of the market stalls since the spring.",
    "Traders will pay a fixed rent for the first three years, after which it rises with inflation, the board "
    "said in a statement after the vote.",
    "The market reopens fully on Saturday morning, with the old stalls repainted and a new cold store.",
]

DIALOG = [
    "We and our 140 partners store and/or access information on a device, such as unique IDs in cookies to "
    "process personal data.",
    "Necessary cookies are absolutely essential for the website to function properly. These cookies ensure "
    "basic functionalities and security features of the website, anonymously.",
    "Analytical cookies are used to understand how visitors interact with the website.",
    "Advertisement cookies are used to provide visitors with relevant ads and marketing campaigns.",
    "This cookie is set by the consent plugin to store the user consent for the cookies in the category "
    "\"Analytics\".",
    "YouTube sets this cookie to register a unique ID to store data on what videos the user has seen.",
]


@pytest.mark.rule_id("cookie-dialog")
def test_a_cookie_dialog_under_an_article_goes_and_the_article_stays() -> None:
    result = clean("\n".join([*ARTICLE, *DIALOG]))
    assert result.title == ARTICLE[0]  # the headline goes to the metadata, as always
    assert result.text.split("\n") == ARTICLE[1:]
    assert [r.text for r in result.removed if r.rule == "cookie-dialog"] == DIALOG
    assert {r.kind for r in result.removed if r.rule == "cookie-dialog"} == {"ui_chrome"}


@pytest.mark.rule_id("cookie-dialog")
def test_an_article_about_cookies_keeps_its_sentences() -> None:
    story = [
        "Regulator fines ad firms over tracking",
        "Third-party cookies are used by advertisers to follow people from site to site, the regulator said "
        "on Monday as it fined four firms.",
        "These cookies can be blocked in every major browser, but most people never change the settings, "
        "according to the regulator's survey of 2,000 adults.",
        "Google said on Tuesday that Chrome will keep third-party cookies after all, reversing its plan.",
        "The bakery on Mill Street uses butter cookies from a family recipe in its cheesecake base.",
    ]
    result = clean("\n".join(story))
    assert result.title == story[0]
    assert result.text.split("\n") == story[1:]
    assert not [r for r in result.removed if r.rule == "cookie-dialog"]
