"""The export writes only into a folder it may use, and replaces or deletes only files it
can prove it wrote: try to make it overwrite or delete the user's files, and fail.

Tests that aim at real system folders (`/`, `/root`, `/home`) have `system_folder` in
their names: on code without the guard they would write there.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from pathlib import Path

import pytest

from kb_app import export
from kb_app.cli import main
from kb_app.export import build_site
from kb_app.siteout import MANIFEST

MINE = "my own file, not the export's"


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder`: file bytes, None for folders and links."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() and not
                                                p.is_symlink() else None)
            for p in sorted(folder.rglob("*"))}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def refused(kb_dir: Path, out: Path) -> str:
    """The export's refusal (ExportRefused) message; fails the test if it went ahead."""
    try:
        build_site(kb_dir, out)
    except Exception as exc:  # noqa: BLE001 - the type is asserted
        assert isinstance(exc, export.ExportRefused), repr(exc)
        return str(exc)
    pytest.fail(f"the export wrote into {out}")


def cli_export(kb_dir: Path, out: Path, capsys) -> tuple[int, str]:
    code = main(["export", "site", "--articles", str(kb_dir), "--out", str(out)])
    return code, capsys.readouterr().err


@pytest.fixture
def users_folder(tmp_path: Path) -> Path:
    out = tmp_path / "www"
    (out / "img").mkdir(parents=True)
    (out / "index.html").write_text(MINE)
    (out / "site.css").write_text(MINE)
    (out / "img/photo.jpg").write_bytes(b"\xff\xd8\xff" + MINE.encode())
    return out


def test_a_folder_with_the_users_files_is_refused(kb_dir: Path, users_folder: Path,
                                                  capsys) -> None:
    before = snapshot(users_folder)
    assert str(users_folder) in refused(kb_dir, users_folder)
    assert snapshot(users_folder) == before
    code, err = cli_export(kb_dir, users_folder, capsys)
    assert code == 3 and str(users_folder) in err and "not empty" in err
    assert snapshot(users_folder) == before


