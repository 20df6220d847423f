"""Where a query's vector is made: in this process, or in a helper process of its own
while this one ranks the query's words.

A query's vector costs about 4 ms (5.4 on one core), and the words' ranking about as
much: made one after the other, a first-seen English search at 100,000 articles took
9.3 ms at the median where the words alone took 5.2. Made on a thread of this process
they overlapped hardly at all (both hold Python's lock more than they multiply). A
helper process has its own lock and the desk's second core: the vector is asked for
before the words are read and is there, or nearly, when they are ranked.

`InlineQueries` is what a one-query process (`kb search`) uses: starting a helper costs
more than it saves. `QueryProcess` is the long-lived window's. Both answer the same
`QueryVectors` calls; a helper that fails, dies or does not answer in time is replaced
by this process's own encoder for good (its failure is no reason to rank worse)."""

from __future__ import annotations

import os
import struct
import threading
import time
from typing import Any, Protocol

import numpy as np

from kb_app.meaning import DIMENSIONS, shared_encoder

START_TIMEOUT_S = 60.0  # the helper's Python, numpy and the model, read from a cold disk
ANSWER_TIMEOUT_S = 2.0  # a query takes milliseconds: longer means the helper is stuck
_TICKET = struct.Struct("<q")


class QueryVectors(Protocol):
    def ask(self, text: str) -> int:
        """Start making `text`'s vector; the ticket to collect it with (`vector`) or to
        say it is no longer wanted (`drop`)."""
        ...

    def vector(self, ticket: int) -> np.ndarray:
        """The unit float32 vector asked for with `ticket` (raises if it cannot be made)."""
        ...

    def ready(self, ticket: int) -> bool:
        """Whether `vector` would answer now, without waiting or working."""
        ...

    def drop(self, ticket: int) -> None: ...

    def prepare(self) -> None:
        """Get ready to make vectors soon, not in the agent's first search, without
        holding up the caller for long (the window's reader thread, which searches)."""
        ...

    def warm(self) -> None:
        """Ready to make vectors now (waits for the model)."""
        ...

    def stop(self) -> None:
        """Let go of the model (search by meaning turned off); made again when next
        prepared or asked."""
        ...

    def close(self) -> None: ...


class InlineQueries:
    """Vectors made by this process's encoder when collected."""

    def __init__(self) -> None:
        self._asked: dict[int, str] = {}
        self._next = 0
        self._lock = threading.Lock()

    def ask(self, text: str) -> int:
        with self._lock:
            self._next += 1
            self._asked[self._next] = text
            return self._next

    def vector(self, ticket: int) -> np.ndarray:
        with self._lock:
            text = self._asked.pop(ticket)
        found: np.ndarray = shared_encoder().encode([text])[0]
        return found

    def ready(self, ticket: int) -> bool:
        return True  # made when collected: nothing to wait for meanwhile

    def drop(self, ticket: int) -> None:
        with self._lock:
            self._asked.pop(ticket, None)

    def prepare(self) -> None:
        shared_encoder()  # about 0.1 s: in this process, there is no other way

    def warm(self) -> None:
        shared_encoder()

    def stop(self) -> None:
        shared_encoder.cache_clear()  # its 78 MB go once no search holds it

    def close(self) -> None:
        with self._lock:
            self._asked.clear()


class NotReady(Exception):  # noqa: N818 - a state: the helper is still starting
    """The helper has not loaded its model yet: this search is ranked by its words."""


