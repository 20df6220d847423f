"""The pane follows the highlighted result, and what the agent uses is counted.

An agent reads aloud what the pane shows, so the pane never shows an article that is not
highlighted. Articles are read and rendered off the UI thread (`ArticleLoader`, on the
task runner's pool; a search brings its top result already rendered), and an article
that arrives after the highlight moved on is not shown.

An article counts as opened (recents, the search log) when it is opened with Enter, a
click or a link, or stays on screen for KEPT_ON_SCREEN_MS; moving past it does not.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QTimer

from kb_app.gui import locale_text
from kb_app.gui.i18n import QT_TRANSLATE_NOOP
from kb_app.gui.rendering import ArticleLoader, Loaded
from kb_app.gui.results import HitRole, MoreRole

if TYPE_CHECKING:
    from kb_app.articles import Article
    from kb_app.gui.main_window import MainWindow
    from kb_app.search import Hit
    from kb_app.snippets import Matcher

SETTLED_S = 1.5  # results read this long before typing on: a search the agent settled on
KEPT_ON_SCREEN_MS = 4000  # a search result read this long counts as opened (recents, log)
NOTHING_HIGHLIGHTED = QT_TRANSLATE_NOOP("PaneFollower",
                                        "Type to search. Ctrl+K returns to the search box.")


def same_words(a: Matcher | None, b: Matcher | None) -> bool:
    """Whether two matchers highlight the same words (then the pane needs no reload)."""
    if a is None or b is None or a is b:
        return a is b
    return _words(a) == _words(b)


def _words(matcher: Matcher) -> tuple[object, ...]:
    return matcher.terms, matcher.prefixes


class PaneFollower(QObject):
    """Keeps the window's pane on its highlighted row and counts what is used."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.loader = ArticleLoader(window.kb.articles_dir)
        self.recorded: tuple[str, str] | None = None  # (query, id) last counted as opened
        self.wanted: str | None = None  # the path the pane was last asked to show
        self._asked = 0  # numbers the pane's reads: only the last one is shown
        self._ready: dict[str, Loaded] = {}  # rendered by a search: shown at once
        self.kept_on_screen = QTimer(self, singleShot=True, interval=KEPT_ON_SCREEN_MS)
        self.kept_on_screen.timeout.connect(self._kept_on_screen)
        self.shown_at = 0.0  # when the current results appeared (time.monotonic)

    @property
    def window(self) -> MainWindow:
        """The window this part belongs to (its Qt parent: no reference cycle to leave
        for Python's garbage collector, which may run on any thread)."""
        return cast("MainWindow", self.parent())

    def settled(self) -> bool:
        """Whether the pane shows what it was last asked to (tests, benchmarks)."""
        article = self.window.pane.article
        return self.wanted is None or (article is not None and article.path == self.wanted)

    def offer(self, loaded: Loaded | None) -> None:
        """A search's top result, already rendered on the reader thread."""
        self._ready = {loaded.path: loaded} if loaded is not None else {}

    def current_hit(self) -> Hit | None:
        index = self.window.list.currentIndex()
        return index.data(HitRole) if index.isValid() else None

    def follow(self, *_: object) -> None:
        """The pane always shows the highlighted result; with none highlighted it shows no
        article at all (an article that is not highlighted would be read as the answer)."""
        window, hit = self.window, self.current_hit()
        if hit is None:
            index = window.list.currentIndex()
            more = index.data(MoreRole) if index.isValid() else ""
            self.show_message(more or window.nothing_message())
            return
        matcher = window.matcher()
        shown = window.pane.article
        if (shown is not None and shown.path == hit.path and self.wanted == hit.path
                and same_words(window.pane.matcher, matcher)
                and window.pane.often_opened == hit.often_opened):
            return
        self.show(hit.path, matcher, often_opened=hit.often_opened)
        if window.response is not None:
            self.kept_on_screen.start()

    def show_message(self, text: str) -> None:
        self.wanted = None
        self._asked += 1
        self.window.pane.show_message(text)

    def show(self, path: str, matcher: Matcher | None, keep_position: bool = False,
             then: Callable[[Article], None] | None = None, often_opened: bool = False
             ) -> None:
        """Show the article at `path`: at once if it is rendered, else once it is read;
        then `then(article)`. `often_opened`: the pane says the team's use lifted it."""
        pane = self.window.pane
        self.wanted = path
        self._asked += 1
        ready = self._ready.get(path)
        if pane.article is not None and pane.article.path == path and not keep_position:
            ready = Loaded(path, (0, 0), pane.article, pane.plain_html)
        if ready is not None and not keep_position:
            self._arrived(self._asked, ready, matcher, keep_position, then, often_opened)
            return
        asked, loader = self._asked, self.loader
        self.window.tasks.run(lambda: loader.load(path),
                              lambda loaded: self._arrived(asked, loaded, matcher,
                                                           keep_position, then, often_opened),
                              lambda error: self._unreadable(asked, error))

    def _arrived(self, asked: int, loaded: Loaded | None, matcher: Matcher | None,
                 keep_position: bool, then: Callable[[Article], None] | None,
                 often_opened: bool = False) -> None:
        if asked != self._asked:
            return  # the highlight moved on meanwhile
        if loaded is None:
            self.window.pane.show_message(
                self.tr("This article was removed from the knowledge base."))
            return
        self.window.pane.show_article(loaded.article, matcher, keep_position, loaded.html,
                                      often_opened)
        if then is not None:
            then(loaded.article)

    def _unreadable(self, asked: int, error: Exception) -> None:
        if asked == self._asked:
            self.window.pane.show_message(
                self.tr("This article cannot be shown: {error}").format(
                    error=locale_text.say(error)))

    def reload_changed(self, changed: set[str]) -> None:
        """The article in the pane changed on disk: shown again where the agent was."""
        article = self.window.pane.article
        if article is not None and article.path in changed:
            self._ready.pop(article.path, None)
            self.show(article.path, self.window.pane.matcher, keep_position=True,
                      often_opened=self.window.pane.often_opened)
            self.window.statusBar().showMessage(self.tr("This article was just updated"), 5000)

    # -- opening -------------------------------------------------------------------------

    def open_current(self, focus_pane: bool = True) -> None:
        """Enter or a click: the highlighted result, opened on purpose."""
        window = self.window
        index = window.list.currentIndex()
        if index.isValid() and index.data(MoreRole):
            window.home.more()
            return
        hit = self.current_hit()
        if hit is None:
            return
        self.follow()
        self.record_open(hit.id)
        if focus_pane:
            window.pane.browser.setFocus()

    def open_path(self, path: str) -> None:
        """A link in the article: its row is highlighted if it is in the list; otherwise
        no row is, so the list never points at something the pane does not show."""
        window = self.window
        path = path.split("#", 1)[0]
        row = window.model.row_of(path)
        if row >= 0:
            window.list.setCurrentIndex(window.model.index(row, 0))
            hit = self.current_hit()
            if hit is not None:
                self.record_open(hit.id, from_search=False)
            return
        window.list.selectionModel().setCurrentIndex(
            QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        self.show(path, None,
                  then=lambda article: self.record_open(article.id, from_search=False))

    def results_shown(self) -> None:
        self.shown_at = time.monotonic()
        self.kept_on_screen.start()  # nothing found: logged once it stays

    @property
    def recording(self) -> bool:
        """Whether the agent lets this desk record searches for the team (a preference)."""
        return self.window.prefs.values.record_searches

    def leaving(self) -> None:
        """The agent types something else: a search whose results stood on screen long
        enough to be read (settled), and of which nothing was opened, is logged: the
        knowledge-health report counts such searches as results nobody opened."""
        response = self.window.response
        if (response is None or not response.total
                or (self.recorded is not None and self.recorded[0] == response.query)
                or time.monotonic() - self.shown_at < SETTLED_S):
            return  # nothing found (logged apart), already counted, or not yet read
        self.recorded = (response.query, "")
        if self.recording:
            self.window.data.log_search(response.query, response.total)

    def _kept_on_screen(self) -> None:
        """The same results for a while: the article read counts as opened; a search
        that found nothing is logged (once, not per keystroke)."""
        window = self.window
        response, hit = window.response, self.current_hit()
        if response is None:
            return
        if hit is not None and window.pane.article is not None:
            self.record_open(hit.id)
        elif not response.total and self.recorded != (response.query, ""):
            self.recorded = (response.query, "")
            if self.recording:
                window.data.log_search(response.query, 0)

    def record_open(self, article_id: str, from_search: bool = True) -> None:
        window = self.window
        response = window.response
        query = response.query if response else ""
        if self.recorded == (query, article_id):
            return  # already counted (a re-run of the same search after a folder change)
        self.recorded = (query, article_id)
        self.kept_on_screen.stop()
        search = (response.query, response.total) if response and from_search else None
        window.data.record_open(article_id, window.home.versions.get(article_id),
                                search if self.recording else None, count=self.recording)
        window.home.seen(article_id)


__all__ = ["NOTHING_HIGHLIGHTED", "PaneFollower", "same_words"]
