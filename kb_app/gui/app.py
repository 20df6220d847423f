"""Starts the desktop application."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kb_app import config
from kb_app.version import VersionAction

if TYPE_CHECKING:  # Qt is imported when a window is made, not when the module is
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from kb_app.gui.main_window import MainWindow
    from kb_app.messages import Message
    from kb_app.search import KnowledgeSearcher

BENGALI_FONTS = ["Noto Sans Bengali", "Noto Serif Bengali", "Lohit Bengali", "Vrinda",
                 "Nirmala UI", "Kohinoor Bangla", "Bangla Sangam MN"]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="gyan", description="Gyan knowledge base")
    parser.add_argument("--articles", type=Path, default=None,
                        help="articles folder for this run (default: the folder last "
                        "chosen in the app, else the bundled sample)")
    parser.add_argument("--index", type=Path, default=None, help="index folder")
    parser.add_argument("--version", action=VersionAction)
    # Packaging's check that a build starts and answers (kb_app.gui.smoke): not for people.
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def bundled_fonts() -> list[Path]:
    """The Bengali fonts a frozen build carries (packaging/gyan.spec puts them in
    `fonts/`); a source checkout or a wheel uses the system's."""
    bundle = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or bundle is None:
        return []
    return sorted((Path(bundle) / "fonts").glob("*.ttf"))


def set_identity(app: QApplication) -> None:
    """Names and icon: the settings store's names, the desktop file that launched us (the
    desktop's task bar and Wayland match windows to it) and the icon of the installed icon
    theme, else the SVG a frozen build or a source checkout carries."""
    from PySide6.QtGui import QIcon

    app.setApplicationName("Gyan")
    app.setOrganizationName("Gyan")
    app.setDesktopFileName("gyan")
    candidates = [Path(__file__).resolve().parents[2] / "packaging" / "icons" / "gyan.svg"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "share" / "icons" / "hicolor" / "scalable" / "apps"
                          / "gyan.svg")
    fallback = next((QIcon(str(p)) for p in candidates if p.is_file()), QIcon())
    app.setWindowIcon(QIcon.fromTheme("gyan", fallback))


def choose_fonts(app: QApplication) -> None:
    """Prefer a font with Bengali glyphs after the UI font, so mixed text never shows boxes."""
    from PySide6.QtGui import QFont, QFontDatabase

    for path in bundled_fonts():
        QFontDatabase.addApplicationFont(str(path))
    installed = set(QFontDatabase.families())
    bengali = [f for f in BENGALI_FONTS if f in installed]
    font = QFont(app.font())
    font.setFamilies([app.font().family(), *bengali])
    app.setFont(font)


def create_window(articles: Path, index: Path | None = None,
                  settings: QSettings | None = None, note: Message | None = None
                  ) -> MainWindow:
    """The main window on a folder: its knowledge base, task runner and preferences
    (`settings`: a QSettings, the user's by default; also for tests)."""
    from PySide6.QtCore import QSettings

    from kb_app.gui import i18n
    from kb_app.gui.main_window import MainWindow
    from kb_app.gui.preferences import StoredPreferences
    from kb_app.gui.tasks import TaskRunner
    from kb_app.index import IndexNotReady
    from kb_app.knowledge_base import KnowledgeBase

    # a desk of two cores makes an English query's meaning on the second while the first
    # ranks its words (kb_app.meaning.queries)
    kb = KnowledgeBase(articles, index, query_process=(os.cpu_count() or 1) > 1)

    def open_searcher() -> KnowledgeSearcher | None:
        """The reader thread's searcher; None while there is nothing to read yet (the
        index owner, the writer thread, is building it)."""
        try:
            return kb.searcher()
        except IndexNotReady:
            return None

    prefs = StoredPreferences(settings if settings is not None else QSettings())
    i18n.apply(prefs.values.interface_language)  # the preference, else the system's locale
    return MainWindow(kb, TaskRunner(open_searcher), prefs, note)


def start_window(args: argparse.Namespace, settings: QSettings) -> MainWindow | None:
    """The window a start opens: `--articles`, else the folder remembered in the
    preferences (the editable copy of the sample), else the bundled sample. None: no such
    folder."""
    from kb_app.gui.preferences import load_preferences

    remembered = load_preferences(settings).articles_folder
    articles, note = config.articles_to_open(args.articles, remembered or None)
    if not articles.is_dir():
        print(f"gyan: articles folder not found: {articles}", file=sys.stderr)
        return None
    return create_window(articles, args.index, settings, note)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    set_identity(app)
    choose_fonts(app)
    if args.smoke_test:
        return smoke_test(app, args)
    window = start_window(args, QSettings())
    if window is None:
        return 2
    window.show()
    if args.articles is None:
        from PySide6.QtCore import QTimer

        from kb_app.gui.first_start import offer_first_start

        QTimer.singleShot(0, lambda: offer_first_start(window))
    return app.exec()


def smoke_test(app: QApplication, args: argparse.Namespace) -> int:
    """`--smoke-test`: a window on a scratch cache, data folder and settings (unless
    GYAN_CACHE_DIR / GYAN_DATA_DIR are set), one search through it, then quit."""
    from PySide6.QtCore import QSettings

    from kb_app.gui import smoke

    with tempfile.TemporaryDirectory(prefix="gyan-smoke-") as scratch:
        os.environ.setdefault(config.CACHE_ENV, str(Path(scratch) / "cache"))
        os.environ.setdefault(config.DATA_ENV, str(Path(scratch) / "data"))
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        window = start_window(args, settings)
        if window is None:
            return 2
        window.show()
        return smoke.run(app, window)


if __name__ == "__main__":
    sys.exit(main())
