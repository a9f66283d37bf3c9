"""extract_html: the article comes out without the page chrome, the metadata is read from the page,
and nothing a scraper can produce makes it raise."""

from __future__ import annotations

import contextlib
import json
import logging
import random
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.html import HtmlExtraction, extract_html

PARAGRAPHS = [
    "The city council approved a 2.3 billion dollar budget on Tuesday after a debate that ran past midnight, "
    "ending months of negotiation between the mayor's office and the council's finance committee.",
    "The plan raises spending on public transit by eight percent and funds 120 new teachers, while "
    "freezing hiring in most administrative departments until the end of the next fiscal year.",
    "Council member Maria Lopez, who voted against the measure, said the transit money came at the "
    "expense of road repairs that residents in the eastern districts have been requesting for years.",
    "Supporters argued that the increase would cut commuting times and reduce traffic downtown, citing a "
    "study by the regional planning agency that was published earlier this spring.",
    "The budget takes effect on July 1. The mayor is expected to sign it at a ceremony on Friday, according "
    "to a spokesperson who declined to comment on the disagreement over road funding.",
]

NAV = (
    "<nav class='menu'><ul>"
    + "".join(f"<li><a href='/{s.lower()}'>{s}</a></li>" for s in ("Home", "Politics", "Business", "Sports", "Weather"))
    + "</ul></nav>"
)
FOOTER = (
    "<footer><p>Copyright 2024 Daily Bugle Media Group. All rights reserved.</p>"
    "<p><a href='/privacy'>Privacy policy</a> | <a href='/terms'>Terms of use</a></p></footer>"
)
SIDEBAR = (
    "<aside class='related'><h3>Most read</h3><ul>"
    "<li><a href='/a'>Storm expected over the weekend</a></li>"
    "<li><a href='/b'>Local team wins the championship</a></li></ul></aside>"
)


def news_page(*, head: str = "", byline: str = "", lang: str = "en", extra_body: str = "") -> str:
    article = (
        "<article><h1>Council approves city budget after late-night debate</h1>"
        f"{byline}"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "<div class='tags'><a href='/tag/budget' rel='tag'>Budget</a> <a href='/tag/council' rel='tag'>City Council</a></div>"
        "</article>"
    )
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        "<title>Council approves city budget after late-night debate | Daily Bugle</title>"
        "<meta name='viewport' content='width=device-width'>"
        f"{head}<link rel='stylesheet' href='/main.css'><script>var dataLayer = [];</script></head>"
        f"<body><header><a href='/'>Daily Bugle</a></header>{NAV}<main>{article}{SIDEBAR}</main>"
        f"{extra_body}{FOOTER}</body></html>"
    )


META_HEAD = (
    "<meta property='og:title' content='Council approves city budget after late-night debate'>"
    "<meta property='og:type' content='article'>"
    "<meta property='article:published_time' content='2024-05-09T23:41:00-04:00'>"
    "<meta property='article:modified_time' content='2024-05-10T08:00:00-04:00'>"
    "<meta name='author' content='Jane Doe'>"
    "<meta property='article:section' content='Politics'>"
    "<meta property='article:tag' content='Budget'>"
    "<meta property='article:tag' content='City Council'>"
)


# What extract_html and _metadata log when their last line of defence catches an exception ("never
# raises" is kept by these catch-alls; the helpers below them are meant to cope with any page themselves).
DEFENSIVE = ("HTML extraction failed", "metadata extraction failed")


@contextlib.contextmanager
def defensive_warnings() -> Iterator[list[str]]:
    """The catch-alls' warnings logged while the block runs (a handler, not caplog: hypothesis tests too)."""
    fired: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: fired.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("cleaner.html")
    logger.addHandler(handler)
    try:
        yield fired
    finally:
        logger.removeHandler(handler)
        fired[:] = [m for m in fired if m.startswith(DEFENSIVE)]


@pytest.fixture(scope="module")
def extracted() -> HtmlExtraction:
    return extract_html(news_page(head=META_HEAD), url="https://news.example.com/politics/council-budget")


