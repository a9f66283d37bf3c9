"""Tag lists: keyword lines such as ``India-Pakistan Conflict, Marco Rubio, …, OperationSindoor,``.

What it catches: a line after the article made only of short, mostly capitalised items separated by
commas, pipes, bullets or hashes (``#India #Pakistan``). Lines with a ``Tags:`` / ``Topics:`` prefix are
caught anywhere by rules of kind ``tag_list``; both end up in ``CleanResult.tags``.

Why: CMSs print the article's tags under it; they are metadata, not prose. A sentence that lists
places (``The locations include Baramulla, Srinagar and Jammu.``) has a verb, lowercase words and a
full stop, and stays. So do the article's own listings that share the shape: credits whose items pair a
role with a name (``Director_Jane Doe, Writer_John Roe, …``) and quantities (``Containers: 1 Green, 1 Red,
1 Orange``) — a tag names a topic, it neither counts nor labels — and the lines of a document with more
than MAX_TAG_LINES such lines (the authors of each paper in a list of papers): a page prints one tag list.

Example:
    >>> split_tags("Tags: India-Pakistan Conflict, Marco Rubio, US Mediation,")
    ['India-Pakistan Conflict', 'Marco Rubio', 'US Mediation']
    >>> looks_like_tag_list("#Budget2025 #Economy #Taxes")
    True
    >>> looks_like_tag_list("Baramulla, Srinagar, Avantipora and Jammu were hit.")
    False
    >>> looks_like_tag_list("Director_Ann Lee, Writer_Bo Kim, Composer_Cy Park")
    False
    >>> looks_like_tag_list("Servings: 2 Eggs, 1 Apple, 3 Crackers")
    False
    >>> looks_like_tag_list("$1,626.00 $1,095.00"), looks_like_tag_list("12 | 4.5 | 1,200 | 87%")
    (False, False)
    >>> looks_like_tag_list("Wireless Earbuds, Bluetooth Headphones, with Active Noise Cancellation, Adaptive")
    False
    >>> looks_like_tag_list('console.log(myConcat(", ", "Red", "Orange", "Blue"));')
    False
    >>> looks_like_tag_list("| Date | Topic | Lecture Notes | Resources |")
    False
    >>> looks_like_tag_list("Location: Tobacco Dock, London, UK"), looks_like_tag_list("- Brakes, Tyres, Lights")
    (False, False)
    >>> looks_like_tag_list("Topics: Brakes, Tyres, Lights")
    True
"""

from __future__ import annotations

from itertools import compress, repeat
from operator import attrgetter

import regex

from cleaner.document import Doc, Line
from cleaner.heuristics.shape import LIST_MARK, code_like

RULE_ID = "heuristic.tag-list"
_PREFIX_RE = regex.compile(
    r"^\s*(?:tags?|topics?|keywords?|filed\s+under|related\s+topics|themen|schlagw(?:ö|oe)rter|"
    r"mots[- ]cl(?:é|e)s|sujets|etiquetas|temas|tag)\s*[:：]\s*",
    regex.IGNORECASE,
)
#: a field's label before its values: up to four words and a colon (``Location:``, ``Lodge 12" Skillet:``)
_FIELD_LABEL = regex.compile(r"[^,:|•·;#]{1,40}?:\s")
#: a comma between digits groups them (``$1,626.00``): it separates no items
_SEP_RE = regex.compile(r"\s*(?:(?<!\d),|,(?!\d)|[|•·;]|(?<=\S)\s+(?=#))\s*")
_SEP_CHARS = (",", "|", "•", "·", ";", "#")
_LOWER_WORD = regex.compile(r"\b\p{Ll}{4,}\b")
_PHRASE_ITEM = regex.compile(r"\p{Ll}+\s+\S")
#: an item that is a field, not a keyword: a role joined to a name (``Director_Jane Doe``) or a count
#: (``1 Green``, ``2 cups``)
_FIELD_ITEM = regex.compile(r"\p{L}_\p{Lu}|^\d+(?:[.,/]\d+)?\s+\p{L}")


def split_tags(text: str) -> list[str]:
    """The items of a tag line, prefix and ``#`` removed, empties dropped, order and case kept."""
    body = _PREFIX_RE.sub("", text, count=1)
    out: list[str] = []
    for item in _SEP_RE.split(body):
        item = item.strip().lstrip("#").strip()
        if item and item not in out:
            out.append(item)
    return out


