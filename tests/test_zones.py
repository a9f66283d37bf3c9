"""Zone heuristics on whole scraped pages: tables, lists and comment threads around the article.

Each test pairs a kind of residue (or of article matter that looks like residue) with a look-alike that
must be treated the other way. The pages are written for these tests.
"""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.document import Doc
from cleaner.heuristics.shape import table_runs

MENU = "\n".join(["Skip to content", "Home", "News", "Sport", "Business", "Culture", "Weather", "Search"])
FOOTER = "\n".join(["About us", "Contact", "Privacy Policy", "Terms of Use", "© 2024 The Daily Example"])
TEASERS = "\n".join(
    [
        "More stories",
        "Flood warnings issued for three rivers after a week of heavy rain",
        "The new stadium will open in time for the season, the club says",
        "Teachers vote to accept the latest pay offer from the ministry",
    ]
)


def _page(body: str) -> str:
    return f"{MENU}\nLeague standings after the final round\n{body}\n{TEASERS}\n{FOOTER}"


# -- tables scraped one cell per line --------------------------------------------------------------

TABLE = "\n".join(
    ["Pos", "Team", "Played", "Points"]
    + [
        line
        for i, (team, played, points) in enumerate(
            [
                ("Northport Rovers", 30, 71),
                ("Eastfield United", 30, 66),
                ("Harbour City", 30, 60),
                ("Millbrook Athletic", 30, 52),
                ("Westvale Town", 30, 47),
            ],
            start=1,
        )
        for line in (str(i), team, str(played), str(points))
    ]
)
TABLE_PAGE = _page(
    "The season ended on Saturday with Northport Rovers five points clear at the top of the table, "
    "their first title in twelve years.\n"
    + TABLE
    + "\nEastfield United finished second after a late run of six wins, while Westvale Town avoided the "
    "play-offs on goal difference.\nThe new season starts in August, the league said on Sunday."
)


def test_a_table_scraped_one_cell_per_line_stays_with_the_article(cleaner: Cleaner) -> None:
    out = cleaner.clean(TABLE_PAGE, html=False).text.split("\n")
    for cell in ("Northport Rovers", "71", "Westvale Town", "47", "Points"):
        assert cell in out, cell
    assert "Privacy Policy" not in out and "Sport" not in out


def test_a_table_after_the_last_paragraph_stays(cleaner: Cleaner) -> None:
    page = _page(
        "The season ended on Saturday with Northport Rovers five points clear at the top of the table, "
        "their first title in twelve years. Eastfield United finished second after a late run of wins.\n"
        "The final standings:\n" + TABLE
    )
    out = cleaner.clean(page, html=False).text.split("\n")
    assert "Millbrook Athletic" in out and "52" in out


def test_table_runs_need_rows_of_figures_and_text() -> None:
    assert table_runs(Doc(TABLE).lines) == [(0, 23)]  # the header row and five rows


def test_share_counts_are_no_table() -> None:
    # a name and a count: two cells a row
    share = "Facebook\n12\nTwitter\n5\nPinterest\n3\nEmail\n1\nReddit\n7"
    assert table_runs(Doc(share).lines) == []


def test_a_numbered_list_of_headlines_is_no_table() -> None:
    # "1 / headline / 2 / headline": a shorter row repeated, whatever the period tried
    ranked = "\n".join(f"{i}\nHeadline number {i} about something that happened" for i in range(1, 9))
    assert table_runs(Doc("Most Popular\n" + ranked).lines) == []


def test_teaser_cards_with_dates_and_counters_are_no_table() -> None:
    cards = "\n".join(
        f"Story {i} about the council and the budget\nJane Doe\n11/1{i}/19 9:00AM\n{i * 7}\n{i}.{i}K"
        for i in range(1, 5)
    )
    assert table_runs(Doc(cards).lines) == []


def test_a_pager_is_no_table() -> None:
    assert table_runs(Doc("\n".join(str(i) for i in range(1, 30))).lines) == []


# -- lists with links between their items ---------------------------------------------------------


