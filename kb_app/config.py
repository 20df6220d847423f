"""Where things live: the bundled articles and the per-user index cache.

All paths are decided here, once; everything else receives them as arguments.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

import platformdirs

APP_NAME = "gyan"
CACHE_ENV = "GYAN_CACHE_DIR"  # overrides the cache root (tests, portable installs)


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
