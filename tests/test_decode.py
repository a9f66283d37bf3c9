"""decode_bytes: every kind of scraped bytes becomes text, with a warning saying what was guessed.
looks_like_html: pages and fragments yes, prose with a stray "<" no."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.decode import decode_bytes, looks_like_html

FRENCH = (
    "Le maire a déclaré mardi que la rue serait fermée à la circulation pendant l’été. "
    "« C’est une décision difficile », a-t-il ajouté devant le conseil municipal réuni à l’hôtel de ville."
)
GERMAN = "Der Bürgermeister sagte am Dienstag, dass die Straße über den Sommer gesperrt wird. Das ist schwierig."
JAPANESE = "東京都は火曜日、新しい予算案を発表した。知事は記者会見で「財政は健全だ」と述べた。"


def page(charset: str, body: str, encoding: str) -> bytes:
    head = f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>t</title></head><body><p>'
    return head.encode("ascii") + body.encode(encoding) + b"</p></body></html>"


# --- BOMs and UTF-8 ---------------------------------------------------------------------------------


def test_clean_utf8_has_no_warning() -> None:
    assert decode_bytes(FRENCH.encode()) == (FRENCH, None)


def test_empty_input() -> None:
    assert decode_bytes(b"") == ("", None)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_boms(bom: bytes, codec: str) -> None:
    text, warning = decode_bytes(bom + GERMAN.encode(codec))
    assert text == GERMAN
    assert warning == f"decoded as {codec} (byte order mark)"


def test_utf8_bom_is_stripped_and_clean() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + FRENCH.encode()) == (FRENCH, None)


def test_utf16_without_bom_is_recognised_by_its_nul_bytes() -> None:
    text, warning = decode_bytes(("Plain English text. " * 20).encode("utf-16-le"))
    assert text == "Plain English text. " * 20
    assert "utf-16-le" in warning


def test_character_cut_at_the_end_is_dropped() -> None:
    text, warning = decode_bytes("Le café".encode()[:-1])
    assert text == "Le caf"
    assert "incomplete UTF-8" in warning


def test_mixed_encodings_repair_the_stray_bytes() -> None:
    data = f"<p>{FRENCH}</p>".encode() + "<p>He said \x93no\x94 \x96 twice.</p>".encode("latin-1")
    text, warning = decode_bytes(data)
    assert FRENCH in text
    assert "He said “no” – twice." in text
    assert warning.startswith("mixed encodings: 3 invalid UTF-8 bytes")


# --- declared and detected charsets -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("charset", "body", "encoding", "name"),
    [
        ("windows-1252", FRENCH, "cp1252", "windows-1252"),
        ("iso-8859-1", GERMAN, "latin-1", "windows-1252"),  # browsers read latin-1 labels as windows-1252
        ("Shift_JIS", JAPANESE, "shift_jis", "shift_jis"),
        ("windows-1251", "Мэр города заявил во вторник, что улица будет закрыта на лето.", "cp1251", "windows-1251"),
    ],
)
def test_declared_charset(charset: str, body: str, encoding: str, name: str) -> None:
    text, warning = decode_bytes(page(charset, body, encoding))
    assert body in text
    assert warning == f"decoded as {name} (declared charset)"


def test_http_equiv_and_xml_declarations() -> None:
    http_equiv = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    assert "Straße" in decode_bytes(http_equiv + GERMAN.encode("cp1252"))[0]
    xml = b"<?xml version='1.0' encoding='ISO-8859-1'?><rss><item>" + GERMAN.encode("latin-1") + b"</item></rss>"
    assert "Straße" in decode_bytes(xml)[0]


def test_declaration_after_the_first_4kb_is_ignored() -> None:
    scripts = b"<script>var a = 1;</script>\n" * 200
    data = b"<html><head>" + scripts + b'<meta charset="koi8-r"></head><body><p>' + FRENCH.encode("cp1252")
    text, warning = decode_bytes(data)
    assert FRENCH in text
    assert "declared" not in warning


@pytest.mark.parametrize("charset", ["utf-8", "shift_jis", "koi8-r", "utf-16"])
def test_lying_declaration_is_overruled(charset: str) -> None:
    text, warning = decode_bytes(page(charset, FRENCH, "cp1252"))
    assert FRENCH in text
    assert f"declared charset '{charset}' does not fit the bytes" in warning
    assert "(detected)" in warning


def test_utf8_wins_over_a_legacy_declaration() -> None:
    data = page("iso-8859-1", FRENCH, "utf-8")
    assert decode_bytes(data) == (data.decode("utf-8"), None)


def test_unknown_declared_charset() -> None:
    text, warning = decode_bytes(page("x-no-such-charset", GERMAN, "cp1252"))
    assert GERMAN in text
    assert "declared charset 'x-no-such-charset' unknown" in warning


@pytest.mark.parametrize(
    ("body", "encoding", "name"),
    [
        ((FRENCH + "\n") * 5, "cp1252", "windows-1252"),
        (JAPANESE * 3, "shift_jis", "cp932"),  # its bytes hold valid UTF-8 sequences: not "mixed"
        ("东京都周二公布了新的预算案。知事在记者会见上表示财政状况良好。" * 3, "gb18030", "gb18030"),
    ],
)
def test_undeclared_legacy_text_is_detected(body: str, encoding: str, name: str) -> None:
    text, warning = decode_bytes(body.encode(encoding))
    assert text == body
    assert warning == f"decoded as {name} (detected)"


# --- hostile input ----------------------------------------------------------------------------------


def fallback(data: bytes) -> tuple[str, str]:
    """What bytes no charset fits decode to: windows-1252, its five undefined bytes replaced, NULs removed."""
    undefined, nuls = sum(data.count(b) for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")), data.count(0)
    notes = ["decoded as windows-1252 (fallback)"]
    notes += [f"{undefined} undecodable bytes replaced with U+FFFD"] if undefined else []
    notes += [f"removed {nuls} NUL characters"] if nuls else []
    return data.decode("cp1252", "replace").replace("\x00", ""), "; ".join(notes)


def test_binary_junk() -> None:
    data = random.Random(0).randbytes(200_000)
    assert decode_bytes(data) == fallback(data)


def test_nul_bytes_are_removed() -> None:
    text, warning = decode_bytes(b"abc\x00def\x00")
    assert text == "abcdef"
    assert warning == "removed 2 NUL characters"


def test_sparse_legacy_bytes_after_a_long_ascii_line() -> None:
    tail = "\nLe café était déjà fermé à l’heure du déjeuner.\n" + "b" * 100_000
    data = b"a" * 3_000_000 + tail.encode("cp1252")  # a long ASCII line, then a few legacy bytes
    text, warning = decode_bytes(data)
    assert text == "a" * 3_000_000 + tail
    assert warning == "decoded as windows-1252 (detected)"


def test_bytes_like_inputs() -> None:
    assert decode_bytes(bytearray(b"abc")) == ("abc", None)
    assert decode_bytes(memoryview(b"abc")) == ("abc", None)
    assert decode_bytes(None) == ("", "input is not bytes")  # type: ignore[arg-type]
    assert decode_bytes("\ufeffalready text\x00") == ("already text", "removed 1 NUL characters")  # type: ignore[arg-type]


_JUNK_4MB = random.Random(1).randbytes(4_000_000)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # ~6 MB of undeclared windows-1252 (the detector sees a sample, the codec decodes it all)
        ((FRENCH + "\n").encode("cp1252") * 40_000, ((FRENCH + "\n") * 40_000, "decoded as windows-1252 (detected)")),
        # ~6 MB of UTF-8 with one stray windows-1252 byte at the very end
        ((FRENCH + "\n").encode() * 30_000 + b"\x93",
         ((FRENCH + "\n") * 30_000 + "“", "mixed encodings: 1 invalid UTF-8 bytes decoded as windows-1252")),
        (_JUNK_4MB, fallback(_JUNK_4MB)),
    ],
    ids=["cp1252", "mixed", "junk"],
)
def test_big_inputs_are_decoded_whole(data: bytes, expected: tuple[str, str]) -> None:
    # the result on these bounded inputs is asserted, not the time taken (speed: benchmarks/)
    assert decode_bytes(data) == expected


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_give_text_and_a_warning_unless_clean_utf8(data: bytes) -> None:
    text, warning = decode_bytes(data)
    assert "\x00" not in text and not text.startswith("\ufeff")
    if warning is None:  # no warning: the bytes were clean UTF-8 (BOM or not), decoded as they are
        assert text == data.decode("utf-8-sig").removeprefix("\ufeff")
    else:  # the cascade handled them: its defensive except (latin-1 "after an error") never ran
        assert "after an error" not in warning and "could not decode" not in warning


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.text(max_size=300).map(lambda s: s.replace("\x00", "").lstrip("\ufeff")))
def test_utf8_round_trip(s: str) -> None:
    assert decode_bytes(s.encode("utf-8")) == (s, None)


# --- looks_like_html --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html>\n<html><head><title>x</title></head><body></body></html>",
        "\n\n   <html lang='en'>",
        "\ufeff<!doctype html><p>x",
        "<head><meta charset='utf-8'>",
        "<body class='article'>Hello",
        "<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Strict//EN'>",
        "<!-- saved from url=(0014)about:internet -->\n<html>",
        "<p>First paragraph.</p>\n<p>Second paragraph.</p>",
        "<div class='story'><p>Paragraph one<br>line two</p></div>",
        "<article><h1>Title</h1><p>Text</p></article>",
        "Breaking news<br>\nThe council met today.<br>\nIt voted.<br>",
    ],
)
def test_looks_like_html_positives(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n ",
        "The council approved the budget on Tuesday after a long debate.",
        "I <3 this city. Love it <3 <3",
        "If a < b and b > c, then nothing follows about a and c.",
        "Use the <b> tag sparingly, said the style guide.",
        "Every page starts with <html> and ends with </html>, the course explained.",
        "Contact: John Smith <john@example.com>",
        "<<< BREAKING >>> Markets fall",
        "x" * 10_000 + "<p>a</p><p>b</p>",  # tags only after the first 2 KB
    ],
)
def test_looks_like_html_negatives(text: str) -> None:
    assert not looks_like_html(text)


def test_looks_like_html_on_huge_text() -> None:
    # 24 MB: the answer comes from the start of the text (how fast is for benchmarks/, not a test)
    text = "plain words " * 2_000_000
    assert not looks_like_html(text)
    assert looks_like_html("<html>" + text)
    assert not looks_like_html(text + "<html><p>a</p><p>b</p>")
