"""Text size and theme (preferences: `kb_app.settings.Preferences`), and the window's own
state (geometry, splitter, filters: QSettings keys of its own), restored when it opens and
kept when it closes."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QObject
from PySide6.QtGui import QAction, QFont

from kb_app.gui import theme
from kb_app.settings import FONT_SIZES

if TYPE_CHECKING:
    from kb_app.gui.main_window import MainWindow

ALL = "All"  # a filter's "every product / language", as kept in the settings
SIZE = (1200, 760)
SPLIT = [430, 770]


class Appearance(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.theme_actions: dict[str, QAction] = {}

    @property
    def window(self) -> MainWindow:
        """The window this part belongs to (its Qt parent: no reference cycle to leave
        for Python's garbage collector, which may run on any thread)."""
        return cast("MainWindow", self.parent())

    def zoom(self, step: int) -> None:
        prefs = self.window.prefs
        smallest, largest = FONT_SIZES
        prefs.values.font_size = max(smallest, min(largest, prefs.values.font_size + step))
        prefs.save()
        self.apply_font(prefs.values.font_size)

    def apply_font(self, size: int) -> None:
        window = self.window
        font = QFont(window.font())
        font.setPointSize(size)
        for widget in (window.list, window.pane.browser, window.box):
            widget.setFont(font)
        window.model.layoutChanged.emit()

    def set_theme(self, mode: str) -> None:
        window = self.window
        window.prefs.values.theme = mode
        window.prefs.save()
        dark = theme.apply(mode)
        for name, action in self.theme_actions.items():
            action.setChecked(name == mode)
        window.pane.set_palette_style(dark)
        window.model.layoutChanged.emit()  # rows are laid out with the theme's colours

    def restore(self) -> None:
        window, settings = self.window, self.window.settings
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        else:
            window.resize(*SIZE)
        splitter = settings.value("splitter")
        if isinstance(splitter, QByteArray):
            window.splitter.restoreState(splitter)
        else:
            window.splitter.setSizes(SPLIT)
        for key, combo in (("product", window.product), ("language", window.language)):
            found = combo.findData(str(settings.value(key, ALL)))
            combo.setCurrentIndex(max(found, 0))
        self.apply_font(window.prefs.values.font_size)
        self.set_theme(window.prefs.values.theme)

    def keep(self) -> None:
        window, settings = self.window, self.window.settings
        settings.setValue("geometry", window.saveGeometry())
        settings.setValue("splitter", window.splitter.saveState())
        for key, combo in (("product", window.product), ("language", window.language)):
            settings.setValue(key, str(combo.currentData() or ALL))


__all__ = ["ALL", "Appearance"]
