"""The Whoosh index: a rebuildable cache of the articles folder, kept in step incrementally.

Layout of an index folder::

    CURRENT            name of the live generation folder (replaced atomically)
    gen-<n>/           Whoosh files plus manifest.json (what each article file looked like)
    sync.lock          held (flock) by the one process that writes

A rebuild writes a new generation beside the live one and switches `CURRENT` when done,
so readers in other processes never see a half-built index. A missing, damaged or
outdated generation is rebuilt; a crashed writer's lock dies with its process.

Thread-safety: one `KnowledgeIndex` may be shared by threads for reading; writes
(`sync`, `rebuild`) are serialised by the lock file, across threads and processes.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from kb_app import plaintext
from kb_app.analysis import analyzer
from kb_app.articles import (
    Article,
    ArticleError,
    Problem,
    duplicate_problem,
    read_article,
)
from kb_app.bengali import canonical
from kb_app.fileio import FileLock, atomic_write_text

SCHEMA_VERSION = 6
MANIFEST = "manifest.json"
CURRENT = "CURRENT"
PARALLEL_THRESHOLD = 400  # below this many files a process pool costs more than it saves
BUILD_BATCH = 2000  # documents per commit while a first build is already being searched

Progress = Callable[[int, int], None]  # (done, total)


def build_schema() -> Schema:
    text = analyzer()
    return Schema(
        path=ID(stored=True, unique=True),
        id=ID(stored=True),
        title=TEXT(analyzer=text, stored=True),
        meta=TEXT(analyzer=text),  # summary, tags and headings: the article's own framing
        body=TEXT(analyzer=text, stored=True),
        summary=STORED,
        product=ID(stored=True),
        product_key=ID,
        tags=KEYWORD(stored=True, commas=True, lowercase=True),
        language=ID(stored=True),
        status=ID(stored=True),
        visibility=ID(stored=True),
        owner=STORED,
        updated=STORED,
        review_by=STORED,
    )


def product_key(product: str) -> str:
    return " ".join(product.casefold().split())


def document(article: Article) -> dict[str, Any]:
    """The fields Whoosh stores and indexes for one article."""
    sections = article.sections
    body = canonical(plaintext.pack(sections))
    headings = " ".join(s.heading for s in sections if s.heading)
    summary = canonical(article.summary)
    return {
        "path": article.path,
        "id": article.id,
        "title": canonical(article.title),
        "summary": summary,
        "meta": f"{summary}\n{' '.join(article.tags)}\n{headings}",
        "body": body,
        "product": article.product,
        "product_key": product_key(article.product),
        "tags": ",".join(article.tags),
        "language": article.language,
        "status": article.status,
        "visibility": article.visibility,
        "owner": article.owner,
        "updated": article.updated.isoformat() if article.updated else "",
        "review_by": article.review_by.isoformat() if article.review_by else "",
    }


@dataclass
class FileState:
    """What the manifest remembers of one file, so unchanged files are never re-read."""

    fingerprint: str
    id: str | None = None  # None: not indexed (an error, or a duplicate id)
    problems: list[Problem] = field(default_factory=list)
    duplicate: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"fp": self.fingerprint, "id": self.id, "dup": self.duplicate,
                "problems": [[p.message, p.line, p.severity] for p in self.problems]}

    @classmethod
    def from_json(cls, path: str, data: dict[str, Any]) -> FileState:
        problems = [Problem(path, m, line, sev) for m, line, sev in data.get("problems", [])]
        return cls(data["fp"], data.get("id"), problems, bool(data.get("dup")))


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

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)


class IndexUnavailable(Exception):
    """The index could not be opened or built (for example, the folder is not writable)."""


SMALL_UPDATE = 20  # documents: up to this, a commit adds a segment and merges nothing
SMALL_SEGMENT = 200  # documents: segments this small are merged together by `tidy`
MAX_SMALL_SEGMENTS = 8  # `tidy` merges when there are more small segments than this


def _small_segments(segments: list) -> list:
    return [seg for seg in segments if seg.doc_count_all() < SMALL_SEGMENT]


def _merge_small_segments(writer, segments: list) -> list:
    """A Whoosh merge policy: the small segments become one, the large stay as they are
    (Whoosh's MERGE_SMALL may rewrite large ones, holding the interpreter for a second)."""
    from whoosh.reading import SegmentReader

    small = _small_segments(segments)
    if len(small) < 2:
        return segments
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg not in small]


def _manifest_stamp(path: Path) -> tuple[str, int, int, int]:
    """Identifies one manifest file's content (and the schema it was read under)."""
    st = path.stat()
    return str(path), st.st_mtime_ns, st.st_size, SCHEMA_VERSION


