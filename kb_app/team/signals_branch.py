"""The team's signals on a branch of their own (`gyan-signals`), apart from the articles.

Each desk owns one file on that branch, `<desk>.jsonl` (kb_app.health.signals), and
changes only that file, always on top of the branch as the remote has it: two desks
never touch the same file, so their commits never conflict; when the branch moved
during a push, the desk fetches and puts its file on the new tip. Every desk, agents
included, publishes its signals (flags must reach their owners) and takes in the other
desks' files, which the Health view, `kb report` and the pane's replies read.

Pushes are spaced (`PUSH_EVERY_S`) so that 500 desks syncing every minute do not make
500 commits a minute; a new flag or reply is sent at the next sync. A desk whose push
is refused (an agent without write access) keeps its file and says so: its signals can
still reach staff with `kb report --export`.

What comes from the remote is checked before it touches the disk: only plain files at
the top of the branch, named like a desk's file, under `MAX_FILE_BYTES`, are written,
into the signals folder and nowhere else, and never over this desk's own file.
"""

from __future__ import annotations

import json
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

from dulwich.objects import Blob, Commit, ObjectID, Tree
from dulwich.repo import Repo

from kb_app.fileio import atomic_write_bytes, atomic_write_text
from kb_app.history import new_commit
from kb_app.messages import Message, reason, translate
from kb_app.team import transfer
from kb_app.team.remote import Login, PushRefused, RemoteError

BRANCH = transfer.SIGNALS
PUSH_EVERY_S = 600.0
MAX_FILE_BYTES = 64 * 1024 * 1024
ROUNDS = 8  # pushes tried while other desks' land first, each after a random wait
_FILE_MODE = 0o100644
_TAKEN = ".taken-in.json"  # in the signals folder, hidden from the *.jsonl readers
_NAME = re.compile(rb"[A-Za-z0-9][A-Za-z0-9_-]{0,79}\.jsonl\Z")
Entries = dict[bytes, tuple[int, ObjectID]]  # a tree's files: name -> (mode, blob)
_URGENT = (b'"kind": "flag"', b'"kind": "reply"')


@dataclass(frozen=True)
class SignalsDesk:
    """This desk's side: where the files live, its own file's name, when it last pushed."""

    folder: Path
    own: str  # "<desk>.jsonl"
    last_pushed: float = 0.0  # time.time() of the last push, 0: never
    force: bool = False  # push now, whatever the spacing (kb sync, F6)


@dataclass
class SignalsShared:
    received: list[str]  # other desks' files written into the folder
    pushed: bool = False
    note: Message | None = None  # said to the user when something could not be done


def exchange(repo: Repo, url: str, login: Login, timeout: float, desk: SignalsDesk,
             author: str, now: float | None = None) -> SignalsShared:
    """Take in the other desks' files from the branch as last fetched, then publish this
    desk's file on top of it if it changed and a push is due. Remote problems are the
    result's note, never an exception: signals must not fail an articles sync."""
    now = time.time() if now is None else now
    tip = transfer.tracking(repo, BRANCH)
    entries = _entries(repo, tip)  # the tip's files, read once per tip
    shared = SignalsShared(_take_in(repo, entries, desk))
    own_path = desk.folder / desk.own
    try:
        own = own_path.read_bytes()
    except FileNotFoundError:
        return shared
    except OSError as exc:
        shared.note = translate(
            "Sync", "this desk's signals file could not be read ({path}: {error})").format(
                path=str(own_path), error=str(exc))
        return shared
    for round_ in range(ROUNDS):
        try:
            if round_:  # others pushed first: step aside a random while, longer each time
                time.sleep(random.uniform(0.0, min(2.0, 0.1 * 2 ** round_)))
                tip = transfer.fetch(repo, url, login, timeout).heads.get(BRANCH)
                entries = _entries(repo, tip)
                shared.received += _take_in(repo, entries, desk)
            theirs = _blob(repo, entries, desk.own.encode())
            if theirs == own:
                return shared
            urgent = any(kind in _tail(own, theirs) for kind in _URGENT)
            if not (desk.force or urgent or now - desk.last_pushed >= PUSH_EVERY_S):
                return shared
            commit = _commit_with(repo, tip, entries, desk.own.encode(), own, author)
            transfer.push(repo, url, login, timeout, BRANCH, commit, tip)
            shared.pushed = True
            return shared
        except transfer.Moved:
            continue
        except PushRefused:
            shared.note = translate(
                "Sync", "this desk's signals (searches, flags) stay here: the team's remote "
                "refused them; staff can take them with kb report --export")
            return shared
        except RemoteError as exc:  # the push, or the fetch after another desk's push
            shared.note = translate("Sync", "this desk's signals were not sent: {error}").format(
                error=reason(exc))
            return shared
    shared.note = translate(
        "Sync", "the team's signals branch kept moving; this desk's are sent next time")
    return shared


