"""What cleaner was given (page, extract, article), the stage switches, and the warnings that say when
cleaning took most of a document."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cleaner import Cleaner, clean
from cleaner.cli import INPUTS as CLI_INPUTS
from cleaner.pipeline import INPUTS, STAGES

P1 = "The council approved the new budget on Tuesday night after a debate that lasted most of the day."
P2 = "The plan adds forty police officers and extends the opening hours of six public libraries."
P3 = "Opposition members said the figures were optimistic and asked for an independent review."
MENU = ["Login", "Subscribe", "Share", "Home", "News", "Sport", "Business", "Culture", "Travel", "Weather"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "Cookie settings", "Careers", "Advertise"]
PAGE = "\n".join([*MENU, P1, P2, P3, *FOOTER])


def test_a_full_page_scrape_is_detected_as_a_page(cleaner: Cleaner) -> None:
    r = cleaner.clean(PAGE)
    assert r.input == "page"
    assert r.text == "\n".join([P1, P2, P3])


def test_an_extract_is_detected_as_one_and_keeps_its_short_lines(cleaner: Cleaner) -> None:
    doc = "\n".join([P1, "What changes", P2, "Who pays", P3])
    r = cleaner.clean(doc)
    assert r.input == "extract"
    assert r.text == doc


def test_html_is_an_extract(cleaner: Cleaner) -> None:
    page = f"<html><body><article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>"
    assert cleaner.clean(page, html=True).input == "extract"


def test_the_caller_can_say_what_the_text_is(cleaner: Cleaner) -> None:
    assert cleaner.clean(PAGE, input="extract").input == "extract"
    assert cleaner.clean(PAGE, input="article").input == "article"
    assert clean(PAGE, input="page").input == "page"


def test_furniture_is_cut_around_the_article_of_a_page_only(cleaner: Cleaner) -> None:
    # a blurb far below the article, behind a menu: page furniture on a page, kept in an extract. The
    # article holds nine tenths of the prose (page.MIN_BLOCK_SHARE); a blurb of more weight would be a rival.
    blurb = "Our newsroom has covered the city since 1887."
    more = [
        "The mayor said the plan would be reviewed again in the spring, once the first figures were in.",
        "Residents will be able to comment on the proposals at three public meetings next month.",
        "The budget also sets aside money for repairs to the old library on the market square.",
    ]
    doc = "\n".join([*MENU, P1, P2, P3, *more, *FOOTER, blurb])
    assert blurb not in cleaner.clean(doc, input="page").text
    assert blurb in cleaner.clean(doc, input="extract").text


def test_a_block_that_is_not_most_of_the_prose_leaves_the_rest_alone(cleaner: Cleaner) -> None:
    # a forum thread: each post is a paragraph run between user and date lines; none is "the" article
    posts = [
        "I replaced the chain last week and the gears still skip under load on the steep hills near home.",
        "Check the cassette too, a worn one skips with a new chain even when the derailleur is set right.",
        "Thanks, the cassette was worn down badly, and a new one fixed the skipping on the first ride out.",
    ]
    lines = [*MENU]
    for i, post in enumerate(posts):
        lines += [f"rider{i}", "Reply", "Quote", f"March {i + 3}, 2024", post]
    lines += FOOTER
    out = cleaner.clean("\n".join(lines)).text
    for post in posts:
        assert post in out


@pytest.mark.parametrize("bad", ["full", "", "PAGE"])
def test_unknown_input_is_refused(cleaner: Cleaner, bad: str) -> None:
    with pytest.raises(ValueError, match="input must be one of page, extract, article"):
        cleaner.clean(P1, input=bad)


def test_cli_inputs_are_the_pipelines() -> None:
    assert CLI_INPUTS == INPUTS


def test_cli_input_flag(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": PAGE}) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "cleaner.cli", "clean", str(src), "-o", "-", "--quiet", "--jobs", "1", "--input", "extract"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert json.loads(out)["cleaner"]["input"] == "extract"


def test_stages_can_be_switched_off_by_name() -> None:
    c = Cleaner(skip=["rules"])
    assert "Login" in c.clean("Login\n" + P1).text
    with pytest.raises(ValueError, match="unknown stage"):
        Cleaner(skip=["no-such-stage"])
    assert set(STAGES) >= {"rules", "zones", "page-furniture", "safety-net"}


def test_an_html_page_with_no_article_says_so(cleaner: Cleaner) -> None:
    # a page of a few hundred characters with no text in it: an empty result, never without a word
    page = "<html><head><title>Budget</title><script>" + "var tracking = [];" * 20 + "</script></head><body></body></html>"
    r = cleaner.clean(page, html=True)
    assert r.text == ""
    assert r.warnings == (f"empty: the HTML extractor found no article text in a page of {len(page)} characters",)


def test_cutting_most_of_the_prose_is_reported(tmp_path) -> None:
    # a rule of the user's that takes two of the three paragraphs: the cut stands, with a warning
    rules = tmp_path / "r.toml"
    rules.write_text(
        '[[rule]]\nid = "council-lines"\nkind = "boilerplate"\ndescription = "test"\n'
        "pattern = '''(?:the council|the plan).*'''\n"
        'examples.remove = ["The council met."]\nexamples.keep = ["A council of war."]\n',
        encoding="utf-8",
    )
    r = Cleaner([rules]).clean("\n".join([P1, P2, P3]))
    assert r.text == P3
    assert any(w.startswith("safety: the cuts took") for w in r.warnings)


def test_a_long_paragraph_that_lost_its_end_is_still_prose() -> None:
    from cleaner.document import Line

    text = " ".join([P1, P2, P3, P1, P2, P3]) + " Read in browser »"
    assert Line(0, 0, len(text), text).prose
    menu = "Home News Sport Business Culture Travel Weather " * 10
    assert not Line(0, 0, len(menu), menu.strip()).prose


def test_a_tutorial_about_html_is_text_not_a_page(cleaner: Cleaner) -> None:
    # an extractor's output of a documentation page quotes markup on some lines; read as HTML, the
    # extractor found nothing in it and the whole text went
    doc = "\n".join([
        "A form collects what the visitor types and sends it to the server for the view to handle.",
        '<form action="/your-name/" method="post">',
        '<div class="field"><label for="your_name">Your name: </label></div>',
        '<div class="field"><input id="your_name" type="text" name="your_name"></div>',
        "</form>",
        "The browser sends the data to the URL in the action attribute, with the method given.",
        "The view then reads the posted data, checks it and answers with a page or a redirect.",
        "Django renders the same form from a class, so the markup never has to be written by hand.",
    ])
    from cleaner.decode import looks_like_html

    assert not looks_like_html(doc)
    r = cleaner.clean(doc)
    assert r.text == doc and r.input == "extract" and r.source == doc  # cleaned as text, not extracted


# -- a language with no rule files of its own (Russian here): only the rules for every language name its
# interface, so a page must show the legal footer they name (a copyright line) after its article
RU = [
    "Городской совет во вторник утвердил новый бюджет после долгих споров, которые длились почти весь день.",
    "План предусматривает сорок новых полицейских и продлевает часы работы шести городских библиотек.",
    "Депутаты оппозиции назвали расчёты слишком оптимистичными и потребовали независимой проверки.",
    "Мэр пообещал, что жители смогут обсудить проект на трёх открытых встречах в следующем месяце.",
]
RU_MENU = ["Главная", "Новости", "Политика", "Экономика", "Спорт", "Культура", "Погода"]
RU_FOOTER = ["О проекте", "Контакты", "Реклама", "Вакансии"]


def test_an_extract_in_a_language_without_rules_keeps_its_contents_list(cleaner: Cleaner) -> None:
    # An extractor's output of a long article: its table of contents above the text, a short list under it.
    # Short lines around the block are all the furniture a page would show, but nothing names them as
    # interface: measured with every dev page cleaned as a language without rules, taking such documents
    # for pages made 62 extractor outputs worse and cost 21 a fifth of their article (13 and 3 now).
    toc = ["Содержание", "Бюджет города", "Полиция", "Библиотеки", "Транспорт", "Школы", "Парки"]
    doc = "\n".join([*toc, *RU, "Читайте также", "Бюджет", "Школы"])
    r = cleaner.clean(doc)
    assert (r.language, r.input) == ("ru", "extract")
    assert r.text == doc


def test_a_page_in_a_language_without_rules_is_known_by_its_copyright_line(cleaner: Cleaner) -> None:
    page = "\n".join([*RU_MENU, *RU, *RU_FOOTER, "Copyright (с) ООО «Городские новости»"])
    r = cleaner.clean(page)
    assert (r.language, r.input) == ("ru", "page")
    assert r.text == "\n".join(RU)
    # without it, doubt keeps the lines: an extract, and its menus stay
    assert cleaner.clean("\n".join([*RU_MENU, *RU, *RU_FOOTER])).input == "extract"


HEADER = ["Skip to content", "Menu", "Log in", "Home", "News", "Sport", "Business", "Culture", "Travel"]
SHARE_ROW = ["Share this article", "Facebook", "Twitter"]
BOTTOM = ["Sign up for our newsletter", "Follow us", "Most read", "Ferry fares rise again", "Bridge closed for repairs"]


def test_a_page_without_a_legal_line_is_known_by_its_header_and_footer(cleaner: Cleaner) -> None:
    # A blog's or a small paper's page whose footer names no privacy page or copyright: interface lines of
    # three kinds after the article (share row, newsletter box, follow-us) and two above its first
    # paragraph (skip link, log-in, menu control). Measured on every dev page: text mode 16 pages up
    # (+1.47 F1 in sum), none down; post and html unchanged (extracts lack the header).
    page = "\n".join([*HEADER, P1, P2, P3, *SHARE_ROW, *BOTTOM])
    r = cleaner.clean(page)
    assert r.input == "page"
    assert r.text == "\n".join([P1, P2, P3])


def test_a_share_row_alone_or_a_footer_without_header_is_no_page(cleaner: Cleaner) -> None:
    # Two kinds after the article (a share row an extractor kept, a forum's Reply / Copy link under each
    # post) are not enough: with two, taking extracts for pages cut a Stack Overflow thread's answers.
    few = "\n".join([*HEADER, P1, P2, P3, *SHARE_ROW, "Most read", "Ferry fares rise again"])
    assert cleaner.clean(few).input == "extract"
    # and a footer of many kinds under an extract that dropped the page's header
    headless = "\n".join(["Home", "News", "Sport", "Business", "Culture", P1, P2, P3, *SHARE_ROW, *BOTTOM])
    assert cleaner.clean(headless).input == "extract"
