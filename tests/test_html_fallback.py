"""When trafilatura finds no article (or next to nothing) in a page that has visible text, HTML mode
falls back to the page's visible text and says so, instead of returning '' without a word (issue #13,
item 7)."""

from __future__ import annotations

import trafilatura

from cleaner import html as html_mod
from cleaner.html import extract_html

SENTENCE = "The council approved the budget on Tuesday after a long debate."


def test_one_paragraph_page_is_not_lost():
    x = extract_html(f"<p>{SENTENCE}</p>")
    assert x.text == SENTENCE
    assert len(x.warnings) == 1 and x.warnings[0].startswith("fallback:")
    assert "visible text" in x.warnings[0]


def test_visible_text_keeps_blocks_as_lines_and_drops_what_is_not_shown():
    page = (
        "<!DOCTYPE html><html><head><title>Budget | Daily Bugle</title><style>p {color: red}</style>"
        "<script>var a = '<p>not shown</p>';</script></head><body>"
        "<noscript>Enable JavaScript</noscript><template><p>A template</p></template>"
        "<h1>Budget passes</h1><div>The council <b>approved</b> the budget<br>on Tuesday.</div>"
        "<ul><li>First &amp; second</li><li>Third</li></ul><!-- a comment --><p>Last   line\n here.</p>"
        "<script>track()</script></body></html>"
    )
    text = html_mod._visible_text(page)
    assert text.splitlines() == [
        "Budget passes", "The council approved the budget", "on Tuesday.", "First & second", "Third", "Last line here.",
    ]


def test_fallback_when_trafilatura_returns_next_to_nothing(monkeypatch):
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: "Share")
    page = "<html><body><a href='/s'>Share</a>" + f"<p>{SENTENCE}</p>" * 3 + "</body></html>"
    x = extract_html(page)
    assert x.text.splitlines() == ["Share", SENTENCE, SENTENCE, SENTENCE]
    assert x.warnings and "only 1 word" in x.warnings[0]


def test_no_fallback_when_the_extraction_has_an_article(monkeypatch):
    page = "<html><body><nav>Home News Sport</nav>" + f"<p>{SENTENCE}</p>" * 3 + "</body></html>"
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: f"{SENTENCE}\n{SENTENCE}")
    x = extract_html(page)
    assert x.text == f"{SENTENCE}\n{SENTENCE}" and x.warnings == ()


def test_no_fallback_without_visible_text_or_on_binary_junk():
    import random

    for page in ("<html><head><title>T</title></head><body><script>x()</script></body></html>",
                 "<div>" * 100 + "deep" + "</div>" * 100,
                 random.Random(0).randbytes(50_000).decode("latin-1")):
        x = extract_html(page)
        assert x.text == "" and x.warnings == (), page[:40]


def test_the_cleaner_keeps_the_fallback_text():
    from cleaner import clean

    r = clean(f"<p>{SENTENCE}</p>", html=True)
    assert r.text == SENTENCE
