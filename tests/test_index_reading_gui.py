"""In the window, after an upgrade that outdates the index: the index owner rebuilds it
once, on the task runner's writer thread, while searches go on answering from the old
index."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings

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
    rebuilds: list[str] = []  # the name of the thread each rebuild ran on
    original = KnowledgeIndex._rebuild_locked

    def rebuild(self, *args, **kwargs):
        rebuilds.append(threading.current_thread().name)
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
        found: list[list] = []
        win.staff.find_articles("warranty", found.append)  # the link picker's search
        qtbot.waitUntil(lambda: bool(found), timeout=10_000)
        assert found[0]
        win.indexing.refresh()  # the reader reopens nothing: same generation
        type_query(qtbot, win, "warranty")
        assert "Warranty policy" in titles(win)
        assert kb.generation_dir() == old and generations(kb) == {old.name}
        assert len(rebuilds) == 1
    finally:
        hold.set()
    qtbot.waitUntil(lambda: win.indexing.last_sync is not None, timeout=30_000)
    assert win.indexing.last_sync.rebuilt
    new = kb.generation_dir()
    assert new != old and generations(kb) == {new.name}
    type_query(qtbot, win, "warranty")
    assert "Warranty policy" in titles(win) and not win.response.outdated
    assert rebuilds == ["write"]  # the index owner's thread, not the UI's
    win.close()
