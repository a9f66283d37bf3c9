"""Site memory: learn each site's boilerplate from its other pages, then cut it with that evidence.

The pages are built here from templates (a site's menu, footer and newsletter box around stories of
random words): no eval data.
"""

from __future__ import annotations

import itertools
import pickle
import random
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.document import Doc
from cleaner.memory import (
    RULE_ID,
    Learner,
    SiteMemory,
    SiteMemoryError,
    find_site_lines,
    learn_texts,
    line_key,
    normalize,
    site_of,
)

WORDS = ("council budget river bridge mayor school police harbour festival market railway museum storm "
         "election hospital farmers library minister court teachers workers village station garden report "
         "water energy prices families students ferry airport tourists fishermen bakery orchestra").split()
VERBS = "approved said opened closed announced rejected visited praised questioned delayed funded".split()

MENU = ["Home", "World", "Business", "Sport", "Culture", "Travel"]
FOOTER = ["The Valley Courier is printed every Thursday", "Harbour Watch with Anne Lowe", "Contact the newsroom"]
NEWSLETTER = "Our reporters cover eleven towns of the valley, from the coast to the hills."


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) if i % 3 else rng.choice(VERBS) for i in range(n)]
    return " ".join(words).capitalize() + "."


def story(seed: int, paragraphs: int = 4) -> list[str]:
    rng = random.Random(seed)
    return [f"{rng.choice(WORDS).title()} {rng.choice(VERBS)} {rng.choice(WORDS)} plan"] + [
        sentence(rng, rng.randint(18, 30)) for _ in range(paragraphs)
    ]


def page(seed: int, *, site_lines: bool = True) -> str:
    body = story(seed)
    lines = [*MENU, *body[:3], NEWSLETTER, *body[3:], *FOOTER] if site_lines else body
    return "\n".join(lines)


SITE = "valley-courier.example"
PAGES = [(page(i), SITE) for i in range(8)]


@pytest.fixture(scope="module")
def memory_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("mem") / "site.db")
    learn_texts(path, PAGES)
    return path


def dump(path: str) -> dict[str, list[tuple]]:
    """What a memory holds, table by table, sorted: two memories that learned the same are equal."""
    con = sqlite3.connect(path)
    out = {t: sorted(con.execute(f"SELECT * FROM {t}")) for t in ("sites", "docs", "line_docs", "line_text", "site_lines")}
    con.close()
    return out


# -- what is cut, and what is not ---------------------------------------------------------------------


def test_site_furniture_is_cut_with_its_evidence_and_the_article_stays(memory_path: str) -> None:
    c = Cleaner(memory=SiteMemory(memory_path))
    text = page(100)
    r = c.clean(text, site=SITE)
    site_cuts = [x for x in r.removed if x.rule == RULE_ID]
    cut = {x.text for x in site_cuts}
    assert NEWSLETTER in cut and "Contact the newsroom" in cut
    for para in story(100)[1:]:
        assert para in r.text
    assert all(x.kind == "site_boilerplate" for x in site_cuts)
    ev = {i: (a, n) for i, a, n in r.evidence}
    assert [r.removed[i].rule for i in ev] == [RULE_ID] * len(ev) and len(ev) == len(site_cuts)
    assert all(a >= 3 and n == 8 for a, n in ev.values())
    d = r.to_dict()
    assert d["evidence"][0].keys() == {"cut", "articles", "of"}


def test_without_memory_or_site_nothing_changes(memory_path: str) -> None:
    text = page(100)
    plain = Cleaner().clean(text)
    with_mem = Cleaner(memory=memory_path)
    assert with_mem.clean(text).text == plain.text  # no url, no site: judged alone
    assert with_mem.clean(text, site="other.example").text == plain.text
    assert "evidence" not in plain.to_dict()


def test_url_names_the_site(memory_path: str) -> None:
    c = Cleaner(memory=memory_path)
    a = c.clean(page(101), url=f"https://www.{SITE.upper()}/2025/05/story")
    b = c.clean(page(101), site=SITE)
    assert a.text == b.text and any(x.rule == RULE_ID for x in a.removed)


def test_versions_of_one_story_are_one_story(tmp_path) -> None:
    """Five versions of one story (a line updated each time) and three other stories: the story's own
    short lines are in five documents but one story, so they are not the site's."""
    versions = []
    for v in range(5):
        lines = story(7)
        lines.insert(2, "Live updates from the harbour")  # short, in every version of this story only
        lines.append(f"Update {v}: " + sentence(random.Random(1000 + v), 20))
        versions.append(("\n".join([*MENU, *lines, *FOOTER]), SITE))
    others = [(page(i), SITE) for i in range(20, 23)]
    path = str(tmp_path / "m.db")
    learn_texts(path, versions + others)
    mem = SiteMemory(path)
    assert mem.stories(SITE) == 4
    lines = mem.lines_for(SITE)
    assert line_key(normalize("Live updates from the harbour")) not in lines
    assert lines[line_key(normalize("Contact the newsroom"))] == (4, 4)
    r = Cleaner(memory=mem).clean(versions[0][0], site=SITE)
    assert "Live updates from the harbour" in r.text


