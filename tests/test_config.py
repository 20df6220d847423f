"""Per-user data lives in the data folder, not the purgeable cache; what an older version
left beside the index is moved there on first start, and nothing of it is lost."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
from pathlib import Path

import platformdirs
import pytest

from kb_app import config, relocate
from kb_app.editing import RecoveryStore
from kb_app.localdata import LocalData


def old_layout(articles: Path, flags: tuple[str, ...] = ("refund-policy",),
               recovery: dict[str, str] | None = None) -> Path:
    """The per-user data as an older version left it: beside the index, in the cache."""
    old = config.old_data_dir(articles)
    data = LocalData(old / "local.sqlite3")
    for article_id in flags:
        data.add_flag(article_id, "outdated", f"about {article_id}", agent="Rumi")
    data.set_pinned("warranty-policy", True)
    data.record_open("router-setup", version="1:2")
    data.close()
    store = RecoveryStore(old / "recovery")
    for key, text in (recovery or {"general/warranty.md": "Unsaved warranty text"}).items():
        store.keep(key, text)
    return old


def flags(folder: Path) -> list[tuple[str, str]]:
    data = LocalData(folder / "local.sqlite3")
    try:
        return [(flag.article_id, flag.comment) for flag in data.flags()]
    finally:
        data.close()


def recovered(folder: Path) -> list[str]:
    return sorted(item["text"] for item in RecoveryStore(folder / "recovery").pending())


def test_data_lives_in_the_user_data_folder_not_the_cache(
        kb_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert config.data_root() == Path(os.environ[config.DATA_ENV])  # the tests' own
    folder = config.data_dir(kb_dir)
    assert folder.is_relative_to(config.data_root())
    assert not folder.is_relative_to(config.cache_root())
    assert folder.name == config.default_index_dir(kb_dir).name  # keyed the same way
    assert config.data_dir(tmp_path / "other") != folder
    monkeypatch.delenv(config.DATA_ENV)
    assert config.data_root() == Path(platformdirs.user_data_dir("gyan"))


def test_old_data_is_moved_whole_on_first_start_and_later_starts_do_nothing(
        kb_dir: Path) -> None:
    old = old_layout(kb_dir)
    recovery_file = next((old / "recovery").glob("*.json"))
    folder = config.data_dir(kb_dir)
    assert not old.exists()
    assert flags(folder) == [("refund-policy", "about refund-policy")]
    data = LocalData(folder / "local.sqlite3")
    assert data.pins() == ["warranty-policy"] and data.recents() == ["router-setup"]
    assert data.changed_since_seen({"router-setup": "1:2"}) == []  # seen versions moved
    data.close()
    assert recovered(folder) == ["Unsaved warranty text"]
    moved_file = folder / "recovery" / recovery_file.name
    assert moved_file.stat().st_mode & 0o777 == 0o600  # still private to its author
    assert config.data_dir(kb_dir) == folder  # again: nothing to move, nothing changed
    assert flags(folder) == [("refund-policy", "about refund-policy")]


def test_a_database_whose_log_was_not_folded_in_keeps_every_row(
        kb_dir: Path, tmp_path: Path) -> None:
    """The old app was killed: the last flags are only in the write-ahead log."""
    live = tmp_path / "live"
    data = LocalData(live / "local.sqlite3")
    data.add_flag("refund-policy", "wrong", "only in the log")
    old = config.old_data_dir(kb_dir)
    old.mkdir(parents=True)
    for name in os.listdir(live):  # a snapshot while the connection is still open
        shutil.copy2(live / name, old / name)
    data.close()
    assert (old / "local.sqlite3-wal").stat().st_size > 0
    folder = config.data_dir(kb_dir)
    assert flags(folder) == [("refund-policy", "only in the log")]


def across_file_systems(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the cache and the data folder were on different disks: no rename between."""
    rename = os.rename
    cache, data = config.cache_root(), config.data_root()

    def rename_within_one(source, target) -> None:
        if Path(source).is_relative_to(cache) and Path(target).is_relative_to(data):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        rename(source, target)

    monkeypatch.setattr(relocate.os, "rename", rename_within_one)


