"""The one walk over an articles folder: the index, `kb check`, the export and moves all
see the same files.

What a walk may reach is decided here. Hidden names (`.git`, editors' temp files) are
skipped. A link to an article is followed only when its target is inside the folder: an
article linked from `/etc` is reported, not read. A linked folder is never entered: one
outside is reported, one inside is read where it really is, so a link back to a parent
(`ln -s . me`) cannot loop or read the same articles twice. A folder that cannot be
read, a name that is not UTF-8 and a non-regular file named `.md` are reported, never
silently dropped. Plain `os.scandir` and string paths: on 10,000 files pathlib's overhead
alone was three times the cost of the stat calls.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kb_app.messages import Message, translate
from kb_app.problems import Problem

ARTICLE_SUFFIX = ".md"
MAX_DEPTH = 40  # folders below the root; deeper is a mistake (or a trap)


@dataclass
class FolderScan:
    """Article files (relative POSIX path -> stat of the file, links followed) and what
    the walk could not read."""

    files: dict[str, os.stat_result] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Each folder entered (relative, "" the root) -> its modification time, read before
    # it was listed (kb_app.folderstamp).
    dirs: dict[str, int] = field(default_factory=dict)


def scan(root: Path) -> FolderScan:
    """Every article file under `root`, in path order."""
    base = os.path.realpath(root)
    result = FolderScan()
    try:
        st = os.stat(base)
    except OSError as exc:
        result.problems.append(Problem.of(".", _folder_unreadable(exc)))
        return result
    visited = {(st.st_dev, st.st_ino)}
    result.dirs[""] = st.st_mtime_ns
    pending = [("", base, 0)]
    while pending:
        prefix, folder, depth = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            result.problems.append(Problem.of(prefix.rstrip("/") or ".",
                                              _folder_unreadable(exc)))
            continue
        for entry in entries:
            _visit(entry, prefix, depth, base, visited, pending, result)
    result.files = dict(sorted(result.files.items()))
    result.problems.sort(key=lambda p: p.path)
    return result


def _visit(entry: os.DirEntry, prefix: str, depth: int, base: str, visited: set,
           pending: list, result: FolderScan) -> None:
    name = entry.name
    if name.startswith("."):
        return
    rel = prefix + name
    if not _is_utf8(name):
        shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        result.problems.append(Problem.of(prefix + shown, translate(
            "Problems", "the file name is not valid UTF-8; rename it to read it")))
        return
    try:
        is_dir = entry.is_dir()
        is_article = not is_dir and name.endswith(ARTICLE_SUFFIX)
        if not (is_dir or is_article):
            return
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if not _inside(target, base):
                result.problems.append(Problem.of(rel, translate(
                    "Problems", "links to {target}, outside the articles folder; not read"
                ).format(target=target)))
                return
            if is_dir:
                return  # its articles are read where they really are, once
        if is_dir:
            _enter(entry, rel, depth, visited, pending, result)
        elif entry.is_file():
            result.files[rel] = entry.stat()
        elif os.path.exists(entry.path):
            result.problems.append(Problem.of(rel, translate(
                "Problems", "is not a regular file; not read")))
        else:  # a link whose target was moved or deleted: said, never dropped in silence
            result.problems.append(Problem.of(rel, translate(
                "Problems", "links to {target}, which does not exist; not read").format(
                    target=os.path.realpath(entry.path))))
    except OSError as exc:
        result.problems.append(Problem.of(rel, translate(
            "Problems", "cannot be read: {reason}").format(reason=_reason(exc))))


def _enter(entry: os.DirEntry, rel: str, depth: int, visited: set, pending: list,
           result: FolderScan) -> None:
    st = entry.stat()
    key = (st.st_dev, st.st_ino)
    if key in visited:
        result.problems.append(Problem.of(rel, translate(
            "Problems", "leads back to a folder already read (a link loop); skipped"),
            severity="warning"))
        return
    if depth + 1 > MAX_DEPTH:
        result.problems.append(Problem.of(rel, translate(
            "Problems", "is more than {n} folders deep; not read").format(n=MAX_DEPTH)))
        return
    visited.add(key)
    result.dirs[rel] = st.st_mtime_ns
    pending.append((rel + "/", entry.path, depth + 1))


def _inside(target: str, base: str) -> bool:
    return target == base or target.startswith(base.rstrip(os.sep) + os.sep)


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _folder_unreadable(exc: OSError) -> Message:
    return translate("Problems", "folder cannot be read: {reason}").format(reason=_reason(exc))


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
