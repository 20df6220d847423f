"""Applying the folder's changes to an index generation: read what changed (in worker
processes for large batches), give each id to the first file that claims it, and commit
in batches, each Whoosh commit together with the manifest that describes it."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index

from kb_app import commits
from kb_app.children import forked_children_die_with_us, process_pool
from kb_app.fields import document
from kb_app.manifest import FileState, count_indexed, write_manifest
from kb_app.messages import Message
from kb_app.problems import Problem, duplicate_problem

if TYPE_CHECKING:
    from kb_app.articles import Article

PARALLEL_THRESHOLD = 400  # below this many files a process pool costs more than it saves
SMALL_UPDATE = 20  # documents: up to this, a commit adds a segment and merges nothing
# The most files one commit indexes. Its documents are shared by the writer's processes,
# and the postings of 8,000 articles (about five million, 160 MB in the pool) stay within
# each process's pool (commits.POOL_MB): more would spill sorted runs through pickle to
# disk and read them back, slower per document the bigger the commit, and the process
# that parses holds every document of a commit at once.
MOST_PER_COMMIT = 16_000

Progress = Callable[[int, int], None]  # (done, total)
Parsed = tuple[str, "Article | None", dict[str, Any] | None, list[Problem]]


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    indexed: int = 0  # articles in the index afterwards
    rebuilt: bool = False
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    changed_paths: list[str] = field(default_factory=list)  # read again or removed
    # Why the index was rebuilt when it was damaged, for the window's status bar.
    warning: Message | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)


@dataclass
class Target:
    """Where changes go: one generation's index and its latest commit."""

    ix: whoosh_index.Index
    gen: Path
    toc: int  # the live commit, advanced by each batch
    articles: Path
    fresh: bool = False  # a new generation: nothing old to delete or to read back
    # Told of each commit described and what it holds (the caller's cache).
    remember: Callable[[int, dict[str, FileState]], None] = lambda toc, files: None
    # What the manifest says of `toc` (a new manifest writes only what differs).
    described: dict[str, FileState] = field(default_factory=dict)


def parse_file(job: tuple[str, str]) -> Parsed:
    """Read one file and prepare its fields (runs in worker processes for large builds)."""
    from kb_app.articles import ArticleError, read_article  # not for a search (YAML, Markdown)

    root, rel = job
    try:
        article, warnings = read_article(Path(root) / rel, Path(root))
    except ArticleError as exc:
        return rel, None, None, [exc.problem]
    return rel, article, document(article), warnings


def apply_changes(target: Target, files: dict[str, FileState], disk: dict[str, str],
                  progress: Progress | None = None, workers: int = 1,
                  batch: int | None = None, changed: Collection[str] | None = None,
                  indexed: int | None = None) -> SyncReport:
    """Index what differs between `files` (the manifest) and `disk`. `changed`: the only
    paths where they may differ (an editor's save; `disk` is then the manifest with
    those paths looked at again), so that finding them costs no pass over every entry;
    `indexed`: how many `files` index, if known."""
    if changed is None:
        removed = [p for p in files if p not in disk]
        to_read = sorted(pending_paths(files, disk))
    else:
        removed = [p for p in changed if p in files and p not in disk]
        to_read = sorted(set(pending_paths({p: files[p] for p in changed if p in files},
                                           {p: disk[p] for p in changed if p in disk}))
                         | {p for p in duplicates(files) if p in disk})

    def was_indexed(path: str) -> bool:
        before = files.get(path)
        return before is not None and before.id is not None

    # What stays as it was: a copy less what goes or is read again (one save at 100,000
    # articles must not cost passes of Python over every entry).
    state = dict(files)
    for path in removed:
        del state[path]
    for path in to_read:
        state.pop(path, None)
    owners = {s.id: p for p, s in state.items() if s.id is not None}
    # How many are indexed as each commit is described: less what goes or is read again,
    # plus each batch's as it is read.
    indexed_now = ((count_indexed(files) if indexed is None else indexed)
                   - sum(1 for p in [*removed, *to_read] if was_indexed(p)))
    report = SyncReport(unchanged=len(disk) - len(to_read))
    parallel = workers > 1 and len(to_read) >= PARALLEL_THRESHOLD
    with forked_children_die_with_us() if parallel else nullcontext():
        pool = process_pool(workers) if parallel else None
        try:
            for first, last in batches(len(to_read), batch):
                chunk = to_read[first:last]
                to_add = claim_ids(_parse_chunk(target.articles, chunk, pool), disk, state,
                                   owners)
                indexed_now += sum(1 for p in chunk if state[p].id is not None)
                # Every path read again is deleted first, whatever the manifest says was
                # indexed under it: the index never holds one path twice.
                gone = [p for p in removed if was_indexed(p)] if first == 0 else []
                deletions = [] if target.fresh else gone + chunk
                # What this commit's state differs in from the last one described: the
                # first, everything that goes or is read again (not yet read: absent).
                commit_batch(target, deletions, [doc for _, doc in to_add], state, workers,
                             last=last == len(to_read), indexed=indexed_now,
                             changed=[*removed, *to_read] if first == 0 else chunk)
                report.updated += sum(1 for a, _ in to_add if was_indexed(a.path))
                report.added += sum(1 for a, _ in to_add if not was_indexed(a.path))
                report.changed_paths.extend(chunk)
                if progress:
                    progress(last, len(to_read))
        finally:
            if pool is not None:
                pool.shutdown()
    report.removed = sum(1 for p in removed if was_indexed(p))
    report.changed_paths.extend(removed)
    report.indexed = indexed_now
    report.problems = all_problems(state)
    return report


