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

from PySide6.QtCore import Qt
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

from kb_app.health import report as health
from kb_app.health import signals
from kb_app.templates import TEMPLATES

if TYPE_CHECKING:
    from kb_app.gui.main_window import MainWindow
    from kb_app.knowledge_base import KnowledgeBase
    from kb_app.search import KnowledgeSearcher

REVIEW_AGAIN_DAYS = 90


def build_report(kb: KnowledgeBase, searcher: KnowledgeSearcher) -> health.HealthReport:
    """This desk's records published, every desk's signals read, the report built (on the
    reader thread: it owns the searcher the report asks)."""
    folder = signals.team_folder(kb.data_dir)
    local = kb.open_local_data()
    try:
        signals.publish(local, folder)
    finally:
        local.close()
    from kb_app.articles import load_folder

    return health.build(signals.read([folder]).events, load_folder(kb.articles_dir).articles,
                        answers=lambda q: searcher.search(q, limit=1).every_word)


class HealthWindow(QMainWindow):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.report: health.HealthReport | None = None
        self.setWindowTitle("Knowledge health — Gyan")
        self.summary = _named(QLabel(), "healthSummary")
        self.tabs = _named(QTabWidget(), "healthTabs")
        self.flags = self._table("flags", ["Article", "Owner", "Flag", "Comment", "Agent",
                                           "When"])
        self.gaps = self._table("gaps", ["Agents asked for", "Searches", "Desks",
                                         "Also typed"])
        self.stale = self._table("stale", ["Article", "Owner", "Why", "Views"])
        self.use = self._table("use", ["Article", "Views"])
        self.trends = _named(QWidget(), "trends")
        self.trends_layout = QVBoxLayout(self.trends)
        self._tab(self.flags, "Open flags", [("Answer…", self.answer_flag)])
        self._tab(self.gaps, "Searches that found nothing",
                  [("Write an article for this", self.write_for_gap)])
        self._tab(self.stale, "Stale", [("Mark reviewed", self.mark_reviewed)])
        self.tabs.addTab(self.trends, "Trends")
        self._tab(self.use, "Most and never viewed", [])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.resize(1000, 640)

    def _table(self, name: str, headings: list[str]) -> QTableWidget:
        table = _named(QTableWidget(0, len(headings)), name)
        table.setHorizontalHeaderLabels(headings)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.horizontalHeader().setStretchLastSection(True)
        table.setAccessibleName(name)
        return table

    def _tab(self, table: QTableWidget, title: str,
             buttons: list[tuple[str, Callable[[], None]]]) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        for text, slot in buttons:
            button = _named(QPushButton(text), text.rstrip("…").replace(" ", "_"))
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.tabs.addTab(page, title)

    # -- showing the report --------------------------------------------------------------

    def refresh(self) -> None:
        self.summary.setText("Building the report…")
        kb = self.window_.kb
        self.window_.tasks.search(lambda searcher: build_report(kb, searcher), self.show_report,
                                  lambda error: self.summary.setText(
                                      f"The report could not be built: {error}"))

    def show_report(self, report: health.HealthReport) -> None:
        self.report = report
        self.summary.setText(
            f"{report.since} to {report.today} · {report.desks} desk(s) · "
            f"{report.searches} search(es) · {len(report.open_flags)} open flag(s) · "
            f"{len(report.no_results)} gap(s) · {len(report.stale)} stale article(s)")
        _fill(self.flags, [[f.title, f.owner or "—", f.kind, f.comment, f.agent,
                            f.at[:16].replace("T", " ")] for f in report.open_flags])
        _fill(self.gaps, [[g.label, str(g.searches), str(g.desks), " · ".join(g.queries[1:4])]
                          for g in report.no_results])
        _fill(self.stale, [[s.title, s.owner or "—", "; ".join(s.reasons), str(s.views)]
                           for s in report.stale])
        _fill(self.use, [[v.title, str(v.views)] for v in report.most_viewed]
              + [[v.title, "never"] for v in report.never_viewed])
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
        rising = ", ".join(f"{t.topic} ({t.this_week}, was {t.before:.1f} a week)"
                           for t in report.trends.rising)
        note = QLabel(f"Rising this week: {rising}" if rising else
                      "Nothing is rising this week.")
        note.setWordWrap(True)
        layout.addWidget(note)
        for title, series in (("Searches per week, by product",
                               report.trends.searches_by_product),
                              ("Flags per week, by product", report.trends.flags_by_product)):
            if series:
                figure = charts.weekly_figure(title, report.trends.weeks, series)
                figure.patch.set_facecolor(self.palette().color(QPalette.ColorRole.Window).name())
                figure.patch.set_alpha(1.0)
                layout.addWidget(FigureCanvasQTAgg(figure))  # on the theme's background

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
        from kb_app.gui.staff import new

        title = self.report.no_results[row].label
        self.window_.staff.open(new(next(iter(TEMPLATES)), title), "the new article")

    def answer_flag(self) -> None:
        row = self._selected(self.flags)
        if self.report is None or row < 0:
            return
        flag = self.report.open_flags[row]
        text, ok = QInputDialog.getMultiLineText(
            self, "Answer the flag", f"{flag.agent} flagged “{flag.title}” as {flag.kind}:\n"
            f"{flag.comment or '(no comment)'}\n\nYour answer (the agent sees it):")
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
        QMessageBox.warning(self, "Not done", str(error))


W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    """The widget with an object name (tests and accessibility find it by that)."""
    widget.setObjectName(name)
    widget.setAccessibleName(name.replace("_", " "))
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
    window.statusBar().showMessage("Your searches are recorded for the team's report" if on
                                   else "Your searches are no longer recorded", 5000)


def show_recorded(window: MainWindow) -> None:
    """What this desk has recorded lately, as the team will see it."""
    text = "\n".join(window.data.recent_events(30)) or "Nothing recorded yet."
    QMessageBox.information(window, "What this desk recorded", "Only what you typed and "
                            f"did, never anything about the customer:\n\n{text}")
