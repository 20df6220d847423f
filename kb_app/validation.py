"""Checks an article before it is saved, field by field, for the editor to show in place,
and what a save adds by itself (the `updated:` date of a published article).

Errors block publishing; a draft can always be saved, so staff never lose work to a rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kb_app.checks import missing_links
from kb_app.editing import set_fields, split
from kb_app.messages import Message, Sayings, joined, translate


@dataclass
class Draft:
    """What the editor's form holds."""

    id: str
    title: str
    summary: str
    status: str
    review_by: str  # as typed: "" or YYYY-MM-DD
    body: str


def validate(draft: Draft, article_path: str, root: Path,
             ids_elsewhere: set[str]) -> Sayings:
    """Field name -> problem. Empty when the article may be published."""
    problems: dict[str, Message] = {}
    if not draft.title.strip():
        problems["title"] = translate("Saving", "A title is required.")
    if not draft.id.strip() or any(ch.isspace() for ch in draft.id):
        problems["id"] = translate("Saving", "The id must be non-empty, without spaces.")
    elif draft.id in ids_elsewhere:
        problems["id"] = translate("Saving", "Another article already uses the id “{id}”.").format(
            id=draft.id)
    if draft.status == "published" and not draft.summary.strip():
        problems["summary"] = translate("Saving",
                                        "Published articles need a quick answer for agents.")
    if draft.review_by.strip():
        try:
            dt.date.fromisoformat(draft.review_by.strip())
        except ValueError:
            problems["review_by"] = translate("Saving", "Use a date like 2027-03-31.")
    missing = missing_links(draft.body, article_path, root)
    if missing:
        lines = [translate("Saving", "{target} (line {line})").format(target=target, line=line)
                 for line, target in missing[:3]]
        problems["body"] = translate("Saving", "Links to files that do not exist: {links}").format(
            links=joined(lines, ", "))
    return Sayings(problems)


UNPUBLISHED = ("draft", "archived")  # agents never see these: publishing rules do not apply


def blocks_save(problems: dict[str, str], status: str) -> bool:
    """Drafts and archived articles always save (an old article with a broken link can
    still be archived); a published one must be clean. An id clash blocks everything."""
    if "id" in problems:
        return True
    return status not in UNPUBLISHED and bool(problems)


def dated(before: str, after: str, status: str, today: dt.date) -> str:
    """`after` (the file about to be saved over `before`) with `updated:` set to `today`
    when a published article changed: agents and the website show that date as the day
    the answer was last checked. Only that one front-matter line is rewritten. Drafts are
    not dated (nobody reads them yet), nor is a save that changes nothing."""
    if status != "published" or after == before or _updated(after) == today.isoformat():
        return after
    return set_fields(after, {"updated": today})


def _updated(text: str) -> str | None:
    front, _ = split(text)
    for line in front or []:
        key, _, value = line.partition(":")
        if key.strip() == "updated":
            return value.split(" #", 1)[0].strip().strip("'\"")
    return None


class ValidationFailed(ValueError):
    """Not saved: `problems` maps each field (or "body") to what is wrong with it."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("not saved: " + "; ".join(f"{name}: {problem}"
                                                   for name, problem in problems.items()))
        self.problems = Sayings(problems.said) if isinstance(problems, Sayings) else dict(
            problems)
