"""Unit tests of the accuracy harness (cleaner/evaluate.py) on tiny hand-made inputs.

None of these needs the cleaning pipeline: every evaluate() call gets a fake cleaner.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from cleaner.evaluate import (
    ModeScore,
    PageScore,
    Report,
    evaluate,
    load_records,
    shingle_counts,
    shingle_page_pr,
    shingle_prf,
    token_prf,
)

# --------------------------------------------------------------------------------------------------
# token_prf
# --------------------------------------------------------------------------------------------------


def test_token_prf_exact_values() -> None:
    # pred tokens: the x2, cat, sat, ad; gold: the x2, cat, sat, on, mat -> 4 hits of 5 pred, 6 gold
    p, r, f = token_prf("The cat sat. The ad.", "the cat sat on the mat")
    assert (p, r) == (4 / 5, 4 / 6)
    assert f == pytest.approx(2 * (4 / 5) * (4 / 6) / (4 / 5 + 4 / 6))


def test_token_prf_is_case_insensitive_and_ignores_punctuation() -> None:
    assert token_prf("HELLO, World!!", "hello world") == (1.0, 1.0, 1.0)


def test_token_prf_counts_multiset_not_set() -> None:
    # "ad" three times in pred, never in gold; "news" twice in pred, once in gold
    assert token_prf("ad ad ad news news", "news") == (1 / 5, 1.0, 2 * (1 / 5) / (1 / 5 + 1))


def test_token_prf_unicode_words() -> None:
    p, r, _ = token_prf("Über café 東京", "über CAFÉ")
    assert (p, r) == (2 / 3, 1.0)


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ("", "", (1.0, 1.0, 1.0)),  # nothing to find and nothing kept
        ("  ...  ", "--", (1.0, 1.0, 1.0)),  # no tokens on either side counts as empty
        ("", "some gold text", (0.0, 0.0, 0.0)),  # empty output is a total miss
        ("some noise", "", (0.0, 0.0, 0.0)),  # everything kept is noise
        ("alpha beta", "gamma delta", (0.0, 0.0, 0.0)),  # disjoint
    ],
)
def test_token_prf_edge_cases(pred: str, gold: str, expected: tuple[float, float, float]) -> None:
    assert token_prf(pred, gold) == expected


# --------------------------------------------------------------------------------------------------
# shingles (ScrapingHub benchmark metric)
# --------------------------------------------------------------------------------------------------


def test_shingle_counts_normalised() -> None:
    # gold shingles: (a b c d), (b c d e); pred: (a b c d), (b c d x) -> tp 1, fp 1, fn 1
    assert shingle_counts("a b c d x", "a b c d e") == (1 / 3, 1 / 3, 1 / 3)
    assert shingle_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)


def test_shingle_counts_short_texts_make_one_short_shingle() -> None:
    # fewer than 4 tokens: the whole token list is a single shingle (benchmark's _ngrams)
    assert shingle_counts("a b", "a b") == (1.0, 0.0, 0.0)
    assert shingle_counts("a b", "a b c") == (0.0, 0.5, 0.5)


def test_shingle_counts_are_case_sensitive_like_the_benchmark() -> None:
    # the benchmark's re.IGNORECASE does not lowercase tokens
    assert shingle_counts("The cat sat down", "the cat sat down") == (0.0, 0.5, 0.5)


def test_shingle_counts_multiset() -> None:
    # pred "a a a a a a": three (a a a a) shingles; gold "a a a a": one -> tp 1, fp 2
    assert shingle_counts("a a a a a a", "a a a a") == (1 / 3, 2 / 3, 0.0)


def test_shingle_counts_empty() -> None:
    assert shingle_counts("", "") == (0.0, 0.0, 0.0)
    assert shingle_counts("", "a b c d") == (0.0, 0.0, 1.0)
    assert shingle_counts("a b c d", "") == (0.0, 1.0, 0.0)


def test_shingle_page_pr() -> None:
    assert shingle_page_pr((0.0, 0.0, 0.0)) == (1.0, 1.0)
    assert shingle_page_pr((0.0, 0.0, 1.0)) == (0.0, 0.0)
    assert shingle_page_pr((0.5, 0.25, 0.25)) == (0.5 / 0.75, 0.5 / 0.75)


def test_shingle_prf_averages_over_pages_then_f1() -> None:
    pages = [(0.5, 0.5, 0.0), (0.5, 0.0, 0.5)]  # P 0.5 / 1.0, R 1.0 / 0.5
    assert shingle_prf(pages) == (0.75, 0.75, 0.75)


def test_shingle_prf_empty_prediction_skips_precision_not_recall() -> None:
    # benchmark: precision only over pages with TP+FP > 0, recall only over pages with TP+FN > 0
    pages = [(1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (0.0, 0.0, 0.0)]
    p, r, f = shingle_prf(pages)
    assert (p, r) == (1.0, 0.5)
    assert f == pytest.approx(2 / 3)


def test_shingle_prf_degenerate() -> None:
    assert shingle_prf([]) == (1.0, 1.0, 1.0)
    assert shingle_prf([(0.0, 1.0, 0.0)]) == (0.0, 1.0, 0.0)
    assert shingle_prf([(0.0, 0.5, 0.5)]) == (0.0, 0.0, 0.0)


# --------------------------------------------------------------------------------------------------
# evaluate()
# --------------------------------------------------------------------------------------------------

RECORDS = [
    {
        "id": "p1",
        "url": "https://news.example.org/a",
        "gold": "The council approved the budget on Tuesday.",
        "scraped": "Home\nNews\nThe council approved the budget on Tuesday.\nSubscribe",
        "html": "<html><body><p>The council approved the budget on Tuesday.</p></body></html>",
    },
    {
        "id": "p2",
        "url": "https://news.example.org/b",
        "gold": "Rain is expected all week.",
        "scraped": "Rain is expected all week.\nShare",
        "html": "<html><body><p>Rain is expected all week.</p></body></html>",
    },
    {
        "id": "p3",
        "url": "https://other.example.com/c",
        "gold": "Markets fell sharply.",
        "scraped": "Login\nMarkets fell sharply.",
        "html": "<html><body><p>Markets fell sharply.</p></body></html>",
    },
]

NOISE = {"Home", "News", "Subscribe", "Share", "Login"}


class DropNoise:
    """Fake cleaner: drops lines from a fixed noise list; in HTML mode strips tags crudely."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bool | None]] = []

    def clean(self, text: str, html: bool | None = None) -> SimpleNamespace:
        self.calls.append((text, html))
        if html:
            text = "\n".join(re.findall(r"<p>(.*?)</p>", text))
        kept = [ln for ln in text.split("\n") if ln.strip() not in NOISE]
        return SimpleNamespace(text="\n".join(kept))  # mimics CleanResult: only .text is read


