"""The team's dialogs: the remote and this desk's role, signing in, joining a team.
They only ask; `kb_app.gui.team` does what was asked through the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs
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

from kb_app.team import ROLES

ROLE_TEXT = {"agent": "Agent: follows the team (never publishes, keeps nothing local)",
             "editor": "Editor: publishes each saved revision"}


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
    form = QFormLayout()
    for label, widget in rows:
        form.addRow(label, widget)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    text = QLabel(note)
    text.setWordWrap(True)
    layout.addWidget(text)
    layout.addLayout(form)
    layout.addWidget(buttons)
    dialog.resize(560, dialog.sizeHint().height())


def role_choice(current: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("role")
    for role in ROLES:
        combo.addItem(ROLE_TEXT[role], role)
    combo.setCurrentIndex(ROLES.index(current) if current in ROLES else 0)
    return combo


def ask_remote(parent: QWidget, url: str, role: str) -> RemoteChoice | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("The team's remote")
    address, roles = QLineEdit(url), role_choice(role)
    address.setObjectName("remoteUrl")
    address.setPlaceholderText("https://git.example.com/team/articles.git")
    _form(dialog, [("Remote:", address), ("This desk:", roles)],
          "The git repository the team shares its articles through (https, ssh, or a "
          "folder on a share). Do not put a password in the address: sign in afterwards, "
          "and the token is kept in the system keyring.")
    if dialog.exec() != QDialog.DialogCode.Accepted or not address.text().strip():
        return None
    return RemoteChoice(address.text().strip(), str(roles.currentData()))


def ask_sign_in(parent: QWidget, url: str, username: str) -> SignIn | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Sign in to the team's remote")
    name, token = QLineEdit(username), QLineEdit()
    token.setEchoMode(QLineEdit.EchoMode.Password)
    token.setObjectName("token")
    _form(dialog, [("User name:", name), ("Token or password:", token)],
          f"{url}\nThe token is kept in the system keyring, never in a settings file.")
    if dialog.exec() != QDialog.DialogCode.Accepted or not token.text():
        return None
    return SignIn(name.text().strip(), token.text())


def ask_join(parent: QWidget) -> Joining | None:
    """Where to copy a team's articles: the remote, the role, the new folder."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Join a team")
    address, roles = QLineEdit(), role_choice("agent")
    address.setPlaceholderText("https://git.example.com/team/articles.git")
    folder = QLineEdit(str(Path(platformdirs.user_documents_dir()) / "Team articles"))
    browse = QPushButton("Choose…")
    browse.clicked.connect(lambda: _browse(dialog, folder))
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(folder, 1)
    line.addWidget(browse)
    address.textChanged.connect(lambda text: suggest_folder(folder, text))
    _form(dialog, [("Remote:", address), ("This desk:", roles), ("New folder:", row)],
          "The team's articles are copied into a new folder on this desk, indexed, and "
          "opened; the app remembers it. Search keeps working when the network does not.")
    if dialog.exec() != QDialog.DialogCode.Accepted or not address.text().strip():
        return None
    return Joining(address.text().strip(), str(roles.currentData()),
                   Path(folder.text()).expanduser())


def _browse(dialog: QDialog, folder: QLineEdit) -> None:
    chosen = QFileDialog.getExistingDirectory(dialog, "Put the new folder in",
                                              str(Path(folder.text()).parent))
    if chosen:
        folder.setText(str(Path(chosen) / Path(folder.text()).name))


def suggest_folder(folder: QLineEdit, url: str) -> None:
    name = Path(urlsplit(url).path or url.split(":")[-1]).name.removesuffix(".git")
    if name:
        folder.setText(str(Path(folder.text()).parent / name))


__all__ = ["Joining", "RemoteChoice", "SignIn", "ask_join", "ask_remote", "ask_sign_in",
           "role_choice", "suggest_folder"]
