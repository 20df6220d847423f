"""Markdown to HTML for the app's article pane, with the query's words highlighted.

The pane is Qt's rich-text browser, which understands a subset of HTML: boxes are one-cell
tables, links between articles use the `kb-article:` scheme so the app can open them
itself, and images point at files on disk.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import markdown

from kb_app.articles import MAX_SHOWN_CHARS, Article
from kb_app.internal_blocks import segments
from kb_app.snippets import Matcher

ARTICLE_SCHEME = "kb-article"
HIT_COLOUR = "#ffe066"  # background of highlighted words; the pane finds the first by it
EXTENSIONS = ["tables", "fenced_code", "sane_lists"]

MAX_RENDERED_CHARS = MAX_SHOWN_CHARS
MAX_PARAGRAPH_CHARS = 5_000
MAX_OPENERS = 32  # `[` or `<` in one paragraph before they are shown as text
CUT_NOTE = ('<p class="too-long"><em>This article is too long to show in full: open it in '
            "the editor to read the rest.</em></p>")

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})(.*)$")
MAX_FENCE_LOOKS = 1_000  # closing fences tried for one opening fence (else not code)
_FENCE_START = re.compile(r"^([ \t]{0,3})([`~])")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_HREF = re.compile(r'(\s(?:href|src))="([^"]*)"')


@dataclass
class Rendered:
    html: str
    hits: int  # highlighted words


def markdown_to_html(text: str) -> str:
    """HTML for Markdown, in bounded time whatever the text (see `bounded`)."""
    text, cut = bounded(text)
    html_text = markdown.markdown(text, extensions=EXTENSIONS, output_format="html")
    return html_text + (CUT_NOTE if cut else "")


def bounded(text: str) -> tuple[str, bool]:
    """The text as Markdown is given it, and whether anything was cut.

    Python-Markdown's inline pass costs time that grows with a paragraph's length times
    its inline elements, and its link and HTML scans restart at every `[` and `<` (a
    1.2 MB paragraph of code spans took 46 s, 5,000 `[` in a row 2.3 s). So: at most
    MAX_RENDERED_CHARS are rendered (cut at a line end), no paragraph is longer than
    MAX_PARAGRAPH_CHARS, and a paragraph with more than MAX_OPENERS `[` or `<` shows
    them as text. Help articles are a few kilobytes with a few links a paragraph: only a
    mistake or an attack reaches any of these limits.
    """
    cut = len(text) > MAX_RENDERED_CHARS
    if cut:
        end = text.rfind("\n", 0, MAX_RENDERED_CHARS)
        text = text[: end if end > 0 else MAX_RENDERED_CHARS]
    if (len(text) <= MAX_PARAGRAPH_CHARS and text.count("[") <= MAX_OPENERS
            and text.count("<") <= MAX_OPENERS):
        return text, cut
    return "\n".join(_tame_paragraphs(text.split("\n"))), cut


def _tame_paragraphs(lines: list[str]) -> list[str]:
    out: list[str] = []
    paragraph: list[str] = []
    length = 0
    fenced = _fenced(lines)
    for n, line in enumerate(lines):
        if n in fenced or not line.strip():
            out.extend(_defused(paragraph) + [line])
            paragraph, length = [], 0
            continue
        if _FENCE.match(line):  # opens no code: shown as typed, and fenced_code's search
            line = _FENCE_START.sub(r"\1\\\2", line)  # for its end is not made at all
        for piece in _pieces(line):
            if paragraph and (not piece or length + len(piece) > MAX_PARAGRAPH_CHARS):
                out.extend(_defused(paragraph) + [""])
                paragraph, length = [], 0
            if piece:
                paragraph.append(piece)
                length += len(piece) + 1
    return out + _defused(paragraph)


def _fenced(lines: list[str]) -> set[int]:
    """The lines of fenced code blocks as `fenced_code` reads them: an opening fence of
    three or more backticks (no backtick after it) or tildes, closed by a fence of the
    same character at least as long with nothing after it. A line that only starts with
    three backticks (inline code, "```x``` is code") or a fence never closed opens no
    code: it once switched these limits off for the rest of the article, and 40,000 `[`
    after it took minutes to render."""
    closers: dict[str, list[tuple[int, int]]] = {"`": [], "~": []}
    opens: list[tuple[int, str, int]] = []
    for n, line in enumerate(lines):
        match = _FENCE.match(line)
        if match is None:
            continue
        fence, rest = match.groups()
        if not rest.strip():
            closers[fence[0]].append((n, len(fence)))
        if fence[0] == "~" or "`" not in rest:
            opens.append((n, fence[0], len(fence)))
    inside: set[int] = set()
    after = -1
    for start, char, size in opens:
        if start <= after:
            continue  # inside the block before
        candidates = closers[char]
        first = bisect.bisect_right(candidates, (start, 1 << 30))
        for end, length in candidates[first:first + MAX_FENCE_LOOKS]:
            if length >= size:
                inside.update(range(start, end + 1))
                after = end
                break
    return inside


def _defused(paragraph: list[str]) -> list[str]:
    """A paragraph's lines, with `[` and `<` made text where there are too many."""
    text = "\n".join(paragraph)
    if text.count("[") > MAX_OPENERS:
        text = text.replace("[", "&#91;")
    if text.count("<") > MAX_OPENERS:
        text = text.replace("<", "&lt;")
    return text.split("\n") if paragraph else []


