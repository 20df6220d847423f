"""The sample knowledge base that ships with the app is itself held to the rules."""

from collections import Counter

from kb_app import config
from kb_app.checks import check_folder
from kb_app.index import KnowledgeIndex


def test_bundled_articles_have_no_problems_and_cover_both_languages() -> None:
    report = check_folder(config.bundled_articles_dir())
    assert report.problems == []
    languages = Counter(a.language for a in report.articles)
    assert languages["en"] >= 30 and languages["bn"] >= 15
    statuses = Counter(a.status for a in report.articles)
    assert statuses["draft"] >= 3 and statuses["archived"] >= 1
    assert any(a.visibility == "internal" for a in report.articles)
    assert len({a.product for a in report.articles} - {"General"}) >= 3
    assert all(a.summary for a in report.articles if a.status == "published")


def test_agents_find_answers_in_the_sample(tmp_path) -> None:
    kb = KnowledgeIndex(tmp_path / "ix", config.bundled_articles_dir())
    kb.sync()
    expected = {"refu": "refund-policy", "charged twice": "playbook-double-charge",
                "গ্রাহকদের অভিযোগ": "bn-complaint-handling", "অভিযোগগুলি": "bn-complaint-handling",
                "warrenty": "warranty-policy", "রাউটারের ইন্টারনেট": "bn-router-no-internet",
                "wifi box slow": "airnest-slow-wifi"}
    with kb.searcher() as searcher:
        for query, article_id in expected.items():
            assert searcher.search(query).results[0].id == article_id, query
