"""Edit → Preferences: the dialog shows the preferences, and what is changed there is
saved and applied at once (theme, text size, recording, learning, the sync interval)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from kb_app.gui import preferences_dialog, theme
from kb_app.gui.preferences import load_preferences
from kb_app.gui.preferences_dialog import Choice, PreferencesDialog
from kb_app.settings import Preferences
from tests.test_gui import window  # noqa: F401 - the agent window fixture


def test_the_dialog_shows_the_preferences_and_gives_back_what_was_changed(
        qtbot, tmp_path: Path) -> None:
    prefs = Preferences(theme="dark", font_size=14, author="Nusrat Jahan", agent="Rumi",
                        record_searches=False, interface_language="bn",
                        team_sync_seconds=120)
    dialog = PreferencesDialog(prefs, tmp_path, "https://git.example.com/kb.git")
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "bn" and dialog.theme.currentData() == "dark"
    assert (dialog.font_size.value(), dialog.sync.value()) == (14, 120)
    assert (dialog.author.text(), dialog.agent.text()) == ("Nusrat Jahan", "Rumi")
    assert not dialog.record.isChecked() and dialog.learn.isChecked()
    assert dialog.choice() == Choice(prefs)  # nothing changed, the same folder
    dialog.language.setCurrentIndex(dialog.language.findData("system"))
    dialog.font_size.setValue(16)
    dialog.author.setText("  Tanvir Hasan ")
    dialog.folder.setText(str(tmp_path / "other"))
    chosen = dialog.choice()
    assert chosen.preferences == replace(prefs, interface_language="system", font_size=16,
                                         author="Tanvir Hasan")
    assert chosen.folder == tmp_path / "other"


def test_what_is_chosen_is_saved_and_applied_at_once(qtbot, window) -> None:  # noqa: F811
    before = window.prefs.values
    after = replace(before, theme="dark", font_size=15, record_searches=False,
                    learn_from_team=False, team_sync_seconds=300, agent="Rumi")
    shown = preferences_dialog.apply(window, Choice(after))
    assert shown is window  # the same language and folder: the same window
    assert load_preferences(QSettings(window.settings.fileName(),
                                      QSettings.Format.IniFormat)) == after
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.palette().color(QPalette.ColorRole.Window) == theme.dark_palette().color(
        QPalette.ColorRole.Window)
    assert window.list.font().pointSize() == 15
    assert not window.recording_action.isChecked() and not window.learning_action.isChecked()
    assert window.team.timer.interval() == 300_000
    preferences_dialog.apply(window, Choice(replace(after, theme="light")))
