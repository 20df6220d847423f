"""The agent's window: search as you type, results, the article pane, all from the keyboard.

The window collects what the agent types and shows answers; the work runs on the task
runner's threads (`kb_app.gui.tasks`). Its parts, one job each: `following` (the pane
shows the highlighted result, opens are counted), `home` (the home lists and what
changed), `indexing` (the folder kept in step), `publish` (the export), `staff` (editors,
recovery, the sample's copy), `pane_commands` (copy, pin, flag), `appearance`.
"""

from __future__ import annotations

import gc
import html
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kb_app.gui import locale_text, theme
from kb_app.gui.actions import agent_menus, help_menus, install_menus
from kb_app.gui.appearance import ALL, Appearance
from kb_app.gui.article_pane import ArticlePane
from kb_app.gui.following import NOTHING_HIGHLIGHTED, PaneFollower
from kb_app.gui.home import Home
from kb_app.gui.indexing import Indexing, ProgressBar, Survey
from kb_app.gui.meaning_updates import MeaningUpdates
from kb_app.gui.pane_commands import PaneCommands
from kb_app.gui.publish import Publisher
from kb_app.gui.results import ResultDelegate, ResultsModel, Row
from kb_app.gui.searching import Answer, SearchRequest, answer
from kb_app.gui.staff import Staff
from kb_app.gui.tasks import NotReady, TaskRunner
from kb_app.gui.team import TeamPanel
from kb_app.search import Filters, SearchResponse

if TYPE_CHECKING:
    from kb_app.gui.health_view import HealthWindow
    from kb_app.gui.preferences import StoredPreferences
    from kb_app.index import SyncReport
    from kb_app.knowledge_base import KnowledgeBase
    from kb_app.learning import Learned
    from kb_app.messages import Message
    from kb_app.search import Hit, KnowledgeSearcher
    from kb_app.snippets import Matcher

def filter_value(combo: QComboBox) -> str | None:
    """What a filter combo asks for: None for "All" (whatever the language shows)."""
    value = combo.currentData()
    return None if value is None or value == ALL else str(value)


LEARN_EVERY_S = 15 * 60.0  # the learned table is read again at most this often


