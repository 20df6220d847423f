"""Banglish: Bengali words found by what agents type in Latin letters, and the reverse.

Agents in Bangladeshi contact centres type Bengali in Latin letters, loosely (`taka
ferot`, `shomoy` or `somoy`, `kharap`), and Bengali articles write English loanwords in
Bengali script (রাউটার, ওয়ারেন্টি, রিচার্জ). Neither side has one spelling, so a word in
either script is reduced to a *sound key*: its consonants, with the letters Bengali
speakers do not tell apart merged into one class (শ ষ স s sh; ট ঠ ত থ t th; ক খ k kh;
ফ f ph; ব ভ b v bh; জ ঝ য z j), vowels left out (Latin writes the inherent vowel
Bengali leaves unwritten, and a/o, e/i are swapped freely), semivowels (য়, w, y) left out,
doubled letters single. `টাকা` and `taka` are both `tk`; `ফেরত`, `ferot`, `pherat` are
`frt`; `রাউটার` and `router` are `rtr`; `ওয়ারেন্টি` and `warranty` are `rnt`.

A Bengali word gives the keys of itself and of its stem (the index's own stemmer strips
`-ের`, `-তে`, `-টি`), so every inflected form carries the key of its word; a Latin word
also gives the keys of its common Banglish endings cut off (`routerer`, `deliverite`).
Keys shorter than MIN_KEY consonants say too little to match on.

The avro-py library (Avro phonetic) was tried: it turns Latin into one exact Bengali
spelling (`shomoy` became শময়, not সময়; `router` রউতের) and its reverse garbles
loanwords, so it cannot meet loose spellings; nothing of it is used.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kb_app import bengali

MIN_KEY = 2  # consonants: `tk` (taka) is the shortest key worth matching

VIRAMA, NUKTA = "\u09cd", "\u09bc"
_BENGALI_CONSONANTS = {
    "ক": "k", "খ": "k", "গ": "g", "ঘ": "g", "ঙ": "n", "চ": "c", "ছ": "c", "জ": "j",
    "ঝ": "j", "ঞ": "n", "ট": "t", "ঠ": "t", "ড": "d", "ঢ": "d", "ণ": "n", "ত": "t",
    "থ": "t", "দ": "d", "ধ": "d", "ন": "n", "প": "p", "ফ": "f", "ব": "b", "ভ": "b",
    "ম": "m", "য": "j", "র": "r", "ল": "l", "শ": "s", "ষ": "s", "স": "s", "হ": "h",
    "ৎ": "t", "ং": "n", "ঋ": "r", "\u09c3": "r",  # ঋ and its sign ৃ say "ri"
}
_NUKTA_FORMS = {"ড": "r", "ঢ": "r", "য": ""}  # ড় ঢ় say r; য় is a glide
# After a virama these consonants are not said as themselves: য-ফলা and ব-ফলা lengthen the
# consonant before them (বিশ্ব, ব্যাংক).
_SILENT_AFTER_VIRAMA = {"য", "ব"}
_CLUSTERS = {"ক্ষ": "k", "জ্ঞ": "g"}  # said "kh" and "gy"

# Latin spellings, longest first; what is not listed maps to itself if it is a consonant.
_LATIN = [
    ("tion", "sn"), ("sch", "s"), ("ng", "n"), ("ch", "c"), ("kh", "k"), ("gh", "g"),
    ("jh", "j"), ("th", "t"), ("dh", "d"), ("ph", "f"), ("bh", "b"), ("sh", "s"),
    ("rh", "r"), ("ck", "k"), ("qu", "k"), ("x", "ks"), ("q", "k"), ("z", "j"),
    ("v", "b"), ("w", ""), ("y", ""),
]
_LATIN_CONSONANTS = set("bcdfghjklmnprst")
_SOFT = set("eiy")  # c and g before these letters sound s and j in English loanwords
# Endings Banglish adds to words (routerer, deliverite, orderta, phonegulo), longest first.
_LATIN_ENDINGS = ("gulo", "guli", "gula", "der", "tay", "ter", "te", "ke", "er", "ra", "ta",
                  "ti", "e", "r")
_LATIN_WORD = re.compile(r"^[a-z]+$")
_DOUBLED = re.compile(r"(.)\1+")


def is_latin(word: str) -> bool:
    return bool(_LATIN_WORD.match(word))


def _collapse(parts: list[str]) -> str:
    """The consonant classes in order, each repeated run said once."""
    key: list[str] = []
    for part in parts:
        for ch in part:
            if not key or key[-1] != ch:
                key.append(ch)
    return "".join(key)


@lru_cache(maxsize=200_000)
def bengali_key(word: str) -> str:
    """The sound key of a (normalised, ideally stemmed) Bengali word; "" if too short."""
    text = unicodedata.normalize("NFC", word)
    for cluster, sound in _CLUSTERS.items():
        text = text.replace(cluster, f"\x00{sound}\x00")
    parts: list[str] = []
    chars = list(text)
    for i, ch in enumerate(chars):
        after_virama = i > 0 and chars[i - 1] == VIRAMA
        if i + 1 < len(chars) and chars[i + 1] == NUKTA and ch in _NUKTA_FORMS:
            parts.append(_NUKTA_FORMS[ch])
        elif after_virama and ch in _SILENT_AFTER_VIRAMA and not (
                ch == "ব" and i > 1 and chars[i - 2] == "ম"):  # ম্ব is said mb: নম্বর
            continue
        elif ch in _BENGALI_CONSONANTS:
            parts.append(_BENGALI_CONSONANTS[ch])
        elif ch.isascii() and ch.isalpha():
            parts.append(ch)  # the cluster sounds put in above
    key = _collapse(parts)
    return key if len(key) >= MIN_KEY else ""


@lru_cache(maxsize=200_000)
def bengali_keys(word: str) -> tuple[str, ...]:
    """Sound keys of a normalised Bengali word: of the word and of each form the stemmer
    passes through to its stem. All of them, because the light stemmer cuts some
    loanwords short (অর্ডারটি, অর্ডার, অর্ডা) while the whole word carries its ending."""
    forms = bengali.stem_forms(word)
    keys = [bengali_key(form) for form in forms]
    # A form on the way to the stem counts only if its key says enough: রাউটা (rt) of
    # রাউটার would otherwise meet every Latin word with an r and a t.
    return tuple(k for n, k in enumerate(keys) if k and k not in keys[:n]
                 and (n in (0, len(forms) - 1) or len(k) > MIN_KEY))


def latin_keys(word: str) -> list[str]:
    """Sound keys of a lower-case Latin word: the word as typed, the word with a Banglish
    ending cut off, and the soft-c/soft-g readings of loanwords (`recharge`). Most
    specific first, without repeats; empty for words too short to say much."""
    if not is_latin(word):
        return []
    stems = [word] + [word[: -len(e)] for e in _LATIN_ENDINGS
                      if word.endswith(e) and len(word) - len(e) >= 3]
    keys: list[str] = []
    for n, stem in enumerate(stems):
        shortest = MIN_KEY if n == 0 else MIN_KEY + 1  # `rout` of router says too little
        for key in _latin_readings(stem):
            if len(key) >= shortest and key not in keys:
                keys.append(key)
    return keys


def english_keys(word: str) -> list[str]:
    """Sound keys of a word in an English article (give it the Porter stem): what a
    Bengali-script loanword query meets (রাউটার finds the router articles). No Banglish
    endings are cut: English words do not take them."""
    if not is_latin(word):
        return []
    return [key for key in _latin_readings(word) if len(key) >= MIN_KEY]


@lru_cache(maxsize=50_000)
def _latin_readings(word: str) -> tuple[str, ...]:
    plain = _latin_key(word, soft=False)
    soft = _latin_key(word, soft=True)
    return (plain,) if soft == plain else (plain, soft)


def _latin_key(word: str, soft: bool) -> str:
    word = _DOUBLED.sub(r"\1", word)  # "hocche", "ossubidha": said once
    parts: list[str] = []
    i = 0
    while i < len(word):
        for spelling, sound in _LATIN:
            if word.startswith(spelling, i):
                parts.append(sound)
                i += len(spelling)
                break
        else:
            ch = word[i]
            following = word[i + 1: i + 2]
            if soft and ch == "c" and following in _SOFT:
                parts.append("s")
            elif soft and ch == "g" and following in _SOFT:
                parts.append("j")
            elif ch == "c":
                parts.append("k")
            elif ch in _LATIN_CONSONANTS:
                parts.append(ch)
            i += 1
    return _collapse(parts)




def rules() -> dict[str, object]:
    """The Latin-side rules as data, for the exported site's search (search.js keys a
    query as `latin_keys` does; a test runs both on the same words)."""
    return {"spellings": [list(pair) for pair in _LATIN],
            "consonants": "".join(sorted(_LATIN_CONSONANTS)),
            "soft": "".join(sorted(_SOFT)), "endings": list(_LATIN_ENDINGS),
            "min_key": MIN_KEY}
