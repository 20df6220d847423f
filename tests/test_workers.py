"""The window's background work as it runs on the task runner's threads: the index
owner's syncs (`IndexKeeper`, on the writer) and searches on the reader's searcher."""

from pathlib import Path

from kb_app.gui.indexing import IndexKeeper
from kb_app.gui.tasks import TaskRunner
from kb_app.index import KnowledgeIndex


def test_large_build_runs_in_a_child_process_with_progress(kb_dir: Path, tmp_path: Path,
                                                           qtbot) -> None:
    kb = KnowledgeIndex(tmp_path / "ix", kb_dir)
    keeper = IndexKeeper(kb, child_process_from=1)
    steps = []
    synced = keeper.sync_folder(lambda d, t: steps.append((d, t)))
    assert steps and steps[-1] == (7, 7)
    assert synced.report.indexed == 7 and not synced.report.changed  # the child did it


def test_stale_searches_are_dropped(kb: KnowledgeIndex, qtbot) -> None:
    tasks = TaskRunner(kb.searcher)
    shown = []
    tasks.note_latest(3)
    for serial in (2, 3):
        tasks.search(lambda searcher: searcher.search("refund"),
                     lambda response, serial=serial: shown.append(serial), serial=serial)
    qtbot.waitUntil(tasks.idle, timeout=10_000)
    tasks.close()
    assert shown == [3]


def test_qt_binding_does_not_leak_none_references(qapp) -> None:
    """PySide6 6.12.0 dropped a reference to None on every processEvents() call, which
    aborts a long session under Python 3.11; pyproject pins a version without the bug."""
    import sys

    before = sys.getrefcount(None)
    for _ in range(3000):
        qapp.processEvents()
    assert abs(sys.getrefcount(None) - before) < 100


def test_segments_are_merged_only_once_saving_has_stopped(kb: KnowledgeIndex, kb_dir: Path,
                                                          qtbot, monkeypatch) -> None:
    from kb_app import index as index_module
    from tests.conftest import write

    monkeypatch.setattr(index_module, "MAX_SMALL_SEGMENTS", 2)
    keeper = IndexKeeper(kb)
    for n in range(4):  # saves, each indexed by the save itself
        write(kb_dir, f"quick-{n}.md", f"Quick note {n}\n")
        kb.sync(workers=1, only=[f"quick-{n}.md"])
        keeper.saved()
    synced = keeper.sync_folder(lambda d, t: None)  # nothing changed, but saves were just made
    assert not synced.tidied and len(kb.small_segments()) >= 3
    keeper.last_change -= 60  # a minute without saves
    assert keeper.sync_folder(lambda d, t: None).tidied
    assert len(kb.small_segments()) <= 1
