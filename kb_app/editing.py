"""Saving articles without losing a word or reformatting what was not edited.

Front matter is edited line by line: a changed key's lines are replaced, a new key is
appended, everything else (unknown keys, comments, key order, quoting, CRLF line endings)
keeps its bytes. Saving refuses to overwrite a file that changed on disk since it was
opened; the caller shows both versions. Unsaved text is kept in recovery files outside
the articles folder while the user types.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import posixpath
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import yaml

from kb_app import folder
from kb_app.articles import split_front_matter
from kb_app.checks import LINK
from kb_app.fileio import (
    atomic_write_bytes,
    atomic_write_text,
    remove_stale_temp_files,
    write_target,
)
from kb_app.messages import saying, translate
from kb_app.render import article_link_target

_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when it was read: compared again before saving."""

    size: int
    sha1: str

    @classmethod
    def of(cls, data: bytes) -> Fingerprint:
        return cls(len(data), hashlib.sha1(data).hexdigest())


@dataclass
class ArticleSource:
    path: Path
    text: str  # with "\n" line endings
    newline: str  # what the file uses on disk: "\n" or "\r\n"
    fingerprint: Fingerprint | None  # None for a file that does not exist yet
    # A byte-order mark the file starts with (Windows Notepad), set aside while editing
    # and written back: read as text, the front matter's `---` was not the first line,
    # and archiving wrote a second front matter above the real one, now body text.
    bom: bool = False

    @classmethod
    def load(cls, path: Path) -> ArticleSource:
        data = path.read_bytes()
        bom = data.startswith(codecs.BOM_UTF8)
        text = data[len(codecs.BOM_UTF8) if bom else 0:].decode("utf-8")
        newline = "\r\n" if "\r\n" in text else "\n"
        return cls(path, text.replace("\r\n", "\n"), newline, Fingerprint.of(data), bom)

    @classmethod
    def new(cls, path: Path, text: str) -> ArticleSource:
        return cls(path, text, "\n", None)

    def to_bytes(self, text: str | None = None) -> bytes:
        value = self.text if text is None else text
        data = value.replace("\n", self.newline).encode("utf-8")
        return codecs.BOM_UTF8 + data if self.bom else data


class LinkOutsideFolder(PermissionError):
    """The article is a symlink to a file outside the articles folder: saving would write
    a file the knowledge base does not own, so it is refused."""

    def __init__(self, path: Path, target: Path) -> None:
        self.said = translate(
            "Saving", "it is a link to {target}, which is outside the articles folder; edit "
            "that file where it is, or replace the link with a copy of it").format(
                target=str(target))
        super().__init__(errno.EPERM, str(self.said), str(path))


def writable_target(path: Path, root: Path | None = None) -> Path:
    """Where saving `path` writes: itself, or the file a symlink points to, which must be
    inside `root` (the articles folder; without one, the link's own folder)."""
    target = write_target(path)
    if target != path:
        folder = Path(os.path.realpath(root if root is not None else path.parent))
        if not target.is_relative_to(folder):
            raise LinkOutsideFolder(path, target)
    return target


class ConflictError(Exception):
    """The file changed on disk since it was opened; `theirs` is what is there now."""

    def __init__(self, path: Path, theirs: str | None) -> None:
        self.said = translate("Saving", "{path} was changed by someone else since it was "
                              "opened").format(path=str(path))
        super().__init__(str(self.said))
        self.path = path
        self.theirs = theirs


def save(source: ArticleSource, text: str, root: Path) -> ArticleSource:
    """Write `text` atomically unless the file changed since `source` was read.

    The file keeps its mode and owner; a symlinked article stays a link and its target
    is written, if that is inside `root` (the articles folder). Temp files that earlier
    interrupted saves left in the folder are removed."""
    path = source.path
    target = writable_target(path, root)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = source.to_bytes(text)
    with _one_save_at_a_time(target.parent):
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        expected = source.fingerprint
        if (current is None) != (expected is None) or (
                current is not None and Fingerprint.of(current) != expected):
            theirs = current.decode("utf-8", errors="replace").replace("\r\n", "\n") \
                if current is not None else None
            raise ConflictError(path, theirs)
        atomic_write_bytes(target, data)
    remove_stale_temp_files(target.parent)
    return ArticleSource(path, text, source.newline, Fingerprint.of(data), source.bom)


