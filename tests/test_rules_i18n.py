"""German, French, Spanish, Italian, Portuguese and Dutch rules (rules/de.toml, fr, es, it, pt, nl).

Every rule example of these files runs in context in ``tests/test_rule_examples.py`` (with all the
other bundled rules; ``pytest -k de-byline-von`` runs one rule). Here:

- the files themselves: bundled, prefixed ids, every kind covered, examples that are real prose;
- the everyday residue words of each language, each cut by a rule;
- whole documents per language with typical residue (menus, byline, date header, related headlines,
  legal footer): the residue goes, every article paragraph stays, and ``date`` / ``authors`` are filled;
  left unforced, each page is detected as its language (``cleaner/lang.py``) and cleans the same.

Metadata cases that ``cleaner/dates.py`` or ``cleaner/heuristics/bylines.py`` do not parse yet are
marked ``xfail(strict=True)`` with the exact input and the expected output, so they flip to a failure
(and must be unmarked) as soon as those modules learn them. The rules' own part of those cases (the line
is cut, with the right kind) is tested apart and never xfail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.result import CleanResult
from cleaner.ruleset import Rule, load_rules

LANGS = ("de", "fr", "es", "it", "pt", "nl")
RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
ALL_RULES = load_rules()  # bundled rules: ids are checked for uniqueness across every file here
I18N_RULES = [r for r in ALL_RULES if Path(r.file).name in {f"{lang}.toml" for lang in LANGS}]

#: Two plain prose paragraphs per language (15+ words, ending with a full stop).
PROSE = {
    "de": (
        "Die Bundesregierung hat am Montag in Berlin ein neues Gesetz zur Förderung erneuerbarer Energien auf den Weg "
        "gebracht, das im Herbst in Kraft treten soll.",
        "Kritiker aus der Opposition bemängelten, dass die geplanten Maßnahmen nicht ausreichen würden, um die "
        "Klimaziele bis zum Jahr 2030 zu erreichen.",
    ),
    "fr": (
        "Le gouvernement a présenté lundi à Paris un projet de loi destiné à accélérer le développement des énergies "
        "renouvelables d'ici à la fin de l'année.",
        "Les élus de l'opposition ont jugé que les mesures annoncées ne suffiraient pas à atteindre les objectifs "
        "climatiques fixés pour 2030.",
    ),
    "es": (
        "El Gobierno aprobó el lunes en Madrid un proyecto de ley para acelerar el despliegue de las energías "
        "renovables antes de que termine el año.",
        "Los partidos de la oposición criticaron que las medidas anunciadas no bastarán para cumplir los objetivos "
        "climáticos fijados para 2030.",
    ),
    "it": (
        "Il governo ha approvato lunedì a Roma un disegno di legge per accelerare lo sviluppo delle energie "
        "rinnovabili entro la fine dell'anno.",
        "I partiti di opposizione hanno criticato le misure annunciate, che secondo loro non basteranno a "
        "raggiungere gli obiettivi climatici fissati per il 2030.",
    ),
    "pt": (
        "O governo aprovou na segunda-feira em Lisboa um projeto de lei para acelerar a instalação de energias "
        "renováveis antes do final do ano.",
        "Os partidos da oposição criticaram as medidas anunciadas, que na sua opinião não chegam para cumprir as "
        "metas climáticas fixadas para 2030.",
    ),
    "nl": (
        "Het kabinet heeft maandag in Den Haag een wetsvoorstel gepresenteerd om de bouw van windparken op zee "
        "nog voor het einde van het jaar te versnellen.",
        "Volgens de oppositie gaan de aangekondigde maatregelen lang niet ver genoeg om de klimaatdoelen voor 2030 te halen.",
    ),
}


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def _clean(c: Cleaner, text: str, lang: str) -> CleanResult:
    # html=False: these are plain-text documents; skip HTML sniffing.
    return c.clean(text, lang=lang, html=False)


def _lang(rule: Rule) -> str:
    return rule.langs[0]


# --------------------------------------------------------------------------------------------------
# the rule files themselves
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_rule_file_is_bundled_for_its_language(lang: str) -> None:
    rules = [r for r in I18N_RULES if Path(r.file).name == f"{lang}.toml"]
    assert (RULES_DIR / f"{lang}.toml").is_file()
    assert len(rules) >= 20
    assert all(r.langs == (lang,) for r in rules)
    assert all(r.id.startswith(f"{lang}-") for r in rules), "ids are prefixed with the language"
    kinds = {r.kind for r in rules}
    for kind in ("ui_chrome", "date_header", "byline", "related_headlines", "legal_footer", "caption"):
        assert kind in kinds, f"{lang}.toml has no {kind} rule"


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.id, marks=pytest.mark.rule_id(r.id)) for r in I18N_RULES])
def test_rule_is_documented(rule: Rule) -> None:
    assert "\n" not in rule.description and rule.description.endswith(".")
    assert len(rule.examples_remove) >= 2, f"{rule.location}: needs two remove examples"
    assert len(rule.examples_keep) >= 1, f"{rule.location}: needs a keep example"
    for ex in rule.examples_keep:  # a keep example is real prose: a sentence, not a label
        assert len(ex.split()) >= 10 and ex.endswith("."), f"{rule.location}: keep example is not prose: {ex!r}"


#: The everyday residue words of each language: each, alone on a line above the prose, must be cut by a rule
#: (not left to a heuristic, not kept).
# fmt: off
VOCABULARY = {
    "de": [
        "Anmelden", "Registrieren", "Login", "Abonnieren", "Abo abschließen", "Teilen", "Drucken", "Kommentare",
        "Anzeige", "Werbung", "Zum Inhalt springen", "Menü", "Weiterlesen", "Newsletter", "Folgen Sie uns",
        "App herunterladen", "Alle akzeptieren", "Veröffentlicht am 9. Mai 2025", "Aktualisiert am 09.05.2025",
        "Stand: 09.05.2025 14:30 Uhr", "Lesezeit 3 Min", "Von Max Mustermann", "Autor: Max Mustermann",
        "Mehr zum Thema", "Lesen Sie auch", "Auch interessant", "Lesen Sie auch: Regierung plant neue Steuer",
        "Alle Rechte vorbehalten", "Impressum", "Datenschutz", "AGB", "Foto: Max Mustermann", "Bild: Anna Schmidt",
        "Foto: dpa",
    ],
    "fr": [
        "Connexion", "S'inscrire", "S’abonner", "S'abonner", "Partager", "Imprimer", "Commentaires", "Publicité",
        "Aller au contenu", "Menu", "Lire la suite", "Newsletter", "Suivez-nous sur X", "Télécharger l'application",
        "Tout accepter", "Publié le 9 mai 2025", "Mis à jour le 9 mai 2025 à 10h", "Temps de lecture : 3 min",
        "Par Jean Dupont", "Auteur : Jean Dupont", "À lire aussi", "Lire aussi", "Sur le même sujet",
        "À lire aussi : La réforme adoptée", "Tous droits réservés", "Mentions légales",
        "Politique de confidentialité", "Crédit photo : Jean Dupont", "Crédit photo : AFP",
    ],
    "es": [
        "Iniciar sesión", "Registrarse", "Suscríbete", "Compartir", "Imprimir", "Comentarios", "Publicidad",
        "Saltar al contenido", "Menú", "Leer más", "Newsletter", "Síguenos en Instagram", "Descarga la aplicación",
        "Aceptar todas", "Publicado el 9 de mayo de 2025", "Actualizado el 9 de mayo de 2025", "Lectura: 3 min",
        "Por María López", "Autor: María López", "Te puede interesar", "Lee también", "Noticias relacionadas",
        "Más noticias", "Lee también: El Gobierno aprueba la ley", "Todos los derechos reservados", "Aviso legal",
        "Política de privacidad", "Foto: María López/EFE", "Foto: EFE",
    ],
    "it": [
        "Accedi", "Registrati", "Il mio account", "Abbonati", "Condividi", "Stampa", "Commenti", "Pubblicità",
        "Vai al contenuto", "Menu", "Leggi di più", "Continua a leggere", "Newsletter", "Seguici su Instagram",
        "Scarica l'app", "Accetta tutti", "Pubblicato il 9 maggio 2025", "Aggiornato il 9 maggio 2025",
        "Tempo di lettura: 3 minuti", "di Mario Rossi", "Autore: Mario Rossi", "Leggi anche", "Articoli correlati",
        "I più letti", "Leggi anche: Il governo approva la riforma", "Tutti i diritti riservati",
        "Riproduzione riservata", "Note legali", "Privacy policy", "Foto: Mario Rossi", "Foto: ANSA",
    ],
    "pt": [
        "Entrar", "Iniciar sessão", "Cadastre-se", "Assine", "Partilhar", "Compartilhar", "Imprimir", "Comentários",
        "Publicidade", "Ir para o conteúdo", "Menu", "Ler mais", "Continue lendo", "Newsletter",
        "Siga-nos no Instagram", "Baixe o app", "Descarregue a aplicação", "Aceitar todos",
        "Publicado em 9 de maio de 2025", "Atualizado em 9 de maio de 2025", "Tempo de leitura: 3 min",
        "Por Maria Silva", "Autor: Maria Silva", "Leia também", "Saiba mais", "Notícias relacionadas", "Mais lidas",
        "Leia também: Governo aprova a reforma", "Todos os direitos reservados", "Termos de uso",
        "Política de privacidade", "Foto: Maria Silva", "Foto: Reuters",
    ],
    "nl": [
        "Inloggen", "Registreren", "Mijn account", "Word abonnee", "Delen", "Printen", "Reacties", "Advertentie",
        "Ga naar de inhoud", "Menu", "Lees meer", "Lees verder", "Nieuwsbrief", "Volg ons op Instagram",
        "Download de app", "Alles accepteren", "Akkoord", "Gepubliceerd op 9 mei 2025", "Bijgewerkt op 9 mei 2025",
        "Leestijd 3 minuten", "Door Jan de Vries", "Auteur: Jan de Vries", "Lees ook", "Meer over dit onderwerp",
        "Meest gelezen", "Lees ook: Kabinet presenteert woningplan", "Alle rechten voorbehouden", "Privacyverklaring",
        "Algemene voorwaarden", "Foto: Jan de Vries", "Beeld ANP",
    ],
}
# fmt: on


@pytest.mark.parametrize(
    ("lang", "line"), [pytest.param(lang, w, id=f"{lang}-vocabulary-{w}") for lang, ws in VOCABULARY.items() for w in ws]
)
def test_everyday_residue_is_cut_by_a_rule(cleaner: Cleaner, lang: str, line: str) -> None:
    a, b = PROSE[lang]
    r = _clean(cleaner, f"{line}\n\n{a}\n\n{b}\n", lang)
    hits = [x for x in r.removed if x.text == line]
    assert hits and not hits[0].rule.startswith("heuristic."), [(x.rule, x.text) for x in r.removed]
    assert r.text.split("\n") == [a, b]


# --------------------------------------------------------------------------------------------------
# whole documents
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    name: str
    lang: str
    head: tuple[str, ...]  # residue and headline before the article
    paragraphs: tuple[str, ...]  # the article: must all stay, in order, and nothing else
    tail: tuple[str, ...]  # residue after the article
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    inside: dict[int, str] = field(default_factory=dict)  # residue placed after paragraph i

    @property
    def text(self) -> str:
        body: list[str] = []
        for i, p in enumerate(self.paragraphs):
            body.append(p)
            if i in self.inside:
                body.append(self.inside[i])
        return "\n\n".join([*self.head, *body, *self.tail]) + "\n"


PAGES = [
    # ---------------------------------------------------------------------------- German
    Page(
        name="de-regional-politics",
        lang="de",
        head=(
            "Zum Inhalt springen",
            "Menü",
            "Suche",
            "Anmelden",
            "Jetzt abonnieren",
            "Landtag beschließt schärfere Regeln für Mieterhöhungen",
            "Veröffentlicht am 09.05.2025 um 14:30 Uhr",
            "Von Anna Schmidt und Jonas Weber",
            "Lesezeit 3 Min",
            "Teilen",
        ),
        paragraphs=(
            "Der Landtag hat am Donnerstag nach monatelangem Streit ein Gesetz verabschiedet, das Mieterhöhungen in "
            "angespannten Wohnungsmärkten deutlich begrenzen soll.",
            "Künftig dürfen Vermieter die Miete innerhalb von drei Jahren nur noch um höchstens elf Prozent anheben, "
            "bisher lag die Grenze bei fünfzehn Prozent.",
            "Die Opposition kritisierte, das Gesetz komme zu spät und greife zu kurz, weil Neubauten von der Regelung "
            "ausgenommen seien.",
            "Der Mieterbund begrüßte die Entscheidung dagegen als wichtigen Schritt, forderte aber zugleich mehr "
            "Personal für die Kontrolle der Vorgaben.",
            "Das Gesetz soll nach der Verkündung im Gesetzblatt zum ersten Januar kommenden Jahres in Kraft treten, "
            "teilte das Bauministerium mit.",
        ),
        inside={1: "Anzeige", 3: "Lesen Sie auch: Wohngeld steigt zum Jahreswechsel deutlich"},
        tail=(
            "(epd)",
            "Mehr zum Thema",
            "Neue Grundsteuer sorgt in vielen Gemeinden für Ärger",
            "Warum der Wohnungsbau in Sachsen stockt",
            "Kommentare",
            "Impressum | Datenschutz | AGB | Kontakt",
            "Alle Rechte vorbehalten.",
        ),
        title="Landtag beschließt schärfere Regeln für Mieterhöhungen",
        date="2025-05-09T14:30:00",
        authors=("Anna Schmidt", "Jonas Weber"),
    ),
    Page(
        name="de-economy-paywall",
        lang="de",
        head=(
            "Direkt zum Inhalt",
            "Startseite",
            "Mein Konto",
            "Werbefrei lesen mit dem PUR-Abo",
            "Mit Werbung weiterlesen",
            "Autobauer senken Prognose nach schwachem Quartal",
            "Stand: 12.03.2025, 08:15 Uhr",
            "Autorin: Lisa Meyer",
        ),
        paragraphs=(
            "Mehrere deutsche Autobauer haben ihre Gewinnprognose für das laufende Jahr gesenkt, nachdem der Absatz im "
            "ersten Quartal deutlich eingebrochen ist.",
            "Vor allem in China verkauften die Hersteller weniger Fahrzeuge als erwartet, während die Nachfrage nach "
            "Elektroautos in Europa nur langsam anzog.",
            "Analysten rechnen damit, dass die Unternehmen in den kommenden Monaten weitere Stellen abbauen und "
            "Investitionen verschieben werden.",
            "Die Gewerkschaft warnte vor einem Kahlschlag in der Zulieferindustrie und forderte staatliche Hilfen für "
            "betroffene Regionen.",
        ),
        inside={0: "Bild: picture alliance / Kay Nietfeld", 2: "Weiterlesen mit Plus"},
        tail=(
            "Newsletter",
            "Die wichtigsten Nachrichten des Tages – jeden Morgen kostenlos in Ihrem Postfach.",
            "Folgen Sie uns auf Facebook und Instagram",
            "Jetzt die App herunterladen",
            "Meistgelesen",
            "Bahnstreik legt den Fernverkehr am Wochenende lahm",
            "Mediadaten · Barrierefreiheit · Verträge hier kündigen",
        ),
        title="Autobauer senken Prognose nach schwachem Quartal",
        date="2025-03-12T08:15:00",
        authors=("Lisa Meyer",),
    ),
    Page(
        name="de-cookie-wall-and-caption",
        lang="de",
        head=(
            "Wir verwenden Cookies und ähnliche Technologien, um unsere Website für Sie zu verbessern und Inhalte zu "
            "personalisieren.",
            "Alle akzeptieren",
            "Cookie-Einstellungen",
            "Hochwasser: Pegel an der Elbe steigt weiter",
            "Freitag, 9. Mai 2025",
            "Von Max Mustermann",
        ),
        paragraphs=(
            "Nach tagelangem Regen ist der Pegel der Elbe in Dresden am Freitag auf über sechs Meter gestiegen, die "
            "Behörden riefen die zweithöchste Alarmstufe aus.",
            "In mehreren Stadtteilen wurden Keller geflutet, die Feuerwehr war mit mehr als zweihundert Kräften im "
            "Einsatz, um Sandsäcke zu verteilen.",
            "Der Deutsche Wetterdienst erwartet für das Wochenende weitere Niederschläge im Erzgebirge, die den Fluss "
            "zusätzlich anschwellen lassen könnten.",
            "Die Stadt bat Anwohner, sich von den Uferbereichen fernzuhalten und den Anweisungen der Einsatzkräfte zu folgen.",
        ),
        inside={0: "Helfer füllen Sandsäcke am Terrassenufer. Foto: Jonas Weber/Stadtanzeiger", 2: "Symbolbild"},
        tail=(
            "Fehler gefunden? Jetzt melden.",
            "Das könnte Sie auch interessieren",
            "Wie sich Städte besser gegen Starkregen schützen",
            "Versicherer zahlen Rekordsummen für Unwetterschäden",
            "Nach oben",
            "Copyright 2025 Zeitungsverlag Musterstadt GmbH. Alle Rechte vorbehalten.",
        ),
        title="Hochwasser: Pegel an der Elbe steigt weiter",
        date="2025-05-09",
        authors=("Max Mustermann",),
    ),
    # ---------------------------------------------------------------------------- French
    Page(
        name="fr-politique",
        lang="fr",
        head=(
            "Aller au contenu principal",
            "Menu",
            "Rechercher",
            "Se connecter",
            "S'abonner",
            "Retraites : le gouvernement présente son nouveau projet",
            "Par Jean Dupont et Marie Martin",
            "Publié le 9 mai 2025 à 14h30",
            "Temps de lecture : 3 min",
            "Partager",
        ),
        paragraphs=(
            "Le gouvernement a présenté vendredi en Conseil des ministres un nouveau projet de réforme des retraites, "
            "quelques mois après l'échec des négociations avec les partenaires sociaux.",
            "Le texte prévoit de relever progressivement l'âge légal de départ tout en créant un dispositif spécifique "
            "pour les carrières longues et les métiers pénibles.",
            "Les syndicats ont immédiatement dénoncé une réforme injuste et appelé à une journée de mobilisation "
            "nationale avant la fin du mois.",
            "Le projet doit être examiné par l'Assemblée nationale en juin, où le gouvernement ne dispose pas d'une "
            "majorité absolue.",
            "Plusieurs députés de la majorité ont toutefois déjà fait savoir qu'ils proposeraient des amendements sur "
            "la question des femmes aux carrières hachées.",
        ),
        inside={1: "Publicité", 3: "À lire aussi : Le Sénat adopte le budget de la Sécurité sociale"},
        tail=(
            "Avec agences",
            "Sur le même sujet",
            "Les syndicats préparent une grève reconductible dans les transports",
            "Ce que contient la réforme de l'assurance chômage",
            "12 commentaires",
            "Mentions légales | CGU | Contact",
            "Tous droits réservés",
        ),
        title="Retraites : le gouvernement présente son nouveau projet",
        date="2025-05-09T14:30:00",
        authors=("Jean Dupont", "Marie Martin"),
    ),
    Page(
        name="fr-paywall-societe",
        lang="fr",
        head=(
            "Nous utilisons des cookies pour améliorer votre expérience sur notre site et mesurer l'audience.",
            "Tout accepter",
            "Continuer sans accepter",
            "Accueil",
            "Mon compte",
            "Grève dans les écoles : forte mobilisation à Marseille",
            "Mis à jour le 12/03/2025 à 18:05",
            "Auteur : Paul Bernard",
        ),
        paragraphs=(
            "Près d'un enseignant sur deux était en grève mardi dans les écoles primaires de Marseille, selon les "
            "chiffres communiqués par les syndicats en fin de matinée.",
            "Les grévistes protestent contre la suppression annoncée de plusieurs dizaines de postes à la rentrée "
            "prochaine dans les quartiers nord de la ville.",
            "Le rectorat a de son côté évoqué un taux de participation nettement plus faible et promis de recevoir une "
            "délégation dans la semaine.",
            "Un rassemblement a réuni plusieurs centaines de personnes devant la préfecture en début d'après-midi, dans "
            "le calme.",
        ),
        inside={
            0: "Photo : Claire Lefèvre / Le Quotidien",
            2: "Il vous reste 75% de cet article à lire. La suite est réservée aux abonnés.",
        },
        tail=(
            "Newsletter",
            "Recevez chaque matin l'essentiel de l'actualité",
            "Suivez-nous sur Facebook",
            "Téléchargez l'application",
            "Les plus lus",
            "Le prix des carburants repart à la hausse en mars",
            "Politique de confidentialité · Plan du site",
        ),
        title="Grève dans les écoles : forte mobilisation à Marseille",
        date="2025-03-12T18:05:00",
        authors=("Paul Bernard",),
    ),
    Page(
        name="fr-monde-correspondant",
        lang="fr",
        head=(
            "Passer au contenu",
            "Connexion",
            "Union européenne : accord sur le budget de la défense",
            "Vendredi 9 mai 2025",
            "Par Jean-Baptiste Chastand (Bruxelles, correspondant)",
            "Écouter cet article (4 min)",
        ),
        paragraphs=(
            "Les vingt-sept États membres de l'Union européenne sont parvenus vendredi à un accord sur un fonds commun "
            "destiné à financer l'industrie de défense du continent.",
            "Le mécanisme doit permettre d'emprunter jusqu'à cent cinquante milliards d'euros sur les marchés pour "
            "financer des achats groupés de munitions et de systèmes antiaériens.",
            "Plusieurs pays du Nord, longtemps réticents à tout endettement commun, ont fini par se rallier au compromis "
            "proposé par la Commission.",
            "Les premiers contrats pourraient être signés avant la fin de l'année, selon un diplomate européen présent "
            "lors des discussions.",
        ),
        inside={1: "Un soldat lors d'un exercice en Pologne (photo d'illustration)"},
        tail=(
            "(Belga)",
            "Vous aimerez aussi",
            "L'Allemagne relance son service militaire volontaire",
            "Retour en haut",
            "Toute reproduction, même partielle, est interdite sans autorisation.",
        ),
        title="Union européenne : accord sur le budget de la défense",
        date="2025-05-09",
        authors=("Jean-Baptiste Chastand",),
    ),
    # ---------------------------------------------------------------------------- Spanish
    Page(
        name="es-politica",
        lang="es",
        head=(
            "Saltar al contenido",
            "Menú",
            "Buscar",
            "Iniciar sesión",
            "Suscríbete",
            "El Congreso aprueba la reforma de la ley de vivienda",
            "Por María López y Juan Pérez",
            "Publicado el 9 de mayo de 2025",
            "Lectura: 3 min",
            "Compartir",
        ),
        paragraphs=(
            "El Congreso de los Diputados aprobó el jueves la reforma de la ley de vivienda con el apoyo de los socios "
            "del Gobierno y el rechazo de la oposición.",
            "La norma limita la subida de los alquileres en las zonas tensionadas y obliga a los grandes propietarios a "
            "ofrecer contratos de al menos siete años.",
            "El Partido Popular anunció que recurrirá la ley ante el Tribunal Constitucional por invadir competencias de "
            "las comunidades autónomas.",
            "Las asociaciones de inquilinos celebraron la aprobación, aunque advirtieron de que la medida llega tarde "
            "para miles de familias.",
            "El texto entrará en vigor al día siguiente de su publicación en el Boletín Oficial del Estado, previsiblemente "
            "la próxima semana.",
        ),
        inside={1: "Publicidad", 3: "Lee también: El precio del alquiler sube un diez por ciento en Barcelona"},
        tail=(
            "(EFE)",
            "Noticias relacionadas",
            "El Senado veta la ley de amnistía por segunda vez",
            "Qué cambia con la nueva ley de vivienda para los inquilinos",
            "12 comentarios",
            "Aviso legal | Política de cookies | Contacto",
            "Todos los derechos reservados",
        ),
        title="El Congreso aprueba la reforma de la ley de vivienda",
        date="2025-05-09",
        authors=("María López", "Juan Pérez"),
    ),
    Page(
        name="es-economia-paywall",
        lang="es",
        head=(
            "Utilizamos cookies propias y de terceros para mejorar tu experiencia de navegación y mostrarte publicidad "
            "personalizada.",
            "Aceptar todas",
            "Configurar cookies",
            "Portada",
            "Mi cuenta",
            "La inflación se modera en marzo por el abaratamiento de la luz",
            "Actualizado el 12/03/2025 a las 18:05",
            "Autora: Ana García",
        ),
        paragraphs=(
            "La inflación se moderó en marzo hasta el dos por ciento interanual gracias sobre todo al abaratamiento de "
            "la electricidad y de los carburantes.",
            "Según el dato adelantado del Instituto Nacional de Estadística, los alimentos siguieron encareciéndose, "
            "aunque a un ritmo menor que en los meses anteriores.",
            "El Ministerio de Economía atribuyó la mejora a las medidas aprobadas en invierno y descartó nuevas ayudas "
            "a corto plazo.",
            "Los analistas esperan que el Banco Central Europeo vuelva a bajar los tipos de interés en su próxima "
            "reunión de abril.",
        ),
        inside={0: "Foto: Luis Martín/EFE", 2: "Para seguir leyendo, suscríbete a El Periódico Digital."},
        tail=(
            "Newsletter",
            "Recibe cada mañana las noticias más importantes en tu correo",
            "Síguenos en Twitter",
            "Descarga la app",
            "Lo más leído",
            "Hacienda devolverá la renta antes de lo previsto este año",
            "Quiénes somos · Trabaja con nosotros",
        ),
        title="La inflación se modera en marzo por el abaratamiento de la luz",
        date="2025-03-12T18:05:00",
        authors=("Ana García",),
    ),
    Page(
        name="es-agencia-sucesos",
        lang="es",
        head=(
            "Ir al contenido principal",
            "Regístrate",
            "Un incendio forestal obliga a desalojar tres pueblos en Ávila",
            "Viernes, 9 de mayo de 2025",
            "Por Carmen Ruiz | Ávila",
        ),
        paragraphs=(
            "Un incendio forestal declarado el viernes por la tarde en la sierra de Gredos obligó a desalojar a cerca "
            "de mil vecinos de tres localidades de Ávila.",
            "Más de doscientos efectivos y una decena de medios aéreos trabajaban por la noche para frenar el avance de "
            "las llamas, avivadas por el viento.",
            "La Junta de Castilla y León elevó el nivel de alerta y pidió a la población que siga las indicaciones de los "
            "servicios de emergencia.",
            "Las causas del fuego todavía se desconocen, aunque la Guardia Civil no descarta que haya sido provocado, "
            "según fuentes de la investigación.",
        ),
        inside={1: "Vista de la columna de humo desde El Barraco, este viernes. EFE/Raúl Sanchidrián"},
        tail=(
            "Con información de EFE y Europa Press",
            "Te puede interesar",
            "La ola de calor dispara el riesgo de incendios en el centro peninsular",
            "Volver arriba",
            "Queda prohibida la reproducción total o parcial de este contenido sin autorización expresa.",
        ),
        title="Un incendio forestal obliga a desalojar tres pueblos en Ávila",
        date="2025-05-09",
        authors=("Carmen Ruiz",),
    ),
    # ---------------------------------------------------------------------------- Italian
    Page(
        name="it-politica",
        lang="it",
        head=(
            "Vai al contenuto",
            "Menu",
            "Cerca",
            "Accedi",
            "Abbonati",
            "Il Senato approva la riforma della legge elettorale",
            "Pubblicato il 9 maggio 2025 alle 14:30",
            "di Mario Rossi e Giulia Bianchi",
            "Tempo di lettura: 3 minuti",
            "Condividi",
        ),
        paragraphs=(
            "Il Senato ha approvato giovedì in prima lettura la riforma della legge elettorale con i voti della "
            "maggioranza e l'astensione di una parte dell'opposizione.",
            "Il testo introduce un premio di maggioranza per la coalizione che supera il quaranta per cento dei voti "
            "e riduce il numero dei collegi uninominali.",
            "I partiti di opposizione hanno annunciato che presenteranno centinaia di emendamenti quando il "
            "provvedimento arriverà alla Camera dei deputati.",
            "Secondo il ministro per le Riforme, la nuova legge garantirà governi più stabili e una rappresentanza "
            "più equilibrata dei territori.",
            "Il voto finale alla Camera è atteso per la fine di giugno, prima della pausa estiva dei lavori parlamentari.",
        ),
        inside={1: "Pubblicità", 3: "Leggi anche: Sondaggi, il centrodestra resta in testa"},
        tail=(
            "(ANSA)",
            "Articoli correlati",
            "Legge di bilancio, il governo prepara il taglio delle tasse",
            "Autonomia differenziata, cosa cambia per le Regioni",
            "12 commenti",
            "Note legali | Cookie policy | Contatti",
            "Tutti i diritti riservati",
        ),
        title="Il Senato approva la riforma della legge elettorale",
        date="2025-05-09T14:30:00",
        authors=("Mario Rossi", "Giulia Bianchi"),
    ),
    Page(
        name="it-cronaca-paywall",
        lang="it",
        head=(
            "Utilizziamo cookie tecnici e, previo tuo consenso, cookie di profilazione per offrirti un'esperienza di "
            "navigazione personalizzata.",
            "Accetta tutti",
            "Gestisci preferenze",
            "Il mio account",
            "Maltempo in Emilia-Romagna, evacuate cinquecento persone",
            "Venerdì 9 maggio 2025",
            "di Luca Ferrari | Bologna",
        ),
        paragraphs=(
            "Le piogge intense che da due giorni colpiscono l'Emilia-Romagna hanno costretto le autorità a evacuare "
            "circa cinquecento persone nelle province di Bologna e Ravenna.",
            "Diversi fiumi hanno superato la soglia di allarme durante la notte e la Protezione civile ha chiuso "
            "decine di strade provinciali per motivi di sicurezza.",
            "Il presidente della Regione ha chiesto al governo di dichiarare lo stato di emergenza e di stanziare "
            "subito i primi fondi per i comuni colpiti.",
            "Per il fine settimana sono previste nuove precipitazioni sull'Appennino, che potrebbero aggravare la "
            "situazione lungo i corsi d'acqua.",
        ),
        inside={
            0: "I vigili del fuoco al lavoro a Faenza. Foto: Marco Colombo / Il Quotidiano",
            2: "Questo contenuto è riservato agli abbonati.",
        },
        tail=(
            "Newsletter",
            "Iscriviti alla newsletter di Bologna",
            "Seguici su Facebook e X",
            "Scarica l'app",
            "I più letti",
            "Sciopero dei treni, le fasce di garanzia di venerdì",
            "Chi siamo · Lavora con noi · Pubblicità",
            "Editoriale Regionale S.p.A. – P.IVA 01234567890",
        ),
        title="Maltempo in Emilia-Romagna, evacuate cinquecento persone",
        date="2025-05-09",
        authors=("Luca Ferrari",),
    ),
    # ---------------------------------------------------------------------------- Portuguese
    Page(
        name="pt-politica-portugal",
        lang="pt",
        head=(
            "Saltar para o conteúdo",
            "Menu",
            "Pesquisar",
            "Iniciar sessão",
            "Assinar",
            "Parlamento aprova novo regime de arrendamento",
            "Publicado a 9 de maio de 2025, 14:30",
            "Por Maria Silva e João Santos",
            "Tempo de leitura: 3 min",
            "Partilhar",
        ),
        paragraphs=(
            "A Assembleia da República aprovou na quinta-feira o novo regime de arrendamento urbano, com os votos "
            "favoráveis do PSD e do CDS e a abstenção do Chega.",
            "O diploma limita o aumento das rendas nos contratos em vigor e cria um apoio extraordinário para as "
            "famílias com rendimentos mais baixos.",
            "O Partido Socialista votou contra e acusou o Governo de ignorar os inquilinos dos grandes centros "
            "urbanos, onde os preços não param de subir.",
            "As associações de proprietários consideram que a lei vai reduzir a oferta de casas para arrendar e "
            "pedem ao Presidente da República que a vete.",
            "O texto segue agora para Belém, onde o chefe de Estado tem vinte dias para promulgar ou vetar o "
            "diploma aprovado pelos deputados.",
        ),
        inside={1: "Publicidade", 3: "Leia também: Preço das casas volta a subir em Lisboa e no Porto"},
        tail=(
            "(Lusa)",
            "Notícias relacionadas",
            "Governo admite rever o IRS Jovem no próximo Orçamento",
            "Câmara de Lisboa lança concurso para habitação acessível",
            "12 comentários",
            "Estatuto editorial | Ficha técnica | Contactos",
            "Todos os direitos reservados",
        ),
        title="Parlamento aprova novo regime de arrendamento",
        date="2025-05-09T14:30:00",
        authors=("Maria Silva", "João Santos"),
    ),
    Page(
        name="pt-economia-brasil",
        lang="pt",
        head=(
            "Usamos cookies e tecnologias semelhantes para personalizar anúncios e melhorar a sua experiência. Ao "
            "continuar navegando, você concorda com a nossa política.",
            "Aceitar todos",
            "Pular para o conteúdo",
            "Minha conta",
            "Inflação desacelera em abril com queda no preço da energia",
            "Atualizado em 09/05/2025 às 18h05",
            "Por Pedro Almeida, do Rio de Janeiro",
        ),
        paragraphs=(
            "A inflação oficial desacelerou em abril e ficou abaixo das expectativas do mercado, puxada sobretudo "
            "pela queda nas tarifas de energia elétrica.",
            "Segundo o instituto de estatística, os preços dos alimentos continuaram subindo, mas em ritmo menor do "
            "que nos meses anteriores.",
            "Economistas avaliam que o resultado abre espaço para que o Banco Central comece a cortar os juros ainda "
            "no segundo semestre deste ano.",
            "O Ministério da Fazenda comemorou o dado e afirmou que as medidas adotadas no início do ano já mostram "
            "efeito sobre o bolso dos consumidores.",
        ),
        inside={
            0: "Feira livre no centro de São Paulo. Foto: Carla Mendes / Jornal da Manhã",
            2: "Este conteúdo é exclusivo para assinantes.",
        },
        tail=(
            "Com informações da Agência Brasil e da Reuters",
            "Newsletter",
            "Assine nossa newsletter de Economia",
            "Siga-nos no Instagram",
            "Baixe o aplicativo",
            "Mais lidas",
            "Receita libera consulta ao lote de restituição do Imposto de Renda",
            "Quem somos · Fale conosco · Anuncie",
        ),
        title="Inflação desacelera em abril com queda no preço da energia",
        date="2025-05-09T18:05:00",
        authors=("Pedro Almeida",),
    ),
    # ---------------------------------------------------------------------------- Dutch
    Page(
        name="nl-binnenland",
        lang="nl",
        head=(
            "Direct naar de inhoud",
            "Menu",
            "Zoeken",
            "Inloggen",
            "Word abonnee",
            "Tweede Kamer stemt in met strengere regels voor huurverhogingen",
            "Gepubliceerd op 9 mei 2025 om 14:30",
            "Door Jan de Vries en Anna Jansen",
            "Leestijd 3 minuten",
            "Delen",
        ),
        paragraphs=(
            "De Tweede Kamer heeft donderdag na een lang debat ingestemd met een wetsvoorstel dat huurverhogingen in "
            "de vrije sector aan strengere regels bindt.",
            "Verhuurders mogen de huur voortaan met niet meer dan de inflatie plus één procent per jaar verhogen, "
            "zo staat in het voorstel van de minister.",
            "De oppositie vindt dat de wet te laat komt en te weinig doet voor huurders die nu al een groot deel van "
            "hun inkomen aan woonlasten kwijt zijn.",
            "Vastgoedbeleggers waarschuwen dat ze minder nieuwe huurwoningen zullen bouwen als het rendement verder "
            "onder druk komt te staan.",
            "Het voorstel gaat nu naar de Eerste Kamer, die zich naar verwachting na de zomer over de wet zal buigen.",
        ),
        inside={1: "Advertentie", 3: "Lees ook: Huizenprijzen stijgen opnieuw in Amsterdam en Utrecht"},
        tail=(
            "(ANP)",
            "Meer over dit onderwerp",
            "Gemeenten krijgen meer geld voor de bouw van sociale huurwoningen",
            "Waarom starters steeds later een eigen huis kopen",
            "12 reacties",
            "Privacy | Cookies | Algemene voorwaarden | Contact",
            "Alle rechten voorbehouden",
        ),
        title="Tweede Kamer stemt in met strengere regels voor huurverhogingen",
        date="2025-05-09T14:30:00",
        authors=("Jan de Vries", "Anna Jansen"),
    ),
    Page(
        name="nl-economie-cookiewall",
        lang="nl",
        head=(
            "Wij gebruiken cookies en vergelijkbare technieken om de website goed te laten werken en om advertenties "
            "te personaliseren.",
            "Akkoord",
            "Instellingen aanpassen",
            "Mijn account",
            "Inflatie daalt in april door lagere energieprijzen",
            "Bijgewerkt op 09-05-2025, 18:05",
            "Door Sanne van der Meer | Utrecht",
        ),
        paragraphs=(
            "De inflatie in Nederland is in april gedaald tot 2,8 procent, vooral doordat energie en brandstof "
            "goedkoper werden dan een maand eerder.",
            "Volgens het Centraal Bureau voor de Statistiek stegen de prijzen van voedingsmiddelen wel verder, maar "
            "minder snel dan in de eerste maanden van het jaar.",
            "Economen verwachten dat de Europese Centrale Bank de rente in juni opnieuw zal verlagen nu de "
            "prijsstijgingen in de eurozone afvlakken.",
            "Consumentenorganisaties wijzen erop dat veel huishoudens de hogere prijzen van de afgelopen jaren nog "
            "altijd in hun portemonnee voelen.",
        ),
        inside={
            0: "Boodschappen doen in een supermarkt in Utrecht. Beeld ANP",
            2: "Lees verder met een abonnement",
        },
        tail=(
            "Nieuwsbrief",
            "Ontvang elke ochtend het belangrijkste nieuws in je mailbox",
            "Volg ons op Facebook en X",
            "Download de app",
            "Meest gelezen",
            "Staking bij NS legt treinverkeer in het hele land plat",
            "Colofon · Adverteren · Vacatures",
        ),
        title="Inflatie daalt in april door lagere energieprijzen",
        date="2025-05-09T18:05:00",
        authors=("Sanne van der Meer",),
    ),
]

#: Pages whose metadata dates.py / bylines.py cannot read yet: page name -> reason (input -> expected).
PAGE_METADATA_XFAIL: dict[str, str] = {}


def _page_param(page: Page, xfail: dict[str, str] | None = None):
    marks = []
    if xfail and page.name in xfail:
        marks.append(pytest.mark.xfail(strict=True, reason=xfail[page.name]))
    return pytest.param(page, id=page.name, marks=marks)


def test_pages_cover_every_language() -> None:
    for lang in LANGS:
        assert sum(p.lang == lang for p in PAGES) >= 2


@pytest.mark.parametrize("page", [_page_param(p) for p in PAGES])
def test_page_keeps_the_article_and_drops_the_residue(cleaner: Cleaner, page: Page) -> None:
    r = _clean(cleaner, page.text, page.lang)
    out = [x for x in r.text.split("\n") if x != page.title]  # the headline: see test_page_title
    assert out == list(page.paragraphs), "\n".join(
        [f"kept but residue: {x!r}" for x in out if x not in page.paragraphs]
        + [f"article paragraph lost: {p[:60]!r}" for p in page.paragraphs if p not in out]
    )
    residue = [x for x in (*page.head, *page.inside.values(), *page.tail) if x != page.title]
    cut = {x.text for x in r.removed}
    assert [x for x in residue if x not in cut] == []
    assert r.warnings == ()


@pytest.mark.parametrize("page", [_page_param(p) for p in PAGES])
def test_page_title(cleaner: Cleaner, page: Page) -> None:
    r = _clean(cleaner, page.text, page.lang)
    assert r.title == page.title
    assert page.title not in r.text.split("\n")


@pytest.mark.parametrize("page", [_page_param(p, PAGE_METADATA_XFAIL) for p in PAGES])
def test_page_metadata(cleaner: Cleaner, page: Page) -> None:
    r = _clean(cleaner, page.text, page.lang)
    assert (r.date, r.authors) == (page.date, list(page.authors))


@pytest.mark.parametrize("page", [_page_param(p) for p in PAGES])
def test_page_headers_are_cut_by_language_rules(cleaner: Cleaner, page: Page) -> None:
    """The date and byline lines of a page are cut by this language's rules (so they reach the metadata)."""
    r = _clean(cleaner, page.text, page.lang)
    for x in r.removed:
        if x.kind in ("date_header", "byline"):
            assert x.rule.startswith(f"{page.lang}-"), (x.text, x.rule)
    kinds = {x.kind for x in r.removed if x.text in page.head}
    assert {"date_header", "byline"} <= kinds


