"""The one folder walk, attacked: links out, link loops, unreadable folders, bad names."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kb_app import folder
from kb_app.articles import load_folder
from kb_app.checks import check_folder
from kb_app.index import KnowledgeIndex
from tests.conftest import write

ARTICLE = "---\ntitle: {0}\nsummary: About {0}.\n---\nText about {0}.\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    write(root, "a.md", ARTICLE.format("Alpha"))
    write(root, "sub/b.md", ARTICLE.format("Beta"))
    return root


def paths(root: Path) -> list[str]:
    return list(folder.scan(root).files)


def test_link_loops_end_and_read_each_article_once(root: Path, tmp_path: Path) -> None:
    """`ln -s . me` made `kb index` hang and grow to 12 GB, and gave 40 duplicate ids."""
    (root / "me").symlink_to(".")
    (root / "sub" / "up").symlink_to("..")
    (root / "sub" / "again").symlink_to(root / "sub")
    start = time.monotonic()
    scan = folder.scan(root)
    assert time.monotonic() - start < 2
    assert list(scan.files) == ["a.md", "sub/b.md"]
    loaded = load_folder(root)
    assert sorted(a.path for a in loaded.articles) == ["a.md", "sub/b.md"]
    assert not [p for p in loaded.problems if "duplicate" in p.message]
    kb = KnowledgeIndex(tmp_path / "index", root, lock_timeout=5)
    assert kb.sync(workers=1).indexed == 2


def test_links_out_of_the_folder_are_reported_not_read(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "secret.md", ARTICLE.format("Outside secret"))
    (root / "passwd.md").symlink_to("/etc/passwd")
    (root / "secret.md").symlink_to(outside / "secret.md")
    (root / "shared").symlink_to(outside)
    (root / "inside.md").symlink_to(root / "sub" / "b.md")
    scan = folder.scan(root)
    assert list(scan.files) == ["a.md", "inside.md", "sub/b.md"]
    reported = {p.path: p.message for p in scan.problems}
    assert set(reported) == {"passwd.md", "secret.md", "shared"}
    assert all("outside the articles folder" in m for m in reported.values())
    report = check_folder(root)
    assert {"passwd.md", "secret.md", "shared"} <= {p.path for p in report.problems}
    kb = KnowledgeIndex(tmp_path / "index", root, lock_timeout=5)
    kb.sync(workers=1)
    with kb.searcher() as s:
        assert s.search("root").total == 0 and s.search("outside secret").total == 0


def test_a_link_to_nothing_is_reported_not_dropped_in_silence(root: Path) -> None:
    """An article file that is a link whose target was moved or deleted: once skipped
    without a word, by `kb check` and the index alike."""
    (root / "moved.md").symlink_to("sub/gone.md")
    scan = folder.scan(root)
    assert "moved.md" not in scan.files
    [problem] = [p for p in scan.problems if p.path == "moved.md"]
    assert "which does not exist" in str(problem.message) and problem.severity == "error"
    assert "moved.md" in {p.path for p in check_folder(root).problems}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_reported(root: Path) -> None:
    locked = root / "locked"
    write(locked, "c.md", ARTICLE.format("Gamma"))
    locked.chmod(0)
    try:
        scan = folder.scan(root)
    finally:
        locked.chmod(0o755)
    assert [(p.path, "cannot be read" in p.message) for p in scan.problems] == [
        ("locked", True)]


def test_an_unreadable_folder_is_reported_even_as_root(root: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.scandir

    def scandir(path):
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(folder.os, "scandir", scandir)
    scan = folder.scan(root)
    assert list(scan.files) == ["a.md"]
    assert [(p.path, p.message) for p in scan.problems] == [
        ("sub", "folder cannot be read: Permission denied")]


def test_a_name_that_is_not_utf8_is_reported_and_the_rest_indexed(root: Path,
                                                                  tmp_path: Path) -> None:
    """A file name with invalid UTF-8 bytes raised UnicodeEncodeError in the index writer
    and `kb check` passed it."""
    bad = os.path.join(os.fsencode(root), b"caf\xe9.md")
    try:
        with open(bad, "wb") as handle:
            handle.write(ARTICLE.format("Cafe").encode())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    scan = folder.scan(root)
    assert list(scan.files) == ["a.md", "sub/b.md"]
    assert "not valid UTF-8" in scan.problems[0].message
    assert check_folder(root).problems
    kb = KnowledgeIndex(tmp_path / "index", root, lock_timeout=5)
    assert kb.sync(workers=1).indexed == 2


def test_a_fifo_named_like_an_article_does_not_block(root: Path) -> None:
    os.mkfifo(root / "pipe.md")
    scan = folder.scan(root)
    assert list(scan.files) == ["a.md", "sub/b.md"]
    assert [p.path for p in scan.problems] == ["pipe.md"]


def test_hidden_folders_and_temp_files_are_not_articles(root: Path) -> None:
    write(root, ".git/x.md", "no")
    write(root, ".a.md.k2j3.tmp", "no")
    write(root, "sub/.hidden.md", "no")
    assert paths(root) == ["a.md", "sub/b.md"]


def test_what_the_walk_could_not_read_reaches_the_sync_report(root: Path,
                                                             tmp_path: Path) -> None:
    """`kb index` and the window report problems from the sync: a link out of the folder
    must be among them, on a first build and on a sync with nothing to do."""
    (root / "passwd.md").symlink_to("/etc/passwd")
    kb = KnowledgeIndex(tmp_path / "index", root, lock_timeout=5)
    for report in (kb.sync(workers=1), kb.sync(workers=1)):
        assert [p.path for p in report.problems] == ["passwd.md"]
    assert [p.path for p in kb.problems()] == ["passwd.md"]
