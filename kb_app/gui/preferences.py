"""QSettings as a store of `kb_app.settings.Preferences`.

Preferences are written as text, so they read back the same on every platform's settings
backend (an INI file returns everything as strings, a plist keeps types). Window state
(geometry, splitter, filters: `settings.WINDOW_STATE_KEYS`) stays as the window's own
QSettings keys, written as Qt values.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from kb_app.settings import Preferences


class QtStore:
    """A `kb_app.settings.Store` over QSettings."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def get(self, key: str) -> str | None:
        value = self.settings.value(key)
        if value is None:
            return None
        if isinstance(value, bool):  # a native backend keeps what an older version wrote
            return "true" if value else "false"
        if isinstance(value, list):  # an INI line with commas, edited by hand
            return ", ".join(str(item) for item in value)
        return value if isinstance(value, str) else str(value)

    def set(self, key: str, value: str) -> None:
        self.settings.setValue(key, value)

    def remove(self, key: str) -> None:
        self.settings.remove(key)


class StoredPreferences:
    """The user's preferences as the windows share them: read once, changed in place
    (`values`), written back with `save`. `settings` also holds the window state."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self.values = load_preferences(settings)

    def save(self) -> None:
        save_preferences(self.values, self.settings)


def load_preferences(settings: QSettings) -> Preferences:
    return Preferences.load(QtStore(settings))


def save_preferences(preferences: Preferences, settings: QSettings) -> None:
    preferences.save(QtStore(settings))
