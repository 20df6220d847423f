"""Menus as tables: one QAction per command, with its shortcut, added to its window so
the shortcut works wherever the focus is in that window.

A command's text is English, marked for translation (`QT_TRANSLATE_NOOP` in the "Menus"
context, where pyside6-lupdate finds it); the action shows the translation and is known
by the English name (`Command.name`), so code finds it whatever the interface language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from kb_app.gui import health_view, theme
from kb_app.gui.about import show_about
from kb_app.gui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from kb_app.gui.editor import EditorWindow
    from kb_app.gui.main_window import MainWindow

Keys = str | QKeySequence.StandardKey | None


CONTEXT = "Menus"


@dataclass(frozen=True)
class Command:
    text: str  # English, with & for the menu's mnemonic; shown translated
    keys: Keys
    slot: Callable[..., object]
    checkable: bool = False
    toolbar: bool = False

    @property
    def name(self) -> str:
        """The text as people say it: no mnemonic, no ellipsis."""
        return self.text.replace("&", "").rstrip("…")

    @property
    def shown(self) -> str:
        """The text in the interface language."""
        return translated(self.text)


def translated(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def spoken(text: str) -> str:
    """A translated menu text without its mnemonic: "&Search" -> "Search", "খুঁজুন (&S)"
    -> "খুঁজুন"."""
    shown = translated(text)
    if "(&" in shown:
        shown = shown.split("(&", 1)[0]
    return shown.replace("&", "").rstrip("…").strip()


SEPARATOR = None
Menus = Sequence[tuple[str, Sequence[Command | None]]]


def make_action(window: QMainWindow, command: Command) -> QAction:
    action = QAction(command.shown, window)
    action.setObjectName(command.name)
    name = spoken(command.text)
    if command.keys is not None:
        action.setShortcut(QKeySequence(command.keys))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{name} ({keys})")
    else:
        action.setToolTip(name)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setCheckable(command.checkable)
    action.triggered.connect(command.slot)
    window.addAction(action)
    return action


def install_menus(window: QMainWindow, menus: Menus,
                  toolbar: QToolBar | None = None) -> dict[str, QAction]:
    """Each (menu title, commands) as a menu of the window's menu bar; None is a
    separator. Returns the actions by name."""
    actions: dict[str, QAction] = {}
    for title, commands in menus:
        menu: QMenu = window.menuBar().addMenu(translated(title))
        menu.setObjectName(title.replace("&", ""))
        for command in commands:
            if command is None:
                menu.addSeparator()
                continue
            action = make_action(window, command)
            menu.addAction(action)
            if command.toolbar and toolbar is not None:
                toolbar.addAction(action)
            actions[command.name] = action
    return actions


def agent_menus(window: MainWindow) -> Menus:
    """The agent window's commands."""
    commands, staff, view = window.commands, window.staff, window.appearance

    def flag(kind: str) -> Callable[..., object]:
        return lambda _=False: commands.flag(kind)

    def set_theme(mode: str) -> Callable[..., object]:
        return lambda _=False: view.set_theme(mode)

    flags = [Command(QT_TRANSLATE_NOOP("Menus", "Flag as helpful…"), "Ctrl+1", flag("helpful")),
             Command(QT_TRANSLATE_NOOP("Menus", "Flag as outdated…"), "Ctrl+2",
                     flag("outdated")),
             Command(QT_TRANSLATE_NOOP("Menus", "Flag as wrong…"), "Ctrl+3", flag("wrong"))]
    theme_texts = {theme.SYSTEM: QT_TRANSLATE_NOOP("Menus", "Theme: system"),
                   theme.LIGHT: QT_TRANSLATE_NOOP("Menus", "Theme: light"),
                   theme.DARK: QT_TRANSLATE_NOOP("Menus", "Theme: dark")}
    themes = [Command(theme_texts[mode], None, set_theme(mode), checkable=True)
              for mode in theme.MODES]
    return [
        (QT_TRANSLATE_NOOP("Menus", "&Search"), [
            Command(QT_TRANSLATE_NOOP("Menus", "Go to search box"), "Ctrl+K",
                    window.focus_search),
            Command(QT_TRANSLATE_NOOP("Menus", "Home: pinned, recent, changed"), "Ctrl+H",
                    window.go_home),
            Command(QT_TRANSLATE_NOOP("Menus", "What changed"), "Ctrl+Shift+W", window.go_home),
            SEPARATOR,
            Command(QT_TRANSLATE_NOOP("Menus", "Record my searches for the team"), None,
                    lambda on: health_view.set_recording(window, on), checkable=True),
            Command(QT_TRANSLATE_NOOP("Menus", "What this desk recorded…"), None,
                    lambda: health_view.show_recorded(window)),
            Command(QT_TRANSLATE_NOOP("Menus", "Lift what the team keeps opening"), None,
                    window.set_learning, checkable=True),
            Command(QT_TRANSLATE_NOOP("Menus", "Rank English searches by meaning"), None,
                    window.set_meaning, checkable=True)]),
        (QT_TRANSLATE_NOOP("Menus", "&Article"), [
            Command(QT_TRANSLATE_NOOP("Menus", "Copy quick answer"), "Ctrl+Shift+C",
                    commands.copy_answer),
            Command(QT_TRANSLATE_NOOP("Menus", "Copy article as plain text"), "Ctrl+Shift+T",
                    commands.copy_plain),
            Command(QT_TRANSLATE_NOOP("Menus", "Copy article as Markdown"), "Ctrl+Shift+M",
                    commands.copy_markdown),
            Command(QT_TRANSLATE_NOOP("Menus", "Pin / unpin"), "Ctrl+D", commands.toggle_pin),
            SEPARATOR, *flags]),
        (QT_TRANSLATE_NOOP("Menus", "&View"), [
            Command(QT_TRANSLATE_NOOP("Menus", "Larger text"), "Ctrl+=", lambda: view.zoom(1)),
            Command(QT_TRANSLATE_NOOP("Menus", "Smaller text"), "Ctrl+-",
                    lambda: view.zoom(-1)),
            *themes]),
        (QT_TRANSLATE_NOOP("Menus", "&Edit"), [
            Command(QT_TRANSLATE_NOOP("Menus", "New article…"), "Ctrl+N", staff.new_article),
            Command(QT_TRANSLATE_NOOP("Menus", "Edit this article"), "Ctrl+E",
                    staff.edit_article),
            SEPARATOR,
            Command(QT_TRANSLATE_NOOP("Menus", "Include drafts and archived articles"),
                    "Ctrl+Shift+A", window.show_staff_articles, checkable=True),
            SEPARATOR,
            Command(QT_TRANSLATE_NOOP("Menus", "Preferences…"), "Ctrl+,",
                    window.show_preferences)]),
        (QT_TRANSLATE_NOOP("Menus", "&Publish"), [
            Command(QT_TRANSLATE_NOOP("Menus", "Export public website…"), "Ctrl+Shift+E",
                    window.publisher.choose_folder),
            SEPARATOR,
            Command(QT_TRANSLATE_NOOP("Menus", "Knowledge health…"), "Ctrl+Shift+K",
                    lambda: health_view.show_health(window))]),
        (QT_TRANSLATE_NOOP("Menus", "&Index"), [
            Command(QT_TRANSLATE_NOOP("Menus", "Check the folder for changes now"), "F5",
                    window.sync_requested.emit)]),
    ]


