"""A searcher's side of meaning: the vectors it reads, the ids of its reader's
documents, and the vectors of the queries it was asked.

A query's vector costs about 4 ms. It is asked for as the search starts (`ask`), from
the index's `QueryVectors` (kb_app.meaning.queries): in the window a helper process
makes it while this one ranks the words, so that it is there when they are."""

from __future__ import annotations

import contextlib
import re
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kb_app.meaning import fusion
from kb_app.meaning.queries import QueryVectors
from kb_app.meaning.store import MeaningStore, MeaningVectors

if TYPE_CHECKING:
    from whoosh.searching import Searcher

    from kb_app.ranking import Ranked

QUERIES_KEPT = 256  # the vectors of the last queries (each keystroke asks again)
_LATIN_WORD = re.compile(r"[A-Za-z]")
_NOT_LATIN = re.compile(r"[^\x00-\x7f\u00a0-\u024f\u2000-\u206f]")


class MeaningRanking:
    def __init__(self, index_dir: Path, source: QueryVectors) -> None:
        self.store = MeaningStore(index_dir)
        self._vectors = MeaningVectors(self.store)
        self._ids: tuple[Any, Any] | None = None  # (reader, its id column), on first use
        self._source = source
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._asked: tuple[str, int] | None = None  # (query, ticket) not yet collected

    def warm(self) -> None:
        """Read the vectors and get the model ready, not in the agent's first search
        (the window's helper process starts meanwhile; in-process, the model loads)."""
        self._vectors.refresh()
        if len(self._vectors):
            self._source.prepare()

    def close(self) -> None:
        """The searcher closes: the vectors' files are let go (the helper is the
        knowledge base's, closed with it)."""
        self.settle()
        self._vectors.close()

    def ask(self, text: str) -> None:
        """A search begins: its vector is started now, where it may be made while the
        words are ranked (a query as typed; one the spelling corrects is asked again)."""
        self.settle()
        key = _key(text)
        if key not in self._queries and self.applies(text):
            try:
                self._asked = (key, self._source.ask(key))
            except Exception:  # noqa: BLE001 - asked again when needed, or never
                self._asked = None

    def settle(self) -> None:
        """The search is over: a vector asked for and not used is not waited for."""
        if self._asked is not None:
            ticket, self._asked = self._asked[1], None
            with contextlib.suppress(Exception):  # a source that failed keeps nothing
                self._source.drop(ticket)

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

    def rerank(self, ranked: Ranked, text: str, searcher: Searcher,
               meanwhile: Callable[[int], bool] | None = None) -> None:
        """`ranked` re-ordered in place by fusion with closeness of meaning. Meaning
        only ever improves an order: if it cannot be had (the model's files damaged,
        the vectors unreadable), the words' order stands and the search goes on. The
        same failure is said where the vectors are made (the window's status bar,
        `kb index --meaning`), not once per keystroke. `meanwhile(n)`: work the search
        needs anyway, done step by step while the vector is not there yet (False: none
        left)."""
        if len(ranked.docnums) < 2 or ranked.docnums[0] in ranked.whole_title:
            return  # the first article's title says all that was asked: it stays first
        try:
            self._rerank(ranked, text, searcher, meanwhile)
        except Exception:  # noqa: BLE001 - any failure of meaning leaves the words' order
            return

    def _rerank(self, ranked: Ranked, text: str, searcher: Searcher,
                meanwhile: Callable[[int], bool] | None) -> None:
        ids = self._id_column(searcher)
        if ids is None:
            return
        query = self._query_vector(text, meanwhile)
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

    def _query_vector(self, text: str,
                      meanwhile: Callable[[int], bool] | None = None) -> np.ndarray:
        key = _key(text)
        found = self._queries.get(key)
        if found is not None:
            self._queries.move_to_end(key)
            return found
        if self._asked is not None and self._asked[0] == key:
            ticket, self._asked = self._asked[1], None
        else:
            self.settle()
            ticket = self._source.ask(key)
        step = 0
        while meanwhile is not None and not self._source.ready(ticket) and meanwhile(step):
            step += 1
        found = self._source.vector(ticket)
        if len(self._queries) >= QUERIES_KEPT:
            self._queries.popitem(last=False)
        self._queries[key] = found
        return found


def _key(text: str) -> str:
    """A query as the (uncased) model reads it: the same vector for the same words. A
    lone surrogate (a broken pair pasted from elsewhere) becomes "?": the tokeniser
    refuses such text, and a helper process cannot be sent it."""
    return " ".join(text.encode("utf-8", "replace").decode("utf-8").lower().split())
