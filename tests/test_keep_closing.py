"""Rules marked ``keep_closing`` leave a notice that closes the story right under its last paragraph."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

STORY = (
    "The health department said on Monday that a sixth person had died of the virus this year.\n"
    "Officials urged residents to use insect repellent until the first hard frost of the season.\n"
)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def test_wire_copyright_closing_the_story_stays(cleaner: Cleaner) -> None:
    notice = "© 2024 Example Press. All Rights Reserved."
    r = cleaner.clean(STORY + notice, html=False)
    assert r.text.endswith(notice)
    assert not [x for x in r.removed if x.kind == "legal_footer"]


@pytest.mark.parametrize(
    "after",
    [
        "Share this article\n© 2024 Example Media Group. All rights reserved.",  # under page furniture
        "© 2024 Example Media Group. All rights reserved.\nPrivacy Policy | Terms of Use",  # not the last
    ],
)
def test_page_footer_copyright_goes(cleaner: Cleaner, after: str) -> None:
    r = cleaner.clean(STORY + after, html=False)
    assert "Example Media Group" not in r.text
    assert [x.rule for x in r.removed if "Example Media" in x.text] == ["copyright-symbol"]


def test_closing_notice_under_a_repeated_paragraph_is_judged_by_what_survives(cleaner: Cleaner) -> None:
    # the paragraph above the notice is a repeat and goes; the notice then sits under a subheading, and a
    # second cleaning would cut it: the first cleaning must give the same answer (idempotence)
    para = STORY.splitlines()[0]
    notice = "© 2025 Example Media. All rights reserved."
    doc = f"{para}\nA Subheading Here\n{para}\n{notice}"
    once = cleaner.clean(doc, html=False)
    assert notice not in once.text
    assert cleaner.clean(once.text, html=False).text == once.text
