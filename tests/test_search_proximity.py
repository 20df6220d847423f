"""Words close together count more (kb_app.proximity): of two articles with the same
words, the one where the query's neighbouring words stand side by side comes first, in
English and in Bengali, in a segment added later, for a word still being typed; never past
an article whose title has every word. Side by side is read from the snippet's scan."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb_app import plaintext, proximity
from kb_app.analysis import WORD_CHAR, normalise_word, stem_word
from kb_app.index import KnowledgeIndex
from kb_app.ranking import Ranked, raise_shown
from kb_app.snippets import Matcher, best_snippet
from tests.conftest import searcher_over, write

# The same words in both; `apart` is the shorter text, so that by the words alone it comes
# first. Only in `together` do they stand side by side.
APART = """\
    ---
    id: {id}
    title: {title}
    ---
    The page stays blank for a while. Loading stops, and a refresh changes nothing.
    """
TOGETHER = """\
    ---
    id: {id}
    title: {title}
    ---
    Slow page loading on a phone usually means the cache is full: clear it in the
    browser's settings, then open the site again and wait a moment.
    """
ENGLISH = {"apart.md": APART.format(id="blank-screen", title="Blank screen"),
           "together.md": TOGETHER.format(id="slow-pages", title="Slow phone")}
BENGALI = {
    "apart.md": """\
        ---
        id: bn-apart
        title: বিল
        language: bn
        ---
        টাকা জমা হলে রসিদ পাবেন; কোনো ভুল হলে পরে ফেরত দেওয়া হয়।
        """,
    "together.md": """\
        ---
        id: bn-together
        title: সাত দিন
        language: bn
        ---
        অর্ডার বাতিল হলে টাকা ফেরত পেতে সাত দিন লাগে; কার্ডে দিলে ব্যাংক আরও কয়েক দিন নিতে পারে।
        """,
}


def ids(searcher, query: str) -> list[str]:
    return [hit.id for hit in searcher.search(query, meaning=False).results]


@pytest.mark.parametrize("query", ["page loading", "page not loading", "loading page",
                                   "page loadi"])
def test_neighbouring_words_side_by_side_come_first(tmp_path: Path, query: str,
                                                    monkeypatch) -> None:
    with searcher_over(tmp_path, ENGLISH) as searcher:
        assert ids(searcher, query) == ["slow-pages", "blank-screen"]
        monkeypatch.setattr(proximity, "WEIGHT", 0.0)  # the words alone: the other order
        assert ids(searcher, query) == ["blank-screen", "slow-pages"]


def test_bengali_words_side_by_side_come_first(tmp_path: Path, monkeypatch) -> None:
    with searcher_over(tmp_path, BENGALI) as searcher:
        assert ids(searcher, "টাকা ফেরত")[0] == "bn-together"
        monkeypatch.setattr(proximity, "WEIGHT", 0.0)
        assert ids(searcher, "টাকা ফেরত")[0] == "bn-apart"


def test_words_side_by_side_in_the_title_count_too(tmp_path: Path, monkeypatch) -> None:
    # Both titles have both words, only one side by side; neither body has them together.
    articles = {
        "titled.md": "---\nid: titled\ntitle: Slow page loading\n---\n"
                     "Clear the cache first; the page then opens again after a while.\n",
        "plain.md": "---\nid: plain\ntitle: Page blank while loading\n---\n"
                    "The page stays blank for a long while; loading never ends.\n",
    }
    with searcher_over(tmp_path, articles) as searcher:
        assert ids(searcher, "page loading")[0] == "titled"
        monkeypatch.setattr(proximity, "WEIGHT", 0.0)
        assert ids(searcher, "page loading")[0] == "plain"


def test_an_article_in_a_later_segment_is_read_at_its_own_offset(tmp_path: Path,
                                                                 monkeypatch) -> None:
    """The article saved after the first build sits in a second segment: its text is
    read at its own document number there."""
    others = {f"other{n}.md": f"---\nid: other-{n}\ntitle: Other {n}\n---\nPage {n}.\n"
              for n in range(5)}
    for rel, text in {**others, "apart.md": ENGLISH["apart.md"]}.items():
        write(tmp_path / "articles", rel, text)
    kb = KnowledgeIndex(tmp_path / "index", tmp_path / "articles", lock_timeout=10)
    kb.sync(workers=1)
    write(tmp_path / "articles", "together.md", ENGLISH["together.md"])
    kb.sync(workers=1)
    with kb.searcher() as searcher:
        assert len(searcher._ranker.leaves) == 2  # noqa: SLF001 - the premise
        assert ids(searcher, "page loading")[:2] == ["slow-pages", "blank-screen"]


def test_a_title_with_every_word_is_never_passed() -> None:
    # Article 7's title has every word; article 9 has the query's words side by side and
    # is raised by half: it comes up to just below 7, never past it. Without the title
    # it would pass.
    ranked = Ranked([7, 9, 4], [1.0, 0.9, 0.5], 3, whole_title={7})
    raise_shown(ranked, 3, np.array([0.0, 0.5, 0.0], dtype=np.float32))
    assert ranked.docnums == [7, 9, 4] and 0.9 < ranked.scores[1] < ranked.scores[0]
    ranked = Ranked([7, 9, 4], [1.0, 0.9, 0.5], 3)
    raise_shown(ranked, 3, np.array([0.0, 0.5, 0.0], dtype=np.float32))
    assert ranked.docnums == [9, 7, 4]


def together(text: str, terms: set[str], prefixes: frozenset[str] = frozenset()
             ) -> frozenset[tuple[str, str]]:
    packed = plaintext.pack([plaintext.Section("", text)])
    return best_snippet(packed, "", Matcher(terms, set(prefixes))).together


def test_side_by_side_means_nothing_but_spaces_and_punctuation_between() -> None:
    terms = {"router", "password"}
    assert together("Reset the router password here.", terms) == {("router", "password")}
    assert together("Router, password: both on the label.", terms) == {("router", "password")}
    assert together("the password router", terms) == {("password", "router")}
    assert together("the router is set by password", terms) == frozenset()
    assert together("the router has a password", terms) == frozenset()
    assert together("টাকা ফেরত পেতে সাত দিন", {"টাকা", "ফেরত"}) == {("টাকা", "ফেরত")}
    assert together("slow page loadi", {"page"}, frozenset({"loadi"})) == {("page", "loadi")}


def test_the_share_of_neighbouring_units_side_by_side() -> None:
    units = [frozenset({"router", "modem"}), frozenset({"password"}), frozenset({"reset"})]
    assert proximity.share(units, {("modem", "password")}) == 0.5
    assert proximity.share(units, {("reset", "password"), ("password", "router")}) == 1.0
    assert proximity.share(units, {("router", "reset")}) == 0.0  # not neighbours in the query
    assert proximity.share(units[:1], {("router", "password")}) == 0.0


WORDS = ["page", "loading", "router", "password", "the", "is", "slow", "টাকা", "ফেরত"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS),
                          st.sampled_from([" ", ", ", ". ", " - ", "\n", " (", ") "])),
                max_size=40))
def test_side_by_side_pairs_are_neighbouring_matched_words(parts) -> None:
    """Any text: the pairs are exactly the neighbouring words (in the word-by-word
    reading of the text) that both match, stop words included as words between."""
    text = "".join(word + gap for word, gap in parts)
    terms = {stem_word(normalise_word(w)) for w in ("page", "loading", "router", "টাকা")}
    matcher = Matcher(terms, set())
    keys = [matcher.key(normalise_word(w)) for w in re.findall(WORD_CHAR + "+", text)]
    expected = {(a, b) for a, b in zip(keys, keys[1:], strict=False)
                if a is not None and b is not None and a != b}
    assert together(text, terms) == expected
