"""Cleaning is idempotent given what the first cleaning found: ``clean(r.text, title=r.title)`` is ``r.text``.

The dev sets check it on every page in every mode (``make quality``, column "changed again"); these are
the kinds of document that once changed on a second cleaning, kept as regression tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner

BODY = (
    "The council approved the budget on Tuesday after a debate that lasted most of the day, officials said.\n"
    "The vote ends a year of talks between the city and the unions over pay and pensions for its staff."
)
HTML = (
    "<html><head><title>Council approves budget | The Example Times</title></head><body><article>"
    "<h1>Council approves budget</h1><p>A year of talks ends with a vote</p>"
    + "".join(f"<p>{p}</p>" for p in BODY.split("\n"))
    + "</article></body></html>"
)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.mark.rule_id("heuristic.title.known")
def test_a_known_title_cuts_only_the_line_that_carries_it(cleaner: Cleaner) -> None:
    r = cleaner.clean("Council approves budget\n" + BODY, title="Council approves budget | The Example Times")
    assert r.title == "Council approves budget"
    assert [x.rule for x in r.removed] == ["heuristic.title.known"]
    # a headline-shaped first line that is not the known title stays: it is the article's own line
    r = cleaner.clean("A year of talks ends with a vote\n" + BODY, title="Council approves budget")
    assert r.removed == ()
    assert r.title == "Council approves budget"


@pytest.mark.rule_id("heuristic.title")
def test_without_a_title_a_headline_shaped_first_line_is_taken_as_the_headline(cleaner: Cleaner) -> None:
    r = cleaner.clean("A year of talks ends with a vote\n" + BODY)
    assert r.title == "A year of talks ends with a vote"


def test_html_output_cleaned_again_with_its_title_is_unchanged(cleaner: Cleaner) -> None:
    """The standfirst under a page's headline is headline-shaped: with the title known it stays, and it
    must stay on a second cleaning too."""
    r = cleaner.clean(HTML, html=True)
    assert r.text.startswith("A year of talks ends with a vote")
    assert cleaner.clean(r.text, title=r.title, html=False).text == r.text


def test_a_given_title_replaces_the_pages_own(cleaner: Cleaner) -> None:
    r = cleaner.clean(HTML, html=True, title="A year of talks ends with a vote")
    assert r.title == "A year of talks ends with a vote"
    assert [x.text for x in r.removed] == ["A year of talks ends with a vote"]
    assert r.text.startswith("Council approves budget\nThe council approved")


@pytest.mark.rule_id("counter-line")
def test_a_rule_over_its_limit_decides_the_same_on_its_survivors(cleaner: Cleaner) -> None:
    """counter-line (max_per_doc 3) keeps a column of numbers; when other stages cut some of them the
    survivors are what a second cleaning sees, so the first cleaning settles them the same way."""
    scores = "\n".join(f"Player {i}\n{9 - i}.{i}" for i in range(6))
    once = cleaner.clean("The season's ratings, as the league published them on Sunday night after the final.\n" + scores)
    assert cleaner.clean(once.text, title=once.title).text == once.text
    assert "9.0" in once.text.split("\n")


@pytest.mark.rule_id("heuristic.title.known")
def test_a_lead_sentence_that_retells_the_title_is_not_the_title(cleaner: Cleaner) -> None:
    """Once the headline is cut, the lead often retells it as a sentence; with the title known, a second
    cleaning must not take the lead for the headline."""
    title = "Actor eliminated from dance show after family news"
    text = "Actor eliminated from dance show after family news\nActor has been eliminated from dance show after family news.\n" + BODY
    once = cleaner.clean(text, title=title)
    assert once.text.startswith("Actor has been eliminated")
    assert cleaner.clean(once.text, title=once.title).text == once.text


def test_title_field_in_the_cli_and_the_dask_step(tmp_path) -> None:
    """``--title-field`` hands each record's known headline to the cleaner, as ``title=`` does: the
    standfirst under it stays; without it, it is taken as the headline."""
    import json
    import subprocess
    import sys

    from cleaner.dask import clean_records

    text = "A year of talks ends with a vote\n" + BODY
    rec = {"id": 1, "headline": "Council approves budget", "text": text}
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    for extra, first in (([], "The council approved"), (["--title-field", "headline"], "A year of talks")):
        out = tmp_path / "out.jsonl"
        r = subprocess.run([sys.executable, "-m", "cleaner.cli", "clean", str(src), "-o", str(out), "--quiet", *extra],
                           capture_output=True, timeout=120)
        assert r.returncode == 0, r.stderr
        got = json.loads(out.read_text(encoding="utf-8"))
        assert got["text"].startswith(first)
        assert got["headline"] == rec["headline"]
    assert clean_records([dict(rec)], title_field="headline")[0]["text"].startswith("A year of talks")


@pytest.mark.rule_id("heuristic.title.known")
def test_a_headline_repeated_under_the_byline_goes_on_the_first_cleaning(cleaner: Cleaner) -> None:
    """A page header (headline, byline) over the headline again: the header stage takes the first copy,
    and the second copy, at the top of what is left, must go on the first cleaning, not the second."""
    text = ("Kyle Howells\nBlog\nPorting a Parser to Swift\nBy Kyle Howells\nPorting a Parser to Swift\n" + BODY + "\n" + BODY)
    once = cleaner.clean(text)
    assert cleaner.clean(once.text, title=once.title).text == once.text


FIXTURES = sorted(
    p for p in (Path(__file__).parent / "fixtures").rglob("*.txt") if not p.name.endswith(".expected.txt")
)


@pytest.mark.parametrize("given", [None, "extract", "page"])
@pytest.mark.parametrize("path", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_every_fixture_is_a_fixed_point_given_its_title(cleaner: Cleaner, path: Path, given: str | None) -> None:
    """Every page of our own (full pages, pages cleaner once damaged, other scripts), cleaned as it comes,
    as an extract and as a page: cleaning the output again with the same options and its title changes
    nothing. (A full page said to be an extract keeps its menus; cleaned again without saying so, it is
    found to be a page and loses them: the caller's options are part of the contract.)"""
    once = cleaner.clean(path.read_text(encoding="utf-8"), html=False, input=given)
    assert cleaner.clean(once.text, title=once.title, html=False, input=given).text == once.text


@pytest.mark.rule_id("symbol-only-line")
def test_rules_judge_a_line_as_the_output_shows_it(cleaner: Cleaner) -> None:
    """A line with runs of spaces is matched folded, as the output shows it: a box drawing of 43
    characters (39 once folded, under symbol-only-line's 40) goes the first time, not on a second
    cleaning; and a partial cut on such a line lands on the line's own offsets (replay gives the text)."""
    from cleaner import replay

    box = "┌─────────────────┐     ┌─────────────────┐"
    after = "Work on the new bridge starts in the spring, and the mayor expects it to open within two years."
    once = cleaner.clean(BODY + "\n" + box + "\n" + after, input="extract")
    assert [x.rule for x in once.removed] == ["symbol-only-line"]
    assert "┌" not in once.text
    assert cleaner.clean(once.text, title=once.title, input="extract").text == once.text
    src = " date  2025-05-09   Washington, May 9 (IANS)  The council approved the budget on Tuesday after a long debate.\n" + BODY
    r = cleaner.clean(src)
    assert r.text.startswith("Washington, May 9 (IANS) The council approved")
    assert replay(r.source, r.removed) == r.text
    assert r.date == "2025-05-09"


OTHER = (
    "Unions said they would study the deal before a ballot of members next month.\n"
    "The mayor called it a fair settlement that the city could afford without raising taxes."
)


def _twice(cleaner: Cleaner, text: str, title: str | None = None, **kw: object) -> tuple[str, str]:
    once = cleaner.clean(text, html=False, title=title, **kw)
    return once.text, cleaner.clean(once.text, title=once.title, html=False, **kw).text


@pytest.mark.rule_id("heuristic.repeated-line")
def test_a_paragraph_repeated_with_a_no_break_space_is_a_repeat_the_first_time(cleaner: Cleaner) -> None:
    """The output folds a no-break space to a space; the repeats stage must compare the lines so too, or
    a paragraph quoted again with one (a forum's quote) is cut only by a second cleaning."""
    quote = "There is a common view that software needs updates forever. As a general rule, that is true."
    text = "\n".join([BODY, quote, "I disagree with this, and here is why I think so.", quote.replace(" As", "\u00a0 As")])
    once, again = _twice(cleaner, text)
    assert once.count("There is a common view") == 1
    assert again == once


@pytest.mark.rule_id("menu-control")
def test_a_line_the_stutter_shortened_is_judged_by_the_rules(cleaner: Cleaner) -> None:
    """``print Print`` shows ``Print`` once its doubled word is cut: a lone share button, which the rules
    cut on the first cleaning, not the second."""
    once, again = _twice(cleaner, BODY + "\nprint Print\n" + OTHER)
    assert "Print" not in once.split("\n")
    assert again == once


@pytest.mark.rule_id("published-updated-header")
def test_head_rules_see_the_line_under_a_headline_that_was_cut(cleaner: Cleaner) -> None:
    """The head rules look down to the article block's first line; when that line is the headline and the
    headline goes, the line under it opens the output, and a second cleaning judges it by the head rules."""
    title = "How accurate is the new budget for the city?"
    once, again = _twice(cleaner, f"9 min read\n19/12/2025\n{title}\nLast Updated: December 2025.\n{BODY}", title=title)
    assert once.startswith("The council approved")
    assert again == once


def test_a_table_broken_up_by_the_cuts_around_it_gives_its_cells_back_to_the_rules() -> None:
    """The tables stage takes back what rules cut in a table's cells (a ``%`` header); when the stages
    after it cut the rest of the table, the cell is no table's any more and the rule's cut stands, as it
    does on a second cleaning."""
    from cleaner.document import Doc
    from cleaner.heuristics.zones import find_tables, find_tables_again

    rows = "".join(f"{i}\nPlayer {i}\n{90 - i}\n{i % 3}\n" for i in range(1, 6))
    doc = Doc("The season's statistics are below, as the club published them.\nPos\nPlayer\n%\nWins\n" + rows)
    doc.cut_line(doc.lines[3], "ui_chrome", "symbol-only-line")
    find_tables(doc)
    assert doc.lines[3].cut is None  # a header cell
    find_tables_again(doc)
    assert doc.lines[3].cut is None  # still a table
    for ln in doc.lines[5:]:
        doc.cut_line(ln, "boilerplate", "heuristic.page.outside-article")
    find_tables_again(doc)
    assert doc.lines[3].cut is not None and doc.lines[3].cut.rule == "symbol-only-line"


@pytest.mark.rule_id("heuristic.comments.section")
def test_like_counts_alone_do_not_make_a_listing_a_comment_section(cleaner: Cleaner) -> None:
    """An app directory prints each entry's likes under a ``2 comments`` link: counts are no comment's
    marks on their own (a comment has a name that says, a time, a reply button)."""
    entries = "\n".join(
        f"App {i}\n{100 + i} likes\nA note-taking app with sync, tags and an editor that works offline, number {i}."
        for i in range(6)
    )
    text = BODY + "\n" + BODY.replace("council", "city") + "\n2 comments\n" + entries
    once, again = _twice(cleaner, text)
    assert "App 5" in once
    assert again == once
    forum = BODY + "\n" + BODY.replace("council", "city") + "\n2 Comments\njoe123 says:\n3 likes\nGreat news for us all."
    assert "joe123" not in cleaner.clean(forum).text


@pytest.mark.rule_id("heuristic.tag-list")
def test_a_products_name_is_no_tag_list(cleaner: Cleaner) -> None:
    """A product's name strings features with commas, one of them opening in lower case (``with Active
    Noise Cancellation``): not a tag list; nor are prices with thousands separators."""
    for line in ("Model 4 Wireless Earbuds, Bluetooth Headphones, with Active Noise Cancellation, Adaptive",
                 "$1,626.00 $1,095.00"):
        assert line in cleaner.clean(BODY + "\n" + OTHER + "\n" + line).text


def test_a_page_with_no_article_is_cleaned_as_an_extract_and_stays_so(cleaner: Cleaner) -> None:
    """A full page whose run heuristics would take far more than they leave has no article: its lists are
    the content. The page is cleaned again as an extract (as a second cleaning of the output is), so the
    stages after the runs (here the stutter) see the lines the output keeps."""
    menu = "Home\nNews\nShop\nDeals\nHelp\nLog in\nSign up\nShare\nSubscribe"
    footer = "Privacy Policy\nTerms of Use\nCookie settings\n© 2025 Example Shop"
    shelf = "\n".join(f"Model {i} Earbuds\n${i}9.00\nIn stock\nQuick view View Options" for i in range(15))
    once = cleaner.clean(f"{menu}\nBest sellers in headphones\n{shelf}\n{footer}", html=False, input="page")
    assert once.input == "extract"
    assert any(w.startswith("safety: the run heuristics cut") for w in once.warnings)
    assert once.text.count("Earbuds") == 15 and "Quick View Options" in once.text
    assert cleaner.clean(once.text, title=once.title, html=False).text == once.text


@pytest.mark.rule_id("heuristic.related.truncated")
def test_an_extract_with_no_article_keeps_its_teasers(cleaner: Cleaner) -> None:
    """Truncated teasers stand beside an article; on a listing of them there is none, and they are its
    entries: kept on the first cleaning and on the second."""
    from cleaner.document import Doc
    from cleaner.pipeline import _keep_teasers

    names = ["Fairview", "Sarova", "Tribe", "Hemingways", "Ole Sereni", "Radisson", "Kempinski", "Movenpick"]
    listing = "\n".join(f"{n} Hotel debuts in Nairobi\n{n} - one of the best loved hotels - is joining a group…"
                        for n in names)
    once, again = _twice(cleaner, "Now open\n" + listing, input="extract")
    assert once.count("…") == 8
    assert again == once
    doc = Doc(BODY + "\n" + listing)  # beside an article, teasers are cut
    doc.input = "extract"
    for ln in doc.lines[3::2]:
        doc.cut_line(ln, "related", "heuristic.related.truncated")
    assert not _keep_teasers(doc)


def test_a_document_without_prose_needs_interface_lines_to_be_a_page(cleaner: Cleaner, monkeypatch) -> None:
    """With no prose there is no language to go by and every language's rules apply: they can name the
    interface lines a page has, so a document without them (an extract of a shop's shelf, or the output
    of cleaning one) is not a page, however menu-like its lines: cleaned again, it is not cut as one."""
    import cleaner.heuristics.page as page

    monkeypatch.setattr(page, "is_full_page", lambda doc: True)  # the furniture test, on its own, says page
    shelf = "\n".join(f"Camera {i} Mirrorless Kit\n${i}19.00\nIn Stock" for i in range(12))
    assert cleaner.clean(shelf, html=False).input == "extract"
    ui = "Log in\nSign up\nShare\nSubscribe\n"  # (the safety net would then find no article: off here)
    assert Cleaner(skip=["safety-net"]).clean(ui + shelf, html=False).input == "page"


@pytest.mark.rule_id("heuristic.tag-list")
def test_a_tag_box_reads_past_a_tag_another_stage_cut() -> None:
    """A tag the repeats stage took (``Entertainment`` printed in the menu too) is absent from the output:
    the box under ``Filed under:`` goes on past it, as a second cleaning, which no longer sees it, does."""
    from cleaner.document import Doc
    from cleaner.heuristics.tags import find_tag_boxes

    doc = Doc("Filed under:\nEntertainment\nTech\nTV Shows\n" + BODY)
    doc.cut_line(doc.lines[1], "duplicate_line", "heuristic.repeated-line")
    find_tag_boxes(doc)
    assert [ln.cut.rule if ln.cut else None for ln in doc.lines[:4]] == [
        "heuristic.tag-list", "heuristic.repeated-line", "heuristic.tag-list", "heuristic.tag-list"]


@pytest.mark.rule_id("heuristic.repeated-line")
def test_a_quote_whose_attribution_another_stage_cut_reads_as_a_repeat() -> None:
    """A forum reply's quote stays under its attribution (``Jane said:``). On a full page the menu stage
    may take the attribution for a label; the output then shows the quote as the same paragraph written
    twice, and a second cleaning would cut it: the repeats pass after the zone stages cuts it then."""
    from cleaner.document import Doc
    from cleaner.heuristics.repeats import find_repeated_lines

    post = [
        "I keep my winter tyres stacked in the shed on a pallet, away from the window and the boiler.",
        "They have lasted six seasons that way without any cracks, so I would not worry too much.",
    ]
    lines = [*post, "Reply", "Jane said:", *post, "Thanks, that is good to know before I buy a cover."]
    d = Doc("\n".join(lines))
    find_repeated_lines(d)
    assert not any(ln.cut for ln in d.lines)  # the quote stays under its attribution
    d.cut_line(d.lines[3], "navigation", "heuristic.navigation.label-run")  # the attribution taken for a label
    find_repeated_lines(d)
    assert [ln.idx for ln in d.lines if ln.cut and ln.cut.rule == "heuristic.repeated-line"] == [4, 5]
    again = Doc("\n".join(ln.text for ln in d.lines if not ln.cut))
    find_repeated_lines(again)
    assert not any(ln.cut for ln in again.lines)  # a second cleaning has nothing left to cut


@pytest.mark.rule_id("heuristic.repeated-line")
def test_a_quote_under_an_attribution_in_another_language_stays() -> None:
    """The attribution's verbs are the comment stage's (``schrieb``, ``a dit``, ``escribió`` …)."""
    from cleaner.document import Doc
    from cleaner.heuristics.repeats import find_repeated_lines

    post = [
        "Ich lagere meine Winterreifen seit Jahren im Keller, liegend und ohne Felgen, und das geht gut.",
        "Wichtig ist nur, dass sie nicht neben der Heizung liegen und kein Licht abbekommen.",
    ]
    d = Doc("\n".join([*post, "Antworten", "Jan schrieb:", *post, "Danke, dann mache ich das auch so im Winter."]))
    find_repeated_lines(d)
    assert not any(ln.cut for ln in d.lines)


def test_a_table_cell_the_last_passes_leave_alone_is_judged_again(cleaner: Cleaner) -> None:
    """Product cards written one cell a line (name, count, price, ``Loading...``, buttons) read as a
    table, whose cells the rules may not cut; later passes cut the cards' buttons and break it, and a
    second cleaning, which sees no table, cut the placeholders. The cells are judged again after those passes."""
    art = [
        "Magnetic tools for repair",
        "Organize all your small parts while you work on a device, and keep notes on its dry erase surface as "
        "you go along with the repair.",
        "Screws and small parts stay where you put them, even when the mat is tilted or moved from one bench to "
        "another during the repair.",
        "I had tried the plastic tools left over from an earlier repair and found them useless for this one; "
        "this tool was the best designed for the job, and I could not have opened the case without it.",
    ]
    cards = [("Pry Tool", "874", "$3.49", True), ("Precision Screwdriver Set - 15 Drivers", "52", "$49.99", True),
             ("Starter Electronics Toolkit", "1210", "$27.95", True), ("Static-Safe Parts Tray", "610", "$5.99", False),
             ("Screen Cleaning Bundle", "63", "$21.99", True), ("Driver Kit - 32 Bits", "341", "$18.95", True)]
    lines = [*art, "see more reviews", "Featured Products"]
    for name, count, price, guarantee in cards:
        lines += [name, count, price, "Loading...", "Add to cart"] + (["Lifetime Guarantee"] if guarantee else [])
    lines += ["We stand behind our tools. If one breaks, we replace it for as long as you own it.", "Learn more",
              "Example Tools", "About us", "Customer Support", "Forum", "Careers", "API", "Resources", "Community",
              "Wholesale", "Store Locator", "For Makers", "Press", "News", "Legal", "Accessibility", "Privacy",
              "Terms", "Cookie Consent", "Download the app", "Stay in the loop", "Learn something new every month!",
              "Subscribe"]
    first = cleaner.clean("\n".join(lines), html=False)
    assert cleaner.clean(first.text, title=first.title, html=False).text == first.text


@pytest.mark.parametrize("given", [None, "extract", "page"])
def test_a_program_whose_closing_lines_a_rule_cut_is_the_same_program_cleaned_again(
    cleaner: Cleaner, given: str | None
) -> None:
    """Two calls pass the same two arguments, and a rule cuts each call's lone ``);`` and ``}``. The
    program's lines are no repeats; a second cleaning, which no longer sees the closing lines, must find
    the same program (its marks are counted on the lines the output shows), or it cuts the second copy
    of ``this.handleStatusChange`` as a block scraped twice."""
    text = "\n".join([
        "A component that shows whether a friend is online subscribes to the chat service when it mounts, "
        "and has to unsubscribe when it goes away.",
        "Subscribing happens when the component mounts:",
        "componentDidMount() {", "ChatAPI.subscribeToFriendStatus(", "this.props.friend.id,", "this.handleStatusChange",
        ");", "}",
        "Unsubscribing mirrors it when the component unmounts, with the same two arguments:",
        "componentWillUnmount() {", "ChatAPI.unsubscribeFromFriendStatus(", "this.props.friend.id,",
        "this.handleStatusChange", ");", "}",
        "Forget the second method and every friend you ever looked at keeps a subscription open until the page "
        "is closed.",
    ])
    once = cleaner.clean(text, html=False, input=given)
    assert once.text.count("this.handleStatusChange") == 2
    assert cleaner.clean(once.text, title=once.title, html=False, input=given).text == once.text
