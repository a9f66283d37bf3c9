"""HTML page -> article text and metadata, through trafilatura.

The article text is what ``trafilatura.extract(html, include_comments=False)`` returns: trafilatura's
default extraction. Its precision mode (``favor_precision``) prunes more teaser lists and widgets, and
scored a little better on the ScrapingHub news benchmark (shingle F1 0.977 against 0.975 after
cleaning), but on the 1,310 pages of WCXB's development set it pruned content: cleaned, it lost 20 % or
more of the article on 19 of 702 article pages and 177 of 608 pages of other types (forums, product,
documentation, listings), against 2 and 35 for the default extraction. The cleaner that runs after the
extraction removes what precision mode would have pruned; it cannot bring back what was pruned.

The metadata does *not* come from trafilatura's ``with_metadata`` pass. On real news pages that pass
costs about a third of the extraction itself: its author, tag, category and licence look-ups each run
XPath scans over the whole ``<body>``, and even on a tree holding nothing but the ``<head>`` its readers
cost ~5 % of the extraction. News pages declare their metadata in the ``<head>`` (OpenGraph,
``article:*`` and ``name=`` meta tags, ``<title>``) and in JSON-LD, so :func:`extract_html` reads those
straight from the page string in one pass (a regex over the head, ``str.find`` for the JSON-LD blocks,
``json.loads``), with the keys trafilatura and htmldate read, and trafilatura's author-name
normaliser. That costs ~2-3 % of the extraction. Two body look-ups run only when the head gave
nothing: a ``<time datetime>``/``itemprop=datePublished`` element for the date, the ``<h1>`` for the
title. Bylines that exist only as body text are left to the text cleaner.

Example:
    >>> page = (
    ...     "<html lang='en'><head><title>Budget passes | Daily Bugle</title>"
    ...     "<meta property='article:published_time' content='2024-05-09T10:00:00Z'>"
    ...     "<meta name='author' content='Jane Doe'></head><body><nav><a href='/'>Home</a></nav>"
    ...     "<article><h1>Budget passes</h1>"
    ...     + "".join(f"<p>The city council approved the budget, paragraph {i} of the report.</p>"
    ...               for i in range(5))
    ...     + "</article><footer>Copyright 2024 Daily Bugle</footer></body></html>"
    ... )
    >>> x = extract_html(page)
    >>> x.text.splitlines()[:2]  # trafilatura keeps the in-article <h1>; nav and footer are gone
    ['Budget passes', 'The city council approved the budget, paragraph 0 of the report.']
    >>> "Home" in x.text or "Copyright" in x.text
    False
    >>> x.title, x.date, x.authors, x.language
    ('Budget passes', '2024-05-09', ['Jane Doe'], 'en')
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import unescape
from typing import Any

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    """What :func:`extract_html` read from a page.

    Attributes:
        text: the article text, one paragraph per line (``""`` when no article was found).
        title: the headline, or ``None``.
        date: publication date as ISO ``YYYY-MM-DD``, or ``None``.
        authors: author names, in page order.
        tags: the page's tags, then its sections/categories, without duplicates.
        language: ISO 639-1 code the page declares (``<html lang>``, ``content-language``,
            ``og:locale``), or ``None``. A declaration, not a detection.
        warnings: what a reader of the result should know, e.g. ``"fallback: …"`` when trafilatura
            found no article (or next to nothing) and ``text`` is the page's visible text instead.
    """

    text: str
    title: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    warnings: tuple[str, ...] = ()


def extract_html(html: str, *, url: str | None = None) -> HtmlExtraction:
    """Extract the article text and metadata of an HTML page. Never raises.

    Args:
        html: the page (a full document or a fragment). ``bytes`` are decoded with
            :func:`cleaner.decode.decode_bytes` first.
        url: the page's address, if known; dates are read from URLs such as ``/2024/05/09/``.

    Returns:
        An :class:`HtmlExtraction`; ``text`` is ``""`` when the page has no extractable article
        (or is not HTML at all), and a metadata field is empty when it cannot be read. When
        trafilatura finds nothing or next to nothing (fewer than 5 words) in a page that shows prose,
        ``text`` is the page's visible text, one block per line, and ``warnings`` says so.

    Example:
        >>> extract_html("")
        HtmlExtraction(text='', title=None, date=None, authors=[], tags=[], language=None, warnings=())
        >>> extract_html("<html><body></body></html>").text
        ''
    """
    try:
        if isinstance(html, bytes | bytearray):
            from cleaner.decode import decode_bytes

            html = decode_bytes(bytes(html))[0]
        if not isinstance(html, str) or not html.strip():
            return HtmlExtraction(text="")
        text = _article_text(html, url)
        warnings: tuple[str, ...] = ()
        words = len(_WORDS.findall(text))
        if words < _FALLBACK_WORDS:
            visible = _visible_text(html)
            seen = len(_WORDS.findall(visible))
            if seen >= max(_FALLBACK_MIN_VISIBLE, 2 * words) and _looks_like_prose(visible):
                got = "no article text" if not words else f"only {words} word{'s' * (words != 1)}"
                warnings = (
                    f"fallback: the HTML extractor found {got} in a page of {len(html)} characters; "
                    f"the page's visible text ({seen} words) was used instead",
                )
                text = visible
        return HtmlExtraction(text, **_metadata(html, url), warnings=warnings)
    except Exception as err:  # pragma: no cover - last line of defence; the helpers catch their own
        LOGGER.warning("HTML extraction failed: %r", err)
        return HtmlExtraction(text="")


def _article_text(html: str, url: str | None) -> str:
    """Trafilatura's default plain-text extraction (see the module docstring for why not precision mode)."""
    import trafilatura

    try:
        return trafilatura.extract(html, url=url, include_comments=False) or ""
    except Exception as err:  # trafilatura or lxml choking on hostile input
        LOGGER.warning("trafilatura failed on %s: %r", url or "page", err)
        return ""


