"""Gyan beside SQLite FTS5 and tantivy at 1k to 100k articles, in one run (issue 11).

    python -m bench.bench_scale [--sizes 1000,10000,50000,100000] [--label after]
                                [--engines gyan,fts5,tantivy] [--reuse] [--bengali 0.0]

For each size: builds the corpus once (bench/corpus.py, reused when present), builds
each engine's index in its own process (time, peak memory), then starts one search
process per engine and sends them the same 441 agent-typed queries (bench/queries.py,
the last word cut short in 40%) interleaved, query by query in rotating order, so the
three see the same load. Each query is answered as the top 10 with a highlighted
snippet. Figures: each query's first run (first seen) and its second (repeated), the
memory of each process after opening and its peak after 200 queries, save -> findable
(an article gets a new word, then is searched for), and a cold `kb search` (its
equivalent for the others: a new process that opens the index and answers one query).
Prints one table per size and how each figure grows; writes
/tmp/gyan-scale/<label>/results.json. tantivy is the optional `bench` extra
(`pip install -e '.[bench]'`): without it, its column is left out with a note.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.corpus import build_corpus
from bench.queries import agent_queries, bengali_queries
from bench.scale_engines import tantivy_missing

REPO = Path(__file__).resolve().parent.parent
OUT = Path("/tmp/gyan-scale")
PEAK_AFTER = 200  # queries: the peak memory figure is read then
SAVES = 20
COLD_RUNS = 5
COLD_QUERY = "billing invoice"
NAMES = {"gyan": "Gyan", "fts5": "SQLite FTS5", "tantivy": "tantivy"}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# Where the bench's processes keep their compiled bytecode. An installed app has its .pyc
# (pip compiles them at install, the frozen build carries them); a shell with
# PYTHONDONTWRITEBYTECODE=1, as on this machine, would make every cold process compile
# Gyan's sources again, about 45 ms that no user pays.
PYCACHE = Path("/tmp/gyan-bench-pycache")


def child_env() -> dict[str, str]:
    """The environment of a timed process: bytecode kept, as an installed app has it."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def build(engine: str, corpus: Path, index: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "bench.scale_engines", "build", engine,
                          str(corpus), str(index)], cwd=REPO, env=child_env(),
                         capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


class Server:
    """One engine's search process."""

    def __init__(self, engine: str, corpus: Path, index: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.scale_engines", "serve", engine, str(corpus),
             str(index)], cwd=REPO, env=child_env(), stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True)
        self.opened = self.read()

    def ask(self, **request: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return self.read()

    def read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"engine process died (exit {self.proc.wait()})")
        return dict(json.loads(line))

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def run_queries(servers: dict[str, Server], queries: list[str]) -> dict[str, dict[str, Any]]:
    figures: dict[str, dict[str, Any]] = {n: {"first": [], "again": []} for n in servers}
    names = list(servers)
    for round_name in ("first", "again"):
        for i, q in enumerate(queries):
            for name in names[i % len(names):] + names[:i % len(names)]:
                figures[name][round_name].append(servers[name].ask(op="search", q=q)["ms"])
            if round_name == "first" and i + 1 == PEAK_AFTER:
                for name, server in servers.items():
                    figures[name]["memory"] = server.ask(op="rss")
    for name, server in servers.items():
        figures[name]["end_memory"] = server.ask(op="rss")
    return figures


def run_saves(servers: dict[str, Server], corpus: Path) -> dict[str, list[float]]:
    rel = save_target(corpus)
    original = (corpus / rel).read_text(encoding="utf-8")
    timings: dict[str, list[float]] = {n: [] for n in servers}
    try:
        for n in range(SAVES):
            for name, server in servers.items():
                answer = server.ask(op="save", rel=rel, n=n)
                if not answer["found"]:
                    print(f"  {name}: saved word {n} not found", file=sys.stderr)
                timings[name].append(answer["ms"])
    finally:
        for server in servers.values():
            server.ask(op="restore", rel=rel, text=original)
    return timings


def save_target(corpus: Path) -> str:
    first = sorted(p for p in corpus.iterdir() if p.is_dir())[0]
    return sorted(first.rglob("*.md"))[len(list(first.rglob("*.md"))) // 2].relative_to(
        corpus).as_posix()


def cold(engine: str, corpus: Path, index: Path) -> dict[str, float]:
    """Median time and peak memory of a new process answering one query."""
    from bench.scale_engines import ENGINES

    command = ENGINES[engine].cold(corpus, index, COLD_QUERY)
    subprocess.run(command, cwd=REPO, env=child_env(), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)  # untimed: writes the bytecode
    times, peaks = [], []
    for _ in range(COLD_RUNS):
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=REPO, env=child_env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return {"s": statistics.median(times), "mb": statistics.median(peaks)}


