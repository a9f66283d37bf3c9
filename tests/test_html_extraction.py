"""HTML mode extracts with trafilatura's default settings, not its precision mode: on pages it was not
tuned on, precision mode prunes content, and cleaning cannot bring back what was pruned."""

from __future__ import annotations

import trafilatura

from cleaner import html as html_mod


def test_the_default_extraction_is_used(monkeypatch) -> None:
    calls: list[dict] = []

    def extract(page, url=None, **kwargs):
        calls.append(kwargs)
        return "The council approved the budget on Tuesday after a long debate."

    monkeypatch.setattr(trafilatura, "extract", extract)
    assert html_mod._article_text("<html></html>", None).startswith("The council")
    assert calls == [{"include_comments": False}]


def test_a_listing_keeps_its_entries() -> None:
    # a page whose content is a list of short entries between paragraphs: the kind precision mode prunes
    entries = "".join(
        f"<li><a href='/job/{i}'>Site engineer {i}</a> — Leeds — £{30 + i},000 a year</li>" for i in range(8)
    )
    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/jobs'>Jobs</a></nav><main><h1>Engineering jobs in Leeds</h1>"
        "<p>We list every engineering vacancy in the city, updated each morning from the employers themselves.</p>"
        f"<ul>{entries}</ul><p>Employers can post a vacancy for free during the first month of the service.</p>"
        "</main><footer>© 2024 Jobs Board</footer></body></html>"
    )
    text = html_mod.extract_html(page).text
    assert sum(f"Site engineer {i}" in text for i in range(8)) >= 6
