"""Light and dark palettes, following the system's choice unless the agent picks one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SYSTEM, LIGHT, DARK = "system", "light", "dark"
MODES = (SYSTEM, LIGHT, DARK)


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    p = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a", QPalette.ColorRole.AlternateBase: "#26272b",
        QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#2d2e31",
        QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.Highlight: "#3d6cb5",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6", QPalette.ColorRole.ToolTipBase: "#2d2e31",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    return p


def _app() -> QApplication | None:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else None


def palette_is_dark() -> bool:
    """Whether the application's current palette is a dark one (for windows opened later)."""
    app = _app()
    return app is not None and app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def apply(mode: str) -> bool:
    """Apply a theme to the application; returns whether it is dark."""
    app = _app()
    dark = mode == DARK or (mode == SYSTEM and system_is_dark())
    if app is not None:
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if dark else app.style().standardPalette())
    return dark
