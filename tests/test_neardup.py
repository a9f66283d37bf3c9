"""Near-duplicate documents (#14): the signature, the index's input-order decisions, the library helpers,
and ``cleaner clean --near-duplicates`` end to end (--jobs, block sizes, --resume, gzip, folders, drop)."""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import neardup
from cleaner.neardup import NearDuplicates, find, found_probability, mark, probability, rows_for, signature

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_cli import cleaner

# ---------------------------------------------------------------------------------------------------
# A synthetic site: a story, its update, a syndicated copy under another paper's boilerplate, and an
# unrelated story of the same site under the same boilerplate.
# ---------------------------------------------------------------------------------------------------

STORY = [
    "The harbour board voted on Tuesday to close the old ferry terminal at the end of the summer season.",
    "Board members said the building, which opened in 1962, needs repairs that would cost more than a new one.",
    "Ferries to the islands will move to the container port, about two kilometres along the coast road.",
    "Residents of the old town told the meeting that the move would cut them off from the only direct service.",
    "The board's chair, Maria Olsen, said a shuttle bus would run from the square every twenty minutes.",
    "Shop owners near the terminal fear that the loss of foot traffic will force several of them to close.",
    "The regional council must still approve the plan, and a public hearing is set for the second week of May.",
    "Work on the new berths is due to start in September, and the first ferries should use them next spring.",
]
UPDATE = [*STORY[:5], "Late on Tuesday the ferry company said it welcomed the decision and would add two sailings.",
          *STORY[5:]]
OTHER = [
    "A fire destroyed a warehouse in the industrial estate north of the town early on Sunday morning.",
    "Firefighters from three stations fought the blaze for six hours before bringing it under control.",
    "Nobody was hurt, but smoke forced the closure of the motorway junction for most of the morning.",
    "The warehouse, owned by a furniture importer, held stock worth several million, the company said.",
    "Police said the cause was not yet known and asked witnesses who saw anyone near the site to call them.",
    "The estate's other tenants were allowed back into their buildings in the afternoon after safety checks.",
]
COURIER_TOP = ["Home", "News", "Sport", "Weather", "Sign in", "Subscribe"]
COURIER_END = ["Share this article", "Sign up for our newsletter", "© 2025 The Valley Courier. All rights reserved."]
HERALD_TOP = ["Menu", "Search", "Log in", "Latest", "Opinion"]
HERALD_END = ["This article originally appeared in The Valley Courier.", "Follow us on Facebook",
              "© 2025 Coast Herald Media Ltd"]


def page(top: list[str], body: list[str], end: list[str]) -> str:
    return "\n".join([*top, *body, *end])


def synthetic_records() -> list[dict]:
    return [
        {"id": "courier/1", "url": "https://valley-courier.example/1", "text": page(COURIER_TOP, STORY, COURIER_END)},
        {"id": "courier/1-update", "url": "https://valley-courier.example/1",
         "text": page(COURIER_TOP, UPDATE, COURIER_END)},
        {"id": "herald/77", "url": "https://coast-herald.example/77", "text": page(HERALD_TOP, STORY, HERALD_END)},
        {"id": "courier/2", "url": "https://valley-courier.example/2", "text": page(COURIER_TOP, OTHER, COURIER_END)},
    ]


def test_story_update_and_syndicated_copy_cluster_but_not_another_story_of_the_site() -> None:
    from cleaner.dask import clean_records

    out = list(mark(clean_records(synthetic_records())))
    assert [r["near_duplicate_of"] for r in out] == [None, "courier/1", "courier/1", None]


def test_raw_pages_differ_by_boilerplate_but_the_story_is_still_alike() -> None:
    # Even uncleaned (boilerplate kept), the versions are found and the other story is not: the story's
    # text outweighs the boilerplate, and the site's shared boilerplate alone does not make pages alike.
    texts = [r["text"] for r in synthetic_records()]
    assert find(texts) == [None, 0, 0, None]


# ---------------------------------------------------------------------------------------------------
# The signature
# ---------------------------------------------------------------------------------------------------


