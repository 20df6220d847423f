"""In the window: an article the team keeps opening for a search rises, its row says
"often opened for this search", and Search → "Lift what the team keeps opening" turns
it off (remembered) for the plain ranking."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from kb_app.gui.app import create_window
from kb_app.gui.results import badges
from tests.conftest import write
from tests.test_gui import _no_unexpected_dialogs, type_query
from tests.test_learning import ARTICLES, a_month_of_twenty_desks, write_signals


def test_the_window_lifts_what_the_team_opens_and_the_setting_turns_it_off(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    _no_unexpected_dialogs(monkeypatch)
    for rel, text in ARTICLES.items():
        write(tmp_path / "articles", rel, text)
    settings = QSettings(str(tmp_path / "gyan.ini"), QSettings.Format.IniFormat)
    win = create_window(tmp_path / "articles", tmp_path / "index", settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.indexing.last_sync is not None, timeout=20_000)
    write_signals(win.kb.data_dir, a_month_of_twenty_desks())  # as a sync brings them
    win.load_learned()
    qtbot.waitUntil(lambda: bool(win.learned), timeout=10_000)
    type_query(qtbot, win, "router pin")
    top = win.response.results[0]
    assert top.id == "factory-settings" and "often opened for this search" in badges(top)
    action = next(a for a in win.findChildren(type(win.staff_action))
                  if a.text() == "Lift what the team keeps opening")
    assert action.isChecked()
    action.trigger()
    qtbot.waitUntil(lambda: win.response is not None and win.response.results[0].id
                    == "pinhole", timeout=10_000)
    assert not any(h.often_opened for h in win.response.results)
    settings.sync()
    assert settings.value("learn_from_team") in ("false", False)
