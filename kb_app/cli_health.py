"""`kb report`: the knowledge-health report of a knowledge base, from a terminal.

It reads this desk's records (published into its signals file first), the team's signals
files kept beside them (team sync brings them; `kb_app.health.signals`), and any files
given with `--import` (desks without a remote hand theirs over: `kb report --export FILE`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

from kb_app.articles import load_folder
from kb_app.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, sync_before_reading
from kb_app.fileio import atomic_write_bytes, atomic_write_text
from kb_app.health import gaps, report, signals
from kb_app.knowledge_base import KnowledgeBase
from kb_app.siteout import ExportRefused, refuse_unsafe_file

COMMANDS = ("report",)


def add_commands(sub: argparse._SubParsersAction,
                 common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("report", help="knowledge health: flags, gaps, stale articles, trends")
    common(p)
    p.add_argument("--since", type=dt.date.fromisoformat,
                   help=f"from this date, YYYY-MM-DD (default: {report.DEFAULT_DAYS} days ago)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the report as JSON")
    out.add_argument("--html", type=Path, metavar="FILE", help="write the report as HTML")
    p.add_argument("--import", dest="imports", type=Path, nargs="+", default=[],
                   metavar="FILE", help="other desks' signals files (or folders of them)")
    p.add_argument("--export", type=Path, metavar="FILE",
                   help="write this desk's signals file to FILE, for a desk without a remote")


def run(args: argparse.Namespace) -> int:
    try:  # an output that would replace an article, or is a folder: refused first
        for out in (args.export, args.html):
            if out is not None:
                refuse_unsafe_file(out, args.articles)
    except ExportRefused as exc:
        print(f"kb: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with KnowledgeBase(args.articles, args.index) as base:
        own = base.publish_signals()
        if args.export:
            return _export(own, args.export)
        missing = [p for p in args.imports if not p.exists()]
        if missing:
            print(f"kb: no such file: {missing[0]}", file=sys.stderr)
            return EXIT_USAGE
        team = signals.team_folder(base.data_dir)
        read = signals.read([team, *args.imports] if team.is_dir() else args.imports)
        for problem in read.problems:
            print(f"kb: {problem}", file=sys.stderr)
        sync_before_reading(base.index)
        with base.searcher() as searcher:
            health = report.build(read.events, load_folder(args.articles).articles,
                                  since=args.since, answers=report.answered_by(searcher))
    if args.json:
        print(json.dumps(health.to_json(), ensure_ascii=False, indent=2))
    elif args.html:
        return _write_html(health, args.html)
    else:
        print_summary(health)
    return EXIT_OK


def _export(own: Path, path: Path) -> int:
    """This desk's signals file copied to `path`; an empty file if the desk has recorded
    nothing yet (searched only from the command line, which records nothing)."""
    try:
        data = own.read_bytes() if own.is_file() else b""
        atomic_write_bytes(Path(path).expanduser(), data)
    except OSError as exc:
        print(f"kb: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    said = "" if data else " (none recorded yet: the file is empty)"
    print(f"wrote this desk's signals to {path}{said}")
    return EXIT_OK


def _write_html(health: report.HealthReport, path: Path) -> int:
    from kb_app.health import html  # matplotlib: only when a chart is drawn

    try:
        atomic_write_text(Path(path).expanduser(), html.render(health))
    except OSError as exc:
        print(f"kb: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"wrote the report to {path}")
    return EXIT_OK


def _then_opened(gap: gaps.Gap) -> str:
    """What agents opened after saying it again in other words, if anything."""
    found = ", ".join(f"{f.title} ({f.searches})" for f in gap.then_opened)
    return f"  -> then opened {found}" if found else ""


def print_summary(health: report.HealthReport) -> None:
    print(f"Knowledge health {health.since} to {health.today}: {health.desks} desk(s), "
          f"{health.searches} search(es)")
    print(f"\nOpen flags ({len(health.open_flags)}):")
    for f in health.open_flags[:10]:
        owner = f" (owner {f.owner})" if f.owner else ""
        print(f"  {f.kind:9} {f.title}{owner}: {f.comment or '—'}  [{f.agent}, {f.at[:10]}]")
    print(f"\nSearches that found nothing ({len(health.no_results)}):")
    for g in health.no_results[:10]:
        print(f"  {g.searches:4}× {g.label}  ({g.desks} desk(s)){_then_opened(g)}")
    print(f"\nSearches whose results nobody opened ({len(health.not_opened)}):")
    for g in health.not_opened[:10]:
        print(f"  {g.searches:4}× {g.label}{_then_opened(g)}")
    print(f"\nStale articles ({len(health.stale)}):")
    for s in health.stale[:10]:
        print(f"  {s.title} ({s.path}): {'; '.join(s.reasons)}  [{s.views} view(s)]")
    if health.trends.rising:
        print("\nRising this week: " + ", ".join(
            f"{t.topic} ({t.this_week}, was {t.before:.1f} a week)"
            for t in health.trends.rising))
