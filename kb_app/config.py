"""Where things live: the bundled articles and the per-user index cache.

All paths are decided here, once; everything else receives them as arguments.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
from pathlib import Path

import platformdirs

APP_NAME = "gyan"
CACHE_ENV = "GYAN_CACHE_DIR"  # overrides the cache root (tests, portable installs)
ARTICLES_SETTING = "articles_folder"  # the folder a plain start opens (the editable copy)


def bundled_articles_dir() -> Path:
    """The sample knowledge base: `articles/` beside the package, or installed data."""
    candidates = [
        Path(__file__).resolve().parent.parent / "articles",
        Path(sys.prefix) / "share" / APP_NAME / "articles",
    ]
    for path in candidates:
        if path.is_dir():
            return path
    return candidates[0]


def cache_root() -> Path:
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


def default_index_dir(articles_dir: Path) -> Path:
    """One index per articles folder, keyed by its absolute path, never inside it."""
    resolved = Path(articles_dir).resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:12]
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", resolved.name)[:40] or "articles"
    return cache_root() / "index" / f"{slug}-{digest}"


def data_dir(articles_dir: Path) -> Path:
    """Per-user local data for one knowledge base (flags, recents), beside its index."""
    index = default_index_dir(articles_dir)
    return index.with_name(f"{index.name}-data")


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


def articles_to_open(given: Path | None, remembered: str | None) -> tuple[Path, str]:
    """The folder a start opens, and a note to show when it is not the expected one.

    A folder named on the command line wins for that run (and is not remembered: a one-off
    `--articles` must not change what tomorrow's plain start opens). Otherwise the folder
    chosen in the app (the editable copy of the sample) if it still exists, else the
    bundled sample."""
    if given is not None:
        return Path(given).expanduser().resolve(), ""
    if remembered:
        folder = Path(remembered).expanduser()
        if folder.is_dir():
            return folder.resolve(), ""
        return (bundled_articles_dir().resolve(),
                f"{folder} is not there any more: showing the bundled sample")
    return bundled_articles_dir().resolve(), ""
