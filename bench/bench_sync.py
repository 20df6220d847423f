"""Team sync benchmark: a remote with `size` articles served over smart HTTP by dulwich on
127.0.0.1 (a child process, as a team's server is another machine's process).

    python -m bench.bench_sync [--size 10000] [--rounds 10] [--desks 50]

1. A first desk publishes the corpus (bench/corpus.py) to an empty remote.
2. A new desk: first clone, then the first index (the two figures apart).
3. Rounds: the editor changes one article, saves it (written, indexed, recorded) and
   syncs (push); an agent's desk syncs (fetch, update the file, re-index it) and
   searches for the new word. "Findable after push" is the agent's sync plus the
   search: what an agent waits once the change is on the server, leaving out the
   polling interval (the app syncs every 60 s, or at once with F6).
4. Load: `desks` new desks fetch the whole remote at the same moment (each a child
   process: a fetch of every object, the heaviest request a desk makes); every fetch
   must succeed, and the time of each is given.

Prints figures; not a test (tests/test_team_load.py is the small version).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_ui import percentile  # noqa: E402
from bench.corpus import build_corpus  # noqa: E402

FETCH_SCRIPT = """
import json, sys, time
from dulwich.repo import Repo
from kb_app.team import transfer
from kb_app.team.remote import Login
start = time.perf_counter()
with Repo.init(sys.argv[2], mkdir=True) as repo:
    try:
        fetched = transfer.fetch(repo, sys.argv[1], Login(), 300.0)
        ok = bool(fetched.heads) and all(sha in repo.object_store
                                         for sha in fetched.heads.values())
        error = ""
    except Exception as exc:
        ok, error = False, f"{type(exc).__name__}: {exc}"
print(json.dumps({"ok": ok, "seconds": time.perf_counter() - start, "error": error}))
"""


def publish(corpus: Path, work: Path, url: str) -> tuple[object, float]:
    from kb_app.knowledge_base import KnowledgeBase

    seed = work / "editor"
    shutil.copytree(corpus, seed)
    kb = KnowledgeBase(seed, work / "index-editor")
    kb.team.set_remote(url, "editor")
    start = time.perf_counter()
    result = kb.team.sync("Bench editor")
    assert result.pushed, result.message
    took = time.perf_counter() - start
    kb.sync(workers=2)  # the editor's own index, as the app keeps it
    return kb, took


def new_desk(url: str, work: Path, name: str) -> tuple[object, float, float]:
    from kb_app.knowledge_base import KnowledgeBase

    start = time.perf_counter()
    kb = KnowledgeBase.clone(url, work / name, "agent", index_dir=work / f"index-{name}")
    cloned = time.perf_counter()
    kb.sync(workers=2)
    return kb, cloned - start, time.perf_counter() - cloned


def one_round(editor: object, agent: object, paths: list[str], n: int) -> dict[str, float]:
    word = f"zanzibarium{n}"
    for k in range(n * 97, n * 97 + len(paths)):  # an article that passes its checks
        path = paths[k % len(paths)]
        edit = editor.load(path)  # type: ignore[attr-defined]
        edit = edit.with_body(edit.body + f"\n{word} is the new answer.\n")
        if not edit.value("summary"):
            edit = edit.with_fields(summary="The quick answer.")
        if not editor.check(edit):  # type: ignore[attr-defined]
            break
    start = time.perf_counter()
    editor.save(edit, "Bench editor")  # type: ignore[attr-defined]
    saved = time.perf_counter()
    assert editor.team.sync("Bench editor").pushed  # type: ignore[attr-defined]
    pushed = time.perf_counter()
    result = agent.team.sync()  # type: ignore[attr-defined]
    with agent.searcher() as searcher:  # type: ignore[attr-defined]
        found = [hit.path for hit in searcher.search(word).results]
    findable = time.perf_counter()
    assert result.changed == [path] and found == [path], (result.changed, found)
    return {"save": saved - start, "push": pushed - saved, "findable": findable - pushed}


def load(url: str, work: Path, desks: int) -> list[dict[str, object]]:
    """`desks` child processes fetch everything at once."""
    root = Path(__file__).resolve().parent.parent
    (work / "load").mkdir()
    children = [subprocess.Popen([sys.executable, "-c", FETCH_SCRIPT, url,
                                  str(work / "load" / f"desk-{n}")],
                                 stdout=subprocess.PIPE, text=True, cwd=root)
                for n in range(desks)]
    return [json.loads(child.communicate()[0] or '{"ok": false, "seconds": 0, '
                       '"error": "no answer"}') for child in children]


def report(name: str, values: list[float]) -> str:
    return (f"{name:<22} median {statistics.median(values) * 1000:7.0f} ms   "
            f"p95 {percentile(values, 0.95) * 1000:7.0f} ms   max {max(values) * 1000:7.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--desks", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gyan-bench-sync-"))
    os.environ.setdefault("GYAN_CACHE_DIR", str(work / "cache"))
    os.environ.setdefault("GYAN_DATA_DIR", str(work / "data"))
    from tests.gitserver import ServerProcess, bare

    corpus = build_corpus(args.size)
    bare(work / "server")
    server = ServerProcess(work / "server")
    try:
        url = server.url("team.git")
        editor, published = publish(corpus, work, url)
        print(f"{args.size:,} articles; remote {url}")
        print(f"first publish (record + push everything)   {published:7.1f} s")
        agent, cloned, indexed = new_desk(url, work, "agent")
        print(f"new desk: first clone                     {cloned:7.1f} s")
        print(f"new desk: first index                     {indexed:7.1f} s")
        print(f"new desk: clone + index                   {cloned + indexed:7.1f} s")
        paths = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.md"))
        rounds = [one_round(editor, agent, paths, n) for n in range(args.rounds)]
        for key in ("save", "push", "findable"):
            print(report(f"one article: {key}", [r[key] for r in rounds]))
        if args.desks:
            start = time.perf_counter()
            fetches = load(url, work, args.desks)
            wall = time.perf_counter() - start
            good = [f for f in fetches if f["ok"]]
            print(f"{args.desks} desks fetch at once: {len(good)} of {len(fetches)} succeeded "
                  f"in {wall:.1f} s wall")
            print(report("  each fetch", [float(f["seconds"]) for f in fetches]))
            for failed in (f for f in fetches if not f["ok"]):
                print(f"  failed: {failed['error']}")
    finally:
        server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
