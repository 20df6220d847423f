"""Accessibility: every focusable widget of every window and dialog has a name a screen
reader can say; the agent's window is usable from the keyboard alone; text and badges
read at WCAG AA contrast (4.5:1) in the light and the dark theme."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from kb_app.gui import article_pane, editor_dialogs, results, team_dialogs, theme
from kb_app.gui.first_start import FirstStart
from kb_app.gui.preferences_dialog import PreferencesDialog
from kb_app.render import HIT_COLOUR
from kb_app.settings import Preferences
from tests.test_editor import open_existing
from tests.test_gui import type_query, window  # noqa: F401 - the agent window fixture
from tests.test_gui_health import opened_health

AA = 4.5


# -- names -------------------------------------------------------------------------------

def spoken_name(widget: QWidget) -> str:
    """What a screen reader says for the widget: its accessible name, else the name its
    accessibility interface gives (a button's text, a label buddy's text)."""
    if widget.accessibleName().strip():
        return widget.accessibleName()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed(root: QWidget) -> list[str]:
    """The visible focusable widgets under `root` (every page of its tab widgets) that a
    screen reader could not name."""
    missing: set[str] = set()
    tabs = [root] if isinstance(root, QTabWidget) else []
    tabs += root.findChildren(QTabWidget)
    pages = [(t, i) for t in tabs for i in range(t.count())] or [(None, 0)]
    for tab, index in pages:
        if tab is not None:
            tab.setCurrentIndex(index)
        for widget in [root, *root.findChildren(QWidget)]:
            if (widget.focusPolicy() == Qt.FocusPolicy.NoFocus
                    or not widget.isVisibleTo(root) and widget is not root):
                continue
            if not spoken_name(widget):
                missing.add(f"{type(widget).__name__} {widget.objectName()!r} in "
                            f"{type(widget.parentWidget()).__name__}")
    return sorted(missing)


def test_the_agent_window_names_every_focusable_widget(qtbot, window) -> None:  # noqa: F811
    type_query(qtbot, window, "refund")  # results, and an article in the pane
    qtbot.waitUntil(lambda: window.pane.article is not None, timeout=5000)
    assert unnamed(window) == []
    assert window.box.accessibleDescription()  # what the box does is said, too


def test_the_editor_names_every_focusable_widget(qtbot, window) -> None:  # noqa: F811
    editor = open_existing(qtbot, window, "refund")
    assert unnamed(editor) == []
    assert editor.inputs["summary"].accessibleDescription()  # not obvious from "Quick answer"


def test_the_health_window_names_every_focusable_widget(qtbot, window) -> None:  # noqa: F811
    health = opened_health(qtbot, window)
    assert unnamed(health) == []


def test_the_first_start_dialog_names_every_focusable_widget(qtbot, window) -> None:  # noqa: F811
    dialog = FirstStart(window.tasks, parent=window)
    qtbot.addWidget(dialog)
    assert unnamed(dialog) == []
    dialog.pages.setCurrentIndex(1)  # joining a team, with the token asked
    dialog.token.show()
    dialog.token_label.show()
    assert unnamed(dialog) == []


def test_the_preferences_dialog_names_every_focusable_widget(qtbot, tmp_path) -> None:
    dialog = PreferencesDialog(Preferences(), tmp_path, "")
    qtbot.addWidget(dialog)
    assert unnamed(dialog) == []
    assert dialog.language.accessibleName() and dialog.language.accessibleDescription()


def test_the_editor_s_dialogs_name_every_focusable_widget(qtbot, window) -> None:  # noqa: F811
    conflict = editor_dialogs.ConflictDialog("mine\n", "theirs\n")
    picker = editor_dialogs.LinkPicker(lambda text, show: show([]))
    editor = open_existing(qtbot, window, "refund")
    history = editor_dialogs.HistoryDialog(editor.kb, editor.tasks, editor.path or "")
    for dialog in (conflict, picker, history):
        qtbot.addWidget(dialog)
        assert unnamed(dialog) == [], type(dialog).__name__


def looked_at(opening: Callable[[], object]) -> list[str]:
    """Open a dialog that runs its own event loop, check it once it is on screen, then
    cancel it."""
    found: list[list[str]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        found.append(unnamed(dialog))
        dialog.reject()

    QTimer.singleShot(0, look)
    opening()
    return found[0]


@pytest.mark.parametrize("ask", [
    lambda: team_dialogs.ask_remote(None, "", "agent"),
    lambda: team_dialogs.ask_sign_in(None, "https://git.example.com/kb.git", "rumi"),
    lambda: team_dialogs.ask_join(None),
], ids=["remote", "sign-in", "join"])
def test_the_team_dialogs_name_every_focusable_widget(qtbot, ask) -> None:
    assert looked_at(ask) == []


# -- the keyboard alone ------------------------------------------------------------------

def focus_path(qtbot, window, key: Qt.Key, presses: int = 40) -> list[QWidget]:  # noqa: F811
    """Where focus goes, press by press, from the search box."""
    window.box.setFocus()
    qtbot.waitUntil(window.box.hasFocus, timeout=2000)
    path = []
    for _ in range(presses):
        focused = QApplication.focusWidget()
        qtbot.keyClick(focused, key)
        path.append(QApplication.focusWidget())
        if path[-1] is window.box:
            break
    return path


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Backtab])
def test_tab_reaches_the_results_the_pane_and_its_buttons_and_comes_back(
        qtbot, window, key) -> None:  # noqa: F811
    type_query(qtbot, window, "refund")
    qtbot.waitUntil(lambda: window.pane.article is not None and window.pane.pin.isEnabled(),
                    timeout=5000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    path = focus_path(qtbot, window, key)
    pane = window.pane
    for wanted in (window.list, pane.browser, pane.copy_answer, pane.pin,
                   *pane.flags.values()):
        assert wanted in path, f"{wanted.objectName()} is not reached by {key.name}"
    assert path[-1] is window.box  # and round again to the box
    # In the order they are on screen: the list, the pane's buttons above its article.
    forward = [window.box, window.product, window.language, window.list, pane.copy_answer,
               pane.pin, *pane.flags.values(), pane.browser]
    order = [w for w in [window.box, *path[:-1]] if w in forward]
    assert order == (forward if key == Qt.Key.Key_Tab else [window.box, *forward[:0:-1]])


# -- contrast ----------------------------------------------------------------------------

def luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an opaque colour."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def over(colour: QColor, background: QColor) -> QColor:
    """A colour with transparency as drawn over `background`."""
    a = colour.alphaF()
    return QColor.fromRgbF(*(a * c + (1 - a) * b for c, b in zip(
        (colour.redF(), colour.greenF(), colour.blueF()),
        (background.redF(), background.greenF(), background.blueF()), strict=True)))


def contrast(text: QColor | str, background: QColor | str) -> float:
    back = QColor(background)
    front = over(QColor(text), back)
    light, dark = sorted((luminance(front), luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor(0, 0, 0, 128), "#ffffff") == pytest.approx(
        contrast("#7f7f7f", "#ffffff"), abs=0.05)


R = QPalette.ColorRole
PAIRS = [  # text role, background role: what the windows draw with the palette
    (R.WindowText, R.Window),  # labels, the status bar (the team's status among them)
    (R.Text, R.Base), (R.Text, R.AlternateBase),  # lists, fields, the article
    (R.ButtonText, R.Button),
    (R.HighlightedText, R.Highlight),  # the highlighted result, all of its text
    (R.PlaceholderText, R.Base),  # a result's product and language, a field's hint
    (R.PlaceholderText, R.Window),  # the results' headings drawn over the window
    (R.Link, R.Base),  # "N more updated", the did-you-mean link, links in articles
    (R.ToolTipText, R.ToolTipBase),
]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_palettes_read_at_aa_contrast(qtbot, dark: bool) -> None:
    palette = theme.palette(dark)
    failing = []
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for text, background in PAIRS:
            ratio = contrast(palette.color(group, text), palette.color(group, background))
            if ratio < AA:
                failing.append(f"{group.name} {text.name} on {background.name}: {ratio:.2f}")
    assert failing == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_badges_highlights_and_answers_read_at_aa_contrast(qtbot, dark: bool) -> None:
    palette = theme.palette(dark)
    base = palette.color(QPalette.ColorRole.Base)
    checks = {
        "result badge": contrast(results.BADGE_TEXT, results.BADGE_COLOUR),
        "marked word in a result": contrast(results.MARK_TEXT, results.MARK_COLOUR),
        "marked word in the pane (<mark>)": contrast(theme.MARK_TEXT, HIT_COLOUR),
        "staff's answer to a flag": contrast(theme.ANSWERS_TEXT, theme.ANSWERS),
        "a field's error": contrast(theme.ERROR[dark],
                                    palette.color(QPalette.ColorRole.Window)),
        "a result's meta line": contrast(palette.color(QPalette.ColorRole.PlaceholderText),
                                         base),
        "the team status": contrast(palette.color(QPalette.ColorRole.WindowText),
                                    palette.color(QPalette.ColorRole.Window)),
    }
    for name, (text, background) in article_pane.box_text_colours(dark).items():
        checks[f"the pane's {name}"] = contrast(text, background)
    failing = {name: round(ratio, 2) for name, ratio in checks.items() if ratio < AA}
    assert failing == {}


def test_the_theme_in_use_is_the_tested_one(qtbot, window) -> None:  # noqa: F811
    """The window draws with the palettes tested above (light first, then dark)."""
    for mode, dark in ((theme.LIGHT, False), (theme.DARK, True)):
        window.appearance.set_theme(mode)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        shown = app.palette().color(QPalette.ColorRole.Highlight)
        assert shown == theme.palette(dark).color(QPalette.ColorRole.Highlight)
    window.appearance.set_theme(theme.LIGHT)
