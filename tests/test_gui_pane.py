# ruff: noqa: F811 - the tests take the agent window fixture imported from test_gui
"""The article pane shows the highlighted result, always: an agent reads aloud what the pane
shows, so the pane and the list must never disagree."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.test_gui import settled, titles, type_query, window  # noqa: F401 - the window fixture

CTRL = Qt.KeyboardModifier.ControlModifier


def pane_title(win) -> str | None:
    return win.pane.article.title if win.pane.article else None


def highlighted(win) -> str | None:
    hit = win.current_hit()
    return hit.title if hit else None


def answered(qtbot, win) -> None:
    """Wait until the list shows the answer to what is in the box."""
    qtbot.waitUntil(lambda: win.shown_serial == win.serial, timeout=10_000)


def test_the_pane_follows_the_highlighted_result(qtbot, window) -> None:
    type_query(qtbot, window, "warranty")
    qtbot.keyClick(window.box, Qt.Key.Key_Return)
    assert pane_title(window) == "Warranty policy" and window.pane.browser.hasFocus()
    qtbot.keyClick(window.pane.browser, Qt.Key.Key_K, CTRL)
    assert window.box.hasFocus()
    qtbot.keyClicks(window.box, "refund")
    answered(qtbot, window)
    assert len(titles(window)) >= 2 and highlighted(window) == titles(window)[0]
    assert pane_title(window) == highlighted(window)  # not the warranty policy any more
    qtbot.keyClick(window.box, Qt.Key.Key_Down)
    settled(qtbot, window)
    assert highlighted(window) == titles(window)[1] == pane_title(window)
    qtbot.keyClicks(window.box, " router")  # a narrower search with another top hit
    answered(qtbot, window)
    assert titles(window)[0] == "Set up the AirNest router"
    assert highlighted(window) == pane_title(window) == "Set up the AirNest router"
    qtbot.keyClick(window.box, Qt.Key.Key_Escape)  # home: recently opened
    answered(qtbot, window)
    settled(qtbot, window)
    assert pane_title(window) == highlighted(window)


def test_a_click_moves_the_pane_too(qtbot, window) -> None:
    type_query(qtbot, window, "refund")
    index = window.model.index(1, 0)
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.list.visualRect(index).center())
    settled(qtbot, window)
    assert highlighted(window) == titles(window)[1] == pane_title(window)


def test_nothing_highlighted_means_no_article_in_the_pane(qtbot, window) -> None:
    type_query(qtbot, window, "warranty")
    assert pane_title(window) == "Warranty policy"
    type_query(qtbot, window, "qqqqxz")
    assert titles(window) == [] and window.pane.article is None
    assert "No article matches “qqqqxz”" in window.pane.browser.toPlainText()
    qtbot.keyClick(window.box, Qt.Key.Key_Escape)  # nothing opened yet: home is empty
    answered(qtbot, window)
    assert window.model.rowCount() == 0 and window.pane.article is None


def test_down_pressed_before_the_results_arrive_lands_on_the_second(qtbot, window) -> None:
    qtbot.keyClicks(window.box, "refund")
    qtbot.keyClick(window.box, Qt.Key.Key_Down)  # the results may not be back yet
    answered(qtbot, window)
    settled(qtbot, window)
    assert highlighted(window) == titles(window)[1] == pane_title(window)


def test_moving_through_results_is_not_opening_them(qtbot, window) -> None:
    """Recents and the search log count what was used, not what was passed over."""
    type_query(qtbot, window, "refund")
    for _ in range(2):
        qtbot.keyClick(window.box, Qt.Key.Key_Down)
    assert window.data.recents() == []
    qtbot.keyClick(window.box, Qt.Key.Key_Return)
    settled(qtbot, window)
    assert window.data.recents() == [window.pane.article.id]
    for ch in "zqxv":  # no results at any of these keystrokes
        qtbot.keyClicks(window.box, ch)
    answered(qtbot, window)
    searches = window.data.db.execute("SELECT query, results, opened FROM searches").fetchall()
    assert searches == [("refund", searches[0][1], window.data.recents()[0])]
    window.follower.kept_on_screen.setInterval(50)  # the agent stays on "no results": logged once
    window.follower.kept_on_screen.start()
    qtbot.waitUntil(lambda: window.data.db.execute(
        "SELECT count(*) FROM searches").fetchone()[0] == 2, timeout=5000)
    last = window.data.db.execute("SELECT query, results FROM searches ORDER BY id DESC")
    assert last.fetchone()[1] == 0


def test_an_article_read_for_a_while_counts_as_opened(qtbot, window) -> None:
    window.follower.kept_on_screen.setInterval(100)
    type_query(qtbot, window, "warranty")
    qtbot.waitUntil(lambda: window.data.recents() == ["warranty-policy"], timeout=5000)


def test_pin_button_says_what_the_shown_article_is(qtbot, window) -> None:
    type_query(qtbot, window, "warranty")
    qtbot.keyClick(window.box, Qt.Key.Key_Return)
    assert window.pane.pin.text() == "Pin"
    qtbot.mouseClick(window.pane.pin, Qt.MouseButton.LeftButton)
    assert window.pane.pin.text() == "Pinned ★" and window.data.pins() == ["warranty-policy"]
    qtbot.keyClick(window.pane.browser, Qt.Key.Key_K, CTRL)
    type_query(qtbot, window, "refund")
    qtbot.keyClick(window.box, Qt.Key.Key_Return)  # opened on purpose, unpinned
    assert window.pane.article.id == "refund-policy"
    assert window.pane.pin.text() == "Pin" and not window.pane.pin.isChecked()
    qtbot.mouseClick(window.pane.pin, Qt.MouseButton.LeftButton)
    assert window.pane.pin.text() == "Pinned ★"
    assert window.data.pins() == ["warranty-policy", "refund-policy"]
    qtbot.mouseClick(window.pane.pin, Qt.MouseButton.LeftButton)
    assert window.pane.pin.text() == "Pin" and window.data.pins() == ["warranty-policy"]
    qtbot.keyClick(window.pane.browser, Qt.Key.Key_K, CTRL)
    type_query(qtbot, window, "warranty")
    assert window.pane.pin.text() == "Pinned ★" and window.pane.pin.isChecked()
