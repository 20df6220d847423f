"""What the last full scan of the articles folder saw of its folders, so a new process
(`kb search`) can tell the folder did not change without looking at every file.

A full scan stats every article: 100,000 of them take over half a second in Python, more
than a whole cold search may. But every way articles are added, removed, renamed or
saved by Gyan (temp file and rename), by git (checkout, sync) or by most editors changes
the modification time of the folder that holds them. So the scan keeps each folder's
modification time with the index commit it brought up to date; a new process checks the
folders only (a few hundred stats), and if all are as they were and the scan is recent,
the index is current. An edit written in place into an existing file leaves its folder
alone: a full scan is therefore made anyway when the last is older than FULL_SCAN_S, and
the app and `kb index` always scan in full.

A cache like the rest of the index: kept in the generation folder, ignored when missing,
damaged, for another folder or another commit.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kb_app.fileio import atomic_write_text
from kb_app.problems import Problem

FULL_SCAN_S = 300.0  # in-place edits are seen by a cold search at most this late
STAMP_FILE = "folder-stamp.json"


@dataclass
class FolderStamp:
    toc: int  # the index commit the scan was found to match (or brought it to)
    articles: str  # the articles folder, resolved
    scanned_at: float  # time.time() of the scan
    files: int  # article files found
    dirs: dict[str, int] = field(default_factory=dict)  # relative folder -> mtime_ns
    problems: list[Problem] = field(default_factory=list)  # what the walk could not read


def write_stamp(gen: Path, stamp: FolderStamp) -> None:
    with contextlib.suppress(OSError):  # a cache: the next cold search scans in full
        atomic_write_text(gen / STAMP_FILE, json.dumps(
            {**asdict(stamp), "problems": [p.to_json() for p in stamp.problems]},
            ensure_ascii=False))


def read_stamp(gen: Path) -> FolderStamp | None:
    try:
        data = json.loads((gen / STAMP_FILE).read_text(encoding="utf-8"))
        stamp = FolderStamp(int(data["toc"]), str(data["articles"]), float(data["scanned_at"]),
                            int(data["files"]), {str(k): int(v) for k, v in data["dirs"].items()},
                            [Problem.from_json(p) for p in data["problems"]])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return stamp


def unchanged_since(stamp: FolderStamp, toc: int, articles: Path,
                    now: float | None = None) -> bool:
    """Whether the folder is as the stamp's scan saw it: same commit, a recent scan, and
    every folder's modification time the same."""
    now = time.time() if now is None else now
    base = str(articles)
    if (stamp.toc != toc or stamp.articles != base or not stamp.dirs
            or not 0 <= now - stamp.scanned_at < FULL_SCAN_S):
        return False
    for rel, mtime in stamp.dirs.items():
        try:
            if os.stat(os.path.join(base, rel) if rel else base).st_mtime_ns != mtime:
                return False
        except OSError:
            return False
    return True


__all__ = ["FULL_SCAN_S", "FolderStamp", "read_stamp", "unchanged_since", "write_stamp"]
