from pathlib import Path

from kb_app.gui.workers import IndexWorker, SearchRequest, SearchWorker
from kb_app.index import KnowledgeIndex


def test_large_build_runs_in_a_child_process_with_progress(kb_dir: Path, tmp_path: Path,
                                                           qtbot) -> None:
    kb = KnowledgeIndex(tmp_path / "ix", kb_dir)
    worker = IndexWorker(kb, child_process_from=1)
    steps, reports = [], []
    worker.progress.connect(lambda d, t: steps.append((d, t)))
    worker.synced.connect(reports.append)
    worker.sync()
    assert steps and steps[-1] == (7, 7)
    assert reports[0].indexed == 7 and not reports[0].changed  # the child did the work
    assert not worker.busy


def test_stale_searches_are_dropped(kb: KnowledgeIndex, qtbot) -> None:
    worker = SearchWorker(kb)
    shown = []
    worker.finished.connect(lambda serial, response: shown.append(serial))
    worker.note_latest(3)
    worker.search(SearchRequest(2, "refund"))
    worker.search(SearchRequest(3, "refund"))
    assert shown == [3]
    worker.close()


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
    worker = IndexWorker(kb)
    tidied = []
    worker.tidied.connect(lambda: tidied.append(True))
    for n in range(4):
        write(kb_dir, f"quick-{n}.md", f"Quick note {n}\n")
        worker.sync_paths([f"quick-{n}.md"])
    worker.sync()  # nothing changed, but saves were just made: not now
    assert not tidied and len(kb.small_segments()) >= 3
    worker.last_change -= 60  # a minute without saves
    worker.sync()
    assert tidied and len(kb.small_segments()) <= 1
