from hypothesis import given
from hypothesis import strategies as st
from whoosh.analysis import StandardAnalyzer

from kb_app.analysis import (
    MultilingualTokenizer,
    analyzer,
    terms,
    words,
    written_words,
)

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


def test_sentence_punctuation_ends_bengali_words() -> None:
    """The danda sat in the Indic block added for vowel signs, so `ফেরত।` was one word:
    it lost its stem, exact matches and the "did you mean" showed the danda."""
    found = [w for w, _, _ in words("টাকা ফেরত। পরে যায়॥ দাম ৳৫০০, ঠিক?")]
    assert found == ["টাকা", "ফেরত", "পরে", "যায়", "দাম", "500", "ঠিক"]
    assert terms("গ্রাহকদের ফেরত।") == terms("গ্রাহক ফেরত")


def test_search_finds_a_word_at_the_end_of_a_bengali_sentence(searcher) -> None:
    """`বছর।` ends a sentence in the warranty article: found as `বছর`, marked without the
    danda, and a query typed with the danda is not "corrected"."""
    for query in ("বছর", "বছর।"):
        response = searcher.search(query)
        assert response.corrected is None
        hit = next(h for h in response.results if h.id == "bn-warranty")
        assert "<mark>বছর</mark>।" in hit.snippet


_WRITTEN = st.text(alphabet=st.sampled_from(list("ab-. .9'’\u09be\u09cd\u200cকফেরতওয়াইWiFiNext")),
                   max_size=60)


@given(st.one_of(_WRITTEN, st.text(max_size=60)))
def test_the_written_words_are_what_the_full_tokenizer_finds(text: str) -> None:
    """The words listed as written (kb_app.wordlists) are the distinct terms of the
    unstemmed full tokenizer, each once."""
    full = {t.text for t in MultilingualTokenizer(stem=False)(text)}
    written = written_words(text)
    assert set(written) == full
    assert len(written) == len(full)


def test_the_written_words_join_compounds_and_drop_stop_words() -> None:
    written = written_words("Set up the Wi-Fi for Next.js settings")
    assert written == ["set", "up", "wi", "fi", "next", "js", "settings", "wifi", "nextjs"]
