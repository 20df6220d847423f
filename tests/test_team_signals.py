"""The team's signals travel with sync on their own branch: an agent's flag reaches the
staff desk, the staff's reply reaches the agent, the articles' branch never sees them,
desks pushing at once never lose a file, pushes are spaced, and what a hostile remote
puts on the branch never leaves the signals folder."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
from dulwich.objects import Blob, Commit, Tree
from dulwich.repo import Repo

from kb_app.articles import load_folder
from kb_app.health import report, signals
from kb_app.knowledge_base import KnowledgeBase
from kb_app.team import signals_branch, transfer
from kb_app.team.remote import explained
from kb_app.team.signals_branch import BRANCH
from tests.gitserver import Faults, GitServer, bare
from tests.teamkit import Desk, join, publish


@pytest.fixture
def served(tmp_path: Path):
    path = bare(tmp_path / "server")
    with GitServer(tmp_path / "server") as server:
        url = server.url("team.git")
        yield path, url, publish(url, tmp_path)


def flag(desk: Desk, article: str, kind: str, comment: str, agent: str) -> str:
    """A flag raised at `desk`; returns its id in the team's signals."""
    local = desk.kb.open_local_data()
    try:
        local.add_flag(article, kind, comment, agent)
        return f"{local.desk_id()}:flags:{local.rows_after('flags', 0)[-1]['id']}"
    finally:
        local.close()


def desk_id(kb: KnowledgeBase) -> str:
    local = kb.open_local_data()
    try:
        return local.desk_id()
    finally:
        local.close()


def team_events(kb: KnowledgeBase) -> list[signals.Event]:
    return signals.read([signals.team_folder(kb.data_dir)]).events


def branch_files(path: Path) -> dict[str, bytes]:
    with Repo(str(path)) as repo:
        if BRANCH not in repo.refs:
            return {}
        tree = repo[repo[repo.refs[BRANCH]].tree]
        return {e.path.decode(): repo[e.sha].as_raw_string() for e in tree.iteritems()}


def test_a_flag_reaches_staff_and_the_reply_reaches_the_agent(served, tmp_path: Path) -> None:
    path, _, seed = served
    url = served[1]
    agent = join(url, tmp_path, "agent")
    other = join(url, tmp_path, "other")
    articles = seed.kb.team.config().branch.encode()
    with Repo(str(path)) as repo:
        articles_before = repo.refs[articles]
    raised = flag(agent, "refund", "outdated", "Cards take ten days now", "Rina")
    result = agent.sync()
    assert result.ok and result.signals is not None and result.signals.pushed
    with Repo(str(path)) as repo:
        assert repo.refs[articles] == articles_before  # the articles' history is untouched
    assert f"{desk_id(agent.kb)}.jsonl" in branch_files(path)

    seed.sync()  # the staff desk takes the agent's file in
    built = report.build(team_events(seed.kb), load_folder(seed.kb.articles_dir).articles)
    [open_flag] = built.open_flags
    assert (open_flag.id, open_flag.article, open_flag.comment, open_flag.agent) == (
        raised, "refund", "Cards take ten days now", "Rina")

    staff = seed.kb.open_local_data()
    try:
        staff.add_reply(raised, "Fixed: the article says ten days", "Product Maya")
    finally:
        staff.close()
    assert seed.sync().signals.pushed
    other.sync()  # a third desk sees the flag answered, not as its own
    assert signals.answers_for_desk(team_events(other.kb), desk_id(other.kb)) == {}
    agent.sync()
    [answer] = signals.answers_for_desk(team_events(agent.kb), desk_id(agent.kb))["refund"]
    assert (answer.reply, answer.by, answer.comment) == (
        "Fixed: the article says ten days", "Product Maya", "Cards take ten days now")
    built = report.build(team_events(agent.kb), load_folder(agent.kb.articles_dir).articles)
    assert not built.open_flags and [f.id for f in built.answered_flags] == [raised]


def test_a_new_desk_follows_the_articles_branch_not_the_signals(served,
                                                                 tmp_path: Path) -> None:
    _, url, _ = served
    first = join(url, tmp_path, "first")
    flag(first, "refund", "wrong", "", "A")
    assert first.sync().signals.pushed
    late = join(url, tmp_path, "late")  # the remote now has two branches
    assert sorted(p.relative_to(late.folder).as_posix()
                  for p in late.folder.rglob("*.md")) == ["general/refund.md",
                                                          "router/setup.md"]
    assert late.kb.team.config().branch == first.kb.team.config().branch != BRANCH.decode()
    assert late.sync().ok and any(e.kind == "flag" for e in team_events(late.kb))


