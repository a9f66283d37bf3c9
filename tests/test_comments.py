"""The comment-section stage (``heuristic.comments.section``): readers' comments under an article go, from
their header to the end of the page."""

from __future__ import annotations

from cleaner import Cleaner

ARTICLE = [
    "The council approved the new budget on Tuesday night after a debate that lasted most of the day.",
    "The plan adds forty police officers and extends the opening hours of six public libraries in the city.",
    "Opposition members said the figures were optimistic and asked for an independent review of the costs.",
]
COMMENTS = [
    "Jane Miller 3/12/2021 at 1:48am",
    "Great news for the libraries, my children will use them every weekend from now on.",
    "Reply",
    "Tom Baker 3/14/2021 at 9:02pm",
    "Forty officers will not be enough for a city of this size, and everyone at the meeting knew it.",
    "Reply",
]


def test_a_header_with_its_count_after_the_noun_heads_the_comments(cleaner: Cleaner) -> None:
    # "Comments 115" (the count after the noun, without brackets) was not read as a header, so a list's
    # hundred readers' comments stayed (a WCXB article 0.73 -> 0.94; no other dev page moved).
    r = cleaner.clean("\n".join([*ARTICLE, "Comments 115", *COMMENTS]))
    assert r.text == "\n".join(ARTICLE)
    assert [x.rule for x in r.removed if x.text == "Comments 115"] == ["heuristic.comments.section"]


def test_a_sentence_about_comments_heads_nothing(cleaner: Cleaner) -> None:
    line = "Comments 115 and 116 of the draft were struck out by the committee on Monday evening."
    doc = "\n".join([*ARTICLE, line, *COMMENTS])
    assert line in cleaner.clean(doc).text


def test_every_entrys_counter_or_button_heads_nothing(cleaner: Cleaner) -> None:
    # A listing of posts prints "84 reactions" / "9 comments" / "Add Comment" under every entry. Read as a
    # comment section's header, the first one cut every entry under it (a WCXB listing kept 0.29 of its
    # F1); a header the page prints three times or more, with any count, is each entry's counter.
    entries = []
    for n, title in enumerate(["Why friction is an engineering prerequisite", "A week of rebuilding the agent",
                               "What running one for six months taught me", "The women who helped me grow"]):
        entries += [title, "Patrick Osman", "Mar 8", f"{n + 2} reactions", f"{n + 1} comments", "Add Comment", f"{n + 3} min read",
                    f"A short note on how the team approached part {n + 1} of the project this spring."]
    r = cleaner.clean("\n".join([*ARTICLE, *entries]))
    assert not [x for x in r.removed if x.rule == "heuristic.comments.section"]
    assert "The women who helped me grow" in r.text


def test_a_header_printed_twice_still_heads_the_comments(cleaner: Cleaner) -> None:
    # over the section and in the share bar: a section's header, not an entry's counter
    doc = "\n".join(["12 Comments", *ARTICLE, "12 Comments", *COMMENTS])
    r = cleaner.clean(doc)
    assert r.text.endswith(ARTICLE[-1])
    assert "Great news" not in r.text