def test_list_items_with_link_lines_between_them_stay(cleaner: Cleaner) -> None:
    items = "\n".join(f"{i}) Board game number {i} for the whole family\nhttp://example.com/p{i}" for i in range(1, 9))
    page = (
        f"{MENU}\nTen gift ideas\n"
        "Black Friday is coming, and with it the discounts on games, films and toys that we have been "
        "waiting for all year long.\nWe picked the best offers for readers who grew up in the eighties.\n"
        f"{items}\n{TEASERS}\n{FOOTER}"
    )
    out = cleaner.clean(page, html=False).text.split("\n")
    assert [x for x in out if x[:1].isdigit()] == [f"{i}) Board game number {i} for the whole family" for i in range(1, 9)]


def test_a_menu_after_a_list_still_goes(cleaner: Cleaner) -> None:
    page = (
        f"{MENU}\nThree things to know\n"
        "The council approved the budget on Tuesday after a debate that lasted most of the day, and the "
        "mayor promised more money for roads.\nThe plan has three parts:\n- More officers on night patrols\n"
        "- Longer opening hours at the libraries\n- A fund for road repairs\nShare\nNewsletter\nLatest\nVideo\nPodcasts\nEvents"
        "\nPrivacy policy"  # a page scrape ends with the site's legal links (an extract does not: it keeps the lines)
    )
    out = cleaner.clean(page, html=False).text.split("\n")
    assert "- A fund for road repairs" in out
    assert not {"Latest", "Video", "Podcasts", "Events"} & set(out)


# -- the safety net and readers' comments ----------------------------------------------------------


def test_a_long_comment_thread_is_not_kept_as_the_article(cleaner: Cleaner) -> None:
    article = (
        "Our quarterly open thread gives readers a chance to raise questions and comments about our work. "
        "We will answer as many of them as we can in the thread below over the coming weeks, and we will "
        "link to the posts that go deeper into the questions asked most often."
    )
    topics = ["cash transfers", "malaria nets", "deworming", "vitamin supplements", "clean water", "bed nets"]
    comments = []
    for i, topic in enumerate(topics):
        comments += [
            f"Reader {i} on September {i + 10}, 2018 at 4:{i}7 pm said:",
            f"I have been following your research on {topic} for years and wonder whether the new paper "
            f"will change the recommendation, given what it says about long-term effects ({i}).",
            f"It would also help to know how you weigh studies of {topic} that disagree with each other on "
            "the size of the effect, since the estimates vary so much between countries and programmes.",
        ]
    page = f"{MENU}\nSeptember open thread\n{article}\n12 Comments\n" + "\n".join(comments) + f"\n{FOOTER}"
    r = cleaner.clean(page, html=False)
    assert r.text == article
    assert not any(w.startswith("safety") for w in r.warnings)


# -- the article's end behind a paywall fold -------------------------------------------------------

OPENING = (
    "It was the tackle everyone talked about. In the closing seconds of Sunday's game, the defender pulled "
    "the quarterback to the ground and the crowd fell silent while the medics ran onto the field."
)
FOLDED = (
    "The quarterback did not suffer a concussion. Still, the defender, who was the first pick of the draft "
    "three years ago, has been suspended for the rest of the season and may face further…"
)


def test_a_last_paragraph_cut_short_by_a_paywall_stays(cleaner: Cleaner) -> None:
    page = f"{MENU}\nIs a tackle a crime?\n{OPENING}\n{FOLDED}\nTo Read the Full Story\nSubscribe\n{TEASERS}\n{FOOTER}"
    out = cleaner.clean(page, html=False).text.split("\n")
    assert out[-2:] == [OPENING, FOLDED]


def test_truncated_teasers_after_the_article_still_go(cleaner: Cleaner) -> None:
    teasers = "\n".join(
        f"The minister said on {day} that the talks with the unions over the new pension rules would go on "
        "for several more weeks before any…"
        for day in ("Monday", "Tuesday", "Wednesday")
    )
    page = f"{MENU}\nIs a tackle a crime?\n{OPENING}\n{teasers}\n{FOOTER}"
    out = cleaner.clean(page, html=False).text.split("\n")
    assert out[-1] == OPENING and not any("minister" in x for x in out)


