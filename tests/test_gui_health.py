"""The Health view, driven as staff use it: open it, write the missing article, see the
gap go; answer a flag; mark a stale article reviewed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton

from kb_app.health.events import Event
from tests.test_editor import opened_editor, saves
from tests.test_gui import window  # noqa: F401 - the agent window fixture


def desk_file(window, events: list[Event]) -> None:  # noqa: F811
    folder = window.kb.data_dir / "signals"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "desk-a.jsonl").write_text("".join(e.to_line() + "\n" for e in events),
                                         encoding="utf-8")


def now(minutes_ago: int = 0) -> str:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)
    return moment.isoformat(timespec="seconds")


def opened_health(qtbot, window):  # noqa: F811
    qtbot.keyClick(window, Qt.Key.Key_K,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.health is not None and window.health.report is not None,
                    timeout=20_000)
    return window.health


def rebuilt(qtbot, health):
    health.report = None
    health.refresh()
    qtbot.waitUntil(lambda: health.report is not None, timeout=20_000)
    return health.report


def test_writing_the_missing_article_closes_the_gap(qtbot, window) -> None:  # noqa: F811
    window.prefs.values.author = "Nusrat Jahan"
    desk_file(window, [Event(f"desk-a:searches:{n}", "search", now(n), "desk-a",
                             query="gift wrap", results=0) for n in range(3)])
    health = opened_health(qtbot, window)
    assert health.isVisible() and health.gaps.item(0, 0).text() == "gift wrap"
    assert health.gaps.item(0, 1).text() == "3"
    health.gaps.selectRow(0)
    qtbot.mouseClick(health.findChild(QPushButton, "Write_an_article_for_this"),
                     Qt.MouseButton.LeftButton)
    editor = opened_editor(qtbot, window, 0)
    assert editor.value("title") == "gift wrap"
    editor.set_value("status", "published")
    qtbot.keyClicks(editor.inputs["summary"], "We wrap any gift for Tk 50.")
    editor.body.selectAll()  # the template's guidance, replaced by the answer
    qtbot.keyClicks(editor.body, "Gift wrap costs Tk 50 and is added at checkout.")
    assert saves(qtbot, editor)
    report = rebuilt(qtbot, health)
    assert "gift wrap" not in [g.label for g in report.no_results]
    assert health.gaps.rowCount() == 0


def test_answering_a_flag_and_marking_an_article_reviewed(qtbot, window, monkeypatch,  # noqa: F811
                                                          kb_dir) -> None:
    window.prefs.values.author = "Nusrat Jahan"
    desk_file(window, [Event("desk-a:flags:1", "flag", now(5), "desk-a",
                             article="warranty-policy", flag="outdated",
                             comment="Care now covers water damage", agent="Rina")])
    health = opened_health(qtbot, window)
    assert health.flags.item(0, 0).text() == "Warranty policy"
    assert health.flags.item(0, 3).text() == "Care now covers water damage"
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("Fixed in today's edit", True))
    health.flags.selectRow(0)
    qtbot.mouseClick(health.findChild(QPushButton, "Answer"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: health.report is not None and not health.report.open_flags,
                    timeout=20_000)
    assert health.report.answered_flags[0].replies[0].text == "Fixed in today's edit"
    stale = [s.article for s in health.report.stale]
    row = stale.index("warranty-policy")
    health.stale.selectRow(row)
    qtbot.mouseClick(health.findChild(QPushButton, "Mark_reviewed"),
                     Qt.MouseButton.LeftButton)
    when = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    warranty = kb_dir / "general/warranty.md"
    qtbot.waitUntil(lambda: f"review_by: {when}" in warranty.read_text(), timeout=20_000)
    qtbot.waitUntil(lambda: bool(window.kb.history("general/warranty.md")), timeout=20_000)
    assert window.kb.history("general/warranty.md")[0].message.startswith("Reviewed")
    assert f"review_by: {when}\n" in warranty.read_text()  # a date, as staff type it

    def reviewed() -> bool:
        item = next((s for s in health.report.stale if s.article == "warranty-policy"), None)
        return item is not None and item.reasons == ["no owner"]  # no longer due
    qtbot.waitUntil(lambda: health.report is not None and reviewed(), timeout=20_000)


def test_the_agent_who_flagged_sees_the_answer_by_the_article(qtbot, window) -> None:  # noqa: F811
    from tests.test_gui import type_query

    desk = window.data.desk_id()
    desk_file(window, [Event(f"{desk}:flags:1", "flag", now(9), desk,
                             article="warranty-policy", flag="outdated", comment="old terms",
                             agent="Rina"),
                       Event("staff:replies:1", "reply", now(2), "staff",
                             flag=f"{desk}:flags:1", comment="Updated today",
                             agent="Nusrat")])
    window.commands.load_answers()
    qtbot.waitUntil(lambda: "warranty-policy" in window.commands.answers, timeout=10_000)
    type_query(qtbot, window, "warranty")
    qtbot.waitUntil(lambda: window.pane.article is not None
                    and window.pane.article.id == "warranty-policy", timeout=10_000)
    assert window.pane.answers.isVisible()
    assert "Updated today — Nusrat" in window.pane.answers.text()
    assert "(old terms)" in window.pane.answers.text()


def test_a_settled_search_nobody_opened_is_logged_and_recording_can_be_off(
        qtbot, window, monkeypatch) -> None:  # noqa: F811
    """Results read for a while (settled) and left for another search count as a search
    whose results nobody opened; with recording off, nothing of the searches is kept."""
    from kb_app.gui import following
    from tests.test_gui import type_query

    monkeypatch.setattr(following, "SETTLED_S", 0.0)
    monkeypatch.setattr(window.follower.kept_on_screen, "start", lambda *a: None)  # no read
    type_query(qtbot, window, "warranty")
    type_query(qtbot, window, "zebracorn")
    logged = [r["query"] for r in window.data.rows_after("searches", 0)]
    assert logged == ["warranty"]
    window.findChildren(type(window.staff_action))  # the menu exists
    action = next(a for a in window.actions() if a.text() == "Record my searches for the team")
    assert action.isChecked()
    action.trigger()  # off
    assert window.prefs.values.record_searches is False
    type_query(qtbot, window, "refund")
    type_query(qtbot, window, "router")
    assert [r["query"] for r in window.data.rows_after("searches", 0)] == ["warranty"]


def test_a_gap_shows_what_agents_opened_when_they_said_it_again(qtbot, window) -> None:  # noqa: F811
    desk_file(window, [
        Event("desk-a:searches:1", "search", now(10), "desk-a", query="money back for a gift",
              results=0),
        Event("desk-a:searches:2", "search", now(9), "desk-a", query="refund", results=3,
              article="refund-policy")])
    health = opened_health(qtbot, window)
    assert health.gaps.item(0, 0).text() == "money back for a gift"
    header = health.gaps.horizontalHeaderItem(4).text()
    assert (header, health.gaps.item(0, 4).text()) == ("Then opened", "How refunds work (1)")
    health.gaps.selectRow(0)  # staff open it, to add the words agents searched with
    qtbot.mouseClick(health.findChild(QPushButton, "Edit_what_they_opened"),
                     Qt.MouseButton.LeftButton)
    editor = opened_editor(qtbot, window, 0)
    assert editor.value("title") == "How refunds work"


def test_a_gap_after_which_nothing_was_opened_says_so(qtbot, window, monkeypatch) -> None:  # noqa: F811
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append(a[1]))
    desk_file(window, [Event("desk-a:searches:1", "search", now(5), "desk-a",
                             query="gift wrap", results=0)])
    health = opened_health(qtbot, window)
    qtbot.mouseClick(health.findChild(QPushButton, "Edit_what_they_opened"),
                     Qt.MouseButton.LeftButton)
    assert said == ["Nothing opened"] and not window.staff.editors
