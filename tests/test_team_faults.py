"""Faults during a team sync: the server stops in the middle of a fetch and of a push,
the push is refused, the remote's history is rewritten, the disk fills, the desk is
killed. Each time: no article lost or half-written, a clear status, and the next sync
recovers."""

from __future__ import annotations

import errno
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from dulwich.object_store import DiskObjectStore, commit_tree_changes
from dulwich.objects import Blob, Commit
from dulwich.repo import Repo

from kb_app.team import transfer, worktree
from kb_app.team.sync import SyncResult
from kb_app.team.worktree import JOURNAL, WorkTree
from tests.gitserver import Faults, GitServer, ServerProcess, bare
from tests.teamkit import Desk, big_remote, join, publish

REFUND = "general/refund.md"
BULK = 40  # articles a large change adds: enough bytes for a transfer to stop half-way


def push_bulk(seed: Desk, word: str, count: int = BULK) -> None:
    """The seed editor publishes `count` new articles of about 8 KB each."""
    for n in range(count):
        path = seed.folder / f"bulk/{word}-{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nid: {word}-{n}\ntitle: {word} {n}\n---\n{word} "
                        f"{secrets.token_hex(4000)}\n", encoding="utf-8")
    history = seed.kb.thread_history()
    history.commit([f"bulk/{word}-{n}.md" for n in range(count)], "Seed", f"Add {word}")
    assert seed.sync().pushed


def snapshot(desk: Desk) -> dict[str, bytes]:
    return {p.relative_to(desk.folder).as_posix(): p.read_bytes()
            for p in desk.folder.rglob("*.md") if ".git" not in p.parts}


def assert_whole(desk: Desk, before: dict[str, bytes], remote_tree: dict[str, bytes]) -> None:
    """Every article is either as it was or as the remote has it: none half-written."""
    for rel, data in snapshot(desk).items():
        assert data in (before.get(rel), remote_tree.get(rel)), f"{rel} is half-written"


def remote_files(bare_repo: Path) -> dict[str, bytes]:
    with Repo(str(bare_repo)) as repo:
        tree = repo[repo.refs[b"refs/heads/master"]].tree  # type: ignore[attr-defined]
        return {e.path.decode(): repo[e.sha].data  # type: ignore[attr-defined]
                for e in repo.object_store.iter_tree_contents(tree)}


def in_thread(desk: Desk) -> tuple[threading.Thread, list[SyncResult]]:
    results: list[SyncResult] = []
    thread = threading.Thread(target=lambda: results.append(desk.sync()), daemon=True)
    thread.start()
    return thread, results


@pytest.fixture
def team(tmp_path: Path):
    """A served remote with a seed editor and an agent's desk; the port stays the same
    when a test swaps the server for a faulty one."""
    path = bare(tmp_path / "server")
    with GitServer(tmp_path / "server") as server:
        seed = publish(server.url("team.git"), tmp_path)
        agent = join(server.url("team.git"), tmp_path, "agent")
        editor = join(server.url("team.git"), tmp_path, "editor", role="editor")
        port = server.port
    yield path, port, seed, agent, editor


def serve(tmp_path: Path, port: int, faults: Faults | None = None) -> GitServer:
    return GitServer(tmp_path / "server", faults, port=port)


def test_the_server_stops_in_the_middle_of_a_fetch(team, tmp_path: Path) -> None:
    path, port, seed, agent, _ = team
    with serve(tmp_path, port):
        push_bulk(seed, "marigold")
    before = snapshot(agent)
    server = ServerProcess(tmp_path / "server", "--stall-upload", "30000", port=port)
    try:
        thread, results = in_thread(agent)
        server.wait_stalled()
    finally:
        server.kill()
    thread.join(60)
    result = results[0]
    assert result.outcome == "unreachable" and result.changed == []
    assert "cannot be reached" in result.message
    assert snapshot(agent) == before and agent.found("marigold") == []
    status = agent.kb.team.status()
    assert status.summary().startswith("Team remote unreachable · searching this desk's copy")
    assert agent.found("reset button") == ["router/setup.md"]  # search goes on
    with serve(tmp_path, port):
        again = agent.sync()
    assert again.outcome == "synced" and len(again.changed) == BULK
    assert len(agent.found("marigold")) == 10  # the first page of results
    assert snapshot(agent) == {k: v for k, v in remote_files(path).items() if k.endswith(".md")}


