"""Markdown to plain text sections, for indexing and snippets.

Search matches words, not markup: link targets, emphasis markers, table pipes and HTML/MDX
tags would pollute the index and the snippets agents read. Sections follow headings so a
snippet can come from the part of the article that matches best.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

SECTION_SEP = "\x1e"  # between sections in the stored body
HEADING_SEP = "\x1f"  # between a section's heading and its text

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*)$")
_INTERNAL_MARK = re.compile(r"^\s*:::(\s*internal)?\s*$", re.IGNORECASE)
_MDX_LINE = re.compile(r"^\s*(import|export)\s.+$")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$")
# Possessive quantifiers: a long run of spaces cannot be retried between the pieces.
_TABLE_RULE = re.compile(
    r"^[ \t]*+\|?+[ \t]*+:?-{2,}+:?[ \t]*+(?:\|[ \t]*+:?-{2,}+:?[ \t]*+)*+\|?+[ \t]*+$")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
# Every pattern stops at the next character that would start another match ("[", "(",
# "<"), so a line of ten thousand "[" or "<" is one pass, not ten thousand: the old
# patterns took minutes on a few hundred kilobytes of such bytes.
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_REF_LINK = re.compile(r"\[([^\[\]]*)\]\[[^\[\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_TAG = re.compile(r"<[^<>\n]*>")
_MARKERS = re.compile(r"(\*\*|\*|~~|`|(?<!\w)_+|(?<!_)_++(?!\w))")
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class Section:
    heading: str
    text: str


def _inline(line: str) -> str:
    line = _CODE_SPAN.sub(lambda m: m.group(0).replace("<", "&lt;"), line)  # code is text
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _TAG.sub(" ", line)
    line = _MARKERS.sub("", line)
    line = line.replace("|", " ")
    return _SPACES.sub(" ", html.unescape(line)).strip()


def sections(markdown: str) -> list[Section]:
    """The article as (heading, plain text) sections; the lead section has heading ''."""
    result: list[Section] = []
    heading, lines = "", []
    in_fence = False
    for raw in markdown.splitlines():
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            lines.append(raw.replace("<", "&lt;"))  # code is text, not tags
            continue
        match = _HEADING.match(raw)
        if match:
            _flush(result, heading, lines)
            heading, lines = _inline(match.group(1).rstrip().rstrip("#")), []
            continue
        if _INTERNAL_MARK.match(raw) or _MDX_LINE.match(raw) or _REF_DEF.match(raw):
            continue
        if _TABLE_RULE.match(raw):
            continue
        if raw[:1] in "-*+>0123456789 \t":
            raw = _QUOTE.sub("", _LIST_MARK.sub("", raw))
        if raw.strip():
            lines.append(raw)
    _flush(result, heading, lines)
    return result


def _flush(result: list[Section], heading: str, lines: list[str]) -> None:
    text = _inline(" ".join(lines))
    if heading or text:
        result.append(Section(heading, text))


def pack(parts: list[Section]) -> str:
    """Sections as one string for a stored field (unpacked again by `unpack`)."""
    return SECTION_SEP.join(f"{s.heading}{HEADING_SEP}{s.text}" for s in parts)


def unpack(packed: str) -> list[Section]:
    result = []
    for chunk in packed.split(SECTION_SEP):
        heading, _, text = chunk.partition(HEADING_SEP)
        result.append(Section(heading, text))
    return result


def plain(markdown: str, title: str | None = None) -> str:
    """The article as plain text that keeps its structure when pasted into a chat or an
    email: the title, then blocks separated by blank lines; headings on their own line;
    numbered steps ("1. …") and bullets ("• …") one per line; table rows as cells joined
    by " | "; external links as "text (url)"; code blocks as they are. A first "# " heading
    that repeats `title` is left out. Give it public Markdown only (`public_body`)."""
    blocks = _PlainBlocks(_reference_urls(markdown)).read(markdown.split("\n"))
    if title is not None:
        if blocks and blocks[0].heading and blocks[0].text.casefold() == title.casefold():
            blocks = blocks[1:]
        blocks.insert(0, _Block(_SPACES.sub(" ", title).strip()))
    return "\n\n".join(b.text for b in blocks if b.text.strip()).strip()


# -- plain text for copying (`plain`) ----------------------------------------------------

_ORDERED = re.compile(r"^(\s*)(\d{1,9})[.)](?:\s+(.*))?$")
_BULLET = re.compile(r"^(\s*)[-*+](?:\s+(.*))?$")
_THEMATIC = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_CONTAINER = re.compile(r"^\s*:::")
_HTML_LINE = re.compile(r"^\s*</?[A-Za-z][^>]*>\s*$")
_REF_DEF_PARTS = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?([^\s>]+)>?")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
# As above, each pattern stops at the character that would start another match, so a
# hostile line (thousands of "[", "*", "`" or "<") is read in one pass.
_CODE = re.compile(r"(`+)([^`]+)\1")
_PLAIN_IMAGE = re.compile(r"!\[([^\[\]]*)\]\(([^()\s]*)(?:\s+\"[^\"\n]*\")?\)")
_PLAIN_LINK = re.compile(r"\[([^\[\]]*)\]\([ \t]*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
                         r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)")
_PLAIN_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[([^\[\]]*)\]")
_PLAIN_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+"
                             r"|[^<>\s@]+@(?:[^<>\s@.]+\.)+[^<>\s@.]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_EMPHASIS = [re.compile(p) for p in (r"\*\*(?=[^*\s])([^*]+?)(?<=\S)\*\*",
                                       r"(?<!\w)__(?=[^_\s])([^_]+?)(?<=\S)__(?!\w)",
                                       r"\*(?=[^*\s])([^*]+?)(?<=\S)\*",
                                       r"(?<!\w)_(?=[^_\s])([^_]+?)(?<=\S)_(?!\w)",
                                       r"~~(?=[^~\s])([^~]+?)(?<=\S)~~")]
_EXTERNAL = re.compile(r"^(?:https?:|ftp:|mailto:|www\.)", re.IGNORECASE)
_INDENT = "   "  # per nesting level of a list, in the copy


@dataclass
class _Block:
    text: str
    heading: bool = False


def _reference_urls(markdown: str) -> dict[str, str]:
    """`[label]: url` definitions, for reference-style links."""
    found: dict[str, str] = {}
    for line in markdown.split("\n"):
        match = _REF_DEF_PARTS.match(line)
        if match:
            found.setdefault(match.group(1).strip().casefold(), match.group(2))
    return found


def _link_text(text: str, url: str) -> str:
    """External links keep their address; links to other articles are just their text."""
    if not _EXTERNAL.match(url):
        return text
    shown = url[len("mailto:"):] if url.casefold().startswith("mailto:") else url
    return shown if not text.strip() or text.strip() == shown else f"{text} ({shown})"


def _plain_inline(line: str, refs: dict[str, str]) -> str:
    """One line of Markdown as the words it shows."""
    stash: list[str] = []

    def keep(text: str) -> str:
        stash.append(text)
        return f"\ue000{len(stash) - 1}\ue001"

    line = _ESCAPE.sub(lambda m: keep(m.group(1)), line)
    line = _CODE.sub(lambda m: keep(m.group(2).strip() or m.group(2)), line)
    line = _PLAIN_IMAGE.sub(lambda m: m.group(1), line)
    line = _PLAIN_LINK.sub(lambda m: keep(_link_text(_plain_inline(m.group(1), refs),
                                                     m.group(2))), line)
    line = _PLAIN_REF_LINK.sub(lambda m: keep(_link_text(
        _plain_inline(m.group(1), refs),
        refs.get((m.group(2) or m.group(1)).strip().casefold(), ""))), line)
    line = _PLAIN_AUTOLINK.sub(lambda m: keep(m.group(1).removeprefix("mailto:")), line)
    line = _HTML_TAG.sub("", line)
    for pattern in _EMPHASIS * 2:  # twice: emphasis inside emphasis (**a *b* c**)
        line = pattern.sub(r"\1", line)
    line = _SPACES.sub(" ", html.unescape(line)).strip()
    for _ in range(3):  # kept text may itself hold kept text (a code span in a link)
        if "\ue000" not in line:
            break
        line = _PLACEHOLDER.sub(
            lambda m: stash[int(m.group(1))] if int(m.group(1)) < len(stash)
            else m.group(0), line)
    return line


def _cells(row: str, refs: dict[str, str]) -> list[str]:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [_plain_inline(cell, refs) for cell in re.split(r"(?<!\\)\|", row)]


class _PlainBlocks:
    """Reads Markdown line by line into plain-text blocks (see `plain`)."""

    def __init__(self, refs: dict[str, str]) -> None:
        self.refs = refs
        self.blocks: list[_Block] = []
        self.paragraph: list[str] = []
        self.items: list[str] = []  # the list being read, one line per item
        self.numbers: list[tuple[int, int, bool]] = []  # (indent, next number, ordered)
        self.list_gap = False  # a blank line inside the list

    def read(self, lines: list[str]) -> list[_Block]:
        n = 0
        while n < len(lines):
            n = self._line(lines, n)
        self._end_paragraph()
        self._end_list()
        return self.blocks

    def _line(self, lines: list[str], n: int) -> int:
        raw = lines[n].rstrip("\r")
        if _FENCE.match(raw):
            return self._fence(lines, n)
        raw = _QUOTE.sub("", raw) if raw.lstrip().startswith(">") else raw
        if not raw.strip():
            self._end_paragraph()
            self.list_gap = bool(self.items)
            return n + 1
        if (_CONTAINER.match(raw) or _MDX_LINE.match(raw) or _REF_DEF.match(raw)
                or _HTML_LINE.match(raw)):
            return n + 1
        heading = _HEADING.match(raw)
        if heading:
            text = heading.group(1).rstrip().rstrip("#").rstrip()  # "## Steps ##"
            self._add(_plain_inline(text, self.refs), heading=True)
            return n + 1
        if self.paragraph and not self.items and _SETEXT.match(raw):
            text = " ".join(self.paragraph)
            self.paragraph = []
            self._add(_plain_inline(text, self.refs), heading=True)
            return n + 1
        if _THEMATIC.match(raw):
            self._end_paragraph()
            self._end_list()
            return n + 1
        if "|" in raw and n + 1 < len(lines) and _TABLE_RULE.match(lines[n + 1]):
            return self._table(lines, n)
        if self._list_item(raw):
            return n + 1
        if self.items and not self.list_gap or (self.items and raw[:1] in " \t"):
            self.items[-1] += " " + _plain_inline(raw, self.refs)  # the item goes on
            self.list_gap = False
            return n + 1
        self._end_list()
        self.paragraph.append(raw.strip() + ("\n" if raw.endswith(("  ", "\\")) else ""))
        return n + 1

    def _list_item(self, raw: str) -> bool:
        ordered = _ORDERED.match(raw)
        match = ordered or _BULLET.match(raw)
        if match is None:
            return False
        text = match.group(3 if ordered else 2) or ""
        if not self.items and self.paragraph and not text.strip():
            return False  # "-" under a paragraph: not an empty item
        self._end_paragraph()
        indent = len(match.group(1).expandtabs(4))
        while self.numbers and self.numbers[-1][0] > indent:
            self.numbers.pop()
        if self.numbers == [] or self.numbers[-1][0] < indent:
            self.numbers.append((indent, int(ordered.group(2)) if ordered else 0, bool(ordered)))
        elif self.numbers[-1][2] != bool(ordered) and len(self.numbers) == 1:
            self._end_list()  # bullets after steps (or steps after bullets): a new list
            self.numbers = [(indent, int(ordered.group(2)) if ordered else 0, bool(ordered))]
        level, number = len(self.numbers) - 1, self.numbers[-1][1]
        if ordered:
            self.numbers[-1] = (indent, number + 1, True)
        text = _plain_inline(text, self.refs)
        self.items.append(f"{_INDENT * level}{f'{number}.' if ordered else '•'} {text}")
        self.list_gap = False
        return True

    def _fence(self, lines: list[str], n: int) -> int:
        """A fenced code block, kept line for line (an unclosed one runs to the end)."""
        self._end_paragraph()
        self._end_list()
        marker = _FENCE.match(lines[n]).group(1)  # type: ignore[union-attr]
        code = []
        n += 1
        while n < len(lines) and not lines[n].strip().startswith(marker):
            code.append(lines[n].rstrip())
            n += 1
        if code:
            self.blocks.append(_Block("\n".join(code)))
        return n + 1

    def _table(self, lines: list[str], n: int) -> int:
        self._end_paragraph()
        self._end_list()
        rows = [" | ".join(_cells(lines[n], self.refs))]
        n += 2
        while n < len(lines) and "|" in lines[n] and lines[n].strip():
            rows.append(" | ".join(_cells(lines[n], self.refs)))
            n += 1
        self.blocks.append(_Block("\n".join(rows)))
        return n

    def _add(self, text: str, heading: bool = False) -> None:
        self._end_paragraph()
        self._end_list()
        if text:
            self.blocks.append(_Block(text, heading))

    def _end_paragraph(self) -> None:
        if self.paragraph:
            joined = " ".join(self.paragraph).replace("\n ", "\n")
            text = "\n".join(_plain_inline(part, self.refs) for part in joined.split("\n"))
            self.paragraph = []
            if text.strip():
                self.blocks.append(_Block(text.strip()))

    def _end_list(self) -> None:
        if self.items:
            self.blocks.append(_Block("\n".join(self.items)))
        self.items, self.numbers, self.list_gap = [], [], False