def words(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [f"w{rnd.randrange(100_000)}" for _ in range(n)]


def test_signature_is_a_pure_function_of_the_text_across_processes() -> None:
    text = " ".join(words(300, 1))
    code = ("import sys; from cleaner.neardup import signature; "
            "sys.stdout.write(signature(sys.stdin.read()).hex())")
    got = {subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert got == {signature(text).hex()}
    assert len(signature(text)) == neardup.BANDS * 8 + neardup.NUM_PERM


def test_too_short_texts_have_no_signature_and_are_never_near_duplicates() -> None:
    short = " ".join(words(neardup.SHINGLE_WORDS + neardup.MIN_SHINGLES - 2, 3))  # MIN_SHINGLES - 1 shingles
    assert signature(short) == b""
    assert signature(" ".join(words(neardup.SHINGLE_WORDS + neardup.MIN_SHINGLES - 1, 3))) != b""
    assert find([short, short, short]) == [None, None, None]
    assert find(["", "", "Photo: Reuters"]) == [None, None, None]


def test_case_and_punctuation_do_not_matter_but_words_do() -> None:
    text = " ".join(words(200, 4))
    assert signature(text) == signature(text.upper().replace(" ", ", "))
    assert signature(text) != signature(text.replace(text.split()[100], "changed"))


def test_scripts_without_spaces_are_cut_into_characters() -> None:
    zh = "港口委员会周二投票决定在夏季结束时关闭旧渡轮码头。委员们说这座建于一九六二年的建筑需要大修。"
    assert len(neardup.shingles(zh)) > neardup.MIN_SHINGLES
    assert find([zh, zh + "更多消息稍后公布。"]) == [None, 0]


def test_the_threshold_sets_the_curve() -> None:
    assert [rows_for(j) for j in (0.5, 0.7, 0.8, 0.9)] == [2, 4, 6, 8]
    for j in (0.5, 0.6, 0.7, 0.8, 0.9):
        assert probability(j, rows_for(j)) >= neardup.CANDIDATE_RECALL  # the bands find the candidates
        assert abs(found_probability(j, j) - 0.5) < 0.05  # at the threshold: half (the sketch's noise)
        assert found_probability(j + 0.1, j) > 0.98 and found_probability(j - 0.1, j) < 0.02
    with pytest.raises(ValueError, match="between"):
        rows_for(0.3)


def test_found_probability_is_what_happens() -> None:
    rnd = random.Random(3)
    found: dict[float, list[bool]] = {0.6: [], 0.8: []}
    while min(len(v) for v in found.values()) < 40:
        base = words(300, rnd.randrange(10**9))
        k = rnd.randrange(20, 70)
        other = base[: len(base) - k] + words(k, rnd.randrange(10**9))
        a, b = neardup.shingles(" ".join(base)), neardup.shingles(" ".join(other))
        j = round(len(set(a.tolist()) & set(b.tolist())) / len(set(a.tolist()) | set(b.tolist())), 1)
        if j in found:
            found[j].append(find([" ".join(base), " ".join(other)])[1] == 0)
    assert sum(found[0.8]) >= 0.85 * len(found[0.8]) and sum(found[0.6]) <= 0.1 * len(found[0.6])


@pytest.mark.parametrize("shared, found", [(0.97, True), (0.3, False)])
def test_measured_similarity_against_the_threshold(shared: float, found: bool) -> None:
    base = words(600, 5)
    keep = int(len(base) * shared)
    other = base[:keep] + words(len(base) - keep, 6)
    assert (find([" ".join(base), " ".join(other)])[1] == 0) is found


# ---------------------------------------------------------------------------------------------------
# The index: input order only
# ---------------------------------------------------------------------------------------------------


SKETCH_A = bytes(range(128))
SKETCH_X = bytes(range(64)) + bytes(range(128, 192))  # half alike with A: 0.5 < 0.7
SKETCH_D = bytes(range(96)) + bytes(range(160, 192))  # three quarters alike with both


def sig(*bands: int, sketch: bytes = SKETCH_A) -> bytes:
    """A signature whose first bands are the given values (the rest its own), with this sketch."""
    fill = [random.Random(str(bands)).getrandbits(63) | 1 << 63 for _ in range(neardup.BANDS - len(bands))]
    return b"".join(b.to_bytes(8, "little") for b in [*bands, *fill]) + sketch


def test_a_chain_joins_the_first_cluster_and_a_bridge_joins_the_earliest() -> None:
    nd = NearDuplicates()
    assert nd.add(sig(1, 2), "A") is None
    assert nd.add(sig(1, 3), "B") == "A"  # shares band 1 with A
    assert nd.add(sig(9, 3), "C") == "A"  # shares a band only with B: B is of A's cluster
    assert nd.add(sig(20, 21, sketch=SKETCH_X), "X") is None
    assert nd.add(sig(21, 9, sketch=SKETCH_D), "D") == "A"  # alike with X and with C: A's cluster is older
    assert nd.add(sig(20, 30, sketch=SKETCH_X), "E") == "X"
    assert nd.add(b"", "F") is None
    assert nd.add(sig(2, 31, sketch=SKETCH_X), "G") is None  # a band of A's, but the sketches differ: not alike
    assert (len(nd), nd.clusters, nd.duplicates) == (8, 3, 4)
    with pytest.raises(ValueError, match="not a near-duplicate signature"):
        nd.add(b"xyz", "H")


def test_merging_into_the_sorted_arrays_changes_no_answer() -> None:
    rnd = random.Random(7)
    size = neardup.BANDS * 8 + neardup.NUM_PERM
    sigs: list[bytes] = []
    for i in range(3000):
        s = bytearray(rnd.randbytes(size))
        if i and rnd.random() < 0.3:  # a near-duplicate of an earlier one: one band and the sketch in common
            old = sigs[rnd.randrange(len(sigs))]
            band = rnd.randrange(neardup.BANDS)
            s[band * 8 : band * 8 + 8] = old[band * 8 : band * 8 + 8]
            s[neardup.BANDS * 8 :] = old[neardup.BANDS * 8 :]
        sigs.append(bytes(s))
    small, big = NearDuplicates(), NearDuplicates()
    small.MERGE_AT = 100
    a = [small.add(s, i) for i, s in enumerate(sigs)]
    b = [big.add(s, i) for i, s in enumerate(sigs)]
    assert a == b and len(small._keys) > 40_000 and len(big._keys) == 0  # merged, and never merged
    assert sum(x is not None for x in a) > 800
    assert 300 * 3000 < small.nbytes < 400 * 3000


def test_references_are_kept_verbatim() -> None:
    nd = NearDuplicates()
    s = sig(5)
    assert nd.add_json(s, b"1E5") is None
    assert nd.add_json(s, b'"x"') == b"1E5"


def test_mark_gives_every_record_the_field_and_error_records_none() -> None:
    text = " ".join(words(100, 8))
    recs = [{"text": text, "near_duplicate_of": "old"}, {"id": 2, "cleaner": {"error": "bad"}},
            {"id": 3, "text": text}, {"id": {"x": 1}, "text": "short"}]
    out = list(mark(recs))
    assert [r["near_duplicate_of"] for r in out] == [None, None, 1, None]  # the id-less first: record 1
    assert list(out[0]) == ["text", "near_duplicate_of"]
    with pytest.raises(ValueError):
        list(mark([], threshold=1.5))


# ---------------------------------------------------------------------------------------------------
# cleaner clean --near-duplicates
# ---------------------------------------------------------------------------------------------------


def corpus(n_stories: int = 40, seed: int = 9) -> list[bytes]:
    """JSONL lines: stories in several versions, scattered, with bad records and short ones among them."""
    rnd = random.Random(seed)
    lines: list[bytes] = []
    stories = [[" ".join(words(rnd.randrange(15, 40), seed * 1000 + s * 10 + p)) + "." for p in range(6)]
               for s in range(n_stories)]
    for i in range(n_stories * 3):
        s = rnd.randrange(n_stories)
        paras = list(stories[s])
        if rnd.random() < 0.5:
            paras.insert(rnd.randrange(len(paras)), " ".join(words(25, i)) + ".")
        rec: dict = {"id": f"doc-{i}", "text": "\n".join(["Home", "Sign in", *paras, "Share this article"])}
        if i % 17 == 0:
            del rec["id"]
        lines.append(json.dumps(rec).encode())
        if i % 23 == 0:
            lines.append(b'{"id": "bad", "text": 42}')
        if i % 29 == 0:
            lines.append(json.dumps({"id": f"short-{i}", "text": "Photo: Reuters"}).encode())
    return [ln + b"\n" for ln in lines]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("nd") / "crawl.jsonl"
    p.write_bytes(b"".join(corpus()))
    return p


@pytest.fixture(scope="module")
def marked(crawl: Path) -> bytes:
    out = crawl.with_name("marked.jsonl")
    r = cleaner("clean", crawl, "-o", out, "--near-duplicates", "--jobs", "1")
    assert r.returncode == 1, r.stderr  # the bad records
    assert b"near-duplicates marked" in r.stderr
    return out.read_bytes()


def test_cli_marks_in_input_order(marked: bytes) -> None:
    recs = [json.loads(ln) for ln in marked.splitlines()]
    assert len(recs) == len(corpus())
    assert all(list(r)[-1] == "near_duplicate_of" for r in recs)
    firsts: dict[str, object] = {}
    dups = [r for r in recs if r["near_duplicate_of"] is not None]
    assert len(dups) > 50
    ids = [r.get("id") for r in recs]
    for n, r in enumerate(recs, 1):
        ref = r["near_duplicate_of"]
        if ref is None:
            firsts[r.get("id") or n] = n
            continue
        assert ref in firsts, ref  # the first member is an earlier record that is not a near-duplicate
        assert r.get("cleaner", {}).get("error") is None
    assert any(isinstance(r["near_duplicate_of"], int) for r in recs)  # an id-less first member: its number
    assert all(r["near_duplicate_of"] is None for r in recs if str(r.get("id")).startswith(("bad", "short")))
    assert ids


def test_cli_output_is_the_same_for_any_jobs_and_block_size(crawl: Path, marked: bytes) -> None:
    out = crawl.with_name("j2.jsonl")
    r = cleaner("clean", crawl, "-o", out, "--near-duplicates", "--jobs", "2", "--block-bytes", "3000", "-q")
    assert r.returncode == 1, r.stderr
    assert out.read_bytes() == marked


def test_cli_without_the_flag_is_unchanged(crawl: Path, marked: bytes) -> None:
    out = crawl.with_name("plain.jsonl")
    cleaner("clean", crawl, "-o", out, "--jobs", "1", "-q")
    plain = out.read_bytes().splitlines()
    assert all(b"near_duplicate_of" not in ln for ln in plain)
    for p, m in zip(plain, marked.splitlines(), strict=True):
        assert m.startswith(p[:-1] + b',"near_duplicate_of":')


def test_cli_drop_leaves_out_exactly_the_marked_ones(crawl: Path, marked: bytes) -> None:
    out = crawl.with_name("drop.jsonl")
    r = cleaner("clean", crawl, "-o", out, "--drop-near-duplicates", "--jobs", "2", "-q")
    assert r.returncode == 1, r.stderr
    kept = [ln for ln in marked.splitlines(keepends=True) if ln.endswith(b'"near_duplicate_of":null}\n')]
    assert out.read_bytes() == b"".join(kept)
    manifest = json.loads(Path(str(out) + ".manifest.json").read_text())
    assert manifest["options"]["near_duplicates"] == 0.7 and manifest["options"]["drop_near_duplicates"] is True
    r = cleaner("clean", crawl, "-o", out, "--drop-near-duplicates", "--resume")
    assert r.returncode == 2 and b"--drop-near-duplicates" in r.stderr


@pytest.mark.parametrize("name", ["resumed.jsonl", "resumed.jsonl.gz"])
def test_cli_resume_after_a_torn_output_is_byte_identical(crawl: Path, marked: bytes, name: str) -> None:
    out = crawl.with_name(name)
    r = cleaner("clean", crawl, "-o", out, "--near-duplicates", "--jobs", "2", "-q")
    full = out.read_bytes()
    # cut it after two thirds, in the middle of a line (gzip: in the middle of the compressed stream)
    out.write_bytes(full[: len(full) * 2 // 3])
    r = cleaner("clean", crawl, "-o", out, "--near-duplicates", "--jobs", "2", "--resume")
    assert r.returncode == 1, r.stderr
    assert b"resuming" in r.stderr
    got = gzip.decompress(out.read_bytes()) if name.endswith(".gz") else out.read_bytes()
    assert got == marked


def test_cli_resume_refuses_a_change_of_the_near_duplicate_options(crawl: Path) -> None:
    out = crawl.with_name("changed.jsonl")
    cleaner("clean", crawl, "-o", out, "--near-duplicates", "--jobs", "1", "-q")
    r = cleaner("clean", crawl, "-o", out, "--resume")  # not given now: refused, not silently mixed
    assert r.returncode == 2 and b"--near-duplicates (threshold): 0.7 then, not given now" in r.stderr
    r = cleaner("clean", crawl, "-o", out, "--resume", "--near-duplicates", "--near-duplicate-threshold", "0.8")
    assert r.returncode == 2 and b"0.7 then, 0.8 now" in r.stderr
    plain = crawl.with_name("plain2.jsonl")
    cleaner("clean", crawl, "-o", plain, "--jobs", "1", "-q")
    r = cleaner("clean", crawl, "-o", plain, "--resume", "--near-duplicates")
    assert r.returncode == 2 and b"not recorded then" in r.stderr
    # no manifest, made without the flag: --resume-unchecked cannot rebuild the index, and says so
    Path(str(plain) + ".manifest.json").unlink()
    r = cleaner("clean", crawl, "-o", plain, "--resume-unchecked", "--near-duplicates")
    assert r.returncode == 2 and b"without 'near_duplicate_of'" in r.stderr
    assert not Path(str(plain) + ".manifest.json").exists()  # refused: no manifest claims what it is not


def test_cli_bad_flags_are_usage_errors(crawl: Path) -> None:
    r = cleaner("clean", crawl, "--near-duplicate-threshold", "0.8")
    assert r.returncode == 2 and b"needs --near-duplicates" in r.stderr
    r = cleaner("clean", crawl, "--near-duplicates", "--near-duplicate-threshold", "1.2")
    assert r.returncode == 2 and b"between 0.5 and 0.95" in r.stderr
    assert b"--drop-near-duplicates" in cleaner("clean", "--help").stdout
    r = cleaner("clean", "--near-duplicates", stdin=b"Share\nThe council met on Tuesday.")
    assert r.returncode == 2 and b"one document on stdin" in r.stderr


def test_cli_folder_output(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in synthetic_records()))
    out = tmp_path / "out"
    r = cleaner("clean", src, "-o", f"{out}/", "--near-duplicates", "-q", "--jobs", "1")
    assert r.returncode == 0, r.stderr
    got = {p.name: json.loads(p.read_text())["near_duplicate_of"] for p in out.glob("*.json")}
    assert got == {"courier_1.json": None, "courier_1-update.json": "courier/1", "herald_77.json": "courier/1",
                   "courier_2.json": None}
    out2 = tmp_path / "out2"
    r = cleaner("clean", src, "-o", f"{out2}/", "--drop-near-duplicates", "-q", "--jobs", "1")
    assert sorted(p.name for p in out2.iterdir()) == ["courier_1.json", "courier_1.txt", "courier_2.json",
                                                       "courier_2.txt"]


def test_cli_ids_are_written_as_they_came(tmp_path: Path) -> None:
    text = " ".join(words(80, 11))
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": 1E5, "text": "%s"}\n{"id": 2, "text": "%s"}\n' % (text.encode(), text.encode()))
    r = cleaner("clean", src, "--near-duplicates", "-q", "--jobs", "1", "--no-metadata")
    assert r.stdout.splitlines()[1].endswith(b'"near_duplicate_of":1E5}')


def test_the_minhash_is_datasketchs() -> None:
    from datasketch import MinHash

    hashes = neardup.shingles(" ".join(words(9000, 12)))  # more than one block
    assert len(hashes) > 8192
    m = MinHash(num_perm=neardup.NUM_PERM, seed=neardup.SEED, scheme=neardup.SCHEME, hashfunc=int)
    m.update_batch(hashes.tolist())
    assert (neardup.minhash(hashes) == m.hashvalues).all()
    assert "datasketch" not in subprocess.run(
        [sys.executable, "-c", "import sys; from cleaner.neardup import signature; signature('a b c d e f ' * 9); "
         "print(sorted(sys.modules))"], capture_output=True, text=True, check=True).stdout


def test_dask_bag_marks_as_mark_does_whatever_the_partitions() -> None:
    import dask.bag as db

    from cleaner.dask import clean_records, near_duplicates_bag

    recs = [json.loads(ln) for ln in corpus(12, seed=4)]
    cleaned = clean_records(recs)
    expected = list(mark([dict(r) for r in cleaned]))
    assert sum(r["near_duplicate_of"] is not None for r in expected) > 5
    for n in (1, 4):
        bag = db.from_sequence(cleaned, npartitions=n)
        assert near_duplicates_bag(bag).compute(scheduler="synchronous") == expected
    kept = near_duplicates_bag(db.from_sequence(cleaned, npartitions=3), drop=True).compute(scheduler="synchronous")
    assert kept == [r for r in expected if r["near_duplicate_of"] is None]


def test_tokens_as_the_regex_cuts_them_even_across_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    import regex

    token = regex.compile(rf"(?V1)[{neardup._SPACELESS}]|[[\p{{L}}\p{{N}}\p{{M}}]--[{neardup._SPACELESS}]]+")
    text = ("Ünïcode café — naïve  Straße 2024年東京で会議 ไทย हिन्दी_x\ud800y " * 50) + "x" * 300
    expected = token.findall(text.casefold())
    whole = neardup.token_hashes(text)
    assert len(whole) == len(expected)
    monkeypatch.setattr(neardup, "_SEGMENT", 37)  # cut into many pieces, one run longer than a piece
    pieces = neardup.token_hashes(text)
    # the same tokens, but for the run of 300 letters: cut where a piece must end (deterministically)
    assert (pieces[: len(whole) - 1] == whole[:-1]).all() and len(pieces) == len(whole) + 300 // 37
