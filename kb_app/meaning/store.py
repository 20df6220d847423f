"""The meaning vectors of every article's passages, kept beside the index.

Like the index, a cache: rebuilt from the articles whenever it is missing, damaged or
made by another model. It lives in `<index>/meanings/` as parts, each a matrix
(`part-NNNNNNNN.npy`, one row per passage: the vector in 8 bits a dimension, with its
scale), its table of contents (`part-NNNNNNNN.json`: the model, and per article file its
path, fingerprint, id and rows), and the same table in numbers for searchers
(`part-NNNNNNNN.ids.npy`: per file the hashes of its path, fingerprint and id, and its
rows). A later
part overrides an earlier one for the same file; a file with no rows (gone, Bengali,
unreadable) is recorded with none. Parts are written whole and atomically, the matrix
and the numbers before the contents (a part without contents is ignored), and only
under `update.lock`, so an update interrupted by a crash or a closed window keeps what
it had finished, and one process at a time adds parts. When parts pile up they are
merged into one.

Searchers and updates read the tables in numbers, not the contents: at 100,000 articles
the contents took a new process 0.35 s to read and check and 150 MB to hold, which a
cold `kb search` cannot afford (its goal is 0.3 s in all). Searchers read only the rows
of the articles they rank (`PartRows`), so 100,000 articles' vectors (6.15 passages
each, 388 bytes a passage: 235 MB, where float16 took twice that) cost their disk, not
the process's memory. Eight bits a dimension, scaled to each row's largest, keep a
cosine within about 0.002 of the float one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kb_app.fileio import atomic_write_text
from kb_app.meaning import DIMENSIONS, MODEL_ID, npyfile

FOLDER = "meanings"
_HEAD = json.dumps({"model": MODEL_ID, "rows": []})[:-3].encode("utf-8")  # contents' start
LOCK = "update.lock"
MERGE_AT = 12  # parts beyond this are merged into one at the end of an update
ROW = np.dtype([("scale", "<f4"), ("vector", "i1", (DIMENSIONS,))])
Row = tuple[str, str, str | None, int, int]  # a file in a part: path, fingerprint, id, rows
# A file in a part, in numbers: 64-bit hashes of its path, fingerprint and id (0: no id),
# its rows. Searchers look articles up in it; an update sees what changed in it.
TABLE = np.dtype([("path", "<u8"), ("fingerprint", "<u8"), ("id", "<u8"),
                  ("start", "<i8"), ("count", "<i8")])


@dataclass(frozen=True)
class Entry:
    """One article file's passages as stored."""

    path: str
    fingerprint: str
    id: str | None  # None: no vectors (the file is gone, Bengali, or unreadable)
    part: int
    start: int
    count: int