def help_menus(window: MainWindow) -> Menus:
    """Help, the last menu of the agent window."""
    return [(QT_TRANSLATE_NOOP("Menus", "&Help"), [
        Command(QT_TRANSLATE_NOOP("Menus", "&About Gyan"), None, lambda: show_about(window))])]


def editor_menus(editor: EditorWindow) -> Menus:
    """The editor's commands; the first four are on its toolbar too."""
    history = editor.history_commands
    return [(QT_TRANSLATE_NOOP("Menus", "&Article"), [
        Command(QT_TRANSLATE_NOOP("Menus", "&Save"), QKeySequence.StandardKey.Save,
                editor.save, toolbar=True),
        Command(QT_TRANSLATE_NOOP("Menus", "Insert &image…"), "Ctrl+Shift+I",
                editor.insert_image, toolbar=True),
        Command(QT_TRANSLATE_NOOP("Menus", "Insert &link to article…"), "Ctrl+L",
                editor.insert_link, toolbar=True),
        Command(QT_TRANSLATE_NOOP("Menus", "&History…"), "Ctrl+Shift+H", history.show_history,
                toolbar=True),
        Command(QT_TRANSLATE_NOOP("Menus", "&Rename or move…"), "Ctrl+Shift+M",
                history.ask_move),
        Command(QT_TRANSLATE_NOOP("Menus", "&Archive (restorable)"), None, editor.archive),
        Command(QT_TRANSLATE_NOOP("Menus", "&Delete permanently…"), None, history.delete),
        Command(QT_TRANSLATE_NOOP("Menus", "Your &name for the history…"), None,
                editor.saver.ask_author),
        Command(QT_TRANSLATE_NOOP("Menus", "&Close"), QKeySequence.StandardKey.Close,
                editor.close)])]


__all__ = ["CONTEXT", "SEPARATOR", "Command", "agent_menus", "editor_menus", "help_menus",
           "install_menus", "make_action", "spoken", "translated"]
