"""Editing the bundled sample: it is copied first, the same article opens in the copy, and
the copy is what later starts open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from kb_app import config
from tests.conftest import write
from tests.test_gui import _forget_unsaved, type_query
from tests.test_gui import window as window  # noqa: F401 - the window fixture


@pytest.fixture
def sample(window, monkeypatch, tmp_path: Path):
    """The window's folder plays the bundled sample, with a .git folder and symbolic links
    (out of it and within it) as a checkout of the app would have."""
    root = window.kb.articles_dir
    write(root, ".git/config", "[core]\n")
    outside = tmp_path / "outside"
    write(outside, "secret.md", "---\ntitle: Not in the sample\n---\nPrivate notes.\n")
    os.symlink(outside / "secret.md", root / "secret-link.md")
    os.symlink(outside, root / "linked-folder")
    os.symlink(root / "general/warranty.md", root / "warranty-alias.md")
    monkeypatch.setattr(config, "bundled_articles_dir", lambda: root)
    copy = tmp_path / "Documents" / "Gyan articles"
    monkeypatch.setattr(config, "editable_copy_dir", lambda: copy)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    return copy


def test_edit_copies_the_sample_and_opens_the_same_article_there(qtbot, window, sample):
    type_query(qtbot, window, "warranty")
    qtbot.keyClick(window.box, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.staff.successor is not None, timeout=20_000)  # copied
    successor = window.staff.successor
    qtbot.addWidget(successor, before_close_func=_forget_unsaved)
    assert not window.isVisible() and successor.kb.articles_dir == sample.resolve()
    qtbot.waitUntil(lambda: bool(successor.staff.editors), timeout=20_000)
    editor = successor.staff.editors[-1]
    assert editor.root == sample.resolve() and editor.path == "general/warranty.md"
    assert "Warranty policy" in editor.value("title")
    assert (sample / "general/warranty.md").is_file()
    assert not (sample / ".git").exists()
    assert not (sample / "secret-link.md").exists() and not (sample / "linked-folder").exists()
    assert (sample / "warranty-alias.md").is_file()  # a link within the sample: its text
    assert not (sample / "warranty-alias.md").is_symlink()
    assert window.settings.value(config.ARTICLES_SETTING) == str(sample)


def test_a_plain_start_opens_the_remembered_copy(qtbot, tmp_path: Path, kb_dir) -> None:
    from kb_app.gui.app import parse_args, start_window

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    started = []  # qtbot holds widgets weakly: a window collected with its threads running
    # would take the process down

    def start(*argv: str):
        opened = start_window(parse_args(list(argv)), settings)
        started.append(opened)
        qtbot.addWidget(opened)
        qtbot.waitUntil(lambda: opened.indexing.last_sync is not None, timeout=30_000)
        return opened

    settings.setValue(config.ARTICLES_SETTING, str(kb_dir))
    assert start().kb.articles_dir == kb_dir.resolve()
    other = tmp_path / "other"
    write(other, "a.md", "# A\n")
    assert start("--articles", str(other)).kb.articles_dir == other.resolve()  # this run
    assert settings.value(config.ARTICLES_SETTING) == str(kb_dir)  # ... only
    settings.setValue(config.ARTICLES_SETTING, str(tmp_path / "deleted"))
    fallback = start()
    assert fallback.kb.articles_dir == config.bundled_articles_dir().resolve()
    assert "is not there any more" in fallback.statusBar().currentMessage()
    for started_window in started:
        started_window.close()


def test_a_new_article_asked_for_on_the_sample_is_started_in_the_copy(
        qtbot, window, sample, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("How-to", True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Pair a watch", True))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.staff.successor is not None, timeout=20_000)  # copied
    successor = window.staff.successor
    qtbot.addWidget(successor, before_close_func=_forget_unsaved)
    qtbot.waitUntil(lambda: bool(successor.staff.editors), timeout=20_000)
    editor = successor.staff.editors[-1]
    assert editor.root == sample.resolve() and editor.value("title") == "Pair a watch"
    assert editor.path is None  # new, saved into the copy
