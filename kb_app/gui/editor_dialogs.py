"""Dialogs around saving: a conflict with someone else's edit, and an article's history."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
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
)

from kb_app.diffview import inline_html, side_by_side_html
from kb_app.history import History, Revision
from kb_app.search import Hit

KEEP_MINE, TAKE_THEIRS, MERGE = "mine", "theirs", "merge"


class ConflictDialog(QDialog):
    """Shown when the file changed on disk since it was opened: nothing is overwritten
    until the user chooses."""

    def __init__(self, mine: str, theirs: str | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("This article was changed by someone else")
        self.choice: str | None = None
        view = QTextBrowser(objectName="difference")
        if theirs is None:
            view.setHtml("<p>The file was deleted since you opened it.</p>")
        else:
            view.setHtml(side_by_side_html(theirs, mine, "On disk now (theirs)", "Yours"))
        buttons = QHBoxLayout()
        for label, choice in (("Keep mine", KEEP_MINE), ("Take theirs", TAKE_THEIRS),
                              ("Merge", MERGE)):
            button = QPushButton(label, objectName=f"conflict-{choice}")
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            button.setEnabled(theirs is not None or choice == KEEP_MINE)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Someone saved this article after you opened it. Their "
                                "version and yours differ as shown:"))
        layout.addWidget(view)
        layout.addLayout(buttons)
        self.resize(760, 520)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, mine: str, theirs: str | None, parent=None) -> str | None:
        dialog = cls(mine, theirs, parent)
        dialog.exec()
        return dialog.choice


class HistoryDialog(QDialog):
    """An article's revisions: pick two to compare; restore one as a new revision."""

    def __init__(self, history: History, path: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"History of {path}")
        self.history, self.path = history, path
        self.restored: Revision | None = None
        self.revisions = history.revisions(path)
        self.list = QListWidget(objectName="revisions")
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        for revision in self.revisions:
            item = QListWidgetItem(f"{self.label(revision)} — {revision.message}")
            self.list.addItem(item)
        self.list.itemSelectionChanged.connect(self.show_difference)
        self.view = QTextBrowser(objectName="difference")
        self.side_by_side = QCheckBox("Side by side", objectName="sideBySide", checked=True)
        self.side_by_side.toggled.connect(self.show_difference)
        restore = QPushButton("Restore this revision", objectName="restore")
        restore.clicked.connect(self.restore_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Select one revision to compare it with the one before, or "
                                "two to compare them."))
        layout.addWidget(self.list)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(restore)
        row.addWidget(self.side_by_side)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(760, 600)
        if self.revisions:
            self.list.setCurrentRow(0)

    def selected(self) -> list[Revision]:
        rows = sorted(self.list.row(i) for i in self.list.selectedItems())
        return [self.revisions[r] for r in rows]

    def show_difference(self, *_: object) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            index = self.revisions.index(chosen[0])
            if index + 1 >= len(self.revisions):
                self.view.setHtml("<p>The first revision of this article.</p>")
                return
            chosen = [chosen[0], self.revisions[index + 1]]
        if len(chosen) < 2:
            return
        newer, older = chosen[0], chosen[-1]
        before = self.history.content_at(older.id, older.path)
        after = self.history.content_at(newer.id, newer.path)
        render = side_by_side_html if self.side_by_side.isChecked() else inline_html
        self.view.setHtml(render(before, after, f"{self.label(older)} ({older.id[:7]})",
                                 f"{self.label(newer)} ({newer.id[:7]})"))

    @staticmethod
    def label(revision: Revision) -> str:
        return f"{revision.when}, {revision.author.split(' <')[0]}"

    def restore_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.restored = chosen[0]
            self.accept()


class LinkPicker(QDialog):
    """Find the article to link to the way agents find articles: type, arrows, Enter."""

    picked = Signal(str, str)  # path, title

    def __init__(self, find: Callable[[str], list[Hit]], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link to an article")
        self.find = find
        self.hits: list[Hit] = []
        self.box = QLineEdit(placeholderText="Type to find the article…", objectName="linkQuery")
        self.list = QListWidget(objectName="linkResults")
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
        self.hits = self.find(text) if text.strip() else []
        self.list.clear()
        for hit in self.hits:
            item = QListWidgetItem(f"{hit.title}    {hit.product} · {hit.language} · {hit.path}")
            item.setToolTip(hit.path)
            self.list.addItem(item)
        if self.hits:
            self.list.setCurrentRow(0)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """Up and Down move through the results while typing continues in the box."""
        if (watched is self.box and event.type() == QEvent.Type.KeyPress
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
