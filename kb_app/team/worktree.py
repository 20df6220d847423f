"""Bringing the articles on disk from one commit to another, safely.

Each file is replaced in one step (kb_app.fileio's atomic write), so an article is
always whole: the old text or the new one. Only the articles' own paths are touched
(the folder may sit inside a larger repository). A file that differs from what the old
commit had is local work: before it is replaced, the caller is told (`on_local`), and
keeps it -- set aside, or as a conflict to decide.

Files are written without a flush each (a big update would otherwise take seconds per
thousand files); once all are in place the disk is flushed in one go, and only then
does the branch move to the new commit. A journal in `.git` names the update while it
runs. If the process dies half-way (killed, power
cut, full disk) the journal is still there; `roll_back` then returns the files it had
already written to what the branch says, and the next sync simply does the update
again. Nothing is guessed and nothing local is overwritten unseen.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from dulwich.diff_tree import tree_changes
from dulwich.index import (
    Index,
    get_unstaged_changes,
    index_entry_from_stat,
    validate_path,
)
from dulwich.object_store import tree_lookup_path
from dulwich.objects import Blob, ObjectID
from dulwich.refs import Ref
from dulwich.repo import Repo

from kb_app.fileio import atomic_write_bytes, atomic_write_text, current_umask
from kb_app.messages import saying, translate
from kb_app.team.merging import tree_of

JOURNAL = "gyan-update.json"
Wanted = tuple[int, ObjectID] | None  # a file's mode and blob in the target; None: absent
OnLocal = Callable[[str, bytes | None, bytes | None], None]  # path, on disk, in the old commit
Progress = Callable[[int, int], None]


class Raced(Exception):  # noqa: N818 - a state: try again
    """The branch moved while the files were written (a save on another thread or
    process recorded a revision): the update is rolled back, to be done again."""


@dataclass(frozen=True)
class Layout:
    """Where the articles are in the repository: `prefix` ("" or "kb/") before each of
    their repository paths."""

    root: Path
    articles_dir: Path
    prefix: bytes

    @classmethod
    def of(cls, repo: Repo, articles_dir: Path) -> Layout:
        root = Path(repo.path).resolve()
        rel = Path(articles_dir).resolve().relative_to(root).as_posix()
        return cls(root, Path(articles_dir).resolve(),
                   b"" if rel == "." else rel.encode("utf-8") + b"/")

    def owns(self, path: bytes) -> bool:
        return path.startswith(self.prefix) and validate_path(path)

    def rel(self, path: bytes) -> str:
        return path[len(self.prefix):].decode("utf-8", "surrogateescape")

    def full(self, path: bytes) -> Path:
        return self.root / path.decode("utf-8", "surrogateescape")


class WorkTree:
    """The articles' files of one repository (used on one thread, under the sync lock)."""

    def __init__(self, repo: Repo, articles_dir: Path) -> None:
        self.repo = repo
        self.layout = Layout.of(repo, articles_dir)
        self.journal = Path(repo.controldir()) / JOURNAL

    # -- what differs ------------------------------------------------------------------

    def changes(self, old: ObjectID | None, new: ObjectID) -> dict[bytes, Wanted]:
        """The articles' paths whose file differs between two commits, and what `new`
        has there."""
        store = self.repo.object_store
        old_tree = tree_of(store, old) if old is not None else None
        found: dict[bytes, Wanted] = {}
        for change in tree_changes(store, old_tree, tree_of(store, new)):
            if change.old is not None and change.old.path is not None:
                found.setdefault(change.old.path, None)
            if change.new is not None and change.new.path is not None:
                assert change.new.mode is not None and change.new.sha is not None
                found[change.new.path] = (change.new.mode, change.new.sha)
        return {p: w for p, w in found.items() if self.layout.owns(p)}

    def edited(self) -> list[bytes]:
        """The articles' tracked files that differ from what git's index recorded (edited
        by hand, deleted, or left half-way by an interrupted update)."""
        try:
            index = self.repo.open_index()
        except Exception:  # noqa: BLE001 - no index, or an unreadable one
            return []
        root = str(self.layout.root).encode("utf-8", "surrogateescape")
        return [p for p in get_unstaged_changes(index, root) if self.layout.owns(p)]

    def wanted(self, commit: ObjectID | None, path: bytes) -> Wanted:
        if commit is None:
            return None
        store = self.repo.object_store
        try:
            mode, sha = tree_lookup_path(store.__getitem__, tree_of(store, commit), path)
        except KeyError:
            return None
        return (mode, sha)

    # -- updating ----------------------------------------------------------------------

    def update(self, ref: Ref, old: ObjectID | None, new: ObjectID, on_local: OnLocal,
               also: Iterable[bytes] = (), progress: Progress | None = None) -> list[str]:
        """Bring the articles from `old` to `new` (plus `also`: paths to restore to
        `new`), then move `ref` from `old` to `new`. The article paths written."""
        paths = self.changes(old, new)
        for path in also:
            if self.layout.owns(path):
                paths.setdefault(path, self.wanted(new, path))
        self._write_journal(old, new, ref, list(paths))
        written = self._apply(paths, old, on_local, progress)
        _flush()
        if not self._move(ref, old, new):
            self.roll_back()
            raise saying(Raced, translate(
                "Sync", "{branch} moved while the articles were updated").format(
                    branch=ref.decode()))
        self.journal.unlink(missing_ok=True)
        return written

    def _apply(self, paths: dict[bytes, Wanted], old: ObjectID | None, on_local: OnLocal,
               progress: Progress | None) -> list[str]:
        written: list[str] = []
        total = len(paths)
        for n, (path, want) in enumerate(sorted(paths.items(), key=lambda item: item[0])):
            if progress is not None and (n % 200 == 0 or n + 1 == total):
                progress(n + 1, total)
            disk = self._read(path)
            if _same(disk, want, self.repo):
                continue
            before = self.wanted(old, path)
            if not _same(disk, before, self.repo):
                on_local(self.layout.rel(path), disk, _data(self.repo, before))
            self._put(path, want)
            written.append(self.layout.rel(path))
        self._stage(list(paths))
        return written

    def _read(self, path: bytes) -> bytes | None:
        full = self.layout.full(path)
        try:
            return full.read_bytes() if full.is_file() and not full.is_symlink() else None
        except OSError:
            return None

    def _put(self, path: bytes, want: Wanted) -> None:
        """One file, whole, or its removal. A path that would leave the articles folder
        through a link is refused (a tree could hold such a trap)."""
        full = self.layout.full(path)
        folder = Path(os.path.realpath(full.parent)) if full.parent.exists() else full.parent
        if not folder.is_relative_to(self.layout.articles_dir) and folder.exists():
            raise saying(PermissionError, translate(
                "Sync", "{path}: its folder leads out of the articles folder").format(
                    path=str(full)))
        if want is None or not _regular(want[0]):
            if full.is_file() or full.is_symlink():
                full.unlink()
            return
        full.parent.mkdir(parents=True, exist_ok=True)
        if full.is_symlink():
            full.unlink()  # the history says it is a file: never write through a link
        mode = (0o777 if want[0] & 0o111 else 0o666) & ~current_umask()
        replace_file(full, _data(self.repo, want) or b"", mode)

    def _stage(self, paths: list[bytes]) -> None:
        """git's index follows the files (so `git status` and the next check of hand
        edits stay right); it only mirrors them, so it is written last."""
        index = self._index()
        for path in paths:
            full = self.layout.full(path)
            if full.is_file() and not full.is_symlink():
                data = full.read_bytes()
                index[path] = index_entry_from_stat(os.lstat(full), Blob.from_string(data).id)
            elif path in index:
                del index[path]
        index.write()

    def _index(self) -> Index:
        try:
            return self.repo.open_index()
        except Exception:  # noqa: BLE001 - unreadable: start a new one beside it
            path = Path(self.repo.index_path())
            if path.exists():
                path.replace(path.with_name(f"{path.name}.damaged"))
            return Index(str(path), read=False)

    def _move(self, ref: Ref, old: ObjectID | None, new: ObjectID) -> bool:
        if old is None:
            return bool(self.repo.refs.add_if_new(ref, new))
        return bool(self.repo.refs.set_if_equals(ref, old, new))

    # -- the journal -------------------------------------------------------------------

    def _write_journal(self, old: ObjectID | None, new: ObjectID, ref: Ref,
                       paths: list[bytes]) -> None:
        atomic_write_text(self.journal, json.dumps({
            "from": old.decode() if old else None, "to": new.decode(), "ref": ref.decode(),
            "paths": [p.decode("utf-8", "surrogateescape") for p in paths]}))

    def interrupted(self) -> bool:
        return self.journal.exists()

    def roll_back(self) -> list[str]:
        """After an update that did not finish: each file it had written goes back to
        what the branch now has; files it had not reached, and anything edited since,
        stay. The article paths written."""
        try:
            plan = json.loads(self.journal.read_text(encoding="utf-8"))
            ref, target = Ref(plan["ref"].encode()), ObjectID(plan["to"].encode())
            paths = [p.encode("utf-8", "surrogateescape") for p in plan["paths"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.journal.unlink(missing_ok=True)
            return []
        head = self.repo.refs[ref] if ref in self.repo.refs else None  # noqa: SIM401
        written = []
        for path in paths:
            want_now, written_then = self.wanted(head, path), self.wanted(target, path)
            if want_now != written_then and _same(self._read(path), written_then, self.repo):
                self._put(path, want_now)
                written.append(self.layout.rel(path))
        self._stage(paths)
        _flush()
        self.journal.unlink(missing_ok=True)
        return written


def replace_file(path: Path, data: bytes, mode: int) -> None:
    """`path` replaced by `data` in one step (a temp file renamed over it), not yet
    flushed: `_flush` does that once for the whole update."""
    if not hasattr(os, "sync"):  # pragma: no cover - Windows: flush each file
        atomic_write_bytes(path, data, new_mode=mode)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _flush() -> None:
    """Everything written so far, on the disk (before the branch says it is there)."""
    if hasattr(os, "sync"):
        os.sync()


def _regular(mode: int) -> bool:
    return mode & 0o170000 == 0o100000


def _data(repo: Repo, want: Wanted) -> bytes | None:
    if want is None or not _regular(want[0]):
        return None
    blob = repo.object_store[want[1]]
    return blob.data if isinstance(blob, Blob) else None


def _same(disk: bytes | None, want: Wanted, repo: Repo) -> bool:
    """Whether the file on disk is what `want` describes (absent for None; links and
    submodules are never written, so they count as absent)."""
    if want is None or not _regular(want[0]):
        return disk is None
    return disk is not None and Blob.from_string(disk).id == want[1]


__all__ = ["JOURNAL", "Layout", "Raced", "WorkTree"]
