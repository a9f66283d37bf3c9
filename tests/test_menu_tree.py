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
