"""The Bengali interface: the translation is complete (nothing lupdate finds in the sources
is missing or unfinished in kb_app/i18n/gyan_bn.ts), it loads, the window's menus and
buttons are Bengali under a Bengali interface, counts show Bengali digits, the system's
locale decides when the user did not, and changing the preference applies without a
restart, both ways."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from kb_app.gui import i18n, locale_text, preferences_dialog
from kb_app.gui.app import create_window
from kb_app.gui.preferences_dialog import Choice
from kb_app.team.state import SyncStatus
from tests.test_gui import _forget_unsaved, _no_unexpected_dialogs, type_query

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "kb_app" / "i18n" / "gyan_bn.ts"
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"
LRELEASE = Path(sys.executable).parent / "pyside6-lrelease"
BENGALI_LETTERS = re.compile("[\u0985-\u09b9]")  # অ..হ
BENGALI_DIGITS = re.compile("[০-৯]")
ASCII_DIGITS = re.compile("[0-9]")
PLACEHOLDERS = re.compile(r"\{\w*\}|%L?n|<[^>]+>")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """The .ts file's messages by (context, source)."""
    root = ET.parse(ts).getroot()
    return {(context.findtext("name") or "", message.findtext("source") or ""): message
            for context in root.iter("context") for message in context.iter("message")}


def translations(ts: Path = TS) -> dict[tuple[str, str], str]:
    found = {}
    for key, message in messages(ts).items():
        translation = message.find("translation")
        assert translation is not None
        forms = translation.findall("numerusform")
        found[key] = forms[0].text or "" if forms else translation.text or ""
    return found