@pytest.mark.parametrize("page", [_page_param(p) for p in PAGES])
def test_page_language_is_detected(cleaner: Cleaner, page: Page) -> None:
    """Unforced, the page is read as its language, so its rules apply and it cleans as with ``lang`` given."""
    r = cleaner.clean(page.text, html=False)
    assert r.language == page.lang
    assert r.text == _clean(cleaner, page.text, page.lang).text


# --------------------------------------------------------------------------------------------------
# date and byline headers: what reaches `date` and `authors`
# --------------------------------------------------------------------------------------------------

#: (lang, header line, expected date, xfail note: why dates.py does not give it yet)
DATE_CASES = [
    ("de", "Veröffentlicht am 09.05.2025 um 14:30 Uhr", "2025-05-09T14:30:00", None),
    ("de", "Aktualisiert am 9. Mai 2025, 14:30 Uhr", "2025-05-09T14:30:00", None),
    ("de", "Stand: 09.05.2025 14:30 Uhr", "2025-05-09T14:30:00", None),
    ("de", "Freitag, 9. Mai 2025", "2025-05-09", None),
    ("de", "Zuletzt aktualisiert: Freitag, 9. Mai 2025 - 14:30 Uhr", "2025-05-09T14:30:00", None),
    ("de", "Veröffentlicht: 09.05.25, 14:30 Uhr", "2025-05-09T14:30:00", None),
    ("fr", "Publié le 9 mai 2025 à 14h30", "2025-05-09T14:30:00", None),
    ("fr", "Mis à jour le 09/05/2025 à 18:05", "2025-05-09T18:05:00", None),
    ("fr", "Publié le 09 mai 2025 à 14h30, mis à jour à 18h05", "2025-05-09T14:30:00", None),
    ("fr", "Le 1er mai 2025", "2025-05-01", None),
    ("fr", "Publié le 9 mai 2025 à 14 h 30", "2025-05-09T14:30:00", None),
    ("es", "Publicado el 9 de mayo de 2025", "2025-05-09", None),
    ("es", "Actualizado el 09/05/2025 a las 18:05", "2025-05-09T18:05:00", None),
    ("es", "Actualizado: 09/05/2025 14:30h", "2025-05-09T14:30:00", None),
    ("es", "Viernes, 9 de mayo de 2025", "2025-05-09", None),
    ("es", "Publicado: 09 may 2025 - 14:30 CEST", "2025-05-09T14:30:00", None),
    ("it", "Pubblicato il 9 maggio 2025 alle 14:30", "2025-05-09T14:30:00", None),
    ("it", "Ultimo aggiornamento: 9 maggio 2025, 14:30", "2025-05-09T14:30:00", None),
    ("it", "Venerdì 9 maggio 2025", "2025-05-09", None),
    ("it", "Aggiornato il 09/05/2025 ore 18:05", "2025-05-09T18:05:00", "'ore' before the time is not read"),
    ("it", "09-05-2025 ore 14:30", "2025-05-09T14:30:00", "'ore' before the time is not read"),
    ("pt", "Publicado em 9 de maio de 2025 às 14:30", "2025-05-09T14:30:00", None),
    ("pt", "Publicado a 9 de maio de 2025, 14:30", "2025-05-09T14:30:00", None),
    ("pt", "Atualizado em 09/05/2025 às 18h05", "2025-05-09T18:05:00", None),
    ("pt", "Sexta-feira, 9 de maio de 2025", "2025-05-09", None),
    ("pt", "Publicado em 9.mai.2025 às 14h30", "2025-05-09T14:30:00", "the dotted Brazilian form 9.mai.2025 is not read"),
    ("nl", "Gepubliceerd op 9 mei 2025 om 14:30", "2025-05-09T14:30:00", None),
    ("nl", "Bijgewerkt op 09-05-2025, 18:05", "2025-05-09T18:05:00", None),
    ("nl", "Laatste update: vrijdag 9 mei 2025, 14:30 uur", "2025-05-09T14:30:00", None),
    ("nl", "Vrijdag 9 mei 2025", "2025-05-09", None),
    ("nl", "vr 9 mei 2025, 14:30", "2025-05-09T14:30:00", None),
    ("nl", "Gepubliceerd: 09-05-25, 14:30", "2025-05-09T14:30:00", "two-digit years are read only in dotted dates"),
]

