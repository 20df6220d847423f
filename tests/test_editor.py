"""The editor, driven as product staff use it: template, form, Markdown, save, history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from kb_app.gui import editor_dialogs
from tests.test_gui import sync_now, titles, type_query, window


@pytest.fixture(autouse=True)
def _author(window) -> None:
    window.prefs.values.author = "Nusrat Jahan"


PNG = b"\x89PNG\r\n\x1a\n" + bytes(24)  # what a PNG file starts with (it is checked)


def answered(qtbot, picker) -> None:
    """The link picker shows the answer to what is typed (searched off the UI thread)."""
    qtbot.waitUntil(lambda: picker.shown == picker.asked, timeout=10_000)


def track(qtbot, widget):
    """Close it after the test without the unsaved-changes question."""
    qtbot.addWidget(widget, before_close_func=lambda w: setattr(w, "dirty", False))
    qtbot.waitUntil(widget.isActiveWindow, timeout=3000)  # its shortcuts work once active
    return widget


def revisions(qtbot, editor, at_least: int):
    """Revisions are recorded on the writer thread after the save: wait for them."""
    qtbot.waitUntil(lambda: len(editor.kb.history(editor.path)) >= at_least, timeout=10_000)
    return editor.kb.history(editor.path)


def saves(qtbot, editor, action=None) -> bool:
    """Save (or `action`, which saves) as staff do, and wait for the outcome: whether the
    file was written. A conflict is answered (by the test's stand-in dialog) meanwhile."""
    with qtbot.waitSignal(editor.save_finished, timeout=10_000) as outcome:
        (action or editor.save)()
    return outcome.args[0]


def pending_texts(window) -> list[str]:
    return [entry["text"] for entry in window.kb.recovery.pending()]


def opened_editor(qtbot, window, before: int):
    """The editor a command opened: it opens once its article has been read."""
    qtbot.waitUntil(lambda: len(window.staff.editors) > before, timeout=10_000)
    return track(qtbot, window.staff.editors[-1])


def open_existing(qtbot, window, query: str):
    type_query(qtbot, window, query)
    qtbot.keyClick(window.box, Qt.Key.Key_Return)
    before = len(window.staff.editors)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    return opened_editor(qtbot, window, before)


def test_new_article_from_template_is_saved_and_found(qtbot, window, monkeypatch,
                                                      kb_dir: Path) -> None:
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Complaint playbook", True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Noisy fan complaint", True))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = opened_editor(qtbot, window, 0)
    assert editor.value("title") == "Noisy fan complaint" and editor.value("status") == "draft"
    editor.inputs["product"].setCurrentText("AirNest Router")
    qtbot.keyClicks(editor.inputs["summary"], "Apologise and book a fan check.")
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    qtbot.keyClick(editor.body, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.body, "The fan hums like a tractor.")
    qtbot.waitUntil(lambda: "tractor" in editor.preview.toPlainText(), timeout=3000)
    assert "What the customer says" in editor.preview.toPlainText()
    with qtbot.waitSignal(window.indexing.updated, timeout=10_000):
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    path = kb_dir / "airnest-router/noisy-fan-complaint.md"
    assert editor.path == "airnest-router/noisy-fan-complaint.md"
    assert editor.value("id") == "noisy-fan-complaint"  # from the file name
    assert path.is_file() and "tractor" in path.read_text()
    assert "id: noisy-fan-complaint" in path.read_text()
    qtbot.wait(50)
    type_query(qtbot, window, "tractor")
    assert titles(window) == []  # a draft: staff see it, agents do not
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: titles(window) == ["Noisy fan complaint"], timeout=5000)
    assert revisions(qtbot, editor, 1)[0].author.startswith("Nusrat Jahan")


