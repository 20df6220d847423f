"""Article history in git, through dulwich (pure Python: no git binary needed).

Every save is a commit by the person who made it. When the articles folder sits inside an
existing work tree, that repository is used and only the articles' own paths are touched:
commits are built from HEAD's tree plus exactly the saved paths, so anything else the
user has staged stays staged and out of our commits.

History is extra: the article file is written before any of this runs. A damaged
repository (a garbled HEAD or ref, a missing object, an unreadable config) is reported
as `HistoryError` naming the repository and the problem, never as dulwich's own
exceptions; an unreadable `.git/index` is set aside and rebuilt from HEAD (it only
mirrors HEAD plus what is staged, and git itself refuses to work with it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from dulwich.config import StackedConfig
from dulwich.diff_tree import RenameDetector
from dulwich.errors import NotGitRepository
from dulwich.file import FileLocked
from dulwich.index import Index, index_entry_from_tree_entry
from dulwich.object_store import commit_tree_changes, iter_tree_contents, tree_lookup_path
from dulwich.objects import Blob, Commit, ObjectID, Tree
from dulwich.refs import Ref
from dulwich.repo import Repo

from kb_app.fileio import atomic_write_bytes
from kb_app.messages import Message, saying, translate

FILE_MODE = 0o100644
STALE_INDEX_LOCK_S = 60  # an index.lock this old was left by a process that died
_SHA = re.compile(rb"[0-9a-f]{40}")
F = TypeVar("F", bound=Callable[..., Any])
HEAD = Ref(b"HEAD")


class HistoryError(Exception):
    """The history could not be read or recorded; the message names the repository and
    the problem. The article files themselves are not affected."""


def _reported(doing: str) -> Callable[[F], F]:
    """Any failure of `doing` becomes a `HistoryError` saying where and what."""
    def wrap(method: F) -> F:
        @functools.wraps(method)
        def run(self: History, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except HistoryError:
                raise
            except Exception as exc:
                raise saying(HistoryError, _problem(getattr(self, "root", self.articles_dir),
                                                    doing, exc)) from exc
        return run  # type: ignore[return-value]
    return wrap


def _problem(where: Path, doing: str, exc: Exception) -> Message:
    detail = str(exc) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
    if doing == "read":
        said = translate("Saving", "the history in {where} could not be read ({error}). The "
                         "article files are not affected; the git repository there may be "
                         "damaged (`git fsck` checks it)")
    elif doing == "recorded":
        said = translate("Saving", "the history in {where} could not be recorded ({error}). "
                         "The article files are not affected; the git repository there may "
                         "be damaged (`git fsck` checks it)")
    else:
        said = translate("Saving", "the history in {where} could not be opened ({error}). The "
                         "article files are not affected; the git repository there may be "
                         "damaged (`git fsck` checks it)")
    return said.format(where=str(where), error=detail)


@dataclass(frozen=True)
class Revision:
    id: str
    author: str
    time: int  # seconds since the epoch
    message: str
    path: str  # the article's path (relative to the articles folder) at this revision

    @property
    def when(self) -> str:
        """Local time, to the minute, as the history shows it."""
        return dt.datetime.fromtimestamp(self.time).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class PendingRevision:
    """A revision to record: the files a save, move or delete wrote or removed, as they
    were at that moment. Made by the operation, recorded after it (`History.record`), so
    a window can make the change findable first; recording later cannot pick up a newer
    edit by mistake because the bytes travel with it."""

    paths: list[str]  # relative to the articles folder
    author: str
    message: str
    contents: dict[str, bytes | None]  # each path's bytes when written; None: removed


class UnknownRevision(LookupError):
    """No revision of the article has that id (or the prefix fits several)."""


class History:
    """The articles' git history. Not thread-safe: one `History` per thread, and commits
    (`commit`, `record`, `restore`) from one thread only."""

    @_reported("opened")
    def __init__(self, articles_dir: Path) -> None:
        self.articles_dir = Path(articles_dir).resolve()
        self.repo = self._open_or_create()
        self.root = Path(self.repo.path).resolve()
        self.repo.get_config()  # a garbled config fails here, not halfway through a commit

    def _open_or_create(self) -> Repo:
        """The enclosing repository, or a new one in the articles folder. Another thread or
        process may be creating it at this moment: then wait for it to finish."""
        for _ in range(100):
            try:
                return Repo.discover(str(self.articles_dir))
            except NotGitRepository:
                if not self._create():
                    time.sleep(0.02)
        raise NotGitRepository(f"{self.articles_dir}: the git repository could not be opened")

    def _create(self) -> bool:
        """A new repository, made in a hidden scratch folder and renamed into place whole:
        a reader never finds a `.git` whose HEAD is not written yet. False if another
        thread or process put one there first."""
        scratch = Path(tempfile.mkdtemp(prefix=".gyan-new-repository-", dir=self.articles_dir))
        try:
            Repo.init(str(scratch)).close()
            os.rename(scratch / ".git", self.articles_dir / ".git")
            return True
        except OSError:  # one is there now (ENOTEMPTY/EEXIST): use it
            return False
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def close(self) -> None:
        self.repo.close()

    def _repo_path(self, rel: str) -> bytes:
        return (self.articles_dir / rel).relative_to(self.root).as_posix().encode("utf-8")

    def _article_path(self, repo_path: bytes) -> str:
        return (self.root / repo_path.decode("utf-8")).relative_to(self.articles_dir).as_posix()

    def _head(self) -> ObjectID | None:
        """HEAD's commit; None only on a branch with no commit yet (a new repository).
        Anything else unreadable is damage: a commit on top of it would start the history
        again from nothing."""
        refs, sha = self.repo.refs.follow(HEAD)
        if sha is None:
            if len(refs) > 1 and not self._ref_file_exists(refs[-1]):
                return None  # HEAD names a branch that has no commit yet
            raise saying(HistoryError, translate(
                "Saving", "the history in {where} cannot be read: HEAD is empty or "
                "unreadable. The article files are not affected").format(where=str(self.root)))
        if not _SHA.fullmatch(sha):
            raise saying(HistoryError, translate(
                "Saving", "the history in {where} cannot be read: {refs} holds {value}, not a "
                "commit id. The article files are not affected").format(
                    where=str(self.root), value=repr(sha[:40]),
                    refs=" -> ".join(r.decode(errors="replace") for r in refs)))
        if not isinstance(self.repo[sha], Commit):
            raise saying(HistoryError, translate(
                "Saving", "the history in {where} cannot be read: HEAD is {id}, which is not "
                "a commit").format(where=str(self.root), id=sha.decode()))
        return sha

    def _ref_file_exists(self, ref: bytes) -> bool:
        """Whether the branch's file is there: empty after a crash, it is damage, not a
        branch with no commit yet (a save once started the history again from nothing,
        every earlier revision unreachable)."""
        return (Path(self.repo.controldir()) / ref.decode("utf-8", "replace")).exists()

    @_reported("recorded")
    def commit(self, paths: list[str], author: str, message: str,
               contents: dict[str, bytes | None] | None = None) -> str:
        """Record `paths` (relative to the articles folder) as they are on disk, or as
        `contents` says they were when saved (None: deleted), for commits made later."""
        head = self._head()
        base = self._tree(head) if head else self._empty_tree()
        changes = [change for rel in paths
                   if (change := self._change(rel, base, contents)) is not None]
        tree = commit_tree_changes(self.repo.object_store, base, changes)
        if head and tree == base:
            return head.decode()  # nothing changed: no empty revision in the history
        made = new_commit(self.repo, tree, [head] if head else [], author, message.strip())
        self.repo.refs[HEAD] = made
        # Recorded: the git index is only git's own view of the files. A failure here was
        # once reported as "not recorded", for every save after a kill -9.
        with contextlib.suppress(Exception):
            self._stage([self._repo_path(p).decode() for p in paths])
        return made.decode()

    def _change(self, rel: str, base: ObjectID, contents: dict[str, bytes | None] | None
                ) -> tuple[bytes, int | None, ObjectID | None] | None:
        """How `rel` enters the next tree: a new blob, a removal, or None for the removal
        of a file the history never had (an article moved before it was ever recorded)."""
        full = self.articles_dir / rel
        if contents is not None and rel in contents:
            data = contents[rel]
        else:
            data = full.read_bytes() if full.is_file() else None
        path = self._repo_path(rel)
        if data is None:
            return (path, None, None) if self._has(base, path) else None
        blob = Blob.from_string(data)
        self.repo.object_store.add_object(blob)
        return path, FILE_MODE, blob.id

    def _has(self, tree: ObjectID, path: bytes) -> bool:
        try:
            tree_lookup_path(self.repo.object_store.__getitem__, tree, path)
        except KeyError:
            return False
        return True

    def _tree(self, commit: ObjectID) -> ObjectID:
        found = self.repo[commit]
        if not isinstance(found, Commit):
            raise saying(HistoryError, translate(
                "Saving", "{id} in {where} is not a commit").format(
                    id=commit.decode(), where=str(self.root)))
        return found.tree

    def _stage(self, paths: list[str]) -> None:
        """Keep the git index in step with the commit (so `git status` stays clean). The
        revision is recorded already; an unreadable index is set aside and rebuilt."""
        try:
            self.repo.get_worktree().stage(paths)
        except FileLocked:
            # a save killed mid-way leaves index.lock behind for ever; a live one is young
            lock = Path(f"{self.repo.index_path()}.lock")
            with contextlib.suppress(OSError):
                if time.time() - lock.stat().st_mtime > STALE_INDEX_LOCK_S:
                    lock.unlink()
                    self.repo.get_worktree().stage(paths)
        except Exception:
            if self._index_readable():
                raise
            self._rebuild_index()
            self.repo.get_worktree().stage(paths)

    def _index_readable(self) -> bool:
        try:
            Index(self.repo.index_path())
        except FileNotFoundError:
            return True
        except Exception:  # noqa: BLE001 - truncated, garbage: whatever dulwich raises
            return False
        return True

    def _rebuild_index(self) -> None:
        """What `git read-tree HEAD` does: an index listing HEAD's files (with no stat
        data, so git compares their content). The damaged one is kept beside it."""
        path = Path(self.repo.index_path())
        path.replace(path.with_name(f"index.damaged-{int(time.time())}"))
        index = Index(str(path), read=False)
        head = self._head()
        if head is not None:
            for entry in iter_tree_contents(self.repo.object_store, self._tree(head)):
                index[entry.path] = index_entry_from_tree_entry(entry.mode, entry.sha)
        index.write()

    def _empty_tree(self) -> ObjectID:
        tree = Tree()
        self.repo.object_store.add_object(tree)
        return tree.id

    def record(self, revision: PendingRevision) -> str:
        """Commit a revision an operation handed back; the commit id."""
        return self.commit(revision.paths, revision.author, revision.message,
                           revision.contents)

    def find(self, rel: str, ref: str) -> Revision:
        """The revision of the article `rel` whose id is `ref` or starts with it (4+
        characters, as `kb history` shows them); `UnknownRevision` otherwise."""
        ref = ref.strip().lower()
        found = [r for r in self.revisions(rel) if len(ref) >= 4 and r.id.startswith(ref)]
        if len(found) != 1:
            said = (translate("Saving", "{ref} fits several revisions; `kb history {path}` "
                              "lists them") if found else
                    translate("Saving", "{ref} is not a revision of it; `kb history {path}` "
                              "lists them"))
            raise saying(UnknownRevision, said.format(ref=repr(ref), path=rel))
        return found[0]

    @_reported("read")
    def revisions(self, rel: str) -> list[Revision]:
        """Newest first, following the article through renames."""
        if self._head() is None:
            return []
        path = self._repo_path(rel)
        walker = self.repo.get_walker(paths=[path], follow=True,
                                      rename_detector=RenameDetector(self.repo.object_store))
        found = []
        for entry in walker:
            commit = entry.commit
            at = path  # the article's name in this commit
            for change in _flatten(entry.changes()):
                if change.new and change.old and change.new.path == path != change.old.path:
                    path = change.old.path  # renamed here: older commits know the old name
            found.append(Revision(commit.id.decode(), commit.author.decode("utf-8", "replace"),
                                  commit.author_time,
                                  commit.message.decode("utf-8", "replace").strip(),
                                  self._article_path(at)))
        return found

    @_reported("read")
    def content_at(self, revision: str, rel: str) -> str:
        _, sha = tree_lookup_path(self.repo.object_store.__getitem__,
                                  self._tree(ObjectID(revision.encode())), self._repo_path(rel))
        blob = self.repo.object_store[sha]
        if not isinstance(blob, Blob):
            raise saying(HistoryError, translate("Saving", "{path} at {id} is not a file").format(
                path=rel, id=revision[:8]))
        return blob.data.decode("utf-8")

    @_reported("read")
    def diff(self, old: str, new: str, rel_old: str, rel_new: str) -> list[str]:
        """Unified difference between two revisions of an article."""
        before = self.content_at(old, rel_old).splitlines(keepends=True)
        after = self.content_at(new, rel_new).splitlines(keepends=True)
        return list(difflib.unified_diff(before, after, old[:8], new[:8]))

    def restore(self, revision: Revision, current: str, author: str) -> str:
        """Write an old revision back as a new one (nothing in history is rewritten)."""
        text = self.content_at(revision.id, revision.path)
        atomic_write_bytes(self.articles_dir / current, text.encode("utf-8"))
        return self.commit([current], author, f"Restore {current} to {revision.id[:8]}")


def _flatten(changes: list) -> list:
    """Walker changes are a list, or a list of lists for merge commits."""
    return [c for item in changes for c in (item if isinstance(item, list) else [item])]


def author_name(author: str) -> str:
    """The name a revision is recorded under; `ValueError` if there is none."""
    name = " ".join(author.split())
    if not name:
        raise ValueError("an author name is needed: every change is recorded under one")
    return name


def identity(author: str) -> bytes:
    """The author line of a commit: "Name <name@gyan.local>" unless an address is given."""
    name = " ".join(author.split()) or "Gyan user"
    if "<" not in name:
        name = f"{name} <{name.lower().replace(' ', '.')}@gyan.local>"
    return name.encode("utf-8")


def new_commit(repo: Repo, tree: ObjectID, parents: list[ObjectID], author: str,
               message: str) -> ObjectID:
    """A commit of `tree` stored in the repository (no ref moved): the one way revisions,
    sync merges and the team's signals are recorded."""
    commit = Commit()
    commit.tree, commit.parents = tree, parents
    commit.author = commit.committer = identity(author)
    commit.author_time = commit.commit_time = int(time.time())
    commit.author_timezone = commit.commit_timezone = -time.timezone
    commit.encoding = b"UTF-8"
    commit.message = message.encode("utf-8") + b"\n"
    repo.object_store.add_object(commit)
    return commit.id


def has_repository(folder: Path) -> bool:
    """Whether `folder` is in a git repository (reading history never creates one)."""
    try:
        Repo.discover(str(folder)).close()
    except (NotGitRepository, OSError):
        return False
    return True


def git_user_name(folder: Path) -> str | None:
    """`user.name` from git's configuration as seen from `folder` (the repository's own
    config, then the user's and the system's), or None. Read by dulwich, no git needed."""
    try:
        with Repo.discover(str(folder)) as repo:
            stack = repo.get_config_stack()
    except (NotGitRepository, OSError, ValueError):
        stack = StackedConfig.default()
    try:
        name = stack.get((b"user",), b"name")
    except KeyError:
        return None
    text = name.decode("utf-8", "replace").strip() if isinstance(name, bytes) else str(name)
    return text or None
