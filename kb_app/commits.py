"""Whoosh commits for the index: each one together with the manifest describing it, and a
writer that failed cleaned up whatever state it stopped in.

The manifest for commit n is written before the commit (see `kb_app.manifest`); a
failure leaves the previous commit and its manifest live, and removes the unused one.
Failures reading what is already indexed (random bytes in a segment, a Whoosh lock held
by a process that is gone) are `IndexDamaged`: the caller builds a new generation.
Failures of the disk (`OSError`: full, read-only) are passed on as they are.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.base import Segment
from whoosh.writing import IndexWriter

from kb_app import postcache, segment_writing
from kb_app.manifest import forget_manifests, live_state

segment_writing.install()

WHOOSH_LOCK_WAIT_S = 2.0  # our own lock is held, so whoever holds Whoosh's has died
MP_BATCH = 200  # documents per job file for Whoosh's multiprocessing writer
SMALL_SEGMENT = 200  # documents: segments this small are merged together by `tidy`


class IndexDamaged(Exception):
    """What is indexed could not be read back; a new generation must be built."""


# Postings a writer holds in memory before it spills a sorted run to disk (Whoosh's
# default of 128 MB spilled, pickling each posting, on every batch of a first build).
POOL_MB = 256


def open_writer(ix: whoosh_index.Index, procs: int = 1, damage_possible: bool = True
                ) -> IndexWriter:
    """A Whoosh writer, waiting briefly for Whoosh's own lock: we hold ours, so a holder
    of Whoosh's is a process that died with it (or an older version's orphan), and the
    generation can no longer be written: a new one is built instead."""
    kwargs: dict[str, Any] = ({"procs": procs, "multisegment": True, "batchsize": MP_BATCH}
                              if procs > 1 else {})
    try:
        # Uncompounded: each segment file is opened (and paged in) on its own when read;
        # a compound file was read into memory whole when a reader opened it (310 MB at
        # 100,000 articles).
        return ix.writer(timeout=WHOOSH_LOCK_WAIT_S, delay=0.05, compound=False,
                         limitmb=POOL_MB, **kwargs)
    except whoosh_index.LockError as exc:
        if not damage_possible:
            raise
        raise IndexDamaged("Whoosh's write lock is held by a process that no longer "
                           "updates the index") from exc


def commit(ix: whoosh_index.Index, gen: Path, deletions: list[str], docs: list[dict[str, Any]],
           describe: Callable[[int], object], procs: int = 1, fresh: bool = False,
           **how: Any) -> int:
    """Delete `deletions` (paths), add `docs` and commit, calling `describe(n)` to write
    the manifest of commit n just before it. Returns n. `fresh`: nothing was indexed
    before, so nothing old can be unreadable. `how`: Whoosh's commit arguments."""
    writer = open_writer(ix, procs, damage_possible=not fresh)
    try:
        with _reading_old(fresh, "deleting the old versions"):
            for rel in deletions:
                writer.delete_by_term("path", rel)
        for doc in docs:
            writer.add_document(**doc)
        describe(writer.generation)
        with _reading_old(fresh, "merging segments"):
            writer.commit(**how)
    except BaseException:
        abandon(writer)
        now = live_state(gen)
        if now is not None:
            forget_manifests(gen, now.toc)  # the manifest of a commit that did not happen
        raise
    forget_manifests(gen, writer.generation)
    cache_postings(ix, gen, procs)
    return writer.generation


def cache_postings(ix: whoosh_index.Index, gen: Path, procs: int = 1) -> None:
    """Write the postings caches of the latest commit's segments that lack one (in
    `procs` processes), and drop those of segments merged away (kb_app.postcache; best
    effort: a segment without one is read through Whoosh)."""
    try:
        toc = ix._read_toc()
    except Exception:  # noqa: BLE001 - unreadable: the next sync sees it
        return
    postcache.ensure(gen, ix.storage, toc.schema, toc.segments, procs)


def caches_missing(ix: whoosh_index.Index, gen: Path) -> bool:
    """Whether a segment of the latest commit lacks a good postings cache."""
    try:
        return postcache.missing(gen, ix._read_toc().segments)
    except Exception:  # noqa: BLE001 - unreadable: the next sync sees it
        return False


@contextlib.contextmanager
def _reading_old(fresh: bool, doing: str) -> Iterator[None]:
    try:
        yield
    except (OSError, IndexDamaged):
        raise
    except Exception as exc:
        if fresh:
            raise
        raise IndexDamaged(f"the index could not be read while {doing}: "
                           f"{type(exc).__name__}: {exc}") from exc


def abandon(writer: IndexWriter) -> None:
    """Release what a failed writer holds, from whatever state it stopped in: Whoosh's
    write lock (else the next writer in this process waits for it in vain) and the
    processes of its multiprocessing writer (they wait on their queue for ever)."""
    with contextlib.suppress(Exception):
        writer.cancel()
    for task in getattr(writer, "tasks", []):
        with contextlib.suppress(Exception):
            task.terminate()
            task.join(1)
    lock = getattr(writer, "writelock", None)
    if lock is not None and getattr(lock, "fd", None) is not None:
        with contextlib.suppress(Exception):
            lock.release()


def small_segments(segments: list[Segment]) -> list[Segment]:
    return [seg for seg in segments if seg.doc_count_all() < SMALL_SEGMENT]


def merge_small_segments(writer: IndexWriter, segments: list[Segment]) -> list[Segment]:
    """A Whoosh merge policy: the small segments become one, the large stay as they are
    (Whoosh's MERGE_SMALL may rewrite large ones, holding the interpreter for a second)."""
    from whoosh.reading import SegmentReader

    small = small_segments(segments)
    if len(small) < 2:
        return segments
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg not in small]
