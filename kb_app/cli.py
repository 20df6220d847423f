"""The `kb` command line: index, search, show, check and export a knowledge base from a
terminal; create, move, archive, delete and restore articles (kb_app.cli_edit)."""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from kb_app import config
from kb_app.fileio import LockTimeout, remove_stale_temp_files_under
from kb_app.index import IndexUnavailable, KnowledgeIndex, SyncReport
from kb_app.version import VersionAction

if TYPE_CHECKING:
    from kb_app.knowledge_base import KnowledgeBase
    from kb_app.search import KnowledgeSearcher, SearchResponse

# Imports: what `kb search` needs is imported here; the rest (export and its templates,
# checks, the knowledge base with its history) where a command uses it, so a search
# starts in a fraction of the time.

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
# A search waits this long for another process's sync, then answers from the index as it
# is (a first build elsewhere can take minutes; a search must not hang meanwhile).
SEARCH_LOCK_WAIT_S = 5.0
_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)


def build_parser(others: bool = True) -> argparse.ArgumentParser:
    """The parser of every command; without `others`, of this module's only (the other
    command modules import the knowledge base, git and more: a third of a second)."""
    parser = argparse.ArgumentParser(prog="kb", description="Gyan knowledge base tools.")
    parser.add_argument("--version", action=VersionAction)
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, index: bool = True) -> None:
        p.add_argument("--articles", type=Path, default=None,
                       help="articles folder (default: the bundled sample)")
        if index:
            p.add_argument("--index", type=Path, default=None,
                           help="index folder (default: a per-user cache folder)")

    p = sub.add_parser("index", help="bring the index up to date with the articles folder")
    common(p)
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    p.add_argument("--progress", action="store_true",
                   help="print progress as JSON lines (for the desktop app)")
    p.add_argument("--meaning", action="store_true",
                   help="then read the meaning of what changed, for English searches "
                        "(slow: about 0.25 s an article; the desktop app does it by itself)")

    p = sub.add_parser("search", help="search the knowledge base ('-' reads queries from stdin)")
    p.add_argument("query")
    common(p)
    p.add_argument("--product")
    p.add_argument("--tag")
    p.add_argument("--lang", dest="language")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--drafts", action="store_true", help="include drafts (for staff)")
    p.add_argument("--archived", action="store_true", help="include archived articles")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--no-meaning", dest="meaning", action="store_false",
                   help="rank by the words alone, not re-ranked by meaning")

    p = sub.add_parser("show", help="print one article")
    p.add_argument("id")
    common(p)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("check", help="validate every article; exit 1 if any has a problem")
    common(p, index=False)

    p = sub.add_parser("export", help="export the public articles as a website or JSON")
    p.add_argument("format", choices=["site", "json"])
    p.add_argument("--out", type=Path, required=True, help="folder (site) or file (json)")
    common(p, index=False)
    p.add_argument("--product")
    p.add_argument("--lang", dest="language")
    p.add_argument("--base-url", help="the site's address, for canonical links and sitemap")
    p.add_argument("--title", default="Help centre", help="the site's title")
    for module in _command_modules() if others else []:
        module.add_commands(sub, common)
    return parser


# Modules that add commands (each has `COMMANDS`, `add_commands(sub, common)` and
# `run(args)`); imported when a parser is built, since they build on this module.
COMMAND_MODULES = ("kb_app.cli_edit", "kb_app.cli_health", "kb_app.cli_team")


def _command_modules() -> list[Any]:
    import importlib

    return [importlib.import_module(name) for name in COMMAND_MODULES]


# Options kept as text in what Gyan writes (an index's manifest, the site's pages).
_TEXT_OPTIONS = ("title", "base_url")


def _not_utf8(args: argparse.Namespace) -> str | None:
    """The first folder, file or kept text given that is no UTF-8 (bytes a shell passes
    from a name in another encoding), as the user gave it; None if all are. Such a name
    cannot be written into an index's manifest or a page: once a traceback."""
    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for one in values:
            if isinstance(one, Path) or (name in _TEXT_OPTIONS and isinstance(one, str)):
                try:
                    str(one).encode("utf-8")
                except UnicodeEncodeError:
                    shown = str(one).encode("utf-8", "surrogateescape").decode(
                        "utf-8", "backslashreplace")
                    return f"{'--' + name.replace('_', '-')} {shown}"
    return None


def _print_anything() -> None:
    """Output whose encoding cannot hold what Gyan prints (Windows' ANSI code page when
    `kb search x > out.txt` redirects it, an ASCII locale) gets "?" for what it cannot
    encode, not a UnicodeEncodeError once the work is done. On a terminal, control
    characters in what is printed (a teammate's signals, an article's title) are shown
    as escapes, not obeyed: a hostile line must not clear the screen, retitle the window
    or write over earlier lines."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, _ShownNotObeyed):
            continue
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")
        with contextlib.suppress(ValueError, OSError, AttributeError):
            if stream.isatty():
                setattr(sys, name, _ShownNotObeyed(stream))


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and newline


class _ShownNotObeyed:
    """A terminal's stream that writes control characters as escapes (`\\x1b`)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


