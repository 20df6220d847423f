"""The team's side of the agent window: sync in the background (every
`team_sync_seconds`, 60 by default) and on demand (F6), the status in the status bar,
signing in, joining a team, and the editor's decisions after a sync conflict.

Every operation is the knowledge base's (`kb.team`, kb_app.team) and runs on the task
runner's writer thread, where git and the index are written; this part only asks,
dispatches and shows. What a sync wrote is taken in like an editor's save
(`Indexing.took_in`): the reader picks it up, the search is asked again, and the
articles are listed as "updated since you last looked". While the remote cannot be
reached the status says so and search goes on from this desk's copy.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox

from kb_app.gui import locale_text
from kb_app.gui.actions import SEPARATOR, Command, Menus, install_menus
from kb_app.gui.editor import Opening
from kb_app.gui.editor_dialogs import KEEP_MINE, MERGE, TAKE_THEIRS, ConflictDialog
from kb_app.gui.i18n import QT_TRANSLATE_NOOP
from kb_app.gui.team_dialogs import ask_join, ask_remote, ask_sign_in
from kb_app.gui.team_status import result_line, status_line
from kb_app.team.state import SyncStatus, TeamConfig

if TYPE_CHECKING:
    from kb_app.gui.main_window import MainWindow
    from kb_app.gui.tasks import TaskRunner
    from kb_app.history import PendingRevision
    from kb_app.knowledge_base import KnowledgeBase
    from kb_app.search import KnowledgeSearcher
    from kb_app.team.credentials import Kept
    from kb_app.team.state import SyncConflict
    from kb_app.team.sync import SyncResult

SYNC_KEY = "team-sync"  # one sync waits at a time: a second asked meanwhile is the same
STAGES = (QT_TRANSLATE_NOOP("TeamPanel", "Counting objects"),
          QT_TRANSLATE_NOOP("TeamPanel", "Compressing objects"),
          QT_TRANSLATE_NOOP("TeamPanel", "Receiving objects"),
          QT_TRANSLATE_NOOP("TeamPanel", "Resolving deltas"),
          QT_TRANSLATE_NOOP("TeamPanel", "Updating articles"),
          QT_TRANSLATE_NOOP("TeamPanel", "Writing articles"))
Report = Callable[[str, int, int], None]
DESK_AUTHOR = "Gyan desk"  # revisions by a desk with no author name (a name in git: English)


def stage_progress(tasks: TaskRunner, show: Report) -> Report:
    """Progress for a git operation on the writer thread, shown on the UI thread by
    `show(stage, done, total)`: the operation holds only the runner's reporters, one per
    stage git names (an unknown one is shown as receiving objects)."""
    reporters = {stage: tasks.reporter(functools.partial(show, stage)) for stage in STAGES}
    fallback = reporters["Receiving objects"]
    return lambda stage, done, total: reporters.get(stage, fallback)(done, total)


def team_menus(panel: TeamPanel) -> Menus:
    return [(QT_TRANSLATE_NOOP("Menus", "&Team"), [
        Command(QT_TRANSLATE_NOOP("Menus", "Sync with the team now"), "F6", panel.sync_now),
        Command(QT_TRANSLATE_NOOP("Menus", "Resolve articles changed here and by someone else…"),
                None, panel.resolve),
        SEPARATOR,
        Command(QT_TRANSLATE_NOOP("Menus", "Team remote and this desk's role…"), None,
                panel.choose_remote),
        Command(QT_TRANSLATE_NOOP("Menus", "Sign in to the team's remote…"), None,
                panel.sign_in),
        Command(QT_TRANSLATE_NOOP("Menus", "Join a team (copy its articles into a new folder)…"),
                None, panel.join)])]


class TeamPanel(QObject):
    shown = Signal(str)  # the status line now shown (tests, screenshots)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.team = TeamConfig()  # as last read, on the UI thread
        self.status = SyncStatus()
        self.syncing = False
        self.joining = False  # a team is being copied (the status says so before any sync)
        self.asked: set[str] = set()  # conflicts already offered in this session
        self.merging: set[str] = set()  # articles open in an editor to finish a merge
        self.label = QLabel()
        self.label.setObjectName("teamStatus")
        self.label.setAccessibleName(self.tr("Team sync status"))
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self, interval=window.prefs.values.team_sync_seconds * 1000)
        self.timer.timeout.connect(lambda: self.sync(background=True))
        self._report = stage_progress(window.tasks, self._progress)
        window.staff.revision_recorded.connect(self._recorded)
        self.actions = install_menus(window, team_menus(self))

    @property
    def window(self) -> MainWindow:
        """Its window (the Qt parent: no reference cycle, see following.PaneFollower)."""
        return cast("MainWindow", self.parent())

    @property
    def kb(self) -> KnowledgeBase:
        return self.window.kb

    # -- starting and stopping -----------------------------------------------------------

    def start(self) -> None:
        """Read the folder's team settings; if it is shared, sync now and then on a timer."""
        team = self.kb.team
        self.window.tasks.run(lambda: (team.config(), team.status()), self._loaded)

    def stop(self) -> None:
        self.timer.stop()

    def _loaded(self, loaded: tuple[TeamConfig, SyncStatus]) -> None:
        self.team, self.status = loaded
        self._show(self.status)
        if self.team.shared:
            self.timer.start()
            self.sync(background=True)

    # -- syncing -------------------------------------------------------------------------

    def sync_now(self) -> None:
        """F6: sync now (a folder that is not shared asks for the team's remote first)."""
        if not self.team.shared:
            self.choose_remote()
            return
        self.sync(background=False)

    def sync(self, background: bool) -> None:
        if not self.team.shared or not self.window.isVisible() and background:
            return
        kb, report = self.kb, self._report
        author = self.window.prefs.values.author or DESK_AUTHOR
        queued = self.window.tasks.write(lambda: kb.team.sync(author, report,
                                                              signals_now=not background),
                                         lambda result: self._synced(result, background),
                                         self._not_synced, key=SYNC_KEY, droppable=True)
        if queued:
            self.syncing = True
            self._say(self.tr("Team: syncing…"))

    def _synced(self, result: SyncResult, background: bool) -> None:
        self.syncing = False
        self.status = result.status
        said = result_line(result, self.kb.data_dir)
        self._show(result.status, said)
        if result.changed:
            self.window.indexing.took_in(result.changed)  # findable, and "updated"
        if result.signals is not None and result.signals.received:
            self.window.commands.load_answers()  # staff may have answered this desk's flags
            self.window.load_learned(force=False)  # other desks' use may lift articles
        if not background or result.changed or not result.ok:
            self.window.statusBar().showMessage(
                self.tr("Team: {message}").format(message=said), 10_000)
        fresh = [path for path in result.conflicts if path not in self.asked]
        if fresh:
            self.asked.update(fresh)
            self._offer(fresh)

    def _not_synced(self, error: Exception) -> None:
        self.syncing = False
        said = locale_text.say(error)
        self._say(self.tr("Team sync failed: {error}").format(error=said), said)

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self.syncing or total:
            percent = locale_text.number(done * 100 // max(total, 1))
            shown = QCoreApplication.translate("TeamPanel", stage)
            self._say(self.tr("Team: {stage} {percent}%…").format(stage=shown.lower(),
                                                                  percent=percent))

    def _recorded(self, revision: PendingRevision, _commit: str) -> None:
        """An editor's save was recorded: publish it (and finish a merge it completed)."""
        kb = self.kb
        for path in set(revision.paths) & self.merging:
            self.merging.discard(path)
            self.window.tasks.write(functools.partial(kb.team.settle, path))
        if self.team.shared and self.team.is_editor:
            self.sync(background=True)

    # -- what the status bar says --------------------------------------------------------

    def _show(self, status: SyncStatus, message: str = "") -> None:
        if not self.team.shared:
            self.label.hide()
            return
        role = (self.tr("This desk publishes its saves.") if self.team.is_editor
                else self.tr("This desk follows the team."))
        detail = message or locale_text.say(status.said or status.message)
        tip = f"{self.team.url}\n{role}"
        self._say(status_line(status), f"{tip}\n{detail}" if detail else tip)

    def _say(self, text: str, tip: str | None = None) -> None:
        self.label.setText(text)
        if tip is not None:
            self.label.setToolTip(tip)
        self.label.setVisible(self.team.shared or self.joining)
        self.shown.emit(text)

    # -- settings, signing in, joining ---------------------------------------------------

    def choose_remote(self) -> None:
        choice = ask_remote(self.window, self.team.url, self.team.role)
        if choice is None:
            return
        team = self.kb.team
        self.window.tasks.write(lambda: (team.set_remote(choice.url, choice.role),
                                         team.status()),
                                self._loaded,
                                lambda error: self._refused(self.tr("Not shared"), error))

    def sign_in(self) -> None:
        if not self.team.shared:
            self.choose_remote()
            return
        given = ask_sign_in(self.window, self.team.url, self.team.username)
        if given is None:
            return
        team = self.kb.team
        self.window.tasks.write(lambda: team.sign_in(given.secret, given.username or None),
                                self._signed_in,
                                lambda error: self._refused(self.tr("Not kept"), error))

    def _signed_in(self, kept: Kept) -> None:
        if kept.where == "keyring":
            self.window.statusBar().showMessage(
                self.tr("Team: the token is {where}").format(
                    where=locale_text.say(kept.note)), 8000)
        else:
            QMessageBox.information(self.window, self.tr("Signed in for this session"),
                                    locale_text.say(kept.note))
        self.start()  # the username may have changed: read the settings again, sync

    def join(self) -> None:
        joining = ask_join(self.window)
        if joining is None:
            return
        from kb_app.knowledge_base import KnowledgeBase

        report, keys = self._report, self.kb.team.credentials

        def clone() -> Path:
            with KnowledgeBase.clone(joining.url, joining.folder, joining.role,
                                     progress=report, credentials=keys) as desk:
                return desk.articles_dir

        self.joining = True
        self._say(self.tr("Joining the team…"))
        self.window.tasks.write(clone, self._joined,
                                lambda error: self._refused(self.tr("Not joined"), error))

    def _joined(self, folder: Path) -> None:
        """The copy is complete: open it in a new window (it indexes with progress) and
        remember it for the next start."""
        self.window.staff.switch_folder(folder)

    def _refused(self, title: str, error: Exception) -> None:
        self.joining = False
        self._show(self.status)
        QMessageBox.warning(self.window, title, locale_text.say(error))

    # -- articles changed here and by someone else ---------------------------------------

    def _offer(self, paths: list[str]) -> None:
        listed = f"{', '.join(paths[:5])}{'…' if len(paths) > 5 else ''}"
        answer = QMessageBox.question(
            self.window, self.tr("Changed here and by someone else"),
            self.tr("%Ln article(s) you changed were also changed by someone else: {list}."
                    "\n\nThe folder shows their version; yours is kept until you decide. "
                    "Decide now?", "", len(paths)).format(list=listed))
        if answer == QMessageBox.StandardButton.Yes:
            self.resolve()

    def resolve(self) -> None:
        """Each article waiting for a decision: both versions, then keep mine, take
        theirs or merge (the editor's conflict flow)."""
        kb = self.kb

        def waiting() -> list[tuple[SyncConflict, str | None]]:
            return [(c, _read(kb.articles_dir / c.path)) for c in kb.team.conflicts()]

        self.window.tasks.run(waiting, self._decide)

    def _decide(self, waiting: list[tuple[SyncConflict, str | None]]) -> None:
        if not waiting:
            self.window.statusBar().showMessage(
                self.tr("Team: no article waits for a decision"), 5000)
            return
        (conflict, theirs), rest = waiting[0], waiting[1:]
        choice = ConflictDialog.ask(conflict.mine or "", theirs, self.window)
        kb, path = self.kb, conflict.path
        author = self.window.prefs.values.author or DESK_AUTHOR
        if choice == KEEP_MINE:
            self.window.tasks.write(lambda: kb.team.keep_mine(path, author),
                                    lambda saved: self._decided([saved.path], rest),
                                    lambda error: self._refused(self.tr("Not saved"), error))
        elif choice == TAKE_THEIRS:
            self.window.tasks.write(lambda: kb.team.take_theirs(path),
                                    lambda _none: self._decided([], rest))
        elif choice == MERGE:
            self.merging.add(path)
            self.window.staff.open(lambda kb, searcher: _merged(kb, searcher, path), path)
            self._decide(rest)

    def _decided(self, written: list[str], rest: list[tuple[SyncConflict, str | None]]
                 ) -> None:
        if written:
            self.window.indexing.took_in(written)
        self.sync(background=False)  # publish the decision, and show the new status
        self._decide(rest)


def _merged(kb: KnowledgeBase, searcher: KnowledgeSearcher, path: str) -> Opening:
    """An editor on both texts merged (places both changed marked), to check and save."""
    return Opening(kb.team.merge(path).edit, kb.catalogue(searcher), path, unsaved=True)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return None


__all__ = ["TeamPanel", "team_menus"]
