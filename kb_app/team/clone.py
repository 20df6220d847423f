"""A new desk: the team's articles copied from its remote into a new folder.

The copy is made in a hidden folder beside the target and renamed into place only when
it is complete, so an interrupted clone never leaves a folder that looks like a desk;
the next clone starts again from nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from dulwich.index import build_index_from_tree
from dulwich.refs import Ref
from dulwich.repo import Repo

from kb_app.messages import saying, translate
from kb_app.team import transfer
from kb_app.team.credentials import Credentials
from kb_app.team.merging import tree_of
from kb_app.team.remote import TIMEOUT_S, checked_address
from kb_app.team.state import ROLES, TeamConfig, write_config
from kb_app.team.transfer import Progress


def clone(url: str, target: Path, role: str = "agent", credentials: Credentials | None = None,
          progress: Progress | None = None, timeout: float = TIMEOUT_S) -> Path:
    """Copy the team's remote at `url` into `target` (new or empty) as a desk in `role`.
    `RejectedAddress`, `FileExistsError`, or a `RemoteError` saying why not."""
    if role not in ROLES:
        raise ValueError(f"{role!r}: a desk is an agent or an editor")
    url = checked_address(url)
    target = Path(target).expanduser().resolve()
    if target.exists() and not target.is_dir():
        raise saying(FileExistsError, translate(
            "Sync", "{folder} is a file; give a new or empty folder").format(
                folder=str(target)))
    if target.exists() and any(target.iterdir()):
        raise saying(FileExistsError, translate(
            "Sync", "{folder} already exists and is not empty").format(folder=str(target)))
    work = target.with_name(f".{target.name}.cloning")
    shutil.rmtree(work, ignore_errors=True)  # an earlier clone that was interrupted
    work.mkdir(parents=True)
    try:
        _fill(work, url, role, credentials or Credentials(), progress, timeout)
        if target.exists():
            target.rmdir()
        os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return target


def _fill(work: Path, url: str, role: str, credentials: Credentials,
          progress: Progress | None, timeout: float) -> None:
    with Repo.init(str(work)) as repo:
        write_config(repo, TeamConfig(url, role))
        fetched = transfer.fetch(repo, url, credentials.login(url), timeout, progress)
        branch = transfer.choose_branch(fetched, "", None)
        write_config(repo, TeamConfig(url, role, branch.decode()))
        repo.refs.set_symbolic_ref(Ref(b"HEAD"), Ref(branch))
        commit = fetched.heads.get(branch)
        if commit is None:
            return  # an empty remote: the desk starts empty, its first sync fills it
        repo.refs[Ref(branch)] = commit
        if progress is not None:
            progress("Writing articles", 0, 1)
        build_index_from_tree(str(work), repo.index_path(), repo.object_store,
                              tree_of(repo.object_store, commit))
        if progress is not None:
            progress("Writing articles", 1, 1)


__all__ = ["clone"]
