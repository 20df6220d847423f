import json
import subprocess
import sys
from pathlib import Path

import pytest

from kb_app import config
from kb_app.cli import main
from tests.conftest import write


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_shape(kb_dir: Path, tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "search", "refu", "--articles", str(kb_dir), "--index",
                       str(tmp_path / "ix"), "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"query", "corrected", "total", "results"}
    first = data["results"][0]
    assert {"id", "title", "path", "product", "tags", "language", "summary", "snippet",
            "score"} <= set(first)
    assert first["id"] == "refund-policy" and first["path"] == "general/refund-policy.md"
    assert "<mark>" in first["snippet"]


def test_relative_folders_as_typed_in_a_shell(kb_dir: Path, tmp_path: Path, capsys,
                                              monkeypatch) -> None:
    """`kb search refund --articles a --index ix` from the folder holding both: a relative
    index folder once ended in a traceback (its manifest is opened by file URI)."""
    monkeypatch.chdir(kb_dir.parent)
    common = ["--articles", kb_dir.name, "--index", "ix"]
    assert run(capsys, "index", *common)[0] == 0
    code, out, err = run(capsys, "search", "refund", *common, "--json")
    assert code == 0, err
    assert json.loads(out)["results"][0]["id"] == "refund-policy"
    assert (kb_dir.parent / "ix").is_dir()  # where it was typed


def test_search_sees_files_changed_since_last_run(kb_dir: Path, tmp_path: Path,
                                                  capsys) -> None:
    args = ["--articles", str(kb_dir), "--index", str(tmp_path / "ix"), "--json"]
    run(capsys, "search", "anything", *args)
    write(kb_dir, "late.md", "---\nid: late\n---\nNarwhal policy\n")
    _, out, _ = run(capsys, "search", "narwhal", *args)
    assert [r["id"] for r in json.loads(out)["results"]] == ["late"]


def test_batch_mode_prints_one_object_per_line_in_order(kb_dir: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kb_app", "search", "-", "--articles", str(kb_dir), "--index",
         str(tmp_path / "ix")],
        input="warranty\nwarrenty\n\n\"broken\nগ্রাহকদের\n", capture_output=True, text=True,
        timeout=60, check=True)
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [x["query"] for x in lines] == ["warranty", "warrenty", "", '"broken', "গ্রাহকদের"]
    assert lines[1]["corrected"] == "warranty"
    assert lines[4]["results"][0]["id"] == "bn-complaints"


def test_human_output_and_filters(kb_dir: Path, tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "search", "app", "--articles", str(kb_dir), "--index",
                       str(tmp_path / "ix"), "--product", "AirNest Router")
    assert code == 0 and "Set up the AirNest router" in out and "[app]" in out


def test_show_by_id_and_unknown_id(kb_dir: Path, tmp_path: Path, capsys) -> None:
    args = ["--articles", str(kb_dir), "--index", str(tmp_path / "ix")]
    code, out, _ = run(capsys, "show", "refund-policy", *args)
    assert code == 0 and "Quick answer: Refunds are paid" in out and "RF-2" in out
    code, _, err = run(capsys, "show", "no-such-id", *args)
    assert code == 1 and "no-such-id" in err


def test_check_reports_each_problem_and_exits_non_zero(kb_dir: Path, capsys) -> None:
    assert run(capsys, "check", "--articles", str(kb_dir))[0] == 0
    (kb_dir / "bin.md").write_bytes(b"\x00\x01")
    write(kb_dir, "date.md", "---\nreview_by: next week\n---\nSee [x](missing.md)\n")
    code, out, _ = run(capsys, "check", "--articles", str(kb_dir))
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith("bin.md: error:") and "binary" in line for line in lines)
    assert any(line.startswith("date.md:2: warning: review_by") for line in lines)
    assert any(line.startswith("date.md:4: warning: link to 'missing.md'") for line in lines)


def test_index_command_and_default_cache_location(kb_dir: Path, capsys) -> None:
    code, out, _ = run(capsys, "index", "--articles", str(kb_dir))
    assert code == 0 and "7 articles indexed" in out
    default = config.default_index_dir(kb_dir)
    assert (default / "CURRENT").exists()
    assert kb_dir not in default.parents
    code, out, _ = run(capsys, "index", "--articles", str(kb_dir), "--rebuild")
    assert "rebuilt" in out


