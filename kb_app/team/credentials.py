"""Secrets for the team's remote: an https token or an ssh key's passphrase, kept in the
system keyring (macOS Keychain, Windows Credential Manager, the Secret Service on Linux)
through the `keyring` library, under the service name "gyan-git".

They are never written to the settings, the repository's config, the data folder or a
log. On a machine with no keyring (a headless server, CI) a secret given in the app is
kept in memory for that session only, and the user is told so; `GYAN_GIT_TOKEN` (and
`GYAN_GIT_USERNAME`) in the environment serve unattended runs.

An ssh key's passphrase reaches ssh through `gyan-askpass` (kb_app.team.askpass), which
reads it from the keyring itself: it never passes through an argument, a file or the
environment.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

from kb_app.messages import Message, translate
from kb_app.team.remote import Login, is_http, is_ssh, username_in

SERVICE = "gyan-git"
TOKEN_ENV = "GYAN_GIT_TOKEN"
USERNAME_ENV = "GYAN_GIT_USERNAME"
ASKPASS_KEY_ENV = "GYAN_ASKPASS_KEY"
ASKPASS_PROGRAM = "gyan-askpass"


@dataclass(frozen=True)
class Kept:
    """Where a secret went: "keyring", or "session" (memory, this process only)."""

    where: str
    note: Message


def token_key(url: str) -> str:
    """The keyring entry of the token for a remote (the address holds no secret)."""
    return f"token:{url}"


def passphrase_key(key_file: str) -> str:
    return f"ssh-key:{Path(key_file).expanduser().resolve()}"


class Credentials:
    """The desk's secrets for its remotes. One per process (the session memory is this
    object's own); the keyring is the system's."""

    def __init__(self, backend: KeyringBackend | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        """`backend`: a keyring backend (tests); by default the system's."""
        self._backend = backend
        self._environ = environ if environ is not None else os.environ
        self._session: dict[str, str] = {}

    def backend(self) -> KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def keyring_problem(self) -> Message | None:
        """Why secrets cannot be kept in a keyring here, or None if they can."""
        backend = self.backend()
        try:
            priority = float(backend.priority)
        except Exception as exc:  # noqa: BLE001 - a backend that cannot even say
            return translate("Sync", "the keyring could not be opened ({error})").format(
                error=str(exc))
        if priority <= 0 or type(backend).__module__.startswith("keyring.backends.fail"):
            return translate("Sync", "no system keyring is available on this machine")
        return None

    def keep(self, key: str, secret: str) -> Kept:
        """Keep `secret` in the keyring; with none, for this session only (said so)."""
        problem = self.keyring_problem()
        if problem is None:
            try:
                self.backend().set_password(SERVICE, key, secret)
                self._session.pop(key, None)
                return Kept("keyring", translate("Sync", "kept in the system keyring"))
            except KeyringError as exc:
                problem = translate("Sync", "the keyring refused it ({error})").format(
                    error=f"{type(exc).__name__}: {exc}")
        self._session[key] = secret
        return Kept("session", translate(
            "Sync", "{problem}: it is kept in memory for this session only and never written "
            "to disk. Sign in again after restarting, or set {variable} in the environment for "
            "unattended use").format(problem=problem, variable=TOKEN_ENV))

    def find(self, key: str) -> str | None:
        if key in self._session:
            return self._session[key]
        if self.keyring_problem() is not None:
            return None
        try:
            return self.backend().get_password(SERVICE, key)
        except KeyringError:
            return None

    def forget(self, key: str) -> None:
        self._session.pop(key, None)
        if self.keyring_problem() is None:
            with contextlib.suppress(KeyringError):  # nothing was kept
                self.backend().delete_password(SERVICE, key)

    def login(self, url: str, username: str | None = None,
              ssh_key: str | None = None) -> Login:
        """Who to be at `url`: the stored token (https), or the key and the askpass
        helper (ssh). The environment's token serves when nothing is stored."""
        if is_http(url):
            secret = self.find(token_key(url)) or self._environ.get(TOKEN_ENV) or None
            name = username or username_in(url) or self._environ.get(USERNAME_ENV) or None
            return Login(name, secret)
        if is_ssh(url) and ssh_key:
            command = askpass_ssh_command(passphrase_key(ssh_key)) if self.find(
                passphrase_key(ssh_key)) else None
            return Login(username, None, ssh_key, command)
        return Login(username)


def askpass_ssh_command(key: str) -> str | None:
    """ssh run with `gyan-askpass` answering its passphrase prompt (None where that
    cannot be done: no helper installed, or Windows, whose ssh reads the agent)."""
    helper = shutil.which(ASKPASS_PROGRAM) or str(Path(sys.executable).parent / ASKPASS_PROGRAM)
    if sys.platform == "win32" or not Path(helper).is_file():
        return None
    return (f"env SSH_ASKPASS={shlex.quote(helper)} SSH_ASKPASS_REQUIRE=force "
            f"{ASKPASS_KEY_ENV}={shlex.quote(key)} ssh")


__all__ = ["ASKPASS_KEY_ENV", "SERVICE", "TOKEN_ENV", "Credentials", "Kept",
           "askpass_ssh_command", "passphrase_key", "token_key"]
