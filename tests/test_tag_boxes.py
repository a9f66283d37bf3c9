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


def test_code_and_table_rows_after_the_prose_are_not_tag_lists() -> None:
    """A documentation page ends in examples whose arguments share a tag list's commas: they stay."""
    prose = ("The join method takes a separator and any number of strings, and returns them joined. "
             "It is the fastest way to build a long string from many parts in this language.")
    code = [
        'console.log(myConcat(", ", "Red", "Orange", "Blue"));',
        "# Running_mean([8.5, 9.5, 7.5, 6.5]) -> 8.5 9.0 8.5 8.0",
        "| Date | Topic | Lecture Notes | Resources |",
    ]
    r = clean(prose + "\n" + prose + "\n" + "\n".join(code), input="extract")
    assert [x.rule for x in r.removed if x.rule == "heuristic.tag-list"] == []
    assert all(line in r.text.split("\n") for line in code)
    r = clean(prose + "\n" + prose + "\nIndia-Pakistan Conflict, Marco Rubio, US Mediation, Operation Sindoor")
    assert r.tags == ["India-Pakistan Conflict", "Marco Rubio", "US Mediation", "Operation Sindoor"]


def _tail_tag_cuts(tail: list[str]) -> list[str]:
    from cleaner.document import Doc
    from cleaner.heuristics.tags import RULE_ID, find_tag_lists

    doc = Doc("\n".join([*BODY, *tail]))
    doc.block = (0, len(BODY) - 1)
    find_tag_lists(doc)
    return [ln.text for ln in doc.lines if ln.cut is not None and ln.cut.rule == RULE_ID]


def test_a_tail_with_a_line_of_tags_loses_it() -> None:
    tags = "Minnesota Wild, Buffalo Sabres, NHL, Jonas Example"
    assert _tail_tag_cuts(["Read more about the team", tags]) == [tags]


def test_many_lines_shaped_like_tags_are_a_list_of_the_documents_own() -> None:
    # each paper's authors in a list of papers: more lines than a tail holds tags (MAX_TAG_LINES)
    from cleaner.heuristics.tags import MAX_TAG_LINES

    authors = [f"Mei Lin, Jonas Weber, Amara Okafor, David Chen {i}" for i in range(MAX_TAG_LINES + 1)]
    assert _tail_tag_cuts(authors) == []
    assert _tail_tag_cuts(authors[:MAX_TAG_LINES]) == authors[:MAX_TAG_LINES]
