"""Where things live: the bundled articles, the per-user index cache and the per-user data.

All paths are decided here, once; everything else receives them as arguments. The index
is a cache (rebuildable: the system may purge it); what only this desk knows -- flags,
pins, recents, seen versions, unsaved text -- is data, kept where the system keeps it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from kb_app.messages import Message, translate

if TYPE_CHECKING:
    from kb_app.relocate import Moved


APP_NAME = "gyan"
CACHE_ENV = "GYAN_CACHE_DIR"  # overrides the cache root (tests, portable installs)
DATA_ENV = "GYAN_DATA_DIR"  # overrides the per-user data root (tests, portable installs)
MODEL_CACHE_ENV = "GYAN_MODEL_CACHE_DIR"  # overrides where the model's widened copy goes
ARTICLES_SETTING = "articles_folder"  # the folder a plain start opens (the editable copy)
SAMPLE_PACKAGE_DIR = "sample_articles"  # where a wheel or a frozen build carries the sample


def bundled_articles_dir() -> Path:
    """The sample knowledge base: in a source checkout the top-level `articles/`, its only
    copy in the repository; in a wheel or the frozen build, the package data the build
    copies it to (`kb_app/sample_articles`, setup.py and packaging/gyan.spec)."""
    here = Path(__file__).resolve().parent
    candidates = [here / SAMPLE_PACKAGE_DIR, here.parent / "articles"]
    for path in candidates:
        if path.is_dir():
            return path
    return candidates[0]


def cache_root() -> Path:
    """Where rebuildable things go (the index): the system may purge it."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


def model_cache_dir() -> Path:
    """Where the meaning model's weights are kept widened for the next process to map
    (kb_app.meaning.encoder): rebuildable, one per desk, not one per knowledge base."""
    override = os.environ.get(MODEL_CACHE_ENV)
    return Path(override) if override else cache_root() / "model"


def data_root() -> Path:
    """Where this user's own records go: kept by the system like documents."""
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def folder_key(articles_dir: Path) -> str:
    """A name for one articles folder, from its absolute path: readable and unique."""
    resolved = Path(articles_dir).resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:12]
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", resolved.name)[:40] or "articles"
    return f"{slug}-{digest}"


def default_index_dir(articles_dir: Path) -> Path:
    """One index per articles folder, keyed by its absolute path, never inside it."""
    return cache_root() / "index" / folder_key(articles_dir)


def data_dir(articles_dir: Path) -> Path:
    """Per-user data for one knowledge base (flags, pins, recents, seen versions in
    `local.sqlite3`; unsaved text in `recovery/`), keyed like its index.

    What an older version kept beside the index is moved here first (`move_old_data`);
    if that cannot be done now, it stays where it was, whole, and is moved on a later
    start (nothing reads it there meanwhile, nothing is lost)."""
    folder = data_root() / "knowledge-bases" / folder_key(articles_dir)
    with contextlib.suppress(OSError, sqlite3.Error):
        move_old_data(articles_dir, folder)
    return folder


def old_data_dir(articles_dir: Path) -> Path:
    """Where earlier versions kept the per-user data: beside the index, in the cache."""
    index = default_index_dir(articles_dir)
    return index.with_name(f"{index.name}-data")


def move_old_data(articles_dir: Path, target: Path) -> Moved:
    """Move the data an older version left in the cache to `target` (once: afterwards
    there is nothing left to move). Raises OSError or sqlite3.Error if it cannot be done
    now; whatever was not moved is still at the old place, whole."""
    from kb_app.relocate import move_data  # once, at a knowledge base's first start

    return move_data(old_data_dir(articles_dir), target)


def editable_copy_dir() -> Path:
    """Where the bundled sample is copied when someone wants to edit it (never in place)."""
    base = Path(platformdirs.user_documents_dir()) / "Gyan articles"
    candidate, n = base, 2
    while candidate.exists():
        candidate, n = base.with_name(f"Gyan articles {n}"), n + 1
    return candidate


def copy_sample(source: Path, target: Path) -> None:
    """Copy the sample knowledge base to `target` to edit it. Hidden files and folders
    (.git, editor droppings) stay behind, and so does every symbolic link to a folder or to
    anything outside the sample: the copy holds the sample's own files, nothing else."""
    root = source.resolve()

    def leave_out(folder: str, names: list[str]) -> set[str]:
        skipped = set()
        for name in names:
            path = Path(folder) / name
            if name.startswith(".") or (path.is_symlink() and (
                    path.is_dir() or not path.resolve().is_relative_to(root))):
                skipped.add(name)
        return skipped

    shutil.copytree(root, target, ignore=leave_out, dirs_exist_ok=False)


def articles_to_open(given: Path | None, remembered: str | None
                     ) -> tuple[Path, Message | None]:
    """The folder a start opens, and a note to show when it is not the expected one.

    A folder named on the command line wins for that run (and is not remembered: a one-off
    `--articles` must not change what tomorrow's plain start opens). Otherwise the folder
    chosen in the app (the editable copy of the sample) if it still exists, else the
    bundled sample."""
    if given is not None:
        return Path(given).expanduser().resolve(), None
    if remembered:
        folder = Path(remembered).expanduser()
        if folder.is_dir():
            return folder.resolve(), None
        return (bundled_articles_dir().resolve(), translate(
            "Index", "{folder} is not there any more: showing the bundled sample").format(
                folder=str(folder)))
    return bundled_articles_dir().resolve(), None
