"""Encoding what articles mean, in the background, after the index changed.

The index is the window's first job: search works on words alone as soon as it is
built. The meaning vectors (kb_app.meaning) follow, on a pool thread, in steps of at
most STEP_S seconds (each step a part of the store: a minute's files, not a handful),
stopped between two batches of files when the window closes or the setting is turned
off (closing waits for one batch, about 2 s), and a save's few files are encoded
within a second of being indexed. A long first run (a big folder)
shows its progress in the status bar; until it ends, the articles not yet encoded are
ranked by their words alone.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar

from kb_app.gui import locale_text

if TYPE_CHECKING:
    from kb_app.gui.tasks import TaskRunner
    from kb_app.index import KnowledgeIndex
    from kb_app.meaning.update import MeaningReport
    from kb_app.search import KnowledgeSearcher

STEP_S = 60.0  # one step's work on the pool, at most
SHOWN_FROM = 50  # files: fewer are encoded without a progress bar (a save's one)
BACKGROUND_CORES = 1  # the other core stays the agent's (searches while it encodes)


class MeaningUpdates(QObject):
    """Runs `KnowledgeIndex.update_meanings` step by step while it is on."""

    finished = Signal(object)  # the last step's MeaningReport: nothing remains
    failed = Signal(str)

    def __init__(self, index: KnowledgeIndex, tasks: TaskRunner[KnowledgeSearcher],
                 progress: QProgressBar, label: QLabel, on: bool = True) -> None:
        super().__init__()
        self.index, self.tasks, self.on = index, tasks, on
        self.progress_bar, self.label = progress, label
        self.running = False
        self.again = False  # the index changed during a step: look once more after it
        self.encoded = 0  # files encoded since the run began
        self._report = tasks.reporter(self._progressed)

    def start(self) -> None:
        """After a sync or a save: encode what changed (a run going on picks it up)."""
        if not self.on:
            return
        if self.running:
            self.again = True
            return
        self.running, self.again, self.encoded = True, False, 0
        self._step()

    def set_on(self, on: bool) -> None:
        """Off: no more steps (the one running stops after its batch). On: catch up."""
        self.on = on
        if on:
            self.start()
        else:
            self._hide()

    def _step(self) -> None:
        index, report = self.index, self._report
        deadline = time.monotonic() + STEP_S
        self.tasks.run(lambda: index.update_meanings(
            report, should_stop=lambda: not self.on or time.monotonic() > deadline,
            cores=BACKGROUND_CORES), self._stepped, self._failed)

    def _stepped(self, report: MeaningReport) -> None:
        self.encoded += report.encoded
        if self.on and (report.remaining or self.again):
            self.again = False
            # the next step after the UI has had its turn (a search, a repaint)
            QTimer.singleShot(0, self._step)
            return
        self.running = False
        self._hide()
        self.finished.emit(report)

    def _failed(self, error: Exception) -> None:
        """No vectors this time (a full disk, a damaged model file): search goes on by
        words, the next change tries again, and the status bar says why."""
        self.running = False
        self._hide()
        self.failed.emit(self.tr("Could not rank by meaning: {error}").format(
            error=locale_text.say(error)))

    def _progressed(self, done: int, total: int) -> None:
        if total < SHOWN_FROM or not self.running:
            return
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.progress_bar.setVisible(done < total)
        self.label.setText(self.tr("Reading what articles mean: {done} of {total}…").format(
            done=locale_text.number(done), total=locale_text.number(total)))
        self.label.setVisible(done < total)

    def _hide(self) -> None:
        self.progress_bar.hide()
        self.label.hide()
