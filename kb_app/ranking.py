"""Ranking with NumPy over the index's postings: BM25 per field, summed with field boosts.

Whoosh scores every matching document in Python, about 2.5 µs each: a common word in a
10,000-article base matches thousands of documents, which alone cost 10 ms and more per
keystroke. Here each term's postings come as arrays (memory-mapped from the postings
caches, kb_app.postcache; decoded from Whoosh for a segment without one), are scored as
arrays and cached per searcher up to CACHE_BYTES, so a query is a handful of vector
additions however many documents match. Whoosh still owns storage, analysis, phrases
and stored fields.

Not thread-safe: one `Ranker` belongs to one searcher.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from kb_app.lexicon import Lexicon, leaves

K1 = 1.2
B = 0.75
# Scored terms kept per searcher, by their arrays' bytes (a common word's scores at
# 100,000 articles are about 1 MB; scoring it again from the map takes a millisecond).
# 24 MB holds what an agent's last few dozen queries used; 48 MB made a search process
# four times FTS5's size at 50,000 articles for no repeated-query gain.
CACHE_BYTES = 24 * 2**20
MASKS_KEPT = 64  # filter and phrase masks (a byte per article each)
COORDINATION = 2.0  # a document with k of n words keeps (k/n)² of its score
TITLE_LIFT = 0.25  # a title with every word lifts the score by a quarter
SOFT_WEIGHT = 0.3  # what a soft word ("not", "please") weighs beside a word that counts
MAX_LIFT = 0.5  # the most the team's use raises a score (half again; kb_app.learning)
# An article the team's use teaches for a query none of whose words it has (agents said
# it again in other words and opened it) comes in below the best match: at this share of
# its score for a full lift, less for a weaker one.
LEARNED_ONLY = 0.9
FILL_BELOW = 0.999  # a page's filling stays below the least of the articles it follows


@dataclass
class Ranked:
    docnums: list[int]  # best first
    scores: list[float]
    total: int
    every_word: bool = False  # some document has every word that counts
    lifted: set[int] = field(default_factory=set)  # docnums the team's use raised
    whole_title: set[int] = field(default_factory=set)  # docnums whose title has every word


@dataclass
class UnitScores:
    """One query unit's scores for every document, and its title field's part alone."""

    scores: np.ndarray
    title: np.ndarray
    soft: bool = False  # a filler word: it may add to a score, never required
    # the stems of the words in the other script that sound like it, as scored
    sounded: set[str] = field(default_factory=set)
    # False: an English word of an English query that articles have only as Bengali
    # words that sound like it ("came": কম), which the query does not mean
    written: bool = True


class Ranker:
    def __init__(self, searcher: Searcher, gen: Path | None = None) -> None:
        """`gen`: the generation folder, where the segments' postings caches are."""
        self.searcher = searcher
        self.lexicon = Lexicon(leaves(searcher, gen))
        self.leaves = [(leaf.reader, leaf.offset) for leaf in self.lexicon.leaves]
        self.size = searcher.reader().doc_count_all()
        self.alive = self._alive()
        self.doc_count = max(int(self.alive.sum()), 1)
        self._lengths: dict[str, np.ndarray] = {}
        self._average: dict[str, float] = {}
        self._terms: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._term_bytes = 0
        self._masks: OrderedDict[str, np.ndarray] = OrderedDict()

    # -- building blocks -----------------------------------------------------------------

    def _alive(self) -> np.ndarray:
        alive = np.ones(self.size, dtype=bool)
        for reader, offset in self.leaves:
            deleted = list(getattr(reader, "deleted_docs_set", None) or ())
            if deleted:
                alive[np.asarray(deleted, dtype=np.int64) + offset] = False
        return alive

    def lengths(self, field: str) -> np.ndarray:
        if field not in self._lengths:
            values = np.zeros(self.size, dtype=np.float32)
            for reader, offset in self.leaves:
                n = reader.doc_count_all()
                values[offset:offset + n] = _field_lengths(reader, field, n)
            self._lengths[field] = values
        return self._lengths[field]

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(global doc numbers, term frequencies) for a term."""
        return self.lexicon.postings(field, term)

    def average_length(self, field: str) -> float:
        if field not in self._average:
            lengths = self.lengths(field)
            self._average[field] = max(float(lengths[self.alive].mean()), 1.0) \
                if self.size else 1.0
        return self._average[field]

    def term_scores(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(doc numbers, BM25 scores) of one term in one field, cached."""
        key = (field, term)
        cached = self._terms.get(key)
        if cached is not None:
            self._terms.move_to_end(key)
            return cached
        cached = self._bm25(field, *self.postings(field, term))
        self._remember(key, cached)
        return cached

    def group_scores(self, field: str, terms: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """(doc numbers, BM25 scores) of several terms as one: a document's frequency is
        the sum of theirs, and the group's rarity is of the documents that have any (the
        words a sound key stands for, as one word), cached."""
        key = (field, "\x00".join(terms))
        cached = self._terms.get(key)
        if cached is not None:
            self._terms.move_to_end(key)
            return cached
        found = [self.postings(field, term) for term in terms]
        found = [pair for pair in found if len(pair[0])]
        if len(found) > 1:
            ids, inverse = np.unique(np.concatenate([i for i, _ in found]), return_inverse=True)
            tf = np.bincount(inverse, weights=np.concatenate([w for _, w in found])
                             ).astype(np.float32)
        elif found:
            ids, tf = found[0]
        else:
            ids, tf = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        cached = self._bm25(field, ids, tf)
        self._remember(key, cached)
        return cached

    def _bm25(self, field: str, ids: np.ndarray, tf: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray]:
        if not len(ids):
            return ids, tf
        df = int(self.alive[ids].sum())
        idf = math.log(1 + (self.doc_count - df + 0.5) / (df + 0.5))
        norm = K1 * (1 - B + B * self.lengths(field)[ids] / self.average_length(field))
        return ids, (idf * tf * (K1 + 1) / (tf + norm)).astype(np.float32)

    def _remember(self, key: tuple[str, str], value: tuple[np.ndarray, np.ndarray]) -> None:
        self._terms[key] = value
        self._term_bytes += value[0].nbytes + value[1].nbytes
        while self._term_bytes > CACHE_BYTES and len(self._terms) > 1:
            _, (ids, scores) = self._terms.popitem(last=False)
            self._term_bytes -= ids.nbytes + scores.nbytes

    def docs_mask(self, q: wq.Query, key: str | None = None) -> np.ndarray:
        """Documents matching a Whoosh query (filters, phrases) as a boolean vector."""
        key = key or repr(q)
        mask = self._masks.get(key)
        if mask is None:
            mask = np.zeros(self.size, dtype=bool)
            found = list(q.docs(self.searcher))
            if found:
                mask[np.asarray(found, dtype=np.int64)] = True
            self._masks[key] = mask
            if len(self._masks) > MASKS_KEPT:
                self._masks.popitem(last=False)
        return mask

    def docs_with_all(self, field: str, terms: Iterable[str]) -> np.ndarray:
        """Documents that have every one of `terms` in `field` (anywhere), from the
        postings: no positions are read."""
        wanted = list(dict.fromkeys(terms))
        count = np.zeros(self.size, dtype=np.int16)
        for term in wanted:
            ids, _ = self.postings(field, term)
            count[ids] += 1
        return count >= len(wanted)

    # -- queries -------------------------------------------------------------------------

    def accumulate(self, into: np.ndarray, field: str, terms: Iterable[str], boost: float,
                   restrict: np.ndarray | None = None, grouped: bool = False) -> None:
        """Add each term's scores (`grouped`: the terms' scores as one term's) in
        `field`, times `boost`, to `into` (only where `restrict` is set, if given)."""
        groups = [self.group_scores(field, tuple(terms))] if grouped else (
            self.term_scores(field, term) for term in terms)
        for ids, scores in groups:
            if not len(ids):
                continue
            if restrict is None:
                into[ids] += boost * scores
            else:
                keep = restrict[ids]
                into[ids[keep]] += boost * scores[keep]

    def rank(self, units: list[UnitScores], allowed: np.ndarray, limit: int,
             first: np.ndarray | None = None, lift: np.ndarray | None = None) -> Ranked:
        """Soft matching, as Elasticsearch's `minimum_should_match` over BM25 per field
        summed with the field boosts (not BM25F's one saturation across fields, which
        ranked the relevance queries worse: MRR@10 0.80 against 0.85): most of
        the query's words must match (`should_match(n)` of the n words that count; soft
        words -- "not", "please" -- never count and weigh little). When fewer than
        `limit` documents have that many, those with half of them follow, rather than one
        or two results where the answer lacks a second word the agent added; when none
        has even that, any word will do. Each word matched multiplies in (coordination),
        and the share of the words in the title lifts an article, so a title that is the
        answer outranks a long body that happens to hold every word. Documents in `first`
        (a mask) come before all others, each group in score order. `lift` (per document,
        0 to MAX_LIFT: what the team's use teaches) raises a score by that share, but never
        past an article whose title has every word; a lifted article that matches too few
        of the words (or none) is still shown, below the best match (LEARNED_ONLY)."""
        asked = [u for u in units if not u.soft] or units
        # A word no article has (`charities` where articles say nonprofit) is not asked
        # of any: requiring most of the words would require it, and leave out the
        # article whose title has the others. Nor is an English word that articles have
        # only as a Bengali word that sounds like it ("came": কম; see UnitScores.written).
        counted = ([u for u in asked if u.written and u.scores.any()]
                   or [u for u in asked if u.scores.any()] or asked)
        n = len(counted)
        matched = np.zeros(self.size, dtype=np.int16)
        in_title = np.zeros(self.size, dtype=np.int16)
        total = np.zeros(self.size, dtype=np.float32)
        for unit in units:
            weight = SOFT_WEIGHT if unit.soft and asked is not units else 1.0
            total += weight * unit.scores
        for unit in counted:
            matched += unit.scores > 0
            in_title += unit.title > 0
        live = allowed & self.alive
        every = (matched >= len(asked)) & live
        need = should_match(n)
        candidates = np.flatnonzero((matched >= need) & live)
        half = (n + 1) // 2
        if len(candidates) < limit and half < need:
            candidates = np.flatnonzero((matched >= half) & live)
        if not len(candidates) and len(units) > 1:
            candidates = np.flatnonzero((matched >= 1) & live)

        def scored(docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            coverage = matched[docs] / n
            titled = in_title[docs] / n
            return (total[docs] * coverage ** COORDINATION
                    * (1.0 + TITLE_LIFT * titled * titled)), titled

        final, titled = scored(candidates)
        if 0 < len(candidates) < limit and len(units) > 1:
            # A page that would hold only a few articles is filled with those that have
            # fewer of the words, after them, never before them: the agent reads on
            # rather than types again ("box came damaged, router won't turn on").
            more = (matched >= 1) & live
            more[candidates] = False
            fill = np.flatnonzero(more)
            if len(fill):
                extra, extra_titled = scored(fill)
                floor = FILL_BELOW * float(final.min())
                if float(extra.max()) > floor:
                    extra = extra * (floor / float(extra.max()))
                candidates = np.concatenate([candidates, fill])
                final = np.concatenate([final, extra])
                titled = np.concatenate([titled, extra_titled])
        is_whole = titled >= 1.0  # the candidate's title has every word
        whole_title = candidates[is_whole]
        learned_only = np.zeros(0, dtype=np.int64)
        if lift is not None:
            outside = (lift > 0) & live
            outside[candidates] = False
            learned_only = np.flatnonzero(outside)
        if not len(candidates) and not len(learned_only):
            return Ranked([], [], 0, False)
        lifted: set[int] = set()
        if lift is not None:
            final, lifted = _lifted(final, lift[candidates], is_whole, candidates)
        if lift is not None and len(learned_only):
            best = float(final.max()) if len(final) else 1.0
            candidates = np.concatenate([candidates, learned_only])
            final = np.concatenate([final, (best * LEARNED_ONLY / MAX_LIFT)
                                    * lift[learned_only]]).astype(np.float32)
            lifted |= {int(d) for d in learned_only}
        if first is not None and first[candidates].any():
            final = final + first[candidates] * (float(final.max()) + 1.0)
        if len(candidates) > limit:
            top = np.argpartition(-final, limit - 1)[:limit]
        else:
            top = np.arange(len(candidates))
        order = top[np.lexsort((candidates[top], -final[top]))]
        shown = candidates[order]
        return Ranked([int(d) for d in shown], [float(s) for s in final[order]],
                      int(len(candidates)), bool(every.any()), lifted,
                      {int(d) for d in np.intersect1d(shown, whole_title)})


def raise_shown(ranked: Ranked, count: int, lift: np.ndarray) -> None:
    """The first `count` of `ranked` raised by `lift` (a share of each one's score, as
    the team's use raises them in `rank`) and put in order again, none past an article
    whose title has every word."""
    docs = np.asarray(ranked.docnums[:count], dtype=np.int64)
    final = np.asarray(ranked.scores[:count], dtype=np.float32)
    whole = np.isin(docs, np.fromiter(ranked.whole_title, dtype=np.int64))
    raised = _raised(final, lift, whole)
    order = np.lexsort((docs, -raised))
    ranked.docnums[:count] = [int(d) for d in docs[order]]
    ranked.scores[:count] = [float(s) for s in raised[order]]


def _lifted(final: np.ndarray, lift: np.ndarray, whole_title: np.ndarray,
            candidates: np.ndarray) -> tuple[np.ndarray, set[int]]:
    """Scores raised by the team's use, and which rose."""
    raised = _raised(final, lift, whole_title)
    rose = raised > final
    return raised, {int(d) for d in candidates[rose]}


def _raised(final: np.ndarray, lift: np.ndarray, whole_title: np.ndarray) -> np.ndarray:
    """Scores raised by `lift`, an article kept below the best article whose title has
    every word (unless it was above it already)."""
    raised = final * (1.0 + lift)
    if whole_title.any():
        ceiling = float(final[whole_title].max()) * 0.999
        capped = ~whole_title & (raised > ceiling)
        raised[capped] = np.maximum(final[capped], ceiling)
    return raised


def should_match(n: int) -> int:
    """How many of n query words a document must have: one of two (the other may be a
    word the best article does not use: "change", "app"), two of three, three of four,
    and about two thirds beyond."""
    return max(1, n - max(1, n // 3)) if n > 1 else 1


_BYTE_TO_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


def _field_lengths(reader: IndexReader, field: str, n: int) -> np.ndarray:
    """Every document's length in `field`, read as one array from Whoosh 2.7's one-byte
    length column (30,000 single lookups took 80 ms on the first search)."""
    try:
        column = reader._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
        if column is None:
            return np.zeros(n, dtype=np.float32)
        count = min(column._count, n)
        raw = np.frombuffer(column._dbfile.get(column._basepos, count), dtype=np.uint8)
        codes = np.zeros(n, dtype=np.uint8)
        codes[:count] = raw
        return _BYTE_TO_LENGTH[codes]
    except (AttributeError, TypeError, ValueError):
        return np.array([reader.doc_field_length(i, field, 0) for i in range(n)],
                        dtype=np.float32)
