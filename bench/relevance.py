"""Relevance (issue 16): agent-style queries through Gyan and SQLite FTS5, side by side.

    python -m bench.relevance [--set tuning|second|held-out] [--kind K] [--show-misses]
                              [--label L] [--compare LABEL]

relevance_queries.json holds agent-style queries (symptoms, questions, paraphrases,
half-typed words, Bengali, mixed Bengali/English, names written another way) over the
bundled sample and the shared corpus as it is, each with the one article expected and,
where another answers it as well, `also_ok`. Both folders are indexed in temp folders and
every query goes through Gyan (`KnowledgeSearcher.search(q, limit=10)`, as bench.quality
does, after the articles' meaning vectors are made: `--words-only` leaves them out, for
the ranking by words alone) and through an FTS5 table built here from the same articles
(id, title, headings, plain body; bm25 with the title weighted 4, headings 2, body 1;
drafts and archived articles left out as Gyan leaves them out; the query's words OR-ed,
each quoted, the last one a prefix unless the query ends with a space).

relevance_heldout.json (`--set held-out`) holds 160 more such queries, written blind by
another session after the ranking had been tuned on the first set, and never tuned on:
whether what was tuned on the first set holds for queries nobody looked at.
relevance_dev2.json (`--set second`) holds 157 more, written blind the same way, to tune on
beside the first set, so that the held-out set stays unspent.

Printed: recall@1, recall@5 and MRR@10 of each engine per source (and its kinds), per kind
and overall; then the title rule: queries whose expected article's title holds every
content word of the query (stop and question words removed) that Gyan ranks outside the
top 3. `--show-misses` lists every query Gyan does not rank first. The figures go to
/tmp/gyan-relevance/<label>.json; `--compare LABEL` prints them against an earlier run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import build_corpus
from bench.quality import figures, gyan_top, rank_of
from kb_app import config, plaintext
from kb_app.articles import load_folder

QUERIES = Path(__file__).with_name("relevance_queries.json")
HELD_OUT = Path(__file__).with_name("relevance_heldout.json")
SECOND = Path(__file__).with_name("relevance_dev2.json")
SETS = {"tuning": QUERIES, "second": SECOND, "held-out": HELD_OUT}
OUT = Path("/tmp/gyan-relevance")
REPO = Path(__file__).resolve().parent.parent
SOURCES: dict[str, Callable[[], Path]] = {
    "bundled": config.bundled_articles_dir,
    "corpus": lambda: build_corpus(0),
}
KINDS = ("symptom", "question", "paraphrase", "half-typed", "bengali", "mixed", "names")
ENGINES = ("gyan", "fts5")
HIDDEN = ("draft", "archived")  # what Gyan leaves out of an agent's search
TOP = 10
TITLE_RULE_TOP = 3

# Question and filler words (the list), then common English stop words.
STOP_WORDS = frozenset("""
how do i my not the a to is can what why when where does
an and or of in on at for with from by as it its this that these those be are was were
been am me we our us you your he she her his they them their there here will would
should could did doing done has have had so if but about into than then too very just
""".split())

FTS_TOKENIZE = "porter unicode61 categories 'L* N* Co M*'"  # Bengali signs stay in words
FTS_SQL = ("SELECT id FROM docs WHERE docs MATCH ? "
           "ORDER BY bm25(docs, 0.0, 4.0, 2.0, 1.0) LIMIT ?")


@dataclass
class Case:
    query: str
    expect: str
    kind: str
    source: str
    also_ok: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def right(self) -> set[str]:
        return {self.expect, *self.also_ok}


def load_cases(path: Path = QUERIES) -> list[Case]:
    return [Case(**item) for item in json.loads(path.read_text(encoding="utf-8"))]


# -- words --------------------------------------------------------------------------------

def words(text: str) -> list[str]:
    """Lowercased runs of letters, digits and combining signs (Bengali vowel signs and the
    hasanta belong to their word)."""
    out, word = [], []
    for char in text.lower():
        if unicodedata.category(char)[0] in "LNM":
            word.append(char)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def _stem(word: str) -> str:
    """Only a plural's s: "invoices" and "invoice" are the same content word."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def content_words(query: str) -> list[str]:
    return [w for w in words(query) if w not in STOP_WORDS]


