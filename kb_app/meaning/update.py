"""Bring the meaning vectors up to date with the index: encode what changed.

Run after a sync, off the UI thread: the bundled sample takes a few seconds, 10,000
articles most of an hour on two cores (about 40 ms a passage; 57 on one), so search
never waits for it. Until an article
has its vectors it is ranked by its words alone. Each file is encoded once per
fingerprint (the index manifest's), in parts of PART_FILES files, so an update that is
stopped (the window closed) keeps what it finished and the next one goes on from there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from kb_app import plaintext
from kb_app.articles import Article, ArticleError, read_article
from kb_app.fileio import FileLock, LockTimeout
from kb_app.meaning import DIMENSIONS
from kb_app.meaning.store import LOCK, MeaningStore, id_hash

if TYPE_CHECKING:
    from kb_app.meaning.encoder import SentenceEncoder

PASSAGE_WORDS = 140  # a passage: about 180 tokens, well inside the model's 256
PASSAGE_STEP = 140  # side by side: overlapping by 20 words cost 14% more encoding for no gain
MAX_WORDS = 2000  # an article's first 2,000 words: its answer is near the top
PART_FILES = 256  # files per part: what a stopped update keeps
ENCODED_TOGETHER = 8  # files whose passages go through the model as one batch


@dataclass
class MeaningReport:
    encoded: int = 0  # files encoded
    passages: int = 0
    removed: int = 0  # files gone from the index since the last update
    unreadable: int = 0  # changed since the sync, which reports them
    remaining: int = 0  # left for the next update (stopped, or another process held it)


def passages(article: Article) -> list[str]:
    """What is encoded of an article: its title with its summary, then its plain text
    in windows of PASSAGE_WORDS, each led by the title (a passage about "the filter" is
    about the purifier's filter). Chosen on the two tuning sets of bench.relevance
    (MRR@10): windows of 140 words side by side 0.902 and 0.907; overlapping by 20,
    0.901 and 0.891; of 100, 120 or 180 words, 0.901/0.883, 0.903/0.877, 0.890/0.890;
    the first 600 or 1,000 words only, about 0.891; one passage of the first 256 tokens,
    or the title and summary alone, 0.893 and 0.885 on the first set."""
    head = article.title + (". " + article.summary if article.summary else "")
    words = plaintext.plain(article.body).split()[:MAX_WORDS]
    out = [head]
    for start in range(0, len(words), PASSAGE_STEP):
        out.append(article.title + ": " + " ".join(words[start:start + PASSAGE_WORDS]))
        if start + PASSAGE_WORDS >= len(words):
            break
    return out


def encodable(article: Article) -> bool:
    """The model is English: a Bengali article's vectors would say nothing."""
    return article.language != "bn"


def update(index_dir: Path, articles_dir: Path, files: dict[str, tuple[str, str | None]],
           encoder: Callable[[], SentenceEncoder],
           progress: Callable[[int, int], None] | None = None,
           should_stop: Callable[[], bool] | None = None,
           lock_timeout: float = 0.5, cores: int | None = None) -> MeaningReport:
    """Encode the files whose fingerprint the store does not have, in the order of
    `files`; record those gone. `files`: path -> (fingerprint, id or None) of every file
    the index holds, as its manifest says. `encoder`: makes the model, called only when
    there is something to encode (the window then lets it go with the update). Another
    process updating already: nothing done here (`remaining` says how much is left).
    `cores`: the most the model's products may use, for as long as this runs (the
    window gives it one: on two cores, encoding on both doubled the p95 of searches
    typed meanwhile, 8 -> 18 ms at 100,000 articles, and encoded no faster beside
    them); None: all."""
    if cores is not None:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=cores, user_api="blas"):
            return update(index_dir, articles_dir, files, encoder, progress, should_stop,
                          lock_timeout)
    store = MeaningStore(index_dir)
    report = MeaningReport()
    try:
        store.folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(store.folder / LOCK, timeout=lock_timeout)
        lock.acquire()
    except (LockTimeout, OSError):
        report.remaining = len(files)
        return report
    try:
        store.add_missing_tables()
        todo, gone = _changes(store, files)
        if gone:
            store.add([(path, "", None, _none()) for path in gone])
            report.removed = len(gone)
        done = 0
        model = encoder() if todo else None
        while (model is not None and done < len(todo)
               and not (should_stop is not None and should_stop())):
            rows: list[tuple[str, str, str | None, np.ndarray]] = []
            for first in range(done, min(done + PART_FILES, len(todo)), ENCODED_TOGETHER):
                batch = todo[first:first + ENCODED_TOGETHER]
                rows += _encode(batch, files, articles_dir, model, report)
                done = first + len(batch)
                if progress is not None:
                    progress(done, len(todo))
                if should_stop is not None and should_stop():
                    break
            store.add(rows)
        report.remaining = len(todo) - done
        if not report.remaining:  # a long first update is merged once, when it ends
            store.merge()
    finally:
        lock.release()
    return report


