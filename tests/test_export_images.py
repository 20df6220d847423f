"""Images are the export's way of copying files: try to publish every file but an image.

Each hostile folder is built in tmp_path. A file outside the articles folder holds a
valid PNG signature and SECRET, so it would pass the image check if only the bytes were
looked at: what keeps it out must be where it is.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest

from kb_app.checks import check_folder
from kb_app.cli import main
from kb_app.export import build_site
from tests.conftest import write
from tests.test_export import PNG, SECRET, site_text

HEADER = "---\nid: pics\ntitle: Pictures\nvisibility: public\nsummary: s\n---\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A private file next to the articles folder that looks like an image."""
    path = tmp_path / "private" / "secret.png"
    path.parent.mkdir()
    path.write_bytes(PNG + f"{SECRET}-outside".encode())
    return path


def export_one(root: Path, body: str, out: Path):
    write(root, "pics.md", HEADER + body + "\n", dedent=False)
    return build_site(root, out)


def assets(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in (out / "assets").rglob("*")
                  if p.is_file()) if (out / "assets").exists() else []


def absolute_sources(outside: Path) -> list[str]:
    raw = str(outside)
    return [f"![abs]({raw})", f'<img src="{raw}" alt="abs">', "![etc](/etc/passwd)",
            '<img src="/etc/os-release" alt="etc">', f"![enc]({quote(raw, safe='')})",
            f"![enc2](/%{ord(raw[1]):02X}{raw[2:]})", "![enc3](/%65tc/passwd)",
            "![enc4](%2Fetc%2Fpasswd)", f"![file](file://{raw})", "![up](../private/secret.png)"]


def test_absolute_and_encoded_paths_are_never_copied(tmp_path: Path, outside: Path) -> None:
    root, out = tmp_path / "kb", tmp_path / "site"
    body = "\n\n".join(absolute_sources(outside))
    report = export_one(root, body, out)
    assert assets(out) == []
    text = site_text(out)
    assert SECRET not in text and "root:x:0" not in text and "PRETTY_NAME" not in text
    page = (out / "articles/pics.html").read_text()
    assert "<img" not in page and "abs" in page and "etc" in page  # alt text kept
    images = [p for p in report.problems if p.path == "pics.md" and "image" in p.message]
    assert len(images) >= 8 and all(p.line for p in images)


@pytest.mark.parametrize("source", ["![a](/etc/passwd)", '<img src="/etc/os-release">',
                                    "![c](%2Fetc%2Fpasswd)", "![d](/%65tc/passwd)"])
def test_each_absolute_path_alone(tmp_path: Path, source: str) -> None:
    out = tmp_path / "site"
    export_one(tmp_path / "kb", source, out)
    assert assets(out) == [] and "root:" not in site_text(out)


def hostile_folder(root: Path, outside: Path) -> None:
    """Every way to name a non-image, or a file outside, as an image of a public page."""
    (root / "images").mkdir(parents=True)
    (root / "images/ok.png").write_bytes(PNG + b"ok")
    os.symlink(outside, root / "images/host.png")  # out of the folder
    os.symlink("/etc/hostname", root / "images/etc.png")
    write(root, "internal-only.md", f"---\nvisibility: internal\n---\n{SECRET}-internal\n")
    os.symlink("../internal-only.md", root / "images/x.png")  # to an internal article
    os.symlink("ok.png", root / "images/alias.png")  # inside, to an image: allowed
    (root / ".hidden").mkdir()
    (root / ".hidden/pic.png").write_bytes(PNG + f"{SECRET}-hidden".encode())
    (root / ".git").mkdir()
    (root / ".git/config").write_text(f"[remote] url = {SECRET}-git\n")
    os.symlink("../.hidden/pic.png", root / "images/hidden-link.png")
    write(root, "synonyms.txt", f"{SECRET}-synonyms, words\n")
    (root / "images/notes.png").write_text(f"{SECRET}-text posing as an image\n")
    os.mkfifo(root / "images/pipe.png")  # a copy would hang or fail
    (root / "images/dir.png").mkdir()


HOSTILE = """\
![ok](images/ok.png) ![alias](images/alias.png) ![same](images/../images/ok.png)

![host](images/host.png) ![etc](images/etc.png) ![art](images/x.png)

![hid](.hidden/pic.png) ![git](.git/config) ![hl](images/hidden-link.png)

![syn](synonyms.txt) ![md](internal-only.md) ![txt](images/notes.png)

![pipe](images/pipe.png) ![dir](images/dir.png) ![esc](images/%2e%2e/%2e%2e/private/secret.png)
"""


