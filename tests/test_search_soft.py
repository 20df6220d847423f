"""Soft matching: most words must match, not all; filler words never decide; a title that
is the answer outranks a long body that holds every word; names written several ways
(Next.js, nextjs, Next JS; Wi-Fi, wifi; e-mail, email; Bengali with and without a
hyphen) meet."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb_app.analysis import MultilingualTokenizer, compounds
from kb_app.query import parse
from kb_app.ranking import should_match
from kb_app.search import KnowledgeSearcher
from tests.conftest import searcher_over

FILLER = " ".join(f"filler{n} text" for n in range(120))
ARTICLES = {
    "language.md": """\
        ---
        id: interface-language
        title: Switch the interface language
        summary: Pick English or Bengali in settings.
        ---
        Open settings and pick a language from the list.
        """,
    "long.md": f"""\
        ---
        id: long-release-notes
        title: Release notes for the year
        ---
        {FILLER} We change many things. {FILLER} The language of invoices can be set.
        {FILLER}
        """,
    "nextjs.md": """\
        ---
        id: nextjs-integration
        title: Add the script to a Next.js site
        ---
        Next.js apps load the script in the document head.
        """,
    "integrations.md": """\
        ---
        id: integration-guides
        title: Integration guides
        ---
        Guides for WordPress, Ghost, Gatsby and many more site builders; see each guide.
        """,
    "wifi.md": """\
        ---
        id: router-wifi
        title: Wi-Fi drops at night
        ---
        The WiFi band changes at night. Send an e-mail to support if it keeps dropping.
        """,
    "page.md": """\
        ---
        id: page-loading
        title: Dashboard page loading slowly
        ---
        A page that loads slowly is usually a browser extension.
        """,
    "2fa.md": """\
        ---
        id: two-factor
        title: Turn on two-factor sign-in
        ---
        A code from your phone after the password.
        """,
    "plan.md": """\
        ---
        id: care-plan
        title: Care plans
        ---
        Every plan has a 3-year warranty on parts.
        """,
    "signin.md": """\
        ---
        id: sign-in-trouble
        title: Sign-in trouble and warranty questions
        ---
        Wait 2 minutes, then sign in again. The cookie is a factor too.
        """,
    "bn.md": """\
        ---
        id: bn-wifi
        title: ওয়াই-ফাই সংযোগ
        language: bn
        ---
        ওয়াই-ফাই পাসওয়ার্ড বদলাতে রাউটারের অ্যাপ খুলুন।
        """,
}


@pytest.fixture
def searcher(tmp_path: Path):
    with searcher_over(tmp_path, ARTICLES) as s:
        yield s


def top(searcher: KnowledgeSearcher, query: str, n: int = 1) -> list[str]:
    return [hit.id for hit in searcher.search(query).results][:n]


def test_a_word_the_best_article_lacks_does_not_push_it_out(searcher) -> None:
    # "change" is only in the long article, which has every word; the title is the answer
    assert top(searcher, "how do I change the language") == ["interface-language"]


def test_filler_words_are_never_required(searcher) -> None:
    response = searcher.search("page not loading")
    assert response.every_word and top(searcher, "page not loading") == ["page-loading"]


@pytest.mark.parametrize("query", ["page isn't loading", "page isn’t loading",
                                   "page doesn't load", "page won't load"])
def test_filler_words_with_an_apostrophe_are_filler_too(searcher, query: str) -> None:
    # typed with an apostrophe (straight or curly), "isn't" is the filler word "isnt":
    # the article has every word that counts, which the health report reads as no gap
    response = searcher.search(query)
    assert response.every_word and top(searcher, query) == ["page-loading"]


@pytest.mark.parametrize("query", ["nextjs", "next.js", "Next JS", "NextJS", "next-js"])
def test_a_name_written_any_way_finds_it(searcher, query: str) -> None:
    assert top(searcher, query) == ["nextjs-integration"]


@pytest.mark.parametrize("query", ["wifi", "wi-fi", "Wi Fi", "WIFI drops"])
def test_wifi_every_way(searcher, query: str) -> None:
    assert top(searcher, query) == ["router-wifi"]


@pytest.mark.parametrize("query", ["email support", "e-mail support", "e mail support"])
def test_email_every_way(searcher, query: str) -> None:
    assert top(searcher, query) == ["router-wifi"]


@pytest.mark.parametrize("query", ["ওয়াইফাই", "ওয়াই-ফাই", "ওয়াই ফাই পাসওয়ার্ড"])
def test_bengali_with_and_without_hyphen_or_space(searcher, query: str) -> None:
    assert top(searcher, query) == ["bn-wifi"]


@pytest.mark.parametrize("query", ["2-factor sign-in", "two-factor", "2-factor", "২-factor"])
def test_a_number_joined_to_a_word_is_met_in_digits_or_words(searcher, query: str) -> None:
    assert top(searcher, query) == ["two-factor"]


def test_a_number_word_in_a_name_meets_its_digits(searcher) -> None:
    assert top(searcher, "three-year warranty") == ["care-plan"]


def test_a_number_standing_alone_asks_only_for_itself() -> None:
    # "two payments" must not meet every "2 minutes"; joined, the number is a name
    assert parse("two payments").units[0].alternatives == [("two",)]
    assert parse("2 payments").units[0].alternatives == [("2",)]
    assert parse("2-step").units[0].alternatives == [("2",), ("two",), ("দুই",)]
    assert parse("three-year").units[0].alternatives[-1] == ("3", "year")


def test_how_many_words_must_match() -> None:
    assert [should_match(n) for n in range(1, 10)] == [1, 1, 2, 3, 4, 4, 5, 6, 6]


def test_compounds_are_names_not_numbers() -> None:
    assert [p for p, _, _ in compounds("Wi-Fi, e-mail and Next.js; version 2.5; a - b")] == [
        ["wi", "fi"], ["e", "mail"], ["next", "js"]]
    terms = [t.text for t in MultilingualTokenizer()("Use Wi-Fi now")]
    assert terms == ["us", "wi", "fi", "wifi", "now"]  # stemmed: use -> us


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab-. ১ক-\u09cd"), max_size=40))
def test_the_tokenizer_keeps_positions_in_order_on_any_text(text: str) -> None:
    tokens = [(t.text, t.pos) for t in MultilingualTokenizer()(text, positions=True)]
    positions = [pos for _, pos in tokens]
    assert positions == sorted(positions)
    assert all(text for text, _ in tokens)


def test_an_english_word_heard_only_in_bengali_is_not_required(tmp_path: Path) -> None:
    # No English article says "package"; a Bengali one has প্যাকেজ (an internet plan),
    # which "package" sounds like. In an English query the agent does not mean it: the
    # article that has the query's other word comes first, and the Bengali one, matching
    # only by that sound, is no result at all
    articles = {
        "track.md": """\
            ---
            id: order-tracking
            title: Tracking an order
            ---
            See where your parcel is now, and when it comes.
            """,
        "bn.md": """\
            ---
            id: bn-internet-plan
            title: ইন্টারনেট প্যাকেজ
            language: bn
            ---
            প্যাকেজ বদলাতে অ্যাপ খুলুন। প্যাকেজের দাম মাসে একবার কাটা হয়।
            """,
    }
    with searcher_over(tmp_path, articles) as searcher:
        assert top(searcher, "where is my package now", 5) == ["order-tracking"]
        # in Banglish the sound is the point: `package koto` finds the Bengali article
        assert top(searcher, "package er dam koto") == ["bn-internet-plan"]


def test_a_page_with_few_answers_is_filled_after_them(tmp_path: Path) -> None:
    # One article has three of the four words, none has two: before, the page held it
    # alone. The articles with one of the words now follow it, never before it.
    articles = {
        "a.md": "---\nid: damaged-router\ntitle: Router damaged in the box\n---\n"
                "A router that arrives damaged in its box is replaced.\n",
        "b.md": "---\nid: returns\ntitle: Returns\n---\nA damaged item can be returned.\n",
        "c.md": "---\nid: box-sizes\ntitle: Box sizes\n---\nWhich box fits which parcel.\n",
        "d.md": "---\nid: wifi-settings\ntitle: Wifi settings\n---\nChange the wifi name.\n",
        "e.md": "---\nid: billing\ntitle: Billing\n---\nInvoices every month.\n",
    }
    with searcher_over(tmp_path, articles) as searcher:
        response = searcher.search("router box damaged wifi")
        ids = [h.id for h in response.results]
        assert ids[0] == "damaged-router"
        assert sorted(ids[1:]) == ["box-sizes", "returns", "wifi-settings"]
        assert all(h.score < response.results[0].score for h in response.results[1:])
        assert response.total == 4 and not response.every_word
        # a page that is full already is not filled: one word, one article
        assert [h.id for h in searcher.search("invoices").results] == ["billing"]
