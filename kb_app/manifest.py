"""What an index generation holds, per article file, kept in step with Whoosh's commits.

Every Whoosh commit makes a new TOC (`_MAIN_<n>.toc`, renamed into place: the commit is
that rename). The manifest describing commit n is `manifest-<n>.json`, written *before*
the commit: a process killed anywhere leaves either TOC n-1 beside its manifest n-1 (the
new manifest is simply unused) or TOC n beside manifest n. A reader takes the highest
TOC in the folder and the manifest of that number; there is no moment at which the two
disagree, so a kill can no longer leave documents indexed that the manifest does not
know (they were indexed again on the next sync: every article found twice).

Manifests are read defensively: anything not exactly the expected shape counts as no
manifest, which rebuilds the cache.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb_app.articles import Problem
from kb_app.fileio import atomic_write_text

SCHEMA_VERSION = 10  # 7: a manifest per Whoosh commit; 8: danda splits words; 9: sound keys;
# 10: the words as written (half-typed words), uncompounded segments, postings caches
DAMAGED = "DAMAGED"  # in a generation folder: reading it failed; the next sync rebuilds
_TOC = re.compile(r"^_MAIN_([0-9]+)\.toc$")
_MANIFEST = re.compile(r"^manifest-([0-9]+)\.json$")


@dataclass
class FileState:
    """What the manifest remembers of one file, so unchanged files are never re-read."""

    fingerprint: str
    id: str | None = None  # None: not indexed (an error, or a duplicate id)
    problems: list[Problem] = field(default_factory=list)
    duplicate: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"fp": self.fingerprint, "id": self.id, "dup": self.duplicate,
                "problems": [[p.message, p.line, p.severity] for p in self.problems]}

    @classmethod
    def from_json(cls, path: str, data: Any) -> FileState:
        """Raises ValueError unless `data` has exactly the shape `to_json` writes."""
        if not isinstance(data, dict) or not isinstance(data.get("fp"), str):
            raise ValueError(f"{path}: not a file entry")
        ident, duplicate = data.get("id"), data.get("dup", False)
        if not (ident is None or (isinstance(ident, str) and ident)):
            raise ValueError(f"{path}: bad id")
        if not isinstance(duplicate, bool) or not isinstance(data.get("problems", []), list):
            raise ValueError(f"{path}: bad entry")
        return cls(data["fp"], ident, [_problem(path, p) for p in data.get("problems", [])],
                   duplicate)


def _problem(path: str, item: Any) -> Problem:
    if not (isinstance(item, list) and len(item) == 3):
        raise ValueError(f"{path}: bad problem")
    message, line, severity = item
    if not (isinstance(message, str) and isinstance(severity, str)
            and (line is None or (isinstance(line, int) and not isinstance(line, bool)))):
        raise ValueError(f"{path}: bad problem")
    return Problem(path, message, line, severity)


@dataclass(frozen=True)
class Live:
    """The live generation folder as one listing shows it."""

    gen: Path
    toc: int  # Whoosh's latest commit in it; -1: none
    damaged: bool

    @property
    def manifest_path(self) -> Path:
        return manifest_path(self.gen, self.toc)


def manifest_stamp(path: Path) -> tuple[str, int, int, int, int]:
    """Identifies one manifest file's content (and the schema it was read under); every
    write makes a new file, so the inode changes even within one mtime tick."""
    st = path.stat()
    return str(path), st.st_ino, st.st_mtime_ns, st.st_size, SCHEMA_VERSION


def manifest_path(gen: Path, toc: int) -> Path:
    return gen / f"manifest-{toc}.json"


def live_state(gen: Path) -> Live | None:
    """One directory listing: the latest commit and whether reading it failed before.
    (Cheap: a generation folder holds a few dozen files.)"""
    try:
        names = os.listdir(gen)
    except OSError:
        return None
    tocs = [int(m.group(1)) for m in map(_TOC.match, names) if m]
    return Live(gen, max(tocs, default=-1), DAMAGED in names)


def parse_manifest(data: Any, toc: int, articles: str, any_schema: bool = False
                   ) -> dict[str, FileState] | None:
    """The files of a manifest for commit `toc` of the index of `articles`, or None if it
    is for something else or malformed in any way. `any_schema`: also one written by
    another version (what an outdated generation holds, for readers while it is rebuilt);
    its entries must still have today's shape."""
    if not (isinstance(data, dict)
            and (any_schema or data.get("schema") == SCHEMA_VERSION)
            and data.get("generation") == toc and data.get("articles") == articles
            and isinstance(data.get("files"), dict)):
        return None
    try:
        files = {path: FileState.from_json(path, state)
                 for path, state in data["files"].items()}
    except ValueError:
        return None
    ids = [s.id for s in files.values() if s.id is not None]
    if len(ids) != len(set(ids)):
        return None  # two files indexed under one id: not something we wrote
    return files


def read_manifest(path: Path, toc: int, articles: str, any_schema: bool = False
                  ) -> dict[str, FileState] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # ValueError: not JSON, not UTF-8
        return None
    return parse_manifest(data, toc, articles, any_schema)


def write_manifest(gen: Path, toc: int, articles: str, files: dict[str, FileState]) -> Path:
    data = {"schema": SCHEMA_VERSION, "generation": toc, "articles": articles,
            "files": {p: s.to_json() for p, s in sorted(files.items())}}
    path = manifest_path(gen, toc)
    atomic_write_text(path, json.dumps(data, ensure_ascii=False))
    return path


def forget_manifests(gen: Path, toc: int) -> None:
    """Remove manifests of commits before `toc - 1` and of any after `toc` (a commit that
    failed). The previous one stays: a reader may have listed the folder just before
    commit `toc` and be about to read it."""
    try:
        names = os.listdir(gen)
    except OSError:
        return
    for name in names:
        match = _MANIFEST.match(name)
        if match and not toc - 1 <= int(match.group(1)) <= toc:
            with contextlib.suppress(OSError):
                (gen / name).unlink()


def mark_damaged(gen: Path, reason: str) -> None:
    """Note that reading this generation failed, so that the next sync builds a new one
    (best effort: on a full disk the note itself may not fit; then the next failure
    tries again)."""
    with contextlib.suppress(OSError):
        atomic_write_text(gen / DAMAGED, reason + "\n")
