import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kb_app import articles as articles_module
from kb_app import index as index_module
from kb_app import manifest as manifest_module
from kb_app.fileio import FileLock, LockTimeout
from kb_app.index import IndexNotReady, KnowledgeIndex
from tests.conftest import write


def ids(kb: KnowledgeIndex, query: str) -> list[str]:
    with kb.searcher() as s:
        return [h.id for h in s.search(query, limit=50).results]


def test_first_sync_builds_and_reports(kb_dir: Path, tmp_path: Path) -> None:
    kb = KnowledgeIndex(tmp_path / "ix", kb_dir)
    report = kb.sync()
    assert report.rebuilt and report.indexed == 7 and report.problems == []
    again = kb.sync()
    assert not again.changed and again.unchanged == 7


def test_only_changed_files_are_read(kb: KnowledgeIndex, kb_dir: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    original = articles_module.read_article  # changes imports it when it parses
    monkeypatch.setattr(articles_module, "read_article",
                        lambda path, root: seen.append(path.name) or original(path, root))
    write(kb_dir, "general/new.md", "---\nid: new-one\n---\nZebracorn appears\n")
    (kb_dir / "general/warranty.md").write_text("---\nid: warranty-policy\n---\nPlatypus\n")
    (kb_dir / "router/setup.md").unlink()
    report = kb.sync()
    assert sorted(seen) == ["new.md", "warranty.md"]
    assert (report.added, report.updated, report.removed) == (1, 1, 1)
    assert ids(kb, "zebracorn") == ["new-one"]
    assert ids(kb, "platypus") == ["warranty-policy"]
    assert ids(kb, "airnest") == []


def test_problems_are_remembered_and_the_rest_indexed(kb: KnowledgeIndex, kb_dir: Path) -> None:
    (kb_dir / "broken.md").write_bytes(b"\xff\xfe")
    write(kb_dir, "dup.md", "---\nid: refund-policy\n---\nDuplicate\n")
    report = kb.sync()
    assert {p.path for p in report.problems} == {"broken.md", "dup.md"}
    assert {p.path for p in kb.problems()} == {"broken.md", "dup.md"}
    assert ids(kb, "refund")[:1] == ["refund-policy"]
    # freeing the id lets the duplicate in on the next sync
    (kb_dir / "general/refund-policy.md").unlink()
    kb.sync()
    assert "refund-policy" in ids(kb, "duplicate")


def test_damaged_index_is_rebuilt_by_the_next_sync_not_by_a_reader(kb: KnowledgeIndex) -> None:
    gen = kb.generation_dir()
    for path in gen.iterdir():
        if not path.name.startswith("manifest-"):
            path.write_bytes(b"garbage")
    with pytest.raises(IndexNotReady, match="still indexing"):
        kb.searcher()
    assert kb.generation_dir() == gen and len(list(kb.index_dir.glob("gen-*"))) == 1
    assert kb.sync(workers=1).rebuilt
    assert ids(kb, "warranty")[:1] == ["warranty-policy"]
    assert kb.generation_dir() != gen


def test_missing_manifest_or_other_schema_rebuilds(kb: KnowledgeIndex,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    kb.manifest_path().unlink()
    assert kb.sync().rebuilt
    monkeypatch.setattr(manifest_module, "SCHEMA_VERSION", manifest_module.SCHEMA_VERSION + 1)
    assert kb.sync().rebuilt
    assert ids(kb, "warranty")[:1] == ["warranty-policy"]


def test_lock_of_a_killed_process_does_not_block(kb: KnowledgeIndex, kb_dir: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time; from kb_app.fileio import FileLock; "
                               "from pathlib import Path; "
                               "FileLock(Path(sys.argv[1])).acquire(); print('held', flush=True);"
                               " time.sleep(60)", str(kb.index_dir / "sync.lock")],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(LockTimeout):
        FileLock(kb.index_dir / "sync.lock", timeout=0.2).acquire()
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    write(kb_dir, "after.md", "Wombat\n")
    assert kb.sync().added == 1


def _search_loop(index_dir: str, articles: str, seconds: float, out) -> None:
    kb = KnowledgeIndex(Path(index_dir), Path(articles))
    deadline = time.monotonic() + seconds
    count = 0
    with kb.searcher() as s:
        while time.monotonic() < deadline:
            s.refresh()
            if s.search("warranty").results:
                count += 1
    out.put(count)


def test_readers_in_other_processes_work_while_one_writes(kb: KnowledgeIndex,
                                                          kb_dir: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    readers = [ctx.Process(target=_search_loop,
                           args=(str(kb.index_dir), str(kb_dir), 4.0, results))
               for _ in range(2)]
    for r in readers:
        r.start()
    for n in range(15):
        write(kb_dir, f"bulk/{n}.md", f"Article {n} about warranty number {n}\n")
        kb.sync()
    kb.rebuild()
    for r in readers:
        r.join(30)
        assert r.exitcode == 0
    assert all(results.get(timeout=5) > 0 for _ in readers)
    assert len(ids(kb, "warranty")) >= 15


def test_index_folder_that_cannot_be_created(kb_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    kb = KnowledgeIndex(blocker / "ix", kb_dir)
    with pytest.raises(index_module.IndexUnavailable, match="cannot create"):
        kb.sync()


def test_sync_of_named_files_skips_the_scan_and_the_full_sync_catches_up(
        kb: KnowledgeIndex, kb_dir: Path) -> None:
    write(kb_dir, "general/refund-policy.md",
          (kb_dir / "general/refund-policy.md").read_text() + "\nKangaroo\n", dedent=False)
    write(kb_dir, "elsewhere.md", "---\ntitle: Wombat\n---\nWombat\n")
    report = kb.sync(only=["general/refund-policy.md"])
    assert report.updated == 1 and report.added == 0
    assert ids(kb, "kangaroo") == ["refund-policy"] and ids(kb, "wombat") == []
    (kb_dir / "general/refund-policy.md").unlink()
    assert kb.sync(only=["general/refund-policy.md"]).removed == 1
    assert ids(kb, "kangaroo") == []
    assert kb.sync().added == 1 and ids(kb, "wombat") == ["elsewhere"]


def test_quick_updates_add_segments_that_tidy_merges(kb: KnowledgeIndex, kb_dir: Path) -> None:
    for n in range(5):
        write(kb_dir, f"quick-{n}.md", f"---\ntitle: Quick {n}\n---\nPlatypus number {n}\n")
        kb.sync(only=[f"quick-{n}.md"])
    before = len(kb.open()._segments())
    assert before >= 5
    assert not kb.tidy(max_small=before)
    assert kb.tidy(max_small=2)
    assert len(kb.open()._segments()) == 1  # every segment here is small: now one
    assert not kb.tidy(max_small=2)  # nothing left to do: it stops
    assert sorted(ids(kb, "platypus")) == [f"quick-{n}" for n in range(5)]


def test_kb_index_merges_the_small_segments_saves_left(kb: KnowledgeIndex, kb_dir: Path,
                                                        capsys) -> None:
    from kb_app import cli

    for n in range(3):  # three saves: three one-article segments
        write(kb_dir, f"general/save-{n}.md", f"---\nid: save-{n}\n---\nOcelot {n}\n")
        kb.sync(only=[f"general/save-{n}.md"], workers=1)
    assert len(kb.small_segments()) >= 3
    assert cli.cmd_index(kb, rebuild=False) == cli.EXIT_OK
    assert len(kb.small_segments()) <= 1
    assert sorted(ids(kb, "ocelot")) == ["save-0", "save-1", "save-2"]


def test_commits_double_from_the_first_batch_up_to_a_bound() -> None:
    """A first build commits 2,000 files, then twice as many each time, never more than
    MOST_PER_COMMIT (a writer process's pool holds its share without spilling to disk);
    a sync or a build beside the old index commits bounded chunks too."""
    from kb_app.changes import MOST_PER_COMMIT, batches

    sizes = [last - first for first, last in batches(100_000, 2000)]
    assert sizes[:4] == [2000, 4000, 8000, 16_000] == [min(2000 * 2**k, MOST_PER_COMMIT)
                                                       for k in range(4)]
    assert max(sizes) == MOST_PER_COMMIT and sum(sizes) == 100_000
    whole = list(batches(40_000, None))
    assert whole == [(0, 16_000), (16_000, 32_000), (32_000, 40_000)]
    assert list(batches(0, None)) == [(0, 0)]  # removals alone still commit once
    assert list(batches(7, 2000)) == [(0, 7)]


OPERATIONS = st.lists(st.tuples(st.sampled_from(["write", "delete", "break"]),
                                st.sampled_from(["a.md", "b.md", "sub/c.md"]),
                                st.sampled_from(["one", "two"])), min_size=1, max_size=6)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OPERATIONS)
@example([("write", "a.md", "one"), ("write", "b.md", "one"), ("delete", "a.md", "one")])
@example([("write", "a.md", "one"), ("write", "b.md", "one"), ("write", "a.md", "two")])
def test_a_save_told_what_changed_indexes_what_a_full_sync_does(tmp_path_factory, operations
                                                                ) -> None:
    """An editor's save names the files it changed (`sync(only=...)`), which spares the
    passes over every manifest entry; its reports and manifests must be a full sync's,
    through edits, deletions, broken files and ids claimed twice (a duplicate freed when
    its owner goes)."""
    root = tmp_path_factory.mktemp("kb")
    folder = root / "articles"
    write(folder, "base.md", "---\nid: base\n---\nStarting point\n")
    told, full = (KnowledgeIndex(root / name, folder) for name in ("told", "full"))
    told.sync(workers=1)
    full.sync(workers=1)
    for n, (operation, rel, article_id) in enumerate(operations):
        path = folder / rel
        if operation == "delete":
            path.unlink(missing_ok=True)
        elif operation == "break":
            write(folder, rel, "---\ntitle: [unclosed\n---\nBroken\n")
        else:
            write(folder, rel, f"---\nid: {article_id}\n---\nVersion {n} of {rel}\n")
        a = told.sync(only=[rel], workers=1)
        b = full.sync(workers=1)
        assert (a.indexed, a.added, a.updated, a.removed) == \
            (b.indexed, b.added, b.updated, b.removed), (operation, rel, article_id)
        assert [str(p) for p in a.problems] == [str(p) for p in b.problems]
        assert told.manifest() == full.manifest()
        assert set(full.manifest() or {}) == {  # every file there, and only those
            f.relative_to(folder).as_posix() for f in folder.rglob("*.md")}
        assert a.indexed == sum(1 for s in (told.manifest() or {}).values() if s.id)
        live = told.live()  # and the count the manifest keeps for a new process's check
        assert live is not None and manifest_module.indexed_count(
            live.gen, live.toc, str(told.articles_dir)) == a.indexed
        assert sorted(ids(told, "version")) == sorted(ids(full, "version"))


def test_every_batch_of_a_sync_is_in_the_manifest(kb_dir: Path, tmp_path: Path,
                                                   monkeypatch) -> None:
    """A sync of many files commits them in batches; each commit's manifest describes
    the state as it then was (copied: the next batch goes on changing it), and the last
    one describes every file, so the next sync has nothing to read."""
    from kb_app import changes

    real = changes.batches
    monkeypatch.setattr(changes, "batches", lambda total, batch, most=2: real(total, 1, 2))
    for n in range(7):
        write(kb_dir, f"many/m{n}.md", f"---\nid: many-{n}\n---\nHedgehog {n}\n")
    kb = KnowledgeIndex(tmp_path / "ix", kb_dir)
    first = kb.sync(workers=1)
    files = kb.manifest() or {}
    assert {f"many/m{n}.md" for n in range(7)} <= set(files)
    assert first.indexed == sum(1 for s in files.values() if s.id)
    again = kb.sync(workers=1)
    assert (again.added, again.updated, again.removed) == (0, 0, 0)
    assert again.unchanged == len(files) and again.indexed == first.indexed
    for n in range(7):  # and a second sync of many changes, in batches again
        write(kb_dir, f"many/m{n}.md", f"---\nid: many-{n}\n---\nHedgehog {n} again\n")
    assert kb.sync(workers=1).updated == 7
    assert kb.sync(workers=1).unchanged == len(kb.manifest() or {})
    assert sorted(ids(kb, "hedgehog")) == [f"many-{n}" for n in range(7)]
