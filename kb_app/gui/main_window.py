"""The agent's window: search as you type, results, the article pane, all from the keyboard."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QMetaObject,
    QModelIndex,
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
from kb_app.gui.results import HitRole, MoreRole, ResultDelegate, ResultsModel, Row
from kb_app.gui.workers import (
    ExportWorker,
    HistoryWorker,
    HomeLists,
    HomeRequest,
    IndexWorker,
    RevisionRequest,
    SearchRequest,
    SearchWorker,
    Survey,
    start_thread,
)
from kb_app.index import KnowledgeIndex, SyncReport
from kb_app.localdata import LocalData, newest_first
from kb_app.search import Filters, Hit, KnowledgeSearcher, SearchResponse
from kb_app.snippets import Matcher
from kb_app.templates import TEMPLATES, new_article_text

POLL_MS = 2000  # how often the folder is checked for changes made elsewhere
REVISION_DELAY_MS = 2000  # at the latest, a saved revision is recorded after this
REVISION_AFTER_SYNC_MS = 250  # after the index took a save in, before its revision
KEPT_ON_SCREEN_MS = 4000  # a search result read this long counts as opened (recents, log)
HOME_PAGE = 20  # changed articles listed at home at first, and added per "more"
HOME_RECENT = 10
ALL = "All"
NOTHING_HIGHLIGHTED = "Type to search. Ctrl+K returns to the search box."


class MainWindow(QMainWindow):
    search_requested = Signal(object)
    home_requested = Signal(object)  # HomeRequest
    sync_requested = Signal()
    refresh_requested = Signal(int)  # a ticket the survey it brings back carries
    results_painted = Signal(int)  # serial of the search whose results are now shown
    export_requested = Signal(object)  # output folder
    revision_requested = Signal(object)  # RevisionRequest, recorded on the history thread

    def __init__(self, kb: KnowledgeIndex, data: LocalData, settings: QSettings,
                 note: str = "") -> None:
        """`note` is said in the status bar once the folder is open (why this folder)."""
        super().__init__()
        self.kb, self.data, self.settings, self.note = kb, data, settings, note
        self.setWindowTitle(f"Gyan — {kb.articles_dir.name}")
        self.serial = 0
        self.shown_serial = 0
        self.response: SearchResponse | None = None
        self.rows_for: tuple | None = None  # what the list shows: (text, filters)
        self.pending_moves = 0  # Up/Down pressed before the results for the text came
        self.recorded: tuple[str, str] | None = None  # (query, id) last counted as opened
        self.changed_ids: set[str] = set()
        self.changed_shown = HOME_PAGE  # how many of them the home list looks up
        self.versions: dict[str, str] = {}  # article id -> version, from the last survey
        self.staff_only: frozenset[str] = frozenset()  # drafts and archived, by id
        self.refresh_ticket = 0
        self.full_ticket: int | None = None  # the first refresh after a complete sync
        self.indexing: tuple[int, int] | None = None  # (done, total) while building
        self.after_first_sync: list[Callable[[], None]] = []
        self.revisions_waiting: list[RevisionRequest] = []
        self.staff_view = False  # drafts and archived shown (staff); never remembered
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
        self.model.layoutChanged.connect(self.delegate.forget)  # font or theme changed
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-measured on resize
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        # The pane shows the highlighted row, whatever moved the highlight.
        self.list.selectionModel().currentChanged.connect(self._follow_current)
        self.list.activated.connect(lambda _=None: self.open_current())
        self.list.clicked.connect(lambda _=None: self.open_current(focus_pane=False))
        self.list.installEventFilter(self)
        self.pane = ArticlePane(self.kb.articles_dir)
        self.pane.open_article.connect(self.open_path)
        self.pane.flag_requested.connect(self.flag)
        self.pane.pin_toggled.connect(self.set_pinned)
        self.pane.shown.connect(lambda article: self.pane.set_pinned(
            self.data.is_pinned(article.id)))
        self.pane.copy_answer.clicked.connect(self.copy_answer)
        self.kept_on_screen = QTimer(self, singleShot=True, interval=KEPT_ON_SCREEN_MS)
        self.kept_on_screen.timeout.connect(self._kept_on_screen)

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
        self.indexing_label = QLabel(objectName="indexing")
        self.indexing_label.hide()
        self.statusBar().addPermanentWidget(self.indexing_label)
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
        self.staff_action = self._action(
            "Include drafts and archived articles", "Ctrl+Shift+A",
            lambda on: self.show_staff_articles(on), checkable=True)
        edit.addAction(self.staff_action)
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
        self.index_worker.tidied.connect(self.refresh)
        self.index_worker.failed.connect(self.statusBar().showMessage)
        self.export_worker = ExportWorker(self.kb.articles_dir)
        self.export_thread = start_thread(self.export_worker, "export")
        self.export_requested.connect(self.export_worker.export)
        self.export_worker.progress.connect(self.on_export_progress)
        self.export_worker.finished.connect(self.on_exported)
        self.export_worker.failed.connect(self.on_export_failed)
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

    def status_filters(self) -> Filters:
        """Which statuses are listed: agents never see drafts or archived articles."""
        return Filters(include_archived=self.staff_view, include_drafts=self.staff_view)

    def on_text(self, text: str) -> None:
        self.serial += 1
        self.search_worker.note_latest(self.serial)
        if not text.strip():
            self.response = None
            self.recorded = None  # a search typed again later is counted again
            self.suggestion.hide()
            self.show_home()
            return
        self.changed_shown = HOME_PAGE  # the next home list starts at its first page
        product, language = self.filters()
        self.search_requested.emit(SearchRequest(self.serial, text, product, language,
                                                 include_archived=self.staff_view,
                                                 include_drafts=self.staff_view))

    def show_results(self, serial: int, response: SearchResponse) -> None:
        if serial != self.serial:
            return  # a newer keystroke is on its way
        self.response = response
        if response.corrected:
            self.suggestion.setText(
                f'Showing results for <a href="use"><b>{html.escape(response.corrected)}</b>'
                f"</a> ({response.total} found)")
            self.suggestion.show()
        else:
            self.suggestion.hide()
        rows = [Row(hit, badge="updated" if hit.id in self.changed_ids else "")
                for hit in response.results]
        self._show_rows(rows, (response.query, *self.filters(), self.staff_view), serial)
        warning = f" · {response.warning}" if response.warning else ""
        self.statusBar().showMessage(self._count_message(response.total) + warning)
        self.kept_on_screen.start()  # a search that finds nothing is logged once it stays
        self.results_painted.emit(serial)

    def _count_message(self, total: int) -> str:
        if total or self.indexing is None:
            return f"{total} result(s)"
        done, of = self.indexing
        return f"No results yet: still indexing ({done:,} of {of:,})"

    def _show_rows(self, rows: list[Row], shows: tuple, serial: int,
                   select: int = -1) -> None:
        """Replace the list and highlight a row: `select`, else the one highlighted before
        if the list is the same search again (a re-run after the folder changed must not
        take the agent's article away), else the first result. The pane follows."""
        kept = self.current_hit() if shows == self.rows_for else None
        self.rows_for = shows
        self.model.set_rows(rows)
        row = select if select >= 0 else self.model.row_of(kept.path) if kept else -1
        row = row if row >= 0 else self.model.first_hit_row()
        self.shown_serial = serial
        if row < 0:
            self._follow_current()  # nothing is highlighted: neither is an article
            return
        self.list.setCurrentIndex(self.model.index(row, 0))
        self.list.scrollTo(self.model.index(row, 0))
        moves, self.pending_moves = self.pending_moves, 0
        if moves:
            self._move(moves)

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
        """Pinned, updated since the agent last looked (the newest few: the rest page in
        on request) and recently opened. Only what is on screen is looked up."""
        changed = newest_first(self.changed_ids, self.versions)[:self.changed_shown]
        self.home_requested.emit(HomeRequest(
            self.serial, self.data.pins(), self.data.recents()[:HOME_RECENT], changed,
            self.status_filters()))

    def show_home_lists(self, lists: HomeLists) -> None:
        if lists.serial != self.serial:
            return  # the agent typed since
        rows: list[Row] = []
        select = -1
        for title, hits, badge in (("Pinned", lists.pinned, ""),
                                   ("Updated since you last looked", lists.changed, "updated"),
                                   ("Recently opened", lists.recent, "")):
            if not hits:
                continue
            if badge:
                title = f"{title} ({len(self.changed_ids):,})"
            rows.append(Row(header=title))
            rows.extend(Row(hit, badge=badge if hit.id in self.changed_ids else "")
                        for hit in hits)
            more = len(self.changed_ids) - self.changed_shown
            if badge and more > 0:
                if self.list.currentIndex().data(MoreRole):  # paged in: the first new one
                    select = min(len(rows) - len(hits) + self.changed_shown - HOME_PAGE,
                                 len(rows) - 1)
                rows.append(Row(more=f"{more:,} more updated: show {min(more, HOME_PAGE)} "
                                     "more (Enter)"))
        self._show_rows(rows, ("", self.staff_view), lists.serial, select)

    def show_more_changed(self) -> None:
        """The "N more updated" row: the next page of changed articles."""
        self.changed_shown += HOME_PAGE
        self.show_home()

    def go_home(self) -> None:
        self.box.clear()
        self.focus_search()

    def show_changed(self) -> None:
        self.go_home()

    # -- the pane and opening articles ---------------------------------------------------

    def current_hit(self) -> Hit | None:
        index = self.list.currentIndex()
        return index.data(HitRole) if index.isValid() else None

    def _follow_current(self, *_: object) -> None:
        """The pane always shows the highlighted result; with none highlighted it shows no
        article at all (an article that is not highlighted would be read as the answer)."""
        index = self.list.currentIndex()
        hit = self.current_hit()
        if hit is None:
            more = index.data(MoreRole) if index.isValid() else ""
            self.pane.show_message(more or self._nothing_message())
            return
        matcher = self.matcher()
        shown = self.pane.article
        if shown is not None and shown.path == hit.path and _same(self.pane.matcher, matcher):
            return
        self.pane.load(hit.path, matcher)
        if self.response is not None:
            self.kept_on_screen.start()

    def _nothing_message(self) -> str:
        if self.response is None or self.model.rowCount():
            return NOTHING_HIGHLIGHTED
        if self.indexing is not None:
            return self._count_message(0)
        return f"No article matches “{self.response.query.strip()}”."

    def open_current(self, focus_pane: bool = True) -> None:
        """Enter or a click: the highlighted result, opened on purpose."""
        index = self.list.currentIndex()
        if index.isValid() and index.data(MoreRole):
            self.show_more_changed()
            return
        if self.current_hit() is None:
            return
        self._follow_current()
        self._record_open()
        if focus_pane:
            self.pane.browser.setFocus()

    def _kept_on_screen(self) -> None:
        """The same results for a while: the article read counts as opened; a search
        that found nothing is logged (once, not per keystroke)."""
        if self.response is None:
            return
        if self.current_hit() is not None and self.pane.article is not None:
            self._record_open()
        elif not self.response.total and self.recorded != (self.response.query, ""):
            self.recorded = (self.response.query, "")
            self.data.log_search(self.response.query, 0)

    def _record_open(self, from_search: bool = True) -> None:
        article = self.pane.article
        query = self.response.query if self.response else ""
        if article is None or self.recorded == (query, article.id):
            return  # already counted (a re-run of the same search after a folder change)
        self.recorded = (query, article.id)
        self.kept_on_screen.stop()
        search = ((self.response.query, self.response.total)
                  if self.response and from_search else None)
        self.data.record_open(article.id, self.versions.get(article.id), search)
        if article.id in self.changed_ids:
            self.changed_ids.discard(article.id)
            self._show_changed_count()

    def open_path(self, path: str) -> None:
        """A link in the article: its row is highlighted if it is in the list; otherwise
        no row is, so the list never points at something the pane does not show."""
        path = path.split("#", 1)[0]
        row = self.model.row_of(path)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row, 0))
        else:
            self.list.selectionModel().setCurrentIndex(
                QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
            self.pane.load(path, None)
        self._record_open(from_search=False)

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

    def _editable(self, then: Callable[[MainWindow], object]) -> bool:
        """The bundled sample is never edited in place: offer to copy it first. After the
        copy a new window opens on it and `then(new_window)` carries on with what was
        asked there (once the copy is indexed). True: edit here, now."""
        if self.kb.articles_dir.resolve() != config.bundled_articles_dir().resolve():
            return True
        target = config.editable_copy_dir()
        answer = QMessageBox.question(
            self, "Edit a copy of the sample",
            "The bundled sample knowledge base is not edited in place.\n"
            f"Copy it to {target} and edit the copy?")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            config.copy_sample(self.kb.articles_dir, target)
        except OSError as exc:
            QMessageBox.warning(self, "Not copied", f"{target}: {exc.strerror or exc}")
            return False
        successor = self.switch_folder(target)
        successor.when_indexed(lambda: then(successor))
        return False

    def switch_folder(self, folder: Path) -> MainWindow:
        """Open `folder` in a new window in place of this one; later plain starts open it
        too (it is remembered)."""
        from kb_app.gui.app import create_window

        self.settings.setValue(config.ARTICLES_SETTING, str(folder))
        self.successor = create_window(folder, None, self.settings)
        self.successor.show()
        self.close()
        return self.successor

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
            return self._editors_searcher().search(text, limit=30, include_drafts=True).results
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
        if not self._editable(lambda window: window.new_article()):
            return
        template, ok = QInputDialog.getItem(self, "New article", "Start from:",
                                            list(TEMPLATES), 0, False)
        if not ok:
            return
        title, ok = QInputDialog.getText(self, "New article", "Title:")
        if ok and title.strip():
            self.open_editor(text=new_article_text(template, title.strip()))

    def show_staff_articles(self, on: bool) -> None:
        """Drafts and archived articles are hidden from agents; staff show them to check a
        draft or restore an archived one."""
        self.staff_view = on
        self.statusBar().showMessage("Search includes drafts and archived articles" if on
                                     else "Drafts and archived articles are hidden again",
                                     5000)
        if self.full_ticket is not None:
            self._update_changed()
        self.on_text(self.box.text())

    def edit_article(self) -> None:
        """The article in the pane (the highlighted result), in an editor; in the copy of
        the sample, the same article, if the sample had to be copied first."""
        article = self.pane.article
        hit = self.current_hit()
        path = article.path if article else (hit.path if hit else None)
        if path and self._editable(lambda window: window.open_editor(path)):
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
        left_out = [*report.withheld, *(str(p) for p in report.export_problems)]
        if left_out:
            shown = "\n".join(left_out[:12]) + (f"\n… and {len(left_out) - 12} more"
                                                if len(left_out) > 12 else "")
            QMessageBox.warning(self, "Exported, with things left out",
                                "The website was written, but these were left out:\n\n"
                                f"{shown}\n\nRun `kb check` on the folder for details.")

    def on_export_failed(self, message: str) -> None:
        self.progress.hide()
        QMessageBox.warning(self, "Export not done", message)

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

    def _move(self, steps: int) -> None:
        """Up/Down from the box. Pressed before the results for what is typed are shown,
        the move waits for them: it would otherwise land in a list about to be replaced."""
        if self.shown_serial != self.serial:
            self.pending_moves += steps
            return
        step, row = (1 if steps > 0 else -1), self.list.currentIndex().row()
        for _ in range(abs(steps)):
            row = self._next_row(row, step)
        if row >= 0 and row != self.list.currentIndex().row():
            self.list.setCurrentIndex(self.model.index(row, 0))

    def _next_row(self, row: int, step: int) -> int:
        """The next result (or "more" row) from `row`, headings skipped; `row` at the end."""
        for candidate in range(row + step, self.model.rowCount() if step > 0 else -1, step):
            if self.model.rows[candidate].hit or self.model.rows[candidate].more:
                return candidate
        return row

    # -- index updates -------------------------------------------------------------------

    def on_progress(self, done: int, total: int) -> None:
        """Indexing: shown from its first second, and searches are answered on what is
        indexed so far (saying so when that finds nothing yet)."""
        self.indexing = (done, total) if done < total else None
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setVisible(done < total)
        self.indexing_label.setText(f"Indexing {done:,} of {total:,} articles…")
        self.indexing_label.setVisible(done < total)
        self.refresh()
        if self.box.text().strip():
            self.on_text(self.box.text())

    def refresh(self) -> None:
        """The search thread picks up index changes and answers with a survey."""
        self.refresh_ticket += 1
        self.refresh_requested.emit(self.refresh_ticket)

    def on_synced(self, report: SyncReport) -> None:
        first = self.last_sync is None
        self.last_sync = report
        self.indexing = None
        self.progress.hide()
        self.indexing_label.hide()
        errors = [p for p in report.problems if p.severity == "error"]
        note = f" · {len(errors)} file(s) could not be read" if errors else ""
        if first and self.note:
            note += f" · {self.note}"
        if report.warning:  # the index was damaged and rebuilt: say so
            note += f" · {report.warning}"
        if first or report.changed:
            self.statusBar().showMessage(f"{report.indexed:,} articles{note}",
                                         15_000 if first and self.note else 5000)
        if not (first or report.changed):
            return  # the folder is polled every 2 s: nothing to redo when nothing changed
        self.refresh()
        if first:  # from this survey on, "what changed" compares whole folders
            self.full_ticket = self.refresh_ticket
        self._reload_changed(set(report.changed_paths))
        self.on_text(self.box.text())
        waiting, self.after_first_sync = self.after_first_sync, []
        for then in waiting:
            then()

    def _reload_changed(self, changed: set[str]) -> None:
        """Editors and the pane showing a file that changed on disk."""
        for editor in self.editors:
            if editor.isVisible() and editor.path in changed:
                editor.on_disk_changed()
        article = self.pane.article
        if article and article.path in changed:
            if (self.kb.articles_dir / article.path).exists():
                self.pane.load(article.path, self.pane.matcher, keep_position=True)
                self.statusBar().showMessage("This article was just updated", 5000)
            else:
                self.pane.show_message("This article was removed from the knowledge base.")

    def when_indexed(self, then: Callable[[], None]) -> None:
        """Run `then` once the folder has been indexed (at once if it has)."""
        if self.last_sync is not None:
            then()
        else:
            self.after_first_sync.append(then)

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
        self.staff_only = survey.staff_only
        self._update_products(survey.products)
        if self.full_ticket is not None and survey.ticket >= self.full_ticket:
            self._update_changed()  # not from a build under way: it has a part of the folder

    def _update_changed(self) -> None:
        changed = set(self.data.changed_since_seen(self.versions))
        if not self.staff_view:
            changed -= self.staff_only
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
        if self.history_thread.isRunning():  # not closed before: a second close must not
            self._stop()  # wait on threads that have stopped (it would wait for ever)
        super().closeEvent(event)

    def _stop(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.setValue("product", self.product.currentText())
        self.settings.setValue("language", self.language.currentText())
        self.poll.stop()
        self.kept_on_screen.stop()
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
        for editor in self.editors:  # deleted here, on the UI thread: left to Python's
            editor.deleteLater()  # garbage collector they could go on any thread, and a
        self.editors = []  # widget destroyed off the UI thread takes the app down


def _when(iso: str | None) -> str:
    """A recovery time as people say it: "today at 14:05", "3 Nov 2026 at 09:12"."""
    try:
        moment = dt.datetime.fromisoformat(iso or "").astimezone()
    except ValueError:
        return "earlier"
    today = dt.datetime.now().astimezone().date()
    day = "today" if moment.date() == today else f"{moment.day} {moment:%b %Y}"
    return f"{day} at {moment:%H:%M}"


def _same(a: Matcher | None, b: Matcher | None) -> bool:
    """Whether two matchers highlight the same words (then the pane needs no reload)."""
    if a is None or b is None:
        return a is b
    return a.terms == b.terms and a.prefixes == b.prefixes
