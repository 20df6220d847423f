"""Help → About Gyan: the version (the one in pyproject.toml) and what this desk runs."""

from __future__ import annotations

import html
import platform
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox

from kb_app.gui import locale_text
from kb_app.gui.i18n import QT_TRANSLATE_NOOP
from kb_app.version import version

if TYPE_CHECKING:
    from kb_app.gui.main_window import MainWindow

TITLE = QT_TRANSLATE_NOOP("About", "About Gyan")


def about_text(window: MainWindow) -> str:
    translate = QCoreApplication.translate
    return (f"<h3>Gyan {html.escape(locale_text.digits(version()))}</h3>"
            "<p>{}</p>".format(html.escape(translate(
                "About", "The desk-side knowledge base: the right answer on an agent's "
                "screen while the customer is still talking.")))
            + "<p>{}</p>".format(html.escape(translate("About", "Articles: {folder}").format(
                folder=window.kb.articles_dir)))
            + f"<p><small>Qt {qVersion()} · PySide6 {PySide6.__version__} · "
            f"Python {platform.python_version()} · "
            + html.escape(translate("About", "MIT licence")) + "</small></p>")


def show_about(window: MainWindow) -> None:
    QMessageBox.about(window, QCoreApplication.translate("About", TITLE), about_text(window))


__all__ = ["TITLE", "about_text", "show_about"]
