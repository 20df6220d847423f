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
                        help="articles folder (default: the bundled sample)")
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


def create_window(articles: Path, index: Path | None = None, settings=None):
    """The main window on a folder, with its local data and settings (also for tests)."""
    from PySide6.QtCore import QSettings

    from kb_app.gui.main_window import MainWindow
    from kb_app.index import KnowledgeIndex
    from kb_app.localdata import LocalData

    kb = KnowledgeIndex(index or config.default_index_dir(articles), articles)
    data = LocalData(config.data_dir(articles) / "local.sqlite3")
    return MainWindow(kb, data, settings or QSettings())


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtWidgets import QApplication

    articles = (args.articles or config.bundled_articles_dir()).expanduser().resolve()
    if not articles.is_dir():
        print(f"gyan: articles folder not found: {articles}", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Gyan")
    app.setOrganizationName("Gyan")
    choose_fonts(app)
    window = create_window(articles, args.index)
    window.show()
    return app.exec()
