"""Moving a knowledge base's per-user data to its new place without losing any of it.

Flags, pins, recents, seen versions (`local.sqlite3`) and unsaved text (`recovery/*.json`)
used to live beside the index in the per-user cache folder, which the system may purge.
They now live in the per-user data folder (`config.data_dir`), and the first start after
the upgrade moves them:

- the whole folder is renamed in one step when the new place does not exist yet and is
  on the same file system (the common case: nothing can be half-moved);
- otherwise file by file: renamed, or copied to a temporary name, flushed, compared byte
  for byte, renamed into place, and only then deleted at the old place;
- a file already at the new place is never overwritten: an identical one makes the old
  copy redundant, a different database gets the old one's rows merged in
  (`LocalData.absorb`), and anything else is kept beside it under a new name (a recovery
  file so kept is still offered back: the editor offers every `*.json` of the folder).

A database is checkpointed first, so that its write-ahead log is in the file that moves.
Every step can be interrupted and run again: a later run only finishes what is left, and
one that finds nothing at the old place does nothing (one `stat`).
"""

from __future__ import annotations

import contextlib
import errno
import filecmp
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from kb_app.fileio import FileLock
from kb_app.localdata import LocalData

DATABASE_SUFFIX = ".sqlite3"
JOURNALS = ("-wal", "-shm", "-journal")  # SQLite's files beside a database
LOCK_WAIT_S = 30.0  # another start of the app moving the same data


@dataclass
class Moved:
    """What a move did (for a note to the user; nothing was lost either way)."""

    files: int = 0  # moved to the new place (a folder renamed whole counts its files)
    merged: list[Path] = field(default_factory=list)  # databases that took in old rows
    kept_aside: list[Path] = field(default_factory=list)  # differing files, renamed


def move_data(old: Path, new: Path) -> Moved:
    """Move everything under `old` into `new` (see the module's notes)."""
    moved = Moved()
    if not old.is_dir():
        return moved
    new.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(new.parent / ".moving.lock", timeout=LOCK_WAIT_S):
        if not old.is_dir():
            return moved  # another start moved it while we waited
        for database in old.rglob(f"*{DATABASE_SUFFIX}"):
            checkpoint(database)
        if not new.exists() and _renamed(old, new):
            moved.files = sum(1 for path in new.rglob("*") if not path.is_dir())
            return moved
        _merge_folder(old, new, moved)
        _remove_empty_folders(old)
    return moved


def checkpoint(database: Path) -> None:
    """Fold the database's write-ahead log into the file itself (best effort: a database
    that cannot be opened moves with its journal files as they are)."""
    with contextlib.suppress(sqlite3.Error):
        connection = sqlite3.connect(database, timeout=5)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()


def _renamed(source: Path, target: Path) -> bool:
    """Rename in one step; False if they are on different file systems."""
    try:
        os.rename(source, target)
    except OSError as exc:
        if exc.errno == errno.EXDEV:
            return False
        raise
    return True


def _merge_folder(old: Path, new: Path, moved: Moved) -> None:
    files = sorted(path for path in old.rglob("*") if not path.is_dir())
    databases = [path for path in files if path.name.endswith(DATABASE_SUFFIX)]
    journals = {db.with_name(db.name + suffix) for db in databases for suffix in JOURNALS}
    for database in databases:
        _move_database(database, new / database.relative_to(old), moved)
    for path in files:
        if path not in journals and path not in databases:
            _move_file(path, new / path.relative_to(old), moved)


def _move_database(source: Path, target: Path, moved: Moved) -> None:
    if not target.exists():
        for suffix in ("", *JOURNALS):  # the database first: it is the one that matters
            part = source.with_name(source.name + suffix)
            if part.exists():
                _move_file(part, target.with_name(target.name + suffix), moved)
        return
    if not filecmp.cmp(source, target, shallow=False):
        store = LocalData(target)
        try:
            store.absorb(source)
        finally:
            store.close()
        moved.merged.append(target)
    for suffix in ("", *JOURNALS):
        source.with_name(source.name + suffix).unlink(missing_ok=True)


def _move_file(source: Path, target: Path, moved: Moved) -> None:
    """Move one file; never overwrites, never deletes before the copy is known good."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(target):
        if filecmp.cmp(source, target, shallow=False):
            source.unlink()  # already there (a move interrupted after its copy)
            return
        target = _free_name(target)
        moved.kept_aside.append(target)
    if not _renamed(source, target):
        _copy_verified(source, target)
        source.unlink()
    moved.files += 1


def _copy_verified(source: Path, target: Path) -> None:
    partial = target.with_name(f".{target.name}.moving")
    shutil.copy2(source, partial, follow_symlinks=False)
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    if not filecmp.cmp(source, partial, shallow=False):
        partial.unlink()
        raise OSError(errno.EIO, f"the copy of {source} differs from it; it stays where it is")
    os.rename(partial, target)  # same folder: one step
    _fsync_folder(target.parent)


def _free_name(target: Path) -> Path:
    """`name.from-cache.ext` (then `-2`, `-3`...): the suffix stays, so a recovery file
    kept so is still a `*.json` the editor offers."""
    for n in range(1, 1000):
        tag = "from-cache" if n == 1 else f"from-cache-{n}"
        candidate = target.with_name(f"{target.stem}.{tag}{target.suffix}")
        if not os.path.lexists(candidate):
            return candidate
    raise OSError(errno.EEXIST, f"no free name beside {target}")


def _remove_empty_folders(root: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()
    with contextlib.suppress(OSError):
        root.rmdir()  # left in place if anything could not be moved: tried again next time


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
