"""Dialogs around saving: a conflict with someone else's edit, and an article's history."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kb_app.diffview import inline_html, side_by_side_html
from kb_app.gui import locale_text, words

if TYPE_CHECKING:
    from kb_app.gui.tasks import TaskRunner
    from kb_app.history import Revision
    from kb_app.knowledge_base import KnowledgeBase
    from kb_app.search import Hit, KnowledgeSearcher

KEEP_MINE, TAKE_THEIRS, MERGE = "mine", "theirs", "merge"


class ConflictDialog(QDialog):
    """Shown when the file changed on disk since it was opened: nothing is overwritten
    until the user chooses."""

    def __init__(self, mine: str, theirs: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("This article was changed by someone else"))
        self.choice: str | None = None
        view = QTextBrowser()
        view.setObjectName("difference")
        view.setAccessibleName(self.tr("Differences"))
        view.setAccessibleDescription(self.tr("Their version (on disk now) beside yours"))
        if theirs is None:
            view.setHtml("<p>{}</p>".format(
                html.escape(self.tr("The file was deleted since you opened it."))))
        else:
            view.setHtml(side_by_side_html(theirs, mine, self.tr("On disk now (theirs)"),
                                           self.tr("Yours")))
        buttons = QHBoxLayout()
        descriptions = {KEEP_MINE: self.tr("Save your version over theirs"),
                        TAKE_THEIRS: self.tr("Drop your changes and keep theirs"),
                        MERGE: self.tr("Put both together; places both changed are marked")}
        for label, choice in ((self.tr("Keep mine"), KEEP_MINE),
                              (self.tr("Take theirs"), TAKE_THEIRS), (self.tr("Merge"), MERGE)):
            button = QPushButton(label)
            button.setAccessibleDescription(descriptions[choice])
            button.setObjectName(f"conflict-{choice}")
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            button.setEnabled(theirs is not None or choice == KEEP_MINE)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Someone saved this article after you opened it. "
                                        "Their version and yours differ as shown:")))
        layout.addWidget(view)
        layout.addLayout(buttons)
        self.resize(760, 520)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, mine: str, theirs: str | None, parent: QWidget | None = None) -> str | None:
        dialog = cls(mine, theirs, parent)
        dialog.exec()
        return dialog.choice


class HistoryDialog(QDialog):
    """An article's revisions: pick two to compare; restore one as a new revision. The
    history and the texts compared are read off the UI thread."""

    def __init__(self, kb: KnowledgeBase, tasks: TaskRunner[KnowledgeSearcher], path: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("History of {path}").format(path=path))
        self.kb, self.tasks, self.path = kb, tasks, path
        self.restored: Revision | None = None
        self.revisions: list[Revision] = []
        self.asked = 0  # numbers the comparisons: only the last one asked is shown
        self.list = QListWidget()
        self.list.setObjectName("revisions")
        self.list.setAccessibleName(self.tr("Revisions"))
        self.list.setAccessibleDescription(self.tr(
            "Select one to compare it with the one before, or two to compare them"))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self.show_difference)
        self.view = QTextBrowser()
        self.view.setObjectName("difference")
        self.view.setAccessibleName(self.tr("Differences"))
        self._say(self.tr("Reading the history…"))
        self.side_by_side = QCheckBox(self.tr("&Side by side"))
        self.side_by_side.setObjectName("sideBySide")
        self.side_by_side.setChecked(True)
        self.side_by_side.toggled.connect(self.show_difference)
        self._lay_out()
        self.resize(760, 600)
        tasks.run(lambda: kb.history(path), self.show_revisions, self.not_read)

    def _lay_out(self) -> None:
        restore = QPushButton(self.tr("&Restore this revision"))
        restore.setObjectName("restore")
        restore.setAccessibleDescription(self.tr(
            "Save the selected revision's text as a new revision"))
        restore.clicked.connect(self.restore_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Select one revision to compare it with the one "
                                        "before, or two to compare them.")))
        layout.addWidget(self.list)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(restore)
        row.addWidget(self.side_by_side)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)

    def show_revisions(self, revisions: list[Revision]) -> None:
        self.revisions = revisions
        for revision in revisions:
            self.list.addItem(QListWidgetItem(f"{self.label(revision)} — {revision.message}"))
        if revisions:
            self.list.setCurrentRow(0)
        else:
            self._say(self.tr("No revisions of this article are recorded yet."))

    def _say(self, text: str) -> None:
        self.view.setHtml(f"<p>{html.escape(text)}</p>")

    def not_read(self, error: Exception) -> None:
        self._say(self.tr("The history could not be read: {error}").format(
            error=locale_text.say(error)))

    def selected(self) -> list[Revision]:
        rows = sorted(self.list.row(i) for i in self.list.selectedItems())
        return [self.revisions[r] for r in rows]

    def show_difference(self, *_: object) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            index = self.revisions.index(chosen[0])
            if index + 1 >= len(self.revisions):
                self._say(self.tr("The first revision of this article."))
                return
            chosen = [chosen[0], self.revisions[index + 1]]
        if len(chosen) < 2:
            return
        self.asked += 1
        asked, kb, side = self.asked, self.kb, self.side_by_side.isChecked()
        newer, older = chosen[0], chosen[-1]
        labels = (f"{self.label(older)} ({older.id[:7]})", f"{self.label(newer)} ({newer.id[:7]})")
        self.tasks.run(lambda: difference(kb, older, newer, labels, side),
                       lambda page: self._show(asked, page), self.not_read)

    def _show(self, asked: int, page: str) -> None:
        if asked == self.asked:
            self.view.setHtml(page)

    @staticmethod
    def label(revision: Revision) -> str:
        when = locale_text.date_time(dt.datetime.fromtimestamp(revision.time))
        return f"{when}, {revision.author.split(' <')[0]}"

    def restore_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.restored = chosen[0]
            self.accept()


def difference(kb: KnowledgeBase, older: Revision, newer: Revision,
               labels: tuple[str, str], side_by_side: bool) -> str:
    """On the pool: two revisions' texts, compared as HTML."""
    render = side_by_side_html if side_by_side else inline_html
    return render(kb.revision_text(older), kb.revision_text(newer), *labels)


