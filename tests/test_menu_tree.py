"""A site's menu tree at the top of a scrape that is not judged a page (``heuristic.navigation.head-menu``).

A scrape is judged a page on the interface lines the rules name (log-in, share, legal links). A site in a
language with few rules, or one whose menu is the only furniture, is judged an extract, and the run
heuristics leave its short lines alone, as they must in an extractor's output. A run of twenty or more
distinct section names opening the document is no extractor's list: it goes. Written for these tests.
"""

from __future__ import annotations

from cleaner import Cleaner

MENU = [
    "Acesso à Informação", "Ouvidoria", "A Cidade", "Conselhos Municipais", "Galeria dos Prefeitos",
    "História da Cidade", "Mapas e Fotos Aéreas", "Nome dos Bairros", "Símbolos da Cidade", "Prefeitura",
    "Contatos", "Funcionários", "Órgãos Municipais", "Diário Oficial", "Leis Municipais", "Portal da Transparência",
    "Assistência Social", "Cultura e Lazer", "Defesa Civil", "Educação", "Fazenda", "Saúde", "Urbanismo",
    "Biblioteca Online", "Horários de Ônibus", "Iluminação Pública", "Plano Diretor", "Rodoviária", "Turismo",
]
ARTICLE = [
    "Unidade de saúde registra arrombamento de veículos",
    "A equipe do Serviço de Atendimento Domiciliar registrou nesta manhã o arrombamento de dois dos cinco "
    "automóveis da unidade, que estavam sem as baterias e com marcas de depredação.",
    "Foi feito boletim de ocorrência e a polícia foi até o local para verificar os danos nos veículos. Os "
    "pacientes agendados para a manhã desta sexta-feira estão sendo reagendados.",
    "A Secretaria de Saúde prevê que o atendimento estará normalizado a partir da tarde de hoje.",
]


def test_a_menu_tree_opening_a_scrape_with_few_interface_lines_goes(cleaner: Cleaner) -> None:
    r = cleaner.clean("\n".join([*MENU, *ARTICLE]))
    assert r.input == "extract"  # no interface line a rule names: not judged a page
    cut = {x.text for x in r.removed if x.rule == "heuristic.navigation.head-menu"}
    assert cut == set(MENU)
    for line in ARTICLE[1:]:
        assert line in r.text


def test_switched_off_the_menu_stays() -> None:
    r = Cleaner(skip=["menu-tree"]).clean("\n".join([*MENU, *ARTICLE]))
    assert all(item in r.text for item in MENU)


def test_labels_below_a_listings_introduction_stay(cleaner: Cleaner) -> None:
    """A shop's categories under its introduction are the listing: the opening ends at the first long line."""
    intro = "Browse our furniture by room and by style, with free delivery on every order over $500 this month."
    categories = [f"{room} {kind}" for room in ("Living Room", "Bedroom", "Office", "Outdoor", "Dining")
                  for kind in ("Chairs", "Tables", "Storage", "Lighting", "Rugs")]
    r = cleaner.clean("\n".join(["Shop by Room", intro, *categories, *ARTICLE[1:]]))
    assert not any(x.rule == "heuristic.navigation.head-menu" for x in r.removed)
    assert all(c in r.text for c in categories)


def test_a_table_written_a_cell_a_line_is_no_menu(cleaner: Cleaner) -> None:
    cells = ["Yes", "Yes", "No", "Included"] * 7
    r = cleaner.clean("\n".join(["Compare plans", *cells, *ARTICLE[1:]]))
    assert not any(x.rule == "heuristic.navigation.head-menu" for x in r.removed)


def test_cleaning_the_result_again_changes_nothing(cleaner: Cleaner) -> None:
    r = cleaner.clean("\n".join([*MENU, *ARTICLE]))
    assert cleaner.clean(r.text, title=r.title).text == r.text


def test_a_label_the_scrape_doubled_counts_as_the_output_shows_it(cleaner: Cleaner) -> None:
    # "search Search" is a menu label once the stutter stage cuts its first word, which it does after this
    # stage: judged as scraped, a quarter of this menu was no label, the menu stayed, and a second cleaning
    # of the output (where the labels read "Search") cut it. Not idempotent; now cut the first time.
    doubled = ["search Search", "menu Menu", "close Close", "share Share", "print Print", "login Login"]
    menu = MENU[:18] + doubled
    r = cleaner.clean("\n".join([*menu, *ARTICLE]))
    assert not set(r.text.split("\n")) & {*MENU, "Search", "Menu", "Close", "Share", "Print", "Login"}
    again = cleaner.clean(r.text, title=r.title)
    assert again.text == r.text


