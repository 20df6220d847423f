"""The public FAQ website and JSON export: only published, public articles leave the app.

This module is a security boundary. What is exported is decided in one place
(`is_exported`); article HTML is built from the body without `::: internal` blocks,
sanitised with nh3 (Ammonia), and links to anything not exported lose their link. Staff
fields (owner, review_by) are never handed to the templates. Around it:

- `sitepaths`: page names from ids are safe relative paths under `articles/`, unique;
- `siteimages`: the one rule for which image files may be copied into the site;
- `siteout`: the output folder; only files the export can prove it wrote are replaced or
  deleted, and every write is proven to stay inside it (`ExportRefused` otherwise);
- `leakguard`: a second check that no internal block text is in what is published;
- `sitefiles`: the templates, FAQ JSON-LD, search index and sitemap (JSON safe in HTML).

`build_site` runs fixed steps, like a static site generator: gather, guard, link, render,
write. Output is deterministic: the same articles give the same bytes.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import nh3

from kb_app.articles import PUBLIC_RECORD_KEYS, Article, Problem, article_record, load_folder
from kb_app.fileio import atomic_write_text
from kb_app.leakguard import Text, internal_lines, leaked, withheld_paths, withheld_problem
from kb_app.messages import reason, translate
from kb_app.render import article_link_target, markdown_to_html
from kb_app.sitefiles import (
    INDEX_START,
    ExportOptions,
    Page,
    environment,
    faq_pages,
    relative,
    render_files,
)
from kb_app.siteimages import ImageCheck, check_image, image_problem, load_image
from kb_app.siteout import ExportRefused, SiteFolder, refuse_unsafe_file
from kb_app.sitepaths import page_names

__all__ = ["ExportOptions", "ExportRefused", "ExportReport", "build_site", "export_json",
           "is_exported"]

URL_SCHEMES = {"http", "https", "mailto"}
_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE)
_IMG = re.compile(r"<img\b([^>]*?)/?>", re.IGNORECASE)
_ATTR = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')
Progress = Callable[[int, int], None]


@dataclass
class ExportReport:
    out: Path
    articles: int = 0
    files: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # reading and exporting
    export_problems: list[Problem] = field(default_factory=list)  # what the export left out
    withheld: list[str] = field(default_factory=list)  # articles held back: internal text


def is_exported(article: Article, options: ExportOptions) -> bool:
    """The one rule for what may leave the app."""
    if article.status != "published" or article.visibility != "public":
        return False
    if options.product and article.product.casefold() != options.product.casefold():
        return False
    return not (options.language and article.language != options.language.lower())


def sanitise(fragment: str, allowed: set[str] | None = None) -> str:
    """nh3 with the URL schemes a help page needs. With `allowed`, an image or link address
    survives only if the linker produced it (or it is a web address or `#fragment`): a
    check by a real HTML parser that nothing the linker did not vet reaches the page."""
    if allowed is None:
        return nh3.clean(fragment, url_schemes=URL_SCHEMES, link_rel=None)

    def keep(tag: str, attr: str, value: str) -> str | None:
        if attr not in ("src", "href") or value in allowed:
            return value
        try:
            scheme = urlsplit(value).scheme.lower()
        except ValueError:
            return None
        if scheme in ("http", "https") or (attr == "href" and (
                scheme == "mailto" or value.startswith("#"))):
            return value
        return None

    return nh3.clean(fragment, url_schemes=URL_SCHEMES, link_rel=None, attribute_filter=keep)


class Linker:
    """Rewrites links and images in one page: exported articles get their page's URL,
    images that pass `check_image` are copied into the site, anything else loses its link
    (or image) but keeps its text (or alt text), and image problems are reported."""

    def __init__(self, root: Path, pages_by_path: dict[str, Page]) -> None:
        self.root = root
        self.pages_by_path = pages_by_path
        self.assets: dict[str, tuple[ImageCheck, Article]] = {}  # site path -> image, user
        self.problems: list[Problem] = []
        self._allowed: set[str] = set()

    def rewrite(self, body: str, page: Page) -> str:
        self._allowed = set()
        body = _ANCHOR.sub(lambda m: self._anchor(m, page), body)
        return sanitise(_IMG.sub(lambda m: self._image(m, page), body), self._allowed)

    def _anchor(self, match: re.Match[str], page: Page) -> str:
        attrs = dict(_ATTR.findall(match.group(1)))
        text = match.group(2)
        href = html.unescape(attrs.get("href", ""))
        try:
            parts = urlsplit(href)
        except ValueError:  # not an address at all (`http://[x`): the words stay
            return text
        if parts.scheme in URL_SCHEMES or (not parts.path and parts.fragment):
            return match.group(0)
        target = article_link_target(href, page.article.path)
        linked = self.pages_by_path.get(target or "")
        if linked is None:
            return text  # not exported: the words stay, the link goes
        url = relative(page.url, linked.url) + (f"#{parts.fragment}" if parts.fragment else "")
        self._allowed.add(url)
        return f'<a href="{html.escape(url)}">{text}</a>'

    def _image(self, match: re.Match[str], page: Page) -> str:
        attrs = dict(_ATTR.findall(match.group(1)))
        src = html.unescape(attrs.get("src", ""))
        alt = attrs.get("alt", "")
        check = check_image(self.root, page.article.path, src)
        if check.external:
            return match.group(0)
        if not check.published:
            if src:
                self.problems.append(image_problem(page.article, src, check))
            return alt  # left out: keep its description
        site_path = f"assets/{check.target}"
        self.assets.setdefault(site_path, (check, page.article))
        url = relative(page.url, quote(site_path))
        self._allowed.add(url)
        return f'<img src="{html.escape(url)}" alt="{alt}">'


def image_sources(fragment: str) -> list[str]:
    """The address of every image in sanitised HTML, as the linker reads them."""
    return [html.unescape(dict(_ATTR.findall(m.group(1))).get("src", ""))
            for m in _IMG.finditer(fragment)]


def public_html(article: Article) -> str:
    """The article's public body as sanitised HTML, before links are rewritten."""
    return sanitise(markdown_to_html(_without_title(article.public_body, article.title)))