def _pieces(line: str) -> list[str]:
    """A line cut at spaces into parts of at most MAX_PARAGRAPH_CHARS (anywhere, if it has
    no space), with "" between parts: each part goes in a paragraph of its own."""
    pieces = []
    while len(line) > MAX_PARAGRAPH_CHARS:
        at = line.rfind(" ", 0, MAX_PARAGRAPH_CHARS)
        at = at if at > 0 else MAX_PARAGRAPH_CHARS
        pieces.extend([line[:at], ""])
        line = line[at:].lstrip(" ")
    pieces.append(line)
    return pieces


def article_link_target(href: str, article_path: str) -> str | None:
    """The articles-folder path a relative link points at, or None if it is external."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = posixpath.dirname(article_path)
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    return None if target.startswith("../") or target == ".." else target


def _rewrite_links(body: str, article_path: str, root: Path) -> str:
    def replace(match: re.Match[str]) -> str:
        attr, href = match.group(1), html.unescape(match.group(2))
        target = article_link_target(href, article_path)
        if target is None:
            return match.group(0)
        if attr.strip() == "href" and target.endswith(".md"):
            fragment = urlsplit(href).fragment
            url = f"{ARTICLE_SCHEME}:{quote(target)}" + (f"#{fragment}" if fragment else "")
        else:
            url = (root / target).resolve().as_uri()
        return f'{attr}="{html.escape(url)}"'

    return _HREF.sub(replace, body)


def highlight(body: str, matcher: Matcher | None) -> Rendered:
    """Wrap matched words in text (never inside tags) with <span class="hit">."""
    if matcher is None:
        return Rendered(body, 0)
    out: list[str] = []
    hits = 0
    for part in _TAG_OR_TEXT.split(body):
        if not part or part.startswith("<"):
            out.append(part)
            continue
        text = html.unescape(part)
        spans = matcher.spans(text)
        if not spans:
            out.append(part)
            continue
        pos = 0
        for start, end in spans:
            out.append(html.escape(text[pos:start], quote=False))
            out.append(f'<span class="hit">{html.escape(text[start:end], quote=False)}</span>')
            hits += 1
            pos = end
        out.append(html.escape(text[pos:], quote=False))
    return Rendered("".join(out), hits)


def render_article(article: Article, root: Path, matcher: Matcher | None = None) -> Rendered:
    """The article pane: quick answer box, then the body with internal blocks marked."""
    parts: list[str] = []
    if article.summary:
        parts.append(
            '<table class="summary" width="100%" cellpadding="10" cellspacing="0"><tr><td>'
            '<p class="label">QUICK ANSWER</p>'
            f"<p>{html.escape(article.summary)}</p></td></tr></table>"
        )
    budget = MAX_RENDERED_CHARS  # shared by all the runs: many tiny blocks cost too
    for n, segment in enumerate(segments(article.body)[0]):
        if budget <= 0:
            parts.append(CUT_NOTE)
            break
        text = _drop_title_heading(segment.text, article.title) if n == 0 else segment.text
        text, budget = text[:budget], budget - len(text) - 200
        body = _rewrite_links(markdown_to_html(text), article.path, root)
        if segment.internal:
            parts.append(
                '<table class="internal" width="100%" cellpadding="10" cellspacing="0">'
                '<tr><td><p class="label">INTERNAL — AGENTS ONLY</p>'
                f"{body}</td></tr></table>"
            )
        else:
            parts.append(body)
    return highlight("\n".join(parts), matcher)


def _drop_title_heading(text: str, title: str) -> str:
    """The pane shows the title above the body; a leading `# Title` would repeat it."""
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    if first.startswith("# ") and first[2:].strip().strip("#").strip() == title.strip():
        return rest
    return text
