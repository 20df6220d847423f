"""Names of files inside the exported site, derived from untrusted ids and paths.

Article ids, image paths and product names come from files anyone on the team can edit,
so none of them is ever used as a path as it is. Every name the site uses is checked to
be a plain relative path (`is_safe_relpath`): no `..`, no leading `/`, no hidden part,
no backslash or drive letter. Article pages all live under `articles/`, so no id can
replace the home page, the 404 page or the search files, and names are made unique
(case-insensitively, as on macOS and Windows) so no article silently replaces another.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kb_app.articles import Article, Problem
from kb_app.messages import Message, saying, translate

PAGES_FOLDER = "articles"
# The site's own files at the top; every other file is a page under articles/ or faq/,
# or an image under assets/. A name outside this layout is never written or deleted.
SITE_FILES = frozenset({"index.html", "404.html", "site.css", "search.js", "search-index.js",
                        "sitemap.xml"})
IMAGE_EXTENSIONS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif",
                    ".webp": "webp", ".avif": "avif", ".bmp": "bmp", ".ico": "ico"}
MAX_NAME = 200  # characters of a page's path inside PAGES_FOLDER
MAX_FOLDERS = 8  # folders deep a page may be
MAX_PART = 80  # characters kept from one id part; longer parts end in a hash instead
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\\:]")
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def is_safe_relpath(rel: str) -> bool:
    """True for a normalised relative POSIX path whose every part is a plain, visible name.

    This is the shape every file the export writes, deletes or copies must have."""
    if not isinstance(rel, str) or not rel or rel.startswith("/") or _FORBIDDEN.search(rel):
        return False
    if posixpath.normpath(rel) != rel:
        return False
    return all(part and not part.startswith(".") and len(part.encode()) <= 255
               for part in rel.split("/"))


def is_site_file(rel: str) -> bool:
    """True for a name the export itself could give a file (see SITE_FILES)."""
    if not is_safe_relpath(rel):
        return False
    top, _, rest = rel.partition("/")
    ext = posixpath.splitext(rel)[1].lower()
    if not rest:
        return rel in SITE_FILES
    return ext == ".html" if top in (PAGES_FOLDER, "faq") else (
        top == "assets" and ext in IMAGE_EXTENSIONS)


def _unreadable(exc: OSError) -> Message:
    return translate("Problems", "cannot be read: {reason}").format(
        reason=str(exc.strerror or exc))


def read_regular(path: Path, max_bytes: int, limit: int | None = None) -> bytes:
    """The bytes of a regular file (the first `limit` if given). A symlink at the last step
    is not followed, a device or pipe is not read (so nothing can hang or leak through
    them), nor a file over `max_bytes`; ValueError says why not."""
    try:
        fd = os.open(path, os.O_RDONLY | _NO_FOLLOW)
    except OSError as exc:
        raise saying(ValueError, _unreadable(exc)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise saying(ValueError, translate("Problems", "is not a regular file"))
        if info.st_size > max_bytes:
            raise saying(ValueError, translate("Problems", "is larger than {n} MB").format(
                n=max_bytes // 2**20))
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(limit if limit is not None else max_bytes + 1)
    except OSError as exc:
        raise saying(ValueError, _unreadable(exc)) from exc
    finally:
        os.close(fd)


def _hash(text: str, length: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def _plain_part(part: str) -> str:
    cleaned = _UNSAFE_CHARS.sub("-", part).strip(".-")
    if len(cleaned) > MAX_PART:
        cleaned = f"{cleaned[:MAX_PART - 9].rstrip('.-')}-{_hash(part)}"
    return cleaned


def page_url(article: Article) -> str:
    """The page an article would get on its own: `articles/<id made safe>.html`.

    Each `/`-separated part of the id keeps letters, digits, `.`, `_` and `-`; `..`, `.`,
    empty and hidden parts disappear, so `../../x` becomes `articles/x.html`."""
    parts = [p for p in (_plain_part(part) for part in article.id.split("/")) if p]
    name = "/".join(parts) or _hash(article.id, 12)
    if len(name) > MAX_NAME or len(parts) > MAX_FOLDERS:
        # a path the file system may refuse (an id of 60 parts of 80 letters once stopped
        # the whole export with "File name too long"): its last part, made unique
        name = f"{parts[-1][:MAX_PART - 13]}-{_hash(article.id, 12)}"
    return f"{PAGES_FOLDER}/{name}.html"


def claim(name: str, key: str, taken: dict[str, str]) -> str:
    """`name` if nobody has it yet, else a variant ending in a hash of `key` (and a counter
    if even that is taken); records the result in `taken` (case-folded name -> key)."""
    stem, ext = posixpath.splitext(name)
    candidate, n = name, 1
    while candidate.casefold() in taken and taken[candidate.casefold()] != key:
        candidate = f"{stem}-{_hash(key)}{'' if n == 1 else f'-{n}'}{ext}"
        n += 1
    taken[candidate.casefold()] = key
    return candidate


@dataclass
class PageNames:
    urls: dict[str, str]  # article path -> page path inside the site
    problems: list[Problem]


def page_names(articles: Iterable[Article]) -> PageNames:
    """A distinct page for every article. Files are taken in path order; a later file
    whose id gives a page name already used gets a distinct name, and a warning that
    names both files (never a silent replacement)."""
    taken: dict[str, str] = {}
    owners: dict[str, Article] = {}
    urls: dict[str, str] = {}
    problems: list[Problem] = []
    folders: dict[str, Article] = {}  # case-folded folder a page needs -> its article
    for article in sorted(articles, key=lambda a: a.path):
        wanted = page_url(article)
        # A page cannot be a folder another page needs, nor need a folder that is a page
        # (ids `x` and `x.html/y`): the export once stopped whole at the second.
        above = _folders(wanted)
        blocker = folders.get(wanted.casefold()) or next(
            (owners[f] for f in above if f in owners), None)
        if blocker is not None:
            flat = f"{PAGES_FOLDER}/{wanted[len(PAGES_FOLDER) + 1:].replace('/', '-')}"
            if flat == wanted:  # no folder of its own to flatten: a name of its own
                flat = f"{wanted.removesuffix('.html')}-{_hash(article.path)}.html"
            url = claim(flat, article.path, taken)
            problems.append(Problem.of(article.path, translate(
                "Export", "id {id} gives the page name {wanted}, which the page of {owner} "
                "(id {owner_id}) stands in the way of; this article is published as {url}"
            ).format(id=repr(article.id), wanted=wanted, owner=blocker.path,
                     owner_id=repr(blocker.id), url=url), severity="warning"))
            urls[article.path] = url
            owners.setdefault(url.casefold(), article)
            continue
        url = claim(wanted, article.path, taken)
        urls[article.path] = url
        for folder in _folders(url):
            folders.setdefault(folder, article)
        if url != wanted:
            owner = owners[wanted.casefold()]
            problems.append(Problem.of(article.path, translate(
                "Export", "id {id} gives the page name {wanted}, already used by {owner} (id "
                "{owner_id}); this article is published as {url}").format(
                    id=repr(article.id), wanted=wanted, owner=owner.path,
                    owner_id=repr(owner.id), url=url), severity="warning"))
        owners.setdefault(url.casefold(), article)
    return PageNames(urls, problems)


def _folders(url: str) -> list[str]:
    """The case-folded folders inside PAGES_FOLDER that a page's path needs."""
    parts = url.casefold().split("/")[:-1]
    return ["/".join(parts[:n]) for n in range(2, len(parts) + 1)]
