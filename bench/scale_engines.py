"""The three engines bench/bench_scale.py compares, each driven in its own process.

    python -m bench.scale_engines build ENGINE CORPUS INDEX    # prints one JSON line
    python -m bench.scale_engines serve ENGINE CORPUS INDEX    # JSON lines in and out
    python -m bench.scale_engines cold ENGINE CORPUS INDEX QUERY

ENGINE is `gyan` (kb_app, whichever is first on the path: the bench can run an older
checkout), `fts5` (SQLite FTS5, porter stemming, title boosted 4x, snippet()) or
`tantivy` (the `tantivy` package, an optional `bench` extra; en_stem, title boosted 4x,
SnippetGenerator). Every engine answers the same query the same way: the top 10 with a
highlighted snippet, the last word a prefix unless the query ends with a space.

`serve` reads requests, one JSON object a line, and answers each with one line:
``{"op": "search", "q": ...}`` -> ms and hits; ``{"op": "save", "rel": ..., "n": k}``
(append a new word to that article, make it findable, search for it) -> ms and found;
``{"op": "restore", "rel": ...}``; ``{"op": "rss"}`` -> the current and peak RSS in MB.
Imports are inside the functions: a process loads only its own engine.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

SNIPPET_CHARS = 220


def rss_mb() -> float:
    """This process's resident memory now."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def tokens(text: str) -> list[str]:
    return [t for t in "".join(c if c.isalnum() else " " for c in text).lower().split() if t]


def read_docs(corpus: Path) -> Any:
    """(path, title, plain body) of every article, as the app reads them."""
    from kb_app import plaintext
    from kb_app.articles import ArticleError, article_files, read_article

    for path in article_files(corpus):
        try:
            article, _ = read_article(path, corpus)
        except ArticleError:
            continue
        yield article.path, article.title, plaintext.plain(article.body)


def read_one(corpus: Path, rel: str) -> tuple[str, str, str]:
    from kb_app import plaintext
    from kb_app.articles import read_article

    article, _ = read_article(corpus / rel, corpus)
    return article.path, article.title, plaintext.plain(article.body)


# -- Gyan ---------------------------------------------------------------------------------

class Gyan:
    def __init__(self, corpus: Path, index: Path) -> None:
        from kb_app.index import KnowledgeIndex

        self.corpus, self.kb = corpus, KnowledgeIndex(index, corpus)
        self.searcher: Any = None

    def build(self) -> int:
        return self.kb.rebuild(workers=2).indexed

    def open(self) -> None:
        self.searcher = self.kb.searcher()

    def search(self, q: str) -> list[str]:
        return [h.snippet for h in self.searcher.search(q, limit=10).results]

    def reindexed(self, rel: str, word: str) -> bool:
        self.kb.sync(only=[rel], workers=1)  # what an editor's save does
        self.searcher.refresh()
        return bool(self.searcher.search(word).results)

    @staticmethod
    def cold(corpus: Path, index: Path, query: str) -> list[str]:
        return [sys.executable, "-m", "kb_app", "search", query, "--articles", str(corpus),
                "--index", str(index), "--json"]


# -- SQLite FTS5 --------------------------------------------------------------------------

FTS_SQL = ("SELECT path, title, snippet(docs, 2, '<mark>', '</mark>', '…', 24) FROM docs "
           "WHERE docs MATCH ? ORDER BY bm25(docs, 0, 4.0, 1.0) LIMIT 10")


def fts_query(text: str) -> str | None:
    words = tokens(text)
    if not words:
        return None
    quoted = [f'"{t}"' for t in words]
    if not text.endswith(" "):
        quoted[-1] += "*"
    return " ".join(quoted)


class Fts5:
    def __init__(self, corpus: Path, index: Path) -> None:
        self.corpus, self.path = corpus, index / "fts.sqlite3"
        self.db: Any = None

    def build(self) -> int:
        import sqlite3

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.unlink(missing_ok=True)
        db = sqlite3.connect(self.path)
        db.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body, "
                   "tokenize='porter unicode61')")
        count = 0
        for row in read_docs(self.corpus):
            db.execute("INSERT INTO docs VALUES (?, ?, ?)", row)
            count += 1
        db.commit()
        db.close()
        return count

    def open(self) -> None:
        import sqlite3

        self.db = sqlite3.connect(self.path)

    def search(self, q: str) -> list[str]:
        match = fts_query(q)
        return [r[2] for r in self.db.execute(FTS_SQL, (match,))] if match else []

    def reindexed(self, rel: str, word: str) -> bool:
        path, title, body = read_one(self.corpus, rel)
        self.db.execute("DELETE FROM docs WHERE path = ?", (path,))
        self.db.execute("INSERT INTO docs VALUES (?, ?, ?)", (path, title, body))
        self.db.commit()
        return bool(self.search(word + " "))

    @staticmethod
    def cold(corpus: Path, index: Path, query: str) -> list[str]:
        return [sys.executable, "-m", "bench.scale_engines", "cold", "fts5", str(corpus),
                str(index), query]


