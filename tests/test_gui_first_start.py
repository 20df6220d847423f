"""The first start asks where the knowledge base is, over the window open on the sample:
keep the sample, open a folder, or join the team (copied with progress, signing in when
the remote asks); the answer is remembered and the next plain start opens it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPushButton

from kb_app import config
from kb_app.gui.app import create_window, start_window
from kb_app.gui.first_start import FirstStart, offer_first_start
from kb_app.team import credentials as credentials_module
from tests.gitserver import Faults, GitServer, bare
from tests.teamkit import MemoryKeyring, publish, write_articles
from tests.test_gui import _no_unexpected_dialogs, type_query

WAIT = 20_000


@pytest.fixture
def keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    memory = MemoryKeyring()
    monkeypatch.setattr(credentials_module.keyring, "get_keyring", lambda: memory)
    return memory


def settings_at(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "gyan.ini"), QSettings.Format.IniFormat)


def sample_window(qtbot, tmp_path: Path, monkeypatch, settings: QSettings):
    _no_unexpected_dialogs(monkeypatch)
    win = create_window(config.bundled_articles_dir(), tmp_path / "sample-index", settings)
    qtbot.addWidget(win)
    win.show()
    return win


def answering(qtbot, steps: Callable[[FirstStart], None]) -> None:
    """Answer the first-start dialog the way a user does, once it is on screen."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FirstStart):
            QTimer.singleShot(20, answer)
            return
        steps(dialog)
    QTimer.singleShot(0, answer)


def click(dialog: FirstStart, name: str) -> None:
    dialog.findChild(QPushButton, name).click()


def test_keeping_the_sample_is_remembered_and_not_asked_again(qtbot, tmp_path: Path,
                                                               monkeypatch) -> None:
    settings = settings_at(tmp_path)
    win = sample_window(qtbot, tmp_path, monkeypatch, settings)
    answering(qtbot, lambda dialog: click(dialog, "sample"))
    offer_first_start(win)
    assert win.staff.successor is None and win.prefs.values.started_before
    settings.sync()
    assert "started_before" in settings.allKeys()
    offer_first_start(win)  # asked once: this returns without a dialog
    again = start_window(argparse.Namespace(articles=None, index=tmp_path / "i2"), settings)
    qtbot.addWidget(again)
    assert again.kb.articles_dir == config.bundled_articles_dir().resolve()


def test_closing_the_question_asks_again_next_time(qtbot, tmp_path: Path, monkeypatch) -> None:
    win = sample_window(qtbot, tmp_path, monkeypatch, settings_at(tmp_path))
    answering(qtbot, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    offer_first_start(win)
    assert not win.prefs.values.started_before and win.staff.successor is None


def test_a_folder_on_this_desk_opens_and_is_remembered(qtbot, tmp_path: Path,
                                                       monkeypatch) -> None:
    mine = tmp_path / "our-articles"
    write_articles(mine, {"warranty.md": "---\ntitle: Warranty terms\n---\nTwo years.\n"})
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args: str(mine)))
    settings = settings_at(tmp_path)
    win = sample_window(qtbot, tmp_path, monkeypatch, settings)
    answering(qtbot, lambda dialog: click(dialog, "folder"))
    offer_first_start(win)
    opened = win.staff.successor
    qtbot.addWidget(opened)
    assert opened.kb.articles_dir == mine.resolve()
    qtbot.waitUntil(lambda: opened.indexing.last_sync is not None, timeout=WAIT)
    type_query(qtbot, opened, "warranty")
    assert [h.path for h in opened.response.results] == ["warranty.md"]
    again = start_window(argparse.Namespace(articles=None, index=tmp_path / "i3"), settings)
    qtbot.addWidget(again)
    assert again.kb.articles_dir == mine.resolve()


def test_joining_the_team_signs_in_copies_with_progress_and_opens_it(
        qtbot, tmp_path: Path, monkeypatch, keyring: MemoryKeyring) -> None:
    bare(tmp_path / "server")
    with GitServer(tmp_path / "server") as server:
        publish(server.url("team.git"), tmp_path)
    target = tmp_path / "team-copy"
    seen: list[str] = []

    def join(dialog: FirstStart) -> None:
        click(dialog, "team")
        address = dialog.findChild(QLineEdit, "remoteUrl")
        qtbot.keyClicks(address, url)
        dialog.findChild(QLineEdit, "folder").setText(str(target))
        click(dialog, "join")  # the remote wants a sign-in first

        def signed_in() -> None:
            token = dialog.findChild(QLineEdit, "token")
            if not token.isVisible():
                QTimer.singleShot(50, signed_in)
                return
            seen.append(dialog.status.text())
            qtbot.keyClicks(token, "s3cret-token")
            click(dialog, "join")
        QTimer.singleShot(50, signed_in)

    settings = settings_at(tmp_path)
    with GitServer(tmp_path / "server", Faults(token="s3cret-token")) as server:
        url = server.url("team.git")
        win = sample_window(qtbot, tmp_path, monkeypatch, settings)
        answering(qtbot, join)
        offer_first_start(win)
        opened = win.staff.successor
        assert opened is not None
        qtbot.addWidget(opened)
        assert "sign" in seen[0].lower()
        assert opened.kb.articles_dir == target.resolve()
        qtbot.waitUntil(lambda: opened.team.label.text().startswith("Team: synced"),
                        timeout=WAIT)
        type_query(qtbot, opened, "reset button")
        assert [h.path for h in opened.response.results] == ["router/setup.md"]
    settings.sync()
    stored = (tmp_path / "gyan.ini").read_text(encoding="utf-8")
    assert "s3cret-token" not in stored and str(target.resolve()) in stored
    assert "s3cret-token" in keyring.secrets.values()