def title_covers(title: str, query: str) -> bool:
    """Whether the title holds every content word of the query (the last one may be typed
    in part, unless the query ends with a space)."""
    wanted = content_words(query)
    if not wanted:
        return False
    title_words = words(title)
    stems = {_stem(w) for w in title_words}
    prefix = not query.endswith(" ")
    for n, word in enumerate(wanted):
        if _stem(word) in stems:
            continue
        if prefix and n == len(wanted) - 1 and any(t.startswith(word) for t in title_words):
            continue
        return False
    return True


# -- SQLite FTS5 --------------------------------------------------------------------------

def fts_match(query: str) -> str | None:
    """The FTS5 query: every word quoted (no word can be FTS5 syntax), OR-ed, the last a
    prefix unless the query ends with a space."""
    tokens = words(query)
    if not tokens:
        return None
    quoted = ['"' + t.replace('"', '""') + '"' for t in tokens]
    if not query.endswith(" "):
        quoted[-1] += "*"
    return " OR ".join(quoted)


def fts_top(articles: Path, queries: list[str], limit: int = TOP) -> list[list[str]]:
    """The ids FTS5 ranks first for each query, over the same articles Gyan indexes."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, headings, body, "
               f'tokenize="{FTS_TOKENIZE}")')
    for article in load_folder(articles).articles:
        if article.status in HIDDEN:
            continue
        headings = "\n".join(s.heading for s in plaintext.sections(article.body) if s.heading)
        db.execute("INSERT INTO docs VALUES (?, ?, ?, ?)",
                   (article.id, article.title, headings, plaintext.plain(article.body)))
    tops = []
    for query in queries:
        match = fts_match(query)
        try:
            rows = db.execute(FTS_SQL, (match, limit)).fetchall() if match else []
        except sqlite3.OperationalError:  # never a crash: the query simply finds nothing
            rows = []
        tops.append([row[0] for row in rows])
    db.close()
    return tops


def titles(articles: Path) -> dict[str, str]:
    return {a.id: a.title for a in load_folder(articles).articles}


# -- the run ------------------------------------------------------------------------------

def run(cases: list[Case], meaning: bool = True) -> list[dict[str, Any]]:
    """One row per case: both engines' ranks and top ids, and the title rule."""
    rows: list[dict[str, Any]] = []
    for source, folder in SOURCES.items():
        chosen = [c for c in cases if c.source == source]
        if not chosen:
            continue
        articles = folder()
        queries = [c.query for c in chosen]
        tops = {"gyan": gyan_top(articles, queries, TOP, meaning),
                "fts5": fts_top(articles, queries)}
        names = titles(articles)
        for n, case in enumerate(chosen):
            row: dict[str, Any] = {"query": case.query, "source": source, "kind": case.kind,
                                   "expect": case.expect, "also_ok": case.also_ok,
                                   "title": names.get(case.expect, "")}
            for engine in ENGINES:
                row[engine] = rank_of(tops[engine][n], case.right)
                row[f"{engine}_top"] = tops[engine][n][:3]
            row["title_rule"] = title_covers(row["title"], case.query)
            rows.append(row)
    return rows


