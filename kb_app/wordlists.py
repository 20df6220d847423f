"""A segment's words as written, and their sounds, derived from its stored text.

Three lookups need the articles' words as they are written, not their stems: a
half-typed word is completed from them (`settin` begins `setting`, whose stem `set` it
runs past), two words typed apart are joined when articles write them as one (`hub
spot`), and a word typed in one script meets the words of the other that sound like it
(kb_app.banglish: `router` and রাউটার). None of them asks which documents hold a word:
only which words exist, in how many documents, and for a sound key which words it
stands for; the documents then come from those words' stems in the ranked fields.

So these lists are not Whoosh fields: as fields they were two thirds of a build's
postings (every distinct word and every sound key of every article, pushed through
Whoosh's pool in Python), and their postings were never read. Each segment's lists are
derived from its stored title, summary and body (the index stays the only record), by
the index owner into the segment's postings cache (kb_app.postcache), and in memory by a
reader that meets a segment without one (kb_app.lexicon).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kb_app.analysis import word_sound_keys, written_words

WORDS = "words"
# A sound list's keys, and the script of the words they key: `sound_bn` keys the Bengali
# words (met by Latin-letter queries), `sound_en` the Latin ones (met by Bengali-script
# loanwords).
SOUNDS = {"sound_bn": "bn", "sound_en": "en"}
DERIVED = (WORDS, *SOUNDS)
STORED_TEXT = ("title", "summary", "body")  # the body holds the headings


@dataclass
class WordList:
    """One derived list of a segment: its terms in Whoosh's order (by their UTF-8
    bytes), how many documents have each, and for a sound list the words (indexes into
    the segment's `words` list) each key stands for."""

    field: str
    terms: list[str]
    dfs: list[int]
    links: list[list[int]] | None = None


def text_of(stored: dict[str, Any]) -> str:
    """The text of an article whose words are listed, from its stored fields."""
    return "\n".join(str(stored.get(name) or "") for name in STORED_TEXT)


def derive(texts: Iterator[str]) -> list[WordList]:
    """The `words` list and both sound lists of a segment whose articles' texts are
    `texts` (deleted articles included: a segment's lists describe it as written, as
    Whoosh's own document frequencies do)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(written_words(text))
    words = sorted(counts, key=lambda word: word.encode("utf-8"))
    lists = [WordList(WORDS, words, [counts[word] for word in words])]
    for field, script in SOUNDS.items():
        keyed: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            for key in word_sound_keys(word, script):
                keyed.setdefault(key, []).append(i)
        keys = sorted(keyed, key=lambda key: key.encode("utf-8"))
        lists.append(WordList(field, keys,
                              [sum(counts[words[i]] for i in keyed[key]) for key in keys],
                              [keyed[key] for key in keys]))
    return lists


def segment_texts(reader: Any) -> Iterator[str]:
    """The texts of every document of a Whoosh segment reader, deleted ones included."""
    for docnum in range(reader.doc_count_all()):
        yield text_of(reader.stored_fields(docnum))


__all__ = ["DERIVED", "SOUNDS", "WORDS", "WordList", "derive", "segment_texts", "text_of"]
