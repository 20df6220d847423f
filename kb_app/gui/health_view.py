"""The Health view: what staff should fix, from the team's signals (kb_app.health).

A window of tabs, one per part of the report: open flags (answer one: the agent who
flagged sees the reply), searches that found nothing ("Write an article for this" opens
the editor with the query as the title), stale articles ("Mark reviewed" sets the next
review date in one step), trends (the report's own charts, drawn in Qt) and use. The
report is built on the reader thread (it searches, to drop gaps an article now answers);
answers and reviews are writes, on the writer thread; the view rebuilds after each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kb_app.gui import locale_text, words
from kb_app.health import report as health
from kb_app.health import signals
from kb_app.templates import TEMPLATES

if TYPE_CHECKING:
    from kb_app.gui.main_window import MainWindow
    from kb_app.knowledge_base import KnowledgeBase
    from kb_app.search import KnowledgeSearcher

REVIEW_AGAIN_DAYS = 90


def report_with_own_searcher(kb: KnowledgeBase) -> health.HealthReport:
    with kb.searcher() as searcher:
        return build_report(kb, searcher)


def build_report(kb: KnowledgeBase, searcher: KnowledgeSearcher) -> health.HealthReport:
    """This desk's records published, every desk's signals read, the report built, with
    `searcher` (this thread's) asked which gaps an article now answers."""
    folder = kb.publish_signals().parent
    from kb_app.articles import load_folder

    return health.build(signals.read([folder]).events, load_folder(kb.articles_dir).articles,
                        answers=health.answered_by(searcher))


class HealthWindow(QMainWindow):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.report: health.HealthReport | None = None
        self.setWindowTitle(self.tr("Knowledge health — Gyan"))
        self.summary = _named(QLabel(), "healthSummary", self.tr("Summary"))
        self.tabs = _named(QTabWidget(), "healthTabs", self.tr("Parts of the report"))
        article, owner, views = self.tr("Article"), self.tr("Owner"), self.tr("Views")
        self.flags = self._table("flags", self.tr("Open flags"),
                                 [article, owner, self.tr("Flag"), self.tr("Comment"),
                                  self.tr("Agent"), self.tr("When")])
        self.gaps = self._table("gaps", self.tr("Searches that found nothing"),
                                [self.tr("Agents asked for"), self.tr("Searches"),
                                 self.tr("Desks"), self.tr("Also typed"),
                                 self.tr("Then opened")])
        self.stale = self._table("stale", self.tr("Stale articles"),
                                 [article, owner, self.tr("Why"), views])
        self.use = self._table("use", self.tr("Most and never viewed"), [article, views])
        self.trends = _named(QWidget(), "trends", self.tr("Trends"))
        self.trends_layout = QVBoxLayout(self.trends)
        self._tab(self.flags, self.tr("Open flags"),
                  [("Answer", self.tr("&Answer…"), self.tr(
                      "Reply to the highlighted flag: the agent who raised it sees the "
                      "answer"), self.answer_flag)])
        self._tab(self.gaps, self.tr("Searches that found nothing"),
                  [("Write an article for this", self.tr("&Write an article for this"),
                    self.tr("Open the editor on a new article titled with what agents "
                            "searched for"), self.write_for_gap),
                   ("Edit what they opened", self.tr("&Edit what they opened"),
                    self.tr("Open the editor on the article agents opened after saying "
                            "it in other words, to add the words they searched with"),
                    self.edit_found_next)])
        self._tab(self.stale, self.tr("Stale"),
                  [("Mark reviewed", self.tr("&Mark reviewed"),
                    self.tr("Set the next review date, {days} days from today").format(
                        days=locale_text.number(REVIEW_AGAIN_DAYS)), self.mark_reviewed)])
        self.tabs.addTab(self.trends, self.tr("Trends"))
        self._tab(self.use, self.tr("Most and never viewed"), [])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.resize(1000, 640)

    def _table(self, name: str, title: str, headings: list[str]) -> QTableWidget:
        table = _named(QTableWidget(0, len(headings)), name, title)
        table.setHorizontalHeaderLabels(headings)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.horizontalHeader().setStretchLastSection(True)
        # Row numbers say nothing here, and Qt writes them in ASCII digits whatever the
        # interface's language.
        table.verticalHeader().setVisible(False)
        return table

    def _tab(self, table: QTableWidget, title: str,
             buttons: list[tuple[str, str, str, Callable[[], None]]]) -> None:
        """A tab of the table and its buttons: (English name, text, description, slot);
        the object name is the English name's (tests find the button by it)."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        for name, text, description, slot in buttons:
            button = _named(QPushButton(text), name.replace(" ", "_"),
                            text.replace("&", "").rstrip("…"))
            button.setAccessibleDescription(description)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.tabs.addTab(page, title)

    # -- showing the report --------------------------------------------------------------

    def refresh(self) -> None:
        self.summary.setText(self.tr("Building the report…"))
        kb = self.window_.kb
        # On the pool with a searcher of its own: a big team's year takes seconds to read
        # and count, and the reader thread must keep answering the agent's searches.
        self.window_.tasks.run(lambda: report_with_own_searcher(kb), self.show_report,
                                  lambda error: self.summary.setText(self.tr(
                                      "The report could not be built: {error}").format(
                                          error=locale_text.say(error))))

    def show_report(self, report: health.HealthReport) -> None:
        self.report = report
        number = locale_text.number
        self.summary.setText(" · ".join([
            self.tr("{since} to {today}").format(since=locale_text.date(report.since),
                                                 today=locale_text.date(report.today)),
            self.tr("%Ln desk(s)", "", report.desks),
            self.tr("%Ln search(es)", "", report.searches),
            self.tr("%Ln open flag(s)", "", len(report.open_flags)),
            self.tr("%Ln gap(s)", "", len(report.no_results)),
            self.tr("%Ln stale article(s)", "", len(report.stale))]))
        _fill(self.flags, [[f.title, f.owner or "—", words.word(f.kind), f.comment, f.agent,
                            locale_text.date_time(f.at)] for f in report.open_flags])
        _fill(self.gaps, [[g.label, number(g.searches), number(g.desks),
                           " · ".join(g.queries[1:4]),
                           " · ".join(f"{f.title} ({number(f.searches)})"
                                      for f in g.then_opened)] for g in report.no_results])
        _fill(self.stale, [[s.title, s.owner or "—",
                            "; ".join(locale_text.say(r) for r in s.said or s.reasons),
                            number(s.views)] for s in report.stale])
        never = self.tr("never")
        _fill(self.use, [[v.title, number(v.views)] for v in report.most_viewed]
              + [[v.title, never] for v in report.never_viewed])
        self._draw_trends(report)

    def _draw_trends(self, report: health.HealthReport) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from kb_app.health import charts

        layout = self.trends_layout
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        rising = ", ".join(self.tr("{topic} ({count}, was {before} a week)").format(
            topic=t.topic, count=locale_text.number(t.this_week),
            before=locale_text.digits(f"{t.before:.1f}")) for t in report.trends.rising)
        note = QLabel(self.tr("Rising this week: {topics}").format(topics=rising) if rising
                      else self.tr("Nothing is rising this week."))
        note.setWordWrap(True)
        layout.addWidget(note)
        for title, series in ((self.tr("Searches per week, by product"),
                               report.trends.searches_by_product),
                              (self.tr("Flags per week, by product"),
                               report.trends.flags_by_product)):
            if series:
                figure = charts.weekly_figure(title, report.trends.weeks, series)
                figure.patch.set_facecolor(self.palette().color(QPalette.ColorRole.Window).name())
                figure.patch.set_alpha(1.0)
                canvas = FigureCanvasQTAgg(figure)  # on the theme's background
                canvas.setAccessibleName(title)
                layout.addWidget(canvas)

    # -- acting on it --------------------------------------------------------------------

    def _selected(self, table: QTableWidget) -> int:
        """The highlighted row, else the first (the most pressing), else -1."""
        row = table.currentRow()
        return row if 0 <= row < table.rowCount() else (0 if table.rowCount() else -1)

    def write_for_gap(self) -> None:
        """The editor on a new article titled with what agents searched for."""
        row = self._selected(self.gaps)
        if self.report is None or row < 0:
            return
        from kb_app.gui.staff import THE_NEW_ARTICLE, new

        title = self.report.no_results[row].label
        self.window_.staff.open(new(next(iter(TEMPLATES)), title), THE_NEW_ARTICLE)

    def edit_found_next(self) -> None:
        """The editor on the article agents most often opened after the highlighted
        gap's search, said in other words: where its words belong (its tags, its
        summary), so that the next search finds it."""
        row = self._selected(self.gaps)
        if self.report is None or row < 0:
            return
        found = self.report.no_results[row].then_opened
        if not found:
            QMessageBox.information(self, self.tr("Nothing opened"), self.tr(
                "Agents opened nothing after this search. Write an article for it, or "
                "add its words to the article that answers it."))
            return
        self.window_.staff.open_editor(found[0].path)

    def answer_flag(self) -> None:
        row = self._selected(self.flags)
        if self.report is None or row < 0:
            return
        flag = self.report.open_flags[row]
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Answer the flag"),
            self.tr("{agent} flagged “{title}” as {kind}:\n{comment}\n\nYour answer (the "
                    "agent sees it):").format(agent=flag.agent, title=flag.title,
                                              kind=words.word(flag.kind),
                                              comment=flag.comment or self.tr("(no comment)")))
        if not ok or not text.strip():
            return
        kb, by = self.window_.kb, self.window_.prefs.values.author or "staff"

        def answer() -> None:
            local = kb.open_local_data()
            try:
                local.add_reply(flag.id, text, by)
            finally:
                local.close()
        self.window_.tasks.write(answer, lambda _: self._answered(), self._failed)

    def _answered(self) -> None:
        self.refresh()
        self.window_.commands.load_answers()  # this desk's own flags may be among them

    def mark_reviewed(self) -> None:
        """The next review date, REVIEW_AGAIN_DAYS from today, saved as a revision."""
        row = self._selected(self.stale)
        if self.report is None or row < 0:
            return
        item = self.report.stale[row]
        author = self.window_.prefs.values.author or "staff"
        kb = self.window_.kb
        when = (dt.date.today() + dt.timedelta(days=REVIEW_AGAIN_DAYS)).isoformat()

        def review() -> object:
            edit = kb.load(item.path).with_fields(review_by=when)
            return kb.save(edit, author, f"Reviewed; next review {when}")
        self.window_.tasks.write(review, lambda _: self.refresh(), self._failed)

    def _failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Not done"), locale_text.say(error))


W = TypeVar("W", bound=QWidget)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal")


def _named(widget: W, name: str, accessible: str) -> W:
    """The widget with an object name (tests find it by that) and an accessible name
    (screen readers say it)."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget



def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = QTableWidgetItem(text)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            table.setItem(r, c, cell)
    table.resizeColumnsToContents()


def show_health(window: MainWindow) -> None:
    """The Health view (staff): flags to answer, gaps, stale articles, trends."""
    if window.health is None:
        window.health = HealthWindow(window)
    window.health.show()
    window.health.raise_()
    window.health.refresh()


def set_recording(window: MainWindow, on: bool) -> None:
    """The agent's choice: searches and views kept for the team's health report, or not
    (flags are always kept: they are written for the team)."""
    window.prefs.values.record_searches = on
    window.prefs.save()
    said = (translate("HealthView", "Your searches are recorded for the team's report") if on
            else translate("HealthView", "Your searches are no longer recorded"))
    window.statusBar().showMessage(said, 5000)


def show_recorded(window: MainWindow) -> None:
    """What this desk has recorded lately, as the team will see it."""
    text = ("\n".join(window.data.recent_events(30))
            or translate("HealthView", "Nothing recorded yet."))
    QMessageBox.information(window, translate("HealthView", "What this desk recorded"),
                            translate("HealthView", "Only what you typed and did, never "
                                      "anything about the customer:\n\n{events}").format(
                                          events=text))
