"""The article editor: a form for the front matter, Markdown with a live preview, history.

Saving writes only what changed (see kb_app.editing), refuses to overwrite someone else's
edit, records a revision, and keeps unsaved text in a recovery file while typing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontDatabase,
    QKeySequence,
    QSyntaxHighlighter,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QFileDialog,
    QGridLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kb_app.articles import STATUSES, VISIBILITIES, Article, ArticleError, parse_article
from kb_app.diffview import merged_text
from kb_app.editing import (
    ArticleSource,
    ConflictError,
    Fingerprint,
    RecoveryStore,
    move_article,
    relative_href,
    save,
    set_body,
    set_fields,
)
from kb_app.editing import split as split_front_matter
from kb_app.fileio import atomic_write_bytes
from kb_app.gui import theme
from kb_app.gui.article_pane import ArticlePane
from kb_app.gui.editor_dialogs import (
    MERGE,
    TAKE_THEIRS,
    ConflictDialog,
    HistoryDialog,
    LinkPicker,
)
from kb_app.gui.workers import RevisionRequest
from kb_app.history import History, Revision
from kb_app.search import Hit
from kb_app.templates import slugify
from kb_app.validation import Draft, blocks_save, dated, validate

LABELS = {"id": "&Id", "title": "&Title", "product": "&Product", "tags": "Ta&gs",
          "language": "Lan&guage", "summary": "&Quick answer", "status": "&Status",
          "visibility": "&Visibility", "owner": "&Owner", "review_by": "&Review by"}
FIELDS = ("id", "title", "product", "tags", "language", "summary", "status", "visibility",
          "owner", "review_by")
PREVIEW_DELAY_MS = 300
RECOVERY_DELAY_MS = 1000
RECOVERY_MAX_WAIT_S = 5.0


class MarkdownHighlighter(QSyntaxHighlighter):
    RULES = [
        (r"^#{1,6} .*$", dict(bold=True, colour=("#0b5cad", "#8ab4f8"))),
        (r"\*\*[^*]+\*\*", dict(bold=True)),
        (r"`[^`]+`", dict(colour=("#8a3b00", "#f0a870"), mono=True)),
        (r"!?\[[^\]]*\]\([^)]*\)", dict(colour=("#1a7f37", "#7ee2a0"))),
        (r"^\s*:::.*$", dict(bold=True, colour=("#b35900", "#ffb74d"))),
        (r"^\s*([-*+]|\d+\.) ", dict(bold=True)),
    ]

    def __init__(self, document, dark: bool = False) -> None:
        super().__init__(document)
        self.rules = []
        for pattern, style in self.RULES:
            fmt = QTextCharFormat()
            if style.get("bold"):
                fmt.setFontWeight(QFont.Weight.Bold)
            if style.get("colour"):
                fmt.setForeground(QColor(style["colour"][1 if dark else 0]))
            if style.get("mono"):
                fmt.setFontFamilies(["monospace"])
            self.rules.append((re.compile(pattern), fmt))

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        for pattern, fmt in self.rules:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), fmt)


class TagCompleter(QCompleter):
    """Completes the tag being typed in a comma-separated list, keeping the ones before it."""

    def __init__(self, tags: list[str], line: QLineEdit) -> None:
        super().__init__(sorted(set(tags), key=str.casefold), line)
        self.line = line
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setWidget(line)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.activated.connect(self.insert_tag)
        line.textEdited.connect(self.update_prefix)

    def update_prefix(self, text: str) -> None:
        typed = text[:self.line.cursorPosition()].rsplit(",", 1)[-1].strip()
        if not typed:
            self.popup().hide()
            return
        self.setCompletionPrefix(typed)
        if self.completionCount():
            self.complete()
        else:
            self.popup().hide()

    def insert_tag(self, tag: str) -> None:
        text, cursor = self.line.text(), self.line.cursorPosition()
        head = text[:cursor].rsplit(",", 1)
        before = f"{head[0]}, " if len(head) == 2 else ""
        self.line.setText(f"{before}{tag}, {text[cursor:].lstrip(', ')}")
        self.line.setCursorPosition(len(before) + len(tag) + 2)


# Pairs share a row so the Markdown gets the height; single names take the whole row.
FORM_ROWS = (("title",), ("summary",), ("product", "language"), ("tags", "id"),
             ("status", "visibility"), ("owner", "review_by"))


class EditorWindow(QMainWindow):
    saved = Signal(str)  # path of the article, relative to the articles folder
    paths_saved = Signal(list)  # every file the last save, move or delete wrote or removed

    def __init__(self, articles_dir: Path, settings: QSettings, recovery: RecoveryStore,
                 record: Callable[[RevisionRequest], None],
                 find: Callable[[str], list[Hit]],
                 path: str | None = None, text: str | None = None,
                 known: dict[str, list[str]] | None = None,
                 recovery_key: str | None = None, base: str | None = None) -> None:
        """`record` takes revisions to the history thread; `find` searches articles (the
        link picker). `text` and `base` come from a recovery file: the unsaved text, and
        the sha1 of the file it was typed over (if it changed since, saving shows the
        conflict)."""
        super().__init__()
        self.record, self.find_articles = record, find
        self.root, self.settings, self.recovery = articles_dir, settings, recovery
        self.known = known or {}
        self.path = path
        self.recovery_key = recovery_key or path or f"new:{uuid.uuid4().hex}"
        self.source = (ArticleSource.load(articles_dir / path) if path
                       else ArticleSource.new(articles_dir / "new.md", text or ""))
        if base and self.source.fingerprint and self.source.fingerprint.sha1 != base:
            self.source = dataclasses.replace(self.source, fingerprint=Fingerprint(-1, base))
        self.loaded: dict[str, str] = {}
        self.unkept_since = time.monotonic()
        self._history: History | None = None
        self._build()
        self._load_into_form(self.source.text if text is None else text)
        self.dirty = text is not None and path is not None  # recovered text is unsaved
        self.setWindowTitle(self._title())
        # Staff open an article to change its text; a new one starts with its title.
        (self.body if path else self.inputs["title"]).setFocus()

    # -- construction --------------------------------------------------------------------

    def _build(self) -> None:
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        for row, names in enumerate(FORM_ROWS):
            for column, name in enumerate(names):
                widget = self._field_widget(name)
                self.inputs[name] = widget
                label = QLabel(LABELS.get(name, name.capitalize()))
                label.setBuddy(widget)
                cell = QVBoxLayout()
                cell.setSpacing(0)
                cell.addWidget(widget)
                cell.addWidget(self._error_label(name))
                grid.addWidget(label, row, column * 2, Qt.AlignmentFlag.AlignTop)
                grid.addLayout(cell, row, column * 2 + 1, 1, 3 if len(names) == 1 else 1)
        self.message = QLineEdit(placeholderText="What changed, in a few words (for the "
                                 "history)", objectName="changeNote")
        grid.addWidget(QLabel("Change &note", buddy=self.message), len(FORM_ROWS), 0)
        grid.addWidget(self.message, len(FORM_ROWS), 1, 1, 3)
        dark = theme.palette_is_dark()
        self.body = QPlainTextEdit(objectName="body")
        self.body.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.highlighter = MarkdownHighlighter(self.body.document(), dark)
        self.preview_pane = ArticlePane(self.root, interactive=False)
        self.preview_pane.set_palette_style(dark)
        self.preview = self.preview_pane.browser
        self.banner = QLabel(objectName="diskBanner", wordWrap=True)
        self.banner.setStyleSheet("background-color: #fff3cd; color: #5c4400; padding: 6px;")
        self.banner.hide()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.banner)
        left_layout.addLayout(grid)
        left_layout.addWidget(self.body, 1)
        left_layout.addWidget(self._error_label("body"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview_pane)
        splitter.setSizes([650, 550])
        self.setCentralWidget(splitter)
        self.preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.update_preview)
        self.recovery_timer = QTimer(self, singleShot=True, interval=RECOVERY_DELAY_MS)
        self.recovery_timer.timeout.connect(self.keep_recovery)
        self.body.textChanged.connect(self.changed)
        menu = self.menuBar().addMenu("&Article")
        toolbar = self.addToolBar("Article")
        toolbar.setObjectName("articleToolbar")
        self.actions_by_name: dict[str, QAction] = {}
        for text, keys, slot, on_toolbar in (
                ("&Save", QKeySequence.StandardKey.Save, self.save, True),
                ("Insert &image…", "Ctrl+Shift+I", self.insert_image, True),
                ("Insert &link to article…", "Ctrl+L", self.insert_link, True),
                ("&History…", "Ctrl+Shift+H", self.show_history, True),
                ("&Rename or move…", "Ctrl+Shift+M", self.ask_move, False),
                ("&Archive (restorable)", None, self.archive, False),
                ("&Delete permanently…", None, self.delete, False),
                ("Your &name for the history…", None, self.ask_author, False),
                ("&Close", QKeySequence.StandardKey.Close, self.close, False)):
            action = QAction(text, self)
            if keys is not None:
                action.setShortcut(QKeySequence(keys))
                action.setToolTip(f"{text.replace('&', '').rstrip('…')} "
                                  f"({action.shortcut().toString()})")
            action.triggered.connect(slot)
            menu.addAction(action)
            if on_toolbar:
                toolbar.addAction(action)
            self.actions_by_name[text.replace("&", "").rstrip("…")] = action
        self.resize(1280, 860)

    def _error_label(self, name: str) -> QLabel:
        error = QLabel(objectName=f"error-{name}", wordWrap=True)
        error.setStyleSheet("color: #d93025")
        error.hide()
        self.errors[name] = error
        return error

    def _field_widget(self, name: str) -> QWidget:
        if name in ("status", "visibility", "language", "product"):
            combo = QComboBox(objectName=name)
            combo.setEditable(name in ("language", "product"))
            combo.addItems({"status": list(STATUSES), "visibility": list(VISIBILITIES),
                            "language": ["en", "bn"],
                            "product": self.known.get("products", [])}[name])
            combo.currentTextChanged.connect(self.changed)
            return combo
        if name == "summary":
            edit = QPlainTextEdit(objectName=name)
            edit.setFixedHeight(70)
            edit.textChanged.connect(self.changed)
            return edit
        line = QLineEdit(objectName=name)
        if name == "review_by":
            line.setPlaceholderText("YYYY-MM-DD")
        if name == "tags":
            line.setPlaceholderText("comma, separated")
            self.tag_completer = TagCompleter(self.known.get("tags", []), line)
        line.textChanged.connect(self.changed)
        return line

    # -- form <-> text -------------------------------------------------------------------

    def value(self, name: str) -> str:
        widget = self.inputs[name]
        if isinstance(widget, QComboBox):
            return widget.currentText().strip()
        if isinstance(widget, QPlainTextEdit):
            return " ".join(widget.toPlainText().split())
        return widget.text().strip()

    def set_value(self, name: str, value: str) -> None:
        widget = self.inputs[name]
        widget.blockSignals(True)
        if isinstance(widget, QComboBox):
            widget.setCurrentText(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(value)
        widget.blockSignals(False)

    def _field_values(self, text: str) -> dict[str, str]:
        """The form's fields as they read in `text`."""
        article = self._parse(text)
        return {"id": article.id, "title": article.title, "product": article.product,
                "tags": ", ".join(article.tags), "language": article.language,
                "summary": article.summary, "status": article.status,
                "visibility": article.visibility, "owner": article.owner,
                "review_by": article.review_by.isoformat() if article.review_by else ""}

    def _load_into_form(self, text: str) -> None:
        values = self._field_values(text)
        front, _ = split_front_matter(text)
        explicit = {line.split(":", 1)[0].strip() for line in front or []}
        # `loaded` is what the form showed: only fields the user changes are written, so
        # defaults (language en, status published) are not added to files that omit them.
        if not self.path and "id" not in explicit:
            values["id"] = ""  # a new article's id comes from its title when first saved
            self.inputs["id"].setPlaceholderText("set from the title when saved")
        for name in FIELDS:
            self.set_value(name, values[name])
            self.loaded[name] = values[name]
        self.loaded_text = text
        self.body.blockSignals(True)
        self.body.setPlainText(split_front_matter(text)[1])
        self.body.blockSignals(False)
        self.update_preview()

    def _parse(self, text: str) -> Article:
        rel = self.path or self._target_path()
        try:
            article, _ = parse_article(text, rel, rel[:-3], Path(rel).stem)
        except ArticleError:  # an unreadable draft still opens in the editor
            article = Article(id=rel[:-3], path=rel, title="", body=text)
        return article

    def current_text(self) -> str:
        """The file as it would be saved: the original bytes with only the edits applied."""
        changes: dict[str, object] = {}
        for name in FIELDS:
            value = self.value(name)
            if value != self.loaded.get(name, "") and not (name == "id" and not self.path
                                                            and not value):
                changes[name] = ([t.strip() for t in value.split(",") if t.strip()]
                                 if name == "tags" else value or None)
        text = set_fields(self.loaded_text, changes) if changes else self.loaded_text
        body = self.body.toPlainText()
        if body != split_front_matter(self.loaded_text)[1]:
            text = set_body(text, body)
        return text

    # -- live behaviour ------------------------------------------------------------------

    def changed(self, *_: object) -> None:
        self.dirty = True
        self.setWindowTitle(self._title())
        self.preview_timer.start()
        # Kept a second after typing pauses, and at least every few seconds while it goes on.
        if not self.recovery_timer.isActive():
            self.unkept_since = time.monotonic()
        if time.monotonic() - self.unkept_since > RECOVERY_MAX_WAIT_S:
            self.recovery_timer.stop()
            self.keep_recovery()
        else:
            self.recovery_timer.start()

    def _title(self) -> str:
        name = self.value("title") or "New article"
        return f"{'• ' if getattr(self, 'dirty', False) else ''}{name} — Gyan editor"

    def update_preview(self) -> None:
        """Rendered by the agent's own article pane, so it is exactly what agents see."""
        self.preview_pane.show_article(self._parse(self.current_text()), None,
                                       keep_position=True)

    def keep_recovery(self) -> None:
        if self.dirty:
            self.recovery.keep(self.recovery_key, self.current_text(),
                               base=self.source.fingerprint.sha1 if self.source.fingerprint
                               else None)

    # -- saving --------------------------------------------------------------------------

    def author(self) -> str | None:
        """The name revisions are recorded under: asked once, then remembered."""
        name = str(self.settings.value("author", "") or "")
        return name.strip() if name.strip() else self.ask_author()

    def ask_author(self) -> str | None:
        current = str(self.settings.value("author", "") or "")
        name, ok = QInputDialog.getText(self, "Your name", "Your name, for the history of "
                                        "the articles you edit:", text=current)
        if not ok or not name.strip():
            return None
        self.settings.setValue("author", name.strip())
        return name.strip()

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.setText(problems.get(name, ""))
            label.setVisible(name in problems)

    def _target_path(self) -> str:
        if self.path:
            return self.path
        folder = slugify(self.value("product") or "general")
        stem = slugify(self.value("title"))
        candidate, n = f"{folder}/{stem}.md", 2
        while (self.root / candidate).exists():
            candidate, n = f"{folder}/{stem}-{n}.md", n + 1
        return candidate

    def save(self) -> bool:
        path = self._target_path()
        if not self.path and not self.value("id"):
            self.set_value("id", Path(path).stem)
        draft = Draft(self.value("id"), self.value("title"), self.value("summary"),
                      self.value("status"), self.value("review_by"), self.body.toPlainText())
        problems = validate(draft, path, self.root, self.known_ids(path))
        self.show_problems(problems)
        if blocks_save(problems, draft.status):
            self.statusBar().showMessage("Not saved: fix the fields marked in red, or save "
                                         "as a draft.", 8000)
            return False
        author = self.author()
        if author is None:
            return False
        text = dated(self.loaded_text, self.current_text(), draft.status, dt.date.today())
        return self._write(path, text, author)

    def _write(self, path: str, text: str, author: str) -> bool:
        if not self.path:
            self.source = ArticleSource.new(self.root / path, text)
        try:
            self.source = save(self.source, text, self.root)
        except ConflictError as conflict:
            return self.resolve_conflict(path, text, conflict.theirs, author)
        except OSError as exc:  # a read-only folder, a full disk, a vanished share
            self.keep_recovery()
            QMessageBox.warning(self, "Not saved",
                                f"{path} could not be written: {exc.strerror or exc}.\n\n"
                                "Your text stays in the editor and in the recovery file; "
                                "save again once the folder is writable.")
            return False
        self.path = path
        self._commit(author, self.message.text().strip() or f"Edit {self.value('title')}")
        self.recovery.discard(self.recovery_key)
        self.recovery_key = path
        self.loaded_text = text  # the form stays as typed: cursor and scroll do not move
        self.loaded = {name: self.value(name) for name in FIELDS}
        self.dirty = False
        self.message.clear()
        self.setWindowTitle(self._title())
        self.banner.hide()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        self.paths_saved.emit([path])
        self.saved.emit(path)
        return True

    def known_ids(self, path: str) -> set[str]:
        """Ids of the other articles, for the unique-id check."""
        return {i for p, i in self.known.get("ids_by_path", {}).items() if p != path and i}

    @property
    def history(self) -> History:
        if self._history is None:
            self._history = History(self.root)
        return self._history

    def _commit(self, author: str, message: str, paths: list[str] | None = None) -> None:
        """Ask for a revision of what is on disk now (it is recorded a moment later)."""
        paths = paths or [self.path]
        contents = {p: (self.root / p).read_bytes() if (self.root / p).is_file() else None
                    for p in paths}
        self.record(RevisionRequest(paths, author, message, contents))

    def resolve_conflict(self, path: str, mine: str, theirs: str | None, author: str) -> bool:
        """Someone else saved first: show both, and let the user choose. Nothing of theirs
        is overwritten unless the user says "keep mine"."""
        choice = ConflictDialog.ask(mine, theirs, self)
        if choice is None:
            return False
        on_disk = self.root / path
        fresh = (ArticleSource.load(on_disk) if on_disk.exists()
                 else ArticleSource.new(on_disk, ""))
        self.source = fresh
        if choice == TAKE_THEIRS:
            self._load_into_form(fresh.text)
            self.dirty = False
            self.recovery.discard(self.recovery_key)
            return False
        if choice == MERGE:
            # Bodies and fields are merged against the text this editor started from:
            # changes on one side only are kept as they are, places both changed marked.
            base = split_front_matter(self.loaded_text)[1]
            merged, conflicts = merged_text(split_front_matter(mine)[1],
                                            split_front_matter(fresh.text)[1], base)
            conflicts += self._merge_fields(self._field_values(fresh.text))
            self.loaded_text = fresh.text
            self.body.setPlainText(merged)
            self.statusBar().showMessage(
                f"Merged. {conflicts} place(s) changed by both need a look: marked in the "
                "text (<<<<<<< mine … >>>>>>> theirs) or next to a field. Then save."
                if conflicts else
                "Merged: their changes and yours are both in. Check, then save.", 15_000)
            return False
        return self._write(path, mine, author)  # keep mine: overwrite, knowingly

    def _merge_fields(self, theirs: dict[str, str]) -> int:
        """Fields only they changed now show their value; fields only I changed keep mine;
        a field both changed keeps mine and says what theirs was. Returns the clashes."""
        clashes = {}
        for name in FIELDS:
            base, mine = self.loaded.get(name, ""), self.value(name)
            if mine == base:
                self.set_value(name, theirs[name])
            elif theirs[name] not in (base, mine):
                clashes[name] = (f"Also changed by someone else, to “{theirs[name]}”; yours "
                                 "is kept here.")
        self.loaded = dict(theirs)  # what the file now says: only my changes are written
        self.show_problems(clashes)
        return len(clashes)

    # -- commands ------------------------------------------------------------------------

    def insert_image(self) -> None:
        file, _ = QFileDialog.getOpenFileName(self, "Insert image", str(Path.home()),
                                              "Images (*.png *.jpg *.jpeg *.gif *.svg *.webp)")
        if file:
            self.insert_image_file(Path(file))

    def insert_image_file(self, image: Path) -> str:
        """Copy the image next to the article (images/ folder) and link it relatively."""
        folder = (self.root / self._target_path()).parent / "images"
        folder.mkdir(parents=True, exist_ok=True)
        target, n = folder / image.name, 2
        data = image.read_bytes()
        # Another image of the same name is never overwritten: it may be in use elsewhere.
        while target.exists() and target.read_bytes() != data:
            target, n = folder / f"{image.stem}-{n}{image.suffix}", n + 1
        if not target.exists():
            atomic_write_bytes(target, data)
        link = f"![{image.stem}](images/{quote(target.name)})"
        self.body.insertPlainText(link)
        return link

    def insert_link(self) -> None:
        """Search for the article to link to; its relative link goes in at the cursor."""
        self.link_picker = LinkPicker(
            lambda text: [hit for hit in self.find_articles(text) if hit.path != self.path],
            self)  # not the article itself
        self.link_picker.picked.connect(self.insert_link_to)
        self.link_picker.open()

    def insert_link_to(self, path: str, title: str) -> None:
        label = title.replace("[", "\\[").replace("]", "\\]")
        self.body.insertPlainText(f"[{label}]({relative_href(path, self._target_path())})")

    def show_history(self) -> None:
        if not self.path:
            return
        dialog = HistoryDialog(self.history, self.path, self)
        if dialog.exec() and dialog.restored is not None:
            self.restore(dialog.restored)

    def restore(self, revision: Revision) -> bool:
        """The old text is saved as a new revision, through the usual conflict check."""
        text = self.history.content_at(revision.id, revision.path)
        author = self.author()
        if author is None:
            return False
        self.message.setText(f"Restore the revision of {revision.when} ({revision.id[:8]})")
        if not self._write(self.path, text, author):
            return False
        self._load_into_form(self.source.text)
        self.setWindowTitle(self._title())
        return True

    def on_disk_changed(self) -> None:
        """The folder sync saw this article change. Our own save is not news; someone
        else's edit reloads an untouched editor, and warns one with unsaved changes."""
        if not self.path:
            return
        try:
            current = Fingerprint.of((self.root / self.path).read_bytes())
        except OSError:
            current = None
        if current == self.source.fingerprint:
            return
        if current is not None and not self.dirty:
            self.source = ArticleSource.load(self.root / self.path)
            self._load_into_form(self.source.text)
            self.setWindowTitle(self._title())
            self.banner.hide()
            self.statusBar().showMessage("Reloaded: the article was changed on disk.", 8000)
            return
        self.banner.setText("This article was deleted on disk since you opened it."
                            if current is None else
                            "Someone else changed this article since you opened it. Saving "
                            "will show both versions to keep yours, take theirs or merge.")
        self.banner.show()

    def ask_move(self) -> None:
        if not self.path:
            self.statusBar().showMessage("Save the new article first, then move it.", 5000)
            return
        if self.dirty and not self.save():
            return
        new, ok = QInputDialog.getText(self, "Rename or move", "New path in the articles "
                                       "folder (links to it are updated):", text=self.path)
        if ok and new.strip() and new.strip() != self.path:
            self.move_to(new.strip())

    def move_to(self, new: str) -> bool:
        """Move the saved article; links elsewhere follow and the history sees a rename."""
        author = self.author()
        if author is None:
            return False
        old = self.path
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # reads every article
        try:
            changed = move_article(self.root, old, new)
        except (OSError, ValueError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Cannot move the article", str(exc))
            return False
        QApplication.restoreOverrideCursor()
        self.path, self.recovery_key = new, new
        self.source = ArticleSource.load(self.root / new)
        self._commit(author, f"Move {old} to {new}", changed)
        self._load_into_form(self.source.text)  # its own links may have been re-pointed
        others = len(changed) - 2
        self.statusBar().showMessage(f"Moved to {new}" + (
            f"; links in {others} other article(s) updated" if others else ""), 8000)
        self.paths_saved.emit(changed)
        self.saved.emit(new)
        return True

    def archive(self) -> None:
        self.set_value("status", "archived")
        self.changed()
        self.save()

    def delete(self) -> None:
        if not self.path:
            return
        for question in ("Delete this article permanently? Archiving keeps it restorable.",
                         "Really delete? It stays only in the history."):
            answer = QMessageBox.question(self, "Delete article", question)
            if answer != QMessageBox.StandardButton.Yes:
                return
        author = self.author()
        if author is None:
            return
        try:
            (self.root / self.path).unlink(missing_ok=True)
        except OSError as exc:
            QMessageBox.warning(self, "Not deleted", f"{self.path}: {exc.strerror or exc}")
            return
        self._commit(author, f"Delete {self.path}")
        self.recovery.discard(self.recovery_key)
        self.dirty = False
        self.paths_saved.emit([self.path])
        self.saved.emit(self.path)
        self.close()

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.dirty:
            answer = QMessageBox.question(
                self, "Unsaved changes", "Save your changes before closing?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel or (
                    answer == QMessageBox.StandardButton.Save and not self.save()):
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Discard:
                self.recovery.discard(self.recovery_key)
        if self._history is not None:
            self._history.close()
        super().closeEvent(event)
