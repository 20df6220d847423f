"""While the index is being built, the window says so from the first second, and a search
that finds nothing says "still indexing" rather than "0 results"."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from kb_app.gui.app import create_window
from kb_app.gui.workers import IndexWorker
from tests.test_gui import _forget_unsaved, _no_unexpected_dialogs, titles


def status_text(win) -> str:
    """Everything the status bar shows: its message and the labels beside it."""
    bar = win.statusBar()
    labels = [w.text() for w in bar.findChildren(QLabel) if w.isVisible() and w.text()]
    return " · ".join([bar.currentMessage(), *labels])


@pytest.fixture
def slow_build(monkeypatch):
    """Every sync builds in the "child process", which here says nothing until released
    (the real child prints nothing until its first batch of 2,000 is in, ~12 s)."""
    release = threading.Event()
    monkeypatch.setattr(IndexWorker.__init__, "__defaults__", (1,))  # child from 1 file
    monkeypatch.setattr(IndexWorker, "_build_in_child", lambda self: release.wait(60))
    yield release
    release.set()


@pytest.fixture
def building_window(qtbot, kb_dir: Path, tmp_path: Path, monkeypatch, slow_build):
    _no_unexpected_dialogs(monkeypatch)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = create_window(kb_dir, tmp_path / "index", settings)
    qtbot.addWidget(win, before_close_func=_forget_unsaved)
    win.show()
    yield win
    slow_build.set()


def test_indexing_is_shown_at_once_and_searches_say_so(qtbot, building_window,
                                                       slow_build) -> None:
    win = building_window
    qtbot.waitUntil(lambda: "Indexing 0 of 7" in status_text(win), timeout=10_000)
    assert win.progress.isVisible()
    qtbot.keyClicks(win.box, "refund")
    qtbot.waitUntil(lambda: "No results yet: still indexing (0 of 7)" in status_text(win),
                    timeout=10_000)
    assert "0 result(s)" not in status_text(win) and titles(win) == []
    slow_build.set()  # the build goes on and finishes
    qtbot.waitUntil(lambda: win.last_sync is not None, timeout=30_000)
    qtbot.waitUntil(lambda: titles(win)[:1] == ["How refunds work"], timeout=10_000)
    assert "still indexing" not in status_text(win) and not win.progress.isVisible()
    assert "Indexing" not in status_text(win)
    qtbot.keyClick(win.box, Qt.Key.Key_Escape)