def test_validation_is_shown_and_drafts_still_save(qtbot, window) -> None:
    editor = open_existing(qtbot, window, "warranty")
    editor.inputs["summary"].setPlainText("")
    editor.inputs["review_by"].setText("next week")
    assert not saves(qtbot, editor)  # published: blocked
    assert editor.errors["summary"].isVisible() and editor.errors["review_by"].isVisible()
    assert "date" in editor.errors["review_by"].text()
    editor.inputs["status"].setCurrentText("draft")
    editor.inputs["review_by"].setText("")
    assert saves(qtbot, editor)


def test_edit_keeps_unknown_keys_and_untouched_bytes(qtbot, window, kb_dir) -> None:
    path = kb_dir / "general/refund-policy.md"
    original = path.read_text().replace("owner: Nusrat\n",
                                        "owner: Nusrat   # keeps this comment\ncustom: {a: 1}\n")
    path.write_bytes(original.replace("\n", "\r\n").encode())
    sync_now(qtbot, window)
    editor = open_existing(qtbot, window, "refund")
    editor.inputs["title"].setText("How refunds work today")
    assert saves(qtbot, editor)
    after = path.read_bytes().decode()
    today = dt.date.today().isoformat()  # a published article is dated when it changes
    assert after == original.replace("\n", "\r\n").replace(
        "title: How refunds work\r\n", "title: How refunds work today\r\n").replace(
        "review_by: 2027-01-31\r\n", f"review_by: 2027-01-31\r\nupdated: {today}\r\n")


def test_conflict_merge_keeps_both_sides_and_marks_only_real_clashes(qtbot, window, kb_dir,
                                                                     monkeypatch) -> None:
    editor = open_existing(qtbot, window, "warranty")
    path = kb_dir / "general/warranty.md"
    path.write_text(path.read_text().replace("water damage", "flood damage"))
    qtbot.keyClicks(editor.body, "My new line. ")  # at the top: apart from their change
    seen = {}

    def ask(mine, theirs, parent=None):
        seen["theirs"] = theirs
        return editor_dialogs.MERGE

    monkeypatch.setattr(editor_dialogs.ConflictDialog, "ask", staticmethod(ask))
    assert not saves(qtbot, editor)  # a merge is looked at before it is saved
    assert "flood damage" in seen["theirs"]
    assert "flood damage" in path.read_text()  # nothing was overwritten
    body = editor.body.toPlainText()
    assert "flood damage" in body and "My new line." in body and "<<<<<<<" not in body
    assert "title:" not in body  # bodies are merged, not whole files
    assert "Merged: their changes and yours" in editor.statusBar().currentMessage()
    assert saves(qtbot, editor)
    assert "My new line." in path.read_text() and "flood damage" in path.read_text()
    # Both change the same line: that place is marked, to resolve by hand.
    path.write_text(path.read_text().replace("flood damage", "storm damage"))
    editor.body.setPlainText(editor.body.toPlainText().replace("flood damage", "fire damage"))
    assert not saves(qtbot, editor)
    body = editor.body.toPlainText()
    assert "<<<<<<< mine" in body and "fire damage" in body and "storm damage" in body
    assert "1 place(s) changed by both" in editor.statusBar().currentMessage()


@pytest.mark.parametrize("choice", [editor_dialogs.KEEP_MINE, editor_dialogs.TAKE_THEIRS])
def test_conflict_keep_mine_or_take_theirs(qtbot, window, kb_dir, monkeypatch,
                                           choice) -> None:
    editor = open_existing(qtbot, window, "warranty")
    path = kb_dir / "general/warranty.md"
    path.write_text(path.read_text().replace("water damage", "flood damage"))
    editor.inputs["title"].setText("Warranty, explained")
    monkeypatch.setattr(editor_dialogs.ConflictDialog, "ask",
                        staticmethod(lambda *a, **k: choice))
    saved = saves(qtbot, editor)
    text = path.read_text()
    if choice == editor_dialogs.KEEP_MINE:
        assert saved and "title: Warranty, explained" in text and "flood" not in text
    else:
        assert not saved and "flood damage" in text and "explained" not in text
        assert "flood damage" in editor.body.toPlainText() and not editor.dirty


