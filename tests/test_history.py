import subprocess
from pathlib import Path

import pytest

from kb_app.history import History
from tests.conftest import write


def test_saves_become_revisions_with_author_and_message(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    write(root, "a.md", "one\n")
    history = History(root)
    history.commit(["a.md"], "Nusrat Jahan", "First version")
    (root / "a.md").write_text("two\n")
    history.commit(["a.md"], "Rafiq Islam", "Fix the refund window")
    revisions = history.revisions("a.md")
    assert [r.message for r in revisions] == ["Fix the refund window", "First version"]
    assert revisions[0].author.startswith("Rafiq Islam <")
    assert history.content_at(revisions[1].id, "a.md") == "one\n"
    diff = "".join(history.diff(revisions[1].id, revisions[0].id, "a.md", "a.md"))
    assert "-one" in diff and "+two" in diff
    history.commit(["a.md"], "Rafiq Islam", "Saved again, unchanged")
    assert len(history.revisions("a.md")) == 2  # no empty revisions


def test_restore_is_a_new_revision(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    write(root, "a.md", "good\n")
    history = History(root)
    history.commit(["a.md"], "A", "good")
    (root / "a.md").write_text("bad\n")
    history.commit(["a.md"], "B", "bad")
    old = history.revisions("a.md")[1]
    history.restore(old, "a.md", "C")
    assert (root / "a.md").read_text() == "good\n"
    assert len(history.revisions("a.md")) == 3


def test_renames_keep_their_history(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    body = "Stable text that makes the rename obvious.\n" * 5
    write(root, "old.md", "---\ntitle: T\n---\n" + body)
    history = History(root)
    history.commit(["old.md"], "A", "create")
    (root / "old.md").rename(root / "new.md")
    history.commit(["old.md", "new.md"], "A", "rename")
    revisions = history.revisions("new.md")
    assert [r.message for r in revisions] == ["rename", "create"]
    assert revisions[1].path == "old.md"
    assert "Stable text" in history.content_at(revisions[1].id, revisions[1].path)


@pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
                    reason="git is not installed")
def test_existing_work_tree_is_used_and_other_paths_untouched(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(repo, "README.md", "project\n")
    write(repo, "kb/a.md", "article\n")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    (repo / "README.md").write_text("staged change\n")
    subprocess.run([*git, "add", "README.md"], check=True)
    history = History(repo / "kb")
    (repo / "kb/a.md").write_text("edited\n")
    history.commit(["a.md"], "Editor", "Edit a")
    shown = subprocess.run([*git, "show", "--stat", "--format=%an|%s", "HEAD"], check=True,
                           capture_output=True, text=True).stdout
    assert "Editor|Edit a" in shown and "kb/a.md" in shown and "README" not in shown
    status = subprocess.run([*git, "status", "--porcelain"], check=True, capture_output=True,
                            text=True).stdout
    assert status.strip() == "M  README.md"  # still staged, and kb/a.md is clean


# -- a damaged .git -------------------------------------------------------------------


def _head_commit_file(git: Path) -> Path:
    sha = (git / "refs/heads/master").read_text().strip()
    return git / "objects" / sha[:2] / sha[2:]


def _garble_object(git: Path) -> None:
    path = _head_commit_file(git)
    path.chmod(0o644)
    path.write_bytes(b"garbage")


DAMAGE = {
    "HEAD is garbage": lambda git: (git / "HEAD").write_bytes(b"\x01\x02garbage\n"),
    "HEAD is empty": lambda git: (git / "HEAD").write_bytes(b""),
    "a ref is garbage": lambda git: (git / "refs/heads/master").write_bytes(b"not a sha\n"),
    "a ref is cut short": lambda git: (git / "refs/heads/master").write_bytes(b"1234\n"),
    # a crash can leave the branch's file empty: once read as a branch with no commit,
    # and the next save started the history over, every earlier revision unreachable
    "a ref is emptied": lambda git: (git / "refs/heads/master").write_bytes(b""),
    "an object is missing": lambda git: _head_commit_file(git).unlink(),
    "an object is garbage": _garble_object,
    "the config is garbage": lambda git: (git / "config").write_bytes(b"[core\n\x00zz="),
}


def _repository_with_history(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    write(root, "a.md", "one\n")
    history = History(root)
    history.commit(["a.md"], "A", "first")
    (root / "a.md").write_text("two\n")
    history.commit(["a.md"], "A", "second")
    history.close()
    return root


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_repository_is_a_history_error_and_the_article_is_intact(
        tmp_path: Path, damage: str) -> None:
    root = _repository_with_history(tmp_path)
    DAMAGE[damage](root / ".git")
    (root / "a.md").write_text("saved text\n")  # the save wrote the file before history
    for attempt in ("commit", "revisions"):
        with pytest.raises(Exception) as caught:  # noqa: PT011 - the type is what is tested
            history = History(root)
            if attempt == "commit":
                history.commit(["a.md"], "B", "third")
            else:
                history.revisions("a.md")
        assert type(caught.value).__name__ == "HistoryError", repr(caught.value)
        assert str(root) in str(caught.value) and "not affected" in str(caught.value)
    assert (root / "a.md").read_text() == "saved text\n"


@pytest.mark.parametrize("damage", ["cut short", "garbage"])
def test_an_unreadable_git_index_is_rebuilt_and_the_revision_recorded(
        tmp_path: Path, damage: str) -> None:
    root = _repository_with_history(tmp_path)
    index = root / ".git" / "index"
    data = index.read_bytes()
    index.write_bytes(data[:len(data) // 2] if damage == "cut short" else b"\0garbage" * 5)
    (root / "a.md").write_text("three\n")
    history = History(root)
    history.commit(["a.md"], "B", "third")
    assert [r.message for r in history.revisions("a.md")] == ["third", "second", "first"]
    assert list((root / ".git").glob("index.damaged-*"))  # kept, not thrown away
    if subprocess.run(["git", "--version"], capture_output=True).returncode == 0:
        status = subprocess.run(["git", "-C", str(root), "status", "--porcelain"],
                                capture_output=True, text=True, check=True).stdout
        assert status == ""


def test_removing_a_file_the_history_never_had_is_no_error(tmp_path: Path) -> None:
    """A move of an article that was never recorded (the first revision of a new
    repository, or a file added outside the app) records just its new place."""
    root = tmp_path / "kb"
    write(root, "new.md", "moved here\n")
    history = History(root)
    history.commit(["old.md", "new.md"], "A", "Move old.md to new.md", {"old.md": None})
    assert [r.message for r in history.revisions("new.md")] == ["Move old.md to new.md"]
    write(root, "later.md", "x\n")
    history.commit(["gone.md", "later.md"], "A", "Move gone.md to later.md", {"gone.md": None})
    assert len(history.revisions("later.md")) == 1


def test_an_index_lock_left_by_a_killed_save_reports_nothing_unrecorded(tmp_path: Path) -> None:
    """kill -9 mid-save left .git/index.lock: every later save said "not recorded",
    though each was committed. A lock over a minute old is cleared; a young one (a save
    in progress elsewhere) is left, and the revision is still said to be recorded."""
    import os
    import time

    root = _repository_with_history(tmp_path)
    lock = root / ".git" / "index.lock"
    lock.write_bytes(b"")
    (root / "a.md").write_text("three\n")
    history = History(root)
    made = history.commit(["a.md"], "B", "third")  # a young lock: recorded all the same
    assert lock.exists() and history.revisions("a.md")[0].id == made
    old = time.time() - 3600
    os.utime(lock, (old, old))
    (root / "a.md").write_text("four\n")
    made = history.commit(["a.md"], "B", "fourth")
    assert not lock.exists() and history.revisions("a.md")[0].id == made