def looks_like_tag_list(text: str) -> bool:
    """True when ``text`` is a list of three or more short keyword items and not a sentence."""
    if text.endswith((".", "!", "?", "…", ":")) or len(text) > 600:
        return False
    if code_like(text):  # a line of code or a table row: the article's (documentation, data)
        return False
    # a list's item (``- Graphics: GTX 970, RX 470``) or a field under a label that names no tags
    # (``Location: San Jose, California, USA``): the article's data, its values separated by commas
    if LIST_MARK.match(text) or (_FIELD_LABEL.match(text) and not _PREFIX_RE.match(text)):
        return False
    # three items need two separators (a cheap count before the regex split)
    if sum(map(text.count, _SEP_CHARS)) < 2:
        return False
    items = [i for i in _SEP_RE.split(text) if i.strip().lstrip("#")]
    if len(items) < 3:
        return False
    words = [len(i.split()) for i in items]
    if max(words) > 6 or sum(words) / len(items) > 4:
        return False
    capped = sum(1 for i in items if not i.lstrip("#")[:1].islower())
    if capped < 0.7 * len(items):
        return False
    # Among capitalised items, one of several words opening in lower case goes on a phrase (a product's
    # name: ``Wireless Earbuds, with Active Noise Cancellation, Adaptive``): a tag opens a topic's name.
    if capped < len(items) and any(_PHRASE_ITEM.match(i.strip()) for i in items):
        return False
    # Sentences joined by commas carry many lowercase content words; tags rarely do.
    if len(_LOWER_WORD.findall(text)) > len(items):
        return False
    # Credits, quantities and figures: most items are fields of a listing, not topics.
    fields = sum(1 for i in items if _FIELD_ITEM.search(i.strip()) or not any(c.isalpha() for c in i))
    return fields * 2 <= len(items)


_TEXT = attrgetter("text")
#: a tag box's label alone on its line (``Tags:``), its tags one per line below it
_LABEL_ONLY = regex.compile(_PREFIX_RE.pattern + r"$", regex.IGNORECASE)
#: a tag box's label without its colon (``Tags``): a label only over one line of comma-separated tags
_BARE_LABEL = regex.compile(
    r"(?:tags?|tagged|topics?|keywords?|related\s+topics|themen|schlagw(?:ö|oe)rter|mots[- ]cl(?:é|e)s|sujets|"
    r"etiquetas|temas)",
    regex.IGNORECASE,
)
_COMMAS = regex.compile(r"\s*,\s*")
#: a document holds at most this many lines shaped like tags: more are a list of its own that shares the shape
#: (each paper's authors in a list of papers, each product's specs). On the dev sets' scraped pages the
#: cuts of documents with more than eight such lines were in the gold 128 times of 184, against 99 of 469
#: in the others.
MAX_TAG_LINES = 8
#: at most this many tag lines under a label; a tag has at most this many words
MAX_LABELLED_TAGS = 30
_TAG_WORDS = 6


def find_tag_lists(doc: Doc) -> None:
    """Cut tag-list lines in the tail (after the article block), and tag boxes anywhere: a ``Tags:``
    label alone on its line with the tags under it, one per line."""
    first, last = doc.block
    # line index -> looks_like_tag_list(its text): the text does not change while the heuristics run
    # (they run this stage up to MAX_ROUNDS times in each zone pass), so kept for the document
    verdicts = doc.memo.tag_lines
    tail = max(last + 1, first)  # doc.zone(ln) == "tail" from here on
    found: list[Line] = []
    shaped = 0
    for ln in doc.lines:
        if (ln.cut is None or ln.cut.rule == RULE_ID) and not ln.parts:
            tags = verdicts.get(ln.idx)
            if tags is None:
                tags = verdicts[ln.idx] = looks_like_tag_list(ln.text)
            if tags:
                shaped += 1
                if ln.idx >= tail:
                    found.append(ln)
    # more lines of that shape in the document than a page prints tags: its own list (each paper's authors,
    # each product's sizes). Counted anywhere, not in the tail only: a second cleaning may zone the text
    # otherwise, and it must keep what the first kept
    if shaped <= MAX_TAG_LINES:
        for ln in found:
            if ln.cut is None:
                doc.cut_line(ln, "tag_list", RULE_ID)
    find_tag_boxes(doc)


