"""`kb new`, `move`, `archive`, `delete`, `history`, `restore`: the editor's actions from a
terminal, through the same `KnowledgeBase` operations, each recorded in the history.

The author of a change is `--author`, else `$GYAN_AUTHOR`, else git's `user.name`; with
none of them the command refuses (exit 2) rather than record an anonymous revision.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable

from kb_app.cli import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    sync_before_reading,
    tidy_quietly,
)
from kb_app.history import HistoryError, UnknownRevision, git_user_name
from kb_app.index import IndexUnavailable
from kb_app.knowledge_base import KnowledgeBase
from kb_app.operations import (
    NotRecorded,
    ReadOnlySample,
    SaveConflict,
    UnknownArticle,
    ValidationFailed,
    Written,
)
from kb_app.templates import TEMPLATES, UnknownTemplate, find_template, template_key

AUTHOR_ENV = "GYAN_AUTHOR"
COMMANDS = ("new", "move", "archive", "delete", "history", "restore")


class Usage(Exception):
    """The command line is missing something; the message says what."""


def add_commands(sub: argparse._SubParsersAction,
                 common: Callable[[argparse.ArgumentParser], None]) -> None:
    """The editing commands, each with --articles and --index (`common`)."""
    def writer(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        common(p)
        p.add_argument("--author", help=f"name for the history (default: ${AUTHOR_ENV}, "
                                        "else git's user.name)")
        p.add_argument("--note", "-m", default="", help="what changed, for the history")
        return p

    p = writer("new", "create an article from a template (a draft); prints its path")
    p.add_argument("template", help=", ".join(template_key(t) for t in TEMPLATES))
    p.add_argument("title")
    p.add_argument("--path", help="where to put it (default: PRODUCT/TITLE.md)")
    p.add_argument("--product", default="")
    p.add_argument("--id", default="", help="its id (default: its file name)")
    p = writer("move", "move or rename an article; links to it are updated")
    p.add_argument("old", help="id or path")
    p.add_argument("new", help="new path in the articles folder, ending in .md")
    writer("archive", "archive an article (hidden from agents, restorable)").add_argument("id")
    p = writer("delete", "delete an article's file (it stays in the history)")
    p.add_argument("id")
    p.add_argument("--yes", action="store_true", help="really delete")
    p = sub.add_parser("history", help="an article's revisions: id, time, author, note")
    p.add_argument("id")
    common(p)
    p.add_argument("--json", action="store_true")
    p = writer("restore", "save an earlier revision of an article as a new one")
    p.add_argument("id")
    p.add_argument("revision", help="a revision id (or its start) from `kb history`")


def run(args: argparse.Namespace) -> int:
    """Run one editing command; the exit code (0 done, 1 problems, 2 usage, 3 failed)."""
    try:
        with KnowledgeBase(args.articles, args.index) as kb:
            sync_before_reading(kb.index)
            code = _COMMANDS[args.command](kb, args)
            tidy_quietly(kb.index)
            return code
    except (Usage, UnknownTemplate) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except (UnknownArticle, UnknownRevision) as exc:
        return _fail(str(exc), EXIT_PROBLEMS)
    except ValidationFailed as exc:
        for name, problem in exc.problems.items():
            print(f"kb: {name}: {problem}", file=sys.stderr)
        return _fail("not saved: fix these (a draft saves anyway)", EXIT_PROBLEMS)
    except UnicodeDecodeError as exc:
        return _fail(f"the article is not UTF-8 text ({exc.reason} at byte {exc.start}); "
                     "`kb check` lists such files", EXIT_FAILED)
    except ValueError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except SaveConflict as exc:
        return _fail(f"{exc.path} changed on disk meanwhile; nothing was written: run the "
                     "command again", EXIT_FAILED)
    except ReadOnlySample as exc:
        return _fail(f"{exc.filename} is the bundled sample, which is not edited in place: "
                     "copy it (for example with `cp -r`) and pass --articles COPY",
                     EXIT_FAILED)
    except NotRecorded as exc:
        return _fail(str(exc), EXIT_FAILED)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}", EXIT_FAILED)
    except (HistoryError, IndexUnavailable, TimeoutError) as exc:
        return _fail(str(exc), EXIT_FAILED)


def _fail(message: str, code: int) -> int:
    print(f"kb: {message}", file=sys.stderr)
    return code


def author(args: argparse.Namespace, kb: KnowledgeBase) -> str:
    """Who makes the change: --author, $GYAN_AUTHOR, git's user.name; `Usage` if nobody."""
    for name in (args.author, os.environ.get(AUTHOR_ENV), git_user_name(kb.articles_dir)):
        if name and name.strip():
            return name.strip()
    raise Usage(f"who is making this change? Give --author NAME, set ${AUTHOR_ENV}, or set "
                "git's user.name (git config --global user.name NAME)")


