"""Knowledge-health benchmark: a year of events from 200 desks.

    python -m bench.bench_health [--desks 200] [--weeks 52] [--per-day 30]

Writes each desk's signals file with a year of searches, views and flags (as the app would
over time), rolls old events up into weekly counts (what every desk does on publishing),
and times reading all files and building the report. Prints file sizes and times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import time
from pathlib import Path

from kb_app import config
from kb_app.articles import load_folder
from kb_app.health import report, signals
from kb_app.health.events import Event

OUT = Path("/tmp/gyan-bench/health")


def generate(folder: Path, desks: int, weeks: int, per_day: int, today: dt.date) -> int:
    articles = [a for a in load_folder(config.bundled_articles_dir()).articles
                if a.status == "published"]
    queries = [(a.title.split(":")[0][:40].casefold(), a.id) for a in articles]
    rng = random.Random(1)
    total = 0
    for d in range(desks):
        desk, lines = f"desk{d:03d}", []
        for day in range(weeks * 7):
            when = today - dt.timedelta(days=day)
            if when.weekday() >= 5:
                continue
            for n in range(per_day):
                query, article = rng.choice(queries)
                found = rng.random() > 0.05
                opened = article if found and rng.random() > 0.3 else ""
                at = dt.datetime.combine(when, dt.time(9 + n % 9, n % 60), tzinfo=dt.UTC)
                stamp = at.isoformat(timespec="seconds")
                lines.append(Event(f"{desk}:searches:{day}-{n}", "search", stamp, desk,
                                   query=query if found else f"{query} gap {n % 7}",
                                   results=3 if found else 0, article=opened).to_line())
                if opened:
                    lines.append(Event(f"{desk}:views:{day}-{n}", "view", stamp, desk,
                                       article=opened).to_line())
                if rng.random() < 0.002:
                    lines.append(Event(f"{desk}:flags:{day}-{n}", "flag", stamp, desk,
                                       article=article, flag="outdated", comment="check",
                                       agent=desk).to_line())
            total += per_day
        (folder / f"{desk}{signals.SUFFIX}").write_text("\n".join(lines) + "\n",
                                                        encoding="utf-8")
    return total


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.glob("*.jsonl")) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--desks", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--per-day", type=int, default=30)
    args = parser.parse_args()
    today = dt.date(2026, 11, 25)
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    start = time.perf_counter()
    searches = generate(OUT, args.desks, args.weeks, args.per_day, today)
    print(f"{args.desks} desks x {args.weeks} weeks: {searches:,} searches written in "
          f"{time.perf_counter() - start:.0f} s; raw files {size_mb(OUT):.1f} MB")
    start = time.perf_counter()
    for path in sorted(OUT.glob("*.jsonl")):
        signals.roll_up(path, today)
    print(f"rolled up (raw for {signals.RAW_WEEKS} weeks, weekly counts before): "
          f"{size_mb(OUT):.1f} MB, {size_mb(OUT) / args.desks * 1024:.0f} KB a desk, "
          f"in {time.perf_counter() - start:.1f} s")
    articles = load_folder(config.bundled_articles_dir()).articles
    start = time.perf_counter()
    read = signals.read([OUT])
    loaded = time.perf_counter() - start
    built = report.build(read.events, articles, today,
                         since=today - dt.timedelta(weeks=args.weeks))
    total = time.perf_counter() - start
    print(f"report over {len(read.events):,} events: read {loaded:.1f} s, "
          f"read + built {total:.1f} s ({built.searches:,} searches counted, "
          f"{len(built.no_results)} gap groups)")


if __name__ == "__main__":
    main()
