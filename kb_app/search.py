"""Search: what an agent typed in, ranked articles with snippets out.

A `KnowledgeSearcher` keeps one Whoosh searcher open (warm caches) and picks up new
index generations and commits on `refresh()`. It is not thread-safe: give each thread
its own, or serialise calls (the UI runs searches on one worker thread).

A searcher only reads: creating one on an index that cannot be read yet raises
`IndexNotReady` (the caller answers "still indexing"); on an outdated generation it
answers from it, `outdated` set, until the index owner's rebuild replaces it and a
`refresh()` picks the new one up.

A damaged index never makes a search fail: what cannot be read is left out, `warning`
says so (and every response carries it), and the next sync builds a new generation.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from kb_app import proximity, readable
from kb_app import query as kq
from kb_app.analysis import ENGLISH_STOP_WORDS, stem_word, words
from kb_app.index import IndexNotReady, product_key
from kb_app.meaning import fusion
from kb_app.meaning.ranking import MeaningRanking
from kb_app.messages import Message, translate
from kb_app.ranking import Ranked, Ranker, UnitScores, raise_shown
from kb_app.snippets import Matcher, Snippet, best_snippet, side_by_side
from kb_app.spelling import damerau, max_distance, suggest_term
from kb_app.synonyms import SYNONYMS_FILE, Synonyms, load_synonyms

if TYPE_CHECKING:
    from kb_app.index import KnowledgeIndex, Reading
    from kb_app.learning import Learned

TERM_FIELDS = tuple(kq.FIELD_BOOSTS)
SHOWN_ENTRIES = 8_000  # results remembered with their snippets (about 10 MB)
SOUND_WEIGHT = 1.5  # a sound-alike match, as a body match; then kept below exact ones
SOUND_BELOW_EXACT = 0.9  # the best sound-alike score, at most, of a unit's lowest exact
# A sound-alike word's weight in each field: the body whole, the short fields (where
# BM25 saturates at one word) half, which ranks as the one field of every word's sound
# keys did before the keys left the index (kb_app.wordlists); weighting the title 2
# or 4 as for exact words ranked Banglish queries lower (MRR 0.85 against 0.87).
SOUND_FIELDS = {"title": 0.5, "meta": 0.5, "body": 1.0}
SOUND_WORDS = 32  # words a sound key stands for that are scored, the most frequent
PARTIAL_WARNING = translate("Index", "Part of the search index could not be read, so some "
                            "articles may be missing from the results. It is being rebuilt.")
T = TypeVar("T")


@dataclass
class Hit:
    id: str
    title: str
    path: str
    product: str
    tags: list[str]
    language: str
    summary: str
    snippet: str  # HTML-escaped passage with <mark> around matched words
    score: float
    status: str = "published"
    visibility: str = "internal"
    section: str = ""  # heading of the section the snippet comes from
    updated: str = ""
    review_by: str = ""
    often_opened: bool = False  # lifted because agents keep opening it for this search


@dataclass
class SearchResponse:
    query: str
    corrected: str | None = None
    total: int = 0
    results: list[Hit] = field(default_factory=list)
    # What the matched words were (stems and typed prefixes, synonyms included), so the
    # article pane can highlight exactly what the results list highlighted.
    terms: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    # Set when the answer comes from part of a damaged index (not in `to_json`, whose
    # shape is documented: the command line prints it on stderr).
    warning: Message | None = None
    # The answer comes from an index built by another version, being rebuilt.
    outdated: bool = False
    # Whether the results match every word asked for (else: each matches some of them).
    every_word: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "corrected": self.corrected, "total": self.total,
                "results": [asdict(h) for h in self.results]}

    def marked(self) -> Hashable:
        """What the matcher marks, as a key (the same key: the same snippets)."""
        return frozenset(self.terms), frozenset(self.prefixes)

    def matcher(self) -> Matcher | None:
        """What marks the matched words in a result's article (None: nothing to mark)."""
        if not (self.terms or self.prefixes):
            return None
        return Matcher(self.terms, self.prefixes)


