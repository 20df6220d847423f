"""Benchmark corpora built from ../shared/corpus: as it is, or replicated to N articles.

    python bench/corpus.py --size 10000        # prints the folder it built (or reused)

Copies get varied ids, titles and a few words changed, so they are not byte-identical and
the index sees realistic term statistics for a large help centre.
"""

from __future__ import annotations

import argparse
import json
import random
import re
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


def bengali_files() -> list[Path]:
    """The bundled sample's Bengali articles: the Bengali share of a mixed corpus."""
    return sorted((REPO / "articles" / "bn").glob("*.md"))


def _vary_bengali(text: str, k: int) -> str:
    """A Bengali article as copy `k`: its own id and an edition in the title."""
    text = re.sub(r"^id: (.+)$", lambda m: f"id: {m.group(1)}-{k}", text, count=1,
                  flags=re.MULTILINE)
    text = re.sub(r"^title: (.+)$", lambda m: _title_line(m.group(1), k), text, count=1,
                  flags=re.MULTILINE)
    return text + f"\n\nসংস্করণ {k}।\n"


def _title_line(value: str, k: int) -> str:
    title = value.strip().strip("'\"")
    return f"title: {json.dumps(f'{title} (edition {k})', ensure_ascii=False)}"


def build_corpus(size: int = 0, out: Path | None = None, bengali: float = 0.0) -> Path:
    """The corpus folder (reused when it already holds `size` articles); `bengali` is the
    share of them copied from the bundled Bengali articles instead."""
    files = source_files()
    share = f"-bn{round(bengali * 100)}" if bengali else ""
    target = out or OUT / f"corpus-{size or 'asis'}{share}"
    expected = size or len(files)
    if target.is_dir() and sum(1 for _ in target.rglob("*.md")) == expected:
        return target
    shutil.rmtree(target, ignore_errors=True)
    if not size:
        shutil.copytree(SOURCE, target)
        return target
    english, bangla = 0, 0
    for n in range(size):
        if int((n + 1) * bengali) > int(n * bengali):  # spread evenly through the corpus
            k, i = divmod(bangla, len(bengali_files()))
            source = bengali_files()[i]
            dest = target / f"bn-{k:03d}" / f"{source.stem}-{k}.md"
            text = _vary_bengali(source.read_text(encoding="utf-8"), k)
            bangla += 1
        else:
            k, i = divmod(english, len(files))
            source = files[i]
            rel = source.relative_to(SOURCE)
            dest = target / f"batch-{k:03d}" / rel.parent / f"{rel.stem}-{k}.md"
            text = _vary(source.read_text(encoding="utf-8"), k)
            english += 1
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=0, help="0 = the corpus as it is")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    print(build_corpus(args.size, args.out))


if __name__ == "__main__":
    main()
