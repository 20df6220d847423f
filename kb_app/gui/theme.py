"""Light and dark palettes, following the system's choice unless the agent picks one.

Every pair of text and background colours the windows draw -- the palette's roles, the
result badges, the highlights, the flag answers, the error lines -- reads at WCAG AA
contrast (4.5:1 or more) in both themes; tests/test_accessibility.py computes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

SYSTEM, LIGHT, DARK = "system", "light", "dark"
MODES = (SYSTEM, LIGHT, DARK)

BADGE, BADGE_TEXT = "#9a5b00", "#ffffff"  # a result's badges (5.4:1)
MARK, MARK_TEXT = "#ffe066", "#000000"  # the words searched for, in results and the pane
ANSWERS, ANSWERS_TEXT = "#e8f0fe", "#0b3d91"  # staff's answers to this desk's flags (8.8:1)
ERROR = {False: "#b3261e", True: "#f28b82"}  # a field's error line, light / dark theme
# Fusion's light palette, made readable: its selection blue (#308cc6) under white text is
# 3.7:1 and its placeholder grey (half-transparent black) 4.0:1.
LIGHT_FIXES = {QPalette.ColorRole.Highlight: "#1a5fb4",
               QPalette.ColorRole.PlaceholderText: "#5f6368"}


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


def light_palette() -> QPalette:
    """Fusion's standard light palette with LIGHT_FIXES, in the active and inactive
    groups (a disabled control is exempt from contrast rules, and keeps Fusion's)."""
    style = QStyleFactory.create("Fusion")
    p = QPalette(style.standardPalette())
    for role, colour in LIGHT_FIXES.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            p.setColor(group, role, QColor(colour))
    return p


def palette(dark: bool) -> QPalette:
    return dark_palette() if dark else light_palette()


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
        app.setPalette(palette(dark))
    return dark
