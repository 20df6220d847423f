"""Agent window benchmark: keystroke to painted results, and start to ready.

    python bench/bench_ui.py [--articles DIR] [--size 10000] [--index DIR]
                             [--phrases] [--words-only]

Runs the real window offscreen on a large knowledge base (by default the 10,000-article
corpus that bench/corpus.py builds from ../shared/corpus), on an index it builds or on
`--index` (one already built, e.g. by bench_scale). Prints figures, the window's memory 10 s
after start and after the typing among them; not a test. `--phrases` types agent-style
English phrases as well, which search by meaning re-ranks from their second word
(kb_app.meaning; their vectors must exist: bench.bench_meaning makes them for its
index), and `--words-only` turns meaning off in the window, to compare.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUERIES = ["refund", "billing invoice", "cancel subscription", "goal conversions",
           "custom domain", "two factor", "wordpress plugin", "export csv", "team members",
           "google analytics import", "bot traffic", "funnel", "revenue", "proxy setup",
           "gogle analitics", "শাখা", "embed dashboard", "api key", "trial", "email reports"]
PHRASES = ["how do i stop counting my own visits", "page not loading after install",
           "move from trial to paid", "get the numbers into a spreadsheet",
           "single page app hash routing", "why are some visitors missing",
           "change the language of the emails", "share the dashboard with a client"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def wait(app, condition, timeout: float = 120.0, stalls: list[float] | None = None) -> float:
    """Run the event loop until `condition`; `stalls` gets how long each turn of the loop
    held the window (what an agent typing meanwhile would wait)."""
    start = time.perf_counter()
    while not condition():
        turn = time.perf_counter()
        app.processEvents()
        if stalls is not None:
            stalls.append((time.perf_counter() - turn) * 1000)
        if time.perf_counter() - start > timeout:
            raise TimeoutError("condition not reached")
        time.sleep(0.0005)
    return time.perf_counter() - start


def keystrokes(app, window, queries: list[str]) -> list[float]:
    """Type every query letter by letter; time each key press until its results (the list and
    the pane showing the top result) are painted."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    timings: list[float] = []
    slowest: list[tuple[float, str]] = []
    for query in queries:
        window.box.clear()
        wait(app, lambda: window.model.rowCount() >= 0)
        for ch in query:
            start = time.perf_counter()
            if ch.isascii():
                QTest.keyClicks(window.box, ch)
            else:
                window.box.insert(ch)
            wait(app, lambda: window.shown_serial == window.serial
                 and window.follower.settled())  # the list, and the pane on its top result
            window.list.viewport().repaint()
            window.pane.browser.viewport().repaint()
            timings.append((time.perf_counter() - start) * 1000)
            slowest.append((timings[-1], window.box.text()))
        QTest.keyClick(window.box, Qt.Key.Key_Escape)
    print("slowest keystrokes: " + ", ".join(f"{text!r} {ms:.0f} ms"
                                            for ms, text in sorted(slowest)[-6:]))
    return timings


