"""Article ids name files: try to write outside the site, over its own pages, or over
another article, and fail. Every write goes through one function that proves where it
lands."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kb_app import export
from kb_app.checks import check_folder
from kb_app.export import build_site
from kb_app.siteout import SiteFolder
from tests.conftest import write
from tests.test_export_folder import refused

IDS = {
    "escape.md": "../../escaped-page",
    "four.md": "../404",
    "minus.md": "a-b",
    "plus.md": "a+b",
    "index.md": "index",
    "absolute.md": "/tmp/gyan-absolute-page",
    "dots.md": "..",
    "hidden.md": ".hidden",
    "css.md": "../site.css",
    "assets.md": "../assets/x",
    "upper.md": "Case",
    "lower.md": "case",
    "win.md": "..\\..\\win",
}


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@pytest.fixture
def hostile_ids(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    for name, article_id in IDS.items():
        write(root, name, f"---\nid: '{article_id}'\ntitle: Title of {name}\nvisibility: public"
                          f"\nsummary: Summary of {name}\n---\nBody of {name}\n", dedent=False)
    return root


def test_ids_never_write_outside_or_over_the_site(tmp_path: Path, hostile_ids: Path) -> None:
    out = tmp_path / "a" / "b" / "site"
    before = files_under(tmp_path)
    report = build_site(hostile_ids, out)
    outside = {f for f in files_under(tmp_path) - before if not f.startswith("a/b/site")}
    assert outside == {"a", "a/b"}
    assert not Path("/tmp/gyan-absolute-page.html").exists()
    assert "Page not found" in (out / "404.html").read_text()
    assert "Body of" not in (out / "404.html").read_text() + (out / "index.html").read_text()
    assert "Title of index.md" in (out / "index.html").read_text()  # a link on the home page
    assert (out / "site.css").read_text().startswith(":root")
    pages = sorted((out / "articles").rglob("*.html"))
    assert len(pages) == len(IDS) == report.articles
    for name in IDS:  # each article on exactly one page of its own
        assert [p.name for p in pages if f"Body of {name}<" in p.read_text()], name
        assert sum(f"Body of {name}<" in p.read_text() for p in pages) == 1, name
    assert not [f for f in files_under(out) if f.split("/")[-1].startswith(".")
                and f != ".gyan-export.json"]


def test_a_name_clash_is_reported_naming_both_files(tmp_path: Path, hostile_ids: Path) -> None:
    report = build_site(hostile_ids, tmp_path / "site")
    clashes = [p for p in report.problems if "already used" in p.message]
    assert any(p.path == "plus.md" and "minus.md" in p.message for p in clashes)
    assert any(p.path == "upper.md" and "lower.md" in p.message for p in clashes)
    index = (tmp_path / "site/index.html").read_text()
    assert index.count('href="articles/') == len(IDS)
    sitemap = (tmp_path / "site/sitemap.xml").read_text()
    assert sitemap.count("<loc>articles/") == len(IDS)


def test_kb_check_reports_the_clash_before_publishing(hostile_ids: Path) -> None:
    problems = [p for p in check_folder(hostile_ids).problems if "already used" in p.message]
    assert [p.path for p in problems] == ["plus.md", "upper.md"]


def test_renames_are_deterministic(tmp_path: Path, hostile_ids: Path) -> None:
    first = build_site(hostile_ids, tmp_path / "one").files
    assert build_site(hostile_ids, tmp_path / "two").files == first


@pytest.mark.parametrize("files", [("a.md", "b.md"), ("b.md", "a.md")])
def test_a_page_and_a_folder_of_the_same_name_both_publish(tmp_path: Path,
                                                           files: tuple[str, str]) -> None:
    """Ids `x` and `x.html/y` want articles/x.html as a page and as a folder: the export
    once stopped whole ("will not write into articles/x.html: it is a link or a file").
    Whichever file comes second is published under a name of its own, and said."""
    root = tmp_path / "kb"
    page, folder = files
    write(root, page, "---\nid: x\nvisibility: public\n---\nPage X\n")
    write(root, folder, "---\nid: x.html/y\nvisibility: public\n---\nPage Y\n")
    report = build_site(root, tmp_path / "site")
    pages = sorted(f for f in report.files if f.startswith("articles/"))
    assert len(pages) == 2
    texts = [(tmp_path / "site" / f).read_text() for f in pages]
    assert any("Page X" in t for t in texts) and any("Page Y" in t for t in texts)
    [said] = [p for p in report.problems if "stands in the way" in p.message]
    assert said.path == "b.md" and "a.md" in said.message
    assert [p.path for p in check_folder(root).problems if "stands in the way" in p.message] \
        == ["b.md"]


def test_an_id_of_many_long_parts_gets_a_page_the_file_system_takes(tmp_path: Path) -> None:
    """60 parts of 80 letters: once "File name too long", the export stopped partway."""
    root = tmp_path / "kb"
    write(root, "deep.md", "---\nid: " + "/".join(["x" * 80] * 60)
          + "\nvisibility: public\n---\nDeep\n")
    write(root, "other.md", "---\nid: other\nvisibility: public\n---\nOther\n")
    report = build_site(root, tmp_path / "site")
    pages = [f for f in report.files if f.startswith("articles/")]
    assert len(pages) == 2 and all(len(f) < 120 for f in pages)
    assert any("Deep" in (tmp_path / "site" / f).read_text() for f in pages)


def test_a_very_long_id_gets_a_short_page_name(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    write(root, "long.md", f"---\nid: {'x' * 300}/{'y' * 300}\nvisibility: public\n---\nLong\n")
    report = build_site(root, tmp_path / "site")
    [page] = [f for f in report.files if f.startswith("articles/")]
    assert all(len(part) <= 80 + len(".html") for part in page.split("/"))
    assert "Long" in (tmp_path / "site" / page).read_text()


@pytest.mark.parametrize("rel", ["../x.html", "/etc/x.html", "articles/../../x.html",
                                 ".hidden", "articles/.x.html", "a\\..\\x", "", ".",
                                 "articles//x.html", "C:/x.html"])
def test_the_one_write_refuses_paths_out_of_the_folder(tmp_path: Path, rel: str) -> None:
    folder = SiteFolder.open(tmp_path / "site", tmp_path / "kb")
    with pytest.raises(export.ExportRefused):
        folder.write(rel, b"x")
    assert files_under(tmp_path) <= {"site"}


@pytest.mark.parametrize("link", ["articles", "faq", "index.html", "articles/refund-policy.html"])
def test_a_link_planted_in_the_site_is_not_written_through(tmp_path: Path, kb_dir: Path,
                                                           link: str) -> None:
    out = tmp_path / "site"
    build_site(kb_dir, out)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine")
    target = out / link
    if target.is_dir():
        for child in target.iterdir():
            child.unlink()
        target.rmdir()
        os.symlink(elsewhere, target)
    else:
        target.unlink()
        os.symlink(elsewhere / "keep.txt", target)
    assert "site" in refused(kb_dir, out)
    assert files_under(elsewhere) == {"keep.txt"}
    assert (elsewhere / "keep.txt").read_text() == "mine"


def test_image_paths_are_named_inside_assets(tmp_path: Path) -> None:
    root, out = tmp_path / "kb", tmp_path / "site"
    (root / "img").mkdir(parents=True)
    (root / "img/a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    write(root, "sub/page.md", "---\nvisibility: public\n---\n![a](../img/a.png) "
                               "![b](../img/../img/a.png) ![c](../img/./a.png)\n")
    build_site(root, out)
    assert sorted(f for f in files_under(out) if f.startswith("assets/")) == [
        "assets/img", "assets/img/a.png"]