def test_new_and_empty_folders_are_used(kb_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for out in (tmp_path / "empty", tmp_path / "new" / "site"):
        report = build_site(kb_dir, out)
        assert (out / "index.html").exists() and report.files
        manifest = json.loads((out / MANIFEST).read_text())
        assert manifest["files"] == {f: sha((out / f).read_bytes()) for f in report.files}


def test_reexport_leaves_the_users_files_beside_the_site(kb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(kb_dir, out)
    (out / "notes.txt").write_text(MINE)
    (out / "assets").mkdir()
    (out / "assets/logo.png").write_text(MINE)
    path = kb_dir / "general/warranty.md"
    path.write_text(path.read_text().replace("visibility: public", "visibility: internal"))
    report = build_site(kb_dir, out)
    assert report.removed == ["articles/warranty-policy.html"]
    assert (out / "notes.txt").read_text() == MINE
    assert (out / "assets/logo.png").read_text() == MINE


def test_a_page_the_user_changed_is_kept_not_deleted(kb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(kb_dir, out)
    page = out / "articles/warranty-policy.html"
    page.write_text(MINE)
    path = kb_dir / "general/warranty.md"
    public = path.read_text()
    path.write_text(public.replace("visibility: public", "visibility: internal"))
    report = build_site(kb_dir, out)
    assert page.read_text() == MINE and "articles/warranty-policy.html" not in report.removed
    assert any(str(page) == p.path and "changed" in p.message for p in report.export_problems)
    assert "articles/warranty-policy.html" not in json.loads((out / MANIFEST).read_text())[
        "files"]
    path.write_text(public)  # published again: its page would replace the user's file
    assert "warranty-policy.html" in refused(kb_dir, out)
    assert page.read_text() == MINE


def test_a_generated_file_the_user_changed_is_not_overwritten(kb_dir: Path, tmp_path: Path,
                                                              capsys) -> None:
    out = tmp_path / "site"
    build_site(kb_dir, out)
    (out / "site.css").write_text(MINE)
    before = snapshot(out)
    code, err = cli_export(kb_dir, out, capsys)
    assert code == 3 and "site.css" in err and "changed" in err
    assert snapshot(out) == before


def planted(out: Path, thesis: Path) -> dict[str, object]:
    """Manifests someone else put into the folder, each trying to make the export delete
    or replace a file that is not the export's."""
    mine = sha(MINE.encode())
    v2 = {"format": "gyan-export", "version": 2}
    outside = os.path.relpath(thesis, out)
    return {
        "legacy list": ["Documents/thesis.txt", outside],
        "legacy to user file": ["index.html"],
        "user file, right hash": {**v2, "files": {"Documents/thesis.txt": mine}},
        "outside, right hash": {**v2, "files": {outside: mine}},
        "absolute": {**v2, "files": {str(thesis): mine}},
        "hidden": {**v2, "files": {".bashrc": mine}},
        "wrong hash": {**v2, "files": {"index.html": sha(b"what the export wrote")}},
        "pending wrong hash": {**v2, "files": {}, "pending": {"index.html": "0" * 64}},
        "files is a list": {**v2, "files": ["index.html"]},
        "hash not hex": {**v2, "files": {"index.html": "x" * 64}},
        "version 3": {**v2, "version": 3, "files": {}},
        "no format": {"version": 2, "files": {}},
        "not an object": "gyan-export",
    }


@pytest.mark.parametrize("case", list(planted(Path("/x/site"), Path("/x/thesis.txt"))))
def test_a_planted_manifest_does_not_make_the_folder_the_exports(kb_dir: Path, tmp_path: Path,
                                                                 case: str) -> None:
    out = tmp_path / "a" / "site"
    thesis = tmp_path / "thesis.txt"
    thesis.write_text(MINE)
    (out / "Documents").mkdir(parents=True)
    (out / "Documents/thesis.txt").write_text(MINE)
    (out / "index.html").write_text(MINE)
    (out / MANIFEST).write_text(json.dumps(planted(out, thesis)[case]))
    before = snapshot(out)
    assert str(out) in refused(kb_dir, out)
    assert snapshot(out) == before and thesis.read_text() == MINE


@pytest.mark.parametrize("text", ["{", "", "\xff\xfe", "[1, 2", "null"])
def test_a_malformed_manifest_is_refused(kb_dir: Path, tmp_path: Path, text: str) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / MANIFEST).write_text(text, encoding="latin-1")
    (out / "index.html").write_text(MINE)
    assert re.search("manifest|JSON|gyan-export", refused(kb_dir, out))
    assert (out / "index.html").read_text() == MINE


def test_a_manifest_that_is_a_link_is_refused(kb_dir: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    build_site(kb_dir, real)
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_bytes((real / "index.html").read_bytes())
    os.symlink(real / MANIFEST, out / MANIFEST)
    refused(kb_dir, out)


def test_a_stale_file_with_other_bytes_is_kept(kb_dir: Path, tmp_path: Path) -> None:
    """A valid manifest someone planted to delete a photo: the photo's bytes are not what
    it records, so it stays (reported), and the export goes on around it."""
    out = tmp_path / "site"
    (out / "assets").mkdir(parents=True)
    photo = out / "assets/photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + MINE.encode())
    (out / MANIFEST).write_text(json.dumps({"format": "gyan-export", "version": 2,
                                            "files": {"assets/photo.jpg": "0" * 64}}))
    report = build_site(kb_dir, out)
    assert photo.read_bytes() == b"\xff\xd8\xff" + MINE.encode()
    assert report.removed == [] and any(p.path == str(photo) for p in report.export_problems)
    assert "assets/photo.jpg" not in json.loads((out / MANIFEST).read_text())["files"]


def test_an_interrupted_export_leaves_a_folder_the_next_one_accepts(kb_dir: Path,
                                                                    tmp_path: Path,
                                                                    monkeypatch) -> None:
    out = tmp_path / "site"
    build_site(kb_dir, out)
    path = kb_dir / "general/warranty.md"
    path.write_text(path.read_text().replace("one-year", "two-year"))
    real_write = export.SiteFolder.write
    calls = []

    def crash_midway(self, rel: str, data: bytes) -> None:
        calls.append(rel)
        if len(calls) == 6:
            raise OSError("disk full")
        real_write(self, rel, data)

    monkeypatch.setattr(export.SiteFolder, "write", crash_midway)
    with pytest.raises(OSError):
        build_site(kb_dir, out)
    monkeypatch.undo()
    report = build_site(kb_dir, out)
    assert "two-year" in (out / "articles/warranty-policy.html").read_text()
    assert "pending" not in json.loads((out / MANIFEST).read_text()) and report.files


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "users" / "me"
    folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.mark.parametrize("which", ["home", "parent of home", "articles", "inside articles",
                                   "parent of articles", "a file"])
def test_folders_that_must_never_be_a_site_are_refused(kb_dir: Path, tmp_path: Path,
                                                       home: Path, which: str,
                                                       capsys) -> None:
    (tmp_path / "file.txt").write_text(MINE)
    out = {"home": home, "parent of home": home.parent, "articles": kb_dir,
           "inside articles": kb_dir / "general" / "site", "parent of articles": tmp_path,
           "a file": tmp_path / "file.txt"}[which]
    before = snapshot(tmp_path)
    assert str(out.resolve()) in refused(kb_dir, out)
    code, err = cli_export(kb_dir, out, capsys)
    assert code == 3 and str(out.resolve()) in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("out", ["/", "/root", "/home", "~"])
def test_system_folder_is_refused(kb_dir: Path, out: str, capsys) -> None:
    target = Path(out).expanduser()
    assert re.search("root of the file system|home folder", refused(kb_dir, target))
    code, err = cli_export(kb_dir, Path(out), capsys)
    assert code == 3 and "will not export into" in err
    assert not (Path("/") / MANIFEST).exists()


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield 0o022
    os.umask(old)


def test_exported_files_are_readable_by_a_web_server(kb_dir: Path, tmp_path: Path,
                                                     umask_022: int) -> None:
    (kb_dir / "general/img").mkdir()
    (kb_dir / "general/img/chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    path = kb_dir / "general/warranty.md"
    path.write_text(path.read_text() + "\n![Chart](img/chart.png)\n")
    out = tmp_path / "site"
    build_site(kb_dir, out)
    assert (out / "assets/general/img/chart.png").exists()
    for item in [out, *out.rglob("*")]:
        mode = stat.S_IMODE(item.stat().st_mode)
        want = (0o777 if item.is_dir() else 0o666) & ~umask_022
        assert mode == want, f"{item.relative_to(out)}: {oct(mode)}"
