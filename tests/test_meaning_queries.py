"""A query's meaning made in a helper process while the words are ranked
(kb_app.meaning.queries): the same vectors and the same order as made in-process, and
a helper that dies, hangs or is closed never costs a search its answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb_app.knowledge_base import KnowledgeBase
from kb_app.meaning import queries, shared_encoder
from kb_app.meaning.queries import InlineQueries, QueryProcess
from tests.test_meaning import ARTICLES, make_kb

TEXTS = ["make the dashboard black", "get the numbers into a spreadsheet",
         "how do i change the language", "stop counting my own visits"]


@pytest.fixture
def helper():
    source = QueryProcess()
    yield source
    source.close()


def expected(text: str) -> np.ndarray:
    found: np.ndarray = shared_encoder().encode([text])[0]
    return found


def test_the_helper_gives_the_vectors_made_here(helper: QueryProcess) -> None:
    helper.warm()
    tickets = [helper.ask(text) for text in TEXTS]  # asked together, answered in order
    for text, ticket in zip(TEXTS, tickets, strict=True):
        assert np.allclose(helper.vector(ticket), expected(text), atol=1e-5)
    assert not helper.failed


def test_searches_rank_the_same_with_the_helper(tmp_path: Path) -> None:
    kb = make_kb(tmp_path)
    kb.update_meanings()
    with kb.searcher() as here:
        inline = [[h.id for h in here.search(t).results] for t in TEXTS]
    with KnowledgeBase(tmp_path / "articles", index=kb, query_process=True) as base:
        with base.searcher() as s:
            s.warm_meaning()  # starts the helper, and returns at once
            base.index.query_vectors.warm()  # its model loaded
            assert [[h.id for h in s.search(t).results] for t in TEXTS] == inline
            assert s.search("make the dashboard black").results[0].id == "dark-mode"
        process = base.index.query_vectors
        assert isinstance(process, QueryProcess) and not process.failed
        pid = process._process.pid
    assert process.failed and not _alive(pid)  # closed with the knowledge base


@pytest.mark.parametrize("when", ["starting", "ready"])
def test_a_dead_helper_is_replaced_by_this_process(tmp_path: Path, when: str) -> None:
    kb = make_kb(tmp_path)
    kb.update_meanings()
    source = QueryProcess()
    kb.query_vectors = source
    try:
        with kb.searcher() as s:
            s.warm_meaning()
            if when == "ready":
                source.warm()
            os.kill(source._process.pid, signal.SIGKILL)
            source._process.join(5)
            assert s.search("make the dashboard black").results[0].id == "dark-mode"
            assert source.failed
            assert np.allclose(source.vector(source.ask(TEXTS[1])), expected(TEXTS[1]),
                               atol=1e-5)
    finally:
        source.close()


def test_searches_never_wait_for_the_helper_to_start(tmp_path: Path) -> None:
    """The helper takes about a second to load its model: searches typed meanwhile are
    ranked by their words, at once, and by meaning as soon as it is ready."""
    kb = make_kb(tmp_path)
    kb.update_meanings()
    words = [h.id for h in kb.searcher().search("make the dashboard black",
                                                meaning=False).results]
    source = QueryProcess()
    kb.query_vectors = source
    try:
        with kb.searcher() as s:
            s.warm_meaning()
            start = time.monotonic()
            first = [h.id for h in s.search("make the dashboard black").results]
            assert time.monotonic() - start < 0.3 and first == words
            source.warm()
            assert s.search("make the dashboard black").results[0].id == "dark-mode"
            assert not source.failed
    finally:
        source.close()


def test_a_hung_helper_costs_one_wait_then_is_given_up(helper: QueryProcess,
                                                       monkeypatch) -> None:
    monkeypatch.setattr(queries, "ANSWER_TIMEOUT_S", 0.3)
    helper.warm()
    pid = helper._process.pid
    os.kill(pid, signal.SIGSTOP)
    start = time.monotonic()
    found = helper.vector(helper.ask(TEXTS[0]))
    assert time.monotonic() - start < 5
    assert helper.failed and np.allclose(found, expected(TEXTS[0]), atol=1e-5)
    assert not _alive(pid)  # killed, stopped as it was


def test_answers_nobody_collects_never_fill_the_pipe(helper: QueryProcess) -> None:
    """Searches whose vector turns out not to be needed (the first title says it all)
    drop it: the helper's answers must not pile up until it, then they, block."""
    helper.warm()
    start = time.monotonic()
    for n in range(300):  # about 40 unread answers would fill a pipe
        helper.drop(helper.ask(f"question number {n} about the dashboard"))
    assert np.allclose(helper.vector(helper.ask(TEXTS[2])), expected(TEXTS[2]), atol=1e-5)
    assert time.monotonic() - start < 30 and not helper.failed


