"""Bytes -> text for scraped input, and a cheap "is this HTML?" test.

Scraped bytes come in every state: clean UTF-8, UTF-16 from a Windows tool, a legacy code page that
the page does (or falsely) declares, a UTF-8 template with a windows-1252 paragraph pasted in, a
download cut in the middle of a character, or junk. :func:`decode_bytes` always returns text and says
in one warning line what it had to guess or repair, so a caller can surface it (``CleanResult.warnings``).

Every step that looks at the content is bounded to a sample, so a 50 MB input costs one C-speed pass
of the codec, not a detector run over all of it.

Example:
    >>> decode_bytes("Caf\\u00e9 au lait".encode("utf-8"))
    ('Café au lait', None)
    >>> decode_bytes(b'<meta charset="windows-1252"><p>Caf\\xe9 \\x93quoted\\x94</p>')
    ('<meta charset="windows-1252"><p>Café “quoted”</p>', 'decoded as windows-1252 (declared charset)')
    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>"), looks_like_html("I <3 you")
    (True, False)
"""

from __future__ import annotations

import codecs
import itertools
import re

# Byte order marks, longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARATION_WINDOW = 4096  # browsers look for <meta charset> in the first 1024 bytes; be lenient
_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]{0,200}?encoding\s*=\s*["']\s*([A-Za-z0-9_.:+-]{1,40})""", re.I)
_SAMPLE = 65_536  # bytes given to the statistical detector (charset_normalizer is slow on big inputs)
_SAMPLE_WINDOW = 2_000_000  # prefix read to tell mixed UTF-8 from a legacy charset
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_MAX_REPAIRS = 10_000  # invalid UTF-8 bytes repaired one by one (a Python call each); beyond: U+FFFD
_WEB_NAMES = {f"cp125{i}": f"windows-125{i}" for i in range(9)}


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode scraped bytes robustly: ``(text, warning or None)``. Never raises.

    Order: a byte order mark (UTF-8/16/32; BOM-less UTF-16 is told by its NUL bytes); strict UTF-8 (a
    character cut at the very end is dropped); the charset the document declares (``<meta charset>``,
    ``http-equiv``, XML declaration, first 4 KB) if the bytes decode under it into something that reads
    as text; UTF-8 with stray windows-1252 bytes (mixed encodings, decoded as such) when that reads
    better than ``charset_normalizer``'s guess on a sample; the guess; windows-1252 with
    ``errors="replace"``. The BOM and NUL characters are removed from the text.

    The warning is ``None`` for clean UTF-8 (with or without BOM), else says what was done, e.g.
    ``"decoded as windows-1252 (declared charset)"``.

    >>> decode_bytes(codecs.BOM_UTF16_LE + "Hi there".encode("utf-16-le"))
    ('Hi there', 'decoded as utf-16-le (byte order mark)')
    >>> decode_bytes("Caf\\u00e9 ".encode() + b"\\x93quoted\\x94")
    ('Café “quoted”', 'mixed encodings: 2 invalid UTF-8 bytes decoded as windows-1252')
    >>> decode_bytes(b"")
    ('', None)
    """
    try:
        if isinstance(data, str):  # already text: only the BOM and NULs are dealt with
            text, notes = data, []
        else:
            raw = data if isinstance(data, bytes) else _as_bytes(data)
            if raw is None:
                return "", "input is not bytes"
            text, notes = _decode(raw)
        if text.startswith("\ufeff"):
            text = text[1:]
        if "\x00" in text:
            notes.append(f"removed {text.count(chr(0))} NUL characters")
            text = text.replace("\x00", "")
        return text, "; ".join(notes) or None
    except Exception as err:  # pragma: no cover - defensive: latin-1 decodes any byte string
        try:
            return bytes(data).decode("latin-1").replace("\x00", ""), f"decoded as iso-8859-1 after an error ({err!r})"
        except Exception:
            return "", f"could not decode the input ({err!r})"


def _as_bytes(data: object) -> bytes | None:
    """bytearray/memoryview -> bytes; anything else -> None."""
    try:
        return bytes(data)  # type: ignore[call-overload]
    except Exception:
        return None


def _decode(data: bytes) -> tuple[str, list[str]]:
    """The decode cascade; returns the text and the notes for the warning."""
    if not data:
        return "", []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            if codec == "utf-32-le" and len(data) % 4:  # FF FE 00 00 can also open UTF-16-LE text
                continue
            text = data[len(bom) :].decode(codec, "replace")
            notes = [] if codec == "utf-8" else [f"decoded as {codec} (byte order mark)"]
            return text, notes + _replaced(text, data, codec)

    if codec := _utf16_without_bom(data):
        text = data.decode(codec, "replace")
        return text, [f"decoded as {codec} (no byte order mark; NUL-byte pattern)", *_replaced(text, data, codec)]

    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        pass
    else:
        pending = decoder.getstate()[0]
        return text, [f"incomplete UTF-8 character at the end dropped ({len(pending)} bytes)"] if pending else []

    notes: list[str] = []
    sample = _sample(data)
    declared = _declared_charset(data[:_DECLARATION_WINDOW])
    declared_utf = False
    if declared:
        codec = _codec(declared)
        if codec is None:
            notes.append(f"declared charset {declared!r} unknown")
        elif codec.startswith("utf_"):
            declared_utf = True  # UTF-8 that is not clean: mixed encodings, or a false declaration
        else:
            try:
                legacy: str | None = _decode_legacy(data, codec)
            except UnicodeDecodeError:
                legacy = None
            if legacy is not None and _plausible(sample, codec):
                return legacy, [f"decoded as {_web_name(codec)} (declared charset)"]
            notes.append(f"declared charset {declared!r} does not fit the bytes")

    # UTF-8 with foreign bytes, or a legacy charset? Compare how the two readings of a sample read.
    mixed_mess = None
    if _mostly_utf8(data):
        mixed_mess = _mess(sample.decode("utf-8", "cleaner.cp1252"))
        if mixed_mess <= 0.01:
            return _mixed(data, notes)
    guess = _detect(sample)
    if mixed_mess is not None and (guess is None or mixed_mess <= _mess(sample.decode(guess, "replace"))):
        return _mixed(data, notes)
    if declared_utf:
        notes.append(f"declared charset {declared!r} does not fit the bytes")
    if guess:
        text = data.decode(guess, "replace")
        return text, [*notes, f"decoded as {_web_name(guess)} (detected)", *_replaced(text, data, guess)]
    text = data.decode("cp1252", "replace")
    return text, [*notes, "decoded as windows-1252 (fallback)", *_replaced(text, data, "cp1252")]


def _mixed(data: bytes, notes: list[str]) -> tuple[str, list[str]]:
    """UTF-8 whose invalid bytes are decoded as windows-1252 (U+FFFD when there are too many to repair)."""
    bad = data.decode("utf-8", "replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if bad <= _MAX_REPAIRS:
        text = data.decode("utf-8", "cleaner.cp1252")
        return text, [*notes, f"mixed encodings: {bad} invalid UTF-8 bytes decoded as windows-1252"]
    return data.decode("utf-8", "replace"), [*notes, f"invalid UTF-8 replaced with U+FFFD ({bad} bytes)"]


def _mess(text: str) -> float:
    """charset_normalizer's mess ratio (0 = reads as text) of a decoded sample; 0 without the detector."""
    try:
        from charset_normalizer.md import mess_ratio

        return float(mess_ratio(text[:16384], 1.0))
    except Exception:  # pragma: no cover
        return 0.0


