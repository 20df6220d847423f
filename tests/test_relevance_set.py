"""The relevance query sets (issue 16) keep their shape: enough queries of every kind over
both sources, each expecting an article that exists and agents can find, none repeated
and none taken from the older quality sets; no set repeats a query of another."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from bench import corpus
from kb_app import config
from kb_app.articles import Article, load_folder

BENCH = Path(__file__).resolve().parent.parent / "bench"
TARGETS = {"symptom": 40, "question": 40, "paraphrase": 30, "half-typed": 20, "bengali": 15,
           "mixed": 10, "names": 15}
AT_LEAST = {"corpus": 90, "bundled": 70}
KEYS = {"query", "expect", "kind", "source", "also_ok", "note"}
BENGALI = re.compile(r"[\u0980-\u09ff]")
LATIN = re.compile(r"[A-Za-z]")


SETS = ("relevance_queries.json", "relevance_heldout.json", "relevance_dev2.json")


def cases(name: str = SETS[0]) -> list[dict]:
    return json.loads((BENCH / name).read_text(encoding="utf-8"))


def every_case() -> list[dict]:
    return [case for name in SETS for case in cases(name)]


def norm(query: str) -> str:
    return " ".join(query.lower().split())


def test_counts_per_kind_and_source() -> None:
    data = cases()
    assert len(data) >= 170
    for case in data:
        assert {"query", "expect", "kind", "source"} <= set(case) <= KEYS, case
        assert case["kind"] in TARGETS and case["source"] in AT_LEAST, case
        assert isinstance(case.get("also_ok", []), list)
    kinds = Counter(c["kind"] for c in data)
    for kind, target in TARGETS.items():
        assert 0.8 * target <= kinds[kind] <= 1.2 * target, (kind, kinds[kind])
    sources = Counter(c["source"] for c in data)
    for source, least in AT_LEAST.items():
        assert sources[source] >= least, (source, sources[source])


@pytest.mark.parametrize("name", SETS[1:])
def test_the_later_sets_have_every_kind_and_repeat_no_query_of_the_others(name: str) -> None:
    held_out = cases(name)
    assert len(held_out) >= 150
    for case in held_out:
        assert {"query", "expect", "kind", "source"} <= set(case) <= KEYS, case
        assert case["kind"] in TARGETS and case["source"] in AT_LEAST, case
    kinds = Counter(c["kind"] for c in held_out)
    assert all(kinds[kind] >= 0.25 * target for kind, target in TARGETS.items()), kinds


def test_no_duplicates_and_none_from_the_quality_sets() -> None:
    queries = [norm(c["query"]) for c in every_case()]
    assert [q for q, n in Counter(queries).items() if n > 1] == []
    quality = json.loads((BENCH / "quality_queries.json").read_text(encoding="utf-8"))
    banglish = json.loads((BENCH / "banglish_queries.json").read_text(encoding="utf-8"))
    older = {norm(q) for pairs in quality.values() for q, _ in pairs}
    older |= {norm(c["query"]) for c in banglish}
    assert sorted(set(queries) & older) == []


def test_bengali_and_mixed_queries_are_over_the_bundled_sample() -> None:
    for case in every_case():
        if case["kind"] in ("bengali", "mixed"):
            assert case["source"] == "bundled", case
        if case["kind"] == "bengali":
            assert BENGALI.search(case["query"]) and not LATIN.search(case["query"]), case


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Article]]:
    if not corpus.SOURCE.is_dir():
        pytest.skip(f"the shared corpus is not at {corpus.SOURCE}")
    folders = {"bundled": config.bundled_articles_dir(),
               "corpus": corpus.build_corpus(0, tmp_path_factory.mktemp("corpus") / "asis")}
    return {source: {a.id: a for a in load_folder(root).articles}
            for source, root in folders.items()}


def test_every_expected_article_exists_and_is_published(articles) -> None:
    for case in every_case():
        known = articles[case["source"]]
        assert case["expect"] in known, case
        assert known[case["expect"]].status == "published", case  # agents can find it
        for other in case.get("also_ok", []):
            assert other in known and other != case["expect"], case


@pytest.mark.parametrize("name", SETS)
def test_queries_are_not_titles_and_half_typed_words_are_cut_short(articles, name: str
                                                                   ) -> None:
    data = cases(name)
    titles = [c for c in data if norm(c["query"]) == norm(articles[c["source"]][c["expect"]].title)]
    assert len(titles) <= 0.15 * len(data)
    for case in data:
        if case["kind"] != "half-typed":
            continue
        last = case["query"].split()[-1].lower()
        assert 3 <= len(last) <= 6, case
        article = articles[case["source"]][case["expect"]]
        text = f"{article.title} {article.body}".lower()
        assert any(len(w) > len(last) and w.startswith(last)
                   for w in re.findall(r"\w+", text)), case
