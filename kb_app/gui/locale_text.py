"""Numbers and dates as the interface language writes them: in the Bengali interface,
Bengali digits (০১২৩৪৫৬৭৮৯) and QLocale(bn)'s month names; in English, as before
(12,345 and ISO dates, which agents and the files share).

Translated text with a count uses Qt's `%Ln` (the default QLocale, which
`kb_app.gui.i18n.install` sets to the interface language's); what is formatted outside a
translation goes through here. What the core says (a `kb_app.messages.Message`, a
`Problem`, an exception carrying a message) is shown through `say`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QTime

from kb_app.gui import i18n
from kb_app.messages import Message, said_by
from kb_app.problems import Problem

BENGALI_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
DATE_FORMAT = "d MMM yyyy"  # ৩ নভে ২০২৬
TIME_FORMAT = "HH:mm"


def bengali() -> bool:
    return i18n.current() == i18n.BENGALI


def number(n: int) -> str:
    """12,345 in English, ১২,৩৪৫ in Bengali."""
    return i18n.locale(i18n.current()).toString(n) if bengali() else f"{n:,}"


def digits(text: str) -> str:
    """`text` with its ASCII digits in the interface's script (a path, a version, a time
    the core wrote: only the digits change)."""
    return text.translate(BENGALI_DIGITS) if bengali() else text


def date(day: dt.date | str) -> str:
    """A date: ISO in English (2026-11-03), "৩ নভে ২০২৬" in Bengali. A string that is not
    an ISO date is shown as it is (digits changed)."""
    if isinstance(day, str):
        text = day
        try:
            day = dt.date.fromisoformat(text[:10])
        except ValueError:
            return digits(text)
    if not bengali():
        return day.isoformat()
    return i18n.locale(i18n.BENGALI).toString(QDate(day.year, day.month, day.day), DATE_FORMAT)


def date_time(moment: dt.datetime | str) -> str:
    """A date and time to the minute: "2026-11-03 14:05" / "৩ নভে ২০২৬ ১৪:০৫"."""
    if isinstance(moment, str):
        text = moment
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return digits(text[:16].replace("T", " "))
    if not bengali():
        return moment.strftime("%Y-%m-%d %H:%M")
    shown = QDateTime(QDate(moment.year, moment.month, moment.day),
                      QTime(moment.hour, moment.minute))
    return i18n.locale(i18n.BENGALI).toString(shown, f"{DATE_FORMAT} {TIME_FORMAT}")


def say(what: Message | Problem | BaseException | str | None) -> str:
    """What the core said, in the interface language: a message's template through the
    translation, its numbers in the interface's digits, the rest of its values (a path, a
    title, an OS error) as they are. A problem is its whole line (path, line, severity,
    sentence); an exception says the message it carries, else its own text; a string, or
    a problem stored before messages were records, is shown as it is."""
    if isinstance(what, Problem):
        said: Message | None = what.sentence()
    elif isinstance(what, Message):
        said = what
    else:
        said = said_by(what)
    if said is None:
        return "" if what is None else str(what)
    return said.say(QCoreApplication.translate, _count)


def say_each(sayings: Mapping[str, str]) -> dict[str, str]:
    """Sentences by name (a form's field -> what is wrong with it, `kb_app.messages.Sayings`)
    in the interface language."""
    said: Mapping[str, Message] = getattr(sayings, "said", {})
    return {name: say(said[name]) if name in said else text for name, text in sayings.items()}


def reason(error: BaseException) -> str:
    """Why something could not be done, for a sentence that already names the file: the
    message the error carries, else the system's reason (strerror), else its text."""
    if said_by(error) is not None:
        return say(error)
    return str(getattr(error, "strerror", None) or error)


def _count(n: int) -> str:
    """A number inside a core sentence: as the English sentence writes it (no grouping:
    a line number, a count), in the interface's digits."""
    return digits(str(n))


__all__ = ["BENGALI_DIGITS", "bengali", "date", "date_time", "digits", "number", "reason", "say",
           "say_each"]
