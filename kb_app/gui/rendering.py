"""Articles turned into the pane's HTML, off the UI thread: the agent's pane reads them from
disk (`ArticleLoader`), the editor's preview from the text being typed (`preview`). Both
run on the task runner's pool or reader; the pane and the preview only show the result."""

from __future__ import annotations

import posixpath
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from kb_app.articles import Article, ArticleError, parse_article, read_article
from kb_app.render import render_article

RENDERED_KEPT = 64  # articles kept rendered (without highlights), most recent first
NEW_ARTICLE = "new.md"  # how an article with no path yet is rendered


@dataclass(frozen=True)
class Loaded:
    """An article as the pane shows it, before highlighting."""

    path: str
    stamp: tuple[int, int]  # the file's mtime and size when it was read
    article: Article
    html: str


class ArticleLoader:
    """Reads and renders articles for the pane, keeping the last few by file version:
    while the agent types, the top result is shown again and again with new highlights,
    and only those change. Thread-safe."""

    def __init__(self, articles_dir: Path) -> None:
        self.articles_dir = articles_dir
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, Loaded] = OrderedDict()

    def load(self, path: str) -> Loaded | None:
        """The article at `path`, rendered; None if the file is not there."""
        file = self.articles_dir / path
        try:
            st = file.stat()
        except FileNotFoundError:
            return None
        stamp = (st.st_mtime_ns, st.st_size)
        with self._lock:
            kept = self._kept.get(path)
            if kept is not None and kept.stamp == stamp:
                self._kept.move_to_end(path)
                return kept
        article, _ = read_article(file, self.articles_dir)
        loaded = Loaded(path, stamp, article, render_article(article, self.articles_dir).html)
        with self._lock:
            self._kept[path] = loaded
            while len(self._kept) > RENDERED_KEPT:
                self._kept.popitem(last=False)
        return loaded

    def quietly(self, path: str | None) -> Loaded | None:
        """`load`, for a search's top result: a failure is left for the pane to show."""
        try:
            return self.load(path) if path else None
        except Exception:  # noqa: BLE001 - the pane reads it again and says why
            return None


def preview(articles_dir: Path, text: str, path: str | None) -> tuple[Article, str]:
    """The article an editor's text makes, rendered as agents will see it (an unreadable
    draft still previews, as its text)."""
    rel = path or NEW_ARTICLE
    stem = posixpath.basename(rel).removesuffix(".md")
    try:
        article, _ = parse_article(text, rel, rel.removesuffix(".md"), stem)
    except ArticleError:
        article = Article(id=rel.removesuffix(".md"), path=rel, title="", body=text)
    return article, render_article(article, articles_dir).html


__all__ = ["ArticleLoader", "Loaded", "preview"]
