"""The staff side of the agent window: editors, new articles, unsaved text to recover,
the copy of the bundled sample, drafts and archived articles shown on request.

Editors open with what they need read on the reader thread (the article or unsaved text,
the completion catalogue), and tell the agents' window what they wrote: it picks the
change up at once (the save has indexed it; its revision is recorded after).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox

from kb_app import config
from kb_app.gui import locale_text, words
from kb_app.gui.editor import EditorWindow, Opening
from kb_app.gui.i18n import QT_TRANSLATE_NOOP
from kb_app.templates import TEMPLATES

if TYPE_CHECKING:
    from kb_app.gui.main_window import MainWindow
    from kb_app.knowledge_base import KnowledgeBase
    from kb_app.search import Hit, KnowledgeSearcher

Open = Callable[["KnowledgeBase", "KnowledgeSearcher"], Opening]
THE_ARTICLE = QT_TRANSLATE_NOOP("Staff", "the article")
THE_NEW_ARTICLE = QT_TRANSLATE_NOOP("Staff", "the new article")


def existing(path: str) -> Open:
    """An editor on the article at `path` (read on the reader thread)."""
    return lambda kb, searcher: Opening(kb.load(path), kb.catalogue(searcher))


def recovered(key: str, text: str, base: str | None) -> Open:
    """An editor on unsaved text kept from a session that ended without saving."""
    def opening(kb: KnowledgeBase, searcher: KnowledgeSearcher) -> Opening:
        edit = kb.recover(key, text, base)
        return Opening(edit, kb.catalogue(searcher), key, unsaved=not edit.is_new)
    return opening


def new(template: str, title: str) -> Open:
    """An editor on a new article from a template."""
    return lambda kb, searcher: Opening(kb.new_article(template, title).edit,
                                        kb.catalogue(searcher))


class Staff(QObject):
    revision_recorded = Signal(object, str)  # PendingRevision, commit id

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.editors: list[EditorWindow] = []
        self.successor: MainWindow | None = None
        self.window_closing = False  # the window waits for an editor saving to close
        self.opening: set[str] = set()  # articles being read for an editor

    @property
    def window(self) -> MainWindow:
        """The window this part belongs to (its Qt parent: no reference cycle to leave
        for Python's garbage collector, which may run on any thread)."""
        return cast("MainWindow", self.parent())

    # -- opening editors -----------------------------------------------------------------

    def edit_article(self) -> None:
        """The article in the pane (the highlighted result), in an editor; in the copy of
        the sample, the same article, if the sample had to be copied first."""
        article = self.window.pane.article
        hit = self.window.current_hit()
        path = article.path if article else (hit.path if hit else None)
        if path and self._editable(lambda window: window.staff.open_editor(path)):
            self.open_editor(path)

    def open_editor(self, path: str) -> None:
        """An editor on `path`, once it has been read; the one already open raised."""
        for editor in self.editors:  # one editor per article: no conflicts with oneself
            if editor.path == path and editor.isVisible():
                editor.raise_()
                editor.activateWindow()
                return
        if path not in self.opening:  # asked twice while it is read: opened once
            self.opening.add(path)
            self.open(existing(path), path)

    def open(self, opening: Open, what: str = THE_ARTICLE) -> None:
        """`what`: the article's path, or THE_ARTICLE / THE_NEW_ARTICLE (said if it fails)."""
        kb = self.window.kb
        self.window.tasks.search(lambda searcher: opening(kb, searcher), self._show_editor,
                                 lambda error: self._not_opened(what, error))

    def _not_opened(self, what: str, error: Exception) -> None:
        self.opening.discard(what)
        shown = (QCoreApplication.translate("Staff", what)
                 if what in (THE_ARTICLE, THE_NEW_ARTICLE) else what)
        self._say(self.tr("Cannot open the article"), f"{shown}: {locale_text.say(error)}")

    def _say(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)

    def _show_editor(self, opening: Opening) -> None:
        self.opening.discard(opening.edit.path or "")
        window = self.window
        editor = EditorWindow(window.kb, window.tasks, window.prefs, opening)
        editor.written.connect(window.indexing.took_in)
        editor.recorded.connect(self.revision_recorded)
        editor.not_recorded.connect(self.history_failed)
        editor.closed.connect(self._editor_closed, Qt.ConnectionType.QueuedConnection)
        self.editors.append(editor)
        editor.show()
        editor.raise_()
        editor.activateWindow()  # typing goes to the editor at once

    def new_article(self) -> None:
        window = self.window
        if not self._editable(lambda successor: successor.staff.new_article()):
            return
        names = {words.word(name): name for name in TEMPLATES}  # as shown -> the template
        shown, ok = QInputDialog.getItem(window, self.tr("New article"), self.tr("Start from:"),
                                         list(names), 0, False)
        if not ok:
            return
        template = names.get(shown, shown)
        title, ok = QInputDialog.getText(window, self.tr("New article"), self.tr("Title:"))
        if ok and title.strip():
            self.open(new(template, title.strip()), THE_NEW_ARTICLE)

    def find_articles(self, text: str, on_done: Callable[[list[Hit]], None]) -> None:
        """What the editors' link picker offers: drafts too, archived not."""
        kb = self.window.kb
        self.window.tasks.search(lambda searcher: kb.find(text, searcher=searcher),
                                 on_done, lambda _error: on_done([]))

    # -- saving --------------------------------------------------------------------------

    def history_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(message)
        for editor in self.editors:
            if editor.isVisible():
                editor.statusBar().showMessage(message)

    def reload_changed(self, changed: set[str]) -> None:
        """Editors showing a file that changed on disk."""
        for editor in self.editors:
            if editor.isVisible() and editor.path in changed:
                editor.on_disk_changed()

    # -- recovery ------------------------------------------------------------------------

    def offer_recovery(self) -> None:
        """Unsaved editor text from a session that ended without saving."""
        recovery = self.window.kb.recovery
        self.window.tasks.run(recovery.pending, self._offer)

    def _offer(self, pending: list[dict[str, Any]]) -> None:
        window = self.window
        for entry in pending:
            key = entry.get("key", "")
            what = self.tr("a new article") if key.startswith("new:") else key
            answer = QMessageBox.question(
                window, self.tr("Recover unsaved changes"),
                self.tr("Unsaved changes to {what} were kept from {when}. Open them?").format(
                    what=what, when=_when(entry.get("saved"))))
            if answer == QMessageBox.StandardButton.Yes:
                self.open(recovered(key, entry.get("text", ""), entry.get("base")), key)
            else:
                self.discard_recovered(key)

    def discard_recovered(self, key: str) -> None:
        recovery = self.window.kb.recovery
        self.window.tasks.write(lambda: recovery.discard(key))

    # -- the bundled sample --------------------------------------------------------------

    def _editable(self, then: Callable[[MainWindow], object]) -> bool:
        """The bundled sample is never edited in place: offer to copy it first. After the
        copy a new window opens on it and `then(new_window)` carries on with what was
        asked there (once the copy is indexed). True: edit here, now."""
        window = self.window
        if not window.kb.is_bundled_sample:
            return True
        target = config.editable_copy_dir()
        answer = QMessageBox.question(
            window, self.tr("Edit a copy of the sample"),
            self.tr("The bundled sample knowledge base is not edited in place.\n"
                    "Copy it to {folder} and edit the copy?").format(folder=target))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        kb = window.kb
        window.tasks.write(lambda: kb.copy_sample(target),
                           lambda copy: self._switch(copy, then),
                           lambda error: self._say(
                               self.tr("Not copied"),
                               f"{target}: {locale_text.reason(error)}"))
        return False

    def _switch(self, folder: Path, then: Callable[[MainWindow], object]) -> None:
        successor = self.switch_folder(folder)

        def carry_on() -> None:
            then(successor)

        successor.indexing.when_indexed(carry_on)

    def switch_folder(self, folder: Path) -> MainWindow:
        """Open `folder` in a new window in place of this one; later plain starts open it
        too (it is remembered)."""
        from kb_app.gui.app import create_window

        window = self.window
        window.prefs.values.articles_folder = str(folder)
        window.prefs.save()
        self.successor = create_window(folder, None, window.prefs.settings)
        self.successor.show()
        window.close()
        return self.successor

    def reopen(self) -> MainWindow | None:
        """This window's folder in a new window, in place of this one: every text is made
        again in the interface language now installed (after the language preference
        changed). The window closes first (editors asking about unsaved changes: None if
        one stayed open), so the index is never open twice; its layout is kept."""
        from PySide6.QtWidgets import QApplication

        from kb_app.gui.app import create_window

        window = self.window
        if not self.close_editors():
            return None
        articles, index = window.kb.articles_dir, window.kb.index.index_dir
        app = QApplication.instance()
        quits = isinstance(app, QApplication) and app.quitOnLastWindowClosed()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)  # the successor opens right after
        try:
            window.close()
            self.successor = create_window(articles, index, window.prefs.settings)
            self.successor.show()
        finally:
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(quits)
        return self.successor

    # -- closing -------------------------------------------------------------------------

    def close_editors(self) -> bool:
        """Each open editor closes (asking about unsaved changes); False: one stayed. One
        that is saving first closes when it is saved, and then the window closes too."""
        stayed = [editor for editor in list(self.editors)
                  if editor.isVisible() and not editor.close()]
        self.window_closing = any(editor.closing for editor in stayed)
        return not stayed

    def _editor_closed(self) -> None:
        if self.window_closing and not any(e.isVisible() for e in self.editors):
            self.window.close()

    def drop_editors(self) -> None:
        """Deleted here, on the UI thread: left to Python's garbage collector they could
        go on any thread, and a widget destroyed off the UI thread takes the app down."""
        for editor in self.editors:
            editor.deleteLater()
        self.editors = []


def _when(iso: str | None) -> str:
    """A recovery time as people say it: "today at 14:05", "3 Nov 2026 at 09:12"."""
    try:
        moment = dt.datetime.fromisoformat(iso or "").astimezone()
    except ValueError:
        return QCoreApplication.translate("Staff", "earlier")
    today = dt.datetime.now().astimezone().date()
    time = locale_text.digits(f"{moment:%H:%M}")
    if moment.date() == today:
        return QCoreApplication.translate("Staff", "today at {time}").format(time=time)
    day = (f"{moment.day} {moment:%b %Y}" if not locale_text.bengali()
           else locale_text.date(moment.date()))
    return QCoreApplication.translate("Staff", "{day} at {time}").format(day=day, time=time)


__all__ = ["THE_ARTICLE", "THE_NEW_ARTICLE", "Staff", "existing", "new", "recovered"]
