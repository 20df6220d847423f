"""The windows' task runner: where operations run, in what order, and how their results
come back (always on the UI thread)."""

from __future__ import annotations

import threading
import time

import pytest

from kb_app.gui.tasks import NotReady, Stale, TaskRunner

WAIT_MS = 10_000  # generous: two busy cores


class FakeSearcher:
    """Records which thread opened, used and closed it."""

    def __init__(self) -> None:
        self.threads: list[str] = [threading.current_thread().name]
        self.closed_on: str | None = None

    def search(self, text: str) -> str:
        self.threads.append(threading.current_thread().name)
        return text.upper()

    def close(self) -> None:
        self.closed_on = threading.current_thread().name


@pytest.fixture
def runner(qapp):
    opened: list[FakeSearcher] = []

    def open_searcher() -> FakeSearcher:
        opened.append(FakeSearcher())
        return opened[-1]

    tasks: TaskRunner[FakeSearcher] = TaskRunner(open_searcher)
    tasks.opened = opened  # type: ignore[attr-defined]
    yield tasks
    tasks.close()


def test_writes_run_one_after_another_in_the_order_queued(qtbot, runner) -> None:
    ran: list[tuple[str, int]] = []
    done: list[int] = []

    def write(n: int) -> int:
        ran.append(("start", n))
        time.sleep(0.01 * (5 - n))  # the first is the slowest: order is not luck
        ran.append(("end", n))
        return n

    for n in range(5):
        runner.write(lambda n=n: write(n), done.append)
    qtbot.waitUntil(lambda: len(done) == 5, timeout=WAIT_MS)
    assert done == [0, 1, 2, 3, 4]
    assert ran == [(step, n) for n in range(5) for step in ("start", "end")]


def test_results_and_failures_come_back_on_the_ui_thread(qtbot, runner) -> None:
    ui = threading.current_thread()
    seen: dict[str, tuple[str, bool]] = {}

    def where(lane: str) -> str:
        return threading.current_thread().name

    runner.run(lambda: where("pool"),
               lambda name: seen.__setitem__("run", (name, threading.current_thread() is ui)))
    runner.write(lambda: where("write"),
                 lambda name: seen.__setitem__("write", (name, threading.current_thread() is ui)))
    runner.search(lambda searcher: where("read"),
                  lambda name: seen.__setitem__("search",
                                                (name, threading.current_thread() is ui)))

    def fail() -> None:
        raise OSError(28, "No space left on device")

    runner.write(fail, lambda _: seen.__setitem__("wrong", ("", False)),
                 lambda error: seen.__setitem__(
                     "failed", (str(error), threading.current_thread() is ui)))
    qtbot.waitUntil(lambda: len(seen) == 4, timeout=WAIT_MS)
    assert seen["run"][0].startswith("pool") and seen["write"][0] == "write"
    assert seen["search"][0] == "read"
    assert "No space left" in seen["failed"][0] and "wrong" not in seen
    assert all(on_ui for _, on_ui in seen.values())  # every callback on the UI thread


def test_a_failure_without_on_failed_is_reported_not_lost(qtbot, runner) -> None:
    with qtbot.waitSignal(runner.unhandled, timeout=WAIT_MS) as blocker:
        runner.run(lambda: 1 / 0)
    assert isinstance(blocker.args[0], ZeroDivisionError)


def test_stale_searches_are_dropped_before_they_run(qtbot, runner) -> None:
    ran: list[int] = []
    shown: list[int] = []
    release = threading.Event()
    runner.search(lambda s: release.wait(WAIT_MS / 1000))  # the reader is busy...
    for serial in (1, 2, 3):  # ...while the agent types three letters
        runner.note_latest(serial)
        runner.search(lambda s, n=serial: ran.append(n) or n, shown.append, serial=serial)
    release.set()
    qtbot.waitUntil(lambda: shown == [3], timeout=WAIT_MS)
    qtbot.waitUntil(runner.idle, timeout=WAIT_MS)
    assert ran == [3]  # 1 and 2 never ran


def test_a_search_overtaken_while_it_runs_is_not_shown(qtbot, runner) -> None:
    started, release = threading.Event(), threading.Event()
    shown: list[str] = []

    def slow(searcher) -> str:
        started.set()
        release.wait(WAIT_MS / 1000)
        return "old"

    runner.note_latest(1)
    runner.search(slow, shown.append, serial=1)
    assert started.wait(WAIT_MS / 1000)
    runner.note_latest(2)  # a keystroke while it ran
    release.set()
    runner.search(lambda s: "new", shown.append, serial=2)
    qtbot.waitUntil(lambda: shown == ["new"], timeout=WAIT_MS)
    qtbot.waitUntil(runner.idle, timeout=WAIT_MS)
    assert shown == ["new"]


