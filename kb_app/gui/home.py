"""The home lists (Esc, Ctrl+H): pinned, updated since the agent last looked, recent.

Only what fits on screen is looked up, a few at a time on the reader thread: as soon as
the agent types, the rest is dropped, so a search waits at most one chunk (a few
milliseconds) even after a bulk update of thousands of articles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

from kb_app.gui import locale_text
from kb_app.gui.indexing import Survey
from kb_app.gui.results import MoreRole, Row
from kb_app.gui.tasks import Stale
from kb_app.localdata import newest_first
from kb_app.search import Filters, Hit, KnowledgeSearcher

if TYPE_CHECKING:
    from kb_app.gui.main_window import MainWindow

HOME_PAGE = 20  # changed articles listed at home at first, and added per "more"
HOME_RECENT = 10
HOME_CHUNK = 8  # home-list lookups between checks for a newer keystroke (about a ms each)


@dataclass(frozen=True)
class HomeRequest:
    """What the home lists show, by id, already cut to what fits on screen: looking up
    every changed article (thousands after a bulk update) would hold up the next search."""

    serial: int
    pinned: list[str]
    recent: list[str]
    changed: list[str]
    filters: Filters  # which statuses may be listed


@dataclass
class HomeLists:
    serial: int
    pinned: list[Hit]
    recent: list[Hit]
    changed: list[Hit]


def look_up(searcher: KnowledgeSearcher, request: HomeRequest,
            is_stale: Callable[[int], bool]) -> HomeLists:
    """On the reader thread: the lists' articles, a chunk at a time; `Stale` as soon as
    the agent has typed since."""
    lists: list[list[Hit]] = []
    for ids in (request.pinned, request.recent, request.changed):
        hits: list[Hit] = []
        for start in range(0, len(ids), HOME_CHUNK):
            if is_stale(request.serial):
                raise Stale()
            hits += searcher.hits_for_ids(ids[start:start + HOME_CHUNK])
        lists.append([hit for hit in hits if request.filters.admits(hit.status)])
    return HomeLists(request.serial, *lists)


class Home(QObject):
    """The home lists and what changed since the agent last looked."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.changed_ids: set[str] = set()
        self.changed_shown = HOME_PAGE  # how many of them the home list looks up
        self.versions: dict[str, str] = {}  # article id -> version, from the last survey
        self.staff_only: frozenset[str] = frozenset()  # drafts and archived, by id
        self.whole = False  # the versions are of the whole folder, not a build half-way
        self.button = QPushButton(flat=True)
        self.button.setObjectName("changedButton")
        self.button.setAccessibleDescription(self.tr(
            "Show the articles updated since you last looked (Ctrl+H)"))
        self.button.clicked.connect(window.go_home)
        self.button.hide()

    @property
    def window(self) -> MainWindow:
        """The window this part belongs to (its Qt parent: no reference cycle to leave
        for Python's garbage collector, which may run on any thread)."""
        return cast("MainWindow", self.parent())

    def show(self) -> None:
        """Ask for the home lists (pinned, the newest changed, recent)."""
        window = self.window
        changed = newest_first(self.changed_ids, self.versions)[:self.changed_shown]
        request = HomeRequest(window.serial, window.data.pins(),
                              window.data.recents()[:HOME_RECENT], changed,
                              window.status_filters())
        tasks = window.tasks
        tasks.search(lambda searcher: look_up(searcher, request, tasks.is_stale),
                     self._shown, lambda _error: self._shown(HomeLists(request.serial, [],
                                                                       [], [])),
                     serial=request.serial)

    def _shown(self, lists: HomeLists) -> None:
        window = self.window
        if lists.serial != window.serial:
            return  # the agent typed since
        rows: list[Row] = []
        select = -1
        for title, hits, badge in ((self.tr("Pinned"), lists.pinned, ""),
                                   (self.tr("Updated since you last looked ({count})").format(
                                       count=locale_text.number(len(self.changed_ids))),
                                    lists.changed, "updated"),
                                   (self.tr("Recently opened"), lists.recent, "")):
            if not hits:
                continue
            rows.append(Row(header=title))
            rows.extend(Row(hit, badge=self.badge(hit) if badge else "") for hit in hits)
            more = len(self.changed_ids) - self.changed_shown
            if badge and more > 0:
                if window.list.currentIndex().data(MoreRole):  # paged in: the first new one
                    select = min(len(rows) - len(hits) + self.changed_shown - HOME_PAGE,
                                 len(rows) - 1)
                rows.append(Row(more=self.tr("{count} more updated: show {page} more (Enter)")
                                .format(count=locale_text.number(more),
                                        page=locale_text.number(min(more, HOME_PAGE)))))
        window.show_rows(rows, ("", window.staff_view), lists.serial, select)

    def more(self) -> None:
        """The "N more updated" row: the next page of changed articles."""
        self.changed_shown += HOME_PAGE
        self.show()

    def first_page(self) -> None:
        """A search was typed: the next home list starts at its first page."""
        self.changed_shown = HOME_PAGE

    def badge(self, hit: Hit) -> str:
        return "updated" if hit.id in self.changed_ids else ""

    def take(self, survey: Survey, whole: bool) -> None:
        """A survey of the index: from a whole folder, what changed is worked out again
        (a build half-way has only part of the folder: everything else would be news)."""
        self.versions = survey.versions
        self.staff_only = survey.staff_only
        self.whole = self.whole or whole
        if whole:
            self.update_changed()

    def update_changed(self) -> None:
        if not self.whole:
            return
        window = self.window
        changed = set(window.data.changed_since_seen(self.versions))
        if not window.staff_view:
            changed -= self.staff_only
        if changed != self.changed_ids:
            self.changed_ids = changed
            self._show_count()
            if not window.box.text().strip():
                window.on_text("")  # the home lists show what changed

    def seen(self, article_id: str) -> None:
        if article_id in self.changed_ids:
            self.changed_ids.discard(article_id)
            self._show_count()

    def _show_count(self) -> None:
        count = len(self.changed_ids)
        self.button.setText(self.tr("%Ln updated since you last looked", "", count))
        self.button.setVisible(count > 0)


__all__ = ["HOME_PAGE", "Home", "HomeLists", "HomeRequest", "look_up"]
