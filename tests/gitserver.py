"""A real git server on 127.0.0.1 for the team tests and benchmarks: dulwich's smart-HTTP
WSGI application over a folder of bare repositories, one thread per request, on an
ephemeral port. No git binary needed.

Switches for the faults the tests need: a sign-in required (HTTP Basic with one token),
pushes refused (HTTP 403, as a server does for an account without write access), a push
landing while a fetch is half-way (between its listing of branches and its request), a
stall part-way through a fetch's or a push's transfer, after which the test kills the
server process (`python -m tests.gitserver ROOT --stall-upload N`, which says "STALLED"
on stdout when it is mid-way).
"""

from __future__ import annotations

import argparse
import base64
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any

from dulwich.file import FileLocked
from dulwich.repo import Repo
from dulwich.server import FileSystemBackend
from dulwich.web import WSGIRequestHandlerLogger, WSGIServerLogger, make_server, make_wsgi_chain

App = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class _Server(ThreadingMixIn, WSGIServerLogger):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # 50 desks at once must all get in


class _Folder(FileSystemBackend):
    """Repositories under one folder, by their path in the URL (dulwich's own backend
    joins the URL's absolute path onto its root, which drops the root)."""

    def __init__(self, root: str, faults: Faults) -> None:
        super().__init__(root)
        self.opened: list[Any] = []
        self.faults = faults

    def open_repository(self, path: str) -> Any:
        repo = super().open_repository(os.fsdecode(path).lstrip("/"))
        _honest_ref_updates(repo, self.faults)
        self.opened.append(repo)
        return repo

    def close(self) -> None:
        for repo in self.opened:
            repo.close()


def _honest_ref_updates(repo: Repo, faults: Faults) -> None:
    """dulwich's receive-pack ignores a failed compare-and-swap of a ref (two desks pushing
    from the same tip: the second is told "ok" and its commit is dropped). git, Gitea and
    GitLab answer "failed to update ref"; so does this server: a swap that did not happen
    raises, which dulwich reports as "failed to write"."""
    refs = repo.refs
    swap = refs.set_if_equals

    def set_if_equals(name: bytes, old: bytes | None, new: bytes, *args: Any,
                      **kwargs: Any) -> bool:
        if faults.locked_updates > 0:  # another push holds the branch's lock
            faults.locked_updates -= 1
            raise OSError(f"failed to lock {name.decode()}")
        try:
            swapped = swap(name, old, new, *args, **kwargs)
        except FileLocked as exc:  # another push holds it: git says "failed to lock"
            raise OSError(f"failed to lock {name.decode()}") from exc
        if not swapped:
            raise OSError(f"failed to update ref {name.decode()}: it moved")
        return True
    refs.set_if_equals = set_if_equals


class _QuietHandler(WSGIRequestHandlerLogger):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        return


@dataclass
class Faults:
    token: str | None = None  # every request must carry it (HTTP Basic, any user name)
    read_only: bool = False  # pushes refused with 403
    stall_upload: int | None = None  # a fetch stops after sending this many bytes
    stall_receive: bool = False  # a push stops once part of its pack arrived
    # called as a fetch asks for its objects, after it was told the branches: what lands
    # there is another desk's push landing between a fetch's two HTTP requests
    before_upload: Callable[[], None] | None = None
    locked_updates: int = 0  # the next pushes find their branch locked by another push


def _guarded(app: App, faults: Faults) -> App:
    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path, query = environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")
        if faults.token is not None and not _signed_in(environ, faults.token):
            start_response("401 Unauthorized", [("WWW-Authenticate", 'Basic realm="git"')])
            return [b"sign in\n"]
        pushing = path.endswith("/git-receive-pack") or "service=git-receive-pack" in query
        if faults.read_only and pushing:
            start_response("403 Forbidden", [("Content-Type", "text/plain")])
            return [b"no write access\n"]
        if faults.stall_receive and path.endswith("/git-receive-pack"):
            environ["wsgi.input"].read(64)
            _stall()
        if faults.before_upload is not None and path.endswith("/git-upload-pack"):
            faults.before_upload()
        if faults.stall_upload is not None and path.endswith("/git-upload-pack"):
            return _cut(app, environ, start_response, faults.stall_upload)
        return app(environ, start_response)
    return guarded


def _signed_in(environ: dict[str, Any], token: str) -> bool:
    header = environ.get("HTTP_AUTHORIZATION", "")
    if not header.startswith("Basic "):
        return False
    _, _, given = base64.b64decode(header[6:]).decode("utf-8", "replace").partition(":")
    return given == token


def _cut(app: App, environ: dict[str, Any], start_response: Callable[..., Any],
         after: int) -> Iterator[bytes]:
    """The response, up to `after` bytes, then a stall (dulwich writes through the
    `write` that start_response returns, and may also return a body)."""
    sent = [0]

    def counted(data: bytes, write: Callable[[bytes], Any]) -> None:
        if sent[0] + len(data) > after:
            write(data[:max(after - sent[0], 1)])
            _stall()
        sent[0] += len(data)
        write(data)

    def starting(status: str, headers: list[Any], *exc: Any) -> Callable[[bytes], None]:
        write = start_response(status, headers, *exc)
        return lambda data: counted(data, write)

    chunks: list[bytes] = []
    for chunk in app(environ, starting):
        counted(chunk, chunks.append)
        yield from chunks
        chunks.clear()


def _stall() -> None:
    print("STALLED", flush=True)
    while True:
        time.sleep(1)


class GitServer:
    """In this process, on a thread (tests that need no kill)."""

    def __init__(self, root: Path, faults: Faults | None = None, port: int = 0) -> None:
        self.root = Path(root)
        self.faults = faults or Faults()
        self.backend = _Folder(str(self.root), self.faults)
        app = _guarded(make_wsgi_chain(self.backend), self.faults)
        self.httpd = make_server("127.0.0.1", port, app, handler_class=_QuietHandler,
                                 server_class=_Server)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def __enter__(self) -> GitServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)
        self.backend.close()


class ServerProcess:
    """In a child process, to be killed mid-transfer."""

    def __init__(self, root: Path, *options: str, port: int = 0) -> None:
        self.root, self.options = Path(root), options
        self.port = port or free_port()
        command = [sys.executable, "-m", "tests.gitserver", str(self.root), "--port",
                   str(self.port), *options]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                                        cwd=Path(__file__).resolve().parent.parent)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("PORT"):
            raise RuntimeError(f"the git server did not start: {line!r}")

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def wait_stalled(self, timeout: float = 60.0) -> None:
        assert self.process.stdout is not None
        found: list[str] = []
        reader = threading.Thread(target=lambda: found.append(self.process.stdout.readline()
                                                              if self.process.stdout else ""),
                                  daemon=True)
        reader.start()
        reader.join(timeout)
        if not found or "STALLED" not in found[0]:
            raise TimeoutError("the server never reached the stall")

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bare(root: Path, name: str = "team.git") -> Path:
    """A new, empty bare repository under `root`."""
    path = root / name
    path.mkdir(parents=True)
    Repo.init_bare(str(path)).close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=Path)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--stall-upload", type=int, default=None)
    parser.add_argument("--stall-receive", action="store_true")
    parser.add_argument("--read-only", action="store_true")
    args = parser.parse_args(argv)
    faults = Faults(read_only=args.read_only, stall_upload=args.stall_upload,
                    stall_receive=args.stall_receive)
    server = GitServer(args.root, faults, args.port)
    print(f"PORT {server.port}", flush=True)
    server.httpd.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