@dataclass
class Filters:
    product: str | None = None
    tag: str | None = None
    language: str | None = None
    include_archived: bool = False  # staff restoring one; agents never see them
    include_drafts: bool = False  # drafts are for staff until published

    def hidden_statuses(self) -> list[str]:
        """Statuses left out of results: archived and drafts unless asked for."""
        return [status for status, shown in (("archived", self.include_archived),
                                             ("draft", self.include_drafts)) if not shown]

    def admits(self, status: str) -> bool:
        """Whether an article of this status may be listed (lists that are not searches:
        pinned, recent, changed)."""
        return status not in self.hidden_statuses()

    def query(self) -> wq.Query | None:
        parts: list[wq.Query] = []
        if self.product:
            parts.append(wq.Term("product_key", product_key(self.product)))
        if self.tag:
            parts.append(wq.Term("tags", self.tag.strip().lower()))
        if self.language:
            parts.append(wq.Term("language", self.language.strip().lower()))
        return wq.And(parts) if parts else None


class KnowledgeSearcher:
    def __init__(self, kb: KnowledgeIndex) -> None:
        self.kb = kb
        self.warning: Message | None = None  # set while answering from part of the index
        self.outdated = False  # answering from a generation that is being rebuilt
        self._excluded: set[str] = set()  # segments of this generation that cannot be read
        self._synonyms: Synonyms = Synonyms()
        self._synonyms_stamp: tuple[int, int] | None = None
        # A result's stored fields and snippet by (document, what is marked): the next
        # keystroke and a query asked again show the same ones. Emptied with the reader
        # (document numbers are the reader's).
        self._shown: dict[tuple[int, Hashable], tuple[dict[str, Any], Snippet]] = {}
        self._meanings = MeaningRanking(kb.index_dir, kb.query_vectors)
        self._take(*self._open_live())

    def close(self) -> None:
        self._let_go()
        self._meanings.close()

    def __enter__(self) -> KnowledgeSearcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stored_fields(self, q: wq.Query) -> dict[str, Any] | None:
        """Stored fields of the first document matching `q` (lookups by id or path)."""
        return self._guarded(lambda: self._stored_fields(q))

    def _stored_fields(self, q: wq.Query) -> dict[str, Any] | None:
        for result in self._searcher.search(q, limit=1):
            return dict(result.fields())
        return None

    def hits_for_ids(self, ids: list[str]) -> list[Hit]:
        """Articles by id, in the given order, for lists that are not search results
        (pinned, recent, changed); ids no longer in the index are left out."""
        empty = Matcher(set(), set())

        def look_up() -> list[Hit]:
            found = (self._stored_fields(wq.Term("id", article_id)) for article_id in ids)
            return [_hit(fields, _snippet(fields, empty), 0.0) for fields in found
                    if fields is not None]

        return self._guarded(look_up)

    def lexicon(self, field: str) -> list[str]:
        """Every distinct value of an ID or KEYWORD field, as indexed."""
        return self._guarded(lambda: sorted(v.decode("utf-8") if isinstance(v, bytes) else v
                                            for v in self._searcher.lexicon(field)))

    def catalogue(self) -> dict[str, Any]:
        """What an editor offers for completion: products, tags and ids by path, read from
        the index's term lists and the manifest (milliseconds at 10,000 articles)."""
        files = self.kb.manifest(cached=True) or {}
        return {"products": self.lexicon("product"), "tags": self.lexicon("tags"),
                "ids_by_path": {path: state.id for path, state in files.items() if state.id}}

    def refresh(self) -> None:
        """Pick up what was committed since this searcher opened (cheap when nothing was).
        A new generation that cannot be read yet leaves this one answering."""
        if self.kb.generation_dir() not in (None, self._generation):
            self._reopen()
            return
        try:
            if self._searcher.up_to_date():
                return
            # Not Whoosh's Searcher.refresh(): its reader reuse keeps segments' old
            # deletion lists, so an updated article would still show its old version.
            fresh, excluded = readable.open_searcher(self._ix, self._excluded)
        except Exception:  # noqa: BLE001 - a generation just replaced
            self._reopen()
            return
        self._use(fresh, excluded)

    def _open_live(self) -> tuple[Reading, Searcher, set[str]]:
        """The live generation, opened afresh (`IndexNotReady` if it cannot be read). A
        rebuild elsewhere may replace it (and delete the old one) at any moment: then
        open what replaced it."""
        for attempt in range(3):
            reading = self.kb.open_for_reading()
            try:
                return (reading, *readable.open_searcher(reading.ix, set()))
            except Exception:  # noqa: BLE001 - replaced between opening and reading
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _reopen(self) -> None:
        """Move to the live generation; while it cannot be read, keep answering from ours."""
        try:
            reading, searcher, excluded = self._open_live()
        except IndexNotReady:
            return
        self._let_go()
        self._take(reading, searcher, excluded)

    def _take(self, reading: Reading, searcher: Searcher, excluded: set[str]) -> None:
        self._ix, self._generation, self.outdated = reading.ix, reading.gen, reading.outdated
        self._read_through(searcher, excluded)

    def _use(self, searcher: Searcher, excluded: set[str]) -> None:
        """Read this generation through `searcher` from now on."""
        self._let_go()
        self._read_through(searcher, excluded)

    def _read_through(self, searcher: Searcher, excluded: set[str]) -> None:
        """`searcher` and its ranker from now on; what was remembered of results is
        forgotten (document numbers are the reader's)."""
        self._searcher, self._ranker = searcher, Ranker(searcher, self._generation)
        self._shown = {}
        self._note_exclusions(excluded)

    def _let_go(self) -> None:
        """Close the reader in use and the files of its postings caches (else they stay
        open until the ranker is collected)."""
        self._searcher.close()
        self._ranker.lexicon.close()

    def _note_exclusions(self, excluded: set[str]) -> None:
        if excluded - self._excluded:  # newly found: the next sync builds a new generation
            self.kb.mark_damaged(f"{len(excluded)} segment(s) could not be read",
                                 self._generation)
        self._excluded = excluded
        self.warning = PARTIAL_WARNING if excluded else None

    def _guarded(self, read: Callable[[], T]) -> T:
        """`read()`, or, if the index fails to read, `read()` on its readable segments
        (`kb_app.readable`). A failure that is not the index's is raised as it is. A read
        that failed because a rebuild replaced (and removed) our generation is tried again
        on the new one: that is not damage."""
        while True:
            try:
                return read()
            except Exception:
                if self._replaced():
                    self._reopen()
                    if not self._replaced():
                        continue
                bad = readable.unreadable_segments(
                    self._ix, self._excluded, lambda searcher: self._read_with(searcher, read))
                if not bad:
                    raise
            self._use(*readable.open_searcher(self._ix, self._excluded | bad))

    def _replaced(self) -> bool:
        return self.kb.generation_dir() not in (None, self._generation)

    def _read_with(self, searcher: Searcher, read: Callable[[], T]) -> T:
        """`read()` with another Whoosh searcher in place of ours (and results remembered
        apart: its document numbers are not ours)."""
        saved = self._searcher, self._ranker, self._shown
        self._searcher, self._ranker = searcher, Ranker(searcher, self._generation)
        self._shown = {}
        try:
            return read()
        finally:
            self._searcher, self._ranker, self._shown = saved

    def warm_meaning(self) -> None:
        """What search by meaning reads, read now (the window does it after indexing)."""
        self._meanings.warm()

    @property
    def synonyms(self) -> Synonyms:
        """The synonyms file, re-read when it changes on disk."""
        path: Path = self.kb.articles_dir / SYNONYMS_FILE
        try:
            st = path.stat()
            stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        if stamp != self._synonyms_stamp:
            self._synonyms = load_synonyms(self.kb.articles_dir)
            self._synonyms_stamp = stamp
        return self._synonyms

    def search(self, text: str, product: str | None = None, tag: str | None = None,
               language: str | None = None, limit: int = 10,
               include_archived: bool = False, include_drafts: bool = False,
               learned: Learned | None = None, meaning: bool = True) -> SearchResponse:
        """`learned`: what the team's use teaches (kb_app.learning); None: plain ranking.
        `meaning`: an English query's first results re-ranked by how close in meaning
        each article is (kb_app.meaning), where its vectors have been made."""
        filters = Filters(product, tag, language, include_archived, include_drafts)
        lifts = learned.lifts(text) if learned else {}
        if meaning:
            self._meanings.ask(text)  # made meanwhile where it can be (kb_app.meaning.queries)
        try:
            response = self._guarded(lambda: self._search(text, filters, limit, lifts,
                                                          meaning))
        finally:
            self._meanings.settle()
        response.warning, response.outdated = self.warning, self.outdated
        return response

    def _search(self, text: str, filters: Filters, limit: int,
                lifts: dict[str, float], meaning: bool = False) -> SearchResponse:
        parsed = kq.parse(text, self.synonyms)
        self._join_names(parsed)
        self._settle_prefixes(parsed)
        response = SearchResponse(query=text)
        banglish = self._looks_banglish(parsed)
        if banglish:
            _drop_particles(parsed)
        corrected = self._correct(parsed, banglish)
        if corrected is not None:
            response.corrected = corrected
            parsed = kq.parse(corrected, self.synonyms)
            self._join_names(parsed)
            self._settle_prefixes(parsed)
            if banglish:
                _drop_particles(parsed)
        by_meaning = meaning and not banglish and self._meanings.applies(parsed.text)
        return self._run(parsed, filters, max(1, min(limit, 500)), response, banglish, lifts,
                         by_meaning)

    def _looks_banglish(self, parsed: kq.ParsedQuery) -> bool:
        """Whether the Latin letters typed are Bengali: more of the query speaks Bengali
        (Bengali particles such as `er`, `koto`, and words that only sound like Bengali
        ones and are no misspelling of an English word) than English (words the index
        has, English stop words). "warrenty on the router" is English with a typo;
        "router er password bhule gechi" is Bengali with loanwords; `taka` alone could be
        a misspelt "take" and decides nothing."""
        said = [w for w, _, _ in words(parsed.text)]
        bengali = sum(1 for w in said if w in kq.BANGLISH_PARTICLES)
        english = sum(1 for w in said if w in ENGLISH_STOP_WORDS)
        sounding: list[kq.Unit] = []  # only sound like Bengali: unless a misspelling
        for unit in parsed.units:
            if unit.sound_field != "sound_bn":
                continue
            if self._known(unit, by_sound=False):
                english += 1
            elif self._known(unit, by_sound=True):
                sounding.append(unit)
        lexicon = self._ranker.lexicon
        for n, unit in enumerate(sounding):
            if bengali > english or bengali + len(sounding) - n <= english:
                break  # decided: the spelling checker (the costly part) need not be asked
            if suggest_term(lexicon, unit.alternatives[0][0]) is None:
                bengali += 1
        return bengali > english

    def _run(self, parsed: kq.ParsedQuery, filters: Filters, limit: int,
             response: SearchResponse, banglish: bool = False,
             lifts: dict[str, float] | None = None, by_meaning: bool = False
             ) -> SearchResponse:
        if not parsed.units:
            return response
        units = [self._unit_scores(u, banglish) for u in parsed.units]
        allowed = self._allowed(filters)
        first = self._ranker.docs_mask(wq.Term("language", "bn")) if banglish else None
        lift = self._lift(lifts) if lifts else None
        ranked = self._ranker.rank(units, allowed=allowed,
                                   limit=max(limit, fusion.POOL) if by_meaning else limit,
                                   first=first, lift=lift)
        # the words in the other script that sound like a query word, as scored
        response.terms = parsed.highlight_terms().union(*(u.sounded for u in units))
        response.prefixes = parsed.prefixes()
        matcher = response.matcher() or Matcher(set(), set())
        marked = response.marked()
        if not banglish and not by_meaning:
            # Words side by side count where meaning does not re-rank (kb_app.proximity);
            # not in Banglish, whose words are sounds, not positions.
            self._closer(ranked, parsed, units, matcher, marked)
        if by_meaning:
            words_first = ranked.docnums[:limit]

            def prepare(n: int) -> bool:
                """While the query's meaning is being made elsewhere: the words' n-th
                result made ready (most stay in the first `limit` once re-ranked)."""
                if n >= len(words_first):
                    return False
                self._result(words_first[n], 0.0, matcher, marked)
                return True

            self._meanings.rerank(ranked, parsed.text, self._searcher, meanwhile=prepare)
            ranked.docnums, ranked.scores = ranked.docnums[:limit], ranked.scores[:limit]
        response.every_word = ranked.every_word
        response.total = ranked.total
        response.results = [self._result(docnum, score, matcher, marked)
                            for docnum, score in zip(ranked.docnums, ranked.scores,
                                                     strict=True)]
        for hit, docnum in zip(response.results, ranked.docnums, strict=True):
            hit.often_opened = docnum in ranked.lifted
        return response

    def _closer(self, ranked: Ranked, parsed: kq.ParsedQuery, scored: list[UnitScores],
                matcher: Matcher, marked: Hashable) -> None:
        """The page's results re-ordered so that those where the query's neighbouring
        words stand side by side, in the title or the body, come first
        (kb_app.proximity); the body's pairs come from the scan its snippet is picked by.
        Filler words are left out of the pairs ("page not loading": page, loading); a
        word stands for its synonyms and its sound in the other script (বিকাশ: bKash),
        a word still being typed for what it may become."""
        units = [frozenset({t for alternative in unit.alternatives for t in alternative}
                           | unit_scores.sounded
                           | ({unit.prefix} if unit.prefix else set()))
                 for unit, unit_scores in zip(parsed.units, scored, strict=True)
                 if not kq.is_soft(unit)]
        count = min(len(ranked.docnums), proximity.POOL)
        if len(units) < 2 or count < 2:
            return
        share = np.zeros(count, dtype=np.float32)
        for n, docnum in enumerate(ranked.docnums[:count]):
            fields, snippet = self._shown_entry(docnum, matcher, marked)
            title = fields.get("title", "")
            share[n] = proximity.share(units, snippet.together
                                       | side_by_side(title, matcher.keyed_spans(title)))
        if share.any():
            raise_shown(ranked, count, proximity.WEIGHT * share)

    def _lift(self, lifts: dict[str, float]) -> np.ndarray:
        """Per document, how much the team's use lifts it for this query."""
        lift = np.zeros(self._ranker.size, dtype=np.float32)
        for article, amount in lifts.items():
            lift[self._ranker.docs_mask(wq.Term("id", article))] = amount
        return lift

    def _unit_scores(self, unit: kq.Unit, banglish: bool = False) -> UnitScores:
        """One unit's score for every document (0 where it does not match), with its
        title's part apart, and its sound in the other script below its exact matches.
        An English word of an English query that no article has as written, only as
        Bengali words that sound like it ("came": কম), is marked so: it is not required
        (kb_app.ranking.Ranker.rank). In Banglish, and for a Bengali word, the sound is
        the point."""
        ranker = self._ranker
        scores = np.zeros(ranker.size, dtype=np.float32)
        title = np.zeros(ranker.size, dtype=np.float32)
        for alternative in unit.alternatives:
            for name, boost in kq.FIELD_BOOSTS.items():
                into = title if name == "title" else scores
                if len(alternative) == 1:
                    ranker.accumulate(into, name, alternative, boost)
                    continue
                mask = (ranker.docs_with_all(name, alternative) if unit.parts_together
                        else ranker.docs_mask(wq.Phrase(name, list(alternative),
                                                        slop=kq.PHRASE_SLOP)))
                if mask.any():
                    ranker.accumulate(into, name, alternative, boost, restrict=mask)
        if unit.prefix:
            for name in kq.PREFIX_FIELDS:
                terms = kq.complete(ranker.lexicon, name, unit.prefix)
                into = title if name == "title" else scores
                ranker.accumulate(into, name, terms, kq.FIELD_BOOSTS[name] * kq.PREFIX_BOOST)
        scores += title
        written = banglish or unit.sound_field != "sound_bn" or bool(scores.any())
        scores, sounded = self._with_sound(scores, unit)
        return UnitScores(scores, title, kq.is_soft(unit), sounded, written)

    def _with_sound(self, exact: np.ndarray, unit: kq.Unit) -> tuple[np.ndarray, set[str]]:
        """The unit's scores with the documents that only sound like it (the word in the
        other script) added below every document that has the word itself: each unit's
        sound-alike scores are scaled to stay under its lowest exact score. The words a
        sound key stands for (kb_app.wordlists) are scored by their stems, which are
        returned (what the snippets mark)."""
        if not unit.sound_field:
            return exact, set()
        lexicon = self._ranker.lexicon
        keys = [(key, SOUND_WEIGHT) for key in unit.sounds]
        if unit.sound_prefix:  # the keys a word still being typed may become
            keys += [(key, SOUND_WEIGHT * kq.PREFIX_BOOST) for key in
                     kq.expand_prefix(lexicon, unit.sound_field, unit.sound_prefix)]
        sound = np.zeros(self._ranker.size, dtype=np.float32)
        stems: set[str] = set()
        for key, weight in keys:
            stems |= self._add_sounding(sound, lexicon.sounding(unit.sound_field, key),
                                        weight)
        found = exact > 0
        sound[found] = 0
        top = float(sound.max(initial=0.0))
        if top <= 0:
            return exact, set()
        if found.any():
            ceiling = SOUND_BELOW_EXACT * float(exact[found].min())
            if top > ceiling:
                sound *= ceiling / top
        return exact + sound, stems

    def _add_sounding(self, into: np.ndarray, written: dict[str, int], weight: float
                      ) -> set[str]:
        """The scores of the words one sound key stands for (as written -> document
        frequency; the `SOUND_WORDS` most frequent), their stems as one term (as the
        sound field that held the keys scored them), in each ranked field by
        `SOUND_FIELDS`. Returns the stems."""
        stems = tuple(dict.fromkeys(stem_word(word)
                                    for word in kq.most_frequent(written, SOUND_WORDS)))
        if stems:
            for name, share in SOUND_FIELDS.items():
                self._ranker.accumulate(into, name, stems, weight * share, grouped=True)
        return set(stems)

    def _allowed(self, filters: Filters) -> np.ndarray:
        allowed = np.ones(self._ranker.size, dtype=bool)
        restrict = filters.query()
        if restrict is not None:
            allowed &= self._ranker.docs_mask(restrict)
        for status in filters.hidden_statuses():
            allowed &= ~self._ranker.docs_mask(wq.Term("status", status))
        return allowed

    def _join_names(self, parsed: kq.ParsedQuery) -> None:
        """Two words typed apart that articles write as one (`next js`, `wi fi`,
        `e mail`): one unit, either way. Only when the index has the joined word."""
        lexicon, units, i = self._ranker.lexicon, parsed.units, 0
        while i + 1 < len(units):
            a, b = units[i], units[i + 1]
            if (len(a.words) == len(b.words) == 1 and len(a.alternatives) == 1
                    and len(b.alternatives) == 1 and not a.prefix  # b may be still typed
                    and a.words[0].in_phrase is None and b.words[0].in_phrase is None):
                joined = a.words[0].norm + b.words[0].norm
                term = stem_word(joined)
                # a word still being typed joins only as a whole word written so (`hub
                # spot`: hubspot), not as a stem (`custom proper` is custom properties)
                if (lexicon.doc_frequency(kq.WORDS_FIELD, joined) if b.prefix else any(
                        lexicon.doc_frequency(name, term) for name in TERM_FIELDS)):
                    units[i:i + 2] = [kq.joined_name(a.words + b.words, joined)]
            i += 1

    def _settle_prefixes(self, parsed: kq.ParsedQuery) -> None:
        """A last word that is already a whole word of the articles, as they write it, is
        searched as that word.

        Expanding a complete word ("billing" -> "billings", "billingsgate") costs a dozen
        more term matchers for little gain; short words ("pl", "ref") still expand, and
        the next keystroke re-decides. A word no article writes is still being typed even
        when it is some word's stem: `consol` is the stem of "console", but an agent who
        typed it may want "consolidated" (and `recov` "recovery", stem `recoveri`).
        """
        lexicon = self._ranker.lexicon
        for unit in parsed.units:
            if (unit.prefix and len(unit.prefix) >= kq.SETTLED_PREFIX_LENGTH
                    and lexicon.doc_frequency(kq.WORDS_FIELD, unit.prefix)):
                unit.prefix = None

    def _result(self, docnum: int, score: float, matcher: Matcher, marked: Hashable) -> Hit:
        """A ranked document as a result."""
        return _hit(*self._shown_entry(docnum, matcher, marked), score)

    def _shown_entry(self, docnum: int, matcher: Matcher, marked: Hashable
                     ) -> tuple[dict[str, Any], Snippet]:
        """A document's fields (its body aside) and snippet, remembered by (document,
        what is marked), for the next keystroke and a query asked again."""
        key = (docnum, marked)
        known = self._shown.pop(key, None)
        if known is None:
            fields = self._searcher.stored_fields(docnum)
            known = ({name: value for name, value in fields.items() if name != "body"},
                     _snippet(fields, matcher))
            if len(self._shown) >= SHOWN_ENTRIES:
                del self._shown[next(iter(self._shown))]  # the least recently shown
        self._shown[key] = known
        return known

    # -- spelling ------------------------------------------------------------------------

    def _known(self, unit: kq.Unit, by_sound: bool = False) -> bool:
        """Whether the index has the word (or, half-typed, a word it begins), or,
        `by_sound`, a word in the other script that it sounds like (`taka` is Bengali,
        not a misspelt "takes", when the query is Banglish)."""
        lexicon = self._ranker.lexicon
        term = unit.alternatives[0][0]
        if any(lexicon.doc_frequency(name, term) for name in TERM_FIELDS):
            return True
        if by_sound and unit.sound_field and (
                any(lexicon.doc_frequency(unit.sound_field, k) for k in unit.sounds)
                or (unit.sound_prefix
                    and lexicon.has_prefix(unit.sound_field, unit.sound_prefix))):
            return True
        return bool(unit.prefix) and kq.is_word_start(lexicon, unit.prefix or "")

    def _surface_form(self, term: str) -> str | None:
        """A word that articles use for `term` (stems are not words to show an agent):
        the most frequent indexed word with that stem, else one read from an article."""
        written = self._ranker.lexicon.expand(kq.WORDS_FIELD, term[:max(1, len(term) - 1)])
        same = {w: n for w, n in written.items() if stem_word(w) == term}
        if same:
            return max(sorted(same), key=lambda w: same[w])
        matcher = Matcher({term}, set())
        q = wq.Or([wq.Term(name, term) for name in ("title", "body")])
        for result in self._searcher.search(q, limit=3):
            for name in ("title", "summary", "body"):
                text = result.get(name) or ""
                for start, end in matcher.spans(text):
                    return text[start:end].casefold()
        return None

    def _correct(self, parsed: kq.ParsedQuery, banglish: bool = False) -> str | None:
        """The query with unknown words replaced by their closest known word, if any. In
        a Banglish query a word that sounds like a Bengali one is known as it is."""
        text = parsed.text
        replacements: list[tuple[int, int, str]] = []
        lexicon = self._ranker.lexicon
        for unit in parsed.units:
            if (not unit.correctable or len(unit.alternatives) > 1
                    or self._known(unit, by_sound=banglish)):
                continue
            word = unit.words[0]
            if word.norm.isdigit():
                continue
            better = suggest_term(lexicon, word.term)
            surface = self._surface_form(better) if better else None
            # Stems are close where words are not (charities -> chariti, 2 edits from
            # chart): what replaces the typed word must be as close to it as a
            # correction of the stem is to the stem.
            limit = max_distance(word.norm)
            if surface and damerau(word.norm, surface, limit) <= limit:
                replacements.append((word.start, word.end, surface))
        if not replacements:
            return None
        for start, end, better in sorted(replacements, reverse=True):
            text = text[:start] + better + text[end:]
        return text


