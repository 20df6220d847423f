"""Publish → Export public website: the folder is asked for here, the site is written on
the task runner's writer thread (with progress), and what was left out is said."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from kb_app.export import ExportOptions, ExportReport, build_site
from kb_app.gui.locale_text import say

if TYPE_CHECKING:
    from kb_app.gui.main_window import MainWindow

SHOWN_LEFT_OUT = 12  # lines of "left out" in the dialog; `kb check` has the rest


class Publisher(QObject):
    """The export's dialogs, progress and result in the agent window."""

    finished = Signal(object)  # ExportReport, once shown
    failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.exported_to: Path | None = None
        self.open_site_button = QPushButton(self.tr("Open exported site in browser"))
        self.open_site_button.setObjectName("openSite")
        self.open_site_button.clicked.connect(self.open_exported_site)
        self.open_site_button.hide()
        self._report = window.tasks.reporter(self.on_progress)

    @property
    def window(self) -> MainWindow:
        """The window this part belongs to (its Qt parent: no reference cycle to leave
        for Python's garbage collector, which may run on any thread)."""
        return cast("MainWindow", self.parent())

    def choose_folder(self) -> None:
        start = self.window.prefs.values.export_folder or str(Path.home())
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Export the public website to"), start)
        if folder:
            self.export_site(Path(folder))

    def export_site(self, folder: Path) -> None:
        window = self.window
        window.prefs.values.export_folder = str(folder)
        window.prefs.save()
        self.open_site_button.hide()
        window.statusBar().showMessage(
            self.tr("Exporting the public articles to {folder}…").format(folder=folder))
        articles, report = window.kb.articles_dir, self._report
        window.tasks.write(lambda: build_site(articles, folder, ExportOptions(),
                                              progress=report),
                           self.on_exported, self.on_failed)

    def on_progress(self, done: int, total: int) -> None:
        progress = self.window.progress
        progress.setRange(0, max(total, 1))
        progress.setValue(done)
        progress.setVisible(done < total)

    def on_exported(self, report: ExportReport) -> None:
        window = self.window
        window.progress.hide()
        self.exported_to = report.out
        window.statusBar().showMessage(
            self.tr("Exported %Ln public article(s) to {folder}", "", report.articles)
            .format(folder=report.out), 10_000)
        self.open_site_button.show()
        left_out = [*report.withheld, *(say(p) for p in report.export_problems)]
        if left_out:
            more = len(left_out) - SHOWN_LEFT_OUT
            shown = "\n".join(left_out[:SHOWN_LEFT_OUT]) + (
                "\n" + self.tr("… and %Ln more", "", more) if more > 0 else "")
            QMessageBox.warning(window, self.tr("Exported, with things left out"),
                                self.tr("The website was written, but these were left out:"
                                        "\n\n{list}\n\nRun `kb check` on the folder for "
                                        "details.").format(list=shown))
        self.finished.emit(report)

    def on_failed(self, error: Exception) -> None:
        self.window.progress.hide()
        QMessageBox.warning(self.window, self.tr("Export not done"),
                            self.tr("Export failed: {error}").format(error=say(error)))
        self.failed.emit(say(error))

    def open_exported_site(self) -> None:
        if self.exported_to:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported_to / "index.html")))


__all__ = ["Publisher"]
