"""Starts the desktop application."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kb_app import config

BENGALI_FONTS = ["Noto Sans Bengali", "Noto Serif Bengali", "Lohit Bengali", "Vrinda",
                 "Nirmala UI", "Kohinoor Bangla", "Bangla Sangam MN"]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="gyan", description="Gyan knowledge base")
    parser.add_argument("--articles", type=Path, default=None,
                        help="articles folder for this run (default: the folder last "
                        "chosen in the app, else the bundled sample)")
    parser.add_argument("--index", type=Path, default=None, help="index folder")
    return parser.parse_args(argv)


def choose_fonts(app) -> None:
    """Prefer a font with Bengali glyphs after the UI font, so mixed text never shows boxes."""
    from PySide6.QtGui import QFont, QFontDatabase

    installed = set(QFontDatabase.families())
    bengali = [f for f in BENGALI_FONTS if f in installed]
    font = QFont(app.font())
    font.setFamilies([app.font().family(), *bengali])
    app.setFont(font)


def create_window(articles: Path, index: Path | None = None, settings=None, note: str = ""):
    """The main window on a folder, with its local data and settings (also for tests)."""
    from PySide6.QtCore import QSettings

    from kb_app.gui.main_window import MainWindow
    from kb_app.index import KnowledgeIndex
    from kb_app.localdata import LocalData

    kb = KnowledgeIndex(index or config.default_index_dir(articles), articles)
    data = LocalData(config.data_dir(articles) / "local.sqlite3")
    return MainWindow(kb, data, settings if settings is not None else QSettings(), note)


def start_window(args: argparse.Namespace, settings):
    """The window a start opens: `--articles`, else the folder remembered in `settings`
    (the editable copy of the sample), else the bundled sample. None: no such folder."""
    remembered = settings.value(config.ARTICLES_SETTING, "")
    articles, note = config.articles_to_open(args.articles, str(remembered or "") or None)
    if not articles.is_dir():
        print(f"gyan: articles folder not found: {articles}", file=sys.stderr)
        return None
    return create_window(articles, args.index, settings, note)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Gyan")
    app.setOrganizationName("Gyan")
    choose_fonts(app)
    window = start_window(args, QSettings())
    if window is None:
        return 2
    window.show()
    return app.exec()
