"""Content gaps: what agents search for and the knowledge base does not answer.

Searches are grouped the way the index reads them, so that one need counts once however it
was typed: words are the index's own terms (Bengali stems: গ্রাহকদের is গ্রাহক; Porter
stems: refunds is refund), and a word long enough to say something by its sound is taken
by its sound key (kb_app.banglish), so spelling variants meet (warrenty, warranty; ferot,
pherot, ফেরত). Stop words and word order do not matter.

A gap also says what agents opened when they said it again in other words (`said_again`):
the article that answers it under other words, where staff add the words agents use.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from kb_app import banglish
from kb_app.analysis import STOP_WORDS, normalise_word, stem_word, words
from kb_app.bengali import is_bengali
from kb_app.health.events import Event

SOUND_FROM = 3  # consonants: a sound key this long names a word well enough to group by
SAID_AGAIN_SECONDS = 180  # a search that opened nothing, then one that did: one need
FOUND_NEXT = 3  # articles named per gap as what agents opened next


@dataclass
class FoundNext:
    """An article agents opened after a gap's search, having said it in other words."""

    article: str
    searches: int  # how many of the gap's searches it followed
    title: str = ""  # the report's to fill in (gaps know ids, not articles)
    path: str = ""  # likewise: where staff edit it


@dataclass
class Gap:
    label: str  # the wording typed most often
    queries: list[str]  # every wording typed, the most frequent first
    searches: int
    opened: int  # searches after which an article was opened
    desks: int
    last: str  # when it was last searched (ISO time)
    then_opened: list[FoundNext] = field(default_factory=list)  # the most often first


def said_again(searches: Iterable[Event]) -> Iterator[tuple[Event, Event]]:
    """(a search that opened nothing, the search that opened an article after it): on
    one desk, within SAID_AGAIN_SECONDS and with no other open between, in another
    wording group (the same words again is not another way of saying them). Each
    earlier group once per open. Raw searches only: weekly counts have no times. A search
    that opened something is never paired with a later one: two needs of one call
    ("router pin", then "billing") would otherwise be taken for one."""
    by_desk: dict[str, list[Event]] = defaultdict(list)
    for event in searches:
        if event.kind == "search":
            by_desk[event.desk].append(event)
    for mine in by_desk.values():
        mine.sort(key=lambda e: e.when)
        waiting: list[Event] = []  # searches that opened nothing, since the last open
        for event in mine:
            if not event.article:
                waiting.append(event)
                continue
            paired = {group_key(event.query)}
            for before in reversed(waiting):
                if (event.when - before.when).total_seconds() > SAID_AGAIN_SECONDS:
                    break
                group = group_key(before.query)
                if group not in paired:
                    paired.add(group)
                    yield before, event
            waiting = []


@lru_cache(maxsize=1 << 16)
def group_key(query: str) -> tuple[str, ...]:
    """What a query asks for, however inflected, spelt or ordered. Remembered: a team's
    year of signals is a million searches of far fewer queries (grouping each afresh took
    30 s of a report at a million)."""
    keys = {word_key(w) for w, _, _ in words(query) if w not in STOP_WORDS}
    return tuple(sorted(keys)) or (" ".join(query.casefold().split()),)


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """A word by its stem, or by the sound of its stem when that names it well enough, so
    that its inflections and its spelling variants stay together."""
    norm = normalise_word(word)
    stem = stem_word(norm)
    sound = (banglish.bengali_key(stem) if is_bengali(norm)
             else next(iter(banglish.latin_keys(stem)), ""))
    return f"~{sound}" if len(sound) >= SOUND_FROM else stem


def no_results(searches: list[Event], found_next: dict[str, str]) -> list[Gap]:
    """Searches that found nothing, grouped, the most frequent first. `found_next`:
    `opened_next(searches)` (worked out once for both lists of a report)."""
    return _gaps([e for e in searches if not e.results], found_next)


def not_opened(searches: list[Event], found_next: dict[str, str]) -> list[Gap]:
    """Searches that found articles of which the agent opened none, grouped (`found_next`
    as for `no_results`)."""
    groups = _gaps([e for e in searches if e.results], found_next)
    return [g for g in groups if not g.opened]


def opened_next(searches: list[Event]) -> dict[str, str]:
    """Search id -> the article opened when it was said again (`said_again`)."""
    return {before.id: after.article for before, after in said_again(searches)}


def _gaps(searches: list[Event], opened_next: dict[str, str]) -> list[Gap]:
    grouped: dict[tuple[str, ...], list[Event]] = {}
    for event in searches:
        grouped.setdefault(group_key(event.query), []).append(event)
    gaps = [_gap(events, opened_next) for events in grouped.values()]
    gaps.sort(key=lambda g: (-g.searches, _reverse(g.last), g.label))
    return gaps


def _gap(events: list[Event], opened_next: dict[str, str]) -> Gap:
    wordings: Counter[str] = Counter()
    for e in events:
        wordings[" ".join(e.query.split())] += e.count
    ranked = [q for q, _ in sorted(wordings.items(), key=lambda kv: (-kv[1], kv[0]))]
    opened = sum(e.opened if e.kind == "week" else int(bool(e.article)) for e in events)
    found = Counter(opened_next[e.id] for e in events if e.id in opened_next)
    then = [FoundNext(article, n) for article, n in
            sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:FOUND_NEXT]]
    return Gap(ranked[0], ranked, sum(wordings.values()), opened,
               len({e.desk for e in events}), max(e.at for e in events), then)


def _reverse(text: str) -> str:
    """A sort key that orders ISO times newest first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)
