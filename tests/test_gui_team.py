"""The window's team side: the status bar, F6, the background sync, what a sync changed
shown as "updated since you last looked", an editor's saves published, the conflict flow
after a sync, and a remote that cannot be reached."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from kb_app.gui import editor_dialogs
from kb_app.gui.app import create_window
from kb_app.team import credentials as credentials_module
from tests.gitserver import GitServer, bare
from tests.teamkit import MemoryKeyring, credentials, join, publish, write_articles
from tests.test_editor import saves, track
from tests.test_gui import _no_unexpected_dialogs, type_query

REFUND = "general/refund.md"
WAIT = 20_000


@pytest.fixture(autouse=True)
def _keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(credentials_module.keyring, "get_keyring", MemoryKeyring)


@pytest.fixture
def served(tmp_path: Path):
    bare(tmp_path / "server")
    with GitServer(tmp_path / "server") as server:
        url = server.url("team.git")
        yield server, url, publish(url, tmp_path)


def open_window(qtbot, folder: Path, tmp_path: Path, monkeypatch, name: str):
    _no_unexpected_dialogs(monkeypatch)
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    win = create_window(folder, tmp_path / f"window-index-{name}", settings)
    win.prefs.values.author = f"Editor {name}"
    qtbot.addWidget(win, before_close_func=lambda w: [setattr(e, "dirty", False)
                                                      for e in w.staff.editors])
    win.show()
    qtbot.waitUntil(lambda: win.indexing.last_sync is not None, timeout=WAIT)
    return win


def status_of(win) -> str:
    return win.team.label.text()


def synced(qtbot, win) -> None:
    qtbot.waitUntil(lambda: status_of(win).startswith("Team: synced")
                    and not win.team.syncing, timeout=WAIT)


def f6(qtbot, win) -> None:
    with qtbot.waitSignal(win.team.shown, timeout=WAIT,
                          check_params_cb=lambda text: "syncing" not in text
                          and not text.endswith("%…")):
        win.team.actions["Sync with the team now"].trigger()


def test_an_agent_window_syncs_shows_what_changed_and_keeps_searching_offline(
        qtbot, served, tmp_path: Path, monkeypatch) -> None:
    server, url, seed = served
    desk = join(url, tmp_path, "agent")
    win = open_window(qtbot, desk.folder, tmp_path, monkeypatch, "agent")
    synced(qtbot, win)  # synced at start
    assert win.team.label.isVisible() and "up to date" in status_of(win)
    assert win.team.timer.isActive() and win.team.timer.interval() == 60_000
    assert url in win.team.label.toolTip() and "follows the team" in win.team.label.toolTip()
    seed.edit_body("router/setup.md", "ten seconds", "ten seconds until it glows amber")
    seed.sync()
    f6(qtbot, win)
    assert status_of(win).startswith("Team: synced") and "up to date" in status_of(win)
    qtbot.waitUntil(lambda: win.home.button.text() == "1 updated since you last looked",
                    timeout=WAIT)
    type_query(qtbot, win, "amber")
    assert win.response is not None and [h.path for h in win.response.results] == [
        "router/setup.md"]
    server.__exit__()  # the remote goes away
    f6(qtbot, win)
    assert status_of(win).startswith("Team remote unreachable · searching this desk's copy")
    assert "cannot be reached" in win.team.label.toolTip()
    type_query(qtbot, win, "reset button")
    assert [h.path for h in win.response.results] == ["router/setup.md"]


def test_an_editor_window_publishes_each_saved_revision(qtbot, served, tmp_path: Path,
                                                        monkeypatch) -> None:
    _, url, seed = served
    desk = join(url, tmp_path, "editor", role="editor")
    win = open_window(qtbot, desk.folder, tmp_path, monkeypatch, "editor")
    synced(qtbot, win)
    before = len(win.staff.editors)
    win.staff.open_editor(REFUND)
    qtbot.waitUntil(lambda: len(win.staff.editors) > before, timeout=WAIT)
    editor = track(qtbot, win.staff.editors[-1])
    editor.body.setPlainText(editor.body.toPlainText().replace("Line one", "Line one, "
                                                               "published from the window"))
    assert saves(qtbot, editor)
    qtbot.waitUntil(lambda: win.team.status.ahead == 0 and not win.team.syncing
                    and "published from the window" in _remote_text(seed), timeout=WAIT)


def _remote_text(seed) -> str:
    seed.sync()
    return seed.text(REFUND)


def test_a_sync_conflict_goes_through_the_editors_conflict_flow(
        qtbot, served, tmp_path: Path, monkeypatch) -> None:
    _, url, seed = served
    desk = join(url, tmp_path, "editor", role="editor")
    desk.edit_body(REFUND, "cards take seven days", "cards take ten days")
    seed.edit_body(REFUND, "cards take seven days", "cards take five days")
    seed.sync()
    asked: list[tuple[str, str]] = []

    def ask(mine: str, theirs: str | None, parent=None) -> str:
        asked.append((mine, theirs or ""))
        return editor_dialogs.MERGE

    monkeypatch.setattr(editor_dialogs.ConflictDialog, "ask", staticmethod(ask))
    win = open_window(qtbot, desk.folder, tmp_path, monkeypatch, "editor")
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: bool(win.staff.editors), timeout=WAIT)  # offered, merged, open
    mine, theirs = asked[0]
    assert "ten days" in mine and "five days" in theirs
    editor = track(qtbot, win.staff.editors[-1])
    body = editor.body.toPlainText()
    assert "<<<<<<< mine" in body and "ten days" in body and "five days" in body
    editor.body.setPlainText(body.replace("<<<<<<< mine\n", "").replace("=======\n", "")
                             .replace(">>>>>>> theirs\n", ""))
    assert saves(qtbot, editor)
    qtbot.waitUntil(lambda: not win.kb.team.conflicts() and win.team.status.conflicts == 0
                    and win.team.status.ahead == 0 and not win.team.syncing, timeout=WAIT)
    text = _remote_text(seed)
    assert "ten days" in text and "five days" in text  # both texts kept, for everyone


def test_a_folder_that_is_not_shared_shows_nothing_and_f6_asks(qtbot, kb_dir: Path,
                                                               tmp_path: Path,
                                                               monkeypatch) -> None:
    win = open_window(qtbot, kb_dir, tmp_path, monkeypatch, "alone")
    qtbot.wait(200)
    assert not win.team.label.isVisible() and not win.team.timer.isActive()
    asked: list[bool] = []
    monkeypatch.setattr("kb_app.gui.team.ask_remote",
                        lambda *args: asked.append(True))  # cancelled
    win.team.actions["Sync with the team now"].trigger()
    assert asked == [True]


def test_join_a_team_clones_and_opens_the_copy(qtbot, served, tmp_path: Path,
                                               monkeypatch) -> None:
    from kb_app.gui.team_dialogs import Joining

    _, url, _ = served
    write_articles(tmp_path / "start", {"a.md": "# Before joining\n"})
    win = open_window(qtbot, tmp_path / "start", tmp_path, monkeypatch, "first")
    win.kb.team.credentials = credentials()
    target = tmp_path / "joined"
    monkeypatch.setattr("kb_app.gui.team.ask_join",
                        lambda parent: Joining(url, "agent", target))
    win.team.actions["Join a team (copy its articles into a new folder)"].trigger()
    qtbot.waitUntil(lambda: win.staff.successor is not None, timeout=WAIT)
    joined = win.staff.successor
    qtbot.addWidget(joined)
    assert joined.kb.articles_dir == target.resolve()
    assert joined.prefs.values.articles_folder == str(target.resolve())  # remembered
    qtbot.waitUntil(lambda: status_of(joined).startswith("Team: synced"), timeout=WAIT)
    type_query(qtbot, joined, "reset button")
    assert [h.path for h in joined.response.results] == ["router/setup.md"]
