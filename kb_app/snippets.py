"""Snippets: the passage of an article that best matches the query, with matches marked.

Agents read the snippet to decide which result to open, so it comes from the section
where most query words meet, not just the first mention. Only words that a regular
expression picks out as candidates are analysed, which keeps long articles fast.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from kb_app import plaintext
from kb_app.analysis import WORD_CHAR, normalise_word, stem_word

WINDOW = 220  # characters of context in a snippet
# Bounds that keep a snippet cheap whatever the article: only the start of a huge section
# is looked at, and only so many matches in it are weighed.
SCAN_CHARS = 100_000
MAX_SPANS = 1_000
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
MAX_GAP = 8  # characters between two words side by side (", ", " - ", "): ")
_WORD_CHAR_RE = re.compile(WORD_CHAR)
_WORD_TAIL_RE = re.compile(f"{WORD_CHAR}*")


@dataclass(frozen=True)
class Snippet:
    heading: str
    html: str  # escaped text with <mark>…</mark> around matched words
    # The query's words (as Matcher.key gives them) that stand side by side somewhere in
    # the text, nothing but spaces and punctuation between them (kb_app.proximity).
    together: frozenset[tuple[str, str]] = frozenset()

    @property
    def text(self) -> str:
        return html.unescape(self.html.replace(MARK_OPEN, "").replace(MARK_CLOSE, ""))


class Matcher:
    """Decides which words of a text match the query: by stem or typed prefix. Words of
    the other script that sound like a query word (kb_app.banglish) come as the stems
    the search scored for them (kb_app.search), so a Bengali word that `taka` found is
    marked as exactly as an English one.

    Stems are prefixes of their words, give or take the last letter (Porter's y->i), so
    one regular expression finds the few candidate words and only those are analysed.
    """

    def __init__(self, terms: set[str], prefixes: set[str]) -> None:
        self.terms = terms
        self.prefixes = prefixes
        self._seen: dict[str, str | None] = {}  # word -> its key: articles repeat words
        probes = {t[: max(3, len(t) - 1)] for t in terms} | prefixes
        patterns = [_probe_pattern(p) for p in sorted(probes, key=len, reverse=True)]
        # The probes alone are compiled (a pattern holding the word class took 1-2 ms to
        # compile, every query); words are bounded around each hit by precompiled ones.
        # They are searched for in the text case-folded, as words are normalised (probes
        # are case-folded words), four times faster than with IGNORECASE, which a text
        # that folding would lengthen (ß, İ) still gets.
        self._source = "|".join(patterns)
        self._candidates = re.compile(self._source) if patterns else None
        self._any_case: re.Pattern[str] | None = None

    def key(self, norm: str) -> str | None:
        """What a normalised word matches: its stem, if that is one of the terms, or
        else the typed prefix it begins with; None: it does not match."""
        known = self._seen.get(norm, "")  # "": not seen yet (no key is empty)
        if known != "":
            return known
        stem = stem_word(norm)
        found = stem if stem in self.terms else next(
            (p for p in self.prefixes if norm.startswith(p)), None)
        self._seen[norm] = found
        return found

    def matches(self, norm: str) -> bool:
        return self.key(norm) is not None

    def spans(self, text: str, limit: int | None = None) -> list[tuple[int, int]]:
        """Matched words in `text`, in order; at most `limit` of them."""
        return [(start, end) for start, end, _ in self.keyed_spans(text, limit)]

    def keyed_spans(self, text: str, limit: int | None = None) -> list[tuple[int, int, str]]:
        """Matched words in `text` with what each matches (`key`), in order; at most
        `limit` of them."""
        found: list[tuple[int, int, str]] = []
        if self._candidates is None or limit == 0:
            return found
        for start, end in self._word_hits(text):
            key = self.key(normalise_word(text[start:end]))
            if key is not None:
                found.append((start, end, key))
                if len(found) == limit:
                    break
        return found

    def _word_hits(self, text: str) -> Iterator[tuple[int, int]]:
        """The words that begin with a probe: each hit at a word's start, extended to
        the word's end."""
        assert self._candidates is not None
        folded = text.casefold()
        if len(folded) == len(text):  # one character for one: the same offsets
            hits = self._candidates.finditer(folded)
        else:
            if self._any_case is None:
                self._any_case = re.compile(self._source, re.IGNORECASE)
            hits = self._any_case.finditer(text)
        for hit in hits:
            start = hit.start()
            if start and _WORD_CHAR_RE.match(text, start - 1):
                continue  # inside a word
            tail = _WORD_TAIL_RE.match(text, hit.end())
            yield start, tail.end() if tail else hit.end()


def _probe_pattern(probe: str) -> str:
    """A probe as a pattern that also finds Bengali digits for ASCII ones."""
    return "".join(f"[{ch}{chr(0x09E6 + int(ch))}]" if ch.isdigit() and ch.isascii()
                   else re.escape(ch) for ch in probe)


def best_snippet(packed_body: str, fallback: str, matcher: Matcher) -> Snippet:
    """The section's passage where most query words meet; and, from the same scan, which
    query words stand side by side anywhere in the body."""
    best: tuple[int, plaintext.Section, list[tuple[int, int]]] | None = None
    together: set[tuple[str, str]] = set()
    for full in plaintext.unpack(packed_body):
        section = plaintext.Section(full.heading[:SCAN_CHARS], full.text[:SCAN_CHARS])
        keyed = matcher.keyed_spans(section.text, MAX_SPANS)
        together.update(side_by_side(section.text, keyed))
        spans = [(start, end) for start, end, _ in keyed]
        heading_hits = len(matcher.spans(section.heading, MAX_SPANS))
        distinct = len({section.text[s:e].casefold() for s, e in spans})
        score = distinct * 10 + min(len(spans), 10) + heading_hits * 5
        if spans and (best is None or score > best[0]):
            best = (score, section, spans)
    if best is None:
        text, more = _window(fallback[:SCAN_CHARS], 0)
        return Snippet("", mark(text, matcher.spans(text)) + more)
    _, section, spans = best
    start = _window_start(section.text, spans)
    text, more = _window(section.text, start)
    shifted = [(s - start, e - start) for s, e in spans if s >= start and e - start <= len(text)]
    return Snippet(section.heading, ("… " if start else "") + mark(text, shifted) + more,
                   frozenset(together))


def side_by_side(text: str, keyed: list[tuple[int, int, str]]) -> set[tuple[str, str]]:
    """The keys of neighbouring matched words with no word between them (a stop word
    counts as one: "page is loading" is not "page loading")."""
    return {(first, second) for (_, end, first), (start, _, second) in pairwise(keyed)
            if start - end <= MAX_GAP and first != second
            and not _WORD_CHAR_RE.search(text, end, start)}


def _window_start(text: str, spans: list[tuple[int, int]]) -> int:
    """Start of the window holding the most matches, backed up to a word boundary.

    One pass with two pointers (spans are in order and do not overlap): counting the
    matches after every match afresh took seconds on an article repeating one word."""
    best_start, best_count = spans[0][0], 0
    end = 0
    ends = [b for _, b in spans]
    for first, (s, _) in enumerate(spans):
        end = max(end, first)
        while end < len(spans) and ends[end] <= s + WINDOW:
            end += 1
        if end - first > best_count:
            best_start, best_count = s, end - first
    if best_start < 60:
        return 0
    cut = text.rfind(" ", 0, best_start - 40)
    return cut + 1 if cut > 0 else 0


def _window(text: str, start: int) -> tuple[str, str]:
    """(WINDOW characters from `start`, cut at a space; " …" if text was left out)."""
    end = start + WINDOW
    if end >= len(text):
        return text[start:], ""
    cut = text.rfind(" ", start, end)
    return text[start: cut if cut > start else end], " …"


def mark(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in spans:
        out.append(html.escape(text[pos:s]))
        out.append(f"{MARK_OPEN}{html.escape(text[s:e])}{MARK_CLOSE}")
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)
