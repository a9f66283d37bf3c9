"""Rules marked ``keep_opening`` leave the paragraph that opens the story: a profile's lead reads like
the bio under an article (``author-bio``), and only its place tells them apart."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

LEAD = "Maria Chen is the founder of a small bakery in Leeds. She opened it in 2019 with two ovens and a loan."
BODY = (
    "The bakery now sells four hundred loaves a day, and the queue on Saturdays reaches the corner.\n"
    "Next year she wants to open a second shop across the river, near the new railway station.\n"
)
COOKIES = "We use cookies to improve your experience on our website. By continuing to browse, you agree to our use of cookies."


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def test_a_profile_that_opens_with_the_bio_shape_keeps_its_lead(cleaner: Cleaner) -> None:
    r = cleaner.clean(LEAD + "\n" + BODY, html=False)
    assert r.text.startswith(LEAD)
    assert not [x for x in r.removed if x.rule == "author-bio"]


def test_the_same_lines_under_the_article_are_its_bio(cleaner: Cleaner) -> None:
    r = cleaner.clean(BODY + LEAD, html=False)
    assert LEAD not in r.text
    assert [x.rule for x in r.removed] == ["author-bio"]


def test_a_bio_under_the_byline_above_the_page_buttons_opens_nothing(cleaner: Cleaner) -> None:
    doc = f"By Maria Chen\n{LEAD}\nShare\nSign in\n{BODY}"
    r = cleaner.clean(doc, html=False)
    assert LEAD not in r.text
    assert "author-bio" in [x.rule for x in r.removed]


def test_an_opening_left_over_a_paragraph_that_is_cut_is_judged_again(cleaner: Cleaner) -> None:
    # the cookie notice under the bio made it an opening; once the notice is cut, a list follows the
    # bio, not a paragraph, and a second cleaning would cut it: the first cleaning must say the same
    doc = f"{LEAD}\n{COOKIES}\n- two ovens\n- one loan\n{BODY}"
    once = cleaner.clean(doc, html=False)
    assert LEAD not in once.text
    assert [x.rule for x in once.removed if x.text == LEAD] == ["author-bio"]
    assert cleaner.clean(once.text, html=False).text == once.text


@pytest.mark.parametrize("doc", [LEAD + "\n" + BODY, f"{LEAD}\n{COOKIES}\n{BODY}", BODY + LEAD])
def test_cleaning_the_output_again_changes_nothing(cleaner: Cleaner, doc: str) -> None:
    once = cleaner.clean(doc, html=False)
    assert cleaner.clean(once.text, html=False, title=once.title).text == once.text
