"""Decoded postings beside each immutable Whoosh segment, read through memory maps.

Whoosh stores a term's postings as 128-posting blocks, each a compressed pickle that
also carries word positions; decoding them in Python cost about 0.7 µs a posting, most
of a first-seen query at 100,000 articles. Segments never change once written (only
their deletion lists do, kept in Whoosh's table of contents), so the index owner writes,
beside each one, its terms and postings as flat arrays: `gyan-<segment id>.post`. A
reader maps the file and slices it (no decoding, no copy), as tantivy reads its segments.

The file is a cache like the rest of the index: Whoosh stays the index of record.
A reader takes a file only if it is whole and describes that very segment (its magic,
header, size, document count, and the sizes and times of the segment's own files);
anything else -- missing, truncated, damaged, stale beside a changed segment -- is
ignored and the segment read through Whoosh, a little slower, never differently. Readers
never write: the owner (`ensure`, after every commit) writes what is missing or wrong
and removes the files of segments merged away.

Layout: MAGIC, the header's length (4 bytes, little-endian), the header (JSON), then
8-byte aligned arrays. Per field: `toff` (int64, nterms + 1: where each term's bytes
start in `tblob`), `tblob` (the terms' UTF-8 bytes, in Whoosh's order: byte order),
`df` (uint32), `mask` (uint32: the letters of each term, for spelling), `hkey` and `hpos`
(the terms' CRC-32s in order and where each term is: a term is found in C, not by a
bisection in Python over the terms' bytes), `heads` (uint64: each term's first 8 bytes)
and, for ranked fields, `poff` (int64, nterms + 1), `docs` (uint32, segment document
numbers) and `tf` (uint16, term frequencies). Beside Whoosh's fields, the segment's
words as written and their sound keys (kb_app.wordlists), derived from its stored text:
a sound list's `poff` and `links` (uint32) give the words each key stands for.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import mmap
import os
import struct
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kb_app import wordlists

MAGIC = b"GYANPST1"
VERSION = 4  # 2: a hash table of the terms; 3: each term's first 8 bytes (`heads`);
# 4: the words and sound lists derived from the stored text (kb_app.wordlists)
HEAD_BYTES = 8
CHECKED_BYTES = 1 << 20  # caches up to this size carry a checksum instead of a flush
PREFIX = "gyan-"
SUFFIX = ".post"
RANKED_FIELDS = ("title", "meta", "body")
_ALIGN = 8


def mask_of(term: str) -> int:
    """The characters of a term as bits (ord % 32): one edit changes at most two bits, so
    terms whose masks differ in more than 2 * edits bits are not within that distance."""
    bits = 0
    for ch in term:
        bits |= 1 << (ord(ch) % 32)
    return bits


@dataclass
class TermTable:
    """One field's terms in one segment, sorted by their bytes."""

    source: Any  # the mmap (slicing it gives bytes)
    blob_start: int
    toff: np.ndarray
    df: np.ndarray
    mask: np.ndarray
    hkey: np.ndarray
    hpos: np.ndarray
    poff: np.ndarray | None = None
    docs: np.ndarray | None = None
    tf: np.ndarray | None = None
    file: Any = None  # the file itself, to read postings from (None: from the map)
    docs_at: int = 0  # where the docs and tf arrays start in the file
    tf_at: int = 0
    # Each term's first 8 bytes, zero-padded, as a big-endian number: in the terms'
    # order, so the terms a prefix begins are found by two binary searches in C.
    heads: np.ndarray | None = None
    links: np.ndarray | None = None  # a sound list's: indexes into the segment's words

    def __post_init__(self) -> None:
        # The offsets as a view that gives Python ints: `term` is called about 20 times
        # per segment for each typed prefix (a binary search), and a NumPy scalar costs
        # more to index and convert.
        self._offsets: Any = (self.toff.data.cast("B").cast("q")
                              if self.toff.dtype == np.dtype("<i8") and _LITTLE else None)
        self._hashes: Any = (self.hkey.data.cast("B").cast("I"), self.hpos.data.cast("B").cast("I")
                             ) if (self.hkey.dtype == self.hpos.dtype == np.dtype("<u4")
                                   and _LITTLE) else None

    def __len__(self) -> int:
        return len(self.df)

    def term(self, i: int) -> bytes:
        start, offsets = self.blob_start, self._offsets
        if offsets is None:
            return bytes(self.source[start + int(self.toff[i]):start + int(self.toff[i + 1])])
        return self.source[start + offsets[i]:start + offsets[i + 1]]

    def find(self, key: bytes) -> int:
        """The index of `key`, or -1."""
        code = zlib.crc32(key)
        at = int(self.hkey.searchsorted(code))  # the method: no Python-level wrapper
        hkey, hpos = self._hashes or (self.hkey, self.hpos)
        while at < len(hkey) and int(hkey[at]) == code:
            i = int(hpos[at])
            if self.term(i) == key:
                return i
            at += 1
        return -1

    def prefix_range(self, prefix: bytes) -> tuple[int, int]:
        """Indexes [lo, hi) of the terms that start with `prefix` (UTF-8 has no 0xff and
        no 0x00: a term that begins with the prefix's first 8 bytes has a head between
        those bytes padded with 0x00 and with 0xff)."""
        lo, hi = 0, len(self)
        if self.heads is not None:
            head = prefix[:HEAD_BYTES]
            # As uint64: a Python int would be compared as a float, to 53 bits.
            lo = int(self.heads.searchsorted(
                np.uint64(int.from_bytes(head.ljust(HEAD_BYTES, b"\x00"), "big")), "left"))
            hi = int(self.heads.searchsorted(
                np.uint64(int.from_bytes(head.ljust(HEAD_BYTES, b"\xff"), "big")), "right"))
            if len(prefix) <= HEAD_BYTES:
                return lo, hi
        first = bisect.bisect_left(range(lo, hi), prefix, key=self.term) + lo
        return first, bisect.bisect_left(range(first, hi), prefix + b"\xff",
                                         key=self.term) + first

    def linked(self, i: int) -> np.ndarray:
        """The indexes, in the segment's `words` list, of the words sound key `i` stands
        for."""
        assert self.poff is not None and self.links is not None
        return self.links[int(self.poff[i]):int(self.poff[i + 1])]

    def postings(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(segment document numbers, term frequencies) of term `i`.

        Read from the file, not the map: postings are nine tenths of a cache, and pages
        read through a map stay in the process (a search process held 150 MB of them
        after 200 queries at 100,000 articles), while what is read from the file is the
        system's file cache, as SQLite's reads are, and the copy is freed after use."""
        assert self.poff is not None and self.docs is not None and self.tf is not None
        start, end = int(self.poff[i]), int(self.poff[i + 1])
        if self.file is None:
            return self.docs[start:end], self.tf[start:end]
        count = end - start
        docs = os.pread(self.file.fileno(), 4 * count, self.docs_at + 4 * start)
        tf = os.pread(self.file.fileno(), 2 * count, self.tf_at + 2 * start)
        if len(docs) != 4 * count or len(tf) != 2 * count:
            raise OSError(f"{self.file.name}: the postings cache was cut short")
        return np.frombuffer(docs, dtype="<u4"), np.frombuffer(tf, dtype="<u2")


class SegmentPostings:
    """A segment's cache file: its terms mapped, its postings read (`TermTable.postings`)."""

    def __init__(self, source: mmap.mmap, header: dict[str, Any], file: Any = None) -> None:
        self.source = source
        self.file = file if _PREAD else None
        if file is not None and self.file is None:
            file.close()
        self.doc_count_all = int(header["docs"])
        self.fields: dict[str, TermTable] = {}
        for name, arrays in header["fields"].items():
            views = {key: np.frombuffer(source, dtype=dtype, count=count, offset=offset)
                     for key, (offset, dtype, count) in arrays.items() if key != "tblob"}
            self.fields[name] = TermTable(source, arrays["tblob"][0], views["toff"],
                                          views["df"], views["mask"], views["hkey"],
                                          views["hpos"], views.get("poff"),
                                          views.get("docs"), views.get("tf"), self.file,
                                          arrays.get("docs", [0])[0], arrays.get("tf", [0])[0],
                                          views.get("heads"), views.get("links"))
            _check(self.fields[name], arrays)
        _check_links(self.fields)

    def close(self) -> None:
        """Close the file (a table still held then refuses to read: a closed file's
        number is never read, it may already be another file's); the map goes when no
        array views it any more."""
        if self.file is not None:
            self.file.close()

    __del__ = close  # dropped with its searcher


def _check(table: TermTable, arrays: dict[str, Any]) -> None:
    """Offsets that could point outside their arrays mean a damaged file."""
    blob = arrays["tblob"][2]
    if len(table.toff) != len(table) + 1 or table.toff[0] != 0 or table.toff[-1] != blob \
            or (len(table) and (np.diff(table.toff) < 0).any()):
        raise ValueError("term offsets out of order")
    if len(table.hkey) != len(table) or len(table.hpos) != len(table) or (
            len(table) and (int(table.hpos.max()) >= len(table)
                            or (np.diff(table.hkey.astype(np.int64)) < 0).any())):
        raise ValueError("term hashes out of order")
    listed = table.docs if table.docs is not None else table.links
    if table.poff is not None and (
            listed is None or len(table.poff) != len(table) + 1 or table.poff[0] != 0
            or table.poff[-1] != len(listed) or (np.diff(table.poff) < 0).any()):
        raise ValueError("posting offsets out of order")
    if table.heads is not None and len(table.heads) != len(table):
        raise ValueError("term heads do not match the terms")


def _check_links(fields: dict[str, TermTable]) -> None:
    """A sound list must point into the words list, and neither may be missing."""
    words = fields.get(wordlists.WORDS)
    for name in wordlists.DERIVED:
        table = fields.get(name)
        if table is None or (name != wordlists.WORDS and table.links is None):
            raise ValueError(f"no {name} list")
        if table.links is not None and len(table.links) and words is not None and \
                int(table.links.max()) >= len(words):
            raise ValueError(f"{name} points outside the words list")


_PREAD = hasattr(os, "pread")  # not on Windows: postings are read from the map there
_LITTLE = sys.byteorder == "little"  # term tables are read as native ints


def cache_path(gen: Path, segment_id: str) -> Path:
    return gen / f"{PREFIX}{segment_id}{SUFFIX}"


def segment_stamp(gen: Path, segment_id: str, names: list[str] | None = None
                  ) -> list[list[Any]]:
    """Name, size and modification time of each of the segment's Whoosh files: what the
    cache must have been written beside. `names`: the folder's listing, if taken."""
    found = []
    start = f"{segment_id}."
    for name in sorted(os.listdir(gen) if names is None else names):
        if name.startswith(start):
            st = os.stat(gen / name)
            found.append([name, st.st_size, st.st_mtime_ns])
    return found


def open_segment(gen: Path, segment: Any, names: list[str] | None = None
                 ) -> SegmentPostings | None:
    """The segment's cache if it is whole and describes this very segment, else None.
    `names`: the generation folder's listing, if taken (one listing for all segments)."""
    segment_id = segment.segment_id()
    try:
        file = open(cache_path(gen, segment_id), "rb", buffering=0)  # noqa: SIM115 - kept
    except OSError:  # missing, unreadable
        return None
    try:
        source = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # empty
        file.close()
        return None
    try:
        header = _header(source)
        if (header.get("version") != VERSION or header.get("segment") != segment_id
                or header.get("docs") != segment.doc_count_all()
                or header.get("size") != len(source)
                or header.get("stamp") != segment_stamp(gen, segment_id, names)):
            raise ValueError("not this segment's")
        if "crc" in header and header["crc"] != _body_crc(source, header):
            raise ValueError("damaged")
        return SegmentPostings(source, header, file)
    except (OSError, ValueError, KeyError, TypeError, struct.error):
        with contextlib.suppress(BufferError):  # views made before the check failed
            source.close()
        file.close()
        return None


def _body_crc(source: Any, header: dict[str, Any]) -> int:
    body = int(header["body"])
    return zlib.crc32(memoryview(source)[body:])


def _header(source: Any) -> dict[str, Any]:
    if source[:len(MAGIC)] != MAGIC:
        raise ValueError("not a postings cache")
    (length,) = struct.unpack_from("<I", source, len(MAGIC))
    start = len(MAGIC) + 4
    header = json.loads(bytes(source[start:start + length]).decode("utf-8"))
    if not isinstance(header, dict) or not isinstance(header.get("fields"), dict):
        raise ValueError("bad header")
    size = len(source)
    for arrays in header["fields"].values():
        for offset, dtype, count in arrays.values():
            if offset < start + length or offset + np.dtype(dtype).itemsize * count > size:
                raise ValueError("an array outside the file")
    return header


# -- writing (the index owner) ------------------------------------------------------------

def ensure(gen: Path, storage: Any, schema: Any, segments: list[Any], workers: int = 1
           ) -> int:
    """Write the cache of every segment that lacks a good one and remove those of
    segments no longer live; how many were written. Best effort: a segment that cannot
    be read, or a disk that refuses the file, leaves that segment to Whoosh. With
    `workers` > 1 the segments are read in that many processes (a first build's commit
    makes one segment per writer process, each decoded from Whoosh in Python)."""
    names = os.listdir(gen)
    todo = [(gen, storage, schema, segment) for segment in segments
            if not _usable(gen, segment, names)]
    if workers > 1 and len(todo) > 1:
        from kb_app.children import process_pool

        with process_pool(min(workers, len(todo))) as pool:
            written = sum(pool.map(_write_one, todo))
    else:
        written = sum(map(_write_one, todo))
    forget(gen, {s.segment_id() for s in segments})
    return written


def _write_one(job: tuple[Path, Any, Any, Any]) -> int:
    """Write one segment's cache: 1 if written, 0 if it could not be."""
    from whoosh.reading import SegmentReader

    gen, storage, schema, segment = job
    reader = None
    try:
        reader = SegmentReader(storage, schema, segment)
        write(cache_path(gen, segment.segment_id()), reader, segment,
              segment_stamp(gen, segment.segment_id()))
        return 1
    except Exception:  # noqa: BLE001 - unreadable or unwritable: Whoosh answers
        return 0
    finally:
        if reader is not None:
            reader.close()


def missing(gen: Path, segments: list[Any]) -> bool:
    """Whether any live segment lacks a good cache (a reader would decode it)."""
    names = os.listdir(gen)
    return any(not _usable(gen, segment, names) for segment in segments)


def _usable(gen: Path, segment: Any, names: list[str]) -> bool:
    cache = open_segment(gen, segment, names)
    if cache is None:
        return False
    cache.close()  # and unmapped, being unreferenced
    return True


def forget(gen: Path, live: set[str]) -> None:
    with contextlib.suppress(OSError):
        for name in os.listdir(gen):
            if name.startswith(PREFIX) and name.endswith(SUFFIX) and \
                    name[len(PREFIX):-len(SUFFIX)] not in live:
                with contextlib.suppress(OSError):
                    (gen / name).unlink()


@dataclass
class _Terms:
    """One field's terms, read in a first pass (postings follow in a second)."""

    field: str
    ranked: bool
    terms: list[str]
    arrays: dict[str, np.ndarray]
    postings: int


def write(path: Path, reader: Any, segment: Any, stamp: list[list[Any]]) -> None:
    """Write the cache of one segment, read from Whoosh: the terms first (their document
    frequencies say how many postings each has, which places every array), then the
    postings streamed to their places, so memory stays small whatever the segment."""
    fields = [_terms(reader, name) for name in RANKED_FIELDS if name in reader.schema.names()]
    fields += [_listed(found) for found in wordlists.derive(wordlists.segment_texts(reader))]
    sizes = {(f.field, key): (value.dtype.str, len(value))
             for f in fields for key, value in f.arrays.items()}
    for f in fields:
        if f.ranked:
            sizes[(f.field, "docs")] = ("<u4", f.postings)
            sizes[(f.field, "tf")] = ("<u2", f.postings)
    header: dict[str, Any] = {"version": VERSION, "segment": segment.segment_id(),
                              "docs": segment.doc_count_all(), "stamp": stamp, "fields": {}}
    position = body = _aligned(len(MAGIC) + 4 + 600 + len(json.dumps(stamp)) + 80 * len(sizes))
    for (field, key), (dtype, count) in sizes.items():
        header["fields"].setdefault(field, {})[key] = [position, dtype, count]
        position = _aligned(position + np.dtype(dtype).itemsize * count)
    header["size"] = position
    header["body"] = body
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.ftruncate(fd, position)
        for f in fields:
            places = header["fields"][f.field]
            for key, value in f.arrays.items():
                os.pwrite(fd, value.tobytes(), places[key][0])
            if f.ranked:
                _write_postings(fd, reader, f, places["docs"][0], places["tf"][0])
        # A small cache (a save's segment) carries its checksum, checked whenever it is
        # opened, instead of waiting for the disk (a flush cost a save 30 ms); a large
        # one (a build's) is flushed, once.
        if position - body <= CHECKED_BYTES:
            header["crc"] = zlib.crc32(os.pread(fd, position - body, body))
        else:
            os.fsync(fd)
        text = json.dumps(header).encode("utf-8")
        if len(MAGIC) + 4 + len(text) > body:
            raise ValueError("header too long")
        os.pwrite(fd, MAGIC + struct.pack("<I", len(text)) + text, 0)
    except BaseException:
        os.close(fd)
        temp.unlink(missing_ok=True)
        raise
    os.close(fd)
    os.replace(temp, path)


def _terms(reader: Any, field: str) -> _Terms:
    """A ranked field's terms, read from Whoosh."""
    terms: list[str] = []
    dfs: list[int] = []
    for text, info in reader.iter_field(field):
        terms.append(text.decode("utf-8") if isinstance(text, bytes) else text)
        dfs.append(info.doc_frequency())
    arrays = term_arrays(terms, dfs)
    poff = np.zeros(len(terms) + 1, dtype=np.int64)
    np.cumsum(arrays["df"], out=poff[1:])
    arrays["poff"] = poff
    return _Terms(field, True, terms, arrays, int(arrays["df"].sum()))


def _listed(found: wordlists.WordList) -> _Terms:
    """A derived list's arrays (kb_app.wordlists): terms, and a sound list's links."""
    arrays = term_arrays(found.terms, found.dfs)
    if found.links is not None:
        poff = np.zeros(len(found.terms) + 1, dtype=np.int64)
        np.cumsum([len(linked) for linked in found.links], out=poff[1:])
        arrays["poff"] = poff
        arrays["links"] = np.asarray([i for linked in found.links for i in linked],
                                     dtype=np.uint32)
    return _Terms(found.field, False, found.terms, arrays, 0)


def term_arrays(terms: list[str], dfs: list[int]) -> dict[str, np.ndarray]:
    """The arrays of a term table (terms given in byte order): offsets, bytes, document
    frequencies, letter masks, the hash table and the heads."""
    encoded = [t.encode("utf-8") for t in terms]
    toff = np.zeros(len(terms) + 1, dtype=np.int64)
    np.cumsum([len(t) for t in encoded], out=toff[1:])
    df = np.asarray(dfs, dtype=np.uint32)
    masks = np.asarray([mask_of(t) for t in terms], dtype=np.uint32)
    blob = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    codes = np.asarray([zlib.crc32(t) for t in encoded], dtype=np.uint32)
    heads = np.frombuffer(b"".join(t[:HEAD_BYTES].ljust(HEAD_BYTES, b"\x00") for t in encoded),
                          dtype=">u8").astype("<u8")
    order = np.argsort(codes, kind="stable").astype(np.uint32)
    return {"toff": toff, "tblob": blob, "df": df, "mask": masks, "hkey": codes[order],
            "hpos": order, "heads": heads}


def derived_tables(texts: Iterator[str]) -> dict[str, TermTable]:
    """The derived lists (kb_app.wordlists) of a segment whose articles' texts are
    `texts`, as term tables in memory: for a segment whose cache is missing or not yet
    written (no texts: empty lists)."""
    tables = {}
    for found in wordlists.derive(texts):
        arrays = _listed(found).arrays
        tables[found.field] = TermTable(
            arrays["tblob"].tobytes(), 0, arrays["toff"], arrays["df"], arrays["mask"],
            arrays["hkey"], arrays["hpos"], arrays.get("poff"), heads=arrays["heads"],
            links=arrays.get("links"))
    return tables


def _write_postings(fd: int, reader: Any, f: _Terms, docs_at: int, tf_at: int) -> None:
    done = 0
    df = f.arrays["df"]
    for i, term in enumerate(f.terms):
        ids, weights = _decoded(_all_postings(reader, f.field, term))
        if len(ids) != int(df[i]):
            raise ValueError(f"{f.field}:{term}: {len(ids)} postings, its terminfo says {df[i]}")
        os.pwrite(fd, ids.astype("<u4").tobytes(), docs_at + 4 * done)
        os.pwrite(fd, np.minimum(weights, 65535).astype("<u2").tobytes(), tf_at + 2 * done)
        done += len(ids)


def _all_postings(reader: Any, field: str, term: str) -> Any:
    """The term's postings, deleted documents included (the cache is of the segment as
    written; deletions change and are applied when it is read). Whoosh's `postings`
    filters them out, so its codec is asked directly."""
    fieldtype = reader.schema[field]
    return reader._terms.matcher(field, fieldtype.to_bytes(term), fieldtype.format)


def _aligned(n: int) -> int:
    return (n + _ALIGN - 1) // _ALIGN * _ALIGN


def _decoded(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    """A term's (ids, weights), block by block: the pickled block is decoded once and its
    delta-coded ids summed in C (Whoosh's own path decodes them one by one)."""
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    if hasattr(matcher, "_read_data") and hasattr(matcher, "_next_block"):
        while matcher.is_active():
            matcher._read_data()
            raw_ids, raw_weights = matcher._data[0], matcher._data[1]
            block = np.asarray(raw_ids, dtype=np.int64)
            ids.append(block if matcher._byteids else np.cumsum(block))
            if raw_weights is None or isinstance(raw_weights, float):
                weights.append(np.full(len(block), raw_weights or 1.0, dtype=np.float32))
            else:
                weights.append(np.asarray(raw_weights, dtype=np.float32))
            matcher._next_block()
    else:
        found_ids, found_weights = [], []
        while matcher.is_active():
            found_ids.append(matcher.id())
            found_weights.append(matcher.weight())
            matcher.next()
        ids.append(np.asarray(found_ids, dtype=np.int64))
        weights.append(np.asarray(found_weights, dtype=np.float32))
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(ids), np.concatenate(weights)