def test_article_text_without_chrome(extracted: HtmlExtraction) -> None:
    lines = extracted.text.split("\n")
    for p in PARAGRAPHS:
        assert p in lines
    for chrome in ("Home", "Privacy policy", "Copyright 2024", "Most read", "Storm expected", "Daily Bugle"):
        assert chrome not in extracted.text


def test_metadata_from_meta_tags(extracted: HtmlExtraction) -> None:
    assert extracted.title == "Council approves city budget after late-night debate"
    assert extracted.date == "2024-05-09"  # published, not modified; the local date as written
    assert extracted.authors == ["Jane Doe"]
    assert extracted.tags == ["Budget", "City Council", "Politics"]
    assert extracted.language == "en"


def test_text_equals_plain_trafilatura(extracted: HtmlExtraction) -> None:
    import trafilatura

    page = news_page(head=META_HEAD)
    assert extracted.text == trafilatura.extract(page, include_comments=False)


def test_metadata_from_json_ld() -> None:
    schema = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Daily Bugle"},
            {
                "@type": "NewsArticle",
                "headline": "Council approves budget",
                "datePublished": "2024-05-09T10:00:00Z",
                "dateModified": "2024-05-11T10:00:00Z",
                "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Smith"}],
                "publisher": {"@type": "Organization", "name": "Daily Bugle"},
                "keywords": ["budget", "transit"],
                "articleSection": "Politics",
            },
        ],
    }
    script = f"<script type='application/ld+json'>{json.dumps(schema)}</script>"
    x = extract_html(news_page(extra_body=script, lang="en-GB"))
    assert x.title == "Council approves budget"
    assert x.date == "2024-05-09"
    assert x.authors == ["Jane Doe", "John Smith"]
    assert x.tags == ["budget", "transit", "Politics"]
    assert x.language == "en"


def test_metadata_from_the_body_when_the_head_has_none() -> None:
    byline = (
        "<div class='byline'>By <a rel='author' href='/staff/jane-doe'>Jane Doe</a>, "
        "<time datetime='2024-05-09T10:00'>May 9, 2024</time></div>"
    )
    x = extract_html(news_page(byline=byline, lang=""))
    assert x.title == "Council approves city budget after late-night debate"  # from <title>, site name cut
    assert x.date == "2024-05-09"
    assert x.authors == ["Jane Doe"]
    assert x.language is None


def test_date_from_the_url() -> None:
    x = extract_html(news_page(), url="https://news.example.com/2024/05/09/council-budget.html")
    assert x.date == "2024-05-09"


def test_one_word_meta_author_is_a_site_not_a_person() -> None:
    x = extract_html(news_page(head="<meta name='author' content='DailyBugle'>"))
    assert x.authors == []


def test_bytes_are_decoded() -> None:
    head = META_HEAD.replace("late-night debate", "late-night débat")
    page = news_page(head=head).replace("charset='utf-8'", "charset='windows-1252'")
    x = extract_html(page.encode("cp1252"))  # type: ignore[arg-type]
    assert x.title == "Council approves city budget after late-night débat"
    assert PARAGRAPHS[0] in x.text


def test_page_without_article() -> None:
    x = extract_html(f"<html><head><title>Home</title></head><body>{NAV}{FOOTER}</body></html>")
    # trafilatura may fall back to the menu (the page's only block of text), never to the footer; the
    # metadata is what the page declares: a <title> and nothing else
    assert set(x.text.splitlines()) <= {"Home", "Politics", "Business", "Sports", "Weather"}
    assert (x.title, x.date, x.authors, x.tags, x.language) == ("Home", None, [], [], None)


