"""Each desk's signals file: its searches, views, flags and replies as JSON lines.

One file per desk (`<desk>.jsonl`), written only by that desk, so the team's copies never
conflict; team sync carries the folder on a branch of its own, and without a remote staff
import the files (`kb report --import`). New events are appended; a line cut short by a
crash is skipped on reading and its event written again (events have ids: reading keeps
each once). Raw searches and views older than RAW_WEEKS are rolled up into weekly counts
per query and per article, so the file stays small; flags and replies are kept as they are.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb_app.fileio import atomic_write_text
from kb_app.health.events import Event
from kb_app.localdata import EVENT_TABLES, LocalData

RAW_WEEKS = 8
SUFFIX = ".jsonl"
# A file read whole: a team's year is about a million lines, some 200 MB.
MAX_FILE_BYTES = 1 << 30
FOLDER = "signals"  # in a knowledge base's data folder: this desk's file and the team's
_CURSOR = "signals_cursor"  # LocalData meta: the last row of each table already written
_ROLLED = "signals_rolled"  # LocalData meta: the day old events were last rolled up


@dataclass
class Signals:
    """Events read from signals files, each once, and what could not be read."""

    events: list[Event] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def team_folder(data_dir: Path) -> Path:
    """Where a desk keeps its own signals file and the ones team sync brings."""
    return data_dir / FOLDER


def desk_file(folder: Path, desk: str) -> Path:
    return folder / f"{desk}{SUFFIX}"


def publish(local: LocalData, folder: Path, today: dt.date | None = None) -> Path:
    """Append this desk's new events to its file in `folder`, rolling old ones up once a
    week; returns the file. Safe to call at any time, any number of times."""
    desk = local.desk_id()
    path = desk_file(folder, desk)
    cursor = _cursor(local)
    events = list(_new_events(local, desk, cursor))
    if events:
        folder.mkdir(parents=True, exist_ok=True)
        _append(path, events)
        local.set_meta(_CURSOR, json.dumps(cursor, sort_keys=True))
    today = today or dt.date.today()
    if local.meta(_ROLLED) != today.isoformat():  # once a day: each sync publishes
        roll_up(path, today)
        local.forget_before(_cutoff(today).isoformat(timespec="seconds"), cursor)
        local.set_meta(_ROLLED, today.isoformat())
    return path


def _cutoff(today: dt.date) -> dt.datetime:
    """Raw searches and views older than this are kept only as weekly counts."""
    return dt.datetime.combine(today - dt.timedelta(weeks=RAW_WEEKS), dt.time(),
                               tzinfo=dt.UTC)


def _cursor(local: LocalData) -> dict[str, int]:
    try:
        stored = json.loads(local.meta(_CURSOR) or "{}")
    except ValueError:
        stored = {}
    return {t: int(stored.get(t, 0)) if isinstance(stored, dict) else 0 for t in EVENT_TABLES}


def _new_events(local: LocalData, desk: str, cursor: dict[str, int]) -> Iterable[Event]:
    """The rows not yet written, as events; `cursor` moves past them."""
    for table in EVENT_TABLES:
        for row in local.rows_after(table, cursor[table]):
            cursor[table] = int(row["id"])
            yield _event(table, row, desk)


def _event(table: str, row: dict[str, Any], desk: str) -> Event:
    event_id = f"{desk}:{table}:{row['id']}"
    if table == "searches":
        return Event(event_id, "search", row["at"], desk, query=row["query"],
                     results=int(row["results"]), article=row["opened"] or "")
    if table == "views":
        return Event(event_id, "view", row["at"], desk, article=row["article_id"])
    if table == "flags":
        return Event(event_id, "flag", row["created"], desk, article=row["article_id"],
                     flag=row["kind"], comment=row["comment"], agent=row["agent"])
    return Event(event_id, "reply", row["at"], desk, flag=row["flag"], comment=row["reply"],
                 agent=row["by"])


def _append(path: Path, events: list[Event]) -> None:
    """Whole lines, flushed to disk; a partial last line left by a crash is ended first."""
    data = "".join(e.to_line() + "\n" for e in events).encode("utf-8")
    with open(path, "ab") as handle:
        if handle.tell() and not _ends_with_newline(path):
            handle.write(b"\n")
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def read(paths: Iterable[Path], kinds: Iterable[str] | None = None,
         containing: str = "") -> Signals:
    """Every event in these files (or folders of them), each once, in time order.

    `kinds` (and `containing`, a text the line must hold) keep only those events, and
    skip the other lines before they are parsed: a team's year is a million lines, and
    the pane's replies need the few flags and replies among them, not every search.
    A line holds `"kind": "search"` (compact JSON: `"kind":"search"`); a query holding
    that text is escaped (`\\"kind\\"`), so the test only ever lets through lines to
    check, never drops an event of those kinds."""
    found: dict[str, Event] = {}
    result = Signals()
    wanted = frozenset(kinds) if kinds is not None else None
    # `"kind": "search"` as Gyan writes it, `"kind":"search"` as compact JSON from another
    # tool writes it: the test lets through every line of these kinds.
    needle = (re.compile('"kind"\\s*:\\s*"(?:{})"'.format("|".join(map(re.escape, wanted))))
              if wanted is not None else None)
    for path in _files(paths, result):
        try:
            lines = _lines(path)
        except (OSError, ValueError) as exc:
            result.problems.append(f"{path}: cannot be read: "
                                   f"{getattr(exc, 'strerror', None) or exc}")
            continue
        bad = 0
        for line in lines:
            if needle is not None and not (containing in line and needle.search(line)):
                continue
            try:
                event = Event.from_line(line)
            except (ValueError, TypeError, RecursionError):  # deep nesting: not an event
                bad += int(bool(line.strip()))
                continue
            if wanted is None or event.kind in wanted:
                found.setdefault(event.id, event)
        if bad:
            result.problems.append(f"{path}: {bad} line(s) are not signals and were skipped")
    result.events = sorted(found.values(), key=lambda e: (e.at, e.id))
    return result


def _lines(path: Path) -> list[str]:
    """A signals file's lines. Only a regular file is read (a pipe would wait for ever,
    /dev/zero never end), and not one over MAX_FILE_BYTES; a byte-order mark (Windows
    Notepad) is not part of the first line. ValueError says why not."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a pipe: no waiting
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ValueError(f"larger than {MAX_FILE_BYTES // 2**20} MB")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)
    return data.decode("utf-8-sig", errors="replace").splitlines()


