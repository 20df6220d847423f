"""`kb remote`, `kb sync`, `kb clone`, `kb resolve`: a desk of a team from a terminal,
through the same `KnowledgeBase.team` the app uses.

Exit codes: 0 done; 1 articles wait for an editor's decision (`kb resolve` lists them);
2 usage (no remote set, an address with a password in it, an unknown role); 3 could
not be done, and the message says why (the remote unreachable, a sign-in needed, the
push refused, the disk full).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kb_app import config
from kb_app.cli import EXIT_FAILED, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from kb_app.team import ROLES

if TYPE_CHECKING:
    from kb_app.knowledge_base import KnowledgeBase
    from kb_app.team.sync import SyncResult

COMMANDS = ("remote", "sync", "clone", "resolve")
AUTHOR_ENV = "GYAN_AUTHOR"


def add_commands(sub: argparse._SubParsersAction,
                 common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("remote", help="the team's remote: set, role, show, login, logout")
    actions = p.add_subparsers(dest="action", required=True)
    a = actions.add_parser("set", help="name the team's git remote (https, ssh, file://)")
    a.add_argument("url")
    a.add_argument("--role", choices=ROLES, help="agent (default): follows the remote; "
                   "editor: also publishes its saves")
    common(a)
    a = actions.add_parser("role", help="make this desk an agent's or an editor's")
    a.add_argument("role", choices=ROLES)
    common(a)
    common(actions.add_parser("show", help="the remote, role, sign-in and last sync"))
    a = actions.add_parser("login", help="keep a token (https) or a key's passphrase "
                           "(ssh) in the system keyring")
    a.add_argument("--username", help="the account name (https)")
    a.add_argument("--ssh-key", help="the private key file whose passphrase to keep")
    a.add_argument("--stdin", action="store_true", help="read the secret from stdin")
    common(a)
    common(actions.add_parser("logout", help="forget the stored secret"))
    p = sub.add_parser("sync", help="sync with the team's remote now")
    p.add_argument("--author", help=f"name for merge revisions (default: ${AUTHOR_ENV})")
    p.add_argument("--json", action="store_true")
    common(p)
    p = sub.add_parser("clone", help="start a desk from the team's remote, then index it")
    p.add_argument("url")
    p.add_argument("dir", nargs="?", type=Path, help="the new folder (default: from URL)")
    p.add_argument("--role", choices=ROLES, default="agent")
    p.add_argument("--index", type=Path, default=None, help="index folder")
    p.set_defaults(articles=None)  # it makes its folder: `dir`
    p = sub.add_parser("resolve", help="articles changed here and by someone else: list, "
                       "or keep mine / take theirs / merge one")
    p.add_argument("id", nargs="?")
    p.add_argument("choice", nargs="?", choices=("mine", "theirs", "merge"))
    p.add_argument("--author")
    common(p)


def run(args: argparse.Namespace) -> int:
    # Here, not at the top: `kb search` never pays for the git client and the keyring.
    from kb_app.knowledge_base import KnowledgeBase
    from kb_app.operations import ReadOnlySample, UnknownArticle
    from kb_app.team.remote import RejectedAddress, RemoteError
    from kb_app.team.sync import NotShared

    try:
        if args.command == "clone":
            return cmd_clone(args)
        folder = (args.articles or config.bundled_articles_dir()).expanduser()
        if not folder.is_dir():
            return _fail(f"articles folder not found: {folder}", EXIT_USAGE)
        with KnowledgeBase(folder, args.index) as kb:
            return _COMMANDS[args.command](kb, args)
    except (NotShared, RejectedAddress, ValueError) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except UnknownArticle as exc:
        return _fail(str(exc), EXIT_PROBLEMS)
    except ReadOnlySample as exc:
        return _fail(f"{exc.filename} is the bundled sample, which is never shared or "
                     "changed: copy it and pass --articles COPY", EXIT_FAILED)
    except (RemoteError, OSError) as exc:
        return _fail(str(exc), EXIT_FAILED)


def _fail(message: str, code: int) -> int:
    print(f"kb: {message}", file=sys.stderr)
    return code


def _author(given: str | None, kb: KnowledgeBase) -> str:
    from kb_app.history import git_user_name

    for name in (given, os.environ.get(AUTHOR_ENV), git_user_name(kb.articles_dir)):
        if name and name.strip():
            return name.strip()
    return ""


class _Shown:
    """Progress on stderr: one line per step (rewritten in place on a terminal)."""

    def __init__(self) -> None:
        self.last: tuple[str, int] = ("", -1)
        self.tty = sys.stderr.isatty()

    def __call__(self, stage: str, done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if (stage, percent // 10) == self.last and done < total:
            return
        self.last = (stage, percent // 10)
        end = "\r" if self.tty and done < total else "\n"
        print(f"kb: {stage}: {done:,} of {total:,}", end=end, file=sys.stderr, flush=True)


# -- the commands ----------------------------------------------------------------------


def cmd_remote(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    team = kb.team
    if args.action == "set":
        done = team.set_remote(args.url, args.role)
        print(f"kb: {kb.articles_dir} is shared with {done.url} as an {done.role}'s desk; "
              "`kb sync` syncs it now", file=sys.stderr)
    elif args.action == "role":
        done = team.set_role(args.role)
        print(f"kb: this desk is now an {done.role}'s", file=sys.stderr)
    elif args.action == "login":
        return _login(kb, args)
    elif args.action == "logout":
        team.sign_out()
        print("kb: the stored secret is forgotten", file=sys.stderr)
    else:
        return _show(kb)
    return EXIT_OK


def _login(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    what = "passphrase of " + args.ssh_key if args.ssh_key else "token"
    try:
        secret = (sys.stdin.readline().rstrip("\r\n") if args.stdin
                  else getpass.getpass(f"The {what} for {kb.team.config().url}: "))
    except (EOFError, KeyboardInterrupt):  # Ctrl-D, Ctrl-C, or no terminal to ask on
        secret = ""
        print(file=sys.stderr)
    if not secret:
        return _fail("nothing was given, nothing was kept", EXIT_USAGE)
    kept = (kb.team.sign_in_ssh(args.ssh_key, secret) if args.ssh_key
            else kb.team.sign_in(secret, args.username))
    if kept.where != "keyring":
        return _fail(f"{kept.note}. Nothing was kept for later commands", EXIT_FAILED)
    print(f"kb: the {what} is {kept.note}", file=sys.stderr)
    return EXIT_OK


def _show(kb: KnowledgeBase) -> int:
    team = kb.team.config()
    if not team.shared:
        return _fail(f"{kb.articles_dir} is not shared with a team (kb remote set URL)",
                     EXIT_USAGE)
    role = "publishes each saved revision" if team.is_editor else "follows the remote"
    status = kb.team.status()
    print(f"remote:   {team.url}")
    print(f"role:     {team.role} ({role})")
    print(f"branch:   {team.branch or '(decided at the first sync)'}")
    print(f"sign-in:  {'kept' if kb.team.signed_in() else 'none'}")
    print(f"status:   {status.summary()}")
    if status.message:
        print(f"last:     {status.message}")
    for conflict in kb.team.conflicts():
        print(f"waiting:  {conflict.path} (changed here and by someone else: kb resolve)")
    return EXIT_OK


def cmd_sync(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    result = kb.team.sync(_author(args.author, kb), None if args.json else _Shown())
    if args.json:
        print(json.dumps(_as_json(result), ensure_ascii=False, indent=2))
    else:
        for path in result.changed:
            print(path)
        print(f"kb: {result.message}", file=sys.stderr)
        for note in result.notes:
            print(f"kb: note: {note}", file=sys.stderr)
        shared = result.signals
        if shared is not None and (shared.received or shared.pushed):
            sent = ", this desk's sent" if shared.pushed else ""
            print(f"kb: signals: {len(shared.received)} desk file(s) taken in{sent}",
                  file=sys.stderr)
    if not result.ok:
        return EXIT_FAILED
    return EXIT_PROBLEMS if result.status.conflicts else EXIT_OK


def _as_json(result: SyncResult) -> dict[str, object]:
    return {"outcome": result.outcome, "message": result.message, "changed": result.changed,
            "conflicts": result.conflicts, "set_aside": result.set_aside,
            "pushed": result.pushed, "notes": result.notes, "status": result.status.to_json(),
            "signals": None if result.signals is None else {
                "received": result.signals.received, "sent": result.signals.pushed}}


def cmd_clone(args: argparse.Namespace) -> int:
    from kb_app.knowledge_base import KnowledgeBase
    from kb_app.team.credentials import Credentials, token_key
    from kb_app.team.remote import SignInNeeded, checked_address

    target = args.dir or Path(Path(urlsplit(args.url).path or args.url).name
                              .removesuffix(".git") or "articles")
    shown, keys = _Shown(), Credentials()
    try:
        kb = KnowledgeBase.clone(args.url, target, args.role, progress=shown,
                                 index_dir=args.index, credentials=keys)
    except SignInNeeded:
        if not sys.stdin.isatty():
            raise
        url = checked_address(args.url)  # a private remote: ask once, keep it
        kept = keys.keep(token_key(url), getpass.getpass(f"The token for {url}: "))
        print(f"kb: the token is {kept.note}", file=sys.stderr)
        kb = KnowledgeBase.clone(args.url, target, args.role, progress=shown,
                                 index_dir=args.index, credentials=keys)
    with kb:
        report = kb.sync(progress=lambda done, total: shown("Indexing", done, total))
        print(kb.articles_dir)
        print(f"kb: ready: {report.indexed:,} articles, an {args.role}'s desk of "
              f"{kb.team.config().url}; open it with `gyan --articles {kb.articles_dir}`",
              file=sys.stderr)
    return EXIT_OK


def cmd_resolve(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    team = kb.team
    if args.id is None:
        for conflict in team.conflicts():
            print(conflict.path)
        return EXIT_OK
    if args.choice is None:
        return _fail("say which to keep: mine, theirs or merge", EXIT_USAGE)
    path = kb.resolve(args.id, must_exist=False)
    author = _author(args.author, kb) or "Gyan"
    if args.choice == "theirs":
        team.take_theirs(path)
    elif args.choice == "mine":
        team.keep_mine(path, author)
    else:
        merged = team.merge(path)
        if merged.conflicts:
            return _fail(f"{path}: {merged.conflicts} place(s) were changed on both sides; "
                         "merge it in the app (Team → Resolve), or choose mine or theirs",
                         EXIT_PROBLEMS)
        from kb_app.operations import ValidationFailed

        try:
            kb.save(merged.edit, author, f"Merge this desk's and the team's {path}")
        except ValidationFailed as exc:
            return _fail(f"the merged {path} does not pass its checks: {exc.problems}",
                         EXIT_PROBLEMS)
        team.settle(path)
    print(path)
    result = team.sync(author)
    print(f"kb: resolved ({args.choice}); {result.message}", file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_FAILED


_COMMANDS: dict[str, Callable[[KnowledgeBase, argparse.Namespace], int]] = {
    "remote": cmd_remote, "sync": cmd_sync, "resolve": cmd_resolve}
