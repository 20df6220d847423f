"""Markdown to HTML for the app's article pane, with the query's words highlighted.

The pane is Qt's rich-text browser, which understands a subset of HTML: boxes are one-cell
tables, links between articles use the `kb-article:` scheme so the app can open them
itself, and images point at files on disk.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import markdown

from kb_app.articles import Article
from kb_app.internal_blocks import segments
from kb_app.snippets import Matcher

ARTICLE_SCHEME = "kb-article"
HIT_COLOUR = "#ffe066"  # background of highlighted words; the pane finds the first by it
EXTENSIONS = ["tables", "fenced_code", "sane_lists"]

_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_HREF = re.compile(r'(\s(?:href|src))="([^"]*)"')


@dataclass
class Rendered:
    html: str
    hits: int  # highlighted words


def markdown_to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS, output_format="html")


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
    for n, segment in enumerate(segments(article.body)[0]):
        text = _drop_title_heading(segment.text, article.title) if n == 0 else segment.text
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
