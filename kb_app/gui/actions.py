"""Menus as tables: one QAction per command, with its shortcut, added to its window so
the shortcut works wherever the focus is in that window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from kb_app.gui import health_view, theme
from kb_app.gui.about import show_about

if TYPE_CHECKING:
    from kb_app.gui.editor import EditorWindow
    from kb_app.gui.main_window import MainWindow

Keys = str | QKeySequence.StandardKey | None


@dataclass(frozen=True)
class Command:
    text: str  # with & for the menu's mnemonic
    keys: Keys
    slot: Callable[..., object]
    checkable: bool = False
    toolbar: bool = False

    @property
    def name(self) -> str:
        """The text as people say it: no mnemonic, no ellipsis."""
        return self.text.replace("&", "").rstrip("…")


SEPARATOR = None
Menus = Sequence[tuple[str, Sequence[Command | None]]]


def make_action(window: QMainWindow, command: Command) -> QAction:
    action = QAction(command.text, window)
    if command.keys is not None:
        action.setShortcut(QKeySequence(command.keys))
        action.setToolTip(f"{command.name} ({action.shortcut().toString()})")
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
        menu: QMenu = window.menuBar().addMenu(title)
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
    flags = [Command(f"Flag as {kind}…", keys, lambda _=False, k=kind: commands.flag(k))
             for kind, keys in (("helpful", "Ctrl+1"), ("outdated", "Ctrl+2"),
                                ("wrong", "Ctrl+3"))]
    themes = [Command(f"Theme: {mode}", None, lambda _=False, m=mode: view.set_theme(m),
                      checkable=True) for mode in theme.MODES]
    return [
        ("&Search", [Command("Go to search box", "Ctrl+K", window.focus_search),
                     Command("Home: pinned, recent, changed", "Ctrl+H", window.go_home),
                     Command("What changed", "Ctrl+Shift+W", window.go_home), SEPARATOR,
                     Command("Record my searches for the team", None,
                             lambda on: health_view.set_recording(window, on),
                             checkable=True),
                     Command("What this desk recorded…", None,
                             lambda: health_view.show_recorded(window)),
                     Command("Lift what the team keeps opening", None,
                             window.set_learning, checkable=True)]),
        ("&Article", [Command("Copy quick answer", "Ctrl+Shift+C", commands.copy_answer),
                      Command("Copy article as plain text", "Ctrl+Shift+T",
                              commands.copy_plain),
                      Command("Copy article as Markdown", "Ctrl+Shift+M",
                              commands.copy_markdown),
                      Command("Pin / unpin", "Ctrl+D", commands.toggle_pin),
                      SEPARATOR, *flags]),
        ("&View", [Command("Larger text", "Ctrl+=", lambda: view.zoom(1)),
                   Command("Smaller text", "Ctrl+-", lambda: view.zoom(-1)), *themes]),
        ("&Edit", [Command("New article…", "Ctrl+N", staff.new_article),
                   Command("Edit this article", "Ctrl+E", staff.edit_article), SEPARATOR,
                   Command("Include drafts and archived articles", "Ctrl+Shift+A",
                           window.show_staff_articles, checkable=True)]),
        ("&Publish", [Command("Export public website…", "Ctrl+Shift+E",
                              window.publisher.choose_folder), SEPARATOR,
                      Command("Knowledge health…", "Ctrl+Shift+K",
                              lambda: health_view.show_health(window))]),
        ("&Index", [Command("Check the folder for changes now", "F5",
                            window.sync_requested.emit)]),
    ]


def help_menus(window: MainWindow) -> Menus:
    """Help, the last menu of the agent window."""
    return [("&Help", [Command("&About Gyan", None, lambda: show_about(window))])]


def editor_menus(editor: EditorWindow) -> Menus:
    """The editor's commands; the first four are on its toolbar too."""
    history = editor.history_commands
    return [("&Article", [
        Command("&Save", QKeySequence.StandardKey.Save, editor.save, toolbar=True),
        Command("Insert &image…", "Ctrl+Shift+I", editor.insert_image, toolbar=True),
        Command("Insert &link to article…", "Ctrl+L", editor.insert_link, toolbar=True),
        Command("&History…", "Ctrl+Shift+H", history.show_history, toolbar=True),
        Command("&Rename or move…", "Ctrl+Shift+M", history.ask_move),
        Command("&Archive (restorable)", None, editor.archive),
        Command("&Delete permanently…", None, history.delete),
        Command("Your &name for the history…", None, editor.saver.ask_author),
        Command("&Close", QKeySequence.StandardKey.Close, editor.close)])]


__all__ = ["SEPARATOR", "Command", "agent_menus", "editor_menus", "help_menus",
           "install_menus", "make_action"]
