"""What the index stores and searches for one article: the Whoosh schema and document."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from kb_app.analysis import analyzer
from kb_app.bengali import canonical

if TYPE_CHECKING:
    from kb_app.articles import Article


def build_schema() -> Schema:
    text = analyzer()
    return Schema(
        path=ID(stored=True, unique=True),
        # a column too: a search reads the ids of the fifty articles it re-ranks by
        # meaning in microseconds (stored fields take 75 µs each)
        id=ID(stored=True, sortable=True),
        title=TEXT(analyzer=text, stored=True),
        meta=TEXT(analyzer=text),  # summary, tags and headings: the article's own framing
        body=TEXT(analyzer=text, stored=True),
        # The words as written and their sound keys are derived from the stored title,
        # summary and body into each segment's postings cache (kb_app.wordlists).
        summary=STORED,
        product=ID(stored=True),
        product_key=ID,
        tags=KEYWORD(stored=True, commas=True, lowercase=True),
        language=ID(stored=True),
        status=ID(stored=True),
        visibility=ID(stored=True),
        owner=STORED,
        updated=STORED,
        review_by=STORED,
    )


@functools.cache
def field_names() -> frozenset[str]:
    """The schema's field names (an index with others was built by another version)."""
    return frozenset(build_schema().names())


def product_key(product: str) -> str:
    return " ".join(product.casefold().split())


def document(article: Article) -> dict[str, Any]:
    """The fields Whoosh stores and indexes for one article."""
    from kb_app import plaintext  # indexing only: a search does not import Markdown
    sections = article.sections
    body = canonical(plaintext.pack(sections))
    headings = " ".join(s.heading for s in sections if s.heading)
    summary = canonical(article.summary)
    return {
        "path": article.path,
        "id": article.id,
        "title": canonical(article.title),
        "summary": summary,
        "meta": f"{summary}\n{' '.join(article.tags)}\n{headings}",
        "body": body,
        "product": article.product,
        "product_key": product_key(article.product),
        "tags": ",".join(article.tags),
        "language": article.language,
        "status": article.status,
        "visibility": article.visibility,
        "owner": article.owner,
        "updated": article.updated.isoformat() if article.updated else "",
        "review_by": article.review_by.isoformat() if article.review_by else "",
    }
