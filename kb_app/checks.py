"""`kb check`: every problem in an articles folder, for staff and for CI of a content repo."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kb_app.articles import Article, Problem, load_folder
from kb_app.synonyms import load_synonyms

LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


@dataclass
class CheckReport:
    files: int
    articles: list[Article]
    problems: list[Problem]


def missing_links(body: str, article_path: str, root: Path,
                  first_line: int = 1) -> list[tuple[int, str]]:
    """(line, target) for relative links and images to files that do not exist."""
    found = []
    base = (root / article_path).parent
    for number, line in enumerate(body.split("\n"), start=first_line):
        for match in LINK.finditer(line):
            target = match.group(1)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path or target.startswith("#"):
                continue
            if not (base / unquote(parts.path)).exists():
                found.append((number, target))
    return found


def broken_links(article: Article, root: Path) -> list[Problem]:
    return [Problem(article.path, f"link to {target!r}: no such file", line, "warning")
            for line, target in missing_links(article.body, article.path, root,
                                              article.body_line)]


def check_folder(root: Path) -> CheckReport:
    loaded = load_folder(root)
    problems = list(loaded.problems)
    for article in loaded.articles:
        problems.extend(broken_links(article, root))
    problems.extend(load_synonyms(root).problems)
    problems.sort(key=lambda p: (p.path, p.line or 0))
    files = len(loaded.articles) + len({p.path for p in loaded.problems if p.severity == "error"})
    return CheckReport(files, loaded.articles, problems)
