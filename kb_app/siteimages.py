"""Which images an article may put on the public website: the one rule, for export and check.

An image address in an article is untrusted: `/etc/passwd`, `%2Fetc%2Fpasswd`, a symlink
named `x.png` that points at an internal article or at `~/.ssh`, a file in `.git`, or an
SVG carrying a script would all be published by a naive copy. So an image is copied only
if it is a regular file inside the articles folder (after following symlinks), with no
hidden part in its path, whose name AND first bytes say it is a raster image. Everything
else is left out of the page (its alt text stays) and reported with the reason.

SVG is never published: it is a document that can run scripts on the site's origin, and
the venv has no hardened XML parser (defusedxml) to sanitise it with an allow-list, so
dropping it with a clear problem is the safe choice. Authors can export diagrams as PNG.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kb_app.articles import Article, Problem
from kb_app.messages import Message, said_by, saying, translate
from kb_app.sitepaths import IMAGE_EXTENSIONS, is_safe_relpath, read_regular

EXTERNAL_SCHEMES = ("http", "https")
MAX_IMAGE_BYTES = 50 * 2**20
_BMP_HEADER_SIZES = {12, 40, 52, 56, 64, 108, 124}  # the DIB header versions
_ALLOWED = ", ".join(sorted({e.lstrip(".") for e in IMAGE_EXTENSIONS}))


@dataclass(frozen=True)
class ImageCheck:
    """The verdict on one image address: publish `source` as `target`, keep it external,
    or leave it out for `problem`."""

    target: str = ""  # the articles-folder path it names, when it is published
    source: Path | None = None  # the real file (symlinks resolved) to copy
    problem: Message | None = None  # the English sentence is str(problem)
    external: bool = False
    missing: bool = False  # no such file (`kb check` reports broken links already)

    @property
    def published(self) -> bool:
        return self.source is not None


def sniff(head: bytes) -> str | None:
    """The image type the first bytes announce, or None: a file named .png that holds
    HTML, an article or a shell script is not an image."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and _avif_brand(head):
        return "avif"
    if head[:2] == b"BM" and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES:
        return "bmp"
    if head[:4] == b"\x00\x00\x01\x00":
        return "ico"
    return None


def _avif_brand(head: bytes) -> bool:
    size = int.from_bytes(head[:4], "big")
    box = head[8:min(size, len(head))]
    brands = [box[i:i + 4] for i in range(0, len(box) - 3, 4) if i != 4]  # skip minor version
    return b"avif" in brands or b"avis" in brands


def check_image(root: Path, article_path: str, src: str) -> ImageCheck:
    """Apply the rule to `src` as written in the article at `article_path`."""
    src = src.strip()
    if not src:
        return ImageCheck(problem=translate("Export", "has no address"))
    try:
        parts = urlsplit(src)
    except ValueError:
        return ImageCheck(problem=translate("Export", "is not a valid address"))
    if parts.scheme in EXTERNAL_SCHEMES and parts.netloc:
        return ImageCheck(external=True)
    if parts.scheme or parts.netloc:
        return ImageCheck(problem=translate("Export", "is not a file in the articles folder"))
    raw = unquote(parts.path)
    if raw.startswith("/") or "\\" in raw or "\x00" in raw:
        return ImageCheck(problem=translate(
            "Export", "is an absolute path; only files in the articles folder are published"))
    target = posixpath.normpath(posixpath.join(posixpath.dirname(article_path), raw))
    if target == ".." or target.startswith("../"):
        return ImageCheck(problem=translate("Export", "points outside the articles folder"))
    if not is_safe_relpath(target):
        return ImageCheck(problem=translate("Export", "is a hidden file or in a hidden folder"))
    return _check_file(root, target)


def _check_file(root: Path, target: str) -> ImageCheck:
    ext = posixpath.splitext(target)[1].lower()
    if ext == ".svg":
        return ImageCheck(problem=translate(
            "Export", "is an SVG image, which can carry scripts, so it is not published; use "
            "PNG or WebP"))
    if ext not in IMAGE_EXTENSIONS:
        return ImageCheck(problem=translate("Export", "is not an image file ({kinds})").format(
            kinds=_ALLOWED))
    base = root.resolve()
    try:
        real = (root / target).resolve(strict=True)
    except (OSError, RuntimeError):
        return ImageCheck(problem=translate("Export", "does not exist"), missing=True)
    if not real.is_relative_to(base):
        return ImageCheck(problem=translate(
            "Export", "is a link to a file outside the articles folder"))
    if not is_safe_relpath(real.relative_to(base).as_posix()):
        return ImageCheck(problem=translate("Export", "is a link to a hidden file or folder"))
    if real.suffix.lower() not in IMAGE_EXTENSIONS:
        return ImageCheck(problem=translate("Export", "is a link to a file that is not an image"))
    try:
        head = read_regular(real, MAX_IMAGE_BYTES, limit=64)
    except ValueError as exc:
        return ImageCheck(problem=said_by(exc) or Message("", "{error}").format(
            error=str(exc)))
    if sniff(head) is None:
        return ImageCheck(problem=_no_image())
    return ImageCheck(target=target, source=real)


def load_image(check: ImageCheck) -> bytes:
    """The bytes to publish for a checked image, checked again as they are read (the
    file may have changed since the check); ValueError says why they cannot be used."""
    if check.source is None:
        raise saying(ValueError, check.problem or translate("Export", "is not published"))
    data = read_regular(check.source, MAX_IMAGE_BYTES)
    if sniff(data[:64]) is None:
        raise saying(ValueError, _no_image())
    return data


def image_problem(article: Article, src: str, check: ImageCheck) -> Problem:
    """The report line for an image left out: file, line where the address is written."""
    return Problem.of(article.path, translate(
        "Export", "image {src} {problem}; the website leaves it out").format(
            src=repr(src), problem=check.problem or ""), source_line(article, src), "warning")


def _no_image() -> Message:
    return translate("Export", "does not contain an image ({kinds})").format(kinds=_ALLOWED)


def source_line(article: Article, text: str) -> int | None:
    """The file line where `text` (an address as it appears in the page) is written."""
    for needle in (text, text.replace("&", "&amp;")):
        for number, line in enumerate(article.body.split("\n"), start=article.body_line):
            if needle and needle in line:
                return number
    return None
