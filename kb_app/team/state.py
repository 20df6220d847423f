"""Where a desk's team state lives, and why there.

- The team's address, this desk's role and the branch followed are settings of the
  folder's own git repository (`.git/config`: `remote.origin.url`, `gyan.role`,
  `gyan.branch`), so the app and the `kb` command see the same, git itself sees the
  remote, and they never leave the desk (the config is not pushed). Secrets never go
  there (kb_app.team.credentials).
- The last sync's outcome is this desk's own record (`team-sync.json` in the data
  folder): when it last succeeded, how many revisions wait to go either way, and the
  plain message to show.
- Articles changed both here and by someone else wait in `sync-conflicts/` (the data
  folder, readable by this user only) with the text they started from, until the editor
  decides. Local files a sync had to replace are copied to `set-aside/` first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from dulwich.errors import NotGitRepository
from dulwich.repo import Repo

from kb_app.fileio import atomic_write_bytes, atomic_write_text
from kb_app.messages import Message, translate
from kb_app.team import ROLES

REMOTE = b"origin"
FETCH_SPEC = b"+refs/heads/*:refs/remotes/origin/*"
STATUS_FILE = "team-sync.json"
CONFLICTS_FOLDER = "sync-conflicts"
SET_ASIDE_FOLDER = "set-aside"
PRIVATE = 0o600


@dataclass(frozen=True)
class TeamConfig:
    """The desk's team settings, as kept in the repository's git config."""

    url: str = ""
    role: str = "agent"  # agent: follows the remote; editor: also publishes its saves
    branch: str = ""  # e.g. "refs/heads/main"; decided at the first contact
    username: str = ""  # for https sign-in (not secret); the token is in the keyring
    ssh_key: str = ""  # a private key file for ssh addresses

    @property
    def shared(self) -> bool:
        return bool(self.url)

    @property
    def is_editor(self) -> bool:
        return self.role == "editor"


def read_config(repo: Repo) -> TeamConfig:
    """The team settings; none unless `gyan.role` is there (a repository cloned from
    elsewhere has an origin too, but is not a team's desk until set up as one)."""
    config = repo.get_config()

    def value(section: tuple[bytes, ...], name: bytes) -> str:
        try:
            return config.get(section, name).decode("utf-8", "replace").strip()
        except KeyError:
            return ""

    role = value((b"gyan",), b"role")
    if not role:
        return TeamConfig()
    return TeamConfig(value((b"remote", REMOTE), b"url"), role if role in ROLES else "agent",
                      value((b"gyan",), b"branch"), value((b"credential",), b"username"),
                      value((b"gyan",), b"sshkey"))


class AgentDesk(PermissionError):
    """An agent's desk follows the team and has no changes of its own."""

    def __init__(self, folder: Path) -> None:
        self.said = translate(
            "Saving", "{folder} follows the team's remote as an agent's desk: articles are "
            "changed by editors. Make this desk an editor's (Team menu, or `kb remote role "
            "editor`) to change them here").format(folder=str(folder))
        super().__init__(str(self.said))


def desk_config(folder: Path) -> TeamConfig:
    """The team settings of the repository `folder` is in (none: not shared)."""
    try:
        with Repo.discover(str(folder)) as repo:
            return read_config(repo)
    except (NotGitRepository, OSError, ValueError):
        return TeamConfig()


def write_config(repo: Repo, team: TeamConfig) -> None:
    """Write the settings (git's config file is replaced whole, through its lock file)."""
    config = repo.get_config()
    config.set((b"remote", REMOTE), b"url", team.url.encode("utf-8"))
    config.set((b"remote", REMOTE), b"fetch", FETCH_SPEC)
    config.set((b"gyan",), b"role", team.role.encode("utf-8"))
    for section, name, text in (((b"gyan",), b"branch", team.branch),
                                ((b"credential",), b"username", team.username),
                                ((b"gyan",), b"sshkey", team.ssh_key)):
        if text:
            config.set(section, name, text.encode("utf-8"))
        elif _has(config, section, name):
            del config[section][name]
    config.write_to_path()


def _has(config: Any, section: tuple[bytes, ...], name: bytes) -> bool:
    try:
        config.get(section, name)
    except KeyError:
        return False
    return True


# -- the last sync -------------------------------------------------------------------------


@dataclass
class SyncStatus:
    """What the window's status bar and `kb remote show` say about syncing."""

    outcome: str = "never"  # never, running, synced, conflicts, or a RemoteError's outcome
    message: str = ""  # the plain sentence about the last attempt
    last_synced: float | None = None  # the last time this desk was level with the remote
    last_attempt: float | None = None
    ahead: int = 0  # revisions of this desk the remote does not have yet
    behind: int = 0  # revisions of the remote this desk has fetched but not taken in
    conflicts: int = 0  # articles waiting for an editor's decision
    pid: int = 0  # the process syncing (outcome "running")
    said: Message | None = None  # `message` as a record, for the window to translate

    def sync_alive(self) -> bool:
        """Whether the sync this status says is running still has a living process."""
        return self.outcome == "running" and _alive(self.pid)

    def summary(self, now: float | None = None, words: Wording | None = None) -> str:
        """One short line for the status bar, in English or, given `words`, as the
        interface says it (kb_app.gui.team_status)."""
        w = words or ENGLISH
        if self.outcome == "never":
            return w.translate("TeamStatus", "Team: not synced yet")
        if self.outcome == "running":
            if self.sync_alive():
                return w.translate("TeamStatus", "Team: syncing…")
            return w.translate("TeamStatus",
                               "Team: the last sync was interrupted; the next one finishes it")
        if self.last_synced:
            synced = w.translate("TeamStatus", "synced {time}").format(
                time=w.moment(self.last_synced, now))
        else:
            synced = w.translate("TeamStatus", "never synced")
        if self.outcome in ("synced", "conflicts"):
            parts = [w.translate("TeamStatus", "Team: {synced}").format(synced=synced),
                     self._counts(w)]
            if self.conflicts:
                parts.append(w.translate("TeamStatus", "{n} article(s) to resolve").format(
                    n=w.number(self.conflicts)))
            return " · ".join(p for p in parts if p)
        tail = (w.translate("TeamStatus", "searching this desk's copy")
                if self.outcome == "unreachable" else "")
        return " · ".join(p for p in (_headline(self.outcome, w), tail, synced,
                                      self._counts(w)) if p)

    def _counts(self, w: Wording) -> str:
        parts = []
        if self.ahead:
            parts.append(w.translate("TeamStatus", "{n} revision(s) to push").format(
                n=w.number(self.ahead)))
        if self.behind:
            parts.append(w.translate("TeamStatus", "{n} revision(s) behind").format(
                n=w.number(self.behind)))
        if parts:
            return " · ".join(parts)
        return w.translate("TeamStatus", "up to date") if self.outcome == "synced" else ""

    def to_json(self) -> dict[str, Any]:
        """What `kb remote show` and `kb sync --json` say (the record is kept apart)."""
        found = asdict(self)
        del found["said"]
        return found


def _headline(outcome: str, w: Wording) -> str:
    if outcome == "unreachable":
        return w.translate("TeamStatus", "Team remote unreachable")
    if outcome == "sign-in":
        return w.translate("TeamStatus", "Team remote: sign in needed")
    if outcome == "refused":
        return w.translate("TeamStatus", "Team remote refused the push")
    if outcome == "disk":
        return w.translate("TeamStatus", "Team sync: this desk's disk refused a write")
    if outcome == "not-found":
        return w.translate("TeamStatus", "Team remote: no repository at that address")
    if outcome == "busy":
        return w.translate("TeamStatus", "Team: another sync is running")
    return w.translate("TeamStatus", "Team sync failed")


@dataclass(frozen=True)
class Wording:
    """How the team's lines are said: English as written (the command line), or through
    the interface's translation, digits and times (the window passes its own). The
    strings are written as `translate("TeamStatus", ...)` so that lupdate finds them."""

    translate: Callable[[str, str], str]
    number: Callable[[int], str]
    moment: Callable[[float | None, float | None], str]


def _as_written(_context: str, text: str) -> str:
    return text


def when(moment: float | None, now: float | None = None) -> str:
    """A time as the status bar says it: "14:05" today, "3 Nov 14:05" before."""
    if moment is None:
        return "never"
    at = dt.datetime.fromtimestamp(moment)
    today = dt.datetime.fromtimestamp(now if now is not None else time.time()).date()
    return f"{at:%H:%M}" if at.date() == today else f"{at.day} {at:%b %H:%M}"


ENGLISH = Wording(_as_written, str, when)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def read_status(data_dir: Path) -> SyncStatus:
    try:
        raw = json.loads((data_dir / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return SyncStatus()
    known = {f.name for f in fields(SyncStatus)} - {"said"}
    try:
        status = SyncStatus(**{k: v for k, v in raw.items() if k in known})
    except (TypeError, AttributeError):
        return SyncStatus()
    said = Message.from_json(raw.get("said"))  # none in a status written before records
    return replace(status, said=said) if said is not None and str(
        said) == status.message else status


def write_status(data_dir: Path, status: SyncStatus) -> None:
    """Best effort: a full disk must not turn a sync's outcome into a second failure."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        saved = status.to_json()
        if status.said is not None:
            saved["said"] = status.said.to_json()
        atomic_write_text(data_dir / STATUS_FILE, json.dumps(saved, indent=1))
    except OSError:
        pass


# -- waiting for a decision ----------------------------------------------------------------


@dataclass(frozen=True)
class SyncConflict:
    """An article this editor changed while someone else published another change to the
    same lines. The folder has theirs; `mine` is kept here (and in the history) until the
    editor keeps it, takes theirs or merges."""

    path: str  # relative to the articles folder
    base: str | None  # the text both started from (None: neither had the file)
    mine: str | None  # this desk's text (None: deleted here)
    theirs_commit: str  # the remote revision it clashed with
    when: float


class ConflictStore:
    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / CONFLICTS_FOLDER

    def _file(self, path: str) -> Path:
        return self.folder / f"{hashlib.sha1(path.encode('utf-8')).hexdigest()[:16]}.json"

    def keep(self, conflict: SyncConflict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self._file(conflict.path),
                          json.dumps(asdict(conflict), ensure_ascii=False), new_mode=PRIVATE)

    def get(self, path: str) -> SyncConflict | None:
        try:
            return SyncConflict(**json.loads(self._file(path).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def all(self) -> list[SyncConflict]:
        found = []
        for file in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                found.append(SyncConflict(**json.loads(file.read_text(encoding="utf-8"))))
            except (OSError, ValueError, TypeError):
                continue
        return sorted(found, key=lambda c: c.path)

    def discard(self, path: str) -> None:
        self._file(path).unlink(missing_ok=True)


def set_aside(data_dir: Path, stamp: str, rel: str, data: bytes) -> Path:
    """Copy a local file a sync is about to replace; where it went."""
    target = data_dir / SET_ASIDE_FOLDER / stamp / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, data, new_mode=PRIVATE)
    return target


__all__ = ["ROLES", "AgentDesk", "ConflictStore", "SyncConflict", "SyncStatus", "TeamConfig",
           "desk_config", "read_config", "read_status", "set_aside", "when", "write_config",
           "write_status"]
