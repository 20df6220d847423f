# ruff: noqa: F811 - the tests take the agent window fixture imported from test_gui
"""Home lists (Esc, Ctrl+H) and what agents are shown: a bulk update of hundreds of
articles must not hold up the next search, and drafts are for staff."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kb_app.gui.results import HeaderRole, HitRole
from kb_app.index import KnowledgeIndex
from kb_app.search import KnowledgeSearcher
from tests.conftest import write
from tests.test_gui import (  # noqa: F401 - the window fixture
    settled,
    sync_now,
    titles,
    type_query,
    window,
)

BULK = 300
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def bulk_write(kb_dir: Path, edition: int) -> None:
    for n in range(BULK):
        write(kb_dir, f"bulk/note-{n:03d}.md",
              f"---\nid: note-{n:03d}\ntitle: Price list note {n}\nsummary: Prices.\n---\n"
              f"Edition {edition} of price list note {n}.\n", dedent=False)


@pytest.fixture
def kb_dir(kb_dir: Path, tmp_path: Path) -> Path:
    """The sample and 300 more, indexed before the window opens (as on a desk that has
    run for a while)."""
    bulk_write(kb_dir, 1)
    KnowledgeIndex(tmp_path / "index", kb_dir).sync(workers=1)
    return kb_dir


def home_rows(win) -> list[tuple[str, str]]:
    found = []
    for row in range(win.model.rowCount()):
        index = win.model.index(row, 0)
        if index.data(HeaderRole):
            found.append(("header", index.data(HeaderRole)))
        elif index.data(HitRole):
            found.append(("hit", index.data(HitRole).title))
        else:  # "N more updated"
            found.append(("more", index.data(Qt.ItemDataRole.DisplayRole)))
    return found


def go_home(qtbot, win) -> None:
    qtbot.keyClick(win.box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.shown_serial == win.serial, timeout=10_000)


def test_a_bulk_update_lists_the_newest_and_pages_in_more(qtbot, window, kb_dir,
                                                          monkeypatch) -> None:
    asked: list[int] = []
    lock = threading.Lock()
    looked_up = KnowledgeSearcher.hits_for_ids

    def counting(self, ids):
        with lock:
            asked.append(len(ids))
        return looked_up(self, ids)

    monkeypatch.setattr(KnowledgeSearcher, "hits_for_ids", counting)
    bulk_write(kb_dir, 2)  # someone pulled a price change into every note
    sync_now(qtbot, window)
    qtbot.waitUntil(lambda: len(window.home.changed_ids) == BULK, timeout=10_000)
    asked.clear()
    go_home(qtbot, window)
    rows = home_rows(window)
    assert ("header", "Updated since you last looked (300)") in rows
    changed = [r for r in rows[rows.index(("header", "Updated since you last looked (300)"))
                               + 1:] if r[0] == "hit"]
    assert len(changed) == 20 and sum(asked) <= 20
    more = [r for r in rows if r[0] == "more"]
    assert more and more[0][1].startswith("280 more updated")
    # The next page, as an agent asks for it: a click on the "more" row.
    index = window.model.index(rows.index(more[0]), 0)
    window.list.scrollTo(index)
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.list.visualRect(index).center())
    qtbot.waitUntil(lambda: len([r for r in home_rows(window) if r[0] == "hit"]) == 40,
                    timeout=10_000)
    assert home_rows(window)[-1][1].startswith("260 more updated")
    assert window.current_hit() is not None  # the first of the new page is highlighted
    settled(qtbot, window)
    assert window.pane.article.id == window.current_hit().id


def test_a_search_right_after_clearing_does_not_wait_for_the_home_list(
        qtbot, window, kb_dir, monkeypatch) -> None:
    bulk_write(kb_dir, 3)
    sync_now(qtbot, window)
    qtbot.waitUntil(lambda: len(window.home.changed_ids) == BULK, timeout=10_000)
    asked: list[int] = []
    looked_up = KnowledgeSearcher.hits_for_ids
    monkeypatch.setattr(KnowledgeSearcher, "hits_for_ids",
                        lambda self, ids: asked.append(len(ids)) or looked_up(self, ids))
    type_query(qtbot, window, "warranty")
    qtbot.keyClick(window.box, Qt.Key.Key_Escape)  # the home list is asked for...
    qtbot.keyClicks(window.box, "refund")  # ...and the agent types at once
    qtbot.waitUntil(lambda: window.shown_serial == window.serial, timeout=10_000)
    assert titles(window)[0] == "How refunds work"
    qtbot.wait(200)  # a late home list must not replace the results
    assert titles(window)[0] == "How refunds work" and window.box.text() == "refund"
    assert sum(asked) <= 20  # never all 300, whatever the timing


def test_drafts_are_not_shown_to_agents(qtbot, window, kb_dir) -> None:
    draft = kb_dir / "router/draft-mesh.md"
    draft.write_text(draft.read_text().replace("Pair the satellite", "Now pair the satellite"))
    sync_now(qtbot, window)
    type_query(qtbot, window, "satellite")
    assert titles(window) == []
    go_home(qtbot, window)
    assert "Adding a mesh satellite" not in [r[1] for r in home_rows(window)]
    assert not any("updated" in r[1].casefold() for r in home_rows(window) if r[0] == "header")
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL_SHIFT)  # staff: drafts and archived too
    assert "drafts" in window.staff_action.text().casefold()
    qtbot.waitUntil(lambda: "Adding a mesh satellite" in titles(window), timeout=5000)
    type_query(qtbot, window, "satellite")
    assert titles(window) == ["Adding a mesh satellite"]
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL_SHIFT)
    type_query(qtbot, window, "satellite")
    assert titles(window) == []


def found_for_link(qtbot, win, text: str) -> list[str]:
    """What the editors' link picker is offered for `text` (searched off the UI thread)."""
    found: list[list[str]] = []
    win.staff.find_articles(text, lambda hits: found.append([hit.id for hit in hits]))
    qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    return found[0]


def test_the_link_picker_offers_drafts(qtbot, window) -> None:
    """Staff link to articles still being written."""
    assert found_for_link(qtbot, window, "satellite") == ["mesh-draft"]
    assert "old-plan" not in found_for_link(qtbot, window, "rental")
