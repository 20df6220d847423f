"""A problem with one file, as `kb check`, the index and the export report it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kb_app.articles import Article


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file. Errors skip the article; warnings do not."""

    path: str
    message: str
    line: int | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


def duplicate_problem(article: Article, owner: str) -> Problem:
    """The problem of a second file that claims an id another file holds."""
    return Problem(article.path, f"duplicate id {article.id!r} (already used by {owner}); "
                                 "this file is skipped")
