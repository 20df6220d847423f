"""The windows' one task runner, after Anki's `qt/aqt/taskman.py`.

A window never waits for the disk or the index. It hands the runner an *operation* (a
function of core objects only, never of widgets) and what to do with its result:

    tasks.run(lambda: kb.history(path), on_done=dialog.show_revisions)

The operation runs on a worker thread; its result comes back on the UI thread by a
queued signal, to `on_done(result)`, or its exception to `on_failed(error)` (without
one, to the `unhandled` signal, which the window shows in its status bar).

Which thread touches what
-------------------------
UI thread
    Every widget and model; preferences and window state (QSettings); the local
    database (flags, pins, recents: `KnowledgeBase.open_local_data()` gives the UI
    thread its own SQLite connection, whose calls take well under a millisecond); every
    `on_done` / `on_failed` / progress callback. Only the UI thread submits tasks.
reader ("read", one thread)
    Owns the window's one `KnowledgeSearcher` (`searcher`: searchers are not
    thread-safe, one per thread, and this is the only one of the window). Runs
    `search()` tasks in order: keystroke searches (with the top result's article read
    and rendered for the pane), home lists, the survey after an index change, the link
    picker (`KnowledgeBase.find`), what an editor opens on (`load`, `recover`,
    `new_article` and `catalogue`). A task tagged with a serial older than the latest
    noted one is dropped before it runs, and its result is dropped if the serial went
    stale while it ran (`note_latest`, `is_stale`, `Stale`).
pool ("pool-N", POOL_THREADS threads)
    `run()` tasks: reads that need no searcher: an article for the pane, the editor's
    preview, an article's history and the texts to compare (each pool thread has its
    own `History`, kept by the KnowledgeBase), an editor's file read again after a
    change on disk, the recovery listing, a merge with someone else's save.
writer ("write", one thread)
    `write()` tasks, strictly first in, first out: index syncs (the index owner: the one
    thread of the process that writes the index; a large build runs in a child process
    from here), saves (which index what they wrote), moves, deletes, images, recovery
    files, revisions (git has one index; the writer has its own `History`), the copy of
    the sample, the export. "Index the save, then record its revision" is two writes
    queued in that order: the second starts when the first is done, and no timer is
    involved. A write queued with `key` is not queued again while an earlier one with
    that key still waits (the folder poll). A write queued with `yield_to_reads` (a
    revision: git work that competes with searches for Python's interpreter lock) first
    lets the UI take in the writes before it and the reader answer what that asked for
    -- the search that finds the saved article -- waiting at most YIELD_MAX_S while an
    agent keeps typing. `close()` drops queued reads and syncs and does the other writes.

Results cross threads as plain values. Callbacks are kept on the UI side, by ticket:
a worker thread never holds a reference to a widget, so no widget can be destroyed
off the UI thread by the garbage collector.
"""

from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

T = TypeVar("T")
S = TypeVar("S")
Done = Callable[[Any], None]
Failed = Callable[[Exception], None]
Progress = Callable[[int, int], None]

POOL_THREADS = 2  # reads besides the searcher's: rarely more than two at once
CLOSE_WAIT_S = 10.0  # how long closing waits for the writes already queued
YIELD_MAX_S = 2.0  # the longest a yielding write waits for reads to finish


def _nothing() -> None:
    return None


class Stale(Exception):  # noqa: N818 - a signal to stop, not an error
    """Raised by a `search()` operation that sees (`is_stale`) a newer keystroke has
    replaced it: it stops, and no callback runs."""


class NotReady(Exception):  # noqa: N818 - a state, shown as "still indexing"
    """There is no index to search yet (the first build has not committed anything)."""


class Handoff(Generic[T]):
    """A value one write hands to the write queued right after it, as with "save, then
    record the save's revision". Both run on the writer thread, one after the other, so
    no lock is needed; the second finds nothing if the first failed."""

    def __init__(self) -> None:
        self._value: T | None = None

    def put(self, value: T) -> T:
        self._value = value
        return value

    def take(self) -> T | None:
        value, self._value = self._value, None
        return value


@dataclass
class _Job:
    ticket: int
    op: Callable[[], object]
    serial: int | None = None  # reader: dropped once a newer serial is noted
    key: str | None = None  # writer: one waiting job per key
    droppable: bool = False  # writer: skipped when closing (the next start redoes it)
    yields: bool = False  # writer: lets the reads that earlier writes brought about go first


@dataclass
class _Callbacks:
    on_done: Done | None
    on_failed: Failed | None


