"""The article pane: title, facts, the quick answer, the body with matches highlighted."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kb_app import plaintext
from kb_app.articles import Article
from kb_app.gui import locale_text, theme, words
from kb_app.render import ARTICLE_SCHEME, HIT_COLOUR, highlight, render_article

if TYPE_CHECKING:
    from kb_app.snippets import Matcher

STYLE = """
.summary {{ background-color: {summary_bg}; }}
.internal {{ background-color: {internal_bg}; }}
.label {{ color: {muted}; font-size: small; font-weight: bold; }}
.hit {{ background-color: {hit}; color: {hit_text}; }}
th, td {{ border: 1px solid {border}; padding: 4px; }}
table.summary td, table.internal td {{ border: none; }}
code, pre {{ background-color: {code_bg}; }}
"""


QUICK_ANSWER, INTERNAL = "QUICK ANSWER", "INTERNAL — AGENTS ONLY"  # kb_app.render's labels
PANE_COLOURS = {  # the article's boxes and labels, light / dark theme
    False: dict(summary_bg="#e6f4ea", internal_bg="#fff4e0", muted="#666666",
                border="#cccccc", code_bg="#f2f2f2"),
    True: dict(summary_bg="#1f3b2c", internal_bg="#4a3412", muted="#aaaaaa",
               border="#555555", code_bg="#2b2b2b"),
}


def box_text_colours(dark: bool) -> dict[str, tuple[str, str]]:
    """Each text of the article pane over its background (text, background), as the
    theme draws it: what must read at AA contrast."""
    colours, palette = PANE_COLOURS[dark], theme.palette(dark)
    text = palette.color(QPalette.ColorRole.Text).name()
    base = palette.color(QPalette.ColorRole.Base).name()
    return {"text": (text, base), "quick answer": (text, colours["summary_bg"]),
            "internal note": (text, colours["internal_bg"]), "code": (text, colours["code_bg"]),
            "labels": (colours["muted"], base),
            "label of the quick answer": (colours["muted"], colours["summary_bg"]),
            "label of an internal note": (colours["muted"], colours["internal_bg"])}


class ArticlePane(QWidget):
    open_article = Signal(str)  # path relative to the articles folder
    flag_requested = Signal(str)  # "helpful" | "outdated" | "wrong"
    pin_toggled = Signal(bool)
    shown = Signal(object)  # the Article now on screen (the window sets its pin state)

    def __init__(self, articles_dir: Path, interactive: bool = True) -> None:
        """`interactive=False` is the editor's preview: the same rendering, no buttons."""
        super().__init__()
        self.articles_dir = articles_dir
        self.article: Article | None = None
        self.matcher: Matcher | None = None
        self.often_opened = False  # the team's use lifted it for the search (it says so)
        self.box_colours: dict[str, str] = {}
        self.shown_html = ""
        self.plain_html = ""  # the shown article without highlights: new words re-use it
        self.title, self.facts = QLabel(), QLabel()
        for label, name in ((self.title, "articleTitle"), (self.facts, "articleFacts")):
            label.setWordWrap(True)
            label.setObjectName(name)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setObjectName("articleBody")
        self.browser.setAccessibleName(self.tr("Article"))
        self.browser.setAccessibleDescription(self.tr(
            "The highlighted result: its quick answer first, then the article, the words "
            "searched for marked"))
        self.browser.anchorClicked.connect(self._link)
        self.copy_answer = QPushButton(self.tr("Copy answer"))
        self.copy_answer.setObjectName("copyAnswer")
        self.copy_answer.setAccessibleDescription(self.tr(
            "Copy the quick answer to read out or paste (Ctrl+Shift+C)"))
        self.pin = QPushButton(self.tr("Pin"))
        self.pin.setObjectName("pin")
        self.pin.setAccessibleDescription(self.tr(
            "Keep this article on the home list (Ctrl+D)"))
        self.pin.setCheckable(True)
        self.pin.toggled.connect(self._label_pin)
        self.pin.toggled.connect(self.pin_toggled)
        self.flags = {kind: QPushButton(label) for kind, label in
                      (("helpful", self.tr("👍 Helpful")), ("outdated", self.tr("Outdated")),
                       ("wrong", self.tr("Wrong")))}
        for (kind, button), (name, keys) in zip(
                self.flags.items(), ((self.tr("Flag as helpful"), "Ctrl+1"),
                                     (self.tr("Flag as outdated"), "Ctrl+2"),
                                     (self.tr("Flag as wrong"), "Ctrl+3")), strict=True):
            button.setObjectName(f"flag-{kind}")
            button.setAccessibleName(name)
            button.setAccessibleDescription(self.tr(
                "Tell the product team about this article, with a comment ({keys})").format(
                    keys=keys))
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_answer)
        buttons.addWidget(self.pin)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(self.tr("Flag:")))
        for kind, button in self.flags.items():
            button.clicked.connect(lambda _=False, k=kind: self.flag_requested.emit(k))
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        self.answers = QLabel()  # staff's replies to this desk's flags on the article
        self.answers.setObjectName("flagAnswers")
        self.answers.setWordWrap(True)
        self.answers.setTextFormat(Qt.TextFormat.PlainText)
        self.answers.setStyleSheet(f"background-color: {theme.ANSWERS}; "
                                   f"color: {theme.ANSWERS_TEXT}; padding: 6px;")
        self.answers.hide()
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.answers)
        if interactive:
            layout.addLayout(buttons)
        else:
            for widget in (self.copy_answer, self.pin, *self.flags.values()):
                widget.hide()
        layout.addWidget(self.browser, 1)
        self.show_message(self.tr("Type to search. Ctrl+K returns to the search box."))

    def set_palette_style(self, dark: bool) -> None:
        colours = PANE_COLOURS[dark]
        self.browser.document().setDefaultStyleSheet(
            STYLE.format(hit=HIT_COLOUR, hit_text=theme.MARK_TEXT, **colours))
        self.box_colours = {"summary": colours["summary_bg"],
                            "internal": colours["internal_bg"]}
        self.shown_html = ""  # the style sheet applies when the page is set again
        if self.article:
            self.show_article(self.article, self.matcher, keep_position=True,
                              plain_html=self.plain_html, often_opened=self.often_opened)

    def set_answers(self, lines: list[str]) -> None:
        """What staff answered to the flags this desk raised on the shown article."""
        self.answers.setText("\n".join(lines))
        self.answers.setVisible(bool(lines))

    def set_pinned(self, pinned: bool) -> None:
        """Show the article's pin state; nothing is stored (that is a user's toggle)."""
        with QSignalBlocker(self.pin):
            self.pin.setChecked(pinned)
        self._label_pin()

    def _label_pin(self) -> None:
        """The one place the button's label comes from: its checked state."""
        self.pin.setText(self.tr("Pinned ★") if self.pin.isChecked() else self.tr("Pin"))

    def show_message(self, text: str) -> None:
        self.article = None
        self.plain_html = ""
        self.matcher = None
        self.often_opened = False
        self.set_pinned(False)
        self.title.setText("")
        self.facts.setText("")
        self.shown_html = f"<p>{html.escape(text)}</p>"
        self.browser.setHtml(self.shown_html)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for widget in (self.copy_answer, self.pin, *self.flags.values()):
            widget.setEnabled(on)

    def show_article(self, article: Article, matcher: Matcher | None,
                     keep_position: bool = False, plain_html: str | None = None,
                     often_opened: bool = False) -> None:
        """`plain_html`: the article rendered without highlights, if already known.
        `often_opened`: the team's use lifted it for this search (kb_app.learning), which
        the pane says beside its facts, so the agent knows why it is there (it may hold
        none of the words typed)."""
        position = self.browser.verticalScrollBar().value()
        self.article, self.matcher, self.often_opened = article, matcher, often_opened
        self.title.setText(f"<h2>{html.escape(article.title)}</h2>")
        facts = [article.product, words.language(article.language), words.word(article.status)]
        if article.updated:
            facts.append(self.tr("updated {date}").format(
                date=locale_text.date(article.updated)))
        if article.owner:
            facts.append(self.tr("owner {name}").format(name=article.owner))
        if article.visibility == "internal":
            facts.append(self.tr("internal only"))
        if often_opened:
            facts.append(words.word("often opened for this search"))
        self.facts.setText(" · ".join(html.escape(f) for f in facts if f))
        if plain_html is None:
            plain_html = render_article(article, self.articles_dir).html
        self.plain_html = plain_html
        rendered = highlight(plain_html, matcher)
        self._enable(True)
        self.copy_answer.setEnabled(bool(article.summary))
        page = self._with_box_colours(rendered.html)
        if page == self.shown_html:  # the same words highlighted in the same article
            self.shown.emit(article)
            return
        self.shown_html = page
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(
            str((self.articles_dir / article.path).parent) + "/"))
        self.browser.setHtml(page)
        if keep_position:
            self.browser.verticalScrollBar().setValue(position)
        elif rendered.hits:
            self._scroll_to_first_hit()
        else:
            self.browser.verticalScrollBar().setValue(0)
        self.shown.emit(article)

    def _scroll_to_first_hit(self) -> None:
        """Find the first highlighted word by its colour (an HTML anchor before a Bengali
        word breaks its shaping in Qt's text engine, so there is none)."""
        block = self.browser.document().begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.charFormat().background().color().name() == HIT_COLOUR:
                    cursor = QTextCursor(self.browser.document())
                    cursor.setPosition(fragment.position())
                    self.browser.setTextCursor(cursor)
                    self.browser.ensureCursorVisible()
                    return
                fragments += 1
            block = block.next()

    def _with_box_colours(self, body: str) -> str:
        """Qt's rich text colours a table from its bgcolor attribute, not from CSS."""
        for name, colour in self.box_colours.items():
            body = body.replace(f'<table class="{name}"',
                                f'<table class="{name}" bgcolor="{colour}"')
        for english, shown in ((QUICK_ANSWER, self.tr("QUICK ANSWER")),
                               (INTERNAL, self.tr("INTERNAL — AGENTS ONLY"))):
            if shown != english:  # the renderer's labels (kb_app.render) in the language
                body = body.replace(f'<p class="label">{english}</p>',
                                    f'<p class="label">{html.escape(shown)}</p>', 1)
        return body

    def answer_text(self) -> str:
        return self.article.summary if self.article else ""

    def plain_text(self) -> str:
        """The public part of the article as plain text (internal notes never go out)."""
        if not self.article:
            return ""
        return plaintext.plain(self.article.public_body, title=self.article.title)

    def markdown_text(self) -> str:
        return self.article.public_body.strip() if self.article else ""

    def _link(self, url: QUrl) -> None:
        if url.scheme() == ARTICLE_SCHEME:
            self.open_article.emit(url.path())
        elif url.scheme() in ("http", "https", "mailto"):
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(url)
