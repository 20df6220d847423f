"""The generations of an index folder: which one is live, whether it can be read, and
whether it is exactly what this version would have written.

A generation is a folder `gen-<n>` of Whoosh files; `CURRENT` names the live one and is
replaced atomically. Readers take the live one as it is (`open_readable`): an outdated
generation -- built by another version, or out of step with its manifest -- still
answers, flagged so, until the index owner has built its successor and switched
`CURRENT` (`switch_to`). Only the owner decides that a generation is no longer good
enough (`open_current`).
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from kb_app.fields import field_names
from kb_app.fileio import atomic_write_text
from kb_app.manifest import Live

CURRENT = "CURRENT"


class IndexUnavailable(Exception):
    """The index could not be opened, built or updated (the folder is not writable, the
    disk is full); the message says what to do."""


class IndexNotReady(IndexUnavailable):
    """No generation can be read yet: the first build has not committed anything, or what
    is live cannot be opened. Reading never builds: searches answer nothing ("still
    indexing") until the index owner (`kb index`, the window's index worker) has built
    one."""


@dataclass(frozen=True)
class Reading:
    """The live generation as a reader opened it."""

    ix: whoosh_index.Index
    gen: Path
    # Built by another version (or out of step with its manifest): it answers until the
    # owner's rebuild replaces it.
    outdated: bool


def live_generation(index_dir: Path) -> Path | None:
    """The folder `CURRENT` names, if it is a generation that exists."""
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, ValueError):
        return None
    path = index_dir / name
    return path if name.startswith("gen-") and path.is_dir() else None


def switch_to(index_dir: Path, gen: Path) -> None:
    """Make `gen` the live generation (atomically: readers see the old or the new)."""
    atomic_write_text(index_dir / CURRENT, gen.name + "\n")


def new_generation(index_dir: Path) -> Path:
    return index_dir / f"gen-{time.time_ns()}"


def remove_old_generations(index_dir: Path, keep: str) -> None:
    for path in index_dir.glob("gen-*"):
        if path.name != keep:
            shutil.rmtree(path, ignore_errors=True)


def _toc(live: Live) -> tuple[FileStorage, Any]:
    """The storage and table of contents of the generation's latest commit (raises if it
    cannot be read)."""
    storage = FileStorage(str(live.gen))
    return storage, whoosh_index.TOC.read(storage, "MAIN", gen=live.toc)


def _describes(toc: Any, indexed: int | None) -> bool:
    """Whether the commit is the one its manifest (saying `indexed` articles; None: there
    is none under today's schema) describes: the same fields and as many documents (read
    from the table of contents, without opening a segment)."""
    return (indexed is not None and set(toc.schema.names()) == field_names()
            and sum(seg.doc_count() for seg in toc.segments) == indexed)


def open_current(live: Live, indexed: int | None) -> whoosh_index.Index | None:
    """The generation's index if it is exactly what this version writes and its manifest
    (saying `indexed` articles) describes; None means "rebuild the cache"."""
    try:
        storage, toc = _toc(live)
        return whoosh_index.FileIndex(storage, indexname="MAIN") if _describes(
            toc, indexed) else None
    except Exception:  # noqa: BLE001 - any failure means "rebuild the cache"
        return None


def open_readable(live: Live, indexed: int | None) -> Reading | None:
    """The generation's latest commit if it can be read at all, flagged outdated unless
    `open_current` would take it (`indexed`: what its manifest under today's schema says
    it holds, None if it has none); None if there is nothing to read."""
    if live.toc < 0:
        return None
    try:
        storage, toc = _toc(live)
        ix = whoosh_index.FileIndex(storage, indexname="MAIN")
    except Exception:  # noqa: BLE001 - unreadable: nothing to answer from
        return None
    return Reading(ix, live.gen, outdated=not _describes(toc, indexed))
