"""Index failures answer from the old index instead of crashing, and the cache repairs
itself: malformed manifests, random bytes in a segment, a full disk."""

import errno
import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from kb_app.cli import main
from kb_app.index import KnowledgeIndex
from tests.conftest import write


def manifest_file(kb: KnowledgeIndex) -> Path:
    return kb.manifest_path()


def indexed_paths(kb: KnowledgeIndex) -> list[str]:
    with kb.open().searcher() as s:
        return sorted(fields["path"] for fields in s.all_stored_fields())


ALL_PATHS = sorted(["bn/complaints.md", "bn/warranty.md", "general/refund-policy.md",
                    "general/warranty.md", "router/draft-mesh.md", "router/old-plan.md",
                    "router/setup.md"])


@pytest.mark.parametrize("harm", [
    "UPDATE files SET fp = x'00ff' WHERE path = 'general/warranty.md'",
    "UPDATE files SET problems = 'x' WHERE path = 'general/warranty.md'",
    "UPDATE files SET problems = '{}' WHERE path = 'general/warranty.md'",
    "UPDATE files SET dup = 7 WHERE path = 'general/warranty.md'",
    "UPDATE files SET id = '' WHERE path = 'general/warranty.md'",
    "UPDATE files SET id = 'refund-policy' WHERE path = 'general/warranty.md'",
    "UPDATE meta SET articles = '/elsewhere'",
    "DELETE FROM commits",
    "DROP TABLE files",
])
def test_a_manifest_of_the_wrong_shape_rebuilds(kb: KnowledgeIndex, harm: str) -> None:
    db = sqlite3.connect(manifest_file(kb))
    db.execute(harm)
    db.commit()
    db.close()
    fresh = KnowledgeIndex(kb.index_dir, kb.articles_dir)
    report = fresh.sync(workers=1)
    if not report.rebuilt:  # a new process trusted the folders: the index answers as it
        # is, and the row is found when the whole manifest is read, at the next change
        write(kb.articles_dir, "router/setup.md", "---\nid: router-setup\n---\nRouter\n")
        report = fresh.sync(workers=1)
    assert report.rebuilt and report.indexed == 7
    assert indexed_paths(kb) == ALL_PATHS  # each article once
    with kb.searcher() as s:
        assert [h.id for h in s.search("warranty").results][:1] == ["warranty-policy"]


@pytest.mark.parametrize("text", ["not json", "[]", '{"schema": 7}', "\udcff"])
def test_a_manifest_that_is_not_one_rebuilds(kb: KnowledgeIndex, text: str) -> None:
    manifest_file(kb).write_bytes(text.encode("utf-8", "surrogateescape"))
    assert KnowledgeIndex(kb.index_dir, kb.articles_dir).sync(workers=1).rebuilt
    assert indexed_paths(kb) == ALL_PATHS


def test_an_index_folder_reused_for_another_articles_folder_is_rebuilt(
        kb: KnowledgeIndex, tmp_path: Path) -> None:
    other = tmp_path / "other"
    write(other, "only.md", "---\nid: only\n---\nAardvark\n")
    report = KnowledgeIndex(kb.index_dir, other).sync(workers=1)
    assert report.rebuilt and report.indexed == 1


# -- random bytes in a segment --------------------------------------------------------


def scramble_postings(kb: KnowledgeIndex) -> None:
    """Random bytes over the postings of the live generation's largest segment: opening it
    still works, reading any word's documents fails (its postings cache no longer matches
    the changed segment, so it is not used either)."""
    postings = max(kb.generation_dir().glob("*.pst"), key=lambda p: p.stat().st_size)
    data = bytearray(postings.read_bytes())
    noise = random.Random(7)
    start = 16  # after Whoosh's header
    data[start:] = bytes(noise.randrange(256) for _ in range(len(data) - start))
    postings.write_bytes(bytes(data))


@pytest.fixture
def damaged(kb: KnowledgeIndex, kb_dir: Path) -> KnowledgeIndex:
    """The sample in one segment, damaged, and one more article in a second, intact one."""
    write(kb_dir, "zebra.md", "---\nid: zebra\n---\nZebracorn warranty\n")
    kb.sync(only=["zebra.md"], workers=1)
    scramble_postings(kb)
    return kb


def test_search_answers_from_the_readable_segments_and_the_next_sync_rebuilds(
        damaged: KnowledgeIndex) -> None:
    gen = damaged.generation_dir()
    with damaged.searcher() as s:
        response = s.search("warranty")
        assert [h.id for h in response.results] == ["zebra"]  # the intact segment answers
        assert response.warning and "rebuilt" in str(response.warning)
        assert s.search("refund").warning  # no crash, says so
        assert s.hits_for_ids(["zebra"])[0].id == "zebra"
    assert damaged.live().damaged
    report = damaged.sync(workers=1)
    assert report.rebuilt and report.warning and "damaged" in str(report.warning)
    assert damaged.generation_dir() != gen
    with damaged.searcher() as s:
        response = s.search("warranty", language="en")
        assert response.warning is None
        assert {h.id for h in response.results} == {"warranty-policy", "zebra"}