def after_clearing(app, window, changed: int, rounds: int = 10) -> tuple[list, list]:
    """After a bulk update (`changed` articles updated since the agent last looked): Esc to
    the home list, and Esc then a letter at once (the search must not wait for the home
    list). Times Esc -> home list shown, and that letter -> its results painted."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kb_app.gui.results import HeaderRole

    window.home.changed_ids = set(list(window.home.versions)[:changed])
    home, typed = [], []
    for n in range(rounds):
        window.box.setText(QUERIES[n % len(QUERIES)])
        wait(app, lambda: window.shown_serial == window.serial)
        start = time.perf_counter()
        QTest.keyClick(window.box, Qt.Key.Key_Escape)
        wait(app, lambda: any((window.model.index(r, 0).data(HeaderRole) or "").startswith(
            "Updated") for r in range(window.model.rowCount())))
        home.append((time.perf_counter() - start) * 1000)
        window.box.setText(QUERIES[n % len(QUERIES)])
        wait(app, lambda: window.shown_serial == window.serial)
        QTest.keyClick(window.box, Qt.Key.Key_Escape)
        start = time.perf_counter()
        QTest.keyClicks(window.box, "r")
        wait(app, lambda: window.shown_serial == window.serial and window.response is not None
             and window.response.query == "r")
        window.list.viewport().repaint()
        typed.append((time.perf_counter() - start) * 1000)
    return home, typed


def start_to_ready(app, articles: Path, index: Path, settings_dir: Path,
                   stalls: list[float] | None = None, meaning: bool = True):
    """Window creation to the first answered search, on the given index state; `stalls`
    gets the event loop's turns until the index is whole (see `wait`)."""
    from PySide6.QtCore import QSettings

    from kb_app.gui.app import create_window

    start = time.perf_counter()
    settings = QSettings(str(settings_dir / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("search_by_meaning", "true" if meaning else "false")
    window = create_window(articles, index, settings)
    window.show()
    shown = time.perf_counter() - start
    wait(app, lambda: window.kb.index.generation_dir() is not None)
    window.box.setText("billing")
    wait(app, lambda: window.shown_serial == window.serial and window.response is not None
         and window.response.total > 0, timeout=600)
    first_results = time.perf_counter() - start
    wait(app, lambda: window.indexing.last_sync is not None and window.progress.isHidden(),
         timeout=900, stalls=stalls)
    fully = time.perf_counter() - start
    return window, shown, first_results, fully


def resident_mb(kind: str = "VmRSS") -> float:
    """This process's resident memory now (Linux), in MB: all of it (VmRSS), or its own
    (RssAnon) or the pages of files it maps (RssFile: the index's and the meaning
    vectors' memory-mapped files, which the system can drop and read again)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{kind}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def memory() -> str:
    return (f"{resident_mb():,.0f} MB resident ({resident_mb('RssAnon'):,.0f} MB its own, "
            f"{resident_mb('RssFile'):,.0f} MB of mapped files; peak {peak_mb():,.0f} MB)")


def peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def settle_until(app, seconds: float, start: float) -> None:
    while time.perf_counter() - start < seconds:
        app.processEvents()
        time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=Path, default=None)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=10_000,
                        help="articles taken as updated since the agent last looked")
    parser.add_argument("--index", type=Path, default=None,
                        help="an index already built for --articles (kept as it is)")
    parser.add_argument("--phrases", action="store_true",
                        help="also type agent-style English phrases (re-ranked by meaning)")
    parser.add_argument("--words-only", action="store_true",
                        help="search by meaning off in the window")
    parser.add_argument("--cold", action="store_true",
                        help="also measure a first start with no index at all")
    args = parser.parse_args()
    articles = args.articles
    if articles is None:
        from bench.corpus import build_corpus  # type: ignore[import-not-found]

        articles = build_corpus(args.size)
    from PySide6.QtWidgets import QApplication

    from kb_app.gui.app import choose_fonts

    app = QApplication([])
    choose_fonts(app)
    work = Path(tempfile.mkdtemp(prefix="gyan-ui-bench-"))
    os.environ["GYAN_CACHE_DIR"] = str(work / "cache")
    index = args.index or work / "index"
    try:
        n = sum(1 for _ in articles.rglob("*.md"))
        print(f"Knowledge base: {articles} ({n:,} articles)")
        if args.cold:
            stalls: list[float] = []
            window, shown, first, full = start_to_ready(app, articles, index, work, stalls)
            print(f"first start, no index: window shown {shown * 1000:.0f} ms, first results "
                  f"{first:.1f} s, fully indexed {full:.1f} s")
            print(f"the window while it indexed: its longest stall {max(stalls):.0f} ms, "
                  f"p99 {percentile(stalls, 0.99):.1f} ms over {len(stalls):,} turns of the "
                  f"event loop")
            window.close()
        elif args.index is None:
            from kb_app.index import KnowledgeIndex

            KnowledgeIndex(index, articles).sync()
        started = time.perf_counter()
        window, shown, first, full = start_to_ready(app, articles, index, work,
                                                    meaning=not args.words_only)
        print(f"start with an up-to-date index: window shown {shown * 1000:.0f} ms, "
              f"first results {first * 1000:.0f} ms, folder checked {full * 1000:.0f} ms")
        settle_until(app, 10.0, started)
        print(f"window memory 10 s after start: {memory()}")
        queries = QUERIES + (PHRASES if args.phrases else [])
        timings = keystrokes(app, window, queries)
        print(f"window memory after {len(queries)} queries typed: {memory()}")
        print(f"keystroke to painted results over {len(timings)} keystrokes: "
              f"p50 {statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms,"
              f" max {max(timings):.1f} ms")
        home, typed = after_clearing(app, window, args.changed)
        print(f"with {args.changed:,} articles updated since last looked: Esc to home list "
              f"p50 {statistics.median(home):.0f} ms, max {max(home):.0f} ms; a letter typed "
              f"right after Esc to its results p50 {statistics.median(typed):.0f} ms, "
              f"max {max(typed):.0f} ms")
        window.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