# --- the fallback: the page's visible text --------------------------------------------------------

#: an extraction with fewer words than this is "next to nothing": the page's visible text is used instead
_FALLBACK_WORDS = 5
#: ... when that has at least this many words (and twice the extraction's)
_FALLBACK_MIN_VISIBLE = 3
_WORDS = re.compile(r"[^\W\d_]\w*")
#: elements whose text is not shown
_HIDDEN = ("script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "math")
#: elements that start a line of their own (the rest are inline: their text joins the line)
_BLOCKS = frozenset(
    "address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset"
    " figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p"
    " pre section summary table tbody td tfoot th thead tr ul".split()
)
_PROSE_CHARS = re.compile(r"[\w\s.,;:!?'\"()\[\]/%&+*#@$€£–—‘’“”«»…-]")


def _looks_like_prose(text: str) -> bool:
    r"""Mostly letters, digits, spaces and punctuation (not the garbage of binary data read as text).

    >>> _looks_like_prose("The council approved the budget."), _looks_like_prose("\x8f\x03¿Ñ\x1a|~^`\x80")
    (True, False)
    """
    return len(_PROSE_CHARS.findall(text)) >= 0.9 * len(text)


def _visible_text(html: str) -> str:
    r"""The text a browser would show, one block element per line, white space folded; ``""`` on failure.

    Parsed with lxml; ``<head>``, scripts, styles, ``<noscript>``, ``<template>`` and comments are dropped.

    >>> _visible_text("<head><title>T</title></head><h1>Budget</h1><script>x()</script><p>It <b>passed</b>.</p>")
    'Budget\nIt passed.'
    """
    try:
        import lxml.html
        from lxml import etree

        try:
            root = lxml.html.document_fromstring(html)
        except ValueError:  # a str with an XML encoding declaration
            root = lxml.html.document_fromstring(html.encode("utf-8", "replace"))
        etree.strip_elements(root, *_HIDDEN, etree.Comment, etree.ProcessingInstruction, with_tail=False)
        lines: list[str] = []
        parts: list[str] = []

        def flush() -> None:
            line = " ".join("".join(parts).split())
            if line:
                lines.append(line)
            parts.clear()

        for event, el in etree.iterwalk(root, events=("start", "end")):
            block = isinstance(el.tag, str) and el.tag.lower() in _BLOCKS
            if event == "start":
                if block:
                    flush()
                if el.text:
                    parts.append(el.text)
            else:
                if block:
                    flush()
                if el.tail:
                    parts.append(el.tail)
        flush()
        return "\n".join(lines)
    except Exception as err:  # lxml choking on hostile input: no fallback, no error
        LOGGER.debug("visible text failed: %r", err)
        return ""


# --- metadata -------------------------------------------------------------------------------------

# Where the <head> ends: "</head>" by str.find (fast), else a case-insensitive search within the first
# _HEAD_SEARCH characters; a page without a closed head (a fragment, a truncated page) offers its
# first _HEAD_FALLBACK characters instead.
_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
_HEAD_SEARCH = 1_000_000
_HEAD_FALLBACK = 65_536
_HEAD_TAG = re.compile(r"<(meta|title|html|link)\b([^>]{0,4000})>", re.IGNORECASE)
_ATTR = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`]+)))?""")
_MAX_JSON_LD = 20
_BODY_WINDOW = 1_000_000  # the body fallbacks look this far past the head (bylines and dates sit high)
_MAX_JSON_LD_CHARS = 1_000_000
_MAX_TAGS = 50
_MAX_FIELD = 500  # longer "titles" and "names" are page text or junk, not metadata
_SPACE = re.compile(r"\s+")
_STRIP_TAGS = re.compile(r"<[^>]*>")
_LANG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*")

# The meta keys (name / property / itemprop / http-equiv, lowercased) read, after trafilatura's
# metadata.py and htmldate's core.py.
_TITLE_KEYS = frozenset(
    "title headline dc.title dcterms.title citation_title parsely-title sailthru.title twitter:title"
    " fb_title rbtitle shareaholic:title".split()
)
_AUTHOR_KEYS = frozenset(
    "author authors article:author og:author og:article:author creator dc.creator dc:creator"
    " dcterms.creator dc.creator.aut dcterms.creator.aut parsely-author sailthru.author citation_author"
    " byl rbauthors dcsext.author atc-metaauthor shareaholic:article_author_name".split()
)
_TAG_KEYS = frozenset(
    "article:tag keywords news_keywords tags parsely-tags citation_keywords dcterms.subject shareaholic:keywords".split()
)
_SECTION_KEYS = frozenset("article:section og:article:section section subject dc.subject".split())
_PUBLISHED_KEYS = frozenset(
    "article:published_time og:article:published_time og:published_time article:published"
    " og:article:published article:published_date article:post_date datepublished datecreated pubdate"
    " publishdate publish-date publish_date publish_time published_time published_date published-date"
    " publication_date publisheddate date date_published date_created dc.date dc:date dc.date.issued"
    " dc.date.created dc.date.publication dc.created dc:created dcterms.date dcterms.issued"
    " dcterms.created citation_publication_date citation_date sailthru.date parsely-pub-date"
    " article.published article.created og:pubdate og:publish_date og:datepublished bt:pubdate"
    " rbpubdate cxenseparse:recs:publishtime originalpublicationdate article_date_original"
    " displaydate rnews:datepublished shareaholic:article_published_time created".split()
)
_MODIFIED_KEYS = frozenset(
    "article:modified_time og:article:modified_time og:updated_time article:modified datemodified"
    " dateupdate modified lastmodified last-modified dcterms.modified dc.modified".split()
)
_LANGUAGE_KEYS = frozenset("content-language og:locale language dc.language dcterms.language".split())

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_ISO_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_YMD_DATE = re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")
_DMY_DATE = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")
_TEXT_DATE = re.compile(
    r"(?:(\d{1,2})\.?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4}))|(?:([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))",
    re.IGNORECASE,
)
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_.-]?(0[1-9]|1[0-2])[/_.-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_TEXT_DATE = re.compile(r"/((?:19|20)\d\d)/([a-z]{3})[a-z]*/(\d{1,2})/", re.IGNORECASE)
_TITLE_SPLIT = re.compile(r"^(.+?)\s+[–•·—|⁄*⋆~‹«<›»>:-]\s+(.+)$")


@dataclass(slots=True)
class _Found:
    """Metadata candidates as they are met; :func:`_metadata` picks from them."""

    og_title: str | None = None
    meta_title: str | None = None
    json_title: str | None = None
    title_tag: str | None = None
    authors: list[str] = field(default_factory=list)
    json_authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    json_tags: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    other_dates: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    canonical: str | None = None


def _metadata(html: str, url: str | None) -> dict[str, Any]:
    """Title, date, authors, tags and language from the page's head and JSON-LD (see module doc)."""
    try:
        found = _Found()
        head_end = _read_head(html, found)
        for block in _json_ld(html):
            _read_json_ld(block, found)
        title = found.og_title or found.meta_title or found.json_title or _split_title(found.title_tag)
        day = _first_date([url, found.canonical], url=True) or _first_date(found.published)
        # trafilatura's rule: a one-word meta "author" is a site name or a handle, not a person
        authors = [a for a in found.authors if " " in a.strip()] + found.json_authors
        if not (title and day and authors):  # about half the pages; these look-ups read the body
            body = _Found()
            _read_body_metas(html, head_end, body)
            title = title or body.og_title or body.meta_title or _first_h1(html, head_end)
            day = day or _first_date(body.published) or _body_date(html, head_end)
            day = day or _first_date(found.modified + found.other_dates + body.modified)
            authors = authors or [a for a in body.authors if " " in a.strip()] or _body_bylines(html, head_end)
        return {
            "title": _clean(title),
            "date": day,
            "authors": _names(authors),
            "tags": _tags(found.tags or found.json_tags, found.sections),
            "language": next(filter(None, map(_iso639, found.languages)), None),
        }
    except Exception as err:  # pragma: no cover - defensive: metadata must never cost the text
        LOGGER.warning("metadata extraction failed on %s: %r", url or "page", err)
        return {}


def _head_end(html: str) -> int:
    """Index where the ``<head>`` ends (or where to stop looking for head elements).

    >>> _head_end("<html><head><title>T</title></head><body>x</body></html>")
    28
    """
    end = html.find("</head>")
    if end < 0:
        m = _HEAD_END.search(html, 0, _HEAD_SEARCH)
        end = m.start() if m else min(len(html), _HEAD_FALLBACK)
    return end


def _attrs(text: str) -> dict[str, str]:
    """The attributes of a tag's inside, names lowercased, values unescaped.

    >>> _attrs(''' name="author" content='Jane &amp; John' data-x=1 hidden /''')
    {'name': 'author', 'content': 'Jane & John', 'data-x': '1', 'hidden': ''}
    """
    return {k.lower(): unescape(a or b or c) for k, a, b, c in _ATTR.findall(text)}


def _read_head(html: str, found: _Found) -> int:
    """Collect the head's ``<html lang>``, ``<title>``, canonical ``<link>`` and ``<meta>`` data."""
    end = _head_end(html)
    for m in _HEAD_TAG.finditer(html, 0, end):
        kind = m.group(1).lower()
        if kind == "meta":
            _read_meta_tag(m.group(2), found)
        elif kind == "title":
            if found.title_tag is None:
                close = html.find("</", m.end(), m.end() + 2000)
                found.title_tag = unescape(html[m.end() : close]) if close > 0 else None
        elif kind == "html":
            a = _attrs(m.group(2))
            found.languages[:0] = [a.get("lang", ""), a.get("xml:lang", "")]
        elif "canonical" in m.group(2).lower():
            found.canonical = found.canonical or _attrs(m.group(2)).get("href")
    return end


def _read_body_metas(html: str, start: int, found: _Found) -> None:
    """Collect the ``<meta>`` tags of the body (some sites emit their article metas there)."""
    pos, end = start, start + _BODY_WINDOW
    for _ in range(200):
        i = html.find("<meta", pos, end)
        if i < 0:
            break
        m = _HEAD_TAG.match(html, i)
        pos = m.end() if m else i + 5
        if m:
            _read_meta_tag(m.group(2), found)


def _read_meta_tag(inside: str, found: _Found) -> None:
    """File one ``<meta>`` (given the inside of its tag) under the field its key names."""
    a = _attrs(inside)
    content = a.get("content", "").strip()
    if content:
        key = a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or ""
        _read_meta(key.strip().lower(), content, found)


#: meta keys whose values are collected, by the list of ``_Found`` they go to (title keys are first-wins)
_LIST_FIELDS: dict[str, str] = {
    key: name
    for keys, name in (
        (_AUTHOR_KEYS, "authors"), (_TAG_KEYS, "tags"), (_SECTION_KEYS, "sections"),
        (_PUBLISHED_KEYS, "published"), (_MODIFIED_KEYS, "modified"), (_LANGUAGE_KEYS, "languages"),
    )
    for key in keys
    if key != "og:title" and key not in _TITLE_KEYS
}


def _read_meta(key: str, content: str, found: _Found) -> None:
    """File one ``<meta>`` under the field its key names."""
    if key == "og:title":
        found.og_title = found.og_title or content
    elif key in _TITLE_KEYS:
        found.meta_title = found.meta_title or content
    elif (name := _LIST_FIELDS.get(key)) is not None:
        getattr(found, name).append(content)


def _json_ld(html: str) -> list[str]:
    """The contents of the page's ``<script type="application/ld+json">`` blocks (str.find, no regex).

    >>> _json_ld('<p>a</p><script id="s" type="application/ld+json">{"a": 1}</script><p>b</p>')
    ['{"a": 1}']
    """
    blocks: list[str] = []
    pos, total = 0, 0
    while len(blocks) < _MAX_JSON_LD and total < _MAX_JSON_LD_CHARS:
        i = html.find("application/ld+json", pos)
        if i < 0:
            break
        pos = i + 19
        start = html.rfind("<script", max(0, i - 300), i)
        open_end = html.find(">", i)
        if start < 0 or open_end < 0 or html.find(">", start, i) >= 0:
            continue  # the string outside a <script ...> opening tag
        end = html.find("</script", open_end)
        if end < 0:
            break
        blocks.append(html[open_end + 1 : end])
        total += end - open_end
        pos = end
    return blocks


_JSON_TRAILING_COMMA = re.compile(r",\s*([\]}])")
_JSON_PUBLISHED = re.compile(r'"date(?:Published|Created)"\s*:\s*"([^"]{6,40})"')
_ARTICLE_TYPES = ("article", "posting", "blog", "report")


def _read_json_ld(block: str, found: _Found) -> None:
    """Collect headline, dates, authors, keywords and section from the article objects of a JSON-LD block.

    Dates of other objects (``ClaimReview``, ``WebPage``) are kept as a last resort. A block that is not
    valid JSON is retried without trailing commas, then only its ``datePublished`` is looked for.
    """
    block = block.strip().removeprefix("<!--").removesuffix("-->")
    try:
        data = json.loads(block, strict=False)
    except (ValueError, RecursionError):
        try:
            data = json.loads(_JSON_TRAILING_COMMA.sub(r"\1", block), strict=False)
        except (ValueError, RecursionError):
            found.other_dates.extend(m.group(1) for m in _JSON_PUBLISHED.finditer(block, 0, 200_000))
            return
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        obj, depth = stack.pop()
        if depth > 4:
            continue
        if isinstance(obj, list):
            stack.extend((x, depth + 1) for x in reversed(obj[:50]))
            continue
        if not isinstance(obj, dict):
            continue
        for key in ("liveBlogUpdate", "mainEntity", "@graph"):
            if key in obj:
                stack.append((obj[key], depth + 1))
        types = obj.get("@type")
        types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
        if not any(isinstance(t, str) and t.lower().endswith(_ARTICLE_TYPES) for t in types):
            found.other_dates.extend(v for k in ("datePublished", "dateCreated") if isinstance(v := obj.get(k), str))
            continue
        for key in ("headline", "name"):
            if isinstance(obj.get(key), str) and not found.json_title:
                found.json_title = obj[key]
        for key, dest in (("datePublished", found.published), ("dateCreated", found.published), ("dateModified", found.modified)):
            if isinstance(obj.get(key), str):
                dest.append(obj[key])
        found.json_authors.extend(_json_persons(obj.get("author")))
        for key, dest in (("keywords", found.json_tags), ("articleSection", found.sections)):
            value = obj.get(key)
            dest.extend(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str))


def _json_persons(value: Any) -> list[str]:
    """Author names from a JSON-LD ``author`` value: a string, a Person, or a list of them.

    >>> _json_persons([{"@type": "Person", "name": "Jane Doe"}, {"@type": "Organization", "name": "AP"},
    ...                "John Smith", {"givenName": "Ann", "familyName": "Lee"}])
    ['Jane Doe', 'John Smith', 'Ann Lee']
    """
    names = []
    for person in (value if isinstance(value, list) else [value])[:20]:
        if isinstance(person, str):
            names.append(person)
        elif isinstance(person, dict):
            kind = person.get("@type", "Person")
            if "Person" not in (kind if isinstance(kind, list) else [kind]):
                continue
            name = person.get("name")
            if isinstance(name, list):
                name = "; ".join(n for n in name if isinstance(n, str))
            elif not isinstance(name, str):
                name = " ".join(n for k in ("givenName", "familyName") if isinstance(n := person.get(k), str))
            names.append(name)
    return [n for n in names if n]


def _names(raw: list[str]) -> list[str]:
    """Author strings -> names, through trafilatura's normaliser (drops URLs, e-mails, "By ", handles).

    >>> _names(["By Jane Doe and John Smith", "https://facebook.com/janedoe", "Jane Doe"])
    ['Jane Doe', 'John Smith']
    """
    try:
        from trafilatura.json_metadata import normalize_authors
    except ImportError:  # pragma: no cover - trafilatura moved it: keep the strings as they are
        return _dedupe(raw)
    joined: str | None = None
    for value in raw:
        if len(value) <= _MAX_FIELD:
            joined = normalize_authors(joined, value)
    return _dedupe((joined or "").split(";"))


def _dedupe(values: list[str]) -> list[str]:
    """Clean each value, drop empties and repeats (case-insensitively), keep the first spelling.

    >>> _dedupe([" Budget ", "City  Council", "budget", ""])
    ['Budget', 'City Council']
    """
    seen: dict[str, str] = {}
    for value in values:
        value = _clean(value) or ""
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return list(seen.values())


def _clean(value: str | None) -> str | None:
    """Unescape entities, drop tags, fold white space; ``None`` for empty or overlong values."""
    if not value or len(value) > 4 * _MAX_FIELD:
        return None
    value = _SPACE.sub(" ", _STRIP_TAGS.sub(" ", unescape(value))).strip()
    return value if value and len(value) <= _MAX_FIELD else None


_TAG_JUNK = re.compile(r"^[@#_/]|[_:/|]|^\W*$")


def _tags(tags: list[str], sections: list[str]) -> list[str]:
    """Tags (a meta tag may hold a comma-separated list), then sections; CMS codes are dropped.

    >>> _tags(["Budget, City Council", "budget", "@hp-river", "channel_other"], ["Politics"])
    ['Budget', 'City Council', 'Politics']
    """
    values = [t.strip().strip("\"'") for tag in tags for t in tag.split(",")] + sections
    return [t for t in _dedupe(values) if len(t) <= 100 and not _TAG_JUNK.search(t)][:_MAX_TAGS]


# A byline element: an attribute naming an author or byline, as trafilatura's AUTHOR_XPATHS look for.
# ``rel="author"`` and ``itemprop="author"`` are specific; class and id names are a fallback.
_BYLINE_ATTR = re.compile(r"""\b(rel|itemprop|class|id)\s*=\s*["']?([^"'<>=]*)$""", re.IGNORECASE)
_ATTR_REST = re.compile(r"""[^"'<>=]{0,200}""")
# comment forms and threads, author boxes' bios and pictures are not bylines
_NOT_BYLINE = ("comment", "desc", "bio", "about", "avatar", "photo", "image", "img")
_OPEN_TAG = re.compile(r"<(\w+)")
_TIME_ELEMENT = re.compile(r"<time\b.*?</time>", re.IGNORECASE | re.DOTALL)
_VOID = frozenset({"meta", "link", "img", "br", "hr", "input"})


def _body_bylines(html: str, start: int) -> list[str]:
    """Author names from the body's byline (a fallback for pages whose metadata names none).

    >>> _body_bylines('<div class="byline">By <a rel="author" href="/jane">Jane Doe</a>, May 9</div>', 0)
    ['Jane Doe']
    >>> _names(_body_bylines("<p class='post-byline'>By Jane Doe | 9 May 2024</p>", 0))
    ['Jane Doe']
    """
    fallback: str | None = None
    for needle in ("author", "byline"):
        pos = start
        for _ in range(100):
            i = html.find(needle, pos, start + _BODY_WINDOW)
            if i < 0:
                break
            pos = i + len(needle)
            attr = _BYLINE_ATTR.search(html, max(start, i - 80), i)
            tag_start = html.rfind("<", max(0, i - 500), i) if attr else -1
            if tag_start < 0 or html.find(">", tag_start, i) >= 0:
                continue  # not inside an attribute of a tag
            value = (attr.group(2) + _ATTR_REST.match(html, i).group()).lower()
            if any(word in value for word in _NOT_BYLINE):
                continue
            specific = attr.group(1).lower() in ("rel", "itemprop")
            text = _element_text(html, tag_start, min_words=1 if specific else 2)
            if text and specific:
                return [text]
            fallback = fallback or text
        if fallback:
            break
    return [fallback] if fallback else []


def _element_text(html: str, tag_start: int, min_words: int) -> str | None:
    """The name-like text of the element opening at ``tag_start``, else ``None``.

    That is its first link's text if it has one (bylines link the author's page), else its text up to
    the first digit (a date or time follows names in bylines), with 1-8 words of which ``min_words``.
    """
    m = _OPEN_TAG.match(html, tag_start)
    open_end = html.find(">", tag_start, tag_start + 1000)
    if not m or open_end < 0 or m.group(1).lower() in _VOID:
        return None
    close = html.find(f"</{m.group(1)}", open_end, open_end + 2000)
    inner = _TIME_ELEMENT.sub(" ", html[open_end + 1 : close]) if close > 0 else ""
    link = inner.find("<a ")
    if link >= 0 and (link_end := inner.find(">", link)) >= 0:
        link_close = inner.find("</a", link_end)
        inner = inner[link_end + 1 : link_close if link_close >= 0 else len(inner)]
    text = re.split(r"\d", _clean(inner) or "", maxsplit=1)[0].strip(" ,|·-–—")
    words = len(text.split())
    return text if min_words <= words <= 8 and len(text) <= 80 and any(c.isalpha() for c in text) else None


def _split_title(title: str | None) -> str | None:
    """The headline part of a ``<title>`` such as ``"Headline | Site"`` (trafilatura's rule).

    >>> _split_title("Budget passes after long debate | Daily Bugle")
    'Budget passes after long debate'
    >>> _split_title("dailybugle.com - Budget passes")
    'Budget passes'
    """
    if not title:
        return None
    title = _SPACE.sub(" ", title).strip()
    m = _TITLE_SPLIT.match(title)
    for part in (m.group(1), m.group(2)) if m else ():
        if "." not in part:
            return part
    return title


def _first_h1(html: str, start: int) -> str | None:
    """Text of the first ``<h1>`` after ``start`` (a fallback for pages that declare no title)."""
    i = html.find("<h1", start, start + _BODY_WINDOW)
    if i < 0:
        return None
    open_end = html.find(">", i, i + 2000)
    close = html.find("</h1", open_end, open_end + 2000)
    return _clean(html[open_end + 1 : close]) if open_end > 0 and close > 0 else None


_DATE_CLASS = re.compile(r"""class=["'][^"'>]{0,200}?(?:date|time|publish)[^"'>]{0,200}["'][^>]{0,1000}>""", re.IGNORECASE)


def _body_date(html: str, start: int) -> str | None:
    """Publication date from the body, for pages whose metadata has none.

    Looks at ``itemprop="datePublished"``, then ``<time datetime>``, then the text of the first
    elements whose class names a date (``<span class="article-date">Nov. 19, 2019</span>``).

    >>> _body_date('<p>x</p><div class="post-date">Posted <b>19 November 2019</b></div>', 0)
    '2019-11-19'
    """
    for needle in ('itemprop="datePublished"', "<time"):
        pos = start
        for _ in range(5):
            i = html.find(needle, pos, start + _BODY_WINDOW)
            if i < 0:
                break
            tag_start = html.rfind("<", max(0, i - 500), i + 1)
            tag_end = html.find(">", i, i + 1000)
            if tag_start < 0 or tag_end < 0:
                break
            a = _attrs(html[tag_start + 1 : tag_end])
            if found := _first_date([a.get("datetime"), a.get("content")]):
                return found
            pos = tag_end
    for n, m in enumerate(_DATE_CLASS.finditer(html, start, start + _BODY_WINDOW)):
        if n >= 10:
            break
        if found := _iso_day(_clean(html[m.end() : m.end() + 300].split("</", 1)[0]) or ""):
            return found
    return None


def _first_date(values: list[str | None], *, url: bool = False) -> str | None:
    """The first value that holds a plausible date, as ``YYYY-MM-DD``."""
    for value in values:
        if value and (day := (_url_date(value) if url else _iso_day(value))):
            return day
    return None


def _url_date(url: str) -> str | None:
    """A date written in a URL path, e.g. ``/2019/11/19/``, ``-20191119-`` or ``/2019/nov/19/``.

    >>> _url_date("https://example.com/news/2019/11/19/budget-passes")
    '2019-11-19'
    >>> _url_date("https://example.com/2019/nov/18/budget"), _url_date("https://example.com/a/12345678")
    ('2019-11-18', None)
    """
    if m := _URL_DATE.search(url):
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if (m := _URL_TEXT_DATE.search(url)) and (month := _MONTHS.get(m.group(2).lower())):
        return _valid(int(m.group(1)), month, int(m.group(3)))
    return None


def _iso_day(value: str) -> str | None:
    """Normalise a date as written in metadata to ``YYYY-MM-DD``; ``None`` if implausible.

    >>> [_iso_day(v) for v in ("2019-11-19T08:00:00Z", "20191119", "2019/11/19", "19.11.2019",
    ...                        "Nov 19, 2019", "19 November 2019", "yesterday", "2999-01-01")]
    ['2019-11-19', '2019-11-19', '2019-11-19', '2019-11-19', '2019-11-19', '2019-11-19', None, None]
    """
    value = value.strip()[:100]
    if m := _ISO_DATE.match(value) or _YMD_DATE.search(value):
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _DMY_DATE.search(value):
        day, month = int(m.group(1)), int(m.group(2))
        return _valid(int(m.group(3)), *((day, month) if month <= 12 else (month, day))[::-1])
    if m := _TEXT_DATE.search(value):
        d, mon, y = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        if (month := _MONTHS.get(mon.lower())) is not None:
            return _valid(int(y), month, int(d))
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` if this is a real day between 1990 and tomorrow."""
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d.isoformat() if date(1990, 1, 1) <= d <= date.today() + timedelta(days=1) else None


def _iso639(value: str | None) -> str | None:
    """A two-letter language code from a declaration such as ``en-US``, ``pt_BR`` or ``de``.

    >>> _iso639("pt-BR"), _iso639("EN"), _iso639("english")
    ('pt', 'en', None)
    """
    m = _LANG.fullmatch((value or "").split(",")[0].strip())
    return m.group(1).lower() if m and len(m.group(1)) == 2 else None
