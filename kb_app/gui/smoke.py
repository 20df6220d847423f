"""`gyan --smoke-test`: proof that a build starts and answers. The window opens (on the
bundled sample, or `--articles`), waits until the folder is indexed, searches through its
own search box, waits for the meaning of the articles to be read in the background (the
sentence model, its tokeniser and the one-core cap all load in the build), prints the
top result, how many articles have meaning vectors and whether a query's meaning is
made by its helper process, and quits: 0 when a result came, the meaning was read and
the helper answered, 1 otherwise or when the time ran out. Packaging runs it on the
frozen build (packaging/smoke.sh)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from kb_app.meaning import DIMENSIONS
from kb_app.meaning.queries import QueryProcess
from kb_app.meaning.store import MeaningStore

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from kb_app.gui.main_window import MainWindow

QUERY = "refund"
TIMEOUT_MS = 90_000
RETRY_MS = 250  # an empty answer while the reader catches up is asked again


def run(app: QApplication, window: MainWindow, query: str = QUERY,
        timeout_ms: int = TIMEOUT_MS) -> int:
    """Runs the event loop until the search through the window has answered."""
    outcome: list[int] = []

    def finish(code: int, message: str) -> None:
        if not outcome:
            outcome.append(code)
            print(message, file=sys.stdout if code == 0 else sys.stderr, flush=True)
            app.exit(code)

    def answered(serial: int) -> None:
        response = window.response
        if serial != window.serial or response is None:
            return
        if response.results:
            top = response.results[0]
            said = (f"gyan smoke test: {response.total} result(s) for {query!r}; "
                    f"top: {top.title} ({top.path})")
            when_meaning_read(lambda: meaning_read(said))
        else:
            # tied to the window: a retry due after it closed is dropped with it
            QTimer.singleShot(RETRY_MS, window, lambda: window.on_text(query))

    def when_meaning_read(then: Callable[[], None]) -> None:
        if window.meanings.running:
            window.meanings.finished.connect(lambda _report: then())
        else:
            then()

    def meaning_read(said: str) -> None:
        read = len(MeaningStore(window.kb.index.index_dir).vectors())
        helper, working = query_helper()
        finish(0 if read and working else 1,
               f"{said}; meaning vectors for {read} article(s); {helper}")

    def query_helper() -> tuple[str, bool]:
        """Whether an English query's meaning is made by the helper process (spawned
        from the build's own executable), as on any desk of two cores."""
        source = window.kb.index.query_vectors
        if not isinstance(source, QueryProcess):
            return "query meaning made in the window's process (one core)", True
        source.warm()
        vector = source.vector(source.ask("water purifier leaking"))
        if source.failed or len(vector) != DIMENSIONS:
            return "the query meaning helper did not start or answer", False
        return "query meaning made by its helper process", True

    window.meanings.failed.connect(lambda message: finish(1, f"gyan smoke test: {message}"))
    window.results_painted.connect(answered)
    window.indexing.when_indexed(lambda: window.box.setText(query))
    deadline = QTimer(window, singleShot=True, interval=timeout_ms)
    deadline.timeout.connect(lambda: finish(
        1, f"gyan smoke test: no result for {query!r} after {timeout_ms // 1000} s "
           f"(status: {window.statusBar().currentMessage()})"))
    deadline.start()
    code = app.exec()
    deadline.stop()
    window.close()
    return outcome[0] if outcome else code or 1


__all__ = ["QUERY", "run"]
