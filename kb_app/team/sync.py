"""One sync of a desk with the team's remote, for each of the two roles.

Agent (follows the team): fetch, then make the articles exactly what the remote has.
It never pushes and keeps nothing local, so it cannot conflict; a file edited by hand
is copied to the data folder's `set-aside/` before it is replaced, and revisions made
here that the remote does not have are kept under `refs/gyan/set-aside/…` (nothing is
deleted, nothing is sent).

Editor (publishes its saves): fetch; if the remote has moved on, merge it (3-way, from
the revision both last shared): files changed on one side are taken, articles both
changed in different lines are merged, and an article both changed in the same lines
keeps theirs in the folder while this editor's text waits in `sync-conflicts/` for the
conflict flow (keep mine, take theirs, merge); then push. If the branch moved during
the push, fetch and merge again. If the remote's history was rewritten (force-pushed),
this desk's unpublished changes are put on top of the new history as one revision and
the old local line is kept under `refs/gyan/set-aside/…`.

Every failure ends with a plain status (kb_app.team.state) and leaves the desk as it
was or as far as it safely got: revisions not pushed stay, ready to push; an update of
the files that was interrupted is rolled back and redone by the next sync.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from dulwich.errors import NotGitRepository
from dulwich.graph import can_fast_forward, find_merge_base
from dulwich.objects import ObjectID
from dulwich.refs import Ref
from dulwich.repo import Repo

from kb_app.fileio import FileLock, LockTimeout
from kb_app.history import History, new_commit
from kb_app.messages import Message, joined, said_by, saying, translate
from kb_app.team import transfer
from kb_app.team.credentials import Credentials
from kb_app.team.merging import Clash, merge_trees, tree_of
from kb_app.team.remote import TIMEOUT_S, RemoteError, explained
from kb_app.team.signals_branch import SignalsDesk, SignalsShared, exchange
from kb_app.team.state import (
    ENGLISH,
    ConflictStore,
    SyncConflict,
    SyncStatus,
    TeamConfig,
    Wording,
    read_config,
    read_status,
    set_aside,
    write_config,
    write_status,
)
from kb_app.team.worktree import Raced, WorkTree

LOCK = "gyan-sync.lock"
SET_ASIDE_REFS = b"refs/gyan/set-aside/"
ROUNDS = 3  # fetch-merge-push rounds while others keep pushing
COUNT_LIMIT = 1000
Progress = Callable[[str, int, int], None]


class NotShared(Exception):  # noqa: N818 - a state the user fixes with `kb remote set`
    """The folder has no team remote."""


class Unrelated(RemoteError):
    outcome = "unrelated"


@dataclass
class SyncResult:
    """What one sync did. `changed` are the article paths written in the folder (to be
    re-indexed) -- also when the sync stopped later, at the push."""

    outcome: str  # "synced", "conflicts", or a RemoteError's outcome
    message: str  # in English; `said` is the same as a record (None: summarised, or not ours)
    changed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # articles waiting for a decision
    set_aside: list[str] = field(default_factory=list)  # where local files were copied
    pushed: bool = False
    notes: list[Message] = field(default_factory=list)
    status: SyncStatus = field(default_factory=SyncStatus)
    signals: SignalsShared | None = None  # the team's signals taken in and sent
    summarised: bool = False  # `message` says the counts above (and the notes), nothing else
    said: Message | None = None

    def say(self, said: Message, outcome: str | None = None) -> None:
        """End with `said` (and `outcome`, if the sync did not go as it should)."""
        self.message, self.said = str(said), said
        if outcome is not None:
            self.outcome = outcome

    @property
    def ok(self) -> bool:
        return self.outcome in ("synced", "conflicts")


class TeamSync:
    """One run (make a new one for each sync)."""

    def __init__(self, articles_dir: Path, data_dir: Path, credentials: Credentials,
                 author: str = "Gyan", timeout: float = TIMEOUT_S,
                 signals: SignalsDesk | None = None) -> None:
        self.articles_dir = Path(articles_dir).resolve()
        self.signals = signals
        self.data_dir = data_dir
        self.credentials = credentials
        self.author = author
        self.timeout = timeout
        self.stamp = time.strftime("%Y%m%d-%H%M%S")
        self.result = SyncResult("synced", "")
        self.conflicts = ConflictStore(data_dir)

    def run(self, progress: Progress | None = None) -> SyncResult:
        """Sync now. `NotShared` if the folder has no remote; every other problem is
        the result's outcome and message (and the saved status)."""
        try:
            repo = Repo.discover(str(self.articles_dir))
        except NotGitRepository:
            repo = None
        config = read_config(repo) if repo is not None else TeamConfig()
        if repo is None or not config.shared:
            if repo is not None:
                repo.close()
            raise saying(NotShared, translate(
                "Sync", "{folder} is not shared with a team: set the team's remote first "
                "(kb remote set URL)").format(folder=str(self.articles_dir)))
        with repo:
            before = read_status(self.data_dir)
            try:
                with FileLock(Path(repo.controldir()) / LOCK, timeout=0.5):
                    write_status(self.data_dir, replace(before, outcome="running",
                                                        pid=os.getpid(),
                                                        last_attempt=time.time()))
                    self._guarded(repo, config, progress)
            except LockTimeout:
                self.result.say(translate(
                    "Sync", "another sync of this folder is running; this one was skipped"),
                    "busy")
            self.result.status = self._status(repo, config, before)
        write_status(self.data_dir, self.result.status)
        return self.result

    def _guarded(self, repo: Repo, config: TeamConfig, progress: Progress | None) -> None:
        try:
            self._sync(repo, config, progress)
        except RemoteError as exc:
            self._failed(exc, exc.outcome)
        except (OSError, Raced) as exc:
            failure = explained(exc, config.url) if isinstance(exc, OSError) else exc
            self._failed(failure, getattr(failure, "outcome", "failed"))

    def _failed(self, error: Exception, outcome: str) -> None:
        said = said_by(error)
        if said is not None:
            self.result.say(said, outcome)
        else:
            self.result.outcome, self.result.message = outcome, str(error)

    # -- the two roles -------------------------------------------------------------------

    def _sync(self, repo: Repo, config: TeamConfig, progress: Progress | None) -> None:
        tree = WorkTree(repo, self.articles_dir)
        if tree.interrupted():
            self.result.changed += tree.roll_back()
            self.result.notes.append(translate(
                "Sync", "the last sync was interrupted: it was rolled back and is done again "
                "now"))
        seen = transfer.tracking(repo, config.branch.encode()) if config.branch else None
        local_ref, local = head(repo)
        login = self.credentials.login(config.url, config.username or None,
                                       config.ssh_key or None)
        fetched = transfer.fetch(repo, config.url, login, self.timeout, progress)
        branch = transfer.choose_branch(fetched, config.branch, local_ref)
        if branch.decode() != config.branch:
            write_config(repo, replace(config, branch=branch.decode()))
        remote = fetched.heads.get(branch)
        apply = _stage(progress, "Updating articles")
        if config.is_editor:
            self._publish(repo, tree, config, branch, local_ref, local, remote, seen, apply)
        else:
            self._follow(repo, tree, local_ref, local, remote, seen, apply)
        if self.signals is not None:  # after the articles: they come first
            self.result.signals = exchange(repo, config.url, login, self.timeout,
                                           self.signals, self.author)
            if self.result.signals.note is not None:
                self.result.notes.append(self.result.signals.note)
        if not self.result.message:
            self.result.say(summary(self.result, self.data_dir))
            self.result.summarised = True

    def _follow(self, repo: Repo, tree: WorkTree, local_ref: Ref, local: ObjectID | None,
                remote: ObjectID | None, seen: ObjectID | None,
                progress: Callable[[int, int], None] | None) -> None:
        """Agent: the articles become exactly the remote's."""
        if remote is None:
            self.result.say(translate("Sync", "the team's remote has no articles yet: an "
                                      "editor publishes them first"))
            return
        edited = tree.edited()
        if local == remote and not edited:
            return
        if local is not None and local != seen and not can_fast_forward(repo, local, remote):
            self._keep_line(repo, local)
        self.result.changed += tree.update(local_ref, local, remote, self._set_aside,
                                           also=edited, progress=progress)

    def _publish(self, repo: Repo, tree: WorkTree, config: TeamConfig, branch: bytes,
                 local_ref: Ref, local: ObjectID | None, remote: ObjectID | None,
                 seen: ObjectID | None, progress: Callable[[int, int], None] | None) -> None:
        """Editor: take in what the remote has, merge, push; again if it moved."""
        login = self.credentials.login(config.url, config.username or None,
                                       config.ssh_key or None)
        if local is None and remote is None:
            local = self._first_revision(repo)
            if local is None:
                self.result.say(translate("Sync", "nothing to publish yet"))
                return
        for _ in range(ROUNDS):
            if remote is not None and (local is None or can_fast_forward(repo, local, remote)):
                if local != remote:
                    self.result.changed += tree.update(local_ref, local, remote,
                                                       self._as_conflict, progress=progress)
                return
            assert local is not None
            if remote is not None and not can_fast_forward(repo, remote, local):
                merged = self._merge(repo, local, remote, seen)
                self.result.changed += tree.update(local_ref, local, merged,
                                                   self._as_conflict, progress=progress)
                local = merged
            try:
                transfer.push(repo, config.url, login, self.timeout, branch, local, remote)
                self.result.pushed = True
                return
            except transfer.Moved:
                seen = remote
                remote = transfer.fetch(repo, config.url, login, self.timeout).heads.get(branch)
        self.result.say(translate(
            "Sync", "the team's remote kept moving while this desk tried to publish; your "
            "revisions stay here and the next sync tries again"), "unreachable")

    def _first_revision(self, repo: Repo) -> ObjectID | None:
        """A folder published for the first time: everything in it, as one revision."""
        files = [p.relative_to(self.articles_dir).as_posix()
                 for p in sorted(self.articles_dir.rglob("*"))
                 if p.is_file() and not p.is_symlink() and not any(
                     part.startswith(".") for part in p.relative_to(self.articles_dir).parts)]
        if not files:
            return None
        history = History(self.articles_dir)
        try:
            history.commit(files, self.author, "Publish the knowledge base to the team")
        finally:
            history.close()
        return head(repo)[1]

    # -- merging -------------------------------------------------------------------------

    def _merge(self, repo: Repo, local: ObjectID, remote: ObjectID,
               seen: ObjectID | None) -> ObjectID:
        """A commit with the remote's changes and this desk's."""
        store = repo.object_store
        rewritten = (seen is not None and seen != remote and not can_fast_forward(
            repo, seen, remote) and can_fast_forward(repo, seen, local))
        if rewritten:
            assert seen is not None
            base: ObjectID = seen
        else:
            bases = find_merge_base(repo, [local, remote])
            if not bases:
                raise saying(Unrelated, translate(
                    "Sync", "this folder's history and the team's are unrelated, so they "
                    "cannot be merged safely. Start a desk from the team's copy (kb clone URL "
                    "DIR) and copy the articles you need into it"))
            base = bases[0]
        merge = merge_trees(store, tree_of(store, base), tree_of(store, local),
                            tree_of(store, remote))
        for clash in merge.clashes:
            self._keep_clash(repo, clash, remote)
        self.result.notes += [translate(
            "Sync", "{path}: changed on one side and deleted on the other; the changed "
            "version is kept").format(path=str(tree_path(repo, self.articles_dir, p)))
            for p in merge.kept_changed]
        if rewritten:
            self._keep_line(repo, local)
            self.result.notes.append(translate(
                "Sync", "the team's history was rewritten: this desk's unpublished changes "
                "were put on top of it"))
        message = ("This desk's changes, kept after the team's history was rewritten"
                   if rewritten else "Merge the team's changes")
        return self._commit(repo, merge.tree, [remote] if rewritten else [local, remote],
                            message)

    def _commit(self, repo: Repo, tree: ObjectID, parents: list[ObjectID],
                message: str) -> ObjectID:
        return new_commit(repo, tree, parents, self.author, message)

    def _keep_clash(self, repo: Repo, clash: Clash, remote: ObjectID) -> None:
        rel = tree_path(repo, self.articles_dir, clash.path)
        base, mine = _text(clash.base), _text(clash.mine)
        if rel is not None and rel.endswith(".md") and base is not False and mine is not False:
            self.conflicts.keep(SyncConflict(rel, _str(base), _str(mine), remote.decode(),
                                             time.time()))
            self.result.conflicts.append(rel)
        elif clash.mine is not None:
            name = rel or clash.path.decode("utf-8", "replace")
            self.result.set_aside.append(str(set_aside(self.data_dir, self.stamp, name,
                                                       clash.mine)))

    # -- keeping local work --------------------------------------------------------------

    def _set_aside(self, rel: str, disk: bytes | None, _before: bytes | None) -> None:
        if disk is not None:
            self.result.set_aside.append(str(set_aside(self.data_dir, self.stamp, rel, disk)))

    def _as_conflict(self, rel: str, disk: bytes | None, before: bytes | None) -> None:
        """An editor's unrecorded change to a file the sync replaces: kept for the
        conflict flow when it is an article, set aside otherwise."""
        mine, base = _text(disk), _text(before)
        if rel.endswith(".md") and mine is not False and base is not False:
            self.conflicts.keep(SyncConflict(rel, _str(base), _str(mine), "", time.time()))
            self.result.conflicts.append(rel)
        else:
            self._set_aside(rel, disk, before)

    def _keep_line(self, repo: Repo, commit: ObjectID) -> None:
        ref = Ref(SET_ASIDE_REFS + self.stamp.encode())
        repo.refs[ref] = commit
        self.result.notes.append(translate(
            "Sync", "revisions made on this desk that the team does not have were kept under "
            "{ref}").format(ref=ref.decode()))

    # -- the outcome ---------------------------------------------------------------------

    def _status(self, repo: Repo, config: TeamConfig, before: SyncStatus) -> SyncStatus:
        if self.result.outcome == "synced" and self.conflicts.all():
            self.result.outcome = "conflicts"
        config = read_config(repo)
        ahead, behind = counts(repo, config.branch.encode()) if config.branch else (0, 0)
        now = time.time()
        return SyncStatus(self.result.outcome, self.result.message,
                          now if self.result.ok else before.last_synced, now, ahead, behind,
                          len(self.conflicts.all()), said=self.result.said)


