"""A problem with one file, as `kb check`, the index and the export report it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kb_app.messages import Message, translate

if TYPE_CHECKING:
    from kb_app.articles import Article


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file. Errors skip the article; warnings do not.

    `message` is the English sentence; `said` is the same sentence as a record the window
    translates (None for a problem stored before there were records, or said elsewhere:
    then `message` is shown as it is)."""

    path: str
    message: str
    line: int | None = None
    severity: str = "error"
    said: Message | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, path: str, said: Message, line: int | None = None,
           severity: str = "error") -> Problem:
        return cls(path, str(said), line, severity, said)

    def sentence(self) -> Message:
        """The whole line `str()` prints ("path:line: severity: message"), as a record."""
        message: Message | str = self.said or self.message
        if self.severity == "warning":
            whole = (translate("Problems", "{path}:{line}: warning: {message}") if self.line
                     else translate("Problems", "{path}: warning: {message}"))
        elif self.severity == "error":
            whole = (translate("Problems", "{path}:{line}: error: {message}") if self.line
                     else translate("Problems", "{path}: error: {message}"))
        else:
            return Message("Problems", "{text}").format(text=self._plain())
        shown = whole.format(path=self.path, message=message)
        return shown.format(line=self.line) if self.line else shown

    def _plain(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"

    def __str__(self) -> str:
        return self._plain()

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"path": self.path, "message": self.message,
                                 "line": self.line, "severity": self.severity}
        if self.said is not None:
            found["said"] = self.said.to_json()
        return found

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Problem:
        """What `to_json` wrote (a row stored without `said` loads with none). Raises
        KeyError or TypeError for a row that is not a problem."""
        line = data.get("line")
        if not (isinstance(data["path"], str) and isinstance(data["message"], str)
                and (line is None or isinstance(line, int))):
            raise TypeError("not a problem")
        return cls.stored(data["path"], data["message"], line,
                          str(data.get("severity", "error")), data.get("said"))

    @classmethod
    def stored(cls, path: str, message: str, line: int | None, severity: str,
               said: object) -> Problem:
        """A problem read back with its record as `Message.to_json` wrote it (None, an
        older row, a damaged one, or one that no longer says the stored sentence: the
        sentence wins, shown as it is)."""
        record = Message.from_json(said)
        return cls(path, message, line, severity,
                   record if record is not None and str(record) == message else None)


def duplicate_problem(article: Article, owner: str) -> Problem:
    """The problem of a second file that claims an id another file holds."""
    return Problem.of(article.path, translate(
        "Problems", "duplicate id {id} (already used by {owner}); this file is skipped").format(
            id=repr(article.id), owner=owner))
