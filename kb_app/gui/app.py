"""Starts the desktop application."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kb_app import config


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="gyan", description="Gyan knowledge base")
    parser.add_argument("--articles", type=Path, default=None,
                        help="articles folder (default: the bundled sample)")
    parser.add_argument("--index", type=Path, default=None, help="index folder")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtWidgets import QApplication

    from kb_app.gui.main_window import MainWindow
    from kb_app.index import KnowledgeIndex

    articles = (args.articles or config.bundled_articles_dir()).expanduser().resolve()
    kb = KnowledgeIndex(args.index or config.default_index_dir(articles), articles)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Gyan")
    app.setOrganizationName("Gyan")
    window = MainWindow(kb)
    window.show()
    return app.exec()
