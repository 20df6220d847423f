"""The one text analyzer for English and Bengali, used for indexing, queries and snippets.

Whoosh's stock tokenizer splits on `\\w`, which excludes combining marks, so Bengali vowel
signs and virama break words apart. Ours keeps marks (and the joiners) inside tokens, then
normalises each token on its own so character offsets still point into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter import stem as porter_stem

from kb_app import banglish, bengali

# Combining diacritics (and their extensions) and the Indic blocks, Devanagari to Sinhala.
_SCRIPT_BLOCKS = ((0x0300, 0x036F), (0x0900, 0x0DFF), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF),
                (0x20D0, 0x20FF), (0xFE20, 0xFE2F))


def _script_ranges() -> str:
    """The blocks we write in, less their punctuation and symbols, as class ranges.

    `\\w` leaves out combining marks (Bengali vowel signs, virama), so those blocks are
    added; but not whole, or their punctuation (the danda `।`, `॥`) and currency signs
    (`৳`) glue onto the word before them: `ফেরত।` would not be `ফেরত`. Letters and
    unassigned points stay in, which keeps the class a few dozen ranges long."""
    kept = [cp for first, last in _SCRIPT_BLOCKS for cp in range(first, last + 1)
             if unicodedata.category(chr(cp))[0] not in "PSZ"]
    ranges, start, prev = [], kept[0], kept[0]
    for cp in kept[1:] + [-1]:
        if cp != prev + 1:
            ranges.append(f"\\u{start:04x}" + (f"-\\u{prev:04x}" if prev > start else ""))
            start = cp
        prev = cp
    return "".join(ranges)


# Word characters plus combining marks and the joiners ZWJ/ZWNJ (part of Bengali words).
WORD_CHAR = rf"[\w{_script_ranges()}\u200c\u200d]"
TOKEN_PATTERN = WORD_CHAR + r"+(?:['’][a-zA-Z]+)?"
TOKEN_RE = re.compile(TOKEN_PATTERN)
_WHOLE = re.compile(r"(?s).*")
COMPOUND_JOINERS = frozenset("-.\u2010\u2011")  # hyphens and the dot of Next.js

ENGLISH_STOP_WORDS = frozenset(
    """a an and are as at be but by can do does did for from has have how i if in into is it
    its me my of on or our so than that the their them then there these they this to was we
    were what when where which who why will with you your""".split()
)
BENGALI_STOP_WORDS = frozenset(
    bengali.normalise(w)
    for w in """এবং ও কি কী না এই সেই যে যা তা আমি আমার আমাদের আপনি আপনার তিনি তারা হয় হবে
    হয়ে করে করা থেকে জন্য দিয়ে সাথে সঙ্গে একটি কোন কোনো কিন্তু বা তো""".split()
)
STOP_WORDS = ENGLISH_STOP_WORDS | BENGALI_STOP_WORDS


@lru_cache(maxsize=300_000)
def normalise_word(word: str) -> str:
    """Unicode NFC, no zero-width characters, ASCII digits, case folded."""
    return bengali.normalise(word).casefold().replace("’", "'")


@lru_cache(maxsize=300_000)
def stem_word(word: str) -> str:
    """Per-script stemming of a normalised word: Porter for Latin, suffixes for Bengali."""
    if word.isascii():
        return porter_stem(word.replace("'", "")) if word.isalpha() or "'" in word else word
    if bengali.is_bengali(word):
        return bengali.stem(word)
    return word


def _whole(value: str) -> list[re.Match[str]]:
    """The whole value as one match (Whoosh's `tokenize=False`: the value is one token)."""
    match = _WHOLE.match(value)  # matches any string, even an empty one
    return [match] if match is not None else []


class MultilingualTokenizer(Tokenizer):
    """Tokenise, normalise, drop stop words and stem in one pass.

    Equivalent to `RegexTokenizer(TOKEN_PATTERN) | normalise | StopFilter | stem`, fused
    because the four-generator pipeline cost half the index build time (measured on the
    10,000-article benchmark). Positions skip stop words, as Whoosh's StopFilter does.
    """

    def __init__(self, stem: bool = True) -> None:
        self.stem = stem

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MultilingualTokenizer) and other.stem == self.stem

    def __hash__(self) -> int:
        return hash((type(self), self.stem))

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs: Any) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        matches = TOKEN_RE.finditer(value) if tokenize else _whole(value)
        parts: list[str] = []  # the words of a compound so far (Wi-Fi, Next.js)
        start = end = -1
        for match in matches:
            word = normalise_word(match.group(0))
            if parts and not _joins(value, end, match.start()):
                if len(parts) > 1:
                    yield self._token(t, "".join(parts), pos - 1, start, end, start_char)
                parts = []
            if word and _has_letter(word):
                if not parts:
                    start = match.start()
                parts.append(word)
                end = match.end()
            if not word or word in STOP_WORDS:
                pos += 1
                continue
            self._token(t, word, pos, match.start(), match.end(), start_char)
            if keeporiginal:
                t.original = match.group(0)
            pos += 1
            yield t
        if len(parts) > 1:
            yield self._token(t, "".join(parts), pos - 1, start, end, start_char)

    def _token(self, t: Token, word: str, pos: int, start: int, end: int,
               start_char: int) -> Token:
        t.text = stem_word(word) if self.stem else word
        t.boost = 1.0
        t.stopped = False
        if t.positions:
            t.pos = pos
        if t.chars:
            t.startchar = start_char + start
            t.endchar = start_char + end
        return t


