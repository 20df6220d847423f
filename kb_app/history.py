"""Article history in git, through dulwich (pure Python: no git binary needed).

Every save is a commit by the person who made it. When the articles folder sits inside an
existing work tree, that repository is used and only the articles' own paths are touched:
commits are built from HEAD's tree plus exactly the saved paths, so anything else the
user has staged stays staged and out of our commits.
"""

from __future__ import annotations

import datetime as dt
import difflib
import time
from dataclasses import dataclass
from pathlib import Path

from dulwich.diff_tree import RenameDetector
from dulwich.errors import NotGitRepository
from dulwich.object_store import commit_tree_changes, tree_lookup_path
from dulwich.objects import Blob, Commit, Tree
from dulwich.repo import Repo

from kb_app.fileio import atomic_write_bytes

FILE_MODE = 0o100644


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


class History:
    def __init__(self, articles_dir: Path) -> None:
        self.articles_dir = Path(articles_dir).resolve()
        self.repo = self._open_or_create()
        self.root = Path(self.repo.path).resolve()

    def _open_or_create(self) -> Repo:
        """The enclosing repository, or a new one in the articles folder. Another thread or
        process may be creating it at this moment: then wait for it to finish."""
        for _ in range(100):
            try:
                return Repo.discover(str(self.articles_dir))
            except NotGitRepository:
                try:
                    return Repo.init(str(self.articles_dir))
                except FileExistsError:
                    time.sleep(0.02)
        raise NotGitRepository(f"{self.articles_dir}: the git repository could not be opened")

    def close(self) -> None:
        self.repo.close()

    def _repo_path(self, rel: str) -> bytes:
        return (self.articles_dir / rel).relative_to(self.root).as_posix().encode("utf-8")

    def _article_path(self, repo_path: bytes) -> str:
        return (self.root / repo_path.decode("utf-8")).relative_to(self.articles_dir).as_posix()

    def _head(self) -> bytes | None:
        try:
            return self.repo.head()
        except KeyError:
            return None

    def commit(self, paths: list[str], author: str, message: str,
               contents: dict[str, bytes | None] | None = None) -> str:
        """Record `paths` (relative to the articles folder) as they are on disk, or as
        `contents` says they were when saved (None: deleted), for commits made later."""
        head = self._head()
        changes = []
        for rel in paths:
            full = self.articles_dir / rel
            if contents is not None and rel in contents:
                data = contents[rel]
            else:
                data = full.read_bytes() if full.is_file() else None
            if data is not None:
                blob = Blob.from_string(data)
                self.repo.object_store.add_object(blob)
                changes.append((self._repo_path(rel), FILE_MODE, blob.id))
            else:
                changes.append((self._repo_path(rel), None, None))
        base = self.repo[head].tree if head else self._empty_tree()
        tree = commit_tree_changes(self.repo.object_store, base, changes)
        if head and tree == base:
            return head.decode()  # nothing changed: no empty revision in the history
        commit = Commit()
        commit.tree = tree
        commit.parents = [head] if head else []
        commit.author = commit.committer = _identity(author)
        commit.author_time = commit.commit_time = int(time.time())
        commit.author_timezone = commit.commit_timezone = -time.timezone
        commit.encoding = b"UTF-8"
        commit.message = message.strip().encode("utf-8") + b"\n"
        self.repo.object_store.add_object(commit)
        self.repo.refs[b"HEAD"] = commit.id
        self.repo.get_worktree().stage([self._repo_path(p).decode() for p in paths])
        return commit.id.decode()

    def _empty_tree(self) -> bytes:
        tree = Tree()
        self.repo.object_store.add_object(tree)
        return tree.id

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

    def content_at(self, revision: str, rel: str) -> str:
        commit = self.repo[revision.encode()]
        _, sha = tree_lookup_path(self.repo.object_store.__getitem__, commit.tree,
                                  self._repo_path(rel))
        return self.repo.object_store[sha].data.decode("utf-8")

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


def _identity(author: str) -> bytes:
    name = " ".join(author.split()) or "Gyan user"
    if "<" not in name:
        name = f"{name} <{name.lower().replace(' ', '.')}@gyan.local>"
    return name.encode("utf-8")