def summary(result: SyncResult, data_dir: Path) -> Message:
    """What a sync did, in one sentence: the counts, then the notes."""
    parts = [translate("TeamStatus", "{n} article(s) updated").format(
        n=len(result.changed)) if result.changed
        else translate("TeamStatus", "up to date")]
    if result.pushed:
        parts.append(translate("TeamStatus", "your revisions are published"))
    if result.conflicts:
        parts.append(translate(
            "TeamStatus", "{n} article(s) changed here and by someone else wait for your "
            "decision").format(n=len(result.conflicts)))
    if result.set_aside:
        parts.append(translate(
            "TeamStatus", "{n} local file(s) copied to {folder} before being replaced").format(
                n=len(result.set_aside), folder=str(data_dir / "set-aside")))
    return joined(parts + result.notes)


def describe(result: SyncResult, data_dir: Path, words: Wording | None = None) -> str:
    """`summary` in English, or as the interface says it given `words`
    (kb_app.gui.team_status)."""
    w = words or ENGLISH
    return summary(result, data_dir).say(w.translate, w.number)


def head(repo: Repo) -> tuple[Ref, ObjectID | None]:
    """The branch HEAD names (or HEAD itself, detached) and its commit (None: none yet)."""
    refs, sha = repo.refs.follow(Ref(b"HEAD"))
    return Ref(refs[-1]), sha


