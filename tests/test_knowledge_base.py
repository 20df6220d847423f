"""KnowledgeBase without Qt: opening, reading, checking and saving with conflicts."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kb_app import config
from kb_app.authoring import Edit, checked_path
from kb_app.history import History
from kb_app.knowledge_base import KnowledgeBase
from kb_app.operations import ReadOnlySample, SaveConflict, UnknownArticle, ValidationFailed
from tests.conftest import write

WARRANTY = "general/warranty.md"
TODAY = dt.date.today().isoformat()


@pytest.fixture
def kb(kb_dir: Path, tmp_path: Path):
    with KnowledgeBase(kb_dir, tmp_path / "index", lock_timeout=10) as base:
        base.sync()  # what the window's index worker and `kb` do first
        yield base


def found(kb: KnowledgeBase, text: str) -> list[str]:
    with kb.searcher() as searcher:
        return [hit.path for hit in searcher.search(text, include_drafts=True,
                                                    include_archived=True).results]


def test_paths_come_from_config(kb_dir: Path) -> None:
    with KnowledgeBase(kb_dir) as kb:
        assert kb.index.index_dir == config.default_index_dir(kb_dir)
        assert kb.recovery.folder == config.data_dir(kb_dir) / "recovery"
        assert not kb.is_bundled_sample


def test_save_writes_only_changes_dates_indexes_and_records(kb: KnowledgeBase,
                                                            kb_dir: Path) -> None:
    before = (kb_dir / WARRANTY).read_text()
    edit = kb.load(WARRANTY)
    saved = kb.save(edit.with_body(edit.body + "Batteries are covered for six months.\n"),
                    "Nusrat Jahan", "Batteries too")
    after = (kb_dir / WARRANTY).read_text()
    assert after == before.replace("visibility: public\n",
                                   f"visibility: public\nupdated: {TODAY}\n") + \
        "Batteries are covered for six months.\n"
    assert found(kb, "batteries") == [WARRANTY]  # findable as soon as save returns
    revision = kb.history(WARRANTY)[0]
    assert (revision.message, revision.id) == ("Batteries too", saved.commit)
    assert revision.author.startswith("Nusrat Jahan <")
    assert saved.edit.base_text == after and not saved.edit.changed


def test_save_can_hand_the_revision_back_to_record_after(kb: KnowledgeBase) -> None:
    saved = kb.save(kb.load(WARRANTY).with_fields(owner="Rafiq"), "Rafiq Islam", record=False)
    assert saved.commit is None and kb.history(WARRANTY) == []  # no repository made yet
    assert found(kb, "warranty")[0] == WARRANTY
    commit = kb.record(saved.revision)
    assert [(r.id, r.message) for r in kb.history(WARRANTY)] == [(commit, "Edit Warranty policy")]


def test_a_draft_saves_with_problems_and_is_not_dated(kb: KnowledgeBase, kb_dir: Path) -> None:
    path = "router/draft-mesh.md"
    saved = kb.save(kb.load(path).with_fields(review_by="soon", summary=""), "A")
    assert set(saved.problems) == {"review_by"}
    text = (kb_dir / path).read_text()
    assert "review_by: soon" in text and "updated" not in text and "summary" not in text


def test_a_published_article_with_problems_is_not_saved(kb: KnowledgeBase, kb_dir: Path) -> None:
    before = (kb_dir / WARRANTY).read_bytes()
    with pytest.raises(ValidationFailed) as failed:
        kb.save(kb.load(WARRANTY).with_fields(summary="", review_by="next week"), "A")
    assert set(failed.value.problems) == {"summary", "review_by"}
    assert "date" in failed.value.problems["review_by"]
    assert kb.check(kb.load(WARRANTY).with_body("[x](missing.md)")) == {
        "body": "Links to files that do not exist: missing.md (line 1)"}
    assert (kb_dir / WARRANTY).read_bytes() == before


def test_an_id_clash_blocks_even_a_draft(kb: KnowledgeBase) -> None:
    with pytest.raises(ValidationFailed) as failed:
        kb.save(kb.load(WARRANTY).with_fields(id="refund-policy", status="draft"), "A")
    assert "refund-policy" in failed.value.problems["id"]


def test_a_conflict_carries_theirs_and_overwrites_nothing(kb: KnowledgeBase,
                                                          kb_dir: Path) -> None:
    edit = kb.load(WARRANTY)
    theirs = (kb_dir / WARRANTY).read_text().replace("water damage", "flood damage")
    (kb_dir / WARRANTY).write_text(theirs)
    with pytest.raises(SaveConflict) as conflict:
        kb.save(edit.with_fields(title="Warranty, explained"), "A")
    assert conflict.value.theirs == theirs and conflict.value.edit.path == WARRANTY
    assert (kb_dir / WARRANTY).read_text() == theirs
    assert kb.take_theirs(conflict.value.edit).base_text == theirs


def test_merge_after_a_conflict_saves_both_sides(kb: KnowledgeBase, kb_dir: Path) -> None:
    edit = kb.load(WARRANTY)
    path = kb_dir / WARRANTY
    path.write_text(path.read_text().replace("water damage", "flood damage")
                    .replace("tags: [warranty]", "tags: [warranty, repair]"))
    mine = edit.with_fields(owner="Nusrat").with_body("Mine first.\n" + edit.body)
    with pytest.raises(SaveConflict) as conflict:
        kb.save(mine, "A")
    merged = kb.merge(conflict.value.edit, conflict.value.theirs)
    assert merged.conflicts == 0 and merged.edit.value("tags") == "warranty, repair"
    kb.save(merged.edit, "A", "Merged")
    text = path.read_text()
    assert "Mine first." in text and "flood damage" in text and "owner: Nusrat" in text
    assert "tags: [warranty, repair]" in text


def test_keep_mine_overwrites_theirs_knowingly(kb: KnowledgeBase, kb_dir: Path) -> None:
    edit = kb.load(WARRANTY).with_fields(title="Mine")
    path = kb_dir / WARRANTY
    path.write_text(path.read_text().replace("water damage", "flood damage"))
    with pytest.raises(SaveConflict) as conflict:
        kb.save(edit, "A")
    kb.save(kb.keep_mine(conflict.value.edit), "A")
    text = path.read_text()
    assert "title: Mine" in text and "flood" not in text and f"updated: {TODAY}" in text


def test_a_file_deleted_since_it_was_opened_is_a_conflict(kb: KnowledgeBase,
                                                          kb_dir: Path) -> None:
    edit = kb.load(WARRANTY)
    (kb_dir / WARRANTY).unlink()
    with pytest.raises(SaveConflict) as conflict:
        kb.save(edit.with_fields(owner="x"), "A")
    assert conflict.value.theirs is None and not (kb_dir / WARRANTY).exists()


def test_new_articles_get_free_paths_and_ids_from_their_titles(kb: KnowledgeBase,
                                                              kb_dir: Path) -> None:
    new = kb.new_article("Complaint playbook", "Noisy fan complaint", product="AirNest Router")
    assert new.path == "airnest-router/noisy-fan-complaint.md" and new.edit.path is None
    saved = kb.save(new.edit.with_fields(summary="Book a fan check."), "Nusrat Jahan")
    text = (kb_dir / saved.path).read_text()
    assert saved.path == new.path and "id: noisy-fan-complaint" in text
    assert "status: draft" in text and "What the customer says" in text
    assert kb.history(saved.path)[0].message == "New article: Noisy fan complaint"
    again = kb.new_article("Complaint playbook", "Noisy fan complaint", product="AirNest Router")
    assert again.path == "airnest-router/noisy-fan-complaint-2.md"
    assert "id: noisy-fan-complaint-2\n" in (kb_dir / kb.save(again.edit, "A").path).read_text()
    third = kb.new_article("Complaint playbook", "Noisy fan complaint", product="AirNest Router")
    assert third.path.endswith("-3.md")


def test_a_new_article_at_a_path_that_appeared_meanwhile_is_a_conflict(
        kb: KnowledgeBase, kb_dir: Path) -> None:
    new = kb.new_article("How-to", "Pair a watch", path="watch/pair.md")
    assert new.path == "watch/pair.md"
    write(kb_dir, "watch/pair.md", "Someone else's\n")
    with pytest.raises(SaveConflict) as conflict:
        kb.save(new.edit, "A")
    assert conflict.value.theirs == "Someone else's\n"


def test_recovered_text_over_a_changed_file_asks_and_merges_marking_everything(
        kb: KnowledgeBase, kb_dir: Path) -> None:
    original = (kb_dir / WARRANTY).read_text()
    kb.recovery.keep(WARRANTY, original.replace("faults", "defects"),
                     base=kb.load(WARRANTY).fingerprint.sha1)
    (kb_dir / WARRANTY).write_text(original.replace("water damage", "flood damage"))
    entry = kb.recovery.pending()[0]
    edit = kb.recover(entry["key"], entry["text"], entry["base"])
    assert "defects" in edit.body and edit.changed
    with pytest.raises(SaveConflict):
        kb.save(edit, "A")
    merged = kb.merge(edit)
    assert merged.body_conflicts == 1 and "<<<<<<< mine" in merged.edit.body
    unchanged = kb.recover(WARRANTY, original.replace("faults", "defects"),
                           base=kb.load(WARRANTY).fingerprint.sha1)
    assert kb.save(unchanged, "A").path == WARRANTY  # typed over this very file: no question
    new = kb.recover("new:123", "---\ntitle: Half\n---\nText\n")
    assert new.path is None and new.value("title") == "Half"


def test_catalogue_and_the_link_picker(kb: KnowledgeBase) -> None:
    catalogue = kb.catalogue()
    assert "General" in catalogue.products and "warranty" in catalogue.tags
    assert catalogue.ids_by_path[WARRANTY] == "warranty-policy"
    assert "warranty-policy" not in catalogue.ids_elsewhere(WARRANTY)
    assert [h.path for h in kb.find("satellite")] == ["router/draft-mesh.md"]  # drafts too
    assert kb.find("rental plan") == []  # archived: a link to it would be dead
    assert WARRANTY not in [h.path for h in kb.find("warranty", exclude=WARRANTY)]


def test_ids_and_paths_resolve(kb: KnowledgeBase, kb_dir: Path) -> None:
    assert kb.resolve("warranty-policy") == WARRANTY
    assert kb.resolve(WARRANTY) == kb.resolve(str(kb_dir / WARRANTY)) == WARRANTY
    with pytest.raises(UnknownArticle):
        kb.resolve("general/gone.md")
    assert kb.resolve("general/gone.md", must_exist=False) == "general/gone.md"
    for outside in ("../x.md", "/etc/passwd", ".git/x.md", "general/notes.txt", ""):
        with pytest.raises(ValueError):
            checked_path(outside)


def test_local_data_and_history_are_one_per_thread(kb: KnowledgeBase) -> None:
    seen: dict[str, object] = {}
    # Both threads live until both have worked: a thread that ended may hand its ident,
    # and so its History, to the next one (flaky on a loaded machine before).
    both = threading.Barrier(2, timeout=10)

    def work(name: str) -> None:
        data = kb.open_local_data()
        data.set_pinned(name, True)
        seen[name] = (kb.thread_history(), data.pins())
        data.close()
        both.wait()

    threads = [threading.Thread(target=work, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen["a"][0] is not seen["b"][0] and isinstance(seen["a"][0], History)
    assert kb.thread_history() is kb.thread_history()
    assert sorted(seen["b"][1]) in (["a", "b"], ["b"])


def test_the_bundled_sample_is_copied_never_edited_in_place(kb_dir: Path, tmp_path: Path,
                                                            monkeypatch) -> None:
    write(kb_dir, ".git/config", "[core]\n")
    monkeypatch.setattr(config, "bundled_articles_dir", lambda: kb_dir)
    with KnowledgeBase(kb_dir, tmp_path / "ix") as sample:
        assert sample.is_bundled_sample
        with pytest.raises(ReadOnlySample):
            sample.save(sample.load(WARRANTY).with_fields(owner="x"), "A")
        with pytest.raises(ReadOnlySample):
            sample.delete(WARRANTY, "A")
        copy = sample.copy_sample(tmp_path / "copy")
    assert (copy / WARRANTY).read_bytes() == (kb_dir / WARRANTY).read_bytes()
    assert not (copy / ".git").exists()
    with KnowledgeBase(copy, tmp_path / "ix2") as edited:
        assert not edited.is_bundled_sample
        assert edited.save(edited.load(WARRANTY).with_fields(owner="x"), "A").commit


def test_an_edit_is_a_value() -> None:
    edit = Edit.from_text("---\ntitle: A\n---\nBody\n", "a.md")
    later = edit.with_fields(title="B")
    assert edit.value("title") == "A" and later.value("title") == "B"
    with pytest.raises(AttributeError):
        later.path = "b.md"  # type: ignore[misc]


def test_the_core_runs_without_qt(kb_dir: Path, tmp_path: Path) -> None:
    """Every module outside kb_app.gui imports, and a save runs, with PySide6 blocked."""
    script = f"""
import importlib, pkgutil, sys
sys.modules["PySide6"] = None
import kb_app
for module in pkgutil.walk_packages(kb_app.__path__, "kb_app."):
    if not module.name.startswith(("kb_app.gui", "kb_app.__main__")):
        importlib.import_module(module.name)
from kb_app.knowledge_base import KnowledgeBase
with KnowledgeBase({str(kb_dir)!r}, {str(tmp_path / "ix")!r}) as kb:
    print(kb.save(kb.load("{WARRANTY}").with_fields(owner="Q"), "A").path)
assert not any(name.startswith("PySide6.") for name in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == WARRANTY