def _files(paths: Iterable[Path], result: Signals) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob(f"*{SUFFIX}")))
        elif path.exists():
            files.append(path)  # a pipe or a device: refused by `_lines`, saying so
        else:
            result.problems.append(f"{path}: no such file")
    return files


def roll_up(path: Path, today: dt.date) -> None:
    """Searches and views older than RAW_WEEKS become weekly counts (rewritten atomically:
    only this desk writes its file)."""
    if not path.is_file():
        return
    events = read([path]).events
    cutoff = _cutoff(today)
    old = [e for e in events if e.kind in ("search", "view") and e.when < cutoff]
    if not old:
        return
    gone = {e.id for e in old}
    kept = [e for e in events if e.id not in gone]
    atomic_write_text(path, "".join(e.to_line() + "\n" for e in _weeks(old) + kept))


def _weeks(events: list[Event]) -> list[Event]:
    """Weekly counts: per (week, query, found anything) for searches, per (week, article)
    for views; dated the Monday of their week, named so that rolling up again is a no-op."""
    searches: Counter[tuple[str, str, int]] = Counter()
    opened: Counter[tuple[str, str, int]] = Counter()
    views: Counter[tuple[str, str]] = Counter()
    desk = events[0].desk
    for e in events:
        if e.kind == "search":
            key = (e.week, e.query, int(e.results > 0))
            searches[key] += 1
            opened[key] += int(bool(e.article))
        else:
            views[(e.week, e.article)] += 1
    rolled = [Event(id=f"{desk}:week:{w}:s:{found}:{q}", kind="week", at=_monday(w),
                    desk=desk, query=q, results=found, count=n, opened=opened[(w, q, found)])
              for (w, q, found), n in sorted(searches.items())]
    rolled += [Event(id=f"{desk}:week:{w}:v:{a}", kind="week", at=_monday(w), desk=desk,
                     article=a, count=n) for (w, a), n in sorted(views.items())]
    return rolled


def _monday(week: str) -> str:
    year, number = week.split("-W")
    day = dt.date.fromisocalendar(int(year), int(number), 1)
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).isoformat(timespec="seconds")


def as_searches(events: Iterable[Event]) -> list[Event]:
    """Raw searches and weekly search counts alike (a week is `count` searches)."""
    return [e for e in events if e.kind == "search" or (e.kind == "week" and e.query)]


def as_views(events: Iterable[Event]) -> list[Event]:
    """Views (every article an agent used, from a search or not) and weekly view counts."""
    return [e for e in events if e.kind == "view" or (e.kind == "week" and e.article)]


@dataclass(frozen=True)
class Answered:
    """A staff answer to one of this desk's flags, for the agent to see by the article."""

    kind: str  # the flag: helpful, outdated, wrong
    comment: str  # what the agent wrote
    reply: str
    by: str
    at: str


def answers_for_desk(events: Iterable[Event], desk: str) -> dict[str, list[Answered]]:
    """Article id -> the replies to the flags this desk raised on it, newest first."""
    flags = {e.id: e for e in events if e.kind == "flag" and e.desk == desk}
    found: dict[str, list[Answered]] = {}
    for e in events:
        flag = flags.get(e.flag) if e.kind == "reply" else None
        if flag is not None:
            found.setdefault(flag.article, []).append(
                Answered(flag.flag, flag.comment, e.comment, e.agent, e.at))
    for answers in found.values():
        answers.sort(key=lambda a: a.at, reverse=True)
    return found
