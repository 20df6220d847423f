"""The team's dialogs: the remote and this desk's role, signing in, joining a team.
They only ask; `kb_app.gui.team` does what was asked through the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kb_app.gui.i18n import QT_TRANSLATE_NOOP
from kb_app.team import ROLES

CONTEXT = "TeamDialogs"
ROLE_TEXT = {"agent": QT_TRANSLATE_NOOP("TeamDialogs", "Agent: follows the team (never "
                                        "publishes, keeps nothing local)"),
             "editor": QT_TRANSLATE_NOOP("TeamDialogs", "Editor: publishes each saved revision")}
EXAMPLE_URL = "https://git.example.com/team/articles.git"
TEAM_FOLDER = "Team articles"  # a folder's name: kept in English, as files are

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal")


@dataclass(frozen=True)
class RemoteChoice:
    url: str
    role: str


@dataclass(frozen=True)
class SignIn:
    username: str
    secret: str  # never logged, never stored by the window


@dataclass(frozen=True)
class Joining:
    url: str
    role: str
    folder: Path


def _form(dialog: QDialog, rows: list[tuple[str, QWidget]], note: str) -> None:
    """The rows (label, widget: each label is its widget's buddy and names it to screen
    readers), the note above them, OK and Cancel."""
    form = QFormLayout()
    for label, widget in rows:
        form.addRow(label, widget)
        if not widget.accessibleName():
            widget.setAccessibleName(label.replace("&", "").rstrip(":").strip())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    text = QLabel(note)
    text.setObjectName("note")
    text.setWordWrap(True)
    layout.addWidget(text)
    layout.addLayout(form)
    layout.addWidget(buttons)
    dialog.resize(560, dialog.sizeHint().height())


def role_choice(current: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("role")
    combo.setAccessibleDescription(translate(
        "TeamDialogs", "An agent's desk follows the team; an editor's desk also publishes"))
    for role in ROLES:
        combo.addItem(QCoreApplication.translate(CONTEXT, ROLE_TEXT[role]), role)
    combo.setCurrentIndex(ROLES.index(current) if current in ROLES else 0)
    return combo


def ask_remote(parent: QWidget, url: str, role: str) -> RemoteChoice | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("TeamDialogs", "The team's remote"))
    address, roles = QLineEdit(url), role_choice(role)
    address.setObjectName("remoteUrl")
    address.setPlaceholderText(EXAMPLE_URL)
    address.setAccessibleDescription(_address_description())
    _form(dialog, [(translate("TeamDialogs", "&Remote:"), address),
                   (translate("TeamDialogs", "This &desk:"), roles)],
          translate("TeamDialogs",
                    "The git repository the team shares its articles through (https, ssh, or "
                    "a folder on a share). Do not put a password in the address: sign in "
                    "afterwards, and the token is kept in the system keyring."))
    if dialog.exec() != QDialog.DialogCode.Accepted or not address.text().strip():
        return None
    return RemoteChoice(address.text().strip(), str(roles.currentData()))


def _address_description() -> str:
    return translate("TeamDialogs", "A git address: https, ssh, or a folder on a share")


def ask_sign_in(parent: QWidget, url: str, username: str) -> SignIn | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("TeamDialogs", "Sign in to the team's remote"))
    name, token = QLineEdit(username), QLineEdit()
    name.setObjectName("username")
    token.setEchoMode(QLineEdit.EchoMode.Password)
    token.setObjectName("token")
    token.setAccessibleDescription(
        translate("TeamDialogs", "Kept in the system keyring, never in a file"))
    _form(dialog, [(translate("TeamDialogs", "&User name:"), name),
                   (translate("TeamDialogs", "&Token or password:"), token)],
          translate("TeamDialogs", "{address}\nThe token is kept in the system keyring, never "
                    "in a settings file.").format(address=url))
    if dialog.exec() != QDialog.DialogCode.Accepted or not token.text():
        return None
    return SignIn(name.text().strip(), token.text())


def ask_join(parent: QWidget) -> Joining | None:
    """Where to copy a team's articles: the remote, the role, the new folder."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("TeamDialogs", "Join a team"))
    address, roles = QLineEdit(), role_choice("agent")
    address.setObjectName("remoteUrl")
    address.setPlaceholderText(EXAMPLE_URL)
    address.setAccessibleDescription(_address_description())
    folder = QLineEdit(str(Path(platformdirs.user_documents_dir()) / TEAM_FOLDER))
    folder.setObjectName("folder")
    folder.setAccessibleName(translate("TeamDialogs", "New folder"))
    folder.setAccessibleDescription(
        translate("TeamDialogs", "Where the team's articles are copied on this desk"))
    browse = QPushButton(translate("TeamDialogs", "C&hoose…"))
    browse.setObjectName("browse")
    browse.setAccessibleName(translate("TeamDialogs", "Choose the new folder"))
    browse.clicked.connect(lambda: _browse(dialog, folder))
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(folder, 1)
    line.addWidget(browse)
    address.textChanged.connect(lambda text: suggest_folder(folder, text))
    _form(dialog, [(translate("TeamDialogs", "&Remote:"), address),
                   (translate("TeamDialogs", "This &desk:"), roles),
                   (translate("TeamDialogs", "&New folder:"), row)],
          translate("TeamDialogs",
                    "The team's articles are copied into a new folder on this desk, indexed, "
                    "and opened; the app remembers it. Search keeps working when the network "
                    "does not."))
    if dialog.exec() != QDialog.DialogCode.Accepted or not address.text().strip():
        return None
    return Joining(address.text().strip(), str(roles.currentData()),
                   Path(folder.text()).expanduser())


def _browse(dialog: QDialog, folder: QLineEdit) -> None:
    chosen = QFileDialog.getExistingDirectory(
        dialog, translate("TeamDialogs", "Put the new folder in"),
        str(Path(folder.text()).parent))
    if chosen:
        folder.setText(str(Path(chosen) / Path(folder.text()).name))


def suggest_folder(folder: QLineEdit, url: str) -> None:
    name = Path(urlsplit(url).path or url.split(":")[-1]).name.removesuffix(".git")
    if name:
        folder.setText(str(Path(folder.text()).parent / name))


__all__ = ["Joining", "RemoteChoice", "SignIn", "ask_join", "ask_remote", "ask_sign_in",
           "role_choice", "suggest_folder"]