def _done(result: Written, what: str) -> None:
    """Say what was done on stderr (stdout is for what scripts read)."""
    commit = f" (revision {result.commit[:12]})" if result.commit else ""
    print(f"kb: {what}{commit}", file=sys.stderr)
    if result.index_warning:
        print(f"kb: warning: {result.index_warning}", file=sys.stderr)


def cmd_new(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    template = find_template(args.template)
    if not args.title.strip():
        raise Usage("the title is empty")
    new = kb.new_article(template, args.title.strip(), product=args.product.strip(),
                         path=args.path)
    if args.path is not None and os.path.lexists(kb.articles_dir / new.path):
        raise Usage(f"{new.path} already exists; give another --path (or leave it out)")
    edit = new.edit.with_fields(id=args.id) if args.id.strip() else new.edit
    saved = kb.save(edit, author(args, kb), args.note)
    print(saved.path)
    _done(saved, f"created {saved.path} as a draft from {template!r}")
    for name, problem in saved.problems.items():
        print(f"kb: before publishing, {name}: {problem}", file=sys.stderr)
    return EXIT_OK


def cmd_move(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    moved = kb.move(kb.resolve(args.old), args.new, author(args, kb), args.note)
    print(moved.new)
    others = f"; links updated in {len(moved.relinked)} other article(s)" if (
        moved.relinked) else ""
    _done(moved, f"moved {moved.old} to {moved.new}{others}")
    return EXIT_OK


def cmd_archive(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    saved = kb.archive(kb.resolve(args.id), author(args, kb), args.note)
    print(saved.path)
    _done(saved, f"archived {saved.path}: hidden from agents and the website")
    return EXIT_OK


def cmd_delete(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    path = kb.resolve(args.id)
    if not args.yes:
        raise Usage(f"deleting {path} needs --yes (`kb archive` hides it restorably)")
    deleted = kb.delete(path, author(args, kb), args.note)
    print(deleted.path)
    _done(deleted, f"deleted {deleted.path}; `kb history {deleted.path}` and `kb restore` "
                   "bring it back")
    return EXIT_OK


def cmd_history(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    path = kb.resolve(args.id, must_exist=False)
    revisions = kb.history(path)
    if args.json:
        print(json.dumps([{"id": r.id, "time": r.time, "author": r.author,
                           "note": r.message, "path": r.path} for r in revisions],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in revisions:
        where = f"  [{r.path}]" if r.path != path else ""
        print(f"{r.id[:12]}  {r.when}  {r.author}  {r.message}{where}")
    if not revisions:
        print(f"kb: {path} has no recorded revisions", file=sys.stderr)
    return EXIT_OK


def cmd_restore(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    path = kb.resolve(args.id, must_exist=False)
    saved = kb.restore(path, args.revision, author(args, kb), args.note)
    print(saved.path)
    _done(saved, f"restored {saved.path} to {args.revision} as a new revision")
    return EXIT_OK


_COMMANDS: dict[str, Callable[[KnowledgeBase, argparse.Namespace], int]] = {
    "new": cmd_new, "move": cmd_move, "archive": cmd_archive, "delete": cmd_delete,
    "history": cmd_history, "restore": cmd_restore}
