"""Atomic writes keep what the user gave a file: its mode, owner and link."""

import os
import stat
import time
from pathlib import Path

import pytest

from kb_app.fileio import atomic_write_bytes, remove_stale_temp_files


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("kept", [0o644, 0o640, 0o600, 0o664])
def test_an_existing_file_keeps_its_mode(tmp_path: Path, kept: int) -> None:
    path = tmp_path / "a.md"
    path.write_text("old")
    path.chmod(kept)
    atomic_write_bytes(path, b"new")
    assert path.read_bytes() == b"new" and mode(path) == kept


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_a_new_file_gets_the_mode_open_would_give(tmp_path: Path, mask: int) -> None:
    old = os.umask(mask)
    try:
        (tmp_path / "by-open").write_bytes(b"x")
        atomic_write_bytes(tmp_path / "by-us", b"x")
    finally:
        os.umask(old)
    assert mode(tmp_path / "by-us") == mode(tmp_path / "by-open") == 0o666 & ~mask


def test_exported_pages_are_world_readable(tmp_path: Path, umask_022) -> None:
    from kb_app.export import ExportOptions, build_site
    from tests.conftest import SAMPLE, write

    for rel, text in SAMPLE.items():
        write(tmp_path / "kb", rel, text)
    build_site(tmp_path / "kb", tmp_path / "site", ExportOptions())
    pages = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert pages and all(mode(p) & 0o044 == 0o044 for p in pages)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to someone else")
def test_an_existing_file_keeps_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("old")
    os.chown(path, 1234, 4321)
    atomic_write_bytes(path, b"new")
    st = os.stat(path)
    assert (st.st_uid, st.st_gid) == (1234, 4321)


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    target = tmp_path / "real" / "a.md"
    target.parent.mkdir()
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(os.path.relpath(target, tmp_path))
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and os.readlink(link) == "real/a.md"
    assert target.read_bytes() == b"new" and mode(target) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_stale_temp_files_go_and_fresh_ones_stay(tmp_path: Path) -> None:
    stale = tmp_path / ".a.md.abcd1234.tmp"
    fresh = tmp_path / ".a.md.efgh5678.tmp"  # another process's write in progress
    other = tmp_path / ".notes.tmp"  # not our naming: never touched
    for path in (stale, fresh, other):
        path.write_bytes(b"x")
    two_hours_ago = time.time() - 7200
    for path in (stale, other):
        os.utime(path, (two_hours_ago, two_hours_ago))
    assert remove_stale_temp_files(tmp_path) == 1
    assert not stale.exists() and fresh.exists() and other.exists()


@pytest.mark.parametrize("name", ["l" * 251 + ".md", "ব" * 80 + ".md"])
def test_a_name_near_the_file_systems_limit_is_written(tmp_path: Path, name: str) -> None:
    """A legal name of 243-255 bytes could never be saved: its temp file's name was too
    long. A stale temp file of it is still found and removed."""
    from kb_app.fileio import _temp_prefix

    atomic_write_bytes(tmp_path / name, b"saved\n")
    assert (tmp_path / name).read_bytes() == b"saved\n"
    stale = tmp_path / f"{_temp_prefix(name)}abcd1234.tmp"
    stale.write_bytes(b"half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert remove_stale_temp_files(tmp_path, name) == 1 and not stale.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_that_refuses_the_write_is_said_with_the_files_own_name(
        tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError) as caught:
            atomic_write_bytes(folder / "article.md", b"x")
        assert caught.value.filename == str(folder / "article.md")
    finally:
        folder.chmod(0o700)


def test_a_temp_file_that_cannot_be_made_is_said_with_the_files_own_name(
        tmp_path: Path, monkeypatch) -> None:
    """Once "…/.article.md.zobbn3uu.tmp: Read-only file system": the hidden temp file."""
    import tempfile

    def refused(**kwargs):
        raise OSError(30, "Read-only file system", str(tmp_path / ".article.md.abcd1234.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **k: refused(**k))
    with pytest.raises(OSError) as caught:
        atomic_write_bytes(tmp_path / "article.md", b"x")
    assert caught.value.filename == str(tmp_path / "article.md")
    assert caught.value.strerror == "Read-only file system"
