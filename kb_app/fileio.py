"""Safe file operations: atomic writes and an inter-process lock.

A write either lands whole or not at all (temp file, fsync, rename), so a crash never
leaves a half-written article, manifest or setting behind. The file written keeps what
the user gave it: its mode and owner, and its link (a symlink's target is written).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import stat
import tempfile
import time
import weakref
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

STALE_TEMP_S = 3600.0  # a temp file this old belongs to a write that was interrupted
_TEMP_SUFFIX = ".tmp"
MAX_NAMED_TEMP = 200  # bytes of a file name its temp file may carry whole
_TEMP_RANDOM = r"[a-z0-9_]{8}"  # what mkstemp puts between our prefix and suffix


def _umask_at_import() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK_FALLBACK = _umask_at_import()  # read once, before threads exist, where /proc is not


def current_umask() -> int:
    """The process umask, read without setting it (os.umask can only read by writing,
    which races with other threads creating files)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _UMASK_FALLBACK


def write_target(path: Path) -> Path:
    """Where a write to `path` lands: a symlink's final target (the link stays a link),
    else `path` itself."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def atomic_write_bytes(path: Path, data: bytes, new_mode: int | None = None) -> None:
    """Replace the file at `path` (or, for a symlink, its target) with `data` in one step.

    An existing file keeps its mode and, where the process may set it, its owner; a new
    one gets `new_mode`, by default what `open(path, "w")` would give it (mkstemp's 0600
    made saved articles and exported pages unreadable to everyone else)."""
    atomic_write_chunks(path, [data], new_mode)


def atomic_write_chunks(path: Path, chunks: Iterable[bytes], new_mode: int | None = None
                        ) -> None:
    """`atomic_write_bytes` of the chunks one after another, never all in memory at once
    (a merged store of meaning vectors is 260 MB)."""
    target = write_target(path)
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target.name), suffix=_TEMP_SUFFIX,
                                   dir=target.parent)
    except OSError as exc:  # named as the file being written, not the hidden temp file
        raise type(exc)(exc.errno, exc.strerror, str(target)) from exc
    try:
        _give_attributes(fd, existing, new_mode)
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _temp_prefix(name: str) -> str:
    """The start of a write's temp file name: `.<name>.`, or for a name near the file
    system's 255 bytes a shortened one ending in its hash (a name of 243 bytes or more
    once could never be saved: the temp file's name was too long)."""
    if len(name.encode("utf-8", "surrogateescape")) <= MAX_NAMED_TEMP:
        return f".{name}."
    short = name.encode("utf-8", "surrogateescape")[:MAX_NAMED_TEMP // 2].decode(
        "utf-8", "ignore")
    digest = hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f".{short}~{digest}."


def atomic_write_text(path: Path, text: str, new_mode: int | None = None) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), new_mode)


def _give_attributes(fd: int, existing: os.stat_result | None, new_mode: int | None) -> None:
    if not hasattr(os, "fchmod"):  # pragma: no cover - Windows: no modes to keep
        return
    if existing is None:
        os.fchmod(fd, 0o666 & ~current_umask() if new_mode is None else new_mode)
        return
    if hasattr(os, "fchown"):
        # Before the mode: changing the owner clears set-id bits.
        for uid in (existing.st_uid, -1):
            try:
                os.fchown(fd, uid, existing.st_gid)
                break
            except OSError:
                continue
    os.fchmod(fd, stat.S_IMODE(existing.st_mode))


def remove_stale_temp_files(folder: Path, name: str | None = None,
                            older_than: float = STALE_TEMP_S) -> int:
    """Remove the temp files interrupted writes left in `folder` (of file `name`, or of
    any file), if older than `older_than` seconds: a younger one may be another process's
    write in progress. Only our exact naming is touched. Returns how many went."""
    prefix = re.escape(_temp_prefix(name)) if name is not None else r"\..+\."
    pattern = re.compile(prefix + _TEMP_RANDOM + re.escape(_TEMP_SUFFIX))
    cutoff = time.time() - older_than
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if entry.name.startswith(".") and pattern.fullmatch(entry.name):
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat(
                        follow_symlinks=False).st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed


def remove_stale_temp_files_under(root: Path, older_than: float = STALE_TEMP_S) -> int:
    """`remove_stale_temp_files` in every folder under `root` (hidden folders such as
    `.git` are not ours and are skipped)."""
    removed = 0
    for folder, dirs, _ in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        removed += remove_stale_temp_files(Path(folder), older_than=older_than)
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class LockTimeout(TimeoutError):
    """Another process held the lock for longer than we were willing to wait."""


STALE_GRACE_S = 1.0  # a dead holder's lock is broken after it has looked dead this long
_HELD_FDS: set[int] = set()  # descriptors of the locks this process holds
_HELD: weakref.WeakSet[FileLock] = weakref.WeakSet()