def test_missing_articles_folder_is_a_usage_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "search", "x", "--articles", str(tmp_path / "nope"))
    assert code == 2 and "not found" in err


def _refuse_writes_under(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every open for writing under `folder` fails as on a read-only file system."""
    import errno
    import os

    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        writing = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if writing and str(path).startswith(str(folder)):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)


def _check_read_only_index(kb_dir: Path, index: Path, capsys) -> None:
    args = ["--articles", str(kb_dir), "--index", str(index)]
    code, out, err = run(capsys, "index", *args)
    assert code == 3 and out == ""
    assert "Read-only file system" in err and "writable" in err and "--index" in err
    assert "Traceback" not in err
    code, out, err = run(capsys, "search", "warranty", *args)
    assert code == 0 and "Warranty policy" in out
    assert "warning" in err and "not brought up to date" in err


def test_a_read_only_index_folder_is_a_clear_error(kb_dir: Path, tmp_path: Path, capsys,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    index = tmp_path / "ix"
    assert run(capsys, "index", "--articles", str(kb_dir), "--index", str(index))[0] == 0
    write(kb_dir, "late.md", "---\nid: late\n---\nNarwhal\n")
    _refuse_writes_under(index, monkeypatch)
    _check_read_only_index(kb_dir, index, capsys)


def test_a_read_only_file_system(kb_dir: Path, tmp_path: Path, capsys) -> None:
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        index = mount / "ix"
        assert run(capsys, "index", "--articles", str(kb_dir), "--index", str(index))[0] == 0
        write(kb_dir, "late.md", "---\nid: late\n---\nNarwhal\n")
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        _check_read_only_index(kb_dir, index, capsys)
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_an_index_that_cannot_be_built_says_what_to_do(kb_dir: Path, tmp_path: Path,
                                                       capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "search", "x", "--articles", str(kb_dir), "--index",
                       str(blocker / "ix"))
    assert code == 3 and "cannot create the index folder" in err and "To fix:" in err


def test_search_leaves_drafts_out_unless_asked(kb_dir: Path, tmp_path: Path, capsys) -> None:
    args = ["search", "satellite", "--articles", str(kb_dir), "--index",
            str(tmp_path / "ix"), "--json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["results"] == []
    assert main([*args, "--drafts"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)["results"]] == ["mesh-draft"]


def test_an_output_file_never_replaces_an_article(kb_dir: Path, tmp_path: Path,
                                                  capsys) -> None:
    """`kb export json --out`, `kb report --html` and `kb report --export` once wrote over
    an article given by a slip of the path (exit 0, and `kb check` still passed)."""
    common = ["--articles", str(kb_dir), "--index", str(tmp_path / "ix")]
    article = kb_dir / "general" / "refund-policy.md"
    before = article.read_bytes()
    link = tmp_path / "out.json"
    link.symlink_to(article)
    for args in (["export", "json", "--out", str(article), *common[:2]],
                 ["export", "json", "--out", str(link), *common[:2]],
                 ["report", "--html", str(article), *common],
                 ["report", "--export", str(article), *common]):
        code, _, err = run(capsys, *args)
        assert code != 0 and "inside the articles folder" in err, args
        assert article.read_bytes() == before
    code, _, err = run(capsys, "export", "json", "--out", str(tmp_path), *common[:2])
    assert code != 0 and "it is a folder" in err


def test_a_desk_that_recorded_nothing_exports_an_empty_signals_file(kb_dir: Path,
                                                                    tmp_path: Path,
                                                                    capsys) -> None:
    """Searched only from the command line (which records nothing): once a traceback."""
    out = tmp_path / "desk.jsonl"
    code, said, _ = run(capsys, "report", "--export", str(out), "--articles", str(kb_dir),
                        "--index", str(tmp_path / "ix"))
    assert code == 0 and "empty" in said and out.read_bytes() == b""
    code, _, err = run(capsys, "report", "--export", str(tmp_path / "no" / "such" / "x"),
                       "--articles", str(kb_dir), "--index", str(tmp_path / "ix"))
    assert code == 3 and "cannot write" in err


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "cp1252"},
                                 {"LC_ALL": "C", "PYTHONUTF8": "0",
                                  "PYTHONIOENCODING": "ascii"}])
def test_output_that_cannot_hold_bengali_gets_question_marks_not_a_traceback(
        kb_dir: Path, tmp_path: Path, env: dict[str, str]) -> None:
    """Windows' ANSI code page when `kb search x > out.txt` redirects, an ASCII locale:
    once a UnicodeEncodeError after the search was done."""
    import os

    common = ["--articles", str(kb_dir), "--index", str(tmp_path / "ix")]
    for args in (["show", "bn-complaints"], ["search", "অভিযোগ", "--no-meaning"],
                 ["search", "অভিযোগ", "--json"]):
        done = subprocess.run([sys.executable, "-m", "kb_app", *args, *common],
                              env={**os.environ, **env}, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        assert b"Traceback" not in done.stderr
        if args[0] == "show":  # the Bengali title, as the encoding can hold it
            assert b"?" in done.stdout


def test_control_characters_reach_a_terminal_as_escapes_not_commands(kb_dir: Path,
                                                                     tmp_path: Path) -> None:
    """A teammate's signals line (or an article's title) with ESC sequences once cleared
    the screen and retitled the terminal of whoever ran `kb report`."""
    import os
    import pty

    signals_file = tmp_path / "friend.jsonl"
    signals_file.write_text(json.dumps(
        {"id": "f:1", "kind": "search", "at": "2026-11-24T10:00:00+00:00", "desk": "f",
         "query": "zzq\x1b]0;PWNED\x07\x1b[2J\rRED", "results": 0}) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "kb_app", "report", "--articles", str(kb_dir),
               "--index", str(tmp_path / "ix"), "--import", str(signals_file),
               "--since", "2026-11-01"]
    main_end, child_end = pty.openpty()
    done = subprocess.run(command, stdout=child_end, stderr=child_end, timeout=120)
    os.close(child_end)
    shown = b""
    while True:
        try:
            chunk = os.read(main_end, 65536)
        except OSError:  # the child's end closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(main_end)
    assert done.returncode == 0, shown
    assert b"zzq\\x1b]0;PWNED\\x07\\x1b[2J" in shown and b"\x1b" not in shown
    piped = subprocess.run(command, capture_output=True, timeout=120)  # a file: as it is
    assert b"\x1b[2J" in piped.stdout


def test_a_folder_name_that_is_not_utf8_is_a_clear_error(kb_dir: Path, tmp_path: Path,
                                                         capsys) -> None:
    """A name in another encoding reaches Python as surrogates: once a traceback where
    the index's manifest or a page is written."""
    import os
    import shutil

    odd = Path(os.fsdecode(bytes(tmp_path) + b"/a\xff"))
    shutil.copytree(kb_dir, odd)
    code, _, err = run(capsys, "index", "--articles", str(odd), "--index", str(tmp_path / "i"))
    assert code == 2 and "--articles" in err and "a\\xff is not valid UTF-8" in err
    code, _, err = run(capsys, "export", "site", "--articles", str(kb_dir), "--out",
                       str(tmp_path / "site"), "--title", os.fsdecode(b"Help \xff"))
    assert code == 2 and "--title" in err
    code, out, _ = run(capsys, "search", os.fsdecode(b"refund \xff"), "--articles",
                       str(kb_dir), "--index", str(tmp_path / "ix"), "--no-meaning")
    assert code == 0 and "refund" in out  # a query is searched, whatever its bytes


def test_an_error_no_command_foresaw_names_its_file(kb_dir: Path, tmp_path: Path, capsys,
                                                    monkeypatch) -> None:
    """GYAN_DATA_DIR set to a file: once a NotADirectoryError traceback from kb report."""
    data = tmp_path / "data-is-a-file"
    data.write_text("")
    monkeypatch.setenv("GYAN_DATA_DIR", str(data))
    code, _, err = run(capsys, "report", "--articles", str(kb_dir), "--index",
                       str(tmp_path / "ix"))
    assert code == 3 and str(data) in err and "Not a directory" in err
