"""`kb check`: every problem in an articles folder, for staff and for CI of a content repo.

Besides reading problems and broken links, it reports what the website export would
leave out or rename, with the export's own rules, so authors see it before publishing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kb_app.articles import Article, Problem, load_folder
from kb_app.export import ExportOptions, image_sources, is_exported, public_html
from kb_app.messages import translate
from kb_app.siteimages import check_image, image_problem
from kb_app.sitepaths import page_names
from kb_app.synonyms import load_synonyms

LINK = re.compile(r"!?\[[^\[\]]*\]\(\s*<?([^()\[\]\s<>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MAY_HAVE_IMAGE = re.compile(r"!\[|<img", re.IGNORECASE)


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
            try:
                parts = urlsplit(target)
            except ValueError:  # not an address (`http://[x`); the export drops it
                continue
            if parts.scheme or parts.netloc or not parts.path or target.startswith("#"):
                continue
            if not (base / unquote(parts.path)).exists():
                found.append((number, target))
    return found


def broken_links(article: Article, root: Path) -> list[Problem]:
    return [Problem.of(article.path, translate("Problems", "link to {target}: no such file").format(
                target=repr(target)), line, "warning")
            for line, target in missing_links(article.body, article.path, root,
                                              article.body_line)]


def image_problems(article: Article, root: Path) -> list[Problem]:
    """Images the website would leave out of a public article (a draft too, so it shows
    before publishing), by the rule the export uses. A missing image that is already a
    broken link is not reported twice."""
    if article.visibility != "public" or not _MAY_HAVE_IMAGE.search(article.body):
        return []
    broken = set(missing_links(article.body, article.path, root, article.body_line))
    found = []
    for src in dict.fromkeys(image_sources(public_html(article))):
        check = check_image(root, article.path, src)
        if not check.problem or not src:
            continue
        problem = image_problem(article, src, check)
        if not (check.missing and (problem.line, src) in broken):
            found.append(problem)
    return found


def page_problems(articles: list[Article]) -> list[Problem]:
    """Public articles whose ids give the same page name (one gets another name)."""
    return page_names(a for a in articles if is_exported(a, ExportOptions())).problems


def check_folder(root: Path) -> CheckReport:
    loaded = load_folder(root)
    problems = list(loaded.problems)
    for article in loaded.articles:
        problems.extend(broken_links(article, root))
        problems.extend(image_problems(article, root))
    problems.extend(page_problems(loaded.articles))
    problems.extend(load_synonyms(root).problems)
    problems.sort(key=lambda p: (p.path, p.line or 0))
    files = len(loaded.articles) + len({p.path for p in loaded.problems if p.severity == "error"})
    return CheckReport(files, loaded.articles, problems)
