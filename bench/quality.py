"""Search quality: recall@1, recall@5 and MRR@10 over hand-written agent queries.

    python -m bench.quality

Each query in quality_queries.json names the one article that best answers it, over the
bundled sample (English and Bengali) and the shared corpus as it is.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from bench.corpus import build_corpus
from kb_app import config
from kb_app.index import KnowledgeIndex

QUERIES = Path(__file__).with_name("quality_queries.json")


def evaluate(name: str, articles: Path, cases: list[list[str]]) -> list[int | None]:
    ranks: list[int | None] = []
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeIndex(Path(tmp) / "ix", articles)
        kb.sync()
        with kb.searcher() as searcher:
            print(f"\n== {name} ({len(cases)} queries) ==")
            for query, expected in cases:
                ids = [h.id for h in searcher.search(query, limit=10).results]
                rank = ids.index(expected) + 1 if expected in ids else None
                ranks.append(rank)
                shown = f"rank {rank}" if rank else f"miss (top: {ids[:2]})"
                print(f"  {query!r:40} {expected:32} {shown}")
    report(name, ranks)
    return ranks


def report(name: str, ranks: list[int | None]) -> None:
    n = len(ranks)
    at1 = sum(1 for r in ranks if r == 1) / n
    at5 = sum(1 for r in ranks if r and r <= 5) / n
    mrr = sum(1 / r for r in ranks if r) / n
    print(f"  {name}: recall@1 {at1:.2f}  recall@5 {at5:.2f}  MRR@10 {mrr:.3f}")


def main() -> None:
    data = json.loads(QUERIES.read_text(encoding="utf-8"))
    ranks = evaluate("bundled articles", config.bundled_articles_dir(), data["bundled"])
    ranks += evaluate("shared corpus", build_corpus(0), data["corpus"])
    print()
    report("overall", ranks)


if __name__ == "__main__":
    main()