def test_desks_pushing_at_once_each_keep_their_file(served, tmp_path: Path) -> None:
    path, url, _ = served
    desks = [join(url, tmp_path, f"desk{n}") for n in range(6)]
    for n, desk in enumerate(desks):
        flag(desk, "refund", "helpful", f"from desk {n}", f"Agent {n}")
    results: list[object] = []
    threads = [threading.Thread(target=lambda d=desk: results.append(d.sync()))
               for desk in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(results) == 6 and all(r.ok and r.signals.pushed for r in results), [
        (r.outcome, r.message, [str(n) for n in r.notes]) for r in results]
    files = branch_files(path)
    assert sorted(files) == sorted(f"{desk_id(d.kb)}.jsonl" for d in desks)
    desks[0].sync()
    comments = {e.comment for e in team_events(desks[0].kb) if e.kind == "flag"}
    assert comments == {f"from desk {n}" for n in range(6)}


def test_a_failed_fetch_after_another_desks_push_is_a_note_not_a_failed_sync(
        served, tmp_path: Path, monkeypatch) -> None:
    """A desk's signals push finds the branch moved (another desk pushed after this
    desk's fetch); the fetch that follows fails. The articles' sync stands and the
    signals wait, said in a note."""
    _, url, _ = served
    desk, other = join(url, tmp_path, "desk"), join(url, tmp_path, "other")
    flag(desk, "refund", "wrong", "first", "A")
    flag(other, "refund", "wrong", "second", "B")
    real = transfer.fetch
    calls: list[str] = []

    def fetch(repo, *args, **kwargs):  # noqa: ANN001, ANN202 - transfer.fetch's own
        if calls and calls[-1] == "other":
            return real(repo, *args, **kwargs)
        if not calls:  # the articles' fetch; then the other desk pushes its signals
            got = real(repo, *args, **kwargs)
            calls.append("other")
            assert other.sync().signals.pushed
            calls.append("articles")
            return got
        calls.append("failed")
        raise explained(ConnectionResetError("connection reset"), url)
    monkeypatch.setattr(transfer, "fetch", fetch)
    result = desk.sync()
    assert calls == ["other", "articles", "failed"]  # the push was refused as moved
    assert result.outcome == "synced" and not result.signals.pushed
    assert any("signals were not sent" in str(note) for note in result.notes)
    monkeypatch.setattr(transfer, "fetch", real)
    assert desk.sync().signals.pushed  # the next sync sends them


def test_pushes_are_spaced_but_flags_go_at_once(served, tmp_path: Path) -> None:
    path, url, _ = served
    agent = join(url, tmp_path, "agent")
    local = agent.kb.open_local_data()
    local.log_search("router amber light", 0)
    local.close()
    assert agent.sync().signals.pushed  # the first push
    sent = branch_files(path)
    local = agent.kb.open_local_data()
    local.log_search("router blinking", 0)
    local.close()
    background = agent.kb.team.sync("Agent", signals_now=False)
    assert background.ok and not background.signals.pushed  # a search can wait
    assert branch_files(path) == sent
    flag(agent, "router-setup", "wrong", "the button is on the back", "Rina")
    background = agent.kb.team.sync("Agent", signals_now=False)
    assert background.signals.pushed  # a flag cannot
    [text] = branch_files(path).values()
    assert b"router blinking" in text and b"the button is on the back" in text
    assert not agent.kb.team.sync("Agent").signals.pushed  # nothing new: no commit


def test_a_desk_whose_push_is_refused_keeps_its_signals_and_syncs(tmp_path: Path) -> None:
    path = bare(tmp_path / "server")
    with GitServer(tmp_path / "server") as server:
        url = server.url("team.git")
        seed = publish(url, tmp_path)
        agent = join(url, tmp_path, "agent")
    flag(agent, "refund", "outdated", "", "Rina")
    seed.edit_body("general/refund.md", "seven days", "eight days")
    with GitServer(tmp_path / "server") as server:
        seed.kb.team.set_remote(server.url("team.git"), "editor")
        assert seed.sync().pushed
    with GitServer(tmp_path / "server", Faults(read_only=True)) as server:
        agent.kb.team.set_remote(server.url("team.git"), "agent")
        result = agent.sync()
    assert result.ok and "eight days" in agent.text("general/refund.md")
    assert not result.signals.pushed and "kb report --export" in result.message
    assert branch_files(path) == {}
    own = signals.desk_file(signals.team_folder(agent.kb.data_dir), desk_id(agent.kb))
    assert b'"kind": "flag"' in own.read_bytes()  # kept, for the next sync or an export


def _hostile_branch(path: Path, own: str) -> None:
    """A remote whose signals branch holds what no desk writes."""
    with Repo(str(path)) as repo:
        store = repo.object_store

        def blob(data: bytes) -> bytes:
            b = Blob.from_string(data)
            store.add_object(b)
            return b.id

        inner = Tree()
        inner.add(b"deep.jsonl", 0o100644, blob(b"{}\n"))
        store.add_object(inner)
        tree = Tree()
        good = (b'{"at": "2026-11-20T10:00:00+00:00", "desk": "friend", "id": "friend:flags:1",'
                b' "kind": "flag", "article": "refund", "flag": "wrong", "results": 0}\n'
                # a time without an offset: once a TypeError in every report that read it
                b'{"at": "2026-11-21T10:00:00", "desk": "friend", "id": "friend:flags:2",'
                b' "kind": "flag", "article": "refund", "flag": "wrong", "results": 0}\n')
        tree.add(b"friend.jsonl", 0o100644, blob(good))
        tree.add(own.encode(), 0o100644, blob(b"not what this desk wrote\n"))
        tree.add(b"link.jsonl", 0o120000, blob(b"/etc/passwd"))
        tree.add(b"notes.txt", 0o100644, blob(b"hello\n"))
        tree.add(b".hidden.jsonl", 0o100644, blob(b"{}\n"))
        tree.add(b"huge.jsonl", 0o100644, blob(b"x" * 5000))
        tree.add(b"sub", 0o040000, inner.id)
        store.add_object(tree)
        commit = Commit()
        commit.tree, commit.parents = tree.id, []
        commit.author = commit.committer = b"Mallory <m@example.com>"
        commit.author_time = commit.commit_time = int(time.time())
        commit.author_timezone = commit.commit_timezone = 0
        commit.message = b"signals\n"
        store.add_object(commit)
        repo.refs[BRANCH] = commit.id


def test_what_a_hostile_remote_puts_on_the_branch_stays_out(served, tmp_path: Path,
                                                            monkeypatch) -> None:
    path, url, _ = served
    agent = join(url, tmp_path, "agent")
    flag(agent, "refund", "wrong", "mine", "Rina")
    own_name = f"{desk_id(agent.kb)}.jsonl"
    folder = signals.team_folder(agent.kb.data_dir)
    _hostile_branch(path, own_name)
    monkeypatch.setattr(signals_branch, "MAX_FILE_BYTES", 4096)
    result = agent.sync()
    assert result.ok and result.signals.received == ["friend.jsonl"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["friend.jsonl", own_name, signals_branch._TAKEN])  # and what was taken in from where
    assert b"mine" in (folder / own_name).read_bytes()  # never overwritten from outside
    assert result.signals.pushed  # its own file put back on top of the branch
    files = branch_files(path)
    assert b"mine" in files[own_name] and "friend.jsonl" in files
    assert not (tmp_path / "etc").exists() and not (folder.parent / "sub").exists()
    built = report.build(team_events(agent.kb), load_folder(agent.kb.articles_dir).articles,
                         dt.date(2026, 11, 25))
    assert len([f for f in built.open_flags if f.article == "refund"]) >= 2


def test_files_taken_in_before_are_not_read_again(served, tmp_path: Path, monkeypatch) -> None:
    _, url, seed = served
    agent = join(url, tmp_path, "agent")
    flag(seed, "refund", "wrong", "", "Maya")
    assert seed.sync().signals.pushed
    assert agent.sync().signals.received == [f"{desk_id(seed.kb)}.jsonl"]
    theirs = signals.team_folder(agent.kb.data_dir) / f"{desk_id(seed.kb)}.jsonl"
    reads: list[Path] = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes",
                        lambda self: reads.append(self) or read_bytes(self))
    assert agent.sync().signals.received == []  # nothing new
    assert theirs not in reads  # their file was not read to be compared again
    theirs.unlink()
    assert agent.sync().signals.received == [f"{desk_id(seed.kb)}.jsonl"]  # gone: again