def _drop_particles(parsed: kq.ParsedQuery) -> None:
    """In a Banglish query, `er`, `koto`, `nai` are what stop words are in English: they
    said the query is Bengali, and they are not searched (by sound, `koto` would meet
    every কত, কথা and কেটে). A query of nothing but particles keeps them."""
    kept = [u for u in parsed.units
            if not (len(u.words) == 1 and u.words[0].norm in kq.BANGLISH_PARTICLES)]
    if kept:
        parsed.units = kept


def ids_with_status(searcher: KnowledgeSearcher, statuses: list[str]) -> set[str]:
    """Ids of the articles with any of these statuses (drafts and archived ones are few):
    what agents are not shown, so "updated since you last looked" does not count them."""
    if not statuses:
        return set()
    q = wq.Or([wq.Term("status", status) for status in statuses])

    def read() -> set[str]:
        whoosh = searcher._searcher  # looked up inside: a damaged segment swaps it
        return {whoosh.stored_fields(docnum)["id"] for docnum in q.docs(whoosh)}

    return searcher._guarded(read)


def _snippet(fields: dict[str, Any], matcher: Matcher) -> Snippet:
    """An article's best passage for what `matcher` marks (its summary if none)."""
    return best_snippet(fields.get("body", ""), fields.get("summary", ""), matcher)


def _hit(fields: dict[str, Any], snippet: Snippet, score: float) -> Hit:
    tags = [t for t in fields.get("tags", "").split(",") if t]
    return Hit(
        id=fields["id"], title=fields.get("title", ""), path=fields["path"],
        product=fields.get("product", ""), tags=tags, language=fields.get("language", "en"),
        summary=fields.get("summary", ""), snippet=snippet.html,
        score=round(score, 4), status=fields.get("status", ""),
        visibility=fields.get("visibility", ""), section=snippet.heading,
        updated=fields.get("updated", ""), review_by=fields.get("review_by", ""),
    )
