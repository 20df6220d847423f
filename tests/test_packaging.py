"""Desktop integration (packaging/): the icon renders from its SVG at every size, the
.desktop file and the AppStream metadata are valid and agree with each other and with the
one version number."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kb_app.version import version

PACKAGING = Path(__file__).resolve().parent.parent / "packaging"
METAINFO = PACKAGING / "io.gyan.Gyan.metainfo.xml"
DESKTOP = PACKAGING / "gyan.desktop"


def test_icons_are_rendered_from_the_svg(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    for size in (16, 24, 32, 48, 64, 128, 256):
        image = QImage(str(tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "gyan.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not empty
        assert image.pixelColor(0, 0).alpha() < 255  # rounded corners stay transparent
    scalable = tmp_path / "hicolor" / "scalable" / "apps" / "gyan.svg"
    assert scalable.read_bytes() == (PACKAGING / "icons" / "gyan.svg").read_bytes()


def test_the_desktop_file_starts_gyan_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys as written (Exec, not exec)
    entry.read(DESKTOP, encoding="utf-8")
    values = entry["Desktop Entry"]
    assert (values["Type"], values["Exec"], values["Icon"]) == ("Application", "gyan", "gyan")
    assert values["Categories"].endswith(";") and values["Keywords"].endswith(";")
    validator = shutil.which("desktop-file-validate")
    if validator:
        done = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_metainfo_names_the_desktop_file_and_the_version() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == METAINFO.name.removesuffix(".metainfo.xml")
    assert component.findtext("launchable") == DESKTOP.name
    newest = component.find("releases/release")
    assert newest is not None and newest.get("version") == version()


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli is not installed (Debian: appstream)")
def test_appstream_metadata_is_valid() -> None:
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