class Identity:
    def clean(self, text: str, html: bool | None = None) -> str:
        return text


class Breaks:
    def clean(self, text: str, html: bool | None = None) -> str:
        if "Rain" in text:
            raise RuntimeError("boom")
        return text


def test_evaluate_text_mode_with_fake_cleaner() -> None:
    fake = DropNoise()
    rep = evaluate(RECORDS, modes=("text",), cleaner=fake)
    assert set(rep.modes) == {"text", "scraped"}
    assert rep.n_pages == 3
    text = rep.modes["text"]
    assert text.token_f1 == 1.0 and text.shingle_f1 == 1.0
    assert [p.id for p in text.pages] == ["p1", "p2", "p3"]
    assert fake.calls == [(r["scraped"], None) for r in RECORDS]
    # scraped baseline: p1 7/10 precision, p2 5/6, p3 3/4; recall 1 everywhere
    scraped = rep.modes["scraped"]
    assert scraped.token_precision == pytest.approx((7 / 10 + 5 / 6 + 3 / 4) / 3)
    assert scraped.token_recall == 1.0
    f1s = [2 * p / (p + 1) for p in (7 / 10, 5 / 6, 3 / 4)]
    assert scraped.token_f1 == pytest.approx(sum(f1s) / 3)
    assert rep.worse_than_baseline("text") == []
    assert rep.baseline("text") is scraped


def test_evaluate_identity_text_equals_scraped_baseline() -> None:
    rep = evaluate(RECORDS, modes=("text",), cleaner=Identity())
    assert rep.modes["text"].summary() == rep.modes["scraped"].summary()


