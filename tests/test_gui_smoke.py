"""`gyan --smoke-test`, the check packaging/smoke.sh runs on the frozen build, from source:
the window opens on a folder, indexes it, answers a search through its own box, and the
process says so with its exit code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kb_app import config
from kb_app.gui import smoke
from tests.test_gui import window as window  # noqa: F401 - the window fixture


def test_smoke_test_from_source(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(config.bundled_articles_dir(), articles)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "GYAN_CACHE_DIR": str(tmp_path / "cache"), "GYAN_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "kb_app.gui.app", "--smoke-test",
                           "--articles", str(articles)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "result(s) for 'refund'; top:" in done.stdout
    assert "meaning vectors for 35 article(s)" in done.stdout  # the English ones
    assert (tmp_path / "cache" / "index").is_dir()  # it used the cache it was given


def test_smoke_test_fails_without_an_answer(qtbot, window, capsys) -> None:  # noqa: F811
    code = smoke.run(QApplication.instance(), window, "xqzzyv", timeout_ms=1500)
    assert code == 1
    assert "no result for 'xqzzyv'" in capsys.readouterr().err