def groups(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(name, rows) for each source and its kinds, each kind, and everything."""
    out: list[tuple[str, list[dict[str, Any]]]] = []
    for source in SOURCES:
        mine = [r for r in rows if r["source"] == source]
        if not mine:
            continue
        out.append((source, mine))
        for kind in KINDS:
            sub = [r for r in mine if r["kind"] == kind]
            if sub:
                out.append((f"{source}/{kind}", sub))
    for kind in KINDS:
        sub = [r for r in rows if r["kind"] == kind]
        if sub:
            out.append((kind, sub))
    out.append(("overall", rows))
    return out


def summary(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for name, sub in groups(rows):
        entry: dict[str, Any] = {"n": len(sub)}
        for engine in ENGINES:
            r1, r5, mrr = figures([r[engine] for r in sub])
            entry[engine] = {"r1": round(r1, 4), "r5": round(r5, 4), "mrr": round(mrr, 4)}
        result[name] = entry
    return result


def violations(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Title-rule queries Gyan ranks outside the top 3."""
    return [r for r in rows if r["title_rule"]
            and (r["gyan"] is None or r["gyan"] > TITLE_RULE_TOP)]


def _rank(rank: int | None) -> str:
    return str(rank) if rank else "-"


def print_table(figs: dict[str, dict[str, Any]]) -> None:
    print(f"{'':29}{'Gyan':^22}  {'SQLite FTS5':^22}")
    print(f"{'group':22}{'n':>5}  {'R@1':>6}{'R@5':>7}{'MRR@10':>9}  {'R@1':>6}{'R@5':>7}"
          f"{'MRR@10':>9}")
    first_kind = next((name for name in figs if name in KINDS), None)
    for name, entry in figs.items():
        if name in SOURCES or name == first_kind or name == "overall":
            print()
        label = "  " + name.split("/", 1)[1] if "/" in name else name
        cells = "  ".join(f"{entry[e]['r1']:6.2f}{entry[e]['r5']:7.2f}{entry[e]['mrr']:9.3f}"
                          for e in ENGINES)
        print(f"{label:22}{entry['n']:5d}  {cells}")


def print_title_rule(rows: list[dict[str, Any]]) -> None:
    covered = [r for r in rows if r["title_rule"]]
    bad = violations(rows)
    print(f"\nTitle rule: {len(covered)} queries whose expected article's title holds all "
          f"their content words; {len(bad)} ranked outside the top {TITLE_RULE_TOP} by Gyan")
    for r in bad:
        print(f"  [{r['source']}/{r['kind']}] {r['query']!r} -> {r['expect']} "
              f"({r['title']!r}): Gyan {_rank(r['gyan'])}, FTS5 {_rank(r['fts5'])}; "
              f"Gyan top {r['gyan_top']}")


def print_misses(rows: list[dict[str, Any]]) -> None:
    misses = [r for r in rows if r["gyan"] != 1]
    print(f"\nNot first in Gyan: {len(misses)} of {len(rows)}")
    for r in misses:
        print(f"  [{r['source']}/{r['kind']}] {r['query']!r} -> {r['expect']}: "
              f"Gyan {_rank(r['gyan'])} (top {r['gyan_top']}), FTS5 {_rank(r['fts5'])}")


def revision() -> dict[str, Any]:
    """The checkout measured: its commit and the search files changed in it."""
    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True,
                                  text=True, timeout=30, check=False)
        except OSError:
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    changed = [line[3:] for line in git("status", "--porcelain", "--", "kb_app").splitlines()]
    return {"commit": git("rev-parse", "--short", "HEAD") or "unknown", "changed": changed}


