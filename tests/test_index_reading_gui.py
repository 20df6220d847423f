"""In the window, after an upgrade that outdates the index: the index worker rebuilds it
once, on its own thread, while searches go on answering from the old index."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings, QThread

from kb_app.gui.app import create_window
from kb_app.index import KnowledgeIndex
from tests.test_gui import _forget_unsaved, _no_unexpected_dialogs, titles, type_query
from tests.test_index_reading import bump_schema, generations


def test_a_schema_bump_is_rebuilt_once_by_the_index_worker_while_searches_answer(
        qtbot, kb_dir: Path, tmp_path: Path, monkeypatch) -> None:
    _no_unexpected_dialogs(monkeypatch)
    kb = KnowledgeIndex(tmp_path / "index", kb_dir)
    kb.sync(workers=1)  # built by the previous version
    old = kb.generation_dir()
    bump_schema(monkeypatch)
    hold = threading.Event()
    rebuilds: list[tuple[str, str]] = []  # (Python's thread name, Qt's thread name)
    original = KnowledgeIndex._rebuild_locked

    def rebuild(self, *args, **kwargs):
        rebuilds.append((threading.current_thread().name, QThread.currentThread().objectName()))
        assert hold.wait(30)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(KnowledgeIndex, "_rebuild_locked", rebuild)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = create_window(kb_dir, tmp_path / "index", settings)
    qtbot.addWidget(win, before_close_func=_forget_unsaved)
    win.show()
    try:
        qtbot.waitUntil(lambda: bool(rebuilds), timeout=20_000)  # the first sync's rebuild
        type_query(qtbot, win, "refund")
        assert titles(win)[0] == "How refunds work" and win.response.outdated
        assert win.find_articles("warranty")  # the editors' searcher, on the UI thread
        win.refresh()  # the search thread reopens nothing: same generation
        type_query(qtbot, win, "warranty")
        assert "Warranty policy" in titles(win)
        assert kb.generation_dir() == old and generations(kb) == {old.name}
        assert len(rebuilds) == 1
    finally:
        hold.set()
    qtbot.waitUntil(lambda: win.last_sync is not None, timeout=30_000)
    assert win.last_sync.rebuilt
    new = kb.generation_dir()
    assert new != old and generations(kb) == {new.name}
    type_query(qtbot, win, "warranty")
    assert "Warranty policy" in titles(win) and not win.response.outdated
    main = threading.main_thread().name
    assert rebuilds == [(rebuilds[0][0], "index")] and rebuilds[0][0] != main
    win.close()