def test_across_file_systems_files_are_copied_checked_then_deleted(
        kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = old_layout(kb_dir, recovery={"a.md": "text of a", "b.md": "text of b"})
    across_file_systems(monkeypatch)
    folder = config.data_dir(kb_dir)
    assert not old.exists()
    assert flags(folder) == [("refund-policy", "about refund-policy")]
    assert recovered(folder) == ["text of a", "text of b"]
    assert not list(folder.rglob(".*.moving"))  # no copy left half-way


def test_a_copy_that_does_not_check_out_leaves_the_old_data_whole(
        kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = old_layout(kb_dir)
    before = sorted(p.relative_to(old) for p in old.rglob("*"))
    across_file_systems(monkeypatch)
    with monkeypatch.context() as failing:
        failing.setattr(relocate.filecmp, "cmp", lambda a, b, shallow=True: False)
        folder = config.data_dir(kb_dir)  # the start goes on; the data waits
    assert sorted(p.relative_to(old) for p in old.rglob("*")) == before
    assert not list(folder.rglob(".*.moving"))
    assert config.data_dir(kb_dir) == folder  # the next start moves it
    assert not old.exists() and flags(folder) == [("refund-policy", "about refund-policy")]
    assert recovered(folder) == ["Unsaved warranty text"]


def test_a_move_interrupted_after_copying_finishes_without_duplicates(kb_dir: Path) -> None:
    old = old_layout(kb_dir)
    folder = config.data_dir(kb_dir)
    shutil.copytree(folder, old)  # the copies were made, the originals not yet deleted
    assert config.data_dir(kb_dir) == folder
    assert not old.exists()
    assert flags(folder) == [("refund-policy", "about refund-policy")]
    assert recovered(folder) == ["Unsaved warranty text"]
    assert not list(folder.rglob("*from-cache*"))


def test_data_at_both_places_is_merged_and_nothing_is_overwritten(kb_dir: Path) -> None:
    """An older version ran again after the move: both places have data of their own."""
    folder = config.data_dir(kb_dir)
    newer = LocalData(folder / "local.sqlite3")
    newer.add_flag("warranty-policy", "helpful", "new place")
    newer.close()
    RecoveryStore(folder / "recovery").keep("general/warranty.md", "newer unsaved text")
    old_layout(kb_dir, flags=("refund-policy", "bn-warranty"))
    assert config.data_dir(kb_dir) == folder
    assert sorted(flags(folder)) == [("bn-warranty", "about bn-warranty"),
                                     ("refund-policy", "about refund-policy"),
                                     ("warranty-policy", "new place")]
    data = LocalData(folder / "local.sqlite3")
    assert data.pins() == ["warranty-policy"] and data.recents() == ["router-setup"]
    data.close()
    assert recovered(folder) == ["Unsaved warranty text", "newer unsaved text"]  # both kept
    assert not config.old_data_dir(kb_dir).exists()


def test_absorbing_the_same_copy_twice_adds_nothing_twice(tmp_path: Path) -> None:
    other = LocalData(tmp_path / "other.sqlite3")
    other.add_flag("a", "wrong", "x")
    other.log_search("refund", 3, "a")
    other.close()
    data = LocalData(tmp_path / "local.sqlite3")
    data.absorb(tmp_path / "other.sqlite3")
    data.absorb(tmp_path / "other.sqlite3")
    assert [f.article_id for f in data.flags()] == ["a"]
    assert data.db.execute("SELECT COUNT(*) FROM searches").fetchone() == (1,)
    data.close()


def test_a_database_of_an_older_layout_is_absorbed_table_by_table(tmp_path: Path) -> None:
    """A copy from before some tables existed: what it has is taken, the rest skipped."""
    old = sqlite3.connect(tmp_path / "old.sqlite3")
    old.execute("CREATE TABLE pins (article_id TEXT PRIMARY KEY, pinned TEXT NOT NULL)")
    old.execute("INSERT INTO pins VALUES ('x', '2025-01-01')")
    old.commit()
    old.close()
    data = LocalData(tmp_path / "local.sqlite3")
    data.absorb(tmp_path / "old.sqlite3")
    assert data.pins() == ["x"] and data.flags() == []
    data.close()


def test_recovery_files_kept_aside_are_still_offered(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    RecoveryStore(old).keep("k", "old text")
    RecoveryStore(new).keep("k", "new text")
    moved = relocate.move_data(old, new)
    assert [p.name.endswith(".from-cache.json") for p in moved.kept_aside] == [True]
    assert json.loads(moved.kept_aside[0].read_text())["text"] == "old text"
    assert sorted(item["text"] for item in RecoveryStore(new).pending()) == ["new text",
                                                                             "old text"]
