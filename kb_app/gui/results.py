"""The results list: a model of hits and a delegate that paints them like search results.

Every row is laid out once per (row, width, font) with QTextLayout, and the same layout is
used to measure the row (sizeHint) and to draw it (paint): the row is exactly as tall as
what is drawn, at any font size or width, so no line is ever cut through.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kb_app.gui import theme, words
from kb_app.search import Hit

HitRole = Qt.ItemDataRole.UserRole + 1
HeaderRole = Qt.ItemDataRole.UserRole + 2
MoreRole = Qt.ItemDataRole.UserRole + 3
ModelIndex = QModelIndex | QPersistentModelIndex

SNIPPET_LINES = 3  # what an agent takes in at a glance; the pane has the rest
TITLE_LINES = 2
ROWS_KEPT = 400  # laid-out rows kept (a few keystrokes' worth)
ELLIPSIS = "…"
BADGE_COLOUR, BADGE_TEXT = theme.BADGE, theme.BADGE_TEXT
MARK_COLOUR, MARK_TEXT = theme.MARK, theme.MARK_TEXT  # the same yellow as the pane's
_MARK = re.compile(r"(</?mark>)")


@dataclass
class Row:
    hit: Hit | None = None
    header: str = ""  # a group heading row ("Pinned", "Recently opened", ...)
    badge: str = ""  # extra badge, e.g. "updated"
    more: str = ""  # a "show more" row: its text; activating it pages in more


def badges(hit: Hit, extra: str = "") -> list[str]:
    """The row's badges, in the interface language."""
    return [words.word(b) for b in badge_words(hit, extra)]


def badge_words(hit: Hit, extra: str = "") -> list[str]:
    """The row's badges as the core says them ("draft", "needs review", "updated")."""
    found = []
    if hit.status != "published":
        found.append(hit.status)
    if hit.review_by and hit.review_by < _today():
        found.append("needs review")
    if hit.often_opened:
        found.append("often opened for this search")
    if extra:
        found.append(extra)
    return found


def _badge(index: ModelIndex) -> str:
    """The extra badge of a row of a ResultsModel ("updated")."""
    model = index.model()
    return model.badge(index) if isinstance(model, ResultsModel) else ""


def _today() -> str:
    return dt.date.today().isoformat()


class ResultsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        """Headings are not enabled, so the keyboard steps over them."""
        if self.rows[index.row()].header:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == HeaderRole:
            return row.header
        if role == HitRole:
            return row.hit
        if role == MoreRole:
            return row.more
        if role == Qt.ItemDataRole.DisplayRole:
            return row.header or row.more or (row.hit.title if row.hit else "")
        if role == Qt.ItemDataRole.ToolTipRole and row.hit:
            return row.hit.summary or row.hit.path
        if role == Qt.ItemDataRole.AccessibleTextRole and row.hit:
            return ". ".join([row.hit.title, *badges(row.hit, row.badge)])
        return None

    def badge(self, index: ModelIndex) -> str:
        return self.rows[index.row()].badge

    def first_hit_row(self) -> int:
        return next((n for n, r in enumerate(self.rows) if r.hit), -1)

    def row_of(self, path: str) -> int:
        """The row showing the article at `path`, or -1."""
        return next((n for n, r in enumerate(self.rows) if r.hit and r.hit.path == path), -1)


@dataclass
class Part:
    """One laid-out run of text in a row, drawn at `at` (row coordinates)."""

    layout: QTextLayout
    at: QPointF
    role: str  # "text" | "muted" | "link": the palette colour it is drawn in


@dataclass
class RowLayout:
    """What a row draws and how tall it is; sizeHint and paint both use it."""

    height: int
    parts: list[Part] = field(default_factory=list)
    badges: list[tuple[QRectF, QTextLayout]] = field(default_factory=list)
    snippet: QTextLayout | None = None  # None for headings and "more" rows

    def lines(self) -> list[QRectF]:
        """Every text line's rectangle in row coordinates (for checking nothing is cut)."""
        found = []
        for part in self.parts:
            for n in range(part.layout.lineCount()):
                found.append(part.layout.lineAt(n).rect().translated(part.at))
        return found


def _layout(text: str, font: QFont, widths: float | list[float],
            formats: Sequence[QTextLayout.FormatRange] = (),
            max_lines: int = 1) -> QTextLayout:
    """`text` broken into at most `max_lines` lines stacked from y = 0; line n is
    `widths[n]` wide (the last width goes on), so the last line can leave room for badges."""
    widths = widths if isinstance(widths, list) else [widths]
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setFormats(list(formats))
    layout.setCacheEnabled(True)
    layout.beginLayout()
    y = 0.0
    while layout.lineCount() < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(widths[min(layout.lineCount() - 1, len(widths) - 1)])
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


