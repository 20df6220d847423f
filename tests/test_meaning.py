"""Search by meaning (kb_app.meaning): the encoder against the model's reference vectors,
the vector store as a crash-safe cache, the update after a sync, and the re-ranking of
English searches, with its guards (title rule, Bengali untouched, off restores words)."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb_app.articles import Article
from kb_app.fileio import FileLock
from kb_app.index import KnowledgeIndex
from kb_app.meaning import DIMENSIONS, shared_encoder
from kb_app.meaning.fusion import fuse
from kb_app.meaning.store import LOCK, MERGE_AT, MeaningStore
from kb_app.meaning.update import PASSAGE_WORDS, passages
from tests.conftest import write

REFERENCE = Path(__file__).with_name("meaning_reference.json")

ARTICLES = {
    "appearance.md": """\
        ---
        id: dark-mode
        title: Dashboard appearance
        summary: Use the dark theme at night.
        ---
        Choose a light or a dark theme for the dashboard in Settings, Appearance.
        The dark theme is easier on the eyes in a dim room.
        """,
    "widgets.md": """\
        ---
        id: widgets
        title: Dashboard widgets
        ---
        Make a widget for any report and place it on the dashboard.
        Widgets print in black and white when the printer has no colour.
        """,
    "export.md": """\
        ---
        id: export
        title: Export your stats
        ---
        Download a CSV file of the dashboard's numbers and open it in a spreadsheet.
        """,
    "bn.md": """\
        ---
        id: bn-dashboard
        title: ড্যাশবোর্ডের রং
        language: bn
        ---
        ড্যাশবোর্ডের রং বদলান: সেটিংসে গিয়ে গাঢ় থিম বেছে নিন।
        """,
}


def make_kb(tmp_path: Path, articles: dict[str, str] = ARTICLES) -> KnowledgeIndex:
    for rel, text in articles.items():
        write(tmp_path / "articles", rel, text)
    kb = KnowledgeIndex(tmp_path / "index", tmp_path / "articles", lock_timeout=10)
    kb.sync(workers=1)
    return kb


def ids(kb: KnowledgeIndex, query: str, **kw: object) -> list[str]:
    with kb.searcher() as s:
        return [h.id for h in s.search(query, **kw).results]  # type: ignore[arg-type]


# -- the encoder --------------------------------------------------------------------------

def test_vectors_match_the_models_own() -> None:
    """The numpy encoder with float16 weights gives sentence-transformers' vectors."""
    reference = json.loads(REFERENCE.read_text("utf-8"))
    vectors = shared_encoder().encode(reference["texts"])
    assert vectors.shape == (3, DIMENSIONS)
    cosines = (vectors * np.array(reference["vectors"])).sum(axis=1)
    assert cosines.min() > 0.9999, cosines


def test_weights_are_mapped_as_stored_and_read_whatever_the_archive(tmp_path: Path) -> None:
    """The model's weights are viewed in place where stored uncompressed (no copy, no
    CRC pass: 3 ms, where np.load took 40), and read as np.load reads them otherwise."""
    from kb_app.meaning.encoder import MODEL_DIR, read_weights

    shipped = read_weights(MODEL_DIR / "weights.npz")
    with np.load(MODEL_DIR / "weights.npz") as stored:
        assert set(shipped) == set(stored.files)
        assert all(np.array_equal(shipped[name], stored[name]) for name in stored.files)
    assert isinstance(shipped["word"].base, np.memmap) or isinstance(shipped["word"], np.memmap)
    arrays = {"a": np.arange(6, dtype=np.float16).reshape(2, 3),
              "b": np.asfortranarray(np.ones((2, 2), dtype=np.float32))}
    np.savez_compressed(tmp_path / "packed.npz", **arrays)
    np.savez(tmp_path / "stored.npz", **arrays)
    for name in ("packed.npz", "stored.npz"):
        found = read_weights(tmp_path / name)
        assert all(np.array_equal(found[k], v) and found[k].dtype == v.dtype
                   for k, v in arrays.items())


