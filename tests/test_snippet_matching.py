"""The snippet matcher searches the case-folded text for its probes (four times faster
than a case-insensitive search): what it marks must be what the case-insensitive search
marks, including in texts that folding lengthens (ß, İ: searched as they are), and a
letter that folds to another (ſ, K) is marked as the word it normalises to."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kb_app.snippets import Matcher

# ſ and ı are left out: IGNORECASE and case folding disagree on them (see the last test)
LETTERS = list("aAbBrReEfFuUnNdDİiKkKßSs -.'’9০ রাউটারফেরত\u0130")
TEXT = st.text(alphabet=st.sampled_from(LETTERS), max_size=60)
WORDS = st.sets(st.text(alphabet=st.sampled_from(list("abrefundkisরাউটার9")), min_size=1,
                        max_size=6), max_size=3)


@settings(max_examples=400, deadline=None)
@given(TEXT, WORDS, WORDS)
def test_folded_search_marks_what_a_case_insensitive_one_does(text: str, terms: set[str],
                                                               prefixes: set[str]) -> None:
    matcher = Matcher(set(terms), set(prefixes))
    reference = Matcher(set(terms), set(prefixes))
    if reference._candidates is not None:  # the case-insensitive search, always
        reference._candidates = re.compile(reference._source, re.IGNORECASE)
        reference._word_hits = lambda t: _hits(reference, t)  # type: ignore[method-assign]
    assert matcher.spans(text) == reference.spans(text)


def _hits(matcher: Matcher, text: str):  # noqa: ANN202 - the matcher's own, unlowered
    from kb_app.snippets import _WORD_CHAR_RE, _WORD_TAIL_RE
    assert matcher._candidates is not None
    for hit in matcher._candidates.finditer(text):
        start = hit.start()
        if start and _WORD_CHAR_RE.match(text, start - 1):
            continue
        tail = _WORD_TAIL_RE.match(text, hit.end())
        yield start, tail.end() if tail else hit.end()


def test_capitals_are_marked() -> None:
    matcher = Matcher({"refund"}, {"rout"})
    text = "REFUNDS go back; the Router and the ROUTER light"
    assert [text[s:e] for s, e in matcher.spans(text)] == ["REFUNDS", "Router", "ROUTER"]
    lengthened = "İ REFUND"  # folding makes İ two characters: searched as it is
    assert [lengthened[s:e] for s, e in matcher.spans(lengthened)] == ["REFUND"]


def test_a_letter_that_folds_to_another_is_marked_as_its_word_normalises() -> None:
    matcher = Matcher(set(), {"9s"})
    assert matcher.spans("9ſ") == [(0, 2)]  # normalise_word("9ſ") == "9s"
