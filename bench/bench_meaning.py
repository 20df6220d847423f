"""Search by meaning at scale: what it costs a search, and how long a desk takes to make
the vectors (kb_app.meaning).

    python -m bench.bench_meaning [--size 100000] [--sample 200] [--queries 441]

1. The corpus of `size` articles (bench/corpus.py) is indexed, as bench_scale does
   (reused in /tmp/gyan-meaning/ix-<size> when current).
2. Encoding: the first `sample` indexed files are encoded for real, timed; the figure
   for the whole folder is extrapolated from it (articles a second, passages an
   article). Encoding 100,000 articles for real takes hours on two cores: this is the
   figure a desk would see for its first update.
3. The other files get vectors too, random but of the right count (each file's real
   passages), so the store has its real size and layout: the search cost does not
   depend on what the vectors say, only on how many there are and where.
4. Search cost: the scale benchmark's agent-typed queries, each through two searchers
   on the same index, one ranking by words alone and one with meaning, alternating
   which goes first; first seen and repeated, p50 and p95; the store's size on disk.
   With meaning made in this process, then by the window's helper process; with
   `--tantivy DIR`, tantivy in the same runs.
5. A cold `kb search` (a new process), with meaning and with --no-meaning, its bytecode
   kept as an installed app's is; with `--frozen dist/gyan/kb`, the frozen build's too.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.bench_scale import child_env, pct
from bench.corpus import build_corpus
from bench.queries import agent_queries
from kb_app.articles import read_article
from kb_app.index import KnowledgeIndex
from kb_app.meaning import DIMENSIONS
from kb_app.meaning.queries import InlineQueries, QueryProcess
from kb_app.meaning.store import MeaningStore
from kb_app.meaning.update import PART_FILES, encodable, passages

OUT = Path("/tmp/gyan-meaning")


def index_for(size: int) -> KnowledgeIndex:
    corpus = build_corpus(size)
    kb = KnowledgeIndex(OUT / f"ix-{size}", corpus, lock_timeout=600)
    start = time.perf_counter()
    report = kb.sync(workers=2)
    print(f"index: {report.indexed:,} articles ({time.perf_counter() - start:.1f} s)")
    return kb


def encode_sample(kb: KnowledgeIndex, sample: int) -> dict[str, float]:
    """Encode files for real, as a desk's update does, until `sample` are done (what the
    store lacks of them); their rate."""
    done = [0]
    start = time.perf_counter()
    report = kb.update_meanings(progress=lambda n, total: done.__setitem__(0, n),
                                should_stop=lambda: done[0] >= sample)
    return {"files": report.encoded, "passages": report.passages,
            "seconds": time.perf_counter() - start}


def fill_the_rest(kb: KnowledgeIndex, seed: int = 1) -> tuple[int, int]:
    """Random unit vectors, each file's real passage count, for every file without."""
    store = MeaningStore(kb.index_dir)
    have = store.entries()
    rng = np.random.default_rng(seed)
    rows: list[tuple[str, str, str | None, np.ndarray]] = []
    files = passages_total = 0
    for path, state in sorted((kb.manifest() or {}).items()):
        if not state.id or state.duplicate or path in have:
            continue
        article, _ = read_article(kb.articles_dir / path, kb.articles_dir)
        count = len(passages(article)) if encodable(article) else 0
        vectors = rng.normal(size=(count, DIMENSIONS)).astype(np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        rows.append((path, state.fingerprint, state.id if count else None, vectors))
        files, passages_total = files + 1, passages_total + count
        if len(rows) >= PART_FILES * 20:
            store.add(rows)
            rows = []
    if rows:
        store.add(rows)
    store.merge()
    return files, passages_total


def latency(kb: KnowledgeIndex, queries: list[str], tantivy: Any = None
            ) -> dict[str, dict[str, float]]:
    """Searches by words alone beside searches with meaning, on the same index, in two
    runs: meaning made in this process (`kb search`), then made in a helper process
    while the words are ranked (the window's). Apart, as they run: this process's own
    encoding leaves its BLAS threads spinning on the core the helper needs. In each run
    every query goes through both searchers, alternating which goes first, and through
    tantivy where given (bench.scale_engines.Tantivy, the scale issue's yardstick), so
    that the ratio comes from the same run."""
    runs: dict[str, dict[str, list[float]]] = {}
    helper = QueryProcess()
    for source, name in ((InlineQueries(), "meaning"), (helper, "meaning+helper")):
        kb.query_vectors = source
        words_name = "words" if name == "meaning" else "words (2nd run)"
        tantivy_name = "tantivy" if name == "meaning" else "tantivy (2nd run)"
        for label in (words_name, name) + ((tantivy_name,) if tantivy else ()):
            runs[label] = {"first": [], "again": []}
        with kb.searcher() as words, kb.searcher() as meaning:
            meaning.warm_meaning()
            source.warm()  # the helper started, its model loaded
            meaning.search("warm up the searcher", limit=10)
            engines: list[tuple[str, Callable[[str], object]]] = [
                (words_name, lambda q, s=words: s.search(q, limit=10, meaning=False)),
                (name, lambda q, s=meaning: s.search(q, limit=10, meaning=True))]
            if tantivy:
                engines.append((tantivy_name, tantivy.search))
            for n, query in enumerate(queries):
                order = engines[n % len(engines):] + engines[:n % len(engines)]
                for kind in ("first", "again"):
                    for label, search in order:
                        start = time.perf_counter()
                        search(query)
                        runs[label][kind].append((time.perf_counter() - start) * 1000)
    helper.close()
    return {name: {f"{kind} p50": statistics.median(values) for kind, values in r.items()}
            | {f"{kind} p95": pct(values, 0.95) for kind, values in r.items()}
            | {"max": max(max(values) for values in r.values())}
            for name, r in runs.items()}


def cold_search(kb: KnowledgeIndex, query: str, runs: int = 10,
                program: list[str] | None = None) -> dict[str, list[float]]:
    """A new `kb search` process each time (the scale issue's cold search), with meaning
    and with --no-meaning, alternating: seconds from start to exit. `program` is the
    command line's start (the frozen build's `dist/gyan/kb`); by default this Python's
    `-m kb_app`, with its bytecode kept as an installed app's is (bench_scale.child_env)."""
    import subprocess
    import sys

    times: dict[str, list[float]] = {"with meaning": [], "--no-meaning": []}
    base = (program or [sys.executable, "-m", "kb_app"]) + [
        "search", query, "--articles", str(kb.articles_dir), "--index", str(kb.index_dir),
        "--json"]
    subprocess.run(base, check=True, stdout=subprocess.DEVNULL, env=child_env())  # bytecode
    for n in range(runs * 2):
        name = "with meaning" if n % 2 == 0 else "--no-meaning"
        command = base + ([] if name == "with meaning" else ["--no-meaning"])
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=child_env())
        times[name].append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--queries", type=int, default=441)
    parser.add_argument("--tantivy", type=Path, default=None,
                        help="a folder holding bench_scale's tantivy index of the same "
                             "corpus (/tmp/gyan-scale/LABEL/tantivy-corpus-SIZE): timed "
                             "in the same runs")
    parser.add_argument("--frozen", type=Path, default=None,
                        help="the frozen build's kb (dist/gyan/kb): its cold search too")
    args = parser.parse_args()
    kb = index_for(args.size)
    rate = encode_sample(kb, args.sample)
    if rate["files"]:
        per_file = rate["seconds"] / rate["files"]
        per_passage = rate["seconds"] / max(rate["passages"], 1)
        print(f"encoding: {rate['files']} files, {rate['passages']} passages in "
              f"{rate['seconds']:.1f} s: {per_file * 1000:.0f} ms a file, "
              f"{per_passage * 1000:.0f} ms a passage")
        start = time.perf_counter()
        files, total = fill_the_rest(kb)
        print(f"filled {files:,} more files ({total:,} passages) in "
              f"{time.perf_counter() - start:.0f} s")
        all_files, all_passages = rate["files"] + files, rate["passages"] + total
        print(f"a desk's first update for {all_files:,} files ({all_passages:,} "
              f"passages): about {per_passage * all_passages / 3600:.1f} h")
    else:
        print("vectors reused from the last run (remove the index folder to time "
              "encoding again)")
    size = sum(p.stat().st_size for p in MeaningStore(kb.index_dir).folder.glob("part-*"))
    print(f"store: {size / 2**20:.0f} MB on disk")
    tantivy = None
    if args.tantivy:
        from bench.scale_engines import Tantivy

        tantivy = Tantivy(kb.articles_dir, args.tantivy)
        tantivy.open()
    figures = latency(kb, agent_queries(args.queries), tantivy)
    programs = {"kb search": None}
    if args.frozen:
        programs["frozen kb search"] = [str(args.frozen)]
    for label, program in programs.items():
        cold = cold_search(kb, "how do i change the dashboard language", program=program)
        for name, values in cold.items():
            print(f"cold {label} {name}: median {statistics.median(values):.2f} s "
                  f"(min {min(values):.2f}, max {max(values):.2f}, {len(values)} runs)")
    print(f"peak memory of this process (two searchers, the encoder): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"{'':16} {'first p50':>10} {'first p95':>10} {'again p50':>10} {'again p95':>10}"
          f" {'max':>8}")
    for name, f in figures.items():
        print(f"{name:16} {f['first p50']:10.2f} {f['first p95']:10.2f} "
              f"{f['again p50']:10.2f} {f['again p95']:10.2f} {f['max']:8.1f}  ms")


if __name__ == "__main__":
    main()
