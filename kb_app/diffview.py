"""Differences between two versions of an article, as HTML (history and conflict views).

Plain Python and plain HTML 4 (tables, spans with background colours) so Qt's rich-text
widgets show it as well as a browser would. Changed lines are paired up and the words that
differ inside them are marked, so a one-word edit in a long paragraph is easy to spot.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable, Iterator

import merge3

RowsFor = Callable[[str, str, str], list[str]]  # (kind, old, new) -> table rows
REMOVED, ADDED = "#ffd7d5", "#d4f7d4"
REMOVED_WORD, ADDED_WORD = "#ff9e99", "#8fe08f"
HEADER = "#e8e8ff"
_WORDS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _mark_words(old: str, new: str) -> tuple[str, str]:
    """Both lines escaped, with the words that differ between them marked."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_part, new_part = html.escape("".join(a[i1:i2])), html.escape("".join(b[j1:j2]))
        if tag == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f'<span style="background-color:{REMOVED_WORD}">{old_part}</span>')
        if new_part:
            right.append(f'<span style="background-color:{ADDED_WORD}">{new_part}</span>')
    return "".join(left), "".join(right)


def _rows(before: str, after: str, context: int) -> Iterator[tuple[str, str, str]]:
    """(kind, old line html, new line html) rows; kind is equal/removed/added/changed/gap."""
    a, b = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        yield "gap", "", ""
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for line in a[i1:i2]:
                    yield "equal", html.escape(line), html.escape(line)
                continue
            old, new = a[i1:i2], b[j1:j2]
            for k in range(max(len(old), len(new))):
                if k < len(old) and k < len(new):
                    yield ("changed", *_mark_words(old[k], new[k]))
                elif k < len(old):
                    yield "removed", html.escape(old[k]), ""
                else:
                    yield "added", "", html.escape(new[k])


def _cell(text: str, colour: str) -> str:
    background = f' bgcolor="{colour}"' if colour else ""
    return f"<td{background}>{text or '&nbsp;'}</td>"


def _table(header: str, gap: str, rows_for: RowsFor, before: str, after: str, context: int,
           padding: int) -> str:
    """The shared walk over the differences; `rows_for(kind, old, new)` draws one line's
    rows in a layout, `gap` marks skipped unchanged lines."""
    rows, changes = [header], 0
    for kind, old, new in _rows(before, after, context):
        if kind == "gap":
            rows.append(gap)
            continue
        changes += kind != "equal"
        rows.extend(rows_for(kind, old, new))
    if not changes:
        return "<p>No differences.</p>"
    return (f'<table width="100%" cellspacing="0" cellpadding="{padding}" '
            'style="font-family:monospace; white-space:pre-wrap">' + "".join(rows) + "</table>")


def side_by_side_html(before: str, after: str, before_label: str, after_label: str,
                      context: int = 2) -> str:
    """Two columns, the older version left; only changed places with a little context."""
    def rows_for(kind: str, old: str, new: str) -> list[str]:
        return ["<tr>" + _cell(old, REMOVED if kind in ("removed", "changed") else "")
                + _cell(new, ADDED if kind in ("added", "changed") else "") + "</tr>"]

    header = (f'<tr><th bgcolor="{HEADER}">{html.escape(before_label)}</th>'
              f'<th bgcolor="{HEADER}">{html.escape(after_label)}</th></tr>')
    gap = '<tr><td colspan="2" bgcolor="#eeeeee">&middot;&middot;&middot;</td></tr>'
    return _table(header, gap, rows_for, before, after, context, padding=3)


def inline_html(before: str, after: str, before_label: str, after_label: str,
                context: int = 2) -> str:
    """One column: removed lines red, added lines green, changed words marked in both."""
    def rows_for(kind: str, old: str, new: str) -> list[str]:
        if kind == "equal":
            return [f"<tr>{_cell(old, '')}</tr>"]
        rows = []
        if kind in ("removed", "changed"):
            rows.append(f"<tr>{_cell('&minus; ' + old, REMOVED)}</tr>")
        if kind in ("added", "changed"):
            rows.append(f"<tr>{_cell('+ ' + new, ADDED)}</tr>")
        return rows

    header = (f'<tr><td bgcolor="{HEADER}">{html.escape(before_label)} &rarr; '
              f"{html.escape(after_label)}</td></tr>")
    gap = '<tr><td bgcolor="#eeeeee">&middot;&middot;&middot;</td></tr>'
    return _table(header, gap, rows_for, before, after, context, padding=2)


def merged_text(mine: str, theirs: str, base: str | None = None) -> tuple[str, int]:
    """Both versions in one text, and how many places conflict. With the version both
    started from (`base`), changes made on one side only are taken as they are (a 3-way
    merge, by merge3) and only places changed on both sides get markers; without it,
    every difference is marked, to resolve by hand."""
    def lines(text: str) -> list[str]:
        return (text if text.endswith("\n") or not text else text + "\n").splitlines(True)

    a, b = lines(mine), lines(theirs)
    if base is not None:
        merge = merge3.Merge3(lines(base), a, b)
        conflicts = sum(1 for group in merge.merge_groups() if group[0] == "conflict")
        return "".join(merge.merge_lines(name_a="mine", name_b="theirs")), conflicts
    out: list[str] = []
    conflicts = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag == "equal":
            out.extend(a[i1:i2])
            continue
        conflicts += 1
        out.append("<<<<<<< mine\n")
        out.extend(a[i1:i2])
        out.append("=======\n")
        out.extend(b[j1:j2])
        out.append(">>>>>>> theirs\n")
    return "".join(out), conflicts
