"""The team's lines in the interface language: the status bar's line and what a sync
did, worded by the core (kb_app.team.state, kb_app.team.sync) through Qt's translation,
with the interface's digits and month names."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from kb_app.gui import locale_text
from kb_app.gui.locale_text import say
from kb_app.team.state import SyncStatus, Wording, when
from kb_app.team.sync import SyncResult, describe


def moment(at: float | None, now: float | None = None) -> str:
    """"14:05" today, "3 Nov 14:05" before; Bengali digits and months in Bengali."""
    if at is None or not locale_text.bengali():
        return when(at, now)
    today = dt.datetime.fromtimestamp(now if now is not None else time.time()).date()
    then = dt.datetime.fromtimestamp(at)
    if then.date() == today:
        return locale_text.digits(f"{then:%H:%M}")
    return locale_text.date_time(then)


INTERFACE = Wording(QCoreApplication.translate, locale_text.number, moment)


def status_line(status: SyncStatus, now: float | None = None) -> str:
    """One short line for the status bar."""
    return status.summary(now, INTERFACE)


def result_line(result: SyncResult, data_dir: Path) -> str:
    """What a sync did, or why it stopped, in the interface language."""
    if result.summarised:
        return describe(result, data_dir, INTERFACE)
    return say(result.said) if result.said is not None else result.message


__all__ = ["result_line", "status_line"]
