"""The editor's form <-> file logic and its 3-way merge, as plain values (no Qt, no disk)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kb_app.authoring import (
    Edit,
    compose,
    form_values,
    free_path,
    link_markdown,
    merge,
)
from kb_app.editing import Fingerprint
from kb_app.templates import new_article_text
from tests.conftest import write

PATH = "general/warranty.md"
BASE = """---
id: warranty-policy
title: Warranty policy
product: General
tags: [warranty]
summary: Every device has a one-year warranty.
visibility: public
custom: {keep: me}   # staff comment
---
# Warranty policy

The warranty covers manufacturing faults.

It does not cover water damage.
"""


def edit() -> Edit:
    return Edit.from_text(BASE, PATH, Fingerprint.of(BASE.encode()))


def test_an_unchanged_edit_composes_the_very_same_text() -> None:
    assert compose(edit()) == BASE and not edit().changed


def test_only_the_changed_fields_lines_are_rewritten() -> None:
    changed = edit().with_fields(title="Warranty, explained", tags="warranty,  repair ")
    assert changed.changed
    assert compose(changed) == BASE.replace("title: Warranty policy",
                                            "title: Warranty, explained").replace(
        "tags: [warranty]", "tags: [warranty, repair]")


def test_defaults_the_form_shows_are_never_added_and_emptied_fields_are_removed() -> None:
    assert edit().value("language") == "en" and edit().value("status") == "published"
    text = compose(edit().with_body("New body.\n").with_fields(summary=""))
    assert "language" not in text and "status" not in text and "summary" not in text
    assert text.endswith("---\nNew body.\n") and "custom: {keep: me}   # staff comment" in text


def test_form_values_read_from_the_text() -> None:
    values = form_values(BASE.replace("visibility: public", "review_by: 2027-01-31"), PATH)
    assert values["tags"] == "warranty" and values["review_by"] == "2027-01-31"
    assert values["visibility"] == "internal"  # the default, shown
    assert form_values("# Plain\n", "a/b.md")["id"] == "a/b"  # the default id: the path


def test_a_new_articles_id_is_empty_until_it_is_saved() -> None:
    new = Edit.from_text(new_article_text("How-to", "Reset the router"))
    assert new.path is None and new.is_new and new.value("id") == ""
    assert new.value("status") == "draft" and "id:" not in compose(new)
    assert Edit.from_text("---\nid: given\n---\nx").value("id") == "given"


def test_an_unreadable_front_matter_still_opens() -> None:
    broken = Edit.from_text("---\ntitle: [unclosed\n---\nBody text\n", "x.md")
    assert broken.value("title") == "" and broken.body == "Body text\n"
    assert compose(broken.with_body("Better\n")).endswith("---\nBetter\n")


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValueError, match="colour"):
        edit().with_fields(colour="red")


def theirs(text: str) -> Edit:
    return Edit.from_text(text, PATH, Fingerprint.of(text.encode()))


def test_merge_a_field_only_they_changed_takes_theirs() -> None:
    result = merge(edit(), theirs(BASE.replace("tags: [warranty]", "tags: [warranty, repair]")))
    assert result.edit.value("tags") == "warranty, repair" and result.conflicts == 0


def test_merge_a_field_only_i_changed_keeps_mine() -> None:
    mine = edit().with_fields(owner="Nusrat")
    result = merge(mine, theirs(BASE.replace("faults.", "faults and wear.")))
    assert result.edit.value("owner") == "Nusrat" and result.field_clashes == {}
    assert "faults and wear." in result.edit.body


def test_merge_a_field_both_changed_keeps_mine_with_a_note() -> None:
    mine = edit().with_fields(title="My title")
    result = merge(mine, theirs(BASE.replace("title: Warranty policy", "title: Their title")))
    assert result.edit.value("title") == "My title"
    assert set(result.field_clashes) == {"title"} and "Their title" in result.field_clashes[
        "title"]
    assert result.conflicts == 1


def test_merge_bodies_changed_in_different_places_take_both_without_markers() -> None:
    mine = edit().with_body(edit().body.replace("# Warranty policy", "# Warranty policy\n\nMine."))
    result = merge(mine, theirs(BASE.replace("water damage", "flood damage")))
    assert "Mine." in result.edit.body and "flood damage" in result.edit.body
    assert "<<<<<<<" not in result.edit.body and result.body_conflicts == 0


def test_merge_the_same_line_changed_on_both_sides_is_marked() -> None:
    mine = edit().with_body(edit().body.replace("water damage", "fire damage"))
    result = merge(mine, theirs(BASE.replace("water damage", "storm damage")))
    body = result.edit.body
    assert result.body_conflicts == 1
    assert body.index("<<<<<<< mine") < body.index("fire") < body.index("storm") < body.index(
        ">>>>>>> theirs")


def test_a_merged_edit_writes_only_my_changes_over_their_file() -> None:
    their_text = BASE.replace("custom: {keep: me}", "custom: {keep: them}").replace(
        "water damage", "flood damage")
    mine = edit().with_fields(owner="Nusrat")
    merged = merge(mine, theirs(their_text)).edit
    assert merged.fingerprint == Fingerprint.of(their_text.encode())  # saved over theirs
    assert compose(merged) == their_text.replace("# staff comment\n---",
                                                 "# staff comment\nowner: Nusrat\n---")


def test_with_an_unknown_base_every_difference_is_marked() -> None:
    recovered = replace(edit(), fingerprint=Fingerprint(-1, "gone")).with_text(
        BASE.replace("title: Warranty policy", "title: Recovered").replace("faults.", "bugs."))
    result = merge(recovered, theirs(BASE.replace("water damage", "flood damage")))
    assert result.body_conflicts == 2 and set(result.field_clashes) == {"title"}


def test_new_paths_come_from_product_and_title_and_never_clash(tmp_path: Path) -> None:
    assert free_path(tmp_path, "AirNest Router", "Noisy fan?") == "airnest-router/noisy-fan.md"
    assert free_path(tmp_path, "", "Refunds") == "general/refunds.md"
    write(tmp_path, "general/refunds.md", "x")
    assert free_path(tmp_path, "", "Refunds") == "general/refunds-2.md"
    write(tmp_path, "general/refunds-2.md", "x")
    (tmp_path / "general/refunds-3.md").symlink_to(tmp_path / "nowhere.md")  # dangling
    assert free_path(tmp_path, "General", "Refunds") == "general/refunds-4.md"


def test_links_escape_brackets_and_are_relative() -> None:
    assert link_markdown("Odd [v2]", "how to/odd.md", "general/a.md") == \
        "[Odd \\[v2\\]](../how%20to/odd.md)"