@pytest.fixture(scope="module")
def qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .qm the build makes (make, setup.py): compiled here if it was not built."""
    built = TS.with_suffix(".qm")
    if built.is_file() and built.stat().st_mtime >= TS.stat().st_mtime:
        return built
    subprocess.run([str(LRELEASE), "-silent", str(TS), "-qm", str(built)], check=True)
    return built


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    i18n.install(i18n.ENGLISH)  # other tests read English


def window_in(qtbot, kb_dir: Path, tmp_path: Path, monkeypatch, language: str):
    _no_unexpected_dialogs(monkeypatch)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("interface_language", language)
    win = create_window(kb_dir, tmp_path / "index", settings)
    qtbot.addWidget(win, before_close_func=_forget_unsaved)
    win.show()
    qtbot.waitUntil(lambda: win.indexing.last_sync is not None, timeout=20_000)
    return win


@pytest.fixture
def bengali(qtbot, kb_dir: Path, tmp_path: Path, monkeypatch, qm: Path, english_after):
    win = window_in(qtbot, kb_dir, tmp_path, monkeypatch, "bn")
    yield win
    _forget_unsaved(win)
    win.close()


# -- the translation itself --------------------------------------------------------------

def test_every_string_lupdate_finds_is_in_the_ts_and_translated(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    package = ROOT / "kb_app"  # as `make i18n` reads it: the window's words and the core's
    sources = sorted(str(p) for p in [*package.glob("*.py"), *package.glob("*/*.py")])
    subprocess.run([str(LUPDATE), *sources, "-target-language", "bn_BD", "-no-obsolete",
                    "-locations", "none", "-ts", str(fresh)], check=True, capture_output=True)
    found, kept = messages(fresh), messages(TS)
    assert len(found) > 350  # the whole interface, not a fraction of it
    assert sorted(set(found) - set(kept)) == []  # new or changed text: run `make i18n`
    assert sorted(set(kept) - set(found)) == []  # text no longer in the sources
    unfinished = [key for key, message in kept.items()
                  if (message.find("translation") is None
                      or message.find("translation").get("type") in ("unfinished", "vanished",
                                                                     "obsolete"))]
    assert unfinished == []


def test_every_translation_is_bengali_and_keeps_what_the_code_fills_in() -> None:
    for (context, source), message in messages(TS).items():
        translation = message.find("translation")
        assert translation is not None
        forms = ([f.text or "" for f in translation.findall("numerusform")]
                 if message.get("numerus") == "yes" else [translation.text or ""])
        for text in forms:
            assert text.strip(), (context, source)  # no empty translation
            assert sorted(PLACEHOLDERS.findall(text)) == sorted(PLACEHOLDERS.findall(source)), (
                context, source, text)
            if "&" in source.replace("&&", ""):  # a mnemonic stays a mnemonic
                assert re.search(r"&\w", text), (context, source, text)
            if BENGALI_LETTERS.search(source) is None and re.search("[A-Za-z]{3}", source):
                assert BENGALI_LETTERS.search(text), (context, source, text)


def test_the_compiled_translation_loads(qtbot, qm: Path, english_after) -> None:
    assert i18n.install(i18n.BENGALI) == i18n.BENGALI
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("Menus", "Copy quick answer") == "দ্রুত উত্তর কপি করুন"
    assert QCoreApplication.translate("Menus", "&Search").startswith("খুঁজুন")
    assert i18n.install(i18n.ENGLISH) == i18n.ENGLISH
    assert QCoreApplication.translate("Menus", "&Search") == "&Search"


# -- the window in Bengali ---------------------------------------------------------------

def menu_actions(win) -> list[tuple[QMenu, list[QAction]]]:
    found = []
    for entry in win.menuBar().actions():
        menu = entry.menu()
        assert isinstance(menu, QMenu)
        found.append((menu, [a for a in menu.actions() if not a.isSeparator()]))
    return found


def test_the_menus_and_the_pane_are_bengali_as_the_ts_says(qtbot, bengali) -> None:
    kept = translations()
    menus = {source.replace("&", "").rstrip("…"): text for (context, source), text in kept.items()
             if context == "Menus"}
    shown = menu_actions(bengali)
    assert len(shown) == 8  # Search, Article, View, Edit, Publish, Index, Team, Help
    for menu, actions in shown:
        assert BENGALI_LETTERS.search(menu.title()), menu.title()
        assert menu.title() == menus[menu.objectName()]
        for action in actions:
            assert BENGALI_LETTERS.search(action.text()), action.text()
            assert action.text() == menus[action.objectName()]  # the English name's
    pane = bengali.pane
    for button, source in ((pane.copy_answer, "Copy answer"), (pane.pin, "Pin"),
                           (pane.flags["helpful"], "👍 Helpful"),
                           (pane.flags["outdated"], "Outdated"), (pane.flags["wrong"], "Wrong")):
        assert button.text() == kept[("ArticlePane", source)]
        assert BENGALI_LETTERS.search(button.text())
        assert BENGALI_LETTERS.search(button.accessibleName() or button.text())
    assert BENGALI_LETTERS.search(bengali.box.placeholderText())
    assert BENGALI_LETTERS.search(bengali.box.accessibleName())
    # Code finds the actions by their English names, whatever the language.
    assert bengali.team.actions["Sync with the team now"].text() == "এখনই টিমের সাথে সিঙ্ক করুন"
    assert bengali.recording_action.objectName() == "Record my searches for the team"


def test_counts_and_progress_show_bengali_digits(qtbot, bengali) -> None:
    type_query(qtbot, bengali, "refund")
    qtbot.waitUntil(lambda: "ফলাফল" in bengali.statusBar().currentMessage(), timeout=5000)
    said = bengali.statusBar().currentMessage()
    assert BENGALI_DIGITS.search(said) and not ASCII_DIGITS.search(said), said
    bengali.indexing.on_progress(1234, 5000)
    label = bengali.indexing_label.text()
    assert "১,২৩৪" in label and "৫,০০০" in label and not ASCII_DIGITS.search(label), label
    assert bengali.progress.text() == "২৪%"
    bengali.indexing.on_progress(5000, 5000)
    bengali.home.changed_ids = {"refund-policy", "warranty-policy"}
    bengali.home._show_count()
    assert bengali.home.button.text() == "শেষবার দেখার পর ২টি হালনাগাদ"


def test_dates_follow_the_language(qtbot, qm: Path, english_after) -> None:
    import datetime as dt

    day = dt.date(2026, 11, 3)
    i18n.install(i18n.ENGLISH)
    assert (locale_text.date(day), locale_text.number(12345)) == ("2026-11-03", "12,345")
    assert locale_text.date_time("2026-11-03T14:05:00+00:00") == "2026-11-03 14:05"
    i18n.install(i18n.BENGALI)
    shown = locale_text.date(day)
    assert "২০২৬" in shown and "৩" in shown and not ASCII_DIGITS.search(shown), shown
    assert locale_text.number(12345) in ("১২,৩৪৫",)
    assert locale_text.date_time("2026-11-03T14:05:00+00:00").endswith("১৪:০৫")
    assert locale_text.digits("v0.1.0") == "v০.১.০"


# -- which language, and changing it -----------------------------------------------------

def test_the_system_locale_decides_when_the_user_did_not() -> None:
    bengali = QLocale(QLocale.Language.Bengali, QLocale.Country.Bangladesh)
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert i18n.resolve("system", bengali) == i18n.BENGALI
    assert i18n.resolve("system", english) == i18n.ENGLISH
    assert i18n.resolve("en", bengali) == i18n.ENGLISH  # the user's choice wins
    assert i18n.resolve("bn", english) == i18n.BENGALI


def test_a_bengali_desktop_opens_the_bengali_window(tmp_path: Path, kb_dir: Path,
                                                     qm: Path) -> None:
    """A fresh start (no preference) on a desktop whose locale is Bengali."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from kb_app.gui.app import create_window\n"
        "app = QApplication([])\n"
        f"settings = QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat)\n"
        f"win = create_window(__import__('pathlib').Path({str(kb_dir)!r}), None, settings)\n"
        "print([a.text() for a in win.menuBar().actions()])\n"
        "print(win.pane.copy_answer.text())\n"
        "win.close()\n")
    env = {**os.environ, "LANG": "bn_BD.UTF-8", "LC_ALL": "", "LC_MESSAGES": "",
           "LANGUAGE": "bn", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, timeout=120,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    menus, button = done.stdout.strip().splitlines()[-2:]
    assert "খুঁজুন (&S)" in menus and "সাহায্য (&H)" in menus
    assert button == "উত্তর কপি করুন"


def test_changing_the_language_applies_without_a_restart(qtbot, kb_dir: Path, tmp_path: Path,
                                                         monkeypatch, qm: Path,
                                                         english_after) -> None:
    english = window_in(qtbot, kb_dir, tmp_path, monkeypatch, "en")
    assert english.menuBar().actions()[0].text() == "&Search"
    bengali = preferences_dialog.apply(english, Choice(replace(english.prefs.values,
                                                               interface_language="bn")))
    qtbot.addWidget(bengali, before_close_func=_forget_unsaved)
    assert bengali is not english and not english.isVisible() and bengali.isVisible()
    assert bengali.kb.articles_dir == english.kb.articles_dir  # the same folder
    assert bengali.menuBar().actions()[0].text() == "খুঁজুন (&S)"
    assert bengali.pane.copy_answer.text() == "উত্তর কপি করুন"
    qtbot.waitUntil(lambda: bengali.indexing.last_sync is not None, timeout=20_000)
    back = preferences_dialog.apply(bengali, Choice(replace(bengali.prefs.values,
                                                            interface_language="en")))
    qtbot.addWidget(back, before_close_func=_forget_unsaved)
    assert back.menuBar().actions()[0].text() == "&Search"
    assert [a.text() for a in menu_actions(back)[1][1]][0] == "Copy quick answer"
    assert back.pane.copy_answer.text() == "Copy answer"
    assert back.prefs.values.interface_language == "en"
    type_query(qtbot, back, "refund")
    qtbot.waitUntil(lambda: "result(s)" in back.statusBar().currentMessage(), timeout=5000)
    assert not BENGALI_DIGITS.search(back.statusBar().currentMessage())
    _forget_unsaved(back)
    back.close()


@pytest.mark.parametrize("status", [
    SyncStatus("never", ""),
    SyncStatus("synced", "", last_synced=1_790_000_000.0, ahead=2, behind=0),
    SyncStatus("conflicts", "", last_synced=1_790_000_000.0, conflicts=3),
    SyncStatus("unreachable", "", last_synced=1_790_000_000.0, behind=4),
    SyncStatus("sign-in", ""),
])
def test_the_team_status_line_says_in_english_what_the_command_line_says_and_in_bengali(
        qm: Path, english_after, status: SyncStatus) -> None:
    from kb_app.gui.team_status import status_line

    now = 1_790_000_000.0 + 60
    i18n.install(i18n.ENGLISH)
    assert status_line(status, now) == status.summary(now)
    assert i18n.install(i18n.BENGALI) == i18n.BENGALI
    said = status_line(status, now)
    assert re.search(r"[\u0980-\u09ff]", said) and not re.search(r"[A-Za-z0-9]", said), said


def test_what_a_sync_did_is_said_in_the_interface_language(qm: Path, english_after,
                                                          tmp_path: Path) -> None:
    from kb_app.gui.team_status import result_line
    from kb_app.team.sync import SyncResult

    done = SyncResult("synced", "3 article(s) updated; your revisions are published",
                      changed=["a.md", "b.md", "c.md"], pushed=True, summarised=True)
    i18n.install(i18n.ENGLISH)
    assert result_line(done, tmp_path) == done.message  # as the command line says it
    assert i18n.install(i18n.BENGALI) == i18n.BENGALI
    said = result_line(done, tmp_path)
    assert "৩" in said and not re.search(r"[A-Za-z0-9]", said), said
    refused = SyncResult("refused", "the remote refused the push of refs/heads/main")
    assert result_line(refused, tmp_path) == refused.message  # the core's own sentence