def test_the_same_tree_in_the_footer_over_the_legal_line_goes(cleaner: Cleaner) -> None:
    # heuristic.navigation.footer-menu: the legal line under the run says it is the page's footer
    r = cleaner.clean("\n".join([*ARTICLE, "Temas", *MENU, "© 2019 Prefeitura Municipal. Todos os direitos reservados."]))
    assert r.input == "extract"
    cut = {x.text for x in r.removed if x.rule == "heuristic.navigation.footer-menu"}
    assert set(MENU) <= cut
    assert r.text.endswith("\n".join(ARTICLE[1:]))


def test_without_a_legal_line_under_it_a_long_index_stays(cleaner: Cleaner) -> None:
    # a catalogue's index of categories under its introduction has the same shape: the content
    r = cleaner.clean("\n".join([*ARTICLE, "Categorias", *MENU]))
    assert not [x for x in r.removed if x.rule == "heuristic.navigation.footer-menu"]
    for line in MENU:
        assert line in r.text


ARCHIVE = ["Arquivos", "2019", "Novembro (113)", "Outubro (217)", "Setembro (193)", "Agosto (183)", "Julho (155)",
           "2018", "Dezembro (111)", "Novembro (163)", "Outubro (148)"]


def test_an_archive_widget_of_months_and_post_counts_goes(cleaner: Cleaner) -> None:
    # heuristic.navigation.count-list: in any document, outside the block, even one judged an extract
    r = cleaner.clean("\n".join([*ARTICLE, *ARCHIVE]))
    cut = [x.text for x in r.removed if x.rule == "heuristic.navigation.count-list"]
    assert cut == ARCHIVE[1:]
    assert r.text.endswith("\n".join([*ARTICLE[1:], "Arquivos"]))


def test_an_archive_widget_in_full_width_brackets_goes(cleaner: Cleaner) -> None:
    body = ("市议会周二经过一整天的辩论后批准了新的预算方案。官员表示这项支出计划不会提高地方税收。"
            "反对派议员认为这些数字过于乐观，并要求对成本进行独立审查。")
    months = [f"2019年{m}月（{n}）" for m, n in zip(range(12, 4, -1), [12, 30, 8, 15, 22, 9, 14, 3], strict=True)]
    r = cleaner.clean("\n".join([body, body.replace("周二", "周三"), "文章归档", *months]))
    assert [x.text for x in r.removed if x.rule == "heuristic.navigation.count-list"] == months


def test_a_tally_or_a_shops_categories_in_their_own_order_stay(cleaner: Cleaner) -> None:
    # a widget lists its labels by date or by name; seats won by count, or a shop's shelves, are content
    seats = ["Labour (411)", "Conservative (121)", "Liberal Democrat (72)", "SNP (9)", "Sinn Fein (7)", "Green (4)"]
    shelves = ["Radios (4)", "Power Banks (158)", "Bluetooth Speakers (44)", "Cameras (10)", "Chargers (23)",
               "Home Appliances (1)", "Cables (17)"]
    for rows in (seats, shelves):
        r = cleaner.clean("\n".join([*ARTICLE, *rows]))
        assert not [x for x in r.removed if x.rule == "heuristic.navigation.count-list"]


GLUED = ("World Politics Business Markets Technology Science Health Sport Football Tennis Culture Books Music "
         "Travel Food & Drink Opinion Video")
EN_ARTICLE = [
    "The council approved the new budget on Tuesday after a debate that lasted most of the day.",
    "Officials said the spending plan would not raise local taxes, which were increased last year.",
    "Opposition members said the figures were optimistic and asked for an independent review of them.",
]
EN_PAGE_END = ["Share on Facebook", "Share on Twitter", "About us", "Privacy Policy", "© 2025 Example News"]


def test_a_menu_run_into_one_line_above_a_pages_article_goes(cleaner: Cleaner) -> None:
    r = cleaner.clean("\n".join(["Skip to content", "Log in", GLUED, *EN_ARTICLE, *EN_PAGE_END]), lang="en", input="page")
    assert [x.text for x in r.removed if x.rule == "heuristic.navigation.glued-labels"] == [GLUED]
    assert r.text.splitlines() == EN_ARTICLE


def test_a_long_title_with_figures_or_sentence_marks_stays(cleaner: Cleaner) -> None:
    # a shop's product title carries figures; a line with commas is written, not glued
    titles = [
        "Acme Compact Home Cinema Projector With Built-In Speakers And 1600 Lumens For Living Rooms And Garden Nights",
        "Politics, Business, Markets And Technology Are What The Council Will Discuss With Its Members Over The Year",
    ]
    for title in titles:
        r = cleaner.clean("\n".join(["Skip to content", "Log in", title, *EN_ARTICLE, *EN_PAGE_END]), lang="en",
                          input="page")
        assert not [x for x in r.removed if x.rule == "heuristic.navigation.glued-labels"]