def _fingerprint(st: os.stat_result) -> str:
    return f"{st.st_mtime_ns}:{st.st_size}"


def scan_files(root: Path) -> dict[str, str]:
    """Relative path -> fingerprint (mtime and size) for every article file, cheaply.

    Plain `os.scandir` and string paths: on 10,000 files pathlib's overhead alone was
    three times the cost of the stat calls.
    """
    found: dict[str, str] = {}
    pending = [("", str(root))]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    pending.append((f"{prefix}{name}/", entry.path))
                elif name.endswith(".md") and entry.is_file():
                    st = entry.stat()
                    found[prefix + name] = _fingerprint(st)
            except OSError:
                continue
    return dict(sorted(found.items()))


Parsed = tuple[str, "Article | None", dict[str, Any] | None, list[Problem]]


def _parse(job: tuple[str, str]) -> Parsed:
    """Read one file and prepare its fields (runs in worker processes for large builds)."""
    root, rel = job
    try:
        article, warnings = read_article(Path(root) / rel, Path(root))
    except ArticleError as exc:
        return rel, None, None, [exc.problem]
    return rel, article, document(article), warnings


class KnowledgeIndex:
    def __init__(self, index_dir: Path, articles_dir: Path, lock_timeout: float = 120.0) -> None:
        self.index_dir = Path(index_dir)
        self.articles_dir = Path(articles_dir).resolve()
        self.lock_timeout = lock_timeout
        self._manifest_cache: tuple[tuple[str, int, int, int], dict[str, FileState]] | None = None

    # -- reading -------------------------------------------------------------------------

    def generation_dir(self) -> Path | None:
        try:
            name = (self.index_dir / CURRENT).read_text(encoding="utf-8").strip()
        except OSError:
            return None
        path = self.index_dir / name
        return path if name.startswith("gen-") and path.is_dir() else None

    def open(self) -> whoosh_index.Index:
        """The live Whoosh index, built or rebuilt first if it is missing or damaged."""
        ix = self._open_live()
        if ix is None:
            self.rebuild()
            ix = self._open_live()
            if ix is None:
                raise IndexUnavailable(f"the index in {self.index_dir} cannot be opened")
        return ix

    def _open_live(self) -> whoosh_index.Index | None:
        """The live generation's index, or None if there is none or it is unusable."""
        gen = self.generation_dir()
        return self._try_open(gen) if gen else None

    def _try_open(self, gen: Path) -> whoosh_index.Index | None:
        try:
            cache = self._manifest_cache
            if not (cache and cache[0] == _manifest_stamp(gen / MANIFEST)):  # else: known good
                manifest = json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
                if manifest.get("schema") != SCHEMA_VERSION:
                    return None
            ix = whoosh_index.open_dir(str(gen))
            if set(ix.schema.names()) != set(build_schema().names()):
                return None
            ix.doc_count()  # touches the segment files: a damaged TOC fails here
            return ix
        except Exception:  # noqa: BLE001 - any failure means "rebuild the cache"
            return None

    def manifest(self, cached: bool = False) -> dict[str, FileState] | None:
        """What the live generation holds, per file. `cached` reuses the last reading
        while the manifest file is unchanged on disk (the common no-change sync)."""
        gen = self.generation_dir()
        if gen is None:
            return None
        path = gen / MANIFEST
        try:
            stamp = _manifest_stamp(path)
        except OSError:
            return None
        if cached and self._manifest_cache and self._manifest_cache[0] == stamp:
            return self._manifest_cache[1]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("schema") != SCHEMA_VERSION:
                return None
            files = {p: FileState.from_json(p, s) for p, s in data["files"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self._manifest_cache = (stamp, files)
        return files

    def versions(self) -> dict[str, str]:
        """Article id -> a string that changes whenever the article's file does."""
        files = self.manifest(cached=True) or {}
        return {s.id: s.fingerprint for s in files.values() if s.id is not None}

    def problems(self) -> list[Problem]:
        """Problems found in the articles at the last sync, in file order."""
        files = self.manifest() or {}
        return [p for path in sorted(files) for p in files[path].problems]

    def searcher(self, **kwargs: Any):
        from kb_app.search import KnowledgeSearcher

        return KnowledgeSearcher(self, **kwargs)

    # -- writing -------------------------------------------------------------------------

    def scan(self) -> dict[str, str]:
        """The articles folder as a sync sees it (pass it on to `pending` and `sync`)."""
        return scan_files(self.articles_dir)

    def pending(self, disk: dict[str, str] | None = None) -> int:
        """How many files a sync would read (all of them when there is no index yet)."""
        disk = self.scan() if disk is None else disk
        files = self.manifest(cached=True)
        if files is None:
            return len(disk)
        return len(list(_pending_paths(files, disk))) + sum(1 for p in files if p not in disk)

    def sync(self, progress: Progress | None = None, workers: int = 2,
             disk: dict[str, str] | None = None, only: list[str] | None = None) -> SyncReport:
        """Bring the index up to date with the folder, reading only what changed.

        `workers` > 1 uses child processes for large batches; pass 1 inside processes
        that must not fork (a Qt application with running threads). `disk` is a scan
        just taken, to save taking another. `only` lists the files known to have changed
        (an editor's save): the rest of the folder is taken as the manifest has it, so
        nothing is scanned; the periodic full sync still catches everything else."""
        start = time.perf_counter()
        if disk is None and only is not None:
            disk = self._assumed_disk(only)
        disk = self.scan() if disk is None else disk
        files = self.manifest(cached=True)
        if files is not None and not _pending(files, disk):
            return SyncReport(unchanged=len(disk), indexed=_count_indexed(files),
                              problems=_all_problems(files), seconds=time.perf_counter() - start)
        with self._lock():
            # Another process may have synced while we waited: read its manifest. The
            # scan above is kept: a file that changes after it is simply read again later.
            files = self.manifest(cached=True)  # re-read if its file changed meanwhile
            ix = self._try_open(self.generation_dir()) if files is not None else None
            if ix is None:
                return self._rebuild_locked(workers=workers, progress=progress, start=start)
            report = self._apply_changes(ix, files, disk, progress, workers)
        report.seconds = time.perf_counter() - start
        return report

    def _assumed_disk(self, changed: list[str]) -> dict[str, str] | None:
        files = self.manifest(cached=True)
        if files is None:
            return None  # no index yet: a full scan decides
        disk = {path: state.fingerprint for path, state in files.items()}
        for rel in changed:
            try:
                st = os.stat(self.articles_dir / rel)
            except OSError:
                disk.pop(rel, None)
            else:
                disk[rel] = _fingerprint(st)
        return disk

    def rebuild(self, workers: int = 2, progress: Progress | None = None) -> SyncReport:
        """Build a fresh index from every file, in a new generation."""
        with self._lock():
            return self._rebuild_locked(workers, progress, time.perf_counter())

    def _lock(self) -> FileLock:
        try:
            self.index_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise IndexUnavailable(f"cannot create the index folder {self.index_dir}: "
                                   f"{exc.strerror or exc}") from exc
        return FileLock(self.index_dir / "sync.lock", timeout=self.lock_timeout)

    def _rebuild_locked(self, workers: int, progress: Progress | None,
                        start: float) -> SyncReport:
        """Build a new generation from every file.

        With no usable index to serve meanwhile (first start, damage), the new generation
        goes live at once and is committed in batches: searches see what is indexed so
        far, and an interrupted build resumes where it stopped. Otherwise it is built
        aside and switched in when complete.
        """
        current = self.generation_dir()
        serve_old = current is not None and self._try_open(current) is not None
        gen = self.index_dir / f"gen-{time.time_ns()}"
        gen.mkdir(parents=True)
        ix = whoosh_index.create_in(str(gen), build_schema())
        self._write_manifest(gen, {})
        if not serve_old:
            atomic_write_text(self.index_dir / CURRENT, gen.name + "\n")
        disk = scan_files(self.articles_dir)
        batch = None if serve_old else BUILD_BATCH
        report = self._apply_changes(ix, {}, disk, progress, workers, gen, batch)
        report.rebuilt = True
        atomic_write_text(self.index_dir / CURRENT, gen.name + "\n")
        self._remove_old_generations(keep=gen.name)
        report.seconds = time.perf_counter() - start
        return report

    def _apply_changes(self, ix: whoosh_index.Index, files: dict[str, FileState],
                       disk: dict[str, str], progress: Progress | None, workers: int = 1,
                       gen: Path | None = None, batch: int | None = None) -> SyncReport:
        gen = gen or self.generation_dir()
        assert gen is not None
        removed = [p for p in files if p not in disk]
        to_read = sorted(_pending_paths(files, disk))
        was_indexed = {p for p, s in files.items() if s.id is not None}
        state = {p: s for p, s in files.items() if p in disk and p not in to_read}
        owners = {s.id: p for p, s in state.items() if s.id is not None}
        report = SyncReport(unchanged=len(disk) - len(to_read))
        size = batch or max(len(to_read), 1)
        pool = (ProcessPoolExecutor(max_workers=workers)
                if workers > 1 and len(to_read) >= PARALLEL_THRESHOLD else None)
        try:
            for first in range(0, max(len(to_read), 1), size):
                chunk = to_read[first:first + size]
                parsed = self._parse_chunk(chunk, pool)
                to_add = _claim_ids(parsed, disk, state, owners)
                deletions = [p for p in (removed if first == 0 else []) + chunk
                             if p in was_indexed]
                self._write(ix, deletions, [doc for _, doc in to_add], workers)
                self._write_manifest(gen, state)
                report.updated += sum(1 for a, _ in to_add if a.path in was_indexed)
                report.added += sum(1 for a, _ in to_add if a.path not in was_indexed)
                report.changed_paths.extend(chunk)
                if progress:
                    progress(min(first + size, len(to_read)), len(to_read))
        finally:
            if pool is not None:
                pool.shutdown()
        report.removed = sum(1 for p in removed if p in was_indexed)
        report.changed_paths.extend(removed)
        report.indexed = _count_indexed(state)
        report.problems = _all_problems(state)
        return report

    def _write(self, ix: whoosh_index.Index, deletions: list[str], docs: list[dict[str, Any]],
               workers: int) -> None:
        if not deletions and not docs:
            return
        procs = workers if workers > 1 and len(docs) >= PARALLEL_THRESHOLD else 1
        kwargs = {"procs": procs, "multisegment": True, "batchsize": 200} if procs > 1 else {}
        writer = ix.writer(timeout=self.lock_timeout, delay=0.05, **kwargs)
        try:
            for rel in deletions:
                writer.delete_by_term("path", rel)
            for doc in docs:
                writer.add_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        # A save's few documents go in as a new small segment at once; merging segments
        # then (Whoosh's default) sometimes costs hundreds of milliseconds and happens
        # instead in `tidy`, when nothing is waiting.
        writer.commit(merge=len(docs) + len(deletions) > SMALL_UPDATE)

    def small_segments(self) -> list:
        """The live index's small segments (what `tidy` would merge)."""
        ix = self._open_live()
        return _small_segments(ix._segments()) if ix is not None else []

    def tidy(self, max_small: int | None = None) -> bool:
        """Merge the small segments quick updates leave behind, once there are more than
        `max_small`; returns whether it did. Only small segments are read and rewritten
        (tens of milliseconds), never the large ones a build made. Called when the folder
        is idle, so no save waits for it."""
        ix = self._open_live()
        limit = MAX_SMALL_SEGMENTS if max_small is None else max_small
        if ix is None or len(_small_segments(ix._segments())) <= limit:
            return False
        with self._lock():
            writer = ix.writer(timeout=self.lock_timeout, delay=0.05)
            writer.commit(mergetype=_merge_small_segments)
        return True

    def _parse_chunk(self, paths: list[str], pool: ProcessPoolExecutor | None) -> list[Parsed]:
        jobs = [(str(self.articles_dir), rel) for rel in paths]
        if pool is None:
            return [_parse(job) for job in jobs]
        return list(pool.map(_parse, jobs, chunksize=64))

    def _write_manifest(self, gen: Path, files: dict[str, FileState]) -> None:
        data = {"schema": SCHEMA_VERSION, "articles": str(self.articles_dir),
                "files": {p: s.to_json() for p, s in sorted(files.items())}}
        path = gen / MANIFEST
        atomic_write_text(path, json.dumps(data, ensure_ascii=False))
        # What we wrote is what a reader would parse: skip the parse.
        self._manifest_cache = (_manifest_stamp(path), dict(files))

    def _remove_old_generations(self, keep: str) -> None:
        for path in self.index_dir.glob("gen-*"):
            if path.name != keep:
                shutil.rmtree(path, ignore_errors=True)


def _claim_ids(parsed: list[Parsed], disk: dict[str, str], state: dict[str, FileState],
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


def _pending_paths(files: dict[str, FileState], disk: dict[str, str]) -> Iterator[str]:
    """New and changed files, and duplicates whose id may have been freed."""
    for rel, fingerprint in disk.items():
        state = files.get(rel)
        if state is None or state.fingerprint != fingerprint or state.duplicate:
            yield rel


def _pending(files: dict[str, FileState], disk: dict[str, str]) -> bool:
    """Whether anything changed. Duplicates are re-checked only then: their id can only be
    freed by a change to, or the removal of, the file that owns it."""
    if any(p not in disk for p in files):
        return True
    return any(files.get(rel) is None or files[rel].fingerprint != fp for rel, fp in disk.items())


def _count_indexed(files: dict[str, FileState]) -> int:
    return sum(1 for s in files.values() if s.id is not None)


def _all_problems(files: dict[str, FileState]) -> list[Problem]:
    return [p for path in sorted(files) for p in files[path].problems]