def bench_size(size: int, engines: list[str], label: str, reuse: bool, bengali: float,
               queries: list[str]) -> dict[str, Any]:
    corpus = build_corpus(size, bengali=bengali)
    results: dict[str, Any] = {name: {} for name in engines}
    for name in engines:
        index = OUT / label / f"{name}-{corpus.name}"
        if reuse and index.exists():
            continue
        shutil.rmtree(index, ignore_errors=True)
        index.mkdir(parents=True)
        results[name]["build"] = build(name, corpus, index)
        print(f"  {size}: {name} built in {results[name]['build']['seconds']:.1f} s",
              flush=True)
    servers = {name: Server(name, corpus, OUT / label / f"{name}-{corpus.name}")
               for name in engines}
    try:
        for name, server in servers.items():
            results[name]["open"] = server.opened
        for name, figures in run_queries(servers, queries).items():
            results[name]["queries"] = figures
        for name, timings in run_saves(servers, corpus).items():
            results[name]["saves"] = timings
    finally:
        for server in servers.values():
            server.close()
    for name in engines:
        results[name]["cold"] = cold(name, corpus, OUT / label / f"{name}-{corpus.name}")
    return results


# -- the tables ---------------------------------------------------------------------------

def figures(r: dict[str, Any]) -> dict[str, str]:
    """One engine's figures at one size, as the issue's table shows them."""
    q, saves, build_ = r.get("queries", {}), r.get("saves", []), r.get("build")
    first, again = q.get("first", [0.0]), q.get("again", [0.0])
    memory = q.get("memory", {})
    return {
        "query p95, first time seen": f"{pct(first, 0.95):.1f} ms (max {max(first):.0f})",
        "query p95, repeated": f"{pct(again, 0.95):.1f} ms (max {max(again):.0f})",
        "peak memory, 200 queries": (f"{memory.get('peak_mb', 0):,.0f} MB "
                                     f"({r['open']['rss_mb']:,.0f} MB after open)"),
        "cold search": f"{r['cold']['s']:.3f} s / {r['cold']['mb']:,.0f} MB",
        "saved article findable": (f"{statistics.median(saves):.0f} ms p50, "
                                   f"{max(saves):.0f} ms max" if saves else "-"),
        "full build": (f"{build_['seconds']:.0f} s, {build_['peak_mb']:,.0f} MB "
                       f"(workers {build_['children_peak_mb']:,.0f} MB)" if build_ else "reused"),
    }


def numbers(r: dict[str, Any]) -> dict[str, float]:
    """The figures as numbers, for growth."""
    q = r.get("queries", {})
    return {"query p95, first time seen": pct(q.get("first", [0.0]), 0.95),
            "query p95, repeated": pct(q.get("again", [0.0]), 0.95),
            "peak memory, 200 queries": q.get("memory", {}).get("peak_mb", 0.0),
            "cold search": r["cold"]["s"],
            "saved article findable": statistics.median(r.get("saves") or [0.0]),
            "full build": (r.get("build") or {}).get("seconds", 0.0)}


def show(size: int, results: dict[str, Any]) -> None:
    engines = list(results)
    print(f"\n| at {size:,} articles | " + " | ".join(NAMES[e] for e in engines) + " |")
    print("|---" * (len(engines) + 1) + "|")
    rows = {e: figures(results[e]) for e in engines}
    for key in rows[engines[0]]:
        print(f"| {key} | " + " | ".join(rows[e][key] for e in engines) + " |")


def show_growth(all_results: dict[int, dict[str, Any]]) -> None:
    sizes = sorted(all_results)
    engines = list(all_results[sizes[0]])
    print("\nHow each figure grows with the corpus (" + ", ".join(f"{s:,}" for s in sizes)
          + "; x = last / first size):")
    for key in numbers(all_results[sizes[0]][engines[0]]):
        parts = []
        for e in engines:
            values = [numbers(all_results[s][e])[key] for s in sizes]
            ratio = values[-1] / values[0] if values[0] else 0.0
            parts.append(f"{NAMES[e]} " + " / ".join(f"{v:.3g}" for v in values)
                         + f" (x{ratio:.1f})")
        print(f"- {key}: " + "; ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000,100000")
    parser.add_argument("--engines", default="gyan,fts5,tantivy")
    parser.add_argument("--label", default="run", help="subfolder of /tmp/gyan-scale")
    parser.add_argument("--reuse", action="store_true", help="reuse built indexes")
    parser.add_argument("--bengali", type=float, default=0.0,
                        help="share of Bengali articles (the Banglish queries are added)")
    args = parser.parse_args()
    engines = args.engines.split(",")
    if "tantivy" in engines and tantivy_missing():
        print("note: tantivy is not installed (pip install -e '.[bench]'): left out")
        engines.remove("tantivy")
    queries = agent_queries() + (bengali_queries() if args.bengali else [])
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"{len(queries)} queries; top 10 with snippets; load average {' '.join(load)}")
    all_results: dict[int, dict[str, Any]] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        all_results[size] = bench_size(size, engines, args.label, args.reuse, args.bengali,
                                       queries)
        show(size, all_results[size])
        (OUT / args.label).mkdir(parents=True, exist_ok=True)
        (OUT / args.label / "results.json").write_text(json.dumps(
            {str(k): v for k, v in all_results.items()}, indent=1))
    if len(all_results) > 1:
        show_growth(all_results)
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"\nload average at the end {' '.join(load)}")


if __name__ == "__main__":
    main()