def test_kb_search_and_batch_mode_do_not_crash_on_a_damaged_segment(
        damaged: KnowledgeIndex, kb_dir: Path) -> None:
    args = ["--articles", str(kb_dir), "--index", str(damaged.index_dir)]
    batch = subprocess.run([sys.executable, "-m", "kb_app", "search", "-", *args],
                           input="refund\nwarranty\nairnest\nzebracorn\n", capture_output=True,
                           text=True, timeout=60)
    assert batch.returncode == 0, batch.stderr
    lines = [json.loads(line) for line in batch.stdout.splitlines()]
    assert [x["query"] for x in lines] == ["refund", "warranty", "airnest", "zebracorn"]
    assert [r["id"] for r in lines[3]["results"]] == ["zebra"]
    assert batch.stderr.count("could not be read") == 1  # said once, on stderr
    single = subprocess.run([sys.executable, "-m", "kb_app", "search", "refund", *args],
                            capture_output=True, text=True, timeout=60)
    assert single.returncode == 0  # the next run rebuilt first, and says so
    assert "refund-policy" in single.stdout and "rebuilt" in single.stderr


# -- a full disk ----------------------------------------------------------------------


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture(params=["whoosh", "manifest"])
def full_disk(request, monkeypatch: pytest.MonkeyPatch):
    """Writes fail with ENOSPC: Whoosh's segment files, or our manifest."""
    def fill() -> None:
        if request.param == "whoosh":
            monkeypatch.setattr(FileStorage, "create_file", no_space)
        else:
            import kb_app.manifest

            monkeypatch.setattr(kb_app.manifest, "_writing", no_space)
    return fill


def generations(kb: KnowledgeIndex) -> list[str]:
    return sorted(p.name for p in kb.index_dir.glob("gen-*"))


def test_a_full_disk_fails_kb_index_clearly_and_search_uses_the_old_index(
        kb: KnowledgeIndex, kb_dir: Path, full_disk, capsys) -> None:
    before, live = generations(kb), kb.generation_dir()
    manifest_before = manifest_file(kb).read_bytes()
    write(kb_dir, "late.md", "---\nid: late\n---\nNarwhal\n")
    full_disk()
    args = ["--articles", str(kb_dir), "--index", str(kb.index_dir)]
    assert main(["index", *args]) == 3
    err = capsys.readouterr().err
    assert "No space left" in err and "free some disk space" in err
    assert main(["search", "warranty", "--json", *args]) == 0
    out, err = capsys.readouterr()
    assert "warning" in err and "No space left" in err
    assert [r["id"] for r in json.loads(out)["results"]][:1] == ["warranty-policy"]
    assert main(["index", "--rebuild", *args]) == 3
    assert "No space left" in capsys.readouterr().err
    assert generations(kb) == before and kb.generation_dir() == live  # old one live
    assert manifest_file(kb).read_bytes() == manifest_before
    assert indexed_paths(kb) == ALL_PATHS


def test_kb_index_recovers_once_there_is_space_again(
        kb: KnowledgeIndex, kb_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    write(kb_dir, "late.md", "---\nid: late\n---\nNarwhal\n")
    monkeypatch.setattr(FileStorage, "create_file", no_space)
    args = ["--articles", str(kb_dir), "--index", str(kb.index_dir)]
    assert main(["index", *args]) == 3
    monkeypatch.undo()
    assert main(["index", *args]) == 0
    assert "8 articles indexed" in capsys.readouterr().out
    assert indexed_paths(kb) == sorted([*ALL_PATHS, "late.md"])


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A real 1 MiB file system for the index (root only: skipped elsewhere)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill_up(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_a_really_full_disk(kb_dir: Path, tiny_disk: Path, capsys) -> None:
    kb = KnowledgeIndex(tiny_disk / "ix", kb_dir, lock_timeout=5)
    kb.sync(workers=1)
    live, before = kb.generation_dir(), generations(kb)
    for n in range(20):  # enough text that the new segment cannot fit in what is left
        write(kb_dir, f"late/{n}.md", f"---\nid: late-{n}\n---\nNarwhal {n} " * 200 + "\n")
    filler = fill_up(tiny_disk)
    args = ["--articles", str(kb_dir), "--index", str(kb.index_dir)]
    assert main(["index", *args]) == 3
    assert "No space left" in capsys.readouterr().err
    assert main(["search", "warranty", *args]) == 0
    out, err = capsys.readouterr()
    assert "Warranty policy" in out and "warning" in err
    assert main(["index", "--rebuild", *args]) == 3
    assert kb.generation_dir() == live and generations(kb) == before
    filler.unlink()
    assert main(["index", *args]) == 0
    assert len(indexed_paths(kb)) == 27


def test_the_window_s_survey_of_hidden_articles_survives_a_damaged_segment(
        damaged: KnowledgeIndex) -> None:
    from kb_app.search import ids_with_status

    with damaged.searcher() as s:
        assert ids_with_status(s, ["draft", "archived"]) == set()  # what can be read
        assert s.warning
