"""kb new / move / archive / delete / history / restore, as a terminal user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb_app import cli_edit, config
from kb_app.cli import main
from tests.conftest import write


@pytest.fixture(autouse=True)
def _author(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GYAN_AUTHOR", "Nusrat Jahan")


@pytest.fixture
def kb(kb_dir: Path, tmp_path: Path, capsys):
    """Run `kb COMMAND ... --articles <kb_dir> --index <tmp>`: (exit code, stdout, stderr)."""
    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--articles", str(kb_dir), "--index", str(tmp_path / "ix")])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def history(kb, ref: str) -> list[dict]:
    code, out, _ = kb("history", ref, "--json")
    assert code == 0
    return json.loads(out)


def test_new_prints_the_path_of_a_recorded_draft(kb, kb_dir: Path) -> None:
    code, out, err = kb("new", "complaint-playbook", "Noisy fan", "--product", "AirNest Router",
                        "-m", "Fan complaints are up")
    assert (code, out) == (0, "airnest-router/noisy-fan.md\n") and "revision" in err
    text = (kb_dir / "airnest-router/noisy-fan.md").read_text()
    assert "id: noisy-fan" in text and "status: draft" in text and "# Noisy fan" in text
    [revision] = history(kb, "noisy-fan")
    assert revision["author"].startswith("Nusrat Jahan") and \
        revision["note"] == "Fan complaints are up"
    assert kb("new", "Complaint playbook", "Noisy fan", "--product", "AirNest Router")[1] == \
        "airnest-router/noisy-fan-2.md\n"
    code, out, _ = kb("new", "how-to-bn", "রাউটার রিসেট", "--path", "bn/reset.md", "--id",
                      "bn-reset")
    assert (code, out) == (0, "bn/reset.md\n")
    assert "language: bn" in (kb_dir / "bn/reset.md").read_text()
    assert "id: bn-reset" in (kb_dir / "bn/reset.md").read_text()


def test_new_usage_errors(kb, kb_dir: Path) -> None:
    code, _, err = kb("new", "poem", "Title")
    assert code == 2 and "faq-answer" in err  # the choices are listed
    assert kb("new", "how-to", "  ")[0] == 2
    assert kb("new", "how-to", "Escape", "--path", "../escape.md")[0] == 2
    code, _, err = kb("new", "how-to", "Warranty", "--path", "general/warranty.md")
    assert code == 2 and "general/warranty.md already exists" in err  # once "changed on disk"
    code, _, err = kb("new", "how-to", "Warranty", "--id", "warranty-policy")
    assert code == 1 and "id:" in err and "warranty-policy" in err  # a clash: problems
    assert not (kb_dir / "general/warranty.md").read_text().count("How-to")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def test_a_move_that_fails_changes_nothing(kb, kb_dir: Path, monkeypatch) -> None:
    """A move whose new folder is a file's name, or whose writes fail midway, once left
    the other articles' links rewritten to an article that never moved."""
    write(kb_dir, "general/linker.md", "---\ntitle: Linker\n---\nSee [w](warranty.md).\n")
    write(kb_dir, "general/other-linker.md", "---\ntitle: Other\n---\n[w](warranty.md)\n")
    before = snapshot(kb_dir)
    code, _, err = kb("move", "warranty-policy", "general/linker.md/warranty.md")
    assert code != 0 and "linker.md" in err
    assert snapshot(kb_dir) == before

    from kb_app import editing

    real = editing.atomic_write_bytes
    calls = []

    def full_disk_on_the_third(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(editing, "atomic_write_bytes", full_disk_on_the_third)
    code, _, err = kb("move", "warranty-policy", "care/warranty.md")
    assert code != 0 and "No space left" in err and len(calls) > 3  # and then put back
    monkeypatch.setattr(editing, "atomic_write_bytes", real)
    assert snapshot(kb_dir) == before
    assert kb("move", "warranty-policy", "care/warranty.md")[0] == 0  # and it still can


def test_a_session_move_archive_delete_history_restore(kb, kb_dir: Path) -> None:
    write(kb_dir, "general/linker.md", "---\ntitle: Linker\n---\nSee [w](warranty.md).\n")
    code, out, err = kb("move", "warranty-policy", "care/warranty.md", "-m", "Care owns it")
    assert (code, out) == (0, "care/warranty.md\n") and "1 other article" in err
    assert "(../care/warranty.md)" in (kb_dir / "general/linker.md").read_text()
    code, out, _ = kb("archive", "warranty-policy", "--author", "Rafiq Islam")
    assert (code, out) == (0, "care/warranty.md\n")
    assert "status: archived" in (kb_dir / "care/warranty.md").read_text()
    code, _, err = kb("delete", "warranty-policy")
    assert code == 2 and "--yes" in err and (kb_dir / "care/warranty.md").exists()
    assert kb("delete", "warranty-policy", "--yes", "-m", "Gone")[0] == 0
    assert not (kb_dir / "care/warranty.md").exists()
    code, out, _ = kb("history", "care/warranty.md")  # deleted: found by its path
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert "Nusrat Jahan" in lines[0] and lines[0].endswith("Gone")
    assert "Rafiq Islam" in lines[1] and "Archive care/warranty.md" in lines[1]
    assert lines[2].endswith("Care owns it")
    moved_revision = lines[2].split()[0]
    code, out, err = kb("restore", "care/warranty.md", moved_revision)
    assert (code, out) == (0, "care/warranty.md\n")
    restored = (kb_dir / "care/warranty.md").read_text()
    assert "status: archived" not in restored and "manufacturing faults" in restored
    assert history(kb, "warranty-policy")[0]["note"].startswith("Restore the revision of")


def test_exit_codes_for_what_is_not_there(kb) -> None:
    assert kb("archive", "no-such-article")[0] == 1
    assert kb("history", "no-such-article")[0] == 1
    code, _, err = kb("restore", "warranty-policy", "0000000")
    assert code == 1 and "kb history" in err
    code, _, err = kb("move", "warranty-policy", "general/refund-policy.md")
    assert code == 3 and "already exists" in err


def test_the_author_comes_from_the_option_the_environment_or_git(kb, monkeypatch) -> None:
    monkeypatch.delenv("GYAN_AUTHOR")
    monkeypatch.setattr(cli_edit, "git_user_name", lambda folder: None)
    code, _, err = kb("archive", "warranty-policy")
    assert code == 2 and "--author" in err and "GYAN_AUTHOR" in err and "user.name" in err
    monkeypatch.setattr(cli_edit, "git_user_name", lambda folder: "Git Name")
    assert kb("archive", "warranty-policy")[0] == 0
    assert history(kb, "warranty-policy")[0]["author"].startswith("Git Name")
    monkeypatch.setenv("GYAN_AUTHOR", "Env Name")
    assert kb("archive", "refund-policy")[0] == 0
    assert history(kb, "refund-policy")[0]["author"].startswith("Env Name")


def test_the_bundled_sample_is_not_edited(kb_dir: Path, tmp_path: Path, capsys,
                                          monkeypatch) -> None:
    monkeypatch.setattr(config, "bundled_articles_dir", lambda: kb_dir)
    before = (kb_dir / "general/warranty.md").read_bytes()
    code = main(["archive", "warranty-policy", "--index", str(tmp_path / "ix")])
    assert code == 3 and "bundled sample" in capsys.readouterr().err
    assert (kb_dir / "general/warranty.md").read_bytes() == before