def test_an_operation_may_stop_itself_when_overtaken(qtbot, runner) -> None:
    looked_up: list[int] = []

    def home(searcher) -> list[int]:
        for chunk in range(100):
            if runner.is_stale(1):
                raise Stale()
            looked_up.append(chunk)
            if chunk == 2:
                runner.note_latest(2)  # the agent typed
        return looked_up

    runner.note_latest(1)
    shown: list[object] = []
    runner.search(home, shown.append, serial=1)
    qtbot.waitUntil(runner.idle, timeout=WAIT_MS)
    assert looked_up == [0, 1, 2] and shown == []


def test_the_searcher_lives_on_the_reader_thread(qtbot, runner) -> None:
    results: list[str] = []
    for text in ("refund", "router"):
        runner.search(lambda s, t=text: s.search(t), results.append)
    qtbot.waitUntil(lambda: len(results) == 2, timeout=WAIT_MS)
    assert results == ["REFUND", "ROUTER"]
    searcher = runner.opened[0]
    assert len(runner.opened) == 1 and set(searcher.threads) == {"read"}
    runner.close()
    assert searcher.closed_on == "read"


def test_no_index_yet_fails_the_read_with_not_ready(qtbot, qapp) -> None:
    tasks: TaskRunner[FakeSearcher] = TaskRunner(lambda: None)
    failures: list[Exception] = []
    tasks.search(lambda s: s.search("x"), on_failed=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    tasks.close()
    assert isinstance(failures[0], NotReady)


def test_a_write_waiting_with_the_same_key_is_not_queued_twice(qtbot, runner) -> None:
    release = threading.Event()
    runs: list[str] = []
    runner.write(lambda: release.wait(WAIT_MS / 1000))
    assert runner.write(lambda: runs.append("poll"), key="sync")
    assert not runner.write(lambda: runs.append("poll again"), key="sync")  # one waits
    release.set()
    qtbot.waitUntil(lambda: runs == ["poll"], timeout=WAIT_MS)
    qtbot.waitUntil(runner.idle, timeout=WAIT_MS)
    assert runner.write(lambda: runs.append("later"), key="sync")  # none waits now
    qtbot.waitUntil(lambda: runs == ["poll", "later"], timeout=WAIT_MS)


def test_progress_reaches_the_ui_thread_in_order(qtbot, runner) -> None:
    ui = threading.current_thread()
    steps: list[tuple[int, int, bool]] = []
    report = runner.reporter(lambda d, t: steps.append((d, t, threading.current_thread() is ui)))

    def build() -> None:
        for done in range(0, 101, 25):
            report(done, 100)

    runner.write(build)
    qtbot.waitUntil(lambda: len(steps) == 5, timeout=WAIT_MS)
    assert steps == [(d, 100, True) for d in range(0, 101, 25)]


def test_closing_finishes_queued_writes_but_not_syncs(qtbot, qapp) -> None:
    tasks: TaskRunner[FakeSearcher] = TaskRunner()
    release = threading.Event()
    ran: list[str] = []
    delivered: list[object] = []
    tasks.write(lambda: release.wait(WAIT_MS / 1000))
    tasks.write(lambda: ran.append("sync"), delivered.append, droppable=True)
    tasks.write(lambda: ran.append("revision"), delivered.append)
    threading.Timer(0.05, release.set).start()
    tasks.close()
    assert ran == ["revision"]  # a revision is never lost; the sync is redone next start
    qapp.processEvents()
    assert delivered == []  # no callback after closing: the window is going away


def test_a_yielding_write_lets_the_ui_and_the_reader_go_first(qtbot, runner) -> None:
    """Save, then record: the record waits until the window has taken the save in and the
    search that save asked for has answered (git would slow that search down)."""
    events: list[str] = []
    release = threading.Event()

    def search_again(_saved: str) -> None:  # what the window does with a save's result
        events.append("save taken in")
        runner.search(lambda s: release.wait(WAIT_MS / 1000) and events.append("searched"))
        threading.Timer(0.2, release.set).start()  # the search takes a while

    runner.write(lambda: events.append("saved") or "saved", search_again)
    runner.write(lambda: events.append("recorded"), yield_to_reads=True)
    qtbot.waitUntil(lambda: "recorded" in events, timeout=WAIT_MS)
    assert events == ["saved", "save taken in", "searched", "recorded"]


def test_a_yielding_write_waits_for_reads_only_so_long(qtbot, runner, monkeypatch) -> None:
    from kb_app.gui import tasks as tasks_module

    monkeypatch.setattr(tasks_module, "YIELD_MAX_S", 0.1)
    release = threading.Event()
    ran: list[str] = []
    runner.search(lambda s: release.wait(WAIT_MS / 1000))  # an agent who never stops typing
    runner.write(lambda: ran.append("recorded"), yield_to_reads=True)
    qtbot.waitUntil(lambda: ran == ["recorded"], timeout=WAIT_MS)
    release.set()
