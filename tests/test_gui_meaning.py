"""In the window: the meaning vectors are made in the background once the folder is
indexed, an English search typed then finds the article that means what was asked,
and Search → "Rank English searches by meaning" turns it off (remembered) for the
order of the words alone."""

from __future__ import annotations

import os
from pathlib import Path

from kb_app.meaning.queries import QueryProcess
from kb_app.meaning.store import MeaningStore
from tests.test_gui import type_query
from tests.test_gui_learning import window_over_articles
from tests.test_meaning import ARTICLES


def test_the_window_ranks_by_meaning_once_read_and_the_setting_turns_it_off(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # a desk that has a core to spare
    win, settings = window_over_articles(qtbot, tmp_path, monkeypatch, ARTICLES)
    store = MeaningStore(win.kb.index.index_dir)
    # started by the first sync, unasked
    qtbot.waitUntil(lambda: not win.meanings.running and len(store.vectors()) == 3,
                    timeout=30_000)
    assert not win.meaning_label.isVisible()  # three files: no progress bar for them
    # the window starts the query helper once the vectors are made, not at the first
    # search; searches before it is ready are ranked by their words
    # (tests.test_meaning_queries), so the test waits for it
    helper = win.kb.index.query_vectors
    assert isinstance(helper, QueryProcess)
    qtbot.waitUntil(lambda: helper._process is not None, timeout=10_000)
    helper.warm()
    type_query(qtbot, win, "make the dashboard black")
    assert win.response.results[0].id == "dark-mode"
    assert win.list.currentIndex().row() == 0
    # the query's meaning was made by the helper process, which closes with the window
    assert not helper.failed
    assert helper._process is not None and helper._process.is_alive()
    action = next(a for a in win.findChildren(type(win.staff_action))
                  if a.text() == "Rank English searches by meaning")
    assert action.isChecked()
    action.trigger()
    qtbot.waitUntil(lambda: win.response is not None
                    and win.response.results[0].id == "widgets", timeout=10_000)
    assert helper._process is None  # off: the helper's memory is given back
    settings.sync()
    assert settings.value("search_by_meaning") in ("false", False)
    # a file changed while it is off is indexed, and not read for meaning...
    before = store.entries()["export.md"].fingerprint
    path = tmp_path / "articles" / "export.md"
    path.write_text(path.read_text("utf-8") + "\nAlso as JSON.\n", "utf-8")
    with qtbot.waitSignal(win.indexing.updated, timeout=10_000,
                          check_params_cb=lambda paths: "export.md" in paths):
        win.sync_requested.emit()
    qtbot.wait(300)
    assert not win.meanings.running and store.entries()["export.md"].fingerprint == before
    # ... until it is on again: then what changed meanwhile is read
    with qtbot.waitSignal(win.meanings.finished, timeout=30_000):
        action.trigger()
    assert store.entries()["export.md"].fingerprint != before
    # on again: the helper starts again, and the search is ranked by meaning once it is up
    qtbot.waitUntil(lambda: helper._process is not None, timeout=10_000)
    helper.warm()
    type_query(qtbot, win, "make the dashboard black")
    assert win.response.results[0].id == "dark-mode"
    process = helper._process
    win.close()
    assert helper.failed and not process.is_alive()


def test_closing_the_window_while_it_reads_meaning_waits_for_one_batch(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    """A long first reading (hours at 100,000 articles) never holds up closing: the
    step stops after the batch of files it is on, and what it finished is kept."""
    import time

    from kb_app.meaning import encoder, update

    forward = encoder.SentenceEncoder._forward

    def slow(self, batch):  # type: ignore[no-untyped-def]
        time.sleep(0.4)  # a batch of long articles on a slow desk
        return forward(self, batch)

    monkeypatch.setattr(encoder.SentenceEncoder, "_forward", slow)
    monkeypatch.setattr(update, "ENCODED_TOGETHER", 1)  # a batch per file
    monkeypatch.setattr(update, "PART_FILES", 1)  # and a part per file, kept at once
    articles = {f"a{n:02d}.md": f"---\nid: a{n:02d}\ntitle: Article {n}\n---\nText {n}.\n"
                for n in range(40)}
    win, _ = window_over_articles(qtbot, tmp_path, monkeypatch, articles)
    store = MeaningStore(win.kb.index.index_dir)
    qtbot.waitUntil(lambda: len(store.entries()) >= 2, timeout=30_000)
    start = time.monotonic()
    win.close()
    assert time.monotonic() - start < 3.0
    kept = len(store.entries())
    assert 2 <= kept < 40  # stopped part way, its work kept for the next start
