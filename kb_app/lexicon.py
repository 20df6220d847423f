"""The terms of an open index and their postings, from the postings caches where they are
good (kb_app.postcache) and from Whoosh where not.

Every term-level question a search asks -- is this word indexed, which words start with
these letters, which are a few edits away, where does this term occur -- goes through a
`Lexicon`, so a segment without a good cache is answered exactly as one with it, only
slower. Not thread-safe: one per searcher.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from kb_app import postcache, wordlists

_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


# Articles of a segment without a postings cache whose words and sounds a reader derives
# itself (a save's segment: one; a build's: thousands, about 0.35 ms each).
DERIVED_IN_MEMORY = 1_000


@dataclass
class Leaf:
    """One segment of the open index: its Whoosh reader, where its documents start, and
    its postings cache (None: Whoosh decodes its postings, and the segment's words and
    sounds are derived from its stored text when first asked for)."""

    reader: IndexReader
    offset: int
    cache: postcache.SegmentPostings | None
    derived: dict[str, postcache.TermTable] | None = field(default=None, repr=False)

    def table(self, name: str) -> postcache.TermTable | None:
        if self.cache is not None:
            return self.cache.fields.get(name)
        if name not in wordlists.DERIVED:
            return None
        if self.derived is None:
            # A large segment is between its commit and its cache (written next, by the
            # index owner): deriving its lists would hold this search for seconds, so
            # its words are not completed or sounded until the cache is there.
            small = self.reader.doc_count_all() <= DERIVED_IN_MEMORY
            self.derived = postcache.derived_tables(
                wordlists.segment_texts(self.reader) if small else iter(()))
        return self.derived.get(name)


def leaves(searcher: Searcher, gen: Path | None) -> list[Leaf]:
    """The searcher's segments with their caches (checked against the segment's files)."""
    subs = getattr(searcher, "subsearchers", None)
    found = list(subs) if subs else [(searcher, 0)]
    try:
        names = os.listdir(gen) if gen is not None else None
    except OSError:
        gen = names = None  # replaced meanwhile: Whoosh answers (and fails, if it must)
    result = []
    for sub, offset in found:
        reader = sub.reader()
        segment = reader.segment() if hasattr(reader, "segment") else None
        cache = None
        if gen is not None and segment is not None:
            cache = postcache.open_segment(gen, segment, names)
            if cache is not None and cache.doc_count_all != reader.doc_count_all():
                cache.close()
                cache = None
        result.append(Leaf(reader, offset, cache))
    return result


MEMO_ENTRIES = 20_000  # document frequencies remembered per searcher (about 3 MB)


class Lexicon:
    def __init__(self, leaves: list[Leaf]) -> None:
        self.leaves = leaves
        # A query asks the same frequencies several times (is it a word, is it settled,
        # its completions), and the next keystroke again.
        self._frequencies: dict[tuple[str, str], int] = {}

    def close(self) -> None:
        """Unmap the caches (their arrays must no longer be used)."""
        for leaf in self.leaves:
            if leaf.cache is not None:
                leaf.cache.close()
                leaf.cache = None

    def doc_frequency(self, field: str, term: str) -> int:
        known = self._frequencies.get((field, term))
        if known is None:
            if len(self._frequencies) >= MEMO_ENTRIES:
                self._frequencies.clear()
            known = self._frequencies[(field, term)] = self._doc_frequency(field, term)
        return known

    def _doc_frequency(self, field: str, term: str) -> int:
        key = term.encode("utf-8")
        total = 0
        for leaf in self.leaves:
            table = leaf.table(field)
            if table is not None:
                i = table.find(key)
                total += int(table.df[i]) if i >= 0 else 0
            elif (field, term) in leaf.reader:
                total += leaf.reader.doc_frequency(field, term)
        return total

    def has_prefix(self, field: str, prefix: str) -> bool:
        """Whether any term of `field` starts with `prefix`."""
        return any(True for _ in islice(self._prefixed(field, prefix, 1), 1))

    def expand(self, field: str, prefix: str, scan: int = 200) -> dict[str, int]:
        """Terms of `field` starting with `prefix` -> document frequency; at most `scan`
        terms are looked at per segment (two typed letters begin thousands)."""
        found: dict[str, int] = {}
        for term, df in self._prefixed(field, prefix, scan):
            found[term] = found.get(term, 0) + df
        return found

    def sounding(self, field: str, key: str) -> dict[str, int]:
        """The words as written that a sound key of a sound list (`sound_bn`, `sound_en`:
        kb_app.wordlists) stands for -> document frequency."""
        found: dict[str, int] = {}
        encoded = key.encode("utf-8")
        for leaf in self.leaves:
            table, words = leaf.table(field), leaf.table(wordlists.WORDS)
            if table is None or words is None:
                continue
            i = table.find(encoded)
            if i < 0:
                continue
            for j in table.linked(i).tolist():
                word = words.term(j).decode("utf-8")
                found[word] = found.get(word, 0) + int(words.df[j])
        return found

    def _prefixed(self, field: str, prefix: str, scan: int) -> Iterator[tuple[str, int]]:
        key = prefix.encode("utf-8")
        for leaf in self.leaves:
            table = leaf.table(field)
            if table is not None:
                lo, hi = table.prefix_range(key)
                for i in range(lo, min(hi, lo + scan)):
                    yield table.term(i).decode("utf-8"), int(table.df[i])
                continue
            for term in islice(leaf.reader.expand_prefix(field, prefix), scan):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                yield text, leaf.reader.doc_frequency(field, text)

    def near(self, field: str, term: str, edits: int, limit: int) -> dict[str, int]:
        """Terms of `field` that may be within `edits` of `term`: the same first letter,
        a length within `edits`, and at most 2 * `edits` characters not shared (checked
        as bit masks, in C); term -> document frequency. The caller measures the real
        distance of these few."""
        found: dict[str, int] = {}
        key = term[0].encode("utf-8")
        size = len(term.encode("utf-8"))
        spread = 4 * edits  # bytes: a character is 1 to 4 of them
        mask = postcache.mask_of(term)
        for leaf in self.leaves:
            table = leaf.table(field)
            if table is None:
                for other in islice(leaf.reader.expand_prefix(field, term[0]), limit):
                    text = other.decode("utf-8") if isinstance(other, bytes) else other
                    found[text] = found.get(text, 0) + leaf.reader.doc_frequency(field, text)
                continue
            lo, hi = table.prefix_range(key)
            lengths = np.diff(table.toff[lo:hi + 1])
            differ = np.bitwise_xor(table.mask[lo:hi], np.uint32(mask))
            bits = _POPCOUNT[differ.view(np.uint8)].reshape(-1, 4).sum(axis=1)
            keep = np.flatnonzero((np.abs(lengths - size) <= spread) & (bits <= 2 * edits))
            for i in keep[:limit]:
                text = table.term(lo + int(i)).decode("utf-8")
                found[text] = found.get(text, 0) + int(table.df[lo + int(i)])
        return found

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(global document numbers, term frequencies), deleted documents included (the
        caller masks them)."""
        ids: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        key = term.encode("utf-8")
        for leaf in self.leaves:
            table = leaf.table(field)
            if table is not None:
                i = table.find(key)
                if i < 0:
                    continue
                docs, tf = table.postings(i)
                ids.append(docs.astype(np.int64) + leaf.offset)
                weights.append(tf.astype(np.float32))
            elif (field, term) in leaf.reader:
                found, freqs = _whoosh_postings(leaf.reader, field, term)
                ids.append(found + leaf.offset)
                weights.append(freqs)
        if not ids:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return np.concatenate(ids), np.concatenate(weights)


def _whoosh_postings(reader: Any, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    """A segment without a cache: its postings as Whoosh decodes them."""
    from whoosh.matching.wrappers import FilterMatcher

    matcher = reader.postings(field, term)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # deleted documents are masked by the caller
    return postcache._decoded(matcher)
