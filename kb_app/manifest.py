"""What an index generation holds, per article file, kept in step with Whoosh's commits.

Every Whoosh commit makes a new TOC (`_MAIN_<n>.toc`, renamed into place: the commit is
that rename). The manifest of a generation is one SQLite database, `manifest.sqlite3`,
that describes each commit n by the rows written for it *before* the commit: a file's
state at commit n is its row with the highest commit number up to n (a row without a
fingerprint says the file is gone). A process killed anywhere leaves either TOC n-1 (the
rows for n are unused, and removed by the next writer) or TOC n, each described; a
reader takes the highest TOC in the folder and reads the state at that number, so there
is no moment at which the two disagree. A save writes the rows of the files it changed
(milliseconds), where a whole JSON manifest was rewritten (a second at 100,000 articles),
and a reader that only checks the generation reads one row (`indexed_count`).

Manifests are read defensively: anything not exactly the expected shape, or a database
that cannot be read, counts as no manifest, which rebuilds the cache. A generation built
before the database (`manifest-<n>.json`) is still read, for readers, while it is rebuilt.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb_app.fileio import atomic_write_text
from kb_app.problems import Problem

SCHEMA_VERSION = 14  # 7: a manifest per Whoosh commit; 8: danda splits words; 9: sound keys;
# 10: the words as written (half-typed words), uncompounded segments, postings caches,
# the manifest in SQLite; 11: compounds also as one word (Wi-Fi -> wifi, Next.js -> nextjs);
# 12: the words as written and the sound keys out of Whoosh (kb_app.wordlists);
# 13: Bengali verbs stemmed in more forms (বদলাব, বদলানো, বদলাচ্ছে -> বদলা); 14: the id
# as a column (kb_app.meaning re-ranks by it)
DAMAGED = "DAMAGED"  # in a generation folder: reading it failed; the next sync rebuilds
MANIFEST = "manifest.sqlite3"
_TOC = re.compile(r"^_MAIN_([0-9]+)\.toc$")
_LEGACY = "manifest-{toc}.json"  # before schema 10: one JSON file per commit
Files = dict[str, "FileState"]
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (schema INTEGER NOT NULL, articles TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS commits (toc INTEGER PRIMARY KEY, indexed INTEGER NOT NULL,
                                    revision INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS files (path TEXT NOT NULL, toc INTEGER NOT NULL, fp TEXT,
                                  id TEXT, dup INTEGER NOT NULL DEFAULT 0, problems TEXT,
                                  PRIMARY KEY (path, toc)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS files_by_toc ON files (toc);
CREATE INDEX IF NOT EXISTS files_with_problems ON files (path) WHERE problems IS NOT NULL;
"""


@dataclass
class FileState:
    """What the manifest remembers of one file, so unchanged files are never re-read."""

    fingerprint: str
    id: str | None = None  # None: not indexed (an error, or a duplicate id)
    problems: list[Problem] = field(default_factory=list)
    duplicate: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"fp": self.fingerprint, "id": self.id, "dup": self.duplicate,
                "problems": [_stored(p) for p in self.problems]}

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


def _stored(problem: Problem) -> list[Any]:
    """A problem as a row keeps it: [message, line, severity], and the message's record
    when it has one (a fourth item, which rows written before records lack)."""
    row: list[Any] = [problem.message, problem.line, problem.severity]
    return row + [problem.said.to_json()] if problem.said is not None else row


def _problem(path: str, item: Any) -> Problem:
    if not (isinstance(item, list) and len(item) in (3, 4)):
        raise ValueError(f"{path}: bad problem")
    message, line, severity = item[:3]
    if not (isinstance(message, str) and isinstance(severity, str)
            and (line is None or (isinstance(line, int) and not isinstance(line, bool)))):
        raise ValueError(f"{path}: bad problem")
    return Problem.stored(path, message, line, severity, item[3] if len(item) == 4 else None)


@dataclass(frozen=True)
class Live:
    """The live generation folder as one listing shows it."""

    gen: Path
    toc: int  # Whoosh's latest commit in it; -1: none
    damaged: bool

    @property
    def manifest_path(self) -> Path:
        return manifest_path(self.gen)


