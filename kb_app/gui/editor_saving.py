"""Saving an article from the editor, and what happens when someone else saved first.

A save is two writes queued in order on the task runner's writer thread: the save itself
(checked, written and indexed by `KnowledgeBase.save`), then its revision
(`KnowledgeBase.record`), handed from one to the other. The agents' window is told as
soon as the first is done, so the article is findable before git is touched; no timer
is involved. A conflict with someone else's save is shown here and resolved with the
knowledge base's `merge`, `keep_mine` or `take_theirs`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMessageBox

from kb_app.gui.editor_dialogs import MERGE, TAKE_THEIRS, ConflictDialog
from kb_app.gui.locale_text import reason, say, say_each
from kb_app.gui.tasks import Handoff
from kb_app.operations import SaveConflict, Saved, ValidationFailed, Written

if TYPE_CHECKING:
    from kb_app.authoring import Edit, MergeResult
    from kb_app.gui.editor import EditorWindow
    from kb_app.history import PendingRevision


class EditorSaving(QObject):
    def __init__(self, editor: EditorWindow) -> None:
        super().__init__(editor)
        self.busy = False  # a save is on its way: another would conflict with it

    @property
    def editor(self) -> EditorWindow:
        """Its editor (the Qt parent: no reference cycle, see following.PaneFollower)."""
        return cast("EditorWindow", self.parent())

    def author(self) -> str | None:
        """The name revisions are recorded under: asked once, then remembered."""
        name = self.editor.prefs.values.author.strip()
        return name if name else self.ask_author()

    def ask_author(self) -> str | None:
        prefs = self.editor.prefs
        name, ok = QInputDialog.getText(self.editor, self.tr("Your name"),
                                        self.tr("Your name, for the history of the articles "
                                                "you edit:"),
                                        text=prefs.values.author)
        if not ok or not name.strip():
            return None
        prefs.values.author = name.strip()
        prefs.save()
        return name.strip()

    def save(self) -> None:
        """Check and write on the writer thread, then record the revision there; the
        outcome comes back as `save_finished` (a conflict is shown and resolved first)."""
        editor = self.editor
        author = None if self.busy else self.author()
        if author is None:  # no name given, or a save is already on its way
            editor.save_finished.emit(False)
            return
        kb, edit, catalogue = editor.kb, editor.current(), editor.catalogue
        note = editor.message.text()
        self.write(lambda: kb.save(edit, author, note, catalogue=catalogue, record=False))

    def write(self, operation: Callable[[], Saved], reload: bool = False) -> None:
        """Two writes, in this order: the operation (written and indexed), then its
        revision, handed from one to the other on the writer thread. `reload`: the form
        shows the text written (a restored revision), else it stays as typed."""
        self.busy = True
        handoff = Handoff[Saved]()
        self.editor.tasks.write(lambda: handoff.put(operation()),
                         lambda saved: self._saved(saved, reload), self._not_saved)
        self.record_after(handoff)

    def record_after(self, handoff: Handoff[Saved] | Handoff[Written]) -> None:
        """Record the revision of the write queued just before (nothing if it failed)."""
        kb = self.editor.kb

        def record() -> tuple[PendingRevision, str] | None:
            done = handoff.take()
            return (done.revision, kb.record(done.revision)) if done is not None else None

        self.editor.tasks.write(record, self._recorded, self._not_recorded,
                                yield_to_reads=True)  # the search that finds it goes first

    def _saved(self, saved: Saved, reload: bool = False) -> None:
        self.busy = False
        editor = self.editor
        placed = editor.path != saved.path  # a new article: its links are from its folder
        editor.discard_recovery()
        editor.recovery_key = saved.path
        editor.load(saved.edit, form=reload)  # the form stays as typed: the cursor stays
        if placed and not reload:
            editor.update_preview()
        editor.set_value("id", saved.edit.value("id"))  # a new article's, from its name
        editor.form.show_problems(say_each(saved.problems))  # a draft saves with what is left
        editor.dirty = editor.current().changed  # typed on while it was being written
        editor.message.clear()
        editor.setWindowTitle(editor.title())
        editor.banner.hide()
        warning = f" ({say(saved.index_warning)})" if saved.index_warning else ""
        editor.statusBar().showMessage(
            self.tr("Saved {path}").format(path=saved.path) + warning, 5000)
        editor.own_writes.add(saved.path)
        editor.written.emit([saved.path])  # findable now
        editor.saved.emit(saved.path)
        editor.save_finished.emit(True)

    def _not_saved(self, error: Exception) -> None:
        self.busy = False
        editor = self.editor
        if isinstance(error, SaveConflict):
            self.busy = True  # until the user has chosen
            self.resolve_conflict(error)
            return
        if isinstance(error, ValidationFailed):
            editor.form.show_problems(say_each(error.problems))
            editor.statusBar().showMessage(self.tr("Not saved: fix the fields marked in red, "
                                                   "or save as a draft."), 8000)
        else:  # a read-only folder, a full disk, a vanished share, a link out
            editor.keep_recovery()
            QMessageBox.warning(editor, self.tr("Not saved"),
                                self.tr("{article} could not be written: {error}.\n\n"
                                        "Your text stays in the editor and in the recovery "
                                        "file; save again once the folder is writable.").format(
                                    article=editor.path or self.tr("The article"),
                                    error=reason(error)))
        editor.save_finished.emit(False)

    def _recorded(self, done: tuple[PendingRevision, str] | None) -> None:
        if done is not None:
            self.editor.recorded.emit(*done)

    def _not_recorded(self, error: Exception) -> None:
        message = self.tr("Saved, but the revision was not recorded: {error}").format(
            error=say(error))
        self.editor.statusBar().showMessage(message)
        self.editor.not_recorded.emit(message)

    def resolve_conflict(self, conflict: SaveConflict) -> None:
        """Someone else saved first: show both, and let the user choose. Nothing of theirs
        is overwritten unless the user says "keep mine"."""
        editor = self.editor
        choice = ConflictDialog.ask(editor.current_text(), conflict.theirs, editor)
        kb, edit, theirs, catalogue = editor.kb, conflict.edit, conflict.theirs, editor.catalogue
        if choice is None:
            self.busy = False
            editor.save_finished.emit(False)
        elif choice == TAKE_THEIRS:
            editor.tasks.run(lambda: kb.take_theirs(edit), self._took_theirs, self._not_saved)
        elif choice == MERGE:
            editor.tasks.run(lambda: kb.merge(edit, theirs), self._merged, self._not_saved)
        else:  # keep mine: overwrite, knowingly
            author, note = self.author() or "", editor.message.text()
            self.write(lambda: kb.save(kb.keep_mine(edit), author, note,
                                       catalogue=catalogue, record=False))

    def _took_theirs(self, theirs: Edit) -> None:
        self.busy = False
        editor = self.editor
        editor.load(theirs)
        editor.dirty = False
        editor.setWindowTitle(editor.title())
        editor.discard_recovery()
        editor.save_finished.emit(False)

    def _merged(self, merged: MergeResult) -> None:
        """Merged against the text this editor started from: changes on one side only are
        kept as they are, places both changed are marked in the text or by a field."""
        self.busy = False
        editor = self.editor
        editor.load(merged.edit)  # based on their file: saving writes only my changes
        editor.form.show_problems(say_each(merged.field_clashes))
        editor.statusBar().showMessage(
            self.tr("Merged. %Ln place(s) changed by both need a look: marked in the text "
                    "(<<<<<<< mine … >>>>>>> theirs) or next to a field. Then save.", "",
                    merged.conflicts)
            if merged.conflicts else
            self.tr("Merged: their changes and yours are both in. Check, then save."), 15_000)
        editor.save_finished.emit(False)


__all__ = ["EditorSaving"]
