"""A writer killed at the wrong moment never leaves a lasting wrong answer: the Whoosh
commit and the manifest describing it go live together."""

import subprocess
import sys
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from kb_app.index import KnowledgeIndex
from tests.conftest import write

NEW = 3  # articles added before the kill

# Kill the process (no cleanup, no finally blocks) just before or just after Whoosh renames
# the new table of contents into place, which is the moment a commit becomes durable.
KILL_AT_COMMIT = """
import os, sys
from pathlib import Path
from whoosh import index as whoosh_index
from kb_app.index import KnowledgeIndex

original = whoosh_index.TOC.write

def write(self, storage, indexname):
    if sys.argv[3] == "before":
        os._exit(9)
    original(self, storage, indexname)
    os._exit(9)

whoosh_index.TOC.write = write
KnowledgeIndex(Path(sys.argv[1]), Path(sys.argv[2])).sync(workers=1)
"""


def each_article_once(kb: KnowledgeIndex) -> list[str]:
    """Every indexed path, asserting none is there twice and the count is the sync's."""
    report = kb.sync(workers=1)
    with kb.open().searcher() as s:
        paths = [fields["path"] for fields in s.all_stored_fields()]
    assert len(paths) == len(set(paths)), sorted(paths)
    assert len(paths) == report.indexed
    return paths


def add_articles(kb_dir: Path) -> None:
    for n in range(NEW):
        write(kb_dir, f"new/{n}.md", f"---\nid: new-{n}\n---\nQuokka number {n}\n")


@pytest.mark.parametrize("moment", ["before", "after"])
def test_a_sync_killed_around_the_commit_leaves_each_article_once(
        kb: KnowledgeIndex, kb_dir: Path, moment: str) -> None:
    add_articles(kb_dir)
    killed = subprocess.run([sys.executable, "-c", KILL_AT_COMMIT, str(kb.index_dir),
                             str(kb_dir), moment], capture_output=True, text=True, timeout=60)
    assert killed.returncode == 9, killed.stderr
    paths = each_article_once(kb)
    assert len(paths) == 7 + NEW
    with kb.searcher() as s:
        found = [h.id for h in s.search("quokka", limit=50).results]
    assert sorted(found) == [f"new-{n}" for n in range(NEW)]


def test_an_interrupted_commit_releases_whoosh_lock_and_agrees_with_its_manifest(
        kb: KnowledgeIndex, kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process variant (Ctrl+C in a long-lived process): the next sync neither waits
    for a Whoosh lock nobody will release nor indexes the committed articles again."""
    original = whoosh_index.TOC.write

    def interrupted(self, storage, indexname):
        original(self, storage, indexname)
        raise KeyboardInterrupt

    add_articles(kb_dir)
    monkeypatch.setattr(whoosh_index.TOC, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        kb.sync(workers=1)
    monkeypatch.undo()
    kb.lock_timeout = 5
    assert len(each_article_once(kb)) == 7 + NEW


def test_a_first_build_killed_between_batches_resumes_without_duplicates(
        kb_dir: Path, tmp_path: Path) -> None:
    """A first build goes live at once and commits in batches; killed after a batch's
    commit, the next sync reads only the rest."""
    for n in range(12):
        write(kb_dir, f"bulk/{n}.md", f"---\nid: bulk-{n}\n---\nWombat {n}\n")
    script = KILL_AT_COMMIT.replace(
        "KnowledgeIndex(", "import kb_app.index as m; m.BUILD_BATCH = 5\nKnowledgeIndex(")
    script = script.replace("    original(self, storage, indexname)\n    os._exit(9)",
                            "    original(self, storage, indexname)\n"
                            "    if self.generation == 2:\n        os._exit(9)")
    index_dir = tmp_path / "ix"
    killed = subprocess.run([sys.executable, "-c", script, str(index_dir), str(kb_dir),
                             "after"], capture_output=True, text=True, timeout=60)
    assert killed.returncode == 9, killed.stderr
    kb = KnowledgeIndex(index_dir, kb_dir, lock_timeout=5)
    assert len(each_article_once(kb)) == 7 + 12
