"""Website export benchmark: time to export a large knowledge base, first and again.

    python -m bench.bench_export [--size 10000]
"""

from __future__ import annotations

import argparse
import shutil
import time

from bench.corpus import OUT, build_corpus
from kb_app.export import ExportOptions, build_site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    corpus = build_corpus(args.size)
    # The corpus has no front matter for visibility: mark everything public in a copy.
    public = OUT / f"public-{corpus.name}"
    if not public.exists():
        shutil.copytree(corpus, public)
        for path in public.rglob("*.md"):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("---\n", "---\nvisibility: public\n", 1)
                            if text.startswith("---\n") else
                            f"---\nvisibility: public\n---\n{text}", encoding="utf-8")
    out = OUT / f"site-{corpus.name}"
    shutil.rmtree(out, ignore_errors=True)
    for label in ("first export", "re-export (unchanged)"):
        start = time.perf_counter()
        report = build_site(public, out, ExportOptions(base_url="https://help.example.com"))
        print(f"{label}: {report.articles:,} articles, {len(report.files):,} files in "
              f"{time.perf_counter() - start:.1f} s")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
    index = (out / "search-index.js").stat().st_size / 2**20
    print(f"site size {size:.0f} MB, of which the search index {index:.1f} MB")


if __name__ == "__main__":
    main()
