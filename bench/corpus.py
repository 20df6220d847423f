"""Benchmark corpora built from ../shared/corpus: as it is, or replicated to N articles.

    python bench/corpus.py --size 10000        # prints the folder it built (or reused)

Copies get varied ids, titles and a few words changed, so they are not byte-identical and
the index sees realistic term statistics for a large help centre.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO.parent / "shared" / "corpus" / "plausible-docs"
OUT = Path("/tmp/gyan-bench")
PRODUCTS = ["Plausible", "Nimbus Analytics", "Orbit Stats", "Quartz Metrics", "Lumen Insights"]
WORDS = [("dashboard", "panel"), ("website", "site"), ("visitors", "users"), ("account", "profile")]


def source_files() -> list[Path]:
    return sorted(p for p in SOURCE.rglob("*.md") if p.is_file())


def _vary(text: str, k: int) -> str:
    rng = random.Random(k)
    product = PRODUCTS[k % len(PRODUCTS)]
    text = text.replace("Plausible", product)
    for old, new in rng.sample(WORDS, 2):
        text = text.replace(f" {old} ", f" {new} ")
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        head, rest = text[4:end], text[end:]
        lines = [_title_line(line[6:], k) if line.startswith("title:") else line
                 for line in head.split("\n")]
        return "---\n" + "\n".join(lines) + rest + f"\n\nEdition {k} of this guide.\n"
    return f"---\ntitle: Guide edition {k}\n---\n{text}\n\nEdition {k} of this guide.\n"


def _title_line(value: str, k: int) -> str:
    title = value.strip().strip("'\"")
    return f"title: {json.dumps(f'{title} (edition {k})', ensure_ascii=False)}"


def build_corpus(size: int = 0, out: Path | None = None) -> Path:
    """The corpus folder (reused when it already holds `size` articles)."""
    files = source_files()
    target = out or OUT / f"corpus-{size or 'asis'}"
    expected = size or len(files)
    if target.is_dir() and sum(1 for _ in target.rglob("*.md")) == expected:
        return target
    shutil.rmtree(target, ignore_errors=True)
    if not size:
        shutil.copytree(SOURCE, target)
        return target
    for n in range(size):
        k, i = divmod(n, len(files))
        source = files[i]
        rel = source.relative_to(SOURCE)
        dest = target / f"batch-{k:03d}" / rel.parent / f"{rel.stem}-{k}.md"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(_vary(source.read_text(encoding="utf-8"), k), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=0, help="0 = the corpus as it is")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    print(build_corpus(args.size, args.out))


if __name__ == "__main__":
    main()
