"""The team's status line in the interface language: the same facts as
`SyncStatus.summary()` (the command line's English line), said through Qt's translation
system, with the interface's digits and month names."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from kb_app.gui import locale_text
from kb_app.team.state import SyncStatus, when
from kb_app.team.sync import SyncResult

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal")


def _headline(outcome: str) -> str:
    if outcome == "unreachable":
        return translate("TeamStatus", "Team remote unreachable")
    if outcome == "sign-in":
        return translate("TeamStatus", "Team remote: sign in needed")
    if outcome == "refused":
        return translate("TeamStatus", "Team remote refused the push")
    if outcome == "disk":
        return translate("TeamStatus", "Team sync: this desk's disk refused a write")
    if outcome == "not-found":
        return translate("TeamStatus", "Team remote: no repository at that address")
    if outcome == "busy":
        return translate("TeamStatus", "Team: another sync is running")
    return translate("TeamStatus", "Team sync failed")


def status_line(status: SyncStatus, now: float | None = None) -> str:
    """One short line for the status bar."""
    if status.outcome == "never":
        return translate("TeamStatus", "Team: not synced yet")
    if status.outcome == "running":
        if status.sync_alive():
            return translate("TeamStatus", "Team: syncing…")
        return translate("TeamStatus",
                         "Team: the last sync was interrupted; the next one finishes it")
    if status.last_synced:
        synced = translate("TeamStatus", "synced {time}").format(
            time=moment(status.last_synced, now))
    else:
        synced = translate("TeamStatus", "never synced")
    if status.outcome in ("synced", "conflicts"):
        parts = [translate("TeamStatus", "Team: {synced}").format(synced=synced),
                 _counts(status)]
        if status.conflicts:
            parts.append(translate("TeamStatus", "{n} article(s) to resolve").format(
                n=locale_text.number(status.conflicts)))
        return " · ".join(p for p in parts if p)
    tail = (translate("TeamStatus", "searching this desk's copy")
            if status.outcome == "unreachable" else "")
    parts = [_headline(status.outcome), tail, synced, _counts(status)]
    return " · ".join(p for p in parts if p)


def _counts(status: SyncStatus) -> str:
    parts = []
    if status.ahead:
        parts.append(translate("TeamStatus", "{n} revision(s) to push").format(
            n=locale_text.number(status.ahead)))
    if status.behind:
        parts.append(translate("TeamStatus", "{n} revision(s) behind").format(
            n=locale_text.number(status.behind)))
    if parts:
        return " · ".join(parts)
    return translate("TeamStatus", "up to date") if status.outcome == "synced" else ""


def result_line(result: SyncResult, data_dir: Path) -> str:
    """What a sync did, in the interface language when it is the usual counts (an error
    or a special case is the core's sentence; notes stay as the core wrote them)."""
    if not result.summarised:
        return result.message
    number = locale_text.number
    parts = [translate("TeamStatus", "{n} article(s) updated").format(n=number(len(result.changed)))
             if result.changed else translate("TeamStatus", "up to date")]
    if result.pushed:
        parts.append(translate("TeamStatus", "your revisions are published"))
    if result.conflicts:
        parts.append(translate(
            "TeamStatus", "{n} article(s) changed here and by someone else wait for your "
            "decision").format(n=number(len(result.conflicts))))
    if result.set_aside:
        parts.append(translate(
            "TeamStatus", "{n} local file(s) copied to {folder} before being replaced").format(
                n=number(len(result.set_aside)), folder=data_dir / "set-aside"))
    return "; ".join(parts + result.notes)


def moment(at: float | None, now: float | None = None) -> str:
    """"14:05" today, "3 Nov 14:05" before; Bengali digits and months in Bengali."""
    if at is None or not locale_text.bengali():
        return when(at, now)
    today = dt.datetime.fromtimestamp(now if now is not None else time.time()).date()
    then = dt.datetime.fromtimestamp(at)
    if then.date() == today:
        return locale_text.digits(f"{then:%H:%M}")
    return locale_text.date_time(then)


__all__ = ["result_line", "status_line"]