def test_the_server_stops_in_the_middle_of_a_push(team, tmp_path: Path) -> None:
    path, port, seed, agent, editor = team
    editor.edit_body(REFUND, "Line one", "Line one, from the editor's desk")
    before = remote_files(path)
    server = ServerProcess(tmp_path / "server", "--stall-receive", port=port)
    try:
        thread, results = in_thread(editor)
        server.wait_stalled()
    finally:
        server.kill()
    thread.join(60)
    assert results[0].outcome == "unreachable" and not results[0].pushed
    assert remote_files(path) == before  # nothing half-pushed
    status = editor.kb.team.status()
    assert status.ahead == 1 and "1 revision(s) to push" in status.summary()
    assert "from the editor's desk" in editor.text(REFUND)  # the revision stays here
    with serve(tmp_path, port):
        assert editor.sync().pushed
        agent.sync()
    assert "from the editor's desk" in agent.text(REFUND)
    assert editor.kb.team.status().ahead == 0


def test_a_push_the_server_refuses_stays_ready_to_push(team, tmp_path: Path) -> None:
    _, port, _, agent, editor = team
    editor.edit_body(REFUND, "Line two", "Line two, refused at first")
    with serve(tmp_path, port, Faults(read_only=True)):
        result = editor.sync()
    assert result.outcome == "refused" and "no write access" in result.message
    assert "stay on this desk, ready to push" in result.message
    status = editor.kb.team.status()
    assert status.ahead == 1 and status.summary().startswith("Team remote refused the push")
    with serve(tmp_path, port):
        assert editor.sync().pushed
        agent.sync()
    assert "refused at first" in agent.text(REFUND)


def _on_master(repo: Repo, parent: Any, files: dict[bytes, bytes], author: bytes,
               when: int, message: str) -> None:
    """A commit on the remote's master: `parent`'s tree with `files` (path -> bytes)."""
    store = repo.object_store
    updates = []
    for rel, data in files.items():
        blob = Blob.from_string(data)
        store.add_object(blob)
        updates.append((rel, 0o100644, blob.id))
    commit = Commit()
    commit.tree = commit_tree_changes(store, parent.tree, updates)  # type: ignore[attr-defined]
    commit.parents = [parent.id]
    commit.author = commit.committer = author
    commit.author_time = commit.commit_time = when
    commit.author_timezone = commit.commit_timezone = 0
    commit.message = f"{message}\n".encode()
    store.add_object(commit)
    repo.refs[b"refs/heads/master"] = commit.id


def _force_push(path: Path, change: dict[str, bytes]) -> None:
    """Someone rewrites the remote's history: its branch now ends in a new commit whose
    parent is the first one (the later revisions are gone from it)."""
    with Repo(str(path)) as repo:
        first = next(iter(repo.get_walker(reverse=True))).commit
        _on_master(repo, first, {rel.encode(): data for rel, data in change.items()},
                   b"Admin <admin@gyan.local>", first.commit_time + 10, "Rewritten history")


def test_the_remote_history_is_rewritten(team, tmp_path: Path) -> None:
    path, port, seed, agent, editor = team
    with serve(tmp_path, port):
        seed.edit_body(REFUND, "Line six", "Line six, a secret pasted by mistake")
        seed.sync()
        agent.sync()
        editor.sync()
    editor.edit_body("router/setup.md", "ten seconds", "ten seconds, editor's unpublished fix")
    _force_push(path, {"general/refund.md": (seed.folder / REFUND).read_bytes().replace(
        b"a secret pasted by mistake", b"cleaned")})
    with serve(tmp_path, port):
        followed = agent.sync()
        published = editor.sync()
    assert followed.outcome == "synced" and "cleaned" in agent.text(REFUND)
    assert "secret" not in agent.text(REFUND) and agent.found("secret") == []
    assert published.outcome == "synced" and published.pushed
    assert any("rewritten" in str(note) for note in published.notes)
    with Repo(str(path)) as repo:
        tip = repo[repo.refs[b"refs/heads/master"]]
        history = [e.commit.message for e in repo.get_walker(include=[tip.id])]
    assert b"Rewritten history\n" in history and not any(b"secret" in m for m in history)
    assert all(b"Edit How refunds work" not in m for m in history)  # the old line stays out
    files = remote_files(path)
    assert b"editor's unpublished fix" in files["router/setup.md"]
    assert b"cleaned" in files["general/refund.md"]
    with Repo(str(editor.folder)) as repo:  # the desk's old line is kept, not sent
        assert any(ref.startswith(b"refs/gyan/set-aside/") for ref in repo.refs)


