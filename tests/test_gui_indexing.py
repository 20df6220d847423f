"""While the index is being built, the window says so from the first second, and a search
that finds nothing says "still indexing" rather than "0 results"."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from kb_app.gui.app import create_window
from kb_app.gui.indexing import IndexKeeper
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
    monkeypatch.setattr(IndexKeeper.__init__, "__defaults__", (1,))  # child from 1 file
    monkeypatch.setattr(IndexKeeper, "_build_in_child",
                        lambda self, progress: release.wait(60))
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
    assert "still indexing" in win.pane.browser.toPlainText()
    slow_build.set()  # the build goes on and finishes
    qtbot.waitUntil(lambda: win.indexing.last_sync is not None, timeout=30_000)
    qtbot.waitUntil(lambda: titles(win)[:1] == ["How refunds work"], timeout=10_000)
    assert "still indexing" not in status_text(win) and not win.progress.isVisible()
    assert "Indexing" not in status_text(win)
    qtbot.keyClick(win.box, Qt.Key.Key_Escape)


def test_a_first_build_seen_half_way_does_not_make_the_rest_news(
        qtbot, kb_dir: Path, tmp_path: Path, monkeypatch) -> None:
    """A new desk takes the whole folder as seen once it is indexed: not the part indexed
    when the first survey came, which would list every other article as "updated"."""
    _no_unexpected_dialogs(monkeypatch)
    later = ["general/warranty.md", "bn/warranty.md", "router/setup.md"]

    def half_then_rest(self, progress) -> None:
        for rel in later:  # the first batch is in, the rest is not
            (kb_dir / rel).rename(kb_dir / f"{rel}.later")
        self.kb.sync(workers=1)
        progress(4, 7)
        deadline = time.monotonic() + 10  # (this is the writer thread: no qtbot here)
        while not win.home.versions and time.monotonic() < deadline:  # surveyed half-way
            time.sleep(0.01)
        for rel in later:
            (kb_dir / f"{rel}.later").rename(kb_dir / rel)

    monkeypatch.setattr(IndexKeeper.__init__, "__defaults__", (1,))
    monkeypatch.setattr(IndexKeeper, "_build_in_child", half_then_rest)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = create_window(kb_dir, tmp_path / "index", settings)
    qtbot.addWidget(win, before_close_func=_forget_unsaved)
    win.show()
    qtbot.waitUntil(lambda: len(win.home.versions) == 7, timeout=30_000)
    qtbot.wait(200)
    assert win.home.changed_ids == set() and not win.home.button.isVisible()
