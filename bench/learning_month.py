"""A month of the team's use, simulated: how much better the relevance queries rank when
agents have searched them for a month and opened what they chose (issue 16, kb_app.learning).

    python -m bench.learning_month [--held-out] [--desks 20] [--days 30] [--seed 7]
                                   [--misled 0.5]

Each query of the relevance set (bench/relevance_queries.json, or the held-out set) is a
customer question that comes back: a seeded draw says how many of the desks meet it
(most questions few, some many) and on how many days of the month. Day by day, each desk
that meets it searches it on the ranking of that day (the table learnt from every desk's
opens so far, as the app loads it after a sync), and the agent opens:
- a right article (the expected one or an `also_ok`) when the first page shows it, with
  probability P_RIGHT (they read the snippets; the lower, the more noise);
- otherwise the first result, with probability P_MISLED (a wrong open: the learning has
  to survive it);
- otherwise nothing (the app logs a search whose results stood on screen as opening
  nothing).
Unless they opened a right article, with probability P_REPHRASE the agent then says it
again in other words (the expected article's title: they found it another way) a minute
later and opens the right article if that search shows it. The learning credits the
first search with it (kb_app.learning's chains), so a query none of whose words the
article has can still be mended by use.

Printed: recall@1, recall@5 and MRR@10 with the plain ranking and after the month, for
all queries, for those the month met on at least FULL_AT desks, and per kind; and how
many queries rose and fell. The learnt table is then also applied to the other set
(queries never searched in the month) to show what it does to queries it was not taught.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
from pathlib import Path

from bench.quality import figures
from bench.relevance import HELD_OUT, QUERIES, SOURCES, Case, load_cases, rank_of, titles
from kb_app import learning
from kb_app.health.events import Event
from kb_app.index import KnowledgeIndex
from kb_app.search import KnowledgeSearcher

P_RIGHT = 0.8
P_MISLED = 0.5
P_REPHRASE = 0.6
START = dt.date(2026, 10, 1)


def plan(cases: list[Case], desks: int, days: int, rng: random.Random
         ) -> dict[int, list[tuple[int, str]]]:
    """Day -> the (case index, desk) searches of that day. How many desks meet a
    question is drawn from a long tail (half meet it on one to three desks, a few on
    all); each such desk meets it on one to six days of the month."""
    by_day: dict[int, list[tuple[int, str]]] = {d: [] for d in range(days)}
    for n, _ in enumerate(cases):
        reach = min(desks, max(1, int(rng.paretovariate(0.9))))
        for desk in rng.sample(range(desks), reach):
            for day in rng.sample(range(days), rng.randint(1, 6)):
                by_day[day].append((n, f"desk{desk:02d}"))
    return by_day


def ranks(searcher: KnowledgeSearcher, cases: list[Case],
          learned: learning.Learned | None) -> list[int | None]:
    return [rank_of([h.id for h in searcher.search(c.query, limit=10, learned=learned
                                                   ).results], c.right) for c in cases]


def simulate(searcher: KnowledgeSearcher, cases: list[Case], desks: int, days: int,
             seed: int, titles: dict[str, dict[str, str]], misled: float = P_MISLED
             ) -> tuple[learning.Learned, dict[int, set[str]]]:
    """The month, day by day; the table learnt at its end, and which desks met each case.
    `titles`: source -> article id -> title (what an agent types when they say it again)."""
    rng = random.Random(seed)
    schedule = plan(cases, desks, days, rng)
    events: list[Event] = []
    met: dict[int, set[str]] = {}
    learned = learning.Learned()
    for day in range(days):
        today = START + dt.timedelta(days=day)
        for row, (n, desk) in enumerate(schedule[day]):
            case = cases[n]
            met.setdefault(n, set()).add(desk)
            shown = [h.id for h in searcher.search(case.query, limit=10,
                                                   learned=learned).results]
            right = [i for i in shown if i in case.right]
            at = dt.datetime.combine(today, dt.time(9 + row % 8), tzinfo=dt.UTC)
            if right and rng.random() < P_RIGHT:
                opened = right[0]
            elif shown and rng.random() < misled:
                opened = shown[0]
            else:
                opened = ""
            events.append(Event(f"{desk}:searches:{day}-{row}", "search",
                                at.isoformat(timespec="seconds"), desk, query=case.query,
                                results=len(shown), article=opened))
            if opened in case.right or rng.random() >= P_REPHRASE:
                continue
            again = titles[case.source][case.expect]
            shown = [h.id for h in searcher.search(again, limit=10, learned=learned).results]
            if case.expect in shown:
                at += dt.timedelta(seconds=60)
                events.append(Event(f"{desk}:searches:{day}-{row}b", "search",
                                    at.isoformat(timespec="seconds"), desk, query=again,
                                    results=len(shown), article=case.expect))
        learned = learning.learn(events, today + dt.timedelta(days=1))
    return learned, met


def line(name: str, before: list[int | None], after: list[int | None]) -> str:
    b, a = figures(before), figures(after)
    return (f"{name:<28}{len(before):>4}   " + "   ".join(
        f"{x:.3f} -> {y:.3f} ({y - x:+.3f})" for x, y in zip(b, a, strict=True)))


def report(title: str, cases: list[Case], before: list[int | None],
           after: list[int | None], met: dict[int, set[str]] | None) -> None:
    print(f"\n{title}")
    print(f"{'':<28}{'n':>4}   {'R@1':<24}   {'R@5':<24}   MRR@10")
    print(line("all", before, after))
    if met is not None:
        often = [n for n in range(len(cases)) if len(met.get(n, ())) >= learning.FULL_AT]
        print(line(f"met on >= {learning.FULL_AT:.0f} desks", [before[n] for n in often],
                   [after[n] for n in often]))
        for n in often:
            if after[n] != 1:
                print(f"  still not first: [{cases[n].source}/{cases[n].kind}] "
                      f"{cases[n].query!r}: {before[n] or '-'} -> {after[n] or '-'}")
    for kind in sorted({c.kind for c in cases}):
        chosen = [n for n, c in enumerate(cases) if c.kind == kind]
        print(line(f"  {kind}", [before[n] for n in chosen], [after[n] for n in chosen]))
    rose = sum(1 for x, y in zip(before, after, strict=True) if (y or 99) < (x or 99))
    fell = sum(1 for x, y in zip(before, after, strict=True) if (y or 99) > (x or 99))
    print(f"rose: {rose}   fell: {fell}")
    for n, (x, y) in enumerate(zip(before, after, strict=True)):
        if (y or 99) > (x or 99):
            print(f"  fell: [{cases[n].source}/{cases[n].kind}] {cases[n].query!r}: "
                  f"{x or '-'} -> {y or '-'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--held-out", action="store_true",
                        help="simulate the month on the held-out set (the other one is "
                             "then the set it was not taught)")
    parser.add_argument("--desks", type=int, default=20)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--misled", type=float, default=P_MISLED,
                        help="how often an agent opens a wrong first result (P_MISLED)")
    parser.add_argument("--meaning", action="store_true",
                        help="the articles' meaning vectors made first (kb_app.meaning): "
                             "the month on top of search by meaning")
    args = parser.parse_args()
    taught = load_cases(HELD_OUT if args.held_out else QUERIES)
    other = load_cases(QUERIES if args.held_out else HELD_OUT)
    print(f"== A month of use: {len(taught)} queries, {args.desks} desks, {args.days} days,"
          f" seed {args.seed}; agents open a right article shown with p={P_RIGHT}, else "
          f"the first result with p={args.misled}, else say it again with p={P_REPHRASE} ==")
    results: dict[str, tuple[list[int | None], ...]] = {}
    for source, folder in SOURCES.items():
        mine = [c for c in taught if c.source == source]
        theirs = [c for c in other if c.source == source]
        with tempfile.TemporaryDirectory() as tmp:
            kb = KnowledgeIndex(Path(tmp) / "ix", folder())
            kb.sync()
            if args.meaning:
                kb.update_meanings()
            with kb.searcher() as searcher:
                before = ranks(searcher, mine, None)
                learned, met = simulate(searcher, mine, args.desks, args.days,
                                        args.seed + len(source),
                                        {source: titles(kb.articles_dir)}, args.misled)
                after = ranks(searcher, mine, learned)
                other_before = ranks(searcher, theirs, None)
                other_after = ranks(searcher, theirs, learned)
        results[source] = (mine, before, after, met, theirs, other_before, other_after)
    cases = [c for r in results.values() for c in r[0]]
    met_all: dict[int, set[str]] = {}
    offset = 0
    for r in results.values():
        met_all.update({offset + n: desks for n, desks in r[3].items()})
        offset += len(r[0])
    report("Queries searched during the month (plain ranking -> after the month)", cases,
           [x for r in results.values() for x in r[1]],
           [x for r in results.values() for x in r[2]], met_all)
    report("The other set, never searched (plain -> with the month's table)",
           [c for r in results.values() for c in r[4]],
           [x for r in results.values() for x in r[5]],
           [x for r in results.values() for x in r[6]], None)


if __name__ == "__main__":
    main()