class MeaningStore:
    def __init__(self, index_dir: Path) -> None:
        self.folder = index_dir / FOLDER

    # -- reading ---------------------------------------------------------------------------

    def parts(self) -> list[int]:
        """Part numbers with contents, oldest first."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        numbers = []
        for name in names:
            if name.startswith("part-") and name.endswith(".json"):
                try:
                    numbers.append(int(name[5:-5]))
                except ValueError:
                    continue
        return sorted(numbers)

    def state(self) -> tuple[tuple[int, int], ...]:
        """What the store holds, as cheaply as it can be told apart: its parts' numbers
        and when their contents were written."""
        found = []
        for number in self.parts():
            with contextlib.suppress(OSError):
                found.append((number, (self.folder / f"part-{number:08d}.json")
                              .stat().st_mtime_ns))
        return tuple(found)

    def entries(self, numbers: list[int] | None = None) -> dict[str, Entry]:
        """The newest entry of every file, by path, in these parts (None: all). A part
        that cannot be read counts as absent (`part`): its files are encoded again."""
        chosen = self.parts() if numbers is None else numbers
        return _newest((number, self.part(number)) for number in chosen)

    def part(self, number: int) -> tuple[list[Row], np.ndarray] | None:
        """A part's contents and its matrix; None if it cannot be read: damaged, another
        model's, its matrix missing or shorter than its contents say."""
        rows = self._contents(number)
        matrix = self.matrix(number) if rows is not None else None
        if rows is None or matrix is None or any(start + count > len(matrix)
                                                 for *_, start, count in rows):
            return None
        return rows, matrix

    def _contents(self, number: int) -> list[Row] | None:
        try:
            data = json.loads((self.folder / f"part-{number:08d}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("model") != MODEL_ID:
            return None
        rows = data.get("rows")
        if not isinstance(rows, list) or not all(_is_row(r) for r in rows):
            return None
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def table(self, number: int) -> np.ndarray | None:
        """A part's contents in numbers (TABLE rows), for searchers; None if it cannot be
        read or is not this model's. A part written before tables existed has its table
        made from its contents."""
        try:
            with open(self.folder / f"part-{number:08d}.json", "rb") as contents:
                head = contents.read(len(_HEAD))
        except OSError:
            return None
        if head != _HEAD:
            return None  # no contents (a part being written), or another model's
        table = self._stored_table(number)
        if table is None:
            rows = self._contents(number)
            return None if rows is None else _table(rows)
        return table

    def _stored_table(self, number: int) -> np.ndarray | None:
        try:
            table: np.ndarray = np.load(self.folder / f"part-{number:08d}.ids.npy",
                                        mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError):
            return None
        return table if table.ndim == 1 and table.dtype == TABLE else None

    def matrix(self, number: int) -> np.ndarray | None:
        try:
            matrix: np.ndarray = np.load(self.folder / f"part-{number:08d}.npy", mmap_mode="r")
        except (OSError, ValueError):
            return None
        if matrix.ndim != 1 or matrix.dtype != ROW:
            return None
        return matrix

    def newest_table(self) -> np.ndarray:
        """Every file's newest entry in all parts, as TABLE rows sorted by path (what an update
        compares the index's manifest with: at 100,000 articles 3 MB, where the contents
        as Python objects took about 100 MB of the window's memory)."""
        return _latest([t for t in (self.table(n) for n in self.parts()) if t is not None])[0]

    def rows(self, number: int) -> PartRows | None:
        """A part's matrix as searchers read it (a few rows at a time, `PartRows`)."""
        try:
            return PartRows(self.folder / f"part-{number:08d}.npy")
        except (OSError, ValueError):
            return None

    def vectors(self) -> MeaningVectors:
        """What searches read: each article id's passage vectors, as the parts now say
        (a searcher keeps one and `refresh`es it)."""
        found = MeaningVectors(self)
        found.refresh()
        return found

    # -- writing (the caller holds LOCK) ---------------------------------------------------

    def add(self, rows: list[tuple[str, str, str | None, np.ndarray]]) -> None:
        """A new part: (path, fingerprint, id, that file's passage vectors) per file."""
        number = (self.parts() or [0])[-1] + 1
        self._write(number, rows)

    def add_missing_tables(self) -> int:
        """Tables for parts written without them (by the version before tables, or
        before tables held fingerprints); how many were written. Until then they are
        made from the contents each time they are read."""
        written = 0
        for number in self.parts():
            if self._stored_table(number) is not None:
                continue
            rows = self._contents(number)
            if rows is not None:
                self._write_table(number, rows)
                written += 1
        return written

    def merge(self) -> bool:
        """Fewer parts, once there are more than MERGE_AT; True if merged. While the
        newer parts hold less than a quarter of the oldest one's rows (a saved file
        each, say), only they are merged, into one, a file gone recorded as such (the
        oldest part may hold it); otherwise everything live goes into one part. So a
        store of 100,000 files is not written again for every dozen saves."""
        numbers = self.parts()
        if len(numbers) <= MERGE_AT:
            return False
        parts = {n: self.part(n) for n in numbers}
        matrices = {n: p[1] for n, p in parts.items() if p is not None}
        newer = numbers[1:]
        full = (sum(len(matrices.get(n, ())) for n in newer) * 4
                >= len(matrices.get(numbers[0], ())))
        merged = numbers if full else newer
        rows: list[tuple[str, str, str | None, np.ndarray]] = []
        for entry in _newest((n, parts[n]) for n in merged).values():
            if full and not (entry.id and entry.count):
                continue  # a file that is gone needs no record once everything is merged
            block = matrices[entry.part][entry.start:entry.start + entry.count]
            rows.append((entry.path, entry.fingerprint, entry.id, block))
        self._write(numbers[-1] + 1, rows)
        for number in merged:
            for suffix in (".json", ".ids.npy", ".npy"):
                with contextlib.suppress(OSError):  # a reader's map (Windows): next time
                    (self.folder / f"part-{number:08d}{suffix}").unlink()
        return True

    def _write(self, number: int, rows: list[tuple[str, str, str | None, np.ndarray]]) -> None:
        """A part from rows whose blocks are float vectors (new) or ROW records (kept by
        a merge, copied as they are: never widened, so a merge of 100,000 files holds
        one file's rows at a time, not the store's 1 GB of floats)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        blocks = [block if block.dtype == ROW else packed(block) for *_, block in rows]
        npyfile.write(self.folder / f"part-{number:08d}.npy", ROW, sum(len(b) for b in blocks),
                      (b.tobytes() for b in blocks if len(b)))
        table: list[list[Any]] = []
        start = 0
        for (path, fingerprint, ident, _), block in zip(rows, blocks, strict=True):
            count = len(block)
            table.append([path, fingerprint, ident if count else None, start, count])
            start += count
        self._write_table(number, table)
        # the contents last: a part is there once they are
        atomic_write_text(self.folder / f"part-{number:08d}.json",
                          json.dumps({"model": MODEL_ID, "rows": table}))

    def _write_table(self, number: int, rows: Iterable[Row] | Iterable[list[Any]]) -> None:
        table = _table(rows)
        npyfile.write(self.folder / f"part-{number:08d}.ids.npy", TABLE, len(table),
                      [table.tobytes()])


class PartRows:
    """A part's matrix, read a few rows at a time (`os.pread`), not memory-mapped: a
    search wants some fifty articles' rows scattered over the file, and a map kept every
    page any search had touched in the window's resident memory (at 100,000 articles,
    120 MB more after 28 queries typed, the next 31 pages brought in with each). Read
    like this, the rows come from the system's file cache and go with the search."""

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 - kept open: read per search
        try:
            shape, fortran, dtype = npyfile.read_header(self._file)
            self._offset = self._file.tell()
            if (len(shape) != 1 or fortran or dtype != ROW
                    or os.fstat(self._file.fileno()).st_size
                    < self._offset + shape[0] * ROW.itemsize):
                raise ValueError(f"{path}: not a matrix of meaning rows, or cut short")
        except BaseException:
            self._file.close()
            raise
        self._length: int = shape[0]

    def __len__(self) -> int:
        return self._length

    def read(self, start: int, count: int) -> np.ndarray:
        """Rows start..start+count (fewer if the file was cut short since it was opened)."""
        data = os.pread(self._file.fileno(), count * ROW.itemsize,
                        self._offset + start * ROW.itemsize)
        return np.frombuffer(data, dtype=ROW, count=len(data) // ROW.itemsize)

    def close(self) -> None:
        self._file.close()


class MeaningVectors:
    """Each article id's passage vectors, read from the parts.

    A searcher holds, per part, its table in numbers (TABLE) and its matrix open
    (`PartRows`), and one lookup made from them: the newest entry of every file, by the
    hash of its id, sorted, so that an article's rows are found by a binary search.
    Parts are never changed once written, so a refresh reads only the parts added since
    the last one, lets go of those a merge replaced, and makes the lookup again (at
    100,000 articles, merged, about 2 ms, where reading the contents took 0.35 s); a
    store that went back (emptied, rebuilt) is read again from the start."""

    def __init__(self, store: MeaningStore) -> None:
        self.store = store
        self._read_to = 0  # the last part read
        self._parts: list[tuple[int, np.ndarray, PartRows]] = []  # (number, table, rows)
        self._ids: np.ndarray  # id hashes, sorted
        self._found: np.ndarray  # per id, its entry (TABLE: rows start, count)
        self._part: np.ndarray | None  # per id, its part (None: all in the first)
        self._forget()

    def refresh(self) -> bool:
        """Read the parts added since; True if anything was."""
        numbers = self.store.parts()
        if numbers and numbers[-1] < self._read_to or not numbers and self._read_to:
            self.close()  # the store went back
            self._read_to = 0
        new = [n for n in numbers if n > self._read_to]
        # Parts a merge replaced (their entries are in the newer part it wrote): their
        # files let go, or every merge would keep the old ones' disk space (at 100,000
        # articles a whole store's 235 MB) for as long as the window stays open.
        present = set(numbers)
        gone = [part for part in self._parts if part[0] not in present]
        for number in new:
            table = self.store.table(number)
            rows = self.store.rows(number) if table is not None else None
            if rows is None or table is None:
                continue  # damaged: the next update writes its files again
            if len(table) and ((table["start"] < 0).any() or (table["count"] < 0).any()
                               or (table["start"] + table["count"]).max() > len(rows)):
                rows.close()
                continue
            self._parts.append((number, table, rows))
        if gone:
            self._parts = [part for part in self._parts if part[0] in present]
            for _, _, rows in gone:
                rows.close()
        if new:
            self._read_to = new[-1]
        if new or gone:
            self._index()
        return bool(new or gone)

    def _index(self) -> None:
        """The lookup: each path's entry in the newest part that has it, kept where it
        has an id and rows, sorted by id."""
        if not self._parts:
            self._forget()
            return
        if len(self._parts) == 1:  # merged: one entry a path, sorted by id as written
            table = self._parts[0][1]
            kept = (table["id"] != 0) & (table["count"] > 0)
            if kept.all() and (len(table) < 2 or (table["id"][1:] >= table["id"][:-1]).all()):
                self._ids, self._found, self._part = table["id"], table, None
                return
        rows, part = _latest([t for _, t, _ in self._parts])
        kept = (rows["id"] != 0) & (rows["count"] > 0)
        rows, part = rows[kept], part[kept]
        by_id = np.argsort(rows["id"], kind="stable")
        self._found, self._part = rows[by_id], part[by_id]
        self._ids = self._found["id"]

    def close(self) -> None:
        """Let go of the parts' files (a searcher closing, a store that went back)."""
        for _, _, rows in self._parts:
            rows.close()
        self._parts = []
        self._forget()

    def _forget(self) -> None:
        """An empty lookup (new arrays: a view of the old ones would keep their files)."""
        self._ids = np.zeros(0, dtype="<u8")
        self._found = np.zeros(0, dtype=TABLE)
        self._part = None

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self._locate([article_id])[0] is not None

    def _locate(self, article_ids: list[str]) -> list[tuple[PartRows, int, int] | None]:
        """Where each article's rows are (None: it has none), found by one binary search
        for all of them."""
        if not len(self._ids):
            return [None] * len(article_ids)
        keys = np.array([id_hash(i) for i in article_ids], dtype="<u8")
        at = np.minimum(np.searchsorted(self._ids, keys), len(self._ids) - 1)
        hit = (self._ids[at] == keys).tolist()
        parts = [0] * len(at) if self._part is None else self._part[at].tolist()
        starts, counts = self._found["start"][at].tolist(), self._found["count"][at].tolist()
        return [(self._parts[part][2], start, count) if found else None
                for found, part, start, count in zip(hit, parts, starts, counts, strict=True)]

    def closeness(self, article_ids: list[str], query: np.ndarray) -> list[float | None]:
        """Per article, the cosine of the query and its closest passage (None: no
        vectors), the passages of all of them read and multiplied at once."""
        found = self._locate(article_ids)
        blocks = [None if f is None else f[0].read(f[1], f[2]) for f in found]
        kept = [b for b in blocks if b is not None and len(b)]
        if not kept:
            return [None] * len(found)
        scores = unpacked(np.concatenate(kept)) @ query
        starts = np.cumsum([0] + [len(b) for b in kept[:-1]])
        best = iter(np.maximum.reduceat(scores, starts).tolist())
        return [None if b is None or not len(b) else next(best) for b in blocks]


def _latest(tables: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Every path's row in the newest of `tables` (TABLE rows, oldest table first) that
    holds it, sorted by path, and the index of the table it came from."""
    if not tables:
        return np.zeros(0, dtype=TABLE), np.zeros(0, dtype=np.int64)
    joined = np.concatenate(tables)
    part = np.repeat(np.arange(len(tables)), [len(t) for t in tables])
    order = np.lexsort((part, joined["path"]))  # by path, then table: newest last
    paths = joined["path"][order]
    newest = order[np.append(paths[1:] != paths[:-1], True)]
    return joined[newest], part[newest]


def id_hash(text: str) -> int:
    """A path's or an id's 64-bit key in the tables (never 0, which means no id). Two
    of 100,000 ids share one with a chance of about 3 in 10^10."""
    key = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(),
                         "little")
    return key or 1


def _table(rows: Iterable[Row] | Iterable[list[Any]]) -> np.ndarray:
    """Contents rows as TABLE rows."""
    table = np.array([(id_hash(path), id_hash(fingerprint), id_hash(ident) if ident else 0,
                       start, count) for path, fingerprint, ident, start, count in rows],
                     dtype=TABLE)
    table.sort(order=["id", "path"])  # a store of one part is looked up as it is
    return table


def packed(vectors: np.ndarray) -> np.ndarray:
    """Rows of ROW: each vector in 8 bits a dimension, scaled to its largest."""
    rows = np.zeros(len(vectors), dtype=ROW)
    largest = np.abs(vectors).max(axis=1) if len(vectors) else np.zeros(0)
    scale = np.where(largest > 0, largest / 127.0, 1.0).astype(np.float32)
    rows["scale"] = scale
    rows["vector"] = np.rint(vectors / scale[:, None]).astype(np.int8)
    return rows


def unpacked(rows: np.ndarray) -> np.ndarray:
    """The float32 vectors of ROW rows."""
    vectors: np.ndarray = rows["vector"].astype(np.float32) * rows["scale"][:, None]
    return vectors


def _newest(parts: Iterable[tuple[int, tuple[list[Row], np.ndarray] | None]]
            ) -> dict[str, Entry]:
    """Each file's entry in the last of these (number, part) that holds it."""
    found: dict[str, Entry] = {}
    for number, part in parts:
        for path, fingerprint, ident, start, count in part[0] if part is not None else []:
            found[path] = Entry(path, fingerprint, ident, number, start, count)
    return found


def _is_row(row: Any) -> bool:
    return (isinstance(row, list) and len(row) == 5 and isinstance(row[0], str)
            and isinstance(row[1], str) and (row[2] is None or isinstance(row[2], str))
            and isinstance(row[3], int) and isinstance(row[4], int)
            and row[3] >= 0 and row[4] >= 0)
