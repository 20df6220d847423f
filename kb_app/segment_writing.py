"""How Whoosh writes our segments: postings gathered per term, lengths read once.

Two parts of Whoosh's writer cost a first build more than the indexing itself, both in
pure Python, and both are replaced here for every writer of this process (`install()`):

- The posting pool. Whoosh's `PostingPool` keeps each posting as a tuple and sorts all
  of them (text, field, document) before the segment is written; past its memory limit
  it pickles sorted runs to disk and merges them back, a tuple at a time. But documents
  are added in order, so each term's postings arrive already in document order: only
  the terms need sorting. `GroupedPostingPool` gathers postings per term (documents and
  weights in typed arrays) and sorts the terms alone; past the limit it writes the same
  sorted runs as Whoosh's pool and merges them the same way, so memory stays bounded.
- Flushing. `FieldWriter.add_postings` asks the segment's per-document reader for the
  posting's field length in its document, once per posting (for each block's shortest
  length). That reader answers from the column file, one small read per posting, and for
  a field without lengths (the `words` field, when there was one) first asks whether the
  column exists: a `stat` per posting. `_flush_segment` hands it the same lengths read
  into memory once per field.

The segments written are the same bytes as Whoosh's (tests/test_segment_writing.py
compares them). Whoosh is no longer developed (whoosh-reloaded is pinned), so what is
replaced is checked to be what this was written against; anything else is left alone
and works as before, only slower.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import Any

import numpy as np
from whoosh import writing
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.externalsort import SortingPool
from whoosh.util.numeric import byte_to_length

_LENGTH_OF_BYTE = tuple(byte_to_length(b) for b in range(256))
_STOCK = writing.SegmentWriter._flush_segment  # Whoosh's own (the tests compare them)
_STOCK_POOL = writing.PostingPool
_STOCK_NAMES = ("perdocwriter", "close", "codec", "length_stats", "per_document_reader", "pool",
                "iter_postings", "fieldwriter", "add_postings", "schema")


class FieldLengths:
    """What `add_postings` asks of a per-document reader, answered from memory: each
    scorable field's length byte per document, read from its column once."""

    def __init__(self, reader: Any, schema: Any) -> None:
        count = reader.doc_count_all()
        self._bytes: dict[str, bytes] = {}
        for name, field in schema.items():
            column = _lenfield(name)
            if field.scorable and reader.has_column(column):
                lengths = reader.column_reader(column, LENGTHS_COLUMN)
                self._bytes[name] = bytes(lengths[doc] for doc in range(count))

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._bytes.get(fieldname)
        if lengths is None:
            return default
        return _LENGTH_OF_BYTE[lengths[docnum]]


def _flush_segment(self: Any) -> None:
    """Whoosh 2.7's `SegmentWriter._flush_segment`, with the lengths read once."""
    self.perdocwriter.close()
    reader = self.per_document_reader() if self.codec.length_stats else None
    try:
        lengths = FieldLengths(reader, self.schema) if reader is not None else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
    finally:
        if reader is not None:
            reader.close()


Posting = tuple[str, bytes, int, float, bytes | None]  # field, term, document, weight, value
_POSTING_BYTES = 26  # a posting's share of the pool's memory, besides its value's bytes
_TERM_BYTES = 160  # a term's: its key and dictionary slots
_CHUNK = 65_536  # postings turned back into Python objects at a time


