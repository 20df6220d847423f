from hypothesis import given
from hypothesis import strategies as st
from whoosh.analysis import StandardAnalyzer

from kb_app.analysis import analyzer, terms, words

BENGALI = "গ্রাহকদের অভিযোগগুলি দ্রুত সমাধান করুন"


def test_bengali_words_stay_whole() -> None:
    # Whoosh's stock analyzer splits at vowel signs and virama; ours must not
    stock = [t.text for t in StandardAnalyzer()(BENGALI)]
    assert stock != BENGALI.split()  # e.g. ["হকদ", "অভ", ...]: words torn apart
    ours = [w for w, _, _ in words(BENGALI)]
    assert ours == BENGALI.split()


def test_index_terms_are_stemmed_per_script() -> None:
    assert terms("Refunds for WARRANTY claims গ্রাহকদের অভিযোগগুলি") == [
        "refund", "warranti", "claim", "গ্রাহক", "অভিযোগ",
    ]


def test_stop_words_are_dropped_but_positions_keep_gaps() -> None:
    tokens = [(t.text, t.pos) for t in analyzer()("cash on delivery", positions=True)]
    assert tokens == [("cash", 0), ("deliveri", 2)]


def test_character_offsets_point_into_the_original_text() -> None:
    text = "Ask গ্রাহকদের\u200c now"
    for t in analyzer()(text, chars=True):
        assert text[t.startchar:t.endchar].strip()
    spans = [text[s:e] for _, s, e in words(text)]
    assert spans[1].startswith("গ্রাহকদের")


def test_digits_and_case_fold() -> None:
    assert terms("১৪ Days") == terms("14 days")


@given(st.text(max_size=300))
def test_any_text_analyses_without_error(text: str) -> None:
    for t in analyzer()(text, positions=True, chars=True):
        assert t.text
        assert 0 <= t.startchar <= t.endchar <= len(text)