def _laid_out_end(layout: QTextLayout) -> int:
    """How many characters of the layout's text its lines hold."""
    if not layout.lineCount():
        return 0
    last = layout.lineAt(layout.lineCount() - 1)
    return last.textStart() + last.textLength()


def _height(layout: QTextLayout) -> float:
    if not layout.lineCount():
        return 0.0
    last = layout.lineAt(layout.lineCount() - 1)
    return last.y() + last.height()


def snippet_text(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A result snippet (escaped HTML with <mark>) as plain text and its marked spans."""
    text, spans, start = "", [], None
    for part in _MARK.split(snippet):
        if part == "<mark>":
            start = len(text)
        elif part == "</mark>":
            if start is not None and len(text) > start:
                spans.append((start, len(text) - start))
            start = None
        else:
            text += html.unescape(part)
    return text.replace("\n", " "), spans


def _mark_formats(spans: list[tuple[int, int]], end: int) -> list:
    mark = QTextCharFormat()
    mark.setBackground(QColor(MARK_COLOUR))
    mark.setForeground(QColor(MARK_TEXT))
    formats = []
    for start, length in spans:
        if start >= end:
            break
        fmt = QTextLayout.FormatRange()
        fmt.start, fmt.length, fmt.format = start, min(length, end - start), mark
        formats.append(fmt)
    return formats


def clamp_lines(text: str, spans: list[tuple[int, int]], font: QFont,
                widths: float | list[float], max_lines: int = SNIPPET_LINES) -> QTextLayout:
    """`text` in at most `max_lines` lines; if it needs more, the last line ends with "…"
    after the last whole word that fits (a word longer than a line is cut where it must)."""
    layout = _layout(text, font, widths, _mark_formats(spans, len(text)), max_lines)
    if _laid_out_end(layout) >= len(text.rstrip()):
        return layout
    last = layout.lineAt(layout.lineCount() - 1)
    start = last.textStart()
    room = last.width() - QFontMetricsF(font).horizontalAdvance(ELLIPSIS)
    end = last.xToCursor(max(0.0, room))
    while True:
        space = text.rfind(" ", start + 1, end + 1)
        end = space if space > start else end
        short = text[:end].rstrip(" ,;:") + ELLIPSIS
        layout = _layout(short, font, widths, _mark_formats(spans, end), max_lines + 1)
        if layout.lineCount() <= max_lines:
            return layout
        if end <= start + 1:  # nothing left to take away: cut the last line short
            return _layout(short, font, widths, _mark_formats(spans, end), max_lines)
        end -= 1  # the ellipsis pushed the last word over: take it away too


class ResultDelegate(QStyledItemDelegate):
    """Title and badges on one line, product and language, then up to three lines of
    snippet with the matched words highlighted."""

    PADDING = 6
    GAP = 2  # between the title, facts and snippet blocks

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: dict[tuple, RowLayout] = {}

    def forget(self) -> None:
        """Drop laid-out rows (call when the model's rows, the font or the theme change)."""
        self._rows.clear()

    def _width(self, option: QStyleOptionViewItem) -> int:
        """The view's width, for measuring and drawing alike: a row laid out for one width
        and drawn at another would not fit its height."""
        widget = option.widget
        if widget is not None and hasattr(widget, "viewport"):
            return widget.viewport().width()
        return option.rect.width()

    def row_layout(self, option: QStyleOptionViewItem, index: ModelIndex) -> RowLayout:
        """Laid out once per row content, width and font: the same result shown again on the
        next keystroke (the top hits often stay) is not laid out again."""
        width = max(self._width(option), 120)
        key = (self._content_key(index), width, option.font.key())
        found = self._rows.get(key)
        if found is None:
            if len(self._rows) > ROWS_KEPT:
                self._rows.clear()
            found = self._rows[key] = self._lay_out(option.font, index, width)
        return found

    @staticmethod
    def _content_key(index: ModelIndex) -> tuple:
        header, more, hit = index.data(HeaderRole), index.data(MoreRole), index.data(HitRole)
        if hit is None:
            return (header, more)
        return (hit.id, hit.title, hit.product, hit.language, hit.snippet,
                tuple(badges(hit, _badge(index))))

    def _lay_out(self, font: QFont, index: ModelIndex, width: int) -> RowLayout:
        inner = width - 2 * self.PADDING
        header, more = index.data(HeaderRole), index.data(MoreRole)
        if header or more:
            bold = QFont(font)
            bold.setBold(bool(header))
            text = header.upper() if header else more
            elided = QFontMetricsF(bold).elidedText(text, Qt.TextElideMode.ElideRight, inner)
            layout = _layout(elided, bold, inner)
            return RowLayout(math.ceil(_height(layout) + 2 * self.PADDING),
                             [Part(layout, QPointF(self.PADDING, self.PADDING),
                                   "muted" if header else "link")])
        hit: Hit = index.data(HitRole)
        row = RowLayout(0)
        y = self.PADDING + self._title_line(row, hit, _badge(index), font, inner)
        meta = " · ".join(x for x in (hit.product, words.language(hit.language)) if x)
        if meta:
            small = QFontMetricsF(font).elidedText(meta, Qt.TextElideMode.ElideRight, inner)
            layout = _layout(small, font, inner)
            row.parts.append(Part(layout, QPointF(self.PADDING, y + self.GAP), "muted"))
            y += self.GAP + _height(layout)
        text, spans = snippet_text(hit.snippet)
        if text.strip():
            row.snippet = clamp_lines(text, spans, font, inner)
            row.parts.append(Part(row.snippet, QPointF(self.PADDING, y + self.GAP), "text"))
            y += self.GAP + _height(row.snippet)
        row.height = math.ceil(y + self.PADDING)
        return row

    def _title_line(self, row: RowLayout, hit: Hit, extra: str, font: QFont,
                    inner: float) -> float:
        """The title in up to two lines, the badges after its last line: when they do not
        fit there the title wraps or is elided, the badges never go under it."""
        bold = QFont(font)
        bold.setBold(True)
        small = QFont(bold)
        if font.pointSizeF() > 0:
            small.setPointSizeF(font.pointSizeF() * 0.85)
        pills = [_layout(f" {b} ", small, inner) for b in badges(hit, extra)]
        room = sum(p.lineAt(0).naturalTextWidth() + self.GAP * 2 for p in pills)
        while pills and room > inner * 2 / 3:  # a very narrow list: the title comes first
            dropped = pills.pop()  # held: a QTextLine must not outlive its layout
            room -= dropped.lineAt(0).naturalTextWidth() + self.GAP * 2
        title = self._title_layout(hit.title, bold, inner, room)
        last = title.lineAt(title.lineCount() - 1)
        row.parts.append(Part(title, QPointF(self.PADDING, self.PADDING), "text"))
        x = self.PADDING + last.naturalTextWidth() + self.GAP * 2
        for pill in pills:
            w, h = pill.lineAt(0).naturalTextWidth(), _height(pill)
            top = self.PADDING + last.y() + (last.height() - h) / 2
            row.badges.append((QRectF(x, top, w, h), pill))
            x += w + self.GAP * 2
        return _height(title)

    @staticmethod
    def _title_layout(title: str, font: QFont, inner: float, room: float) -> QTextLayout:
        """The title in up to two lines with `room` left at the end of its last line."""
        narrow = inner - room
        layout = clamp_lines(title, [], font, inner, TITLE_LINES)
        last = layout.lineAt(layout.lineCount() - 1)
        if not room or last.naturalTextWidth() <= narrow:
            return layout  # the badges fit after it
        layout = clamp_lines(title, [], font, [inner, narrow], TITLE_LINES)
        if layout.lineCount() > 1:
            return layout  # two lines; the second leaves the room
        return clamp_lines(title, [], font, narrow, TITLE_LINES)  # fits one line, not both

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: ModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        background = QStyleOptionViewItem(option)
        background.text = ""
        if style and not index.data(HeaderRole):
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter,
                              option.widget)
        row = self.row_layout(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        for part in row.parts:
            painter.setPen(self._colour(option.palette, part.role, selected))
            part.layout.draw(painter, part.at)
        for rect, pill in row.badges:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(BADGE_COLOUR))
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(QColor(BADGE_TEXT))
            pill.draw(painter, rect.topLeft())
        painter.restore()

    @staticmethod
    def _colour(palette: QPalette, role: str, selected: bool) -> QColor:
        if selected:
            return palette.color(QPalette.ColorRole.HighlightedText)
        return palette.color({"muted": QPalette.ColorRole.PlaceholderText,
                              "link": QPalette.ColorRole.Link}.get(role,
                                                                    QPalette.ColorRole.Text))

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        """Exactly the laid-out row (cached, so a repaint lays nothing out again)."""
        return QSize(max(self._width(option), 120), self.row_layout(option, index).height)
