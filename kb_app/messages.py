"""The sentences the core says to people, as records the window can translate.

A `Message` is a lupdate context, an English template with named `{placeholders}`, and
the values that fill them. `str()` of it is the English sentence the command line prints;
the window says it in the interface language (`kb_app.gui.locale_text.say`): the template
through Qt's translation (kb_app/i18n/gyan_bn.ts), numbers in the interface's digits.

Each template is written where it is said, as `translate("Context", "template")`, so that
pyside6-lupdate finds it (`make i18n` lists the core modules that hold templates), then
filled with `.format(name=value)`. lupdate reads only that two-argument call: the values
go in `.format`, never in the call itself.

An exception says its message by carrying it as `said` (see `saying`); a `Problem` carries
one too. Values are text that is not ours (a path, a title, an OS error) and stays as it
is, numbers, or other messages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias, TypeVar

Value: TypeAlias = "str | int | Message"
Translate = Callable[[str, str], str]  # (context, English template) -> the template to fill
Number = Callable[[int], str]

E = TypeVar("E", bound=BaseException)


def as_written(_context: str, template: str) -> str:
    return template


@dataclass(frozen=True)
class Message:
    """One sentence: where lupdate keeps it (`context`), its English `template`, and the
    `values` of its placeholders."""

    context: str
    template: str
    values: tuple[tuple[str, Value], ...] = ()

    def format(self, **values: Value) -> Message:
        """The same sentence with its placeholders' values."""
        return Message(self.context, self.template, (*self.values, *values.items()))

    def value(self, name: str) -> Value | None:
        return dict(self.values).get(name)

    def say(self, translate: Translate = as_written, number: Number = str) -> str:
        """The sentence with its template through `translate` and its numbers through
        `number` (nested messages the same way). English as written by default. A
        translation that does not fit its values is passed over for the English."""
        filled = {name: _filled(value, translate, number) for name, value in self.values}
        try:
            return translate(self.context, self.template).format(**filled)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**filled)

    def __str__(self) -> str:
        return self.say()

    def to_json(self) -> dict[str, Any]:
        return {"context": self.context, "template": self.template,
                "values": {name: value.to_json() if isinstance(value, Message) else value
                           for name, value in self.values}}

    @classmethod
    def from_json(cls, data: object) -> Message | None:
        """What `to_json` wrote; None for anything else (an older or damaged record)."""
        if not isinstance(data, Mapping):
            return None
        context, template, values = data.get("context"), data.get("template"), data.get(
            "values", {})
        if not (isinstance(context, str) and isinstance(template, str)
                and isinstance(values, Mapping)):
            return None
        kept: list[tuple[str, Value]] = []
        for name, value in values.items():
            if isinstance(value, Mapping):
                nested = cls.from_json(value)
                if nested is None:
                    return None
                kept.append((str(name), nested))
            elif isinstance(value, str | int) and not isinstance(value, bool):
                kept.append((str(name), value))
            else:
                return None
        message = cls(context, template, tuple(kept))
        try:
            message.say()
        except (KeyError, IndexError, ValueError):
            return None
        return message


def _filled(value: Value, translate: Translate, number: Number) -> str:
    if isinstance(value, Message):
        return value.say(translate, number)
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value)
    return str(value)


def translate(context: str, template: str) -> Message:
    """A sentence to say, marked for pyside6-lupdate (the name is the one it looks for):
    nothing is translated here; `.format(...)` gives it its values."""
    return Message(context, template)


def saying(kind: Callable[[str], E], said: Message) -> E:
    """An exception of `kind` whose text is the English sentence, carrying `said`."""
    error = kind(str(said))
    error.said = said  # type: ignore[attr-defined]
    return error


def said_by(what: object) -> Message | None:
    """The message an exception or a record carries (`said`), if it has one."""
    said = getattr(what, "said", None)
    return said if isinstance(said, Message) else None


class Sayings(dict[str, str]):
    """Sentences by name (an editor's fields -> what is wrong with each): a plain mapping
    of English sentences, that also keeps each one's record in `said`. Copied with
    `dict()` it is only the English."""

    def __init__(self, said: Mapping[str, Message] | None = None) -> None:
        super().__init__({name: str(message) for name, message in (said or {}).items()})
        self.said: dict[str, Message] = dict(said or {})


def joined(parts: list[Message], separator: str = "; ") -> Message:
    """Sentences said one after the other (the separator is not translated)."""
    template = separator.join(f"{{part{n}}}" for n in range(len(parts)))
    return Message("", template, tuple((f"part{n}", part) for n, part in enumerate(parts)))


def reason(error: BaseException) -> Value:
    """An exception as a value inside another sentence: the message it carries, else its
    own text (an OS error, a library's: not ours to translate)."""
    return said_by(error) or str(error)


__all__ = ["Message", "Sayings", "Value", "as_written", "joined", "reason", "said_by", "saying",
           "translate"]