def counts(repo: Repo, branch: bytes) -> tuple[int, int]:
    """(revisions here the remote lacks, revisions of the remote not taken in here)."""
    local, remote = head(repo)[1], transfer.tracking(repo, branch)
    if local is None or remote is None:
        return (_count(repo, local, None) if local else 0), (
            _count(repo, remote, None) if remote else 0)
    return _count(repo, local, remote), _count(repo, remote, local)


def _count(repo: Repo, include: ObjectID | None, exclude: ObjectID | None) -> int:
    if include is None or include == exclude:
        return 0
    walker = repo.get_walker(include=[include], exclude=[exclude] if exclude else None,
                             max_entries=COUNT_LIMIT)
    return sum(1 for _ in walker)


def tree_path(repo: Repo, articles_dir: Path, path: bytes) -> str | None:
    """A repository path as a path in the articles folder (None: outside it)."""
    full = Path(repo.path).resolve() / path.decode("utf-8", "surrogateescape")
    return full.relative_to(articles_dir).as_posix() if full.is_relative_to(
        articles_dir) else None


def _text(data: bytes | None) -> str | None | bool:
    """UTF-8 text with "\\n" line endings; None for no file; False if it is not text."""
    if data is None:
        return None
    try:
        return data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return False


def _str(text: str | None | bool) -> str | None:
    return text if isinstance(text, str) else None


def _stage(progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(stage, done, total)


__all__ = ["NotShared", "SyncResult", "TeamSync", "Unrelated", "counts", "head"]