def test_the_disk_fills_during_a_fetch(team, tmp_path: Path, monkeypatch) -> None:
    _, port, seed, agent, _ = team
    with serve(tmp_path, port):
        push_bulk(seed, "tulip", 5)
    before = snapshot(agent)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch, serve(tmp_path, port):
        patch.setattr(DiskObjectStore, "add_thin_pack", full)
        patch.setattr(DiskObjectStore, "add_pack", full)
        result = agent.sync()
    assert result.outcome == "disk" and "No space left" in result.message
    assert snapshot(agent) == before
    assert agent.kb.team.status().summary().startswith("Team sync: this desk's disk")
    with serve(tmp_path, port):
        assert agent.sync().outcome == "synced"
    assert len(agent.found("tulip")) == 5


def test_the_disk_fills_while_articles_are_written(team, tmp_path: Path,
                                                    monkeypatch) -> None:
    path, port, seed, agent, _ = team
    with serve(tmp_path, port):
        push_bulk(seed, "lotus", 6)
    before, real = snapshot(agent), worktree.replace_file
    calls: list[Path] = []

    def fills_up(target: Path, data: bytes, mode: int) -> None:
        calls.append(target)
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        real(target, data, mode)

    with monkeypatch.context() as patch, serve(tmp_path, port):
        patch.setattr(worktree, "replace_file", fills_up)
        result = agent.sync()
    assert result.outcome == "disk"
    assert_whole(agent, before, remote_files(path))
    assert (agent.folder / ".git" / JOURNAL).exists()  # the next sync knows
    status = agent.kb.team.status()
    assert status.behind == 1 and "1 revision(s) behind" in status.summary()
    with serve(tmp_path, port):
        again = agent.sync()
    assert again.outcome == "synced" and not (agent.folder / ".git" / JOURNAL).exists()
    assert snapshot(agent) == {k: v for k, v in remote_files(path).items() if k.endswith(".md")}
    assert len(agent.found("lotus")) == 6 and agent.kb.team.status().behind == 0


def _rewrite_all(path: Path, word: str) -> None:
    """A new revision on the remote that changes every article (a big update)."""
    with Repo(str(path)) as repo:
        tip = repo[repo.refs[b"refs/heads/master"]]
        store = repo.object_store
        files = {entry.path: store[entry.sha].data + f"{word}\n".encode()
                 for entry in store.iter_tree_contents(tip.tree)}  # type: ignore[attr-defined]
        _on_master(repo, tip, files, b"Seed <seed@gyan.local>", 1_700_000_100,
                   f"Add {word} everywhere")


def test_a_push_that_finds_the_branch_locked_tries_again(team, tmp_path: Path) -> None:
    """Desks pushing at once: the server answers one that the branch is locked while
    another's push lands (git: "failed to lock", dulwich: "failed to write"), and the
    branch may not have moved yet when the desk looks. That is no refusal: the desk
    tries again, for its articles and for its signals."""
    path, port, _, agent, editor = team
    with serve(tmp_path, port, Faults(locked_updates=2)) as server:
        editor.edit_body(REFUND, "Line six", "Line six, edited while locked")
        result = editor.sync()
        assert server.faults.locked_updates == 0
    assert result.outcome == "synced" and result.pushed, result.message
    assert b"edited while locked" in remote_files(path)[REFUND]
    local = agent.kb.open_local_data()
    try:
        local.add_flag("refund", "outdated", "locked", "Agent")
    finally:
        local.close()
    with serve(tmp_path, port, Faults(locked_updates=1)) as server:
        result = agent.sync()
        assert server.faults.locked_updates == 0
    assert result.ok and result.signals is not None and result.signals.pushed, result.notes


def _land(path: Path, name: str) -> None:
    """Another desk's push lands on the remote: one new article on master."""
    with Repo(str(path)) as repo:
        tip = repo[repo.refs[b"refs/heads/master"]]
        article = f"---\nid: {name}\ntitle: Landed {name}\n---\nlanded\n".encode()
        _on_master(repo, tip, {f"general/{name}.md".encode(): article},
                   b"Other <other@gyan.local>", 1_700_000_000, f"Add {name}")


def test_pushes_landing_half_way_through_a_fetch(team, tmp_path: Path) -> None:
    """Over smart HTTP a fetch lists the branches, then asks for their objects. A push
    landing in between makes the server refuse the tip it no longer has ("not our ref",
    what failed a desk when six synced at once); the fetch asks again, on the branches as
    they are now, and the sync takes in the newest."""
    path, port, _, agent, _ = team
    _land(path, "landed-first")
    landed: list[str] = []

    def another_push() -> None:
        if len(landed) < 2:
            landed.append(f"landed-{len(landed)}")
            _land(path, landed[-1])
    with serve(tmp_path, port, Faults(before_upload=another_push)):
        result = agent.sync()
    assert result.outcome == "synced", result.message
    assert landed == ["landed-0", "landed-1"]
    assert {"general/landed-first.md", "general/landed-1.md"} <= set(snapshot(agent))
    assert snapshot(agent) == {k: v for k, v in remote_files(path).items() if k.endswith(".md")}


