"""Markdown colouring for the editor's text: headings, emphasis, code, links, internal
blocks and list markers, in colours that read on light and dark themes."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

RULES: list[tuple[str, dict[str, Any]]] = [
    (r"^#{1,6} .*$", dict(bold=True, colour=("#0b5cad", "#8ab4f8"))),
    (r"\*\*[^*]+\*\*", dict(bold=True)),
    (r"`[^`]+`", dict(colour=("#8a3b00", "#f0a870"), mono=True)),
    (r"!?\[[^\]]*\]\([^)]*\)", dict(colour=("#1a7f37", "#7ee2a0"))),
    (r"^\s*:::.*$", dict(bold=True, colour=("#b35900", "#ffb74d"))),
    (r"^\s*([-*+]|\d+\.) ", dict(bold=True)),
]


def _format(style: dict[str, Any], dark: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if style.get("bold"):
        fmt.setFontWeight(QFont.Weight.Bold)
    if style.get("colour"):
        fmt.setForeground(QColor(style["colour"][1 if dark else 0]))
    if style.get("mono"):
        fmt.setFontFamilies(["monospace"])
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        self.rules = [(re.compile(pattern), _format(style, dark)) for pattern, style in RULES]

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        for pattern, fmt in self.rules:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), fmt)


__all__ = ["MarkdownHighlighter"]
