"""The agent's local database: flags on articles, recents, pins, what was seen, searches.

It lives in the per-user data folder (`config.data_dir`: not the cache, which the system
may purge), never in the articles folder: it is this desk's record, and flags are later
collected for the staff dashboard. SQLite in WAL mode, one connection per thread
(`LocalData` is not shared across threads).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb_app.messages import Message, translate

FLAG_KINDS = ("helpful", "outdated", "wrong")
EVENT_TABLES = ("searches", "views", "flags", "replies")
RECENT_LIMIT = 30

SCHEMA = """
CREATE TABLE IF NOT EXISTS flags (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('helpful', 'outdated', 'wrong')),
    comment TEXT NOT NULL DEFAULT '',
    agent TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS recents (article_id TEXT PRIMARY KEY, opened TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pins (article_id TEXT PRIMARY KEY, pinned TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen (article_id TEXT PRIMARY KEY, version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS searches (
    id INTEGER PRIMARY KEY, query TEXT NOT NULL, results INTEGER NOT NULL,
    opened TEXT, at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS views (
    id INTEGER PRIMARY KEY, article_id TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS replies (
    id INTEGER PRIMARY KEY, flag TEXT NOT NULL, reply TEXT NOT NULL, by TEXT NOT NULL,
    at TEXT NOT NULL
);
"""


# How `LocalData.absorb` takes each table of another copy: nothing is added twice.
_ABSORB = {
    "flags": "INSERT INTO flags (article_id, kind, comment, agent, created) "
             "SELECT o.article_id, o.kind, o.comment, o.agent, o.created FROM other.flags o "
             "WHERE o.kind IN ('helpful', 'outdated', 'wrong') AND NOT EXISTS (SELECT 1 FROM "
             "flags f WHERE f.article_id IS o.article_id AND f.kind IS o.kind AND f.comment "
             "IS o.comment AND f.agent IS o.agent AND f.created IS o.created) ORDER BY o.id",
    "searches": "INSERT INTO searches (query, results, opened, at) "
                "SELECT o.query, o.results, o.opened, o.at FROM other.searches o "
                "WHERE NOT EXISTS (SELECT 1 FROM searches s WHERE s.query IS o.query AND "
                "s.results IS o.results AND s.opened IS o.opened AND s.at IS o.at) "
                "ORDER BY o.id",
    "pins": "INSERT OR IGNORE INTO pins SELECT article_id, pinned FROM other.pins",
    "recents": "INSERT OR IGNORE INTO recents SELECT article_id, opened FROM other.recents",
    "seen": "INSERT OR IGNORE INTO seen SELECT article_id, version FROM other.seen",
    "meta": "INSERT OR IGNORE INTO meta SELECT key, value FROM other.meta",
}


@dataclass(frozen=True)
class Flag:
    article_id: str
    kind: str
    comment: str
    agent: str
    created: str


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class LocalData:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.warning: Message | None = None  # said once to the user: the file was set aside
        try:
            self.db = self._open(path)
        except sqlite3.DatabaseError as exc:
            aside = _set_aside(path)
            self.warning = translate(
                "Index", "This desk's records ({file}) were damaged ({error}); they were kept "
                "as {aside} and a new record was started.").format(
                    file=path.name, error=str(exc), aside=aside.name)
            self.db = self._open(path)
        self._seen: dict[str, str] | None = None  # the seen table, read once

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=10)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # a killed process loses nothing written
            db.execute("PRAGMA synchronous=NORMAL")  # no fsync a search: WAL keeps it safe
            db.executescript(SCHEMA)
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("its integrity check failed")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def desk_id(self) -> str:
        """This desk's name in the team's signals: made once, kept with its records."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'desk'").fetchone()
        if row:
            return str(row[0])
        desk = uuid.uuid4().hex[:12]
        with self.db:
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('desk', ?)", (desk,))
        return self.desk_id()

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def rows_after(self, table: str, rowid: int) -> list[dict[str, Any]]:
        """Rows of an event table (searches, views, flags, replies) added after `rowid`,
        oldest first, as name-addressable rows: what the desk's signals file has not yet."""
        if table not in EVENT_TABLES:
            raise ValueError(f"{table!r} is not an event table")
        cursor = self.db.execute(f"SELECT * FROM {table} WHERE id > ? ORDER BY id", (rowid,))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def close(self) -> None:
        self.db.close()

    def absorb(self, other: Path) -> None:
        """Take in the rows of another copy of this database (one found at the old place
        when the data was moved), in one transaction: its flags and logged searches are
        added, pins kept, recents and seen versions kept where this one has none. Rows
        already here are not added twice, so absorbing the same copy again changes
        nothing."""
        self.db.execute("ATTACH DATABASE ? AS other", (str(other),))
        try:
            tables = {row[0] for row in self.db.execute(
                "SELECT name FROM other.sqlite_master WHERE type = 'table'")}
            with self.db:
                for table, sql in _ABSORB.items():
                    if table in tables:
                        self.db.execute(sql)
                self._trim_recents()
        finally:
            self.db.execute("DETACH DATABASE other")
        self._seen = None

    # -- flags ---------------------------------------------------------------------------

    def add_flag(self, article_id: str, kind: str, comment: str = "", agent: str = "") -> Flag:
        if kind not in FLAG_KINDS:
            raise ValueError(f"flag must be one of {', '.join(FLAG_KINDS)}, not {kind!r}")
        flag = Flag(article_id, kind, comment.strip(), agent, _now())
        with self.db:
            self.db.execute(
                "INSERT INTO flags (article_id, kind, comment, agent, created) "
                "VALUES (?, ?, ?, ?, ?)",
                (flag.article_id, flag.kind, flag.comment, flag.agent, flag.created))
        return flag

    def flags(self, article_id: str | None = None) -> list[Flag]:
        sql = "SELECT article_id, kind, comment, agent, created FROM flags"
        args: tuple[str, ...] = ()
        if article_id is not None:
            sql += " WHERE article_id = ?"
            args = (article_id,)
        return [Flag(*row) for row in self.db.execute(sql + " ORDER BY id", args)]

    # -- recents and pins ----------------------------------------------------------------

    def opened(self, article_id: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO recents VALUES (?, ?)", (article_id, _now()))
            self._trim_recents()

    def _trim_recents(self) -> None:
        self.db.execute(
            "DELETE FROM recents WHERE article_id NOT IN "
            "(SELECT article_id FROM recents ORDER BY opened DESC, rowid DESC LIMIT ?)",
            (RECENT_LIMIT,))

    def record_open(self, article_id: str, version: str | None = None,
                    search: tuple[str, int] | None = None, count: bool = True) -> None:
        """An article the agent used: opened on purpose (Enter, a click, a link) or kept on
        screen while reading. It goes to the recents, counts as seen, and the search that
        found it (query, total) is logged with it. Articles merely passed over while moving
        through results are not recorded: they would crowd out what was really used."""
        self.opened(article_id)
        if count:  # for the team's report; off when the agent turned recording off
            with self.db:
                self.db.execute("INSERT INTO views (article_id, at) VALUES (?, ?)",
                                (article_id, _now()))
        if version:
            self.mark_seen({article_id: version})
        if search is not None:
            self.log_search(search[0], search[1], article_id)

    def recents(self) -> list[str]:
        rows = self.db.execute("SELECT article_id FROM recents ORDER BY opened DESC, rowid DESC")
        return [r[0] for r in rows]

    def set_pinned(self, article_id: str, pinned: bool) -> None:
        with self.db:
            if pinned:
                self.db.execute("INSERT OR IGNORE INTO pins VALUES (?, ?)", (article_id, _now()))
            else:
                self.db.execute("DELETE FROM pins WHERE article_id = ?", (article_id,))

    def pins(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT article_id FROM pins ORDER BY pinned")]

    def is_pinned(self, article_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM pins WHERE article_id = ?", (article_id,))
        return row.fetchone() is not None

    # -- what changed --------------------------------------------------------------------

    def mark_seen(self, versions: dict[str, str]) -> None:
        """Remember the version (any string that changes with the article) of each id."""
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO seen VALUES (?, ?)", versions.items())
        if self._seen is not None:
            self._seen.update(versions)

    def changed_since_seen(self, versions: dict[str, str]) -> list[str]:
        """Ids whose version differs from the one this agent last saw.

        On the very first call every current version is taken as seen: a new desk is not
        told that the whole knowledge base "changed".
        """
        if self._seen is None:  # this process is the only writer while the app runs
            self._seen = dict(self.db.execute("SELECT article_id, version FROM seen"))
        seen = self._seen
        if not seen and self._first_look():
            self.mark_seen(versions)
            return []
        get = seen.get
        return sorted(i for i, v in versions.items() if get(i) != v)

    def _first_look(self) -> bool:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'first_look'").fetchone()
        if row:
            return False
        with self.db:
            self.db.execute("INSERT INTO meta VALUES ('first_look', ?)", (_now(),))
        return True

    # -- searches (for the knowledge-health dashboard) -----------------------------------

    def log_search(self, query: str, results: int, opened: str | None = None) -> None:
        with self.db:
            self.db.execute("INSERT INTO searches (query, results, opened, at) "
                            "VALUES (?, ?, ?, ?)", (query, results, opened, _now()))

    def forget_before(self, when: str, published: dict[str, int]) -> int:
        """Delete searches and views older than `when` (ISO time) that the desk's signals
        file already holds (`published`: the last row of each table written there): the
        file keeps them, as weekly counts, and this database stays small. Returns how
        many rows went."""
        gone = 0
        with self.db:
            for table in ("searches", "views"):
                gone += self.db.execute(f"DELETE FROM {table} WHERE at < ? AND id <= ?",
                                        (when, published.get(table, 0))).rowcount
        return gone

    def recent_events(self, limit: int) -> list[str]:
        """The latest searches, views and flags as one line each, newest first (for the
        agent to see what is recorded)."""
        rows = self.db.execute(
            "SELECT at, 'search: ' || query || ' (' || results || ' found'"
            " || CASE WHEN opened IS NULL THEN '' ELSE ', opened ' || opened END || ')'"
            " FROM searches UNION ALL SELECT at, 'viewed ' || article_id FROM views"
            " UNION ALL SELECT created, 'flagged ' || article_id || ' as ' || kind FROM flags"
            " ORDER BY 1 DESC LIMIT ?", (limit,))
        return [f"{at[:16].replace('T', ' ')}  {what}" for at, what in rows]

    def add_reply(self, flag: str, reply: str, by: str) -> None:
        """A staff member's answer to a flag (`flag`: its id in the team's signals)."""
        with self.db:
            self.db.execute("INSERT INTO replies (flag, reply, by, at) VALUES (?, ?, ?, ?)",
                            (flag, reply.strip(), by, _now()))


def _set_aside(path: Path) -> Path:
    """Move a damaged database (and its WAL files) out of the way, keeping it."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.replace(aside.with_name(aside.name + suffix))
    return aside


def newest_first(ids: set[str] | list[str], versions: dict[str, str]) -> list[str]:
    """`ids` with the most recently changed first (for "updated since you last looked").

    The index's versions are "mtime_ns:size"; anything else sorts last, by id."""
    def when(article_id: str) -> int:
        head = versions.get(article_id, "").split(":", 1)[0]
        return int(head) if head.isdigit() else -1

    return sorted(sorted(ids), key=when, reverse=True)
