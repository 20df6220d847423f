"""A killed `kb index` takes its worker processes with it and leaves no lock behind."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb_app.fileio import FileLock, LockTimeout
from kb_app.index import KnowledgeIndex
from tests.conftest import write

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="reads the process table from /proc")

FILES = 60
# `kb index` with the pool threshold lowered (so 60 files use it) and one phase slowed
# down, so that the parent can be killed while its children are at work.
SLOW_INDEX = """
import sys, time
from kb_app import changes

changes.PARALLEL_THRESHOLD = 20
if sys.argv[3] == "parse":
    original = changes.parse_file

    def slow(job):
        time.sleep(0.05)
        return original(job)

    changes.parse_file = slow
else:
    from whoosh.writing import SegmentWriter

    add = SegmentWriter.add_document

    def slow_add(self, **fields):
        time.sleep(0.1)
        return add(self, **fields)

    SegmentWriter.add_document = slow_add  # Whoosh's writer processes use this one
from kb_app.cli import main

sys.exit(main(["index", "--articles", sys.argv[1], "--index", sys.argv[2]]))
"""


def state(pid: int) -> tuple[str, int] | None:
    """(state letter, parent pid) of a process, None if it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    fields = raw.rsplit(b")", 1)[1].split()
    return fields[0].decode(), int(fields[1])


def children_of(parent: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            info = state(int(entry))
            if info and info[1] == parent and info[0] != "Z":
                found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    info = state(pid)
    return info is not None and info[0] != "Z"


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@pytest.mark.parametrize(("phase", "workers"), [("parse", 2), ("write", 3)])
def test_killing_kb_index_kills_its_workers_and_frees_the_lock(
        kb_dir: Path, tmp_path: Path, phase: str, workers: int) -> None:
    for n in range(FILES):
        write(kb_dir, f"bulk/{n}.md", f"---\nid: bulk-{n}\n---\nNumbat {n}\n")
    index_dir = tmp_path / "ix"
    parent = subprocess.Popen([sys.executable, "-c", SLOW_INDEX, str(kb_dir), str(index_dir),
                               phase], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: list[int] = []
    try:
        # Pool workers (2); in the write phase also Whoosh's writer process.
        assert wait_for(lambda: len(children_of(parent.pid)) >= workers, 30), \
            parent.stderr.read().decode() if parent.poll() is not None else "no children"
        seen = children_of(parent.pid)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        assert wait_for(lambda: not any(alive(pid) for pid in seen), 5), \
            f"worker processes outlived their parent: {[p for p in seen if alive(p)]}"
        started = time.monotonic()
        kb = KnowledgeIndex(index_dir, kb_dir, lock_timeout=5)
        report = kb.sync(workers=1)
        assert time.monotonic() - started < 5
        assert report.indexed == 7 + FILES
    finally:
        with contextlib.suppress(ProcessLookupError):
            parent.kill()
        parent.wait(10)
        for pid in seen:  # only ours: the pids of the children it started
            with contextlib.suppress(ProcessLookupError):
                if alive(pid):
                    os.kill(pid, signal.SIGKILL)


# A lock held the way the old version left it: taken, recorded, then shared with a child
# through fork, and the holder killed. flock keeps it held for as long as the child lives.
ORPHANED_LOCK = """
import fcntl, os, sys, time
from kb_app.fileio import _own_record

fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.pwrite(fd, _own_record().encode(), 0)
child = os.fork()
if child == 0:
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 1)
    os.dup2(null, 2)  # let the test read the parent's output to its end
    time.sleep(60)
    os._exit(0)
print(child, flush=True)
os._exit(0)
"""


def test_a_lock_whose_holder_died_is_broken(tmp_path: Path) -> None:
    lock_path = tmp_path / "sync.lock"
    holder = subprocess.run([sys.executable, "-c", ORPHANED_LOCK, str(lock_path)],
                            capture_output=True, text=True, timeout=30, check=True)
    orphan = int(holder.stdout.strip())
    try:
        assert alive(orphan)
        started = time.monotonic()
        with FileLock(lock_path, timeout=10):
            assert time.monotonic() - started < 5
            assert str(os.getpid()) in lock_path.read_text()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(orphan, signal.SIGKILL)


def test_a_live_holder_is_named_in_the_timeout(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from kb_app.fileio import FileLock; FileLock(Path(sys.argv[1])).acquire(); "
         "print('held', flush=True); time.sleep(60)", str(tmp_path / "sync.lock")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockTimeout) as caught:
            FileLock(tmp_path / "sync.lock", timeout=0.3).acquire()
        message = str(caught.value)
        assert f"process {holder.pid}" in message and f"kill {holder.pid}" in message
        assert "try again" in message
    finally:
        holder.kill()
        holder.wait()


def test_forked_children_do_not_keep_the_lock(tmp_path: Path) -> None:
    """The lock's holder forks (as a process pool does) and is killed: the lock is free
    at once, although the child lives on."""
    script = """
import os, sys, time
from pathlib import Path
from kb_app.fileio import FileLock

FileLock(Path(sys.argv[1])).acquire()
child = os.fork()
if child == 0:
    time.sleep(60)
    os._exit(0)
print(child, flush=True)
time.sleep(60)
"""
    holder = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "sync.lock")],
                              stdout=subprocess.PIPE, text=True)
    orphan = int(holder.stdout.readline())
    try:
        holder.kill()
        holder.wait()
        assert alive(orphan)
        started = time.monotonic()
        with FileLock(tmp_path / "sync.lock", timeout=5):
            assert time.monotonic() - started < 0.5  # not even the stale-lock grace
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(orphan, signal.SIGKILL)


def test_without_the_kernel_s_help_a_child_watches_its_parent(tmp_path: Path) -> None:
    """Where PR_SET_PDEATHSIG does not exist, a thread in the child notices that its
    parent has gone (it is re-parented) and ends the child."""
    script = """
import os, time
from kb_app import children

children._prctl = None  # as on a system without prctl
parent = os.getpid()
child = os.fork()
if child == 0:
    children.die_with_parent(parent)
    time.sleep(60)
    os._exit(0)
print(child, flush=True)
time.sleep(60)
"""
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    orphan = int(holder.stdout.readline())
    try:
        assert alive(orphan)
        holder.kill()
        holder.wait()
        assert wait_for(lambda: not alive(orphan), 5)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(orphan, signal.SIGKILL)
