"""Edit → Preferences: every preference of `kb_app.settings.Preferences` a person chooses,
in one dialog: the interface language, theme and text size, the names recorded with
revisions and flags, recording searches for the team, learning from the team's use, how
often the desk syncs, and the articles folder (the team's remote and role have their own
dialog, one button away).

OK applies what changed at once. A new interface language is installed and the window
is opened again on the same folder, so every text is made again in it (Qt widgets do not
translate themselves; reopening is the one way that misses nothing); no restart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kb_app.gui import health_view, i18n, theme
from kb_app.settings import FONT_SIZES, SYNC_SECONDS, Preferences

if TYPE_CHECKING:
    from kb_app.gui.main_window import MainWindow


FOLDER_WIDTH = 360


@dataclass(frozen=True)
class Choice:
    """What the dialog was left with: the preferences, and the articles folder to open
    (None: the one open now)."""

    preferences: Preferences
    folder: Path | None = None


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, folder: Path, remote: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setObjectName("preferences")
        self.original, self.open_folder = prefs, folder
        self.language = QComboBox()
        self.language.setObjectName("interfaceLanguage")
        system = i18n.system_language()
        self.language.addItem(self.tr("As the system ({language})").format(
            language=self._language_name(system)), i18n.SYSTEM)
        for code in i18n.LANGUAGES:
            self.language.addItem(self._language_name(code), code)
        self._select(self.language, prefs.interface_language)
        self.language.setAccessibleDescription(self.tr(
            "The language of menus, buttons and messages; articles are found in every "
            "language"))
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for mode, text in ((theme.SYSTEM, self.tr("As the system")),
                           (theme.LIGHT, self.tr("Light")), (theme.DARK, self.tr("Dark"))):
            self.theme.addItem(text, mode)
        self._select(self.theme, prefs.theme)
        self.font_size = QSpinBox()
        self.font_size.setObjectName("fontSize")
        self.font_size.setRange(*FONT_SIZES)
        self.font_size.setValue(prefs.font_size)
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setAccessibleDescription(self.tr(
            "The size of the results and the article (Ctrl+= and Ctrl+- change it too)"))
        self.author = QLineEdit(prefs.author)
        self.author.setObjectName("author")
        self.author.setAccessibleDescription(self.tr(
            "Recorded with each revision you save in the articles' history"))
        self.agent = QLineEdit(prefs.agent)
        self.agent.setObjectName("agent")
        self.agent.setAccessibleDescription(self.tr(
            "Recorded with each flag you raise, so staff can answer you"))
        self.record = QCheckBox(self.tr("&Record my searches for the team's report"))
        self.record.setObjectName("recordSearches")
        self.record.setChecked(prefs.record_searches)
        self.record.setAccessibleDescription(self.tr(
            "Only what you type and open, never anything about the customer"))
        self.learn = QCheckBox(self.tr("&Lift the articles the team keeps opening"))
        self.learn.setObjectName("learnFromTeam")
        self.learn.setChecked(prefs.learn_from_team)
        self.meaning = QCheckBox(self.tr("Rank English searches by &meaning too"))
        self.meaning.setObjectName("searchByMeaning")
        self.meaning.setChecked(prefs.search_by_meaning)
        self.meaning.setAccessibleDescription(self.tr(
            "Finds the article that says what the customer means in other words; "
            "runs in the background after indexing"))
        self.sync = QSpinBox()
        self.sync.setObjectName("syncSeconds")
        self.sync.setRange(*SYNC_SECONDS)
        self.sync.setValue(prefs.team_sync_seconds)
        self.sync.setSuffix(self.tr(" s"))
        self.sync.setAccessibleDescription(self.tr(
            "How often this desk syncs with the team's remote in the background (F6: now)"))
        self.folder = QLineEdit(str(folder))
        self.folder.setObjectName("articlesFolder")
        self.folder.setReadOnly(True)
        self.folder.setAccessibleDescription(self.tr(
            "The folder of articles this window searches; the next start opens it too"))
        browse = QPushButton(self.tr("C&hoose…"))
        browse.setObjectName("chooseFolder")
        browse.setAccessibleName(self.tr("Choose the articles folder"))
        browse.clicked.connect(self._choose_folder)
        self.remote = QPushButton(self.tr("&Team remote and this desk's role…"))
        self.remote.setObjectName("teamRemote")
        self.remote.setAccessibleDescription(
            self.tr("Now: {address}").format(address=remote) if remote
            else self.tr("This folder is not shared with a team"))
        self._lay_out(browse, remote)

    def _lay_out(self, browse: QPushButton, remote: str) -> None:
        folder_row = QWidget()
        line = QHBoxLayout(folder_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.folder, 1)
        line.addWidget(browse)
        form = QFormLayout()
        for label, field in ((self.tr("Interface &language:"), self.language),
                             (self.tr("T&heme:"), self.theme),
                             (self.tr("Text &size:"), self.font_size),
                             (self.tr("Your &name (history):"), self.author),
                             (self.tr("Your name for &flags:"), self.agent),
                             (self.tr("&Articles folder:"), self.folder),
                             (self.tr("Sync with the team &every:"), self.sync)):
            shown = QLabel(label)
            shown.setBuddy(field)
            form.addRow(shown, folder_row if field is self.folder else field)
            field.setAccessibleName(_spoken(label))
            if isinstance(field, QSpinBox):  # its typing line takes the focus: named too
                for typing in field.findChildren(QLineEdit):
                    typing.setAccessibleName(_spoken(label))
        form.addRow(self.record)
        form.addRow(self.learn)
        form.addRow(self.meaning)
        remote_note = QLabel(remote or self.tr("Not shared with a team"))
        remote_note.setObjectName("remoteNote")
        remote_note.setWordWrap(True)
        form.addRow(self.remote, remote_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("buttons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.folder.setMinimumWidth(FOLDER_WIDTH)  # a folder's path is read in full
        self.language.setFocus()

    @staticmethod
    def _language_name(code: str) -> str:
        """Each language by its own name, as language lists do: English, বাংলা."""
        return {i18n.ENGLISH: "English", i18n.BENGALI: "বাংলা"}.get(code, code)

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        combo.setCurrentIndex(max(0, combo.findData(value)))

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("The folder of articles"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(str(Path(chosen).resolve()))

    def choice(self) -> Choice:
        """The preferences as the dialog shows them."""
        prefs = replace(self.original,
                        interface_language=str(self.language.currentData()),
                        theme=str(self.theme.currentData()),
                        font_size=self.font_size.value(),
                        author=self.author.text().strip(),
                        agent=self.agent.text().strip(),
                        record_searches=self.record.isChecked(),
                        learn_from_team=self.learn.isChecked(),
                        search_by_meaning=self.meaning.isChecked(),
                        team_sync_seconds=self.sync.value())
        folder = Path(self.folder.text())
        return Choice(prefs, folder if folder != self.open_folder else None)


def _spoken(label: str) -> str:
    """A form label as a screen reader should say it: no mnemonic, no colon."""
    return label.split("(&")[0].replace("&", "").rstrip(":： ").strip()


def show_preferences(window: MainWindow) -> None:
    """The dialog over `window`; what changed is applied (see `apply`)."""
    dialog = PreferencesDialog(window.prefs.values, window.kb.articles_dir,
                               window.team.team.url if window.team.team.shared else "",
                               window)
    dialog.remote.clicked.connect(window.team.choose_remote)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        apply(window, dialog.choice())


def apply(window: MainWindow, choice: Choice) -> MainWindow:
    """Save the preferences and make them so in `window`; returns the window that shows
    them (a new one on a new folder or in a new language)."""
    before, after = window.prefs.values, choice.preferences
    window.prefs.values = after
    window.prefs.save()
    if after.theme != before.theme:
        window.appearance.set_theme(after.theme)
    if after.font_size != before.font_size:
        window.appearance.apply_font(after.font_size)
    if after.record_searches != before.record_searches:
        window.recording_action.setChecked(after.record_searches)
        health_view.set_recording(window, after.record_searches)
    if after.learn_from_team != before.learn_from_team:
        window.learning_action.setChecked(after.learn_from_team)
        window.set_learning(after.learn_from_team)
    if after.search_by_meaning != before.search_by_meaning:
        window.meaning_action.setChecked(after.search_by_meaning)
        window.set_meaning(after.search_by_meaning)
    window.team.timer.setInterval(after.team_sync_seconds * 1000)
    language_changed = i18n.resolve(after.interface_language) != i18n.current()
    if choice.folder is not None:
        i18n.apply(after.interface_language)
        return window.staff.switch_folder(choice.folder)
    if language_changed:
        i18n.apply(after.interface_language)
        return window.staff.reopen() or window
    return window


__all__ = ["Choice", "PreferencesDialog", "apply", "show_preferences"]