def test_the_widened_weights_are_kept_for_the_next_process(tmp_path: Path) -> None:
    """The layers' float32 weights are written once and mapped by every later encoder
    (30 ms of a cold search saved); a copy cut short is made again, and a folder that
    cannot be written leaves them in memory, the vectors the same every way."""
    from kb_app.meaning.encoder import MODEL_DIR, SentenceEncoder

    texts = ["make the dashboard black", "export your stats"]
    plain = SentenceEncoder().encode(texts)
    first = SentenceEncoder(widened=tmp_path / "model")
    copies = list((tmp_path / "model").glob("widened-*.npy"))
    assert len(copies) == 1 and copies[0].stat().st_size > 40_000_000
    again = SentenceEncoder(widened=tmp_path / "model")
    assert all(isinstance(w.base, np.memmap) or isinstance(w, np.memmap)
               for w in again._w.values())
    assert np.allclose(first.encode(texts), plain) and np.allclose(again.encode(texts), plain)

    with open(copies[0], "r+b") as cut:
        cut.truncate(1_000_000)
    remade = SentenceEncoder(widened=tmp_path / "model")
    assert copies[0].stat().st_size > 40_000_000 and np.allclose(remade.encode(texts), plain)

    (tmp_path / "file").write_text("not a folder", "utf-8")
    unwritable = SentenceEncoder(widened=tmp_path / "file" / "model")
    assert np.allclose(unwritable.encode(texts), plain)

    # the same model installed elsewhere (another time on its file) shares the copy;
    # another model's copy is removed when this one's is written
    import shutil

    shutil.copytree(MODEL_DIR, tmp_path / "installed")
    os.utime(tmp_path / "installed" / "weights.npz", ns=(1, 1))
    SentenceEncoder(tmp_path / "installed", widened=tmp_path / "model")
    assert list((tmp_path / "model").glob("widened-*.npy")) == copies
    older = tmp_path / "model" / "widened-0123456789abcdef.npy"
    older.write_bytes(b"an older model's")
    copies[0].unlink()
    SentenceEncoder(widened=tmp_path / "model")
    assert list((tmp_path / "model").glob("widened-*.npy")) == copies


