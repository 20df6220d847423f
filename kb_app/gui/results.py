"""The results list: a model of hits and a delegate that paints them like search results."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kb_app.search import Hit

HitRole = Qt.ItemDataRole.UserRole + 1
HeaderRole = Qt.ItemDataRole.UserRole + 2
ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass
class Row:
    hit: Hit | None = None
    header: str = ""  # a group heading row ("Pinned", "Recently opened", ...)
    badge: str = ""  # extra badge, e.g. "updated"


def badges(hit: Hit, extra: str = "") -> list[str]:
    found = []
    if hit.status != "published":
        found.append(hit.status)
    if hit.review_by and hit.review_by < _today():
        found.append("needs review")
    if extra:
        found.append(extra)
    return found


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
        if self.rows[index.row()].header:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == HeaderRole:
            return row.header
        if role == HitRole:
            return row.hit
        if role == Qt.ItemDataRole.DisplayRole:
            return row.header or (row.hit.title if row.hit else "")
        if role == Qt.ItemDataRole.ToolTipRole and row.hit:
            return row.hit.summary or row.hit.path
        if role == Qt.ItemDataRole.AccessibleTextRole and row.hit:
            return f"{row.hit.title}. {' '.join(badges(row.hit, row.badge))}"
        return None

    def badge(self, index: ModelIndex) -> str:
        return self.rows[index.row()].badge

    def first_hit_row(self) -> int:
        return next((n for n, r in enumerate(self.rows) if r.hit), -1)


class ResultDelegate(QStyledItemDelegate):
    """Title, product and badges on one line, the snippet with highlights below."""

    PADDING = 6

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._documents: dict[tuple[int, int], QTextDocument] = {}

    def forget(self) -> None:
        """Drop laid-out rows (call when the model's rows change)."""
        self._documents.clear()

    def _document(self, option: QStyleOptionViewItem, index: ModelIndex) -> QTextDocument:
        width = option.rect.width()
        if width <= 0 and option.widget is not None:
            width = option.widget.viewport().width()
        key = (index.row(), width)
        doc = self._documents.get(key)
        if doc is None:
            doc = self._documents[key] = self._layout(option, index, width)
        return doc

    def _layout(self, option: QStyleOptionViewItem, index: ModelIndex,
                width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(self.PADDING)
        header = index.data(HeaderRole)
        palette = option.palette
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        if header:
            doc.setHtml(f'<b style="color:{muted}">{html.escape(header.upper())}</b>')
        else:
            hit: Hit = index.data(HitRole)
            tags = "".join(
                f' <span style="background-color:#c77d00;color:#ffffff">&nbsp;{html.escape(b)}'
                "&nbsp;</span>" for b in badges(hit, index.model().badge(index)))
            meta = " · ".join(x for x in (hit.product, hit.language) if x)
            snippet = hit.snippet.replace(
                "<mark>", '<span style="background-color:#ffe066;color:#000000">'
            ).replace("</mark>", "</span>")
            doc.setHtml(
                f"<b>{html.escape(hit.title)}</b>{tags}"
                f'<br><span style="color:{muted}">{html.escape(meta)}</span>'
                f"<br>{snippet}")
        doc.setTextWidth(max(width, 200))
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter,
                              option.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = option.state & QStyle.StateFlag.State_Selected
        role = (QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        """Group headings take one line; results title, facts and three lines of snippet,
        whatever they hold (laying out rich text just to measure it was the slow part)."""
        line = option.fontMetrics.lineSpacing()
        lines = 1 if index.data(HeaderRole) else 5
        return QSize(300, line * lines + 2 * self.PADDING + 4)
