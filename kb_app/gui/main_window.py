"""The agent's window: search as you type, results, the article pane, all from the keyboard."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QMetaObject,
    QObject,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDesktopServices, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kb_app import config
from kb_app.editing import RecoveryStore
from kb_app.gui import theme
from kb_app.gui.article_pane import ArticlePane
from kb_app.gui.editor import EditorWindow
from kb_app.gui.results import HitRole, ResultDelegate, ResultsModel, Row
from kb_app.gui.workers import (
    ExportWorker,
    HistoryWorker,
    HomeLists,
    IndexWorker,
    RevisionRequest,
    SearchRequest,
    SearchWorker,
    Survey,
    start_thread,
)
from kb_app.index import KnowledgeIndex, SyncReport
from kb_app.localdata import LocalData
from kb_app.search import Hit, KnowledgeSearcher, SearchResponse
from kb_app.snippets import Matcher
from kb_app.templates import TEMPLATES, new_article_text

POLL_MS = 2000  # how often the folder is checked for changes made elsewhere
REVISION_DELAY_MS = 2000  # at the latest, a saved revision is recorded after this
REVISION_AFTER_SYNC_MS = 250  # after the index took a save in, before its revision
ALL = "All"


class MainWindow(QMainWindow):
    search_requested = Signal(object)
    home_requested = Signal(object, object, object)
    sync_requested = Signal()
    refresh_requested = Signal()
    results_painted = Signal(int)  # serial of the search whose results are now shown
    export_requested = Signal(object)  # output folder
    revision_requested = Signal(object)  # RevisionRequest, recorded on the history thread

    def __init__(self, kb: KnowledgeIndex, data: LocalData, settings: QSettings) -> None:
        super().__init__()
        self.kb, self.data, self.settings = kb, data, settings
        self.setWindowTitle(f"Gyan — {kb.articles_dir.name}")
        self.serial = 0
        self.shown_serial = 0
        self.response: SearchResponse | None = None
        self.changed_ids: set[str] = set()
        self.versions: dict[str, str] = {}  # article id -> version, from the last survey
        self.revisions_waiting: list[RevisionRequest] = []
        self.with_archived = False  # staff only, for restoring; never remembered
        self.editors_searcher: KnowledgeSearcher | None = None  # see _editors_searcher
        self.last_sync: SyncReport | None = None  # None until the folder was checked once
        self.recovery = RecoveryStore(config.data_dir(kb.articles_dir) / "recovery")
        self.editors: list[EditorWindow] = []
        self._build_widgets()
        self._build_actions()
        self._start_workers()
        self._restore()
        self.box.setFocus()
        self.show_home()
        QTimer.singleShot(0, self.offer_recovery)

    # -- construction --------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.box = QLineEdit(placeholderText="Search articles (Ctrl+K)…", objectName="search")
        self.box.setClearButtonEnabled(True)
        self.box.textChanged.connect(self.on_text)
        self.box.installEventFilter(self)
        self.product = QComboBox(objectName="product")
        self.language = QComboBox(objectName="language")
        for combo in (self.product, self.language):
            combo.addItem(ALL)
            combo.currentIndexChanged.connect(lambda _=0: self.on_text(self.box.text()))
        self.language.addItems(["en", "bn"])
        self.suggestion = QLabel(objectName="didYouMean")
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.linkActivated.connect(self.accept_suggestion)
        self.suggestion.hide()
        self.model = ResultsModel()
        self.list = QListView(objectName="results")
        self.list.setModel(self.model)
        self.delegate = ResultDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.model.modelAboutToBeReset.connect(self.delegate.forget)
        self.model.layoutChanged.connect(self.delegate.forget)
        self.list.setWordWrap(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.activated.connect(lambda _=None: self.open_current())
        self.list.clicked.connect(lambda _=None: self.open_current(focus_pane=False))
        self.list.installEventFilter(self)
        self.pane = ArticlePane(self.kb.articles_dir)
        self.pane.open_article.connect(self.open_path)
        self.pane.flag_requested.connect(self.flag)
        self.pane.pin_toggled.connect(self.set_pinned)
        self.pane.copy_answer.clicked.connect(self.copy_answer)

        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        top.addWidget(QLabel("Product"))
        top.addWidget(self.product)
        top.addWidget(QLabel("Language"))
        top.addWidget(self.language)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.suggestion)
        left_layout.addWidget(self.list)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(1, 2)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.progress = QProgressBar(maximumWidth=220)
        self.progress.hide()
        self.changed_button = QPushButton(flat=True, objectName="changedButton")
        self.changed_button.clicked.connect(self.show_changed)
        self.changed_button.hide()
        self.statusBar().addPermanentWidget(self.changed_button)
        self.open_site_button = QPushButton("Open exported site in browser",
                                            objectName="openSite")
        self.open_site_button.clicked.connect(self.open_exported_site)
        self.open_site_button.hide()
        self.statusBar().addPermanentWidget(self.open_site_button)
        self.exported_to: Path | None = None
        self.statusBar().addPermanentWidget(self.progress)

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey | None, slot,
                checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        menu = self.menuBar()
        search = menu.addMenu("&Search")
        search.addAction(self._action("Go to search box", "Ctrl+K", self.focus_search))
        search.addAction(self._action("Home: pinned, recent, changed", "Ctrl+H",
                                      self.go_home))
        search.addAction(self._action("What changed", "Ctrl+Shift+W", self.show_changed))
        article = menu.addMenu("&Article")
        article.addAction(self._action("Copy quick answer", "Ctrl+Shift+C", self.copy_answer))
        article.addAction(self._action("Copy article as plain text", "Ctrl+Shift+T",
                                       self.copy_plain))
        article.addAction(self._action("Copy article as Markdown", "Ctrl+Shift+M",
                                       self.copy_markdown))
        article.addAction(self._action("Pin / unpin", "Ctrl+D", self.toggle_pin))
        article.addSeparator()
        for kind, keys in (("helpful", "Ctrl+1"), ("outdated", "Ctrl+2"), ("wrong", "Ctrl+3")):
            article.addAction(self._action(f"Flag as {kind}…", keys,
                                           lambda _=False, k=kind: self.flag(k)))
        view = menu.addMenu("&View")
        view.addAction(self._action("Larger text", "Ctrl+=", lambda: self.zoom(1)))
        view.addAction(self._action("Smaller text", "Ctrl+-", lambda: self.zoom(-1)))
        self.theme_actions = {}
        for mode in theme.MODES:
            action = self._action(f"Theme: {mode}", None,
                                  lambda _=False, m=mode: self.set_theme(m), checkable=True)
            view.addAction(action)
            self.theme_actions[mode] = action
        edit = menu.addMenu("&Edit")
        edit.addAction(self._action("New article…", "Ctrl+N", self.new_article))
        edit.addAction(self._action("Edit this article", "Ctrl+E", self.edit_article))
        edit.addSeparator()
        self.archived_action = self._action(
            "Include archived articles in search (to restore one)", "Ctrl+Shift+A",
            lambda on: self.include_archived(on), checkable=True)
        edit.addAction(self.archived_action)
        publish = menu.addMenu("&Publish")
        publish.addAction(self._action("Export public website…", "Ctrl+Shift+E",
                                       self.choose_export_folder))
        index = menu.addMenu("&Index")
        index.addAction(self._action("Check the folder for changes now", "F5",
                                     self.sync_requested.emit))

    def _start_workers(self) -> None:
        self.search_worker = SearchWorker(self.kb)
        self.index_worker = IndexWorker(self.kb)
        self.search_thread = start_thread(self.search_worker, "search")
        self.index_thread = start_thread(self.index_worker, "index")
        self.search_requested.connect(self.search_worker.search)
        self.home_requested.connect(self.search_worker.home)
        self.refresh_requested.connect(self.search_worker.refresh)
        self.sync_requested.connect(self.index_worker.sync)
        self.search_worker.finished.connect(self.show_results)
        self.search_worker.home_ready.connect(self.show_home_lists)
        self.search_worker.surveyed.connect(self.on_surveyed)
        self.search_worker.failed.connect(self.statusBar().showMessage)
        self.index_worker.progress.connect(self.on_progress)
        self.index_worker.synced.connect(self.on_synced)
        self.index_worker.tidied.connect(self.refresh_requested.emit)
        self.index_worker.failed.connect(self.statusBar().showMessage)
        self.export_worker = ExportWorker(self.kb.articles_dir)
        self.export_thread = start_thread(self.export_worker, "export")
        self.export_requested.connect(self.export_worker.export)
        self.export_worker.progress.connect(self.on_export_progress)
        self.export_worker.finished.connect(self.on_exported)
        self.export_worker.failed.connect(self.statusBar().showMessage)
        self.history_worker = HistoryWorker(self.kb.articles_dir)
        self.history_thread = start_thread(self.history_worker, "history")
        self.revision_requested.connect(self.history_worker.record)
        self.history_worker.failed.connect(self.on_history_failed)
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(self.sync_requested.emit)
        self.poll.start()
        self.statusBar().showMessage("Opening the knowledge base…")
        self.sync_requested.emit()

    # -- searching -----------------------------------------------------------------------

    def filters(self) -> tuple[str | None, str | None]:
        product = self.product.currentText()
        language = self.language.currentText()
        return (None if product == ALL else product, None if language == ALL else language)

    def on_text(self, text: str) -> None:
        self.serial += 1
        self.search_worker.note_latest(self.serial)
        if not text.strip():
            self.response = None
            self.suggestion.hide()
            self.show_home()
            return
        product, language = self.filters()
        self.search_requested.emit(SearchRequest(self.serial, text, product, language,
                                                 include_archived=self.with_archived))

    def show_results(self, serial: int, response: SearchResponse) -> None:
        if serial != self.serial:
            return  # a newer keystroke is on its way
        self.response = response
        if response.corrected:
            self.suggestion.setText(
                f'Showing results for <a href="use"><b>{response.corrected}</b></a> '
                f"({response.total} found)")
            self.suggestion.show()
        else:
            self.suggestion.hide()
        rows = [Row(hit, badge="updated" if hit.id in self.changed_ids else "")
                for hit in response.results]
        self.model.set_rows(rows)
        if rows:
            self.list.setCurrentIndex(self.model.index(0, 0))
        self.statusBar().showMessage(f"{response.total} result(s)")
        if not response.total:
            self.data.log_search(response.query, 0)
        self.shown_serial = serial
        self.results_painted.emit(serial)

    def accept_suggestion(self, _link: str = "") -> None:
        if self.response and self.response.corrected:
            self.box.setText(self.response.corrected)
            self.box.setFocus()

    def matcher(self) -> Matcher | None:
        if not self.response or not (self.response.terms or self.response.prefixes):
            return None
        return Matcher(self.response.terms, self.response.prefixes)

    # -- home lists ----------------------------------------------------------------------

    def show_home(self) -> None:
        self.home_requested.emit(self.data.pins(), self.data.recents()[:10],
                                 sorted(self.changed_ids))

    def show_home_lists(self, lists: HomeLists) -> None:
        if self.box.text().strip():
            return
        rows: list[Row] = []
        for title, hits, badge in (("Pinned", lists.pinned, ""),
                                   ("Updated since you last looked", lists.changed, "updated"),
                                   ("Recently opened", lists.recent, "")):
            if hits:
                rows.append(Row(header=title))
                rows.extend(Row(hit, badge=badge if hit.id in self.changed_ids else "")
                            for hit in hits)
        self.model.set_rows(rows)
        first = self.model.first_hit_row()
        if first >= 0:
            self.list.setCurrentIndex(self.model.index(first, 0))

    def go_home(self) -> None:
        self.box.clear()
        self.focus_search()

    def show_changed(self) -> None:
        self.go_home()

    # -- opening articles ----------------------------------------------------------------

    def current_hit(self) -> Hit | None:
        index = self.list.currentIndex()
        return index.data(HitRole) if index.isValid() else None

    def open_current(self, focus_pane: bool = True) -> None:
        hit = self.current_hit()
        if hit is None:
            return
        self.open_hit(hit)
        if focus_pane:
            self.pane.browser.setFocus()

    def open_hit(self, hit: Hit) -> None:
        if not self.pane.load(hit.path, self.matcher()):
            return
        self.pane.pin.blockSignals(True)
        self.pane.pin.setChecked(self.data.is_pinned(hit.id))
        self.pane.pin.blockSignals(False)
        self.data.opened(hit.id)
        if self.response:
            self.data.log_search(self.response.query, self.response.total, hit.id)
        version = self.versions.get(hit.id)
        if version:
            self.data.mark_seen({hit.id: version})
        self.changed_ids.discard(hit.id)
        self._show_changed_count()

    def open_path(self, path: str) -> None:
        path = path.split("#", 1)[0]
        if self.pane.load(path, None) and self.pane.article:
            self.data.opened(self.pane.article.id)

    # -- article commands ----------------------------------------------------------------

    def copy_answer(self) -> None:
        text = self.pane.answer_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.statusBar().showMessage("Quick answer copied", 3000)

    def copy_plain(self) -> None:
        if self.pane.article:
            QGuiApplication.clipboard().setText(self.pane.plain_text())
            self.statusBar().showMessage("Article copied as plain text", 3000)

    def copy_markdown(self) -> None:
        if self.pane.article:
            QGuiApplication.clipboard().setText(self.pane.markdown_text())
            self.statusBar().showMessage("Article copied as Markdown", 3000)

    def toggle_pin(self) -> None:
        if self.pane.article:
            self.pane.pin.toggle()

    def set_pinned(self, pinned: bool) -> None:
        if self.pane.article:
            self.data.set_pinned(self.pane.article.id, pinned)
            self.statusBar().showMessage("Pinned" if pinned else "Unpinned", 2000)

    def flag(self, kind: str) -> None:
        article = self.pane.article
        if article is None:
            return
        comment, ok = QInputDialog.getText(
            self, f"Flag as {kind}", f"Flag “{article.title}” as {kind}.\n"
            "Comment for the product team (optional):")
        if not ok:
            return
        self.data.add_flag(article.id, kind, comment, agent=self.settings.value("agent", ""))
        self.statusBar().showMessage(f"Flagged as {kind}: thank you", 3000)

    # -- editing -------------------------------------------------------------------------

    def _editable(self) -> bool:
        """The bundled sample is never edited in place: offer to copy it first."""
        if self.kb.articles_dir.resolve() != config.bundled_articles_dir().resolve():
            return True
        target = config.editable_copy_dir()
        answer = QMessageBox.question(
            self, "Edit a copy of the sample",
            "The bundled sample knowledge base is not edited in place.\n"
            f"Copy it to {target} and edit the copy?")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        shutil.copytree(self.kb.articles_dir, target, dirs_exist_ok=False)
        self.switch_folder(target)
        return False

    def switch_folder(self, folder: Path) -> None:
        from kb_app.gui.app import create_window

        self.successor = create_window(folder, None, self.settings)
        self.successor.show()
        self.close()

    def _editors_searcher(self) -> KnowledgeSearcher:
        """One searcher on the UI thread for what editors ask (completion lists, the link
        picker), kept open: opening one costs tens of milliseconds at 10,000 articles."""
        if self.editors_searcher is None:
            self.editors_searcher = self.kb.searcher()
        else:
            self.editors_searcher.refresh()
        return self.editors_searcher

    def find_articles(self, text: str) -> list[Hit]:
        """For the editors' link picker: drafts too, archived not (a link to one is dead)."""
        try:
            return self._editors_searcher().search(text, limit=30).results
        except Exception:  # noqa: BLE001 - the picker shows nothing rather than failing
            return []

    def _catalogue(self) -> dict:
        try:
            return self._editors_searcher().catalogue()
        except Exception:  # noqa: BLE001 - completion lists are a convenience
            return {}

    def open_editor(self, path: str | None = None, text: str | None = None,
                    recovery_key: str | None = None, base: str | None = None) -> EditorWindow:
        for editor in self.editors:  # one editor per article: no conflicts with oneself
            if path and text is None and editor.path == path and editor.isVisible():
                editor.raise_()
                editor.activateWindow()
                return editor
        editor = EditorWindow(self.kb.articles_dir, self.settings, self.recovery,
                              self.record_revision, self.find_articles, path, text,
                              self._catalogue(), recovery_key, base)
        editor.paths_saved.connect(self.index_worker.sync_paths)
        self.editors.append(editor)
        editor.show()
        editor.raise_()
        editor.activateWindow()  # typing goes to the editor at once
        return editor

    def new_article(self) -> None:
        if not self._editable():
            return
        template, ok = QInputDialog.getItem(self, "New article", "Start from:",
                                            list(TEMPLATES), 0, False)
        if not ok:
            return
        title, ok = QInputDialog.getText(self, "New article", "Title:")
        if ok and title.strip():
            self.open_editor(text=new_article_text(template, title.strip()))

    def include_archived(self, on: bool) -> None:
        """Archived articles are hidden from agents; staff show them to restore one."""
        self.with_archived = on
        self.statusBar().showMessage("Search includes archived articles" if on else
                                     "Archived articles are hidden again", 5000)
        self.on_text(self.box.text())

    def edit_article(self) -> None:
        article = self.pane.article
        hit = self.current_hit()
        path = article.path if article else (hit.path if hit else None)
        if path and self._editable():
            self.open_editor(path)

    def offer_recovery(self) -> None:
        """Unsaved editor text from a session that ended without saving."""
        for entry in self.recovery.pending():
            key = entry.get("key", "")
            answer = QMessageBox.question(
                self, "Recover unsaved changes",
                f"Unsaved changes to {key if not key.startswith('new:') else 'a new article'}"
                f" were kept from {_when(entry.get('saved'))}. Open them?")
            if answer == QMessageBox.StandardButton.Yes:
                path = key if (self.kb.articles_dir / key).is_file() else None
                self.open_editor(path, entry.get("text", ""), recovery_key=key,
                                 base=entry.get("base"))
            else:
                self.recovery.discard(key)

    # -- publishing ----------------------------------------------------------------------

    def choose_export_folder(self) -> None:
        start = self.settings.value("export_folder", str(Path.home()))
        folder = QFileDialog.getExistingDirectory(self, "Export the public website to", start)
        if folder:
            self.export_site(Path(folder))

    def export_site(self, folder: Path) -> None:
        self.settings.setValue("export_folder", str(folder))
        self.open_site_button.hide()
        self.statusBar().showMessage(f"Exporting the public articles to {folder}…")
        self.export_requested.emit(folder)

    def on_export_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setVisible(done < total)

    def on_exported(self, report) -> None:
        self.progress.hide()
        self.exported_to = report.out
        self.statusBar().showMessage(
            f"Exported {report.articles} public article(s) to {report.out}", 10_000)
        self.open_site_button.show()

    def open_exported_site(self) -> None:
        if self.exported_to:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported_to / "index.html")))

    # -- keyboard ------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if watched is self.box and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move(1 if key == Qt.Key.Key_Down else -1)
            return True
        if watched is self.box and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current()
            return True
        if key == Qt.Key.Key_Escape:
            self.box.clear()
            self.focus_search()
            return True
        return False

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.box.clear()
            self.focus_search()
            return
        super().keyPressEvent(event)

    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        row = self.list.currentIndex().row()
        while 0 <= row + step < rows:
            row += step
            if self.model.rows[row].hit:
                self.list.setCurrentIndex(self.model.index(row, 0))
                self.open_current(focus_pane=False)
                return

    # -- index updates -------------------------------------------------------------------

    def on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setVisible(done < total)
        self.statusBar().showMessage(f"Indexing {done:,} of {total:,} articles…")
        self.refresh_requested.emit()
        if self.box.text().strip():
            self.on_text(self.box.text())

    def on_synced(self, report: SyncReport) -> None:
        first = self.last_sync is None
        self.last_sync = report
        self.progress.hide()
        errors = [p for p in report.problems if p.severity == "error"]
        note = f" · {len(errors)} file(s) could not be read" if errors else ""
        if first or report.changed:
            self.statusBar().showMessage(f"{report.indexed:,} articles{note}", 5000)
        if not (first or report.changed):
            return  # the folder is polled every 2 s: nothing to redo when nothing changed
        self.refresh_requested.emit()  # the search thread answers with a new survey
        changed = set(report.changed_paths)
        for editor in self.editors:
            if editor.isVisible() and editor.path in changed:
                editor.on_disk_changed()
        article = self.pane.article
        if article and article.path in report.changed_paths:
            if (self.kb.articles_dir / article.path).exists():
                self.pane.load(article.path, self.pane.matcher, keep_position=True)
                self.statusBar().showMessage("This article was just updated", 5000)
            else:
                self.pane.show_message("This article was removed from the knowledge base.")
        self.on_text(self.box.text())

    def _show_changed_count(self) -> None:
        count = len(self.changed_ids)
        self.changed_button.setText(f"{count} updated since you last looked")
        self.changed_button.setVisible(count > 0)

    def on_surveyed(self, survey: Survey) -> None:
        """Products for the filter and what changed since the agent last looked."""
        # The index and the searcher have the save now; the search for what the agent has
        # typed runs next, so the revision's git work starts a moment later.
        QTimer.singleShot(REVISION_AFTER_SYNC_MS, self.flush_revisions)
        self.versions = survey.versions
        self._update_products(survey.products)
        changed = set(self.data.changed_since_seen(survey.versions))
        if changed != self.changed_ids:
            self.changed_ids = changed
            self._show_changed_count()
            if not self.box.text().strip():
                self.on_text("")  # the home lists show what changed

    def _update_products(self, known: list[str]) -> None:
        products = sorted({p for p in known if p})
        current = self.product.currentText()
        existing = [self.product.itemText(i) for i in range(1, self.product.count())]
        if existing == products:
            return
        self.product.blockSignals(True)
        self.product.clear()
        self.product.addItems([ALL, *products])
        self.product.setCurrentText(current if current in products else ALL)
        self.product.blockSignals(False)

    # -- preferences ---------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        size = max(8, min(28, int(self.settings.value("font_size", 11)) + step))
        self.settings.setValue("font_size", size)
        self._apply_font(size)

    def _apply_font(self, size: int) -> None:
        font = QFont(self.font())
        font.setPointSize(size)
        for widget in (self.list, self.pane.browser, self.box):
            widget.setFont(font)
        self.model.layoutChanged.emit()

    def set_theme(self, mode: str) -> None:
        self.settings.setValue("theme", mode)
        dark = theme.apply(mode)
        for name, action in self.theme_actions.items():
            action.setChecked(name == mode)
        self.pane.set_palette_style(dark)
        self.model.layoutChanged.emit()  # rows are laid out with the theme's colours

    def _restore(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        splitter = self.settings.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([430, 770])
        self.product.setCurrentText(self.settings.value("product", ALL))
        self.language.setCurrentText(self.settings.value("language", ALL))
        self._apply_font(int(self.settings.value("font_size", 11)))
        self.set_theme(self.settings.value("theme", theme.SYSTEM))

    def record_revision(self, request: RevisionRequest) -> None:
        """Revisions wait for the index to take the save in first: staging in a large
        git index competes with the sync for the interpreter, and agents come first."""
        self.revisions_waiting.append(request)
        QTimer.singleShot(REVISION_DELAY_MS, self.flush_revisions)

    def flush_revisions(self) -> None:
        waiting, self.revisions_waiting = self.revisions_waiting, []
        for request in waiting:
            self.revision_requested.emit(request)

    def on_history_failed(self, message: str) -> None:
        self.statusBar().showMessage(message)
        for editor in self.editors:
            if editor.isVisible():
                editor.statusBar().showMessage(message)

    def closeEvent(self, event) -> None:  # noqa: N802
        for editor in list(self.editors):
            if editor.isVisible() and not editor.close():  # it asked, and the user stayed
                event.ignore()
                return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.setValue("product", self.product.currentText())
        self.settings.setValue("language", self.language.currentText())
        self.poll.stop()
        self.flush_revisions()
        QMetaObject.invokeMethod(self.history_worker, "drain",
                                 Qt.ConnectionType.BlockingQueuedConnection)
        for thread in (self.search_thread, self.index_thread, self.export_thread,
                       self.history_thread):
            thread.quit()
            thread.wait(10_000)
        self.search_worker.close()  # its thread has stopped: safe to touch from here
        if self.editors_searcher is not None:
            self.editors_searcher.close()
        super().closeEvent(event)


def _when(iso: str | None) -> str:
    """A recovery time as people say it: "today at 14:05", "3 Nov 2026 at 09:12"."""
    try:
        moment = dt.datetime.fromisoformat(iso or "").astimezone()
    except ValueError:
        return "earlier"
    today = dt.datetime.now().astimezone().date()
    day = "today" if moment.date() == today else f"{moment.day} {moment:%b %Y}"
    return f"{day} at {moment:%H:%M}"
