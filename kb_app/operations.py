"""What the knowledge base's operations return and raise (see kb_app.knowledge_base).

Every write hands back the revision to record (`PendingRevision`) and, once recorded, its
commit id; results are immutable values that may be passed between threads.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path

from kb_app.authoring import Edit
from kb_app.editing import ConflictError
from kb_app.history import HistoryError, PendingRevision
from kb_app.messages import Message, reason, translate
from kb_app.validation import ValidationFailed

__all__ = ["Catalogue", "Deleted", "Moved", "NewArticle", "NotRecorded", "ReadOnlySample",
           "SaveConflict", "Saved", "UnknownArticle", "ValidationFailed", "Written"]


@dataclass(frozen=True)
class NewArticle:
    """An unsaved article from a template, and the path saving it now would give it (it
    is decided again at save time from its title and product, unless `edit.path` is set)."""

    edit: Edit
    path: str


@dataclass(frozen=True)
class Saved:
    path: str
    edit: Edit  # the article as saved: go on editing from here
    revision: PendingRevision
    problems: dict[str, str] = field(default_factory=dict)  # found, but not blocking (drafts)
    index_warning: Message | None = None  # when the search index could not take it in yet
    commit: str | None = None  # once recorded


@dataclass(frozen=True)
class Moved:
    old: str
    new: str
    changed: list[str]  # old and new, then every article whose links were re-pointed
    revision: PendingRevision
    index_warning: Message | None = None
    commit: str | None = None

    @property
    def relinked(self) -> list[str]:
        """The other articles whose links to it were updated."""
        return self.changed[2:]


@dataclass(frozen=True)
class Deleted:
    path: str
    revision: PendingRevision
    index_warning: Message | None = None
    commit: str | None = None


Written = Saved | Moved | Deleted


@dataclass(frozen=True)
class Catalogue:
    """What editors complete from: products and tags in use, ids by path."""

    products: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    ids_by_path: dict[str, str] = field(default_factory=dict)

    def ids_elsewhere(self, path: str) -> set[str]:
        """Ids of the other articles, for the unique-id check."""
        return {i for p, i in self.ids_by_path.items() if p != path and i}

    def as_dict(self) -> dict[str, object]:
        return {"products": list(self.products), "tags": list(self.tags),
                "ids_by_path": dict(self.ids_by_path)}


class SaveConflict(ConflictError):
    """The file changed on disk since the edit was read. `theirs` is the text there now
    (None: deleted); `edit` is the edit as it was being saved, with its path decided, to
    pass to `KnowledgeBase.merge`, `keep_mine` or `take_theirs`."""

    def __init__(self, edit: Edit, path: Path, theirs: str | None) -> None:
        super().__init__(path, theirs)
        self.edit = edit


class NotRecorded(HistoryError):
    """The change was written (and indexed) but its revision could not be recorded;
    `result` is the operation's result, `__cause__` the history's problem."""

    def __init__(self, result: Written, problem: HistoryError) -> None:
        self.said = translate("Saving", "the change was saved, but its revision was not "
                              "recorded: {error}").format(error=reason(problem))
        super().__init__(str(self.said))
        self.result = result


class ReadOnlySample(PermissionError):
    """The bundled sample knowledge base is never edited in place: copy it first."""

    def __init__(self, folder: Path) -> None:
        self.said = translate("Saving", "the bundled sample is not edited in place; copy it "
                              "(KnowledgeBase.copy_sample) and edit the copy")
        super().__init__(errno.EPERM, str(self.said), str(folder))


class UnknownArticle(LookupError):
    """No article has that id or path."""