class LinkPicker(QDialog):
    """Find the article to link to the way agents find articles: type, arrows, Enter."""

    picked = Signal(str, str)  # path, title

    def __init__(self, find: Callable[[str, Callable[[list[Hit]], None]], None],
                 parent: QWidget | None = None) -> None:
        """`find(text, show)` searches off the UI thread and calls `show(hits)` on it."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link to an article"))
        self.search_for = find
        self.hits: list[Hit] = []
        self.asked = 0  # numbers the searches: only the answer to the last one is shown
        self.shown = 0  # the number of the search whose answer is shown
        self.box = QLineEdit()
        self.box.setPlaceholderText(self.tr("Type to find the article…"))
        self.box.setObjectName("linkQuery")
        self.box.setAccessibleName(self.tr("Find the article to link to"))
        self.box.setAccessibleDescription(self.tr(
            "Up and Down choose among the results, Enter links the chosen one"))
        self.list = QListWidget()
        self.list.setObjectName("linkResults")
        self.list.setAccessibleName(self.tr("Articles found"))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.box.textChanged.connect(self.update_results)
        self.box.returnPressed.connect(self.accept_current)
        self.list.itemActivated.connect(lambda _item: self.accept_current())
        self.box.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.list, 1)
        self.resize(560, 420)

    def update_results(self, text: str) -> None:
        self.asked += 1
        if not text.strip():
            self.show_hits(self.asked, [])
            return
        asked = self.asked
        self.search_for(text, lambda hits: self.show_hits(asked, hits))

    def show_hits(self, asked: int, hits: list[Hit]) -> None:
        if asked != self.asked:
            return  # typed since: an answer to an older text
        self.shown, self.hits = asked, hits
        self.list.clear()
        for hit in self.hits:
            item = QListWidgetItem(f"{hit.title}    {hit.product} · "
                                   f"{words.language(hit.language)} · {hit.path}")
            item.setToolTip(hit.path)
            self.list.addItem(item)
        if self.hits:
            self.list.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Up and Down move through the results while typing continues in the box."""
        if (watched is self.box and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.hits):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(len(self.hits) - 1, self.list.currentRow() + step))
            self.list.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

    def accept_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.hits):
            self.picked.emit(self.hits[row].path, self.hits[row].title)
            self.accept()
