# ruff: noqa: F811 - the tests take the agent window fixture imported from test_gui
"""Result rows, as an agent sees them: every line whole, at any text size, in both scripts.

Each row is drawn by the list's own delegate into an image of the row's size (the rect the
list gives it); a line cut through by the row's edge leaves ink in the row's bottom margin,
and a row taller than its text leaves a gap above it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from tests.conftest import write
from tests.test_gui import sync_now, titles, type_query, window  # noqa: F401 - the window fixture

LONG_TITLE = ("Refund escalation checklist for customers charged twice by card, bKash "
              "or Nagad during the festival sale")
MIXED = ("The refund reaches bKash within 3 working days. গ্রাহকের টাকা ফেরত দিতে প্রথমে "
         "অর্ডার নম্বর যাচাই করুন, তারপর refund ফর্ম পূরণ করুন। Cards take up to 7 days; "
         "কার্ডে সাত দিন পর্যন্ত লাগতে পারে। Never promise a date the bank has not given; "
         "ব্যাংক তারিখ না দিলে কোনো তারিখের প্রতিশ্রুতি দেবেন না। refund refund ফেরত. ") * 3


@pytest.fixture
def long_rows(window, kb_dir: Path, qtbot):
    write(kb_dir, "general/escalation.md",
          f"---\nid: escalation\ntitle: {LONG_TITLE}\nproduct: General\nreview_by: "
          f"2020-01-01\nsummary: Check, then escalate.\n---\n{MIXED}\n", dedent=False)
    write(kb_dir, "bn/ferot.md",
          f"---\nid: bn-ferot\ntitle: টাকা ফেরতের নিয়ম ও সময়সীমা\nlanguage: bn\n"
          f"summary: সাত দিনের মধ্যে।\n---\n{MIXED}\n", dedent=False)
    sync_now(qtbot, window)
    return window


def render(win, row: int) -> QImage:
    """The row as the list draws it, on white."""
    index = win.model.index(row, 0)
    option = QStyleOptionViewItem()
    option.initFrom(win.list)
    option.widget = win.list
    option.font = win.list.font()
    option.rect = win.list.visualRect(index)
    option.rect.moveTo(QPoint(0, 0))
    image = QImage(option.rect.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    win.delegate.paint(painter, option, index)
    painter.end()
    return image


def inked_rows(image: QImage) -> list[int]:
    """Pixel rows with anything drawn on them (text, highlights, badges)."""
    white = QColor("white").rgb()
    return [y for y in range(image.height())
            if any(image.pixel(x, y) != white for x in range(0, image.width(), 1))]


def check_rows(win, label: str, shots: Path) -> None:
    padding = win.delegate.PADDING
    assert win.model.rowCount() >= 2
    for row in range(win.model.rowCount()):
        win.list.setCurrentIndex(win.model.index(1 - min(row, 1), 0))  # draw it unselected
        image = render(win, row)
        image.save(str(shots / f"row-{label}-{row}.png"))
        ink = inked_rows(image)
        height = image.height()
        assert height == win.delegate.sizeHint(_option(win), win.model.index(row, 0)).height()
        assert ink, f"row {row} draws nothing"
        assert ink[-1] < height - padding + 1, f"{label} row {row}: a line is cut at the bottom"
        line = win.list.fontMetrics().lineSpacing()
        assert ink[-1] > height - padding - 1.6 * line, f"{label} row {row}: empty space below"


def _option(win) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(win.list)
    option.widget = win.list
    option.font = win.list.font()
    return option


def test_rows_are_as_tall_as_their_text_at_every_size(qtbot, long_rows, tmp_path) -> None:
    win = long_rows
    win.resize(1000, 700)
    for size in ("normal", "large"):
        if size == "large":
            for _ in range(6):
                qtbot.keyClick(win, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        for query in ("refund", "ফেরত"):
            type_query(qtbot, win, query)
            assert "escalation" in [win.model.index(r, 0).data(
                Qt.ItemDataRole.UserRole + 1).id for r in range(win.model.rowCount())]
            check_rows(win, f"{size}-{query}", tmp_path)
            win.list.grab().save(str(tmp_path / f"list-{size}-{query}.png"))


def test_snippets_are_three_lines_elided_at_a_word(qtbot, long_rows) -> None:
    win = long_rows
    for _ in range(4):
        qtbot.keyClick(win, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    type_query(qtbot, win, "refund")
    row = titles(win).index(next(t for t in titles(win) if t.startswith("Refund escal")))
    laid = win.delegate.row_layout(_option(win), win.model.index(row, 0))
    snippet = laid.snippet
    assert snippet.lineCount() == 3
    text = snippet.text()
    assert text.endswith("…") and text[-2] != " "
    cut = len(text) - 1
    assert MIXED.replace("\n", " ").find(text[max(0, cut - 20):cut]) >= 0
    following = MIXED[MIXED.find(text[max(0, cut - 20):cut]) + 20:][:1]
    assert following in (" ", "", ".", ",", ";", "।"), "cut inside a word"
    title = laid.parts[0].layout
    assert title.lineCount() <= 2 and laid.badges  # "needs review": on the title's line
    badge_top = laid.badges[0][0].top()
    last = title.lineAt(title.lineCount() - 1)
    assert last.y() + laid.parts[0].at.y() <= badge_top <= last.y() + last.height() + 6


def test_badges_stay_on_the_title_line_and_inside_the_row(qtbot, long_rows) -> None:
    """At any width, the title takes at most two lines and the badges sit after its last
    line, inside the row (a title that fits alone but not with its badges wraps)."""
    from PySide6.QtCore import QRect

    win = long_rows
    type_query(qtbot, win, "refund")
    window_text = win.list.font()
    for size in (window_text.pointSizeF(), window_text.pointSizeF() * 1.6):
        font = win.list.font()
        font.setPointSizeF(size)
        for width in range(180, 640, 9):
            option = QStyleOptionViewItem()
            option.font = font
            option.rect = QRect(0, 0, width, 100)
            for row in range(win.model.rowCount()):
                laid = win.delegate.row_layout(option, win.model.index(row, 0))
                title = laid.parts[0].layout
                assert title.lineCount() <= 2
                last = title.lineAt(title.lineCount() - 1)
                for rect, _ in laid.badges:
                    assert rect.right() <= width - win.delegate.PADDING + 0.5, (width, row)
                    assert abs(rect.center().y() - (laid.parts[0].at.y() + last.y()
                                                    + last.height() / 2)) < 1
                assert all(line.bottom() <= laid.height - win.delegate.PADDING + 0.5
                           for line in laid.lines())