def test_evaluate_html_and_post_modes_with_trafilatura_baseline() -> None:
    fake = DropNoise()
    rep = evaluate(RECORDS[:1], modes=("html", "post"), cleaner=fake)
    assert set(rep.modes) == {"html", "post", "trafilatura"}
    assert rep.modes["html"].token_f1 == 1.0
    assert (RECORDS[0]["html"], True) in fake.calls
    # post mode cleans trafilatura's output (auto-detect), never the page
    post_inputs = [t for t, h in fake.calls if h is None]
    assert len(post_inputs) == 1 and "<p>" not in post_inputs[0]


def test_evaluate_records_cleaner_errors_and_scores_them_empty() -> None:
    rep = evaluate(RECORDS, modes=("text",), cleaner=Breaks())
    pages = rep.modes["text"].pages
    assert [p.error for p in pages] == [None, "RuntimeError: boom", None]
    assert pages[1].token_f1 == 0.0
    assert [p.id for p in rep.modes["text"].errors] == ["p2"]
    worse = rep.worse_than_baseline("text")
    assert [(a.id, b.token_f1) for a, b in worse] == [("p2", pytest.approx(2 * (5 / 6) / (5 / 6 + 1)))]


def test_evaluate_rejects_unknown_mode() -> None:
    with pytest.raises(ValueError, match="unknown mode"):
        evaluate(RECORDS, modes=("pdf",), cleaner=Identity())


def test_worse_than_baseline_margin() -> None:
    def page(i: str, f: float) -> PageScore:
        return PageScore(i, "https://h.example/x", f, f, f, (0.0, 0.0, 0.0))

    ours = ModeScore("post", (page("a", 0.90), page("b", 0.996), page("c", 0.5)))
    theirs = ModeScore("trafilatura", (page("a", 0.95), page("b", 1.0), page("c", 0.9)))
    rep = Report({"post": ours, "trafilatura": theirs}, 3, 0.0)
    # b is lower by 0.004 only: a trace, not counted; biggest drop first
    assert [a.id for a, _ in rep.worse_than_baseline("post")] == ["c", "a"]
    assert rep.to_dict()["worse_than_baseline"] == {"post": 2}
    assert ours.worst(2)[0].id == "c"
    assert page("a", 1.0).host == "h.example"


def test_load_records_plain_and_gzip(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps(r) for r in RECORDS) + "\n\n"
    plain = tmp_path / "d.jsonl"
    plain.write_text(lines, encoding="utf-8")
    gz = tmp_path / "d.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(lines)
    assert list(load_records(plain)) == RECORDS
    assert list(load_records(gz)) == RECORDS


def test_jobs_gives_same_figures() -> None:
    one = evaluate(RECORDS, modes=("text",), cleaner=DropNoise(), jobs=1)
    two = evaluate(RECORDS, modes=("text",), cleaner=DropNoise(), jobs=2)
    assert one.modes.keys() == two.modes.keys()
    for name in one.modes:
        assert one.modes[name].summary() == two.modes[name].summary()
        assert [p.to_dict() for p in one.modes[name].pages] == [p.to_dict() for p in two.modes[name].pages]


def test_quality_unruled_cleans_every_page_as_a_language_without_rules(tmp_path: Path, capsys, monkeypatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("quality", Path(__file__).parents[1] / "benchmarks" / "quality.py")
    quality = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "quality", quality)  # its cleaner goes to a worker process by name
    spec.loader.exec_module(quality)
    # English interface lines: the English rules name them, a language without rules names none of them
    doc = "Login\nThe council approved the new budget on Tuesday night after a long debate in the chamber."
    r = quality.UnruledCleaner().clean(doc, html=False)
    assert r.language == quality.UNRULED
    assert r.text == doc
    data = tmp_path / "d.jsonl"
    data.write_text("\n".join(json.dumps({k: v for k, v in rec.items() if k != "html"}) for rec in RECORDS) + "\n",
                    encoding="utf-8")
    assert quality.main([str(data), "--unruled", "--modes", "text", "--jobs", "1"]) == 0
    assert "as language 'xx'" in capsys.readouterr().out
