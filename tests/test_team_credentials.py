"""Credentials for the team's remote: in the keyring only, never in a file or a log; a
machine with no keyring falls back to this session, and says so; addresses with
secrets in them are refused."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from keyring.backends import fail

from kb_app import config
from kb_app.team import askpass
from kb_app.team.credentials import Credentials, askpass_ssh_command, passphrase_key, token_key
from kb_app.team.remote import RejectedAddress, checked_address, redacted
from tests.gitserver import Faults, GitServer, bare
from tests.teamkit import MemoryKeyring, credentials, join, publish

TOKEN = "tok-3f9a1c77e2"


@pytest.mark.parametrize("url", [
    "https://nusrat:hunter2@git.example.com/team/kb.git",
    "https://oauth2:glpat-AbCdEf0123456789@gitlab.example.com/team/kb.git",
    "https://ghp_0123456789abcdefghijklmnopqrstuvwxyz@github.com/team/kb.git",
    "http://user:@host/x.git",
])
def test_an_address_with_a_secret_is_refused(url: str) -> None:
    with pytest.raises(RejectedAddress) as refused:
        checked_address(url)
    message = str(refused.value)
    assert "hunter2" not in message and "glpat" not in message and "ghp_" not in message
    assert "keyring" in message


@pytest.mark.parametrize(("given", "kept"), [
    ("https://git.example.com/team/kb.git", "https://git.example.com/team/kb.git"),
    ("https://nusrat@git.example.com/team/kb.git", "https://nusrat@git.example.com/team/kb.git"),
    ("git@git.example.com:team/kb.git", "git@git.example.com:team/kb.git"),
    ("ssh://git@git.example.com:2222/team/kb.git", "ssh://git@git.example.com:2222/team/kb.git"),
])
def test_plain_addresses_are_kept_as_given(given: str, kept: str) -> None:
    assert checked_address(given) == kept
    assert "nusrat" not in redacted(kept) and "git@" not in redacted(kept)


def test_a_folder_becomes_a_file_address(tmp_path: Path) -> None:
    assert checked_address(str(tmp_path)) == tmp_path.resolve().as_uri()


@pytest.fixture
def locked(tmp_path: Path):
    """A remote that wants a token, with a desk already holding it."""
    bare(tmp_path / "server")
    with GitServer(tmp_path / "server") as open_server:
        url = open_server.url("team.git")
        publish(url, tmp_path)
        agent = join(url, tmp_path, "agent")
    with GitServer(tmp_path / "server", Faults(token=TOKEN), port=open_server.port) as server:
        yield server, agent


def _files_under(*roots: Path) -> list[Path]:
    return [p for root in roots for p in root.rglob("*") if p.is_file()]


def test_the_token_is_asked_for_kept_in_the_keyring_and_nowhere_else(
        locked, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    _, agent = locked
    caplog.set_level(logging.DEBUG)
    refused = agent.sync()
    assert refused.outcome == "sign-in" and "asks who you are" in refused.message
    assert "sign in" in agent.kb.team.status().summary()
    kept = agent.kb.team.sign_in(TOKEN, username="nusrat")
    assert kept.where == "keyring"
    assert agent.sync().outcome == "synced"
    assert agent.kb.team.signed_in()
    secret = TOKEN.encode()
    for path in _files_under(agent.folder, config.data_root(), tmp_path / "index-agent"):
        assert secret not in path.read_bytes(), path
    assert TOKEN not in caplog.text
    agent.kb.team.sign_in("wrong-token")
    wrong = agent.sync()
    assert wrong.outcome == "sign-in" and "did not accept" in wrong.message
    assert TOKEN not in wrong.message and "wrong-token" not in wrong.message


def test_no_keyring_falls_back_to_this_session_and_says_so(locked) -> None:
    _, agent = locked
    agent.kb.team.credentials = Credentials(fail.Keyring(), environ={})
    kept = agent.kb.team.sign_in(TOKEN)
    assert kept.where == "session"
    assert "no system keyring" in str(kept.note) and "this session only" in str(kept.note)
    assert agent.sync().outcome == "synced"  # used for this session
    assert Credentials(fail.Keyring(), environ={}).find(token_key(
        agent.kb.team.config().url)) is None  # a new session has nothing


def test_the_environment_serves_unattended_runs(locked) -> None:
    _, agent = locked
    agent.kb.team.credentials = Credentials(fail.Keyring(), environ={"GYAN_GIT_TOKEN": TOKEN})
    assert agent.sync().outcome == "synced"


def test_a_private_remote_clones_with_the_token_from_the_keyring(locked, tmp_path) -> None:
    server, _ = locked
    keys = credentials()
    keys.keep(token_key(server.url("team.git")), TOKEN)
    desk = join(server.url("team.git"), tmp_path, "new-desk", keys=keys)
    assert desk.found("reset button") == ["router/setup.md"]


def test_ssh_passphrases_reach_ssh_through_the_askpass_helper(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    memory = MemoryKeyring()
    keys = Credentials(memory, environ={})
    key_file = tmp_path / "id_ed25519"
    keys.keep(passphrase_key(str(key_file)), "correct horse")
    login = keys.login("git@git.example.com:team/kb.git", ssh_key=str(key_file))
    assert login.ssh_key == str(key_file) and login.secret is None
    command = askpass_ssh_command(passphrase_key(str(key_file)))
    assert command is not None and "gyan-askpass" in command
    assert login.ssh_command == command and "correct horse" not in command
    monkeypatch.setattr(askpass.keyring, "get_password", memory.get_password)
    key = passphrase_key(str(key_file))
    assert askpass.answer(f"Enter passphrase for key '{key_file}': ", key) == "correct horse"
    for prompt in ("Are you sure you want to continue connecting (yes/no)?",
                   "git@host's password: "):
        assert askpass.answer(prompt, key) is None  # never typed where not asked for
