"""Trends: searches and flags per week, per product and per tag, and the rising topics.

A search belongs to the product and tags of the article it led to; a flag to those of the
article flagged. A topic is a search's group (kb_app.health.gaps) or a tag; it is rising
when this week's count stands far above its average over the four weeks before (a score
that weighs the rise against the noise of small counts), so a new complaint pattern shows
in its first week.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field

from kb_app.articles import Article
from kb_app.health.events import Event
from kb_app.health.gaps import group_key
from kb_app.health.signals import as_searches

WEEKS = 8  # weeks shown in the charts
BEFORE = 4  # weeks this week is compared with
MIN_RISE = 3  # searches this week, at least, for a topic to be called rising


@dataclass
class Rising:
    topic: str
    this_week: int
    before: float  # the weekly average of the weeks before
    score: float


@dataclass
class Trends:
    weeks: list[str]
    searches_by_product: dict[str, list[int]] = field(default_factory=dict)
    flags_by_product: dict[str, list[int]] = field(default_factory=dict)
    searches_by_tag: dict[str, list[int]] = field(default_factory=dict)
    flags_by_tag: dict[str, list[int]] = field(default_factory=dict)
    rising: list[Rising] = field(default_factory=list)


def week_of(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def build(events: list[Event], by_id: dict[str, Article], today: dt.date) -> Trends:
    weeks = [week_of(today - dt.timedelta(weeks=n)) for n in range(WEEKS - 1, -1, -1)]
    trends = Trends(weeks)
    index = {w: n for n, w in enumerate(weeks)}
    searches = as_searches(events)
    flags = [e for e in events if e.kind == "flag"]
    for source, by_product, by_tag in ((searches, trends.searches_by_product,
                                        trends.searches_by_tag),
                                       (flags, trends.flags_by_product, trends.flags_by_tag)):
        for e in source:
            n = index.get(e.week)
            article = by_id.get(e.article)
            if n is None or article is None:
                continue
            _add(by_product, article.product or "General", n, e.count, len(weeks))
            for tag in article.tags:
                _add(by_tag, tag, n, e.count, len(weeks))
    trends.rising = rising(searches, by_id, today)
    return trends


def _add(table: dict[str, list[int]], name: str, n: int, count: int, size: int) -> None:
    table.setdefault(name, [0] * size)[n] += count


def rising(searches: list[Event], by_id: dict[str, Article], today: dt.date) -> list[Rising]:
    """Topics (search groups and tags) by how far this week rose above the weeks before."""
    this_week = week_of(today)
    before = {week_of(today - dt.timedelta(weeks=n)) for n in range(1, BEFORE + 1)}
    now: Counter[str] = Counter()
    then: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = {}
    for e in searches:
        counter = now if e.week == this_week else then if e.week in before else None
        if counter is None:
            continue
        key = " ".join(group_key(e.query))
        labels.setdefault(key, Counter())[" ".join(e.query.split())] += e.count
        counter[key] += e.count
        article = by_id.get(e.article)
        for tag in article.tags if article else []:
            counter[f"#{tag}"] += e.count
    found = []
    for topic, count in now.items():
        if count < MIN_RISE:
            continue
        average = then[topic] / BEFORE
        score = (count - average) / math.sqrt(average + 1)
        if score > 1:
            shown = topic if topic.startswith("#") else labels[topic].most_common(1)[0][0]
            found.append(Rising(shown, count, round(average, 2), round(score, 2)))
    return sorted(found, key=lambda r: (-r.score, r.topic))[:10]