#: (lang, byline line, expected authors, xfail note: why bylines.py does not give them yet); wire credits
#: (TAIL_CREDITS) are placed after the prose, the others before it.
BYLINE_CASES = [
    ("de", "Von Max Mustermann", ["Max Mustermann"], None),
    ("de", "Von Anna Schmidt und Jonas Weber", ["Anna Schmidt", "Jonas Weber"], None),
    ("de", "VON ANNA SCHMIDT", ["Anna Schmidt"], None),
    ("de", "Von Max Mustermann | 09.05.2025, 14:30 Uhr", ["Max Mustermann"], None),
    ("de", "Autorin: Anna Schmidt", ["Anna Schmidt"], None),
    ("de", "Von Max Mustermann, Berlin", ["Max Mustermann"], None),
    ("de", "Ein Kommentar von Anna Schmidt", ["Anna Schmidt"], None),
    ("de", "Text: Max Mustermann", ["Max Mustermann"], None),
    ("de", "(epd)", [], None),
    ("de", "Mit Material von dpa und KNA", [], None),
    ("de", "Mit Material von KNA und epd", [], None),
    ("fr", "Par Jean Dupont", ["Jean Dupont"], None),
    ("fr", "Par Jean Dupont et Marie Martin", ["Jean Dupont", "Marie Martin"], None),
    ("fr", "Auteur : Jean Dupont", ["Jean Dupont"], None),
    ("fr", "Par Marie Martin, envoyée spéciale à Kiev", ["Marie Martin"], None),
    ("fr", "Par Le Figaro avec AFP", [], None),
    ("fr", "Par Jean-Baptiste Chastand (Bruxelles, correspondant)", ["Jean-Baptiste Chastand"], None),
    ("fr", "Un article de Marie Martin", ["Marie Martin"], None),
    ("fr", "Propos recueillis par Claire Lefèvre", ["Claire Lefèvre"], None),
    ("fr", "Auteure : Claire Lefèvre", ["Claire Lefèvre"], None),
    ("fr", "(Avec Reuters et Belga)", [], None),
    ("es", "Por María López", ["María López"], None),
    ("es", "Por María López y Juan Pérez", ["María López", "Juan Pérez"], None),
    ("es", "Por María López | Madrid", ["María López"], None),
    ("es", "Autor: María López", ["María López"], None),
    ("es", "Escrito por Juan Pérez", ["Juan Pérez"], None),
    ("es", "Autora: Ana García", ["Ana García"], None),
    ("es", "Con información de EFE y Europa Press", [], None),
    ("es", "Europa Press | Madrid", [], None),
    ("es", "Agencia EFE", [], None),
    ("es", "Redacción", [], None),
    ("it", "di Mario Rossi", ["Mario Rossi"], None),
    ("it", "Di Mario Rossi e Giulia Bianchi", ["Mario Rossi", "Giulia Bianchi"], None),
    ("it", "DI MARIO ROSSI", ["Mario Rossi"], None),
    ("it", "di Giulia Bianchi, inviata a Kiev", ["Giulia Bianchi"], None),
    ("it", "A cura di Paolo De Luca", ["Paolo De Luca"], None),
    ("it", "Testo di Anna Esposito", ["Anna Esposito"], None),
    ("it", "ANSA | Roma", [], None),
    ("it", "Redazione", [], None),
    ("it", "(ANSA)", [], None),
    ("it", "Autore: Mario Rossi", ["Mario Rossi"], None),
    ("it", "Scritto da Luca Ferrari", ["Luca Ferrari"], None),
    ("it", "Adnkronos", [], None),
    ("pt", "Por Maria Silva", ["Maria Silva"], None),
    ("pt", "Por João Santos e Ana Costa", ["João Santos", "Ana Costa"], None),
    ("pt", "POR MARIA SILVA", ["Maria Silva"], None),
    ("pt", "Por Ana Costa, correspondente em Bruxelas", ["Ana Costa"], None),
    ("pt", "Por Pedro Almeida, do Rio de Janeiro", ["Pedro Almeida"], None),
    ("pt", "Autora: Ana Costa", ["Ana Costa"], None),
    ("pt", "Escrito por João Santos", ["João Santos"], None),
    ("pt", "(Lusa)", [], None),
    ("pt", "Com informações da Agência Brasil e da Reuters", [], None),
    ("pt", "Reportagem: Carla Mendes e Paulo Rocha", ["Carla Mendes", "Paulo Rocha"], None),
    ("pt", "Lusa", [], None),
    ("pt", "Estadão Conteúdo", [], None),
    ("pt", "Da Redação", [], None),
    ("nl", "Door Jan de Vries", ["Jan de Vries"], None),
    ("nl", "Door Jan de Vries en Anna Jansen", ["Jan de Vries", "Anna Jansen"], None),
    ("nl", "Door Sanne van der Meer | Utrecht", ["Sanne van der Meer"], None),
    ("nl", "Door Pieter Jansen, correspondent in Brussel", ["Pieter Jansen"], None),
    ("nl", "Auteur: Jan de Vries", ["Jan de Vries"], None),
    ("nl", "Geschreven door Pieter Jansen", ["Pieter Jansen"], None),
    ("nl", "ANP | Den Haag", [], None),
    ("nl", "(ANP)", [], None),
    ("nl", "DOOR JAN DE VRIES", ["Jan de Vries"], "title-casing an ALL-CAPS name capitalises the particle: 'Jan De Vries'"),
    ("nl", "Tekst: Anna Jansen", ["Anna Jansen"], None),
    ("nl", "Redactie", [], None),
    ("nl", "Met informatie van ANP en Belga", [], None),
]


