"""A new process learns that the folder did not change from its folders' modification
times (kb_app.folderstamp), without a stat of every article; anything that adds, removes
or renames an article is still seen at once, an edit written in place within FULL_SCAN_S,
and a stamp that does not fit (another commit, a failed sync, damage) is never trusted."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kb_app import folder, folderstamp
from kb_app.index import IndexUnavailable, KnowledgeIndex
from tests.conftest import write


def fresh(kb: KnowledgeIndex) -> KnowledgeIndex:
    """The index as a new `kb search` process opens it."""
    return KnowledgeIndex(kb.index_dir, kb.articles_dir, lock_timeout=10)


def no_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(folder, "scan", lambda root: pytest.fail("scanned every file"))


def found(kb: KnowledgeIndex, query: str) -> list[str]:
    with kb.searcher() as s:
        return [h.id for h in s.search(query).results]


def test_an_unchanged_folder_is_known_without_a_scan(kb: KnowledgeIndex,
                                                     monkeypatch) -> None:
    total = fresh(kb).sync(workers=1).unchanged  # writes the stamp after a full scan
    no_scan(monkeypatch)
    report = fresh(kb).sync(workers=1)
    assert report.unchanged == total and report.indexed == total and not report.rebuilt


@pytest.mark.parametrize("change", ["add", "delete", "rename", "new folder"])
def test_a_change_of_files_is_seen_by_the_next_new_process(kb: KnowledgeIndex, kb_dir: Path,
                                                           change: str) -> None:
    fresh(kb).sync(workers=1)
    time.sleep(0.01)
    if change == "add":
        write(kb_dir, "billing/quokka.md", "---\nid: quokka\n---\nQuokka fees\n")
    elif change == "new folder":
        write(kb_dir, "zoo/deep/quokka.md", "---\nid: quokka\n---\nQuokka fees\n")
    elif change == "delete":
        next(kb_dir.rglob("*.md")).unlink()
    else:
        path = next(kb_dir.rglob("*.md"))
        path.rename(path.with_name("renamed-" + path.name))
    again = fresh(kb)
    report = again.sync(workers=1)
    assert report.added + report.updated + report.removed >= 1
    if change in ("add", "new folder"):
        assert found(again, "quokka") == ["quokka"]


def test_an_edit_in_place_is_seen_once_the_stamp_is_old(kb: KnowledgeIndex, kb_dir: Path,
                                                         monkeypatch) -> None:
    fresh(kb).sync(workers=1)
    path = next(kb_dir.rglob("*.md"))
    before = path.parent.stat()
    path.write_text("---\nid: inplace\n---\nWombat\n", encoding="utf-8")  # no rename
    os.utime(path.parent, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert fresh(kb).sync(workers=1).updated == 0  # trusted: folders unchanged
    now = time.time()
    monkeypatch.setattr(folderstamp.time, "time", lambda: now + folderstamp.FULL_SCAN_S)
    again = fresh(kb)
    assert again.sync(workers=1).updated == 1 and found(again, "wombat") == ["inplace"]


def test_a_stamp_of_another_commit_or_a_failed_sync_is_not_trusted(
        kb: KnowledgeIndex, kb_dir: Path, monkeypatch) -> None:
    fresh(kb).sync(workers=1)
    live = kb.live()
    stamp = folderstamp.read_stamp(live.gen)
    assert stamp is not None and stamp.toc == live.toc
    write(kb_dir, "billing/quokka.md", "---\nid: quokka\n---\nQuokka\n")
    writer = fresh(kb)
    monkeypatch.setattr(type(writer), "_sync_locked",
                        lambda *a, **k: (_ for _ in ()).throw(IndexUnavailable("disk full")))
    with pytest.raises(IndexUnavailable):
        writer.sync(workers=1)
    assert folderstamp.read_stamp(live.gen) == stamp  # no stamp for what is not indexed
    monkeypatch.undo()
    report = fresh(kb).sync(workers=1)
    assert report.added == 1  # the old stamp no longer fits the folder


def test_a_damaged_stamp_means_a_full_scan(kb: KnowledgeIndex) -> None:
    fresh(kb).sync(workers=1)
    (kb.live().gen / folderstamp.STAMP_FILE).write_text("{not json", encoding="utf-8")
    report = fresh(kb).sync(workers=1)
    assert report.unchanged > 0 and folderstamp.read_stamp(kb.live().gen) is not None


def test_folder_problems_are_reported_from_the_stamp(kb: KnowledgeIndex, kb_dir: Path,
                                                     tmp_path: Path, monkeypatch) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("# Outside\n", encoding="utf-8")
    (kb_dir / "link.md").symlink_to(outside)
    first = fresh(kb).sync(workers=1)
    assert any("outside the articles folder" in p.message for p in first.problems)
    no_scan(monkeypatch)
    quick = fresh(kb).sync(workers=1)
    assert [str(p) for p in quick.problems] == [str(p) for p in first.problems]


def test_scans_that_find_nothing_new_do_not_write_the_stamp_each_time(
        kb: KnowledgeIndex, monkeypatch) -> None:
    writes: list[int] = []
    original = folderstamp.write_stamp
    monkeypatch.setattr("kb_app.index.write_stamp",
                        lambda gen, stamp: writes.append(stamp.toc) or original(gen, stamp))
    window = fresh(kb)
    for _ in range(5):  # the window checks the folder every few seconds
        window.sync(workers=1)
    assert len(writes) == 1
