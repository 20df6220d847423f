"""The postings caches beside the segments (kb_app.postcache): a cache that is missing,
cut short, damaged or stale beside a changed segment is never used (that segment is read
through Whoosh, with the same results), and the next sync writes it again."""

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb_app import postcache
from kb_app.index import KnowledgeIndex
from tests.conftest import write

QUERIES = ["refund ", "warr", "router password", "গ্রাহক ", "taka ferot", "warrenty ", "se"]


def answers(kb: KnowledgeIndex) -> list[list[tuple[str, float]]]:
    with kb.searcher() as searcher:
        return [[(h.id, h.score) for h in searcher.search(q).results] for q in QUERIES]


def used_caches(kb: KnowledgeIndex) -> list[bool]:
    with kb.searcher() as searcher:
        return [leaf.cache is not None for leaf in searcher._ranker.lexicon.leaves]


def caches(kb: KnowledgeIndex) -> list[Path]:
    gen = kb.generation_dir()
    assert gen is not None
    return sorted(gen.glob(f"{postcache.PREFIX}*{postcache.SUFFIX}"))


@pytest.fixture
def two_segments(kb: KnowledgeIndex, kb_dir: Path) -> KnowledgeIndex:
    write(kb_dir, "zebra.md", "---\nid: zebra\ntitle: Zebra warranty\n---\nZebracorn refund\n")
    kb.sync(only=["zebra.md"], workers=1)
    return kb


def test_every_segment_has_a_cache_and_it_answers_as_whoosh_does(
        two_segments: KnowledgeIndex) -> None:
    kb = two_segments
    assert len(caches(kb)) == 2 and all(used_caches(kb))
    cached = answers(kb)
    for path in caches(kb):
        path.unlink()
    assert not any(used_caches(kb))
    assert answers(kb) == cached  # Whoosh decodes: the same answers


@pytest.mark.parametrize("harm", ["delete", "truncate", "empty", "header", "postings",
                                  "other segment's", "segment touched"])