class FileLock:
    """An exclusive lock on a file, released by the OS if the holder dies.

    Writers wait (polling) up to `timeout` seconds. The lock belongs to the open file, so
    a crashed holder never leaves it held, provided no other process shares that open
    file: a forked child would, so children close their copy at once (see
    `_forget_locks_in_child`). The holder's pid is written in the file; a lock still held
    after that process died (children of an older version) is broken by replacing the
    file, and a timeout says who holds it.
    """

    def __init__(self, path: Path, timeout: float = 60.0, poll: float = 0.05) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.poll = poll
        self._fd: int | None = None

    def acquire(self) -> None:
        deadline = time.monotonic() + self.timeout
        dead_since: float | None = None
        fd = self._open()
        try:
            while True:
                if _try_lock(fd):
                    if _same_file(fd, self.path):
                        self._take(fd)
                        return
                    _unlock(fd)  # the file was replaced while we waited: lock the new one
                elif _same_file(fd, self.path):
                    holder = _read_record(fd)
                    now = time.monotonic()
                    if not _holder_gone(holder):
                        dead_since = None
                    elif dead_since is None:
                        dead_since = now
                    elif now - dead_since >= STALE_GRACE_S:
                        self._break(fd)  # the next pass finds the file replaced
                    if now >= deadline:
                        raise LockTimeout(self._timeout_message(holder))
                    time.sleep(self.poll)
                    continue
                if time.monotonic() >= deadline:
                    raise LockTimeout(self._timeout_message(_read_record(fd)))
                fd = self._reopen(fd)
        except BaseException:
            if self._fd != fd:
                os.close(fd)
            raise

    def release(self) -> None:
        if self._fd is not None:
            _HELD.discard(self)
            _HELD_FDS.discard(self._fd)
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)  # no record left that could look stale
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()

    def _open(self) -> int:
        return os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)

    def _reopen(self, fd: int) -> int:
        os.close(fd)
        return self._open()

    def _take(self, fd: int) -> None:
        self._fd = fd
        _HELD.add(self)
        _HELD_FDS.add(fd)
        with contextlib.suppress(OSError, AttributeError):  # AttributeError: Windows
            os.ftruncate(fd, 0)
            os.pwrite(fd, _own_record().encode("utf-8"), 0)

    def _break(self, fd: int) -> None:
        """Put a fresh lock file in place of one whose holder is dead. A second lock file
        makes sure only one waiter breaks it (two could otherwise each replace the file
        and each hold "the" lock)."""
        try:
            guard = os.open(self.path.with_name(self.path.name + ".break"),
                            os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError:
            return  # cannot even create it here (read-only): wait, then time out
        try:
            if not _try_lock(guard):
                return  # another waiter is breaking it
            if _same_file(fd, self.path) and _holder_gone(_read_record(fd)):
                fresh = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
                fresh.write_bytes(b"")
                os.replace(fresh, self.path)
        except OSError:
            return  # cannot replace it here (read-only): wait, then time out
        finally:
            os.close(guard)

    def _timeout_message(self, holder: str) -> str:
        parts = holder.split()
        who = f"process {parts[0]}" if parts and parts[0].isdigit() else "another process"
        return (f"{self.path} has been held by {who} for over {self.timeout:.0f} s, so the "
                "index cannot be updated now. Wait for it to finish (a large first build "
                "takes a while) and try again; if it is stuck, stop it"
                + (f" (kill {parts[0]})" if who != "another process" else "") + ".")


def _forget_locks_in_child() -> None:
    """In a forked child: close our copies of the locks the parent holds. Closing a copy
    never releases the parent's lock; keeping it would keep the lock held after the
    parent dies, for as long as the child lives."""
    for fd in list(_HELD_FDS):
        with contextlib.suppress(OSError):
            os.close(fd)
    for lock in list(_HELD):
        lock._fd = None
    _HELD_FDS.clear()
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks_in_child)


def _pid_namespace() -> str:
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return ""


_HOST = socket.gethostname()
_PID_NS = _pid_namespace()


def _own_record() -> str:
    return f"{os.getpid()} {_HOST} {_PID_NS or '-'}\n"


def _read_record(fd: int) -> str:
    try:
        return os.pread(fd, 512, 0).decode("utf-8", "replace")
    except (OSError, AttributeError):  # AttributeError: Windows
        return ""


def _holder_gone(record: str) -> bool:
    """Whether the recorded holder has certainly exited: only a pid of this machine and
    pid namespace can be judged (elsewhere the same number is another process)."""
    parts = record.split()
    if len(parts) != 3 or not parts[0].isdigit() or not _PID_NS:
        return False
    if parts[1] != _HOST or parts[2] != _PID_NS:
        return False
    return not _alive(int(parts[0]))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as proc:
            return proc.read().rsplit(b")", 1)[1].split()[0] != b"Z"  # a zombie has exited
    except (OSError, IndexError):
        return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        mine, now = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:  # pragma: no cover - Windows
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