class QueryProcess:
    """Vectors made in a helper process (started on first use, one core, dies with this
    process), while this one goes on. Any thread may ask; answers come back in order.

    The helper takes about a second to start (Python, numpy, the model). Searches never
    wait for that: until it is ready, `vector` raises NotReady and the search is ranked
    by its words, as an article without vectors yet is. `prepare` starts it early (the
    window does once it has indexed), `warm` waits for it (benchmarks, tests)."""

    def __init__(self, context: str = "spawn") -> None:
        import multiprocessing  # here: 7 ms a one-query process does not need

        # spawn, not fork: the window has threads (Qt's, the index's) a fork would copy
        # in whatever state they were
        self._context = multiprocessing.get_context(context)
        self._conn: Any = None
        self._process: Any = None
        self._ready = False
        self._started = 0.0  # time.monotonic() when the helper was started
        self._failed = False
        self._send = threading.Lock()  # one writer on the pipe at a time
        self._receive = threading.Lock()  # one reader
        self._next = 0
        self._asked: dict[int, str] = {}  # what each ticket not yet collected asked
        self._answers: dict[int, np.ndarray | None] = {}  # read for another caller

    @property
    def failed(self) -> bool:
        """Whether the helper was given up on (vectors are made in this process now)."""
        return self._failed

    def ask(self, text: str) -> int:
        with self._send:
            self._next += 1
            ticket = self._next
            self._asked[ticket] = text
            if not self._failed:
                try:
                    if self._process is None:
                        self._start()
                    self._conn.send_bytes(_TICKET.pack(ticket)
                                          + text.encode("utf-8", "replace"))
                except (OSError, ValueError, RuntimeError):  # no process could be started
                    self._fail()
            return ticket

    def vector(self, ticket: int) -> np.ndarray:
        try:
            found = None if self._failed else self._wait(ticket)
        finally:
            text = self._asked.pop(ticket)
        if found is not None:
            return found
        if not self._failed:
            raise RuntimeError("the query's vector could not be made")
        here: np.ndarray = shared_encoder().encode([text])[0]
        return here

    def prepare(self) -> None:
        """Start the helper, if it is not running (it loads its model meanwhile)."""
        with self._send:
            if not self._failed and self._process is None:
                try:
                    self._start()
                except (OSError, ValueError, RuntimeError):  # no process could be started
                    self._fail()

    def ready(self, ticket: int) -> bool:
        if self._failed:
            return True  # made here when collected
        with self._receive:
            self._read_arrived()
            return ticket in self._answers

    def drop(self, ticket: int) -> None:
        """Its answer is thrown away when it comes. What has come is read now, without
        waiting: answers nobody reads would fill the pipe, then stop the helper, then
        the searches asking it."""
        self._asked.pop(ticket, None)
        with self._receive:
            self._answers.pop(ticket, None)
            self._read_arrived()

    def warm(self) -> None:
        """Start the helper and wait until its model is loaded."""
        self.prepare()
        if self._failed:
            shared_encoder()
            return
        with self._receive:
            try:
                ready = self._wait_ready(START_TIMEOUT_S)
            except (OSError, EOFError):
                ready = False
        if not ready:
            with self._send:
                self._fail()

    def stop(self) -> None:
        """The helper stopped (search by meaning turned off); started again when next
        prepared or asked."""
        with self._send, self._receive:
            if not self._failed:
                self._stop()

    def close(self) -> None:
        with self._send, self._receive:
            self._failed = True  # a closed source answers in this process from now on
            self._stop()

    # -- the helper -----------------------------------------------------------------------

    def _start(self) -> None:
        """Called with `_send` held."""
        parent, child = self._context.Pipe()
        process = self._context.Process(  # type: ignore[attr-defined]
            target=serve, args=(child, os.getpid()), name="gyan-query-meaning", daemon=True)
        process.start()
        child.close()
        self._conn, self._process = parent, process
        self._started = time.monotonic()

    def _wait(self, ticket: int) -> np.ndarray | None:
        """The helper's answer for `ticket` (None: it had none, or the helper failed;
        NotReady: it is still starting)."""
        with self._receive:
            while ticket not in self._answers:
                try:
                    if not self._wait_ready(0.0):
                        if time.monotonic() - self._started < START_TIMEOUT_S:
                            raise NotReady
                        raise TimeoutError
                    if not self._conn.poll(ANSWER_TIMEOUT_S):
                        raise TimeoutError
                    message = self._conn.recv_bytes()
                except (OSError, EOFError, TimeoutError, AttributeError):  # gone, closed
                    break
                self._keep(message)
            else:
                return self._answers.pop(ticket)
        with self._send:
            self._fail()
        return None

    def _read_arrived(self) -> None:
        """Called with `_receive` held: the answers already there, read without waiting."""
        try:
            while self._conn is not None and self._ready and self._conn.poll(0):
                self._keep(self._conn.recv_bytes())
        except (OSError, EOFError):
            pass  # the next `vector` finds the helper gone and gives it up

    def _keep(self, message: bytes) -> None:
        """Called with `_receive` held: an answer read, kept if its ticket is still
        wanted (None where the helper had no vector for it)."""
        (answered,) = _TICKET.unpack_from(message)
        if answered in self._asked:
            self._answers[answered] = (
                np.frombuffer(message, np.float32, DIMENSIONS, _TICKET.size).copy()
                if len(message) > _TICKET.size else None)

    def _wait_ready(self, timeout: float) -> bool:
        """Called with `_receive` held: whether the helper has loaded its model (waiting
        up to `timeout` for it to say so). Raises EOFError or OSError if it is gone."""
        if self._ready:
            return True
        if self._conn is None:
            raise EOFError("the helper was stopped")
        if not self._conn.poll(timeout):
            return False
        if self._conn.recv_bytes() != b"ready":
            raise EOFError("the helper said something else than that it was ready")
        self._ready = True
        return True

    def _fail(self) -> None:
        """Called with `_send` held: the helper is given up on, for good."""
        self._failed = True
        self._stop()

    def _stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=5)
        self._conn = self._process = None
        self._ready = False
        self._answers.clear()


def serve(conn: Any, parent: int) -> None:
    """The helper: one query's text in, its vector out, until the pipe closes."""
    from threadpoolctl import threadpool_limits

    from kb_app.children import watch_parent

    watch_parent(parent)  # and a parent gone closes the pipe: `recv_bytes` ends
    threadpool_limits(1)  # the other core ranks the words meanwhile (two: 10.6 ms p50, not 7.4)
    encoder = shared_encoder()
    encoder.encode(["warm up"])
    conn.send_bytes(b"ready")
    while True:
        try:
            message = conn.recv_bytes()
        except (EOFError, OSError):
            return
        ticket = message[:_TICKET.size]
        try:
            text = message[_TICKET.size:].decode("utf-8")
            answer = ticket + encoder.encode([text])[0].astype(np.float32).tobytes()
        except Exception:  # noqa: BLE001 - said as no vector: the caller ranks by words
            answer = ticket
        try:
            conn.send_bytes(answer)
        except (EOFError, OSError):
            return