def _date_params() -> list:
    out = []
    for lang, line, expected, note in DATE_CASES:
        marks = [pytest.mark.xfail(strict=True, reason=f"dates.py: {line!r} should give {expected!r} ({note})")] if note else []
        out.append(pytest.param(lang, line, expected, id=f"{lang}-date-{line[:40]}", marks=marks))
    return out


TAIL_CREDITS = {
    "(epd)",
    "Mit Material von dpa und KNA",
    "Mit Material von KNA und epd",
    "(Avec Reuters et Belga)",
    "Con información de EFE y Europa Press",
    "(ANSA)",
    "(Lusa)",
    "Com informações da Agência Brasil e da Reuters",
    "(ANP)",
    "Met informatie van ANP en Belga",
}


def _byline_params() -> list:
    out = []
    for lang, line, expected, note in BYLINE_CASES:
        reason = f"bylines.py: names_from_byline({line!r}) should give {expected!r} ({note})"
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if note else []
        out.append(pytest.param(lang, line, expected, id=f"{lang}-byline-{line[:40]}", marks=marks))
    return out


def _header_doc(lang: str, line: str) -> str:
    a, b = PROSE[lang]
    return f"{a}\n\n{b}\n\n{line}\n" if line in TAIL_CREDITS else f"{line}\n\n{a}\n\n{b}\n"


