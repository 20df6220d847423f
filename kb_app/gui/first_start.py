"""The first start: where is the knowledge base? The window opens on the bundled sample
and asks over it: keep the sample (read-only: the first edit makes a copy), a folder
already on this desk, or the team's remote (copied here with progress, then indexed with
progress by a new window). The choice is remembered, so the next plain start opens the
same folder without asking.

The copy runs on a thread of its own (no window, so no task runner yet); this dialog only
asks and shows. A remote that wants a sign-in shows the token field and is tried again;
the token goes to the system keyring, never to a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kb_app import config
from kb_app.gui import locale_text
from kb_app.gui.team import stage_progress
from kb_app.gui.team_dialogs import EXAMPLE_URL, TEAM_FOLDER, role_choice, suggest_folder
from kb_app.team.credentials import Credentials, token_key

if TYPE_CHECKING:
    from kb_app.gui.main_window import MainWindow
    from kb_app.gui.tasks import TaskRunner


@dataclass(frozen=True)
class Chosen:
    folder: Path
    how: str  # "sample" | "folder" | "team"


class FirstStart(QDialog):
    def __init__(self, tasks: TaskRunner, credentials: Credentials | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Gyan"))
        self.setObjectName("firstStart")
        self.tasks = tasks
        self.credentials = credentials or Credentials()
        self.chosen: Chosen | None = None
        self.copying = False  # a copy under way (on the task runner's writer thread)
        self._report = stage_progress(tasks, self._progress)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choices())
        self.pages.addWidget(self._team())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(620, 320)

    # -- the three choices ---------------------------------------------------------------

    def _choices(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(self.tr("<b>Where is your knowledge base?</b><br>Gyan opens it at "
                               "every start from now on; you can change it later."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for name, label, note, chosen in (
                ("team", self.tr("&Join my team's knowledge base…"),
                 self.tr("Copy the articles your team shares (a git address from your IT or "
                         "product staff). Search keeps working offline."), self._show_team),
                ("folder", self.tr("&Open a folder of articles on this computer…"),
                 self.tr("A folder of Markdown articles, such as one a colleague gave you."),
                 self._pick_folder),
                ("sample", self.tr("&Try the sample knowledge base"),
                 self.tr("Articles that come with Gyan, in English and Bengali. Read-only: "
                         "the first edit makes your own copy."), self._take_sample)):
            button = QPushButton(label)
            button.setObjectName(name)
            button.setAccessibleDescription(note)
            button.clicked.connect(chosen)
            text = QLabel(note)
            text.setWordWrap(True)
            text.setIndent(18)
            layout.addWidget(button)
            layout.addWidget(text)
        layout.addStretch(1)
        return page

    def _take_sample(self) -> None:
        self._finish(Chosen(config.bundled_articles_dir().resolve(), "sample"))

    def _pick_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("The folder of articles"),
                                                  str(Path.home()))
        if chosen:
            self._finish(Chosen(Path(chosen).resolve(), "folder"))

    def _finish(self, chosen: Chosen) -> None:
        self.chosen = chosen
        self.accept()

    # -- joining a team ------------------------------------------------------------------

    def _team(self) -> QWidget:
        page = QWidget()
        self.address = QLineEdit()
        self.address.setObjectName("remoteUrl")
        self.address.setPlaceholderText(EXAMPLE_URL)
        self.address.setAccessibleDescription(self.tr(
            "A git address from your IT or product staff: https, ssh, or a folder on a share"))
        self.roles = role_choice("agent")
        self.folder = QLineEdit(str(Path(platformdirs.user_documents_dir()) / TEAM_FOLDER))
        self.folder.setObjectName("folder")
        self.folder.setAccessibleDescription(self.tr(
            "Where the team's articles are copied on this computer"))
        self.address.textChanged.connect(lambda text: suggest_folder(self.folder, text))
        self.token = QLineEdit()
        self.token.setObjectName("token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setAccessibleDescription(self.tr(
            "Kept in the system keyring, never in a file"))
        self.token_label = QLabel(self.tr("&Token or password:"))
        self.token_label.setBuddy(self.token)
        self.token.hide()
        self.token_label.hide()
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Copying progress"))
        self.bar.hide()
        self.status = QLabel("")
        self.status.setObjectName("joinStatus")
        self.status.setWordWrap(True)
        self.join = QPushButton(self.tr("&Copy and open"))
        self.join.setObjectName("join")
        self.join.setDefault(True)
        self.join.clicked.connect(self._start_clone)
        back = QPushButton(self.tr("&Back"))
        back.setObjectName("back")
        back.setAccessibleDescription(self.tr("Back to the three choices"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        form = QFormLayout()
        for label, field in ((self.tr("Team &remote:"), self.address),
                             (self.tr("This &desk:"), self.roles),
                             (self.tr("&New folder:"), self.folder)):
            form.addRow(label, field)
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
        form.addRow(self.token_label, self.token)
        self.token.setAccessibleName(self.tr("Token or password"))
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.join)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _show_team(self) -> None:
        self.pages.setCurrentIndex(1)
        self.address.setFocus()

    def _start_clone(self) -> None:
        url = self.address.text().strip()
        if not url or self.copying:
            return
        if self.token.isVisible() and self.token.text():
            kept = self.credentials.keep(token_key(url), self.token.text())
            self.status.setText(self.tr("The token is {where}.").format(
                where=locale_text.say(kept.note)))
        self.join.setEnabled(False)
        self.bar.setRange(0, 0)
        self.bar.show()
        self.status.setText(self.tr("Copying the team's articles…"))
        from kb_app.knowledge_base import KnowledgeBase

        role, folder = str(self.roles.currentData()), Path(self.folder.text()).expanduser()
        report, keys = self._report, self.credentials

        def clone() -> Path:
            with KnowledgeBase.clone(url, folder, role, credentials=keys,
                                     progress=report) as kb:
                return kb.articles_dir

        self.copying = True
        self.tasks.write(clone, self._cloned, self._failed)

    def _progress(self, stage: str, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        shown = QCoreApplication.translate("TeamPanel", stage)
        self.status.setText(self.tr("{stage}: {done} of {total}").format(
            stage=shown, done=locale_text.number(done), total=locale_text.number(total)))

    def _cloned(self, folder: Path) -> None:
        self._ended()
        self._finish(Chosen(Path(folder), "team"))

    def _failed(self, error: Exception) -> None:
        self._ended()
        self.status.setText(locale_text.say(error))
        if getattr(error, "outcome", "") == "sign-in":  # a RemoteError (kb_app.team.remote)
            self.token.show()
            self.token_label.show()
            self.token.setFocus()

    def _ended(self) -> None:
        self.copying = False
        self.bar.hide()
        self.join.setEnabled(True)

    def reject(self) -> None:
        if not self.copying:  # a copy under way finishes first
            super().reject()


def offer_first_start(window: MainWindow) -> None:
    """On the first plain start, over the window (open on the bundled sample), ask once
    where the knowledge base is and remember the answer: a folder or the team's copy
    opens in place of the sample, now and at every start; the sample stays (read-only,
    its first edit makes the copy a plain start opens from then on). Closed without an
    answer: asked again at the next start."""
    prefs = window.prefs
    if prefs.values.started_before or prefs.values.articles_folder:
        return
    dialog = FirstStart(window.tasks, window.kb.team.credentials, window)
    dialog.exec()
    if dialog.chosen is None:
        return
    prefs.values.started_before = True
    prefs.save()
    if dialog.chosen.how != "sample":
        window.staff.switch_folder(dialog.chosen.folder)


__all__ = ["Chosen", "FirstStart", "offer_first_start"]