def test_recovered_text_over_a_changed_file_asks_before_saving(qtbot, window, kb_dir,
                                                              monkeypatch) -> None:
    editor = open_existing(qtbot, window, "warranty")
    qtbot.keyClicks(editor.body, "Typed before the crash")
    qtbot.waitUntil(lambda: bool(window.kb.recovery.pending()), timeout=5000)
    editor.dirty = False
    editor.close()
    path = kb_dir / "general/warranty.md"
    path.write_text(path.read_text().replace("water damage", "flood damage"))  # a sync
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.staff.offer_recovery()
    recovered = opened_editor(qtbot, window, 1)
    asked = []
    monkeypatch.setattr(editor_dialogs.ConflictDialog, "ask",
                        staticmethod(lambda mine, theirs, parent=None: asked.append(theirs)))
    assert not saves(qtbot, recovered)
    assert asked and "flood damage" in asked[0] and "flood damage" in path.read_text()


def test_unsaved_text_survives_a_crash(qtbot, window, monkeypatch) -> None:
    editor = open_existing(qtbot, window, "warranty")
    qtbot.keyClicks(editor.body, "Half-typed sentence")
    qtbot.waitUntil(lambda: bool(window.kb.recovery.pending()), timeout=5000)
    editor.dirty = False  # the process dies: nothing is saved, nothing asks
    editor.close()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.staff.offer_recovery()
    recovered = opened_editor(qtbot, window, 1)
    assert recovered is not editor and "Half-typed sentence" in recovered.body.toPlainText()
    assert recovered.path == "general/warranty.md" and recovered.dirty


def test_restore_an_old_revision(qtbot, window, kb_dir, monkeypatch) -> None:
    editor = open_existing(qtbot, window, "warranty")
    editor.inputs["title"].setText("Warranty v2")
    assert saves(qtbot, editor)
    editor.inputs["title"].setText("Warranty v3")
    assert saves(qtbot, editor)
    found = revisions(qtbot, editor, 2)
    assert [r.message for r in found][:2] == ["Edit Warranty v3", "Edit Warranty v2"]
    dialog = editor_dialogs.HistoryDialog(editor.kb, editor.tasks, editor.path, editor)
    qtbot.waitUntil(lambda: dialog.list.count() >= 2, timeout=10_000)  # read off the UI
    dialog.list.setCurrentRow(0)  # the newest, compared with the one before
    qtbot.waitUntil(lambda: "Warranty v2" in dialog.view.toPlainText(), timeout=10_000)
    assert "Warranty v3" in dialog.view.toPlainText()
    assert saves(qtbot, editor, lambda: editor.history_commands.restore(found[1]))
    assert "title: Warranty v2" in (kb_dir / "general/warranty.md").read_text()
    assert editor.value("title") == "Warranty v2" and not editor.dirty
    assert revisions(qtbot, editor, 3)[0].message.startswith("Restore the revision of")


def test_closing_with_unsaved_changes_asks(qtbot, window, monkeypatch) -> None:
    editor = open_existing(qtbot, window, "warranty")
    qtbot.keyClicks(editor.body, "x")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Cancel)
    editor.close()
    assert editor.isVisible()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    editor.close()
    assert not editor.isVisible()


