"""Search quality: recall@1, recall@5 and MRR@10 over hand-written agent queries.

    python -m bench.quality [--banglish-only]

Each query in quality_queries.json names the one article that best answers it, over the
bundled sample (English and Bengali) and the shared corpus as it is. banglish_queries.json
holds Latin-letter (Banglish), loanword and mixed queries over the bundled sample, each
with the article expected and, where another is as right, `also_ok`; figures per kind.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import defaultdict
from pathlib import Path

from bench.corpus import build_corpus
from kb_app import config
from kb_app.index import KnowledgeIndex

QUERIES = Path(__file__).with_name("quality_queries.json")
BANGLISH = Path(__file__).with_name("banglish_queries.json")


def evaluate(name: str, articles: Path, cases: list[list[str]]) -> list[int | None]:
    """Rank of each case's article in the top 10 (None: not there)."""
    ranks = _ranks(name, articles, [(q, {e}) for q, e in cases])
    report(name, ranks)
    return ranks


def _ranks(name: str, articles: Path, cases: list[tuple[str, set[str]]]) -> list[int | None]:
    tops = gyan_top(articles, [query for query, _ in cases])
    ranks: list[int | None] = []
    print(f"\n== {name} ({len(cases)} queries) ==")
    for (query, right), ids in zip(cases, tops, strict=True):
        rank = rank_of(ids, right)
        ranks.append(rank)
        shown = f"rank {rank}" if rank else f"miss (top: {ids[:2]})"
        print(f"  {query!r:40} {sorted(right)[0]:32} {shown}")
    return ranks


def gyan_top(articles: Path, queries: list[str], limit: int = 10,
             meaning: bool = True) -> list[list[str]]:
    """The ids Gyan ranks first for each query, over `articles` indexed in a temp folder,
    its meaning vectors made (`meaning`) or not (words alone, as before kb_app.meaning)."""
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeIndex(Path(tmp) / "ix", articles)
        kb.sync()
        if meaning:
            kb.update_meanings()
        with kb.searcher() as searcher:
            return [[h.id for h in searcher.search(query, limit=limit).results]
                    for query in queries]


def rank_of(ids: list[str], right: set[str]) -> int | None:
    """1-based position of the first right id in `ids` (None: not there)."""
    return next((n for n, i in enumerate(ids, start=1) if i in right), None)


def figures(ranks: list[int | None]) -> tuple[float, float, float]:
    """recall@1, recall@5 and MRR@10 of ranks in the top 10 (None: not there)."""
    n = len(ranks) or 1
    at1 = sum(1 for r in ranks if r == 1) / n
    at5 = sum(1 for r in ranks if r and r <= 5) / n
    mrr = sum(1 / r for r in ranks if r) / n
    return at1, at5, mrr


def report(name: str, ranks: list[int | None]) -> None:
    at1, at5, mrr = figures(ranks)
    print(f"  {name}: recall@1 {at1:.2f}  recall@5 {at5:.2f}  MRR@10 {mrr:.3f}")


def banglish() -> None:
    data = json.loads(BANGLISH.read_text(encoding="utf-8"))
    cases = [(c["query"], {c["expect"], *c.get("also_ok", [])}) for c in data]
    ranks = _ranks("Banglish, loanword and mixed queries", config.bundled_articles_dir(), cases)
    by_kind: dict[str, list[int | None]] = defaultdict(list)
    for case, rank in zip(data, ranks, strict=True):
        by_kind[case["kind"]].append(rank)
    print()
    for kind, kind_ranks in sorted(by_kind.items()):
        report(f"{kind} ({len(kind_ranks)})", kind_ranks)
    report("all Banglish", ranks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--banglish-only", action="store_true")
    if not parser.parse_args().banglish_only:
        data = json.loads(QUERIES.read_text(encoding="utf-8"))
        ranks = evaluate("bundled articles", config.bundled_articles_dir(), data["bundled"])
        ranks += evaluate("shared corpus", build_corpus(0), data["corpus"])
        print()
        report("overall", ranks)
    banglish()


if __name__ == "__main__":
    main()
