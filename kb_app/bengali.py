"""Bengali text rules: digits, zero-width characters and a light suffix-stripping stemmer.

Bengali nouns take plural markers, classifiers and case endings as suffixes
(`গ্রাহক` + `দের`, `অভিযোগ` + `গুলি`); agents type the bare stem, so the index and the
query both reduce words to it. The stemmer is deliberately conservative: it only strips
known endings, never leaves a stem shorter than two letters, and never cuts inside a
conjunct (a suffix whose first consonant follows a virama belongs to the word).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

BENGALI_START, BENGALI_END = 0x0980, 0x09FF
VIRAMA = "\u09cd"
ZERO_WIDTH = {"\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u00ad": None}
DIGITS = {ord("০") + i: str(i) for i in range(10)}
VOWEL_SIGNS = set("\u09be\u09bf\u09c0\u09c1\u09c2\u09c3\u09c4\u09c7\u09c8\u09cb\u09cc")

_NORMALISE_TABLE = str.maketrans({**{ord(k): v for k, v in ZERO_WIDTH.items()}, **DIGITS})

# Longest first within each group. Classifiers/plurals come off after case endings:
# গ্রাহকদেরকে -> গ্রাহকদের -> গ্রাহক.
_CASE_ENDINGS = [
    "দেরকে", "েরকে", "য়েরা", "য়ের", "েদের", "দের", "েরা", "য়ে", "েতে", "কে", "তে",
    "ের", "রা", "র", "ে", "য়",
]
_PLURALS_AND_CLASSIFIERS = ["গুলো", "গুলি", "গুলী", "খানা", "খানি", "টুকু", "টি", "টা", "টে"]
_VERB_ENDINGS = ["েছিলেন", "েছেন", "েছিল", "েছে", "াবেন", "বেন", "ুন", "েন", "লেন", "তেন",
                 # future, past and continuous forms, and the verbal noun: বদলাব,
                 # বদলাবে, বদলালাম, বদলাচ্ছে, বদলানো all meet বদলাতে on বদলা
                 "েছিলাম", "ছিলাম", "েছি", "চ্ছিলেন", "চ্ছিল", "চ্ছেন", "চ্ছে", "চ্ছি",
                 "লাম", "বো", "ব", "নো"]
# Endings that come off only after a vowel sign: the genitive -র (টাকার; after a
# consonant it ends the word: খবর), the future -ব and the verbal noun -নো, which follow
# a verb's final vowel (বদলাব, বদলানো; করব keeps its ব). A noun that happens to end so
# (জবাব -> জবা) is cut alike in the query and the index, so it still meets itself.
AFTER_VOWEL_SIGN = ("র", "ব", "নো")

MIN_STEM = 2


def _nfc_all(words: list[str]) -> list[str]:
    """NFC, without repeats, longest first; ties in code-point order so every run (and the
    exported site's search index built from these lists) is byte-identical."""
    return sorted({unicodedata.normalize("NFC", w) for w in words}, key=lambda w: (-len(w), w))


VERB_ENDINGS = _nfc_all(_VERB_ENDINGS)
NOUN_ENDINGS = _nfc_all(_CASE_ENDINGS + _PLURALS_AND_CLASSIFIERS)
SHORT_ENDINGS = _nfc_all(["ে", "য়"])  # one-letter endings: only after a stem of 3 or more


def is_bengali(word: str) -> bool:
    return any(BENGALI_START <= ord(ch) <= BENGALI_END for ch in word)


_ZERO_WIDTH_TABLE = str.maketrans({ord(k): v for k, v in ZERO_WIDTH.items()})


def canonical(text: str) -> str:
    """NFC without zero-width characters: the form stored for snippets (digits kept)."""
    return unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH_TABLE)


def normalise(text: str) -> str:
    """NFC, without zero-width joiners/non-joiners, with Bengali digits as ASCII digits."""
    return unicodedata.normalize("NFC", text).translate(_NORMALISE_TABLE)


def _strip_one(word: str, endings: list[str]) -> str:
    for ending in endings:
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if len(stem) < MIN_STEM or stem.endswith(VIRAMA):
            continue
        if ending in AFTER_VOWEL_SIGN and stem[-1] not in VOWEL_SIGNS:
            continue  # e.g. genitive -র only follows a vowel; else it is part of the word
        if ending in SHORT_ENDINGS and len(stem) < 3:
            continue
        return stem
    return word


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Reduce an inflected Bengali word to its stem (expects normalised text)."""
    return stem_forms(word)[-1]


@lru_cache(maxsize=200_000)
def stem_forms(word: str) -> tuple[str, ...]:
    """The word and each shorter form stemming passes through, ending with the stem.

    Stripping runs to a fixed point so every inflected form of a word lands on the same
    stem, whichever ending was matched first (রাউটার, রাউটারের, রাউটারটি all meet). The
    forms on the way are kept for those who need the word before the last cut: the
    genitive -র also ends loanwords (অর্ডারটি, অর্ডার, অর্ডা)."""
    if not is_bengali(word):
        return (word,)
    verb = _strip_one(word, VERB_ENDINGS)
    if verb != word:
        return (word, verb)
    forms = [word]
    for _ in range(4):
        shorter = _strip_one(forms[-1], NOUN_ENDINGS)
        if shorter == forms[-1]:
            break
        forms.append(shorter)
    return tuple(forms)
