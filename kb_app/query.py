"""Turning what an agent typed into query units, safely.

Agents type fragments mid-call, not query syntax: their text never reaches a query
parser. Words are analysed exactly as the index was; quotes make a phrase only when they
balance; the last word is a prefix while it is still being typed; synonym groups widen a
word or phrase to its group. Whatever the input, the result is a (possibly empty) list
of units.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kb_app import banglish, wordlists
from kb_app.analysis import STOP_WORDS, compounds, normalise_word, stem_word, words
from kb_app.bengali import is_bengali
from kb_app.synonyms import Phrase, Synonyms

if TYPE_CHECKING:
    from kb_app.lexicon import Lexicon

MAX_QUERY_CHARS = 1000
MAX_UNITS = 32
MIN_PREFIX = 2
SETTLED_PREFIX_LENGTH = 4  # a known word this long is taken as typed, not expanded
PREFIX_EXPANSIONS = 12
PREFIX_BOOST = 0.75
PHRASE_SLOP = 2  # stop words removed at index time leave gaps in positions

# Small words that mark Latin letters as Bengali (case endings and particles typed apart,
# question words, common verbs): "router er password", "bill koto", "net nai".
BANGLISH_PARTICLES = frozenset("""
    er e r te ke der ra ta ti gulo na nai nei ki koto keno kothay kivabe kibhabe kobe
    kemon hoy hoyni hocche hoise hoyeche ache ase asche nai korbo korte korun kore koren
    dite dilam diye hobe hbe theke jonno kintu ar amar apnar ami apni ekhon akhon
    """.split())

# Words an agent adds around what they look for: in a query they may add to a score but
# are never required ("page not loading" needs page and loading; "please help with my
# bill" needs bill). Question words and pronouns are stop words already.
SOFT_WORDS = frozenset("""
    not no never cannot cant dont doesnt didnt wont isnt please want wants wanted need
    needs get gets getting got way ways able still also just any anything some something
    all every again already really very much many more should would could shall let lets
    know tell help thing things possible anyone someone now here there one
    about above across after against along among around before behind below beside
    between beyond during except inside near off onto out outside over past since
    through toward towards under until upon within without
    """.split()) | frozenset(normalise_word(w) for w in """কিভাবে কীভাবে কেন কবে কোথায় কেমন
    আছে নেই হচ্ছে পারছি পারছেন পারি চাই চাচ্ছি দরকার একটু""".split())

# A number joined to a word is a name written two ways ("2-factor", "two-factor";
# "৩-বছরের", "তিন-বছরের"): joined so, a digit also asks for its word in either language, a
# number word for its digits. Not a number standing alone: "two payments" would then meet
# every "2 hours". One is left out (`one`, এক are "a" as often as a number), and নয়
# (nine, but also "is not").
NUMBER_WORDS = {
    "2": ("two", "দুই"), "3": ("three", "তিন"), "4": ("four", "চার"), "5": ("five", "পাঁচ"),
    "6": ("six", "ছয়"), "7": ("seven", "সাত"), "8": ("eight", "আট"), "9": ("nine",),
    "10": ("ten", "দশ"), "11": ("eleven", "এগারো"), "12": ("twelve", "বারো"),
}
_NUMBER_OF = {normalise_word(word): digits for digits, said in NUMBER_WORDS.items()
              for word in said}

# Where a match counts for how much: a title match outranks a body mention.
FIELD_BOOSTS = {"title": 4.0, "meta": 2.0, "body": 1.0}
PREFIX_FIELDS = ("title", "body")
# The words as written (normalised, not stemmed), for half-typed words: `settin` is no
# stem's beginning (settings -> set) but it begins `setting` (kb_app.wordlists).
WORDS_FIELD = wordlists.WORDS


@dataclass
class QueryWord:
    surface: str  # as typed
    norm: str  # normalised, not stemmed
    term: str  # stemmed index term
    start: int
    end: int
    in_phrase: int | None = None  # which quoted phrase, if any
    prefix: bool = False  # the word still being typed


@dataclass
class Unit:
    """One thing the query asks for: a word, a quoted phrase or a synonym group."""

    alternatives: list[Phrase]
    words: list[QueryWord]
    prefix: str | None = None  # normalised text to expand as a prefix
    # How the word sounds, to meet it in the other script (kb_app.banglish): keys to look
    # up in `sound_field` ("sound_bn" for a Latin word, "sound_en" for a Bengali one), or
    # for a Latin word still being typed, a key to expand as a prefix.
    sounds: list[str] = field(default_factory=list)
    sound_field: str | None = None
    sound_prefix: str | None = None
    # A name in parts (`two-factor`, `wi fi`): its parts are asked for together in a
    # document, not as a phrase (positions read for every document holding both cost
    # 100 ms at 100,000 articles; the joined word finds the name written either way).
    parts_together: bool = False

    @property
    def correctable(self) -> bool:
        return len(self.words) == 1 and self.words[0].in_phrase is None


@dataclass
class ParsedQuery:
    text: str
    units: list[Unit] = field(default_factory=list)

    def highlight_terms(self) -> set[str]:
        return {t for u in self.units for alt in u.alternatives for t in alt}

    def prefixes(self) -> set[str]:
        return {u.prefix for u in self.units if u.prefix}


def is_soft(unit: Unit) -> bool:
    """A unit that is one filler word (`SOFT_WORDS`, apostrophes aside: `doesn't` as
    `doesnt`), not in quotes."""
    return (len(unit.words) == 1 and unit.words[0].in_phrase is None
            and not unit.words[0].prefix
            and unit.words[0].norm.replace("'", "") in SOFT_WORDS)


def clean(text: str) -> str:
    """Drop control characters and cap the length: any input is safe to search."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" and ch not in "\u200c\u200d"
                   else ch for ch in text[:MAX_QUERY_CHARS])
    return text