def test_a_long_paragraph_that_repeats_is_not_cut(tmp_path) -> None:
    boiler = ("The Valley Courier is an independent newspaper that has covered the towns of the valley since "
              "1887, owned by its readers and run by a trust that guarantees its editorial freedom.")
    texts = [("\n".join([*story(i)[:2], boiler, *story(i)[2:]]), SITE) for i in range(6)]
    path = str(tmp_path / "m.db")
    learn_texts(path, texts)
    r = Cleaner(memory=path).clean(texts[0][0], site=SITE)
    assert boiler in r.text  # 30 words of prose: doubt keeps it, whatever its count


def test_a_template_heading_alone_inside_the_article_stays(tmp_path) -> None:
    def recipe(i: int) -> str:
        s = story(i, 4)
        return "\n".join([*MENU, s[0], s[1], "Ingredients", s[2], "Method", s[3], s[4], *FOOTER])

    path = str(tmp_path / "m.db")
    learn_texts(path, [(recipe(i), SITE) for i in range(6)])
    r = Cleaner(memory=path).clean(recipe(50), site=SITE)
    assert "Ingredients" in r.text.split("\n") and "Method" in r.text.split("\n")
    assert "Privacy policy" not in r.text


def test_in_an_extract_a_pair_of_site_lines_stays_and_a_box_of_three_goes() -> None:
    # an extractor's output: the story, then a section's header and a sort control the site prints on
    # every page of the kind (a pair), and further down its three-line footer box
    s = story(7)
    doc = "\n".join([*s, "Related advice articles", "Sort: Best Match", s[0].replace("The", "A"), *FOOTER])
    pair = [line_key(normalize(t)) for t in ("Related advice articles", "Sort: Best Match")]
    box = [line_key(normalize(t)) for t in FOOTER]
    lines = dict.fromkeys(pair + box, (9, 10))
    d = Doc(doc)
    d.block, d.input = (0, len(s) - 1), "extract"
    find_site_lines(d, lines)
    cut = [ln.text for ln in d.lines if ln.cut]
    assert cut == FOOTER
    d = Doc(doc)  # on a full page the pair goes too
    d.block, d.input = (0, len(s) - 1), "page"
    find_site_lines(d, lines)
    assert [ln.text for ln in d.lines if ln.cut] == ["Related advice articles", "Sort: Best Match", *FOOTER]


def test_a_page_kinds_template_stays_and_the_chrome_on_every_page_goes(tmp_path) -> None:
    """A site's chrome is on (nearly) every page; the template of one kind of page (a shop's notice on
    its item pages, a recipe's section names) only on the pages of that kind. With the default share
    (three stories in four), a line on three of five stories is the second, and stays."""
    notice = "Seller assumes all responsibility for this listing."

    def item(i: int) -> str:  # an item page: the notice, between the item's own lines
        s = story(i)
        return "\n".join([*MENU, s[0], s[1], notice, *s[2:], *FOOTER])

    texts = [(item(i), SITE) for i in range(3)] + [(page(i), SITE) for i in range(10, 12)]
    path = str(tmp_path / "m.db")
    learn_texts(path, texts)
    mem = SiteMemory(path)
    assert mem.stories(SITE) == 5
    lines = mem.lines_for(SITE)
    assert line_key(normalize(notice)) not in lines  # 3 of 5 stories: 60 %
    assert lines[line_key(normalize("Contact the newsroom"))] == (5, 5)
    r = Cleaner(memory=mem).clean(item(50), site=SITE)
    assert notice in r.text.split("\n")
    assert "Contact the newsroom" in {x.text for x in r.removed if x.rule == RULE_ID}
    # a user who knows the site's pages are all of one kind may ask for less
    assert line_key(normalize(notice)) in SiteMemory(path, min_share=0.5).lines_for(SITE)


def test_numbers_alone_are_not_evidence(tmp_path) -> None:
    texts = [("\n".join([*story(i)[:2], f"${i}9.99", *story(i)[2:]]), SITE) for i in range(6)]
    path = str(tmp_path / "m.db")
    learn_texts(path, texts)
    assert not SiteMemory(path).lines_for(SITE)


def test_thresholds(tmp_path) -> None:
    path = str(tmp_path / "m.db")
    texts = [(page(i), SITE) for i in range(4)] + [(page(i, site_lines=False), SITE) for i in range(10, 16)]
    learn_texts(path, texts)
    key = line_key(normalize("Contact the newsroom"))
    assert SiteMemory(path, min_articles=3, min_share=0.3).lines_for(SITE)[key] == (4, 10)
    assert key not in SiteMemory(path, min_articles=3, min_share=0.5).lines_for(SITE)
    assert key not in SiteMemory(path, min_articles=5, min_share=0.0).lines_for(SITE)
    with pytest.raises(ValueError):
        SiteMemory(path, min_articles=1)


