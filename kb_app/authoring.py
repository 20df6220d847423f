"""What an editor holds apart from its widgets: the article being edited (`Edit`), the file
text it composes, and the 3-way merge with a save someone else made meanwhile.

Values and pure functions, no Qt and no disk (`free_path` only looks at names): a window
keeps an `Edit` beside its form, the command line and the tests make one from text.
Checking, saving and recording are `kb_app.knowledge_base.KnowledgeBase`'s job.

Only what changed is written. A field whose value is still the one the form showed when
the edit started keeps its lines in the file as they are (quoting, comments, key order),
so defaults the form shows (language `en`, status `published`) are never added to files
that leave them out; the body is replaced only if it changed.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kb_app.articles import Article, ArticleError, article_record, parse_article, split_front_matter
from kb_app.diffview import merged_text
from kb_app.editing import ArticleSource, Fingerprint, relative_href, set_body, set_fields
from kb_app.messages import Message, Sayings, saying, translate
from kb_app.templates import slugify
from kb_app.validation import Draft

DATE_FIELDS = ("review_by",)  # written as dates, not text
FIELDS = ("id", "title", "product", "tags", "language", "summary", "status", "visibility",
          "owner", "review_by")
NEW_ARTICLE_PATH = "new.md"  # what an article with no path yet is read as
DEFAULT_FOLDER = "general"  # a new article with no product goes here


@dataclass(frozen=True)
class Edit:
    """An article being edited: where it is, the text it started from, and what the form
    shows now. Immutable: `with_fields`, `with_body` and `with_text` give the next one.

    `base_fields` are the values the form showed for `base_text`; a field is written only
    when it differs from them. `fingerprint` is what the file on disk looked like when it
    was read (None: there is no file yet), checked again when saving."""

    path: str | None  # relative to the articles folder; None: new, placed when first saved
    base_text: str  # the file text it started from, with "\n" line endings
    fields: Mapping[str, str]  # FIELDS as the form shows them (tags comma-separated)
    body: str  # the Markdown after the front matter
    base_fields: Mapping[str, str] = field(default_factory=dict)
    fingerprint: Fingerprint | None = None
    newline: str = "\n"  # the file's own line ending, kept when it is written
    bom: bool = False  # the file starts with a byte-order mark, kept when it is written

    @classmethod
    def from_text(cls, text: str, path: str | None = None,
                  fingerprint: Fingerprint | None = None, newline: str = "\n",
                  bom: bool = False) -> Edit:
        """An edit that has changed nothing yet over `text`."""
        values = form_values(text, path)
        return cls(path, text, values, body_of(text), dict(values), fingerprint, newline,
                   bom)

    @classmethod
    def from_source(cls, source: ArticleSource, path: str) -> Edit:
        return cls.from_text(source.text, path, source.fingerprint, source.newline,
                             source.bom)

    @property
    def is_new(self) -> bool:
        """No file was read: saving creates one (and refuses if one appeared meanwhile)."""
        return self.fingerprint is None

    @property
    def base_known(self) -> bool:
        """False for recovered text typed over a version of the file that is gone: only
        its checksum is known, so a merge marks every difference instead of guessing."""
        return self.fingerprint is None or self.fingerprint.size >= 0

    @property
    def changed(self) -> bool:
        return dict(self.fields) != dict(self.base_fields) or self.body != body_of(
            self.base_text)

    @property
    def text(self) -> str:
        """The file as it would be saved (see `compose`)."""
        return compose(self)

    def value(self, name: str) -> str:
        return self.fields.get(name, "")

    def with_fields(self, **values: str) -> Edit:
        """The form with these fields set, cleaned as the form cleans them."""
        unknown = set(values) - set(FIELDS)
        if unknown:
            raise ValueError(f"not article fields: {', '.join(sorted(unknown))}")
        cleaned = {name: clean_value(name, value) for name, value in values.items()}
        return replace(self, fields={**self.fields, **cleaned})

    def with_body(self, body: str) -> Edit:
        return replace(self, body=body)

    def with_text(self, text: str) -> Edit:
        """The form filled from a whole text (recovered or restored), over the same base."""
        return replace(self, fields=form_values(text, self.path), body=body_of(text))

    def draft(self) -> Draft:
        """What validation looks at."""
        return Draft(self.value("id"), self.value("title"), self.value("summary"),
                     self.value("status"), self.value("review_by"), self.body)


@dataclass(frozen=True)
class MergeResult:
    """A merged edit (based on their file now) and the places that need a look."""

    edit: Edit
    body_conflicts: int  # places in the body marked <<<<<<< mine / >>>>>>> theirs
    field_clashes: dict[str, str]  # field -> a note: both changed it, mine is kept

    @property
    def conflicts(self) -> int:
        return self.body_conflicts + len(self.field_clashes)


def body_of(text: str) -> str:
    return split_front_matter(text)[1]


def clean_value(name: str, value: str) -> str:
    """A form value as the editor reads it: trimmed; the quick answer on one line."""
    return " ".join(value.split()) if name == "summary" else value.strip()


def tag_list(value: str) -> list[str]:
    return [tag.strip() for tag in value.split(",") if tag.strip()]


def field_values(article: Article) -> dict[str, str]:
    """The form's fields of an article, as text (tags comma-separated, no date: "")."""
    record = article_record(article, FIELDS)
    return {name: _as_text(record[name]) for name in FIELDS}


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    return ", ".join(value) if isinstance(value, list) else str(value)


