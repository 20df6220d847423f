"""Reading never writes: a searcher takes the live generation as it is (an outdated one
answers until it is replaced), and only the index owner's sync rebuilds, once."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from kb_app import manifest as manifest_module
from kb_app.index import IndexNotReady, KnowledgeIndex


def generations(kb: KnowledgeIndex) -> set[str]:
    return {path.name for path in kb.index_dir.glob("gen-*")}


def bump_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """As after an upgrade whose index format changed: what is built is outdated."""
    monkeypatch.setattr(manifest_module, "SCHEMA_VERSION", manifest_module.SCHEMA_VERSION + 1)


def count_rebuilds(monkeypatch: pytest.MonkeyPatch, hold: threading.Event | None = None
                   ) -> list[str]:
    """Record the thread of every rebuild; with `hold`, each waits for it first."""
    calls: list[str] = []
    original = KnowledgeIndex._rebuild_locked

    def rebuild(self, *args, **kwargs):
        calls.append(threading.current_thread().name)
        if hold is not None:
            assert hold.wait(30)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(KnowledgeIndex, "_rebuild_locked", rebuild)
    return calls


def no_child_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a reader started a process")

    monkeypatch.setattr(os, "fork", refuse)  # process pools, Whoosh's writer processes
    monkeypatch.setattr(os, "posix_spawn", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)  # a `kb index` child


def test_before_the_first_build_a_reader_is_told_so_and_creates_nothing(
        kb_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kb = KnowledgeIndex(tmp_path / "ix", kb_dir)
    no_child_processes(monkeypatch)
    with pytest.raises(IndexNotReady, match="still indexing"):
        kb.searcher()
    with pytest.raises(IndexNotReady):
        kb.open()
    assert not (tmp_path / "ix").exists()


def test_after_a_schema_bump_readers_answer_from_the_old_generation_until_one_sync_rebuilds(
        kb: KnowledgeIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    old = kb.generation_dir()
    bump_schema(monkeypatch)
    rebuilds = count_rebuilds(monkeypatch)
    with monkeypatch.context() as reading_only:
        no_child_processes(reading_only)
        searcher = kb.searcher()
        response = searcher.search("warranty")
        assert [h.id for h in response.results][:1] == ["warranty-policy"]
        assert searcher.outdated and response.outdated and response.warning is None
        assert len(kb.versions()) == 7  # what each article's version is, still known
        searcher.refresh()  # nothing new: still the old generation
        assert searcher.outdated
    assert rebuilds == [] and generations(kb) == {old.name} and kb.generation_dir() == old

    report = kb.sync(workers=1)
    assert report.rebuilt and report.indexed == 7 and len(rebuilds) == 1
    assert kb.generation_dir() != old and generations(kb) == {kb.generation_dir().name}
    searcher.refresh()  # the open searcher moves to the new generation
    assert not searcher.outdated and not searcher.search("warranty").outdated
    assert searcher.search("warranty").results[0].id == "warranty-policy"
    searcher.close()
    assert not kb.sync(workers=1).changed and len(rebuilds) == 1


def test_a_second_sync_waits_on_the_lock_and_does_not_rebuild_again(
        kb: KnowledgeIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    old = kb.generation_dir()
    bump_schema(monkeypatch)
    hold = threading.Event()
    rebuilds = count_rebuilds(monkeypatch, hold)
    reports: dict[str, object] = {}

    def sync(name: str) -> None:
        # Each as its own owner (as two processes would be), on the same folders.
        index = KnowledgeIndex(kb.index_dir, kb.articles_dir, lock_timeout=30)
        reports[name] = index.sync(workers=1)

    first = threading.Thread(target=sync, args=("first",), name="first-sync")
    first.start()
    deadline = time.monotonic() + 10
    while not rebuilds and time.monotonic() < deadline:
        time.sleep(0.01)
    second = threading.Thread(target=sync, args=("second",), name="second-sync")
    second.start()
    time.sleep(0.3)
    assert second.is_alive()  # waiting for the lock the first sync holds
    # Meanwhile a reader opened now answers from the old generation, which stays live.
    with kb.searcher() as searcher:
        assert searcher.outdated and searcher.search("refund").total >= 1
    assert kb.generation_dir() == old
    hold.set()
    first.join(30)
    second.join(30)
    assert rebuilds == ["first-sync"]
    assert reports["first"].rebuilt and not reports["second"].rebuilt
    assert reports["second"].indexed == 7
    assert generations(kb) == {kb.generation_dir().name} != {old.name}
