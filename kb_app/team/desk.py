"""What a knowledge base offers about its team (`KnowledgeBase.team`): the remote and the
desk's role, signing in, syncing, and the articles waiting for an editor's decision.

Every method is a plain call for the window's writer thread or the command line; the
windows hold no git logic. Syncing re-indexes exactly the articles it wrote, so they are
findable (and listed as "updated since you last looked") as soon as it returns.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kb_app.authoring import Edit, MergeResult
from kb_app.editing import Fingerprint
from kb_app.history import History
from kb_app.messages import Message, saying, translate
from kb_app.operations import ReadOnlySample, Saved, UnknownArticle
from kb_app.team.credentials import Credentials, Kept, passphrase_key, token_key
from kb_app.team.remote import TIMEOUT_S, RejectedAddress, checked_address, is_http
from kb_app.team.signals_branch import SignalsDesk
from kb_app.team.state import (
    ROLES,
    AgentDesk,
    ConflictStore,
    SyncConflict,
    SyncStatus,
    TeamConfig,
    desk_config,
    read_status,
    write_config,
)
from kb_app.team.sync import NotShared, Progress, SyncResult, TeamSync

if TYPE_CHECKING:
    from kb_app.knowledge_base import KnowledgeBase

_PUSHED = "signals_pushed_at"  # LocalData meta: when this desk last sent its signals


class TeamDesk:
    def __init__(self, kb: KnowledgeBase, credentials: Credentials | None = None,
                 timeout: float = TIMEOUT_S) -> None:
        self.kb = kb
        self.credentials = credentials or Credentials()
        self.timeout = timeout

    @property
    def folder(self) -> Path:
        return self.kb.articles_dir

    # -- settings ------------------------------------------------------------------------

    def config(self) -> TeamConfig:
        """The desk's team settings (none for a folder that is not shared)."""
        return desk_config(self.folder)

    def set_remote(self, url: str, role: str | None = None) -> TeamConfig:
        """Name the team's remote (a repository is made for the folder if it has none).
        `RejectedAddress` for an address with a password in it."""
        url = checked_address(url)
        current = self.config()
        team = replace(current, url=url, role=_role(role or current.role),
                       branch=current.branch if url == current.url else "")
        self._write(team)
        return team

    def set_role(self, role: str) -> TeamConfig:
        current = self.config()
        if not current.shared:
            raise saying(NotShared, _no_remote(self.folder))
        team = replace(current, role=_role(role))
        self._write(team)
        return team

    def _write(self, team: TeamConfig) -> None:
        self._not_the_sample()
        history = History(self.folder)  # opens the repository, or makes one
        try:
            write_config(history.repo, team)
        finally:
            history.close()

    def _not_the_sample(self) -> None:
        if self.kb.is_bundled_sample:
            raise ReadOnlySample(self.folder)

    # -- signing in ----------------------------------------------------------------------

    def sign_in(self, secret: str, username: str | None = None) -> Kept:
        """Keep an https token (or password) for the remote in the keyring."""
        team = self._shared()
        if not is_http(team.url):
            raise saying(RejectedAddress, translate(
                "Sync", "a token is for https remotes; for ssh, sign in with the key's "
                "passphrase (or use ssh-agent)"))
        if username is not None and username != team.username:
            self._write(replace(team, username=username.strip()))
        return self.credentials.keep(token_key(team.url), secret)

    def sign_in_ssh(self, key_file: str, passphrase: str) -> Kept:
        team = self._shared()
        key = str(Path(key_file).expanduser().resolve())
        self._write(replace(team, ssh_key=key))
        return self.credentials.keep(passphrase_key(key), passphrase)

    def sign_out(self) -> None:
        team = self.config()
        self.credentials.forget(token_key(team.url))
        if team.ssh_key:
            self.credentials.forget(passphrase_key(team.ssh_key))

    def signed_in(self) -> bool:
        team = self.config()
        return self.credentials.login(team.url, team.username or None,
                                      team.ssh_key or None).secret is not None

    def _shared(self) -> TeamConfig:
        team = self.config()
        if not team.shared:
            raise saying(NotShared, _no_remote(self.folder))
        return team

    # -- syncing -------------------------------------------------------------------------

    def sync(self, author: str = "", progress: Progress | None = None,
             signals_now: bool = True) -> SyncResult:
        """Sync with the team now (see kb_app.team.sync), then index what it wrote.
        The team's signals go with it (kb_app.team.signals_branch): this desk's new
        events are written to its file first; `signals_now` sends them whatever the
        spacing (a sync asked for; the window's background syncs pass False)."""
        self._not_the_sample()
        desk = self._signals_desk(signals_now)
        run = TeamSync(self.folder, self.kb.data_dir, self.credentials,
                       author.strip() or "Gyan", self.timeout, desk)
        result = run.run(progress)
        if result.signals is not None and result.signals.pushed:
            self._remember_push()
        if result.changed:
            warning = self.kb.reindex(result.changed)
            if warning is not None:
                result.notes.append(warning)
        return result

    def _signals_desk(self, force: bool) -> SignalsDesk:
        own = self.kb.publish_signals()
        local = self.kb.open_local_data()
        try:
            last = local.meta(_PUSHED)
        finally:
            local.close()
        try:
            last_pushed = float(last or 0)
        except ValueError:
            last_pushed = 0.0
        return SignalsDesk(own.parent, own.name, last_pushed, force)

    def _remember_push(self) -> None:
        local = self.kb.open_local_data()
        try:
            local.set_meta(_PUSHED, repr(time.time()))
        finally:
            local.close()

    def status(self) -> SyncStatus:
        return read_status(self.kb.data_dir)

    # -- articles waiting for a decision -------------------------------------------------

    def conflicts(self) -> list[SyncConflict]:
        return ConflictStore(self.kb.data_dir).all()

    def conflict(self, path: str) -> SyncConflict:
        found = ConflictStore(self.kb.data_dir).get(path)
        if found is None:
            raise saying(UnknownArticle, translate(
                "Sync", "{path} is not waiting for a decision").format(path=path))
        return found

    def conflict_edit(self, path: str) -> Edit:
        """The article as this editor wrote it, over the text both started from: saving
        it meets theirs (`SaveConflict`), and merging it is a true 3-way merge."""
        found = self.conflict(path)
        base = found.base or ""
        start = Edit.from_text(base, path, Fingerprint.of(base.encode("utf-8"))
                               if found.base is not None else None)
        return start.with_text(found.mine or "")

    def keep_mine(self, path: str, author: str) -> Saved:
        """This editor's text, saved knowingly over theirs (then recorded)."""
        saved = self.kb.save(self.kb.keep_mine(self.conflict_edit(path)), author,
                             f"Keep this desk's version of {path} after a sync conflict")
        self.settle(path)
        return saved

    def take_theirs(self, path: str) -> None:
        """Theirs is already in the folder: this editor's text is let go (it stays in the
        history)."""
        self.conflict(path)
        self.settle(path)

    def merge(self, path: str) -> MergeResult:
        """Both texts in one, places both changed marked, to check and save."""
        return self.kb.merge(self.conflict_edit(path))

    def settle(self, path: str) -> None:
        ConflictStore(self.kb.data_dir).discard(path)


def _no_remote(folder: Path) -> Message:
    return translate("Sync", "{folder} has no team remote yet: kb remote set URL").format(
        folder=str(folder))


def _role(role: str) -> str:
    role = role.strip().lower()
    if role not in ROLES:
        raise ValueError(f"{role!r}: a desk is an agent or an editor")
    return role


__all__ = ["AgentDesk", "TeamDesk"]