def parse(text: str, synonyms: Synonyms | None = None) -> ParsedQuery:
    text = clean(text)
    found = _query_words(text)
    names = {start: (parts, end) for parts, start, end in compounds(text)}
    parsed = ParsedQuery(text)
    i = 0
    while i < len(found) and len(parsed.units) < MAX_UNITS:
        word = found[i]
        name = names.get(word.start) if word.in_phrase is None else None
        if name is not None:
            group = [w for w in found[i:] if w.end <= name[1] and w.in_phrase is None]
            parsed.units.append(joined_name(group, "".join(name[0])))
            i += len(group)
            continue
        if word.in_phrase is not None:
            group = [w for w in found[i:] if w.in_phrase == word.in_phrase]
            parsed.units.append(Unit([tuple(w.term for w in group)], group))
            i += len(group)
            continue
        match = _synonym_at(found, i, synonyms)
        if match:
            size, group_phrases = match
            parsed.units.append(Unit(list(group_phrases), found[i:i + size]))
            i += size
            continue
        prefix = word.norm if word.prefix and len(word.norm) >= MIN_PREFIX else None
        forms: list[Phrase] = (_number_forms(word) if _hyphenated(text, word)
                               else [(word.term,)])
        parsed.units.append(_with_sound(Unit(forms, [word], prefix)))
        i += 1
    return parsed


def joined_name(group: list[QueryWord], joined: str) -> Unit:
    """A name written in parts (`next.js`, `wi fi`) as one unit: the parts in a row, or
    the parts written as one word (the index holds compounds both ways); a number word
    among the parts also in digits (`three-year`: 3-year, where digits are not joined)."""
    prefix = joined if group[-1].prefix and len(joined) >= MIN_PREFIX else None
    alternatives: list[Phrase] = [(stem_word(joined),)]
    if len(group) > 1:
        alternatives.insert(0, tuple(w.term for w in group))
        if any(w.norm in _NUMBER_OF for w in group):
            alternatives.append(tuple(_NUMBER_OF.get(w.norm, w.term) for w in group))
    return Unit(alternatives, group, prefix, parts_together=True)


def _hyphenated(text: str, word: QueryWord) -> bool:
    """Whether a hyphen joins the word to the one before or after it."""
    return (text[word.end:word.end + 1] == "-" and text[word.end + 1:word.end + 2].isalnum()
            or word.start > 1 and text[word.start - 1] == "-"
            and text[word.start - 2].isalnum())


