"""A floor on accuracy for whole scraped pages, the way a naive scraper hands them to ``clean``.

``tests/fixtures/fullpage/NAME.txt`` is a page as visible text, one block per line, written for these
tests (no page or gold text of any benchmark): skip links and menus, a breadcrumb, the headline, the
byline and date, the article (subheadings, a list, a Q&A, an inline "read also"), share buttons, tags,
related headlines, teaser cards, readers' comments and their reply form, a newsletter box, a cookie
notice and the footer, in several layouts and in English, German, French and Spanish.
``NAME.expected.txt`` holds the article's paragraphs, one per line, without the headline.

Each page must keep every article paragraph, reach ``PAGE_FLOOR`` token F1
(:func:`cleaner.evaluate.token_prf`), and the pages together ``MEAN_FLOOR``. Cleaning the output
again must change nothing.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.evaluate import token_prf

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "fullpage"
PAGES = sorted(p for p in FIXTURES.glob("*.txt") if not p.name.endswith(".expected.txt"))
#: token F1 every page must reach, and the mean over the pages
PAGE_FLOOR = 0.90
MEAN_FLOOR = 0.96


def _expected(page: Path) -> str:
    return page.with_name(page.stem + ".expected.txt").read_text(encoding="utf-8")


def test_fixtures_are_there() -> None:
    assert len(PAGES) >= 6
    assert {p.name.split("-")[0] for p in PAGES} >= {"en", "de", "fr", "es"}
    for page in PAGES:
        assert page.with_name(page.stem + ".expected.txt").is_file(), page.name


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_page_keeps_every_article_paragraph(cleaner: Cleaner, page: Path) -> None:
    out = cleaner.clean(page.read_text(encoding="utf-8"), html=False).text.split("\n")
    lost = [p for p in _expected(page).splitlines() if p.strip() and p.strip() not in out]
    assert lost == [], f"{page.name}: article paragraphs lost: {lost}"


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_page_token_f1_floor(cleaner: Cleaner, page: Path) -> None:
    text = cleaner.clean(page.read_text(encoding="utf-8"), html=False).text
    precision, recall, f1 = token_prf(text, _expected(page))
    assert f1 >= PAGE_FLOOR, f"{page.name}: token F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}) < {PAGE_FLOOR}"


def test_mean_token_f1_floor(cleaner: Cleaner) -> None:
    scores = [token_prf(cleaner.clean(p.read_text(encoding="utf-8"), html=False).text, _expected(p))[2] for p in PAGES]
    assert statistics.mean(scores) >= MEAN_FLOOR, dict(zip([p.stem for p in PAGES], scores, strict=True))


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_page_cleaning_is_idempotent(cleaner: Cleaner, page: Path) -> None:
    once = cleaner.clean(page.read_text(encoding="utf-8"), html=False).text
    assert cleaner.clean(once, html=False).text == once
