"""What an agent does with the article in the pane: copy it, pin it, flag it. Each acts
on the article the pane shows (that is the one the agent is looking at)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog

from kb_app.gui import locale_text, words
from kb_app.health import signals
from kb_app.health.signals import Answered

if TYPE_CHECKING:
    from kb_app.articles import Article
    from kb_app.gui.main_window import MainWindow


class PaneCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        pane = window.pane
        pane.flag_requested.connect(self.flag)
        pane.pin_toggled.connect(self.set_pinned)
        pane.shown.connect(self._show_pin)
        pane.copy_answer.clicked.connect(self.copy_answer)
        self.answers: dict[str, list[Answered]] = {}  # article id -> replies to our flags

    @property
    def window(self) -> MainWindow:
        """The window this part belongs to (its Qt parent: no reference cycle to leave
        for Python's garbage collector, which may run on any thread)."""
        return cast("MainWindow", self.parent())

    def _say(self, text: str, ms: int = 3000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def _show_pin(self, article: Article) -> None:
        self.window.pane.set_pinned(self.window.data.is_pinned(article.id))
        self.window.pane.set_answers([self._answer_line(a)
                                      for a in self.answers.get(article.id, [])])

    def _answer_line(self, answer: Answered) -> str:
        kind, day = words.word(answer.kind), locale_text.date(answer.at[:10])
        if answer.comment:
            return self.tr("Answer to your “{kind}” flag ({comment}): {reply} — {by}, "
                           "{date}").format(kind=kind, comment=answer.comment,
                                            reply=answer.reply, by=answer.by, date=day)
        return self.tr("Answer to your “{kind}” flag: {reply} — {by}, {date}").format(
            kind=kind, reply=answer.reply, by=answer.by, date=day)

    def load_answers(self) -> None:
        """Staff's replies to this desk's flags, read from the team's signals off the UI
        thread (at start, and whenever new signals may have come in)."""
        kb = self.window.kb
        desk = self.window.data.desk_id()

        def read() -> dict[str, list[Answered]]:
            events = signals.read([signals.team_folder(kb.data_dir)],
                                  kinds=("flag", "reply")).events
            return signals.answers_for_desk(events, desk)
        self.window.tasks.run(read, self._answers_loaded)

    def _answers_loaded(self, answers: dict[str, list[Answered]]) -> None:
        self.answers = answers
        article = self.window.pane.article
        if article is not None:
            self._show_pin(article)

    def copy_answer(self) -> None:
        text = self.window.pane.answer_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self._say(self.tr("Quick answer copied"))

    def copy_plain(self) -> None:
        if self.window.pane.article:
            QGuiApplication.clipboard().setText(self.window.pane.plain_text())
            self._say(self.tr("Article copied as plain text"))

    def copy_markdown(self) -> None:
        if self.window.pane.article:
            QGuiApplication.clipboard().setText(self.window.pane.markdown_text())
            self._say(self.tr("Article copied as Markdown"))

    def toggle_pin(self) -> None:
        if self.window.pane.article:
            self.window.pane.pin.toggle()

    def set_pinned(self, pinned: bool) -> None:
        article = self.window.pane.article
        if article:
            self.window.data.set_pinned(article.id, pinned)
            self._say(self.tr("Pinned") if pinned else self.tr("Unpinned"), 2000)

    def flag(self, kind: str) -> None:
        window = self.window
        article = window.pane.article
        if article is None:
            return
        shown = words.word(kind)
        comment, ok = QInputDialog.getText(
            window, self.tr("Flag as {kind}").format(kind=shown),
            self.tr("Flag “{title}” as {kind}.\nComment for the product team (optional):")
            .format(title=article.title, kind=shown))
        if not ok:
            return
        window.data.add_flag(article.id, kind, comment, agent=window.prefs.values.agent)
        self._say(self.tr("Flagged as {kind}: thank you").format(kind=shown))


__all__ = ["PaneCommands"]