def batches(total: int, batch: int | None, most: int = MOST_PER_COMMIT
            ) -> Iterator[tuple[int, int]]:
    """(first, last) of each commit's files: commits of `most` files (`batch` None), or
    commits that start at `batch` files and double up to `most`, so a first build is
    searchable after its first thousands while 100,000 articles make a dozen segments,
    not a hundred (every segment costs each term lookup and each reader opened)."""
    first, size = 0, batch or most
    while True:
        yield first, min(first + size, total)
        first += size
        if first >= total:
            return
        if batch:
            size = min(size * 2, most)


def commit_batch(target: Target, deletions: list[str], docs: list[dict[str, Any]],
                 state: dict[str, FileState], workers: int = 1, *, last: bool = False,
                 changed: list[str] | None = None, indexed: int | None = None,
                 **how: Any) -> None:
    """One Whoosh commit and its manifest, live together (`target.toc` advances).
    `last`: no later batch changes `state`, so it is kept as it is, not copied, as what
    the commit describes (a copy of 100,000 entries is 10 ms of a save). `changed` and
    `indexed`: as `write_manifest` takes them."""
    articles = str(target.articles)
    if not deletions and not docs and not how:
        # Only problems changed: the same commit, described anew.
        write_manifest(target.gen, target.toc, articles, state, target.described, again=True,
                       changed=changed, indexed=indexed)
        _described(target, state, last)
        return
    procs = workers if workers > 1 and len(docs) >= PARALLEL_THRESHOLD else 1
    if not how:
        # A save's few documents go in as a new small segment at once; merging segments
        # then (Whoosh's default) sometimes costs hundreds of milliseconds and happens
        # instead in `tidy`, when nothing is waiting.
        how = {"merge": len(docs) + len(deletions) > SMALL_UPDATE}
    with forked_children_die_with_us() if procs > 1 else nullcontext():
        target.toc = commits.commit(
            target.ix, target.gen, deletions, docs,
            lambda n: write_manifest(target.gen, n, articles, state, target.described,
                                     changed=changed, indexed=indexed),
            procs=procs, fresh=target.fresh, **how)
    _described(target, state, last)


def _described(target: Target, state: dict[str, FileState], last: bool = False) -> None:
    target.described = state if last else dict(state)
    target.remember(target.toc, target.described)


def _parse_chunk(root: Path, paths: list[str], pool: ProcessPoolExecutor | None
                 ) -> list[Parsed]:
    jobs = [(str(root), rel) for rel in paths]
    if pool is None:
        return [parse_file(job) for job in jobs]
    return list(pool.map(parse_file, jobs, chunksize=64))


def claim_ids(parsed: list[Parsed], disk: dict[str, str], state: dict[str, FileState],
              owners: dict[str, str]) -> list[tuple[Article, dict[str, Any]]]:
    """Record each parsed file in `state`; the first file to claim an id keeps it."""
    to_add = []
    for rel, article, doc, problems in parsed:
        entry = FileState(disk[rel], None, list(problems))
        if article is not None and doc is not None:
            owner = owners.setdefault(article.id, rel)
            if owner == rel:
                entry.id = article.id
                to_add.append((article, doc))
            else:
                entry.duplicate = True
                entry.problems.append(duplicate_problem(article, owner))
        state[rel] = entry
    return to_add


def pending_paths(files: dict[str, FileState], disk: dict[str, str]) -> Iterator[str]:
    """New and changed files, and duplicates whose id may have been freed."""
    for rel, fingerprint in disk.items():
        state = files.get(rel)
        if state is None or state.fingerprint != fingerprint or state.duplicate:
            yield rel


def pending(files: dict[str, FileState], disk: dict[str, str],
            changed: Collection[str] | None = None) -> bool:
    """Whether anything changed (`changed`: the only paths that may have, as for
    `apply_changes`). Duplicates are re-checked only then: their id can only be freed by
    a change to, or the removal of, the file that owns it."""
    if changed is not None:
        return any((p in files) != (p in disk)
                   or p in disk and files[p].fingerprint != disk[p] for p in changed)
    if any(p not in disk for p in files):
        return True
    return any(files.get(rel) is None or files[rel].fingerprint != fp for rel, fp in disk.items())


def duplicates(files: dict[str, FileState]) -> list[str]:
    """The files whose id another file claimed first."""
    return [p for p, s in files.items() if s.duplicate]


def all_problems(files: dict[str, FileState]) -> list[Problem]:
    """Every file's problems, in path order (only the few files that have any sorted)."""
    return [p for path in sorted(k for k, s in files.items() if s.problems)
            for p in files[path].problems]
