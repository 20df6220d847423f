"""Editor benchmark: open an article, save it, and see it found by the agent's window.

    python bench/bench_editor.py [--size 10000] [--rounds 20] [--no-git]

Works on a temporary copy of the corpus that bench/corpus.py builds from ../shared/corpus,
committed to a git repository first (as a team's shared articles folder would be), so each
save also records a revision in a repository of `size` files. Save-to-findable is the time
from pressing save until the agent's window, already showing the query, lists the article.
A save runs on the window's writer thread: "save" is the time until it is written and
indexed (the save's result is back on the UI thread), "save call" how long pressing save
holds the UI thread. Prints figures; not a test.
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

from bench.bench_ui import percentile  # noqa: E402


def wait(app, condition, timeout: float = 120.0) -> None:
    """Run the event loop until `condition` holds, checking every 2 ms. The thread sleeps
    in Qt's loop in between, as the app's UI thread does: a busy-waiting benchmark would
    hold the interpreter lock and slow the index and search threads it is measuring."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout
    loop = QEventLoop()
    timer = QTimer(interval=2)
    timer.timeout.connect(lambda: (condition() or time.perf_counter() > deadline)
                          and loop.quit())
    timer.start()
    if not condition():
        loop.exec()
    timer.stop()
    if not condition():
        raise TimeoutError("condition not reached")


def commit_everything(root: Path) -> float:
    """The folder as a git repository with every article committed (dulwich, like the app)."""
    from dulwich import porcelain

    start = time.perf_counter()
    repo = porcelain.init(str(root))
    porcelain.add(repo, paths=[str(p) for p in root.rglob("*.md")])
    porcelain.commit(repo, message=b"Import", author=b"Bench <bench@localhost>",
                     committer=b"Bench <bench@localhost>")
    repo.close()
    return time.perf_counter() - start


def summary(name: str, values: list[float]) -> str:
    return (f"{name}: p50 {statistics.median(values):.0f} ms, "
            f"p95 {percentile(values, 0.95):.0f} ms, max {max(values):.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--no-git", action="store_true", help="start without a repository")
    args = parser.parse_args()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from bench.corpus import build_corpus
    from kb_app.gui.app import choose_fonts, create_window
    from kb_app.index import KnowledgeIndex

    work = Path(tempfile.mkdtemp(prefix="gyan-editor-bench-"))
    os.environ["GYAN_CACHE_DIR"] = str(work / "cache")
    try:
        articles = work / "articles"
        shutil.copytree(build_corpus(args.size), articles)
        paths = sorted(p.relative_to(articles).as_posix() for p in articles.rglob("*.md"))
        print(f"Knowledge base: {len(paths):,} articles")
        if not args.no_git:
            print(f"committed to a new git repository in {commit_everything(articles):.1f} s")
        KnowledgeIndex(work / "index", articles).sync()
        app = QApplication([])
        choose_fonts(app)
        settings = QSettings(str(work / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("author", "Bench Author")
        window = create_window(articles, work / "index", settings)
        window.show()
        wait(app, lambda: window.indexing.last_sync is not None)
        # Saved as drafts (below), which agents never see: the window is in staff view, as
        # it is for the staff who edit.
        window.staff_action.trigger()
        opened, calls, saved, findable = [], [], [], []
        recorded: list[str] = []
        outcome: list[bool] = []
        window.staff.revision_recorded.connect(lambda _revision, commit: recorded.append(commit))
        step = max(1, len(paths) // args.rounds)
        for n, path in enumerate(paths[::step][:args.rounds]):
            word = f"zqxbench{n}"
            window.box.setText(word)
            wait(app, lambda: window.shown_serial == window.serial)
            start = time.perf_counter()
            window.staff.open_editor(path)
            wait(app, lambda p=path: any(e.path == p and e.isVisible()
                                         for e in window.staff.editors))
            opened.append((time.perf_counter() - start) * 1000)
            editor = next(e for e in window.staff.editors if e.path == path and e.isVisible())
            editor.body.appendPlainText(f"\nThe new word is {word}.\n")
            editor.set_value("status", "draft")  # corpus articles have no quick answer
            outcome.clear()
            editor.save_finished.connect(outcome.append)
            start = time.perf_counter()
            editor.save()
            calls.append((time.perf_counter() - start) * 1000)
            wait(app, lambda: bool(outcome))
            saved.append((time.perf_counter() - start) * 1000)
            assert outcome == [True], editor.statusBar().currentMessage()

            def found(p=path) -> bool:
                response = window.response
                return (window.shown_serial == window.serial and response is not None
                        and any(hit.path == p for hit in response.results))

            wait(app, found, timeout=30)
            findable.append((time.perf_counter() - start) * 1000)
            listed = [hit.path for hit in window.response.results].count(path)
            assert listed == 1, f"{path} listed {listed} times"  # no stale old version
            editor.close()
            # Staff do not save several times a second: let the revision be recorded so
            # one round's git work does not land in the next round's figure.
            wait(app, lambda n=n: len(recorded) > n, timeout=30)
        print(summary(f"open editor ({len(opened)} articles)", opened))
        print(summary("save call (on the UI thread)", calls))
        print(summary("save (validate, atomic write, index; on the writer)", saved))
        print(summary("save to findable in the agent's window", findable))
        print(f"revisions recorded: {len(recorded)}")
        window.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
