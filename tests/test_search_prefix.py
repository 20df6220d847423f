"""Half-typed words: the last word is completed over the words as written, not only over
stems. A word typed past its Porter stem (`settin` of settings, stem `set`) still finds
what the whole word finds, and is never "corrected" into another word."""

from pathlib import Path

import pytest

from kb_app.index import KnowledgeIndex
from kb_app.search import KnowledgeSearcher
from tests.conftest import write

ARTICLES = {
    "settings.md": """\
        ---
        id: site-settings
        title: Website settings
        summary: Where every setting of a website is changed.
        ---
        Open the settings of the website. Each section has its own settings.
        """,
    "tracking.md": """\
        ---
        id: visitor-tracking
        title: Tracking visitors
        summary: How tracking works.
        ---
        Tracking counts each visitor once a day.
        """,
    "location.md": """\
        ---
        id: visitor-location
        title: Visitor location
        summary: Locations come from the IP address.
        ---
        The location of a visitor is looked up and then forgotten.
        """,
    "sections.md": """\
        ---
        id: report-sections
        title: Report sections
        summary: The sections of a report.
        ---
        Every section of the report can be hidden.
        """,
    "console.md": """\
        ---
        id: search-console
        title: Search Console reports
        ---
        Connect the console to see the search terms. The console lists them daily.
        """,
    "consolidated.md": """\
        ---
        id: consolidated-view
        title: Consolidated view of many sites
        ---
        One consolidated dashboard for all your sites together.
        """,
}


@pytest.fixture
def prefix_searcher(tmp_path: Path) -> KnowledgeSearcher:
    folder = tmp_path / "kb"
    for name, text in ARTICLES.items():
        write(folder, name, text)
    kb = KnowledgeIndex(tmp_path / "ix", folder)
    kb.sync(workers=1)
    with kb.searcher() as searcher:
        yield searcher


@pytest.mark.parametrize(("typed", "expected"), [
    ("website settin", "site-settings"), ("settin", "site-settings"),
    ("visitors tracki", "visitor-tracking"), ("tracki", "visitor-tracking"),
    ("visitor locatio", "visitor-location"), ("locatio", "visitor-location"),
])
def test_a_word_typed_past_its_stem_is_completed_not_corrected(
        prefix_searcher: KnowledgeSearcher, typed: str, expected: str) -> None:
    response = prefix_searcher.search(typed)
    assert response.corrected is None
    assert response.results[0].id == expected
    assert "<mark>" in response.results[0].snippet


def test_section_website_settin_is_not_section_website_section(
        prefix_searcher: KnowledgeSearcher) -> None:
    response = prefix_searcher.search("section website settin")
    assert response.corrected is None
    assert response.results[0].id == "site-settings"


def test_the_whole_word_and_its_beginnings_find_the_same(
        prefix_searcher: KnowledgeSearcher) -> None:
    whole = [h.id for h in prefix_searcher.search("settings ").results]
    for typed in ("set", "sett", "setti", "settin", "setting"):
        assert [h.id for h in prefix_searcher.search(typed).results][:1] == whole[:1], typed


def test_a_finished_word_that_is_a_typo_is_still_corrected(
        prefix_searcher: KnowledgeSearcher) -> None:
    response = prefix_searcher.search("trackng ")
    assert response.corrected == "tracking "
    assert response.results[0].id == "visitor-tracking"


def test_a_half_typed_typo_with_no_word_to_complete_is_corrected(
        prefix_searcher: KnowledgeSearcher) -> None:
    response = prefix_searcher.search("visitor locaton")
    assert response.corrected is not None
    assert response.results[0].id == "visitor-location"


def test_a_word_typed_up_to_another_words_stem_is_still_being_typed(
        prefix_searcher: KnowledgeSearcher) -> None:
    # `consol` is the stem of "console", but no article writes it: the agent may be
    # typing "consolidated", so it is completed, not taken as the finished word
    response = prefix_searcher.search("many sites consol")
    assert response.results[0].id == "consolidated-view"
    assert "<mark>consolidated</mark>" in response.results[0].snippet.lower()
    # a word the articles write is finished: `console` is not expanded
    assert prefix_searcher.search("console").results[0].id == "search-console"
