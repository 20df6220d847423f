"""The article editor: the front-matter form, Markdown with a live preview, history.

The window collects what staff type and shows what the knowledge base says. The article
being edited is the core's `Edit` (what the file was, what the form shows); every
operation -- save, merge, restore, move, archive, delete, insert an image -- is a method
of `KnowledgeBase` run on the task runner: writes on its writer thread, reads on its
pool. Its parts: `editor_form` (the fields), `editor_saving` (saving, conflicts),
`editor_history` (history, move, delete).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kb_app.authoring import Edit, link_markdown
from kb_app.gui import locale_text, theme
from kb_app.gui.actions import editor_menus, install_menus
from kb_app.gui.article_pane import ArticlePane
from kb_app.gui.editor_dialogs import LinkPicker
from kb_app.gui.editor_form import ArticleForm
from kb_app.gui.editor_history import EditorHistory
from kb_app.gui.editor_saving import EditorSaving
from kb_app.gui.highlighter import MarkdownHighlighter
from kb_app.gui.rendering import preview

if TYPE_CHECKING:
    from kb_app.articles import Article
    from kb_app.gui.preferences import StoredPreferences
    from kb_app.gui.tasks import TaskRunner
    from kb_app.knowledge_base import KnowledgeBase
    from kb_app.operations import Catalogue
    from kb_app.search import Hit, KnowledgeSearcher

PREVIEW_DELAY_MS = 300
RECOVERY_DELAY_MS = 1000
RECOVERY_MAX_WAIT_S = 5.0
BANNER_STYLE = "background-color: #fff3cd; color: #5c4400; padding: 6px;"


@dataclass(frozen=True)
class Opening:
    """What an editor opens on, read before it opens: the article (or unsaved text), the
    completion catalogue, and where its unsaved text is kept."""

    edit: Edit
    catalogue: Catalogue
    recovery_key: str | None = None
    unsaved: bool = False  # recovered text that was never saved


class EditorWindow(QMainWindow):
    saved = Signal(str)  # path of the article, relative to the articles folder
    save_finished = Signal(bool)  # a save (or restore) ended: whether it wrote the file
    written = Signal(list)  # files a save, move or delete wrote or removed (indexed)
    recorded = Signal(object, str)  # PendingRevision, commit id
    not_recorded = Signal(str)  # why a revision could not be recorded
    closed = Signal()  # the window closed (after saving, if the user chose to)

    def __init__(self, kb: KnowledgeBase, tasks: TaskRunner[KnowledgeSearcher],
                 prefs: StoredPreferences, opening: Opening) -> None:
        super().__init__()
        self.kb, self.tasks, self.prefs = kb, tasks, prefs
        self.edit = opening.edit
        self.catalogue = opening.catalogue
        self.recovery_key = opening.recovery_key or self.edit.path or f"new:{uuid.uuid4().hex}"
        self.unkept_since = time.monotonic()
        self.previews = 0  # numbers the previews asked for: only the last one is shown
        self.dirty = False
        self.own_writes: set[str] = set()  # files this editor just wrote: not news to it
        self.closing = False  # asked to close, saving first
        self._build()
        self.saver = EditorSaving(self)
        self.history_commands = EditorHistory(self)
        self._build_actions()
        self.load(self.edit)
        self.dirty = opening.unsaved
        self.setWindowTitle(self.title())
        # Staff open an article to change its text; a new one starts with its title.
        (self.body if self.path else self.inputs["title"]).setFocus()

    # -- construction --------------------------------------------------------------------

    def _build(self) -> None:
        self.form = ArticleForm(self.catalogue.products, self.catalogue.tags)
        self.inputs, self.errors = self.form.inputs, self.form.errors
        self.tag_completer = self.form.tag_completer
        self.message = self.form.note
        self.form.changed.connect(self.changed)
        dark = theme.palette_is_dark()
        self.body = QPlainTextEdit()
        self.body.setObjectName("body")
        self.body.setAccessibleName(self.tr("Article text (Markdown)"))
        self.body.setAccessibleDescription(self.tr(
            "The article in Markdown; the preview beside it shows it as agents will see it"))
        self.body.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.highlighter = MarkdownHighlighter(self.body.document(), dark)
        self.body.textChanged.connect(self.changed)
        self.preview_pane = ArticlePane(self.kb.articles_dir, interactive=False)
        self.preview_pane.set_palette_style(dark)
        self.preview = self.preview_pane.browser
        self.preview.setAccessibleName(self.tr("Preview"))
        self.preview.setAccessibleDescription(self.tr("The article as agents will see it"))
        self.banner = QLabel()
        self.banner.setObjectName("diskBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        for widget in (self.banner, self.form):
            left_layout.addWidget(widget)
        left_layout.addWidget(self.body, 1)
        left_layout.addWidget(self.form.error_label("body"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview_pane)
        splitter.setSizes([650, 550])
        self.setCentralWidget(splitter)
        self.preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.update_preview)
        self.recovery_timer = QTimer(self, singleShot=True, interval=RECOVERY_DELAY_MS)
        self.recovery_timer.timeout.connect(self.keep_recovery)
        self.resize(1280, 860)

    def _build_actions(self) -> None:
        toolbar = self.addToolBar(self.tr("Article"))
        toolbar.setObjectName("articleToolbar")
        self.actions_by_name = install_menus(self, editor_menus(self), toolbar)

    # -- the edit <-> the form -----------------------------------------------------------

    @property
    def path(self) -> str | None:
        return self.edit.path

    @property
    def root(self) -> Path:
        return self.kb.articles_dir

    def value(self, name: str) -> str:
        return self.form.value(name)

    def set_value(self, name: str, value: str) -> None:
        self.form.set_value(name, value)

    def current(self) -> Edit:
        """The edit as the form and the text show it now."""
        return self.edit.with_fields(**self.form.values()).with_body(self.body.toPlainText())

    def current_text(self) -> str:
        """The file as it would be saved: the original bytes with only the edits applied."""
        return self.current().text

    def load(self, edit: Edit, form: bool = True) -> None:
        """Start from `edit`: the form and the text show it (without `form`, as when a save
        comes back, they stay as typed: the cursor and scroll do not move)."""
        self.edit = edit
        if not form:
            return
        self.form.show_values(edit.fields, new=edit.is_new and not edit.value("id"))
        self.body.blockSignals(True)
        self.body.setPlainText(edit.body)
        self.body.blockSignals(False)
        self.update_preview()

    # -- live behaviour ------------------------------------------------------------------

    def changed(self, *_: object) -> None:
        self.dirty = True
        self.setWindowTitle(self.title())
        self.preview_timer.start()
        # Kept a second after typing pauses, and at least every few seconds while it goes on.
        if not self.recovery_timer.isActive():
            self.unkept_since = time.monotonic()
        if time.monotonic() - self.unkept_since > RECOVERY_MAX_WAIT_S:
            self.recovery_timer.stop()
            self.keep_recovery()
        else:
            self.recovery_timer.start()

    def title(self) -> str:
        name = self.value("title") or self.tr("New article")
        return self.tr("{name} — Gyan editor").format(name=f"{'• ' if self.dirty else ''}{name}")

    def update_preview(self) -> None:
        """Rendered on the pool and shown by the agent's own article pane, so it is exactly
        what agents see."""
        self.previews += 1
        asked, root, text, path = self.previews, self.root, self.current_text(), self.path
        self.tasks.run(lambda: preview(root, text, path),
                       lambda shown: self._show_preview(asked, *shown))

    def _show_preview(self, asked: int, article: Article, page: str) -> None:
        if asked == self.previews:
            self.preview_pane.show_article(article, None, keep_position=True, plain_html=page)

    def keep_recovery(self) -> None:
        """Unsaved text to a recovery file, on the writer (in the order typed)."""
        if not self.dirty:
            return
        recovery, key, text = self.kb.recovery, self.recovery_key, self.current_text()
        base = self.edit.fingerprint.sha1 if self.edit.fingerprint else None
        self.tasks.write(lambda: recovery.keep(key, text, base=base))

    def discard_recovery(self) -> None:
        recovery, key = self.kb.recovery, self.recovery_key
        self.tasks.write(lambda: recovery.discard(key))

    def save(self) -> None:
        """Ctrl+S: see `EditorSaving.save`; the outcome comes back as `save_finished`."""
        self.saver.save()

    # -- commands ------------------------------------------------------------------------

    def insert_image(self) -> None:
        file, _ = QFileDialog.getOpenFileName(self, self.tr("Insert image"), str(Path.home()),
                                              self.tr("Images ({patterns})").format(
                                                  patterns="*.png *.jpg *.jpeg *.gif *.webp "
                                                  "*.avif *.bmp *.ico"))
        if file:
            self.insert_image_file(Path(file))

    def insert_image_file(self, image: Path) -> None:
        """Copied next to the article (images/ folder) on the writer, then linked."""
        kb, edit = self.kb, self.current()
        self.tasks.write(lambda: kb.insert_image(kb.target_path(edit), image),
                         lambda inserted: self.body.insertPlainText(inserted.markdown),
                         self._not_inserted)

    def _not_inserted(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("Image not inserted"), locale_text.say(error))

    def insert_link(self) -> None:
        """Search for the article to link to; its relative link goes in at the cursor."""
        kb, path = self.kb, self.path

        def find(text: str, show: Callable[[list[Hit]], None]) -> None:
            self.tasks.search(lambda searcher: kb.find(text, exclude=path, searcher=searcher),
                              show, lambda _error: show([]))  # nothing, rather than failing

        self.link_picker = LinkPicker(find, self)
        self.link_picker.picked.connect(self.insert_link_to)
        self.link_picker.open()

    def insert_link_to(self, path: str, title: str) -> None:
        target = self.path or "new.md"  # a new article's folder is decided when saved
        self.body.insertPlainText(link_markdown(title, path, target))

    def archive(self) -> None:
        self.set_value("status", "archived")
        self.changed()
        self.save()

    def on_disk_changed(self) -> None:
        """The folder sync saw this article change. Our own save is not news; someone
        else's edit reloads an untouched editor, and warns one with unsaved changes."""
        if not self.path or self.path in self.own_writes:
            self.own_writes.discard(self.path or "")
            return
        kb, path = self.kb, self.path

        def now() -> Edit | None:
            try:
                return kb.load(path)
            except FileNotFoundError:
                return None

        self.tasks.run(now, self._disk_is)

    def _disk_is(self, disk: Edit | None) -> None:
        if disk is not None and disk.fingerprint == self.edit.fingerprint:
            return
        if disk is not None and not self.dirty:
            self.load(disk)
            self.setWindowTitle(self.title())
            self.banner.hide()
            self.statusBar().showMessage(
                self.tr("Reloaded: the article was changed on disk."), 8000)
            return
        self.banner.setText(self.tr("This article was deleted on disk since you opened it.")
                            if disk is None else
                            self.tr("Someone else changed this article since you opened it. "
                                    "Saving will show both versions to keep yours, take "
                                    "theirs or merge."))
        self.banner.show()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.dirty:
            answer = QMessageBox.question(
                self, self.tr("Unsaved changes"), self.tr("Save your changes before closing?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Save:
                self.closing = True
                self.save_finished.connect(self._close_when_saved)
                self.save()
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()  # closed once saved, or kept open
                return
            self.discard_recovery()
            self.dirty = False
        super().closeEvent(event)
        self.closed.emit()

    def _close_when_saved(self, saved: bool) -> None:
        self.save_finished.disconnect(self._close_when_saved)
        self.closing = False
        if saved:
            self.close()


__all__ = ["EditorWindow", "Opening"]
