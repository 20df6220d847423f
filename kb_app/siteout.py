"""The output folder of `kb export site`: the export writes, replaces and deletes only files
it can prove it wrote.

A site folder is the export's own only when it is new, empty, or holds a manifest
(`.gyan-export.json`) of the expected shape that lists each file the last export wrote,
as a safe relative path, with the SHA-256 of the bytes written. Then:

- a file that exists but is not in the manifest is never overwritten: the export is
  refused before anything is written (`ExportRefused`), naming the folder and the file;
- a listed file whose bytes changed since (the user edited it) is not overwritten either,
  and when the export no longer needs it, it is kept, reported and forgotten, never deleted;
- a stale file is deleted only if its bytes still hash to what the export wrote;
- folders that must never be a site are refused outright: `/`, a home folder, any folder
  holding the articles or a home folder, and the articles folder or anything inside it.

Every write goes through `SiteFolder.write`, which proves the destination, with symlinks
resolved, is the path inside the site folder it names. Before writing, the manifest is
rewritten with the new files as `pending`, so an interrupted export leaves a folder the
next export still recognises as its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kb_app.articles import Problem
from kb_app.fileio import atomic_write_bytes
from kb_app.messages import Message, joined, reason, saying, translate
from kb_app.sitepaths import is_safe_relpath, is_site_file, read_regular

MANIFEST = ".gyan-export.json"
FORMAT, VERSION = "gyan-export", 2
MAX_SITE_FILE = 1 << 30  # a file in the site folder is hashed, never read past this
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

Progress = Callable[[int, int], None]


class ExportRefused(Exception):
    """The export will not write into this folder; the message names it and says why."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Manifest:
    files: dict[str, str] = field(default_factory=dict)  # path in the site -> sha256
    pending: dict[str, str] = field(default_factory=dict)  # being written by an export

    def hashes(self, rel: str) -> set[str]:
        return {h for h in (self.files.get(rel), self.pending.get(rel)) if h}

    def to_bytes(self) -> bytes:
        data = {"format": FORMAT, "version": VERSION, "files": self.files}
        if self.pending:
            data["pending"] = self.pending
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


