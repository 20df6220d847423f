"""Help → About Gyan: the version (the one in pyproject.toml) and what this desk runs."""

from __future__ import annotations

import html
import platform
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox

from kb_app.version import version

if TYPE_CHECKING:
    from kb_app.gui.main_window import MainWindow

TITLE = "About Gyan"


def about_text(window: MainWindow) -> str:
    return (f"<h3>Gyan {html.escape(version())}</h3>"
            "<p>The desk-side knowledge base: the right answer on an agent's screen while "
            "the customer is still talking.</p>"
            f"<p>Articles: {html.escape(str(window.kb.articles_dir))}</p>"
            f"<p><small>Qt {qVersion()} · PySide6 {PySide6.__version__} · "
            f"Python {platform.python_version()} · MIT licence</small></p>")


def show_about(window: MainWindow) -> None:
    QMessageBox.about(window, TITLE, about_text(window))


__all__ = ["TITLE", "about_text", "show_about"]
