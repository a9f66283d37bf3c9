"""Comment sections: readers' comments under an article, from their header to the end of the page.

What it catches: a comment-section header (``34 responses to “…”``, ``12 Comments``, ``Leave a Reply``,
``Top Rated Comments``, ``Kommentare``, ``Commentaires``, ``Comentarios``, ``Комментарии`` …) that
comes after the article's first paragraph and is followed, within a few lines, by the marks of
comments: ``name says:`` / ``name on <date> said:`` lines, bare timestamps (``November 19, 2019 at
6:34 am``, ``2 days ago``), ``Reply`` buttons, vote counts, or the fields of the reply form (``Name *``,
``Email *``, ``Your email address will not be published.``). Everything from the header on is cut.

Why: comments are prose, often long and on the article's topic, so shape alone would take them for
more article; but they are other people's text, and what follows them on a page (the reply form, the
footer) is furniture too. Their header and the username/timestamp rhythm give them away in any layout.
A header alone is not enough ("Comments" is also a share-bar button), nor is a header above all the
article's prose (a "latest comments" widget in a sidebar): both are left alone. Nor is a header under
a thread, whose own posts carry THREAD_MARKS comment marks or more (a forum or a Q&A page: its comments
are its content). Nor is a "header" the page prints HEADER_REPEATS times or more, with any count (``84
reactions``, ``14 reactions``, ``Add Comment`` under every entry): that is each entry's counter or button in
a listing of posts, and the entries are the page.

Example:
    >>> from cleaner.document import Doc
    >>> body = "The council approved the budget on Tuesday after a debate that lasted most of the day."
    >>> comments = "2 Comments\\njoe123 says:\\nMay 2, 2024 at 6:34 am\\nGreat news for the town."
    >>> d = Doc(" ".join([body] * 3) + "\\n" + comments)
    >>> find_comment_section(d)
    >>> [ln.cut.kind if ln.cut else None for ln in d.lines]
    [None, 'boilerplate', 'boilerplate', 'boilerplate', 'boilerplate']
"""

from __future__ import annotations

from collections import Counter

import regex

from cleaner.document import Doc
from cleaner.heuristics.shape import SAYS

RULE_ID = "heuristic.comments.section"
#: comment marks needed among the lines that follow a header
MIN_MARKS = 2
#: how many lines after the header are searched for them
WINDOW = 16
#: words of prose that must come before the header (an article above the comments)
MIN_PROSE_BEFORE = 40
#: comment marks above the header that make the page a thread (a forum's or a Q&A site's posts, each
#: with its user, time and buttons): its "comments" are more of its posts, and they stay. On the dev
#: sets' scraped pages, the sections cut under six marks or more were in the gold 7,027 words of 12,390;
#: under fewer, 4,355 of 57,283 (3,800 of those on three pages, a listing and two forums)
THREAD_MARKS = 6
#: a header whose kind (its noun when it has a count, else its words) the page prints this many times is
#: every entry's counter or button: a section's header comes once, or twice (over the section and in the
#: share bar). With 2, three dev pages whose header comes twice lost their cut (−0.11 to −0.13 each);
#: with 3, only a listing of posts moved (0.29 → 0.47 in text mode)
HEADER_REPEATS = 3