def test_only_regular_image_files_inside_the_folder_are_copied(tmp_path: Path,
                                                               outside: Path) -> None:
    root, out = tmp_path / "kb", tmp_path / "site"
    hostile_folder(root, outside)
    report = export_one(root, HOSTILE, out)
    assert assets(out) == ["assets/images/alias.png", "assets/images/ok.png"]
    assert (out / "assets/images/alias.png").read_bytes() == PNG + b"ok"
    assert SECRET not in site_text(out)
    page = (out / "articles/pics.html").read_text()
    assert page.count("<img") == 3  # ok, alias, and ok again by another path
    for alt in ("host", "etc", "art", "hid", "git", "hl", "syn", "md", "txt", "pipe", "dir"):
        assert alt in page
    dropped = {p.message.split("'")[1] for p in report.problems if p.path == "pics.md"}
    assert {"images/host.png", "images/x.png", ".hidden/pic.png", ".git/config",
            "synonyms.txt", "images/notes.png", "images/pipe.png"} <= dropped
    assert [p.name for p in out.rglob(".*")] == [".gyan-export.json"]


def test_kb_check_reports_each_left_out_image_with_its_line(tmp_path: Path, outside: Path,
                                                            capsys) -> None:
    root = tmp_path / "kb"
    hostile_folder(root, outside)
    write(root, "pics.md", HEADER + HOSTILE, dedent=False)
    problems = [p for p in check_folder(root).problems if p.path == "pics.md"]
    by_image = {p.message.split("'")[1]: p.line for p in problems}
    first = HEADER.count("\n") + 1
    assert by_image["images/host.png"] == first + 2
    assert by_image["images/x.png"] == first + 2
    assert by_image[".git/config"] == first + 4
    assert by_image["synonyms.txt"] == first + 6
    assert by_image["images/pipe.png"] == first + 8
    assert "images/ok.png" not in by_image and "images/alias.png" not in by_image
    assert main(["check", "--articles", str(root)]) == 1
    assert "pics.md:9: warning: image 'images/host.png'" in capsys.readouterr().out


def test_kb_check_uses_the_same_rule_for_absolute_paths(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "kb"
    write(root, "pics.md", HEADER + f"Text\n\n![a]({outside})\n<img src=\"/etc/passwd\">\n",
          dedent=False)
    lines = sorted(p.line for p in check_folder(root).problems if "absolute" in p.message)
    assert lines == [9, 10]


SVGS = {
    "script.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "onload.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "foreign.svg": '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body '
                   'xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body>'
                   '</foreignObject></svg>',
    "href.svg": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/'
                'xlink"><a xlink:href="javascript:alert(1)"><text>x</text></a><image '
                'xlink:href="https://evil.example/x.png"/></svg>',
    "plain.svg": '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>',
}


def test_svg_is_never_published(tmp_path: Path, capsys) -> None:
    root, out = tmp_path / "kb", tmp_path / "site"
    (root / "img").mkdir(parents=True)
    for name, svg in SVGS.items():
        (root / "img" / name).write_text(svg)
    (root / "img/disguised.png").write_text(SVGS["script.svg"])  # SVG named .png
    body = " ".join(f"![{n}](img/{n})" for n in [*SVGS, "disguised.png"])
    report = export_one(root, body + '\n\n<img src="img/onload.svg" alt="html">', out)
    assert assets(out) == []
    assert not list(out.rglob("*.svg")) and "alert(1)" not in site_text(out)
    assert "script.svg" in (out / "articles/pics.html").read_text()  # the alt text
    svg_problems = [p for p in report.problems if "SVG" in p.message]
    assert len({p.message for p in svg_problems}) == len(SVGS)
    assert main(["check", "--articles", str(root)]) == 1
    assert "pics.md:7: warning: image 'img/script.svg' is an SVG image" in capsys.readouterr().out


def test_real_images_of_every_allowed_type_are_published(tmp_path: Path) -> None:
    root, out = tmp_path / "kb", tmp_path / "site"
    signatures = {"a.png": PNG, "b.jpg": b"\xff\xd8\xff\xe0" + b"0" * 20,
                  "c.gif": b"GIF89a" + b"0" * 20, "d.webp": b"RIFF\x00\x00\x00\x00WEBPVP8 ",
                  "e.avif": b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf",
                  "f.bmp": b"BM" + b"\x00" * 12 + b"\x28" + b"\x00" * 20,
                  "g.ico": b"\x00\x00\x01\x00" + b"0" * 20,
                  "h%20space.png": PNG}
    (root / "img").mkdir(parents=True)
    for name, data in signatures.items():
        (root / "img" / name.replace("%20", " ")).write_bytes(data)
    report = export_one(root, " ".join(f"![{n}](img/{n})" for n in signatures), out)
    assert len(assets(out)) == len(signatures)
    assert 'src="../assets/img/h%20space.png"' in (out / "articles/pics.html").read_text()
    assert not [p for p in report.problems if "image" in p.message]


def test_addresses_that_do_not_parse_are_dropped_not_a_crash(tmp_path: Path) -> None:
    root, out = tmp_path / "kb", tmp_path / "site"
    report = export_one(root, "[a](http://[x) ![b](http://[x/y.png) ![c](//[x/y.png) "
                              '<img src="http://[x">', out)
    assert "<img" not in (out / "articles/pics.html").read_text()
    assert any("not a valid address" in p.message for p in report.problems)
    assert any("not a valid address" in p.message for p in check_folder(root).problems)