def form_values(text: str, path: str | None) -> dict[str, str]:
    """The form's fields as `text` reads at `path`. An article with no path yet shows no
    id unless the text sets one: it gets its file name's when first saved."""
    rel = path or NEW_ARTICLE_PATH
    try:
        article, _ = parse_article(text, rel, rel.removesuffix(".md"), posixpath.basename(
            rel).removesuffix(".md"))
    except ArticleError:  # an unreadable draft still opens in the editor
        article = Article(id=rel.removesuffix(".md"), path=rel, title="", body=text)
    values = field_values(article)
    if path is None and "id" not in explicit_keys(text):
        values["id"] = ""
    return values


def explicit_keys(text: str) -> set[str]:
    """The keys the front matter writes out (the rest are defaults)."""
    front, _ = split_front_matter(text)
    return {line.split(":", 1)[0].strip() for line in front or [] if ":" in line}


def field_changes(edit: Edit) -> dict[str, object]:
    """Front-matter keys to rewrite: the fields that differ from what the form first
    showed (an empty value removes its key)."""
    changes: dict[str, object] = {}
    for name in FIELDS:
        value = edit.value(name)
        if value == edit.base_fields.get(name, "") or (name == "id" and edit.is_new
                                                       and not value):
            continue
        changes[name] = (tag_list(value) if name == "tags" else _as_date(value)
                         if name in DATE_FIELDS else value or None)
    return changes


def _as_date(value: str) -> object:
    """A valid date as a date, written as YAML reads it back (`2027-03-31`, not quoted);
    anything else as typed (validation says what is wrong with it)."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return value


def compose(edit: Edit) -> str:
    """The file text to save: the text it started from with only the changed fields'
    lines and, if it changed, the body replaced."""
    changes = field_changes(edit)
    text = set_fields(edit.base_text, changes) if changes else edit.base_text
    if edit.body != body_of(edit.base_text):
        text = set_body(text, edit.body)
    return text


def merge(mine: Edit, theirs: Edit) -> MergeResult:
    """My edit merged with their save (`theirs`: the file as it is now). Against the text I
    started from: a change made on one side only is taken as it is; the body marks places
    both changed; a field both changed keeps mine, with a note saying what theirs is. The
    result is based on their file, so saving it writes only my changes over theirs."""
    base = body_of(mine.base_text) if mine.base_known else None
    body, conflicts = merged_text(mine.body, theirs.body, base)
    fields, clashes = merge_fields(dict(mine.base_fields) if mine.base_known else None,
                                   dict(mine.fields), dict(theirs.fields))
    edit = replace(theirs, path=mine.path, fields=fields, body=body)
    return MergeResult(edit, conflicts, clashes)


def merge_fields(base: dict[str, str] | None, mine: dict[str, str], theirs: dict[str, str]
                 ) -> tuple[dict[str, str], dict[str, str]]:
    """(merged field values, field -> note for each field both sides changed). With no
    `base`, every field that differs is a clash."""
    merged: dict[str, str] = {}
    clashes: dict[str, Message] = {}
    for name in FIELDS:
        ours, their = mine.get(name, ""), theirs.get(name, "")
        start = base.get(name, "") if base is not None else None
        if ours == start:
            merged[name] = their
            continue
        merged[name] = ours
        if their not in (start, ours):
            clashes[name] = translate(
                "Saving", "Also changed by someone else, to “{theirs}”; yours is kept here."
            ).format(theirs=their)
    return merged, Sayings(clashes)


def free_path(root: Path, product: str, title: str) -> str:
    """Where a new article goes: `<product>/<title>.md` as plain names; a name in use gets
    -2, -3... (a dangling link counts as in use: it would be written through)."""
    folder = slugify(product or DEFAULT_FOLDER)
    stem = slugify(title)
    candidate, n = f"{folder}/{stem}.md", 2
    while os.path.lexists(root / candidate):
        candidate, n = f"{folder}/{stem}-{n}.md", n + 1
    return candidate


def link_markdown(title: str, target: str, from_article: str) -> str:
    """A Markdown link from the article at `from_article` to the one at `target`."""
    label = title.replace("[", "\\[").replace("]", "\\]")
    return f"[{label}]({relative_href(target, from_article)})"


def checked_path(path: str) -> str:
    """`path` as an article path inside the folder: relative, normalised, visible parts,
    ending in .md. `ValueError` otherwise (nothing outside the folder is touched)."""
    clean = posixpath.normpath(path.strip()) if path.strip() else ""
    parts = clean.split("/")
    if (not clean.endswith(".md") or clean.startswith("/") or "\\" in clean
            or any(not part or part.startswith(".") for part in parts)):
        raise saying(ValueError, translate(
            "Saving", "{path}: an article is a .md path inside the articles folder").format(
                path=repr(path)))
    return clean
