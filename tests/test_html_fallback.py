"""HTML mode extracts in trafilatura's precision mode and falls back to its default settings when
precision mode keeps next to nothing (it pruned the article itself)."""

from __future__ import annotations

import trafilatura

from cleaner import html as html_mod


def _fake_extract(short: str, full: str):
    calls: list[bool] = []

    def extract(page, url=None, include_comments=True, favor_precision=False, **kwargs):
        calls.append(favor_precision)
        return short if favor_precision else full

    return extract, calls


def test_precision_mode_is_used_when_it_keeps_the_article(monkeypatch) -> None:
    article = "The council approved the budget on Tuesday after a long debate. " * 10
    extract, calls = _fake_extract(article, article + " And a teaser list.")
    monkeypatch.setattr(trafilatura, "extract", extract)
    assert html_mod._article_text("<html></html>", None) == article
    assert calls == [True]


def test_default_mode_is_taken_when_precision_mode_keeps_next_to_nothing(monkeypatch) -> None:
    article = "The council approved the budget on Tuesday after a long debate. " * 10
    extract, calls = _fake_extract("This copy is for your personal use only.", article)
    monkeypatch.setattr(trafilatura, "extract", extract)
    assert html_mod._article_text("<html></html>", None) == article
    assert calls == [True, False]


def test_short_precision_text_stays_when_the_default_finds_no_more(monkeypatch) -> None:
    extract, calls = _fake_extract("A short note.", "")
    monkeypatch.setattr(trafilatura, "extract", extract)
    assert html_mod._article_text("<html></html>", None) == "A short note."
    assert calls == [True, False]