def compare(before: dict[str, Any], now: dict[str, Any]) -> None:
    """Gyan's figures now against an earlier run's, both over the queries they share."""
    was = {(r["source"], r["query"]): r for r in before["rows"]}
    shared = [r for r in now["rows"] if (r["source"], r["query"]) in was]
    old_figs = summary([was[(r["source"], r["query"])] for r in shared])
    new_figs = summary(shared)
    print(f"\n== Compared with {before['label']!r} ({before['revision']['commit']}, "
          f"{before['when']}), over the {len(shared)} queries both ran ==")
    print(f"{'group':22}{'n':>5}  {'Gyan R@1':>20}  {'Gyan R@5':>20}  {'Gyan MRR@10':>23}")
    for name, entry in new_figs.items():
        old = old_figs.get(name)
        if not old:
            continue
        cells = []
        for key, width, digits in (("r1", 20, 2), ("r5", 20, 2), ("mrr", 23, 3)):
            a, b = old["gyan"][key], entry["gyan"][key]
            cells.append(f"{a:.{digits}f} -> {b:.{digits}f} ({b - a:+.{digits}f})".rjust(width))
        print(f"{name:22}{entry['n']:5d}  " + "  ".join(cells))
    better, worse = [], []
    for r in shared:
        old_row = was[(r["source"], r["query"])]
        a, b = old_row["gyan"] or TOP + 1, r["gyan"] or TOP + 1
        if b < a:
            better.append((old_row, r))
        elif b > a:
            worse.append((old_row, r))
    for name, changed in (("better", better), ("worse", worse)):
        print(f"\nGyan ranks {name}: {len(changed)}")
        for old_row, r in changed:
            print(f"  [{r['source']}/{r['kind']}] {r['query']!r}: "
                  f"{_rank(old_row['gyan'])} -> {_rank(r['gyan'])}")
    keys = {(r["source"], r["query"]) for r in shared}
    old_bad = [r for r in violations(list(was.values())) if (r["source"], r["query"]) in keys]
    new_bad = violations(shared)
    print(f"\nTitle-rule violations: {len(old_bad)} -> {len(new_bad)}")
    for r in new_bad:
        print(f"  still or newly outside the top {TITLE_RULE_TOP}: {r['query']!r} "
              f"({_rank(r['gyan'])})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=SETS, default="tuning", dest="query_set",
                        help="which query set: the first tuning set (default), the second, "
                             "or the held-out one, never tuned on")
    parser.add_argument("--held-out", action="store_true", help="the same as --set held-out")
    parser.add_argument("--kind", choices=KINDS, help="only the queries of this kind")
    parser.add_argument("--show-misses", action="store_true",
                        help="list every query Gyan does not rank first")
    parser.add_argument("--words-only", action="store_true",
                        help="Gyan by the words alone: no meaning vectors made (kb_app.meaning)")
    parser.add_argument("--label", default="run",
                        help="write the figures to /tmp/gyan-relevance/LABEL.json")
    parser.add_argument("--compare", metavar="LABEL",
                        help="print these figures against an earlier run's")
    args = parser.parse_args()

    if args.held_out:
        args.query_set = "held-out"
    cases = load_cases(SETS[args.query_set])
    if args.kind:
        cases = [c for c in cases if c.kind == args.kind]
    rows = run(cases, meaning=not args.words_only)
    figs = summary(rows)
    rev = revision()
    counts = ", ".join(f"{s} {sum(1 for c in cases if c.source == s)}" for s in SOURCES)
    print(f"== Relevance ({args.query_set} set): {len(cases)} queries"
          f" ({counts}){'; words only' if args.words_only else ''}"
          f"{f', kind {args.kind}' if args.kind else ''}; Gyan at {rev['commit']}"
          f"{' with changes in ' + ', '.join(rev['changed']) if rev['changed'] else ''} ==\n")
    print_table(figs)
    print_title_rule(rows)
    if args.show_misses:
        print_misses(rows)

    result = {"label": args.label, "when": dt.datetime.now().isoformat(timespec="seconds"),
              "revision": rev, "kind": args.kind, "set": args.query_set,
              "queries": len(cases), "figures": figs,
              "title_rule": [r["query"] for r in violations(rows)], "rows": rows}
    earlier = None
    if args.compare:  # read before writing: the label may be the same
        path = OUT / f"{args.compare}.json"
        if not path.is_file():
            raise SystemExit(f"no earlier run {path}")
        earlier = json.loads(path.read_text(encoding="utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"{args.label}.json"
    target.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nFigures written to {target}")
    if earlier is not None:
        compare(earlier, result)


if __name__ == "__main__":
    main()
