"""Keeping the window's index in step with its folder, and telling the window about it.

`IndexKeeper` holds the index owner's operations (no Qt): they run on the task runner's
writer thread, the one thread of the process that writes the index. `Indexing` is the
window's side: the folder poll, progress from the first second of a build, a survey of
the index on the reader thread after every change, and what waits for the first sync.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar

from kb_app.gui import locale_text
from kb_app.gui.tasks import NotReady, Progress, TaskRunner
from kb_app.search import Filters, KnowledgeSearcher, ids_with_status

if TYPE_CHECKING:
    from kb_app.index import KnowledgeIndex, SyncReport
    from kb_app.knowledge_base import KnowledgeBase

POLL_MS = 2000  # how often the folder is checked for changes made elsewhere
CHILD_PROCESS_FROM = 300  # files to read before a build moves to a child process
TIDY_AFTER_QUIET_S = 30.0  # merge small index segments after this long without changes
TIDY_ANYWAY_AT = 40  # ... or once there are this many


@dataclass
class Synced:
    report: SyncReport
    tidied: bool = False  # segments were merged: searchers should reopen


@dataclass
class Survey:
    """What the window needs to know after the index changed, read on the reader thread."""

    products: list[str]
    versions: dict[str, str]  # article id -> version
    ticket: int = 0  # the refresh request this answers
    staff_only: frozenset[str] = frozenset()  # ids of drafts and archived articles


class IndexKeeper:
    """The index owner's work, run on the writer thread only.

    Small changes are applied on that thread. A large build runs in a child `kb index`
    process: it can use both cores (forking from a Qt process with threads is unsafe) and
    never competes with the window for Python's interpreter lock.
    """

    def __init__(self, kb: KnowledgeIndex, child_process_from: int = CHILD_PROCESS_FROM) -> None:
        self.kb = kb
        self.child_process_from = child_process_from
        self.last_change = time.monotonic()  # when a sync last found something to do

    def sync_folder(self, progress: Progress) -> Synced:
        """The whole folder: scanned, and what changed read again."""
        disk: dict[str, str] | None = self.kb.scan()
        pending = self.kb.pending(disk)
        if pending >= self.child_process_from:
            progress(0, pending)  # now: the child says nothing until a batch is in
            self._build_in_child(progress)
            disk = None  # the child changed the index: scan again
        report = self._noted(self.kb.sync(progress=progress, workers=1, disk=disk))
        tidied = not report.changed and self._quiet() and self.kb.tidy()
        return Synced(report, tidied)

    def saved(self) -> None:
        """An editor's save was just indexed (by the save itself): merging waits."""
        self.last_change = time.monotonic()

    def _noted(self, report: SyncReport) -> SyncReport:
        if report.changed:
            self.last_change = time.monotonic()
        return report

    def _build_in_child(self, progress: Progress) -> None:
        command = [sys.executable, "-m", "kb_app", "index", "--articles",
                   str(self.kb.articles_dir), "--index", str(self.kb.index_dir), "--progress"]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True) as child:
            assert child.stdout is not None
            for line in child.stdout:
                try:
                    step = json.loads(line)
                    progress(int(step["done"]), int(step["total"]))
                except (ValueError, KeyError, TypeError):
                    continue
        if child.returncode:
            raise RuntimeError(f"indexing stopped (exit code {child.returncode})")

    def _quiet(self) -> bool:
        """Segment merging waits until nobody has saved for a while, so a save never
        queues behind it; during a long run of saves it is only put off so far."""
        return time.monotonic() - self.last_change > TIDY_AFTER_QUIET_S or len(
            self.kb.small_segments()) > TIDY_ANYWAY_AT


def survey(searcher: KnowledgeSearcher, kb: KnowledgeIndex, ticket: int,
           meaning: bool = True) -> Survey:
    """On the reader thread: the searcher picks up index changes (and the meaning
    vectors made since, `meaning` on), then what the window shows about the whole index
    (products, versions, what agents are not shown)."""
    searcher.refresh()
    if meaning:
        searcher.warm_meaning()  # not in the agent's first search
    return Survey(searcher.lexicon("product"), kb.versions(), ticket,
                  frozenset(ids_with_status(searcher, Filters().hidden_statuses())))


