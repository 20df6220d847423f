"""`::: internal` blocks: notes for agents that must never leave the app.

Which `:::` lines are markers is decided with the Markdown parser that renders the
article, not by guessing at fences line by line: a line-by-line toggle is fooled by inline
code that starts with three backticks, by a four-backtick fence holding a three-backtick
line, by indented code and by quoted blocks. Here every line that looks like a marker
(also inside a quote or a list item) is tagged, the body is rendered, and a tagged line
is a marker unless the parser put it inside code. Code is the only place where a marker
is shown as text; anywhere else (paragraphs, raw HTML, comments, quotes) it counts.
When in doubt nothing leaks: an unclosed block is internal to the end of the article.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import markdown

from kb_app.messages import Message, translate

# What the renderer uses (kb_app.render.EXTENSIONS): the decision must match the output.
PARSER_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]

# Any space but a line end, a no-break space too: `:::\u00a0internal` looks the same on
# screen (Option-Space on a Mac) and was once published whole.
_SPACE = r"[^\S\n]"
_PREFIX = rf"^(?:{_SPACE}*(?:>|[-*+]{_SPACE}|\d{{1,9}}[.)]{_SPACE}))*{_SPACE}*"
_OPEN = re.compile(_PREFIX + rf":{{3,}}{_SPACE}*internal\b.*$", re.IGNORECASE)
_CLOSE = re.compile(_PREFIX + rf":{{3,}}{_SPACE}*$")
# Another container opened inside an internal block (`::: warning`): its `:::` closes it,
# not the internal block (which once ended there, and published the rest).
_OTHER_OPEN = re.compile(_PREFIX + rf":{{3,}}{_SPACE}*\S.*$")
_MAYBE_CODE = re.compile(r"`|~~~|^(?: {4}|\t)|<", re.MULTILINE)
MAX_PARSED_CHARS = 256 * 1024
MAX_PASSES = 8  # public parts split again after their blocks were taken out
MAX_PARAGRAPH_CHARS = 20_000
_TAG = "gyanmarker{}x"
_TAG_FOUND = re.compile(r"gyanmarker(\d+)x")


@dataclass(frozen=True)
class Segment:
    """A run of the body that is either public or inside an `::: internal` block."""

    text: str
    internal: bool
    line: int  # body line where the segment starts


def segments(body: str) -> tuple[list[Segment], list[tuple[Message, int]]]:
    """The body cut into public and internal runs, in order, and problems as
    (message, body line). Marker lines belong to neither run."""
    lines = body.split("\n")
    markers = _marker_lines(lines)
    result: list[Segment] = []
    current: list[str] = []
    internal, started, depth = False, 1, 0
    for number, line in enumerate(lines, start=1):
        kind = markers.get(number - 1)
        if internal and kind in ("open", "other"):
            depth += 1  # a container inside the block: its close is not the block's
            kind = None
        elif internal and kind == "close" and depth:
            depth -= 1
            kind = None
        if kind is None or kind == "other" or kind == ("close" if not internal else "open"):
            current.append(line)
            continue
        if current or internal:
            result.append(Segment("\n".join(current), internal, started))
        current, internal, started = [], not internal, number + 1
    if current or internal:
        result.append(Segment("\n".join(current), internal, started))
    problems = []
    if internal:
        problems.append((translate("Problems", "'::: internal' block is never closed with "
                                   "':::'; the rest of the article is treated as internal"),
                         started - 1))
    return result, problems


def split_internal(body: str) -> tuple[str, list[str], list[tuple[Message, int]]]:
    """(public Markdown, internal blocks, problems as (message, body line)).

    Taking a block out joins what stood around it, and the parser may then read the rest
    otherwise: an HTML comment opened before the block now runs on to a later `-->`,
    past a fence that hid a marker. So the public part is split again until nothing in
    it is a marker; what a later pass finds is internal too (every pass removes lines,
    so this ends). After MAX_PASSES nothing is published: when in doubt nothing leaks."""
    parts, problems = segments(body)
    public = "\n".join(p.text for p in parts if not p.internal)
    blocks = [p.text for p in parts if p.internal]
    for _ in range(MAX_PASSES):
        parts, more = segments(public)
        found = [p.text for p in parts if p.internal]
        if not found:
            return public, blocks, problems
        blocks += found
        problems += more
        public = "\n".join(p.text for p in parts if not p.internal)
    return "", blocks + [public], problems + [(translate(
        "Problems", "'::: internal' blocks are nested too deep to be sure what is public; the "
        "whole article is treated as internal"), 1)]


def _marker_lines(lines: list[str]) -> dict[int, str]:
    """Line index -> "open", "close" or "other" (another container's opening) for the
    lines that are block markers."""
    candidates: dict[int, str] = {}
    for n, line in enumerate(lines):
        if ":::" not in line:
            continue
        if _OPEN.match(line):
            candidates[n] = "open"
        elif _CLOSE.match(line):
            candidates[n] = "close"
        elif _OTHER_OPEN.match(line):
            candidates[n] = "other"
    if "open" not in candidates.values():
        # A close line outside a block is text, whatever the parser makes of it (many
        # articles end admonitions with `:::`): the parse is needed only to know
        # whether an opening line is a marker.
        return {}
    in_code = _lines_in_code(lines, candidates)
    return {n: kind for n, kind in candidates.items() if n not in in_code}


def _lines_in_code(lines: list[str], candidates: dict[int, str]) -> set[int]:
    """Which candidate lines the Markdown parser renders inside code.

    Python-Markdown's inline pass costs time that grows with a paragraph's length times
    its inline elements: a body too big to parse quickly is not parsed, and then every
    candidate counts as a marker (it hides a little more, never less).
    """
    text = "\n".join(lines)
    if not _MAYBE_CODE.search(text) or _too_costly(lines):
        return set()  # nothing can be code, or not worth the risk of hanging
    tagged = list(lines)
    for n in candidates:
        tagged[n] = f"{tagged[n]} {_TAG.format(n)}"
    rendered = _code_parser().reset().convert("\n".join(tagged))
    finder = _CodeTagFinder()
    finder.feed(rendered)
    finder.close()
    return finder.found


def _too_costly(lines: list[str]) -> bool:
    if sum(len(line) + 1 for line in lines) > MAX_PARSED_CHARS:
        return True
    paragraph = 0
    for line in lines:
        paragraph = paragraph + len(line) + 1 if line.strip() else 0
        if paragraph > MAX_PARAGRAPH_CHARS:
            return True
    return False


_PARSERS = threading.local()  # one parser per thread: making one costs about 2 ms
# Code spans, escapes and inline HTML make code; links and images take their titles and
# addresses out of the text, where a `<code>` is an attribute's text, not a tag (read as
# a tag, it once made every later marker "code", and an internal block was published).
_CODE_PATTERNS = ("backtick", "escape", "html", "reference", "link", "image_link",
                  "image_reference", "short_reference", "short_image_ref", "autolink",
                  "automail")


def _code_parser() -> markdown.Markdown:
    """The renderer's parser with only the inline patterns that can make code: code spans,
    escaped backticks and inline HTML (`<code>`). The rest cannot change what is code."""
    md: markdown.Markdown | None = getattr(_PARSERS, "md", None)
    if md is not None:
        return md
    md = _PARSERS.md = markdown.Markdown(extensions=PARSER_EXTENSIONS)
    registry: Any = md.inlinePatterns  # its names are only listed privately (`_priority`)
    for name in [p.name for p in registry._priority]:
        if name not in _CODE_PATTERNS:
            md.inlinePatterns.deregister(name)
    return md


class _CodeTagFinder(HTMLParser):
    """Collects the tags that appear as text inside a <code> or <pre> that is closed: an
    unclosed one (a stray `<code>` in prose) makes no marker code, so when in doubt the
    block stays internal."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[set[int]] = []  # per open code element, the tags seen in it
        self.found: set[int] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("code", "pre"):
            self.open.append(set())

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre") and self.open:
            seen = self.open.pop()
            if self.open:
                self.open[-1] |= seen
            else:
                self.found |= seen

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1].update(int(m) for m in _TAG_FOUND.findall(data))
