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
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_INTERNAL_MARK = re.compile(r"^\s*:::(\s*internal)?\s*$", re.IGNORECASE)
_MDX_LINE = re.compile(r"^\s*(import|export)\s.+$")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_TAG = re.compile(r"<[^>\n]*>")
_MARKERS = re.compile(r"(\*\*|\*|~~|`|(?<!\w)_+|_+(?!\w))")
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
            heading, lines = _inline(match.group(1)), []
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


def plain(markdown: str) -> str:
    """The whole article as one plain-text string (for copying and previews)."""
    return "\n\n".join(
        f"{s.heading}\n{s.text}".strip() for s in sections(markdown)
    )
