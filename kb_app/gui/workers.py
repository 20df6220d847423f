"""Background work for the window: searching, indexing, exporting, history, each on its
own thread.

The searcher is not thread-safe, so it lives on one search thread and nowhere else.
Index writes take the index's lock, so one indexing thread is enough. Results come
back to the UI thread through queued signals; a search that a newer keystroke has
replaced is dropped before it runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kb_app.export import ExportOptions, build_site
from kb_app.history import History
from kb_app.index import IndexNotReady, KnowledgeIndex, SyncReport
from kb_app.search import Filters, Hit, KnowledgeSearcher, SearchResponse, ids_with_status

CHILD_PROCESS_FROM = 300  # files to read before a build moves to a child process
TIDY_AFTER_QUIET_S = 30.0  # merge small index segments after this long without changes
TIDY_ANYWAY_AT = 40  # ... or once there are this many
HOME_CHUNK = 8  # home-list lookups between checks for a newer keystroke (about a ms each)


@dataclass(frozen=True)
class SearchRequest:
    serial: int
    text: str
    product: str | None = None
    language: str | None = None
    limit: int = 20  # what fits in an agent's glance; snippets cost per result
    include_archived: bool = False
    include_drafts: bool = False


@dataclass(frozen=True)
class HomeRequest:
    """What the home lists show, by id, already cut to what fits on screen: looking up
    every changed article (thousands after a bulk update) would hold up the next search."""

    serial: int
    pinned: list[str]
    recent: list[str]
    changed: list[str]
    filters: Filters  # which statuses may be listed


@dataclass
class HomeLists:
    serial: int
    pinned: list[Hit]
    recent: list[Hit]
    changed: list[Hit]


@dataclass
class Survey:
    """What the window needs to know after the index changed, read off the UI thread."""

    products: list[str]
    versions: dict[str, str]  # article id -> version
    ticket: int = 0  # the refresh request this answers
    staff_only: frozenset[str] = frozenset()  # ids of drafts and archived articles


class SearchWorker(QObject):
    finished = Signal(int, object)  # serial, SearchResponse
    home_ready = Signal(object)  # HomeLists
    surveyed = Signal(object)  # Survey, after each refresh
    failed = Signal(str)

    def __init__(self, kb: KnowledgeIndex) -> None:
        super().__init__()
        self.kb = kb
        self._searcher: KnowledgeSearcher | None = None
        self._latest = 0
        self._lock = threading.Lock()

    def note_latest(self, serial: int) -> None:
        """Called from the UI thread: anything older than `serial` is stale."""
        with self._lock:
            self._latest = serial

    def _is_stale(self, serial: int) -> bool:
        with self._lock:
            return serial < self._latest

    def _ready(self) -> KnowledgeSearcher | None:
        if self._searcher is None:
            if self.kb.generation_dir() is None:
                return None  # the index thread is creating it; progress will refresh us
            try:
                self._searcher = self.kb.searcher()  # reads only: the index thread builds
            except IndexNotReady:
                return None  # nothing readable yet: the window says "still indexing"
            except Exception as exc:  # noqa: BLE001 - shown to the agent, never fatal
                self.failed.emit(f"Search is not available yet: {exc}")
                return None
        return self._searcher

    @Slot(object)
    def search(self, request: SearchRequest) -> None:
        if self._is_stale(request.serial):
            return
        searcher = self._ready()
        if searcher is None:  # no index yet: say so, the window shows "still indexing"
            self.finished.emit(request.serial, SearchResponse(query=request.text))
            return
        response = searcher.search(request.text, product=request.product,
                                   language=request.language, limit=request.limit,
                                   include_archived=request.include_archived,
                                   include_drafts=request.include_drafts)
        if not self._is_stale(request.serial):
            self.finished.emit(request.serial, response)

    @Slot(object)
    def home(self, request: HomeRequest) -> None:
        """The home lists, looked up a few at a time: as soon as the agent types, the
        rest is dropped so the search waits at most one chunk (a few milliseconds)."""
        searcher = None if self._is_stale(request.serial) else self._ready()
        if searcher is None:
            if not self._is_stale(request.serial):
                self.home_ready.emit(HomeLists(request.serial, [], [], []))
            return
        lists: list[list[Hit]] = []
        for ids in (request.pinned, request.recent, request.changed):
            hits: list[Hit] = []
            for start in range(0, len(ids), HOME_CHUNK):
                if self._is_stale(request.serial):
                    return
                hits += searcher.hits_for_ids(ids[start:start + HOME_CHUNK])
            lists.append([hit for hit in hits if request.filters.admits(hit.status)])
        self.home_ready.emit(HomeLists(request.serial, *lists))

    @Slot(int)
    def refresh(self, ticket: int = 0) -> None:
        if self._searcher is not None:
            self._searcher.refresh()
        searcher = self._ready()
        if searcher is not None:
            self.surveyed.emit(Survey(
                searcher.lexicon("product"), self.kb.versions(), ticket,
                frozenset(ids_with_status(searcher, Filters().hidden_statuses()))))

    @Slot()
    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None


class IndexWorker(QObject):
    """Keeps the index in step with the folder.

    Small changes are applied on this thread. A large build runs in a child `kb index`
    process: it can use both cores (forking from a Qt process with threads is unsafe) and
    never competes with the window for Python's interpreter lock.
    """

    progress = Signal(int, int)
    synced = Signal(object)  # SyncReport
    tidied = Signal()  # segments were merged: searchers should reopen
    failed = Signal(str)

    def __init__(self, kb: KnowledgeIndex, child_process_from: int = CHILD_PROCESS_FROM) -> None:
        super().__init__()
        self.kb = kb
        self.child_process_from = child_process_from
        self.busy = False
        self.last_change = time.monotonic()  # when a sync last found something to do

    def _build_in_child(self) -> None:
        command = [sys.executable, "-m", "kb_app", "index", "--articles",
                   str(self.kb.articles_dir), "--index", str(self.kb.index_dir), "--progress"]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True) as child:
            assert child.stdout is not None
            for line in child.stdout:
                try:
                    step = json.loads(line)
                    self.progress.emit(int(step["done"]), int(step["total"]))
                except (ValueError, KeyError, TypeError):
                    continue
        if child.returncode:
            raise RuntimeError(f"indexing stopped (exit code {child.returncode})")

    @Slot(list)
    def sync_paths(self, paths: list[str]) -> None:
        """Files an editor just wrote: indexed without scanning the folder."""
        self._run(lambda: self.kb.sync(progress=self.progress.emit, workers=1, only=paths))

    @Slot()
    def sync(self) -> None:
        self._run(self._sync_folder)

    def _run(self, work) -> None:
        if self.busy:
            return
        self.busy = True
        try:
            report: SyncReport = work()
        except Exception as exc:  # noqa: BLE001 - the window stays usable on old results
            self.failed.emit(f"Could not update the index: {exc}")
        else:
            if report.changed:
                self.last_change = time.monotonic()
            self.synced.emit(report)
        finally:
            self.busy = False

    def _sync_folder(self) -> SyncReport:
        disk = self.kb.scan()
        pending = self.kb.pending(disk)
        if pending >= self.child_process_from:
            self.progress.emit(0, pending)  # now: the child says nothing until a batch is in
            self._build_in_child()
            disk = None  # the child changed the index: scan again
        report = self.kb.sync(progress=self.progress.emit, workers=1, disk=disk)
        if not report.changed and self._quiet() and self.kb.tidy():
            self.tidied.emit()
        return report

    def _quiet(self) -> bool:
        """Segment merging waits until nobody has saved for a while, so a save never
        queues behind it; during a long run of saves it is only put off so far."""
        return time.monotonic() - self.last_change > TIDY_AFTER_QUIET_S or len(
            self.kb.small_segments()) > TIDY_ANYWAY_AT


class ExportWorker(QObject):
    """Writes the public website off the UI thread, reporting progress."""

    progress = Signal(int, int)
    finished = Signal(object)  # ExportReport
    failed = Signal(str)

    def __init__(self, articles_dir: Path) -> None:
        super().__init__()
        self.articles_dir = articles_dir

    @Slot(object)
    def export(self, out: Path) -> None:
        try:
            report = build_site(self.articles_dir, out, ExportOptions(),
                                progress=self.progress.emit)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.failed.emit(f"Export failed: {exc}")
        else:
            self.finished.emit(report)


@dataclass(frozen=True)
class RevisionRequest:
    paths: list[str]  # relative to the articles folder
    author: str
    message: str
    contents: dict[str, bytes | None]  # each path's bytes when saved; None: deleted


class HistoryWorker(QObject):
    """Records revisions one after another, off the UI thread: staging a save in a large
    repository's git index takes a few hundred milliseconds, which typing must not feel."""

    recorded = Signal(object, str)  # RevisionRequest, commit id
    failed = Signal(str)

    def __init__(self, articles_dir: Path) -> None:
        super().__init__()
        self.articles_dir = articles_dir
        self._history: History | None = None

    @Slot(object)
    def record(self, request: RevisionRequest) -> None:
        try:
            if self._history is None:
                self._history = History(self.articles_dir)
            commit = self._history.commit(request.paths, request.author, request.message,
                                          request.contents)
        except Exception as exc:  # noqa: BLE001 - the article is saved; history is extra
            self.failed.emit(f"Saved, but the revision was not recorded: {exc}")
        else:
            self.recorded.emit(request, commit)

    @Slot()
    def drain(self) -> None:
        """Called blocking before the thread stops: every earlier request has run."""
        if self._history is not None:
            self._history.close()
            self._history = None


def start_thread(worker: QObject, name: str) -> QThread:
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.start()
    return thread


__all__ = ["ExportWorker", "HistoryWorker", "HomeLists", "HomeRequest", "IndexWorker",
           "RevisionRequest", "SearchRequest", "SearchResponse", "SearchWorker", "Survey",
           "start_thread"]