def _replaced(text: str, data: bytes, codec: str) -> list[str]:
    """A note when decoding replaced undecodable bytes with U+FFFD (minus the U+FFFD already there)."""
    n = text.count("\ufffd")
    if n and codec.replace("_", "-").startswith("utf-8"):
        n -= data.count(b"\xef\xbf\xbd")
    return [f"{n} undecodable bytes replaced with U+FFFD"] if n > 0 else []


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes fill one parity of the sample, as in BOM-less UTF-16 text.

    >>> _utf16_without_bom("plain ASCII as UTF-16".encode("utf-16-be")), _utf16_without_bom(b"abc\\x00def")
    ('utf-16-be', None)
    """
    sample = data[:4096]
    if len(sample) < 16 or sample.count(0) < len(sample) // 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.7 * half and even < 0.1 * half:
        return "utf-16-le"
    if even > 0.7 * half and odd < 0.1 * half:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """True when the sample holds valid multi-byte UTF-8 characters, at least a quarter as many as invalid bytes.

    Legacy single-byte text almost never forms a valid UTF-8 sequence, so one means UTF-8 text with
    foreign bytes mixed in; random bytes form them too, but ~12 times fewer than invalid ones.

    >>> _mostly_utf8("Caf\\u00e9 ".encode() + b"\\x93quoted\\x94"), _mostly_utf8(b"Caf\\xe9 \\x93quoted\\x94")
    (True, False)
    """
    sample = codecs.getincrementaldecoder("utf-8")("replace").decode(data[:_SAMPLE_WINDOW], final=False)
    bad = sample.count("\ufffd")
    multibyte = len(sample) - len(sample.encode("ascii", "ignore")) - bad
    return multibyte >= 1 and 4 * multibyte >= bad


def _cp1252_repair(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode the offending bytes as windows-1252 (U+FFFD for its 5 holes)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start : err.end].decode("cp1252", "replace"), err.end


codecs.register_error("cleaner.cp1252", _cp1252_repair)


def _declared_charset(head: bytes) -> str | None:
    """The charset a document declares in its first bytes (``<meta>`` or XML declaration).

    >>> _declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')
    'Shift_JIS'
    >>> _declared_charset(b"<?xml version='1.0' encoding='ISO-8859-1'?><rss/>")
    'ISO-8859-1'
    """
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def _codec(label: str) -> str | None:
    """Python's codec name for a charset label; latin-1 and ASCII labels mean windows-1252 (WHATWG).

    >>> _codec("ISO-8859-1"), _codec("Shift_JIS"), _codec("x-no-such-charset")
    ('cp1252', 'shift_jis', None)
    """
    try:
        name = codecs.lookup(label.strip().lower()).name.replace("-", "_")
    except LookupError:
        return None
    if name in ("cp819", "latin_1", "iso8859_1", "ascii", "us_ascii"):
        return "cp1252"
    return name


def _decode_legacy(data: bytes, codec: str) -> str:
    """Strict decode; windows-1252's five undefined bytes fall back to latin-1 as browsers do."""
    if codec == "cp1252":
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    return data.decode(codec)


