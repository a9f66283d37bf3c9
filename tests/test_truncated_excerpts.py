"""Truncated lines after an extracted article are teasers; truncated excerpts that weigh as much as it are a listing.

``heuristic.related.truncated`` cuts lines cut off with an ellipsis in the tail of a document: other
stories' teasers. In an extractor's output of a listing page (a catalogue, an archive of excerpts) the
entries are such lines too, and they are the content: when they are paragraphs cut short (not
headlines) and hold at least ``EXCERPT_SHARE`` of the words of the article block's prose, they stay
(``tests/fixtures/harm/non-news-excerpts.txt`` is a page of that kind).
"""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.heuristics.teasers import EXCERPT_SHARE, RULE_TRUNCATED
from tests.test_teaser_cards import ARTICLE as CARD_ARTICLE

#: the four paragraphs of the harbour story the teaser-card tests use (its headline and share lines left out)
ARTICLE = CARD_ARTICLE[1:5]
TEASERS = [
    "Town council approves new cycle lanes along the river after a long…",
    "Museum reopens its gallery of maps after the roof repairs that…",
    "Farmers count the cost of the wet autumn as fields stay…",
]


def _truncated_cuts(lines: list[str]) -> list[str]:
    result = Cleaner().clean("\n".join(lines), html=False, input="extract")
    return [r.text for r in result.removed if r.rule == RULE_TRUNCATED]


def test_teasers_after_an_extracted_article_are_cut() -> None:
    assert _truncated_cuts(ARTICLE + TEASERS) == TEASERS


def test_excerpts_as_heavy_as_the_article_stay() -> None:
    # each excerpt as long as a paragraph of the block: together they outweigh it
    excerpts = [p.rsplit(" ", 3)[0] + "…" for p in ARTICLE]
    block_words = sum(len(p.split()) for p in ARTICLE)
    assert sum(len(e.split()) for e in excerpts) >= EXCERPT_SHARE * block_words
    lines = ARTICLE[:2] + [x for pair in zip(["Pilots", "Port", "Union", "Ships"], excerpts, strict=True) for x in pair]
    assert _truncated_cuts(lines) == []


def test_a_short_brief_keeps_losing_its_teaser_headlines() -> None:
    # the headlines outweigh half of the brief, but they are headlines, not paragraphs cut short
    brief = ARTICLE[:2]
    assert sum(len(t.split()) for t in TEASERS) >= EXCERPT_SHARE * sum(len(p.split()) for p in brief)
    assert _truncated_cuts(brief + TEASERS) == TEASERS
