"""One version number: pyproject.toml's, shown by `kb --version`, `gyan --version` and
Help → About."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

import kb_app
from kb_app import cli
from kb_app.gui import app
from kb_app.version import UNKNOWN, checkout_version, version
from tests.test_gui import window as window  # noqa: F401 - the window fixture

ROOT = Path(__file__).resolve().parent.parent


def declared() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def test_the_version_is_pyprojects() -> None:
    assert version() == declared() == kb_app.__version__
    assert checkout_version(ROOT / "pyproject.toml") == declared()


def test_a_checkout_that_is_not_installed_reads_pyproject(tmp_path: Path) -> None:
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "gyan"\nversion = "9.8.7"\n', encoding="utf-8")
    assert checkout_version(other) == "9.8.7"
    other.write_text('[project]\nname = "someone-else"\nversion = "1.0"\n', encoding="utf-8")
    assert checkout_version(other) == UNKNOWN
    assert checkout_version(tmp_path / "missing.toml") == UNKNOWN


@pytest.mark.parametrize(("prog", "run"), [("kb", cli.main), ("gyan", app.parse_args)])
def test_version_option(prog, run, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        run(["--version"])
    assert exited.value.code in (0, None)
    assert capsys.readouterr().out == f"{prog} {declared()}\n"


def test_help_about_shows_the_version(qtbot, window, monkeypatch) -> None:  # noqa: F811
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "about",
                        staticmethod(lambda parent, title, text: shown.append((title, text))))
    menus = [a for a in window.menuBar().actions() if a.menu()]
    assert menus[-1].text() == "&Help"  # Help is the last menu
    about = next(a for a in menus[-1].menu().actions() if a.text() == "&About Gyan")
    assert isinstance(about, QAction)
    about.trigger()
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "About Gyan"
    assert f"Gyan {declared()}" in text
    assert str(window.kb.articles_dir) in text