@contextmanager
def _one_save_at_a_time(folder: Path) -> Iterator[None]:
    """The check that a file is as it was read and the rename that replaces it, as one
    step among every process saving into `folder` (a lock on the folder itself, so no
    lock file lands among the articles). Without it two desks' processes saving the same
    file each passed the check, and the second rename dropped the first save's words
    (4 of 80 saves in a race, each reported as saved). Where the system has no flock
    (Windows), saves go on as before."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # and the lock with it


# The one front-matter splitter lives with the reader, so saving and reading agree.
split = split_front_matter


def join(front: list[str] | None, body: str) -> str:
    if front is None:
        return body
    return "\n".join(["---", *front, "---", body])


def _dump(key: str, value: Any) -> list[str]:
    """One line `key: value` in YAML, quoted and escaped whenever plain text would not
    read back as the same value (line breaks, control characters, odd spaces)."""
    if isinstance(value, dt.date):
        return [f"{key}: {value.isoformat()}"]
    style = '"' if isinstance(value, str) and _needs_quotes(value) else None
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True,
                            width=1_000_000, default_style=style)
    dumped = dumped.strip("\n").removesuffix("\n...").strip("\n")
    return [f"{key}: {dumped}"]


def _needs_quotes(text: str) -> bool:
    return text != text.strip() or any(
        unicodedata.category(ch)[0] in "CZ" and ch != " " for ch in text)


def _key_span(front: list[str], key: str) -> tuple[int, int] | None:
    """Lines [start, end) holding `key` and its continuation lines (indented lines, block
    list items, and blank lines inside an indented block)."""
    for start, line in enumerate(front):
        match = _KEY_LINE.match(line)
        if not match or match.group(1) != key:
            continue
        end = start + 1
        while end < len(front):
            line = front[end]
            indented = line[:1] in (" ", "\t") or line.startswith("- ")
            blank_inside = (not line.strip() and end + 1 < len(front)
                            and front[end + 1][:1] in (" ", "\t"))
            if not (indented or blank_inside):
                break
            end += 1
        return start, end
    return None


def set_fields(text: str, changes: dict[str, Any]) -> str:
    """`text` with front matter keys set (None removes a key); nothing else changes."""
    front, body = split(text)
    if front is None:
        front, body = [], text
    for key, value in changes.items():
        span = _key_span(front, key)
        lines = [] if value is None or value == "" or value == [] else _dump(key, value)
        if span is None:
            front.extend(lines)
        else:
            front[span[0]:span[1]] = lines
    if not front:
        return body
    return join(front, body)


def set_body(text: str, body: str) -> str:
    front, _ = split(text)
    return join(front, body)


class RecoveryStore:
    """Unsaved editor text, kept while typing so a crash or a kill loses nothing."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{hashlib.sha1(key.encode()).hexdigest()[:16]}.json"

    def keep(self, key: str, text: str, base: str | None = None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        payload = {"key": key, "text": text, "base": base,
                   "saved": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        # Unsaved text may be internal: readable by its author only.
        atomic_write_text(self._path(key), json.dumps(payload, ensure_ascii=False),
                          new_mode=0o600)

    def discard(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def pending(self) -> list[dict[str, Any]]:
        """Everything not saved when the editor last stopped, newest first."""
        found = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                entry = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError, RecursionError):
                continue
            # Only what `keep` writes: one odd file (a list, a null time) once raised in
            # the sort and hid every other unsaved text.
            if (isinstance(entry, dict) and isinstance(entry.get("key"), str)
                    and isinstance(entry.get("text"), str)
                    and isinstance(entry.get("base"), str | None)
                    and isinstance(entry.get("saved", ""), str)):
                found.append(entry)
        return sorted(found, key=lambda p: p.get("saved", ""), reverse=True)


def relative_href(target: str, from_article: str, href: str = "") -> str:
    """The link from one article to a file, both relative to the articles folder, keeping
    the query and fragment of `href` (the link it replaces, if any)."""
    parts = urlsplit(href)
    relative = posixpath.relpath(target, posixpath.dirname(from_article) or ".")
    relative = relative.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return (relative + (f"?{parts.query}" if parts.query else "")
            + (f"#{parts.fragment}" if parts.fragment else ""))


def relink(text: str, article_path: str, moves: dict[str, str],
           moved_from: str | None = None) -> str:
    """`text` (an article at `article_path`) with the relative links to moved files
    (`moves`: old path -> new path) pointed at their new place. `moved_from` is where this
    article itself used to be: its own links were written from that folder, so each one is
    re-pointed from the new folder. Every other link keeps its exact text."""
    folder_changed = (moved_from is not None
                      and posixpath.dirname(moved_from) != posixpath.dirname(article_path))

    def replace(match: re.Match[str]) -> str:
        href = match.group(1)
        target = article_link_target(href, moved_from or article_path)
        if target is None or href.startswith("#"):
            return match.group(0)
        if target not in moves and not folder_changed:
            return match.group(0)
        new_href = relative_href(moves.get(target, target), article_path, href)
        if new_href == href:
            return match.group(0)
        start, end = match.span(1)
        whole = match.group(0)
        return whole[:start - match.start()] + new_href + whole[end - match.start():]

    return LINK.sub(replace, text)


def move_article(root: Path, old: str, new: str) -> list[str]:
    """Move an article and update every link to it; returns the paths that changed (for
    one history revision, where the move is recorded as a rename)."""
    source, target = root / old, root / new
    if (not new.endswith(".md") or new.startswith("/")
            or article_link_target(new, "") != new):
        raise saying(ValueError, translate(
            "Saving", "{path}: an article path inside the folder, ending in .md").format(
                path=new))
    if target.exists():
        raise saying(FileExistsError, translate("Saving", "{path} already exists").format(
            path=new))
    changed = [old, new]
    moves = {old: new}
    name = posixpath.basename(old)
    # A link to the file names it, as written or percent-encoded: files that do not
    # contain the name cannot link to it, and are not decoded at all.
    names = {name.encode("utf-8"), quote(name).encode("utf-8")}
    updates: list[tuple[Path, bytes, bytes]] = []  # (file, as it is, as it will be)
    for rel in folder.scan(root).files:  # the articles the index and check see
        if rel == old:
            continue
        path = root / rel
        data = path.read_bytes()
        if not any(n in data for n in names):
            continue
        text = data.decode("utf-8", errors="surrogateescape")
        updated = relink(text, rel, moves)
        if updated != text:
            # Checked before anything is written: a refusal leaves the move undone.
            updates.append((writable_target(path, root), data,
                            updated.encode("utf-8", errors="surrogateescape")))
            changed.append(rel)
    moving = source.read_bytes().decode("utf-8", errors="surrogateescape")
    moved = relink(moving, new, moves, moved_from=old).encode("utf-8", errors="surrogateescape")
    target.parent.mkdir(parents=True, exist_ok=True)  # fails (a file by that name) first
    _write_all([(target, None, moved), *updates])
    source.unlink()
    return changed


def _write_all(writes: Sequence[tuple[Path, bytes | None, bytes]]) -> None:
    """Every (file, as it was or None if new, new bytes) written, or none: a write that
    fails (a full disk, a file made read-only meanwhile) puts back those written before
    it, so a move never leaves links pointing at an article that did not move."""
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, before, after in writes:
            atomic_write_bytes(path, after)
            done.append((path, before))
    except OSError:
        for path, before in reversed(done):
            with contextlib.suppress(OSError):
                if before is None:
                    path.unlink()
                else:
                    atomic_write_bytes(path, before)
        raise