def gather(root: Path, options: ExportOptions) -> tuple[list[Page], list[Problem]]:
    loaded = load_folder(root)
    exported = [a for a in loaded.articles if is_exported(a, options)]
    names = page_names(exported)
    pages = [Page(a, names.urls[a.path], internal=internal_lines(a)) for a in exported]
    pages.sort(key=lambda p: (p.article.product.casefold(), p.article.title.casefold(), p.url))
    return pages, loaded.problems + names.problems


def render_bodies(root: Path, pages: list[Page]) -> tuple[list[Page], Linker, list[Problem]]:
    """(pages that pass the internal-text guard, with their final HTML; the linker with
    the images to copy and their problems; the withheld articles' errors). Withheld pages
    are dropped before links are made, so no other page links to them."""
    for page in pages:
        page.body = public_html(page.article)
    pages, withheld = withhold_leaks(pages)
    linker = Linker(root, {p.article.path: p for p in pages})
    for page in pages:
        page.body = linker.rewrite(page.body, page)
    linker.problems = list(dict.fromkeys(linker.problems))
    return pages, linker, withheld


def withhold_leaks(pages: list[Page]) -> tuple[list[Page], list[Problem]]:
    """The second guard on everything an article's outputs are made of: title, summary,
    product, tags and rendered body. An article whose public text holds a line of its
    own internal blocks is withheld whole, with an error naming its file and lines."""
    kept, problems = [], []
    for page in pages:
        lines = page.internal and leaked(page.internal, Text(_fields(page)))
        if lines:
            problems.append(withheld_problem(page.article.path, lines, "its public text"))
        else:
            kept.append(page)
    return kept, problems


def _fields(page: Page) -> list[str]:
    a = page.article
    return [a.title, a.summary, a.product, " ".join(a.tags), page.body]


def _without_title(markdown: str, title: str) -> str:
    lines = markdown.lstrip("\n").split("\n", 1)
    if lines[0].startswith("# ") and lines[0][2:].strip() == title.strip():
        return lines[1] if len(lines) > 1 else ""
    return markdown


