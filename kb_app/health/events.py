"""One record of what happened at a desk, as every desk's signals file holds it.

Only what the agent typed and did: the query, how many results, the article opened or
flagged. Nothing about the customer. Each event has an id made of its desk and its row,
so files merged from many desks, or imported twice, never count an event twice; a reply
names the flag it answers by that id.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from kb_app.query import MAX_QUERY_CHARS

KINDS = ("search", "view", "flag", "reply", "week")
_NUMBERS = ("results", "count", "opened")
MAX_WEEK_COUNT = 100_000  # searches of one query at one desk in one week, at the most
# What is kept of a text: a query as long as the search takes it (MAX_QUERY_CHARS), any
# other text (a flag's comment) ten times that. A 50 MB query once took 33 s to group.
MAX_TEXT = 10 * MAX_QUERY_CHARS
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Event:
    id: str  # "<desk>:<kind>:<row>", unique in the team
    kind: str  # search | view | flag | reply | week (a rolled-up week of searches)
    at: str  # ISO time, UTC, to the second
    desk: str
    query: str = ""  # search: what was typed; week: the query
    results: int = 0  # search: how many articles it found
    article: str = ""  # the article opened from the search, viewed or flagged
    flag: str = ""  # flag: helpful | outdated | wrong; reply: the id of the flag
    comment: str = ""  # the flag's comment, or the reply
    agent: str = ""  # who flagged or replied (the name they gave)
    count: int = 1  # week: searches of this query that week (`results` 0: found nothing)
    opened: int = 0  # week: how many of them opened an article

    @property
    def when(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.at)

    @property
    def week(self) -> str:
        """The ISO week, e.g. 2026-W47."""
        year, week, _ = self.when.isocalendar()
        return f"{year}-W{week:02d}"

    def to_line(self) -> str:
        data = {k: v for k, v in asdict(self).items() if v not in ("", 0) or k == "results"}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_line(cls, line: str) -> Event:
        """An event from one line of a signals file; ValueError for anything else."""
        data: Any = json.loads(line)
        if not isinstance(data, dict) or data.get("kind") not in KINDS:
            raise ValueError("not a Gyan signals event")
        fields = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        for name in ("id", "at", "desk"):
            if not isinstance(fields.get(name), str) or not fields[name]:
                raise ValueError(f"an event without its {name}")
        for name, value in fields.items():
            if name in _NUMBERS:
                if type(value) is not int or not 0 <= value < 2**31:
                    raise ValueError(f"{name} is not a count")
            elif type(value) is not str:
                raise ValueError(f"{name} is not text")
            else:
                # A lone surrogate ("\ud800" is valid JSON) cannot be printed, written
                # or shown: once a UnicodeEncodeError in every report that read the line.
                kept = value[:MAX_QUERY_CHARS if name == "query" else MAX_TEXT]
                fields[name] = _SURROGATE.sub("\ufffd", kept)
        fields["at"] = _utc_text(fields["at"])
        if fields["kind"] != "week":
            # One search, view or flag each: a count is a rolled-up week's alone (a
            # `"count": 2147483647` on a view once topped the report's most viewed).
            fields["count"], fields["opened"] = 1, 0
        elif fields.get("count", 1) > MAX_WEEK_COUNT:
            raise ValueError("count is more than a desk searches in a week")
        return cls(**fields)


def _utc_text(text: str) -> str:
    """An event's time as every desk writes it: UTC, to the second. A file from another
    tool or a hostile remote may carry a time without an offset, which the report could
    not compare with its own (a TypeError, not a skipped line), or another offset, which
    would sort out of order as text: both are brought to UTC here, and an impossible time
    is a ValueError, so its line is skipped and counted like any other bad line."""
    when = dt.datetime.fromisoformat(text)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    try:
        return when.astimezone(dt.UTC).isoformat(timespec="seconds")
    except OverflowError as exc:  # year 1 with an offset east of UTC
        raise ValueError(f"{text} is out of range") from exc