def _tail(own: bytes, theirs: bytes | None) -> bytes:
    """What this desk added since its last push (all of it if the file was rewritten,
    as when old events are rolled up into weeks)."""
    if theirs is not None and own.startswith(theirs):
        return own[len(theirs):]
    return own


def _entries(repo: Repo, tip: ObjectID | None) -> Entries:
    if tip is None:
        return {}
    commit = repo.object_store[tip]
    if not isinstance(commit, Commit):
        return {}
    tree = repo.object_store[commit.tree]
    if not isinstance(tree, Tree):
        return {}
    return {entry.path: (entry.mode, entry.sha) for entry in tree.iteritems()
            if entry.path is not None and entry.mode is not None and entry.sha is not None}


def _blob(repo: Repo, entries: Entries, name: bytes) -> bytes | None:
    entry = entries.get(name)
    if entry is None:
        return None
    found = repo.object_store[entry[1]]
    return found.as_raw_string() if isinstance(found, Blob) else None


def _take_in(repo: Repo, entries: Entries, desk: SignalsDesk) -> list[str]:
    """Write the other desks' files that changed; returns their names. A file whose
    blob was taken in before, and is still there, is not read again (a team's files are
    hundreds of megabytes, and each sync would read them all)."""
    before = _taken(desk.folder)
    taken = dict(before)
    written: list[str] = []
    for name, (mode, sha) in sorted(entries.items()):
        if mode != _FILE_MODE or not _NAME.match(name) or name == desk.own.encode():
            continue
        target = desk.folder / name.decode("ascii")
        if taken.get(target.name) == sha.decode("ascii") and target.is_file():
            continue
        header = repo.object_store.get_raw(sha)
        if header[0] != Blob.type_num or len(header[1]) > MAX_FILE_BYTES:
            continue
        try:
            same = target.read_bytes() == header[1]
        except OSError:
            same = False
        if not same:
            desk.folder.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(target, header[1])
            written.append(target.name)
        taken[target.name] = sha.decode("ascii")
    if taken != before:
        atomic_write_text(desk.folder / _TAKEN, json.dumps(taken, sort_keys=True))
    return written


def _taken(folder: Path) -> dict[str, str]:
    """File name -> the blob it was last taken in from (a cache: unreadable is empty)."""
    try:
        found = json.loads((folder / _TAKEN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def _commit_with(repo: Repo, tip: ObjectID | None, entries: Entries, name: bytes,
                 data: bytes, author: str) -> ObjectID:
    """A commit on top of `tip` whose tree is tip's (`entries`) with this desk's file
    replaced."""
    store = repo.object_store
    blob = Blob.from_string(data)
    store.add_object(blob)
    tree = Tree()
    for path, (mode, sha) in entries.items():
        tree.add(path, mode, sha)
    tree.add(name, _FILE_MODE, blob.id)
    store.add_object(tree)
    return new_commit(repo, tree.id, [tip] if tip is not None else [], author,
                      f"Signals of {name.decode('ascii')}")


__all__ = ["BRANCH", "SignalsDesk", "SignalsShared", "exchange"]
