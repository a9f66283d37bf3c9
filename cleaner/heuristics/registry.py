"""The registry of everything a heuristic cuts: one record per heuristic id, like a rule's.

A rule of ``rules/*.toml`` says what it is in its file: kind, description, pattern, examples. A heuristic
is code, so its record lives here: the id its cuts carry, the kind of residue, the pipeline stage that
runs it and the function that makes the cut, what it catches, why that is residue, and documents it
must cut or leave, which run as tests (``pytest -k heuristic.title``) and in ``cleaner rules check``.
``cleaner rules list`` and ``cleaner rules show ID`` print heuristics beside the rules.

Properties the stages once read off an id's spelling are fields here: ``needs_article`` (a run
heuristic, which tells a menu from content by its shape beside an article: the safety net takes its cuts
back when no article is found) and ``takes_prose`` (it takes prose on purpose, readers' comments: the
safety net does not count that prose as lost).

In an example document, a line that starts with ``✂ `` (the marker is removed before cleaning) must be
cut, whole or in part, by the heuristic; no other line may be. A keep document must come through
without a cut by it.

Example:
    >>> HEURISTICS["heuristic.related.truncated"].stage
    'related'
    >>> needs_article("heuristic.navigation.label-run"), needs_article("login-link")
    (True, False)
    >>> parse_example("Body.\\n✂ Teaser…")
    ('Body.\\nTeaser…', (1,))
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from pathlib import Path

from cleaner.document import HEURISTIC_PREFIX

#: marks, in an example document, a line the heuristic must cut
CUT_MARK = "✂ "


@dataclass(frozen=True)
class Heuristic:
    """What a rule file says of a rule, for a heuristic: id, kind, where its code is, what it catches,
    why that is residue, and examples that run as tests."""

    id: str
    kind: str
    #: the pipeline stage that runs it (a key of :data:`cleaner.pipeline.STAGES`)
    stage: str
    #: ``module:function`` of the code that makes the cut
    code: str
    catches: str
    why: str
    #: the residue in a few words, as it reads in a scrape
    example: str
    #: documents with the lines it must cut marked ``✂ ``
    remove: tuple[str, ...]
    #: look-alike documents it must leave alone
    keep: tuple[str, ...]
    #: what the examples are (``Cleaner.clean(input=...)``): "page", "extract", or None to detect
    input: str | None = None
    #: the examples are HTML pages (the heuristic reads what the extractor found, such as the title)
    html: bool = False
    #: a run heuristic: tells menus and teasers from content by their shape beside an article
    needs_article: bool = False
    #: takes prose on purpose (readers' comments): not counted as the article's prose lost
    takes_prose: bool = False

    @property
    def description(self) -> str:
        """The record's description in one paragraph: what it catches, then why."""
        return f"{self.catches} {self.why}"

    @property
    def function(self) -> object:
        """The function that makes the cut."""
        module, name = self.code.split(":")
        return getattr(importlib.import_module(module), name)

    @property
    def location(self) -> str:
        """``file:line`` of the function that makes the cut, relative to the package's parent."""
        func = self.function
        file = Path(inspect.getsourcefile(func) or "")  # type: ignore[arg-type]
        line = inspect.getsourcelines(func)[1]  # type: ignore[arg-type]
        root = Path(__file__).resolve().parents[2]
        try:
            file = file.resolve().relative_to(root)
        except ValueError:  # pragma: no cover - installed elsewhere
            pass
        return f"{file}:{line}"


def parse_example(text: str) -> tuple[str, tuple[int, ...]]:
    """An example document without its ``✂`` marks, and the indices of the marked lines."""
    lines, marked = [], []
    for i, line in enumerate(text.split("\n")):
        if line.startswith(CUT_MARK):
            marked.append(i)
            line = line[len(CUT_MARK) :]
        lines.append(line)
    return "\n".join(lines), tuple(marked)