@pytest.mark.parametrize(
    ("lang", "line", "kind"),
    [pytest.param(c[0], c[1], "date_header", id=f"{c[0]}-date-{c[1][:40]}") for c in DATE_CASES]
    + [pytest.param(c[0], c[1], "byline", id=f"{c[0]}-byline-{c[1][:40]}") for c in BYLINE_CASES],
)
def test_header_is_cut_by_language_rule(cleaner: Cleaner, lang: str, line: str, kind: str) -> None:
    """Never xfail: the rules' part (cutting the line with the right kind) works for every metadata case."""
    r = _clean(cleaner, _header_doc(lang, line), lang)
    hits = [x for x in r.removed if x.text == line]
    assert hits and hits[0].kind == kind and hits[0].rule.startswith(f"{lang}-"), r.removed
    assert r.text.split("\n") == list(PROSE[lang])


@pytest.mark.parametrize(("lang", "line", "expected"), _date_params())
def test_date_header_fills_date(cleaner: Cleaner, lang: str, line: str, expected: str) -> None:
    assert _clean(cleaner, _header_doc(lang, line), lang).date == expected


@pytest.mark.parametrize(("lang", "line", "expected"), _byline_params())
def test_byline_fills_authors(cleaner: Cleaner, lang: str, line: str, expected: list[str]) -> None:
    assert _clean(cleaner, _header_doc(lang, line), lang).authors == expected