JUNK = [  # (page, the text extract_html gives)
    ("", ""),
    ("   \n\t", ""),
    ("<", ""),
    ("<html>", ""),
    ("<html><head></head><body></body></html>", ""),
    # trafilatura finds no article in it: the page's visible text stands in (tests/test_html_fallback.py)
    ("<div><p>unclosed <b>bold <i>and <table><tr><td>cell", "unclosed bold and\ncell"),
    ("</p></div></body></html>" * 50, ""),
    ("<html>\x00\x01\x02<body>\x00<p>NUL bytes\x00 in the page</p></body></html>", "NUL bytes in the page"),
    ("<?xml version='1.0' encoding='utf-8'?><html><body><p>Declared encoding in a str</p></body></html>",
     "Declared encoding in a str"),
    ("<script>" + "var x = '<p>';" * 1000 + "</script>", ""),
    ("<p>" * 2000, ""),
    ("<div>" * 1000 + "deep" + "</div>" * 1000, ""),
    (random.Random(0).randbytes(50_000).decode("latin-1"), ""),
    ("\ud800 lone surrogate <p>text</p>", ""),  # lxml cannot parse it: no text, no error
]


@pytest.mark.parametrize(("junk", "text"), JUNK, ids=[repr(junk[:20]) for junk, _ in JUNK])
def test_junk_gives_its_text_or_nothing(junk: str, text: str) -> None:
    with defensive_warnings() as fired:
        x = extract_html(junk)
    assert x == HtmlExtraction(text=text, warnings=x.warnings)  # and no metadata read from junk
    assert all(w.startswith("fallback: ") for w in x.warnings)
    assert fired == []  # the helpers coped: the catch-alls of extract_html and _metadata never ran


_TITLE = "<html><head><title>Budget passes</title></head><body>"
_NONE = {"title": None, "date": None, "authors": [], "tags": [], "language": None}


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        # unclosed tags in the head: the head scan is bounded, the tags before them are read
        ("<html lang='en'><head><title>Budget passes | Daily Bugle</title>" + "<meta name='x' content='" * 20_000,
         {**_NONE, "title": "Budget passes", "language": "en"}),
        # unclosed class attributes: the date-class scan goes past them to the real date element
        (_TITLE + "<p class='date" * 30_000 + "'>May 9, 2024</p>", {**_NONE, "title": "Budget passes", "date": "2024-05-09"}),
        # byline attributes that never close: the byline scan gives up on them and finds the real one
        (_TITLE + "<a class='author' " * 30_000 + "<p class='post-byline'>By Jane Doe | 9 May 2024</p>",
         {**_NONE, "title": "Budget passes", "authors": ["Jane Doe"]}),
        # a 200,000-character headline is no title; the article's date is still read
        ("<script type='application/ld+json'>"
         + json.dumps({"@type": "NewsArticle", "datePublished": "2024-05-09T10:00:00Z", "headline": "<" * 200_000})
         + "</script>", {**_NONE, "date": "2024-05-09"}),
        # JSON nested 100,000 deep (RecursionError in json.loads) is skipped; the next block is read
        ("<script type='application/ld+json'>" + "[" * 100_000 + "</script><p>deep JSON</p>"
         "<script type='application/ld+json'>" + json.dumps({"@type": "NewsArticle", "headline": "Budget passes"})
         + "</script>", {**_NONE, "title": "Budget passes"}),
    ],
    ids=["meta", "date-class", "byline", "json-headline", "json-depth"],
)
def test_hostile_markup_leaves_the_real_metadata_readable(hostile: str, expected: dict) -> None:
    # Markup that could make the metadata scans backtrack or recurse: the result on these bounded pages
    # is asserted, not the time taken (speed is measured in benchmarks/, not in tests).
    from cleaner.html import _metadata

    with defensive_warnings() as fired:
        assert _metadata(hostile, None) == expected
    assert fired == []


def test_big_page_does_not_raise() -> None:
    filler = "".join(f"<div class='teaser'><a href='/x{i}'>Teaser headline number {i}</a></div>" for i in range(1000))
    x = extract_html(news_page(head=META_HEAD, extra_body=filler))
    assert PARAGRAPHS[2] in x.text
    assert x.date == "2024-05-09"


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdpiv&;#\n\x00")), max_size=400))
def test_tag_soup_never_reaches_the_catch_alls(s: str) -> None:
    with defensive_warnings() as fired:
        extract_html(s)
    assert fired == []
