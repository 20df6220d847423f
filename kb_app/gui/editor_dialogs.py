"""Dialogs around saving: a conflict with someone else's edit, and an article's history."""

from __future__ import annotations

import datetime as dt
import difflib
import html

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from kb_app.history import History, Revision

KEEP_MINE, TAKE_THEIRS, MERGE = "mine", "theirs", "merge"


def diff_html(before: str, after: str, before_label: str, after_label: str) -> str:
    """An inline difference, removed lines red and added lines green."""
    rows = []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), before_label,
                                     after_label, lineterm="", n=2):
        colour = {"+": "#d4f7d4", "-": "#ffd7d5", "@": "#e8e8ff"}.get(line[:1], "")
        if line.startswith(("+++", "---")):
            colour = "#eeeeee"
        style = f' style="background-color:{colour}"' if colour else ""
        rows.append(f"<div{style}>{html.escape(line) or '&nbsp;'}</div>")
    if not rows:
        return "<p>No differences.</p>"
    return f'<pre style="font-family:monospace">{"".join(rows)}</pre>'


def merged_text(mine: str, theirs: str) -> str:
    """Both versions in one text, with conflict markers where they differ, to edit by hand."""
    out: list[str] = []
    a, b = mine.splitlines(keepends=True), theirs.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag == "equal":
            out.extend(a[i1:i2])
            continue
        out.append("<<<<<<< mine\n")
        out.extend(a[i1:i2])
        out.append("=======\n")
        out.extend(b[j1:j2])
        out.append(">>>>>>> theirs\n")
    return "".join(out)


class ConflictDialog(QDialog):
    """Shown when the file changed on disk since it was opened: nothing is overwritten
    until the user chooses."""

    def __init__(self, mine: str, theirs: str | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("This article was changed by someone else")
        self.choice: str | None = None
        view = QTextBrowser()
        if theirs is None:
            view.setHtml("<p>The file was deleted since you opened it.</p>")
        else:
            view.setHtml(diff_html(theirs, mine, "on disk (theirs)", "yours"))
        buttons = QHBoxLayout()
        for label, choice in (("Keep mine", KEEP_MINE), ("Take theirs", TAKE_THEIRS),
                              ("Merge by hand", MERGE)):
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
            when = dt.datetime.fromtimestamp(revision.time).strftime("%Y-%m-%d %H:%M")
            item = QListWidgetItem(f"{when} — {revision.author.split(' <')[0]} — "
                                   f"{revision.message}")
            self.list.addItem(item)
        self.list.itemSelectionChanged.connect(self.show_difference)
        self.view = QTextBrowser(objectName="difference")
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
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(760, 600)
        if self.revisions:
            self.list.setCurrentRow(0)

    def selected(self) -> list[Revision]:
        rows = sorted(self.list.row(i) for i in self.list.selectedItems())
        return [self.revisions[r] for r in rows]

    def show_difference(self) -> None:
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
        self.view.setHtml(diff_html(before, after, older.id[:8], newer.id[:8]))

    def restore_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.restored = chosen[0]
            self.accept()