def build_site(root: Path, out: Path, options: ExportOptions | None = None,
               progress: Progress | None = None) -> ExportReport:
    """Write the public website into `out`.

    An unsafe or foreign output folder is refused (ExportRefused) before anything is
    read or written. An article whose output would contain text of its internal blocks
    is withheld: nothing of it is written, not even a link or an index entry, every other
    page is (one bad file does not take the help centre down), and it is listed in
    `withheld` with an error, so `kb export site` fails with exit code 3 and names it."""
    options = options or ExportOptions()
    folder = SiteFolder.open(Path(out), root)
    pages, loaded = gather(root, options)
    withheld: list[Problem] = []
    while True:  # again without any article the check of the rendered files withholds
        pages, linker, held = render_bodies(root, pages)
        files = render_files(pages, options, environment())
        late = _check_outputs(files, pages)
        withheld += held + late
        if not late:
            break
        dropped = set(withheld_paths(late))
        pages = [p for p in pages if p.article.path not in dropped]
    found = withheld + linker.problems + _load_assets(linker, files)
    published = folder.publish(files, progress)
    found += published.problems
    return ExportReport(folder.root, len(pages), published.written, published.removed,
                        loaded + found, found, withheld_paths(found))


def _check_outputs(files: dict[str, bytes], pages: list[Page]) -> list[Problem]:
    """The guard again on the files as rendered, in case a template or the index shows
    more than the checked fields: each article page against its article; each FAQ page
    and the search index's documents against their articles, except for text their
    titles, summaries and products show. (The index's word list holds single words in
    sorted order, built from the checked bodies.)"""
    problems = []
    for page in (p for p in pages if p.internal):
        lines = leaked(page.internal, Text([files[page.url].decode("utf-8")]))
        if lines:
            problems.append(withheld_problem(page.article.path, lines, page.url))
    shared = [(faq["url"], faq["pages"], [files[faq["url"]].decode("utf-8")])
              for faq in faq_pages(pages)]
    index = json.loads(files["search-index.js"].decode("utf-8")[len(INDEX_START):-2])
    shared.append(("search-index.js", pages, [str(v) for doc in index["docs"] for v in doc]))
    for name, members, texts in shared:
        if not any(p.internal for p in members):
            continue
        published = Text(texts)
        exempt = Text(t for p in members for t in (p.article.title, p.article.summary,
                                                   p.article.product, p.url))
        for page in members:
            lines = leaked(page.internal, published, exempt)
            if lines:
                problems.append(withheld_problem(page.article.path, lines, name))
    return problems


def _load_assets(linker: Linker, files: dict[str, bytes]) -> list[Problem]:
    problems = []
    for site_path, (check, article) in sorted(linker.assets.items()):
        try:
            files[site_path] = load_image(check)
        except ValueError as exc:
            problems.append(Problem.of(article.path, translate(
                "Export", "image {src} {problem}; the website leaves it out").format(
                    src=repr(check.target), problem=reason(exc)), severity="warning"))
    return problems


def export_json(root: Path, out_file: Path, options: ExportOptions | None = None
                ) -> ExportReport:
    """The same public content as one JSON document, for import into a CMS; the same
    guards, and a record that would hold internal text is left out and reported."""
    options = options or ExportOptions()
    out_file = refuse_unsafe_file(out_file, root)
    pages, loaded = gather(root, options)
    pages, linker, found = render_bodies(root, pages)
    found += linker.problems
    records = []
    for p in pages:
        record = {**article_record(p.article, PUBLIC_RECORD_KEYS), "html": p.body}
        lines = p.internal and leaked(p.internal, Text(
            [*(v for v in record.values() if isinstance(v, str)), *p.article.tags]))
        if lines:
            found.append(withheld_problem(p.article.path, lines, "its JSON record"))
        else:
            records.append(record)
    atomic_write_text(out_file, json.dumps({"articles": records}, ensure_ascii=False,
                                           indent=2, sort_keys=True) + "\n")
    return ExportReport(out_file, len(records), [out_file.name], [], loaded + found, found,
                        withheld_paths(found))