_BODY = (
    "The council approved the new budget on Tuesday after a debate that lasted most of the day.\n"
    "Officials said the spending plan would not raise local taxes, which were increased last year.\n"
    "Opposition members said the figures were optimistic and asked for an independent review of them."
)
_MENU = "World\nBusiness\nSport\nCulture\nTravel\nScience"
_HEAD_MENU = "\n".join((
    "Departments", "City Council", "Planning", "Building Permits", "Parking", "Libraries", "Parks and Recreation",
    "Public Works", "Water and Sewer", "Trash and Recycling", "Police", "Fire Department", "Courts", "Elections",
    "Cemeteries", "Business Licenses", "Property Taxes", "Events Calendar", "Maps", "Snow Removal", "News Releases",
    "Animal Control", "Housing", "Senior Services", "Transit",
))
_FOOTER = "About us\nContact\nPrivacy policy\nTerms of use\nCookie settings\nAdvertise with us"


def _mark(block: str) -> str:
    return "\n".join(CUT_MARK + ln for ln in block.split("\n"))


_RECORDS = (
    Heuristic(
        id="heuristic.repeated-line",
        kind="duplicate_line",
        stage="repeats",
        code="cleaner.heuristics.repeats:find_repeated_lines",
        catches="A later verbatim copy of a paragraph or of a block of lines (a pull quote printed twice, a "
        "menu scraped for desktop and for mobile).",
        why="The first copy carries all the information; list items, table rows, lines of figures, a short "
        "line written again alone, an article's template lines and the fields of a listing's records "
        "(``Office Location: Chicago, Illinois`` in two studios' entries) repeat on purpose and stay.",
        example="the same paragraph printed again further down",
        remove=(
            _BODY + "\nThe mayor said the plan was the fairest the city could afford this year.\n"
            "A vote on the schools budget is expected next month, the clerk said.\n"
            + CUT_MARK + "The mayor said the plan was the fairest the city could afford this year.",
        ),
        keep=(
            "Fold the dough twice\nLet it rest for an hour\nShape the loaf\nFold the dough twice\n" + _BODY,
            "- Easy setup for all devices\n- Long battery life\n- Easy setup for all devices\n" + _BODY,
            "".join(
                f"{name}\nOffice Location: {city}\nSectors Served: {sectors}\n"
                for name, city, sectors in (
                    ("Northfield Works", "Chicago, Illinois", "Transport, Public Services"),
                    ("Prairie Type Lab", "Madison, Wisconsin", "Culture, Food and Farming"),
                    ("Lakeshore Collective", "Chicago, Illinois", "Transport, Public Services"),
                    ("Iron Range Studio", "Duluth, Minnesota", "Parks and Recreation"),
                )
            )
            + _BODY,
        ),
    ),
    Heuristic(
        id="heuristic.comments.section",
        kind="boilerplate",
        stage="comments",
        code="cleaner.heuristics.comments:find_comment_section",
        catches="Readers' comments under the article: a comment-section header (``12 Comments``, ``Leave a "
        "Reply``) after the article's prose, followed by the marks of comments (``name says:``, time stamps, "
        "``Reply`` buttons, the reply form's fields); everything from the header on.",
        why="Comments are prose on the article's topic, but other people's; a header alone is not enough "
        "(a share bar's ``Comments`` button), nor one above the article (a sidebar widget).",
        example="2 Comments / joe123 says: / May 2, 2024 at 6:34 am / Great news for the town.",
        remove=(
            _BODY + "\n2 Comments\n" + _mark("joe123 says:\nMay 2, 2024 at 6:34 am\nGreat news for the town.")
            + "\nReply\n" + _mark("ann_b says:\nMay 2, 2024 at 7:10 am\nAbout time they agreed on something."),
        ),
        keep=("Comments\n" + _BODY, _BODY + "\nComments\nThe vote is expected next week, the clerk said."),
        takes_prose=True,
    ),
    Heuristic(
        id="heuristic.navigation.label-run",
        kind="navigation",
        stage="navigation",
        code="cleaner.heuristics.navigation:find_navigation",
        catches="In a full page, runs of three or more short label-like lines (a few words, no sentence end, "
        "no list marker) around the article block, and runs of eight or more anywhere.",
        why="A menu scraped one item per line; in an extractor's output such runs are the content's own "
        "lists and headings, and stay.",
        example="Home / World / Business / Sport / Culture",
        remove=(_mark(_MENU) + "\n" + _BODY + "\n" + _FOOTER,),
        keep=("Ingredients\n- 2 eggs\n- 1 cup of flour\n- a pinch of salt\n" + _BODY,),
        input="page",
        needs_article=True,
    ),
    Heuristic(
        id="heuristic.navigation.head-menu",
        kind="navigation",
        stage="menu-tree",
        code="cleaner.heuristics.navigation:find_menu_tree",
        catches="In a document judged no page, a run of twenty or more short label lines in its opening (the "
        "short lines above its first line of prose), above the article block, most of them capitalised words "
        "without figures and most of them distinct: a site's menu tree.",
        why="A scrape whose interface few rules can name is not judged a page, and kept its menus; an "
        "extractor drops a menu that size, and an article's own lists are shorter or carry figures. A "
        "table written a cell a line repeats its values and stays.",
        example="Departments / Council / Planning / Permits / Parking / Libraries / … (twenty or more)",
        remove=(_mark(_HEAD_MENU) + "\n" + _BODY,),
        keep=(
            "Plan comparison\n" + "\n".join(["Yes", "Yes", "No", "Yes"] * 6) + "\n" + _BODY,
            _BODY + "\n" + _HEAD_MENU,
        ),
    ),
    Heuristic(
        id="heuristic.navigation.count-list",
        kind="navigation",
        stage="navigation",
        code="cleaner.heuristics.navigation:find_navigation",
        catches="In any document, outside the article block, a run of six or more labels that each carry a "
        "count in brackets (``Novembro (113)``, ``Politics (23)``), with the years that head an archive's "
        "months above and between them, in a widget's order: by date, or by name (nine tenths of the "
        "neighbours in alphabetical order).",
        why="A blog's archive or category widget: its counts are of the site's posts, not the article's "
        "matter. Even a page judged an extract keeps it otherwise, a hundred lines of months. Inside the "
        "block, or on a page where no article was found, or in another order (a tally by count, a shop's "
        "shelves), such a list may be the page's content: it stays. Its own shape is its evidence, so the "
        "safety net for lists told from content beside an article does not give it back.",
        example="2019 / Novembro (113) / Outubro (217) / Setembro (193) / … (six or more)",
        remove=(
            _BODY + "\nCategories\n" + _mark("Community (4824)\nDiaspora (62)\nEntertainment (1914)\nHealth (77)\n"
                                              "Politics (310)\nSport (95)"),
            _BODY + "\nArquivos\n" + _mark("2019\nNovembro (113)\nOutubro (217)\nSetembro (193)\n2018\n"
                                            "Dezembro (111)\nNovembro (163)\nOutubro (148)"),
        ),
        keep=(_BODY + "\nSeats won\nLabour (411)\nConservative (121)\nLiberal Democrat (72)\nSNP (9)\n"
              "Sinn Fein (7)\nReform UK (5)\nGreen (4)",
              _BODY + "\nShop by category\nRadios (4)\nPower Banks (158)\nBluetooth Speakers (44)\nCameras (10)\n"
              "Computer Accessories (51)\nHome Appliances (1)\nChargers (23)"),
    ),
    Heuristic(
        id="heuristic.navigation.glued-labels",
        kind="navigation",
        stage="navigation",
        code="cleaner.heuristics.navigation:find_navigation",
        catches="In a full page, outside the article block, a line of sixteen words or more in Title Case "
        "(85 % of its words capitalised, nine tenths of them opening with a letter) with no sentence mark "
        "(``.,;:!?``) and no figure.",
        why="A menu whose labels the scraper ran into one line (``World Politics Business Markets Technology "
        "Science …``): no label is short, so the label runs miss it. A headline is shorter; a shop's or "
        "a listing's titles carry figures (``4K``, ``80hrs``) and stay, as does every line in the block.",
        example="World Politics Business Markets Technology Science Health Sport Football Tennis Culture …",
        remove=(
            _mark("World Politics Business Markets Technology Science Health Sport Football Tennis Culture Books "
                  "Music Travel Food & Drink Opinion Video") + "\n" + _BODY + "\n" + _FOOTER,
        ),
        keep=(
            "Acme Compact Home Cinema Projector With Built-In Speakers And 1600 Lumens For Living Rooms And "
            "Garden Movie Nights\n" + _BODY + "\n" + _FOOTER,
        ),
        input="page",
        needs_article=True,
    ),
    Heuristic(
        id="heuristic.navigation.contents",
        kind="navigation",
        stage="navigation",
        code="cleaner.heuristics.navigation:find_contents",
        catches="In a full page, a table of contents: a header (``Table of contents``, ``In this article``, "
        "``Inhaltsverzeichnis``, ``Sommaire``, ``Índice`` …, perhaps with its ``hide`` control) over two or "
        "more short lines each of which the document prints again further down, its numbering aside.",
        why="The entries are the article's own headings, printed a second time as links above it; the "
        "headings stay where the article has them. Counted on the dev scrapes: of 90 such tables, the gold "
        "keeps the header on one page and the entries a second time on two. An extractor drops a page's "
        "table of links; one left in its output is the author's own (a trip report's chapters), and stays.",
        example="In this article / 1. Why it matters / 2. What changes / … above the sections themselves",
        remove=(
            _mark("In this article\n1. The vote\n2. The objections") + "\n" + _BODY.split("\n")[0] + "\nThe vote\n"
            + "\n".join(_BODY.split("\n")[1:]) + "\nThe objections\n" + _BODY.split("\n")[2],
        ),
        keep=(
            # a list under the header that the document does not print again is its own content
            "Contents\n- two ovens\n- one loan\n" + _BODY,
            # the same headings without the header: an article's list of what it covers
            "The vote\nThe objections\n" + _BODY.split("\n")[0] + "\nThe vote\n" + _BODY.split("\n")[1]
            + "\nThe objections\n" + _BODY.split("\n")[2],
        ),
        input="page",
    ),
    Heuristic(
        id="heuristic.navigation.footer-menu",
        kind="navigation",
        stage="menu-tree",
        code="cleaner.heuristics.navigation:find_menu_tree",
        catches="In a document judged no page, a run of twenty or more short label lines between the article "
        "block and the page's legal line (a copyright or privacy line a rule named), most of them capitalised "
        "words without figures and most of them distinct: the footer's sitemap.",
        why="A scrape whose interface few rules can name is not judged a page, and kept its footer's menus; "
        "the legal line under the run says it is the page's footer. Without one, the run may be the content: "
        "a catalogue's index of categories under its introduction stays.",
        example="Topics / Good Morning Messages / Birthday Wishes / … (twenty or more) / © 2019 Example",
        remove=(_BODY + "\n" + _mark("Topics\n" + _HEAD_MENU) + "\n© 2024 Example Media. All rights reserved.",),
        keep=(_BODY + "\nCategories\n" + _HEAD_MENU,),
    ),
    Heuristic(
        id="heuristic.navigation.separated-items",
        kind="navigation",
        stage="navigation",
        code="cleaner.heuristics.navigation:find_navigation",
        catches="A single line of four or more short items joined by ``|``, ``›``, ``»``, ``/`` or ``>`` "
        "around the article: a breadcrumb trail or a menu on one line.",
        why="Its items are links to sections, not text of the article.",
        example="Home › World › Asia › India",
        remove=(CUT_MARK + "Home › World › Asia › India\n" + _BODY,),
        keep=("Sales rose in Asia › Europe › the Americas, in that order, the company said on Monday.\n" + _BODY,),
        needs_article=True,
    ),
    Heuristic(
        id="heuristic.tag-list",
        kind="tag_list",
        stage="tags",
        code="cleaner.heuristics.tags:find_tag_lists",
        catches="A line after the article made only of short, mostly capitalised items separated by commas, "
        "pipes, bullets or hashes (``#Budget #Council``).",
        why="The CMS prints the article's tags under it: metadata (kept in ``CleanResult.tags``), not prose. "
        "A sentence listing places, credits pairing roles with names and lists of quantities stay.",
        example="Budget, City Council, Local Taxes, Town Hall",
        remove=(_BODY + "\n" + CUT_MARK + "Budget, City Council, Local Taxes, Town Hall, Elections",),
        keep=(_BODY + "\nThe towns hit were Baramulla, Srinagar, Avantipora and Jammu, officials said.",),
        needs_article=True,
    ),
    Heuristic(
        id="heuristic.related.truncated",
        kind="related_headlines",
        stage="related",
        code="cleaner.heuristics.teasers:find_related_headlines",
        catches="Lines after the article cut off with an ellipsis: teasers of other stories.",
        why="A finished article never ends mid-sentence; a single long one right after an extract's block "
        "is the article's own last paragraph behind a fold, and when the block is not most of the prose "
        "the tail may be a listing's excerpts, as it is in an extract whose truncated lines weigh half the "
        "block's prose or more: these stay.",
        example="Fans await the sequel of the hit film, titled…",
        remove=(_BODY + "\n" + _mark("Fans await the sequel of the hit film, titled…\nEclipse will occur on March 3,…"),),
        keep=(_BODY + "\nThe full report, which runs to four hundred pages and covers every department of the "
              "city, will be published on the council's website next week, and residents will be able to…",),
        input="extract",
        needs_article=True,
    ),
    Heuristic(
        id="heuristic.related.headline-run",
        kind="related_headlines",
        stage="related",
        code="cleaner.heuristics.teasers:find_related_headlines",
        catches="In a full page, a run of two or more headline-like lines (five words or more, no sentence "
        "end) after an article block that holds most of the page's prose.",
        why="Headlines of other stories listed under the article; in an extract such a run is more often "
        "the article's own list (products, steps, results), and stays.",
        example="Storm closes schools across the region / Police name victim of crash",
        remove=(
            _MENU + "\n" + _BODY + "\n" + _mark("Storm closes schools across the whole region\n"
                                                "Police name the victim of the motorway crash\n"
                                                "Local team wins the cup after a late goal")
            + "\n" + _FOOTER,
        ),
        keep=(_MENU + "\n" + _BODY.replace("\n", "\nWhat the new budget means for you\n", 1) + "\n" + _FOOTER,),
        input="page",
        needs_article=True,
    ),
    Heuristic(
        id="heuristic.related.after-header",
        kind="related_headlines",
        stage="related",
        code="cleaner.heuristics.teasers:find_related_headlines",
        catches="Headline-like lines right after a header such as ``Related``, ``Also read`` or ``More from …`` "
        "(a rule of kind related_headlines), up to the next paragraph; a teaser's one-paragraph summary "
        "between two of them does not end the list.",
        why="The header announces other stories; what it lists is not the article.",
        example="Related / Storm closes schools across the region",
        remove=(_BODY + "\nRelated\n" + _mark("Storm closes schools across the region\nPolice name victim of motorway crash"),),
        keep=(_BODY + "\nRelated\nThe council will vote on the plan again in June, once the review is done.",),
        needs_article=True,
    ),
    Heuristic(
        id="heuristic.related.trailing-links",
        kind="related_headlines",
        stage="related",
        code="cleaner.heuristics.teasers:find_related_headlines",
        catches="In an extractor's output, a run of three or more headline-like lines that ends the "
        "document behind a widget a rule cut (a share bar, a newsletter box).",
        why="The extractor kept a related-links list under the article's widgets; a run with no widget "
        "before it is more often the article's own list.",
        example="Share this article / Storm closes schools / Police name victim",
        remove=(_BODY + "\nShare this article\n" + _mark("Storm closes schools across the whole region\n"
                                                          "Police name the victim of the motorway crash\n"
                                                          "Local team wins the cup after a late goal"),),
        keep=(_BODY + "\nStorm closes schools across the whole region\nPolice name the victim of the motorway "
              "crash\nLocal team wins the cup after a late goal",),
        input="extract",
        needs_article=True,
    ),
    Heuristic(
        id="heuristic.title",
        kind="title",
        stage="title",
        code="cleaner.heuristics.title:find_title",
        catches="The first surviving line when it reads like a headline (a few words, no sentence end, not a "
        "list, not in capitals only, not labelled fields) and prose follows it.",
        why="Scrapers put the headline above the body; it goes to ``CleanResult.title``, and the body does "
        "not start with it.",
        example="Council approves budget after long debate",
        remove=(CUT_MARK + "Council approves budget after long debate\n" + _BODY,),
        keep=("LONDON, ENGLAND\n" + _BODY, "Tested by: Jane Doe RRP: £40 More info: shop\n" + _BODY),
    ),
    Heuristic(
        id="heuristic.title.known",
        kind="title",
        stage="title",
        code="cleaner.heuristics.headline:find_known_title",
        catches="In HTML mode, the line that repeats the page's own title (``<title>``, without the site's "
        "name), when it opens the text or sits among its first lines.",
        why="The page says what its headline is: comparing words is exact, where a guess from shape is not.",
        example="<title>Council approves budget | City News</title> … Council approves budget",
        remove=(
            "<html><head><title>Council approves budget after long debate | City News</title></head><body>"
            "<article><h1>" + CUT_MARK + "Council approves budget after long debate</h1>"
            + "".join(f"<p>{p}</p>" for p in _BODY.split("\n")) + "</article></body></html>",
        ),
        keep=(
            "<html><head><title>City News</title></head><body><article><h1>Council approves budget</h1>"
            + "".join(f"<p>{p}</p>" for p in _BODY.split("\n")) + "</article></body></html>",
        ),
        html=True,
    ),
    Heuristic(
        id="heuristic.title.header",
        kind="boilerplate",
        stage="header",
        code="cleaner.heuristics.title:find_header",
        catches="Above a byline or date line that a rule cut, when the article block starts below it: the "
        "page's header (a section label, a standfirst, a banner), up to six lines.",
        why="The headline goes to ``title``; the rest frames the article and is no part of its body.",
        example="World / Council approves budget / The vote ends a year of talks. / By Jane Doe",
        remove=(CUT_MARK + "World\nCouncil approves budget after long debate\n" + CUT_MARK
                + "The vote ends a year of talks.\nBy Jane Doe\n" + _BODY,),
        keep=(_BODY + "\nBy Jane Doe",),
    ),
    Heuristic(
        id="heuristic.page.outside-article",
        kind="boilerplate",
        stage="page-furniture",
        code="cleaner.heuristics.page:find_page_boilerplate",
        catches="In a full page, whatever no other stage claimed outside the article block, when the block "
        "holds nine tenths of the page's prose.",
        why="Sidebars, widget text and stray blurbs around the article; when prose of some weight stands "
        "outside the block (a forum's other posts, a listing's entries, a lead split off by a photo) the "
        "block is not *the* article and doubt keeps the lines.",
        example="a sidebar's blurb below the footer of a page",
        remove=(_MENU + "\n" + _BODY + "\n" + _FOOTER + "\n" + CUT_MARK + "Our newsroom has covered the city since 1887.",),
        keep=(_MENU + "\n" + _BODY + "\n" + _FOOTER + "\n" + _BODY.replace("council", "board"),),
        input="page",
        needs_article=True,
    ),
    Heuristic(
        id="heuristic.duplicated-word",
        kind="duplicated_word",
        stage="stutter",
        code="cleaner.heuristics.stutter:find_duplicated_words",
        catches="The same word written twice or more in a row, perhaps with an opening quote before the "
        "repeat: ``needs to “end “end any`` becomes ``needs to “end any``.",
        why="A scraper's stutter; repeats that are grammar or names (``had had``, ``Sirhan Sirhan``, ``die "
        "die``), across punctuation, or opening a bracket that explains the word, stay.",
        example="Pakistan needs to “end “end any support",
        remove=(CUT_MARK + "The mayor said the the plan was fair, and the council agreed with her.\n" + _BODY,),
        keep=("She had had enough, and New York, New York was the song the band played that night.\n" + _BODY,),
    ),
)

#: every heuristic id -> its record
HEURISTICS: dict[str, Heuristic] = {h.id: h for h in _RECORDS}
assert all(h.id.startswith(HEURISTIC_PREFIX) for h in _RECORDS)


def needs_article(rule_id: str) -> bool:
    """Whether ``rule_id`` is a run heuristic, which needs an article beside what it cuts."""
    h = HEURISTICS.get(rule_id)
    return h is not None and h.needs_article


def takes_prose(rule_id: str) -> bool:
    """Whether ``rule_id`` takes prose on purpose (readers' comments)."""
    h = HEURISTICS.get(rule_id)
    return h is not None and h.takes_prose
