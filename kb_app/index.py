"""The Whoosh index: a rebuildable cache of the articles folder, kept in step incrementally.

Layout of an index folder::

    CURRENT            name of the live generation folder (replaced atomically)
    gen-<n>/           Whoosh's files (segments uncompounded), manifest.sqlite3 (what each
                       article file looked like at each Whoosh commit), a postings cache
                       per segment (gyan-<segment>.post, kb_app.postcache) and, once
                       reading failed, DAMAGED
    sync.lock          held (flock) by the one process that writes; it records its pid

Reading never writes. `open()` and the searchers built on it take the live generation as
it is: an outdated one (built by another version, or out of step with its manifest) keeps
answering, flagged `outdated`, until its owner's rebuild switches `CURRENT`; with none
that can be read they raise `IndexNotReady` ("still indexing"). Only the index owner --
`sync()` and `rebuild()`, called by `kb index`, by `kb search` before it searches and by
the window's index worker -- writes: it rebuilds a missing, damaged or outdated
generation, beside the live one when that one can still serve, and switches `CURRENT`
when done, so readers never see a half-built index (`kb_app.generations`). The one thing
a reader writes is the DAMAGED note, a hint for the owner's next sync. Each Whoosh commit
goes live with its manifest (`kb_app.manifest`), so a kill at any moment leaves the two
agreeing. A crashed writer's
lock dies with it: its worker processes die too and never hold the lock. A full or
read-only disk fails the write with `IndexUnavailable` and leaves the live generation as
it was, still searchable.

Thread-safety: one `KnowledgeIndex` may be shared by threads for reading; writes
(`sync`, `rebuild`, `tidy`) are serialised by the lock file, across threads and processes,
and should be called from one thread of a process (the owner): a rebuild may fork.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index

from kb_app import folder
from kb_app.changes import (
    Progress,
    SyncReport,
    Target,
    all_problems,
    apply_changes,
    commit_batch,
    pending,
    pending_paths,
)
from kb_app.commits import (
    IndexDamaged,
    cache_postings,
    caches_missing,
    merge_small_segments,
    small_segments,
)
from kb_app.fields import build_schema, document, product_key
from kb_app.fileio import FileLock, LockTimeout, remove_stale_temp_files_under
from kb_app.folderstamp import (
    FULL_SCAN_S,
    FolderStamp,
    read_stamp,
    unchanged_since,
    write_stamp,
)
from kb_app.generations import (
    IndexNotReady,
    IndexUnavailable,
    Reading,
    live_generation,
    new_generation,
    open_current,
    open_readable,
    remove_old_generations,
    switch_to,
)
from kb_app.manifest import (
    DAMAGED,
    SCHEMA_VERSION,
    FileState,
    Live,
    count_indexed,
    fingerprints,
    indexed_count,
    live_state,
    manifest_stamp,
    mark_damaged,
    problems_at,
    read_manifest,
    write_manifest,
)
from kb_app.messages import Message, saying, translate
from kb_app.problems import Problem

if TYPE_CHECKING:
    from kb_app.meaning.queries import QueryVectors
    from kb_app.meaning.update import MeaningReport
    from kb_app.search import KnowledgeSearcher

__all__ = ["SCHEMA_VERSION", "FileState", "IndexDamaged", "IndexNotReady", "IndexUnavailable",
           "KnowledgeIndex", "Reading", "SyncReport", "build_schema", "document", "product_key"]

BUILD_BATCH = 2000  # documents per commit while a first build is already being searched
OPEN_RETRIES = 3  # a reader that lists a generation just as a commit lands tries again
MAX_SMALL_SEGMENTS = 8  # `tidy` merges when there are more small segments than this
Current = tuple[Live, dict[str, FileState], whoosh_index.Index]  # what a writer builds on


def _fingerprint(st: os.stat_result) -> str:
    return f"{st.st_mtime_ns}:{st.st_size}"


def _modified_ns(fingerprint: str) -> int:
    """The modification time a `_fingerprint` holds (0 if it holds none)."""
    head = fingerprint.partition(":")[0]
    return int(head) if head.isdigit() else 0


class KnowledgeIndex:
    def __init__(self, index_dir: Path, articles_dir: Path, lock_timeout: float = 120.0) -> None:
        # absolute: a relative index folder (`kb search --index ix`) cannot be named as the
        # file URI its read-only manifest is opened by, and must not move with the cwd
        self.index_dir = Path(index_dir).expanduser().absolute()
        self.articles_dir = Path(articles_dir).resolve()
        self.lock_timeout = lock_timeout
        self.folder_problems: list[Problem] = []  # from the last scan of the folder
        self._manifest_cache: tuple[tuple, dict[str, FileState]] | None = None
        self._indexed_count: tuple[dict[str, FileState], int] | None = None  # `_indexed`
        self._scanned: tuple[float, dict[str, int], int] | None = None  # the last scan's
        self._quick_checked = False  # the folders-only check is a new process's, once
        self._stamp_kept: tuple[Path, FolderStamp] | None = None  # the last written
        self._query_vectors: QueryVectors | None = None
        # the manifest and the meaning store's state an update last found nothing to do in
        self._meanings_current: tuple[dict[str, FileState], tuple[Any, ...]] | None = None

    @property
    def query_vectors(self) -> QueryVectors:
        """Where this index's searchers have a query's meaning made (kb_app.meaning.queries):
        in the searching process, unless its owner set a helper process."""
        if self._query_vectors is None:
            from kb_app.meaning.queries import InlineQueries

            self._query_vectors = InlineQueries()
        return self._query_vectors

    @query_vectors.setter
    def query_vectors(self, source: QueryVectors) -> None:
        self._query_vectors = source

    # -- reading -------------------------------------------------------------------------

    def generation_dir(self) -> Path | None:
        return live_generation(self.index_dir)

    def live(self) -> Live | None:
        """The live generation: its folder, latest Whoosh commit and whether it is damaged."""
        gen = self.generation_dir()
        return live_state(gen) if gen is not None else None

    def manifest_path(self) -> Path | None:
        """The manifest of the live commit (what a sync compares the folder with)."""
        live = self.live()
        return live.manifest_path if live is not None and live.toc >= 0 else None

    def open(self) -> whoosh_index.Index:
        """The live Whoosh index, as it is; `IndexNotReady` if there is none to read."""
        return self.open_for_reading().ix

    def open_for_reading(self) -> Reading:
        """The live generation, if it can be read, even if it is outdated (then it is
        flagged so). Never builds, rebuilds or waits for the lock: that is the owner's
        job (`sync`). Raises `IndexNotReady` when there is nothing to read."""
        for attempt in range(OPEN_RETRIES):
            live = self.live()
            if live is None:
                break  # nothing there: no point in waiting
            reading = open_readable(live, indexed_count(live.gen, live.toc,
                                                        str(self.articles_dir)))
            if reading is not None:
                return reading
            time.sleep(0.05 * (attempt + 1))  # perhaps a commit landed while we read
        raise saying(IndexNotReady, translate(
            "Index", "the index of {folder} is not built yet, or is being rebuilt: searches "
            "find nothing until it is (still indexing; `kb index` builds it)").format(
                folder=str(self.articles_dir)))

    def _current(self) -> Current | None:
        """The live generation if it is exactly what this version writes (what a writer
        builds on); None: it must be rebuilt."""
        live = self.live()
        files = self._read_manifest(live, cached=True) if live is not None else None
        ix = (open_current(live, self._indexed(files))
              if live is not None and files is not None else None)
        return (live, files, ix) if live is not None and files is not None and ix else None

    def _read_manifest(self, live: Live, cached: bool) -> dict[str, FileState] | None:
        if live.toc < 0:
            return None
        try:
            stamp = manifest_stamp(live.gen, live.toc, str(self.articles_dir))
        except OSError:
            return None
        if cached and self._manifest_cache and self._manifest_cache[0] == stamp:
            return self._manifest_cache[1]
        files = read_manifest(live.gen, live.toc, str(self.articles_dir))
        if files is not None:
            self._manifest_cache = (stamp, files)
        return files

    def _indexed(self, files: dict[str, FileState]) -> int:
        """How many of `files` are indexed, counted once per manifest read or written (a
        sync asks twice; a count is a pass over 100,000 entries): those dicts are never
        changed once made (writers copy them)."""
        if self._indexed_count is None or self._indexed_count[0] is not files:
            self._indexed_count = (files, count_indexed(files))
        return self._indexed_count[1]

    def _remember(self, gen: Path, toc: int, files: dict[str, FileState]) -> None:
        """What we wrote is what a reader would read: skip the reading."""
        try:
            self._manifest_cache = (manifest_stamp(gen, toc, str(self.articles_dir)), files)
        except OSError:
            self._manifest_cache = None

    def manifest(self, cached: bool = False) -> dict[str, FileState] | None:
        """What the live generation holds, per file. `cached` reuses the last reading
        while the manifest file is unchanged on disk (the common no-change sync). The
        manifest of an outdated generation is read too (file versions do not depend on
        the schema): searches still answer from it until it is rebuilt."""
        live = self.live()
        if live is None:
            return None
        files = self._read_manifest(live, cached)
        if files is None and live.toc >= 0:  # not cached: only while a rebuild is due
            files = read_manifest(live.gen, live.toc, str(self.articles_dir),
                                  any_schema=True)
        return files

    def versions(self) -> dict[str, str]:
        """Article id -> a string that changes whenever the article's file does."""
        files = self.manifest(cached=True) or {}
        return {s.id: s.fingerprint for s in files.values() if s.id is not None}

    def problems(self) -> list[Problem]:
        """Problems found in the folder and its articles at the last sync, in file order."""
        return self.folder_problems + all_problems(self.manifest() or {})

    def mark_damaged(self, reason: str, gen: Path | None = None) -> None:
        """Reading generation `gen` (default: the live one) failed: the next sync builds a
        new one (searches meanwhile use what can still be read)."""
        gen = self.generation_dir() if gen is None else gen
        if gen is not None:
            mark_damaged(gen, reason)

    def searcher(self) -> KnowledgeSearcher:
        """A searcher on the live generation (`IndexNotReady` if there is none yet)."""
        from kb_app.search import KnowledgeSearcher

        return KnowledgeSearcher(self)

    def update_meanings(self, progress: Callable[[int, int], None] | None = None,
                        should_stop: Callable[[], bool] | None = None,
                        cores: int | None = None) -> MeaningReport:
        """Encode the meaning of every indexed file the meaning vectors lack (after a
        sync; kb_app.meaning.update): slow (about 0.25 s an article), so never part of
        `sync`, and stoppable between files."""
        from kb_app import meaning
        from kb_app.meaning.store import MeaningStore
        from kb_app.meaning.update import MeaningReport, update

        indexed = self.manifest(cached=True) or {}
        store = MeaningStore(self.index_dir)
        current = self._meanings_current
        if current is not None and current[0] is indexed and current[1] == store.state():
            # The window asks after every sync and save: at 100,000 articles a look
            # through the manifest left 60 MB more in its memory, each time for nothing.
            return MeaningReport()
        # Newest first: an article just written is likelier to be asked about (a new
        # product, this week's outage) than one untouched for a year, and at 100,000
        # articles the first update takes hours.
        newest = sorted(indexed.items(),
                        key=lambda item: (-_modified_ns(item[1].fingerprint), item[0]))
        files = {path: (state.fingerprint, None if state.duplicate else state.id)
                 for path, state in newest}
        del newest
        report = update(self.index_dir, self.articles_dir, files, meaning.load_encoder,
                        progress, should_stop, cores=cores)
        done = not (report.encoded or report.removed or report.remaining or report.unreadable)
        self._meanings_current = (indexed, store.state()) if done else None
        return report

    # -- writing -------------------------------------------------------------------------

    def scan(self) -> dict[str, str]:
        """The articles folder as a sync sees it (pass it on to `pending` and `sync`).
        What the walk could not read (links out, unreadable folders) is kept for the
        sync's report."""
        scanned_at = time.time()
        found = folder.scan(self.articles_dir)
        self.folder_problems = found.problems
        self._scanned = (scanned_at, found.dirs, len(found.files))
        return {rel: _fingerprint(st) for rel, st in found.files.items()}

    def pending(self, disk: dict[str, str] | None = None) -> int:
        """How many files a sync would read (all of them when there is no usable index)."""
        disk = self.scan() if disk is None else disk
        live = self.live()
        files = self._read_manifest(live, cached=True) if live is not None else None
        if live is None or files is None or live.damaged:
            return len(disk)
        return len(list(pending_paths(files, disk))) + sum(1 for p in files if p not in disk)

    def sync(self, progress: Progress | None = None, workers: int = 2,
             disk: dict[str, str] | None = None, only: list[str] | None = None,
             lock_timeout: float | None = None) -> SyncReport:
        """Bring the index up to date with the folder, reading only what changed.

        `workers` > 1 uses child processes for large batches; pass 1 inside processes
        that must not fork (a Qt application with running threads). `disk` is a scan
        just taken, to save taking another. `only` lists the files known to have changed
        (an editor's save): the rest of the folder is taken as the manifest has it, so
        nothing is scanned; the periodic full sync still catches everything else.
        `lock_timeout` overrides how long to wait for another writer.

        Raises `IndexUnavailable` when the index cannot be written (a full or read-only
        disk): the live generation is left as it was and can still be searched."""
        start = time.perf_counter()
        if disk is None and only is None and self._manifest_cache is None \
                and not self._quick_checked:  # a new process's first sync (`kb search`)
            self._quick_checked = True  # later syncs of a long-lived one scan in full
            quick = self._unchanged_folders(start)
            if quick is not None:
                return quick
        changed: list[str] | None = None  # the only paths that can differ, if known
        if disk is None and only is not None:
            disk = self._assumed_disk(only)
            self._scanned = None  # not a scan: the folders say nothing about it
            changed = only if disk is not None else None
        disk = self.scan() if disk is None else disk
        scanned, self._scanned = self._scanned, None  # this scan's (or the caller's)
        report = self._sync_scanned(disk, progress, workers, lock_timeout, start, changed)
        if scanned is not None:  # only once the index holds what was scanned
            self._keep_folder_stamp(*scanned)
        return report

    def _sync_scanned(self, disk: dict[str, str], progress: Progress | None, workers: int,
                      lock_timeout: float | None, start: float,
                      changed: list[str] | None = None) -> SyncReport:
        if self._manifest_cache is None:  # a new process: the quick check of the files
            unchanged = self._unchanged(disk, start)
            if unchanged is not None:
                return unchanged
        # Nothing to do only if the generation is also current (a tenth of a millisecond
        # to check): readers do not rebuild, so an outdated one must be caught here.
        current = self._current()
        files = current[1] if current is not None else {}
        if current is not None and not current[0].damaged \
                and not pending(files, disk, changed) \
                and not caches_missing(current[2], current[0].gen):
            return SyncReport(unchanged=len(disk), indexed=self._indexed(files),
                              problems=self.folder_problems + all_problems(files),
                              seconds=time.perf_counter() - start)
        with self._writing(lock_timeout):
            report = self._sync_locked(disk, progress, workers, start, changed)
        report.problems = self.folder_problems + report.problems
        report.seconds = time.perf_counter() - start
        return report

    def _unchanged_folders(self, start: float) -> SyncReport | None:
        """The report of a sync with nothing to do, learnt from the folders' modification
        times alone (kb_app.folderstamp), or None if that cannot be told."""
        live = self._live_current()
        stamp = read_stamp(live.gen) if live is not None else None
        if live is None or stamp is None or not unchanged_since(stamp, live.toc,
                                                                 self.articles_dir):
            return None
        report = self._nothing_to_do(live, stamp.files, stamp.problems, start)
        if report is not None:
            self.folder_problems = stamp.problems
        return report

    def _keep_folder_stamp(self, scanned_at: float, dirs: dict[str, int], files: int) -> None:
        """After a sync from a full scan: what the scan saw of the folders, with the
        commit now live (the folder as scanned is what it indexes). The window scans
        every few seconds: the same stamp is written again only when half its life is
        gone, not at each scan."""
        live = self._live_current()
        if live is None:
            return
        stamp = FolderStamp(live.toc, str(self.articles_dir), scanned_at, files, dirs,
                            list(self.folder_problems))
        kept = self._stamp_kept
        if (kept is not None and kept[0] == live.gen
                and replace(kept[1], scanned_at=scanned_at) == stamp
                and scanned_at - kept[1].scanned_at < FULL_SCAN_S / 2):
            return
        write_stamp(live.gen, stamp)
        self._stamp_kept = (live.gen, stamp)

    def _unchanged(self, disk: dict[str, str], start: float) -> SyncReport | None:
        """The report of a sync with nothing to do, learnt from the manifest's
        fingerprints alone, or None if there is something (then the whole manifest is
        read). A process that has not read it yet (`kb search`) saves reading every
        file's entry; one that has (the window) compares with what it holds."""
        live = self._live_current()
        if live is None or fingerprints(live.gen, live.toc, str(self.articles_dir)) != disk:
            return None
        return self._nothing_to_do(live, len(disk), self.folder_problems, start)

    def _live_current(self) -> Live | None:
        """The live generation if it has a commit and is not damaged."""
        live = self.live()
        return live if live is not None and not live.damaged and live.toc >= 0 else None

    def _nothing_to_do(self, live: Live, files: int, folder_problems: list[Problem],
                       start: float) -> SyncReport | None:
        """The report of a sync that found the folder as `live` holds it, read from the
        manifest's count and problem rows (None: those cannot be read, the index cannot
        be opened or a postings cache is missing: the whole sync must run)."""
        articles = str(self.articles_dir)
        indexed = indexed_count(live.gen, live.toc, articles)
        ix = open_current(live, indexed)
        found = problems_at(live.gen, live.toc, articles)
        if ix is None or indexed is None or found is None or caches_missing(ix, live.gen):
            return None
        return SyncReport(unchanged=files, indexed=indexed, problems=folder_problems + found,
                          seconds=time.perf_counter() - start)

    def _sync_locked(self, disk: dict[str, str], progress: Progress | None, workers: int,
                     start: float, changed: list[str] | None = None) -> SyncReport:
        # Another process may have synced while we waited: read its manifest. The
        # scan is kept: a file that changes after it is simply read again later.
        current = self._current()
        if current is None:
            return self._rebuild_locked(workers, progress, start)
        live, files, ix = current
        if live.damaged:
            return self._rebuild_after_damage(live, workers, progress, start)
        remove_old_generations(self.index_dir, keep=live.gen.name)  # a killed rebuild's
        try:
            target = self._target(ix, live, files)
            report = apply_changes(target, files, disk, progress, workers, changed=changed,
                                   indexed=self._indexed(files))
            self._indexed_count = (target.described, report.indexed)  # what it now holds
        except IndexDamaged as exc:
            mark_damaged(live.gen, str(exc))
            return self._rebuild_after_damage(live, workers, progress, start)
        if not report.changed:  # each commit writes its caches; else one went missing (or
            cache_postings(ix, live.gen, workers)  # a new version of them: all, in parallel)
        return report

    def _target(self, ix: whoosh_index.Index, live: Live, files: dict[str, FileState],
                fresh: bool = False) -> Target:
        """Where a writer commits: `files` is what the manifest says of `live.toc`."""
        return Target(ix, live.gen, live.toc, self.articles_dir, fresh,
                      lambda toc, state: self._remember(live.gen, toc, state), dict(files))

    def _rebuild_after_damage(self, live: Live, workers: int, progress: Progress | None,
                              start: float) -> SyncReport:
        try:
            reason = (live.gen / DAMAGED).read_text(encoding="utf-8").strip()
        except (OSError, ValueError):
            reason = ""
        report = self._rebuild_locked(workers, progress, start)
        report.warning = translate(
            "Index", "The search index was damaged ({reason}); it has been rebuilt.").format(
                reason=reason or translate("Index", "reading it failed"))
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
        with self._writing():
            return self._rebuild_locked(workers, progress, time.perf_counter())

    @contextmanager
    def _writing(self, lock_timeout: float | None = None) -> Iterator[None]:
        """Hold the write lock; a disk that refuses the write becomes `IndexUnavailable`
        saying what to do about it (a lock held too long stays `LockTimeout`)."""
        try:
            self.index_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise saying(IndexUnavailable, _cannot_write(self.index_dir, exc, creating=True)
                         ) from exc
        wait = self.lock_timeout if lock_timeout is None else lock_timeout
        try:
            with FileLock(self.index_dir / "sync.lock", timeout=wait):
                yield
        except LockTimeout:
            raise
        except OSError as exc:
            raise saying(IndexUnavailable, _cannot_write(self.index_dir, exc)) from exc

    def _rebuild_locked(self, workers: int, progress: Progress | None,
                        start: float) -> SyncReport:
        """Build a new generation from every file.

        With nothing readable to serve meanwhile (first start, an unreadable index), the
        new generation goes live at once and is committed in batches: searches see what is
        indexed so far, and an interrupted build resumes where it stopped. Otherwise (an
        outdated or partly damaged generation) it is built aside and switched in when
        complete, the old one answering until then; if that fails (a full disk), the
        half-built generation is removed and the old one stays live.
        """
        current = self.live()
        # Whatever can still be read (an outdated or damaged generation) serves until the
        # new one is complete; with nothing readable the new one serves as it grows.
        serve_old = current is not None and open_readable(current, None) is not None
        gen = new_generation(self.index_dir)
        try:
            gen.mkdir(parents=True)
            ix = whoosh_index.create_in(str(gen), build_schema())
            write_manifest(gen, 0, str(self.articles_dir), {})  # create_in made commit 0
            if not serve_old:
                switch_to(self.index_dir, gen)
            remove_stale_temp_files_under(self.articles_dir)  # a rebuild reads it all anyway
            disk = self.scan()
            batch = None if serve_old else BUILD_BATCH
            report = apply_changes(self._target(ix, Live(gen, 0, False), {}, fresh=True), {}, disk,
                                   progress, workers, batch)
            switch_to(self.index_dir, gen)
        except BaseException:
            if self.generation_dir() != gen:
                shutil.rmtree(gen, ignore_errors=True)
            raise
        report.rebuilt = True
        remove_old_generations(self.index_dir, keep=gen.name)
        report.seconds = time.perf_counter() - start
        return report

    def small_segments(self) -> list[Any]:
        """The live index's small segments (what `tidy` would merge)."""
        current = self._current()
        try:
            return small_segments(current[2]._segments()) if current is not None else []
        except Exception:  # noqa: BLE001 - replaced meanwhile: nothing to merge now
            return []

    def tidy(self, max_small: int | None = None, lock_timeout: float | None = None) -> bool:
        """Merge the small segments quick updates leave behind, once there are more than
        `max_small`; returns whether it did. Only small segments are read and rewritten
        (tens of milliseconds), never the large ones a build made. Called when the folder
        is idle, so no save waits for it. A segment that cannot be read marks the index
        damaged instead, and the next sync rebuilds it."""
        limit = MAX_SMALL_SEGMENTS if max_small is None else max_small
        if len(self.small_segments()) <= limit:
            return False
        with self._writing(lock_timeout):
            current = self._current()
            if current is None or current[0].damaged:
                return False
            live, files, ix = current
            try:
                commit_batch(self._target(ix, live, files), [], [], files,
                             mergetype=merge_small_segments)
            except IndexDamaged as exc:
                mark_damaged(live.gen, str(exc))
                return False
        return True


def _cannot_write(index_dir: Path, exc: OSError, creating: bool = False) -> Message:
    """What went wrong writing the index, and what to do about it."""
    what = (translate("Index", "cannot create the index folder {folder}: {reason}") if creating
            else translate("Index", "cannot write the index in {folder}: {reason}")).format(
                folder=str(index_dir), reason=str(exc.strerror or exc))
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = translate("Index", "free some disk space and run `kb index` again; searches "
                           "meanwhile use the index as it was")
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        advice = translate("Index", "make that folder writable, or keep the index elsewhere "
                           "(`--index DIR`, or the GYAN_CACHE_DIR environment variable)")
    else:
        advice = translate("Index", "the index is only a cache of the articles: remove that "
                           "folder, or choose another with `--index DIR`, and run `kb index` "
                           "again")
    return translate("Index", "{problem}. To fix: {advice}.").format(problem=what, advice=advice)