class MainWindow(QMainWindow):
    results_painted = Signal(int)  # serial of the search whose results are now shown
    sync_requested = Signal()  # check the folder now (F5)

    def __init__(self, kb: KnowledgeBase, tasks: TaskRunner[KnowledgeSearcher],
                 prefs: StoredPreferences, note: Message | None = None) -> None:
        """`note` is said in the status bar once the folder is open (why this folder), as
        is a warning that the desk's records were damaged and set aside."""
        super().__init__()
        self.kb, self.tasks, self.prefs = kb, tasks, prefs
        self.settings = prefs.settings  # the window's own state is kept there too
        self.data = kb.open_local_data()  # this thread's connection (see tasks.py)
        self.start_notes = [said for said in (note, self.data.warning) if said is not None]
        self.setWindowTitle(f"Gyan — {kb.articles_dir.name}")
        self.serial = 0
        self.shown_serial = 0
        self.frozen = False  # what the first survey left is kept out of full collections
        self.response: SearchResponse | None = None
        self.learned: Learned | None = None  # what the team's use teaches search
        self._learned_at = -LEARN_EVERY_S  # time.monotonic() of the last load
        self.rows_for: tuple | None = None  # what the list shows: (text, filters)
        self.pending_moves = 0  # Up/Down pressed before the results for the text came
        self.staff_view = False  # drafts and archived shown (staff); never remembered
        self._matcher: tuple[SearchResponse | None, Matcher | None] = (None, None)
        self._build_widgets()
        self.follower = PaneFollower(self)
        self.home = Home(self)
        self.commands = PaneCommands(self)
        self.commands.load_answers()
        self.load_learned()
        self.publisher = Publisher(self)
        self.staff = Staff(self)
        self.health: HealthWindow | None = None  # made when first shown
        self.appearance = Appearance(self)
        self.indexing = Indexing(kb, tasks, self.progress, self.indexing_label)
        self.indexing.meaning = prefs.values.search_by_meaning
        self.meanings = MeaningUpdates(kb.index, tasks, self.meaning_progress,
                                       self.meaning_label, prefs.values.search_by_meaning)
        self._wire()
        self._build_actions()
        self.team = TeamPanel(self)  # after the other menus: Team, then Help, come last
        install_menus(self, help_menus(self))
        self.appearance.restore()
        self.box.setFocus()
        self.show_home()
        self.statusBar().showMessage(self.tr("Opening the knowledge base…"))
        self.indexing.start()
        self.team.start()
        self.staff.offer_recovery()

    # -- construction --------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.box = QLineEdit()
        self.box.setPlaceholderText(self.tr("Search articles (Ctrl+K)…"))
        self.box.setObjectName("search")
        self.box.setAccessibleName(self.tr("Search articles"))
        self.box.setAccessibleDescription(self.tr(
            "Results follow every key. Up and Down move through them, Enter opens the "
            "highlighted one, Esc clears the search."))
        self.box.setClearButtonEnabled(True)
        self.box.installEventFilter(self)
        self.product, self.language = QComboBox(), QComboBox()
        for name, combo in (("product", self.product), ("language", self.language)):
            combo.setObjectName(name)
            combo.addItem(self.tr("All"), ALL)
        self.language.addItem(self.tr("English"), "en")
        self.language.addItem(self.tr("Bengali"), "bn")
        self.product.setAccessibleName(self.tr("Product"))
        self.product.setAccessibleDescription(self.tr("Only articles about this product"))
        self.language.setAccessibleName(self.tr("Article language"))
        self.language.setAccessibleDescription(self.tr("Only articles in this language"))
        self.suggestion = QLabel()
        self.suggestion.setObjectName("didYouMean")
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.hide()
        self.model = ResultsModel()
        self.list = QListView()
        self.list.setObjectName("results")
        self.list.setAccessibleName(self.tr("Results"))
        self.list.setAccessibleDescription(self.tr(
            "The highlighted result is shown in the article pane; Enter opens it"))
        self.list.setModel(self.model)
        self.delegate = ResultDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-measured on resize
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.installEventFilter(self)
        self.pane = ArticlePane(self.kb.articles_dir)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.setCentralWidget(self._layout())
        self.progress, self.indexing_label = self._status_progress("progress", "indexing", 220)
        self.meaning_progress, self.meaning_label = self._status_progress(
            "meaningProgress", "meaning", 160)

    def _status_progress(self, bar_name: str, label_name: str, width: int
                         ) -> tuple[ProgressBar, QLabel]:
        """A progress bar and its label for the status bar, hidden until work starts."""
        bar = ProgressBar()
        bar.setObjectName(bar_name)
        bar.setAccessibleName(self.tr("Progress"))
        bar.setMaximumWidth(width)
        bar.hide()
        label = QLabel()
        label.setObjectName(label_name)
        label.hide()
        return bar, label

    def _layout(self) -> QWidget:
        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        for label, combo in ((self.tr("&Product"), self.product),
                             (self.tr("&Language"), self.language)):
            buddy = QLabel(label)
            buddy.setBuddy(combo)
            top.addWidget(buddy)
            top.addWidget(combo)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.suggestion)
        left_layout.addWidget(self.list)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(1, 2)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        return central

    def _wire(self) -> None:
        self.box.textChanged.connect(self.on_text)
        for combo in (self.product, self.language):
            combo.currentIndexChanged.connect(lambda _=0: self.on_text(self.box.text()))
        self.suggestion.linkActivated.connect(self.accept_suggestion)
        self.model.layoutChanged.connect(self.delegate.forget)  # font or theme changed
        # The pane shows the highlighted row, whatever moved the highlight.
        self.list.selectionModel().currentChanged.connect(self.follower.follow)
        self.list.activated.connect(lambda _=None: self.follower.open_current())
        self.list.clicked.connect(lambda _=None: self.follower.open_current(focus_pane=False))
        self.pane.open_article.connect(self.follower.open_path)
        for widget in (self.indexing_label, self.meaning_label, self.meaning_progress,
                       self.home.button, self.publisher.open_site_button, self.progress):
            self.statusBar().addPermanentWidget(widget)
        self.indexing.synced.connect(self.on_synced)
        self.indexing.updated.connect(self.on_updated)
        self.indexing.surveyed.connect(self.on_surveyed)
        self.indexing.grew.connect(self._search_again)
        self.indexing.failed.connect(self.statusBar().showMessage)
        self.meanings.failed.connect(self.statusBar().showMessage)
        self.meanings.finished.connect(self._meaning_ready)
        self.tasks.unhandled.connect(
            lambda error: self.statusBar().showMessage(locale_text.say(error)))
        self.sync_requested.connect(self.indexing.check_folder)

    def _build_actions(self) -> None:
        actions = install_menus(self, agent_menus(self))
        self.staff_action = actions["Include drafts and archived articles"]
        self.appearance.theme_actions = {mode: actions[f"Theme: {mode}"]
                                         for mode in theme.MODES}
        self.recording_action = actions["Record my searches for the team"]
        self.recording_action.setChecked(self.prefs.values.record_searches)
        self.learning_action = actions["Lift what the team keeps opening"]
        self.learning_action.setChecked(self.prefs.values.learn_from_team)
        self.meaning_action = actions["Rank English searches by meaning"]
        self.meaning_action.setChecked(self.prefs.values.search_by_meaning)

    def load_learned(self, force: bool = True) -> None:
        """What the team's use teaches search, read off the UI thread (at start, and when
        a sync brought other desks' signals, at most every LEARN_EVERY_S: it changes over
        days, and a big team's files take seconds to read); nothing while it is off."""
        if not self.prefs.values.learn_from_team:
            self.learned = None
            return
        now = time.monotonic()
        if not force and now - self._learned_at < LEARN_EVERY_S:
            return
        self._learned_at = now
        from kb_app import learning

        data_dir = self.kb.data_dir
        self.tasks.run(lambda: learning.load(data_dir), self._learned)

    def _learned(self, learned: Learned) -> None:
        self.learned = learned if self.prefs.values.learn_from_team else None

    def set_learning(self, on: bool) -> None:
        self.prefs.values.learn_from_team = on
        self.prefs.save()
        self.load_learned()
        self._search_again()

    def _meaning_ready(self, _report: object) -> None:
        """Vectors were made: the reader takes them in and the query helper starts now,
        not at the agent's next search (which would be ranked by words while it does)."""
        if self.meanings.on:
            self.tasks.search(lambda searcher: searcher.warm_meaning())

    def set_meaning(self, on: bool) -> None:
        self.prefs.values.search_by_meaning = on
        self.prefs.save()
        self.meanings.set_on(on)
        self.indexing.meaning = on
        if on:
            self.indexing.refresh()  # the next survey gets the model ready again
        else:
            self.kb.index.query_vectors.stop()  # the helper's memory, while it is off
        self._search_again()

    # -- searching -----------------------------------------------------------------------

    def filters(self) -> tuple[str | None, str | None]:
        return filter_value(self.product), filter_value(self.language)

    def status_filters(self) -> Filters:
        """Which statuses are listed: agents never see drafts or archived articles."""
        return Filters(include_archived=self.staff_view, include_drafts=self.staff_view)

    def on_text(self, text: str) -> None:
        self.follower.leaving()
        self.serial += 1
        self.tasks.note_latest(self.serial)
        if not text.strip():
            self.response = None
            self.follower.recorded = None  # a search typed again later is counted again
            self.suggestion.hide()
            self.show_home()
            return
        self.home.first_page()
        serial, loader = self.serial, self.follower.loader
        request = SearchRequest(text, *self.filters(), staff=self.staff_view,
                                learned=self.learned,
                                meaning=self.prefs.values.search_by_meaning)
        self.tasks.search(lambda searcher: answer(searcher, request, loader),
                          lambda found: self.show_results(serial, found),
                          lambda error: self._not_answered(serial, text, error),
                          serial=serial)

    def _search_again(self) -> None:
        if self.box.text().strip():
            self.on_text(self.box.text())

    def _not_answered(self, serial: int, text: str, error: Exception) -> None:
        """No index yet (the window says "still indexing"), or it could not be read."""
        if not isinstance(error, NotReady):
            self.statusBar().showMessage(
                self.tr("Search is not available yet: {error}").format(
                    error=locale_text.say(error)))
        self.show_results(serial, Answer(SearchResponse(query=text), None))

    def show_results(self, serial: int, found: Answer) -> None:
        if serial != self.serial:
            return  # a newer keystroke is on its way
        response = self.response = found.response
        self.follower.offer(found.top)
        if response.corrected:
            self.suggestion.setText(self.tr(
                'Showing results for <a href="use"><b>{words}</b></a> (%Ln found)', "",
                response.total).format(words=html.escape(response.corrected)))
        self.suggestion.setVisible(bool(response.corrected))
        rows = [Row(hit, badge=self.home.badge(hit)) for hit in response.results]
        self.show_rows(rows, (response.query, *self.filters(), self.staff_view), serial)
        warning = f" · {locale_text.say(response.warning)}" if response.warning else ""
        self.statusBar().showMessage(self._count_message(response.total) + warning)
        self.follower.results_shown()
        self.results_painted.emit(serial)

    def _count_message(self, total: int) -> str:
        if total or self.indexing.building is None:
            return self.tr("%Ln result(s)", "", total)
        done, of = self.indexing.building
        return self.tr("No results yet: still indexing ({done} of {total})").format(
            done=locale_text.number(done), total=locale_text.number(of))

    def nothing_message(self) -> str:
        """What the pane says with no row highlighted."""
        if self.response is None or self.model.rowCount():
            return QCoreApplication.translate("PaneFollower", NOTHING_HIGHLIGHTED)
        if self.indexing.building is not None:
            return self._count_message(0)
        return self.tr("No article matches “{query}”.").format(
            query=self.response.query.strip())

    def show_rows(self, rows: list[Row], shows: tuple, serial: int, select: int = -1) -> None:
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
            self.follower.follow()  # nothing is highlighted: neither is an article
            return
        self.list.setCurrentIndex(self.model.index(row, 0))
        self.list.scrollTo(self.model.index(row, 0))
        moves, self.pending_moves = self.pending_moves, 0
        if moves:
            self._move(moves)

    def current_hit(self) -> Hit | None:
        return self.follower.current_hit()

    def accept_suggestion(self, _link: str = "") -> None:
        if self.response and self.response.corrected:
            self.box.setText(self.response.corrected)
            self.box.setFocus()

    def matcher(self) -> Matcher | None:
        """What the pane marks in the article: the words the results matched (by stem,
        prefix or sound), one matcher per answer (it remembers each word's verdict)."""
        if self.response is None:
            return None
        if self._matcher[0] is not self.response:
            self._matcher = (self.response, self.response.matcher())
        return self._matcher[1]

    def show_home(self) -> None:
        self.home.show()

    def go_home(self) -> None:
        self.box.clear()
        self.focus_search()

    def show_staff_articles(self, on: bool) -> None:
        """Drafts and archived articles are hidden from agents; staff show them to check a
        draft or restore an archived one."""
        self.staff_view = on
        self.statusBar().showMessage(self.tr("Search includes drafts and archived articles")
                                     if on else
                                     self.tr("Drafts and archived articles are hidden again"),
                                     5000)
        self.home.update_changed()
        self.on_text(self.box.text())

    def show_preferences(self) -> None:
        """Edit → Preferences: language, theme, text size, names, recording, sync."""
        from kb_app.gui.preferences_dialog import show_preferences

        show_preferences(self)

    # -- keyboard ------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if watched is self.box and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move(1 if key == Qt.Key.Key_Down else -1)
            return True
        if watched is self.box and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.follower.open_current()
            return True
        if key == Qt.Key.Key_Escape:
            self.go_home()
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.go_home()
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

    def on_synced(self, report: SyncReport, first: bool) -> None:
        errors = [p for p in report.problems if p.severity == "error"]
        note = " · " + self.tr("%Ln file(s) could not be read", "", len(errors)) if errors else ""
        if first:
            note += "".join(f" · {locale_text.say(said)}" for said in self.start_notes)
        if report.warning:  # the index was damaged and rebuilt: say so
            note += f" · {locale_text.say(report.warning)}"
        if first or report.changed:  # the folder is polled every 2 s: quiet when nothing is
            articles = self.tr("{count} articles").format(
                count=locale_text.number(report.indexed))
            self.statusBar().showMessage(articles + note,
                                         15_000 if first and self.start_notes else 5000)

    def on_updated(self, paths: list[str]) -> None:
        """The index took in changed files (a sync, an editor's save): what shows them is
        shown again, and the search asked again."""
        changed = set(paths)
        self.meanings.start()  # what changed is encoded next, in the background
        self.staff.reload_changed(changed)
        self.follower.reload_changed(changed)
        self.on_text(self.box.text())

    def on_surveyed(self, survey: Survey) -> None:
        """Products for the filter and what changed since the agent last looked."""
        if not self.frozen:
            # What the window holds from its first survey on (the manifest, the
            # searcher's tables) is kept out of Python's full garbage collections: at
            # 100,000 articles each took up to 114 ms, and held up whatever keystroke met
            # it. Collected first, so no garbage is kept; objects freed later are still
            # freed as usual, only the search for reference cycles passes them by.
            self.frozen = True
            gc.collect()
            gc.freeze()
        self.home.take(survey, self.indexing.is_whole(survey))
        products = sorted({p for p in survey.products if p})
        current = filter_value(self.product)
        if [self.product.itemData(i) for i in range(1, self.product.count())] == products:
            return
        self.product.blockSignals(True)
        self.product.clear()
        self.product.addItem(self.tr("All"), ALL)
        for product in products:
            self.product.addItem(product, product)
        self.product.setCurrentIndex(max(0, self.product.findData(current))
                                     if current in products else 0)
        self.product.blockSignals(False)

    # -- closing -------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.staff.close_editors():  # one asked, and the user stayed
            event.ignore()
            return
        if self.indexing.poll.isActive():  # not closed before: closing twice must not
            self._stop()  # wait again on what has stopped
        super().closeEvent(event)

    def _stop(self) -> None:
        self.appearance.keep()
        self.indexing.stop()
        self.meanings.set_on(False)  # the step running stops after its batch of files
        self.team.stop()
        self.follower.kept_on_screen.stop()
        self.tasks.close()  # queued writes are done (revisions), reads are dropped
        self.staff.drop_editors()
        self.data.close()
        self.kb.close()
        if self.frozen:  # what this window kept may be collected again once it is gone
            gc.unfreeze()