# Commands that need no other command module: `kb search` and `kb index` start quickly.
FAST_COMMANDS = ("search", "index")


def main(argv: Sequence[str] | None = None) -> int:
    _print_anything()
    try:
        return _main(argv)
    except OSError as exc:  # what no command foresaw: said with its file, not a traceback
        where = f"{exc.filename}: " if exc.filename is not None else ""
        print(f"kb: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(others=not argv or argv[0] not in FAST_COMMANDS).parse_args(argv)
    args.articles = (args.articles or config.bundled_articles_dir()).expanduser()
    unreadable = _not_utf8(args)
    if unreadable:
        print(f"kb: {unreadable} is not valid UTF-8; rename it or give it in UTF-8",
              file=sys.stderr)
        return EXIT_USAGE
    if not args.articles.is_dir():
        print(f"kb: articles folder not found: {args.articles}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "check":
        return cmd_check(args.articles)
    if args.command == "export":
        return cmd_export(args)
    for module in _command_modules() if args.command not in FAST_COMMANDS else []:
        if args.command in module.COMMANDS:
            return int(module.run(args))
    if args.command == "show":
        from kb_app.knowledge_base import KnowledgeBase

        with KnowledgeBase(args.articles, args.index) as base:
            return _read(base.index, args, base)
    articles = args.articles.resolve()
    return _read(KnowledgeIndex(args.index or config.default_index_dir(articles), articles),
                 args)


def _read(kb: KnowledgeIndex, args: argparse.Namespace, base: KnowledgeBase | None = None
          ) -> int:
    """index, search, show (`base`: the knowledge base, for show)."""
    try:
        if args.command == "index":
            return cmd_index(kb, args.rebuild, args.progress, args.meaning)
        sync_before_reading(kb)
        with kb.searcher() as searcher:
            if args.command == "search":
                return cmd_search(searcher, args)
            assert base is not None
            return cmd_show(searcher, base, args.id, args.json)
    except (IndexUnavailable, TimeoutError) as exc:
        print(f"kb: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK


def cmd_index(kb: KnowledgeIndex, rebuild: bool, progress: bool = False,
              meaning: bool = False) -> int:
    def show(done: int, total: int) -> None:
        print(json.dumps({"done": done, "total": total}), flush=True)

    callback = show if progress else None
    remove_stale_temp_files_under(kb.articles_dir)  # interrupted saves' leftovers
    report = kb.rebuild(progress=callback) if rebuild else kb.sync(progress=callback)
    if report.warning:
        print(f"kb: {report.warning}", file=sys.stderr)
    verb = "rebuilt" if report.rebuilt else "updated"
    print(f"{verb} {kb.index_dir}: {report.indexed} articles indexed "
          f"({report.added} added, {report.updated} changed, {report.removed} removed) "
          f"in {report.seconds:.2f} s")
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if not rebuild:
        tidy_quietly(kb, max_small=0)
    if meaning:
        start = time.perf_counter()
        try:
            read = kb.update_meanings(progress=callback)
        except (OSError, ValueError) as exc:  # the model's files damaged, a full disk
            print(f"kb: could not read the articles' meaning: {exc}", file=sys.stderr)
            return EXIT_FAILED
        print(f"read the meaning of {read.encoded} articles ({read.passages} passages) "
              f"in {time.perf_counter() - start:.2f} s"
              + (f"; {read.remaining} left for another process" if read.remaining else ""))
    return EXIT_OK


def tidy_quietly(kb: KnowledgeIndex, max_small: int | None = None) -> None:
    """Merge the small segments saves leave behind (the window does it when idle; a desk
    used from the command line has only these moments). Each small segment costs every
    search a little: 100 of them made a cold search at 100,000 articles 0.38 s, not
    0.25 s. Not done is no failure: the next write or `kb index` tries again."""
    with contextlib.suppress(IndexUnavailable, LockTimeout, OSError):
        kb.tidy(max_small, lock_timeout=SEARCH_LOCK_WAIT_S)


def sync_before_reading(kb: KnowledgeIndex) -> None:
    """Bring the index up to date if possible; if not (a full or read-only disk, another
    process busy writing), say so and answer from the index as it is."""
    try:
        report = kb.sync(lock_timeout=SEARCH_LOCK_WAIT_S)
    except (IndexUnavailable, LockTimeout) as exc:
        print(f"kb: warning: the index was not brought up to date, so recent changes may be "
              f"missing from the results: {exc}", file=sys.stderr)
        return
    if report.warning:
        print(f"kb: {report.warning}", file=sys.stderr)
    _warn_problems(report)


def _warn_problems(report: SyncReport) -> None:
    errors = [p for p in report.problems if p.severity == "error"]
    if errors:
        print(f"kb: {len(errors)} file(s) could not be indexed; run 'kb check' for details",
              file=sys.stderr)


def cmd_search(searcher: KnowledgeSearcher, args: argparse.Namespace) -> int:
    options = {"product": args.product, "tag": args.tag, "language": args.language,
               "limit": args.limit, "include_archived": args.archived,
               "include_drafts": args.drafts, "meaning": args.meaning}
    warned: set[str] = set()
    if args.query == "-":
        for line in sys.stdin:
            response = searcher.search(line.rstrip("\r\n"), **options)
            _warn_once(response, warned)
            print(json.dumps(response.to_json(), ensure_ascii=False), flush=True)
        return EXIT_OK
    response = searcher.search(args.query, **options)
    _warn_once(response, warned)
    if args.json:
        print(json.dumps(response.to_json(), ensure_ascii=False, indent=2))
    else:
        print_response(response, sys.stdout)
    return EXIT_OK


def _warn_once(response: SearchResponse, warned: set[str]) -> None:
    """A damaged index's warning on stderr, once per run (results still go to stdout)."""
    said = str(response.warning or "")
    if said and said not in warned:
        warned.add(said)
        print(f"kb: warning: {said}", file=sys.stderr, flush=True)


def print_response(response: SearchResponse, out: TextIO) -> None:
    bold = (lambda s: f"\x1b[1m{s}\x1b[0m") if out.isatty() else (lambda s: f"[{s}]")
    if response.corrected:
        print(f"Showing results for: {response.corrected}", file=out)
    print(f"{response.total} result(s)", file=out)
    for n, hit in enumerate(response.results, start=1):
        badges = [b for b in (hit.product, hit.language) if b]
        status = f"  ({hit.status})" if hit.status != "published" else ""
        print(f"\n{n}. {hit.title}  [{' · '.join(badges)}]{status}", file=out)
        print(f"   {hit.id}  ({hit.path})", file=out)
        if hit.summary:
            print(f"   Answer: {hit.summary}", file=out)
        snippet = html.unescape(_MARK.sub(lambda m: bold(m.group(1)), hit.snippet))
        where = f"{hit.section}: " if hit.section else ""
        print(f"   {where}{snippet}", file=out)


def cmd_show(searcher: KnowledgeSearcher, base: KnowledgeBase, ref: str,
             as_json: bool) -> int:
    from kb_app.articles import ArticleError, article_record, read_article
    from kb_app.operations import UnknownArticle

    try:
        path = base.resolve(ref, searcher=searcher)
        article, _ = read_article(base.articles_dir / path, base.articles_dir)
    except (UnknownArticle, ArticleError) as exc:
        print(f"kb: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    meta = article_record(article)
    if as_json:
        print(json.dumps({**meta, "body": article.body}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(article.title)
    print("=" * min(len(article.title), 78))
    for key in ("id", "path", "product", "tags", "language", "status", "visibility", "owner",
                "updated", "review_by"):
        value = ", ".join(meta[key]) if key == "tags" else meta[key]
        if value:
            print(f"{key + ':':12}{value}")
    if article.summary:
        print(f"\nQuick answer: {article.summary}")
    print(f"\n{article.body.strip()}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Export; exit 3 if the folder is refused, a write fails, or an article was withheld
    because internal text would have been published (the rest is still written)."""
    from kb_app.export import ExportOptions, ExportRefused, build_site, export_json

    options = ExportOptions(product=args.product, language=args.language,
                            base_url=args.base_url, title=args.title)
    try:
        if args.format == "json":
            report = export_json(args.articles, args.out, options)
        else:
            report = build_site(args.articles, args.out, options)
    except ExportRefused as exc:
        print(f"kb: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"kb: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    for problem in report.export_problems:
        print(problem, file=sys.stderr)
    what = "" if args.format == "json" else f", {len(report.files)} file(s)"
    print(f"exported {report.articles} public article(s){what} to {report.out}"
          + (f"; removed {len(report.removed)} stale file(s)" if report.removed else ""))
    errors = [p for p in report.problems if p.severity == "error"
              and p not in report.export_problems]
    if errors:
        print(f"kb: {len(errors)} file(s) could not be read; run 'kb check'", file=sys.stderr)
    if report.withheld:
        print(f"kb: {len(report.withheld)} article(s) not exported because their internal "
              f"text would have been published: {', '.join(report.withheld)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_check(root: Path) -> int:
    from kb_app.checks import check_folder

    report = check_folder(root)
    for problem in report.problems:
        print(problem)
    errors = sum(1 for p in report.problems if p.severity == "error")
    print(f"{report.files} file(s) checked: {len(report.articles)} articles, {errors} error(s), "
          f"{len(report.problems) - errors} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if report.problems else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