def parse_manifest(data: bytes) -> Manifest:
    """The manifest in `data`; ValueError says what is wrong with it."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"not valid JSON: {exc}") from exc
    if isinstance(value, list):
        raise ValueError("written by an older Gyan that recorded no checksums")
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} manifest")
    if value.get("version") != VERSION:
        raise ValueError(f"version {value.get('version')!r} is not {VERSION}")
    return Manifest(_entries(value.get("files")), _entries(value.get("pending", {})))


def _entries(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError("its file list is not a mapping of paths to checksums")
    for rel, digest in value.items():
        if not is_site_file(rel):
            raise ValueError(f"it lists {rel!r}, which is not a file an export writes")
        if not isinstance(digest, str) or not _SHA256.match(digest):
            raise ValueError(f"its checksum for {rel!r} is not a SHA-256")
    return dict(value)


def refuse_unsafe_out(out: Path, articles: Path) -> Path:
    """The resolved output folder, or ExportRefused if it is one the export must not use."""
    target = Path(out).expanduser().resolve()
    source = Path(articles).resolve()
    homes = {Path("/root")}
    with contextlib.suppress(RuntimeError):  # no HOME, no passwd entry: /root, /home/*
        homes |= {Path.home(), Path.home().resolve()}
    why: Message | None = None
    if target == Path(target.anchor):
        why = translate("Export", "it is the root of the file system")
    elif target == source or source in target.parents:
        why = translate("Export", "it is the articles folder or inside it")
    elif target in source.parents:
        why = translate("Export", "it contains the articles folder")
    elif target in homes or target.parent == Path("/home"):
        why = translate("Export", "it is a home folder")
    elif target == Path("/home") or any(target in home.parents for home in homes):
        why = translate("Export", "it contains a home folder")
    elif target.exists() and not target.is_dir():
        why = translate("Export", "it is a file, not a folder")
    if why is not None:
        raise saying(ExportRefused, translate(
            "Export", "will not export into {folder}: {reason}; choose a new or empty folder "
            "for the website").format(folder=str(target), reason=why))
    return target


def refuse_unsafe_file(out: Path, articles: Path) -> Path:
    """An output file's path (a JSON export, a health report, a desk's signals) as given,
    or ExportRefused if writing it would replace what it must not: a file inside the
    articles folder (an article, by a slip of the path, even through a symlink), or a
    folder."""
    target = Path(out).expanduser()
    resolved = target.resolve()  # a symlink: the file a write replaces
    source = Path(articles).resolve()
    why: Message | None = None
    if resolved == source or source in resolved.parents:
        why = translate("Export", "it is inside the articles folder")
    elif resolved.is_dir():
        why = translate("Export", "it is a folder")
    if why is not None:
        raise saying(ExportRefused, translate("Export", "will not write {path}: {reason}")
                     .format(path=str(target), reason=why))
    return target


@dataclass
class Published:
    written: list[str]
    removed: list[str]
    problems: list[Problem]


class SiteFolder:
    """An output folder the export has checked it may write into (see the module doc)."""

    def __init__(self, root: Path, manifest: Manifest) -> None:
        self.root = root
        self.manifest = manifest

    @classmethod
    def open(cls, out: Path, articles: Path) -> SiteFolder:
        root = refuse_unsafe_out(out, articles)
        if not root.exists():
            return cls(root, Manifest())
        path = root / MANIFEST
        if not (path.exists() or path.is_symlink()):
            if any(root.iterdir()):
                raise saying(ExportRefused, translate(
                    "Export", "will not export into {folder}: it is not empty and no Gyan "
                    "export made it (no {manifest}); choose a new or empty folder so none of "
                    "your files is replaced").format(folder=str(root), manifest=MANIFEST))
            return cls(root, Manifest())
        try:
            manifest = parse_manifest(read_regular(path, MAX_SITE_FILE))
        except ValueError as exc:
            raise saying(ExportRefused, translate(
                "Export", "will not export into {folder}: {reason}; choose a new or empty "
                "folder for the website").format(folder=str(root), reason=Message(
                    "", "{name} {problem}").format(name=path.name, problem=reason(exc)))) from exc
        return cls(root, manifest)

    def inside(self, rel: str) -> Path | None:
        """`root/rel` if `rel` is a safe name and that path, symlinks resolved, is itself:
        the proof that reading, writing or deleting it stays inside the site folder."""
        if rel != MANIFEST and not is_safe_relpath(rel):
            return None
        path = self.root / rel
        return path if path.resolve() == path else None

    def current_hash(self, rel: str) -> str | None:
        """The SHA-256 of the file at `rel` now, or None if it is not a readable file."""
        path = self.inside(rel)
        try:
            return sha256(read_regular(path, MAX_SITE_FILE)) if path else None
        except ValueError:
            return None

    def publish(self, files: dict[str, bytes], progress: Progress | None = None) -> Published:
        """Write `files` (site path -> bytes), delete stale files the last export wrote,
        record the manifest. Raises ExportRefused, before writing anything, if a file is in
        the way that the export cannot prove it wrote."""
        foreign = sorted(rel for rel in files if not is_site_file(rel))
        if foreign:
            raise saying(ExportRefused, translate(
                "Export", "will not write {path}: not a name of the site's layout").format(
                    path=repr(foreign[0])))
        ours, changed = self._verify_previous()
        self._refuse_blocked(sorted(files), ours, changed)
        new = {rel: sha256(data) for rel, data in files.items()}
        self.root.mkdir(parents=True, exist_ok=True)
        self.write(MANIFEST, Manifest(ours, new).to_bytes())
        for n, rel in enumerate(sorted(files), start=1):
            if ours.get(rel) != new[rel]:  # same bytes already there: keep the file's time
                self.write(rel, files[rel])
            if progress and n % 50 == 0:
                progress(n, len(files))
        removed, problems = self._remove_stale(set(ours) - set(new), ours)
        problems[:0] = [self._kept(rel) for rel in sorted(changed) if rel not in new]
        self.write(MANIFEST, Manifest(new).to_bytes())
        if progress:
            progress(len(files), len(files))
        return Published(sorted(files), removed, problems)

    def _verify_previous(self) -> tuple[dict[str, str], set[str]]:
        """(files the manifest lists whose bytes are still as written -> their hash,
        listed files that exist with other bytes: changed by someone since)."""
        ours: dict[str, str] = {}
        changed: set[str] = set()
        for rel in sorted(set(self.manifest.files) | set(self.manifest.pending)):
            digest = self.current_hash(rel)
            if digest is not None and digest in self.manifest.hashes(rel):
                ours[rel] = digest
            elif os.path.lexists(self.root / rel):
                changed.add(rel)
        return ours, changed

    def _refuse_blocked(self, names: Iterable[str], ours: dict[str, str],
                        changed: set[str]) -> None:
        blocked: list[Message] = []
        for rel in names:
            path = self.inside(rel)
            if path is None:
                blocked.append(translate(
                    "Export", "{path} (a link or a path leading out of the folder)").format(
                        path=rel))
            elif rel in changed:
                blocked.append(translate("Export", "{path} (changed since the last export)"
                                         ).format(path=rel))
            elif rel not in ours and os.path.lexists(path):
                blocked.append(translate("Export", "{path} (not written by a Gyan export)"
                                         ).format(path=rel))
        if blocked:
            shown = joined(blocked[:5], ", ")
            if len(blocked) > 5:
                shown = translate("Export", "{files} and {n} more").format(
                    files=shown, n=len(blocked) - 5)
            raise saying(ExportRefused, translate(
                "Export", "will not export into {folder}: it would replace {files}; move "
                "those files away or choose a new or empty folder").format(
                    folder=str(self.root), files=shown))

    def write(self, rel: str, data: bytes) -> None:
        """The one way a file gets into the site: atomically, only at a path proven to be
        inside the folder, never through a symlink."""
        path = self.inside(rel)
        if path is None:
            raise saying(ExportRefused, translate(
                "Export", "will not write {path}: it is not a plain path inside {folder}"
            ).format(path=repr(rel), folder=str(self.root)))
        self._make_folders(path.parent)
        if self.inside(rel) is None:
            raise saying(ExportRefused, translate(
                "Export", "will not write {path}: {folder} is a link").format(
                    path=repr(rel), folder=str(path.parent)))
        atomic_write_bytes(path, data)

    def _make_folders(self, folder: Path) -> None:
        for part in [*reversed(folder.relative_to(self.root).parents), folder.relative_to(
                self.root)]:
            path = self.root / part
            if path.is_symlink() or (path.exists() and not path.is_dir()):
                raise saying(ExportRefused, translate(
                    "Export", "will not write into {path}: it is a link or a file").format(
                        path=str(path)))
            path.mkdir(exist_ok=True)

    def _remove_stale(self, stale: set[str], ours: dict[str, str]) -> tuple[list[str],
                                                                              list[Problem]]:
        """Delete files the last export wrote and this one did not, if still unchanged."""
        removed, problems = [], []
        for rel in sorted(stale):
            if self.current_hash(rel) != ours[rel]:
                problems.append(self._kept(rel))
                continue
            path = self.root / rel
            try:
                path.unlink()
            except OSError as exc:
                problems.append(Problem.of(str(path), translate(
                    "Export", "could not be deleted: {reason}").format(
                        reason=str(exc.strerror or exc)), severity="warning"))
                continue
            removed.append(rel)
            for folder in path.parents:
                if folder == self.root or not _remove_empty(folder):
                    break
        return removed, problems

    def _kept(self, rel: str) -> Problem:
        return Problem.of(str(self.root / rel), translate(
            "Export", "was changed after the last export, so the export keeps it and no "
            "longer manages it"), severity="warning")


def _remove_empty(folder: Path) -> bool:
    try:
        folder.rmdir()
    except OSError:
        return False
    return True

