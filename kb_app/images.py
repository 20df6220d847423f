"""Putting a picture into an article: copied into `images/` beside it, linked relatively.

Only what the website will publish is taken in (the rule is kb_app.siteimages'): a raster
image whose name and first bytes agree. SVG is refused here rather than dropped silently
at export time, since it can carry scripts and the export never publishes it. Another
image of the same name is never overwritten: it may be used by other articles.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from kb_app.fileio import atomic_write_bytes
from kb_app.messages import reason, saying, translate
from kb_app.siteimages import MAX_IMAGE_BYTES, sniff
from kb_app.sitepaths import IMAGE_EXTENSIONS, read_regular

IMAGES_FOLDER = "images"
KINDS = ", ".join(sorted({kind.upper() for kind in IMAGE_EXTENSIONS.values()}))


class ImageRefused(ValueError):
    """The file is not an image the website would publish; the message says why."""


@dataclass(frozen=True)
class InsertedImage:
    markdown: str  # `![name](images/file.png)`, relative to the article, to put in its body
    path: str  # the copy, relative to the articles folder
    copied: bool  # False: the very same image was there already


def image_bytes(image: Path) -> bytes:
    """The image's bytes, if the site would publish it; `ImageRefused` says why not."""
    suffix = image.suffix.lower()
    if suffix == ".svg":
        raise saying(ImageRefused, translate(
            "Saving", "{name}: SVG images are not published on the website (they can carry "
            "scripts); export the picture as PNG or WebP and insert that").format(
                name=image.name))
    if suffix not in IMAGE_EXTENSIONS:
        raise saying(ImageRefused, translate(
            "Saving", "{name}: the website publishes {kinds} images only").format(
                name=image.name, kinds=KINDS))
    try:
        data = read_regular(image.resolve(), MAX_IMAGE_BYTES)
    except ValueError as exc:
        raise saying(ImageRefused, translate("Saving", "{name} {problem}").format(
            name=image.name, problem=reason(exc))) from exc
    if sniff(data[:64]) is None:
        raise saying(ImageRefused, translate(
            "Saving", "{name} is named like an image but does not contain one ({kinds})").format(
                name=image.name, kinds=KINDS))
    return data


def insert_image(root: Path, article_path: str, image: Path) -> InsertedImage:
    """Copy `image` next to the article at `article_path` (which may not exist yet) and
    give the Markdown that shows it."""
    data = image_bytes(image)
    folder = (root / article_path).parent / IMAGES_FOLDER
    if not folder.resolve().is_relative_to(root.resolve()):
        raise saying(ImageRefused, translate(
            "Saving", "{folder} is a link out of the articles folder").format(folder=str(folder)))
    name = _plain_name(image)
    target = _free_name(folder, name, data)
    copied = not os.path.lexists(target)
    if copied:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, data)
    alt = Path(name).stem.replace("[", "\\[").replace("]", "\\]")
    rel = target.relative_to(root).as_posix()
    return InsertedImage(f"![{alt}]({IMAGES_FOLDER}/{quote(target.name)})", rel, copied)


def _plain_name(image: Path) -> str:
    """A visible file name: a hidden one would never be published."""
    name = image.name.lstrip(".")
    return name if Path(name).stem else f"image{image.suffix.lower()}"


def _free_name(folder: Path, name: str, data: bytes) -> Path:
    """`name` in `folder`, or name-2, -3... past files that hold other bytes."""
    stem, suffix = Path(name).stem, Path(name).suffix
    target, n = folder / name, 2
    while os.path.lexists(target) and not _holds(target, data):
        target, n = folder / f"{stem}-{n}{suffix}", n + 1
    return target


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and not path.is_symlink() and path.read_bytes() == data
    except OSError:
        return False
