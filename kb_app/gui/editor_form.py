"""The editor's front-matter form: one widget per field, laid out in pairs so the Markdown
gets the height, with an error line under each and tags completed from those in use.

The form only shows and collects values; what they mean for the file is the core's
(`kb_app.authoring.Edit`)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kb_app.articles import STATUSES, VISIBILITIES
from kb_app.authoring import FIELDS
from kb_app.gui import theme, words
from kb_app.gui.i18n import QT_TRANSLATE_NOOP

LABELS = {"id": QT_TRANSLATE_NOOP("ArticleForm", "&Id"),
          "title": QT_TRANSLATE_NOOP("ArticleForm", "&Title"),
          "product": QT_TRANSLATE_NOOP("ArticleForm", "&Product"),
          "tags": QT_TRANSLATE_NOOP("ArticleForm", "Ta&gs"),
          "language": QT_TRANSLATE_NOOP("ArticleForm", "Lan&guage"),
          "summary": QT_TRANSLATE_NOOP("ArticleForm", "&Quick answer"),
          "status": QT_TRANSLATE_NOOP("ArticleForm", "&Status"),
          "visibility": QT_TRANSLATE_NOOP("ArticleForm", "&Visibility"),
          "owner": QT_TRANSLATE_NOOP("ArticleForm", "&Owner"),
          "review_by": QT_TRANSLATE_NOOP("ArticleForm", "&Review by")}
# What a field is for, where its name does not say it (screen readers read it out).
DESCRIPTIONS = {
    "id": QT_TRANSLATE_NOOP("ArticleForm", "The article's id: links and the history use it; "
                            "set from the title when left empty"),
    "summary": QT_TRANSLATE_NOOP("ArticleForm", "The short answer agents read out to the "
                                 "customer"),
    "tags": QT_TRANSLATE_NOOP("ArticleForm", "Words to find the article by, separated by "
                              "commas"),
    "language": QT_TRANSLATE_NOOP("ArticleForm", "The article's language: en or bn"),
    "status": QT_TRANSLATE_NOOP("ArticleForm", "Drafts and archived articles are hidden from "
                                "agents"),
    "visibility": QT_TRANSLATE_NOOP("ArticleForm", "Public articles go on the exported "
                                    "website; internal ones stay with agents"),
    "owner": QT_TRANSLATE_NOOP("ArticleForm", "Who keeps the article correct: flags reach "
                               "them"),
    "review_by": QT_TRANSLATE_NOOP("ArticleForm", "The date the article is due to be checked "
                                   "again (YYYY-MM-DD)"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ArticleForm", text)
# Pairs share a row so the Markdown gets the height; single names take the whole row.
FORM_ROWS = (("title",), ("summary",), ("product", "language"), ("tags", "id"),
             ("status", "visibility"), ("owner", "review_by"))
CHOICES = {"status": list(STATUSES), "visibility": list(VISIBILITIES), "language": ["en", "bn"]}
EDITABLE_CHOICES = ("language", "product")  # a list to pick from, or type a new one
SUMMARY_HEIGHT = 70


class TagCompleter(QCompleter):
    """Completes the tag being typed in a comma-separated list, keeping the ones before it."""

    def __init__(self, tags: list[str], line: QLineEdit) -> None:
        super().__init__(sorted(set(tags), key=str.casefold), line)
        self.line = line
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setWidget(line)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.activated.connect(self.insert_tag)
        line.textEdited.connect(self.update_prefix)

    def update_prefix(self, text: str) -> None:
        typed = text[:self.line.cursorPosition()].rsplit(",", 1)[-1].strip()
        if typed:
            self.setCompletionPrefix(typed)
        if typed and self.completionCount():
            self.complete()
            return
        popup = self.popup()
        if popup is not None:
            popup.hide()

    def insert_tag(self, tag: str) -> None:
        text, cursor = self.line.text(), self.line.cursorPosition()
        head = text[:cursor].rsplit(",", 1)
        before = f"{head[0]}, " if len(head) == 2 else ""
        self.line.setText(f"{before}{tag}, {text[cursor:].lstrip(', ')}")
        self.line.setCursorPosition(len(before) + len(tag) + 2)


class ArticleForm(QWidget):
    """The fields of an article's front matter, and the change note for the history."""

    changed = Signal()  # the user changed a field

    def __init__(self, products: list[str], tags: list[str]) -> None:
        super().__init__()
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._products, self._tags = products, tags
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        for row, names in enumerate(FORM_ROWS):
            for column, name in enumerate(names):
                self._add_field(grid, name, row, column, len(names) == 1)
        self.note = QLineEdit()
        self.note.setObjectName("changeNote")
        self.note.setPlaceholderText(self.tr("What changed, in a few words (for the history)"))
        self.note.setAccessibleName(self.tr("Change note"))
        self.note.setAccessibleDescription(self.tr(
            "Saved with the revision in the article's history"))
        note_label = QLabel(self.tr("Change &note"))
        note_label.setBuddy(self.note)
        grid.addWidget(note_label, len(FORM_ROWS), 0)
        grid.addWidget(self.note, len(FORM_ROWS), 1, 1, 3)

    def _add_field(self, grid: QGridLayout, name: str, row: int, column: int,
                   whole_row: bool) -> None:
        widget = self._field_widget(name)
        self.inputs[name] = widget
        text = _tr(LABELS[name]) if name in LABELS else name.capitalize()
        label = QLabel(text)
        label.setBuddy(widget)
        spoken = text.split("(&")[0].replace("&", "").strip()
        # An editable list's typing line takes the focus: it is named as the list is.
        line = widget.lineEdit() if isinstance(widget, QComboBox) else None
        for named in (widget, line) if line is not None else (widget,):
            named.setAccessibleName(spoken)
            if name in DESCRIPTIONS:
                named.setAccessibleDescription(_tr(DESCRIPTIONS[name]))
        cell = QVBoxLayout()
        cell.setSpacing(0)
        cell.addWidget(widget)
        cell.addWidget(self.error_label(name))
        grid.addWidget(label, row, column * 2, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(cell, row, column * 2 + 1, 1, 3 if whole_row else 1)

    def error_label(self, name: str) -> QLabel:
        """The red line that says what is wrong with `name` (a field, or "body")."""
        error = QLabel()
        error.setObjectName(f"error-{name}")
        error.setWordWrap(True)
        error.setStyleSheet(f"color: {theme.ERROR[theme.palette_is_dark()]}")
        error.hide()
        self.errors[name] = error
        return error

    def _field_widget(self, name: str) -> QWidget:
        if name in CHOICES or name == "product":
            combo = QComboBox()
            combo.setEditable(name in EDITABLE_CHOICES)
            if name in EDITABLE_CHOICES:  # typed values: shown as they are written
                combo.addItems(CHOICES.get(name, self._products))
            else:  # a keyword of the file, shown in the interface language
                for value in CHOICES[name]:
                    combo.addItem(words.word(value), value)
            combo.currentTextChanged.connect(self.changed)
            widget: QWidget = combo
        elif name == "summary":
            edit = QPlainTextEdit()
            edit.setFixedHeight(SUMMARY_HEIGHT)
            edit.textChanged.connect(self.changed)
            widget = edit
        else:
            widget = self._line(name)
        widget.setObjectName(name)
        return widget

    def _line(self, name: str) -> QLineEdit:
        line = QLineEdit()
        if name == "review_by":
            line.setPlaceholderText(self.tr("YYYY-MM-DD"))
        if name == "tags":
            line.setPlaceholderText(self.tr("comma, separated"))
            self.tag_completer = TagCompleter(self._tags, line)
        line.textChanged.connect(self.changed)
        return line

    def value(self, name: str) -> str:
        widget = self.inputs[name]
        if isinstance(widget, QComboBox):
            if not widget.isEditable() and widget.currentData() is not None:
                return str(widget.currentData())
            return widget.currentText().strip()
        if isinstance(widget, QPlainTextEdit):
            return " ".join(widget.toPlainText().split())
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def values(self) -> dict[str, str]:
        return {name: self.value(name) for name in FIELDS}

    def set_value(self, name: str, value: str) -> None:
        """Show `value` without it counting as the user's change."""
        widget = self.inputs[name]
        widget.blockSignals(True)
        if isinstance(widget, QComboBox):
            found = -1 if widget.isEditable() else widget.findData(value)
            if found >= 0:
                widget.setCurrentIndex(found)
            else:
                widget.setCurrentText(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QLineEdit):
            widget.setText(value)
        widget.blockSignals(False)

    def show_values(self, values: Mapping[str, str], new: bool = False) -> None:
        """Fill the form; a new article's empty id says where it will come from."""
        for name in FIELDS:
            self.set_value(name, values.get(name, ""))
        id_line = self.inputs["id"]
        if isinstance(id_line, QLineEdit):
            id_line.setPlaceholderText(self.tr("set from the title when saved") if new else "")

    def show_problems(self, problems: Mapping[str, str]) -> None:
        for name, label in self.errors.items():
            label.setText(problems.get(name, ""))
            label.setVisible(name in problems)


__all__ = ["FORM_ROWS", "LABELS", "ArticleForm", "TagCompleter"]