def _changes(store: MeaningStore, files: dict[str, tuple[str, str | None]]
             ) -> tuple[list[str], list[str]]:
    """The files to encode, in the order of `files` (new, or changed since encoded), and
    those to record as gone (vectors kept for a file the index no longer has, or no
    longer has an id for). Read from the parts' tables in numbers: the contents, as
    Python objects, are read only when a file is gone, for its path."""
    stored = store.newest_table()  # sorted by path
    paths = list(files)
    path_keys = np.array([id_hash(path) for path in paths], dtype="<u8")
    fingerprints = np.array([id_hash(fingerprint) for fingerprint, _ in files.values()],
                            dtype="<u8")
    if len(stored):
        at = np.minimum(np.searchsorted(stored["path"], path_keys), len(stored) - 1)
        have = stored["path"][at] == path_keys
        same = (have & (stored["fingerprint"][at] == fingerprints)).tolist()
        with_vectors = (have & (stored["id"][at] != 0)).tolist()
    else:
        same = with_vectors = [False] * len(paths)
    todo = [path for path, unchanged, (_, ident) in zip(paths, same, files.values(),
                                                        strict=True)
            if ident is not None and not unchanged]
    gone = [path for path, kept, (_, ident) in zip(paths, with_vectors, files.values(),
                                                   strict=True)
            if kept and ident is None]
    left = stored["path"][(stored["id"] != 0) & ~np.isin(stored["path"], path_keys)]
    if len(left):
        gone += [path for path, entry in store.entries().items()
                 if entry.id is not None and path not in files]
    return todo, gone


def _encode(paths: list[str], files: dict[str, tuple[str, str | None]], root: Path,
            encoder: SentenceEncoder, report: MeaningReport
            ) -> list[tuple[str, str, str | None, np.ndarray]]:
    """The files' rows, their passages encoded in one call (bigger products run faster
    than one article's few)."""
    texts: list[str] = []
    spans: list[tuple[str, str, str | None, int, int]] = []
    for path in paths:
        fingerprint, ident = files[path]
        try:
            article, _ = read_article(root / path, root)
        except (ArticleError, OSError):
            # Changed since the sync, which will report it; no vectors until then.
            report.unreadable += 1
            spans.append((path, fingerprint, None, len(texts), 0))
            continue
        found = passages(article) if encodable(article) else []
        spans.append((path, fingerprint, ident if found else None, len(texts), len(found)))
        texts += found
        if found:
            report.encoded += 1
            report.passages += len(found)
    vectors = encoder.encode(texts)
    return [(path, fingerprint, ident, vectors[start:start + count])
            for path, fingerprint, ident, start, count in spans]


def _none() -> np.ndarray:
    return np.zeros((0, DIMENSIONS), dtype=np.float32)
