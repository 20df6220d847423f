"""Many desks fetching from the team's server at once: every fetch succeeds. The small
version of bench/bench_sync.py's load figure (50 desks, 10,000 articles)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dulwich.repo import Repo

from kb_app.team import transfer
from kb_app.team.remote import Login
from tests.gitserver import ServerProcess
from tests.teamkit import big_remote

DESKS = 12
ARTICLES = 300


def test_desks_fetch_at_once_and_every_fetch_succeeds(tmp_path: Path) -> None:
    big_remote(tmp_path / "server" / "team.git", ARTICLES, words=30).close()
    server = ServerProcess(tmp_path / "server")
    try:
        url = server.url("team.git")

        def fetch(n: int) -> tuple[int, float]:
            start = time.perf_counter()
            with Repo.init(str(tmp_path / f"desk-{n}"), mkdir=True) as repo:
                heads = transfer.fetch(repo, url, Login(), 60.0).heads
                tree = repo[heads[b"refs/heads/master"]].tree  # type: ignore[attr-defined]
                files = sum(1 for _ in repo.object_store.iter_tree_contents(tree))
            return files, time.perf_counter() - start

        with ThreadPoolExecutor(DESKS) as pool:
            results = list(pool.map(fetch, range(DESKS)))
    finally:
        server.kill()
    assert [files for files, _ in results] == [ARTICLES] * DESKS
    assert max(seconds for _, seconds in results) < 60
