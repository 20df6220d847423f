"""The user's preferences: one typed record with defaults, read from and written to any
store of strings.

Every preference is a field of `Preferences`, with its default and a docstring saying
what it does; it is stored under its field name. Stored values are untrusted text (an
older version, a hand-edited file): each is coerced to the field's type and checked,
and a value that does not fit (a font size of "huge") falls back to the default instead
of failing the start. Only values that differ from the default are written, so a default
changed in a later version reaches everyone who never chose otherwise (ReText does the
same).

Window state -- geometry, splitter sizes, the search filters -- is not a preference: it
is what the window last looked like, not a choice the user made, and it stays as keys of
the window's own (`WINDOW_STATE_KEYS`, written by the GUI as Qt values). No preference
may use one of those keys.

The store is anything with `get`, `set` and `remove` of strings: `MemoryStore` here,
QSettings through `kb_app.gui.preferences`. No Qt in this module.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Protocol

THEMES = ("system", "light", "dark")
INTERFACE_LANGUAGES = ("system", "en", "bn")
FONT_SIZES = (8, 28)  # points, smallest and largest
SYNC_SECONDS = (15, 3600)  # the background sync's interval, shortest and longest
WINDOW_STATE_KEYS = ("geometry", "splitter", "product", "language")  # not preferences
_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})


class Store(Protocol):
    """Where preferences are kept: text under keys."""

    def get(self, key: str) -> str | None:
        """The stored text, or None if nothing is stored under `key`."""

    def set(self, key: str, value: str) -> None: ...

    def remove(self, key: str) -> None: ...


class MemoryStore:
    """A store in a dict (tests, the command line)."""

    def __init__(self, values: dict[str, str] | None = None) -> None:
        self.values: dict[str, str] = dict(values or {})

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def set(self, key: str, value: str) -> None:
        self.values[key] = value

    def remove(self, key: str) -> None:
        self.values.pop(key, None)


@dataclass
class Preferences:
    """What the user chose. Change fields, then `save`: only what differs from the
    default is written, and a value set back to its default is removed."""

    articles_folder: str = ""
    """The articles folder a plain start opens (the editable copy of the sample, once it
    was made); empty: the bundled sample. A folder named with `--articles` is for that
    run only and is not stored here."""

    started_before: bool = False
    """Whether the first start's question (the sample, a folder, or the team's remote)
    was answered: a plain start after that opens `articles_folder` without asking."""

    team_sync_seconds: int = field(default=60, metadata={"range": SYNC_SECONDS})
    """How often the app syncs with the team's remote in the background, in seconds (F6
    syncs at once). The remote itself and this desk's role belong to the articles
    folder, not to the user: they are in its git config (kb_app.team.state)."""

    author: str = ""
    """The name revisions are recorded under; asked once, at the first save."""

    agent: str = ""
    """The agent's name, recorded with each flag they raise on an article."""

    theme: str = field(default="system", metadata={"choices": THEMES})
    """Light or dark colours, or "system": follow the desktop's choice."""

    font_size: int = field(default=11, metadata={"range": FONT_SIZES})
    """The text size of the results and the article pane, in points (Ctrl+= / Ctrl+-)."""

    interface_language: str = field(default="system", metadata={"choices": INTERFACE_LANGUAGES})
    """The language of menus and messages: English, Bengali, or "system": the system's
    locale decides (Bengali for a Bengali locale, else English). Articles are searched in
    every language whatever it is."""

    record_searches: bool = True
    """Whether searches and the articles opened from them are logged in this desk's local
    data, for the knowledge-health dashboard (what agents look for and do not find)."""

    learn_from_team: bool = True
    """Whether the articles agents keep opening for a search rise for it (learnt from the
    team's signals, kb_app.learning); off: the plain ranking."""

    search_by_meaning: bool = True
    """Whether an English search's first results are re-ranked by how close each
    article's meaning is to the query (kb_app.meaning; its vectors are made in the
    background after indexing); off: by their words alone, and no vectors are made."""

    export_folder: str = ""
    """The folder the public website was last exported to; empty: the home folder."""

    @classmethod
    def load(cls, store: Store) -> Preferences:
        """The preferences in `store`, each one that is missing or unusable at its
        default."""
        defaults = cls()
        values = {f.name: _read(store.get(f.name), f, getattr(defaults, f.name))
                  for f in dataclasses.fields(cls)}
        return cls(**values)

    def save(self, store: Store) -> None:
        """Write what differs from the defaults; remove what is back at its default.
        A field holding a value it may not have (a theme of "neon") is saved as its
        default."""
        defaults = type(self)()
        for f in dataclasses.fields(self):
            default = getattr(defaults, f.name)
            value = _checked(getattr(self, f.name), f, default)
            if value == default:
                if store.get(f.name) is not None:
                    store.remove(f.name)
            else:
                store.set(f.name, _text(value))


def _read(text: str | None, f: dataclasses.Field[Any], default: Any) -> Any:
    if text is None:
        return default
    if "choices" in f.metadata:  # a word from a list: "Dark " is meant as "dark"
        text = text.strip().lower()
    return _checked(_coerced(text, default), f, default)


def _coerced(text: str, default: Any) -> Any:
    """`text` as the type of `default`, or None if it is not one."""
    if isinstance(default, bool):  # before int: a bool is an int
        word = text.strip().lower()
        return True if word in _TRUE else False if word in _FALSE else None
    if isinstance(default, int):
        try:
            return int(text.strip())
        except ValueError:
            return None
    return text


def _checked(value: Any, f: dataclasses.Field[Any], default: Any) -> Any:
    """`value` if it is of the field's type and allowed by its metadata, else `default`."""
    if type(value) is not type(default):
        return default
    choices = f.metadata.get("choices")
    if choices is not None and value not in choices:
        return default
    bounds = f.metadata.get("range")
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        return default
    return value


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
