"""A team on many desks over a real git server on 127.0.0.1 (dulwich's smart HTTP) and
over file://: publish from one desk, sync the others, search finds it on each; two
editors changing the same article."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kb_app.operations import SaveConflict
from kb_app.team.state import AgentDesk
from tests.gitserver import GitServer, bare
from tests.teamkit import Desk, join, publish

REFUND = "general/refund.md"


@pytest.fixture(params=["http", "file"])
def remote(request: pytest.FixtureRequest, tmp_path: Path):
    """The team's remote: an empty bare repository, over http on 127.0.0.1 or file://."""
    path = bare(tmp_path / "server")
    if request.param == "file":
        yield path.as_uri()
        return
    with GitServer(tmp_path / "server") as server:
        yield server.url("team.git")


def test_publish_from_one_desk_and_three_desks_find_it(remote: str, tmp_path: Path) -> None:
    seed = publish(remote, tmp_path)
    desks = [join(remote, tmp_path, "agent-1"), join(remote, tmp_path, "agent-2"),
             join(remote, tmp_path, "editor-1", role="editor")]
    for desk in desks:
        assert desk.found("reset button") == ["router/setup.md"]
        assert desk.kb.team.status().outcome == "never"  # cloned, not synced yet
    seed.edit_body("router/setup.md", "ten seconds", "ten seconds, then wait for amber")
    published = seed.sync()
    assert published.pushed and published.outcome == "synced"
    for desk in desks:
        assert desk.found("amber") == []
        result = desk.sync()
        assert result.outcome == "synced" and result.changed == ["router/setup.md"]
        assert desk.found("amber") == ["router/setup.md"]  # indexed by the sync itself
        status = desk.kb.team.status()
        assert status.last_synced and (status.ahead, status.behind) == (0, 0)
        assert "up to date" in status.summary()
    again = desks[0].sync()
    assert again.changed == [] and again.message == "up to date"


def test_an_agent_desk_never_pushes_and_keeps_nothing_local(remote: str,
                                                            tmp_path: Path) -> None:
    publish(remote, tmp_path)
    agent = join(remote, tmp_path, "agent")
    with pytest.raises(AgentDesk):
        agent.edit_body(REFUND, "Line one", "Agent's own line")
    path = agent.folder / REFUND
    original = path.read_text()
    path.write_text(original.replace("Line one", "Edited by hand"))
    (agent.folder / "router/setup.md").unlink()
    result = agent.sync()
    assert result.outcome == "synced" and not result.pushed
    assert path.read_text() == original and (agent.folder / "router/setup.md").exists()
    kept = [Path(p) for p in result.set_aside]
    assert len(kept) == 1 and "Edited by hand" in kept[0].read_text()  # nothing lost
    assert not kept[0].is_relative_to(agent.folder)


def test_editors_changing_different_lines_are_merged(remote: str, tmp_path: Path) -> None:
    publish(remote, tmp_path)
    one = join(remote, tmp_path, "editor-1", role="editor")
    two = join(remote, tmp_path, "editor-2", role="editor")
    one.edit_body(REFUND, "Line one", "Line one, changed by one")
    two.edit_body(REFUND, "Line five", "Line five, changed by two")
    assert one.sync().pushed
    result = two.sync()
    assert result.outcome == "synced" and result.pushed and result.conflicts == []
    text = two.text(REFUND)
    assert "changed by one" in text and "changed by two" in text
    assert two.found("changed")[0] == REFUND
    one.sync()
    assert one.text(REFUND) == text
    assert (one.kb.team.status().ahead, two.kb.team.status().ahead) == (0, 0)


