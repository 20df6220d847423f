"""The core never needs Qt: every `kb_app` module outside `kb_app.gui` imports, and the
command line indexes, searches, checks and exports, in a process where PySide6 cannot be
imported at all. (The command line and the tests use the core as the window does.)"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import kb_app

ROOT = Path(kb_app.__file__).resolve().parent.parent

# Run first in the child: any import of Qt (PySide6 and its shiboken6 runtime) fails.
BLOCK_QT = """
import importlib.abc, sys

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} imported by the core: Qt belongs in kb_app.gui only")
        return None

sys.meta_path.insert(0, NoQt())
"""

CHECK_NO_QT = """
leaked = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
assert not leaked, leaked
"""


def core_modules() -> list[str]:
    """Every module of the package except the Qt interface (and `__main__`, which runs
    the command line when imported: the command line is exercised below)."""
    found: list[str] = []

    def walk(path: list[str], prefix: str) -> None:
        for module in pkgutil.iter_modules(path, prefix):
            if module.name in ("kb_app.gui", "kb_app.__main__"):
                continue
            found.append(module.name)
            if module.ispkg:
                walk([str(Path(path[0]) / module.name.rsplit(".", 1)[-1])], module.name + ".")

    walk(list(kb_app.__path__), "kb_app.")
    return sorted(found)


def run_without_qt(code: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCK_QT + code + CHECK_NO_QT, *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300)


def test_qt_really_is_blocked_in_the_child() -> None:
    result = run_without_qt("import kb_app.gui.preferences\n")
    assert result.returncode != 0 and "Qt belongs in kb_app.gui only" in result.stderr


def test_every_core_module_imports_without_qt() -> None:
    modules = core_modules()
    assert {"kb_app.index", "kb_app.search", "kb_app.settings", "kb_app.config",
            "kb_app.cli"} <= set(modules)
    assert not [m for m in modules if m.startswith("kb_app.gui")]
    code = "import importlib\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    result = run_without_qt(code, *modules)
    assert result.returncode == 0, result.stderr


def test_the_command_line_works_without_qt(kb_dir: Path, tmp_path: Path) -> None:
    code = """
import contextlib
from kb_app.cli import main
articles, index, out, answer = sys.argv[1:5]
common = ["--articles", articles]
assert main(["index", *common, "--index", index]) == 0
with open(answer, "w") as handle, contextlib.redirect_stdout(handle):
    assert main(["search", "refund", *common, "--index", index, "--json"]) == 0
main(["check", *common])
assert main(["export", "site", "--out", out, *common]) == 0
"""
    answer = tmp_path / "answer.json"
    result = run_without_qt(code, str(kb_dir), str(tmp_path / "index"), str(tmp_path / "site"),
                            str(answer))
    assert result.returncode == 0, result.stderr
    assert json.loads(answer.read_text())["results"][0]["id"] == "refund-policy"
    assert (tmp_path / "site" / "index.html").is_file()
