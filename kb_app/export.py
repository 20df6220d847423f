"""The public FAQ website and JSON export: only published, public articles leave the app.

This module is a security boundary. What is exported is decided in one place
(`is_exported`); article HTML is built from the body without `::: internal` blocks,
sanitised with nh3 (Ammonia), and links to anything not exported lose their link. Staff
fields (owner, review_by) are never handed to the templates.

`build_site` runs fixed steps, like a static site generator: gather, link, render, write.
Output is deterministic: the same articles give the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import nh3
from jinja2 import Environment, PackageLoader, select_autoescape

from kb_app import bengali
from kb_app.analysis import words
from kb_app.articles import Article, Problem, load_folder
from kb_app.fileio import atomic_write_bytes, atomic_write_text
from kb_app.render import article_link_target, markdown_to_html

URL_SCHEMES = {"http", "https", "mailto"}
MANIFEST = ".gyan-export.json"  # what the last export wrote, so a re-export can clean up
_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE)
_IMG = re.compile(r"<img\b([^>]*?)/?>", re.IGNORECASE)
_ATTR = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')
_SLUG = re.compile(r"[^A-Za-z0-9._/-]+")

Progress = Callable[[int, int], None]


@dataclass
class ExportOptions:
    product: str | None = None
    language: str | None = None
    base_url: str | None = None
    title: str = "Help centre"


@dataclass
class Page:
    article: Article
    url: str  # path of the page inside the site, e.g. "articles/refund-policy.html"
    body: str = ""  # sanitised HTML


@dataclass
class ExportReport:
    out: Path
    articles: int = 0
    files: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def is_exported(article: Article, options: ExportOptions) -> bool:
    """The one rule for what may leave the app."""
    if article.status != "published" or article.visibility != "public":
        return False
    if options.product and article.product.casefold() != options.product.casefold():
        return False
    return not (options.language and article.language != options.language.lower())


def page_url(article: Article) -> str:
    slug = _SLUG.sub("-", article.id).strip("/-") or hashlib.sha1(
        article.id.encode()).hexdigest()[:12]
    return f"articles/{slug}.html"


def sanitise(fragment: str) -> str:
    return nh3.clean(fragment, url_schemes=URL_SCHEMES, link_rel=None)


def relative(from_page: str, to_path: str) -> str:
    return posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")


class Linker:
    """Rewrites links and images in one page: exported articles get their page's URL,
    images are copied into the site, anything else loses its link but keeps its text."""

    def __init__(self, root: Path, pages_by_path: dict[str, Page]) -> None:
        self.root = root
        self.pages_by_path = pages_by_path
        self.assets: dict[str, Path] = {}  # site path -> source file

    def rewrite(self, body: str, page: Page) -> str:
        body = _ANCHOR.sub(lambda m: self._anchor(m, page), body)
        return _IMG.sub(lambda m: self._image(m, page), body)

    def _anchor(self, match: re.Match[str], page: Page) -> str:
        attrs = dict(_ATTR.findall(match.group(1)))
        text = match.group(2)
        href = html.unescape(attrs.get("href", ""))
        parts = urlsplit(href)
        if parts.scheme in URL_SCHEMES or (not parts.path and parts.fragment):
            return match.group(0)
        target = article_link_target(href, page.article.path)
        linked = self.pages_by_path.get(target or "")
        if linked is None:
            return text  # not exported: the words stay, the link goes
        url = relative(page.url, linked.url) + (f"#{parts.fragment}" if parts.fragment else "")
        return f'<a href="{html.escape(url)}">{text}</a>'

    def _image(self, match: re.Match[str], page: Page) -> str:
        attrs = dict(_ATTR.findall(match.group(1)))
        src = html.unescape(attrs.get("src", ""))
        alt = attrs.get("alt", "")
        if urlsplit(src).scheme in ("http", "https"):
            return match.group(0)
        target = article_link_target(src, page.article.path)
        source = (self.root / target) if target else None
        if source is None or not source.is_file() or target.endswith(".md"):
            return alt  # a missing image: keep its description
        site_path = f"assets/{quote(target)}"
        self.assets[site_path] = source
        return f'<img src="{html.escape(relative(page.url, site_path))}" alt="{alt}">'


def gather(root: Path, options: ExportOptions) -> tuple[list[Page], list[Problem]]:
    loaded = load_folder(root)
    pages = [Page(a, page_url(a)) for a in loaded.articles if is_exported(a, options)]
    pages.sort(key=lambda p: (p.article.product.casefold(), p.article.title.casefold(), p.url))
    return pages, loaded.problems


def render_bodies(root: Path, pages: list[Page]) -> Linker:
    linker = Linker(root, {p.article.path: p for p in pages})
    for page in pages:
        page.body = sanitise(linker.rewrite(sanitise(markdown_to_html(
            _without_title(page.article.public_body, page.article.title))), page))
    return linker


def _without_title(markdown: str, title: str) -> str:
    lines = markdown.lstrip("\n").split("\n", 1)
    if lines[0].startswith("# ") and lines[0][2:].strip() == title.strip():
        return lines[1] if len(lines) > 1 else ""
    return markdown


def slug(text: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return cleaned or hashlib.sha1(text.encode()).hexdigest()[:8]


def groups(pages: list[Page]) -> list[dict]:
    """Products, each with its categories (first tag), each with its pages: stable order."""
    products: dict[str, dict[str, list[Page]]] = {}
    for page in pages:
        product = page.article.product or "General"
        category = (page.article.tags[0] if page.article.tags else "General").capitalize()
        products.setdefault(product, {}).setdefault(category, []).append(page)
    return [{"name": name, "slug": slug(name),
             "categories": [{"name": c, "pages": products[name][c]}
                            for c in sorted(products[name], key=str.casefold)]}
            for name in sorted(products, key=str.casefold)]


def faq_pages(pages: list[Page]) -> list[dict]:
    """One FAQ page per product and language, questions in title order."""
    found: dict[tuple[str, str], list[Page]] = {}
    for page in pages:
        if page.article.summary:
            key = (page.article.product or "General", page.article.language)
            found.setdefault(key, []).append(page)
    result = []
    for (product, language), items in sorted(found.items(), key=lambda kv: kv[0]):
        url = f"faq/{slug(product)}-{language}.html"
        json_ld = {"@context": "https://schema.org", "@type": "FAQPage",
                   "mainEntity": [{"@type": "Question", "name": p.article.title,
                                   "acceptedAnswer": {"@type": "Answer",
                                                      "text": p.article.summary}}
                                  for p in items]}
        result.append({"product": product, "language": language, "url": url, "pages": items,
                       "json_ld": json.dumps(json_ld, ensure_ascii=False, sort_keys=True)
                       .replace("</", "<\\/")})
    return result


def search_index(pages: list[Page]) -> dict:
    """Words (normalised) and Bengali stems -> documents, for the site's offline search."""
    postings: dict[str, dict[int, int]] = {}
    for n, page in enumerate(pages):
        a = page.article
        for text, weight in ((a.title, 5), (a.summary, 2), (" ".join(a.tags), 3),
                             (_plain(page.body), 1)):
            for word, _, _ in words(text):
                for key in {word, bengali.stem(word)}:
                    doc = postings.setdefault(key, {})
                    doc[n] = doc.get(n, 0) + weight
    return {
        "docs": [[p.url, p.article.title, p.article.summary, p.article.product,
                  p.article.language] for p in pages],
        "words": sorted(postings),
        "postings": [sorted(postings[w].items()) for w in sorted(postings)],
        "bengali_endings": {"noun": bengali.NOUN_ENDINGS, "verb": bengali.VERB_ENDINGS,
                            "short": bengali.SHORT_ENDINGS,
                            "virama": bengali.VIRAMA, "vowel_signs": sorted(bengali.VOWEL_SIGNS),
                            "min_stem": bengali.MIN_STEM},
    }


