"""The core's sentences as records: English as the command line prints it, the values
kept apart for the window to translate, and problems that survive being stored (also
rows stored before there were records)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb_app.folderstamp import FolderStamp, read_stamp, write_stamp
from kb_app.manifest import FileState, _problem
from kb_app.messages import Message, said_by, saying, translate
from kb_app.problems import Problem


def test_a_message_is_its_english_sentence() -> None:
    said = translate("Sync", "{where} cannot be reached ({reason}).").format(
        where="https://example.com/t.git", reason="timed out")
    assert str(said) == "https://example.com/t.git cannot be reached (timed out)."
    assert said.context == "Sync" and said.template == "{where} cannot be reached ({reason})."
    assert said.value("where") == "https://example.com/t.git"
    assert f"kb: {said}" == "kb: https://example.com/t.git cannot be reached (timed out)."


def test_values_are_filled_through_the_translation_and_the_digits_given() -> None:
    inner = translate("Index", "{n} file(s)").format(n=12)
    said = translate("Index", "found {what} in {path}").format(what=inner, path="a/2024.md")
    assert str(said) == "found 12 file(s) in a/2024.md"
    bengali = {"found {what} in {path}": "{path}-এ {what} পাওয়া গেছে",
               "{n} file(s)": "{n}টি ফাইল"}
    shown = said.say(lambda _c, text: bengali.get(text, text),
                     lambda n: str(n).translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")))
    assert shown == "a/2024.md-এ ১২টি ফাইল পাওয়া গেছে"  # a path's digits are its own


def test_a_translation_that_does_not_fit_falls_back_to_english() -> None:
    said = translate("Index", "{n} file(s)").format(n=3)
    assert said.say(lambda _c, _t: "{count}টি") == "3 file(s)"


def test_a_message_goes_to_json_and_back_and_rejects_what_it_did_not_write() -> None:
    said = translate("Index", "{path}: {why}").format(
        path="a.md", why=translate("Index", "line {n}").format(n=4))
    again = Message.from_json(json.loads(json.dumps(said.to_json())))
    assert again == said and str(again) == "a.md: line 4"
    for bad in (None, "text", {"context": "x"}, {"context": "x", "template": "{a}"},
                {"context": "x", "template": "t", "values": {"a": [1]}},
                {"context": "x", "template": "t", "values": {"a": True}}):
        assert Message.from_json(bad) is None


def test_an_exception_carries_its_message_and_says_it_in_english() -> None:
    said = translate("Saving", "{path} already exists").format(path="b.md")
    error = saying(FileExistsError, said)
    assert isinstance(error, FileExistsError) and str(error) == "b.md already exists"
    assert said_by(error) is said
    assert said_by(ValueError("plain")) is None


def test_a_problem_says_the_same_line_as_before() -> None:
    said = translate("Problems", "link to {target}: no such file").format(target="'x.md'")
    problem = Problem.of("a.md", said, 3, "warning")
    assert str(problem) == "a.md:3: warning: link to 'x.md': no such file"
    assert problem == Problem("a.md", "link to 'x.md': no such file", 3, "warning")
    assert str(problem.sentence()) == str(problem)
    plain = Problem("b.md", "is empty")
    assert str(plain.sentence()) == str(plain) == "b.md: error: is empty"


def test_problems_survive_the_folder_stamp_and_old_stamps_still_load(tmp_path: Path) -> None:
    said = translate("Problems", "cannot be read: {reason}").format(reason="Permission denied")
    stamp = FolderStamp(3, "/kb", 1.0, 2, {"": 5}, [Problem.of("a.md", said)])
    write_stamp(tmp_path, stamp)
    again = read_stamp(tmp_path)
    assert again is not None and again.problems == stamp.problems
    assert again.problems[0].said == said
    old = json.loads((tmp_path / "folder-stamp.json").read_text())
    old["problems"] = [{"path": "a.md", "message": "is empty", "line": None,
                        "severity": "error"}]  # as stamps were written before
    (tmp_path / "folder-stamp.json").write_text(json.dumps(old))
    again = read_stamp(tmp_path)
    assert again is not None and again.problems == [Problem("a.md", "is empty")]
    assert again.problems[0].said is None


@pytest.mark.parametrize("row", [
    ["is empty", None, "error"],  # a row stored before messages were records
    ["is empty", None, "error", {"context": "Problems"}],  # a record that is not one
    ["is empty", None, "error", {"context": "Problems", "template": "other", "values": {}}],
])
def test_an_old_or_odd_manifest_row_loads_as_its_sentence(row: list[object]) -> None:
    problem = _problem("a.md", row)
    assert problem == Problem("a.md", "is empty") and problem.said is None


def test_a_manifest_row_keeps_its_record() -> None:
    said = translate("Problems", "is empty")
    state = FileState("fp", None, [Problem.of("a.md", said)])
    again = FileState.from_json("a.md", json.loads(json.dumps(state.to_json())))
    assert again == state and again.problems[0].said == said