# -- teaser headlines glued to their summaries -----------------------------------------------------

GLUED = "\n".join(
    [
        "Harbour Bridge Reopens After Months Of RepairsThe bridge carried its first cars on Monday morning, "
        "hours ahead of the schedule the city had announced.",
        "Local Bakery Wins National Bread PrizeThe family business beat more than two hundred bakeries from "
        "across the country with a simple rye loaf.",
        "Is The Heat Wave Over?Forecasters say the temperatures will drop by ten degrees over the weekend, "
        "but another warm spell could follow next week.",
        "Five Places To Walk Your Dog This AutumnThe parks department has opened three new trails and two "
        "fenced meadows where dogs may run off the leash.",
    ]
)
STORY = "\n".join(
    [
        "CITY HALL (AP) — The council approved the new budget on Tuesday night after a debate that lasted "
        "most of the day and ended with a narrow vote.",
        "The plan adds forty police officers, extends the opening hours of six libraries and sets up a fund "
        "for road repairs that the mayor had promised during the campaign.",
    ]
)


def test_glued_teasers_above_the_article_are_not_taken_for_it(cleaner: Cleaner) -> None:
    nav = "\n".join(f"Section {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    page = f"{MENU}\n{nav}\nLatest\n{GLUED}\n{GLUED}\nCouncil approves budget\n{STORY}\n{FOOTER}"
    assert cleaner.clean(page, html=False).text == STORY


def test_camel_case_names_are_not_glued_teasers() -> None:
    from cleaner.heuristics.zones import glued_teasers

    names = "\n".join(
        [
            "LOS ANGELES (AP) — To LeBron James, triple-doubles are not a goal and never were, he said.",
            "The new MacBook Pro features a redesigned keyboard and a larger screen, Apple said on Monday.",
            "In October, Rep. David McKinley visited the border near McAllen, Texas, with two colleagues.",
            "Teens love Apple's AirPods, and they put them on their holiday wish lists more than ever.",
        ]
    )
    assert glued_teasers(Doc("\n".join([names] * 12))) == frozenset()


# -- a paragraph trailing off into a quote, then an inline link to another story -----------------

_LEAD = "The streaming service launches tomorrow and the first reviews are mixed, with praise for the controllers."
_TRAIL = (
    "According to one review, the service does not run its showcase launch title at its promised resolution, "
    "and the company confirmed this in a statement…"
)
_REST = [
    "When streaming at the top setting, we render at a lower resolution and then upsample the picture, it said.",
    "Not only is the game not shown at full resolution, it runs at medium settings, testers found on Monday.",
    "The launch editions, which come with a streaming stick, go on sale tomorrow in fourteen countries.",
]


def test_paragraph_trailing_off_before_an_inline_link_stays_in_the_article() -> None:
    body = "\n".join([_LEAD, _TRAIL, "Streaming Service Pricing for Games Available Now – Members Get Discounts", *_REST])
    res = Cleaner().clean(f"{MENU}\nBy Jane Doe\n{body}\n{TEASERS}\n{FOOTER}", lang="en")
    kept = res.text.splitlines()
    assert kept[:2] == [_LEAD, _TRAIL]
    assert kept[-3:] == _REST


def test_truncated_teaser_summary_after_its_headline_is_not_article() -> None:
    teaser_summary = (
        "Officials say the new rail line will open two years late and cost far more than planned, "
        "according to documents seen by reporters this week…"
    )
    page = f"{MENU}\n{_LEAD}\n" + "\n".join(_REST) + f"\nMore stories\nRail Line Delayed Again\n{teaser_summary}\n{FOOTER}"
    res = Cleaner().clean(page, lang="en")
    assert teaser_summary not in res.text
    assert res.text.splitlines() == [_LEAD, *_REST]


# -- teasers under a related header: headline, one-paragraph summary, next headline ---------------

_ARTICLE = [
    "The council approved the new budget on Tuesday after a debate that lasted most of the day and night.",
    "Opposition members said the plan cut too deeply into libraries, parks and the city's bus services.",
    "The mayor said the savings were needed to repair roads and bridges that had been neglected for years.",
]


def test_teaser_summaries_under_their_headlines_go_with_the_list() -> None:
    teasers = [
        "Top stories",
        "River levels fall as the rain finally stops",
        "The river fell by half a metre overnight and residents were allowed back into their homes on Monday.",
        "Veteran actor dies aged 96",
        "The actor, who starred in more than eighty films over six decades, died at home, his family said.",
        "Museum finds lost medieval manuscript",
        "Archivists found the manuscript inside the binding of a later book during routine restoration work.",
        "City unveils plans for a new riverside park",
    ]
    res = Cleaner().clean("\n".join([*_ARTICLE, *teasers, "About us", "Contact", "Privacy Policy"]), lang="en")
    assert res.text.splitlines() == _ARTICLE


def test_teasers_that_ask_in_title_case_go_under_a_curly_editors_picks_header() -> None:
    # a fact-checking site's teasers ask questions; the header's apostrophe is typographic and after the s
    teasers = [
        "Editors’ Picks",
        "How a Network of Invented Town Pages Grew Into an Advertising Business",
        "Dozens of accounts and a hundred paid posts only begin to tell the story of the network, we found.",
        "Did the Mayor Divert $2 Million from the Schools Fund to Cover the Parade?",
        "A routine review of a story that its own site had labeled satire, and shared as news.",
        "Was the Councillor Recorded Promising Contracts to a Campaign Donor?",
    ]
    res = Cleaner().clean("\n".join([*_ARTICLE, *teasers]), lang="en")
    assert res.text.splitlines() == _ARTICLE
    assert {r.rule for r in res.removed} >= {"related-header", "heuristic.related.after-header"}


def test_questions_asked_in_sentence_case_under_a_related_header_are_the_article() -> None:
    asked = [
        "What happens to the bus routes that are not cut this year?",
        "They stay as they are until the council reviews the network again in the spring, officials said.",
    ]
    res = Cleaner().clean("\n".join([*_ARTICLE, "Related", "Bus routes to be cut in the spring", *asked]), lang="en")
    assert res.text.splitlines() == [*_ARTICLE, *asked]


def test_article_resuming_under_an_inline_related_box_stays() -> None:
    resumed = [
        "Council members will vote again next month on the part of the plan that covers the bus network.",
        "A public meeting on the cuts is planned for next week at the central library, officials said.",
    ]
    doc = [*_ARTICLE, "Related", "Bus routes to be cut in the spring", *resumed]
    res = Cleaner().clean("\n".join(doc), lang="en")
    assert res.text.splitlines() == [*_ARTICLE, *resumed]


def test_related_header_word_inside_a_menu_is_a_menu_item() -> None:
    from cleaner.heuristics.teasers import find_related_headlines
    from cleaner.heuristics.zones import find_article_block

    para = "Chelsea paid the release clause this morning to sign the goalkeeper from the Spanish club, officials said."
    d = Doc("\n".join(["Home", "Latest", "Politics", "World News", "Sports", "Chelsea sign goalkeeper in record deal", para, para]))
    d.cut_line(d.lines[0], "ui_chrome", "menu-control", menu=True)  # the rule's record says: a menu's control
    d.cut_line(d.lines[1], "related_headlines", "related-header")
    for ln in d.lines[2:5]:
        d.cut_line(ln, "navigation", "heuristic.navigation.label-run")
    find_article_block(d)
    find_related_headlines(d)
    assert d.lines[5].cut is None  # the headline under the menu is not a teaser under a header

    d = Doc("\n".join([para, para, "Related", "Chelsea sign goalkeeper in record deal", "Fans greet new signing at airport"]))
    d.cut_line(d.lines[2], "related_headlines", "related-header")
    find_article_block(d)
    find_related_headlines(d)
    assert [ln.cut.rule if ln.cut else None for ln in d.lines[3:]] == ["heuristic.related.after-header"] * 2


# -- quotes signed on the line under them ------------------------------------------------------------

_QUOTES = [
    "“The show was really great. We got the tickets at the door and enjoyed a free drink.”",
    "– Man**",
    "“Very talented people! Super fun and entertaining! We also won a small prize.”",
    "– Ali***",
    "“It’s really good, and my cousin got to take part on stage. Seating is good and we had the chance to take photos.”",
    "– Ni** My**",
    "“A gorgeous play with an interesting storytelling style. The actors were very happy and talked with the audience.”",
    "– Tur**",
]


def test_quotes_signed_under_them_are_one_article() -> None:
    # a signature line under each quote: before, each quote stood alone and the first ones fell outside
    nav = ["Blog", "Shows", "Tickets", "Tours", "Archive", "Gallery", "Education", "Venue", "Partners", "Notices"]
    intro = "Visitors who booked their tickets online came to the theatre last month to watch <The Palace> and left us these reviews"
    page = [MENU, *nav, "October 12, 2018/0 Comments/in Promotion /by admin", intro, "Check them out below~⬇️", *_QUOTES, FOOTER]
    res = Cleaner().clean("\n".join(page), lang="en")
    assert res.text.splitlines()[-len(_QUOTES) :] == _QUOTES


def test_dashed_menu_items_are_not_signatures() -> None:
    menu = ["– Home", "– World", "– Business", "– Sport", "– Culture"]
    body = [_LEAD, *_REST]
    res = Cleaner().clean("\n".join([*menu, *body, FOOTER]), lang="en")
    assert res.text.splitlines() == body


def test_last_paragraph_signed_by_a_wire_service_stays_and_only_the_signoff_goes() -> None:
    last = "On Friday, more than 300 people were deported by the authorities for entering the country illegally."
    page = "\n".join([MENU, _LEAD, *_REST, last + " PTI", TEASERS, FOOTER])
    res = Cleaner().clean(page, lang="en")
    assert res.text.splitlines() == [_LEAD, *_REST, last]
    assert [r.text for r in res.removed if r.rule == "agency-signoff"] == [" PTI"]
    assert Cleaner().clean(res.text, lang="en").text == res.text


# -- a recipe card scraped one item per line ---------------------------------------------------------

_RECIPE = [
    "Ingredients",
    "8-9 ripe pears, cored and peeled",
    "1 lemon, or about 1/4 cup lemon juice",
    "6 tbsp fruit pectin powder",
    "1 tsp cinnamon",
    "1 tsp nutmeg",
    "Instructions",
    "Fill the canner with water and set it to simmer.",
    "Core, peel and cube the pears and put them in a pot with the lemon juice and spices.",
    "Spoon the jam into the jars, close them and boil them for ten minutes.",
]


def test_recipe_card_under_the_article_is_article() -> None:
    intro = [
        "This holiday season I was thinking of flavours that would put me in the holiday spirit in the kitchen.",
        "Is there anything better than a piece of toast or a biscuit topped with a dollop of homemade jam?",
    ]
    page = "\n".join([MENU, *intro, "Spiced Honey Pear Jam", *_RECIPE, TEASERS, FOOTER])
    res = Cleaner().clean(page, lang="en")
    assert res.text.splitlines()[-len(_RECIPE) :] == _RECIPE


def test_ingredients_label_over_a_menu_is_not_a_recipe() -> None:
    from cleaner.heuristics.zones import recipe_lines

    # one item is no list; a label over teaser headlines (no quantities, long) is no recipe
    assert recipe_lines(Doc("Ingredients\nWhy this chef never uses butter in her sauces at all").lines) == set()
    assert recipe_lines(Doc("Ingredients\n2 eggs").lines) == set()


def test_last_paragraph_under_an_inline_related_box_at_the_end_stays() -> None:
    last = "A public meeting on the cuts is planned for next week at the central library, officials said."
    res = Cleaner().clean("\n".join([*_ARTICLE, "Related", "Bus routes to be cut in the spring", last]), lang="en")
    assert res.text.splitlines() == [*_ARTICLE, last]
    assert Cleaner().clean(res.text, lang="en").text == res.text


def test_lines_of_unicode_digits_are_no_ranks_and_no_crash() -> None:
    # superscripts and circled numbers are digits to str.isdigit() but no int(): a ranked table's ranks
    # are decimal numbers
    from cleaner import clean
    from cleaner.document import Doc
    from cleaner.heuristics.shape import ranked_runs

    for mark in ("²", "①", "³", "٣"):
        text = "\n".join(["An opening paragraph long enough to be the article's prose here.", mark, "a", "b", mark])
        assert clean(text, html=False).text  # no ValueError
    rows = "".join(f"{d}\nAgency {i}\n200{i}\nBoston, MA\n" for i, d in enumerate("١٢٣٤٥٦", 1))  # Arabic-Indic
    assert ranked_runs(Doc("Ranked by client score.\n" + rows).lines) == [(1, 24)]


ARTICLE = [
    "The council approved the new budget on Tuesday night after a debate that lasted most of the day.",
    "The plan adds forty police officers and extends the opening hours of six public libraries in the city.",
    "Opposition members said the figures were optimistic and asked for an independent review of the costs.",
    "The mayor said the plan would be reviewed again in the spring, once the first figures were in.",
    "Residents will be able to comment on the proposals at three public meetings next month in the town hall.",
]
PAGE_HEAD = ["Skip to content", "Menu", "Log in", "Home", "News", "Sport", "Business", "Culture", "Travel"]
PAGE_FOOT = ["Privacy policy", "Terms of use", "© 2024 Valley Courier"]
STORIES = [
    ("Transport", "Harbour ferry fares rise for the second time this year",
     "The operator blamed fuel costs and said the increase would take effect in March."),
    ("Roads", "Bridge repairs close the north road until the summer",
     "Engineers found cracks in two of the supports during a routine inspection last week."),
    ("Culture", "Library hours extended in three districts after the vote",
     "The new hours start next month and include Sunday afternoons for the first time."),
    ("Business", "Bakery chain plans twelve new shops across the region",
     "The company said it would hire about two hundred people over the next two years."),
]


def test_teaser_cards_with_a_summary_under_the_article_go_with_the_page(cleaner: Cleaner) -> None:
    # "More from the section" cards: kicker, headline (printed twice, as the card's link and its heading),
    # then the story's standfirst, a paragraph. Four summaries under five paragraphs kept the block under
    # nine tenths of the page's prose, so nothing outside it was cut. Dev pages, text mode: 3 up (two
    # ScrapingHub pages 0.72 -> 0.92 and 0.78 -> 0.94), none down, also as a language without rules;
    # post and html unchanged.
    cards = ["More from Business"]
    for i, (kicker, head, summary) in enumerate(STORIES):
        cards += [kicker, head, kicker, head, summary] + (["Advertisement"] if i == 1 else [])
    r = cleaner.clean("\n".join([*PAGE_HEAD, *ARTICLE, *cards, *PAGE_FOOT]))
    assert r.input == "page"
    assert r.text == "\n".join(ARTICLE)


def test_a_listing_of_cards_under_a_short_introduction_is_no_list_of_teasers() -> None:
    # More summary than introduction: the cards are the page's content, not teasers beside an article.
    from cleaner.heuristics.zones import summary_cards

    intro = "Our reporters follow the council, the courts and the schools of the valley every week."
    cards = [x for kicker, head, summary in STORIES for x in (kicker, head, summary)]
    d = Doc("\n".join([intro, *cards, "Older stories"]))
    d.block = (0, 0)
    assert summary_cards(d) == frozenset()
    d = Doc("\n".join([*ARTICLE, *cards, "Older stories"]))
    d.block = (0, len(ARTICLE) - 1)
    assert sorted(summary_cards(d)) == [7, 10, 13, 16]


def test_questions_and_answers_under_the_article_are_no_teaser_cards() -> None:
    from cleaner.heuristics.zones import summary_cards

    faq = [
        "Who pays for the new officers?", "The city pays for them from the general fund for the first two years.",
        "Mayor's office", "When do the libraries open longer?", "The new hours start in March in all six branches.",
        "Mayor's office", "Can residents still object?", "Yes, at three public meetings held in the town hall.",
    ]
    d = Doc("\n".join([*ARTICLE, *faq]))
    d.block = (0, len(ARTICLE) - 1)
    assert summary_cards(d) == frozenset()


def test_teaser_cards_under_a_list_the_article_announced_are_not_its_items(cleaner: Cleaner) -> None:
    # A blog post ending "See more photos:" (its photos are images, not text) over the template's teaser
    # cards, headline and date: the colon carried the block over every line down to the footer. Dev pages,
    # text mode: 5 up (a ScrapingHub page 0.62 -> 0.91), none down; post and html unchanged.
    cards = []
    for _, head, _ in STORIES:
        cards += [head, "November 16, 2016"]
    doc = "\n".join([*PAGE_HEAD, *ARTICLE, "See more photos:", *cards, "Popular Posts", *cards, *PAGE_FOOT])
    r = cleaner.clean(doc)
    assert r.input == "page"
    # (the first line under the colon is taken for an item: doubt keeps it)
    assert r.text == "\n".join([*ARTICLE, "See more photos:", STORIES[0][1]])


def test_a_timeline_the_article_announced_stays_with_it(cleaner: Cleaner) -> None:
    # A list of dates opens with one: its dates are its items, not a teaser card's.
    timeline = ["March 3, 2024", "Council votes on the plan", "April 5, 2024", "First public meeting",
                "May 9, 2024", "Second public meeting", "June 1, 2024", "New hours start"]
    r = cleaner.clean("\n".join([*PAGE_HEAD, *ARTICLE, "Key dates:", *timeline, *PAGE_FOOT]))
    assert r.text == "\n".join([*ARTICLE, "Key dates:", *timeline])


def test_a_mega_menu_of_labels_and_blurbs_under_the_article_goes_with_the_page(cleaner: Cleaner) -> None:
    # A site's footer menu of products, each link a label and a one-sentence blurb: paragraphs to shape
    # alone, so with them the block held under nine tenths of the page's prose. Dev pages, text mode: 5 up
    # (two WCXB articles 0.52 -> 1.00 and 0.43 -> 0.90), none down; post and html unchanged.
    menu = [
        "Data Analytics", "Generate instant insights from data at any scale with a managed service.",
        "Databases", "Migrate and manage enterprise data with security and high availability.",
        "Security", "Detect, investigate, and respond to online threats to help protect your business.",
        "Startups", "Accelerate startup and small business growth with tailored programs and credits.",
        "Virtual Desktops", "Remote work solutions for desktops and applications of every size.",
    ]
    items = [x for label, blurb in zip(menu[::2], menu[1::2], strict=True) for x in (label, blurb, "Docs", "Pricing")]
    r = cleaner.clean("\n".join([*PAGE_HEAD, *ARTICLE, "Products", "Cloud", "All products", *items, *PAGE_FOOT]))
    assert r.input == "page"
    assert r.text == "\n".join(ARTICLE)


def test_entries_sections_and_dated_items_under_the_block_are_no_cards() -> None:
    from cleaner.heuristics.zones import summary_cards

    def cards(after: list[str]) -> frozenset[int]:
        d = Doc("\n".join([*ARTICLE, *after, "End"]))
        d.block = (0, len(ARTICLE) - 1)
        return summary_cards(d)

    blurb = "Fired when the connection with the server is closed for any reason at all."
    # a reference's entries, named in lower case
    assert cards([x for name in ("close", "error", "message", "open") for x in (name, blurb)]) == frozenset()
    # a news listing's items, headed by their dates
    assert cards([x for day in (3, 4, 5, 6) for x in (f"November {day}, 2025", blurb)]) == frozenset()
    # the article's own sections, each of several paragraphs
    section = ["Costs", blurb, "Figures", "What does the city pay for the rest of the plan?",
               "The city pays for the officers from the general fund for two years."]
    assert cards(section * 4) == frozenset()