def _plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def environment() -> Environment:
    env = Environment(loader=PackageLoader("kb_app", "site_templates"),
                      autoescape=select_autoescape(["html", "xml"]), keep_trailing_newline=True)
    env.filters["rel"] = lambda target, page: relative(page, target)
    return env


def build_site(root: Path, out: Path, options: ExportOptions | None = None,
               progress: Progress | None = None) -> ExportReport:
    options = options or ExportOptions()
    out = Path(out)
    pages, problems = gather(root, options)
    linker = render_bodies(root, pages)
    files = _render_files(pages, options, environment())
    report = ExportReport(out, len(pages), problems=problems)
    out.mkdir(parents=True, exist_ok=True)
    total = len(files) + len(linker.assets)
    for n, (path, data) in enumerate(sorted(files.items()), start=1):
        _write_if_changed(out / path, data)
        if progress and n % 50 == 0:
            progress(n, total)
    for site_path, source in sorted(linker.assets.items()):
        dest = out / unquote(site_path)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
    written = sorted(set(files) | {unquote(p) for p in linker.assets})
    report.removed = _remove_stale(out, written)
    atomic_write_text(out / MANIFEST, json.dumps(written, indent=0) + "\n")
    report.files = written
    if progress:
        progress(total, total)
    return report


def _render_files(pages: list[Page], options: ExportOptions, env: Environment) -> dict:
    base = (options.base_url or "").rstrip("/")
    faqs = faq_pages(pages)
    common = {"site_title": options.title, "products": groups(pages), "faqs": faqs,
              "base_url": base}
    files: dict[str, bytes] = {}

    def render(template: str, path: str, **context) -> None:
        canonical = f"{base}/{path}" if base else None
        text = env.get_template(template).render(page_path=path, canonical=canonical,
                                                  **common, **context)
        files[path] = text.encode("utf-8")

    render("index.html", "index.html", lang=options.language or "en")
    render("404.html", "404.html", lang=options.language or "en")
    for page in pages:
        render("article.html", page.url, page=page, lang=page.article.language)
    for faq in faqs:
        render("faq.html", faq["url"], faq=faq, lang=faq["language"])
    index = json.dumps(search_index(pages), ensure_ascii=False, sort_keys=True,
                       separators=(",", ":"))
    files["search-index.js"] = f"window.GYAN_INDEX = {index};\n".encode()
    for name in ("site.css", "search.js"):
        files[name] = env.loader.get_source(env, name)[0].encode("utf-8")
    files["sitemap.xml"] = _sitemap(base, sorted(
        p for p in files if p.endswith(".html") and p != "404.html")).encode("utf-8")
    return files