def _joins(text: str, end: int, start: int) -> bool:
    """Whether two words are parts of one written name: one hyphen or dot between them
    and nothing else (Wi-Fi, e-mail, Next.js, ওয়াই-ফাই)."""
    return start == end + 1 and text[end] in COMPOUND_JOINERS


def _has_letter(word: str) -> bool:
    return not word.isdigit()


def compounds(text: str) -> Iterator[tuple[list[str], int, int]]:
    """(normalised parts, start, end) of each compound written in `text` (see `_joins`):
    the index holds each also as one word (wifi, email, nextjs), so every way of
    writing a name meets the others."""
    yield from _compounds_of(text, words(text))


def _compounds_of(text: str, spans: Iterable[tuple[str, int, int]]
                  ) -> Iterator[tuple[list[str], int, int]]:
    parts: list[str] = []
    start = end = -1
    for word, s, e in spans:
        if parts and not _joins(text, end, s):
            if len(parts) > 1:
                yield parts, start, end
            parts = []
        if _has_letter(word):
            if not parts:
                start = s
            parts.append(word)
            end = e
    if len(parts) > 1:
        yield parts, start, end


def analyzer() -> MultilingualTokenizer:
    """The searchable-text analyzer: words kept whole, normalised, stop words out, stemmed."""
    return MultilingualTokenizer(stem=True)


def words(text: str) -> Iterator[tuple[str, int, int]]:
    """(normalised word, start, end) for every word in `text`, stop words included."""
    for m in TOKEN_RE.finditer(text):
        word = normalise_word(m.group(0))
        if word:
            yield word, m.start(), m.end()


def terms(text: str) -> list[str]:
    """The index terms a piece of text produces, in order (what a query is matched with)."""
    return [stem_word(w) for w, _, _ in words(text) if w not in STOP_WORDS]


def sound_keys(text: str, script: str) -> list[str]:
    """Every sound key of the `script` ("bn" or "en") words in `text`, in order."""
    if script == "bn" and not _BENGALI_CHAR.search(text):
        return []  # an English text: no word to ask
    found: list[str] = []
    for word, _, _ in words(text):
        found.extend(word_sound_keys(word, script))
    return found


_BENGALI_CHAR = re.compile(f"[{chr(bengali.BENGALI_START)}-{chr(bengali.BENGALI_END)}]")


@lru_cache(maxsize=300_000)
def word_sound_keys(word: str, script: str) -> tuple[str, ...]:
    """One written word's sound keys (kb_app.banglish) if it is of `script` ("bn":
    Bengali, "en": Latin letters), else none: what lets a word typed in one script meet
    this one. Words repeat: a build asks for the same ones again and again."""
    if word in STOP_WORDS:
        return ()
    if script == "bn" and bengali.is_bengali(word):
        return tuple(banglish.bengali_keys(word))
    if script == "en" and word.isascii():
        keys = banglish.english_keys(word) + banglish.english_keys(stem_word(word))
        return tuple(dict.fromkeys(keys))  # recharge and its stem recharg
    return ()


def written_words(text: str) -> list[str]:
    """The distinct words of a text as written (normalised, not stemmed, stop words out)
    and its compounds joined (`wifi`): what a half-typed word is completed from, and what
    the sound keys are taken from (kb_app.wordlists). The same words as
    `MultilingualTokenizer(stem=False)` gives, without positions.

    Each distinct token is normalised once, and only the stretches of text around a
    joiner are split into words again for compounds: a segment's lists are derived from
    every article's text, and a split of the whole text cost most of that."""
    distinct: dict[str, None] = {}
    for raw in dict.fromkeys(TOKEN_RE.findall(text)):
        word = normalise_word(raw)
        if word and word not in STOP_WORDS:
            distinct[word] = None
    done = 0
    for joined in _JOINED.finditer(text):
        if joined.start() < done:
            continue
        start = joined.start()
        while start and _NAME_CHAR.match(text, start - 1):
            start -= 1
        end = _NAME_TAIL.match(text, joined.start()).end()  # type: ignore[union-attr]
        stretch = text[start:end]  # bounded by characters no word or join holds
        for parts, _, _ in _compounds_of(stretch, words(stretch)):
            distinct["".join(parts)] = None
        done = end
    return list(distinct)


# Where a compound can be: a joiner between two word characters, in a stretch of word
# characters, joiners and apostrophes (what a word and a join are made of).
_JOINERS_CLASS = "".join(sorted(COMPOUND_JOINERS)).replace("-", "\\-")
_JOINED = re.compile(f"{WORD_CHAR}[{_JOINERS_CLASS}]{WORD_CHAR}")
_NAME_CHAR = re.compile(f"(?:{WORD_CHAR}|[{_JOINERS_CLASS}'’])")
_NAME_TAIL = re.compile(f"(?:{WORD_CHAR}|[{_JOINERS_CLASS}'’])*")
