"""Preferences through QSettings: what the window stored before reads back typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from kb_app.gui import theme
from kb_app.gui.preferences import QtStore, load_preferences, save_preferences
from kb_app.settings import THEMES, Preferences


def ini(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_values_the_window_wrote_read_back_typed(tmp_path: Path) -> None:
    settings = ini(tmp_path / "s.ini")
    settings.setValue("font_size", 13)  # as main_window writes it today: an int
    settings.setValue("theme", "dark")
    settings.setValue("author", "Rahman, Nusrat")
    settings.setValue("geometry", QByteArray(b"\x01\x02"))
    settings.sync()
    prefs = load_preferences(ini(tmp_path / "s.ini"))  # as after a restart
    assert (prefs.font_size, prefs.theme, prefs.author) == (13, "dark", "Rahman, Nusrat")


def test_saved_preferences_survive_a_restart_and_window_state_is_untouched(
        tmp_path: Path) -> None:
    settings = ini(tmp_path / "s.ini")
    settings.setValue("geometry", QByteArray(b"\x01\x02"))
    save_preferences(Preferences(record_searches=False, font_size=16), settings)
    settings.sync()
    again = ini(tmp_path / "s.ini")
    assert load_preferences(again) == Preferences(record_searches=False, font_size=16)
    assert again.value("geometry") == QByteArray(b"\x01\x02")
    assert sorted(again.allKeys()) == ["font_size", "geometry", "record_searches"]


def test_a_hand_edited_value_with_commas_or_garbage_is_read_safely(tmp_path: Path) -> None:
    (tmp_path / "s.ini").write_text("[General]\nagent=Rumi, desk 4\nfont_size=big\n")
    store = QtStore(ini(tmp_path / "s.ini"))
    assert store.get("agent") == "Rumi, desk 4" and store.get("missing") is None
    prefs = load_preferences(ini(tmp_path / "s.ini"))
    assert prefs.agent == "Rumi, desk 4" and prefs.font_size == Preferences().font_size


def test_the_themes_are_the_window_s() -> None:
    assert THEMES == theme.MODES and Preferences().theme == theme.SYSTEM