def test_archive_then_delete_asks_twice(qtbot, window, kb_dir, monkeypatch) -> None:
    editor = open_existing(qtbot, window, "warranty")
    assert saves(qtbot, editor, editor.archive)
    assert "status: archived" in (kb_dir / "general/warranty.md").read_text()
    answers = iter([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    delete = editor.actions_by_name["Delete permanently"]
    delete.trigger()
    assert (kb_dir / "general/warranty.md").exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    delete.trigger()
    qtbot.waitUntil(lambda: not (kb_dir / "general/warranty.md").exists(), timeout=10_000)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=10_000)
    assert revisions(qtbot, editor, 2)[0].message == "Delete general/warranty.md"


def test_archived_article_is_hidden_then_found_and_restored(qtbot, window) -> None:
    editor = open_existing(qtbot, window, "warranty")
    with qtbot.waitSignal(window.indexing.updated, timeout=10_000):
        editor.archive()
    editor.close()
    qtbot.wait(50)
    type_query(qtbot, window, "warranty")
    assert "Warranty policy" not in titles(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "Warranty policy" in titles(window), timeout=5000)
    restored = open_existing(qtbot, window, "warranty")
    restored.inputs["status"].setCurrentText("published")
    with qtbot.waitSignal(window.indexing.updated, timeout=10_000):
        assert saves(qtbot, restored)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(50)
    type_query(qtbot, window, "warranty")
    assert titles(window)[0] == "Warranty policy"


def test_image_and_link_insertion(qtbot, window, tmp_path, monkeypatch) -> None:
    editor = open_existing(qtbot, window, "warranty")
    picture = tmp_path / "diagram.png"
    picture.write_bytes(PNG)
    editor.insert_image_file(picture)  # copied on the writer thread, then linked
    qtbot.waitUntil(lambda: "![diagram](images/diagram.png)" in editor.body.toPlainText(),
                    timeout=10_000)
    assert (editor.root / "general/images/diagram.png").exists()
    other = tmp_path / "elsewhere" / "diagram.png"
    other.parent.mkdir()
    other.write_bytes(PNG + b"other")
    editor.insert_image_file(other)
    qtbot.waitUntil(lambda: "![diagram](images/diagram-2.png)" in editor.body.toPlainText(),
                    timeout=10_000)
    assert (editor.root / "general/images/diagram.png").read_bytes() == PNG
    qtbot.keyClick(editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    picker = editor.link_picker
    qtbot.waitUntil(picker.isVisible, timeout=2000)
    qtbot.keyClicks(picker.box, "set up router")
    answered(qtbot, picker)
    assert picker.list.count() >= 1 and "Set up the AirNest router" in picker.list.item(0).text()
    qtbot.keyClick(picker.box, Qt.Key.Key_Return)
    assert not picker.isVisible()
    text = editor.body.toPlainText()
    assert "![diagram](images/diagram.png)" in text
    assert "[Set up the AirNest router](../router/setup.md)" in text
    assert saves(qtbot, editor)


def test_tag_completion_completes_the_tag_being_typed(qtbot, window) -> None:
    editor = open_existing(qtbot, window, "warranty")
    tags = editor.inputs["tags"]
    tags.clear()
    tags.setFocus()
    qtbot.keyClicks(tags, "refund, warr")
    popup = editor.tag_completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert tags.text() == "refund, warranty, "  # ready for the next tag
    assert editor.current_text().count("tags: [refund, warranty]") == 1


def test_preview_is_the_agents_view(qtbot, window) -> None:
    editor = open_existing(qtbot, window, "warranty")
    editor.inputs["summary"].setPlainText("Two years, parts and labour.")
    qtbot.waitUntil(lambda: "Two years" in editor.preview.toPlainText(), timeout=3000)
    text = editor.preview.toPlainText()
    assert "QUICK ANSWER" in text and text.index("QUICK ANSWER") < text.index("Two years")
    assert editor.preview_pane.title.text().count("Warranty policy") == 1


def test_move_keeps_history_and_links(qtbot, window, kb_dir, monkeypatch) -> None:
    editor = open_existing(qtbot, window, "refund")
    qtbot.keyClicks(editor.body, "First edit. ")
    assert saves(qtbot, editor)
    linking = kb_dir / "general/linker.md"
    linking.write_text("---\ntitle: Linker\n---\nSee [refunds](refund-policy.md).\n")
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("billing/refunds.md", True))
    with qtbot.waitSignal(window.indexing.updated, timeout=10_000):
        editor.actions_by_name["Rename or move"].trigger()
    assert editor.path == "billing/refunds.md"
    assert not (kb_dir / "general/refund-policy.md").exists()
    assert "[refunds](../billing/refunds.md)" in linking.read_text()
    messages = [r.message for r in revisions(qtbot, editor, 2)]
    assert messages[0].startswith("Move general/refund-policy.md") and len(messages) >= 2
    qtbot.wait(50)
    type_query(qtbot, window, "refund")
    assert "How refunds work" in titles(window)


def test_closing_the_agent_window_asks_about_unsaved_editors(qtbot, window,
                                                             monkeypatch) -> None:
    editor = open_existing(qtbot, window, "warranty")
    qtbot.keyClicks(editor.body, "Not saved yet")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible() and editor.isVisible()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert window.close()
    assert not editor.isVisible() and not window.kb.recovery.pending()


def test_a_change_on_disk_reloads_a_clean_editor_and_warns_a_dirty_one(
        qtbot, window, kb_dir) -> None:
    clean = open_existing(qtbot, window, "warranty")
    path = kb_dir / "general/warranty.md"
    path.write_text(path.read_text().replace("water damage", "flood damage"))
    sync_now(qtbot, window)
    assert "flood damage" in clean.body.toPlainText() and not clean.banner.isVisible()
    qtbot.keyClicks(clean.body, "Mine. ")
    path.write_text(path.read_text().replace("flood damage", "storm damage"))
    sync_now(qtbot, window)
    assert clean.banner.isVisible() and "changed this article" in clean.banner.text()
    assert "Mine. " in clean.body.toPlainText()  # nothing the user typed is replaced


def test_author_is_asked_once_and_can_be_changed(qtbot, window, monkeypatch) -> None:
    window.prefs.values.author = ""  # never asked yet
    editor = open_existing(qtbot, window, "warranty")
    asked = []

    def answer(*args, **kwargs):
        asked.append(kwargs.get("text", ""))
        return ("Rafiq Islam", True)

    monkeypatch.setattr(QInputDialog, "getText", answer)
    editor.inputs["title"].setText("Warranty, once")
    assert saves(qtbot, editor)
    editor.inputs["title"].setText("Warranty, twice")
    assert saves(qtbot, editor)
    assert asked == [""]  # asked once
    assert revisions(qtbot, editor, 2)[0].author.startswith("Rafiq Islam")
    editor.actions_by_name["Your name for the history"].trigger()
    assert asked == ["", "Rafiq Islam"]  # the change starts from the current name


def test_typing_goes_to_the_text_of_an_opened_article(qtbot, window) -> None:
    editor = open_existing(qtbot, window, "warranty")
    assert editor.body.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "Hello ")
    assert editor.body.toPlainText().startswith("Hello ") and editor.dirty


