"""Child processes that die with the process that started them.

A large build parses files in a process pool and Whoosh writes segments in processes of
its own. When the parent is killed (the window closed mid-build, `kill -9`), nothing
tells those children: they wait on their job queues for ever, and until the fix they
kept the index's lock with them, so every later search or sync timed out. Here every
such child asks the kernel to kill it when its parent dies (Linux `PR_SET_PDEATHSIG`) or,
where that does not exist, watches its parent's pid from a thread.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1
WATCH_INTERVAL_S = 0.5


def _load_prctl() -> Callable[..., int] | None:
    """libc's prctl, looked up once in the parent: a child forked from a process with
    threads must not load libraries (the loader's lock may be held by a thread that no
    longer exists in the child)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        # The process's own symbols, libc's among them: find_library("c") would run
        # `ldconfig -p` in a subprocess at every start of every program.
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_prctl = _load_prctl()


class _State:
    active = 0  # > 0 while forked children should die with this process
    forking_pid = 0  # the pid that is forking, seen by the child as its parent's
    watching = False
    guard = threading.Lock()  # for `active` only; never taken in the fork hooks


def die_with_parent(parent: int) -> None:
    """Called first thing in a child process (a pool initializer, a fork hook): the child
    is killed when `parent` dies. Safe to call more than once."""
    if _prctl is not None and _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
        if os.getppid() != parent:  # the parent died before the request was made
            os._exit(1)
        return
    watch_parent(parent)


def watch_parent(parent: int) -> None:
    """For a child that any thread may start (a helper started on first use): the child
    exits when `parent` dies, seen from a thread. Not the kernel's death signal, which
    follows the *thread* that started the child: the child would die with it."""
    if os.getppid() != parent:
        os._exit(1)
    if not _State.watching:
        _State.watching = True
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True,
                         name="watch-parent").start()


def _watch_parent(parent: int) -> None:
    """The fallback where the kernel cannot be asked: the parent's death re-parents us."""
    stop = threading.Event()
    while not stop.wait(WATCH_INTERVAL_S):
        if os.getppid() != parent:
            os._exit(1)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes that each die with this one (`die_with_parent`
    first thing in each)."""
    return ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent,
                               initargs=(os.getpid(),))


@contextmanager
def forked_children_die_with_us() -> Iterator[None]:
    """While active, every child forked from this process (also by code that is not ours,
    such as Whoosh's multiprocessing writer) dies when this process does."""
    with _State.guard:
        _State.active += 1
    try:
        yield
    finally:
        with _State.guard:
            _State.active -= 1


def _before_fork() -> None:
    _State.forking_pid = os.getpid()


def _after_fork_in_child() -> None:
    active, _State.active = _State.active, 0  # the child's own children are its business
    _State.guard = threading.Lock()  # a copy held by another thread at fork never unlocks
    _State.watching = False
    if active:
        die_with_parent(_State.forking_pid)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork, after_in_child=_after_fork_in_child)