def _sitemap(base: str, paths: list[str]) -> str:
    rows = "".join(f"  <url><loc>{html.escape(f'{base}/{p}' if base else p)}</loc></url>\n"
                   for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{rows}</urlset>\n")


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, data)


def _remove_stale(out: Path, written: list[str]) -> list[str]:
    """Files a previous export wrote that this one did not: articles no longer public."""
    try:
        previous = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    stale = sorted(set(previous) - set(written))
    for rel in stale:
        path = (out / rel).resolve()
        if out.resolve() in path.parents and path.is_file():
            path.unlink()
    return stale


def export_json(root: Path, out_file: Path, options: ExportOptions | None = None) -> int:
    """The same public content as one JSON document, for import into a CMS."""
    options = options or ExportOptions()
    pages, _ = gather(root, options)
    render_bodies(root, pages)
    records = [{"id": p.article.id, "title": p.article.title, "product": p.article.product,
                "tags": p.article.tags, "language": p.article.language,
                "summary": p.article.summary, "html": p.body,
                "updated": p.article.updated.isoformat() if p.article.updated else None}
               for p in pages]
    atomic_write_text(Path(out_file), json.dumps({"articles": records}, ensure_ascii=False,
                                                 indent=2, sort_keys=True) + "\n")
    return len(records)
