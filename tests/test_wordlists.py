"""The words as written and their sound keys come from the segments' stored text, not
from Whoosh fields: what the index owner writes into a postings cache is what a reader
derives in memory for a segment without one, and searches that need them (half-typed
words, Banglish, Bengali loanwords) find the same articles either way."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from kb_app import postcache, wordlists
from kb_app.analysis import word_sound_keys
from kb_app.fields import build_schema
from kb_app.index import KnowledgeIndex
from tests.conftest import write


def test_the_lists_are_derived_from_the_texts() -> None:
    texts = ["Reset the router Wi-Fi", "রাউটার রিসেট করুন", "The router, again"]
    words, sound_bn, sound_en = wordlists.derive(iter(texts))
    frequency = dict(zip(words.terms, words.dfs, strict=True))
    assert frequency["router"] == 2 and frequency["wifi"] == 1 and frequency["রাউটার"] == 1
    assert "the" not in frequency  # stop words are not listed
    assert words.terms == sorted(words.terms, key=lambda w: w.encode("utf-8"))
    for listed, script in ((sound_bn, "bn"), (sound_en, "en")):
        assert listed.links is not None
        for key, linked in zip(listed.terms, listed.links, strict=True):
            assert all(key in word_sound_keys(words.terms[i], script) for i in linked)
    [bengali_key, *_] = word_sound_keys("রাউটার", "bn")
    assert words.terms[sound_bn.links[sound_bn.terms.index(bengali_key)][0]] == "রাউটার"
    [english_key, *_] = word_sound_keys("router", "en")
    linked = sound_en.links[sound_en.terms.index(english_key)]
    assert "router" in [words.terms[i] for i in linked]


def test_the_index_has_no_field_for_them() -> None:
    assert not set(wordlists.DERIVED) & set(build_schema().names())


def test_a_cache_holds_what_a_reader_derives_without_one(kb: KnowledgeIndex,
                                                         kb_dir: Path) -> None:
    write(kb_dir, "router.md", "---\nid: bn-router\ntitle: রাউটার রিসেট\n---\n"
          "রাউটারের লাইট লাল হলে রিসেট করুন। Settings stay.\n")
    kb.sync(only=["router.md"], workers=1)
    with kb.searcher() as searcher:
        leaves = searcher._ranker.lexicon.leaves
        assert leaves and all(leaf.cache is not None for leaf in leaves)
        for leaf in leaves:
            derived = postcache.derived_tables(wordlists.segment_texts(leaf.reader))
            for name in wordlists.DERIVED:
                cached, memory = leaf.table(name), derived[name]
                assert cached is not None
                assert [cached.term(i) for i in range(len(cached))] == \
                    [memory.term(i) for i in range(len(memory))]
                assert np.array_equal(cached.df, memory.df)
                if name != wordlists.WORDS:
                    assert np.array_equal(cached.poff, memory.poff)
                    assert np.array_equal(cached.links, memory.links)


def test_searches_that_need_the_words_find_the_same_without_caches(
        kb: KnowledgeIndex, kb_dir: Path) -> None:
    write(kb_dir, "router.md", "---\nid: bn-router\ntitle: রাউটার রিসেট\n---\n"
          "রাউটারের লাইট লাল হলে রিসেট করুন।\n")
    kb.sync(only=["router.md"], workers=1)
    queries = ["router reset", "রাউটার", "settin", "warr", "taka ferot", "ferot "]

    def found() -> list[list[str]]:
        with kb.searcher() as searcher:
            return [[h.id for h in searcher.search(q).results] for q in queries]

    with_caches = found()
    assert "bn-router" in with_caches[0]  # Latin letters find the Bengali article
    gen = kb.generation_dir()
    assert gen is not None
    for path in gen.glob(f"{postcache.PREFIX}*{postcache.SUFFIX}"):
        path.unlink()
    with kb.searcher() as searcher:
        assert all(leaf.cache is None for leaf in searcher._ranker.lexicon.leaves)
    assert found() == with_caches


def test_a_large_segment_without_its_cache_yet_is_searched_without_deriving(
        kb: KnowledgeIndex, monkeypatch) -> None:
    """Between a build's commit and its caches, a search must not hold for seconds
    deriving thousands of articles' words: such a segment answers by its stems alone
    (whole words found, half-typed ones and sounds not) until its cache is written."""
    from kb_app import lexicon
    gen = kb.generation_dir()
    assert gen is not None
    for path in gen.glob(f"{postcache.PREFIX}*{postcache.SUFFIX}"):
        path.unlink()
    monkeypatch.setattr(lexicon, "DERIVED_IN_MEMORY", 0)  # every segment is "large"
    monkeypatch.setattr(wordlists, "segment_texts", None)  # and must not be read
    with kb.searcher() as searcher:
        assert all(leaf.cache is None for leaf in searcher._ranker.lexicon.leaves)
        assert searcher.search("refund").results[0].id == "refund-policy"
        # no sounds yet: Latin letters do not find the Bengali article
        assert "bn-complaints" not in [h.id for h in searcher.search("taka ferot").results]
        # a half-typed word still completes from the stems
        assert searcher.search("warr").results[0].id == "warranty-policy"
    monkeypatch.undo()
    kb.sync(workers=1)  # the owner writes the caches: all of it again
    with kb.searcher() as searcher:
        assert searcher.search("taka ferot").results[0].id == "bn-complaints"


def test_a_cache_whose_sound_list_points_past_the_words_is_not_used(
        kb: KnowledgeIndex, monkeypatch) -> None:
    real = wordlists.derive

    def broken(texts):  # noqa: ANN001, ANN202 - derive's own
        lists = real(texts)
        assert lists[1].links is not None and lists[1].links
        lists[1].links[0] = [len(lists[0].terms) + 5]
        return lists
    gen = kb.generation_dir()
    assert gen is not None
    for path in gen.glob(f"{postcache.PREFIX}*{postcache.SUFFIX}"):
        path.unlink()
    monkeypatch.setattr(postcache, "CHECKED_BYTES", 0)  # no checksum: the check must catch it
    monkeypatch.setattr(wordlists, "derive", broken)
    kb.sync(workers=1)
    with kb.searcher() as searcher:
        assert all(leaf.cache is None for leaf in searcher._ranker.lexicon.leaves)


def test_a_disk_that_refuses_the_caches_leaves_searches_whole(kb_dir: Path, tmp_path: Path,
                                                              monkeypatch) -> None:
    """The caches are best effort: when the disk refuses them (full), the index is still
    written and searched, the words and sounds of its (small) segments derived by the
    reader; once there is space, the next sync writes the caches."""
    import errno

    def no_space(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(postcache, "write", no_space)
    kb = KnowledgeIndex(tmp_path / "index", kb_dir)
    kb.sync(workers=1)
    gen = kb.generation_dir()
    assert gen is not None and not list(gen.glob(f"{postcache.PREFIX}*{postcache.SUFFIX}"))
    with kb.searcher() as searcher:
        assert all(leaf.cache is None for leaf in searcher._ranker.lexicon.leaves)
        assert searcher.search("taka ferot").results[0].id == "bn-complaints"
        assert searcher.search("warr").results[0].id == "warranty-policy"
    monkeypatch.undo()
    kb.sync(workers=1)
    with kb.searcher() as searcher:
        assert all(leaf.cache is not None for leaf in searcher._ranker.lexicon.leaves)
        assert searcher.search("taka ferot").results[0].id == "bn-complaints"
