"""Words close together count more: of the articles a search by words found, those where
the query's neighbouring words stand side by side ("page loading", "router password",
"টাকা ফেরত") come before those that have the same words apart, as Lucene's phrase fields
over word pairs (`pf2`) and Elasticsearch's `match_phrase` beside a `match` do.

Which words stand side by side in the body comes from the scan that picks each result's
snippet (kb_app.snippets), and the title is scanned by the same matcher, so it costs a few
microseconds a result: the results re-ordered are the page's own (up to POOL). Reading
Whoosh's positions instead made a first-seen search at 100,000 articles twice as slow
(p50 4.7 -> 9.4 ms).

Measured with bench.relevance by words alone (MRR@10, tuning / second / held-out):
0.860 / 0.827 / 0.813 without, 0.863 / 0.850 / 0.823 with. Words two, three or eight
positions apart, a weight of 0.25, 0.35, 0.75 or 1, and the framing (summary, tags,
headings) did no better. Where meaning re-ranks an English query (kb_app.meaning) it made
no difference (-0.005 to +0.004 a set), so it is left out there: it serves the searches
meaning does not reach (Bengali, meaning off, articles whose vectors are not made yet).
"""

from __future__ import annotations

from collections.abc import Iterable

WEIGHT = 0.5  # every neighbouring pair side by side: the score half again
POOL = 30  # at most this many of the words' first results are re-ordered


def share(units: list[frozenset[str]], together: Iterable[tuple[str, str]]) -> float:
    """The share of the query's neighbouring units (unit k and k + 1, each any of its
    words) that stand side by side, in either order, in a text whose side-by-side word
    pairs are `together` (kb_app.snippets.Snippet.together)."""
    pairs = len(units) - 1
    if pairs < 1:
        return 0.0
    seen = set(together)
    found = sum(1 for k in range(pairs)
                if any((a in units[k] and b in units[k + 1])
                       or (b in units[k] and a in units[k + 1]) for a, b in seen))
    return found / pairs
