"""`kb remote`, `kb sync`, `kb clone`, `kb resolve` against a file:// remote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from keyring.backends import fail

from kb_app import cli
from kb_app.knowledge_base import KnowledgeBase
from kb_app.team import credentials as credentials_module
from tests.gitserver import bare
from tests.teamkit import MemoryKeyring, publish, write_articles

REFUND = "general/refund.md"


@pytest.fixture
def keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    """The system keyring, for these tests: one in memory."""
    memory = MemoryKeyring()
    monkeypatch.setattr(credentials_module.keyring, "get_keyring", lambda: memory)
    return memory


@pytest.fixture
def remote(tmp_path: Path, keyring: MemoryKeyring) -> str:
    url = bare(tmp_path / "server").as_uri()
    publish(url, tmp_path)
    return url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_clone_sync_show_and_search(remote: str, tmp_path: Path, capsys) -> None:
    desk = tmp_path / "desk"
    code, out, err = run(capsys, "clone", remote, str(desk), "--index", str(tmp_path / "ix"))
    assert code == 0 and out.strip() == str(desk.resolve())
    assert "ready: 2 articles, an agent's desk" in err and "Indexing" in err
    code, out, _ = run(capsys, "remote", "show", "--articles", str(desk))
    assert code == 0 and f"remote:   {remote}" in out and "role:     agent" in out
    assert "Team: not synced yet" in out
    code, out, err = run(capsys, "sync", "--articles", str(desk), "--json")
    assert code == 0 and json.loads(out)["outcome"] == "synced"
    code, out, _ = run(capsys, "remote", "show", "--articles", str(desk))
    assert "Team: synced" in out and "up to date" in out
    code, out, _ = run(capsys, "search", "reset button", "--articles", str(desk), "--json")
    assert json.loads(out)["results"][0]["path"] == "router/setup.md"
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    code, _, err = run(capsys, "clone", remote, str(a_file))
    assert code != 0 and "is a file" in err  # once "already exists and is not empty"


def test_an_address_with_a_password_is_refused(tmp_path: Path, capsys, keyring) -> None:
    folder = tmp_path / "kb"
    write_articles(folder, {"a.md": "# A\n"})
    for url in ("https://nusrat:hunter2@git.example.com/team/kb.git",
                "https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/t/kb.git"):
        code, _, err = run(capsys, "remote", "set", url, "--articles", str(folder))
        assert code == 2 and "sign in" in err and "hunter2" not in err and "ghp_" not in err
    assert not (folder / ".git").exists()  # nothing was written
    code, _, err = run(capsys, "sync", "--articles", str(folder))
    assert code == 2 and "not shared with a team" in err


def _save(desk: Path, old: str, new: str, author: str) -> None:
    """An editor's save, as the app makes it (written, indexed, recorded)."""
    with KnowledgeBase(desk) as kb:
        edit = kb.load(REFUND)
        kb.save(edit.with_body(edit.body.replace(old, new)), author)


def test_resolve_mine_then_everyone_has_it(remote: str, tmp_path: Path, capsys) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for desk in (one, two):
        assert run(capsys, "clone", remote, str(desk), "--role", "editor")[0] == 0
    _save(one, "cards take seven days", "cards take five days", "Editor one")
    _save(two, "cards take seven days", "cards take ten days", "Editor two")
    assert run(capsys, "sync", "--articles", str(one))[0] == 0
    code, _, err = run(capsys, "sync", "--articles", str(two))
    assert code == 1 and "wait for your decision" in err
    code, out, _ = run(capsys, "remote", "show", "--articles", str(two))
    assert f"waiting:  {REFUND}" in out and "1 article(s) to resolve" in out
    code, out, _ = run(capsys, "resolve", "--articles", str(two))
    assert out.split() == [REFUND]
    code, _, err = run(capsys, "resolve", REFUND, "merge", "--articles", str(two))
    assert code == 1 and "changed on both sides" in err
    code, out, err = run(capsys, "resolve", "refund", "mine", "--articles", str(two),
                         "--author", "Editor two")
    assert code == 0 and "resolved (mine)" in err and "published" in err
    assert run(capsys, "resolve", "--articles", str(two))[1] == ""
    assert run(capsys, "sync", "--articles", str(one))[0] == 0
    assert "ten days" in (one / REFUND).read_text()


def test_an_agent_desk_refuses_edits_from_the_command_line(remote: str, tmp_path: Path,
                                                           capsys) -> None:
    desk = tmp_path / "desk"
    run(capsys, "clone", remote, str(desk))
    code, _, err = run(capsys, "archive", "refund", "--articles", str(desk), "--author", "A")
    assert code == 3 and "agent's desk" in err
    assert run(capsys, "remote", "role", "editor", "--articles", str(desk))[0] == 0
    assert run(capsys, "archive", "refund", "--articles", str(desk), "--author", "A")[0] == 0


def test_login_keeps_the_token_in_the_keyring_only(remote: str, tmp_path: Path, capsys,
                                                   keyring: MemoryKeyring,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    desk = tmp_path / "desk"
    run(capsys, "clone", remote, str(desk))
    url = "https://git.example.com/team/kb.git"
    run(capsys, "remote", "set", url, "--articles", str(desk))
    monkeypatch.setattr("sys.stdin", _Lines("s3cret-token\n"))
    code, _, err = run(capsys, "remote", "login", "--stdin", "--username", "nusrat",
                       "--articles", str(desk))
    assert code == 0 and "kept in the system keyring" in err
    assert list(keyring.secrets.values()) == ["s3cret-token"]
    assert "s3cret" not in (desk / ".git" / "config").read_text()
    assert "username = nusrat" in (desk / ".git" / "config").read_text()
    code, out, _ = run(capsys, "remote", "show", "--articles", str(desk))
    assert "sign-in:  kept" in out and "s3cret" not in out
    run(capsys, "remote", "logout", "--articles", str(desk))
    assert keyring.secrets == {}
    monkeypatch.setattr(credentials_module.keyring, "get_keyring", fail.Keyring)
    monkeypatch.setattr("sys.stdin", _Lines("s3cret-token\n"))
    code, _, err = run(capsys, "remote", "login", "--stdin", "--articles", str(desk))
    assert code == 3 and "no system keyring" in err and "GYAN_GIT_TOKEN" in err

    def ended(prompt: str) -> str:  # Ctrl-D at the prompt, or no terminal: once EOFError
        raise EOFError

    monkeypatch.setattr("getpass.getpass", ended)
    code, _, err = run(capsys, "remote", "login", "--articles", str(desk))
    assert code == 2 and "nothing was given" in err


class _Lines:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines(keepends=True)

    def readline(self) -> str:
        return self.lines.pop(0) if self.lines else ""
