"""Tag boxes scraped one tag per line under a ``Tags:`` label (heuristics.tags.find_tag_boxes)."""

from __future__ import annotations

from cleaner import clean

BODY = [
    "The Wild beat the Sabres 4-2 on Tuesday night, ending a three-game losing streak on the road.",
    "Defenseman Jonas Example scored twice in the second period before an empty-net goal sealed it.",
    "“I haven’t talked to the trainers at all,” the coach said after the game in Buffalo.",
]


def test_labelled_tags_one_per_line_are_cut_and_kept_as_tags() -> None:
    res = clean("\n".join([*BODY, "Tags:", "Minnesota Wild", "Jane Example"]), lang="en")
    assert res.text.splitlines() == BODY
    assert res.tags == ["Minnesota Wild", "Jane Example"]
    assert {r.kind for r in res.removed} == {"tag_list"}


def test_tag_box_under_an_announced_list_is_still_a_tag_box() -> None:
    # a colon line announces a list, so the block reaches over what follows; the label still says "tags"
    doc = [*BODY, "The line-up for Friday:", "Jane Example", "John Example", "Tags:", "Minnesota Wild", "Hockey"]
    res = clean("\n".join(doc), lang="en")
    assert res.tags == ["Minnesota Wild", "Hockey"]
    assert "Jane Example" in res.text


def test_label_followed_by_a_sentence_is_not_a_tag_box() -> None:
    doc = [*BODY, "Topics:", "The council will vote on the new budget when it meets again next month."]
    res = clean("\n".join(doc), lang="en")
    assert res.tags == []
    assert "The council will vote" in res.text
