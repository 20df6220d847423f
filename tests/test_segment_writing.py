"""Segments written with our posting pool and flush (kb_app.segment_writing) are the same,
byte for byte, as Whoosh's own: from documents, past the pool's memory limit (sorted runs
on disk), and when segments are merged; and the replacements are in place for every
writer the index opens."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh import writing

from kb_app import segment_writing
from kb_app.articles import read_article
from kb_app.fields import build_schema, document

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"


def _docs() -> list[dict[str, Any]]:
    docs = []
    for path in sorted(ARTICLES.rglob("*.md")):
        article, _ = read_article(path, ARTICLES)
        if article is not None:
            docs.append(document(article))
    return docs


WHOOSH = (segment_writing._STOCK_POOL, segment_writing._STOCK)
OURS = (segment_writing.GroupedPostingPool, segment_writing._flush_segment)


def _segment_files(folder: Path, how: tuple[Any, Callable[[Any], None]],
                   batches: list[list[dict[str, Any]]], monkeypatch: pytest.MonkeyPatch,
                   limitmb: float = 128, merge_all: bool = False) -> dict[str, str]:
    """Each segment file's digest, named without the (random) segment id."""
    folder.mkdir()
    monkeypatch.setattr(writing, "PostingPool", how[0])
    monkeypatch.setattr(writing.SegmentWriter, "_flush_segment", how[1])
    ix = whoosh_index.create_in(str(folder), build_schema())
    for batch in batches:
        writer = ix.writer(compound=False, limitmb=limitmb)
        for doc in batch:
            writer.add_document(**doc)
        writer.commit(merge=False)
    if merge_all:
        writer = ix.writer(compound=False, limitmb=limitmb)
        writer.delete_by_term("path", batches[0][0]["path"])  # renumbers what follows
        writer.commit(optimize=True)
    assert len(ix._read_toc().segments) == (1 if merge_all else len(batches))
    return {path.name.split(".", 1)[1]: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in folder.iterdir() if path.name.startswith("MAIN_") and "." in path.name}


def test_the_bundled_articles_are_written_as_whoosh_writes_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs()
    assert len(docs) > 20
    whoosh = _segment_files(tmp_path / "whoosh", WHOOSH, [docs], monkeypatch)
    ours = _segment_files(tmp_path / "ours", OURS, [docs], monkeypatch)
    assert {"pst", "trm", "_body_len.col", "_title_len.col"} <= set(whoosh)
    assert ours == whoosh


def test_past_the_memory_limit_sorted_runs_give_the_same_segment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs()
    spilled: list[int] = []
    save = segment_writing.GroupedPostingPool.save

    def counted(pool: Any) -> None:
        spilled.append(1)
        save(pool)

    whoosh = _segment_files(tmp_path / "whoosh", WHOOSH, [docs], monkeypatch, limitmb=0.05)
    monkeypatch.setattr(segment_writing.GroupedPostingPool, "save", counted)
    ours = _segment_files(tmp_path / "ours", OURS, [docs], monkeypatch, limitmb=0.05)
    assert len(spilled) > 3
    assert ours == whoosh
    assert not list(tmp_path.rglob("*.run")), "the runs are removed"


def test_merging_segments_gives_the_same_segment(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs()
    batches = [docs[: len(docs) // 3], docs[len(docs) // 3:]]
    whoosh = _segment_files(tmp_path / "whoosh", WHOOSH, batches, monkeypatch, merge_all=True)
    ours = _segment_files(tmp_path / "ours", OURS, batches, monkeypatch, merge_all=True)
    assert ours == whoosh


def test_postings_out_of_document_order_are_sorted(tmp_path: Path) -> None:
    from whoosh.filedb.filestore import RamStorage

    pool = segment_writing.GroupedPostingPool(RamStorage(), None)
    for item in [("b", b"x", 2, 1.0, b"2"), ("a", b"y", 5, 1.0, None), ("b", b"x", 1, 3.0, b"1"),
                 ("a", b"x", 7, 2.0, b"")]:
        pool.add(item)
    assert list(pool.iter_postings()) == [("a", b"x", 7, 2.0, b""), ("a", b"y", 5, 1.0, None),
                                          ("b", b"x", 1, 3.0, b"1"), ("b", b"x", 2, 1.0, b"2")]
    assert pool.fieldnames == {"a", "b"}
    with pytest.raises(TypeError):
        pool.add(("a", "text", 1, 1.0, None))


def test_a_field_without_lengths_reads_as_zero() -> None:
    class Reader:
        def doc_count_all(self) -> int:
            return 3

        def has_column(self, name: str) -> bool:
            return name == "_title_len"

        def column_reader(self, name: str, column: Any) -> list[int]:
            return [0, 1, 200]

    lengths = segment_writing.FieldLengths(Reader(), build_schema())
    assert lengths.doc_field_length(1, "title") == 1
    assert lengths.doc_field_length(2, "title") > 100
    assert lengths.doc_field_length(2, "words") == 0
    assert lengths.doc_field_length(2, "body", default=7) == 7


def test_every_writer_of_the_index_uses_them() -> None:
    import kb_app.commits  # noqa: F401 - installs them

    for _ in range(2):  # twice is harmless
        assert writing.SegmentWriter._flush_segment is segment_writing._flush_segment
        assert writing.PostingPool is segment_writing.GroupedPostingPool
        segment_writing.install()