# -- tantivy ------------------------------------------------------------------------------

class Tantivy:
    def __init__(self, corpus: Path, index: Path) -> None:
        self.corpus, self.dir = corpus, index / "tantivy"
        self.index: Any = None
        self.writer: Any = None

    def _schema(self) -> Any:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("path", stored=True, tokenizer_name="raw")
        builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
        builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
        return builder.build()

    def build(self) -> int:
        import shutil

        import tantivy

        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        index = tantivy.Index(self._schema(), path=str(self.dir))
        writer = index.writer(heap_size=200_000_000, num_threads=2)
        count = 0
        for path, title, body in read_docs(self.corpus):
            writer.add_document(tantivy.Document(path=path, title=title, body=body))
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        return count

    def open(self) -> None:
        import tantivy

        self.index = tantivy.Index.open(str(self.dir))
        self.index.reload()

    def query(self, text: str) -> Any:
        import tantivy

        words = tokens(text)
        if not words:
            return None
        last = words.pop() if not text.endswith(" ") else None
        parts = []
        if words:
            parts.append((tantivy.Occur.Must, self.index.parse_query(
                " ".join(words), ["title", "body"], field_boosts={"title": 4.0},
                conjunction_by_default=True)))
        if last:
            schema = self.index.schema
            prefix = tantivy.Query.boolean_query([
                (tantivy.Occur.Should, tantivy.Query.boost_query(
                    tantivy.Query.regex_query(schema, "title", f"{last}.*"), 4.0)),
                (tantivy.Occur.Should, tantivy.Query.regex_query(schema, "body", f"{last}.*")),
            ])
            parts.append((tantivy.Occur.Must, prefix))
        return tantivy.Query.boolean_query(parts)

    def search(self, q: str) -> list[str]:
        import tantivy

        query = self.query(q)
        if query is None:
            return []
        searcher = self.index.searcher()
        hits = searcher.search(query, 10).hits
        snippets = tantivy.SnippetGenerator.create(searcher, query, self.index.schema, "body")
        snippets.set_max_num_chars(SNIPPET_CHARS)
        return [snippets.snippet_from_doc(searcher.doc(address)).to_html()
                for _, address in hits]

    def reindexed(self, rel: str, word: str) -> bool:
        import tantivy

        if self.writer is None:
            self.writer = self.index.writer(heap_size=50_000_000, num_threads=1)
        path, title, body = read_one(self.corpus, rel)
        self.writer.delete_documents_by_term("path", path)
        self.writer.add_document(tantivy.Document(path=path, title=title, body=body))
        self.writer.commit()
        self.index.reload()
        return bool(self.search(word + " "))

    @staticmethod
    def cold(corpus: Path, index: Path, query: str) -> list[str]:
        return [sys.executable, "-m", "bench.scale_engines", "cold", "tantivy", str(corpus),
                str(index), query]


ENGINES: dict[str, Any] = {"gyan": Gyan, "fts5": Fts5, "tantivy": Tantivy}


def tantivy_missing() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return True
    return False


# -- the processes ------------------------------------------------------------------------

def build(engine: Any) -> dict[str, Any]:
    start = time.perf_counter()
    count = engine.build()
    return {"articles": count, "seconds": time.perf_counter() - start,
            "peak_mb": peak_mb(), "children_peak_mb": peak_mb(resource.RUSAGE_CHILDREN)}


def serve(engine: Any) -> None:
    start = time.perf_counter()
    engine.open()
    say({"open_ms": (time.perf_counter() - start) * 1000, "rss_mb": rss_mb()})
    for line in sys.stdin:
        say(answer(engine, json.loads(line)))


def answer(engine: Any, request: dict[str, Any]) -> dict[str, Any]:
    op = request["op"]
    if op == "search":
        start = time.perf_counter()
        hits = engine.search(request["q"])
        return {"ms": (time.perf_counter() - start) * 1000, "hits": len(hits)}
    if op == "save":
        return save(engine, request["rel"], request["n"])
    if op == "restore":
        target = engine.corpus / request["rel"]
        target.write_text(request["text"], encoding="utf-8")
        engine.reindexed(request["rel"], "zzznothing")
        return {}
    return {"rss_mb": rss_mb(), "peak_mb": peak_mb()}


def save(engine: Any, rel: str, n: int) -> dict[str, Any]:
    """Append a word no article has to one article: how long until a search finds it."""
    target = engine.corpus / rel
    word = f"zqxfresh{n}word"
    text = target.read_text(encoding="utf-8")
    start = time.perf_counter()
    target.write_text(text + f"\n\n{word}\n", encoding="utf-8")
    found = engine.reindexed(rel, word)
    return {"ms": (time.perf_counter() - start) * 1000, "found": found}


def say(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> None:
    what, name, corpus, index = argv[:4]
    engine = ENGINES[name](Path(corpus), Path(index))
    if what == "build":
        say(build(engine))
    elif what == "serve":
        serve(engine)
    else:  # cold: open and answer one query, as `kb search --json` does
        engine.open()
        print(json.dumps({"results": engine.search(argv[4])}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
