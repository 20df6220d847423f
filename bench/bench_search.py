"""Search benchmark: build, size, query latency, save-to-findable, cold CLI; SQLite FTS5 beside.

    python -m bench.bench_search [--sizes 0,10000] [--runs 5]

Prints a table per corpus size and writes /tmp/gyan-bench/results.json. Figures, not tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import OUT, build_corpus
from bench.queries import all_queries, bengali_queries
from kb_app import plaintext
from kb_app.articles import ArticleError, article_files, read_article
from kb_app.index import KnowledgeIndex

REPO = Path(__file__).resolve().parent.parent


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50": statistics.median(values), "p95": pct(values, 0.95), "max": max(values)}


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def time_queries(search, queries: list[str]) -> list[float]:
    timings = []
    for q in queries:
        start = time.perf_counter()
        search(q)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def bench_gyan(corpus: Path, queries: list[str], runs: int) -> dict:
    index = OUT / f"index-{corpus.name}"
    shutil.rmtree(index, ignore_errors=True)
    kb = KnowledgeIndex(index, corpus)
    report = kb.rebuild(workers=2)
    result = {"articles": report.indexed, "build_s": report.seconds, "size_mb": folder_mb(index)}
    with kb.searcher() as s:
        result["first_pass_ms"] = summary(time_queries(lambda q: s.search(q, limit=10), queries))
        result["warm_ms"] = summary(time_queries(lambda q: s.search(q, limit=10), queries))
    result["save_to_findable_ms"] = summary(save_to_findable(kb, corpus))
    result["cold_cli_ms"] = cold_cli(corpus, index, runs)
    return result


def save_to_findable(kb: KnowledgeIndex, corpus: Path, repeats: int = 20) -> list[float]:
    """Write a new word into an article; time until a warm searcher finds it."""
    target = sorted(corpus.rglob("*.md"))[len(list(corpus.rglob("*.md"))) // 2]
    original = target.read_text(encoding="utf-8")
    timings = []
    with kb.searcher() as s:
        try:
            for n in range(repeats):
                word = f"zqxfresh{n}word"
                start = time.perf_counter()
                target.write_text(original + f"\n\n{word}\n", encoding="utf-8")
                kb.sync()
                s.refresh()
                found = s.search(word).results
                timings.append((time.perf_counter() - start) * 1000)
                assert found, f"{word} not found after sync"
        finally:
            target.write_text(original, encoding="utf-8")
            kb.sync()
    return timings


def cold_cli(corpus: Path, index: Path, runs: int) -> float:
    command = [sys.executable, "-m", "kb_app", "search", "billing invoice", "--articles",
               str(corpus), "--index", str(index), "--json"]
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=REPO,
                       env={**os.environ, "PYTHONPATH": str(REPO)})
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def fts_query(text: str) -> str | None:
    tokens = [t for t in "".join(c if c.isalnum() else " " for c in text).split() if t]
    if not tokens:
        return None
    quoted = [f'"{t}"' for t in tokens]
    if not text.endswith(" "):
        quoted[-1] += "*"
    return " ".join(quoted)


def bench_fts5(corpus: Path, queries: list[str]) -> dict:
    db_path = OUT / f"fts-{corpus.name}.sqlite3"
    db_path.unlink(missing_ok=True)
    start = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body, "
               "tokenize='porter unicode61')")
    rows = []
    for path in article_files(corpus):
        try:
            article, _ = read_article(path, corpus)
        except ArticleError:
            continue
        rows.append((article.path, article.title, plaintext.plain(article.body)))
    db.executemany("INSERT INTO docs VALUES (?, ?, ?)", rows)
    db.commit()
    build = time.perf_counter() - start
    sql = ("SELECT path, title, snippet(docs, 2, '<mark>', '</mark>', '…', 24) FROM docs "
           "WHERE docs MATCH ? ORDER BY bm25(docs, 0, 4.0, 1.0) LIMIT 10")

    def search(q: str) -> list:
        match = fts_query(q)
        return db.execute(sql, (match,)).fetchall() if match else []

    time_queries(search, queries)
    warm = summary(time_queries(search, queries))
    db.close()
    return {"articles": len(rows), "build_s": build, "size_mb": db_path.stat().st_size / 2**20,
            "warm_ms": warm}


def show(size_name: str, gyan: dict, fts: dict) -> None:
    print(f"\n== corpus {size_name}: {gyan['articles']:,} articles ==")
    print(f"{'':28}{'Gyan (Whoosh+NumPy)':>22}{'SQLite FTS5':>16}")
    print(f"{'full build':28}{gyan['build_s']:>20.1f} s{fts['build_s']:>14.1f} s")
    print(f"{'index size':28}{gyan['size_mb']:>19.1f} MB{fts['size_mb']:>13.1f} MB")
    for label, key in (("query p50 (warm)", "p50"), ("query p95 (warm)", "p95"),
                       ("query max (warm)", "max")):
        print(f"{label:28}{gyan['warm_ms'][key]:>19.1f} ms{fts['warm_ms'][key]:>13.2f} ms")
    first = gyan["first_pass_ms"]
    print(f"{'first pass p50 / p95':28}{first['p50']:>10.1f} / {first['p95']:.1f} ms"
          "   (each query's first run, term cache cold)")
    s2f = gyan["save_to_findable_ms"]
    print(f"{'save-to-findable p50 / p95':28}{s2f['p50']:>10.0f} / {s2f['p95']:.0f} ms")
    print(f"{'cold kb search (median)':28}{gyan['cold_cli_ms']:>19.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="0,10000", help="0 = the corpus as it is")
    parser.add_argument("--runs", type=int, default=5, help="cold CLI runs")
    parser.add_argument("--bengali", type=float, default=0.0,
                        help="share of Bengali articles (and Banglish, Bengali queries added)")
    args = parser.parse_args()
    queries = all_queries() + (bengali_queries() if args.bengali else [])
    print(f"{len(queries)} queries; search + top 10 with snippets")
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = build_corpus(size, bengali=args.bengali)
        gyan = bench_gyan(corpus, queries, args.runs)
        fts = bench_fts5(corpus, queries)
        name = str(size or "as-is")
        show(name, gyan, fts)
        results[name] = {"gyan": gyan, "fts5": fts}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
