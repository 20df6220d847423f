"""A searcher's side of meaning: the vectors it reads, the ids of its reader's
documents, and the vectors of the queries it was asked.

A query's vector costs about 4 ms. Making it on a thread of its own while the words
are ranked hid none of it (first seen at 100,000 articles, p50 9.3 ms either way): both
hold Python's lock more than they multiply."""

from __future__ import annotations

import re
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kb_app.meaning import fusion, shared_encoder
from kb_app.meaning.store import MeaningStore, MeaningVectors

if TYPE_CHECKING:
    from whoosh.searching import Searcher

    from kb_app.ranking import Ranked

QUERIES_KEPT = 256  # the vectors of the last queries (each keystroke asks again)
_LATIN_WORD = re.compile(r"[A-Za-z]")
_NOT_LATIN = re.compile(r"[^\x00-\x7f\u00a0-\u024f\u2000-\u206f]")


class MeaningRanking:
    def __init__(self, index_dir: Path) -> None:
        self.store = MeaningStore(index_dir)
        self._vectors = MeaningVectors(self.store)
        self._ids: tuple[Any, Any] | None = None  # (reader, its id column), on first use
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()

    def warm(self) -> None:
        """Read the vectors and load the model now, not in the agent's first search
        (at 100,000 articles about 0.3 s and 0.35 s)."""
        self._vectors.refresh()
        if len(self._vectors):
            shared_encoder()

    def applies(self, text: str) -> bool:
        """Whether meaning re-ranks this query: two words or more (one word is a name
        or a keyword, which the words rank as well: the relevance sets score the same
        without it, and it saves the encoder's 4 ms), English (Latin letters, nothing
        in another script; the model knows no Bengali), and vectors to compare with."""
        if (len(text.split()) < 2 or not _LATIN_WORD.search(text)
                or _NOT_LATIN.search(text)):
            return False
        self._vectors.refresh()
        return len(self._vectors) > 0

    def rerank(self, ranked: Ranked, text: str, searcher: Searcher) -> None:
        """`ranked` re-ordered in place by fusion with closeness of meaning. Meaning
        only ever improves an order: if it cannot be had (the model's files damaged,
        the vectors unreadable), the words' order stands and the search goes on. The
        same failure is said where the vectors are made (the window's status bar,
        `kb index --meaning`), not once per keystroke."""
        if len(ranked.docnums) < 2 or ranked.docnums[0] in ranked.whole_title:
            return  # the first article's title says all that was asked: it stays first
        try:
            self._rerank(ranked, text, searcher)
        except Exception:  # noqa: BLE001 - any failure of meaning leaves the words' order
            return

    def _rerank(self, ranked: Ranked, text: str, searcher: Searcher) -> None:
        ids = self._id_column(searcher)
        if ids is None:
            return
        query = self._query_vector(text)
        closeness = self._vectors.closeness([ids[doc] for doc in ranked.docnums], query)
        ranked.docnums, ranked.scores = fusion.fuse(ranked.docnums, closeness,
                                                    ranked.whole_title | ranked.lifted)

    def _id_column(self, searcher: Searcher) -> Any:
        """The id column of the reader `searcher` reads through, kept with that reader:
        a searcher moves to a new reader after every refresh, and for a moment to a
        damaged generation's readable part (KnowledgeSearcher._read_with); document
        numbers are only ever looked up in their own reader's column."""
        reader = searcher.reader()
        if self._ids is None or self._ids[0] is not reader:
            if not reader.has_column("id"):
                return None  # an index built before ids were a column: rebuilt soon
            self._ids = (reader, reader.column_reader("id"))
        return self._ids[1]

    def _query_vector(self, text: str) -> np.ndarray:
        key = _key(text)
        found = self._queries.get(key)
        if found is not None:
            self._queries.move_to_end(key)
            return found
        found = shared_encoder().encode([key])[0]
        if len(self._queries) >= QUERIES_KEPT:
            self._queries.popitem(last=False)
        self._queries[key] = found
        return found


def _key(text: str) -> str:
    """A query as the (uncased) model reads it: the same vector for the same words."""
    return " ".join(text.lower().split())