def test_link_picker_moves_with_arrows_while_typing(qtbot, window) -> None:
    editor = open_existing(qtbot, window, "refund")
    qtbot.keyClick(editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    picker = editor.link_picker
    qtbot.keyClicks(picker.box, "setup refund")  # both words: the router setup, not itself
    answered(qtbot, picker)
    assert [hit.path for hit in picker.hits][:1] == ["router/setup.md"]
    picker.box.clear()
    qtbot.keyClicks(picker.box, "setup warranty")  # no article has both: either will do
    answered(qtbot, picker)
    assert len(picker.hits) >= 2 and editor.path not in [hit.path for hit in picker.hits]
    second = picker.hits[1]
    qtbot.keyClick(picker.box, Qt.Key.Key_Down)
    qtbot.keyClick(picker.box, Qt.Key.Key_Return)
    assert f"[{second.title}](" in editor.body.toPlainText()


def test_one_editor_per_article(qtbot, window) -> None:
    editor = open_existing(qtbot, window, "warranty")
    qtbot.keyClicks(editor.body, "Half done ")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.staff.editors == [editor] and "Half done" in editor.body.toPlainText()


def test_long_typing_without_a_pause_is_still_kept(qtbot, window, monkeypatch) -> None:
    from kb_app.gui import editor as editor_module

    monkeypatch.setattr(editor_module, "RECOVERY_MAX_WAIT_S", 0.2)
    editor = open_existing(qtbot, window, "warranty")
    editor.recovery_timer.setInterval(60_000)  # the pause never comes
    qtbot.keyClicks(editor.body, "first ")
    qtbot.wait(300)
    qtbot.keyClicks(editor.body, "x")  # kept at once (written on the writer thread)
    qtbot.waitUntil(lambda: any("first x" in text for text in pending_texts(window)),
                    timeout=10_000)


def test_a_failed_write_says_so_and_keeps_the_text(qtbot, window, monkeypatch) -> None:
    from kb_app import knowledge_base

    editor = open_existing(qtbot, window, "warranty")
    qtbot.keyClicks(editor.body, "Precious words ")

    def full_disk(source, text, root):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(knowledge_base, "save_file", full_disk)  # the file write itself
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    assert not saves(qtbot, editor)
    assert "No space left on device" in warned[0] and editor.dirty
    qtbot.waitUntil(lambda: any("Precious words" in text for text in pending_texts(window)),
                    timeout=10_000)


def test_merge_takes_their_fields_and_flags_fields_both_changed(qtbot, window, kb_dir,
                                                                monkeypatch) -> None:
    editor = open_existing(qtbot, window, "warranty")
    path = kb_dir / "general/warranty.md"
    path.write_text(path.read_text().replace("title: Warranty policy", "title: Their title")
                    .replace("tags: [warranty]", "tags: [warranty, repair]"))
    editor.inputs["title"].setText("My title")
    editor.inputs["owner"].setText("Nusrat")
    monkeypatch.setattr(editor_dialogs.ConflictDialog, "ask",
                        staticmethod(lambda *a, **k: editor_dialogs.MERGE))
    assert not saves(qtbot, editor)
    assert editor.value("tags") == "warranty, repair"  # theirs, shown
    assert editor.value("title") == "My title" and editor.value("owner") == "Nusrat"
    assert editor.errors["title"].isVisible() and "Their title" in editor.errors["title"].text()
    assert "1 place(s) changed by both" in editor.statusBar().currentMessage()
    assert saves(qtbot, editor)
    text = path.read_text()
    assert "title: My title" in text and "tags: [warranty, repair]" in text
    assert "owner: Nusrat" in text


def test_inserted_links_survive_brackets_and_spaces(qtbot, window, kb_dir) -> None:
    editor = open_existing(qtbot, window, "warranty")
    (kb_dir / "how to").mkdir()
    (kb_dir / "how to/odd [v2].md").write_text("---\ntitle: Odd [v2]\n---\nText\n")
    editor.insert_link_to("how to/odd [v2].md", "Odd [v2]")
    assert "[Odd \\[v2\\]](../how%20to/odd%20[v2].md)" in editor.body.toPlainText()
    assert saves(qtbot, editor) and not editor.errors["body"].isVisible()  # the link resolves


def test_saving_a_published_article_dates_it_and_a_draft_is_not(qtbot, window,
                                                                 kb_dir) -> None:
    path = kb_dir / "general/warranty.md"
    path.write_text(path.read_text().replace("visibility: public\n",
                                             "visibility: public\nupdated: 2025-01-15\n"))
    sync_now(qtbot, window)
    before = path.read_text()
    editor = open_existing(qtbot, window, "warranty")
    qtbot.keyClicks(editor.body, "Batteries too. ")
    assert saves(qtbot, editor, lambda: qtbot.keyClick(editor, Qt.Key.Key_S,
                                                       Qt.KeyboardModifier.ControlModifier))
    today = dt.date.today().isoformat()
    assert path.read_text() == before.replace("updated: 2025-01-15", f"updated: {today}") \
        .replace("# Warranty policy", "Batteries too. # Warranty policy")
    editor.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_A,  # staff see drafts
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    draft = kb_dir / "router/draft-mesh.md"
    before = draft.read_text()
    editor = open_existing(qtbot, window, "satellite")
    assert editor.path == "router/draft-mesh.md"
    qtbot.keyClicks(editor.body, "Soon. ")
    assert saves(qtbot, editor, lambda: qtbot.keyClick(editor, Qt.Key.Key_S,
                                                       Qt.KeyboardModifier.ControlModifier))
    assert draft.read_text() == before.replace("Pair the", "Soon. Pair the")


def test_a_save_is_findable_before_its_revision_is_recorded(qtbot, window, monkeypatch) -> None:
    """Index the save, then record its revision: two writes queued in order on the writer
    thread. When the revision is recorded the article is already findable (a fresh
    searcher finds it), and the agents' window lists it before the revision is in."""
    findable_when_recorded: list[bool] = []  # seen on the writer thread
    record = window.kb.record

    def recording(revision):
        with window.kb.searcher() as searcher:  # what any reader would see now
            hits = searcher.search("zebracrossing", include_drafts=True).results
        findable_when_recorded.append(bool(hits))
        return record(revision)

    monkeypatch.setattr(window.kb, "record", recording)
    editor = open_existing(qtbot, window, "warranty")
    window.box.setText("zebracrossing")  # the agent is already looking for it
    qtbot.waitUntil(lambda: window.shown_serial == window.serial, timeout=10_000)
    assert titles(window) == []
    shown: list[str] = []  # what the UI thread saw, in order

    def listed(serial: int) -> None:
        if "Warranty policy" in titles(window) and "listed" not in shown:
            shown.append("listed")

    window.results_painted.connect(listed)
    editor.saved.connect(lambda path: shown.append("saved"))
    editor.recorded.connect(lambda revision, commit: shown.append("recorded"))
    qtbot.keyClicks(editor.body, "Zebracrossing ")
    assert saves(qtbot, editor)
    qtbot.waitUntil(lambda: "recorded" in shown, timeout=10_000)
    assert shown == ["saved", "listed", "recorded"], shown
    assert findable_when_recorded == [True]


def test_a_revision_is_recorded_with_no_timer_and_no_ui(qtbot, window, kb_dir,
                                                        monkeypatch) -> None:
    """The revision follows the save on the writer thread by itself: with the UI thread
    blocked (no Qt timer can fire, no callback run) it is still recorded."""
    import time

    from kb_app.gui import tasks

    monkeypatch.setattr(tasks, "YIELD_MAX_S", 0.2)  # it lets the UI go first, this long
    editor = open_existing(qtbot, window, "warranty")
    qtbot.keyClicks(editor.body, "Unattended ")
    before = len(window.kb.history("general/warranty.md"))
    editor.save()
    deadline = time.monotonic() + 10
    while (len(window.kb.history("general/warranty.md")) == before
           and time.monotonic() < deadline):
        time.sleep(0.02)  # the UI thread does nothing: no events are processed here
    found = window.kb.history("general/warranty.md")
    assert len(found) == before + 1 and found[0].message == "Edit Warranty policy"
    assert "Unattended" in (kb_dir / "general/warranty.md").read_text()
    qtbot.waitUntil(lambda: not editor.dirty, timeout=10_000)  # the UI catches up after


def test_closing_the_agent_window_saves_an_editor_first_when_asked(qtbot, window, kb_dir,
                                                                   monkeypatch) -> None:
    editor = open_existing(qtbot, window, "warranty")
    qtbot.keyClicks(editor.body, "Saved on the way out ")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Save)
    closed: list[bool] = []
    editor.closed.connect(lambda: closed.append(True))
    del editor  # closing the window deletes its editors
    window.close()  # the editor saves (on the writer thread), then both close
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert closed and window.staff.editors == []
    assert "Saved on the way out" in (kb_dir / "general/warranty.md").read_text()