class ProgressBar(QProgressBar):
    """A progress bar whose percentage is written in the interface's digits."""

    def text(self) -> str:
        span = self.maximum() - self.minimum()
        if span <= 0:
            return ""
        percent = (self.value() - self.minimum()) * 100 // span
        return f"{locale_text.number(percent)}%"


class Indexing(QObject):
    """The window's side of the index: polls the folder, shows progress, surveys."""

    synced = Signal(object, bool)  # SyncReport of the folder, whether it is the first
    updated = Signal(list)  # these files changed in the index: the reader picks them up
    surveyed = Signal(object)  # Survey
    grew = Signal()  # a build under way committed more: searches may find more
    failed = Signal(str)

    def __init__(self, kb: KnowledgeBase, tasks: TaskRunner[KnowledgeSearcher],
                 progress: QProgressBar, label: QLabel) -> None:
        super().__init__()
        self.index, self.tasks = kb.index, tasks
        self.keeper = IndexKeeper(kb.index)
        self.progress_bar, self.label = progress, label
        self.last_sync: SyncReport | None = None  # None until the folder was checked once
        self.building: tuple[int, int] | None = None  # (done, total) while building
        self.refresh_ticket = 0
        self.meaning = True  # search by meaning on: surveys get it ready (set by the window)
        self.full_ticket: int | None = None  # the first refresh after a complete sync
        self.after_first_sync: list[Callable[[], None]] = []
        self._report = tasks.reporter(self.on_progress)
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(self.check_folder)

    def start(self) -> None:
        self.poll.start()
        self.check_folder()

    def stop(self) -> None:
        self.poll.stop()

    def check_folder(self) -> None:
        """Sync the folder on the writer (once: a check already waiting will do)."""
        keeper, report = self.keeper, self._report
        self.tasks.write(lambda: keeper.sync_folder(report), self.on_synced,
                         self._sync_failed, key="sync-folder", droppable=True)

    def took_in(self, paths: list[str]) -> None:
        """Files an editor wrote and the index has taken in (the save indexes them): the
        reader picks them up, then the window searches again."""
        self.keeper.saved()  # segments are merged once saves stop
        self.refresh()
        self.updated.emit(paths)

    def _sync_failed(self, error: Exception) -> None:
        self.failed.emit(self.tr("Could not update the index: {error}").format(
            error=locale_text.say(error)))

    def on_progress(self, done: int, total: int) -> None:
        """Indexing: shown from its first second, and searches are answered on what is
        indexed so far (saying so when that finds nothing yet)."""
        self.building = (done, total) if done < total else None
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setVisible(done < total)
        self.label.setText(self.tr("Indexing {done} of {total} articles…").format(
            done=locale_text.number(done), total=locale_text.number(total)))
        self.label.setVisible(done < total)
        self.refresh()
        self.grew.emit()

    def refresh(self) -> None:
        """The reader picks up index changes and answers with a survey."""
        self.refresh_ticket += 1
        ticket, index, meaning = self.refresh_ticket, self.index, self.meaning
        self.tasks.search(lambda searcher: survey(searcher, index, ticket, meaning),
                          self.surveyed.emit, self._survey_failed)

    def _survey_failed(self, error: Exception) -> None:
        if not isinstance(error, NotReady):  # no index yet: progress will refresh us
            self.failed.emit(self.tr("Search is not available yet: {error}").format(
                error=locale_text.say(error)))

    def on_synced(self, synced: Synced) -> None:
        report = synced.report
        first = self.last_sync is None
        self.last_sync = report
        self.building = None
        self.progress_bar.hide()
        self.label.hide()
        news = first or report.changed
        if synced.tidied or news:
            self.refresh()
        if first:  # from this survey on, "what changed" compares whole folders
            self.full_ticket = self.refresh_ticket
        self.synced.emit(report, first)
        if news:
            self.updated.emit(report.changed_paths)
        waiting, self.after_first_sync = self.after_first_sync, []
        for then in waiting:
            then()

    def when_indexed(self, then: Callable[[], None]) -> None:
        """Run `then` once the folder has been indexed (at once if it has)."""
        if self.last_sync is not None:
            then()
        else:
            self.after_first_sync.append(then)

    def is_whole(self, survey: Survey) -> bool:
        """Whether a survey saw a complete folder (not a build half-way)."""
        return self.full_ticket is not None and survey.ticket >= self.full_ticket


__all__ = ["IndexKeeper", "Indexing", "ProgressBar", "Survey", "Synced", "survey"]
