"""The manifest in SQLite: each commit described by the rows written for it, the state at
any described commit read back exactly, unused rows dropped, and nothing but today's shape
taken."""

from pathlib import Path

from kb_app.articles import Problem
from kb_app.manifest import (
    FileState,
    fingerprints,
    forget_manifests,
    indexed_count,
    manifest_stamp,
    problems_at,
    read_manifest,
    write_manifest,
)

ARTICLES = "/kb"


def state(n: int, ident: str | None = "x") -> FileState:
    return FileState(f"{n}:10", f"{ident}{n}" if ident else None)


def test_each_commit_reads_back_as_written(tmp_path: Path) -> None:
    one = {"a.md": state(1), "b.md": state(2, None)}
    one["b.md"].problems.append(Problem("b.md", "bad YAML", 3, "error"))
    write_manifest(tmp_path, 1, ARTICLES, one)
    two = {"a.md": state(5), "c.md": state(3)}  # b gone, a changed, c new
    write_manifest(tmp_path, 2, ARTICLES, two, one)
    assert read_manifest(tmp_path, 1, ARTICLES) == one
    assert read_manifest(tmp_path, 2, ARTICLES) == two
    assert indexed_count(tmp_path, 1, ARTICLES) == 1
    assert indexed_count(tmp_path, 2, ARTICLES) == 2
    assert read_manifest(tmp_path, 3, ARTICLES) is None  # not described
    assert read_manifest(tmp_path, 2, "/other") is None


def test_a_failed_commit_leaves_the_previous_state_and_its_rows_go(tmp_path: Path) -> None:
    one = {"a.md": state(1)}
    write_manifest(tmp_path, 1, ARTICLES, one)
    write_manifest(tmp_path, 2, ARTICLES, {"a.md": state(2), "b.md": state(3)}, one)
    forget_manifests(tmp_path, 1)  # commit 2 never happened
    assert read_manifest(tmp_path, 2, ARTICLES) is None
    assert read_manifest(tmp_path, 1, ARTICLES) == one
    again = {"a.md": state(7)}  # the next attempt at commit 2 writes other rows
    write_manifest(tmp_path, 2, ARTICLES, again, one)
    assert read_manifest(tmp_path, 2, ARTICLES) == again


def test_pruning_keeps_the_last_two_states(tmp_path: Path) -> None:
    previous: dict[str, FileState] = {}
    states = []
    for toc in range(1, 6):
        files = {f"{n}.md": state(toc * 10 + n) for n in range(toc % 3 + 1)}
        write_manifest(tmp_path, toc, ARTICLES, files, previous)
        forget_manifests(tmp_path, toc)
        previous = files
        states.append(files)
    assert read_manifest(tmp_path, 5, ARTICLES) == states[-1]
    assert read_manifest(tmp_path, 4, ARTICLES) == states[-2]
    assert read_manifest(tmp_path, 2, ARTICLES) is None  # forgotten


def test_describing_a_commit_again_changes_only_what_it_says(tmp_path: Path) -> None:
    one = {"a.md": state(1), "b.md": state(2)}
    write_manifest(tmp_path, 1, ARTICLES, one)
    stamp = manifest_stamp(tmp_path, 1, ARTICLES)
    problems = {"a.md": state(1), "b.md": FileState("2:10", None, [], True)}
    write_manifest(tmp_path, 1, ARTICLES, problems, one, again=True)
    assert read_manifest(tmp_path, 1, ARTICLES) == problems
    assert manifest_stamp(tmp_path, 1, ARTICLES) != stamp


def test_a_generation_of_an_older_version_is_read_from_its_json(tmp_path: Path) -> None:
    (tmp_path / "manifest-4.json").write_text(
        '{"schema": 9, "generation": 4, "articles": "/kb", "files": '
        '{"a.md": {"fp": "1:2", "id": "a", "dup": false, "problems": []}}}')
    assert read_manifest(tmp_path, 4, ARTICLES) is None  # not what this version writes
    assert read_manifest(tmp_path, 4, ARTICLES, any_schema=True) == {"a.md": FileState("1:2",
                                                                                      "a")}


def test_fingerprints_and_problems_alone_read_as_the_whole(tmp_path: Path) -> None:
    one = {"a.md": state(1), "b.md": state(2, None), "c.md": state(3)}
    one["b.md"].problems.append(Problem("b.md", "bad YAML", 3, "error"))
    write_manifest(tmp_path, 1, ARTICLES, one)
    two = {"a.md": state(1), "b.md": state(4)}  # b fixed, c gone
    write_manifest(tmp_path, 2, ARTICLES, two, one)
    assert fingerprints(tmp_path, 1, ARTICLES) == {p: s.fingerprint for p, s in one.items()}
    assert fingerprints(tmp_path, 2, ARTICLES) == {p: s.fingerprint for p, s in two.items()}
    assert problems_at(tmp_path, 1, ARTICLES) == one["b.md"].problems
    assert problems_at(tmp_path, 2, ARTICLES) == []
    assert fingerprints(tmp_path, 3, ARTICLES) is None