def test_a_bad_cache_is_ignored_and_written_again(two_segments: KnowledgeIndex,
                                                   harm: str) -> None:
    kb = two_segments
    expected = answers(kb)
    first, second = caches(kb)
    if harm == "delete":
        first.unlink()
    elif harm == "truncate":
        first.write_bytes(first.read_bytes()[: first.stat().st_size // 2])
    elif harm == "empty":
        first.write_bytes(b"")
    elif harm == "header":
        data = bytearray(first.read_bytes())
        data[len(postcache.MAGIC) + 4: len(postcache.MAGIC) + 12] = b"\x00{]}[x\x01\xff"
        first.write_bytes(bytes(data))
    elif harm == "postings":  # random bytes where the arrays are: its checksum fails
        data = bytearray(first.read_bytes())
        data[-64:-8] = bytes(range(56))
        first.write_bytes(bytes(data))
    elif harm == "other segment's":
        shutil.copyfile(second, first)
    else:  # the segment's own files changed after its cache was written
        gen = kb.generation_dir()
        segment_id = first.name[len(postcache.PREFIX):-len(postcache.SUFFIX)]
        victim = next(gen.glob(f"{segment_id}.*"))
        st = victim.stat()
        os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert used_caches(kb).count(False) == 1
    assert answers(kb) == expected
    kb.sync(workers=1)  # nothing changed in the folder: only the cache is written again
    assert all(used_caches(kb))
    assert answers(kb) == expected


def test_a_save_adds_a_segment_with_its_cache(kb: KnowledgeIndex, kb_dir: Path) -> None:
    before = len(caches(kb))
    write(kb_dir, "new.md", "---\nid: new-one\n---\nQuokkas are settling in\n")
    kb.sync(only=["new.md"], workers=1)
    assert len(caches(kb)) == before + 1 and all(used_caches(kb))
    with kb.searcher() as searcher:
        assert [h.id for h in searcher.search("quokka").results] == ["new-one"]
        assert [h.id for h in searcher.search("quokkas settli").results] == ["new-one"]


def test_deleted_documents_stay_out_with_caches(kb: KnowledgeIndex, kb_dir: Path) -> None:
    (kb_dir / "general" / "refund-policy.md").unlink()
    kb.sync(workers=1)
    assert all(used_caches(kb))
    with kb.searcher() as searcher:
        assert "refund-policy" not in [h.id for h in searcher.search("refund ").results]


def test_merged_segments_leave_no_caches_behind(kb: KnowledgeIndex, kb_dir: Path) -> None:
    for n in range(3):
        write(kb_dir, f"n{n}.md", f"---\nid: n{n}\n---\nNumbat {n}\n")
        kb.sync(only=[f"n{n}.md"], workers=1)
    assert len(caches(kb)) == 4
    assert kb.tidy(max_small=0)
    assert len(caches(kb)) == len(used_caches(kb)) and all(used_caches(kb))
    with kb.searcher() as searcher:
        assert len(searcher.search("numbat").results) == 3


def test_caches_written_in_two_processes_are_those_written_in_one(
        two_segments: KnowledgeIndex) -> None:
    """A first build's commit writes its segments' caches in as many processes as it
    indexed with; the files are the same bytes as one process writes."""
    from kb_app.commits import cache_postings

    kb = two_segments
    one = {path.name: path.read_bytes() for path in caches(kb)}
    for path in caches(kb):
        path.unlink()
    gen = kb.generation_dir()
    assert gen is not None
    cache_postings(kb.open(), gen, procs=2)
    assert {path.name: path.read_bytes() for path in caches(kb)} == one
    assert all(used_caches(kb))


def test_postings_are_read_from_the_file_as_the_map_holds_them(
        two_segments: KnowledgeIndex) -> None:
    """Postings are read from the file (their pages stay the system's, not the
    process's); they are what the map holds, and a closed cache refuses to read rather
    than read a file number that may be another file's by now."""
    with two_segments.searcher() as searcher:
        leaves = searcher._ranker.lexicon.leaves
        checked = 0
        for leaf in leaves:
            assert leaf.cache is not None and leaf.cache.file is not None
            table = leaf.cache.fields["body"]
            assert table.docs is not None and table.tf is not None and table.poff is not None
            for i in range(len(table)):
                docs, tf = table.postings(i)
                start, end = int(table.poff[i]), int(table.poff[i + 1])
                assert docs.tolist() == table.docs[start:end].tolist()
                assert tf.tolist() == table.tf[start:end].tolist()
                checked += 1
        assert checked > 50
        cache = leaves[0].cache
        cache.close()
        with pytest.raises(ValueError):
            cache.fields["body"].postings(0)


def test_a_cache_cut_short_after_it_opened_is_an_error_not_a_wrong_answer(
        two_segments: KnowledgeIndex) -> None:
    with two_segments.searcher() as searcher:
        cache = searcher._ranker.lexicon.leaves[0].cache
        assert cache is not None
        table = cache.fields["body"]
        last = len(table) - 1
        os.truncate(cache.file.name, table.tf_at)
        with pytest.raises(OSError, match="cut short"):
            table.postings(last)


def test_term_tables_read_offsets_and_hashes_as_python_ints(two_segments: KnowledgeIndex
                                                            ) -> None:
    """The fast paths of term lookups are taken (a dtype that does not fit leaves the
    slower NumPy path in place, silently), and they agree with the arrays."""
    import sys

    with two_segments.searcher() as searcher:
        for leaf in searcher._ranker.lexicon.leaves:
            assert leaf.cache is not None
            for table in leaf.cache.fields.values():
                if sys.byteorder == "little":
                    assert table._offsets is not None and table._hashes is not None
                    assert list(table._offsets) == table.toff.tolist()
                    assert list(table._hashes[1]) == table.hpos.tolist()
                for i in range(len(table)):
                    assert table.find(table.term(i)) == i


@given(st.lists(st.text(alphabet=st.sampled_from(list("abcদেখ\u09cdz")), min_size=1,
                        max_size=12), min_size=0, max_size=60),
       st.text(alphabet=st.sampled_from(list("abcদেখ\u09cdz")), min_size=1, max_size=12))
@settings(max_examples=300, deadline=None)
def test_a_prefix_range_holds_exactly_the_terms_that_begin_with_it(words: list[str],
                                                                    prefix: str) -> None:
    """Prefixes short and long (past the 8 bytes kept per term, Bengali letters are 3
    bytes), with and without the heads."""
    terms = sorted({w.encode("utf-8") for w in words})
    blob = b"".join(terms)
    toff = np.zeros(len(terms) + 1, dtype=np.int64)
    np.cumsum([len(t) for t in terms], out=toff[1:])
    heads = np.frombuffer(b"".join(t[:8].ljust(8, b"\x00") for t in terms),
                          dtype=">u8").astype("<u8")
    empty = np.zeros(len(terms), dtype=np.uint32)
    key = prefix.encode("utf-8")
    expected = [t for t in terms if t.startswith(key)]
    for kept in (heads, None):
        table = postcache.TermTable(blob, 0, toff, empty, empty, empty, empty, heads=kept)
        lo, hi = table.prefix_range(key)
        assert [table.term(i) for i in range(lo, hi)] == expected


def test_a_searcher_closed_or_moved_on_closes_its_cache_files(kb: KnowledgeIndex,
                                                             kb_dir: Path) -> None:
    """The caches' files are closed when the searcher is, and when it takes a new reader,
    not left open until the old ranker happens to be collected."""
    searcher = kb.searcher()
    first = [leaf.cache.file for leaf in searcher._ranker.lexicon.leaves if leaf.cache]
    write(kb_dir, "zebra.md", "---\nid: zebra\ntitle: Zebra\n---\nZebracorn\n")
    kb.sync(only=["zebra.md"], workers=1)
    searcher.refresh()
    second = [leaf.cache.file for leaf in searcher._ranker.lexicon.leaves if leaf.cache]
    searcher.close()
    assert first and all(f.closed for f in first)
    assert second and all(f.closed for f in second)
