"""Renders packaging/icons/gyan.svg, the icon's only drawn source, to the PNG sizes
desktops use, with Qt's own SVG renderer (PySide6's QtSvg). Run by `make package`; the
PNGs are build output, not kept in the repository.

    python packaging/make_icons.py [OUT]      (default: build/icons)

writes OUT/hicolor/NxN/apps/gyan.png for each size and OUT/hicolor/scalable/apps/gyan.svg:
the layout of the freedesktop icon theme, to copy under /usr/share/icons or
~/.local/share/icons."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent / "icons" / "gyan.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)
NAME = "gyan"


def render(out: Path, svg: Path = SVG, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {svg}")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"make_icons: cannot write {path}")
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    return [*written, scalable]


if __name__ == "__main__":
    for written in render(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")):
        print(written)
