"""Helpers for the team tests: desks (a KnowledgeBase with its own folder, index and
keyring) around a bare repository served by tests.gitserver or reached by file://."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from dulwich.object_store import commit_tree_changes
from dulwich.objects import Blob, Commit, Tree
from dulwich.repo import Repo
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from kb_app.knowledge_base import KnowledgeBase
from kb_app.team.credentials import Credentials
from kb_app.team.sync import SyncResult

ARTICLES = {
    "general/refund.md": """\
        ---
        id: refund
        title: How refunds work
        summary: Refunds reach the original payment method within 14 days.
        ---
        # How refunds work

        Line one of the refund article.
        Line two: cards take seven days.
        Line three: bKash takes three days.
        Line four: cash refunds at the counter.
        Line five: disputes go to billing.
        Line six: nothing else.
        """,
    "router/setup.md": """\
        ---
        id: router-setup
        title: Set up the router
        summary: Plug in and follow the app.
        ---
        Hold the reset button for ten seconds if setup fails.
        """,
}


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict: what the system keyring does, for one test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@dataclass
class Desk:
    name: str
    kb: KnowledgeBase

    @property
    def folder(self) -> Path:
        return self.kb.articles_dir

    def sync(self) -> SyncResult:
        return self.kb.team.sync(f"Desk {self.name}")

    def found(self, text: str) -> list[str]:
        with self.kb.searcher() as searcher:
            return [hit.path for hit in searcher.search(text, include_drafts=True).results]

    def edit_body(self, path: str, old: str, new: str) -> None:
        """An editor's save through the knowledge base (written, indexed, recorded)."""
        edit = self.kb.load(path)
        assert old in edit.body, (old, edit.body)
        self.kb.save(edit.with_body(edit.body.replace(old, new)), f"Editor {self.name}")

    def text(self, path: str) -> str:
        return (self.folder / path).read_text(encoding="utf-8")


def credentials(keyring: KeyringBackend | None = None) -> Credentials:
    return Credentials(keyring or MemoryKeyring(), environ={})


def write_articles(root: Path, articles: dict[str, str]) -> None:
    for rel, text in articles.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def open_desk(folder: Path, tmp: Path, name: str, keys: Credentials | None = None) -> Desk:
    kb = KnowledgeBase(folder, tmp / f"index-{name}", lock_timeout=10)
    kb.team.credentials = keys or credentials()
    return Desk(name, kb)


def publish(url: str, tmp: Path, articles: dict[str, str] | None = None,
            name: str = "seed") -> Desk:
    """The first editor: a folder of articles, shared to `url` and pushed."""
    folder = tmp / name
    write_articles(folder, ARTICLES if articles is None else articles)
    desk = open_desk(folder, tmp, name)
    desk.kb.team.set_remote(url, "editor")
    result = desk.sync()
    assert result.ok and result.pushed, result
    desk.kb.sync()
    return desk


def join(url: str, tmp: Path, name: str, role: str = "agent",
         keys: Credentials | None = None) -> Desk:
    """A new desk cloned from `url`, indexed."""
    keys = keys or credentials()
    kb = KnowledgeBase.clone(url, tmp / name, role, credentials=keys,
                             index_dir=tmp / f"index-{name}")
    kb.team.credentials = keys
    kb.sync()
    return Desk(name, kb)


def big_remote(path: Path, count: int, words: int = 60) -> Repo:
    """A bare repository with `count` articles in one commit, written straight into
    the object store (fast enough for 10,000)."""
    path.mkdir(parents=True)
    repo = Repo.init_bare(str(path))
    store = repo.object_store
    changes = []
    filler = " ".join(f"word{n % 97}" for n in range(words))
    for n in range(count):
        text = (f"---\nid: article-{n}\ntitle: Article number {n}\nsummary: Answer {n}.\n"
                f"---\n# Article number {n}\n\nTopic{n} {filler}\n")
        blob = Blob.from_string(text.encode())
        store.add_object(blob)
        changes.append((f"product-{n % 20}/article-{n}.md".encode(), 0o100644, blob.id))
    empty = Tree()
    store.add_object(empty)
    commit = Commit()
    commit.tree = commit_tree_changes(store, empty.id, changes)
    commit.parents = []
    commit.author = commit.committer = b"Seed <seed@gyan.local>"
    commit.author_time = commit.commit_time = 1_700_000_000
    commit.author_timezone = commit.commit_timezone = 0
    commit.message = b"Many articles\n"
    store.add_object(commit)
    repo.refs[b"refs/heads/master"] = commit.id
    return repo
