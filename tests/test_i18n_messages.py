"""What the core says reaches the Bengali window in Bengali: a save refused (the editor's
field lines, a move refused), a sync that failed (the team line, its tip and the status
bar), an article problem (what an export left out) and a stale article's reasons (the
Health view), each with Bengali digits where a number is said. The same sentences stay
English, word for word, in the English interface and on the command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from kb_app.gui import i18n
from kb_app.gui.locale_text import say
from kb_app.knowledge_base import KnowledgeBase
from kb_app.messages import translate
from kb_app.problems import Problem
from kb_app.team import credentials as credentials_module
from kb_app.team.remote import explained
from tests.conftest import write
from tests.teamkit import MemoryKeyring
from tests.test_editor import open_existing, saves
from tests.test_gui_health import opened_health
from tests.test_i18n import bengali, english_after, qm, window_in  # noqa: F401 - fixtures

BENGALI_LETTERS = re.compile("[\u0985-\u09b9]")
BENGALI_DIGITS = re.compile("[০-৯]")
ASCII_DIGITS = re.compile("[0-9]")


def test_a_save_refused_is_said_in_bengali_beside_its_fields(qtbot, bengali) -> None:  # noqa: F811
    bengali.prefs.values.author = "Nusrat Jahan"
    editor = open_existing(qtbot, bengali, "warranty")
    editor.inputs["summary"].setPlainText("")
    editor.inputs["review_by"].setText("next week")
    editor.body.setPlainText(editor.body.toPlainText() + "\n\nSee [the form](claim-form.md).\n")
    assert not saves(qtbot, editor)  # published: blocked
    assert editor.errors["summary"].text() == (
        "প্রকাশিত আর্টিকেলে এজেন্টদের জন্য দ্রুত উত্তর থাকতে হবে।")
    assert editor.errors["review_by"].text() == "২০২৭-০৩-৩১ এর মতো করে তারিখ লিখুন।"
    links = editor.errors["body"].text()
    assert links.startswith("এমন ফাইলের লিংক, যেগুলো নেই: claim-form.md (লাইন ")
    assert BENGALI_DIGITS.search(links) and not ASCII_DIGITS.search(links), links


def test_a_move_refused_is_said_in_bengali(qtbot, bengali, monkeypatch) -> None:  # noqa: F811
    bengali.prefs.values.author = "Nusrat Jahan"
    editor = open_existing(qtbot, bengali, "warranty")
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("general/refund-policy.md", True))
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[1:3]))
    editor.history_commands.ask_move()
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said[0] == ("আর্টিকেলটি সরানো গেল না", "general/refund-policy.md আগে থেকেই আছে")


@pytest.fixture
def unreachable(qtbot, kb_dir: Path, tmp_path: Path, monkeypatch, qm: Path,  # noqa: F811
                english_after):  # noqa: F811
    """A Bengali window on a desk whose team remote is not there."""
    monkeypatch.setattr(credentials_module.keyring, "get_keyring", MemoryKeyring)
    kb = KnowledgeBase(kb_dir, tmp_path / "index")
    kb.team.set_remote(str(tmp_path / "nowhere" / "team.git"), "agent")
    kb.close()
    win = window_in(qtbot, kb_dir, tmp_path, monkeypatch, "bn")
    yield win
    win.close()


def test_a_failed_sync_is_said_in_bengali(qtbot, unreachable) -> None:
    win = unreachable
    qtbot.waitUntil(lambda: not win.team.syncing and win.team.status.outcome != "running",
                    timeout=20_000)
    with qtbot.waitSignal(win.team.shown, timeout=20_000,
                          check_params_cb=lambda text: "সিঙ্ক হচ্ছে" not in text):
        win.team.actions["Sync with the team now"].trigger()
    line, tip = win.team.label.text(), win.team.label.toolTip()
    assert BENGALI_LETTERS.search(line) and not re.search("[A-Za-z]", line), line
    detail = tip.splitlines()[-1]  # what the last sync said, after the address and role
    assert detail.endswith("এই ঠিকানায় কোনো git রিপোজিটরি নেই"), tip
    shown = win.statusBar().currentMessage()
    assert shown.startswith("টিম: ") and detail in shown, shown
    english = win.team.status.message  # the command line's sentence, as it was
    assert english.endswith(": there is no git repository at that address")


def test_an_article_problem_the_export_left_out_is_said_in_bengali(
        qtbot, bengali, kb_dir: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    page = kb_dir / "general/warranty.md"
    page.write_text(page.read_text() + "\n![diagram](diagram.svg)\n")
    write(kb_dir, "general/diagram.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    out = tmp_path / "site"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[1:3]))
    qtbot.keyClick(bengali, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    title, text = said[0]
    assert title == "এক্সপোর্ট হয়েছে, তবে কিছু বাদ পড়েছে"
    problem = next(line for line in text.splitlines() if "diagram.svg" in line)
    assert problem.startswith("general/warranty.md:"), problem
    where, rest = problem.split(": ", 1)
    assert BENGALI_DIGITS.search(where) and not ASCII_DIGITS.search(where), where  # the line
    assert rest == ("সতর্কতা: ছবি 'diagram.svg' SVG ছবি, যার ভেতরে স্ক্রিপ্ট থাকতে পারে, তাই "
                    "প্রকাশ হয় না; PNG বা WebP ব্যবহার করুন; ওয়েবসাইটে এটা বাদ যাবে")


def test_a_stale_articles_reasons_are_said_in_bengali(qtbot, bengali, kb_dir: Path) -> None:  # noqa: F811
    page = kb_dir / "general/warranty.md"
    page.write_text(page.read_text().replace("---\n#", "review_by: 2020-01-01\n---\n#", 1))
    health = opened_health(qtbot, bengali)
    table = health.stale
    rows = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    reasons = rows["Warranty policy"]
    assert reasons.startswith("রিভিউয়ের তারিখ ") and "দিন আগে পেরিয়ে গেছে" in reasons, reasons
    assert "দায়িত্বে কেউ নেই" in reasons
    assert BENGALI_DIGITS.search(reasons) and not re.search("[A-Za-z0-9]", reasons), reasons
    item = next(s for s in health.report.stale if s.title == "Warranty policy")
    assert item.reasons[0].startswith("review was due ")  # the report's own, in English
    assert not table.verticalHeader().isVisible()  # Qt numbers rows in ASCII digits


def test_the_english_interface_says_the_command_lines_sentence(qm: Path,  # noqa: F811
                                                                english_after) -> None:  # noqa: F811
    error = explained(NotADirectoryError(20, "Not a directory"), "file:///srv/team.git")
    problem = Problem.of("a.md", translate("Problems", "link to {target}: no such file").format(
        target="'b.md'"), 12, "warning")
    i18n.install(i18n.ENGLISH)
    assert say(error) == str(error) and say(problem) == str(problem)
    assert say(problem) == "a.md:12: warning: link to 'b.md': no such file"
    assert i18n.install(i18n.BENGALI) == i18n.BENGALI
    assert say(problem) == "a.md:১২: সতর্কতা: 'b.md'-এর লিংক: এমন কোনো ফাইল নেই"
    assert say("a sentence from elsewhere") == "a sentence from elsewhere"
    assert say(Problem("a.md", "stored before records")) == "a.md: সমস্যা: stored before records"


def test_damaged_desk_records_are_said_when_the_window_opens(
        qtbot, kb_dir: Path, tmp_path: Path, monkeypatch, qm: Path,  # noqa: F811
        english_after) -> None:  # noqa: F811
    """The desk's records were set aside as damaged: the window says so once it has
    opened (it was only ever written to an attribute), in the interface language."""
    from kb_app import config
    from kb_app.knowledge_base import LOCAL_DATA_FILE

    records = config.data_dir(kb_dir) / LOCAL_DATA_FILE
    records.parent.mkdir(parents=True, exist_ok=True)
    records.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    win = window_in(qtbot, kb_dir, tmp_path, monkeypatch, "bn")
    try:
        shown = win.statusBar().currentMessage()
        assert "local.sqlite3" in shown and "local.sqlite3.damaged-" in shown, shown
        assert "ডেস্ক" in shown and "damaged" not in shown.replace(".damaged-", ""), shown
    finally:
        win.close()