def test_a_remote_that_never_stops_moving_is_said_not_fetched_forever(team,
                                                                       tmp_path: Path) -> None:
    path, port, _, agent, _ = team
    _land(path, "landed-first")
    before = snapshot(agent)
    landed: list[str] = []

    def another_push() -> None:
        landed.append(f"landed-{len(landed)}")
        _land(path, landed[-1])
    with serve(tmp_path, port, Faults(before_upload=another_push)):
        result = agent.sync()
    assert len(landed) == transfer.FETCH_ROUNDS  # asked again a few times, then stopped
    assert result.outcome == "unreachable" and "cannot be reached" in result.message
    assert snapshot(agent) == before  # the desk is as it was
    with serve(tmp_path, port):
        assert agent.sync().outcome == "synced"
    assert f"general/{landed[-1]}.md" in snapshot(agent)


KILL_SCRIPT = """
import sys
from kb_app.knowledge_base import KnowledgeBase
from tests.teamkit import credentials
kb = KnowledgeBase(sys.argv[1], sys.argv[2])
kb.team.credentials = credentials()
print(kb.team.sync("Killed desk").outcome, flush=True)
"""


@pytest.mark.parametrize("when", ["writing articles", "early"])
def test_the_desk_is_killed_in_the_middle_of_a_sync(tmp_path: Path, when: str) -> None:
    path = tmp_path / "server" / "team.git"
    big_remote(path, 1000, words=20).close()
    with GitServer(tmp_path / "server") as server:
        agent = join(server.url("team.git"), tmp_path, "agent")
        before = snapshot(agent)
        _rewrite_all(path, "hibiscus")
        journal = agent.folder / ".git" / JOURNAL
        child = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(agent.folder),
                                  str(tmp_path / "index-agent")],
                                 cwd=Path(__file__).resolve().parent.parent)
        first = agent.folder / "product-0" / "article-0.md"  # the update writes it first
        deadline = time.monotonic() + 60
        if when == "early":
            time.sleep(0.3)
        else:
            while b"hibiscus" not in first.read_bytes() and time.monotonic() < deadline:
                time.sleep(0.001)
        child.kill()
        assert child.wait(30) == -signal.SIGKILL, "the sync ended before it was killed"
        remote = remote_files(path)
        assert_whole(agent, before, remote)
        if when == "writing articles":
            assert journal.exists()
            now = snapshot(agent)
            assert 0 < sum(now[k] == remote[k] for k in remote) < len(remote)
            assert "interrupted" in agent.kb.team.status().summary()
        result = agent.sync()
    assert result.outcome == "synced"
    assert snapshot(agent) == remote and not journal.exists()
    with Repo(str(agent.folder)) as repo:
        assert WorkTree(repo, agent.folder).edited() == []  # git's index agrees too
    assert agent.kb.team.status().summary().startswith("Team: synced")
    assert len(agent.found("hibiscus")) == 10


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir(parents=True)
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True)
    return done.returncode == 0


def test_the_disk_really_fills_during_a_sync(team, tmp_path: Path) -> None:
    """A small tmpfs holds the desk; the remote gets more than fits."""
    _, port, seed, _, _ = team
    mount = tmp_path / "small-disk"
    if not _mount_tmpfs(mount, "4m"):
        pytest.skip("mounting a small tmpfs needs root (and a kernel that allows it)")
    try:
        with serve(tmp_path, port) as server:
            desk = join(server.url("team.git"), mount, "agent")
            before = snapshot(desk)
            filler = mount / "filler"
            with filler.open("wb", buffering=0) as out:  # nothing buffered left to fail at close
                try:
                    while out.write(b"\0" * 65536):
                        pass
                except OSError:
                    pass
            filler.write_bytes(b"\0" * (filler.stat().st_size - 120_000))  # 120 KB free
            push_bulk(seed, "jasmine")
            result = desk.sync()
            assert result.outcome == "disk", result
            assert "No space left" in result.message
            assert_whole(desk, before, {})
            assert desk.found("reset button") == ["router/setup.md"]
            filler.unlink()
            again = desk.sync()
        assert again.outcome == "synced" and len(desk.found("jasmine")) == 10
        desk.kb.close()
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)
