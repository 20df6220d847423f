"""`gyan --smoke-test`: proof that a build starts and answers. The window opens (on the
bundled sample, or `--articles`), waits until the folder is indexed, searches through its
own search box, prints the top result and quits: 0 when a result came, 1 when none did
before the time ran out. Packaging runs it on the frozen build (packaging/smoke.sh)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

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
            finish(0, f"gyan smoke test: {response.total} result(s) for {query!r}; "
                      f"top: {top.title} ({top.path})")
        else:
            # tied to the window: a retry due after it closed is dropped with it
            QTimer.singleShot(RETRY_MS, window, lambda: window.on_text(query))

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