def manifest_path(gen: Path) -> Path:
    return gen / MANIFEST


def live_state(gen: Path) -> Live | None:
    """One directory listing: the latest commit and whether reading it failed before.
    (Cheap: a generation folder holds a few dozen files.)"""
    try:
        names = os.listdir(gen)
    except OSError:
        return None
    tocs = [int(m.group(1)) for m in map(_TOC.match, names) if m]
    return Live(gen, max(tocs, default=-1), DAMAGED in names)


# -- reading ------------------------------------------------------------------------------

@contextlib.contextmanager
def _reading(gen: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection in one transaction (one consistent state); raises
    sqlite3.Error or OSError when there is no database to read."""
    path = manifest_path(gen)
    if not path.is_file():
        raise FileNotFoundError(path)
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10,
                         isolation_level=None)
    try:
        db.execute("BEGIN")
        yield db
    finally:
        db.close()


def _described(db: sqlite3.Connection, toc: int, articles: str, any_schema: bool
               ) -> tuple[int, int] | None:
    """(indexed, revision) of commit `toc` if this database describes it, for `articles`
    under today's schema (or `any_schema`)."""
    meta = db.execute("SELECT schema, articles FROM meta").fetchall()
    if len(meta) != 1 or meta[0][1] != articles or not (any_schema
                                                        or meta[0][0] == SCHEMA_VERSION):
        return None
    row = db.execute("SELECT indexed, revision FROM commits WHERE toc = ?", (toc,)).fetchone()
    return (int(row[0]), int(row[1])) if row is not None else None


def manifest_stamp(gen: Path, toc: int, articles: str) -> tuple[Any, ...]:
    """Identifies what the manifest says of commit `toc` (every write advances the
    commit's revision); raises OSError if there is nothing to read."""
    try:
        with _reading(gen) as db:
            described = _described(db, toc, articles, any_schema=False)
    except sqlite3.Error as exc:
        raise OSError(errno.EIO, f"manifest unreadable: {exc}") from exc
    if described is None:
        raise FileNotFoundError(f"no manifest of commit {toc} in {gen}")
    return str(gen), toc, described[1], SCHEMA_VERSION


def indexed_count(gen: Path, toc: int, articles: str) -> int | None:
    """How many articles commit `toc` holds, by its manifest under today's schema
    (None: no such manifest). One row: readers check a generation without loading it."""
    try:
        with _reading(gen) as db:
            described = _described(db, toc, articles, any_schema=False)
    except (OSError, sqlite3.Error):
        return None
    return described[0] if described is not None else None


def read_manifest(gen: Path, toc: int, articles: str, any_schema: bool = False
                  ) -> Files | None:
    """The files of commit `toc` of the index of `articles`, or None if the manifest is
    for something else, malformed in any way or unreadable. `any_schema`: also one
    written by another version (what an outdated generation holds, for readers while it
    is rebuilt), a JSON one before schema 10 included; its entries must have today's
    shape."""
    try:
        with _reading(gen) as db:
            if _described(db, toc, articles, any_schema) is None:
                return None
            rows = db.execute("SELECT path, fp, id, dup, problems FROM files WHERE toc <= ? "
                              "ORDER BY path, toc", (toc,)).fetchall()
    except FileNotFoundError:
        return _read_legacy(gen, toc, articles) if any_schema else None
    except (OSError, sqlite3.Error):
        return None
    return _from_rows(rows)


# A row of the wrong shape, found by SQLite in one pass (two files with one id are found
# when the whole manifest is read, at the next change).
_MALFORMED = """SELECT 1 FROM files WHERE toc <= ? AND (
    (fp IS NOT NULL AND typeof(fp) != 'text') OR dup NOT IN (0, 1)
    OR (id IS NOT NULL AND (typeof(id) != 'text' OR id = ''))
    OR (problems IS NOT NULL AND (json_valid(problems) = 0
                                  OR json_type(problems) != 'array'))) LIMIT 1"""


def fingerprints(gen: Path, toc: int, articles: str) -> dict[str, str] | None:
    """Path -> fingerprint at commit `toc` (None: no such manifest, or a row of the wrong
    shape): all a sync needs to learn that nothing changed, read in C (every file's entry
    as a `FileState` took half a second at 100,000 articles)."""
    try:
        with _reading(gen) as db:
            if _described(db, toc, articles, any_schema=False) is None or db.execute(
                    _MALFORMED, (toc,)).fetchone():
                return None
            found = dict(db.execute("SELECT path, fp FROM files WHERE toc <= ? "
                                    "ORDER BY path, toc", (toc,)))
    except (OSError, sqlite3.Error, ValueError):
        return None
    gone = [path for path, fingerprint in found.items() if fingerprint is None]
    for path in gone:
        del found[path]
    return found


def problems_at(gen: Path, toc: int, articles: str) -> list[Problem] | None:
    """The problems the manifest records at commit `toc`, in path order (None: no such
    manifest, or one of these rows is of the wrong shape). Other rows are not checked
    here (a scan of 100,000 rows is 60 ms of a cold search): the index answers as it is,
    and a malformed row is found, and the cache rebuilt, when the manifest is read
    whole at the next change."""
    try:
        with _reading(gen) as db:
            if _described(db, toc, articles, any_schema=False) is None:
                return None
            # `+toc`: the few rows with problems come from their partial index (on toc,
            # SQLite chose the toc index and read all 100,000 rows: 28 ms)
            rows = db.execute(
                "SELECT path, fp, id, dup, problems FROM files WHERE toc <= ? AND path IN "
                "(SELECT path FROM files WHERE problems IS NOT NULL AND +toc <= ?) "
                "ORDER BY path, toc", (toc, toc)).fetchall()
    except (OSError, sqlite3.Error):
        return None
    files = _from_rows(rows)
    return None if files is None else [p for path in sorted(files)
                                       for p in files[path].problems]


def _from_rows(rows: list[tuple[Any, ...]]) -> Files | None:
    latest: dict[str, tuple[Any, ...]] = {}
    for row in rows:
        latest[row[0]] = row  # ordered by commit: the last one is the file's state
    try:
        files = {path: _state(path, row) for path, row in latest.items() if row[1] is not None}
    except (ValueError, TypeError):
        return None
    ids = [s.id for s in files.values() if s.id is not None]
    return files if len(ids) == len(set(ids)) else None  # one id twice: not ours


def _state(path: str, row: tuple[Any, ...]) -> FileState:
    _, fingerprint, ident, duplicate, problems = row
    if not isinstance(path, str) or not isinstance(fingerprint, str) or duplicate not in (0, 1):
        raise ValueError(f"{path}: not a file entry")
    if not (ident is None or (isinstance(ident, str) and ident)):
        raise ValueError(f"{path}: bad id")
    found = json.loads(problems) if problems is not None else []
    if not isinstance(found, list):
        raise ValueError(f"{path}: bad problems")
    return FileState(fingerprint, ident, [_problem(path, p) for p in found], bool(duplicate))


def _read_legacy(gen: Path, toc: int, articles: str) -> Files | None:
    try:
        data = json.loads((gen / _LEGACY.format(toc=toc)).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # ValueError: not JSON, not UTF-8
        return None
    return parse_manifest(data, toc, articles, any_schema=True)


def parse_manifest(data: Any, toc: int, articles: str, any_schema: bool = False
                   ) -> Files | None:
    """The files of a JSON manifest (before schema 10) for commit `toc`, or None."""
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
    return files if len(ids) == len(set(ids)) else None


# -- writing (the index owner) ------------------------------------------------------------

@contextlib.contextmanager
def _writing(gen: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction; a disk that refuses it is an OSError, as for any file."""
    try:
        db = sqlite3.connect(manifest_path(gen), timeout=30, isolation_level=None)
    except sqlite3.Error as exc:
        raise OSError(errno.EIO, f"cannot open {manifest_path(gen)}: {exc}") from exc
    try:
        # Not flushed to the disk at each commit (two flushes cost a save 30 ms): like
        # Whoosh's own files. A killed process loses nothing; a power cut may leave it
        # unreadable or without the last commit's rows, and either rebuilds the cache.
        db.execute("PRAGMA synchronous=OFF")
        db.execute("BEGIN IMMEDIATE")
        yield db
        db.execute("COMMIT")
    except sqlite3.Error as exc:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        code = errno.ENOSPC if "full" in str(exc) else errno.EIO
        raise OSError(code, f"{os.strerror(code)} ({manifest_path(gen).name}: {exc})") from exc
    finally:
        db.close()


def count_indexed(files: Files) -> int:
    """How many of the files are indexed (a duplicate or a broken file is not)."""
    return sum(1 for s in files.values() if s.id is not None)


def write_manifest(gen: Path, toc: int, articles: str, files: Files,
                   previous: Files | None = None, again: bool = False,
                   changed: Iterable[str] | None = None, indexed: int | None = None) -> Path:
    """Describe commit `toc` (before it is made): the rows of the files that differ from
    `previous`, the state last described (None: nothing was). `again`: `toc` is live and
    described already; only what it says of the files changed (their problems).
    `changed`: the only paths that can differ from `previous` (a save's few: no pass over
    every entry); `indexed`: how many of `files` are indexed, if known."""
    previous = previous or {}
    # The paths to look at: every file described now and before, or only those changed.
    now, before = (files, previous) if changed is None else (dict.fromkeys(changed),) * 2
    # Unchanged files keep their very FileState objects: `is` settles most at once.
    rows = [(path, toc, *_row(files[path])) for path in now if path in files
            and previous.get(path) is not files[path] and previous.get(path) != files[path]]
    rows += [(path, toc, None, None, 0, None) for path in before
             if path in previous and path not in files]
    if indexed is None:
        indexed = count_indexed(files)
    with _writing(gen) as db:
        for statement in _TABLES.strip().split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("DELETE FROM meta")
        db.execute("INSERT INTO meta VALUES (?, ?)", (SCHEMA_VERSION, articles))
        db.execute("DELETE FROM files WHERE toc > ?" if again else
                   "DELETE FROM files WHERE toc >= ?", (toc,))
        revision = db.execute("SELECT coalesce(max(revision), 0) + 1 FROM commits").fetchone()
        db.execute("INSERT OR REPLACE INTO commits VALUES (?, ?, ?)",
                   (toc, indexed, revision[0]))
        db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", rows)
    return manifest_path(gen)


def _row(state: FileState) -> tuple[Any, ...]:
    problems = [_stored(p) for p in state.problems] if state.problems else None
    return (state.fingerprint, state.id, int(state.duplicate),
            json.dumps(problems, ensure_ascii=False) if problems else None)


def forget_manifests(gen: Path, toc: int) -> None:
    """After commit `toc` went live (or failed, `toc` being the live one): drop the rows
    of commits after it, and those the state at `toc - 1` no longer needs. The states of
    `toc - 1` and `toc` stay: a reader may have listed the folder just before commit
    `toc` and be about to read it. Best effort: leftovers are only unused rows."""
    keep = toc - 1
    with contextlib.suppress(OSError, sqlite3.Error), _writing(gen) as db:
        db.execute("DELETE FROM files WHERE toc > ?", (toc,))
        db.execute("DELETE FROM commits WHERE toc > ? OR toc < ?", (toc, keep))
        db.execute("DELETE FROM files WHERE toc < ? AND path IN "
                   "(SELECT path FROM files WHERE toc = ?)", (keep, keep))
        db.execute("DELETE FROM files WHERE toc = ? AND fp IS NULL", (keep,))


def mark_damaged(gen: Path, reason: str) -> None:
    """Note that reading this generation failed, so that the next sync builds a new one
    (best effort: on a full disk the note itself may not fit; then the next failure
    tries again)."""
    with contextlib.suppress(OSError):
        atomic_write_text(gen / DAMAGED, reason + "\n")
