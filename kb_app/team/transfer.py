"""Fetch and push through dulwich's client (http(s), ssh, file://, git://): no git binary.

A fetch only adds objects and moves the remote-tracking refs (`refs/remotes/origin/*`),
after the pack is stored whole: an interrupted fetch leaves the desk exactly as it was.
A push asks the server to move the branch from the revision this desk last saw to its
own; if the branch moved meanwhile, `Moved` says to fetch and merge again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass
from typing import Any

from dulwich.objects import ObjectID
from dulwich.refs import Ref
from dulwich.repo import Repo

from kb_app.messages import saying, translate
from kb_app.team.remote import Login, PushRefused, explained, open_client

TRACKING = b"refs/remotes/origin/"
HEADS = b"refs/heads/"
SIGNALS = b"refs/heads/gyan-signals"  # the team's signals (kb_app.team.signals_branch)
Progress = Callable[[str, int, int], None]  # stage, done, total
FETCH_ROUNDS = 5  # fetches tried while other desks' pushes move the branches
# What a server says when a branch could not be updated because another push held or
# moved it (git: "failed to lock", "cannot lock ref"; dulwich: "failed to write"; Gitea,
# GitLab: "failed to update ref"), as opposed to a refusal (a hook, a protected branch).
_BUSY = re.compile(r"\block|failed to (?:write|update)|cannot (?:update|write)", re.IGNORECASE)
_STEP = re.compile(rb"([A-Za-z][A-Za-z ]+):\s+\d+% \((\d+)/(\d+)\)")


class Moved(Exception):  # noqa: N818 - a state: fetch again
    """The remote's branch is no longer where this desk saw it."""


@dataclass(frozen=True)
class Fetched:
    heads: dict[bytes, ObjectID]  # the remote's branches
    default: bytes | None  # the branch the remote's HEAD names, if it says


def _progress(report: Progress | None) -> Callable[[bytes], None] | None:
    """dulwich's progress lines ("Receiving objects:  45% (450/1000)") as (stage, done,
    total) calls."""
    if report is None:
        return None

    def parse(message: bytes) -> None:
        for found in _STEP.finditer(message):
            report(found.group(1).decode("ascii", "replace").strip(), int(found.group(2)),
                   int(found.group(3)))
    return parse


def fetch(repo: Repo, url: str, login: Login, timeout: float,
          progress: Progress | None = None) -> Fetched:
    """Every branch of the remote into the repository's objects, then the tracking refs.
    `RemoteError` (kb_app.team.remote) when it cannot be done.

    Over smart HTTP the branches are listed in one request and the objects asked for in
    another; a server (git's, dulwich's) refuses to send a commit that is no longer a
    branch tip ("not our ref"), which is what happens when another desk pushes between
    the two. That fetch is tried again on the branches as they are now, up to
    `FETCH_ROUNDS` times; any other failure is said at once."""
    listed: list[dict[bytes, ObjectID]] = []  # the branches each round was told of

    def wants(refs: Mapping[Ref, ObjectID], depth: int | None = None) -> list[ObjectID]:
        listed.append(_heads(refs))
        return [sha for sha in listed[-1].values() if sha not in repo.object_store]

    for round_ in range(FETCH_ROUNDS):
        client, path = open_client(url, login, timeout)
        listed.clear()
        try:
            result = client.fetch(path, repo, determine_wants=wants,
                                  progress=_progress(progress))
        except Exception as exc:  # noqa: BLE001 - every failure is explained to the user
            if round_ + 1 < FETCH_ROUNDS and listed and _heads_now(client, path) not in (
                    None, listed[-1]):
                continue
            raise explained(exc, url, signed_in=login.secret is not None) from exc
        heads = _heads(result.refs)
        for ref, sha in heads.items():
            repo.refs[Ref(TRACKING + ref[len(HEADS):])] = sha
        default = result.symrefs.get(Ref(b"HEAD"))
        return Fetched(heads, bytes(default) if default else None)
    raise AssertionError("unreachable: the last round returns or raises")


def _heads(refs: Mapping[Ref, ObjectID | None]) -> dict[bytes, ObjectID]:
    return {ref: sha for ref, sha in refs.items() if ref.startswith(HEADS) and sha is not None}


def _heads_now(client: Any, path: str) -> dict[bytes, ObjectID] | None:
    """The remote's branches as they are now (None: they could not be asked, and the
    failure at hand is what is said)."""
    try:
        return _heads(client.get_refs(path.encode("utf-8")).refs)
    except Exception:  # noqa: BLE001
        return None


def push(repo: Repo, url: str, login: Login, timeout: float, branch: bytes,
         new: ObjectID, expected: ObjectID | None) -> None:
    """Move the remote's `branch` from `expected` (None: it has none yet) to `new`.
    `Moved` if it is elsewhere now; `PushRefused` if the server says no; another
    `RemoteError` if it cannot be reached."""
    client, path = open_client(url, login, timeout)
    moved: list[ObjectID | None] = []

    def update_refs(refs: dict[Ref, ObjectID]) -> dict[Ref, ObjectID]:
        current = refs.get(Ref(branch))
        if current != expected:
            moved.append(current)
            return {}
        return {Ref(branch): new}

    def generate(have: Set[ObjectID], want: Set[ObjectID], *, ofs_delta: bool = False,
                 progress: Callable[[bytes], None] | None = None) -> Any:
        return repo.generate_pack_data(set(have), set(want), ofs_delta=ofs_delta)

    try:
        result = client.send_pack(path.encode("utf-8"), update_refs, generate)
    except Exception as exc:  # noqa: BLE001 - every failure is explained to the user
        raise explained(exc, url, pushing=True, signed_in=login.secret is not None) from exc
    if moved:
        raise Moved(branch.decode())
    problem = (result.ref_status or {}).get(branch)
    if problem and (_BUSY.search(str(problem)) or _now_at(client, path, branch) != expected):
        # another desk's push landed first, or is landing: the branch was locked or
        # moved under this one ("failed to lock", "failed to update"): not a refusal
        raise Moved(branch.decode())
    if problem:
        raise saying(PushRefused, translate(
            "Sync", "the remote refused the push of {branch}: {error}. Your revisions stay "
            "on this desk, ready to push").format(branch=branch.decode(), error=str(problem)))
    repo.refs[Ref(TRACKING + branch[len(HEADS):])] = new


def _now_at(client: Any, path: str, branch: bytes) -> ObjectID | None | bool:
    """Where the remote's branch is now (False: could not be asked)."""
    heads = _heads_now(client, path)
    return False if heads is None else heads.get(branch)


def tracking(repo: Repo, branch: bytes) -> ObjectID | None:
    """Where this desk last saw the remote's branch."""
    ref = Ref(TRACKING + branch[len(HEADS):])
    return repo.refs[ref] if ref in repo.refs else None  # noqa: SIM401


def choose_branch(fetched: Fetched, configured: str, local: bytes | None) -> bytes:
    """The branch the desk follows: the one configured, else the remote's default, else
    main or master if there, else the only one, else this desk's own (first publish).
    Never the signals branch."""
    heads = {ref: sha for ref, sha in fetched.heads.items() if ref != SIGNALS}
    for candidate in (configured.encode() if configured else None, fetched.default,
                      b"refs/heads/main", b"refs/heads/master"):
        if candidate and candidate in heads:
            return candidate
    if len(heads) == 1:
        return next(iter(heads))
    if configured:
        return configured.encode()
    return local if local and local.startswith(HEADS) else b"refs/heads/main"


__all__ = ["Fetched", "Moved", "choose_branch", "fetch", "push", "tracking"]
