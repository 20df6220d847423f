"""Content gaps: what agents search for and the knowledge base does not answer.

Searches are grouped the way the index reads them, so that one need counts once however it
was typed: words are the index's own terms (Bengali stems: গ্রাহকদের is গ্রাহক; Porter
stems: refunds is refund), and a word long enough to say something by its sound is taken
by its sound key (kb_app.banglish), so spelling variants meet (warrenty, warranty; ferot,
pherot, ফেরত). Stop words and word order do not matter.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kb_app import banglish
from kb_app.analysis import STOP_WORDS, normalise_word, stem_word, words
from kb_app.bengali import is_bengali
from kb_app.health.events import Event

SOUND_FROM = 3  # consonants: a sound key this long names a word well enough to group by


@dataclass
class Gap:
    label: str  # the wording typed most often
    queries: list[str]  # every wording typed, the most frequent first
    searches: int
    opened: int  # searches after which an article was opened
    desks: int
    last: str  # when it was last searched (ISO time)


def group_key(query: str) -> tuple[str, ...]:
    """What a query asks for, however inflected, spelt or ordered."""
    keys = {word_key(w) for w, _, _ in words(query) if w not in STOP_WORDS}
    return tuple(sorted(keys)) or (" ".join(query.casefold().split()),)


def word_key(word: str) -> str:
    """A word by its stem, or by the sound of its stem when that names it well enough, so
    that its inflections and its spelling variants stay together."""
    norm = normalise_word(word)
    stem = stem_word(norm)
    sound = (banglish.bengali_key(stem) if is_bengali(norm)
             else next(iter(banglish.latin_keys(stem)), ""))
    return f"~{sound}" if len(sound) >= SOUND_FROM else stem


def no_results(searches: list[Event]) -> list[Gap]:
    """Searches that found nothing, grouped, the most frequent first."""
    return _gaps([e for e in searches if not e.results])


def not_opened(searches: list[Event]) -> list[Gap]:
    """Searches that found articles of which the agent opened none, grouped."""
    groups = _gaps([e for e in searches if e.results])
    return [g for g in groups if not g.opened]


def _gaps(searches: list[Event]) -> list[Gap]:
    grouped: dict[tuple[str, ...], list[Event]] = {}
    for event in searches:
        grouped.setdefault(group_key(event.query), []).append(event)
    gaps = [_gap(events) for events in grouped.values()]
    gaps.sort(key=lambda g: (-g.searches, _reverse(g.last), g.label))
    return gaps


def _gap(events: list[Event]) -> Gap:
    wordings: Counter[str] = Counter()
    for e in events:
        wordings[" ".join(e.query.split())] += e.count
    ranked = [q for q, _ in sorted(wordings.items(), key=lambda kv: (-kv[1], kv[0]))]
    opened = sum(e.opened if e.kind == "week" else int(bool(e.article)) for e in events)
    return Gap(ranked[0], ranked, sum(wordings.values()), opened,
               len({e.desk for e in events}), max(e.at for e in events))


def _reverse(text: str) -> str:
    """A sort key that orders ISO times newest first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)
