"""The files of the FAQ website, rendered from pages that passed the export's checks.

Templates (Jinja2, autoescaped), FAQ pages with schema.org JSON-LD, the offline search
index and the sitemap. JSON embedded in HTML or loaded as a script is written with
`json_for_html`, so no article text can end or change a <script> element.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from kb_app import banglish, bengali
from kb_app.analysis import sound_keys, words
from kb_app.articles import Article
from kb_app.leakguard import InternalLine, plain
from kb_app.sitepaths import claim

SOUND_MARK = "~"  # a sound key in the site's word list (no word starts with it)

INDEX_START = "window.GYAN_INDEX = "
# In JSON inside HTML (or JS source) these never appear raw: no `</script>`, `<!--` or
# `]]>` can end or change a script element, and old JS engines choke on U+2028/9.
_JSON_IN_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                               "\u2028": "\\u2028", "\u2029": "\\u2029"})

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
    internal: list[InternalLine] = field(default_factory=list)  # lines that must not leak


def json_for_html(value: object, separators: tuple[str, str] | None = None) -> str:
    """Deterministic JSON that is safe inside a <script> element and as JavaScript."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True,
                      separators=separators).translate(_JSON_IN_HTML)


def relative(from_page: str, to_path: str) -> str:
    return posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")


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
    """One FAQ page per product and language, questions in title order; products whose
    names make the same file name get distinct files."""
    found: dict[tuple[str, str], list[Page]] = {}
    for page in pages:
        if page.article.summary:
            key = (page.article.product or "General", page.article.language)
            found.setdefault(key, []).append(page)
    result: list[dict[str, Any]] = []
    taken: dict[str, str] = {}
    for (product, language), items in sorted(found.items(), key=lambda kv: kv[0]):
        url = claim(f"faq/{slug(product)}-{language}.html", f"{product}\n{language}", taken)
        json_ld = {"@context": "https://schema.org", "@type": "FAQPage",
                   "mainEntity": [{"@type": "Question", "name": p.article.title,
                                   "acceptedAnswer": {"@type": "Answer",
                                                      "text": p.article.summary}}
                                  for p in items]}
        result.append({"product": product, "language": language, "url": url, "pages": items,
                       "json_ld": json_for_html(json_ld)})
    return result


def search_index(pages: list[Page]) -> dict:
    """Words (normalised), Bengali stems and the sound keys of Bengali words (marked with
    SOUND_MARK) -> documents, for the site's offline search; with the rules search.js
    needs to stem Bengali and to key Latin-letter queries as kb_app.banglish does."""
    postings: dict[str, dict[int, int]] = {}
    for n, page in enumerate(pages):
        a = page.article
        for text, weight in ((a.title, 5), (a.summary, 2), (" ".join(a.tags), 3),
                             (plain(page.body), 1)):
            for word, _, _ in words(text):
                for key in {word, bengali.stem(word)}:
                    doc = postings.setdefault(key, {})
                    doc[n] = doc.get(n, 0) + weight
            for key in set(sound_keys(text, "bn")):  # Bengali words, found by Banglish
                doc = postings.setdefault(SOUND_MARK + key, {})
                doc[n] = doc.get(n, 0) + weight
    return {
        "docs": [[p.url, p.article.title, p.article.summary, p.article.product,
                  p.article.language] for p in pages],
        "words": sorted(postings),
        "postings": [sorted(postings[w].items()) for w in sorted(postings)],
        "bengali_endings": {"noun": bengali.NOUN_ENDINGS, "verb": bengali.VERB_ENDINGS,
                            "short": bengali.SHORT_ENDINGS,
                            "after_vowel_sign": list(bengali.AFTER_VOWEL_SIGN),
                            "virama": bengali.VIRAMA, "vowel_signs": sorted(bengali.VOWEL_SIGNS),
                            "min_stem": bengali.MIN_STEM},
        "banglish": banglish.rules(),
    }


def environment() -> Environment:
    env = Environment(loader=PackageLoader("kb_app", "site_templates"),
                      autoescape=select_autoescape(["html", "xml"]), keep_trailing_newline=True)
    env.filters["rel"] = lambda target, page: relative(page, target)
    return env


def _source(env: Environment, name: str) -> str:
    """A file of the templates folder as it is (the stylesheet and the search script)."""
    if env.loader is None:
        raise ValueError("the site's template environment has no loader")
    return env.loader.get_source(env, name)[0]


def render_files(pages: list[Page], options: ExportOptions, env: Environment) -> dict:
    base = (options.base_url or "").rstrip("/")
    faqs = faq_pages(pages)
    common = {"site_title": options.title, "products": groups(pages), "faqs": faqs,
              "base_url": base}
    files: dict[str, bytes] = {}

    def render(template: str, path: str, **context: Any) -> None:
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
    index = json_for_html(search_index(pages), separators=(",", ":"))
    files["search-index.js"] = f"{INDEX_START}{index};\n".encode()
    for name in ("site.css", "search.js"):
        files[name] = _source(env, name).encode("utf-8")
    files["sitemap.xml"] = _sitemap(base, sorted(
        p for p in files if p.endswith(".html") and p != "404.html")).encode("utf-8")
    return files


def _sitemap(base: str, paths: list[str]) -> str:
    rows = "".join(f"  <url><loc>{html.escape(f'{base}/{p}' if base else p)}</loc></url>\n"
                   for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{rows}</urlset>\n")