def test_threads_each_get_their_own_vectors(helper: QueryProcess) -> None:
    helper.warm()
    wrong: list[str] = []

    def search(text: str) -> None:
        for _ in range(10):
            try:
                right = np.allclose(helper.vector(helper.ask(text)), expected(text),
                                    atol=1e-5)
            except Exception as error:  # noqa: BLE001 - said as a wrong answer
                right, text = False, f"{text}: {error!r}"
            if not right:
                wrong.append(text)

    threads = [threading.Thread(target=search, args=(t,)) for t in TEXTS]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not wrong and not helper.failed


def test_the_helper_outlives_the_thread_that_started_it(helper: QueryProcess) -> None:
    """The window's first search may run on a thread that ends: Linux's death signal
    would follow that thread, not the process, and kill the helper with it."""
    starter = threading.Thread(target=helper.warm)
    starter.start()
    starter.join(60)
    time.sleep(0.3)
    assert np.allclose(helper.vector(helper.ask(TEXTS[0])), expected(TEXTS[0]), atol=1e-5)
    assert not helper.failed


def test_a_stopped_helper_starts_again_when_asked(helper: QueryProcess) -> None:
    """Search by meaning turned off stops the helper (its memory given back); turned on
    again, the next one starts."""
    helper.warm()
    first = helper._process.pid
    helper.stop()
    assert helper._process is None and not _alive(first) and not helper.failed
    helper.warm()
    assert helper._process.pid != first
    assert np.allclose(helper.vector(helper.ask(TEXTS[1])), expected(TEXTS[1]), atol=1e-5)
    assert not helper.failed


def test_a_helper_that_cannot_start_leaves_this_process_to_it(monkeypatch) -> None:
    source = QueryProcess()

    def refuse() -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(source, "_start", refuse)
    assert np.allclose(source.vector(source.ask(TEXTS[3])), expected(TEXTS[3]), atol=1e-5)
    assert source.failed


def test_the_helper_dies_with_the_process_that_started_it(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import sys, time
        from kb_app.meaning.queries import QueryProcess

        if __name__ == "__main__":
            source = QueryProcess()
            source.warm()
            print(source._process.pid, flush=True)
            time.sleep(60)
        """)
    (tmp_path / "parent.py").write_text(script, "utf-8")
    parent = subprocess.Popen([sys.executable, str(tmp_path / "parent.py")],
                              stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[1])
    try:
        pid = int(parent.stdout.readline())  # type: ignore[union-attr]
        assert _alive(pid)
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)


@pytest.fixture(scope="module")
def started_helper():
    source = QueryProcess()
    source.warm()
    yield source
    source.close()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_a_vector_and_never_costs_the_helper(started_helper: QueryProcess,
                                                           text: str) -> None:
    """Hostile queries (lone surrogates, NULs, any script, long runs) are answered, and
    none of them makes the window give its helper up."""
    found = started_helper.vector(started_helper.ask(text))
    assert found.shape == (384,) and np.isfinite(found).all()
    assert not started_helper.failed


def test_a_query_with_a_broken_surrogate_is_ranked_by_meaning(tmp_path: Path) -> None:
    kb = make_kb(tmp_path)
    kb.update_meanings()
    source = QueryProcess()
    kb.query_vectors = source
    try:
        source.warm()
        with kb.searcher() as s:
            assert s.search("make the dashboard black \ud800").results[0].id == "dark-mode"
        assert not source.failed
    finally:
        source.close()


def test_inline_vectors_are_made_when_collected() -> None:
    source = InlineQueries()
    ticket = source.ask(TEXTS[0])
    source.drop(source.ask(TEXTS[1]))
    assert np.allclose(source.vector(ticket), expected(TEXTS[0]))


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie not yet reaped counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


assert ARTICLES  # the articles these searches read (tests.test_meaning)