class GroupedPostingPool(writing.PostingPool):
    """Whoosh's posting pool, keeping postings in flat typed arrays (a few dozen bytes
    each instead of a tuple of objects) and sorting them by term, then document, in C."""

    def __init__(self, tempstore: Any, segment: Any, limitmb: int = 128,
                 **kwargs: Any) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self._clear()

    def _clear(self) -> None:
        self._ids: dict[str, dict[bytes, int]] = {}  # field -> term -> term id
        self._term_count = 0
        self._terms = array("I")  # per posting: its term id
        self._docs = array("I")
        self._weights = array("d")
        self._starts = array("Q")  # where its value starts in _values
        self._values = bytearray()
        self._none: set[int] = set()  # postings whose value is None, not bytes

    def add(self, item: Posting) -> None:
        fieldname, text, docnum, weight, value = item
        terms = self._ids.get(fieldname)
        if terms is None:
            terms = self._ids[fieldname] = {}
            self.fieldnames.add(fieldname)
        term = terms.get(text)
        if term is None:
            if not isinstance(text, bytes):
                raise TypeError(f"a posting's term is bytes, not {item!r}")
            term = terms[text] = self._term_count
            self._term_count += 1
            self.currentsize += _TERM_BYTES + len(text)
        self._terms.append(term)
        self._docs.append(docnum)
        self._weights.append(weight)
        self._starts.append(len(self._values))
        if value:
            self._values += value
            self.currentsize += _POSTING_BYTES + len(value)
        else:
            if value is None:
                self._none.add(len(self._docs) - 1)
            elif not isinstance(value, bytes):
                raise TypeError(f"a posting's value is bytes, not {item!r}")
            self.currentsize += _POSTING_BYTES
        if self.currentsize > self.limit:
            self.save()

    def _gathered(self) -> Iterator[Posting]:
        """The postings in Whoosh's order: field, term, document."""
        if not self._docs:
            return
        names: list[tuple[str, bytes]] = [("", b"")] * self._term_count
        for fieldname, terms in self._ids.items():
            for text, term in terms.items():
                names[term] = (fieldname, text)
        rank = np.empty(len(names), dtype=np.int64)
        rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
        terms_at = np.frombuffer(self._terms, dtype=np.uint32)
        docs_at = np.frombuffer(self._docs, dtype=np.uint32)
        order = np.lexsort((docs_at, rank[terms_at]))
        starts = np.frombuffer(self._starts, dtype=np.uint64)
        ends = np.append(starts[1:], np.uint64(len(self._values)))
        weights = np.frombuffer(self._weights, dtype=np.float64)
        values, none = bytes(self._values), self._none
        for first in range(0, len(order), _CHUNK):
            chunk = order[first:first + _CHUNK]
            for i, term, doc, weight, start, end in zip(
                    chunk.tolist(), terms_at[chunk].tolist(), docs_at[chunk].tolist(),
                    weights[chunk].tolist(), starts[chunk].tolist(), ends[chunk].tolist(),
                    strict=True):
                fieldname, text = names[term]
                yield (fieldname, text, doc, weight,
                       None if none and i in none else values[start:end])

    def save(self) -> None:
        """Write what is gathered as one sorted run (Whoosh's pool does this past its
        memory limit, and its multiprocessing writer asks for it), streamed: not made
        into a list of tuples first, which took many times the pool's own memory."""
        if self._docs:
            path, f = self._new_run()
            self._write_run(f, self._gathered())
            self._add_run(path)
            self._clear()
        self.currentsize = 0

    def items(self, maxfiles: int = 128) -> Iterator[Posting]:
        if not self.runs:
            return self._gathered()
        self.save()
        return SortingPool.items(self, maxfiles)


def install() -> None:
    """Use the pool and `_flush_segment` for every segment written in this process (and
    in the processes Whoosh's multiprocessing writer forks from it)."""
    if writing.SegmentWriter._flush_segment is _STOCK and _STOCK.__code__.co_names == _STOCK_NAMES:
        writing.SegmentWriter._flush_segment = _flush_segment
    if writing.PostingPool is _STOCK_POOL and _pool_is_the_one_known():
        writing.PostingPool = GroupedPostingPool


def _pool_is_the_one_known() -> bool:
    """Whoosh 2.7's pool: a `SortingPool` that the writer makes by this name and reads
    only through `add`, `fieldnames`, `iter_postings`/`items`, `save`, `runs`, `cleanup`."""
    init = writing.SegmentWriter.__init__.__code__
    return (_STOCK_POOL.__bases__ == (SortingPool,) and "PostingPool" in init.co_names
            and set(vars(_STOCK_POOL)) >= {"add", "iter_postings", "save"})