def test_editors_changing_the_same_line_go_through_the_conflict_flow(
        remote: str, tmp_path: Path) -> None:
    publish(remote, tmp_path)
    one = join(remote, tmp_path, "editor-1", role="editor")
    two = join(remote, tmp_path, "editor-2", role="editor")
    one.edit_body(REFUND, "cards take seven days", "cards take five days")
    two.edit_body(REFUND, "cards take seven days", "cards take ten days")
    assert one.sync().pushed
    result = two.sync()
    assert result.outcome == "conflicts" and result.conflicts == [REFUND]
    assert "five days" in two.text(REFUND)  # theirs in the folder, as the team sees it
    assert two.kb.team.status().conflicts == 1
    assert "1 article(s) to resolve" in two.kb.team.status().summary()
    edit = two.kb.team.conflict_edit(REFUND)  # mine, over the text both started from
    assert "ten days" in edit.body
    with pytest.raises(SaveConflict):  # saving it meets theirs: the editor's flow
        two.kb.save(edit, "Editor two")
    merged = two.kb.team.merge(REFUND)
    assert merged.body_conflicts == 1
    assert "five days" in merged.edit.body and "ten days" in merged.edit.body
    body = merged.edit.body.replace("<<<<<<< mine\n", "").replace("=======\n", "")
    two.kb.save(merged.edit.with_body(body.replace(">>>>>>> theirs\n", "")), "Editor two")
    two.kb.team.settle(REFUND)
    assert two.sync().pushed
    one.sync()
    for desk in (one, two):
        assert "five days" in desk.text(REFUND) and "ten days" in desk.text(REFUND)
        assert desk.kb.team.conflicts() == []


def test_keep_mine_and_take_theirs(remote: str, tmp_path: Path) -> None:
    publish(remote, tmp_path)
    one = join(remote, tmp_path, "editor-1", role="editor")
    two = join(remote, tmp_path, "editor-2", role="editor")
    for line, mine, theirs in (("Line two", "mine-2", "theirs-2"),
                               ("Line three", "mine-3", "theirs-3")):
        one.edit_body(REFUND, line, theirs)
        two.edit_body(REFUND, line, mine)
    one.sync()
    assert two.sync().conflicts == [REFUND]
    two.kb.team.keep_mine(REFUND, "Editor two")
    assert two.sync().pushed
    one.sync()
    assert "mine-2" in one.text(REFUND) and "theirs-2" not in one.text(REFUND)
    one.edit_body(REFUND, "Line four", "theirs-4")
    two.edit_body(REFUND, "Line four", "mine-4")
    one.sync()
    assert two.sync().conflicts == [REFUND]
    two.kb.team.take_theirs(REFUND)
    assert "theirs-4" in two.text(REFUND) and two.kb.team.conflicts() == []
    mine = [r for r in two.kb.history(REFUND) if f"Editor {two.name}" in r.author]
    assert any("mine-4" in two.kb.revision_text(r) for r in mine)  # still in the history


def test_a_new_article_and_a_deletion_travel(remote: str, tmp_path: Path) -> None:
    seed = publish(remote, tmp_path)
    agent = join(remote, tmp_path, "agent")
    new = seed.kb.new_article("How-to", "Pair a watch", product="Watch")
    saved = seed.kb.save(new.edit.with_body("Open the Watch app and pair.\n"), "Seed")
    seed.kb.delete("router/setup.md", "Seed")
    seed.sync()
    result = agent.sync()
    assert sorted(result.changed) == sorted([saved.path, "router/setup.md"])
    assert agent.found("pair") == [saved.path]
    assert agent.found("reset button") == []


@pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode,
                    reason="git is not installed")
def test_git_itself_sees_a_clean_desk(remote: str, tmp_path: Path) -> None:
    publish(remote, tmp_path)
    desk: Desk = join(remote, tmp_path, "editor", role="editor")
    desk.edit_body(REFUND, "Line six", "Line six, edited")
    desk.sync()
    status = subprocess.run(["git", "-C", str(desk.folder), "status", "--porcelain"],
                            capture_output=True, text=True, check=True).stdout
    assert status == ""
    log = subprocess.run(["git", "-C", str(desk.folder), "log", "--oneline", "-1",
                          "origin/master"], capture_output=True, text=True, check=True).stdout
    assert "Edit How refunds work" in log
