"""What the team's use teaches search: for a query group (the health report's grouping:
the index's stems, spelling variants together), the articles agents keep opening rise.

Read from the team's signals (kb_app.health.signals: every desk's searches and what was
opened from them, carried by team sync), so an article opened on many desks rises on
every desk after its next sync. Bounded in every direction:
- decaying: an open counts half after HALF_LIFE_DAYS;
- one desk cannot flood it: a desk's opens of one article for one group count up to
  DESK_SATURATION, and that desk is then one of the FULL_AT desks a full lift needs;
- capped: the score rises by at most MAX_LIFT, and never past an article whose title has
  every word of the query (kb_app.ranking.Ranker.rank);
- explainable: a lifted result says so ("often opened for this search");
- off with one setting (Preferences.learn_from_team).

An agent whose search shows nothing useful says it again in other words, and opens the
answer from that: a search that opened nothing, followed on the same desk within minutes
by one that opened an article (kb_app.health.gaps.said_again), is taught that article
too (at CHAIN_SHARE of an open). That is how use mends a search whose words no article
has ("wipe all the numbers" -> "reset stats" -> Reset site data): such an article is
shown for the first search although none of its words match (kb_app.ranking.Ranker.rank
puts it below the best match, with the same badge).

The table is small (groups -> articles -> strength) and is kept in the data folder beside
the signals, rebuilt when a signals file changed or a day passed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kb_app.fileio import atomic_write_text
from kb_app.health.events import Event
from kb_app.health.gaps import group_key, said_again
from kb_app.health.signals import SUFFIX, read, team_folder
from kb_app.manifest import SCHEMA_VERSION
from kb_app.ranking import MAX_LIFT

HALF_LIFE_DAYS = 21.0
DESK_SATURATION = 3.0  # opens from one desk that reach its share
FULL_AT = 5.0  # desks' worth of opens for the full lift
CHAIN_SHARE = 0.5  # what the article opened counts for the search before it
MIN_STRENGTH = 0.05  # weaker than this is forgotten
CACHE_FILE = "learned.json"
_FORMAT = 2  # 2: chains of searches credited


@dataclass(frozen=True)
class Learned:
    """Query group -> article id -> strength, 0 to 1."""

    groups: dict[tuple[str, ...], dict[str, float]] = field(default_factory=dict)

    def lifts(self, query: str) -> dict[str, float]:
        """Article id -> how much its score rises for this query (0 to MAX_LIFT)."""
        found = self.groups.get(group_key(query), {})
        return {article: MAX_LIFT * strength for article, strength in found.items()}

    def __bool__(self) -> bool:
        return bool(self.groups)


def learn(events: Iterable[Event], today: dt.date) -> Learned:
    """The table from raw search events (weekly roll-ups do not say what was opened):
    each open counts for its search's group, and for the searches before it that
    opened nothing (`_credited`)."""
    opens: dict[tuple[tuple[str, ...], str], dict[str, float]] = defaultdict(
        lambda: defaultdict(float))
    for event, share in _credited(e for e in events if e.kind == "search"):
        age = max(0, (today - event.when.date()).days)
        opens[(group_key(event.query), event.article)][event.desk] += share * 0.5 ** (
            age / HALF_LIFE_DAYS)
    groups: dict[tuple[str, ...], dict[str, float]] = defaultdict(dict)
    for (group, article), desks in opens.items():
        strength = min(1.0, sum(min(1.0, n / DESK_SATURATION) for n in desks.values())
                       / FULL_AT)
        if strength >= MIN_STRENGTH:
            groups[group][article] = round(strength, 4)
    return Learned(dict(groups))


def _credited(searches: Iterable[Event]) -> Iterator[tuple[Event, float]]:
    """(search, share) for every open to count: each opening search whole, and each
    search that opened nothing just before it on the same desk (`gaps.said_again`) as if
    it had opened the same article, at CHAIN_SHARE."""
    searches = list(searches)
    for event in searches:
        if event.article:
            yield event, 1.0
    for before, after in said_again(searches):
        yield replace(before, article=after.article), CHAIN_SHARE


def load(data_dir: Path, today: dt.date | None = None) -> Learned:
    """The table for a knowledge base's data folder: from the cache when the signals did
    not change since it was made today, else worked out again (and kept)."""
    today = today or dt.date.today()
    folder = team_folder(data_dir)
    stamp = _stamp(folder, today)
    cache = data_dir / CACHE_FILE
    try:
        kept = json.loads(cache.read_text(encoding="utf-8"))
        if kept.get("format") == _FORMAT and kept.get("stamp") == stamp:
            return Learned({tuple(g): dict(a) for g, a in kept["groups"]})
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass
    events = read([folder], kinds=("search",)).events if folder.is_dir() else []
    learned = learn(events, today)
    with contextlib.suppress(OSError):  # a cache: the next load works it out again
        atomic_write_text(cache, json.dumps(
            {"format": _FORMAT, "stamp": stamp,
             "groups": [[list(g), a] for g, a in sorted(learned.groups.items())]},
            ensure_ascii=False))
    return learned


def _stamp(folder: Path, today: dt.date) -> list[object]:
    """What the cache was made from: the day, the analysis its groups were keyed by (the
    index schema: a new stemmer groups queries anew) and each signals file's name, size
    and time."""
    files: list[object] = [today.isoformat(), SCHEMA_VERSION]
    if folder.is_dir():
        for path in sorted(folder.glob(f"*{SUFFIX}")):
            try:
                info = path.stat()
            except OSError:
                continue
            files.append([path.name, info.st_size, info.st_mtime_ns])
    return files


__all__ = ["MAX_LIFT", "Learned", "learn", "load"]
