"""Clean prose passes unchanged: articles with no residue come out exactly as they went in.

Precision matters more than recall for a cleaner in a pipeline: a cut in a clean article is data lost.
These are plain articles in four languages, with the shapes that tempt heuristics — short subheadings,
a list, a quote that trails off, a sentence naming places, a question, a final short paragraph.
"""

from __future__ import annotations

import pytest

from cleaner import clean

ARTICLES = {
    "en-economy": """The central bank raised its main interest rate by a quarter point on Thursday, its third increase this year.
Economists had expected the move, although several warned that higher borrowing costs could slow hiring.
What Comes Next
The bank's governor told reporters that further increases would depend on how quickly inflation eased.
“We are not on a preset course,” she said. “We will look at the data, and we will act…”
Markets in London, Frankfurt and Paris ended the day slightly higher after the announcement.
Is the worst over for borrowers? Not yet, according to most of the analysts surveyed by the bank.
The next decision is due in six weeks.""",
    "en-council": """The city council voted 7-2 on Tuesday night to approve a new budget that adds 40 police officers and expands library hours.
The plan includes:
More officers on night patrols
Longer weekend opening hours at six libraries
A new fund for road repairs
Council member Ana Ruiz, who voted against the plan, said it relied on optimistic revenue forecasts.
The mayor is expected to sign the budget next week.""",
    "de-verkehr": """Die Stadt will bis 2030 alle Buslinien auf Elektroantrieb umstellen, teilte der Verkehrsbetrieb am Montag mit.
Die Kosten für die rund 300 neuen Fahrzeuge schätzt das Unternehmen auf knapp 200 Millionen Euro.
Kritik aus der Opposition
Die Opposition im Stadtrat bezweifelt, dass der Zeitplan zu halten ist, und verweist auf Lieferengpässe.
Eine Entscheidung über die Finanzierung soll im Herbst fallen.""",
    "fr-sante": """Le ministère de la Santé a annoncé mardi l'ouverture de vingt nouveaux centres de soins dans les zones rurales.
Selon le ministre, ces centres doivent répondre au manque de médecins généralistes dans plusieurs départements.
Les premiers ouvriront à Limoges, Guéret et Tulle dès le mois de septembre.
Les syndicats de médecins saluent l'annonce mais réclament davantage de moyens pour la formation.""",
    "es-vivienda": """El Gobierno aprobó el martes un plan para construir 50.000 viviendas de alquiler asequible en los próximos cinco años.
La ministra de Vivienda aseguró que las primeras obras comenzarán en Madrid, Valencia y Sevilla antes de fin de año.
Las asociaciones de inquilinos consideran la medida insuficiente ante la subida de los precios.
El plan deberá ser aprobado por el Congreso.""",
}


@pytest.mark.parametrize("name", list(ARTICLES))
def test_clean_article_passes_unchanged(name):
    text = ARTICLES[name]
    r = clean(text)
    assert r.removed == (), [(x.kind, x.rule, x.text) for x in r.removed]
    assert r.text == text
    assert r.warnings == ()
