"""In the window: an article the team keeps opening for a search rises, its row says
"often opened for this search", and Search → "Lift what the team keeps opening" turns
it off (remembered) for the plain ranking; a search said again in other words teaches
the first one what was opened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from kb_app import learning
from kb_app.gui import following
from kb_app.gui.app import create_window
from kb_app.gui.results import badges
from kb_app.health.gaps import group_key
from tests.conftest import write
from tests.test_gui import _no_unexpected_dialogs, settled, type_query
from tests.test_learning import ARTICLES, a_month_of_twenty_desks, write_signals


def window_over_articles(qtbot, tmp_path: Path, monkeypatch,
                         articles: dict[str, str] = ARTICLES) -> tuple[Any, QSettings]:
    """A window over these articles (the learning tests'), indexed, and its settings."""
    _no_unexpected_dialogs(monkeypatch)
    for rel, text in articles.items():
        write(tmp_path / "articles", rel, text)
    settings = QSettings(str(tmp_path / "gyan.ini"), QSettings.Format.IniFormat)
    win = create_window(tmp_path / "articles", tmp_path / "index", settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.indexing.last_sync is not None, timeout=20_000)
    return win, settings


def test_the_window_lifts_what_the_team_opens_and_the_setting_turns_it_off(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    win, settings = window_over_articles(qtbot, tmp_path, monkeypatch)
    write_signals(win.kb.data_dir, a_month_of_twenty_desks())  # as a sync brings them
    win.load_learned()
    qtbot.waitUntil(lambda: bool(win.learned), timeout=10_000)
    type_query(qtbot, win, "router pin")
    top = win.response.results[0]
    assert top.id == "factory-settings" and "often opened for this search" in badges(top)
    settled(qtbot, win)  # and the pane, showing it, says why it is there
    assert win.pane.article.id == "factory-settings"
    assert "often opened for this search" in win.pane.facts.text()
    action = next(a for a in win.findChildren(type(win.staff_action))
                  if a.text() == "Lift what the team keeps opening")
    assert action.isChecked()
    action.trigger()
    qtbot.waitUntil(lambda: win.response is not None and win.response.results[0].id
                    == "pinhole", timeout=10_000)
    assert not any(h.often_opened for h in win.response.results)
    settled(qtbot, win)  # whichever result stays highlighted, the pane no longer says it
    assert win.pane.article is not None
    assert "often opened" not in win.pane.facts.text()
    settings.sync()
    assert settings.value("learn_from_team") in ("false", False)


def test_a_search_said_again_in_the_window_teaches_the_first_one(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    # The agent types words no article has, reads that nothing is found, says it again
    # as "invoices" and opens Billing: once published (as a sync does) and learnt, the
    # first words find Billing, marked as what the team opens for them.
    monkeypatch.setattr(following, "KEPT_ON_SCREEN_MS", 200)
    win, _ = window_over_articles(qtbot, tmp_path, monkeypatch)
    for _ in range(2):  # on two calls
        type_query(qtbot, win, "statement for the accountant")
        assert win.response.total == 0
        qtbot.wait(400)  # it stays on screen: a search that found nothing, logged
        type_query(qtbot, win, "invoices")
        qtbot.keyClick(win.box, Qt.Key.Key_Return)
        assert win.pane.article.id == "billing"
    win.kb.publish_signals()
    # five desks' worth is a full lift; this desk alone is at most one of them
    learned = learning.load(win.kb.data_dir)
    strength = learned.groups[group_key("statement for the accountant")]["billing"]
    assert strength == pytest.approx(2 * learning.CHAIN_SHARE / learning.DESK_SATURATION
                                     / learning.FULL_AT, abs=1e-4)
    win.load_learned()
    qtbot.waitUntil(lambda: bool(win.learned), timeout=10_000)
    type_query(qtbot, win, "statement for the accountant")
    top = win.response.results[0]
    assert top.id == "billing" and "often opened for this search" in badges(top)