def test_a_batch_gives_each_text_its_own_vector() -> None:
    """Padding a short text beside a long one changes nothing."""
    texts = ["refund", "How long does a refund take to reach my bank account after return?"]
    together = shared_encoder().encode(texts)
    alone = np.stack([shared_encoder().encode([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_what_means_the_same_lies_closer() -> None:
    q, dark, export = shared_encoder().encode(
        ["make the dashboard black", "Switch the dashboard to dark mode",
         "Export your stats as a CSV file"])
    assert q @ dark > q @ export + 0.2


def test_no_text_no_vectors() -> None:
    assert shared_encoder().encode([]).shape == (0, DIMENSIONS)
    assert shared_encoder().encode([""]).shape == (1, DIMENSIONS)  # just [CLS] [SEP]


def test_passages_cover_a_long_article_in_windows() -> None:
    body = " ".join(f"w{n}" for n in range(500))
    found = passages(Article(id="a", path="a.md", title="Title", body=body, summary="Sum"))
    assert found[0] == "Title. Sum"
    windows = [p.removeprefix("Title: ").split() for p in found[1:]]
    assert all(len(w) <= PASSAGE_WORDS for w in windows)
    assert windows[0][0] == "w0" and windows[-1][-1] == "w499"
    covered = {w for window in windows for w in window}
    assert covered == {f"w{n}" for n in range(500)}


# -- the store ----------------------------------------------------------------------------

def vectors(n: int, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, DIMENSIONS)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_a_later_part_overrides_an_earlier_one(tmp_path: Path) -> None:
    store = MeaningStore(tmp_path)
    store.add([("a.md", "fp1", "a", vectors(2)), ("b.md", "fp1", "b", vectors(1, 1))])
    store.add([("a.md", "fp2", "a", vectors(3, 2)), ("b.md", "", None, vectors(0))])
    entries = store.entries()
    assert entries["a.md"].fingerprint == "fp2" and entries["a.md"].count == 3
    assert entries["b.md"].id is None
    found = store.vectors()
    assert "a" in found and "b" not in found
    query = vectors(3, 2)[1]
    assert found.closeness(["a"], query)[0] == pytest.approx(1.0, abs=2e-3)  # 8-bit rows
    assert found.closeness(["b", "a", "zz"], query)[1] == found.closeness(["a"], query)[0]
    assert found.closeness(["b", "zz"], query) == [None, None]


def test_a_damaged_or_foreign_part_counts_as_absent(tmp_path: Path) -> None:
    store = MeaningStore(tmp_path)
    store.add([("a.md", "fp", "a", vectors(1))])
    store.add([("b.md", "fp", "b", vectors(1))])
    store.add([("c.md", "fp", "c", vectors(1))])
    (store.folder / "part-00000001.json").write_text("{not json", "utf-8")
    second = store.folder / "part-00000002.json"
    second.write_text(second.read_text("utf-8").replace("MiniLM", "OtherModel"), "utf-8")
    (store.folder / "part-00000003.npy").write_bytes(b"garbage")
    assert store.entries() == {}  # all three are encoded again
    assert len(store.vectors()) == 0  # no vectors, no crash


def test_a_matrix_without_its_contents_is_ignored(tmp_path: Path) -> None:
    """A crash between the two writes of a part leaves only the matrix: not a part."""
    store = MeaningStore(tmp_path)
    store.add([("a.md", "fp", "a", vectors(1))])
    (store.folder / "part-00000001.json").unlink()
    assert store.entries() == {} and store.parts() == []


def test_parts_are_merged_and_gone_files_forgotten(tmp_path: Path) -> None:
    store = MeaningStore(tmp_path)
    for n in range(MERGE_AT + 1):
        store.add([(f"{n}.md", "fp", str(n), vectors(2, n))])
    store.add([("0.md", "", None, vectors(0))])
    assert store.merge()
    assert len(store.parts()) == 1
    entries = store.entries()
    assert set(entries) == {f"{n}.md" for n in range(1, MERGE_AT + 1)}
    found = store.vectors()
    assert found.closeness(["5"], vectors(2, 5)[0])[0] == pytest.approx(1.0, abs=2e-3)
    assert not list(store.folder.glob("part-0000000[1-9].*"))


def test_searchers_read_the_tables_in_numbers_or_else_the_contents(tmp_path: Path) -> None:
    """Searchers read each part's table in numbers (milliseconds at 100,000 articles);
    a part without one (written by the version before) or with a damaged one is read
    from its contents, and the next update writes the tables it lacks."""
    store = MeaningStore(tmp_path)
    store.add([("a.md", "fp", "a", vectors(2)), ("b.md", "fp", "b", vectors(1, 1))])
    store.add([("c.md", "fp", "c", vectors(1, 2)), ("b.md", "", None, vectors(0))])
    tables = sorted(store.folder.glob("*.ids.npy"))
    assert len(tables) == 2
    expected = store.vectors().closeness(["a", "b", "c"], vectors(2)[1])
    assert expected[0] == pytest.approx(1.0, abs=2e-3) and expected[1] is None

    tables[0].unlink()
    tables[1].write_bytes(b"\x93NUMPY garbage")
    assert store.vectors().closeness(["a", "b", "c"], vectors(2)[1]) == expected
    assert store.add_missing_tables() == 2  # the missing one and the damaged one
    assert store.vectors().closeness(["a", "b", "c"], vectors(2)[1]) == expected

    # a table that points past its matrix: the part is not read (encoded again later)
    good = tables[0].read_bytes()
    table = np.load(tables[0])
    table["count"] += 100
    np.save(tables[0], table)
    assert "a" not in store.vectors()
    tables[0].write_bytes(good)
    assert "a" in store.vectors()


def test_table_keys_are_never_the_no_id_key() -> None:
    from kb_app.meaning.store import id_hash

    assert all(id_hash(text) not in (0,) for text in ("", "a", "dark-mode", "ড্যাশবোর্ড"))
    assert id_hash("dark-mode") == id_hash("dark-mode") != id_hash("dark-mode ")


# -- the update ---------------------------------------------------------------------------

def test_an_update_encodes_what_changed_and_only_that(tmp_path: Path) -> None:
    kb = make_kb(tmp_path)
    first = kb.update_meanings()
    assert (first.encoded, first.remaining) == (3, 0)  # the Bengali article is not encoded
    assert kb.update_meanings().encoded == 0
    path = tmp_path / "articles" / "export.md"
    path.write_text(path.read_text("utf-8") + "\nAlso as JSON.\n", "utf-8")
    os.utime(path, ns=(1, 1))
    (tmp_path / "articles" / "widgets.md").unlink()
    kb.sync(workers=1)
    again = kb.update_meanings()
    assert (again.encoded, again.removed) == (1, 1)
    found = MeaningStore(kb.index_dir).vectors()
    assert len(found) == 2 and "dark-mode" in found and "export" in found
    # a second file with an article's id is a duplicate: never encoded, and the vectors
    # of a file that becomes one go as a gone file's do
    write(tmp_path / "articles", "copy.md", ARTICLES["appearance.md"])
    kb.sync(workers=1)
    kb.update_meanings()
    duplicates = {path for path, state in (kb.manifest() or {}).items() if state.duplicate}
    assert len(duplicates) == 1
    entries = MeaningStore(kb.index_dir).entries()
    assert all(entries[path].id is None for path in duplicates if path in entries)
    found = MeaningStore(kb.index_dir).vectors()
    assert len(found) == 2 and "dark-mode" in found and "export" in found


def test_an_update_with_nothing_to_encode_never_loads_the_model(tmp_path: Path,
                                                                monkeypatch) -> None:
    """The window checks after every sync: at 100,000 articles the model (78 MB) and
    the store's contents (about 100 MB as Python objects) stayed in its memory for it."""
    from kb_app import meaning
    from kb_app.meaning.store import MeaningStore as Store

    kb = make_kb(tmp_path)
    kb.update_meanings()

    def no(*_: object) -> None:
        raise AssertionError("not needed")

    monkeypatch.setattr(meaning, "load_encoder", no)
    monkeypatch.setattr(Store, "_contents", no)  # the tables say what changed
    report = kb.update_meanings()
    assert (report.encoded, report.remaining) == (0, 0)
    # asked again with the index and the store as they were: not even looked through
    monkeypatch.setattr("kb_app.meaning.update._changes", no)
    assert kb.update_meanings().encoded == 0
    monkeypatch.undo()
    path = tmp_path / "articles" / "export.md"  # a save: looked through, and encoded
    path.write_text(path.read_text("utf-8") + "\nAlso as JSON.\n", "utf-8")
    kb.sync(workers=1)
    assert kb.update_meanings().encoded == 1


def test_a_stopped_update_keeps_its_work_and_goes_on_later(tmp_path: Path) -> None:
    kb = make_kb(tmp_path)
    seen: list[int] = []
    report = kb.update_meanings(progress=lambda done, total: seen.append(done),
                                should_stop=lambda: bool(seen))
    assert report.remaining == 3 - report.encoded and report.encoded >= 1
    assert kb.update_meanings().encoded == report.remaining


def test_an_update_running_elsewhere_is_left_to_finish(tmp_path: Path) -> None:
    kb = make_kb(tmp_path)
    folder = MeaningStore(kb.index_dir).folder
    folder.mkdir(parents=True)
    with FileLock(folder / LOCK):
        report = kb.update_meanings()
    assert report.encoded == 0 and report.remaining > 0


# -- searching ----------------------------------------------------------------------------

def test_meaning_lifts_the_article_that_means_what_was_asked(tmp_path: Path) -> None:
    kb = make_kb(tmp_path)
    before = ids(kb, "make the dashboard black")
    assert before[0] == "widgets"  # the words: make, dashboard, black
    kb.update_meanings()
    assert ids(kb, "make the dashboard black")[0] == "dark-mode"
    assert ids(kb, "make the dashboard black", meaning=False) == before


def test_a_title_with_every_word_is_never_pushed_down(tmp_path: Path) -> None:
    kb = make_kb(tmp_path)
    kb.update_meanings()
    assert ids(kb, "dashboard widgets")[0] == "widgets"
    assert ids(kb, "export stats")[0] == "export"


def test_bengali_searches_are_ranked_by_their_words(tmp_path: Path) -> None:
    kb = make_kb(tmp_path)
    plain = ids(kb, "ড্যাশবোর্ডের রং")
    kb.update_meanings()
    assert ids(kb, "ড্যাশবোর্ডের রং") == plain
    assert ids(kb, "dashboard রং") == ids(kb, "dashboard রং", meaning=False)


def test_vectors_found_after_the_searcher_opened(tmp_path: Path) -> None:
    """An update finishing while the window searches is used from the next search."""
    kb = make_kb(tmp_path)
    with kb.searcher() as s:
        assert s.search("make the dashboard black").results[0].id == "widgets"
        kb.update_meanings()
        assert s.search("make the dashboard black").results[0].id == "dark-mode"


# -- fusion -------------------------------------------------------------------------------

def test_without_vectors_the_order_is_the_words() -> None:
    assert fuse([7, 3, 9], [None, None, None])[0] == [7, 3, 9]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(-1, 1)), min_size=1, max_size=60),
       st.sets(st.integers(0, 59)))
def test_fusion_reorders_never_loses_and_keeps_titles(closeness: list[float | None],
                                                       titles: set[int]) -> None:
    order = list(range(100, 100 + len(closeness)))
    whole = {100 + t for t in titles if t < len(closeness)}
    fused, scores = fuse(order, closeness, whole)
    assert sorted(fused) == order
    assert all(a >= b for a, b in zip(scores, scores[1:], strict=False))
    for doc in whole:
        assert fused.index(doc) <= order.index(doc)


def test_eight_bit_rows_keep_the_cosine(tmp_path: Path) -> None:
    from kb_app.meaning.store import packed, unpacked

    a, b = vectors(200, 1), vectors(200, 2)
    exact = (a * b).sum(axis=1)
    kept = (unpacked(packed(a)) * b).sum(axis=1)
    assert np.abs(kept - exact).max() < 0.004
    assert packed(np.zeros((1, DIMENSIONS), dtype=np.float32))["vector"].max() == 0


def test_the_encoder_is_not_asked_where_words_suffice(tmp_path: Path, monkeypatch) -> None:
    """A single word (a name, a keyword) and words that are all in the first article's
    title never wait for the encoder."""
    from kb_app.meaning import ranking

    kb = make_kb(tmp_path)
    kb.update_meanings()
    asked: list[str] = []
    monkeypatch.setattr(ranking.MeaningRanking, "_query_vector",
                        lambda self, text, *_: asked.append(text) or np.zeros(DIMENSIONS))
    ids(kb, "dashboard")
    ids(kb, "dashboard black")
    assert asked == ["dashboard black"]
    # words whose first article's title says all of them: it stays first, unasked
    assert ids(kb, "dashboard widgets")[0] == "widgets"
    assert asked == ["dashboard black"]


def test_a_damaged_model_leaves_the_words_order(tmp_path: Path, monkeypatch) -> None:
    """Meaning only ever improves an order: when it cannot be had, search goes on."""
    from kb_app import meaning

    kb = make_kb(tmp_path)
    kb.update_meanings()
    words = ids(kb, "make the dashboard black", meaning=False)

    def broken() -> None:
        raise OSError("weights.npz: truncated")

    monkeypatch.setattr(meaning, "shared_encoder", broken)
    monkeypatch.setattr("kb_app.meaning.queries.shared_encoder", broken)
    assert ids(kb, "make the dashboard black") == words


@pytest.fixture(scope="module")
def read_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeIndex:
    kb = make_kb(tmp_path_factory.mktemp("meaning"))
    kb.update_meanings()
    return kb


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_any_english_text_is_answered(read_kb: KnowledgeIndex, text: str) -> None:
    """Hostile or odd queries through the meaning path never raise."""
    with read_kb.searcher() as s:
        s.search(text + " dashboard")


def test_a_reader_takes_in_new_parts_and_a_store_that_went_back(tmp_path: Path) -> None:
    store = MeaningStore(tmp_path)
    store.add([("a.md", "fp", "a", vectors(1)), ("b.md", "fp", "b", vectors(1, 1))])
    reader = store.vectors()
    assert len(reader) == 2 and not reader.refresh()  # nothing new
    store.add([("a.md", "", None, vectors(0)), ("c.md", "fp", "c", vectors(2, 2))])
    assert reader.refresh()
    assert "a" not in reader and "b" in reader and "c" in reader
    store.add([("b.md", "fp2", "b2", vectors(1, 3))])  # a file's id changed
    reader.refresh()
    assert "b" not in reader and "b2" in reader
    for part in store.folder.glob("part-*"):
        part.unlink()
    store.add([("d.md", "fp", "d", vectors(1, 4))])  # emptied and begun again
    reader.refresh()
    assert len(reader) == 1 and "d" in reader


def test_a_reader_lets_go_of_the_parts_a_merge_replaced(tmp_path: Path) -> None:
    """A window open for days sees many merges: the parts they replace must not stay
    open (their disk space, a whole store's at a full merge, would stay taken)."""
    store = MeaningStore(tmp_path)
    for n in range(MERGE_AT + 1):
        store.add([(f"{n}.md", "fp", str(n), vectors(2, n))])
    reader = store.vectors()
    assert len(reader) == MERGE_AT + 1
    assert store.merge()
    assert reader.refresh()

    def held() -> set[str]:
        found = set()
        for fd in Path("/proc/self/fd").iterdir():
            with contextlib.suppress(OSError):
                target = os.readlink(fd)
                if str(store.folder) in target:
                    found.add(target)
        return found

    merged = f"part-{store.parts()[-1]:08d}."
    assert held() and all(merged in t and "(deleted)" not in t for t in held())
    assert len(reader) == MERGE_AT + 1
    assert reader.closeness(["7"], vectors(2, 7)[1])[0] == pytest.approx(1.0, abs=2e-3)
    reader.close()
    assert not held()


def test_a_few_saves_merge_among_themselves_not_into_the_big_part(tmp_path: Path) -> None:
    store = MeaningStore(tmp_path)
    store.add([(f"{n}.md", "fp", str(n), vectors(2, n)) for n in range(100)])
    store.add([("0.md", "", None, vectors(0))])  # gone, and held by the first part
    for n in range(MERGE_AT):
        store.add([(f"new{n}.md", "fp", f"new{n}", vectors(1, 500 + n))])
    first = store.folder / "part-00000001.npy"
    written = first.stat().st_mtime_ns
    assert store.merge()
    assert store.parts() == [1, MERGE_AT + 3] and first.stat().st_mtime_ns == written
    reader = store.vectors()
    assert "0" not in reader and "1" in reader and f"new{MERGE_AT - 1}" in reader
    assert len(reader) == 99 + MERGE_AT


def test_warming_reads_the_vectors_before_the_first_search(tmp_path: Path) -> None:
    kb = make_kb(tmp_path)
    kb.update_meanings()
    with kb.searcher() as s:
        assert len(s._meanings._vectors) == 0  # nothing read yet: opening stays cheap
        s.warm_meaning()
        assert len(s._meanings._vectors) == 3


def test_an_update_kept_to_one_core_uses_one(tmp_path: Path, monkeypatch) -> None:
    """The window's background encoding leaves the other core to the agent's searches."""
    from threadpoolctl import threadpool_info

    from kb_app.meaning import encoder

    seen: list[int] = []
    forward = encoder.SentenceEncoder._forward

    def counting(self, batch):  # type: ignore[no-untyped-def]
        seen.extend(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
        return forward(self, batch)

    monkeypatch.setattr(encoder.SentenceEncoder, "_forward", counting)
    kb = make_kb(tmp_path)
    assert kb.update_meanings(cores=1).encoded == 3
    assert seen and set(seen) == {1}


def test_the_newest_articles_are_read_first(tmp_path: Path) -> None:
    """At 100,000 articles the first update takes hours: what was just written (a new
    product, this week's outage) gets its meaning first."""
    articles = {f"a{n:02d}.md": f"---\nid: a{n:02d}\ntitle: Article {n}\n---\nText {n}.\n"
                for n in range(12)}
    kb = make_kb(tmp_path, articles)
    for n in range(12):  # a00 the newest, a11 the oldest
        os.utime(tmp_path / "articles" / f"a{n:02d}.md", ns=(10**18 - n, 10**18 - n))
    kb.sync(workers=1)
    seen: list[int] = []
    report = kb.update_meanings(progress=lambda done, total: seen.append(done),
                                should_stop=lambda: bool(seen))
    assert (report.encoded, report.remaining) == (8, 4)  # one batch
    found = MeaningStore(kb.index_dir).vectors()
    assert len(found) == 8 and all(f"a{n:02d}" in found for n in range(8))


def test_what_the_team_keeps_opening_is_not_undone_by_meaning(tmp_path: Path) -> None:
    """The team's opens are evidence about this query; the model's closeness is a
    guess: an article the team's use lifted never goes below where that put it."""
    from kb_app.health.gaps import group_key
    from kb_app.learning import Learned

    kb = make_kb(tmp_path)
    kb.update_meanings()
    query = "make the dashboard black"
    assert ids(kb, query)[0] == "dark-mode"  # meaning, alone
    learned = Learned({group_key(query): {"widgets": 1.0}})
    with kb.searcher() as s:
        top = s.search(query, learned=learned).results[0]
    assert top.id == "widgets" and top.often_opened


def test_kb_index_meaning_reads_and_says_so_or_says_why_not(tmp_path: Path, capsys,
                                                            monkeypatch) -> None:
    from kb_app import meaning
    from kb_app.cli import main

    for rel, text in ARTICLES.items():
        write(tmp_path / "articles", rel, text)
    args = ["index", "--articles", str(tmp_path / "articles"), "--index",
            str(tmp_path / "ix"), "--meaning"]
    assert main(args) == 0
    assert "read the meaning of 3 articles" in capsys.readouterr().out
    assert main(["search", "make the dashboard black", "--articles",
                 str(tmp_path / "articles"), "--index", str(tmp_path / "ix")]) == 0
    found = capsys.readouterr().out
    assert found.index("dark-mode") < found.index("widgets")
    write(tmp_path / "articles", "new.md", "---\nid: new\ntitle: New\n---\nNew text.\n")

    def damaged() -> None:
        raise OSError("weights.npz: not a zip file")

    monkeypatch.setattr(meaning, "load_encoder", damaged)
    assert main(args) == 3  # kb's "could not do it", as for an index it cannot write
    assert "could not read the articles' meaning: weights.npz" in capsys.readouterr().err


def test_ids_are_read_from_the_reader_each_search_uses(tmp_path: Path) -> None:
    """Document numbers belong to one reader: the id column follows whichever reader
    a search reads through (a refreshed one, a damaged generation's readable part)."""
    from kb_app.meaning.ranking import MeaningRanking

    kb = make_kb(tmp_path)
    meanings = MeaningRanking(kb.index_dir, kb.query_vectors)
    with kb.searcher() as before:
        old = before._searcher
        (tmp_path / "articles" / "widgets.md").unlink()
        write(tmp_path / "articles", "zz.md", "---\nid: zz-new\ntitle: New\n---\nNew.\n")
        kb.sync(workers=1)
        with kb.searcher() as after:
            new = after._searcher

            def ids(reader_of):  # type: ignore[no-untyped-def]
                column = meanings._id_column(reader_of)
                alive = reader_of.reader()
                return {column[d] for d in range(alive.doc_count_all())
                        if not alive.is_deleted(d)}

            assert "zz-new" in ids(new) and "widgets" not in ids(new)
            assert "widgets" in ids(old) and "zz-new" not in ids(old)  # back: its own
            assert "zz-new" in ids(new)


def test_hostile_articles_are_read_in_bounded_time(tmp_path: Path) -> None:
    """A few bytes that expand, a word of a million letters, 200,000 short words: the
    reading stops at MAX_WORDS words and 256 tokens a passage, and ends."""
    import time

    hostile = {
        "long-word.md": "---\nid: long-word\ntitle: Long\n---\n" + "a" * 1_000_000 + "\n",
        "many-words.md": "---\nid: many-words\ntitle: Many\n---\n" + "ab " * 200_000 + "\n",
        "mixed.md": "---\nid: mixed\ntitle: Mixed\n---\n" + "\u200d😀ড্যা\u0301 " * 50_000,
    }
    kb = make_kb(tmp_path, {**ARTICLES, **hostile})
    start = time.monotonic()
    report = kb.update_meanings()
    assert report.encoded == 6 and report.remaining == 0
    assert time.monotonic() - start < 60
    assert ids(kb, "make the dashboard black")[0] == "dark-mode"
