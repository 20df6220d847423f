"""The editor's commands on the article as a whole: its history (compare, restore), moving
it and deleting it. Each is a knowledge-base operation on the writer thread, followed by
its revision; the editor shows the outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QInputDialog, QMessageBox

from kb_app.gui import locale_text
from kb_app.gui.editor_dialogs import HistoryDialog
from kb_app.gui.i18n import QT_TRANSLATE_NOOP
from kb_app.gui.tasks import Handoff
from kb_app.operations import Deleted, Moved, Written

if TYPE_CHECKING:
    from kb_app.authoring import Edit
    from kb_app.gui.editor import EditorWindow
    from kb_app.history import Revision

DELETE_QUESTIONS = (QT_TRANSLATE_NOOP("EditorHistory", "Delete this article permanently? "
                                      "Archiving keeps it restorable."),
                    QT_TRANSLATE_NOOP("EditorHistory", "Really delete? It stays only in the "
                                      "history."))


class EditorHistory(QObject):
    def __init__(self, editor: EditorWindow) -> None:
        super().__init__(editor)

    @property
    def editor(self) -> EditorWindow:
        """Its editor (the Qt parent: no reference cycle, see following.PaneFollower)."""
        return cast("EditorWindow", self.parent())

    def show_history(self) -> None:
        editor = self.editor
        if not editor.path:
            return
        dialog = HistoryDialog(editor.kb, editor.tasks, editor.path, editor)
        if dialog.exec() and dialog.restored is not None:
            self.restore(dialog.restored)

    def restore(self, revision: Revision) -> None:
        """The old text is saved as a new revision, through the usual conflict check."""
        editor = self.editor
        author = editor.saver.author()
        if author is None or editor.path is None:
            editor.save_finished.emit(False)
            return
        kb, path, over = editor.kb, editor.path, editor.edit
        editor.saver.write(lambda: kb.restore(path, revision.id, author, over=over, record=False),
                     reload=True)

    # -- moving --------------------------------------------------------------------------

    def ask_move(self) -> None:
        editor = self.editor
        if not editor.path:
            editor.statusBar().showMessage(self.tr("Save the new article first, then move it."),
                                           5000)
            return
        if editor.dirty:  # saved first, then asked where to
            editor.save_finished.connect(self._move_when_saved)
            editor.save()
            return
        new, ok = QInputDialog.getText(editor, self.tr("Rename or move"),
                                       self.tr("New path in the articles folder (links to it "
                                               "are updated):"), text=editor.path)
        if ok and new.strip() and new.strip() != editor.path:
            self.move_to(new.strip())

    def _move_when_saved(self, saved: bool) -> None:
        self.editor.save_finished.disconnect(self._move_when_saved)
        if saved:
            self.ask_move()

    def move_to(self, new: str) -> None:
        """Move the saved article; links elsewhere follow and the history sees a rename."""
        editor = self.editor
        author = editor.saver.author()
        if author is None or editor.path is None:
            return
        kb, old, handoff = editor.kb, editor.path, Handoff[Written]()

        def move() -> tuple[Moved, Edit]:
            moved = kb.move(old, new, author, record=False)
            handoff.put(moved)
            return moved, kb.load(moved.new)  # its own links may have been re-pointed

        editor.tasks.write(move, lambda done: self._moved(*done), self._not_moved)
        editor.saver.record_after(handoff)

    def _moved(self, moved: Moved, edit: Edit) -> None:
        editor = self.editor
        editor.recovery_key = moved.new
        editor.load(edit)
        editor.dirty = False
        editor.setWindowTitle(editor.title())
        others = len(moved.relinked)
        editor.statusBar().showMessage(self.tr("Moved to {path}").format(path=moved.new) + (
            self.tr("; links in %Ln other article(s) updated", "", others) if others else ""),
            8000)
        editor.own_writes.add(moved.new)
        editor.written.emit(moved.changed)
        editor.saved.emit(moved.new)

    def _not_moved(self, error: Exception) -> None:
        QMessageBox.warning(self.editor, self.tr("Cannot move the article"),
                            locale_text.say(error))

    # -- deleting ------------------------------------------------------------------------

    def delete(self) -> None:
        editor = self.editor
        if not editor.path:
            return
        for question in DELETE_QUESTIONS:
            answer = QMessageBox.question(editor, self.tr("Delete article"),
                                          QCoreApplication.translate("EditorHistory", question))
            if answer != QMessageBox.StandardButton.Yes:
                return
        author = editor.saver.author()
        if author is None:
            return
        kb, path, handoff = editor.kb, editor.path, Handoff[Written]()

        def delete() -> Deleted:
            deleted = kb.delete(path, author, record=False)
            handoff.put(deleted)
            return deleted

        editor.tasks.write(delete, self._deleted, self._not_deleted)
        editor.saver.record_after(handoff)

    def _deleted(self, deleted: Deleted) -> None:
        editor = self.editor
        editor.discard_recovery()
        editor.dirty = False
        editor.written.emit([deleted.path])
        editor.saved.emit(deleted.path)
        editor.close()

    def _not_deleted(self, error: Exception) -> None:
        editor = self.editor
        QMessageBox.warning(editor, self.tr("Not deleted"),
                            f"{editor.path}: {locale_text.reason(error)}")


__all__ = ["EditorHistory"]
