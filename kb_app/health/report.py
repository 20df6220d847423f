"""The knowledge-health report: what staff should fix, worked out from the team's signals.

- Flags: open flags (no reply yet), newest first, each with the article's owner.
- Gaps: searches that found nothing, and searches whose results nobody opened, grouped so
  that inflections and spelling variants count together (kb_app.health.gaps).
- Stale: published articles past or near `review_by`, or without owner or quick answer,
  most used first: the ones agents lean on are fixed first.
- Trends: searches and flags per week, per product and per tag, and the topics rising
  fastest this week against the four before (kb_app.health.trends).
- Use: the most viewed articles, and published ones nobody viewed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from kb_app.articles import Article
from kb_app.health import gaps, trends
from kb_app.health.events import Event
from kb_app.health.signals import as_searches, as_views
from kb_app.messages import Message, translate

if TYPE_CHECKING:
    from kb_app.search import KnowledgeSearcher

REVIEW_SOON_DAYS = 14
DEFAULT_DAYS = 28  # the period a report covers unless told otherwise
TOP = 20


@dataclass
class Reply:
    text: str
    by: str
    at: str


@dataclass
class FlagItem:
    id: str
    article: str
    title: str
    owner: str
    kind: str
    comment: str
    agent: str
    at: str
    desk: str
    replies: list[Reply] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return bool(self.replies)


@dataclass
class StaleItem:
    article: str
    title: str
    path: str
    owner: str
    review_by: str
    reasons: list[str]  # in English (kb report, its JSON and HTML)
    views: int
    said: list[Message] = field(default_factory=list, compare=False, repr=False)  # the same


@dataclass
class Viewed:
    article: str
    title: str
    views: int


@dataclass
class HealthReport:
    today: str
    since: str
    desks: int
    searches: int
    open_flags: list[FlagItem]
    answered_flags: list[FlagItem]
    no_results: list[gaps.Gap]
    not_opened: list[gaps.Gap]
    stale: list[StaleItem]
    trends: trends.Trends
    most_viewed: list[Viewed]
    never_viewed: list[Viewed]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for item in data["stale"]:
            del item["said"]  # the English reasons are the report's
        for name in ("open_flags", "answered_flags"):
            for item, flag in zip(data[name], getattr(self, name), strict=True):
                item["answered"] = flag.answered
        return data


def build(events: list[Event], articles: list[Article], today: dt.date | None = None,
          since: dt.date | None = None,
          answers: Callable[[str], bool] | None = None) -> HealthReport:
    """The report over `since` (by default the last DEFAULT_DAYS days) up to `today`; flags
    are all the open ones, however old. `answers(query)` says whether the knowledge base
    finds something for a query now: a gap someone has since written an article for
    leaves the list."""
    today = today or dt.date.today()
    since = since or today - dt.timedelta(days=DEFAULT_DAYS)
    start = dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)
    # up to tomorrow: a desk's clock may run a little ahead, not years (a line dated 9999)
    end = dt.datetime.combine(today + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)
    recent = [e for e in events if start <= e.when < end]
    by_id = {a.id: a for a in articles}
    searches = as_searches(recent)
    views = Counter[str]()
    for event in as_views(recent):
        views[event.article] += event.count
    open_flags, answered = flags(events, by_id)
    found_next = gaps.opened_next(searches)  # both gap lists name what was opened next
    return HealthReport(
        today=today.isoformat(), since=since.isoformat(),
        desks=len({e.desk for e in recent}), searches=sum(e.count for e in searches),
        open_flags=open_flags, answered_flags=answered,
        no_results=_titled(_still_open(gaps.no_results(searches, found_next), answers)[:TOP],
                           by_id),
        not_opened=_titled(gaps.not_opened(searches, found_next)[:TOP], by_id),
        stale=stale(articles, views, today), trends=trends.build(events, by_id, today),
        most_viewed=_viewed(views.most_common(TOP), by_id),
        never_viewed=[Viewed(a.id, a.title, 0) for a in sorted(articles, key=lambda a: a.path)
                      if _published(a) and not views[a.id]])


def _titled(found: list[gaps.Gap], by_id: dict[str, Article]) -> list[gaps.Gap]:
    """The gaps with the titles of the articles agents opened next (one no longer in the
    knowledge base is left out)."""
    for gap in found:
        gap.then_opened = [replace(f, title=by_id[f.article].title, path=by_id[f.article].path)
                           for f in gap.then_opened if f.article in by_id]
    return found


def _still_open(found: list[gaps.Gap], answers: Callable[[str], bool] | None,
                ) -> list[gaps.Gap]:
    """The gaps nothing answers yet (asked of the most frequent ones only: a search each)."""
    if answers is None:
        return found
    return [g for g in found[:TOP * 3] if not answers(g.label)]


def flags(events: list[Event], by_id: dict[str, Article]) -> tuple[list[FlagItem],
                                                                  list[FlagItem]]:
    """(open flags, answered flags), newest first; a reply names its flag by event id."""
    replies: dict[str, list[Reply]] = {}
    for e in events:
        if e.kind == "reply":
            replies.setdefault(e.flag, []).append(Reply(e.comment, e.agent, e.at))
    items = []
    for e in events:
        if e.kind != "flag":
            continue
        article = by_id.get(e.article)
        items.append(FlagItem(e.id, e.article, article.title if article else e.article,
                              article.owner if article else "", e.flag, e.comment, e.agent,
                              e.at, e.desk, replies.get(e.id, [])))
    items.sort(key=lambda f: (f.at, f.id), reverse=True)
    return [f for f in items if not f.answered], [f for f in items if f.answered]


def stale(articles: list[Article], views: Counter[str], today: dt.date) -> list[StaleItem]:
    """Published articles that need a look, the most viewed first."""
    found = []
    for a in articles:
        if not _published(a):
            continue
        reasons = _stale_reasons(a, today)
        if reasons:
            found.append(StaleItem(a.id, a.title, a.path, a.owner,
                                   a.review_by.isoformat() if a.review_by else "",
                                   [str(r) for r in reasons], views[a.id], reasons))
    found.sort(key=lambda s: (-s.views, s.review_by or "9999", s.path))
    return found


def _stale_reasons(article: Article, today: dt.date) -> list[Message]:
    reasons = []
    if article.review_by is not None:
        days = (article.review_by - today).days
        if days < 0:
            reasons.append(translate("Health", "review was due {n} day(s) ago").format(n=-days))
        elif days <= REVIEW_SOON_DAYS:
            reasons.append(translate("Health", "review due in {n} day(s)").format(n=days))
    if not article.owner:
        reasons.append(translate("Health", "no owner"))
    if not article.summary:
        reasons.append(translate("Health", "no quick answer"))
    return reasons


def _published(article: Article) -> bool:
    return article.status == "published"


def _viewed(counts: list[tuple[str, int]], by_id: dict[str, Article]) -> list[Viewed]:
    return [Viewed(i, by_id[i].title if i in by_id else i, n) for i, n in counts]


def answered_by(searcher: KnowledgeSearcher) -> Callable[[str], bool]:
    """Whether the knowledge base now has an article with every word of a query (what
    takes a gap off the report)."""
    return lambda query: searcher.search(query, limit=1).every_word
