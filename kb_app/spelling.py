"""Did-you-mean: correcting words the index has never seen.

Candidates are index terms (stems) within a small edit distance of the unknown word's
stem, ranked by edits, then letters in common, then how many articles use them. The agent
is shown a real word: the stem is turned back into the surface form an article uses.
"""

from __future__ import annotations

from collections import Counter
from typing import Protocol

CANDIDATE_FIELDS = ("title", "body")
MAX_CANDIDATES = 5000  # per segment and field, after the cheap filters


class Terms(Protocol):
    """What spelling asks of the index (kb_app.lexicon.Lexicon)."""

    def near(self, field: str, term: str, edits: int, limit: int) -> dict[str, int]: ...


def max_distance(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) <= 5 else 2


def damerau(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, giving up (limit + 1) once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def suggest_term(terms: Terms, term: str) -> str | None:
    """The closest index term (fewest edits, then most letters shared, then most
    articles), or None. Only the few terms that could be close enough (`Terms.near`,
    filtered in C) are measured."""
    limit = max_distance(term)
    if not limit:
        return None
    best: tuple[int, int, int, str] | None = None
    for field in CANDIDATE_FIELDS:
        for candidate, frequency in terms.near(field, term, limit, MAX_CANDIDATES).items():
            if abs(len(candidate) - len(term)) > limit or candidate == term:
                continue
            distance = damerau(term, candidate, limit)
            if distance > limit:
                continue
            key = (distance, -_shared_letters(term, candidate), -frequency, candidate)
            if best is None or key < best:
                best = key
    return best[3] if best else None


def _shared_letters(a: str, b: str) -> int:
    """Letters in common, counted with repeats: breaks ties between equally distant words
    in favour of the one the typist most likely meant (gogle: google, not goals)."""
    return sum((Counter(a) & Counter(b)).values())