def find_tag_boxes(doc: Doc) -> None:
    """Cut a ``Tags:`` / ``Topics:`` / ``Filed under:`` label alone on a line and the tags listed under it.

    What it catches: a CMS's tag box scraped one tag per line (``Tags:`` / ``Minnesota Wild`` / ``Jane
    Doe``). Why: the label says what the lines are, whatever zone they fall in (a list the article
    announced with a colon can carry the block over them); the tags go to metadata. A line that ends
    like a sentence, trails off or runs longer than a tag ends the box. A menu stage that took the lines
    for a menu gives them up: they are tags.

    >>> from cleaner.document import Doc, Line
    >>> d = Doc("Tags:\\nMinnesota Wild\\nJane Doe\\nThe team plays again on Friday night at home, the coach said.")
    >>> find_tag_boxes(d)
    >>> [ln.cut.kind if ln.cut else None for ln in d.lines]
    ['tag_list', 'tag_list', 'tag_list', None]
    >>> d = Doc("The team plays again on Friday night at home, the coach said.\\nTags\\nwild, hockey, minnesota\\nTags")
    >>> find_tag_boxes(d)
    >>> [ln.cut.kind if ln.cut else None for ln in d.lines]
    [None, 'tag_list', 'tag_list', None]
    """
    lines = doc.lines
    labels = doc.memo.tag_labels
    if labels is None:
        # the lines that are a label alone, found once: most documents have none, and this stage runs
        # several times a document (the ends are tested for all lines at once, at C level)
        ending = compress(lines, map(str.endswith, map(_TEXT, lines), repeat((":", "："))))
        labels = [ln for ln in ending if _LABEL_ONLY.match(ln.text)]
        labels += [ln for ln in lines if len(ln.text) <= 16 and _BARE_LABEL.fullmatch(ln.text)]
        doc.memo.tag_labels = labels
    for ln in labels:
        if not _claimable(ln):
            continue
        if not ln.text.endswith((":", "：")):  # ``Tags`` without its colon: only over a line of tags
            nxt = lines[ln.idx + 1] if ln.idx + 1 < len(lines) else None
            if nxt is not None and _claimable(nxt) and _comma_tags(nxt):
                for x in (ln, nxt):
                    x.cut = None
                    doc.cut_line(x, "tag_list", RULE_ID)
            continue
        items = []
        for nxt in lines[ln.idx + 1 : ln.idx + 1 + MAX_LABELLED_TAGS]:
            if nxt.cut is not None and not _claimable(nxt):
                continue  # cut by another stage (a tag the repeats took): the output does not show it
            if not _claimable(nxt):
                break
            if nxt.terminal or nxt.ellipsis or nxt.text.endswith((":", "：")) or nxt.n_words > _TAG_WORDS * 3:
                break
            if nxt.n_words > _TAG_WORDS and not looks_like_tag_list(nxt.text):
                break
            items.append(nxt)
        if not items:
            continue
        for x in (ln, *items):
            x.cut = None
            doc.cut_line(x, "tag_list", RULE_ID)


def _comma_tags(ln: Line) -> bool:
    """A line of three or more comma-separated tags of at most _TAG_WORDS words, in any case (under a
    ``Tags`` label, ``stock car brasil, stock car interlagos, …`` is what it says), and no sentence.

    >>> from cleaner.document import Doc
    >>> [_comma_tags(ln) for ln in Doc("stock car 2018, stock car brasil, interlagos\\nI came, I saw, I won.").lines]
    [True, False]
    """
    if ln.terminal or ln.ellipsis or "," not in ln.text or code_like(ln.text):
        return False
    items = [i for i in _COMMAS.split(ln.text.rstrip(",")) if i]
    return len(items) >= 3 and all(len(i.split()) <= _TAG_WORDS for i in items)


def _claimable(ln: Line) -> bool:
    """Not cut, or cut only by the menu stage (a tag box's lines read as a menu): the box may take it."""
    return not ln.parts and (ln.cut is None or ln.cut.kind == "navigation")