def test_the_safety_net_takes_site_cuts_back() -> None:
    """When the site's lines would be nearly all of the document's prose, the safety net keeps them."""
    lines = [sentence(random.Random(i), 14) for i in range(9)]

    class Everywhere:  # a memory in which these lines are on every page of the site
        def lines_for(self, site: str | None) -> dict[int, tuple[int, int]]:
            return {line_key(normalize(x)): (9, 10) for x in lines}

    text = "\n".join([*lines, sentence(random.Random(99), 14)])
    r = Cleaner(memory=Everywhere()).clean(text, site=SITE)
    assert any("safety" in w for w in r.warnings)
    assert all(x in r.text for x in lines) and not r.evidence


# -- order, partitions, workers ---------------------------------------------------------------------


CORPUS = [(page(i), SITE) for i in range(6)] + [(page(i, site_lines=False), "other.example") for i in range(30, 34)] + [
    ("\n".join([*MENU, *story(7), *FOOTER, f"Update {v}"]), SITE) for v in range(3)
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(list(range(len(CORPUS)))), cuts=st.lists(st.integers(0, len(CORPUS)), max_size=3),
       flush=st.integers(1, 5))
def test_learning_does_not_depend_on_order_or_partitioning(tmp_path_factory, order, cuts, flush) -> None:
    base = tmp_path_factory.mktemp("base") / "m.db"
    if not base.exists():
        learn_texts(base, CORPUS)
    path = tmp_path_factory.mktemp("shuffled") / "m.db"
    docs = [CORPUS[i] for i in order]
    bounds = [0, *sorted(cuts), len(docs)]
    for a, b in itertools.pairwise(bounds):  # several learns into one file, each finalized
        with Learner(path, flush_docs=flush) as learner:
            for text, site in docs[a:b]:
                learner.add_text(text, site)
    assert dump(str(path)) == dump(str(base))


def test_a_then_b_equals_b_then_a_equals_both(tmp_path) -> None:
    a, b = CORPUS[:5], CORPUS[5:]
    for name, parts in (("ab", [a, b]), ("ba", [b, a]), ("both", [a + b]), ("twice", [a, a + b, b])):
        for part in parts:
            learn_texts(tmp_path / f"{name}.db", part)
    assert dump(str(tmp_path / "ab.db")) == dump(str(tmp_path / "ba.db")) == dump(str(tmp_path / "both.db"))
    assert dump(str(tmp_path / "twice.db")) == dump(str(tmp_path / "both.db"))  # a page learned twice counts once


def test_cleaner_with_memory_pickles_and_cleans_alike_in_workers(memory_path: str) -> None:
    c = Cleaner(memory=SiteMemory(memory_path, min_articles=4, min_share=0.4))
    c2 = pickle.loads(pickle.dumps(c))
    assert c2.memory.min_articles == 4 and c2.memory.path == c.memory.path
    texts = [page(i) for i in range(100, 106)]
    one = [c.clean(t, site=SITE).to_dict() for t in texts]
    assert [c2.clean(t, site=SITE).to_dict() for t in texts] == one


# -- bad input ----------------------------------------------------------------------------------------


def test_a_missing_or_foreign_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(SiteMemoryError, match="no site memory"):
        SiteMemory(tmp_path / "nope.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(SiteMemoryError, match="not a site memory"):
        SiteMemory(junk)
    with pytest.raises(ValueError):
        Cleaner(memory=tmp_path / "nope.db")


def test_an_unfinalized_memory_is_refused(tmp_path) -> None:
    path = tmp_path / "m.db"
    learner = Learner(path)
    learner.add_text(page(1), SITE)
    learner.flush()
    learner.close()  # interrupted before finalize
    with pytest.raises(SiteMemoryError, match="not finalized"):
        SiteMemory(path)
    Learner(path).finalize()
    SiteMemory(path)


def test_site_of() -> None:
    assert site_of("HTTPS://WWW.Example.COM/x") == "example.com"
    assert site_of("") is None and site_of(None) is None and site_of("http://[::1") is None


def test_one_cleaner_with_memory_serves_many_threads(memory_path: str) -> None:
    """Threads share a Cleaner (and its memory's connection and site cache): the same results as alone."""
    from concurrent.futures import ThreadPoolExecutor

    c = Cleaner(memory=SiteMemory(memory_path))
    texts = [page(200 + i) for i in range(40)]
    alone = [c.clean(t, site=SITE if i % 2 else f"other{i}.example").text for i, t in enumerate(texts)]
    with ThreadPoolExecutor(4) as pool:
        shared = list(pool.map(lambda it: c.clean(it[1], site=SITE if it[0] % 2 else f"other{it[0]}.example").text,
                               enumerate(texts)))
    assert shared == alone