def _number_forms(word: QueryWord) -> list[Phrase]:
    """The word, and a number's other ways of being written (`NUMBER_WORDS`)."""
    if word.norm in NUMBER_WORDS:
        others = NUMBER_WORDS[word.norm]
    elif word.norm in _NUMBER_OF:
        others = (_NUMBER_OF[word.norm],)
    else:
        return [(word.term,)]
    return list(dict.fromkeys([(word.term,), *((stem_word(normalise_word(other)),)
                                              for other in others)]))


def _with_sound(unit: Unit) -> Unit:
    """A one-word unit also asks for the word's sound in the other script."""
    word = unit.words[0]
    if banglish.is_latin(word.norm):
        unit.sound_field = "sound_bn"
        if word.prefix:
            keys = banglish.latin_keys(word.norm)
            unit.sound_prefix = keys[0] if keys else None
        else:
            unit.sounds = banglish.latin_keys(word.norm)
    elif is_bengali(word.norm):
        unit.sound_field = "sound_en"
        unit.sounds = list(banglish.bengali_keys(word.norm))
    if not (unit.sounds or unit.sound_prefix):
        unit.sound_field = None
    return unit


def _query_words(text: str) -> list[QueryWord]:
    """Words outside stop words, with quoted phrases marked when the quotes balance."""
    quotes = [i for i, ch in enumerate(text) if ch == '"']
    spans = list(zip(quotes[0::2], quotes[1::2], strict=False)) if len(quotes) % 2 == 0 else []
    result = []
    for norm, start, end in words(text):
        if norm in STOP_WORDS:
            continue
        phrase = next((n for n, (a, b) in enumerate(spans) if a < start < b), None)
        result.append(QueryWord(text[start:end], norm, stem_word(norm), start, end, phrase))
    if result and result[-1].in_phrase is None and result[-1].end == len(text.rstrip("\n")):
        result[-1].prefix = result[-1].end == len(text)
    return result


def _synonym_at(found: list[QueryWord], i: int,
                synonyms: Synonyms | None) -> tuple[int, list[Phrase]] | None:
    if not synonyms or not synonyms.groups:
        return None
    run = []
    for word in found[i:]:
        if word.in_phrase is not None:
            break
        run.append(word.term)
    return synonyms.match(run, 0) if run else None


def expand_prefix(lexicon: Lexicon, field: str, prefix: str) -> list[str]:
    """The most frequent terms of `field` starting with `prefix`, fewer for shorter
    prefixes, so two typed letters never turn into hundreds of terms to score."""
    found = lexicon.expand(field, prefix)
    return most_frequent(found, _wanted(prefix))


def complete(lexicon: Lexicon, field: str, prefix: str) -> list[str]:
    """The stems in `field` of the words a half-typed word may become: stems that start
    with it (`pl`: plan, plausibl) and the stems of the words as written that start with
    it (`settin`: setting, settings -> set; `locatio`: location -> locat), since a Porter
    stem can be shorter than what was typed. Most frequent first, as `expand_prefix`."""
    wanted = _wanted(prefix)
    found = lexicon.expand(field, prefix)
    for word in most_frequent(lexicon.expand(WORDS_FIELD, prefix), wanted):
        stem = stem_word(word)
        if stem not in found:
            frequency = lexicon.doc_frequency(field, stem)
            if frequency:
                found[stem] = frequency
    return most_frequent(found, wanted)


def is_word_start(lexicon: Lexicon, prefix: str) -> bool:
    """Whether some indexed word (as written) or stem begins with `prefix`."""
    return lexicon.has_prefix(WORDS_FIELD, prefix) or any(
        lexicon.has_prefix(name, prefix) for name in PREFIX_FIELDS)


def _wanted(prefix: str) -> int:
    return PREFIX_EXPANSIONS if len(prefix) >= 4 else PREFIX_EXPANSIONS // 2


def most_frequent(found: dict[str, int], wanted: int) -> list[str]:
    """The `wanted` terms with the most documents, ties in term order."""
    return sorted(found, key=lambda term: (-found[term], term))[:wanted]