_MAX_MESS = 0.1  # charset_normalizer's own acceptance threshold is 0.2; a declaration must do better


def _plausible(sample: bytes, codec: str) -> bool:
    """Whether text decoded with ``codec`` reads as text (charset_normalizer's mess ratio on a sample).

    Single-byte code pages decode any bytes, so a false declaration only shows as mojibake.

    >>> french = "Le maire a déclaré que la rue serait fermée pendant l’été. ".encode("cp1252")
    >>> _plausible(french, "cp1252"), _plausible(french, "koi8_r")
    (True, False)
    """
    return sample.isascii() or _mess(sample.decode(codec, "replace")) <= _MAX_MESS


def _web_name(codec: str) -> str:
    """``cp1252`` -> ``windows-1252``; other codec names as Python spells them."""
    name = codecs.lookup(codec).name
    return _WEB_NAMES.get(name.replace("-", "_"), name)


def _detect(sample: bytes) -> str | None:
    """charset_normalizer's guess on a sample, preferring windows-1252 when it fits as well."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover
        return None
    try:
        matches = from_bytes(sample, preemptive_behaviour=False)  # declarations were weighed already
        best = matches.best()
    except Exception:  # pragma: no cover - a detector bug must not cost the text
        return None
    if best is None:
        return None
    # Western text fits cp1250, cp1257, cp850 or mac-latin2 too, and on a short sample the detector may
    # prefer one of those ("Le cafť ťtait"). windows-1252 is far more common on the web, so a single-byte
    # guess gives way to it when windows-1252 reads nearly as well (Cyrillic, Greek... read far worse).
    if _single_byte(best.encoding) and best.encoding != "cp1252":
        try:
            as_1252 = sample.decode("cp1252")
        except UnicodeDecodeError:
            as_1252 = None
        if as_1252 is not None and _mess(as_1252) <= _mess(sample.decode(best.encoding, "replace")) + 0.1:
            return "cp1252"
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:  # pragma: no cover
        return None


def _single_byte(codec: str) -> bool:
    """Whether ``codec`` maps each byte to one character (a code page, not UTF-8/16 or a CJK codec).

    >>> _single_byte("cp850"), _single_byte("cp932"), _single_byte("utf_8")
    (True, False, False)
    """
    try:
        return len(bytes(range(256)).decode(codec, "replace")) == 256 and not codec.startswith("utf")
    except (LookupError, ValueError):
        return False


def _sample(data: bytes) -> bytes:
    """At most _SAMPLE bytes for the detector: the lines (up to 400 bytes each way) around non-ASCII bytes.

    The start of a page is markup, which tells nothing about its charset; its text does.

    >>> _sample(b"<html>" + b" " * 70_000 + "\\nCaf\\u00e9 au lait\\n".encode("cp1252"))
    b'Caf\\xe9 au lait'
    """
    if len(data) <= _SAMPLE:
        return data
    chunks, size, pos = [], 0, 0
    while size < _SAMPLE and len(chunks) < 5000:
        m = _HIGH_BYTE.search(data, pos)
        if m is None:
            break
        i = m.start()
        start = max(data.rfind(b"\n", max(0, i - 400), i) + 1, i - 400, 0)
        end = data.find(b"\n", i, i + 400)
        end = i + 400 if end < 0 else end
        chunks.append(data[start:end])
        size += end - start + 1
        pos = end
    joined = b"\n".join(chunks)[:_SAMPLE]
    return joined or data[:_SAMPLE]


# --- HTML or plain text? ---------------------------------------------------------------------------

_PREFIX = 2048
_FIRST_NON_SPACE = re.compile(r"[^\s\ufeff]")
# What a page opens with, after white space, an XML declaration and comments.
_DOCUMENT_START = re.compile(
    r"(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.DOTALL
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|hr|article|section|header|footer|nav|main|aside|h[1-6]|ul|ol|li|dl|dt|dd|table|tr|td"
    r"|th|blockquote|pre|figure|figcaption|img|span|a|b|i|em|strong|meta|link|script|style|title|html|head"
    r"|body|form|iframe|noscript)(?=[\s/>])[^<>]{0,1000}>"
)
_MIN_TAGS = 3


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML page or fragment rather than plain text. Cheap: reads ~2 KB.

    A page opens (after white space, an XML declaration or comments) with ``<!doctype html``,
    ``<html``, ``<head`` or ``<body``; a fragment shows at least three HTML tags (``<p>``, ``</p>``,
    ``<div class=...>``, ``<br/>``...) in its first 2 KB, and opens with a tag or has one on most of its
    lines. A stray ``<3``, ``a < b``, one ``<b>`` mentioned in prose, or the code lines of a tutorial
    about HTML are not enough.

    >>> looks_like_html("  <html lang='en'><head><title>x</title>")
    True
    >>> looks_like_html("<p>First paragraph.</p>\\n<p>Second paragraph.</p>")
    True
    >>> looks_like_html("Use <b> for bold. If a < b and b > c then a < c.")
    False
    >>> doc = "A form sends what the visitor typed.\\n<form action='/name'>\\n<input name='n'>\\n</form>\\n"
    >>> looks_like_html(doc + "The browser then posts it.\\nThe view reads it.\\nIt answers with a page.")
    False
    """
    if not isinstance(text, str):
        return False
    m = _FIRST_NON_SPACE.search(text, 0, 1_000_000)
    if m is None:
        return False
    prefix = text[m.start() : m.start() + _PREFIX].lower()
    if not prefix.startswith("<") and prefix.count("<") < _MIN_TAGS:
        return False
    if _DOCUMENT_START.match(prefix):
        return True
    if sum(1 for _ in itertools.islice(_BLOCK_TAG.finditer(prefix), _MIN_TAGS)) < _MIN_TAGS:
        return False
    if prefix.startswith("<"):
        return True
    # Text that does not open with a tag is a fragment only when the tags are its fabric, not code quoted
    # in prose: most of its lines hold one (a tutorial about forms writes <form> on some lines only).
    lines = [ln for ln in prefix.splitlines() if ln.strip()]
    return 2 * sum(1 for ln in lines if _BLOCK_TAG.search(ln)) > len(lines)
