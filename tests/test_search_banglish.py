"""Banglish search: Latin letters find Bengali articles by sound, Bengali loanwords find
English ones, and exact matches in the query's own script always come first."""

from __future__ import annotations

from kb_app.search import KnowledgeSearcher


def ids(searcher: KnowledgeSearcher, text: str, **kwargs) -> list[str]:
    return [h.id for h in searcher.search(text, **kwargs).results]


def test_romanised_bengali_finds_the_bengali_article(searcher: KnowledgeSearcher) -> None:
    for query in ("taka ferot", "taka pherat", "grahok obhijog", "ovijog"):
        response = searcher.search(query)
        assert response.results and response.results[0].id == "bn-complaints", query
        assert response.corrected is None, query  # not "takes front"


def test_the_matched_bengali_words_are_marked(searcher: KnowledgeSearcher) -> None:
    hit = searcher.search("taka ferot").results[0]
    assert "<mark>টাকা</mark>" in hit.snippet and "<mark>ফেরতের</mark>" in hit.snippet
    matcher = searcher.search("taka ferot").matcher()
    assert matcher is not None and matcher.spans("টাকা ফেরত দিন") == [(0, 4), (5, 9)]


def test_a_word_still_being_typed_finds_by_the_sound_of_its_start(
        searcher: KnowledgeSearcher) -> None:
    assert ids(searcher, "taka fer")[0] == "bn-complaints"


def test_loanwords_meet_across_scripts_exact_script_first(
        searcher: KnowledgeSearcher) -> None:
    """`warranty` finds the English policy first and the Bengali one (ওয়ারেন্টি) after
    it; the Bengali loanword finds the Bengali article first and the English one after."""
    english = ids(searcher, "warranty")
    assert english[0] == "warranty-policy" and "bn-warranty" in english
    bengali = ids(searcher, "ওয়ারেন্টি")
    assert bengali[0] == "bn-warranty" and "warranty-policy" in bengali


def test_english_queries_keep_their_answers_and_typos_are_still_corrected(
        searcher: KnowledgeSearcher) -> None:
    response = searcher.search("warrenty on the router")
    assert response.corrected == "warranty on the router"
    assert ids(searcher, "refund")[:2] == ["refund-policy", "router-setup"]


def test_a_banglish_query_puts_bengali_articles_first(searcher: KnowledgeSearcher) -> None:
    """`koto` marks the query as Bengali: the Bengali warranty article comes before the
    English one, which matches `warranty` exactly."""
    assert ids(searcher, "warranty koto bochor")[0] == "bn-warranty"
    assert ids(searcher, "warranty how many years")[0] == "warranty-policy"


def test_bengali_particles_in_a_banglish_query_are_not_searched(
        searcher: KnowledgeSearcher) -> None:
    """`koto` says the query is Bengali; searched by sound it would mark every কত and কথা."""
    response = searcher.search("taka ferot koto")
    assert response.results[0].id == "bn-complaints"
    matcher = response.matcher()
    assert matcher is not None and matcher.spans("কত কথা") == []