_NOUN = (
    r"comments?|responses?|replies|reactions?|thoughts?|discussion|kommentare?|leserkommentare?|"
    r"commentaires?|réactions?|comentarios?|comentários?|respostas?|commenti|reacties|"
    r"комментари[йияев]*|отзывы"
)
_HEADER_RE = regex.compile(
    rf"""
    \[?\s*(?:\(?\d[\d,.\s]*\)?\s*)?(?:{_NOUN})(?:\s*\(\d[\d,.]*\)|\s+\d[\d,.]*)?
        (?:\s+(?:on|to|about|zu|für|sur|pour|en|sobre|para|a|em|su|на|к)\s+.{{1,200}})?\s*\]?:?
  | (?:top|best|most\s+recent|newest|oldest|featured)\s+(?:rated\s+)?comments
  | (?:leave|post|add|write|submit|be\s+the\s+first\s+to)\s+(?:a\s+|your\s+|the\s+first\s+)?(?:reply|comment|response)
  | (?:join|start)\s+the\s+(?:discussion|conversation)
  | (?:schreibe|schreiben\s+sie)\s+einen\s+kommentar|kommentar\s+(?:schreiben|verfassen)
  | (?:laisser|laissez|ajouter|écrire)\s+un\s+commentaire
  | (?:deja|dejar|escribe)\s+(?:un|tu)\s+(?:comentario|respuesta)
  | deixe\s+(?:um|uma|seu|sua)\s+(?:comentário|resposta)
  | lascia\s+un\s+commento
  | (?:добавить|оставить|написать)\s+комментарий
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
_SAYS = SAYS
_MARK_RE = regex.compile(
    rf"""
    .{{1,100}}?\s(?:{_SAYS})\s*:?                                   # joe123 says: / Ann on May 2 said:
  | (?:reply|antworten|répondre|responder|rispondi|ответить|log\s+in\s+to\s+reply|report(?:\s+abuse)?|
       flag|like|(?:\d+\s+)?likes?|upvote|downvote|permalink|link\s+permanente)
  | (?:rating|score|votes?|points?)\s*:?\s*[+-]?\d+(?:\s+votes?)?
  | .{{0,60}}\b\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?                 # … at 6:34 am / Gast 11:15
  | .{{0,40}}\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|ano|anos|
       jahren?|tagen|stunden|jours|heures|días|horas|дн\w*|час\w*|минут\w*)\s+(?:ago|atrás|zurück)?.{{0,40}}
  | (?:vor|il\s+y\s+a|hace|há)\s+\d+\s+\w+.{{0,40}}
  | (?:name|nome|nombre|nom|имя|e-?mail|comment|comentário|comentario|commentaire|kommentar|комментарий)
       \s*\*\s*:?|(?:website|web\s+site|site|url|sitio\s+web|webseite)\s*\*?:?     # the reply form
  | .{{0,80}}(?:will\s+not\s+be\s+published|required\s+fields\s+are\s+marked|não\s+será\s+publicado|
       wird\s+nicht\s+veröffentlicht|ne\s+sera\s+pas\s+publiée|no\s+será\s+publicada|non\s+sarà\s+pubblicato|
       не\s+будет\s+опубликован|save\s+my\s+name).{{0,120}}
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
_MARK_MAX_CHARS = 250
#: marks that are counts alone (``1139 likes``, ``Score: 12``): a listing's entries have them too (an app's
#: likes, a product's votes), so at least one mark must be another kind (a name that says, a time, a button)
_COUNTER_RE = regex.compile(
    r"(?:\d[\d,.]*\s*)?(?:likes?|upvotes?|downvotes?|votes?|points?)|(?:rating|score|votes?|points?)\s*:?\s*[+-]?\d+(?:\s+votes?)?",
    regex.IGNORECASE,
)


#: a header with a count, before or after its noun (``84 reactions``, ``Comments (12)``, ``Comments 115``)
_COUNTED_RE = regex.compile(r"\(?\d[\d,.\s]*\)?\s*(\p{L}+)|(\p{L}+)\s*(?:\(\d[\d,.]*\)|\s+\d[\d,.]*)")


def _header_kind(text: str) -> str:
    """What two headers of the same kind share: the noun of a counted header, else the folded words.

    >>> _header_kind("84 reactions") == _header_kind("6 Reactions"), _header_kind("Add Comment")
    (True, 'add comment')
    """
    m = _COUNTED_RE.fullmatch(text)
    return (m.group(1) or m.group(2)).casefold() if m else " ".join(text.casefold().split())


def is_comment_header(text: str) -> bool:
    """True when ``text`` (a stripped line) is a comment-section header.

    >>> is_comment_header("34 responses to “We needed to win this game”"), is_comment_header("Comments (12)")
    (True, True)
    >>> is_comment_header("Comments 115")  # the count after the noun, without brackets
    True
    >>> is_comment_header("Comments from the minister drew criticism on Tuesday.")
    False
    """
    return len(text) <= 250 and _HEADER_RE.fullmatch(text) is not None


def is_comment_mark(text: str) -> bool:
    """True when ``text`` looks like a comment's username, timestamp or button line.

    >>> [is_comment_mark(t) for t in ("joe123 says:", "November 19, 2019 at 6:34 am", "Reply", "2 days ago")]
    [True, True, True, True]
    >>> is_comment_mark("The vote is due at 10:30 on Friday, officials said, and the outcome is uncertain.")
    False
    """
    return len(text) <= _MARK_MAX_CHARS and _MARK_RE.fullmatch(text) is not None


def find_comment_section(doc: Doc) -> None:
    """Cut from the first comment-section header (with comment marks after it) to the end."""
    lines = doc.lines
    prose_words = 0
    kinds: Counter[str] | None = None  # the headers' kinds on the page, counted at the first header
    for i, ln in enumerate(lines):
        if ln.prose and ln.cut is None:
            prose_words += ln.n_words
            continue
        if prose_words < MIN_PROSE_BEFORE or ln.n_words > 40 or not is_comment_header(ln.text):
            continue
        if kinds is None:
            kinds = Counter(_header_kind(x.text) for x in lines if x.n_words <= 40 and is_comment_header(x.text))
        if kinds[_header_kind(ln.text)] >= HEADER_REPEATS:
            continue  # every entry's counter or button: a listing of posts
        marks = strong = 0
        for nxt in lines[i + 1 : i + 1 + WINDOW]:
            if is_comment_mark(nxt.text):
                marks += 1
                strong += _COUNTER_RE.fullmatch(nxt.text) is None
                if marks >= MIN_MARKS and strong:
                    break
        if marks < MIN_MARKS or not strong:
            continue
        if sum(1 for x in lines[:i] if is_comment_mark(x.text)) >= THREAD_MARKS:
            return  # the posts above carry the same marks: a thread, and this heads more of its replies
        for rest in lines[i:]:
            if rest.cut is None:
                doc.cut_line(rest, "boilerplate", RULE_ID)
        return