@dataclass
class _Lane:
    """One queue and the threads that empty it, in order."""

    name: str
    jobs: queue.SimpleQueue[_Job | None] = field(default_factory=queue.SimpleQueue)
    threads: list[threading.Thread] = field(default_factory=list)


class SearcherSlot(Generic[S]):
    """The reader thread's searcher, opened on first use and refreshed on request.
    Touched by the reader thread only."""

    def __init__(self, open_searcher: Callable[[], S | None]) -> None:
        self._open = open_searcher
        self._searcher: S | None = None

    def get(self) -> S:
        if self._searcher is None:
            self._searcher = self._open()
            if self._searcher is None:
                raise NotReady("the index is still being built")
        return self._searcher

    def opened(self) -> S | None:
        return self._searcher

    def close(self) -> None:
        closing, self._searcher = self._searcher, None
        close = getattr(closing, "close", None)
        if close is not None:
            close()


class TaskRunner(QObject, Generic[S]):
    """Runs operations off the UI thread and calls back on it (see the module's notes)."""

    unhandled = Signal(object)  # an Exception no on_failed was given for
    _finished = Signal(int, object, object)  # ticket, result, exception
    _dropped = Signal(int)  # ticket of a stale read: forget its callbacks
    _progressed = Signal(int, int, int)  # reporter, done, total

    def __init__(self, open_searcher: Callable[[], S | None] | None = None,
                 pool_threads: int = POOL_THREADS) -> None:
        """`open_searcher` opens the reader's searcher (None: no index to read yet)."""
        super().__init__()
        self._tickets = itertools.count(1)
        self._callbacks: dict[int, _Callbacks] = {}
        self._reporters: dict[int, Progress] = {}
        self._latest = 0
        self._lock = threading.Lock()
        self._quiet = threading.Condition(self._lock)  # reads done, writes taken in
        self._reads = 0  # reader jobs queued or running
        self._unseen: set[int] = set()  # writes whose result the UI has not taken in yet
        self._waiting_keys: set[str] = set()
        self._closing = False
        self.searcher: SearcherSlot[S] = SearcherSlot(open_searcher or (lambda: None))
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._dropped.connect(self._forget, Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self._report, Qt.ConnectionType.QueuedConnection)
        self._reader = self._start("read", 1, self._read_loop)
        self._pool = self._start("pool", pool_threads, self._loop)
        self._writer = self._start("write", 1, self._write_loop)

    def _start(self, name: str, count: int, loop: Callable[[_Lane], None]) -> _Lane:
        lane = _Lane(name)
        for n in range(count):
            thread = threading.Thread(target=loop, args=(lane,), daemon=True,
                                      name=name if count == 1 else f"{name}-{n + 1}")
            lane.threads.append(thread)
            thread.start()
        return lane

    # -- submitting (UI thread) ------------------------------------------------------------

    def run(self, op: Callable[[], T], on_done: Callable[[T], None] | None = None,
            on_failed: Failed | None = None) -> None:
        """A read that needs no searcher, on the pool."""
        self._pool.jobs.put(self._job(op, on_done, on_failed))

    def search(self, op: Callable[[S], T], on_done: Callable[[T], None] | None = None,
               on_failed: Failed | None = None, serial: int | None = None) -> None:
        """A read of the index with the reader's searcher, in order. With `serial`, it is
        dropped (no callback) if a newer serial is noted before it runs or finishes."""
        slot = self.searcher
        job = self._job(lambda: op(slot.get()), on_done, on_failed)
        job.serial = serial
        with self._lock:
            self._reads += 1
        self._reader.jobs.put(job)

    def write(self, op: Callable[[], T], on_done: Callable[[T], None] | None = None,
              on_failed: Failed | None = None, key: str | None = None,
              droppable: bool = False, yield_to_reads: bool = False) -> bool:
        """A write, after every write queued before it. False: not queued, because a
        write with the same `key` still waits (it will do the same work). See the
        module's notes for `droppable` and `yield_to_reads`."""
        with self._lock:
            if key is not None and key in self._waiting_keys:
                return False
            if key is not None:
                self._waiting_keys.add(key)
        job = self._job(op, on_done, on_failed)
        job.key, job.droppable, job.yields = key, droppable, yield_to_reads
        self._writer.jobs.put(job)
        return True

    def reporter(self, callback: Progress) -> Progress:
        """A progress function an operation may call from its thread: `callback(done,
        total)` runs on the UI thread."""
        number = next(self._tickets)
        self._reporters[number] = callback
        return lambda done, total: self._progressed.emit(number, done, total)

    def note_latest(self, serial: int) -> None:
        """Searches tagged with an older serial are stale from now on."""
        with self._lock:
            self._latest = max(self._latest, serial)

    def is_stale(self, serial: int | None) -> bool:
        """Any thread: whether `serial` has been overtaken (operations check it between
        steps and raise `Stale`)."""
        with self._lock:
            return serial is not None and serial < self._latest

    def _job(self, op: Callable[[], T], on_done: Callable[[T], None] | None,
             on_failed: Failed | None) -> _Job:
        ticket = next(self._tickets)
        self._callbacks[ticket] = _Callbacks(on_done, on_failed)
        return _Job(ticket, op)

    # -- worker threads --------------------------------------------------------------------

    def _loop(self, lane: _Lane) -> None:
        while (job := lane.jobs.get()) is not None:
            if self._closing:
                continue
            self._execute(job)

    def _read_loop(self, lane: _Lane) -> None:
        try:
            while (job := lane.jobs.get()) is not None:
                if self._closing or self.is_stale(job.serial):
                    self._dropped.emit(job.ticket)
                else:
                    self._execute(job)
                with self._quiet:
                    self._reads -= 1
                    self._quiet.notify_all()
        finally:
            self.searcher.close()  # on the thread that used it

    def _write_loop(self, lane: _Lane) -> None:
        while (job := lane.jobs.get()) is not None:
            with self._lock:
                self._waiting_keys.discard(job.key or "")
            if self._closing and job.droppable:
                self._dropped.emit(job.ticket)
                continue
            if job.yields:
                self._let_reads_go_first()
            with self._lock:
                self._unseen.add(job.ticket)
            self._execute(job)

    def _let_reads_go_first(self) -> None:
        """Wait until the UI has taken in every earlier write's result (and queued what
        it asks for) and the reader has answered it all, or YIELD_MAX_S."""
        with self._quiet:
            self._quiet.wait_for(lambda: self._closing or not (self._unseen or self._reads),
                                 timeout=YIELD_MAX_S)

    def _execute(self, job: _Job) -> None:
        ticket, serial, op = job.ticket, job.serial, job.op
        job.op = _nothing  # its references go with it, here, not at the next job
        error: Exception | None = None
        try:
            result: object = op()
        except Stale:
            result, error = None, Stale()
        except Exception as exc:  # noqa: BLE001 - handed to on_failed on the UI thread
            result, error = None, exc
        del op
        if isinstance(error, Stale) or self.is_stale(serial):
            self._dropped.emit(ticket)
        else:
            self._finished.emit(ticket, result, error)

    # -- back on the UI thread -------------------------------------------------------------

    def _deliver(self, ticket: int, result: object, error: object) -> None:
        try:
            self._call_back(ticket, result, error)
        finally:  # after the callback: what it asked the reader for is counted
            self._seen(ticket)

    def _call_back(self, ticket: int, result: object, error: object) -> None:
        callbacks = self._callbacks.pop(ticket, None)
        if callbacks is None or self._closing:
            return
        if isinstance(error, Exception):
            if callbacks.on_failed is not None:
                callbacks.on_failed(error)
            else:
                self.unhandled.emit(error)
        elif callbacks.on_done is not None:
            callbacks.on_done(result)

    def _forget(self, ticket: int) -> None:
        self._callbacks.pop(ticket, None)
        self._seen(ticket)

    def _seen(self, ticket: int) -> None:
        with self._quiet:
            if ticket in self._unseen:
                self._unseen.discard(ticket)
                self._quiet.notify_all()

    def _report(self, number: int, done: int, total: int) -> None:
        callback = self._reporters.get(number)
        if callback is not None and not self._closing:
            callback(done, total)

    # -- closing ---------------------------------------------------------------------------

    def close(self, wait_s: float = CLOSE_WAIT_S) -> None:
        """Stop: reads still queued are dropped, writes still queued are done (index
        syncs excepted: the next start does them), within `wait_s` seconds. No callback
        runs after this. Safe to call twice."""
        if self._closing:
            return
        with self._quiet:
            self._closing = True
            self._quiet.notify_all()  # a yielding write waits no more
        lanes = (self._reader, self._pool, self._writer)
        for lane in lanes:
            for _ in lane.threads:
                lane.jobs.put(None)
        for lane in lanes:
            for thread in lane.threads:
                thread.join(wait_s)
        self._callbacks.clear()
        self._reporters.clear()

    def idle(self) -> bool:
        """Whether no task waits for its callback (tests, benchmarks)."""
        return not self._callbacks


__all__ = ["Handoff", "NotReady", "SearcherSlot", "Stale", "TaskRunner"]
